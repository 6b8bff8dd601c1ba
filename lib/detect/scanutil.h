/* Byte-level helpers shared by the recognizers of contact, identity,
 * address and security data (contact.c, ids.c, address.c, security.c).
 * All static inline: each file keeps its own copy and no symbol is
 * exported.  Never installed. */
#ifndef WOO_DETECT_SCANUTIL_H
#define WOO_DETECT_SCANUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/* A bit for each of the sixteen places at p where a column gap starts:
 * a tab, or three spaces.  Reads p[0..18). */
static inline unsigned su_gap_mask16(const char *p) {
  const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
  __m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
  __m128i spaces = _mm_and_si128(
      _mm_cmpeq_epi8(x0, sp),
      _mm_and_si128(_mm_cmpeq_epi8(x1, sp), _mm_cmpeq_epi8(x2, sp)));
  return (unsigned)_mm_movemask_epi8(
      _mm_or_si128(_mm_cmpeq_epi8(x0, tab), spaces));
}
#endif

static inline bool su_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool su_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool su_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool su_alpha(unsigned char c) {
  return su_upper(c) || su_lower(c);
}
static inline bool su_alnum(unsigned char c) {
  return su_alpha(c) || su_digit(c);
}
/* Bytes of multi-byte sequences count as word characters: in Dutch text
 * they are letters far more often than anything else. */
static inline bool su_wordc(unsigned char c) { return su_alnum(c) || c >= 0x80; }
static inline unsigned char su_lowerc(unsigned char c) {
  return su_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive equality of a[0..n) with a lowercase NUL-terminated
 * word. */
static inline bool su_eq_fold(const char *a, size_t n, const char *word) {
  size_t k = 0;
  for (; k < n && word[k]; k++)
    if (su_lowerc((unsigned char)a[k]) != (unsigned char)word[k])
      return false;
  return k == n && word[k] == '\0';
}

static inline bool su_in_list(const char *s, size_t n,
                              const char *const *list) {
  if (n == 0) {
    for (size_t k = 0; list[k]; k++)
      if (!list[k][0])
        return true;
    return false;
  }
  /* The first letter turns most words away before the loop is entered;
   * no word has a NUL in it. */
  unsigned char c0 = su_lowerc((unsigned char)s[0]);
  if (!c0)
    return false;
  for (size_t k = 0; list[k]; k++)
    if ((unsigned char)list[k][0] == c0 && su_eq_fold(s + 1, n - 1, list[k] + 1))
      return true;
  return false;
}

/* Whether a lowercased copy of t[a..b) (at most 640 bytes of it)
 * contains one of `words` (lowercase, NULL-terminated).
 *
 * Most windows hold none of the words, and the lists are long: a bit per
 * pair of adjacent bytes in the window (by their low five bits, which
 * are the same for both cases of a letter) turns most words away
 * unsearched, as a word can only be there when the pairs of its first
 * four bytes are.  The rest are searched in the lowercased copy, made
 * once when the first word gets that far; the windows are short, so a
 * memchr per word beats memmem's set-up. */
static inline bool su_has_word(const char *t, size_t a, size_t b,
                               const char *const *words) {
  char buf[640];
  if (b - a > sizeof buf)
    b = a + sizeof buf;
  size_t n = b - a;
  uint64_t pairs[16] = {0};
#define SU_PAIR(x, y) (((unsigned)(x) & 31u) << 5 | ((unsigned)(y) & 31u))
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned h = SU_PAIR((unsigned char)t[a + i], (unsigned char)t[a + i + 1]);
    pairs[h >> 6] |= (uint64_t)1 << (h & 63);
  }
  bool copied = false;
  for (size_t k = 0; words[k]; k++) {
    const unsigned char *w = (const unsigned char *)words[k];
    bool maybe = true;
    for (size_t j = 0; j < 3 && maybe && w[j] && w[j + 1]; j++) {
      unsigned h = SU_PAIR(w[j], w[j + 1]);
      maybe = pairs[h >> 6] >> (h & 63) & 1;
    }
    if (!maybe)
      continue;
    if (!copied) {
      for (size_t i = 0; i < n; i++)
        buf[i] = (char)su_lowerc((unsigned char)t[a + i]);
      copied = true;
    }
    size_t wl = strlen(words[k]), p = 0;
    while (wl && p + wl <= n) {
      const char *f = memchr(buf + p, words[k][0], n - wl + 1 - p);
      if (!f)
        break;
      if (memcmp(f, words[k], wl) == 0)
        return true;
      p = (size_t)(f - buf) + 1;
    }
  }
#undef SU_PAIR
  return false;
}

