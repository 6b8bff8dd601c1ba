/* PDF redaction, on the fixtures of tests/fixtures/mkpdf_redact.c and
 * mkpdf.c: withheld text must be gone from the text, the bytes and the
 * properties of the output; the rest must stay findable; the boxes must
 * cover the marked characters on the rendered page. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/core/internal.h"
#include "lib/redact/internal.h"
#include "test.h"
#include "woo.h"

#if !defined(WOO_PDF_REDACT_FIXTURES) || !defined(WOO_PDF_FIXTURES)
int main(void) {
  fprintf(stderr, "SKIP: built without PDF support\n");
  return 77;
}
#else
#include <cairo.h>
#include <poppler.h>

static char tmpdir[] = "/tmp/woo-redact-pdf-XXXXXX";

static const char *fixture(const char *dir, const char *name) {
  static char path[4][4096];
  static int slot;
  slot = (slot + 1) % 4;
  snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
  return path[slot];
}

static char *out_path(const char *name) {
  char *p = malloc(strlen(tmpdir) + strlen(name) + 2);
  sprintf(p, "%s/%s", tmpdir, name);
  return p;
}

static bool have(const char *tool) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
  return system(cmd) == 0;
}

/* Output of `tool 'file' rest` (NUL-terminated), or NULL. */
static char *run(const char *tool, const char *file, const char *rest) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "%s '%s' %s", tool, file, rest);
  FILE *f = popen(cmd, "r");
  if (!f)
    return NULL;
  woo__buf b = WOO__BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    woo__buf_put(&b, chunk, n);
  int st = pclose(f);
  if (st != 0) {
    fprintf(stderr, "  `%s` exited with %d\n", cmd, st);
    woo__buf_free(&b);
    return NULL;
  }
  return woo__buf_detach(&b, NULL);
}

/* Lower case ASCII with every run of white space made one space: the
 * plain comparison a reader of the output would make. */
static char *squash(const char *s, size_t n) {
  char *o = malloc(n + 1);
  size_t k = 0;
  bool sp = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (isspace(c) || c == '\f') {
      sp = true;
      continue;
    }
    if (sp && k)
      o[k++] = ' ';
    sp = false;
    o[k++] = (char)tolower(c);
  }
  o[k] = '\0';
  return o;
}

static bool contains(const char *hay, size_t n, const char *needle) {
  char *h = squash(hay, n), *nd = squash(needle, strlen(needle));
  bool found = strstr(h, nd) != NULL;
  free(h);
  free(nd);
  return found;
}

/* Raw bytes, case-insensitively (for `strings`-like checks). */
static bool contains_bytes(const char *hay, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (strncasecmp(hay + i, needle, k) == 0)
      return true;
  return false;
}

/* Mark every mention of `what` (case-insensitive; a space matches any run
 * of white space, as across a line break). */
static size_t mark_all(woo_marks *m, const woo_doc *doc, const char *what,
                       const char *code, woo_entity entity) {
  size_t len, count = 0;
  const char *t = woo_doc_text(doc, &len);
  for (size_t i = 0; i < len; i++) {
    size_t a = i, b = 0;
    while (what[b] && a < len) {
      if (what[b] == ' ' && isspace((unsigned char)t[a])) {
        while (a < len && isspace((unsigned char)t[a]))
          a++;
        b++;
      } else if (tolower((unsigned char)t[a]) ==
                 tolower((unsigned char)what[b])) {
        a++;
        b++;
      } else {
        break;
      }
    }
    if (what[b])
      continue;
    woo_mark mk = {i, a, woo_ground_find(code), entity, "test", 1.0,
                   WOO_MARK_ACCEPTED};
    CHECK_INT(woo_marks_add(m, &mk), 0);
    count++;
    i = a - 1;
  }
  return count;
}

static char *file_sha(const char *path) {
  char *data;
  size_t len;
  if (woo__file_read(path, (size_t)1 << 31, &data, &len) != 0)
    return NULL;
  char *hex = malloc(65);
  woo__sha256_hex(data, len, hex);
  free(data);
  return hex;
}

