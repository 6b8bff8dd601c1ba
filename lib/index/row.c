/* Rows of an inventory: their strings and grounds, the assessment words
 * and the names of the output formats. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"
#include "woo/codes.h"

woo_index_row *woo__row_new(void) {
  woo_index_row *row = woo__calloc(1, sizeof *row);
  if (!row)
    return NULL;
  const char **f[] = {&row->document, &row->datum,       &row->titel,
                      &row->documentsoort, &row->gronden, &row->opmerkingen,
                      &row->identifier, &row->format,    &row->nr_text};
  for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
    *f[i] = woo__strdup("");
    if (!*f[i]) {
      woo__row_clear(row);
      free(row);
      return NULL;
    }
  }
  return row;
}

void woo__row_clear(woo_index_row *row) {
  if (!row)
    return;
  free((char *)row->document);
  free((char *)row->datum);
  free((char *)row->titel);
  free((char *)row->documentsoort);
  free((char *)row->gronden);
  free((char *)row->opmerkingen);
  free((char *)row->identifier);
  free((char *)row->format);
  free((char *)row->nr_text);
  free((void *)row->grounds);
  memset(row, 0, sizeof *row);
}

void woo_index_row_free(woo_index_row *row) {
  woo__row_clear(row);
  free(row);
}

int woo__row_set(const char **field, const char *s, size_t n) {
  if (!s)
    s = "";
  if (n == WOO_UNSET)
    n = strlen(s);
  char *out = woo__malloc(n + 1);
  if (!out)
    return woo__oom();
  size_t k = 0;
  bool space = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\0')
      break;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      space = k > 0;
      continue;
    }
    /* U+00A0 no-break space folds like a space. */
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      space = k > 0;
      i++;
      continue;
    }
    if (space)
      out[k++] = ' ';
    space = false;
    out[k++] = (char)c;
  }
  out[k] = '\0';
  free((char *)*field);
  *field = out;
  return 0;
}

static int ground_cmp(const void *a, const void *b) {
  const woo_ground *x = *(const woo_ground *const *)a;
  const woo_ground *y = *(const woo_ground *const *)b;
  /* Status words after codes; codes by their numbers, so that 5.1.1.e
   * comes before 5.1.2.a and 10.2.e after 5.2.1. */
  bool xs = x->kind == WOO_GROUND_STATUS, ys = y->kind == WOO_GROUND_STATUS;
  if (xs != ys)
    return xs ? 1 : -1;
  const char *p = x->code, *q = y->code;
  while (*p && *q) {
    if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
      long a1 = strtol(p, (char **)&p, 10), b1 = strtol(q, (char **)&q, 10);
      if (a1 != b1)
        return a1 < b1 ? -1 : 1;
      continue;
    }
    if (*p != *q)
      return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
    p++;
    q++;
  }
  return *p ? 1 : *q ? -1 : 0;
}

int woo__row_set_grounds(woo_index_row *row, const woo_ground *const *g,
                         size_t n) {
  const woo_ground **v = NULL;
  if (n) {
    v = woo__calloc(n, sizeof *v);
    if (!v)
      return woo__oom();
    memcpy(v, g, n * sizeof *v);
    qsort(v, n, sizeof *v, ground_cmp);
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i] && (k == 0 || v[k - 1] != v[i]))
      v[k++] = v[i];
  woo__buf b = WOO__BUF_INIT;
  int rc = 0;
  for (size_t i = 0; i < k && rc == 0; i++) {
    if (i)
      rc = woo__buf_puts(&b, ", ");
    if (rc == 0)
      rc = woo__buf_puts(&b, v[i]->code);
  }
  if (rc == 0)
    rc = woo__row_set(&row->gronden, b.data ? b.data : "", b.len);
  woo__buf_free(&b);
  if (rc) {
    free(v);
    return rc;
  }
  free((void *)row->grounds);
  row->grounds = (const woo_ground *const *)v;
  row->ground_count = k;
  return 0;
}

int woo__row_grounds_from_text(woo_index_row *row, const char *s, size_t n) {
  woo_codes *codes = NULL;
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  int rc = woo_codes_find(&codes, s, n, &o);
  if (rc)
    return rc;
  size_t m = woo_codes_count(codes);
  size_t total = row->ground_count + m;
  const woo_ground **v = total ? woo__calloc(total, sizeof *v) : NULL;
  if (total && !v) {
    woo_codes_free(codes);
    return woo__oom();
  }
  size_t k = 0;
  for (size_t i = 0; i < row->ground_count; i++)
    v[k++] = row->grounds[i];
  for (size_t i = 0; i < m; i++) {
    const woo_code *c = woo_codes_at(codes, i);
    /* Status words are the assessment, not grounds. */
    if (c->ground && c->ground->kind != WOO_GROUND_STATUS)
      v[k++] = c->ground;
  }
  woo_codes_free(codes);
  rc = woo__row_set_grounds(row, v, k);
  free(v);
  return rc;
}

