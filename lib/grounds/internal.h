/* Shared between the registry and the code parser.  Never installed. */
#ifndef WOO_GROUNDS_INTERNAL_H
#define WOO_GROUNDS_INTERNAL_H

#include <stdbool.h>

#include "woo/codes.h"
#include "woo/grounds.h"

/* The registry entry with exactly this canonical code, or NULL. */
const woo_ground *woo__ground_lookup(const char *canonical);

/* The parser behind woo_codes_find().  `standalone` says the text is a
 * single code given on its own (woo_ground_find), so context tests that
 * need surrounding text are relaxed. */
int woo__codes_scan(woo_codes **out, const char *text, size_t len,
                    const woo_codes_options *opts, bool standalone);

#endif
