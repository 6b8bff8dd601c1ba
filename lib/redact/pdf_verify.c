/* Reading a redacted PDF back before it is published: the withheld strings
 * must not be extractable as text, must not be in the document properties
 * and must not sit anywhere in the file's bytes, compressed or not.
 *
 * The file is mapped, not read: the checks walk it page by page and
 * stream by stream, so memory stays bounded by the largest stream. */
#include <errno.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>

#include "../doc/lazy_pdf.h"
#include "pdf_verify.h"

/* A decompressed stream larger than this cannot be one the writer made
 * (a page's text layer or a font subset); it is refused, not skipped. */
#define MAX_INFLATED ((size_t)512 << 20)

static int fail(const char *path, const char *where) {
  return woo__error(WOO_EVERIFY,
                    "%s: withheld text is still extractable %s; nothing was "
                    "written — mark every mention",
                    path, where);
}

/* Fold and search; *hit is set when a needle is found.  Bytes that are
 * not UTF-8 are also read as Windows-1252, the way a PDF's own strings
 * often are. */
static int search(const woo__needles *nd, const char *s, size_t n, bool *hit) {
  woo__buf f = WOO__BUF_INIT, alt = WOO__BUF_INIT;
  int rc = woo__fold_text(&f, s, n);
  if (rc == 0)
    *hit = woo__needles_find(nd, f.data ? f.data : "", f.len) >= 0;
  if (rc == 0 && !*hit && woo__utf8_invalid(s, n) != WOO_UNSET) {
    woo__buf_free(&f);
    rc = woo__cp1252_to_utf8(&alt, (const unsigned char *)s, n);
    if (rc == 0)
      rc = woo__fold_text(&f, alt.data ? alt.data : "", alt.len);
    if (rc == 0)
      *hit = woo__needles_find(nd, f.data ? f.data : "", f.len) >= 0;
  }
  woo__buf_free(&alt);
  woo__buf_free(&f);
  return rc;
}

/* ---- text and properties through poppler -------------------------------- */

static int check_meta(const char *path, const woo__needles *nd,
                      PopplerDocument *pd) {
  gchar *v[7] = {poppler_document_get_title(pd),
                 poppler_document_get_author(pd),
                 poppler_document_get_subject(pd),
                 poppler_document_get_keywords(pd),
                 poppler_document_get_creator(pd),
                 poppler_document_get_producer(pd),
                 poppler_document_get_metadata(pd)};
  int rc = 0;
  for (size_t i = 0; i < 7 && rc == 0; i++) {
    bool hit = false;
    if (v[i] && (rc = search(nd, v[i], strlen(v[i]), &hit)) == 0 && hit)
      rc = fail(path, "in the document properties");
  }
  for (size_t i = 0; i < 7; i++)
    g_free(v[i]);
  return rc;
}

/* The last `keep` bytes of a folded page (cut on a code-point start), to
 * catch a string that runs from one page onto the next. */
static void keep_tail(woo__buf *tail, const woo__buf *page, size_t keep) {
  tail->len = 0;
  if (!page->len)
    return;
  size_t from = page->len > keep ? page->len - keep : 0;
  from = woo__utf8_back(page->data, from);
  woo__buf_put(tail, page->data + from, page->len - from);
}

/* Whether two character rectangles stand further apart than a word
 * space, or on different lines. */
static bool apart(const PopplerRectangle *p, const PopplerRectangle *r) {
  double pw = fabs(p->x2 - p->x1), ph = fabs(p->y2 - p->y1);
  double rw = fabs(r->x2 - r->x1), rh = fabs(r->y2 - r->y1);
  double em = fmax(fmax(pw, ph), fmax(rw, rh));
  double dx = fmax(0, fmax(fmin(r->x1, r->x2) - fmax(p->x1, p->x2),
                           fmin(p->x1, p->x2) - fmax(r->x1, r->x2)));
  double dy = fmax(0, fmax(fmin(r->y1, r->y2) - fmax(p->y1, p->y2),
                           fmin(p->y1, p->y2) - fmax(r->y1, r->y2)));
  return dx > 0.3 * em || dy > 0.3 * em;
}

