/*
 * PDF forensics: what a published PDF still carries besides what it
 * shows.
 *
 * Text under boxes and invisible text are decided on pixels, not on the
 * drawing order: each page is rendered as a reader sees it (annotations
 * included), and a second time with only the glyphs of the text layer,
 * which gives a mask of where each character's strokes are.  A character
 * that a reader can see differs in the page image between its strokes and
 * the rest of its box; one under a painted box, a dark highlight, an
 * image or a hatch does not.  What the box then holds tells the two
 * findings apart: paper (nothing drawn at all) is invisible text, paint
 * is text under a box.  Comparing with the strokes rather than counting
 * dark pixels keeps white text on a dark table header and the text layer
 * beneath a page image (where the image shows the same words) visible.
 *
 * Earlier revisions: each incremental update ends in its own %%EOF, and
 * the file cut just after it is the document as it was then.  Words of
 * such a revision that the final text no longer has are reported by page
 * and count, never quoted.
 *
 * The rest comes from the loaded document: metadata fields scanned for
 * names, annotations and attachments.  Unapplied Redact annotations are
 * not named by poppler; they are found in the file's bytes and matched to
 * the annotations poppler does list by their rectangles.
 */
#include <cairo.h>
#include <limits.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../doc/lazy_pdf.h"
#include "internal.h"
#include "woo/codes.h"
#include "woo/scan.h"

/* Rendering resolution: enough pixels for the strokes of 8-point text,
 * few enough to stay close to the cost of a plain rasterisation. */
#define DPI 96.0
/* Pages larger than this many pixels are rendered coarser. */
#define MAX_PIXELS (12.0 * 1000 * 1000)
/* Pages rendered per document; the rest are reported as not checked. */
#define MAX_RENDER_PAGES 500
/* Earlier revisions opened per document, and pages read from them all
 * (a signed file gains a revision with every signature). */
#define MAX_REVISIONS 32
#define MAX_REVISION_PAGES 2000
/* Runs of invisible text up to this many characters are only noted. */
#define HIDDEN_MINOR 3

/* Luminance difference between a character's strokes and the rest of
 * its box above which the character counts as seen. */
#define SEEN_CONTRAST 0.12
/* Spread of luminance in a box below which the box is one flat colour. */
#define FLAT_SPREAD 0.08
/* Luminance above which a flat box is paper rather than paint. */
#define PAPER 0.85
/* How far from a glyph's strokes, in points, ink still counts as near. */
#define NEAR_PT 1.5
/* Mean luminance away from the strokes above which that part of the box
 * is paper (of a scan, too) rather than paint. */
#define FAR_PAPER 0.7

typedef struct ctx {
  woo__findings *out;
  const woo_doc *doc;
  const char *path;
  const char *text;
  size_t len;
} ctx;

static int add(ctx *c, const char *type, woo_severity sev, size_t start,
               size_t end, int page, double confidence, const char *entity,
               const char *fmt, ...) WOO__PRINTF(9, 10);

static int add(ctx *c, const char *type, woo_severity sev, size_t start,
               size_t end, int page, double confidence, const char *entity,
               const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  woo_finding f = {0};
  f.type = type;
  f.severity = sev;
  f.document = c->path;
  f.start = start;
  f.end = end;
  f.page = page;
  f.message = msg;
  f.entity = entity;
  f.confidence = confidence;
  f.other_start = WOO_UNSET;
  return woo__finding_add(c->out, &f) ? woo__oom() : 0;
}

/* ---- metadata ------------------------------------------------------------ */

/* Fields that name who made or changed the file, or that a publisher
 * fills in by hand.  Dates and the raw XMP packet are left out. */
static bool meta_checked(const char *key) {
  static const char *const skip[] = {"created", "modified", "xmp",
                                     "xmp:created", "xmp:modified"};
  for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
    if (strcmp(key, skip[i]) == 0)
      return false;
  return true;
}

static int check_metadata(ctx *c) {
  int rc = 0;
  woo_scanner *sc = NULL;
  for (size_t i = 0; i < woo_doc_meta_count(c->doc) && rc == 0; i++) {
    const woo_meta *m = woo_doc_meta(c->doc, i);
    if (!m->value || !*m->value || !meta_checked(m->key))
      continue;
    if (!sc && (rc = woo_scanner_new(&sc, NULL)) != 0)
      break;
    woo_marks *marks = NULL;
    if ((rc = woo_scan_text(&marks, sc, m->value, strlen(m->value), NULL)))
      break;
    /* One finding per field and kind of data. */
    bool seen[WOO_ENTITY_COUNT] = {false};
    for (size_t k = 0; k < woo_marks_count(marks) && rc == 0; k++) {
      const woo_mark *mk = woo_marks_at(marks, k);
      if (mk->entity != WOO_ENTITY_PERSON && mk->entity != WOO_ENTITY_EMAIL &&
          mk->entity != WOO_ENTITY_PHONE)
        continue;
      if (seen[mk->entity])
        continue;
      seen[mk->entity] = true;
      rc = add(c, "metadata-leak", WOO_SEVERITY_MEDIUM, WOO_UNSET, WOO_UNSET, 0,
               mk->confidence, woo_entity_name(mk->entity),
               "documenteigenschap '%s' bevat een %s", m->key,
               mk->entity == WOO_ENTITY_PERSON  ? "persoonsnaam"
               : mk->entity == WOO_ENTITY_EMAIL ? "e-mailadres"
                                                : "telefoonnummer");
    }
    woo_marks_free(marks);
  }
  woo_scanner_free(sc);
  return rc;
}

/* ---- Redact annotations in the file's bytes ------------------------------ */