static bool exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* Files in tmpdir whose name starts with `prefix`. */
static int count_files(const char *prefix) {
  DIR *d = opendir(tmpdir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
  if (d)
    closedir(d);
  return n;
}

static woo_doc *open_doc(const char *path) {
  woo_doc *doc = NULL;
  int rc = woo_doc_open(&doc, path, NULL);
  if (rc)
    fprintf(stderr, "  %s: %s\n", path, woo_error_last()->message);
  CHECK_INT(rc, 0);
  return doc;
}

/* ---- what a checker outside the library sees ----------------------------- */

typedef struct wordset {
  char **v;
  size_t n;
} wordset;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static wordset words_of(const char *s) {
  wordset w = {NULL, 0};
  size_t cap = 0;
  const char *p = s;
  while (*p) {
    while (*p && isspace((unsigned char)*p))
      p++;
    const char *q = p;
    while (*q && !isspace((unsigned char)*q))
      q++;
    if (q > p) {
      if (w.n == cap) {
        cap = cap ? cap * 2 : 256;
        w.v = realloc(w.v, cap * sizeof *w.v);
      }
      w.v[w.n++] = strndup(p, (size_t)(q - p));
    }
    p = q;
  }
  qsort(w.v, w.n, sizeof *w.v, cmp_str);
  return w;
}

static void wordset_free(wordset *w) {
  for (size_t i = 0; i < w->n; i++)
    free(w->v[i]);
  free(w->v);
}

/* Share of the words of the document's text that no mark touches which
 * pdftotext finds in the output. */
static double kept_share(const woo_doc *doc, const woo_marks *m,
                         const char *extracted, size_t *total) {
  wordset found = words_of(extracted);
  size_t len, all = 0, hit = 0;
  const char *t = woo_doc_text(doc, &len);
  for (size_t i = 0; i < len;) {
    while (i < len && isspace((unsigned char)t[i]))
      i++;
    size_t s = i;
    while (i < len && !isspace((unsigned char)t[i]))
      i++;
    if (i == s)
      continue;
    bool marked = false;
    for (size_t k = 0; k < woo_marks_count(m) && !marked; k++) {
      const woo_mark *mk = woo_marks_at(m, k);
      marked = mk->start < i && s < mk->end;
    }
    if (marked)
      continue;
    all++;
    char *w = strndup(t + s, i - s);
    hit += bsearch(&w, found.v, found.n, sizeof *found.v, cmp_str) != NULL;
    free(w);
  }
  wordset_free(&found);
  *total = all;
  return all ? (double)hit / (double)all : 1.0;
}

/* Render page `pageno` of `pdf` at `scale` and check the pixel at the
 * centre of every marked character: it must be the box colour.  Also
 * counts unmarked characters whose centre is box-coloured (*stray) out of
 * *unmarked. */
static void check_covered(const char *pdf, const woo_doc *doc,
                          const woo_marks *m, const double rgb[3],
                          size_t *covered, size_t *marked, size_t *stray,
                          size_t *unmarked, bool quiet) {
  *covered = *marked = *stray = *unmarked = 0;
  GError *err = NULL;
  char *uri = g_filename_to_uri(pdf, NULL, &err);
  PopplerDocument *pd = uri ? poppler_document_new_from_file(uri, NULL, &err)
                            : NULL;
  g_free(uri);
  CHECK(pd != NULL);
  if (!pd) {
    if (err)
      g_error_free(err);
    return;
  }
  const double scale = 2.0;
  size_t len, n_runs = 0;
  const char *t = woo_doc_text(doc, &len);
  woo__run *runs = NULL;
  CHECK_INT(woo__redact_runs(t, len, m, &runs, &n_runs), 0);
  for (int p = 0; p < poppler_document_get_n_pages(pd); p++) {
    PopplerPage *page = poppler_document_get_page(pd, p);
    double w, h;
    poppler_page_get_size(page, &w, &h);
    const woo_page *wp = woo_doc_page(doc, (size_t)p);
    CHECK(wp && fabs(wp->width - w) < 0.5 && fabs(wp->height - h) < 0.5);
    int iw = (int)ceil(w * scale), ih = (int)ceil(h * scale);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (size_t i = wp ? wp->start : 0; wp && i < wp->end; i++) {
      woo_box b;
      int pg;
      if ((t[i] & 0xC0) == 0x80 || woo_doc_char_box(doc, i, &b, &pg) != 0)
        continue;
      /* Marks merged into one run also cover what lies between them. */
      bool in_mark = false, in_run = false;
      for (size_t k = 0; k < woo_marks_count(m) && !in_mark; k++)
        in_mark = woo_marks_at(m, k)->start <= i && i < woo_marks_at(m, k)->end;
      for (size_t k = 0; k < n_runs && !in_run; k++)
        in_run = runs[k].start <= i && i < runs[k].end;
      int x = (int)((b.x0 + b.x1) / 2 * scale), y = (int)((b.y0 + b.y1) / 2 * scale);
      if (x < 0 || y < 0 || x >= iw || y >= ih)
        continue;
      uint32_t v = *(const uint32_t *)(px + (size_t)y * (size_t)stride + (size_t)x * 4);
      double r = ((v >> 16) & 255) / 255.0, g = ((v >> 8) & 255) / 255.0,
             bl = (v & 255) / 255.0;
      bool boxed = fabs(r - rgb[0]) < 0.08 && fabs(g - rgb[1]) < 0.08 &&
                   fabs(bl - rgb[2]) < 0.08;
      if (in_mark) {
        (*marked)++;
        *covered += boxed;
      } else if (!in_run) {
        (*unmarked)++;
        *stray += boxed;
        if (boxed && !quiet)
          fprintf(stderr, "  page %d: unmarked byte %zu is boxed\n", p + 1, i);
      }
    }
    cairo_surface_destroy(img);
    g_object_unref(page);
  }
  g_object_unref(pd);
  free(runs);
  woo_error_clear();
}

/* ---- the fixture with names, addresses and a case section ------------------ */

static const char *const WITHHELD[] = {
    "Sanne de Wit",     "Jan Pietersen",  "Fatima el Amrani",
    "Pieter Jansen",    "Gerrit Hoekstra", "Karel Bosman",
    "sanne.dewit@oosterwolde.example", "p.jansen@oosterwolde.example",
    "k.bosman@zorgpunt.example", "06-12345678",
    "schulden en is bang", "woningcorporatie en de schuldhulp",
};

static woo_marks *fixture_marks(const woo_doc *doc) {
  woo_marks *m = NULL;
  CHECK_INT(woo_marks_new(&m), 0);
  /* The case section first: the marks inside it merge into its run. */
  size_t len;
  const char *t = woo_doc_text(doc, &len);
  const char *cs = strstr(t, "Casus 4");
  const char *ce = strstr(t, "de schuldhulp.");
  CHECK(cs && ce && ce > cs);
  if (cs && ce) {
    woo_mark mk = {(size_t)(cs - t), (size_t)(ce - t) + strlen("de schuldhulp."),
                   woo_ground_find("4.1.4"), WOO_ENTITY_SECTION, "test", 1.0,
                   WOO_MARK_ACCEPTED};
    CHECK_INT(woo_marks_add(m, &mk), 0);
  }
  CHECK_INT(mark_all(m, doc, "Sanne de Wit", "5.1.2.e", WOO_ENTITY_PERSON), 2);
  CHECK_INT(mark_all(m, doc, "Jan Pietersen", "5.1.2.e", WOO_ENTITY_PERSON), 3);
  CHECK_INT(mark_all(m, doc, "Fatima el Amrani", "5.1.2.e", WOO_ENTITY_PERSON), 2);
  CHECK_INT(mark_all(m, doc, "Pieter Jansen", "5.1.2.e", WOO_ENTITY_PERSON), 2);
  CHECK_INT(mark_all(m, doc, "Gerrit Hoekstra", "5.1.2.e", WOO_ENTITY_PERSON), 1);
  CHECK_INT(mark_all(m, doc, "Karel Bosman", "5.1.2.e", WOO_ENTITY_PERSON), 2);
  CHECK_INT(mark_all(m, doc, "sanne.dewit@oosterwolde.example", "5.1.2.e",
                     WOO_ENTITY_EMAIL), 2);
  CHECK_INT(mark_all(m, doc, "p.jansen@oosterwolde.example", "5.1.2.e",
                     WOO_ENTITY_EMAIL), 1);
  CHECK_INT(mark_all(m, doc, "k.bosman@zorgpunt.example", "5.1.2.e",
                     WOO_ENTITY_EMAIL), 1);
  CHECK_INT(mark_all(m, doc, "06-12345678", "5.1.2.e", WOO_ENTITY_PHONE), 1);
  return m;
}

/* Everything an outside tool can read from `out` must be free of the
 * withheld strings. */
static void check_clean(const char *out, const char *const *withheld,
                        size_t n) {
  if (have("pdftotext")) {
    char *txt = run("pdftotext -q", out, "-");
    CHECK(txt != NULL);
    for (size_t i = 0; txt && i < n; i++)
      if (contains(txt, strlen(txt), withheld[i])) {
        fprintf(stderr, "  pdftotext finds withheld string %zu\n", i);
        CHECK(0);
      }
    free(txt);
  }
  if (have("pdfinfo")) {
    char *info = run("pdfinfo", out, ""), *meta = run("pdfinfo -meta", out, "");
    CHECK(info != NULL && meta != NULL);
    for (size_t i = 0; meta && i < n; i++)
      if (contains(meta, strlen(meta), withheld[i])) {
        fprintf(stderr, "  pdfinfo -meta finds withheld string %zu\n", i);
        CHECK(0);
      }
    free(meta);
    for (size_t i = 0; info && i < n; i++)
      if (contains(info, strlen(info), withheld[i])) {
        fprintf(stderr, "  pdfinfo finds withheld string %zu\n", i);
        CHECK(0);
      }
    CHECK(info && strstr(info, "Creator:") && strstr(info, "libwoo"));
    CHECK(info && !strstr(info, "Author:"));
    free(info);
  }
  if (have("qpdf")) {
    char *q = out_path("qdf.pdf");
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "qpdf --qdf --object-streams=disable '%s' '%s' 2>/dev/null; "
             "test -s '%s'", out, q, q);
    CHECK(system(cmd) == 0);
    char *data = NULL;
    size_t len = 0;
    CHECK_INT(woo__file_read(q, (size_t)1 << 31, &data, &len), 0);
    for (size_t i = 0; data && i < n; i++)
      if (contains_bytes(data, len, withheld[i])) {
        fprintf(stderr, "  qpdf --qdf output holds withheld string %zu\n", i);
        CHECK(0);
      }
    /* Nothing of the original structure survives. */
    CHECK(data && !contains_bytes(data, len, "/Annots"));
    CHECK(data && !contains_bytes(data, len, "/EmbeddedFile"));
    CHECK(data && !contains_bytes(data, len, "/AcroForm"));
    CHECK(data && !contains_bytes(data, len, "/JavaScript"));
    CHECK(data && !contains_bytes(data, len, "/Outlines"));
    CHECK(data && !contains_bytes(data, len, "/Metadata"));
    free(data);
    unlink(q);
    free(q);
  }
}

