/* woo scan: find what must be withheld, with its ground. */
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
  /* Documents the learning pass opened, kept for the marking pass so that
   * a batch reads and decodes each input once (up to KEEP_BYTES; the
   * rest are opened again).  NULL: nothing is kept. */
  woo_doc **kept;
  size_t kept_bytes;
  pthread_mutex_t kept_lock;
} scan_job;

enum { KEEP_BYTES = 64 << 20 };

/* What keeping a document costs, roughly: its text, the line index, and
 * per character boxes where the format has them. */
static size_t keep_cost(const woo_doc *doc) {
  size_t len;
  woo_doc_text(doc, &len);
  return 4096 + len * (woo_doc_has_boxes(doc) ? 40 : 2);
}

/* Keep the learning pass's document for the marking pass; true when kept
 * (the job owns it then). */
static bool keep_doc(scan_job *job, int i, woo_doc *doc) {
  if (!job->kept)
    return false;
  size_t cost = keep_cost(doc);
  bool ok = false;
  pthread_mutex_lock(&job->kept_lock);
  if (job->kept_bytes + cost <= KEEP_BYTES) {
    job->kept_bytes += cost;
    job->kept[i] = doc;
    ok = true;
  }
  pthread_mutex_unlock(&job->kept_lock);
  return ok;
}

/* The summary is built in one growing buffer: a batch prints a line per
 * mark, and formatting them through stdio was a noticeable part of a
 * scan. */
typedef struct sbuf {
  char *p;
  size_t n, cap;
  bool failed;
} sbuf;

/* Room for n more bytes (and the terminating NUL) at b->p + b->n; NULL
 * when memory is short, which marks the buffer failed. */
static inline char *sb_room(sbuf *b, size_t n) {
  if (b->failed)
    return NULL;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (b->n + n + 1 > cap)
      cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) {
      b->failed = true;
      return NULL;
    }
    b->p = q;
    b->cap = cap;
  }
  return b->p + b->n;
}

