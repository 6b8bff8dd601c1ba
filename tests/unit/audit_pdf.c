/* PDF forensics (lib/audit/pdf.c) on the fixtures of
 * tests/fixtures/mkpdf_audit.c: every defect found with its type, page
 * and characters; nothing above "info" on the clean files or on the
 * project's own redacted output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/audit/internal.h"
#include "test.h"
#include "woo.h"

#if !defined(WOO_PDF_AUDIT_FIXTURES) || !defined(WOO_PDF_REDACT_FIXTURES) ||   \
    !defined(WOO_PDF_FIXTURES)
int main(void) {
  fprintf(stderr, "SKIP: built without PDF support\n");
  return 77;
}
#else

static char tmpdir[] = "/tmp/woo-audit-pdf-XXXXXX";

static const char *fixture(const char *dir, const char *name) {
  static char path[4][4096];
  static int slot;
  slot = (slot + 1) % 4;
  snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
  return path[slot];
}

/* A loaded fixture and its findings. */
typedef struct audited {
  woo_doc *doc;
  woo__findings f;
  int rc;
} audited;

static audited audit_path(const char *path) {
  audited a = {NULL, {0}, -1};
  int rc = woo_doc_open(&a.doc, path, NULL);
  CHECK_INT(rc, 0);
  if (rc) {
    fprintf(stderr, "  %s: %s\n", path, woo_error_last()->message);
    return a;
  }
  a.rc = woo__audit_pdf(&a.f, a.doc);
  return a;
}

static audited audit_fixture(const char *name) {
  return audit_path(fixture(WOO_PDF_AUDIT_FIXTURES, name));
}

static void done(audited *a) {
  woo__findings_free(&a->f);
  woo_doc_free(a->doc);
}

static void dump(const audited *a) {
  for (size_t i = 0; i < a->f.n; i++)
    fprintf(stderr, "  finding: %s %s page %d [%zd, %zd) %s\n", a->f.v[i].type,
            woo_severity_name(a->f.v[i].severity), a->f.v[i].page,
            (ssize_t)a->f.v[i].start, (ssize_t)a->f.v[i].end,
            a->f.v[i].message);
}

/* Findings of a type above "info". */
static size_t count(const audited *a, const char *type) {
  size_t n = 0;
  for (size_t i = 0; i < a->f.n; i++)
    n += (!type || strcmp(a->f.v[i].type, type) == 0) &&
         a->f.v[i].severity > WOO_SEVERITY_INFO;
  return n;
}

/* The finding of `type` whose span is exactly the first occurrence of
 * `what` in the text, or NULL. */
static const woo_finding *span_finding(const audited *a, const char *type,
                                       const char *what) {
  size_t len;
  const char *t = woo_doc_text(a->doc, &len);
  const char *p = strstr(t, what);
  CHECK(p != NULL);
  if (!p)
    return NULL;
  size_t s = (size_t)(p - t), e = s + strlen(what);
  for (size_t i = 0; i < a->f.n; i++)
    if (strcmp(a->f.v[i].type, type) == 0 && a->f.v[i].start == s &&
        a->f.v[i].end == e)
      return &a->f.v[i];
  fprintf(stderr, "  no %s finding over \"%s\" [%zu, %zu)\n", type, what, s, e);
  dump(a);
  return NULL;
}

static void check_span(const audited *a, const char *type, const char *what,
                       int page, woo_severity sev) {
  const woo_finding *f = span_finding(a, type, what);
  CHECK(f != NULL);
  if (!f)
    return;
  CHECK_INT(f->page, page);
  CHECK_INT(f->severity, sev);
  CHECK_STR(f->document, woo_doc_path(a->doc));
  /* The message says where and how much, never what. */
  CHECK(strstr(f->message, what) == NULL);
  char pg[32];
  snprintf(pg, sizeof pg, "pagina %d", page);
  CHECK(strstr(f->message, pg) != NULL);
}

static const woo_finding *first(const audited *a, const char *type) {
  for (size_t i = 0; i < a->f.n; i++)
    if (strcmp(a->f.v[i].type, type) == 0)
      return &a->f.v[i];
  return NULL;
}

