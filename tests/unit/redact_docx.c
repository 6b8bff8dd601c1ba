/* DOCX and ODT redaction: codes in place on a dark background; comments,
 * tracked changes, hidden text, custom XML and personal properties gone
 * from every member; verification and atomic writing.  The inputs are
 * the fixtures of tests/fixtures/mkdocx.c; marks are made by hand. */
#include <stdint.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/core/internal.h"
#include "lib/doc/internal.h"
#include "lib/doc/zip.h"
#include "test.h"
#include "woo.h"

#ifndef WOO_DOCX_FIXTURES
#define WOO_DOCX_FIXTURES "tests/fixtures"
#endif

static char outdir[] = "/tmp/woo-redact-docx-XXXXXX";

static const char *fixture(const char *name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", WOO_DOCX_FIXTURES, name);
  return path;
}

static const char *outpath(const char *name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", outdir, name);
  return path;
}

static woo_doc *load(const char *path) {
  woo_doc *doc = NULL;
  if (woo_doc_open(&doc, path, NULL))
    fprintf(stderr, "loading %s: %s\n", path, woo_error_last()->message);
  return doc;
}

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* Mark the n-th (0-based) occurrence of `s` in the text. */
static void mark_nth(woo_marks *m, const woo_doc *doc, const char *s, int nth,
                     const char *ground) {
  const char *text = woo_doc_text(doc, NULL);
  const char *hit = strstr(text, s);
  while (hit && nth-- > 0)
    hit = strstr(hit + 1, s);
  CHECK(hit != NULL);
  if (!hit)
    return;
  woo_mark mk = {(size_t)(hit - text), (size_t)(hit - text) + strlen(s),
                 woo_ground_find(ground), WOO_ENTITY_PERSON, "test", 1.0,
                 WOO_MARK_ACCEPTED};
  CHECK_INT(woo_marks_add(m, &mk), 0);
}

static void mark(woo_marks *m, const woo_doc *doc, const char *s,
                 const char *ground) {
  mark_nth(m, doc, s, 0, ground);
}

/* Every member of a package, concatenated, for raw searches. */
static char *members(const char *path, woo__buf *names) {
  char *data;
  size_t len;
  woo__buf all = WOO__BUF_INIT;
  if (woo__file_read(path, (size_t)1 << 30, &data, &len))
    return NULL;
  woo__limits lim;
  woo__doc_limits(NULL, &lim);
  woo__zip *z;
  if (woo__zip_open(&z, data, len, path, &lim) == 0) {
    for (size_t i = 0; i < woo__zip_count(z); i++) {
      char *m;
      size_t ml;
      woo__buf_printf(names, "%s\n", woo__zip_member(z, i));
      if (woo__zip_read(z, woo__zip_member(z, i), &m, &ml) == 0) {
        woo__buf_put(&all, m, ml);
        woo__buf_putc(&all, '\n');
        free(m);
      }
    }
    woo__zip_close(z);
  }
  free(data);
  return woo__buf_detach(&all, NULL);
}

static bool has_part(const woo_doc *doc, woo_part_kind k) {
  for (size_t i = 0; i < woo_doc_part_count(doc); i++)
    if (woo_doc_part(doc, i)->kind == k)
      return true;
  return false;
}

static int count(const char *text, const char *needle) {
  int n = 0;
  for (const char *p = text; (p = strstr(p, needle)); p++)
    n++;
  return n;
}

/* Strings of the sample documents that must not survive in any member:
 * what the marks cover, and what is removed whatever the marks say. */
static const char *const gone_docx[] = {
    "Bakker", "Kees Voorbeeld", "Testpersoon", "Lotte Eindnoot", "2021-0042",
    /* comments */ "Graag naam weglaten", "Marieke Commentaar", "Bram Nagelezen",
    /* tracked changes */ "Amersfoort", "Redacteur Een", "Redacteur Twee",
    /* hidden */ "verborgen opmerking", "stijlverborgen",
    /* properties */ "Jan Fictief", "Petra Proef", "Dirk Leidinggevende",
    "<Company>", "Z-2021-123", "Ruud Variabel", "Sanne Dossier",
    "Normal.dotm"};

