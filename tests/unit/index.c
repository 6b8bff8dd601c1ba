/* The index: rows of the corpus against corpus/index-gold.csv, CSV round
 * trips, DiWoo XML against the rules of the DiWoo 0.9.8 schema, dates,
 * and reading fictional published inventories.
 *
 *   unit_index --update   rewrites corpus/index-gold.csv for review */
#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"
#include "test.h"
#include "woo.h"

static char *slurp(const char *path, size_t *len) {
  char *d = NULL;
  if (woo__file_read(path, 64u << 20, &d, len))
    return NULL;
  return d;
}

/* Marks from a gold file ({{entity:text}} or {{entity ground:text}}),
 * with grounds from the default policy, for the document text. */
static woo_marks *gold_marks(const char *src, size_t len,
                             const woo_policy *pol) {
  woo_marks *m = NULL;
  if (woo_marks_new(&m))
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    if (i + 1 < len && src[i] == '{' && src[i + 1] == '{') {
      const char *colon = memchr(src + i + 2, ':', len - i - 2);
      const char *close = colon ? strstr(colon, "}}") : NULL;
      if (!colon || !close)
        break;
      char head[48];
      snprintf(head, sizeof head, "%.*s", (int)(colon - src - i - 2),
               src + i + 2);
      char *sp = strchr(head, ' ');
      if (sp)
        *sp++ = '\0';
      woo_entity e = WOO_ENTITY_OTHER;
      woo_entity_parse(&e, head);
      woo_mark mk = {0};
      mk.ground = sp ? woo_ground_find(sp) : woo_policy_entity_ground(pol, e);
      mk.entity = e;
      mk.source = "gold";
      mk.confidence = 1;
      mk.status = WOO_MARK_ACCEPTED;
      size_t tl = (size_t)(close - colon - 1);
      mk.start = o;
      mk.end = o + tl;
      o += tl;
      if (mk.ground)
        woo_marks_add(m, &mk);
      i = (size_t)(close - src) + 2;
    } else {
      o++;
      i++;
    }
  }
  return m;
}

/* The documents of the corpus, in path order: each case's input.* and
 * the published text of the round-trip case. */
static int names_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t corpus_docs(char ***out) {
  char root[1024];
  snprintf(root, sizeof root, "%s/corpus", WOO_SOURCE_ROOT);
  DIR *d = opendir(root);
  char **v = NULL;
  size_t n = 0;
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    static const char *const files[] = {"input.txt", "published.txt"};
    for (size_t k = 0; k < 2; k++) {
      char p[1400];
      snprintf(p, sizeof p, "corpus/%s/%s", e->d_name, files[k]);
      char full[2600];
      snprintf(full, sizeof full, "%s/%s", WOO_SOURCE_ROOT, p);
      FILE *f = fopen(full, "rb");
      if (!f)
        continue;
      fclose(f);
      v = realloc(v, (n + 1) * sizeof *v);
      v[n++] = strdup(p);
    }
  }
  if (d)
    closedir(d);
  qsort(v, n, sizeof *v, names_cmp);
  *out = v;
  return n;
}

/* The row of one corpus document (path relative to the source root),
 * made the way `woo index` makes it: an input with gold annotations is
 * indexed with them as its reviewed marks, passed through the marks/1
 * JSON that `woo index --marks DIR` reads; a case with its own policy
 * is scanned with it (`woo index --policy corpus/<case>/policy.yaml`);
 * anything else goes through `idx`, which scans with the default policy
 * what carries no codes. */
