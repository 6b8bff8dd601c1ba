/* Contact data: personal e-mail addresses, phone numbers and social-media
 * profile URLs.
 *
 * Each recognizer jumps to its trigger ('@', a digit or '+', ".com/")
 * and reads a bounded window around it, so the work stays linear in the
 * text and no byte past ctx->len is read. */
#include <pthread.h>
#include <string.h>

#include "policy.h"
#include "internal.h"
#include "scanner.h"
#include "markers.h"
#include "scanutil.h"

/* Defined in address.c: whether `pos` sits in a letterhead or office
 * address block of a public body (Postbus, Bezoekadres, Ministerie …). */


/* ---- e-mail ---------------------------------------------------------------- */

/* Local parts (or parts of them, split at . _ - +) that name a function,
 * not a person.  The policy's mailboxes add to these. */
static const char *const functional[] = {
    "info", "informatie", "post", "postbus", "postmaster", "hostmaster",
    "contact", "secretariaat", "bestuurssecretariaat", "receptie", "balie",
    "servicedesk", "helpdesk", "support", "service", "klantcontact",
    "klantenservice", "communicatie", "pers", "persvoorlichting",
    "voorlichting", "woo", "wob", "noreply", "no-reply", "donotreply",
    "do-not-reply", "admin", "webmaster", "redactie", "klachten", "bezwaar",
    "bezwaarenberoep", "bezwaarschriften", "juridischezaken", "privacy",
    "fg", "avg", "dpo", "integriteit", "meldpunt", "meldingen", "nieuwsbrief",
    "abonnementen", "facturen", "factuur", "crediteuren", "debiteuren",
    "inkoop", "hr", "personeelszaken", "vacatures", "office", "kcc",
    "griffie", "raadsgriffie", "security", "cert", "csirt", "abuse",
    "fokkerij", "mail", "team", "afdeling", "bureau", "loket", "sales",
    "administratie", "agenda", "planning", "roosters", "zorg", "vragen",
    "aanvragen", "vergunningen", "subsidies", "handhaving", "toezicht",
    "inspectie", "ministerie", "gemeente", "provincie", NULL};

/* Prefixes of run-together functional names: teamvergunningen,
 * secretariaatdgbi, meldpuntfraude. */
static const char *const functional_prefix[] = {
    "team", "afdeling", "secretariaat", "helpdesk", "servicedesk",
    "meldpunt", "noreply", "klantcontact", "bezwaar", "woo-", "wob-",
    "woo_", "wob_", "info", NULL};
static const unsigned char functional_prefix_len[] = {4, 8, 12, 8, 11, 8, 7,
                                                      12, 7, 4, 4, 4, 4, 4};
_Static_assert(sizeof functional_prefix_len ==
                   sizeof functional_prefix / sizeof *functional_prefix - 1,
               "a length for every prefix");

/* The functional names grouped by first letter (markers.h). */
_Static_assert(sizeof functional / sizeof *functional - 1 <= 255,
               "an index per name");
static woo__wordset functional_set;
static pthread_once_t functional_once = PTHREAD_ONCE_INIT;

static bool local_char_test(unsigned char c) {
  return su_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+' ||
         c == '%' || c == '\'';
}

/* local_char_test as a table, made once: the local part is walked back
 * byte by byte from every '@'. */
static bool local_chars[256];

static void functional_init(void) {
  woo__wordset_init(&functional_set, functional);
  for (unsigned c = 0; c < 256; c++)
    local_chars[c] = local_char_test((unsigned char)c);
}

void woo__mailboxes_build(woo__mailboxes *ix, const woo_policy *pol) {
  ix->made = false;
  if (!pol || pol->n_mailboxes > WOO__MAILBOX_INDEXED)
    return;
  memset(ix->head, 0xff, sizeof ix->head);
  for (size_t k = pol->n_mailboxes; k-- > 0;) {
    unsigned char c = (unsigned char)pol->mailboxes[k][0];
    ix->next[k] = ix->head[c];
    ix->head[c] = (uint16_t)k;
  }
  ix->made = true;
}

/* The policy's mailboxes for one text: the scanner's index when it is of
 * the same policy, else one made here when the text's first address is
 * asked about. */