/* Limits on the object streams inflated to look for them. */
#define MAX_OBJSTM_BYTES (16u << 20)
#define MAX_OBJSTM_TOTAL (64u << 20)

typedef struct rect4 {
  double v[4];
} rect4;

typedef struct rects {
  rect4 *v;
  size_t n, cap;
} rects;

static bool is_pdf_delim(char ch) {
  return ch == '\0' || strchr(" \t\r\n\f/[]<>()%", ch) != NULL;
}

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && *p && strchr(" \t\r\n\f", *p))
    p++;
  return p;
}

/* The dictionary that contains byte `at`: [*open, *close) from its "<<"
 * to just past its ">>".  Strings holding "<<" can mislead it; then the
 * /Rect is simply not found. */
static bool enclosing_dict(const char *s, size_t len, size_t at, size_t *open,
                           size_t *close) {
  size_t lo = at > 65536 ? at - 65536 : 0;
  int depth = 0;
  size_t i = at;
  for (;; i--) {
    if (i < lo + 2)
      return false;
    if (s[i - 2] == '>' && s[i - 1] == '>') {
      depth++;
      i--;
    } else if (s[i - 2] == '<' && s[i - 1] == '<') {
      if (depth == 0)
        break;
      depth--;
      i--;
    }
  }
  *open = i - 2;
  depth = 0;
  for (size_t j = at; j + 1 < len && j < at + 65536; j++) {
    if (s[j] == '<' && s[j + 1] == '<') {
      depth++;
      j++;
    } else if (s[j] == '>' && s[j + 1] == '>') {
      if (depth == 0) {
        *close = j + 2;
        return true;
      }
      depth--;
      j++;
    }
  }
  return false;
}

static bool parse_rect(const char *p, const char *end, rect4 *r) {
  p = skip_ws(p, end);
  if (p >= end || *p != '[')
    return false;
  p++;
  for (int k = 0; k < 4; k++) {
    p = skip_ws(p, end);
    char num[32];
    size_t n = 0;
    while (p < end && n + 1 < sizeof num && *p && strchr("+-.0123456789", *p))
      num[n++] = *p++;
    if (!n)
      return false;
    num[n] = '\0';
    r->v[k] = strtod(num, NULL);
  }
  return true;
}

/* Rectangles of every /Subtype /Redact dictionary in `s`. */
static int scan_redacts(const char *s, size_t len, rects *out) {
  for (const char *p = s; p < s + len;) {
    p = memmem(p, (size_t)(s + len - p), "/Subtype", 8);
    if (!p)
      break;
    p += 8;
    const char *q = skip_ws(p, s + len);
    if ((size_t)(s + len - q) < 7 || memcmp(q, "/Redact", 7) != 0 ||
        (q + 7 < s + len && !is_pdf_delim(q[7])))
      continue;
    size_t open, close;
    if (!enclosing_dict(s, len, (size_t)(q - s), &open, &close))
      continue;
    const char *d = s + open, *e = s + close;
    rect4 r;
    bool found = false;
    for (const char *k = d; !found && k < e;) {
      k = memmem(k, (size_t)(e - k), "/Rect", 5);
      if (!k)
        break;
      k += 5;
      found = k < e && is_pdf_delim(*k) && parse_rect(k, e, &r);
    }
    if (!found)
      continue;
    if (out->n == out->cap) {
      size_t cap = out->cap ? out->cap * 2 : 8;
      rect4 *v = woo__reallocarray(out->v, cap, sizeof *v);
      if (!v)
        return WOO_ENOMEM;
      out->v = v;
      out->cap = cap;
    }
    out->v[out->n++] = r;
  }
  return 0;
}

/* Inflate a Flate stream into `out`, at most `max` bytes.  A stream that
 * is damaged or too large yields what could be read. */
static int inflate_into(const char *data, size_t len, size_t max,
                        woo__buf *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK)
    return WOO_ENOMEM;
  z.next_in = (Bytef *)(uintptr_t)data;
  z.avail_in = len > UINT_MAX ? UINT_MAX : (uInt)len;
  int rc = 0;
  for (;;) {
    if ((rc = woo__buf_grow(out, 65536)) != 0)
      break;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = 65536;
    int zr = inflate(&z, Z_NO_FLUSH);
    out->len += 65536 - z.avail_out;
    if (zr != Z_OK || out->len >= max)
      break;
  }
  inflateEnd(&z);
  return rc;
}

/* Redact dictionaries written plainly, and those inside compressed
 * object streams (where PDF 1.5 writers put most small objects). */
static int find_redacts(const char *data, size_t len, rects *out) {
  int rc = scan_redacts(data, len, out);
  size_t total = 0;
  for (const char *p = data; rc == 0 && p < data + len;) {
    p = memmem(p, (size_t)(data + len - p), "/ObjStm", 7);
    if (!p)
      break;
    size_t at = (size_t)(p - data), open, close;
    p += 7;
    if (!enclosing_dict(data, len, at, &open, &close) ||
        !memmem(data + open, close - open, "/FlateDecode", 12))
      continue;
    const char *st = skip_ws(data + close, data + len);
    if ((size_t)(data + len - st) < 6 || memcmp(st, "stream", 6) != 0)
      continue;
    st += 6;
    if (st < data + len && *st == '\r')
      st++;
    if (st < data + len && *st == '\n')
      st++;
    const char *en = memmem(st, (size_t)(data + len - st), "endstream", 9);
    if (!en || total >= MAX_OBJSTM_TOTAL)
      break;
    woo__buf b = WOO__BUF_INIT;
    rc = inflate_into(st, (size_t)(en - st), MAX_OBJSTM_BYTES, &b);
    total += b.len;
    if (rc == 0 && b.len)
      rc = scan_redacts(b.data, b.len, out);
    woo__buf_free(&b);
    p = en;
  }
  return rc;
}

