/* DOCX and ODT loaders: every part kind with its text, the properties,
 * the container limits and hostile input.  The documents are built by
 * tests/fixtures/mkdocx.c into the build tree. */
#include <jansson.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>

#include "lib/core/internal.h"
#include "lib/doc/internal.h"
#include "lib/doc/zip.h"
#include "test.h"
#include "woo.h"

#ifndef WOO_DOCX_FIXTURES
#define WOO_DOCX_FIXTURES "tests/fixtures"
#endif

static const char *fixture(const char *name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", WOO_DOCX_FIXTURES, name);
  return path;
}

static woo_doc *load(const char *name) {
  woo_doc *doc = NULL;
  int rc = woo_doc_open(&doc, fixture(name), NULL);
  if (rc)
    fprintf(stderr, "loading %s: %s\n", name, woo_error_last()->message);
  return doc;
}

/* The part holding the first occurrence of `needle` in the text; NULL
 * when the needle is missing or lies in no part (body text). */
static const woo_part *part_of(const woo_doc *doc, const char *needle) {
  const char *text = woo_doc_text(doc, NULL);
  const char *hit = strstr(text, needle);
  if (!hit)
    return NULL;
  size_t off = (size_t)(hit - text);
  for (size_t i = 0; i < woo_doc_part_count(doc); i++) {
    const woo_part *p = woo_doc_part(doc, i);
    if (p->start <= off && off + strlen(needle) <= p->end)
      return p;
  }
  return NULL;
}

static size_t offset_of(const woo_doc *doc, const char *needle) {
  const char *text = woo_doc_text(doc, NULL);
  const char *hit = strstr(text, needle);
  return hit ? (size_t)(hit - text) : WOO_UNSET;
}

static int occurrences(const char *text, const char *needle) {
  int n = 0;
  for (const char *p = text; (p = strstr(p, needle)); p++)
    n++;
  return n;
}

#define CHECK_PART(doc, needle, kind_, name_)                                  \
  do {                                                                         \
    const woo_part *p_ = part_of(doc, needle);                                 \
    CHECK(p_ != NULL);                                                         \
    if (p_) {                                                                  \
      CHECK_STR(woo_part_kind_name(p_->kind), woo_part_kind_name(kind_));      \
      CHECK_STR(p_->name, name_);                                              \
    }                                                                          \
  } while (0)

/* Parts lie inside the text, in order, on code point boundaries, and the
 * text is valid UTF-8. */
static void check_well_formed(const woo_doc *doc) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  CHECK(woo__utf8_invalid(text, len) == WOO_UNSET);
  CHECK_INT(strlen(text), len);
  size_t prev = 0;
  for (size_t i = 0; i < woo_doc_part_count(doc); i++) {
    const woo_part *p = woo_doc_part(doc, i);
    CHECK(p->start < p->end);
    CHECK(p->end <= len);
    CHECK(p->start >= prev);
    CHECK(woo__utf8_back(text, p->start) == p->start);
    CHECK(p->end == len || woo__utf8_back(text, p->end) == p->end);
    prev = p->end;
  }
}

/* ---- DOCX ------------------------------------------------------------------ */

