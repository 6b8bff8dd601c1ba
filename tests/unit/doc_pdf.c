/* The PDF loader, on the fixtures that tests/fixtures/mkpdf.c writes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/doc/internal.h"
#include "test.h"

#ifndef WOO_PDF_FIXTURES
int main(void) {
  fprintf(stderr, "SKIP: built without PDF support\n");
  return 77;
}
#else

static char tmpdir[] = "/tmp/woo-pdf-XXXXXX";

static const char *fixture(const char *name) {
  static char path[4][4096];
  static int slot;
  slot = (slot + 1) % 4;
  snprintf(path[slot], sizeof path[slot], "%s/%s", WOO_PDF_FIXTURES, name);
  return path[slot];
}

static const char *tmpfile_named(const char *name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  return path;
}

static woo_doc *open_pdf(const char *path, const woo_doc_options *opts) {
  woo_doc *doc = NULL;
  int rc = woo_doc_open(&doc, path, opts);
  if (rc != 0)
    fprintf(stderr, "  %s: %s\n", path, woo_error_last()->message);
  CHECK_INT(rc, 0);
  return doc;
}

static bool have(const char *tool) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
  return system(cmd) == 0;
}

/* ---- text and pages ---------------------------------------------------- */

TEST(t_text_pages) {
  woo_doc *doc = open_pdf(fixture("text.pdf"), NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_format(doc), WOO_FORMAT_PDF);
  CHECK_INT(woo_doc_page_count(doc), 4);
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  CHECK(strstr(text, "de subsidie van € 12.500 voor de ĳsbaan.") != NULL);
  CHECK(strstr(text, "De coördinatie lag bij mevrouw Sanne de Wit") != NULL);
  CHECK(strstr(text, "team Ruïnes") != NULL);
  CHECK(strstr(text, "het café De Egel.") != NULL);
  CHECK(strstr(text, "Kenmerk: OW/2024/0317") != NULL);
  CHECK(strstr(text, "Verlichting op het plein: € 9.350") != NULL);
  CHECK(woo__utf8_invalid(text, len) == WOO_UNSET);

  /* Two columns: the left one is read to its end before the right one. */
  const char *left_end = strstr(text, "aan de bestrating.");
  const char *right = strstr(text, "De aannemer verwacht dat");
  CHECK(left_end && right && left_end < right);

  for (size_t i = 0; i < 4; i++) {
    const woo_page *p = woo_doc_page(doc, i);
    CHECK(p != NULL);
    if (!p)
      continue;
    CHECK(p->start <= p->end && p->end <= len);
    /* A form feed separates pages and belongs to none. */
    if (i < 3)
      CHECK(text[p->end] == '\f' && woo_doc_page(doc, i + 1)->start == p->end + 1);
    CHECK(memchr(text + p->start, '\f', p->end - p->start) == NULL);
  }
  const woo_page *p1 = woo_doc_page(doc, 0), *p3 = woo_doc_page(doc, 2),
                 *p4 = woo_doc_page(doc, 3);
  CHECK(fabs(p1->width - 595) < 0.01 && fabs(p1->height - 842) < 0.01);
  CHECK_INT(p1->rotation, 0);
  CHECK_INT(p1->has_text, 1);
  /* /Rotate 90: displayed landscape. */
  CHECK_INT(p3->rotation, 90);
  CHECK(fabs(p3->width - 842) < 0.01 && fabs(p3->height - 595) < 0.01);
  CHECK(strstr(text + p3->start, "Bijlage 2: overzicht") == text + p3->start);
  /* The image-only page: no text, and said so. */
  CHECK_INT(p4->has_text, 0);
  CHECK_INT(p4->end - p4->start, 0);
  bool warned = false;
  for (size_t i = 0; i < woo_doc_warning_count(doc); i++) {
    const char *w = woo_doc_warning(doc, i);
    if (strstr(w, "page 4 has no text layer (scanned?)") &&
        strstr(w, fixture("text.pdf")) == w)
      warned = true;
  }
  CHECK(warned);
  CHECK_INT(woo_doc_revision_count(doc), 1);
  woo_doc_free(doc);
}

/* ---- boxes against where mkpdf drew each character ------------------------- */

typedef struct drawn {
  int page;
  double x0, y0, x1, y1;
  char ch[8];
} drawn;

/* Every character of `doc` that has a box is the character drawn there
 * according to the fixture's sidecar `tsv`, within 1 pt on every side;
 * and every drawn character got a box. */