static woo_index_row *corpus_row(woo_index *idx, const woo_policy *pol,
                                 const char *rel) {
  char full[2600];
  snprintf(full, sizeof full, "%s/%s", WOO_SOURCE_ROOT, rel);
  woo_doc *doc = NULL;
  if (woo_doc_open(&doc, full, NULL))
    return NULL;
  woo_marks *marks = NULL;
  char dir[2600];
  snprintf(dir, sizeof dir, "%s", full);
  *strrchr(dir, '/') = '\0';
  if (strstr(rel, "/input.txt")) {
    char gp[2700];
    snprintf(gp, sizeof gp, "%s/gold.txt", dir);
    size_t gl;
    char *g = slurp(gp, &gl);
    woo_marks *gm = g ? gold_marks(g, gl, pol) : NULL;
    char *json = NULL;
    if (gm && woo_marks_to_json(&json, gm, doc, 0) == 0) {
      CHECK(woo_marks_from_json(&marks, json, strlen(json), gp, doc) == 0);
      CHECK(woo_marks_count(marks) == woo_marks_count(gm));
    }
    woo_free(json);
    woo_marks_free(gm);
    free(g);
  }
  woo_index *use = idx, *own = NULL;
  woo_policy *case_pol = NULL;
  woo_scanner *case_scanner = NULL;
  char pp[2700];
  snprintf(pp, sizeof pp, "%s/policy.yaml", dir);
  FILE *pf = marks ? NULL : fopen(pp, "rb");
  if (pf) {
    fclose(pf);
    CHECK(woo_policy_load(&case_pol, pp) == 0);
    CHECK(woo_scanner_new(&case_scanner, case_pol) == 0);
    woo_index_options o = WOO_INDEX_OPTIONS_INIT;
    o.base_dir = WOO_SOURCE_ROOT;
    o.scanner = case_scanner;
    CHECK(woo_index_new(&own, &o) == 0);
    use = own;
  }
  woo_index_row *row = NULL;
  if (use)
    woo_index_add(use, doc, marks, &row);
  woo_index_free(own);
  woo_scanner_free(case_scanner);
  woo_policy_free(case_pol);
  woo_marks_free(marks);
  woo_doc_free(doc);
  return row;
}

static bool update_gold;

TEST(t_corpus_gold) {
  woo_policy *pol = NULL;
  CHECK(woo_policy_default(&pol) == 0);
  woo_scanner *scanner = NULL;
  CHECK(woo_scanner_new(&scanner, pol) == 0);
  woo_index_options o = WOO_INDEX_OPTIONS_INIT;
  char base[1100];
  snprintf(base, sizeof base, "%s", WOO_SOURCE_ROOT);
  o.base_dir = base;
  o.scanner = scanner;
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, &o) == 0);
  char **docs = NULL;
  size_t n = corpus_docs(&docs);
  CHECK(n >= 50);
  char gold_path[1200];
  snprintf(gold_path, sizeof gold_path, "%s/corpus/index-gold.csv",
           WOO_SOURCE_ROOT);
  if (update_gold) {
    woo__buf b = WOO__BUF_INIT;
    woo__buf_puts(&b, "path,datum,titel,documentsoort,beoordeling,gronden\n");
    for (size_t i = 0; i < n; i++) {
      woo_index_row *r = corpus_row(idx, pol, docs[i]);
      CHECK(r != NULL);
      if (!r)
        continue;
      const char *f[] = {docs[i], r->datum, r->titel, r->documentsoort,
                         woo_beoordeling_name(r->beoordeling), r->gronden};
      for (size_t k = 0; k < 6; k++) {
        if (k)
          woo__buf_putc(&b, ',');
        woo__buf_putc(&b, '"');
        for (const char *p = f[k]; *p; p++)
          *p == '"' ? woo__buf_puts(&b, "\"\"") : woo__buf_putc(&b, *p);
        woo__buf_putc(&b, '"');
      }
      woo__buf_putc(&b, '\n');
      woo_index_row_free(r);
    }
    CHECK(woo_write_file(gold_path, b.data, b.len, 1) == 0);
    woo__buf_free(&b);
  } else {
    size_t gl = 0;
    char *g = slurp(gold_path, &gl);
    CHECK(g != NULL);
    woo__csv c;
    woo__csv_init(&c, g ? g : "", g ? gl : 0);
    char **f = NULL;
    size_t nf = 0;
    CHECK(woo__csv_record(&c, &f, &nf) == 1); /* header */
    woo__csv_free_record(f, nf);
    size_t seen = 0;
    while (woo__csv_record(&c, &f, &nf) == 1) {
      if (nf != 6) {
        woo__csv_free_record(f, nf);
        continue;
      }
      seen++;
      woo_index_row *r = corpus_row(idx, pol, f[0]);
      CHECK(r != NULL);
      if (r) {
        if (strcmp(r->datum, f[1]) || strcmp(r->titel, f[2]) ||
            strcmp(r->documentsoort, f[3]) ||
            strcmp(woo_beoordeling_name(r->beoordeling), f[4]) ||
            strcmp(r->gronden, f[5]))
          fprintf(stderr, "  %s differs from the gold row\n", f[0]);
        CHECK_STR(r->datum, f[1]);
        CHECK_STR(r->titel, f[2]);
        CHECK_STR(r->documentsoort, f[3]);
        CHECK_STR(woo_beoordeling_name(r->beoordeling), f[4]);
        CHECK_STR(r->gronden, f[5]);
      }
      woo_index_row_free(r);
      woo__csv_free_record(f, nf);
    }
    CHECK_INT(seen, n);
    free(g);
  }
  for (size_t i = 0; i < n; i++)
    free(docs[i]);
  free(docs);
  woo_index_free(idx);
  woo_scanner_free(scanner);
  woo_policy_free(pol);
}

