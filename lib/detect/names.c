/* Person names and function titles.
 *
 * One pass over the text, a line at a time: a hand-written tokenizer
 * splits the line into words and punctuation, each capitalised word is
 * looked up once in the lexicons (folded and hashed once, see lexicon.h),
 * and a small parser reads name shapes from the tokens:
 *
 *   [title…] [initials…|given names…] [particle…] Surname[-Surname]
 *
 * The line's context raises confidence: e-mail header lines (Van:, Aan:,
 * CC: …), attendee lists (Aanwezig:, Afwezig:, Notulist: …), the name line
 * of a signature block and salutations (Beste …, Geachte …).  Capitalised
 * common Dutch words, organisations, stopwords, street names and words at
 * the start of a sentence need support from the shape or the context.
 *
 * Public officials: a name right after an office word ("minister",
 * "burgemeester", "wethouder" …) is reported with confidence 0.3, below the
 * default threshold, so that officials acting in office stay visible while a
 * policy with a lower threshold can still see them.  Names in the policy's
 * allow and officials lists are never reported.
 *
 * Time is linear in the text: every token is looked at a bounded number
 * of times (organisation and office phrases are tried up to six tokens
 * ahead). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../doc/internal.h"
#include "internal.h"
#include "lexicon.h"
#include "policy.h"
#include "scanutil.h"

/* ---- tokens ------------------------------------------------------------ */

enum { K_WORD = 1, K_PUNCT, K_OTHER };

enum {
  F_CAP = 1u << 0,     /* starts with an upper-case letter */
  F_ALLCAPS = 1u << 1, /* two or more letters, all upper case */
  F_LOWER = 1u << 2,   /* starts with a lower-case letter */
  F_INIT = 1u << 3,    /* initials: J.  J.P.  Th. */
  F_DIGIT = 1u << 4,   /* contains a digit */
  F_HYPH = 1u << 5,    /* contains a hyphen */
  F_ABBR = 1u << 6,    /* contains an inner dot: m.b.t., v.d. */
  F_SENT = 1u << 7,    /* first word of a sentence or line */
  F_LEX = 1u << 8,     /* lexicon bits computed */
  F_COMMON_DONE = 1u << 9, /* … and the common-words bit */
  F_GAP = 1u << 10,        /* after a tab or three spaces: a column break */
  F_COMMON_WORD = 1u << 11 /* with F_LEX: capitalised and a common word */
};

/* Lexicon membership of a word: the bits of the combined lexicon table
 * (lib/data/lexicon_data.h) plus street names, which are told by their
 * ending. */
enum {
  L_FN = 1u << WOO__LEX_FIRST_NAMES,
  L_SN = 1u << WOO__LEX_SURNAMES,
  L_PART = 1u << WOO__LEX_PARTICLES,
  L_TITLE = 1u << WOO__LEX_TITLES,
  L_ORG = 1u << WOO__LEX_ORGANISATIONS,
  L_OFF = 1u << WOO__LEX_OFFICIALS,
  L_FUNC = 1u << WOO__LEX_FUNCTIONS,
  L_COMMON = 1u << WOO__LEX_COMMON_WORDS,
  L_STOP = 1u << WOO__LEX_STOPWORDS,
  /* may open a multi-word organisation, office or function title */
  L_OPEN_ORG = 1u << WOO__LEX_OPENER_BIT(WOO__LEX_ORGANISATIONS),
  L_OPEN_OFF = 1u << WOO__LEX_OPENER_BIT(WOO__LEX_OFFICIALS),
  L_OPEN_FUNC = 1u << WOO__LEX_OPENER_BIT(WOO__LEX_FUNCTIONS),
  L_STREET = 1u << 30
};

typedef struct tok {
  size_t s, e;   /* the word; a possessive 's is outside */
  uint64_t hash; /* the folded word's lexicon hash, once F_LEX is set */
  uint32_t lx;   /* lexicon bits (L_*), once F_LEX is set */
  uint32_t ncap; /* index of the first capitalised word from here on */
  uint16_t f;    /* F_* */
  unsigned char kind;
  char c; /* punctuation: the ASCII character or a stand-in */
} tok;

/* The lexicon bits of capitalised words already looked up in this text,
 * by their bytes: names and capitalised words repeat, and a lookup folds,
 * hashes and probes a large table.  A word is kept in the entry its
 * bytes give, or else in the one next to it (index ^ 1) when that one
 * holds no word of its own: two words of a text with the same entry that
 * come in turn ("Daan van Dam") would otherwise take it from each other
 * every time (most look-ups that missed did so).  Words of up to 16
 * bytes. */
typedef struct lexcache_entry {
  uint64_t w0, w1; /* the word's bytes, zero-padded */
  uint64_t hash;   /* tok.hash */
  uint32_t lx;     /* tok.lx */
  uint16_t key;    /* the flags lexbits reads, the length << 8; 0: empty */
  uint16_t add;    /* the flags the look-up gives (F_LEX, F_COMMON_WORD) */
} lexcache_entry;

typedef struct lexcache {
  lexcache_entry *v;
  size_t mask;
} lexcache;

/* One cache per thread, kept from one text to the next (32 bytes an
 * entry).  On the heap, not in thread-local storage: 512 kB of that
 * would be taken from every thread's stack, and threads with small
 * stacks could no longer be made.  (With 4096 entries a quarter of the
 * capitalised words of a long text were looked up again.) */
#define LEXCACHE_BITS 14
#define LEXCACHE_SLOTS ((size_t)1 << LEXCACHE_BITS)
static pthread_once_t lexcache_once = PTHREAD_ONCE_INIT;
static pthread_key_t lexcache_key;
static bool lexcache_keyed;
/* The calling thread's cache once lexcache_slots has made it (the key
 * frees it): found without the calls for words looked up one by one.
 * In the static TLS block (initial-exec), so that reading it is one load
 * and not a call to __tls_get_addr for each word; eight bytes, which the
 * room the loader keeps for libraries opened later easily holds. */
#if defined(__GNUC__) && defined(__ELF__)
__attribute__((tls_model("initial-exec")))
#endif
static _Thread_local lexcache_entry *lexcache_mine;

static void lexcache_start(void) {
  lexcache_keyed = pthread_key_create(&lexcache_key, free) == 0;
}

/* The calling thread's cache, made at its first use and freed when the
 * thread ends; NULL when it cannot be had. */
static lexcache_entry *lexcache_slots(void) {
  pthread_once(&lexcache_once, lexcache_start);
  if (!lexcache_keyed)
    return NULL;
  lexcache_entry *v = pthread_getspecific(lexcache_key);
  if (!v) {
    v = woo__calloc(LEXCACHE_SLOTS, sizeof *v);
    if (v && pthread_setspecific(lexcache_key, v)) {
      free(v);
      v = NULL;
    }
  }
  lexcache_mine = v;
  return v;
}

typedef struct toks {
  tok *v;
  size_t n, cap;
  lexcache *lc; /* NULL: words are looked up when asked */
  size_t gaps;  /* number of tokens with F_GAP */
} toks;

static int toks_grow(toks *t) {
  return woo__grow(&t->v, &t->cap, sizeof *t->v, 64);
}

/* One token array per thread, kept from one text to the next: the
 * person recognizer and the propagation each take it for a text and
 * give it back, instead of growing one of their own from nothing for
 * every document.  Arrays that grew past TOKBUF_KEEP are not kept. */
#define TOKBUF_KEEP 4096
typedef struct tokbuf {
  tok *v;
  size_t cap;
} tokbuf;
static pthread_once_t tokbuf_once = PTHREAD_ONCE_INIT;
static pthread_key_t tokbuf_key;
static bool tokbuf_keyed;

static void tokbuf_free(void *p) {
  tokbuf *b = p;
  free(b->v);
  free(b);
}

static void tokbuf_start(void) {
  tokbuf_keyed = pthread_key_create(&tokbuf_key, tokbuf_free) == 0;
}

/* Give t the thread's array when it has one that is not taken. */
static void toks_take(toks *t) {
  pthread_once(&tokbuf_once, tokbuf_start);
  tokbuf *b = tokbuf_keyed ? pthread_getspecific(tokbuf_key) : NULL;
  if (b && b->v) {
    t->v = b->v;
    t->cap = b->cap;
    b->v = NULL;
  }
}

/* Keep t's array for the thread's next text, or free it. */
static void toks_give(toks *t) {
  if (tokbuf_keyed && t->v && t->cap <= TOKBUF_KEEP) {
    tokbuf *b = pthread_getspecific(tokbuf_key);
    if (!b && (b = woo__calloc(1, sizeof *b)) &&
        pthread_setspecific(tokbuf_key, b)) {
      free(b);
      b = NULL;
    }
    if (b && !b->v) {
      b->v = t->v;
      b->cap = t->cap;
      t->v = NULL;
    }
  }
  free(t->v);
  t->v = NULL;
}

#define NO_CAP UINT32_MAX

/* A branch the tokenizer's loop seldom takes. */
#if defined(__GNUC__)
#define WOO_RARE(x) __builtin_expect(!!(x), 0)
#else
#define WOO_RARE(x) (x)
#endif

static inline uint32_t cp_at(const char *s, size_t i, size_t end, size_t *n) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *n = 1;
    return c;
  }
  return woo__utf8_decode((const unsigned char *)s + i, end - i, n);
}

/* Character classes with the ASCII case inline: the tokenizer asks them
 * for every character. */
static inline bool letter_cp(uint32_t c) {
  if (c < 0x80)
    return (c | 32) >= 'a' && (c | 32) <= 'z';
  return woo__is_letter(c);
}

static inline bool upper_cp(uint32_t c) {
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  return woo__is_upper(c);
}

static inline bool is_letter_at(const char *s, size_t i, size_t end) {
  size_t n;
  if (i >= end)
    return false;
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80)
    return (c | 32) >= 'a' && (c | 32) <= 'z';
  return woo__is_letter(cp_at(s, i, end, &n));
}

static inline bool is_alnum_at(const char *s, size_t i, size_t end) {
  size_t n;
  if (i >= end)
    return false;
  uint32_t c = cp_at(s, i, end, &n);
  return woo__is_letter(c) || woo__is_digit(c);
}

/* Length of an apostrophe at i (' or U+2019), or 0. */
static inline size_t apos_at(const char *s, size_t i, size_t end) {
  if (i < end && s[i] == '\'')
    return 1;
  if (i + 2 < end && (unsigned char)s[i] == 0xE2 &&
      (unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] == 0x99 ||
                                          (unsigned char)s[i + 2] == 0x98))
    return 3;
  return 0;
}

/* Whether s[a..b), folded to lower case (ASCII), is the literal. */
static inline bool key_eq(const char *s, size_t a, size_t b,
                          const char *lit) {
  /* Most calls compare against lists of literals: the first byte turns
   * nearly all of them away. */
  if (a < b && (char)(s[a] | ((s[a] >= 'A' && s[a] <= 'Z') ? 32 : 0)) != lit[0])
    return false;
  size_t i = 0;
  for (; a + i < b; i++) {
    char c = s[a + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    /* A NUL in the text must not match the literal's end and read on. */
    if (lit[i] == '\0' || c != lit[i])
      return false;
  }
  return lit[i] == '\0';
}

/* Inline everywhere, so that the literal's length is known where it is
 * called and most words are turned away by theirs. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool word_is(const char *s, const tok *t, const char *lit) {
  size_t n = strlen(lit);
  if (n == 0 || t->e - t->s != n)
    return false;
  /* the literal's length known here, the bytes are compared in a loop
   * the compiler can unroll against the literal's letters */
  for (size_t i = 0; i < n; i++) {
    char c = s[t->s + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    if (c != lit[i])
      return false;
  }
  return true;
}

/* A literal of a word list with its length, so that a list is run
 * through comparing lengths, and bytes only where they agree. */
typedef struct lit {
  const char *s;
  size_t n;
} lit;
#define LIT(x) {x, sizeof(x) - 1}

/* A word list is written once as an X-macro and gives both the literals
 * and the set of their lengths, so that a word of any other length is
 * turned away with one test: LIT_OF(x) for the literals, LEN_OF(x) for a
 * mask with a bit per length (all lengths are below 64), WORD_OF(x) for
 * the bare strings. */
#define LIT_OF(x) LIT(x),
#define LEN_OF(x) ((uint64_t)1 << (sizeof(x) - 1)) |
#define WORD_OF(x) x,
static inline bool len_in(uint64_t lens, size_t n) {
  return n < 64 && (lens >> n & 1);
}

/* key_eq against a listed literal. */
static inline bool lit_eq(const char *s, size_t a, size_t b, const lit *l) {
  return b - a == l->n && key_eq(s, a, b, l->s);
}

/* word_is against a listed literal. */
static inline bool word_is_lit(const char *s, const tok *t, const lit *l) {
  return t->e > t->s && lit_eq(s, t->s, t->e, l);
}

/* Whether the two or three bytes at p are a listed piece of initials of
 * more than one letter: Th, Ph, Chr, Joh, IJ, Ch, Fr, Ed, Jac, Wm. */
static inline bool initials_multi(const char *p, size_t n) {
  if (n == 2) {
    switch (p[0]) {
    case 'T':
    case 'P':
    case 'C':
      return p[1] == 'h';
    case 'I':
      return p[1] == 'J';
    case 'F':
      return p[1] == 'r';
    case 'E':
      return p[1] == 'd';
    case 'W':
      return p[1] == 'm';
    default:
      return false;
    }
  }
  if (n == 3)
    return memcmp(p, "Chr", 3) == 0 || memcmp(p, "Joh", 3) == 0 ||
           memcmp(p, "Jac", 3) == 0;
  return false;
}

/* Initials: every dot-separated piece is one upper-case letter (or Th, Ph,
 * Chr, Joh, IJ), and the token ends with a dot. */
static bool initials_shape(const char *s, size_t a, size_t b) {
  if (b <= a || s[b - 1] != '.')
    return false;
  /* B.V., N.V., C.V., V.O.F.: company forms */
  if (b - a == 4 && s[a + 1] == '.' && s[a + 2] == 'V' &&
      (s[a] == 'B' || s[a] == 'N' || s[a] == 'C'))
    return false;
  if (b - a == 6 && memcmp(s + a, "V.O.F.", 6) == 0)
    return false;
  size_t i = a;
  while (i < b) {
    size_t j = i;
    while (j < b && s[j] != '.')
      j++;
    size_t n = j - i;
    if (n == 0)
      return false;
    size_t cl;
    uint32_t c = cp_at(s, i, j, &cl);
    if (!upper_cp(c))
      return false;
    if (cl != n && !initials_multi(s + i, n))
      return false;
    i = j + 1;
  }
  return true;
}

/* Whether s[a..b) has an '@' or "://".  ("www." is told at the word that
 * starts with it.) */
static bool line_has_links(const char *s, size_t a, size_t b) {
#if defined(__SSE2__)
  if (a < b && b - a <= 16 && b >= 16) {
    /* A short span (a name found, a word): the sixteen bytes that end at
     * b hold it, and most have neither '@' nor ':'. */
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + b - 16));
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('@')),
                             _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
    if (!((unsigned)_mm_movemask_epi8(m) >> (16 - (b - a))))
      return false;
  }
#endif
  if (b <= a || memchr(s + a, '@', b - a))
    return true;
  for (const char *p = s + a, *e = s + b;
       (p = memchr(p, ':', (size_t)(e - p))); p++)
    if (e - p >= 3 && p[1] == '/' && p[2] == '/')
      return true;
  return false;
}

/* ASCII word characters: letters by case and digits; 0 for the rest
 * (and for every byte >= 0x80, which the tokenizer decodes). */
enum { C_LOW = 1, C_UP = 2, C_DIG = 4 };
static const unsigned char ascii_class[256] = {
    ['0'] = C_DIG, ['1'] = C_DIG, ['2'] = C_DIG, ['3'] = C_DIG,
    ['4'] = C_DIG, ['5'] = C_DIG, ['6'] = C_DIG, ['7'] = C_DIG,
    ['8'] = C_DIG, ['9'] = C_DIG,
    ['A'] = C_UP, ['B'] = C_UP, ['C'] = C_UP, ['D'] = C_UP, ['E'] = C_UP,
    ['F'] = C_UP, ['G'] = C_UP, ['H'] = C_UP, ['I'] = C_UP, ['J'] = C_UP,
    ['K'] = C_UP, ['L'] = C_UP, ['M'] = C_UP, ['N'] = C_UP, ['O'] = C_UP,
    ['P'] = C_UP, ['Q'] = C_UP, ['R'] = C_UP, ['S'] = C_UP, ['T'] = C_UP,
    ['U'] = C_UP, ['V'] = C_UP, ['W'] = C_UP, ['X'] = C_UP, ['Y'] = C_UP,
    ['Z'] = C_UP,
    ['a'] = C_LOW, ['b'] = C_LOW, ['c'] = C_LOW, ['d'] = C_LOW,
    ['e'] = C_LOW, ['f'] = C_LOW, ['g'] = C_LOW, ['h'] = C_LOW,
    ['i'] = C_LOW, ['j'] = C_LOW, ['k'] = C_LOW, ['l'] = C_LOW,
    ['m'] = C_LOW, ['n'] = C_LOW, ['o'] = C_LOW, ['p'] = C_LOW,
    ['q'] = C_LOW, ['r'] = C_LOW, ['s'] = C_LOW, ['t'] = C_LOW,
    ['u'] = C_LOW, ['v'] = C_LOW, ['w'] = C_LOW, ['x'] = C_LOW,
    ['y'] = C_LOW, ['z'] = C_LOW};

/* What the tokenizer's main loop asks of a byte. */
enum {
  T_WS = 1,      /* space, tab, CR, form feed, vertical tab */
  T_WORD = 2,    /* ASCII letter or digit, but 'w' and 'W' ("www.") */
  T_PUNCT = 4,   /* any other ASCII byte but the apostrophe: punctuation */
  T_JOIN = 8,    /* may join a word to what follows: ' - . and >= 0x80 */
  T_LETTER = 16, /* ASCII letter */
  T_HIGH = 32,   /* >= 0x80 */
  T_DELIM = 64,  /* ends the run looked through for an address or URL */
  T_STOP = 128   /* . ! ? : after which a sentence starts */
};
/* Above the classes, from bit 8: the flags of a word that its first
 * byte gives, those of a word whose other bytes are lower-case letters;
 * F_SENT for a letter, as a word that starts a sentence takes it unless
 * it is a number; and F_GAP, which a word after a column gap takes. */
#define TOK_FIRST(c) ((unsigned)tok_class[c] >> 8)
/* Byte classes, sixteen bytes a row: N digits, U capitals, O lower-case
 * letters (all three ASCII letters or digits). */
#define S T_WS
#define W T_WORD
#define P T_PUNCT
#define J T_JOIN
#define L T_LETTER
#define H T_HIGH
#define D T_DELIM
#define E T_STOP
#define N ((F_DIGIT | F_GAP) << 8)
#define U (T_LETTER | (F_CAP | F_SENT | F_GAP) << 8)
#define O (T_LETTER | (F_LOWER | F_SENT | F_GAP) << 8)
static const uint32_t tok_class[256] = {
    P, P, P, P, P, P, P, P, P, S|D, P, S, S, S, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    S|D, P|E, P|D, P, P, P, P, J, P|D, P|D, P, P, P|D, P|J, P|J|E, P,
    W|N, W|N, W|N, W|N, W|N, W|N, W|N, W|N, W|N, W|N, P|E, P|D, P|D, P, P|D, P|E,
    P, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U,
    W|U, W|U, W|U, W|U, W|U, W|U, W|U, U, W|U, W|U, W|U, P|D, P, P|D, P, P,
    P, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O, W|O,
    W|O, W|O, W|O, W|O, W|O, W|O, W|O, O, W|O, W|O, W|O, P, P, P, P, P,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
    J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H, J|H,
};
#undef S
#undef W
#undef P
#undef J
#undef L
#undef H
#undef D
#undef E
#undef N
#undef U
#undef O

/* End of the run of ASCII letters and digits at s[i..b), with whether
 * it has a lower-case letter and the number of digits in it (the
 * tokenizer needs no more: a word without lower case is all capitals).
 * Sixteen bytes a step with SSE2, eight without: most words fit in one
 * step, and the step ends without the mispredicted branch that ends a
 * byte loop. */
#if defined(__SSE2__)
/* Bytes of x in [lo, hi]: moved so that lo is -128, they are the ones
 * a signed comparison finds below -128 + (hi - lo) + 1. */
static inline __m128i bytes_in(__m128i x, unsigned char lo, unsigned char hi) {
  __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
  return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + (hi - lo) + 1)));
}

/* A bit per byte of the sixteen at p: ASCII letters and digits in
 * *alnum, lower-case letters in *low, digits in *dig. */
static inline void ascii_classes16(const char *p, unsigned *alnum,
                                   unsigned *low, unsigned *dig) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* capitals lowered; bytes >= 0x80 stay out of every range */
  __m128i l = bytes_in(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z');
  __m128i d = bytes_in(x, '0', '9');
  *low = (unsigned)_mm_movemask_epi8(bytes_in(x, 'a', 'z'));
  *dig = (unsigned)_mm_movemask_epi8(d);
  *alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(l, d));
}
#endif

#if defined(__GNUC__)
__attribute__((always_inline)) /* in tok_general's loop */
#endif
static inline size_t ascii_word_end(const char *s, size_t i, size_t b,
                                    bool *lower, unsigned *digits) {
  bool lw = false;
  unsigned d = 0;
#if defined(__SSE2__)
  for (;;) {
    unsigned alnum, low, dig, stop;
    if (i + 16 <= b) {
      ascii_classes16(s + i, &alnum, &low, &dig);
      stop = ~alnum & 0xFFFFu;
    } else if (b >= 16) {
      /* The line's last bytes: the sixteen that end at b (all inside
       * the text), shifted so that bit 0 is s[i], with a stop at b. */
      unsigned sh = (unsigned)(i - (b - 16));
      ascii_classes16(s + b - 16, &alnum, &low, &dig);
      alnum >>= sh;
      low >>= sh;
      dig >>= sh;
      stop = (~alnum & (0xFFFFu >> sh)) | 1u << (16 - sh);
    } else {
      break; /* a text shorter than sixteen bytes: the byte loop */
    }
    /* the bytes before the first stop; all sixteen without one */
    unsigned n = (unsigned)__builtin_ctz(stop | 0x10000u);
    unsigned in = (stop & (0u - stop)) - 1;
    lw |= (low & in) != 0;
    /* digits are rare in words: count them bit by bit */
    for (unsigned m = dig & in; m; m &= m - 1)
      d++;
    i += n;
    if (n < 16) {
      *lower = lw;
      *digits = d;
      return i;
    }
  }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  while (i + 8 <= b) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    /* per byte, without carries (y <= 0x7f): y + (0x80 - lo) has its
     * high bit set exactly when y >= lo, y + (0x7f - hi) when y > hi;
     * bytes >= 0x80 are in no class */
    uint64_t y = x & ~hb, ascii = ~x & hb;
#define RANGE(lo, hi)                                                          \
  ((y + ones * (0x80 - (lo))) & ~(y + ones * (0x7f - (hi))) & ascii)
    uint64_t cu = RANGE('A', 'Z'), cl = RANGE('a', 'z'), cd = RANGE('0', '9');
#undef RANGE
    uint64_t stop = ~(cu | cl | cd) & hb;
    /* bytes before the first stop: every bit below its high bit */
    uint64_t before = stop ? (stop & (0 - stop)) - 1 : ~(uint64_t)0;
    lw |= (cl & before) != 0;
    /* a high bit per byte counted, summed in the top byte */
    d += (unsigned)((((cd & before) >> 7) * ones) >> 56);
    if (stop) {
      i += (size_t)((((before & hb) >> 7) * ones) >> 56);
      *lower = lw;
      *digits = d;
      return i;
    }
    i += 8;
  }
#endif
  unsigned char k;
  while (i < b && (k = ascii_class[(unsigned char)s[i]]) != 0) {
    lw |= k == C_LOW;
    d += k == C_DIG;
    i++;
  }
  *lower = lw;
  *digits = d;
  return i;
}

/* The lower-case letters of a line's bytes, 64 at a time, for the word
 * loop of the tokenizer: one classification for all the words among
 * them instead of one for each word.  Bit k is set when s[p + k] is no
 * ASCII lower-case letter, and for the bytes at or after the line's end,
 * so that a word stops there. */
typedef struct bytewin {
  size_t p;
  uint64_t notlow;
} bytewin;

#if !defined(__SSE2__)
/* A bit for each of the eight bytes of m whose high bit is set, bit k
 * for byte k: the multiplication moves each high bit, alone, into the
 * top byte. */
static inline unsigned high_bits8(uint64_t m) {
  return (unsigned)((((m >> 7) & 0x0101010101010101ull) *
                     0x0102040810204080ull) >> 56);
}

static inline void ascii_classes16(const char *p, unsigned *alnum,
                                   unsigned *low, unsigned *dig) {
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  unsigned m[3] = {0, 0, 0};
  for (unsigned h = 0; h < 2; h++) {
    uint64_t x;
    memcpy(&x, p + 8 * h, 8);
    /* as in ascii_word_end below */
    uint64_t y = x & ~hb, ascii = ~x & hb;
#define RANGE(lo, hi)                                                          \
  ((y + ones * (0x80 - (lo))) & ~(y + ones * (0x7f - (hi))) & ascii)
    uint64_t cu = RANGE('A', 'Z'), cl = RANGE('a', 'z'), cd = RANGE('0', '9');
#undef RANGE
    m[0] |= high_bits8(cu | cl | cd) << 8 * h;
    m[1] |= high_bits8(cl) << 8 * h;
    m[2] |= high_bits8(cd) << 8 * h;
  }
  *alnum = m[0];
  *low = m[1];
  *dig = m[2];
}
#endif

/* A bit per byte of the sixteen at p that is an ASCII lower-case
 * letter. */
static inline unsigned lower16(const char *p) {
#if defined(__SSE2__)
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  return (unsigned)_mm_movemask_epi8(bytes_in(x, 'a', 'z'));
#else
  unsigned alnum, low, dig;
  ascii_classes16(p, &alnum, &low, &dig);
  return low;
#endif
}

/* The classes of the 16 * k bytes at p, k from 1 to 4, into the window;
 * then shifted down by sh bits. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void bytewin_classes(bytewin *w, const char *p, unsigned k,
                                   unsigned sh) {
  uint64_t l = lower16(p);
  if (k > 1)
    l |= (uint64_t)lower16(p + 16) << 16;
  if (k > 2)
    l |= (uint64_t)lower16(p + 32) << 32;
  if (k > 3)
    l |= (uint64_t)lower16(p + 48) << 48;
  w->notlow = ~(l >> sh);
}

/* The window of the bytes from s[p] to the line's end b, 64 at most.
 * Short lines and the end of long ones are read as the 16, 32 or 64
 * bytes that end at b (the line's own bytes: no read past it), shifted
 * down to start at p. */
static void bytewin_fill(bytewin *w, const char *s, size_t p, size_t b) {
  size_t n = b - p;
  w->p = p;
  if (n >= 64)
    bytewin_classes(w, s + p, 4, 0);
  else if (n <= 16 && b >= 16)
    bytewin_classes(w, s + b - 16, 1, (unsigned)(16 - n));
  else if (n <= 32 && b >= 32)
    bytewin_classes(w, s + b - 32, 2, (unsigned)(32 - n));
  else if (b >= 64)
    bytewin_classes(w, s + b - 64, 4, (unsigned)(64 - n));
  else {
    /* a text shorter than 64 bytes so far: a copy, padded with bytes of
     * no class */
    char buf[64] = {0};
    memcpy(buf, s + p, n);
    bytewin_classes(w, buf, 4, 0);
  }
}

/* The letters of a word of ASCII letters and digits s[i..j). */
static unsigned word_letters(const char *s, size_t i, size_t j) {
  unsigned n = 0;
  for (size_t k = i; k < j; k++)
    n += ascii_class[(unsigned char)s[k]] != C_DIG;
  return n;
}

/* The end of a word and its flags, returned in registers. */
typedef struct word_end {
  size_t j;
  unsigned f;
} word_end;

/* The end of the word of ASCII letters and digits that starts at s[i]
 * (the line ends at b) and its flags: for the words that the
 * tokenizer's loop does not read off its first byte, those with a digit
 * or a capital after it or with 64 bytes or more. */
static word_end word_rare(const char *s, size_t i, size_t b) {
#if defined(__SSE2__)
  if (b >= 16) {
    /* the sixteen bytes from the word's start, or the last sixteen of
     * the line shifted to start there: its lower-case letters, digits
     * and (the rest) capitals; all capitals is two capitals or more and
     * no lower case */
    /* (chosen without a branch: where a word stands in its line is not
     * predictable) */
    size_t over = i + 16 - b;
    unsigned sh = (unsigned)(over & (0 - (size_t)(b - i < 16)));
    unsigned alnum, low, dig;
    ascii_classes16(s + i - sh, &alnum, &low, &dig);
    low >>= sh;
    dig >>= sh;
    /* (the line's end, shifted in as no letter or digit, stops it) */
    unsigned stop = ~(alnum >> sh) & 0xFFFFu;
    if (stop) {
      unsigned in = (stop & (0u - stop)) - 1;
      low &= in;
      dig &= in;
      unsigned up = in & ~(low | dig);
      unsigned f = (up & 1) * F_CAP | (low & 1) * F_LOWER |
                   (dig != 0) * F_DIGIT |
                   (low == 0 && (up & (up - 1)) != 0) * F_ALLCAPS;
      return (word_end){i + (size_t)__builtin_ctz(stop), f};
    }
  }
#endif
  unsigned digits;
  bool lower;
  size_t j = ascii_word_end(s, i, b, &lower, &digits);
  unsigned char c0 = ascii_class[(unsigned char)s[i]];
  unsigned g = c0 == C_UP ? F_CAP : c0 == C_LOW ? F_LOWER : 0;
  if (digits)
    g |= F_DIGIT;
  if ((unsigned)(j - i) - digits >= 2 && !lower)
    g |= F_ALLCAPS;
  return (word_end){j, g};
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The eight bytes from s[j] (a byte of the line, which ends at b) as a
 * little-endian number, the bytes from b on zeros: read as the eight
 * that end at b near the line's end.  False for a text shorter than
 * that. */
static inline bool load8_in_line(const char *s, size_t j, size_t b,
                                 uint64_t *x) {
  if (j + 8 <= b) {
    memcpy(x, s + j, 8);
  } else if (b >= 8) {
    memcpy(x, s + b - 8, 8);
    *x >>= 8 * (j + 8 - b);
  } else {
    return false;
  }
  return true;
}
#endif

/* The end of the run of ASCII digits that starts at the digit s[j] (the
 * line ends at b), or 0 when it cannot be told at once: eight bytes read
 * together, and 0 for a run of eight digits or more. */
static inline size_t digits_end(const char *s, size_t j, size_t b) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  uint64_t x;
  if (!load8_in_line(s, j, b, &x))
    return 0;
  /* a high bit for each byte that is no digit (the zeros after the line
   * are none): x ^ '0' is 10 or more (added to per byte without carries,
   * as in ascii_word_end) */
  uint64_t y = x ^ (ones * '0');
  uint64_t nd = (((y & ~hb) + ones * (0x80 - 10)) | y) & hb;
  return nd ? j + (size_t)__builtin_ctzll(nd) / 8 : 0;
#else
  size_t k = j;
  while (k < b && s[k] >= '0' && s[k] <= '9')
    k++;
  return k;
#endif
}

/* The end of the run of ASCII capitals and digits that starts at s[j]
 * (the line ends at b), and whether it holds a digit; 0 when it cannot
 * be told at once, as digits_end. */