/* ---- assessment words ---------------------------------------------- */

const char *woo_beoordeling_name(woo_beoordeling b) {
  switch (b) {
  case WOO_BEOORDELING_OPENBAAR:
    return "openbaar";
  case WOO_BEOORDELING_DEELS:
    return "deels openbaar";
  case WOO_BEOORDELING_NIET:
    return "niet openbaar";
  case WOO_BEOORDELING_REEDS:
    return "reeds openbaar";
  case WOO_BEOORDELING_BUITEN:
    return "buiten reikwijdte";
  case WOO_BEOORDELING_UNKNOWN:
    break;
  }
  return "";
}

/* Lower-case ASCII letters of s, other bytes as spaces, runs folded: the
 * form the phrase table below is written in. */
static void fold_words(char *out, size_t size, const char *s) {
  size_t k = 0;
  bool space = false;
  for (; *s && k + 2 < size; s++) {
    unsigned char c = (unsigned char)*s;
    if (isalpha(c)) {
      if (space && k)
        out[k++] = ' ';
      space = false;
      out[k++] = (char)tolower(c);
    } else {
      space = true;
    }
  }
  out[k] = '\0';
}

static const struct {
  const char *words;
  woo_beoordeling b;
} PHRASES[] = {
    /* Longest first: the first phrase found at the start wins. */
    {"deels openbaar", WOO_BEOORDELING_DEELS},
    {"gedeeltelijk openbaar", WOO_BEOORDELING_DEELS},
    {"gedeeltelijk", WOO_BEOORDELING_DEELS},
    {"deels", WOO_BEOORDELING_DEELS},
    {"niet openbaar", WOO_BEOORDELING_NIET},
    {"geheel niet openbaar", WOO_BEOORDELING_NIET},
    {"weigeren", WOO_BEOORDELING_NIET},
    {"geweigerd", WOO_BEOORDELING_NIET},
    {"reeds openbaar", WOO_BEOORDELING_REEDS},
    {"al openbaar", WOO_BEOORDELING_REEDS},
    {"buiten reikwijdte", WOO_BEOORDELING_BUITEN},
    {"buiten de reikwijdte", WOO_BEOORDELING_BUITEN},
    {"buiten verzoek", WOO_BEOORDELING_BUITEN},
    {"buiten het verzoek", WOO_BEOORDELING_BUITEN},
    {"volledig openbaar", WOO_BEOORDELING_OPENBAAR},
    {"geheel openbaar", WOO_BEOORDELING_OPENBAAR},
    {"openbaar gemaakt", WOO_BEOORDELING_OPENBAAR},
    {"ongeredigeerd", WOO_BEOORDELING_OPENBAAR},
    {"openbaar", WOO_BEOORDELING_OPENBAAR},
};

/* The assessment a cell starts with; *len gets the folded length matched
 * (0 when none). */
static woo_beoordeling phrase_at(const char *folded, size_t *len) {
  for (size_t i = 0; i < sizeof PHRASES / sizeof *PHRASES; i++) {
    size_t n = strlen(PHRASES[i].words);
    if (strncmp(folded, PHRASES[i].words, n) == 0 &&
        (folded[n] == '\0' || folded[n] == ' ')) {
      *len = n;
      return PHRASES[i].b;
    }
  }
  *len = 0;
  return WOO_BEOORDELING_UNKNOWN;
}

int woo_beoordeling_parse(woo_beoordeling *out, const char *s) {
  if (!out || !s)
    return woo__error(WOO_EINVAL, "beoordeling: no value");
  char f[256];
  fold_words(f, sizeof f, s);
  size_t n;
  woo_beoordeling b = phrase_at(f, &n);
  if (b == WOO_BEOORDELING_UNKNOWN)
    return woo__error(WOO_EINVAL, "beoordeling: '%.40s' is not an assessment",
                      s);
  *out = b;
  return 0;
}

/* ---- formats ---------------------------------------------------------- */

int woo_index_format_parse(woo_index_format *out, const char *name) {
  static const struct {
    const char *name;
    woo_index_format f;
  } names[] = {{"csv", WOO_INDEX_CSV},      {"json", WOO_INDEX_JSON},
               {"md", WOO_INDEX_MARKDOWN},  {"markdown", WOO_INDEX_MARKDOWN},
               {"html", WOO_INDEX_HTML},    {"diwoo", WOO_INDEX_DIWOO},
               {"xml", WOO_INDEX_DIWOO}};
  if (!out || !name)
    return woo__error(WOO_EINVAL, "index format: no name");
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(name, names[i].name) == 0) {
      *out = names[i].f;
      return 0;
    }
  return woo__error(WOO_EINVAL,
                    "index format '%s': use csv, json, md, html or diwoo",
                    name);
}

