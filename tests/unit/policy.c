/* Policy files: the default policy, every key of the format, every error
 * with its position, term files and limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/detect/policy.h"
#include "test.h"
#include "woo.h"

static char tmpdir[64];

static void write_bytes(const char *name, const char *data, size_t n) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f)
    return;
  CHECK_INT(fwrite(data, 1, n, f), n);
  fclose(f);
}

static void write_file(const char *name, const char *text) {
  write_bytes(name, text, strlen(text));
}

static woo_policy *parse(const char *yaml) {
  woo_policy *p = NULL;
  int rc = woo_policy_parse(&p, yaml, strlen(yaml), "t.yaml", tmpdir);
  if (rc != 0)
    fprintf(stderr, "  unexpected error: %s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  return p;
}

static const char *code(const woo_ground *g) {
  return g ? g->code : "(none)";
}

static bool has(char **v, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(v[i], s))
      return true;
  return false;
}

TEST(t_entities) {
  woo_entity e;
  for (int i = 0; i < WOO_ENTITY_COUNT; i++) {
    CHECK_INT(woo_entity_parse(&e, woo_entity_name((woo_entity)i)), 0);
    CHECK_INT(e, i);
  }
  CHECK_STR(woo_entity_name(WOO_ENTITY_BIRTHDATE), "birthdate");
  CHECK_STR(woo_entity_name((woo_entity)99), "other");
  CHECK_INT(woo_entity_parse(&e, "persons"), WOO_EINVAL);
  CHECK_INT(woo_entity_parse(&e, "Person"), WOO_EINVAL);
  CHECK_STR(woo_mark_status_name(WOO_MARK_REJECTED), "rejected");
  CHECK_STR(woo_mark_status_name(WOO_MARK_ACCEPTED), "accepted");
  CHECK_STR(woo_mark_status_name(WOO_MARK_PROPOSED), "proposed");
}

TEST(t_default) {
  woo_policy *p = NULL;
  CHECK_INT(woo_policy_default(&p), 0);
  CHECK(p != NULL);
  if (!p)
    return;
  CHECK_STR(p->name, "default");
  CHECK_INT(woo_policy_style(p), WOO_STYLE_DOTTED);
  static const char *grounds[WOO_ENTITY_COUNT] = {
      "5.1.2.e", "5.1.2.e", "5.1.2.e", "5.1.1.e", "5.1.2.e", "5.1.2.e",
      "5.1.2.e", "5.1.2.e", "5.1.1.e", "5.1.2.e", "5.1.2.h", "5.1.2.h",
      "5.1.2.h", "5.1.2.e", "5.1.2.e", "5.1.2.e", "5.1.2.e", "5.1.2.e"};
  for (int i = 0; i < WOO_ENTITY_COUNT; i++) {
    CHECK_STR(code(woo_policy_entity_ground(p, (woo_entity)i)), grounds[i]);
    CHECK_INT(woo_policy_entity_enabled(p, (woo_entity)i),
              i != WOO_ENTITY_FUNCTION);
    CHECK(woo_policy_entity_threshold(p, (woo_entity)i) == 0.5);
  }
  CHECK_INT(p->n_terms + p->n_patterns + p->n_sections, 0);
  CHECK_INT(p->n_allow + p->n_officials, 0);
  CHECK(p->n_mailboxes >= 20);
  CHECK(has(p->mailboxes, p->n_mailboxes, "info"));
  CHECK(has(p->mailboxes, p->n_mailboxes, "secretariaat"));
  CHECK(has(p->public_domains, p->n_public_domains, "rijksoverheid.nl"));
  CHECK(has(p->public_domains, p->n_public_domains, "minbuza.nl"));
  woo_policy_free(p);

  const char *y = woo_policy_default_yaml();
  CHECK(y && strstr(y, "version: 1") && strstr(y, "mailboxes:"));

  /* Reading the default must be cheap: the scanner does it per build. */
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  int runs = 50;
  for (int i = 0; i < runs; i++) {
    p = NULL;
    CHECK_INT(woo_policy_default(&p), 0);
    woo_policy_free(p);
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 +
               (double)(b.tv_nsec - a.tv_nsec) / 1e6) /
              runs;
  fprintf(stderr, "  default policy: %.3f ms a parse\n", ms);
  CHECK(ms < 20.0); /* generous: sanitizer builds run ~10x slower */
}