static void match_boxes(const woo_doc *doc, const char *tsv, size_t min) {
  FILE *f = fopen(fixture(tsv), "r");
  CHECK(f != NULL);
  if (!f)
    return;
  drawn *d = NULL;
  size_t nd = 0, cap = 0;
  char line[256];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#')
      continue;
    if (nd == cap) {
      cap = cap ? cap * 2 : 1024;
      d = realloc(d, cap * sizeof *d);
    }
    drawn *e = &d[nd];
    if (sscanf(line, "%d\t%lf\t%lf\t%lf\t%lf\t%7s", &e->page, &e->x0, &e->y0,
               &e->x1, &e->y1, e->ch) == 6)
      nd++;
  }
  fclose(f);
  CHECK(nd > min);

  size_t len;
  const char *text = woo_doc_text(doc, &len);
  CHECK(woo_doc_has_boxes(doc));
  /* Every character that has a box is the character drawn there, within
   * 1 pt on every side; and every drawn character got a box. */
  char *used = calloc(nd ? nd : 1, 1);
  size_t n_boxes = 0, matched = 0;
  double worst = 0;
  for (size_t off = 0; off < len; off++) {
    if (((unsigned char)text[off] & 0xC0) == 0x80)
      continue;
    woo_box b;
    int page;
    if (woo_doc_char_box(doc, off, &b, &page) != 0)
      continue;
    n_boxes++;
    size_t clen = 1;
    while (off + clen < len && ((unsigned char)text[off + clen] & 0xC0) == 0x80)
      clen++;
    size_t best = nd;
    double best_err = 1e9;
    for (size_t i = 0; i < nd; i++) {
      if (used[i] || d[i].page != page || strlen(d[i].ch) != clen ||
          memcmp(d[i].ch, text + off, clen) != 0)
        continue;
      double err = fmax(fmax(fabs(d[i].x0 - b.x0), fabs(d[i].x1 - b.x1)),
                        fmax(fabs(d[i].y0 - b.y0), fabs(d[i].y1 - b.y1)));
      if (err < best_err) {
        best_err = err;
        best = i;
      }
    }
    if (best < nd && best_err <= 1.0) {
      used[best] = 1;
      matched++;
      if (best_err > worst)
        worst = best_err;
    } else {
      fprintf(stderr, "  no drawn character within 1 pt for byte %zu on page "
              "%d (nearest %.2f pt)\n", off, page, best_err);
    }
  }
  fprintf(stderr, "  %zu drawn, %zu boxes, %zu matched, worst %.2f pt\n", nd,
          n_boxes, matched, worst);
  CHECK_INT(n_boxes, nd);
  CHECK_INT(matched, nd);
  CHECK(worst <= 1.0);
  free(used);
  free(d);
}

TEST(t_boxes) {
  woo_doc *doc = open_pdf(fixture("text.pdf"), NULL);
  if (!doc)
    return;
  match_boxes(doc, "text.chars.tsv", 1000);
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  CHECK(woo_doc_has_boxes(doc));

  /* Separators have no box. */
  const woo_page *p1 = woo_doc_page(doc, 0);
  CHECK_INT(woo_doc_char_box(doc, p1->end, NULL, NULL), WOO_ENOTFOUND);
  const char *nl = strchr(text, '\n');
  CHECK_INT(woo_doc_char_box(doc, (size_t)(nl - text), NULL, NULL),
            WOO_ENOTFOUND);

  /* A name on one line maps to one box on page 1. */
  const char *name = strstr(text, "Sanne de Wit");
  woo_box *boxes = NULL;
  int *pages = NULL;
  size_t n = 0;
  CHECK_INT(woo_doc_span_boxes(doc, (size_t)(name - text),
                               (size_t)(name - text) + 12, &boxes, &pages, &n),
            0);
  CHECK_INT(n, 1);
  if (n == 1) {
    CHECK_INT(pages[0], 1);
    CHECK(boxes[0].x1 - boxes[0].x0 > 50 && boxes[0].x1 - boxes[0].x0 < 100);
  }
  woo_free(boxes);
  woo_free(pages);
  woo_doc_free(doc);
}

/* Without boxes the text is the same, table separators included, and a
 * caller of the first options version still loads. */