TEST(t_fixture) {
  const char *in = fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf");
  char *before = file_sha(in);
  woo_doc *doc = open_doc(in);
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  char *out = out_path("fixture.pdf");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  int rc = woo_redact_file(out, doc, m, &o);
  if (rc)
    fprintf(stderr, "  %s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  check_clean(out, WITHHELD, sizeof WITHHELD / sizeof *WITHHELD);

  if (have("pdftotext")) {
    char *txt = run("pdftotext -q", out, "-");
    size_t total = 0;
    double share = txt ? kept_share(doc, m, txt, &total) : 0;
    fprintf(stderr, "  %.1f%% of %zu remaining words found by pdftotext\n",
            100 * share, total);
    CHECK(total > 120);
    CHECK(share >= 0.98);
    /* The codes stand where the text was. */
    CHECK(txt && contains(txt, strlen(txt), "aanwezig 5.1.2.e (voorzitter), "
                                             "5.1.2.e en 5.1.2.e van het team"));
    CHECK(txt && contains(txt, strlen(txt), "4.1.4"));
    CHECK(txt && contains(txt, strlen(txt), "wijkteam.noord@oosterwolde.example"));
    free(txt);
  }
  /* Page sizes, landscape included, are kept. */
  woo_doc *back = open_doc(out);
  if (back) {
    CHECK_INT(woo_doc_page_count(back), 3);
    for (size_t i = 0; i < 3; i++) {
      const woo_page *a = woo_doc_page(doc, i), *b = woo_doc_page(back, i);
      CHECK(a && b && fabs(a->width - b->width) < 0.5 &&
            fabs(a->height - b->height) < 0.5);
    }
    CHECK_INT(woo_doc_revision_count(back), 1);
    CHECK_INT(woo_doc_annot_count(back), 0);
    CHECK_INT(woo_doc_attachment_count(back), 0);
    woo_doc_free(back);
  }
  char *after = file_sha(in);
  CHECK(before && after && strcmp(before, after) == 0);
  CHECK_INT(count_files(".fixture.pdf."), 0);
  free(before);
  free(after);
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(t_boxes_cover) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  char *out = out_path("cover.pdf");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.box_rgb[0] = 0.1, o.box_rgb[1] = 0.3, o.box_rgb[2] = 0.6;
  o.no_labels = 1;
  CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
  size_t covered, marked, stray, unmarked;
  check_covered(out, doc, m, o.box_rgb, &covered, &marked, &stray,
                &unmarked, false);
  fprintf(stderr, "  %zu of %zu marked characters covered; %zu of %zu others "
          "box-coloured\n", covered, marked, stray, unmarked);
  CHECK(marked > 200);
  CHECK_INT(covered, marked);
  CHECK(unmarked > 500);
  CHECK_INT(stray, 0);

  /* With labels, the code's glyphs sit in the box, but most of the box
   * is still the box colour, and the code is printed. */
  char *out2 = out_path("cover-labels.pdf");
  o.no_labels = 0;
  o.label_rgb[0] = o.label_rgb[1] = o.label_rgb[2] = 1;
  CHECK_INT(woo_redact_file(out2, doc, m, &o), 0);
  check_covered(out2, doc, m, o.box_rgb, &covered, &marked, &stray,
                &unmarked, false);
  CHECK(covered * 10 >= marked * 6);
  CHECK_INT(stray, 0);
  free(out);
  free(out2);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* The loader's own fixture: a sideways page (/Rotate 90), a scanned page,
 * Info and XMP naming the author. */
TEST(t_rotated_and_scanned) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_FIXTURES, "text.pdf"));
  if (!doc)
    return;
  woo_marks *m = NULL;
  CHECK_INT(woo_marks_new(&m), 0);
  CHECK_INT(mark_all(m, doc, "Sanne de Wit", "5.1.2.e", WOO_ENTITY_PERSON), 1);
  CHECK_INT(mark_all(m, doc, "Jan Pietersen", "5.1.2.e", WOO_ENTITY_PERSON), 1);
  CHECK_INT(mark_all(m, doc, "Verlichting op het plein", "5.1.2.i",
                     WOO_ENTITY_TERM), 1);
  char *out = out_path("text.pdf");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.box_rgb[0] = 0.8, o.box_rgb[1] = 0.1, o.box_rgb[2] = 0.1;
  o.no_labels = 1;
  int rc = woo_redact_file(out, doc, m, &o);
  if (rc)
    fprintf(stderr, "  %s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  static const char *const gone[] = {"Sanne de Wit", "Jan Pietersen",
                                     "Verlichting op het plein"};
  check_clean(out, gone, 3);
  size_t covered, marked, stray, unmarked;
  check_covered(out, doc, m, o.box_rgb, &covered, &marked, &stray,
                &unmarked, false);
  CHECK(marked > 30);
  CHECK_INT(covered, marked);
  CHECK_INT(stray, 0);
  if (have("pdftotext")) {
    char *txt = run("pdftotext -q", out, "-");
    size_t total = 0;
    double share = txt ? kept_share(doc, m, txt, &total) : 0;
    fprintf(stderr, "  %.1f%% of %zu remaining words found by pdftotext\n",
            100 * share, total);
    CHECK(share >= 0.98);
    /* Words of the sideways page stay findable. */
    CHECK(txt && contains(txt, strlen(txt), "Onvoorzien"));
    /* Characters outside WinAnsi (ĳ) and inside it (€, é) come back
     * exactly from the text layer. */
    CHECK(txt && contains(txt, strlen(txt), "van € 12.500 voor de ĳsbaan."));
    CHECK(txt && contains(txt, strlen(txt), "het café De Egel."));
    free(txt);
  }
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* A black-and-white page is stored as a grey image, a page with colour
 * (here the boxes) as RGB; both read back the same way. */
