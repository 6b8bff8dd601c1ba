/* HTML and generic XML: visible text, block structure, tables, metadata,
 * charsets, and input that tries to reach outside the document or blow
 * up inside the parser. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/doc/internal.h"
#include "test.h"
#include "woo.h"

#define DATA WOO_SOURCE_ROOT "/tests/data/html/"

static woo_doc *open_file(const char *path) {
  woo_doc *d = NULL;
  int rc = woo_doc_open(&d, path, NULL);
  if (rc)
    fprintf(stderr, "open %s: %s\n", path, woo_error_last()->message);
  return d;
}

static woo_doc *load(const char *s, size_t n, woo_format f) {
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = f;
  woo_doc *d = NULL;
  int rc = woo_doc_from_memory(&d, s, n, "test", &o);
  if (rc)
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

static double seconds_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

TEST(html_text_and_structure) {
  woo_doc *d = open_file(DATA "verslag.html");
  CHECK(d != NULL);
  if (!d)
    return;
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d),
            "Verslag overleg Woo-verzoek\n"
            "Aanwezig: mevr. A. Jansen, dhr. B. Bakker & drs. C. de "
            "Wit\xC2\xA0(notulist)\n"
            "Kosten \xE2\x82\xAC\xC2\xA0" "25 \xE2\x80\x94 caf\xC3\xA9 "
            "\xE2\x80\x9C" "De Kroon\xE2\x80\x9D\n"
            "Eerste regel\ntweede regel\n"
            "Punt \xC3\xA9\xC3\xA9n\nPunt twee\n"
            "Naam\tRol\nJan Visser\tAdviseur juridische zaken\n\tVacature\n"
            "code   blijft\n  staan\n"
            "Slot van het verslag.\n"
            "Zet scripts aan.\n");
  CHECK(!has(d, "NIET-ZICHTBAAR"));
  CHECK_STR(woo_doc_meta_get(d, "title"), "Verslag overleg Woo-co\xC3\xB6rdinatie");
  CHECK_STR(woo_doc_meta_get(d, "author"), "M. van Dijk");
  CHECK(woo_doc_meta_get(d, "generator") == NULL);
  CHECK_INT(woo_doc_warning_count(d), 0);

  /* The table is one part covering exactly its rows. */
  CHECK_INT(woo_doc_part_count(d), 1);
  const woo_part *p = woo_doc_part(d, 0);
  CHECK(p != NULL);
  if (p) {
    CHECK_INT(p->kind, WOO_PART_TABLE);
    const char *t = text_of(d);
    CHECK(strncmp(t + p->start, "Naam\tRol\n", 9) == 0);
    CHECK(strncmp(t + p->end - 9, "Vacature\n", 9) == 0);
    size_t cell = (size_t)(strstr(t, "Jan Visser") - t);
    CHECK_INT(woo_doc_part_at(d, cell), WOO_PART_TABLE);
    CHECK_INT(woo_doc_part_at(d, 0), WOO_PART_BODY);
  }
  woo_doc_free(d);
}

TEST(html_whitespace_and_breaks) {
  const char *src = "<p>  een\n\t twee  <b>drie</b>vier <i> vijf </i> zes</p>"
                    "<p>a<br><br>b</p><div><div>genest</div></div>"
                    "<h2>kop</h2>staart";
  woo_doc *d = load(src, strlen(src), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "een twee drievier vijf zes\na\n\nb\ngenest\nkop\n"
                        "staart\n");
  woo_doc_free(d);
}

TEST(html_nested_tables) {
  const char *src = "<table><tr><td>a</td><td><table><tr><td>b1</td>"
                    "<td>b2</td></tr><tr><td>b3</td></tr></table></td>"
                    "<td>c</td></tr><tr><td>d</td></tr></table>na";
  woo_doc *d = load(src, strlen(src), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "a\tb1 b2 b3\tc\nd\nna\n");
  CHECK_INT(woo_doc_part_count(d), 1);
  if (woo_doc_part_count(d))
    CHECK_INT(woo_doc_part(d, 0)->end, strlen("a\tb1 b2 b3\tc\nd\n"));
  woo_doc_free(d);
}

