/* The scanner engine: compile a policy, run the recognizers, apply the
 * policy's switches, thresholds and allow lists, and resolve overlaps into
 * a clean list of marks. */
#include <stdlib.h>
#include <string.h>

#include "../core/internal.h"
#include "../doc/internal.h"
#include "internal.h"
#include "policy.h"
#include "scanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#if defined(WOO__AVX2)
#include <immintrin.h>
#endif
#endif

/* ---- words and hashing -------------------------------------------------- */

static inline bool ascii_alnum(unsigned char c) {
  /* without branches: word scans ask it for every byte */
  return ((unsigned)((c | 0x20) - 'a') < 26u) | ((unsigned)(c - '0') < 10u);
}

/* How many of the eight bytes at p are ASCII letters or digits before
 * the first that is none. */
static inline unsigned lead_alnum8(const char *p) {
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  uint64_t x;
  memcpy(&x, p, 8);
  /* per byte without carries (t <= 0x7f): t + (0x80 - lo) has its high
   * bit set exactly when t >= lo, t + (0x7f - hi) when t > hi */
  uint64_t t = x & ~hb, l = (x | ones * 0x20) & ~hb;
  uint64_t letter = (l + ones * (0x80 - 'a')) & ~(l + ones * (0x7f - 'z'));
  uint64_t digit = (t + ones * (0x80 - '0')) & ~(t + ones * (0x7f - '9'));
  uint64_t in = (letter | digit) & ~x & hb;
  if (in == hb)
    return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return (unsigned)__builtin_clzll(~in & hb) / 8u;
#else
  return (unsigned)__builtin_ctzll(~in & hb) / 8u;
#endif
}

/* A hash of a name's first word for the lookup index: short words (most)
 * from two loads, the others by woo__fnv1a.  The index and the walk hash
 * alike, so only equal words meet. */
static inline uint64_t name_word_hash(const char *s, size_t n) {
  if (n == 0 || n > 16)
    return woo__fnv1a(s, n);
  uint64_t lo = 0, hi = 0;
  if (n >= 8) {
    memcpy(&lo, s, 8);
    memcpy(&hi, s + n - 8, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, s, 4);
    memcpy(&b, s + n - 4, 4);
    lo = (uint64_t)a | (uint64_t)b << 32;
  } else {
    lo = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
         (uint64_t)(unsigned char)s[n - 1] << 16;
  }
  uint64_t h = (lo * 0x9e3779b97f4a7c15ull) ^ (hi * 0xc2b2ae3d27d4eb4full) ^ n;
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}

/* h with the n bytes at p mixed in, eight a step (one load each, not a
 * call), the last partial step zero-padded: callers hash the length
 * first, which tells the padding from bytes. */
static inline uint64_t mix_bytes(uint64_t h, const char *p, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    h = (h ^ x) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
  }
  if (i < n) {
    uint64_t x = 0;
    memcpy(&x, p + i, n - i);
    h = (h ^ x) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
  }
  return h;
}

/* A hash of all of a name's bytes, the key it is kept by in a batch's
 * set. */
static uint64_t name_key(const char *s, size_t n) {
  uint64_t h = mix_bytes(0x9e3779b97f4a7c15ull ^ n, s, n);
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

size_t woo__word_len(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    /* ASCII letters and digits without decoding: most of every word. */
    if (ascii_alnum((unsigned char)s[i])) {
      i++;
      continue;
    }
    size_t n;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, len - i, &n);
    if (woo__is_letter(cp) || woo__is_digit(cp)) {
      i += n;
      continue;
    }
    /* An apostrophe or hyphen inside a word belongs to it (in 't,
     * Jansen-Bakker); at the edges it does not. */
    if (i > 0 && (cp == '\'' || cp == '-' || cp == 0x2019) && i + n < len) {
      size_t n2;
      uint32_t next = woo__utf8_decode((const unsigned char *)s + i + n,
                                       len - i - n, &n2);
      if (woo__is_letter(next)) {
        i += n;
        continue;
      }
    }
    break;
  }
  return i;
}

uint64_t woo__fold_hash(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c > ' ' && c < 0x80) {
      /* printable ASCII, most of every name: what the decoding and
       * folding below would give, without the calls */
      h ^= c >= 'A' && c <= 'Z' ? c + 32u : c;
      h *= 1099511628211ull;
      i++;
      continue;
    }
    if (c == ' ' && (i + 1 == len || ((unsigned char)s[i + 1] > ' ' &&
                                      (unsigned char)s[i + 1] < 0x80))) {
      /* one space between words, most of every name: what the run of
       * spaces below gives, without the calls */
      h ^= ' ';
      h *= 1099511628211ull;
      i++;
      continue;
    }
    size_t n;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, len - i, &n);
    /* Runs of spaces count as one, so "van  der" matches "van der".
     * Bytes that are spaces themselves are passed one by one; a space of
     * several bytes (a no-break space) by its length, which the byte
     * test alone never passed: the loop stood still on it. */
    if (woo__is_space(cp)) {
      for (;;) {
        while (i < len && woo__is_space((unsigned char)s[i]))
          i++;
        size_t m;
        if (i >= len || (unsigned char)s[i] < 0x80 ||
            !woo__is_space(woo__utf8_decode((const unsigned char *)s + i,
                                            len - i, &m)))
          break;
        i += m;
      }
      cp = ' ';
      n = 0;
    }
    cp = woo__fold(cp);
    h ^= cp;
    h *= 1099511628211ull;
    i += n;
  }
  return h ? h : 1;
}

/* ---- compile -------------------------------------------------------------- */

static int compile_re(pcre2_code **out, const char *re, const char *what,
                      const char *policy) {
  int err;
  PCRE2_SIZE off;
  *out = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                       PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE |
                           PCRE2_MATCH_INVALID_UTF,
                       &err, &off, NULL);
  if (!*out) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    return woo__error(WOO_EPOLICY, "%s: %s /%s/ at offset %zu: %s", policy,
                      what, re, (size_t)off, (const char *)msg);
  }
  /* JIT is an optimisation: where it is not available the interpreter
   * gives the same results. */
  pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE);
  return 0;
}

