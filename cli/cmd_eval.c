/* woo eval: measure the scanner against gold-annotated documents.
 *
 * Each case folder holds input.* and gold.txt: the document's text with
 * every span that must be withheld written as {{entity:text}} or
 * {{entity ground:text}} (docs/formats.md).  A policy.yaml in the folder
 * is used for that case.  Prints precision, recall and F1 per entity and
 * per ground, at token level and entity level. */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct gold_span {
  size_t start, end;
  woo_entity entity;
  const woo_ground *ground;
} gold_span;

typedef struct counts {
  double tp, fp, fn;
} counts;

typedef struct tally {
  counts tok_entity[WOO_ENTITY_COUNT]; /* tokens, by entity */
  counts ent_entity[WOO_ENTITY_COUNT]; /* exact spans, by entity */
  counts tok_ground[64];               /* tokens, by ground (registry index) */
  counts tok_all;                      /* withheld or not, any entity */
  counts ent_all;
  int cases;
} tally;

static size_t ground_index(const woo_ground *g) {
  for (size_t i = 0; i < woo_ground_count() && i < 64; i++)
    if (woo_ground_at(i) == g)
      return i;
  return 63;
}

/* Parse gold.txt into plain text and spans.  Returns 0, or -1 after
 * printing what is wrong with the file. */
static int parse_gold(const char *path, const char *src, size_t len,
                      char **plain, size_t *plain_len, gold_span **spans,
                      size_t *n) {
  char *out = malloc(len + 1);
  gold_span *v = NULL;
  size_t o = 0, cap = 0;
  *n = 0;
  for (size_t i = 0; i < len;) {
    if (i + 1 < len && src[i] == '{' && src[i + 1] == '{') {
      const char *colon = memchr(src + i + 2, ':', len - i - 2);
      const char *close = colon ? strstr(colon, "}}") : NULL;
      if (!colon || !close || colon - (src + i) > 40) {
        cli_error("%s: unterminated or malformed {{…}} at byte %zu", path, i);
        goto fail;
      }
      char head[48];
      snprintf(head, sizeof head, "%.*s", (int)(colon - src - i - 2), src + i + 2);
      char *sp = strchr(head, ' ');
      if (sp)
        *sp++ = '\0';
      woo_entity e;
      if (woo_entity_parse(&e, head) != 0) {
        cli_error("%s: unknown entity '%s' at byte %zu", path, head, i);
        goto fail;
      }
      if (*n == cap) {
        cap = cap ? cap * 2 : 64;
        gold_span *nv = realloc(v, cap * sizeof *v);
        if (!nv)
          goto fail;
        v = nv;
      }
      gold_span *g = &v[(*n)++];
      g->entity = e;
      g->ground = NULL;
      if (sp) {
        g->ground = woo_ground_find(sp);
        if (!g->ground) {
          cli_error("%s: unknown ground '%s' at byte %zu", path, sp, i);
          goto fail;
        }
      }
      g->start = o;
      size_t tl = (size_t)(close - colon - 1);
      memcpy(out + o, colon + 1, tl);
      o += tl;
      g->end = o;
      i = (size_t)(close - src) + 2;
    } else {
      out[o++] = src[i++];
    }
  }
  out[o] = '\0';
  *plain = out;
  *plain_len = o;
  *spans = v;
  return 0;
fail:
  free(out);
  free(v);
  return -1;
}

static bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* Label of the span covering [s, e), or -1. */
static long cover(const size_t *starts, const size_t *ends, size_t n, size_t s,
                  size_t e) {
  for (size_t i = 0; i < n; i++)
    if (starts[i] < e && s < ends[i])
      return (long)i;
  return -1;
}

/* --misses: print gold spans no mark matches exactly and marks no gold
 * span matches.  This prints document text: it is for tuning on an
 * annotated corpus, not for production logs. */
static void print_misses(const char *name, const woo_doc *doc, const char *text,
                         const gold_span *gold, size_t ng, const woo_marks *m) {
  size_t np = woo_marks_count(m);
  for (size_t i = 0; i < ng; i++) {
    bool hit = false;
    for (size_t j = 0; j < np && !hit; j++)
      hit = woo_marks_at(m, j)->start == gold[i].start && woo_marks_at(m, j)->end == gold[i].end;
    if (!hit) {
      size_t line, col;
      woo_doc_line_col(doc, gold[i].start, &line, &col);
      printf("  miss  %s:%zu:%zu %-9s \"%.*s\"\n", name, line, col,
             woo_entity_name(gold[i].entity), (int)(gold[i].end - gold[i].start),
             text + gold[i].start);
    }
  }
  for (size_t j = 0; j < np; j++) {
    const woo_mark *k = woo_marks_at(m, j);
    bool hit = false;
    for (size_t i = 0; i < ng && !hit; i++)
      hit = k->start == gold[i].start && k->end == gold[i].end;
    if (!hit) {
      size_t line, col;
      woo_doc_line_col(doc, k->start, &line, &col);
      printf("  extra %s:%zu:%zu %-9s %-12s \"%.*s\"\n", name, line, col,
             woo_entity_name(k->entity), k->source, (int)(k->end - k->start),
             text + k->start);
    }
  }
}