static inline size_t caps_end(const char *s, size_t j, size_t b,
                              bool *digit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  uint64_t x;
  if (!load8_in_line(s, j, b, &x))
    return 0;
  /* as in ascii_word_end */
  uint64_t y = x & ~hb, ascii = ~x & hb;
#define RANGE(lo, hi)                                                          \
  ((y + ones * (0x80 - (lo))) & ~(y + ones * (0x7f - (hi))) & ascii)
  uint64_t cu = RANGE('A', 'Z'), cd = RANGE('0', '9');
#undef RANGE
  uint64_t stop = ~(cu | cd) & hb;
  if (!stop)
    return 0;
  *digit = (cd & ((stop & (0 - stop)) - 1)) != 0;
  return j + (size_t)__builtin_ctzll(stop) / 8;
#else
  size_t k = j;
  bool d = false;
  for (; k < b; k++) {
    bool dk = s[k] >= '0' && s[k] <= '9';
    if (!dk && !(s[k] >= 'A' && s[k] <= 'Z'))
      break;
    d |= dk;
  }
  *digit = d;
  return k;
#endif
}

/* word_rare for a word whose first byte is followed by lower-case
 * letters up to s[j], a capital or a digit.  Most are numbers ("2023",
 * "14"): a run of digits that ends the word adds F_DIGIT to the flags
 * of the first byte and nothing else (the letters before it are lower
 * case: the word is no capitals); and abbreviations in capitals.  The
 * others are read again whole.
 * Out of line, as word_rare: the tokenizer's loop keeps its registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static word_end word_on(const char *s, size_t i, size_t j, size_t b) {
  size_t k;
  if (ascii_class[(unsigned char)s[j]] == C_DIG) {
    if ((k = digits_end(s, j, b)) &&
        (k == b || !ascii_class[(unsigned char)s[k]]))
      return (word_end){k, (TOK_FIRST((unsigned char)s[i]) &
                            ~(unsigned)(F_SENT | F_GAP)) | F_DIGIT};
  } else if (j == i + 1 && ascii_class[(unsigned char)s[i]] == C_UP) {
    /* Two capitals: a run of capitals and digits that ends the word is
     * all capitals ("OTB", "KBO", "A2") */
    bool digit = false;
    if ((k = caps_end(s, j, b, &digit)) &&
        (k == b || !ascii_class[(unsigned char)s[k]]))
      return (word_end){k, F_CAP | F_ALLCAPS | (digit ? F_DIGIT : 0)};
  }
  return word_rare(s, i, b);
}

/* Whether the dot or hyphen at s[j] ends the word before it: no letter
 * follows (as tok_general reads it; a byte >= 0x80, which may start one,
 * is left to tok_general). */
static inline bool joiner_ends(const char *s, size_t j, size_t b) {
  return j + 1 >= b ||
         !(tok_class[(unsigned char)s[j + 1]] & (T_LETTER | T_HIGH));
}

static unsigned lexbits_lookup(const char *s, tok *t, const uint64_t *w);
static unsigned lexbits_uncached(const char *s, tok *t);

/* Whether the cache entry is the one of the word's bytes and key. */
static inline bool lex_entry_is(const lexcache_entry *e, uint64_t w0,
                                uint64_t w1, unsigned key) {
  /* one test: a miss may be on any of the three */
  return ((e->key ^ key) | (e->w0 ^ w0) | (e->w1 ^ w1)) == 0;
}

/* Fill a word's lexicon bits from an entry of the cache. */
static inline void lex_from(tok *t, const lexcache_entry *e) {
  t->lx = e->lx;
  t->hash = e->hash;
  t->f |= e->add;
}

/* The entry of the cache that a word's bytes give. */
static inline size_t lex_slot(const lexcache *lc, uint64_t w0, uint64_t w1) {
  /* the top bits of a product, which every byte of the word moves */
  uint64_t h = (w0 ^ (w1 * 0xc2b2ae3d27d4eb4full)) * 0x9e3779b97f4a7c15ull;
  return (size_t)(h >> (64 - LEXCACHE_BITS)) & lc->mask;
}

/* Whether entry i of the cache holds a word whose own entry it is. */
static inline bool lex_at_home(const lexcache *lc, size_t i) {
  const lexcache_entry *e = &lc->v[i];
  return e->key && lex_slot(lc, e->w0, e->w1) == i;
}

/* Keep an entry whose own place is i: there unless a word of its own is
 * there, else in the next one unless the same holds for it, else in i. */
static void lex_put(const lexcache *lc, size_t i, lexcache_entry e) {
  if (lex_at_home(lc, i) && !lex_at_home(lc, i ^ 1))
    i ^= 1;
  lc->v[i] = e;
}

/* Fill a word's lexicon bits from the entry next to its own, i, or look
 * them up and keep them (lex_put).  The bits depend on the word's bytes
 * and on the flags compared here only, so a cached answer is the
 * lookup's. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void lex_miss(const lexcache *lc, size_t i, const char *s, tok *t,
                     uint64_t w0, uint64_t w1, unsigned key) {
  lexcache_entry *e = &lc->v[i ^ 1];
  if (lex_entry_is(e, w0, w1, key)) {
    lex_from(t, e);
    return;
  }
  /* (the bytes come in registers: the caller's stay out of memory) */
  const uint64_t w[2] = {w0, w1};
  lexbits_lookup(s, t, w);
  lex_put(lc, i, (lexcache_entry){w0, w1, t->hash, t->lx, (uint16_t)key,
                                  (uint16_t)(t->f & (F_LEX | F_COMMON_WORD))});
}

/* The bytes of the word of n bytes (1 to 16) that ends at p, as
 * woo__lex_load16 puts them: read as the sixteen bytes that end there
 * (16 or more bytes of text before p) and shifted down, without a
 * branch on the word's length, which is not predictable. */
static inline void tok_load16(const char *p, size_t n, uint64_t w[2]) {
  unsigned sh = (unsigned)(8 * (16 - n));
#if defined(__SIZEOF_INT128__) && defined(__BYTE_ORDER__) &&                  \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  /* a double shift and two conditional moves (the sixteen bytes loaded
   * as one number, straight into registers) */
  __extension__ typedef unsigned __int128 u128;
  u128 x;
  memcpy(&x, p - 16, 16);
  x >>= sh;
  w[0] = (uint64_t)x;
  w[1] = (uint64_t)(x >> 64);
#else
  uint64_t lo, hi;
  memcpy(&lo, p - 16, 8);
  memcpy(&hi, p - 8, 8);
  /* the shift modulo 64: the words of 8 bytes or fewer are in hi */
  unsigned m = sh & 63;
  uint64_t two = (lo >> m) | ((hi << 1) << (63 - m));
  uint64_t one = hi >> m;
  uint64_t big = 0 - (uint64_t)(n > 8);
  w[0] = (two & big) | (one & ~big);
  w[1] = one & big;
#endif
}

/* Inline: the tokenizer calls it for every capitalised word, and most
 * are found.  `capital`: t is a capitalised token, so a word (only words
 * are), and the entry next to its own is looked at here too, not in
 * lex_miss (the tokenizer's words are most of those found there). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void lex_cached_in(lexcache *lc, const char *s, tok *t,
                                 bool capital) {
  size_t n = t->e - t->s;
  if (n - 1 >= 16 || (!capital && t->kind != K_WORD)) {
    lexbits_uncached(s, t);
    return;
  }
  uint64_t w[2];
  if (WOO_RARE(t->e < 16))
    woo__lex_load16(s + t->s, n, w);
  else
    tok_load16(s + t->e, n, w);
  /* (the flags below bit 8) */
  unsigned key = (t->f & (F_CAP | F_LOWER | F_DIGIT | F_HYPH)) | n << 8;
  size_t i = lex_slot(lc, w[0], w[1]);
  lexcache_entry *e = &lc->v[i];
  if (lex_entry_is(e, w[0], w[1], key)) {
    lex_from(t, e);
    return;
  }
  if (capital && lex_entry_is(&lc->v[i ^ 1], w[0], w[1], key)) {
    lex_from(t, &lc->v[i ^ 1]);
    return;
  }
  lex_miss(lc, i, s, t, w[0], w[1], key);
}

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void lex_cached(lexcache *lc, const char *s, tok *t) {
  lex_cached_in(lc, s, t, false);
}

/* Where the next occurrence of a byte is, for offsets asked about in
 * text order: one search runs on over the lines that have none, instead
 * of a search of each line.  `after` is one past the first occurrence at
 * or after the offset last searched from (one past the text's length when
 * there is none); 0 before the first search. */
typedef struct nextbyte {
  size_t after;
} nextbyte;

/* The first occurrence of c in s[i..len); i is never less than at the
 * call before. */
static inline size_t nextbyte_at(nextbyte *nb, const char *s, size_t len,
                                 size_t i, char c) {
  if (nb->after <= i) {
    const char *p = memchr(s + i, c, len - i);
    nb->after = (p ? (size_t)(p - s) : len) + 1;
  }
  return nb->after - 1;
}

/* Where the next '@' and "://" are, for lines tokenized in text order:
 * one search over the text instead of two per line. */
typedef struct linkpos {
  bool init;
  size_t at, css; /* offsets, or the text's length when there is none */
} linkpos;

/* Search on from a for the '@' and "://" that are behind it (or all of
 * them, at the first call).  Out of line: most lines find both ahead. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void links_ahead(linkpos *lp, const char *s, size_t len, size_t a) {
  if (!lp->init || lp->at < a) {
    const char *p = memchr(s + a, '@', len - a);
    lp->at = p ? (size_t)(p - s) : len;
  }
  if (!lp->init || lp->css < a) {
    /* by the slash after the colon: most texts have far fewer slashes
     * than colons ("Datum:", "18:07"), so the search stops less often */
    lp->css = len;
    for (const char *p = s + a + 1, *e = s + len;
         p < e && (p = memchr(p, '/', (size_t)(e - p))); p++)
      if (e - p >= 2 && p[-1] == ':' && p[1] == '/') {
        lp->css = (size_t)(p - 1 - s);
        break;
      }
  }
  lp->init = true;
}

/* Whether s[a..b) has an '@' or "://", as line_has_links says; a is
 * never less than at the call before. */
static inline bool links_in(linkpos *lp, const char *s, size_t len, size_t a,
                            size_t b) {
  if (b <= a)
    return true;
  if (!lp->init || lp->at < a || lp->css < a)
    links_ahead(lp, s, len, a);
  return lp->at < b || (lp->css < b && b - lp->css >= 3);
}

/* Whether a web address without a scheme starts at s[i]. */
static inline bool www_at(const char *s, size_t i, size_t b) {
  return i + 4 <= b && (s[i] == 'w' || s[i] == 'W') &&
         (memcmp(s + i, "www.", 4) == 0 || memcmp(s + i, "WWW.", 4) == 0);
}

/* The combined table's bits for the word s[i..i+n): a short word of
 * plain ASCII is folded and compared a chunk of eight bytes at a time,
 * without a copy. */
static uint32_t word_bits(const char *s, size_t i, size_t n) {
  if (n - 1 < 16) {
    uint64_t w[2];
    woo__lexshort ks;
    woo__lex_load16(s + i, n, w);
    if (woo__lexshort_word(&ks, w, n))
      return woo__lexshort_bits(&ks);
  }
  woo__lexkey k;
  woo__lexkey_set(&k, s + i, n);
  return woo__lexkey_bits(&k);
}

/* Whether the dotted word s[i..i+n) is a title or a particle: the short
 * words with a dot after them ("mr.", "dhr.", "v.") that keep it. */
static bool dotted_keeps(const char *s, size_t i, size_t n) {
  return word_bits(s, i, n) & (L_TITLE | L_PART);
}

/* dotted_keeps for a word of up to eight bytes with its dot, through the
 * thread's cache when it has one: most are the last words of sentences
 * ("is.", "dat."), which repeat.  Kept with a key that no word token has
 * (bit 7, which lex_cached's keys leave clear).  Out of line, and the
 * cache found here, not passed: the tokenizer's loop seldom asks, and
 * keeps its registers for the rest. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool dotted_keeps_cached(const char *s, size_t i, size_t n) {
  lexcache cache = {lexcache_mine, LEXCACHE_SLOTS - 1};
  const lexcache *lc = &cache;
  if (!lc->v || n - 1 >= 8)
    return dotted_keeps(s, i, n);
  uint64_t w[2];
  woo__lex_load16(s + i, n, w);
  unsigned key = 0x80 | (unsigned)n << 8;
  size_t k = lex_slot(lc, w[0], w[1]);
  if (lex_entry_is(&lc->v[k], w[0], w[1], key))
    return lc->v[k].lx != 0;
  if (lex_entry_is(&lc->v[k ^ 1], w[0], w[1], key))
    return lc->v[k ^ 1].lx != 0;
  bool keep = dotted_keeps(s, i, n);
  lex_put(lc, k, (lexcache_entry){w[0], w[1], 0, keep, (uint16_t)key, 0});
  return keep;
}

/* The word of ASCII parts joined by hyphens before letters that starts
 * at s[i] ("e-mail", "OTB-W", "Smit-Tuinstra"), whose later parts may
 * hold accented letters of Latin-1, on a line without
 * links, read as tok_general reads it: its end (with a trailing dot it
 * keeps) and its flags but F_SENT and F_GAP.  The tokenizer has read its
 * first part, of ASCII letters and digits, up to s[j], with the flags f
 * of a word of that part.  j 0 for any word that needs more than this
 * (another multi-byte character, an apostrophe, a dot before a letter):
 * tok_general reads it.  Out of line: the tokenizer's loop keeps its
 * registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static word_end word_hyphened(const char *s, size_t i, size_t j, size_t b,
                              unsigned f) {
  /* the first part's letters, and whether one is no capital: without
   * digits its bytes are letters, and a part of two letters or more is
   * in capitals when it has F_ALLCAPS */
  unsigned letters = (unsigned)(j - i);
  bool small = letters >= 2 ? !(f & F_ALLCAPS) : (f & F_LOWER) != 0;
  f &= F_CAP | F_LOWER | F_DIGIT;
  if (f & F_DIGIT) {
    /* digits: the part is read again and its letters counted */
    f &= ~(unsigned)F_DIGIT;
    letters = 0;
    small = false;
    j = i;
    goto part;
  }
  for (;;) {
    if (j == b)
      break;
    unsigned char x = (unsigned char)s[j];
    if (x == 0xC3) {
      /* an accented letter of Latin-1, as tok_general tells them */
      unsigned char c1 = j + 1 < b ? (unsigned char)s[j + 1] : 0;
      if ((c1 & 0xC0) != 0x80 || c1 == 0x97 || c1 == 0xB7)
        return (word_end){0, 0};
      letters++;
      small |= c1 > 0x9E;
      j += 2;
    } else if (x == '-') {
      unsigned char y = j + 1 < b ? (unsigned char)s[j + 1] : 0;
      if (y >= 0x80)
        return (word_end){0, 0};
      if (!(tok_class[y] & T_LETTER))
        break;
      f |= F_HYPH;
      j++;
    } else {
      break;
    }
  part:;
    unsigned digits;
    bool lower;
    size_t j0 = j;
    j = ascii_word_end(s, j, b, &lower, &digits);
    if (digits)
      f |= F_DIGIT;
    small |= lower;
    letters += (unsigned)(j - j0) - digits;
  }
  if (letters >= 2 && !small)
    f |= F_ALLCAPS;
  if (j == b)
    return (word_end){j, f};
  unsigned char x = (unsigned char)s[j];
  if (x >= 0x80 || x == '\'')
    return (word_end){0, 0};
  if (x == '.') {
    /* a dot before a letter makes an abbreviation; a trailing one
     * belongs to initials and to the short titles and particles */
    if (!joiner_ends(s, j, b))
      return (word_end){0, 0};
    if (initials_shape(s, i, j + 1))
      return (word_end){j + 1, f | F_INIT};
    if (j - i <= 5 && (f & F_LOWER || letters <= 4) &&
        dotted_keeps(s, i, j + 1 - i))
      return (word_end){j + 1, f};
  }
  return (word_end){j, f};
}

/* cp_at for the first character of tok_general's token, with the
 * sequences it mostly meets decoded inline: two bytes (accented
 * letters, the no-break space) and three from 0xE2 (dashes, quotes,
 * bullets, the euro sign), which are never overlong or surrogates. */
static inline uint32_t tok_cp_at(const char *s, size_t i, size_t end,
                                 size_t *n) {
  const unsigned char *p = (const unsigned char *)s + i;
  if (p[0] < 0x80) {
    *n = 1;
    return p[0];
  }
  if (p[0] >= 0xC2 && p[0] <= 0xDF && i + 1 < end && (p[1] & 0xC0) == 0x80) {
    *n = 2;
    return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
  }
  if (p[0] == 0xE2 && i + 2 < end && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    *n = 3;
    return 0x2000 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
  }
  return woo__utf8_decode(p, end - i, n);
}

/* The token at s[i..) that is not plain ASCII word or punctuation, or
 * that the fast path of tokenize turned away: words with multi-byte
 * characters, inner hyphens, apostrophes or dots, e-mail addresses and
 * URLs, 't and 's, other punctuation.  Fills *t and returns where the
 * next token may start; t->kind 0 (no token) for a no-break or thin
 * space.  Out of line: the main loop keeps its state in registers
 * without the variables of this rarer path. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t tok_general(const char *s, size_t i, size_t b, bool links,
                          unsigned gap, tok *t) {
  size_t cl;
  uint32_t cp = tok_cp_at(s, i, b, &cl);
  if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F) {
    t->kind = 0;
    return i + cl;
  }
  *t = (tok){i, i, 0, 0, 0, (uint16_t)gap, K_WORD, 0};
  if (letter_cp(cp) || (cp >= '0' && cp <= '9')) {
    /* Look ahead over the non-space run for '@' or "://". */
    size_t r = i;
    bool other = false;
    bool www = www_at(s, i, b);
    if (links || www) {
      /* one table look-up per byte: most bytes are none of these */
      enum { R_DELIM = 1, R_AT = 2, R_COLON = 4 };
      static const unsigned char run_class[256] = {
          ['\t'] = R_DELIM, [' '] = R_DELIM, ['"'] = R_DELIM,
          ['('] = R_DELIM,  [')'] = R_DELIM, [','] = R_DELIM,
          [';'] = R_DELIM,  ['<'] = R_DELIM, ['>'] = R_DELIM,
          ['['] = R_DELIM,  [']'] = R_DELIM, ['@'] = R_AT,
          [':'] = R_COLON};
      for (; r < b; r++) {
        unsigned rc = run_class[(unsigned char)s[r]];
        if (!rc)
          continue;
        if (rc & R_DELIM)
          break;
        if ((rc & R_AT) ||
            (r + 2 < b && s[r + 1] == '/' && s[r + 2] == '/'))
          other = true;
      }
    }
    if (www)
      other = true;
    if (other) {
      t->kind = K_OTHER;
      t->e = r;
      return r;
    }
    size_t j = i;
    size_t skip_to = 0;
    unsigned f = t->f;
    unsigned letters = 0;
    bool small = false; /* a letter that is no capital: not all capitals */
    for (;;) {
      while (j < b) {
        unsigned char ch = (unsigned char)s[j];
        if (ch < 0x80) {
          /* ASCII runs are the bulk of every word: read by the word
           * scan of the fast path. */
          size_t j0 = j;
          unsigned digits;
          bool lower;
          j = ascii_word_end(s, j, b, &lower, &digits);
          if (digits)
            f |= F_DIGIT;
          small |= lower;
          letters += (unsigned)(j - j0) - digits;
          if (j < b && (unsigned char)s[j] >= 0x80)
            continue;
          break;
        }
        size_t n;
        unsigned char c1 = j + 1 < b ? (unsigned char)s[j + 1] : 0;
        if (ch == 0xC3 && (c1 & 0xC0) == 0x80) {
          /* U+00C0 to U+00FF, the accented letters of Latin-1 (most
           * in Dutch text), as woo__is_letter and woo__is_upper have
           * them: letters but for U+00D7 and U+00F7, capitals up to
           * U+00DE */
          if (c1 == 0x97 || c1 == 0xB7)
            break;
          letters++;
          if (c1 > 0x9E)
            small = true;
          j += 2;
          continue;
        }
        uint32_t x = cp_at(s, j, b, &n);
        if (woo__is_letter(x)) {
          letters++;
          if (!woo__is_upper(x))
            small = true;
        } else if (woo__is_digit(x)) {
          f |= F_DIGIT;
        } else {
          break;
        }
        j += n;
      }
      size_t ap = apos_at(s, j, b);
      if (ap) {
        /* A possessive 's ends the word outside the name. */
        if ((j + ap < b && (s[j + ap] == 's')) &&
            !is_alnum_at(s, j + ap + 1, b)) {
          skip_to = j + ap + 1;
          break;
        }
        if (is_letter_at(s, j + ap, b)) {
          j += ap;
          continue;
        }
        break;
      }
      if (j < b && s[j] == '-' && is_letter_at(s, j + 1, b)) {
        f |= F_HYPH;
        j++;
        continue;
      }
      if (j < b && s[j] == '.' && is_letter_at(s, j + 1, b) &&
          j + 1 < b && !(j + 2 < b && is_letter_at(s, j + 2, b) &&
                         letters > 3)) {
        /* "v.d.", "J.P.", "m.b.t." — but not "einde.Volgende". */
        f |= F_ABBR;
        j++;
        continue;
      }
      break;
    }
    t->e = j;
    if (upper_cp(cp))
      f |= F_CAP;
    else if (letter_cp(cp))
      f |= F_LOWER;
    if (letters >= 2 && !small)
      f |= F_ALLCAPS;
    if (j < b && s[j] == '.' && !skip_to) {
      /* A trailing dot belongs to initials and abbreviations. */
      if (initials_shape(s, i, j + 1)) {
        t->e = j + 1;
        f |= F_INIT;
      } else if (f & F_ABBR) {
        t->e = j + 1;
      } else if (j - i <= 5 && (f & F_LOWER || letters <= 4)) {
        if (dotted_keeps(s, i, j + 1 - i))
          t->e = j + 1;
      }
    } else if ((f & F_ABBR) && initials_shape(s, i, j)) {
      f |= F_INIT;
    }
    t->f = (uint16_t)f;
    return skip_to ? skip_to : t->e;
  }
  /* 't and 's (in 't Veld, van 's-Gravesande) are particle words. */
  size_t ap = apos_at(s, i, b);
  if (ap && i + ap < b && (s[i + ap] == 't' || s[i + ap] == 's') &&
      !is_alnum_at(s, i + ap + 1, b)) {
    t->e = i + ap + 1;
    t->f |= F_LOWER;
    return t->e;
  }
  /* Punctuation: one code point. */
  t->kind = K_PUNCT;
  t->e = i + cl;
  if (cp < 0x80)
    t->c = (char)cp;
  else if (cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == 0x2011)
    t->c = '-';
  else if (cp == 0x2022 || cp == 0x25CF || cp == 0x25AA || cp == 0xB7)
    t->c = '*';
  else if (cp == 0x2018 || cp == 0x2019)
    t->c = '\'';
  else if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB)
    t->c = '"';
  else
    t->c = '?';
  return t->e;
}

/* A word token's flags, kind and character: on little-endian machines
 * one store of the four bytes they take together. */
static inline void tok_set_word(tok *t, unsigned f) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  _Static_assert(offsetof(tok, kind) == offsetof(tok, f) + 2 &&
                     offsetof(tok, c) == offsetof(tok, f) + 3,
                 "a token's flags, kind and character are side by side");
  /* (the flags take sixteen bits: F_* are all below bit 16) */
  uint32_t x = f | (uint32_t)K_WORD << 16;
  memcpy((char *)t + offsetof(tok, f), &x, 4);
#else
  t->f = (uint16_t)f;
  t->kind = K_WORD;
  t->c = 0;
#endif
}

/* Tokenize s[a..b) (one line).  Words take inner hyphens, apostrophes and
 * dots; a trailing dot joins initials and abbreviations; e-mail addresses
 * and URLs become one K_OTHER token.  `links_known` is
 * line_has_links(s, a, b), or -1 to have it found here.
 *
 * Sentence starts are the first word of the line (after bullets and
 * numbering) and every word after . ! ? : or a column gap ("1." "a)"
 * "2.3" are numbering, not sentence material).  Where the next
 * capitalised word is (ncap: a lower-case word can only open a name, as
 * a title, office or particle, a few words before one) is written when
 * the capitalised word is found, into the tokens since the one before;
 * the lexicon bits of capitalised words are filled in afterwards, the
 * capitalised words found by following ncap.  A token's lexicon bits and
 * hash are written when they are looked up (F_LEX). */
static int tokenize(const char *s, size_t a, size_t b, toks *out,
                    int links_known) {
  size_t i = a;
  out->n = 0;
  out->gaps = 0;
  /* Only a line with '@' or "://" can hold an address or URL that does
   * not start with "www.": the others skip the look-ahead. */
  bool links = links_known < 0 ? line_has_links(s, a, b) : links_known > 0;
  tok *v = out->v;
  tok *t = v;        /* the next token */
  size_t gaps = 0;   /* tokens with F_GAP */
  /* The mask a word's flags are taken through, with no branch: F_SENT
   * in it when the next word starts a sentence, F_GAP when a column gap
   * comes before it (every byte that starts a word gives both: the word
   * takes and clears them) */
  unsigned start = ~(unsigned)F_GAP;
  _Static_assert((unsigned)T_STOP == (unsigned)F_SENT,
                 "T_STOP sets start as it is");
  /* White space since the last token: 3+ is a column.  Before the
   * first token it makes none: blank starts far below, so that the
   * test needs no token count. */
  ptrdiff_t blank = PTRDIFF_MIN / 2;
  /* no window yet: as if all its bytes were lower-case letters, so
   * that the first word fills one */
  bytewin win = {i, 0};
  for (;;) {
    /* Every token takes at least one byte: the room left in the array
     * holds every token that starts before lim, so the loop needs no
     * test of its own for it. */
    size_t room = v ? out->cap - (size_t)(t - v) : 0;
    size_t lim = b - i <= room ? b : i + room;
    while (i < lim) {
      unsigned char c = (unsigned char)s[i];
      unsigned tc = tok_class[c];
      unsigned gap = 0;
      /* Words first: most bytes the loop sees start one. */
      if (tc & T_WORD) {
        if (WOO_RARE(blank >= 3)) {
          gaps++;
          start = ~0u; /* a column gap starts a sentence too */
        }
        goto word;
      }
      if (tc & T_WS) {
        blank += c == '\t' ? 3 : 1;
        i++;
        continue;
      }
      if (WOO_RARE(blank >= 3)) {
        gap = F_GAP;
        gaps++; /* taken back below where no token comes of it */
      }
      if (tc & T_PUNCT) {
        blank = 0;
        /* ASCII punctuation: one byte, what the code point path below
         * makes of it */
        t->s = i;
        t->e = i + 1;
        t->f = (uint16_t)gap;
        t->kind = K_PUNCT;
        t->c = (char)c;
        start |= tc & T_STOP;
        i++;
        t++;
        continue;
      }
      /* words starting with w ("wordt", "wij") are words here too, but
       * for "www." */
      if ((c | 32) == 'w' && !www_at(s, i, b)) {
        if (gap)
          start = ~0u;
      word:;
        /* The common word: ASCII letters and digits up to a byte that
         * joins nothing (no apostrophe, hyphen or multi-byte character,
         * no dot before a letter).  On a line with links the byte must
         * also end the run of bytes tok_general looks through for '@'
         * and "://".  tok_general would find the same token with more
         * tests per byte.
         *
         * Most words are a letter or digit and lower-case letters after
         * it: their flags are those of the first byte (a capital, a
         * lower-case letter or a digit), and they end at the first byte
         * after it that is no lower-case letter.  Where that byte is a
         * capital or a digit, the word is read again whole. */
        size_t i0 = i, j, e, o = i - win.p;
        uint64_t stop = o < 64 ? win.notlow >> o & ~(uint64_t)1 : 0;
        if (WOO_RARE(stop == 0)) {
          /* past the window, or the word runs to its end */
          bytewin_fill(&win, s, i, b);
          o = 0;
          stop = win.notlow & ~(uint64_t)1;
        }
        unsigned f = (tc >> 8) & start;
        unsigned char x;
        if (WOO_RARE(stop == 0)) {
          /* 64 bytes or more */
          word_end w = word_rare(s, i, b);
          j = w.j;
          f = w.f | (f & (F_SENT | F_GAP));
          x = j < b ? (unsigned char)s[j] : 0;
        } else {
          j = i + (unsigned)__builtin_ctzll(stop);
          x = j < b ? (unsigned char)s[j] : 0;
          /* (the space after most words first: it is no letter or
           * digit, and the test below looks for one again) */
          if (WOO_RARE(x != ' ' && (tok_class[x] & (T_WORD | T_LETTER)))) {
            word_end w = word_on(s, i, j, b);
            j = w.j;
            f = w.f | (f & (F_SENT | F_GAP));
            x = j < b ? (unsigned char)s[j] : 0;
          }
        }
        if (x == ' ') {
          /* (a space, after most words, joins nothing and ends every
           * run; the loop would take it as white space) */
          e = j;
          blank = 1;
          i = j + 1;
        } else {
          /* a dot before anything but a letter ends the word, as in the
           * loop below; so does a hyphen ("2022-01", "06-1234") on a line
           * without links (on one with links tok_general looks on for an
           * address) */
          bool dot = x == '.' && joiner_ends(s, j, b);
          if (!((!(tok_class[x] & T_JOIN) || dot) &&
                (!links || j == b || (tok_class[x] & T_DELIM))) &&
              !(x == '-' && !links && joiner_ends(s, j, b))) {
            /* a hyphen before a letter: most of these words are ASCII
             * parts joined by hyphens, read without tok_general (a word
             * whose first part ends at a multi-byte character is left to
             * it: the test for one here costs the loop more than it
             * saves) */
            if (links || x != '-')
              goto general;
            word_end w = word_hyphened(s, i, j, b, f);
            if (!w.j)
              goto general;
            f = w.f | (f & (F_SENT | F_GAP));
            j = w.j;
            dot = false;
          }
          e = j;
          if (WOO_RARE(dot)) {
            /* The trailing dot, as below: initials of one piece ("J.",
             * "Th.") start with a capital and have at most three bytes;
             * short titles and particles ("mr.", "dhr.") are looked up. */
            if ((f & F_CAP) && j - i <= 3 && initials_shape(s, i, j + 1)) {
              e = j + 1;
              f |= F_INIT;
            } else if (j - i <= 5 &&
                       (f & F_LOWER || word_letters(s, i, j) <= 4) &&
                       dotted_keeps_cached(s, i, j + 1 - i)) {
              e = j + 1;
            }
          }
          blank = 0;
          i = e;
        }
        /* a word that starts with a letter took the start (in F_SENT
         * above), a number does not; every word took the gap */
        start ^= f & (F_SENT | F_GAP);
        t->s = i0;
        t->e = e;
        tok_set_word(t, f);
        t++;
        continue;
      }
    general:;
      /* (a word turned away above has its gap in start) */
      gap |= start & F_GAP;
      start &= ~(unsigned)F_GAP;
      size_t next = tok_general(s, i, b, links, gap, t);
      if (t->kind) {
        blank = 0;
        if (t->kind == K_PUNCT) {
          if (t->c == '.' || t->c == '!' || t->c == '?' || t->c == ':')
            start = ~(unsigned)F_GAP;
        } else if (t->kind == K_WORD) {
          if (gap)
            start = ~(unsigned)F_GAP;
          if ((start & F_SENT) &&
              !((t->f & F_DIGIT) && !(t->f & (F_CAP | F_LOWER)))) {
            t->f |= F_SENT;
            start = ~(unsigned)(F_SENT | F_GAP);
          }
        } else {
          start = ~(unsigned)(F_SENT | F_GAP);
        }
        t++;
      } else {
        gaps -= gap != 0;
      }
      i = next;
    }
    if (i >= b)
      break;
    out->n = v ? (size_t)(t - v) : 0;
    if (toks_grow(out))
      return WOO_ENOMEM;
    v = out->v;
    t = v + out->n;
  }
  size_t n = v ? (size_t)(t - v) : 0;
  out->n = n;
  out->gaps = gaps;
  /* Where the next capitalised word is, filled in from the end in one
   * walk that does not branch on a token's case (the index stops
   * counting at NO_CAP - 1, in lines of 2^32 tokens or more). */
  uint32_t nxt = NO_CAP;
  if (WOO_RARE(n >= NO_CAP - 1)) {
    for (size_t k = n; k-- > 0;) {
      uint32_t kk = k < NO_CAP - 1 ? (uint32_t)k : NO_CAP - 1;
      nxt = (v[k].f & F_CAP) ? kk : nxt;
      v[k].ncap = nxt;
    }
  } else {
    /* four tokens a step: the loop's own count and test are a good
     * part of the work for each */
    size_t k = n;
    for (; k >= 4; k -= 4) {
      tok *q = v + k - 4;
      uint32_t k4 = (uint32_t)k - 4;
      nxt = (q[3].f & F_CAP) ? k4 + 3 : nxt;
      q[3].ncap = nxt;
      nxt = (q[2].f & F_CAP) ? k4 + 2 : nxt;
      q[2].ncap = nxt;
      nxt = (q[1].f & F_CAP) ? k4 + 1 : nxt;
      q[1].ncap = nxt;
      nxt = (q[0].f & F_CAP) ? k4 : nxt;
      q[0].ncap = nxt;
    }
    while (k-- > 0) {
      nxt = (v[k].f & F_CAP) ? (uint32_t)k : nxt;
      v[k].ncap = nxt;
    }
  }
  /* The lexicon bits of the capitalised words, found by following
   * ncap from one to the next (a line of 2^32 tokens or more, whose
   * ncap stops counting, is walked whole). */
  lexcache *lc = out->lc;
  if (lc && nxt != NO_CAP) {
    if (WOO_RARE(n >= NO_CAP - 1)) {
      for (size_t k = 0; k < n; k++)
        if ((v[k].f & F_CAP) && v[k].kind == K_WORD)
          lex_cached(lc, s, &v[k]);
    } else {
      /* (a copy of the cache's slots and mask that stays in registers:
       * the stores to the tokens could change *lc as far as the
       * compiler knows) */
      lexcache here = *lc;
      /* a token after the line's last with NO_CAP ends the walk */
      if (WOO_RARE(n == out->cap)) {
        if (toks_grow(out))
          return WOO_ENOMEM;
        v = out->v;
      }
      v[n].ncap = NO_CAP;
      for (size_t k = nxt;;) {
        lex_cached_in(&here, s, &v[k], true);
        if ((k = v[k + 1].ncap) == NO_CAP)
          break;
      }
    }
  }
  return 0;
}

