/* Names across a batch: the marking pass may take a text's person hits
 * from the learning pass instead of finding them again.  Whatever it
 * takes, the marks must be the ones a marking pass that finds everything
 * itself makes; a changed text or another scanner must not be given the
 * hits learned for the first.  All texts are made up. */
#include <stdbool.h>

#include "lib/detect/internal.h"
#include "lib/detect/scanner.h"
#include "test.h"
#include "woo.h"

static const char *const texts[] = {
    "Van: Pieter Hoogland <p.hoogland@example.nl>\n"
    "Aan: Team Vergunningen\n\n"
    "Beste Marieke,\n\n"
    "Zoals besproken met Karin Wolters stuur ik de stukken.\n"
    "Mevrouw Wolters belt u morgen.\n\n"
    "Met vriendelijke groet,\n\nPieter Hoogland\n",
    /* longer than the bytes the placing hash reads at either end */
    "Verslag overleg\n\n"
    "Het overleg gaat over de aanvraag voor de verbouwing van het pand aan "
    "de haven, de planning van de werkzaamheden in het voorjaar, de "
    "afstemming met de omwonenden en de kosten die de gemeente daarvoor "
    "maakt.  De stukken zijn vooraf rondgestuurd en worden niet opnieuw "
    "toegelicht.\n\n"
    "Aanwezig: J. de Groot, Karin Wolters, Pieter Hoogland\n\n"
    "Karin Wolters licht het plan toe.  De Groot vraagt naar de planning.\n\n"
    "Afgesproken wordt dat de aanvraag in de volgende vergadering opnieuw "
    "wordt besproken, dat de omwonenden een brief krijgen over de planning "
    "en dat de kosten in de begroting voor het komende jaar worden "
    "opgenomen.  Het verslag wordt binnen een week rondgestuurd en in de "
    "volgende vergadering vastgesteld.\n",
    ("Notitie\n\nHet advies van Pieter Hoogland is overgenomen; ook Karin "
     "Wolters stemt in.  Bel 06-12345678 bij vragen.\n"),
};
enum { NTEXTS = sizeof texts / sizeof *texts };

static bool same_marks(const woo_marks *a, const woo_marks *b) {
  if (woo_marks_count(a) != woo_marks_count(b))
    return false;
  for (size_t i = 0; i < woo_marks_count(a); i++) {
    const woo_mark *x = woo_marks_at(a, i), *y = woo_marks_at(b, i);
    if (x->start != y->start || x->end != y->end || x->entity != y->entity ||
        x->ground != y->ground || x->confidence != y->confidence ||
        strcmp(x->source, y->source) != 0)
      return false;
  }
  return true;
}

/* The learning pass over texts t[0..n) with scanner s into known. */
static void learn_texts(const woo_scanner *s, woo_names *known,
                        const char *const *t, size_t n) {
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  o.learn = 1;
  for (size_t k = 0; k < n; k++) {
    woo_marks *none = NULL;
    CHECK_INT(woo_scan_text(&none, s, t[k], strlen(t[k]), &o), 0);
    woo_marks_free(none);
  }
}

/* Learn every text with `learner`, then mark text i (or `other`, when
 * given, in its place) with `marker`. */
static woo_marks *batch_marks(const woo_scanner *learner,
                              const woo_scanner *marker, size_t i,
                              const char *other, size_t *kept) {
  woo_names *known = NULL;
  woo_marks *m = NULL;
  if (woo_names_new(&known) != 0)
    return NULL;
  learn_texts(learner, known, texts, NTEXTS);
  if (kept)
    *kept = known->n_docs;
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  const char *t = other ? other : texts[i];
  CHECK_INT(woo_scan_text(&m, marker, t, strlen(t), &o), 0);
  woo_names_free(known);
  return m;
}

TEST(reused_hits_mark_the_same) {
  woo_scanner *s = NULL, *s2 = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_scanner_new(&s2, NULL), 0);
  for (size_t i = 0; i < NTEXTS; i++) {
    size_t kept = 0;
    /* Same scanner: the learned hits are taken.  Another scanner (same
     * policy) finds them itself: the reference. */
    woo_marks *reused = batch_marks(s, s, i, NULL, &kept);
    woo_marks *found = batch_marks(s, s2, i, NULL, NULL);
    CHECK_INT(kept, NTEXTS);
    CHECK(reused && found && same_marks(reused, found));
    CHECK(woo_marks_count(reused) > 0);
    woo_marks_free(reused);
    woo_marks_free(found);
  }
  woo_scanner_free(s);
  woo_scanner_free(s2);
}

/* Plain text documents are held by the set for their texts: one freed
 * by its caller after the learning pass stays readable, the same
 * document given again and a new one with the same text both take the
 * learned hits, and the marks are those found without them. */
