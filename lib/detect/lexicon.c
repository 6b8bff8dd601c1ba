/* Lexicon lookups over the tables compiled from lib/data at build time
 * (see lib/data/lexicon_data.h for the layout).  No state, no allocation:
 * any number of threads may look up at once. */
#include <string.h>

#include "../data/lexfold.h"
#include "../data/lexicon_data.h"
#include "internal.h"
#include "lexicon.h"

_Static_assert(WOO__LEX_TABLES == WOO__LEX_COUNT,
               "lexicon tables and woo__lex ids disagree");

static uint32_t slot_at(const woo__lex_table *t, uint32_t i) {
  const unsigned char *p = t->slots + 4 * (size_t)i;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

void woo__lexkey_set(woo__lexkey *key, const char *word, size_t len) {
  size_t n = word ? woo__lexfold(word, len, key->s) : (size_t)-1;
  key->n = n == (size_t)-1 ? 0 : n;
  key->hash = woo__lexhash(key->s, key->n);
}

static bool table_has(const woo__lex_table *t, const woo__lexkey *key);

bool woo__lexkey_in(woo__lex lex, const woo__lexkey *key) {
  if ((unsigned)lex >= WOO__LEX_COUNT || key->n == 0)
    return false;
  return table_has(&woo__lex_tables[lex], key);
}

bool woo__lexkey_opens(woo__lex lex, const woo__lexkey *key) {
  if ((unsigned)lex >= WOO__LEX_COUNT || key->n == 0)
    return false;
  return table_has(&woo__lex_openers[lex], key);
}

static bool table_has(const woo__lex_table *t, const woo__lexkey *key) {
  if (t->count == 0)
    return false;
  size_t n = key->n;
  uint32_t tag = (uint32_t)(key->hash >> 56);
  uint32_t i = (uint32_t)key->hash & t->mask;
  for (;;) {
    uint32_t s = slot_at(t, i);
    if (s == 0)
      return false;
    if ((s & 0xFF) == tag) {
      size_t off = (s >> 8) - 1;
      if (off + n < t->blob_len + 1 && memcmp(t->blob + off, key->s, n) == 0 &&
          t->blob[off + n] == '\0')
        return true;
    }
    i = (i + 1) & t->mask;
  }
}

bool woo__lex_has(woo__lex lex, const char *word, size_t len) {
  woo__lexkey key;
  if ((unsigned)lex >= WOO__LEX_COUNT || !word)
    return false;
  woo__lexkey_set(&key, word, len);
  return woo__lexkey_in(lex, &key);
}

size_t woo__lex_size(woo__lex lex) {
  if ((unsigned)lex >= WOO__LEX_COUNT)
    return 0;
  return woo__lex_tables[lex].count;
}
