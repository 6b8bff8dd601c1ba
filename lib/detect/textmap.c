/* The text map: a bit per byte for the few bytes that the recognizers of
 * numbers and punctuated values start from (digits, dots, hyphens,
 * colons, the first bytes of phone numbers).  Five recognizers used to
 * search the whole text for digits and three more for dots or hyphens,
 * each on its own; the map is made in one pass and read a word of 64
 * bytes at a time. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#if defined(WOO__AVX2)
#include <immintrin.h>
#endif

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bytes of x in [lo, hi]: moved so that lo is -128, they are the ones
 * a signed comparison finds below -128 + (hi - lo) + 1.  An addition and
 * one comparison, where a pair of comparisons and their AND would be
 * three. */
static inline __m128i map_in(__m128i x, unsigned char lo, unsigned char hi) {
  __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
  return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + (hi - lo) + 1)));
}

/* The bits of the sixteen bytes at s, shifted by sh, into v (a word per
 * class). */
static inline void map_chunk(const char *s, unsigned sh,
                             uint64_t v[WOO__MAP_COUNT]) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
  /* Every byte of every class lies in '(' .. ':' (0x28 .. 0x3a): sixteen
   * bytes with none there, most of prose, leave their bits zero. */
  if (!_mm_movemask_epi8(map_in(x, '(', ':')))
    return;
  /* bytes from 0x80 up are moved out of every range */
  __m128i dg = map_in(x, '0', '9');
  __m128i ph = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('0')),
                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('+')),
                                         _mm_cmpeq_epi8(x, _mm_set1_epi8('('))));
  v[WOO__MAP_DIGIT] |= (uint64_t)(unsigned)_mm_movemask_epi8(dg) << sh;
  v[WOO__MAP_DOT] |=
      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('.'))) << sh;
  v[WOO__MAP_HYPHEN] |=
      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('-'))) << sh;
  v[WOO__MAP_COLON] |=
      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(':'))) << sh;
  v[WOO__MAP_PHONE] |= (uint64_t)(unsigned)_mm_movemask_epi8(ph) << sh;
}

/* The classes' words, apart from the map: a store to one changes no
 * pointer to the others. */
typedef struct map_words {
  uint64_t *digit, *dot, *hyphen, *colon, *phone;
} map_words;

/* The bits of the 64 bytes at s into word w of the classes. */
static inline void map_word(const char *s, size_t w, map_words b) {
  uint64_t v[WOO__MAP_COUNT] = {0};
  /* four chunks, each shift a constant */
  map_chunk(s, 0, v);
  map_chunk(s + 16, 16, v);
  map_chunk(s + 32, 32, v);
  map_chunk(s + 48, 48, v);
  b.digit[w] = v[WOO__MAP_DIGIT];
  b.dot[w] = v[WOO__MAP_DOT];
  b.hyphen[w] = v[WOO__MAP_HYPHEN];
  b.colon[w] = v[WOO__MAP_COLON];
  b.phone[w] = v[WOO__MAP_PHONE];
}

/* The words of the whole text, sixteen bytes a step. */
static void map_text_sse2(const char *text, size_t len, map_words b) {
  size_t i = 0;
  for (; i + 64 <= len; i += 64)
    map_word(text + i, i >> 6, b);
  /* The last word's bytes from a copy padded with NULs, which are in no
   * class: the same steps as the others rather than byte by byte. */
  char last[64] = {0};
  memcpy(last, text + i, len - i);
  map_word(last, i >> 6, b);
}

#if defined(WOO__AVX2)
/* The same steps as above, thirty-two bytes at a time, for processors
 * with AVX2; the bits come out the same. */
__attribute__((target("avx2"))) static inline __m256i
map_in32(__m256i x, unsigned char lo, unsigned char hi) {
  __m256i t = _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - lo)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + (hi - lo) + 1)), t);
}

/* A 32-bit mask as the low half of a word, shifted by sh. */
#define MASK32(e, sh) ((uint64_t)(uint32_t)_mm256_movemask_epi8(e) << (sh))

