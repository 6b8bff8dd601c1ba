/* Reading zip containers (DOCX, ODT) from memory, with the limits that
 * keep a hostile archive from exhausting memory or time. */
#ifndef WOO_DOC_ZIP_H
#define WOO_DOC_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"
#include "lazy.h"

/* More members than any real office document has; a zip claiming more is
 * refused before its directory is walked. */
#define WOO__ZIP_MAX_MEMBERS 10000
/* Members smaller than this are never refused for their ratio: small XML
 * files with long runs of markup compress very well. */
#define WOO__ZIP_RATIO_FLOOR ((size_t)1 << 20)
/* Beyond the floor, a member may expand at most this many times its
 * compressed size.  Real XML parts stay well under 50:1. */
#define WOO__ZIP_MAX_RATIO 200

typedef struct woo__zip woo__zip;

/* Open the archive in data[0..len) (not copied: data must outlive the
 * zip).  `name` names the file in messages.  Errors: WOO_EFORMAT (not a
 * zip, truncated), WOO_ELIMIT (too many members), WOO_ENOMEM. */
int woo__zip_open(woo__zip **out, const char *data, size_t len,
                  const char *name, const woo__limits *lim);
void woo__zip_close(woo__zip *z);

/* Members in directory order. */
size_t woo__zip_count(const woo__zip *z);
const char *woo__zip_member(const woo__zip *z, size_t i);
/* Whether a member named exactly `member` exists. */
bool woo__zip_has(const woo__zip *z, const char *member);

/*
 * Read a member into a new NUL-terminated buffer the caller frees.  The
 * bytes expanded by every read of this zip count against
 * lim->max_expanded; a member that expands more than WOO__ZIP_MAX_RATIO
 * times its compressed size (beyond WOO__ZIP_RATIO_FLOOR) is refused.
 * Errors: WOO_ENOTFOUND (no such member; message set), WOO_ELIMIT (a cap
 * hit: "zip bomb?"), WOO_EFORMAT (damaged data, CRC mismatch),
 * WOO_EENCRYPTED, WOO_ENOMEM.
 */
int woo__zip_read(woo__zip *z, const char *member, char **out, size_t *len);

/* Read and parse an XML member of a document package for `doc` (named
 * `path` in messages; `kind` says what the package should be, "a Word
 * document").  Missing → NULL with *rc 0 when optional; an error that must
 * stop loading (a zip bomb, out of memory, a required member missing or
 * damaged) → *rc set; a damaged optional member → a warning and NULL.  The
 * first DTD met is warned about once (*dtd_seen). */
struct _xmlDoc *woo__zip_read_xml(woo__zip *z, woo_doc *doc, const char *path,
                                  const char *kind, const char *part,
                                  bool required, bool *dtd_seen, int *rc);

#endif
