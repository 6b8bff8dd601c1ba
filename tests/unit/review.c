/* The review page: every mark highlighted in its ground's colour, a
 * legend with counts per ground, a table of the marks, everything
 * HTML-escaped, valid UTF-8 and self-contained (nothing fetched). */
#include "lib/core/internal.h"
#include "test.h"
#include "woo.h"

static const char text[] =
    "Verslag overleg <script>alert('x')</script> & \"citaat\"\n"
    "Aanwezig: Jan de Vries, Émile Dubois 🙂, M. Öztürk\n"
    "Systeem: ZAAKNET-PRD wachtwoord Welkom01!\n"
    "Casus 7: <b>buiten het verzoek</b> & meer.\n";

static size_t at(const char *s) {
  const char *p = strstr(text, s);
  return p ? (size_t)(p - text) : 0;
}

typedef struct want {
  const char *s;
  const char *ground;
  woo_entity entity;
  const char *source;
  woo_mark_status status;
} want;

/* Sources come from marks files too, so they are escaped like the rest. */
static const want wants[] = {
    {"Jan de Vries", "5.1.2.e", WOO_ENTITY_PERSON, "names", WOO_MARK_ACCEPTED},
    {"Émile Dubois 🙂", "5.1.2.e", WOO_ENTITY_PERSON, "lexicon",
     WOO_MARK_PROPOSED},
    {"M. Öztürk", "5.1.2.e", WOO_ENTITY_PERSON, "\"><img src=http://x>",
     WOO_MARK_REJECTED},
    {"ZAAKNET-PRD", "5.1.2.h", WOO_ENTITY_HOSTNAME, "policy:terms",
     WOO_MARK_PROPOSED},
    {"Welkom01!", "5.1.2.h", WOO_ENTITY_SECRET, "secrets", WOO_MARK_PROPOSED},
    {"<b>buiten het verzoek</b> & meer.", "4.1.4", WOO_ENTITY_SECTION,
     "policy:sections", WOO_MARK_PROPOSED},
};
#define N_WANTS (sizeof wants / sizeof *wants)

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p++)
    n++;
  return n;
}

/* The value of `style="background:…"` right after `from`, into out. */
static void background(const char *from, char *out, size_t size) {
  out[0] = '\0';
  const char *p = from ? strstr(from, "background:") : NULL;
  if (!p)
    return;
  p += 11;
  size_t n = strcspn(p, "\";");
  if (n >= size)
    n = size - 1;
  memcpy(out, p, n);
  out[n] = '\0';
}

static void escape(const char *s, char *out, size_t size) {
  size_t o = 0;
  for (; *s && o + 7 < size; s++) {
    const char *r = *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                  : *s == '&' ? "&amp;" : *s == '"' ? "&quot;" : NULL;
    if (r) {
      memcpy(out + o, r, strlen(r));
      o += strlen(r);
    } else {
      out[o++] = *s;
    }
  }
  out[o] = '\0';
}

static woo_doc *make_doc(void) {
  woo_doc *doc = NULL;
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_TEXT;
  CHECK_INT(woo_doc_from_memory(&doc, text, strlen(text),
                                "in/verslag <1> & \"x\".txt", &o), 0);
  return doc;
}

static woo_marks *make_marks(void) {
  woo_marks *m = NULL;
  woo_marks_new(&m);
  for (size_t i = 0; i < N_WANTS; i++) {
    woo_mark mk = {at(wants[i].s), at(wants[i].s) + strlen(wants[i].s),
                   woo_ground_find(wants[i].ground), wants[i].entity,
                   wants[i].source, 0.5 + 0.05 * (double)i, wants[i].status};
    CHECK(strstr(text, wants[i].s) != NULL);
    CHECK_INT(woo_marks_add(m, &mk), 0);
  }
  return m;
}

