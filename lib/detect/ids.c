/* Identity numbers: BSN (11-test), IBAN (mod 97), passport / ID-card and
 * driving-licence numbers, licence plates and dates of birth.
 *
 * Every recognizer here jumps between trigger bytes (digits, capitals,
 * hyphens, context stems found with memmem) and looks at a bounded window
 * around each trigger, so the cost is linear in the text however dense
 * the triggers are. */
#include <pthread.h>
#include <string.h>

#include "internal.h"
#include "markers.h"
#include "scanutil.h"

/* ---- BSN ------------------------------------------------------------------- */

bool woo__bsn_valid(const char *digits, size_t n) {
  if (n != 9)
    return false;
  long sum = 0;
  bool nonzero = false;
  for (size_t i = 0; i < 9; i++) {
    if (!su_digit((unsigned char)digits[i]))
      return false;
    int d = digits[i] - '0';
    nonzero |= d != 0;
    sum += (i < 8) ? (long)(9 - i) * d : -(long)d;
  }
  return nonzero && sum % 11 == 0;
}

static const char *const bsn_context[] = {
    "bsn", "burgerservicenummer", "burgerservice", "sofinummer", "sofi-nummer",
    "sofi nummer", "sofi nr", "sofinr", "persoonsnummer", NULL};

/* Numbers that name something else: a BSN-shaped number after these
 * words is a reference, an account or an amount unless BSN context says
 * otherwise. */
static const char *const bsn_other[] = {
    "kenmerk", "zaak", "dossier", "factuur", "order", "kvk", "btw",
    "referentie", "registratie", "telefoon", "tel", "nummer:", "projectnr",
    "€", "eur", "bedrag", "ecli", "isbn", NULL};

/* The lists as sets for one pass over a window (markers.h). */
static woo__markers bsn_context_set, bsn_other_set;
static pthread_once_t bsn_once = PTHREAD_ONCE_INIT;

static void bsn_init(void) {
  woo__markers_init(&bsn_context_set, bsn_context);
  woo__markers_init(&bsn_other_set, bsn_other);
}

/* Read a BSN-shaped number at `i`: nine digits, plain or grouped as
 * 123.456.782, 123 456 782, 1234.56.782 or 1234 56 782; eight digits
 * when the leading zero was dropped (only taken with context).  Returns
 * the end offset or 0; the digits go to d[] and their count to *nd.
 * `run` is the length of the run of digits at i: only the shape whose
 * first group is that long can be read there (a longer group runs out of
 * digits, a shorter one meets a digit where its separator or end must
 * be), so the others are not tried. */
static size_t read_bsn(const char *t, size_t len, size_t i, size_t run,
                       char d[9], size_t *nd) {
  static const unsigned char shapes[][4] = {
      {9, 0, 0, 0}, {8, 0, 0, 0}, {3, 3, 3, 0}, {4, 2, 3, 0}};
  for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
    if (shapes[s][0] != run)
      continue;
    size_t p = i, k = 0;
    char sep = 0;
    bool ok = true;
    for (size_t g = 0; g < 4 && shapes[s][g] && ok; g++) {
      if (g > 0) {
        if (p >= len || (t[p] != '.' && t[p] != ' ') || (sep && t[p] != sep)) {
          ok = false;
          break;
        }
        sep = t[p++];
      }
      for (size_t m = 0; m < shapes[s][g]; m++, p++) {
        if (p >= len || !su_digit((unsigned char)t[p]) || k >= 9) {
          ok = false;
          break;
        }
        d[k++] = t[p];
      }
    }
    if (!ok)
      continue;
    if (p < len && su_wordc((unsigned char)t[p]))
      continue;
    /* 123.456.78 or 12.345.678,00 read as an amount, not a number. */
    if (p + 1 < len && (t[p] == '.' || t[p] == ',') &&
        su_digit((unsigned char)t[p + 1]))
      continue;
    *nd = k;
    return p;
  }
  return 0;
}

