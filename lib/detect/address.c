/* Home addresses: postcode + house number ("1234 AB 56", "1234AB 56-2",
 * "1234 AB Dorp") and street + house number ("Kerkstraat 12a",
 * "Burgemeester van Leeuwenlaan 3-II").
 *
 * Office addresses of public bodies stay.  The rule: an address is an
 * office address when the address block it stands in names a public body
 * or a postal facility — "Postbus", "Bezoekadres", "Postadres",
 * "Retouradres", "Ministerie", "Rijksoverheid", "Gemeente", "Directie",
 * "www." … — on the same line before it, or on one of the five lines
 * above or three below in the same column (pdftotext -layout puts the
 * letterhead in a right-hand column beside the addressee).  Neighbouring
 * lines only count when they are short, as lines of an address block
 * are, and the search upwards stops at a line that starts an addressee
 * ("Dhr.", "Mevr.", "De heer", "Aan"), so a citizen's address right under
 * a letterhead is still found. */
#include <pthread.h>
#include <string.h>

#include "internal.h"
#include "markers.h"
#include "scanutil.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif



/* ---- office context -------------------------------------------------------- */

/* Markers that make even a prose line an office address. */
static const char *const strong_markers[] = {
    "postbus", "antwoordnummer", "bezoekadres", "postadres", "retouradres",
    "ministerie", "rijksoverheid", "directoraat", "directie ",
    "juridisch bureau", "rechtbank", "raad van state", "tweede kamer",
    "eerste kamer", "provinciehuis", "gemeentehuis", "stadhuis", NULL};

/* Line starts that open a citizen's address block. */
static const char *const addressee[] = {"dhr", "mevr", "de heer", "mevrouw",
                                        "aan", "aan:", "familie", "fam.",
                                        "de bewoner", "bewoner", NULL};

static const unsigned char addressee_len[] = {3, 4, 7, 7, 3, 4, 7, 4, 10, 7};
_Static_assert(sizeof addressee_len == sizeof addressee / sizeof *addressee - 1,
               "a length for every addressee word");

#define LINE_MAX_SCAN 400
#define BLOCK_LINE_MAX 64

/* Start of the line containing pos (at most LINE_MAX_SCAN back). */
static size_t line_start(const char *t, size_t pos) {
  size_t lim = pos < LINE_MAX_SCAN ? pos : LINE_MAX_SCAN;
  const char *nl = memrchr(t + pos - lim, '\n', lim);
  return nl ? (size_t)(nl - t) + 1 : pos - lim;
}

/* End of the line containing pos (at most LINE_MAX_SCAN on). */
static size_t line_end(const char *t, size_t len, size_t pos) {
  size_t lim = len - pos < LINE_MAX_SCAN ? len - pos : LINE_MAX_SCAN;
  const char *nl = lim ? memchr(t + pos, '\n', lim) : NULL;
  return nl ? (size_t)(nl - t) : pos + lim;
}

/* Whether t[p..p+3) is a column gap: three spaces or a tab. */
static inline bool gap_at(const char *t, size_t p, size_t end) {
  if (p < end && t[p] == '\t')
    return true;
  return p + 3 <= end && t[p] == ' ' && t[p + 1] == ' ' && t[p + 2] == ' ';
}

/* The first byte at or after q (before lim) that is a space or below,
 * or lim.  Eight bytes at a time: most segments are words. */
static inline size_t next_blank(const char *t, size_t q, size_t lim) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  while (q + 8 <= lim) {
    uint64_t x;
    memcpy(&x, t + q, 8);
    x = su_le64(x);
    /* the high bit of each byte below 0x21 (bytes from 0x80 up are
     * cleared by ~x); a borrow can only mark bytes after the first */
    uint64_t m = (x - ones * 0x21) & ~x & high;
    if (m)
      return q + (size_t)__builtin_ctzll(m) / 8;
    q += 8;
  }
  while (q < lim && (unsigned char)t[q] > ' ')
    q++;
  return q;
}

/* Going back from q to lo: the offset after the last byte before q that
 * is a space or below, or lo.  Eight bytes at a time. */
static inline size_t prev_blank(const char *t, size_t lo, size_t q) {
  const uint64_t low7 = 0x7f7f7f7f7f7f7f7full, high = 0x8080808080808080ull;
  while (q >= lo + 8) {
    uint64_t x;
    memcpy(&x, t + q - 8, 8);
    x = su_le64(x);
    /* the high bit of each byte below 0x21, with no carry between
     * bytes: (b & 0x7f) + 0x5f reaches 0x80 from 0x21 on */
    uint64_t m = ~((x & low7) + 0x5f5f5f5f5f5f5f5full) & ~x & high;
    if (m)
      return q - 8 + (size_t)(63 - __builtin_clzll(m)) / 8 + 1;
    q -= 8;
  }
  while (q > lo && (unsigned char)t[q - 1] > ' ')
    q--;
  return q;
}

/* The first column gap (gap_at) at or after q and before lim (lim <=
 * le, the line's end), or lim.  Sixteen places a step with SSE2, while
 * the three bytes of each are in the line: most segments are words
 * between single spaces. */