/* ---- lexicon bits ------------------------------------------------------ */


/* The bytes of a suffix of up to eight letters as a little-endian
 * number, as the word's last bytes are read below (folded at compile
 * time: the argument is a literal). */
static inline uint64_t suffix_bits(const char *z) {
  uint64_t x = 0;
  for (size_t i = 0; z[i]; i++)
    x |= (uint64_t)(unsigned char)z[i] << (8 * i);
  return x;
}

/* Whether the word s[a..b) is a street name: a street word ("straat",
 * "weg", "laan" …) with at least three bytes before it, in any case. */
static bool street_word(const char *s, size_t a, size_t b) {
  size_t n = b - a;
  if (n < 6)
    return false;
#if WOO__LEX_LE
  /* The word's last eight bytes (or all six or seven of them) at the top
   * of one number, each ORed with 0x20: that makes a byte equal to a
   * lower-case letter exactly when it is that letter in either case, so
   * one comparison tests a whole suffix. */
  size_t m = n < 8 ? n : 8;
  uint64_t w[2];
  woo__lex_load16(s + b - m, m, w);
  uint64_t lo = (w[0] << (8 * (8 - m))) | 0x2020202020202020u;
#define ENDS(k, z) (n > (k) + 2 && lo >> (64 - 8 * (k)) == suffix_bits(z))
  switch ((char)(lo >> 56)) {
  case 't':
    return ENDS(6, "straat") || ENDS(6, "gracht") || ENDS(5, "markt");
  case 'g':
    return ENDS(3, "weg") || ENDS(5, "steeg");
  case 'n':
    return ENDS(4, "laan") || ENDS(5, "plein") ||
           (ENDS(8, "lantsoen") && n > 11 && (s[b - 9] | 32) == 'p');
  case 'e':
    return ENDS(4, "kade") || ENDS(5, "allee");
  case 'l':
    return ENDS(6, "singel") || ENDS(3, "wal");
  case 'f':
    return ENDS(5, "dreef");
  case 'd':
    return ENDS(3, "pad") ||
           (ENDS(8, "oulevard") && n > 11 && (s[b - 9] | 32) == 'b');
  default:
    return false;
  }
#undef ENDS
#else
  static const struct {
    const char *s;
    size_t n;
  } suf[] = {{"straat", 6}, {"weg", 3},       {"laan", 4},     {"plein", 5},
             {"gracht", 6}, {"kade", 4},      {"singel", 6},   {"steeg", 5},
             {"dreef", 5},  {"markt", 5},     {"boulevard", 9}, {"allee", 5},
             {"plantsoen", 9}, {"wal", 3},    {"pad", 3}};
  char last = (char)(s[b - 1] | 32);
  for (size_t k = 0; k < sizeof suf / sizeof suf[0]; k++) {
    size_t m = suf[k].n;
    if (suf[k].s[m - 1] != last || n <= m + 2)
      continue;
    bool eq = true;
    for (size_t i = 0; i < m && eq; i++) {
      char c = s[b - m + i];
      if (c >= 'A' && c <= 'Z')
        c = (char)(c + 32);
      eq = c == suf[k].s[i];
    }
    if (eq)
      return true;
  }
  return false;
#endif
}

/* The lookup behind lexbits, for a word not looked up yet; w holds its
 * bytes as woo__lex_load16 puts them, or is NULL.  Inline in lex_miss,
 * which has the bytes in hand for most words looked up. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline unsigned lexbits_lookup(const char *s, tok *t,
                                      const uint64_t *w) {
  t->f |= F_LEX;
  unsigned lx = 0;
  size_t n = t->e - t->s;
  if (t->kind != K_WORD || (t->f & F_DIGIT) || n > 64 ||
      !(t->f & (F_CAP | F_LOWER))) {
    t->lx = 0;
    t->hash = 0;
    return 0;
  }
  uint32_t bits;
  /* Most words are short and plain ASCII: folded and compared a chunk of
   * eight bytes at a time, without a copy. */
  uint64_t wb[2];
  woo__lexshort ks;
  if (n <= 16 && !w) {
    woo__lex_load16(s + t->s, n, wb);
    w = wb;
  }
  if (n <= 16 && woo__lexshort_word(&ks, w, n)) {
    t->hash = ks.hash;
    bits = woo__lexshort_bits(&ks);
  } else {
    woo__lexkey k;
    woo__lexkey_set(&k, s + t->s, n);
    t->hash = k.n ? k.hash : 0;
    bits = woo__lexkey_bits(&k);
  }
  if (t->f & F_CAP) {
    lx = bits;
    if (n > 8)
      lx &= ~(unsigned)L_PART;
    if ((t->f & F_HYPH) && !(lx & (L_FN | L_SN))) {
      /* Jansen-Bakker, Jan-Willem: judge by the parts. */
      size_t a = t->s;
      bool all_fn = true, any_sn = false;
      while (a < t->e) {
        size_t e = a;
        while (e < t->e && s[e] != '-')
          e++;
        uint32_t pb = word_bits(s, a, e - a);
        if (!(pb & L_FN))
          all_fn = false;
        if (pb & L_SN)
          any_sn = true;
        a = e + 1;
      }
      if (all_fn)
        lx |= L_FN;
      if (any_sn)
        lx |= L_SN;
    }
    if (street_word(s, t->s, t->e))
      lx |= L_STREET;
    /* the common-words table needs the hash only; asked here, once for
     * each word the cache keeps, not for each token */
    if (t->hash && woo__lexhash_common(t->hash))
      t->f |= F_COMMON_WORD;
  } else {
    /* Lower case: particles and titles, and offices and function titles
     * of five letters or more ("minister", "jurist"); shorter ones are
     * abbreviations that only count capitalised. */
    if (n <= 8)
      lx |= bits & L_PART;
    if (n <= 12)
      lx |= bits & L_TITLE;
    if (n >= 5)
      lx |= bits & (L_OFF | L_FUNC | L_OPEN_OFF | L_OPEN_FUNC);
  }
  t->lx = lx;
  return lx;
}

/* lexbits_lookup for a word whose bytes are not loaded: long words, and
 * words looked up without a cache. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static unsigned lexbits_uncached(const char *s, tok *t) {
  return lexbits_lookup(s, t, NULL);
}

/* The first look-up of a token's bits outside the tokenizer (lower-case
 * words, mostly): through the thread's cache when it has one, as the
 * tokenizer does for capitalised words. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static unsigned lexbits_first(const char *s, tok *t) {
  lexcache_entry *v = lexcache_mine;
  if (!v) {
    pthread_once(&lexcache_once, lexcache_start);
    v = lexcache_keyed ? pthread_getspecific(lexcache_key) : NULL;
  }
  if (!v)
    return lexbits_uncached(s, t);
  lexcache lc = {v, LEXCACHE_SLOTS - 1};
  lex_cached(&lc, s, t);
  return t->lx;
}

/* A word's lexicon bits, looked up once per token: the parser asks
 * several times per word, so the answer it has is given inline. */
static inline unsigned lexbits(const char *s, tok *t) {
  if (t->f & F_LEX)
    return t->lx;
  return lexbits_first(s, t);
}

/* Whether the word may have L_OFF: lexbits_lookup gives it to
 * capitalised words and to lower-case words of five bytes or more only,
 * so the others need no look-up to be turned away. */
static inline bool office_possible(const tok *t) {
  return (t->f & F_CAP) || ((t->f & F_LOWER) && t->e - t->s >= 5);
}

/* lexbits_common for a word not asked about yet. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static unsigned lexbits_common_first(const char *s, tok *t) {
  unsigned lx = lexbits(s, t);
  t->f |= F_COMMON_DONE;
  if (t->f & F_COMMON_WORD)
    t->lx = lx | L_COMMON;
  return t->lx;
}

/* The word's bits with L_COMMON: the common-words table is large, so it
 * is only asked about words that get as far as being weighed as a name.
 * The parser asks about the same word more than once: the answer it has
 * is given inline. */
static inline unsigned lexbits_common(const char *s, tok *t) {
  if (t->f & F_COMMON_DONE)
    return t->lx;
  return lexbits_common_first(s, t);
}

/* ---- line context ------------------------------------------------------- */

/* An entry of an address header ("Aan: Team Vergunningen; Servicedesk
 * Burgerzaken; J. de Vries") that names a team, a desk or a mailbox
 * rather than a person: two or more words, one of them a capitalised
 * common word that no name lexicon knows, and no given name, initials or
 * title.  Returns the token after the entry, or i when the entry may be
 * a person. */
static size_t mailbox_entry(const char *s, toks *tk, size_t i) {
  size_t k = i, words = 0;
  bool noun = false;
  for (; k < tk->n; k++) {
    tok *t = &tk->v[k];
    if (t->kind == K_PUNCT && (t->c == ';' || t->c == '<' || t->c == '[' ||
                               t->c == ',' || t->c == '('))
      break;
    if (t->kind == K_OTHER)
      break;
    if (t->kind != K_WORD)
      continue;
    words++;
    unsigned lx = lexbits_common(s, t);
    /* a given name, initials or a title: a person after all */
    if ((t->f & F_INIT) || (lx & (L_FN | L_TITLE)))
      return i;
    if ((t->f & F_CAP) && !(t->f & F_ALLCAPS) && (lx & L_COMMON) &&
        !(lx & (L_SN | L_PART)))
      noun = true;
  }
  return noun && words >= 2 ? k : i;
}

/* M_OFFICIAL: a list of office holders acting in office ("Wethouders:",
 * "Raadsleden:", a chair who is the mayor), whose names stay visible. */
/* M_STAMP: a key whatever its spelling with a day and a clock time after
 * it ("Verzonden: dinsdag 4 augustus 2020 18:07" as OCR leaves it: "Vernon
 * en: …"), a date field that names no one. */
enum {
  M_BODY = 0, M_HEADER, M_LIST, M_SIG, M_SALUT, M_OFFICIAL, M_CONTACT, M_STAMP
};

/* The keys of header, list and office-holder lines. */
#define HEADER_KEYS(X) X("van") X("aan") X("cc") X("bcc") X("from") X("to") \
  X("afzender") X("geadresseerde") X("ontvanger") X("kopie") X("kopie aan") \
  X("verzonden door") X("sender") X("reply-to") X("beantwoorden aan") \
  X("namens")
#define LIST_KEYS(X) X("aanwezig") X("aanwezigen") X("afwezig") \
  X("afwezigen") X("afgemeld") X("met kennisgeving afwezig") \
  X("afmeldingen") X("verslag") X("verslaglegging") X("notulist") \
  X("notuliste") X("notulen") X("voorzitter") X("secretaris") \
  X("deelnemers") X("genodigden") X("gasten") X("contactpersoon") \
  X("contactpersonen") X("behandeld door") X("behandelaar") X("auteur") \
  X("opgesteld door") X("steller") X("sprekers") X("spreker") \
  X("aanwezig namens") X("gesprekspartners") X("gespreksleider") \
  X("interviewer") X("attendees") X("participants") X("ondertekend door") \
  X("ondertekenaar") X("medewerker") X("getuige") X("getuigen") X("melder") \
  X("aangever") X("verdachte") X("betrokkene") X("betrokkenen") X("naam") \
  X("naam melder") X("naam betrokkene") X("cliënt") X("client") \
  X("tester") X("testers") X("projectleden") X("teamleden")
#define OFFICIAL_KEYS(X) X("wethouders") X("wethouder") X("raadsleden") \
  X("aanwezige raadsleden") X("raadslid") X("leden van de raad") \
  X("statenleden") X("gedeputeerden") X("gedeputeerde") X("commissieleden") \
  X("fractievoorzitters") X("griffier") X("burgemeester") X("college") \
  X("kamerleden") X("bewindspersonen") X("leden") X("aanwezige leden") \
  X("fracties")

/* Whether s[i..b) is a date and time: a day of the week, a day number
 * and a clock time ("dinsdag 4 augustus 2020 18:07", "Tue, 4 Aug 2020
 * 18:07"). */
static bool stamp_value(const char *s, size_t i, size_t b) {
  static const lit days[] = {
      LIT("maandag"), LIT("dinsdag"), LIT("woensdag"), LIT("donderdag"),
      LIT("vrijdag"), LIT("zaterdag"), LIT("zondag"), LIT("monday"),
      LIT("tuesday"), LIT("wednesday"), LIT("thursday"), LIT("friday"),
      LIT("saturday"), LIT("sunday"), LIT("ma"), LIT("di"), LIT("wo"),
      LIT("do"), LIT("vr"), LIT("za"), LIT("zo"), LIT("mon"), LIT("tue"),
      LIT("wed"), LIT("thu"), LIT("fri"), LIT("sat"), LIT("sun")};
  while (i < b && (s[i] == ' ' || s[i] == '\t'))
    i++;
  /* the first letters of the days' names: most values start otherwise */
  enum {
    DAY_FIRSTS = 1u << ('m' - 'a') | 1u << ('d' - 'a') | 1u << ('w' - 'a') |
                 1u << ('v' - 'a') | 1u << ('z' - 'a') | 1u << ('t' - 'a') |
                 1u << ('f' - 'a') | 1u << ('s' - 'a')
  };
  unsigned c0 = i < b ? ((unsigned char)s[i] | 32u) - 'a' : 26;
  if (c0 >= 26 || !(DAY_FIRSTS >> c0 & 1))
    return false;
  size_t w = i;
  while (w < b && ((s[w] | 32) >= 'a' && (s[w] | 32) <= 'z'))
    w++;
  size_t e = w;
  while (e < b && (s[e] == ' ' || s[e] == ',' || s[e] == '.'))
    e++;
  /* a word and a number after it first: that turns most values away
   * without the run through the days */
  if (w == i || e >= b || s[e] < '0' || s[e] > '9')
    return false;
  bool day = false;
  for (size_t n = 0; n < sizeof days / sizeof days[0] && !day; n++)
    day = lit_eq(s, i, w, &days[n]);
  if (!day)
    return false;
  for (size_t k = e + 1; k + 2 < b && k - e < 40; k++)
    if (s[k] == ':' && s[k - 1] >= '0' && s[k - 1] <= '9' &&
        s[k + 1] >= '0' && s[k + 1] <= '5' && s[k + 2] >= '0' &&
        s[k + 2] <= '9')
      return true;
  return false;
}

/* The keys of the three kinds of keyed lines in one small table, by
 * their bytes: a line's key is looked up once instead of being compared
 * with every key of its length.  A key in more than one list keeps the
 * first kind, header before list before office, as the lists are asked
 * in that order. */
typedef struct keyslot {
  const char *s; /* NULL: empty */
  unsigned char n, mode;
} keyslot;
#define KEY_SLOTS 256
static keyslot key_slots[KEY_SLOTS];
static size_t key_longest;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
/* the keys' first letters by length, as firsts_fill keeps them (a bit
 * per first byte & 31): most text before a colon ("Datum", "Tel",
 * "https") is turned away without being folded */
static uint32_t key_firsts[32];

static unsigned key_slot_of(const char *k, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t q = 0; q < n; q++)
    h = (h ^ (unsigned char)k[q]) * 16777619u;
  return (h ^ h >> 15) & (KEY_SLOTS - 1);
}

static void key_add(const lit *l, int mode) {
  unsigned h = key_slot_of(l->s, l->n);
  for (;; h = (h + 1) & (KEY_SLOTS - 1)) {
    keyslot *x = &key_slots[h];
    if (!x->s) {
      *x = (keyslot){l->s, (unsigned char)l->n, (unsigned char)mode};
      break;
    }
    if (x->n == l->n && memcmp(x->s, l->s, l->n) == 0)
      break;
  }
  if (l->n > key_longest)
    key_longest = l->n;
  if (l->n < 32)
    key_firsts[l->n] |= 1u << ((unsigned char)l->s[0] & 31);
}

static void key_start(void) {
  static const lit header[] = {HEADER_KEYS(LIT_OF)};
  static const lit list[] = {LIST_KEYS(LIT_OF)};
  static const lit official[] = {OFFICIAL_KEYS(LIT_OF)};
  _Static_assert(sizeof header / sizeof *header + sizeof list / sizeof *list +
                         sizeof official / sizeof *official <=
                     KEY_SLOTS / 2,
                 "the key table stays at most half full");
  for (size_t n = 0; n < sizeof header / sizeof header[0]; n++)
    key_add(&header[n], M_HEADER);
  for (size_t n = 0; n < sizeof list / sizeof list[0]; n++)
    key_add(&list[n], M_LIST);
  for (size_t n = 0; n < sizeof official / sizeof official[0]; n++)
    key_add(&official[n], M_OFFICIAL);
}

/* The kind of the key s[i..e), compared as lit_eq compares (ASCII
 * capitals lowered), or M_BODY. */
#if defined(__GNUC__)
__attribute__((noinline)) /* for lines with a colon only */
#endif
static int key_mode(const char *s, size_t i, size_t e) {
  size_t n = e - i;
  char k[64];
  if (n == 0 || n > key_longest || n > sizeof k ||
      (n < 32 && !(key_firsts[n] >> ((unsigned char)s[i] & 31) & 1)))
    return M_BODY;
  /* folded and hashed in one walk, as key_slot_of hashes */
  uint32_t fh = 2166136261u;
  for (size_t q = 0; q < n; q++) {
    char c = s[i + q];
    k[q] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    fh = (fh ^ (unsigned char)k[q]) * 16777619u;
  }
  for (unsigned h = (fh ^ fh >> 15) & (KEY_SLOTS - 1);;
       h = (h + 1) & (KEY_SLOTS - 1)) {
    const keyslot *x = &key_slots[h];
    if (!x->s)
      return M_BODY;
    if (x->n == n && memcmp(x->s, k, n) == 0)
      return x->mode;
  }
}

/* The key before a ':' near the start of a line, trimmed; returns the
 * mode it sets, and in *body the offset where the values start. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the driver's loop, called once */
#endif
static inline int line_key(const char *s, size_t len, size_t a, size_t b,
                    size_t *body, const woo__textmap *map, nextbyte *colons) {
  size_t i = a;
  while (i < b && (s[i] == ' ' || s[i] == '\t' || s[i] == '>' || s[i] == '*'))
    i++;
  /* the first ':' among the next 41 bytes; most lines have none (the
   * text map has their bits, when the scan made one) */
  size_t lim = b - i < 41 ? b - i : 41, k;
  if (map) {
    uint64_t m = su_map_window(map, WOO__MAP_COLON, i, lim);
    k = m ? i + (size_t)__builtin_ctzll(m) : b;
  } else {
    size_t c = nextbyte_at(colons, s, len, i, ':');
    k = c < i + lim ? c : b;
  }
  if (k >= b || k == i)
    return M_BODY;
  size_t e = k;
  while (e > i && (s[e - 1] == ' ' || s[e - 1] == '*'))
    e--;
  *body = k + 1;
  /* (the table of keys was made before the caller's walk) */
  int mode = key_mode(s, i, e);
  if (mode != M_BODY)
    return mode;
  return e - i <= 24 && stamp_value(s, k + 1, b) ? M_STAMP : M_BODY;
}

#define CLOSINGS(X) X("met vriendelijke groet") X("met vriendelijke groeten") \
  X("vriendelijke groet") X("vriendelijke groeten") X("groet") X("groeten") \
  X("hartelijke groet") X("hartelijke groeten") X("met hartelijke groet") \
  X("groetjes") X("mvg") X("m.v.g.") X("met groet") \
  X("met collegiale groet") X("collegiale groet") X("hoogachtend") \
  X("kind regards") X("regards") X("best regards") X("with kind regards") \
  X("dank en groet") X("met vriendelijke groet en dank") X("vr.gr.") \
  X("vr. gr.") X("gr.") X("gr")

/* Whether the trimmed line (without trailing punctuation) is a closing
 * formula; *tail gets where a name on the same line would start. */
static inline bool closing_from(const char *s, size_t i, size_t b,
                                size_t *tail);

/* closing_line from the line's first byte that is no ' ', '\t' or '>',
 * at i. */
static inline bool closing_at(const char *s, size_t i, size_t b,
                              size_t *tail) {
  /* every closing starts with one of these letters, and one of these
   * second bytes after it (a bit at (byte | 32) & 31, which keeps the
   * capitals and the '.' of "m.v.g." too): asked inline, as nearly every
   * line starts otherwise ("De", "Het", "Dit") */
#define B2(c) (1u << (((unsigned)(c) | 32u) & 31))
  static const uint32_t seconds[26] = {
      ['b' - 'a'] = B2('e'), ['c' - 'a'] = B2('o'), ['d' - 'a'] = B2('a'),
      ['g' - 'a'] = B2('r'), ['h' - 'a'] = B2('a') | B2('o'),
      ['k' - 'a'] = B2('i'), ['m' - 'a'] = B2('e') | B2('v') | B2('.'),
      ['r' - 'a'] = B2('e'), ['v' - 'a'] = B2('r'), ['w' - 'a'] = B2('i')};
#undef B2
  unsigned c0 = i + 1 < b ? ((unsigned char)s[i] | 32u) - 'a' : 26;
  return c0 < 26 &&
         (seconds[c0] >> (((unsigned char)s[i + 1] | 32u) & 31) & 1) &&
         closing_from(s, i, b, tail);
}

static inline bool closing_line(const char *s, size_t a, size_t b,
                                size_t *tail) {
  size_t i = a;
  while (i < b && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
    i++;
  return closing_at(s, i, b, tail);
}

static bool closing_rest(const char *s, size_t i, size_t b, size_t *tail);

/* closing_line from the first letter of the line, at i.  Inline up to
 * the first three letters, which turn away nearly every line. */
static inline bool closing_from(const char *s, size_t i, size_t b,
                                size_t *tail) {
  char c0 = (char)(s[i] | 32);
  /* … and with one of these pairs ("De", "Het", "Van" stop here) */
  if (i + 1 >= b)
    return false;
  char c1 = s[i + 1];
  if (c1 >= 'A' && c1 <= 'Z')
    c1 = (char)(c1 + 32);
  /* … and their third letter ("Het", "Van", "Dat", "Beleid" stop
   * here); only "gr" has two */
  char c2 = i + 2 < b ? s[i + 2] : 0;
  if (c2 >= 'A' && c2 <= 'Z')
    c2 = (char)(c2 + 32);
  bool pair;
  switch (c0) {
  case 'm':
    pair = (c1 == 'e' && c2 == 't') || (c1 == 'v' && c2 == 'g') ||
           (c1 == '.' && c2 == 'v');
    break;
  case 'v': pair = c1 == 'r' && (c2 == 'i' || c2 == '.'); break;
  case 'g': pair = c1 == 'r' && (c2 == 'o' || !(c2 >= 'a' && c2 <= 'z')); break;
  case 'h': pair = (c1 == 'a' && c2 == 'r') || (c1 == 'o' && c2 == 'o'); break;
  case 'k': pair = c1 == 'i' && c2 == 'n'; break;
  case 'r': pair = c1 == 'e' && c2 == 'g'; break;
  case 'b': pair = c1 == 'e' && c2 == 's'; break;
  case 'w': pair = c1 == 'i' && c2 == 't'; break;
  case 'd': pair = c1 == 'a' && c2 == 'n'; break;
  default: pair = c1 == 'o' && c2 == 'l'; break; /* 'c' */
  }
  return pair && closing_rest(s, i, b, tail);
}

/* closing_from for a line whose first letters may begin a closing. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool closing_rest(const char *s, size_t i, size_t b, size_t *tail) {
  static const lit closings[] = {CLOSINGS(LIT_OF)};
  static const uint64_t closing_lens = CLOSINGS(LEN_OF) 0;
  /* the formula runs to a comma or CR, or 49 bytes */
  size_t lim = b - i < 49 ? b - i : 49;
  const char *comma = memchr(s + i, ',', lim);
  if (comma)
    lim = (size_t)(comma - (s + i));
  const char *cr = memchr(s + i, '\r', lim);
  size_t e = cr ? (size_t)(cr - s) : i + lim;
  size_t t = e;
  while (t > i && (s[t - 1] == ' ' || s[t - 1] == '.' || s[t - 1] == '!'))
    t--;
  /* most lines that get here are no closing of any length */
  if (t - i > 40 || !len_in(closing_lens, t - i))
    return false;
  for (size_t n = 0; n < sizeof closings / sizeof closings[0]; n++)
    if (lit_eq(s, i, t, &closings[n])) {
      *tail = e < b ? e + 1 : b;
      return true;
    }
  return false;
}

/* The first letters of a word list's words by their length: a word of
 * a length and first letter that no word of the list has is turned away
 * before the list is run through.  (Bit c & 31 of entry n for a word of
 * n bytes starting with c; the lists are lower case, and a capital
 * gives the bit of its small letter.) */
enum { FIRSTS_LENS = 32 };
typedef uint32_t firsts_by_len[FIRSTS_LENS];

static void firsts_fill(firsts_by_len f, const lit *v, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (v[k].n < FIRSTS_LENS)
      f[v[k].n] |= 1u << ((unsigned char)v[k].s[0] & 31);
}

/* Whether the word may be in the list whose firsts are f. */
static inline bool firsts_may(const firsts_by_len f, const char *s,
                              const tok *t) {
  size_t n = t->e - t->s;
  return n >= FIRSTS_LENS ||
         (n > 0 && (f[n] >> ((unsigned char)s[t->s] & 31) & 1));
}

typedef struct word_firsts {
  firsts_by_len salutations, places;
} word_firsts;
static word_firsts the_firsts;
static pthread_once_t firsts_once = PTHREAD_ONCE_INIT;

static void firsts_start(void);

/* Set, with release, once firsts_start is done: the callers in the
 * parser's loops read it instead of calling pthread_once every time. */
static atomic_bool firsts_ready;

static inline const word_firsts *firsts_of(void) {
  if (!atomic_load_explicit(&firsts_ready, memory_order_acquire))
    pthread_once(&firsts_once, firsts_start);
  return &the_firsts;
}

#define SALUTATIONS(X) X("beste") X("geachte") X("hoi") X("hallo") \
  X("lieve") X("hi") X("hey") X("dear") X("goedemorgen") X("goedemiddag") \
  X("dag") X("goedenavond") X("hello") X("beiste")

/* Whether the word opens a salutation; wf from firsts_of, which the
 * caller asks once rather than at every line. */
static bool salutation_word(const word_firsts *wf, const char *s,
                            const tok *t) {
  static const lit w[] = {SALUTATIONS(LIT_OF)};
  if (!firsts_may(wf->salutations, s, t))
    return false;
  for (size_t n = 0; n < sizeof w / sizeof w[0]; n++)
    if (word_is_lit(s, t, &w[n]))
      return true;
  return false;
}

/* ---- emitting ----------------------------------------------------------- */

static bool fold_eq(const char *a, size_t an, const char *b, size_t bn) {
  woo__lexkey x, y;
  woo__lexkey_set(&x, a, an);
  woo__lexkey_set(&y, b, bn);
  return x.n && x.n == y.n && memcmp(x.s, y.s, x.n) == 0;
}

/* Whether an allow-list entry covers the name: the whole name, or the name
 * is the entry's last word (a surname alone). */
static bool listed(char **list, size_t n, const char *s, size_t a,
                   size_t b) {
  for (size_t i = 0; i < n; i++) {
    const char *e = list[i];
    if (!e)
      continue;
    size_t len = strlen(e);
    if (fold_eq(e, len, s + a, b - a))
      return true;
    size_t w = len;
    while (w > 0 && e[w - 1] != ' ')
      w--;
    if (w > 0 && fold_eq(e + w, len - w, s + a, b - a))
      return true;
    if (b - a > len && s[b - len - 1] == ' ' &&
        fold_eq(e, len, s + b - len, len))
      return true;
  }
  return false;
}

/* Inline: most policies list no one. */
static inline bool allowed(const woo__scan_ctx *ctx, size_t a, size_t b) {
  const woo_policy *p = ctx->policy;
  if (!p || (!p->n_allow && !p->n_officials))
    return false;
  return listed(p->allow, p->n_allow, ctx->text, a, b) ||
         listed(p->officials, p->n_officials, ctx->text, a, b);
}

static int emit(const woo__scan_ctx *ctx, woo__hits *out, size_t a, size_t b,
                double conf, const char *source) {
  if (conf < 0.3 || b <= a)
    return 0;
  if (allowed(ctx, a, b))
    return 0;
  return woo__hits_add(out, a, b, WOO_ENTITY_PERSON, source, conf);
}

/* ---- the name parser ---------------------------------------------------- */

/* A small open-addressing set of folded keys, owned by one call. */
typedef struct keyset {
  woo__lexkey *v;
  size_t cap, n;
} keyset;

static int keyset_add(keyset *k, const woo__lexkey *key) {
  if (key->n == 0)
    return 0;
  if ((k->n + 1) * 2 > k->cap) {
    size_t cap = k->cap ? k->cap * 2 : 64;
    /* A slot is empty when its length is 0; the rest of a key (mostly
     * its 128-byte buffer) is never read there, so only lengths are
     * cleared. */
    woo__lexkey *v = woo__reallocarray(NULL, cap, sizeof *v);
    if (!v)
      return WOO_ENOMEM;
    for (size_t i = 0; i < cap; i++)
      v[i].n = 0;
    for (size_t i = 0; i < k->cap; i++) {
      if (!k->v[i].n)
        continue;
      size_t j = k->v[i].hash & (cap - 1);
      while (v[j].n)
        j = (j + 1) & (cap - 1);
      v[j] = k->v[i];
    }
    free(k->v);
    k->v = v;
    k->cap = cap;
  }
  size_t j = key->hash & (k->cap - 1);
  while (k->v[j].n) {
    if (k->v[j].n == key->n && memcmp(k->v[j].s, key->s, key->n) == 0)
      return 0;
    j = (j + 1) & (k->cap - 1);
  }
  k->v[j] = *key;
  k->n++;
  return 0;
}

static bool keyset_has(const keyset *k, const woo__lexkey *key) {
  if (!k->cap || !key->n)
    return false;
  size_t j = key->hash & (k->cap - 1);
  while (k->v[j].n) {
    if (k->v[j].n == key->n && memcmp(k->v[j].s, key->s, key->n) == 0)
      return true;
    j = (j + 1) & (k->cap - 1);
  }
  return false;
}

