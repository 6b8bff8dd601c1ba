/* Deep copy of a compiled policy: a scanner keeps its own, so callers may
 * free the policy they built it from. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "policy.h"

static int copy_strv(char ***dst, size_t *dn, char *const *src, size_t n) {
  *dst = NULL;
  *dn = 0;
  if (n == 0)
    return 0;
  *dst = woo__calloc(n, sizeof **dst);
  if (!*dst)
    return WOO_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    (*dst)[i] = woo__strdup(src[i]);
    if (!(*dst)[i])
      return WOO_ENOMEM;
    (*dn)++;
  }
  return 0;
}

static char *dup_or_null(const char *s) { return s ? woo__strdup(s) : NULL; }

int woo__policy_copy(woo_policy **out, const woo_policy *src) {
  *out = NULL;
  woo_policy *p = woo__calloc(1, sizeof *p);
  if (!p)
    return WOO_ENOMEM;
  int rc = WOO_ENOMEM;
  p->style = src->style;
  memcpy(p->entity, src->entity, sizeof p->entity);
  if (!(p->name = woo__strdup(src->name ? src->name : "")))
    goto fail;
  if (src->n_terms) {
    if (!(p->terms = woo__calloc(src->n_terms, sizeof *p->terms)))
      goto fail;
    for (size_t i = 0; i < src->n_terms; i++, p->n_terms++) {
      p->terms[i] = src->terms[i];
      if (!(p->terms[i].term = woo__strndup(src->terms[i].term, src->terms[i].len)))
        goto fail;
    }
  }
  if (src->n_patterns) {
    if (!(p->patterns = woo__calloc(src->n_patterns, sizeof *p->patterns)))
      goto fail;
    for (size_t i = 0; i < src->n_patterns; i++, p->n_patterns++) {
      p->patterns[i] = src->patterns[i];
      p->patterns[i].name = dup_or_null(src->patterns[i].name);
      p->patterns[i].regex = dup_or_null(src->patterns[i].regex);
      if (!p->patterns[i].regex)
        goto fail;
    }
  }
  if (src->n_sections) {
    if (!(p->sections = woo__calloc(src->n_sections, sizeof *p->sections)))
      goto fail;
    for (size_t i = 0; i < src->n_sections; i++, p->n_sections++) {
      p->sections[i] = src->sections[i];
      p->sections[i].heading = dup_or_null(src->sections[i].heading);
      p->sections[i].until = dup_or_null(src->sections[i].until);
      p->sections[i].keep = dup_or_null(src->sections[i].keep);
      if (!p->sections[i].heading)
        goto fail;
    }
  }
  if (copy_strv(&p->allow, &p->n_allow, src->allow, src->n_allow) ||
      copy_strv(&p->officials, &p->n_officials, src->officials, src->n_officials) ||
      copy_strv(&p->mailboxes, &p->n_mailboxes, src->mailboxes, src->n_mailboxes) ||
      copy_strv(&p->public_domains, &p->n_public_domains, src->public_domains,
                src->n_public_domains))
    goto fail;
  *out = p;
  return 0;
fail:
  woo_policy_free(p);
  return rc;
}
