/* The audit: each check on small made-up texts, the map and merge steps
 * against the plain audit, and the corpus batch (corpus/audit) against
 * its expected findings.
 *
 *   unit_audit [--update]   --update rewrites corpus/audit/expected.json
 *                           from the library's findings, for review */
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

#include "lib/audit/checks.h"
#include "test.h"
#include "woo.h"

#define AUDIT_DIR WOO_SOURCE_ROOT "/corpus/audit"

static woo_scanner *scanner;

static woo_doc *text_doc(const char *name, const char *text) {
  woo_doc *doc = NULL;
  woo_doc_options o = WOO_DOC_OPTIONS_INIT;
  o.force_format = WOO_FORMAT_TEXT;
  CHECK_INT(woo_doc_from_memory(&doc, text, strlen(text), name, &o), 0);
  return doc;
}

/* Audit texts given as name, text, name, text, …, NULL. */
static woo_audit *audit_texts(const woo_audit_options *opts, ...) {
  woo_audit_options def = WOO_AUDIT_OPTIONS_INIT;
  if (!opts) {
    def.scanner = scanner;
    opts = &def;
  }
  woo_audit *a = NULL;
  CHECK_INT(woo_audit_new(&a, opts), 0);
  va_list ap;
  va_start(ap, opts);
  const char *name;
  while ((name = va_arg(ap, const char *))) {
    const char *text = va_arg(ap, const char *);
    woo_doc *doc = text_doc(name, text);
    CHECK_INT(woo_audit_add(a, doc), 0);
    woo_doc_free(doc);
  }
  va_end(ap);
  CHECK_INT(woo_audit_finish(a), 0);
  return a;
}

static size_t count_type(const woo_audit *a, const char *type) {
  size_t n = 0;
  for (size_t i = 0; i < woo_audit_count(a); i++)
    n += strcmp(woo_audit_at(a, i)->type, type) == 0;
  return n;
}

static const woo_finding *find_type(const woo_audit *a, const char *type) {
  for (size_t i = 0; i < woo_audit_count(a); i++)
    if (strcmp(woo_audit_at(a, i)->type, type) == 0)
      return woo_audit_at(a, i);
  return NULL;
}

/* ---- pieces ------------------------------------------------------------ */

TEST(mask_keeps_shape_only) {
  woo__buf b = WOO__BUF_INIT;
  CHECK_INT(woo__audit_mask(&b, "Jan de Vries", 12), 0);
  CHECK_STR(b.data, "J** d* V****");
  b.len = 0;
  CHECK_INT(woo__audit_mask(&b, "06-12345678\n", 12), 0);
  CHECK_STR(b.data, "##-######## ");
  b.len = 0;
  CHECK_INT(woo__audit_mask(&b, "j.jansen@gemeente.nl", 20), 0);
  CHECK_STR(b.data, "j.j*****@g*******.n*");
  woo__buf_free(&b);
}

static void date_of(const char *text, const char *want) {
  woo_doc *doc = text_doc("d.txt", text);
  char got[11];
  woo__audit_date(got, doc);
  CHECK_STR(got, want);
  woo_doc_free(doc);
}

TEST(document_dates) {
  date_of("Brief\nDatum: 13 januari 2023\nOnderwerp: x\n", "2023-01-13");
  date_of("Sent: Monday, 8 May 2023 11:05\n", "2023-05-08");
  date_of("Verzonden: dinsdag 6 december 2022 10:12\n", "2022-12-06");
  date_of("datum vergadering: 09-03-2021\n", "2021-03-09");
  date_of("Datum rapport: 2024-02-15\n", "2024-02-15");
  /* No labelled line: the first date written out in the head. */
  date_of("Verslag van het overleg op 4 okt. 2021 in Zwolle.\n", "2021-10-04");
  /* Not dates. */
  date_of("Zaak 2020-04417, versie 11.1, 30 stuks.\n", "");
  date_of("Datum: 31 13 2020\n", "");
}