/* The page's text with a space put between characters that stand apart;
 * left empty when poppler's rectangles do not line up with the text. */
static int space_apart(PopplerPage *page, PopplerRectangle *area,
                       const char *text, woo__buf *out) {
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  size_t len = strlen(text), chars = 0;
  if (woo__utf8_invalid(text, len) != WOO_UNSET ||
      !poppler_page_get_text_layout_for_area(page, area, &rects, &n_rects))
    return 0;
  for (size_t i = 0; i < len; i++)
    chars += ((unsigned char)text[i] & 0xC0) != 0x80;
  int rc = 0;
  if (chars == n_rects) {
    const PopplerRectangle *prev = NULL;
    size_t k = 0;
    for (size_t i = 0; i < len && rc == 0;) {
      size_t n;
      uint32_t cp = woo__utf8_decode((const unsigned char *)text + i, len - i,
                                     &n);
      const PopplerRectangle *r = &rects[k++];
      bool space = cp == WOO__BAD_CP || woo__is_space(cp);
      if (!space && prev && apart(prev, r))
        rc = woo__buf_putc(out, ' ');
      if (rc == 0)
        rc = woo__buf_put(out, text + i, n);
      prev = space ? NULL : r;
      i += n;
    }
  }
  g_free(rects);
  return rc;
}

static int check_pages(const char *path, const woo__needles *nd,
                       PopplerDocument *pd, int n_pages) {
  int rc = 0;
  size_t longest = 0;
  for (size_t i = 0; i < nd->n; i++)
    if (strlen(nd->v[i]) > longest)
      longest = strlen(nd->v[i]);
  woo__buf folded = WOO__BUF_INIT, tail = WOO__BUF_INIT, seam = WOO__BUF_INIT;
  woo__buf spaced = WOO__BUF_INIT;
  char where[64];
  if (poppler_document_get_n_pages(pd) != n_pages) {
    rc = woo__error(WOO_EVERIFY, "%s: the output has %d pages instead of %d; "
                    "nothing was written", path,
                    poppler_document_get_n_pages(pd), n_pages);
    goto done;
  }
  if (poppler_document_has_attachments(pd)) {
    rc = woo__error(WOO_EVERIFY, "%s: the output has attachments; nothing "
                    "was written", path);
    goto done;
  }
  for (int i = 0; i < n_pages && rc == 0; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page) {
      rc = woo__error(WOO_EVERIFY, "%s: page %d of the output cannot be "
                      "read back; nothing was written", path, i + 1);
      break;
    }
    GList *annots = poppler_page_get_annot_mapping(page);
    GList *fields = poppler_page_get_form_field_mapping(page);
    if (annots || fields)
      rc = woo__error(WOO_EVERIFY, "%s: page %d of the output has %s; "
                      "nothing was written", path, i + 1,
                      annots ? "annotations" : "form fields");
    poppler_page_free_annot_mapping(annots);
    poppler_page_free_form_field_mapping(fields);
    /* Select beyond the page's corners, as the loader does, so that no
     * block is left out of the reading order. */
    double w, h;
    poppler_page_get_size(page, &w, &h);
    double m = fmax(w, h);
    PopplerRectangle area = {-m, -m, w + m, h + m};
    char *text = rc ? NULL : poppler_page_get_text_for_area(page, &area);
    snprintf(where, sizeof where, "on page %d", i + 1);
    /* The selection text joins words that stand apart on one line (table
     * cells), which would hide a name from a whole-word search; so the
     * text is searched once more with a space wherever characters stand
     * apart, as pdftotext reads it.  The loader does the same for the
     * documents it reads, but the output is read here with poppler
     * directly, and its own selection text runs the cells of the text
     * layer together again. */
    spaced.len = 0;
    if (rc == 0 && text)
      rc = space_apart(page, &area, text, &spaced);
    g_object_unref(page);
    folded.len = 0;
    if (rc == 0)
      rc = woo__fold_text(&folded, text ? text : "", text ? strlen(text) : 0);
    g_free(text);
    if (rc)
      break;
    if (folded.len &&
        woo__needles_find(nd, folded.data, folded.len) >= 0) {
      rc = fail(path, where);
      break;
    }
    if (spaced.len) {
      folded.len = 0;
      if ((rc = woo__fold_text(&folded, spaced.data, spaced.len)) != 0)
        break;
      if (woo__needles_find(nd, folded.data, folded.len) >= 0) {
        rc = fail(path, where);
        break;
      }
    }
    if (tail.len && folded.len) {
      seam.len = 0;
      size_t head = folded.len > longest + 8 ? longest + 8 : folded.len;
      while (head < folded.len && ((unsigned char)folded.data[head] & 0xC0) == 0x80)
        head++;
      if ((rc = woo__buf_put(&seam, tail.data, tail.len)) != 0 ||
          (rc = woo__buf_putc(&seam, ' ')) != 0 ||
          (rc = woo__buf_put(&seam, folded.data, head)) != 0)
        break;
      if (woo__needles_find(nd, seam.data, seam.len) >= 0) {
        rc = fail(path, where);
        break;
      }
    }
    if (folded.len)
      keep_tail(&tail, &folded, longest + 8);
  }