static inline size_t next_gap(const char *t, size_t q, size_t lim,
                              size_t le) {
#if defined(__SSE2__)
  while (q < lim && q + 18 <= le) {
    unsigned m = su_gap_mask16(t + q);
    if (m) {
      q += (size_t)__builtin_ctz(m);
      return q < lim ? q : lim;
    }
    q += 16;
  }
  if (q >= lim)
    return lim;
#endif
  /* bytes above the space, most of them, start no gap and are passed
   * without the test */
  for (;;) {
    q = next_blank(t, q, lim);
    if (q >= lim || gap_at(t, q, le))
      return q;
    q++;
  }
}

/* Going back from q to lo (lo >= ls, the line's start): the offset after
 * the last byte before q that ends a column gap (a tab, or the last of
 * three spaces), or lo.  Sixteen places a step with SSE2, while the two
 * bytes before each are in the line. */
static inline size_t prev_gap_end(const char *t, size_t ls, size_t lo,
                                  size_t q) {
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  while (q >= lo + 16 && q >= ls + 18) {
    __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)(t + q - 16));
    __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(t + q - 17));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(t + q - 18));
    __m128i spaces = _mm_and_si128(
        _mm_cmpeq_epi8(x0, sp),
        _mm_and_si128(_mm_cmpeq_epi8(x1, sp), _mm_cmpeq_epi8(x2, sp)));
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(x0, tab), spaces));
    if (m)
      return q - 16 + (size_t)(31 - __builtin_clz(m)) + 1;
    q -= 16;
  }
#endif
  /* bytes above the space end no gap: passed without the test */
  for (;;) {
    q = prev_blank(t, lo, q);
    if (q == lo || t[q - 1] == '\t' ||
        (q - ls >= 3 && t[q - 1] == ' ' && t[q - 2] == ' ' && t[q - 3] == ' '))
      return q;
    q--;
  }
}

/* The text of line [ls, le) in the column that starts at `col`: from the
 * first non-space at or after col - 4 to the next column gap.  Returns
 * false when the line has nothing there. */
static bool column_segment(const char *t, size_t ls, size_t le, size_t col,
                           size_t *a, size_t *b) {
  size_t p = ls + (col > 4 ? col - 4 : 0);
  if (p >= le)
    return false;
  /* Text that starts left of the column runs into it: not this column. */
  if (col > 4 && p > ls && t[p - 1] != ' ' && t[p - 1] != '\t')
    return false;
  while (p < le && (t[p] == ' ' || t[p] == '\t'))
    p++;
  if (p >= le || p > ls + col + 4)
    return false;
  /* Only short segments matter; stop counting past the limit. */
  size_t lim = le - p > BLOCK_LINE_MAX ? p + BLOCK_LINE_MAX + 1 : le;
  *a = p;
  *b = next_gap(t, p, lim, le);
  return true;
}

/* The office markers as sets for one pass over a window (markers.h). */
#define N_WORDS(list) (sizeof list / sizeof *list - 1)
_Static_assert(N_WORDS(strong_markers) <= 64, "a bit per marker");

static const char *const postal[] = {"postbus", "antwoordnummer", NULL};

/* Markers for the short lines of an address block around it, and
 * "www.", which is looked for on its own (su_www_in): the words here are
 * seven bytes or longer, which lets a stem search cross a window several
 * bytes a step. */
static const char *const block_long[] = {
    "postbus", "antwoordnummer", "bezoekadres", "postadres", "retouradres",
    "ministerie", "rijksoverheid", "directoraat", "directie", "gemeente",
    "provincie", "waterschap", "hoogheemraadschap", "agentschap",
    "inspectie", "rechtbank", "raad van state", "overheid.nl",
    "overheidsidentificatie", "hoofdkantoor", "tweede kamer", "eerste kamer",
    "politie", "veiligheidsregio", "provinciehuis", "gemeentehuis",
    "stadhuis", NULL};

/* The lists' search tables (scanutil.h): a window of an address line is
 * searched in steps of several bytes rather than byte by byte. */
static su_stemtab strong_tab, postal_tab, block_tab;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;
static void sets_init(void);

/* Whether one of the block markers occurs in t[a..b), as woo__markers_in
 * answers: the long ones by their table, "www." from its dot. */
static bool block_in(const char *t, size_t a, size_t b) {
  return su_stems_in(&block_tab, t, a, b) || su_www_in(t, a, b);
}