TEST(held_documents_mark_the_same) {
  woo_scanner *s = NULL, *s2 = NULL;
  woo_names *known = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_scanner_new(&s2, NULL), 0);
  CHECK_INT(woo_names_new(&known), 0);
  woo_doc *docs[NTEXTS] = {NULL};
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  o.learn = 1;
  for (size_t k = 0; k < NTEXTS; k++) {
    woo_marks *none = NULL;
    CHECK_INT(woo_doc_from_memory(&docs[k], texts[k], strlen(texts[k]),
                                  "t.txt", NULL),
              0);
    CHECK_INT(woo_scan(&none, s, docs[k], &o), 0);
    woo_marks_free(none);
  }
  CHECK_INT(known->n_docs, NTEXTS);
  for (size_t i = 0; i < known->doc_slots; i++)
    CHECK(!known->docs[i] || known->docs[i]->doc != NULL);
  /* the first is given up by its caller and read again as a new one */
  woo_doc_free(docs[0]);
  CHECK_INT(woo_doc_from_memory(&docs[0], texts[0], strlen(texts[0]),
                                "t.txt", NULL),
            0);
  o.learn = 0;
  for (size_t i = 0; i < NTEXTS; i++) {
    woo_marks *m = NULL;
    CHECK_INT(woo_scan(&m, s, docs[i], &o), 0);
    woo_marks *ref = batch_marks(s, s2, i, NULL, NULL);
    CHECK(m && ref && same_marks(m, ref));
    woo_marks_free(m);
    woo_marks_free(ref);
  }
  /* documents freed before the set, the set freed last */
  for (size_t k = 0; k < NTEXTS; k++)
    woo_doc_free(docs[k]);
  woo_names_free(known);
  woo_scanner_free(s);
  woo_scanner_free(s2);
}

TEST(changed_text_is_not_taken_for_learned) {
  woo_scanner *s = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  /* Same length and ends as texts[1], a name in the middle replaced by
   * words: the hits learned for texts[1] would mark them. */
  char *other = woo__strdup(texts[1]);
  char *p = strstr(other, "J. de Groot");
  CHECK(p != NULL);
  if (p)
    memcpy(p, "het verslag", 11);
  woo_marks *m = batch_marks(s, s, 1, other, NULL);
  woo_marks *ref = NULL;
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  woo_names *known = NULL;
  CHECK_INT(woo_names_new(&known), 0);
  /* the reference: the same names known, nothing learned for `other` */
  learn_texts(s, known, texts, NTEXTS);
  o.known = known;
  for (size_t i = 0; i < known->doc_slots; i++)
    if (known->docs[i])
      known->docs[i]->scanner = NULL; /* no entry may be taken */
  CHECK_INT(woo_scan_text(&ref, s, other, strlen(other), &o), 0);
  CHECK(m && ref && same_marks(m, ref));
  /* and the words are not marked */
  bool marked = false;
  for (size_t i = 0; m && p && i < woo_marks_count(m); i++) {
    const woo_mark *k = woo_marks_at(m, i);
    marked |= k->start < (size_t)(p - other) + 11 &&
              k->end > (size_t)(p - other);
  }
  CHECK(!marked);
  woo_marks_free(m);
  woo_marks_free(ref);
  woo_names_free(known);
  free(other);
  woo_scanner_free(s);
}

TEST(no_break_space_in_a_learned_name) {
  /* a no-break space counts as a space, alone or in a run (the hash
   * stood still on it: every hit with one hung the scan) */
  static const char *const nbsp[] = {"Jan\xc2\xa0Jansen", "Jan \xc2\xa0 Jansen",
                                     "Jan\xc2\xa0"};
  static const char *const plain[] = {"jan jansen", "Jan Jansen", "Jan "};
  for (size_t k = 0; k < 3; k++)
    CHECK(woo__fold_hash(nbsp[k], strlen(nbsp[k])) ==
          woo__fold_hash(plain[k], strlen(plain[k])));
  /* and a batch learns such a name and marks it */
  static const char text[] = "Van: Jan\xc2\xa0Jansen <j@example.org>\n"
                             "Geachte heer Pieter de\xc2\xa0"
                             "Vries,\n";
  woo_scanner *s = NULL;
  woo_names *known = NULL;
  woo_marks *m = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_names_new(&known), 0);
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  o.learn = 1;
  CHECK_INT(woo_scan_text(&m, s, text, strlen(text), &o), 0);
  woo_marks_free(m);
  m = NULL;
  CHECK(woo_names_count(known) > 0);
  o.learn = 0;
  CHECK_INT(woo_scan_text(&m, s, text, strlen(text), &o), 0);
  CHECK(m && woo_marks_count(m) >= 2);
  woo_marks_free(m);
  woo_names_free(known);
  woo_scanner_free(s);
}

/* A full date in brackets right after a name is a date of birth; other
 * brackets after a name are not. */
