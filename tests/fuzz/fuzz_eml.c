/* Fuzz target for the e-mail loader.  The first byte's low bit says
 * whether attachments are loaded as child documents; the rest is the
 * message.  Every document in the tree must hold valid UTF-8 text with
 * no NUL, parts inside the text and in order, and an attachment entry
 * for each child.  The expansion cap is small so no input is slow. */
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

static void check(const woo_doc *d, int depth) {
  size_t len;
  const char *t = woo_doc_text(d, &len);
  if (!valid_utf8((const unsigned char *)t, len) || depth > 64)
    abort();
  size_t prev = 0;
  for (size_t i = 0; i < woo_doc_part_count(d); i++) {
    const woo_part *p = woo_doc_part(d, i);
    if (p->start > p->end || p->end > len || p->start < prev)
      abort();
    prev = p->end;
  }
  for (size_t i = 0; i < woo_doc_meta_count(d); i++) {
    const woo_meta *m = woo_doc_meta(d, i);
    if (!valid_utf8((const unsigned char *)m->value, strlen(m->value)))
      abort();
  }
  for (size_t i = 0; i < woo_doc_attachment_count(d); i++) {
    const woo_attachment *a = woo_doc_attachment(d, i);
    if (!a || !a->name || !a->mime_type)
      abort();
    const woo_doc *c = woo_doc_child(d, i);
    if (c)
      check(c, depth + 1);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_EML;
  o.load_attachments = data[0] & 1;
  o.max_expanded = (size_t)16 << 20;
  woo_doc *d = NULL;
  if (woo_doc_from_memory(&d, data + 1, size - 1, "fuzz.eml", &o) == 0)
    check(d, 0);
  woo_doc_free(d);
  return 0;
}