bool woo__office_context(const char *t, size_t len, size_t pos) {
  pthread_once(&sets_once, sets_init);
  size_t ls = line_start(t, pos), le = line_end(t, len, pos);
  /* The segment of this line that holds pos: after the last column gap
   * before it, followed back at most 2 * BLOCK_LINE_MAX + 1 bytes. */
  size_t back = pos > 2 * BLOCK_LINE_MAX + 1 ? pos - 2 * BLOCK_LINE_MAX - 1 : 0;
  if (back < ls)
    back = ls;
  size_t ss = prev_gap_end(t, ls, back, pos);
  size_t from = pos > ss + 80 ? pos - 80 : ss;
  if (su_stems_in(&strong_tab, t, from, pos))
    return true;
  /* "Stadhuisplein 1 | Postbus 600": the postal address follows. */
  if (su_stems_in(&postal_tab, t, pos, pos + 80 < le ? pos + 80 : le))
    return true;
  /* A long run of prose before it: not in an address block. */
  if (pos - ss > 2 * BLOCK_LINE_MAX)
    return false;
  while (ss < pos && t[ss] == ' ')
    ss++;
  size_t col = ss - ls;
  /* Up to five lines above, nearest first. */
  size_t cur = ls;
  for (int k = 0; k < 5 && cur > 0; k++) {
    size_t pe = cur - 1, ps = line_start(t, pe), a, b;
    cur = ps;
    if (!column_segment(t, ps, pe, col, &a, &b))
      continue;
    if (b - a > BLOCK_LINE_MAX)
      break; /* prose: the block ended */
    /* each starts with one of these letters */
    unsigned char c0 = su_lowerc((unsigned char)t[a]);
    bool maybe = c0 == 'd' || c0 == 'm' || c0 == 'a' || c0 == 'f' || c0 == 'b';
    for (size_t j = 0; maybe && addressee[j]; j++) {
      size_t n = addressee_len[j];
      /* "De bewoners van" opens an addressee too. */
      if (b - a > n && su_eq_fold(t + a, n, addressee[j]) &&
          (!su_alpha((unsigned char)t[a + n]) || t[a + n] == 's'))
        return false;
    }
    if (block_in(t, a, b))
      return true;
  }
  /* Up to three lines below. */
  cur = le;
  for (int k = 0; k < 3 && cur < len; k++) {
    size_t ns = cur + 1, ne = line_end(t, len, ns), a, b;
    cur = ne;
    if (ns >= len)
      break;
    if (!column_segment(t, ns, ne, col, &a, &b))
      continue;
    if (b - a > BLOCK_LINE_MAX)
      break;
    if (block_in(t, a, b))
      return true;
  }
  return false;
}

/* ---- shared pieces ----------------------------------------------------------- */

static const char *const months[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december", "jan",
    "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov",
    "dec", NULL};

/* Words after a number that make it a quantity, not a house number. */
static const char *const units[] = {
    "km", "m", "m2", "meter", "jaar", "jaren", "uur", "minuten", "min",
    "dagen", "weken", "maanden", "procent", "euro", "miljoen", "miljard",
    "keer", "woningen", "huizen", "personen", "mensen", "x", "kg", "ton",
    "cm", "mm", "km/u", "stuks", "t/m", "tot", NULL};

/* The word that starts at p (letters only); its length. */
static size_t word_at(const char *t, size_t len, size_t p) {
  size_t e = p;
  while (e < len && su_alpha((unsigned char)t[e]))
    e++;
  return e - p;
}

/* Whether what follows a number at `e` makes it a date, a time, a
 * decimal or a quantity. */
static bool number_is_quantity(const char *t, size_t len, size_t e) {
  if (e >= len)
    return false;
  unsigned char c = (unsigned char)t[e];
  if (c == '%' || c == ':')
    return true;
  if ((c == ',' || c == '.') && e + 1 < len &&
      su_digit((unsigned char)t[e + 1]))
    return true;
  if (c == ' ' && e + 1 < len) {
    size_t n = word_at(t, len, e + 1);
    if (n && (su_in_list(t + e + 1, n, months) || su_in_list(t + e + 1, n, units)))
      return true;
    if (e + 1 < len && t[e + 1] == '%')
      return true;
  }
  return false;
}

/* A house-number addition right after the number at e: 12a, 12-2,
 * 12-II, 12 bis, 12-hs, 12 A.  Returns the new end. */
static size_t house_addition(const char *t, size_t len, size_t e) {
  if (e < len && su_alpha((unsigned char)t[e]) &&
      (e + 1 >= len || !su_wordc((unsigned char)t[e + 1])))
    return e + 1;
  if (e + 1 < len && (t[e] == '-' || t[e] == ' ')) {
    size_t p = e + 1, n = 0;
    if (t[e] == '-')
      while (p + n < len && su_digit((unsigned char)t[p + n]) && n < 4)
        n++;
    if (n == 0) {
      size_t w = word_at(t, len, p);
      static const char *const adds[] = {"hs", "bis", "i", "ii", "iii",
                                         "iv", "huis", "zw", NULL};
      if (w && (su_in_list(t + p, w, adds) ||
                (w == 1 && su_upper((unsigned char)t[p]) && t[e] == ' ' &&
                 t[p] != 'I')))
        n = w;
      else if (w == 1 && t[e] == '-')
        n = 1;
    }
    if (n && (p + n >= len || !su_wordc((unsigned char)t[p + n])))
      return p + n;
  }
  return e;
}

/* ---- postcodes -------------------------------------------------------------- */

/* Letter pairs never used in postcodes, and units and legal forms that
 * follow four digits in prose ("1000 MW", "2020 BV"). */