/* ---- annotations and attachments ----------------------------------------- */

static double lum3(const double rgb[3]) {
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

/* Whether any character box of the page overlaps the rectangle. */
static bool over_text(ctx *c, int page, const woo_box *r) {
  const woo_page *pg = woo_doc_page(c->doc, (size_t)page - 1);
  if (!pg)
    return false;
  for (size_t i = pg->start; i < pg->end; i++) {
    woo_box b;
    if (woo_doc_char_box(c->doc, i, &b, NULL) != 0)
      continue;
    double ox = fmin(b.x1, r->x1) - fmax(b.x0, r->x0);
    double oy = fmin(b.y1, r->y1) - fmax(b.y0, r->y0);
    if (ox > 0.3 * (b.x1 - b.x0) && oy > 0.3 * (b.y1 - b.y0))
      return true;
  }
  return false;
}

static int check_annots(ctx *c, const char *data, size_t len) {
  rects redacts = {NULL, 0, 0};
  bool looked = false;
  int rc = 0;
  for (size_t i = 0; i < woo_doc_annot_count(c->doc) && rc == 0; i++) {
    const woo_annot *a = woo_doc_annot(c->doc, i);
    const char *t = a->type;
    bool has_text = a->contents && *a->contents;
    if (strcmp(t, "Unknown") == 0 && data) {
      /* Poppler does not name Redact annotations: look them up in the
       * bytes once, then match by rectangle (PDF space, origin at the
       * bottom: the loader's y is measured from the top). */
      if (!looked && (rc = find_redacts(data, len, &redacts)) != 0)
        break;
      looked = true;
      const woo_page *pg = woo_doc_page(c->doc, (size_t)a->page - 1);
      double h = pg ? pg->height : 0;
      bool redact = false;
      for (size_t k = 0; k < redacts.n && !redact; k++) {
        const double *v = redacts.v[k].v;
        redact = fabs(fmin(v[0], v[2]) - a->rect.x0) < 1 &&
                 fabs(fmax(v[0], v[2]) - a->rect.x1) < 1 &&
                 fabs(h - fmax(v[1], v[3]) - a->rect.y0) < 1 &&
                 fabs(h - fmin(v[1], v[3]) - a->rect.y1) < 1;
      }
      if (redact)
        rc = add(c, "annotation", WOO_SEVERITY_HIGH, WOO_UNSET, WOO_UNSET,
                 a->page, 1.0, NULL,
                 "Redact-annotatie op pagina %d is nooit toegepast: de "
                 "tekst eronder staat nog in het bestand",
                 a->page);
      continue;
    }
    if (strcmp(t, "Link") == 0 || strcmp(t, "Widget") == 0 ||
        strcmp(t, "Unknown") == 0)
      continue;
    bool dark = a->color[0] >= 0 && lum3(a->color) < 0.35;
    bool covering = strcmp(t, "Highlight") == 0 || strcmp(t, "Square") == 0 ||
                    strcmp(t, "Circle") == 0 || strcmp(t, "Polygon") == 0 ||
                    strcmp(t, "Ink") == 0 || strcmp(t, "Stamp") == 0;
    if (dark && covering && over_text(c, a->page, &a->rect)) {
      rc = add(c, "annotation", WOO_SEVERITY_MEDIUM, WOO_UNSET, WOO_UNSET,
               a->page, 1.0, NULL,
               "donkere %s-annotatie over tekst op pagina %d: een "
               "bedekking, geen lakking",
               t, a->page);
    } else if (strcmp(t, "Text") == 0 || strcmp(t, "FreeText") == 0 ||
               has_text) {
      size_t n = has_text ? strlen(a->contents) : 0;
      rc = add(c, "annotation", WOO_SEVERITY_MEDIUM, WOO_UNSET, WOO_UNSET,
               a->page, 1.0, NULL,
               "%s-annotatie op pagina %d met een opmerking van %zu bytes", t,
               a->page, n);
    } else if (strcmp(t, "FileAttachment") == 0) {
      rc = add(c, "annotation", WOO_SEVERITY_MEDIUM, WOO_UNSET, WOO_UNSET,
               a->page, 1.0, NULL,
               "bestand als bijlage bij een annotatie op pagina %d", a->page);
    }
  }
  free(redacts.v);
  return rc == WOO_ENOMEM ? woo__oom() : rc;
}

static int check_attachments(ctx *c) {
  int rc = 0;
  size_t n = woo_doc_attachment_count(c->doc);
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_attachment *a = woo_doc_attachment(c->doc, i);
    rc = add(c, "embedded-file", WOO_SEVERITY_MEDIUM, WOO_UNSET, WOO_UNSET, 0,
             1.0, NULL, "ingesloten bestand %zu van %zu (%zu bytes%s%s)", i + 1,
             n, a->size, a->mime_type && *a->mime_type ? ", " : "",
             a->mime_type ? a->mime_type : "");
  }
  return rc;
}

/* ---- rendering
 * ---------------------------------------------------------------- */

/* What the pixels say about one character. */
typedef enum seen {
  SEEN_UNKNOWN = 0, /* too small to tell, or not decided */
  SEEN_VISIBLE,
  SEEN_COVERED,  /* paint over it */
  SEEN_INVISIBLE /* nothing drawn at all */
} seen;

