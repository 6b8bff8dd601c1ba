/* Fuzz target for the DOCX and ODT loaders and the zip reader under
 * them.  Input starting with "PK" is a whole package, read as the format
 * the content suggests.  Anything else is one XML part: the first byte
 * picks which (even: word/document.xml of a DOCX, odd: content.xml of an
 * ODT) and the rest is wrapped in a stored zip built here, so that
 * mutations reach the XML walkers instead of dying on a checksum.  The
 * expansion cap is small so that no input makes a run slow; every part
 * must lie inside the text, in order. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "woo/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put16(uint8_t *p, unsigned v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, unsigned long v) {
  put16(p, (unsigned)(v & 0xffff));
  put16(p + 2, (unsigned)(v >> 16));
}

/* A zip with one stored member: local header, data, central directory
 * entry, end record.  Returns a malloc'd buffer or NULL. */
static uint8_t *wrap(const char *name, const uint8_t *data, size_t size,
                     size_t *out_len) {
  size_t nlen = strlen(name);
  size_t len = 30 + nlen + size + 46 + nlen + 22;
  uint8_t *z = calloc(1, len);
  if (!z || size > 0xfffffff0u) {
    free(z);
    return NULL;
  }
  unsigned long crc = crc32(0L, data, (uInt)size);
  uint8_t *p = z;
  put32(p, 0x04034b50);
  put16(p + 4, 20);
  put32(p + 14, crc);
  put32(p + 18, (unsigned long)size);
  put32(p + 22, (unsigned long)size);
  put16(p + 26, (unsigned)nlen);
  memcpy(p + 30, name, nlen);
  if (size)
    memcpy(p + 30 + nlen, data, size);
  size_t cd = 30 + nlen + size;
  p = z + cd;
  put32(p, 0x02014b50);
  put16(p + 4, 20);
  put16(p + 6, 20);
  put32(p + 16, crc);
  put32(p + 20, (unsigned long)size);
  put32(p + 24, (unsigned long)size);
  put16(p + 28, (unsigned)nlen);
  memcpy(p + 46, name, nlen);
  p += 46 + nlen;
  put32(p, 0x06054b50);
  put16(p + 8, 1);
  put16(p + 10, 1);
  put32(p + 12, 46 + nlen);
  put32(p + 16, (unsigned long)cd);
  *out_len = len;
  return z;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.max_expanded = 8 << 20;
  uint8_t *wrapped = NULL;
  size_t len = size;
  const uint8_t *in = data;
  if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
    woo_format f = woo_format_sniff(data, size, NULL);
    opts.force_format = f == WOO_FORMAT_ODT ? WOO_FORMAT_ODT : WOO_FORMAT_DOCX;
  } else if (size >= 1) {
    bool odt = data[0] & 1;
    opts.force_format = odt ? WOO_FORMAT_ODT : WOO_FORMAT_DOCX;
    wrapped = wrap(odt ? "content.xml" : "word/document.xml", data + 1,
                   size - 1, &len);
    if (!wrapped)
      return 0;
    in = wrapped;
  } else {
    return 0;
  }
  woo_doc *doc = NULL;
  if (woo_doc_from_memory(&doc, in, len, "fuzz.docx", &opts) == 0) {
    size_t tlen, prev = 0;
    woo_doc_text(doc, &tlen);
    for (size_t i = 0; i < woo_doc_part_count(doc); i++) {
      const woo_part *p = woo_doc_part(doc, i);
      if (p->start > p->end || p->end > tlen || p->start < prev)
        abort();
      prev = p->end;
    }
    woo_doc_free(doc);
  }
  free(wrapped);
  return 0;
}
