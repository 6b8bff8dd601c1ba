/*
 * PDF redaction: every page is rendered to an image with poppler, boxes
 * are painted over the marked characters with the ground code inside, and
 * a new PDF is written from those images alone.  Nothing of the original
 * file is copied: no content streams, fonts, metadata, annotations,
 * forms, scripts, outlines or earlier revisions.
 *
 * So that the result stays searchable, each page also gets a text layer
 * of the words that remain (and the codes that replaced the others): each
 * word is set where the loader found it, stretched to its box, in
 * invisible text (rendering mode 3, as OCR layers are) under the page
 * image.  Text extraction and selection find it; nothing shows.
 *
 * The file is written here rather than through cairo's PDF surface, for
 * speed: cairo compresses page images at zlib's level 6 and embeds a font
 * subset for the text layer, which together cost several times the
 * rendering.  This writer stores a page whose pixels are all grey as an
 * 8-bit grey image (a third of the bytes of RGB), compresses at level 1,
 * and sets the text layer in the standard Helvetica (never embedded;
 * invisible text needs no glyphs) with every character one width, a
 * WinAnsi encoding for the characters it has and extra simple fonts for
 * the others, each with a ToUnicode map so that extraction gives the
 * exact characters back.  The objects: 1 catalog, 2 page tree, 3 Info,
 * then per page its page, content stream and image, and the fonts at the
 * end; a classic cross-reference table.
 *
 * Coordinates: the loader's character boxes are in points on the page as
 * a viewer shows it (after /Rotate), origin top-left; poppler renders in
 * the same space, and the new pages are made that size, upright.
 *
 * One page is rendered and written at a time.  The output goes to a
 * temporary file that is read back (pdf_verify.c) before it is renamed
 * into place.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../doc/lazy_pdf.h"
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
/* The font of the labels painted on the page image. */
#define FONT "DejaVu Sans"
/* zlib level for page images and content streams: level 1 is several
 * times faster than the default on rendered pages, for files about a
 * fifth larger. */
#define ZLEVEL 1
/* Helvetica's ascent and descent per point of size, as PDF readers take
 * them for the text layer's character boxes; and the one width every
 * character of the layer gets, per point of size. */
#define LAYER_ASCENT 0.718
#define LAYER_DESCENT 0.207
#define LAYER_ADVANCE 0.5
/* Object numbers of the fixed objects. */
#define OBJ_CATALOG 1
#define OBJ_PAGES 2
#define OBJ_INFO 3
/* Pending output is written out past this many bytes. */
#define FLUSH_AT ((size_t)1 << 20)

typedef struct cover {
  int page; /* 1-based */
  size_t run;
  woo_box box;
} cover;

/* A simple font of the text layer: font 0 is Helvetica in WinAnsi; fonts
 * 1… take the other characters, 255 to a font, codes given out as the
 * characters turn up.  cps[code] is the code point of a code, 0 for none. */
typedef struct lfont {
  int obj;
  uint32_t cps[256];
  int n; /* codes given out (fonts 1…) */
} lfont;

/* The PDF being written: bytes go through `out` to the descriptor. */
typedef struct pdfw {
  int fd;
  int err; /* errno of a failed write */
  size_t written;
  woo__buf out;
  size_t *offsets; /* offsets[num]: where object num starts; 0 = unused */
  size_t n_offsets, cap_offsets;
} pdfw;

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
  pdfw w;
  woo__buf content; /* the current page's text layer */
  int cur_font;     /* font selected in `content`, -1 for none */
  lfont *fonts;
  size_t n_fonts;
  bool *page_fonts; /* fonts used on the current page, parallel to fonts */
  /* Code point → (font << 8 | code) for characters outside WinAnsi, in
   * an open-addressed table of cp_cap slots (key 0 = empty). */
  uint32_t *cp_keys, *cp_vals;
  size_t cp_n, cp_cap;
  uint32_t winansi[256]; /* code point of each WinAnsi code, 0 for none */
  woo__buf zbuf;         /* compressed stream data */
  unsigned char *row;    /* one row of image samples */
  double page_h;         /* height of the current page, points */
  int rc;                /* first error while setting the text layer */
} job;