static uint64_t first_word_hash(const char *t, size_t len) {
  size_t w = woo__word_len(t, len);
  return woo__fold_hash(t, w ? w : len);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int build_terms(woo_scanner *s) {
  const woo_policy *p = s->policy;
  if (!p->n_terms)
    return 0;
  size_t slots = 16;
  while (slots < p->n_terms * 2)
    slots *= 2;
  s->term_slots = woo__calloc(slots, sizeof *s->term_slots);
  s->term_order = woo__calloc(p->n_terms, sizeof *s->term_order);
  uint64_t *hashes = woo__calloc(p->n_terms, sizeof *hashes);
  if (!s->term_slots || !s->term_order || !hashes) {
    free(hashes);
    return WOO_ENOMEM;
  }
  s->n_term_slots = slots;
  /* Count terms per first word, then lay them out grouped. */
  for (size_t i = 0; i < p->n_terms; i++) {
    hashes[i] = first_word_hash(p->terms[i].term, p->terms[i].len);
    size_t j = hashes[i] & (slots - 1);
    while (s->term_slots[j].hash && s->term_slots[j].hash != hashes[i])
      j = (j + 1) & (slots - 1);
    s->term_slots[j].hash = hashes[i];
    s->term_slots[j].count++;
  }
  size_t next = 0;
  for (size_t j = 0; j < slots; j++)
    if (s->term_slots[j].hash) {
      s->term_slots[j].first = next;
      next += s->term_slots[j].count;
      s->term_slots[j].count = 0;
    }
  for (size_t i = 0; i < p->n_terms; i++) {
    size_t j = hashes[i] & (slots - 1);
    while (s->term_slots[j].hash != hashes[i])
      j = (j + 1) & (slots - 1);
    s->term_order[s->term_slots[j].first + s->term_slots[j].count++] = i;
  }
  free(hashes);
  return 0;
}

static int build_allow(woo_scanner *s) {
  const woo_policy *p = s->policy;
  size_t n = p->n_allow + p->n_officials;
  if (!n)
    return 0;
  s->allow_hashes = woo__calloc(n, sizeof *s->allow_hashes);
  if (!s->allow_hashes)
    return WOO_ENOMEM;
  for (size_t i = 0; i < p->n_allow; i++)
    s->allow_hashes[s->n_allow_hashes++] =
        woo__fold_hash(p->allow[i], strlen(p->allow[i]));
  for (size_t i = 0; i < p->n_officials; i++)
    s->allow_hashes[s->n_allow_hashes++] =
        woo__fold_hash(p->officials[i], strlen(p->officials[i]));
  qsort(s->allow_hashes, s->n_allow_hashes, sizeof *s->allow_hashes, cmp_u64);
  return 0;
}

void woo_scanner_free(woo_scanner *s) {
  if (!s)
    return;
  if (s->policy) {
    for (size_t i = 0; s->patterns && i < s->policy->n_patterns; i++)
      pcre2_code_free(s->patterns[i]);
    for (size_t i = 0; s->sections && i < s->policy->n_sections; i++) {
      pcre2_code_free(s->sections[i].heading);
      pcre2_code_free(s->sections[i].until);
      pcre2_code_free(s->sections[i].keep);
    }
  }
  free(s->patterns);
  free(s->sections);
  free(s->term_slots);
  free(s->term_order);
  free(s->allow_hashes);
  woo_policy_free(s->policy);
  free(s);
}

int woo_scanner_new(woo_scanner **out, const woo_policy *policy) {
  if (!out)
    return woo__error(WOO_EINVAL, "out is NULL");
  *out = NULL;
  woo_scanner *s = woo__calloc(1, sizeof *s);
  if (!s)
    return WOO_ENOMEM;
  int rc;
  if (policy)
    rc = woo__policy_copy(&s->policy, policy);
  else
    rc = woo_policy_default(&s->policy);
  if (rc)
    goto fail;
  const woo_policy *p = s->policy;
  const char *pname = p->name ? p->name : "policy";
  if (p->n_patterns) {
    s->patterns = woo__calloc(p->n_patterns, sizeof *s->patterns);
    if (!s->patterns) {
      rc = WOO_ENOMEM;
      goto fail;
    }
    for (size_t i = 0; i < p->n_patterns; i++)
      if ((rc = compile_re(&s->patterns[i], p->patterns[i].regex, "pattern", pname)))
        goto fail;
  }
  if (p->n_sections) {
    s->sections = woo__calloc(p->n_sections, sizeof *s->sections);
    if (!s->sections) {
      rc = WOO_ENOMEM;
      goto fail;
    }
    for (size_t i = 0; i < p->n_sections; i++) {
      const woo__section_rule *r = &p->sections[i];
      if ((rc = compile_re(&s->sections[i].heading, r->heading, "section heading", pname)) ||
          (r->until && (rc = compile_re(&s->sections[i].until, r->until, "section end", pname))) ||
          (r->keep && (rc = compile_re(&s->sections[i].keep, r->keep, "section keep", pname))))
        goto fail;
    }
  }
  woo__mailboxes_build(&s->mailboxes, p);
  if ((rc = build_terms(s)) || (rc = build_allow(s)))
    goto fail;
  *out = s;
  return 0;
fail:
  woo_scanner_free(s);
  return rc;
}

/* ---- scanning --------------------------------------------------------------- */

typedef struct recognizer {
  woo_entity entity;
  woo__recognizer_fn fn;
} recognizer;

static const recognizer recognizers[] = {
    {WOO_ENTITY_PERSON, woo__find_persons},
    {WOO_ENTITY_FUNCTION, woo__find_functions},
    {WOO_ENTITY_EMAIL, woo__find_email},
    {WOO_ENTITY_PHONE, woo__find_phone},
    {WOO_ENTITY_BSN, woo__find_bsn},
    {WOO_ENTITY_IBAN, woo__find_iban},
    {WOO_ENTITY_ADDRESS, woo__find_address},
    {WOO_ENTITY_PLATE, woo__find_plate},
    {WOO_ENTITY_BIRTHDATE, woo__find_birthdate},
    {WOO_ENTITY_IDNUMBER, woo__find_idnumber},
    {WOO_ENTITY_URL, woo__find_url},
    {WOO_ENTITY_IP, woo__find_ip},
    {WOO_ENTITY_HOSTNAME, woo__find_hostname},
    {WOO_ENTITY_SECRET, woo__find_secret},
};

/* When hits overlap, the one with the higher rank wins; sections and the
 * policy's own rules outrank the recognizers, validated identifiers
 * outrank names. */
static inline int rank(woo_entity e) {
  switch (e) {
  case WOO_ENTITY_SECTION: return 6;
  case WOO_ENTITY_TERM:
  case WOO_ENTITY_PATTERN: return 5;
  case WOO_ENTITY_EMAIL:
  case WOO_ENTITY_URL:
  case WOO_ENTITY_IBAN:
  case WOO_ENTITY_BSN:
  case WOO_ENTITY_IDNUMBER:
  case WOO_ENTITY_SECRET: return 4;
  case WOO_ENTITY_PHONE:
  case WOO_ENTITY_IP:
  case WOO_ENTITY_HOSTNAME:
  case WOO_ENTITY_PLATE:
  case WOO_ENTITY_BIRTHDATE: return 3;
  case WOO_ENTITY_ADDRESS:
  case WOO_ENTITY_PERSON: return 2;
  default: return 1;
  }
}

/* Rank and length of a hit in one word, higher first in priority:
 * compared before anything else. */
static inline uint64_t priority_key(const woo__hit *h) {
  uint64_t len = h->end - h->start;
  if (len >= (uint64_t)1 << 58)
    len = ((uint64_t)1 << 58) - 1; /* never so long: the text is in memory */
  return (uint64_t)rank(h->entity) << 58 | len;
}

/* Hits a and b of v by priority (key[i]: priority_key(&v[i])): rank,
 * then length, then confidence, higher first, then position. */
static inline int cmp_priority(const woo__hit *v, const uint64_t *key,
                               size_t a, size_t b) {
  if (key[a] != key[b])
    return key[a] > key[b] ? -1 : 1;
  const woo__hit *x = &v[a], *y = &v[b];
  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static inline int cmp_position(const woo__hit *v, const uint64_t *key,
                               size_t a, size_t b) {
  (void)key;
  const woo__hit *x = &v[a], *y = &v[b];
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Hits are sorted as indices into their array, so that a move is of one
 * word rather than of a whole hit.  The order is that of a stable sort:
 * ties keep the order the recognizers gave, as the C library's merge
 * sort does.  Insertion sort of short runs, then merges of doubling
 * width; tmp has room for n indices (unused for up to RUN of them). */
enum { RUN = 16 };

#define DEFINE_SORT_HITS(name, cmp)                                             \
__attribute__((noinline)) static void name(const woo__hit *v, const uint64_t *key, size_t *ix,          \
                 size_t n, size_t *tmp) {                                     \
  for (size_t a = 0; a < n; a += RUN) {                                       \
    size_t b = a + RUN < n ? a + RUN : n;                                     \
    for (size_t i = a + 1; i < b; i++) {                                      \
      size_t x = ix[i];                                                       \
      size_t j = i;                                                           \
      while (j > a && cmp(v, key, ix[j - 1], x) > 0) {                        \
        ix[j] = ix[j - 1];                                                    \
        j--;                                                                  \
      }                                                                       \
      ix[j] = x;                                                              \
    }                                                                         \
  }                                                                           \
  if (n <= RUN)                                                               \
    return;                                                                   \
  size_t *src = ix, *dst = tmp;                                               \
  for (size_t w = RUN; w < n; w *= 2) {                                       \
    for (size_t a = 0; a < n; a += 2 * w) {                                   \
      size_t m = a + w < n ? a + w : n, b = a + 2 * w < n ? a + 2 * w : n;    \
      size_t i = a, j = m, o = a;                                             \
      if (m < b && cmp(v, key, src[m - 1], src[m]) <= 0) {                    \
        /* in order already */                                                \
        memcpy(dst + a, src + a, (b - a) * sizeof *src);                      \
        continue;                                                             \
      }                                                                       \
      while (i < m && j < b)                                                  \
        dst[o++] = cmp(v, key, src[i], src[j]) <= 0 ? src[i++] : src[j++];    \
      while (i < m)                                                           \
        dst[o++] = src[i++];                                                  \
      while (j < b)                                                           \
        dst[o++] = src[j++];                                                  \
    }                                                                         \
    size_t *x = src;                                                          \
    src = dst;                                                                \
    dst = x;                                                                  \
  }                                                                           \
  if (src != ix)                                                              \
    memcpy(ix, src, n * sizeof *ix);                                          \
}

DEFINE_SORT_HITS(sort_by_priority, cmp_priority)
DEFINE_SORT_HITS(sort_by_position, cmp_position)

/* The indices ix (0 to n - 1 in order) in the order of their keys
 * (start and end of a hit packed in one word each, texts below 4 GB),
 * stably, as sort_by_position orders them.  The hits come as the
 * recognizers' lists one after another, each mostly in text order: the
 * ascending runs are few, and merging neighbouring runs until one is
 * left does less than sorting runs of a fixed length first.  tmp and
 * ends have room for n indices each. */
static void sort_by_packed(const uint64_t *key, size_t *ix, size_t n,
                           size_t *tmp, size_t *ends) {
  /* where each run ends */
  size_t nr = 0;
  for (size_t i = 1; i < n; i++)
    if (key[i] < key[i - 1])
      ends[nr++] = i;
  if (!nr)
    return;
  ends[nr++] = n;
  size_t *src = ix, *dst = tmp;
  while (nr > 1) {
    size_t w = 0, a = 0;
    for (size_t r = 0; r < nr; r += 2) {
      size_t m = ends[r];
      if (r + 1 == nr) {
        memcpy(dst + a, src + a, (m - a) * sizeof *src);
        ends[w++] = m;
        break;
      }
      size_t b = ends[r + 1];
      /* the left run's hit first on a tie: stable */
      size_t i = a, j = m, o = a;
      while (i < m && j < b)
        dst[o++] = key[src[j]] < key[src[i]] ? src[j++] : src[i++];
      while (i < m)
        dst[o++] = src[i++];
      while (j < b)
        dst[o++] = src[j++];
      ends[w++] = b;
      a = b;
    }
    nr = w;
    size_t *x = src;
    src = dst;
    dst = x;
  }
  if (src != ix)
    memcpy(ix, src, n * sizeof *ix);
}

static bool allowed(const woo_scanner *s, const char *text, const woo__hit *h) {
  if (!s->n_allow_hashes || rank(h->entity) >= 5)
    return false;
  uint64_t k = woo__fold_hash(text + h->start, h->end - h->start);
  return bsearch(&k, s->allow_hashes, s->n_allow_hashes, sizeof k, cmp_u64);
}

static int known_names(const woo__scan_ctx *ctx, woo_names *known,
                       woo__hits *hits);
static bool learnable(const char *text, const woo__hit *h);
static int learn_names(const woo__scan_ctx *ctx, woo_names *known,
                       const woo__hits *hits);
static uint64_t text_hash(const char *t, size_t len);
static uint64_t doc_text_hash(const woo_doc *doc, const char *t, size_t len);
/* text_hash of the text of doc (NULL for a bare text), made once per
 * document: a batch scans each twice, learning and then marking.  A
 * hash that comes out 0 is made again each time. */
static uint64_t doc_text_hash(const woo_doc *doc, const char *t, size_t len) {
  if (!doc || doc->text.data != t || doc->text.len != len)
    return text_hash(t, len);
  woo_doc *d = (woo_doc *)doc; /* the hash only, never the document */
  uint64_t h = atomic_load_explicit(&d->text_hash, memory_order_relaxed);
  if (!h) {
    h = text_hash(t, len);
    atomic_store_explicit(&d->text_hash, h, memory_order_relaxed);
  }
  return h;
}

static const woo__learned *learned_find(woo_names *known,
                                        const woo_scanner *s,
                                        const woo_doc *doc, const char *text,
                                        size_t len, uint64_t hash);
static void learned_add(woo_names *known, const woo_scanner *s,
                        const woo_doc *doc, const char *text, size_t len,
                        uint64_t hash, const woo__hit *hits, size_t n);
static int learned_hits(woo__hits *h, const woo_names *known,
                        const woo__learned *d);

/* The bit for byte b of the text is bit b % 64 of map[b / 64].  Whether
 * one of bits [a, e) is set, and setting them: a hit mostly lies within
 * one or two words. */
static inline uint64_t bits_mask(size_t from, size_t to) {
  /* bits from..to-1 of one word, 0 <= from < to <= 64 */
  return (~(uint64_t)0 >> (64 - (to - from))) << from;
}

static bool bits_any(const uint64_t *map, size_t a, size_t e) {
  if (a >= e)
    return false;
  size_t ab = a / 64, eb = (e - 1) / 64;
  if (ab == eb)
    return map[ab] & bits_mask(a % 64, (e - 1) % 64 + 1);
  if (map[ab] & bits_mask(a % 64, 64))
    return true;
  for (size_t k = ab + 1; k < eb; k++)
    if (map[k])
      return true;
  return map[eb] & bits_mask(0, (e - 1) % 64 + 1);
}

static void bits_set(uint64_t *map, size_t a, size_t e) {
  if (a >= e)
    return;
  size_t ab = a / 64, eb = (e - 1) / 64;
  if (ab == eb) {
    map[ab] |= bits_mask(a % 64, (e - 1) % 64 + 1);
    return;
  }
  map[ab] |= bits_mask(a % 64, 64);
  for (size_t k = ab + 1; k < eb; k++)
    map[k] = ~(uint64_t)0;
  map[eb] |= bits_mask(0, (e - 1) % 64 + 1);
}

/* Whether a hit passes the policy's filters: its entity enabled and its
 * confidence at the threshold (rules always), within the text, and not
 * on the allow list. */
static inline bool passes(const woo_scanner *s, const char *text, size_t len,
                          const woo__hit *h) {
  const woo__entity_rule *r = &s->policy->entity[h->entity];
  bool rule = rank(h->entity) >= 5;
  if (!rule && (!r->enabled || h->confidence < r->threshold))
    return false;
  return !(h->end > len || allowed(s, text, h));
}

static int cmp_span(const void *a, const void *b) {
  const size_t *x = a, *y = b;
  return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : x[1] > y[1];
}

static int cmp_span_start(const void *a, const void *b) {
  const size_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* An office holder acting in office stays visible (the recognizer
 * reports the name with source "official", below every default
 * threshold): a name this text or another document of the batch withholds
 * elsewhere is not marked there either, whole or in part.  Hits from
 * n_found on are such echoes (propagation, batch names); the ones that
 * touch an office holder's name are dropped. */
static int keep_office_holders(woo__hits *hits, size_t n_found) {
  size_t n_off = 0;
  for (size_t i = 0; i < n_found; i++)
    n_off += hits->v[i].source[0] == 'o' && !strcmp(hits->v[i].source, "official");
  if (!n_off)
    return 0;
  /* [start, end, greatest end so far] of each office holder's name, by
   * start */
  size_t *sp = woo__reallocarray(NULL, n_off, 3 * sizeof *sp);
  if (!sp)
    return WOO_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < n_found; i++)
    if (hits->v[i].source[0] == 'o' && !strcmp(hits->v[i].source, "official")) {
      sp[3 * k] = hits->v[i].start;
      sp[3 * k + 1] = hits->v[i].end;
      k++;
    }
  /* The recognizer reports names in text order, mostly: sorted, they
   * need no sort (the reach below does not depend on the order of names
   * that start at the same byte). */
  bool sorted = true;
  for (k = 1; k < n_off && sorted; k++)
    sorted = sp[3 * (k - 1)] <= sp[3 * k];
  if (!sorted)
    qsort(sp, n_off, 3 * sizeof *sp, cmp_span_start);
  size_t reach = 0;
  for (k = 0; k < n_off; k++) {
    if (sp[3 * k + 1] > reach)
      reach = sp[3 * k + 1];
    sp[3 * k + 2] = reach;
  }
  size_t w = n_found;
  for (size_t i = n_found; i < hits->n; i++) {
    const woo__hit *h = &hits->v[i];
    /* the last name that starts before the hit ends */
    size_t lo = 0, hi = n_off;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (sp[3 * mid] < h->end)
        lo = mid + 1;
      else
        hi = mid;
    }
    bool touches = lo > 0 && sp[3 * (lo - 1) + 2] > h->start;
    if (!(h->entity == WOO_ENTITY_PERSON && touches))
      hits->v[w++] = *h;
  }
  hits->n = w;
  free(sp);
  return 0;
}

/* A thread's hit array, kept from one scan for the next: a batch scans
 * thousands of short texts, and the array's allocation and release were
 * a noticeable part of each.  Arrays that grew past SPARE_HITS_KEEP are
 * not kept. */
#define SPARE_HITS_KEEP 16384
typedef struct spare_hits {
  woo__hit *v;
  size_t cap;
} spare_hits;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static pthread_key_t spare_key;
static bool spare_keyed;

static void spare_free(void *p) {
  spare_hits *b = p;
  free(b->v);
  free(b);
}

static void spare_start(void) {
  spare_keyed = pthread_key_create(&spare_key, spare_free) == 0;
}

/* Give h the thread's array when it has one of at least `want` hits. */
static void hits_take(woo__hits *h, size_t want) {
  pthread_once(&spare_once, spare_start);
  spare_hits *b = spare_keyed ? pthread_getspecific(spare_key) : NULL;
  if (b && b->v && b->cap >= want) {
    h->v = b->v;
    h->cap = b->cap;
    h->n = 0;
    b->v = NULL;
  }
}

/* Keep h's array for the thread's next scan, or free it. */
static void hits_give(woo__hits *h) {
  if (spare_keyed && h->v && h->cap <= SPARE_HITS_KEEP) {
    spare_hits *b = pthread_getspecific(spare_key);
    if (!b && (b = woo__calloc(1, sizeof *b)) &&
        pthread_setspecific(spare_key, b)) {
      free(b);
      b = NULL;
    }
    if (b && (!b->v || b->cap < h->cap)) {
      free(b->v);
      b->v = h->v;
      b->cap = h->cap;
      h->v = NULL;
    }
  }
  woo__hits_free(h);
}

/* A winner's key after resolution: above every priority key (whose rank,
 * in the top bits, is at most 6). */
#define WON UINT64_MAX

/* Up to this length a scan makes a text map (five bits per byte). */
#define TEXTMAP_MAX ((size_t)256 << 20)

static int scan(woo_marks **out, const woo_scanner *s, const woo_doc *doc,
                const char *text, size_t len, const woo_scan_options *opts) {
  if (!out || !s)
    return woo__error(WOO_EINVAL, "out or scanner is NULL");
  *out = NULL;
  if (opts && opts->version != WOO_SCAN_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "unknown woo_scan_options version %u",
                      opts->version);
  const woo_policy *p = s->policy;
  woo__scan_ctx ctx = {text, len, doc, s, p, NULL, NULL};
  woo__hits hits = {0};
  woo__triggers triggers = {NULL, 0, 0};
  woo__textmap map = {{NULL}, 0, 0, false};
  /* The text map of a short text (up to 8 kB) on the stack. */
  uint64_t map_room[WOO__MAP_COUNT * 128];
  /* One bit per text byte already given to a mark.  Marks are taken in
   * priority order, not text order, so a sorted span set would be sorted
   * again after every mark; a bitmap keeps resolution linear. */
  uint64_t *taken = NULL;
  /* Most texts are short: their map fits on the stack. */
  uint64_t taken_stack[64];
  /* The hits' order as indices (sorting below), room for the sorts, and
   * the hits' priority keys: on the stack for the hits of most texts. */
  enum { ORDER_STACK = 128 };
  size_t order_stack[3 * ORDER_STACK];
  uint64_t key_stack[ORDER_STACK];
  size_t *order = order_stack;
  uint64_t *key = key_stack;
  woo_marks *marks = NULL;
  int rc = 0;

  /* A learning pass keeps only confident person names from the
   * recognizers and the policy's rules (learn_names): the other
   * recognizers and propagation add nothing it keeps, and each hit is
   * judged on its own, so leaving them out changes nothing learned. */
  bool learn = opts && opts->known && opts->learn;
  /* Room for the hits of most documents at once, roughly one per 40
   * bytes of text, rather than grown from a few as they come. */
  {
    size_t guess = len / 40 < 64 ? 64 : len / 40 > 4096 ? 4096 : len / 40;
    hits_take(&hits, guess);
    if (!hits.v) {
      hits.v = woo__reallocarray(NULL, guess, sizeof *hits.v);
      if (!hits.v)
        rc = WOO_ENOMEM;
      else
        hits.cap = guess;
    }
  }
  if (rc == 0 && !learn && (p->entity[WOO_ENTITY_IDNUMBER].enabled ||
                 p->entity[WOO_ENTITY_BIRTHDATE].enabled ||
                 p->entity[WOO_ENTITY_SECRET].enabled)) {
    /* One search for the labels of all three instead of one each. */
    rc = woo__find_triggers(text, len, &triggers);
    ctx.triggers = &triggers;
  }
  /* The recognizers of numbers and punctuated values share one map of
   * where their bytes are.  A text too long for the map's memory to be
   * small beside it goes without: each recognizer searches on its own. */
  if (rc == 0 && !learn && len <= TEXTMAP_MAX) {
    rc = woo__textmap_build(&map, text, len, map_room,
                            sizeof map_room / sizeof *map_room);
    if (rc == 0)
      ctx.map = &map;
  }
  /* In a batch, the marking pass takes the person hits the learning pass
   * found in the same text instead of finding them again.  They depend on
   * the text and the scanner only (not on the document's format or
   * parts), which is what the entry is matched by. */
  const woo__learned *cached = NULL;
  uint64_t th = 0;
  if (opts && opts->known && p->entity[WOO_ENTITY_PERSON].enabled) {
    th = doc_text_hash(doc, text, len);
    if (!learn)
      cached = learned_find(opts->known, s, doc, text, len, th);
  }
  for (size_t i = 0; i < sizeof recognizers / sizeof *recognizers && rc == 0; i++) {
    woo_entity e = recognizers[i].entity;
    if (!p->entity[e].enabled || (learn && e != WOO_ENTITY_PERSON))
      continue;
    if (e == WOO_ENTITY_PERSON && cached) {
      rc = learned_hits(&hits, opts->known, cached);
      continue;
    }
    size_t n0 = hits.n;
    rc = recognizers[i].fn(&ctx, &hits);
    if (rc == 0 && learn && e == WOO_ENTITY_PERSON)
      learned_add(opts->known, s, doc, text, len, th, hits.v + n0,
                  hits.n - n0);
  }
  if (rc == 0)
    rc = woo__find_terms(&ctx, &hits);
  if (rc == 0)
    rc = woo__find_patterns(&ctx, &hits);
  if (rc == 0)
    rc = woo__find_sections(&ctx, &hits);
  size_t n_found = hits.n; /* what the text says itself, before echoes */
  if (rc == 0 && !learn && p->entity[WOO_ENTITY_PERSON].enabled)
    rc = woo__names_propagate(&ctx, &hits);
  /* A learning pass only collects names; looking them up is for the
   * pass that writes marks. */
  if (rc == 0 && opts && opts->known && !opts->learn &&
      p->entity[WOO_ENTITY_PERSON].enabled)
    rc = known_names(&ctx, opts->known, &hits);
  if (rc == 0 && !learn && n_found < hits.n)
    rc = keep_office_holders(&hits, n_found);
  if (rc == 0 && !learn && p->entity[WOO_ENTITY_BIRTHDATE].enabled)
    rc = woo__birthdates_after_names(&ctx, &hits);
  if (rc)
    goto done;

  /* Policy filters, then greedy overlap resolution by priority. */
  size_t w = 0;
  if (learn) {
    /* a learning pass keeps only what it learns from */
    for (size_t i = 0; i < hits.n; i++)
      if (learnable(text, &hits.v[i]) && passes(s, text, len, &hits.v[i]))
        hits.v[w++] = hits.v[i];
  } else {
    for (size_t i = 0; i < hits.n; i++) {
      woo__hit *h = &hits.v[i];
      if (!passes(s, text, len, h))
        continue;
      if (w != i)
        hits.v[w] = *h;
      w++;
    }
  }
  hits.n = w;
  /* The order, room for the sorts, and the list of overlapping hits:
   * each no longer than the hits. */
  if (hits.n > ORDER_STACK &&
      (!(order = woo__reallocarray(NULL, hits.n, 3 * sizeof *order)) ||
       !(key = woo__reallocarray(NULL, hits.n, sizeof *key)))) {
    rc = WOO_ENOMEM;
    goto done;
  }
  size_t *sort_tmp = order + hits.n;
  if (learn) {
    /* only names are learned (the hits left are the learnable ones):
     * the mark list stays empty.  The set kept is the same whatever
     * order they come in (each name by its bytes, once), so they go in
     * as found, unsorted. */
    if (p->entity[WOO_ENTITY_PERSON].enabled)
      rc = learn_names(&ctx, opts->known, &hits);
    if (rc == 0 && (rc = woo__marks_new_room(&marks, 0)) == 0)
      woo__marks_set_sha256(marks, doc ? woo_doc_sha256(doc) : "");
    goto done;
  }
  /* Greedy resolution by priority only matters where hits overlap: a
   * hit that overlaps no other wins (given a ground) whatever the order.
   * The hits in text order (from the recognizers' order, which mostly is
   * already), then runs of overlapping hits found in one sweep; only
   * their hits are sorted by priority and resolved.  Their text order
   * keeps hits of the same span in the recognizers' order, as the
   * priority sort needs for its ties.  key[i] then tells the winners
   * (WON) from the rest. */
  size_t *over = order + 2 * hits.n, n_over = 0, n_won = 0;
  for (size_t i = 0; i < hits.n; i++)
    order[i] = i;
  if (len <= UINT32_MAX) {
    /* ends are at most len (filtered above) */
    for (size_t i = 0; i < hits.n; i++)
      key[i] = (uint64_t)hits.v[i].start << 32 | hits.v[i].end;
    /* (over is free until the overlapping hits are listed) */
    sort_by_packed(key, order, hits.n, sort_tmp, over);
  } else {
    sort_by_position(hits.v, NULL, order, hits.n, sort_tmp);
  }
  for (size_t a = 0, e = 0; a < hits.n; a = e) {
    size_t end = hits.v[order[a]].end;
    for (e = a + 1; e < hits.n && hits.v[order[e]].start < end; e++)
      if (hits.v[order[e]].end > end)
        end = hits.v[order[e]].end;
    if (e - a == 1) {
      woo__hit *h = &hits.v[order[a]];
      bool won = h->ground || p->entity[h->entity].ground;
      key[order[a]] = won ? WON : 0;
      n_won += won;
      continue;
    }
    size_t g0 = n_over;
    for (size_t j = a; j < e; j++) {
      over[n_over++] = order[j];
      key[order[j]] = priority_key(&hits.v[order[j]]);
    }
    /* Each run by priority on its own: runs share no byte, so which of
     * a run's hits win does not depend on the others, and most runs are
     * of two or three hits. */
    sort_by_priority(hits.v, key, over + g0, n_over - g0, sort_tmp);
  }
  if (n_over) {
    size_t nb = len / 64 + 1;
    if (nb <= sizeof taken_stack / sizeof *taken_stack) {
      taken = taken_stack;
      memset(taken, 0, nb * sizeof *taken);
    } else if (!(taken = woo__calloc(nb, sizeof *taken))) {
      rc = WOO_ENOMEM;
      goto done;
    }
    for (size_t i = 0; i < n_over; i++) {
      woo__hit *h = &hits.v[over[i]];
      if (bits_any(taken, h->start, h->end) ||
          !(h->ground ? h->ground : p->entity[h->entity].ground)) {
        key[over[i]] = 0;
        continue;
      }
      bits_set(taken, h->start, h->end);
      key[over[i]] = WON;
      n_won++;
    }
  }
  /* The winners in text order, so that the mark list needs no
   * reordering: they cover no byte twice, so no two tie.  Written in
   * place, n_won of them, in a list made with room for them. */
  if ((rc = woo__marks_new_room(&marks, n_won)))
    goto done;
  woo__marks_set_sha256(marks, doc ? woo_doc_sha256(doc) : "");
  woo_mark *mk = n_won ? woo__marks_extend(marks, n_won) : NULL;
  if (n_won && !mk) {
    rc = WOO_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < hits.n && n_won; i++) {
    if (key[order[i]] != WON)
      continue;
    woo__hit *h = &hits.v[order[i]];
    *mk++ = (woo_mark){h->start, h->end,
                       h->ground ? h->ground : p->entity[h->entity].ground,
                       h->entity, h->source ? h->source : "", h->confidence,
                       WOO_MARK_PROPOSED};
  }
done:
  hits_give(&hits);
  free(triggers.v);
  woo__textmap_free(&map);
  if (taken != taken_stack)
    free(taken);
  if (order != order_stack)
    free(order);
  if (key != key_stack)
    free(key);
  if (rc)
    woo_marks_free(marks);
  else
    *out = marks;
  return rc;
}

int woo_scan(woo_marks **out, const woo_scanner *s, const woo_doc *doc,
             const woo_scan_options *opts) {
  if (!doc)
    return woo__error(WOO_EINVAL, "doc is NULL");
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  return scan(out, s, doc, text, len, opts);
}

int woo_scan_text(woo_marks **out, const woo_scanner *s, const char *text,
                  size_t len, const woo_scan_options *opts) {
  if (!text && len)
    return woo__error(WOO_EINVAL, "text is NULL");
  return scan(out, s, NULL, text ? text : "", len, opts);
}

/* ---- names across a batch --------------------------------------------------- */

int woo_names_new(woo_names **out) {
  if (!out)
    return woo__error(WOO_EINVAL, "out is NULL");
  woo_names *n = woo__calloc(1, sizeof *n);
  if (!n)
    return WOO_ENOMEM;
  pthread_rwlock_init(&n->lock, NULL);
  *out = n;
  return 0;
}

void woo_names_free(woo_names *n) {
  if (!n)
    return;
  for (size_t i = 0; i < n->doc_slots; i++)
    if (n->docs[i]) {
      woo_doc_free(n->docs[i]->doc);
      free(n->docs[i]);
    }
  free(n->docs);
  for (size_t i = 0; i < n->n; i++)
    free(n->names[i]);
  free(n->names);
  free(n->v);
  free(n->index);
  free(n->bucket);
  free(n->by_head);
  free(n->head_at);
  pthread_rwlock_destroy(&n->lock);
  free(n);
}

size_t woo_names_count(const woo_names *n) {
  if (!n)
    return 0;
  pthread_rwlock_rdlock((pthread_rwlock_t *)&n->lock);
  size_t c = n->n;
  pthread_rwlock_unlock((pthread_rwlock_t *)&n->lock);
  return c;
}

static int cmp_name_key(const void *a, const void *b) {
  const woo__name_key *x = a, *y = b;
  return x->hash < y->hash ? -1 : x->hash > y->hash;
}

enum { NAME_FBITS = 1 << 13 };

/* The bit of the heads filter for the n (1 to 4) bytes at s: the first
 * bytes of a name's first word and, for short words, the space after
 * it, so that "Jan " and "Jans" are told apart without measuring the
 * word.  Four bytes, the usual case, in one load: a copy of n bytes is
 * a call. */
static inline unsigned head_hash(const char *s, size_t n) {
  uint32_t x = 0;
  if (n == 4)
    memcpy(&x, s, 4);
  else
    for (size_t k = 0; k < n; k++)
      x |= (uint32_t)(unsigned char)s[k] << 8 * k;
  return (x * 0x9e3779b1u) >> 16;
}

static inline unsigned head_key_hash(uint32_t head) {
  return (head * 0x9e3779b1u) >> 16; /* as head_hash of the four bytes */
}

static int cmp_head_key(const void *a, const void *b) {
  const woo__head_key *x = a, *y = b;
  unsigned hx = head_key_hash(x->head), hy = head_key_hash(y->head);
  if (hx != hy)
    return hx < hy ? -1 : 1;
  if (x->head != y->head)
    return x->head < y->head ? -1 : 1;
  return x->len > y->len ? -1 : x->len < y->len; /* longest first */
}

/* The names by their heads (by_head, head_at), when all have four bytes
 * or more; the caller holds the write lock.  Only a faster way to the
 * same names: without memory for it, scans look them up by their first
 * words. */
static void index_heads(woo_names *k) {
  free(k->by_head);
  free(k->head_at);
  k->by_head = NULL;
  k->head_at = NULL;
  if (k->head_n != 4 || !k->n)
    return;
  woo__head_key *v = woo__reallocarray(NULL, k->n, sizeof *v);
  if (!v)
    return;
  for (size_t i = 0; i < k->n; i++) {
    uint32_t x;
    memcpy(&x, k->index[i].name, 4);
    v[i] = (woo__head_key){x, (uint32_t)k->index[i].len, k->index[i].name};
  }
  qsort(v, k->n, sizeof *v, cmp_head_key);
  unsigned bits = 0;
  while (bits < 16 && ((size_t)1 << bits) < k->n)
    bits++;
  size_t nb = ((size_t)1 << bits) + 1;
  uint32_t *at = woo__reallocarray(NULL, nb, sizeof *at);
  if (!at) {
    free(v);
    return;
  }
  for (size_t b = 0, i = 0; b < nb; b++) {
    while (i < k->n && (head_key_hash(v[i].head) >> (16 - bits)) < b)
      i++;
    at[b] = (uint32_t)i;
  }
  k->by_head = v;
  k->head_at = at;
  k->head_bits = bits;
}

/* Bring the lookup index up to date; the caller holds the write lock. */
static int index_names(woo_names *k) {
  woo__name_key *ix = woo__reallocarray(k->index, k->n ? k->n : 1, sizeof *ix);
  if (!ix)
    return WOO_ENOMEM;
  k->index = ix;
  k->head_n = 4;
  for (size_t i = 0; i < k->n; i++) {
    size_t len = strlen(k->names[i]);
    size_t w = woo__word_len(k->names[i], len);
    ix[i] = (woo__name_key){name_word_hash(k->names[i], w ? w : len),
                            k->names[i], len};
    if (len < k->head_n)
      k->head_n = len;
  }
  qsort(ix, k->n, sizeof *ix, cmp_name_key);
  unsigned bits = 1;
  while (bits < 32 && ((size_t)1 << bits) < k->n)
    bits++;
  size_t nb = ((size_t)1 << bits) + 1;
  size_t *bucket = woo__reallocarray(k->bucket, nb, sizeof *bucket);
  if (!bucket)
    return WOO_ENOMEM;
  k->bucket = bucket;
  k->bucket_bits = bits;
  for (size_t b = 0, i = 0; b < nb; b++) {
    while (i < k->n && (ix[i].hash >> (64 - bits)) < b)
      i++;
    bucket[b] = i;
  }
  k->index_n = k->n;
  memset(k->filter, 0, sizeof k->filter);
  memset(k->first_byte, 0, sizeof k->first_byte);
  memset(k->heads, 0, sizeof k->heads);
  for (size_t i = 0; i < k->n; i++) {
    uint64_t h = ix[i].hash;
    const unsigned char *nm = (const unsigned char *)ix[i].name;
    k->filter[(h % NAME_FBITS) / 64] |= 1ull << (h % 64);
    k->first_byte[nm[0]] = true;
    if (k->head_n) {
      unsigned hh = head_hash(ix[i].name, k->head_n);
      k->heads[hh / 64] |= 1ull << (hh % 64);
    }
  }
  k->stop_lo = 0x7f;
  k->stop_hi = 0;
  k->first_high = false;
  for (unsigned c = 0x80; c < 256; c++)
    k->first_high |= k->first_byte[c];
  for (unsigned c = 0; c < 256; c++) {
    k->stop[c] = k->first_byte[c] || c == '\'' || c == '-' || c >= 0x80;
    if (k->stop[c] && c < 0x80 && c != '\'' && c != '-') {
      if (c < k->stop_lo)
        k->stop_lo = (unsigned char)c;
      k->stop_hi = (unsigned char)c;
    }
  }
  index_heads(k);
  return 0;
}

/* Whether no name can start at byte b by its first head_n bytes: a name
 * there has all its bytes at b, its head among them. */
static inline bool no_head(const woo_names *k, const char *t, size_t len,
                           size_t b) {
  if (len - b < k->head_n)
    return true;
  unsigned hh = head_hash(t + b, k->head_n);
  return !(k->heads[hh / 64] >> (hh % 64) & 1);
}

/* Whether the stop at byte b can be passed: an ASCII letter or digit
 * that starts no name's head.  The walk would only skip the word there
 * (at its start) or go back to the word's start (inside it), which the
 * stop before it or the next stop in the word leads to as well. */
static inline bool pass_stop(const woo_names *k, const char *t, size_t len,
                             size_t b) {
  unsigned char c = (unsigned char)t[b];
  return k->head_n && ascii_alnum(c) && no_head(k, t, len, b);
}

/* The first byte at or after q where the walk over a text's words must
 * look closer (known->stop), or len.  Most of a text is plain ASCII
 * words that start with no name's letter: sixteen bytes a step where
 * SSE2 is there, a byte a step elsewhere. */
static size_t next_stop(const woo_names *k, const char *t, size_t len,
                        size_t q) {
#if defined(__SSE2__)
  if (k->stop_lo <= k->stop_hi) {
    /* signed compares: lo - 1 >= -1, and bytes from 0x80 up are
     * negative, below the range */
    const __m128i lo = _mm_set1_epi8((char)(k->stop_lo - 1));
    const __m128i hi = _mm_set1_epi8((char)k->stop_hi);
    const __m128i ap = _mm_set1_epi8('\''), hy = _mm_set1_epi8('-');
    for (; q + 16 <= len; q += 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + q));
      __m128i in = _mm_andnot_si128(_mm_cmpgt_epi8(x, hi), _mm_cmpgt_epi8(x, lo));
      __m128i c = _mm_or_si128(_mm_or_si128(in, x),
                               _mm_or_si128(_mm_cmpeq_epi8(x, ap),
                                            _mm_cmpeq_epi8(x, hy)));
      /* bytes from 0x80 up are stops by their own high bit */
      for (unsigned m = (unsigned)_mm_movemask_epi8(c); m; m &= m - 1) {
        size_t b = q + (size_t)__builtin_ctz(m);
        if (k->stop[(unsigned char)t[b]] && !pass_stop(k, t, len, b))
          return b;
      }
    }
  }
#endif
  while (q < len && (!k->stop[(unsigned char)t[q]] || pass_stop(k, t, len, q)))
    q++;
  return q;
}

