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

/* Add s, which the list takes over (freed here when it cannot). */
static int paths_take(paths *p, char *s) {
  if (p->n == p->cap) {
    int cap = p->cap ? p->cap * 2 : 16;
    char **v = realloc(p->v, (size_t)cap * sizeof *v);
    if (!v) {
      free(s);
      return -1;
    }
    p->v = v;
    p->cap = cap;
  }
  p->v[p->n++] = s;
  return 0;
}

static int paths_add(paths *p, const char *s) {
  char *d = strdup(s);
  return d ? paths_take(p, d) : -1;
}

/* A folder entry and its type as the folder listing gives it (DT_UNKNOWN
 * when the file system does not say, or for a link, which is followed).
 * name points into path, after the folder's part. */
typedef struct entry {
  char *path;
  const char *name;
  unsigned char type;
} entry;

/* The entries of one folder share the folder's part of their paths:
 * their names alone give the order of the whole paths. */
static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
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
  entry *here = NULL;
  size_t n_here = 0, cap = 0, dlen = strlen(dir);
  size_t slen = dir[dlen - 1] == '/' ? 0 : 1; /* a '/' between */
  struct dirent *e;
  int rc = 0;
  while (rc == 0 && (e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n_here == cap) {
      cap = cap ? cap * 2 : 16;
      entry *v = realloc(here, cap * sizeof *v);
      if (!v) {
        rc = -1;
        break;
      }
      here = v;
    }
    size_t nlen = strlen(e->d_name);
    char *full = malloc(dlen + slen + nlen + 1);
    if (!full) {
      rc = -1;
      break;
    }
    memcpy(full, dir, dlen);
    if (slen)
      full[dlen] = '/';
    memcpy(full + dlen + slen, e->d_name, nlen + 1);
    /* The listing's type saves a stat per file in a large folder. */
    here[n_here++] = (entry){full, full + dlen + slen,
                             e->d_type == DT_DIR || e->d_type == DT_REG
                                 ? e->d_type
                                 : DT_UNKNOWN};
  }
  closedir(d);
  if (n_here > 1)
    qsort(here, n_here, sizeof *here, cmp_entry);
  for (size_t i = 0; rc == 0 && i < n_here; i++) {
    unsigned char type = here[i].type;
    struct stat st;
    if (type == DT_UNKNOWN && stat(here[i].path, &st) == 0)
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
                                                                : DT_UNKNOWN;
    if (type == DT_DIR) {
      rc = walk(p, here[i].path, depth + 1);
    } else if (type == DT_REG) {
      /* the list takes the path over */
      rc = paths_take(p, here[i].path);
      here[i].path = NULL;
    }
  }
  for (size_t i = 0; i < n_here; i++)
    free(here[i].path);
  free(here);
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

/* ---- inputs of batch commands ---------------------------------------------- */

bool cli_is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool cli_is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n > m && strcmp(s + n - m, suffix) == 0;
}

void cli_inputs_free(cli_input *v, int n) {
  for (int i = 0; i < n; i++) {
    free(v[i].path);
    free(v[i].rel);
  }
  free(v);
}

int cli_collect_inputs(char **args, int nargs, cli_input **out) {
  cli_input *v = NULL;
  int n = 0;
  for (int a = 0; a < nargs; a++) {
    char **found;
    int k = cli_collect_paths(&args[a], 1, &found);
    if (k < 0)
      goto fail;
    cli_input *nv = realloc(v, (size_t)(n + k + 1) * sizeof *v);
    if (!nv) {
      cli_paths_free(found, k);
      cli_error("out of memory");
      goto fail;
    }
    v = nv;
    bool dir = cli_is_dir(args[a]);
    size_t plen = strlen(args[a]);
    for (int j = 0; j < k; j++) {
      /* Marks files found in folders are not documents. */
      if (dir && ends_with(found[j], ".marks.json")) {
        free(found[j]);
        continue;
      }
      v[n].path = found[j];
      if (dir) {
        const char *r = found[j] + plen;
        while (*r == '/')
          r++;
        v[n].rel = strdup(r);
      } else {
        const char *s = strrchr(found[j], '/');
        v[n].rel = strdup(s ? s + 1 : found[j]);
      }
      n++;
    }
    free(found);
  }
  *out = v;
  return n;
fail:
  cli_inputs_free(v, n);
  return -1;
}

char *cli_marks_path(const char *marks, bool marks_is_dir, const cli_input *in) {
  if (marks && !marks_is_dir)
    return strdup(marks);
  char *p = NULL;
  if (marks) {
    const char *sep = ends_with(marks, "/") ? "" : "/";
    if (asprintf(&p, "%s%s%s.marks.json", marks, sep, in->rel) < 0)
      p = NULL;
  } else if (asprintf(&p, "%s.marks.json", in->path) < 0) {
    p = NULL;
  }
  if (p && !cli_is_file(p)) {
    free(p);
    p = NULL;
  }
  return p;
}

int cli_load_marks(woo_marks **out, const char *path, const woo_doc *doc) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    return -1;
  }
  char *buf = NULL;
  size_t size = 0, cap = 0, got;
  do {
    if (size == cap) {
      cap = cap ? cap * 2 : 65536;
      char *nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        fclose(f);
        cli_error("%s: out of memory", path);
        return -1;
      }
      buf = nb;
    }
    got = fread(buf + size, 1, cap - size, f);
    size += got;
  } while (got > 0);
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    cli_error("%s: read error", path);
    return -1;
  }
  int rc = woo_marks_from_json(out, buf, size, path, doc);
  free(buf);
  if (rc)
    cli_error_last();
  return rc ? -1 : 0;
}