int woo__find_bsn(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&bsn_once, bsn_init);
  const char *t = ctx->text;
  size_t len = ctx->len, i = 0, run;
  su_digits digits;
  su_digits_init(&digits, ctx);
  /* Most runs are passed whole, to the next (su_digits_after). */
  for (i = su_digits_next(&digits, i, &run); i < len;) {
    /* Each shape's first group is the whole run (nine or eight digits,
     * or three or four before a separator): other runs are no BSN.
     * Asked first: the length turns more runs away than the byte
     * before. */
    size_t rl = run - i;
    if (rl != 9 && rl != 8 && rl != 3 && rl != 4) {
      i = su_digits_after(&digits, &run);
      continue;
    }
    /* Part of a longer token: a code, a decimal, an amount, a path. */
    if (i > 0) {
      unsigned char b = (unsigned char)t[i - 1];
      if (su_wordc(b) || b == '.' || b == ',' || b == '/' || b == '-' ||
          b == '+' || b == '#') {
        i = su_digits_after(&digits, &run);
        continue;
      }
    }
    /* Three or four digits (often a year) are a first group only with a
     * separator and a digit after them. */
    if (rl < 8 && (run + 1 >= len || (t[run] != '.' && t[run] != ' ') ||
                   !su_digit((unsigned char)t[run + 1]))) {
      i = su_digits_after(&digits, &run);
      continue;
    }
    char d[9];
    size_t nd = 0, end = read_bsn(t, len, i, rl, d, &nd);
    if (!end) {
      i = su_digits_after(&digits, &run);
      continue;
    }
    bool ctxt = woo__markers_before(&bsn_context_set, t, i, 48);
    if (nd == 8) {
      /* A dropped leading zero happens in spreadsheets; without the
       * word BSN nearby eight digits are anything at all. */
      char p[9] = {'0'};
      memcpy(p + 1, d, 8);
      if (ctxt && woo__bsn_valid(p, 9) &&
          woo__hits_add(out, i, end, WOO_ENTITY_BSN, "bsn", 0.85) < 0)
        return WOO_ENOMEM;
    } else if (woo__bsn_valid(d, 9)) {
      double conf = 0;
      if (ctxt)
        conf = 0.97;
      else if (!woo__markers_before(&bsn_other_set, t, i, 32))
        /* Roughly one nine-digit number in eleven passes the test by
         * chance; grouped with dots it is more often an amount. */
        conf = (end - i == 9) ? 0.6 : 0.45;
      if (conf > 0 &&
          woo__hits_add(out, i, end, WOO_ENTITY_BSN, "bsn", conf) < 0)
        return WOO_ENOMEM;
    }
    i = su_digits_next(&digits, end > run ? end : run, &run);
  }
  return 0;
}

/* ---- IBAN ------------------------------------------------------------------ */

/* Lengths of the IBANs met in Dutch correspondence; other countries are
 * accepted with any length from 15 to 34 that passes mod 97. */
static size_t iban_length(const char *cc) {
  static const struct {
    char cc[3];
    unsigned char len;
  } tab[] = {{"NL", 18}, {"BE", 16}, {"DE", 22}, {"FR", 27}, {"GB", 22},
             {"LU", 20}, {"ES", 24}, {"IT", 27}, {"AT", 20}, {"CH", 21},
             {"IE", 22}, {"PL", 28}, {"PT", 25}, {"DK", 18}, {"SE", 24},
             {"NO", 15}, {"FI", 18}, {"TR", 26}, {"MA", 28}, {"SR", 0}};
  for (size_t k = 0; k < sizeof tab / sizeof tab[0]; k++)
    if (tab[k].cc[0] == cc[0] && tab[k].cc[1] == cc[1])
      return tab[k].len;
  return 0;
}

