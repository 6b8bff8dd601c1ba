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
    unsigned char c = (unsigned char)s[i];
    /* ASCII letters, digits and punctuation: the bulk of any text. */
    if (c > ' ' && c < 0x80) {
      if (space && out->len)
        out->data[out->len++] = ' ';
      space = false;
      out->data[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      out->data[out->len] = '\0';
      i++;
      continue;
    }
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

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
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
  /* Runs with the same raw text give the same needle: fold each distinct
   * text once.  An open-addressing set of run indices, keyed by a hash of
   * the raw text and confirmed byte for byte, so no text is ever skipped
   * because of a collision. */
  size_t slots = 64;
  while (slots < 2 * n)
    slots *= 2;
  size_t *seen = woo__calloc(slots, sizeof *seen); /* run index + 1 */
  if (!seen) {
    woo__needles_free(nd);
    return WOO_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    if (runs[i].end > len)
      continue;
    size_t rl = runs[i].end - runs[i].start;
    uint64_t h = 1469598103934665603ull;
    for (size_t k = runs[i].start; k < runs[i].end; k++)
      h = (h ^ (unsigned char)text[k]) * 1099511628211ull;
    size_t j = h & (slots - 1);
    bool dup = false;
    while (seen[j] && !dup) {
      const woo__run *o = &runs[seen[j] - 1];
      dup = o->end - o->start == rl &&
            memcmp(text + o->start, text + runs[i].start, rl) == 0;
      if (!dup)
        j = (j + 1) & (slots - 1);
    }
    if (dup)
      continue;
    seen[j] = i + 1;
    woo__buf b = WOO__BUF_INIT;
    int rc = woo__fold_text(&b, text + runs[i].start, runs[i].end - runs[i].start);
    if (rc) {
      woo__buf_free(&b);
      free(seen);
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
  free(seen);
  /* A name withheld a thousand times is one needle. */
  if (nd->n > 1) {
    qsort(nd->v, nd->n, sizeof *nd->v, cmp_str);
    size_t w = 1;
    for (size_t i = 1; i < nd->n; i++) {
      if (strcmp(nd->v[i], nd->v[w - 1]) == 0)
        free(nd->v[i]);
      else
        nd->v[w++] = nd->v[i];
    }
    nd->n = w;
  }
  return 0;
}

static inline bool word_byte(const char *s, size_t len, size_t at) {
  unsigned char c = (unsigned char)s[at];
  if (c < 0x80) /* the common case, without decoding */
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
  size_t n;
  uint32_t cp = woo__utf8_decode((const unsigned char *)s + at, len - at, &n);
  return woo__is_letter(cp) || woo__is_digit(cp);
}

typedef struct nkey {
  uint64_t hash; /* of the needle's first word */
  size_t offset; /* where that word starts in the needle */
  size_t idx;
} nkey;

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static size_t word_run(const char *s, size_t len, size_t at) {
  size_t e = at;
  while (e < len && word_byte(s, len, e)) {
    if ((unsigned char)s[e] < 0x80) {
      e++;
      continue;
    }
    size_t n;
    woo__utf8_decode((const unsigned char *)s + e, len - e, &n);
    e += n;
  }
  return e - at;
}

static int cmp_nkey(const void *a, const void *b) {
  const nkey *x = a, *y = b;
  return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static bool whole_word_at(const char *hay, size_t len, size_t at,
                          const char *needle, size_t nl) {
  if (at + nl > len || memcmp(hay + at, needle, nl) != 0)
    return false;
  bool left = at == 0 || !word_byte(hay, len, woo__utf8_back(hay, at - 1)) ||
              !word_byte(needle, nl, 0);
  bool right = at + nl >= len || !word_byte(hay, len, at + nl) ||
               !word_byte(needle, nl, woo__utf8_back(needle, nl - 1));
  return left && right;
}

/* One pass over the haystack's words, whatever the number of needles:
 * each needle is keyed by its first word, and only needles whose first
 * word occurs are compared in full.  Needles without any word (rare:
 * punctuation only) are searched one by one. */
long woo__needles_find(const woo__needles *nd, const char *hay, size_t len) {
  if (nd->n == 0)
    return -1;
  nkey *keys = malloc(nd->n * sizeof *keys);
  size_t nk = 0;
  long found = -1;
  for (size_t i = 0; i < nd->n && found < 0; i++) {
    const char *v = nd->v[i];
    size_t nl = strlen(v), o = 0;
    while (o < nl && !word_byte(v, nl, o))
      o++;
    if (o == nl || !keys) {
      for (const char *p = hay; (p = memmem(p, (size_t)(hay + len - p), v, nl)); p++)
        if (whole_word_at(hay, len, (size_t)(p - hay), v, nl)) {
          found = (long)i;
          break;
        }
      continue;
    }
    keys[nk++] = (nkey){hash_bytes(v + o, word_run(v, nl, o)), o, i};
  }
  if (found >= 0 || nk == 0) {
    free(keys);
    return found;
  }
  qsort(keys, nk, sizeof *keys, cmp_nkey);
  for (size_t at = 0; at < len && found < 0;) {
    if (!word_byte(hay, len, at)) {
      at++;
      continue;
    }
    size_t w = word_run(hay, len, at);
    nkey probe = {hash_bytes(hay + at, w), 0, 0};
    nkey *k = bsearch(&probe, keys, nk, sizeof *keys, cmp_nkey);
    /* bsearch lands on any equal key: back up to the first of the run. */
    while (k && k > keys && k[-1].hash == probe.hash)
      k--;
    for (; k && k < keys + nk && k->hash == probe.hash && found < 0; k++) {
      const char *v = nd->v[k->idx];
      if (k->offset <= at &&
          whole_word_at(hay, len, at - k->offset, v, strlen(v)))
        found = (long)k->idx;
    }
    at += w;
  }
  free(keys);
  return found;
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
    /* Every needle found inside the rejected text is forgiven: the
     * reviewer let "Marloes Dijkstra" stand here, so "Dijkstra" in it is
     * a decision, not a leak. */
    long k;
    while (b.data && (k = woo__needles_find(nd, b.data, b.len)) >= 0) {
      free(nd->v[k]);
      nd->v[k] = nd->v[--nd->n];
    }
    woo__buf_free(&b);
  }
  return 0;
}
