/* E-mail: header block and metadata, decoded text parts, attachments and
 * forwarded messages as children, and mail that is broken or hostile. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/doc/internal.h"
#include "test.h"
#include "woo.h"

#define DATA WOO_SOURCE_ROOT "/tests/data/eml/"

static woo_doc *open_file(const char *path, int attachments) {
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.load_attachments = attachments;
  woo_doc *d = NULL;
  if (woo_doc_open(&d, path, &o))
    fprintf(stderr, "open %s: %s\n", path, woo_error_last()->message);
  return d;
}

static woo_doc *load(const char *s, size_t n) {
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_EML;
  woo_doc *d = NULL;
  if (woo_doc_from_memory(&d, s, n, "test.eml", &o))
    fprintf(stderr, "load: %s\n", woo_error_last()->message);
  return d;
}

static const char *text_of(const woo_doc *d) {
  return d ? woo_doc_text(d, NULL) : "";
}

static bool has(const woo_doc *d, const char *needle) {
  return strstr(text_of(d), needle) != NULL;
}

static bool warned(const woo_doc *d, const char *needle) {
  for (size_t i = 0; i < woo_doc_warning_count(d); i++)
    if (strstr(woo_doc_warning(d, i), needle))
      return true;
  return false;
}

static bool valid_utf8(const woo_doc *d) {
  size_t n;
  const char *t = woo_doc_text(d, &n);
  return woo__utf8_invalid(t, n) == WOO_UNSET && strlen(t) == n;
}

static double seconds_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The part holding the start of `needle` in the text. */
static const woo_part *part_of(const woo_doc *d, const char *needle) {
  const char *t = text_of(d);
  const char *p = strstr(t, needle);
  if (!p)
    return NULL;
  size_t off = (size_t)(p - t);
  for (size_t i = 0; i < woo_doc_part_count(d); i++) {
    const woo_part *part = woo_doc_part(d, i);
    if (part->start <= off && off < part->end)
      return part;
  }
  return NULL;
}

static const char keten_headers[] =
    "From: Marieke van Dijk <m.vandijk@gemeente-zandvoorde.example>\n"
    "To: Pieter Hendriks <p.hendriks@provincie-noordstrand.example>\n"
    "CC: Team Woo <woo@gemeente-zandvoorde.example>, Jo\xC3\xABl Smit "
    "<j.smit@gemeente-zandvoorde.example>\n"
    "Date: Tue, 14 Jan 2020 10:30:00 +0100\n"
    "Subject: Re: Planning inventarisatie \xE2\x80\x93 co\xC3\xB6rdinatie\n"
    "\n";

TEST(chain_headers_and_metadata) {
  woo_doc *d = open_file(DATA "keten.eml", 1);
  CHECK(d != NULL);
  if (!d)
    return;
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_EML);
  CHECK(strncmp(text_of(d), keten_headers, strlen(keten_headers)) == 0);
  CHECK_STR(woo_doc_meta_get(d, "from"),
            "Marieke van Dijk <m.vandijk@gemeente-zandvoorde.example>");
  CHECK_STR(woo_doc_meta_get(d, "to"),
            "Pieter Hendriks <p.hendriks@provincie-noordstrand.example>");
  CHECK_STR(woo_doc_meta_get(d, "cc"),
            "Team Woo <woo@gemeente-zandvoorde.example>, Jo\xC3\xABl Smit "
            "<j.smit@gemeente-zandvoorde.example>");
  CHECK(woo_doc_meta_get(d, "bcc") == NULL);
  CHECK_STR(woo_doc_meta_get(d, "date"), "2020-01-14T10:30:00+01:00");
  CHECK_STR(woo_doc_meta_get(d, "subject"),
            "Re: Planning inventarisatie \xE2\x80\x93 co\xC3\xB6rdinatie");
  CHECK_STR(woo_doc_meta_get(d, "message_id"),
            "reply-002@gemeente-zandvoorde.example");

  /* One header part per line, named by the header; the body has none. */
  const char *names[] = {"From", "To", "Cc", "Date", "Subject"};
  CHECK(woo_doc_part_count(d) >= 5);
  size_t pos = 0;
  for (size_t i = 0; i < 5 && i < woo_doc_part_count(d); i++) {
    const woo_part *p = woo_doc_part(d, i);
    CHECK_INT(p->kind, WOO_PART_HEADER);
    CHECK_STR(p->name, names[i]);
    CHECK_INT(p->start, pos);
    CHECK(text_of(d)[p->end - 1] == '\n');
    pos = p->end;
  }
  CHECK_INT(woo_doc_part_count(d), 5);
  const char *t = text_of(d);
  size_t body = (size_t)(strstr(t, "Beste Pieter") - t);
  CHECK_INT(woo_doc_part_at(d, body), WOO_PART_BODY);
  CHECK_INT(woo_doc_warning_count(d), 0);
  woo_doc_free(d);
}

