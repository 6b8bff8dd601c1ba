/*
 * libwoo — the disclosure index (inventarislijst) and publication
 * metadata (DiWoo).
 *
 * Every Woo decision comes with an inventory: one row per document with
 * its number, date, title, kind (documentsoort), assessment
 * (beoordeling), the grounds applied, its page count and remarks.  A
 * woo_index turns documents (and their marks, when known) into rows;
 * rows are written one at a time by a streaming writer as CSV, JSON,
 * Markdown, HTML or DiWoo XML, so memory stays flat however large the
 * batch.  The reader turns an existing inventory — CSV, or the text of a
 * published one — into the same rows, for comparison with the documents.
 *
 * A woo_index is immutable after woo_index_new(): woo_index_add() may be
 * called from any number of threads at once.  A writer belongs to one
 * thread.
 */
#ifndef WOO_INDEX_H
#define WOO_INDEX_H

#include "common.h"
#include "doc.h"
#include "grounds.h"
#include "marks.h"
#include "scan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The assessment of a document in an inventory. */
typedef enum woo_beoordeling {
  WOO_BEOORDELING_UNKNOWN = 0,  /**< not known (a reader found none) */
  WOO_BEOORDELING_OPENBAAR = 1, /**< disclosed in full */
  WOO_BEOORDELING_DEELS = 2,    /**< disclosed in part (deels openbaar) */
  WOO_BEOORDELING_NIET = 3,     /**< withheld (niet openbaar) */
  WOO_BEOORDELING_REEDS = 4,    /**< already public (reeds openbaar) */
  WOO_BEOORDELING_BUITEN = 5    /**< outside the request (buiten reikwijdte) */
} woo_beoordeling;

/** "openbaar", "deels openbaar", "niet openbaar", "reeds openbaar",
 *  "buiten reikwijdte", "" for unknown; static. */
WOO_EXTERN const char *woo_beoordeling_name(woo_beoordeling b);

/**
 * Parse an assessment as inventories write it, case-insensitive and
 * tolerant of spacing and dashes: "Openbaar", "deels openbaar",
 * "Gedeeltelijk openbaar", "niet openbaar", "Reeds openbaar", "buiten
 * reikwijdte", "buiten verzoek", "Openbaar gemaakt", "weigeren",
 * "deels". Returns 0 or WOO_EINVAL.
 */
WOO_EXTERN int woo_beoordeling_parse(woo_beoordeling *out, const char *s);

/**
 * One row of an inventory.  Every string is UTF-8, never NULL ("" when
 * unknown), and owned by the row (or by the list it came from).
 */
typedef struct woo_index_row {
  size_t nr;                /**< document number; 0 = not yet numbered */
  const char *document;     /**< file name or path (as given), or the
                                 document cell of a read inventory */
  const char *datum;        /**< "YYYY-MM-DD", or "" when unknown; a read
                                 date that is not a full date is kept as
                                 written */
  const char *titel;        /**< title or description */
  const char *documentsoort;/**< "e-mail", "verslag", "nota", "brief",
                                 "besluit", "rapport", "inventaris",
                                 "agenda", "presentatie", "notitie",
                                 "bijlage", "overig", or as read */
  woo_beoordeling beoordeling;
  const char *gronden;      /**< the grounds as one string: canonical
                                 codes sorted and joined with ", " */
  const woo_ground *const *grounds; /**< the same as registry entries,
                                 sorted, no duplicates */
  size_t ground_count;
  size_t paginas;           /**< page count; 0 when unknown */
  const char *opmerkingen;  /**< remarks */
  const char *identifier;   /**< kenmerk / identifier for DiWoo, "" if none */
  const char *format;       /**< input format name ("pdf", "text", …), ""
                                 when read from an inventory */
  size_t line;              /**< read rows: 1-based line in the inventory
                                 where the row starts; 0 otherwise */
  const char *nr_text;      /**< the number as written ("2.a", "3-a",
                                 "4 bijlage 1"); "" for made rows */
} woo_index_row;