typedef struct mailbox_index {
  const struct woo_policy *pol;
  const woo__mailboxes *ix; /* NULL: not made yet */
  woo__mailboxes own;
} mailbox_index;

/* Whether s[0..n) is one of the policy's mailboxes (case folded). */
static bool policy_mailbox(mailbox_index *mx, const char *s, size_t n) {
  const struct woo_policy *pol = mx->pol;
  unsigned char c0 = n ? su_lowerc((unsigned char)s[0]) : 0;
  if (pol->n_mailboxes > WOO__MAILBOX_INDEXED) {
    for (size_t k = 0; k < pol->n_mailboxes; k++)
      if ((unsigned char)pol->mailboxes[k][0] == c0 &&
          su_eq_fold(s, n, pol->mailboxes[k]))
        return true;
    return false;
  }
  if (!mx->ix) {
    woo__mailboxes_build(&mx->own, pol);
    mx->ix = &mx->own;
  }
  const woo__mailboxes *ix = mx->ix;
  for (unsigned k = ix->head[c0]; k != WOO__MAILBOX_NONE; k = ix->next[k])
    if (su_eq_fold(s, n, pol->mailboxes[k]))
      return true;
  return false;
}

static bool local_functional(mailbox_index *ix, const char *s, size_t n) {
  const struct woo_policy *pol = ix->pol;
  if (pol && policy_mailbox(ix, s, n))
    return true;
  if (woo__wordset_has(&functional_set, s, n))
    return true;
  for (size_t k = 0; functional_prefix[k]; k++) {
    size_t pl = functional_prefix_len[k];
    if (n > pl && su_eq_fold(s, pl, functional_prefix[k]))
      return true;
  }
  /* Any segment: KPEU_Wob, WJZ.bezwaarenberoep, woo.verzoek. */
  for (size_t a = 0; a < n;) {
    size_t b = a;
    while (b < n && s[b] != '.' && s[b] != '_' && s[b] != '-' && s[b] != '+')
      b++;
    if (b < n || a > 0) {
      if (woo__wordset_has(&functional_set, s + a, b - a))
        return true;
      if (pol && policy_mailbox(ix, s + a, b - a))
        return true;
    }
    a = b + 1;
  }
  return false;
}

static bool domain_public(const woo__scan_ctx *ctx, const char *d, size_t n) {
  const struct woo_policy *pol = ctx->policy;
  if (!pol)
    return false;
  for (size_t k = 0; k < pol->n_public_domains; k++) {
    const char *p = pol->public_domains[k];
    size_t pl = strlen(p);
    /* The domain itself or a subdomain of it. */
    if (n >= pl && su_eq_fold(d + n - pl, pl, p) &&
        (n == pl || d[n - pl - 1] == '.'))
      return true;
  }
  return false;
}

static inline bool local_char(unsigned char c) { return local_chars[c]; }

/* A ground code glued to a domain ("10.2.e@rvo.nl", "5.1.2e@minezk.nl")
 * is what is left of a redacted address, not an address. */
static bool looks_like_code(const char *s, size_t n) {
  if (n == 0 || !su_digit((unsigned char)s[0]))
    return false;
  for (size_t k = 0; k < n; k++) {
    unsigned char c = (unsigned char)s[k];
    if (su_digit(c) || c == '.' || c == ',')
      continue;
    if (k == n - 1 && su_lower(c))
      continue;
    return false;
  }
  return true;
}

