/* woo_redact_file: pick the writer for the input's format; text outputs
 * are verified here, the other writers verify their own output. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "woo_config.h"

static int redact_to_text(const char *path, const woo_doc *doc,
                          const woo_marks *marks,
                          const woo_redact_options *o) {
  char *out = NULL;
  size_t out_len = 0;
  int rc = woo_redact_text(&out, &out_len, doc, marks, o);
  if (rc)
    return rc;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  woo__run *runs = NULL;
  size_t n = 0;
  woo__needles nd = {0};
  woo__buf folded = WOO__BUF_INIT;
  if ((rc = woo__redact_runs(text, len, marks, &runs, &n)) ||
      (rc = woo__needles_build(&nd, text, len, runs, n)) ||
      (rc = woo__needles_forgive(&nd, text, len, marks)) ||
      (rc = woo__fold_text(&folded, out, out_len)))
    goto done;
  long hit = woo__needles_find(&nd, folded.data ? folded.data : "", folded.len);
  if (hit >= 0 || (o && (o->test_flags & WOO_REDACT_TEST_FAIL_VERIFY))) {
    /* Say which run without repeating the withheld text. */
    rc = woo__error(WOO_EVERIFY,
                    "%s: withheld text is still present in the output (mark "
                    "run %ld); nothing was written — mark every mention",
                    path, hit);
    goto done;
  }
  rc = woo__file_write_atomic(path, out, out_len, o && o->force);
done:
  woo__buf_free(&folded);
  woo__needles_free(&nd);
  free(runs);
  free(out);
  return rc;
}

int woo_redact_file(const char *path, const woo_doc *doc,
                    const woo_marks *marks, const woo_redact_options *o) {
  if (!path || !doc || !marks)
    return woo__error(WOO_EINVAL, "path, doc or marks is NULL");
  if (o && o->version != WOO_REDACT_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "unknown woo_redact_options version %u",
                      o->version);
  if (strcmp(path, woo_doc_path(doc)) == 0)
    return woo__error(WOO_EINVAL, "%s: output would replace the input", path);
  switch (woo_doc_format(doc)) {
#if WOO_WITH_PDF_REDACT
  case WOO_FORMAT_PDF:
    return woo__redact_pdf(path, doc, marks, o);
#endif
#if WOO_WITH_DOCX_REDACT
  case WOO_FORMAT_DOCX:
  case WOO_FORMAT_ODT:
    return woo__redact_docx(path, doc, marks, o);
#endif
#if WOO_WITH_HTML_REDACT
  case WOO_FORMAT_HTML:
    return woo__redact_html(path, doc, marks, o);
#endif
  case WOO_FORMAT_TEXT:
  case WOO_FORMAT_EML:
  case WOO_FORMAT_XML:
    return redact_to_text(path, doc, marks, o);
  default:
    return woo__error(WOO_EUNSUPPORTED,
                      "%s: redacting %s input is not supported by this build",
                      woo_doc_path(doc), woo_format_name(woo_doc_format(doc)));
  }
}
