/* Policies: the YAML format of docs/policy.md, read into the struct
 * woo_policy that the scanner and the rules consult.
 *
 * The file is read with libyaml's event API as a pull parser: each part of
 * the schema pulls the events it expects and rejects anything else at
 * once, so memory stays proportional to what the policy keeps and no
 * nesting deeper than the schema is ever followed.  Aliases are refused,
 * which rules out "billion laughs" expansion.
 *
 * Every policy is read on top of the embedded default policy: keys it
 * leaves out keep their default, lists it gives replace the default's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <yaml.h>

#include "../core/internal.h"
#include "data/default_policy.h"
#include "policy.h"

#define POLICY_MAX_BYTES ((size_t)16 << 20)
#define TERM_FILE_MAX_BYTES ((size_t)256 << 20)
#define MAX_ENTRIES 10000000u
#define REGEX_FLAGS (PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE)

/* Built-in entity settings, before any YAML is read.  The default policy
 * states the same values, so a reader of that file sees them all. */
static const struct {
  const char *ground;
  bool enabled;
} entity_defaults[WOO_ENTITY_COUNT] = {
    [WOO_ENTITY_PERSON] = {"5.1.2.e", true},
    [WOO_ENTITY_EMAIL] = {"5.1.2.e", true},
    [WOO_ENTITY_PHONE] = {"5.1.2.e", true},
    [WOO_ENTITY_BSN] = {"5.1.1.e", true},
    [WOO_ENTITY_IBAN] = {"5.1.2.e", true},
    [WOO_ENTITY_ADDRESS] = {"5.1.2.e", true},
    [WOO_ENTITY_PLATE] = {"5.1.2.e", true},
    [WOO_ENTITY_BIRTHDATE] = {"5.1.2.e", true},
    [WOO_ENTITY_IDNUMBER] = {"5.1.1.e", true},
    [WOO_ENTITY_URL] = {"5.1.2.e", true},
    [WOO_ENTITY_IP] = {"5.1.2.h", true},
    [WOO_ENTITY_HOSTNAME] = {"5.1.2.h", true},
    [WOO_ENTITY_SECRET] = {"5.1.2.h", true},
    [WOO_ENTITY_FUNCTION] = {"5.1.2.e", false},
    [WOO_ENTITY_TERM] = {"5.1.2.e", true},
    [WOO_ENTITY_PATTERN] = {"5.1.2.e", true},
    [WOO_ENTITY_SECTION] = {"5.1.2.e", true},
    [WOO_ENTITY_OTHER] = {"5.1.2.e", true},
};

/* ---- keys of each mapping ------------------------------------------ */

enum {
  K_VERSION,
  K_STYLE,
  K_ENTITIES,
  K_TERMS,
  K_PATTERNS,
  K_SECTIONS,
  K_ALLOW,
  K_OFFICIALS,
  K_MAILBOXES,
  K_DOMAINS
};
static const char *const top_keys[] = {
    "version",   "style",          "entities", "terms",
    "patterns",  "sections",       "allow",    "officials",
    "mailboxes", "public_domains", NULL};

enum { E_ENABLED, E_GROUND, E_THRESHOLD };
static const char *const entity_keys[] = {"enabled", "ground", "threshold",
                                          NULL};

enum { T_TERM, T_FILE, T_GROUND, T_CASE };
static const char *const term_keys[] = {"term", "file", "ground",
                                        "case_sensitive", NULL};

enum { P_NAME, P_REGEX, P_GROUND, P_ENTITY, P_GROUP };
static const char *const pattern_keys[] = {"name",   "regex", "ground",
                                           "entity", "group", NULL};

enum { S_HEADING, S_UNTIL, S_KEEP, S_GROUND, S_KEEP_HEADINGS };
static const char *const section_keys[] = {"heading", "until",         "keep",
                                           "ground",  "keep_headings", NULL};

static const char *const list_keys[] = {"file", NULL};

/* Entity names, in woo_entity order and NULL-terminated, for key lookup
 * and suggestions. */
typedef struct entity_names {
  const char *v[WOO_ENTITY_COUNT + 1];
} entity_names;

static entity_names entity_name_list(void) {
  entity_names n;
  for (int i = 0; i < WOO_ENTITY_COUNT; i++)
    n.v[i] = woo_entity_name((woo_entity)i);
  n.v[WOO_ENTITY_COUNT] = NULL;
  return n;
}

/* ---- the parse context ---------------------------------------------- */

typedef struct pctx {
  yaml_parser_t parser;
  yaml_event_t ev;
  bool have_ev;
  const char *name; /* for messages */
  const char *dir;  /* term files resolve against this; may be NULL */
  const char *text;
  size_t len;
  woo_policy *p;
  size_t *entries; /* terms and list entries so far, across documents */
} pctx;

/* "NAME:LINE:COL: message" as WOO_EPOLICY (or `code`). */
static int fail_code(pctx *c, int code, yaml_mark_t m, const char *fmt, ...)
    WOO__PRINTF(4, 5);
static int fail_code(pctx *c, int code, yaml_mark_t m, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return woo__error(code, "%s:%zu:%zu: %s", c->name, m.line + 1, m.column + 1,
                    msg);
}

#define fail(c, m, ...) fail_code((c), WOO_EPOLICY, (m), __VA_ARGS__)