/* ---- the file ------------------------------------------------------------ */

static int w_flush(pdfw *w) {
  const char *p = w->out.data;
  size_t left = w->out.len;
  while (left && !w->err) {
    ssize_t n = write(w->fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      w->err = n < 0 ? errno : EIO;
      break;
    }
    p += n;
    left -= (size_t)n;
    w->written += (size_t)n;
  }
  w->out.len = 0;
  return w->err ? WOO_EIO : 0;
}

static int w_put(pdfw *w, const void *data, size_t n) {
  int rc = woo__buf_put(&w->out, data, n);
  if (rc == 0 && w->out.len >= FLUSH_AT)
    rc = w_flush(w);
  return rc;
}

static size_t w_tell(const pdfw *w) { return w->written + w->out.len; }

/* A new object number. */
static int w_new(pdfw *w) {
  if (w->n_offsets == w->cap_offsets) {
    size_t cap = w->cap_offsets ? w->cap_offsets * 2 : 64;
    size_t *v = woo__reallocarray(w->offsets, cap, sizeof *v);
    if (!v)
      return -1;
    w->offsets = v;
    w->cap_offsets = cap;
  }
  if (w->n_offsets == 0)
    w->offsets[w->n_offsets++] = 0; /* object 0 is the free list's head */
  w->offsets[w->n_offsets] = 0;
  return (int)w->n_offsets++;
}

/* Start object `num` here. */
static int w_begin(pdfw *w, int num) {
  w->offsets[num] = w_tell(w);
  return woo__buf_printf(&w->out, "%d 0 obj\n", num);
}

/* A number with up to three decimals, whatever the locale says about the
 * decimal sign. */
static int put_num(woo__buf *b, double v) {
  if (!isfinite(v))
    v = 0;
  if (v > 1e9)
    v = 1e9;
  if (v < -1e9)
    v = -1e9;
  long long m = llround(v * 1000);
  const char *sign = m < 0 ? "-" : "";
  if (m < 0)
    m = -m;
  long long ip = m / 1000, fp = m % 1000;
  if (fp == 0)
    return woo__buf_printf(b, "%s%lld ", sign, ip);
  int digits = 3;
  while (fp % 10 == 0) {
    fp /= 10;
    digits--;
  }
  return woo__buf_printf(b, "%s%lld.%0*lld ", sign, ip, digits, fp);
}

/* Compress [data, n) (or, with data NULL, nothing: the caller feeds the
 * stream) into j->zbuf. */
static int z_all(job *j, const void *data, size_t n) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit(&z, ZLEVEL) != Z_OK)
    return WOO_ENOMEM;
  j->zbuf.len = 0;
  int rc = 0, zr = Z_OK;
  z.next_in = (unsigned char *)(uintptr_t)data;
  z.avail_in = (uInt)n;
  while (zr != Z_STREAM_END && rc == 0) {
    if ((rc = woo__buf_grow(&j->zbuf, 65536)) != 0)
      break;
    z.next_out = (unsigned char *)j->zbuf.data + j->zbuf.len;
    z.avail_out = 65536;
    zr = deflate(&z, Z_FINISH);
    j->zbuf.len += 65536 - z.avail_out;
    if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
      rc = WOO_ENOMEM;
  }
  deflateEnd(&z);
  return rc;
}

/* Object `num`: a stream with dictionary entries `dict` and the data in
 * j->zbuf, Flate-compressed. */
static int w_zstream(job *j, int num, const char *dict) {
  pdfw *w = &j->w;
  int rc = w_begin(w, num);
  if (rc == 0)
    rc = woo__buf_printf(&w->out, "<< %s/Filter /FlateDecode /Length %zu "
                         ">>\nstream\n", dict, j->zbuf.len);
  if (rc == 0)
    rc = w_put(w, j->zbuf.data ? j->zbuf.data : "", j->zbuf.len);
  if (rc == 0)
    rc = w_put(w, "\nendstream\nendobj\n", 18);
  return rc;
}