TEST(t_image_kinds) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  static const double box[2][3] = {{0, 0, 0}, {0.1, 0.3, 0.6}};
  static const char *const want[2] = {"/DeviceGray", "/DeviceRGB"};
  for (int k = 0; k < 2; k++) {
    char *out = out_path(k ? "rgb.pdf" : "grey.pdf");
    woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
    memcpy(o.box_rgb, box[k], sizeof o.box_rgb);
    o.no_labels = 1;
    CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
    char *data = NULL;
    size_t len = 0;
    CHECK_INT(woo__file_read(out, (size_t)1 << 30, &data, &len), 0);
    /* The image dictionaries are not compressed. */
    size_t images = 0, kind = 0;
    for (size_t i = 0; data && i + 15 < len; i++) {
      images += memcmp(data + i, "/Subtype /Image", 15) == 0;
      kind += memcmp(data + i, want[k], strlen(want[k])) == 0;
    }
    CHECK_INT(images, 3);
    CHECK_INT(kind, 3);
    free(data);
    size_t covered, marked, stray, unmarked;
    check_covered(out, doc, m, box[k], &covered, &marked, &stray, &unmarked,
                  k == 0);
    CHECK(marked > 200);
    CHECK_INT(covered, marked);
    /* Black text has black pixels too; only a coloured box tells. */
    if (k == 1)
      CHECK_INT(stray, 0);
    free(out);
  }
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* Annotations and attachments of the input are not carried over, and
 * their text is not painted on the page. */