TEST(codes_unknown_damaged_mixed) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "a.txt",
      "Datum: 3 maart 2020\nOverleg met 5.1.2.e en 5.1.2.e over de 5.1.2k.\n"
      "De sleutel ligt bij 10.2.9 op de kamer. Ook 5.1.2e was erbij.\n",
      NULL);
  const woo_finding *f = find_type(a, "unknown-code");
  CHECK(f != NULL);
  CHECK_INT(count_type(a, "unknown-code"), 2); /* 5.1.2k and 10.2.9 */
  for (size_t i = 0; i < woo_audit_count(a); i++) {
    f = woo_audit_at(a, i);
    if (strcmp(f->type, "unknown-code") == 0 && f->severity == WOO_SEVERITY_LOW)
      CHECK_STR(f->ground, "10.2.g"); /* the repaired reading */
  }
  CHECK_INT(count_type(a, "mixed-notation"), 1);
  f = find_type(a, "mixed-notation");
  CHECK(f && f->start == 111 && f->end == 117);
  /* Dated before the Woo: a Wob code is fine. */
  CHECK_INT(count_type(a, "wob-code-after-woo"), 0);
  woo_audit_free(a);
}

TEST(comma_written_two_ways) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "a.txt",
      "Overleg met 5.1,2,e en 5.1,2,e over de planning met 5.1.2,e erbij.\n",
      "b.txt", "Overleg met 5.1.2,e en 5.1.2,e over de planning.\n", NULL);
  CHECK_INT(count_type(a, "mixed-notation"), 1);
  const woo_finding *f = find_type(a, "mixed-notation");
  CHECK(f && strcmp(f->document, "a.txt") == 0 && f->start == 52);
  woo_audit_free(a);
}

TEST(wob_codes_after_may_2022) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "na.txt", "Datum: 2 mei 2022\nGesproken met 10.2.e en 10.2.e.\n",
      "voor.txt", "Datum: 29 april 2022\nGesproken met 10.2.e.\n",
      "woo.txt", "Datum: 2 mei 2022\nGesproken met 5.1.2.e.\n", NULL);
  CHECK_INT(count_type(a, "wob-code-after-woo"), 1);
  const woo_finding *f = find_type(a, "wob-code-after-woo");
  CHECK(f && strcmp(f->document, "na.txt") == 0 && f->start == 32);
  woo_audit_free(a);
}

TEST(residual_severity_and_codes_excluded) {
  woo_audit *a = audit_texts(
      NULL, "r.txt",
      "Datum: 1 juni 2023\n\nHet BSN van de aanvrager is 111222333 en hij "
      "woont op 5.1.2.e. Bel hem op 06-12345678.\n",
      NULL);
  bool bsn = false, phone = false;
  for (size_t i = 0; i < woo_audit_count(a); i++) {
    const woo_finding *f = woo_audit_at(a, i);
    if (strcmp(f->type, "residual-personal-data") != 0)
      continue;
    CHECK(f->entity != NULL);
    CHECK(f->confidence > 0 && f->confidence <= 1);
    /* The message shows the shape, never the number itself. */
    CHECK(strstr(f->message, "111222333") == NULL);
    CHECK(strstr(f->message, "12345678") == NULL);
    if (f->entity && strcmp(f->entity, "bsn") == 0) {
      bsn = true;
      CHECK_INT(f->severity, WOO_SEVERITY_HIGH);
    }
    if (f->entity && strcmp(f->entity, "phone") == 0) {
      phone = true;
      CHECK_INT(f->severity, WOO_SEVERITY_MEDIUM);
    }
  }
  CHECK(bsn);
  CHECK(phone);
  woo_audit_free(a);
}

TEST(context_leak_across_documents) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "a.txt", "Na het overleg met 5.1.2.e van de GGD over de aanpak.\n",
      "b.txt", "Na het overleg met Jan Jansen van de GGD over de aanpak.\n",
      "c.txt", "Na het overleg met de directeur van de GGD over de aanpak.\n",
      NULL);
  CHECK_INT(count_type(a, "context-leak"), 1);
  const woo_finding *f = find_type(a, "context-leak");
  CHECK(f && strcmp(f->document, "b.txt") == 0);
  CHECK(f && f->start == 19 && f->end == 29);
  CHECK(f && f->other_document && strcmp(f->other_document, "a.txt") == 0);
  CHECK(f && f->other_start == 19);
  CHECK(f && f->severity == WOO_SEVERITY_HIGH);
  woo_audit_free(a);
}

