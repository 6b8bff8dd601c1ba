/* Marker words looked for in short windows of text, as su_has_word does,
 * in one pass over the window: each byte is looked up among the markers'
 * first letters.  su_has_word searches the window once per marker, which
 * for the long lists (28 office markers around every address, 36 network
 * words before every IP address and host name) was most of their cost.
 *
 * A set is made once per process (pthread_once in the recognizer) from a
 * NULL-terminated list of at most 64 lowercase words. */
#ifndef WOO_DETECT_MARKERS_H
#define WOO_DETECT_MARKERS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scanutil.h"

typedef struct woo__markers {
  const char *const *words;
  unsigned char len[64];
  uint64_t first[256]; /* bit k: words[k] starts with this byte */
} woo__markers;

static inline void woo__markers_init(woo__markers *m,
                                     const char *const *words) {
  memset(m, 0, sizeof *m);
  m->words = words;
  for (size_t k = 0; words[k] && k < 64; k++) {
    m->len[k] = (unsigned char)strlen(words[k]);
    m->first[(unsigned char)words[k][0]] |= (uint64_t)1 << k;
  }
}

/* What su_has_word(t, a, b, m->words) answers: whether a marker occurs
 * in t[a..b), ASCII case folded, within its first 640 bytes. */
static inline bool woo__markers_in(const woo__markers *m, const char *t,
                                   size_t a, size_t b) {
  if (b - a > 640)
    b = a + 640;
  for (size_t p = a; p < b; p++) {
    for (uint64_t c = m->first[su_lowerc((unsigned char)t[p])]; c;
         c &= c - 1) {
      int k = __builtin_ctzll(c);
      size_t wl = m->len[k], j = 1;
      if (wl > b - p)
        continue;
      while (j < wl && su_lowerc((unsigned char)t[p + j]) ==
                           (unsigned char)m->words[k][j])
        j++;
      if (j == wl)
        return true;
    }
  }
  return false;
}

/* What su_context_before(t, pos, window, m->words) answers. */
static inline bool woo__markers_before(const woo__markers *m, const char *t,
                                       size_t pos, size_t window) {
  return woo__markers_in(m, t, pos > window ? pos - window : 0, pos);
}

#endif
