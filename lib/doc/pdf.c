/*
 * PDF input through poppler-glib.
 *
 * The text of a page is poppler's selection text of the whole page: the
 * same TextOutputDev engine and reading order (flows, blocks, lines) that
 * pdftotext uses, so the words agree with `pdftotext` (without -layout).
 * Differences in whitespace only: lines are joined with "\n" and blocks are
 * not separated by blank lines, and a hyphen at a line end is kept.
 * poppler_page_get_text_layout() returns one rectangle per character of
 * that text (code points, including the inserted spaces and line breaks),
 * which is how every byte of our text gets its box.  The selection text
 * puts the cells of a table row on one line with nothing between them;
 * where two characters run together there but stand apart on the page, a
 * space (a tab across a column's gap) is put between them, so that no
 * word is made of two cells.  Such a separator has no box, and within a
 * word of the text no two characters stand apart.
 *
 * Layout of the document text: page 1's text, "\n", "\f", page 2's text,
 * "\n", … — a form feed between pages as pdftotext writes it; a page
 * without text contributes nothing but its separator.  Boxes are recorded
 * for drawn characters only, not for inserted spaces, line breaks or form
 * feeds (or the separators put between cells).
 *
 * Annotation contents are kept as woo_annot only and are NOT appended to
 * the text: every offset into the text must point at something drawn on a
 * page, and an annotation's text is not part of the page's text flow.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poppler.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "lazy_pdf.h"
#include "xmlsafe.h"

/* Two characters that the selection text joins stand apart when the gap
 * between them is wider than WORD_GAP of a character's size (a word
 * space is about a quarter of the font size, kerning far less), and a
 * column apart from COLUMN_GAP. */
#define WORD_GAP 0.3
#define COLUMN_GAP 1.2

/* Make poppler's page text valid UTF-8 with one code point per character
 * it encoded.  poppler encodes each character separately, so a lead byte
 * tells the length even when the code point itself is invalid (a lone
 * surrogate from a broken ToUnicode map); such a character becomes U+FFFD
 * and still stands for exactly one rectangle of the layout. */
static int sanitize(const char *text, size_t len, woo__buf *out) {
  const unsigned char *s = (const unsigned char *)text;
  int rc = 0;
  for (size_t i = 0; i < len && rc == 0;) {
    size_t want = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
    size_t n;
    uint32_t cp = woo__utf8_decode(s + i, len - i, &n);
    if (cp != WOO__BAD_CP) {
      rc = woo__buf_put(out, s + i, n);
    } else {
      rc = woo__buf_put_utf8(out, 0xFFFD);
      n = 1;
      while (n < want && i + n < len && (s[i + n] & 0xC0) == 0x80)
        n++;
    }
    i += n;
  }
  return rc;
}

/* Rotation of a page.  poppler-glib does not expose /Rotate, so it is
 * inferred: a quarter turn swaps the displayed width and height against
 * the (unrotated) crop box, and the direction in which the characters of
 * a word advance on the displayed page (dx, dy summed over neighbours)
 * tells 90 from 270 and 0 from 180.  Text that is itself drawn sideways
 * can mislead the second step; sizes alone decide the quarter turn
 * whenever the page is not square. */
static int page_rotation(PopplerPage *page, double w, double h, double dx,
                         double dy) {
  PopplerRectangle crop;
  poppler_page_get_crop_box(page, &crop);
  double cw = fabs(crop.x2 - crop.x1), ch = fabs(crop.y2 - crop.y1);
  bool square = fabs(cw - ch) < 0.5;
  bool swapped = !square && fabs(w - ch) < 0.5 && fabs(h - cw) < 0.5;
  bool vertical = fabs(dy) > fabs(dx);
  if (swapped)
    return dy < 0 && vertical ? 270 : 90;
  if (square && vertical)
    return dy < 0 ? 270 : 90;
  return dx < 0 && !vertical ? 180 : 0;
}

/* Whether the character at s (valid UTF-8, n bytes) was drawn, as opposed
 * to a space or line break that the text engine inserted. */
static bool is_drawn(const unsigned char *s, size_t len, size_t *n) {
  if (s[0] < 0x80) {
    *n = 1;
    return s[0] > ' ';
  }
  return !woo__is_space(woo__utf8_decode(s, len, n));
}

