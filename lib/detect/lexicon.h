/* Prepared lexicon keys: fold and hash a word once, then ask about it
 * in every lexicon at once.  Used by the name recognizer, which needs to
 * know a capitalised word's membership of all lexicons.  Internal to
 * lib/detect. */
#ifndef WOO_DETECT_LEXICON_H
#define WOO_DETECT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../data/lexfold.h"
#include "../data/lexicon_data.h"
#include "internal.h"

typedef struct woo__lexkey {
  char s[WOO__LEXKEY_MAX];
  size_t n; /* 0: not foldable (too long, not UTF-8, empty) */
  uint64_t hash;
} woo__lexkey;

/* A short word of plain ASCII, folded and hashed without copying: the
 * common case of the name recognizer, which has the word's bytes in two
 * registers already. */
typedef struct woo__lexshort {
  uint64_t c[2]; /* the folded bytes, little-endian, zero-padded */
  size_t n;      /* 1..16 */
  uint64_t hash; /* as woo__lexkey's */
} woo__lexshort;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WOO__LEX_LE 1
#else
#define WOO__LEX_LE 0
#endif

/* The bytes p[0..n) (1 <= n <= 16) in w[0], w[1] in memory order, zero
 * after them; reads no byte outside p[0..n). */
static inline void woo__lex_load16(const char *p, size_t n, uint64_t w[2]) {
#if WOO__LEX_LE
  /* Two loads that overlap where n is not 4, 8 or 16, put together in
   * registers: bytes stored one by one and read back eight at a time
   * would stall the load until the stores are done. */
  if (n >= 8) {
    uint64_t lo, hi;
    memcpy(&lo, p, 8);
    memcpy(&hi, p + n - 8, 8);
    w[0] = lo;
    w[1] = n > 8 ? hi >> (8 * (16 - n)) : 0;
  } else if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + n - 4, 4);
    w[0] = (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
    w[1] = 0;
  } else {
    w[0] = (uint64_t)(unsigned char)p[0] |
           (uint64_t)(unsigned char)p[n / 2] << (8 * (n / 2)) |
           (uint64_t)(unsigned char)p[n - 1] << (8 * (n - 1));
    w[1] = 0;
  }
#else
  unsigned char b[16] = {0};
  memcpy(b, p, n);
  memcpy(w, b, 16);
#endif
}

/* Fold and hash a word of 1..16 bytes whose bytes woo__lex_load16 put
 * in w, when it is plain ASCII; false otherwise (fold it with
 * woo__lexkey_set then).  The word must hold no white space, control
 * character or '`' (a word token of the name recognizer holds none),
 * so that lower case is all the folding it needs. */
static inline bool woo__lexshort_word(woo__lexshort *key, const uint64_t w[2],
                                      size_t n) {
#if WOO__LEX_LE
  const uint64_t ones = 0x0101010101010101u, hb = 0x8080808080808080u;
  if (n - 1 >= 16 || ((w[0] | w[1]) & hb))
    return false;
  /* per byte without carries (y <= 0x7f): y + (0x80 - 'A') has its high
   * bit set exactly when y >= 'A', y + (0x7f - 'Z') when y > 'Z'; the
   * zeros after the word stay zeros */
#define WOO__LOWER(y)                                                          \
  ((y) | ((((y) + ones * (0x80 - 'A')) & ~((y) + ones * (0x7f - 'Z')) & hb) >> 2))
  key->c[0] = WOO__LOWER(w[0]);
  key->c[1] = n > 8 ? WOO__LOWER(w[1]) : 0;
#undef WOO__LOWER
  uint64_t h = woo__lexhash_step(WOO__LEXHASH_START, key->c[0]);
  if (n > 8)
    h = woo__lexhash_step(h, key->c[1]);
  key->n = n;
  key->hash = woo__lexhash_end(h, n);
  return true;
#else
  (void)key;
  (void)w;
  (void)n;
  return false;
#endif
}

/* woo__lexkey_bits for a short key.  Inline where it is called: the
 * key's parts are in registers there, and the probe is short. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint32_t woo__lexshort_bits(const woo__lexshort *key) {
  const woo__lex_table *t = &woo__lex_all;
  size_t n = key->n;
  if (t->count == 0)
    return 0;
  uint32_t tag = (uint32_t)(key->hash >> 56);
  uint64_t m0 = n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
  uint64_t m1 = n <= 8    ? 0
                : n >= 16 ? ~(uint64_t)0
                          : ((uint64_t)1 << (8 * (n - 8))) - 1;
  for (uint32_t i = (uint32_t)key->hash & t->mask;; i = (i + 1) & t->mask) {
    const unsigned char *p = t->slots + 4 * (size_t)i;
    uint32_t s = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                 (uint32_t)p[3] << 24;
    if (s == 0)
      return 0;
    if ((s & 0xFF) != tag)
      continue;
    size_t off = (s >> 8) - 1;
    /* the 17 bytes from off are inside the blob and its padding */
    if (off < 4 || off >= t->blob_len)
      continue;
    uint64_t x[2];
    memcpy(x, t->blob + off, 16);
    if ((x[0] & m0) != key->c[0])
      continue;
    /* … and then the key's end: a NUL right after its n bytes */
    if ((x[1] & m1) != key->c[1] || t->blob[off + n] != '\0')
      continue;
    const unsigned char *bits = (const unsigned char *)t->blob + off - 4;
    return (uint32_t)bits[0] | (uint32_t)bits[1] << 8 |
           (uint32_t)bits[2] << 16 | (uint32_t)bits[3] << 24;
  }
}

/* Whether the key of this hash is a common word (WOO__LEX_COMMON_WORDS):
 * the fingerprint table needs the hash only.  Inline for the name
 * recognizer, which keeps the hash of each word it looked up. */
static inline bool woo__lexhash_common(uint64_t hash) {
  const woo__lex_fingerprints *t = &woo__lex_common;
  if (t->count == 0)
    return false;
  uint32_t f = (uint32_t)(hash >> 32) | 1u;
  for (uint32_t i = (uint32_t)hash & t->mask;; i = (i + 1) & t->mask) {
    const unsigned char *p = t->slots + 4 * (size_t)i;
    uint32_t x = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                 (uint32_t)p[3] << 24;
    if (x == f)
      return true;
    if (x == 0)
      return false;
  }
}

/* Fold and hash word[0..len). */
void woo__lexkey_set(woo__lexkey *key, const char *word, size_t len);
/* The lexicons the key belongs to: bit i for lexicon i, bit
 * WOO__LEX_OPENER_BIT(i) (lib/data/lexicon_data.h) when it is a word
 * prefix of a multi-word entry of lexicon i; 0 when it is in none.  The
 * common words are not among them: ask woo__lexkey_common. */
uint32_t woo__lexkey_bits(const woo__lexkey *key);
/* Whether the key is a common word (WOO__LEX_COMMON_WORDS). */
bool woo__lexkey_common(const woo__lexkey *key);
/* Whether the prepared key is in the lexicon. */
bool woo__lexkey_in(woo__lex lex, const woo__lexkey *key);
/* Whether a multi-word entry of the lexicon starts with the key's words. */
bool woo__lexkey_opens(woo__lex lex, const woo__lexkey *key);

#endif
