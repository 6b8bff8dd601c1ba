/*
 * The ground-code parser.
 *
 * One left-to-right pass over the text.  At each byte that can start a
 * code (a digit, "(", "^{", "art"/"artikel", or the first letter of a
 * status word) a small hand-written parser looks a bounded distance ahead;
 * context tests look a bounded distance back and at the current line,
 * whose layout features are computed once per line.  So the cost is
 * linear in the text, whatever its size or shape.
 *
 * What makes a code a code is mostly context: "11.1" is a ground in an
 * inventory cell and a section number at the head of a line; "5,1" is
 * never a code on its own; "dubbel" is a status in a table cell and an
 * adjective in prose.  The rules below encode what published Wob/Woo
 * documents actually print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/internal.h"
#include "internal.h"

struct woo_codes {
  woo_code *v;
  size_t n;
  size_t cap;
};

/* Bounds on look-ahead and look-back, in bytes.  They keep the pass linear
 * and are far longer than any real notation. */
#define PROSE_MAX 240 /* "artikel 10, tweede lid, aanhef en onder e, ..." */
#define CUE_WINDOW 48 /* how far back a citation cue word may stand */
#define SUPER_MAX 48  /* "^{...}" */
#define GAP_MAX 400   /* list joiner gap, may hold a table's indentation */
#define RECENT_LINES 8
#define ROW_MAX 256   /* how far back on its row a verdict may stand */

/* Internal mark on a found code, cleared before the list is returned: a
 * number after a capitalised word that may be a product's version. */
#define CODE_MAYBE_VERSION (1u << 16)

/* Layout features of one line, computed once. */
typedef struct line_info {
  size_t start;     /* first byte of the line */
  size_t end;       /* the '\n' or text end */
  size_t first;     /* first non-blank byte (== end when blank) */
  size_t first_end; /* end of the first token */
  size_t cells;     /* non-blank runs separated by 2+ blanks */
  bool docnum;      /* first cell is a document number ("12", "3.1.", "12-a") */
  bool verdict;     /* holds an inventory verdict (openbaar, geweigerd, …) */
  bool piped;       /* a Markdown table row: cells between '|' */
  bool valid;
} line_info;

typedef struct scan {
  const char *s;
  size_t n;
  bool unknown;
  bool citations;
  bool standalone;
  woo_codes *out;
  /* line tracking */
  size_t line_start;  /* start of the line holding the scan position */
  size_t line_no;     /* 0-based */
  size_t pos;         /* bytes below pos have been line-counted */
  size_t table_line;  /* line_no + 1 of the last table-role code, 0 = none */
  /* The Markdown table around the scan position: the end of the last row
   * known to belong to it and whether its header names a grounds or
   * verdict column. */
  size_t pipe_end;
  bool pipe_valid;
  bool pipe_grounds;
  line_info cache[4]; /* small cache: current, previous and next line */
  unsigned cache_next;
} scan;

/* One parsed candidate before roles are decided. */
typedef struct cand {
  size_t start, end;
  char code[20];
  woo_notation notation;
  unsigned flags;
  bool digit_end; /* 4.1.4, 5.1.5, 5.2.1, 11.1: no trailing letter */
  bool weak;      /* comma-only digit form such as "11,1" */
  bool prose;     /* written out in legal prose ("artikel …, tweede lid") */
  bool artikel;   /* preceded by the full word "artikel" */
  bool status;
} cand;

#define MAX_CANDS 8

/* ---- byte classes ----------------------------------------------------- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_blank(int c) { return c == ' ' || c == '\t'; }
static bool is_ws(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
static bool isupper_ascii(int c) { return c >= 'A' && c <= 'Z'; }
static int lower(int c) { return isupper_ascii(c) ? c + 32 : c; }

static int at(const scan *sc, size_t i) {
  return i < sc->n ? (unsigned char)sc->s[i] : -1;
}
static int before(const scan *sc, size_t i) {
  return i > 0 && i - 1 < sc->n ? (unsigned char)sc->s[i - 1] : -1;
}

/* Case-insensitive match of an ASCII word at i, ending at a word
 * boundary.  Returns the length or 0. */
static size_t word_at(const scan *sc, size_t i, const char *w) {
  size_t k = 0;
  for (; w[k]; k++)
    if (lower(at(sc, i + k)) != w[k])
      return 0;
  return is_alpha(at(sc, i + k)) ? 0 : k;
}

/* Skip blanks and at most `lines` line breaks; returns the new offset. */
static size_t skip_ws(const scan *sc, size_t i, int lines, size_t limit) {
  while (i < sc->n && i < limit && is_ws(at(sc, i))) {
    if (at(sc, i) == '\n' && lines-- <= 0)
      break;
    i++;
  }
  return i;
}

/* ---- lines -------------------------------------------------------------- */

static bool is_docnum_token(const scan *sc, size_t a, size_t b) {
  /* "12", "3.", "4,", "2.1.", "12-a", "24.b", "10a", "12‐a" (U+2010) */
  if (a >= b || !is_digit(at(sc, a)))
    return false;
  size_t digits = 0;
  for (size_t i = a; i < b; i++) {
    int c = at(sc, i);
    if (is_digit(c))
      digits++;
    else if (!(c == '.' || c == ',' || c == '-' || is_alpha(c) || c >= 0x80))
      return false;
  }
  return digits > 0 && digits <= 6 && b - a <= 10;
}

/* Whether `w` stands at i, case-insensitively, wholly before b. */
static bool word_within(const scan *sc, size_t i, size_t b, const char *w) {
  for (size_t k = 0; w[k]; k++)
    if (i + k >= b || lower((unsigned char)sc->s[i + k]) != w[k])
      return false;
  return true;
}

/* Called for every line that holds a code and for the row before every
 * code, so it looks at four bytes at once and tries a word only where
 * its first four letters stand. */
static bool has_verdict(const scan *sc, size_t a, size_t b) {
  if (b > sc->n)
    b = sc->n;
  /* The first four letters of every word, as the bytes lie in memory
   * (0x20 set: folds case, and only case, of letters). */
  uint32_t w4[6];
  static const char *const heads[6] = {"penb", "gewe", "gede",
                                       "reik", "buit", "deel"};
  /* The heads by a multiplicative hash in a table of 32, where they
   * fall apart in either byte order; an empty slot holds 0, which no
   * four bytes with 0x20 set are. */
  uint32_t tab[32] = {0};
  for (int k = 0; k < 6; k++) {
    memcpy(&w4[k], heads[k], 4);
    tab[(uint32_t)(w4[k] * 0x9E3779B1u) >> 27] = w4[k];
  }
  size_t i = a;
  /* Four bytes at a time ahead of the letter dispatch: most positions
   * start none of the words, and one look in the table says so. */
  for (; i + 4 <= b; i++) {
    uint32_t x;
    memcpy(&x, sc->s + i, 4);
    x |= 0x20202020u;
    if (tab[(uint32_t)(x * 0x9E3779B1u) >> 27] == x) {
      switch ((unsigned char)sc->s[i] | 0x20) {
      case 'p':
        if (word_within(sc, i, b, "penbaar"))
          return true;
        break;
      case 'g':
        if (word_within(sc, i, b, "geweigerd") ||
            word_within(sc, i, b, "gedeeltelijk"))
          return true;
        break;
      case 'r':
        if (word_within(sc, i, b, "reikwijdte"))
          return true;
        break;
      case 'b':
        if (word_within(sc, i, b, "buiten verzoek"))
          return true;
        break;
      default:
        if (word_within(sc, i, b, "deels ") ||
            word_within(sc, i, b, "deels\n"))
          return true;
        break;
      }
    }
  }
  /* Every word is longer than four bytes: none fits in the rest. */
  return false;
}

