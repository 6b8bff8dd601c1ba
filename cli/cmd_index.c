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

typedef struct index_job {
  cli_input *in;
  int n;
  const char *marks; /* folder (or file for a single input), or NULL */
  bool marks_is_dir;
  woo_index *idx;
  woo_index_row **rows; /* rows[i] made by the worker, taken by emit */
  woo_index_writer *writer;
  FILE *out;
  bool write_failed;
} index_job;

static int index_one(void *user, int i, char **result) {
  index_job *job = user;
  const cli_input *in = &job->in[i];
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
  mpath = cli_marks_path(job->marks, job->marks_is_dir, in);
  if (mpath && cli_load_marks(&marks, mpath, doc) != 0)
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
  if ((job.n = cli_collect_inputs(argv + optind, argc - optind, &job.in)) < 0)
    goto done;
  job.marks = marks;
  job.marks_is_dir = marks && cli_is_dir(marks);
  if (marks && !job.marks_is_dir && !cli_is_file(marks)) {
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
  if (argc - optind == 1 && cli_is_dir(argv[optind]))
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