done:
  woo__buf_free(&spaced);
  woo__buf_free(&seam);
  woo__buf_free(&tail);
  woo__buf_free(&folded);
  return rc;
}

/* ---- the bytes ------------------------------------------------------------ */

static const char *find(const char *from, const char *end, const char *what) {
  size_t n = strlen(what);
  return from < end ? memmem(from, (size_t)(end - from), what, n) : NULL;
}

/* Inflate a Flate stream that starts at s (the input may run past the
 * stream's end; inflate stops at the end marker).  *used is the number of
 * compressed bytes consumed.  Returns 0, or WOO_EFORMAT when the data is
 * not a complete zlib stream, WOO_ELIMIT, WOO_ENOMEM. */
static int inflate_stream(const char *s, size_t avail, woo__buf *out,
                          size_t *used) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK)
    return WOO_ENOMEM;
  int rc = 0, zr = Z_OK;
  const unsigned char *in = (const unsigned char *)s;
  size_t left = avail;
  out->len = 0;
  while (zr != Z_STREAM_END && rc == 0) {
    if (z.avail_in == 0) {
      if (!left) {
        rc = WOO_EFORMAT;
        break;
      }
      z.next_in = (unsigned char *)in;
      z.avail_in = left > (1u << 30) ? 1u << 30 : (unsigned)left;
      in += z.avail_in;
      left -= z.avail_in;
    }
    if (out->len + 65536 > MAX_INFLATED) {
      rc = WOO_ELIMIT;
      break;
    }
    if ((rc = woo__buf_grow(out, 65536)) != 0)
      break;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = 65536;
    zr = inflate(&z, Z_NO_FLUSH);
    out->len += 65536 - z.avail_out;
    if (zr != Z_OK && zr != Z_STREAM_END)
      rc = WOO_EFORMAT;
  }
  *used = (size_t)z.total_in;
  inflateEnd(&z);
  return rc;
}

/* Every stream's data: decompressed when it is Flate, as it stands when
 * it is not filtered.  Page images are left out: their bytes are pixels,
 * in which a short string turns up by chance, and the writer made them by
 * rendering, so they hold no text.  Everything outside the streams
 * (dictionaries, the Info dictionary, the cross-reference table) is
 * searched as one piece. */