static void tally_case(tally *t, const char *text, size_t len,
                       const gold_span *gold, size_t ng, const woo_marks *m,
                       const woo_policy *policy) {
  size_t np = woo_marks_count(m);
  size_t *gs = calloc(ng + 1, sizeof *gs), *ge = calloc(ng + 1, sizeof *ge);
  size_t *ps = calloc(np + 1, sizeof *ps), *pe = calloc(np + 1, sizeof *pe);
  for (size_t i = 0; i < ng; i++) {
    gs[i] = gold[i].start;
    ge[i] = gold[i].end;
  }
  for (size_t i = 0; i < np; i++) {
    ps[i] = woo_marks_at(m, i)->start;
    pe[i] = woo_marks_at(m, i)->end;
  }
  /* Token level. */
  for (size_t i = 0; i < len;) {
    if (!is_word_byte((unsigned char)text[i])) {
      i++;
      continue;
    }
    size_t s = i;
    while (i < len && is_word_byte((unsigned char)text[i]))
      i++;
    long g = cover(gs, ge, ng, s, i), p = cover(ps, pe, np, s, i);
    const woo_mark *pm = p >= 0 ? woo_marks_at(m, (size_t)p) : NULL;
    if (g >= 0 && p >= 0)
      t->tok_all.tp++;
    else if (g >= 0)
      t->tok_all.fn++;
    else if (p >= 0)
      t->tok_all.fp++;
    if (g >= 0) {
      counts *c = &t->tok_entity[gold[g].entity];
      if (p >= 0) c->tp++; else c->fn++;
    }
    if (p >= 0 && g < 0)
      t->tok_entity[pm->entity].fp++;
    const woo_ground *gg = NULL;
    if (g >= 0)
      gg = gold[g].ground ? gold[g].ground
                          : woo_policy_entity_ground(policy, gold[g].entity);
    const woo_ground *pg = pm ? pm->ground : NULL;
    if (gg && pg == gg)
      t->tok_ground[ground_index(gg)].tp++;
    else {
      if (gg)
        t->tok_ground[ground_index(gg)].fn++;
      if (pg)
        t->tok_ground[ground_index(pg)].fp++;
    }
  }
  /* Entity level: exact spans. */
  for (size_t i = 0; i < ng; i++) {
    bool hit = false;
    for (size_t j = 0; j < np && !hit; j++)
      hit = ps[j] == gs[i] && pe[j] == ge[i];
    counts *c = &t->ent_entity[gold[i].entity];
    if (hit) { c->tp++; t->ent_all.tp++; }
    else { c->fn++; t->ent_all.fn++; }
  }
  for (size_t j = 0; j < np; j++) {
    bool hit = false;
    for (size_t i = 0; i < ng && !hit; i++)
      hit = ps[j] == gs[i] && pe[j] == ge[i];
    if (!hit) {
      t->ent_entity[woo_marks_at(m, j)->entity].fp++;
      t->ent_all.fp++;
    }
  }
  free(gs); free(ge); free(ps); free(pe);
}

static double prec(const counts *c) { return c->tp + c->fp ? c->tp / (c->tp + c->fp) : 1.0; }
static double rec(const counts *c) { return c->tp + c->fn ? c->tp / (c->tp + c->fn) : 1.0; }
static double f1(const counts *c) {
  double p = prec(c), r = rec(c);
  return p + r ? 2 * p * r / (p + r) : 0.0;
}

static void row(const char *name, const counts *tok, const counts *ent) {
  printf("  %-18s %6.0f  %5.3f %5.3f %5.3f", name, tok->tp + tok->fn, prec(tok),
         rec(tok), f1(tok));
  if (ent)
    printf("   %5.3f %5.3f %5.3f", prec(ent), rec(ent), f1(ent));
  putchar('\n');
}

/* Score the case in dir, or with learn set only teach `known` its names
 * (the first pass of --batch).  Returns 0, or 1 on an error already
 * reported; a folder that is no case is skipped. */
