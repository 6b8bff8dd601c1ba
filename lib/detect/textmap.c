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

int woo__textmap_build(woo__textmap *m, const char *text, size_t len) {
  memset(m, 0, sizeof *m);
  size_t nw = len / 64 + 1;
  uint64_t *all = woo__calloc(nw * WOO__MAP_COUNT, sizeof *all);
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
  map_bytes(m, text, i, len);
  return 0;
}

void woo__textmap_free(woo__textmap *m) {
  if (m)
    free(m->bits[0]);
}