static const char *const postcode_not[] = {
    "sa", "sd", "ss", "mw", "kw", "gw", "tw", "mb", "gb", "kb", "tb", "pk",
    "bv", "nv", "cm", "mm", "kg", "km", "ml", "re", "fw", "cc", "ad", "bc",
    "ce", "nl", "ok", "tv", "pc", "it", "hr", "ai", NULL};

static bool month_before(const char *t, size_t i) {
  if (i < 2 || t[i - 1] != ' ')
    return false;
  size_t w = i - 1;
  while (w > 0 && su_alpha((unsigned char)t[w - 1]) && i - 1 - w < 10)
    w--;
  size_t n = i - 1 - w;
  if (n && t[w + n - 1] == '.')
    n--;
  return n && su_in_list(t + w, n, months);
}

/* Whether a street's house number ends right before i, after which a
 * comma and a space or a line break: "Kerklaan 12, ", "Dorpsweg 3a\n". */
static bool after_house_number(const char *t, size_t i) {
  size_t k = i;
  if (k >= 2 && t[k - 1] == ' ' && t[k - 2] == ',')
    k -= 2;
  else if (k >= 1 && t[k - 1] == '\n')
    k -= 1;
  else
    return false;
  if (k > 0 && su_lower((unsigned char)t[k - 1]))
    k--; /* "3a" */
  size_t d = k;
  while (d > 0 && k - d < 5 && su_digit((unsigned char)t[d - 1]))
    d--;
  return d < k && d >= 2 && t[d - 1] == ' ' && su_alpha((unsigned char)t[d - 2]);
}

/* A postcode at i (four digits, first not 0): returns the offset after
 * its letters, or 0. */
static size_t postcode_at(const char *t, size_t len, size_t i) {
  if (i + 6 > len || t[i] == '0')
    return 0;
  for (size_t k = 1; k < 4; k++)
    if (!su_digit((unsigned char)t[i + k]))
      return 0;
  size_t p = i + 4;
  if (t[p] == ' ')
    p++;
  if (p + 2 > len || !su_upper((unsigned char)t[p]) ||
      !su_upper((unsigned char)t[p + 1]))
    return 0;
  if (p + 2 < len && su_wordc((unsigned char)t[p + 2]))
    return 0;
  if (p + 2 < len && t[p + 2] == ':')
    return 0; /* "2019 RE: ..." in a subject line */
  /* a unit or a legal form is a postcode after all right after a street
   * and number, before a place: "Kerklaan 12, 1065 KM Amsterdam" */
  if (su_in_list(t + p, 2, postcode_not) &&
      !(after_house_number(t, i) && p + 4 < len && t[p + 2] == ' ' &&
        su_upper((unsigned char)t[p + 3]) && su_lower((unsigned char)t[p + 4])))
    return 0;
  return p + 2;
}

static int find_postcodes_at(const woo__scan_ctx *ctx, woo__hits *out,
                             size_t i, size_t pe) {
  const char *t = ctx->text;
  size_t len = ctx->len, end = pe;
  double conf = 0;
  if (month_before(t, i))
    return 0;
  /* 1234 AB 56: postcode with house number. */
  size_t p = pe;
  if (p < len && (t[p] == ' ' || t[p] == ',')) {
    size_t q = p + 1;
    if (t[p] == ',' && q < len && t[q] == ' ')
      q++;
    size_t n = 0;
    while (q + n < len && su_digit((unsigned char)t[q + n]) && n < 5)
      n++;
    if (n && t[q] != '0' &&
        (q + n >= len || !su_digit((unsigned char)t[q + n])) &&
        !number_is_quantity(t, len, q + n)) {
      end = house_addition(t, len, q + n);
      conf = 0.92;
    } else if (n == 0 && q < len && su_upper((unsigned char)t[q])) {
      conf = 0.75; /* 1234 AB Dorp */
    }
  }
  if (conf == 0) {
    /* Preceded by "postcode" or a street with a number on the line. */
    size_t from = i > 16 ? i - 16 : 0;
    if (su_has_word(t, from, i, (const char *const[]){"postcode", NULL}))
      conf = 0.8;
  }
  if (conf == 0 || woo__office_context(t, len, i))
    return 0;
  return woo__hits_add(out, i, end, WOO_ENTITY_ADDRESS, "address", conf);
}

/* ---- streets ----------------------------------------------------------------- */

static const char *const street_suffix[] = {
    "straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk",
    "pad", "hof", "park", "steeg", "dreef", "markt", "plantsoen", "wal",
    "haven", "vaart", "allee", "boulevard", "straatweg", "erf", "erven",
    /* Frisian: wei, leane, strjitte, dyk, paad */
    "wei", "leane", "strjitte", "dyk", "paad", NULL};
/* Their lengths, in the same order (asked for every number after a
 * word). */
static const unsigned char street_suffix_len[] = {
    6, 3, 4, 5, 6, 4, 6, 4, 3, 3, 4, 5, 5, 5, 9, 3, 5, 5, 5, 9, 9, 3, 5,
    3, 5, 8, 3, 4};