TEST(t_docx_body) {
  woo_doc *doc = load("sample.docx");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_format(doc), WOO_FORMAT_DOCX);
  check_well_formed(doc);
  const char *text = woo_doc_text(doc, NULL);
  static const char body[] =
      "Verslag overleg gemeente Zandstad\n"
      "Aanwezig: A. Bakker\tnotulist\nDatum: 3 maart 2021\n"
      "Het overleg vond plaats in UtrechtAmersfoort.\n"
      "Zichtbaar verborgen opmerking\n"
      "stijlverborgen getoond\n"
      "Naam\tFunctie\n"
      "Kees Voorbeeld\tadviseur extern\n"
      "Zie bijlage.\n"
      "Tekstvak\n\n"
      "Einde €ĳ\n";
  CHECK(strncmp(text, body, strlen(body)) == 0);
  if (strncmp(text, body, strlen(body)) != 0)
    fprintf(stderr, "text was:\n%s\n", text);
  /* The text box is in the file twice (drawing and VML fallback). */
  CHECK_INT(occurrences(text, "Tekstvak"), 1);
  CHECK(strstr(text, "PAGE") == NULL); /* field code, not text */

  CHECK_PART(doc, "Utrecht", WOO_PART_INSERTION,
             "word/document.xml (Redacteur Een)");
  CHECK_PART(doc, "Amersfoort", WOO_PART_DELETION,
             "word/document.xml (Redacteur Twee)");
  CHECK_PART(doc, "verborgen opmerking", WOO_PART_HIDDEN, "word/document.xml");
  CHECK_PART(doc, "stijlverborgen", WOO_PART_HIDDEN, "word/document.xml");
  CHECK(part_of(doc, "getoond") == NULL); /* w:vanish w:val="0" */
  CHECK(part_of(doc, "Zichtbaar") == NULL);
  CHECK_PART(doc, "Naam\tFunctie\nKees Voorbeeld\tadviseur extern\n",
             WOO_PART_TABLE, "word/document.xml");
  CHECK_INT(woo_doc_part_at(doc, offset_of(doc, "Kees")), WOO_PART_TABLE);
  CHECK_INT(woo_doc_part_at(doc, offset_of(doc, "Verslag")), WOO_PART_BODY);
  woo_doc_free(doc);
}

TEST(t_docx_headers_notes_comments) {
  woo_doc *doc = load("sample.docx");
  CHECK(doc != NULL);
  if (!doc)
    return;
  const char *text = woo_doc_text(doc, NULL);
  CHECK_PART(doc, "Kenmerk 2021-0042\n", WOO_PART_HEADER, "word/header1.xml");
  CHECK_PART(doc, "Eerste pagina", WOO_PART_HEADER, "word/header2.xml");
  CHECK_PART(doc, "Tiende kop", WOO_PART_HEADER, "word/header10.xml");
  CHECK_PART(doc, "Voettekst concept", WOO_PART_FOOTER, "word/footer1.xml");
  CHECK_PART(doc, "Bron: memo van Henk Testpersoon", WOO_PART_FOOTNOTE,
             "word/footnotes.xml");
  CHECK_PART(doc, "Eindnoot over Lotte Eindnoot", WOO_PART_FOOTNOTE,
             "word/endnotes.xml");
  CHECK_PART(doc, "Graag naam weglaten\n", WOO_PART_COMMENT,
             "word/comments.xml (Marieke Commentaar)");
  CHECK_PART(doc, "Akkoord\n", WOO_PART_COMMENT,
             "word/comments.xml (Bram Nagelezen)");
  CHECK_PART(doc, "Nog een opmerking", WOO_PART_COMMENT,
             "word/comments.xml (Marieke Commentaar)");

  /* The documented order: body, headers (numeric), footers, notes,
   * comments, properties. */
  size_t order[] = {offset_of(doc, "Einde"),
                    offset_of(doc, "Kenmerk"),
                    offset_of(doc, "Eerste pagina"),
                    offset_of(doc, "Tiende kop"),
                    offset_of(doc, "Voettekst"),
                    offset_of(doc, "Bron:"),
                    offset_of(doc, "Eindnoot"),
                    offset_of(doc, "Graag naam"),
                    offset_of(doc, "Akkoord"),
                    offset_of(doc, "author: Jan Fictief")};
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    CHECK(order[i] != WOO_UNSET);
    if (i)
      CHECK(order[i - 1] < order[i]);
  }
  /* Word's separator notes carry no text. */
  CHECK(strstr(text, "\n\n\n") == NULL);
  woo_doc_free(doc);
}