/* ---- the text layer's fonts --------------------------------------------- */

/* The WinAnsi code of each code point it has, for the characters a page
 * can draw (printable; the soft hyphen and the no-break space are not
 * drawn). */
static void winansi_init(job *j) {
  memset(j->winansi, 0, sizeof j->winansi);
  for (unsigned c = 0x21; c < 0x100; c++) {
    if (c == 0x7F || c == 0xA0 || c == 0xAD)
      continue;
    unsigned char byte = (unsigned char)c;
    woo__buf u = WOO__BUF_INIT;
    if (woo__cp1252_to_utf8(&u, &byte, 1) == 0 && u.len) {
      size_t n;
      uint32_t cp = woo__utf8_decode((const unsigned char *)u.data, u.len, &n);
      /* Codes Windows-1252 leaves undefined come back as controls or
       * U+FFFD: not characters of the encoding. */
      if (cp != WOO__BAD_CP && cp != 0xFFFD && !(cp >= 0x80 && cp < 0xA0))
        j->winansi[c] = cp;
    }
    woo__buf_free(&u);
  }
}

static int winansi_code(const job *j, uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp < 0x100))
    return j->winansi[cp] == cp ? (int)cp : -1;
  for (int c = 0x80; c < 0xA0; c++)
    if (j->winansi[c] == cp)
      return c;
  return -1;
}

static size_t cp_hash(uint32_t cp, size_t cap) {
  return (size_t)((cp * 2654435761u) & (uint32_t)(cap - 1));
}

static int add_font(job *j) {
  lfont *f = woo__reallocarray(j->fonts, j->n_fonts + 1, sizeof *f);
  if (!f)
    return WOO_ENOMEM;
  j->fonts = f;
  bool *u = woo__reallocarray(j->page_fonts, j->n_fonts + 1, sizeof *u);
  if (!u)
    return WOO_ENOMEM;
  j->page_fonts = u;
  f = &j->fonts[j->n_fonts];
  memset(f, 0, sizeof *f);
  if ((f->obj = w_new(&j->w)) < 0)
    return WOO_ENOMEM;
  f->n = 1; /* code 0 stays unused */
  u[j->n_fonts++] = false;
  return 0;
}

/* Font and code for code point cp: *font, *code. */
static int font_code(job *j, uint32_t cp, int *font, int *code) {
  int c = winansi_code(j, cp);
  if (c >= 0) {
    *font = 0;
    *code = c;
    return 0;
  }
  if (cp == 0)
    cp = 0xFFFD;
  if (j->cp_cap) {
    for (size_t i = cp_hash(cp, j->cp_cap); j->cp_keys[i];
         i = (i + 1) & (j->cp_cap - 1))
      if (j->cp_keys[i] == cp) {
        *font = (int)(j->cp_vals[i] >> 8);
        *code = (int)(j->cp_vals[i] & 255);
        return 0;
      }
  }
  if (2 * (j->cp_n + 1) > j->cp_cap) {
    size_t cap = j->cp_cap ? j->cp_cap * 2 : 64;
    uint32_t *k = woo__calloc(cap, sizeof *k), *v = woo__calloc(cap, sizeof *v);
    if (!k || !v) {
      free(k);
      free(v);
      return WOO_ENOMEM;
    }
    for (size_t i = 0; i < j->cp_cap; i++) {
      if (!j->cp_keys[i])
        continue;
      size_t at = cp_hash(j->cp_keys[i], cap);
      while (k[at])
        at = (at + 1) & (cap - 1);
      k[at] = j->cp_keys[i];
      v[at] = j->cp_vals[i];
    }
    free(j->cp_keys);
    free(j->cp_vals);
    j->cp_keys = k;
    j->cp_vals = v;
    j->cp_cap = cap;
  }
  if (j->n_fonts < 2 || j->fonts[j->n_fonts - 1].n == 256) {
    int rc = add_font(j);
    if (rc)
      return rc;
  }
  lfont *f = &j->fonts[j->n_fonts - 1];
  *font = (int)j->n_fonts - 1;
  *code = f->n;
  f->cps[f->n++] = cp;
  size_t at = cp_hash(cp, j->cp_cap);
  while (j->cp_keys[at])
    at = (at + 1) & (j->cp_cap - 1);
  j->cp_keys[at] = cp;
  j->cp_vals[at] = (uint32_t)(*font << 8 | *code);
  j->cp_n++;
  return 0;
}

