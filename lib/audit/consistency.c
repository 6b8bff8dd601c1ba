/* Consistency of redaction within a document and across a batch.
 *
 * A published document no longer holds what it withholds, but the words
 * around a code still say where it stood.  The map step hashes, for every
 * code, the few words on either side of it (a withheld context), and for
 * every short run of visible words that could be a name, a number or a
 * term, the words on either side of that run (a visible context), both in
 * the same way.  The merge step looks for a withheld context that also
 * occurs as a visible one: there the withheld text can be read (a context
 * leak, or within one document an inconsistent redaction).  Two codes in
 * the same context under different grounds are inconsistent too.
 *
 * Contexts do not reach across a blank line or another code, so a greeting
 * or a signature block is not tied to the paragraph after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"

typedef struct tok {
  size_t start, end;
  uint64_t h;               /* hash of the folded word */
  const woo_ground *ground; /* for a code: the ground of its first code */
  bool gap;                 /* one or more codes in a row */
  bool brk;                 /* a blank line before this token */
  bool content;             /* could be part of a name, number or term */
  char before, after;       /* punctuation right before / after, or 0;
                               read for codes and content words only */
} tok;

typedef struct toks {
  tok *v;
  size_t n, cap;
  size_t gaps, contents; /* tokens that are codes, content words */
} toks;

static int grow(toks *t) { return woo__grow(&t->v, &t->cap, sizeof *t->v, 256); }

static inline int push(toks *t, const tok *x) {
  if (t->n == t->cap && grow(t))
    return WOO_ENOMEM;
  t->v[t->n++] = *x;
  return 0;
}

static uint64_t mix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

/* FNV-1a over the folded code points of a word, 4 bytes each, so that a
 * word hashes the same however it is cased. */
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
/* FNV_PRIME to the fourth: the step for a code point below 256, whose
 * three high bytes are zero and leave the hash as it is but for the
 * multiplication. */
#define FNV_PRIME4 (FNV_PRIME * FNV_PRIME * FNV_PRIME * FNV_PRIME)

static uint64_t fnv_cp(uint64_t h, uint32_t cp) {
  if (cp < 0x100)
    return (h ^ cp) * FNV_PRIME4;
  for (int k = 0; k < 4; k++) {
    h ^= (cp >> (8 * k)) & 0xff;
    h *= FNV_PRIME;
  }
  return h;
}

static uint64_t word_hash(const char *w) {
  uint64_t h = FNV_OFFSET;
  for (; *w; w++)
    h = fnv_cp(h, (unsigned char)*w);
  return h;
}

/* Capitalised words that start sentences, greetings and header lines;
 * they say nothing about a name standing next to them. */
static const char *const function_words[] = {
    "de",    "het",   "een",  "in",     "op",    "van",   "voor", "met",
    "als",   "dat",   "die",  "er",     "ik",    "wij",   "we",   "zij",
    "u",     "je",    "hij",  "ze",     "dit",   "deze",  "naar", "bij",
    "om",    "aan",   "ook",  "nog",    "niet",  "wel",   "en",   "of",
    "maar",  "want",  "graag", "dank",  "beste", "geachte", "hoi", "groet",
    "hallo", "wat",   "wie",  "waar",   "hoe",   "daarna", "verder", "tot",
    "uit",   "over",  "door", "na",     "zo",    "dan",   "the",  "to",
    "from",  "re",    "fw",   "cc",     "onderwerp", "verzonden", "datum",
    "bijlage", "bijlagen", "sent", "subject", "date"};

#define N_FUNCTION (sizeof function_words / sizeof *function_words)

/* The hashes of the function words in an open-addressed table, so a
 * capitalised word is looked up with a probe or two. */
#define FW_SLOTS 256

typedef struct fw_table {
  uint64_t h[FW_SLOTS];
  bool used[FW_SLOTS];
} fw_table;

static void fw_init(fw_table *t) {
  memset(t->used, 0, sizeof t->used);
  for (size_t k = 0; k < N_FUNCTION; k++) {
    uint64_t h = word_hash(function_words[k]);
    size_t j = (size_t)(h % FW_SLOTS);
    while (t->used[j] && t->h[j] != h)
      j = (j + 1) % FW_SLOTS;
    t->used[j] = true;
    t->h[j] = h;
  }
}