/** Free a row made by woo_index_add(); NULL is allowed. */
WOO_EXTERN void woo_index_row_free(woo_index_row *row);

/** Output formats. */
typedef enum woo_index_format {
  WOO_INDEX_CSV = 0,      /**< RFC 4180, UTF-8 */
  WOO_INDEX_JSON = 1,     /**< {"woo": "index/1", "rows": […]} */
  WOO_INDEX_MARKDOWN = 2, /**< a pipe table */
  WOO_INDEX_HTML = 3,     /**< one self-contained page with a table */
  WOO_INDEX_DIWOO = 4     /**< DiWoo metadata XML, one document per row */
} woo_index_format;

/** Parse "csv", "json", "md" (or "markdown"), "html", "diwoo" (or
 *  "xml").  Returns 0 or WOO_EINVAL. */
WOO_EXTERN int woo_index_format_parse(woo_index_format *out,
                                      const char *name);
/** "csv", "json", "md", "html", "diwoo"; static. */
WOO_EXTERN const char *woo_index_format_name(woo_index_format f);

/** CSV flags. */
enum {
  WOO_INDEX_CSV_SEMICOLON = 1u << 0, /**< ';' between fields, for Dutch
                                          spreadsheet settings */
  WOO_INDEX_CSV_BOM = 1u << 1        /**< start with a UTF-8 byte-order
                                          mark so spreadsheets detect it */
};

/** Options for an index. */
typedef struct woo_index_options {
  unsigned int version;       /**< WOO_INDEX_OPTIONS_VERSION */
  size_t start_nr;            /**< first number; 0 = 1 */
  const char *overrides_path; /**< CSV of per-file values (header row
                                   naming columns: document plus any of nr,
                                   datum, titel, documentsoort,
                                   beoordeling, gronden, opmerkingen,
                                   identifier); NULL for none */
  const woo_scanner *scanner; /**< scan documents that come without marks
                                   and carry no codes; NULL = do not scan */
  const char *base_dir;       /**< document paths are written relative to
                                   this folder; NULL = as given */
  unsigned csv_flags;         /**< WOO_INDEX_CSV_* */
  /* DiWoo */
  const char *publisher_uri;  /**< TOOI URI of the publishing body;
                                   required for DiWoo output */
  const char *publisher_name; /**< its name as shown (the label) */
  const char *informatiecategorie_uri; /**< NULL = Woo-verzoeken en
                                   -besluiten (c_3baef532) */
  const char *language;       /**< ISO 639-1 code; NULL = "nl" */
  const char *handeling;      /**< soortHandeling label for the
                                   documenthandeling: "vaststelling",
                                   "ontvangst", "ondertekening",
                                   "publicatie", …; NULL = "vaststelling" */
  const char *title;          /**< heading of HTML/Markdown output; NULL =
                                   "Inventarislijst" */
} woo_index_options;

#define WOO_INDEX_OPTIONS_VERSION 1
#define WOO_INDEX_OPTIONS_INIT                                                 \
  {WOO_INDEX_OPTIONS_VERSION, 0, NULL, NULL, NULL, 0,                          \
   NULL, NULL, NULL, NULL, NULL, NULL}

typedef struct woo_index woo_index;

/**
 * A new index.  `opts` may be NULL for defaults; its strings are copied
 * and the overrides file is read now.  Errors: WOO_EINVAL (an unknown
 * informatiecategorie, handeling or language), WOO_ENOTFOUND / WOO_EIO /
 * WOO_EFORMAT naming the overrides file, WOO_ENOMEM.
 */
WOO_EXTERN int woo_index_new(woo_index **out, const woo_index_options *opts);
WOO_EXTERN void woo_index_free(woo_index *idx);

