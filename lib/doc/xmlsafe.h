#ifndef WOO_DOC_XMLSAFE_H
#define WOO_DOC_XMLSAFE_H

#include <libxml/tree.h>
#include <stdbool.h>

/* Parse XML (or HTML, recovering from errors) from memory with no
 * network access, no external entities, no DTD loading and no entity
 * substitution.  Returns NULL with WOO_EFORMAT/WOO_ELIMIT set, naming
 * `name`.  Free with xmlFreeDoc(). */
xmlDocPtr woo__xml_parse(const char *data, size_t len, const char *name,
                         bool html);

#endif
