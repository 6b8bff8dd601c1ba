/* Verification: the withheld strings must not be found in an output.
 * Comparison is case-folded with white space normalised, so a name that
 * survives split over two lines or in capitals is still caught. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "woo/marks.h"

int woo__fold_text(woo__buf *out, const char *s, size_t len) {
  int rc = woo__buf_grow(out, len);
  bool space = false;
  for (size_t i = 0; i < len && rc == 0;) {
    size_t n;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, len - i, &n);
    i += n;
    if (cp == WOO__BAD_CP)
      continue;
    if (woo__is_space(cp) || cp == 0xAD /* soft hyphen */) {
      space = cp != 0xAD || space;
      continue;
    }
    if (space && out->len) /* leading space is dropped */
      rc = woo__buf_putc(out, ' ');
    space = false;
    if (rc == 0)
      rc = woo__buf_put_utf8(out, woo__fold(cp));
  }
  return rc;
}

void woo__needles_free(woo__needles *nd) {
  for (size_t i = 0; i < nd->n; i++)
    free(nd->v[i]);
  free(nd->v);
  nd->v = NULL;
  nd->n = 0;
}

int woo__needles_build(woo__needles *nd, const char *text, size_t len,
                       const woo__run *runs, size_t n) {
  nd->v = NULL;
  nd->n = 0;
  if (n == 0)
    return 0;
  nd->v = woo__calloc(n, sizeof *nd->v);
  if (!nd->v)
    return WOO_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    if (runs[i].end > len)
      continue;
    woo__buf b = WOO__BUF_INIT;
    int rc = woo__fold_text(&b, text + runs[i].start, runs[i].end - runs[i].start);
    if (rc) {
      woo__buf_free(&b);
      woo__needles_free(nd);
      return rc;
    }
    size_t chars = 0;
    for (size_t k = 0; k < b.len; k++)
      chars += ((unsigned char)b.data[k] & 0xC0) != 0x80;
    if (chars < 2) {
      woo__buf_free(&b);
      continue;
    }
    nd->v[nd->n++] = woo__buf_detach(&b, NULL);
  }
  return 0;
}

static bool word_byte(const char *s, size_t len, size_t at) {
  size_t n;
  uint32_t cp = woo__utf8_decode((const unsigned char *)s + at, len - at, &n);
  return woo__is_letter(cp) || woo__is_digit(cp);
}

long woo__needles_find(const woo__needles *nd, const char *hay, size_t len) {
  for (size_t i = 0; i < nd->n; i++) {
    size_t nl = strlen(nd->v[i]);
    const char *p = hay;
    while ((p = memmem(p, (size_t)(hay + len - p), nd->v[i], nl))) {
      size_t at = (size_t)(p - hay);
      bool left = at == 0 || !word_byte(hay, len, woo__utf8_back(hay, at - 1)) ||
                  !word_byte(nd->v[i], nl, 0);
      bool right = at + nl >= len || !word_byte(hay, len, at + nl) ||
                   !word_byte(nd->v[i], nl, woo__utf8_back(nd->v[i], nl - 1));
      if (left && right)
        return (long)i;
      p++;
    }
  }
  return -1;
}

int woo__needles_forgive(woo__needles *nd, const char *text, size_t len,
                         const woo_marks *marks) {
  for (size_t i = 0; i < woo_marks_count(marks); i++) {
    const woo_mark *m = woo_marks_at(marks, i);
    if (m->status != WOO_MARK_REJECTED || m->end > len)
      continue;
    woo__buf b = WOO__BUF_INIT;
    int rc = woo__fold_text(&b, text + m->start, m->end - m->start);
    if (rc) {
      woo__buf_free(&b);
      return rc;
    }
    size_t w = 0;
    for (size_t k = 0; k < nd->n; k++) {
      if (b.data && strcmp(nd->v[k], b.data) == 0)
        free(nd->v[k]);
      else
        nd->v[w++] = nd->v[k];
    }
    nd->n = w;
    woo__buf_free(&b);
  }
  return 0;
}