static int eval_case(tally *t, const char *dir, const char *name,
                     const woo_policy *base_policy, bool verbose, bool misses,
                     woo_names *known, bool learn) {
  char path[4400], input[4400] = "";
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (!strncmp(e->d_name, "input.", 6))
      snprintf(input, sizeof input, "%s/%s", dir, e->d_name);
  closedir(d);
  snprintf(path, sizeof path, "%s/gold.txt", dir);
  struct stat st;
  if (!input[0] || stat(path, &st) != 0)
    return 0; /* not an evaluation case */

  int rc = 1;
  woo_doc *doc = NULL;
  woo_policy *policy = NULL;
  woo_scanner *scanner = NULL;
  woo_marks *marks = NULL;
  char *src = NULL, *plain = NULL;
  gold_span *gold = NULL;
  size_t ng = 0, plen = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_error("%s: cannot open", path);
    goto done;
  }
  src = malloc((size_t)st.st_size + 1);
  size_t got = src ? fread(src, 1, (size_t)st.st_size, f) : 0;
  fclose(f);
  if (!src || parse_gold(path, src, got, &plain, &plen, &gold, &ng) != 0)
    goto done;
  if (woo_doc_open(&doc, input, NULL) != 0) {
    cli_error_last();
    goto done;
  }
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  if (len != plen || memcmp(text, plain, len) != 0) {
    size_t k = 0;
    while (k < len && k < plen && text[k] == plain[k])
      k++;
    cli_error("%s: text differs from %s at byte %zu", path, input, k);
    goto done;
  }
  char ppath[4400];
  snprintf(ppath, sizeof ppath, "%s/policy.yaml", dir);
  if (stat(ppath, &st) == 0) {
    if (woo_policy_load(&policy, ppath) != 0) {
      cli_error_last();
      goto done;
    }
  }
  const woo_policy *use = policy ? policy : base_policy;
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  o.learn = learn;
  if (woo_scanner_new(&scanner, use) != 0 || woo_scan(&marks, scanner, doc, &o) != 0) {
    cli_error_last();
    goto done;
  }
  if (learn) {
    rc = 0;
    goto done;
  }
  if (misses)
    print_misses(name, doc, text, gold, ng, marks);
  tally before = *t;
  tally_case(t, text, len, gold, ng, marks, use);
  t->cases++;
  if (verbose) {
    counts c = {t->tok_all.tp - before.tok_all.tp, t->tok_all.fp - before.tok_all.fp,
                t->tok_all.fn - before.tok_all.fn};
    printf("%-32s tokens P %.3f R %.3f F1 %.3f\n", name, prec(&c), rec(&c), f1(&c));
  }
  rc = 0;
done:
  free(src);
  free(plain);
  free(gold);
  woo_marks_free(marks);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  woo_doc_free(doc);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "--require person-recall=0.98" or "token-f1=0.95". */
static int check_requirement(const char *req, const tally *t) {
  char what[64];
  double min;
  const char *eq = strchr(req, '=');
  if (!eq || (size_t)(eq - req) >= sizeof what || sscanf(eq + 1, "%lf", &min) != 1)
    return cli_usage("eval", "--require wants NAME-METRIC=VALUE");
  snprintf(what, sizeof what, "%.*s", (int)(eq - req), req);
  char *dash = strrchr(what, '-');
  if (!dash)
    return cli_usage("eval", "--require wants NAME-METRIC=VALUE");
  *dash = '\0';
  const char *metric = dash + 1;
  const counts *c = NULL;
  woo_entity e;
  if (!strcmp(what, "token"))
    c = &t->tok_all;
  else if (!strcmp(what, "entity"))
    c = &t->ent_all;
  else if (woo_entity_parse(&e, what) == 0)
    c = &t->tok_entity[e];
  else if (woo_ground_find(what))
    c = &t->tok_ground[ground_index(woo_ground_find(what))];
  else
    return cli_usage("eval", "unknown name '%s' in --require", what);
  double v = !strcmp(metric, "precision") ? prec(c)
             : !strcmp(metric, "recall")  ? rec(c)
             : !strcmp(metric, "f1")      ? f1(c)
                                          : -1;
  if (v < 0)
    return cli_usage("eval", "metric must be precision, recall or f1");
  bool ok = v + 1e-9 >= min;
  printf("require %-28s %.3f >= %.3f  %s\n", req, v, min, ok ? "ok" : "FAILED");
  return ok ? 0 : EXIT_FINDINGS;
}

