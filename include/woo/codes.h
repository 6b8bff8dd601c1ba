/*
 * libwoo — the ground-code parser.
 *
 * Finds the codes that published documents print in place of withheld
 * text ("5.1.2.e", "10.2e", "5.1,2,e", "^{4.1.4}", "(10)(2e)" …), in
 * inventory cells, in legal prose and as status words, and normalises each
 * to a registry entry.  Tolerates extraction and OCR damage and does not
 * take section numbers, dates, times, quantities or ordinals for codes.
 */
#ifndef WOO_CODES_H
#define WOO_CODES_H

#include "common.h"
#include "grounds.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a code found in text is doing there. */
typedef enum woo_code_role {
  WOO_ROLE_MARKER = 0,   /**< stands where text was withheld */
  WOO_ROLE_TABLE = 1,    /**< a cell of an inventory / index table */
  WOO_ROLE_CITATION = 2, /**< legal prose citing the article */
  WOO_ROLE_STATUS = 3    /**< a status word (buiten reikwijdte, dubbel …) */
} woo_code_role;

/** How a code was written; used to report mixed notations. */
typedef enum woo_notation {
  WOO_NOTATION_DOTTED = 0,  /**< 5.1.2.e, 10.2.e */
  WOO_NOTATION_COMPACT = 1, /**< 5.1.2e, 10.2e */
  WOO_NOTATION_COMMA = 2,   /**< 5.1.2,e or 5.1,2,e */
  WOO_NOTATION_SPACED = 3,  /**< 10 2 e, 5.1.2 e */
  WOO_NOTATION_LID = 4,     /**< 5.1 lid 2 sub e, art. 10 lid 2 sub e */
  WOO_NOTATION_PAREN = 5,   /**< (10)(2e) */
  WOO_NOTATION_PROSE = 6,   /**< artikel 5.1, tweede lid, aanhef en onder e */
  WOO_NOTATION_WORD = 7     /**< a status word */
} woo_notation;

/** Flags on a found code. */
enum {
  WOO_CODE_REPAIRED = 1u << 0,    /**< damage was repaired (10.2.9 → 10.2.g) */
  WOO_CODE_SUPERSCRIPT = 1u << 1, /**< written as ^{…} markup */
  WOO_CODE_IN_LIST = 1u << 2,     /**< one of several joined codes */
  WOO_CODE_UNKNOWN = 1u << 3      /**< code-shaped but not in the registry */
};

/** One code found in text. */
typedef struct woo_code {
  size_t start;             /**< byte offset of the raw code */
  size_t end;               /**< end of the raw code (exclusive) */
  const woo_ground *ground; /**< registry entry; NULL only if UNKNOWN */
  woo_code_role role;       /**< marker, table, citation or status */
  woo_notation notation;    /**< how it was written */
  unsigned flags;           /**< WOO_CODE_* bits */
} woo_code;

/** Options for woo_codes_find(). */
typedef struct woo_codes_options {
  unsigned int version;  /**< WOO_CODES_OPTIONS_VERSION */
  int include_unknown;   /**< also report code-shaped strings not in the
                              registry (flag WOO_CODE_UNKNOWN) */
  int include_citations; /**< report legal prose citations (default 1) */
} woo_codes_options;

#define WOO_CODES_OPTIONS_VERSION 1
#define WOO_CODES_OPTIONS_INIT {WOO_CODES_OPTIONS_VERSION, 0, 1}

/** The codes found in one text, in order of start offset. */
typedef struct woo_codes woo_codes;

/**
 * Find the ground codes in `text` (`len` bytes of UTF-8; invalid bytes
 * are skipped, never read past `len`).  `opts` may be NULL.  On success
 * *out holds a list the caller frees with woo_codes_free().  Errors:
 * WOO_EINVAL, WOO_ENOMEM.
 */
WOO_EXTERN int woo_codes_find(woo_codes **out, const char *text, size_t len,
                              const woo_codes_options *opts);

/** Number of codes in the list. */
WOO_EXTERN size_t woo_codes_count(const woo_codes *codes);

/** Code i, borrowed from the list; NULL when out of range. */
WOO_EXTERN const woo_code *woo_codes_at(const woo_codes *codes, size_t i);

/** Free a list; NULL is allowed. */
WOO_EXTERN void woo_codes_free(woo_codes *codes);

/** "marker", "table", "citation", "status"; static. */
WOO_EXTERN const char *woo_code_role_name(woo_code_role role);

/** "dotted", "compact", "comma", "spaced", "lid", "paren", "prose",
 *  "word"; static. */
WOO_EXTERN const char *woo_notation_name(woo_notation notation);

#ifdef __cplusplus
}
#endif
#endif