/* Whether one of `words` occurs in the `window` bytes before pos. */
static inline bool su_context_before(const char *t, size_t pos, size_t window,
                                     const char *const *words) {
  size_t from = pos > window ? pos - window : 0;
  return su_has_word(t, from, pos, words);
}

/* Offset of the first ASCII digit in t[i..len), or len.  Eight bytes at
 * a time: prose has few digits, and every numeric recognizer starts at
 * one. */
static inline size_t su_next_digit(const char *t, size_t len, size_t i) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  while (i + 8 <= len) {
    uint64_t x;
    memcpy(&x, t + i, 8);
    /* y = b ^ '0' maps digits to 0..9.  (y | 0x80) - 10 cannot borrow
     * across bytes and keeps its high bit exactly when (y & 0x7f) >= 10;
     * bytes with their own high bit set are not ASCII. */
    uint64_t y = x ^ (ones * 0x30);
    uint64_t m = ~((y | high) - ones * 10) & ~y & high;
    if (m)
      break;
    i += 8;
  }
  while (i < len && !su_digit((unsigned char)t[i]))
    i++;
  return i;
}

/* The first offset at or after i whose bit is set in class `cls` of the
 * text map, or the text's length. */
static inline size_t su_map_next(const woo__textmap *m, int cls, size_t i) {
  if (i >= m->len)
    return m->len;
  const uint64_t *bits = m->bits[cls];
  size_t w = i >> 6;
  uint64_t x = bits[w] & (~(uint64_t)0 << (i & 63));
  while (!x) {
    if (++w >= m->words)
      return m->len;
    x = bits[w];
  }
#if defined(__GNUC__)
  size_t p = (w << 6) + (size_t)__builtin_ctzll(x);
#else
  size_t p = w << 6;
  while (!(x & 1)) {
    x >>= 1;
    p++;
  }
#endif
  return p < m->len ? p : m->len;
}

/* The bits of class `cls` for the n bytes from `from` (n at most 64),
 * the first in bit 0; bytes from the text's length on have none. */
static inline uint64_t su_map_window(const woo__textmap *m, int cls,
                                     size_t from, size_t n) {
  size_t w = from >> 6, sh = from & 63;
  if (w >= m->words)
    return 0;
  const uint64_t *bits = m->bits[cls];
  uint64_t x = bits[w] >> sh;
  if (sh && w + 1 < m->words)
    x |= bits[w + 1] << (64 - sh);
  return n < 64 ? x & (((uint64_t)1 << n) - 1) : x;
}

/* The first digit at or after i, or ctx->len: from the text map when
 * the scan made one. */
static inline size_t su_next_digit_in(const woo__scan_ctx *ctx, size_t i) {
  return ctx->map ? su_map_next(ctx->map, WOO__MAP_DIGIT, i)
                  : su_next_digit(ctx->text, ctx->len, i);
}

/* A walk over the runs of digits of a text, for recognizers that start
 * at every run: su_digits_next(&d, i, &end) is the first digit at or
 * after i (or the text's length, or i when that is past it) and sets
 * `end` to the end of its run (to anything when there is none).
 * The walk keeps its place in the text map's list of runs: never ask for
 * an i below one asked for before. */
typedef struct su_digits {
  const char *t;
  size_t len;
  const woo__scan_ctx *ctx;
  const uint64_t *run; /* the list at the walk's place; NULL: no list */
} su_digits;

static inline void su_digits_init(su_digits *d, const woo__scan_ctx *ctx) {
  d->t = ctx->text;
  d->len = ctx->len;
  d->ctx = ctx;
  d->run = ctx->map ? ctx->map->bits[WOO__MAP_RUNS] : NULL;
}

static inline size_t su_digits_next(su_digits *d, size_t i, size_t *end) {
  if (d->run) {
    const uint64_t *r = d->run;
    /* Most calls ask from the end of the run last given: the next one is
     * after it, and ends after that (runs are apart).  Else on to the
     * first run that ends after i; the last run never ends, so the loop
     * stops there. */
    if (*r >> 32 == i)
      r++;
    else
      while (*r >> 32 <= i)
        r++;
    d->run = r;
    /* The last run starts at the text's length: the answer is then the
     * length (or i), with an end past it that no caller reads. */
    size_t s = (uint32_t)*r;
    *end = *r >> 32;
    return s > i ? s : i;
  }
  i = su_next_digit_in(d->ctx, i);
  size_t e = i;
  while (e < d->len && su_digit((unsigned char)d->t[e]))
    e++;
  *end = e;
  return i;
}