typedef struct raster {
  unsigned char *lum;  /* luminance of the rendered page, 0..255 */
  unsigned char *cov;  /* coverage by the text layer's glyphs, 0..255 */
  unsigned char *near; /* 1 within a stroke's width of a glyph */
  int w, h;
  double scale;
} raster;

static void raster_free(raster *r) {
  free(r->lum);
  free(r->cov);
  free(r->near);
  memset(r, 0, sizeof *r);
}

/* The glyph mask grown by `rad` pixels each way (a square max filter,
 * done as two passes), so that strokes of a picture of the same text a
 * pixel or two off the layer's glyphs still count as near them. */
static int grow_mask(raster *r, int rad) {
  size_t w = (size_t)r->w, n = w * (size_t)r->h;
  unsigned char *tmp = woo__calloc(n, 1);
  r->near = woo__calloc(n, 1);
  if (!tmp || !r->near) {
    free(tmp);
    return WOO_ENOMEM;
  }
  for (size_t y = 0; y < (size_t)r->h; y++) {
    const unsigned char *c = r->cov + y * w;
    unsigned char *row = tmp + y * w;
    for (size_t x = 0; x < w; x++) {
      if (c[x] <= 64)
        continue;
      size_t lo = x >= (size_t)rad ? x - (size_t)rad : 0;
      size_t hi = x + (size_t)rad < w ? x + (size_t)rad : w - 1;
      memset(row + lo, 1, hi - lo + 1);
    }
  }
  for (int y = 0; y < r->h; y++) {
    unsigned char *restrict out = r->near + (size_t)y * w;
    for (int d = -rad; d <= rad; d++) {
      if (y + d < 0 || y + d >= r->h)
        continue;
      const unsigned char *restrict in = tmp + (size_t)(y + d) * w;
      /* Eight pixels at a time: this pass touches every pixel 2*rad+1
       * times. */
      size_t x = 0;
      for (; x + 8 <= w; x += 8) {
        uint64_t a, b;
        memcpy(&a, out + x, 8);
        memcpy(&b, in + x, 8);
        a |= b;
        memcpy(out + x, &a, 8);
      }
      for (; x < w; x++)
        out[x] |= in[x];
    }
  }
  free(tmp);
  return 0;
}

/* The two renderings as planes of bytes: luminance of the page, and the
 * glyph coverage (red's share of the glyph layer's pixel, which is red
 * glyphs on a blue selection background). */
static int to_planes(raster *r, cairo_surface_t *page,
                     cairo_surface_t *glyphs) {
  size_t w = (size_t)r->w, n = w * (size_t)r->h;
  cairo_surface_flush(page);
  cairo_surface_flush(glyphs);
  const unsigned char *pp = cairo_image_surface_get_data(page);
  const unsigned char *gp = cairo_image_surface_get_data(glyphs);
  int ps = cairo_image_surface_get_stride(page);
  int gs = cairo_image_surface_get_stride(glyphs);
  r->lum = woo__malloc(n);
  r->cov = woo__malloc(n);
  if (!pp || !gp || !r->lum || !r->cov)
    return WOO_ENOMEM;
  for (size_t y = 0; y < (size_t)r->h; y++) {
    const uint32_t *restrict prow = (const uint32_t *)(pp + y * (size_t)ps);
    const uint32_t *restrict grow = (const uint32_t *)(gp + y * (size_t)gs);
    unsigned char *restrict l = r->lum + y * w;
    unsigned char *restrict c = r->cov + y * w;
    for (size_t x = 0; x < w; x++) {
      uint32_t p = prow[x], g = grow[x];
      l[x] = (unsigned char)((77 * ((p >> 16) & 255) + 150 * ((p >> 8) & 255) +
                              29 * (p & 255)) >>
                             8);
      /* Premultiplied: red over the alpha is the glyph's share, and
       * inside the selection the alpha is whole. */
      unsigned red = (g >> 16) & 255, alpha = g >> 24;
      c[x] = alpha == 255 ? (unsigned char)red
             : alpha      ? (unsigned char)(red * 255 / alpha)
                          : 0;
    }
  }
  return 0;
}

static int render(raster *r, PopplerPage *page, double w, double h) {
  double scale = DPI / 72.0;
  if (w * h * scale * scale > MAX_PIXELS)
    scale = sqrt(MAX_PIXELS / (w * h));
  r->scale = scale;
  r->w = (int)ceil(w * scale);
  r->h = (int)ceil(h * scale);
  if (r->w <= 0 || r->h <= 0)
    return -1;
  int rc = 0;
  cairo_surface_t *ps =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->w, r->h);
  cairo_surface_t *gs =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, r->w, r->h);
  if (cairo_surface_status(ps) || cairo_surface_status(gs)) {
    rc = WOO_ENOMEM;
    goto done;
  }

  cairo_t *cr = cairo_create(ps);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render(page, cr);
  cairo_destroy(cr);

  /* The text layer alone: every glyph in red on a blue selection
   * background, on a transparent surface. */
  cr = cairo_create(gs);
  cairo_scale(cr, scale, scale);
  double m = fmax(w, h);
  PopplerRectangle sel = {-m, -m, w + m, h + m};
  PopplerRectangle none = {0, 0, 0, 0};
  PopplerColor red = {65535, 0, 0}, blue = {0, 0, 65535};
  poppler_page_render_selection(page, cr, &sel, &none, POPPLER_SELECTION_GLYPH,
                                &red, &blue);
  cairo_destroy(cr);

  rc = to_planes(r, ps, gs);
  if (rc == 0)
    rc = grow_mask(r, (int)lround(NEAR_PT * scale));
done:
  cairo_surface_destroy(ps);
  cairo_surface_destroy(gs);
  return rc;
}