/* What goes between two drawn characters that follow each other in the
 * selection text with nothing in between, judged by their boxes: 0 when
 * they stand together, ' ' when they stand further apart than a word
 * space, '\t' when a column's gap or another line lies between them.
 * The selection text runs the cells of a table row together ("Sanne de
 * Witvoorzitter"); pdftotext, and a reader, see separate words.  The
 * yardstick is the larger character's size, so that it scales with the
 * font whichever way the text runs. */
static char separator(const woo_box *p, const woo_box *r) {
  /* Distance between the boxes along each axis (negative where they
   * overlap), in either order: a cell can follow one further left. */
  double dx = r->x0 - p->x1 > p->x0 - r->x1 ? r->x0 - p->x1 : p->x0 - r->x1;
  double dy = r->y0 - p->y1 > p->y0 - r->y1 ? r->y0 - p->y1 : p->y0 - r->y1;
  double gap = dx > dy ? dx : dy;
  if (gap <= 0) /* the characters of a word touch or overlap */
    return 0;
  double em = p->x1 - p->x0;
  if (p->y1 - p->y0 > em)
    em = p->y1 - p->y0;
  if (r->x1 - r->x0 > em)
    em = r->x1 - r->x0;
  if (r->y1 - r->y0 > em)
    em = r->y1 - r->y0;
  if (!(em > 0) || gap <= WORD_GAP * em)
    return 0;
  return gap >= COLUMN_GAP * em ? '\t' : ' ';
}

/* Append one page's text and boxes.  Returns 0 or a WOO_E* code; *has_text
 * tells whether the page had any drawn character. */
static int add_page_text(woo_doc *doc, PopplerPage *page, int pageno,
                         double w, double h, bool keep_boxes, int *rotation,
                         int *has_text) {
  int rc = 0;
  /* The whole page is selected from a point above and left of it to one
   * below and right of it: a selection that starts or ends on the page
   * (as poppler_page_get_text's does, at its corners) can stop short of
   * blocks that the reading order puts after the corner. */
  double margin = fmax(w, h);
  PopplerRectangle area = {-margin, -margin, w + margin, h + margin};
  char *raw = poppler_page_get_text_for_area(page, &area);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  woo__buf clean = WOO__BUF_INIT;
  *has_text = 0;
  *rotation = 0;
  const char *text = raw ? raw : "";
  size_t len = strlen(text);
  if (len &&
      !poppler_page_get_text_layout_for_area(page, &area, &rects, &n_rects))
    n_rects = 0;
  if (woo__utf8_invalid(text, len) != WOO_UNSET) {
    if ((rc = sanitize(text, len, &clean)) != 0)
      goto done;
    text = clean.data;
    len = clean.len;
  }

  /* The rectangles must line up with the characters; if poppler ever
   * disagreed, boxes would land on the wrong characters, which for
   * redaction is worse than no boxes. */
  size_t n_chars = 0;
  for (size_t i = 0; i < len; i++)
    n_chars += ((unsigned char)text[i] & 0xC0) != 0x80;
  bool boxes = len && n_chars == n_rects;
  if (len && !boxes &&
      (rc = woo__doc_warn(doc, "%s: page %d: character positions do not "
                          "match the text; no boxes for this page",
                          doc->path, pageno)) != 0)
    goto done;

  /* The text goes in as stretches of poppler's text between the
   * separators put where characters stand apart; a character's offset
   * is its place in poppler's text plus the separators before it. */
  size_t base = doc->text.len, copied = 0, added = 0;
  if ((rc = woo__buf_grow(&doc->text, len + 1)) != 0 ||
      (boxes && keep_boxes &&
       (rc = woo__doc_reserve_boxes(doc, n_rects)) != 0))
    goto done;
  const unsigned char *s = (const unsigned char *)text;
  woo_box prev = {0, 0, 0, 0};
  bool have_prev = false;
  double dx = 0, dy = 0;
  size_t k = 0;
  for (size_t i = 0, n; i < len && rc == 0; i += n) {
    const PopplerRectangle *r = boxes ? &rects[k++] : NULL;
    if (!is_drawn(s + i, len - i, &n)) {
      have_prev = false;
      continue;
    }
    *has_text = 1;
    if (!r)
      continue;
    woo_box b = {r->x1 < r->x2 ? r->x1 : r->x2, r->y1 < r->y2 ? r->y1 : r->y2,
                 r->x1 < r->x2 ? r->x2 : r->x1, r->y1 < r->y2 ? r->y2 : r->y1};
    if (have_prev) {
      char sep = separator(&prev, &b);
      if (sep) {
        if ((rc = woo__buf_put(&doc->text, text + copied, i - copied)) != 0 ||
            (rc = woo__buf_putc(&doc->text, sep)) != 0)
          break;
        copied = i;
        added++;
      } else {
        dx += (b.x0 + b.x1 - prev.x0 - prev.x1) / 2;
        dy += (b.y0 + b.y1 - prev.y0 - prev.y1) / 2;
      }
    }
    /* The separators need the boxes; keeping them is the caller's choice. */
    if (keep_boxes)
      rc = woo__doc_add_box(doc, base + i + added, pageno, &b);
    prev = b;
    have_prev = true;
  }
  if (rc == 0)
    rc = woo__buf_put(&doc->text, text + copied, len - copied);
  if (rc == 0 && len)
    rc = woo__buf_putc(&doc->text, '\n');
  if (rc == 0)
    *rotation = page_rotation(page, w, h, dx, dy);
done:
  woo__buf_free(&clean);
  g_free(rects);
  g_free(raw);
  return rc;
}

