/* Fuzz target for the HTML and XML loaders.  The first byte picks the
 * format (even: HTML, odd: XML); the rest is the document.  Whatever the
 * input, a loaded document must hold valid UTF-8 text with no NUL in it,
 * and every part must lie inside the text, in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "woo/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                                : (c >> 3) == 30 ? 4 : 0;
    if (k == 0 || i + k > n || c == 0)
      return 0;
    for (size_t j = 1; j < k; j++)
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
    i += k;
  }
  return 1;
}

static void check(const woo_doc *d) {
  size_t len;
  const char *t = woo_doc_text(d, &len);
  if (!valid_utf8((const unsigned char *)t, len))
    abort();
  size_t prev = 0;
  for (size_t i = 0; i < woo_doc_part_count(d); i++) {
    const woo_part *p = woo_doc_part(d, i);
    if (p->start > p->end || p->end > len || p->start < prev)
      abort();
    prev = p->end;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = data[0] & 1 ? WOO_FORMAT_XML : WOO_FORMAT_HTML;
  woo_doc *d = NULL;
  if (woo_doc_from_memory(&d, data + 1, size - 1, "fuzz", &o) == 0)
    check(d);
  woo_doc_free(d);
  return 0;
}
