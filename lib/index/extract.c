/* Date, title and documentsoort of a document, from its metadata and the
 * shape of its first lines.  Only the first part of the text is read:
 * what an inventory needs is on the first page. */
#include <ctype.h>
#include <string.h>

#include "index/internal.h"

#define HEAD_BYTES 6000 /* how much of the text the header rules read */
#define HEAD_LINES 60

typedef struct line {
  const char *s; /* trimmed, markup stripped */
  size_t n;
} line;

/* Strip white space and Markdown emphasis or heading marks. */
static line clean(const char *s, size_t n) {
  while (n && (isspace((unsigned char)*s) || *s == '#' || *s == '*' ||
               *s == '>' || *s == '_'))
    s++, n--;
  while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '*' ||
               s[n - 1] == '_'))
    n--;
  line l = {s, n};
  return l;
}

static size_t split_lines(const char *text, size_t len, line *out,
                          size_t max) {
  size_t k = 0, i = 0;
  if (len > HEAD_BYTES)
    len = woo__utf8_back(text, HEAD_BYTES);
  while (i < len && k < max) {
    size_t j = i;
    while (j < len && text[j] != '\n' && text[j] != '\f')
      j++;
    line l = clean(text + i, j - i);
    if (l.n)
      out[k++] = l;
    i = j + 1;
  }
  return k;
}

/* "Label: value" with one of the labels (compared case-insensitively,
 * then ':' or at least two spaces, or one space for "Datum 22 maart").
 * Returns the value or NULL. */
static const char *labelled(const line *l, const char *const *labels,
                            size_t *vn, bool space_ok) {
  for (size_t k = 0; labels[k]; k++) {
    size_t n = strlen(labels[k]);
    if (l->n <= n || strncasecmp(l->s, labels[k], n) != 0)
      continue;
    size_t i = n;
    if (l->s[i] == ':') {
      i++;
    } else if (space_ok && l->s[i] == ' ') {
      /* "Datum 22 maart 2023": the value must start with a digit. */
      while (i < l->n && l->s[i] == ' ')
        i++;
      if (i >= l->n || !isdigit((unsigned char)l->s[i]))
        continue;
    } else {
      continue;
    }
    while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
      i++;
    *vn = l->n - i;
    return l->s + i;
  }
  return NULL;
}

static const char *const FROM[] = {"van", "from", NULL};
static const char *const TO[] = {"aan", "to", NULL};
static const char *const SUBJECT[] = {"onderwerp", "subject", NULL};
static const char *const SENT[] = {"verzonden", "sent", "date", "datum",
                                   NULL};
static const char *const DATE_LABELS[] = {
    "datum", "date", "verzonden", "sent", "datum en tijd", "datum advies",
    "datum rapport", "datum incident", "datum verslag", "datum vergadering",
    NULL};
static const char *const TITLE_LABELS[] = {"onderwerp", "betreft", "subject",
                                           "titel", "inzake", NULL};

/* Whether the first lines are an e-mail header block (Van/Aan/Onderwerp
 * or From/To/Subject). */
static bool mail_header(const line *v, size_t n) {
  bool from = false, to = false, subj = false;
  size_t vn;
  for (size_t i = 0; i < n && i < 8; i++) {
    if (labelled(&v[i], FROM, &vn, false))
      from = true;
    else if (labelled(&v[i], TO, &vn, false))
      to = true;
    else if (labelled(&v[i], SUBJECT, &vn, false))
      subj = true;
  }
  return from && to && subj;
}

/* Kind words as they open a heading, in order of precedence. */
static const struct {
  const char *word; /* a word the heading starts a word with */
  const char *kind;
} KIND_WORDS[] = {
    {"inventarislijst", "inventaris"},
    {"inventaris", "inventaris"},
    {"notulen", "verslag"},
    {"conceptnotulen", "verslag"},
    {"besluitenlijst", "verslag"},
    {"verslag", "verslag"},
    {"vastgesteld verslag", "verslag"},
    {"agenda", "agenda"},
    {"besluit", "besluit"},
    {"beslissing", "besluit"},
    {"nota", "nota"},
    {"memo", "nota"},
    {"notitie", "nota"},
    {"collegeadvies", "nota"},
    {"interne memo", "nota"},
    {"rapport", "rapport"},
    {"rapportage", "rapport"},
    {"incidentrapport", "rapport"},
    {"evaluatieverslag", "rapport"},
    {"evaluatierapport", "rapport"},
    {"incidentmelding", "rapport"},
    {"melding", "rapport"},
    {"managementsamenvatting", "rapport"},
    {"onderzoeksrapport", "rapport"},
    {"presentatie", "presentatie"},
};

