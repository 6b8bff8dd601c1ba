/* Span sets: sorted, merged half-open byte ranges. */
#include <stdlib.h>

#include "internal.h"

int woo__spanset_add(woo__spanset *s, size_t start, size_t end) {
  if (end < start)
    return woo__error(WOO_EINVAL, "span end %zu before start %zu", end, start);
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 16;
    woo_span *v = woo__reallocarray(s->v, cap, sizeof *v);
    if (!v)
      return WOO_ENOMEM;
    s->v = v;
    s->cap = cap;
  }
  if (s->n && s->v[s->n - 1].start > start)
    s->sorted = false;
  else if (s->n && s->v[s->n - 1].end >= start)
    s->sorted = false; /* needs merging */
  s->v[s->n].start = start;
  s->v[s->n].end = end;
  s->n++;
  return 0;
}

static int cmp_span(const void *a, const void *b) {
  const woo_span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

void woo__spanset_normalize(woo__spanset *s) {
  if (s->sorted)
    return;
  qsort(s->v, s->n, sizeof *s->v, cmp_span);
  size_t w = 0;
  for (size_t r = 0; r < s->n; r++) {
    if (w && s->v[r].start <= s->v[w - 1].end) {
      if (s->v[r].end > s->v[w - 1].end)
        s->v[w - 1].end = s->v[r].end;
    } else {
      s->v[w++] = s->v[r];
    }
  }
  s->n = w;
  s->sorted = true;
}

/* Index of the first span whose end is > offset. */
static size_t lower(const woo__spanset *s, size_t offset) {
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->v[mid].end <= offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

bool woo__spanset_overlaps(woo__spanset *s, size_t start, size_t end) {
  woo__spanset_normalize(s);
  size_t i = lower(s, start);
  if (i == s->n)
    return false;
  if (start == end)
    return s->v[i].start <= start;
  return s->v[i].start < end;
}

bool woo__spanset_contains(woo__spanset *s, size_t offset) {
  woo__spanset_normalize(s);
  size_t i = lower(s, offset);
  return i < s->n && s->v[i].start <= offset;
}

void woo__spanset_free(woo__spanset *s) {
  free(s->v);
  s->v = NULL;
  s->n = s->cap = 0;
  s->sorted = true;
}
