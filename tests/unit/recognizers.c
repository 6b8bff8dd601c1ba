/* Recognizers for contact, identity and security data, table-driven.
 *
 * Every number here is made up: the BSNs were chosen to pass the 11-test
 * and the IBANs were given check digits that pass mod 97, with invented
 * account numbers.  Each case names the text, the recognizer, and the
 * span it must find (NULL: it must find nothing at or above the default
 * threshold of 0.5).  Texts are copied into buffers of their exact
 * length, so a read past the end shows up under ASan. */
#include <stdint.h>
#include <time.h>

#include "lib/detect/internal.h"
#include "lib/detect/markers.h"
#include "lib/detect/policy.h"
#include "test.h"

#define THRESHOLD 0.5

typedef int (*find_fn)(const woo__scan_ctx *, woo__hits *);

typedef struct rec {
  const char *name;
  find_fn fn;
  woo_entity entity;
  int pos, neg; /* cases run */
} rec;

static rec recs[] = {
    {"email", woo__find_email, WOO_ENTITY_EMAIL, 0, 0},
    {"phone", woo__find_phone, WOO_ENTITY_PHONE, 0, 0},
    {"bsn", woo__find_bsn, WOO_ENTITY_BSN, 0, 0},
    {"iban", woo__find_iban, WOO_ENTITY_IBAN, 0, 0},
    {"address", woo__find_address, WOO_ENTITY_ADDRESS, 0, 0},
    {"plate", woo__find_plate, WOO_ENTITY_PLATE, 0, 0},
    {"birthdate", woo__find_birthdate, WOO_ENTITY_BIRTHDATE, 0, 0},
    {"idnumber", woo__find_idnumber, WOO_ENTITY_IDNUMBER, 0, 0},
    {"url", woo__find_url, WOO_ENTITY_URL, 0, 0},
    {"ip", woo__find_ip, WOO_ENTITY_IP, 0, 0},
    {"hostname", woo__find_hostname, WOO_ENTITY_HOSTNAME, 0, 0},
    {"secret", woo__find_secret, WOO_ENTITY_SECRET, 0, 0},
};
#define NRECS (sizeof recs / sizeof recs[0])

enum {
  R_EMAIL, R_PHONE, R_BSN, R_IBAN, R_ADDRESS, R_PLATE, R_BIRTH, R_ID,
  R_URL, R_IP, R_HOST, R_SECRET
};

typedef struct tcase {
  int rec;
  const char *text;
  const char *want; /* the span found, or NULL for none */
} tcase;