TEST(t_annotations_dropped) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_FIXTURES, "annot.pdf"));
  if (!doc)
    return;
  CHECK(woo_doc_annot_count(doc) > 0);
  woo_marks *m = NULL;
  CHECK_INT(woo_marks_new(&m), 0);
  char *out = out_path("annot.pdf");
  CHECK_INT(woo_redact_file(out, doc, m, NULL), 0);
  static const char *const gone[] = {"Graag de bedragen", "Naam weglaten",
                                     "M. de Boer", "lijst van aanwezigen",
                                     "Jan Pietersen"};
  check_clean(out, gone, 5);
  woo_doc *back = open_doc(out);
  if (back) {
    CHECK_INT(woo_doc_annot_count(back), 0);
    CHECK_INT(woo_doc_attachment_count(back), 0);
    size_t len;
    CHECK(strstr(woo_doc_text(back, &len), "Notitie aan het college") != NULL);
    woo_doc_free(back);
  }
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(t_forced_failure) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  char *out = out_path("forced.pdf");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.test_flags = WOO_REDACT_TEST_FAIL_VERIFY;
  CHECK_INT(woo_redact_file(out, doc, m, &o), WOO_EVERIFY);
  CHECK(strstr(woo_error_last()->message, "page 1") != NULL);
  CHECK(!exists(out));
  CHECK_INT(count_files(".forced.pdf."), 0);
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* A mention left unmarked is still extractable: the output is refused and
 * the message names the page but not the text. */
