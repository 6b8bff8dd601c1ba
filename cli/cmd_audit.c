/* woo audit: check published documents, per document and across a batch.
 *
 *   woo audit [--json] [--index INV] [--fail-on SEV] [-j N] FILE|DIR…
 *   woo audit --keys -o DIR [-j N] FILE|DIR…     the map step alone
 *   woo audit --merge [--json] [--index INV] KEYFILE|DIR…   the merge step
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli.h"
#include "woo/audit.h"

#define KEYS_SUFFIX ".keys.jsonl"

typedef struct audit_job {
  char **paths;
  woo_audit *audit;
  const woo_audit_options *opts;
  const char *keys_dir; /* --keys: write here */
} audit_job;

static int add_one(void *user, int i, char **out) {
  audit_job *job = user;
  woo_doc *doc = NULL;
  *out = NULL;
  if (woo_doc_open(&doc, job->paths[i], NULL) != 0) {
    cli_error_last();
    return 1;
  }
  cli_doc_warnings(doc);
  int rc = woo_audit_add(job->audit, doc);
  if (rc)
    cli_error_last();
  woo_doc_free(doc);
  return rc != 0;
}

/* A key file name that stays apart for equal base names in different
 * folders: the base name and a hash of the whole path. */
static char *keys_name(const char *dir, const char *path) {
  uint32_t h = 2166136261u;
  for (const char *p = path; *p; p++)
    h = (h ^ (unsigned char)*p) * 16777619u;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(dir) + strlen(base) + 32;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s/%s-%08x%s", dir, base, (unsigned)h, KEYS_SUFFIX);
  return s;
}

static int keys_one(void *user, int i, char **out) {
  audit_job *job = user;
  woo_doc *doc = NULL;
  char *keys = NULL, *name = NULL;
  size_t len = 0;
  *out = NULL;
  if (woo_doc_open(&doc, job->paths[i], NULL) != 0) {
    cli_error_last();
    return 1;
  }
  cli_doc_warnings(doc);
  int rc = woo_audit_keys(&keys, &len, doc, job->opts);
  if (rc == 0 && !(name = keys_name(job->keys_dir, job->paths[i]))) {
    cli_error("out of memory");
    rc = 1;
  } else if (rc == 0) {
    rc = woo_write_file(name, keys, len, 1);
  }
  if (rc < 0)
    cli_error_last();
  free(name);
  woo_free(keys);
  woo_doc_free(doc);
  return rc != 0;
}

static void emit_nothing(void *user, int i, int status, char *result) {
  (void)user;
  (void)i;
  (void)status;
  free(result);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int merge_file(woo_audit *audit, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_error("%s: cannot open", path);
    return 1;
  }
  char *buf = NULL;
  size_t size = 0, len = 0;
  int rc = 0;
  for (;;) {
    if (len == size) {
      size_t cap = size ? size * 2 : 1 << 16;
      char *p = realloc(buf, cap);
      if (!p) {
        cli_error("%s: out of memory", path);
        rc = 1;
        break;
      }
      buf = p;
      size = cap;
    }
    size_t got = fread(buf + len, 1, size - len, f);
    len += got;
    if (got == 0)
      break;
  }
  if (rc == 0 && ferror(f)) {
    cli_error("%s: read error", path);
    rc = 1;
  }
  fclose(f);
  if (rc == 0 && woo_audit_add_keys(audit, buf, len, path) != 0) {
    cli_error_last();
    rc = 1;
  }
  free(buf);
  return rc;
}

/* ---- the human report ---------------------------------------------------- */

static void print_finding(const woo_finding *f) {
  printf("  %-6s  %-24s", woo_severity_name(f->severity), f->type);
  if (f->start != WOO_UNSET)
    printf(" @%zu-%zu", f->start, f->end);
  if (f->page)
    printf(" p.%d", f->page);
  printf("  %s", f->message);
  if (f->other_document) {
    if (strcmp(f->other_document, f->document) == 0)
      printf(" [zie @%zu]", f->other_start);
    else if (f->other_start != WOO_UNSET)
      printf(" [zie %s @%zu]", f->other_document, f->other_start);
    else
      printf(" [zie %s]", f->other_document);
  }
  putchar('\n');
}