static const tcase cases[] = {
    /* ---- e-mail ---- */
    {R_EMAIL, "Van: jan.devries@minvws.nl", "jan.devries@minvws.nl"},
    {R_EMAIL, "mail j.devries@example.org.", "j.devries@example.org"},
    {R_EMAIL, "cc jdevries@gemeente-dorp.nl;", "jdevries@gemeente-dorp.nl"},
    {R_EMAIL, "<jan@voorbeeld.nl>", "jan@voorbeeld.nl"},
    {R_EMAIL, "(a.b.el-amrani@rvo.nl)", "a.b.el-amrani@rvo.nl"},
    {R_EMAIL, "mail naar info@rijksoverheid.nl", NULL},
    {R_EMAIL, "Secretariaat@minbzk.nl", NULL},
    {R_EMAIL, "noreply@overheid.nl", NULL},
    {R_EMAIL, "postbus@rvo.nl", NULL},
    {R_EMAIL, "servicedesk@ssc-ict.nl", NULL},
    {R_EMAIL, "woo@minlnv.nl en wob@minbuza.nl", NULL},
    {R_EMAIL, "fokkerij@rvo.nl", NULL},
    {R_EMAIL, "KPEU_Wob@rvo.nl", NULL},
    {R_EMAIL, "WJZ.bezwaarenberoep@minvws.nl", NULL},
    {R_EMAIL, "teamvergunningen@dorp.nl", NULL},
    {R_EMAIL, "Van:    10.2.e @rvo.nl", NULL},
    {R_EMAIL, "10.2.e@rvo.nl", NULL},
    {R_EMAIL, "5.1.2e@minezk.nl", NULL},
    {R_EMAIL, "https://www.raadvanstate.nl/uitspraken/@95293/", NULL},
    {R_EMAIL, "prijs @ 5 euro", NULL},
    {R_EMAIL, "jan@localhost", NULL},

    /* ---- phone ---- */
    {R_PHONE, "bel 06-12345678 morgen", "06-12345678"},
    {R_PHONE, "M 06 1234 5678", "06 1234 5678"},
    {R_PHONE, "0612345678", "0612345678"},
    {R_PHONE, "tel. 020-1234567", "020-1234567"},
    {R_PHONE, "telefoon 070 123 45 67.", "070 123 45 67"},
    {R_PHONE, "(070) 1234567", "(070) 1234567"},
    {R_PHONE, "+31 6 12345678", "+31 6 12345678"},
    {R_PHONE, "+31(0)6-12345678", "+31(0)6-12345678"},
    {R_PHONE, "+31 (0)70 123 45 67", "+31 (0)70 123 45 67"},
    {R_PHONE, "0031 6 12345678", "0031 6 12345678"},
    {R_PHONE, "0031 20 1234567", "0031 20 1234567"},
    {R_PHONE, "+32 2 123 45 67", "+32 2 123 45 67"},
    {R_PHONE, "+49 30 1234567", "+49 30 1234567"},
    {R_PHONE, "+44 20 7946 0000", "+44 20 7946 0000"},
    {R_PHONE, "+1 202 555 0100", "+1 202 555 0100"},
    {R_PHONE, "06-12345678 12 keer", "06-12345678"},
    {R_PHONE, "Datum 06-09-2021", NULL},
    {R_PHONE, "op 06-12-2021 14:00 uur", NULL},
    {R_PHONE, "08.30-12.30 13.30-17.00", NULL},
    {R_PHONE, "kosten 0,50 per minuut", NULL},
    {R_PHONE, "zaaknummer 0123456789", NULL},
    {R_PHONE, "ons kenmerk 2020/0123456789", NULL},
    {R_PHONE, "postcode 1234 AB", NULL},
    {R_PHONE, "BSN 123456782", NULL},
    {R_PHONE, "om 14:00 uur", NULL},
    {R_PHONE, "Telefoon 14 020", NULL},
    {R_PHONE, "bel gratis 0800-1234567", NULL},
    {R_PHONE, "0900-8844", NULL},
    {R_PHONE, "inventaris 0170531", NULL},
    {R_PHONE, "document 019 020 021", NULL},
    {R_PHONE, "Postbus 20401\n2500 EK Den Haag\nT 070 340 79 11", NULL},
    {R_PHONE, "T 088 042 42 42", NULL},
    {R_PHONE, "Ministerie van EZK\nPostbus 20401\nM 06 12345678",
     "06 12345678"},

    /* ---- BSN ---- */
    {R_BSN, "BSN: 725763863", "725763863"},
    {R_BSN, "burgerservicenummer 725.763.863", "725.763.863"},
    {R_BSN, "bsn 7257 63 863.", "7257 63 863"},
    {R_BSN, "sofinummer 162 275 869", "162 275 869"},
    {R_BSN, "nummer 192285142 staat", "192285142"},
    {R_BSN, "BSN 34127884 (zonder voorloopnul)", "34127884"},
    {R_BSN, "BSN 123456789", NULL},
    {R_BSN, "ons kenmerk 691682483", NULL},
    {R_BSN, "bedrag € 987.825.707", NULL},
    {R_BSN, "totaal 987.825.707,00", NULL},
    {R_BSN, "0612345678", NULL},
    {R_BSN, "nummer 34127884", NULL},
    {R_BSN, "ECLI:NL:RVS:2014:1723 zaak 201307084", NULL},
    {R_BSN, "000000000", NULL},
    {R_BSN, "code 7257638631", NULL},

    /* ---- IBAN ---- */
    {R_IBAN, "IBAN NL20INGB0001234567.", "NL20INGB0001234567"},
    {R_IBAN, "rekening NL81 RABO 0312 3456 78 t.n.v.",
     "NL81 RABO 0312 3456 78"},
    {R_IBAN, "BE68 5390 0754 7034", "BE68 5390 0754 7034"},
    {R_IBAN, "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"},
    {R_IBAN, "GB29NWBK60161331926819", "GB29NWBK60161331926819"},
    {R_IBAN, "NL21INGB0001234567", NULL},
    {R_IBAN, "NL20 INGB 0001 2345 6", NULL},
    {R_IBAN, "NL12 3456 7890 1234 56", NULL},
    {R_IBAN, "AB12 cd", NULL},

    /* ---- addresses ---- */
    {R_ADDRESS, "woont op 1234 AB 56 sinds", "1234 AB 56"},
    {R_ADDRESS, "adres 1234AB 56-2", "1234AB 56-2"},
    /* Street, postcode and place are one address. */
    {R_ADDRESS, "Kerkstraat 12a, 1234 AB Dorp", "Kerkstraat 12a, 1234 AB Dorp"},
    {R_ADDRESS, "Post naar 1234 AB Den Haag graag", "1234 AB Den Haag"},
    /* A resident's name before the street is not part of it. */
    {R_ADDRESS, "Melding 12 Samira Haddou Kreeftstraat 9 en verder", "Kreeftstraat 9"},
    {R_ADDRESS, "Zij woont aan de Oude Gracht 12 in Utrecht", "Oude Gracht 12"},
    {R_ADDRESS, "Hij woont aan de Burgemeester van Leeuwenlaan 3-II.",
     "Burgemeester van Leeuwenlaan 3-II"},
    {R_ADDRESS, "Dhr. J. Jansen\nLindenhof 4\n9999 ZZ Ergens", "Lindenhof 4\n9999 ZZ Ergens"},
    {R_ADDRESS, "De Heerengracht 101 hs is verkocht", "Heerengracht 101 hs"},
    {R_ADDRESS, "Postbus 20350\n2500 EJ Den Haag", NULL},
    {R_ADDRESS, "Bezoekadres\nBezuidenhoutseweg 73\n2594 AC Den Haag", NULL},
    {R_ADDRESS, "Juridisch Bureau, Postbus 483, 1000 AL Amsterdam.", NULL},
    {R_ADDRESS, "Ministerie van BZK, Turfmarkt 147, 2511 DP Den Haag", NULL},
    {R_ADDRESS,
     "Dhr. 10.2.e                    Directie Innovatie\n"
     "                               Bezoekadres\n"
     "                               Bezuidenhoutseweg 73\n",
     NULL},
    {R_ADDRESS, "15 maart 2019 RE: Parkeren", NULL},
    {R_ADDRESS, "een vermogen van 1000 MW in 2030", NULL},
    {R_ADDRESS, "Vergadering 12 maart", NULL},
    {R_ADDRESS, "Arbeidsmarkt 2021", NULL},
    {R_ADDRESS, "de weg 12 km lang", NULL},
    {R_ADDRESS, "Stationsstraat 12%", NULL},
    {R_ADDRESS, "artikel 5.1.2 lid 2", NULL},
    /* Premises of a company, and that address wherever it recurs. */
    {R_ADDRESS, "12. Havenkade 7 - Brouwer Advocaten - brief\n"
                "13. Havenkade 7 reactie op zienswijze",
     NULL},
    {R_ADDRESS, "Lindelaan 3-Bakkerij Smit BV   Gedeeltelijk openbaar", NULL},
    {R_ADDRESS, "De garage bij Lindelaan 7 (cv en brief bijgevoegd)",
     "Lindelaan 7"},
    {R_ADDRESS, "Havenkade 7 - Jansen Installatietechniek BV\n"
                "Bewoner van Havenkade 9 klaagt",
     "Havenkade 9"},
    /* A site where a business is run, and its parts on later lines. */
    {R_ADDRESS, "het aantal dieren op locatie\nDorpsweg 2, 9999 ZZ Ergens.\n\n"
                "Dorpsweg 2\n\n9999 ZZ Ergens\n",
     NULL},
    {R_ADDRESS, "Vestigingsadres: Havenweg 4, 9999 ZZ Ergens", NULL},
    {R_ADDRESS, "van locatie Dorpsweg 2, 9999 ZZ Ergens\n"
                "Bewoner van Dorpsweg 24 klaagt",
     "Dorpsweg 24"},
    {R_ADDRESS, "de locatie is onbekend.\n\n\nKerkstraat 12", "Kerkstraat 12"},
    /* Streets named after a person, Frisian streets, a unit-like postcode
     * right after a street and number. */
    {R_ADDRESS, "was Pieter Callandlaan 12, 1065 KM Amsterdam, een",
     "Pieter Callandlaan 12, 1065 KM Amsterdam"},
    {R_ADDRESS, "Hij woont Jan van Galenstraat 4 in Amsterdam.",
     "Jan van Galenstraat 4"},
    {R_ADDRESS, "Adres: Dijksterwei 8, 9104 HG Damw\xc3\xa2ld",
     "Dijksterwei 8, 9104 HG Damw\xc3\xa2ld"},
    {R_ADDRESS, "op Hoge Erven 7 staat", "Hoge Erven 7"},
    {R_ADDRESS, "De centrale levert 1000 MW Vermogen.", NULL},
    /* A theatre, a park named more often without a number than with. */
    {R_ADDRESS, "Bezoek aan theater de Meervaart.\nDe nieuwe Meervaart opent.\n"
                "Bij de voordracht De Meervaart 2 kwam.",
     NULL},
    {R_ADDRESS, "Het Dorpspark is mooi, het Dorpspark ook.\n"
                "Mevrouw woont aan het Dorpspark 12.",
     "Dorpspark 12"},
    {R_ADDRESS, "De Meervaart opent.\nHij woont aan de Meervaart 2.",
     "Meervaart 2"},

    /* ---- licence plates ---- */
    {R_PLATE, "kenteken 12-BDF-3 gezien", "12-BDF-3"},
    {R_PLATE, "auto met GH-12-34", "GH-12-34"},
    {R_PLATE, "12-34-GH", "12-34-GH"},
    {R_PLATE, "12-GH-34", "12-GH-34"},
    {R_PLATE, "GH-12-JK", "GH-12-JK"},
    {R_PLATE, "GH-JK-12", "GH-JK-12"},
    {R_PLATE, "12-GH-JK", "12-GH-JK"},
    {R_PLATE, "1-BDF-23", "1-BDF-23"},
    {R_PLATE, "GH-123-J", "GH-123-J"},
    {R_PLATE, "G-123-JK", "G-123-JK"},
    {R_PLATE, "GHJ-12-K", "GHJ-12-K"},
    {R_PLATE, "G-12-HJK", "G-12-HJK"},
    {R_PLATE, "1-GH-234", "1-GH-234"},
    {R_PLATE, "123-GH-4", "123-GH-4"},
    {R_PLATE, "op 06-09-2021", NULL},
    {R_PLATE, "SS-12-34", NULL},
    {R_PLATE, "AB-12-34", NULL},
    {R_PLATE, "COVID-19", NULL},
    {R_PLATE, "X-12-34-56", NULL},
    {R_PLATE, "zaak 2020-BD-001", NULL},
    {R_PLATE, "gh-12-34", NULL},

    /* ---- dates of birth ---- */
    {R_BIRTH, "geboren op 12 maart 1978 te Dorp", "12 maart 1978"},
    {R_BIRTH, "geb. 12-03-1978", "12-03-1978"},
    {R_BIRTH, "Geboortedatum: 1978-03-12", "1978-03-12"},
    {R_BIRTH, "Geb.datum 12/3/1978", "12/3/1978"},
    {R_BIRTH, "geboren 3 mrt. 1978", "3 mrt. 1978"},
    {R_BIRTH, "vergadering van 12 maart 1978", NULL},
    {R_BIRTH, "J. Jansen (12-03-1978)", NULL},
    {R_BIRTH, "geboren in 1978", NULL},
    {R_BIRTH, "web. 12-03-1978", NULL},

    /* ---- ID documents ---- */
    {R_ID, "paspoortnummer NW1K2L3M4", "NW1K2L3M4"},
    {R_ID, "ID-kaart: IX12345R7 verlopen", "IX12345R7"},
    {R_ID, "documentnummer is SPECI2014 volgens", "SPECI2014"},
    {R_ID, "rijbewijsnummer 5012345678", "5012345678"},
    {R_ID, "Nederlands rijbewijs, nummer 5012345678", "5012345678"},
    {R_ID, "paspoort NO1234567", NULL},
    {R_ID, "paspoort aangevraagd op 12 maart", NULL},
    {R_ID, "nummer NW1K2L3M4 zonder context", NULL},
    {R_ID, "rijbewijs B sinds 2001", NULL},

    /* ---- personal URLs ---- */
    {R_URL, "zie https://www.linkedin.com/in/jan-de-vries-12345/ voor",
     "https://www.linkedin.com/in/jan-de-vries-12345"},
    {R_URL, "facebook.com/jan.devries.77", "facebook.com/jan.devries.77"},
    {R_URL, "https://twitter.com/jdevries_", "https://twitter.com/jdevries_"},
    {R_URL, "x.com/jdevries", "x.com/jdevries"},
    {R_URL, "instagram.com/jan.fotografie", "instagram.com/jan.fotografie"},
    {R_URL, "tiktok.com/@jandevries", "tiktok.com/@jandevries"},
    {R_URL, "https://www.linkedin.com/company/rijksoverheid", NULL},
    {R_URL, "twitter.com/rijksoverheid", NULL},
    {R_URL, "facebook.com/gemeenteamsterdam", NULL},
    {R_URL, "https://www.rijksoverheid.nl/ministeries", NULL},
    {R_URL, "facebook.com/sharer.php?u=x", NULL},
    {R_URL, "https://www.example.com/jan", NULL},

    /* ---- IP addresses ---- */
    {R_IP, "server op 192.168.1.10 draait", "192.168.1.10"},
    {R_IP, "vanaf 145.21.166.3.", "145.21.166.3"},
    {R_IP, "het IP-adres 10.0.0.1", "10.0.0.1"},
    {R_IP, "subnet 10.20.30.0/24", "10.20.30.0/24"},
    {R_IP, "proxy 172.16.4.200:8080", "172.16.4.200:8080"},
    {R_IP, "IPv6 2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"},
    {R_IP, "fe80::1ff:fe23:4567:890a/64", "fe80::1ff:fe23:4567:890a/64"},
    {R_IP, "versie 1.2.3.4", NULL},
    {R_IP, "artikel 10.2.1.4", NULL},
    {R_IP, "zie 10.2.1.4 hierboven", NULL},
    {R_IP, "1.256.3.4", NULL},
    {R_IP, "12.03.2020", NULL},
    {R_IP, "1.2.3.4.5", NULL},
    {R_IP, "om 10:30:00 uur", NULL},
    {R_IP, "Van: Aan: CC:", NULL},
    {R_IP, "01.02.03.04", NULL},

    /* ---- host names ---- */
    {R_HOST, "De server PRK-SRV01 draait nog", "PRK-SRV01"},
    {R_HOST, "printers (onder andere prn-mfp-bg01) zijn oud", "prn-mfp-bg01"},
    {R_HOST, "COVID-19 en fase-2", NULL},
    {R_HOST, "het netwerk: rapport SEC-2023-019 van de server", NULL},
    {R_HOST, "op server01.intern.local staat", "server01.intern.local"},
    {R_HOST, "fs1.corp draait", "fs1.corp"},
    {R_HOST, "dc01.ministerie.internal.", "dc01.ministerie.internal"},
    {R_HOST, "printer.lan", "printer.lan"},
    {R_HOST, "de server srv-app-01 viel uit", "srv-app-01"},
    {R_HOST, "DC-02 herstart", "DC-02"},
    {R_HOST, "host web-prd-ext-03 in de DMZ", "web-prd-ext-03"},
    {R_HOST, "besproken.Intern wordt", NULL},
    {R_HOST, "COVID-19", NULL},
    {R_HOST, "2021-01-01", NULL},
    {R_HOST, "www.rijksoverheid.nl", NULL},
    {R_HOST, "jan@corp.local", NULL},
    {R_HOST, "Noord-Holland 2", NULL},

    /* ---- passwords and codes ---- */
    {R_SECRET, "wachtwoord: Zomer2020!", "Zomer2020!"},
    {R_SECRET, "Password = hunter2.", "hunter2"},
    {R_SECRET, "de pincode 4821 is", "4821"},
    {R_SECRET, "Toegangscode: 99-AB-77", "99-AB-77"},
    {R_SECRET, "inlogcode: 'kx93pl'", "kx93pl"},
    {R_SECRET, "PIN 5931", "5931"},
    {R_SECRET, "het wachtwoord is Welkom01", "Welkom01"},
    {R_SECRET, "Tijdelijk wachtwoord voor het account: Gis!Test2023#x.",
     "Gis!Test2023#x"},
    {R_SECRET, "het standaardwachtwoord van de leverancier (1234).", "1234"},
    {R_SECRET, "toegangspin 6137", "6137"},
    {R_SECRET, "Het wachtwoord staat in de kluis. Zie: bijlage", NULL},
    {R_SECRET, "Het wachtwoord wordt per sms verstuurd", NULL},
    {R_SECRET, "wachtwoorden moeten lang zijn", NULL},
    {R_SECRET, "wachtwoord: 5.1.2.h", NULL},
    {R_SECRET, "wachtwoord: ********", NULL},
    {R_SECRET, "pincode vergeten", NULL},
    {R_SECRET, "wachtwoord: zie bijlage", NULL},
    {R_SECRET, "Spinnen 1234", NULL},
    /* codes that open or switch off something */
    {R_SECRET, "een codeslot met code 2580; de code is oud", "2580"},
    {R_SECRET, "Code sleutelkluis: 7319.", "7319"},
    {R_SECRET, "de uitschakelcode is 4052 gevolgd door #", "4052"},
    {R_SECRET, "Vergadercode voor het overleg: 552 918 304, daarna", "552 918 304"},
    {R_SECRET, "postcode 1234 AB", NULL},
    {R_SECRET, "code 2023 van de zaak", NULL},
    {R_SECRET, "de toegangscode 4821 werkt", "4821"},
};

