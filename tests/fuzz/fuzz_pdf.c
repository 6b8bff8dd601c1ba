/* Fuzz target for the PDF loader: any bytes, read as a PDF with small
 * limits so that a claimed page count cannot make a run slow.  The first
 * byte picks whether attachments are loaded. */
#include <stdint.h>
#include <stdlib.h>

#include "woo/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.force_format = WOO_FORMAT_PDF;
  opts.max_pages = 50;
  opts.max_expanded = 1 << 20;
  opts.load_attachments = size > 0 && (data[0] & 1);
  woo_doc *doc = NULL;
  if (woo_doc_from_memory(&doc, data, size, "fuzz.pdf", &opts) == 0) {
    size_t len;
    const char *text = woo_doc_text(doc, &len);
    /* Walk the boxes of every character, as redaction would. */
    for (size_t i = 0; i < len; i++) {
      woo_box b;
      int page;
      if ((text[i] & 0xC0) != 0x80)
        woo_doc_char_box(doc, i, &b, &page);
    }
    woo_box *boxes = NULL;
    int *pages = NULL;
    size_t n = 0;
    if (woo_doc_span_boxes(doc, 0, len, &boxes, &pages, &n) == 0) {
      woo_free(boxes);
      woo_free(pages);
    }
    woo_doc_free(doc);
  }
  return 0;
}
