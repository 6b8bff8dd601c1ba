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

/* The bytes p[0..n) (1 <= n <= 16) in w[0], w[1] in memory order, zero
 * after them; reads no byte outside p[0..n). */
static inline void woo__lex_load16(const char *p, size_t n, uint64_t w[2]) {
  unsigned char b[16] = {0};
  /* two fixed-size copies that overlap where n is not 8 or 16, cheaper
   * than one of variable size */
  if (n >= 8) {
    memcpy(b, p, 8);
    memcpy(b + n - 8, p + n - 8, 8);
  } else if (n >= 4) {
    memcpy(b, p, 4);
    memcpy(b + n - 4, p + n - 4, 4);
  } else {
    b[0] = (unsigned char)p[0];
    b[n / 2] = (unsigned char)p[n / 2];
    b[n - 1] = (unsigned char)p[n - 1];
  }
  memcpy(w, b, 16);
}

/* Fold and hash the word whose bytes woo__lex_load16 put in w, when it
 * is 1..16 bytes of printable ASCII other than space and '`'; false
 * otherwise (fold it with woo__lexkey_set then). */
bool woo__lexshort_set(woo__lexshort *key, const uint64_t w[2], size_t n);
/* woo__lexkey_bits for a short key. */
uint32_t woo__lexshort_bits(const woo__lexshort *key);

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