bool woo__iban_valid(const char *s, size_t n) {
  char c[34];
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b == ' ')
      continue;
    if (!su_alnum(b) || k >= sizeof c)
      return false;
    c[k++] = (char)(su_lower(b) ? b - 32 : b);
  }
  if (k < 15 || !su_upper((unsigned char)c[0]) ||
      !su_upper((unsigned char)c[1]) || !su_digit((unsigned char)c[2]) ||
      !su_digit((unsigned char)c[3]))
    return false;
  size_t want = iban_length(c);
  if (want && want != k)
    return false;
  /* Move the first four characters to the end, letters become 10..35,
   * and the whole must be 1 mod 97; fold digit by digit. */
  unsigned rem = 0;
  for (size_t j = 0; j < k; j++) {
    unsigned char b = (unsigned char)c[(j + 4) % k];
    if (su_digit(b))
      rem = (rem * 10 + (unsigned)(b - '0')) % 97;
    else
      rem = (rem * 100 + (unsigned)(b - 'A' + 10)) % 97;
  }
  if (rem != 1)
    return false;
  /* The Dutch structure: four letters of the bank, ten digits. */
  if (c[0] == 'N' && c[1] == 'L') {
    for (size_t j = 4; j < 8; j++)
      if (!su_upper((unsigned char)c[j]))
        return false;
    for (size_t j = 8; j < 18; j++)
      if (!su_digit((unsigned char)c[j]))
        return false;
  }
  return true;
}

int woo__find_iban(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  /* An IBAN starts with two capitals and two digits: found from the first
   * of the digits, which the text has few of. */
  /* Only the first digit of a run of two or more can be the third
   * character: the rest follow a digit, not a capital.  d is the
   * first digit still to try. */
  su_digits digits;
  su_digits_init(&digits, ctx);
  /* Most runs are passed whole, to the next (su_digits_after). */
  for (size_t run, d = su_digits_next(&digits, 2, &run); d + 2 <= len;) {
    size_t i = d - 2;
    if (run - d < 2 || !su_upper((unsigned char)t[i]) ||
        !su_upper((unsigned char)t[i + 1]) ||
        (i > 0 && su_wordc((unsigned char)t[i - 1]))) {
      d = su_digits_after(&digits, &run);
      continue;
    }
    d = run;
    /* Collect up to 34 characters, letting single spaces separate the
     * printed groups; remember where each length ends. */
    size_t want = iban_length(t + i), p = i, k = 0, best = 0;
    while (p < len && k < 34) {
      unsigned char b = (unsigned char)t[p];
      if (b == ' ' && k >= 4 && p + 1 < len &&
          su_alnum((unsigned char)t[p + 1])) {
        p++;
        continue;
      }
      if (!su_alnum(b))
        break;
      p++;
      k++;
      bool boundary = p >= len || !su_alnum((unsigned char)t[p]);
      if (boundary && k >= 15 && (!want || k == want) &&
          woo__iban_valid(t + i, p - i))
        best = p;
      if (want && k == want)
        break;
    }
    if (best) {
      if (woo__hits_add(out, i, best, WOO_ENTITY_IBAN, "iban", 0.98) < 0)
        return WOO_ENOMEM;
      d = best + 2;
    }
    d = su_digits_next(&digits, d, &run);
  }
  return 0;
}

/* ---- context-triggered values ---------------------------------------------- */

/* What the stem callbacks need. */
typedef struct stem_arg {
  const woo__scan_ctx *ctx;
  woo__hits *out;
} stem_arg;

/* End of the word that starts with or contains the stem at kw: letters
 * and hyphens ("paspoortnummer", "ID-kaart"). */
static size_t word_end(const char *t, size_t len, size_t kw) {
  size_t e = kw;
  while (e < len && (su_alpha((unsigned char)t[e]) || t[e] == '-'))
    e++;
  return e;
}

/* Skip what stands between a label and its value: spaces, colons,
 * "nummer", "nr.", "is", "van de betrokkene" …, at most `max` bytes.
 * Stops at a line break followed by an empty line. */
