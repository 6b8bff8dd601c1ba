/*
 * libwoo — the document model.
 *
 * A woo_doc is one input document read into UTF-8 text.  Every offset in
 * libwoo (marks, codes, findings) is a byte offset into that text.  For a
 * UTF-8 text file the text is the file itself, byte for byte (BOM and CRLF
 * kept).  Paged input (PDF) also carries pages and a box for every
 * character; structured input remembers which part of the document each
 * range of text came from (body, header, comment, tracked change, …).
 *
 * A woo_doc is immutable once loaded and may be read from several threads.
 */
#ifndef WOO_DOC_H
#define WOO_DOC_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Input formats, sniffed from content. */
typedef enum woo_format {
  WOO_FORMAT_UNKNOWN = 0,
  WOO_FORMAT_TEXT = 1,
  WOO_FORMAT_PDF = 2,
  WOO_FORMAT_DOCX = 3,
  WOO_FORMAT_ODT = 4,
  WOO_FORMAT_HTML = 5,
  WOO_FORMAT_XML = 6,
  WOO_FORMAT_EML = 7
} woo_format;

/** "text", "pdf", "docx", "odt", "html", "xml", "eml", "unknown"; static. */
WOO_EXTERN const char *woo_format_name(woo_format format);

/** Sniff the format of `len` bytes of content; `name` (may be NULL) is a
 *  file name used only to break ties. */
WOO_EXTERN woo_format woo_format_sniff(const void *data, size_t len,
                                       const char *name);

/** Where a range of the text came from. */
typedef enum woo_part_kind {
  WOO_PART_BODY = 0,       /**< the main text */
  WOO_PART_HEADER = 1,     /**< page header or e-mail header block */
  WOO_PART_FOOTER = 2,     /**< page footer */
  WOO_PART_FOOTNOTE = 3,   /**< footnotes and endnotes */
  WOO_PART_COMMENT = 4,    /**< reviewer comments */
  WOO_PART_INSERTION = 5,  /**< tracked insertion (still pending) */
  WOO_PART_DELETION = 6,   /**< tracked deletion (text still in the file) */
  WOO_PART_METADATA = 7,   /**< document properties shown as text */
  WOO_PART_ANNOTATION = 8, /**< PDF annotation contents */
  WOO_PART_TABLE = 9,      /**< table cells */
  WOO_PART_HIDDEN = 10,    /**< text marked hidden */
  WOO_PART_ATTACHMENT = 11 /**< text of an attachment (e-mail) */
} woo_part_kind;

/** "body", "header", "footer", …; static. */
WOO_EXTERN const char *woo_part_kind_name(woo_part_kind kind);

/** A range of the text and where it came from. */
typedef struct woo_part {
  woo_part_kind kind;
  size_t start;     /**< byte offset into the text */
  size_t end;       /**< exclusive */
  const char *name; /**< e.g. "word/comments.xml", "From"; may be "" */
} woo_part;

/** A rectangle in PDF points, origin at the page's top-left corner. */
typedef struct woo_box {
  double x0, y0, x1, y1;
} woo_box;

/** One page of paged input. */
typedef struct woo_page {
  size_t start;  /**< first byte of the page's text */
  size_t end;    /**< exclusive; text between pages is a form feed */
  double width;  /**< points, after rotation */
  double height; /**< points, after rotation */
  int rotation;  /**< 0, 90, 180, 270 */
  int has_text;  /**< 0 for a page without a text layer (scanned) */
} woo_page;

/** A metadata field (PDF Info/XMP, DOCX/ODT properties, e-mail headers). */
typedef struct woo_meta {
  const char *key;   /**< "author", "creator", "title", "from", … */
  const char *value; /**< UTF-8 */
} woo_meta;

/** A PDF annotation. */
typedef struct woo_annot {
  int page;          /**< 1-based */
  const char *type;  /**< "Text", "Highlight", "Redact", "Square", … */
  const char *contents; /**< UTF-8, may be "" */
  const char *author;   /**< may be "" */
  woo_box rect;
  double color[3];   /**< RGB 0..1; -1 when the annotation has none */
} woo_annot;

/** An embedded file or e-mail attachment. */
typedef struct woo_attachment {
  const char *name;      /**< file name, may be "" */
  const char *mime_type; /**< may be "" */
  size_t size;           /**< bytes */
} woo_attachment;

/** Options for loading. */
typedef struct woo_doc_options {
  unsigned int version;   /**< WOO_DOC_OPTIONS_VERSION */
  const char *password;   /**< for encrypted PDF; NULL for none */
  size_t max_bytes;       /**< refuse inputs larger than this; 0 = 2 GiB */
  size_t max_pages;       /**< refuse PDFs with more pages; 0 = 100000 */
  size_t max_expanded;    /**< cap on decompressed container size; 0 = 1 GiB */
  int load_attachments;   /**< load supported attachments as children */
  woo_format force_format;/**< WOO_FORMAT_UNKNOWN = sniff */
  int skip_sha256;        /**< nonzero: do not hash the input;
                               woo_doc_sha256() is then "" (for callers
                               that never read the hash) */
  int skip_boxes;         /**< nonzero: do not keep character boxes;
                               woo_doc_has_boxes() is then 0 (for callers
                               that only read the text; since version 2) */
  int skip_metadata;      /**< nonzero: do not read metadata;
                               woo_doc_meta_count() is then 0 (for callers
                               that only read the text; since version 3) */
  int skip_annots;        /**< nonzero: do not read PDF annotations;
                               woo_doc_annot_count() is then 0 (since
                               version 3) */
} woo_doc_options;