TEST(chain_body_quoted_printable) {
  woo_doc *d = open_file(DATA "keten.eml", 1);
  CHECK(d != NULL);
  /* Soft line breaks joined, UTF-8 escapes decoded, signature and quoted
   * reply kept, the MIME preamble not. */
  CHECK(has(d, "Ik heb de co\xC3\xB6rdinatie van het Woo-verzoek op me "
               "genomen en de eerste stukken ge\xC3\xAFnventariseerd. De "
               "notitie van het overleg zit"));
  CHECK(has(d, "Met vriendelijke groet,\n\nMarieke van Dijk\n"
               "Co\xC3\xB6rdinator Woo\nGemeente Zandvoorde\nT 06-12345678\n"));
  CHECK(has(d, "> Op 13 januari 2020 schreef Pieter Hendriks:\n"));
  CHECK(!has(d, "MIME-formaat"));
  CHECK(!has(d, "=C3"));
  CHECK(!has(d, "\r"));
  CHECK(valid_utf8(d));
  woo_doc_free(d);
}

TEST(chain_attachments_and_children) {
  woo_doc *d = open_file(DATA "keten.eml", 1);
  CHECK(d != NULL);
  if (!d)
    return;
  CHECK_INT(woo_doc_attachment_count(d), 2);
  const woo_attachment *a = woo_doc_attachment(d, 0);
  CHECK(a != NULL);
  if (a) {
    CHECK_STR(a->name, "notitie-overleg.txt");
    CHECK_STR(a->mime_type, "text/plain");
    CHECK_INT(a->size, 106);
  }
  const woo_doc *txt = woo_doc_child(d, 0);
  CHECK(txt != NULL);
  CHECK_INT(woo_doc_format(txt), WOO_FORMAT_TEXT);
  CHECK_STR(text_of(txt), "Notitie overleg Woo-verzoek 2024-017\n"
                          "Aanwezig: P. Hendriks, M. van Dijk\n"
                          "Actie: inventarislijst opstellen.\n");
  CHECK(strstr(woo_doc_path(txt), "notitie-overleg.txt") != NULL);

  a = woo_doc_attachment(d, 1);
  CHECK(a != NULL);
  if (a) {
    CHECK_STR(a->name, "planning.eml");
    CHECK_STR(a->mime_type, "message/rfc822");
    CHECK(a->size > 300);
  }
  const woo_doc *fwd = woo_doc_child(d, 1);
  CHECK(fwd != NULL);
  CHECK_INT(woo_doc_format(fwd), WOO_FORMAT_EML);
  CHECK_STR(woo_doc_meta_get(fwd, "subject"), "Planning inventarisatie");
  CHECK_STR(woo_doc_meta_get(fwd, "from"),
            "Pieter Hendriks <p.hendriks@provincie-noordstrand.example>");
  CHECK_STR(woo_doc_meta_get(fwd, "date"), "2020-01-13T09:15:00+01:00");
  CHECK(strncmp(text_of(fwd), "From: Pieter Hendriks", 21) == 0);
  CHECK(has(fwd, "\n\nBeste Marieke,\n\nDe inventarisatie van de stukken is "
                 "gepland op 20 januari.\n"));
  CHECK_INT(woo_doc_input_size(fwd), a ? a->size : 0);
  CHECK_INT(strlen(woo_doc_sha256(fwd)), 64);

  /* Children hold the attachments' text; the parent does not. */
  CHECK(!has(d, "inventarislijst opstellen"));
  CHECK(!has(d, "gepland op 20 januari"));
  woo_doc_free(d);

  /* Without attachment loading: listed, not read. */
  d = open_file(DATA "keten.eml", 0);
  CHECK_INT(woo_doc_attachment_count(d), 2);
  CHECK(woo_doc_child(d, 0) == NULL);
  CHECK(woo_doc_child(d, 1) == NULL);
  CHECK(!has(d, "inventarislijst opstellen"));
  woo_doc_free(d);
}

