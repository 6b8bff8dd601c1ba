/* The ground-code parser: every notation, every role, every trap.  Each
 * case is a short made-up text and the codes expected in it, in order,
 * as ground / role / raw text. */
#include <stdint.h>

#include "lib/core/internal.h"
#include "lib/grounds/internal.h"
#include "test.h"

typedef struct want {
  const char *ground; /* NULL for an unknown code */
  const char *role;
  const char *raw;
} want;

typedef struct tcase {
  const char *name;
  const char *text;
  int unknown; /* options.include_unknown */
  want w[8];   /* ends at raw == NULL */
} tcase;

static const tcase cases[] = {
    /* ---- notations -------------------------------------------------- */
    {"dotted", "Gesproken met 5.1.2.e over de planning.", 0,
     {{"5.1.2.e", "marker", "5.1.2.e"}}},
    {"compact", "Gesproken met 5.1.2e over de planning.", 0,
     {{"5.1.2.e", "marker", "5.1.2e"}}},
    {"comma", "Gesproken met 5.1.2,e en met 5.1,2,e.", 0,
     {{"5.1.2.e", "marker", "5.1.2,e"}, {"5.1.2.e", "marker", "5.1,2,e"}}},
    {"lid", "Weggelaten: 5.1 lid 2 sub e over de bewoner.", 0,
     {{"5.1.2.e", "marker", "5.1 lid 2 sub e"}}},
    {"article style", "Contact: art. 5.1 lid 2 sub e Woo via de balie.", 0,
     {{"5.1.2.e", "marker", "art. 5.1 lid 2 sub e Woo"}}},
    {"superscript", "- Casus ^{4.1.4} - ^{5.1.2,e}", 0,
     {{"4.1.4", "marker", "^{4.1.4}"}, {"5.1.2.e", "marker", "^{5.1.2,e}"}}},
    {"wob dotted compact spaced", "Met 10.2.e en 10.2e, daarna 10 2 e.", 0,
     {{"10.2.e", "marker", "10.2.e"},
      {"10.2.e", "marker", "10.2e"},
      {"10.2.e", "marker", "10 2 e"}}},
    {"dot then space", "bespreking met 10.2 e over de kosten", 0,
     {{"10.2.e", "marker", "10.2 e"}}},
    {"g read as 9", "Offerte met de prijs 10.2.9 per uur.", 0,
     {{"10.2.g", "marker", "10.2.9"}}},
    {"ocr spaced digits", "Brief aan 1 0 .2.e over 1 0 .1 .c.", 0,
     {{"10.2.e", "marker", "1 0 .2.e"}, {"10.1.c", "marker", "1 0 .1 .c"}}},
    {"ocr I for 1", "Offerte van 10.I.c aan de gemeente.", 0,
     {{"10.1.c", "marker", "10.I.c"}}},
    {"paren", "Notitie (10)(2e) en (11)(1) en (10)(1d).", 0,
     {{"10.2.e", "marker", "(10)(2e)"},
      {"11.1", "marker", "(11)(1)"},
      {"10.1.d", "marker", "(10)(1d)"}}},
    {"paren list", "3      60017   Verslag overleg     (10)(2a);(10)(2e);(11)(1)\n",
     0,
     {{"10.2.a", "table", "(10)(2a)"},
      {"10.2.e", "table", "(10)(2e)"},
      {"11.1", "table", "(11)(1)"}}},
    {"art prefix", "4.   Verslag overleg   Gedeeltelijk   Art. 10.2.e.\n", 0,
     {{"10.2.e", "table", "Art. 10.2.e"}}},
    {"woo digit codes", "Zie bijlage: 4.1.4 en ook 5.1.5 en 5.2.1 weggelaten", 0,
     {{"4.1.4", "marker", "4.1.4"},
      {"5.1.5", "marker", "5.1.5"},
      {"5.2.1", "marker", "5.2.1"}}},
    {"wob digit codes", "Concept 11.1 weggelaten, en ook 11,1;", 0,
     {{"11.1", "marker", "11.1"}, {"11.1", "marker", "11,1"}}},
    {"glued to mail", "Van: 10.2.e@gemeente.nl; cc 10.2.e @provincie.nl", 0,
     {{"10.2.e", "marker", "10.2.e"}, {"10.2.e", "marker", "10.2.e"}}},
    {"glued to word", "Beste Mevr.10.2.e, dank", 0,
     {{"10.2.e", "marker", "10.2.e"}}},
    {"in brackets in a title", "RE: klacht (10.2e)/aanvraag", 0,
     {{"10.2.e", "marker", "10.2e"}}},
    {"10.1.c", "Het bedrag van 10.1.c wordt gedekt.", 0,
     {{"10.1.c", "marker", "10.1.c"}}},

    /* ---- lists ------------------------------------------------------ */
    {"list plus", "Meer details\n10.1.c + 10.2.g + 11.1\n", 0,
     {{"10.1.c", "marker", "10.1.c"},
      {"10.2.g", "marker", "10.2.g"},
      {"11.1", "marker", "11.1"}}},
    {"list en comma", "7  12-3-2019  Offerte   Deels openbaar.   10.1.c, 10.2.e en 10.2.9\n",
     0,
     {{"deels openbaar", "status", "Deels openbaar"},
      {"10.1.c", "table", "10.1.c"},
      {"10.2.e", "table", "10.2.e"},
      {"10.2.g", "table", "10.2.9"}}},
    {"list slash", "  12   Memo   niet openbaar   10.2.e/10.2.g\n", 0,
     {{"niet openbaar", "status", "niet openbaar"},
      {"10.2.e", "table", "10.2.e"},
      {"10.2.g", "table", "10.2.g"}}},
    {"list with status", "4   9-7-2019   RE: Overleg   Deels Openbaar 10.2.e;buiten verzoek   1004\n",
     0,
     {{"deels openbaar", "status", "Deels Openbaar"},
      {"10.2.e", "table", "10.2.e"},
      {"buiten reikwijdte", "status", "buiten verzoek"}}},
    {"list dubbel", "18  30-11-2020  RE: Inzet   Deels Openbaar 10.2.e;11.1;dubbel   9853\n",
     0,
     {{"deels openbaar", "status", "Deels Openbaar"},
      {"10.2.e", "table", "10.2.e"},
      {"11.1", "table", "11.1"},
      {"dubbel", "status", "dubbel"}}},
    {"comma 11,1 in a row", "17  5-1-2021  e-mail  deels openbaar   10.2.e, 11,1 en\n",
     0,
     {{"deels openbaar", "status", "deels openbaar"},
      {"10.2.e", "table", "10.2.e"},
      {"11.1", "table", "11,1"}}},

    /* ---- roles ------------------------------------------------------ */
    {"table column", "   1       Brief d.d. 4 maart 2019          Deels openbaar     10.1.d\n"
                     "                                                             10.2.e\n",
     0,
     {{"deels openbaar", "status", "Deels openbaar"},
      {"10.1.d", "table", "10.1.d"},
      {"10.2.e", "table", "10.2.e"}}},
    {"data table", "108   3 Vleesbiggen      10.1.c\n 70   4 Vleesvarkens     10.1.c\n",
     0,
     {{"10.1.c", "table", "10.1.c"}, {"10.1.c", "table", "10.1.c"}}},
    {"wrapped verdict", "3.   01-06-2017   E-mail   Overleg     Deels     10.1.c\n"
                        "     13:51                 Visserij    openbaar  10.2.e\n",
     0,
     {{"10.1.c", "table", "10.1.c"},
      {"deels openbaar", "status", "openbaar"},
      {"10.2.e", "table", "10.2.e"}}},
    {"lid in a table", "     Conceptbrief aan de raad               Art. 11 lid 1 Wob\n"
                       "210  5 maart 2020  Brief over de aanpak     Niet-openbaar\n",
     0,
     {{"11.1", "table", "Art. 11 lid 1 Wob"},
      {"niet openbaar", "status", "Niet-openbaar"}}},
    {"prose citation",
     "Op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob blijft "
     "verstrekking achterwege.",
     0,
     {{"10.2.e", "citation",
       "artikel 10, tweede lid, aanhef en onder e, van de Wob"}}},
    {"prose woo", "Dit valt onder artikel 5.1, tweede lid, aanhef en onder e, van de Woo.",
     0,
     {{"5.1.2.e", "citation",
       "artikel 5.1, tweede lid, aanhef en onder e, van de Woo"}}},
    {"prose no aanhef", "(artikel 10, tweede lid, onder e,\nvan de Wob)", 0,
     {{"10.2.e", "citation", "artikel 10, tweede lid, onder e,\nvan de Wob"}}},
    {"prose two letters", "artikel 10, eerste lid, aanhef en onder c en d, bedoelde", 0,
     {{"10.1.c", "citation", "artikel 10, eerste lid, aanhef en onder c"},
      {"10.1.d", "citation", "d"}}},
    {"prose 11", "Artikel 11, eerste lid, van de Wob bepaalt dat", 0,
     {{"11.1", "citation", "Artikel 11, eerste lid, van de Wob"}}},
    {"prose dotted", "op grond van artikel 10.2.e Wob geweigerd", 0,
     {{"10.2.e", "citation", "artikel 10.2.e"}}},
    {"mention", "onleesbaar gemaakt onder vermelding van 10.2.e. Namen", 0,
     {{"10.2.e", "citation", "10.2.e"}}},
    {"quoted mention", "de aanduiding \xE2\x80\x98(10)(1c)\xE2\x80\x99.", 0,
     {{"10.1.c", "citation", "(10)(1c)"}}},
    {"letter layout marker", "Dhr. 10.2.e                                   Directie Wonen\n",
     0,
     {{"10.2.e", "marker", "10.2.e"}}},
    {"status bracket label", "met het verlenen van (buiten reikwijdte\n     ). Daarna", 0,
     {{"buiten reikwijdte", "status", "buiten reikwijdte"}}},
    {"status valt buiten", "  4.   Interne mail    29-1-2015     Valt buiten reikwijdte verzoek\n",
     0,
     {{"buiten reikwijdte", "status", "buiten reikwijdte verzoek"}}},
    {"status ocr split", "     2   115326   Notitie   D eels O penbaar   1 0 .2 .e\n", 0,
     {{"deels openbaar", "status", "D eels O penbaar"},
      {"10.2.e", "table", "1 0 .2 .e"}}},
    {"status squeezed", "9-4-2019 11:51 E-mail FW: Opdracht Deels openbaar 10.2.e IenW\n", 0,
     {{"deels openbaar", "status", "Deels openbaar"},
      {"10.2.e", "table", "10.2.e"}}},

    /* ---- unknown codes ---------------------------------------------- */
    {"unknown hidden", "Zie 10.2.h en 5.1.3.e en 5.1.2.j.", 0, {{0}}},
    {"unknown shown", "Zie 10.2.h en 5.1.3.e en 5.1.2.j.", 1,
     {{NULL, "marker", "10.2.h"},
      {NULL, "marker", "5.1.3.e"},
      {NULL, "marker", "5.1.2.j"}}},

    /* ---- traps: nothing here is a code ------------------------------ */
    {"section numbers",
     "4. Stand van zaken\n1.2 Inleiding\n4.1.4 Resultaten van de pilot\n"
     "4.1. Preventieve handhaving\n11.1  Bijlage bij de nota\n",
     1, {{0}}},
    {"dates", "Op 13-01-2020, 1.5.2020 en 10.2.2021 en 5.1.2020 vergaderd.", 1,
     {{0}}},
    {"times", "Aanvang 10.11 uur, einde 11.1 uur, pauze om 10:2.", 1, {{0}}},
    {"quantities",
     "Er is 10,19 gram gevonden, 5,1 miljoen besteed, 11,1% gegroeid en "
     "\xE2\x82\xAC 10,2 mln gereserveerd; \xE2\x82\xAC 11,1 bleef over.",
     1, {{0}}},
    {"ordinals", "Het 102e OMT en de 11e vergadering en de 10e keer.", 1,
     {{0}}},
    {"versions and ips", "Versie 10.2.9.1 draait op 192.168.10.2 en 10.2.4.5.", 1,
     {{0}}},
    {"references", "Zie pagina 11.1 en paragraaf 4.1.4 en \xC2\xA7 4.1.4 en nr. 5.2.1.",
     1, {{0}}},
    {"phone and amounts", "Bel 010-2345678 of 06 11 1 2 33 44; kosten 10.250 euro.",
     1, {{0}}},
    {"status words in prose",
     "Het is dubbel zo groot. Ik maak dit niet openbaar. Het is reeds openbaar "
     "en deels openbaar gemaakt; dit valt buiten de reikwijdte van uw verzoek.",
     0, {{0}}},
    {"status heading", "Toelichting\n\nBuiten reikwijdte\nEnkele documenten bevatten", 0,
     {{0}}},
    {"law text", "4. Het eerste lid, aanhef en onder c en d, het tweede lid, aanhef en onder e, zijn",
     1, {{0}}},
    {"other articles", "Ingevolge artikel 3, vijfde lid, van de Wob en artikel 19.1a, eerste lid,",
     1, {{0}}},
    {"seed-like header",
     "datum: 13 januari 2020\n\n- **WPI, RN en ID zijn afwezig.**\n"
     "4. Stand van zaken doorontwikkeling\n1. Basisinformatie; 2. Kentallen; 3 delen",
     1, {{0}}},
    {"words after 11.1", "Overleg 11.1 en 11.1 en alles", 0,
     {{"11.1", "marker", "11.1"}, {"11.1", "marker", "11.1"}}},

    /* ---- product versions ------------------------------------------- */
    /* A number after a product name or a version word is a version. */
    {"version after product", "We draaien ArcGIS Enterprise 11.1 op de server.", 1,
     {{0}}},
    {"version after camel case", "Het portaal draait op SharePoint 5.1.5 sinds maart.",
     1, {{0}}},
    {"version after known software", "De koppeling vraagt Java 11.1 of nieuwer.", 1,
     {{0}}},
    {"version after update", "Na de update 4.1.4 werkt de app weer; zie ook Update 5.2.1.",
     1, {{0}}},
    {"version words", "Opgelost in release 11.1, in v 5.2.1, patch 4.1.4 en version 11.1.",
     1, {{0}}},
    {"version damaged g", "Installeer Oracle Database 10.2.9 op de testserver.", 1,
     {{0}}},
    {"version beside a marker", "Gesprek met 5.1.2.e over ArcGIS Enterprise 11.1 gevoerd.",
     0, {{"5.1.2.e", "marker", "5.1.2.e"}}},
    /* A capitalised name mid-sentence before a digit-only code, in a text
     * with no other code: a product version. */
    {"version lone product", "De overstap naar Navigator 11.1 is gepland.", 1, {{0}}},
    /* The same shape in a redacted text keeps its code. */
    {"capital before code in a redacted text",
     "Advies van DGMI 5.2.1 en verder 5.1.2.e aanwezig.", 0,
     {{"5.2.1", "marker", "5.2.1"}, {"5.1.2.e", "marker", "5.1.2.e"}}},
    {"sentence start keeps", "Toelichting. Concept 11.1 is weggelaten.", 0,
     {{"11.1", "marker", "11.1"}}},
    {"superscript after product keeps", "Overleg over Corsa ^{5.2.1} gevoerd.", 0,
     {{"5.2.1", "marker", "^{5.2.1}"}}},
    {"concept versie in a grounds cell",
     "31.2   Bijlage: plan van aanpak   niet openbaar: concept versie 11.1   BZK\n",
     0,
     {{"niet openbaar", "status", "niet openbaar"},
      {"11.1", "table", "11.1"}}},
    {"concept versie in its own cell",
     "12   Notitie ketenoverleg   Niet openbaar   concept versie 11.1\n", 0,
     {{"niet openbaar", "status", "Niet openbaar"},
      {"11.1", "table", "11.1"}}},
    {"version in an inventory title",
     "14   Handleiding ArcGIS Enterprise 11.1   Deels openbaar   5.1.2.e\n", 0,
     {{"deels openbaar", "status", "Deels openbaar"},
      {"5.1.2.e", "table", "5.1.2.e"}}},
    {"versie in a title before the verdict",
     "15   Notitie versie 11.1   Niet openbaar   5.2.1\n", 0,
     {{"niet openbaar", "status", "Niet openbaar"},
      {"5.2.1", "table", "5.2.1"}}},

    /* ---- lid forms -------------------------------------------------- */
    {"lid bare letter", "Geweigerd op grond van Art. 10 lid 2 e Wob.", 0,
     {{"10.2.e", "citation", "Art. 10 lid 2 e Wob"}}},
    {"lid commas sub", "Geweigerd op grond van art. 10, lid 2, sub e Wob.", 0,
     {{"10.2.e", "citation", "art. 10, lid 2, sub e Wob"}}},
    {"lid onder", "Zoals bedoeld in artikel 10 lid 2 onder e Wob.", 0,
     {{"10.2.e", "citation", "artikel 10 lid 2 onder e Wob"}}},
    {"lid onder woo", "Geweigerd op grond van art. 5.1 lid 2 onder e Woo.", 0,
     {{"5.1.2.e", "citation", "art. 5.1 lid 2 onder e Woo"}}},
    {"lid bare letter comma law", "Dit valt onder artikel 5.1, lid 2 e, Woo.", 0,
     {{"5.1.2.e", "citation", "artikel 5.1, lid 2 e, Woo"}}},
    {"lid bare letters listed", "Op grond van art. 10 lid 2 e en g Wob geweigerd.", 0,
     {{"10.2.e", "citation", "art. 10 lid 2 e"}, {"10.2.g", "citation", "g"}}},
    {"lid glued letter with law", "Geweigerd op grond van art. 10 lid 2e Wob.", 0,
     {{"10.2.e", "citation", "art. 10 lid 2e Wob"}}},
    {"lid bare letter in a row", "7   Memo   Deels openbaar   Art. 10 lid 2 e Wob\n", 0,
     {{"deels openbaar", "status", "Deels openbaar"},
      {"10.2.e", "table", "Art. 10 lid 2 e Wob"}}},
    /* Not a sub-paragraph letter: words, abbreviations, letters where the
     * article has none, a letter without article or law around it. */
    {"lid letter traps",
     "Zie artikel 10 lid 2 e-mail. Artikel 10 lid 2 e.v. geldt. Artikel 11 lid 1 a "
     "bepaalt. Er zijn 10 lid 2 e.",
     1, {{"11.1", "citation", "Artikel 11 lid 1"}}},

    /* ---- Markdown pipe tables ---------------------------------------- */
    {"pipe table row",
     "| nr | document | beoordeling | grond |\n|---|---|---|---|\n"
     "| 3 | e-mail | deels openbaar | 5.1.2.e |\n"
     "| 4 | nota | niet openbaar | 5.1.2.e, 5.2.1 |\n",
     0,
     {{"deels openbaar", "status", "deels openbaar"},
      {"5.1.2.e", "table", "5.1.2.e"},
      {"niet openbaar", "status", "niet openbaar"},
      {"5.1.2.e", "table", "5.1.2.e"},
      {"5.2.1", "table", "5.2.1"}}},
    {"pipe table grounds column",
     "| Nr. | Document | Weigeringsgrond |\n| --- | --- | --- |\n"
     "| 5 | verslag | 5.1.2.e |\n| 6 | brief | 4.1.4 |\n",
     0,
     {{"5.1.2.e", "table", "5.1.2.e"}, {"4.1.4", "table", "4.1.4"}}},
    {"pipe table without outer pipes",
     "nr | document | beoordeling | grond\n3 | e-mail | deels openbaar | 5.1.2.e\n", 0,
     {{"deels openbaar", "status", "deels openbaar"},
      {"5.1.2.e", "table", "5.1.2.e"}}},
    /* A withheld name in a table of people stands where text was. */
    {"pipe table of people",
     "| Naam | Functie |\n|---|---|\n| 5.1.2.e | beleidsmedewerker |\n", 0,
     {{"5.1.2.e", "marker", "5.1.2.e"}}},
    {"pipe table of action points",
     "Actiepunten\n| nr | omschrijving | trekker | datum |\n|---|---|---|---|\n"
     "| 5.1 | Uren webredactie | 5.1.2.e | 1 maart |\n"
     "| 5.2 | Offerte | 5.1.2.e, 5.1.2.h | 22 februari |\n",
     0,
     {{"5.1.2.e", "marker", "5.1.2.e"},
      {"5.1.2.e", "marker", "5.1.2.e"},
      {"5.1.2.h", "marker", "5.1.2.h"}}},
    {"pipe in prose", "Project A | 5.1.2.e besprak de planning met ons.", 0,
     {{"5.1.2.e", "marker", "5.1.2.e"}}},
};