int woo__find_email(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&functional_once, functional_init);
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 0;
  mailbox_index mailboxes;
  mailboxes.pol = ctx->policy;
  mailboxes.ix = ctx->scanner && ctx->scanner->policy == ctx->policy &&
                         ctx->scanner->mailboxes.made
                     ? &ctx->scanner->mailboxes
                     : NULL;
  while (pos < len) {
    const char *at = memchr(t + pos, '@', len - pos);
    if (!at)
      break;
    size_t a = (size_t)(at - t);
    pos = a + 1;
    /* Local part: back over at most 64 address characters. */
    size_t s = a;
    while (s > 0 && a - s < 64 && local_char((unsigned char)t[s - 1]))
      s--;
    if (s > 0 && (local_char((unsigned char)t[s - 1]) ||
                  (unsigned char)t[s - 1] >= 0x80))
      continue; /* too long, or glued to a non-ASCII word */
    while (s < a && (t[s] == '.' || t[s] == '-' || t[s] == '\''))
      s++;
    if (s == a)
      continue;
    /* Domain: labels of letters, digits and hyphens, at least one dot,
     * a top-level label of two or more letters. */
    size_t e = a + 1, last_dot = 0;
    while (e < len && e - a < 255 &&
           (su_alnum((unsigned char)t[e]) || t[e] == '-' ||
            (t[e] == '.' && e + 1 < len && su_alnum((unsigned char)t[e + 1])))) {
      if (t[e] == '.')
        last_dot = e;
      e++;
    }
    if (!last_dot || e - last_dot - 1 < 2)
      continue;
    bool tld_ok = true;
    for (size_t k = last_dot + 1; k < e; k++)
      tld_ok &= su_alpha((unsigned char)t[k]);
    if (!tld_ok || (e < len && (unsigned char)t[e] >= 0x80))
      continue;
    pos = e;
    const char *local = t + s;
    size_t ln = a - s;
    if (looks_like_code(local, ln) || local_functional(&mailboxes, local, ln))
      continue;
    /* How much the local part looks like a person: jan.devries,
     * j.devries, jan-willem.de.vries; a known first name; or a single
     * word (jdevries, jan). */
    bool sep = false, digit = false;
    for (size_t k = 0; k < ln; k++) {
      sep |= local[k] == '.' || local[k] == '_' || local[k] == '-';
      digit |= su_digit((unsigned char)local[k]);
    }
    size_t first = 0;
    while (first < ln && su_alpha((unsigned char)local[first]))
      first++;
    bool name = first >= 2 &&
                woo__lex_has(WOO__LEX_FIRST_NAMES, local, first);
    double conf = name ? 0.95 : sep ? 0.92 : digit ? 0.75 : 0.85;
    /* A single ordinary word (kantine@, bibliotheek@) names a place or
     * a service; at a public body's domain so does any single word that
     * is not a known given name. */
    if (!name && !sep && !digit &&
        (woo__lex_has(WOO__LEX_COMMON_WORDS, local, ln) ||
         domain_public(ctx, t + a + 1, e - a - 1)))
      conf = 0.45;
    if (woo__hits_add(out, s, e, WOO_ENTITY_EMAIL, "email", conf) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}

/* ---- phone ----------------------------------------------------------------- */

static const char *const phone_context[] = {
    "tel", "telefo", "mobiel", "mob.", "gsm", "bel ", "bellen", "gebeld",
    "bereikbaar", "whatsapp", "sms", "nummer van", "phone", NULL};

/* Numbers of another kind: after these words a phone-shaped number is a
 * reference or an amount. */
static const char *const phone_other[] = {
    "kenmerk", "zaak", "dossier", "referentie", "factuur", "kvk", "bsn",
    "burgerservice", "registratie", "order", "iban", "rekening", "polis",
    "klantnummer", "document", "inventaris", "ecli", "€", "eur ", "bedrag",
    "artikel", "versie", NULL};

/* Service numbers, never a person's: 0800 free, 090x paid. */
static bool service_number(const char *d) {
  return d[0] == '0' && ((d[1] == '8' && d[2] == '0' && d[3] == '0') ||
                         (d[1] == '9' && d[2] == '0'));
}

/* A switchboard: a landline in a letterhead.  Signature blocks of civil
 * servants name their organisation too, and their direct lines are
 * personal, so only a postal address right above counts here (Postbus,
 * Bezoekadres, a web address), not the name of a body.  "www." is looked
 * for on its own (su_www_in): the other words are seven bytes or longer,
 * which lets a stem search cross the window several bytes a step. */
static const char *const postal_long[] = {"postbus", "bezoekadres",
                                          "postadres", "retouradres", NULL};

/* The three lists as sets for one pass over a window (markers.h). */
_Static_assert(sizeof phone_context / sizeof *phone_context - 1 <= 64 &&
                   sizeof phone_other / sizeof *phone_other - 1 <= 64,
               "a bit per word");
static woo__markers phone_context_set, phone_other_set;
static su_stemtab postal_tab;
static pthread_once_t phone_once = PTHREAD_ONCE_INIT;

static void phone_init(void) {
  woo__markers_init(&phone_context_set, phone_context);
  woo__markers_init(&phone_other_set, phone_other);
  su_stems_build(&postal_tab, postal_long);
}

static bool office_phone(const char *t, size_t len, size_t i) {
  /* "T 070 379 8911 (algemeen)": said to be the general number. */
  size_t e = i;
  while (e < len && e - i < 24 && t[e] != '\n' && t[e] != '(')
    e++;
  if (e + 9 <= len && t[e] == '(' && su_eq_fold(t + e + 1, 8, "algemeen"))
    return true;
  /* Letterhead columns in extracted PDFs put the postal address several
   * long lines above; look further there. */
  size_t p = i;
  while (p > 0 && i - p < 4 && (t[p - 1] == ' ' || t[p - 1] == ':'))
    p--;
  while (p > 0 && i - p < 16 && su_alpha((unsigned char)t[p - 1]))
    p--;
  bool layout = p >= 6 && memcmp(t + p - 6, "      ", 6) == 0;
  size_t from = i > (layout ? 600 : 192) ? i - (layout ? 600 : 192) : 0;
  if (!su_stems_in(&postal_tab, t, from, i) && !su_www_in(t, from, i))
    return false;
  return woo__office_context(t, len, i);
}

/* A letter directly before the number: T 070 …, M: 06 …, Tel. 020 … */
static bool phone_label(const char *t, size_t i) {
  size_t p = i;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == ':' || t[p - 1] == '.' ||
                   t[p - 1] == '\t'))
    p--;
  size_t w = p;
  while (w > 0 && su_alpha((unsigned char)t[w - 1]) && p - w < 12)
    w--;
  if (w > 0 && su_wordc((unsigned char)t[w - 1]))
    return false;
  size_t n = p - w;
  if (n == 1)
    return strchr("TtMm", t[w]) != NULL;
  static const char *const labels[] = {"tel", "telefoon", "telefoonnummer",
                                       "mob", "mobiel", "gsm", "phone",
                                       "mobile", "telnr", NULL};
  return su_in_list(t + w, n, labels);
}