static void line_compute(const scan *sc, line_info *li, size_t start) {
  memset(li, 0, sizeof *li);
  li->start = start;
  const char *nl = start < sc->n ? memchr(sc->s + start, '\n', sc->n - start)
                                 : NULL;
  li->end = nl ? (size_t)(nl - sc->s) : sc->n;
  /* Two or more '|' make a Markdown table row ("| 3 | e-mail | 5.1.2.e |",
   * with or without the outer bars); its cells are split at the bars. */
  size_t bars = 0;
  for (const char *b = sc->s + start;
       bars < 2 && (b = memchr(b, '|', li->end - (size_t)(b - sc->s)));
       b++)
    bars++;
  li->piped = bars >= 2;
  size_t i = start;
  while (i < li->end && (is_ws(at(sc, i)) || (li->piped && at(sc, i) == '|')))
    i++;
  li->first = i;
  size_t e = i;
  while (e < li->end && !is_ws(at(sc, e)) && !(li->piped && at(sc, e) == '|'))
    e++;
  li->first_end = e;
  /* Count cells: runs of text separated by two or more blanks (or a bar). */
  size_t cells = 0, blanks = 2;
  const unsigned char *u = (const unsigned char *)sc->s;
  for (size_t k = li->first; k < li->end; k++) {
    unsigned c = u[k];
    /* Text bytes first: they are most of a line, and the rest of a run
     * of them changes nothing. */
    if (c > ' ' && c != '|') {
      cells += blanks >= 2;
      blanks = 0;
      while (k + 1 < li->end && u[k + 1] > ' ' && u[k + 1] != '|')
        k++;
    } else if (c == ' ' || c == '\r') {
      blanks++;
    } else if (c == '\t') {
      blanks += 2;
    } else if (c == '|' && li->piped) {
      blanks = 2;
    } else {
      cells += blanks >= 2;
      blanks = 0;
    }
  }
  li->cells = cells;
  /* A document number cell: the first token, followed by more cells. */
  if (cells >= 2 && is_docnum_token(sc, li->first, li->first_end)) {
    size_t k = li->first_end;
    while (k < li->end && is_blank(at(sc, k)))
      k++;
    li->docnum = k - li->first_end >= 2 || k < li->end || li->piped;
  }
  li->verdict = has_verdict(sc, li->first, li->end);
  li->valid = true;
}

static const line_info *line_get(scan *sc, size_t start) {
  for (int k = 0; k < 4; k++)
    if (sc->cache[k].valid && sc->cache[k].start == start)
      return &sc->cache[k];
  line_info *li = &sc->cache[sc->cache_next++ % 4];
  line_compute(sc, li, start);
  return li;
}

/* Bring the line counter up to offset `to`. */
static void advance(scan *sc, size_t to) {
  if (to > sc->n)
    to = sc->n;
  while (sc->pos < to) {
    const char *nl = memchr(sc->s + sc->pos, '\n', to - sc->pos);
    if (!nl) {
      sc->pos = to;
      break;
    }
    sc->line_no++;
    sc->pos = (size_t)(nl - sc->s) + 1;
    sc->line_start = sc->pos;
  }
}

/* The line before the current one; its start, or WOO_UNSET. */
static size_t prev_line_start(const scan *sc) {
  if (sc->line_start == 0)
    return WOO_UNSET;
  size_t i = sc->line_start - 1; /* the '\n' */
  size_t limit = i > 4096 ? i - 4096 : 0;
  while (i > limit && sc->s[i - 1] != '\n')
    i--;
  return i == limit && limit > 0 ? WOO_UNSET : i;
}

static bool recent_table(const scan *sc) {
  return sc->table_line && sc->line_no + 1 - sc->table_line <= RECENT_LINES;
}

/* The text around the line speaks of an inventory. */
static bool table_context(scan *sc, const line_info *li) {
  if (li->docnum || li->verdict || recent_table(sc))
    return true;
  size_t p = prev_line_start(sc);
  if (p != WOO_UNSET && line_get(sc, p)->verdict)
    return true;
  if (li->end < sc->n && line_get(sc, li->end + 1)->verdict)
    return true;
  return false;
}

/* Whether the Markdown table holding line `li` is an inventory: its
 * header (the top row of the run of '|' rows) names a grounds or verdict
 * column ("grond", "weigeringsgrond", "beoordeling", "openbaarmaking").
 * A table of action points or of people is none: a code in it stands
 * where a name was withheld.  The answer is kept for the following rows,
 * so each table is looked up once. */
static bool pipe_inventory(scan *sc, const line_info *li) {
  if (sc->pipe_valid && li->end == sc->pipe_end)
    return sc->pipe_grounds;
  size_t top = li->start;
  for (int k = 0; k < 64 && top > 0; k++) {
    /* Reached the last row already looked up: the same table.  So every
     * line is walked over once, however many rows hold codes. */
    if (sc->pipe_valid && top == sc->pipe_end + 1) {
      sc->pipe_end = li->end;
      return sc->pipe_grounds;
    }
    size_t p = top - 1; /* the '\n' ending the line above */
    size_t lim = p > 4096 ? p - 4096 : 0;
    size_t q = p;
    while (q > lim && sc->s[q - 1] != '\n')
      q--;
    if (q == lim && lim > 0)
      break;
    if (!line_get(sc, q)->piped)
      break;
    top = q;
  }
  const line_info *h = line_get(sc, top);
  static const char *const words[] = {"grond", "beoordeling", "openbaar",
                                      NULL};
  bool found = false;
  for (size_t i = h->start; i < h->end && !found; i++)
    for (int w = 0; words[w] && !found; w++) {
      size_t k = 0;
      while (words[w][k] && i + k < h->end &&
             lower(at(sc, i + k)) == words[w][k])
        k++;
      found = !words[w][k];
    }
  sc->pipe_valid = true;
  sc->pipe_end = li->end;
  sc->pipe_grounds = found;
  return found;
}

/* Whether [start) begins a table cell: line start, 2+ blanks before, or
 * a bar in a Markdown row. */
static bool cell_start(const scan *sc, const line_info *li, size_t start) {
  if (start == li->first)
    return true;
  if (li->piped) {
    size_t k = start;
    while (k > li->start && k + 3 > start && is_blank(before(sc, k)))
      k--;
    if (before(sc, k) == '|')
      return true;
  }
  if (start >= 2 && start - 2 >= li->start) {
    int a = before(sc, start), b = before(sc, start - 1);
    if (a == '\t' || (is_blank(a) && is_blank(b)))
      return true;
  }
  return false;
}

/* ---- look-back tests ---------------------------------------------------- */

/* The ASCII word ending just before `i` (skipping blanks and at most one
 * trailing '.'), lower-cased into buf; "" if none. */
static void word_before(const scan *sc, size_t i, char *buf, size_t size) {
  size_t lim = i > 32 ? i - 32 : 0;
  while (i > lim && is_blank(before(sc, i)))
    i--;
  if (i > lim && before(sc, i) == '.')
    i--;
  size_t e = i;
  while (i > lim && is_alpha(before(sc, i)))
    i--;
  size_t n = e - i < size - 1 ? e - i : size - 1;
  for (size_t k = 0; k < n; k++)
    buf[k] = (char)lower(at(sc, i + k));
  buf[n] = '\0';
}

static bool in_list(const char *w, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (list[i][0] == w[0] && strcmp(w, list[i]) == 0)
      return true;
  return false;
}

/* Words after which a number is a reference or a quantity, not a code. */
static const char *const ref_words[] = {
    "pagina", "pag", "p", "pp", "blz", "nr", "nummer", "versie", "v",
    "hoofdstuk", "paragraaf", "par", "bijlage", "tabel", "figuur", "fig",
    "stap", "fase", "punt", "agendapunt", "onderdeel", "document",
    "documenten", "doc", "item", "regel", "sectie", "ca", "circa", "eur",
    "ongeveer", "bijna", "ruim", "release", "build", "ip", "tel", "telefoon",
    "kamerstuk", "kamerstukken", "rubriek", "model", "zaaknummer",
    /* versions of software */
    "version", "update", "updates", "patch", "upgrade", "editie", "sp",
    "servicepack", "fixpack", "firmware", NULL};

/* Software a version number follows ("Java 11.1", "Oracle Database
 * 10.2.9"), and words that end a product's name ("ArcGIS Enterprise").
 * Matched only when capitalised, so the Dutch words among them ("word",
 * "teams", "exact") do not count in running text. */