/* Run one recognizer over an exact-length copy of text. */
static int run(const rec *r, const char *text, const woo_policy *pol,
               woo__hits *h) {
  size_t len = strlen(text);
  char *copy = malloc(len ? len : 1);
  if (!copy)
    return WOO_ENOMEM;
  memcpy(copy, text, len);
  woo__scan_ctx ctx = {copy, len, NULL, NULL, pol, NULL, NULL};
  int rc = r->fn(&ctx, h);
  free(copy);
  return rc;
}

static void explain(const tcase *c, const woo__hits *h) {
  fprintf(stderr, "  %s on \"%s\": want %s%s%s, got", recs[c->rec].name,
          c->text, c->want ? "\"" : "", c->want ? c->want : "nothing",
          c->want ? "\"" : "");
  for (size_t k = 0; k < h->n; k++)
    fprintf(stderr, " [%.*s %.2f]", (int)(h->v[k].end - h->v[k].start),
            c->text + h->v[k].start, h->v[k].confidence);
  fprintf(stderr, "%s\n", h->n ? "" : " nothing");
}

TEST(table) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const tcase *c = &cases[i];
    rec *r = &recs[c->rec];
    woo__hits h = {0};
    CHECK_INT(run(r, c->text, NULL, &h), 0);
    bool ok;
    if (c->want) {
      const char *at = strstr(c->text, c->want);
      CHECK(at != NULL);
      size_t s = at ? (size_t)(at - c->text) : 0, e = s + strlen(c->want);
      ok = false;
      for (size_t k = 0; k < h.n; k++)
        if (h.v[k].start == s && h.v[k].end == e &&
            h.v[k].confidence >= THRESHOLD && h.v[k].entity == r->entity)
          ok = true;
      r->pos++;
    } else {
      ok = true;
      for (size_t k = 0; k < h.n; k++)
        if (h.v[k].confidence >= THRESHOLD)
          ok = false;
      r->neg++;
    }
    CHECK(ok);
    if (!ok)
      explain(c, &h);
    for (size_t k = 0; k < h.n; k++) {
      CHECK(h.v[k].end <= strlen(c->text));
      CHECK(h.v[k].start < h.v[k].end);
      CHECK(h.v[k].entity == r->entity);
    }
    woo__hits_free(&h);
  }
  for (size_t k = 0; k < NRECS; k++) {
    fprintf(stderr, "  %-10s %3d positive, %3d negative cases\n",
            recs[k].name, recs[k].pos, recs[k].neg);
    /* Every recognizer must be tested both ways. */
    CHECK(recs[k].pos >= 4);
    CHECK(recs[k].neg >= 4);
  }
}