/* The tokens of the names found in one call, copied from the line as
 * each name is reported: not_persons reads a name's tokens from here
 * instead of tokenizing its bytes again.  A name's bytes run from its
 * first token's start to its last token's end, and the tokenizer finds
 * the same tokens there whether it reads the name alone or its whole
 * line (it looks past a word's end only to join bytes that the name would
 * then hold too). */
typedef struct hit_toks {
  tok *v;          /* the tokens of all names, one name after another */
  size_t n, cap;
  size_t *first;   /* name k's tokens are v[first[k]..first[k + 1]) */
  size_t nh, hcap; /* names recorded; first holds nh + 1 entries */
} hit_toks;

/* keyset_has for the folded word of a token.  A word looked up in the
 * lexicons has its key's hash already: the set is searched by the hash
 * first, and the word folded only when a key has the same one (the
 * word's key, when it is in the set, has). */
/* keyset_has_tok once the word must be folded.  Out of line: most words
 * asked about are turned away by their hash, or by an empty set. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool keyset_has_folded(const keyset *k, const char *s, const tok *t) {
  woo__lexkey key;
  woo__lexkey_set(&key, s + t->s, t->e - t->s);
  return keyset_has(k, &key);
}

static inline bool keyset_has_tok(const keyset *k, const char *s,
                                  const tok *t) {
  if (!k->cap)
    return false;
  if ((t->f & F_LEX) && t->hash) {
    bool same = false;
    for (size_t j = t->hash & (k->cap - 1); k->v[j].n && !same;
         j = (j + 1) & (k->cap - 1))
      same = k->v[j].hash == t->hash;
    if (!same)
      return false;
  }
  return keyset_has_folded(k, s, t);
}

typedef struct nstate {
  const woo__scan_ctx *ctx;
  const char *s;
  toks *tk;
  int mode;
  keyset *officials; /* surnames of office holders seen so far */
  keyset *places;    /* names of places seen so far ("gemeente X") */
  hit_toks *ht;      /* where reported names keep their tokens, or NULL */
  /* M_OFFICIAL only because a name signs under a formula with no
   * function known: visible, but not said outright to be in office */
  bool assumed;
  /* the token of this line that a title ending the line above speaks of
   * ("dhr." / "I. Doornbos"), or SIZE_MAX */
  size_t title_at;
} nstate;

/* Report the name of tokens v[a..b) of the current line, keeping its
 * tokens when it is reported. */
static int emit_name(const nstate *st, woo__hits *out, size_t a, size_t b,
                     double conf, const char *source) {
  const tok *v = st->tk->v;
  size_t before = out->n;
  int rc = emit(st->ctx, out, v[a].s, v[b - 1].e, conf, source);
  hit_toks *ht = st->ht;
  if (rc || out->n == before || !ht)
    return rc;
  if (ht->nh + 2 > ht->hcap &&
      woo__grow(&ht->first, &ht->hcap, sizeof *ht->first, 64))
    return WOO_ENOMEM;
  while (ht->n + (b - a) > ht->cap)
    if (woo__grow(&ht->v, &ht->cap, sizeof *ht->v, 256))
      return WOO_ENOMEM;
  if (ht->nh == 0)
    ht->first[0] = 0;
  /* a name has a few tokens: copied one by one, without the call (the
   * counts kept in locals, which the stores of tokens might otherwise
   * be taken to change) */
  size_t at = ht->n, m = b - a;
  tok *dst = ht->v + at;
  for (size_t k = 0; k < m; k++)
    dst[k] = v[a + k];
  ht->n = at + m;
  ht->first[++ht->nh] = at + m;
  return 0;
}

/* Length in tokens of the longest phrase from lexicon `lex` starting at
 * token i (words joined by spaces, hyphens, commas or &), or 0. */
static bool word_tok(const tok *t);
static unsigned lexbits(const char *s, tok *t);

static size_t phrase_from(const nstate *st, size_t i, woo__lex lex,
                          size_t max);

static inline size_t phrase_at(const nstate *st, size_t i, woo__lex lex,
                               size_t max) {
  tok *v = st->tk->v;
  unsigned need = lex == WOO__LEX_ORGANISATIONS ? L_OPEN_ORG
                  : lex == WOO__LEX_OFFICIALS   ? L_OPEN_OFF
                                                : L_OPEN_FUNC;
  /* most words open no phrase: asked here, without the call */
  if (!word_tok(&v[i]) || !(lexbits(st->s, &v[i]) & need))
    return 0;
  return phrase_from(st, i, lex, max);
}

#if WOO__LEX_LE
/* Of the bytes of x that `valid` keeps: in *odd the high bit of each
 * one outside '!'..'~' or '`' (spaces too), in *sp of each space.  Per
 * byte without carries (y <= 0x7f), as in lexicon.c. */
static inline void phrase_marks(uint64_t x, uint64_t valid, uint64_t *odd,
                                uint64_t *sp) {
  const uint64_t ones = 0x0101010101010101u, hb = 0x8080808080808080u;
  const uint64_t m7 = ~hb;
  uint64_t y = x & m7;
#define GE(lo) (y + ones * (0x80 - (lo)))
#define GT(hi) (y + ones * (0x7f - (hi)))
  *odd = (x | ~GE(0x21) | GT(0x7e) | (GE(0x60) & ~GT(0x60))) & hb & valid;
#undef GE
#undef GT
  uint64_t t = x ^ ones * 0x20;
  *sp = ~(((t & m7) + m7) | t | m7) & valid;
}
#endif

/* The combined table's bits for the phrase s[a..a+n) (its words and what
 * stands between them), as woo__lexkey_set and woo__lexkey_bits give
 * them.  A phrase of up to sixteen bytes of printable ASCII but '`',
 * its words one space apart ("De voorzitter", "Raad van State"), is only
 * lower-cased there: it is folded and looked up from two registers here,
 * without a copy. */
static uint32_t phrase_bits(const char *s, size_t a, size_t n) {
#if WOO__LEX_LE
  if (n - 1 < 16) {
    uint64_t w[2], odd0, sp0, odd1 = 0, sp1 = 0;
    woo__lex_load16(s + a, n, w);
    phrase_marks(w[0], n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1,
                 &odd0, &sp0);
    if (n > 8)
      phrase_marks(w[1],
                   n == 16 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * (n - 8))) - 1,
                   &odd1, &sp1);
    /* nothing but single spaces among the printable bytes (the phrase
     * starts and ends with a word) */
    woo__lexshort ks;
    if (!(odd0 & ~sp0) && !(odd1 & ~sp1) && !(sp0 & sp0 >> 8) &&
        !(sp1 & sp1 >> 8) && !(sp0 >> 56 & sp1) &&
        woo__lexshort_word(&ks, w, n))
      return woo__lexshort_bits(&ks);
  }
#endif
  woo__lexkey k;
  woo__lexkey_set(&k, s + a, n);
  return woo__lexkey_bits(&k);
}

/* phrase_at for a word that may open a phrase of the lexicon. */
static size_t phrase_from(const nstate *st, size_t i, woo__lex lex,
                          size_t max) {
  tok *v = st->tk->v;
  size_t n = st->tk->n, best = 0, words = 0;
  bool punct = false;
  for (size_t j = i; j < n && words < max; j++) {
    if (v[j].kind == K_PUNCT) {
      if (v[j].c == ',' || v[j].c == '&' || v[j].c == '-' || v[j].c == '\'') {
        punct = true;
        continue;
      }
      break;
    }
    if (v[j].kind != K_WORD)
      break;
    words++;
    if (words == 1)
      continue; /* single words are in the token's bits */
    uint32_t bits = phrase_bits(st->s, v[i].s, v[j].e - v[i].s);
    if (bits >> lex & 1)
      best = j - i + 1;
    /* The opener bits hold every word prefix of a longer entry: where the
     * words so far (joined by spaces only) are none, no entry goes on. */
    else if (!punct && !(bits >> WOO__LEX_OPENER_BIT(lex) & 1))
      break;
  }
  return best;
}

static bool word_tok(const tok *t) { return t->kind == K_WORD; }

/* A capitalised word that may be (part of) a surname. */
static bool surnameish(const char *s, tok *t, int mode) {
  if (!word_tok(t) || (t->f & F_DIGIT) || !(t->f & F_CAP))
    return false;
  unsigned lx = lexbits(s, t);
  if (lx & (L_STOP | L_STREET | L_TITLE))
    return false;
  /* a lone capital without a dot is a list letter or an OCR crumb */
  if (t->e - t->s == 1)
    return false;
  if (t->f & F_HYPH) {
    /* "KvK-nummer", "Cao-fondsen", "NL-Alert-teksten": a compound ending
     * in a lower-case word is a noun ("Vries-el Amrani" keeps its short
     * particle) */
    size_t h = t->e;
    while (h > t->s && s[h - 1] != '-')
      h--;
    if (t->e - h > 3 && s[h] >= 'a' && s[h] <= 'z')
      return false;
  }
  if ((lx & L_OFF) && !(lx & (L_SN | L_FN)))
    return false;
  if ((t->f & F_ALLCAPS) && mode == M_BODY && !(lx & (L_SN | L_FN)))
    return false;
  if ((t->f & F_ALLCAPS) && t->e - t->s <= 3 && mode == M_BODY)
    return false;
  return true;
}

static double maxd(double a, double b) { return a > b ? a : b; }

#define WEAK_PARTICLES(X) X("in") X("op") X("uit") X("aan") X("bij") \
  X("onder") X("over") X("voor") X("het") X("te") X("da") X("do") X("du") \
  X("la") X("le") X("lo") X("di") X("am") X("im") X("zu") X("af") X("av") \
  X("san") X("ou") X("ben")

/* Particles that are also everyday prepositions ("in Zwolle", "op Texel")
 * only join a name with support from a given name, initials or a title. */
static const char *const weak_words[] = {WEAK_PARTICLES(WORD_OF)};
#define N_WEAK (sizeof weak_words / sizeof weak_words[0])

/* s[0..n) (1 <= n <= 7) with ASCII capitals lowered, in one number with
 * its length in the top byte, so that words of up to seven bytes are
 * compared in one step. */
static inline uint64_t packed_word(const char *s, size_t n) {
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  uint64_t w[2];
  woo__lex_load16(s, n, w);
  uint64_t x = w[0], y = x & ~hb;
  /* per byte without carries (y <= 0x7f), as in lexicon.h */
  x |= ((y + ones * (0x80 - 'A')) & ~(y + ones * (0x7f - 'Z')) & ~x & hb) >> 2;
  return x | (uint64_t)n << 56;
}

/* The weak particles packed, made once: the parser asks about most
 * particles it meets ("de", "van"), and a list of two- and three-letter
 * words turns few of them away by length.  They are kept in a table of
 * 128 slots too, at a slot of their own under a multiplier searched for
 * once, so that a word is asked about with one comparison rather than
 * one per particle. */
static uint64_t weak_packed[N_WEAK];
#define WEAK_SLOTS 128
static uint64_t weak_slots[WEAK_SLOTS];
static uint64_t weak_mul; /* 0: none found, the list is run through */
static pthread_once_t weak_once = PTHREAD_ONCE_INIT;

static inline unsigned weak_slot(uint64_t x, uint64_t mul) {
  return (unsigned)((x * mul) >> 57);
}

static void weak_fill(void) {
  _Static_assert(WEAK_SLOTS == 128, "weak_slot gives seven bits");
  for (size_t k = 0; k < N_WEAK; k++)
    weak_packed[k] = packed_word(weak_words[k], strlen(weak_words[k]));
  /* odd multipliers in turn; a packed word is never 0 (its length is in
   * the top byte), so 0 marks an empty slot */
  uint64_t mul = 0x9e3779b97f4a7c15ull;
  for (int tries = 0; tries < 4096; tries++, mul += 0x632be59bd9b4e01aull) {
    uint64_t t[WEAK_SLOTS] = {0};
    size_t k = 0;
    for (; k < N_WEAK; k++) {
      uint64_t *slot = &t[weak_slot(weak_packed[k], mul)];
      if (*slot)
        break;
      *slot = weak_packed[k];
    }
    if (k == N_WEAK) {
      memcpy(weak_slots, t, sizeof t);
      weak_mul = mul;
      return;
    }
  }
}

/* Set, with release, once the tables are made: asked first instead of
 * pthread_once at every call. */
static atomic_bool weak_ready;

static void weak_start(void) {
  weak_fill();
  atomic_store_explicit(&weak_ready, true, memory_order_release);
}

static bool weak_particle(const char *s, const tok *t) {
  size_t n = t->e - t->s;
  if (n == 0 || n > 7)
    return false;
  if (!atomic_load_explicit(&weak_ready, memory_order_acquire))
    pthread_once(&weak_once, weak_start);
  uint64_t x = packed_word(s + t->s, n);
  if (weak_mul)
    return weak_slots[weak_slot(x, weak_mul)] == x;
  for (size_t k = 0; k < N_WEAK; k++)
    if (weak_packed[k] == x)
      return true;
  return false;
}

static bool role_listed(const char *s, const tok *t);

/* Whether a word naming someone's part in a case comes right before
 * token i, a number between them allowed: "getuige 1", "slachtoffer",
 * "gemachtigde".  Token i must be a capitalised word or initials.
 * Inline: the parser asks about nearly every capitalised word, and the
 * word before it is mostly no lower-case word of a role's length. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* most words are turned away by flags */
#endif
static inline bool role_before(const char *s, const tok *v, size_t i) {
  if (i == 0 || !(v[i].f & (F_CAP | F_INIT)) || (v[i].f & F_GAP))
    return false;
  size_t k = i - 1;
  if (v[k].kind == K_WORD && (v[k].f & F_DIGIT) &&
      !(v[k].f & (F_CAP | F_LOWER))) {
    if (k == 0 || (v[k].f & F_GAP))
      return false;
    k--;
  }
  const tok *t = &v[k];
  if (t->kind != K_WORD || !(t->f & F_LOWER))
    return false;
  /* the lengths of the roles turn most words away before a comparison */
  size_t n = t->e - t->s;
  const uint32_t lengths = 1u << 6 | 1u << 7 | 1u << 9 | 1u << 10 |
                           1u << 11 | 1u << 12 | 1u << 17;
  return n <= 17 && (lengths >> n & 1) && role_listed(s, t);
}

/* Whether the lower-case word t is one of the roles role_before knows. */
static bool role_listed(const char *s, const tok *t) {
  static const lit roles[] = {
      LIT("getuige"),     LIT("slachtoffer"),  LIT("gemachtigde"),
      LIT("vertegenwoordiger"), LIT("melder"), LIT("klager"),
      LIT("klaagster"),   LIT("verzoeker"),    LIT("verzoekster"),
      LIT("aanvrager"),   LIT("aanvraagster"), LIT("bezwaarmaker"),
      LIT("appellant"),   LIT("betrokkene"),   LIT("verdachte")};
  size_t n = t->e - t->s;
  /* the first letters of the words above turn most words away before a
   * comparison */
  switch (s[t->s]) {
  case 'a': case 'b': case 'g': case 'k': case 'm': case 's': case 'v':
    break;
  default:
    return false;
  }
  for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++)
    if (roles[r].n == n && key_eq(s, t->s, t->e, roles[r].s))
      return true;
  return false;
}

/* Whether token k ends its line or its column and is a title that speaks
 * of a name to come: "dhr.", "mevr.", "mw.", "de heer", "mevrouw". */
static bool title_dangles(const char *s, const toks *tk, size_t k) {
  static const lit titles[] = {LIT("dhr."), LIT("dhr"), LIT("mevr."),
                               LIT("mevr"), LIT("mw."), LIT("heer"),
                               LIT("mevrouw")};
  const tok *t = &tk->v[k];
  if (t->kind != K_WORD || (k + 1 < tk->n && !(tk->v[k + 1].f & F_GAP)))
    return false;
  size_t n = t->e - t->s;
  unsigned c0 = (unsigned char)s[t->s] | 32;
  if (n < 3 || n > 7 || (c0 != 'd' && c0 != 'm' && c0 != 'h'))
    return false;
  for (size_t r = 0; r < sizeof titles / sizeof titles[0]; r++)
    if (titles[r].n == n && key_eq(s, t->s, t->e, titles[r].s))
      return true;
  return false;
}

/* The weak particles that are no Dutch preposition: "da", "do", "du",
 * "la", "le", "lo", "di". */
static bool foreign_particle(const char *s, const tok *t) {
  static const char *const words[] = {"da", "do", "du", "la", "le", "lo",
                                      "di"};
  if (t->e - t->s != 2)
    return false;
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
    if (word_is(s, t, words[k]))
      return true;
  return false;
}

/* Whether tokens from k are a political party in brackets: "(VVD)",
 * "(GroenLinks-PvdA)", "(Lokaal Belang)", "(Groep Mol)". */
static bool party_after(const char *s, tok *v, size_t n, size_t k) {
  static const lit parties[] = {
      LIT("vvd"), LIT("pvda"), LIT("cda"), LIT("d66"), LIT("groenlinks"),
      LIT("groenlinks-pvda"), LIT("gl-pvda"), LIT("sp"), LIT("pvv"),
      LIT("christenunie"), LIT("cu"), LIT("sgp"), LIT("pvdd"), LIT("denk"),
      LIT("50plus"), LIT("ja21"), LIT("fvd"), LIT("bbb"), LIT("volt"),
      LIT("nsc"), LIT("bij1"), LIT("cu-sgp"), LIT("christenunie-sgp"),
      LIT("gemeentebelangen"), LIT("gemeentebelang"), LIT("dorpsbelangen"),
      LIT("stadspartij"), LIT("burgerbelangen"), LIT("groen"), LIT("d'66"),
      LIT("partij"), LIT("lijst"), LIT("leefbaar"), LIT("lokaal"), LIT("groep"),
      LIT("fractie"), LIT("onafhankelijk"), LIT("onafhankelijken"),
      LIT("ouderenpartij"), LIT("forum"), LIT("nieuw"), LIT("samen"),
      LIT("progressief"), LIT("algemeen")};
  if (k + 2 >= n || v[k].kind != K_PUNCT || v[k].c != '(' ||
      !word_tok(&v[k + 1]) || !(v[k + 1].f & F_CAP))
    return false;
  size_t m = k + 1;
  while (m < n && word_tok(&v[m]) && m - k <= 4)
    m++;
  if (m >= n || v[m].kind != K_PUNCT || v[m].c != ')')
    return false;
  const tok *w = &v[k + 1];
  size_t len = w->e - w->s;
  for (size_t i = 0; i < sizeof parties / sizeof parties[0]; i++) {
    size_t pl = parties[i].n;
    /* the whole word, or its first part before a hyphen */
    if ((pl == len || (pl < len && s[w->s + pl] == '-')) &&
        (s[w->s] | 32) == parties[i].s[0]) {
      bool eq = true;
      for (size_t c = 0; c < pl && eq; c++) {
        char x = s[w->s + c];
        if (x >= 'A' && x <= 'Z')
          x = (char)(x + 32);
        eq = x == parties[i].s[c];
      }
      if (eq)
        return true;
    }
  }
  return false;
}

/* "de Kroon", "het Meer": a capitalised word after an article is a noun
 * or a proper name of a thing before it is a surname. */
static bool after_article(const char *s, const tok *v, size_t k) {
  if (k == 0 || !word_tok(&v[k - 1]) || !(v[k - 1].f & F_LOWER))
    return false;
  return word_is(s, &v[k - 1], "de") || word_is(s, &v[k - 1], "het") ||
         word_is(s, &v[k - 1], "den") || word_is(s, &v[k - 1], "der");
}

/* Nouns that close the name of a building, business or place ("Victoria
 * Hotel", "Anne Frank Huis"), not a person's name. */
static bool place_head(const char *s, const tok *t) {
  static const lit w[] = {
      LIT("hotel"), LIT("theater"), LIT("theatre"), LIT("museum"), LIT("kerk"),
      LIT("kapel"), LIT("park"), LIT("school"), LIT("college"), LIT("lyceum"),
      LIT("bank"), LIT("fonds"), LIT("groep"), LIT("centrum"), LIT("center"),
      LIT("ziekenhuis"), LIT("kliniek"), LIT("academie"), LIT("instituut"),
      LIT("huis"), LIT("hal"), LIT("zaal"), LIT("arena"), LIT("stadion"),
      LIT("kazerne"), LIT("haven"), LIT("brug"), LIT("toren"), LIT("markt"),
      LIT("molen"), LIT("holding"), LIT("partners"), LIT("advocaten"),
      LIT("notarissen"), LIT("consult"), LIT("services"), LIT("stichting"),
      LIT("vereniging"), LIT("fonds"), LIT("prijs"), LIT("lezing"), LIT("zorg"),
      LIT("wonen")};
  for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
    if (word_is_lit(s, t, &w[k]))
      return true;
  return false;
}

/* Whether the word ends in a noun for a unit, a service or a role
 * ("Subsidiebureau", "Privacyteam", "DGKE-secretariaat", "SOC-analist"). */
static bool unit_word(const char *s, const tok *t) {
  static const lit suf[] = {
      LIT("bureau"), LIT("team"), LIT("planning"), LIT("secretariaat"),
      LIT("afdeling"), LIT("analist"), LIT("dienst"), LIT("desk"), LIT("loket"),
      LIT("centrum"), LIT("groep"), LIT("raad"), LIT("overleg"), LIT("beheer"),
      LIT("zaken"), LIT("support"), LIT("office"), LIT("portaal"), LIT("pool"),
      LIT("viewer"), LIT("berekening"), LIT("teksten"), LIT("mailbox"),
      LIT("postbus"), LIT("coordinator"), LIT("coördinator"), LIT("adviseur"),
      LIT("medewerker"), LIT("functionaris")};
  size_t n = t->e - t->s;
  for (size_t k = 0; k < sizeof suf / sizeof suf[0]; k++) {
    size_t m = suf[k].n;
    if (n < m + 2)
      continue;
    size_t i = 0;
    while (i < m && (s[t->e - m + i] | 32) == suf[k].s[i])
      i++;
    if (i == m)
      return true;
  }
  return false;
}

#define PLACE_WORDS(X) X("gemeente") X("provincie") X("waterschap") \
  X("regio") X("stadsdeel") X("veiligheidsregio") X("basisteam") \
  X("politieregio") X("dorp") X("stad") X("plaats") X("woonplaats") \
  X("wijk") X("gemeentehuis") X("stadhuis") X("hoogheemraadschap") \
  X("district") X("eenheid")

static void firsts_start(void) {
  static const lit salutations[] = {SALUTATIONS(LIT_OF)};
  static const lit places[] = {PLACE_WORDS(LIT_OF)};
  firsts_fill(the_firsts.salutations, salutations,
              sizeof salutations / sizeof *salutations);
  firsts_fill(the_firsts.places, places, sizeof places / sizeof *places);
  atomic_store_explicit(&firsts_ready, true, memory_order_release);
}

/* Words after which a capitalised word names a place or a body. */
static bool place_listed(const char *s, const tok *t);

/* (inline up to the word's length and first letter, which turn away
 * nearly every word) */
static inline bool place_word(const char *s, const tok *t) {
  return firsts_may(firsts_of()->places, s, t) && place_listed(s, t);
}

/* place_word for a word whose length and first letter a place word has. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool place_listed(const char *s, const tok *t) {
  static const lit w[] = {PLACE_WORDS(LIT_OF)};
  for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
    if (word_is_lit(s, t, &w[k]))
      return true;
  return false;
}

/* Whether token k is a capitalised word in the same cell that is no
 * name: not in the name lexicons, no particle, title or initials. */
static bool plain_cap_after(const char *s, tok *v, size_t n, size_t k) {
  return k < n && word_tok(&v[k]) && (v[k].f & F_CAP) &&
         !(v[k].f & (F_GAP | F_ALLCAPS | F_INIT)) &&
         !(lexbits(s, &v[k]) & (L_FN | L_SN | L_PART | L_TITLE));
}

/* Whether parse_name at word token i would only step over it, so that
 * the caller can: a lower-case word with no capitalised word within six
 * tokens (parse_name turns it away first thing; the words of a run share
 * ncap, so the test holds up to where the capital comes within reach),
 * or a word that starts with a digit (no title, office, place word,
 * given name, particle or surname starts with one). */
static inline bool no_name_at(const toks *tk, size_t i) {
  const tok *t = &tk->v[i];
  if (t->f & F_LOWER)
    return t->ncap == NO_CAP || t->ncap > i + 6;
  return !(t->f & F_CAP);
}

/* Whether parse_name at the lower-case word token i would only step
 * over it: the word is no title, particle, office or opener of an office
 * phrase, does not name a kind of place before a capitalised word and is
 * not the "de" of "de heer".  Lower-case words within reach of a capital
 * are mostly such words; the caller passes them without the call.
 * Inline: the caller asks about most lower-case words of a line, and
 * the answer is mostly in the token's flags and bits already. */
static inline bool idle_lower(const char *s, toks *tk, size_t i) {
  tok *t = &tk->v[i];
  if (!(t->f & F_LOWER) ||
      (lexbits(s, t) & (L_OFF | L_OPEN_OFF | L_TITLE | L_PART)))
    return false;
  /* (the "de" of "de heer" is a particle: turned away above) */
  return !(i + 1 < tk->n && word_tok(&tk->v[i + 1]) &&
           (tk->v[i + 1].f & F_CAP) && !(tk->v[i + 1].f & F_GAP) &&
           place_word(s, t));
}

/* Whether parse_name would take word token i for a kind of place or
 * public body before a capitalised word ("gemeente Weidebroek"). */
static inline bool place_before_cap(const char *s, toks *tk, size_t i) {
  tok *v = tk->v;
  return i + 1 < tk->n && word_tok(&v[i + 1]) && (v[i + 1].f & F_CAP) &&
         !(v[i + 1].f & F_GAP) && place_word(s, &v[i]);
}

/* Whether parse_name at the capitalised word token i would only step
 * over it: an organisation or stopword and no name, title or office
 * word, that opens no organisation's name and names no kind of place
 * before a capitalised word. */
static inline bool idle_cap(const char *s, toks *tk, size_t i) {
  unsigned lx = lexbits(s, &tk->v[i]);
  return !(lx & L_OPEN_ORG) && (lx & (L_ORG | L_STOP)) &&
         !(lx & (L_FN | L_SN | L_PART | L_TITLE | L_OFF)) &&
         !place_before_cap(s, tk, i);
}

/* Whether the driver may step over word token i without parse_name:
 * no_name_at, idle_cap or idle_lower.  The tokenizer looks up
 * capitalised words only; the lower-case words idle_lower asks about
 * ("van", "het", "besluit") repeat as much, so their bits are taken from
 * the thread's cache too instead of being folded and probed again at
 * every occurrence.  Inline in the driver's loop: it is asked about
 * nearly every word within reach of a capital. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool passed(const char *s, toks *tk, size_t i) {
  if (no_name_at(tk, i))
    return true;
  tok *t = &tk->v[i];
  if (!(t->f & F_LOWER))
    return idle_cap(s, tk, i);
  if (!(t->f & F_LEX) && tk->lc)
    lex_cached(tk->lc, s, t);
  return idle_lower(s, tk, i);
}

/* Where parse_name at the lower-case word token i of a body line would
 * go on without a name: a particle that no title, office or given name
 * supports ("aan de Brink", "het verslag van Jansen") is stepped over
 * with the lower-case particles after it.  0 when parse_name must look. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the driver's loop, as passed */
#endif
static inline size_t sentence_particles(const char *s, toks *tk, size_t i) {
  tok *v = tk->v;
  size_t n = tk->n;
  tok *t = &v[i];
  if (!(t->f & F_LOWER) || (t->f & F_INIT))
    return 0;
  unsigned lx = lexbits(s, t);
  if (!(lx & L_PART) || (lx & (L_TITLE | L_OFF | L_OPEN_OFF)) ||
      place_before_cap(s, tk, i) ||
      /* "de heer": the rare word after it first, "de" being common */
      (i + 1 < n && word_is(s, &v[i + 1], "heer") && word_is(s, t, "de")))
    return 0;
  /* the particles of parse_name's loop, the first one among them; the
   * words after it are looked up through the line's cache, as passed
   * does */
  size_t j = i + 1, parts = 1;
  while (j < n && word_tok(&v[j]) && !(v[j].f & F_GAP) && parts < 3 &&
         !(v[j].f & F_INIT)) {
    if (!(v[j].f & F_LEX) && tk->lc)
      lex_cached(tk->lc, s, &v[j]);
    if (!(lexbits(s, &v[j]) & L_PART))
      break;
    parts++;
    j++;
  }
  size_t k = i;
  while (k < j && (v[k].f & F_LOWER))
    k++;
  return k;
}

/* Whether a capitalised word follows token i within the name (no column
 * gap between): a name may go on. */
static inline bool cap_goes_on(const tok *v, size_t n, size_t i) {
  return i + 1 < n && word_tok(&v[i + 1]) && (v[i + 1].f & F_CAP) &&
         !(v[i + 1].f & F_GAP);
}

/* The tests idle_in_body and lone_word end with, lx being token i's
 * bits: nothing around the word makes more of it -- not "De heer", a
 * title at the end of the line above or a case role before it, nor
 * (last, as the longest test) an organisation's name that "De …",
 * "Het …" may open, which parse_name skips whole. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool alone_in_body(const char *s, const nstate *st,
                                 const tok *v, size_t n, size_t i,
                                 unsigned lx) {
  /* ("de" is a particle: its bit first, then the rarer "heer") */
  if ((lx & L_PART) && i + 1 < n && word_is(s, &v[i + 1], "heer") &&
      word_is(s, &v[i], "de"))
    return false;
  if (i == st->title_at || role_before(s, v, i))
    return false;
  return !(lx & L_OPEN_ORG) || !phrase_from(st, i, WOO__LEX_ORGANISATIONS, 6);
}

/* Whether parse_name at the capitalised word token i of a body line
 * (st->mode M_BODY) would only step over it, reporting nothing: most
 * capitalised words of prose are no name, and its reading of them is
 * long.  Two kinds are told here from the token's bits and its
 * neighbours':
 *   - a particle with no capitalised word after its run of particles
 *     ("De voorzitter", "In de brief"): no surname follows, and parse_name
 *     backs off to the next word;
 *   - a word of no name lexicon, title, office or organisation, with no
 *     capitalised word or particle after it, that is a common word, starts
 *     a sentence, holds a digit or is one letter ("Persoonlijke
 *     gegevens", "Zaken."): the one-word name it would be has confidence 0.
 * Anything else (a capitalised word after it, a hyphen, a title before
 * it, a word that may open a phrase) is left to parse_name.  The tests
 * are parse_name's own, in its order, for the cases above only. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the driver's loop, as passed */
#endif
static inline bool idle_in_body(const char *s, const nstate *st, tok *v,
                                size_t n, size_t i) {
  tok *t = &v[i];
  if (t->f & F_INIT)
    return false;
  /* the next word within the name, capitalised: a name may go on */
  if (cap_goes_on(v, n, i))
    return false;
  unsigned lx = lexbits(s, t);
  if (lx & (L_TITLE | L_OFF | L_OPEN_OFF))
    return false;
  /* (a hyphen matters to the surname below only: "Vries-el", "KvK-nummer") */
  if (lx & L_PART) {
    /* the particles parse_name reads; a capitalised word after them may
     * be a surname */
    size_t j = i + 1, parts = 1;
    while (j < n && word_tok(&v[j]) && !(v[j].f & F_GAP) &&
           (lexbits(s, &v[j]) & L_PART) && parts < 3 && !(v[j].f & F_INIT)) {
      parts++;
      j++;
    }
    if (j < n && word_tok(&v[j]) && !(v[j].f & F_GAP) && (v[j].f & F_CAP))
      return false;
  } else if ((lx & L_STREET) && !(lx & (L_FN | L_ORG))) {
    /* a street's name is no given name or surname */
  } else {
    if (lx & (L_FN | L_SN | L_ORG | L_STOP | L_STREET))
      return false;
    /* a body line's surname without a name lexicon's is no capitals word */
    if (!(t->f & F_ALLCAPS)) {
      if (t->f & F_HYPH)
        return false;
      /* a lower-case particle after it may open a surname ("Yohanes de
       * Groot") where no sentence starts */
      if (i + 1 < n && word_tok(&v[i + 1]) && !(v[i + 1].f & F_GAP) &&
          (v[i + 1].f & F_LOWER) && !(t->f & F_SENT) &&
          (lexbits(s, &v[i + 1]) & L_PART))
        return false;
      if (!(t->f & (F_DIGIT | F_SENT)) && t->e - t->s > 1 &&
          !(lexbits_common(s, t) & L_COMMON))
        return false;
    }
  }
  return alone_in_body(s, st, v, n, i, lx);
}

