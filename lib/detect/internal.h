/* The scanner's insides: hits, the recognizer interface, lexicons and the
 * compiled policy.  Never installed. */
#ifndef WOO_DETECT_INTERNAL_H
#define WOO_DETECT_INTERNAL_H

#include <stdbool.h>

#include "../core/internal.h"
#include "woo/marks.h"
#include "woo/policy.h"
#include "woo/scan.h"

/* ---- hits ---------------------------------------------------------------- */

/* A candidate found by a recognizer, before the policy and overlap
 * resolution turn it into a mark. */
typedef struct woo__hit {
  size_t start, end;
  woo_entity entity;
  const char *source;       /* static string: "lexicon", "email", … */
  double confidence;        /* 0..1 */
  const woo_ground *ground; /* NULL: the policy's ground for the entity */
} woo__hit;

typedef struct woo__hits {
  woo__hit *v;
  size_t n, cap;
} woo__hits;

/* Room for one more hit (hits.c); 0 or WOO_ENOMEM. */
int woo__hits_grow(woo__hits *h);

/* Add a hit with an explicit ground (policy terms, patterns, sections).
 * Inline: the recognizers add tens of thousands of hits to a batch. */
static inline int woo__hits_add_ground(woo__hits *h, size_t start, size_t end,
                                       woo_entity entity, const char *source,
                                       double confidence,
                                       const woo_ground *ground) {
  if (end <= start)
    return 0; /* empty hits carry nothing to withhold */
  if (h->n == h->cap && woo__hits_grow(h))
    return WOO_ENOMEM;
  woo__hit *x = &h->v[h->n++];
  x->start = start;
  x->end = end;
  x->entity = entity;
  x->source = source;
  x->confidence = confidence < 0 ? 0 : confidence > 1 ? 1 : confidence;
  x->ground = ground;
  return 0;
}

/* The same with the policy's ground for the entity. */
static inline int woo__hits_add(woo__hits *h, size_t start, size_t end,
                                woo_entity entity, const char *source,
                                double confidence) {
  return woo__hits_add_ground(h, start, end, entity, source, confidence, NULL);
}
/* Room for n more hits; 0 or WOO_ENOMEM. */
int woo__hits_reserve(woo__hits *h, size_t n);
/* Append n hits that were made by the functions above (so already
 * checked) in one copy. */
int woo__hits_append(woo__hits *h, const woo__hit *v, size_t n);
void woo__hits_free(woo__hits *h);

/* Record the hash of the document a mark list belongs to (marks.c). */
void woo__marks_set_sha256(woo_marks *m, const char *sha);
/* A new empty list with room for n marks in its own allocation (a scan
 * knows how many it makes): adding up to n does not grow it. */
int woo__marks_new_room(woo_marks **out, size_t n);
/* Room for n more marks, so that adding them does not grow the list. */
int woo__marks_reserve(woo_marks *m, size_t n);
/* Room for n (> 0) more marks at the end of the list, already counted
 * in it; NULL when memory is short.  The caller writes each one: marks
 * that sort at or after every mark before them, with a ground, start <=
 * end, and a source of static storage (a hit's, "" for none), which the
 * list points to instead of keeping a copy. */
woo_mark *woo__marks_extend(woo_marks *m, size_t n);

/* A deep copy of a policy, so a scanner owns what it reads. */
int woo__policy_copy(woo_policy **out, const woo_policy *src);

/* ---- scan context -------------------------------------------------------- */

/* Where the labels that announce identity numbers, birth dates and
 * secrets occur ("paspoort", "geboren", "wachtwoord" …): the three
 * recognizers share one search over the text instead of one each.
 * Entries are in text order; `stem` is the index in the group's own
 * list. */
enum { WOO__TRIG_ID, WOO__TRIG_BIRTH, WOO__TRIG_SECRET };

typedef struct woo__trigger {
  size_t pos;
  unsigned char group; /* WOO__TRIG_* */
  unsigned char stem;
} woo__trigger;

typedef struct woo__triggers {
  woo__trigger *v;
  size_t n, cap;
} woo__triggers;