static size_t skip_filler(const char *t, size_t len, size_t p, size_t max) {
  static const char *const filler[] = {"nummer", "nr", "no", "is", "van",
                                       "de", "het", "met", "betrokkene",
                                       "op", "luidt", "te", NULL};
  size_t limit = p + max < len ? p + max : len;
  while (p < limit) {
    unsigned char c = (unsigned char)t[p];
    /* "Nederlands rijbewijs, nummer 5129384716": a comma as well */
    if (c == ' ' || c == '\t' || c == ':' || c == '.' || c == '(' ||
        c == '=' || c == '\r' || c == '\n' || c == '-' || c == ',') {
      if (c == '\n' && p + 1 < len && t[p + 1] == '\n')
        return p;
      p++;
      continue;
    }
    size_t w = p;
    while (w < limit && su_alpha((unsigned char)t[w]))
      w++;
    bool skipped = false;
    for (size_t k = 0; filler[k] && w > p; k++) {
      size_t fl = strlen(filler[k]);
      if (w - p != fl)
        continue;
      size_t j = 0;
      while (j < fl && su_lowerc((unsigned char)t[p + j]) == filler[k][j])
        j++;
      if (j == fl) {
        skipped = true;
        break;
      }
    }
    if (!skipped)
      return p;
    p = w;
  }
  return p;
}

/* ---- passport, ID card, driving licence ------------------------------------ */

/* Dutch passport and ID-card numbers: two letters, six letters or
 * digits, one digit; the letter O is never used. */
static bool id_doc_shape(const char *s) {
  for (size_t j = 0; j < 9; j++) {
    unsigned char c = (unsigned char)s[j];
    if (c == 'O')
      return false;
    if (j < 2 && !su_upper(c))
      return false;
    if (j >= 2 && j < 8 && !su_upper(c) && !su_digit(c))
      return false;
    if (j == 8 && !su_digit(c))
      return false;
  }
  return true;
}

static int id_value(const woo__scan_ctx *ctx, woo__hits *out, size_t kw,
                    size_t after, bool licence) {
  (void)kw;
  const char *t = ctx->text;
  size_t len = ctx->len, p = skip_filler(t, len, after, 40);
  size_t e = p;
  while (e < len && su_alnum((unsigned char)t[e]))
    e++;
  if (e < len && su_wordc((unsigned char)t[e]))
    return 0;
  if (licence) {
    for (size_t j = p; j < e; j++)
      if (!su_digit((unsigned char)t[j]))
        return 0;
    if (e - p == 10)
      return woo__hits_add(out, p, e, WOO_ENTITY_IDNUMBER, "idnumber", 0.9);
    return 0;
  }
  if (e - p == 9 && id_doc_shape(t + p))
    return woo__hits_add(out, p, e, WOO_ENTITY_IDNUMBER, "idnumber", 0.92);
  return 0;
}

/* Labels of identity documents; the last one is the driving licence. */
static const char *const id_stems[] = {"paspoort", "identiteitskaart",
                                       "identiteitsbewijs", "id-kaart",
                                       "idkaart", "documentnummer",
                                       "rijbewijs", NULL};
#define ID_LICENCE 6

static int id_found(void *arg, size_t kw, size_t stem) {
  stem_arg *a = arg;
  const char *t = a->ctx->text;
  if (kw > 0 && su_wordc((unsigned char)t[kw - 1]) && stem >= 3 &&
      stem <= 4)
    return 0; /* "...id-kaart" inside another word */
  return id_value(a->ctx, a->out, kw, word_end(t, a->ctx->len, kw),
                  stem == ID_LICENCE);
}

int woo__find_idnumber(const woo__scan_ctx *ctx, woo__hits *out) {
  stem_arg a = {ctx, out};
  return woo__each_trigger(ctx, WOO__TRIG_ID, id_stems, id_found, &a);
}

