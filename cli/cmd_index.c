/* woo index: the inventarislijst of a batch, or its DiWoo metadata.
 *
 * Rows are made on all cores and written in input order as soon as each
 * is ready, so memory stays flat however many documents there are.  With
 * -o the output goes to a temporary file beside OUT that is renamed into
 * place only when every document was indexed. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "woo/index.h"

typedef struct input {
  char *path; /* as found */
  char *rel;  /* below the folder argument it came from, or its base name */
} input;

typedef struct index_job {
  input *in;
  int n;
  const char *marks; /* folder (or file for a single input), or NULL */
  bool marks_is_dir;
  woo_index *idx;
  woo_index_row **rows; /* rows[i] made by the worker, taken by emit */
  woo_index_writer *writer;
  FILE *out;
  bool write_failed;
} index_job;

static bool is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Expand FILE|DIR arguments; marks files found in folders are not
 * documents.  Returns the count or -1 (reported). */
static int collect(char **args, int nargs, input **out) {
  input *v = NULL;
  int n = 0;
  for (int a = 0; a < nargs; a++) {
    char **paths;
    int k = cli_collect_paths(&args[a], 1, &paths);
    if (k < 0)
      goto fail;
    input *nv = realloc(v, (size_t)(n + k + 1) * sizeof *v);
    if (!nv) {
      cli_paths_free(paths, k);
      cli_error("out of memory");
      goto fail;
    }
    v = nv;
    bool dir = is_dir(args[a]);
    size_t plen = strlen(args[a]);
    for (int j = 0; j < k; j++) {
      if (dir && ends_with(paths[j], ".marks.json")) {
        free(paths[j]);
        continue;
      }
      v[n].path = paths[j];
      if (dir) {
        const char *r = paths[j] + plen;
        while (*r == '/')
          r++;
        v[n].rel = strdup(r);
      } else {
        const char *s = strrchr(paths[j], '/');
        v[n].rel = strdup(s ? s + 1 : paths[j]);
      }
      n++;
    }
    free(paths);
  }
  *out = v;
  return n;
fail:
  for (int i = 0; i < n; i++) {
    free(v[i].path);
    free(v[i].rel);
  }
  free(v);
  return -1;
}

/* The reviewed marks of an input: --marks FILE, DIR/<rel>.marks.json,
 * or <input>.marks.json beside it; NULL when there are none. */
static char *marks_path(const index_job *job, const input *in) {
  if (job->marks && !job->marks_is_dir)
    return strdup(job->marks);
  char *p = NULL;
  if (job->marks) {
    const char *sep = ends_with(job->marks, "/") ? "" : "/";
    if (asprintf(&p, "%s%s%s.marks.json", job->marks, sep, in->rel) < 0)
      p = NULL;
  } else if (asprintf(&p, "%s.marks.json", in->path) < 0) {
    p = NULL;
  }
  if (p && !is_file(p)) {
    free(p);
    p = NULL;
  }
  return p;
}

