/* Date, title and documentsoort of a document, from its metadata and the
 * shape of its first lines.  Only the first part of the text is read:
 * what an inventory needs is on the first page. */
#include <ctype.h>
#include <string.h>

#include "index/internal.h"

#define HEAD_BYTES 6000 /* how much of the text the header rules read */
#define HEAD_LINES 60
#define TAIL_BYTES 4000 /* where letters are signed with a date */

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

/* "Label: value" with one of the labels (compared case-insensitively),
 * then ':' or a tab or at least two spaces (letters set their labels in
 * a column: "Betreft   Besluit op …"); with space_ok one space will do
 * before a digit ("Datum 22 maart 2023") or, after "betreft", before a
 * capital ("Betreft Besluit op uw verzoek").  Returns the value or NULL. */
static const char *labelled(const line *l, const char *const *labels,
                            size_t *vn, bool space_ok) {
  for (size_t k = 0; labels[k]; k++) {
    size_t n = strlen(labels[k]);
    if (l->n <= n || strncasecmp(l->s, labels[k], n) != 0)
      continue;
    size_t i = n;
    if (l->s[i] == ':') {
      i++;
    } else if (l->s[i] == '\t' ||
               (l->s[i] == ' ' && i + 1 < l->n && l->s[i + 1] == ' ')) {
      /* a label column */
    } else if (space_ok && l->s[i] == ' ') {
      size_t j = i;
      while (j < l->n && l->s[j] == ' ')
        j++;
      bool digit = j < l->n && isdigit((unsigned char)l->s[j]);
      bool capital = j < l->n && isupper((unsigned char)l->s[j]) &&
                     strcasecmp(labels[k], "betreft") == 0;
      if (!digit && !capital)
        continue;
    } else {
      continue;
    }
    while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
      i++;
    if (i < l->n && l->s[i] == ':') /* "DATUM :" */
      i++;
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
/* Labels for the date of the document itself, which win over a plain
 * "Datum" (an evaluation report may give the incident's date first). */
static const char *const OWN_DATE_LABELS[] = {
    "datum verslag", "datum rapport", "datum rapportage", "datum advies",
    "datum brief", "datum document", "datum nota", "datum notitie",
    "datum memo", "datum besluit", NULL};
static const char *const DATE_LABELS[] = {
    "datum", "date", "verzonden", "sent", "datum vergadering",
    "datum overleg", "vergaderdatum", NULL};
/* Labels for the date of an event the document reports on; used only
 * when the document names no date of its own. */
static const char *const EVENT_DATE_LABELS[] = {
    "datum en tijd", "datum incident", "datum melding", "datum voorval",
    "datum ongeval", "datum aanvraag", NULL};
/* Lines that sign a document off with its date ("Opgemaakt door: …, 30
 * november 2022", "Aldus opgemaakt te Weidebroek op 21 april 2023"). */
static const char *const SIGN_WORDS[] = {
    "opgemaakt", "ingevuld", "aldus opgemaakt", "aldus naar waarheid",
    "ondertekend", NULL};
static const char *const TITLE_LABELS[] = {"onderwerp", "betreft", "subject",
                                           "titel", "inzake", NULL};

/* Whether the first lines are an e-mail header block (Van/Aan/Onderwerp
 * or From/To/Subject).  A note heads the same labels with its kind
 * ("NOTITIE", "MEMO"), so a kind heading above the block makes it no
 * e-mail; heading_kind() is defined below. */
static const char *heading_kind(const line *l, bool *only_kind);

static bool mail_header(const line *v, size_t n) {
  bool from = false, to = false, subj = false;
  size_t vn, first = WOO_UNSET;
  for (size_t i = 0; i < n && i < 8; i++) {
    bool hit = true;
    if (labelled(&v[i], FROM, &vn, false))
      from = true;
    else if (labelled(&v[i], TO, &vn, false))
      to = true;
    else if (labelled(&v[i], SUBJECT, &vn, false))
      subj = true;
    else
      hit = false;
    if (hit && first == WOO_UNSET)
      first = i;
  }
  if (!(from && to && subj))
    return false;
  for (size_t i = 0; i < first; i++) {
    bool only;
    if (heading_kind(&v[i], &only))
      return false;
  }
  return true;
}

/* Lines of a letterhead or address block, which are not titles. */
static bool letterhead(const line *l) {
  static const char *const starts[] = {
      "gemeente", "ministerie", "provincie", "veiligheidsregio",
      "waterschap", "rijkswaterstaat", "directoraat", "directie", "team ",
      "afdeling", "postbus", "retouradres", "vertrouwelijk", "burgemeester",
      "college van", "gedeputeerde", "inspectie", "dienst ", NULL};
  for (size_t k = 0; starts[k]; k++) {
    size_t n = strlen(starts[k]);
    if (l->n >= n && strncasecmp(l->s, starts[k], n) == 0)
      return true;
  }
  return false;
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
      /* "NOTA", "VERSLAG": the title is on another line; "Verslag
       * werkoverleg" is a title itself. */
      *only_kind = words == 1;
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

/* The date a label's value starts with or contains. */
static void label_date(const char *val, size_t vn, char date[11]) {
  size_t at;
  if (!woo__date_find(val, vn, date, &at))
    *date = '\0';
}

/* Whether a line is "Place, <date>" and nothing more ("Leeuwarden, 26
 * september 2023"), as letters and decisions are signed. */
static bool place_date(const char *s, size_t n, char date[11]) {
  if (n < 10 || n > 60 || !isupper((unsigned char)s[0]))
    return false;
  const char *comma = memchr(s, ',', n);
  if (!comma)
    return false;
  for (const char *p = s; p < comma; p++)
    if (isdigit((unsigned char)*p) || *p == ':' || *p == '(')
      return false;
  size_t i = (size_t)(comma - s) + 1;
  while (i < n && s[i] == ' ')
    i++;
  size_t used;
  if (!woo__date_parse(s + i, n - i, date, &used))
    return false;
  i += used;
  while (i < n && (s[i] == ' ' || s[i] == '.'))
    i++;
  if (i == n)
    return true;
  *date = '\0';
  return false;
}

/* A date in a line that signs the document off: "Opgemaakt door: …, 30
 * november 2022", "Aldus opgemaakt … op 21 april 2023", or a place and
 * date line.  Read from the first and the last part of the text, where
 * such lines are. */
static void signed_date(const char *text, size_t len, char date[11]) {
  size_t head = len > HEAD_BYTES ? woo__utf8_back(text, HEAD_BYTES) : len;
  size_t tail = len > TAIL_BYTES ? len - TAIL_BYTES : 0;
  if (tail < head)
    tail = head;
  size_t ranges[2][2] = {{0, head}, {tail, len}};
  for (size_t r = 0; r < 2 && !*date; r++) {
    size_t i = ranges[r][0], end = ranges[r][1];
    if (r == 1) /* start at a line */
      while (i < end && i > 0 && text[i - 1] != '\n')
        i++;
    while (i < end && !*date) {
      size_t j = i;
      while (j < end && text[j] != '\n')
        j++;
      line l = clean(text + i, j - i);
      bool sign = false;
      for (size_t k = 0; SIGN_WORDS[k] && !sign; k++)
        sign = l.n > strlen(SIGN_WORDS[k]) &&
               strncasecmp(l.s, SIGN_WORDS[k], strlen(SIGN_WORDS[k])) == 0;
      if (sign)
        label_date(l.s, l.n, date);
      else
        place_date(l.s, l.n, date);
      i = j + 1;
    }
  }
}

/* The first date in the text that does not close a range ("6 t/m 17
 * maart 2023" is a period, not the document's date). */
static void first_date(const char *text, size_t n, char date[11]) {
  size_t from = 0, at;
  while (from < n && woo__date_find(text + from, n - from, date, &at)) {
    size_t p = from + at;
    size_t b = p;
    while (b > 0 && text[b - 1] == ' ')
      b--;
    /* Dashes are left out: "Verslag – 8 februari 2022" is common. */
    bool range_end = (b >= 3 && strncasecmp(text + b - 3, "t/m", 3) == 0) ||
                     (b >= 3 && strncasecmp(text + b - 3, "tot", 3) == 0) ||
                     (b >= 6 && strncasecmp(text + b - 6, "en met", 6) == 0);
    if (!range_end)
      return;
    /* Past this date's first word, so the search does not start inside
     * it. */
    from = p;
    while (from < n && isalnum((unsigned char)text[from]))
      from++;
  }
  *date = '\0';
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
        if ((val = labelled(&v[i], SENT, &vn, false)))
          label_date(val, vn, date);
  }
  static const char *const *const tiers[] = {OWN_DATE_LABELS, DATE_LABELS};
  for (size_t t = 0; t < 2 && !*date; t++)
    for (size_t i = 0; i < nl && !*date; i++)
      if ((val = labelled(&v[i], tiers[t], &vn, true)))
        label_date(val, vn, date);
  if (!*date)
    signed_date(text, len, date);
  for (size_t i = 0; i < nl && !*date; i++)
    if ((val = labelled(&v[i], EVENT_DATE_LABELS, &vn, true)))
      label_date(val, vn, date);
  if (!*date)
    meta_date(woo_doc_meta_get(doc, "created"), date);
  if (!*date) {
    size_t n = len > HEAD_BYTES ? woo__utf8_back(text, HEAD_BYTES) : len;
    first_date(text, n, date);
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
      if ((val = labelled(&v[i], TITLE_LABELS, &vn, true)) && vn > 0) {
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
  /* The first line that is not the letterhead. */
  for (size_t i = 0; i < nl && i < 8 && !title; i++)
    if (!letterhead(&v[i])) {
      title = v[i].s;
      title_n = v[i].n;
    }
  if (!title && nl) {
    title = v[0].s;
    title_n = v[0].n;
  }
  /* A letter whose subject is a decision is a decision ("Besluit op uw
   * verzoek", "Beschikking kwijtschelding"). */
  if (title && (strcmp(kind, "brief") == 0 || strcmp(kind, "overig") == 0) &&
      ((title_n > 8 && strncasecmp(title, "besluit ", 8) == 0) ||
       (title_n > 12 && strncasecmp(title, "beschikking ", 12) == 0)))
    kind = "besluit";
  if (title_n > 200)
    title_n = woo__utf8_back(title, 200);
  if ((rc = woo__row_set(&row->titel, title, title ? title_n : 0)))
    return rc;
  return woo__row_set(&row->documentsoort, kind, WOO_UNSET);
}
