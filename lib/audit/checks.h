/* The audit's per-document summary and the checks that fill it.  Shared
 * by the files of lib/audit; never installed. */
#ifndef WOO_AUDIT_CHECKS_H
#define WOO_AUDIT_CHECKS_H

#include <jansson.h>

#include "internal.h"
#include "woo/codes.h"
#include "woo/index.h"
#include "woo/marks.h"

/* Words of context taken on each side of a withheld span. */
#define WOO__AUDIT_CONTEXT 3
/* Longest run of visible words that can stand where a code stands. */
#define WOO__AUDIT_MAX_RUN 6

/* One consistency key: a 64-bit hash of a context and where it is.
 * Withheld keys carry the ground of their code; visible ones NULL. */
typedef struct woo__akey {
  uint64_t h;
  size_t start, end;
  const woo_ground *ground;
} woo__akey;

typedef struct woo__akeys {
  woo__akey *v;
  size_t n, cap;
} woo__akeys;

int woo__akeys_add(woo__akeys *k, uint64_t h, size_t start, size_t end,
                   const woo_ground *ground);

/* Visible keys, by far the most of a batch and kept until it is merged:
 * 16 bytes each, start and length as 32-bit numbers.  A key that does
 * not fit (a text over 4 GiB) is kept whole in `wide`.  Each list is in
 * text order. */
typedef struct woo__vkey {
  uint64_t h;
  uint32_t start, len;
} woo__vkey;

typedef struct woo__vkeys {
  woo__vkey *v;
  size_t n, cap;
  woo__akeys wide;
} woo__vkeys;

int woo__vkeys_add(woo__vkeys *k, uint64_t h, size_t start, size_t end);
void woo__vkeys_free(woo__vkeys *k);

/* What the batch checks need to know of one document: the map step's
 * output, built from the document itself or read back from a key file. */
typedef struct woo__adoc {
  char *path;
  char *format;
  char sha256[65];
  size_t bytes;
  size_t *counts;       /* codes per registry entry (woo_ground_at order) */
  size_t markers;       /* codes standing in for withheld text */
  int notation;         /* dominant notation of lettered codes, -1 none */
  size_t notation_at;   /* first code written in that notation */
  size_t notation_end;
  char date[11];        /* the document's date as YYYY-MM-DD, or "" */
  woo__findings findings; /* per-document findings */
  woo__akeys withheld;  /* contexts around codes */
  woo__vkeys visible;   /* contexts around runs of visible words */
} woo__adoc;

int woo__adoc_new(woo__adoc **out, const char *path, const char *format);
void woo__adoc_free(woo__adoc *d);

/* The map step for one document: every per-document check and the keys.
 * `scanner` may be NULL only when opts->no_residual is set. */
int woo__adoc_build(woo__adoc **out, const woo_doc *doc,
                    const woo_scanner *scanner, const woo_audit_options *opts);

/* Page (1-based) holding byte `off` of paged input, else 0. */
int woo__audit_page(const woo_doc *doc, size_t off);

/* A masked preview of text: the first letter of every word kept, other
 * letters as '*', digits as '#', so a reader sees the shape of what
 * leaked but not the data ("J*** K******").  Appended to `b`. */
int woo__audit_mask(woo__buf *b, const char *s, size_t len);

/* codes.c: counts, unknown and damaged codes, mixed notation within the
 * document, Wob codes in a document dated after 1 May 2022. */
int woo__audit_codes(woo__adoc *d, const woo_doc *doc, const woo_codes *codes);
/* The document's date (YYYY-MM-DD) from its text or metadata, or "". */
void woo__audit_date(char out[11], const woo_doc *doc);
/* Batch: documents whose codes are written unlike most of the batch. */
int woo__audit_batch_notation(woo__findings *out, woo__adoc **docs, size_t n);

/* residual.c: the scanner over the published text, codes excluded.  The
 * hits are handed back (sorted) for the consistency checks. */
int woo__audit_residual(woo__adoc *d, const woo_doc *doc,
                        const woo_codes *codes, const woo_scanner *scanner,
                        woo_marks **hits);

/* metadata.c: woo__audit_metadata with a scanner compiled by the caller. */
int woo__audit_metadata_with(woo__findings *out, const woo_doc *doc,
                             const woo_scanner *scanner);

/* consistency.c, map side: the withheld and visible context keys of a
 * text, and names left visible right beside a code that withholds one. */
int woo__audit_contexts(woo__adoc *d, const char *text, size_t len,
                        const woo_codes *codes);
int woo__audit_adjacent(woo__adoc *d, const char *text, size_t len,
                        const woo_codes *codes, const woo_marks *hits);
/* consistency.c, merge side: context leaks and inconsistent grounds. */
int woo__audit_consistency(woo__findings *out, woo__adoc **docs, size_t n);

/* keys.c: the "keys/1" text of a document and back. */
int woo__adoc_to_keys(char **out, size_t *len, const woo__adoc *d);
int woo__adoc_from_keys(woo__adoc **out, const char *keys, size_t len,
                        const char *name);

/* index.c: the documents against their inventarislijst (read with the
 * index module's reader). */
int woo__audit_index(woo__findings *out, const woo_index_list *inv,
                     woo__adoc **docs, size_t n);

/* The documents of an audit, sorted by path once it is finished. */
void woo__audit_documents(const woo_audit *a, woo__adoc *const **docs,
                          size_t *n);

/* json.c: findings as JSON objects and back. */
json_t *woo__finding_json(const woo_finding *f);
int woo__finding_from_json(woo__findings *out, json_t *o, const char *name);

/* Codes that hide text: markers, and codes in a list of markers. */
static inline int woo__code_hides(const woo_code *c) {
  return c->role == WOO_ROLE_MARKER;
}

#endif
