/* Hashing through GLib's checksum, which libwoo already links for GMime. */
#include <glib.h>
#include <string.h>

#include "internal.h"

void woo__sha256_hex(const void *data, size_t len, char hex[65]) {
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  const unsigned char *p = data;
  /* g_checksum_update takes a gssize; feed huge inputs in pieces. */
  while (len) {
    size_t n = len > (1u << 30) ? (1u << 30) : len;
    g_checksum_update(c, p, (gssize)n);
    p += n;
    len -= n;
  }
  const char *s = g_checksum_get_string(c);
  memcpy(hex, s, 64);
  hex[64] = '\0';
  g_checksum_free(c);
}
