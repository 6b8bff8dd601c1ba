/* Byte offset → line and column. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Room for `more` line starts after the n in *v (cap of them, on the
 * stack while *v is `stack`); false when memory is short. */
static bool room(size_t **v, size_t *cap, size_t n, size_t more,
                 size_t *stack) {
  if (more <= *cap - n)
    return true;
  size_t c = *cap * 2;
  while (more > c - n)
    c *= 2;
  size_t *w = woo__reallocarray(*v == stack ? NULL : *v, c, sizeof *w);
  if (!w)
    return false;
  if (*v == stack)
    memcpy(w, stack, n * sizeof *w);
  *v = w;
  *cap = c;
  return true;
}

int woo__linemap_build(woo__linemap *m, const char *s, size_t len) {
  /* One pass, thirty-two bytes a step where SSE2 is there.  The starts
   * are gathered on the stack, where most texts' lines fit, and kept in
   * an array of their number: documents of a batch are held until it is
   * done, and a guess from the length was mostly room left unused. */
  size_t stack[256], *v = stack, cap = sizeof stack / sizeof *stack, n = 0;
  v[n++] = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  for (; i + 32 <= len; i += 32) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
    uint32_t k = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, nl)) |
                 (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, nl)) << 16;
    if (!k)
      continue;
    /* up to 32 starts in the step: room for them once */
    if (cap - n < 32 && !room(&v, &cap, n, 32, stack))
      goto oom;
    for (; k; k &= k - 1)
      v[n++] = i + (size_t)__builtin_ctz(k) + 1;
  }
#endif
  for (; i < len; i++)
    if (s[i] == '\n') {
      if (n == cap && !room(&v, &cap, n, 1, stack))
        goto oom;
      v[n++] = i + 1;
    }
  if (v == stack) {
    v = woo__reallocarray(NULL, n, sizeof *v);
    if (!v)
      goto oom;
    memcpy(v, stack, n * sizeof *v);
  }
  m->starts = v;
  m->n = n;
  return 0;
oom:
  if (v != stack)
    free(v);
  m->starts = NULL;
  m->n = 0;
  return WOO_ENOMEM;
}

void woo__linemap_find(const woo__linemap *m, const char *s, size_t len,
                       size_t offset, size_t *line, size_t *col) {
  if (offset > len)
    offset = len;
  size_t lo = 0, hi = m->n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  size_t c = 1;
  for (size_t i = m->starts[lo]; i < offset; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  *line = lo + 1;
  *col = c;
}

void woo__linemap_free(woo__linemap *m) {
  free(m->starts);
  m->starts = NULL;
  m->n = 0;
}