static void run_case(const tcase *tc) {
  woo_codes *list = NULL;
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  o.include_unknown = tc->unknown;
  size_t len = strlen(tc->text);
  int rc = woo_codes_find(&list, tc->text, len, &o);
  CHECK_INT(rc, 0);
  size_t want_n = 0;
  while (want_n < 8 && tc->w[want_n].raw)
    want_n++;
  size_t got = woo_codes_count(list);
  if (got != want_n) {
    fprintf(stderr, "case \"%s\": %zu codes, expected %zu\n", tc->name, got,
            want_n);
    for (size_t i = 0; i < got; i++) {
      const woo_code *c = woo_codes_at(list, i);
      fprintf(stderr, "  got %s %s \"%.*s\"\n",
              c->ground ? c->ground->code : "?", woo_code_role_name(c->role),
              (int)(c->end - c->start), tc->text + c->start);
    }
  }
  CHECK_INT(got, want_n);
  for (size_t i = 0; i < got && i < want_n; i++) {
    const woo_code *c = woo_codes_at(list, i);
    const want *w = &tc->w[i];
    char raw[128];
    size_t n = c->end - c->start;
    CHECK(c->start < c->end && c->end <= len);
    snprintf(raw, sizeof raw, "%.*s", (int)n, tc->text + c->start);
    int ok = strcmp(raw, w->raw) == 0 &&
             strcmp(woo_code_role_name(c->role), w->role) == 0 &&
             (w->ground ? c->ground && strcmp(c->ground->code, w->ground) == 0
                        : c->ground == NULL &&
                              (c->flags & WOO_CODE_UNKNOWN));
    if (!ok)
      fprintf(stderr,
              "case \"%s\" #%zu: got %s %s \"%s\", expected %s %s \"%s\"\n",
              tc->name, i, c->ground ? c->ground->code : "?",
              woo_code_role_name(c->role), raw, w->ground ? w->ground : "?",
              w->role, w->raw);
    CHECK(ok);
  }
  woo_codes_free(list);
}

