/* Code parser — being written; replaced wholesale. */
#include <stdlib.h>

#include "../core/internal.h"
#include "internal.h"

struct woo_codes {
  woo_code *v;
  size_t n;
};

int woo__codes_scan(woo_codes **out, const char *text, size_t len,
                    const woo_codes_options *opts, bool standalone) {
  (void)text; (void)len; (void)opts; (void)standalone;
  *out = woo__calloc(1, sizeof **out);
  return *out ? 0 : WOO_ENOMEM;
}

int woo_codes_find(woo_codes **out, const char *text, size_t len,
                   const woo_codes_options *opts) {
  return woo__codes_scan(out, text, len, opts, false);
}
size_t woo_codes_count(const woo_codes *c) { return c ? c->n : 0; }
const woo_code *woo_codes_at(const woo_codes *c, size_t i) {
  return c && i < c->n ? &c->v[i] : NULL;
}
void woo_codes_free(woo_codes *c) {
  if (c) { free(c->v); free(c); }
}
const char *woo_code_role_name(woo_code_role r) {
  static const char *n[] = {"marker", "table", "citation", "status"};
  return (unsigned)r < 4 ? n[r] : "unknown";
}
const char *woo_notation_name(woo_notation x) {
  static const char *n[] = {"dotted", "compact", "comma", "spaced",
                            "lid", "paren", "prose", "word"};
  return (unsigned)x < 8 ? n[x] : "unknown";
}