TEST(t_unmarked_mention) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  size_t len;
  const char *t = woo_doc_text(doc, &len);
  const char *first = strstr(t, "Karel Bosman");
  CHECK(first != NULL);
  woo_marks *m = NULL;
  CHECK_INT(woo_marks_new(&m), 0);
  woo_mark mk = {(size_t)(first - t), (size_t)(first - t) + 12,
                 woo_ground_find("5.1.2.e"), WOO_ENTITY_PERSON, "test", 1.0,
                 WOO_MARK_ACCEPTED};
  CHECK_INT(woo_marks_add(m, &mk), 0);
  char *out = out_path("unmarked.pdf");
  CHECK_INT(woo_redact_file(out, doc, m, NULL), WOO_EVERIFY);
  const char *msg = woo_error_last()->message;
  CHECK(strstr(msg, "page 3") != NULL);
  CHECK(strstr(msg, "Karel") == NULL && strstr(msg, "Bosman") == NULL);
  CHECK(!exists(out));
  CHECK_INT(count_files(".unmarked.pdf."), 0);
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(t_exists_force_title) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  char *out = out_path("exists.pdf");
  FILE *f = fopen(out, "w");
  fputs("old", f);
  fclose(f);
  CHECK_INT(woo_redact_file(out, doc, m, NULL), WOO_EEXISTS);
  char *sha = file_sha(out);
  char old[65];
  woo__sha256_hex("old", 3, old);
  CHECK(sha && strcmp(sha, old) == 0);
  free(sha);
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.force = 1;
  o.title = "Verslag wijkteam (openbaar)";
  o.dpi = 72;
  CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
  if (have("pdfinfo")) {
    char *info = run("pdfinfo", out, "");
    CHECK(info && strstr(info, "Verslag wijkteam (openbaar)"));
    free(info);
  }
  /* A title that names a withheld person is caught too. */
  o.title = "Verslag met Karel Bosman";
  CHECK_INT(woo_redact_file(out, doc, m, &o), WOO_EVERIFY);
  CHECK(strstr(woo_error_last()->message, "properties") != NULL);
  CHECK_INT(count_files(".exists.pdf."), 0);
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* Without a text layer nothing is extractable, withheld or not. */
TEST(t_no_text_layer) {
  woo_doc *doc = open_doc(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"));
  if (!doc)
    return;
  woo_marks *m = fixture_marks(doc);
  char *out = out_path("image-only.pdf");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.no_text_layer = 1;
  CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
  woo_doc *back = open_doc(out);
  if (back) {
    size_t len;
    const char *t = woo_doc_text(back, &len);
    size_t drawn = 0;
    for (size_t i = 0; i < len; i++)
      drawn += !isspace((unsigned char)t[i]);
    CHECK_INT(drawn, 0);
    woo_doc_free(back);
  }
  free(out);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* The input changed after it was loaded: the pages would not match the
 * text the marks were made on. */
TEST(t_changed_input) {
  char *copy = out_path("changed-in.pdf");
  char *data;
  size_t len;
  CHECK_INT(woo__file_read(fixture(WOO_PDF_REDACT_FIXTURES, "redact.pdf"),
                           (size_t)1 << 30, &data, &len), 0);
  CHECK_INT(woo__file_write_atomic(copy, data, len, true), 0);
  woo_doc *doc = open_doc(copy);
  data[len / 2] ^= 1;
  CHECK_INT(woo__file_write_atomic(copy, data, len, true), 0);
  free(data);
  if (doc) {
    woo_marks *m = NULL;
    CHECK_INT(woo_marks_new(&m), 0);
    char *out = out_path("changed-out.pdf");
    CHECK_INT(woo_redact_file(out, doc, m, NULL), WOO_EMISMATCH);
    CHECK(!exists(out));
    free(out);
    woo_marks_free(m);
    woo_doc_free(doc);
  }
  free(copy);
}

static void cleanup(void) {
  DIR *d = opendir(tmpdir);
  for (struct dirent *e; d && (e = readdir(d));) {
    if (e->d_name[0] == '.' && (!e->d_name[1] || e->d_name[1] == '.'))
      continue;
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
    unlink(p);
  }
  if (d)
    closedir(d);
  rmdir(tmpdir);
}

int main(void) {
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  RUN(t_fixture);
  RUN(t_boxes_cover);
  RUN(t_rotated_and_scanned);
  RUN(t_image_kinds);
  RUN(t_annotations_dropped);
  RUN(t_forced_failure);
  RUN(t_unmarked_mention);
  RUN(t_exists_force_title);
  RUN(t_no_text_layer);
  RUN(t_changed_input);
  /* WOO_TEST_KEEP=1 keeps the outputs for a look. */
  if (getenv("WOO_TEST_KEEP"))
    fprintf(stderr, "outputs kept in %s\n", tmpdir);
  else
    cleanup();
  TEST_END();
}
#endif
