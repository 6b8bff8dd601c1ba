/* Lexicon lookups over the table compiled from lib/data at build time
 * (see lib/data/lexicon_data.h for the layout).  No state, no allocation:
 * any number of threads may look up at once. */
#include <string.h>

#include "../data/lexfold.h"
#include "../data/lexicon_data.h"
#include "internal.h"
#include "lexicon.h"

_Static_assert(WOO__LEX_TABLES == WOO__LEX_COUNT,
               "lexicon tables and woo__lex ids disagree");

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

void woo__lexkey_set(woo__lexkey *key, const char *word, size_t len) {
  /* Words of printable ASCII, the common case, fold and hash in one
   * pass; anything else goes through the full folding. */
  if (word && len > 0 && len < WOO__LEXKEY_MAX) {
    uint64_t h = WOO__LEXHASH_START;
    size_t i = 0;
    for (; i < len; i++) {
      unsigned char c = (unsigned char)word[i];
      if (c <= ' ' || c >= 0x7F || c == '`') {
        /* One space between two such characters stays one space, as
         * the full folding leaves it: phrases of several words ("de
         * heer", "college van B en W") need not take the long way. */
        unsigned char d = i + 1 < len ? (unsigned char)word[i + 1] : 0;
        if (c != ' ' || i == 0 || key->s[i - 1] == ' ' || d <= ' ' ||
            d >= 0x7F || d == '`')
          break;
      }
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c + 32);
      key->s[i] = (char)c;
      h = woo__lexhash_step(h, c);
    }
    if (i == len) {
      key->n = len;
      key->hash = woo__lexhash_end(h);
      return;
    }
  }
  size_t n = word ? woo__lexfold(word, len, key->s) : (size_t)-1;
  key->n = n == (size_t)-1 ? 0 : n;
  key->hash = woo__lexhash(key->s, key->n);
}

static uint32_t table_bits(const woo__lex_table *t, const woo__lexkey *key) {
  size_t n = key->n;
  if (t->count == 0 || n == 0)
    return 0;
  uint32_t tag = (uint32_t)(key->hash >> 56);
  uint32_t i = (uint32_t)key->hash & t->mask;
  for (;;) {
    uint32_t s = le32(t->slots + 4 * (size_t)i);
    if (s == 0)
      return 0;
    if ((s & 0xFF) == tag) {
      size_t off = (s >> 8) - 1;
      if (off >= 4 && off + n < t->blob_len + 1 &&
          memcmp(t->blob + off, key->s, n) == 0 && t->blob[off + n] == '\0')
        return le32((const unsigned char *)t->blob + off - 4);
    }
    i = (i + 1) & t->mask;
  }
}

uint32_t woo__lexkey_bits(const woo__lexkey *key) {
  return table_bits(&woo__lex_all, key);
}

bool woo__lexkey_common(const woo__lexkey *key) {
  const woo__lex_fingerprints *t = &woo__lex_common;
  if (t->count == 0 || key->n == 0)
    return false;
  uint32_t f = (uint32_t)(key->hash >> 32) | 1u;
  for (uint32_t i = (uint32_t)key->hash & t->mask;; i = (i + 1) & t->mask) {
    uint32_t x = le32(t->slots + 4 * (size_t)i);
    if (x == f)
      return true;
    if (x == 0)
      return false;
  }
}

bool woo__lexkey_in(woo__lex lex, const woo__lexkey *key) {
  if ((unsigned)lex >= WOO__LEX_COUNT)
    return false;
  if (lex == WOO__LEX_COMMON_WORDS)
    return woo__lexkey_common(key);
  return woo__lexkey_bits(key) >> lex & 1;
}

bool woo__lexkey_opens(woo__lex lex, const woo__lexkey *key) {
  if ((unsigned)lex >= WOO__LEX_COUNT)
    return false;
  return woo__lexkey_bits(key) >> WOO__LEX_OPENER_BIT(lex) & 1;
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
  return woo__lex_counts[lex];
}