TEST(t_boxes) {
  audited a = audit_fixture("audit-boxes.pdf");
  CHECK_INT(a.rc, 0);
  CHECK_INT(count(&a, "text-under-box"), 3);
  check_span(&a, "text-under-box", "Pieter Bakker", 1, WOO_SEVERITY_HIGH);
  check_span(&a, "text-under-box", "06-98765432", 2, WOO_SEVERITY_HIGH);
  check_span(&a, "text-under-box", "Vlietstraat 12", 2, WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, NULL), 3);
  done(&a);

  /* The same pages turned a quarter and a half (/Rotate): the boxes of
   * the characters and the rendering must still meet. */
  if (system("command -v qpdf >/dev/null 2>&1") != 0)
    return;
  char out[4200], cmd[9000];
  snprintf(out, sizeof out, "%s/rotated.pdf", tmpdir);
  snprintf(cmd, sizeof cmd, "qpdf --rotate=+90:1 --rotate=+180:2 '%s' '%s'",
           fixture(WOO_PDF_AUDIT_FIXTURES, "audit-boxes.pdf"), out);
  CHECK_INT(system(cmd), 0);
  a = audit_path(out);
  CHECK_INT(a.rc, 0);
  check_span(&a, "text-under-box", "Pieter Bakker", 1, WOO_SEVERITY_HIGH);
  check_span(&a, "text-under-box", "06-98765432", 2, WOO_SEVERITY_HIGH);
  check_span(&a, "text-under-box", "Vlietstraat 12", 2, WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, NULL), 3);
  done(&a);
  unlink(out);
}

TEST(t_hatch) {
  audited a = audit_fixture("audit-hatch.pdf");
  CHECK_INT(a.rc, 0);
  check_span(&a, "text-under-box", "Anouk Smit", 1, WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, NULL), 1);
  done(&a);
}

TEST(t_image) {
  audited a = audit_fixture("audit-image.pdf");
  CHECK_INT(a.rc, 0);
  check_span(&a, "text-under-box", "Ruud Meijer", 1, WOO_SEVERITY_HIGH);
  check_span(&a, "text-under-box", "Karin Vos", 1, WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, NULL), 2);
  done(&a);
}

/* A name blacked out on paper, still in the OCR layer over the scan;
 * the rest of the scan shows its words in another font than the layer's
 * (audit-scan.pdf, among the clean files, has no black box). */
TEST(t_scan) {
  audited a = audit_fixture("audit-scan-blacked.pdf");
  CHECK_INT(a.rc, 0);
  check_span(&a, "text-under-box", "Jacobs", 1, WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, NULL), 1);
  done(&a);
}

TEST(t_white) {
  audited a = audit_fixture("audit-white.pdf");
  CHECK_INT(a.rc, 0);
  check_span(&a, "hidden-text", "Interne opmerking: Bas Kuipers is ziek gemeld",
             1, WOO_SEVERITY_HIGH);
  check_span(&a, "hidden-text", "kenmerk dossier Hoefnagel", 1,
             WOO_SEVERITY_HIGH);
  CHECK_INT(count(&a, "text-under-box"), 0);
  CHECK_INT(count(&a, NULL), 2);
  done(&a);
}

TEST(t_highlight) {
  audited a = audit_fixture("audit-highlight.pdf");
  CHECK_INT(a.rc, 0);
  check_span(&a, "text-under-box", "Lisa de Graaf", 2, WOO_SEVERITY_HIGH);
  /* The dark highlight and the comment beside it. */
  CHECK_INT(count(&a, "annotation"), 2);
  for (size_t i = 0; i < a.f.n; i++)
    if (strcmp(a.f.v[i].type, "annotation") == 0) {
      CHECK_INT(a.f.v[i].page, 2);
      CHECK_INT(a.f.v[i].severity, WOO_SEVERITY_MEDIUM);
      CHECK(strstr(a.f.v[i].message, "wegzetten") == NULL);
    }
  CHECK_INT(count(&a, NULL), 3);
  done(&a);
}

