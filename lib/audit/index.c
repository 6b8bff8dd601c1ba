/* The documents against their inventarislijst: is each one listed, with
 * the beoordeling its codes imply and the grounds it carries?  The list
 * is read by the index module's reader (woo_index_read). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* Same file name, with or without its extension, ignoring case. */
static bool same_name(const char *cell, const char *path) {
  const char *a = base_name(cell), *b = base_name(path);
  if (!*a)
    return false;
  if (strcasecmp(a, b) == 0)
    return true;
  const char *dot = strrchr(b, '.');
  size_t n = dot ? (size_t)(dot - b) : strlen(b);
  return strlen(a) == n && strncasecmp(a, b, n) == 0;
}

static const woo_index_row *row_of(const woo_index_list *inv,
                                   const char *path) {
  for (size_t i = 0; i < woo_index_list_count(inv); i++) {
    const woo_index_row *r = woo_index_list_at(inv, i);
    if (r->document && same_name(r->document, path))
      return r;
  }
  /* A file named after its number: "0003.pdf", "12-verslag.txt". */
  const char *b = base_name(path);
  if (!isdigit((unsigned char)*b))
    return NULL;
  char *end;
  unsigned long nr = strtoul(b, &end, 10);
  if (*end && *end != '.' && *end != '-' && *end != '_' && *end != ' ')
    return NULL;
  return nr ? woo_index_list_find(inv, (size_t)nr) : NULL;
}

/* Grounds compare in their Woo form: a list may say 5.1.2.e where the
 * document still prints 10.2.e. */
static const woo_ground *woo_form(const woo_ground *g) {
  if (!g || g->law == WOO_LAW_NONE || g->kind == WOO_GROUND_STATUS)
    return NULL;
  const woo_ground *w = g->woo_code ? woo_ground_find(g->woo_code) : NULL;
  return w ? w : g;
}

static bool in_set(const woo_ground *const *v, size_t n, const woo_ground *g) {
  for (size_t i = 0; i < n; i++)
    if (v[i] == g)
      return true;
  return false;
}

static int add(woo__findings *out, const woo__adoc *d, woo_severity sev,
               const char *msg) {
  woo_finding f = {"index-mismatch", sev, d->path, WOO_UNSET, WOO_UNSET, 0,
                   msg, NULL, NULL, 1.0, NULL, WOO_UNSET};
  return woo__finding_add(out, &f);
}

static int compare(woo__findings *out, const woo__adoc *d,
                   const woo_index_row *r) {
  size_t ng = woo_ground_count();
  const woo_ground **doc_g = woo__calloc(ng + 1, sizeof *doc_g);
  const woo_ground **row_g = woo__calloc(r->ground_count + 1, sizeof *row_g);
  woo__buf msg = WOO__BUF_INIT, only_doc = WOO__BUF_INIT,
           only_row = WOO__BUF_INIT;
  size_t nd = 0, nr = 0;
  int rc = 0;
  if (!doc_g || !row_g) {
    rc = woo__oom();
    goto done;
  }
  for (size_t i = 0; i < ng; i++) {
    const woo_ground *g = d->counts[i] ? woo_form(woo_ground_at(i)) : NULL;
    if (g && !in_set(doc_g, nd, g))
      doc_g[nd++] = g;
  }
  for (size_t i = 0; i < r->ground_count; i++) {
    const woo_ground *g = woo_form(r->grounds[i]);
    if (g && !in_set(row_g, nr, g))
      row_g[nr++] = g;
  }
  for (size_t i = 0; i < nd && rc == 0; i++)
    if (!in_set(row_g, nr, doc_g[i]))
      rc = woo__buf_printf(&only_doc, "%s%s", only_doc.len ? ", " : "",
                           doc_g[i]->code);
  for (size_t i = 0; i < nr && rc == 0; i++)
    if (!in_set(doc_g, nd, row_g[i]))
      rc = woo__buf_printf(&only_row, "%s%s", only_row.len ? ", " : "",
                           row_g[i]->code);
  if (rc == 0 && (only_doc.len || only_row.len)) {
    rc = woo__buf_printf(&msg, "inventarislijst nr %s (regel %zu): gronden",
                         r->nr_text && *r->nr_text ? r->nr_text : "?", r->line);
    if (rc == 0 && only_doc.len)
      rc = woo__buf_printf(&msg, " in het document maar niet in de lijst: %s;",
                           only_doc.data);
    if (rc == 0 && only_row.len)
      rc = woo__buf_printf(&msg, " in de lijst maar niet in het document: %s;",
                           only_row.data);
    if (rc == 0) {
      msg.data[--msg.len] = '\0';
      rc = add(out, d, WOO_SEVERITY_MEDIUM, msg.data);
    }
  }
  woo_beoordeling want = d->markers ? WOO_BEOORDELING_DEELS
                                    : WOO_BEOORDELING_OPENBAAR;
  woo_beoordeling got = r->beoordeling;
  bool agree = got == WOO_BEOORDELING_UNKNOWN || got == want ||
               (want == WOO_BEOORDELING_OPENBAAR &&
                got == WOO_BEOORDELING_REEDS);
  if (rc == 0 && !agree) {
    msg.len = 0;
    rc = woo__buf_printf(&msg,
                         "inventarislijst nr %s (regel %zu): beoordeling '%s', "
                         "maar het document is %s (%zu code%s)",
                         r->nr_text && *r->nr_text ? r->nr_text : "?", r->line,
                         woo_beoordeling_name(got), woo_beoordeling_name(want),
                         d->markers, d->markers == 1 ? "" : "s");
    if (rc == 0)
      rc = add(out, d, WOO_SEVERITY_MEDIUM, msg.data);
  }
done:
  woo__buf_free(&msg);
  woo__buf_free(&only_doc);
  woo__buf_free(&only_row);
  free(doc_g);
  free(row_g);
  return rc;
}

int woo__audit_index(woo__findings *out, const woo_index_list *inv,
                     woo__adoc **docs, size_t n) {
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_index_row *r = row_of(inv, docs[i]->path);
    rc = r ? compare(out, docs[i], r)
           : add(out, docs[i], WOO_SEVERITY_LOW,
                 "document staat niet in de inventarislijst");
  }
  return rc;
}