/* Rows with awkward text, built by hand. */
static woo_index_row *made_row(const char *doc, const char *datum,
                               const char *titel, const char *soort,
                               woo_beoordeling b, const char *gronden,
                               size_t pages, const char *opm) {
  woo_index_row *r = woo__row_new();
  woo__row_set(&r->document, doc, WOO_UNSET);
  woo__row_set(&r->datum, datum, WOO_UNSET);
  woo__row_set(&r->titel, titel, WOO_UNSET);
  woo__row_set(&r->documentsoort, soort, WOO_UNSET);
  woo__row_set(&r->opmerkingen, opm, WOO_UNSET);
  woo__row_set(&r->format, "pdf", WOO_UNSET);
  woo__row_grounds_from_text(r, gronden, strlen(gronden));
  r->beoordeling = b;
  r->paginas = pages;
  return r;
}

static size_t made_rows(woo_index_row **v) {
  v[0] = made_row("stukken/01 mail.eml", "2021-03-02",
                  "RE: \"Offerte\", fase 1; akkoord?", "e-mail",
                  WOO_BEOORDELING_DEELS, "5.1.2.e, 5.1.1.c", 2, "");
  v[1] = made_row("stukken/02 nota.pdf", "2022-11-14",
                  "Nota: wachtlijsten\nbijlage <A> & B", "nota",
                  WOO_BEOORDELING_NIET, "5.2.1", 7, "zie ook nr. 3");
  v[2] = made_row("stukken/03 brief.pdf", "", "  Brief  aan   de raad ",
                  "brief", WOO_BEOORDELING_OPENBAAR, "", 1, "");
  v[3] = made_row("stukken/04 besluit.pdf", "2023-05-01", "Besluit", "besluit",
                  WOO_BEOORDELING_REEDS, "", 3, "https://example.org/a;b");
  return 4;
}

static void roundtrip(unsigned flags) {
  woo_index_options o = WOO_INDEX_OPTIONS_INIT;
  o.csv_flags = flags;
  o.start_nr = 7;
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, &o) == 0);
  woo_index_row *rows[4];
  size_t n = made_rows(rows);
  char *csv = NULL;
  size_t len = 0;
  CHECK(woo_index_write(&csv, &len, idx, WOO_INDEX_CSV, rows, n) == 0);
  CHECK(csv != NULL);
  if (flags & WOO_INDEX_CSV_BOM)
    CHECK(memcmp(csv, "\xEF\xBB\xBF", 3) == 0);
  CHECK(strstr(csv, "\r\n") != NULL);
  CHECK(strstr(csv, flags & WOO_INDEX_CSV_SEMICOLON ? "nr;document;datum"
                                                    : "nr,document,datum"));
  woo_index_list *l = NULL;
  CHECK(woo_index_parse(&l, csv, len, "roundtrip.csv") == 0);
  CHECK_INT(woo_index_list_count(l), n);
  for (size_t i = 0; l && i < n && i < woo_index_list_count(l); i++) {
    const woo_index_row *a = rows[i], *b = woo_index_list_at(l, i);
    CHECK_INT(b->nr, 7 + i);
    CHECK_INT(a->nr, 7 + i);
    CHECK_STR(b->document, a->document);
    CHECK_STR(b->datum, a->datum);
    CHECK_STR(b->titel, a->titel);
    CHECK_STR(b->documentsoort, a->documentsoort);
    CHECK_INT(b->beoordeling, a->beoordeling);
    CHECK_STR(b->gronden, a->gronden);
    CHECK_INT(b->paginas, a->paginas);
    CHECK_STR(b->opmerkingen, a->opmerkingen);
  }
  woo_index_list_free(l);
  free(csv);
  for (size_t i = 0; i < n; i++)
    woo_index_row_free(rows[i]);
  woo_index_free(idx);
}