/* Whether parse_name at the capitalised word token i of a body line
 * reads it as a surname alone: no title, office, organisation, given
 * name or particle before or in it, no capitalised word or particle
 * after it that would go on with the name, no hyphen that a particle
 * may follow.  Most names of prose are such words, and its score is all
 * parse_name has to work out then.  The tests are parse_name's own, for
 * this case only (see idle_in_body, which turns away the words of the
 * case that score nothing). */
static bool lone_word(const char *s, const nstate *st, tok *v, size_t n,
                      size_t i) {
  tok *t = &v[i];
  if (!(t->f & F_CAP) || (t->f & (F_INIT | F_HYPH | F_ALLCAPS | F_DIGIT)) ||
      t->e - t->s == 1)
    return false;
  if (cap_goes_on(v, n, i))
    return false;
  unsigned lx = lexbits(s, t);
  if (lx & (L_FN | L_ORG | L_STOP | L_STREET | L_PART | L_TITLE | L_OFF |
            L_OPEN_OFF))
    return false;
  /* a word in no lexicon before a lower-case particle where no sentence
   * starts may be a given name ("Yohanes de Groot"); a surname is not */
  if (!(lx & L_SN) && i + 1 < n && word_tok(&v[i + 1]) &&
      !(v[i + 1].f & (F_GAP | F_ALLCAPS)) && (v[i + 1].f & F_LOWER) &&
      !(t->f & F_SENT) && (lexbits(s, &v[i + 1]) & L_PART))
    return false;
  return alone_in_body(s, st, v, n, i, lx);
}

/* Whether the token stops every reading of parse_name that comes to
 * it: no title, office phrase, given name, particle or surname goes on
 * over punctuation other than ',', '&', '-' and the apostrophe (which an
 * office or organisation phrase may hold), nor over an address or URL.
 * So parse_name at a body line's word with such a token before the next
 * capital reports nothing and keeps nothing: no name it could read ends
 * before a capitalised word. */
static inline bool chain_stop(const tok *t) {
  return t->kind == K_OTHER ||
         (t->kind == K_PUNCT && t->c != ',' && t->c != '&' && t->c != '-' &&
          t->c != '\'');
}

/* Parse a name starting at token *pi; emit it; advance *pi. */
static int parse_name(nstate *st, woo__hits *out, size_t *pi) {
  tok *v = st->tk->v;
  size_t n = st->tk->n;
  const char *s = st->s;
  size_t i = *pi;
  bool title = false, office = false;
  int mode = st->mode;
  /* the name's first token, its surname's, the token after it, where its
   * particles start, and what it holds */
  size_t start, sur, end_tok, pstart;
  size_t n_init = 0, n_first = 0, n_part = 0;
  bool multi_init = false, guessed = false, org_sur = false;

  if (mode == M_BODY && lone_word(s, st, v, n, i)) {
    start = sur = pstart = i;
    end_tok = i + 1;
    goto scored;
  }

  /* Titles, offices and particles come at most six words before the
   * capitalised part of a name; most lower-case words are none of these
   * and need no look-up. */
  if ((v[i].f & F_LOWER) && (v[i].ncap == NO_CAP || v[i].ncap > i + 6)) {
    *pi = i + 1;
    return 0;
  }

  /* "gemeente Weidebroek", "provincie Gelderland": the word after a kind
   * of place or public body is a place, here and elsewhere in the text */
  if (i + 1 < n && word_tok(&v[i]) && word_tok(&v[i + 1]) &&
      (v[i + 1].f & F_CAP) && !(v[i + 1].f & F_GAP) && place_word(s, &v[i])) {
    /* "provincie Cabo Delgado": every capitalised word of the place */
    size_t k = i + 1;
    while (k < n && k < i + 4 && word_tok(&v[k]) && (v[k].f & F_CAP) &&
           (k == i + 1 || !(v[k].f & F_GAP))) {
      if (st->places) {
        woo__lexkey key;
        woo__lexkey_set(&key, s + v[k].s, v[k].e - v[k].s);
        int rc = keyset_add(st->places, &key);
        if (rc)
          return rc;
      }
      k++;
    }
    *pi = k;
    return 0;
  }
  /* Organisation phrases are skipped whole. */
  if (word_tok(&v[i]) && (v[i].f & F_CAP)) {
    size_t org = phrase_at(st, i, WOO__LEX_ORGANISATIONS, 6);
    if (org) {
      *pi = i + org;
      return 0;
    }
    unsigned lx0 = lexbits(s, &v[i]);
    if ((lx0 & (L_ORG | L_STOP)) &&
        !(lx0 & (L_FN | L_SN | L_PART | L_TITLE | L_OFF))) {
      *pi = i + 1;
      return 0;
    }
  }
  /* Office phrases ("commissaris van de Koning") and office words. */
  if (word_tok(&v[i]) && (v[i].f & (F_LOWER | F_CAP))) {
    size_t off = phrase_at(st, i, WOO__LEX_OFFICIALS, 6);
    if (off) {
      i += off;
      office = true;
    } else if ((lexbits(s, &v[i]) & L_OFF) &&
               !(lexbits(s, &v[i]) & (L_FN | L_SN))) {
      i++;
      office = true;
    }
  }
  /* Titles: dhr., mevrouw, de heer, mr. drs. … */
  while (i < n && word_tok(&v[i]) && !(title && (v[i].f & F_GAP))) {
    unsigned lx = lexbits(s, &v[i]);
    if (lx & L_TITLE) {
      title = true;
      i++;
      continue;
    }
    /* (a particle's bit first: most words here are none; then the
     * rarer "heer") */
    if ((lx & L_PART) && i + 1 < n && word_is(s, &v[i + 1], "heer") &&
        word_is(s, &v[i], "de")) {
      title = true;
      i += 2;
      continue;
    }
    break;
  }
  if (i >= n || (title && (v[i].f & F_GAP))) {
    *pi = i;
    return 0;
  }
  /* A title at the end of the line above says what a title says.  A
   * word naming someone's part in a case ("Verklaring van getuige 1
   * Nathaly Heerschop") says less: a party may be an organisation
   * ("appellant Greenpeace"), but two capitalised words after it are a
   * name as they are in a list of names. */
  bool role = false;
  if (!title && !office) {
    if (i == st->title_at)
      title = true;
    else
      role = role_before(s, v, i);
  }

  size_t j = i;
  start = i;
  /* A name does not run across a column break ("B.V.      Hiswa"). */
#define IN_NAME(k) ((k) < n && word_tok(&v[k]) && ((k) == start || !(v[k].f & F_GAP)))
  /* initials */
  while (IN_NAME(j) && (v[j].f & F_INIT)) {
    if (v[j].e - v[j].s > 2)
      multi_init = true;
    n_init++;
    j++;
  }
  /* "D. (Dimitri) Kalogeropoulos": a given name in brackets after the
   * initials belongs to the name */
  if (n_init && j + 3 < n && v[j].kind == K_PUNCT && v[j].c == '(' &&
      word_tok(&v[j + 1]) && (v[j + 1].f & F_CAP) &&
      !(v[j + 1].f & F_ALLCAPS) && v[j + 2].kind == K_PUNCT &&
      v[j + 2].c == ')' && word_tok(&v[j + 3]) &&
      ((v[j + 3].f & F_CAP) || (lexbits(s, &v[j + 3]) & L_PART)))
    j += 3;
  /* given names (only when a capitalised word follows, or several) */
  if (!n_init) {
    while (IN_NAME(j) && (v[j].f & F_CAP) && !(v[j].f & F_ALLCAPS) &&
           n_first < 3) {
      unsigned lx = lexbits(s, &v[j]);
      if ((lx & L_PART) && (lx & L_FN) && !(lx & (L_STOP | L_ORG)) &&
          IN_NAME(j + 1) && (v[j + 1].f & F_CAP) &&
          (lexbits(s, &v[j + 1]) & L_SN) &&
          !(lexbits(s, &v[j + 1]) & L_PART)) {
        /* "Ben Jacobs": a given name that is also a particle */
        n_first++;
        j++;
        continue;
      }
      /* "Jun Wei Chen", "Mei Ling Tan" in a list: a given name that is
       * also a month's name opens a name before two more */
      bool month = (lx & L_STOP) && (lx & L_FN) && !(lx & (L_ORG | L_PART)) &&
                   !n_first && mode != M_BODY && IN_NAME(j + 1) &&
                   IN_NAME(j + 2) && (v[j + 1].f & F_CAP) &&
                   (v[j + 2].f & F_CAP) &&
                   (lexbits(s, &v[j + 1]) & L_FN) &&
                   !(lexbits(s, &v[j + 1]) & (L_STOP | L_ORG | L_PART));
      if ((lx & (L_STOP | L_ORG | L_PART)) && !month)
        break;
      if (!(lx & L_FN)) {
        /* A word in no lexicon right before a known surname is taken as
         * a given name the lexicon lacks ("Yorick Bouma"). */
        if (n_first || (lx & (L_SN | L_TITLE | L_OFF | L_STREET)) ||
            !IN_NAME(j + 1) || (v[j + 1].f & F_ALLCAPS) || (v[j].f & F_HYPH))
          break;
        /* "Yohanes de Groot": a word in no lexicon before the particles
         * of a known surname, not at the start of a sentence (where
         * "Persvragen van Jorritsma" is a noun and the name after it) */
        if (v[j + 1].f & F_LOWER) {
          if (v[j].f & F_SENT)
            break;
          size_t k = j + 1;
          while (k < j + 3 && IN_NAME(k) && (v[k].f & F_LOWER) &&
                 (lexbits(s, &v[k]) & L_PART) && !weak_particle(s, &v[k]))
            k++;
          if (k == j + 1 || !IN_NAME(k) || !(v[k].f & F_CAP) ||
              (v[k].f & (F_ALLCAPS | F_DIGIT)) ||
              (lexbits_common(s, &v[j]) & L_COMMON) ||
              !(lexbits_common(s, &v[k]) & L_SN) ||
              (lexbits(s, &v[k]) & (L_ORG | L_STOP | L_TITLE | L_OFF |
                                    L_STREET)))
            break;
          guessed = true;
          n_first++;
          j++;
          break;
        }
        if (!(v[j + 1].f & F_CAP))
          break;
        unsigned nx = lexbits_common(s, &v[j + 1]);
        /* in a header, signature or list two unknown words will do
         * ("Latoya Doelwijt") */
        bool known = (nx & L_SN) ||
                     ((mode != M_BODY || title || role) &&
                      !(nx & (L_FN | L_PART)) &&
                      !(v[j + 1].f & F_HYPH) && !unit_word(s, &v[j + 1]));
        /* … or before a given name and a surname that is no other word
         * ("Yohanes Hylke Soerjadi", "Dyonne Samira Sewnandan"), or
         * before a given name that is also a word and a known surname
         * that is not ("Dimitris Wouter Benali") */
        bool common_fn = false;
        if (!known && (nx & L_FN) && !(nx & L_PART) && IN_NAME(j + 2) &&
            (v[j + 2].f & F_CAP) && !(v[j + 2].f & (F_ALLCAPS | F_DIGIT)) &&
            !unit_word(s, &v[j + 2])) {
          unsigned nx2 = lexbits_common(s, &v[j + 2]);
          if (!(nx & L_COMMON))
            known = !(nx2 & (L_COMMON | L_ORG | L_STOP | L_FN | L_PART |
                             L_TITLE | L_OFF | L_STREET));
          else
            known = common_fn = (nx2 & L_SN) &&
                    !(nx2 & (L_COMMON | L_ORG | L_STOP | L_PART | L_TITLE |
                             L_OFF | L_STREET));
        }
        /* a surname that is also a common word ("Hofstede") will do where
         * the line holds names anyway, or after a title ("dhr. Adilson
         * Peters") */
        bool sn_ok = (mode != M_BODY || title || role) && (nx & L_SN);
        /* and any capitalised word that closes the name where the line
         * holds names: "Geachte Adilson Wildschut,", "Van: Adilson
         * Wildschut <…>" */
        if (mode != M_BODY && !sn_ok && (nx & L_COMMON) &&
            !(lexbits(s, &v[j]) & L_COMMON)) {
          const tok *after = j + 2 < n ? &v[j + 2] : NULL;
          sn_ok = !after || (after->kind == K_PUNCT &&
                             (after->c == ',' || after->c == '<' ||
                              after->c == ';' || after->c == '('));
        }
        if (!known || (nx & (L_ORG | L_STOP)) ||
            ((nx & L_COMMON) && !sn_ok && !common_fn) ||
            (lexbits_common(s, &v[j]) & L_COMMON))
          break;
        guessed = true;
      }
      n_first++;
      j++;
    }
  }
  /* "Ilham E. Reitsma": a middle initial after the given names */
  while (n_first && IN_NAME(j) && (v[j].f & F_INIT) && j + 1 < n &&
         IN_NAME(j + 1) && ((v[j + 1].f & F_CAP) || (v[j + 1].f & F_INIT) ||
                            (lexbits(s, &v[j + 1]) & L_PART)))
    j++;
  /* particles */
  pstart = j;
  while (IN_NAME(j) && (lexbits(s, &v[j]) & L_PART) && n_part < 3 &&
         !(v[j].f & F_INIT)) {
    /* a capitalised particle only opens a name ("Van der Berg") or follows
     * given names or initials */
    n_part++;
    j++;
  }
  bool support = n_init || n_first || title || mode != M_BODY;
  if (n_part && !support && !office && (v[pstart].f & F_LOWER)) {
    /* Dutch writes a surname without given name or initials with a
     * capital: "Van Dijk", "De Vries".  Lower-case "van de", "aan de"
     * before a capitalised word belong to the sentence ("aan de Brink",
     * "het verslag van Jansen"); the name, if any, starts after them
     * ("van Van Dijk"). */
    size_t k = pstart;
    while (k < j && (v[k].f & F_LOWER))
      k++;
    *pi = k;
    return 0;
  }
  /* "Pieter Callandlaan 12", "Jan van Galenstraat": a street named
   * after a person */
  if ((n_first || n_part) && !title && !n_init && IN_NAME(j) &&
      (v[j].f & F_CAP) && (lexbits(s, &v[j]) & L_STREET) &&
      !(n_part && weak_particle(s, &v[pstart]))) {
    *pi = j + 1;
    return 0;
  }
  /* surname */
  sur = n;
  /* "in Zwolle", "In de Kamerbrief", "Voor de Expohal": particles that
   * are also prepositions need support to open a name */
  bool weak = n_part > 0 && (n_part == 1 || !support) &&
              weak_particle(s, &v[pstart]);
  /* "João te Riele": after a given name or initials "te" is the particle
   * of a surname, not the preposition before a place */
  if (weak && n_part == 1 && (n_first || n_init) && word_is(s, &v[pstart], "te") &&
      IN_NAME(j) && !(lexbits_common(s, &v[j]) & L_COMMON))
    weak = false;
  /* "dhr. Da Silva", "de heer Te Riele": after a title a capitalised
   * particle opens the surname */
  if (weak && title && (v[pstart].f & F_CAP) && IN_NAME(j) &&
      (v[j].f & F_CAP))
    weak = false;
  /* "Rasha da Silva", "Aïcha le Roux": the particles of other languages
   * that are no Dutch word are a surname's after a given name or
   * initials, before a known surname or a word that is no other */
  if (weak && n_part == 1 && (n_first || n_init) && IN_NAME(j) &&
      (v[j].f & F_CAP) && foreign_particle(s, &v[pstart]) &&
      ((lexbits_common(s, &v[j]) & L_SN) ||
       !(lexbits_common(s, &v[j]) & L_COMMON)))
    weak = false;
  bool stop_sur = n_part && IN_NAME(j) && (v[j].f & F_CAP) &&
                  (lexbits(s, &v[j]) & L_SN) && (lexbits(s, &v[j]) & L_STOP) &&
                  (support || !(v[pstart].f & F_SENT));
  if (IN_NAME(j) && (stop_sur || surnameish(s, &v[j], mode))) {
    unsigned lx = lexbits(s, &v[j]);
    bool org_only = (lx & L_ORG) && !(lx & L_SN);
    bool ok = !weak;
    if (org_only && (!support || (n_part && !n_first && !n_init) ||
                     n_first >= 2))
      ok = false;
    /* "van Petra Jansen": the particle belongs to the sentence, the name
     * starts at the given name */
    if (n_part && !support && (lx & L_FN) && !(lx & L_SN) && j + 1 < n &&
        word_tok(&v[j + 1]) &&
        ((v[j + 1].f & F_CAP) || (lexbits(s, &v[j + 1]) & L_PART))) {
      *pi = j;
      return 0;
    }
    if (ok) {
      sur = j;
      if (org_only)
        org_sur = true;
    }
  }
  if (sur == n && n_part) {
    /* particles without a surname: back off to the given names */
    j = pstart;
    n_part = 0;
  }
  if (sur == n && n_first >= 2) {
    sur = j - 1; /* "Anne Marie": the last given name closes the name */
    n_first--;
  }
  if (sur == n && n_first == 1) {
    sur = j - 1;
    n_first = 0;
  }
  if (sur == n) {
    if (n_init && mode != M_BODY && mode != M_OFFICIAL) {
      /* initials alone in a header or list (an office holder's stay) */
      int rc = emit_name(st, out, start, j, 0.8, "names");
      *pi = j;
      return rc;
    }
    *pi = (j > *pi) ? j : *pi + 1;
    return 0;
  }
  end_tok = sur + 1;
  /* "Hoogendoorn, Bart" and "VAN DER LINDE, Pieter": in e-mail headers a
   * surname, a comma and given names or initials are one name */
  if (mode == M_HEADER && !title && !n_init && !n_first && end_tok + 1 < n &&
      v[end_tok].kind == K_PUNCT && v[end_tok].c == ',') {
    size_t k = end_tok + 1, given = 0;
    while (k < n && word_tok(&v[k]) &&
           (!(v[k].f & F_ALLCAPS) || (v[k].f & F_INIT)) &&
           ((v[k].f & F_INIT) ||
            ((v[k].f & F_CAP) && (lexbits(s, &v[k]) & L_FN) &&
             !(lexbits(s, &v[k]) & (L_ORG | L_STOP)))) &&
           given < 4) {
      given++;
      k++;
    }
    if (given && (k == n || (v[k].kind != K_WORD &&
                             (v[k].kind == K_OTHER || v[k].c == '<' ||
                              v[k].c == ';' || v[k].c == '[' ||
                              v[k].c == '(' || v[k].c == '"' ||
                              v[k].c == '/'))))
      end_tok = k;
  }
  /* "Burak Omid Jansen": a word in no lexicon between a given name and a
   * known surname is a second given name */
  if (n_first && !n_init && !n_part && end_tok == sur + 1 &&
      !(lexbits_common(s, &v[sur]) &
        (L_SN | L_FN | L_COMMON | L_ORG | L_STOP | L_PART | L_TITLE | L_OFF))) {
    size_t k = end_tok, parts = 0;
    while (IN_NAME(k) && (v[k].f & F_LOWER) && (lexbits(s, &v[k]) & L_PART) &&
           parts < 3) {
      k++;
      parts++;
    }
    if (IN_NAME(k) && (v[k].f & F_CAP) && !(v[k].f & F_ALLCAPS)) {
      unsigned kx = lexbits_common(s, &v[k]);
      if ((kx & L_SN) && !(kx & (L_ORG | L_STOP)) &&
          (!(kx & L_COMMON) || mode != M_BODY || parts)) {
        n_first++;
        sur = k;
        end_tok = k + 1;
      }
    }
  }
  /* Double-barrelled: "Vries-el Amrani" (a word holds a hyphen only
   * where the tokenizer set F_HYPH) */
  if (v[sur].f & F_HYPH) {
    const tok *t = &v[sur];
    size_t h = t->e;
    while (h > t->s && s[h - 1] != '-')
      h--;
    if (h > t->s && woo__lex_has(WOO__LEX_PARTICLES, s + h, t->e - h)) {
      /* further particles ("Şahin-Van der Heijden", "Ziani-Uit den
       * Bogaard"), then the capitalised rest of the surname */
      size_t k = end_tok;
      while (k < n && k < end_tok + 2 && word_tok(&v[k]) &&
             !(v[k].f & F_GAP) && (v[k].f & F_LOWER) &&
             (lexbits(s, &v[k]) & L_PART))
        k++;
      if (k < n && word_tok(&v[k]) && !(v[k].f & F_GAP) && (v[k].f & F_CAP))
        end_tok = k + 1;
    }
  }
  /* A trailing hyphen then surname: "Jansen - Bakker" is rare; skip. */

#undef IN_NAME
scored:;
  tok *st_tok = &v[sur];
  unsigned slx = lexbits_common(s, st_tok);
  bool sn = slx & L_SN, fn = slx & L_FN, common = slx & L_COMMON;
  bool sent = (v[start].f & F_SENT) != 0;
  bool first_common = n_first && (lexbits_common(s, &v[start]) & L_COMMON);
  double conf = 0;
  const char *source = "names";

  if (title && (n_first || n_init || n_part || sur < n)) {
    conf = 0.95;
  } else if (n_init) {
    if (n_init >= 2 || multi_init || n_part)
      conf = 0.95;
    else if (sn || !common)
      conf = 0.9;
    else
      conf = 0.4;
  } else if (n_first) {
    if (n_part)
      conf = org_sur ? 0.6 : 0.9;
    else if (sn)
      conf = 0.95;
    else if (!common)
      conf = first_common && sent ? 0.6 : 0.9;
    else
      conf = first_common ? 0.35 : place_head(s, st_tok) ? 0 : 0.6;
    if (guessed && mode == M_BODY && !title)
      conf = conf > 0.6 ? 0.6 : conf; /* "Cabo Delgado" */
  } else if (n_part) {
    bool cap_mid = (v[pstart].f & F_CAP) && !(v[pstart].f & F_SENT) &&
                   !word_is(s, &v[pstart], "de") &&
                   !word_is(s, &v[pstart], "het") &&
                   !word_is(s, &v[pstart], "den") &&
                   !word_is(s, &v[pstart], "der");
    if (sn && !(slx & L_ORG))
      conf = 0.85;
    else if (cap_mid && !(slx & L_ORG))
      conf = 0.8; /* "dat Ter Borg vertrekt": Dutch capitalises the
                     particle of a surname without given name */
    else if (!common && !(slx & L_ORG))
      conf = 0.45; /* "De Meervaart", "Van Gogh-museum": mostly places */
    else
      conf = 0;
  } else {
    /* a single capitalised word */
    bool single_common = common || (slx & (L_ORG | L_STOP));
    if ((sn || fn) && !single_common)
      conf = sent ? 0.6 : 0.8;
    else if ((sn || fn) && common && !(slx & L_ORG))
      conf = sent ? 0.3 : after_article(s, v, sur) ? 0.45 : 0.48;
    else if (!single_common)
      conf = sent ? 0 : 0.45;
    else
      conf = 0;
    if (v[sur].f & F_ALLCAPS && mode == M_BODY)
      conf = 0;
    if (slx & L_PART)
      conf = 0;
    /* "Bright Future People", "Bakker Transport Services": a lone name
     * with two more capitalised words after it that are no names, or one
     * that names a business, is the first word of the name of a business
     * or a thing.  One capitalised word alone is not enough: inventories
     * write "Brief Bakker Subsidieaanvraag". */
    if (mode == M_BODY && conf > 0.45 && plain_cap_after(s, v, n, end_tok) &&
        (place_head(s, &v[end_tok]) || unit_word(s, &v[end_tok]) ||
         plain_cap_after(s, v, n, end_tok + 1)))
      conf = 0.45;
  }
  /* Context lines: everything name-like there is a name. */
  if (mode != M_BODY) {
    bool namey = n_init || n_first || sn || fn || !common;
    if (slx & (L_ORG | L_STOP))
      namey = n_init || n_first || title;
    /* "CISO", "MT", "Subsidiebureau", "SOC-analist": a lone word that is
     * an abbreviation or a compound naming a unit or a role */
    if (!n_init && !n_first && !n_part && !title && !sn && !fn &&
        end_tok == sur + 1 &&
        (((v[sur].f & F_ALLCAPS) && v[sur].e - v[sur].s <= 4) ||
         unit_word(s, &v[sur])))
      namey = false;
    if (namey) {
      double c = mode == M_HEADER || mode == M_SIG ? 0.95 : 0.9;
      conf = maxd(conf, c);
      source = mode == M_HEADER   ? "header"
               : mode == M_SIG    ? "signature"
               : mode == M_SALUT  ? "salutation"
               : mode == M_CONTACT ? "letterhead"
                                  : "attendees";
    }
  } else if (!title && !n_init && !n_first && !n_part && *pi > 0) {
    /* "namens Jansen", "contactpersoon Jansen" */
    const tok *p = &v[*pi - 1];
    if (word_tok(p) && (word_is(s, p, "namens") ||
                        word_is(s, p, "contactpersoon") ||
                        word_is(s, p, "collega") || word_is(s, p, "met")))
      if ((sn || fn || (!common && !word_is(s, p, "met"))) && conf > 0)
        conf = maxd(conf, word_is(s, p, "met") ? 0.6 : 0.8);
  }
  /* "Femke Oldenburger, medewerker Burgerzaken": a function in
   * apposition confirms a name */
  if (mode == M_BODY && (n_first || n_init) && conf >= 0.5 && conf < 0.9 &&
      end_tok + 1 < n && v[end_tok].kind == K_PUNCT &&
      (v[end_tok].c == ',' || v[end_tok].c == '(') &&
      word_tok(&v[end_tok + 1]) && (v[end_tok + 1].f & F_LOWER) &&
      (lexbits(s, &v[end_tok + 1]) & (L_FUNC | L_OPEN_FUNC)))
    conf = 0.9;
  /* Office holders acting in office stay visible: after an office word,
   * in a list of office holders, or with a party in brackets ("De heer
   * Kroeze (GroenLinks)").  Their surnames are remembered so that later
   * mentions stay visible too. */
  bool said = office || party_after(s, v, n, end_tok) ||
              (end_tok + 1 < n && v[end_tok].kind == K_PUNCT &&
               (v[end_tok].c == ',' || v[end_tok].c == '(') &&
               word_tok(&v[end_tok + 1]) && (v[end_tok + 1].f & F_LOWER) &&
               (lexbits(s, &v[end_tok + 1]) & L_OFF));
  bool official = said || mode == M_OFFICIAL;
  int rc = 0;
  if (official && conf > 0) {
    conf = 0.3;
    /* An office said outright: the name is not withheld here even where
     * the text or the batch withholds it elsewhere (see scanner.c). */
    if (said || !st->assumed)
      source = "official";
    woo__lexkey key;
    woo__lexkey_set(&key, s + v[sur].s, v[sur].e - v[sur].s);
    if (st->officials && (rc = keyset_add(st->officials, &key)))
      return rc;
  }
  if (conf > 0)
    rc = emit_name(st, out, start, end_tok, conf, source);
  *pi = end_tok;
  return rc;
}

/* ---- driver ------------------------------------------------------------- */

static bool line_blank(const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '>')
      return false;
  return true;
}

static size_t line_end(const char *s, size_t a, size_t len) {
  const char *nl = memchr(s + a, '\n', len - a);
  return nl ? (size_t)(nl - s) : len;
}

/* The lines of a text walked in order.  A document's line starts were
 * found when it was loaded: its lines are read from there instead of
 * being searched for again by every pass over them. */
typedef struct linewalk {
  const size_t *st; /* the map's line starts; NULL: memchr */
  size_t n;         /* how many */
  size_t k;         /* the next line start to look at */
} linewalk;

static linewalk linewalk_of(const woo__scan_ctx *ctx) {
  linewalk w = {NULL, 0, 0};
  const woo_doc *d = ctx->doc;
  if (d && d->lines.starts && d->lines.n && d->text.data == ctx->text &&
      d->text.len == ctx->len) {
    w.st = d->lines.starts;
    w.n = d->lines.n;
  }
  return w;
}

/* End of the line that starts at a: its '\n', or len.  Calls come with
 * growing a; a line start the map does not have is searched for.  The
 * map and the place in it are the walk's own copies: the caller keeps
 * them in registers instead of reading them back through the map after
 * its stores. */
static inline size_t linewalk_end(linewalk *w, const char *s, size_t a,
                                  size_t len) {
  if (w->st) {
    const size_t *st = w->st;
    size_t k = w->k, n = w->n;
    /* (mostly the next line of the map: the one after the last) */
    if (k < n && st[k] == a) {
      w->k = ++k;
      return k < n ? st[k] - 1 : len;
    }
    while (k < n && st[k] < a)
      k++;
    if (k < n && st[k] == a) {
      w->k = ++k;
      return k < n ? st[k] - 1 : len;
    }
    w->k = k;
  }
  return line_end(s, a, len);
}

/* Whether the line names a managing function: who signs a decision in
 * office (directeur, afdelingshoofd, teamleider, teammanager …). */
static bool management_line(const char *s, size_t a, size_t b) {
  static const lit w[] = {
      LIT("directeur"), LIT("hoofd"), LIT("leider"), LIT("manager"),
      LIT("chef"), LIT("secretaris"), LIT("generaal"), LIT("burgemeester"),
      LIT("wethouder"), LIT("minister"), LIT("voorzitter"), LIT("griffier"),
      LIT("commandant"), LIT("bestuurder"), LIT("gedeputeerde"),
      /* a deputy stands in for a manager: "de plv. Secretar -Gener,aal"
       * is still one when OCR has broken the function */
      LIT("plv."), LIT("plaatsvervangend")};
  enum { NW = sizeof w / sizeof w[0] };
  _Static_assert(NW <= 32, "a word's bit in a 32-bit mask");
  if (b - a > 200)
    return false;
  /* One walk over the line: at each byte only the words that start with
   * its letter are compared (by the low five bits of the byte, lowered;
   * the comparison tells the rest apart). */
  uint32_t by_first[32] = {0};
  for (unsigned k = 0; k < NW; k++)
    by_first[(unsigned char)w[k].s[0] & 31] |= 1u << k;
  for (size_t i = a; i < b; i++) {
    for (uint32_t m = by_first[(unsigned char)(s[i] | 32) & 31]; m;
         m &= m - 1) {
      const lit *l = &w[__builtin_ctz(m)];
      size_t n = l->n;
      if (n > b - i)
        continue;
      size_t j = 0;
      while (j < n && (s[i + j] | 32) == l->s[j])
        j++;
      if (j == n)
        return true;
    }
  }
  return false;
}

/* Whether the line starts with a lower-case letter (a function line). */
static bool lower_line(const char *s, size_t a, size_t b) {
  while (a < b && (s[a] == ' ' || s[a] == '\t'))
    a++;
  return a < b && s[a] >= 'a' && s[a] <= 'z';
}

/* Whether the line holds nothing but one to three given names, joined by
 * commas or "en", and at most a comma or colon after them. */
static bool names_line(const char *s, toks *tk) {
  size_t names = 0;
  for (size_t k = 0; k < tk->n; k++) {
    tok *t = &tk->v[k];
    if (t->kind == K_PUNCT) {
      if (t->c != ',' && !(t->c == ':' && k + 1 == tk->n))
        return false;
      continue;
    }
    if (t->kind != K_WORD)
      return false;
    if (names && word_is(s, t, "en"))
      continue;
    if (!(t->f & F_CAP) || (t->f & (F_ALLCAPS | F_INIT)) ||
        (lexbits(s, t) & (L_FN | L_STOP | L_ORG | L_TITLE | L_OFF)) != L_FN)
      return false;
    if (++names > 3)
      return false;
  }
  return names > 0;
}

/* End of the line's first column: where a gap of three or more spaces (or
 * a tab) after its first text starts, trailing blanks trimmed. */
