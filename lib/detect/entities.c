/* Names of entity kinds and mark statuses.  These strings appear in the
 * marks JSON format and in policy files, so they are part of the stable
 * formats: never rename one. */
#include <string.h>

#include "../core/internal.h"
#include "woo/marks.h"

static const char *const entity_names[WOO_ENTITY_COUNT] = {
    "person", "email",     "phone",    "bsn",     "iban",    "address",
    "plate",  "birthdate", "idnumber", "url",     "ip",      "hostname",
    "secret", "function",  "term",     "pattern", "section", "other"};

const char *woo_entity_name(woo_entity e) {
  return (unsigned)e < WOO_ENTITY_COUNT ? entity_names[e] : "other";
}

int woo_entity_parse(woo_entity *out, const char *name) {
  if (!out || !name)
    return woo__error(WOO_EINVAL, "entity name is NULL");
  for (int i = 0; i < WOO_ENTITY_COUNT; i++)
    if (strcmp(name, entity_names[i]) == 0) {
      *out = (woo_entity)i;
      return 0;
    }
  return woo__error(WOO_EINVAL, "unknown entity '%s'", name);
}

const char *woo_mark_status_name(woo_mark_status s) {
  switch (s) {
  case WOO_MARK_PROPOSED: return "proposed";
  case WOO_MARK_ACCEPTED: return "accepted";
  case WOO_MARK_REJECTED: return "rejected";
  }
  return "proposed";
}
