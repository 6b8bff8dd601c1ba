/* Lexicon lookups over the tables compiled from lib/data at build time
 * (see lib/data/lexicon_data.h for the layout).  No state, no allocation:
 * any number of threads may look up at once. */
#include <string.h>

#include "../data/lexfold.h"
#include "../data/lexicon_data.h"
#include "internal.h"

_Static_assert(WOO__LEX_TABLES == WOO__LEX_COUNT,
               "lexicon tables and woo__lex ids disagree");

static uint32_t slot_at(const woo__lex_table *t, uint32_t i) {
  const unsigned char *p = t->slots + 4 * (size_t)i;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

bool woo__lex_has(woo__lex lex, const char *word, size_t len) {
  char key[WOO__LEXKEY_MAX];
  if ((unsigned)lex >= WOO__LEX_COUNT || !word)
    return false;
  const woo__lex_table *t = &woo__lex_tables[lex];
  if (t->count == 0)
    return false;
  size_t n = woo__lexfold(word, len, key);
  if (n == (size_t)-1 || n == 0)
    return false;
  uint64_t h = woo__lexhash(key, n);
  uint32_t tag = (uint32_t)(h >> 56);
  uint32_t i = (uint32_t)h & t->mask;
  for (;;) {
    uint32_t s = slot_at(t, i);
    if (s == 0)
      return false;
    if ((s & 0xFF) == tag) {
      size_t off = (s >> 8) - 1;
      if (off + n < t->blob_len + 1 && memcmp(t->blob + off, key, n) == 0 &&
          t->blob[off + n] == '\0')
        return true;
    }
    i = (i + 1) & t->mask;
  }
}

size_t woo__lex_size(woo__lex lex) {
  if ((unsigned)lex >= WOO__LEX_COUNT)
    return 0;
  return woo__lex_tables[lex].count;
}
