/* Helpers shared by the subcommands. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

void cli_error_last(void) {
  const woo_error *e = woo_error_last();
  fprintf(stderr, "woo: %s\n",
          e->message[0] ? e->message : woo_error_name(e->code));
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("woo: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int cli_usage(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "woo %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, " (see 'woo help')\n");
  va_end(ap);
  return EXIT_USAGE;
}

void cli_doc_warnings(const woo_doc *doc) {
  for (size_t i = 0; i < woo_doc_warning_count(doc); i++)
    fprintf(stderr, "woo: warning: %s\n", woo_doc_warning(doc, i));
}

json_t *cli_doc_json(const woo_doc *doc) {
  json_t *d = json_object();
  json_object_set_new(d, "path", json_string(woo_doc_path(doc)));
  json_object_set_new(d, "format",
                      json_string(woo_format_name(woo_doc_format(doc))));
  json_object_set_new(d, "bytes", json_integer((json_int_t)woo_doc_input_size(doc)));
  json_object_set_new(d, "sha256", json_string(woo_doc_sha256(doc)));
  json_object_set_new(d, "pages", json_integer((json_int_t)woo_doc_page_count(doc)));
  if (strcmp(woo_doc_encoding(doc), "utf-8") != 0)
    json_object_set_new(d, "encoding", json_string(woo_doc_encoding(doc)));
  return d;
}

int cli_json_print(json_t *v, bool compact) {
  size_t flags = JSON_ENSURE_ASCII * 0 | JSON_PRESERVE_ORDER |
                 (compact ? JSON_COMPACT : JSON_INDENT(2));
  int rc = json_dumpf(v, stdout, flags);
  fputc('\n', stdout);
  return rc;
}

/* ---- path collection ----------------------------------------------------- */

typedef struct paths {
  char **v;
  int n, cap;
} paths;

static int paths_add(paths *p, const char *s) {
  if (p->n == p->cap) {
    int cap = p->cap ? p->cap * 2 : 16;
    char **v = realloc(p->v, (size_t)cap * sizeof *v);
    if (!v)
      return -1;
    p->v = v;
    p->cap = cap;
  }
  p->v[p->n] = strdup(s);
  return p->v[p->n] ? (p->n++, 0) : -1;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(paths *p, const char *dir, int depth) {
  if (depth > 64) {
    cli_error("%s: directories nested too deeply", dir);
    return -1;
  }
  DIR *d = opendir(dir);
  if (!d) {
    cli_error("%s: %s", dir, strerror(errno));
    return -1;
  }
  paths here = {0};
  struct dirent *e;
  int rc = 0;
  while (rc == 0 && (e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *full = malloc(n);
    if (!full) {
      rc = -1;
      break;
    }
    snprintf(full, n, "%s%s%s", dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
    rc = paths_add(&here, full);
    free(full);
  }
  closedir(d);
  qsort(here.v, (size_t)here.n, sizeof *here.v, cmp_str);
  for (int i = 0; rc == 0 && i < here.n; i++) {
    struct stat st;
    if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
      rc = walk(p, here.v[i], depth + 1);
    else if (stat(here.v[i], &st) == 0 && S_ISREG(st.st_mode))
      rc = paths_add(p, here.v[i]);
  }
  cli_paths_free(here.v, here.n);
  return rc;
}

int cli_collect_paths(char **args, int nargs, char ***out) {
  paths p = {0};
  for (int i = 0; i < nargs; i++) {
    struct stat st;
    /* A missing file is passed on so that loading reports it, in order. */
    int rc = stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)
                 ? walk(&p, args[i], 0)
                 : paths_add(&p, args[i]);
    if (rc) {
      cli_paths_free(p.v, p.n);
      return -1;
    }
  }
  *out = p.v;
  return p.n;
}

void cli_paths_free(char **v, int n) {
  for (int i = 0; i < n; i++)
    free(v[i]);
  free(v);
}
