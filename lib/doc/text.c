/* Plain text.  UTF-8 is kept byte for byte, so that offsets into the text
 * are offsets into the file; anything else is read as Windows-1252 (which
 * covers Latin-1's printable range) and converted, with a warning. */
#include <string.h>

#include "internal.h"

/* Bytes that fail UTF-8 are read as a single-byte Western encoding.
 * UTF-16 and binary data have NULs; we refuse those rather than produce
 * garbage.  One pass finds both. */
int woo__load_text(woo_doc *doc, const char *data, size_t len, char **own) {
  bool nul;
  size_t bad = woo__utf8_invalid_nul(data, len, &nul);
  if (nul) {
    if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') ||
                     (data[0] == '\xFE' && data[1] == '\xFF')))
      return woo__error(WOO_EUNSUPPORTED, "%s: UTF-16 text is not supported; "
                        "convert it to UTF-8", doc->path);
    return woo__error(WOO_EFORMAT, "%s: binary data, not text", doc->path);
  }
  if (bad == WOO_UNSET) {
    doc->encoding = "utf-8";
    if (own && *own == data) {
      /* The bytes are the text: keep the buffer they were read into. */
      doc->text = (woo__buf){*own, len, len + 1};
      *own = NULL;
      return 0;
    }
    return woo__buf_put(&doc->text, data, len);
  }
  doc->encoding = "windows-1252";
  size_t line = 1;
  for (size_t i = 0; i < bad; i++)
    line += data[i] == '\n';
  int rc = woo__cp1252_to_utf8(&doc->text, (const unsigned char *)data, len);
  if (rc == 0)
    rc = woo__doc_warn(doc, "%s: not valid UTF-8 (first at line %zu); read as "
                       "Windows-1252, offsets refer to the converted text",
                       doc->path, line);
  return rc;
}