static const char *const product_words[] = {
    "arcgis", "esri", "qgis", "autocad", "windows", "office", "exchange",
    "outlook", "sharepoint", "teams", "word", "excel", "powerpoint", "java",
    "python", "php", "perl", "oracle", "sap", "citrix", "vmware", "vsphere",
    "android", "ios", "macos", "linux", "ubuntu", "debian", "rhel", "centos",
    "chrome", "firefox", "safari", "edge", "acrobat", "adobe", "microsoft",
    "postgresql", "postgres", "mysql", "mariadb", "tomcat", "apache", "nginx",
    "iis", "drupal", "wordpress", "joomla", "typo", "kubernetes", "docker",
    "node", "angular", "react", "tls", "ssl", "http", "spss", "matlab",
    "corsa", "decos", "verseon", "topdesk", "djuma", "mozard", "afas",
    "exact", "navision", "dynamics", "tableau", "qlik", "powerbi", "citrix",
    /* the end of a product's name */
    "enterprise", "server", "desktop", "pro", "studio", "suite", "cloud",
    "online", "portal", "manager", "framework", "platform", "edition",
    "professional", "express", "client", "gateway", "database", "runtime",
    "reader", "explorer", "software", "app", NULL};

/* Units and quantities a number can be followed by. */
static const char *const unit_words[] = {
    "procent", "miljoen", "mln", "miljard", "mld", "mrd", "duizend", "gram",
    "kg", "km", "m", "cm", "mm", "liter", "ton", "uur", "u", "min", "minuten",
    "euro", "eur", "jaar", "keer", "ha", "graden", "kwh", "mw", "ppm", "x",
    "maanden", "weken", "dagen", "seconden", "kilo", "meter", "punten",
    "procentpunt", "pagina", "paginas", "personen", "stuks", NULL};

/* Citation cue words: a code after one of these is cited, not applied. */
static const char *const cue_words[] = {
    "artikel", "artikelen", "grond", "ingevolge", "krachtens", "bedoeld",
    "vermelding", "afkorting", "aanduiding", "aangeduid", "code", "codes",
    "kolom", "conform", "uitzonderingsgrond", "uitzonderingsgronden",
    "weigeringsgrond", "weigeringsgronden", "notatiewijze", NULL};

/* Whether the `n` bytes at `s` spell `w` (lower case ASCII) in any case. */
static bool same_word(const unsigned char *s, size_t n, const char *w) {
  size_t k = 0;
  for (; k < n && w[k]; k++)
    if (lower(s[k]) != w[k])
      return false;
  return k == n && !w[k];
}

static bool cue_before(const scan *sc, size_t start, size_t floor) {
  size_t lim = start > CUE_WINDOW ? start - CUE_WINDOW : 0;
  if (lim < floor)
    lim = floor;
  /* start <= sc->n: the bytes below it are read without bounds tests. */
  const unsigned char *u = (const unsigned char *)sc->s;
  size_t i = start;
  while (i > lim) {
    while (i > lim && !is_alpha(u[i - 1])) {
      if (u[i - 1] == '\n' && i >= 2 && u[i - 2] == '\n')
        return false; /* paragraph break */
      i--;
    }
    size_t e = i;
    while (i > lim && is_alpha(u[i - 1]))
      i--;
    if (e == i)
      break;
    if (i == lim && lim > 0 && is_alpha(u[i - 1]))
      break; /* cut word */
    /* Only words of a cue word's length (4 to 20 letters) and with the
     * first letter of one are compared. */
    if (e - i < 4 || e - i > 20)
      continue;
    int first = lower(u[i]);
    switch (first) {
    case 'a': case 'b': case 'c': case 'g': case 'i': case 'k': case 'n':
    case 'u': case 'v': case 'w':
      break;
    default:
      continue;
    }
    for (int k = 0; cue_words[k]; k++)
      if (cue_words[k][0] == first && same_word(u + i, e - i, cue_words[k]))
        return true;
  }
  return false;
}

/* Quotes directly around the code mark it as mentioned, not applied. */
static bool quoted(const scan *sc, size_t start, size_t end) {
  int b = before(sc, start);
  if (b == '\'' || b == '"')
    return true;
  if (start >= 3 && (unsigned char)sc->s[start - 3] == 0xE2 &&
      (unsigned char)sc->s[start - 2] == 0x80) {
    unsigned c = (unsigned char)sc->s[start - 1];
    if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D)
      return true;
  }
  (void)end;
  return false;
}

/* ---- the number parser -------------------------------------------------- */

enum { SEP_NONE = 0, SEP_DOT = 1, SEP_COMMA = 2, SEP_SPACE = 4,
       SEP_LOOSE = 8 };

/* A separator between code parts: ".", ",", " .", ". ", " " or "  ". */
static size_t read_sep(const scan *sc, size_t i, unsigned *kind) {
  size_t j = i;
  size_t pre = 0;
  while (pre < 2 && is_blank(at(sc, j))) {
    j++;
    pre++;
  }
  int c = at(sc, j);
  if (c == '.' || c == ',') {
    *kind = (c == '.' ? SEP_DOT : SEP_COMMA) | (pre ? SEP_LOOSE : 0);
    j++;
    if (is_blank(at(sc, j)) && !is_blank(at(sc, j + 1))) {
      *kind |= SEP_LOOSE;
      j++;
    }
    return j - i;
  }
  if (pre) {
    *kind = SEP_SPACE;
    return pre;
  }
  *kind = SEP_NONE;
  return 0;
}

/* A single digit at i that does not continue into a longer number. */
static int single_digit(const scan *sc, size_t i) {
  if (!is_digit(at(sc, i)) || is_digit(at(sc, i + 1)))
    return -1;
  return at(sc, i) - '0';
}

/* A sub-paragraph letter at i: one letter, not the start of a word.
 * "9" is accepted as OCR damage of "g". */
static int sub_letter(const scan *sc, size_t i, bool *repaired) {
  int c = at(sc, i);
  *repaired = false;
  if (is_alpha(c)) {
    int n = at(sc, i + 1);
    if (is_alpha(n) || is_digit(n))
      return -1;
    /* "e-mail", "e-mailadres": the letter starts a word */
    if (n == '-' && is_alpha(at(sc, i + 2)))
      return -1;
    return lower(c);
  }
  if (c == '9' && !is_digit(at(sc, i + 1)) &&
      !((at(sc, i + 1) == '.' || at(sc, i + 1) == ',') &&
        is_digit(at(sc, i + 2)))) {
    *repaired = true;
    return 'g';
  }
  return -1;
}

static const char *const ordinals[] = {"eerste", "tweede", "derde", "vierde",
                                       "vijfde", "zesde", "zevende", NULL};

/* Law named after a lid/prose form: " Woo", " Wob", ", van de Wob". */
static size_t law_suffix(const scan *sc, size_t i, bool prose, woo_law *law) {
  size_t j = i;
  if (prose) {
    if (at(sc, j) == ',')
      j++;
    j = skip_ws(sc, j, 1, i + 8);
    size_t w = word_at(sc, j, "van");
    if (!w)
      return 0;
    j = skip_ws(sc, j + w, 1, j + w + 4);
    w = word_at(sc, j, "de");
    if (!w)
      return 0;
    j = skip_ws(sc, j + w, 1, j + w + 4);
  } else {
    /* " Wob", and ", Woo" after a bare letter ("lid 2 e, Woo") */
    if (at(sc, j) == ',')
      j++;
    if (!is_blank(at(sc, j)))
      return 0;
    j++;
  }
  if (word_at(sc, j, "woo")) {
    *law = WOO_LAW_WOO;
    return j + 3 - i;
  }
  if (word_at(sc, j, "wob")) {
    *law = WOO_LAW_WOB;
    return j + 3 - i;
  }
  return 0;
}

static void set_code(cand *c, int a, int b, int l, int x) {
  /* Every code the parser builds has single digits after the article;
   * written by hand, as this runs for every number that looks like one. */
  if ((a == 4 || a == 5 || a == 10 || a == 11) && b >= 0 && b <= 9 &&
      l >= 0 && l <= 9 && (x == 0 || (x >= 'a' && x <= 'z'))) {
    char *p = c->code;
    if (a >= 10)
      *p++ = '1';
    *p++ = (char)('0' + a % 10);
    *p++ = '.';
    if (a < 10) {
      *p++ = (char)('0' + b);
      *p++ = '.';
    }
    *p++ = (char)('0' + l);
    if (x) {
      *p++ = '.';
      *p++ = (char)x;
    }
    *p = '\0';
    return;
  }
  if (a == 10 || a == 11) {
    if (x)
      snprintf(c->code, sizeof c->code, "%d.%d.%c", a, l, x);
    else
      snprintf(c->code, sizeof c->code, "%d.%d", a, l);
  } else if (x) {
    snprintf(c->code, sizeof c->code, "%d.%d.%d.%c", a, b, l, x);
  } else {
    snprintf(c->code, sizeof c->code, "%d.%d.%d", a, b, l);
  }
}

