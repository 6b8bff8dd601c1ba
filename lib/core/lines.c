/* Byte offset → line and column. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int woo__linemap_build(woo__linemap *m, const char *s, size_t len) {
  /* One pass, the array grown as lines come: guessed from the length
   * (prose lines are rarely shorter than 32 bytes), doubled when short. */
  size_t cap = len / 32 + 16;
  m->starts = woo__reallocarray(NULL, cap, sizeof *m->starts);
  if (!m->starts)
    return WOO_ENOMEM;
  m->n = 0;
  m->starts[m->n++] = 0;
  for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p)));
       p++) {
    if (m->n == cap) {
      size_t *v = woo__reallocarray(m->starts, cap * 2, sizeof *v);
      if (!v) {
        free(m->starts);
        m->starts = NULL;
        m->n = 0;
        return WOO_ENOMEM;
      }
      m->starts = v;
      cap *= 2;
    }
    m->starts[m->n++] = (size_t)(p - s) + 1;
  }
  return 0;
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
