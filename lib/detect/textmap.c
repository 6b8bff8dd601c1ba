/* The text map: a bit per byte for the few bytes that the recognizers of
 * numbers and punctuated values start from (digits, dots, hyphens,
 * colons, the first bytes of phone numbers).  Five recognizers used to
 * search the whole text for digits and three more for dots or hyphens,
 * each on its own; the map is made in one pass and read a word of 64
 * bytes at a time. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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

/* The list of digit runs, from the digit bits: a run starts at a digit
 * after a non-digit and ends at a non-digit after a digit.  Positions
 * from len on have no bits, so the last run ends by len at the latest,
 * within the map's last word.  Returns 0 or WOO_ENOMEM; a text whose
 * digits are too dense goes without the list. */
/* Whether the list of runs lies in the caller's room, right after the
 * classes: a list on the heap never starts there. */
static bool runs_in_room(const woo__textmap *m) {
  return m->borrowed && m->bits[WOO__MAP_RUNS] &&
         m->bits[WOO__MAP_RUNS] == m->bits[WOO__MAP_COUNT - 1] + m->words;
}

/* `spare` (NULL or spare_words words) may hold the list while it fits:
 * short texts, most of them, then need no allocation for it. */
static int digit_runs(woo__textmap *m, uint64_t *spare, size_t spare_words) {
  if (m->len >= UINT32_MAX - 64)
    return 0;
  const uint64_t *d = m->bits[WOO__MAP_DIGIT];
  /* One run per eight bytes at most: the list stays smaller than the
   * text it indexes.  Room for a word's 32 runs and the last one is
   * made before each word. */
  size_t most = m->len / 8 + 1, cap = m->words + 40, n = 0, ke = 0;
  uint64_t *v;
  bool spared = spare && cap <= spare_words;
  if (spared) {
    v = spare;
    cap = spare_words;
  } else if (!(v = woo__malloc(cap * sizeof *v))) {
    return WOO_ENOMEM;
  }
  uint64_t carry = 0;
  for (size_t w = 0; w < m->words; w++) {
    uint64_t x = d[w], prev = x << 1 | carry;
    carry = x >> 63;
    if (!(x | prev))
      continue;
    if (n + 33 > cap) {
      if (n > most) {
        if (!spared)
          free(v);
        return 0;
      }
      if (spared) {
        /* on to the heap, twice as large */
        uint64_t *h = woo__reallocarray(NULL, cap, 2 * sizeof *h);
        if (!h)
          return WOO_ENOMEM;
        memcpy(h, v, n * sizeof *v);
        v = h;
        cap *= 2;
        spared = false;
      } else if (woo__grow(&v, &cap, sizeof *v, cap)) {
        free(v);
        return WOO_ENOMEM;
      }
    }
    uint64_t base = (uint64_t)w << 6;
    /* through pointers of their own, which stay in registers */
    uint64_t *vs = v + n, *ve = v + ke;
    for (uint64_t s = x & ~prev; s; s &= s - 1)
      *vs++ = base + (unsigned)__builtin_ctzll(s);
    for (uint64_t e = ~x & prev; e; e &= e - 1)
      *ve++ |= (base + (unsigned)__builtin_ctzll(e)) << 32;
    n = (size_t)(vs - v);
    ke = (size_t)(ve - v);
  }
  if (n > most) {
    if (!spared)
      free(v);
    return 0;
  }
  v[n] = (uint64_t)m->len | (uint64_t)UINT32_MAX << 32;
  m->bits[WOO__MAP_RUNS] = v;
  return 0;
}

int woo__textmap_build(woo__textmap *m, const char *text, size_t len,
                       uint64_t *room, size_t room_words) {
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
    /* the list of runs, where it fits, right after the classes */
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
  size_t i = 0;
  for (; i + 64 <= len; i += 64)
    map_word(text + i, i >> 6, b);
  /* The last word's bytes from a copy padded with NULs, which are in no
   * class: the same steps as the others rather than byte by byte. */
  char last[64] = {0};
  memcpy(last, text + i, len - i);
  map_word(last, i >> 6, b);
#else
  /* byte by byte */
  for (int k = 0; k < WOO__MAP_COUNT; k++)
    memset(m->bits[k], 0, nw * sizeof *m->bits[k]);
  map_bytes(m, text, 0, len);
#endif
  return digit_runs(m, spare, spare_words);
}

void woo__textmap_free(woo__textmap *m) {
  if (!m)
    return;
  if (!runs_in_room(m))
    free(m->bits[WOO__MAP_RUNS]);
  if (!m->borrowed)
    for (int k = 0; k < WOO__MAP_COUNT; k++)
      free(m->bits[k]);
}