/* su_digits_next from the end of the run it gave last, `end`: the next
 * run's start, and its end in `end`.  The usual step of a walk that
 * passes a run whole, with nothing to compare: the list's next entry.
 * Never after a start at or past the text's length. */
static inline size_t su_digits_after(su_digits *d, size_t *end) {
  if (d->run) {
    uint64_t x = *++d->run;
    *end = x >> 32;
    return (uint32_t)x;
  }
  return su_digits_next(d, *end, end);
}

/* The first byte c (of map class `cls`) at or after i, or ctx->len. */
static inline size_t su_next_byte_in(const woo__scan_ctx *ctx, int cls,
                                     char c, size_t i) {
  if (ctx->map)
    return su_map_next(ctx->map, cls, i);
  if (i >= ctx->len)
    return ctx->len;
  const char *p = memchr(ctx->text + i, c, ctx->len - i);
  return p ? (size_t)(p - ctx->text) : ctx->len;
}

/* A walk over the bytes of one class of the text map, bit by bit, for
 * recognizers that start at each of them: cheaper than a search from
 * each new offset.  Without a map, memchr finds byte c. */
typedef struct su_walk {
  const char *t;
  size_t len;
  const uint64_t *bits; /* NULL: no map */
  size_t words, w;      /* the word the walk is in */
  uint64_t x;           /* its bits not yet passed */
  char c;
  /* With the map: the digit bits, when the walk keeps only the bytes
   * right after a digit (after 1), only those between two digits (after
   * 2) or only those that are not after one (after < 0); NULL: all of
   * the class. */
  const uint64_t *digits;
  int after;
} su_walk;

/* The bits of word w of k's class, as the walk keeps them. */
static inline uint64_t su_walk_word(const su_walk *k, size_t w) {
  uint64_t x = k->bits[w];
  if (x && k->digits) {
    /* bit b: a digit at byte b - 1, from the word before for bit 0 */
    uint64_t d = k->digits[w] << 1 | (w ? k->digits[w - 1] >> 63 : 0);
    if (k->after > 1)
      /* and a digit at byte b + 1, from the word after for bit 63 */
      d &= k->digits[w] >> 1 |
           (w + 1 < k->words ? k->digits[w + 1] << 63 : 0);
    x &= k->after > 0 ? d : ~d;
  }
  return x;
}

static inline void su_walk_init(su_walk *k, const woo__scan_ctx *ctx, int cls,
                                char c) {
  k->t = ctx->text;
  k->len = ctx->len;
  k->c = c;
  k->bits = ctx->map ? ctx->map->bits[cls] : NULL;
  k->words = ctx->map ? ctx->map->words : 0;
  k->w = 0;
  k->digits = NULL;
  k->after = 0;
  k->x = k->bits ? k->bits[0] : 0;
}

/* su_walk_init for a walk that passes over the bytes of the class right
 * after a digit (after < 0), or over all others (after 1), or over all
 * but those between two digits (after 2), where the map tells: for
 * recognizers that turn those away at once.  Without the map the walk
 * gives every byte c, and the recognizer's own test decides. */
static inline void su_walk_init_digit(su_walk *k, const woo__scan_ctx *ctx,
                                      int cls, char c, int after) {
  su_walk_init(k, ctx, cls, c);
  if (k->bits) {
    k->digits = ctx->map->bits[WOO__MAP_DIGIT];
    k->after = after;
    k->x = su_walk_word(k, 0);
  }
}

/* The first byte of the walk's class at or after i, or len.  Each answer
 * is passed over: the next i must be above it. */
static inline size_t su_walk_next(su_walk *k, size_t i) {
  if (!k->bits) {
    if (i >= k->len)
      return k->len;
    const char *p = memchr(k->t + i, k->c, k->len - i);
    return p ? (size_t)(p - k->t) : k->len;
  }
  for (;;) {
    while (!k->x) {
      if (++k->w >= k->words) {
        k->w = k->words;
        return k->len;
      }
      k->x = su_walk_word(k, k->w);
    }
    /* bytes from len on have no bits: p < len */
    size_t p = (k->w << 6) + (size_t)__builtin_ctzll(k->x);
    k->x &= k->x - 1;
    if (p >= i)
      return p;
  }
}

/* Offset of the first byte in t[i..len) that is x, y or z, or len.
 * Eight bytes at a time, for recognizers that start at a rare
 * character. */
