/* Text redaction: each run of marks becomes its ground code. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "woo/marks.h"

static bool joinable_gap(const char *s, size_t n) {
  /* Spaces and punctuation join two marks into one code; a line break,
   * a letter or a digit keeps them apart (paragraphs keep a code each). */
  for (size_t i = 0; i < n;) {
    size_t k;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, n - i, &k);
    if (cp == '\n' || cp == '\r' || woo__is_letter(cp) || woo__is_digit(cp) ||
        cp == WOO__BAD_CP)
      return false;
    i += k;
  }
  return n <= 8;
}

int woo__redact_runs(const char *text, size_t len, const woo_marks *marks,
                     woo__run **runs, size_t *n) {
  *runs = NULL;
  *n = 0;
  size_t count = woo_marks_count(marks);
  woo__run *v = count ? woo__calloc(count, sizeof *v) : NULL;
  if (count && !v)
    return WOO_ENOMEM;
  woo_entity last_entity = WOO_ENTITY_OTHER;
  for (size_t i = 0; i < count; i++) {
    const woo_mark *m = woo_marks_at(marks, i);
    if (m->status == WOO_MARK_REJECTED)
      continue;
    if (m->end > len || m->start > m->end) {
      free(v);
      return woo__error(WOO_EINVAL, "mark %zu [%zu, %zu) lies outside the text "
                        "(%zu bytes)", i, m->start, m->end, len);
    }
    if (*n) {
      woo__run *r = &v[*n - 1];
      /* Overlapping marks merge whatever their grounds: the text can be
       * replaced only once.  The first ground (the earlier mark) stays. */
      if (m->start < r->end) {
        if (m->end > r->end)
          r->end = m->end;
        continue;
      }
      if (m->ground == r->ground && m->entity == last_entity &&
          joinable_gap(text + r->end, m->start - r->end)) {
        r->end = m->end;
        continue;
      }
    }
    v[*n].start = m->start;
    v[*n].end = m->end;
    v[*n].ground = m->ground;
    last_entity = m->entity;
    (*n)++;
  }
  *runs = v;
  return 0;
}

int woo_redact_text(char **out, size_t *out_len, const woo_doc *doc,
                    const woo_marks *marks, const woo_redact_options *opts) {
  if (!out || !doc || !marks)
    return woo__error(WOO_EINVAL, "out, doc or marks is NULL");
  if (opts && opts->version != WOO_REDACT_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "unknown woo_redact_options version %u",
                      opts->version);
  *out = NULL;
  woo_style style = opts ? opts->style : WOO_STYLE_DOTTED;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  woo__run *runs;
  size_t n;
  int rc = woo__redact_runs(text, len, marks, &runs, &n);
  if (rc)
    return rc;
  woo__buf b = WOO__BUF_INIT;
  size_t at = 0;
  char code[96];
  for (size_t i = 0; i < n && rc == 0; i++) {
    woo_ground_format(code, sizeof code, runs[i].ground, style);
    if ((rc = woo__buf_put(&b, text + at, runs[i].start - at)) == 0)
      rc = woo__buf_puts(&b, code);
    at = runs[i].end;
  }
  if (rc == 0)
    rc = woo__buf_put(&b, text + at, len - at);
  free(runs);
  if (rc) {
    woo__buf_free(&b);
    return rc;
  }
  *out = woo__buf_detach(&b, out_len);
  return *out ? 0 : WOO_ENOMEM;
}
