/* The ground registry: lookup, woo_ground_find over every notation,
 * formatting in every style, style names. */
#include "lib/core/internal.h"
#include "lib/grounds/internal.h"
#include "test.h"

TEST(t_registry) {
  size_t n = woo_ground_count();
  CHECK(n >= 35);
  CHECK(woo_ground_at(n) == NULL);
  for (size_t i = 0; i < n; i++) {
    const woo_ground *g = woo_ground_at(i);
    CHECK(g && g->code && g->title && g->article);
    /* Every entry is found again by its canonical code. */
    CHECK(woo__ground_lookup(g->code) == g);
    CHECK(woo_ground_find(g->code) == g);
    /* Equivalents point at existing entries of the other law. */
    if (g->law == WOO_LAW_WOB && g->woo_code) {
      const woo_ground *o = woo__ground_lookup(g->woo_code);
      CHECK(o && o->law == WOO_LAW_WOO);
    }
    if (g->law == WOO_LAW_WOO && g->wob_code) {
      const woo_ground *o = woo__ground_lookup(g->wob_code);
      CHECK(o && o->law == WOO_LAW_WOB);
    }
    if (g->kind == WOO_GROUND_STATUS)
      CHECK(g->law == WOO_LAW_NONE);
  }
  const woo_ground *e = woo__ground_lookup("5.1.2.e");
  CHECK(e && e->kind == WOO_GROUND_RELATIVE && e->law == WOO_LAW_WOO);
  CHECK_STR(e->wob_code, "10.2.e");
  CHECK_STR(e->article, "art. 5.1 lid 2 sub e Woo");
  const woo_ground *s = woo__ground_lookup("4.1.4");
  CHECK(s && s->kind == WOO_GROUND_SCOPE);
  CHECK(woo__ground_lookup("5.1.1.a")->kind == WOO_GROUND_ABSOLUTE);
  CHECK_STR(woo__ground_lookup("11.1")->woo_code, "5.2.1");
  CHECK_STR(woo__ground_lookup("10.2.g")->woo_code, "5.1.5");
  CHECK(woo__ground_lookup("10.2.h") == NULL);
  CHECK(woo__ground_lookup("") == NULL);
  CHECK_STR(woo_law_name(WOO_LAW_WOB), "Wob");
  CHECK_STR(woo_law_name(WOO_LAW_NONE), "");
  CHECK_STR(woo_ground_kind_name(WOO_GROUND_SCOPE), "scope");
  CHECK_STR(woo_ground_kind_name((woo_ground_kind)7), "unknown");
}