TEST(t_docx_metadata) {
  woo_doc *doc = load("sample.docx");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_STR(woo_doc_meta_get(doc, "author"), "Jan Fictief");
  CHECK_STR(woo_doc_meta_get(doc, "last_modified_by"), "Petra Proef");
  CHECK_STR(woo_doc_meta_get(doc, "title"), "Verslag overleg");
  CHECK_STR(woo_doc_meta_get(doc, "subject"), "Overleg Zandstad");
  CHECK_STR(woo_doc_meta_get(doc, "created"), "2021-03-03T09:00:00Z");
  CHECK_STR(woo_doc_meta_get(doc, "modified"), "2021-03-05T16:30:00Z");
  CHECK_STR(woo_doc_meta_get(doc, "revision"), "7");
  CHECK_STR(woo_doc_meta_get(doc, "company"), "Gemeente Zandstad");
  CHECK_STR(woo_doc_meta_get(doc, "manager"), "Dirk Leidinggevende");
  CHECK_STR(woo_doc_meta_get(doc, "application"), "Microsoft Office Word");
  CHECK_STR(woo_doc_meta_get(doc, "template"), "Normal.dotm");
  CHECK(woo_doc_meta_get(doc, "total_time") == NULL); /* statistics left out */
  CHECK_STR(woo_doc_meta_get(doc, "custom:Zaaknummer"), "Z-2021-123");
  CHECK_STR(woo_doc_meta_get(doc, "custom_xml"), "customXml/item1.xml");
  CHECK_STR(woo_doc_meta_get(doc, "custom_xml:behandelaar"), "Sanne Dossier");
  CHECK_STR(woo_doc_meta_get(doc, "comment_author"), "Marieke Commentaar");
  CHECK_STR(woo_doc_meta_get(doc, "revision_author"), "Redacteur Een");
  size_t n_comment_authors = 0;
  for (size_t i = 0; i < woo_doc_meta_count(doc); i++)
    n_comment_authors += strcmp(woo_doc_meta(doc, i)->key, "comment_author") == 0;
  CHECK_INT(n_comment_authors, 2); /* each author once */

  /* The same properties as text, for scanning. */
  CHECK_PART(doc, "author: Jan Fictief\n", WOO_PART_METADATA,
             "docProps/core.xml");
  CHECK_PART(doc, "last_modified_by: Petra Proef\n", WOO_PART_METADATA,
             "docProps/core.xml");
  CHECK_PART(doc, "company: Gemeente Zandstad\n", WOO_PART_METADATA,
             "docProps/app.xml");
  CHECK_PART(doc, "custom:Zaaknummer: Z-2021-123\n", WOO_PART_METADATA,
             "docProps/custom.xml");
  CHECK_PART(doc, "custom_xml:behandelaar: Sanne Dossier\n",
             WOO_PART_METADATA, "customXml/item1.xml");
  CHECK_PART(doc, "comment_author: Bram Nagelezen\n", WOO_PART_METADATA,
             "word/comments.xml");
  CHECK_STR(woo_doc_meta_get(doc, "docvar:Behandelaar"), "Ruud Variabel");
  CHECK_PART(doc, "docvar:Behandelaar: Ruud Variabel\n", WOO_PART_METADATA,
             "word/settings.xml");
  CHECK(offset_of(doc, "custom:Zaaknummer") < offset_of(doc, "docvar:") &&
        offset_of(doc, "docvar:") < offset_of(doc, "comment_author:"));
  /* Metadata comes last. */
  size_t len;
  woo_doc_text(doc, &len);
  const woo_part *last = woo_doc_part(doc, woo_doc_part_count(doc) - 1);
  CHECK(last && last->kind == WOO_PART_METADATA && last->end == len);
  woo_doc_free(doc);
}

TEST(t_docx_minimal) {
  woo_doc *doc = load("minimal.docx");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_STR(woo_doc_text(doc, NULL), "Alleen tekst\n");
  CHECK_INT(woo_doc_part_count(doc), 0);
  CHECK_INT(woo_doc_meta_count(doc), 0);
  CHECK_INT(woo_doc_warning_count(doc), 0);
  woo_doc_free(doc);
}

/* ---- ODT ------------------------------------------------------------------- */