/* A code point as the UTF-16BE hex digits of a ToUnicode entry. */
static int put_utf16(woo__buf *b, uint32_t cp) {
  if (cp >= 0x10000 && cp <= 0x10FFFF) {
    cp -= 0x10000;
    return woo__buf_printf(b, "<%04X%04X>", 0xD800 + (cp >> 10),
                           0xDC00 + (cp & 0x3FF));
  }
  return woo__buf_printf(b, "<%04X>", cp < 0x10000 ? cp : 0xFFFD);
}

/* Write font i and its ToUnicode map. */
static int write_font(job *j, size_t i) {
  const lfont *f = &j->fonts[i];
  const uint32_t *cps = i == 0 ? j->winansi : f->cps;
  int cmap = w_new(&j->w);
  if (cmap < 0)
    return WOO_ENOMEM;
  woo__buf *b = &j->content;
  b->len = 0;
  int rc = woo__buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
                         "12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                         "/Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<00> <FF>\n"
                         "endcodespacerange\n");
  for (int c = 0; c < 256 && rc == 0;) {
    int n = 0;
    for (int k = c; k < 256 && n < 100; k++)
      n += cps[k] != 0;
    if (!n)
      break;
    rc = woo__buf_printf(b, "%d beginbfchar\n", n);
    for (int done = 0; c < 256 && done < n && rc == 0; c++) {
      if (!cps[c])
        continue;
      rc = woo__buf_printf(b, "<%02X> ", c);
      if (rc == 0)
        rc = put_utf16(b, cps[c]);
      if (rc == 0)
        rc = woo__buf_putc(b, '\n');
      done++;
    }
    if (rc == 0)
      rc = woo__buf_puts(b, "endbfchar\n");
  }
  if (rc == 0)
    rc = woo__buf_puts(b, "endcmap\nCMapName currentdict /CMap "
                       "defineresource pop\nend\nend\n");
  if (rc == 0)
    rc = z_all(j, b->data, b->len);
  if (rc == 0)
    rc = w_zstream(j, cmap, "");

  woo__buf *o = &j->w.out;
  if (rc == 0)
    rc = w_begin(&j->w, f->obj);
  if (rc == 0)
    rc = woo__buf_printf(o, "<< /Type /Font /Subtype /Type1 /BaseFont "
                         "/Helvetica /Encoding ");
  if (rc == 0 && i == 0)
    rc = woo__buf_puts(o, "/WinAnsiEncoding");
  if (rc == 0 && i > 0) {
    rc = woo__buf_puts(o, "<< /Type /Encoding /Differences [1");
    for (int c = 1; c < f->n && rc == 0; c++)
      rc = woo__buf_printf(o, f->cps[c] > 0xFFFF ? " /u%05X" : " /uni%04X",
                           f->cps[c]);
    if (rc == 0)
      rc = woo__buf_puts(o, "] >>");
  }
  if (rc == 0)
    rc = woo__buf_printf(o, " /FirstChar 0 /LastChar 255 /Widths [");
  for (int c = 0; c < 256 && rc == 0; c++)
    rc = woo__buf_printf(o, c % 32 ? " %d" : "\n%d",
                         (int)(LAYER_ADVANCE * 1000));
  if (rc == 0)
    rc = woo__buf_printf(o, "]\n/ToUnicode %d 0 R >>\nendobj\n", cmap);
  if (rc == 0 && o->len >= FLUSH_AT)
    rc = w_flush(&j->w);
  return rc;
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

