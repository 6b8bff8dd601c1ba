/* TOOI values that the DiWoo 0.9.8 schema enumerates for the resource
 * attributes we write.  Only the entries libwoo can produce are kept;
 * the URIs are those of the value lists the schema includes
 * (scw_woo_informatiecategorieen, ccw_plooi_documenthandelingen,
 * ccw_plooi_documentsoorten, the EU language and file-type authority
 * lists). */
#include <string.h>

#include "index/internal.h"

#define KERN "https://identifier.overheid.nl/tooi/def/thes/kern/"
#define EULANG "http://publications.europa.eu/resource/authority/language/"
#define EUFILE "http://publications.europa.eu/resource/authority/file-type/"

static const woo__tooi CATEGORIES[] = {
    {"Woo-verzoeken en -besluiten", "Woo-verzoeken en -besluiten",
     KERN "c_3baef532"},
    {"adviezen", "adviezen", KERN "c_99a836c7"},
    {"agenda's en besluitenlijsten bestuurscolleges",
     "agenda’s en besluitenlijsten bestuurscolleges", KERN "c_3a248e3a"},
    {"bereikbaarheidsgegevens", "bereikbaarheidsgegevens", KERN "c_89ee6784"},
    {"beschikkingen", "beschikkingen", KERN "c_46a81018"},
    {"bij vertegenwoordigende organen ingekomen stukken",
     "bij vertegenwoordigende organen ingekomen stukken", KERN "c_8c840238"},
    {"convenanten", "convenanten", KERN "c_8fc2335c"},
    {"inspanningsverplichting art 3.1 Woo",
     "inspanningsverplichting art 3.1 Woo", KERN "c_816e508d"},
    {"jaarplannen en jaarverslagen", "jaarplannen en jaarverslagen",
     KERN "c_c6cd1213"},
    {"klachtoordelen", "klachtoordelen", KERN "c_a870c43d"},
    {"onderzoeksrapporten", "onderzoeksrapporten", KERN "c_fdaee95e"},
    {"ontwerpen van wet- en regelgeving met adviesaanvraag",
     "ontwerpen van wet- en regelgeving met adviesaanvraag",
     KERN "c_759721e2"},
    {"organisatie en werkwijze", "organisatie en werkwijze",
     KERN "c_40a05794"},
    {"overige besluiten van algemene strekking",
     "overige besluiten van algemene strekking", KERN "c_aab6bfc7"},
    {"subsidieverplichtingen anders dan met beschikking",
     "subsidieverplichtingen anders dan met beschikking", KERN "c_cf268088"},
    {"vergaderstukken Staten-Generaal", "vergaderstukken Staten-Generaal",
     KERN "c_c76862ab"},
    {"vergaderstukken decentrale overheden",
     "vergaderstukken decentrale overheden", KERN "c_db4862c3"},
    {"wetten en algemeen verbindende voorschriften",
     "wetten en algemeen verbindende voorschriften", KERN "c_139c6280"},
};

static const woo__tooi HANDELINGEN[] = {
    {"vaststelling", "vaststelling", KERN "c_641ecd76"},
    {"ontvangst", "ontvangst", KERN "c_dfcee535"},
    {"ondertekening", "ondertekening", KERN "c_e1ec050e"},
};

/* Our kinds onto the PLOOI documentsoorten.  E-mail, inventaris and the
 * rest have no entry in that list, so DiWoo output leaves documentsoorten
 * out for them (the element is optional). */
static const woo__tooi SOORTEN[] = {
    {"brief", "brief", KERN "c_7652d853"},
    {"besluit", "besluit", KERN "c_465163c9"},
    {"verslag", "vergaderverslag", KERN "c_42e406dd"},
    {"nota", "beleidsnota", KERN "c_9376c730"},
    {"beslisnota", "beslisnota", KERN "c_2977c34f"},
    {"rapport", "rapport", KERN "c_3300f29a"},
    {"onderzoeksrapport", "onderzoeksrapport", KERN "c_6f49bf34"},
    {"agenda", "agenda", KERN "c_f90465b3"},
    {"advies", "advies", KERN "c_d506b718"},
    {"besluitenlijst", "besluitenlijst", KERN "c_d4a4792f"},
    {"beschikking", "beschikking", KERN "c_93b0d113"},
};

static const woo__tooi LANGUAGES[] = {
    {"nl", "Nederlands", EULANG "NLD"},
    {"en", "Engels", EULANG "ENG"},
    {"de", "Duits", EULANG "DEU"},
    {"fr", "Frans", EULANG "FRA"},
};

static const woo__tooi FORMATS[] = {
    {"pdf", "PDF", EUFILE "PDF"},   {"docx", "Word DOCX", EUFILE "DOCX"},
    {"odt", "ODT", EUFILE "ODT"},   {"html", "HTML", EUFILE "HTML"},
    {"text", "Plain text", EUFILE "TXT"},
};

static const woo__tooi *find(const woo__tooi *v, size_t n, const char *key) {
  if (!key)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(v[i].key, key) == 0 || strcmp(v[i].uri, key) == 0 ||
        strcasecmp(v[i].label, key) == 0)
      return &v[i];
  return NULL;
}

#define FIND(v, key) find(v, sizeof v / sizeof *v, key)

const woo__tooi *woo__tooi_categorie(const char *s) {
  return FIND(CATEGORIES, s);
}
const woo__tooi *woo__tooi_handeling(const char *s) {
  return FIND(HANDELINGEN, s);
}
const woo__tooi *woo__tooi_documentsoort(const char *s) {
  return FIND(SOORTEN, s);
}
const woo__tooi *woo__tooi_language(const char *s) {
  return FIND(LANGUAGES, s);
}
const woo__tooi *woo__tooi_format(const char *s) { return FIND(FORMATS, s); }

bool woo__tooi_is_organisation(const char *uri) {
  /* The registers the schema's organisatielijst unites, by the shape of
   * their identifiers: gemeente/gm0363, ministerie/mnre1034,
   * provincie/pv23, waterschap/ws0652, zbo/zb000193, oorg/oorg10007,
   * col/col01; samenwerkingsorganisaties are not checked further. */
  static const struct {
    const char *kind;
    const char *prefix;
    size_t digits;
  } regs[] = {{"gemeente/", "gm", 4},   {"ministerie/", "mnre", 4},
              {"provincie/", "pv", 2},  {"waterschap/", "ws", 4},
              {"zbo/", "zb", 6},        {"oorg/", "oorg", 5},
              {"col/", "col", 2},       {"samenwerkingsorganisatie/", "", 0}};
  static const char base[] = "https://identifier.overheid.nl/tooi/id/";
  if (!uri || strncmp(uri, base, sizeof base - 1) != 0)
    return false;
  const char *p = uri + sizeof base - 1;
  for (size_t i = 0; i < sizeof regs / sizeof *regs; i++) {
    size_t k = strlen(regs[i].kind);
    if (strncmp(p, regs[i].kind, k) != 0)
      continue;
    const char *q = p + k;
    size_t pl = strlen(regs[i].prefix);
    if (strncmp(q, regs[i].prefix, pl) != 0)
      return false;
    q += pl;
    if (regs[i].digits == 0)
      return *q != '\0' && !strchr(q, '/');
    for (size_t d = 0; d < regs[i].digits; d++)
      if (q[d] < '0' || q[d] > '9')
        return false;
    return q[regs[i].digits] == '\0';
  }
  return false;
}