TEST(t_odt_body) {
  woo_doc *doc = load("sample.odt");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_format(doc), WOO_FORMAT_ODT);
  check_well_formed(doc);
  const char *text = woo_doc_text(doc, NULL);
  static const char body[] =
      "Verslag overleg gemeente Zandstad\n"
      "Aanwezig: A. Bakker\tnotulist\nDatum: 3 maart 2021\n"
      "Het overleg vond plaats in UtrechtAmersfoort.\n"
      "Zichtbaar verborgen opmerking\n"
      "stijlverborgen getoond\n"
      "Voorwaardeverborgen veldtekst\n"
      "Verborgen alinea\n"
      "Eerste punt\nTweede punt\n"
      "Naam\tFunctie\n"
      "Kees Voorbeeld\tadviseur extern\n"
      "Zie bijlage voor details.\n"
      "Meerdere spaties   hier ";
  CHECK(strncmp(text, body, strlen(body)) == 0);
  if (strncmp(text, body, strlen(body)) != 0)
    fprintf(stderr, "text was:\n%s\n", text);
  /* text:s c="999999999" is capped. */
  const char *sp = strstr(text, "hier ");
  size_t run = 0;
  while (sp && sp[4 + run] == ' ')
    run++;
  CHECK(sp && run > 1 && run <= 257);
  CHECK(strstr(text, "Einde €ĳ\n") != NULL);
  CHECK(strstr(text, "Alternatieve") == NULL); /* alt text is not text */

  CHECK_PART(doc, "Utrecht", WOO_PART_INSERTION, "content.xml (Redacteur Een)");
  CHECK_PART(doc, "Amersfoort", WOO_PART_DELETION,
             "content.xml (Redacteur Twee)");
  CHECK_PART(doc, "verborgen opmerking", WOO_PART_HIDDEN, "content.xml");
  CHECK_PART(doc, "stijlverborgen", WOO_PART_HIDDEN, "content.xml");
  CHECK(part_of(doc, "getoond") == NULL);
  CHECK_PART(doc, "verborgen veldtekst", WOO_PART_HIDDEN, "content.xml");
  CHECK_PART(doc, "Verborgen alinea", WOO_PART_HIDDEN, "content.xml");
  CHECK_PART(doc, "Naam\tFunctie\nKees Voorbeeld\tadviseur extern\n",
             WOO_PART_TABLE, "content.xml");
  CHECK(part_of(doc, "Eerste punt") == NULL);
  CHECK(part_of(doc, "Zie bijlage voor details.") == NULL);
  woo_doc_free(doc);
}

TEST(t_odt_parts_and_meta) {
  woo_doc *doc = load("sample.odt");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_PART(doc, "Kenmerk 2021-0042\n", WOO_PART_HEADER, "styles.xml");
  CHECK_PART(doc, "Voettekst concept\n", WOO_PART_FOOTER, "styles.xml");
  CHECK_PART(doc, "Bron: memo van Henk Testpersoon\n", WOO_PART_FOOTNOTE,
             "content.xml");
  CHECK_PART(doc, "Graag naam weglaten\n", WOO_PART_COMMENT,
             "content.xml (Marieke Commentaar)");
  size_t order[] = {offset_of(doc, "Einde"), offset_of(doc, "Kenmerk"),
                    offset_of(doc, "Voettekst"), offset_of(doc, "Bron:"),
                    offset_of(doc, "Graag naam"),
                    offset_of(doc, "author: Jan Fictief")};
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    CHECK(order[i] != WOO_UNSET);
    if (i)
      CHECK(order[i - 1] < order[i]);
  }
  CHECK_STR(woo_doc_meta_get(doc, "author"), "Jan Fictief");
  CHECK_STR(woo_doc_meta_get(doc, "last_modified_by"), "Petra Proef");
  CHECK_STR(woo_doc_meta_get(doc, "title"), "Verslag overleg");
  CHECK_STR(woo_doc_meta_get(doc, "created"), "2021-03-03T09:00:00");
  CHECK_STR(woo_doc_meta_get(doc, "modified"), "2021-03-05T16:30:00");
  CHECK_STR(woo_doc_meta_get(doc, "application"), "Tekstverwerker/1.0");
  CHECK_STR(woo_doc_meta_get(doc, "custom:Zaaknummer"), "Z-2021-123");
  CHECK_STR(woo_doc_meta_get(doc, "comment_author"), "Marieke Commentaar");
  CHECK_PART(doc, "last_modified_by: Petra Proef\n", WOO_PART_METADATA,
             "meta.xml");
  CHECK_PART(doc, "comment_author: Marieke Commentaar\n", WOO_PART_METADATA,
             "meta.xml");
  woo_doc_free(doc);
}