/* libyaml's reader reports a byte offset, not a line: count it here. */
static yaml_mark_t mark_at(const pctx *c, size_t off) {
  yaml_mark_t m = {off, 0, 0};
  if (off > c->len)
    off = c->len;
  for (size_t i = 0; i < off; i++) {
    if (c->text[i] == '\n') {
      m.line++;
      m.column = 0;
    } else if (((unsigned char)c->text[i] & 0xC0) != 0x80) {
      m.column++;
    }
  }
  return m;
}

static int syntax_error(pctx *c) {
  yaml_parser_t *y = &c->parser;
  const char *problem = y->problem ? y->problem : "malformed YAML";
  switch (y->error) {
  case YAML_MEMORY_ERROR: return woo__oom();
  case YAML_READER_ERROR:
    return fail(c, mark_at(c, y->problem_offset), "%s", problem);
  default:
    if (y->context)
      return fail(c, y->problem_mark, "%s (%s at line %zu)", problem,
                  y->context, y->context_mark.line + 1);
    return fail(c, y->problem_mark, "%s", problem);
  }
}

static int pull(pctx *c) {
  if (c->have_ev) {
    yaml_event_delete(&c->ev);
    c->have_ev = false;
  }
  if (!yaml_parser_parse(&c->parser, &c->ev))
    return syntax_error(c);
  c->have_ev = true;
  if (c->ev.type == YAML_ALIAS_EVENT)
    return fail(c, c->ev.start_mark,
                "aliases (*%.40s) are not allowed in a policy",
                (const char *)c->ev.data.alias.anchor);
  return 0;
}

static const char *describe(const yaml_event_t *ev) {
  switch (ev->type) {
  case YAML_SEQUENCE_START_EVENT: return "a list";
  case YAML_MAPPING_START_EVENT: return "a mapping";
  case YAML_SCALAR_EVENT:
    return ev->data.scalar.length ? "a single value" : "nothing";
  default: return "the end of a block";
  }
}

static const char *sval(const pctx *c) {
  return (const char *)c->ev.data.scalar.value;
}