/* A bit per text byte for the bytes that recognizers of numbers and
 * punctuated values start from, made in one pass (textmap.c) instead of
 * a search of the whole text by each of them. */
enum {
  WOO__MAP_DIGIT,  /* '0'..'9' */
  WOO__MAP_DOT,    /* '.' */
  WOO__MAP_HYPHEN, /* '-' */
  WOO__MAP_COLON,  /* ':' */
  WOO__MAP_PHONE,  /* '0', '+', '(': where phone numbers start */
  WOO__MAP_COUNT
};

/* bits[WOO__MAP_RUNS] is no map of bits but the list of the runs of
 * digits, in text order, one word each: the run's start in the low 32
 * bits, its end in the high 32, and last a run that starts at the
 * text's length and never ends (UINT32_MAX).  Five recognizers walk
 * every run and measure it; the list does that once.  NULL when it was
 * not made (a text too long for 32-bit offsets, or digits so dense that
 * the list would outgrow the text): the digit bits are read instead. */
#define WOO__MAP_RUNS WOO__MAP_COUNT

/* bits[WOO__MAP_WORD_DOTS] is no map of bits either but the list of the
 * dots that have an ASCII letter right after them or a 'b' right before
 * them ("gemeente.local", "www.Site.com", "geb."), in text order, one
 * word each, and last the text's length.  Most dots end sentences and
 * are none of these: the recognizers of dotted names read the list
 * rather than every dot.  It follows the runs in one block.  NULL when
 * it was not made: the dot bits are read instead. */
#define WOO__MAP_WORD_DOTS (WOO__MAP_COUNT + 1)

typedef struct woo__textmap {
  /* `words` words each for the classes, an allocation each or all in
   * the caller's room (borrowed) */
  uint64_t *bits[WOO__MAP_COUNT + 2];
  size_t len, words;
  bool borrowed;
} woo__textmap;

/* Returns 0 or WOO_ENOMEM; woo__textmap_free releases it.  room (NULL or
 * room_words words) holds the classes' bits where they fit, which saves
 * the allocations for short texts; it must outlive the map. */
int woo__textmap_build(woo__textmap *m, const char *text, size_t len,
                       uint64_t *room, size_t room_words);
void woo__textmap_free(woo__textmap *m);

/* woo__textmap_build by a chosen path, for tests that compare them:
 * BEST is the widest steps the processor has (AVX2 where there is,
 * chosen once), BASE the steps every processor of the build has. */
/* Whether the processor has AVX2 (x86-64 with GCC or clang), asked once
 * per process: the text map and the batch-name search take 32 bytes a
 * step where it has. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WOO__AVX2 1
bool woo__has_avx2(void);
#endif
enum { WOO__MAP_PATH_BEST, WOO__MAP_PATH_BASE };
int woo__textmap_build_path(woo__textmap *m, const char *text, size_t len,
                            uint64_t *room, size_t room_words, int path);

/* What every recognizer sees.  All of it is read-only. */
typedef struct woo__scan_ctx {
  const char *text;   /* the document's UTF-8 text */
  size_t len;
  const woo_doc *doc; /* may be NULL (woo_scan_text) */
  const woo_scanner *scanner;
  const woo_policy *policy;
  /* The labels found by woo__find_triggers; NULL: each recognizer
   * searches for its own. */
  const woo__triggers *triggers;
  /* The text map; NULL: each recognizer searches for its own bytes. */
  const woo__textmap *map;
} woo__scan_ctx;

/* A recognizer appends hits for its entity (or entities) to `out`.
 * Returns 0 or WOO_ENOMEM.  Must not read past ctx->len, must be safe on
 * invalid UTF-8 and must run in time linear in the text. */
typedef int (*woo__recognizer_fn)(const woo__scan_ctx *ctx, woo__hits *out);

/* Contact, identity and security data (lib/detect/contact.c, ids.c,
 * security.c …). */
int woo__find_email(const woo__scan_ctx *ctx, woo__hits *out);