static bool function_word(const fw_table *t, uint64_t h) {
  for (size_t j = (size_t)(h % FW_SLOTS); t->used[j]; j = (j + 1) % FW_SLOTS)
    if (t->h[j] == h)
      return true;
  return false;
}

static bool ascii_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* A code that hides text, as the tokenizer needs it. */
typedef struct hide {
  size_t start, end;
  const woo_ground *ground;
} hide;

/* The punctuation around a token, for contexts that end with a
 * paragraph ("die liggen bij 5.1.2.e."): '(' or ':' before it, and after
 * it one of .,;:!?) , blanks and tabs between them passed over. */
static inline char before_of(char c) { return c == '(' || c == ':' ? c : 0; }

/* The last byte before `a` that is not a blank or a tab, or 0. */
static char nonblank_before(const char *text, size_t a) {
  while (a > 0 && (text[a - 1] == ' ' || text[a - 1] == '\t'))
    a--;
  return a > 0 ? text[a - 1] : 0;
}

static inline char punct_after(const char *text, size_t len, size_t e) {
  while (e < len && (text[e] == ' ' || text[e] == '\t'))
    e++;
  if (e < len) {
    switch (text[e]) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')':
      return text[e];
    default:
      break;
    }
  }
  return 0;
}

/* Words (runs of letters and digits, case folded) and codes in order. */
static int tokenize(toks *t, const char *text, size_t len,
                    const woo_codes *codes) {
  fw_table fw;
  fw_init(&fw);
  size_t nc = 0;
  hide *hides = NULL;
  if (woo_codes_count(codes) &&
      !(hides = woo__calloc(woo_codes_count(codes), sizeof *hides)))
    return woo__oom();
  for (size_t k = 0; k < woo_codes_count(codes); k++) {
    const woo_code *c = woo_codes_at(codes, k);
    if (woo__code_hides(c))
      hides[nc++] = (hide){c->start, c->end, c->ground};
  }
  /* Room for a token every four bytes (prose has one every six or so),
   * within reason, so the list is seldom moved. */
  size_t guess = len / 4 + 16 < 65536 ? len / 4 + 16 : 65536;
  if (!t->v && !(t->v = woo__reallocarray(NULL, guess, sizeof *t->v))) {
    free(hides);
    return woo__oom();
  }
  if (t->cap < guess)
    t->cap = guess;
  /* Per ASCII byte: its folded form when it is part of a word, else 0. */
  unsigned char fold[128];
  for (int k = 0; k < 128; k++)
    fold[k] = !ascii_word((unsigned char)k) ? 0
              : k >= 'A' && k <= 'Z'        ? (unsigned char)(k + 32)
                                            : (unsigned char)k;
  size_t ci = 0;
  bool after_nl = false, brk = false;
  /* nonblank_before(text, i), kept up as bytes are passed: the byte the
   * punctuation before a token starting at i is read from. */
  char last = 0;
  size_t i = 0;
  int rc = 0;
  while (i < len) {
    while (ci < nc && hides[ci].end <= i)
      ci++;
    const hide *c = ci < nc ? &hides[ci] : NULL;
    if (c && c->start <= i) {
      tok *prev = t->n ? &t->v[t->n - 1] : NULL;
      if (prev && prev->gap && !brk) {
        prev->end = c->end; /* codes in a row hide one passage */
        prev->after = punct_after(text, len, c->end);
      } else {
        char pb = before_of(c->start == i ? last
                                          : nonblank_before(text, c->start));
        tok x = {c->start, c->end, 0, c->ground, true, brk, false, pb,
                 punct_after(text, len, c->end)};
        if ((rc = push(t, &x)))
          goto done;
        t->gaps++;
      }
      brk = after_nl = false;
      i = c->end;
      last = nonblank_before(text, i);
      ci++;
      continue;
    }
    /* ASCII blanks and punctuation before the next code or word, in a
     * loop of their own: they are most of what is not a word. */
    size_t upto = c ? c->start : len;
    while (i < upto) {
      unsigned char a = (unsigned char)text[i];
      if (a >= 0x80 || fold[a])
        break;
      if (a == '\n') {
        if (after_nl && t->n)
          brk = true;
        after_nl = true;
      } else if (a != ' ' && a != '\t' && a != '\r') {
        after_nl = false;
      }
      if (a != ' ' && a != '\t')
        last = (char)a;
      i++;
    }
    if (i >= upto)
      continue;
    unsigned char b = (unsigned char)text[i];
    size_t n = 1;
    uint32_t cp = b;
    if (b >= 0x80)
      cp = woo__utf8_decode((const unsigned char *)text + i, len - i, &n);
    if (b < 0x80 ? fold[b] != 0
                 : cp != WOO__BAD_CP && (woo__is_letter(cp) || woo__is_digit(cp))) {
      size_t s = i, stop = c ? c->start : len;
      uint64_t h = FNV_OFFSET;
      bool content = b < 0x80 ? (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                              : woo__is_upper(cp) || woo__is_digit(cp);
      while (i < stop) {
        b = (unsigned char)text[i];
        if (b < 0x80) {
          if (!fold[b])
            break;
          h = (h ^ fold[b]) * FNV_PRIME4;
          i++;
          continue;
        }
        cp = woo__utf8_decode((const unsigned char *)text + i, stop - i, &n);
        if (cp == WOO__BAD_CP || !(woo__is_letter(cp) || woo__is_digit(cp)))
          break;
        h = fnv_cp(h, woo__fold(cp));
        i += n;
      }
      if (content && i - s <= 9 && function_word(&fw, h))
        content = false;
      /* Punctuation is read only around content words: the contexts
       * look at no other word's. */
      tok x = {s, i, h, NULL, false, brk, content,
               content ? before_of(last) : 0,
               content ? punct_after(text, len, i) : 0};
      if ((rc = push(t, &x)))
        goto done;
      t->contents += content;
      if (i > s)
        last = text[i - 1]; /* a word's byte, never blank */
      brk = after_nl = false;
      continue;
    }
    if (cp == '\n') {
      if (after_nl && t->n)
        brk = true;
      after_nl = true;
    } else if (cp != ' ' && cp != '\t' && cp != '\r' && cp != 0xA0) {
      after_nl = false;
    }
    i += n;
    last = text[i - 1]; /* of a multi-byte character, never blank */
  }
done:
  free(hides);
  return rc;
}

/* A context side: up to K words (nearest first on the left), stopping at
 * a blank line or a code, hashed with its length. */
typedef struct side {
  uint64_t h;
  size_t n;
} side;

static side left_side(const toks *t, size_t i) {
  side s = {0x9e3779b97f4a7c15ull, 0};
  while (s.n < WOO__AUDIT_CONTEXT && i > 0 && !t->v[i].brk &&
         !t->v[i - 1].gap) {
    s.h = mix(s.h ^ t->v[i - 1].h);
    s.n++;
    i--;
  }
  s.h = mix(s.h ^ (0xa0 + s.n));
  return s;
}

static side right_side(const toks *t, size_t e) {
  side s = {0x7f4a7c159e3779b9ull, 0};
  while (s.n < WOO__AUDIT_CONTEXT && e < t->n && !t->v[e].brk &&
         !t->v[e].gap) {
    s.h = mix(s.h ^ t->v[e].h);
    s.n++;
    e++;
  }
  s.h = mix(s.h ^ (0xb0 + s.n));
  return s;
}

/* One hash for both sides, or 0 when the context is too thin to mean
 * anything: at least a word on each side and four in all, or a full side
 * where the other ends the paragraph with punctuation (`before`, `after`
 * are the punctuation around the span, part of the hash then). */
static inline uint64_t ctx_hash(side l, side r, char before, char after) {
  uint64_t p = 0;
  if (r.n == 0 && l.n == WOO__AUDIT_CONTEXT && after)
    p = 0xc000u + (unsigned char)after;
  else if (l.n == 0 && r.n == WOO__AUDIT_CONTEXT && before)
    p = 0xd000u + (unsigned char)before;
  else if (l.n < 1 || r.n < 1 || l.n + r.n < 4)
    return 0;
  uint64_t h = mix(l.h ^ mix(r.h + 0x632be59bd9b4e019ull) ^ p);
  return h ? h : 1;
}

/* Room for `more` keys beyond those in `k`, taken at once. */
static int akeys_reserve(woo__akeys *k, size_t more) {
  if (more <= k->cap - k->n)
    return 0;
  woo__akey *v = woo__reallocarray(k->v, k->n + more, sizeof *v);
  if (!v)
    return woo__oom();
  k->v = v;
  k->cap = k->n + more;
  return 0;
}

/* The keys stay until the batch is finished: give back what the list
 * does not use (shrinking in place, no copy). */
static void akeys_fit(woo__akeys *k) {
  if (k->n == 0) {
    free(k->v);
    *k = (woo__akeys){NULL, 0, 0};
  } else if (k->cap > k->n) {
    woo__akey *v = woo__reallocarray(k->v, k->n, sizeof *v);
    if (v) {
      k->v = v;
      k->cap = k->n;
    }
  }
}

static int vkeys_reserve(woo__vkeys *k, size_t more) {
  if (more <= k->cap - k->n)
    return 0;
  woo__vkey *v = woo__reallocarray(k->v, k->n + more, sizeof *v);
  if (!v)
    return woo__oom();
  k->v = v;
  k->cap = k->n + more;
  return 0;
}

static void vkeys_fit(woo__vkeys *k) {
  if (k->n == 0) {
    free(k->v);
    k->v = NULL;
    k->cap = 0;
  } else if (k->cap > k->n) {
    woo__vkey *v = woo__reallocarray(k->v, k->n, sizeof *v);
    if (v) {
      k->v = v;
      k->cap = k->n;
    }
  }
  akeys_fit(&k->wide);
}

/* woo__akeys_add without a call while there is room. */
static inline int akeys_push(woo__akeys *k, uint64_t h, size_t start,
                             size_t end, const woo_ground *ground) {
  if (k->n < k->cap) {
    k->v[k->n++] = (woo__akey){h, start, end, ground};
    return 0;
  }
  return woo__akeys_add(k, h, start, end, ground);
}

static inline int vkeys_push(woo__vkeys *k, uint64_t h, size_t start,
                             size_t end) {
  if (k->n < k->cap && start <= UINT32_MAX && end - start <= UINT32_MAX) {
    k->v[k->n++] = (woo__vkey){h, (uint32_t)start, (uint32_t)(end - start)};
    return 0;
  }
  return woo__vkeys_add(k, h, start, end);
}

/* Keys reserved ahead for a document at most: beyond that the list grows
 * by doubling as keys come. */
#define RESERVE_MAX ((size_t)1 << 16)

int woo__audit_contexts(woo__adoc *d, const char *text, size_t len,
                        const woo_codes *codes) {
  toks t = {NULL, 0, 0, 0, 0};
  side *right = NULL;
  int rc = tokenize(&t, text, len, codes);
  /* t.n + 1 sides, also for a text without a word; only those set below
   * are ever read. */
  if (rc == 0 && !(right = woo__reallocarray(NULL, t.n + 1, sizeof *right)))
    rc = woo__oom();
  /* A withheld key per code at most, a visible one per run of up to
   * WOO__AUDIT_MAX_RUN words from a content word. */
  size_t most = t.contents * WOO__AUDIT_MAX_RUN;
  if (rc == 0)
    rc = akeys_reserve(&d->withheld, t.gaps < RESERVE_MAX ? t.gaps : RESERVE_MAX);
  if (rc == 0)
    rc = vkeys_reserve(&d->visible, most < RESERVE_MAX ? most : RESERVE_MAX);
  /* Every right side once; the runs below combine them with left sides.
   * Only the side after a code or a content word is ever used. */
  for (size_t e = 1; e <= t.n && rc == 0; e++)
    if (t.v[e - 1].gap || t.v[e - 1].content)
      right[e] = right_side(&t, e);
  for (size_t i = 0; i < t.n && rc == 0; i++) {
    if (!t.v[i].gap && !t.v[i].content)
      continue;
    side l = left_side(&t, i);
    if (t.v[i].gap) {
      uint64_t h = ctx_hash(l, right[i + 1], t.v[i].before, t.v[i].after);
      if (h)
        rc = akeys_push(&d->withheld, h, t.v[i].start, t.v[i].end,
                        t.v[i].ground);
      continue;
    }
    /* Runs of visible words that begin and end with a capitalised word
     * or a number: where a name, a number or a term would stand. */
    for (size_t g = 1; g <= WOO__AUDIT_MAX_RUN && i + g <= t.n && rc == 0;
         g++) {
      const tok *last = &t.v[i + g - 1];
      if (last->gap || (g > 1 && last->brk))
        break;
      if (!last->content)
        continue;
      uint64_t h = ctx_hash(l, right[i + g], t.v[i].before, last->after);
      if (h)
        rc = vkeys_push(&d->visible, h, t.v[i].start, last->end);
    }
  }
  akeys_fit(&d->withheld);
  vkeys_fit(&d->visible);
  free(right);
  free(t.v);
  return rc;
}

/* ---- names beside codes ------------------------------------------------- */

static bool privacy_ground(const woo_ground *g) {
  return g && g->woo_code && strcmp(g->woo_code, "5.1.2.e") == 0;
}

/* A name and its address written as a pair, "Naam <adres>" (or with
 * `paren` "Naam (adres)"): only a space and the bracket between them.
 * "Team X (Naam)" is not such a pair. */
static bool pair(const char *text, size_t a, size_t b, bool paren) {
  if (b < a || b - a > 2 || b == a)
    return false;
  bool bracket = false;
  for (size_t i = a; i < b; i++) {
    if (text[i] == '<' || (paren && text[i] == '('))
      bracket = true;
    else if (text[i] != ' ')
      return false;
  }
  return bracket;
}

int woo__audit_adjacent(woo__adoc *d, const char *text, size_t len,
                        const woo_codes *codes, const woo_marks *hits) {
  (void)len;
  size_t nc = woo_codes_count(codes);
  int rc = 0;
  for (size_t i = 0; i < woo_marks_count(hits) && rc == 0; i++) {
    const woo_mark *m = woo_marks_at(hits, i);
    if (m->entity != WOO_ENTITY_PERSON && m->entity != WOO_ENTITY_EMAIL)
      continue;
    const woo_code *near = NULL;
    for (size_t k = 0; k < nc && !near; k++) {
      const woo_code *c = woo_codes_at(codes, k);
      if (!woo__code_hides(c) || !privacy_ground(c->ground))
        continue;
      /* A withheld name with its address left, or the other way round. */
      if ((m->entity == WOO_ENTITY_EMAIL && pair(text, c->end, m->start, true)) ||
          (m->entity == WOO_ENTITY_PERSON && pair(text, m->end, c->start, false)))
        near = c;
      if (c->start > m->end + 3)
        break;
    }
    if (!near)
      continue;
    char msg[200];
    snprintf(msg, sizeof msg,
             "%s zichtbaar direct naast code %s: wat op de ene plek is "
             "weggelakt, staat ernaast leesbaar",
             m->entity == WOO_ENTITY_EMAIL ? "e-mailadres" : "naam",
             near->ground->code);
    woo_finding f = {"inconsistent-redaction", WOO_SEVERITY_HIGH, d->path,
                     m->start, m->end, 0, msg, near->ground->code,
                     woo_entity_name(m->entity), m->confidence, d->path,
                     near->start};
    rc = woo__finding_add(&d->findings, &f);
  }
  return rc;
}

/* ---- the merge ------------------------------------------------------------- */

typedef struct wref {
  uint64_t h;
  size_t doc;
  const woo__akey *k;
} wref;

static int cmp_wref(const void *x, const void *y) {
  const wref *a = x, *b = y;
  if (a->h != b->h)
    return a->h < b->h ? -1 : 1;
  if (a->doc != b->doc)
    return a->doc < b->doc ? -1 : 1;
  return a->k->start < b->k->start ? -1 : a->k->start > b->k->start;
}

/* Sort by cmp_wref.  The keys come in document order and each
 * document's in text order, so a stable radix sort on the hash alone
 * gives the same order in linear time; keys in any other order (a key
 * file written by hand) take the comparison sort. */
static void sort_wrefs(wref *w, size_t nw) {
  bool ordered = true;
  for (size_t k = 1; k < nw && ordered; k++)
    ordered = w[k - 1].doc < w[k].doc ||
              (w[k - 1].doc == w[k].doc && w[k - 1].k->start < w[k].k->start);
  wref *tmp = ordered && nw >= 64 ? woo__reallocarray(NULL, nw, sizeof *tmp)
                                  : NULL;
  if (!tmp) {
    qsort(w, nw, sizeof *w, cmp_wref);
    return;
  }
  wref *src = w, *dst = tmp;
  for (unsigned shift = 0; shift < 64; shift += 8) {
    size_t at[257] = {0};
    for (size_t k = 0; k < nw; k++)
      at[((src[k].h >> shift) & 0xff) + 1]++;
    for (int b = 0; b < 256; b++)
      at[b + 1] += at[b];
    for (size_t k = 0; k < nw; k++)
      dst[at[(src[k].h >> shift) & 0xff]++] = src[k];
    wref *x = src;
    src = dst;
    dst = x;
  }
  /* Eight passes: the result is back in w. */
  free(tmp);
}

static const char *woo_form(const woo_ground *g) {
  return g ? (g->woo_code ? g->woo_code : g->code) : "";
}

/* A visible context of document i, [start, end), against the withheld
 * ones (sorted by hash): a finding where one has the same hash. */
static int visible_leak(woo__findings *out, woo__adoc **docs, size_t i,
                        const wref *w, size_t nw, uint64_t h, size_t start,
                        size_t end) {
  size_t lo = 0, hi = nw;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (w[mid].h < h)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == nw || w[lo].h != h)
    return 0;
  const wref *m = &w[lo];
  bool same = m->doc == i;
  char msg[300];
  snprintf(msg, sizeof msg,
           same ? "weggelakt met code %s elders in dit document, hier "
                  "leesbaar in dezelfde context (%zu bytes)"
                : "weggelakt met code %s in een ander document van de "
                  "batch, hier leesbaar in dezelfde context (%zu bytes)",
           m->k->ground ? m->k->ground->code : "?", end - start);
  woo_finding f = {same ? "inconsistent-redaction" : "context-leak",
                   WOO_SEVERITY_HIGH, docs[i]->path, start, end, 0, msg,
                   m->k->ground ? m->k->ground->code : NULL, NULL, 0.9,
                   docs[m->doc]->path, m->k->start};
  return woo__finding_add(out, &f);
}