_Static_assert(sizeof street_suffix_len ==
                   sizeof street_suffix / sizeof *street_suffix - 1,
               "a length for every street suffix");

/* Capitalised words that start a sentence or clause, not a street. */
static const char *const street_stop[] = {
    "aan", "op", "in", "naar", "via", "bij", "vanaf", "tot", "adres",
    "mijn", "zijn", "haar", "het", "de", "een", "wonende", "woonachtig",
    "dhr", "mevr", "te", "en", "of", "uit", "voor", "over", "langs", NULL};

static const char *const particles[] = {"van", "de", "der", "den", "het",
                                        "'t", "'s", "ter", "ten", "la", "le",
                                        "du", "des", "op", "aan", "in",
                                        NULL};

/* Capitalised words that begin multi-word street names (Oude Gracht,
 * Prins Hendrikkade).  Any other capitalised word before a street name
 * belongs to the sentence: usually the resident's own name. */
static const char *const street_prefix[] = {
    "oude", "nieuwe", "lange", "korte", "hoge", "lage", "grote", "kleine",
    "groot", "klein", "prins", "prinses", "koning", "koningin", "burgemeester",
    "sint", "st", "noord", "zuid", "oost", "west", "binnen", "buiten",
    "achter", "voor", "eerste", "tweede", "derde", "oostelijke",
    "westelijke", "noordelijke", "zuidelijke", "stille", "droge", "brede",
    "smalle", "dokter", "professor", "graaf", "hertog", "generaal", NULL};

/* The street words as sets grouped by first letter (markers.h). */
static woo__wordset street_suffix_set, street_stop_set, particles_set,
    street_prefix_set, business_set;

/* Bit k: street_suffix[k] ends in this byte (set up with the sets). */
static uint32_t suffix_by_last[256];
_Static_assert(sizeof street_suffix_len <= 32, "a bit per street suffix");

/* A bit per hash of the last three bytes of a street suffix (all have
 * three or more): a word that ends in one, or is one, ends in those
 * three, lower case or capital.  Most words before a number ("van 12",
 * "en 3") end in a suffix's last letter but not in its last three. */
static uint64_t suffix_tails[64];

/* The hash of the three bytes at p, capitals taken as small letters
 * (setting bit 5 lowers an ASCII capital and keeps a small letter; other
 * bytes may change too, which only lets more words through). */
static inline unsigned tail_hash(const char *p) {
  uint32_t x = (uint32_t)(unsigned char)p[0] |
               (uint32_t)(unsigned char)p[1] << 8 |
               (uint32_t)(unsigned char)p[2] << 16;
  return ((x | 0x202020u) * 0x9E3779B1u) >> 20; /* twelve bits */
}

/* Whether the word that ends with the three bytes at p may end in a
 * street suffix. */
static inline bool suffix_tail_maybe(const char *p) {
  unsigned h = tail_hash(p);
  return suffix_tails[h / 64] >> (h % 64) & 1;
}

static bool ends_with_suffix(const char *w, size_t n) {
  if (n < 2)
    return false;
  /* every suffix ends in a letter: the last one turns most suffixes
   * away, and only those ending in it are compared */
  unsigned char last = su_lowerc((unsigned char)w[n - 1]);
  for (uint32_t c = suffix_by_last[last]; c; c &= c - 1) {
    int k = __builtin_ctz(c);
    size_t sl = street_suffix_len[k];
    if (n > sl && su_eq_fold(w + n - sl, sl, street_suffix[k]))
      return true;
  }
  return false;
}

/* The word ending just before `e` (letters, bytes of multi-byte letters,
 * apostrophes); its start. */
static size_t word_back(const char *t, size_t e, size_t max) {
  size_t s = e;
  while (s > 0 && e - s < max &&
         (su_alpha((unsigned char)t[s - 1]) ||
          (unsigned char)t[s - 1] >= 0x80 || t[s - 1] == '\''))
    s--;
  return s;
}

/* Suffixes that also end the names of places that are not streets: a
 * theatre (De Meervaart), a courtyard or palace (Binnenhof), a park, a
 * harbour, a market. */
static const char *const place_suffix[] = {"vaart", "hof", "park", "haven",
                                           "markt", "erf", NULL};

/* The first occurrence of name[0..n) (n >= 1) in [p, end), or NULL, as
 * memmem finds it: from its first byte, mostly a capital, which memchr
 * passes over prose to much faster than memmem's general search. */
static const char *find_name(const char *p, const char *end, const char *name,
                             size_t n) {
  while ((size_t)(end - p) >= n) {
    const char *f = memchr(p, name[0], (size_t)(end - p) - n + 1);
    if (!f)
      return NULL;
    if (memcmp(f + 1, name + 1, n - 1) == 0)
      return f;
    p = f + 1;
  }
  return NULL;
}

/* Whether the name t[a..e) ends in one of place_suffix and stands in the
 * text around it (32 KB either side) at least twice more without a number
 * after it: then it names a place ("theater de Meervaart", "de nieuwe
 * Meervaart"), and "De Meervaart 2" is not a home address. */