/* A package is read by its members whatever the sniffer guessed. */
TEST(t_odt_mimetype_not_first) {
  woo_doc *doc = load("reordered.zip");
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_INT(woo_doc_format(doc), WOO_FORMAT_ODT);
  CHECK(strncmp(woo_doc_text(doc, NULL), "Verslag overleg gemeente Zandstad\n",
                34) == 0);
  CHECK_STR(woo_doc_meta_get(doc, "author"), "Jan Fictief");
  woo_doc_free(doc);
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.force_format = WOO_FORMAT_ODT;
  CHECK_INT(woo_doc_open(&doc, fixture("sample.docx"), &opts), 0);
  CHECK_INT(woo_doc_format(doc), WOO_FORMAT_DOCX);
  woo_doc_free(doc);
}

/* ---- hostile input ----------------------------------------------------------- */

/* Loading fails with `code` and a one-line message naming the file and
 * containing `what`. */
static void check_fails(const char *name, const woo_doc_options *opts,
                        int code, const char *what) {
  woo_doc *doc = NULL;
  const char *path = fixture(name);
  int rc = woo_doc_open(&doc, path, opts);
  CHECK_INT(rc, code);
  CHECK(doc == NULL);
  const char *msg = woo_error_last()->message;
  CHECK(strstr(msg, path) != NULL);
  CHECK(strstr(msg, what) != NULL);
  CHECK(strchr(msg, '\n') == NULL);
  if (rc != code || !strstr(msg, what))
    fprintf(stderr, "%s: %d %s\n", name, rc, msg);
  woo_doc_free(doc);
}

TEST(t_zip_bomb) {
  clock_t t0 = clock();
  check_fails("bomb.docx", NULL, WOO_ELIMIT, "zip bomb?");
  check_fails("bomb.docx", NULL, WOO_ELIMIT, "word/document.xml");
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  CHECK(secs < 10); /* stops early, long before 64 MiB are inflated */
  /* The cap on everything expanded, whatever the ratio. */
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.max_expanded = 4000;
  check_fails("sample.docx", &opts, WOO_ELIMIT, "limit of 4000");
  check_fails("sample.odt", &opts, WOO_ELIMIT, "limit of 4000");
  opts.max_expanded = 1 << 20;
  woo_doc *doc = NULL;
  CHECK_INT(woo_doc_open(&doc, fixture("sample.docx"), &opts), 0);
  woo_doc_free(doc);
}

TEST(t_many_members) {
  check_fails("many.docx", NULL, WOO_ELIMIT, "members, over the limit of 10000");
}

TEST(t_truncated) {
  check_fails("truncated.docx", NULL, WOO_EFORMAT, "truncated");
}

TEST(t_missing_document) {
  check_fails("nodoc.docx", NULL, WOO_EFORMAT, "word/document.xml is missing");
}

TEST(t_encrypted_odt) {
  check_fails("encrypted.odt", NULL, WOO_EENCRYPTED, "password");
}

/* /etc/passwd is never read into the document: not in the text, not in
 * the properties.  The entity stays an unexpanded reference. */
TEST(t_external_entity) {
  static const char *const names[] = {"xxe.docx", "xxe.odt"};
  for (size_t i = 0; i < 2; i++) {
    woo_doc *doc = load(names[i]);
    CHECK(doc != NULL);
    if (!doc)
      continue;
    const char *text = woo_doc_text(doc, NULL);
    CHECK(strstr(text, "root:") == NULL);
    CHECK(strstr(text, "/bin/") == NULL);
    CHECK(strncmp(text, "voor  na\n", 9) == 0 || strncmp(text, "voor na\n", 8) == 0);
    for (size_t m = 0; m < woo_doc_meta_count(doc); m++)
      CHECK(strstr(woo_doc_meta(doc, m)->value, "root:") == NULL);
    CHECK(woo_doc_warning_count(doc) >= 1);
    CHECK(woo_doc_warning(doc, 0) && strstr(woo_doc_warning(doc, 0), "DTD"));
    woo_doc_free(doc);
  }
}

