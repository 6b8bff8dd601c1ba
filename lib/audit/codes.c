/* Codes in published text: counts per ground, unknown and damaged codes,
 * mixed notations, and Wob codes in documents from the Woo's time. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "checks.h"

/* The Woo replaced the Wob on this day; ISO dates compare as strings. */
static const char woo_start[] = "2022-05-01";

#define N_NOTATIONS 8
#define N_VARIANTS (2 * N_NOTATIONS)

/* The notation of a code, split in two where one notation is written two
 * ways: the comma notation as "5.1.2,e" (even) or "5.1,2,e" (odd). */
static int variant(const char *text, const woo_code *c) {
  if ((unsigned)c->notation >= N_NOTATIONS)
    return -1;
  int v = 2 * (int)c->notation;
  if (c->notation == WOO_NOTATION_COMMA) {
    int commas = 0;
    for (size_t i = c->start; i < c->end; i++)
      commas += text[i] == ',';
    v += commas > 1;
  }
  return v;
}

static size_t ground_index(const woo_ground *g) {
  size_t n = woo_ground_count();
  /* The registry is one array: try the entry at g's distance from its
   * start first (checked, so any other pointer falls through). */
  const woo_ground *base = woo_ground_at(0);
  if (g && base) {
    size_t k = (size_t)((uintptr_t)g - (uintptr_t)base) / sizeof *base;
    if (k < n && woo_ground_at(k) == g)
      return k;
  }
  for (size_t i = 0; i < n; i++)
    if (woo_ground_at(i) == g)
      return i;
  return n;
}

/* A code whose canonical form ends in a letter (5.1.2.e, 10.2.e) shows its
 * notation; 4.1.4 or 5.2.1 read the same in every notation. */
static bool lettered(const woo_code *c) {
  size_t n = c->ground ? strlen(c->ground->code) : 0;
  return n > 2 && c->ground->law != WOO_LAW_NONE &&
         isalpha((unsigned char)c->ground->code[n - 1]) &&
         c->ground->code[n - 2] == '.';
}

static int add(woo__adoc *d, const woo_doc *doc, const char *type,
               woo_severity sev, const woo_code *c, const char *msg) {
  woo_finding f = {type, sev, d->path, c->start, c->end,
                   woo__audit_page(doc, c->start), msg,
                   c->ground ? c->ground->code : NULL, NULL, 1.0, NULL,
                   WOO_UNSET};
  return woo__finding_add(&d->findings, &f);
}

/* ---- dates ---------------------------------------------------------------- */

static const struct {
  const char *name;
  int month;
} months[] = {
    {"januari", 1},   {"februari", 2}, {"maart", 3},     {"april", 4},
    {"mei", 5},       {"juni", 6},     {"juli", 7},      {"augustus", 8},
    {"september", 9}, {"oktober", 10}, {"november", 11}, {"december", 12},
    {"january", 1},   {"february", 2}, {"march", 3},     {"may", 5},
    {"june", 6},      {"july", 7},     {"august", 8},    {"october", 10},
    {"jan", 1},       {"feb", 2},      {"mrt", 3},       {"mar", 3},
    {"apr", 4},       {"jun", 6},      {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"sept", 9},     {"okt", 10},      {"oct", 10},
    {"nov", 11},      {"dec", 12}};

static int month_of(const char *s, size_t n) {
  char w[12];
  if (n == 0 || n >= sizeof w)
    return 0;
  for (size_t i = 0; i < n; i++)
    w[i] = (char)tolower((unsigned char)s[i]);
  w[n] = '\0';
  for (size_t i = 0; i < sizeof months / sizeof *months; i++)
    if (strcmp(w, months[i].name) == 0)
      return months[i].month;
  return 0;
}

static size_t digits(const char *s, size_t i, size_t n, int *v) {
  size_t j = i;
  *v = 0;
  while (j < n && j - i < 5 && isdigit((unsigned char)s[j]))
    *v = *v * 10 + (s[j++] - '0');
  return j - i;
}