/* The policy's mailboxes by first byte, for woo__find_email: a list per
 * byte instead of a walk over all of them for every part of every
 * address.  Made once per scanner (woo__mailboxes_build); `made` is
 * false when the policy has more mailboxes than the index holds. */
enum { WOO__MAILBOX_NONE = 0xffff, WOO__MAILBOX_INDEXED = 256 };
typedef struct woo__mailboxes {
  bool made;
  uint16_t head[256]; /* first mailbox with this first byte */
  uint16_t next[WOO__MAILBOX_INDEXED]; /* the next one with the same byte */
} woo__mailboxes;
void woo__mailboxes_build(woo__mailboxes *ix, const woo_policy *pol);
int woo__find_phone(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_bsn(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_iban(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_address(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_plate(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_birthdate(const woo__scan_ctx *ctx, woo__hits *out);
/* Dates of birth in brackets right after the person hits among out's
 * ("Marek Dabrowski (03-02-1986)"), added to out. */
int woo__birthdates_after_names(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_idnumber(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_url(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_ip(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_hostname(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_secret(const woo__scan_ctx *ctx, woo__hits *out);

/* Find the labels of all three groups in one pass (ids.c).  Returns 0
 * or WOO_ENOMEM; the caller frees out->v. */
int woo__find_triggers(const char *text, size_t len, woo__triggers *out);
/* Call fn(arg, pos, stem) for each label of `group`, in text order, from
 * ctx->triggers or from a search of its own; stops at the first negative
 * return, which it returns (ids.c). */
int woo__each_trigger(const woo__scan_ctx *ctx, int group,
                      const char *const *stems,
                      int (*fn)(void *arg, size_t pos, size_t stem),
                      void *arg);
/* The labels of secrets (security.c), NULL-terminated. */
extern const char *const woo__secret_stems[];

/* Whether the address or number at `pos` sits in an organisation's
 * letterhead or postal block (address.c); such data stays. */
bool woo__office_context(const char *text, size_t len, size_t pos);

/* Validators shared with audit and tests. */
bool woo__bsn_valid(const char *digits, size_t n);   /* 9 digits, 11-test */
bool woo__iban_valid(const char *s, size_t n);       /* mod 97, spaces ok */

/* Person names and function titles (lib/detect/names.c). */
int woo__find_persons(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_functions(const woo__scan_ctx *ctx, woo__hits *out);
int woo__names_propagate(const woo__scan_ctx *ctx, woo__hits *hits);

/* Policy-driven rules (lib/detect/rules.c). */
int woo__find_terms(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_patterns(const woo__scan_ctx *ctx, woo__hits *out);
int woo__find_sections(const woo__scan_ctx *ctx, woo__hits *out);

/* ---- lexicons (lib/detect/lexicon.c over data compiled from lib/data) ---- */

/* Lexicon ids. */
typedef enum woo__lex {
  WOO__LEX_FIRST_NAMES = 0, /* given names */
  WOO__LEX_SURNAMES,        /* family names (without tussenvoegsel) */
  WOO__LEX_PARTICLES,       /* tussenvoegsels: van, de, van der, in 't … */
  WOO__LEX_TITLES,          /* dhr., mevr., mr., drs., dr., ir., prof. … */
  WOO__LEX_ORGANISATIONS,   /* public bodies and organisations: never names */
  WOO__LEX_OFFICIALS,       /* public offices: minister, burgemeester … */
  WOO__LEX_FUNCTIONS,       /* civil-service function titles */
  WOO__LEX_COMMON_WORDS,    /* common Dutch words (wdutch, at build time) */
  WOO__LEX_STOPWORDS,       /* capitalised words that are never names */
  WOO__LEX_COUNT
} woo__lex;

/* Whether the word (UTF-8, any case; compared case-folded) is in the
 * lexicon.  Lock-free and allocation-free. */
bool woo__lex_has(woo__lex lex, const char *word, size_t len);
/* Number of entries (for tests and `woo` diagnostics). */
size_t woo__lex_size(woo__lex lex);

#endif
