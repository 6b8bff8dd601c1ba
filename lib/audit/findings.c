/* Finding lists. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char *dup_opt(const char *s) { return s ? woo__strdup(s) : NULL; }

int woo__finding_add(woo__findings *f, const woo_finding *x) {
  if (f->n == f->cap && woo__grow(&f->v, &f->cap, sizeof *f->v, 16))
    return WOO_ENOMEM;
  woo_finding y = *x;
  y.type = dup_opt(x->type ? x->type : "");
  y.document = dup_opt(x->document ? x->document : "");
  y.message = dup_opt(x->message ? x->message : "");
  y.ground = dup_opt(x->ground);
  y.entity = dup_opt(x->entity);
  y.other_document = dup_opt(x->other_document);
  if (!y.type || !y.document || !y.message || (x->ground && !y.ground) ||
      (x->entity && !y.entity) || (x->other_document && !y.other_document)) {
    free((char *)y.type);
    free((char *)y.document);
    free((char *)y.message);
    free((char *)y.ground);
    free((char *)y.entity);
    free((char *)y.other_document);
    return WOO_ENOMEM;
  }
  f->v[f->n++] = y;
  return 0;
}

void woo__findings_free(woo__findings *f) {
  for (size_t i = 0; i < f->n; i++) {
    free((char *)f->v[i].type);
    free((char *)f->v[i].document);
    free((char *)f->v[i].message);
    free((char *)f->v[i].ground);
    free((char *)f->v[i].entity);
    free((char *)f->v[i].other_document);
  }
  free(f->v);
  f->v = NULL;
  f->n = f->cap = 0;
}

const char *woo_severity_name(woo_severity s) {
  static const char *n[] = {"info", "low", "medium", "high"};
  return (unsigned)s < 4 ? n[s] : "info";
}

int woo_severity_parse(woo_severity *out, const char *name) {
  for (int i = 0; i < 4; i++)
    if (name && strcmp(name, woo_severity_name((woo_severity)i)) == 0) {
      *out = (woo_severity)i;
      return 0;
    }
  return woo__error(WOO_EINVAL, "unknown severity '%s' (info, low, medium, high)",
                    name ? name : "");
}