TEST(inconsistent_within_document) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "a.txt",
      "Het rapport is opgesteld door 5.1.2.e van de afdeling.\n\n"
      "Later bleek dat het rapport is opgesteld door Piet Post van de "
      "afdeling.\n",
      NULL);
  CHECK_INT(count_type(a, "inconsistent-redaction"), 1);
  const woo_finding *f = find_type(a, "inconsistent-redaction");
  CHECK(f && f->start == 102 && f->other_start == 30);
  CHECK_INT(count_type(a, "context-leak"), 0);
  woo_audit_free(a);
}

TEST(same_context_other_ground) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  woo_audit *a = audit_texts(
      &o, "a.txt", "De gegevens staan in 5.1.2.h en worden dagelijks bijgewerkt.\n",
      "b.txt", "De gegevens staan in 5.1.2.i en worden dagelijks bijgewerkt.\n",
      "c.txt", "De gegevens staan in 5.1.2.h en worden dagelijks bijgewerkt.\n",
      "d.txt", "De gegevens staan in 10.2.i en worden dagelijks bijgewerkt.\n",
      NULL);
  /* b differs; c agrees with a; d is a's ground in Wob notation... which
   * is 10.2.d's territory: 10.2.i is not a ground at all, so d's code is
   * unknown and takes part with no ground. */
  size_t n = 0;
  for (size_t i = 0; i < woo_audit_count(a); i++) {
    const woo_finding *f = woo_audit_at(a, i);
    if (strcmp(f->type, "inconsistent-redaction") == 0 &&
        strcmp(f->document, "b.txt") == 0) {
      n++;
      CHECK_STR(f->ground, "5.1.2.i");
      CHECK_STR(f->other_document, "a.txt");
    }
    CHECK(strcmp(f->document, "c.txt") != 0);
  }
  CHECK_INT(n, 1);
  woo_audit_free(a);
}

TEST(name_beside_withheld_address) {
  woo_audit *a = audit_texts(
      NULL, "m.txt",
      "Van: 5.1.2.e <k.smit@lindewaard.nl>\nAan: woo@lindewaard.nl\n"
      "Onderwerp: verzoek\n\nDe stukken volgen.\n",
      NULL);
  const woo_finding *f = find_type(a, "inconsistent-redaction");
  CHECK(f != NULL);
  CHECK(f && f->start == 14 && f->other_start == 5);
  CHECK(f && f->entity && strcmp(f->entity, "email") == 0);
  woo_audit_free(a);
}

TEST(metadata_names) {
  static const char html[] =
      "<html><head><meta name=\"author\" content=\"Karin de Groot\">"
      "<title>Besluit</title></head><body><p>Het besluit.</p></body></html>";
  woo_doc *doc = NULL;
  CHECK_INT(woo_doc_from_memory(&doc, html, sizeof html - 1, "b.html", NULL), 0);
  woo__findings f = {NULL, 0, 0};
  CHECK_INT(woo__audit_metadata_with(&f, doc, scanner), 0);
  CHECK_INT(f.n, 1);
  if (f.n) {
    CHECK_STR(f.v[0].type, "metadata-leak");
    CHECK_STR(f.v[0].entity, "person");
    CHECK(strstr(f.v[0].message, "Karin") == NULL);
    CHECK(strstr(f.v[0].message, "K**** d* G****") != NULL);
  }
  woo__findings_free(&f);
  woo_doc_free(doc);
}