TEST(validators) {
  CHECK(woo__bsn_valid("725763863", 9));
  CHECK(woo__bsn_valid("034127884", 9));
  CHECK(!woo__bsn_valid("123456789", 9));
  CHECK(!woo__bsn_valid("000000000", 9));
  CHECK(!woo__bsn_valid("72576386", 8));
  CHECK(!woo__bsn_valid("72576386x", 9));
  CHECK(woo__iban_valid("NL20INGB0001234567", 18));
  CHECK(woo__iban_valid("NL20 INGB 0001 2345 67", 22));
  CHECK(woo__iban_valid("nl20ingb0001234567", 18));
  CHECK(!woo__iban_valid("NL20INGB0001234568", 18));
  CHECK(!woo__iban_valid("NL20INGB000123456", 17));
  CHECK(woo__iban_valid("BE68539007547034", 16));
  CHECK(!woo__iban_valid("NL", 2));
  CHECK(!woo__iban_valid("", 0));
}

/* Mailboxes named in the policy stay; public domains lower a single-word
 * local part below the threshold. */
TEST(policy_mailboxes) {
  char *boxes[] = {"vergunningverlening"};
  char *domains[] = {"dorp.nl"};
  struct woo_policy pol;
  memset(&pol, 0, sizeof pol);
  pol.mailboxes = boxes;
  pol.n_mailboxes = 1;
  pol.public_domains = domains;
  pol.n_public_domains = 1;
  woo__hits h = {0};
  CHECK_INT(run(&recs[R_EMAIL], "vergunningverlening@dorp.nl", NULL, &h), 0);
  CHECK_INT(h.n, 1);
  woo__hits_free(&h);
  CHECK_INT(run(&recs[R_EMAIL], "vergunningverlening@dorp.nl", &pol, &h), 0);
  CHECK_INT(h.n, 0);
  woo__hits_free(&h);
  CHECK_INT(run(&recs[R_EMAIL], "j.devries@dorp.nl", &pol, &h), 0);
  CHECK_INT(h.n, 1);
  CHECK(h.n == 1 && h.v[0].confidence >= THRESHOLD);
  woo__hits_free(&h);
  CHECK_INT(run(&recs[R_EMAIL], "kantine@dorp.nl", &pol, &h), 0);
  CHECK(h.n == 1 && h.v[0].confidence < THRESHOLD);
  woo__hits_free(&h);
}