/* A sub-paragraph letter written without "sub" or "onder" ("lid 2 e"):
 * only where the article and paragraph have letters, only a letter that
 * names a registered ground, and not an abbreviation ("e.v.", "a.s."). */
static int bare_letter(const scan *sc, size_t i, int a, int b, int lid) {
  bool rep;
  int x = sub_letter(sc, i, &rep);
  if (x <= 0 || rep)
    return -1;
  if (at(sc, i + 1) == '.' && is_alpha(at(sc, i + 2)))
    return -1;
  cand t;
  set_code(&t, a, b, lid, x);
  return woo__ground_lookup(t.code) ? x : -1;
}

/* "lid 2 sub e", "tweede lid, aanhef en onder e en g", "lid 2 e Wob":
 * after the article number, which ends at i.  `prefixed` says "art." or
 * "artikel" stands before it.  Fills out[] and returns the count. */
static int parse_lid(const scan *sc, size_t start, size_t i, int a, int b,
                     bool prefixed, cand *out) {
  size_t lim = start + PROSE_MAX;
  size_t j = skip_ws(sc, i, 1, lim);
  if (at(sc, j) == ',')
    j = skip_ws(sc, j + 1, 1, lim);
  int lid = -1;
  bool prose = false;
  size_t w;
  if ((w = word_at(sc, j, "lid"))) {
    j = skip_ws(sc, j + w, 1, lim);
    lid = single_digit(sc, j);
    if (lid < 0)
      return 0;
    j++;
  } else {
    for (int k = 0; ordinals[k]; k++)
      if ((w = word_at(sc, j, ordinals[k]))) {
        size_t m = skip_ws(sc, j + w, 1, lim);
        size_t w2 = word_at(sc, m, "lid");
        if (!w2)
          return 0;
        lid = k + 1;
        prose = true;
        j = m + w2;
        break;
      }
    if (lid < 0)
      return 0;
  }
  /* Sub-paragraph letters. */
  int letters[MAX_CANDS];
  size_t lpos[MAX_CANDS];
  int nl = 0;
  size_t end = j;
  size_t m = skip_ws(sc, j, 1, lim);
  if (at(sc, m) == ',')
    m = skip_ws(sc, m + 1, 1, lim);
  if ((w = word_at(sc, m, "aanhef"))) {
    m = skip_ws(sc, m + w, 1, lim);
    if (at(sc, m) == ',')
      m = skip_ws(sc, m + 1, 1, lim);
    if ((w = word_at(sc, m, "en")))
      m = skip_ws(sc, m + w, 1, lim);
  }
  /* "sub e", "onder e"; or, in the short form, a bare letter: "lid 2 e",
   * "lid 2, e", even glued ("lid 2e") when the law follows. */
  bool bare = false;
  if ((w = word_at(sc, m, "sub")) || (w = word_at(sc, m, "onder")) ||
      (w = word_at(sc, m, "onderdeel"))) {
    m = skip_ws(sc, m + w, 1, lim);
  } else if (!prose) {
    bare = true;
  } else {
    m = lim; /* no letter */
  }
  bool rep = false;
  int x = m >= lim ? -1
          : bare   ? bare_letter(sc, m, a, b, lid)
                   : sub_letter(sc, m, &rep);
  if (x > 0 && !rep) {
    letters[nl] = x;
    lpos[nl++] = m;
    end = m + 1;
    /* More letters: "onder c en d", "onder a, e en g", "lid 2 e en g". */
    while (nl < MAX_CANDS) {
      size_t q = skip_ws(sc, end, 1, lim);
      if (at(sc, q) == ',')
        q++;
      else if ((w = word_at(sc, q, "en")) || (w = word_at(sc, q, "of")))
        q += w;
      else
        break;
      q = skip_ws(sc, q, 1, lim);
      if (q >= lim)
        break;
      x = bare ? bare_letter(sc, q, a, b, lid) : sub_letter(sc, q, &rep);
      if (x <= 0 || rep)
        break;
      letters[nl] = x;
      lpos[nl++] = q;
      end = q + 1;
    }
  }
  woo_law law = WOO_LAW_NONE;
  size_t suf = law_suffix(sc, end, prose, &law);
  /* A bare letter is a sub-paragraph only between "art." and the law's
   * name, or glued to the paragraph number with the law after it; else
   * "lid 2 e" may be anything ("… lid 2 e.d."). */
  if (bare && nl > 0 &&
      (law == WOO_LAW_NONE ? !prefixed || lpos[0] == j : false)) {
    nl = 0;
    end = j;
    suf = law_suffix(sc, end, prose, &law);
  }
  bool wob = a == 10 || a == 11;
  if ((law == WOO_LAW_WOO && wob) || (law == WOO_LAW_WOB && !wob))
    return 0;
  if (nl == 0) {
    letters[0] = 0;
    lpos[0] = end;
    nl = 1;
  }
  for (int k = 0; k < nl; k++) {
    cand *c = &out[k];
    memset(c, 0, sizeof *c);
    c->start = k == 0 ? start : lpos[k];
    c->end = k == 0 ? (nl == 1 ? end + suf : lpos[0] + 1) : lpos[k] + 1;
    if (nl > 1 && k == nl - 1)
      c->end = lpos[k] + 1;
    c->notation = prose ? WOO_NOTATION_PROSE : WOO_NOTATION_LID;
    c->prose = prose;
    c->digit_end = letters[k] == 0;
    set_code(c, a, b, lid, letters[k]);
    if (nl > 1)
      c->flags |= WOO_CODE_IN_LIST;
  }
  return nl;
}

/* Parse a code whose number starts at i; `start` is where its raw text
 * begins (an "art." prefix, "^{", …).  Returns the number of candidates
 * written to out (0 when this is no code). */
