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
#endif

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

/* Bits for bytes [from, to) of one word, byte by byte. */
static void map_bytes(woo__textmap *m, const char *text, size_t from,
                      size_t to) {
  for (size_t i = from; i < to; i++) {
    unsigned c = classes((unsigned char)text[i]);
    for (int k = 0; c; k++, c >>= 1)
      if (c & 1)
        m->bits[k][i >> 6] |= (uint64_t)1 << (i & 63);
  }
}

/* The list of digit runs into v (room for len / 8 + 34 runs), from the
 * digit bits: a run starts at a digit after a non-digit and ends at a
 * non-digit after a digit.  Positions from len on have no bits, so the
 * last run ends by len at the latest, within the map's last word. */
static void digit_runs(woo__textmap *m, uint64_t *v) {
  const uint64_t *d = m->bits[WOO__MAP_DIGIT];
  /* One run per eight bytes at most: the list stays smaller than the
   * text it indexes. */
  size_t most = m->len / 8 + 1, n = 0, ke = 0;
  uint64_t carry = 0;
  for (size_t w = 0; w < m->words; w++) {
    uint64_t x = d[w], prev = x << 1 | carry;
    carry = x >> 63;
    if (!(x | prev))
      continue;
    if (n > most)
      return;
    /* a word starts at most 32 runs: there is room for them */
    uint64_t base = (uint64_t)w << 6;
    for (uint64_t s = x & ~prev; s; s &= s - 1)
      v[n++] = base + (uint64_t)__builtin_ctzll(s);
    for (uint64_t e = ~x & prev; e; e &= e - 1)
      v[ke++] |= (base + (uint64_t)__builtin_ctzll(e)) << 32;
  }
  if (n > most)
    return;
  v[n] = (uint64_t)m->len | (uint64_t)UINT32_MAX << 32;
  m->bits[WOO__MAP_RUNS] = v;
}

int woo__textmap_build(woo__textmap *m, const char *text, size_t len) {
  memset(m, 0, sizeof *m);
  size_t nw = len / 64 + 1;
  /* The runs' offsets take 32 bits. */
  bool runs = len < UINT32_MAX - 64;
  /* One allocation for the bits and the runs; the words are all written
   * below, so none is cleared first. */
  uint64_t *all = woo__reallocarray(
      NULL, nw * WOO__MAP_COUNT + (runs ? len / 8 + 34 : 0), sizeof *all);
  if (!all)
    return WOO_ENOMEM;
  for (int k = 0; k < WOO__MAP_COUNT; k++)
    m->bits[k] = all + (size_t)k * nw;
  m->len = len;
  m->words = nw;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i lo = _mm_set1_epi8('0' - 1), hi = _mm_set1_epi8('9' + 1);
  const __m128i dot = _mm_set1_epi8('.'), hyphen = _mm_set1_epi8('-');
  const __m128i colon = _mm_set1_epi8(':'), zero = _mm_set1_epi8('0');
  const __m128i plus = _mm_set1_epi8('+'), paren = _mm_set1_epi8('(');
  /* Every byte of every class lies in '(' .. ':' (0x28 .. 0x3a): sixteen
   * bytes with none there, most of prose, leave their bits zero. */
  const __m128i below = _mm_set1_epi8('(' - 1), above = _mm_set1_epi8(':' + 1);
  for (; i + 64 <= len; i += 64) {
    uint64_t d = 0, p = 0, h = 0, c = 0, f = 0;
    for (int k = 0; k < 4; k++) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + i + 16 * k));
      if (!_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, below),
                                           _mm_cmplt_epi8(x, above))))
        continue;
      /* signed compares: bytes from 0x80 up are negative, never digits */
      __m128i dg = _mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi));
      __m128i ph = _mm_or_si128(_mm_cmpeq_epi8(x, zero),
                                _mm_or_si128(_mm_cmpeq_epi8(x, plus),
                                             _mm_cmpeq_epi8(x, paren)));
      unsigned sh = 16u * (unsigned)k;
      d |= (uint64_t)(unsigned)_mm_movemask_epi8(dg) << sh;
      p |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, dot)) << sh;
      h |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, hyphen)) << sh;
      c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, colon)) << sh;
      f |= (uint64_t)(unsigned)_mm_movemask_epi8(ph) << sh;
    }
    size_t w = i >> 6;
    m->bits[WOO__MAP_DIGIT][w] = d;
    m->bits[WOO__MAP_DOT][w] = p;
    m->bits[WOO__MAP_HYPHEN][w] = h;
    m->bits[WOO__MAP_COLON][w] = c;
    m->bits[WOO__MAP_PHONE][w] = f;
  }
#endif
  /* the words of the rest, byte by byte */
  for (int k = 0; k < WOO__MAP_COUNT; k++)
    memset(m->bits[k] + (i >> 6), 0, (nw - (i >> 6)) * sizeof *all);
  map_bytes(m, text, i, len);
  if (runs)
    digit_runs(m, all + nw * WOO__MAP_COUNT);
  return 0;
}

void woo__textmap_free(woo__textmap *m) {
  if (m) {
    free(m->bits[0]);
  }
}