static size_t left_end(const char *s, size_t a, size_t b) {
  size_t i = a;
  while (i < b && (s[i] == ' ' || s[i] == '\t'))
    i++;
  size_t e = i;
#if defined(__SSE2__)
  /* Sixteen bytes a step to the column break (a tab or three spaces;
   * the loads stay inside the line), then back over the blanks before
   * it: the column ends where the last byte that is no blank does. */
  size_t p = i;
  for (; p + 18 <= b; p += 16) {
    unsigned m = su_gap_mask16(s + p);
    if (m) {
      size_t k = p + (size_t)__builtin_ctz(m);
      while (k > i && (s[k - 1] == ' ' || s[k - 1] == '\r'))
        k--;
      return k;
    }
  }
  /* the rest byte by byte, as below; e as if the bytes before p were
   * walked */
  if (p > i) {
    e = p;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\r'))
      e--;
    i = p;
  }
#endif
  while (i < b) {
    if (s[i] == '\t' || (s[i] == ' ' && i + 2 < b && s[i + 1] == ' ' &&
                         s[i + 2] == ' '))
      break;
    if (s[i] != ' ' && s[i] != '\r')
      e = i + 1;
    i++;
  }
  return e;
}

/* The first non-blank line at or after c (len when there is none). */
static size_t next_line(const char *s, size_t c, size_t len) {
  while (c < len && line_blank(s, c, line_end(s, c, len)))
    c = line_end(s, c, len) + 1;
  return c < len ? c : len;
}

/* What the line at c says about a name above it: 1 a managing function,
 * -1 another function (a lower-case line), 0 neither. */
static int below_kind(const char *s, size_t c, size_t len) {
  if (c >= len)
    return 0;
  size_t e = line_end(s, c, len), le = left_end(s, c, e);
  return management_line(s, c, le) ? 1 : lower_line(s, c, le) ? -1 : 0;
}

/* Whether the line at c could be a name on its own: short, a capital
 * first, at most five words, no lower-case word longer than a particle. */
static bool name_like_line(const char *s, size_t c, size_t len) {
  size_t e = line_end(s, c, len), le = left_end(s, c, e);
  while (c < le && (s[c] == ' ' || s[c] == '\t'))
    c++;
  if (le - c > 48 || !(s[c] >= 'A' && s[c] <= 'Z') || s[le - 1] == '.')
    return false;
  size_t words = 0;
  for (size_t i = c; i < le;) {
    while (i < le && s[i] == ' ')
      i++;
    size_t w = i;
    while (i < le && s[i] != ' ')
      i++;
    if (i == w)
      break;
    words++;
    if (s[w] >= 'a' && s[w] <= 'z' && i - w > 3)
      return false;
  }
  return words <= 5;
}

/* Whether the line is a formula under which an office signs: it ends
 * with a comma and starts with "namens" or holds an office word ("De
 * minister van …,", "de burgemeester van Oosterzande,", "De voorzitter,",
 * "Gedeputeerde Staten van …,"). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the driver's loop, called once */
#endif
static inline int office_formula(const char *s, size_t len, toks *tk,
                                 size_t a, size_t b, nextbyte *commas) {
  size_t w = 0;
  while (w < tk->n && !word_tok(&tk->v[w]))
    w++;
  if (w == tk->n)
    return 0;
  /* The words first (they turn nearly every line away), then the end of
   * the left column: a letterhead column beside the formula ("namens
   * deze,      Datum") does not count. */
  int kind = 0; /* 1 "namens", 2 an office */
  if (word_is(s, &tk->v[w], "namens"))
    kind = 1;
  else if (word_is(s, &tk->v[w], "gedeputeerde") && w + 1 < tk->n &&
           word_is(s, &tk->v[w + 1], "staten"))
    kind = 2;
  /* an office formula ends with a comma: a line without one needs no
   * look-up of its first words */
  else if (nextbyte_at(commas, s, len, a, ',') >= b)
    return 0;
  for (size_t k = w; !kind && k < tk->n && k < w + 3; k++) {
    tok *t = &tk->v[k];
    if (word_tok(t) &&
        (word_is(s, t, "voorzitter") ||
         (office_possible(t) && (lexbits(s, t) & L_OFF))))
      kind = 2;
  }
  if (!kind)
    return 0;
  size_t e = left_end(s, a, b);
  if (e == a || e - a > 160)
    return 0;
  if (kind == 1)
    /* "Namens JenV:" opens a list of attendees; "namens deze:" signs */
    return s[e - 1] == ',' ||
           (s[e - 1] == ':' && w + 1 < tk->n &&
            word_is(s, &tk->v[w + 1], "deze"));
  return s[e - 1] == ',';
}

/* Later mentions of office holders found in this call ("De heer Hofste"
 * after "Afwezig: B. Hofste (GroenLinks)"): a name without given name
 * whose surname is an office holder's stays visible too.  For the person
 * hit x of confidence over 0.3, whose tokens are in tk (not_persons
 * reads each hit's tokens once for both): of its capitalised words that
 * are no initials or particle, the last is token `last` (tk->n: none)
 * and there are `words`; `inits` is the number of its initials. */
static void official_visible(const char *s, woo__hit *x,
                             const keyset *officials, const keyset *places,
                             toks *tk, size_t last, size_t words,
                             size_t inits) {
  size_t given = words > 1; /* (only asked whether there is one) */
  /* "Cabo Delgado" where the text says "provincie Cabo Delgado": every
   * word a place (asked up to the first that is none) */
  if (words && !inits && places->n) {
    bool placed = true;
    for (size_t k = 0; k < tk->n && placed; k++) {
      tok *t = &tk->v[k];
      if (word_tok(t) && !(t->f & F_INIT) && (t->f & F_CAP) &&
          !(lexbits(s, t) & L_PART))
        placed = keyset_has_tok(places, s, t);
    }
    if (placed) {
      x->confidence = 0;
      return;
    }
  }
  if (last == tk->n || given)
    return;
  const tok *t = &tk->v[last];
  if (keyset_has_tok(officials, s, t))
    x->confidence = 0.3;
  /* a place named elsewhere as one ("gemeente Lindewaard") */
  if (tk->n == 1 && keyset_has_tok(places, s, t))
    x->confidence = 0;
}

/* ---- names that stand for something else ------------------------------- */

/* Particles between '&' and the surname it joins ("& Van der Steeg"). */
static bool particle_word(const char *w, size_t n) {
  static const char *const p[] = {"van", "de", "der", "den", "ter", "ten",
                                  "het", "'t", "in", "op", "la", "le",
                                  "du", "des", "da", "von", NULL};
  return su_in_list(w, n, p);
}

#define TITLE_WORDS(X) X("heer") X("mevrouw") X("dhr") X("mevr") X("mr") \
  X("dr") X("drs") X("ir") X("prof") X("ing")
static bool title_word(const char *w, size_t n) {
  static const lit p[] = {TITLE_WORDS(LIT_OF)};
  static const uint64_t lens = TITLE_WORDS(LEN_OF) 0;
  /* a word of no title's length or first letter is turned away before
   * the list */
  if (!len_in(lens, n))
    return false;
  unsigned c = (unsigned char)w[0] | 32u;
  if (c != 'h' && c != 'm' && c != 'd' && c != 'i' && c != 'p')
    return false;
  for (size_t k = 0; k < sizeof p / sizeof p[0]; k++)
    if (lit_eq(w, 0, n, &p[k]))
      return true;
  return false;
}

static inline bool name_byte(unsigned char c) {
  return su_alpha(c) || c >= 0x80 || c == '\'' || c == '-';
}

/* Blanks that may join a firm's name: spaces, tabs, the underscores of a
 * file name, one line break. */
static inline bool firm_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '_' || c == '\r' || c == '\n';
}

/* The names of firms written "Hoogvliet & Van der Steeg", "Brouwer &
 * Kalf": both sides a capitalised word (after particles) with no title
 * before the first, the '&' set apart by blanks ("R&D", "B&W" are not).
 * Their surnames go into `firms`. */
static int firm_words(const char *s, size_t len, keyset *firms) {
  for (const char *q = memchr(s, '&', len); q;
       q = memchr(q + 1, '&', len - (size_t)(q + 1 - s))) {
    size_t p = (size_t)(q - s);
    if (p < 2 || p + 2 >= len || !firm_blank((unsigned char)s[p - 1]) ||
        !firm_blank((unsigned char)s[p + 1]))
      continue;
    /* the word before */
    size_t le = p;
    while (le > 0 && firm_blank((unsigned char)s[le - 1]) && p - le < 4)
      le--;
    size_t ls = le;
    while (ls > 0 && le - ls < 40 && name_byte((unsigned char)s[ls - 1]))
      ls--;
    if (le - ls < 3 || !su_upper((unsigned char)s[ls]))
      continue;
    size_t ts = ls, te = ls;
    while (ts > 0 && (firm_blank((unsigned char)s[ts - 1]) || s[ts - 1] == '.') &&
           ls - ts < 3)
      ts--;
    te = ts;
    while (ts > 0 && te - ts < 12 && (su_alpha((unsigned char)s[ts - 1])))
      ts--;
    if (te > ts && title_word(s + ts, te - ts))
      continue;
    /* the words after: particles, then the surname */
    size_t r = p + 1, breaks = 0, ws = 0, we = 0;
    for (int k = 0; k < 5; k++) {
      while (r < len && firm_blank((unsigned char)s[r]) && breaks < 2)
        breaks += s[r++] == '\n';
      ws = r;
      while (r < len && r - ws < 40 && name_byte((unsigned char)s[r]))
        r++;
      we = r;
      if (we == ws || breaks > 1 || !particle_word(s + ws, we - ws))
        break;
    }
    if (we - ws < 3 || !su_upper((unsigned char)s[ws]) ||
        particle_word(s + ws, we - ws))
      continue;
    woo__lexkey key;
    woo__lexkey_set(&key, s + ls, le - ls);
    int rc = keyset_add(firms, &key);
    woo__lexkey_set(&key, s + ws, we - ws);
    if (rc || (rc = keyset_add(firms, &key)))
      return rc;
  }
  return 0;
}

/* ---- a set of words of the text --------------------------------------- */

/* Words of the text by their bytes: open addressing over (hash, span),
 * grown by doubling; one allocation per growth, nothing per word. */
typedef struct wordslot {
  uint64_t h;
  size_t s, e; /* e == 0: empty */
  unsigned char mark;
} wordslot;
typedef struct wordset {
  wordslot *v;
  size_t cap, n;
  /* NULL, or the caller's WORDSET_ROOM slots, taken for the first table
   * when it fits: most texts name few surnames, and the table of their
   * few is then had without an allocation */
  wordslot *room;
} wordset;
#define WORDSET_ROOM 64

static void wordset_free(wordset *ws) {
  if (ws->v != ws->room)
    free(ws->v);
}

static wordslot *wordset_find(const wordset *ws, const char *s, size_t a,
                              size_t e, uint64_t h) {
  if (!ws->cap)
    return NULL;
  for (size_t j = h & (ws->cap - 1);; j = (j + 1) & (ws->cap - 1)) {
    wordslot *x = &ws->v[j];
    if (!x->e)
      return x;
    if (x->h == h && x->e - x->s == e - a && !memcmp(s + x->s, s + a, e - a))
      return x;
  }
}

/* The hash of the word s[a, e) in a wordset: a word of up to sixteen
 * bytes (a name, nearly always) is mixed from two loads. */
static inline uint64_t wordset_hash(const char *s, size_t a, size_t e) {
  size_t n = e - a;
  if (n - 1 >= 16)
    return woo__fnv1a(s + a, n);
  uint64_t w[2];
  woo__lex_load16(s + a, n, w);
  uint64_t h = (w[0] * 0x9e3779b97f4a7c15ull) ^ (w[1] * 0xc2b2ae3d27d4eb4full) ^ n;
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}

/* Room for `more` words besides those in the set at a load of at most
 * one half; false when out of memory. */
static bool wordset_room(wordset *ws, size_t more) {
  if ((ws->n + more) * 2 <= ws->cap)
    return true;
  size_t cap = ws->cap ? ws->cap * 2 : 16;
  while ((ws->n + more) * 2 > cap)
    cap *= 2;
  wordslot *v;
  if (!ws->cap && ws->room && cap <= WORDSET_ROOM) {
    v = ws->room;
    memset(v, 0, cap * sizeof *v);
  } else if (!(v = woo__calloc(cap, sizeof *v))) {
    return false;
  }
  for (size_t i = 0; i < ws->cap; i++) {
    if (!ws->v[i].e)
      continue;
    size_t j = ws->v[i].h & (cap - 1);
    while (v[j].e)
      j = (j + 1) & (cap - 1);
    v[j] = ws->v[i];
  }
  wordset_free(ws);
  ws->v = v;
  ws->cap = cap;
  return true;
}

/* Add the word s[a, e) with `mark` unless it is there; returns its slot's
 * mark (the earlier one when it was there) or -1 when out of memory. */
static int wordset_add(wordset *ws, const char *s, size_t a, size_t e,
                       unsigned char mark) {
  if (!wordset_room(ws, 1))
    return -1;
  uint64_t h = wordset_hash(s, a, e);
  wordslot *x = wordset_find(ws, s, a, e, h);
  if (x->e)
    return x->mark;
  *x = (wordslot){h, a, e, mark};
  ws->n++;
  return mark;
}

/* The mark of s[a, e), or 0 when it is not in the set. */
static int wordset_mark(const wordset *ws, const char *s, size_t a, size_t e) {
  wordslot *x = wordset_find(ws, s, a, e, wordset_hash(s, a, e));
  return x && x->e ? x->mark : 0;
}

/* Nouns that make a person's surname the name of an advice, a committee
 * or a motion: "Vermeulenadvies", "Vermeulentafel", "commissie-Vermeulen",
 * "motie-Kalf".  The person is a public figure in that role. */
static const char *const eponym_nouns[] = {
    "advies", "tafel", "akkoord", "rapport", "commissie", "overleg",
    "motie", "amendement", "kabinet", "regeling", NULL};

typedef struct eponym_scan {
  const char *s;
  size_t len;
  wordset *out;
} eponym_scan;

static bool letter_byte(unsigned char c) { return su_alpha(c) || c >= 0x80; }

/* One occurrence of a noun at s[kw, …): the surname glued before it
 * ("Vermeulenadvies", "Vermeulen-advies") or joined after it by a hyphen
 * ("commissie-Vermeulen") goes into the set. */