/* Pixel sums over one character's box. */
typedef struct stats {
  double wg, sg, wn, sn; /* weight and luminance on and off the strokes */
  double nw, ns, fw, fs; /* near the strokes and farther away */
  double lo, hi;         /* luminance range */
  double paper, n;       /* pixels of white paper, all pixels */
  double sum, flat;      /* luminance sum; pixels near the box's mean */
} stats;

static void measure(const raster *r, const woo_box *b, stats *st) {
  int x0 = (int)lround(b->x0 * r->scale), x1 = (int)lround(b->x1 * r->scale);
  int y0 = (int)lround(b->y0 * r->scale), y1 = (int)lround(b->y1 * r->scale);
  /* A pixel in from each side: the edge of a box painted exactly over
   * the line is a row of half-covered pixels. */
  if (x1 - x0 > 4) {
    x0++;
    x1--;
  }
  if (y1 - y0 > 4) {
    y0++;
    y1--;
  }
  x0 = x0 < 0 ? 0 : x0;
  y0 = y0 < 0 ? 0 : y0;
  x1 = x1 > r->w ? r->w : x1;
  y1 = y1 > r->h ? r->h : y1;
  memset(st, 0, sizeof *st);
  st->lo = 1;
  if (x1 <= x0 || y1 <= y0)
    return;
  /* Integer sums: luminance and coverage are bytes. */
  uint64_t wg = 0, sg = 0, sl = 0, ns = 0, fs = 0, nw = 0, paper = 0;
  unsigned lo = 255, hi = 0;
  for (int y = y0; y < y1; y++) {
    size_t row = (size_t)y * (size_t)r->w;
    const unsigned char *l = r->lum + row, *c = r->cov + row,
                        *nr = r->near + row;
    for (int x = x0; x < x1; x++) {
      unsigned v = l[x], cv = c[x];
      wg += cv;
      sg += (uint64_t)cv * v;
      sl += v;
      if (nr[x]) {
        nw++;
        ns += v;
      } else {
        fs += v;
      }
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
      paper += v > 240;
    }
  }
  double n = (double)(x1 - x0) * (double)(y1 - y0);
  st->n = n;
  st->wg = (double)wg / 255.0;
  st->sg = (double)sg / (255.0 * 255.0);
  st->sum = (double)sl / 255.0;
  st->wn = n - st->wg;
  st->sn = st->sum - st->sg;
  st->nw = (double)nw;
  st->ns = (double)ns / 255.0;
  st->fw = n - st->nw;
  st->fs = (double)fs / 255.0;
  st->lo = lo / 255.0;
  st->hi = hi / 255.0;
  st->paper = (double)paper;
  /* Second pass for the share of pixels close to the mean: a flat box
   * with a stray pixel or two of other colour is still flat. */
  int mean = (int)(sl / (uint64_t)n), tol = (int)(FLAT_SPREAD * 255);
  uint64_t flat = 0;
  for (int y = y0; y < y1; y++) {
    const unsigned char *l = r->lum + (size_t)y * (size_t)r->w;
    for (int x = x0; x < x1; x++)
      flat += abs((int)l[x] - mean) < tol;
  }
  st->flat = (double)flat;
}

/* Judge one character by the pixels of its box. */
static seen judge(const stats *st) {
  if (st->n < 2)
    return SEEN_UNKNOWN;
  bool flat = st->flat >= 0.95 * st->n;
  bool blank = st->paper >= 0.995 * st->n;
  double mean = st->sum / st->n;
  if (st->wg >= 1.0 && st->wn >= 1.0) {
    double contrast = fabs(st->sg / st->wg - st->sn / st->wn);
    if (contrast >= SEEN_CONTRAST)
      return SEEN_VISIBLE;
    if (flat || blank)
      return mean > PAPER ? SEEN_INVISIBLE : SEEN_COVERED;
    /* Texture that does not follow the strokes: a hatch or a picture
     * laid over the character.  A picture of the same words (a scan
     * over its OCR layer, a redacted page image over its text layer) has
     * its ink near the layer's strokes even where the shapes differ, and
     * paper farther away. */
    if (st->nw < 1 || st->fw < 3)
      return SEEN_UNKNOWN;
    double far = st->fs / st->fw, near = st->ns / st->nw;
    if (far >= FAR_PAPER)
      return far - near >= SEEN_CONTRAST / 2 ? SEEN_VISIBLE : SEEN_UNKNOWN;
    /* No paper anywhere in the box and nothing that follows the
     * strokes: paint. */
    return contrast < SEEN_CONTRAST / 3 ? SEEN_COVERED : SEEN_UNKNOWN;
  }
  /* No strokes to compare with (a font without outlines, as OCR layers
   * use): only a flat box decides. */
  if (flat || blank)
    return mean > PAPER ? SEEN_INVISIBLE : SEEN_COVERED;
  return SEEN_UNKNOWN;
}

/* A run of characters judged alike, and the undecided characters of the
 * word being read, which join the run when the word is partly in it. */
typedef struct run {
  seen kind;
  size_t start, end; /* bytes */
  size_t chars;
  size_t und_start, und_end, und_chars;
  bool und_tail; /* the undecided characters follow the run in its word */
} run;