/* Set `s` (n bytes, no white space) so that it fills `b` along direction
 * `dir` (0: left to right, 90: top to bottom, 180, 270), as a line of
 * text of the box's thickness.  Errors are kept in j->rc. */
static void draw_word(job *j, const char *s, size_t n, const woo_box *b,
                      int dir) {
  static const char hex[] = "0123456789ABCDEF";
  if (j->rc || n == 0)
    return;
  bool vertical = dir == 90 || dir == 270;
  double length = vertical ? b->y1 - b->y0 : b->x1 - b->x0;
  double thick = vertical ? b->x1 - b->x0 : b->y1 - b->y0;
  size_t chars = 0;
  for (size_t i = 0; i < n; i++)
    chars += ((unsigned char)s[i] & 0xC0) != 0x80;
  if (!(length > 0 && thick > 0) || chars == 0)
    return;
  double size = thick / (LAYER_ASCENT + LAYER_DESCENT);
  double below = LAYER_DESCENT * size; /* baseline to the box's lower edge */
  double h = j->page_h;
  /* Advance and up directions of the text on the PDF page (y up), and
   * where its baseline starts. */
  double ax = 1, ay = 0, ux = 0, uy = 1, ox = b->x0, oy = h - b->y1 + below;
  switch (dir) {
  case 90:
    ax = 0, ay = -1, ux = 1, uy = 0, ox = b->x0 + below, oy = h - b->y0;
    break;
  case 180:
    ax = -1, ay = 0, ux = 0, uy = -1, ox = b->x1, oy = h - b->y0 - below;
    break;
  case 270:
    ax = 0, ay = 1, ux = -1, uy = 0, ox = b->x1 - below, oy = h - b->y1;
    break;
  default:
    break;
  }
  woo__buf *c = &j->content;
  int rc = 0;
  if (c->len == 0)
    rc = woo__buf_puts(c, "BT\n3 Tr\n");
  if (rc == 0)
    rc = put_num(c, 100 * length / ((double)chars * LAYER_ADVANCE * size));
  if (rc == 0)
    rc = woo__buf_puts(c, "Tz ");
  double m[6] = {size * ax, size * ay, size * ux, size * uy, ox, oy};
  for (int i = 0; i < 6 && rc == 0; i++)
    rc = put_num(c, m[i]);
  if (rc == 0)
    rc = woo__buf_puts(c, "Tm\n");
  bool open = false;
  for (size_t i = 0, k; i < n && rc == 0; i += k) {
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, n - i, &k);
    int font, code;
    if ((rc = font_code(j, cp == WOO__BAD_CP ? 0xFFFD : cp, &font, &code)) != 0)
      break;
    if (font != j->cur_font) {
      if (open)
        rc = woo__buf_puts(c, "> Tj\n");
      if (rc == 0)
        rc = woo__buf_printf(c, "/F%d 1 Tf\n", font);
      j->cur_font = font;
      j->page_fonts[font] = true;
      open = false;
    }
    if (rc == 0 && !open) {
      rc = woo__buf_putc(c, '<');
      open = true;
    }
    char two[2] = {hex[code >> 4], hex[code & 15]};
    if (rc == 0)
      rc = woo__buf_put(c, two, 2);
  }
  if (rc == 0 && open)
    rc = woo__buf_puts(c, "> Tj\n");
  j->rc = rc;
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

/* Set the remaining text [s, e) of one word (no run inside) over the
 * union of its characters' boxes.  The loader separates characters that
 * stand apart on the page (table cells the selection text runs
 * together), so a word's characters stand together and one stretched
 * word reads as it did. */