/**
 * Make the row of one document.  Date and title come from the document
 * (metadata, e-mail headers, "datum:" lines, Dutch dates in the text,
 * the first heading), documentsoort from its structure, the assessment
 * and grounds from `marks` when given (rejected marks do not count), else
 * from the ground codes the text already carries (a redacted document),
 * else from a scan when the index has a scanner.  Overrides for the
 * document's path are applied last.  The row's nr is 0 unless an
 * override gives one; writers number rows as they are written.
 * Thread-safe.  *out is freed with woo_index_row_free().  Errors:
 * WOO_EINVAL, WOO_ENOMEM, scanner errors.
 */
WOO_EXTERN int woo_index_add(woo_index *idx, const woo_doc *doc,
                             const woo_marks *marks, woo_index_row **out);

/** Where a writer's bytes go: return 0, or nonzero to stop writing (the
 *  writer then fails with WOO_EIO). */
typedef int (*woo_index_sink)(void *user, const char *data, size_t len);

typedef struct woo_index_writer woo_index_writer;

/**
 * A streaming writer in `format` that hands its output to `sink`.  The
 * header (CSV header row, HTML head, XML root) is written by the first
 * woo_index_writer_row() or by woo_index_writer_finish().  Errors:
 * WOO_EINVAL (DiWoo without a publisher URI), WOO_ENOMEM.
 */
WOO_EXTERN int woo_index_writer_new(woo_index_writer **out,
                                    const woo_index *idx,
                                    woo_index_format format,
                                    woo_index_sink sink, void *user);

/**
 * Write one row.  A row with nr 0 gets the next number: one after the
 * previous row's, or the index's start number for the first row; the
 * number given is stored in row->nr.  Errors: WOO_EIO (the sink
 * refused), WOO_ENOMEM.
 */
WOO_EXTERN int woo_index_writer_row(woo_index_writer *w, woo_index_row *row);

/** Close the output (table end, XML root end).  Errors: WOO_EIO. */
WOO_EXTERN int woo_index_writer_finish(woo_index_writer *w);
WOO_EXTERN void woo_index_writer_free(woo_index_writer *w);

/**
 * Write `n` rows into one buffer in `format` (the writer over a memory
 * sink).  Rows with nr 0 are numbered in place.  *out (NUL-terminated,
 * *out_len bytes) is freed with woo_free().  Errors as for the writer.
 */
WOO_EXTERN int woo_index_write(char **out, size_t *out_len,
                               const woo_index *idx, woo_index_format format,
                               woo_index_row *const *rows, size_t n);

/** Rows read from an existing inventory. */
typedef struct woo_index_list woo_index_list;

/**
 * Read an inventory: CSV (',' or ';', with or without BOM, a header row
 * naming its columns in Dutch or English) or the text of a published one
 * (pdftotext -layout output: columns found from the layout, rows wrapped
 * over several lines joined, dates with any dash, assessment words and
 * grounds lists).  Errors: WOO_ENOTFOUND, WOO_EIO, WOO_EFORMAT when no
 * row could be read; messages name the file.  *out is freed with
 * woo_index_list_free().
 */
WOO_EXTERN int woo_index_read(woo_index_list **out, const char *path);

/** The same from memory; `name` is used in messages. */
WOO_EXTERN int woo_index_parse(woo_index_list **out, const char *data,
                               size_t len, const char *name);

WOO_EXTERN size_t woo_index_list_count(const woo_index_list *list);
/** Row i, borrowed from the list; NULL when out of range. */
WOO_EXTERN const woo_index_row *woo_index_list_at(const woo_index_list *list,
                                                  size_t i);
/** Lines that looked like the start of a row but could not be read. */
WOO_EXTERN size_t woo_index_list_skipped(const woo_index_list *list);
/** Notes on what could not be read ("line 12: no number"); borrowed. */
WOO_EXTERN size_t woo_index_list_note_count(const woo_index_list *list);
WOO_EXTERN const char *woo_index_list_note(const woo_index_list *list,
                                           size_t i);
/** The row whose number is nr, or NULL. */
WOO_EXTERN const woo_index_row *
woo_index_list_find(const woo_index_list *list, size_t nr);
WOO_EXTERN void woo_index_list_free(woo_index_list *list);

#ifdef __cplusplus
}
#endif
#endif