/* Findings of one document: a run of the list, found by binary search so
 * a report over many documents stays linear in the findings. */
typedef struct group {
  const char *document;
  size_t first, count;
} group;

static int cmp_group(const void *a, const void *b) {
  return strcmp(((const group *)a)->document, ((const group *)b)->document);
}

static void report(const woo_audit *audit) {
  size_t per[4] = {0}, n = woo_audit_count(audit), k = 0;
  size_t nd = woo_audit_document_count(audit);
  group *groups = calloc(n ? n : 1, sizeof *groups);
  size_t ng = 0;
  for (size_t j = 0; groups && j < n; j++) {
    const woo_finding *f = woo_audit_at(audit, j);
    if (ng && strcmp(groups[ng - 1].document, f->document) == 0)
      groups[ng - 1].count++;
    else
      groups[ng++] = (group){f->document, j, 1};
  }
  if (groups)
    qsort(groups, ng, sizeof *groups, cmp_group);
  /* Batch-wide findings (no document) sort first. */
  while (k < n && !*woo_audit_at(audit, k)->document)
    k++;
  for (size_t i = 0; i < nd; i++) {
    woo_audit_document d;
    if (woo_audit_document_at(audit, i, &d) != 0)
      continue;
    printf("%s (%s", d.path, d.format);
    const char *sep = "; codes: ";
    for (size_t g = 0; g < woo_ground_count(); g++)
      if (d.codes[g]) {
        printf("%s%s ×%zu", sep, woo_ground_at(g)->code, d.codes[g]);
        sep = ", ";
      }
    if (*sep == ';')
      printf("; geen codes");
    printf(")\n");
    /* Findings are sorted by document like the documents are. */
    size_t shown = 0;
    group want = {d.path, 0, 0};
    const group *g = groups ? bsearch(&want, groups, ng, sizeof *groups, cmp_group) : NULL;
    /* A document's findings may form more than one run if the list is
     * not grouped; take every group with this document. */
    while (g && g > groups && strcmp(g[-1].document, want.document) == 0)
      g--;
    for (; g && g < groups + ng && strcmp(g->document, want.document) == 0; g++)
      for (size_t j = g->first; j < g->first + g->count; j++, shown++)
        print_finding(woo_audit_at(audit, j));
    if (!shown)
      printf("  geen bevindingen\n");
  }
  if (k) {
    printf("batch\n");
    for (size_t j = 0; j < k; j++)
      print_finding(woo_audit_at(audit, j));
  }
  for (size_t j = 0; j < n; j++)
    per[woo_audit_at(audit, j)->severity & 3]++;
  free(groups);
  printf("\n%zu document%s, %zu bevinding%s: %zu high, %zu medium, %zu low, "
         "%zu info\n",
         nd, nd == 1 ? "" : "en", n,
         n == 1 ? "" : "en", per[3], per[2], per[1], per[0]);
}

/* ---- the command ----------------------------------------------------------- */