static void draw_piece(job *j, int pageno, size_t s, size_t e,
                       int *last_dir) {
  woo_box u = {0, 0, 0, 0}, prev = u;
  int count = 0;
  double dx = 0, dy = 0;
  for (size_t i = s, k; i < e; i += k) {
    woo_box b;
    int pg = 0;
    woo__utf8_decode((const unsigned char *)j->text + i, e - i, &k);
    if (woo_doc_char_box(j->doc, i, &b, &pg) != 0 || pg != pageno)
      continue;
    if (count == 0) {
      u = b;
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
  woo_error_clear();
  if (count == 0)
    return;
  int dir = direction(dx, dy, count, *last_dir);
  *last_dir = dir;
  draw_word(j, j->text + s, e - s, &u, dir);
}

/* The words of page `pageno` that no run touches (or the parts of a word
 * outside the runs), each at its place. */
static void draw_text_layer(job *j, const woo_page *pg, int pageno) {
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
      draw_piece(j, pageno, at, stop, &last_dir);
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
static void paint_covers(job *j, cairo_t *ic, const cover *c, size_t n) {
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
        draw_word(j, code, strlen(code), b, 0);
    }
    i = k;
  }
}

/* ---- pages -------------------------------------------------------------------- */

/* The page image as object `num`: 8-bit grey when every pixel is grey,
 * RGB otherwise; compressed row by row.  Rows are taken as grey until a
 * pixel says otherwise, and then the image is started again in RGB: one
 * pass over the pixels for the usual black-and-white page. */
static int write_image(job *j, cairo_surface_t *img, int num) {
  int iw = cairo_image_surface_get_width(img);
  int ih = cairo_image_surface_get_height(img);
  int stride = cairo_image_surface_get_stride(img);
  const unsigned char *px = cairo_image_surface_get_data(img);
  unsigned char *buf = realloc(j->row, (size_t)iw * 3);
  if (!buf)
    return WOO_ENOMEM;
  j->row = buf;
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit(&z, ZLEVEL) != Z_OK)
    return WOO_ENOMEM;
  int rc = 0;
  bool grey = true;
  j->zbuf.len = 0;
  for (int y = 0; y <= ih && rc == 0; y++) {
    int flush = y == ih ? Z_FINISH : Z_NO_FLUSH;
    size_t rowlen = 0;
    if (y < ih) {
      const uint32_t *row =
          (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
      if (grey) {
        int x = 0;
        for (; x < iw && !(((row[x] >> 8) ^ row[x]) & 0xFFFF); x++)
          buf[x] = (unsigned char)row[x];
        if (x < iw) {
          /* Colour: start again. */
          grey = false;
          j->zbuf.len = 0;
          if (deflateReset(&z) != Z_OK)
            rc = WOO_ENOMEM;
          y = -1;
          continue;
        }
        rowlen = (size_t)iw;
      } else {
        for (int x = 0; x < iw; x++) {
          buf[3 * x] = (unsigned char)(row[x] >> 16);
          buf[3 * x + 1] = (unsigned char)(row[x] >> 8);
          buf[3 * x + 2] = (unsigned char)row[x];
        }
        rowlen = (size_t)iw * 3;
      }
    }
    z.next_in = buf;
    z.avail_in = (uInt)rowlen;
    int zr;
    do {
      if ((rc = woo__buf_grow(&j->zbuf, 65536)) != 0)
        break;
      z.next_out = (unsigned char *)j->zbuf.data + j->zbuf.len;
      z.avail_out = 65536;
      zr = deflate(&z, flush);
      j->zbuf.len += 65536 - z.avail_out;
      if (zr == Z_STREAM_ERROR)
        rc = WOO_ENOMEM;
    } while (rc == 0 && (z.avail_out == 0 ||
                         (flush == Z_FINISH && zr != Z_STREAM_END)));
  }
  deflateEnd(&z);
  char dict[160];
  snprintf(dict, sizeof dict, "/Type /XObject /Subtype /Image /Width %d "
           "/Height %d /ColorSpace /Device%s /BitsPerComponent 8 ", iw, ih,
           grey ? "Gray" : "RGB");
  if (rc == 0)
    rc = w_zstream(j, num, dict);
  return rc;
}

static int write_page(job *j, PopplerPage *page, int pageno, const cover *c,
                      size_t n, int *page_obj) {
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

  j->page_h = h;
  j->content.len = 0;
  j->cur_font = -1;
  j->rc = 0;
  memset(j->page_fonts, 0, j->n_fonts * sizeof *j->page_fonts);
  paint_covers(j, ic, c, n);
  const woo_page *pg = woo_doc_page(j->doc, (size_t)pageno - 1);
  if (!j->o.no_text_layer && pg)
    draw_text_layer(j, pg, pageno);
  cairo_status_t st = cairo_status(ic);
  cairo_destroy(ic);
  cairo_surface_flush(img);
  int rc = j->rc;
  if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
    rc = st == CAIRO_STATUS_NO_MEMORY
             ? WOO_ENOMEM
             : woo__error(WOO_EIO, "%s: rendering page %d: %s", j->path,
                          pageno, cairo_status_to_string(st));

  int pobj = w_new(&j->w), cobj = w_new(&j->w), iobj = w_new(&j->w);
  if (rc == 0 && (pobj < 0 || cobj < 0 || iobj < 0))
    rc = WOO_ENOMEM;
  if (rc == 0)
    rc = write_image(j, img, iobj);
  cairo_surface_destroy(img);
  /* The text layer first, under the image. */
  woo__buf *cb = &j->content;
  if (rc == 0 && cb->len)
    rc = woo__buf_puts(cb, "ET\n");
  if (rc == 0)
    rc = woo__buf_puts(cb, "q ");
  double m[4] = {w, h, 0, 0};
  if (rc == 0)
    rc = put_num(cb, m[0]);
  if (rc == 0)
    rc = woo__buf_puts(cb, "0 0 ");
  if (rc == 0)
    rc = put_num(cb, m[1]);
  if (rc == 0)
    rc = woo__buf_puts(cb, "0 0 cm /I0 Do Q\n");
  if (rc == 0)
    rc = z_all(j, cb->data, cb->len);
  if (rc == 0)
    rc = w_zstream(j, cobj, "");

  woo__buf *o = &j->w.out;
  if (rc == 0)
    rc = w_begin(&j->w, pobj);
  if (rc == 0)
    rc = woo__buf_printf(o, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 ",
                         OBJ_PAGES);
  if (rc == 0)
    rc = put_num(o, w);
  if (rc == 0)
    rc = put_num(o, h);
  if (rc == 0)
    rc = woo__buf_printf(o, "]\n/Resources << /XObject << /I0 %d 0 R >> "
                         "/Font <<", iobj);
  for (size_t i = 0; i < j->n_fonts && rc == 0; i++)
    if (j->page_fonts[i])
      rc = woo__buf_printf(o, " /F%zu %d 0 R", i, j->fonts[i].obj);
  if (rc == 0)
    rc = woo__buf_printf(o, " >> >>\n/Contents %d 0 R >>\nendobj\n", cobj);
  if (rc == 0 && o->len >= FLUSH_AT)
    rc = w_flush(&j->w);
  *page_obj = pobj;
  return rc;
}

/* The Info dictionary: the producing library, and the title when one is
 * asked for (UTF-16 with its byte order mark, as PDF text strings may be). */
static int write_info(job *j) {
  woo__buf *o = &j->w.out;
  int rc = w_begin(&j->w, OBJ_INFO);
  if (rc == 0)
    rc = woo__buf_puts(o, "<< /Creator (libwoo)");
  const char *t = j->o.title;
  if (rc == 0 && t && *t) {
    rc = woo__buf_puts(o, " /Title <FEFF");
    size_t n = strlen(t);
    for (size_t i = 0, k; i < n && rc == 0; i += k) {
      uint32_t cp = woo__utf8_decode((const unsigned char *)t + i, n - i, &k);
      if (cp == WOO__BAD_CP)
        cp = 0xFFFD;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        rc = woo__buf_printf(o, "%04X%04X", 0xD800 + (cp >> 10),
                             0xDC00 + (cp & 0x3FF));
      } else {
        rc = woo__buf_printf(o, "%04X", cp);
      }
    }
    if (rc == 0)
      rc = woo__buf_putc(o, '>');
  }
  if (rc == 0)
    rc = woo__buf_puts(o, " >>\nendobj\n");
  return rc;
}

