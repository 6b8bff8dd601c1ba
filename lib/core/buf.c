/* Growable byte buffers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int woo__buf_grow(woo__buf *b, size_t extra) {
  if (extra > SIZE_MAX - b->len - 1)
    return woo__oom();
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *d = woo__realloc(b->data, cap);
  if (!d)
    return WOO_ENOMEM;
  if (!b->data)
    d[0] = '\0';
  b->data = d;
  b->cap = cap;
  return 0;
}

int woo__buf_put(woo__buf *b, const void *data, size_t len) {
  int rc = woo__buf_grow(b, len);
  if (rc)
    return rc;
  if (len)
    memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return 0;
}

int woo__buf_puts(woo__buf *b, const char *s) {
  return woo__buf_put(b, s, strlen(s));
}

int woo__buf_putc(woo__buf *b, char c) { return woo__buf_put(b, &c, 1); }

int woo__buf_printf(woo__buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  int rc = n < 0 ? woo__error(WOO_EINVAL, "bad format") : woo__buf_grow(b, (size_t)n);
  if (rc == 0) {
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
  return rc;
}

int woo__buf_put_utf8(woo__buf *b, uint32_t cp) {
  unsigned char u[4];
  size_t n;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    u[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | (cp >> 6));
    u[1] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | (cp >> 12));
    u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return woo__buf_put(b, u, n);
}

char *woo__buf_detach(woo__buf *b, size_t *len) {
  if (!b->data && woo__buf_grow(b, 0))
    return NULL;
  char *d = b->data;
  if (len)
    *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

void woo__buf_free(woo__buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