static const char *annot_type_name(PopplerAnnotType t) {
  static const char *const names[] = {
      "Unknown",   "Text",          "Link",     "FreeText",  "Line",
      "Square",    "Circle",        "Polygon",  "PolyLine",  "Highlight",
      "Underline", "Squiggly",      "StrikeOut", "Stamp",    "Caret",
      "Ink",       "Popup",         "FileAttachment", "Sound", "Movie",
      "Widget",    "Screen",        "PrinterMark", "TrapNet", "Watermark",
      "3D"};
  return (unsigned)t < sizeof names / sizeof *names ? names[t] : "Unknown";
}

static int add_annots(woo_doc *doc, PopplerPage *page, int pageno, double h) {
  int rc = 0;
  GList *list = poppler_page_get_annot_mapping(page);
  for (GList *l = list; l && rc == 0; l = l->next) {
    PopplerAnnotMapping *m = l->data;
    PopplerAnnotType type = poppler_annot_get_annot_type(m->annot);
    /* A popup only shows its parent's contents again. */
    if (type == POPPLER_ANNOT_POPUP)
      continue;
    gchar *contents = poppler_annot_get_contents(m->annot);
    gchar *author = POPPLER_IS_ANNOT_MARKUP(m->annot)
                        ? poppler_annot_markup_get_label(
                              POPPLER_ANNOT_MARKUP(m->annot))
                        : NULL;
    PopplerColor *color = poppler_annot_get_color(m->annot);
    /* The mapping's area is on the displayed page with the origin at the
     * bottom left; flip it to our top-left origin. */
    woo_annot a = {pageno,
                   annot_type_name(type),
                   contents ? contents : "",
                   author ? author : "",
                   {fmin(m->area.x1, m->area.x2), h - fmax(m->area.y1, m->area.y2),
                    fmax(m->area.x1, m->area.x2), h - fmin(m->area.y1, m->area.y2)},
                   {-1, -1, -1}};
    if (color) {
      a.color[0] = color->red / 65535.0;
      a.color[1] = color->green / 65535.0;
      a.color[2] = color->blue / 65535.0;
    }
    rc = woo__doc_add_annot(doc, &a);
    g_free(color);
    g_free(author);
    g_free(contents);
  }
  poppler_page_free_annot_mapping(list);
  return rc;
}

/* ---- metadata ------------------------------------------------------------ */

static int add_meta_str(woo_doc *doc, const char *key, gchar *value) {
  int rc = 0;
  if (value && *value)
    rc = woo__doc_add_meta(doc, key, value);
  g_free(value);
  return rc;
}

static int add_meta_date(woo_doc *doc, const char *key, GDateTime *dt) {
  int rc = 0;
  if (dt) {
    gchar *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
    if (s)
      rc = woo__doc_add_meta(doc, key, s);
    g_free(s);
    g_date_time_unref(dt);
  }
  return rc;
}

/* XMP properties worth a key of their own: who made and changed the file
 * often survives here after the Info dictionary was cleaned. */
