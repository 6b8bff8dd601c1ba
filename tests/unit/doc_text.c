/* The document model with text input: byte-exact UTF-8, Windows-1252
 * conversion, sniffing, errors that name the file. */
#include <unistd.h>

#include "lib/doc/internal.h"
#include "test.h"

static woo_doc *mem(const char *s, size_t len, const char *name) {
  woo_doc *d = NULL;
  int rc = woo_doc_from_memory(&d, s, len, name, NULL);
  CHECK_INT(rc, 0);
  return d;
}

TEST(t_utf8_exact) {
  /* BOM and CRLF are kept: offsets are file offsets. */
  const char in[] = "\xEF\xBB\xBF" "Verslag\r\nDatum: 13 januari 2020\r\n";
  woo_doc *d = mem(in, sizeof in - 1, "v.txt");
  size_t len;
  const char *t = woo_doc_text(d, &len);
  CHECK_INT(len, sizeof in - 1);
  CHECK(memcmp(t, in, len) == 0);
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_TEXT);
  CHECK_STR(woo_doc_encoding(d), "utf-8");
  CHECK_INT(woo_doc_warning_count(d), 0);
  CHECK_INT(woo_doc_page_count(d), 1);
  CHECK(woo_doc_page(d, 0) == NULL);
  CHECK_INT(woo_doc_input_size(d), sizeof in - 1);
  CHECK_INT(strlen(woo_doc_sha256(d)), 64);
  size_t line, col;
  CHECK_INT(woo_doc_line_col(d, 12, &line, &col), 0);
  CHECK(line == 2 && col == 1);
  CHECK(!woo_doc_has_boxes(d));
  woo_box b;
  CHECK_INT(woo_doc_char_box(d, 0, &b, NULL), WOO_ENOTFOUND);
  woo_doc_free(d);
}

TEST(t_cp1252) {
  const char in[] = "Caf\xE9 met Zo\xEB\n\x80 10,-\n";
  woo_doc *d = mem(in, sizeof in - 1, "oud.txt");
  CHECK_STR(woo_doc_text(d, NULL), "Café met Zoë\n€ 10,-\n");
  CHECK_STR(woo_doc_encoding(d), "windows-1252");
  CHECK_INT(woo_doc_warning_count(d), 1);
  CHECK(strstr(woo_doc_warning(d, 0), "oud.txt") != NULL);
  CHECK(strstr(woo_doc_warning(d, 0), "line 1") != NULL);
  woo_doc_free(d);
}

TEST(t_empty_and_binary) {
  woo_doc *d = mem("", 0, "leeg.txt");
  size_t len = 99;
  CHECK_STR(woo_doc_text(d, &len), "");
  CHECK_INT(len, 0);
  woo_doc_free(d);
  woo_doc *bin = NULL;
  CHECK_INT(woo_doc_from_memory(&bin, "ab\0cd", 5, "x.bin", NULL), WOO_EFORMAT);
  CHECK(bin == NULL);
  CHECK(strstr(woo_error_last()->message, "x.bin") != NULL);
  CHECK_INT(woo_doc_from_memory(&bin, "\xFF\xFEh\0i\0", 6, "u16.txt", NULL),
            WOO_EUNSUPPORTED);
}

TEST(t_open_errors) {
  woo_doc *d = NULL;
  CHECK_INT(woo_doc_open(&d, "/nonexistent/verslag.txt", NULL), WOO_ENOTFOUND);
  CHECK(strstr(woo_error_last()->message, "/nonexistent/verslag.txt"));
  CHECK_INT(woo_doc_open(&d, "/tmp", NULL), WOO_EIO);
  CHECK_INT(woo_doc_open(NULL, "x", NULL), WOO_EINVAL);
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.version = 99;
  CHECK_INT(woo_doc_from_memory(&d, "x", 1, "x", &o), WOO_EINVAL);
  o.version = WOO_DOC_OPTIONS_VERSION;
  o.max_bytes = 3;
  CHECK_INT(woo_doc_from_memory(&d, "abcdef", 6, "big.txt", &o), WOO_ELIMIT);
  CHECK(strstr(woo_error_last()->message, "big.txt"));
  woo_doc_free(NULL);
}

TEST(t_open_file) {
  char path[] = "/tmp/woo-doc-XXXXXX";
  int fd = mkstemp(path);
  const char body[] = "Aanwezig: OM, GGD\n";
  CHECK(write(fd, body, sizeof body - 1) == (ssize_t)(sizeof body - 1));
  close(fd);
  woo_doc *d = NULL;
  CHECK_INT(woo_doc_open(&d, path, NULL), 0);
  CHECK_STR(woo_doc_path(d), path);
  CHECK_STR(woo_doc_text(d, NULL), body);
  woo_doc_free(d);
  unlink(path);
}

