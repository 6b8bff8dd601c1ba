/* The audit of a batch: per-document checks as documents are added (from
 * any number of threads), batch checks when it is finished. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "woo/scan.h"
#include "woo_config.h"

struct woo_audit {
  woo_audit_options opts;
  woo_scanner *own_scanner; /* when the caller gave none */
  const woo_scanner *scanner;
  woo_index_list *inventory;
  pthread_mutex_t lock;
  woo__adoc **docs;
  size_t n_docs, cap_docs;
  woo__findings findings;
  bool finished;
};

/* ---- per-document summary -------------------------------------------- */

int woo__akeys_add(woo__akeys *k, uint64_t h, size_t start, size_t end,
                   const woo_ground *ground) {
  if (k->n == k->cap && woo__grow(&k->v, &k->cap, sizeof *k->v, 64))
    return WOO_ENOMEM;
  k->v[k->n++] = (woo__akey){h, start, end, ground};
  return 0;
}

int woo__vkeys_add(woo__vkeys *k, uint64_t h, size_t start, size_t end) {
  if (start > UINT32_MAX || end - start > UINT32_MAX)
    return woo__akeys_add(&k->wide, h, start, end, NULL);
  if (k->n == k->cap && woo__grow(&k->v, &k->cap, sizeof *k->v, 64))
    return WOO_ENOMEM;
  k->v[k->n++] = (woo__vkey){h, (uint32_t)start, (uint32_t)(end - start)};
  return 0;
}

void woo__vkeys_free(woo__vkeys *k) {
  free(k->v);
  free(k->wide.v);
  *k = (woo__vkeys){NULL, 0, 0, {NULL, 0, 0}};
}

int woo__adoc_new(woo__adoc **out, const char *path, const char *format) {
  woo__adoc *d = woo__calloc(1, sizeof *d);
  if (!d)
    return woo__oom();
  d->path = woo__strdup(path ? path : "");
  d->format = woo__strdup(format ? format : "unknown");
  d->counts = woo__calloc(woo_ground_count() + 1, sizeof *d->counts);
  d->notation = -1;
  d->notation_at = d->notation_end = WOO_UNSET;
  if (!d->path || !d->format || !d->counts) {
    woo__adoc_free(d);
    return woo__oom();
  }
  *out = d;
  return 0;
}

void woo__adoc_free(woo__adoc *d) {
  if (!d)
    return;
  free(d->path);
  free(d->format);
  free(d->counts);
  woo__findings_free(&d->findings);
  free(d->withheld.v);
  woo__vkeys_free(&d->visible);
  free(d);
}

int woo__audit_page(const woo_doc *doc, size_t off) {
  size_t n = woo_doc_page_count(doc);
  for (size_t i = 0; i < n; i++) {
    const woo_page *p = woo_doc_page(doc, i);
    if (p && off >= p->start && off < p->end)
      return (int)i + 1;
  }
  return 0;
}

int woo__audit_mask(woo__buf *b, const char *s, size_t len) {
  size_t i = 0;
  bool in_word = false;
  int rc = 0;
  while (i < len && rc == 0) {
    size_t n;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, len - i, &n);
    if (cp == WOO__BAD_CP) {
      rc = woo__buf_putc(b, '?');
      in_word = false;
    } else if (woo__is_letter(cp)) {
      rc = in_word ? woo__buf_putc(b, '*') : woo__buf_put(b, s + i, n);
      in_word = true;
    } else if (woo__is_digit(cp)) {
      rc = woo__buf_putc(b, '#');
      in_word = true;
    } else {
      /* Line breaks would break a one-line message. */
      rc = woo__buf_putc(b, cp < 0x20 ? ' ' : (char)(cp < 0x80 ? cp : '.'));
      in_word = false;
    }
    i += n;
  }
  return rc;
}

/* ---- the map step --------------------------------------------------------- */

int woo__adoc_build(woo__adoc **out, const woo_doc *doc,
                    const woo_scanner *scanner, const woo_audit_options *opts) {
  woo__adoc *d = NULL;
  woo_codes *codes = NULL;
  woo_marks *hits = NULL;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  int rc = woo__adoc_new(&d, woo_doc_path(doc),
                         woo_format_name(woo_doc_format(doc)));
  if (rc)
    goto done;
  memcpy(d->sha256, woo_doc_sha256(doc), 64);
  d->sha256[64] = '\0';
  d->bytes = woo_doc_input_size(doc);
  woo_codes_options copts = WOO_CODES_OPTIONS_INIT;
  copts.include_unknown = 1;
  if ((rc = woo_codes_find(&codes, text, len, &copts)) != 0)
    goto done;
  if ((rc = woo__audit_codes(d, doc, codes)) != 0)
    goto done;
  if (!opts->no_residual) {
    if ((rc = woo__audit_residual(d, doc, codes, scanner, &hits)) != 0)
      goto done;
    if ((rc = woo__audit_adjacent(d, text, len, codes, hits)) != 0)
      goto done;
  }
  if (scanner && (rc = woo__audit_metadata_with(&d->findings, doc, scanner)))
    goto done;
#if WOO_WITH_PDF
  if (woo_doc_format(doc) == WOO_FORMAT_PDF &&
      (rc = woo__audit_pdf(&d->findings, doc)) != 0)
    goto done;
#endif
  if (!opts->no_consistency)
    rc = woo__audit_contexts(d, text, len, codes);
done:
  woo_marks_free(hits);
  woo_codes_free(codes);
  if (rc) {
    woo__adoc_free(d);
    return rc;
  }
  *out = d;
  return 0;
}