TEST(html_charsets) {
  /* Undeclared Windows-1252: read as such, with a warning. */
  const char *latin = "<html><body><p>Caf\xE9 co\xF6rdinatie \x80 5</p>"
                      "</body></html>";
  woo_doc *d = load(latin, strlen(latin), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "Caf\xC3\xA9 co\xC3\xB6rdinatie \xE2\x82\xAC 5\n");
  CHECK_STR(woo_doc_encoding(d), "windows-1252");
  CHECK(warned(d, "Windows-1252"));
  woo_doc_free(d);

  /* Declared charset: libxml2 converts, no warning. */
  const char *decl = "<html><head><meta charset=\"iso-8859-1\"></head>"
                     "<body>Jo\xEBl</body></html>";
  d = load(decl, strlen(decl), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "Jo\xC3\xABl\n");
  CHECK_INT(woo_doc_warning_count(d), 0);
  woo_doc_free(d);

  /* Declared Windows-1252 with a byte iconv refuses (0x81): the rest of
   * the page is still read. */
  const char *w = "<html><head><meta charset=\"windows-1252\"></head>"
                  "<body><p>a\x81" "b \x80 c</p></body></html>";
  d = load(w, strlen(w), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "a\xEF\xBF\xBD" "b \xE2\x82\xAC c\n");
  woo_doc_free(d);
  const char *x = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>"
                  "<r>a\x81" "b \x80 c</r>";
  d = load(x, strlen(x), WOO_FORMAT_XML);
  CHECK_STR(text_of(d), "a\xEF\xBF\xBD" "b \xE2\x82\xAC c\n");
  woo_doc_free(d);
  /* us-ascii pages holding UTF-8. */
  const char *a = "<meta charset=us-ascii><p>Jo\xC3\xABl</p>";
  d = load(a, strlen(a), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "Jo\xC3\xABl\n");
  woo_doc_free(d);

  /* UTF-8 without a declaration stays UTF-8. */
  const char *utf8 = "<p>Jo\xC3\xABl</p>";
  d = load(utf8, strlen(utf8), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "Jo\xC3\xABl\n");
  CHECK_STR(woo_doc_encoding(d), "utf-8");
  woo_doc_free(d);
}

TEST(html_to_text_ignores_declared_charset) {
  /* Text handed over already converted (an e-mail part) keeps its bytes
   * even when the page claims another charset. */
  woo_doc *d = woo__doc_new("part");
  CHECK(d != NULL);
  if (!d)
    return;
  const char *src = "<html><head><meta http-equiv=\"Content-Type\" "
                    "content=\"text/html; charset=windows-1252\">"
                    "<title>Niet in metadata</title></head>"
                    "<body><table><tr><td>a</td><td>\xC3\xAB</td></tr></table>"
                    "</body></html>";
  CHECK_INT(woo__html_to_text(d, src, strlen(src), WOO_PART_BODY), 0);
  CHECK_INT(woo__doc_finish(d), 0);
  CHECK_STR(text_of(d), "a\t\xC3\xAB\n");
  CHECK(woo_doc_meta_get(d, "title") == NULL);
  CHECK_INT(woo_doc_part_count(d), 1);
  woo_doc_free(d);
}

TEST(html_edge_cases) {
  woo_doc *d = load("", 0, WOO_FORMAT_HTML);
  CHECK(d != NULL);
  CHECK_STR(text_of(d), "");
  woo_doc_free(d);
  d = load(" \n ", 3, WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "");
  woo_doc_free(d);
  d = load("alleen tekst", 12, WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "alleen tekst\n");
  woo_doc_free(d);
  /* Unclosed and misnested tags: recovered, nothing lost. */
  const char *bad = "<p>een<b>twee<p>drie</i><td>vier";
  d = load(bad, strlen(bad), WOO_FORMAT_HTML);
  CHECK(has(d, "eentwee") && has(d, "drie") && has(d, "vier"));
  woo_doc_free(d);
}

TEST(html_deep_nesting_is_reported) {
  woo__buf b = WOO__BUF_INIT;
  woo__buf_puts(&b, "<html><body>");
  for (int i = 0; i < 5000; i++)
    woo__buf_puts(&b, "<div>");
  woo__buf_puts(&b, "diep");
  for (int i = 0; i < 5000; i++)
    woo__buf_puts(&b, "</div>");
  woo__buf_puts(&b, "</body></html>");
  woo_doc *d = load(b.data, b.len, WOO_FORMAT_HTML);
  CHECK(d != NULL);
  /* libxml2 stops at 256 levels; the loss must not be silent. */
  CHECK(has(d, "diep") || warned(d, "nested"));
  woo_doc_free(d);
  woo__buf_free(&b);
}

