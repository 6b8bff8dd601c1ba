/* Read-back checks of a redacted PDF (pdf_verify.c), shared with the
 * writer (pdf.c).  Never installed. */
#ifndef WOO_REDACT_PDF_VERIFY_H
#define WOO_REDACT_PDF_VERIFY_H

#include "internal.h"

/* Check the PDF written to `fd` (read from offset 0; the descriptor stays
 * open) for any of the needles: in each page's extractable text, in the
 * document properties and XMP, in the file's bytes outside streams and in
 * every decompressed stream that is not a page image.  The output must
 * also carry no annotations, form fields or attachments and have
 * `n_pages` pages.  `path` names the output in messages.  `forced` makes
 * the check fail as if text had been found (test hook).  Returns 0 or
 * WOO_EVERIFY (naming the page or part, never the text), WOO_EIO,
 * WOO_ENOMEM. */
int woo__pdf_verify(const char *path, int fd, const woo__needles *nd,
                    int n_pages, bool forced);

#endif
