/*
 * libwoo — the scanner: find what must be withheld in a document.
 *
 * A woo_scanner is compiled once from a policy and the built-in lexicons;
 * it is immutable and can scan any number of documents from any number
 * of threads at once.
 */
#ifndef WOO_SCAN_H
#define WOO_SCAN_H

#include "common.h"
#include "doc.h"
#include "marks.h"
#include "policy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct woo_scanner woo_scanner;

/**
 * Compile a scanner.  `policy` may be NULL for the default policy; the
 * scanner keeps its own reference to what it needs, so the policy may be
 * freed afterwards.  Errors: WOO_EPOLICY (a pattern does not compile),
 * WOO_ENOMEM.
 */
WOO_EXTERN int woo_scanner_new(woo_scanner **out, const woo_policy *policy);
WOO_EXTERN void woo_scanner_free(woo_scanner *scanner);

/** Names known from other documents of a batch, for propagation. */
typedef struct woo_names woo_names;

WOO_EXTERN int woo_names_new(woo_names **out);
WOO_EXTERN void woo_names_free(woo_names *names);
/** Number of distinct names held. */
WOO_EXTERN size_t woo_names_count(const woo_names *names);

/** Options for woo_scan(). */
typedef struct woo_scan_options {
  unsigned int version; /**< WOO_SCAN_OPTIONS_VERSION */
  woo_names *known;     /**< names found elsewhere in the batch, marked
                             here too; NULL for none */
  int learn;            /**< only learn: add this document's confident
                             full names to `known` (locked internally); no
                             marks are made (*out is an empty list).  A batch runs a
                             learning pass over every document, then the
                             real pass with learn = 0, so that results do
                             not depend on the order of documents.  The
                             set also keeps (up to 64 MB) each learned
                             text with the names found in it, so that the
                             real pass with the same scanner over the same
                             text does not find them again */
} woo_scan_options;

#define WOO_SCAN_OPTIONS_VERSION 1
#define WOO_SCAN_OPTIONS_INIT {WOO_SCAN_OPTIONS_VERSION, NULL, 0}

/**
 * Scan a document.  *out receives the marks, sorted and without overlaps
 * (status "proposed"); the caller frees them with woo_marks_free().
 * Errors: WOO_EINVAL, WOO_ENOMEM.
 */
WOO_EXTERN int woo_scan(woo_marks **out, const woo_scanner *scanner,
                        const woo_doc *doc, const woo_scan_options *opts);

/**
 * Scan plain UTF-8 text without a document (a convenience for callers
 * that hold text already).  Same results as woo_scan on a text document.
 */
WOO_EXTERN int woo_scan_text(woo_marks **out, const woo_scanner *scanner,
                             const char *text, size_t len,
                             const woo_scan_options *opts);

#ifdef __cplusplus
}
#endif
#endif