static const struct {
  const char *ns, *name, *key;
} XMP_KEYS[] = {
    {"http://purl.org/dc/elements/1.1/", "creator", "xmp:creator"},
    {"http://purl.org/dc/elements/1.1/", "title", "xmp:title"},
    {"http://purl.org/dc/elements/1.1/", "description", "xmp:description"},
    {"http://purl.org/dc/elements/1.1/", "subject", "xmp:subject"},
    {"http://purl.org/dc/elements/1.1/", "contributor", "xmp:contributor"},
    {"http://purl.org/dc/elements/1.1/", "publisher", "xmp:publisher"},
    {"http://purl.org/dc/elements/1.1/", "rights", "xmp:rights"},
    {"http://ns.adobe.com/xap/1.0/", "CreatorTool", "xmp:creatortool"},
    {"http://ns.adobe.com/xap/1.0/", "CreateDate", "xmp:created"},
    {"http://ns.adobe.com/xap/1.0/", "ModifyDate", "xmp:modified"},
    {"http://ns.adobe.com/pdf/1.3/", "Producer", "xmp:producer"},
    {"http://ns.adobe.com/pdf/1.3/", "Keywords", "xmp:keywords"},
    {"http://ns.adobe.com/photoshop/1.0/", "AuthorsPosition",
     "xmp:authorsposition"},
};

/* The text of a property: its own text, or its rdf:li items joined. */
static int xmp_value(xmlNodePtr node, woo__buf *b) {
  int rc = 0;
  for (xmlNodePtr c = node->children; c && rc == 0; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      const char *t = (const char *)c->content;
      size_t s = 0, e = t ? strlen(t) : 0;
      while (s < e && strchr(" \t\r\n", t[s]))
        s++;
      while (e > s && strchr(" \t\r\n", t[e - 1]))
        e--;
      if (e > s) {
        if (b->len)
          rc = woo__buf_puts(b, "; ");
        if (rc == 0)
          rc = woo__buf_put(b, t + s, e - s);
      }
    } else if (c->type == XML_ELEMENT_NODE) {
      rc = xmp_value(c, b);
    }
  }
  return rc;
}

static int xmp_walk(woo_doc *doc, xmlNodePtr node, int depth) {
  int rc = 0;
  for (xmlNodePtr n = node; n && rc == 0; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    bool matched = false;
    for (size_t i = 0; i < sizeof XMP_KEYS / sizeof *XMP_KEYS && !matched;
         i++) {
      if (!n->ns || !n->ns->href ||
          strcmp((const char *)n->ns->href, XMP_KEYS[i].ns) != 0 ||
          strcmp((const char *)n->name, XMP_KEYS[i].name) != 0)
        continue;
      matched = true;
      woo__buf b = WOO__BUF_INIT;
      rc = xmp_value(n, &b);
      if (rc == 0 && b.len)
        rc = woo__doc_add_meta(doc, XMP_KEYS[i].key, b.data);
      woo__buf_free(&b);
    }
    /* Properties can also be attributes of rdf:Description. */
    for (xmlAttrPtr a = n->properties; a && rc == 0; a = a->next) {
      for (size_t i = 0; i < sizeof XMP_KEYS / sizeof *XMP_KEYS; i++) {
        if (!a->ns || !a->ns->href ||
            strcmp((const char *)a->ns->href, XMP_KEYS[i].ns) != 0 ||
            strcmp((const char *)a->name, XMP_KEYS[i].name) != 0)
          continue;
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        if (v && *v)
          rc = woo__doc_add_meta(doc, XMP_KEYS[i].key, (const char *)v);
        xmlFree(v);
      }
    }
    if (!matched && depth < 32 && rc == 0)
      rc = xmp_walk(doc, n->children, depth + 1);
  }
  return rc;
}

static int add_xmp(woo_doc *doc, const char *xmp) {
  int rc = woo__doc_add_meta(doc, "xmp", xmp);
  if (rc)
    return rc;
  if (woo__need_xml(doc->path) != 0) {
    rc = woo__doc_warn(doc, "%s; its XMP metadata is not read",
                       woo_error_last()->message);
    woo_error_clear();
    return rc;
  }
  xmlDocPtr x = woo__xml_parse(xmp, strlen(xmp), doc->path, false);
  if (!x) {
    woo_error_clear();
    return woo__doc_warn(doc, "%s: the XMP metadata is not well-formed XML",
                         doc->path);
  }
  rc = xmp_walk(doc, xmlDocGetRootElement(x), 0);
  xmlFreeDoc(x);
  return rc;
}

