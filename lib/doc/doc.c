/* The document model: loading dispatch, builders and accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"
#include "lazy.h"
#include "lazy_pdf.h"
#include "woo_config.h"

#define DEFAULT_MAX_BYTES ((size_t)2 << 30)
#define DEFAULT_MAX_PAGES ((size_t)100000)
#define DEFAULT_MAX_EXPANDED ((size_t)1 << 30)
/* Attachments inside attachments: deep enough for forwarded mail, shallow
 * enough that a crafted nest cannot exhaust the stack. */
#define MAX_DEPTH 4

void woo__doc_limits(const woo_doc_options *opts, woo__limits *lim) {
  lim->max_bytes = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
  lim->max_pages = opts && opts->max_pages ? opts->max_pages : DEFAULT_MAX_PAGES;
  lim->max_expanded =
      opts && opts->max_expanded ? opts->max_expanded : DEFAULT_MAX_EXPANDED;
}

const char *woo_format_name(woo_format f) {
  switch (f) {
  case WOO_FORMAT_TEXT: return "text";
  case WOO_FORMAT_PDF: return "pdf";
  case WOO_FORMAT_DOCX: return "docx";
  case WOO_FORMAT_ODT: return "odt";
  case WOO_FORMAT_HTML: return "html";
  case WOO_FORMAT_XML: return "xml";
  case WOO_FORMAT_EML: return "eml";
  default: return "unknown";
  }
}

const char *woo_part_kind_name(woo_part_kind k) {
  static const char *names[] = {"body",     "header",    "footer",
                                "footnote", "comment",   "insertion",
                                "deletion", "metadata",  "annotation",
                                "table",    "hidden",    "attachment"};
  return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

woo_doc *woo__doc_new(const char *path) {
  /* The path right after the document, in the same block. */
  if (!path)
    path = "";
  size_t pl = strlen(path);
  woo_doc *d = woo__malloc(sizeof *d + pl + 1);
  if (!d)
    return NULL;
  /* the document zeroed (the path is written over right after) */
  memset(d, 0, sizeof *d);
  d->path = memcpy((char *)(d + 1), path, pl + 1);
  atomic_init(&d->owners, 1);
  d->encoding = "utf-8";
  d->revisions = 1;
  return d;
}

woo_doc *woo__doc_hold(const woo_doc *d) {
  /* only the count changes, and documents are never made const */
  woo_doc *w = (woo_doc *)d;
  atomic_fetch_add_explicit(&w->owners, 1, memory_order_relaxed);
  return w;
}

void woo_doc_free(woo_doc *d) {
  if (!d ||
      atomic_fetch_sub_explicit(&d->owners, 1, memory_order_acq_rel) != 1)
    return;
  woo__buf_free(&d->text);
  for (size_t i = 0; i < d->n_warnings; i++)
    free(d->warnings[i]);
  free(d->warnings);
  free(d->pages);
  for (size_t i = 0; i < d->n_parts; i++)
    free((char *)d->parts[i].name);
  free(d->parts);
  for (size_t i = 0; i < d->n_meta; i++) {
    free((char *)d->meta[i].key);
    free((char *)d->meta[i].value);
  }
  free(d->meta);
  for (size_t i = 0; i < d->n_annots; i++) {
    free((char *)d->annots[i].type);
    free((char *)d->annots[i].contents);
    free((char *)d->annots[i].author);
  }
  free(d->annots);
  for (size_t i = 0; i < d->n_attachments; i++) {
    free((char *)d->attachments[i].name);
    free((char *)d->attachments[i].mime_type);
    woo_doc_free(d->children[i]);
  }
  free(d->attachments);
  free(d->children);
  free(d->boxes);
  woo__linemap_free(&d->lines);
  free(d->srcmap);
  for (size_t i = 0; i < d->n_srcmap_members; i++)
    free(d->srcmap_members[i]);
  free(d->srcmap_members);
  free(d);
}

/* Grow an array of n elements by one; returns the new (zeroed) slot or
 * NULL.  The capacity is implicit: 4, then every power of two. */
static void *push(void *arrp, size_t *n, size_t size) {
  void **arr = arrp;
  if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
    void *p = woo__reallocarray(*arr, *n ? *n * 2 : 4, size);
    if (!p)
      return NULL;
    *arr = p;
  }
  char *slot = (char *)*arr + *n * size;
  memset(slot, 0, size);
  (*n)++;
  return slot;
}