TEST(t_skip_boxes) {
  const char *names[] = {"text.pdf", "table.pdf"};
  for (size_t k = 0; k < 2; k++) {
    woo_doc *with = open_pdf(fixture(names[k]), NULL);
    woo_doc_options o = WOO_DOC_OPTIONS_INIT;
    o.skip_boxes = 1;
    woo_doc *without = open_pdf(fixture(names[k]), &o);
    o.version = 1;
    o.skip_boxes = 0;
    woo_doc *v1 = open_pdf(fixture(names[k]), &o);
    if (with && without && v1) {
      size_t a, b;
      const char *ta = woo_doc_text(with, &a), *tb = woo_doc_text(without, &b);
      CHECK(a == b && memcmp(ta, tb, a) == 0);
      CHECK(woo_doc_has_boxes(with));
      CHECK(!woo_doc_has_boxes(without));
      CHECK(woo_doc_has_boxes(v1));
      CHECK_INT(woo_doc_char_box(without, 0, NULL, NULL), WOO_ENOTFOUND);
    }
    woo_doc_free(with);
    woo_doc_free(without);
    woo_doc_free(v1);
  }
}

/* Without metadata and annotations (what plain `woo text` asks for) the
 * text is the same and the attachments are still there; a caller of
 * options version 2 does not have these fields, so they are not read. */
TEST(t_skip_metadata_annots) {
  const char *names[] = {"text.pdf", "annot.pdf"};
  for (size_t k = 0; k < 2; k++) {
    woo_doc *all = open_pdf(fixture(names[k]), NULL);
    woo_doc_options o = WOO_DOC_OPTIONS_INIT;
    o.skip_metadata = 1;
    o.skip_annots = 1;
    woo_doc *bare = open_pdf(fixture(names[k]), &o);
    o.version = 2;
    woo_doc *v2 = open_pdf(fixture(names[k]), &o);
    if (all && bare && v2) {
      size_t a, b;
      const char *ta = woo_doc_text(all, &a), *tb = woo_doc_text(bare, &b);
      CHECK(a == b && memcmp(ta, tb, a) == 0);
      CHECK(woo_doc_meta_count(all) > 0);
      CHECK_INT(woo_doc_meta_count(bare), 0);
      CHECK_INT(woo_doc_meta_count(v2), woo_doc_meta_count(all));
      CHECK_INT(woo_doc_annot_count(bare), 0);
      CHECK_INT(woo_doc_annot_count(v2), woo_doc_annot_count(all));
      CHECK_INT(woo_doc_attachment_count(bare), woo_doc_attachment_count(all));
      CHECK_INT(woo_doc_page_count(bare), woo_doc_page_count(all));
    }
    if (k == 1 && all)
      CHECK_INT(woo_doc_annot_count(all), 2);
    woo_doc_free(all);
    woo_doc_free(bare);
    woo_doc_free(v2);
  }
}

/* ---- a table: cells the selection text runs together ------------------------ */

/* Whether `cell` stands in `text` as words of its own: white space or the
 * text's ends on both sides. */
static bool stands_alone(const char *text, const char *cell) {
  size_t n = strlen(cell);
  for (const char *p = text; (p = strstr(p, cell)); p++) {
    bool before = p == text || strchr(" \t\n\f", p[-1]);
    bool after = p[n] == '\0' || strchr(" \t\n\f", p[n]);
    if (before && after)
      return true;
  }
  return false;
}