TEST(xml_generic) {
  woo_doc *d = open_file(DATA "gegevens.xml");
  CHECK(d != NULL);
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_XML);
  CHECK_STR(text_of(d), "Woo-verzoek over de co\xC3\xB6rdinatie\n"
                        "Notitie overleg\n2020-01-13\n"
                        "Zie ook bijlage 2\nen & verder.\n"
                        "<tekst> & zo\n");
  CHECK(!has(d, "NIET-ZICHTBAAR"));
  CHECK(!has(d, "Exportbestand"));
  woo_doc_free(d);

  /* Internal entities are expanded; mixed content keeps its order. */
  const char *src = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY g "
                    "\"gemeente <b>Zandvoorde</b>\">]><r><a>De &g; besluit"
                    "</a></r>";
  d = load(src, strlen(src), WOO_FORMAT_XML);
  CHECK_STR(text_of(d), "De gemeente Zandvoorde\nbesluit\n");
  woo_doc_free(d);

  /* Not well-formed XML is an error naming the input. */
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_XML;
  d = NULL;
  CHECK_INT(woo_doc_from_memory(&d, "<a><b></a>", 10, "kapot.xml", &o),
            WOO_EFORMAT);
  CHECK(d == NULL);
  CHECK(strstr(woo_error_last()->message, "kapot.xml") != NULL);

  /* Undeclared Windows-1252 XML is read, with a warning. */
  const char *latin = "<r>co\xF6rdinatie</r>";
  d = load(latin, strlen(latin), WOO_FORMAT_XML);
  CHECK_STR(text_of(d), "co\xC3\xB6rdinatie\n");
  CHECK(warned(d, "Windows-1252"));
  woo_doc_free(d);
}

/* Files in a fresh directory that would show up in the text if any
 * external entity or DTD were resolved. */
typedef struct leakdir {
  char dir[64];
  char secret[96];
  char dtd[96];
  char pe[96];
} leakdir;

static void write_file(const char *path, const char *s) {
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(s, f);
    fclose(f);
  }
}

static bool make_leakdir(leakdir *l) {
  snprintf(l->dir, sizeof l->dir, "/tmp/woo-xxe-XXXXXX");
  if (!mkdtemp(l->dir))
    return false;
  snprintf(l->secret, sizeof l->secret, "%s/geheim.txt", l->dir);
  snprintf(l->dtd, sizeof l->dtd, "%s/extern.dtd", l->dir);
  snprintf(l->pe, sizeof l->pe, "%s/param.dtd", l->dir);
  write_file(l->secret, "LEAK-MARKER-SECRET");
  write_file(l->dtd, "<!ENTITY uitdtd \"LEAK-MARKER-DTD\">");
  write_file(l->pe, "<!ENTITY uitpe \"LEAK-MARKER-PE\">");
  return true;
}

static void remove_leakdir(leakdir *l) {
  unlink(l->secret);
  unlink(l->dtd);
  unlink(l->pe);
  rmdir(l->dir);
}

TEST(xml_external_entities_never_resolved) {
  leakdir l;
  CHECK(make_leakdir(&l));
  char src[2048];
  snprintf(src, sizeof src,
           "<?xml version=\"1.0\"?>\n"
           "<!DOCTYPE r SYSTEM \"file://%s\" [\n"
           "<!ENTITY geheim SYSTEM \"file://%s\">\n"
           "<!ENTITY %% param SYSTEM \"file://%s\">\n"
           "%%param;\n"
           "<!ENTITY wachtwoord SYSTEM \"file:///etc/passwd\">\n"
           "]>\n"
           "<r><a>voor &geheim; &uitdtd; &uitpe; &wachtwoord; na</a></r>\n",
           l.dtd, l.secret, l.pe);
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_XML;
  woo_doc *d = NULL;
  int rc = woo_doc_from_memory(&d, src, strlen(src), "xxe.xml", &o);
  /* Either refused or read without the outside text; never leaked. */
  if (rc == 0) {
    CHECK(has(d, "voor"));
    CHECK(has(d, "na"));
  }
  CHECK(!has(d, "LEAK-MARKER"));
  CHECK(!has(d, "root:"));
  woo_doc_free(d);

  /* The same through the file-based fixture. */
  d = NULL;
  rc = woo_doc_open(&d, DATA "passwd.xml", NULL);
  CHECK_INT(rc, 0);
  CHECK_STR(text_of(d), "voor na\n");
  woo_doc_free(d);

  d = open_file(DATA "passwd.html");
  CHECK(d != NULL);
  CHECK(has(d, "voor"));
  CHECK(!has(d, "root:"));
  woo_doc_free(d);

  /* HTML: no entity, stylesheet, frame or image is read. */
  snprintf(src, sizeof src,
           "<!DOCTYPE html SYSTEM \"file://%s\">\n"
           "<html><head><link rel=stylesheet href=\"file://%s\"></head>"
           "<body><p>tekst</p><iframe src=\"file://%s\"></iframe>"
           "<img src=\"file://%s\"></body></html>",
           l.dtd, l.secret, l.secret, l.secret);
  d = load(src, strlen(src), WOO_FORMAT_HTML);
  CHECK_STR(text_of(d), "tekst\n");
  woo_doc_free(d);
  remove_leakdir(&l);
}