/* Whether no word starts at s (woo__word_len gives 0): an ASCII byte
 * that is no letter or digit answers without decoding. */
static inline bool word_ends(const char *s, size_t len) {
  unsigned char c = (unsigned char)s[0];
  if (c < 0x80)
    return !ascii_alnum(c);
  return !woo__word_len(s, len);
}

/* memcmp(a, b, n) == 0, with the first eight bytes compared in a
 * register: names that share a first word mostly differ there. */
static inline bool same_bytes(const char *a, const char *b, size_t n) {
  if (n >= 8) {
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    if (x != y)
      return false;
    return memcmp(a + 8, b + 8, n - 8) == 0;
  }
  return memcmp(a, b, n) == 0;
}

/* Whether a name may start at byte b by its bytes: b is one of the
 * names' first bytes and starts one of their heads.  The heads are asked
 * first: they turn most bytes away, and the first byte seldom does. */
static inline bool head_at(const woo_names *k, const char *t, size_t len,
                           size_t b) {
  return !(k->head_n && no_head(k, t, len, b)) &&
         k->first_byte[(unsigned char)t[b]];
}

/* One step of the walk over a text's words (the caller holds the read
 * lock): from byte i, where the walk is, to where it goes on.  *best is
 * the length of the name found at i, 0 for none; the walk goes on after
 * a name found.  `head`: the bytes at i are known to pass head_at. */