TEST(t_table) {
  woo_doc *doc = open_pdf(fixture("table.pdf"), NULL);
  if (!doc)
    return;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  static const char *const cells[] = {
      "Sanne de Wit", "voorzitter", "sanne.dewit@oosterwolde.example",
      "06-12345678", "Jan Pietersen", "secretaris",
      "j.pietersen@oosterwolde.example", "0513-481516", "Fatima el Amrani",
      "f.elamrani@oosterwolde.example", "Gerrit Hoekstra", "penningmeester",
      "g.hoekstra@oosterwolde.example", "0513-232425", "Telefoon"};
  for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
    if (!stands_alone(text, cells[i])) {
      fprintf(stderr, "  cell %zu is glued to a neighbour\n", i);
      CHECK(0);
    }
  /* Cells far apart get a tab; the row keeps its order. */
  CHECK(strstr(text, "Sanne de Wit\tvoorzitter\tsanne.dewit@oosterwolde."
                     "example\t06-12345678") != NULL);
  /* Running text is left alone: no tab, and every space in it is
   * poppler's own. */
  CHECK(strstr(text, "De werkgroep bestaat uit de volgende leden.\n") != NULL);
  CHECK(strstr(text, "De werkgroep komt eens per maand bijeen.\n") != NULL);

  /* The boxes still belong to their characters; what was put between the
   * cells has none. */
  match_boxes(doc, "table.chars.tsv", 300);
  size_t tabs = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] != '\t')
      continue;
    tabs++;
    CHECK_INT(woo_doc_char_box(doc, i, NULL, NULL), WOO_ENOTFOUND);
    /* The characters on either side have theirs. */
    CHECK_INT(woo_doc_char_box(doc, i - 1, NULL, NULL), 0);
    CHECK_INT(woo_doc_char_box(doc, i + 1, NULL, NULL), 0);
  }
  CHECK(tabs >= 12);
  /* A name in a cell maps to one box on the page, not reaching into the
   * next cell. */
  const char *name = strstr(text, "Sanne de Wit");
  woo_box *boxes = NULL;
  int *pages = NULL;
  size_t n = 0;
  CHECK(name != NULL);
  if (name) {
    CHECK_INT(woo_doc_span_boxes(doc, (size_t)(name - text),
                                 (size_t)(name - text) + 12, &boxes, &pages,
                                 &n), 0);
    CHECK_INT(n, 1);
    if (n == 1)
      CHECK(boxes[0].x0 > 50 && boxes[0].x1 < 130);
  }
  woo_free(boxes);
  woo_free(pages);
  woo_doc_free(doc);
}

/* ---- metadata, annotations, attachments, revisions ------------------------- */

TEST(t_metadata) {
  woo_doc *doc = open_pdf(fixture("text.pdf"), NULL);
  if (!doc)
    return;
  CHECK_STR(woo_doc_meta_get(doc, "title"), "Verslag overleg Dorpsplein");
  CHECK_STR(woo_doc_meta_get(doc, "author"), "Sanne de Wit");
  CHECK_STR(woo_doc_meta_get(doc, "subject"),
            "Herinrichting Dorpsplein Oosterwolde");
  CHECK_STR(woo_doc_meta_get(doc, "keywords"), "dorpsplein, subsidie, ijsbaan");
  CHECK_STR(woo_doc_meta_get(doc, "creator"), "Tekstverwerker 7.1");
  const char *producer = woo_doc_meta_get(doc, "producer");
  CHECK(producer && strncmp(producer, "cairo", 5) == 0);
  CHECK_STR(woo_doc_meta_get(doc, "created"), "2024-03-14T10:15:00+01:00");
  CHECK_STR(woo_doc_meta_get(doc, "modified"), "2024-03-15T16:40:00+01:00");
  const char *xmp = woo_doc_meta_get(doc, "xmp");
  CHECK(xmp && strstr(xmp, "<dc:creator>"));
  CHECK_STR(woo_doc_meta_get(doc, "xmp:creator"), "Sanne de Wit");
  CHECK_STR(woo_doc_meta_get(doc, "xmp:title"), "Verslag overleg Dorpsplein");
  CHECK_STR(woo_doc_meta_get(doc, "xmp:creatortool"), "Tekstverwerker 7.1");
  woo_doc_free(doc);
}

TEST(t_annotations_attachments) {
  woo_doc *doc = open_pdf(fixture("annot.pdf"), NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_annot_count(doc), 2);
  const woo_annot *a = woo_doc_annot(doc, 0), *h = woo_doc_annot(doc, 1);
  if (a && h) {
    CHECK_INT(a->page, 1);
    CHECK_STR(a->type, "Text");
    CHECK_STR(a->contents, "Graag de bedragen nog controleren.");
    CHECK_STR(a->author, "M. de Boer");
    /* /Rect [500 760 520 780] on an 842 pt page, origin moved to the top. */
    CHECK(fabs(a->rect.x0 - 500) < 0.01 && fabs(a->rect.x1 - 520) < 0.01);
    CHECK(fabs(a->rect.y0 - 62) < 0.01 && fabs(a->rect.y1 - 82) < 0.01);
    CHECK(a->color[0] == 1 && a->color[1] == 1 && a->color[2] == 0);
    CHECK_STR(h->type, "Highlight");
    CHECK_STR(h->author, "K. Jansen");
    CHECK_STR(h->contents, "Naam weglaten?");
    CHECK(h->color[0] == 0 && h->color[1] == 1 && h->color[2] == 0);
  }
  /* Annotation contents are not part of the page text. */
  CHECK(strstr(woo_doc_text(doc, NULL), "Graag") == NULL);
  CHECK(strstr(woo_doc_text(doc, NULL), "Zie de opmerking in de kantlijn"));

  CHECK_INT(woo_doc_attachment_count(doc), 1);
  const woo_attachment *att = woo_doc_attachment(doc, 0);
  if (att) {
    CHECK_STR(att->name, "bijlage.txt");
    CHECK_STR(att->mime_type, "text/plain");
    CHECK_INT(att->size, 94);
    const woo_doc *child = woo_doc_child(doc, 0);
    CHECK(child != NULL);
    if (child) {
      CHECK_INT(woo_doc_format(child), WOO_FORMAT_TEXT);
      CHECK(strstr(woo_doc_text(child, NULL), "Fatima el Amrani") != NULL);
    }
  }
  woo_doc_free(doc);

  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.load_attachments = 0;
  doc = open_pdf(fixture("annot.pdf"), &opts);
  if (doc) {
    CHECK_INT(woo_doc_attachment_count(doc), 1);
    CHECK(woo_doc_child(doc, 0) == NULL);
  }
  woo_doc_free(doc);
}

