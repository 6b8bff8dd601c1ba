/* The ground registry: static data, shared by every thread. */
#include <stdio.h>
#include <string.h>

#include "../core/internal.h"
#include "internal.h"
#include "woo/codes.h"
#include "woo/grounds.h"

#define WOO(c, k, art, title, wob) {c, WOO_LAW_WOO, k, art, title, c, wob}
#define WOB(c, k, art, title, woo) {c, WOO_LAW_WOB, k, art, title, woo, c}
#define STATUS(c, title) {c, WOO_LAW_NONE, WOO_GROUND_STATUS, "", title, NULL, NULL}

static const woo_ground registry[] = {
    WOO("5.1.1.a", WOO_GROUND_ABSOLUTE, "art. 5.1 lid 1 sub a Woo",
        "de eenheid van de Kroon", "10.1.a"),
    WOO("5.1.1.b", WOO_GROUND_ABSOLUTE, "art. 5.1 lid 1 sub b Woo",
        "de veiligheid van de Staat", "10.1.b"),
    WOO("5.1.1.c", WOO_GROUND_ABSOLUTE, "art. 5.1 lid 1 sub c Woo",
        "vertrouwelijk aan de overheid meegedeelde bedrijfs- en "
        "fabricagegegevens", "10.1.c"),
    WOO("5.1.1.d", WOO_GROUND_ABSOLUTE, "art. 5.1 lid 1 sub d Woo",
        "bijzondere persoonsgegevens", "10.1.d"),
    WOO("5.1.1.e", WOO_GROUND_ABSOLUTE, "art. 5.1 lid 1 sub e Woo",
        "identificatienummers (zoals het burgerservicenummer)", NULL),
    WOO("5.1.2.a", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub a Woo",
        "de betrekkingen van Nederland met andere staten en internationale "
        "organisaties", "10.2.a"),
    WOO("5.1.2.b", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub b Woo",
        "de economische of financiële belangen van de Staat", "10.2.b"),
    WOO("5.1.2.c", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub c Woo",
        "de opsporing en vervolging van strafbare feiten", "10.2.c"),
    WOO("5.1.2.d", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub d Woo",
        "inspectie, controle en toezicht door bestuursorganen", "10.2.d"),
    WOO("5.1.2.e", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub e Woo",
        "de eerbiediging van de persoonlijke levenssfeer", "10.2.e"),
    WOO("5.1.2.f", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub f Woo",
        "concurrentiegevoelige bedrijfs- en fabricagegegevens", NULL),
    WOO("5.1.2.g", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub g Woo",
        "de bescherming van het milieu", NULL),
    WOO("5.1.2.h", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub h Woo",
        "de beveiliging van personen en bedrijven en het voorkomen van "
        "sabotage", NULL),
    WOO("5.1.2.i", WOO_GROUND_RELATIVE, "art. 5.1 lid 2 sub i Woo",
        "het goed functioneren van de Staat, andere publiekrechtelijke "
        "lichamen of bestuursorganen", NULL),
    WOO("5.1.5", WOO_GROUND_RELATIVE, "art. 5.1 lid 5 Woo",
        "onevenredige benadeling", "10.2.g"),
    WOO("5.2.1", WOO_GROUND_RELATIVE, "art. 5.2 lid 1 Woo",
        "persoonlijke beleidsopvattingen in documenten voor intern beraad",
        "11.1"),
    WOO("4.1.4", WOO_GROUND_SCOPE, "art. 4.1 lid 4 Woo",
        "buiten de reikwijdte van het verzoek", NULL),
    WOB("10.1.a", WOO_GROUND_ABSOLUTE, "art. 10 lid 1 sub a Wob",
        "de eenheid van de Kroon", "5.1.1.a"),
    WOB("10.1.b", WOO_GROUND_ABSOLUTE, "art. 10 lid 1 sub b Wob",
        "de veiligheid van de Staat", "5.1.1.b"),
    WOB("10.1.c", WOO_GROUND_ABSOLUTE, "art. 10 lid 1 sub c Wob",
        "vertrouwelijk aan de overheid meegedeelde bedrijfs- en "
        "fabricagegegevens", "5.1.1.c"),
    WOB("10.1.d", WOO_GROUND_ABSOLUTE, "art. 10 lid 1 sub d Wob",
        "bijzondere persoonsgegevens", "5.1.1.d"),
    WOB("10.2.a", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub a Wob",
        "de betrekkingen van Nederland met andere staten en internationale "
        "organisaties", "5.1.2.a"),
    WOB("10.2.b", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub b Wob",
        "de economische of financiële belangen van de Staat", "5.1.2.b"),
    WOB("10.2.c", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub c Wob",
        "de opsporing en vervolging van strafbare feiten", "5.1.2.c"),
    WOB("10.2.d", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub d Wob",
        "inspectie, controle en toezicht door bestuursorganen", "5.1.2.d"),
    WOB("10.2.e", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub e Wob",
        "de eerbiediging van de persoonlijke levenssfeer", "5.1.2.e"),
    WOB("10.2.f", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub f Wob",
        "het belang dat de geadresseerde erbij heeft als eerste kennis te "
        "kunnen nemen van de informatie", NULL),
    WOB("10.2.g", WOO_GROUND_RELATIVE, "art. 10 lid 2 sub g Wob",
        "het voorkomen van onevenredige bevoordeling of benadeling",
        "5.1.5"),
    WOB("11.1", WOO_GROUND_RELATIVE, "art. 11 lid 1 Wob",
        "persoonlijke beleidsopvattingen in documenten voor intern beraad",
        "5.2.1"),
    STATUS("buiten reikwijdte", "valt buiten de reikwijdte van het verzoek"),
    STATUS("dubbel", "document is een duplicaat van een ander document"),
    STATUS("reeds openbaar", "document is al openbaar"),
    STATUS("niet openbaar", "document wordt niet openbaar gemaakt"),
    STATUS("deels openbaar", "document wordt deels openbaar gemaakt"),
    STATUS("openbaar", "document wordt openbaar gemaakt"),
};