__attribute__((target("avx2"))) static inline void
map_chunk32(const char *s, unsigned sh, uint64_t v[WOO__MAP_COUNT]) {
  __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)s);
  if (!_mm256_movemask_epi8(map_in32(x, '(', ':')))
    return;
  __m256i dg = map_in32(x, '0', '9');
  __m256i ph =
      _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('0')),
                      _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('+')),
                                      _mm256_cmpeq_epi8(x, _mm256_set1_epi8('('))));
  v[WOO__MAP_DIGIT] |= MASK32(dg, sh);
  v[WOO__MAP_DOT] |= MASK32(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('.')), sh);
  v[WOO__MAP_HYPHEN] |= MASK32(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('-')), sh);
  v[WOO__MAP_COLON] |= MASK32(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(':')), sh);
  v[WOO__MAP_PHONE] |= MASK32(ph, sh);
}

__attribute__((target("avx2"))) static inline void
map_word32(const char *s, size_t w, map_words b) {
  uint64_t v[WOO__MAP_COUNT] = {0};
  map_chunk32(s, 0, v);
  map_chunk32(s + 32, 32, v);
  b.digit[w] = v[WOO__MAP_DIGIT];
  b.dot[w] = v[WOO__MAP_DOT];
  b.hyphen[w] = v[WOO__MAP_HYPHEN];
  b.colon[w] = v[WOO__MAP_COLON];
  b.phone[w] = v[WOO__MAP_PHONE];
}

__attribute__((target("avx2"))) static void
map_text_avx2(const char *text, size_t len, map_words b) {
  size_t i = 0;
  for (; i + 64 <= len; i += 64)
    map_word32(text + i, i >> 6, b);
  char last[64] = {0};
  memcpy(last, text + i, len - i);
  map_word32(last, i >> 6, b);
}
#undef MASK32

/* 0 not yet asked, 1 no, 2 yes.  Any thread may be the first; they all
 * store the same. */
static int avx2_state;

bool woo__has_avx2(void) {
  int s = __atomic_load_n(&avx2_state, __ATOMIC_RELAXED);
  if (!s) {
    __builtin_cpu_init();
    s = __builtin_cpu_supports("avx2") ? 2 : 1;
    __atomic_store_n(&avx2_state, s, __ATOMIC_RELAXED);
  }
  return s == 2;
}
#endif
#else
/* The classes of one byte, as a bit per WOO__MAP_* class. */
static unsigned classes(unsigned char c) {
  unsigned m = 0;
  if (c >= '0' && c <= '9')
    m |= 1u << WOO__MAP_DIGIT;
  if (c == '.')
    m |= 1u << WOO__MAP_DOT;
  if (c == '-')
    m |= 1u << WOO__MAP_HYPHEN;
  if (c == ':')
    m |= 1u << WOO__MAP_COLON;
  if (c == '0' || c == '+' || c == '(')
    m |= 1u << WOO__MAP_PHONE;
  return m;
}

/* Bits for bytes [from, to), byte by byte. */
static void map_bytes(woo__textmap *m, const char *text, size_t from,
                      size_t to) {
  for (size_t i = from; i < to; i++) {
    unsigned c = classes((unsigned char)text[i]);
    for (int k = 0; c; k++, c >>= 1)
      if (c & 1)
        m->bits[k][i >> 6] |= (uint64_t)1 << (i & 63);
  }
}
#endif

/* The lists made after the map (the runs of digits, then the word
 * dots): one block, in the caller's room while they fit there (short
 * texts, most of them, then need no allocation), else on the heap. */
typedef struct map_lists {
  uint64_t *v;
  size_t cap, n;
  bool spared; /* v is the caller's room */
} map_lists;

/* Room for `more` entries after the n there: the block moves to the
 * heap, or grows there, when it must.  Returns 0 or WOO_ENOMEM. */
