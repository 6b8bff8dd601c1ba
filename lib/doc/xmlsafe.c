/* One way into libxml2 for every loader: no network, no external
 * entities, no DTD loading, no entity expansion.  A document that relies
 * on any of those is read without them rather than trusted. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <limits.h>

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

xmlDocPtr woo__xml_parse(const char *data, size_t len, const char *name,
                         bool html) {
  if (len > INT_MAX) {
    woo__error(WOO_ELIMIT, "%s: XML part too large", name);
    return NULL;
  }
  xmlDocPtr doc;
  if (html)
    doc = htmlReadMemory(data, (int)len, NULL, NULL, SAFE_HTML_OPTS);
  else
    doc = xmlReadMemory(data, (int)len, NULL, NULL, SAFE_XML_OPTS);
  if (!doc) {
    woo__error(WOO_EFORMAT, "%s: not well-formed %s", name,
               html ? "HTML" : "XML");
    return NULL;
  }
  return doc;
}
