/* Allocation wrappers: one place that sets WOO_ENOMEM. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *woo__malloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    woo__oom();
  return p;
}

void *woo__calloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    woo__oom();
  return p;
}

void *woo__realloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q)
    woo__oom();
  return q;
}

void *woo__reallocarray(void *p, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) {
    woo__oom();
    return NULL;
  }
  return woo__realloc(p, count * size);
}

int woo__grow(void *arrayp, size_t *cap, size_t size, size_t first) {
  void *old;
  memcpy(&old, arrayp, sizeof old);
  size_t c = *cap ? *cap * 2 : first;
  if (c < *cap)
    return woo__oom();
  void *v = woo__reallocarray(old, c, size);
  if (!v)
    return WOO_ENOMEM;
  memcpy(arrayp, &v, sizeof v);
  *cap = c;
  return 0;
}

char *woo__strndup(const char *s, size_t n) {
  char *d = woo__malloc(n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *woo__strdup(const char *s) { return woo__strndup(s, strlen(s)); }