static inline void sb_put(sbuf *b, const char *s, size_t n) {
  char *o = sb_room(b, n);
  if (!o)
    return;
  memcpy(o, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static inline void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* v in decimal at o; returns the end.  The digits are counted first and
 * written in place from the last: a copy from a scratch buffer was a
 * call for every number of the summary. */
static inline char *put_num(char *o, size_t v) {
  /* the two digits of 0..99, one pair a copy */
  static const char pairs[201] =
      "00010203040506070809101112131415161718192021222324252627282930313233"
      "34353637383940414243444546474849505152535455565758596061626364656667"
      "6869707172737475767778798081828384858687888990919293949596979899";
  /* lines, columns and lengths are mostly below a thousand */
  if (v < 10) {
    *o = (char)('0' + v);
    return o + 1;
  }
  if (v < 100) {
    memcpy(o, pairs + 2 * v, 2);
    return o + 2;
  }
  if (v < 1000) {
    o[0] = (char)('0' + v / 100);
    memcpy(o + 1, pairs + 2 * (v % 100), 2);
    return o + 3;
  }
  size_t n = 1;
  for (size_t x = v; x >= 10; x /= 10)
    n++;
  char *e = o + n;
  do {
    *--e = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return o + n;
}

static inline void sb_num(sbuf *b, size_t v) {
  char *o = sb_room(b, 24);
  if (!o)
    return;
  b->n = (size_t)(put_num(o, v) - b->p);
  b->p[b->n] = '\0';
}


/* Lines and columns as woo_doc_line_col counts them (lines from 1,
 * columns in code points from 1), found by one walk over the text from
 * mark to mark, since the marks come in text order.  pos is where the
 * walk stands, line and col are those of byte pos. */
typedef struct linecol {
  size_t pos, line, col;
} linecol;

/* The number of bits set in x (set bits are few where this is asked). */
static inline unsigned bit_count(uint32_t x) {
  unsigned n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

#if defined(__SSE2__)
/* Bit i set: byte p[i] of thirty-two is a newline. */
static inline uint32_t nl_mask(const char *p) {
  const __m128i nl = _mm_set1_epi8('\n');
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
  return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, nl)) |
         (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(y, nl)) << 16;
}

/* Bit i set: byte p[i] of thirty-two is a UTF-8 continuation byte
 * (10xxxxxx).  Most steps are plain ASCII: the top bits tell at once. */
static inline uint32_t cont_mask(const char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
  if (!_mm_movemask_epi8(_mm_or_si128(x, y)))
    return 0;
  /* as signed bytes, continuation bytes are -128..-65 */
  const __m128i lead_min = _mm_set1_epi8(-64);
  return (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(lead_min, x)) |
         (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(lead_min, y)) << 16;
}
#endif

#if defined(__SSE2__)
/* The newlines k of the thirty-two bytes from a: counted, and *from set
 * after the last. */
static inline void nl_step(linecol *w, size_t *from, uint32_t k, size_t a) {
  if (k) {
    w->line += k & (k - 1) ? bit_count(k) : 1;
    *from = a + 32 - (size_t)__builtin_clz(k);
  }
}
#endif

/* Walk on to byte off (pos <= off <= len).  The newlines on the way are
 * counted first, noting where the last line starts; the code points are
 * then counted from there (or from pos) only, which is mostly a short
 * stretch: marks are a line or two apart. */
static void lc_walk(linecol *w, const char *t, size_t len, size_t off) {
  size_t a = w->pos, from = a;
#if defined(__SSE2__)
  /* Thirty-two bytes a step.  The last bytes in one step more, which
   * reads past off but not past the text: the bytes beyond are masked
   * off. */
  for (; a + 32 <= off; a += 32)
    nl_step(w, &from, nl_mask(t + a), a);
  if (a < off && a + 32 <= len) {
    nl_step(w, &from, nl_mask(t + a) & ((1u << (off - a)) - 1), a);
    a = off;
  }
#endif
  for (; a < off; a++)
    if (t[a] == '\n') {
      w->line++;
      from = a + 1;
    }
  /* the column: from the walk's own, or from 1 at a line start */
  size_t col = from == w->pos ? w->col : 1;
  col += off - from;
  a = from;
#if defined(__SSE2__)
  for (; a + 32 <= off; a += 32) {
    uint32_t c = cont_mask(t + a);
    if (c)
      col -= bit_count(c);
  }
  if (a < off && a + 32 <= len) {
    uint32_t c = cont_mask(t + a) & ((1u << (off - a)) - 1);
    if (c)
      col -= bit_count(c);
    a = off;
  }
#endif
  for (; a < off; a++)
    if (((unsigned char)t[a] & 0xC0) == 0x80)
      col--;
  w->pos = off;
  w->col = col;
}

/* The middle of a mark's line: its ground, entity and source padded to
 * their columns, then its confidence as printf's "%.2f" gives it, then
 * the space before its length.  A line per mark, and the few kinds of
 * mark come again and again: each thread keeps the middles it built,
 * for all the documents of a scan, in slots picked by their key. */
typedef struct middle {
  const woo_ground *ground; /* NULL: an empty slot */
  woo_entity entity;
  const char *source;
  double confidence;
  size_t n;
  char text[96]; /* the first n bytes; the rest zero */
} middle;

enum { NMIDDLES = 128, NCONF = 16 };

/* A thread's middles, and its confidences formatted: the values come
 * from a few constants, and printf's formatting of one costs more than
 * a line.  Good for the scan that filled them: sources and grounds
 * belong to its scanner, which lives as long as the scan. */
typedef struct middles {
  const void *owner;
  middle slot[NMIDDLES];
  double conf_v[NCONF];
  char conf_s[NCONF][32];
  size_t conf_n[NCONF], n_conf;
} middles;

static _Thread_local middles thread_middles;

/* s (n bytes) at o, padded with spaces to `width`; returns the end. */
static char *put_pad(char *o, const char *s, size_t n, size_t width) {
  memcpy(o, s, n);
  o += n;
  for (; n < width; n++)
    *o++ = ' ';
  return o;
}

/* A confidence as printf's "%.2f" gives it. */
static const char *conf_text(middles *c, double v, size_t *len) {
  size_t ci = 0;
  while (ci < c->n_conf && c->conf_v[ci] != v)
    ci++;
  if (ci == c->n_conf) {
    ci = c->n_conf < NCONF ? c->n_conf++ : NCONF - 1;
    c->conf_v[ci] = v;
    int k = snprintf(c->conf_s[ci], sizeof c->conf_s[ci], "%.2f", v);
    c->conf_n[ci] = k < 0 ? 0 : strlen(c->conf_s[ci]);
  }
  *len = c->conf_n[ci];
  return c->conf_s[ci];
}

/* The middle of mark k's line, or NULL when it is too long for a slot
 * (a policy's own long source name). */
static const middle *middle_of(middles *c, const woo_mark *k) {
  uint64_t cb;
  memcpy(&cb, &k->confidence, sizeof cb);
  uint64_t h = ((uint64_t)(uintptr_t)k->source ^
                (uint64_t)(uintptr_t)k->ground << 7 ^
                (uint64_t)k->entity << 13 ^ cb) *
               0x9e3779b97f4a7c15ull;
  middle *x = &c->slot[h >> 57]; /* seven bits: NMIDDLES slots */
  if (x->ground == k->ground && x->source == k->source &&
      x->entity == k->entity && x->confidence == k->confidence)
    return x;
  const char *code = k->ground->code, *ent = woo_entity_name(k->entity);
  size_t cl = strlen(code), el = strlen(ent), sl = strlen(k->source), cn;
  const char *conf = conf_text(c, k->confidence, &cn);
  /* "ground    entity    source         0.90  " */
  if ((cl > 9 ? cl : 9) + (el > 9 ? el : 9) + (sl > 14 ? sl : 14) + 3 +
          cn + 2 > sizeof x->text)
    return NULL;
  memset(x->text, 0, sizeof x->text);
  char *o = put_pad(x->text, code, cl, 9);
  *o++ = ' ';
  o = put_pad(o, ent, el, 9);
  *o++ = ' ';
  o = put_pad(o, k->source, sl, 14);
  *o++ = ' ';
  memcpy(o, conf, cn);
  o += cn;
  *o++ = ' ';
  *o++ = ' ';
  x->n = (size_t)(o - x->text);
  x->ground = k->ground;
  x->entity = k->entity;
  x->source = k->source;
  x->confidence = k->confidence;
  return x;
}

/* The index of ground gr in the registry (of ng grounds), or ng.  The
 * registry's grounds are mostly in one array: the place gr would have
 * there is tried first, and only confirmed by the registry. */
static size_t ground_index(const woo_ground *gr, size_t ng) {
  const woo_ground *g0 = woo_ground_at(0);
  if (g0) {
    size_t d = (size_t)((uintptr_t)gr - (uintptr_t)g0) / sizeof *gr;
    if (d < ng && woo_ground_at(d) == gr)
      return d;
  }
  for (size_t g = 0; g < ng; g++)
    if (woo_ground_at(g) == gr)
      return g;
  return ng;
}

/* A plain summary: counts per ground and where each mark is.  The
 * withheld text itself is not printed here; --json carries it for those
 * who review.  The marks' lines are written first and counted as they
 * go; the first line, with the counts, is put before them at the end. */
static char *summary(const woo_doc *doc, const woo_marks *m,
                     const void *owner) {
  sbuf b = {NULL, 0, 0, false};
  size_t n = woo_marks_count(m);
  /* Room for all of it at once: a mark's line takes some 60 bytes, and
   * growing the buffer line by line cost more than writing them. */
  sb_room(&b, 64 + n * 96);
  /* Counts per ground, in registry order, the ground's index looked up
   * only when it changes. */
  size_t ng = woo_ground_count();
  /* the registry is small: the counts fit on the stack */
  size_t count_stack[64];
  size_t *count = ng <= 64 ? count_stack : calloc(ng, sizeof *count);
  if (!count) {
    free(b.p);
    return NULL;
  }
  if (count == count_stack)
    memset(count, 0, ng * sizeof *count);
  const woo_ground *last = NULL;
  size_t last_g = ng;
  /* bit g: ground g has marks (with no more than 64 grounds) */
  uint64_t used = 0;
  size_t len;
  const char *t = woo_doc_text(doc, &len);
  linecol w = {0, 1, 1};
  middles *mc = &thread_middles;
  if (mc->owner != owner) {
    memset(mc, 0, sizeof *mc);
    mc->owner = owner;
  }
  for (size_t i = 0; i < n && !b.failed; i++) {
    const woo_mark *k = woo_marks_at(m, i);
    const woo_ground *gr = k->ground;
    if (gr != last || last_g == ng) {
      last = gr;
      last_g = ground_index(gr, ng);
    }
    if (last_g < ng) {
      count[last_g]++;
      if (last_g < 64)
        used |= (uint64_t)1 << last_g;
    }
    size_t off = k->start < len ? k->start : len;
    if (off < w.pos) /* not in order after all: start over */
      w = (linecol){0, 1, 1};
    lc_walk(&w, t, len, off);
    const middle *mid = middle_of(mc, k);
    /* "  line:col\tground    entity    source         0.90  12 bytes\n" */
    char *o = sb_room(&b, 3 * 24 + sizeof mid->text + 16);
    if (!o)
      break;
    *o++ = ' ';
    *o++ = ' ';
    o = put_num(o, w.line);
    *o++ = ':';
    o = put_num(o, w.col);
    *o++ = '\t';
    if (mid) {
      memcpy(o, mid->text, sizeof mid->text); /* a fixed size: no call */
      o += mid->n;
    } else {
      const char *code = k->ground->code, *ent = woo_entity_name(k->entity);
      size_t cl = strlen(code), el = strlen(ent), sl = strlen(k->source);
      b.n = (size_t)(o - b.p);
      if (!(o = sb_room(&b, cl + el + sl + 32 + 3 * 24 + 32 + 16)))
        break;
      o = put_pad(o, code, cl, 9);
      *o++ = ' ';
      o = put_pad(o, ent, el, 9);
      *o++ = ' ';
      o = put_pad(o, k->source, sl, 14);
      *o++ = ' ';
      size_t cn;
      const char *cs = conf_text(mc, k->confidence, &cn);
      memcpy(o, cs, cn);
      o += cn;
      *o++ = ' ';
      *o++ = ' ';
    }
    o = put_num(o, k->end - k->start);
    memcpy(o, " bytes\n", 7);
    o += 7;
    b.n = (size_t)(o - b.p);
  }
  /* The first line, then put before the others. */
  sbuf h = {NULL, 0, 0, false};
  const char *path = woo_doc_path(doc);
  sb_room(&h, strlen(path) + 64);
  sb_str(&h, path);
  sb_str(&h, ": ");
  sb_num(&h, n);
  sb_str(&h, n == 1 ? " mark" : " marks");
  const char *sep = " (";
  for (size_t g = 0; g < ng; g++) {
    if (ng <= 64) {
      /* the grounds with marks from their bits, in order */
      if (!used)
        break;
      g = (size_t)__builtin_ctzll(used);
      used &= used - 1;
    }
    if (count[g]) {
      sb_str(&h, sep);
      sb_str(&h, woo_ground_at(g)->code);
      sb_str(&h, " ×");
      sb_num(&h, count[g]);
      sep = ", ";
    }
  }
  if (count != count_stack)
    free(count);
  sb_str(&h, n ? ")\n" : "\n");
  if (!h.failed && sb_room(&b, h.n)) {
    memmove(b.p + h.n, b.p, b.n);
    memcpy(b.p, h.p, h.n);
    b.n += h.n;
    b.p[b.n] = '\0';
  }
  free(h.p);
  if (b.failed || h.failed) {
    free(b.p);
    return NULL;
  }
  return b.p;
}

static int scan_one(void *user, int i, char **out) {
  scan_job *job = user;
  woo_doc *doc = NULL;
  woo_marks *marks = NULL;
  *out = NULL;
  /* Only the JSON output carries the input's hash: the summary does
   * without hashing every document, and so does a learning pass that
   * keeps no documents. */
  woo_doc_options dopt = WOO_DOC_OPTIONS_INIT;
  dopt.skip_sha256 = (job->learn && !job->kept) || !(job->json || job->jsonl);
  if (!job->learn && job->kept && job->kept[i]) {
    doc = job->kept[i];
    job->kept[i] = NULL;
  } else if (woo_doc_open(&doc, job->paths[i], &dopt) != 0) {
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
    *out = summary(doc, marks, job->scanner);
  }
  woo_marks_free(marks);
  if (!(job->learn && rc == 0 && keep_doc(job, i, doc)))
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
  scan_job job = {paths, scanner, NULL, false, json, jsonl, false, true, 0,
                  NULL, 0, PTHREAD_MUTEX_INITIALIZER};
  /* A policy without persons learns no names: the pass would only read
   * every document for the marking pass. */
  bool persons = !policy || woo_policy_entity_enabled(policy, WOO_ENTITY_PERSON);
  if (n > 1 && batch_names && persons) {
    /* Two passes make the result independent of thread timing: first
     * every document teaches the batch its names, then all are scanned
     * knowing all of them. */
    if (woo_names_new(&known) != 0) {
      cli_error_last();
      goto done;
    }
    job.known = known;
    job.learn = true;
    /* Without room for the list, every document is simply opened twice. */
    job.kept = calloc((size_t)n, sizeof *job.kept);
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
  if (job.kept) {
    for (int i = 0; i < n; i++)
      woo_doc_free(job.kept[i]);
    free(job.kept);
  }
done:
  if (n >= 0)
    cli_paths_free(paths, n);
  woo_names_free(known);
  woo_scanner_free(scanner);
  woo_policy_free(policy);
  return rc;
}