/* Read a marks file for `doc`; reports and returns -1 on failure. */
static int load_marks(woo_marks **out, const char *path, const woo_doc *doc) {
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

static int index_one(void *user, int i, char **result) {
  index_job *job = user;
  const input *in = &job->in[i];
  woo_doc *doc = NULL;
  woo_marks *marks = NULL;
  char *mpath = NULL;
  int rc = 1;
  *result = NULL;
  if (woo_doc_open(&doc, in->path, NULL) != 0) {
    cli_error_last();
    goto done;
  }
  cli_doc_warnings(doc);
  mpath = marks_path(job, in);
  if (mpath && load_marks(&marks, mpath, doc) != 0)
    goto done;
  if (woo_index_add(job->idx, doc, marks, &job->rows[i]) != 0) {
    cli_error("%s: %s", in->path, woo_error_last()->message);
    goto done;
  }
  rc = 0;
done:
  free(mpath);
  woo_marks_free(marks);
  woo_doc_free(doc);
  return rc;
}

static void emit(void *user, int i, int status, char *result) {
  index_job *job = user;
  (void)status;
  free(result);
  woo_index_row *row = job->rows[i];
  job->rows[i] = NULL;
  if (!row)
    return;
  if (!job->write_failed && woo_index_writer_row(job->writer, row) != 0) {
    cli_error("writing the index failed: %s", woo_error_last()->message);
    job->write_failed = true;
  }
  woo_index_row_free(row);
}

static int sink(void *user, const char *data, size_t len) {
  return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

/* A temporary file beside `path` for the output; its name in *tmp. */
static FILE *open_temp(const char *path, char **tmp) {
  *tmp = NULL;
  /* Hidden, in the same folder, so the rename stays on one file system. */
  const char *slash = strrchr(path, '/');
  int dirlen = slash ? (int)(slash - path + 1) : 0;
  if (asprintf(tmp, "%.*s.%s.XXXXXX", dirlen, path,
               slash ? slash + 1 : path) < 0) {
    *tmp = NULL;
    cli_error("out of memory");
    return NULL;
  }
  int fd = mkstemp(*tmp);
  if (fd < 0) {
    cli_error("%s: %s", path, strerror(errno));
    free(*tmp);
    *tmp = NULL;
    return NULL;
  }
  /* mkstemp makes the file private; the index gets the usual mode. */
  mode_t um = umask(0);
  umask(um);
  if (fchmod(fd, 0666 & ~um) != 0) {
    /* keep the private mode */
  }
  FILE *f = fdopen(fd, "wb");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    close(fd);
    unlink(*tmp);
    free(*tmp);
    *tmp = NULL;
  }
  return f;
}

/* "," or ";" (or a word for them). */
static int parse_sep(const char *s, unsigned *flags) {
  if (!strcmp(s, ",") || !strcmp(s, "comma"))
    return 0;
  if (!strcmp(s, ";") || !strcmp(s, "semicolon")) {
    *flags |= WOO_INDEX_CSV_SEMICOLON;
    return 0;
  }
  return -1;
}

int cmd_index(int argc, char **argv) {
  const char *format_name = "csv", *marks = NULL, *policy_path = NULL;
  const char *out = NULL;
  woo_index_options io = WOO_INDEX_OPTIONS_INIT;
  bool scan = true;
  int jobs = 0;
  enum {
    O_FORMAT = 256, O_MARKS, O_POLICY, O_OVERRIDES, O_START, O_SEP, O_BOM,
    O_PUBLISHER, O_PUBLISHER_NAME, O_CATEGORY, O_HANDELING, O_LANGUAGE,
    O_TITLE, O_NO_SCAN
  };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, O_FORMAT},
      {"marks", required_argument, NULL, O_MARKS},
      {"policy", required_argument, NULL, O_POLICY},
      {"no-scan", no_argument, NULL, O_NO_SCAN},
      {"overrides", required_argument, NULL, O_OVERRIDES},
      {"start", required_argument, NULL, O_START},
      {"sep", required_argument, NULL, O_SEP},
      {"bom", no_argument, NULL, O_BOM},
      {"publisher", required_argument, NULL, O_PUBLISHER},
      {"publisher-name", required_argument, NULL, O_PUBLISHER_NAME},
      {"category", required_argument, NULL, O_CATEGORY},
      {"handeling", required_argument, NULL, O_HANDELING},
      {"language", required_argument, NULL, O_LANGUAGE},
      {"title", required_argument, NULL, O_TITLE},
      {"jobs", required_argument, NULL, 'j'},
      {"output", required_argument, NULL, 'o'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "j:o:", longopts, NULL)) != -1) {
    switch (c) {
    case O_FORMAT: format_name = optarg; break;
    case O_MARKS: marks = optarg; break;
    case O_POLICY: policy_path = optarg; break;
    case O_NO_SCAN: scan = false; break;
    case O_OVERRIDES: io.overrides_path = optarg; break;
    case O_START: {
      char *end;
      unsigned long long v = strtoull(optarg, &end, 10);
      if (!*optarg || *end || v == 0 || *optarg == '-')
        return cli_usage("index", "--start wants a number from 1");
      io.start_nr = (size_t)v;
      break;
    }
    case O_SEP:
      if (parse_sep(optarg, &io.csv_flags))
        return cli_usage("index", "--sep is ',' or ';'");
      break;
    case O_BOM: io.csv_flags |= WOO_INDEX_CSV_BOM; break;
    case O_PUBLISHER: io.publisher_uri = optarg; break;
    case O_PUBLISHER_NAME: io.publisher_name = optarg; break;
    case O_CATEGORY: io.informatiecategorie_uri = optarg; break;
    case O_HANDELING: io.handeling = optarg; break;
    case O_LANGUAGE: io.language = optarg; break;
    case O_TITLE: io.title = optarg; break;
    case 'j':
      if ((jobs = batch_parse_jobs(optarg)) < 0)
        return cli_usage("index", "-j wants a number of threads");
      break;
    case 'o': out = optarg; break;
    default: return cli_usage("index", "unknown option");
    }
  }
  if (optind >= argc)
    return cli_usage("index", "expects FILE or DIR");
  woo_index_format format;
  if (woo_index_format_parse(&format, format_name) != 0)
    return cli_usage("index", "--format is csv, json, md, html or diwoo");
  if (format == WOO_INDEX_DIWOO && !io.publisher_uri)
    return cli_usage("index", "--format diwoo needs --publisher URI (the "
                              "TOOI identifier of the publishing body)");
  if (!scan && policy_path)
    return cli_usage("index", "--policy and --no-scan exclude each other");

  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  index_job job = {0};
  FILE *f = NULL;
  char *tmp = NULL;
  int rc = EXIT_ERROR;
  job.n = -1;
  if ((job.n = collect(argv + optind, argc - optind, &job.in)) < 0)
    goto done;
  job.marks = marks;
  job.marks_is_dir = marks && is_dir(marks);
  if (marks && !job.marks_is_dir && !is_file(marks)) {
    cli_error("%s: no such marks file or folder", marks);
    goto done;
  }
  if (marks && !job.marks_is_dir && job.n > 1) {
    rc = cli_usage("index", "--marks FILE needs a single input (use --marks DIR)");
    goto done;
  }
  /* Documents without reviewed marks and without codes are scanned; the
   * scanner is built once and shared by all threads. */
  if (scan) {
    if (policy_path && woo_policy_load(&policy, policy_path) != 0) {
      cli_error_last();
      goto done;
    }
    if (woo_scanner_new(&scanner, policy) != 0) {
      cli_error_last();
      goto done;
    }
    io.scanner = scanner;
  }
  /* One folder argument: rows name documents relative to it. */
  if (argc - optind == 1 && is_dir(argv[optind]))
    io.base_dir = argv[optind];
  if (woo_index_new(&job.idx, &io) != 0) {
    cli_error_last();
    goto done;
  }
  job.rows = calloc((size_t)(job.n > 0 ? job.n : 1), sizeof *job.rows);
  if (!job.rows) {
    cli_error("out of memory");
    goto done;
  }
  f = out ? open_temp(out, &tmp) : stdout;
  if (!f)
    goto done;
  job.out = f;
  if (woo_index_writer_new(&job.writer, job.idx, format, sink, f) != 0) {
    cli_error_last();
    goto done;
  }
  int failed = batch_run(job.n, jobs, "indexing", index_one, emit, &job);
  if (!job.write_failed && woo_index_writer_finish(job.writer) != 0) {
    cli_error("writing the index failed: %s", woo_error_last()->message);
    job.write_failed = true;
  }
  if (fflush(f) != 0 || ferror(f)) {
    cli_error("%s: %s", out ? out : "standard output", strerror(errno));
    job.write_failed = true;
  }
  if (out && !job.write_failed && fsync(fileno(f)) != 0) {
    cli_error("%s: %s", out, strerror(errno));
    job.write_failed = true;
  }
  if (failed && out)
    cli_error("%s not written: %d document%s could not be indexed", out,
              failed, failed == 1 ? "" : "s");
  rc = failed || job.write_failed ? EXIT_ERROR : EXIT_DONE;
done:
  if (f && f != stdout) {
    if (fclose(f) != 0 && rc == EXIT_DONE) {
      cli_error("%s: %s", out, strerror(errno));
      rc = EXIT_ERROR;
    }
    if (rc == EXIT_DONE && rename(tmp, out) != 0) {
      cli_error("%s: %s", out, strerror(errno));
      rc = EXIT_ERROR;
    }
    if (rc != EXIT_DONE)
      unlink(tmp);
  }
  free(tmp);
  for (int i = 0; i < job.n; i++) {
    free(job.in[i].path);
    free(job.in[i].rel);
    if (job.rows)
      woo_index_row_free(job.rows[i]);
  }
  free(job.in);
  free(job.rows);
  woo_index_writer_free(job.writer);
  woo_index_free(job.idx);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  return rc;
}