int woo__doc_warn(woo_doc *d, const char *fmt, ...) {
  woo__buf b = WOO__BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  int rc = n < 0 ? WOO_EINVAL : woo__buf_grow(&b, (size_t)n);
  if (rc == 0) {
    vsnprintf(b.data, (size_t)n + 1, fmt, ap2);
    b.len = (size_t)n;
  }
  va_end(ap2);
  if (rc)
    return rc;
  char **slot = push(&d->warnings, &d->n_warnings, sizeof *d->warnings);
  if (!slot) {
    woo__buf_free(&b);
    return WOO_ENOMEM;
  }
  *slot = woo__buf_detach(&b, NULL);
  return 0;
}

int woo__doc_add_part(woo_doc *d, woo_part_kind kind, const char *name,
                      size_t start, size_t end) {
  if (d->n_parts) {
    woo_part *last = &d->parts[d->n_parts - 1];
    if (last->kind == kind && last->end == start &&
        strcmp(last->name, name ? name : "") == 0) {
      last->end = end;
      return 0;
    }
  }
  char *nm = woo__strdup(name ? name : "");
  if (!nm)
    return WOO_ENOMEM;
  woo_part *p = push(&d->parts, &d->n_parts, sizeof *d->parts);
  if (!p) {
    free(nm);
    return WOO_ENOMEM;
  }
  p->kind = kind;
  p->name = nm;
  p->start = start;
  p->end = end;
  return 0;
}

int woo__doc_append(woo_doc *d, woo_part_kind kind, const char *name,
                    const char *s, size_t len) {
  size_t start = d->text.len;
  int rc = woo__buf_put(&d->text, s, len);
  if (rc == 0 && kind != WOO_PART_BODY && len)
    rc = woo__doc_add_part(d, kind, name, start, d->text.len);
  return rc;
}

int woo__doc_add_page(woo_doc *d, const woo_page *page) {
  woo_page *p = push(&d->pages, &d->n_pages, sizeof *d->pages);
  if (!p)
    return WOO_ENOMEM;
  *p = *page;
  return 0;
}

int woo__doc_add_meta(woo_doc *d, const char *key, const char *value) {
  if (d->skip_meta)
    return 0;
  char *k = woo__strdup(key), *v = woo__strdup(value ? value : "");
  woo_meta *m = k && v ? push(&d->meta, &d->n_meta, sizeof *d->meta) : NULL;
  if (!m) {
    free(k);
    free(v);
    return WOO_ENOMEM;
  }
  m->key = k;
  m->value = v;
  return 0;
}

int woo__doc_add_annot(woo_doc *d, const woo_annot *a) {
  char *t = woo__strdup(a->type ? a->type : "");
  char *c = woo__strdup(a->contents ? a->contents : "");
  char *au = woo__strdup(a->author ? a->author : "");
  woo_annot *slot =
      t && c && au ? push(&d->annots, &d->n_annots, sizeof *d->annots) : NULL;
  if (!slot) {
    free(t);
    free(c);
    free(au);
    return WOO_ENOMEM;
  }
  *slot = *a;
  slot->type = t;
  slot->contents = c;
  slot->author = au;
  return 0;
}

int woo__doc_add_attachment(woo_doc *d, const char *name,
                            const char *mime_type, size_t size,
                            woo_doc *child) {
  char *n = woo__strdup(name ? name : "");
  char *m = woo__strdup(mime_type ? mime_type : "");
  woo_doc **kids = NULL;
  if (n && m)
    kids = woo__reallocarray(d->children, d->n_attachments + 1, sizeof *kids);
  if (kids)
    d->children = kids;
  size_t before = d->n_attachments;
  woo_attachment *a =
      kids ? push(&d->attachments, &d->n_attachments, sizeof *d->attachments)
           : NULL;
  if (!a) {
    d->n_attachments = before;
    free(n);
    free(m);
    woo_doc_free(child);
    return WOO_ENOMEM;
  }
  a->name = n;
  a->mime_type = m;
  a->size = size;
  d->children[before] = child;
  return 0;
}

int woo__doc_reserve_boxes(woo_doc *d, size_t more) {
  if (more <= d->cap_boxes - d->n_boxes)
    return 0;
  /* Doubling keeps the copies linear in the number of boxes: a PDF has
   * one per character, hundreds of thousands in a long document. */
  size_t cap = d->cap_boxes ? d->cap_boxes : 256;
  while (cap - d->n_boxes < more) {
    if (cap > SIZE_MAX / 2 / sizeof *d->boxes)
      return woo__error(WOO_ENOMEM, "%s: too many character boxes", d->path);
    cap *= 2;
  }
  woo__charbox *p = woo__reallocarray(d->boxes, cap, sizeof *d->boxes);
  if (!p)
    return WOO_ENOMEM;
  d->boxes = p;
  d->cap_boxes = cap;
  return 0;
}