static int flush_run(ctx *c, run *rn, int page) {
  int rc = 0;
  if (rn->kind == SEEN_COVERED && rn->chars)
    rc = add(c, "text-under-box", WOO_SEVERITY_HIGH, rn->start, rn->end, page,
             0.9, NULL,
             "%zu teken%s op pagina %d nog in de tekstlaag onder een balk, "
             "markering of afbeelding",
             rn->chars, rn->chars == 1 ? "" : "s", page);
  else if (rn->kind == SEEN_INVISIBLE && rn->chars)
    rc = add(c, "hidden-text",
             rn->chars > HIDDEN_MINOR ? WOO_SEVERITY_HIGH : WOO_SEVERITY_INFO,
             rn->start, rn->end, page, 0.9, NULL,
             "%zu onzichtbare teken%s op pagina %d (wit op wit of niet "
             "getekend)",
             rn->chars, rn->chars == 1 ? "" : "s", page);
  rn->kind = SEEN_UNKNOWN;
  rn->chars = 0;
  rn->und_chars = 0;
  rn->und_tail = false;
  return rc;
}

/* A word ends: undecided characters after the run in the same word
 * belong to it. */
static void word_end(run *rn) {
  if (rn->chars && rn->und_chars && rn->und_tail) {
    rn->end = rn->und_end;
    rn->chars += rn->und_chars;
  }
  rn->und_chars = 0;
  rn->und_tail = false;
}

static int take(ctx *c, run *rn, seen s, size_t i, size_t k, int pageno) {
  int rc = 0;
  switch (s) {
  case SEEN_UNKNOWN:
    if (!rn->und_chars) {
      rn->und_start = i;
      rn->und_tail = rn->chars && rn->end == i;
    }
    rn->und_end = i + k;
    rn->und_chars++;
    break;
  case SEEN_VISIBLE: rc = flush_run(c, rn, pageno); break;
  default:
    if (rn->chars && rn->kind != s && (rc = flush_run(c, rn, pageno)) != 0)
      break;
    if (!rn->chars)
      rn->start = rn->und_chars ? rn->und_start : i;
    rn->chars += rn->und_chars + 1;
    rn->kind = s;
    rn->end = i + k;
    rn->und_chars = 0;
    rn->und_tail = false;
    break;
  }
  return rc;
}

/* Length of a ground code written at s without the spaces around it
 * ("de5.1.2.e", "5.1.2.e5.1.2.e" where a redactor's text layer runs
 * labels and words together), or 0: 5, 10 or 11, a separator, 1 or 2,
 * optionally a separator and a digit, optionally a letter a-i. */
static size_t glued_code(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 2 && s[0] == '1' && (s[1] == '0' || s[1] == '1'))
    i = 2;
  else if (n >= 1 && s[0] == '5')
    i = 1;
  else
    return 0;
  if (i + 1 >= n || (s[i] != '.' && s[i] != ',') ||
      (s[i + 1] != '1' && s[i + 1] != '2'))
    return 0;
  i += 2;
  if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '1' &&
      s[i + 1] <= '5')
    i += 2;
  size_t j = i < n && (s[i] == '.' || s[i] == ',') ? i + 1 : i;
  if (j < n && s[j] >= 'a' && s[j] <= 'i' &&
      !(j + 1 < n && s[j + 1] >= 'a' && s[j + 1] <= 'z'))
    return j + 1; /* a letter ends it, whatever follows */
  return i < n && s[i] >= '0' && s[i] <= '9' ? 0 : i;
}

/* Codes on the page: a code printed in a box is the box's label, and
 * the layer beneath a redacted page image carries it too. */
static int page_codes(const ctx *c, const woo_page *pg, woo__spanset *skip) {
  woo_codes *codes = NULL;
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  o.include_unknown = 1;
  int rc = woo_codes_find(&codes, c->text + pg->start, pg->end - pg->start, &o);
  for (size_t i = 0; rc == 0 && i < woo_codes_count(codes); i++) {
    const woo_code *k = woo_codes_at(codes, i);
    rc = woo__spanset_add(skip, pg->start + k->start, pg->start + k->end);
  }
  woo_codes_free(codes);
  for (size_t i = pg->start; i < pg->end && rc == 0; i++) {
    if (i > pg->start && c->text[i - 1] >= '0' && c->text[i - 1] <= '9')
      continue;
    size_t n = glued_code(c->text + i, pg->end - i);
    if (n) {
      rc = woo__spanset_add(skip, i, i + n);
      i += n - 1;
    }
  }
  return rc;
}

static int check_page(ctx *c, PopplerPage *page, int pageno) {
  const woo_page *pg = woo_doc_page(c->doc, (size_t)pageno - 1);
  if (!pg || !pg->has_text)
    return 0;
  raster r = {0};
  woo__spanset skip = WOO__SPANSET_INIT;
  double w, h;
  poppler_page_get_size(page, &w, &h);
  int rc = render(&r, page, w, h);
  if (rc < 0 && rc != WOO_ENOMEM) {
    rc = 0; /* an empty page: nothing to check */
    goto done;
  }
  if (rc == 0)
    rc = page_codes(c, pg, &skip);
  run rn = {SEEN_UNKNOWN, 0, 0, 0, 0, 0, 0, false};
  for (size_t i = pg->start; i < pg->end && rc == 0;) {
    size_t k = 1;
    uint32_t cp =
        woo__utf8_decode((const unsigned char *)c->text + i, pg->end - i, &k);
    woo_box b;
    if (cp == '\n' || cp == '\f') {
      word_end(&rn);
      rc = flush_run(c, &rn, pageno);
    } else if (woo_doc_char_box(c->doc, i, &b, NULL) != 0 ||
               woo__spanset_contains(&skip, i)) {
      word_end(&rn);
    } else {
      stats st;
      measure(&r, &b, &st);
      seen s = judge(&st);
      rc = take(c, &rn, s, i, k, pageno);
    }
    i += k;
  }
  if (rc == 0) {
    word_end(&rn);
    rc = flush_run(c, &rn, pageno);
  }
done:
  woo__spanset_free(&skip);
  raster_free(&r);
  return rc == WOO_ENOMEM ? woo__oom() : rc;
}