TEST(t_sniff) {
  CHECK_INT(woo_format_sniff("%PDF-1.7\n", 9, "x.txt"), WOO_FORMAT_PDF);
  CHECK_INT(woo_format_sniff("junk\n%PDF-1.4", 13, NULL), WOO_FORMAT_PDF);
  CHECK_INT(woo_format_sniff("<!DOCTYPE html><p>x", 19, NULL), WOO_FORMAT_HTML);
  CHECK_INT(woo_format_sniff("  <html><body>", 14, NULL), WOO_FORMAT_HTML);
  CHECK_INT(woo_format_sniff("<?xml version=\"1.0\"?><a/>", 25, NULL), WOO_FORMAT_XML);
  const char *mail = "From: A <a@example.nl>\r\nTo: b@example.nl\r\n"
                     "Subject: test\r\n\r\nbody\r\n";
  CHECK_INT(woo_format_sniff(mail, strlen(mail), NULL), WOO_FORMAT_EML);
  const char *memo = "Datum: 13 januari 2020\nOnderwerp: overleg\n\ntekst";
  CHECK_INT(woo_format_sniff(memo, strlen(memo), "memo.eml"), WOO_FORMAT_TEXT);
  const char *note = "From: iemand\nniet de kop van een mail\n";
  CHECK_INT(woo_format_sniff(note, strlen(note), NULL), WOO_FORMAT_TEXT);
  CHECK_INT(woo_format_sniff("", 0, NULL), WOO_FORMAT_TEXT);
  /* HTML fragments, XML using HTML-like element names, comments first. */
  CHECK_INT(woo_format_sniff("<p>a<br>b</p>", 13, NULL), WOO_FORMAT_HTML);
  const char *xmlbody = "<?xml version=\"1.0\"?><doc><body>x</body></doc>";
  CHECK_INT(woo_format_sniff(xmlbody, strlen(xmlbody), NULL), WOO_FORMAT_XML);
  const char *cmt = "<!-- gemaakt --><p>tekst</p>";
  CHECK_INT(woo_format_sniff(cmt, strlen(cmt), "a.html"), WOO_FORMAT_HTML);
  /* Mail with an mbox line, a leading blank line, Outlook's banner. */
  const char *mbox = "From a@example.nl Mon Jan 13 10:00:00 2020\nFrom: a@example.nl\n"
                     "To: b@example.nl\nSubject: x\n\nbody\n";
  CHECK_INT(woo_format_sniff(mbox, strlen(mbox), NULL), WOO_FORMAT_EML);
  const char *blank = "\r\nFrom: a@example.nl\r\nTo: b@example.nl\r\n\r\nbody";
  CHECK_INT(woo_format_sniff(blank, strlen(blank), NULL), WOO_FORMAT_EML);
  const char *ol = "Microsoft Mail Internet Headers Version 2.0\r\nReceived: x\r\n"
                   "From: a@example.nl\r\n\r\n";
  CHECK_INT(woo_format_sniff(ol, strlen(ol), NULL), WOO_FORMAT_EML);
  /* A mail exported as .txt stays the text it is. */
  CHECK_INT(woo_format_sniff(mail, strlen(mail), "export.txt"), WOO_FORMAT_TEXT);
  char odt[40] = "PK\x03\x04";
  odt[26] = 8;
  memcpy(odt + 30, "mimetype", 8);
  CHECK_INT(woo_format_sniff(odt, 38, NULL), WOO_FORMAT_ODT);
  CHECK_STR(woo_format_name(WOO_FORMAT_EML), "eml");
  CHECK_STR(woo_part_kind_name(WOO_PART_DELETION), "deletion");
}

/* skip_sha256 leaves the hash empty and nothing else; an unknown
 * options version is refused. */
TEST(t_skip_sha256) {
  static const char in[] = "Kenmerk 2024-17\nDorp\n";
  woo_doc *a = NULL, *b = NULL, *c = NULL;
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  CHECK_INT(woo_doc_from_memory(&a, in, sizeof in - 1, "a.txt", &o), 0);
  o.skip_sha256 = 1;
  CHECK_INT(woo_doc_from_memory(&b, in, sizeof in - 1, "b.txt", &o), 0);
  if (a && b) {
    CHECK_INT(strlen(woo_doc_sha256(a)), 64);
    CHECK_STR(woo_doc_sha256(b), "");
    size_t la, lb;
    const char *ta = woo_doc_text(a, &la), *tb = woo_doc_text(b, &lb);
    CHECK_INT(la, lb);
    CHECK(memcmp(ta, tb, la) == 0);
  }
  o.skip_sha256 = 0;
  CHECK_INT(woo_doc_from_memory(&c, in, sizeof in - 1, "c.txt", &o), 0);
  if (c && a)
    CHECK_STR(woo_doc_sha256(c), woo_doc_sha256(a));
  woo_doc *d = NULL;
  o.version = WOO_DOC_OPTIONS_VERSION + 1;
  CHECK_INT(woo_doc_from_memory(&d, in, sizeof in - 1, "d.txt", &o), WOO_EINVAL);
  woo_doc_free(a);
  woo_doc_free(b);
  woo_doc_free(c);
  woo_doc_free(d);
}

int main(void) {
  RUN(t_utf8_exact);
  RUN(t_cp1252);
  RUN(t_empty_and_binary);
  RUN(t_open_errors);
  RUN(t_open_file);
  RUN(t_sniff);
  RUN(t_skip_sha256);
  TEST_END();
}