#define PHONE_MAX_GROUPS 12

typedef struct phone_parse {
  char d[20];        /* digits read, country code included */
  size_t nd;
  size_t cc_digits;  /* length of the country code (0: national) */
  bool trunk_paren;  /* "(0)" after the country code */
  size_t ng;
  size_t glen[PHONE_MAX_GROUPS];  /* digits per group */
  size_t gend[PHONE_MAX_GROUPS];  /* byte offset after each group */
  size_t gcum[PHONE_MAX_GROUPS];  /* digits up to and including it */
  char gsep[PHONE_MAX_GROUPS];    /* separator before the group */
} phone_parse;

/* Read digit groups starting at t[i] ('+', '0' or '(').  Separators are
 * one space, hyphen or dot, or " - "; "(0)" and "(070)" are groups. */
static void phone_read(const char *t, size_t len, size_t i, phone_parse *pp) {
  /* The groups' fields are written before they are read, up to ng;
   * the digits are cleared, as their first few are looked at whatever
   * their number. */
  memset(pp->d, 0, sizeof pp->d);
  pp->nd = 0;
  pp->cc_digits = 0;
  pp->trunk_paren = false;
  pp->ng = 0;
  size_t p = i;
  if (t[p] == '+') {
    p++;
    pp->cc_digits = 1; /* fixed below */
  }
  char sep = 0;
  while (p < len && pp->ng < PHONE_MAX_GROUPS) {
    bool paren = t[p] == '(';
    size_t q = p + (paren ? 1 : 0), g = 0;
    while (q < len && su_digit((unsigned char)t[q]) && g < 12 &&
           pp->nd + g < sizeof pp->d)
      pp->d[pp->nd + g++] = t[q++];
    if (g == 0 || (q < len && su_digit((unsigned char)t[q])))
      break;
    if (paren) {
      if (q >= len || t[q] != ')')
        break;
      q++;
    }
    if (paren && g == 1 && t[p + 1] == '0' && pp->ng > 0 && pp->cc_digits) {
      /* "(0)" between country code and area code: not dialled. */
      pp->trunk_paren = true;
    } else {
      pp->nd += g;
      pp->glen[pp->ng] = g;
      pp->gend[pp->ng] = q;
      pp->gcum[pp->ng] = pp->nd;
      pp->gsep[pp->ng] = sep;
      pp->ng++;
    }
    /* Separator before the next group. */
    p = q;
    if (p + 2 < len && t[p] == ' ' && t[p + 1] == '-' && t[p + 2] == ' ')
      sep = '-', p += 3;
    else if (p < len && (t[p] == ' ' || t[p] == '-' || t[p] == '.'))
      sep = t[p++];
    else if (p < len && (t[p] == '(' || (paren && su_digit((unsigned char)t[p]))))
      sep = 0; /* "(0)6", "(070)1234567" */
    else
      break;
    if (p >= len || (!su_digit((unsigned char)t[p]) && t[p] != '('))
      break;
  }
}

