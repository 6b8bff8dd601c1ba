/* The document model's insides, shared by the loaders.  Never installed. */
#ifndef WOO_DOC_INTERNAL_H
#define WOO_DOC_INTERNAL_H

#include <stdatomic.h>

#include "../core/internal.h"
#include "woo/doc.h"

/* Where a stretch of the text came from in the source markup: bytes
 * [node_off, node_off + len) of the content of text node number `node`
 * (document order, as numbered by woo__xml_parse) in the package member
 * srcmap_members[member] ("" for a single-file format).  Writers that
 * rewrite the source itself (redaction of DOCX, ODT, HTML) find the
 * nodes to change through it; stretches not listed (separators the
 * loader adds, collapsed white space) have no source of their own. */
typedef struct woo__srcmap {
  size_t start; /* byte offset in the text */
  size_t len;
  size_t node_off;
  size_t node;
  size_t member;
} woo__srcmap;

/* A character box: the byte it belongs to and where it was drawn.  Kept
 * small (24 bytes) because a PDF has one per character: single-precision
 * points are exact to far below a pixel, and texts stay under 4 GiB
 * (woo_doc_options caps inputs at 2 GiB by default). */
typedef struct woo__charbox {
  uint32_t offset; /* byte offset of the character in the text */
  int32_t page;    /* 1-based */
  float x0, y0, x1, y1;
} woo__charbox;

struct woo_doc {
  /* Owners: the caller, and what holds the document past the caller's
   * woo_doc_free (woo__doc_hold); freed when the last lets go. */
  atomic_uint owners;
  woo_format format;
  char *path; /* in the document's own block (woo__doc_new) */
  size_t input_size;
  char sha256[65];
  const char *encoding; /* static string */

  woo__buf text; /* the UTF-8 text; offsets point into it */

  char **warnings;
  size_t n_warnings;

  woo_page *pages;
  size_t n_pages;
  int revisions;

  woo_part *parts; /* names owned (strdup'd) */
  size_t n_parts;

  woo_meta *meta; /* keys and values owned */
  size_t n_meta;
  bool skip_meta; /* the caller asked for no metadata: adding one is a no-op */

  woo_annot *annots; /* strings owned */
  size_t n_annots;

  woo_attachment *attachments; /* strings owned */
  woo_doc **children;          /* parallel to attachments; may be NULL */
  size_t n_attachments;

  woo__charbox *boxes; /* sorted by offset once loading is done */
  size_t n_boxes, cap_boxes;
  bool boxes_unsorted; /* a box was added before one at a lower offset */

  woo__linemap lines; /* built lazily is not thread-safe: built at load */

  /* The scanner's hash of the text for its batch table of learned
   * documents, kept from the learning pass for the marking pass; 0 until
   * one is made.  Only places the document in the table, where its whole
   * text is compared. */
  _Atomic uint64_t text_hash;

  woo__srcmap *srcmap; /* in text order */
  size_t n_srcmap, cap_srcmap;
  char **srcmap_members;
  size_t n_srcmap_members;
};

/* Limits after applying defaults. */
typedef struct woo__limits {
  size_t max_bytes;
  size_t max_pages;
  size_t max_expanded;
} woo__limits;

void woo__doc_limits(const woo_doc_options *opts, woo__limits *lim);

/* Another owner for d: it lives on, unchanged, until each owner has
 * called woo_doc_free.  Returns d. */
woo_doc *woo__doc_hold(const woo_doc *d);

/* Builders used by the loaders.  Each returns 0 or a WOO_E* code. */
woo_doc *woo__doc_new(const char *path);
int woo__doc_warn(woo_doc *doc, const char *fmt, ...) WOO__PRINTF(2, 3);
/* Append text belonging to a part of the given kind (BODY appends
 * without recording a part).  Adjacent appends of the same kind and name
 * extend one part. */
int woo__doc_append(woo_doc *doc, woo_part_kind kind, const char *name,
                    const char *s, size_t len);
int woo__doc_add_part(woo_doc *doc, woo_part_kind kind, const char *name,
                      size_t start, size_t end);
int woo__doc_add_page(woo_doc *doc, const woo_page *page);
int woo__doc_add_meta(woo_doc *doc, const char *key, const char *value);
int woo__doc_add_annot(woo_doc *doc, const woo_annot *a);
/* Takes ownership of child (may be NULL). */
int woo__doc_add_attachment(woo_doc *doc, const char *name,
                            const char *mime_type, size_t size,
                            woo_doc *child);
int woo__doc_add_box(woo_doc *doc, size_t offset, int page,
                     const woo_box *box);
/* Make room for `more` boxes beyond those added, so that a loader that
 * knows how many a page can have grows the array once for the page. */
int woo__doc_reserve_boxes(woo_doc *doc, size_t more);
/* Called once when loading is done: sorts boxes, builds the line map. */
int woo__doc_finish(woo_doc *doc);

/* The part a stretch of a word-processing document belongs to, from the
 * state of the walk over its XML (DOCX and ODT alike): tracked changes and
 * hidden text first, then the member's own kind, then tables. */
static inline woo_part_kind woo__walk_part_kind(bool del, bool ins,
                                                bool hidden,
                                                woo_part_kind base,
                                                bool table) {
  if (del)
    return WOO_PART_DELETION;
  if (ins)
    return WOO_PART_INSERTION;
  if (hidden)
    return WOO_PART_HIDDEN;
  if (base != WOO_PART_BODY)
    return base;
  return table ? WOO_PART_TABLE : WOO_PART_BODY;
}

/* Loaders: fill `doc` from `data`.  `name` is for messages.  The text
 * loader may take over `*own` (a heap buffer of at least len + 1 bytes
 * holding `data` with a NUL after it; *own is set to NULL then) instead of
 * copying it; `own` may be NULL. */
int woo__load_text(woo_doc *doc, const char *data, size_t len, char **own);
int woo__load_pdf(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim);
int woo__load_docx(woo_doc *doc, const char *data, size_t len,
                   const woo_doc_options *opts, const woo__limits *lim);
int woo__load_odt(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim);
int woo__load_html(woo_doc *doc, const char *data, size_t len,
                   const woo_doc_options *opts, const woo__limits *lim);
int woo__load_xml(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim);
int woo__load_eml(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim);
int woo__html_to_text(woo_doc *doc, const char *s, size_t n, woo_part_kind k);

/* Load from memory into a new document (shared by woo_doc_open,
 * woo_doc_from_memory and loaders of containers with attachments). */
int woo__doc_load(woo_doc **out, const char *data, size_t len,
                  const char *name, const woo_doc_options *opts,
                  int depth);

#endif