TEST(t_revisions) {
  woo_doc *doc = open_pdf(fixture("update.pdf"), NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_revision_count(doc), 2);
  const char *text = woo_doc_text(doc, NULL);
  /* The text is the latest revision's. */
  CHECK(strstr(text, "Definitieve versie: het besluit is genomen.") != NULL);
  CHECK(strstr(text, "De gemeente betaalt € 2.000 aan café De Egel.") != NULL);
  CHECK(strstr(text, "Concept") == NULL);
  woo_doc_free(doc);

  doc = open_pdf(fixture("annot.pdf"), NULL);
  if (doc)
    CHECK_INT(woo_doc_revision_count(doc), 1);
  woo_doc_free(doc);

  /* A linearized file has two xref sections but one revision. */
  if (!have("qpdf")) {
    fprintf(stderr, "  SKIP linearized check: qpdf is not installed\n");
    return;
  }
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "qpdf --linearize '%s' '%s'", fixture("text.pdf"),
           tmpfile_named("linear.pdf"));
  CHECK_INT(system(cmd), 0);
  doc = open_pdf(tmpfile_named("linear.pdf"), NULL);
  if (doc)
    CHECK_INT(woo_doc_revision_count(doc), 1);
  woo_doc_free(doc);
}

/* ---- errors ------------------------------------------------------------------- */

/* The load fails with `code` and a one-line message that names the file
 * and contains `what`. */
static void check_error(const char *path, const woo_doc_options *opts,
                        int code, const char *what) {
  woo_doc *doc = NULL;
  int rc = woo_doc_open(&doc, path, opts);
  const char *msg = woo_error_last()->message;
  CHECK_INT(rc, code);
  CHECK(doc == NULL);
  CHECK(strncmp(msg, path, strlen(path)) == 0);
  CHECK(strstr(msg, what) != NULL);
  CHECK(strchr(msg, '\n') == NULL);
  if (rc != code || !strstr(msg, what))
    fprintf(stderr, "  %s: got %d \"%s\"\n", path, rc, msg);
  woo_doc_free(doc);
}

TEST(t_errors) {
  check_error(fixture("truncated.pdf"), NULL, WOO_EFORMAT, ": damaged PDF (");
  check_error(fixture("huge.pdf"), NULL, WOO_ELIMIT, "5000000 pages");
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.max_pages = 3;
  check_error(fixture("text.pdf"), &opts, WOO_ELIMIT, "4 pages, over the limit");

  if (!have("qpdf")) {
    fprintf(stderr, "  SKIP encrypted PDF checks: qpdf is not installed\n");
    return;
  }
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "qpdf --encrypt geheim eigenaar 256 -- '%s' '%s'",
           fixture("text.pdf"), tmpfile_named("encrypted.pdf"));
  CHECK_INT(system(cmd), 0);
  const char *enc = tmpfile_named("encrypted.pdf");
  check_error(enc, NULL, WOO_EENCRYPTED, ": encrypted PDF; give --password");
  opts = (woo_doc_options)WOO_DOC_OPTIONS_INIT;
  opts.password = "fout";
  check_error(enc, &opts, WOO_EENCRYPTED, "the password does not open it");
  opts.password = "geheim";
  woo_doc *doc = open_pdf(enc, &opts);
  woo_doc *plain = open_pdf(fixture("text.pdf"), NULL);
  if (doc && plain)
    CHECK_STR(woo_doc_text(doc, NULL), woo_doc_text(plain, NULL));
  woo_doc_free(doc);
  woo_doc_free(plain);
}