static size_t walk_step(const woo_names *known, const char *t, size_t len,
                        size_t i, bool head, size_t *best) {
  *best = 0;
  /* Spaces and ASCII punctuation start no word: skipped without the
   * call, which would decode them. */
  if ((unsigned char)t[i] < 0x80 && !ascii_alnum((unsigned char)t[i])) {
    /* Up to the next stop the text is plain ASCII words that start
     * with no name's letter, each passed whole, and the space between
     * them: go there at once.  Within a word, go back to its start,
     * where the walk would have measured it. */
    size_t q = next_stop(known, t, len, i + 1);
    if (q < len && ascii_alnum((unsigned char)t[q - 1])) {
      size_t r = q - 1;
      while (r > i + 1 && ascii_alnum((unsigned char)t[r - 1]))
        r--;
      q = r;
    }
    return q;
  }
  /* An ASCII word is measured here as woo__word_len would: letters and
   * digits, and an inner apostrophe or hyphen before a letter.  One
   * that goes on in a byte from 0x80 up asks woo__word_len, unless
   * that byte starts a character of U+2000..U+2FFF (dashes, quotes,
   * the euro sign), none of them a letter or digit, other than the
   * apostrophe U+2019 (E2 80 99) which may join words. */
  size_t j = i;
  for (;;) {
    for (unsigned k = 8; k == 8 && j + 8 <= len; j += k)
      k = lead_alnum8(t + j);
    while (j < len && ascii_alnum((unsigned char)t[j]))
      j++;
    if (j + 1 < len && (t[j] == '\'' || t[j] == '-') &&
        (unsigned)(((unsigned char)t[j + 1] | 0x20) - 'a') < 26u) {
      j++;
      continue;
    }
    break;
  }
  size_t w = j - i;
  if (j < len &&
      (((unsigned char)t[j] >= 0x80 &&
        !((unsigned char)t[j] == 0xE2 &&
          (j + 2 >= len || (unsigned char)t[j + 1] != 0x80 ||
           (unsigned char)t[j + 2] != 0x99))) ||
       ((t[j] == '\'' || t[j] == '-') && j + 1 < len &&
        (unsigned char)t[j + 1] >= 0x80)))
    w = woo__word_len(t + i, len - i);
  if (w == 0) {
    /* No word at a byte from 0x80 up: none at its continuation bytes
     * either (they do not decode), so the character is passed whole
     * (dashes, quotes, the euro sign). */
    i++;
    while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
      i++;
    return i;
  }
  if (!head && !head_at(known, t, len, i))
    return i + w;
  /* Whether a word character ends right before i; an ASCII byte
   * there answers without decoding. */
  bool left;
  if (i == 0)
    left = true;
  else if ((unsigned char)t[i - 1] < 0x80)
    left = !ascii_alnum((unsigned char)t[i - 1]);
  else
    left = !woo__word_len(t + woo__utf8_back(t, i - 1),
                          i - woo__utf8_back(t, i - 1));
  uint64_t hw = left ? name_word_hash(t + i, w) : 0;
  /* A bit per first-word hash: most words of a text are no name's
   * first word and are turned away without a binary search. */
  if (left && (known->filter[(hw % NAME_FBITS) / 64] >> (hw % 64) & 1)) {
    const woo__name_key *ix = known->index;
    size_t n = known->index_n;
    /* the first key of that hash, in the keys of its top bits */
    size_t top = (size_t)(hw >> (64 - known->bucket_bits));
    size_t lo = known->bucket[top], hi = known->bucket[top + 1];
    while (lo < hi && ix[lo].hash < hw)
      lo++;
    size_t found = 0;
    for (const woo__name_key *k = ix + lo; k < ix + n && k->hash == hw; k++)
      if (k->len > found && i + k->len <= len &&
          same_bytes(t + i, k->name, k->len) &&
          (i + k->len == len || word_ends(t + i + k->len, len - i - k->len)))
        found = k->len;
    if (found) {
      *best = found;
      return i + found;
    }
  }
  return i + w;
}

