/*
 * PDF redaction: every page is rendered to an image with poppler, boxes
 * are painted over the marked characters with the ground code inside, and
 * a new PDF is written with cairo from those images alone.  Nothing of the
 * original file is copied: no content streams, fonts, metadata,
 * annotations, forms, scripts, outlines or earlier revisions.
 *
 * So that the result stays searchable, each page also gets a text layer
 * of the words that remain (and the codes that replaced the others): each
 * word is drawn where the loader found it, stretched to its box, and the
 * page image is painted over it.  The image hides the layer; text
 * extraction and selection still find it.
 *
 * Coordinates: the loader's character boxes are in points on the page as
 * a viewer shows it (after /Rotate), origin top-left; poppler renders in
 * the same space, and the new pages are made that size, upright.
 *
 * One page is rendered and written at a time.  The output goes to a
 * temporary file that is read back (pdf_verify.c) before it is renamed
 * into place.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf_verify.h"
#include "woo/marks.h"

#define DEFAULT_DPI 150
/* Margin around a box, in points: glyphs reach a little past the box the
 * font's ascent and descent give (accents, italics). */
#define PAD 1.0
/* A page image larger than this is rendered at a lower resolution. */
#define MAX_PIXELS (80.0 * 1000 * 1000)
/* Labels smaller than this are left out: they could not be read. */
#define MIN_LABEL_PT 3.5
#define FONT "DejaVu Sans"

typedef struct cover {
  int page; /* 1-based */
  size_t run;
  woo_box box;
} cover;

typedef struct job {
  const char *path; /* the output, for messages */
  const woo_doc *doc;
  const char *text;
  size_t len;
  const woo__run *runs;
  size_t n_runs;
  cover *covers; /* sorted by page, then run */
  size_t n_covers;
  woo_redact_options o;
  /* Font metrics of FONT per point of size, for the text layer. */
  double ascent, descent;
  woo__buf scratch;
} job;