TEST(index_comparison) {
  char path[] = "/tmp/woo-audit-index-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  static const char csv[] =
      "nr,document,beoordeling,gronden\n"
      "1,a.txt,deels openbaar,5.1.2.e\n"
      "2,b.txt,openbaar,\n"
      "3,c.txt,deels openbaar,\"5.1.2.e, 5.1.2.h\"\n";
  CHECK(write(fd, csv, sizeof csv - 1) == (ssize_t)(sizeof csv - 1));
  close(fd);
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.no_residual = 1;
  o.index_path = path;
  woo_audit *a = audit_texts(
      &o, "dir/a.txt", "Datum: 1 maart 2020\nMet 10.2.e gesproken.\n", /* Wob = Woo */
      "b.txt", "Met 5.1.2.e gesproken.\n",                            /* beoordeling */
      "c.txt", "Met 5.1.2.e gesproken.\n",                            /* h missing */
      "d.txt", "Niets weggelakt.\n",                                  /* no row */
      NULL);
  /* b: beoordeling and grounds; c: a ground listed that is not there;
   * d: not listed.  a agrees: 10.2.e is 5.1.2.e under the Wob. */
  const char *docs[8] = {NULL};
  size_t n = 0;
  for (size_t i = 0; i < woo_audit_count(a); i++) {
    const woo_finding *f = woo_audit_at(a, i);
    if (strcmp(f->type, "index-mismatch") == 0 && n < 8)
      docs[n++] = f->document;
  }
  CHECK_INT(n, 4);
  if (n == 4) {
    CHECK_STR(docs[0], "b.txt");
    CHECK_STR(docs[1], "b.txt");
    CHECK_STR(docs[2], "c.txt");
    CHECK_STR(docs[3], "d.txt");
  }
  woo_audit_free(a);
  /* An index that cannot be read fails the audit's creation, naming it. */
  o.index_path = "/nonexistent/inventaris.csv";
  a = NULL;
  CHECK(woo_audit_new(&a, &o) < 0);
  CHECK(strstr(woo_error_last()->message, "inventaris.csv") != NULL);
  woo_audit_free(a);
  unlink(path);
}

/* Texts without a single word still have (empty) contexts. */
TEST(texts_without_words) {
  woo_audit *a = audit_texts(NULL, "leeg.txt", "", "tekens.txt", "...\n-- ;\n",
                             NULL);
  CHECK_INT((int)woo_audit_count(a), 0);
  CHECK_INT((int)woo_audit_document_count(a), 2);
  woo_audit_free(a);
}

TEST(keys_round_trip_and_errors) {
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.scanner = scanner;
  woo_doc *doc = text_doc("k.txt", "Overleg met 5.1.2.e van de GGD over de "
                                   "planning, gebeld met 06-12345678.\n");
  char *keys = NULL;
  size_t len = 0;
  CHECK_INT(woo_audit_keys(&keys, &len, doc, &o), 0);
  CHECK(keys && strncmp(keys, "{\"woo\":\"keys/1\"", 15) == 0);
  CHECK(keys && strstr(keys, "[\"w\",\"") != NULL);
  /* The key file carries no document text. */
  CHECK(keys && strstr(keys, "12345678") == NULL);
  CHECK(keys && strstr(keys, "GGD") == NULL);
  woo_audit *a = NULL;
  CHECK_INT(woo_audit_new(&a, &o), 0);
  CHECK_INT(woo_audit_add_keys(a, keys, len, "k.keys"), 0);
  CHECK(woo_audit_add_keys(a, "{\"woo\":\"marks/1\"}\n", 17, "x.keys") ==
        WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "x.keys") != NULL);
  /* A damaged key line is refused, with its line number. */
  size_t cut = (size_t)(strstr(keys, "[\"w\"") - keys);
  char *bad = malloc(cut + 32);
  memcpy(bad, keys, cut);
  memcpy(bad + cut, "[\"w\",\"zz\",\"5.1.2.e\",1,2]\n", 25);
  CHECK(woo_audit_add_keys(a, bad, cut + 25, "y.keys") == WOO_EFORMAT);
  CHECK(strstr(woo_error_last()->message, "y.keys:") != NULL);
  /* So is a damaged line of packed visible contexts. */
  memcpy(bad + cut, "{\"v\":\"AAAA!AAA\"}\n", 18);
  CHECK(woo_audit_add_keys(a, bad, cut + 18, "z.keys") == WOO_EFORMAT);
  memcpy(bad + cut, "{\"v\":\"AAAAAAAAAAA\"}\n", 21); /* 8 bytes, no offsets */
  CHECK(woo_audit_add_keys(a, bad, cut + 21, "z.keys") == WOO_EFORMAT);
  free(bad);
  CHECK(woo_audit_add_keys(a, "", 0, "empty.keys") == WOO_EFORMAT);
  CHECK_INT(woo_audit_finish(a), 0);
  CHECK(woo_audit_finish(a) == WOO_EINVAL);
  CHECK(woo_audit_add(a, doc) == WOO_EINVAL);
  CHECK(count_type(a, "residual-personal-data") >= 1);
  woo_audit_free(a);
  woo_free(keys);
  woo_doc_free(doc);
}