/* ---- the audit ------------------------------------------------------------ */

int woo_audit_new(woo_audit **out, const woo_audit_options *opts) {
  woo_audit_options def = WOO_AUDIT_OPTIONS_INIT;
  if (!out)
    return woo__error(WOO_EINVAL, "out is NULL");
  *out = NULL;
  if (!opts)
    opts = &def;
  if (opts->version != WOO_AUDIT_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "audit options version %u, expected %u",
                      opts->version, WOO_AUDIT_OPTIONS_VERSION);
  woo_audit *a = woo__calloc(1, sizeof *a);
  if (!a)
    return woo__oom();
  a->opts = *opts;
  a->opts.index_path = NULL;
  pthread_mutex_init(&a->lock, NULL);
  int rc = 0;
  a->scanner = opts->scanner;
  if (!a->scanner && !opts->no_residual) {
    if ((rc = woo_scanner_new(&a->own_scanner, NULL)) != 0)
      goto fail;
    a->scanner = a->own_scanner;
  }
  if (opts->index_path &&
      (rc = woo_index_read(&a->inventory, opts->index_path)) != 0)
    goto fail;
  *out = a;
  return 0;
fail:
  woo_audit_free(a);
  return rc;
}

void woo_audit_free(woo_audit *a) {
  if (!a)
    return;
  for (size_t i = 0; i < a->n_docs; i++)
    woo__adoc_free(a->docs[i]);
  free(a->docs);
  woo__findings_free(&a->findings);
  woo_index_list_free(a->inventory);
  woo_scanner_free(a->own_scanner);
  pthread_mutex_destroy(&a->lock);
  free(a);
}

static int keep(woo_audit *a, woo__adoc *d) {
  int rc = 0;
  pthread_mutex_lock(&a->lock);
  if (a->finished) {
    rc = woo__error(WOO_EINVAL, "%s: the audit is finished already", d->path);
  } else if (a->n_docs == a->cap_docs) {
    size_t cap = a->cap_docs ? a->cap_docs * 2 : 16;
    woo__adoc **v = woo__reallocarray(a->docs, cap, sizeof *v);
    if (!v)
      rc = woo__oom();
    else {
      a->docs = v;
      a->cap_docs = cap;
    }
  }
  if (rc == 0)
    a->docs[a->n_docs++] = d;
  pthread_mutex_unlock(&a->lock);
  if (rc)
    woo__adoc_free(d);
  return rc;
}

int woo_audit_add(woo_audit *a, const woo_doc *doc) {
  if (!a || !doc)
    return woo__error(WOO_EINVAL, "audit or document is NULL");
  woo__adoc *d = NULL;
  int rc = woo__adoc_build(&d, doc, a->scanner, &a->opts);
  return rc ? rc : keep(a, d);
}

int woo_audit_keys(char **out, size_t *out_len, const woo_doc *doc,
                   const woo_audit_options *opts) {
  woo_audit_options def = WOO_AUDIT_OPTIONS_INIT;
  if (!out || !doc)
    return woo__error(WOO_EINVAL, "out or document is NULL");
  *out = NULL;
  if (!opts)
    opts = &def;
  if (opts->version != WOO_AUDIT_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "audit options version %u, expected %u",
                      opts->version, WOO_AUDIT_OPTIONS_VERSION);
  woo_scanner *own = NULL;
  woo__adoc *d = NULL;
  const woo_scanner *sc = opts->scanner;
  int rc = 0;
  if (!sc && !opts->no_residual) {
    if ((rc = woo_scanner_new(&own, NULL)) != 0)
      goto done;
    sc = own;
  }
  if ((rc = woo__adoc_build(&d, doc, sc, opts)) != 0)
    goto done;
  size_t len = 0;
  rc = woo__adoc_to_keys(out, &len, d);
  if (rc == 0 && out_len)
    *out_len = len;
done:
  woo__adoc_free(d);
  woo_scanner_free(own);
  return rc;
}

