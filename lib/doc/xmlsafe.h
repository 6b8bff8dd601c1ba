#ifndef WOO_DOC_XMLSAFE_H
#define WOO_DOC_XMLSAFE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

#include "internal.h"
#include "lazy.h"

/* Parse XML (or HTML, recovering from errors) from memory with no
 * network access, no external entities, no DTD loading and no entity
 * substitution.  Returns NULL with WOO_EFORMAT/WOO_ELIMIT set, naming
 * `name`.  Free with xmlFreeDoc(). */
xmlDocPtr woo__xml_parse(const char *data, size_t len, const char *name,
                         bool html);

/* A web page parsed as woo__load_html reads it (undeclared or Western
 * bytes converted first), so that a writer parsing it again finds the
 * same nodes under the same numbers.  *cp1252 says the bytes were
 * converted, *undeclared that they named no charset.  NULL with the
 * error set. */
xmlDocPtr woo__html_parse_page(const char *data, size_t len, const char *name,
                               bool *cp1252, bool *undeclared);

/* woo__xml_parse numbers the nodes of the tree it returns in document
 * order (children before next siblings), from 1; parsing the same bytes
 * again gives the same numbers, so a node can be found again in a fresh
 * tree.  0 for a node added later. */
static inline size_t woo__xml_node_id(const xmlNode *n) {
  return (size_t)(uintptr_t)n->_private;
}

/* Record that text[start, start + len) is bytes [node_off, node_off +
 * len) of text node `n` of package member `member` (see woo__srcmap). */
int woo__xml_map(woo_doc *doc, const char *member, const xmlNode *n,
                 size_t node_off, size_t start, size_t len);

/* The text below n appended to b (text and CDATA nodes, depth first).
 * Entity references are left out: their replacement text would come from
 * a DTD, which is never trusted.  Returns 0 or WOO_ENOMEM. */
struct woo__buf;
int woo__xml_collect_text(const xmlNode *n, struct woo__buf *b);
/* The text below n, trimmed of white space, as a new string ("" when
 * empty); NULL when out of memory. */
char *woo__xml_text(const xmlNode *n);

#endif
