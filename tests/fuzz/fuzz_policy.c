/* Fuzz target for the policy reader: any bytes, parsed as a policy from
 * memory.  Relative term files resolve in a folder that does not exist,
 * so the not-found path is exercised without reading the disk.  A policy
 * that loads must be whole: every rule has its text and a ground; an
 * error must be a policy error that names the input and its position. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/detect/policy.h"
#include "woo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  woo_policy *p = NULL;
  int rc = woo_policy_parse(&p, (const char *)data, size, "fuzz.yaml",
                            "/nonexistent-woo-fuzz");
  if (rc != 0) {
    const woo_error *e = woo_error_last();
    if (p || e->code != rc)
      abort();
    if (rc == WOO_EPOLICY && strncmp(e->message, "fuzz.yaml:", 10) != 0)
      abort();
    if (rc != WOO_EPOLICY && rc != WOO_ELIMIT && rc != WOO_ENOMEM)
      abort();
    return 0;
  }
  for (int i = 0; i < WOO_ENTITY_COUNT; i++) {
    double t = woo_policy_entity_threshold(p, (woo_entity)i);
    if (!woo_policy_entity_ground(p, (woo_entity)i) || !(t >= 0 && t <= 1))
      abort();
  }
  for (size_t i = 0; i < p->n_terms; i++)
    if (!p->terms[i].ground || !p->terms[i].len ||
        strlen(p->terms[i].term) != p->terms[i].len)
      abort();
  for (size_t i = 0; i < p->n_patterns; i++)
    if (!p->patterns[i].ground || !p->patterns[i].regex ||
        !p->patterns[i].name || p->patterns[i].group < 0)
      abort();
  for (size_t i = 0; i < p->n_sections; i++)
    if (!p->sections[i].ground || !p->sections[i].heading)
      abort();
  char **lists[] = {p->allow, p->officials, p->mailboxes, p->public_domains};
  size_t counts[] = {p->n_allow, p->n_officials, p->n_mailboxes,
                     p->n_public_domains};
  for (int l = 0; l < 4; l++)
    for (size_t i = 0; i < counts[l]; i++)
      if (!lists[l][i])
        abort();
  woo_policy_free(p);
  return 0;
}