TEST(t_find_notations) {
  struct {
    const char *in, *code;
  } ok[] = {
      {"5.1.2e", "5.1.2.e"},
      {"5.1.2,e", "5.1.2.e"},
      {"5.1,2,e", "5.1.2.e"},
      {"5.1 lid 2 sub e", "5.1.2.e"},
      {"art. 5.1 lid 2 sub e Woo", "5.1.2.e"},
      {"art. 10 lid 2 sub e Wob", "10.2.e"},
      {"Art. 10.2.e.", "10.2.e"},
      {"10.2e", "10.2.e"},
      {"10 2 e", "10.2.e"},
      {"10.2.9", "10.2.g"},
      {"(10)(2e)", "10.2.e"},
      {"(11)(1)", "11.1"},
      {"^{4.1.4}", "4.1.4"},
      {"11,1", "11.1"},
      {"  5.2.1 ", "5.2.1"},
      {"buiten verzoek", "buiten reikwijdte"},
      {"Buiten de reikwijdte", "buiten reikwijdte"},
      {"niet-openbaar", "niet openbaar"},
      {"Deels Openbaar", "deels openbaar"},
      {"dubbel", "dubbel"},
      {"artikel 10, tweede lid, aanhef en onder e, van de Wob", "10.2.e"},
      {"Art. 10 lid 2 e Wob", "10.2.e"},
      {"art. 10, lid 2, sub e Wob", "10.2.e"},
      {"artikel 10 lid 2 onder e Wob", "10.2.e"},
      {"art. 5.1 lid 2 onder e Woo", "5.1.2.e"},
      {"artikel 5.1, lid 2 e, Woo", "5.1.2.e"},
      {"art. 10 lid 2e Wob", "10.2.e"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    const woo_ground *g = woo_ground_find(ok[i].in);
    if (!g || strcmp(g->code, ok[i].code) != 0)
      fprintf(stderr, "woo_ground_find(\"%s\") = %s, expected %s\n", ok[i].in,
              g ? g->code : "NULL", ok[i].code);
    CHECK(g && strcmp(g->code, ok[i].code) == 0);
  }
  const char *bad[] = {"", "10.2.h", "5.1.2.e en 5.1.2.h", "4.1", "5,1",
                       "10.19", "dubbel zo groot", "versie 11.1", "x",
                       "ArcGIS Enterprise 11.1", "update 4.1.4",
                       "artikel 10 lid 2 e-mail", "art. 10 lid 2 e.v.",
                       "10 lid 2 e"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    woo_error_clear();
    const woo_ground *g = woo_ground_find(bad[i]);
    if (g)
      fprintf(stderr, "woo_ground_find(\"%s\") = %s, expected NULL\n", bad[i],
              g->code);
    CHECK(g == NULL);
    CHECK_INT(woo_error_last()->code, WOO_ENOTFOUND);
  }
  CHECK(woo_ground_find(NULL) == NULL);
  CHECK_INT(woo_error_last()->code, WOO_EINVAL);
}

TEST(t_format) {
  char buf[64];
  const woo_ground *e = woo__ground_lookup("5.1.2.e");
  CHECK_INT(woo_ground_format(buf, sizeof buf, e, WOO_STYLE_DOTTED), 7);
  CHECK_STR(buf, "5.1.2.e");
  woo_ground_format(buf, sizeof buf, e, WOO_STYLE_COMPACT);
  CHECK_STR(buf, "5.1.2e");
  woo_ground_format(buf, sizeof buf, e, WOO_STYLE_COMMA);
  CHECK_STR(buf, "5.1.2,e");
  woo_ground_format(buf, sizeof buf, e, WOO_STYLE_ARTICLE);
  CHECK_STR(buf, "art. 5.1 lid 2 sub e Woo");
  /* Codes without a letter keep their form. */
  const woo_ground *s = woo__ground_lookup("4.1.4");
  woo_ground_format(buf, sizeof buf, s, WOO_STYLE_COMPACT);
  CHECK_STR(buf, "4.1.4");
  woo_ground_format(buf, sizeof buf, woo__ground_lookup("11.1"), WOO_STYLE_COMMA);
  CHECK_STR(buf, "11.1");
  /* Status words print as themselves in every style. */
  woo_ground_format(buf, sizeof buf, woo__ground_lookup("dubbel"), WOO_STYLE_ARTICLE);
  CHECK_STR(buf, "dubbel");
  /* Truncation like snprintf. */
  char small[4];
  CHECK_INT(woo_ground_format(small, sizeof small, e, WOO_STYLE_ARTICLE), 24);
  CHECK_STR(small, "art");
  CHECK_INT(woo_ground_format(NULL, 0, e, WOO_STYLE_DOTTED), 7);
  CHECK_INT(woo_ground_format(buf, sizeof buf, NULL, WOO_STYLE_DOTTED), 0);
  CHECK_STR(buf, "");
  /* Every formatted code is read back as the same ground. */
  for (size_t i = 0; i < woo_ground_count(); i++) {
    const woo_ground *g = woo_ground_at(i);
    for (int st = 0; st < 4; st++) {
      woo_ground_format(buf, sizeof buf, g, (woo_style)st);
      const woo_ground *back = woo_ground_find(buf);
      if (back != g)
        fprintf(stderr, "round trip %s style %d: \"%s\" -> %s\n", g->code, st,
                buf, back ? back->code : "NULL");
      CHECK(back == g);
    }
  }
}

TEST(t_style_parse) {
  woo_style s = WOO_STYLE_ARTICLE;
  CHECK_INT(woo_style_parse(&s, "dotted"), 0);
  CHECK_INT(s, WOO_STYLE_DOTTED);
  CHECK_INT(woo_style_parse(&s, "5.1.2e"), 0);
  CHECK_INT(s, WOO_STYLE_COMPACT);
  CHECK_INT(woo_style_parse(&s, "comma"), 0);
  CHECK_INT(s, WOO_STYLE_COMMA);
  CHECK_INT(woo_style_parse(&s, "5.1.2,e"), 0);
  CHECK_INT(s, WOO_STYLE_COMMA);
  CHECK_INT(woo_style_parse(&s, "article"), 0);
  CHECK_INT(s, WOO_STYLE_ARTICLE);
  CHECK_INT(woo_style_parse(&s, "fancy"), WOO_EINVAL);
  CHECK(strstr(woo_error_last()->message, "fancy") != NULL);
  CHECK_INT(woo_style_parse(NULL, "dotted"), WOO_EINVAL);
  CHECK_INT(woo_style_parse(&s, NULL), WOO_EINVAL);
  CHECK_STR(woo_style_name(WOO_STYLE_COMPACT), "compact");
  CHECK_STR(woo_style_name((woo_style)9), "dotted");
}

int main(void) {
  RUN(t_registry);
  RUN(t_find_notations);
  RUN(t_format);
  RUN(t_style_parse);
  TEST_END();
}