/* A caller built against the first options version passes a struct that
 * ends before the later fields; loading a mail with attachments (which
 * passes the options on to its children) reads none of what lies past
 * it.  The struct sits at the end of its own allocation, so the
 * sanitizer build sees any read beyond. */
TEST(first_options_version) {
  size_t n = offsetof(woo_doc_options, skip_boxes);
  woo_doc_options init = WOO_DOC_OPTIONS_INIT;
  init.version = 1;
  unsigned char *mem = malloc(n);
  CHECK(mem != NULL);
  if (!mem)
    return;
  memcpy(mem, &init, n);
  woo_doc *d = NULL;
  CHECK_INT(woo_doc_open(&d, DATA "keten.eml", (const woo_doc_options *)(void *)mem), 0);
  if (d) {
    CHECK_INT(woo_doc_attachment_count(d), 2);
    CHECK(woo_doc_child(d, 0) != NULL);
    CHECK(strcmp(woo_doc_sha256(d), "") != 0);
  }
  woo_doc_free(d);
  free(mem);
}

TEST(base64_body) {
  woo_doc *d = open_file(DATA "base64.eml", 1);
  CHECK(d != NULL);
  CHECK_STR(text_of(d),
            "From: Kees Brouwer <k.brouwer@waterschap-lage-venen.example>\n"
            "To: archief@waterschap-lage-venen.example\n"
            "Date: Wed, 4 Mar 2020 08:00:00 +0100\n"
            "Subject: Besluit Woo-verzoek\n\n"
            "Goedemorgen,\n\nHierbij het besluit op het Woo-verzoek van 3 "
            "maart.\nDe stukken worden op 1 april openbaar gemaakt.\n\n"
            "Groet, Kees\n");
  CHECK_INT(woo_doc_attachment_count(d), 0);
  woo_doc_free(d);
}

TEST(latin1_charset) {
  woo_doc *d = open_file(DATA "latin1.eml", 1);
  CHECK(d != NULL);
  CHECK(has(d, "To: Jos\xC3\xA9 Ru\xC3\xAFz <j.ruiz@"));
  CHECK(has(d, "Subject: Vergadering co\xC3\xB6rdinatie verplaatst\n"));
  CHECK(has(d, "Geachte heer Ru\xC3\xAFz,"));
  CHECK(has(d, "caf\xC3\xA9 De Kroon"));
  CHECK(has(d, "Kosten: \xE2\x82\xAC 25,-")); /* 0x80 read as Windows-1252 */
  CHECK_STR(woo_doc_meta_get(d, "to"),
            "Jos\xC3\xA9 Ru\xC3\xAFz <j.ruiz@gemeente-zandvoorde.example>");
  CHECK(valid_utf8(d));
  CHECK_INT(woo_doc_warning_count(d), 0);
  woo_doc_free(d);
}

TEST(html_only_mail) {
  woo_doc *d = open_file(DATA "html-only.eml", 1);
  CHECK(d != NULL);
  const char *t = text_of(d);
  const char *body = strstr(t, "\n\n");
  CHECK(body != NULL);
  CHECK_STR(body ? body + 2 : "",
            "Beste Marieke,\nHieronder de openstaande verzoeken:\n"
            "Nummer\tOnderwerp\n2024-017\tCo\xC3\xB6rdinatie & planning\n"
            "Met vriendelijke groet,\nServicedesk\n");
  CHECK(!has(d, "niet tonen"));
  CHECK(!has(d, "padding"));
  const woo_part *p = part_of(d, "Nummer");
  CHECK(p != NULL && p->kind == WOO_PART_TABLE);
  /* The page's <title> is not the mail's. */
  CHECK(woo_doc_meta_get(d, "title") == NULL);
  CHECK_STR(woo_doc_meta_get(d, "subject"), "Overzicht openstaande verzoeken");
  woo_doc_free(d);
}