static int check_pages(ctx *c, PopplerDocument *pd) {
  int rc = 0;
  int n = poppler_document_get_n_pages(pd);
  if ((size_t)n != woo_doc_page_count(c->doc))
    return 0; /* not the document that was loaded; nothing sound to say */
  int limit = n < MAX_RENDER_PAGES ? n : MAX_RENDER_PAGES;
  for (int i = 0; i < limit && rc == 0; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page)
      continue;
    rc = check_page(c, page, i + 1);
    g_object_unref(page);
  }
  if (rc == 0 && n > limit)
    rc = add(c, "text-under-box", WOO_SEVERITY_INFO, WOO_UNSET, WOO_UNSET, 0,
             1.0, NULL,
             "alleen de eerste %d van %d pagina's zijn "
             "gerenderd en op tekst onder balken gecontroleerd",
             limit, n);
  return rc;
}

/* ---- earlier revisions
 * ----------------------------------------------------------- */

/* A set of case-folded words. */
typedef struct wordset {
  char **slot;
  size_t cap, n;
} wordset;

/* 1 when added, 0 when present, WOO_ENOMEM. */
static int wordset_add(wordset *ws, const char *w, size_t n) {
  if ((ws->n + 1) * 2 > ws->cap) {
    size_t cap = ws->cap ? ws->cap * 2 : 1024;
    char **slot = woo__calloc(cap, sizeof *slot);
    if (!slot)
      return WOO_ENOMEM;
    for (size_t i = 0; i < ws->cap; i++) {
      if (!ws->slot[i])
        continue;
      size_t j = woo__fnv1a(ws->slot[i], strlen(ws->slot[i])) & (cap - 1);
      while (slot[j])
        j = (j + 1) & (cap - 1);
      slot[j] = ws->slot[i];
    }
    free(ws->slot);
    ws->slot = slot;
    ws->cap = cap;
  }
  size_t j = woo__fnv1a(w, n) & (ws->cap - 1);
  for (; ws->slot[j]; j = (j + 1) & (ws->cap - 1))
    if (strlen(ws->slot[j]) == n && memcmp(ws->slot[j], w, n) == 0)
      return 0;
  if (!(ws->slot[j] = woo__strndup(w, n)))
    return WOO_ENOMEM;
  ws->n++;
  return 1;
}

static bool wordset_has(const wordset *ws, const char *w, size_t n) {
  if (!ws->cap)
    return false;
  size_t j = woo__fnv1a(w, n) & (ws->cap - 1);
  for (; ws->slot[j]; j = (j + 1) & (ws->cap - 1))
    if (strlen(ws->slot[j]) == n && memcmp(ws->slot[j], w, n) == 0)
      return true;
  return false;
}

static void wordset_free(wordset *ws) {
  for (size_t i = 0; i < ws->cap; i++)
    free(ws->slot[i]);
  free(ws->slot);
  memset(ws, 0, sizeof *ws);
}

/* Call fn for each word (letters and digits, case-folded, at least two
 * characters) of s.  Stops at the first nonzero return. */
typedef int (*word_fn)(void *arg, const char *w, size_t n);

static int each_word(const char *s, size_t len, word_fn fn, void *arg) {
  woo__buf w = WOO__BUF_INIT;
  size_t chars = 0;
  int rc = 0;
  for (size_t i = 0; i <= len && rc >= 0;) {
    size_t k = 1;
    uint32_t cp =
        i < len ? woo__utf8_decode((const unsigned char *)s + i, len - i, &k)
                : 0;
    if (i < len && cp != WOO__BAD_CP &&
        (woo__is_letter(cp) || woo__is_digit(cp))) {
      rc = woo__buf_put_utf8(&w, woo__fold(cp));
      chars++;
    } else {
      if (chars >= 2)
        rc = fn(arg, w.data, w.len);
      w.len = 0;
      chars = 0;
    }
    i += k;
  }
  woo__buf_free(&w);
  return rc < 0 ? rc : 0;
}

static int collect_word(void *arg, const char *w, size_t n) {
  int rc = wordset_add(arg, w, n);
  return rc < 0 ? rc : 0;
}

typedef struct missing {
  const wordset *final;
  wordset seen; /* distinct words of the page already counted */
  size_t count;
} missing;

static int count_missing(void *arg, const char *w, size_t n) {
  missing *m = arg;
  if (wordset_has(m->final, w, n))
    return 0;
  int rc = wordset_add(&m->seen, w, n);
  if (rc == 1)
    m->count++;
  return rc < 0 ? rc : 0;
}

/* Offsets just past each %%EOF marker (and its line end). */
static int eof_marks(const char *data, size_t len, size_t **out, size_t *n) {
  size_t cap = 0;
  *out = NULL;
  *n = 0;
  for (const char *p = data;
       (p = memmem(p, (size_t)(data + len - p), "%%EOF", 5));) {
    p += 5;
    while (p < data + len && (*p == '\r' || *p == '\n'))
      p++;
    if (*n == cap) {
      size_t nc = cap ? cap * 2 : 8;
      size_t *v = woo__reallocarray(*out, nc, sizeof *v);
      if (!v)
        return woo__oom();
      *out = v;
      cap = nc;
    }
    (*out)[(*n)++] = (size_t)(p - data);
  }
  return 0;
}