/* The kind a heading line names: its first word (or, for lines of two or
 * three words, any word) is a kind word. */
static const char *heading_kind(const line *l, bool *only_kind) {
  *only_kind = false;
  if (l->n > 160 || memchr(l->s, ':', l->n))
    return NULL;
  /* Words of the line, lower-cased. */
  char buf[168];
  size_t n = l->n < sizeof buf - 1 ? l->n : sizeof buf - 1;
  for (size_t i = 0; i < n; i++)
    buf[i] = (char)tolower((unsigned char)l->s[i]);
  buf[n] = '\0';
  size_t words = 0;
  for (size_t i = 0; i < n; i++)
    if (isalpha((unsigned char)buf[i]) &&
        (i == 0 || !isalpha((unsigned char)buf[i - 1])))
      words++;
  for (size_t k = 0; k < sizeof KIND_WORDS / sizeof *KIND_WORDS; k++) {
    size_t w = strlen(KIND_WORDS[k].word);
    for (size_t i = 0; i + w <= n; i++) {
      if (i > 0 && isalpha((unsigned char)buf[i - 1]))
        continue;
      if (memcmp(buf + i, KIND_WORDS[k].word, w) != 0 ||
          isalpha((unsigned char)buf[i + w]))
        continue;
      /* The kind word must open the heading, or the line is short. */
      if (i > 0 && words > 4)
        continue;
      *only_kind = words <= 2 && w + 12 >= n;
      return KIND_WORDS[k].kind;
    }
  }
  return NULL;
}

static bool contains_ci(const char *s, size_t n, const char *w) {
  size_t m = strlen(w);
  for (size_t i = 0; i + m <= n; i++)
    if (strncasecmp(s + i, w, m) == 0)
      return true;
  return false;
}

/* A date from a metadata value ("2020-01-13T…", "D:20200113…"). */
static bool meta_date(const char *v, char out[11]) {
  if (!v)
    return false;
  if (strncmp(v, "D:", 2) == 0 && strlen(v) >= 10) {
    char iso[11];
    memcpy(iso, v + 2, 4);
    iso[4] = '-';
    memcpy(iso + 5, v + 6, 2);
    iso[7] = '-';
    memcpy(iso + 8, v + 8, 2);
    iso[10] = '\0';
    v = iso;
    size_t used;
    return woo__date_parse(v, 10, out, &used);
  }
  size_t used;
  return woo__date_parse(v, strlen(v), out, &used);
}

/* Whether a metadata title is worth using: not a file name or a tool's
 * placeholder ("Microsoft Word - x.docx", "Untitled"). */
static bool good_meta_title(const char *t) {
  if (!t || !*t)
    return false;
  if (strncmp(t, "Microsoft Word", 14) == 0 || strcasecmp(t, "untitled") == 0)
    return false;
  size_t n = strlen(t);
  static const char *const ext[] = {".docx", ".doc", ".pdf", ".odt", ".txt",
                                    ".msg", NULL};
  for (size_t i = 0; ext[i]; i++) {
    size_t e = strlen(ext[i]);
    if (n > e && strcasecmp(t + n - e, ext[i]) == 0)
      return false;
  }
  return true;
}