TEST(t_csv_roundtrip) {
  roundtrip(0);
  roundtrip(WOO_INDEX_CSV_SEMICOLON | WOO_INDEX_CSV_BOM);
}

TEST(t_formats) {
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, NULL) == 0);
  woo_index_row *rows[4];
  size_t n = made_rows(rows);
  char *s = NULL;
  size_t len;
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_JSON, rows, n) == 0);
  CHECK(s && strstr(s, "\"woo\": \"index/1\""));
  CHECK(s && strstr(s, "\"gronden\":[\"5.1.1.c\",\"5.1.2.e\"]"));
  free(s);
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_MARKDOWN, rows, n) == 0);
  CHECK(s && strstr(s, "| Nr. |") && strstr(s, "bijlage &lt;A> & B"));
  free(s);
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_HTML, rows, n) == 0);
  CHECK(s && strstr(s, "<!DOCTYPE html>") && strstr(s, "&lt;A&gt; &amp; B"));
  CHECK(s && !strstr(s, "<script") && !strstr(s, "http://") &&
        !strstr(s, "<link"));
  free(s);
  /* DiWoo needs a publisher. */
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_DIWOO, rows, n) ==
        WOO_EINVAL);
  for (size_t i = 0; i < n; i++)
    woo_index_row_free(rows[i]);
  woo_index_free(idx);
  woo_beoordeling b;
  CHECK(woo_beoordeling_parse(&b, "Deels Openbaar") == 0 &&
        b == WOO_BEOORDELING_DEELS);
  CHECK(woo_beoordeling_parse(&b, "Niet-openbaar") == 0 &&
        b == WOO_BEOORDELING_NIET);
  CHECK(woo_beoordeling_parse(&b, "buiten verzoek") == 0 &&
        b == WOO_BEOORDELING_BUITEN);
  CHECK(woo_beoordeling_parse(&b, "Persoonsgegevens") == WOO_EINVAL);
}

/* ---- DiWoo ----------------------------------------------------------- */

#define NS "https://standaarden.overheid.nl/diwoo/metadata/"

static xmlXPathObjectPtr xp(xmlXPathContextPtr c, xmlNodePtr at,
                            const char *expr) {
  c->node = at;
  return xmlXPathEvalExpression((const xmlChar *)expr, c);
}

static size_t count(xmlXPathContextPtr c, xmlNodePtr at, const char *expr) {
  xmlXPathObjectPtr o = xp(c, at, expr);
  size_t n = o && o->nodesetval ? (size_t)o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  return n;
}

static char *value(xmlXPathContextPtr c, xmlNodePtr at, const char *expr) {
  xmlXPathObjectPtr o = xp(c, at, expr);
  char *s = NULL;
  if (o && o->nodesetval && o->nodesetval->nodeNr > 0) {
    xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
    s = strdup((const char *)v);
    xmlFree(v);
  }
  xmlXPathFreeObject(o);
  return s;
}

/* The value lists of the schema, the parts our output may use. */
static bool in_list(const char *uri, const char *const *list) {
  for (size_t i = 0; uri && list[i]; i++)
    if (strcmp(uri, list[i]) == 0)
      return true;
  return false;
}

#define KERN "https://identifier.overheid.nl/tooi/def/thes/kern/"
static const char *const CATEGORIE_LIST[] = {KERN "c_3baef532",
                                             KERN "c_99a836c7",
                                             KERN "c_fdaee95e", NULL};
static const char *const HANDELING_LIST[] = {
    KERN "c_641ecd76", KERN "c_dfcee535", KERN "c_e1ec050e", NULL};
static const char *const SOORT_LIST[] = {
    KERN "c_7652d853", KERN "c_465163c9", KERN "c_42e406dd",
    KERN "c_9376c730", KERN "c_3300f29a", KERN "c_f90465b3", NULL};
static const char *const LANG_LIST[] = {
    "http://publications.europa.eu/resource/authority/language/NLD", NULL};
static const char *const FORMAT_LIST[] = {
    "http://publications.europa.eu/resource/authority/file-type/PDF",
    "http://publications.europa.eu/resource/authority/file-type/TXT",
    "http://publications.europa.eu/resource/authority/file-type/DOCX", NULL};

