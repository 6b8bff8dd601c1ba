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

#if WOO__LEX_LE
/* The bytes p[0..m) (1 <= m <= 8) as a little-endian number, in at most
 * two loads that stay inside them (they overlap where m is not a power
 * of two; an overlapping byte is the same byte twice). */
static inline uint64_t load_upto8(const char *p, size_t m) {
  if (m >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + m - 4, 4);
    return (uint64_t)lo | (uint64_t)hi << (8 * (m - 4));
  }
  return (uint64_t)(unsigned char)p[0] |
         (uint64_t)(unsigned char)p[m / 2] << (8 * (m / 2)) |
         (uint64_t)(unsigned char)p[m - 1] << (8 * (m - 1));
}
#endif

/* The hash of key->s[0..key->n), as woo__lexhash. */
static inline uint64_t key_hash(const woo__lexkey *key) {
#if WOO__LEX_LE
  /* The buffer holds WOO__LEXKEY_MAX bytes, a multiple of eight: the last
   * chunk is read whole and the bytes after the key masked off. */
  _Static_assert(WOO__LEXKEY_MAX % 8 == 0, "lexicon keys in whole chunks");
  size_t n = key->n, i = 0;
  uint64_t h = WOO__LEXHASH_START, x;
  for (; i + 8 <= n; i += 8) {
    memcpy(&x, key->s + i, 8);
    h = woo__lexhash_step(h, x);
  }
  if (i < n) {
    memcpy(&x, key->s + i, 8);
    h = woo__lexhash_step(h, x & (((uint64_t)1 << (8 * (n - i))) - 1));
  }
  return woo__lexhash_end(h, n);
#else
  return woo__lexhash(key->s, key->n);
#endif
}

#if !WOO__LEX_LE
/* Fold word[0..len) (0 < len < WOO__LEXKEY_MAX) into key->s when it is
 * printable ASCII but '`', with at most single spaces between such
 * characters (phrases of several words, "de heer", "college van B en W",
 * need not take the long way): lower case is all the folding it needs.
 * Returns false, with key->s partly written, for anything else.  (On
 * little-endian machines fold_hash_ascii below does this and the hash
 * together, eight bytes a step.) */
static inline bool fold_ascii(char *out, const char *word, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)word[i];
    if (c <= ' ' || c >= 0x7F || c == '`') {
      /* One space between two such characters stays one space, as the
       * full folding leaves it. */
      unsigned char d = i + 1 < len ? (unsigned char)word[i + 1] : 0;
      if (c != ' ' || i == 0 || out[i - 1] == ' ' || d <= ' ' || d >= 0x7F ||
          d == '`')
        return false;
    }
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    out[i] = (char)c;
  }
  return true;
}
#endif

#if WOO__LEX_LE
/* One chunk of fold_hash_ascii: the m bytes of x (1 <= m <= 8, `valid`
 * their mask) from offset i of a word of len bytes, lower-cased in *x;
 * false for a byte that lower case alone does not fold.  *space_before
 * says whether the byte before the chunk is a space, and is set for the
 * next one.  Inline with constant m and valid for the whole chunks. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool fold_chunk(uint64_t *x, uint64_t valid, size_t m,
                              size_t i, size_t len, bool *space_before) {
  const uint64_t ones = 0x0101010101010101u, hb = 0x8080808080808080u;
  const uint64_t m7 = ~hb, sp = ones * 0x20;
  uint64_t v = *x;
  uint64_t y = v & ~hb;
  /* per byte without carries (y <= 0x7f): y + (0x80 - lo) has its high
   * bit set exactly when y >= lo, y + (0x7f - hi) when y > hi */
#define GE(lo) (y + ones * (0x80 - (lo)))
#define GT(hi) (y + ones * (0x7f - (hi)))
  uint64_t bad =
      (v | ~GE(0x21) | GT(0x7e) | (GE(0x60) & ~GT(0x60))) & hb & valid;
  bool space_last = false;
  if (bad) {
    /* the spaces: the high bit of each byte that is one, exactly */
    uint64_t t = v ^ sp;
    uint64_t s = ~(((t & m7) + m7) | t | m7) & valid;
    space_last = (s >> (8 * (m - 1)) & 0x80) != 0;
    if ((bad & ~s) || (s & s >> 8) ||
        ((s & 0x80) && (i == 0 || *space_before)) ||
        (space_last && i + m == len))
      return false;
  }
  *space_before = space_last;
  *x = (v | ((GE('A') & ~GT('Z') & hb) >> 2)) & valid;
#undef GE
#undef GT
  return true;
}

/* Folding and key_hash in one pass, eight bytes a step, for the words
 * that lower case alone folds: printable ASCII but '`', with at
 * most single spaces between other characters ("de heer", "college van
 * B en W").  False, with key->s partly written, for anything else.  The
 * whole chunks are read with one load and no mask; the last, short one
 * as load_upto8 reads it. */
static inline bool fold_hash_ascii(woo__lexkey *key, const char *word,
                                   size_t len) {
  uint64_t h = WOO__LEXHASH_START;
  bool space_before = false; /* the byte before the chunk is a space */
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, word + i, 8);
    if (!fold_chunk(&x, ~(uint64_t)0, 8, i, len, &space_before))
      return false;
    memcpy(key->s + i, &x, 8); /* i + 8 <= WOO__LEXKEY_MAX */
    h = woo__lexhash_step(h, x);
  }
  if (i < len) {
    size_t m = len - i;
    uint64_t x = load_upto8(word + i, m);
    if (!fold_chunk(&x, ((uint64_t)1 << (8 * m)) - 1, m, i, len,
                    &space_before))
      return false;
    memcpy(key->s + i, &x, 8); /* i + 8 <= WOO__LEXKEY_MAX */
    h = woo__lexhash_step(h, x);
  }
  key->n = len;
  key->hash = woo__lexhash_end(h, len);
  return true;
}
#endif

/* Fold and hash a word of printable ASCII (but '`', with at most single
 * spaces between other characters): lower case is all the folding it
 * needs.  False for anything else. */
static inline bool fold_quick(woo__lexkey *key, const char *word,
                              size_t len) {
#if WOO__LEX_LE
  return fold_hash_ascii(key, word, len);
#else
  if (!fold_ascii(key->s, word, len))
    return false;
  key->n = len;
  key->hash = key_hash(key);
  return true;
#endif
}

void woo__lexkey_set(woo__lexkey *key, const char *word, size_t len) {
  /* Words of printable ASCII, the common case, are only lower-cased;
   * anything else goes through the full folding. */
  if (word && len > 0 && len < WOO__LEXKEY_MAX &&
      fold_quick(key, word, len))
    return;
  size_t n = word ? woo__lexfold(word, len, key->s) : (size_t)-1;
  key->n = n == (size_t)-1 ? 0 : n;
  key->hash = key_hash(key);
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
  return key->n != 0 && woo__lexhash_common(key->hash);
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
