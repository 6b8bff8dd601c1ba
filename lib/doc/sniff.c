/* Format sniffing: decide by content, fall back on the name only to break
 * ties (a zip is DOCX or ODT by its members; text is text whatever its
 * name says). */
#include <string.h>
#include <strings.h>

#include "internal.h"

static bool has_prefix(const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s, p, n) == 0;
}

static bool ci_find(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (strncasecmp(s + i, needle, n) == 0)
      return true;
  return false;
}

static const char *ext(const char *name) {
  const char *dot = name ? strrchr(name, '.') : NULL;
  return dot ? dot + 1 : "";
}

/* A zip's first member name tells ODT (mimetype first, by the standard)
 * from DOCX ([Content_Types].xml somewhere among the names). */
/* memmem behind a call the optimiser does not inline: with the sanitizers
 * on, GCC otherwise warns that a pointer into the buffer might be NULL. */
__attribute__((noinline)) static bool has_bytes(const char *hay, size_t n,
                                                const char *needle) {
  return hay && memmem(hay, n, needle, strlen(needle)) != NULL;
}

static woo_format sniff_zip(const char *s, size_t len, const char *name) {
  if (len > 30) {
    size_t nlen = (unsigned char)s[26] | ((unsigned char)s[27] << 8);
    if (30 + nlen <= len && nlen == 8 && memcmp(s + 30, "mimetype", 8) == 0)
      return WOO_FORMAT_ODT;
  }
  /* Only look at a bounded prefix: member names sit in local headers and
   * in the central directory at the end. */
  size_t head = len < 65536 ? len : 65536;
  if (has_bytes(s, head, "[Content_Types].xml") || has_bytes(s, head, "word/"))
    return WOO_FORMAT_DOCX;
  if (len > 65536) {
    const char *tail = s + len - 65536;
    if (has_bytes(tail, 65536, "word/document.xml"))
      return WOO_FORMAT_DOCX;
    if (has_bytes(tail, 65536, "content.xml"))
      return WOO_FORMAT_ODT;
  }
  if (strcasecmp(ext(name), "odt") == 0)
    return WOO_FORMAT_ODT;
  return WOO_FORMAT_DOCX;
}

static bool looks_like_mail(const char *s, size_t len) {
  /* Header lines "Name: value" at the very start, one of them a mail
   * header we know.  An mbox "From " line, Outlook's header-export banner
   * and blank lines may come first; DKIM and ARC headers can fill the
   * first kilobytes, so the window is generous. */
  static const char *const heads[] = {"From:", "Return-Path:", "Received:",
                                      "Message-ID:", "Date:", "MIME-Version:",
                                      "Subject:", "To:", "Delivered-To:",
                                      "X-", "Content-Type:"};
  size_t n = len < 65536 ? len : 65536;
  int known = 0, lines = 0;
  size_t i = 0;
  while (i < n && (s[i] == '\n' || s[i] == '\r'))
    i++;
  if (n - i > 5 && memcmp(s + i, "From ", 5) == 0) {
    const char *nl = memchr(s + i, '\n', n - i);
    i = nl ? (size_t)(nl - s) + 1 : n;
  } else if (n - i > 30 && strncasecmp(s + i, "Microsoft Mail Internet Headers", 31) == 0) {
    const char *nl = memchr(s + i, '\n', n - i);
    i = nl ? (size_t)(nl - s) + 1 : n;
  }
  while (i < n && lines < 400) {
    size_t e = i;
    while (e < n && s[e] != '\n')
      e++;
    size_t l = e - i;
    if (l == 0 || (l == 1 && s[i] == '\r'))
      break; /* end of the header block */
    if (s[i] == ' ' || s[i] == '\t') {
      /* continuation */
    } else {
      const char *colon = memchr(s + i, ':', l);
      if (!colon)
        return false;
      for (const char *p = s + i; p < colon; p++)
        if (*p == ' ' || (unsigned char)*p < 33 || (unsigned char)*p > 126)
          return false;
      /* the first letter, case folded, turns most names away without
       * the call: every header name starts with a letter */
      unsigned char c0 = (unsigned char)s[i] | 0x20;
      for (size_t h = 0; h < sizeof heads / sizeof *heads; h++)
        if (((unsigned char)heads[h][0] | 0x20) == c0 &&
            strncasecmp(s + i, heads[h], strlen(heads[h])) == 0)
          known++;
    }
    lines++;
    i = e + 1;
  }
  return known >= 2;
}

/* Tags that only HTML uses: a fragment with one of them is HTML even
 * without <html> or a doctype. */
static bool html_tags(const char *p, size_t look) {
  static const char *const tags[] = {"<html", "<body", "<head", "<p>", "<p ",
                                     "<div", "<br", "<table", "<span",
                                     "<a href", "<h1", "<h2", "<ul", "<li>",
                                     "<b>", "<i>", "<strong", "<em>", NULL};
  for (size_t k = 0; tags[k]; k++)
    if (ci_find(p, look, tags[k]))
      return true;
  return false;
}

woo_format woo_format_sniff(const void *data, size_t len, const char *name) {
  const char *s = data;
  if (!s || len == 0)
    return WOO_FORMAT_TEXT;
  /* PDF: the header may be preceded by up to 1024 bytes of junk. */
  size_t head = len < 1024 ? len : 1024;
  /* From the first '%' on: most inputs have none in their head, and
   * memchr turns them away faster than memmem. */
  const char *pct = memchr(s, '%', head);
  if (pct && memmem(pct, head - (size_t)(pct - s), "%PDF-", 5))
    return WOO_FORMAT_PDF;
  if (has_prefix(s, len, "PK\x03\x04"))
    return sniff_zip(s, len, name);
  size_t skip = has_prefix(s, len, "\xEF\xBB\xBF") ? 3 : 0;
  const char *p = s + skip;
  size_t n = len - skip;
  while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
    p++;
    n--;
  }
  size_t look = n < 2048 ? n : 2048;
  if (n && *p == '<') {
    const char *e = ext(name);
    bool html_name = strcasecmp(e, "html") == 0 || strcasecmp(e, "htm") == 0 ||
                     strcasecmp(e, "xhtml") == 0;
    if (ci_find(p, look, "<!doctype html") || ci_find(p, look, "<html") || html_name)
      return WOO_FORMAT_HTML;
    /* An XML declaration makes it XML, whatever elements it uses. */
    if (has_prefix(p, n, "<?xml"))
      return WOO_FORMAT_XML;
    if (html_tags(p, look))
      return WOO_FORMAT_HTML;
    return WOO_FORMAT_XML;
  }
  /* A mail saved as .txt is a text export of it: the name breaks the tie
   * in favour of the text as it stands (and is asked first, being the
   * cheaper question). */
  if (strcasecmp(ext(name), "txt") != 0 && looks_like_mail(s + skip, len - skip))
    return WOO_FORMAT_EML;
  return WOO_FORMAT_TEXT;
}