TEST(t_null_safe) {
  woo_policy_free(NULL);
  CHECK_INT(woo_policy_style(NULL), WOO_STYLE_DOTTED);
  CHECK_INT(woo_policy_entity_enabled(NULL, WOO_ENTITY_PERSON), 0);
  CHECK(woo_policy_entity_ground(NULL, WOO_ENTITY_PERSON) == NULL);
  woo_policy *p = NULL;
  CHECK_INT(woo_policy_default(&p), 0);
  CHECK_INT(woo_policy_entity_enabled(p, (woo_entity)WOO_ENTITY_COUNT), 0);
  CHECK(woo_policy_entity_ground(p, (woo_entity)-1) == NULL);
  woo_policy_free(p);
  CHECK_INT(woo_policy_parse(NULL, "", 0, "x", NULL), WOO_EINVAL);
  CHECK_INT(woo_policy_default(NULL), WOO_EINVAL);
  CHECK_INT(woo_policy_load(&p, NULL), WOO_EINVAL);
}

static const char full_example[] =
    "# a full policy\n"
    "version: 1\n"
    "style: comma\n"
    "entities:\n"
    "  person:   {enabled: true, ground: 5.1.2.e, threshold: 0.75}\n"
    "  email:    {ground: 5.1.2.e}\n"
    "  bsn:      {ground: 5.1.1.e}\n"
    "  function: {enabled: true}\n"
    "  ip:       {ground: 5.1.2.h, threshold: 1}\n"
    "  url:      off\n"
    "  term:     {ground: 5.1.2.i}\n"
    "terms:\n"
    "  - {term: \"Dashboard Radar\", ground: 5.1.2.h}\n"
    "  - {term: Signaleringstraining, ground: 5.1.2.i, case_sensitive: "
    "false}\n"
    "  - {file: termen/systemen.txt, ground: 5.1.2.h}\n"
    "  - Project Noorderlicht\n"
    "patterns:\n"
    "  - {name: zaaknummer, regex: 'Z/\\d{2}/\\d{6}', ground: 5.1.2.e, "
    "entity: pattern, group: 0}\n"
    "  - name: pasnummer\n"
    "    regex: 'pas(?:nummer)?:\\s*(\\d{8})'\n"
    "    entity: idnumber\n"
    "    group: 1\n"
    "sections:\n"
    "  - {heading: '^CASUÏSTIEK\\s*$', until: '^[A-Z][A-Z ]+$', ground: "
    "4.1.4, keep_headings: true}\n"
    "  - heading: '^Bijlage'\n"
    "    keep: '^\\d+\\.'\n"
    "    keep_headings: no\n"
    "allow:\n"
    "  - PTO-R\n"
    "  - {file: allow.txt}\n"
    "officials: [ \"Mark Rutte\", Hugo de Jonge ]\n"
    "mailboxes: [Info, secretariaat, woo]\n"
    "public_domains: [MinBuZa.nl, rijksoverheid.nl]\n";

