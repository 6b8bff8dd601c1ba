/*
 * libwoo — apply marks: produce the document to publish.
 *
 * Each merged run of marks is replaced by its ground code.  Outputs are
 * written to a temporary file beside the target and renamed into place
 * only after they have been read back and verified to contain none of the
 * withheld text; inputs are never modified.
 */
#ifndef WOO_REDACT_H
#define WOO_REDACT_H

#include "common.h"
#include "doc.h"
#include "grounds.h"
#include "marks.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for redaction. */
typedef struct woo_redact_options {
  unsigned int version;  /**< WOO_REDACT_OPTIONS_VERSION */
  woo_style style;       /**< how codes are printed (default dotted) */
  int force;             /**< overwrite an existing output */
  int dpi;               /**< PDF: render resolution (0 = 150) */
  double box_rgb[3];     /**< PDF: box colour, 0..1 (default black) */
  double label_rgb[3];   /**< PDF: code colour in the box (default white) */
  int no_labels;         /**< PDF: leave the boxes without codes */
  int no_text_layer;     /**< PDF: no invisible text layer */
  const char *title;     /**< PDF/DOCX: document title to set; NULL none */
  unsigned test_flags;   /**< for the test suite only; 0 */
} woo_redact_options;

#define WOO_REDACT_OPTIONS_VERSION 1
#define WOO_REDACT_OPTIONS_INIT                                                \
  {WOO_REDACT_OPTIONS_VERSION, WOO_STYLE_DOTTED, 0, 0, {0, 0, 0},             \
   {1, 1, 1}, 0, 0, NULL, 0}

/** test_flags: pretend verification found withheld text. */
#define WOO_REDACT_TEST_FAIL_VERIFY 1u

/**
 * Redact the document's text in memory: every run of marks that are not
 * rejected becomes its ground code.  Neighbouring marks with the same
 * ground and entity, separated only by spaces or punctuation, become one
 * code, as publishers write them.  *out (NUL-terminated, *out_len bytes)
 * is freed with woo_free().  Errors: WOO_EINVAL (a mark outside the
 * text), WOO_ENOMEM.
 */
WOO_EXTERN int woo_redact_text(char **out, size_t *out_len, const woo_doc *doc,
                               const woo_marks *marks,
                               const woo_redact_options *opts);

/**
 * Write the redacted document to `path`: text and e-mail as UTF-8 text,
 * PDF as PDF, DOCX/ODT as the same format, HTML as HTML.  The output is
 * verified before it is renamed into place; if any withheld text can be
 * found in it, nothing is written and WOO_EVERIFY names the page or part.
 * Errors: WOO_EEXISTS (output exists, no force), WOO_EIO, WOO_EVERIFY,
 * WOO_EUNSUPPORTED, WOO_EINVAL, WOO_ENOMEM.
 */
WOO_EXTERN int woo_redact_file(const char *path, const woo_doc *doc,
                               const woo_marks *marks,
                               const woo_redact_options *opts);

/**
 * A review page: one self-contained HTML document (no scripts or files
 * from the network) showing the document's text with every mark
 * highlighted in its ground's colour, a legend with counts per ground,
 * and a table of the marks with entity, source, confidence and status.
 * The page contains the withheld text: it is for reviewers, never for
 * publication.  *out is freed with woo_free().  Errors: WOO_EINVAL,
 * WOO_ENOMEM.
 */
WOO_EXTERN int woo_review_html(char **out, size_t *out_len, const woo_doc *doc,
                               const woo_marks *marks);

#ifdef __cplusplus
}
#endif
#endif