static int check_revision(ctx *c, const char *data, size_t cut, int rev,
                          int revs, const wordset *final, int *budget) {
  int rc = 0;
  GBytes *bytes = g_bytes_new_static(data, cut);
  GError *err = NULL;
  PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &err);
  if (!pd) {
    /* A linearized file's first section, or damage: nothing to compare. */
    g_clear_error(&err);
    g_bytes_unref(bytes);
    return 0;
  }
  int n = poppler_document_get_n_pages(pd);
  int limit = n < *budget ? n : *budget;
  *budget -= limit;
  for (int i = 0; i < limit && rc == 0; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page)
      continue;
    char *t = poppler_page_get_text(page);
    missing m = {final, {0}, 0};
    if (t)
      rc = each_word(t, strlen(t), count_missing, &m);
    if (rc == 0 && m.count)
      rc = add(c, "earlier-revision", WOO_SEVERITY_HIGH, WOO_UNSET, WOO_UNSET,
               i + 1, 1.0, NULL,
               "revisie %d van %d bevat op pagina %d nog %zu woord%s die "
               "de definitieve versie niet toont",
               rev, revs, i + 1, m.count, m.count == 1 ? "" : "en");
    wordset_free(&m.seen);
    g_free(t);
    g_object_unref(page);
  }
  g_object_unref(pd);
  g_bytes_unref(bytes);
  return rc == WOO_ENOMEM ? woo__oom() : rc;
}

static int check_revisions(ctx *c, const char *data, size_t len) {
  size_t *cuts = NULL, n = 0;
  wordset final = {0};
  int rc = eof_marks(data, len, &cuts, &n);
  /* The last marker ends the final revision; anything after it is not a
   * revision of its own. */
  if (rc || n < 2)
    goto done;
  if ((rc = each_word(c->text, c->len, collect_word, &final)) != 0) {
    rc = woo__oom();
    goto done;
  }
  /* The most recent earlier revisions first: they are the likeliest to
   * hold what the last update withheld. */
  int budget = MAX_REVISION_PAGES;
  size_t checked = 0;
  for (size_t i = n - 1;
       i-- > 0 && rc == 0 && budget > 0 && checked < MAX_REVISIONS; checked++)
    rc = check_revision(c, data, cuts[i], (int)i + 1, (int)n, &final, &budget);
  if (rc == 0 && checked < n - 1)
    rc = add(c, "earlier-revision", WOO_SEVERITY_INFO, WOO_UNSET, WOO_UNSET, 0,
             1.0, NULL,
             "alleen de laatste %zu van %zu eerdere revisies "
             "zijn met de definitieve versie vergeleken",
             checked, n - 1);
done:
  wordset_free(&final);
  free(cuts);
  return rc;
}

/* ---- the entry point
 * ------------------------------------------------------------ */

int woo__audit_pdf(woo__findings *out, const woo_doc *doc) {
  if (!out || !doc)
    return woo__error(WOO_EINVAL, "invalid arguments to the PDF audit");
  if (woo_doc_format(doc) != WOO_FORMAT_PDF)
    return 0;
  int rc = woo__need_pdf(woo_doc_path(doc));
  if (rc)
    return rc;
  ctx c = {out, doc, woo_doc_path(doc), NULL, 0};
  c.text = woo_doc_text(doc, &c.len);
  char *data = NULL;
  size_t len = 0;
  PopplerDocument *pd = NULL;
  GBytes *bytes = NULL;
  rc = check_metadata(&c);
  if (rc == 0)
    rc = check_attachments(&c);
  if (rc)
    goto done;

  /* The pixels and the revisions need the file itself, and it must be
   * the one that was loaded. */
  rc = *c.path ? woo__file_read(c.path, woo_doc_input_size(doc), &data, &len)
               : WOO_ENOTFOUND;
  if (rc == WOO_ENOMEM)
    goto done;
  if (rc == 0 || rc == WOO_ELIMIT) {
    char hex[65];
    if (rc == 0)
      woo__sha256_hex(data, len, hex);
    if (rc || strcmp(hex, woo_doc_sha256(doc)) != 0) {
      rc = woo__error(WOO_EMISMATCH,
                      "%s: the file changed after it was "
                      "read; audit it again",
                      c.path);
      goto done;
    }
  } else {
    woo_error_clear();
    free(data);
    data = NULL;
    rc = check_annots(&c, NULL, 0);
    if (rc == 0)
      rc = add(&c, "text-under-box", WOO_SEVERITY_INFO, WOO_UNSET, WOO_UNSET, 0,
               1.0, NULL,
               "het bestand kon niet opnieuw worden gelezen; "
               "pagina's en revisies zijn niet gecontroleerd");
    goto done;
  }
  if ((rc = check_annots(&c, data, len)) != 0)
    goto done;
  if (len > (size_t)G_MAXINT)
    goto done;
  bytes = g_bytes_new_static(data, len);
  GError *err = NULL;
  pd = poppler_document_new_from_bytes(bytes, NULL, &err);
  if (!pd) {
    /* Encrypted (the loader had the password, we do not) or damaged
     * beyond what the loader accepted. */
    g_clear_error(&err);
    rc = add(&c, "text-under-box", WOO_SEVERITY_INFO, WOO_UNSET, WOO_UNSET, 0,
             1.0, NULL,
             "de pagina's konden niet opnieuw worden gerenderd "
             "(versleuteld?); tekst onder balken is niet gecontroleerd");
  } else {
    rc = check_pages(&c, pd);
  }
  if (rc == 0)
    rc = check_revisions(&c, data, len);
done:
  if (pd)
    g_object_unref(pd);
  if (bytes)
    g_bytes_unref(bytes);
  free(data);
  return rc;
}