int woo__find_phone(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&phone_once, phone_init);
  const char *t = ctx->text;
  size_t len = ctx->len, i = 0;
  su_walk walk;
  /* a number's first byte after a digit is turned away below */
  su_walk_init_digit(&walk, ctx, WOO__MAP_PHONE, '0', -1);
  /* Every number starts with one of these three: the rest is passed
   * over eight bytes at a time. */
  while ((i = ctx->map ? su_walk_next(&walk, i)
                        : su_next_of3(t, len, i, '0', '+', '(')) < len) {
    unsigned char c = (unsigned char)t[i];
    bool start = (c == '0') ||
                 (c == '+' && i + 1 < len && su_digit((unsigned char)t[i + 1]) &&
                  t[i + 1] != '0') ||
                 (c == '(' && i + 1 < len &&
                  (t[i + 1] == '0' || t[i + 1] == '+'));
    if (!start) {
      i++;
      continue;
    }
    if (i > 0) {
      unsigned char b = (unsigned char)t[i - 1];
      if (su_wordc(b) || b == '.' || b == ',' || b == '/' || b == '-' ||
          b == '+' || b == '#' || b == ':' || b == '_') {
        i++;
        continue;
      }
    }
    phone_parse pp;
    size_t from = i;
    if (c == '(' && t[i + 1] == '+')
      from = i + 1; /* "(+31) 6 …": the bracket is punctuation */
    phone_read(t, len, from, &pp);
    if (pp.ng == 0) {
      i++;
      continue;
    }
    size_t skip_to = pp.gend[pp.ng - 1];
    /* Normalise: international prefix and country code. */
    size_t cc = 0, want_lo = 0, want_hi = 0;
    bool intl = t[from] == '+' || (pp.nd >= 2 && pp.d[0] == '0' &&
                                   pp.d[1] == '0');
    size_t off = (t[from] == '+') ? 0 : intl ? 2 : 0;
    if (intl) {
      const char *d = pp.d + off;
      if (pp.nd < off + 2) {
        i = skip_to;
        continue;
      }
      if (d[0] == '1' || d[0] == '7')
        cc = 1;
      else if (d[0] == '2' && d[1] != '0' && d[1] != '7')
        cc = 3;
      else if ((d[0] == '3' && (d[1] == '5' || d[1] == '7' || d[1] == '8')) ||
               (d[0] == '4' && d[1] == '2') ||
               (d[0] == '5' && (d[1] == '0' || d[1] == '9')) ||
               (d[0] == '6' && d[1] >= '7') ||
               (d[0] == '8' && (d[1] == '5' || d[1] == '8')) ||
               (d[0] == '9' && (d[1] >= '6' && d[1] != '8')))
        cc = 3;
      else
        cc = 2;
      if (cc == 1 && d[0] == '1') /* NANP: ten digits after the 1 */
        want_lo = want_hi = off + 11;
      else if (cc == 2 && d[0] == '3' && d[1] == '1') {
        /* +31: nine digits; some write the trunk 0 anyway. */
        size_t n = off + 2 + 9;
        if (pp.nd > off + 2 && d[2] == '0')
          n++;
        want_lo = want_hi = n;
      } else {
        want_lo = off + cc + 6;
        want_hi = off + 15;
      }
    } else {
      if (pp.d[0] != '0' || service_number(pp.d)) {
        i = skip_to;
        continue;
      }
      want_lo = want_hi = 10;
    }
    /* The longest group boundary whose digit count fits. */
    size_t g = pp.ng;
    while (g > 0 && (pp.gcum[g - 1] < want_lo || pp.gcum[g - 1] > want_hi))
      g--;
    if (g == 0) {
      i = skip_to;
      continue;
    }
    size_t end = pp.gend[g - 1];
    if (end < len && (su_wordc((unsigned char)t[end]) ||
                      ((t[end] == '-' || t[end] == '/' || t[end] == '.' ||
                        t[end] == ',' || t[end] == ':') &&
                       end + 1 < len && su_digit((unsigned char)t[end + 1])))) {
      i = skip_to;
      continue;
    }
    /* Separators: dots only with dots (08.30-12.30 is a time span). */
    bool dots = false, other = false;
    for (size_t k = 1; k < g; k++) {
      dots |= pp.gsep[k] == '.';
      other |= pp.gsep[k] != '.' && pp.gsep[k] != 0;
    }
    bool date = !intl && g >= 3 && pp.glen[0] == 2 && pp.glen[1] == 2 &&
                pp.glen[2] == 4 &&
                (pp.d[4] == '1' || pp.d[4] == '2');
    if ((dots && other) || date) {
      i = skip_to;
      continue;
    }
    bool labelled = phone_label(t, i) ||
                    woo__markers_before(&phone_context_set, t, i, 40);
    if (!labelled && woo__markers_before(&phone_other_set, t, i, 32)) {
      i = skip_to;
      continue;
    }
    const char *nat = intl ? pp.d + off + cc : pp.d + 1;
    bool mobile = intl ? (cc == 2 && pp.d[off] == '3' && pp.d[off + 1] == '1' &&
                          (nat[0] == '6' || (nat[0] == '0' && nat[1] == '6')))
                       : nat[0] == '6';
    bool dutch_intl = intl && cc == 2 && pp.d[off] == '3' && pp.d[off + 1] == '1';
    /* A switchboard in a letterhead or an office address block stays;
     * a mobile number is always someone's own. */
    if (!mobile && (!intl || dutch_intl) && office_phone(t, len, i)) {
      i = skip_to;
      continue;
    }
    double conf;
    if (labelled)
      conf = 0.95;
    else if (mobile)
      conf = 0.9;
    else if (intl)
      conf = 0.85;
    else if (g > 1)
      conf = 0.8; /* formatted as a phone number */
    else
      conf = 0.6; /* ten bare digits */
    /* 088 numbers are organisation-wide (RVO, UWV, the police and most
     * agencies publish their switchboard under 088): kept by default,
     * reported below the default threshold so a policy can lower it. */
    if (nat[0] == '8' && nat[1] == '8' && (!intl || dutch_intl))
      conf = 0.45;
    if (woo__hits_add(out, i, end, WOO_ENTITY_PHONE, "phone", conf) < 0)
      return WOO_ENOMEM;
    i = end;
  }
  return 0;
}