static int check_bytes(const char *path, const woo__needles *nd,
                       const char *map, size_t size) {
  int rc = 0;
  woo__buf outside = WOO__BUF_INIT, data = WOO__BUF_INIT;
  const char *end = map + size, *at = map, *p = map;
  char where[96];
  bool hit = false;
  while (rc == 0 && (p = find(p, end, "stream"))) {
    const char *kw = p;
    p += 6;
    /* The keyword follows a dictionary's ">>" and ends its line. */
    const char *b = kw;
    while (b > map && strchr(" \t\r\n", b[-1]))
      b--;
    if (b - map < 2 || b[-1] != '>' || b[-2] != '>')
      continue;
    if (p < end && *p == '\r')
      p++;
    if (p >= end || *p != '\n')
      continue;
    const char *start = ++p;
    /* The stream's dictionary: back to its object's "obj". */
    const char *dict = kw - (kw - map > 65536 ? 65536 : kw - map);
    for (const char *q = kw - 3; kw - map >= 3 && q >= dict; q--)
      if (memcmp(q, "obj", 3) == 0) {
        dict = q;
        break;
      }
    size_t dlen = (size_t)(kw - dict);
    bool image = memmem(dict, dlen, "/Image", 6) != NULL;
    bool flate = memmem(dict, dlen, "/FlateDecode", 12) != NULL;
    if ((rc = woo__buf_put(&outside, at, (size_t)(start - at))) != 0)
      break;
    const char *stop;
    if (flate && !image) {
      size_t used = 0;
      rc = inflate_stream(start, (size_t)(end - start), &data, &used);
      snprintf(where, sizeof where, "in the stream at byte %zu",
               (size_t)(start - map));
      if (rc == WOO_EFORMAT || rc == WOO_ELIMIT) {
        rc = woo__error(WOO_EVERIFY, "%s: the stream at byte %zu cannot be "
                        "decompressed to be checked; nothing was written",
                        path, (size_t)(start - map));
        break;
      }
      if (rc == 0 && (rc = search(nd, data.data ? data.data : "", data.len,
                                  &hit)) == 0 && hit)
        rc = fail(path, where);
      stop = start + used;
    } else if (!image) {
      const char *e = find(start, end, "endstream");
      stop = e ? e : end;
      snprintf(where, sizeof where, "in the stream at byte %zu",
               (size_t)(start - map));
      if ((rc = search(nd, start, (size_t)(stop - start), &hit)) == 0 && hit)
        rc = fail(path, where);
    } else {
      stop = start;
    }
    const char *e = find(stop, end, "endstream");
    at = p = e ? e : end;
    if (rc == 0)
      rc = woo__buf_putc(&outside, '\n');
  }
  if (rc == 0)
    rc = woo__buf_put(&outside, at, (size_t)(end - at));
  if (rc == 0 && (rc = search(nd, outside.data ? outside.data : "",
                              outside.len, &hit)) == 0 && hit)
    rc = fail(path, "in the file's objects");
  woo__buf_free(&data);
  woo__buf_free(&outside);
  return rc;
}

int woo__pdf_verify(const char *path, int fd, const woo__needles *nd,
                    int n_pages, bool forced) {
  int need = woo__need_pdf(path);
  if (need)
    return need;
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size <= 0)
    return woo__error(WOO_EIO, "%s: cannot read the output back: %s", path,
                      st.st_size <= 0 ? "empty" : strerror(errno));
  size_t size = (size_t)st.st_size;
  void *map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    return woo__error(WOO_EIO, "%s: cannot read the output back: %s", path,
                      strerror(errno));
  int rc = 0;
  GError *err = NULL;
  GBytes *bytes = g_bytes_new_static(map, size);
  PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &err);
  if (!pd) {
    rc = woo__error(WOO_EVERIFY, "%s: the output cannot be read back (%s); "
                    "nothing was written", path,
                    err && err->message ? err->message : "damaged");
    goto done;
  }
  if ((rc = check_pages(path, nd, pd, n_pages)) == 0 &&
      (rc = check_meta(path, nd, pd)) == 0)
    rc = check_bytes(path, nd, map, size);
  if (rc == 0 && forced)
    rc = woo__error(WOO_EVERIFY, "%s: withheld text is still extractable on "
                    "page 1 (failure forced for testing); nothing was "
                    "written", path);
done:
  if (err)
    g_error_free(err);
  if (pd)
    g_object_unref(pd);
  g_bytes_unref(bytes);
  munmap(map, size);
  return rc;
}