/* ---- dates of birth ---------------------------------------------------------- */

/* A month name or its abbreviation at t[p..): returns its length or 0. */
static size_t month_name(const char *t, size_t len, size_t p) {
  static const char *const months[] = {
      "januari", "februari", "maart", "april",   "mei",     "juni",
      "juli",    "augustus", "september", "oktober", "november", "december",
      "jan",     "feb",      "mrt",   "apr",     "jun",     "jul",
      "aug",     "sep",      "sept",  "okt",     "nov",     "dec", NULL};
  size_t w = p;
  while (w < len && su_alpha((unsigned char)t[w]))
    w++;
  for (size_t k = 0; months[k]; k++) {
    size_t n = strlen(months[k]);
    if (w - p != n)
      continue;
    size_t j = 0;
    while (j < n && su_lowerc((unsigned char)t[p + j]) == months[k][j])
      j++;
    if (j == n)
      return (w < len && t[w] == '.') ? n + 1 : n;
  }
  return 0;
}

static size_t digits_at(const char *t, size_t len, size_t p, size_t max) {
  size_t n = 0;
  while (p + n < len && n <= max && su_digit((unsigned char)t[p + n]))
    n++;
  return n;
}

/* A date at t[p..): 12 maart 1978, 12 mrt. 1978, 12-03-1978, 12/3/1978,
 * 12.03.1978 or 1978-03-12.  Returns its end or 0. */
static size_t read_date(const char *t, size_t len, size_t p) {
  size_t a = digits_at(t, len, p, 4);
  if (a == 4 && p + 10 <= len && t[p + 4] == '-' &&
      digits_at(t, len, p + 5, 2) == 2 && t[p + 7] == '-' &&
      digits_at(t, len, p + 8, 2) == 2)
    return p + 10;
  if (a < 1 || a > 2)
    return 0;
  size_t q = p + a;
  if (q < len && (t[q] == '-' || t[q] == '/' || t[q] == '.')) {
    char sep = t[q];
    size_t b = digits_at(t, len, q + 1, 2);
    if (b < 1 || b > 2 || q + 1 + b >= len || t[q + 1 + b] != sep)
      return 0;
    size_t r = q + 2 + b, y = digits_at(t, len, r, 4);
    return (y == 4 || y == 2) ? r + y : 0;
  }
  if (q < len && t[q] == ' ') {
    size_t m = month_name(t, len, q + 1);
    if (!m)
      return 0;
    size_t r = q + 1 + m;
    if (r < len && t[r] == ' ' && digits_at(t, len, r + 1, 4) == 4)
      return r + 5;
  }
  return 0;
}

/* The date within a few bytes after a birth label ending at `after`. */
static int birth_value(const woo__scan_ctx *ctx, woo__hits *out,
                       size_t after) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  size_t p = after, limit = after + 24 < len ? after + 24 : len;
  while (p < limit && !su_digit((unsigned char)t[p]) && t[p] != '\n')
    p++;
  if (p >= limit || !su_digit((unsigned char)t[p]))
    return 0;
  size_t e = read_date(t, len, p);
  if (!e || (e < len && su_digit((unsigned char)t[e])))
    return 0;
  return woo__hits_add(out, p, e, WOO_ENTITY_BIRTHDATE, "birthdate", 0.9);
}

/* "de heer Marek Dabrowski (03-02-1986)": a full date (day, month and a
 * year from 1900 on) in brackets right after a person's name is the
 * person's date of birth.  The names come from any person recognizer. */