static int parse_number(const scan *sc, size_t start, size_t i, cand *out) {
  size_t j = i;
  int a;
  bool repaired = false;
  /* Article number: 4, 5, 10 or 11; OCR writes "1 0 ." and "1 1 .". */
  if (at(sc, j) == '1' && is_blank(at(sc, j + 1)) &&
      (at(sc, j + 2) == '0' || at(sc, j + 2) == '1') &&
      !is_digit(at(sc, j + 3)) &&
      (at(sc, j + 3) == '.' ||
       (is_blank(at(sc, j + 3)) && at(sc, j + 4) == '.'))) {
    a = 10 + (at(sc, j + 2) - '0');
    j += 3;
    repaired = true;
  } else {
    size_t d = j;
    while (is_digit(at(sc, d)))
      d++;
    if (d - j > 2 || at(sc, j) == '0')
      return 0;
    a = at(sc, j) - '0';
    if (d - j == 2)
      a = a * 10 + at(sc, j + 1) - '0';
    j = d;
  }
  if (a != 4 && a != 5 && a != 10 && a != 11)
    return 0;

  bool woo = a == 4 || a == 5;
  int b = 0;
  unsigned seps = 0, k1;
  size_t q;
  if (woo) {
    /* "5.1" / "5,1" must come first, also before "lid". */
    q = read_sep(sc, j, &k1);
    if (!(k1 & (SEP_DOT | SEP_COMMA)) || (k1 & SEP_LOOSE))
      return 0;
    b = single_digit(sc, j + q);
    if (b < 0)
      return 0;
    seps |= k1;
    j += q + 1;
  }
  /* "10 lid 2 sub e", "5.1, tweede lid, …" */
  bool prefixed = start < i && lower(at(sc, start)) == 'a';
  int n = parse_lid(sc, start, j, a, b, prefixed, out);
  if (n > 0) {
    bool registered = false;
    for (int k = 0; k < n; k++)
      registered |= woo__ground_lookup(out[k].code) != NULL;
    return registered || !out[0].digit_end ? n : 0;
  }

  cand *c = &out[0];
  memset(c, 0, sizeof *c);
  c->start = start;
  unsigned kind;
  int lid, x = 0;
  bool glued_letter = false, rep = false;
  if (woo) {
    /* 5.1.2.e, 5.1.2e, 5.1,2,e, 5.1.5, 5.2.1, 4.1.4 */
    q = read_sep(sc, j, &kind);
    if (kind == SEP_NONE)
      return 0;
    lid = single_digit(sc, j + q);
    if (lid < 0)
      return 0;
    seps |= kind;
    j += q + 1;
    if (a == 5 && b == 1 && (lid == 1 || lid == 2 || lid == 3 || lid == 4)) {
      q = read_sep(sc, j, &kind);
      x = sub_letter(sc, j + q, &rep);
      if (x < 0 || rep)
        return 0;
      if (kind == SEP_NONE)
        glued_letter = true;
      seps |= kind;
      j += q + 1;
    }
  } else {
    /* 10.2.e, 10.2e, 10 2 e, 10.2.9, 11.1 */
    q = read_sep(sc, j, &kind);
    if (kind == SEP_NONE)
      return 0;
    lid = single_digit(sc, j + q);
    if (lid < 0 && a == 10 && (kind & (SEP_DOT | SEP_COMMA)) &&
        (at(sc, j + q) == 'I' || at(sc, j + q) == 'l') &&
        (at(sc, j + q + 1) == '.' || at(sc, j + q + 1) == ',')) {
      lid = 1; /* "10.I.c": OCR reads 1 as I or l */
      repaired = true;
    }
    if (lid < 0)
      return 0;
    seps |= kind;
    j += q + 1;
    if (a == 10) {
      q = read_sep(sc, j, &kind);
      x = sub_letter(sc, j + q, &rep);
      if (x < 0)
        return 0;
      if (kind == SEP_NONE)
        glued_letter = true;
      if (rep && (kind & SEP_SPACE))
        return 0; /* "10 2 9" is three numbers */
      seps |= kind;
      j += q + 1;
      repaired |= rep;
    }
  }
  c->end = j;
  c->digit_end = x == 0;
  set_code(c, a, b, lid, x);
  if (c->digit_end && !woo__ground_lookup(c->code))
    return 0;

  /* Shape checks. */
  int nx = at(sc, j);
  if (is_digit(nx) || ((nx == '.' || nx == ',') && is_digit(at(sc, j + 1))))
    return 0; /* a longer number: a date, an IP address, a version */
  if (c->digit_end && is_alpha(nx))
    return 0; /* "11.1a", "4.1.4b" */
  bool punct = seps & (SEP_DOT | SEP_COMMA);
  if (!punct && (c->digit_end || glued_letter))
    return 0; /* "11 1", "4 1 4", "10 2e" are numbers */
  if (c->digit_end && (seps & SEP_SPACE))
    return 0;

  if (seps & SEP_COMMA)
    c->notation = WOO_NOTATION_COMMA;
  else if (glued_letter)
    c->notation = WOO_NOTATION_COMPACT;
  else if ((seps & SEP_SPACE) || (!repaired && (seps & SEP_LOOSE)))
    c->notation = WOO_NOTATION_SPACED;
  else
    c->notation = WOO_NOTATION_DOTTED;
  if (c->digit_end && (seps & SEP_COMMA))
    c->weak = true;
  if ((seps & SEP_LOOSE) && c->digit_end)
    c->weak = true;
  if (repaired)
    c->flags |= WOO_CODE_REPAIRED;
  return 1;
}

static bool number_inside(const scan *sc, size_t i, bool *glued);

/* ---- status words ------------------------------------------------------- */

/* Match `phrase` at i: case-insensitive; a space in the phrase matches
 * one to three blanks or a hyphen; OCR may split a word after its first
 * letter ("D eels O penbaar").  Returns the length or 0. */
static size_t phrase_at(const scan *sc, size_t i, const char *phrase) {
  size_t j = i;
  bool word_start = true;
  for (const char *p = phrase; *p; p++) {
    if (*p == ' ') {
      size_t b = 0;
      while (b < 3 && is_blank(at(sc, j + b)))
        b++;
      if (b == 0 && at(sc, j) == '-')
        b = 1;
      if (b == 0)
        return 0;
      j += b;
      word_start = true;
      continue;
    }
    if (lower(at(sc, j)) != *p)
      return 0;
    j++;
    if (word_start && p[1] && p[1] != ' ' && at(sc, j) == ' ' &&
        lower(at(sc, j + 1)) == p[1] && isupper_ascii(at(sc, j - 1)))
      j++;
    word_start = false;
  }
  return is_alpha(at(sc, j)) ? 0 : j - i;
}

typedef struct status_word {
  const char *phrase;
  const char *canonical;
} status_word;

/* Longest first where one is a prefix of another. */
static const status_word statuses[] = {
    {"buiten de reikwijdte", "buiten reikwijdte"},
    {"buiten reikwijdte", "buiten reikwijdte"},
    {"buiten het verzoek", "buiten reikwijdte"},
    {"buiten verzoek", "buiten reikwijdte"},
    {"niet openbaar", "niet openbaar"},
    {"deels openbaar", "deels openbaar"},
    {"reeds openbaar", "reeds openbaar"},
    {"dubbel", "dubbel"},
    {"openbaar", "openbaar"},
    {NULL, NULL}};

/* What may follow a status word that fills a cell. */
static bool status_follow_ok(const scan *sc, size_t e) {
  int c = at(sc, e);
  if (c < 0 || c == '\n' || c == '\r')
    return true;
  if (c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == '/' ||
      c == ']' || c == '|')
    return true;
  if (!is_blank(c))
    return false;
  int d = at(sc, e + 1);
  if (is_blank(d) || d == '\n' || d == '\r' || d < 0 || is_digit(d) ||
      d == '(' || d == '|')
    return true;
  static const char *const next[] = {"en", "zie", "verzoek", "deels",
                                     "wegens", "van", "met", NULL};
  for (int k = 0; next[k]; k++)
    if (word_at(sc, e + 1, next[k]))
      return true;
  return false;
}

/* ---- roles and emission ------------------------------------------------- */

/* How the text between two codes joins them: -1 not at all, 0 blanks
 * only, 1 a list joiner (";", "/", "+", ",", "&", "en", "of"). */
static int gap_join(const scan *sc, size_t a, size_t b, bool allow_deels) {
  if (b < a || b - a > GAP_MAX)
    return -1;
  size_t i = a;
  int lines = 0, joiners = 0;
  while (i < b) {
    int c = at(sc, i);
    if (c == '\n') {
      if (++lines > 1)
        return -1;
      i++;
    } else if (is_ws(c)) {
      i++;
    } else if (c == ';' || c == '/' || c == '+' || c == ',' || c == '&') {
      joiners++;
      i++;
    } else {
      size_t w = word_at(sc, i, "en");
      if (!w)
        w = word_at(sc, i, "of");
      if (w)
        joiners++;
      else if (allow_deels)
        w = word_at(sc, i, "deels");
      if (!w || i + w > b)
        return -1;
      i += w;
    }
  }
  if (joiners > 2)
    return -1;
  return joiners ? 1 : 0;
}

static int push(scan *sc, const woo_code *code) {
  woo_codes *l = sc->out;
  if (l->n == l->cap && woo__grow(&l->v, &l->cap, sizeof *l->v, 64))
    return WOO_ENOMEM;
  l->v[l->n++] = *code;
  return 0;
}

/* The rest of the line after `e`, up to a bound, holds nothing but
 * further codes and joiners: the code ends its row. */
static bool ends_row(const scan *sc, size_t e) {
  for (size_t i = e; i < sc->n && i < e + 64; i++) {
    int c = at(sc, i);
    if (c == '\n' || c == '\r')
      return true;
    if (!(is_blank(c) || is_digit(c) || c == '(' || c == ')' || c == '.' ||
          c == ',' || c == ';' || c == '/' || c == '+' || c == '|' ||
          (c >= 'a' && c <= 'i')))
      return false;
  }
  return at(sc, e) < 0 || e + 64 >= sc->n;
}

/* A numbered heading ("4.1.4 Resultaten", "11.1  Bijlage"): a digit-only
 * code as the first token of its line, followed by a title. */
static bool heading(scan *sc, const line_info *li, const cand *c) {
  if (!c->digit_end || c->start != li->first)
    return false;
  if (c->start - li->start >= 8 && recent_table(sc))
    return false; /* a grounds column on a continuation row */
  size_t j = c->end;
  if (at(sc, j) == '.')
    j++;
  while (j < li->end && is_blank(at(sc, j)))
    j++;
  if (j >= li->end || !is_alpha(at(sc, j)))
    return false;
  static const char *const ok[] = {"en", "of", "woo", "wob", NULL};
  for (int k = 0; ok[k]; k++)
    if (word_at(sc, j, ok[k]))
      return false;
  for (int k = 0; statuses[k].phrase; k++)
    if (phrase_at(sc, j, statuses[k].phrase))
      return false;
  return true;
}

