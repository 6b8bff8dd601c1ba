/* Candidate hits gathered by the recognizers. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int woo__hits_grow(woo__hits *h) {
  return woo__grow(&h->v, &h->cap, sizeof *h->v, 32);
}

int woo__hits_reserve(woo__hits *h, size_t n) {
  if (n > h->cap - h->n) {
    size_t cap = h->cap ? h->cap : 32;
    while (cap - h->n < n)
      cap *= 2;
    woo__hit *p = woo__reallocarray(h->v, cap, sizeof *p);
    if (!p)
      return WOO_ENOMEM;
    h->v = p;
    h->cap = cap;
  }
  return 0;
}

int woo__hits_append(woo__hits *h, const woo__hit *v, size_t n) {
  if (woo__hits_reserve(h, n))
    return WOO_ENOMEM;
  if (n)
    memcpy(h->v + h->n, v, n * sizeof *v);
  h->n += n;
  return 0;
}

void woo__hits_free(woo__hits *h) {
  free(h->v);
  h->v = NULL;
  h->n = h->cap = 0;
}
