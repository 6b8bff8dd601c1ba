/* woo scan: find what must be withheld, with its ground. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"

typedef struct scan_job {
  char **paths;
  const woo_scanner *scanner;
  woo_names *known;
  bool learn; /* first pass over a batch: only learn names */
  bool json, jsonl;
  bool array, first; /* --json over several inputs: one JSON array */
  int failed_emit;
} scan_job;

/* A plain summary: counts per ground and where each mark is.  The
 * withheld text itself is not printed here; --json carries it for those
 * who review. */
static char *summary(const woo_doc *doc, const woo_marks *m) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  if (!f)
    return NULL;
  size_t n = woo_marks_count(m);
  fprintf(f, "%s: %zu mark%s", woo_doc_path(doc), n, n == 1 ? "" : "s");
  /* Counts per ground, in registry order. */
  const char *sep = " (";
  for (size_t g = 0; g < woo_ground_count(); g++) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
      c += woo_marks_at(m, i)->ground == woo_ground_at(g);
    if (c) {
      fprintf(f, "%s%s ×%zu", sep, woo_ground_at(g)->code, c);
      sep = ", ";
    }
  }
  fprintf(f, "%s\n", n ? ")" : "");
  for (size_t i = 0; i < n; i++) {
    const woo_mark *k = woo_marks_at(m, i);
    size_t line, col;
    woo_doc_line_col(doc, k->start, &line, &col);
    fprintf(f, "  %zu:%zu\t%-9s %-9s %-14s %.2f  %zu bytes\n", line, col,
            k->ground->code, woo_entity_name(k->entity), k->source,
            k->confidence, k->end - k->start);
  }
  fclose(f);
  return buf;
}

static int scan_one(void *user, int i, char **out) {
  scan_job *job = user;
  woo_doc *doc = NULL;
  woo_marks *marks = NULL;
  *out = NULL;
  /* Only the JSON output carries the input's hash: the learning pass and
   * the summary do without hashing every document. */
  woo_doc_options dopt = WOO_DOC_OPTIONS_INIT;
  dopt.skip_sha256 = job->learn || !(job->json || job->jsonl);
  if (woo_doc_open(&doc, job->paths[i], &dopt) != 0) {
    if (!job->learn)
      cli_error_last();
    return 1;
  }
  if (!job->learn)
    cli_doc_warnings(doc);
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = job->known;
  o.learn = job->learn;
  int rc = woo_scan(&marks, job->scanner, doc, &o);
  if (rc != 0) {
    if (!job->learn)
      cli_error("%s: %s", job->paths[i], woo_error_last()->message);
  } else if (job->learn) {
    /* names only */
  } else if (job->json || job->jsonl) {
    rc = woo_marks_to_json(out, marks, doc, job->jsonl ? WOO_JSON_COMPACT : 0);
    if (rc)
      cli_error_last();
  } else {
    *out = summary(doc, marks);
  }
  woo_marks_free(marks);
  woo_doc_free(doc);
  return rc != 0;
}

static void emit_nothing(void *user, int i, int status, char *result) {
  (void)user; (void)i; (void)status;
  free(result);
}

static void emit(void *user, int i, int status, char *result) {
  scan_job *job = user;
  (void)i;
  (void)status;
  if (result) {
    if (job->array && !job->first)
      fputs(",\n", stdout);
    job->first = false;
    if (fputs(result, stdout) == EOF || (!job->array && fputc('\n', stdout) == EOF))
      job->failed_emit = 1;
    free(result);
  }
}

int cmd_scan(int argc, char **argv) {
  const char *policy_path = NULL;
  bool json = false, jsonl = false, batch_names = true;
  int jobs = 0;
  static const struct option longopts[] = {
      {"policy", required_argument, NULL, 'p'},
      {"json", no_argument, NULL, 'J'},
      {"jsonl", no_argument, NULL, 'L'},
      {"jobs", required_argument, NULL, 'j'},
      {"no-batch-names", no_argument, NULL, 'N'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "j:", longopts, NULL)) != -1) {
    switch (c) {
    case 'p': policy_path = optarg; break;
    case 'J': json = true; break;
    case 'L': jsonl = true; break;
    case 'N': batch_names = false; break;
    case 'j':
      if ((jobs = batch_parse_jobs(optarg)) < 0)
        return cli_usage("scan", "-j wants a number of threads");
      break;
    default: return cli_usage("scan", "unknown option");
    }
  }
  if (optind >= argc)
    return cli_usage("scan", "expects FILE or DIR");
  if (json && jsonl)
    return cli_usage("scan", "--json and --jsonl exclude each other");

  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  woo_names *known = NULL;
  char **paths = NULL;
  int n = -1, rc = EXIT_ERROR;
  if (policy_path && woo_policy_load(&policy, policy_path) != 0) {
    cli_error_last();
    goto done;
  }
  if (woo_scanner_new(&scanner, policy) != 0) {
    cli_error_last();
    goto done;
  }
  if ((n = cli_collect_paths(argv + optind, argc - optind, &paths)) < 0)
    goto done;
  scan_job job = {paths, scanner, NULL, false, json, jsonl, false, true, 0};
  if (n > 1 && batch_names) {
    /* Two passes make the result independent of thread timing: first
     * every document teaches the batch its names, then all are scanned
     * knowing all of them. */
    if (woo_names_new(&known) != 0) {
      cli_error_last();
      goto done;
    }
    job.known = known;
    job.learn = true;
    batch_run(n, jobs, "learning names", scan_one, emit_nothing, &job);
    job.learn = false;
  }
  /* A single JSON document for several inputs is an array. */
  job.array = json && n > 1;
  job.first = true;
  if (job.array)
    fputs("[\n", stdout);
  int failed = batch_run(n, jobs, "scanning", scan_one, emit, &job);
  if (job.array)
    fputs("\n]\n", stdout);
  rc = failed || job.failed_emit ? EXIT_ERROR : EXIT_DONE;
  if (fflush(stdout) != 0) {
    cli_error("writing output failed");
    rc = EXIT_ERROR;
  }
done:
  if (n >= 0)
    cli_paths_free(paths, n);
  woo_names_free(known);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  return rc;
}