static int eponym_at(void *arg, size_t kw, size_t stem) {
  eponym_scan *es = arg;
  const char *s = es->s;
  size_t len = es->len, e = kw + strlen(eponym_nouns[stem]);
  if (e < len && su_alpha((unsigned char)s[e]) && s[e] != '-')
    return 0; /* the noun does not end its word */
  /* glued before: a capitalised stem of at least three letters */
  size_t se = kw > 0 && s[kw - 1] == '-' ? kw - 1 : kw, ss = se;
  while (ss > 0 && se - ss < 40 && letter_byte((unsigned char)s[ss - 1]))
    ss--;
  if (su_lower((unsigned char)s[kw]) && se - ss >= 3 &&
      su_upper((unsigned char)s[ss]) &&
      (ss == 0 || !su_wordc((unsigned char)s[ss - 1])) &&
      wordset_add(es->out, s, ss, se, 1) < 0)
    return WOO_ENOMEM;
  /* joined after: "commissie-Vermeulen", the noun a word of its own */
  if (e + 1 < len && s[e] == '-' && su_upper((unsigned char)s[e + 1]) &&
      (kw == 0 || !letter_byte((unsigned char)s[kw - 1]))) {
    size_t ws = e + 1, we = ws;
    while (we < len && we - ws < 40 && letter_byte((unsigned char)s[we]))
      we++;
    if (we - ws >= 3 && (we == len || !su_wordc((unsigned char)s[we])) &&
        wordset_add(es->out, s, ws, we, 1) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}

/* Whether one of the nouns starts at s[kw, …) and ends its word there,
 * as eponym_at asks of the occurrences su_find_stems reports. */
static bool eponym_noun_at(const char *s, size_t len, size_t kw) {
  for (size_t k = 0; eponym_nouns[k]; k++) {
    const char *w = eponym_nouns[k];
    size_t j = 0;
    while (w[j] && kw + j < len && su_lowerc((unsigned char)s[kw + j]) ==
                                       (unsigned char)w[j])
      j++;
    if (w[j])
      continue;
    size_t e = kw + j;
    if (e >= len || !su_alpha((unsigned char)s[e]) || s[e] == '-')
      return true;
  }
  return false;
}

/* Whether one of the nouns ends at p as a word of its own: it starts
 * the text or follows a byte that is no letter. */
static bool eponym_noun_before(const char *s, size_t p) {
  for (size_t k = 0; eponym_nouns[k]; k++) {
    size_t n = strlen(eponym_nouns[k]);
    if (n > p)
      continue;
    size_t kw = p - n, j = 0;
    while (j < n && su_lowerc((unsigned char)s[kw + j]) ==
                        (unsigned char)eponym_nouns[k][j])
      j++;
    if (j == n && (kw == 0 || !letter_byte((unsigned char)s[kw - 1])))
      return true;
  }
  return false;
}

/* What the set eponym_at fills says of the surname s[a, e), found for
 * this surname alone: its occurrences (found by their first byte, a
 * capital, which is rare in prose) with a noun glued after or joined
 * before.  The conditions are eponym_at's, read from the surname's side:
 * a word of three to forty letters, starting with a capital, that the
 * noun's word begins or ends. */
static bool eponym_of(const char *s, size_t len, size_t a, size_t e) {
  size_t n = e - a;
  if (n < 3 || n > 40 || !su_upper((unsigned char)s[a]))
    return false;
  for (size_t i = a; i < e; i++)
    if (!letter_byte((unsigned char)s[i]))
      return false;
  for (const char *q = memchr(s, s[a], len); q;
       q = (size_t)(q + 1 - s) < len
               ? memchr(q + 1, s[a], len - (size_t)(q + 1 - s))
               : NULL) {
    size_t p = (size_t)(q - s), pe = p + n;
    /* the second byte first: most of the capitals start another word */
    if (pe > len || s[p + 1] != s[a + 1] || memcmp(s + p, s + a, n) != 0)
      continue;
    /* "Vermeulenadvies", "Vermeulen-advies" */
    if ((p == 0 || !su_wordc((unsigned char)s[p - 1])) && pe < len) {
      size_t kw = s[pe] == '-' ? pe + 1 : pe;
      if (kw < len && su_lower((unsigned char)s[kw]) &&
          eponym_noun_at(s, len, kw))
        return true;
    }
    /* "commissie-Vermeulen" */
    if (p > 0 && s[p - 1] == '-' &&
        (pe == len || !su_wordc((unsigned char)s[pe])) &&
        eponym_noun_before(s, p - 1))
      return true;
  }
  return false;
}

/* Surnames looked for one at a time before the whole text is searched
 * for the nouns once: a text names few bare surnames, and a search for
 * one is a memchr for its capital; a text with many gets the one pass,
 * which keeps the time linear. */
#define EPONYM_ONE_BY_ONE 8
/* The length from which the surnames are counted first (a search of a
 * shorter text costs little). */
#define EPONYM_PASS_FIRST ((size_t)1 << 16)

/* Names that stand for a firm or for a public figure's role rather than
 * for a private person: a surname alone (no given name, no initials, no
 * title) that is part of a firm's name in this text, or whose bearer has
 * an advice, a committee or a motion named after them -- unless the text
 * also names its bearer in full, with a given name, initials or a title.
 * Linear in the text and the hits: a search for each of the first few
 * surnames or one pass for the nouns, sets of words for the rest. */
typedef struct surname_at {
  size_t hit, s, e; /* the hit; the surname's bytes */
} surname_at;

enum { SN_FULL = 1, SN_KEEP, SN_DROP };

static int not_persons(const woo__scan_ctx *ctx, woo__hits *out, size_t n0,
                       const keyset *officials, const keyset *places,
                       const hit_toks *ht) {
  const char *s = ctx->text;
  size_t len = ctx->len;
  /* bare surnames from the front, surnames of full names from the back */
  size_t cap = out->n - n0, nb = 0, nf = 0;
  if (cap == 0)
    return 0;
  /* room on the stack for the surnames of most texts */
  surname_at v_room[64];
  wordslot seen_room[WORDSET_ROOM];
  surname_at *v = cap <= sizeof v_room / sizeof *v_room
                      ? v_room
                      : woo__reallocarray(NULL, cap, sizeof *v);
  if (!v)
    return WOO_ENOMEM;
  wordset seen = {NULL, 0, 0, seen_room}, eponyms = {NULL, 0, 0, NULL};
  keyset firms = {NULL, 0, 0};
  int rc = 0;
  for (size_t h = n0; h < out->n; h++) {
    woo__hit *x = &out->v[h];
    if (x->entity != WOO_ENTITY_PERSON || x->confidence <= 0.3)
      continue;
    /* the name's tokens, as they were found in its line */
    size_t k0 = ht->first[h - n0];
    toks kept = {ht->v + k0, ht->first[h - n0 + 1] - k0, 0, NULL, 0};
    toks *tk = &kept;
    /* the name's words counted once for both: here the capitalised words
     * that are no title, initials or particle (and whether the name has
     * a title or initials), for official_visible those that are no
     * initials or particle */
    size_t last = tk->n, words = 0, olast = tk->n, owords = 0, inits = 0;
    bool bare = true;
    for (size_t k = 0; k < tk->n; k++) {
      tok *t = &tk->v[k];
      if (!word_tok(t))
        continue;
      if (t->f & F_INIT) {
        inits++;
        bare = false;
        continue;
      }
      unsigned lx = lexbits(s, t);
      bool capital = (t->f & F_CAP) && !(lx & L_PART);
      if (capital) {
        olast = k;
        owords++;
      }
      if (lx & L_TITLE)
        bare = false;
      else if (capital) {
        last = k;
        words++;
      }
    }
    if (officials->n || places->n) {
      official_visible(s, x, officials, places, tk, olast, owords, inits);
      if (x->confidence <= 0.3)
        continue;
    }
    if (last == tk->n)
      continue;
    if (bare && words == 1) {
      /* "de heer Van der Steeg": a title before the hit names a person */
      size_t te = x->start;
      while (te > 0 && (s[te - 1] == ' ' || s[te - 1] == '.'))
        te--;
      size_t ts = te;
      while (ts > 0 && te - ts < 12 && su_alpha((unsigned char)s[ts - 1]))
        ts--;
      bare = !(te > ts && title_word(s + ts, te - ts));
    }
    surname_at at = {h, tk->v[last].s, tk->v[last].e};
    if (bare && words == 1)
      v[nb++] = at;
    else
      v[cap - ++nf] = at;
  }
  if (nb == 0)
    goto done;
  if ((rc = firm_words(s, len, &firms)))
    goto done;
  /* every surname goes in once at most: room for all at once */
  if (!wordset_room(&seen, nf + nb)) {
    rc = WOO_ENOMEM;
    goto done;
  }
  /* (added as wordset_add would, without its test for room: there is
   * room for all) */
  for (size_t k = cap - nf; k < cap; k++) {
    uint64_t h = wordset_hash(s, v[k].s, v[k].e);
    wordslot *slot = wordset_find(&seen, s, v[k].s, v[k].e, h);
    if (!slot->e) {
      *slot = (wordslot){h, v[k].s, v[k].e, SN_FULL};
      seen.n++;
    }
  }
  bool looked = false; /* for the nouns, once */
  size_t alone = 0;     /* surnames looked for one at a time */
  if (len >= EPONYM_PASS_FIRST) {
    /* A long text with more surnames to look for than are looked for one
     * at a time gets the one pass at once, not after the first few
     * searches of the whole text (the two say the same of a surname).
     * The surnames counted are those the loop below may look for. */
    wordslot tally_room[WORDSET_ROOM];
    wordset tally = {NULL, 0, 0, tally_room};
    size_t distinct = 0;
    for (size_t i = 0; i < nb && distinct <= EPONYM_ONE_BY_ONE; i++) {
      if (out->v[v[i].hit].confidence >= 0.9 ||
          wordset_mark(&seen, s, v[i].s, v[i].e))
        continue;
      size_t had = tally.n;
      if (wordset_add(&tally, s, v[i].s, v[i].e, 1) < 0) {
        wordset_free(&tally);
        rc = WOO_ENOMEM;
        goto done;
      }
      distinct += tally.n > had;
    }
    wordset_free(&tally);
    if (distinct > EPONYM_ONE_BY_ONE) {
      eponym_scan es = {s, len, &eponyms};
      if ((rc = su_find_stems(s, len, eponym_nouns, eponym_at, &es)) < 0)
        goto done;
      looked = true;
    }
  }
  for (size_t i = 0; i < nb; i++) {
    surname_at *b = &v[i];
    woo__hit *x = &out->v[b->hit];
    /* names in a header, a signature or a list of those present are
     * people who took part, whatever else carries their name */
    if (firms.n && x->confidence < 0.9) {
      woo__lexkey key;
      woo__lexkey_set(&key, s + b->s, b->e - b->s);
      if (keyset_has(&firms, &key)) {
        x->confidence = 0;
        continue;
      }
    }
    /* written in full elsewhere, or decided at an earlier mention: the
     * surname's slot, found once (the set had room made for every
     * surname above and does not grow, so the slot stays where it is
     * for the decision below) */
    uint64_t h = wordset_hash(s, b->s, b->e);
    wordslot *slot = wordset_find(&seen, s, b->s, b->e, h);
    int mark = slot->e ? slot->mark : 0;
    if (mark == SN_DROP)
      x->confidence = 0;
    if (mark)
      continue;
    bool eponym = false;
    if (x->confidence < 0.9 && !looked && alone < EPONYM_ONE_BY_ONE) {
      alone++;
      eponym = eponym_of(s, len, b->s, b->e);
    } else if (x->confidence < 0.9) {
      if (!looked) {
        eponym_scan es = {s, len, &eponyms};
        if ((rc = su_find_stems(s, len, eponym_nouns, eponym_at, &es)) < 0)
          goto done;
        looked = true;
      }
      eponym = eponyms.n && wordset_mark(&eponyms, s, b->s, b->e);
    }
    if (eponym)
      x->confidence = 0;
    *slot = (wordslot){h, b->s, b->e, eponym ? SN_DROP : SN_KEEP};
    seen.n++;
  }
done:
  free(firms.v);
  wordset_free(&seen);
  wordset_free(&eponyms);
  if (v != v_room)
    free(v);
  return rc;
}

/* Letterhead labels under which the handling civil servant is named, in
 * whatever column they stand ("Behandeld door", "Contactpersoon"). */
static const lit contact_labels[] = {
    LIT("behandeld door"), LIT("contactpersoon"), LIT("contactpersonen"),
    LIT("contact"), LIT("inlichtingen"), LIT("inlichtingen bij"),
    LIT("uw contactpersoon"), LIT("behandelaar"), LIT("uw behandelaar"),
    LIT("auteur"), LIT("opgesteld door")};
#define N_CONTACT_LABELS (sizeof contact_labels / sizeof *contact_labels)

/* Whether the word t is the first word of a label: only then is the
 * column it opens measured. */
static bool contact_label_opens(const char *s, const tok *t) {
  size_t n = t->e - t->s;
  for (size_t k = 0; k < N_CONTACT_LABELS; k++) {
    const lit *l = &contact_labels[k];
    if (n > l->n || (n < l->n && l->s[n] != ' '))
      continue;
    size_t i = 0;
    while (i < n && (char)(s[t->s + i] | ((s[t->s + i] >= 'A' &&
                                           s[t->s + i] <= 'Z') ? 32 : 0)) ==
                        l->s[i])
      i++;
    if (i == n)
      return true;
  }
  return false;
}

/* The first letters of the labels, a bit each at (letter & 31): the
 * first word of nearly every line starts with none of them and is turned
 * away by one test before contact_label_opens runs through the list. */
/* contact_label_opens turns away a word of a length and first letter
 * that no label's first words have: for each length below 32, the
 * first letters (& 31) of the labels that have words up to a space or
 * their end at that length. */
static firsts_by_len label_firsts_made;
static pthread_once_t label_firsts_once = PTHREAD_ONCE_INIT;

static void label_firsts_start(void) {
  uint32_t *f = label_firsts_made;
  for (size_t k = 0; k < N_CONTACT_LABELS; k++) {
    const lit *l = &contact_labels[k];
    uint32_t bit = (uint32_t)1 << ((unsigned char)l->s[0] & 31);
    /* the lengths up to each space and the whole label's, a search for
     * each instead of a test of every byte */
    for (size_t n = 0;; n++) {
      const char *sp = memchr(l->s + n, ' ', l->n - n);
      n = sp ? (size_t)(sp - l->s) : l->n;
      if (n < FIRSTS_LENS)
        f[n] |= bit;
      if (!sp)
        break;
    }
  }
}

/* The table, made once for the process and copied for each text. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void contact_label_firsts(firsts_by_len f) {
  pthread_once(&label_firsts_once, label_firsts_start);
  memcpy(f, label_firsts_made, sizeof(firsts_by_len));
}

/* Whether s[a..b), without a trailing colon, is a label. */
static bool contact_label(const char *s, size_t a, size_t b) {
  while (b > a && (s[b - 1] == ':' || s[b - 1] == ' '))
    b--;
  for (size_t k = 0; k < N_CONTACT_LABELS; k++)
    if (lit_eq(s, a, b, &contact_labels[k]))
      return true;
  return false;
}

/* The column segments of a line: text runs separated by a tab or three
 * or more spaces.  Returns the end of the segment that starts at or after
 * *p (its start in *p), or 0 when none is left. */
static size_t next_segment(const char *s, size_t *p, size_t b) {
  size_t i = *p;
  while (i < b && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
    i++;
  if (i >= b)
    return 0;
  *p = i;
  return left_end(s, i, b);
}

/* Names in the segment of the line [a, b) that starts near column col
 * (within six bytes), read as a letterhead entry. */
static int contact_segment(nstate *st, woo__hits *out, toks *tk2, size_t a,
                           size_t b, size_t col) {
  const char *s = st->s;
  for (size_t p = a, e; (e = next_segment(s, &p, b)); p = e) {
    size_t c = p - a;
    if (c + 6 < col || c > col + 6)
      continue;
    int rc = tokenize(s, p, e, tk2, -1);
    if (rc)
      return rc;
    toks *keep = st->tk;
    int mode = st->mode;
    st->tk = tk2;
    st->mode = M_CONTACT;
    for (size_t i = 0; i < tk2->n && rc == 0;) {
      if (!word_tok(&tk2->v[i])) {
        i++;
        continue;
      }
      size_t before = i;
      rc = parse_name(st, out, &i);
      if (i <= before)
        i = before + 1;
    }
    st->tk = keep;
    st->mode = mode;
    return rc;
  }
  return 0;
}

int woo__find_persons(const woo__scan_ctx *ctx, woo__hits *out) {
  int rc = 0;
  toks tk = {NULL, 0, 0, NULL, 0};
  const char *s = ctx->text;
  size_t len = ctx->len;
  int sig_wait = 0; /* non-blank lines left in which a signature name may come */
  int signatory = 0; /* name lines left in which a signatory may come */
  int function = 0;  /* function line over it: 1 manager, -1 other staff */
  int sig_lines = 0; /* non-blank lines the signatory wait lasts */
  bool fn_open = false; /* a function line goes on on the next line */
  bool in_note = false; /* inside a bracketed note under the formula */
  size_t a = 0;
  size_t n0 = out->n;
  keyset officials = {NULL, 0, 0}, places = {NULL, 0, 0};
  hit_toks ht = {NULL, 0, 0, NULL, 0, 0};
  nstate st = {ctx, s, &tk, M_BODY, &officials, &places, &ht, false, SIZE_MAX};
  toks tk2 = {NULL, 0, 0, NULL, 0}; /* a letterhead segment */
  /* the column of a title that ends the line or its column: where its
   * column starts and where the title ends */
  size_t title_col = SIZE_MAX, title_end = 0;
  size_t contact_col = 0;   /* column of a "Behandeld door" label … */
  bool contact = false;     /* … with its name on the next line */
  firsts_by_len label_firsts;
  contact_label_firsts(label_firsts);
  const word_firsts *wf = firsts_of();
  pthread_once(&key_once, key_start); /* for line_key */
  linkpos lp = {false, 0, 0};
  nextbyte colons = {0}, commas = {0};
  /* The cache lives as long as the thread: the bits depend on the
   * word's bytes only, and most documents are short, so a cache of their
   * own would be mostly cold. */
  lexcache lc = {lexcache_slots(), LEXCACHE_SLOTS - 1};
  lexcache_entry *own = NULL; /* a cache of this call's own */
  if (!lc.v) {
    lc.v = own = woo__calloc(LEXCACHE_SLOTS, sizeof *lc.v);
    if (!own)
      return WOO_ENOMEM;
  }
  tk.lc = &lc;
  tk2.lc = &lc;
  toks_take(&tk);

  linewalk lw = linewalk_of(ctx);
  while (a < len) {
    size_t b = linewalk_end(&lw, s, a, len);
    size_t body = a;
    int mode = M_BODY;
    /* the line's first byte that is no ' ', '\t' or '>': both the test
     * for a blank line and closing_line start there */
    size_t lead = a;
    while (lead < b && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '>'))
      lead++;
    if (lead == b || (s[lead] == '\r' && line_blank(s, lead, b))) {
      title_col = SIZE_MAX;
      a = b + 1;
      continue;
    }
    /* "Behandeld door" in the letterhead column, the name under it */
    if (contact) {
      contact = false;
      rc = contact_segment(&st, out, &tk2, a, b, contact_col);
      if (rc)
        goto done;
    }
    size_t tail;
    if (closing_at(s, lead, b, &tail)) {
      sig_wait = 2;
      if (line_blank(s, tail, b)) {
        a = b + 1;
        continue;
      }
      body = tail;
      mode = M_SIG;
      sig_wait = 0;
    } else {
      mode = line_key(s, len, a, b, &body, ctx->map, &colons);
      if (mode == M_STAMP) {
        a = b + 1;
        continue;
      }
      if (mode == M_BODY)
        body = a;
      if (mode == M_HEADER && ctx->doc &&
          woo_doc_part_at(ctx->doc, a) == WOO_PART_HEADER)
        mode = M_HEADER;
      if (mode == M_BODY && sig_wait > 0) {
        /* "namens deze," and the like do not use up the wait */
        if (b - a < 60) {
          mode = M_SIG;
          sig_wait = 0;
        } else {
          sig_wait = 0;
        }
      }
    }
    rc = tokenize(s, body, b, &tk, links_in(&lp, s, len, body, b));
    if (rc)
      goto done;
    /* The name a title ending the line above (or its column) speaks of
     * opens the same column here. */
    st.title_at = SIZE_MAX;
    if (title_col != SIZE_MAX) {
      /* the first word of the line or of a column that starts under the
       * title's column, left of the title's end */
      for (size_t k = 0; k < tk.n; k++) {
        if (k > 0 && !(tk.v[k].f & F_GAP))
          continue;
        size_t col = tk.v[k].s - a;
        if (col > title_end)
          break;
        if (col + 2 >= title_col) {
          if (word_tok(&tk.v[k]))
            st.title_at = k;
          break;
        }
        if (!tk.gaps)
          break;
      }
      title_col = SIZE_MAX;
    }
    /* A letterhead label opens a column: the line's start or a word after
     * a column gap. */
    /* (the first token never follows a gap; the walk ends at the last
     * token that does) */
    for (size_t k = 0, left = tk.gaps; k < tk.n && !contact; k++) {
      const tok *t = &tk.v[k];
      if (k > 0) {
        if (!(t->f & F_GAP))
          continue;
        left--;
      }
      if (word_tok(t) && firsts_may(label_firsts, s, t) &&
          contact_label_opens(s, t)) {
        size_t e = left_end(s, t->s, b);
        if (e - t->s <= 24 && contact_label(s, t->s, e)) {
          contact = true;
          contact_col = t->s - a;
        }
      }
      if (left == 0)
        break;
    }
    st.mode = mode;
    st.assumed = false;
    size_t i = 0;
    /* Decisions and letters signed on behalf of an office ("namens deze,",
     * "De minister van …,", "de burgemeester van …,"): the name under it
     * is the signatory acting in office.  Function lines in between ("de
     * directeur-generaal Mobiliteit,") do not use up the wait. */
    int formula = office_formula(s, len, &tk, a, b, &commas);
    if (formula) {
      signatory = 3;
      sig_lines = 12;
      function = 0;
      fn_open = false;
      in_note = false;
      a = b + 1;
      continue;
    }
    if (signatory > 0 && --sig_lines <= 0)
      signatory = 0;
    if (signatory > 0) {
      size_t ind = a, se = left_end(s, a, b);
      while (ind < b && (s[ind] == ' ' || s[ind] == '\t'))
        ind++;
      /* What stands between the formula and the name without being either:
       * a bracketed note ("[Deze brief is niet voorzien van een
       * handtekening …]"), prose ("Dit besluit is … niet ondertekend."),
       * the letterhead column to the right. */
      bool note = in_note || s[ind] == '[';
      if (note) {
        const char *close = memchr(s + ind, ']', b - ind);
        in_note = !close;
        a = b + 1;
        continue;
      }
      size_t w = 0, words = 0;
      while (w < tk.n && !word_tok(&tk.v[w]))
        w++;
      for (size_t k = 0; k < tk.n && tk.v[k].s < se; k++)
        words += word_tok(&tk.v[k]);
      bool lower = w < tk.n && (tk.v[w].f & F_LOWER) &&
                   !(lexbits(s, &tk.v[w]) & L_TITLE);
      if (!fn_open && s[se - 1] == '.') {
        a = b + 1; /* a sentence */
        continue;
      }
      if (fn_open || lower ||
          (w < tk.n && management_line(s, tk.v[w].s, tk.v[w].e))) {
        /* "de directeur-generaal Mobiliteit,", "Hoofd van de afdeling …
         * van de Directie Consulaire / Aangelegenheden en Visumbeleid,":
         * who signs; a function without its comma goes on below. */
        if (!fn_open)
          function = management_line(s, ind, se) ? 1 : -1;
        fn_open = s[se - 1] != ',';
        a = b + 1;
        continue;
      }
      if (ind - a >= 40 || se - ind >= 80 || words > 6 ||
          (s[ind] >= '0' && s[ind] <= '9')) {
        a = b + 1;
        continue;
      }
      signatory--;
      if (w < tk.n) {
        /* Managers sign decisions in office and stay visible; other staff
         * signing on behalf of the body ("toezichthouder Wonen") do not.
         * The function is on the line before the name or under it.  A
         * name with another name under it, and the function only under
         * that one, is not the one in office. */
        size_t c = next_line(s, b + 1, len);
        int below = below_kind(s, c, len);
        if (below == 0 && c < len && name_like_line(s, c, len) &&
            below_kind(s, next_line(s, line_end(s, c, len) + 1, len), len) >
                0) {
          mode = st.mode = M_SIG;
          signatory = 1;
        } else {
          bool visible =
              function > 0 || below > 0 || (function == 0 && below == 0);
          mode = st.mode = visible ? M_OFFICIAL : M_SIG;
          st.assumed = visible && function <= 0 && below <= 0;
          signatory = 0;
        }
        sig_wait = 0;
      }
    }
    if (mode == M_LIST) {
      /* "Voorzitter: mr. H.J. Brandsen, burgemeester": a list line that
       * names an office lists an office holder */
      for (size_t k = 0; k < tk.n; k++)
        if (word_tok(&tk.v[k]) && (tk.v[k].f & F_LOWER) &&
            office_possible(&tk.v[k]) && (lexbits(s, &tk.v[k]) & L_OFF)) {
          st.mode = mode = M_OFFICIAL;
          break;
        }
    }
    /* A salutation opens its line: "Beste Piet," "Geachte heer Jansen," */
    if (mode == M_BODY && tk.n > 0 && word_tok(&tk.v[0]) &&
        salutation_word(wf, s, &tk.v[0])) {
      st.mode = M_SALUT;
      i = 1;
    }
    if (mode == M_BODY && st.mode == M_BODY && names_line(s, &tk)) {
      /* "Koen" under a message, "Koen, Desirée," over one */
      st.mode = M_SALUT;
    }
    if (mode == M_SIG && tk.n > 0) {
      /* A signature line that holds an office or an organisation is not a
       * person's name line ("De minister van …", "Team Woo"). */
      size_t w = 0;
      while (w < tk.n && !word_tok(&tk.v[w]))
        w++;
      if (w < tk.n) {
        unsigned lx = lexbits(s, &tk.v[w]);
        if (((lx & (L_OFF | L_ORG | L_STOP)) && !(lx & (L_FN | L_SN))) ||
            word_is(s, &tk.v[w], "namens") || (tk.v[w].f & F_LOWER)) {
          st.mode = M_BODY;
          if (word_is(s, &tk.v[w], "namens"))
            sig_wait = 1;
        }
      }
    }
    /* The line's tokens for the loop, in a copy of their array's handle
     * that no call below is given: the compiler keeps it in registers
     * instead of reading it again after every store to a token (the
     * calls do not change the line's tokens' array or count). */
    toks lt = tk;
    /* the line's mode, kept here too: the calls below only read it */
    int lmode = st.mode;
    bool entry = true; /* at the start of an entry of an address header */
    size_t reach = SIZE_MAX; /* the capital whose tokens before were cut */
    size_t unpassed = SIZE_MAX; /* a word token passed would not pass */
    while (i < lt.n) {
      tok *t = &lt.v[i];
      /* No capitalised word from here on: parse_name would not be called
       * again (a lower-case word only opens a name a few tokens before
       * one), and what the loop keeps besides (salutation mode, header
       * entries) ends with the line. */
      if (t->ncap == NO_CAP)
        break;
      /* Nor more than six tokens before the next one (no_name_at): the
       * tokens there are only walked for the modes that watch the
       * punctuation between words. */
      if (t->ncap > i + 6 && lmode != M_SALUT && lmode != M_HEADER) {
        i = t->ncap - 6;
        continue;
      }
      /* In a body line a name, a title or an office before it does not
       * run across a stop (chain_stop) before the capital: the tokens up
       * to the last one are passed without a look. */
      if (lmode == M_BODY && t->ncap != reach) {
        reach = t->ncap;
        size_t k = reach;
        while (k > i && !chain_stop(&lt.v[k - 1]))
          k--;
        if (k > i) {
          i = k;
          continue;
        }
      }
      if (!word_tok(t)) {
        if (lmode == M_SALUT && t->kind == K_PUNCT &&
            (t->c == ',' || t->c == '!' || t->c == ':'))
          st.mode = lmode = M_BODY;
        if (t->kind == K_PUNCT && t->c == ';')
          entry = true;
        i++;
        continue;
      }
      if (lmode == M_HEADER && entry) {
        size_t e = mailbox_entry(s, &tk, i);
        if (e > i) {
          i = e;
          continue;
        }
      }
      entry = false;
      if (i != unpassed && passed(s, &lt, i)) {
        /* a run of them is passed without the calls; the word it stops
         * at is not asked again when the loop comes back to it */
        do
          i++;
        while (i < lt.n && lt.v[i].kind == K_WORD && passed(s, &lt, i));
        unpassed = i;
        if (lmode == M_SALUT && i < lt.n && lt.v[i].kind == K_PUNCT &&
            (lt.v[i].c == ',' || lt.v[i].c == '!'))
          st.mode = lmode = M_BODY;
        continue;
      }
      if (lmode == M_BODY && (t->f & F_LOWER)) {
        size_t k = sentence_particles(s, &lt, i);
        if (k) {
          i = k;
          continue;
        }
      }
      if (lmode == M_BODY && (t->f & F_CAP) &&
          idle_in_body(s, &st, lt.v, lt.n, i)) {
        i++;
        continue;
      }
      /* (through a copy: the loop's index stays in a register) */
      size_t at = i;
      rc = parse_name(&st, out, &at);
      if (rc)
        goto done;
      i = at > i ? at : i + 1;
      if (lmode == M_SALUT && i < lt.n && lt.v[i].kind == K_PUNCT &&
          (lt.v[i].c == ',' || lt.v[i].c == '!'))
        st.mode = lmode = M_BODY;
    }
    /* A title that ends the line or its column: the name is on the next
     * line, in the same column ("'RE: Arbeidsongeval dhr." over
     * "I. Doornbos'" in an inventory). */
    /* (a line without column gaps has only its last token to ask) */
    for (size_t k = tk.gaps || !tk.n ? 0 : tk.n - 1, cell = 0; k < tk.n; k++) {
      if (tk.v[k].f & F_GAP)
        cell = k;
      if (title_dangles(s, &tk, k)) {
        title_col = tk.v[cell].s - a;
        title_end = tk.v[k].e - a;
        break;
      }
    }
    a = b + 1;
  }
  rc = not_persons(ctx, out, n0, &officials, &places, &ht);
done:
  free(ht.v);
  free(ht.first);
  free(officials.v);
  free(places.v);
  toks_give(&tk);
  free(tk2.v);
  free(own);
  return rc;
}

/* ---- function titles ------------------------------------------------------ */

int woo__find_functions(const woo__scan_ctx *ctx, woo__hits *out) {
  int rc = 0;
  toks tk = {NULL, 0, 0, NULL, 0};
  const char *s = ctx->text;
  size_t len = ctx->len, a = 0;
  int sig_lines = 0; /* lines of a signature block still to come */
  nstate st = {ctx, s, &tk, M_BODY, NULL, NULL, NULL, false, SIZE_MAX};

  linewalk lw = linewalk_of(ctx);
  while (a < len) {
    size_t b = linewalk_end(&lw, s, a, len);
    size_t tail;
    if (line_blank(s, a, b)) {
      a = b + 1;
      continue;
    }
    if (closing_line(s, a, b, &tail)) {
      sig_lines = 5;
      a = b + 1;
      continue;
    }
    rc = tokenize(s, a, b, &tk, -1);
    if (rc)
      goto done;
    size_t words = 0;
    for (size_t k = 0; k < tk.n; k++)
      words += word_tok(&tk.v[k]);
    for (size_t i = 0; i < tk.n; i++) {
      tok *t = &tk.v[i];
      if (!word_tok(t) || (t->f & F_DIGIT))
        continue;
      /* longest function phrase at i */
      size_t best = 0;
      if (!(t->f & (F_LOWER | F_CAP)))
        continue;
      if (lexbits(s, t) & L_FUNC)
        best = 1;
      size_t ph = phrase_at(&st, i, WOO__LEX_FUNCTIONS, 4);
      if (ph > best)
        best = ph;
      if (!best)
        continue;
      size_t e = tk.v[i + best - 1].e;
      double conf = 0;
      const tok *prev = i > 0 ? &tk.v[i - 1] : NULL;
      const tok *next = i + best < tk.n ? &tk.v[i + best] : NULL;
      if (sig_lines > 0) {
        conf = 0.85;
      } else if (i == 0 && words <= best + 6) {
        conf = 0.75; /* a line of its own: a signature or a list entry */
      } else if (prev && prev->kind == K_PUNCT &&
                 (prev->c == '(' || prev->c == ',') && next &&
                 next->kind == K_PUNCT && (next->c == ')' || next->c == ',')) {
        conf = 0.7; /* "Piet Jansen (beleidsmedewerker)" */
      } else if (prev && word_tok(prev) &&
                 (word_is(s, prev, "de") || word_is(s, prev, "onze") ||
                  word_is(s, prev, "uw") || word_is(s, prev, "jullie")) &&
                 next && word_tok(next) &&
                 (word_is(s, next, "van") || word_is(s, next, "bij"))) {
        conf = 0.7; /* "de beleidsmedewerker van team Y" */
      }
      if (conf > 0) {
        rc = woo__hits_add(out, t->s, e, WOO_ENTITY_FUNCTION, "functions",
                           conf);
        if (rc)
          goto done;
      }
      i += best - 1;
    }
    if (sig_lines > 0)
      sig_lines--;
    a = b + 1;
  }
done:
  free(tk.v);
  return rc;
}

/* ---- propagation ---------------------------------------------------------- */

/* woo__lexkey_set, with short words of plain ASCII folded and hashed in
 * registers (the word holds no white space, control character or '`'). */
static inline void key_of_word(woo__lexkey *key, const char *w, size_t n) {
  if (n >= 1 && n <= 16) {
    uint64_t b[2];
    woo__lexshort ks;
    woo__lex_load16(w, n, b);
    if (woo__lexshort_word(&ks, b, n)) {
      memcpy(key->s, ks.c, 16);
      key->n = n;
      key->hash = ks.hash;
      return;
    }
  }
  woo__lexkey_set(key, w, n);
}

/* The first two bytes of a set's keys, hashed into 4096 bits: a word
 * that starts with two ASCII letters is only folded and looked up when
 * its pair is among them.  And the first three, where they are ASCII
 * letters, in 16384 bits: a word that starts with three ASCII letters
 * (which begin its key as they are, in lower case, whatever follows) is
 * only looked up when they begin a key. */
typedef struct pairbits {
  uint64_t v[64];
  bool tri_on; /* tri is filled (for large sets only: it costs a pass) */
  uint64_t tri[256];
} pairbits;

static inline unsigned tri_slot(unsigned x, unsigned y, unsigned z) {
  return (((x << 16) | (y << 8) | z) * 2654435761u) >> 18;
}

static inline unsigned pair_slot(unsigned char x, unsigned char y) {
  return ((unsigned)x * 131u + y) & 4095u;
}

/* Add the key's pair: set as the keys are added to their set, so that
 * no pass over the set's slots is needed. */
static void pairbits_add(pairbits *pb, const woo__lexkey *k) {
  if (k->n >= 2) {
    unsigned h = pair_slot((unsigned char)k->s[0], (unsigned char)k->s[1]);
    pb->v[h / 64] |= 1ull << (h % 64);
  }
}

/* Set the bit of a key's first three bytes when they are letters. */
static inline void tri_add(pairbits *pb, unsigned char x, unsigned char y,
                           unsigned char z) {
  if ((unsigned)(x - 'a') < 26u && (unsigned)(y - 'a') < 26u &&
      (unsigned)(z - 'a') < 26u) {
    unsigned h = tri_slot(x, y, z);
    pb->tri[h / 64] |= 1ull << (h % 64);
  }
}

struct nameset;
static void pairbits_tri(pairbits *pb, const struct nameset *ns);

/* Whether the word s[i..i+n) may fold to a key of the set by its first
 * three bytes: false only when they are ASCII letters that begin no
 * key. */
static inline bool tri_may(const pairbits *pb, const char *s, size_t i,
                           size_t n) {
  if (!pb->tri_on || n < 3)
    return true;
  unsigned x = (unsigned char)s[i] | 32u, y = (unsigned char)s[i + 1] | 32u,
           z = (unsigned char)s[i + 2] | 32u;
  if (x - 'a' >= 26u || y - 'a' >= 26u || z - 'a' >= 26u)
    return true;
  unsigned h = tri_slot(x, y, z);
  return pb->tri[h / 64] >> (h % 64) & 1;
}

/* Whether the word s[i..i+n) may fold to a key of the set: false only
 * when it cannot (it starts with two ASCII letters, which fold to their
 * lower case, and no key starts with those). */
static inline bool pair_may(const pairbits *pb, const char *s, size_t i,
                            size_t n) {
  if (n < 2)
    return true;
  unsigned char x = (unsigned char)s[i], y = (unsigned char)s[i + 1];
  if ((unsigned)((x | 32) - 'a') >= 26u || (unsigned)((y | 32) - 'a') >= 26u)
    return true;
  unsigned h = pair_slot((unsigned char)(x | 32), (unsigned char)(y | 32));
  return pb->v[h / 64] >> (h % 64) & 1;
}

#if defined(__SSE2__)
/* A bit per byte of the sixteen at p: capitals, and bytes 0xC3..0xFF,
 * which are -61..-1 as signed bytes. */
static inline unsigned capitals16(const char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* the unsigned maximum with 0xC3 is the byte itself from 0xC3 up */
  __m128i high = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)0xC3)), x);
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(bytes_in(x, 'A', 'Z'), high));
}
#endif

#if defined(__SSE2__)
/* The first byte in s[i..b) whose bit stops16 sets (a bit per byte of
 * the sixteen at its argument), or b; sixteen bytes a step.  The line's
 * last bytes are read as the sixteen that end at b (all inside the text),
 * shifted so that bit 0 is s[i].  Definite when b >= 16; a text shorter
 * than sixteen bytes is left to the caller's byte loop. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t first_stop16(const char *s, size_t i, size_t b,
                                  unsigned (*stops16)(const char *)) {
  while (i + 16 <= b) {
    unsigned stop = stops16(s + i);
    if (stop)
      return i + (size_t)__builtin_ctz(stop);
    i += 16;
  }
  if (i < b && b >= 16) {
    unsigned sh = (unsigned)(i - (b - 16));
    unsigned stop = (stops16(s + b - 16) >> sh) | 1u << (16 - sh);
    return i + (size_t)__builtin_ctz(stop);
  }
  return i;
}
#endif

#if defined(__SSE2__)
/* A bit per byte of the sixteen at p that is no byte of such a word. */
static inline unsigned word_stops16(const char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i letter = bytes_in(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z');
  __m128i high = _mm_andnot_si128(
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)),
                   _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2))),
      _mm_cmplt_epi8(x, _mm_setzero_si128()));
  return ~(unsigned)_mm_movemask_epi8(_mm_or_si128(letter, high)) & 0xFFFFu;
}
#endif

/* The end of the word of a possible mention that goes on at s[i]:
 * ASCII letters and bytes from 0x80 up other than those that start
 * general punctuation (E2) or the signs of Latin-1 (C2), from i on (i
 * itself when it is none of them).  Sixteen bytes a step with SSE2: the
 * bytes of a word are rarely fewer. */
static inline size_t mention_word_end(const char *s, size_t i, size_t b) {
#if defined(__SSE2__)
  i = first_stop16(s, i, b, word_stops16);
  if (b >= 16)
    return i;
#endif
  while (i < b) {
    unsigned char d = (unsigned char)s[i];
    if ((unsigned)((d | 32) - 'a') < 26u ||
        (d >= 0x80 && d != 0xE2 && d != 0xC2)) {
      i++;
      continue;
    }
    break;
  }
  return i;
}

/* keyset_has for a short key of plain ASCII: the set's keys compared
 * in two chunks of eight bytes, without a copy. */
static inline bool keyset_has_short(const keyset *k, const woo__lexshort *ks) {
  if (!k->cap)
    return false;
  size_t n = ks->n;
  uint64_t m0 = n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
  uint64_t m1 = n <= 8    ? 0
                : n >= 16 ? ~(uint64_t)0
                          : ((uint64_t)1 << (8 * (n - 8))) - 1;
  for (size_t j = ks->hash & (k->cap - 1); k->v[j].n;
       j = (j + 1) & (k->cap - 1)) {
    if (k->v[j].n != n)
      continue;
    uint64_t x[2];
    memcpy(x, k->v[j].s, 16);
    if ((x[0] & m0) == ks->c[0] && (x[1] & m1) == ks->c[1])
      return true;
  }
  return false;
}

/* Whether the word s[a..a+n) (no white space, control character or '`'
 * in it) folds to a key of the set.  Short words of plain ASCII, most of
 * them, are folded and hashed in registers. */
static bool keyset_has_word(const keyset *k, const char *s, size_t a,
                            size_t n) {
  if (n >= 1 && n <= 16) {
    uint64_t w[2];
    woo__lexshort ks;
    woo__lex_load16(s + a, n, w);
    if (woo__lexshort_word(&ks, w, n))
      return keyset_has_short(k, &ks);
  }
  woo__lexkey key;
  woo__lexkey_set(&key, s + a, n);
  return keyset_has(k, &key);
}

/* A set of names for the propagation: keys of plain ASCII of up to
 * sixteen bytes (nearly all) in slots of their own, compared in two
 * chunks; the others in a keyset. */
typedef struct nameslot {
  uint64_t c[2]; /* the key's bytes, zero-padded */
  uint64_t hash; /* as woo__lexkey's */
  size_t n;      /* 0: empty */
} nameslot;

#define NAMESET_FIRST 64
typedef struct nameset {
  nameslot *v; /* first, or on the heap when the set grew */
  size_t cap, n; /* n counts the keys of both parts */
  keyset other;
  nameslot first[NAMESET_FIRST]; /* most texts name fewer people */
} nameset;

static void nameset_init(nameset *ns) {
  ns->v = ns->first;
  ns->cap = NAMESET_FIRST;
  ns->n = 0;
  ns->other = (keyset){NULL, 0, 0};
  /* A slot is empty by its length alone: the rest is written when a
   * key takes it.  Eight a step: the set is made for every document. */
  _Static_assert(NAMESET_FIRST % 8 == 0, "whole steps of eight slots");
  for (nameslot *v = ns->first; v < ns->first + NAMESET_FIRST; v += 8) {
    v[0].n = 0;
    v[1].n = 0;
    v[2].n = 0;
    v[3].n = 0;
    v[4].n = 0;
    v[5].n = 0;
    v[6].n = 0;
    v[7].n = 0;
  }
}

/* The key's bytes in c when it is plain ASCII of 1..16 bytes. */
static inline bool nameset_short(const woo__lexkey *key, uint64_t c[2]) {
  if (key->n == 0 || key->n > 16)
    return false;
  woo__lex_load16(key->s, key->n, c);
  return !((c[0] | c[1]) & 0x8080808080808080ull);
}

static bool nameset_probe(const nameset *ns, const uint64_t c[2],
                          uint64_t hash, size_t n) {
  for (size_t j = hash & (ns->cap - 1); ns->v[j].n; j = (j + 1) & (ns->cap - 1))
    if (ns->v[j].n == n && ns->v[j].c[0] == c[0] && ns->v[j].c[1] == c[1])
      return true;
  return false;
}

/* nameset_add for a key that is not plain ASCII of 1..16 bytes or that
 * needs the table to grow first.  Out of line: few keys get here, and
 * the work of growing would weigh on every call. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int nameset_add_slow(nameset *ns, const woo__lexkey *key,
                            bool *added) {
  *added = false;
  uint64_t c[2];
  if (!nameset_short(key, c)) {
    size_t had = ns->other.n;
    int rc = keyset_add(&ns->other, key);
    if (ns->other.n != had) {
      ns->n++;
      *added = true;
    }
    return rc;
  }
  size_t shorts = ns->n - ns->other.n;
  if ((shorts + 1) * 2 > ns->cap) {
    size_t cap = ns->cap * 2;
    nameslot *v = woo__reallocarray(NULL, cap, sizeof *v);
    if (!v)
      return WOO_ENOMEM;
    for (size_t i = 0; i < cap; i++)
      v[i].n = 0;
    for (size_t i = 0; i < ns->cap; i++) {
      if (!ns->v[i].n)
        continue;
      size_t j = ns->v[i].hash & (cap - 1);
      while (v[j].n)
        j = (j + 1) & (cap - 1);
      v[j] = ns->v[i];
    }
    if (ns->v != ns->first)
      free(ns->v);
    ns->v = v;
    ns->cap = cap;
  }
  size_t j = key->hash & (ns->cap - 1);
  for (; ns->v[j].n; j = (j + 1) & (ns->cap - 1))
    if (ns->v[j].n == key->n && ns->v[j].c[0] == c[0] && ns->v[j].c[1] == c[1])
      return 0;
  ns->v[j] = (nameslot){{c[0], c[1]}, key->hash, key->n};
  ns->n++;
  *added = true;
  return 0;
}

/* Add the key; *added tells whether it was not there yet.  A short
 * ASCII key with room in the table is probed for and put in here. */
static inline int nameset_add(nameset *ns, const woo__lexkey *key,
                              bool *added) {
  uint64_t c[2];
  if (!nameset_short(key, c) || (ns->n - ns->other.n + 1) * 2 > ns->cap)
    return nameset_add_slow(ns, key, added);
  size_t j = key->hash & (ns->cap - 1);
  for (; ns->v[j].n; j = (j + 1) & (ns->cap - 1))
    if (ns->v[j].n == key->n && ns->v[j].c[0] == c[0] &&
        ns->v[j].c[1] == c[1]) {
      *added = false;
      return 0;
    }
  ns->v[j] = (nameslot){{c[0], c[1]}, key->hash, key->n};
  ns->n++;
  *added = true;
  return 0;
}

/* Whether the word s[a..a+n) (no white space, control character or '`'
 * in it) folds to a key of the set. */
static bool nameset_has_word(const nameset *ns, const char *s, size_t a,
                             size_t n) {
  if (n >= 1 && n <= 16) {
    uint64_t w[2];
    woo__lexshort ks;
    woo__lex_load16(s + a, n, w);
    if (woo__lexshort_word(&ks, w, n))
      return nameset_probe(ns, ks.c, ks.hash, n);
  }
  woo__lexkey key;
  woo__lexkey_set(&key, s + a, n);
  uint64_t c[2];
  if (nameset_short(&key, c))
    return nameset_probe(ns, c, key.hash, key.n);
  return keyset_has(&ns->other, &key);
}

/* Fill the triples of a large set's keys. */
static void pairbits_tri(pairbits *pb, const nameset *ns) {
  memset(pb->tri, 0, sizeof pb->tri);
  pb->tri_on = true;
  for (size_t i = 0; i < ns->cap; i++)
    if (ns->v[i].n >= 3)
      tri_add(pb, (unsigned char)ns->v[i].c[0], (unsigned char)(ns->v[i].c[0] >> 8),
              (unsigned char)(ns->v[i].c[0] >> 16));
  for (size_t i = 0; i < ns->other.cap; i++) {
    const woo__lexkey *k = &ns->other.v[i];
    if (k->n >= 3)
      tri_add(pb, (unsigned char)k->s[0], (unsigned char)k->s[1],
              (unsigned char)k->s[2]);
  }
}

static void nameset_free(nameset *ns) {
  if (ns->v != ns->first)
    free(ns->v);
  free(ns->other.v);
}

/* A bit per byte of s[i..len), up to thirty-two, that may start a word
 * of a name: a capital or a byte from 0xC3 up (as capitals16); bit 0 is
 * s[i].  The last bytes of the text are read as the thirty-two that end
 * at len (all inside the text). */
static inline uint32_t capitals_at(const char *s, size_t i, size_t len) {
#if defined(__SSE2__)
  if (i + 32 <= len)
    return capitals16(s + i) | (uint32_t)capitals16(s + i + 16) << 16;
  if (len >= 32)
    return (capitals16(s + len - 32) |
            (uint32_t)capitals16(s + len - 16) << 16) >> (i - (len - 32));
#endif
  uint32_t m = 0;
  size_t k = i;
#if !defined(__SSE2__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t hb = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  for (; k + 8 <= len && k < i + 32; k += 8) {
    uint64_t x;
    memcpy(&x, s + k, 8);
    /* per byte without carries (y <= 0x7f): y + (0x80 - lo) has its high
     * bit set exactly when y >= lo; capitals are 0x41..0x5a, and a byte
     * with the high bit is >= 0xC3 when its low bits are >= 0x43 */
    uint64_t y = x & ~hb;
    uint64_t upper = (y + ones * 0x3f) & ~(y + ones * 0x25) & ~x & hb;
    uint64_t high = (y + ones * 0x3d) & x & hb;
    /* the marked high bits gathered into the top byte, a bit per byte */
    uint64_t bits = (((upper | high) >> 7) * 0x0102040810204080ull) >> 56;
    m |= (uint32_t)bits << (k - i);
  }
#endif
  for (; k < len && k < i + 32; k++) {
    unsigned char c = (unsigned char)s[k];
    if ((c >= 'A' && c <= 'Z') || c >= 0xC3)
      m |= (uint32_t)1 << (k - i);
  }
  return m;
}

/* capitals_at for up to sixty-four bytes: bit 0 is s[i]. */
static inline uint64_t capitals_at64(const char *s, size_t i, size_t len) {
  uint64_t m = capitals_at(s, i, len);
  if (i + 32 < len)
    m |= (uint64_t)capitals_at(s, i + 32, len) << 32;
  return m;
}

/* The first four bytes of the keys of a set (all of a key of two or
 * three bytes), hashed into 8192 bits: a word of plain ASCII letters is
 * only measured and looked up when the bit of its first four letters
 * (or of all of it, when it is shorter) is set.  Keys and words are
 * read as little-endian numbers, the bytes after a short one zero. */
#define HEADS_BITS 8192u
typedef struct heads {
  uint64_t v[HEADS_BITS / 64];
} heads;