TEST(alternative_prefers_plain) {
  woo_doc *d = open_file(DATA "alternative.eml", 1);
  CHECK(d != NULL);
  CHECK(has(d, "\n\nAgenda in platte tekst.\n"));
  CHECK(!has(d, "HTML"));
  CHECK_INT(woo_doc_attachment_count(d), 0);
  woo_doc_free(d);

  /* An empty plain part stands aside for the HTML one. */
  const char *blank =
      "From: a@gemeente.example\nSubject: leeg\nMIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=A\n\n"
      "--A\nContent-Type: text/plain\n\n \n\n"
      "--A\nContent-Type: text/html\n\n<p>Alleen in HTML</p>\n--A--\n";
  d = load(blank, strlen(blank));
  CHECK_STR(text_of(d), "From: a@gemeente.example\nSubject: leeg\n\n"
                        "Alleen in HTML\n");
  woo_doc_free(d);
  const char *none = "Content-Type: multipart/alternative; boundary=A\n\n"
                     "--A\nContent-Type: text/plain\n\n\n"
                     "--A\nContent-Type: text/html\n\n\n--A--\n";
  d = load(none, strlen(none));
  CHECK(d != NULL);
  CHECK_STR(text_of(d), "");
  woo_doc_free(d);

  /* Only HTML among the alternatives (inside multipart/related). */
  const char *src =
      "From: a@gemeente.example\nSubject: rel\nMIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=A\n\n"
      "--A\nContent-Type: multipart/related; boundary=R\n\n"
      "--R\nContent-Type: text/html; charset=utf-8\n\n"
      "<p>Zie <b>logo</b></p>\n"
      "--R\nContent-Type: image/png\nContent-ID: <logo>\n"
      "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--R--\n--A--\n";
  d = load(src, strlen(src));
  CHECK(has(d, "\n\nZie logo\n"));
  CHECK_INT(woo_doc_attachment_count(d), 1);
  CHECK(woo_doc_child(d, 0) == NULL); /* an image is listed, not read */
  if (woo_doc_attachment_count(d))
    CHECK_STR(woo_doc_attachment(d, 0)->mime_type, "image/png");
  woo_doc_free(d);
}

TEST(crlf_bcc_and_unknown_charset) {
  const char *src =
      "From: a@gemeente.example\r\nBcc: geheim@gemeente.example\r\n"
      "Subject: =?utf-8?B?Q2/DtnJkaW5hdGll?=\r\n"
      "Content-Type: text/plain; charset=x-onbekend\r\n\r\n"
      "regel een\r\nregel twee \xE9\r\n";
  woo_doc *d = load(src, strlen(src));
  CHECK_STR(text_of(d), "From: a@gemeente.example\n"
                        "Bcc: geheim@gemeente.example\n"
                        "Subject: Co\xC3\xB6rdinatie\n\n"
                        "regel een\nregel twee \xC3\xA9\n");
  CHECK_STR(woo_doc_meta_get(d, "bcc"), "geheim@gemeente.example");
  CHECK(warned(d, "charset"));
  woo_doc_free(d);
}

TEST(invalid_utf8_headers) {
  const char *src = "From: Jo\xEBl Smit <j.smit@gemeente.example>\n"
                    "To: \xFF\xFE\x81 <x@gemeente.example>\n"
                    "Subject: Co\xF6rdinatie =?utf-8?q?=FF=C3?= \xC3\n"
                    "Date: geen datum\n\n"
                    "tekst\n";
  woo_doc *d = load(src, strlen(src));
  CHECK(d != NULL);
  CHECK(valid_utf8(d));
  CHECK(has(d, "From: Jo\xC3\xABl Smit"));
  CHECK(has(d, "Subject: Co\xC3\xB6rdinatie"));
  CHECK(warned(d, "header From"));
  CHECK(warned(d, "header Subject"));
  CHECK_STR(woo_doc_meta_get(d, "date"), "geen datum");
  for (size_t i = 0; i < woo_doc_meta_count(d); i++) {
    const char *v = woo_doc_meta(d, i)->value;
    CHECK(woo__utf8_invalid(v, strlen(v)) == WOO_UNSET);
  }
  woo_doc_free(d);
}

