/* Candidate hits gathered by the recognizers. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int woo__hits_add_ground(woo__hits *h, size_t start, size_t end,
                         woo_entity entity, const char *source,
                         double confidence, const woo_ground *ground) {
  if (end <= start)
    return 0; /* empty hits carry nothing to withhold */
  if (h->n == h->cap && woo__grow(&h->v, &h->cap, sizeof *h->v, 32))
    return WOO_ENOMEM;
  woo__hit *x = &h->v[h->n++];
  x->start = start;
  x->end = end;
  x->entity = entity;
  x->source = source;
  x->confidence = confidence < 0 ? 0 : confidence > 1 ? 1 : confidence;
  x->ground = ground;
  return 0;
}

int woo__hits_add(woo__hits *h, size_t start, size_t end, woo_entity entity,
                  const char *source, double confidence) {
  return woo__hits_add_ground(h, start, end, entity, source, confidence, NULL);
}

int woo__hits_append(woo__hits *h, const woo__hit *v, size_t n) {
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