static bool is_null(const yaml_event_t *ev) {
  if (ev->type != YAML_SCALAR_EVENT ||
      ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return false;
  const char *v = (const char *)ev->data.scalar.value;
  return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
         !strcmp(v, "NULL");
}

/* ---- suggestions ------------------------------------------------------ */

static char lower(char ch) {
  return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Edit distance, case-insensitive, for short keys only. */
static size_t distance(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na > 40 || nb > 40)
    return (size_t)-1;
  size_t row[41];
  for (size_t j = 0; j <= nb; j++)
    row[j] = j;
  for (size_t i = 1; i <= na; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      size_t up = row[j];
      size_t best = diag + (lower(a[i - 1]) != lower(b[j - 1]));
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

static const char *nearest(const char *word, const char *const *keys) {
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; keys[i]; i++) {
    size_t d = distance(word, keys[i]);
    if (d < best_d) {
      best_d = d;
      best = keys[i];
    }
  }
  size_t n = best ? strlen(best) : 0;
  size_t limit = n >= 8 ? 3 : n >= 4 ? 2 : 1;
  return best_d <= limit ? best : NULL;
}

static int unknown(pctx *c, yaml_mark_t m, const char *what, const char *word,
                   const char *const *keys) {
  const char *s = nearest(word, keys);
  if (s)
    return fail(c, m, "unknown %s '%.60s' (did you mean '%s'?)", what, word, s);
  char known[300] = "";
  size_t n = 0;
  for (size_t i = 0; keys[i] && n < sizeof known; i++)
    n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "",
                          keys[i]);
  return fail(c, m, "unknown %s '%.60s' (expected one of: %s)", what, word,
              known);
}

/* ---- mappings ------------------------------------------------------------ */

typedef struct mapstate {
  const char *const *keys;
  const char *what; /* "key", "entity" */
  uint32_t seen;
  size_t first_line[32];
  yaml_mark_t key_mark; /* of the key just read */
} mapstate;

/* Read the next key of a mapping: *idx is its index in m->keys, or -1 at
 * the end of the mapping. */
static int map_key(pctx *c, mapstate *m, int *idx) {
  int rc = pull(c);
  if (rc)
    return rc;
  if (c->ev.type == YAML_MAPPING_END_EVENT) {
    *idx = -1;
    return 0;
  }
  m->key_mark = c->ev.start_mark;
  if (c->ev.type != YAML_SCALAR_EVENT)
    return fail(c, c->ev.start_mark, "expected a key, found %s",
                describe(&c->ev));
  const char *k = sval(c);
  for (int i = 0; m->keys[i]; i++)
    if (!strcmp(k, m->keys[i])) {
      if (m->seen & (1u << i))
        return fail(c, m->key_mark,
                    "duplicate %s '%s' (first given at line %zu)", m->what, k,
                    m->first_line[i]);
      m->seen |= 1u << i;
      m->first_line[i] = m->key_mark.line + 1;
      *idx = i;
      return 0;
    }
  return unknown(c, m->key_mark, m->what, k, m->keys);
}

/* ---- scalar values ------------------------------------------------------- */

/* Pull a scalar that must hold text.  The value stays valid until the
 * next pull. */
static int read_text(pctx *c, const char *what, const char **out, size_t *len) {
  int rc = pull(c);
  if (rc)
    return rc;
  if (c->ev.type != YAML_SCALAR_EVENT || is_null(&c->ev))
    return fail(c, c->ev.start_mark, "%s must be text, found %s", what,
                describe(&c->ev));
  size_t n = c->ev.data.scalar.length;
  if (memchr(sval(c), '\0', n))
    return fail(c, c->ev.start_mark, "%s contains a NUL character", what);
  *out = sval(c);
  if (len)
    *len = n;
  return 0;
}

static int read_bool(pctx *c, const char *what, bool *out) {
  int rc = pull(c);
  if (rc)
    return rc;
  static const char *const yes[] = {"true", "yes", "on"};
  static const char *const no[] = {"false", "no", "off"};
  if (c->ev.type == YAML_SCALAR_EVENT &&
      c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
    char w[8];
    size_t n = c->ev.data.scalar.length;
    if (n < sizeof w) {
      for (size_t i = 0; i <= n; i++)
        w[i] = lower(sval(c)[i]);
      for (int i = 0; i < 3; i++) {
        if (!strcmp(w, yes[i])) {
          *out = true;
          return 0;
        }
        if (!strcmp(w, no[i])) {
          *out = false;
          return 0;
        }
      }
    }
    return fail(c, c->ev.start_mark, "%s must be true or false, found '%.40s'",
                what, sval(c));
  }
  if (c->ev.type == YAML_SCALAR_EVENT)
    return fail(c, c->ev.start_mark, "%s must be true or false, without quotes",
                what);
  return fail(c, c->ev.start_mark, "%s must be true or false, found %s", what,
              describe(&c->ev));
}

static int read_ground(pctx *c, const woo_ground **out) {
  const char *v;
  int rc = read_text(c, "a ground", &v, NULL);
  if (rc)
    return rc;
  const woo_ground *g = woo_ground_find(v);
  if (!g)
    return fail(c, c->ev.start_mark,
                "unknown ground '%.60s' (write it like 5.1.2.e or 4.1.4)", v);
  if (g->kind == WOO_GROUND_STATUS)
    return fail(c, c->ev.start_mark,
                "'%.60s' is a status, not a ground for withholding", v);
  *out = g;
  return 0;
}

static int read_threshold(pctx *c, double *out) {
  int rc = pull(c);
  if (rc)
    return rc;
  if (c->ev.type != YAML_SCALAR_EVENT || is_null(&c->ev))
    return fail(c, c->ev.start_mark,
                "threshold must be a number from 0 to 1, found %s",
                describe(&c->ev));
  const char *v = sval(c);
  /* Plain decimals only: strtod would also take hex, inf and nan. */
  bool ok = *v != '\0' && strspn(v, "0123456789.eE+-") == strlen(v);
  char *end = NULL;
  double x = ok ? strtod(v, &end) : 0;
  if (!ok || !end || *end || !(x >= 0.0 && x <= 1.0))
    return fail(c, c->ev.start_mark,
                "threshold must be a number from 0 to 1, found '%.40s'", v);
  *out = x;
  return 0;
}

/* ---- growing arrays ---------------------------------------------------- */

/* Arrays in the policy hold exactly n elements and keep no capacity
 * field: capacity is implied by n (8, then powers of two).  Returns the
 * capacity to grow to before adding element n, or 0 when there is room. */
static size_t grow_to(size_t n) {
  if (n == 0)
    return 8;
  return n >= 8 && (n & (n - 1)) == 0 ? n * 2 : 0;
}

#define GROW(v, n)                                                             \
  do {                                                                         \
    size_t cap_ = grow_to(n);                                                  \
    if (cap_) {                                                                \
      void *q_ = woo__reallocarray((v), cap_, sizeof *(v));                    \
      if (!q_)                                                                 \
        return WOO_ENOMEM;                                                     \
      (v) = q_;                                                                \
    }                                                                          \
  } while (0)

static int count_entry(pctx *c, yaml_mark_t m) {
  if (*c->entries >= MAX_ENTRIES)
    return fail_code(c, WOO_ELIMIT, m,
                     "more than %u terms and list entries in one policy",
                     MAX_ENTRIES);
  ++*c->entries;
  return 0;
}

static void free_strings(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

/* ---- term and list files ------------------------------------------------ */

typedef int (*line_fn)(pctx *c, void *arg, yaml_mark_t m, const char *s,
                       size_t n);

/* Read a file of one entry a line ('#' starts a comment line, blank lines
 * are skipped, surrounding blanks trimmed) and hand each entry to fn. */
static int read_lines(pctx *c, yaml_mark_t m, const char *file, line_fn fn,
                      void *arg) {
  char *path = NULL, *data = NULL;
  size_t len = 0;
  int rc = 0;
  if (file[0] != '/' && c->dir && c->dir[0]) {
    size_t nd = strlen(c->dir), nf = strlen(file);
    path = woo__malloc(nd + nf + 2);
    if (!path)
      return WOO_ENOMEM;
    memcpy(path, c->dir, nd);
    path[nd] = '/';
    memcpy(path + nd + 1, file, nf + 1);
  } else {
    path = woo__strdup(file);
    if (!path)
      return WOO_ENOMEM;
  }
  rc = woo__file_read(path, TERM_FILE_MAX_BYTES, &data, &len);
  if (rc == WOO_ENOTFOUND) {
    rc = fail(c, m, "file '%.200s' not found (looked for %.200s)", file, path);
    goto done;
  }
  if (rc == WOO_ELIMIT) {
    rc = fail_code(c, WOO_ELIMIT, m, "file '%.200s' is over %zu MB", file,
                   TERM_FILE_MAX_BYTES >> 20);
    goto done;
  }
  if (rc) {
    rc = fail(c, m, "cannot read file '%.200s': %s", file,
              woo_error_last()->message);
    goto done;
  }
  size_t bad = woo__utf8_invalid(data, len);
  const char *z = memchr(data, '\0', len);
  size_t nul = z ? (size_t)(z - data) : WOO_UNSET;
  if (bad != WOO_UNSET || nul != WOO_UNSET) {
    size_t at = bad < nul ? bad : nul, line = 1;
    for (size_t i = 0; i < at; i++)
      line += data[i] == '\n';
    rc = fail(c, m, "file '%.200s', line %zu: %s", file, line,
              at == bad ? "not valid UTF-8" : "contains a NUL byte");
    goto done;
  }
  size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < len) {
    const char *eol = memchr(data + i, '\n', len - i);
    size_t e = eol ? (size_t)(eol - data) : len, s = i;
    i = e + 1;
    while (s < e && (data[s] == ' ' || data[s] == '\t'))
      s++;
    while (e > s &&
           (data[e - 1] == ' ' || data[e - 1] == '\t' || data[e - 1] == '\r'))
      e--;
    if (s == e || data[s] == '#')
      continue;
    if ((rc = fn(c, arg, m, data + s, e - s)) != 0)
      goto done;
  }
done:
  free(data);
  free(path);
  return rc;
}

/* ---- string lists: allow, officials, mailboxes, public_domains ------ */

typedef struct strlist {
  char ***v;
  size_t *n;
  bool fold; /* store ASCII lower case: mailboxes and domains */
} strlist;

static int list_add(pctx *c, void *arg, yaml_mark_t m, const char *s,
                    size_t n) {
  strlist *l = arg;
  int rc = count_entry(c, m);
  if (rc)
    return rc;
  GROW(*l->v, *l->n);
  char *d = woo__strndup(s, n);
  if (!d)
    return WOO_ENOMEM;
  if (l->fold)
    for (char *q = d; *q; q++)
      *q = lower(*q);
  (*l->v)[(*l->n)++] = d;
  return 0;
}

static int parse_list(pctx *c, const char *key, strlist *l) {
  free_strings(*l->v, *l->n);
  *l->v = NULL;
  *l->n = 0;
  int rc = pull(c);
  if (rc)
    return rc;
  if (is_null(&c->ev))
    return 0;
  if (c->ev.type != YAML_SEQUENCE_START_EVENT)
    return fail(c, c->ev.start_mark, "'%s' must be a list, found %s", key,
                describe(&c->ev));
  for (;;) {
    if ((rc = pull(c)) != 0)
      return rc;
    yaml_mark_t m = c->ev.start_mark;
    if (c->ev.type == YAML_SEQUENCE_END_EVENT)
      return 0;
    if (c->ev.type == YAML_SCALAR_EVENT && !is_null(&c->ev)) {
      size_t n = c->ev.data.scalar.length;
      if (memchr(sval(c), '\0', n))
        return fail(c, m, "entry contains a NUL character");
      if ((rc = list_add(c, l, m, sval(c), n)) != 0)
        return rc;
      continue;
    }
    if (c->ev.type != YAML_MAPPING_START_EVENT)
      return fail(c, m,
                  "entries of '%s' must be text or {file: NAME}, found %s", key,
                  describe(&c->ev));
    mapstate ms = {list_keys, "key", 0, {0}, {0, 0, 0}};
    char *file = NULL;
    yaml_mark_t fm = m;
    int idx;
    while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
      const char *v;
      if ((rc = read_text(c, "file", &v, NULL)) != 0)
        break;
      fm = c->ev.start_mark;
      if (!(file = woo__strdup(v))) {
        rc = WOO_ENOMEM;
        break;
      }
    }
    if (!rc && !file)
      rc = fail(c, m, "an entry of '%s' that is a mapping needs 'file'", key);
    if (!rc)
      rc = read_lines(c, fm, file, list_add, l);
    free(file);
    if (rc)
      return rc;
  }
}