/* ---- words agree with pdftotext --------------------------------------------------- */

typedef struct words {
  char **w;
  size_t n;
} words;

static words split_words(const char *s, size_t len) {
  words out = {NULL, 0};
  size_t cap = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && strchr(" \t\r\n\f\v", s[i]))
      i++;
    size_t j = i;
    while (j < len && !strchr(" \t\r\n\f\v", s[j]))
      j++;
    if (j > i) {
      if (out.n == cap) {
        cap = cap ? cap * 2 : 256;
        out.w = realloc(out.w, cap * sizeof *out.w);
      }
      out.w[out.n++] = strndup(s + i, j - i);
    }
    i = j;
  }
  return out;
}

static void free_words(words *w) {
  for (size_t i = 0; i < w->n; i++)
    free(w->w[i]);
  free(w->w);
}

/* Longest common subsequence of two word lists: agreement in content and
 * in reading order. */
static size_t lcs(const words *a, const words *b) {
  size_t *prev = calloc(b->n + 1, sizeof *prev);
  size_t *cur = calloc(b->n + 1, sizeof *cur);
  for (size_t i = 1; i <= a->n; i++) {
    for (size_t j = 1; j <= b->n; j++)
      cur[j] = strcmp(a->w[i - 1], b->w[j - 1]) == 0
                   ? prev[j - 1] + 1
                   : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
    size_t *t = prev;
    prev = cur;
    cur = t;
  }
  size_t r = prev[b->n];
  free(prev);
  free(cur);
  return r;
}

TEST(t_pdftotext_agreement) {
  if (!have("pdftotext")) {
    fprintf(stderr, "  SKIP: pdftotext is not installed (poppler-utils)\n");
    return;
  }
  static const char *const files[] = {"text.pdf", "annot.pdf", "update.pdf",
                                      "running.pdf", "table.pdf"};
  size_t common = 0, total = 0;
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    const char *path = fixture(files[f]);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    if (!p)
      continue;
    char *ref = NULL;
    size_t rlen = 0, rcap = 0, got;
    char buf[8192];
    while ((got = fread(buf, 1, sizeof buf, p)) > 0) {
      if (rlen + got > rcap) {
        rcap = (rlen + got) * 2;
        ref = realloc(ref, rcap);
      }
      memcpy(ref + rlen, buf, got);
      rlen += got;
    }
    CHECK_INT(pclose(p), 0);
    woo_doc *doc = open_pdf(path, NULL);
    if (!doc) {
      free(ref);
      continue;
    }
    size_t len;
    const char *text = woo_doc_text(doc, &len);
    words a = split_words(text, len), b = split_words(ref ? ref : "", rlen);
    size_t c = lcs(&a, &b), t = a.n > b.n ? a.n : b.n;
    fprintf(stderr, "  %s: %zu of %zu words agree\n", files[f], c, t);
    CHECK(t > 0);
    common += c;
    total += t;
    free_words(&a);
    free_words(&b);
    free(ref);
    woo_doc_free(doc);
  }
  CHECK(total > 0 && (double)common >= 0.99 * (double)total);
}

/* ---- from memory --------------------------------------------------------------- */

TEST(t_memory_and_garbage) {
  /* A PDF header with nothing behind it is damaged, not a crash. */
  static const char junk[] = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog";
  woo_doc *doc = NULL;
  CHECK_INT(woo_doc_from_memory(&doc, junk, sizeof junk - 1, "junk.pdf", NULL),
            WOO_EFORMAT);
  CHECK(strncmp(woo_error_last()->message, "junk.pdf: damaged PDF", 21) == 0);
  CHECK(doc == NULL);
}

int main(void) {
  FILE *probe = fopen(fixture("text.pdf"), "rb");
  if (!probe) {
    fprintf(stderr, "%s is missing: build the fixtures first (ninja)\n",
            fixture("text.pdf"));
    return 1;
  }
  fclose(probe);
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  RUN(t_text_pages);
  RUN(t_boxes);
  RUN(t_skip_boxes);
  RUN(t_skip_metadata_annots);
  RUN(t_table);
  RUN(t_metadata);
  RUN(t_annotations_attachments);
  RUN(t_revisions);
  RUN(t_errors);
  RUN(t_pdftotext_agreement);
  RUN(t_memory_and_garbage);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  TEST_END();
}
#endif