/* Visible keys whose start or length does not fit in 32 bits (texts
 * over 4 GiB) are kept whole apart from the packed ones, go through a key
 * file and back, and are found by the merge like any other. */
TEST(wide_visible_keys) {
  if (SIZE_MAX <= UINT32_MAX)
    return; /* offsets that large do not exist here */
  size_t big = (size_t)UINT32_MAX + 10;
  woo__adoc *d = NULL, *back = NULL, *other = NULL;
  CHECK_INT(woo__adoc_new(&d, "groot.txt", "text"), 0);
  CHECK_INT(woo__adoc_new(&other, "ander.txt", "text"), 0);
  if (!d || !other)
    goto done;
  memset(d->sha256, 'a', 64);
  /* In text order, as the context step makes them. */
  CHECK_INT(woo__vkeys_add(&d->visible, 0x1111, 5, 20), 0);
  CHECK_INT(woo__vkeys_add(&d->visible, 0x3333, 40, 40 + big), 0);
  CHECK_INT(woo__vkeys_add(&d->visible, 0x2222, big, big + 7), 0);
  CHECK_INT(d->visible.n, 1);
  CHECK_INT(d->visible.wide.n, 2);
  char *keys = NULL;
  size_t len = 0;
  CHECK_INT(woo__adoc_to_keys(&keys, &len, d), 0);
  CHECK_INT(woo__adoc_from_keys(&back, keys ? keys : "", len, "groot.keys"), 0);
  free(keys);
  if (!back)
    goto done;
  CHECK_INT(back->visible.n, 1);
  CHECK_INT(back->visible.wide.n, 2);
  if (back->visible.n == 1 && back->visible.wide.n == 2) {
    CHECK(back->visible.v[0].h == 0x1111);
    CHECK_INT(back->visible.v[0].start, 5);
    CHECK_INT(back->visible.v[0].len, 15);
    CHECK(back->visible.wide.v[0].h == 0x3333);
    CHECK_INT(back->visible.wide.v[0].start, 40);
    CHECK(back->visible.wide.v[0].end == 40 + big);
    CHECK(back->visible.wide.v[1].h == 0x2222);
    CHECK(back->visible.wide.v[1].start == big);
    CHECK(back->visible.wide.v[1].end == big + 7);
  }
  /* A code elsewhere in the same context: the wide key is a leak. */
  CHECK_INT(woo__akeys_add(&other->withheld, 0x2222, 3, 9,
                           woo_ground_find("5.1.2.e")), 0);
  woo__adoc *docs[] = {back, other};
  woo__findings out = {NULL, 0, 0};
  CHECK_INT(woo__audit_consistency(&out, docs, 2), 0);
  CHECK_INT(out.n, 1);
  if (out.n == 1) {
    CHECK_STR(out.v[0].type, "context-leak");
    CHECK_STR(out.v[0].document, "groot.txt");
    CHECK(out.v[0].start == big && out.v[0].end == big + 7);
    CHECK_STR(out.v[0].other_document, "ander.txt");
  }
  woo__findings_free(&out);
done:
  woo__adoc_free(d);
  woo__adoc_free(back);
  woo__adoc_free(other);
}

/* ---- the corpus batch -------------------------------------------------- */