#if defined(__SSE2__)
/* The range of bytes names may start with (stop_lo..stop_hi, all ASCII)
 * in one signed compare: adding bias moves the range to the top of the
 * signed bytes, 0x7f down, so that a byte is in it when it is then
 * above lim.  Bytes below the range stay below, and those above it,
 * with the bytes from 0x80 up, wrap to the negative bytes or to below
 * the range's new start.  An empty range: nothing is above lim. */
typedef struct head_range {
  __m128i bias, lim;
} head_range;

static inline head_range head_range_of(const woo_names *k) {
  head_range r;
  if (k->stop_lo <= k->stop_hi) {
    r.bias = _mm_set1_epi8((char)(0x7f - k->stop_hi));
    r.lim = _mm_set1_epi8((char)(0x7e - (k->stop_hi - k->stop_lo)));
  } else {
    r.bias = _mm_setzero_si128();
    r.lim = _mm_set1_epi8(0x7f);
  }
  return r;
}

/* A bit per byte of the sixteen at p in the range, and, with `high`,
 * per byte from 0x80 up. */
static inline unsigned head_bytes16(const char *p, head_range r, bool high) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i in = _mm_cmpgt_epi8(_mm_add_epi8(x, r.bias), r.lim);
  if (high)
    in = _mm_or_si128(in, x);
  return (unsigned)_mm_movemask_epi8(in);
}