/* The word that ends on the current line just before `i` (blanks
 * between): its span in *ws, *we; false when there is none. */
static bool word_span_before(const scan *sc, size_t i, size_t lo, size_t *ws,
                             size_t *we) {
  while (i > lo && is_blank(before(sc, i)))
    i--;
  size_t e = i;
  while (i > lo && e - i < 32 && is_alpha(before(sc, i)))
    i--;
  if (i == e || (i > lo && is_alpha(before(sc, i))))
    return false;
  *ws = i;
  *we = e;
  return true;
}

/* "ArcGIS", "SharePoint", "iOS": a capital after a small letter inside a
 * word.  Ministry names joined by "en" ("IenW", "OCenW") do not count. */
static bool camel_case(const scan *sc, size_t a, size_t b) {
  for (size_t k = a + 1; k < b; k++)
    if (isupper_ascii(at(sc, k)) && !isupper_ascii(at(sc, k - 1)) &&
        !(k - a >= 3 && lower(at(sc, k - 2)) == 'e' && at(sc, k - 1) == 'n'))
      return true;
  return false;
}

static bool product_word(const scan *sc, size_t a, size_t b) {
  if (camel_case(sc, a, b))
    return true;
  if (!isupper_ascii(at(sc, a)) || b - a >= 24)
    return false;
  char w[24];
  for (size_t k = a; k < b; k++)
    w[k - a] = (char)lower(at(sc, k));
  w[b - a] = '\0';
  return in_list(w, product_words);
}

enum { VERSION_NO = 0, VERSION_WEAK = 1, VERSION_STRONG = 2 };

/* Whether a number ending in a digit ("11.1", "4.1.4", "10.2.9") is the
 * version of a product: after a product's name it is (STRONG); after a
 * capitalised word in mid-sentence it may be (WEAK: "De overstap naar
 * Navigator 11.1"), which the caller settles by the rest of the text. */
static int version_of_product(const scan *sc, const line_info *li,
                              const cand *c) {
  size_t ws, we, ps, pe;
  if (!word_span_before(sc, c->start, li->start, &ws, &we) ||
      !(is_blank(before(sc, c->start))))
    return VERSION_NO;
  if (product_word(sc, ws, we))
    return VERSION_STRONG;
  if (!isupper_ascii(at(sc, ws)))
    return VERSION_NO;
  /* "Adobe Acrobat", "Oracle Database": a capitalised word after a
   * product's name. */
  bool prev = word_span_before(sc, ws, li->start, &ps, &pe);
  if (prev && product_word(sc, ps, pe))
    return VERSION_STRONG;
  /* Mid-sentence: a word or a comma before the capitalised one. */
  size_t k = ws;
  while (k > li->start && is_blank(before(sc, k)))
    k--;
  if (k > li->start && k < ws &&
      (is_alpha(before(sc, k)) || is_digit(before(sc, k)) ||
       before(sc, k) == ','))
    return VERSION_WEAK;
  return VERSION_NO;
}

/* A number that is a quantity or a reference rather than a code. */
static bool quantity(const scan *sc, const cand *c, bool verdict_before) {
  char w[24];
  word_before(sc, c->start, w, sizeof w);
  /* In the grounds cell of an inventory row, after the verdict,
   * "niet openbaar: concept versie 11.1" names the ground. */
  if (in_list(w, ref_words) && !verdict_before)
    return true;
  size_t j = c->end;
  if (is_blank(at(sc, j)))
    j++;
  if (at(sc, j) == '%')
    return true;
  size_t e = j;
  while (e < sc->n && e - j < sizeof w - 1 && is_alpha(at(sc, e)))
    e++;
  if (e == j || is_alpha(at(sc, e)))
    return false;
  for (size_t k = j; k < e; k++)
    w[k - j] = (char)lower(at(sc, k));
  w[e - j] = '\0';
  return in_list(w, unit_words);
}

/* A weak form ("11,1") stands only where a code can stand alone: at the
 * end of a cell or line, or before a list joiner. */
static bool weak_follow_ok(const scan *sc, size_t e) {
  int c = at(sc, e);
  if (c < 0 || c == '\n' || c == '\r' || c == ';' || c == ',' || c == '/' ||
      c == '+' || c == ')' || c == '|')
    return true;
  if (!is_blank(c))
    return false;
  int d = at(sc, e + 1);
  if (d < 0 || is_blank(d) || d == '\n' || d == '\r' || d == '|')
    return true;
  return word_at(sc, e + 1, "en") || word_at(sc, e + 1, "of");
}

static int emit(scan *sc, cand *c) {
  advance(sc, c->start);
  const woo_ground *g = woo__ground_lookup(c->code);
  if (!g) {
    if (!sc->unknown)
      return 0;
    c->flags |= WOO_CODE_UNKNOWN;
  }
  /* A code that opens its line is no document number of that line: a
   * withheld name in the first column of a table of people is a marker. */
  line_info row = *line_get(sc, sc->line_start);
  if (c->start == row.first)
    row.docnum = false;
  /* A row of a Markdown table that is no inventory is read as prose. */
  if (row.piped && !row.verdict && !sc->standalone &&
      !pipe_inventory(sc, &row)) {
    row.docnum = false;
    row.cells = 1;
  }
  const line_info *li = &row;
  woo_code out = {c->start, c->end, g, WOO_ROLE_MARKER, c->notation,
                  c->flags};
  woo_codes *l = sc->out;
  const woo_code *prev = l->n ? &l->v[l->n - 1] : NULL;
  int join = prev ? gap_join(sc, prev->end, c->start, c->status) : -1;

  if (sc->standalone) {
    out.role = c->status ? WOO_ROLE_STATUS
               : c->prose || c->artikel ? WOO_ROLE_CITATION
                                        : WOO_ROLE_MARKER;
    if (out.role == WOO_ROLE_CITATION && !sc->citations)
      return 0;
    return push(sc, &out);
  }

  if (c->status) {
    out.role = WOO_ROLE_STATUS;
    if (join == 1)
      out.flags |= WOO_CODE_IN_LIST;
    if (join == 1 && !(l->v[l->n - 1].flags & WOO_CODE_IN_LIST))
      l->v[l->n - 1].flags |= WOO_CODE_IN_LIST;
    sc->table_line = sc->line_no + 1;
    return push(sc, &out);
  }

  bool maybe_version = false;
  if (!c->prose && !c->artikel) {
    if (heading(sc, li, c))
      return 0;
    /* The verdict of an inventory row stands within a row's width. */
    size_t from = c->start - li->start > ROW_MAX ? c->start - ROW_MAX
                                                 : li->start;
    /* A line without a verdict has none before the code either. */
    bool verdict_before = li->verdict && has_verdict(sc, from, c->start);
    if (c->digit_end && quantity(sc, c, verdict_before))
      return 0;
    /* A version has digits only; markup ("^{5.2.1}") and the bracket form
     * are codes whatever stands before them. */
    if (is_digit(at(sc, c->end - 1)) && c->notation != WOO_NOTATION_PAREN &&
        !(c->flags & WOO_CODE_SUPERSCRIPT) && !verdict_before) {
      int v = version_of_product(sc, li, c);
      if (v == VERSION_STRONG)
        return 0;
      maybe_version = v == VERSION_WEAK;
    }
  }

  if (join >= 0 && prev && (join == 1 || prev->role != WOO_ROLE_MARKER)) {
    out.role = prev->role == WOO_ROLE_STATUS ? WOO_ROLE_TABLE : prev->role;
    if (join == 1) {
      out.flags |= WOO_CODE_IN_LIST;
      l->v[l->n - 1].flags |= WOO_CODE_IN_LIST;
    }
  } else if (c->prose || c->artikel) {
    out.role = WOO_ROLE_CITATION;
  } else if ((li->verdict && (li->docnum || li->cells >= 3)) ||
             (li->docnum && li->cells >= 3)) {
    /* An inventory row: every code on it is in a cell, whatever the
     * layout squeezed ("deels openbaar 10.2e; verwijderd 11.1"). */
    out.role = WOO_ROLE_TABLE;
  } else if (quoted(sc, c->start, c->end) ||
             cue_before(sc, c->start, prev ? prev->end : 0)) {
    out.role = WOO_ROLE_CITATION;
  } else if ((cell_start(sc, li, c->start) || ends_row(sc, c->end)) &&
             li->cells >= 2 && table_context(sc, li)) {
    out.role = WOO_ROLE_TABLE;
  } else if (li->cells == 1 && li->first > li->start + 20 &&
             recent_table(sc)) {
    out.role = WOO_ROLE_TABLE; /* a continuation row of the grounds column */
  } else {
    out.role = WOO_ROLE_MARKER;
  }

  if (c->weak && out.role != WOO_ROLE_TABLE && join != 1 &&
      !weak_follow_ok(sc, c->end))
    return 0;
  if (c->weak && !(join == 1 || weak_follow_ok(sc, c->end)))
    return 0;
  if (out.role == WOO_ROLE_CITATION && !sc->citations)
    return 0;
  if (out.role == WOO_ROLE_TABLE)
    sc->table_line = sc->line_no + 1;
  if (maybe_version && out.role == WOO_ROLE_MARKER)
    out.flags |= CODE_MAYBE_VERSION;
  return push(sc, &out);
}

