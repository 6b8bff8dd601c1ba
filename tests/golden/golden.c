/* Golden tests driven by corpus/: each case folder holds an input file
 * (input.*) and expectation files.  For every expectation the runner
 * computes the same thing through the library and, when given the woo
 * binary, through the command line, and compares.  With --update it
 * rewrites the expectations from the library's output for review.
 *
 *   golden CORPUS_DIR [--woo PATH] [--update] [CASE…]
 */
#include <dirent.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "woo.h"

typedef struct ctx {
  const char *woo; /* CLI binary or NULL */
  bool update;
  int cases, failed, checks;
} ctx;

/* The `codes` array of `woo codes --json`, built from the library. */
static json_t *codes_from_lib(const woo_doc *doc) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  woo_codes *codes = NULL;
  if (woo_codes_find(&codes, text, len, NULL) != 0)
    return NULL;
  json_t *arr = json_array();
  for (size_t i = 0; i < woo_codes_count(codes); i++) {
    const woo_code *c = woo_codes_at(codes, i);
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer((json_int_t)c->start));
    json_object_set_new(o, "end", json_integer((json_int_t)c->end));
    json_object_set_new(o, "raw", json_stringn(text + c->start, c->end - c->start));
    json_object_set_new(o, "ground", c->ground ? json_string(c->ground->code) : json_null());
    json_object_set_new(o, "law", json_string(c->ground ? woo_law_name(c->ground->law) : ""));
    json_object_set_new(o, "role", json_string(woo_code_role_name(c->role)));
    json_object_set_new(o, "notation", json_string(woo_notation_name(c->notation)));
    if (c->flags & WOO_CODE_REPAIRED)
      json_object_set_new(o, "repaired", json_true());
    json_array_append_new(arr, o);
  }
  woo_codes_free(codes);
  return arr;
}

/* Run `woo ARGS… FILE` and parse its JSON output. */
static json_t *run_cli(const char *woo, const char *args, const char *file) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "'%s' %s '%s'", woo, args, file);
  FILE *p = popen(cmd, "r");
  if (!p)
    return NULL;
  json_error_t err;
  json_t *v = json_loadf(p, 0, &err);
  int st = pclose(p);
  if (st != 0) {
    json_decref(v);
    return NULL;
  }
  return v;
}

static void report_diff(const char *what, json_t *got, json_t *want) {
  /* Point at the first differing element of arrays: far more useful than
   * two dumps of a few hundred entries. */
  if (json_is_array(got) && json_is_array(want)) {
    size_t n = json_array_size(got), m = json_array_size(want);
    for (size_t i = 0; i < (n < m ? n : m); i++)
      if (!json_equal(json_array_get(got, i), json_array_get(want, i))) {
        char *g = json_dumps(json_array_get(got, i), JSON_COMPACT | JSON_SORT_KEYS);
        char *w = json_dumps(json_array_get(want, i), JSON_COMPACT | JSON_SORT_KEYS);
        fprintf(stderr, "    %s[%zu]\n      got  %s\n      want %s\n", what, i, g, w);
        free(g);
        free(w);
        return;
      }
    fprintf(stderr, "    %s: %zu entries, expected %zu\n", what, n, m);
    return;
  }
  fprintf(stderr, "    %s differs\n", what);
}

static bool compare(ctx *c, const char *casename, const char *what, json_t *got,
                    const char *expect_path) {
  c->checks++;
  if (!got) {
    fprintf(stderr, "FAIL %s: %s: %s\n", casename, what, woo_error_last()->message);
    return false;
  }
  if (c->update) {
    if (json_dump_file(got, expect_path, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0) {
      fprintf(stderr, "FAIL %s: cannot write %s\n", casename, expect_path);
      return false;
    }
    return true;
  }
  json_error_t err;
  json_t *want = json_load_file(expect_path, 0, &err);
  if (!want) {
    fprintf(stderr, "FAIL %s: %s: %s\n", casename, expect_path, err.text);
    return false;
  }
  bool ok = json_equal(got, want);
  if (!ok) {
    fprintf(stderr, "FAIL %s: %s\n", casename, what);
    report_diff(what, got, want);
  }
  json_decref(want);
  return ok;
}

static bool exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* Replace every ground code in `text` by "<ground>", so that two texts
 * can be compared for where their codes stand and on which grounds,
 * whatever notation each uses. */
static char *normalise_codes(const char *text, size_t len) {
  woo_codes *codes = NULL;
  if (woo_codes_find(&codes, text, len, NULL) != 0)
    return NULL;
  size_t cap = len + 32 * woo_codes_count(codes) + 1, o = 0, at = 0;
  char *out = malloc(cap);
  for (size_t i = 0; out && i < woo_codes_count(codes); i++) {
    const woo_code *k = woo_codes_at(codes, i);
    memcpy(out + o, text + at, k->start - at);
    o += k->start - at;
    o += (size_t)sprintf(out + o, "<%s>", k->ground ? k->ground->code : "?");
    at = k->end;
  }
  if (out) {
    memcpy(out + o, text + at, len - at);
    out[o + len - at] = '\0';
  }
  woo_codes_free(codes);
  return out;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)(n > 0 ? n : 0) + 1);
  *len = b ? fread(b, 1, (size_t)(n > 0 ? n : 0), f) : 0;
  if (b)
    b[*len] = '\0';
  fclose(f);
  return b;
}