/* Context raises confidence: the same number with and without it. */
TEST(confidence) {
  woo__hits a = {0}, b = {0};
  CHECK_INT(run(&recs[R_BSN], "BSN 725763863", NULL, &a), 0);
  CHECK_INT(run(&recs[R_BSN], "nr 725763863", NULL, &b), 0);
  CHECK(a.n == 1 && b.n == 1);
  if (a.n == 1 && b.n == 1)
    CHECK(a.v[0].confidence > b.v[0].confidence);
  woo__hits_free(&a);
  woo__hits_free(&b);
  CHECK_INT(run(&recs[R_PLATE], "kenteken GH-12-34", NULL, &a), 0);
  CHECK_INT(run(&recs[R_PLATE], "code GH-12-34", NULL, &b), 0);
  CHECK(a.n == 1 && b.n == 1);
  if (a.n == 1 && b.n == 1)
    CHECK(a.v[0].confidence > b.v[0].confidence);
  woo__hits_free(&a);
  woo__hits_free(&b);
}

/* Hostile input: invalid UTF-8, long runs of trigger bytes.  Everything
 * must finish, stay inside the text and put hits on code-point
 * boundaries. */
TEST(hostile) {
  static const char *const fills[] = {"@", "-", "0", "+", ":", ".", "1",
                                      "a-", "1.", "0:", "\xff", "\xc3",
                                      "geb.", "wachtwoord:", "paspoort "};
  size_t n = 1 << 16;
  char *buf = malloc(n);
  CHECK(buf != NULL);
  if (!buf)
    return;
  for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
    size_t fl = strlen(fills[f]);
    for (size_t i = 0; i < n; i++)
      buf[i] = fills[f][i % fl];
    for (size_t k = 0; k < NRECS; k++) {
      woo__hits h = {0};
      woo__scan_ctx ctx = {buf, n, NULL, NULL, NULL, NULL, NULL};
      CHECK_INT(recs[k].fn(&ctx, &h), 0);
      for (size_t j = 0; j < h.n; j++)
        CHECK(h.v[j].end <= n && h.v[j].start < h.v[j].end);
      woo__hits_free(&h);
    }
  }
  /* Pseudo-random bytes biased towards digits, letters and separators. */
  uint32_t x = 2463534242u;
  static const char alphabet[] = "0123456789 -.:@+/ABGHKLNSXaeiln\n\xc3\xa9";
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    buf[i] = alphabet[x % (sizeof alphabet - 1)];
  }
  for (size_t k = 0; k < NRECS; k++) {
    woo__hits h = {0};
    woo__scan_ctx ctx = {buf, n, NULL, NULL, NULL, NULL, NULL};
    CHECK_INT(recs[k].fn(&ctx, &h), 0);
    for (size_t j = 0; j < h.n; j++) {
      CHECK(h.v[j].end <= n && h.v[j].start < h.v[j].end);
      CHECK(((unsigned char)buf[h.v[j].start] & 0xC0) != 0x80);
      CHECK(h.v[j].end == n ||
            ((unsigned char)buf[h.v[j].end] & 0xC0) != 0x80);
    }
    woo__hits_free(&h);
  }
  free(buf);
}