int woo__birthdates_after_names(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len, n = out->n;
  for (size_t i = 0; i < n; i++) {
    const woo__hit *h = &out->v[i];
    size_t p = h->end + 2; /* after " (" */
    if (h->entity != WOO_ENTITY_PERSON || p + 11 > len || t[p - 2] != ' ' ||
        t[p - 1] != '(' || read_date(t, len, p) != p + 10 ||
        t[p + 10] != ')' || su_digit((unsigned char)t[p + 2]))
      continue;
    const char *d = t + p; /* dd-mm-yyyy, or with dots or slashes */
    int day = (d[0] - '0') * 10 + (d[1] - '0');
    int month = (d[3] - '0') * 10 + (d[4] - '0');
    if (day < 1 || day > 31 || month < 1 || month > 12 || d[6] < '1' ||
        (d[6] == '1' && d[7] < '9'))
      continue;
    int rc = woo__hits_add(out, p, p + 10, WOO_ENTITY_BIRTHDATE, "birthdate",
                           0.8);
    if (rc)
      return rc;
  }
  return 0;
}

static const char *const birth_stems[] = {"geboren", "geboorte",
                                          "date of birth", "born on", NULL};

static int birth_found(void *arg, size_t kw, size_t stem) {
  stem_arg *a = arg;
  const char *t = a->ctx->text;
  size_t len = a->ctx->len;
  if (kw > 0 && su_wordc((unsigned char)t[kw - 1]))
    return 0; /* "web.", "ongeboren" */
  size_t e = word_end(t, len, kw);
  /* geboorteplaats, geboorteland: not the date. */
  static const char *const words[] = {"geboren", "geboorte", "geboortedatum",
                                      "geboortedag", "date", "born", NULL};
  if (stem <= 1 && !su_in_list(t + kw, e - kw, words))
    return 0;
  return birth_value(a->ctx, a->out, stem <= 1 ? e : kw + strlen(birth_stems[stem]));
}

/* The first "b." at or after pos, found from its dot: memchr crosses
 * prose faster than memmem does with a two-byte needle. */
static const char *find_b_dot(const woo__scan_ctx *ctx, su_walk *k,
                              size_t pos) {
  const char *t = ctx->text;
  size_t q = pos + 1;
  while ((q = su_walk_next(k, q)) < ctx->len) {
    if (t[q - 1] == 'b')
      return t + q - 1;
    q++;
  }
  return NULL;
}

int woo__find_birthdate(const woo__scan_ctx *ctx, woo__hits *out) {
  stem_arg a = {ctx, out};
  int rc = woo__each_trigger(ctx, WOO__TRIG_BIRTH, birth_stems, birth_found,
                             &a);
  /* "geb." / "Geb." / "GEB." is too short for the stem search, whose
   * speed grows with the shortest stem. */
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 1;
  if (ctx->map && ctx->map->bits[WOO__MAP_WORD_DOTS]) {
    /* The dots after a 'b' are among the map's word dots, which are
     * few: each is looked at in turn. */
    for (const uint64_t *wd = ctx->map->bits[WOO__MAP_WORD_DOTS];
         rc == 0 && *wd < len; wd++) {
      size_t q = (size_t)*wd;
      if (q < 3 || t[q - 1] != 'b')
        continue;
      size_t kw = q - 3;
      if (!su_eq_fold(t + kw, 2, "ge") ||
          (kw > 0 && su_wordc((unsigned char)t[kw - 1])))
        continue;
      rc = birth_value(ctx, out, kw + 4);
    }
    return rc;
  }
  su_walk walk;
  su_walk_init(&walk, ctx, WOO__MAP_DOT, '.');
  while (rc == 0 && pos < len) {
    const char *f = find_b_dot(ctx, &walk, pos);
    if (!f)
      break;
    size_t kw = (size_t)(f - t) - 2;
    pos = (size_t)(f - t) + 2;
    if ((size_t)(f - t) < 2 || !su_eq_fold(t + kw, 2, "ge") ||
        (kw > 0 && su_wordc((unsigned char)t[kw - 1])))
      continue;
    rc = birth_value(ctx, out, kw + 4);
  }
  return rc;
}

/* ---- one search for all labels ------------------------------------------- */

