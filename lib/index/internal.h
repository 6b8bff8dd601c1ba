/* Shared by the index writers, the extractor and the inventory reader.
 * Never installed. */
#ifndef WOO_INDEX_INTERNAL_H
#define WOO_INDEX_INTERNAL_H

#include <stdbool.h>

#include "core/internal.h"
#include "woo/index.h"

/* ---- rows ----------------------------------------------------------- */

/* A new row with every string "" (never NULL).  NULL on out of memory. */
woo_index_row *woo__row_new(void);
/* Free the strings and arrays of a row, not the row itself. */
void woo__row_clear(woo_index_row *row);
/* Replace a string field with a copy of s[0..n) (n = strlen when
 * WOO_UNSET), with runs of white space folded to one space and trimmed. */
int woo__row_set(const char **field, const char *s, size_t n);
/* Replace the grounds: sorted, without duplicates, and the joined
 * "gronden" string rebuilt. */
int woo__row_set_grounds(woo_index_row *row, const woo_ground *const *g,
                         size_t n);
/* Parse a grounds cell ("10.2.e, 10.2.b", "5.1.2e; 5.1.1.c", "10.2 e en
 * 10.2 g") with the code parser.  Unknown text is ignored. */
int woo__row_grounds_from_text(woo_index_row *row, const char *s, size_t n);

/* ---- dates -------------------------------------------------------------- */

/* Parse one date as written in Dutch documents and inventories:
 * "13 januari 2020", "13 jan. 2020", "30-11-2018" (any dash), "7-mrt-13",
 * "2020-01-13", "13/01/2020", "donderdag 15 oktober 2020",
 * "Tuesday, 2 March 2021", "September 29, 2022".  The date must start at
 * s[0] (after an optional weekday); *used gets the bytes consumed.
 * Writes "YYYY-MM-DD" into out[11].  Returns true on success. */
bool woo__date_parse(const char *s, size_t n, char out[11], size_t *used);
/* The first date anywhere in s[0..n); *at gets its offset. */
bool woo__date_find(const char *s, size_t n, char out[11], size_t *at);

/* ---- CSV ------------------------------------------------------------- */

typedef struct woo__csv {
  const char *p;   /* cursor */
  const char *end;
  char sep;        /* ',' or ';' */
  size_t line;     /* 1-based line of the cursor */
} woo__csv;

/* Start reading CSV: skips a BOM and picks the separator from the first
 * line (whichever of ',' ';' '\t' occurs most outside quotes). */
void woo__csv_init(woo__csv *c, const char *data, size_t len);
/* Read the next record into fields (each NUL-terminated, owned by the
 * caller: free each and the array).  Returns 1 for a record, 0 at the
 * end, or a negative error (WOO_EFORMAT for an unterminated quote,
 * WOO_ENOMEM). */
int woo__csv_record(woo__csv *c, char ***fields, size_t *n);
void woo__csv_free_record(char **fields, size_t n);

/* ---- columns ----------------------------------------------------------- */

/* Columns of an inventory, recognised from a header cell. */
typedef enum woo__col {
  WOO__COL_OTHER = 0,
  WOO__COL_NR,
  WOO__COL_DOCUMENT, /* file name */
  WOO__COL_DATUM,
  WOO__COL_TIJD,
  WOO__COL_TITEL,
  WOO__COL_SOORT,
  WOO__COL_BEOORDELING,
  WOO__COL_GRONDEN,
  WOO__COL_PAGINAS,
  WOO__COL_OPMERKINGEN,
  WOO__COL_IDENTIFIER
} woo__col;

/* Which column a header cell names ("Nr.", "Datum", "Titel doc.",
 * "Weigeringsgrond(en)", "Artikel Wob", …). */
woo__col woo__col_from_header(const char *s, size_t n);

/* ---- DiWoo ----------------------------------------------------------- */

/* The TOOI value of a label, or NULL: informatiecategorie by label or
 * URI, soortHandeling by label, documentsoort by our kind names,
 * language by ISO 639-1 code, format by our format names. */
typedef struct woo__tooi {
  const char *key;   /* what we look it up by */
  const char *label; /* the list's label */
  const char *uri;   /* resource URI */
} woo__tooi;

const woo__tooi *woo__tooi_categorie(const char *label_or_uri);
const woo__tooi *woo__tooi_handeling(const char *label);
const woo__tooi *woo__tooi_documentsoort(const char *kind);
const woo__tooi *woo__tooi_language(const char *code);
const woo__tooi *woo__tooi_format(const char *format);
/* Whether a URI has the shape of an organisation in one of the TOOI
 * organisation registers the schema allows for publisher. */
bool woo__tooi_is_organisation(const char *uri);

/* ---- the index ------------------------------------------------------- */

typedef struct woo__override {
  char *document;       /* file name or path as written */
  woo_index_row values; /* fields given; unset strings are NULL */
  bool has_grounds;
  bool has_beoordeling;
} woo__override;

struct woo_index {
  size_t start_nr;
  const woo_scanner *scanner;
  char *base_dir;
  unsigned csv_flags;
  char *publisher_uri;
  char *publisher_name;
  const woo__tooi *categorie;
  const woo__tooi *handeling;
  const woo__tooi *language;
  char *title;
  woo__override *overrides;
  size_t n_overrides;
};

/* Beoordeling and grounds of a document from its marks, the codes it
 * carries, or a scan (lib/index/assess.c). */
int woo__index_assess(const woo_index *idx, const woo_doc *doc,
                      const woo_marks *marks, woo_index_row *row);
/* Date, title, documentsoort from the document (lib/index/extract.c). */
int woo__index_describe(const woo_doc *doc, woo_index_row *row);

#endif