typedef struct sink {
  int fd;
  int err;
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data,
                                 unsigned int len) {
  sink *s = closure;
  while (len) {
    ssize_t n = write(s->fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      s->err = n < 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
    data += n;
    len -= (unsigned)n;
  }
  return CAIRO_STATUS_SUCCESS;
}

static int cover_cmp(const void *a, const void *b) {
  const cover *x = a, *y = b;
  if (x->page != y->page)
    return x->page < y->page ? -1 : 1;
  if (x->run != y->run)
    return x->run < y->run ? -1 : 1;
  return x->box.x0 < y->box.x0 ? -1 : x->box.x0 > y->box.x0;
}

/* 1-based page holding byte `off` of the text. */
static int page_of(const woo_doc *doc, size_t off) {
  size_t n = woo_doc_page_count(doc);
  for (size_t i = 0; i < n; i++) {
    const woo_page *p = woo_doc_page(doc, i);
    if (p && off < p->end)
      return (int)i + 1;
  }
  return (int)n;
}

static bool drawn(uint32_t cp) {
  return cp != WOO__BAD_CP && !woo__is_space(cp) && cp != '\f' && cp != 0xAD;
}

/* The boxes to paint.  Every drawn character of a run must have a box:
 * one that has none cannot be covered and would stay readable on the
 * page image, so the document is refused. */
static int collect_covers(job *j) {
  size_t cap = 0;
  int rc = 0;
  for (size_t r = 0; r < j->n_runs && rc == 0; r++) {
    const woo__run *run = &j->runs[r];
    for (size_t i = run->start; i < run->end;) {
      size_t k;
      uint32_t cp = woo__utf8_decode((const unsigned char *)j->text + i,
                                     run->end - i, &k);
      if (drawn(cp) && woo_doc_char_box(j->doc, i, NULL, NULL) != 0) {
        woo_error_clear();
        return woo__error(WOO_EVERIFY, "%s: marked text on page %d has no "
                          "position in the PDF and cannot be covered; "
                          "nothing was written", j->path,
                          page_of(j->doc, i));
      }
      i += k;
    }
    woo_box *boxes = NULL;
    int *pages = NULL;
    size_t n = 0;
    if ((rc = woo_doc_span_boxes(j->doc, run->start, run->end, &boxes, &pages,
                                 &n)) != 0)
      break;
    if (j->n_covers + n > cap) {
      size_t ncap = (cap ? cap * 2 : 64) + n;
      cover *nv = woo__reallocarray(j->covers, ncap, sizeof *nv);
      if (!nv)
        rc = WOO_ENOMEM;
      else {
        j->covers = nv;
        cap = ncap;
      }
    }
    for (size_t i = 0; i < n && rc == 0; i++)
      j->covers[j->n_covers++] = (cover){pages[i], r, boxes[i]};
    woo_free(boxes);
    woo_free(pages);
  }
  if (rc == 0 && j->n_covers)
    qsort(j->covers, j->n_covers, sizeof *j->covers, cover_cmp);
  return rc;
}

/* ---- the text layer ------------------------------------------------------- */

/* Draw `s` (n bytes) so that it fills `b` along direction `dir` (0: left
 * to right, 90: top to bottom, 180, 270), as a line of text of the box's
 * thickness. */
static void draw_word(job *j, cairo_t *cr, const char *s, size_t n,
                      const woo_box *b, int dir) {
  j->scratch.len = 0;
  if (n == 0 || woo__buf_put(&j->scratch, s, n) != 0)
    return;
  bool vertical = dir == 90 || dir == 270;
  double length = vertical ? b->y1 - b->y0 : b->x1 - b->x0;
  double thick = vertical ? b->x1 - b->x0 : b->y1 - b->y0;
  double em = j->ascent + j->descent;
  if (length <= 0 || thick <= 0 || em <= 0)
    return;
  double size = thick / em;
  cairo_save(cr);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t te;
  cairo_text_extents(cr, j->scratch.data, &te);
  double below = j->descent * size; /* baseline to the box's lower edge */
  switch (dir) {
  case 90:
    cairo_translate(cr, b->x0 + below, b->y0);
    cairo_rotate(cr, M_PI / 2);
    break;
  case 180:
    cairo_translate(cr, b->x1, b->y0 + below);
    cairo_rotate(cr, M_PI);
    break;
  case 270:
    cairo_translate(cr, b->x1 - below, b->y1);
    cairo_rotate(cr, -M_PI / 2);
    break;
  default:
    cairo_translate(cr, b->x0, b->y1 - below);
  }
  if (te.x_advance > 0)
    cairo_scale(cr, length / te.x_advance, 1);
  cairo_move_to(cr, 0, 0);
  cairo_show_text(cr, j->scratch.data);
  cairo_restore(cr);
}

/* Direction in which the characters of [s, e) advance on the page, from
 * their boxes' centres; `fallback` for a single character. */
static int direction(double dx, double dy, int count, int fallback) {
  if (count < 2 || (dx == 0 && dy == 0))
    return fallback;
  if (fabs(dy) > fabs(dx))
    return dy > 0 ? 90 : 270;
  return dx < 0 ? 180 : 0;
}

/* Whether character box b, following box p, starts a new piece of text:
 * it is further away than a word space (or on another line).  The
 * loader's text can join words that stand apart on the page (table
 * cells); drawn as one stretched word they would read as one word. */
static bool apart(const woo_box *p, const woo_box *b) {
  double em = fmax(fmax(p->x1 - p->x0, p->y1 - p->y0),
                   fmax(b->x1 - b->x0, b->y1 - b->y0));
  double dx = fmax(0, fmax(b->x0 - p->x1, p->x0 - b->x1));
  double dy = fmax(0, fmax(b->y0 - p->y1, p->y0 - b->y1));
  return dx > 0.3 * em || dy > 0.3 * em;
}

/* Draw the remaining text [s, e) of one word (no run inside), split where
 * its characters stand apart. */
static void draw_piece(job *j, cairo_t *cr, int pageno, size_t s, size_t e,
                       int *last_dir) {
  woo_box u = {0, 0, 0, 0}, prev = u;
  int count = 0;
  double dx = 0, dy = 0;
  size_t from = s;
  for (size_t i = s; i <= e;) {
    size_t k = 1;
    woo_box b;
    int pg = 0;
    bool have = false;
    if (i < e) {
      woo__utf8_decode((const unsigned char *)j->text + i, e - i, &k);
      have = woo_doc_char_box(j->doc, i, &b, &pg) == 0 && pg == pageno;
    }
    if (count && (i == e || (have && apart(&prev, &b)))) {
      int dir = direction(dx, dy, count, *last_dir);
      *last_dir = dir;
      draw_word(j, cr, j->text + from, i - from, &u, dir);
      count = 0;
      dx = dy = 0;
      from = i;
    }
    if (i == e)
      break;
    if (have) {
      if (count == 0) {
        u = b;
        from = i;
      } else {
        u.x0 = fmin(u.x0, b.x0);
        u.y0 = fmin(u.y0, b.y0);
        u.x1 = fmax(u.x1, b.x1);
        u.y1 = fmax(u.y1, b.y1);
        dx += (b.x0 + b.x1 - prev.x0 - prev.x1) / 2;
        dy += (b.y0 + b.y1 - prev.y0 - prev.y1) / 2;
      }
      prev = b;
      count++;
    }
    i += k;
  }
  woo_error_clear();
}

/* The words of page `pageno` that no run touches (or the parts of a word
 * outside the runs), each at its place. */
static void draw_text_layer(job *j, cairo_t *cr, const woo_page *pg,
                            int pageno) {
  size_t r = 0;
  int last_dir = 0;
  for (size_t i = pg->start; i < pg->end;) {
    size_t k;
    uint32_t cp = woo__utf8_decode((const unsigned char *)j->text + i,
                                   pg->end - i, &k);
    if (!drawn(cp)) {
      i += k;
      continue;
    }
    size_t ws = i, we = i;
    while (we < pg->end) {
      cp = woo__utf8_decode((const unsigned char *)j->text + we, pg->end - we,
                            &k);
      if (!drawn(cp))
        break;
      we += k;
    }
    i = we;
    /* Cut the runs out of the word. */
    for (size_t at = ws; at < we;) {
      while (r < j->n_runs && j->runs[r].end <= at)
        r++;
      size_t stop = we;
      if (r < j->n_runs && j->runs[r].start < we) {
        if (j->runs[r].start <= at) {
          at = j->runs[r].end < we ? j->runs[r].end : we;
          continue;
        }
        stop = j->runs[r].start;
      }
      draw_piece(j, cr, pageno, at, stop, &last_dir);
      at = stop;
    }
  }
}

/* ---- boxes and labels ------------------------------------------------------- */

/* Where the code of a run goes: its widest box on the page that runs left
 * to right; *size is the font size that fits, 0 when none does. */
static const woo_box *label_box(cairo_t *ic, const cover *c,
                                size_t n, const char *code, double *size) {
  const woo_box *best = NULL;
  for (size_t i = 0; i < n; i++) {
    const woo_box *b = &c[i].box;
    if (b->x1 - b->x0 > b->y1 - b->y0 &&
        (!best || b->x1 - b->x0 > best->x1 - best->x0))
      best = b;
  }
  *size = 0;
  if (!best)
    return NULL;
  double w = best->x1 - best->x0 + 2 * PAD, h = best->y1 - best->y0 + 2 * PAD;
  double s = h * 0.72;
  cairo_set_font_size(ic, s);
  cairo_text_extents_t te;
  cairo_text_extents(ic, code, &te);
  double room = w - 2;
  if (te.x_advance > room && te.x_advance > 0)
    s *= room / te.x_advance;
  if (s >= MIN_LABEL_PT)
    *size = s;
  return best;
}

static void draw_label(cairo_t *ic, const woo_box *b, double size,
                       const char *code, const double rgb[3]) {
  cairo_save(ic);
  cairo_set_font_size(ic, size);
  cairo_text_extents_t te;
  cairo_text_extents(ic, code, &te);
  double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
  cairo_rectangle(ic, b->x0 - PAD, b->y0 - PAD, b->x1 - b->x0 + 2 * PAD,
                  b->y1 - b->y0 + 2 * PAD);
  cairo_clip(ic);
  cairo_set_source_rgb(ic, rgb[0], rgb[1], rgb[2]);
  cairo_move_to(ic, cx - te.x_bearing - te.width / 2,
                cy - te.y_bearing - te.height / 2);
  cairo_show_text(ic, code);
  cairo_restore(ic);
}

/* Paint the page's boxes on the image, print the codes in them, and put
 * each printed code into the text layer at its box. */
static void paint_covers(job *j, cairo_t *ic, cairo_t *cr, const cover *c,
                         size_t n) {
  const double *box = j->o.box_rgb;
  cairo_set_source_rgb(ic, box[0], box[1], box[2]);
  for (size_t i = 0; i < n; i++) {
    const woo_box *b = &c[i].box;
    cairo_rectangle(ic, b->x0 - PAD, b->y0 - PAD, b->x1 - b->x0 + 2 * PAD,
                    b->y1 - b->y0 + 2 * PAD);
  }
  cairo_fill(ic);
  if (j->o.no_labels)
    return;
  char code[96];
  for (size_t i = 0; i < n;) {
    size_t k = i;
    while (k < n && c[k].run == c[i].run)
      k++;
    woo_ground_format(code, sizeof code, j->runs[c[i].run].ground, j->o.style);
    double size;
    const woo_box *b = code[0] ? label_box(ic, c + i, k - i, code, &size)
                               : NULL;
    if (b && size > 0) {
      draw_label(ic, b, size, code, j->o.label_rgb);
      if (!j->o.no_text_layer)
        draw_word(j, cr, code, strlen(code), b, 0);
    }
    i = k;
  }
}

/* ---- pages -------------------------------------------------------------------- */

static int write_page(job *j, PopplerPage *page, int pageno, cairo_t *cr,
                      cairo_surface_t *pdf, const cover *c, size_t n) {
  double w, h;
  poppler_page_get_size(page, &w, &h);
  if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6))
    return woo__error(WOO_EFORMAT, "%s: page %d has no usable size",
                      woo_doc_path(j->doc), pageno);
  double scale = (j->o.dpi > 0 ? j->o.dpi : DEFAULT_DPI) / 72.0;
  if (w * h * scale * scale > MAX_PIXELS)
    scale = sqrt(MAX_PIXELS / (w * h));
  int iw = (int)ceil(w * scale), ih = (int)ceil(h * scale);
  if (iw < 1)
    iw = 1;
  if (ih < 1)
    ih = 1;
  if (iw > 32767 || ih > 32767)
    return woo__error(WOO_ELIMIT, "%s: page %d is too large to render "
                      "(%.0f × %.0f points)", woo_doc_path(j->doc), pageno,
                      w, h);
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
  if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(img);
    return WOO_ENOMEM;
  }
  cairo_t *ic = cairo_create(img);
  cairo_set_source_rgb(ic, 1, 1, 1);
  cairo_paint(ic);
  cairo_scale(ic, scale, scale);
  /* The document's own content only: annotations (notes, form fields,
   * stamps) carry text that is not in the marked text and could not be
   * covered. */
  cairo_save(ic);
  poppler_page_render_for_printing_with_options(page, ic,
                                                POPPLER_PRINT_DOCUMENT);
  cairo_restore(ic);
  cairo_select_font_face(ic, FONT, CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_BOLD);

  cairo_pdf_surface_set_size(pdf, w, h);
  cairo_save(cr);
  cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_source_rgb(cr, 0, 0, 0);
  paint_covers(j, ic, cr, c, n);
  const woo_page *pg = woo_doc_page(j->doc, (size_t)pageno - 1);
  if (!j->o.no_text_layer && pg)
    draw_text_layer(j, cr, pg, pageno);
  cairo_restore(cr);
  cairo_destroy(ic);

  cairo_surface_flush(img);
  cairo_save(cr);
  cairo_scale(cr, 1 / scale, 1 / scale);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_show_page(cr);
  cairo_surface_destroy(img);
  cairo_status_t st = cairo_status(cr);
  if (st == CAIRO_STATUS_NO_MEMORY)
    return WOO_ENOMEM;
  if (st != CAIRO_STATUS_SUCCESS)
    return woo__error(WOO_EIO, "%s: writing page %d: %s", j->path, pageno,
                      cairo_status_to_string(st));
  return 0;
}