TEST(review_structure) {
  woo_doc *doc = make_doc();
  woo_marks *m = make_marks();
  char *html = NULL;
  size_t len = 0;
  CHECK_INT(woo_review_html(&html, &len, doc, m), 0);
  CHECK(html != NULL);
  if (!html)
    goto done;
  CHECK_INT(len, strlen(html));
  CHECK(woo__utf8_invalid(html, len) == WOO_UNSET);
  CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
  CHECK(strstr(html, "<meta charset=\"utf-8\">") != NULL);

  /* Every mark is a <mark> element holding its text, escaped, in its
   * ground's colour; the same ground has the same colour in the legend,
   * different grounds have different colours. */
  char colour[N_WANTS][32];
  for (size_t i = 0; i < N_WANTS; i++) {
    char id[32], esc[256];
    snprintf(id, sizeof id, "<mark id=\"m%zu\"", i);
    const char *el = strstr(html, id);
    CHECK(el != NULL);
    if (!el)
      continue;
    background(el, colour[i], sizeof colour[i]);
    CHECK(colour[i][0] == '#');
    escape(wants[i].s, esc, sizeof esc);
    const char *body = strchr(el, '>');
    CHECK(body && strncmp(body + 1, esc, strlen(esc)) == 0);
    const char *cls = strstr(el, "class=\"");
    CHECK(cls && strncmp(cls + 7, woo_mark_status_name(wants[i].status),
                         strlen(woo_mark_status_name(wants[i].status))) == 0);
    /* Its ground code is shown with it. */
    char sup[64];
    snprintf(sup, sizeof sup, "<sup>%s</sup></mark>", wants[i].ground);
    CHECK(strstr(body, sup) != NULL);
  }
  CHECK_INT(count(html, "<mark "), (int)N_WANTS);
  for (size_t i = 0; i < N_WANTS; i++)
    for (size_t j = 0; j < N_WANTS; j++)
      CHECK((strcmp(wants[i].ground, wants[j].ground) == 0) ==
            (strcmp(colour[i], colour[j]) == 0));

  /* The legend: one row per ground used, with its count and colour. */
  const char *legend = strstr(html, "<table id=\"legend\">");
  CHECK(legend != NULL);
  static const struct {
    const char *code;
    int n;
    size_t example;
  } grounds[] = {{"5.1.2.e", 3, 0}, {"5.1.2.h", 2, 3}, {"4.1.4", 1, 5}};
  for (size_t g = 0; legend && g < sizeof grounds / sizeof *grounds; g++) {
    char cell[64];
    snprintf(cell, sizeof cell, "</span>%s</td>", grounds[g].code);
    const char *row = strstr(legend, cell);
    CHECK(row != NULL);
    if (!row)
      continue;
    const char *start = row;
    while (start > legend && strncmp(start, "<tr>", 4) != 0)
      start--;
    char sw[32];
    background(start, sw, sizeof sw);
    CHECK_STR(sw, colour[grounds[g].example]);
    char cnt[64];
    snprintf(cnt, sizeof cnt, "<td class=\"count\">%d</td>", grounds[g].n);
    const char *c = strstr(row, "<td class=\"count\">");
    CHECK(c && strncmp(c, cnt, strlen(cnt)) == 0);
  }
  const char *marks_table = strstr(html, "<table id=\"marks\">");
  CHECK(legend && marks_table && marks_table > legend);
  if (legend && marks_table) {
    /* Grounds not used have no row. */
    int rows = 0;
    for (const char *p = legend; (p = strstr(p, "<tr>")) && p < marks_table; p++)
      rows++;
    CHECK_INT(rows, 1 + 3);
    /* The marks table: a header and one row per mark, linked to it. */
    CHECK_INT(count(marks_table, "<tr>"), 1 + (int)N_WANTS);
    CHECK(strstr(marks_table, "<a href=\"#m5\">6</a>") != NULL);
    CHECK(strstr(marks_table, "<td>rejected</td>") != NULL);
    CHECK(strstr(marks_table, "<td>hostname</td>") != NULL);
    CHECK(strstr(marks_table, "<td>0.75</td>") != NULL);
  }

  /* Escaped: the document's markup and the file name are text. */
  CHECK(!strstr(html, "<script"));
  CHECK(!strstr(html, "<b>"));
  CHECK(!strstr(html, "<img"));
  CHECK(strstr(html, "&lt;script&gt;alert('x')&lt;/script&gt; &amp; "
                     "&quot;citaat&quot;") != NULL);
  CHECK(strstr(html, "in/verslag &lt;1&gt; &amp; &quot;x&quot;.txt") != NULL);

  /* Self-contained: nothing to fetch, no scripts, no external style. */
  /* Text is escaped, so every '<' opens a tag: the attributes of each
   * are checked; links stay within the page, nothing has a source. */
  int tags = 0, links = 0;
  for (const char *p = html; (p = strchr(p, '<')); p++) {
    size_t n = strcspn(p, ">");
    char tag[2048];
    snprintf(tag, sizeof tag, "%.*s", (int)(n < sizeof tag - 1 ? n : sizeof tag - 1), p);
    tags++;
    /* Attribute names only: quoted values are text (a title may say
     * anything, escaped). */
    char names[2048];
    size_t o = 0;
    bool quoted = false;
    for (const char *q = tag; *q; q++) {
      if (*q == '"')
        quoted = !quoted;
      else if (!quoted)
        names[o++] = *q;
    }
    names[o] = '\0';
    CHECK(!strstr(names, " src="));
    CHECK(!strstr(names, " srcset="));
    CHECK(!strstr(names, " action="));
    CHECK(!strstr(tag, "url("));
    const char *h = strstr(tag, " href=");
    if (h) {
      links++;
      CHECK(strncmp(h + 6, "\"#", 2) == 0);
    }
  }
  CHECK(tags > 50);
  CHECK_INT(links, (int)N_WANTS);
  CHECK(strstr(html, "&lt;img src=http://x&gt;") != NULL);
  CHECK(!strstr(html, "@import"));
  CHECK(!strstr(html, "<link"));
  CHECK(!strstr(html, "<iframe"));
  CHECK(strstr(html, "default-src 'none'") != NULL);
  woo_free(html);
done:
  woo_marks_free(m);
  woo_doc_free(doc);
}

TEST(review_errors) {
  woo_doc *doc = make_doc();
  woo_marks *m = NULL;
  woo_marks_new(&m);
  woo_mark mk = {0, strlen(text) + 1, woo_ground_find("5.1.2.e"),
                 WOO_ENTITY_PERSON, "x", 1, WOO_MARK_PROPOSED};
  woo_marks_add(m, &mk);
  char *html = NULL;
  size_t len;
  CHECK_INT(woo_review_html(&html, &len, doc, m), WOO_EINVAL);
  CHECK(html == NULL);
  CHECK_INT(woo_review_html(&html, &len, doc, NULL), WOO_EINVAL);
  woo_marks_free(m);
  /* No marks: a page all the same, with an empty legend. */
  woo_marks_new(&m);
  CHECK_INT(woo_review_html(&html, &len, doc, m), 0);
  CHECK(html && !strstr(html, "<mark") && strstr(html, "&lt;script&gt;"));
  woo_free(html);
  woo_marks_free(m);
  woo_doc_free(doc);
}

int main(void) {
  RUN(review_structure);
  RUN(review_errors);
  TEST_END();
}