TEST(t_redact_annotation) {
  audited a = audit_fixture("audit-redact.pdf");
  CHECK_INT(a.rc, 0);
  const woo_finding *f = first(&a, "annotation");
  CHECK(f != NULL);
  if (f) {
    CHECK_INT(f->severity, WOO_SEVERITY_HIGH);
    CHECK_INT(f->page, 1);
    CHECK(strstr(f->message, "Redact") != NULL);
  }
  /* The text is visible: the annotation is the defect, not a box. */
  CHECK_INT(count(&a, NULL), 1);
  done(&a);

  /* The same file with its small objects in a compressed object stream,
   * as PDF 1.5 writers save them. */
  if (system("command -v qpdf >/dev/null 2>&1") != 0) {
    fprintf(stderr, "  qpdf not installed; object streams not tested\n");
    return;
  }
  char out[4200], cmd[9000];
  snprintf(out, sizeof out, "%s/objstm.pdf", tmpdir);
  snprintf(cmd, sizeof cmd, "qpdf --object-streams=generate '%s' '%s'",
           fixture(WOO_PDF_AUDIT_FIXTURES, "audit-redact.pdf"), out);
  CHECK_INT(system(cmd), 0);
  char *data = NULL;
  size_t len = 0;
  CHECK_INT(woo__file_read(out, 1u << 24, &data, &len), 0);
  CHECK(data && !memmem(data, len, "/Redact", 7));
  free(data);
  a = audit_path(out);
  CHECK_INT(a.rc, 0);
  f = first(&a, "annotation");
  CHECK(f != NULL);
  if (f)
    CHECK_INT(f->severity, WOO_SEVERITY_HIGH);
  done(&a);
  unlink(out);
}

TEST(t_revision) {
  audited a = audit_fixture("audit-revision.pdf");
  CHECK_INT(a.rc, 0);
  CHECK_INT(woo_doc_revision_count(a.doc), 2);
  const woo_finding *f = first(&a, "earlier-revision");
  CHECK(f != NULL);
  if (f) {
    CHECK_INT(f->severity, WOO_SEVERITY_HIGH);
    CHECK_INT(f->page, 1);
    CHECK(strstr(f->message, "2 woorden") != NULL);
    CHECK(strstr(f->message, "Visser") == NULL);
  }
  /* The final page has a box with a code and nothing under it. */
  CHECK_INT(count(&a, NULL), 1);
  done(&a);
}

TEST(t_metadata_and_attachment) {
  audited a = audit_fixture("audit-author.pdf");
  CHECK_INT(a.rc, 0);
  const woo_finding *f = first(&a, "metadata-leak");
  CHECK(f != NULL);
  if (f) {
    CHECK_INT(f->severity, WOO_SEVERITY_MEDIUM);
    CHECK_STR(f->entity, "person");
    CHECK(strstr(f->message, "author") != NULL);
    CHECK(strstr(f->message, "Dijk") == NULL);
  }
  CHECK_INT(count(&a, NULL), 1);
  done(&a);

  a = audit_fixture("audit-attach.pdf");
  CHECK_INT(a.rc, 0);
  f = first(&a, "embedded-file");
  CHECK(f != NULL);
  if (f)
    CHECK_INT(f->severity, WOO_SEVERITY_MEDIUM);
  CHECK_INT(count(&a, NULL), 1);
  done(&a);
}

/* The loader's fixtures: XMP creator, comments, an update. */
TEST(t_loader_fixtures) {
  audited a = audit_path(fixture(WOO_PDF_FIXTURES, "text.pdf"));
  CHECK_INT(a.rc, 0);
  CHECK_INT(count(&a, "metadata-leak"), 2); /* author and xmp:creator */
  CHECK_INT(count(&a, "text-under-box") + count(&a, "hidden-text"), 0);
  done(&a);

  a = audit_path(fixture(WOO_PDF_FIXTURES, "update.pdf"));
  CHECK_INT(a.rc, 0);
  CHECK(first(&a, "earlier-revision") != NULL);
  done(&a);

  a = audit_path(fixture(WOO_PDF_FIXTURES, "annot.pdf"));
  CHECK_INT(a.rc, 0);
  CHECK_INT(count(&a, "annotation"), 2);
  CHECK_INT(count(&a, "embedded-file"), 1);
  CHECK_INT(count(&a, "text-under-box"), 0); /* a green highlight */
  done(&a);
}

TEST(t_clean) {
  static const char *const clean[] = {"audit-clean.pdf", "audit-redacted.pdf",
                                      "audit-update.pdf", "audit-scan.pdf"};
  for (size_t i = 0; i < sizeof clean / sizeof *clean; i++) {
    audited a = audit_fixture(clean[i]);
    CHECK_INT(a.rc, 0);
    if (count(&a, NULL)) {
      fprintf(stderr, "  %s:\n", clean[i]);
      dump(&a);
    }
    CHECK_INT(count(&a, NULL), 0);
    done(&a);
  }
  audited a = audit_path(fixture(WOO_PDF_FIXTURES, "running.pdf"));
  CHECK_INT(a.rc, 0);
  CHECK_INT(count(&a, NULL), 0);
  done(&a);
}