static int add_metadata(woo_doc *doc, PopplerDocument *pd) {
  int rc = add_meta_str(doc, "title", poppler_document_get_title(pd));
  if (rc == 0)
    rc = add_meta_str(doc, "author", poppler_document_get_author(pd));
  if (rc == 0)
    rc = add_meta_str(doc, "subject", poppler_document_get_subject(pd));
  if (rc == 0)
    rc = add_meta_str(doc, "keywords", poppler_document_get_keywords(pd));
  if (rc == 0)
    rc = add_meta_str(doc, "creator", poppler_document_get_creator(pd));
  if (rc == 0)
    rc = add_meta_str(doc, "producer", poppler_document_get_producer(pd));
  if (rc == 0)
    rc = add_meta_date(doc, "created",
                       poppler_document_get_creation_date_time(pd));
  if (rc == 0)
    rc = add_meta_date(doc, "modified",
                       poppler_document_get_modification_date_time(pd));
  gchar *xmp = poppler_document_get_metadata(pd);
  if (rc == 0 && xmp && *xmp)
    rc = add_xmp(doc, xmp);
  g_free(xmp);
  return rc;
}

/* ---- attachments ------------------------------------------------------------ */

typedef struct sink {
  woo__buf buf;
  size_t max;
  bool over;
} sink;

static gboolean sink_put(const gchar *data, gsize n, gpointer user,
                         GError **error) {
  sink *s = user;
  (void)error;
  if (n > s->max - s->buf.len) {
    s->over = true;
    return FALSE;
  }
  return woo__buf_put(&s->buf, data, n) == 0;
}

static const char *mime_for(woo_format f) {
  switch (f) {
  case WOO_FORMAT_TEXT: return "text/plain";
  case WOO_FORMAT_PDF: return "application/pdf";
  case WOO_FORMAT_DOCX:
    return "application/vnd.openxmlformats-officedocument."
           "wordprocessingml.document";
  case WOO_FORMAT_ODT: return "application/vnd.oasis.opendocument.text";
  case WOO_FORMAT_HTML: return "text/html";
  case WOO_FORMAT_XML: return "application/xml";
  case WOO_FORMAT_EML: return "message/rfc822";
  default: return "";
  }
}

/* poppler-glib 22.12 follows a null pointer in
 * poppler_document_get_attachments() when an entry of the embedded-files
 * name tree refers to something that is not a file specification
 * dictionary (our PDF fuzz target found such files).  A damaged PDF must
 * not take the process, and with it a whole batch, down: the listing is
 * first made in a child process, and only when that one comes back clean
 * is it made here (the document is the same, so is the outcome).  A child
 * that has not finished after ten seconds is stopped; a PDF whose
 * embedded files cannot be listed is refused, since passing it on without
 * them would hide what an audit must see. */
static int attachments_listable(woo_doc *doc, PopplerDocument *pd) {
  pid_t pid = fork();
  if (pid < 0)
    return woo__error(WOO_EIO, "%s: cannot check the embedded files: %s",
                      doc->path, strerror(errno));
  if (pid == 0) {
    /* Whatever the child says on its way down is not the caller's, and
     * neither are the caller's crash handlers (a sanitizer's, a fuzzer's):
     * the child dies of the signal and the parent reads that. */
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0)
      dup2(null, STDERR_FILENO);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
    for (size_t k = 0; k < sizeof fatal / sizeof *fatal; k++)
      signal(fatal[k], SIG_DFL);
    GList *list = poppler_document_get_attachments(pd);
    g_list_free_full(list, g_object_unref);
    _exit(0);
  }
  int status = 0;
  long wait_us = 50, waited_us = 0;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid)
      break;
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return woo__error(WOO_EIO, "%s: cannot check the embedded files: %s",
                        doc->path, strerror(errno));
    if (waited_us >= 10L * 1000 * 1000) {
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
      return woo__error(WOO_EFORMAT, "%s: damaged PDF (listing its embedded "
                        "files does not finish)", doc->path);
    }
    struct timespec ts = {0, wait_us * 1000};
    nanosleep(&ts, NULL);
    waited_us += wait_us;
    if (wait_us < 10000)
      wait_us *= 2;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return woo__error(WOO_EFORMAT, "%s: damaged PDF (its embedded files "
                      "cannot be read)", doc->path);
  return 0;
}