TEST(t_cases) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    run_case(&cases[i]);
}

static const woo_code *first(woo_codes **list, const char *text) {
  woo_codes_free(*list);
  *list = NULL;
  if (woo_codes_find(list, text, strlen(text), NULL) != 0)
    return NULL;
  return woo_codes_at(*list, 0);
}

TEST(t_notations_and_flags) {
  woo_codes *l = NULL;
  const woo_code *c;
  struct {
    const char *text;
    woo_notation n;
  } ns[] = {{"met 5.1.2.e.", WOO_NOTATION_DOTTED},
            {"met 5.1.2e.", WOO_NOTATION_COMPACT},
            {"met 5.1,2,e.", WOO_NOTATION_COMMA},
            {"met 10 2 e.", WOO_NOTATION_SPACED},
            {"met 5.1 lid 2 sub e.", WOO_NOTATION_LID},
            {"met (10)(2e).", WOO_NOTATION_PAREN},
            {"volgens artikel 10, tweede lid, onder e, van de Wob",
             WOO_NOTATION_PROSE}};
  for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
    c = first(&l, ns[i].text);
    CHECK(c != NULL);
    if (c)
      CHECK_STR(woo_notation_name(c->notation), woo_notation_name(ns[i].n));
  }
  c = first(&l, "prijs 10.2.9 per stuk");
  CHECK(c && (c->flags & WOO_CODE_REPAIRED) && !strcmp(c->ground->code, "10.2.g"));
  c = first(&l, "casus ^{4.1.4} besproken");
  CHECK(c && (c->flags & WOO_CODE_SUPERSCRIPT) && c->start == 6 && c->end == 14);
  c = first(&l, "gronden 10.2.e; 10.2.g");
  CHECK(c && (c->flags & WOO_CODE_IN_LIST));
  c = first(&l, "met 5.1,2,e en");
  CHECK(c && !(c->flags & (WOO_CODE_IN_LIST | WOO_CODE_REPAIRED)));
  CHECK(c && c->ground->law == WOO_LAW_WOO);
  c = first(&l, "met 10.2.e en");
  CHECK(c && c->ground->law == WOO_LAW_WOB);
  /* A number kept beside other codes carries only the public flags. */
  c = first(&l, "Advies van DGMI 5.2.1 en verder 5.1.2.e aanwezig.");
  CHECK(c && !strcmp(c->ground->code, "5.2.1") &&
        (c->flags & ~(unsigned)(WOO_CODE_REPAIRED | WOO_CODE_SUPERSCRIPT |
                                 WOO_CODE_IN_LIST | WOO_CODE_UNKNOWN)) == 0);
  c = first(&l, "  7   Memo   buiten verzoek\n");
  CHECK(c && c->notation == WOO_NOTATION_WORD && c->role == WOO_ROLE_STATUS);
  CHECK(c && !strcmp(c->ground->code, "buiten reikwijdte"));
  woo_codes_free(l);
}