typedef struct trig_arg {
  woo__triggers *out;
  const unsigned char *group, *stem; /* per index of the merged list */
} trig_arg;

static int trig_found(void *arg, size_t pos, size_t k) {
  trig_arg *a = arg;
  woo__triggers *t = a->out;
  if (t->n == t->cap && woo__grow(&t->v, &t->cap, sizeof *t->v, 64))
    return WOO_ENOMEM;
  t->v[t->n++] = (woo__trigger){pos, a->group[k], a->stem[k]};
  return 0;
}

/* The merged list of all groups' labels and its search table, built once:
 * the lists are static, and building the table costs about as much as
 * searching a short text. */
static struct {
  const char *all[SU_STEM_MAX + 1];
  unsigned char group[SU_STEM_MAX], stem[SU_STEM_MAX];
  bool too_many;
  su_stemtab tab;
} trig;
static pthread_once_t trig_once = PTHREAD_ONCE_INIT;

static void trig_build(void) {
  /* The merged list keeps each group's order, so a group sees its labels
   * in the order its own search would report them. */
  const char *const *lists[] = {id_stems, birth_stems, woo__secret_stems};
  size_t n = 0;
  for (size_t g = 0; g < sizeof lists / sizeof *lists; g++)
    for (size_t k = 0; lists[g][k]; k++) {
      if (n == SU_STEM_MAX) {
        trig.too_many = true;
        return;
      }
      trig.all[n] = lists[g][k];
      trig.group[n] = (unsigned char)g;
      trig.stem[n] = (unsigned char)k;
      n++;
    }
  trig.all[n] = NULL;
  su_stems_build(&trig.tab, trig.all);
}

int woo__find_triggers(const char *text, size_t len, woo__triggers *out) {
  pthread_once(&trig_once, trig_build);
  if (trig.too_many)
    return woo__error(WOO_EINVAL, "too many labels for one search");
  out->n = 0;
  trig_arg a = {out, trig.group, trig.stem};
  return su_stems_find(&trig.tab, text, len, trig_found, &a);
}

int woo__each_trigger(const woo__scan_ctx *ctx, int group,
                      const char *const *stems,
                      int (*fn)(void *arg, size_t pos, size_t stem),
                      void *arg) {
  if (!ctx->triggers)
    return su_find_stems(ctx->text, ctx->len, stems, fn, arg);
  const woo__triggers *t = ctx->triggers;
  for (size_t i = 0; i < t->n; i++)
    if (t->v[i].group == group) {
      int rc = fn(arg, t->v[i].pos, t->v[i].stem);
      if (rc < 0)
        return rc;
    }
  return 0;
}

/* ---- licence plates -------------------------------------------------------- */

/* Letters on Dutch plates since 1978: no vowels, no C or Q. */
static bool plate_letter(unsigned char c) {
  return su_upper(c) && !strchr("AEIOUCQY", c);
}

/* Letter groups kept out of circulation. */
static bool plate_banned(const char *g, size_t n) {
  static const char *const banned[] = {"SS",  "SD",  "SA",  "GVD", "KKK",
                                       "KVT", "LPF", "NSB", "PKK", "PSV",
                                       "PVV", "TBS", "VVD", NULL};
  for (size_t k = 0; banned[k]; k++)
    if (strlen(banned[k]) == n && memcmp(banned[k], g, n) == 0)
      return true;
  return false;
}

static const char *const plate_context[] = {"kenteken", "auto", "voertuig",
                                            "bestelbus", "wagen", "rdw", NULL};
static woo__markers plate_context_set;
static pthread_once_t plate_once = PTHREAD_ONCE_INIT;

static void plate_init(void) {
  woo__markers_init(&plate_context_set, plate_context);
}

/* The plate sidecodes as shapes: L letter, D digit.  Each has its two
 * hyphens three or four bytes apart. */