/* Render every page into a new PDF written to fd. */
static int write_pdf(job *j, PopplerDocument *pd, int fd) {
  sink s = {fd, 0};
  int n_pages = poppler_document_get_n_pages(pd);
  cairo_surface_t *pdf =
      cairo_pdf_surface_create_for_stream(sink_write, &s, 595, 842);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "libwoo");
  if (j->o.title && *j->o.title)
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, j->o.title);
  cairo_t *cr = cairo_create(pdf);
  /* Font metrics for the text layer, per point of font size. */
  cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 100);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  j->ascent = fe.ascent / 100;
  j->descent = fe.descent / 100;

  int rc = 0;
  size_t ci = 0;
  for (int i = 0; i < n_pages && rc == 0; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page) {
      rc = woo__error(WOO_EFORMAT, "%s: damaged PDF (page %d cannot be read)",
                      woo_doc_path(j->doc), i + 1);
      break;
    }
    size_t c0 = ci;
    while (ci < j->n_covers && j->covers[ci].page == i + 1)
      ci++;
    rc = write_page(j, page, i + 1, cr, pdf, j->covers + c0, ci - c0);
    g_object_unref(page);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  cairo_status_t st = cairo_surface_status(pdf);
  cairo_surface_destroy(pdf);
  if (rc == 0 && s.err)
    rc = woo__error(WOO_EIO, "%s: %s", j->path, strerror(s.err));
  else if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
    rc = st == CAIRO_STATUS_NO_MEMORY
             ? WOO_ENOMEM
             : woo__error(WOO_EIO, "%s: %s", j->path,
                          cairo_status_to_string(st));
  if (rc == 0 && fsync(fd) != 0)
    rc = woo__error(WOO_EIO, "%s: %s", j->path, strerror(errno));
  return rc;
}

