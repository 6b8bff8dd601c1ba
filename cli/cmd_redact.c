/* woo redact: write the documents to publish; woo review: a page for the
 * people who check the marks first. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli.h"

typedef struct redact_job {
  cli_input *in;
  int n;
  const char *out;  /* file (one input) or folder */
  bool out_is_dir;
  const char *marks; /* file or folder, or NULL */
  bool marks_is_dir;
  const woo_scanner *scanner;
  woo_redact_options ropts;
  char **failures; /* one line per failed input, printed at the end */
} redact_job;

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s%s%s", a, (*a && a[strlen(a) - 1] != '/') ? "/" : "", b);
  return s;
}

/* mkdir -p for the folders of `path`. */
static int make_parents(const char *path) {
  char *p = strdup(path);
  if (!p)
    return -1;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/')
      continue;
    *s = '\0';
    if (mkdir(p, 0755) != 0 && errno != EEXIST) {
      free(p);
      return -1;
    }
    *s = '/';
  }
  free(p);
  return 0;
}

/* The output name: the input's own, with .txt for formats redacted to
 * text (e-mail, XML). */
static char *output_path(const redact_job *job, const cli_input *in, woo_format f) {
  char *base = job->out_is_dir ? join(job->out, in->rel) : strdup(job->out);
  if (!base || !job->out_is_dir || (f != WOO_FORMAT_EML && f != WOO_FORMAT_XML))
    return base;
  size_t n = strlen(base) + 5;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s.txt", base);
  free(base);
  return s;
}

static void fail(redact_job *job, int i, const char *msg) {
  fprintf(stderr, "woo: %s\n", msg);
  job->failures[i] = strdup(msg);
}

static int redact_one(void *user, int i, char **result) {
  redact_job *job = user;
  const cli_input *in = &job->in[i];
  woo_doc *doc = NULL;
  woo_marks *marks = NULL;
  char *mpath = NULL, *opath = NULL;
  int rc = 1;
  *result = NULL;
  if (woo_doc_open(&doc, in->path, NULL) != 0) {
    fail(job, i, woo_error_last()->message);
    goto done;
  }
  cli_doc_warnings(doc);
  mpath = cli_marks_path(job->marks, job->marks_is_dir, in);
  if (mpath) {
    if (cli_load_marks(&marks, mpath, doc) != 0) {
      job->failures[i] = strdup(woo_error_last()->message);
      goto done;
    }
  } else if (woo_scan(&marks, job->scanner, doc, NULL) != 0) {
    fail(job, i, woo_error_last()->message);
    goto done;
  }
  opath = output_path(job, in, woo_doc_format(doc));
  if (!opath || make_parents(opath) != 0) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s: cannot create the output folder", opath ? opath : in->path);
    fail(job, i, msg);
    goto done;
  }
  if (woo_redact_file(opath, doc, marks, &job->ropts) != 0) {
    fail(job, i, woo_error_last()->message);
    goto done;
  }
  size_t applied = 0;
  for (size_t k = 0; k < woo_marks_count(marks); k++)
    applied += woo_marks_at(marks, k)->status != WOO_MARK_REJECTED;
  if (asprintf(result, "%s -> %s (%zu marks%s)", in->path, opath, applied,
               mpath ? ", reviewed" : "") < 0)
    *result = NULL;
  rc = 0;
done:
  free(mpath);
  free(opath);
  woo_marks_free(marks);
  woo_doc_free(doc);
  return rc;
}

static void emit(void *user, int i, int status, char *result) {
  (void)user; (void)i; (void)status;
  if (result)
    fprintf(stderr, "%s\n", result);
  free(result);
}