int woo__doc_add_box(woo_doc *d, size_t offset, int page, const woo_box *box) {
  if (offset > UINT32_MAX)
    return woo__error(WOO_ELIMIT, "%s: text over 4 GiB", d->path);
  if (d->n_boxes == d->cap_boxes) {
    int rc = woo__doc_reserve_boxes(d, 1);
    if (rc)
      return rc;
  }
  woo__charbox *c = &d->boxes[d->n_boxes];
  if (d->n_boxes && offset < c[-1].offset)
    d->boxes_unsorted = true;
  d->n_boxes++;
  c->offset = (uint32_t)offset;
  c->page = page;
  c->x0 = (float)box->x0;
  c->y0 = (float)box->y0;
  c->x1 = (float)box->x1;
  c->y1 = (float)box->y1;
  return 0;
}

static woo_box box_of(const woo__charbox *c) {
  return (woo_box){c->x0, c->y0, c->x1, c->y1};
}

static int cmp_box(const void *a, const void *b) {
  const woo__charbox *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

int woo__doc_finish(woo_doc *d) {
  if (!d->text.data && woo__buf_grow(&d->text, 0))
    return WOO_ENOMEM;
  if (d->boxes_unsorted) {
    qsort(d->boxes, d->n_boxes, sizeof *d->boxes, cmp_box);
    d->boxes_unsorted = false;
  }
  return woo__linemap_build(&d->lines, d->text.data, d->text.len);
}

/* ---- loading ----------------------------------------------------------- */

/* The libraries that a loader needs and the shared library opens on first
 * use (lazy.h). */
static int need_libs(const woo_doc *d, woo_format f) {
  int rc = 0;
  switch (f) {
#if WOO_WITH_PDF
  case WOO_FORMAT_PDF: rc = woo__need_pdf(d->path); break;
#endif
#if WOO_WITH_DOCX
  case WOO_FORMAT_DOCX:
  case WOO_FORMAT_ODT:
    if ((rc = woo__need_zip(d->path)) == 0)
      rc = woo__need_xml(d->path);
    break;
#endif
#if WOO_WITH_HTML
  case WOO_FORMAT_HTML:
  case WOO_FORMAT_XML: rc = woo__need_xml(d->path); break;
#endif
#if WOO_WITH_EML
  case WOO_FORMAT_EML: rc = woo__need_gmime(d->path); break;
#endif
  default: break;
  }
  return rc;
}

static int load_format(woo_doc *d, woo_format f, const char *data, size_t len,
                       const woo_doc_options *opts, const woo__limits *lim,
                       char **own) {
  (void)opts;
  (void)lim;
  int rc = need_libs(d, f);
  if (rc)
    return rc;
  switch (f) {
  case WOO_FORMAT_TEXT:
    return woo__load_text(d, data, len, own);
#if WOO_WITH_PDF
  case WOO_FORMAT_PDF:
    return woo__load_pdf(d, data, len, opts, lim);
#endif
#if WOO_WITH_DOCX
  case WOO_FORMAT_DOCX:
    return woo__load_docx(d, data, len, opts, lim);
  case WOO_FORMAT_ODT:
    return woo__load_odt(d, data, len, opts, lim);
#endif
#if WOO_WITH_HTML
  case WOO_FORMAT_HTML:
    return woo__load_html(d, data, len, opts, lim);
  case WOO_FORMAT_XML:
    return woo__load_xml(d, data, len, opts, lim);
#endif
#if WOO_WITH_EML
  case WOO_FORMAT_EML:
    return woo__load_eml(d, data, len, opts, lim);
#endif
  default:
    return woo__error(WOO_EUNSUPPORTED, "%s: %s input is not supported by this build",
                      d->path, woo_format_name(f));
  }
}

/* woo__doc_load, where `own` (may be NULL) is a heap buffer holding
 * `data` that the loader may take over instead of copying it. */
static int doc_load(woo_doc **out, const char *data, size_t len,
                    const char *name, const woo_doc_options *opts, int depth,
                    char **own) {
  *out = NULL;
  if (!data && len)
    return woo__error(WOO_EINVAL, "no data");
  if (opts && (opts->version < 1 || opts->version > WOO_DOC_OPTIONS_VERSION))
    return woo__error(WOO_EINVAL, "unknown woo_doc_options version %u",
                      opts->version);
  /* An older caller's struct ends before the later fields: only its own
   * fields are read, the rest take their defaults, and what is passed on
   * (to the loaders, to attachments loaded as children) is a whole
   * struct of this version. */
  woo_doc_options full = WOO_DOC_OPTIONS_INIT;
  if (opts) {
    size_t n = opts->version == 1   ? offsetof(woo_doc_options, skip_boxes)
               : opts->version == 2 ? offsetof(woo_doc_options, skip_metadata)
                                    : sizeof full;
    memcpy(&full, opts, n);
    full.version = WOO_DOC_OPTIONS_VERSION;
    opts = &full;
  }
  if (depth > MAX_DEPTH)
    return woo__error(WOO_ELIMIT, "%s: attachments nested too deeply",
                      name ? name : "");
  woo__limits lim;
  woo__doc_limits(opts, &lim);
  if (len > lim.max_bytes)
    return woo__error(WOO_ELIMIT, "%s: %zu bytes, over the limit of %zu",
                      name ? name : "", len, lim.max_bytes);
  woo_doc *d = woo__doc_new(name);
  if (!d)
    return WOO_ENOMEM;
  d->input_size = len;
  d->skip_meta = opts && opts->version >= 3 && opts->skip_metadata;
  if (!(opts && opts->skip_sha256))
    woo__sha256_hex(data ? data : "", len, d->sha256);
  woo_format f = opts && opts->force_format ? opts->force_format
                                            : woo_format_sniff(data, len, name);
  d->format = f;
  int rc = load_format(d, f, data ? data : "", len, opts, &lim, own);
  if (rc == 0)
    rc = woo__doc_finish(d);
  if (rc) {
    woo_doc_free(d);
    return rc;
  }
  *out = d;
  return 0;
}

int woo__doc_load(woo_doc **out, const char *data, size_t len,
                  const char *name, const woo_doc_options *opts, int depth) {
  return doc_load(out, data, len, name, opts, depth, NULL);
}

int woo_doc_from_memory(woo_doc **out, const void *data, size_t len,
                        const char *name, const woo_doc_options *opts) {
  if (!out)
    return woo__error(WOO_EINVAL, "out is NULL");
  return woo__doc_load(out, data, len, name, opts, 0);
}

int woo_doc_open(woo_doc **out, const char *path, const woo_doc_options *opts) {
  if (!out || !path)
    return woo__error(WOO_EINVAL, "out or path is NULL");
  *out = NULL;
  woo__limits lim;
  woo__doc_limits(opts, &lim);
  char *data;
  size_t len;
  int rc = woo__file_read(path, lim.max_bytes, &data, &len);
  if (rc)
    return rc;
  /* A text file's bytes become its text without a copy. */
  rc = doc_load(out, data, len, path, opts, 0, &data);
  free(data);
  return rc;
}

/* ---- accessors ----------------------------------------------------------- */

const char *woo_doc_text(const woo_doc *d, size_t *len) {
  if (len)
    *len = d ? d->text.len : 0;
  return d && d->text.data ? d->text.data : "";
}

woo_format woo_doc_format(const woo_doc *d) {
  return d ? d->format : WOO_FORMAT_UNKNOWN;
}
const char *woo_doc_path(const woo_doc *d) { return d ? d->path : ""; }
size_t woo_doc_input_size(const woo_doc *d) { return d ? d->input_size : 0; }
const char *woo_doc_sha256(const woo_doc *d) { return d ? d->sha256 : ""; }
const char *woo_doc_encoding(const woo_doc *d) {
  return d ? d->encoding : "";
}

size_t woo_doc_warning_count(const woo_doc *d) {
  return d ? d->n_warnings : 0;
}
const char *woo_doc_warning(const woo_doc *d, size_t i) {
  return d && i < d->n_warnings ? d->warnings[i] : NULL;
}

size_t woo_doc_page_count(const woo_doc *d) {
  if (!d)
    return 0;
  return d->n_pages ? d->n_pages : 1;
}
const woo_page *woo_doc_page(const woo_doc *d, size_t i) {
  return d && i < d->n_pages ? &d->pages[i] : NULL;
}
int woo_doc_revision_count(const woo_doc *d) { return d ? d->revisions : 0; }

size_t woo_doc_part_count(const woo_doc *d) { return d ? d->n_parts : 0; }
const woo_part *woo_doc_part(const woo_doc *d, size_t i) {
  return d && i < d->n_parts ? &d->parts[i] : NULL;
}
woo_part_kind woo_doc_part_at(const woo_doc *d, size_t off) {
  if (!d)
    return WOO_PART_BODY;
  for (size_t i = 0; i < d->n_parts; i++)
    if (d->parts[i].start <= off && off < d->parts[i].end)
      return d->parts[i].kind;
  return WOO_PART_BODY;
}

size_t woo_doc_meta_count(const woo_doc *d) { return d ? d->n_meta : 0; }
const woo_meta *woo_doc_meta(const woo_doc *d, size_t i) {
  return d && i < d->n_meta ? &d->meta[i] : NULL;
}
const char *woo_doc_meta_get(const woo_doc *d, const char *key) {
  for (size_t i = 0; d && key && i < d->n_meta; i++)
    if (strcmp(d->meta[i].key, key) == 0)
      return d->meta[i].value;
  return NULL;
}

size_t woo_doc_annot_count(const woo_doc *d) { return d ? d->n_annots : 0; }
const woo_annot *woo_doc_annot(const woo_doc *d, size_t i) {
  return d && i < d->n_annots ? &d->annots[i] : NULL;
}

size_t woo_doc_attachment_count(const woo_doc *d) {
  return d ? d->n_attachments : 0;
}
const woo_attachment *woo_doc_attachment(const woo_doc *d, size_t i) {
  return d && i < d->n_attachments ? &d->attachments[i] : NULL;
}
const woo_doc *woo_doc_child(const woo_doc *d, size_t i) {
  return d && i < d->n_attachments ? d->children[i] : NULL;
}

int woo_doc_has_boxes(const woo_doc *d) { return d && d->n_boxes > 0; }

static const woo__charbox *find_box(const woo_doc *d, size_t off) {
  size_t lo = 0, hi = d->n_boxes;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->boxes[mid].offset < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < d->n_boxes ? &d->boxes[lo] : NULL;
}

int woo_doc_char_box(const woo_doc *d, size_t off, woo_box *box, int *page) {
  if (!d)
    return woo__error(WOO_EINVAL, "doc is NULL");
  const woo__charbox *c = find_box(d, off);
  if (!c || c->offset != off)
    return WOO_ENOTFOUND; /* expected for separators: no message needed */
  if (box)
    *box = box_of(c);
  if (page)
    *page = c->page;
  return 0;
}

int woo_doc_span_boxes(const woo_doc *d, size_t start, size_t end,
                       woo_box **out, int **pages, size_t *n) {
  if (!d || !out || !pages || !n || end < start)
    return woo__error(WOO_EINVAL, "invalid arguments to woo_doc_span_boxes");
  *out = NULL;
  *pages = NULL;
  *n = 0;
  const woo__charbox *c = find_box(d, start);
  if (!c)
    return 0;
  size_t cap = 0;
  for (; c < d->boxes + d->n_boxes && c->offset < end; c++) {
    /* Extend the current box while the next character sits on the same
     * line (overlapping vertically, close horizontally). */
    woo_box cb = box_of(c);
    if (*n) {
      woo_box *b = &(*out)[*n - 1];
      double h = b->y1 - b->y0;
      double mid = (cb.y0 + cb.y1) / 2;
      if ((*pages)[*n - 1] == c->page && mid > b->y0 && mid < b->y1 &&
          cb.x0 >= b->x0 - 1 && cb.x0 - b->x1 < 2 * h) {
        if (cb.x1 > b->x1) b->x1 = cb.x1;
        if (cb.y0 < b->y0) b->y0 = cb.y0;
        if (cb.y1 > b->y1) b->y1 = cb.y1;
        continue;
      }
    }
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      woo_box *nb = woo__reallocarray(*out, cap, sizeof *nb);
      if (nb)
        *out = nb;
      int *np = nb ? woo__reallocarray(*pages, cap, sizeof *np) : NULL;
      if (!np) {
        free(*out);
        free(*pages);
        *out = NULL;
        *pages = NULL;
        *n = 0;
        return WOO_ENOMEM;
      }
      *pages = np;
    }
    (*out)[*n] = cb;
    (*pages)[*n] = c->page;
    (*n)++;
  }
  return 0;
}

int woo_doc_line_col(const woo_doc *d, size_t off, size_t *line, size_t *col) {
  if (!d || !line || !col)
    return woo__error(WOO_EINVAL, "invalid arguments to woo_doc_line_col");
  woo__linemap_find(&d->lines, d->text.data, d->text.len, off, line, col);
  return 0;
}