static inline unsigned heads_slot(uint32_t x) {
  return (x * 2654435761u) >> 19;
}

/* The four bytes at p, the first in the lowest bits. */
static inline uint32_t load4(const char *p) {
#if WOO__LEX_LE
  uint32_t x;
  memcpy(&x, p, 4);
  return x;
#else
  const unsigned char *u = (const unsigned char *)p;
  return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
         (uint32_t)u[3] << 24;
#endif
}

static inline void heads_add(heads *h, const char *k, size_t n) {
  if (n < 2)
    return;
  uint32_t x;
  if (n >= 4) {
    x = load4(k);
  } else {
    x = (uint32_t)(unsigned char)k[0] | (uint32_t)(unsigned char)k[1] << 8;
    if (n == 3)
      x |= (uint32_t)(unsigned char)k[2] << 16;
  }
  unsigned b = heads_slot(x);
  h->v[b / 64] |= 1ull << (b % 64);
}

static inline bool heads_has(const heads *h, uint32_t x) {
  unsigned b = heads_slot(x);
  return h->v[b / 64] >> (b % 64) & 1;
}

/* How many of the four bytes x (the first in the lowest bits) are ASCII
 * letters before the first that is none; their lower case in *low. */
static inline unsigned lead_letters(uint32_t x, uint32_t *low) {
  const uint32_t hb = 0x80808080u;
  uint32_t l = x | 0x20202020u, t = l & 0x7F7F7F7Fu;
  /* per byte without carries (t <= 0x7f): t + (0x80 - 'a') has its
   * high bit set exactly when t >= 'a', t + (0x7f - 'z') when t > 'z' */
  uint32_t letter = (t + 0x1F1F1F1Fu) & ~(t + 0x05050505u) & ~x & hb;
  *low = l;
  return letter == hb ? 4u : (unsigned)__builtin_ctz(~letter & hb) / 8u;
}

/* The first word at or after i in s[0..len) that starts with a capital
 * (or any non-ASCII letter) and has its letters up to the first ASCII
 * non-letter or general punctuation in `firsts`: its start, or len.
 * The line that holds it may mention a name of the set; one that holds
 * none does not (never where a token of the line is a name in the set),
 * and is passed without being tokenized.  No such word holds a line
 * break, so the text is read as a whole, not line by line: each word is
 * looked at as a walk over its line alone would.  A word inside a name
 * already found cannot start a new mention: the token that holds it
 * overlaps that name too, and so does every word that starts before the
 * name's end.  `have` is normalized and the words come in text order: a
 * cursor *cur walks it once per document. */
static size_t next_mention(const char *s, size_t i, size_t len,
                           const nameset *firsts, const pairbits *fpairs,
                           const heads *fheads, const woo__spanset *have,
                           size_t *cur) {
  /* The start of the word of four ASCII letters or more that `fheads`
   * turned away before it was measured, when it is the last place
   * looked at, or len.  The walk passes a measured word whole (its
   * letters and bytes from 0x80 up, when its first two bytes pass
   * pair_may); a place in such a word after a byte from 0x80 up that is
   * no letter is passed as well, which is only asked for there. */
  size_t unmeasured = len;
  /* Sixty-four bytes a step: whether a step holds a place is a branch
   * the processor cannot foresee, taken once per step. */
  while (i < len) {
    uint64_t m = capitals_at64(s, i, len);
    size_t to = i + 64; /* where the next step starts */
    while (m) {
      size_t p = i + (size_t)__builtin_ctzll(m);
      m &= m - 1;
      /* A word character right before p: the word there goes on over p.
       * After an ASCII byte the question needs no decoding. */
      if (p > 0) {
        unsigned char y = (unsigned char)s[p - 1];
        unsigned yc = tok_class[y];
        if (!(yc & T_HIGH)) {
          if (yc & (T_WORD | T_LETTER))
            continue;
        } else if (is_alnum_at(s, woo__utf8_back(s, p - 1), len)) {
          continue;
        } else if (unmeasured < p) {
          /* in the word at `unmeasured`, unless the walk went on after
           * a name found there or after its first two bytes */
          while (*cur < have->n && have->v[*cur].end <= unmeasured)
            (*cur)++;
          if (!(*cur < have->n && have->v[*cur].start <= unmeasured) &&
              !(unmeasured + 1 < len && !pair_may(fpairs, s, unmeasured, 2)) &&
              p < mention_word_end(s, unmeasured, len))
            continue;
        }
      }
      /* a word that p is not in lies before p's */
      unmeasured = len;
      /* Most capitals open a word of ASCII letters that begins no key:
       * turned away by its first four letters, or by all of it when it
       * is shorter (the walk then passes the word's bytes, or they lie
       * after a letter).  Before the names found are asked about: where
       * one of them starts, the word is in the set. */
      if (p + 4 <= len) {
        uint32_t low;
        unsigned l = lead_letters(load4(s + p), &low);
        if (l == 4) {
          if (!heads_has(fheads, low)) {
            unmeasured = p;
            continue;
          }
        } else if (l >= 1 && (unsigned char)s[p + l] < 0x80) {
          if (l == 1 ||
              !heads_has(fheads, low & (l == 2 ? 0xFFFFu : 0xFFFFFFu)))
            continue;
        }
      }
      size_t next; /* where the walk goes on after p */
      while (*cur < have->n && have->v[*cur].end <= p)
        (*cur)++;
      if (*cur < have->n && have->v[*cur].start <= p) {
        next = have->v[*cur].end;
      } else if (p + 1 < len && !pair_may(fpairs, s, p, 2)) {
        /* Most capitals open a word whose first two letters no key
         * starts with: turned away before the word is measured.  The
         * byte after p is a letter, glued to p. */
        continue;
      } else {
        size_t e = mention_word_end(s, p, len);
        /* nor one that runs into a name found; (the word's first two
         * bytes passed pair_may above) */
        if (e - p >= 2 && !(*cur < have->n && have->v[*cur].start < e) &&
            tri_may(fpairs, s, p, e - p) &&
            nameset_has_word(firsts, s, p, e - p))
          return p;
        next = e > p ? e : p + 1;
      }
      /* the word's bytes are passed */
      if (next >= to) {
        to = next;
        break;
      }
      m &= ~(uint64_t)0 << (next - i);
    }
    i = to;
  }
  return len;
}

/* The start of the line that holds byte p, not before r (a line's
 * start). */
static size_t line_start(const char *s, size_t r, size_t p) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  while (p >= r + 16) {
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
        _mm_loadu_si128((const __m128i *)(const void *)(s + p - 16)), nl));
    if (m)
      return p - 16 + (size_t)(31 - __builtin_clz(m)) + 1;
    p -= 16;
  }
#endif
  while (p > r && s[p - 1] != '\n')
    p--;
  return p;
}

/* Whether word i, a surname that is also a town, is the town here: after
 * a kind of place ("gemeente Hoogeveen") or a word of place or direction
 * ("in Hoogeveen", "naar", "uit", "te", "bij", "regio"), or before a
 * street or a further capitalised word ("Hoogeveen Centrum"). */
static bool town_mention(const char *s, const toks *tk, size_t i) {
  static const lit before[] = {LIT("in"), LIT("te"), LIT("naar"), LIT("uit"),
                               LIT("bij"), LIT("rond"), LIT("nabij"),
                               LIT("omgeving"), LIT("regio"), LIT("richting")};
  if (i > 0 && word_tok(&tk->v[i - 1])) {
    const tok *p = &tk->v[i - 1];
    if (place_word(s, p))
      return true;
    for (size_t k = 0; k < sizeof before / sizeof before[0]; k++)
      if (word_is_lit(s, p, &before[k]))
        return true;
  }
  return i + 1 < tk->n && word_tok(&tk->v[i + 1]) &&
         (tk->v[i + 1].f & F_CAP) && !(tk->v[i + 1].f & F_GAP);
}

/* What the walk over a text's lines weighs its words against. */
typedef struct mention_set {
  const woo__scan_ctx *ctx;
  const nameset *names;
  const keyset *placey;
  const pairbits *npairs;
  woo__spanset *have; /* normalized */
  woo__hits *hits;
  size_t at; /* the first span of `have` that ends after the last start
              * asked about (have_overlaps) */
} mention_set;

/* woo__spanset_overlaps(m->have, ps, pe) for ps < pe: the spans are
 * normalized and the mentions come in text order, so the span that
 * ends first after ps is found by a cursor rather than a search (or by
 * a search, when ps lies before the last start asked about). */
static bool have_overlaps(mention_set *m, size_t ps, size_t pe) {
  const woo_span *v = m->have->v;
  size_t n = m->have->n, k = m->at;
  if (k > 0 && v[k - 1].end > ps) {
    size_t lo = 0;
    while (lo < k) {
      size_t mid = lo + (k - lo) / 2;
      if (v[mid].end <= ps)
        lo = mid + 1;
      else
        k = mid;
    }
  } else {
    while (k < n && v[k].end <= ps)
      k++;
  }
  m->at = k;
  return k < n && v[k].start < pe;
}

/* Add token i as a mention when it is a name of the set, with initials
 * or particles right before it. */
static int mention_at(mention_set *m, toks *tk, size_t i) {
  const char *s = m->ctx->text;
  tok *t = &tk->v[i];
  if (!word_tok(t) || !(t->f & F_CAP) || (t->f & F_INIT) ||
      !pair_may(m->npairs, s, t->s, t->e - t->s) ||
      !tri_may(m->npairs, s, t->s, t->e - t->s))
    return 0;
  if (!nameset_has_word(m->names, s, t->s, t->e - t->s))
    return 0;
  size_t st0 = i;
  while (st0 > 0 && word_tok(&tk->v[st0 - 1]) &&
         ((tk->v[st0 - 1].f & F_INIT) ||
          (lexbits(s, &tk->v[st0 - 1]) & L_PART)) &&
         i - st0 < 4)
    st0--;
  /* Lower-case particles open a name only after initials ("J. van
   * Dijk"); otherwise they belong to the sentence ("het verslag van
   * Akkermans"), as in the recognizer. */
  while (st0 < i && !(tk->v[st0].f & F_INIT) && (tk->v[st0].f & F_LOWER))
    st0++;
  size_t ps = tk->v[st0].s, pe = t->e;
  if (have_overlaps(m, ps, pe))
    return 0;
  if (m->placey->n && st0 == i &&
      keyset_has_word(m->placey, s, t->s, t->e - t->s) &&
      town_mention(s, tk, i))
    return 0;
  if (allowed(m->ctx, ps, pe))
    return 0;
  /* Mentions are found in text order and never overlap each other, so
   * only the recognizers' own hits need checking: adding these to the
   * set would have it sorted again at every mention. */
  return woo__hits_add(m->hits, ps, pe, WOO_ENTITY_PERSON, "propagation",
                       0.85);
}

/* Where a line's tokens may be taken apart: tokens never hold a space
 * or a tab, and tokenizing from right after one gives the tokens the
 * whole line has from there on. */
static inline bool chunk_gap(char c) { return c == ' ' || c == '\t'; }

/* A run between spaces and tabs that starts with printable ASCII holds
 * at least one token. */
static inline bool chunk_counts(char c) {
  return (unsigned char)c > ' ' && (unsigned char)c < 0x7F;
}

/* Where to start tokenizing so that a token at q has the tokens before
 * it that mention_at looks back over (four, up to one that is no word):
 * the start of the fourth run before q's that holds a token, or the
 * line's start a, or the start of a run after one that ends in a token
 * that is no word, or q itself after a word that is neither initials
 * nor a particle (unless `towns`: town_mention reads the token before
 * q's). */
#if defined(__SSE2__)
/* A bit per byte of the sixteen at p that is a space or a tab. */
static inline unsigned gaps16(const char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  return (unsigned)_mm_movemask_epi8(
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
                   _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
}
#endif

/* The last byte before r, not before a, that is a gap (gap true) or no
 * gap (gap false); a - 1 (wrapping when a is 0) when there is none. */
static inline size_t last_gap(const char *s, size_t a, size_t r, bool gap) {
#if defined(__SSE2__)
  while (r >= a + 16) {
    unsigned m = gaps16(s + r - 16);
    if (!gap)
      m = ~m & 0xFFFFu;
    if (m)
      return r - 16 + (size_t)(31 - __builtin_clz(m));
    r -= 16;
  }
#endif
  while (r > a && chunk_gap(s[r - 1]) != gap)
    r--;
  return r - 1;
}

/* The first byte at or after r, before b, that is a gap (gap true) or
 * no gap (gap false); b when there is none. */
static inline size_t first_gap(const char *s, size_t r, size_t b, bool gap) {
#if defined(__SSE2__)
  while (r + 16 <= b) {
    unsigned m = gaps16(s + r);
    if (!gap)
      m = ~m & 0xFFFFu;
    if (m)
      return r + (size_t)__builtin_ctz(m);
    r += 16;
  }
#endif
  while (r < b && chunk_gap(s[r]) != gap)
    r++;
  return r;
}

/* Whether s[a..b), a run between gaps, is a word of ASCII letters that
 * is no particle: its token is neither initials (which have a dot) nor
 * a particle (lexbits gives L_PART to words of up to eight bytes only),
 * so that a look back from the token after it stops there. */
static bool plain_non_particle(const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if ((unsigned)(((unsigned char)s[i] | 32) - 'a') >= 26u)
      return false;
  if (b - a > 8)
    return true;
  bool cap = (unsigned)(s[a] - 'A') < 26u;
  tok t = {a, b, 0, 0, NO_CAP, cap ? F_CAP : F_LOWER, K_WORD, 0};
  return !(lexbits(s, &t) & L_PART);
}

static size_t window_start(const char *s, size_t a, size_t q, bool towns) {
  /* the start of q's run */
  size_t r = last_gap(s, a, q, true) + 1;
  /* q starts its run: the run before is the token before q's (which
   * town_mention reads when a surname is also a place) */
  bool first = r == q && !towns;
  for (int n = 0; n < 4 && r > a;) {
    size_t e = last_gap(s, a, r, false); /* the last byte of the run before */
    if (e == a - 1)
      return a;
    /* A run that ends in one of these ends in a token that is no word
     * (punctuation, or an address or URL): the look back stops there as
     * it stops at the window's start. */
    char c = s[e];
    if (c == ',' || c == ';' || c == ':' || c == ')' || c == '!' ||
        c == '?' || c == '"')
      return r;
    size_t r0 = last_gap(s, a, e, true) + 1;
    /* nor does it go past a word before q that is neither initials nor
     * a particle: the window may start at q, unless a surname is also a
     * place */
    if (first && plain_non_particle(s, r0, e + 1))
      return r;
    first = false;
    r = r0;
    if (chunk_counts(s[r]))
      n++;
  }
  return r;
}

/* Where to stop tokenizing so that a token at q has the token after it
 * (town_mention): the end of the first run after q's that holds a
 * token, or the line's end b. */
static size_t window_end(const char *s, size_t q, size_t b) {
  size_t r = first_gap(s, q, b, true);
  for (;;) {
    r = first_gap(s, r, b, false);
    if (r == b)
      return b;
    bool counts = chunk_counts(s[r]);
    r = first_gap(s, r, b, true);
    if (counts)
      return r;
  }
}

/* Where to stop tokenizing for a mention at q: window_end when a
 * surname is also a place (town_mention looks at the token after it),
 * else the end of q's run (no token after q's is looked at). */
static inline size_t mention_end(const char *s, size_t q, size_t b,
                                 bool towns) {
  return towns ? window_end(s, q, b) : first_gap(s, q, b, true);
}

/* Whether the token at q may be a word of `places`: false only for a
 * word of ASCII letters that ends at a gap, the line's end b or
 * punctuation that joins nothing (its token is the word) and is not in
 * the set. */
static bool may_be_place(const char *s, size_t q, size_t b,
                         const keyset *places) {
  size_t j = q;
  while (j < b && (unsigned)(((unsigned char)s[j] | 32) - 'a') < 26u)
    j++;
  char x = j < b ? s[j] : ' ';
  if (j == q || !(x == ' ' || x == '\t' || x == ',' || x == ';' ||
                  x == ')' || x == '"'))
    return true;
  return keyset_has_word(places, s, q, j - q);
}

/* At most this many places a line's mentions may start at are kept;
 * a line with more is tokenized whole. */
#define MENTION_STARTS 32

/* The places in s[a..b) where a token that is a name of the set may
 * start, in cand (MENTION_STARTS + 1 when there are more).  A name
 * token starts with a capital or a byte of a multi-byte letter, outside
 * the names already found (`have`, from its entry cur on) and not
 * right after an ASCII letter or digit (a token holding that byte goes
 * on over it).  A start that is two ASCII letters no name starts with
 * is none; nor is a run of ASCII letters that ends where every token
 * ends (the line's end, or ASCII that is no letter, digit, apostrophe,
 * hyphen or dot) and is no name. */
static size_t mention_starts(const char *s, size_t a, size_t b,
                             const pairbits *npairs, const nameset *names,
                             const woo__spanset *have, size_t cur,
                             size_t *cand) {
  size_t n = 0;
  /* sixty-four bytes a step, as next_mention */
  for (size_t i = a; i < b;) {
    uint64_t m = capitals_at64(s, i, b);
    size_t to = i + 64; /* where the next step starts */
    while (m) {
      size_t q = i + (size_t)__builtin_ctzll(m), next;
      m &= m - 1;
      while (cur < have->n && have->v[cur].end <= q)
        cur++;
      if (cur < have->n && have->v[cur].start <= q) {
        next = have->v[cur].end;
      } else {
        unsigned char x = (unsigned char)s[q];
        if (x < 0x80) {
          if (q > a) {
            unsigned char y = (unsigned char)s[q - 1];
            if ((unsigned)((y | 32) - 'a') < 26u || (unsigned)(y - '0') < 10u)
              continue;
          }
          if (q + 1 < b && !pair_may(npairs, s, q, 2))
            continue;
          size_t e = q + 1;
          while (e < b && (unsigned)(((unsigned char)s[e] | 32) - 'a') < 26u)
            e++;
          unsigned char z = e < b ? (unsigned char)s[e] : 0;
          if ((e == b || (z < 0x80 && (unsigned)(z - '0') >= 10u &&
                          z != '\'' && z != '-' && z != '.')) &&
              (!tri_may(npairs, s, q, e - q) ||
               !nameset_has_word(names, s, q, e - q))) {
            next = e;
            goto pass;
          }
        }
        if (n == MENTION_STARTS)
          return n + 1;
        cand[n++] = q;
        continue;
      }
    pass:
      /* the name's or the word's bytes are passed */
      if (next >= to) {
        to = next;
        break;
      }
      m &= ~(uint64_t)0 << (next - i);
    }
    i = to;
  }
  return n;
}

/* How many of the eight bytes at p are ASCII letters before the first
 * that is none (lead_letters for eight). */
static inline unsigned lead_letters8(const char *p) {
  const uint64_t hb = 0x8080808080808080ull;
  uint64_t x;
  memcpy(&x, p, 8);
  uint64_t t = (x | 0x2020202020202020ull) & 0x7F7F7F7F7F7F7F7Full;
  uint64_t letter = (t + 0x1F1F1F1F1F1F1F1Full) &
                    ~(t + 0x0505050505050505ull) & ~x & hb;
  return letter == hb ? 8u : (unsigned)__builtin_ctzll(~letter & hb) / 8u;
}

/* The length of a key's first part: up to its first hyphen or
 * apostrophe.  A short key's bytes are searched eight at a time. */
static inline size_t first_part(const woo__lexkey *key) {
  size_t n = key->n;
#if WOO__LEX_LE
  if (n >= 1 && n <= 16) {
    const uint64_t ones = 0x0101010101010101ull, hb = ones << 7;
    uint64_t w[2];
    woo__lex_load16(key->s, n, w);
    for (size_t h = 0; h < 2; h++) {
      /* the lowest byte that is zero after the xor is exact */
      uint64_t d = w[h] ^ (ones * '-'), q = w[h] ^ (ones * '\'');
      uint64_t z = (((d - ones) & ~d) | ((q - ones) & ~q)) & hb;
      if (z)
        return 8 * h + (size_t)__builtin_ctzll(z) / 8;
    }
    return n;
  }
#endif
  size_t m = 0;
  while (m < n && key->s[m] != '-' && key->s[m] != '\'')
    m++;
  return m;
}

/* The tokens that tokenize gives a name of plain ASCII words (which may
 * hold inner hyphens before letters) between single spaces, after
 * initials of capitals and dots ("J. Bolhuis", "K.J. Hanekamp"), as far
 * as the learning below reads them: the words, with F_CAP or F_LOWER and
 * F_HYPH, and the lexicon bits of the capitalised ones looked up
 * (through the cache when there is one) as tokenize looks them up.  The
 * initials are left out: tokens before every word that the learning
 * passes over (two bytes at most, or F_INIT by initials_shape).  False
 * for any other name (or when the array is full), which is tokenized. */
static bool plain_name(const char *s, size_t a, size_t b, size_t len,
                       toks *tk) {
  size_t i = a, n = 0;
  for (;;) {
    size_t k = i;
    while (k + 1 < b && (unsigned)(s[k] - 'A') < 26u && s[k + 1] == '.')
      k += 2;
    if (k == i)
      break;
    if (k >= b || s[k] != ' ' || (k - i > 2 && !initials_shape(s, i, k)))
      return false;
    i = k + 1;
  }
  for (;;) {
    size_t j = i;
    unsigned f = (unsigned)(s[i] - 'A') < 26u ? F_CAP : F_LOWER;
    for (;;) {
      size_t j0 = j;
#if WOO__LEX_LE
      /* eight bytes a step while the text has them */
      for (unsigned k = 8; k == 8 && j + 8 <= len; j += k)
        k = lead_letters8(s + j);
      if (j > b)
        j = b;
#endif
      while (j < b && (unsigned)(((unsigned char)s[j] | 32) - 'a') < 26u)
        j++;
      if (j == j0)
        return false;
      if (j + 1 < b && s[j] == '-') {
        f |= F_HYPH;
        j++;
        continue;
      }
      break;
    }
    if (n == tk->cap)
      return false;
    tok *t = &tk->v[n++];
    *t = (tok){i, j, 0, 0, NO_CAP, (uint16_t)f, K_WORD, 0};
    if ((f & F_CAP) && tk->lc)
      lex_cached(tk->lc, s, t);
    if (j == b)
      break;
    if (s[j] != ' ' || j + 1 == b)
      return false;
    i = j + 1;
  }
  tk->n = n;
  return true;
}

/* A hash of a name's bytes for telling repeats apart: short ones (most)
 * from two loads. */
static inline uint64_t name_hash(const char *s, size_t n) {
  if (n == 0 || n > 16)
    return woo__fnv1a(s, n);
  uint64_t w[2];
  woo__lex_load16(s, n, w);
  uint64_t h = (w[0] * 0x9e3779b97f4a7c15ull) ^ (w[1] * 0xc2b2ae3d27d4eb4full) ^ n;
  return h ^ (h >> 31);
}

/* woo__spanset_add for the names found, which mostly come in text
 * order: one that overlaps or touches the last span of a normalized set
 * and does not start before it widens that span, so that the set stays
 * normalized where it would have to be sorted again. */
static int have_add(woo__spanset *h, size_t start, size_t end) {
  if (h->n && h->merged == h->n && end >= start &&
      start >= h->v[h->n - 1].start && start <= h->v[h->n - 1].end) {
    if (end > h->v[h->n - 1].end)
      h->v[h->n - 1].end = end;
    return 0;
  }
  return woo__spanset_add(h, start, end);
}

int woo__names_propagate(const woo__scan_ctx *ctx, woo__hits *hits) {
  int rc = 0;
  nameset names, firsts;
  nameset_init(&names);
  nameset_init(&firsts);
  keyset placey = {NULL, 0, 0}; /* surnames that are also places */
  toks tk = {NULL, 0, 0, NULL, 0};
  woo__spanset have = WOO__SPANSET_INIT;
  const char *s = ctx->text;
  size_t len = ctx->len;
  size_t n0 = hits->n;

  /* Surnames (the last word of a confident name) and full given names
   * that are not common words.  Their capitalised words were looked up
   * by the recognizer a moment ago: the cache has them. */
  lexcache lc = {lexcache_slots(), LEXCACHE_SLOTS - 1};
  tk.lc = lc.v ? &lc : NULL;
  toks_take(&tk);
  /* What a hit adds depends on its bytes and on whether it is sure
   * (0.9) only: a name the text repeats is weighed once.  The table
   * holds hit indexes plus one; at most half of it is used. */
  uint32_t seen_stack[256];
  uint32_t *seen = seen_stack;
  /* no larger than the hits need: the table is cleared for every
   * document */
  size_t seen_cap = 16;
  while (seen_cap < 2 * n0)
    seen_cap *= 2;
  size_t seen_mask = seen_cap - 1;
  if (seen_cap > sizeof seen_stack / sizeof *seen_stack) {
    if (seen_cap > UINT32_MAX ||
        !(seen = woo__calloc(seen_cap, sizeof *seen))) {
      rc = WOO_ENOMEM;
      goto done;
    }
  } else {
    memset(seen_stack, 0, seen_cap * sizeof *seen_stack);
  }
  /* The first part of each name (up to a hyphen or apostrophe), so that
   * a line is only tokenized when a word in it may be one of them; and
   * the first two bytes of the names and of their first parts. */
  pairbits fpairs, npairs;
  heads fheads;
  memset(fheads.v, 0, sizeof fheads.v);
  memset(fpairs.v, 0, sizeof fpairs.v);
  memset(npairs.v, 0, sizeof npairs.v);
  fpairs.tri_on = npairs.tri_on = false;
  for (size_t h = 0; h < n0; h++) {
    const woo__hit *x = &hits->v[h];
    if (x->entity != WOO_ENTITY_PERSON || x->confidence < 0.8 ||
        x->end > len)
      continue;
    if ((rc = have_add(&have, x->start, x->end)))
      goto done;
    bool sure = x->confidence >= 0.9;
    size_t xn = x->end - x->start;
    size_t j = (size_t)(name_hash(s + x->start, xn) ^ sure) & seen_mask;
    bool again = false;
    for (; seen[j]; j = (j + 1) & seen_mask) {
      const woo__hit *y = &hits->v[seen[j] - 1];
      if (y->end - y->start == xn && (y->confidence >= 0.9) == sure &&
          memcmp(s + y->start, s + x->start, xn) == 0) {
        again = true;
        break;
      }
    }
    if (again)
      continue;
    seen[j] = (uint32_t)h + 1;
    if (!plain_name(s, x->start, x->end, len, &tk) &&
        (rc = tokenize(s, x->start, x->end, &tk, -1)))
      goto done;
    for (size_t i = 0; i < tk.n; i++) {
      tok *t = &tk.v[i];
      if (!word_tok(t) || !(t->f & F_CAP) || (t->f & F_INIT) ||
          t->e - t->s < 3)
        continue;
      unsigned lx = lexbits_common(s, t);
      bool last = true;
      for (size_t k = i + 1; k < tk.n; k++)
        if (word_tok(&tk.v[k]))
          last = false;
      /* "Linda Hoogeveen": a surname that is also a town travels from a
       * sure name, but not to where it is the town */
      bool town = (lx & L_ORG) && (lx & L_SN) && last && sure &&
                  !(lx & (L_PART | L_STOP | L_TITLE | L_OFF));
      if ((lx & (L_PART | L_STOP | L_ORG | L_TITLE | L_OFF)) && !town)
        continue;
      if (!last && (lx & L_COMMON))
        continue; /* given names that are words ("Roos") stay put */
      /* a surname that is also a word travels only from a sure name */
      if (last && (lx & L_COMMON) && !(lx & L_SN) && !sure)
        continue;
      woo__lexkey key;
      key_of_word(&key, s + t->s, t->e - t->s);
      bool added, fadded;
      if ((rc = nameset_add(&names, &key, &added)) ||
          (town && (rc = keyset_add(&placey, &key))))
        goto done;
      if (!added)
        continue;
      /* a new name: its first part too */
      pairbits_add(&npairs, &key);
      size_t m = first_part(&key);
      if (m == key.n) {
        rc = nameset_add(&firsts, &key, &fadded);
        pairbits_add(&fpairs, &key);
        heads_add(&fheads, key.s, key.n);
      } else {
        woo__lexkey f;
        key_of_word(&f, key.s, m);
        rc = nameset_add(&firsts, &f, &fadded);
        pairbits_add(&fpairs, &f);
        heads_add(&fheads, f.s, f.n);
      }
      if (rc)
        goto done;
    }
  }
  tk.lc = NULL;
  if (names.n == 0)
    goto done;
  /* Among many names, the pairs of two letters let most capitalised
   * words through: their first three letters are asked as well. */
  if (names.n >= 128) {
    pairbits_tri(&npairs, &names);
    pairbits_tri(&fpairs, &firsts);
  }

  /* Other mentions: capitalised words in the set, with initials or
   * particles right before them.  In a line that may hold one, only
   * the words around the places where one may start are tokenized. */
  size_t r = 0, cur = 0, lcur = 0;
  linkpos lp = {false, 0, 0};
  woo__spanset_normalize(&have);
  mention_set ms = {ctx, &names, &placey, &npairs, &have, hits, 0};
  while (r < len) {
    size_t p = next_mention(s, r, len, &firsts, &fpairs, &fheads, &have, &cur);
    if (p == len)
      break;
    size_t a = line_start(s, r, p);
    const char *nl = memchr(s + p, '\n', len - p);
    size_t b = nl ? (size_t)(nl - s) : len;
    /* the names found that end after the line's start, from here on */
    while (lcur < have.n && have.v[lcur].end <= a)
      lcur++;
    int links = links_in(&lp, s, len, a, b);
    size_t cand[MENTION_STARTS];
    size_t nc = mention_starts(s, a, b, &npairs, &names, &have, lcur, cand);
    if (nc > MENTION_STARTS) {
      /* many places: the whole line */
      rc = tokenize(s, a, b, &tk, links);
      for (size_t i = 0; i < tk.n && rc == 0; i++)
        rc = mention_at(&ms, &tk, i);
      if (rc)
        goto done;
      r = b + 1;
      continue;
    }
    /* Whether the token at each place may be a surname that is also a
     * place: only then does town_mention read the tokens around it. */
    bool towns[MENTION_STARTS];
    for (size_t k = 0; k < nc; k++)
      towns[k] = placey.n && may_be_place(s, cand[k], b, &placey);
    size_t next0 = nc ? window_start(s, a, cand[0], towns[0]) : 0;
    for (size_t k = 0; k < nc;) {
      /* windows that overlap are tokenized as one */
      size_t w0 = next0, we = mention_end(s, cand[k], b, towns[k]);
      size_t k1 = k + 1;
      while (k1 < nc && (next0 = window_start(s, a, cand[k1], towns[k1])) < we) {
        we = mention_end(s, cand[k1], b, towns[k1]);
        k1++;
      }
      /* A window of one word of ASCII letters, which ends at a gap, the
       * window's end or punctuation that joins nothing: its token is the
       * word, and no other token is looked at. */
      size_t j = w0;
      if (k1 == k + 1 && w0 == cand[k] && !towns[k]) {
        while (j < we && (unsigned)(((unsigned char)s[j] | 32) - 'a') < 26u)
          j++;
        char x = j < we ? s[j] : ' ';
        if (j > w0 && (x == ' ' || x == ',' || x == ';' || x == ')' ||
                       x == '"')) {
          tok one = {w0, j, 0, 0, NO_CAP, F_CAP, K_WORD, 0};
          toks t1 = {&one, 1, 1, NULL, 0};
          if ((rc = mention_at(&ms, &t1, 0)))
            goto done;
          k = k1;
          continue;
        }
      }
      if ((rc = tokenize(s, w0, we, &tk, links)))
        goto done;
      for (size_t i = 0; i < tk.n && k < k1; i++) {
        while (k < k1 && cand[k] < tk.v[i].s)
          k++;
        if (k < k1 && cand[k] == tk.v[i].s && (rc = mention_at(&ms, &tk, i)))
          goto done;
      }
      k = k1;
    }
    r = b + 1;
  }
done:
  if (seen != seen_stack)
    free(seen);
  nameset_free(&names);
  nameset_free(&firsts);
  free(placey.v);
  toks_give(&tk);
  woo__spanset_free(&have);
  return rc;
}