/* Render every page into a new PDF written to fd. */
static int write_pdf(job *j, PopplerDocument *pd, int fd) {
  int n_pages = poppler_document_get_n_pages(pd);
  j->w.fd = fd;
  winansi_init(j);
  int *kids = woo__calloc(n_pages > 0 ? (size_t)n_pages : 1, sizeof *kids);
  int rc = kids ? 0 : WOO_ENOMEM;
  if (rc == 0)
    rc = woo__buf_puts(&j->w.out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  /* The fixed objects, then font 0. */
  for (int i = 0; i < 3 && rc == 0; i++)
    if (w_new(&j->w) < 0)
      rc = WOO_ENOMEM;
  if (rc == 0)
    rc = add_font(j);

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
    rc = write_page(j, page, i + 1, j->covers + c0, ci - c0, &kids[i]);
    g_object_unref(page);
  }
  for (size_t i = 0; i < j->n_fonts && rc == 0; i++)
    rc = write_font(j, i);

  woo__buf *o = &j->w.out;
  if (rc == 0)
    rc = w_begin(&j->w, OBJ_PAGES);
  if (rc == 0)
    rc = woo__buf_printf(o, "<< /Type /Pages /Count %d /Kids [", n_pages);
  for (int i = 0; i < n_pages && rc == 0; i++)
    rc = woo__buf_printf(o, i % 8 ? " %d 0 R" : "\n%d 0 R", kids[i]);
  if (rc == 0)
    rc = woo__buf_puts(o, " ] >>\nendobj\n");
  if (rc == 0)
    rc = w_begin(&j->w, OBJ_CATALOG);
  if (rc == 0)
    rc = woo__buf_printf(o, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n",
                         OBJ_PAGES);
  if (rc == 0)
    rc = write_info(j);

  size_t xref = w_tell(&j->w);
  if (rc == 0)
    rc = woo__buf_printf(o, "xref\n0 %zu\n0000000000 65535 f \n",
                         j->w.n_offsets);
  for (size_t i = 1; i < j->w.n_offsets && rc == 0; i++)
    rc = woo__buf_printf(o, "%010zu 00000 n \n", j->w.offsets[i]);
  if (rc == 0)
    rc = woo__buf_printf(o, "trailer\n<< /Size %zu /Root %d 0 R /Info %d 0 R "
                         ">>\nstartxref\n%zu\n%%%%EOF\n", j->w.n_offsets,
                         OBJ_CATALOG, OBJ_INFO, xref);
  if (rc == 0)
    rc = w_flush(&j->w);
  if (rc == WOO_EIO && j->w.err)
    rc = woo__error(WOO_EIO, "%s: %s", j->path, strerror(j->w.err));
  if (rc == 0 && fsync(fd) != 0)
    rc = woo__error(WOO_EIO, "%s: %s", j->path, strerror(errno));
  free(kids);
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
  int need = woo__need_pdf(path);
  if (need)
    return need;
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
  woo__buf_free(&j.w.out);
  free(j.w.offsets);
  woo__buf_free(&j.content);
  woo__buf_free(&j.zbuf);
  free(j.fonts);
  free(j.page_fonts);
  free(j.cp_keys);
  free(j.cp_vals);
  free(j.row);
  free(j.covers);
  woo__needles_free(&nd);
  free(runs);
  free(data);
  return rc;
}
