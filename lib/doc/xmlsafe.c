/* One way into libxml2 for every loader: no network, no external
 * entities, no DTD loading, no entity expansion.  A document that relies
 * on any of those is read without them rather than trusted. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xmlsafe.h"

/* XML_PARSE_NOENT is deliberately absent: with it libxml2 would
 * substitute entities, including external ones. */
#define SAFE_XML_OPTS                                                          \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |                 \
   XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS * 0 | XML_PARSE_NOXINCNODE)

#define SAFE_HTML_OPTS                                                         \
  (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |              \
   HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED * 0)

/* Without recursion: pages nest deeply. */
static void number_nodes(xmlDocPtr doc) {
  size_t id = 0;
  xmlNode *n = doc->children;
  while (n) {
    n->_private = (void *)(uintptr_t)++id;
    if (n->children && n->type != XML_ENTITY_REF_NODE &&
        n->type != XML_DTD_NODE) {
      n = n->children;
      continue;
    }
    while (n && !n->next && n->parent && n->parent != (xmlNode *)doc)
      n = n->parent;
    n = n ? n->next : NULL;
  }
}

int woo__xml_map(woo_doc *doc, const char *member, const xmlNode *n,
                 size_t node_off, size_t start, size_t len) {
  if (!len || !woo__xml_node_id(n))
    return 0;
  /* Members come in long stretches: the last one is checked first. */
  size_t m = doc->n_srcmap_members;
  if (m && strcmp(doc->srcmap_members[m - 1], member) == 0) {
    m--;
  } else {
    for (m = 0; m < doc->n_srcmap_members; m++)
      if (strcmp(doc->srcmap_members[m], member) == 0)
        break;
  }
  if (m == doc->n_srcmap_members) {
    char *copy = woo__strdup(member);
    char **v = copy ? woo__reallocarray(doc->srcmap_members, m + 1, sizeof *v)
                    : NULL;
    if (!v) {
      free(copy);
      return WOO_ENOMEM;
    }
    doc->srcmap_members = v;
    v[doc->n_srcmap_members++] = copy;
  }
  woo__srcmap *last = doc->n_srcmap ? &doc->srcmap[doc->n_srcmap - 1] : NULL;
  if (last && last->member == m && last->node == woo__xml_node_id(n) &&
      last->node_off + last->len == node_off && last->start + last->len == start) {
    last->len += len;
    return 0;
  }
  if (doc->n_srcmap == doc->cap_srcmap) {
    size_t cap = doc->cap_srcmap ? doc->cap_srcmap * 2 : 64;
    woo__srcmap *v = woo__reallocarray(doc->srcmap, cap, sizeof *v);
    if (!v)
      return WOO_ENOMEM;
    doc->srcmap = v;
    doc->cap_srcmap = cap;
  }
  woo__srcmap *e = &doc->srcmap[doc->n_srcmap++];
  e->start = start;
  e->len = len;
  e->node_off = node_off;
  e->node = woo__xml_node_id(n);
  e->member = m;
  return 0;
}

static void quiet(void *ctx, const char *fmt, ...) {
  (void)ctx;
  (void)fmt;
}

xmlDocPtr woo__xml_parse(const char *data, size_t len, const char *name,
                         bool html) {
  if (len > INT_MAX) {
    woo__error(WOO_ELIMIT, "%s: XML part too large", name);
    return NULL;
  }
  if (woo__need_xml(name) != 0)
    return NULL;
  /* libxml2 reports some failures (charset conversion) through its
   * generic error handler whatever the options say, which would print to
   * stderr; the handler is per thread, so it is swapped for the call. */
  xmlGenericErrorFunc old = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  xmlDocPtr doc;
  if (html)
    doc = htmlReadMemory(data, (int)len, NULL, NULL, SAFE_HTML_OPTS);
  else
    doc = xmlReadMemory(data, (int)len, NULL, NULL, SAFE_XML_OPTS);
  xmlSetGenericErrorFunc(old_ctx, old);
  if (!doc) {
    woo__error(WOO_EFORMAT, "%s: not well-formed %s", name,
               html ? "HTML" : "XML");
    return NULL;
  }
  number_nodes(doc);
  return doc;
}

int woo__xml_collect_text(const xmlNode *n, woo__buf *b) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    int rc = 0;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      rc = woo__buf_puts(b, (const char *)c->content);
    else if (c->type == XML_ELEMENT_NODE)
      rc = woo__xml_collect_text(c, b);
    if (rc)
      return rc;
  }
  return 0;
}

char *woo__xml_text(const xmlNode *n) {
  woo__buf b = WOO__BUF_INIT;
  if (woo__xml_collect_text(n, &b)) {
    woo__buf_free(&b);
    return NULL;
  }
  size_t s = 0, e = b.len;
  while (s < e && strchr(" \t\r\n", b.data[s]))
    s++;
  while (e > s && strchr(" \t\r\n", b.data[e - 1]))
    e--;
  char *r = woo__strndup(b.data ? b.data + s : "", e - s);
  woo__buf_free(&b);
  return r;
}