int cmd_audit(int argc, char **argv) {
  const char *policy_path = NULL, *out_dir = NULL, *fail_on = "high";
  bool json = false, keys = false, merge = false;
  int jobs = 0;
  woo_audit_options opts = WOO_AUDIT_OPTIONS_INIT;
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'J'},
      {"index", required_argument, NULL, 'i'},
      {"fail-on", required_argument, NULL, 'f'},
      {"policy", required_argument, NULL, 'p'},
      {"jobs", required_argument, NULL, 'j'},
      {"keys", no_argument, NULL, 'k'},
      {"merge", no_argument, NULL, 'm'},
      {"output", required_argument, NULL, 'o'},
      {"no-residual", no_argument, NULL, 'R'},
      {"no-consistency", no_argument, NULL, 'C'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "j:o:", longopts, NULL)) != -1) {
    switch (c) {
    case 'J': json = true; break;
    case 'i': opts.index_path = optarg; break;
    case 'f': fail_on = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'k': keys = true; break;
    case 'm': merge = true; break;
    case 'o': out_dir = optarg; break;
    case 'R': opts.no_residual = 1; break;
    case 'C': opts.no_consistency = 1; break;
    case 'j':
      if ((jobs = batch_parse_jobs(optarg)) < 0)
        return cli_usage("audit", "-j wants a number of threads");
      break;
    default: return cli_usage("audit", "unknown option");
    }
  }
  woo_severity threshold;
  if (woo_severity_parse(&threshold, fail_on) != 0)
    return cli_usage("audit", "--fail-on wants info, low, medium or high");
  if (optind >= argc)
    return cli_usage("audit", merge ? "expects KEYFILE or DIR"
                                    : "expects FILE or DIR");
  if (keys && merge)
    return cli_usage("audit", "--keys and --merge exclude each other");
  if (keys && !out_dir)
    return cli_usage("audit", "--keys needs -o DIR");
  if (!keys && out_dir)
    return cli_usage("audit", "-o is for --keys");
  if (keys && (json || opts.index_path))
    return cli_usage("audit", "--keys writes key files only");

  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  woo_audit *audit = NULL;
  char **paths = NULL;
  char *out = NULL;
  int n = -1, rc = EXIT_ERROR, failed = 0;
  if (policy_path && woo_policy_load(&policy, policy_path) != 0) {
    cli_error_last();
    goto done;
  }
  if (!merge && !opts.no_residual && woo_scanner_new(&scanner, policy) != 0) {
    cli_error_last();
    goto done;
  }
  opts.scanner = scanner;
  if (!merge && (n = cli_collect_paths(argv + optind, argc - optind, &paths)) < 0)
    goto done;

  if (keys) {
    struct stat st;
    if (stat(out_dir, &st) != 0 && mkdir(out_dir, 0777) != 0) {
      cli_error("%s: cannot create the folder", out_dir);
      goto done;
    }
    audit_job job = {paths, NULL, &opts, out_dir};
    failed = batch_run(n, jobs, "keys", keys_one, emit_nothing, &job);
    if (failed)
      cli_error("%d of %d documents failed", failed, n);
    rc = failed ? EXIT_ERROR : EXIT_DONE;
    goto done;
  }

  if (woo_audit_new(&audit, &opts) != 0) {
    cli_error_last();
    goto done;
  }
  if (merge) {
    /* Files named on the command line are key files; from a folder only
     * those with the key file suffix are taken. */
    for (int a = optind; a < argc; a++) {
      struct stat st;
      if (stat(argv[a], &st) != 0 || !S_ISDIR(st.st_mode)) {
        failed += merge_file(audit, argv[a]);
        continue;
      }
      char **in_dir = NULL;
      int m = cli_collect_paths(argv + a, 1, &in_dir);
      if (m < 0) {
        failed++;
        continue;
      }
      for (int i = 0; i < m; i++)
        if (ends_with(in_dir[i], KEYS_SUFFIX))
          failed += merge_file(audit, in_dir[i]);
      cli_paths_free(in_dir, m);
    }
  } else {
    audit_job job = {paths, audit, &opts, NULL};
    failed = batch_run(n, jobs, "auditing", add_one, emit_nothing, &job);
  }
  if (woo_audit_finish(audit) != 0 ||
      (json && woo_audit_to_json(&out, audit) != 0)) {
    cli_error_last();
    goto done;
  }
  if (json) {
    fputs(out, stdout);
    fputc('\n', stdout);
  } else {
    report(audit);
  }
  if (failed)
    cli_error("%d %s failed", failed, merge ? "key files" : "documents");
  rc = failed ? EXIT_ERROR : EXIT_DONE;
  for (size_t i = 0; i < woo_audit_count(audit) && rc == EXIT_DONE; i++)
    if (woo_audit_at(audit, i)->severity >= threshold)
      rc = EXIT_FINDINGS;
  if (fflush(stdout) != 0) {
    cli_error("writing output failed");
    rc = EXIT_ERROR;
  }
done:
  woo_free(out);
  woo_audit_free(audit);
  if (n >= 0)
    cli_paths_free(paths, n);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  return rc;
}