int woo_audit_add_keys(woo_audit *a, const char *keys, size_t len,
                       const char *name) {
  if (!a || (!keys && len))
    return woo__error(WOO_EINVAL, "audit or keys is NULL");
  woo__adoc *d = NULL;
  int rc = woo__adoc_from_keys(&d, keys ? keys : "", len, name ? name : "keys");
  return rc ? rc : keep(a, d);
}

static int cmp_doc(const void *x, const void *y) {
  const woo__adoc *a = *(woo__adoc *const *)x, *b = *(woo__adoc *const *)y;
  int c = strcmp(a->path, b->path);
  return c ? c : strcmp(a->sha256, b->sha256);
}

static int cmp_size(size_t a, size_t b) { return a < b ? -1 : a > b; }

static int cmp_str(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "");
}

/* Document, severity (highest first), offset, then everything else, so
 * the order does not depend on the order documents were added in. */
static int cmp_finding(const void *x, const void *y) {
  const woo_finding *a = x, *b = y;
  int c = strcmp(a->document, b->document);
  if (c)
    return c;
  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  if ((c = cmp_size(a->start, b->start)) || (c = cmp_size(a->end, b->end)))
    return c;
  if ((c = strcmp(a->type, b->type)) ||
      (c = cmp_str(a->other_document, b->other_document)) ||
      (c = cmp_size(a->other_start, b->other_start)))
    return c;
  return strcmp(a->message, b->message);
}

int woo_audit_finish(woo_audit *a) {
  if (!a)
    return woo__error(WOO_EINVAL, "audit is NULL");
  pthread_mutex_lock(&a->lock);
  bool again = a->finished;
  a->finished = true;
  pthread_mutex_unlock(&a->lock);
  if (again)
    return woo__error(WOO_EINVAL, "the audit is finished already");
  if (a->n_docs > 1)
    qsort(a->docs, a->n_docs, sizeof *a->docs, cmp_doc);
  int rc = 0;
  /* The documents' findings move to the audit's list as they are: no
   * check after this point reads them per document. */
  size_t total = a->findings.n;
  for (size_t i = 0; i < a->n_docs; i++)
    total += a->docs[i]->findings.n;
  if (total > a->findings.cap) {
    woo_finding *v = woo__reallocarray(a->findings.v, total, sizeof *v);
    if (v) {
      a->findings.v = v;
      a->findings.cap = total;
    } else {
      rc = woo__oom();
    }
  }
  for (size_t i = 0; i < a->n_docs && rc == 0; i++) {
    woo__findings *f = &a->docs[i]->findings;
    if (f->n)
      memcpy(a->findings.v + a->findings.n, f->v, f->n * sizeof *f->v);
    a->findings.n += f->n;
    free(f->v);
    *f = (woo__findings){NULL, 0, 0};
  }
  if (rc == 0)
    rc = woo__audit_batch_notation(&a->findings, a->docs, a->n_docs);
  if (rc == 0 && !a->opts.no_consistency)
    rc = woo__audit_consistency(&a->findings, a->docs, a->n_docs);
  if (rc == 0 && a->inventory)
    rc = woo__audit_index(&a->findings, a->inventory, a->docs, a->n_docs);
  if (a->findings.n > 1)
    qsort(a->findings.v, a->findings.n, sizeof *a->findings.v, cmp_finding);
  /* The keys have done their work; only the summaries are reported. */
  for (size_t i = 0; i < a->n_docs; i++) {
    woo__adoc *d = a->docs[i];
    woo__findings_free(&d->findings);
    free(d->withheld.v);
    d->withheld = (woo__akeys){NULL, 0, 0};
    woo__vkeys_free(&d->visible);
  }
  return rc;
}

size_t woo_audit_count(const woo_audit *a) {
  return a && a->finished ? a->findings.n : 0;
}

const woo_finding *woo_audit_at(const woo_audit *a, size_t i) {
  return a && a->finished && i < a->findings.n ? &a->findings.v[i] : NULL;
}

size_t woo_audit_document_count(const woo_audit *a) {
  return a && a->finished ? a->n_docs : 0;
}

int woo_audit_document_at(const woo_audit *a, size_t i,
                          woo_audit_document *out) {
  if (!a || !out)
    return woo__error(WOO_EINVAL, "audit or out is NULL");
  if (!a->finished || i >= a->n_docs)
    return woo__error(WOO_EINVAL, "audit: no document %zu", i);
  const woo__adoc *d = a->docs[i];
  *out = (woo_audit_document){d->path,    d->format,
                              d->sha256,  d->bytes,
                              d->date[0] ? d->date : NULL,
                              d->markers, d->counts};
  return 0;
}

void woo__audit_documents(const woo_audit *a, woo__adoc *const **docs,
                          size_t *n) {
  *docs = a->docs;
  *n = a->n_docs;
}