static bool valid(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* The first date in s[0..n): "13 januari 2023", "8 May 2023",
 * "13-01-2023", "13/1/2023", "2023-01-13".  `written` restricts the
 * search to dates with the month as a word. */
static bool find_date(const char *s, size_t n, bool written, char out[11]) {
  for (size_t i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i]) ||
        (i > 0 && isalnum((unsigned char)s[i - 1])))
      continue;
    int a, b, c;
    size_t la = digits(s, i, n, &a), j = i + la;
    if (!written && la == 4 && j < n && s[j] == '-') {
      size_t lb = digits(s, j + 1, n, &b), k = j + 1 + lb;
      if (lb >= 1 && lb <= 2 && k < n && s[k] == '-') {
        size_t lc = digits(s, k + 1, n, &c);
        if (lc >= 1 && lc <= 2 && valid(a, b, c)) {
          snprintf(out, 11, "%04d-%02d-%02d", a, b, c);
          return true;
        }
      }
    }
    if (la < 1 || la > 2)
      continue;
    if (!written && j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
      char sep = s[j];
      size_t lb = digits(s, j + 1, n, &b), k = j + 1 + lb;
      if (lb >= 1 && lb <= 2 && k < n && s[k] == sep) {
        size_t lc = digits(s, k + 1, n, &c);
        if (lc == 4 && valid(c, b, a)) {
          snprintf(out, 11, "%04d-%02d-%02d", c, b, a);
          return true;
        }
      }
      continue;
    }
    size_t k = j;
    while (k < n && s[k] == ' ')
      k++;
    size_t w = k;
    while (w < n && isalpha((unsigned char)s[w]))
      w++;
    int m = month_of(s + k, w - k);
    if (!m || k == j)
      continue;
    if (w < n && s[w] == '.')
      w++;
    while (w < n && s[w] == ' ')
      w++;
    size_t lc = digits(s, w, n, &c);
    if (lc == 4 && valid(c, m, a) &&
        (w + 4 >= n || !isalnum((unsigned char)s[w + 4]))) {
      snprintf(out, 11, "%04d-%02d-%02d", c, m, a);
      return true;
    }
  }
  return false;
}

/* A line that states the document's date: "Datum: …", "Verzonden: …",
 * "Sent: …", "Datum rapport: …", "Vergaderdatum …". */
static bool date_line(const char *s, size_t n) {
  static const char *const labels[] = {"datum", "date", "verzonden", "sent",
                                       "vergaderdatum", "dagtekening", NULL};
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>' || s[i] == '*'))
    i++;
  /* Every label starts with d, s or v: most lines are turned away by
   * their first letter. */
  int first = i < n ? s[i] | 0x20 : 0;
  if (first != 'd' && first != 's' && first != 'v')
    return false;
  for (int k = 0; labels[k]; k++) {
    size_t l = strlen(labels[k]);
    if (n - i >= l && strncasecmp(s + i, labels[k], l) == 0 &&
        (i + l == n || !isalpha((unsigned char)s[i + l]) ||
         memchr(s + i + l, ':', n - i - l < 20 ? n - i - l : 20)))
      return true;
  }
  return false;
}

void woo__audit_date(char out[11], const woo_doc *doc) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  out[0] = '\0';
  /* The first labelled line: in an e-mail chain the newest message is on
   * top, in a letter or report the date line is in its head. */
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - text) : len;
    if (e - i < 200 && date_line(text + i, e - i) &&
        find_date(text + i, e - i, false, out))
      return;
    i = e + 1;
  }
  const char *v = woo_doc_meta_get(doc, "date");
  if (v && find_date(v, strlen(v), false, out))
    return;
  if (find_date(text, len < 2000 ? len : 2000, true, out))
    return;
  static const char *const keys[] = {"created", "modified", NULL};
  for (int k = 0; keys[k]; k++)
    if ((v = woo_doc_meta_get(doc, keys[k])) &&
        find_date(v, strlen(v), false, out))
      return;
}

/* ---- per document -------------------------------------------------------- */

