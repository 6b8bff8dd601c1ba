/* Span sets: half-open byte ranges, merged when they overlap or touch. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int woo__spanset_add(woo__spanset *s, size_t start, size_t end) {
  if (end < start)
    return woo__error(WOO_EINVAL, "span end %zu before start %zu", end, start);
  if (s->n == s->cap && woo__grow(&s->v, &s->cap, sizeof *s->v, 16))
    return WOO_ENOMEM;
  s->v[s->n].start = start;
  s->v[s->n].end = end;
  s->n++;
  /* In-order adds that do not touch the last span extend the sorted
   * part directly: the common case costs nothing more. */
  if (s->merged == s->n - 1 &&
      (s->merged == 0 || s->v[s->merged - 1].end < start))
    s->merged = s->n;
  return 0;
}

static int cmp_span(const void *a, const void *b) {
  const woo_span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static size_t merge_sorted(woo_span *v, size_t n) {
  size_t w = 0;
  for (size_t r = 0; r < n; r++) {
    if (w && v[r].start <= v[w - 1].end) {
      if (v[r].end > v[w - 1].end)
        v[w - 1].end = v[r].end;
    } else {
      v[w++] = v[r];
    }
  }
  return w;
}

void woo__spanset_normalize(woo__spanset *s) {
  if (s->merged == s->n)
    return;
  size_t tail = s->n - s->merged;
  qsort(s->v + s->merged, tail, sizeof *s->v, cmp_span);
  /* Merge the sorted prefix and the sorted tail; a temporary copy of the
   * tail keeps it linear.  Without memory, sort the whole array. */
  woo_span *t = malloc(tail * sizeof *t);
  if (t) {
    memcpy(t, s->v + s->merged, tail * sizeof *t);
    size_t i = s->merged, j = tail, k = s->n;
    while (j > 0) {
      if (i > 0 && cmp_span(&s->v[i - 1], &t[j - 1]) > 0)
        s->v[--k] = s->v[--i];
      else
        s->v[--k] = t[--j];
    }
    free(t);
  } else {
    qsort(s->v, s->n, sizeof *s->v, cmp_span);
  }
  s->n = merge_sorted(s->v, s->n);
  s->merged = s->n;
}

/* Index of the first span of the sorted part whose end is > offset. */
static size_t lower(const woo__spanset *s, size_t offset) {
  size_t lo = 0, hi = s->merged;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->v[mid].end <= offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static bool hits(const woo_span *v, size_t start, size_t end) {
  if (start == end)
    return v->start <= start && start < v->end;
  return v->start < end && start < v->end;
}

/* Keep the unsorted tail short relative to the sorted part. */
static void settle(woo__spanset *s) {
  size_t tail = s->n - s->merged, lim = 64;
  while (lim * lim < s->merged)
    lim *= 2;
  if (tail > lim)
    woo__spanset_normalize(s);
}

bool woo__spanset_overlaps(woo__spanset *s, size_t start, size_t end) {
  settle(s);
  size_t i = lower(s, start);
  if (i < s->merged && hits(&s->v[i], start, end))
    return true;
  for (size_t k = s->merged; k < s->n; k++)
    if (hits(&s->v[k], start, end))
      return true;
  return false;
}

bool woo__spanset_contains(woo__spanset *s, size_t offset) {
  return woo__spanset_overlaps(s, offset, offset);
}

void woo__spanset_free(woo__spanset *s) {
  free(s->v);
  s->v = NULL;
  s->n = s->cap = s->merged = 0;
}