/* ---- terms -------------------------------------------------------------- */

typedef struct term_opts {
  const woo_ground *ground;
  bool case_sensitive;
} term_opts;

static int term_add(pctx *c, void *arg, yaml_mark_t m, const char *s,
                    size_t n) {
  const term_opts *o = arg;
  woo_policy *p = c->p;
  int rc = count_entry(c, m);
  if (rc)
    return rc;
  GROW(p->terms, p->n_terms);
  char *d = woo__strndup(s, n);
  if (!d)
    return WOO_ENOMEM;
  p->terms[p->n_terms++] =
      (woo__term_rule){.term = d,
                       .len = n,
                       .ground = o->ground,
                       .case_sensitive = o->case_sensitive};
  return 0;
}

static bool blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return false;
  return true;
}

static int parse_term_map(pctx *c, yaml_mark_t start) {
  mapstate ms = {term_keys, "key", 0, {0}, {0, 0, 0}};
  term_opts o = {NULL, true};
  char *term = NULL, *file = NULL;
  size_t term_len = 0;
  yaml_mark_t tm = start, fm = start;
  int rc, idx;
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
    const char *v;
    size_t n;
    switch (idx) {
    case T_TERM:
    case T_FILE:
      if ((rc = read_text(c, idx == T_TERM ? "term" : "file", &v, &n)) != 0)
        goto done;
      if (idx == T_TERM && blank(v, n)) {
        rc = fail(c, c->ev.start_mark, "term is empty");
        goto done;
      }
      *(idx == T_TERM ? &tm : &fm) = c->ev.start_mark;
      char **dst = idx == T_TERM ? &term : &file;
      if (!(*dst = woo__strndup(v, n))) {
        rc = WOO_ENOMEM;
        goto done;
      }
      if (idx == T_TERM)
        term_len = n;
      break;
    case T_GROUND: rc = read_ground(c, &o.ground); break;
    case T_CASE: rc = read_bool(c, "case_sensitive", &o.case_sensitive); break;
    }
    if (rc)
      goto done;
  }
  if (rc)
    goto done;
  if (term && file)
    rc = fail(c, start, "a term rule takes 'term' or 'file', not both");
  else if (!term && !file)
    rc = fail(c, start, "a term rule needs 'term' or 'file'");
  else if (term)
    rc = term_add(c, &o, tm, term, term_len);
  else
    rc = read_lines(c, fm, file, term_add, &o);