TEST(t_options) {
  woo_codes *l = NULL;
  const char *t = "Op grond van artikel 10, tweede lid, aanhef en onder e, van "
                  "de Wob is 10.2.e weggelaten.";
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  CHECK_INT(woo_codes_find(&l, t, strlen(t), &o), 0);
  CHECK_INT(woo_codes_count(l), 2);
  woo_codes_free(l);
  o.include_citations = 0;
  CHECK_INT(woo_codes_find(&l, t, strlen(t), &o), 0);
  CHECK_INT(woo_codes_count(l), 1);
  CHECK(woo_codes_at(l, 0)->role == WOO_ROLE_MARKER);
  CHECK(woo_codes_at(l, 1) == NULL);
  woo_codes_free(l);
  o.version = 99;
  CHECK_INT(woo_codes_find(&l, t, strlen(t), &o), WOO_EINVAL);
  CHECK(l == NULL);
  CHECK_INT(woo_codes_find(NULL, t, 1, NULL), WOO_EINVAL);
  CHECK_INT(woo_codes_find(&l, NULL, 5, NULL), WOO_EINVAL);
  CHECK_INT(woo_codes_find(&l, NULL, 0, NULL), 0);
  CHECK_INT(woo_codes_count(l), 0);
  woo_codes_free(l);
  woo_codes_free(NULL);
  CHECK_INT(woo_codes_count(NULL), 0);
  CHECK_STR(woo_code_role_name(WOO_ROLE_CITATION), "citation");
  CHECK_STR(woo_code_role_name((woo_code_role)9), "unknown");
  CHECK_STR(woo_notation_name(WOO_NOTATION_PAREN), "paren");
  CHECK_STR(woo_notation_name((woo_notation)42), "unknown");
}