/* Numbers that may be versions are codes in a text that carries other
 * codes; in a text with none they are versions ("De overstap naar
 * Navigator 11.1 is gepland"). */
static void settle_versions(woo_codes *l) {
  bool others = false;
  for (size_t i = 0; i < l->n && !others; i++)
    others = !(l->v[i].flags & (CODE_MAYBE_VERSION | WOO_CODE_UNKNOWN));
  size_t k = 0;
  for (size_t i = 0; i < l->n; i++) {
    if (!others && (l->v[i].flags & CODE_MAYBE_VERSION))
      continue;
    l->v[k] = l->v[i];
    l->v[k++].flags &= ~(unsigned)CODE_MAYBE_VERSION;
  }
  l->n = k;
}

/* ---- triggers ----------------------------------------------------------- */

/* Whether a number starting at i is the tail of something else: a longer
 * number, a date, a time, an amount, a paragraph sign. */
static bool number_inside(const scan *sc, size_t i, bool *glued) {
  int p = before(sc, i);
  *glued = false;
  if (is_digit(p))
    return true;
  if ((p == '.' || p == ',' || p == '-' || p == ':' || p == '/') &&
      is_digit(before(sc, i - 1)))
    return true;
  if (is_alpha(p))
    *glued = true;
  /* "§4.1.4", "€ 10,2", "€10.2.e" */
  size_t j = i;
  if (is_blank(before(sc, j)))
    j--;
  if (j >= 2 && (unsigned char)sc->s[j - 2] == 0xC2 &&
      (unsigned char)sc->s[j - 1] == 0xA7)
    return true;
  if (j >= 3 && (unsigned char)sc->s[j - 3] == 0xE2 &&
      (unsigned char)sc->s[j - 2] == 0x82 &&
      (unsigned char)sc->s[j - 1] == 0xAC)
    return true;
  if (before(sc, j) == '$' || before(sc, j) == '#')
    return true;
  return false;
}

/* "(10)(2e)", "(10)(1d)", "(11)(1)", "(10)(2)(e)". */
static int parse_paren(const scan *sc, size_t i, cand *c) {
  size_t j = i + 1;
  if (at(sc, j) != '1' || (at(sc, j + 1) != '0' && at(sc, j + 1) != '1') ||
      at(sc, j + 2) != ')')
    return 0;
  int a = 10 + at(sc, j + 1) - '0';
  j += 3;
  if (is_blank(at(sc, j)))
    j++;
  if (at(sc, j) != '(')
    return 0;
  int l = single_digit(sc, j + 1);
  if (l < 0)
    return 0;
  j += 2;
  int x = 0;
  if (is_alpha(at(sc, j)) && at(sc, j + 1) == ')') {
    x = lower(at(sc, j));
    j++;
  }
  if (at(sc, j) != ')')
    return 0;
  j++;
  if (!x && a == 10 && at(sc, j) == '(' && is_alpha(at(sc, j + 1)) &&
      at(sc, j + 2) == ')') {
    x = lower(at(sc, j + 1));
    j += 3;
  }
  if ((a == 10) != (x != 0))
    return 0;
  memset(c, 0, sizeof *c);
  c->start = i;
  c->end = j;
  c->notation = WOO_NOTATION_PAREN;
  c->digit_end = x == 0;
  set_code(c, a, 0, l, x);
  return 1;
}

static int parse_status(scan *sc, size_t i, cand *c) {
  size_t len = 0;
  int k;
  int first = lower(at(sc, i));
  for (k = 0; statuses[k].phrase; k++)
    if (statuses[k].phrase[0] == first &&
        (len = phrase_at(sc, i, statuses[k].phrase)))
      break;
  if (!len)
    return 0;
  const char *canon = statuses[k].canonical;
  size_t e = i + len;
  /* "buiten reikwijdte verzoek", "… van het verzoek": one cell */
  if (strcmp(canon, "buiten reikwijdte") == 0) {
    size_t w;
    if ((w = phrase_at(sc, e, " van het verzoek")) ||
        (w = phrase_at(sc, e, " verzoek")))
      e += w;
  }
  memset(c, 0, sizeof *c);
  c->start = i;
  c->end = e;
  c->status = true;
  c->notation = WOO_NOTATION_WORD;
  snprintf(c->code, sizeof c->code, "%s", canon);
  if (sc->standalone)
    return 1;

  advance(sc, i);
  const line_info *li = line_get(sc, sc->line_start);
  /* A label in brackets where text was withheld: "(buiten reikwijdte)". */
  int b = before(sc, i);
  if (b == '(' || b == '[') {
    size_t j = skip_ws(sc, e, 1, e + 40);
    if (at(sc, j) == ')' || at(sc, j) == ']')
      return 1;
  }
  /* In a list after another code: "10.2.e;buiten verzoek". */
  const woo_codes *l = sc->out;
  if (l->n && gap_join(sc, l->v[l->n - 1].end, i, true) == 1)
    return 1;
  /* A cell, possibly after "valt", "deels", "geheel": "Valt buiten
   * reikwijdte verzoek". */
  size_t cs = i;
  char w[16];
  word_before(sc, i, w, sizeof w);
  if ((strcmp(w, "valt") == 0 || strcmp(w, "vallen") == 0 ||
       strcmp(w, "deels") == 0 || strcmp(w, "geheel") == 0) &&
      before(sc, i) == ' ') {
    cs = i - 1;
    while (cs > li->start && is_alpha(before(sc, cs)))
      cs--;
  }
  /* A verdict directly followed by its ground: "Deels openbaar 10.2.e",
   * "Deels openbaar, deels 10.2.e" (layout squeezed to one blank). */
  if (canon[0] != 'o' && canon[1] != 'u') {
    size_t j = e;
    if (at(sc, j) == ',')
      j++;
    j = skip_ws(sc, j, 0, j + 3);
    size_t w2 = word_at(sc, j, "deels");
    if (w2)
      j = skip_ws(sc, j + w2, 0, j + w2 + 3);
    cand tmp[MAX_CANDS];
    bool g2;
    if (j > e && is_digit(at(sc, j)) && !number_inside(sc, j, &g2) &&
        parse_number(sc, j, j, tmp) == 1 && !tmp[0].digit_end)
      return 1;
  }
  if (!cell_start(sc, li, cs) || !status_follow_ok(sc, e))
    return 0;
  if (!(li->cells >= 2 || li->docnum || recent_table(sc) ||
        (cs - li->start >= 20 && table_context(sc, li))))
    return 0;
  if (strcmp(canon, "openbaar") == 0) {
    /* "Deels" or "Gedeeltelijk" above "openbaar": the verdict was wrapped
   * over two lines. */
    size_t p = prev_line_start(sc);
    size_t col = i - li->start;
    if (p != WOO_UNSET) {
      const line_info *pl = line_get(sc, p);
      size_t q = p + col;
      if (q < pl->end && (q == p || is_blank(before(sc, q)))) {
        if (word_at(sc, q, "deels") || word_at(sc, q, "gedeeltelijk"))
          snprintf(c->code, sizeof c->code, "deels openbaar");
        else if (word_at(sc, q, "niet"))
          snprintf(c->code, sizeof c->code, "niet openbaar");
        else if (word_at(sc, q, "reeds") || phrase_at(sc, q, "deels reeds"))
          snprintf(c->code, sizeof c->code, "reeds openbaar");
      }
    }
    /* Only a whole cell: not "openbaar gemaakt". */
    int f = at(sc, e);
    if (!(f < 0 || f == '\n' || f == '\r' || f == '.' ||
          (is_blank(f) && (is_blank(at(sc, e + 1)) || is_digit(at(sc, e + 1)) ||
                           at(sc, e + 1) == '\n'))))
      return 0;
  }
  return 1;
}

