/*
 * libwoo — the ground registry.
 *
 * Every ground for withholding information under the Woo (Wet open
 * overheid) and its predecessor the Wob, plus the status words used in
 * inventories.  The registry is static, immutable data: every pointer it
 * returns is valid for the life of the program and may be shared between
 * threads.
 */
#ifndef WOO_GROUNDS_H
#define WOO_GROUNDS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The law a ground belongs to. */
typedef enum woo_law {
  WOO_LAW_NONE = 0, /**< status words: not a ground of law */
  WOO_LAW_WOO = 1,  /**< Wet open overheid (from 1 May 2022) */
  WOO_LAW_WOB = 2   /**< Wet openbaarheid van bestuur (until 1 May 2022) */
} woo_law;

/** How a ground weighs. */
typedef enum woo_ground_kind {
  WOO_GROUND_ABSOLUTE = 0, /**< absolute: no weighing of interests */
  WOO_GROUND_RELATIVE = 1, /**< relative: weighed against disclosure */
  WOO_GROUND_SCOPE = 2,    /**< outside the scope of the request (4.1.4) */
  WOO_GROUND_STATUS = 3    /**< a status word (dubbel, reeds openbaar, …) */
} woo_ground_kind;

/** One entry of the registry. */
typedef struct woo_ground {
  const char *code;        /**< canonical: "5.1.2.e", "10.2.e", "dubbel" */
  woo_law law;             /**< which law */
  woo_ground_kind kind;    /**< absolute, relative, scope or status */
  const char *article;     /**< "art. 5.1 lid 2 sub e Woo"; "" for status */
  const char *title;       /**< Dutch description */
  const char *woo_code;    /**< Woo equivalent (itself for Woo); NULL if none */
  const char *wob_code;    /**< Wob equivalent (itself for Wob); NULL if none */
} woo_ground;

/** Number of entries in the registry. */
WOO_EXTERN size_t woo_ground_count(void);

/** Entry i (0 <= i < woo_ground_count()), or NULL when out of range. */
WOO_EXTERN const woo_ground *woo_ground_at(size_t i);

/**
 * Look a ground up by any notation the code parser reads ("5.1.2e",
 * "art. 10 lid 2 sub e Wob", "buiten verzoek").  Returns NULL (and sets
 * WOO_ENOTFOUND) when the string is not exactly one code.
 */
WOO_EXTERN const woo_ground *woo_ground_find(const char *code);

/** Output styles for printing a ground code. */
typedef enum woo_style {
  WOO_STYLE_DOTTED = 0,  /**< 5.1.2.e (the default) */
  WOO_STYLE_COMPACT = 1, /**< 5.1.2e */
  WOO_STYLE_COMMA = 2,   /**< 5.1.2,e */
  WOO_STYLE_ARTICLE = 3  /**< art. 5.1 lid 2 sub e Woo */
} woo_style;

/**
 * Parse a style name: "dotted" (or "5.1.2.e"), "compact" ("5.1.2e"),
 * "comma" ("5.1.2,e"), "article".  Returns 0 or WOO_EINVAL.
 */
WOO_EXTERN int woo_style_parse(woo_style *out, const char *name);

/** The name of a style ("dotted"); static. */
WOO_EXTERN const char *woo_style_name(woo_style style);

/**
 * Write a ground code in the given style into buf (NUL-terminated,
 * truncated to size).  Returns the length the full string needs, not
 * counting the NUL, like snprintf.  Status words print as themselves.
 */
WOO_EXTERN size_t woo_ground_format(char *buf, size_t size,
                                    const woo_ground *ground, woo_style style);

/** Name of a law ("Woo", "Wob", ""); static. */
WOO_EXTERN const char *woo_law_name(woo_law law);

/** Name of a kind ("absolute", "relative", "scope", "status"); static. */
WOO_EXTERN const char *woo_ground_kind_name(woo_ground_kind kind);

#ifdef __cplusplus
}
#endif
#endif