/* ---- personal URLs --------------------------------------------------------- */

/* Profile paths that are not a person's profile. */
static const char *const url_reserved[] = {
    "sharer", "share", "sharer.php", "pages", "groups", "events", "watch",
    "hashtag", "search", "login", "policies", "help", "intent", "home",
    "i", "explore", "company", "school", "jobs", "about", "privacy",
    "legal", "settings", "notifications", "messages", "tos", "p", "reel",
    "stories", "tv", "feed", "pulse", "posts", "status", NULL};

/* Handles that belong to public bodies. */
static const char *const url_public[] = {
    "gemeente", "ministerie", "rijksoverheid", "overheid", "provincie",
    "politie", "waterschap", "minister", "nvwa", "ggd", "rivm",
    "defensie", "belastingdienst", "justitie", "tweedekamer", "eerstekamer",
    "rechtspraak", "kabinet", "regering", "inspectie", "brandweer",
    "veiligheidsregio", "omroep", "officieel", "gem_", "gem.", NULL};

/* The first ".com/" at or after pos, or len: from the text map's word
 * dots (which a dot before "com" is) when the scan made them; *wd walks
 * them, as pos grows. */
static size_t next_com(const woo__scan_ctx *ctx, const uint64_t **wd,
                       size_t pos) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  if (!*wd) {
    const char *f = pos < len ? memmem(t + pos, len - pos, ".com/", 5) : NULL;
    return f ? (size_t)(f - t) : len;
  }
  for (; **wd < len; (*wd)++) {
    size_t d = (size_t)**wd;
    if (d >= pos && len - d >= 5 && t[d + 1] == 'c' &&
        memcmp(t + d, ".com/", 5) == 0)
      return d;
  }
  return len;
}