done:
  free(term);
  free(file);
  return rc;
}

static int parse_terms(pctx *c) {
  woo_policy *p = c->p;
  for (size_t i = 0; i < p->n_terms; i++)
    free(p->terms[i].term);
  free(p->terms);
  p->terms = NULL;
  p->n_terms = 0;
  int rc = pull(c);
  if (rc || is_null(&c->ev))
    return rc;
  if (c->ev.type != YAML_SEQUENCE_START_EVENT)
    return fail(c, c->ev.start_mark, "'terms' must be a list, found %s",
                describe(&c->ev));
  for (;;) {
    if ((rc = pull(c)) != 0)
      return rc;
    yaml_mark_t m = c->ev.start_mark;
    if (c->ev.type == YAML_SEQUENCE_END_EVENT)
      return 0;
    if (c->ev.type == YAML_SCALAR_EVENT && !is_null(&c->ev)) {
      term_opts o = {NULL, true};
      size_t n = c->ev.data.scalar.length;
      if (memchr(sval(c), '\0', n))
        return fail(c, m, "term contains a NUL character");
      if (blank(sval(c), n))
        return fail(c, m, "term is empty");
      rc = term_add(c, &o, m, sval(c), n);
    } else if (c->ev.type == YAML_MAPPING_START_EVENT) {
      rc = parse_term_map(c, m);
    } else {
      rc = fail(c, m, "a term must be text or a mapping, found %s",
                describe(&c->ev));
    }
    if (rc)
      return rc;
  }
}

/* ---- patterns and sections -------------------------------------------- */

/* Compile a regex once to check it, with the flags the scanner uses.
 * `captures` (may be NULL) receives its number of capture groups. */
static int check_regex(pctx *c, yaml_mark_t m, const char *what, const char *re,
                       size_t len, uint32_t *captures) {
  int err = 0;
  PCRE2_SIZE off = 0;
  pcre2_code *code =
      pcre2_compile((PCRE2_SPTR)re, len, REGEX_FLAGS, &err, &off, NULL);
  if (!code) {
    PCRE2_UCHAR buf[160];
    if (pcre2_get_error_message(err, buf, sizeof buf) < 0)
      snprintf((char *)buf, sizeof buf, "error %d", err);
    if (err == PCRE2_ERROR_NOMEMORY)
      return woo__oom();
    return fail(c, m, "%s does not compile: %s (at offset %zu of the regex)",
                what, (const char *)buf, (size_t)off);
  }
  uint32_t n = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n);
  pcre2_code_free(code);
  if (captures)
    *captures = n;
  return 0;
}

static int read_regex(pctx *c, const char *what, char **out, yaml_mark_t *m,
                      uint32_t *captures) {
  const char *v;
  size_t n;
  int rc = read_text(c, what, &v, &n);
  if (rc)
    return rc;
  *m = c->ev.start_mark;
  if ((rc = check_regex(c, *m, what, v, n, captures)) != 0)
    return rc;
  free(*out);
  return (*out = woo__strndup(v, n)) ? 0 : WOO_ENOMEM;
}

static void free_pattern(woo__pattern_rule *r) {
  free(r->name);
  free(r->regex);
}