/* The labels found once for identity numbers, birth dates and secrets
 * give each of the three recognizers the same hits as its own search. */
TEST(shared_triggers) {
  static const char text[] =
      "Paspoort: NX4K7P2R1, rijbewijsnummer 5123456789.\n"
      "Geboren op 3 april 1961 te Dorp; date of birth 12-05-1970.\n"
      "Het wachtwoord is Zomer2024!, pincode 4821, PUK-code 12345678.\n"
      "identiteitskaart IR1234567 en ongeboren 01-01-2001, geb. 2 mei 1980\n";
  size_t n = sizeof text - 1;
  woo__triggers trig = {NULL, 0, 0};
  CHECK_INT(woo__find_triggers(text, n, &trig), 0);
  CHECK(trig.n >= 8);
  for (size_t i = 1; i < trig.n; i++)
    CHECK(trig.v[i - 1].pos <= trig.v[i].pos);
  static const int which[] = {R_ID, R_BIRTH, R_SECRET};
  for (size_t w = 0; w < 3; w++) {
    woo__hits own = {0}, shared = {0};
    woo__scan_ctx a = {text, n, NULL, NULL, NULL, NULL, NULL};
    woo__scan_ctx b = {text, n, NULL, NULL, NULL, &trig, NULL};
    CHECK_INT(recs[which[w]].fn(&a, &own), 0);
    CHECK_INT(recs[which[w]].fn(&b, &shared), 0);
    CHECK(own.n > 0);
    CHECK_INT(shared.n, own.n);
    for (size_t j = 0; j < own.n && j < shared.n; j++) {
      CHECK_INT(shared.v[j].start, own.v[j].start);
      CHECK_INT(shared.v[j].end, own.v[j].end);
      CHECK(shared.v[j].confidence == own.v[j].confidence);
    }
    woo__hits_free(&own);
    woo__hits_free(&shared);
  }
  free(trig.v);
}