TEST(t_full_example) {
  char sub[128];
  snprintf(sub, sizeof sub, "%s/termen", tmpdir);
  mkdir(sub, 0700);
  write_file("termen/systemen.txt", "\xEF\xBB\xBF# systemen\n"
                                    "Radarscherm\r\n"
                                    "\n"
                                    "   Kompas 3  \n"
                                    "  # also a comment\n"
                                    "C#-koppeling\n");
  write_file("allow.txt", "Politie\nOpenbaar Ministerie\n");
  write_file("full.yaml", full_example);
  char path[256];
  snprintf(path, sizeof path, "%s/full.yaml", tmpdir);
  woo_policy *p = NULL;
  int rc = woo_policy_load(&p, path);
  if (rc)
    fprintf(stderr, "  %s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  if (!p)
    return;
  CHECK_STR(p->name, path);
  CHECK_INT(woo_policy_style(p), WOO_STYLE_COMMA);
  CHECK(woo_policy_entity_threshold(p, WOO_ENTITY_PERSON) == 0.75);
  CHECK(woo_policy_entity_threshold(p, WOO_ENTITY_IP) == 1.0);
  CHECK(woo_policy_entity_threshold(p, WOO_ENTITY_EMAIL) == 0.5);
  CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_FUNCTION), 1);
  CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_URL), 0);
  CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_PHONE), 1);
  CHECK_STR(code(woo_policy_entity_ground(p, WOO_ENTITY_BSN)), "5.1.1.e");
  CHECK_STR(code(woo_policy_entity_ground(p, WOO_ENTITY_IP)), "5.1.2.h");
  CHECK_STR(code(woo_policy_entity_ground(p, WOO_ENTITY_FUNCTION)), "5.1.2.e");

  CHECK_INT(p->n_terms, 6);
  if (p->n_terms == 6) {
    CHECK_STR(p->terms[0].term, "Dashboard Radar");
    CHECK_INT(p->terms[0].len, 15);
    CHECK_STR(code(p->terms[0].ground), "5.1.2.h");
    CHECK(p->terms[0].case_sensitive);
    CHECK_STR(p->terms[1].term, "Signaleringstraining");
    CHECK_STR(code(p->terms[1].ground), "5.1.2.i");
    CHECK(!p->terms[1].case_sensitive);
    CHECK_STR(p->terms[2].term, "Radarscherm");
    CHECK_STR(p->terms[3].term, "Kompas 3");
    CHECK_STR(p->terms[4].term, "C#-koppeling");
    for (int i = 2; i < 5; i++)
      CHECK_STR(code(p->terms[i].ground), "5.1.2.h");
    /* A rule without a ground takes the entity's: term → 5.1.2.i. */
    CHECK_STR(p->terms[5].term, "Project Noorderlicht");
    CHECK_STR(code(p->terms[5].ground), "5.1.2.i");
  }

  CHECK_INT(p->n_patterns, 2);
  if (p->n_patterns == 2) {
    CHECK_STR(p->patterns[0].name, "zaaknummer");
    CHECK_STR(p->patterns[0].regex, "Z/\\d{2}/\\d{6}");
    CHECK_STR(code(p->patterns[0].ground), "5.1.2.e");
    CHECK_INT(p->patterns[0].entity, WOO_ENTITY_PATTERN);
    CHECK_INT(p->patterns[0].group, 0);
    CHECK_STR(p->patterns[1].name, "pasnummer");
    CHECK_INT(p->patterns[1].entity, WOO_ENTITY_IDNUMBER);
    CHECK_INT(p->patterns[1].group, 1);
    CHECK_STR(code(p->patterns[1].ground), "5.1.1.e"); /* idnumber's */
  }

  CHECK_INT(p->n_sections, 2);
  if (p->n_sections == 2) {
    CHECK_STR(p->sections[0].heading, "^CASUÏSTIEK\\s*$");
    CHECK_STR(p->sections[0].until, "^[A-Z][A-Z ]+$");
    CHECK(p->sections[0].keep == NULL);
    CHECK_STR(code(p->sections[0].ground), "4.1.4");
    CHECK(p->sections[0].keep_headings);
    CHECK_STR(p->sections[1].heading, "^Bijlage");
    CHECK(p->sections[1].until == NULL);
    CHECK_STR(p->sections[1].keep, "^\\d+\\.");
    CHECK_STR(code(p->sections[1].ground), "5.1.2.e");
    CHECK(!p->sections[1].keep_headings);
  }

  CHECK_INT(p->n_allow, 3);
  CHECK(has(p->allow, p->n_allow, "PTO-R"));
  CHECK(has(p->allow, p->n_allow, "Politie"));
  CHECK(has(p->allow, p->n_allow, "Openbaar Ministerie"));
  CHECK_INT(p->n_officials, 2);
  CHECK(has(p->officials, p->n_officials, "Mark Rutte"));
  CHECK(has(p->officials, p->n_officials, "Hugo de Jonge"));
  /* Lists replace the default's; mailboxes and domains fold case. */
  CHECK_INT(p->n_mailboxes, 3);
  CHECK(has(p->mailboxes, p->n_mailboxes, "info"));
  CHECK(!has(p->mailboxes, p->n_mailboxes, "postbus"));
  CHECK_INT(p->n_public_domains, 2);
  CHECK(has(p->public_domains, p->n_public_domains, "minbuza.nl"));
  woo_policy_free(p);
}