static int parse_pattern(pctx *c, yaml_mark_t start, woo__pattern_rule *r) {
  mapstate ms = {pattern_keys, "key", 0, {0}, {0, 0, 0}};
  yaml_mark_t rm = start, gm = start;
  uint32_t captures = 0;
  unsigned long group = 0;
  int rc, idx;
  *r = (woo__pattern_rule){.entity = WOO_ENTITY_PATTERN};
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
    const char *v;
    size_t n;
    switch (idx) {
    case P_NAME:
      if ((rc = read_text(c, "name", &v, &n)) == 0) {
        free(r->name);
        if (!(r->name = woo__strndup(v, n)))
          rc = WOO_ENOMEM;
      }
      break;
    case P_REGEX: rc = read_regex(c, "regex", &r->regex, &rm, &captures); break;
    case P_GROUND: rc = read_ground(c, &r->ground); break;
    case P_ENTITY:
      if ((rc = read_text(c, "entity", &v, NULL)) == 0 &&
          woo_entity_parse(&r->entity, v) != 0)
        rc = unknown(c, c->ev.start_mark, "entity", v, entity_name_list().v);
      break;
    case P_GROUP:
      if ((rc = read_text(c, "group", &v, NULL)) != 0)
        break;
      gm = c->ev.start_mark;
      if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 4) {
        rc = fail(c, gm, "group must be a capture group number, found '%.40s'",
                  v);
        break;
      }
      group = strtoul(v, NULL, 10);
      break;
    }
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  if (!r->regex)
    return fail(c, start, "a pattern needs 'regex'");
  if (group > captures)
    return fail(c, ms.seen & (1u << P_GROUP) ? gm : rm,
                "group %lu, but the regex has %u capture group%s", group,
                captures, captures == 1 ? "" : "s");
  r->group = (int)group;
  if (!r->name && !(r->name = woo__strdup("pattern")))
    return WOO_ENOMEM;
  return 0;
}

static int keep_pattern(woo_policy *p, const woo__pattern_rule *r) {
  GROW(p->patterns, p->n_patterns);
  p->patterns[p->n_patterns++] = *r;
  return 0;
}

static int parse_patterns(pctx *c) {
  woo_policy *p = c->p;
  for (size_t i = 0; i < p->n_patterns; i++)
    free_pattern(&p->patterns[i]);
  free(p->patterns);
  p->patterns = NULL;
  p->n_patterns = 0;
  int rc = pull(c);
  if (rc || is_null(&c->ev))
    return rc;
  if (c->ev.type != YAML_SEQUENCE_START_EVENT)
    return fail(c, c->ev.start_mark, "'patterns' must be a list, found %s",
                describe(&c->ev));
  for (;;) {
    if ((rc = pull(c)) != 0)
      return rc;
    yaml_mark_t m = c->ev.start_mark;
    if (c->ev.type == YAML_SEQUENCE_END_EVENT)
      return 0;
    if (c->ev.type != YAML_MAPPING_START_EVENT)
      return fail(c, m, "a pattern must be a mapping with 'regex', found %s",
                  describe(&c->ev));
    woo__pattern_rule r;
    if ((rc = parse_pattern(c, m, &r)) == 0)
      rc = keep_pattern(p, &r);
    if (rc) {
      free_pattern(&r);
      return rc;
    }
  }
}

static void free_section(woo__section_rule *r) {
  free(r->heading);
  free(r->until);
  free(r->keep);
}

static int parse_section(pctx *c, yaml_mark_t start, woo__section_rule *r) {
  mapstate ms = {section_keys, "key", 0, {0}, {0, 0, 0}};
  yaml_mark_t m;
  int rc, idx;
  *r = (woo__section_rule){.keep_headings = true};
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
    switch (idx) {
    case S_HEADING: rc = read_regex(c, "heading", &r->heading, &m, NULL); break;
    case S_UNTIL: rc = read_regex(c, "until", &r->until, &m, NULL); break;
    case S_GROUND: rc = read_ground(c, &r->ground); break;
    case S_KEEP: rc = read_regex(c, "keep", &r->keep, &m, NULL); break;
    case S_KEEP_HEADINGS:
      rc = read_bool(c, "keep_headings", &r->keep_headings);
      break;
    }
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  if (!r->heading)
    return fail(c, start, "a section rule needs 'heading'");
  return 0;
}

static int keep_section(woo_policy *p, const woo__section_rule *r) {
  GROW(p->sections, p->n_sections);
  p->sections[p->n_sections++] = *r;
  return 0;
}

static int parse_sections(pctx *c) {
  woo_policy *p = c->p;
  for (size_t i = 0; i < p->n_sections; i++)
    free_section(&p->sections[i]);
  free(p->sections);
  p->sections = NULL;
  p->n_sections = 0;
  int rc = pull(c);
  if (rc || is_null(&c->ev))
    return rc;
  if (c->ev.type != YAML_SEQUENCE_START_EVENT)
    return fail(c, c->ev.start_mark, "'sections' must be a list, found %s",
                describe(&c->ev));
  for (;;) {
    if ((rc = pull(c)) != 0)
      return rc;
    yaml_mark_t m = c->ev.start_mark;
    if (c->ev.type == YAML_SEQUENCE_END_EVENT)
      return 0;
    if (c->ev.type != YAML_MAPPING_START_EVENT)
      return fail(c, m,
                  "a section rule must be a mapping with 'heading', found %s",
                  describe(&c->ev));
    woo__section_rule r;
    if ((rc = parse_section(c, m, &r)) == 0)
      rc = keep_section(p, &r);
    if (rc) {
      free_section(&r);
      return rc;
    }
  }
}

/* ---- entities ------------------------------------------------------------ */

