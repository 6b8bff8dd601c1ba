/* Lexicons compiled from lib/data: sizes and case- and diacritic-blind
 * lookups. */
#include <time.h>

#include "lib/detect/internal.h"
#include "lib/detect/lexicon.h"
#include "test.h"

static bool has(woo__lex lex, const char *w) {
  return woo__lex_has(lex, w, strlen(w));
}

TEST(sizes) {
  CHECK(woo__lex_size(WOO__LEX_FIRST_NAMES) >= 3000);
  CHECK(woo__lex_size(WOO__LEX_SURNAMES) >= 3000);
  CHECK(woo__lex_size(WOO__LEX_PARTICLES) >= 40);
  CHECK(woo__lex_size(WOO__LEX_TITLES) >= 30);
  CHECK(woo__lex_size(WOO__LEX_ORGANISATIONS) >= 500);
  CHECK(woo__lex_size(WOO__LEX_OFFICIALS) >= 30);
  CHECK(woo__lex_size(WOO__LEX_FUNCTIONS) >= 50);
  CHECK(woo__lex_size(WOO__LEX_STOPWORDS) >= 100);
  CHECK_INT(woo__lex_size(WOO__LEX_COUNT), 0);
  fprintf(stderr,
          "lexicons: %zu first names, %zu surnames, %zu organisations, "
          "%zu common words\n",
          woo__lex_size(WOO__LEX_FIRST_NAMES),
          woo__lex_size(WOO__LEX_SURNAMES),
          woo__lex_size(WOO__LEX_ORGANISATIONS),
          woo__lex_size(WOO__LEX_COMMON_WORDS));
}

TEST(lookups) {
  CHECK(has(WOO__LEX_FIRST_NAMES, "Jan"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "JAN"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "Zoë"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "ZOË"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "Zoe"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "fatima"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "Jan-Willem"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "IJsbrand"));
  CHECK(has(WOO__LEX_FIRST_NAMES, "\xc4\xb2sbrand")); /* Ĳsbrand */
  CHECK(has(WOO__LEX_SURNAMES, "Özdemir"));
  CHECK(has(WOO__LEX_SURNAMES, "OZDEMIR"));
  CHECK(has(WOO__LEX_SURNAMES, "özdemir"));
  CHECK(has(WOO__LEX_SURNAMES, "Wiśniewski"));
  CHECK(has(WOO__LEX_SURNAMES, "Pattiasina"));
  CHECK(has(WOO__LEX_SURNAMES, "Ramdin"));
  CHECK(has(WOO__LEX_SURNAMES, "Jansen"));
  CHECK(!has(WOO__LEX_SURNAMES, "Jansenx"));
  CHECK(!has(WOO__LEX_SURNAMES, ""));
  CHECK(!has(WOO__LEX_SURNAMES, "\xff\xfe"));
  CHECK(has(WOO__LEX_PARTICLES, "van der"));
  CHECK(has(WOO__LEX_PARTICLES, "Van  Der"));
  CHECK(has(WOO__LEX_PARTICLES, "in 't"));
  CHECK(has(WOO__LEX_PARTICLES, "in \xe2\x80\x99t")); /* in ’t */
  CHECK(has(WOO__LEX_TITLES, "dhr."));
  CHECK(has(WOO__LEX_TITLES, "Mevrouw"));
  CHECK(has(WOO__LEX_TITLES, "de heer"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "GGD"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "ggd"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "Openbaar Ministerie"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "IJsselmeer"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "\xc4\xb2sselmeer")); /* Ĳsselmeer */
  CHECK(has(WOO__LEX_ORGANISATIONS, "\xc4\xb3sselmeer")); /* ĳsselmeer */
  CHECK(has(WOO__LEX_ORGANISATIONS, "Súdwest-Fryslân"));
  CHECK(has(WOO__LEX_ORGANISATIONS, "Zuidwest-Fryslan") == false);
  CHECK(has(WOO__LEX_OFFICIALS, "Burgemeester"));
  CHECK(has(WOO__LEX_OFFICIALS, "secretaris-generaal"));
  CHECK(has(WOO__LEX_FUNCTIONS, "beleidsmedewerker"));
  CHECK(has(WOO__LEX_STOPWORDS, "Aanwezig"));
  CHECK(has(WOO__LEX_STOPWORDS, "MAANDAG"));
  CHECK(!woo__lex_has(WOO__LEX_COUNT, "jan", 3));
  CHECK(!woo__lex_has(WOO__LEX_FIRST_NAMES, NULL, 0));
}