TEST(xml_no_network) {
  /* A listener on a local port: if the parser fetched the DTD or the
   * entity, a connection would be waiting. */
  int s = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(s >= 0);
  if (s < 0)
    return;
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof a;
  int ok = bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 4) == 0 &&
           getsockname(s, (struct sockaddr *)&a, &alen) == 0;
  CHECK(ok);
  if (!ok) {
    close(s);
    return;
  }
  int port = ntohs(a.sin_port);
  char src[1024];
  snprintf(src, sizeof src,
           "<?xml version=\"1.0\"?>\n"
           "<!DOCTYPE r SYSTEM \"http://127.0.0.1:%d/extern.dtd\" [\n"
           "<!ENTITY net SYSTEM \"http://127.0.0.1:%d/entity.txt\">\n]>\n"
           "<r>a &net; b</r>\n",
           port, port);
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_XML;
  woo_doc *d = NULL;
  woo_doc_from_memory(&d, src, strlen(src), "net.xml", &o);
  woo_doc_free(d);
  o.force_format = WOO_FORMAT_HTML;
  d = NULL;
  woo_doc_from_memory(&d, src, strlen(src), "net.html", &o);
  woo_doc_free(d);
  fcntl(s, F_SETFL, O_NONBLOCK);
  int c = accept(s, NULL, NULL);
  CHECK(c < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
  if (c >= 0)
    close(c);
  close(s);
}

TEST(xml_billion_laughs_bounded) {
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  woo_doc *d = NULL;
  int rc = woo_doc_open(&d, DATA "lol.xml", NULL);
  /* Refused by the parser or cut off by our budget: either way small. */
  CHECK(rc == 0 || rc == WOO_EFORMAT || rc == WOO_ELIMIT);
  size_t len = 0;
  woo_doc_text(d, &len);
  CHECK(len <= ((size_t)1 << 20) + 1024);
  woo_doc_free(d);
  CHECK(seconds_since(&t0) < 10.0);

  /* Quadratic blowup, which libxml2 accepts: 20000 references to a
   * 20 kB entity would be 400 MB of text. */
  woo__buf b = WOO__BUF_INIT;
  woo__buf_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"");
  for (int i = 0; i < 20000; i++)
    woo__buf_putc(&b, 'x');
  woo__buf_puts(&b, "\">]><r>");
  for (int i = 0; i < 20000; i++)
    woo__buf_puts(&b, "&a;");
  woo__buf_puts(&b, "</r>");
  clock_gettime(CLOCK_MONOTONIC, &t0);
  d = load(b.data, b.len, WOO_FORMAT_XML);
  if (d) {
    woo_doc_text(d, &len);
    CHECK(len <= ((size_t)1 << 20) + b.len + 64);
    CHECK(warned(d, "entity expansion"));
  }
  woo_doc_free(d);
  CHECK(seconds_since(&t0) < 10.0);
  woo__buf_free(&b);

  /* A chain of entities each using the previous one 2 times: small in
   * the file, 2^40 bytes expanded. */
  woo__buf_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e0 \"ha\">");
  for (int i = 1; i <= 40; i++)
    woo__buf_printf(&b, "<!ENTITY e%d \"&e%d;&e%d;\">", i, i - 1, i - 1);
  woo__buf_puts(&b, "]><r>&e40;</r>");
  clock_gettime(CLOCK_MONOTONIC, &t0);
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_XML;
  d = NULL;
  rc = woo_doc_from_memory(&d, b.data, b.len, "chain.xml", &o);
  CHECK(rc == 0 || rc == WOO_EFORMAT || rc == WOO_ELIMIT);
  woo_doc_text(d, &len);
  CHECK(len <= ((size_t)1 << 20) + b.len + 64);
  woo_doc_free(d);
  CHECK(seconds_since(&t0) < 10.0);
  woo__buf_free(&b);
}

TEST(sniffed_formats) {
  woo_doc *d = open_file(DATA "verslag.html");
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_HTML);
  woo_doc_free(d);
  d = open_file(DATA "gegevens.xml");
  CHECK_INT(woo_doc_format(d), WOO_FORMAT_XML);
  woo_doc_free(d);
}

int main(void) {
  RUN(html_text_and_structure);
  RUN(html_whitespace_and_breaks);
  RUN(html_nested_tables);
  RUN(html_charsets);
  RUN(html_to_text_ignores_declared_charset);
  RUN(html_edge_cases);
  RUN(html_deep_nesting_is_reported);
  RUN(xml_generic);
  RUN(xml_external_entities_never_resolved);
  RUN(xml_no_network);
  RUN(xml_billion_laughs_bounded);
  RUN(sniffed_formats);
  TEST_END();
}