static inline size_t su_next_of3(const char *t, size_t len, size_t i,
                                 unsigned char x, unsigned char y,
                                 unsigned char z) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  while (i + 8 <= len) {
    uint64_t w;
    memcpy(&w, t + i, 8);
    uint64_t a = w ^ (ones * x), b = w ^ (ones * y), c = w ^ (ones * z);
    /* a zero byte in a, b or c: (v - 1) & ~v keeps the high bit of the
     * lowest zero byte (higher ones may be false alarms; the byte loop
     * below decides) */
    if (((a - ones) & ~a & high) | ((b - ones) & ~b & high) |
        ((c - ones) & ~c & high))
      break;
    i += 8;
  }
  while (i < len && (unsigned char)t[i] != x && (unsigned char)t[i] != y &&
         (unsigned char)t[i] != z)
    i++;
  return i;
}

/* A 32-bit word loaded from memory, as a little-endian number. */
static inline uint32_t su_le32(uint32_t x) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return __builtin_bswap32(x);
#else
  return x;
#endif
}

/* A 64-bit word loaded from memory, as a little-endian number. */
static inline uint64_t su_le64(uint64_t x) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return __builtin_bswap64(x);
#else
  return x;
#endif
}

/* Called for each occurrence of a stem: t[kw..) is where it starts,
 * `stem` its index in the list.  Returns 0 or a negative error. */
typedef int (*su_stem_fn)(void *arg, size_t kw, size_t stem);

/* The search tables of one list of stems (lowercase ASCII, at least 4
 * bytes, NULL-terminated, at most 32 of them).  About 21 kB: the lists
 * are static, so callers that search often build a table once and keep
 * it rather than rebuild it for every text. */
enum { SU_STEM_HBITS = 12, SU_STEM_HSIZE = 1 << SU_STEM_HBITS,
       SU_STEM_MAX = 32 };
typedef struct su_stemtab {
  const char *const *stems;
  size_t ns, m; /* number of stems (0: nothing to find); shortest length */
  size_t lens[SU_STEM_MAX]; /* measured once: candidates are checked often */
  /* how much shorter than the full step (the shortest length less two)
   * the window's step is where its last block has the hash: 0 for
   * most, the full step itself where the block ends a stem's prefix */
  unsigned char shortfall[SU_STEM_HSIZE];
  /* which stems end their first m bytes with the block; read only where
   * the shortfall is the full step, which are the slots set by
   * su_stems_build */
  uint32_t which[SU_STEM_HSIZE];
} su_stemtab;

/* A block of three bytes as the search reads it: the four bytes that end
 * with the block, as a little-endian number, with the first (which is
 * no part of the block) set to all ones and bit 5 of the others set.
 * Setting bit 5 lowers ASCII capitals, as the comparison does, and
 * leaves the spaces, hyphens and digits of stems as they are; it also
 * makes some other bytes alike, which only costs a comparison.  One OR
 * does both, where a shift and an OR would. */
#define SU_STEM_FOLD 0x202020FFu
static inline unsigned su_stem_hash(uint32_t key) {
  return (key * 0x9E3779B1u) >> (32 - SU_STEM_HBITS);
}
static inline unsigned su_stem_hash3(const char *p) {
  return su_stem_hash(((uint32_t)(unsigned char)p[0] << 8 |
                       (uint32_t)(unsigned char)p[1] << 16 |
                       (uint32_t)(unsigned char)p[2] << 24) |
                      SU_STEM_FOLD);
}

/* The hash of the block that ends at t[p]: its three bytes in one load
 * of four (p >= 3). */
static inline unsigned su_stem_block(const char *t, size_t p) {
  uint32_t x;
  memcpy(&x, t + p - 3, 4);
  return su_stem_hash(su_le32(x) | SU_STEM_FOLD);
}

/* Fill tab for `stems`, which must outlive it. */
static inline void su_stems_build(su_stemtab *tab, const char *const *stems) {
  size_t m = (size_t)-1, ns = 0;
  tab->stems = stems;
  for (; stems[ns] && ns < SU_STEM_MAX; ns++) {
    tab->lens[ns] = strlen(stems[ns]);
    if (tab->lens[ns] < m)
      m = tab->lens[ns];
  }
  tab->ns = ns == 0 || m < 4 || m > 255 ? 0 : ns;
  tab->m = m;
  if (!tab->ns)
    return;
  /* three letters tell more than two: in Dutch prose the window moves
   * on by more, and the shortest stems have seven letters */
  memset(tab->shortfall, 0, sizeof tab->shortfall);
  for (size_t k = 0; k < ns; k++)
    for (size_t j = 2; j < m; j++) {
      unsigned h = su_stem_hash3(stems[k] + j - 2);
      /* a step of m - 1 - j, short of the full one by j - 1 */
      if (tab->shortfall[h] < j - 1)
        tab->shortfall[h] = (unsigned char)(j - 1);
    }
  for (size_t k = 0; k < ns; k++)
    tab->which[su_stem_hash3(stems[k] + m - 3)] = 0;
  for (size_t k = 0; k < ns; k++)
    tab->which[su_stem_hash3(stems[k] + m - 3)] |= (uint32_t)1 << k;
}