const char *woo_index_format_name(woo_index_format f) {
  switch (f) {
  case WOO_INDEX_CSV:
    return "csv";
  case WOO_INDEX_JSON:
    return "json";
  case WOO_INDEX_MARKDOWN:
    return "md";
  case WOO_INDEX_HTML:
    return "html";
  case WOO_INDEX_DIWOO:
    return "diwoo";
  }
  return "";
}

/* ---- column names ------------------------------------------------------ */

woo__col woo__col_from_header(const char *s, size_t n) {
  char raw[96];
  if (n >= sizeof raw)
    n = sizeof raw - 1;
  memcpy(raw, s, n);
  raw[n] = '\0';
  char f[96];
  fold_words(f, sizeof f, raw);
  static const struct {
    const char *prefix;
    woo__col col;
  } names[] = {
      {"nr", WOO__COL_NR},
      {"nummer", WOO__COL_NR},
      {"volgnummer", WOO__COL_NR},
      {"volgnum", WOO__COL_NR},
      {"documentnr", WOO__COL_NR},
      {"documentnummer", WOO__COL_NR},
      {"doc nr", WOO__COL_NR},
      {"doc", WOO__COL_NR},
      {"no", WOO__COL_NR},
      {"number", WOO__COL_NR},
      {"bestand", WOO__COL_DOCUMENT},
      {"bestandsnaam", WOO__COL_DOCUMENT},
      {"file", WOO__COL_DOCUMENT},
      {"path", WOO__COL_DOCUMENT},
      {"pad", WOO__COL_DOCUMENT},
      {"datum", WOO__COL_DATUM},
      {"date", WOO__COL_DATUM},
      {"tijd", WOO__COL_TIJD},
      {"titel", WOO__COL_TITEL},
      {"title", WOO__COL_TITEL},
      {"documentnaam", WOO__COL_TITEL},
      {"document", WOO__COL_TITEL},
      {"onderwerp", WOO__COL_TITEL},
      {"omschrijving", WOO__COL_TITEL},
      {"beschrijving", WOO__COL_TITEL},
      {"documentsoort", WOO__COL_SOORT},
      {"soort", WOO__COL_SOORT},
      {"type", WOO__COL_SOORT},
      {"beoordeling", WOO__COL_BEOORDELING},
      {"beroordeling", WOO__COL_BEOORDELING},
      {"openbaarmaking", WOO__COL_BEOORDELING},
      {"besluit", WOO__COL_BEOORDELING},
      {"assessment", WOO__COL_BEOORDELING},
      {"status", WOO__COL_BEOORDELING},
      {"gronden", WOO__COL_GRONDEN},
      {"grond", WOO__COL_GRONDEN},
      {"weigeringsgrond", WOO__COL_GRONDEN},
      {"weigeringsgronden", WOO__COL_GRONDEN},
      {"uitzonderingsgrond", WOO__COL_GRONDEN},
      {"uitzonderingsgronden", WOO__COL_GRONDEN},
      {"artikel", WOO__COL_GRONDEN},
      {"wob", WOO__COL_GRONDEN},
      {"woo", WOO__COL_GRONDEN},
      {"beslissing", WOO__COL_GRONDEN},
      {"grounds", WOO__COL_GRONDEN},
      {"pagina", WOO__COL_PAGINAS},
      {"paginas", WOO__COL_PAGINAS},
      {"pagina s", WOO__COL_PAGINAS},
      {"pages", WOO__COL_PAGINAS},
      {"opmerkingen", WOO__COL_OPMERKINGEN},
      {"opmerking", WOO__COL_OPMERKINGEN},
      {"toelichting", WOO__COL_OPMERKINGEN},
      {"te vinden op", WOO__COL_OPMERKINGEN},
      {"vindplaats", WOO__COL_OPMERKINGEN},
      {"remarks", WOO__COL_OPMERKINGEN},
      {"identifier", WOO__COL_IDENTIFIER},
      {"kenmerk", WOO__COL_IDENTIFIER},
      {"id", WOO__COL_IDENTIFIER},
      {"id nummer", WOO__COL_IDENTIFIER},
  };
  /* The whole cell first, then its first word ("Titel doc." → titel). */
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(f, names[i].prefix) == 0)
      return names[i].col;
  char first[96];
  size_t k = 0;
  while (f[k] && f[k] != ' ' && k + 1 < sizeof first) {
    first[k] = f[k];
    k++;
  }
  first[k] = '\0';
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(first, names[i].prefix) == 0)
      return names[i].col;
  return WOO__COL_OTHER;
}