#define N_GROUNDS (sizeof registry / sizeof *registry)

size_t woo_ground_count(void) { return N_GROUNDS; }

const woo_ground *woo_ground_at(size_t i) {
  return i < N_GROUNDS ? &registry[i] : NULL;
}

const woo_ground *woo__ground_lookup(const char *canonical) {
  for (size_t i = 0; i < N_GROUNDS; i++)
    if (strcmp(registry[i].code, canonical) == 0)
      return &registry[i];
  return NULL;
}

const woo_ground *woo_ground_find(const char *code) {
  if (!code) {
    woo__error(WOO_EINVAL, "code is NULL");
    return NULL;
  }
  const woo_ground *g = woo__ground_lookup(code);
  if (g)
    return g;
  /* Any notation the parser reads, provided it is the whole string. */
  size_t len = strlen(code);
  woo_codes *list = NULL;
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  if (woo__codes_scan(&list, code, len, &o, true) == 0 &&
      woo_codes_count(list) == 1) {
    const woo_code *c = woo_codes_at(list, 0);
    size_t s = 0, e = len;
    while (s < len && (code[s] == ' ' || code[s] == '\t'))
      s++;
    while (e > s && (code[e - 1] == ' ' || code[e - 1] == '\t' ||
                     code[e - 1] == '.'))
      e--;
    if (c->start <= s && c->end >= e)
      g = c->ground;
  }
  woo_codes_free(list);
  if (!g)
    woo__error(WOO_ENOTFOUND, "not a ground code: %s", code);
  return g;
}

static const char *styles[] = {"dotted", "compact", "comma", "article"};

int woo_style_parse(woo_style *out, const char *name) {
  if (!out || !name)
    return woo__error(WOO_EINVAL, "style is NULL");
  static const char *examples[] = {"5.1.2.e", "5.1.2e", "5.1.2,e", "art."};
  for (int i = 0; i < 4; i++)
    if (strcmp(name, styles[i]) == 0 || strcmp(name, examples[i]) == 0) {
      *out = (woo_style)i;
      return 0;
    }
  return woo__error(WOO_EINVAL,
                    "unknown style '%s' (dotted, compact, comma, article)",
                    name);
}

const char *woo_style_name(woo_style s) {
  return (unsigned)s < 4 ? styles[s] : "dotted";
}

size_t woo_ground_format(char *buf, size_t size, const woo_ground *g,
                         woo_style style) {
  char tmp[64];
  const char *src = tmp;
  if (!g) {
    src = "";
  } else if (g->kind == WOO_GROUND_STATUS || style == WOO_STYLE_DOTTED) {
    src = g->code;
  } else if (style == WOO_STYLE_ARTICLE) {
    src = g->article;
  } else {
    /* Rewrite the separator before a trailing letter: 5.1.2.e → 5.1.2e
     * or 5.1.2,e.  Codes ending in a digit (4.1.4, 11.1) stay. */
    size_t n = strlen(g->code);
    if (n >= sizeof tmp)
      n = sizeof tmp - 1;
    memcpy(tmp, g->code, n);
    tmp[n] = '\0';
    if (n >= 2 && tmp[n - 2] == '.' && tmp[n - 1] >= 'a' && tmp[n - 1] <= 'z') {
      if (style == WOO_STYLE_COMPACT) {
        tmp[n - 2] = tmp[n - 1];
        tmp[n - 1] = '\0';
      } else {
        tmp[n - 2] = ',';
      }
    }
  }
  size_t n = strlen(src);
  if (buf && size) {
    size_t c = n < size - 1 ? n : size - 1;
    memcpy(buf, src, c);
    buf[c] = '\0';
  }
  return n;
}

const char *woo_law_name(woo_law law) {
  return law == WOO_LAW_WOO ? "Woo" : law == WOO_LAW_WOB ? "Wob" : "";
}

const char *woo_ground_kind_name(woo_ground_kind k) {
  static const char *n[] = {"absolute", "relative", "scope", "status"};
  return (unsigned)k < 4 ? n[k] : "unknown";
}