TEST(failed_child_is_warning) {
  const char *src =
      "From: a@gemeente.example\nSubject: bijlage\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=M\n\n"
      "--M\nContent-Type: text/plain\n\nzie bijlage\n"
      "--M\nContent-Type: application/xml\n"
      "Content-Disposition: attachment; filename=kapot.xml\n\n"
      "<?xml version=\"1.0\"?><a><b></a>\n--M--\n";
  woo_doc *d = load(src, strlen(src));
  CHECK(d != NULL);
  CHECK(has(d, "zie bijlage"));
  CHECK_INT(woo_doc_attachment_count(d), 1);
  CHECK(woo_doc_child(d, 0) == NULL);
  CHECK(warned(d, "not read"));
  woo_doc_free(d);
}

TEST(truncated_base64) {
  /* "Hallo wereld, dit is het besluit." cut off mid-quantum. */
  const char *src = "From: a@gemeente.example\nSubject: kapot\n"
                    "Content-Type: text/plain; charset=utf-8\n"
                    "Content-Transfer-Encoding: base64\n\n"
                    "SGFsbG8gd2VyZWxkLCBkaXQgaXMgaGV0IGJlc2x1a";
  woo_doc *d = load(src, strlen(src));
  CHECK(d != NULL);
  CHECK(has(d, "Hallo wereld, dit is het besl"));
  CHECK(valid_utf8(d));
  woo_doc_free(d);

  const char *att = "From: a@gemeente.example\nSubject: kapot\n"
                    "Content-Type: multipart/mixed; boundary=M\n\n"
                    "--M\nContent-Type: application/pdf\n"
                    "Content-Disposition: attachment; filename=b.pdf\n"
                    "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQKJ";
  d = load(att, strlen(att));
  CHECK(d != NULL);
  CHECK_INT(woo_doc_attachment_count(d), 1);
  woo_doc_free(d);
}

TEST(huge_header_line) {
  size_t n = (size_t)10 << 20;
  woo__buf b = WOO__BUF_INIT;
  woo__buf_puts(&b, "From: a@gemeente.example\nSubject: ");
  woo__buf_grow(&b, n);
  memset(b.data + b.len, 'x', n);
  b.len += n;
  woo__buf_puts(&b, "\n\ntekst\n");
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  woo_doc *d = load(b.data, b.len);
  double s = seconds_since(&t0);
  CHECK(d != NULL);
  size_t len = 0;
  woo_doc_text(d, &len);
  CHECK(len > n && len < n + 100);
  CHECK(has(d, "\n\ntekst\n"));
  /* 0.3 s in a normal build; sanitizers copy on every realloc, which
   * GMime's header buffer does often. */
  CHECK(s < 60.0);
  fprintf(stderr, "  10 MB header: %.2f s\n", s);
  woo_doc_free(d);

  /* Past the line limit: refused at once instead of parsed slowly. */
  b.len = 0;
  woo__buf_puts(&b, "From: a@gemeente.example\nSubject: ");
  n = (size_t)40 << 20;
  woo__buf_grow(&b, n);
  memset(b.data + b.len, 'x', n);
  b.len += n;
  woo__buf_puts(&b, "\n\ntekst\n");
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_EML;
  d = NULL;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  CHECK_INT(woo_doc_from_memory(&d, b.data, b.len, "lang.eml", &o),
            WOO_ELIMIT);
  CHECK(d == NULL);
  CHECK(strstr(woo_error_last()->message, "lang.eml") != NULL);
  CHECK(seconds_since(&t0) < 5.0);
  woo__buf_free(&b);
}

TEST(many_parts) {
  woo__buf b = WOO__BUF_INIT;
  woo__buf_puts(&b, "From: a@gemeente.example\nSubject: veel\nMIME-Version: "
                    "1.0\nContent-Type: multipart/mixed; boundary=M\n\n"
                    "--M\nContent-Type: text/plain\n\nhoofdtekst\n");
  for (int i = 0; i < 10000; i++)
    woo__buf_printf(&b, "--M\nContent-Type: text/plain\nContent-Disposition: "
                        "attachment; filename=b%d.txt\n\nbijlage %d\n",
                    i, i);
  woo__buf_puts(&b, "--M--\n");
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  woo_doc *d = load(b.data, b.len);
  double s = seconds_since(&t0);
  CHECK(d != NULL);
  CHECK_INT(woo_doc_attachment_count(d), 10000);
  CHECK(has(d, "hoofdtekst"));
  CHECK(!has(d, "bijlage 9999"));
  const woo_doc *last = woo_doc_child(d, 9999);
  CHECK(last != NULL);
  /* The line end before a boundary belongs to the boundary. */
  CHECK_STR(text_of(last), "bijlage 9999");
  CHECK(s < 30.0);
  fprintf(stderr, "  10000 parts: %.2f s\n", s);
  woo_doc_free(d);
  woo__buf_free(&b);
}