/* Children DiWooType allows (an xs:all: each at most once). */
static const char *const DIWOO_CHILDREN[] = {
    "identifiers", "publisher", "verantwoordelijke", "medeverantwoordelijken",
    "opsteller", "naamOpsteller", "titelcollectie", "omschrijvingen",
    "classificatiecollectie", "creatiedatum", "geldigheid", "language",
    "format", "aggregatiekenmerk", "isPartOf", "hasParts",
    "documenthandelingen", "documentrelaties", "redenVerwijderingVervanging",
    NULL};

static bool is_date(const char *s) {
  return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}
static bool is_datetime(const char *s) {
  return s && strlen(s) >= 19 && is_date((char[11]){s[0], s[1], s[2], s[3],
                                                    s[4], s[5], s[6], s[7],
                                                    s[8], s[9], 0}) &&
         s[10] == 'T' && s[13] == ':' && s[16] == ':';
}

static void check_diwoo(const char *xml, size_t len, size_t rows) {
  xmlDocPtr d = xmlReadMemory(xml, (int)len, "diwoo.xml", "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR);
  CHECK(d != NULL); /* well-formed */
  if (!d)
    return;
  xmlXPathContextPtr c = xmlXPathNewContext(d);
  xmlXPathRegisterNs(c, (const xmlChar *)"diwoo", (const xmlChar *)NS);
  xmlXPathObjectPtr docs = xp(c, xmlDocGetRootElement(d), "//diwoo:Document");
  size_t n = docs && docs->nodesetval ? (size_t)docs->nodesetval->nodeNr : 0;
  CHECK_INT(n, rows);
  for (size_t i = 0; i < n; i++) {
    xmlNodePtr doc = docs->nodesetval->nodeTab[i];
    CHECK_INT(count(c, doc, "diwoo:DiWoo"), 1);
    xmlXPathObjectPtr dw = xp(c, doc, "diwoo:DiWoo");
    if (!dw || !dw->nodesetval || dw->nodesetval->nodeNr != 1) {
      xmlXPathFreeObject(dw);
      continue;
    }
    xmlNodePtr w = dw->nodesetval->nodeTab[0];
    /* Every child is a DiWoo element the schema knows, at most once. */
    for (xmlNodePtr k = w->children; k; k = k->next) {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      CHECK(k->ns && strcmp((const char *)k->ns->href, NS) == 0);
      bool known = false;
      for (size_t j = 0; DIWOO_CHILDREN[j]; j++)
        known |= strcmp((const char *)k->name, DIWOO_CHILDREN[j]) == 0;
      CHECK(known);
      char q[128];
      snprintf(q, sizeof q, "diwoo:%s", (const char *)k->name);
      CHECK_INT(count(c, w, q), 1);
    }
    /* Required: publisher, titelcollectie/officieleTitel,
     * classificatiecollectie/informatiecategorieen/informatiecategorie,
     * documenthandelingen/documenthandeling/(soortHandeling, atTime). */
    char *pub = value(c, w, "diwoo:publisher/@resource");
    CHECK(pub && strncmp(pub, "https://identifier.overheid.nl/tooi/id/", 39) == 0);
    free(pub);
    char *title = value(c, w, "diwoo:titelcollectie/diwoo:officieleTitel");
    CHECK(title && *title);
    free(title);
    char *cat = value(c, w,
                      "diwoo:classificatiecollectie/diwoo:informatiecategorieen"
                      "/diwoo:informatiecategorie/@resource");
    CHECK(in_list(cat, CATEGORIE_LIST));
    free(cat);
    CHECK_INT(count(c, w, "diwoo:documenthandelingen/diwoo:documenthandeling"),
              1);
    char *sh = value(c, w,
                     "diwoo:documenthandelingen/diwoo:documenthandeling/"
                     "diwoo:soortHandeling/@resource");
    CHECK(in_list(sh, HANDELING_LIST));
    free(sh);
    char *at = value(c, w,
                     "diwoo:documenthandelingen/diwoo:documenthandeling/"
                     "diwoo:atTime");
    CHECK(is_datetime(at));
    free(at);
    /* Optional ones, when present, take their values from the lists. */
    if (count(c, w, "diwoo:creatiedatum")) {
      char *cd = value(c, w, "diwoo:creatiedatum");
      CHECK(is_date(cd));
      free(cd);
    }
    char *lang = value(c, w, "diwoo:language/@resource");
    CHECK(in_list(lang, LANG_LIST));
    free(lang);
    if (count(c, w, "diwoo:format")) {
      char *f = value(c, w, "diwoo:format/@resource");
      CHECK(in_list(f, FORMAT_LIST));
      free(f);
    }
    if (count(c, w, "diwoo:classificatiecollectie/diwoo:documentsoorten")) {
      char *s = value(c, w,
                      "diwoo:classificatiecollectie/diwoo:documentsoorten/"
                      "diwoo:documentsoort/@resource");
      CHECK(in_list(s, SOORT_LIST));
      free(s);
    }
    if (count(c, w, "diwoo:identifiers"))
      CHECK(count(c, w, "diwoo:identifiers/diwoo:identifier") >= 1);
    xmlXPathFreeObject(dw);
  }
  xmlXPathFreeObject(docs);
  xmlXPathFreeContext(c);
  xmlFreeDoc(d);
}

TEST(t_diwoo) {
  woo_index_options o = WOO_INDEX_OPTIONS_INIT;
  o.publisher_uri = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363";
  o.publisher_name = "gemeente Amsterdam";
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, &o) == 0);
  woo_index_row *rows[4];
  size_t n = made_rows(rows);
  woo__row_set(&rows[1]->identifier, "WOO-2022-0087", WOO_UNSET);
  char *s = NULL;
  size_t len;
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_DIWOO, rows, n) == 0);
  if (s)
    check_diwoo(s, len, n);
  CHECK(s && strstr(s, "Woo-verzoeken en -besluiten"));
  free(s);
  for (size_t i = 0; i < n; i++)
    woo_index_row_free(rows[i]);
  woo_index_free(idx);
  /* Values outside the lists are refused. */
  o.publisher_uri = "https://example.org/gemeente";
  CHECK(woo_index_new(&idx, &o) == WOO_EINVAL);
  o.publisher_uri = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034";
  o.handeling = "goedkeuring";
  CHECK(woo_index_new(&idx, &o) == WOO_EINVAL);
  o.handeling = "ontvangst";
  o.informatiecategorie_uri = KERN "c_00000000";
  CHECK(woo_index_new(&idx, &o) == WOO_EINVAL);
  o.informatiecategorie_uri = KERN "c_fdaee95e";
  CHECK(woo_index_new(&idx, &o) == 0);
  woo_index_free(idx);
}