static int add_attachments(woo_doc *doc, PopplerDocument *pd,
                           const woo_doc_options *opts,
                           const woo__limits *lim) {
  int rc = 0;
  if (!poppler_document_has_attachments(pd))
    return 0;
  if ((rc = attachments_listable(doc, pd)) != 0)
    return rc;
  GList *list = poppler_document_get_attachments(pd);
  for (GList *l = list; l && rc == 0; l = l->next) {
    PopplerAttachment *att = l->data;
    const char *name = att->name ? att->name : "";
    sink s = {WOO__BUF_INIT, lim->max_expanded, false};
    GError *err = NULL;
    bool ok = poppler_attachment_save_to_callback(att, sink_put, &s, &err);
    if (err)
      g_error_free(err);
    woo_doc *child = NULL;
    const char *mime = "";
    if (!ok) {
      rc = s.over ? woo__doc_warn(doc, "%s: attachment %s is larger than %zu "
                                  "bytes; not read", doc->path, name,
                                  lim->max_expanded)
                  : woo__doc_warn(doc, "%s: attachment %s cannot be read",
                                  doc->path, name);
    } else {
      woo_format f = woo_format_sniff(s.buf.data ? s.buf.data : "", s.buf.len,
                                      name);
      mime = mime_for(f);
      /* The depth of this document is not known here; 1 is right for a
       * top-level PDF and woo__doc_load caps deeper nesting. */
      if (!opts || opts->load_attachments) {
        int crc = woo__doc_load(&child, s.buf.data ? s.buf.data : "",
                                s.buf.len, name, opts, 1);
        if (crc == WOO_ENOMEM)
          rc = crc;
        else if (crc && crc != WOO_EUNSUPPORTED)
          rc = woo__doc_warn(doc, "%s: attachment %s: %s", doc->path, name,
                             woo_error_last()->message);
        woo_error_clear();
      }
    }
    size_t size = ok ? s.buf.len : att->size;
    woo__buf_free(&s.buf);
    if (rc == 0)
      rc = woo__doc_add_attachment(doc, name, mime, size, child);
    else
      woo_doc_free(child);
  }
  g_list_free_full(list, g_object_unref);
  return rc;
}

/* ---- revisions ---------------------------------------------------------------- */

/* Each incremental update appends a new xref section ending in startxref.
 * A linearized file starts with an extra first-page section that is not
 * a revision. */
static int count_revisions(const char *data, size_t len, bool linearized) {
  static const char key[] = "startxref";
  int n = 0;
  const char *p = data, *end = data + len;
  while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1))) {
    n++;
    p += sizeof key - 1;
  }
  if (linearized && n > 1)
    n--;
  return n > 0 ? n : 1;
}

/* The largest /Count in the file: poppler refuses a page tree whose count
 * is implausible and then reports no pages; this tells that case apart
 * from a file that is merely damaged. */
static unsigned long long largest_count(const char *data, size_t len) {
  static const char key[] = "/Count";
  unsigned long long best = 0;
  const char *p = data, *end = data + len;
  while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1))) {
    p += sizeof key - 1;
    while (p < end && (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t'))
      p++;
    unsigned long long v = 0;
    int digits = 0;
    while (p < end && *p >= '0' && *p <= '9' && digits < 19) {
      v = v * 10 + (unsigned)(*p++ - '0');
      digits++;
    }
    if (v > best)
      best = v;
  }
  return best;
}

/* ---- the loader ------------------------------------------------------------------ */

static int open_error(woo_doc *doc, GError *err) {
  if (err && g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return woo__error(WOO_EENCRYPTED, "%s: encrypted PDF; give --password",
                      doc->path);
  return woo__error(WOO_EFORMAT, "%s: damaged PDF (%s)", doc->path,
                    err && err->message ? err->message : "cannot be opened");
}

/* Open an encrypted document with a password.  poppler-glib's memory
 * loaders retry a wrong password on a copy of their stream, and some
 * releases (22.x) crash there; the file-descriptor loader does not, so
 * the bytes go through an anonymous in-memory file.  Returns NULL with
 * *err set, or with *err NULL when the file could not be made. */
static PopplerDocument *open_with_password(const char *data, size_t len,
                                           const char *password,
                                           GError **err) {
#ifdef __linux__
  int fd = memfd_create("woo-pdf", MFD_CLOEXEC);
#else
  char tmpl[] = "/tmp/woo-pdf-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd >= 0)
    unlink(tmpl);
#endif
  if (fd < 0)
    return NULL;
  for (size_t done = 0; done < len;) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      close(fd);
      return NULL;
    }
    done += (size_t)n;
  }
  if (lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    return NULL;
  }
  return poppler_document_new_from_fd(fd, password, err); /* takes fd */
}