TEST(common_words) {
  size_t n = woo__lex_size(WOO__LEX_COMMON_WORDS);
  FILE *f = fopen("/usr/share/dict/dutch", "r");
  if (!f) {
    fprintf(stderr, "no /usr/share/dict/dutch: common words not checked\n");
    CHECK_INT(n, 0);
    return;
  }
  fclose(f);
  CHECK(n > 100000);
  CHECK(has(WOO__LEX_COMMON_WORDS, "vergadering"));
  CHECK(has(WOO__LEX_COMMON_WORDS, "Besluit"));
  CHECK(has(WOO__LEX_COMMON_WORDS, "bakker"));
  CHECK(has(WOO__LEX_COMMON_WORDS, "één"));
  CHECK(!has(WOO__LEX_COMMON_WORDS, "Jansen"));
  CHECK(!has(WOO__LEX_COMMON_WORDS, "Özdemir"));
}

TEST(speed) {
  /* Lookups are the inner loop of the name recognizer; a million must
   * take well under a second even in a debug build. */
  static const char *const words[] = {"Jansen", "vergadering", "Özdemir",
                                      "Xyzzyq", "beleidsmedewerker", "GGD"};
  size_t found = 0;
  clock_t t0 = clock();
  for (size_t i = 0; i < 1000000; i++) {
    const char *w = words[i % 6];
    found += woo__lex_has((woo__lex)(i % WOO__LEX_COUNT), w, strlen(w));
  }
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  fprintf(stderr, "1e6 lookups in %.3f s (%zu found)\n", secs, found);
  CHECK(secs < 2.0);
}

/* One look-up answers for every lexicon at once, and agrees with the
 * per-lexicon answers. */
TEST(combined_bits) {
  static const char *const words[] = {
      "Jansen", "Jan",   "van",     "mevrouw", "GGD",     "minister",
      "Stuurgroep", "maandag", "Özdemir", "Xyzzyq", "commissaris",
      "beleidsmedewerker", "vergadering"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    woo__lexkey k;
    woo__lexkey_set(&k, words[i], strlen(words[i]));
    uint32_t bits = woo__lexkey_bits(&k);
    for (unsigned lex = 0; lex < WOO__LEX_COUNT; lex++) {
      if (lex == WOO__LEX_COMMON_WORDS) {
        CHECK_INT(woo__lexkey_common(&k), woo__lex_has(lex, words[i],
                                                       strlen(words[i])));
        CHECK_INT(bits >> lex & 1, 0);
        continue;
      }
      CHECK_INT(bits >> lex & 1,
                woo__lex_has((woo__lex)lex, words[i], strlen(words[i])));
    }
  }
  woo__lexkey k;
  woo__lexkey_set(&k, "Jansen", 6);
  CHECK(woo__lexkey_bits(&k) & (1u << WOO__LEX_SURNAMES));
  /* "commissaris van de Koning" is an office: its first word opens one */
  woo__lexkey_set(&k, "commissaris", 11);
  CHECK(woo__lexkey_opens(WOO__LEX_OFFICIALS, &k));
  woo__lexkey_set(&k, "vergadering", 11);
  CHECK(!woo__lexkey_opens(WOO__LEX_OFFICIALS, &k));
  CHECK(woo__lexkey_common(&k));
  woo__lexkey_set(&k, "Xyzzyq", 6);
  CHECK_INT(woo__lexkey_bits(&k), 0);
  CHECK(!woo__lexkey_common(&k));
}

int main(void) {
  RUN(sizes);
  RUN(combined_bits);
  RUN(lookups);
  RUN(common_words);
  RUN(speed);
  TEST_END();
}