static bool named_place(const char *t, size_t len, size_t a, size_t e) {
  size_t n = e - a;
  bool suffix = false;
  for (size_t k = 0; place_suffix[k] && !suffix; k++) {
    size_t m = strlen(place_suffix[k]);
    suffix = n > m && su_eq_fold(t + e - m, m, place_suffix[k]);
  }
  if (!suffix)
    return false;
  /* "woont aan het Dorpspark 12", "adres: …": a home after all */
  for (size_t p = a; p > 0 && a - p < 32 && t[p - 1] != '\n';) {
    p--;
    if ((p + 4 <= a && su_eq_fold(t + p, 4, "woon")) ||
        (p + 5 <= a && su_eq_fold(t + p, 5, "adres")))
      return false;
  }
  size_t lo = a > 32768 ? a - 32768 : 0;
  size_t hi = len - e > 32768 ? e + 32768 : len;
  unsigned bare = 0;
  for (const char *p = t + lo, *end = t + hi;
       bare < 2 && (p = find_name(p, end, t + a, n)); p += n) {
    size_t at = (size_t)(p - t), q = at + n;
    if (at == a || (at > 0 && su_wordc((unsigned char)t[at - 1])) ||
        (q < len && su_wordc((unsigned char)t[q])))
      continue;
    while (q < len && (t[q] == ' ' || t[q] == '\t'))
      q++;
    bare += !(q < len && su_digit((unsigned char)t[q]));
  }
  return bare >= 2;
}

static int find_street_at(const woo__scan_ctx *ctx, woo__hits *out, size_t i,
                          size_t run) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  if (i < 4 || t[i - 1] != ' ' || run - i > 4 || t[i] == '0')
    return 0;
  if (run - i == 4) {
    int year = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 +
               (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
    if (year >= 1900 && year <= 2099)
      return 0;
  }
  /* The word before ends as a street suffix does, or is one: its last
   * letter turns most words away before the word is read. */
  if (!suffix_by_last[su_lowerc((unsigned char)t[i - 2])] ||
      !suffix_tail_maybe(t + i - 4))
    return 0;
  size_t we = i - 1, ws = word_back(t, we, 48);
  if (ws == we || (ws > 0 && su_wordc((unsigned char)t[ws - 1])))
    return 0;
  if (!ends_with_suffix(t + ws, we - ws)) {
    /* A bare "Gracht" or "Weg" is a street only after a prefix word:
     * Oude Gracht, Korte Weg. */
    size_t ps = ws > 1 && t[ws - 1] == ' ' ? word_back(t, ws - 1, 24) : ws;
    if (!woo__wordset_has(&street_suffix_set, t + ws, we - ws) || ps == ws ||
        !su_upper((unsigned char)t[ps]) ||
        !woo__wordset_has(&street_prefix_set, t + ps, ws - 1 - ps))
      return 0;
  }
  if (number_is_quantity(t, len, run))
    return 0;
  /* The name: the suffix word and the capitalised words and particles
   * before it on the same line. */
  size_t start = ws;
  bool capital = su_upper((unsigned char)t[ws]);
  for (int k = 0; k < 4 && start > 1 && t[start - 1] == ' '; k++) {
    size_t pe = start - 1, ps = word_back(t, pe, 24);
    if (ps == pe || (ps > 0 && su_wordc((unsigned char)t[ps - 1])))
      break;
    bool cap = su_upper((unsigned char)t[ps]);
    bool part = woo__wordset_has(&particles_set, t + ps, pe - ps);
    if (woo__wordset_has(&street_stop_set, t + ps, pe - ps) && !(part && !cap))
      break;
    if (!cap && !part)
      break;
    /* a given name opens a street named after a person ("Pieter
     * Callandlaan", "Jan van Galenstraat") */
    if (cap && !part &&
        !woo__wordset_has(&street_prefix_set, t + ps, pe - ps) &&
        !woo__lex_has(WOO__LEX_FIRST_NAMES, t + ps, pe - ps))
      break;
    start = ps;
    capital |= cap;
  }
  /* Leading lowercase particles belong to the sentence. */
  while (start < ws && !su_upper((unsigned char)t[start])) {
    while (start < ws && t[start] != ' ')
      start++;
    while (start < ws && t[start] == ' ')
      start++;
  }
  if (!capital || !su_upper((unsigned char)t[start]))
    return 0;
  size_t end = house_addition(t, len, run);
  if (woo__office_context(t, len, start) || named_place(t, len, ws, we))
    return 0;
  return woo__hits_add(out, start, end, WOO_ENTITY_ADDRESS, "address", 0.85);
}

/* A postcode's place name: up to three capitalised words (or particles:
 * Den Haag, Bergen op Zoom) right after it on the same line.  Returns the
 * new end. */