TEST(date_in_brackets_after_a_name) {
  static const char text[] =
      "Het slachtoffer, de heer Marek Dabrowski (03-02-1986), is gewond.\n"
      "Het verslag van Jan Jansen (bijlage 3) volgt; Piet Bakker (31-13-1990).\n";
  woo_scanner *s = NULL;
  woo_marks *m = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_scan_text(&m, s, text, strlen(text), NULL), 0);
  size_t births = 0;
  for (size_t i = 0; m && i < woo_marks_count(m); i++) {
    const woo_mark *k = woo_marks_at(m, i);
    if (k->entity == WOO_ENTITY_BIRTHDATE) {
      births++;
      CHECK(k->end - k->start == 10 &&
            memcmp(text + k->start, "03-02-1986", 10) == 0);
    }
  }
  CHECK_INT(births, 1);
  woo_marks_free(m);
  woo_scanner_free(s);
}

/* A name the batch learned is looked for by its exact bytes, so every
 * spelling found is kept: two that fold alike ("De Groot-Bos", "de
 * Groot-Bos") must not leave the set to whichever document a thread
 * learned from first. */
static size_t learned_from(const char *first, const char *second) {
  woo_scanner *s = NULL;
  woo_names *known = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_names_new(&known), 0);
  const char *t[2] = {first, second};
  learn_texts(s, known, t, 2);
  size_t n = woo_names_count(known);
  woo_names_free(known);
  woo_scanner_free(s);
  return n;
}

TEST(learned_names_do_not_depend_on_order) {
  const char *a = "Aanwezig: Marieke De Groot-Bos, Jan Visser\n\nDe vergadering begint.\n";
  const char *b = "Aanwezig: Marieke de Groot-Bos, Jan Visser\n\nDe vergadering begint.\n";
  CHECK_INT(learned_from(a, b), 3);
  CHECK_INT(learned_from(b, a), 3);
}

/* An office holder acting in office stays visible where another document
 * of the batch, or the same text, withholds the name: "Wethouder Jan de
 * Groot-Bos opent" is neither marked whole from the batch nor in part
 * by propagation.  A name that signs under a formula with no function
 * known is not taken as said to be in office, so the echo still marks it
 * there. */
static size_t marks_of(const char *const *docs, size_t n, size_t which,
                       const char *surname) {
  woo_scanner *s = NULL;
  woo_names *known = NULL;
  CHECK_INT(woo_scanner_new(&s, NULL), 0);
  CHECK_INT(woo_names_new(&known), 0);
  learn_texts(s, known, docs, n);
  woo_scan_options o = WOO_SCAN_OPTIONS_INIT;
  o.known = known;
  woo_marks *m = NULL;
  const char *t = docs[which];
  CHECK_INT(woo_scan_text(&m, s, t, strlen(t), &o), 0);
  /* marks that hold the surname */
  size_t hits = 0, sn = strlen(surname);
  for (size_t i = 0; m && i < woo_marks_count(m); i++) {
    const woo_mark *k = woo_marks_at(m, i);
    for (size_t j = k->start; j + sn <= k->end; j++)
      if (!memcmp(t + j, surname, sn)) {
        hits++;
        break;
      }
  }
  woo_marks_free(m);
  woo_names_free(known);
  woo_scanner_free(s);
  return hits;
}

TEST(office_holders_stay_visible_in_a_batch) {
  const char *docs[] = {
      "Aanwezig: Jan de Groot-Bos, Karin Wolters\n\nDe vergadering begint.\n",
      "Besluit\n\nWethouder Jan de Groot-Bos opent de vergadering.\n",
      ("Aanwezig: Jan de Groot-Bos, Karin Wolters\n\nDe vergadering begint.\n\n"
       "Wethouder Jan de Groot-Bos opent de vergadering.\n"),
  };
  CHECK_INT(marks_of(docs, 2, 1, "Groot-Bos"), 0); /* batch */
  CHECK_INT(marks_of(docs + 2, 1, 0, "Groot-Bos"), 1); /* propagation */
  const char *signed_[] = {
      ("Neem contact op met Tamara Wolff via 14 0599.\n\n"
       "Met vriendelijke groet,\n"
       "namens het college van burgemeester en wethouders van Lindewaard,\n\n"
       "T. Wolff\nWoo-co\xc3\xb6rdinator\n"),
  };
  CHECK_INT(marks_of(signed_, 1, 0, "Wolff"), 2);
}

int main(void) {
  RUN(date_in_brackets_after_a_name);
  RUN(reused_hits_mark_the_same);
  RUN(held_documents_mark_the_same);
  RUN(changed_text_is_not_taken_for_learned);
  RUN(no_break_space_in_a_learned_name);
  RUN(learned_names_do_not_depend_on_order);
  RUN(office_holders_stay_visible_in_a_batch);
  TEST_END();
}