int woo__index_describe(const woo_doc *doc, woo_index_row *row) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  line v[HEAD_LINES];
  size_t nl = split_lines(text, len, v, HEAD_LINES);
  int rc;

  bool mail = woo_doc_format(doc) == WOO_FORMAT_EML || mail_header(v, nl);

  /* ---- date ---- */
  char date[11] = "";
  size_t vn;
  const char *val;
  if (mail) {
    if (!meta_date(woo_doc_meta_get(doc, "date"), date))
      for (size_t i = 0; i < nl && i < 10 && !*date; i++)
        if ((val = labelled(&v[i], SENT, &vn, false))) {
          size_t at;
          if (!woo__date_find(val, vn, date, &at))
            *date = '\0';
        }
  }
  for (size_t i = 0; i < nl && !*date; i++)
    if ((val = labelled(&v[i], DATE_LABELS, &vn, true))) {
      size_t at;
      if (!woo__date_find(val, vn, date, &at))
        *date = '\0';
    }
  if (!*date)
    meta_date(woo_doc_meta_get(doc, "created"), date);
  if (!*date) {
    size_t at, n = len > HEAD_BYTES ? woo__utf8_back(text, HEAD_BYTES) : len;
    if (!woo__date_find(text, n, date, &at))
      *date = '\0';
  }
  if ((rc = woo__row_set(&row->datum, date, WOO_UNSET)))
    return rc;

  /* ---- kind and title ---- */
  const char *kind = NULL;
  const char *title = NULL;
  size_t title_n = 0;
  if (mail) {
    kind = "e-mail";
    const char *subj = woo_doc_meta_get(doc, "subject");
    if (subj && *subj) {
      title = subj;
      title_n = strlen(subj);
    }
    for (size_t i = 0; i < nl && i < 10 && !title; i++)
      if ((val = labelled(&v[i], SUBJECT, &vn, false))) {
        title = val;
        title_n = vn;
      }
  }
  /* A heading naming the kind ("Vastgesteld verslag OTB-W", "NOTA"). */
  size_t heading = WOO_UNSET;
  if (!kind) {
    for (size_t i = 0; i < nl && i < 12; i++) {
      bool only;
      const char *k = heading_kind(&v[i], &only);
      if (!k)
        continue;
      kind = k;
      heading = i;
      /* A bare "NOTA" or "VERSLAG": the title is the next heading line. */
      if (only && i + 1 < nl && !memchr(v[i + 1].s, ':', v[i + 1].n))
        heading = i + 1;
      else if (only)
        heading = WOO_UNSET;
      break;
    }
  }
  /* A decision is often shaped as a letter: look for its words first. */
  if ((!kind || strcmp(kind, "nota") != 0) && !mail) {
    size_t n = len > HEAD_BYTES ? woo__utf8_back(text, HEAD_BYTES) : len;
    if (contains_ci(text, n, "besluit op uw") ||
        contains_ci(text, n, "besluit op het") ||
        contains_ci(text, n, "besluit op woo-verzoek") ||
        contains_ci(text, n, "besluit op wob-verzoek") ||
        contains_ci(text, n, "beslissing op uw") ||
        contains_ci(text, n, "woo-besluit") ||
        contains_ci(text, n, "wob-besluit") ||
        contains_ci(text, n, "heb ik besloten") ||
        contains_ci(text, n, "besluit ik"))
      if (!kind || strcmp(kind, "verslag") != 0) {
        if (!kind || strcmp(kind, "besluit") != 0)
          heading = WOO_UNSET;
        kind = "besluit";
      }
  }
  if (!kind) {
    size_t n = len > HEAD_BYTES ? woo__utf8_back(text, HEAD_BYTES) : len;
    bool dear = contains_ci(text, n, "geachte ") || contains_ci(text, n, "beste ");
    bool greet = contains_ci(text, len, "met vriendelijke groet") ||
                 contains_ci(text, len, "hoogachtend");
    size_t tn;
    bool memo_from = false, memo_to = false;
    for (size_t i = 0; i < nl && i < 15; i++) {
      if (labelled(&v[i], FROM, &tn, false))
        memo_from = true;
      if (labelled(&v[i], TO, &tn, false))
        memo_to = true;
    }
    if (dear && greet)
      kind = "brief";
    else if (memo_from && memo_to)
      kind = "nota";
    else
      kind = "overig";
  }
  if (!title)
    for (size_t i = 0; i < nl && i < 40 && !title; i++)
      if ((val = labelled(&v[i], TITLE_LABELS, &vn, false)) && vn > 0) {
        title = val;
        title_n = vn;
      }
  if (!title && heading != WOO_UNSET) {
    title = v[heading].s;
    title_n = v[heading].n;
  }
  if (!title) {
    const char *mt = woo_doc_meta_get(doc, "title");
    if (good_meta_title(mt)) {
      title = mt;
      title_n = strlen(mt);
    }
  }
  if (!title && nl) {
    title = v[0].s;
    title_n = v[0].n;
  }
  if (title_n > 200)
    title_n = woo__utf8_back(title, 200);
  if ((rc = woo__row_set(&row->titel, title, title ? title_n : 0)))
    return rc;
  return woo__row_set(&row->documentsoort, kind, WOO_UNSET);
}