/* "art.", "Art.", "artikel" before a number.  Returns the offset of the
 * number or 0, and whether it was the full word. */
static size_t article_prefix(const scan *sc, size_t i, bool *full) {
  size_t w;
  *full = false;
  if ((w = word_at(sc, i, "artikel"))) {
    *full = true;
  } else if ((w = word_at(sc, i, "art"))) {
    if (at(sc, i + w) == '.')
      w++;
  } else {
    return 0;
  }
  size_t j = i + w;
  size_t k = skip_ws(sc, j, 1, j + 3);
  if (k == j && !(*full == false && at(sc, j - 1) == '.'))
    return 0;
  return is_digit(at(sc, k)) ? k : 0;
}

static int scan_text(scan *sc) {
  const char *s = sc->s;
  size_t n = sc->n;
  cand cands[MAX_CANDS];
  /* Only digits, "(", "^" and the first letter of a word start anything;
   * of letters only those of "art", "artikel" and the status words
   * (b, n, d, r, o) do, and only at a word's start.  `starts` is 2 for
   * the first kind, 1 for those letters, so the loop below passes over
   * the rest with a test per byte that rarely changes its answer. */
  unsigned char starts[256], alpha[256];
  /* Of those letters, a word can start something only with the second
   * letter of "art" or of a status word ("buiten", "niet", "deels",
   * "dubbel", "reeds", "openbaar"), or with a blank after a capital (OCR:
   * "D eels"): `lead` has a bit per first letter, `follow` the bits of
   * the first letters a byte may follow.  Most words that start with
   * these letters ("de", "door", "bij", "als") are passed over so. */
  unsigned char lead[256], follow[256];
  /* Set from short lists rather than byte by byte: a text is often a
   * short document, and this runs for each. */
  memset(starts, 0, sizeof starts);
  memset(alpha, 0, sizeof alpha);
  memset(lead, 0, sizeof lead);
  memset(follow, 0, sizeof follow);
  for (int c = '0'; c <= '9'; c++)
    starts[c] = 2;
  starts['('] = starts['^'] = 2;
  for (int c = 'a'; c <= 'z'; c++)
    alpha[c] = alpha[c - 32] = 1;
  static const char leads[] = "abndro", follows[] = "ruiep";
  static const unsigned char follow_bits[] = {1, 2 | 8, 4, 8 | 16, 32};
  for (int k = 0; leads[k]; k++) {
    unsigned char c = (unsigned char)leads[k];
    starts[c] = starts[c - 32] = 1;
    lead[c] = lead[c - 32] = (unsigned char)(1u << k);
  }
  for (int k = 0; follows[k]; k++) {
    unsigned char c = (unsigned char)follows[k];
    follow[c] = follow[c - 32] = follow_bits[k];
  }
  follow[' '] = 63;
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned prev = i ? alpha[u[i - 1]] : 0;
    for (;;) {
      unsigned st = starts[u[i]];
      if (st >> 1)
        break;
      if ((st & (prev ^ 1u)) && i + 1 < n && (lead[u[i]] & follow[u[i + 1]]))
        break;
      prev = alpha[u[i]];
      if (++i == n)
        return 0;
    }
    unsigned char ch = u[i];
    int got = 0;
    if (is_digit(ch)) {
      bool glued;
      if (!number_inside(sc, i, &glued)) {
        got = parse_number(sc, i, i, cands);
        if (got == 1 && glued &&
            (cands[0].digit_end || (cands[0].notation != WOO_NOTATION_DOTTED &&
                                    cands[0].notation != WOO_NOTATION_COMPACT &&
                                    cands[0].notation != WOO_NOTATION_COMMA)))
          got = 0;
        if (got > 0 && cands[0].notation == WOO_NOTATION_LID && glued)
          got = 0;
      }
      if (!got) {
        while (i < n && is_digit(s[i]))
          i++;
        continue;
      }
    } else if (ch == '(') {
      got = parse_paren(sc, i, cands);
    } else if (ch == '^' && i + 1 < n && s[i + 1] == '{') {
      const char *close = memchr(s + i, '}', n - i < SUPER_MAX ? n - i
                                                               : SUPER_MAX);
      size_t j = skip_ws(sc, i + 2, 0, i + SUPER_MAX);
      if (close && is_digit(at(sc, j)) &&
          parse_number(sc, i, j, cands) == 1 &&
          skip_ws(sc, cands[0].end, 0, (size_t)(close - s)) ==
              (size_t)(close - s)) {
        cands[0].end = (size_t)(close - s) + 1;
        cands[0].flags |= WOO_CODE_SUPERSCRIPT;
        got = 1;
      }
    } else if ((ch == 'a' || ch == 'A') && !is_alpha(before(sc, i))) {
      bool full;
      size_t k = article_prefix(sc, i, &full);
      if (k && !number_inside(sc, k, &(bool){false})) {
        got = parse_number(sc, i, k, cands);
        for (int m = 0; m < got; m++)
          cands[m].artikel = full;
      }
    }
    if (!got && is_alpha(ch) && !is_alpha(before(sc, i))) {
      int lc = lower(ch);
      if (lc == 'b' || lc == 'n' || lc == 'd' || lc == 'r' || lc == 'o')
        got = parse_status(sc, i, cands);
    }
    if (!got) {
      i++;
      continue;
    }
    for (int m = 0; m < got; m++) {
      int rc = emit(sc, &cands[m]);
      if (rc)
        return rc;
    }
    i = cands[got - 1].end > i ? cands[got - 1].end : i + 1;
  }
  return 0;
}

/* ---- public API --------------------------------------------------------- */

int woo__codes_scan(woo_codes **out, const char *text, size_t len,
                    const woo_codes_options *opts, bool standalone) {
  if (!out)
    return woo__error(WOO_EINVAL, "codes: out is NULL");
  *out = NULL;
  if (!text && len)
    return woo__error(WOO_EINVAL, "codes: text is NULL");
  if (opts && opts->version != WOO_CODES_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "codes: options version %u, expected %u",
                      opts->version, WOO_CODES_OPTIONS_VERSION);
  woo_codes_options defaults = WOO_CODES_OPTIONS_INIT;
  if (!opts)
    opts = &defaults;
  woo_codes *list = woo__calloc(1, sizeof *list);
  if (!list)
    return woo__oom();
  scan sc;
  memset(&sc, 0, sizeof sc);
  sc.s = text ? text : "";
  sc.n = len;
  sc.unknown = opts->include_unknown != 0;
  sc.citations = opts->include_citations != 0;
  sc.standalone = standalone;
  sc.out = list;
  int rc = scan_text(&sc);
  if (rc) {
    woo_codes_free(list);
    return rc;
  }
  settle_versions(list);
  *out = list;
  return 0;
}

int woo_codes_find(woo_codes **out, const char *text, size_t len,
                   const woo_codes_options *opts) {
  return woo__codes_scan(out, text, len, opts, false);
}

size_t woo_codes_count(const woo_codes *c) { return c ? c->n : 0; }

const woo_code *woo_codes_at(const woo_codes *c, size_t i) {
  return c && i < c->n ? &c->v[i] : NULL;
}

void woo_codes_free(woo_codes *c) {
  if (c) {
    free(c->v);
    free(c);
  }
}

const char *woo_code_role_name(woo_code_role r) {
  static const char *const names[] = {"marker", "table", "citation",
                                      "status"};
  return (unsigned)r < 4 ? names[r] : "unknown";
}

const char *woo_notation_name(woo_notation x) {
  static const char *const names[] = {"dotted", "compact", "comma", "spaced",
                                      "lid",    "paren",   "prose", "word"};
  return (unsigned)x < 8 ? names[x] : "unknown";
}