TEST(docx_sample) {
  woo_doc *doc = load(fixture("sample.docx"));
  woo_marks *m = NULL;
  CHECK(doc != NULL);
  if (!doc)
    return;
  woo_marks_new(&m);
  mark(m, doc, "A. Bakker", "5.1.2.e");
  mark(m, doc, "Kees Voorbeeld", "5.1.2.e");    /* table cell */
  mark(m, doc, "Henk Testpersoon", "5.1.2.e");  /* footnote */
  mark(m, doc, "Lotte Eindnoot", "5.1.2.e");    /* endnote */
  mark(m, doc, "2021-0042", "5.1.2.i");         /* header */
  mark(m, doc, "Tekstvak", "5.1.2.h");          /* text box, twice in XML */
  const char *out = outpath("sample.docx");
  int rc = woo_redact_file(out, doc, m, NULL);
  if (rc)
    fprintf(stderr, "%s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  woo_doc *back = load(out);
  CHECK(back != NULL);
  if (back) {
    const char *t = woo_doc_text(back, NULL);
    CHECK(strstr(t, "Aanwezig: 5.1.2.e\tnotulist\n") != NULL);
    CHECK(strstr(t, "5.1.2.e\tadviseur extern") != NULL);
    CHECK(strstr(t, "Bron: memo van 5.1.2.e\n") != NULL);
    CHECK(strstr(t, "Eindnoot over 5.1.2.e\n") != NULL);
    CHECK(strstr(t, "Kenmerk 5.1.2.i\n") != NULL);
    CHECK(strstr(t, "5.1.2.h\n") != NULL);
    /* The insertion is accepted, the deletion gone with its text. */
    CHECK(strstr(t, "plaats in Utrecht.\n") != NULL);
    /* Visible text around the hidden runs stays. */
    CHECK(strstr(t, "Zichtbaar ") != NULL);
    CHECK(strstr(t, " getoond") != NULL);
    CHECK(strstr(t, "Einde €ĳ") != NULL);
    CHECK(!has_part(back, WOO_PART_COMMENT));
    CHECK(!has_part(back, WOO_PART_INSERTION));
    CHECK(!has_part(back, WOO_PART_DELETION));
    CHECK(!has_part(back, WOO_PART_HIDDEN));
    CHECK(woo_doc_meta_get(back, "author") == NULL);
    CHECK(woo_doc_meta_get(back, "last_modified_by") == NULL);
    CHECK(woo_doc_meta_get(back, "company") == NULL);
    CHECK(woo_doc_meta_get(back, "manager") == NULL);
  }
  woo__buf names = WOO__BUF_INIT;
  char *raw = members(out, &names);
  CHECK(raw != NULL);
  if (raw) {
    for (size_t i = 0; i < sizeof gone_docx / sizeof *gone_docx; i++)
      if (strcasestr(raw, gone_docx[i])) {
        fprintf(stderr, "still in the package: %s\n", gone_docx[i]);
        CHECK(!"withheld or removed text survives");
      }
    /* The codes stand on black in white, in run properties in schema
     * order (colour before highlight before shading). */
    CHECK(strstr(raw, "<w:rPr><w:color w:val=\"FFFFFF\"/><w:highlight "
                      "w:val=\"black\"/><w:shd w:val=\"clear\" w:color=\"auto\" "
                      "w:fill=\"000000\"/></w:rPr><w:t xml:space=\"preserve\">"
                      "5.1.2.e</w:t>") != NULL);
    CHECK(!strstr(raw, "<w:ins "));
    CHECK(!strstr(raw, "<w:del "));
    CHECK(!strstr(raw, "<w:r><w:rPr><w:vanish/>"));
    CHECK(!strstr(raw, "commentReference"));
    CHECK(!strstr(raw, "mc:Fallback"));
    CHECK(strstr(raw, "Kop1") != NULL); /* styles carried over */
    CHECK(!strstr(raw, "comments.xml") && !strstr(raw, "customXml"));
    free(raw);
  }
  CHECK(!strstr(names.data, "word/comments.xml"));
  CHECK(!strstr(names.data, "customXml/"));
  CHECK(!strstr(names.data, "docProps/custom.xml"));
  CHECK(strstr(names.data, "word/header1.xml") != NULL);
  CHECK(strstr(names.data, "docProps/core.xml") != NULL);
  woo__buf_free(&names);
  woo_doc_free(back);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* A mark across runs, a tab and a line break becomes one code; the
 * rest of what it covered goes. */
TEST(docx_across_runs) {
  woo_doc *doc = load(fixture("sample.docx"));
  woo_marks *m = NULL;
  if (!doc)
    return;
  woo_marks_new(&m);
  mark(m, doc, "Bakker\tnotulist\nDatum", "5.1.2.e");
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.style = WOO_STYLE_COMMA;
  const char *out = outpath("across.docx");
  CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
  woo_doc *back = load(out);
  if (back) {
    const char *t = woo_doc_text(back, NULL);
    CHECK(strstr(t, "Aanwezig: A. 5.1.2,e\t\n: 3 maart 2021\n") != NULL);
    CHECK_INT(count(t, "5.1.2,e"), 1);
    CHECK(!strstr(t, "notulist") && !strstr(t, "Datum"));
  }
  woo_doc_free(back);
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(docx_exists_and_force) {
  woo_doc *doc = load(fixture("minimal.docx"));
  woo_marks *m = NULL;
  if (!doc)
    return;
  woo_marks_new(&m);
  const char *out = outpath("exists.docx");
  FILE *f = fopen(out, "w");
  fputs("earlier", f);
  fclose(f);
  CHECK_INT(woo_redact_file(out, doc, m, NULL), WOO_EEXISTS);
  CHECK(strstr(woo_error_last()->message, out) != NULL);
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.force = 1;
  CHECK_INT(woo_redact_file(out, doc, m, &o), 0);
  woo_doc *back = load(out);
  CHECK(back && woo_doc_format(back) == WOO_FORMAT_DOCX);
  CHECK_STR(back ? woo_doc_text(back, NULL) : "", woo_doc_text(doc, NULL));
  woo_doc_free(back);
  /* The input is never the output. */
  CHECK_INT(woo_redact_file(fixture("minimal.docx"), doc, m, &o), WOO_EINVAL);
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(docx_verify_failure) {
  woo_doc *doc = load(fixture("sample.docx"));
  woo_marks *m = NULL;
  if (!doc)
    return;
  woo_marks_new(&m);
  mark(m, doc, "A. Bakker", "5.1.2.e");
  /* The test hook: verification fails, nothing is written. */
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.test_flags = WOO_REDACT_TEST_FAIL_VERIFY;
  const char *out = outpath("hook.docx");
  CHECK_INT(woo_redact_file(out, doc, m, &o), WOO_EVERIFY);
  CHECK(!exists(out));
  /* A real leak: the title the options ask for repeats withheld text. */
  woo_redact_options t = WOO_REDACT_OPTIONS_INIT;
  t.title = "Overleg met a. bakker";
  out = outpath("leak.docx");
  CHECK_INT(woo_redact_file(out, doc, m, &t), WOO_EVERIFY);
  CHECK(strstr(woo_error_last()->message, "docProps/core.xml") != NULL);
  CHECK(!strstr(woo_error_last()->message, "akker"));
  CHECK(!exists(out));
  /* An unmarked second mention in the body is a leak too. */
  woo_marks *m2 = NULL;
  woo_marks_new(&m2);
  mark(m2, doc, "Voettekst", "5.1.2.e"); /* "Voettekst concept" in footer */
  mark(m2, doc, "Zandstad", "5.1.2.e");  /* heading; also in the subject */
  out = outpath("ok.docx");
  CHECK_INT(woo_redact_file(out, doc, m2, NULL), 0); /* subject blanked */
  woo_marks_free(m2);
  woo_marks_new(&m2);
  mark(m2, doc, "notulist", "5.1.2.e");
  /* the same word written in a comment is removed; in a heading it is not */
  mark(m2, doc, "overleg", "5.1.2.e"); /* "Verslag overleg", not "Het overleg" */
  out = outpath("second.docx");
  CHECK_INT(woo_redact_file(out, doc, m2, NULL), WOO_EVERIFY);
  CHECK(strstr(woo_error_last()->message, "the text") != NULL);
  CHECK(!strstr(woo_error_last()->message, "overleg"));
  CHECK(!exists(out));
  woo_marks_free(m2);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* The original is read again and must be the one that was loaded. */
TEST(docx_source_checked) {
  char *data;
  size_t len;
  CHECK_INT(woo__file_read(fixture("minimal.docx"), 1 << 20, &data, &len), 0);
  woo_doc *doc = NULL;
  woo_marks *m = NULL;
  woo_marks_new(&m);
  CHECK_INT(woo_doc_from_memory(&doc, data, len, NULL, NULL), 0);
  CHECK_INT(woo_redact_file(outpath("mem.docx"), doc, m, NULL), WOO_EINVAL);
  woo_doc_free(doc);
  const char *copy = outpath("copy.docx");
  woo_write_file(copy, data, len, 1);
  doc = load(copy);
  woo_write_file(copy, "changed", 7, 1);
  CHECK_INT(woo_redact_file(outpath("changed.docx"), doc, m, NULL), WOO_EINVAL);
  CHECK(strstr(woo_error_last()->message, "changed") != NULL);
  CHECK(!exists(outpath("changed.docx")));
  woo_doc_free(doc);
  woo_marks_free(m);
  free(data);
}

TEST(odt_sample) {
  woo_doc *doc = load(fixture("sample.odt"));
  woo_marks *m = NULL;
  CHECK(doc != NULL);
  if (!doc)
    return;
  woo_marks_new(&m);
  mark(m, doc, "A. Bakker", "5.1.2.e");
  mark(m, doc, "Kees Voorbeeld", "5.1.2.e");
  mark(m, doc, "Henk Testpersoon", "5.1.2.e"); /* note */
  mark(m, doc, "2021-0042", "5.1.2.i");        /* header in styles.xml */
  mark(m, doc, "Meerdere spaties", "4.1.4");   /* collapsed white space */
  const char *out = outpath("sample.odt");
  int rc = woo_redact_file(out, doc, m, NULL);
  if (rc)
    fprintf(stderr, "%s\n", woo_error_last()->message);
  CHECK_INT(rc, 0);
  woo_doc *back = load(out);
  CHECK(back && woo_doc_format(back) == WOO_FORMAT_ODT);
  if (back) {
    const char *t = woo_doc_text(back, NULL);
    CHECK(strstr(t, "Aanwezig: 5.1.2.e\tnotulist\n") != NULL);
    CHECK(strstr(t, "5.1.2.e\tadviseur extern\n") != NULL);
    CHECK(strstr(t, "Bron: memo van 5.1.2.e\n") != NULL);
    CHECK(strstr(t, "Kenmerk 5.1.2.i\n") != NULL);
    CHECK(strstr(t, "4.1.4") != NULL);
    CHECK(strstr(t, "plaats in Utrecht.\n") != NULL);
    CHECK(strstr(t, "Eerste punt\nTweede punt\n") != NULL);
    CHECK(!has_part(back, WOO_PART_COMMENT));
    CHECK(!has_part(back, WOO_PART_INSERTION));
    CHECK(!has_part(back, WOO_PART_DELETION));
    CHECK(!has_part(back, WOO_PART_HIDDEN));
  }
  woo__buf names = WOO__BUF_INIT;
  char *raw = members(out, &names);
  static const char *const gone[] = {
      "Bakker", "Kees Voorbeeld", "Testpersoon", "2021-0042", "spaties",
      "Graag naam weglaten", "Marieke", "Amersfoort", "Redacteur",
      "verborgen opmerking", "stijlverborgen", "verborgen veldtekst",
      "Verborgen alinea", "Jan Fictief", "Petra Proef", "Z-2021-123",
      "tracked-changes", "office:annotation"};
  if (raw) {
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
      if (strcasestr(raw, gone[i])) {
        fprintf(stderr, "still in the package: %s\n", gone[i]);
        CHECK(!"withheld or removed text survives");
      }
    CHECK(strstr(raw, "<text:span text:style-name=\"WooRedacted\">5.1.2.e"
                      "</text:span>") != NULL);
    CHECK(strstr(raw, "<text:span text:style-name=\"WooRedacted\">5.1.2.i"
                      "</text:span>") != NULL);
    /* The style exists in both members that use it. */
    CHECK_INT(count(raw, "style:name=\"WooRedacted\""), 2);
    CHECK(strstr(raw, "fo:background-color=\"#000000\" fo:color=\"#FFFFFF\"") !=
          NULL);
    free(raw);
  }
  /* mimetype first and stored, as ODF requires. */
  char *data;
  size_t len;
  CHECK_INT(woo__file_read(out, 1 << 20, &data, &len), 0);
  CHECK(len > 80 && memcmp(data + 30, "mimetype", 8) == 0 &&
        memcmp(data + 38, "application/vnd.oasis.opendocument.text", 39) == 0);
  free(data);
  CHECK(strncmp(names.data, "mimetype\n", 9) == 0);
  woo__buf_free(&names);
  woo_doc_free(back);
  woo_marks_free(m);
  woo_doc_free(doc);
}

/* The reordered package (mimetype last) comes out with it first. */
TEST(odt_reordered) {
  woo_doc *doc = load(fixture("reordered.zip"));
  woo_marks *m = NULL;
  if (!doc)
    return;
  woo_marks_new(&m);
  mark(m, doc, "Henk Testpersoon", "5.1.2.e");
  const char *out = outpath("reordered.odt");
  CHECK_INT(woo_redact_file(out, doc, m, NULL), 0);
  woo__buf names = WOO__BUF_INIT;
  char *raw = members(out, &names);
  CHECK(names.data && strncmp(names.data, "mimetype\n", 9) == 0);
  CHECK(raw && !strstr(raw, "Testpersoon"));
  free(raw);
  woo__buf_free(&names);
  woo_marks_free(m);
  woo_doc_free(doc);
}

int main(void) {
  if (!mkdtemp(outdir)) {
    perror("mkdtemp");
    return 1;
  }
  RUN(docx_sample);
  RUN(docx_across_runs);
  RUN(docx_exists_and_force);
  RUN(docx_verify_failure);
  RUN(docx_source_checked);
  RUN(odt_sample);
  RUN(odt_reordered);
  /* Leave nothing behind. */
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", outdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", outdir);
  TEST_END();
}
