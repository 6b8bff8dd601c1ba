/* Shared by the audit checks.  Never installed. */
#ifndef WOO_AUDIT_INTERNAL_H
#define WOO_AUDIT_INTERNAL_H

#include "../core/internal.h"
#include "woo/audit.h"

/* A growable list of findings, owned strings. */
typedef struct woo__findings {
  woo_finding *v;
  size_t n, cap;
} woo__findings;

/* Append a finding (strings copied).  Unset offsets: WOO_UNSET. */
int woo__finding_add(woo__findings *f, const woo_finding *x);
void woo__findings_free(woo__findings *f);

/* PDF forensics for one document (lib/audit/pdf.c): text-under-box,
 * hidden-text, metadata-leak, annotation, earlier-revision,
 * embedded-file.  Reads the file again from woo_doc_path(doc) (its hash
 * must match) to render pages and to cut earlier revisions.  Appends to
 * `out`; returns 0 or a WOO_E* code. */
int woo__audit_pdf(woo__findings *out, const woo_doc *doc);

/* Metadata leaks for any format (DOCX/ODT properties, e-mail headers,
 * PDF Info): person names in author/creator fields. */
int woo__audit_metadata(woo__findings *out, const woo_doc *doc);

#endif