int woo__audit_consistency(woo__findings *out, woo__adoc **docs, size_t n) {
  size_t nw = 0;
  for (size_t i = 0; i < n; i++)
    nw += docs[i]->withheld.n;
  if (nw == 0)
    return 0;
  wref *w = woo__calloc(nw, sizeof *w);
  if (!w)
    return woo__oom();
  size_t j = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < docs[i]->withheld.n; k++)
      w[j++] = (wref){docs[i]->withheld.v[k].h, i, &docs[i]->withheld.v[k]};
  sort_wrefs(w, nw);
  int rc = 0;
  char msg[300];

  /* The same context under different grounds. */
  for (size_t a = 0; a < nw && rc == 0;) {
    size_t b = a + 1;
    while (b < nw && w[b].h == w[a].h)
      b++;
    for (size_t k = a + 1; k < b && rc == 0; k++) {
      if (strcmp(woo_form(w[k].k->ground), woo_form(w[a].k->ground)) == 0)
        continue;
      snprintf(msg, sizeof msg,
               "code %s in dezelfde context als code %s elders: dezelfde "
               "tekst onder verschillende gronden",
               w[k].k->ground ? w[k].k->ground->code : "?",
               w[a].k->ground ? w[a].k->ground->code : "?");
      woo_finding f = {"inconsistent-redaction", WOO_SEVERITY_MEDIUM,
                       docs[w[k].doc]->path, w[k].k->start, w[k].k->end, 0,
                       msg, w[k].k->ground ? w[k].k->ground->code : NULL, NULL,
                       0.8, docs[w[a].doc]->path, w[a].k->start};
      rc = woo__finding_add(out, &f);
    }
    a = b;
  }

  /* Visible text where elsewhere a code stands in the same words.  Most
   * visible contexts match none: a bit per hash, sixteen bits for every
   * withheld key, turns most of them away before the binary search. */
  size_t nbits = 64;
  while (nbits < nw * 16)
    nbits *= 2;
  uint64_t *seen = woo__calloc(nbits / 64, sizeof *seen);
  if (!seen) {
    free(w);
    return woo__oom();
  }
  for (size_t k = 0; k < nw; k++) {
    size_t bit = (size_t)(w[k].h & (nbits - 1));
    seen[bit / 64] |= 1ull << (bit % 64);
  }
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo__vkeys *v = &docs[i]->visible;
    for (size_t k = 0; k < v->n && rc == 0; k++) {
      size_t bit = (size_t)(v->v[k].h & (nbits - 1));
      if (seen[bit / 64] >> (bit % 64) & 1)
        rc = visible_leak(out, docs, i, w, nw, v->v[k].h, v->v[k].start,
                          (size_t)v->v[k].start + v->v[k].len);
    }
    for (size_t k = 0; k < v->wide.n && rc == 0; k++) {
      const woo__akey *x = &v->wide.v[k];
      size_t bit = (size_t)(x->h & (nbits - 1));
      if (seen[bit / 64] >> (bit % 64) & 1)
        rc = visible_leak(out, docs, i, w, nw, x->h, x->start, x->end);
    }
  }
  free(seen);
  free(w);
  return rc;
}