#if defined(WOO__AVX2)
/* head_bytes16 for the sixty-four bytes at p in two steps of
 * thirty-two, for processors with AVX2. */
__attribute__((target("avx2"))) static inline uint64_t
head_bytes64_avx2(const char *p, head_range r, bool high) {
  __m256i bias = _mm256_broadcastsi128_si256(r.bias);
  __m256i lim = _mm256_broadcastsi128_si256(r.lim);
  __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
  __m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
  __m256i in0 = _mm256_cmpgt_epi8(_mm256_add_epi8(x0, bias), lim);
  __m256i in1 = _mm256_cmpgt_epi8(_mm256_add_epi8(x1, bias), lim);
  if (high) {
    in0 = _mm256_or_si256(in0, x0);
    in1 = _mm256_or_si256(in1, x1);
  }
  return (uint64_t)(uint32_t)_mm256_movemask_epi8(in0) |
         (uint64_t)(uint32_t)_mm256_movemask_epi8(in1) << 32;
}
#endif

/* head_bytes16 for the sixty-four bytes at p, a bit each; with `wide`,
 * where the caller was built for AVX2, in two steps. */
static inline __attribute__((always_inline)) uint64_t
head_bytes64(const char *p, head_range r, bool high, bool wide) {
#if defined(WOO__AVX2)
  if (wide)
    return head_bytes64_avx2(p, r, high);
#else
  (void)wide;
#endif
  return head_bytes16(p, r, high) |
         (uint64_t)head_bytes16(p + 16, r, high) << 16 |
         (uint64_t)head_bytes16(p + 32, r, high) << 32 |
         (uint64_t)head_bytes16(p + 48, r, high) << 48;
}
#endif

/* The first byte at or after c where a name may start by its bytes
 * (head_at); or len.  Sixty-four bytes a step where SSE2 is there:
 * names start with few letters, mostly capitals, and whether a step
 * holds one is a branch the processor cannot foresee, taken once per
 * step.  `high`, whether names start with bytes from 0x80 up, and
 * `inner`, are constants where this is inlined (next_head).
 *
 * With `inner` (the bytes names start with all ASCII letters or digits
 * of one kind: capitals, small letters or digits), a byte right after
 * another of them is passed as well: no name starts in the middle of a
 * word (known_names), and no name found ends right before a letter or
 * digit, so the walk never comes there either.  That drops the second
 * and later letters of words in capitals without looking at them; the
 * first byte of a step, after the step before, is looked at all the
 * same. */
