/* Fuzz target for the DOCX and ODT loaders and the zip reader under
 * them: any bytes, read as the container format the content suggests
 * (ODT when its signature member comes first, DOCX otherwise), with a
 * small expansion cap so that a crafted archive cannot make a run slow.
 * Every part must lie inside the text, in order. */
#include <stdint.h>
#include <stdlib.h>

#include "woo/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  woo_format f = woo_format_sniff(data, size, NULL);
  opts.force_format = f == WOO_FORMAT_ODT ? WOO_FORMAT_ODT : WOO_FORMAT_DOCX;
  opts.max_expanded = 8 << 20;
  woo_doc *doc = NULL;
  if (woo_doc_from_memory(&doc, data, size, "fuzz.docx", &opts) == 0) {
    size_t len, prev = 0;
    woo_doc_text(doc, &len);
    for (size_t i = 0; i < woo_doc_part_count(doc); i++) {
      const woo_part *p = woo_doc_part(doc, i);
      if (p->start > p->end || p->end > len || p->start < prev)
        abort();
      prev = p->end;
    }
    for (size_t i = 0; i < woo_doc_meta_count(doc); i++)
      if (!woo_doc_meta(doc, i)->value)
        abort();
    woo_doc_free(doc);
  }
  return 0;
}