int woo__find_url(const woo__scan_ctx *ctx, woo__hits *out) {
  static const struct {
    const char *host;
    const char *path; /* required start of the path, "" for none */
  } sites[] = {{"linkedin", "in/"}, {"linkedin", "pub/"},
               {"facebook", ""},   {"twitter", ""},
               {"x", ""},          {"instagram", ""},
               {"tiktok", "@"},    {"youtube", "@"},
               {"threads", "@"},   {"fb", ""}};
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 0;
  const uint64_t *wd = ctx->map ? ctx->map->bits[WOO__MAP_WORD_DOTS] : NULL;
  while (pos < len) {
    size_t dot = next_com(ctx, &wd, pos), path = dot + 5;
    if (dot >= len)
      break;
    pos = path;
    /* The label before ".com", and what comes before it. */
    size_t hs = dot;
    while (hs > 0 && dot - hs < 20 &&
           (su_alnum((unsigned char)t[hs - 1]) || t[hs - 1] == '-'))
      hs--;
    size_t start = hs;
    while (start > 0 && dot - start < 40 &&
           (su_alnum((unsigned char)t[start - 1]) || t[start - 1] == '.' ||
            t[start - 1] == '-' || t[start - 1] == '/' ||
            t[start - 1] == ':'))
      start--;
    while (start < hs && !su_alpha((unsigned char)t[start]))
      start++;
    if (start > 0 && (su_wordc((unsigned char)t[start - 1]) ||
                      t[start - 1] == '@'))
      continue;
    for (size_t k = 0; k < sizeof sites / sizeof sites[0]; k++) {
      if (!su_eq_fold(t + hs, dot - hs, sites[k].host))
        continue;
      size_t pl = strlen(sites[k].path), h = path + pl;
      if (h > len || (pl && !su_eq_fold(t + path, pl, sites[k].path)))
        continue;
      size_t e = h;
      while (e < len && e - h < 100 &&
             (su_alnum((unsigned char)t[e]) || t[e] == '.' || t[e] == '_' ||
              t[e] == '-' || t[e] == '%' ||
              (t[e] == '?' && e + 1 < len && t[e + 1] == 'i')))
        e++;
      /* facebook.com/profile.php?id=100012345 */
      if (e < len && t[e] == '=' && e - h == 14) {
        e++;
        while (e < len && su_digit((unsigned char)t[e]))
          e++;
      }
      while (e > h && (t[e - 1] == '.' || t[e - 1] == '-'))
        e--;
      if (e == h || su_in_list(t + h, e - h, url_reserved))
        break;
      char handle[101];
      size_t hn = 0;
      for (size_t j = h; j < e && hn < 100; j++)
        handle[hn++] = (char)su_lowerc((unsigned char)t[j]);
      handle[hn] = '\0';
      bool public_body = woo__lex_has(WOO__LEX_ORGANISATIONS, t + h, e - h);
      for (size_t j = 0; url_public[j] && !public_body; j++)
        public_body = strstr(handle, url_public[j]) != NULL;
      if (public_body)
        break;
      double conf = pl ? 0.95 : 0.85;
      if (woo__hits_add(out, start, e, WOO_ENTITY_URL, "url", conf) < 0)
        return WOO_ENOMEM;
      pos = e;
      break;
    }
  }
  return 0;
}