static inline __attribute__((always_inline)) size_t
next_head_in(const woo_names *k, const char *t, size_t len, size_t c,
             bool high, bool inner, bool wide) {
#if defined(__SSE2__)
  if (k->stop_lo <= k->stop_hi || high) {
    /* names that start with a byte from 0x80 up are taken by its high
     * bit */
    const head_range r = head_range_of(k);
    /* The usual heads of four bytes, where all four are in the text:
     * head_at in one load and one bit, without asking head_n and the
     * room left for every candidate byte. */
    if (k->head_n == 4) {
      const uint64_t *heads = k->heads;
      const bool *first = k->first_byte;
      for (; c + 64 + 3 <= len; c += 64) {
        const char *p = t + c;
        uint64_t m = head_bytes64(p, r, high, wide);
        if (inner)
          m &= ~(m << 1);
        for (; m; m &= m - 1) {
          const char *b = p + (unsigned)__builtin_ctzll(m);
          unsigned hh = head_hash(b, 4);
          if ((heads[hh / 64] >> (hh % 64) & 1) && first[(unsigned char)*b])
            return (size_t)(b - t);
        }
      }
    }
    for (; c + 64 <= len; c += 64) {
      uint64_t m = head_bytes64(t + c, r, high, wide);
      for (; m; m &= m - 1) {
        size_t b = c + (size_t)__builtin_ctzll(m);
        if (head_at(k, t, len, b))
          return b;
      }
    }
    for (; c + 16 <= len; c += 16) {
      for (unsigned m = head_bytes16(t + c, r, high); m; m &= m - 1) {
        size_t b = c + (size_t)__builtin_ctz(m);
        if (head_at(k, t, len, b))
          return b;
      }
    }
  }
#endif
  for (; c < len; c++)
    if (head_at(k, t, len, c))
      return c;
  return len;
}

/* next_head_in by the kind of the names' first bytes; `wide` as for
 * head_bytes64. */
static inline __attribute__((always_inline)) size_t
next_head_by(const woo_names *k, const char *t, size_t len, size_t c,
             bool high, bool wide) {
  if (high)
    return next_head_in(k, t, len, c, true, false, wide);
  unsigned char lo = k->stop_lo, hi = k->stop_hi;
  if (lo <= hi && ((lo >= 'A' && hi <= 'Z') || (lo >= 'a' && hi <= 'z') ||
                   (lo >= '0' && hi <= '9')))
    return next_head_in(k, t, len, c, false, true, wide);
  return next_head_in(k, t, len, c, false, false, wide);
}

#if defined(WOO__AVX2)
__attribute__((target("avx2"))) static size_t
next_head_avx2(const woo_names *k, const char *t, size_t len, size_t c,
               bool high) {
  return next_head_by(k, t, len, c, high, true);
}
#endif

static size_t next_head(const woo_names *k, const char *t, size_t len,
                        size_t c, bool high) {
#if defined(WOO__AVX2)
  if (woo__has_avx2())
    return next_head_avx2(k, t, len, c, high);
#endif
  return next_head_by(k, t, len, c, high, false);
}

/* The longest name that starts at byte c by its head (by_head), is all
 * in the text and ends where a word does; 0 for none.  For a word start
 * c after ASCII other than a letter, digit, apostrophe or hyphen, at an
 * ASCII letter or digit: there walk_step finds the same name, from the
 * word at c, which is the name's first word wherever all of the name's
 * bytes are at c. */
static inline size_t name_by_head(const woo_names *k, const char *t,
                                  size_t len, size_t c) {
  if (len - c < 4)
    return 0;
  uint32_t x;
  memcpy(&x, t + c, 4);
  unsigned b = head_key_hash(x) >> (16 - k->head_bits);
  const woo__head_key *e = k->by_head + k->head_at[b];
  const woo__head_key *end = k->by_head + k->head_at[b + 1];
  for (; e < end; e++)
    if (e->head == x && e->len <= len - c &&
        same_bytes(t + c, e->name, e->len) &&
        (c + e->len == len || word_ends(t + c + e->len, len - c - e->len)))
      return e->len;
  return 0;
}

/* Mark mentions of names another document of the batch withheld: the full
 * name wherever it occurs as whole words.  The walk over the text's words
 * (walk_step), each looked up among the names' first words, so that the
 * cost does not grow with the number of names, only where it matters: at
 * the bytes a name may start at (next_head), and whether the walk comes
 * there as the start of a word. */
static int known_names(const woo__scan_ctx *ctx, woo_names *known,
                       woo__hits *hits) {
  pthread_rwlock_rdlock(&known->lock);
  if (known->index_n != known->n) {
    pthread_rwlock_unlock(&known->lock);
    pthread_rwlock_wrlock(&known->lock);
    int rc = known->index_n != known->n ? index_names(known) : 0;
    pthread_rwlock_unlock(&known->lock);
    if (rc)
      return rc;
    pthread_rwlock_rdlock(&known->lock);
  }
  int rc = 0;
  const char *t = ctx->text;
  size_t len = ctx->len;
  bool high = known->first_high;
  /* The spans of the person hits already there that a batch hit of the
   * same span could never beat: at least its confidence, so at least its
   * priority and through the policy's filter whenever it is, and ahead
   * of it among equals.  Resolution takes such a one first or finds it
   * blocked, and the batch hit after it then is too; dropped echoes and
   * a birth date after the name go with the span, not the hit.  Most of
   * what a batch finds in a text is the text's own names: they are not
   * added again.  By start, then end. */
  enum { OWN_STACK = 64 };
  size_t own_stack[2 * OWN_STACK], *own = own_stack, n_own = 0;
  bool own_sorted = true;
  for (size_t i = 0; i < hits->n; i++) {
    const woo__hit *h = &hits->v[i];
    if (h->entity != WOO_ENTITY_PERSON || !(h->confidence >= 0.9))
      continue;
    if (n_own == OWN_STACK && own == own_stack) {
      /* at most one per hit left */
      size_t *v = woo__reallocarray(NULL, n_own + hits->n - i, 2 * sizeof *v);
      if (!v) {
        pthread_rwlock_unlock(&known->lock);
        return WOO_ENOMEM;
      }
      memcpy(v, own, 2 * n_own * sizeof *v);
      own = v;
    }
    own[2 * n_own] = h->start;
    own[2 * n_own + 1] = h->end;
    if (n_own && (own[2 * n_own - 2] > h->start ||
                  (own[2 * n_own - 2] == h->start && own[2 * n_own - 1] > h->end)))
      own_sorted = false;
    n_own++;
  }
  if (!own_sorted)
    qsort(own, n_own, 2 * sizeof *own, cmp_span);
  size_t own_at = 0;
  /* The walk goes on from `from` as from its start: the end of the last
   * name found, or 0. */
  size_t from = 0;
  for (size_t c = 0; known->index_n && rc == 0 &&
                     (c = next_head(known, t, len, c, high)) < len;) {
    /* Whether the walk comes to c as the start of a word.  After an
     * ASCII letter or digit it does not: the word there goes on over c
     * (a name found ends before a word character).  After other ASCII
     * but an apostrophe or hyphen it does: no word goes on over that
     * byte, and no step of the walk passes over c. */
    size_t best;
    unsigned char q = c ? (unsigned char)t[c - 1] : ' ';
    if (known->by_head && ascii_alnum((unsigned char)t[c]) && q < 0x80 &&
        q != '\'' && q != '-' && !ascii_alnum(q)) {
      /* the usual case: a word starts at c (below, start), and a name
       * there is found by its head (name_by_head) */
      best = name_by_head(known, t, len, c);
      if (!best) {
        c++;
        continue;
      }
      while (own_at < n_own && (own[2 * own_at] < c ||
                                (own[2 * own_at] == c && own[2 * own_at + 1] < c + best)))
        own_at++;
      if (!(own_at < n_own && own[2 * own_at] == c && own[2 * own_at + 1] == c + best))
        rc = woo__hits_add(hits, c, c + best, WOO_ENTITY_PERSON, "batch", 0.9);
      from = c = c + best;
      continue;
    }
    bool start;
    unsigned char p = c > from ? (unsigned char)t[c - 1] : 0;
    if (c == from || (p < 0x80 && p != '\'' && p != '-' && !ascii_alnum(p))) {
      start = true;
    } else if (p < 0x80 && ascii_alnum(p)) {
      start = false;
    } else {
      /* An apostrophe, hyphen or multi-byte character before c: walk
       * from the last byte before it where the walk's words never go
       * on (ASCII other than a letter, digit, apostrophe or hyphen),
       * where it goes on as from its start. */
      size_t z = c - 1;
      while (z > from) {
        unsigned char y = (unsigned char)t[z];
        if (y < 0x80 && y != '\'' && y != '-' && !ascii_alnum(y))
          break;
        z--;
      }
      size_t i = z;
      while (i < c)
        i = walk_step(known, t, len, i, false, &best);
      start = i == c;
    }
    if (!start) {
      c++;
      continue;
    }
    /* (next_head found a head at c) */
    size_t next = walk_step(known, t, len, c, true, &best);
    if (best) {
      while (own_at < n_own && (own[2 * own_at] < c ||
                                (own[2 * own_at] == c && own[2 * own_at + 1] < c + best)))
        own_at++;
      if (!(own_at < n_own && own[2 * own_at] == c && own[2 * own_at + 1] == c + best))
        rc = woo__hits_add(hits, c, c + best, WOO_ENTITY_PERSON, "batch", 0.9);
      from = c = next;
      continue;
    }
    c++;
  }
  pthread_rwlock_unlock(&known->lock);
  if (own != own_stack)
    free(own);
  return rc;
}