static int parse_entity(pctx *c, woo__entity_rule *r) {
  int rc = pull(c);
  if (rc)
    return rc;
  /* `function: true` is short for `function: {enabled: true}`. */
  if (c->ev.type == YAML_SCALAR_EVENT) {
    static const char *const words[] = {"true", "false", "yes",
                                        "no",   "on",    "off"};
    char w[8] = "";
    size_t n = c->ev.data.scalar.length;
    if (c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && n < sizeof w)
      for (size_t i = 0; i <= n; i++)
        w[i] = lower(sval(c)[i]);
    for (int i = 0; i < 6; i++)
      if (!strcmp(w, words[i])) {
        r->enabled = i % 2 == 0;
        return 0;
      }
  }
  if (c->ev.type != YAML_MAPPING_START_EVENT)
    return fail(c, c->ev.start_mark,
                "an entity takes a mapping ({enabled, ground, threshold}) or "
                "true/false, found %s",
                describe(&c->ev));
  mapstate ms = {entity_keys, "key", 0, {0}, {0, 0, 0}};
  int idx;
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
    switch (idx) {
    case E_ENABLED: rc = read_bool(c, "enabled", &r->enabled); break;
    case E_GROUND: rc = read_ground(c, &r->ground); break;
    case E_THRESHOLD: rc = read_threshold(c, &r->threshold); break;
    }
    if (rc)
      return rc;
  }
  return rc;
}

static int parse_entities(pctx *c) {
  int rc = pull(c);
  if (rc || is_null(&c->ev))
    return rc;
  if (c->ev.type != YAML_MAPPING_START_EVENT)
    return fail(c, c->ev.start_mark, "'entities' must be a mapping, found %s",
                describe(&c->ev));
  entity_names names = entity_name_list();
  mapstate ms = {names.v, "entity", 0, {0}, {0, 0, 0}};
  int idx;
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0)
    if ((rc = parse_entity(c, &c->p->entity[idx])) != 0)
      return rc;
  return rc;
}

/* ---- the document -------------------------------------------------------- */

static int parse_top(pctx *c) {
  woo_policy *p = c->p;
  mapstate ms = {top_keys, "key", 0, {0}, {0, 0, 0}};
  strlist lists[] = {
      {&p->allow, &p->n_allow, false},
      {&p->officials, &p->n_officials, false},
      {&p->mailboxes, &p->n_mailboxes, true},
      {&p->public_domains, &p->n_public_domains, true},
  };
  int rc, idx;
  while ((rc = map_key(c, &ms, &idx)) == 0 && idx >= 0) {
    const char *v;
    switch (idx) {
    case K_VERSION:
      if ((rc = read_text(c, "version", &v, NULL)) == 0 && strcmp(v, "1"))
        rc = fail(c, c->ev.start_mark,
                  "unsupported version '%.20s' (this libwoo reads version 1)",
                  v);
      break;
    case K_STYLE:
      if ((rc = read_text(c, "style", &v, NULL)) == 0 &&
          woo_style_parse(&p->style, v) != 0)
        rc = fail(c, c->ev.start_mark,
                  "unknown style '%.40s' (dotted, compact, comma, article)", v);
      break;
    case K_ENTITIES: rc = parse_entities(c); break;
    case K_TERMS: rc = parse_terms(c); break;
    case K_PATTERNS: rc = parse_patterns(c); break;
    case K_SECTIONS: rc = parse_sections(c); break;
    default: rc = parse_list(c, top_keys[idx], &lists[idx - K_ALLOW]); break;
    }
    if (rc)
      return rc;
  }
  return rc;
}

static int parse_stream(pctx *c) {
  int rc;
  if ((rc = pull(c)) != 0) /* stream start */
    return rc;
  if ((rc = pull(c)) != 0) /* document start, or the end of an empty file */
    return rc;
  if (c->ev.type == YAML_STREAM_END_EVENT)
    return 0;              /* nothing but comments: all defaults */
  if ((rc = pull(c)) != 0) /* the document's root */
    return rc;
  if (c->ev.type == YAML_MAPPING_START_EVENT) {
    if ((rc = parse_top(c)) != 0)
      return rc;
  } else if (!is_null(&c->ev)) {
    return fail(c, c->ev.start_mark,
                "a policy must be a mapping of keys (version, style, "
                "entities, …), found %s",
                describe(&c->ev));
  }
  if ((rc = pull(c)) != 0) /* document end */
    return rc;
  if ((rc = pull(c)) != 0)
    return rc;
  if (c->ev.type != YAML_STREAM_END_EVENT)
    return fail(c, c->ev.start_mark,
                "a policy file holds one YAML document, found a second");
  return 0;
}

/* Read one YAML text into p, on top of what p holds. */
static int parse_into(woo_policy *p, const char *text, size_t len,
                      const char *name, const char *dir, size_t *entries) {
  pctx c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.dir = dir;
  c.text = text;
  c.len = len;
  c.p = p;
  c.entries = entries;
  if (!yaml_parser_initialize(&c.parser))
    return woo__oom();
  yaml_parser_set_input_string(&c.parser, (const unsigned char *)text, len);
  int rc = parse_stream(&c);
  if (c.have_ev)
    yaml_event_delete(&c.ev);
  yaml_parser_delete(&c.parser);
  return rc;
}

/* ---- public API --------------------------------------------------------- */