/* The seed round trip: scanning the unredacted reconstruction with the
 * case's policy and redacting it must put codes exactly where the
 * published version has them, on the same grounds. */
static bool round_trip(ctx *c, const char *name, const char *casedir,
                       const woo_doc *doc, const char *published) {
  c->checks++;
  char ppath[4400];
  snprintf(ppath, sizeof ppath, "%s/policy.yaml", casedir);
  woo_policy *policy = NULL;
  woo_scanner *sc = NULL;
  woo_marks *marks = NULL;
  char *red = NULL, *want = NULL, *got = NULL, *pub = NULL;
  size_t red_len = 0, pub_len = 0;
  bool ok = false;
  struct stat st;
  if ((stat(ppath, &st) == 0 && woo_policy_load(&policy, ppath) != 0) ||
      woo_scanner_new(&sc, policy) != 0 || woo_scan(&marks, sc, doc, NULL) != 0) {
    fprintf(stderr, "FAIL %s: %s\n", name, woo_error_last()->message);
    goto done;
  }
  woo_redact_options ro = WOO_REDACT_OPTIONS_INIT;
  ro.style = policy ? woo_policy_style(policy) : WOO_STYLE_DOTTED;
  if (woo_redact_text(&red, &red_len, doc, marks, &ro) != 0 ||
      !(pub = slurp(published, &pub_len))) {
    fprintf(stderr, "FAIL %s: round trip: %s\n", name, woo_error_last()->message);
    goto done;
  }
  got = normalise_codes(red, red_len);
  want = normalise_codes(pub, pub_len);
  ok = got && want && strcmp(got, want) == 0;
  if (!ok && got && want) {
    size_t k = 0;
    while (got[k] && got[k] == want[k])
      k++;
    size_t from = k > 60 ? k - 60 : 0;
    fprintf(stderr, "FAIL %s: round trip differs from published.txt at byte %zu:\n"
                    "      got  …%.120s\n      want …%.120s\n",
            name, k, got + from, want + from);
  }
done:
  woo_free(red);
  free(pub);
  free(got);
  free(want);
  woo_marks_free(marks);
  woo_scanner_free(sc);
  woo_policy_free(policy);
  return ok;
}

static int run_case(ctx *c, const char *dir, const char *name) {
  char casedir[4096], input[4400] = "", path[4400];
  snprintf(casedir, sizeof casedir, "%s/%s", dir, name);
  DIR *d = opendir(casedir);
  if (!d)
    return 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, "input.", 6) == 0)
      snprintf(input, sizeof input, "%s/%s", casedir, e->d_name);
  closedir(d);
  if (!input[0])
    return 0;
  c->cases++;
  woo_doc *doc = NULL;
  if (woo_doc_open(&doc, input, NULL) != 0) {
    fprintf(stderr, "FAIL %s: %s\n", name, woo_error_last()->message);
    c->failed++;
    return 1;
  }
  bool ok = true;
  snprintf(path, sizeof path, "%s/codes.json", casedir);
  if (exists(path) || c->update) {
    json_t *got = codes_from_lib(doc);
    ok &= compare(c, name, "codes (library)", got, path);
    json_decref(got);
    if (c->woo && !c->update) {
      json_t *out = run_cli(c->woo, "codes --json", input);
      json_t *codes = out ? json_object_get(out, "codes") : NULL;
      ok &= compare(c, name, "codes (woo codes --json)", codes, path);
      json_decref(out);
    }
  }
  snprintf(path, sizeof path, "%s/published.txt", casedir);
  if (exists(path) && !c->update)
    ok &= round_trip(c, name, casedir, doc, path);
  woo_doc_free(doc);
  if (!ok)
    c->failed++;
  else
    fprintf(stderr, "ok   %s\n", name);
  return ok ? 0 : 1;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  ctx c = {0};
  const char *dir = NULL;
  char **only = calloc((size_t)argc, sizeof *only);
  int n_only = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--update"))
      c.update = true;
    else if (!strcmp(argv[i], "--woo") && i + 1 < argc)
      c.woo = argv[++i];
    else if (!dir)
      dir = argv[i];
    else
      only[n_only++] = argv[i];
  }
  if (!dir) {
    fprintf(stderr, "usage: golden CORPUS_DIR [--woo PATH] [--update] [CASE…]\n");
    return 2;
  }
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "golden: %s: cannot open\n", dir);
    return 2;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    bool take = n_only == 0;
    for (int j = 0; j < n_only; j++)
      take |= strcmp(only[j], names[i]) == 0;
    if (take)
      run_case(&c, dir, names[i]);
    free(names[i]);
  }
  free(names);
  free(only);
  fprintf(stderr, "%d cases, %d checks, %d failed%s\n", c.cases, c.checks,
          c.failed, c.update ? " (expectations updated)" : "");
  return c.failed || c.cases == 0 ? 1 : 0;
}