/* Hits with the text map equal the hits of each recognizer's own search,
 * over the table's texts, texts of one repeated piece, and random bytes
 * (lengths that end inside a 64-byte word of the map as well). */
static void same_with_map(const char *text, size_t n) {
  woo__textmap map;
  /* room for texts up to 2 kB: the longer ones take allocations */
  uint64_t room[WOO__MAP_COUNT * 32];
  CHECK_INT(woo__textmap_build(&map, text, n, room, sizeof room / sizeof *room),
            0);
  /* The list of digit runs, where the map has one, is every run in order
   * and then the run that starts at the end and never ends. */
  const uint64_t *r = map.bits[WOO__MAP_RUNS];
  if (r) {
    size_t k = 0;
    for (size_t i = 0; i < n;) {
      if (text[i] < '0' || text[i] > '9') {
        i++;
        continue;
      }
      size_t e = i;
      while (e < n && text[e] >= '0' && text[e] <= '9')
        e++;
      CHECK_INT((uint32_t)r[k], i);
      CHECK_INT(r[k] >> 32, e);
      k++;
      i = e;
    }
    CHECK_INT((uint32_t)r[k], n);
    CHECK(r[k] >> 32 == UINT32_MAX);
  }
  for (size_t k = 0; k < NRECS; k++) {
    woo__hits own = {0}, mapped = {0};
    woo__scan_ctx a = {text, n, NULL, NULL, NULL, NULL, NULL};
    woo__scan_ctx b = {text, n, NULL, NULL, NULL, NULL, &map};
    CHECK_INT(recs[k].fn(&a, &own), 0);
    CHECK_INT(recs[k].fn(&b, &mapped), 0);
    CHECK_INT(mapped.n, own.n);
    for (size_t j = 0; j < own.n && j < mapped.n; j++) {
      CHECK_INT(mapped.v[j].start, own.v[j].start);
      CHECK_INT(mapped.v[j].end, own.v[j].end);
      CHECK(mapped.v[j].confidence == own.v[j].confidence);
    }
    woo__hits_free(&own);
    woo__hits_free(&mapped);
  }
  woo__textmap_free(&map);
}

TEST(text_map) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    same_with_map(cases[i].text, strlen(cases[i].text));
  static const char *const pieces[] = {
      "0", "-", ".", ":", "+", "(", "1.", "a-1", "ab-12-cd ", "192.168.1.10 ",
      "fe80::1 ", "geb. 1-2-1970 ", "srv-app-01.corp ", "06-12345678 ",
      "Kerkstraat 12, 1234 AB Dorp\n", "PIN 1234 "};
  size_t cap = 1000;
  char *buf = malloc(cap);
  CHECK(buf != NULL);
  if (!buf)
    return;
  for (size_t f = 0; f < sizeof pieces / sizeof pieces[0]; f++) {
    size_t fl = strlen(pieces[f]);
    for (size_t i = 0; i < cap; i++)
      buf[i] = pieces[f][i % fl];
    for (size_t n = 0; n <= 130; n++)
      same_with_map(buf, n);
    same_with_map(buf, cap);
  }
  uint32_t x = 88172645u;
  static const char alphabet[] = "0123456789 -.:@+(/ABGHKLNSXaeiln\n\xc3\xa9";
  for (size_t i = 0; i < cap; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    buf[i] = alphabet[x % (sizeof alphabet - 1)];
  }
  for (size_t n = 0; n <= cap; n += 37)
    same_with_map(buf, n);
  free(buf);
}