/* Called for each occurrence of a stem: t[kw..) is where it starts,
 * `stem` its index in the list.  Returns 0 or a negative error. */
typedef int (*su_stem_fn)(void *arg, size_t kw, size_t stem);

/* Find every occurrence of tab's stems in t[0..len), ignoring ASCII
 * case, in one pass.  Wu-Manber over three-byte blocks: the window jumps
 * by the distance to the nearest block that ends a stem prefix, so prose
 * is crossed several bytes at a time.  Where the window's last block
 * ends a stem prefix of the shortest length, only the stems whose
 * prefix it is are compared. */
static inline int su_stems_find(const su_stemtab *tab, const char *t,
                                size_t len, su_stem_fn fn, void *arg) {
  if (!tab->ns)
    return 0;
  const char *const *stems = tab->stems;
  const unsigned char *shortfall = tab->shortfall;
  size_t m = tab->m, pos = m - 1, far = m - 2;
  /* below `fast`, eight full steps stay inside the text */
  size_t fast = len > 7 * far ? len - 7 * far : 0;
  while (pos < len) {
    unsigned h;
    /* Most blocks are in no stem: the full step is taken as a branch,
     * which the processor predicts, so that the next block is read
     * before this one's shift is known.  Eight steps to one test of the
     * end while they stay inside the text. */
    for (;;) {
      if (pos >= fast) {
        if (pos >= len)
          return 0;
        if (shortfall[h = su_stem_block(t, pos)])
          break;
        pos += far;
        continue;
      }
      /* (unrolled: one test of the end per eight steps) */
      bool hit = false;
#if defined(__GNUC__)
#pragma GCC unroll 8
#endif
      for (int k = 0; k < 8; k++) {
        if (shortfall[h = su_stem_block(t, pos)]) {
          hit = true;
          break;
        }
        pos += far;
      }
      if (hit)
        break;
    }
    if (shortfall[h] != far) {
      pos += far - shortfall[h];
      continue;
    }
    size_t start = pos + 1 - m;
    unsigned char first = su_lowerc((unsigned char)t[start]);
    /* in list order, as the callers expect */
    for (uint32_t w = tab->which[h]; w; w &= w - 1) {
      size_t k = (size_t)__builtin_ctz(w);
      size_t sl = tab->lens[k], j = 1;
      if ((unsigned char)stems[k][0] != first || start + sl > len)
        continue;
      while (j < sl && su_lowerc((unsigned char)t[start + j]) ==
                           (unsigned char)stems[k][j])
        j++;
      if (j == sl) {
        int rc = fn(arg, start, k);
        if (rc < 0)
          return rc;
      }
    }
    pos++;
  }
  return 0;
}

static inline int su_stem_stop(void *arg, size_t kw, size_t stem) {
  (void)arg;
  (void)kw;
  (void)stem;
  return -1; /* one is enough: the search stops */
}

/* Whether one of tab's stems occurs in t[a..b), ASCII case folded,
 * within its first 640 bytes: what woo__markers_in (markers.h) answers
 * for the same list, several bytes a step where the stems are long. */
static inline bool su_stems_in(const su_stemtab *tab, const char *t, size_t a,
                               size_t b) {
  if (a >= b)
    return false;
  if (b - a > 640)
    b = a + 640;
  return su_stems_find(tab, t + a, b - a, su_stem_stop, NULL) < 0;
}

/* Whether "www." (any case) occurs in t[a..b), within its first 640
 * bytes: found from its dot, which windows of text have few of. */
static inline bool su_www_in(const char *t, size_t a, size_t b) {
  if (a >= b)
    return false;
  if (b - a > 640)
    b = a + 640;
  for (size_t p = a + 3; p < b;) {
    const char *d = memchr(t + p, '.', b - p);
    if (!d)
      return false;
    size_t q = (size_t)(d - t);
    if (su_lowerc((unsigned char)t[q - 3]) == 'w' &&
        su_lowerc((unsigned char)t[q - 2]) == 'w' &&
        su_lowerc((unsigned char)t[q - 1]) == 'w')
      return true;
    p = q + 1;
  }
  return false;
}

/* su_stems_find with a table built for this one search. */
static inline int su_find_stems(const char *t, size_t len,
                                const char *const *stems, su_stem_fn fn,
                                void *arg) {
  su_stemtab tab;
  su_stems_build(&tab, stems);
  return su_stems_find(&tab, t, len, fn, arg);
}

#endif