typedef struct batch {
  char *paths[64];
  int n;
} batch;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_docs(batch *b) {
  DIR *d = opendir(AUDIT_DIR "/docs");
  CHECK(d != NULL);
  struct dirent *e;
  b->n = 0;
  while (d && (e = readdir(d)) && b->n < 64) {
    if (e->d_name[0] == '.')
      continue;
    size_t n = strlen(AUDIT_DIR "/docs/") + strlen(e->d_name) + 1;
    b->paths[b->n] = malloc(n);
    snprintf(b->paths[b->n++], n, "%s/docs/%s", AUDIT_DIR, e->d_name);
  }
  if (d)
    closedir(d);
  qsort(b->paths, (size_t)b->n, sizeof *b->paths, cmp_str);
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* What the test compares: where each finding is and what kind it is. */
static json_t *summary(const woo_audit *a) {
  json_t *arr = json_array();
  for (size_t i = 0; i < woo_audit_count(a); i++) {
    const woo_finding *f = woo_audit_at(a, i);
    json_t *o = json_object();
    json_object_set_new(o, "document", json_string(base_name(f->document)));
    json_object_set_new(o, "type", json_string(f->type));
    json_object_set_new(o, "start", f->start == WOO_UNSET
                                        ? json_null()
                                        : json_integer((json_int_t)f->start));
    json_object_set_new(o, "end", f->end == WOO_UNSET
                                      ? json_null()
                                      : json_integer((json_int_t)f->end));
    json_object_set_new(o, "other_document",
                        f->other_document
                            ? json_string(base_name(f->other_document))
                            : json_null());
    json_array_append_new(arr, o);
  }
  return arr;
}

typedef struct worker_arg {
  woo_audit *audit;
  batch *b;
  int from, step;
} worker_arg;

static void *add_some(void *p) {
  worker_arg *w = p;
  for (int i = w->from; i < w->b->n; i += w->step) {
    woo_doc *doc = NULL;
    if (woo_doc_open(&doc, w->b->paths[i], NULL) == 0)
      woo_audit_add(w->audit, doc);
    woo_doc_free(doc);
  }
  return NULL;
}

static bool update;

/* The document summaries say what the report's "documents" list says. */
static void check_documents(const woo_audit *a, const char *report) {
  json_error_t err;
  json_t *root = json_loads(report, 0, &err);
  json_t *docs = json_object_get(root, "documents");
  CHECK(json_array_size(docs) > 0);
  CHECK_INT((int)woo_audit_document_count(a), (int)json_array_size(docs));
  for (size_t i = 0; i < json_array_size(docs); i++) {
    json_t *jd = json_array_get(docs, i);
    woo_audit_document d;
    CHECK_INT(woo_audit_document_at(a, i, &d), 0);
    CHECK_STR(d.path, json_string_value(json_object_get(jd, "path")));
    CHECK_STR(d.format, json_string_value(json_object_get(jd, "format")));
    CHECK_STR(d.sha256, json_string_value(json_object_get(jd, "sha256")));
    CHECK(d.bytes == (size_t)json_integer_value(json_object_get(jd, "bytes")));
    CHECK(d.markers ==
          (size_t)json_integer_value(json_object_get(jd, "markers")));
    json_t *date = json_object_get(jd, "date");
    CHECK(json_is_null(date) ? d.date == NULL
                             : d.date && strcmp(d.date, json_string_value(date)) == 0);
    json_t *codes = json_object_get(jd, "codes");
    size_t listed = 0;
    for (size_t g = 0; g < woo_ground_count(); g++) {
      json_t *c = json_object_get(codes, woo_ground_at(g)->code);
      CHECK(d.codes[g] == (c ? (size_t)json_integer_value(c) : 0));
      listed += c != NULL;
    }
    CHECK(listed == json_object_size(codes));
  }
  woo_audit_document d;
  CHECK_INT(woo_audit_document_at(a, json_array_size(docs), &d), WOO_EINVAL);
  json_decref(root);
}

TEST(corpus_batch) {
  batch b;
  list_docs(&b);
  CHECK(b.n >= 10);
  woo_audit_options o = WOO_AUDIT_OPTIONS_INIT;
  o.scanner = scanner;
  o.index_path = AUDIT_DIR "/inventaris.csv";

  /* Plain audit, documents added from four threads at once. */
  woo_audit *plain = NULL;
  CHECK_INT(woo_audit_new(&plain, &o), 0);
  pthread_t th[4];
  worker_arg args[4];
  for (int t = 0; t < 4; t++) {
    args[t] = (worker_arg){plain, &b, t, 4};
    pthread_create(&th[t], NULL, add_some, &args[t]);
  }
  for (int t = 0; t < 4; t++)
    pthread_join(th[t], NULL);
  CHECK_INT(woo_audit_finish(plain), 0);

  /* Map each document to keys, merge them in reverse order. */
  woo_audit *merged = NULL;
  CHECK_INT(woo_audit_new(&merged, &o), 0);
  for (int i = b.n - 1; i >= 0; i--) {
    woo_doc *doc = NULL;
    char *keys = NULL;
    size_t len = 0;
    CHECK_INT(woo_doc_open(&doc, b.paths[i], NULL), 0);
    CHECK_INT(woo_audit_keys(&keys, &len, doc, &o), 0);
    CHECK_INT(woo_audit_add_keys(merged, keys, len, b.paths[i]), 0);
    woo_free(keys);
    woo_doc_free(doc);
  }
  woo_audit_document early;
  CHECK(woo_audit_document_count(merged) == 0);
  CHECK_INT(woo_audit_document_at(merged, 0, &early), WOO_EINVAL);
  CHECK_INT(woo_audit_finish(merged), 0);
  char *j1 = NULL, *j2 = NULL;
  CHECK_INT(woo_audit_to_json(&j1, plain), 0);
  CHECK_INT(woo_audit_to_json(&j2, merged), 0);
  CHECK(j1 && j2 && strcmp(j1, j2) == 0);
  CHECK(j1 && strncmp(j1, "{\n  \"woo\": \"audit/1\"", 20) == 0);
  check_documents(plain, j1);
  check_documents(merged, j1);

  json_t *got = summary(plain);
  char path[] = AUDIT_DIR "/expected.json";
  if (update) {
    json_t *root = json_object();
    json_object_set_new(root, "findings", got);
    char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    CHECK_INT(woo_write_file(path, s, strlen(s), 1), 0);
    fprintf(stderr, "wrote %s\n", path);
    free(s);
    json_decref(root);
  } else {
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    json_t *want = json_object_get(root, "findings");
    CHECK(want != NULL);
    size_t ng = json_array_size(got), nw = json_array_size(want);
    for (size_t i = 0; i < ng || i < nw; i++) {
      json_t *g = json_array_get(got, i), *w = json_array_get(want, i);
      if (!json_equal(g, w)) {
        char *gs = g ? json_dumps(g, JSON_COMPACT) : NULL;
        char *ws = w ? json_dumps(w, JSON_COMPACT) : NULL;
        fprintf(stderr, "  finding %zu\n    got  %s\n    want %s\n", i,
                gs ? gs : "(none)", ws ? ws : "(none)");
        free(gs);
        free(ws);
        CHECK(!"findings differ from corpus/audit/expected.json");
        break;
      }
    }
    /* Every text defect of the batch is there, and nothing is found in
     * the clean variants. */
    static const char *const types[] = {
        "unknown-code", "mixed-notation", "wob-code-after-woo",
        "residual-personal-data", "inconsistent-redaction", "context-leak",
        "metadata-leak", "index-mismatch", NULL};
    for (int t = 0; types[t]; t++)
      CHECK(count_type(plain, types[t]) > 0);
    for (size_t i = 0; i < woo_audit_count(plain); i++)
      CHECK(strncmp(base_name(woo_audit_at(plain, i)->document), "clean-", 6) != 0);
    json_decref(root);
    json_decref(got);
  }
  woo_free(j1);
  woo_free(j2);
  woo_audit_free(plain);
  woo_audit_free(merged);
  for (int i = 0; i < b.n; i++)
    free(b.paths[i]);
}

int main(int argc, char **argv) {
  update = argc > 1 && strcmp(argv[1], "--update") == 0;
  if (woo_scanner_new(&scanner, NULL) != 0) {
    fprintf(stderr, "no scanner: %s\n", woo_error_last()->message);
    return 1;
  }
  RUN(mask_keeps_shape_only);
  RUN(document_dates);
  RUN(codes_unknown_damaged_mixed);
  RUN(comma_written_two_ways);
  RUN(wob_codes_after_may_2022);
  RUN(residual_severity_and_codes_excluded);
  RUN(context_leak_across_documents);
  RUN(inconsistent_within_document);
  RUN(same_context_other_ground);
  RUN(name_beside_withheld_address);
  RUN(metadata_names);
  RUN(index_comparison);
  RUN(texts_without_words);
  RUN(keys_round_trip_and_errors);
  RUN(wide_visible_keys);
  RUN(corpus_batch);
  woo_scanner_free(scanner);
  TEST_END();
}