static size_t place_after(const char *t, size_t len, size_t e) {
  size_t end = e;
  for (int k = 0; k < 3; k++) {
    size_t p = end;
    if (p >= len || t[p] != ' ')
      break;
    while (p < len && t[p] == ' ')
      p++;
    size_t w = p;
    while (w < len && (su_alpha((unsigned char)t[w]) ||
                       (unsigned char)t[w] >= 0x80 || t[w] == '-' ||
                       t[w] == '\''))
      w++;
    if (w == p)
      break;
    bool part = woo__wordset_has(&particles_set, t + p, w - p);
    if (!su_upper((unsigned char)t[p]) && !(part && k > 0))
      break;
    end = w;
  }
  /* A trailing particle is not part of the place. */
  return end;
}

/* Street and postcode written as one address ("Kerkstraat 12, 1234 AB
 * Dorp", or on two lines of an address block) become one hit, and a
 * postcode takes its place name along: what identifies a home is the
 * whole. */
static int join_address_parts(const woo__scan_ctx *ctx, woo__hits *out,
                              size_t first) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  for (size_t k = first; k < out->n; k++) {
    woo__hit *h = &out->v[k];
    if (h->end + 4 < len && su_digit((unsigned char)t[h->start]) &&
        postcode_at(t, len, h->start) == h->end)
      h->end = place_after(t, len, h->end);
  }
  size_t w = first;
  for (size_t k = first; k < out->n; k++) {
    if (w > first) {
      woo__hit *prev = &out->v[w - 1];
      size_t g = prev->end, n = 0;
      while (g < out->v[k].start && (t[g] == ',' || t[g] == ' ' ||
                                     t[g] == '\n' || t[g] == '\r')) {
        n += t[g] == '\n';
        g++;
      }
      if (g == out->v[k].start && n <= 1 && su_digit((unsigned char)t[g])) {
        prev->end = out->v[k].end;
        if (out->v[k].confidence > prev->confidence)
          prev->confidence = out->v[k].confidence;
        continue;
      }
    }
    out->v[w++] = out->v[k];
  }
  out->n = w;
  return 0;
}

/* ---- business premises --------------------------------------------------- */

/* Words that make an address a company's: "Kerkstraat 4 - Jansen
 * Installatietechniek BV", "Havenkade 2-Brouwer Advocaten".  Only legal
 * forms and plainly commercial premises: "bedrijf" or "garage" beside an
 * address say nothing about whether someone lives there, and "cv" is
 * as often a curriculum vitae as a partnership. */
static const char *const business_words[] = {
    "bv", "b.v.", "nv", "n.v.", "vof", "v.o.f.", "advocaten",
    "advocatenkantoor", "notarissen", "notariskantoor", "accountants",
    "hotel", "restaurant", "café", "cafe", "brasserie", "holding",
    "supermarkt", NULL};

/* What a byte is to the words of a cell (business_cell): set up with
 * the word sets. */
enum { CELL_NONE, CELL_LETTER, CELL_DOT };
static unsigned char cell_byte[256];

/* Whether the cell around [a, b) (same line, up to a column gap, at most
 * 60 bytes either side) names a business. */
static bool business_cell(const char *t, size_t len, size_t a, size_t b) {
  size_t ls = a, le = b;
  /* Only a blank (a space, a tab, a line break) can end the cell: the
   * bytes between are passed eight at a time. */
  size_t lo = a > 60 ? a - 60 : 0, hi = len - b > 60 ? b + 60 : len;
  for (;;) {
    ls = prev_blank(t, lo, ls);
    if (ls == lo || t[ls - 1] == '\n' || gap_at(t, ls - 1, a))
      break;
    ls--;
  }
  for (;;) {
    le = next_blank(t, le, hi);
    if (le == hi || t[le] == '\n' || gap_at(t, le, len))
      break;
    le++;
  }
  /* The words: they start at a letter (or a byte of a multi-byte one)
   * and go on over those and dots.  A byte's kind from a table, as each
   * byte of the cell is read. */
  for (size_t i = ls; i < le;) {
    while (i < le && cell_byte[(unsigned char)t[i]] != CELL_LETTER)
      i++;
    size_t w = i;
    while (i < le && cell_byte[(unsigned char)t[i]] != CELL_NONE)
      i++;
    if (i > w && (w >= b || i <= a) &&
        woo__wordset_has(&business_set, t + w, i - w))
      return true;
    if (i == w)
      i++;
  }
  return false;
}

/* Words right before an address that name it as a site where a business
 * or an installation is run ("van locatie Dorpsweg 2, 1234 AB Plaats",
 * "vestigingsadres:"): the place a permit, a count of animals or an
 * inspection is about, not somebody's home. */
static const char *const site_words[] = {
    "locatie", "bedrijfslocatie", "vestiging", "vestigingsadres",
    "vestigingslocatie", "bedrijfsadres", "inrichting", "inrichtingsadres",
    NULL};

/* Whether the word before `a` (across blanks, one line break, a colon)
 * is one of site_words. */