static int lists_room(map_lists *l, size_t more) {
  if (l->n + more <= l->cap)
    return 0;
  size_t cap = l->cap > 32 ? l->cap : 32;
  while (cap < l->n + more)
    cap *= 2;
  uint64_t *h = woo__reallocarray(l->spared ? NULL : l->v, cap, sizeof *h);
  if (!h)
    return WOO_ENOMEM;
  if (l->spared && l->n)
    memcpy(h, l->v, l->n * sizeof *h);
  l->v = h;
  l->cap = cap;
  l->spared = false;
  return 0;
}

/* The block of lists: where the runs are, else where the word dots are
 * (then the first). */
static uint64_t *lists_block(const woo__textmap *m) {
  return m->bits[WOO__MAP_RUNS] ? m->bits[WOO__MAP_RUNS]
                                : m->bits[WOO__MAP_WORD_DOTS];
}

/* Whether the block lies in the caller's room, right after the classes:
 * a block on the heap never starts there. */
static bool lists_in_room(const woo__textmap *m) {
  return m->borrowed &&
         lists_block(m) == m->bits[WOO__MAP_COUNT - 1] + m->words;
}

/* The list of digit runs, from the digit bits, into l (empty): a run
 * starts at a digit after a non-digit and ends at a non-digit after a
 * digit.  Positions from len on have no bits, so the last run ends by
 * len at the latest, within the map's last word.  Returns 0 or
 * WOO_ENOMEM; *made tells whether the list was made: a text whose
 * digits are too dense goes without it, and l is left empty. */
static int digit_runs(const woo__textmap *m, map_lists *l, bool *made) {
  *made = false;
  if (m->len >= UINT32_MAX - 64)
    return 0;
  const uint64_t *d = m->bits[WOO__MAP_DIGIT];
  /* One run per eight bytes at most: the list stays smaller than the
   * text it indexes.  Room for a word's 32 runs and the last one is
   * made before each word. */
  size_t most = m->len / 8 + 1, ke = 0;
  uint64_t carry = 0;
  for (size_t w = 0; w < m->words; w++) {
    uint64_t x = d[w], prev = x << 1 | carry;
    carry = x >> 63;
    if (!(x | prev))
      continue;
    if (l->n + 33 > l->cap) {
      if (l->n > most) {
        l->n = 0;
        return 0;
      }
      if (lists_room(l, 33))
        return WOO_ENOMEM;
    }
    uint64_t base = (uint64_t)w << 6;
    /* through pointers of their own, which stay in registers */
    uint64_t *vs = l->v + l->n, *ve = l->v + ke;
    for (uint64_t s = x & ~prev; s; s &= s - 1)
      *vs++ = base + (unsigned)__builtin_ctzll(s);
    for (uint64_t e = ~x & prev; e; e &= e - 1)
      *ve++ |= (base + (unsigned)__builtin_ctzll(e)) << 32;
    l->n = (size_t)(vs - l->v);
    ke = (size_t)(ve - l->v);
  }
  if (l->n > most) {
    l->n = 0;
    return 0;
  }
  if (lists_room(l, 1))
    return WOO_ENOMEM;
  l->v[l->n++] = (uint64_t)m->len | (uint64_t)UINT32_MAX << 32;
  *made = true;
  return 0;
}

/* The list of word dots (internal.h), from the dot bits, appended to l.
 * Returns 0 or WOO_ENOMEM. */
