/* Shared by the writers that rewrite markup in place (docx.c for DOCX and
 * ODT, html.c for HTML): the loader recorded which text node every
 * stretch of the text came from (woo__srcmap); these helpers turn the
 * runs to withhold into edits of those nodes, and verify and write the
 * result.  Never installed. */
#ifndef WOO_REDACT_MARKUP_H
#define WOO_REDACT_MARKUP_H

#include <libxml/tree.h>

#include "../doc/internal.h"
#include "../doc/xmlsafe.h"
#include "internal.h"

/* One change to a text node of the source: bytes [from, to) of its
 * content become the ground's code, or are dropped when ground is NULL. */
typedef struct woo__edit {
  size_t node; /* woo__xml_node_id */
  size_t from, to;
  const woo_ground *ground;
} woo__edit;

/* The input's bytes, read again from its path and checked against the
 * hash taken when it was loaded.  *data is freed by the caller.  Errors:
 * WOO_EINVAL (loaded from memory, or changed since), WOO_ENOTFOUND,
 * WOO_EIO, WOO_ELIMIT. */
int woo__markup_source(const woo_doc *doc, char **data, size_t *len);

/* The index of `member` among the members the loader mapped, or
 * WOO_UNSET. */
size_t woo__markup_member(const woo_doc *doc, const char *member);

/* The edits for one member, sorted by node and offset.  Each run's code
 * goes where its first visible byte is; the rest of the run is dropped.
 * Text the loader found hidden is dropped whether marked or not; text in
 * tracked deletions and comments is left to the caller, who removes the
 * elements holding it.  *edits is freed by the caller. */
int woo__markup_plan(const woo_doc *doc, const woo__run *runs, size_t n_runs,
                     size_t member, woo__edit **edits, size_t *n_edits);

/* The nodes of a tree parsed by woo__xml_parse, by id (index id - 1),
 * after checking that every stretch the loader mapped to this member
 * still reads the same in the tree (WOO_EFORMAT otherwise, naming
 * `what`).  *nodes is freed by the caller. */
int woo__markup_nodes(const woo_doc *doc, xmlDocPtr x, size_t member,
                      const char *what, xmlNode ***nodes, size_t *n_nodes);

/* Rewrite text node t under the edits e[0..n): kept text stays in text
 * nodes, each code becomes the node `make_code` returns (NULL on
 * failure), all in t's place; t itself is freed.  Returns 0 or
 * WOO_ENOMEM. */
typedef xmlNode *(*woo__code_node_fn)(void *ctx, xmlDocPtr x, xmlNode *parent,
                                      const char *code);
int woo__markup_inline(xmlNode *t, const woo__edit *e, size_t n,
                       woo_style style, woo__code_node_fn make_code,
                       void *ctx);

/* The code colours as six hex digits from the options (black box, white
 * code by default). */
void woo__markup_colours(const woo_redact_options *o, char box[7],
                         char label[7]);

/* Load the output back and look for every withheld string in its text,
 * its metadata and, for a zip package, the raw text of every member;
 * then write it to `path` atomically.  Errors: WOO_EVERIFY (naming where
 * the text was found; nothing is written), WOO_EEXISTS, WOO_EIO. */
int woo__markup_finish(const char *path, const woo_doc *doc,
                       const woo__needles *nd, const char *data, size_t len,
                       const woo_redact_options *o);

#endif