/* Nine levels of entities that would expand to 3 GB: refused or left
 * unexpanded, quickly and in bounded memory. */
TEST(t_billion_laughs) {
  static const char *const names[] = {"laughs.docx", "laughs.odt"};
  for (size_t i = 0; i < 2; i++) {
    clock_t t0 = clock();
    woo_doc *doc = NULL;
    int rc = woo_doc_open(&doc, fixture(names[i]), NULL);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(secs < 5);
    CHECK(rc == 0 || rc == WOO_EFORMAT || rc == WOO_ELIMIT);
    if (rc == 0) {
      size_t len;
      woo_doc_text(doc, &len);
      CHECK(len < 1000);
    } else {
      CHECK(strstr(woo_error_last()->message, names[i]) != NULL);
    }
    woo_doc_free(doc);
  }
}

/* Damage built in memory: not a zip past the signature, an empty zip. */
TEST(t_damaged_in_memory) {
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.force_format = WOO_FORMAT_DOCX;
  static const char junk[] = "PK\x03\x04 this is not really a zip archive";
  woo_doc *doc = NULL;
  CHECK_INT(woo_doc_from_memory(&doc, junk, sizeof junk - 1, "junk.docx", &opts),
            WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "junk.docx") != NULL);
  /* An end-of-central-directory record and nothing else. */
  static const char empty[22] = "PK\x05\x06";
  CHECK_INT(woo_doc_from_memory(&doc, empty, sizeof empty, "empty.docx", &opts),
            WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "empty.docx") != NULL);
  opts.force_format = WOO_FORMAT_ODT;
  CHECK_INT(woo_doc_from_memory(&doc, empty, sizeof empty, "empty.odt", &opts),
            WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "empty.odt") != NULL);
  CHECK(doc == NULL);
}

/* Every prefix of a small document fails cleanly or loads. */
TEST(t_every_truncation) {
  FILE *f = fopen(fixture("sample.docx"), "rb");
  CHECK(f != NULL);
  if (!f)
    return;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.force_format = WOO_FORMAT_DOCX;
  size_t ok = 0;
  for (size_t cut = 0; cut < n; cut += 7) {
    woo_doc *doc = NULL;
    int rc = woo_doc_from_memory(&doc, buf, cut, "cut.docx", &opts);
    CHECK(rc == 0 || rc == WOO_EFORMAT);
    ok += rc == 0;
    woo_doc_free(doc);
  }
  CHECK_INT(ok, 0);
}

/* ---- zip reader -------------------------------------------------------------- */

TEST(t_zip_reader) {
  FILE *f = fopen(fixture("sample.odt"), "rb");
  CHECK(f != NULL);
  if (!f)
    return;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  woo__limits lim;
  woo__doc_limits(NULL, &lim);
  woo__zip *z = NULL;
  CHECK_INT(woo__zip_open(&z, buf, n, "sample.odt", &lim), 0);
  CHECK_INT(woo__zip_count(z), 5);
  CHECK_STR(woo__zip_member(z, 0), "mimetype");
  CHECK(woo__zip_member(z, 5) == NULL);
  CHECK(woo__zip_has(z, "content.xml"));
  CHECK(!woo__zip_has(z, "word/document.xml"));
  char *data = NULL;
  size_t len = 0;
  CHECK_INT(woo__zip_read(z, "mimetype", &data, &len), 0);
  CHECK_STR(data, "application/vnd.oasis.opendocument.text");
  CHECK_INT(len, 39);
  free(data);
  CHECK_INT(woo__zip_read(z, "nope.xml", &data, &len), WOO_ENOTFOUND);
  CHECK(strstr(woo_error_last()->message, "nope.xml") != NULL);
  woo__zip_close(z);
}

/* ---- the command line ---------------------------------------------------------- */

