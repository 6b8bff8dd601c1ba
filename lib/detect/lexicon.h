/* Prepared lexicon keys: fold and hash a word once, then ask several
 * lexicons about it.  Used by the name recognizer, which asks up to six
 * lexicons about every capitalised word.  Internal to lib/detect. */
#ifndef WOO_DETECT_LEXICON_H
#define WOO_DETECT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../data/lexfold.h"
#include "internal.h"

typedef struct woo__lexkey {
  char s[WOO__LEXKEY_MAX];
  size_t n; /* 0: not foldable (too long, not UTF-8, empty) */
  uint64_t hash;
} woo__lexkey;

/* Fold and hash word[0..len). */
void woo__lexkey_set(woo__lexkey *key, const char *word, size_t len);
/* Whether the prepared key is in the lexicon. */
bool woo__lexkey_in(woo__lex lex, const woo__lexkey *key);
/* Whether a multi-word entry of the lexicon starts with the key's word. */
bool woo__lexkey_opens(woo__lex lex, const woo__lexkey *key);

#endif