int cmd_eval(int argc, char **argv) {
  const char *policy_path = NULL;
  bool verbose = false, misses = false, batch = false;
  const char *reqs[32];
  int nreq = 0;
  static const struct option longopts[] = {
      {"policy", required_argument, NULL, 'p'},
      {"require", required_argument, NULL, 'r'},
      {"verbose", no_argument, NULL, 'v'},
      {"misses", no_argument, NULL, 'M'},
      {"batch", no_argument, NULL, 'B'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "v", longopts, NULL)) != -1) {
    switch (c) {
    case 'p': policy_path = optarg; break;
    case 'v': verbose = true; break;
    case 'M': misses = true; break;
    case 'B': batch = true; break;
    case 'r':
      if (nreq == 32)
        return cli_usage("eval", "too many --require");
      reqs[nreq++] = optarg;
      break;
    default: return cli_usage("eval", "unknown option");
    }
  }
  if (optind >= argc)
    return cli_usage("eval", "expects GOLD_DIR…");
  woo_policy *policy = NULL;
  if (policy_path ? woo_policy_load(&policy, policy_path) : woo_policy_default(&policy)) {
    cli_error_last();
    return EXIT_ERROR;
  }
  tally t;
  memset(&t, 0, sizeof t);
  int errors = 0;
  /* --batch: the cases are scanned as one batch, as `woo scan` scans
   * several documents: a learning pass over all of them first, so that
   * names found in one case are marked in the others. */
  woo_names *known = NULL;
  if (batch && woo_names_new(&known) != 0) {
    cli_error_last();
    woo_policy_free(policy);
    return EXIT_ERROR;
  }
  for (int pass = batch ? 0 : 1; pass < 2; pass++) {
    bool learn = pass == 0;
    for (int a = optind; a < argc; a++) {
      /* A folder of cases, or one case folder. */
      errors += eval_case(&t, argv[a], argv[a], policy, verbose, misses, known,
                          learn);
      DIR *d = opendir(argv[a]);
      if (!d)
        continue;
      char **names = NULL;
      size_t n = 0;
      struct dirent *e;
      while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
          char **nn = realloc(names, (n + 1) * sizeof *names);
          char *name = strdup(e->d_name);
          if (nn)
            names = nn;
          if (!nn || !name) {
            free(name);
            for (size_t i = 0; i < n; i++)
              free(names[i]);
            free(names);
            closedir(d);
            woo_names_free(known);
            woo_policy_free(policy);
            cli_error("%s: out of memory", argv[a]);
            return EXIT_ERROR;
          }
          names[n++] = name;
        }
      closedir(d);
      qsort(names, n, sizeof *names, cmp_str);
      for (size_t i = 0; i < n; i++) {
        char sub[4400];
        snprintf(sub, sizeof sub, "%s/%s", argv[a], names[i]);
        errors += eval_case(&t, sub, names[i], policy, verbose, misses, known,
                            learn);
        free(names[i]);
      }
      free(names);
    }
    if (learn && errors)
      break; /* reported once, in the learning pass */
  }
  woo_names_free(known);
  printf("%d documents\n", t.cases);
  printf("  %-18s %6s  %5s %5s %5s   %5s %5s %5s\n", "", "tokens", "P", "R",
         "F1", "eP", "eR", "eF1");
  row("all", &t.tok_all, &t.ent_all);
  printf("by entity (token level; entity level = exact spans)\n");
  for (int e = 0; e < WOO_ENTITY_COUNT; e++) {
    const counts *tc = &t.tok_entity[e], *ec = &t.ent_entity[e];
    if (tc->tp + tc->fp + tc->fn + ec->tp + ec->fp + ec->fn > 0)
      row(woo_entity_name((woo_entity)e), tc, ec);
  }
  printf("by ground (token level, ground must match)\n");
  for (size_t g = 0; g < woo_ground_count() && g < 64; g++) {
    const counts *tc = &t.tok_ground[g];
    if (tc->tp + tc->fp + tc->fn > 0)
      row(woo_ground_at(g)->code, tc, NULL);
  }
  woo_policy_free(policy);
  int rc = errors ? EXIT_ERROR : EXIT_DONE;
  for (int i = 0; i < nreq; i++) {
    int r = check_requirement(reqs[i], &t);
    if (r == EXIT_USAGE)
      return r;
    if (r && rc == EXIT_DONE)
      rc = r;
  }
  if (t.cases == 0) {
    cli_error("no gold-annotated documents found");
    rc = EXIT_ERROR;
  }
  return rc;
}