TEST(t_missing_keys_keep_defaults) {
  woo_policy *p = parse("entities:\n  person: {threshold: 0.9}\n");
  if (!p)
    return;
  CHECK_INT(woo_policy_style(p), WOO_STYLE_DOTTED);
  CHECK(woo_policy_entity_threshold(p, WOO_ENTITY_PERSON) == 0.9);
  CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_PERSON), 1);
  CHECK_STR(code(woo_policy_entity_ground(p, WOO_ENTITY_PERSON)), "5.1.2.e");
  CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_FUNCTION), 0);
  CHECK(has(p->mailboxes, p->n_mailboxes, "info"));
  woo_policy_free(p);

  /* Empty files, comments only, a bare document marker, null lists. */
  const char *empties[] = {"", "# nothing\n", "---\n", "terms:\nallow: ~\n"};
  for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
    p = parse(empties[i]);
    if (!p)
      continue;
    CHECK_INT(p->n_terms, 0);
    CHECK(woo_policy_entity_enabled(p, WOO_ENTITY_EMAIL));
    woo_policy_free(p);
  }

  /* The ground a rule falls back to is the entity's after the whole file
   * is read, whatever the order of keys. */
  p = parse("terms: [Alfa]\n"
            "sections: [{heading: '^X$'}]\n"
            "entities: {term: {ground: 5.1.2.i}, section: {ground: 4.1.4}}\n");
  if (p) {
    CHECK_STR(code(p->terms[0].ground), "5.1.2.i");
    CHECK_STR(code(p->sections[0].ground), "4.1.4");
    woo_policy_free(p);
  }

  /* Mailboxes can be emptied. */
  p = parse("mailboxes: []\n");
  if (p) {
    CHECK_INT(p->n_mailboxes, 0);
    CHECK(p->n_public_domains > 0);
    woo_policy_free(p);
  }
}