/* The whole corpus as DiWoo: every document's metadata is valid. */
TEST(t_diwoo_corpus) {
  woo_policy *pol = NULL;
  CHECK(woo_policy_default(&pol) == 0);
  woo_index_options o = WOO_INDEX_OPTIONS_INIT;
  o.publisher_uri = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363";
  o.publisher_name = "gemeente Amsterdam";
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, &o) == 0);
  char **docs = NULL;
  size_t n = corpus_docs(&docs);
  woo_index_row **rows = calloc(n, sizeof *rows);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if ((rows[k] = corpus_row(idx, pol, docs[i])))
      k++;
  char *s = NULL;
  size_t len;
  CHECK(woo_index_write(&s, &len, idx, WOO_INDEX_DIWOO, rows, k) == 0);
  if (s)
    check_diwoo(s, len, k);
  free(s);
  for (size_t i = 0; i < k; i++)
    woo_index_row_free(rows[i]);
  for (size_t i = 0; i < n; i++)
    free(docs[i]);
  free(rows);
  free(docs);
  woo_index_free(idx);
  woo_policy_free(pol);
}

TEST(t_dates) {
  static const struct {
    const char *in, *iso;
  } cases[] = {
      {"13 januari 2020", "2020-01-13"},
      {"30\xE2\x80\x90" "11\xE2\x80\x90" "2018", "2018-11-30"},
      {"7-mrt-13", "2013-03-07"},
      {"15 jan. 2015", "2015-01-15"},
      {"2020-01-13T10:00:00", "2020-01-13"},
      {"donderdag 15 oktober 2020 16:42", "2020-10-15"},
      {"Tuesday, 2 March 2021 09:14", "2021-03-02"},
      {"September 29, 2022 7:48 PM", "2022-09-29"},
      {"9/3/2021", "2021-03-09"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char iso[11] = "";
    size_t used = 0;
    CHECK(woo__date_parse(cases[i].in, strlen(cases[i].in), iso, &used));
    CHECK_STR(iso, cases[i].iso);
  }
  char iso[11];
  size_t at;
  CHECK(!woo__date_find("artikel 10.2.e en 5.1.2", 23, iso, &at));
  CHECK(!woo__date_find("31-02-2020", 10, iso, &at));
  CHECK(woo__date_find("Oosterzande, 24 november 2022", 29, iso, &at));
  CHECK_STR(iso, "2022-11-24");
}

/* Fictional inventories in the shapes published ones take. */
TEST(t_read_text) {
  static const struct {
    const char *file;
    size_t rows;
    size_t nr3_grounds; /* grounds of row nr 3 */
    woo_beoordeling nr3;
  } cases[] = {
      {"top.txt", 6, 2, WOO_BEOORDELING_DEELS},
      {"bottom.txt", 5, 2, WOO_BEOORDELING_DEELS},
      {"inventaris.csv", 4, 2, WOO_BEOORDELING_DEELS},
      /* cells centred vertically, the title left of its header, an
       * assessment split over two lines or joined to the title */
      {"centred.txt", 6, 2, WOO_BEOORDELING_DEELS},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char p[1200];
    snprintf(p, sizeof p, "%s/tests/data/index/%s", WOO_SOURCE_ROOT,
             cases[i].file);
    woo_index_list *l = NULL;
    int rc = woo_index_read(&l, p);
    CHECK_INT(rc, 0);
    if (rc) {
      fprintf(stderr, "  %s: %s\n", cases[i].file, woo_error_last()->message);
      continue;
    }
    if (woo_index_list_count(l) != cases[i].rows)
      fprintf(stderr, "  %s: %zu rows\n", cases[i].file,
              woo_index_list_count(l));
    CHECK_INT(woo_index_list_count(l), cases[i].rows);
    const woo_index_row *r = woo_index_list_find(l, 3);
    CHECK(r != NULL);
    if (r) {
      CHECK_INT(r->ground_count, cases[i].nr3_grounds);
      CHECK_INT(r->beoordeling, cases[i].nr3);
      CHECK(*r->datum && *r->titel);
    }
    for (size_t k = 0; k < woo_index_list_count(l); k++) {
      const woo_index_row *x = woo_index_list_at(l, k);
      if (x->beoordeling == WOO_BEOORDELING_UNKNOWN)
        fprintf(stderr, "  %s: line %zu has no beoordeling\n", cases[i].file,
                x->line);
      CHECK(x->beoordeling != WOO_BEOORDELING_UNKNOWN);
    }
    woo_index_list_free(l);
  }
  woo_index_list *l = NULL;
  CHECK(woo_index_parse(&l, "geen inventaris\nalleen tekst\n", 29, "x.txt") ==
        WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "x.txt") != NULL);
}