int cmd_redact(int argc, char **argv) {
  const char *out = NULL, *marks = NULL, *policy_path = NULL;
  int jobs = 0;
  redact_job job = {0};
  job.ropts = (woo_redact_options)WOO_REDACT_OPTIONS_INIT;
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"marks", required_argument, NULL, 'm'},
      {"policy", required_argument, NULL, 'p'},
      {"style", required_argument, NULL, 's'},
      {"jobs", required_argument, NULL, 'j'},
      {"force", no_argument, NULL, 'f'},
      {"dpi", required_argument, NULL, 'd'},
      {"no-labels", no_argument, NULL, 'L'},
      {"no-text-layer", no_argument, NULL, 'T'},
      {"box-color", required_argument, NULL, 'c'},
      {"title", required_argument, NULL, 't'},
      {"test-fail-verify", no_argument, NULL, 'X'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:j:f", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': out = optarg; break;
    case 'm': marks = optarg; break;
    case 'p': policy_path = optarg; break;
    case 's':
      if (woo_style_parse(&job.ropts.style, optarg) != 0)
        return cli_usage("redact", "%s", woo_error_last()->message);
      break;
    case 'j':
      if ((jobs = batch_parse_jobs(optarg)) < 0)
        return cli_usage("redact", "-j wants a number of threads");
      break;
    case 'f': job.ropts.force = 1; break;
    case 'd': job.ropts.dpi = atoi(optarg);
      if (job.ropts.dpi < 36 || job.ropts.dpi > 1200)
        return cli_usage("redact", "--dpi wants 36..1200");
      break;
    case 'L': job.ropts.no_labels = 1; break;
    case 'T': job.ropts.no_text_layer = 1; break;
    case 'c': {
      unsigned r, g, b;
      if (sscanf(optarg, "#%02x%02x%02x", &r, &g, &b) != 3)
        return cli_usage("redact", "--box-color wants #rrggbb");
      job.ropts.box_rgb[0] = r / 255.0;
      job.ropts.box_rgb[1] = g / 255.0;
      job.ropts.box_rgb[2] = b / 255.0;
      break;
    }
    case 't': job.ropts.title = optarg; break;
    case 'X': job.ropts.test_flags |= WOO_REDACT_TEST_FAIL_VERIFY; break;
    default: return cli_usage("redact", "unknown option");
    }
  }
  if (!out)
    return cli_usage("redact", "needs -o OUT");
  if (optind >= argc)
    return cli_usage("redact", "expects FILE or DIR");

  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  int rc = EXIT_ERROR;
  if (policy_path && woo_policy_load(&policy, policy_path) != 0) {
    cli_error_last();
    goto done;
  }
  if (policy && !job.ropts.style)
    job.ropts.style = woo_policy_style(policy);
  if (woo_scanner_new(&scanner, policy) != 0) {
    cli_error_last();
    goto done;
  }
  job.n = cli_collect_inputs(argv + optind, argc - optind, &job.in);
  if (job.n < 0)
    goto done;
  if (job.n == 0) {
    cli_error("no input files");
    goto done;
  }
  job.out = out;
  job.out_is_dir = job.n > 1 || cli_is_dir(out) || out[strlen(out) - 1] == '/' ||
                   cli_is_dir(argv[optind]);
  job.marks = marks;
  job.marks_is_dir = marks && cli_is_dir(marks);
  if (marks && !job.marks_is_dir && job.n > 1) {
    rc = cli_usage("redact", "--marks FILE needs a single input (use --marks DIR)");
    goto done;
  }
  if (job.out_is_dir && mkdir(out, 0755) != 0 && errno != EEXIST) {
    cli_error("%s: %s", out, strerror(errno));
    goto done;
  }
  job.scanner = scanner;
  job.failures = calloc((size_t)job.n, sizeof *job.failures);
  if (!job.failures)
    goto done;
  int failed = batch_run(job.n, jobs, "redacting", redact_one, emit, &job);
  if (failed && job.n > 1) {
    fprintf(stderr, "woo: %d of %d documents failed:\n", failed, job.n);
    for (int i = 0; i < job.n; i++)
      if (job.failures[i])
        fprintf(stderr, "  %s\n", job.failures[i]);
  }
  rc = failed ? EXIT_ERROR : EXIT_DONE;
done:
  for (int i = 0; i < job.n; i++) {
    free(job.in[i].path);
    free(job.in[i].rel);
    if (job.failures)
      free(job.failures[i]);
  }
  free(job.in);
  free(job.failures);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  return rc;
}

int cmd_review(int argc, char **argv) {
  const char *out = NULL, *marks = NULL, *policy_path = NULL;
  bool force = false;
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"marks", required_argument, NULL, 'm'},
      {"policy", required_argument, NULL, 'p'},
      {"force", no_argument, NULL, 'f'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:f", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': out = optarg; break;
    case 'm': marks = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'f': force = true; break;
    default: return cli_usage("review", "unknown option");
    }
  }
  if (!out || optind + 1 != argc)
    return cli_usage("review", "expects FILE and -o review.html");
  woo_doc *doc = NULL;
  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  woo_marks *mk = NULL;
  char *html = NULL;
  size_t len = 0;
  int rc = EXIT_ERROR;
  if (woo_doc_open(&doc, argv[optind], NULL) != 0) {
    cli_error_last();
    goto done;
  }
  cli_doc_warnings(doc);
  if (marks) {
    if (cli_load_marks(&mk, marks, doc) != 0)
      goto done;
  } else if ((policy_path && woo_policy_load(&policy, policy_path) != 0) ||
             woo_scanner_new(&scanner, policy) != 0 ||
             woo_scan(&mk, scanner, doc, NULL) != 0) {
    cli_error_last();
    goto done;
  }
  if (woo_review_html(&html, &len, doc, mk) != 0 ||
      woo_write_file(out, html, len, force) != 0) {
    cli_error_last();
    goto done;
  }
  rc = EXIT_DONE;
done:
  woo_free(html);
  woo_marks_free(mk);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  woo_doc_free(doc);
  return rc;
}