TEST(t_odd_ground_notations) {
  static const struct {
    const char *written, *code;
  } cases[] = {
      {"5.1.2.e", "5.1.2.e"},   {"5.1.2e", "5.1.2.e"},
      {"'5.1.2,e'", "5.1.2.e"}, {"'5.1,2,e'", "5.1.2.e"},
      {"5.1.1e", "5.1.1.e"},    {"4.1.4", "4.1.4"},
      {"10.2.e", "10.2.e"}, /* a Wob ground is kept as written */
      {"10.2e", "10.2.e"},      {"art. 5.1 lid 2 sub i Woo", "5.1.2.i"},
      {"11.1", "11.1"},         {"5.2.1", "5.2.1"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char yaml[200];
    snprintf(yaml, sizeof yaml, "entities:\n  person: {ground: %s}\n",
             cases[i].written);
    woo_policy *p = NULL;
    int rc = woo_policy_parse(&p, yaml, strlen(yaml), "t.yaml", NULL);
    if (rc)
      fprintf(stderr, "  %s: %s\n", cases[i].written,
              woo_error_last()->message);
    CHECK_INT(rc, 0);
    if (p)
      CHECK_STR(code(woo_policy_entity_ground(p, WOO_ENTITY_PERSON)),
                cases[i].code);
    woo_policy_free(p);
  }
}

/* Each bad policy: the code, the position and words of the message. */
static const struct {
  const char *yaml;
  int code;
  const char *prefix; /* "t.yaml:L:C: " */
  const char *words;  /* a part of the message */
} bad[] = {
    {"styel: dotted\n", WOO_EPOLICY,
     "t.yaml:1:1: ", "unknown key 'styel' (did you mean 'style'?)"},
    {"version: 1\nentities:\n  person: {enabeld: true}\n", WOO_EPOLICY,
     "t.yaml:3:12: ", "did you mean 'enabled'?"},
    {"entities:\n  persons: {enabled: true}\n", WOO_EPOLICY,
     "t.yaml:2:3: ", "unknown entity 'persons' (did you mean 'person'?)"},
    {"entities:\n  zebra: {enabled: true}\n", WOO_EPOLICY,
     "t.yaml:2:3: ", "expected one of: person, email"},
    {"frobnicate: 1\n", WOO_EPOLICY, "t.yaml:1:1: ", "expected one of:"},
    {"style: dotted\nstyle: comma\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "duplicate key 'style' (first given at line 1)"},
    {"entities:\n  person: {}\n  person: {}\n", WOO_EPOLICY,
     "t.yaml:3:3: ", "duplicate entity 'person'"},
    {"style: fancy\n", WOO_EPOLICY, "t.yaml:1:8: ", "unknown style 'fancy'"},
    {"version: 2\n", WOO_EPOLICY, "t.yaml:1:10: ", "unsupported version"},
    {"entities: [person]\n", WOO_EPOLICY,
     "t.yaml:1:11: ", "'entities' must be a mapping, found a list"},
    {"terms: Dashboard\n", WOO_EPOLICY,
     "t.yaml:1:8: ", "'terms' must be a list"},
    {"entities:\n  email: {enabled: maybe}\n", WOO_EPOLICY,
     "t.yaml:2:20: ", "enabled must be true or false, found 'maybe'"},
    {"entities:\n  email: {enabled: 'true'}\n", WOO_EPOLICY,
     "t.yaml:2:20: ", "enabled must be true or false, without quotes"},
    {"entities:\n  email: {ground: 5.1.2.z}\n", WOO_EPOLICY,
     "t.yaml:2:19: ", "unknown ground '5.1.2.z'"},
    {"entities:\n  email: {ground: dubbel}\n", WOO_EPOLICY,
     "t.yaml:2:19: ", "is a status, not a ground"},
    {"entities:\n  email: {threshold: 1.5}\n", WOO_EPOLICY,
     "t.yaml:2:22: ", "threshold must be a number from 0 to 1, found '1.5'"},
    {"entities:\n  email: {threshold: -0.1}\n", WOO_EPOLICY,
     "t.yaml:2:22: ", "threshold"},
    {"entities:\n  email: {threshold: nan}\n", WOO_EPOLICY,
     "t.yaml:2:22: ", "threshold"},
    {"entities:\n  email: {threshold: 0x1}\n", WOO_EPOLICY,
     "t.yaml:2:22: ", "threshold"},
    {"entities:\n  email: {threshold: [1]}\n", WOO_EPOLICY,
     "t.yaml:2:22: ", "found a list"},
    {"patterns:\n  - {regex: 'Z/(\\d{2}'}\n", WOO_EPOLICY, "t.yaml:2:13: ",
     "regex does not compile: missing closing parenthesis (at offset 8"},
    {"patterns:\n  - {name: x}\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "a pattern needs 'regex'"},
    {"patterns:\n  - {regex: 'a(b)', group: 2}\n", WOO_EPOLICY,
     "t.yaml:2:28: ", "group 2, but the regex has 1 capture group"},
    {"patterns:\n  - {regex: 'ab', group: x}\n", WOO_EPOLICY,
     "t.yaml:2:26: ", "group must be a capture group number"},
    {"patterns:\n  - {regex: 'ab', entity: persoon}\n", WOO_EPOLICY,
     "t.yaml:2:27: ", "unknown entity 'persoon' (did you mean 'person'?)"},
    {"patterns:\n  - 'ab+'\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "a pattern must be a mapping"},
    {"sections:\n  - {until: '^X'}\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "a section rule needs 'heading'"},
    {"sections:\n  - {heading: '[A-Z'}\n", WOO_EPOLICY,
     "t.yaml:2:15: ", "heading does not compile: missing terminating ]"},
    {"sections:\n  - {heading: '^A', keep: '*x'}\n", WOO_EPOLICY,
     "t.yaml:2:27: ", "keep does not compile"},
    {"terms:\n  - {file: nope.txt, ground: 5.1.2.h}\n", WOO_EPOLICY,
     "t.yaml:2:12: ", "file 'nope.txt' not found"},
    {"allow:\n  - {file: missing-allow.txt}\n", WOO_EPOLICY,
     "t.yaml:2:12: ", "file 'missing-allow.txt' not found"},
    {"terms:\n  - {term: a, file: b.txt}\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "'term' or 'file', not both"},
    {"terms:\n  - {ground: 5.1.2.h}\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "needs 'term' or 'file'"},
    {"terms:\n  - {term: '  '}\n", WOO_EPOLICY,
     "t.yaml:2:12: ", "term is empty"},
    {"terms:\n  - {term: x, case_sensitive: 1}\n", WOO_EPOLICY,
     "t.yaml:2:31: ", "case_sensitive must be true or false"},
    {"terms:\n  - [a]\n", WOO_EPOLICY,
     "t.yaml:2:5: ", "a term must be text or a mapping"},
    {"allow:\n  - {files: x}\n", WOO_EPOLICY,
     "t.yaml:2:6: ", "did you mean 'file'?"},
    {"officials: [\"Jan\\0Jansen\"]\n", WOO_EPOLICY, "t.yaml:1:13: ", "NUL"},
    {"- a\n- b\n", WOO_EPOLICY, "t.yaml:1:1: ", "a policy must be a mapping"},
    {"style: dotted\n---\nstyle: comma\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "one YAML document"},
    {"base: &b {enabled: true}\n", WOO_EPOLICY,
     "t.yaml:1:1: ", "unknown key 'base'"},
    {"entities:\n  person: &p {enabled: true}\n  email: *p\n", WOO_EPOLICY,
     "t.yaml:3:10: ", "aliases (*p) are not allowed"},
    /* YAML syntax: libyaml's problem at its mark. */
    {"terms: [a]\n  bad: x\n", WOO_EPOLICY,
     "t.yaml:2:3: ", "did not find expected key"},
    {"style: dotted: x\n", WOO_EPOLICY,
     "t.yaml:1:14: ", "mapping values are not allowed in this context"},
    {"terms: [a, b\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "did not find expected ',' or ']'"},
    {"style: 'dotted\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "found unexpected end of stream"},
    {"style: dotted\n\tentities: {}\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "found a tab character that violates indentation"},
    {"style: dotted\n@x: 1\n", WOO_EPOLICY,
     "t.yaml:2:1: ", "found character that cannot start any token"},
    {"style: do\xfftted\n", WOO_EPOLICY,
     "t.yaml:1:10: ", "invalid leading UTF-8 octet"},
};

TEST(t_errors) {
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    woo_policy *p = NULL;
    woo_error_clear();
    int rc = woo_policy_parse(&p, bad[i].yaml, strlen(bad[i].yaml), "t.yaml",
                              tmpdir);
    const char *msg = woo_error_last()->message;
    bool ok = rc == bad[i].code && p == NULL &&
              !strncmp(msg, bad[i].prefix, strlen(bad[i].prefix)) &&
              strstr(msg, bad[i].words) != NULL &&
              woo_error_last()->code == bad[i].code;
    if (!ok)
      fprintf(stderr,
              "  case %zu: rc %d, message \"%s\"; expected \"%s...%s\"\n", i,
              rc, msg, bad[i].prefix, bad[i].words);
    CHECK(ok);
    woo_policy_free(p);
  }
}

TEST(t_term_files) {
  write_file("bad-utf8.txt", "goed\nfout \xC3\x28\n");
  write_bytes("nul.txt", "een\ntw\0ee\n", 10);
  write_file("crlf.txt", "Alfa Beta\r\nGamma\r\n# x\r\n");
  char sub[128];
  snprintf(sub, sizeof sub, "%s/dir.txt", tmpdir);
  mkdir(sub, 0700);
  woo_policy *p = NULL;
  const char *y = "terms:\n  - {file: bad-utf8.txt}\n";
  CHECK_INT(woo_policy_parse(&p, y, strlen(y), "t.yaml", tmpdir), WOO_EPOLICY);
  CHECK(strstr(woo_error_last()->message,
               "t.yaml:2:12: file 'bad-utf8.txt', line 2: not valid UTF-8"));
  y = "terms:\n  - {file: dir.txt}\n";
  CHECK_INT(woo_policy_parse(&p, y, strlen(y), "t.yaml", tmpdir), WOO_EPOLICY);
  CHECK(strstr(woo_error_last()->message, "cannot read file 'dir.txt'"));
  y = "allow:\n  - {file: nul.txt}\n";
  CHECK_INT(woo_policy_parse(&p, y, strlen(y), "t.yaml", tmpdir), WOO_EPOLICY);
  CHECK(strstr(woo_error_last()->message,
               "t.yaml:2:12: file 'nul.txt', line 2: contains a NUL byte"));

  /* Absolute paths are allowed; relative ones follow `dir`. */
  char abs[256];
  snprintf(abs, sizeof abs, "terms:\n  - {file: '%s/crlf.txt'}\n", tmpdir);
  CHECK_INT(woo_policy_parse(&p, abs, strlen(abs), "t.yaml", "/nonexistent"),
            0);
  if (p) {
    CHECK_INT(p->n_terms, 2);
    CHECK_STR(p->terms[0].term, "Alfa Beta");
    CHECK_STR(p->terms[1].term, "Gamma");
    CHECK_INT(p->terms[1].len, 5);
    woo_policy_free(p);
    p = NULL;
  }
  y = "terms:\n  - {file: crlf.txt}\n";
  CHECK_INT(woo_policy_parse(&p, y, strlen(y), "t.yaml", "/nonexistent"),
            WOO_EPOLICY);
  CHECK(strstr(woo_error_last()->message, "looked for /nonexistent/crlf.txt"));
  CHECK(p == NULL);
}

TEST(t_load_errors) {
  woo_policy *p = NULL;
  char path[256];
  snprintf(path, sizeof path, "%s/does-not-exist.yaml", tmpdir);
  CHECK_INT(woo_policy_load(&p, path), WOO_ENOTFOUND);
  CHECK(strstr(woo_error_last()->message, "does-not-exist.yaml"));
  write_file("bad.yaml", "version: 1\nstyle: comma\nentities:\n  ip: {x: 1}\n");
  snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
  CHECK_INT(woo_policy_load(&p, path), WOO_EPOLICY);
  char want[300];
  snprintf(want, sizeof want, "%s:4:8: unknown key 'x'", path);
  CHECK(!strncmp(woo_error_last()->message, want, strlen(want)));
  CHECK(p == NULL);
}

TEST(t_limits) {
  /* Over 16 MB is refused before any parsing. */
  size_t big = ((size_t)16 << 20) + 1;
  char *s = malloc(big);
  CHECK(s != NULL);
  if (s) {
    memset(s, '#', big);
    woo_policy *p = NULL;
    CHECK_INT(woo_policy_parse(&p, s, big, "big.yaml", NULL), WOO_ELIMIT);
    CHECK(strstr(woo_error_last()->message, "big.yaml"));
    free(s);
  }
  /* A "billion laughs" document stops at the first alias. */
  const char *laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
  woo_policy *p = NULL;
  CHECK_INT(woo_policy_parse(&p, laughs, strlen(laughs), "l.yaml", NULL),
            WOO_EPOLICY);
  /* Deep nesting is refused at the first level the schema does not take. */
  size_t depth = 100000;
  s = malloc(2 * depth + 20);
  if (s) {
    size_t n = (size_t)sprintf(s, "terms: ");
    memset(s + n, '[', depth);
    memset(s + n + depth, ']', depth);
    CHECK_INT(woo_policy_parse(&p, s, n + 2 * depth, "deep.yaml", NULL),
              WOO_EPOLICY);
    CHECK(strstr(woo_error_last()->message, "deep.yaml:1:9: "));
    free(s);
  }
}

/* A term file with many lines loads, and quickly. */
TEST(t_many_terms) {
  char path[256];
  snprintf(path, sizeof path, "%s/many.txt", tmpdir);
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f)
    return;
  for (int i = 0; i < 200000; i++)
    fprintf(f, "term-%d\n", i);
  fclose(f);
  const char *y = "terms: [{file: many.txt, ground: 5.1.2.i}]\n";
  woo_policy *p = NULL;
  CHECK_INT(woo_policy_parse(&p, y, strlen(y), "t.yaml", tmpdir), 0);
  if (p) {
    CHECK_INT(p->n_terms, 200000);
    CHECK_STR(p->terms[199999].term, "term-199999");
    CHECK_STR(code(p->terms[123].ground), "5.1.2.i");
    woo_policy_free(p);
  }
}

/* The first example of docs/policy.md must load as printed. */
TEST(t_docs_example) {
  char path[512];
  snprintf(path, sizeof path, "%s/docs/policy.md", WOO_SOURCE_ROOT);
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  if (!f)
    return;
  static char doc[65536];
  size_t n = fread(doc, 1, sizeof doc - 1, f);
  fclose(f);
  doc[n] = '\0';
  char *start = strstr(doc, "```yaml\n");
  char *end = start ? strstr(start + 8, "```\n") : NULL;
  CHECK(start && end);
  if (!start || !end)
    return;
  start += 8;
  char sub[128];
  snprintf(sub, sizeof sub, "%s/termen", tmpdir);
  mkdir(sub, 0700);
  write_file("termen/systemen.txt", "Radarscherm\n");
  write_file("allow.txt", "Politie\n");
  woo_policy *p = NULL;
  int rc =
      woo_policy_parse(&p, start, (size_t)(end - start), "policy.md", tmpdir);
  if (rc)
    fprintf(stderr, "  %s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  if (p) {
    CHECK_INT(p->n_terms, 4);
    CHECK_INT(p->n_patterns, 2);
    CHECK_INT(p->n_sections, 1);
    CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_URL), 0);
    CHECK_INT(woo_policy_entity_enabled(p, WOO_ENTITY_FUNCTION), 1);
  }
  woo_policy_free(p);
}

static void rm_tree(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/woo-policy-XXXXXX");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  RUN(t_entities);
  RUN(t_default);
  RUN(t_null_safe);
  RUN(t_full_example);
  RUN(t_missing_keys_keep_defaults);
  RUN(t_odd_ground_notations);
  RUN(t_errors);
  RUN(t_term_files);
  RUN(t_load_errors);
  RUN(t_limits);
  RUN(t_many_terms);
  RUN(t_docs_example);
  rm_tree();
  TEST_END();
}