TEST(t_overrides) {
  char p[1200];
  snprintf(p, sizeof p, "%s/tests/data/index/overrides.csv", WOO_SOURCE_ROOT);
  woo_index_options o = WOO_INDEX_OPTIONS_INIT;
  o.overrides_path = p;
  woo_index *idx = NULL;
  CHECK(woo_index_new(&idx, &o) == 0);
  woo_doc *doc = NULL;
  const char *text = "Van: a@b.nl\nAan: c@d.nl\nOnderwerp: Test\n\nTekst.\n";
  CHECK(woo_doc_from_memory(&doc, text, strlen(text), "map/mail.txt", NULL) ==
        0);
  woo_index_row *r = NULL;
  CHECK(woo_index_add(idx, doc, NULL, &r) == 0);
  if (r) {
    CHECK_INT(r->nr, 12);
    CHECK_STR(r->titel, "Mail over de planning");
    CHECK_STR(r->documentsoort, "e-mail");
    CHECK_INT(r->beoordeling, WOO_BEOORDELING_REEDS);
    CHECK_STR(r->opmerkingen, "Zie de website");
  }
  woo_index_row_free(r);
  woo_doc_free(doc);
  woo_index_free(idx);
}

int main(int argc, char **argv) {
  update_gold = argc > 1 && strcmp(argv[1], "--update") == 0;
  RUN(t_dates);
  RUN(t_formats);
  RUN(t_csv_roundtrip);
  RUN(t_diwoo);
  RUN(t_overrides);
  RUN(t_read_text);
  RUN(t_corpus_gold);
  RUN(t_diwoo_corpus);
  TEST_END();
}