/* Whether a hit is one to learn from.  Only full names found with
 * confidence travel to other documents: a lone surname or a guess would
 * spread mistakes across the batch. */
static bool learnable(const char *text, const woo__hit *h) {
  return h->entity == WOO_ENTITY_PERSON && !(h->confidence < 0.9) &&
         !(h->source[0] == 'b' && strcmp(h->source, "batch") == 0) &&
         !(h->source[0] == 'p' && strcmp(h->source, "propagation") == 0) &&
         h->end - h->start <= 64 &&
         memchr(text + h->start, ' ', h->end - h->start);
}

/* Learn from hits, all of them learnable (learnable). */
static int learn_names(const woo__scan_ctx *ctx, woo_names *known,
                       const woo__hits *hits) {
  int rc = 0;
  pthread_rwlock_wrlock(&known->lock);
  for (size_t i = 0; i < hits->n && rc == 0; i++) {
    const woo__hit *h = &hits->v[i];
    /* Kept by its exact bytes, as known_names looks for it: spellings
     * that fold alike ("De Groot-Bos", "de Groot-Bos") are each kept, so
     * the set does not depend on which document a thread learned from
     * first. */
    uint64_t k = name_key(ctx->text + h->start, h->end - h->start);
    /* The first key not below k.  Each step halves the range by a
     * select rather than a branch: the keys are hashes, so which half
     * the search goes on in cannot be foreseen. */
    size_t lo = 0;
    for (size_t left = known->n; left > 1;) {
      size_t half = left / 2;
      lo = known->v[lo + half - 1] < k ? lo + half : lo;
      left -= half;
    }
    lo += known->n && known->v[lo] < k;
    if (lo < known->n && known->v[lo] == k)
      continue;
    if (known->n == known->cap) {
      size_t cap = known->cap ? known->cap * 2 : 64;
      uint64_t *v = woo__reallocarray(known->v, cap, sizeof *v);
      char **nm = v ? woo__reallocarray(known->names, cap, sizeof *nm) : NULL;
      if (v)
        known->v = v;
      if (!nm) {
        rc = WOO_ENOMEM;
        break;
      }
      known->names = nm;
      known->cap = cap;
    }
    char *name = woo__strndup(ctx->text + h->start, h->end - h->start);
    if (!name) {
      rc = WOO_ENOMEM;
      break;
    }
    memmove(&known->v[lo + 1], &known->v[lo], (known->n - lo) * sizeof *known->v);
    known->v[lo] = k;
    known->names[known->n++] = name;
  }
  pthread_rwlock_unlock(&known->lock);
  return rc;
}

/* ---- learned documents ------------------------------------------------------ */

/* A hash of the text's length and of up to 256 bytes from its start and
 * end: it only places a document in the table, where all its bytes are
 * compared, so it need not read them all. */
static uint64_t text_hash(const char *t, size_t len) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
  size_t head = len < 128 ? len : 128;
  size_t tail = len - head < 128 ? len - head : 128;
  h = mix_bytes(h, t, head);
  h = mix_bytes(h, t + len - tail, tail);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

static const woo__learned *learned_find(woo_names *known,
                                        const woo_scanner *s,
                                        const woo_doc *doc, const char *text,
                                        size_t len, uint64_t hash) {
  const woo__learned *found = NULL;
  pthread_rwlock_rdlock(&known->lock);
  /* A held document is alive and unchanged: the same one given again
   * has the same text.  Its own entry is looked for first, so that a
   * text the batch holds more than once is not compared byte by byte
   * with another copy; any entry of the same text has the same hits. */
  for (int bytes = !doc; bytes < 2 && !found && known->doc_slots; bytes++)
    for (size_t j = hash & (known->doc_slots - 1); known->docs[j];
         j = (j + 1) & (known->doc_slots - 1)) {
      const woo__learned *d = known->docs[j];
      if (d->hash == hash && d->len == len && d->scanner == s &&
          (bytes ? memcmp(d->text, text, len) == 0 : d->doc == doc)) {
        found = d;
        break;
      }
    }
  pthread_rwlock_unlock(&known->lock);
  /* Entries are never changed or freed before the set is: the pointer
   * stays good without the lock. */
  return found;
}

/* Whether hits a and b say the same beside their spans. */
static inline bool same_kind(const woo__hit *a, const woo__hit *b) {
  return a->entity == b->entity && a->source == b->source &&
         a->ground == b->ground &&
         memcmp(&a->confidence, &b->confidence, sizeof a->confidence) == 0;
}

/* The index of h's kind in known's table, added when new (the caller
 * holds the write lock); WOO__LEARNED_KINDS when the table is full. */
static size_t kind_of(woo_names *known, const woo__hit *h) {
  uint64_t c;
  memcpy(&c, &h->confidence, sizeof c);
  uint64_t x = ((uint64_t)(uintptr_t)h->source ^ (uint64_t)(uintptr_t)h->ground * 31 ^
                c ^ (uint64_t)h->entity << 40) *
               0x9e3779b97f4a7c15ull;
  enum { SLOTS = 2 * WOO__LEARNED_KINDS };
  for (size_t j = (size_t)(x >> 55) % SLOTS;; j = (j + 1) % SLOTS) {
    unsigned v = known->kind_slot[j];
    if (!v) {
      if (known->n_kinds == WOO__LEARNED_KINDS)
        return WOO__LEARNED_KINDS;
      size_t k = known->n_kinds++;
      known->kinds[k] = *h;
      known->kinds[k].start = known->kinds[k].end = 0;
      known->kind_slot[j] = (uint16_t)(k + 1);
      return k;
    }
    if (same_kind(&known->kinds[v - 1], h))
      return v - 1;
  }
}

/* The hits learned for a text (learned_find) added to h. */
static int learned_hits(woo__hits *h, const woo_names *known,
                        const woo__learned *d) {
  if (woo__hits_reserve(h, d->n_hits))
    return WOO_ENOMEM;
  woo__hit *o = h->v + h->n;
  for (size_t i = 0; i < d->n_hits; i++) {
    o[i] = known->kinds[d->hits[i].kind];
    o[i].start = d->hits[i].start;
    o[i].end = d->hits[i].end;
  }
  h->n += d->n_hits;
  return 0;
}

/* Keep a document's person hits for the marking pass.  Only a saving:
 * when memory is short or the bound is reached, nothing is kept and the
 * marking pass finds the names again, so failure is not an error. */
static void learned_add(woo_names *known, const woo_scanner *s,
                        const woo_doc *doc, const char *text, size_t len,
                        uint64_t hash, const woo__hit *hits, size_t n) {
  /* A plain text document is held for its text rather than copied: it
   * has little beside its text (no character boxes, no source map), and
   * a batch that keeps its documents for the marking pass has it
   * anyway. */
  bool hold = doc && doc->format == WOO_FORMAT_TEXT &&
              doc->text.data == text && doc->text.len == len;
  size_t bytes = len + n * sizeof(woo__learned_hit) + sizeof(woo__learned) +
                 (hold ? sizeof *doc + doc->lines.n * sizeof *doc->lines.starts
                       : 0);
  if (len > UINT32_MAX)
    return; /* the spans would not fit the learned hits */
  pthread_rwlock_wrlock(&known->lock);
  if (known->doc_bytes + bytes > WOO__LEARNED_BYTES)
    goto done;
  if ((known->n_docs + 1) * 2 > known->doc_slots) {
    size_t cap = known->doc_slots ? known->doc_slots * 2 : 256;
    woo__learned **v = calloc(cap, sizeof *v);
    if (!v)
      goto done;
    for (size_t i = 0; i < known->doc_slots; i++) {
      woo__learned *d = known->docs[i];
      if (!d)
        continue;
      size_t j = d->hash & (cap - 1);
      while (v[j])
        j = (j + 1) & (cap - 1);
      v[j] = d;
    }
    free(known->docs);
    known->docs = v;
    known->doc_slots = cap;
  }
  /* The entry, its hits and a copy of its text in one block: freed as
   * one. */
  _Static_assert(sizeof(woo__learned) % _Alignof(woo__learned_hit) == 0,
                 "hits right after the entry are aligned");
  woo__learned *d =
      malloc(sizeof *d + n * sizeof(woo__learned_hit) + (hold ? 0 : len));
  if (!d)
    goto done;
  d->hits = (woo__learned_hit *)(d + 1);
  /* Each hit's kind from the table, added there when new. */
  for (size_t i = 0; i < n; i++) {
    size_t k = kind_of(known, &hits[i]);
    if (k == WOO__LEARNED_KINDS) {
      free(d);
      goto done;
    }
    d->hits[i] = (woo__learned_hit){(uint32_t)hits[i].start,
                                    (uint32_t)hits[i].end, (uint32_t)k};
  }
  if (hold) {
    d->doc = woo__doc_hold(doc);
    d->text = doc->text.data;
  } else {
    char *copy = (char *)(d->hits + n);
    memcpy(copy, text, len);
    d->doc = NULL;
    d->text = copy;
  }
  d->hash = hash;
  d->scanner = s;
  d->len = len;
  d->n_hits = n;
  size_t j = hash & (known->doc_slots - 1);
  while (known->docs[j])
    j = (j + 1) & (known->doc_slots - 1);
  known->docs[j] = d;
  known->n_docs++;
  known->doc_bytes += bytes;
done:
  pthread_rwlock_unlock(&known->lock);
}