static bool site_before(const char *t, size_t a) {
  size_t e = a, breaks = 0;
  while (e > 0 && breaks <= 1 &&
         (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n' ||
          t[e - 1] == '\r' || t[e - 1] == ':')) {
    breaks += t[e - 1] == '\n';
    e--;
  }
  if (breaks > 1)
    return false;
  size_t s = e;
  while (s > 0 && e - s < 24 && su_alpha((unsigned char)t[s - 1]))
    s--;
  if (s == e || (s > 0 && su_wordc((unsigned char)t[s - 1])))
    return false;
  return su_in_list(t + s, e - s, site_words);
}

/* Premises of a company are not a home: an address that stands beside a
 * company name or is named as a business site is left out, and so are
 * its other mentions in the text, whole or in part ("Dorpsweg 2" and
 * "1234 AB Plaats" on lines of their own after "locatie Dorpsweg 2, 1234
 * AB Plaats"); the first 32 such addresses are remembered. */
/* Whether the m bytes at p are the street part or the postcode part of
 * the n-byte address at whole: its start or its end, on a boundary. */
static bool part_of(const char *whole, size_t n, const char *p, size_t m) {
  if (memcmp(whole, p, m) == 0 && !su_wordc((unsigned char)whole[m]))
    return true;
  return memcmp(whole + n - m, p, m) == 0 &&
         !su_wordc((unsigned char)whole[n - m - 1]);
}

static void drop_business(const woo__scan_ctx *ctx, woo__hits *out,
                          size_t first) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  size_t seen[32][2], nseen = 0; /* start, end */
  for (size_t k = first; k < out->n; k++) {
    const woo__hit *h = &out->v[k];
    if (nseen < 32 && (business_cell(t, len, h->start, h->end) ||
                       site_before(t, h->start))) {
      seen[nseen][0] = h->start;
      seen[nseen++][1] = h->end;
    }
  }
  if (nseen == 0)
    return;
  size_t w = first;
  for (size_t k = first; k < out->n; k++) {
    woo__hit h = out->v[k];
    bool business = false;
    for (size_t j = 0; j < nseen && !business; j++) {
      size_t n = seen[j][1] - seen[j][0], m = h.end - h.start;
      business = (n == m && memcmp(t + seen[j][0], t + h.start, n) == 0) ||
                 (m >= 6 && m < n && part_of(t + seen[j][0], n, t + h.start, m));
    }
    if (!business)
      out->v[w++] = h;
  }
  out->n = w;
}

static void sets_init(void) {
  su_stems_build(&strong_tab, strong_markers);
  su_stems_build(&postal_tab, postal);
  su_stems_build(&block_tab, block_long);
  woo__wordset_init(&street_suffix_set, street_suffix);
  for (size_t k = 0; street_suffix[k]; k++) {
    suffix_by_last[(unsigned char)street_suffix[k][street_suffix_len[k] - 1]] |=
        (uint32_t)1 << k;
    unsigned h = tail_hash(street_suffix[k] + street_suffix_len[k] - 3);
    suffix_tails[h / 64] |= (uint64_t)1 << (h % 64);
  }
  woo__wordset_init(&street_stop_set, street_stop);
  woo__wordset_init(&particles_set, particles);
  woo__wordset_init(&street_prefix_set, street_prefix);
  woo__wordset_init(&business_set, business_words);
  for (unsigned c = 0; c < 256; c++)
    cell_byte[c] = su_alpha((unsigned char)c) || c >= 0x80 ? CELL_LETTER
                   : c == '.'                               ? CELL_DOT
                                                            : CELL_NONE;
}

int woo__find_address(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&sets_once, sets_init);
  const char *t = ctx->text;
  size_t len = ctx->len, i = 0, first = out->n, run;
  su_digits digits;
  su_digits_init(&digits, ctx);
  /* Most runs are passed whole, to the next (su_digits_after). */
  for (i = su_digits_next(&digits, i, &run); i < len;) {
    unsigned char b = i > 0 ? (unsigned char)t[i - 1] : ' ';
    if (su_wordc(b) || b == '.' || b == ',' || b == '-' || b == '/' ||
        b == '+' || b == '#' || b == ':' || b == '(') {
      i = su_digits_after(&digits, &run);
      continue;
    }
    int rc = 0;
    /* Four digits, not 0 first, then a capital or a space and a capital:
     * what postcode_at asks first, without the call for most runs. */
    bool maybe = run - i == 4 && i + 6 <= len && t[i] != '0' &&
                 (t[run] == ' ' ? su_upper((unsigned char)t[run + 1])
                                : su_upper((unsigned char)t[run]));
    size_t pe = maybe ? postcode_at(t, len, i) : 0, before = out->n;
    if (pe) {
      rc = find_postcodes_at(ctx, out, i, pe);
      if (out->n == before)
        run = pe;
    } else {
      rc = find_street_at(ctx, out, i, run);
    }
    if (rc < 0)
      return rc;
    /* Go on after the hit: its house number is not another's. */
    if (out->n > before && out->v[out->n - 1].end > run)
      run = out->v[out->n - 1].end;
    i = su_digits_next(&digits, run, &run);
  }
  int rc = join_address_parts(ctx, out, first);
  if (rc == 0)
    drop_business(ctx, out, first);
  return rc;
}
