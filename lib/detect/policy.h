/* The compiled policy, read by the scanner and the rules.  Never
 * installed.  Every string is owned by the policy. */
#ifndef WOO_DETECT_POLICY_H
#define WOO_DETECT_POLICY_H

#include <stdbool.h>

#include "woo/policy.h"

typedef struct woo__entity_rule {
  bool enabled;
  const woo_ground *ground;
  double threshold; /* hits below this confidence are dropped */
} woo__entity_rule;

/* A literal term to withhold wherever it occurs (whole words). */
typedef struct woo__term_rule {
  char *term;
  size_t len;
  const woo_ground *ground;
  bool case_sensitive;
} woo__term_rule;

/* A PCRE2 pattern to withhold. `group` selects a capture group to mark
 * (0 = the whole match). */
typedef struct woo__pattern_rule {
  char *name;
  char *regex;
  const woo_ground *ground;
  woo_entity entity;
  int group;
} woo__pattern_rule;

/* A section rule: the body under a heading matching `heading` is withheld
 * until the next line matching `until` (or the end of the text when
 * `until` is NULL).  Each paragraph of the body becomes its own mark, as
 * publishers print a code per paragraph.  Lines matching `keep` (item
 * titles, numbered sub-headings) stay visible; the heading itself stays
 * visible when keep_headings. */
typedef struct woo__section_rule {
  char *heading;
  char *until; /* may be NULL */
  char *keep;  /* may be NULL */
  const woo_ground *ground;
  bool keep_headings;
} woo__section_rule;

struct woo_policy {
  char *name; /* file path or "default" */
  woo_style style;
  woo__entity_rule entity[WOO_ENTITY_COUNT];
  woo__term_rule *terms;
  size_t n_terms;
  woo__pattern_rule *patterns;
  size_t n_patterns;
  woo__section_rule *sections;
  size_t n_sections;
  char **allow; /* never withheld: names, organisations, terms */
  size_t n_allow;
  char **officials; /* public officials by name: never withheld */
  size_t n_officials;
  char **mailboxes; /* functional mailbox local parts: info, secretariaat */
  size_t n_mailboxes;
  char **public_domains; /* domains whose generic addresses stay */
  size_t n_public_domains;
};

#endif