/* What `woo redact` writes passes the audit: its text layer lies under
 * the page image, but the image shows those same words. */
TEST(t_own_redaction) {
  static const char *const inputs[][2] = {
      {WOO_PDF_REDACT_FIXTURES, "redact.pdf"},
      {WOO_PDF_FIXTURES, "text.pdf"},
      {WOO_PDF_AUDIT_FIXTURES, "audit-clean.pdf"}};
  woo_scanner *sc = NULL;
  CHECK_INT(woo_scanner_new(&sc, NULL), 0);
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
    woo_doc *doc = NULL;
    CHECK_INT(woo_doc_open(&doc, fixture(inputs[i][0], inputs[i][1]), NULL), 0);
    woo_marks *m = NULL;
    CHECK_INT(woo_scan(&m, sc, doc, NULL), 0);
    char out[4200];
    snprintf(out, sizeof out, "%s/%s", tmpdir, inputs[i][1]);
    int rc = woo_redact_file(out, doc, m, NULL);
    CHECK_INT(rc, 0);
    if (rc) {
      fprintf(stderr, "  %s: %s\n", inputs[i][1], woo_error_last()->message);
    } else {
      audited a = audit_path(out);
      CHECK_INT(a.rc, 0);
      if (count(&a, NULL)) {
        fprintf(stderr, "  redacted %s:\n", inputs[i][1]);
        dump(&a);
      }
      CHECK_INT(count(&a, NULL), 0);
      done(&a);
      unlink(out);
    }
    woo_marks_free(m);
    woo_doc_free(doc);
  }
  woo_scanner_free(sc);
}

/* The file must be the one that was loaded; a document from memory has
 * no file to render and says so. */
TEST(t_file_checks) {
  const char *src = fixture(WOO_PDF_AUDIT_FIXTURES, "audit-boxes.pdf");
  char copy[4200];
  snprintf(copy, sizeof copy, "%s/copy.pdf", tmpdir);
  char *data = NULL;
  size_t len = 0;
  CHECK_INT(woo__file_read(src, 1u << 24, &data, &len), 0);
  CHECK_INT(woo__file_write_atomic(copy, data, len, true), 0);
  woo_doc *doc = NULL;
  CHECK_INT(woo_doc_open(&doc, copy, NULL), 0);
  FILE *f = fopen(copy, "ab");
  CHECK(f != NULL);
  if (f) {
    fputs("\n% appended\n", f);
    fclose(f);
  }
  woo__findings fs = {0};
  CHECK_INT(woo__audit_pdf(&fs, doc), WOO_EMISMATCH);
  CHECK(strstr(woo_error_last()->message, copy) != NULL);
  woo__findings_free(&fs);
  woo_doc_free(doc);
  unlink(copy);

  CHECK_INT(woo_doc_from_memory(&doc, data, len, NULL, NULL), 0);
  CHECK_INT(woo__audit_pdf(&fs, doc), 0);
  CHECK_INT(fs.n, 1);
  if (fs.n)
    CHECK_INT(fs.v[0].severity, WOO_SEVERITY_INFO);
  woo__findings_free(&fs);
  woo_doc_free(doc);
  free(data);

  /* Not a PDF: nothing to say. */
  CHECK_INT(woo_doc_from_memory(&doc, "Gewone tekst.\n", 14, "a.txt", NULL), 0);
  CHECK_INT(woo__audit_pdf(&fs, doc), 0);
  CHECK_INT(fs.n, 0);
  woo_doc_free(doc);
}

int main(void) {
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  RUN(t_boxes);
  RUN(t_hatch);
  RUN(t_image);
  RUN(t_scan);
  RUN(t_white);
  RUN(t_highlight);
  RUN(t_redact_annotation);
  RUN(t_revision);
  RUN(t_metadata_and_attachment);
  RUN(t_loader_fixtures);
  RUN(t_clean);
  RUN(t_own_redaction);
  RUN(t_file_checks);
  rmdir(tmpdir);
  TEST_END();
}
#endif