static int word_dots(const woo__textmap *m, const char *text, map_lists *l) {
  const uint64_t *d = m->bits[WOO__MAP_DOT];
  const unsigned char *t = (const unsigned char *)text;
  size_t len = m->len;
  /* the block's end and the end of its room, in registers; l is kept
   * up to date only where it may grow */
  uint64_t *o = l->v + l->n, *room_end = l->v + l->cap;
  for (size_t w = 0; w < m->words; w++) {
    uint64_t x = d[w];
    if (!x)
      continue;
    /* every dot of the word is written, and kept by moving on past it */
    if (room_end - o < 64) {
      l->n = (size_t)(o - l->v);
      if (lists_room(l, 64))
        return WOO_ENOMEM;
      o = l->v + l->n;
      room_end = l->v + l->cap;
    }
    size_t base = w << 6;
    if (base > 0 && base + 64 < len) {
      /* the bytes on both sides of every dot here are in the text */
      for (; x; x &= x - 1) {
        size_t p = base + (unsigned)__builtin_ctzll(x);
        *o = p;
        o += ((unsigned)((t[p + 1] | 0x20) - 'a') < 26u) | (t[p - 1] == 'b');
      }
    } else {
      for (; x; x &= x - 1) {
        /* bytes from len on have no bits: p < len */
        size_t p = base + (unsigned)__builtin_ctzll(x);
        unsigned char next = p + 1 < len ? t[p + 1] : 0;
        unsigned char prev = p > 0 ? t[p - 1] : 0;
        *o = p;
        o += ((unsigned)((next | 0x20) - 'a') < 26u) | (prev == 'b');
      }
    }
  }
  l->n = (size_t)(o - l->v);
  if (lists_room(l, 1))
    return WOO_ENOMEM;
  l->v[l->n++] = len;
  return 0;
}

int woo__textmap_build(woo__textmap *m, const char *text, size_t len,
                       uint64_t *room, size_t room_words) {
  return woo__textmap_build_path(m, text, len, room, room_words,
                                 WOO__MAP_PATH_BEST);
}

int woo__textmap_build_path(woo__textmap *m, const char *text, size_t len,
                            uint64_t *room, size_t room_words, int path) {
  memset(m, 0, sizeof *m);
  size_t nw = len / 64 + 1;
  /* In the caller's room where the classes fit there; else an
   * allocation per class: each is small enough for the allocator's
   * quick lists in most documents, one for all is not.  The words are
   * all written below, so none is cleared first. */
  uint64_t *spare = NULL;
  size_t spare_words = 0;
  if (room && nw <= room_words / WOO__MAP_COUNT) {
    for (int k = 0; k < WOO__MAP_COUNT; k++)
      m->bits[k] = room + (size_t)k * nw;
    m->borrowed = true;
    spare = room + (size_t)WOO__MAP_COUNT * nw;
    spare_words = room_words - (size_t)WOO__MAP_COUNT * nw;
  } else {
    for (int k = 0; k < WOO__MAP_COUNT; k++)
      if (!(m->bits[k] = woo__reallocarray(NULL, nw, sizeof *m->bits[k])))
        return WOO_ENOMEM;
  }
  m->len = len;
  m->words = nw;
#if defined(__SSE2__)
  map_words b = {m->bits[WOO__MAP_DIGIT], m->bits[WOO__MAP_DOT],
                 m->bits[WOO__MAP_HYPHEN], m->bits[WOO__MAP_COLON],
                 m->bits[WOO__MAP_PHONE]};
#if defined(WOO__AVX2)
  if (path == WOO__MAP_PATH_BEST && woo__has_avx2())
    map_text_avx2(text, len, b);
  else
#endif
    map_text_sse2(text, len, b);
#else
  (void)path;
  /* byte by byte */
  for (int k = 0; k < WOO__MAP_COUNT; k++)
    memset(m->bits[k], 0, nw * sizeof *m->bits[k]);
  map_bytes(m, text, 0, len);
#endif
  /* the lists, where they fit, right after the classes */
  map_lists l = {spare, spare_words, 0, spare != NULL};
  bool runs;
  int rc = digit_runs(m, &l, &runs);
  size_t dots_at = l.n;
  if (rc == 0)
    rc = word_dots(m, text, &l);
  if (rc) {
    if (!l.spared)
      free(l.v);
    return rc;
  }
  m->bits[WOO__MAP_RUNS] = runs ? l.v : NULL;
  m->bits[WOO__MAP_WORD_DOTS] = l.v + dots_at;
  return 0;
}

void woo__textmap_free(woo__textmap *m) {
  if (!m)
    return;
  if (!lists_in_room(m))
    free(lists_block(m));
  if (!m->borrowed)
    for (int k = 0; k < WOO__MAP_COUNT; k++)
      free(m->bits[k]);
}
