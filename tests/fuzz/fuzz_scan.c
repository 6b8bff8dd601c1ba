/* Fuzz target for the scanner: the first byte picks the policy (the
 * default, or one with terms, patterns and a section rule), the rest is
 * the text.  Marks must be sorted, inside the text and without overlaps,
 * and in valid UTF-8 on code-point boundaries (in invalid input a stray
 * byte is a unit of its own). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/core/internal.h"
#include "woo.h"

static const char policy_yaml[] =
    "version: 1\n"
    "terms:\n"
    "  - {term: \"Radar\", ground: 5.1.2.h}\n"
    "  - {term: \"Veilig Portiek\", ground: 5.1.2.i}\n"
    "patterns:\n"
    "  - {name: nummer, regex: '\\b20\\d\\d-\\d{3,4}\\b', ground: 4.1.4}\n"
    "sections:\n"
    "  - {heading: '^CASU', until: '^[A-Z][A-Z ]+$', keep: '^- ', ground: 4.1.4}\n"
    "entities:\n"
    "  function: {enabled: true}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Built once and kept for the life of the process, as a fuzzer's state. */
static woo_scanner *scanners[2];

static void setup(void) {
  woo_policy *p = NULL;
  if (woo_scanner_new(&scanners[0], NULL) != 0)
    abort();
  /* A policy that does not parse would make the target useless. */
  if (woo_policy_parse(&p, policy_yaml, sizeof policy_yaml - 1, "fuzz", NULL) != 0)
    abort();
  if (woo_scanner_new(&scanners[1], p) != 0)
    abort();
  woo_policy_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!scanners[0])
    setup();
  if (size == 0)
    return 0;
  const woo_scanner *sc = scanners[data[0] & 1];
  const char *text = (const char *)data + 1;
  size_t len = size - 1;
  woo_marks *m = NULL;
  if (woo_scan_text(&m, sc, text, len, NULL) != 0)
    return 0;
  bool valid = woo__utf8_invalid(text, len) == WOO_UNSET;
  size_t prev_end = 0;
  for (size_t i = 0; i < woo_marks_count(m); i++) {
    const woo_mark *k = woo_marks_at(m, i);
    if (k->start >= k->end || k->end > len || k->start < prev_end || !k->ground)
      abort();
    if (valid &&
        ((k->start < len && ((unsigned char)text[k->start] & 0xC0) == 0x80) ||
         (k->end < len && ((unsigned char)text[k->end] & 0xC0) == 0x80)))
      abort();
    prev_end = k->end;
  }
  woo_marks_free(m);
  return 0;
}