int woo__audit_codes(woo__adoc *d, const woo_doc *doc, const woo_codes *codes) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  /* Per variant: the notation, and for the comma notation whether the
   * first separator is a comma too ("5.1,2,e" beside "5.1.2,e"). */
  size_t tally[N_VARIANTS] = {0};
  const woo_code *first[N_VARIANTS] = {NULL};
  size_t nc = woo_codes_count(codes);
  char msg[256];
  int rc = 0;
  size_t wob = 0;
  const woo_code *first_wob = NULL;
  woo__audit_date(d->date, doc);
  bool woo_time = d->date[0] && strcmp(d->date, woo_start) >= 0;

  for (size_t i = 0; i < nc && rc == 0; i++) {
    const woo_code *c = woo_codes_at(codes, i);
    int raw_len = (int)(c->end - c->start > 40 ? 40 : c->end - c->start);
    if (c->flags & WOO_CODE_UNKNOWN) {
      snprintf(msg, sizeof msg,
               "code '%.*s' staat niet in het register van gronden", raw_len,
               text + c->start);
      rc = add(d, doc, "unknown-code", WOO_SEVERITY_MEDIUM, c, msg);
      continue;
    }
    if (!c->ground)
      continue;
    if (c->flags & WOO_CODE_REPAIRED) {
      snprintf(msg, sizeof msg, "beschadigde code '%.*s', gelezen als %s",
               raw_len, text + c->start, c->ground->code);
      if ((rc = add(d, doc, "unknown-code", WOO_SEVERITY_LOW, c, msg)))
        break;
    }
    if (c->role != WOO_ROLE_CITATION)
      d->counts[ground_index(c->ground)]++;
    if (woo__code_hides(c)) {
      d->markers++;
      int v = variant(text, c);
      if (lettered(c) && v >= 0 && !tally[v]++)
        first[v] = c;
    }
    if (woo_time && c->ground->law == WOO_LAW_WOB &&
        (woo__code_hides(c) || c->role == WOO_ROLE_TABLE) && !wob++)
      first_wob = c;
  }
  /* One finding for the document, at its first Wob code: the defect is
   * that the whole document was redacted under the old law. */
  if (rc == 0 && wob) {
    snprintf(msg, sizeof msg,
             "%zu Wob-code%s in een document van %s (de Woo geldt sinds 1 mei "
             "2022), de eerste %s; onder de Woo: %s",
             wob, wob == 1 ? "" : "s", d->date, first_wob->ground->code,
             first_wob->ground->woo_code ? first_wob->ground->woo_code
                                         : "geen equivalent");
    rc = add(d, doc, "wob-code-after-woo", WOO_SEVERITY_MEDIUM, first_wob, msg);
  }
  if (rc)
    return rc;

  /* The notation most codes use; the first one seen wins a tie. */
  int dom = -1;
  for (int k = 0; k < N_VARIANTS; k++)
    if (tally[k] && (dom < 0 || tally[k] > tally[dom] ||
                     (tally[k] == tally[dom] && first[k]->start < first[dom]->start)))
      dom = k;
  if (dom < 0)
    return 0;
  d->notation = dom / 2;
  d->notation_at = first[dom]->start;
  d->notation_end = first[dom]->end;
  for (int k = 0; k < N_VARIANTS && rc == 0; k++) {
    if (k == dom || !tally[k])
      continue;
    const woo_code *c = first[k];
    snprintf(msg, sizeof msg,
             "%zu× notatie %s ('%.*s') naast %zu× notatie %s ('%.*s')",
             tally[k], woo_notation_name((woo_notation)(k / 2)),
             (int)(c->end - c->start > 30 ? 30 : c->end - c->start),
             text + c->start, tally[dom], woo_notation_name((woo_notation)(dom / 2)),
             (int)(first[dom]->end - first[dom]->start > 30
                       ? 30
                       : first[dom]->end - first[dom]->start),
             text + first[dom]->start);
    rc = add(d, doc, "mixed-notation", WOO_SEVERITY_LOW, c, msg);
  }
  return rc;
}

/* ---- batch ---------------------------------------------------------------- */

int woo__audit_batch_notation(woo__findings *out, woo__adoc **docs, size_t n) {
  size_t tally[N_NOTATIONS] = {0};
  const woo__adoc *first[N_NOTATIONS] = {NULL};
  for (size_t i = 0; i < n; i++) {
    int k = docs[i]->notation;
    if (k >= 0 && k < N_NOTATIONS && !tally[k]++)
      first[k] = docs[i];
  }
  int dom = -1, kinds = 0;
  for (int k = 0; k < N_NOTATIONS; k++)
    if (tally[k]) {
      kinds++;
      if (dom < 0 || tally[k] > tally[dom])
        dom = k;
    }
  if (kinds < 2)
    return 0;
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo__adoc *d = docs[i];
    if (d->notation < 0 || d->notation == dom)
      continue;
    char msg[256];
    snprintf(msg, sizeof msg,
             "codes in notatie %s; %zu van de %zu documenten met codes "
             "gebruiken notatie %s",
             woo_notation_name((woo_notation)d->notation), tally[dom],
             tally[0] + tally[1] + tally[2] + tally[3] + tally[4] + tally[5] +
                 tally[6] + tally[7],
             woo_notation_name((woo_notation)dom));
    woo_finding f = {"mixed-notation", WOO_SEVERITY_LOW, d->path,
                     d->notation_at, d->notation_end, 0, msg, NULL, NULL, 1.0,
                     first[dom]->path, first[dom]->notation_at};
    rc = woo__finding_add(out, &f);
  }
  return rc;
}