int woo__load_pdf(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim) {
  int rc = 0;
  GError *err = NULL;
  PopplerDocument *pd = NULL;
  /* poppler reads the bytes in place; they outlive the document. */
  GBytes *bytes = g_bytes_new_static(data, len);
  if (len > (size_t)G_MAXINT) {
    rc = woo__error(WOO_ELIMIT, "%s: PDF larger than 2 GiB", doc->path);
    goto done;
  }
  /* Without a password first: most files are not encrypted, and the
   * memory loader is only safe without one (see open_with_password). */
  pd = poppler_document_new_from_bytes(bytes, NULL, &err);
  if (!pd && opts && opts->password &&
      g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
    g_clear_error(&err);
    pd = open_with_password(data, len, opts->password, &err);
    if (!pd) {
      /* The file is known to be encrypted; whatever poppler says about
       * the second attempt, the password did not open it. */
      rc = err ? woo__error(WOO_EENCRYPTED, "%s: encrypted PDF; the password "
                            "does not open it", doc->path)
               : woo__error(WOO_EIO, "%s: cannot buffer the PDF to decrypt "
                            "it: %s", doc->path, strerror(errno));
      goto done;
    }
  }
  if (!pd) {
    rc = open_error(doc, err);
    goto done;
  }
  int n_pages = poppler_document_get_n_pages(pd);
  if (n_pages <= 0) {
    unsigned long long claimed = largest_count(data, len);
    if (claimed > lim->max_pages)
      rc = woo__error(WOO_ELIMIT, "%s: page tree claims %llu pages, over the "
                      "limit of %zu", doc->path, claimed, lim->max_pages);
    else
      rc = woo__error(WOO_EFORMAT, "%s: damaged PDF (no readable pages)",
                      doc->path);
    goto done;
  }
  if ((size_t)n_pages > lim->max_pages) {
    rc = woo__error(WOO_ELIMIT, "%s: %d pages, over the limit of %zu",
                    doc->path, n_pages, lim->max_pages);
    goto done;
  }

  doc->revisions =
      count_revisions(data, len, poppler_document_is_linearized(pd));
  /* Metadata and annotations are not part of the text: a caller that
   * only reads the text saves reading them (and the XML parser for the
   * XMP packet). */
  if (!doc->skip_meta)
    rc = add_metadata(doc, pd);
  bool annots = !(opts && opts->version >= 3 && opts->skip_annots);

  int textless = 0;
  bool keep_boxes = !(opts && opts->version >= 2 && opts->skip_boxes);
  for (int i = 0; i < n_pages && rc == 0; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page) {
      rc = woo__error(WOO_EFORMAT, "%s: damaged PDF (page %d cannot be read)",
                      doc->path, i + 1);
      break;
    }
    if (i > 0)
      rc = woo__buf_putc(&doc->text, '\f');
    woo_page pg = {0};
    poppler_page_get_size(page, &pg.width, &pg.height);
    pg.start = doc->text.len;
    if (rc == 0)
      rc = add_page_text(doc, page, i + 1, pg.width, pg.height, keep_boxes,
                         &pg.rotation, &pg.has_text);
    pg.end = doc->text.len;
    if (rc == 0)
      rc = woo__doc_add_page(doc, &pg);
    if (rc == 0 && !pg.has_text) {
      textless++;
      rc = woo__doc_warn(doc, "%s: page %d has no text layer (scanned?)",
                         doc->path, i + 1);
    }
    if (rc == 0 && annots)
      rc = add_annots(doc, page, i + 1, pg.height);
    g_object_unref(page);
  }
  if (rc == 0 && textless == n_pages && n_pages > 1)
    rc = woo__doc_warn(doc, "%s: none of the %d pages has text; OCR it first",
                       doc->path, n_pages);
  if (rc == 0 && poppler_document_has_attachments(pd))
    rc = add_attachments(doc, pd, opts, lim);

done:
  if (err)
    g_error_free(err);
  if (pd)
    g_object_unref(pd);
  g_bytes_unref(bytes);
  return rc;
}
