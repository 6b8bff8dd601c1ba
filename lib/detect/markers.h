/* Word lists for the recognizers, made ready once per process
 * (pthread_once in the recognizer) for the questions asked of them most.
 *
 * Marker words looked for in short windows of text, as su_has_word does,
 * in one pass over the window: each byte is looked up among the markers'
 * first letters.  su_has_word searches the window once per marker, which
 * for the long lists (28 office markers around every address, 36 network
 * words before every IP address and host name) was most of their cost.
 * A marker set is made from a NULL-terminated list of at most 64
 * lowercase words. */
#ifndef WOO_DETECT_MARKERS_H
#define WOO_DETECT_MARKERS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scanutil.h"

typedef struct woo__markers {
  const char *const *words;
  unsigned char len[64];
  uint64_t first[256]; /* bit k: words[k] starts with this byte, case folded */
  /* bit k: words[k] has this second byte, or has one byte only (in all
   * 256); most bytes that start a marker are turned away by the next */
  uint64_t second[256];
  uint64_t one_byte; /* bit k: words[k] has one byte */
} woo__markers;

static inline void woo__markers_init(woo__markers *m,
                                     const char *const *words) {
  memset(m, 0, sizeof *m);
  m->words = words;
  for (size_t k = 0; words[k] && k < 64; k++) {
    uint64_t bit = (uint64_t)1 << k;
    m->len[k] = (unsigned char)strlen(words[k]);
    m->first[(unsigned char)words[k][0]] |= bit;
    if (m->len[k] > 1)
      m->second[(unsigned char)words[k][1]] |= bit;
    else
      m->one_byte |= bit;
  }
  for (unsigned c = 0; c < 256; c++)
    m->second[c] |= m->one_byte;
  /* Capitals look up what their small letters do: the text's bytes are
   * looked up as they are, without folding each. */
  for (unsigned c = 'A'; c <= 'Z'; c++) {
    m->first[c] = m->first[c + 32];
    m->second[c] = m->second[c + 32];
  }
}

/* What su_has_word(t, a, b, m->words) answers: whether a marker occurs
 * in t[a..b), ASCII case folded, within its first 640 bytes. */
/* Whether one of the markers in c (bits of m's words) that start at
 * t[p] ends by b. */
static inline bool woo__markers_at(const woo__markers *m, const char *t,
                                   size_t p, size_t b, uint64_t c) {
  for (; c; c &= c - 1) {
    int k = __builtin_ctzll(c);
    size_t wl = m->len[k], j = 1;
    if (wl > b - p)
      continue;
    while (j < wl &&
           su_lowerc((unsigned char)t[p + j]) == (unsigned char)m->words[k][j])
      j++;
    if (j == wl)
      return true;
  }
  return false;
}

static inline bool woo__markers_in(const woo__markers *m, const char *t,
                                   size_t a, size_t b) {
  if (b - a > 640)
    b = a + 640;
  if (a >= b)
    return false;
  /* every byte but the last has one after it in the window */
  size_t last = b - 1;
  for (size_t p = a; p < last; p++) {
    uint64_t c = m->first[(unsigned char)t[p]];
    if (c && (c &= m->second[(unsigned char)t[p + 1]]) &&
        woo__markers_at(m, t, p, b, c))
      return true;
  }
  uint64_t c = m->first[(unsigned char)t[last]] & m->one_byte;
  return c && woo__markers_at(m, t, last, b, c);
}

/* What su_context_before(t, pos, window, m->words) answers. */
static inline bool woo__markers_before(const woo__markers *m, const char *t,
                                       size_t pos, size_t window) {
  return woo__markers_in(m, t, pos > window ? pos - window : 0, pos);
}

/* A word list looked up as su_in_list does (whole words, the text ASCII
 * case folded), with the words grouped by their first byte: su_in_list
 * walks the whole list for every word of the text it is asked about,
 * which for the 88 functional mailbox names and the street words was
 * most of their cost.  At most 255 words. */
typedef struct woo__wordset {
  const char *const *words;
  size_t len[255];
  unsigned char order[255]; /* word indices by first byte */
  unsigned char from[257];  /* byte c: order[from[c] .. from[c + 1]) */
  bool has_empty;
} woo__wordset;

static inline void woo__wordset_init(woo__wordset *w,
                                     const char *const *words) {
  memset(w, 0, sizeof *w);
  w->words = words;
  size_t n = 0, count[256] = {0};
  for (; words[n] && n < 255; n++) {
    w->len[n] = strlen(words[n]);
    w->has_empty |= w->len[n] == 0;
    count[(unsigned char)words[n][0]]++;
  }
  size_t at = 0;
  for (unsigned c = 0; c < 256; c++) {
    w->from[c] = (unsigned char)at;
    at += count[c];
  }
  w->from[256] = (unsigned char)at;
  size_t next[256];
  for (unsigned c = 0; c < 256; c++)
    next[c] = w->from[c];
  for (size_t k = 0; k < n; k++)
    w->order[next[(unsigned char)words[k][0]]++] = (unsigned char)k;
}

/* What su_in_list(s, n, w->words) answers. */
static inline bool woo__wordset_has(const woo__wordset *w, const char *s,
                                    size_t n) {
  if (n == 0)
    return w->has_empty;
  unsigned c0 = su_lowerc((unsigned char)s[0]);
  for (unsigned i = w->from[c0]; i < w->from[c0 + 1]; i++) {
    unsigned k = w->order[i];
    if (w->len[k] == n && su_eq_fold(s + 1, n - 1, w->words[k] + 1))
      return true;
  }
  return false;
}

#endif
