/* Prepared lexicon keys: fold and hash a word once, then ask about it
 * in every lexicon at once.  Used by the name recognizer, which needs to
 * know a capitalised word's membership of all lexicons.  Internal to
 * lib/detect. */
#ifndef WOO_DETECT_LEXICON_H
#define WOO_DETECT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../data/lexfold.h"
#include "../data/lexicon_data.h"
#include "internal.h"

typedef struct woo__lexkey {
  char s[WOO__LEXKEY_MAX];
  size_t n; /* 0: not foldable (too long, not UTF-8, empty) */
  uint64_t hash;
} woo__lexkey;

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