/* Throughput over ordinary Dutch text with some data in it; printed, not
 * asserted (the benchmark in tests/bench measures the whole scanner). */
TEST(throughput) {
  static const char para[] =
      "Op 12 maart 2020 heeft de heer J. de Vries (jan.devries@voorbeeld.nl, "
      "06-12345678) het verzoek ingediend bij het ministerie. Het besluit "
      "is genomen op grond van artikel 5.1, tweede lid, aanhef en onder e, "
      "van de Woo. De stukken zijn verzonden naar Kerkstraat 12, 1234 AB "
      "Dorp. In de vergadering van 14:00 uur is gesproken over de kosten "
      "(EUR 1.250,00) en de planning voor 2021-2022. Zie ook bijlage 3.\n";
  size_t plen = sizeof para - 1, reps = (8u << 20) / plen, n = plen * reps;
  char *buf = malloc(n);
  CHECK(buf != NULL);
  if (!buf)
    return;
  for (size_t r = 0; r < reps; r++)
    memcpy(buf + r * plen, para, plen);
  double total = 0;
  for (size_t k = 0; k < NRECS; k++) {
    woo__hits h = {0};
    woo__scan_ctx ctx = {buf, n, NULL, NULL, NULL, NULL, NULL};
    double sec = 0;
    /* Best of three: the machine may be busy. */
    for (int rep = 0; rep < 3; rep++) {
      woo__hits_free(&h);
      clock_t t0 = clock();
      CHECK_INT(recs[k].fn(&ctx, &h), 0);
      double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
      if (rep == 0 || s < sec)
        sec = s;
    }
    total += sec;
    fprintf(stderr, "  %-10s %8.0f MB/s, %zu hits\n", recs[k].name,
            sec > 0 ? n / sec / 1e6 : 0.0, h.n);
    woo__hits_free(&h);
  }
  fprintf(stderr, "  all twelve %6.0f MB/s\n",
          total > 0 ? n / total / 1e6 : 0.0);
  free(buf);
}

/* A marker set answers as su_has_word does with its list, over windows
 * of text made of marker words (in either case), their beginnings and
 * other words, up to beyond the 640 bytes su_has_word looks at. */
TEST(markers) {
  static const char *const words[] = {"postbus", "raad van state", "www.",
                                      "ip ", "§", "gemeente", "ge", NULL};
  static const char *const pieces[] = {
      "Postbus ", "RAAD VAN STATE", "raad van ", "WWW.", "ip", "IP ", "§",
      "gemeent", "Gemeente", "g", "e ", "\xc3\xa9", "x", " ", "\n"};
  woo__markers m;
  woo__markers_init(&m, words);
  char buf[1200];
  unsigned seed = 7;
  for (int round = 0; round < 400; round++) {
    size_t n = 0;
    while (n < sizeof buf - 20) {
      seed = seed * 1103515245u + 12345u;
      const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
      memcpy(buf + n, p, strlen(p));
      n += strlen(p);
    }
    seed = seed * 1103515245u + 12345u;
    size_t a = (seed >> 8) % n;
    seed = seed * 1103515245u + 12345u;
    size_t b = a + (seed >> 8) % (n - a + 1);
    CHECK(woo__markers_in(&m, buf, a, b) == su_has_word(buf, a, b, words));
    CHECK(woo__markers_in(&m, buf, a, a + (b - a) % 24) ==
          su_has_word(buf, a, a + (b - a) % 24, words));
  }
}

/* A word set answers as su_in_list does with its list: every word of
 * the list and its case variants, its beginnings and extensions, the
 * empty word, a NUL byte. */
TEST(wordset) {
  static const char *const words[] = {"van", "de", "der", "'t", "v.o.f.",
                                      "caf\xc3\xa9", "straat", "d", NULL};
  static const char *const with_empty[] = {"a", "", NULL};
  woo__wordset w, e;
  woo__wordset_init(&w, words);
  woo__wordset_init(&e, with_empty);
  static const char *const probes[] = {
      "van", "VAN", "Van", "va", "vans", "de", "De", "DER", "dr", "d", "D",
      "'t", "'T", "v.o.f.", "V.O.F.", "v.o.f", "caf\xc3\xa9",
      "CAF\xc3\xa9", "caf", "straat", "Straat", "straatweg", "x", "a", ""};
  for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
    size_t n = strlen(probes[i]);
    CHECK(woo__wordset_has(&w, probes[i], n) == su_in_list(probes[i], n, words));
    CHECK(woo__wordset_has(&e, probes[i], n) ==
          su_in_list(probes[i], n, with_empty));
  }
  CHECK(woo__wordset_has(&w, "\0an", 3) == su_in_list("\0an", 3, words));
  CHECK(woo__wordset_has(&w, "van", 3) && !woo__wordset_has(&w, "", 0) &&
        woo__wordset_has(&e, "", 0));
}

int main(void) {
  RUN(table);
  RUN(validators);
  RUN(policy_mailboxes);
  RUN(confidence);
  RUN(hostile);
  RUN(shared_triggers);
  RUN(text_map);
  RUN(markers);
  RUN(wordset);
  RUN(throughput);
  TEST_END();
}