void woo_policy_free(woo_policy *p) {
  if (!p)
    return;
  for (size_t i = 0; i < p->n_terms; i++)
    free(p->terms[i].term);
  free(p->terms);
  for (size_t i = 0; i < p->n_patterns; i++)
    free_pattern(&p->patterns[i]);
  free(p->patterns);
  for (size_t i = 0; i < p->n_sections; i++)
    free_section(&p->sections[i]);
  free(p->sections);
  free_strings(p->allow, p->n_allow);
  free_strings(p->officials, p->n_officials);
  free_strings(p->mailboxes, p->n_mailboxes);
  free_strings(p->public_domains, p->n_public_domains);
  free(p->name);
  free(p);
}

const char *woo_policy_default_yaml(void) {
  return (const char *)woo__default_policy_yaml;
}

/* The default policy read into a fresh object, ready for a file on top. */
static int policy_base(woo_policy **out, const char *name, size_t *entries) {
  *out = NULL;
  woo_policy *p = woo__calloc(1, sizeof *p);
  if (!p)
    return WOO_ENOMEM;
  int rc = 0;
  if (!(p->name = woo__strdup(name))) {
    rc = WOO_ENOMEM;
    goto done;
  }
  p->style = WOO_STYLE_DOTTED;
  for (int i = 0; i < WOO_ENTITY_COUNT; i++) {
    p->entity[i].enabled = entity_defaults[i].enabled;
    p->entity[i].threshold = 0.5;
    p->entity[i].ground = woo_ground_find(entity_defaults[i].ground);
    if (!p->entity[i].ground) {
      rc = woo__error(WOO_EINVAL, "default: ground %s is not in the registry",
                      entity_defaults[i].ground);
      goto done;
    }
  }
  rc =
      parse_into(p, (const char *)woo__default_policy_yaml,
                 sizeof woo__default_policy_yaml - 1, "default", NULL, entries);
done:
  if (rc)
    woo_policy_free(p);
  else
    *out = p;
  return rc;
}

/* Rules that name no ground take the ground of their entity, as it stands
 * after the whole file is read (the order of keys does not matter). */
static void resolve_grounds(woo_policy *p) {
  for (size_t i = 0; i < p->n_terms; i++)
    if (!p->terms[i].ground)
      p->terms[i].ground = p->entity[WOO_ENTITY_TERM].ground;
  for (size_t i = 0; i < p->n_patterns; i++)
    if (!p->patterns[i].ground)
      p->patterns[i].ground = p->entity[p->patterns[i].entity].ground;
  for (size_t i = 0; i < p->n_sections; i++)
    if (!p->sections[i].ground)
      p->sections[i].ground = p->entity[WOO_ENTITY_SECTION].ground;
}

int woo_policy_default(woo_policy **out) {
  if (!out)
    return woo__error(WOO_EINVAL, "policy: out is NULL");
  size_t entries = 0;
  int rc = policy_base(out, "default", &entries);
  if (rc == 0)
    resolve_grounds(*out);
  return rc;
}

int woo_policy_parse(woo_policy **out, const char *yaml, size_t len,
                     const char *name, const char *dir) {
  if (!out)
    return woo__error(WOO_EINVAL, "policy: out is NULL");
  *out = NULL;
  if (!name)
    name = "policy";
  if (!yaml && len)
    return woo__error(WOO_EINVAL, "%s: text is NULL", name);
  if (len > POLICY_MAX_BYTES)
    return woo__error(WOO_ELIMIT,
                      "%s: policy is %zu bytes, over the limit of "
                      "%zu MB",
                      name, len, POLICY_MAX_BYTES >> 20);
  size_t entries = 0;
  woo_policy *p = NULL;
  int rc = policy_base(&p, name, &entries);
  if (rc)
    return rc;
  entries = 0; /* the default's lists do not count against the file */
  rc = parse_into(p, yaml ? yaml : "", len, name, dir, &entries);
  if (rc) {
    woo_policy_free(p);
    return rc;
  }
  resolve_grounds(p);
  *out = p;
  return 0;
}

int woo_policy_load(woo_policy **out, const char *path) {
  if (!out || !path)
    return woo__error(WOO_EINVAL, "policy: path is NULL");
  *out = NULL;
  char *data = NULL, *dir = NULL;
  size_t len = 0;
  int rc = woo__file_read(path, POLICY_MAX_BYTES, &data, &len);
  if (rc)
    return rc;
  const char *slash = strrchr(path, '/');
  if (slash &&
      !(dir = woo__strndup(path, slash == path ? 1 : (size_t)(slash - path)))) {
    rc = WOO_ENOMEM;
    goto done;
  }
  rc = woo_policy_parse(out, data, len, path, dir);
done:
  free(dir);
  free(data);
  return rc;
}

woo_style woo_policy_style(const woo_policy *p) {
  return p ? p->style : WOO_STYLE_DOTTED;
}

int woo_policy_entity_enabled(const woo_policy *p, woo_entity e) {
  return p && (unsigned)e < WOO_ENTITY_COUNT && p->entity[e].enabled;
}

const woo_ground *woo_policy_entity_ground(const woo_policy *p, woo_entity e) {
  return p && (unsigned)e < WOO_ENTITY_COUNT ? p->entity[e].ground : NULL;
}

double woo_policy_entity_threshold(const woo_policy *p, woo_entity e) {
  return p && (unsigned)e < WOO_ENTITY_COUNT ? p->entity[e].threshold : 1.0;
}