#ifdef WOO_DOCX_CLI
/* Run the woo CLI; stdout and stderr are collected in `out`. */
static int run_cli(const char *args, const char *file, woo__buf *out) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "'%s' %s '%s' 2>&1", WOO_DOCX_CLI, args, file);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
    woo__buf_put(out, chunk, n);
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool has_part(json_t *parts, const char *kind, const char *name) {
  size_t i;
  json_t *p;
  json_array_foreach(parts, i, p) {
    if (strcmp(json_string_value(json_object_get(p, "kind")), kind) == 0 &&
        strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
      return true;
  }
  return false;
}

TEST(t_cli_text_json) {
  static const char *const files[] = {"sample.docx", "sample.odt"};
  for (int i = 0; i < 2; i++) {
    woo__buf out = WOO__BUF_INIT;
    CHECK_INT(run_cli("text --json", fixture(files[i]), &out), 0);
    json_error_t err;
    json_t *root = json_loadb(out.data ? out.data : "", out.len, 0, &err);
    CHECK(root != NULL);
    if (!root) {
      fprintf(stderr, "woo text --json said: %.300s\n", out.data);
      woo__buf_free(&out);
      continue;
    }
    json_t *parts = json_object_get(root, "parts");
    const char *c = i ? "content.xml" : "word/comments.xml";
    char name[256];
    snprintf(name, sizeof name, "%s (Marieke Commentaar)", c);
    CHECK(has_part(parts, "comment", name));
    CHECK(has_part(parts, "deletion", i ? "content.xml (Redacteur Twee)"
                                        : "word/document.xml (Redacteur Twee)"));
    CHECK(has_part(parts, "insertion", i ? "content.xml (Redacteur Een)"
                                         : "word/document.xml (Redacteur Een)"));
    CHECK(has_part(parts, "header", i ? "styles.xml" : "word/header1.xml"));
    CHECK(has_part(parts, "table", i ? "content.xml" : "word/document.xml"));
    CHECK(has_part(parts, "metadata", i ? "meta.xml" : "docProps/core.xml"));
    json_t *meta = json_object_get(root, "metadata");
    CHECK_STR(json_string_value(json_object_get(meta, "author")), "Jan Fictief");
    CHECK_STR(json_string_value(json_object_get(meta, "last_modified_by")),
              "Petra Proef");
    /* Offsets of a part select its text. */
    const char *text = json_string_value(json_object_get(root, "text"));
    size_t k;
    json_t *p;
    json_array_foreach(parts, k, p) {
      if (strcmp(json_string_value(json_object_get(p, "kind")), "deletion"))
        continue;
      json_int_t s = json_integer_value(json_object_get(p, "start"));
      json_int_t e = json_integer_value(json_object_get(p, "end"));
      CHECK(text && e - s == 10 && strncmp(text + s, "Amersfoort", 10) == 0);
    }
    json_decref(root);
    woo__buf_free(&out);
  }
  /* A hostile file: exit status 1 and one line naming the file. */
  woo__buf out = WOO__BUF_INIT;
  CHECK_INT(run_cli("text", fixture("bomb.docx"), &out), 1);
  CHECK(out.data && strstr(out.data, "bomb.docx") && strstr(out.data, "zip bomb?"));
  CHECK(out.data && strchr(out.data, '\n') == out.data + out.len - 1);
  woo__buf_free(&out);
}
#endif

int main(void) {
  RUN(t_docx_body);
  RUN(t_docx_headers_notes_comments);
  RUN(t_docx_metadata);
  RUN(t_docx_minimal);
  RUN(t_odt_body);
  RUN(t_odt_parts_and_meta);
  RUN(t_odt_mimetype_not_first);
  RUN(t_zip_bomb);
  RUN(t_many_members);
  RUN(t_truncated);
  RUN(t_missing_document);
  RUN(t_encrypted_odt);
  RUN(t_external_entity);
  RUN(t_billion_laughs);
  RUN(t_damaged_in_memory);
  RUN(t_every_truncation);
  RUN(t_zip_reader);
#ifdef WOO_DOCX_CLI
  RUN(t_cli_text_json);
#endif
  TEST_END();
}