/* Never read past len: a code cut off at the end of the buffer. */
TEST(t_bounds) {
  const char *full = "met 5.1.2.e";
  for (size_t n = 0; n <= strlen(full); n++) {
    char *copy = malloc(n ? n : 1); /* no NUL: ASan catches over-reads */
    memcpy(copy, full, n);
    woo_codes *l = NULL;
    CHECK_INT(woo_codes_find(&l, copy, n, NULL), 0);
    for (size_t i = 0; i < woo_codes_count(l); i++)
      CHECK(woo_codes_at(l, i)->end <= n);
    woo_codes_free(l);
    free(copy);
  }
  /* Invalid UTF-8 around codes. */
  const char bad[] = "\xff\xfe 10.2.e \xc3\x28 (10)(2e)\xe2\x82";
  woo_codes *l = NULL;
  CHECK_INT(woo_codes_find(&l, bad, sizeof bad - 1, NULL), 0);
  CHECK_INT(woo_codes_count(l), 2);
  woo_codes_free(l);
}

/* Linear time: a large text made of near-codes and traps is scanned in
 * one pass; a quadratic parser would take minutes here. */
TEST(t_linear) {
  const char *unit = "10.2.e  11,1% 4.1.4 Titel 1 0 .2.e deels openbaar "
                     "artikel 10, tweede lid, ";
  size_t ul = strlen(unit), reps = 40000, n = ul * reps;
  char *big = malloc(n);
  for (size_t i = 0; i < reps; i++)
    memcpy(big + i * ul, unit, ul);
  woo_codes *l = NULL;
  CHECK_INT(woo_codes_find(&l, big, n, NULL), 0);
  CHECK(woo_codes_count(l) >= reps);
  woo_codes_free(l);
  /* A long Markdown table of action points, a code in every other row
   * and long rows: the table's header is looked up once. */
  {
    const char *head = "| nr | actie | trekker |\n";
    char row[2048];
    memset(row, ' ', sizeof row);
    memcpy(row, "| 1 | actie | ", 14);
    memcpy(row + sizeof row - 3, " |\n", 3);
    size_t hl = strlen(head), rl = sizeof row, k = 0, rows = 0;
    memcpy(big, head, hl);
    k = hl;
    while (k + 2 * rl < n) {
      memcpy(big + k, row, rl);
      memcpy(big + k + 14, "5.1.2.e", 7);
      memcpy(big + k + rl, row, rl);
      k += 2 * rl;
      rows++;
    }
    CHECK_INT(woo_codes_find(&l, big, k, NULL), 0);
    CHECK_INT(woo_codes_count(l), rows);
    CHECK(woo_codes_count(l) > 0 &&
          woo_codes_at(l, 0)->role == WOO_ROLE_MARKER);
    woo_codes_free(l);
  }
  /* One huge line of digits and dots. */
  memset(big, '1', n);
  for (size_t i = 0; i < n; i += 3)
    big[i] = '.';
  CHECK_INT(woo_codes_find(&l, big, n, NULL), 0);
  CHECK_INT(woo_codes_count(l), 0);
  woo_codes_free(l);
  free(big);
}

int main(void) {
  RUN(t_cases);
  RUN(t_notations_and_flags);
  RUN(t_options);
  RUN(t_bounds);
  RUN(t_linear);
  TEST_END();
}