/* Callers of versions 1 and 2 (without the later fields) are still
 * accepted. */
#define WOO_DOC_OPTIONS_VERSION 3
#define WOO_DOC_OPTIONS_INIT                                                   \
  {WOO_DOC_OPTIONS_VERSION, NULL, 0, 0, 0, 1, WOO_FORMAT_UNKNOWN, 0, 0, 0, 0}

typedef struct woo_doc woo_doc;

/**
 * Load the document at `path`.  The format is sniffed from content.  The
 * file is only read.  On success *out is a document the caller frees with
 * woo_doc_free().  Errors: WOO_ENOTFOUND, WOO_EIO (unreadable, a
 * directory), WOO_EFORMAT (damaged), WOO_EENCRYPTED, WOO_EUNSUPPORTED
 * (format not built in), WOO_ELIMIT, WOO_ENOMEM.  The error message names
 * the file.
 */
WOO_EXTERN int woo_doc_open(woo_doc **out, const char *path,
                            const woo_doc_options *opts);

/**
 * Load a document from memory (copied; the caller keeps `data`).  `name`
 * is used in messages and as the document's path; may be NULL.
 */
WOO_EXTERN int woo_doc_from_memory(woo_doc **out, const void *data,
                                   size_t len, const char *name,
                                   const woo_doc_options *opts);

/** Free a document and its children; NULL is allowed. */
WOO_EXTERN void woo_doc_free(woo_doc *doc);

/** The document's UTF-8 text (NUL-terminated; *len without the NUL). */
WOO_EXTERN const char *woo_doc_text(const woo_doc *doc, size_t *len);

WOO_EXTERN woo_format woo_doc_format(const woo_doc *doc);
/** The path or name given when loading ("" if none). */
WOO_EXTERN const char *woo_doc_path(const woo_doc *doc);
/** Size of the input in bytes. */
WOO_EXTERN size_t woo_doc_input_size(const woo_doc *doc);
/** SHA-256 of the input bytes, 64 lowercase hex digits ("" when loaded
 *  with skip_sha256). */
WOO_EXTERN const char *woo_doc_sha256(const woo_doc *doc);
/** Encoding the input was read as ("utf-8", "windows-1252", …). */
WOO_EXTERN const char *woo_doc_encoding(const woo_doc *doc);

/** Warnings raised while loading (e.g. "read as Windows-1252"). */
WOO_EXTERN size_t woo_doc_warning_count(const woo_doc *doc);
WOO_EXTERN const char *woo_doc_warning(const woo_doc *doc, size_t i);

/** Pages: 1 for unpaged input; PDF pages otherwise. */
WOO_EXTERN size_t woo_doc_page_count(const woo_doc *doc);
/** Page i (0-based); NULL when out of range or for unpaged input. */
WOO_EXTERN const woo_page *woo_doc_page(const woo_doc *doc, size_t i);
/** Number of PDF revisions (incremental updates + 1); 1 otherwise. */
WOO_EXTERN int woo_doc_revision_count(const woo_doc *doc);

WOO_EXTERN size_t woo_doc_part_count(const woo_doc *doc);
WOO_EXTERN const woo_part *woo_doc_part(const woo_doc *doc, size_t i);
/** The kind of the part holding byte `offset` (WOO_PART_BODY if none). */
WOO_EXTERN woo_part_kind woo_doc_part_at(const woo_doc *doc, size_t offset);

WOO_EXTERN size_t woo_doc_meta_count(const woo_doc *doc);
WOO_EXTERN const woo_meta *woo_doc_meta(const woo_doc *doc, size_t i);
/** Value of the first metadata field named `key`, or NULL. */
WOO_EXTERN const char *woo_doc_meta_get(const woo_doc *doc, const char *key);

WOO_EXTERN size_t woo_doc_annot_count(const woo_doc *doc);
WOO_EXTERN const woo_annot *woo_doc_annot(const woo_doc *doc, size_t i);

WOO_EXTERN size_t woo_doc_attachment_count(const woo_doc *doc);
WOO_EXTERN const woo_attachment *woo_doc_attachment(const woo_doc *doc,
                                                    size_t i);
/** The loaded attachment i as a document, or NULL when its format is not
 *  supported or loading it failed.  Borrowed from the parent. */
WOO_EXTERN const woo_doc *woo_doc_child(const woo_doc *doc, size_t i);

/** Whether the document has character boxes (paged input with text). */
WOO_EXTERN int woo_doc_has_boxes(const woo_doc *doc);

/**
 * The box of the character starting at byte `offset` and its 1-based
 * page.  Returns 0, or WOO_ENOTFOUND when the document has no boxes or the
 * byte has none (a line break, inserted space or page separator).
 */
WOO_EXTERN int woo_doc_char_box(const woo_doc *doc, size_t offset,
                                woo_box *box, int *page);

/**
 * The boxes covering the span [start, end): one box per line segment of
 * each page, merged from the character boxes.  *out is an array of *n
 * boxes with a parallel array *pages (1-based), both freed with woo_free().
 * Returns 0 (with *n = 0 for unpaged input), WOO_EINVAL or WOO_ENOMEM.
 */
WOO_EXTERN int woo_doc_span_boxes(const woo_doc *doc, size_t start,
                                  size_t end, woo_box **out, int **pages,
                                  size_t *n);

/** Map a byte offset to a 1-based line and column (in code points). */
WOO_EXTERN int woo_doc_line_col(const woo_doc *doc, size_t offset,
                                size_t *line, size_t *col);

#ifdef __cplusplus
}
#endif
#endif
