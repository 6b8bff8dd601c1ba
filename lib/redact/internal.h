/* Shared by the redaction writers.  Never installed. */
#ifndef WOO_REDACT_INTERNAL_H
#define WOO_REDACT_INTERNAL_H

#include "../core/internal.h"
#include "woo/redact.h"

/* A run of marks to replace by one code. */
typedef struct woo__run {
  size_t start, end;
  const woo_ground *ground;
} woo__run;

/* The runs of `marks` (rejected ones left out, overlaps merged,
 * neighbours with the same ground and entity joined across spaces and
 * punctuation).  *runs is freed by the caller. */
int woo__redact_runs(const char *text, size_t len, const woo_marks *marks,
                     woo__run **runs, size_t *n);

/* The withheld strings to look for in an output: each run's text, folded
 * to lower case with runs of white space made one space.  Strings shorter
 * than 2 characters are left out (they match everywhere). */
typedef struct woo__needles {
  char **v;
  size_t n;
} woo__needles;

int woo__needles_build(woo__needles *nd, const char *text, size_t len,
                       const woo__run *runs, size_t n);
void woo__needles_free(woo__needles *nd);
/* Drop the needles equal to the text of a rejected mark: a reviewer who
 * rejected a mark decided that this text may be published, so finding it
 * in the output is not a leak. */
int woo__needles_forgive(woo__needles *nd, const char *text, size_t len,
                         const woo_marks *marks);
/* Fold `s` the same way (lower case, one space for white space). */
int woo__fold_text(woo__buf *out, const char *s, size_t len);
/* Index of the first needle found in `hay` as a whole word (hay already
 * folded), or -1. */
long woo__needles_find(const woo__needles *nd, const char *hay, size_t len);

/* Writers for paged and structured formats. */
int woo__redact_pdf(const char *path, const woo_doc *doc,
                    const woo_marks *marks, const woo_redact_options *o);
int woo__redact_docx(const char *path, const woo_doc *doc,
                     const woo_marks *marks, const woo_redact_options *o);
int woo__redact_html(const char *path, const woo_doc *doc,
                     const woo_marks *marks, const woo_redact_options *o);

#endif