static const char *const sidecodes[] = {
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD",
    "DD-LL-LL", "DD-LLL-D", "D-LLL-DD", "LL-DDD-L", "L-DDD-LL",
    "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D", NULL};

/* The plate, if any, that the hyphen at hy is in: added to out.  The
 * plate is the whole run of letters, digits and hyphens around it, of
 * eight bytes; *pos is set past the part of the run looked at, so that
 * the run's other hyphens are passed.  Returns 0 or WOO_ENOMEM. */
static int plate_at(const woo__scan_ctx *ctx, woo__hits *out, size_t hy,
                    size_t *pos) {
  const char *t = ctx->text;
  size_t len = ctx->len, s = hy, e = hy;
  while (s > 0 && (su_alnum((unsigned char)t[s - 1]) || t[s - 1] == '-') &&
         hy - s < 8)
    s--;
  while (e < len && (su_alnum((unsigned char)t[e]) || t[e] == '-') &&
         e - hy < 8)
    e++;
  *pos = e > hy ? e : hy + 1;
  if (e - s != 8 || (s > 0 && (su_wordc((unsigned char)t[s - 1]) ||
                               t[s - 1] == '-' || t[s - 1] == '.' ||
                               t[s - 1] == '/')))
    return 0;
  if (e < len && (su_wordc((unsigned char)t[e]) || t[e] == '-' ||
                  (t[e] == '.' && e + 1 < len &&
                   su_alnum((unsigned char)t[e + 1]))))
    return 0;
  for (size_t k = 0; sidecodes[k]; k++) {
    const char *sc = sidecodes[k];
    bool ok = true;
    for (size_t j = 0; j < 8 && ok; j++) {
      unsigned char c = (unsigned char)t[s + j];
      if (sc[j] == '-')
        ok = c == '-';
      else if (sc[j] == 'D')
        ok = su_digit(c);
      else
        ok = plate_letter(c);
    }
    if (!ok)
      continue;
    /* Check each letter group against the banned list. */
    for (size_t j = 0; j < 8 && ok;) {
      size_t g = j;
      while (g < 8 && sc[g] == 'L')
        g++;
      if (g > j)
        ok = !plate_banned(t + s + j, g - j);
      j = g + 1;
    }
    if (!ok)
      break;
    double conf = woo__markers_before(&plate_context_set, t, s, 64) ? 0.95 : 0.75;
    if (woo__hits_add(out, s, e, WOO_ENTITY_PLATE, "plate", conf) < 0)
      return WOO_ENOMEM;
    break;
  }
  return 0;
}

int woo__find_plate(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&plate_once, plate_init);
  size_t len = ctx->len, pos = 0;
  if (ctx->map) {
    /* A plate is found from any of its hyphens, so from its first, which
     * has the other three or four bytes after it: only such hyphens are
     * looked at, a word of the map at a time.  Most hyphens have none
     * there. */
    const uint64_t *hb = ctx->map->bits[WOO__MAP_HYPHEN];
    size_t words = ctx->map->words;
    for (size_t w = 0; w < words; w++) {
      uint64_t x = hb[w];
      if (!x)
        continue;
      uint64_t nx = w + 1 < words ? hb[w + 1] : 0;
      /* bit i: a hyphen at i + 3 or i + 4, from the next word past 63 */
      uint64_t c = x & (x >> 3 | nx << 61 | x >> 4 | nx << 60);
      for (; c; c &= c - 1) {
        size_t hy = (w << 6) + (size_t)__builtin_ctzll(c);
        if (hy < pos)
          continue;
        if (plate_at(ctx, out, hy, &pos) < 0)
          return WOO_ENOMEM;
      }
    }
    return 0;
  }
  su_walk walk;
  su_walk_init(&walk, ctx, WOO__MAP_HYPHEN, '-');
  while (pos < len) {
    size_t hy = su_walk_next(&walk, pos);
    if (hy >= len)
      break;
    if (plate_at(ctx, out, hy, &pos) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}