static int cmp_needle(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One copy of each withheld string: a name marked a hundred times is
 * searched for once on each page. */
static void unique_needles(woo__needles *nd) {
  if (nd->n < 2)
    return;
  qsort(nd->v, nd->n, sizeof *nd->v, cmp_needle);
  size_t k = 1;
  for (size_t i = 1; i < nd->n; i++) {
    if (strcmp(nd->v[i], nd->v[k - 1]) == 0)
      free(nd->v[i]);
    else
      nd->v[k++] = nd->v[i];
  }
  nd->n = k;
}

/* The input again, as it was when it was loaded: the document keeps only
 * its text and geometry, and the pages are rendered from the file. */
static int read_input(const woo_doc *doc, char **data, size_t *len) {
  const char *in = woo_doc_path(doc);
  size_t size = woo_doc_input_size(doc);
  int rc = woo__file_read(in, size, data, len);
  if (rc == WOO_ELIMIT)
    return woo__error(WOO_EMISMATCH, "%s: the file changed since it was "
                      "loaded; load it again", in);
  if (rc)
    return rc;
  char hex[65];
  woo__sha256_hex(*data, *len, hex);
  if (*len != size || strcmp(hex, woo_doc_sha256(doc)) != 0) {
    free(*data);
    *data = NULL;
    return woo__error(WOO_EMISMATCH, "%s: the file changed since it was "
                      "loaded; load it again", in);
  }
  return 0;
}

int woo__redact_pdf(const char *path, const woo_doc *doc,
                    const woo_marks *marks, const woo_redact_options *o) {
  job j = {0};
  j.path = path;
  j.doc = doc;
  j.o = (woo_redact_options)WOO_REDACT_OPTIONS_INIT;
  if (o)
    j.o = *o;
  if (j.o.dpi < 0 || j.o.dpi > 2400)
    return woo__error(WOO_EINVAL, "%s: resolution %d dpi is out of range",
                      path, j.o.dpi);
  /* A code printed in the box colour could not be read. */
  if (!memcmp(j.o.label_rgb, j.o.box_rgb, sizeof j.o.box_rgb)) {
    double l = 0.3 * j.o.box_rgb[0] + 0.59 * j.o.box_rgb[1] +
               0.11 * j.o.box_rgb[2];
    j.o.label_rgb[0] = j.o.label_rgb[1] = j.o.label_rgb[2] = l < 0.5 ? 1 : 0;
  }
  struct stat st;
  if (!j.o.force && stat(path, &st) == 0)
    return woo__error(WOO_EEXISTS, "%s: exists (use --force to replace it)",
                      path);

  char *data = NULL, *tmp = NULL;
  size_t len = 0;
  woo__run *runs = NULL;
  woo__needles nd = {0};
  GBytes *bytes = NULL;
  PopplerDocument *pd = NULL;
  GError *err = NULL;
  int fd = -1;
  int rc = read_input(doc, &data, &len);
  if (rc)
    goto done;
  j.text = woo_doc_text(doc, &j.len);
  if ((rc = woo__redact_runs(j.text, j.len, marks, &runs, &j.n_runs)) != 0 ||
      (rc = woo__needles_build(&nd, j.text, j.len, runs, j.n_runs)) != 0)
    goto done;
  j.runs = runs;
  unique_needles(&nd);
  if ((rc = collect_covers(&j)) != 0)
    goto done;

  bytes = g_bytes_new_static(data, len);
  pd = poppler_document_new_from_bytes(bytes, NULL, &err);
  if (!pd) {
    rc = err && g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)
             ? woo__error(WOO_EENCRYPTED, "%s: encrypted PDF; decrypt it "
                          "before redacting", woo_doc_path(doc))
             : woo__error(WOO_EFORMAT, "%s: damaged PDF (%s)",
                          woo_doc_path(doc),
                          err && err->message ? err->message : "unreadable");
    goto done;
  }
  int n_pages = poppler_document_get_n_pages(pd);
  if (n_pages <= 0 || (size_t)n_pages != woo_doc_page_count(doc)) {
    rc = woo__error(WOO_EMISMATCH, "%s: the document has %d pages, the "
                    "loaded one %zu", woo_doc_path(doc), n_pages,
                    woo_doc_page_count(doc));
    goto done;
  }

  if ((rc = woo__file_temp(path, &tmp, &fd)) != 0)
    goto done;
  rc = write_pdf(&j, pd, fd);
  /* The input is no longer needed while the output is checked. */
  g_object_unref(pd);
  pd = NULL;
  if (rc == 0)
    rc = woo__pdf_verify(path, fd, &nd, n_pages,
                         (j.o.test_flags & WOO_REDACT_TEST_FAIL_VERIFY) != 0);
  if (close(fd) != 0 && rc == 0)
    rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
  fd = -1;
  if (rc)
    unlink(tmp);
  else
    rc = woo__file_commit(tmp, path, j.o.force);

done:
  if (fd >= 0) {
    close(fd);
    unlink(tmp);
  }
  free(tmp);
  if (err)
    g_error_free(err);
  if (pd)
    g_object_unref(pd);
  if (bytes)
    g_bytes_unref(bytes);
  woo__buf_free(&j.scratch);
  free(j.covers);
  woo__needles_free(&nd);
  free(runs);
  free(data);
  return rc;
}
