/* Fuzz target for the ground-code parser.  The first byte picks the
 * options (bit 0 include_unknown, bit 1 include_citations, bit 2 the
 * standalone mode behind woo_ground_find); the rest is the text.  Checks
 * the invariants every caller relies on: codes sorted, inside the text,
 * non-empty, a ground unless flagged unknown. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/core/internal.h"
#include "lib/grounds/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  uint8_t flags = data[0];
  /* A private copy of exactly size-1 bytes, so that a read past the end
   * is caught by the sanitizers. */
  size_t len = size - 1;
  char *text = malloc(len ? len : 1);
  if (!text)
    return 0;
  memcpy(text, data + 1, len);

  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  o.include_unknown = flags & 1;
  o.include_citations = (flags >> 1) & 1;
  woo_codes *list = NULL;
  if (woo__codes_scan(&list, text, len, &o, (flags >> 2) & 1) == 0) {
    size_t prev = 0;
    for (size_t i = 0; i < woo_codes_count(list); i++) {
      const woo_code *c = woo_codes_at(list, i);
      if (c->start >= c->end || c->end > len || c->start < prev)
        abort();
      if (!c->ground && !(c->flags & WOO_CODE_UNKNOWN))
        abort();
      if ((c->flags & WOO_CODE_UNKNOWN) && !o.include_unknown)
        abort();
      if (c->role == WOO_ROLE_CITATION && !o.include_citations)
        abort();
      prev = c->start;
    }
  }
  woo_codes_free(list);

  /* woo_ground_find needs a NUL-terminated string. */
  if (len < 256) {
    char *z = malloc(len + 1);
    if (z) {
      memcpy(z, text, len);
      z[len] = '\0';
      (void)woo_ground_find(z);
      free(z);
    }
  }
  free(text);
  return 0;
}
