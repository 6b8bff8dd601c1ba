/*
 * libwoo — audit: check documents that are redacted or already published.
 *
 * Which codes they carry, what personal data was missed, what was treated
 * differently in different places, whether a PDF still hides text under
 * its boxes, and whether the documents agree with their inventory.
 *
 * An audit runs over a batch: add each document (from any number of
 * threads), then finish to run the checks that need the whole batch.
 * Cross-batch consistency works on small per-document key files, so the
 * per-document step can run anywhere and only the keys are merged.
 */
#ifndef WOO_AUDIT_H
#define WOO_AUDIT_H

#include "common.h"
#include "doc.h"
#include "scan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a finding. */
typedef enum woo_severity {
  WOO_SEVERITY_INFO = 0,
  WOO_SEVERITY_LOW = 1,
  WOO_SEVERITY_MEDIUM = 2,
  WOO_SEVERITY_HIGH = 3
} woo_severity;

/** "info", "low", "medium", "high"; static. */
WOO_EXTERN const char *woo_severity_name(woo_severity s);
/** Parse a severity name; 0 or WOO_EINVAL. */
WOO_EXTERN int woo_severity_parse(woo_severity *out, const char *name);

/** One finding.  Strings are owned by the audit. */
typedef struct woo_finding {
  const char *type;     /**< "unknown-code", "mixed-notation",
                             "wob-code-after-woo", "residual-personal-data",
                             "inconsistent-redaction", "context-leak",
                             "text-under-box", "hidden-text",
                             "metadata-leak", "earlier-revision",
                             "annotation", "embedded-file",
                             "index-mismatch" */
  woo_severity severity;
  const char *document; /**< path of the document ("" for batch-wide) */
  size_t start;         /**< byte offset into the document's text, or
                             WOO_UNSET */
  size_t end;           /**< exclusive, or WOO_UNSET */
  int page;             /**< 1-based, 0 when not known */
  const char *message;  /**< one line, Dutch terms where they are the
                             domain's; never the withheld text itself */
  const char *ground;   /**< canonical ground code involved, or NULL */
  const char *entity;   /**< entity name (residual data), or NULL */
  double confidence;    /**< 0..1; 1 for certain findings */
  const char *other_document; /**< consistency: where the other occurrence
                                   is, or NULL */
  size_t other_start;   /**< offset there, or WOO_UNSET */
} woo_finding;

/** Options for an audit. */
typedef struct woo_audit_options {
  unsigned int version;       /**< WOO_AUDIT_OPTIONS_VERSION */
  const woo_scanner *scanner; /**< for residual personal data; NULL = a
                                   scanner with the default policy */
  const char *index_path;     /**< inventarislijst (CSV or text) to compare
                                   with, or NULL */
  int no_residual;            /**< skip the residual-data scan */
  int no_consistency;         /**< skip cross-document consistency */
} woo_audit_options;

#define WOO_AUDIT_OPTIONS_VERSION 1
#define WOO_AUDIT_OPTIONS_INIT {WOO_AUDIT_OPTIONS_VERSION, NULL, NULL, 0, 0}

typedef struct woo_audit woo_audit;

/** A new audit.  Errors: WOO_EINVAL, WOO_ENOMEM, and errors reading the
 *  index (naming its file). */
WOO_EXTERN int woo_audit_new(woo_audit **out, const woo_audit_options *opts);
WOO_EXTERN void woo_audit_free(woo_audit *audit);

/** Run the per-document checks on `doc` and keep its consistency keys.
 *  May be called from several threads at once. */
WOO_EXTERN int woo_audit_add(woo_audit *audit, const woo_doc *doc);

/** The map step alone: the consistency keys of one document as a small
 *  JSON-lines text ("keys/1"), for merging elsewhere.  *out is freed with
 *  woo_free(). */
WOO_EXTERN int woo_audit_keys(char **out, size_t *out_len, const woo_doc *doc,
                              const woo_audit_options *opts);

/** The merge step's input: add a key file made by woo_audit_keys.
 *  `name` is used in messages.  Errors: WOO_EFORMAT naming the file. */
WOO_EXTERN int woo_audit_add_keys(woo_audit *audit, const char *keys,
                                  size_t len, const char *name);

/** Run the batch checks (consistency, index).  Call once, after the last
 *  add. */
WOO_EXTERN int woo_audit_finish(woo_audit *audit);

/** Findings, sorted by document, then severity (highest first), then
 *  offset.  Borrowed. */
WOO_EXTERN size_t woo_audit_count(const woo_audit *audit);
WOO_EXTERN const woo_finding *woo_audit_at(const woo_audit *audit, size_t i);

/** One audited document as the report lists it.  Strings and the counts
 *  are owned by the audit. */
typedef struct woo_audit_document {
  const char *path;
  const char *format;   /**< woo_format_name() of its format */
  const char *sha256;   /**< of the input, hex */
  size_t bytes;         /**< input size */
  const char *date;     /**< the document's date, YYYY-MM-DD, or NULL */
  size_t markers;       /**< codes standing in for withheld text */
  const size_t *codes;  /**< codes per registry entry: woo_ground_count()
                             counts in woo_ground_at() order */
} woo_audit_document;

/** The documents of a finished audit, sorted by path; 0 before finish. */
WOO_EXTERN size_t woo_audit_document_count(const woo_audit *audit);
/** Fill *out with document i.  Errors: WOO_EINVAL (unfinished audit or i
 *  out of range). */
WOO_EXTERN int woo_audit_document_at(const woo_audit *audit, size_t i,
                                     woo_audit_document *out);

/** The findings as "audit/1" JSON (docs/formats.md).  *out is freed with
 *  woo_free(). */
WOO_EXTERN int woo_audit_to_json(char **out, const woo_audit *audit);

#ifdef __cplusplus
}
#endif
#endif