TEST(deep_multiparts) {
  woo__buf b = WOO__BUF_INIT;
  int depth = 20000;
  woo__buf_puts(&b, "From: a@gemeente.example\nSubject: diep\n"
                    "MIME-Version: 1.0\n");
  for (int i = 0; i < depth; i++)
    woo__buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n"
                        "--b%d\n", i, i);
  woo__buf_puts(&b, "Content-Type: text/plain\n\nbodem\n");
  for (int i = depth - 1; i >= 0; i--)
    woo__buf_printf(&b, "--b%d--\n", i);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  woo_doc *d = load(b.data, b.len);
  double s = seconds_since(&t0);
  CHECK(d != NULL);
  CHECK(has(d, "bodem") || warned(d, "nested"));
  CHECK(s < 30.0);
  fprintf(stderr, "  %d nested multiparts: %.2f s\n", depth, s);
  woo_doc_free(d);
  woo__buf_free(&b);
}

static int child_depth(const woo_doc *d) {
  int deepest = 0;
  for (size_t i = 0; i < woo_doc_attachment_count(d); i++) {
    const woo_doc *c = woo_doc_child(d, i);
    int k = c ? 1 + child_depth(c) : 0;
    if (k > deepest)
      deepest = k;
  }
  return deepest;
}

TEST(deep_forwarded_messages) {
  woo__buf b = WOO__BUF_INIT;
  for (int i = 0; i < 2000; i++)
    woo__buf_printf(&b, "From: a%d@gemeente.example\nSubject: fw %d\n"
                        "Content-Type: message/rfc822\n\n", i, i);
  woo__buf_puts(&b, "From: z@gemeente.example\nSubject: kern\n\nkern\n");
  woo_doc *d = load(b.data, b.len);
  CHECK(d != NULL);
  int k = child_depth(d);
  CHECK(k >= 2 && k <= 16);
  woo_doc_free(d);
  woo__buf_free(&b);
}

TEST(garbage_is_bounded) {
  const char *inputs[] = {"", "\n\n\n", "geen mail maar tekst",
                          "From:\n\n", "Content-Type: multipart/mixed\n\n",
                          "Content-Type: multipart/mixed; boundary=\n\n--\n--"};
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
    woo_doc_options o = WOO_DOC_OPTIONS_INIT;
    o.force_format = WOO_FORMAT_EML;
    woo_doc *d = NULL;
    int rc = woo_doc_from_memory(&d, inputs[i], strlen(inputs[i]), "x.eml", &o);
    CHECK(rc == 0 || rc == WOO_EFORMAT);
    CHECK(rc != 0 || valid_utf8(d));
    woo_doc_free(d);
  }
}

static void *load_in_thread(void *arg) {
  int *ok = arg;
  woo_doc *d = open_file(DATA "keten.eml", 1);
  *ok = d && woo_doc_attachment_count(d) == 2 && has(d, "Beste Pieter");
  woo_doc_free(d);
  return NULL;
}

TEST(threads) {
  /* The first loads race to initialise GMime. */
  pthread_t t[8];
  int ok[8] = {0};
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], NULL, load_in_thread, &ok[i]);
  for (int i = 0; i < 8; i++) {
    pthread_join(t[i], NULL);
    CHECK(ok[i]);
  }
}

int main(void) {
  RUN(threads); /* first, so that GMime is initialised under a race */
  RUN(chain_headers_and_metadata);
  RUN(chain_body_quoted_printable);
  RUN(chain_attachments_and_children);
  RUN(first_options_version);
  RUN(base64_body);
  RUN(latin1_charset);
  RUN(html_only_mail);
  RUN(alternative_prefers_plain);
  RUN(crlf_bcc_and_unknown_charset);
  RUN(invalid_utf8_headers);
  RUN(failed_child_is_warning);
  RUN(truncated_base64);
  RUN(huge_header_line);
  RUN(many_parts);
  RUN(deep_multiparts);
  RUN(deep_forwarded_messages);
  RUN(garbage_is_bounded);
  TEST_END();
}
