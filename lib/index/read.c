/* Reading an existing inventory: CSV, or the text of a published one as
 * pdftotext -layout prints it.
 *
 * In the text, columns are found from the header row (the line naming at
 * least three known columns); every word below goes to the column whose
 * header starts at or just left of it.  A row is anchored at the line
 * that carries its number.  pdftotext centres cells vertically, so the
 * number may be printed above, beside or below the rest of its row: the
 * lines between two numbers are split where a line brings a date, an
 * assessment or a title with grounds that the row above already has. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"

struct woo_index_list {
  woo_index_row *rows;
  size_t n, cap;
  char **notes;
  size_t n_notes, cap_notes;
  size_t skipped;
};

size_t woo_index_list_count(const woo_index_list *l) { return l ? l->n : 0; }
const woo_index_row *woo_index_list_at(const woo_index_list *l, size_t i) {
  return l && i < l->n ? &l->rows[i] : NULL;
}
size_t woo_index_list_skipped(const woo_index_list *l) {
  return l ? l->skipped : 0;
}
size_t woo_index_list_note_count(const woo_index_list *l) {
  return l ? l->n_notes : 0;
}
const char *woo_index_list_note(const woo_index_list *l, size_t i) {
  return l && i < l->n_notes ? l->notes[i] : NULL;
}
const woo_index_row *woo_index_list_find(const woo_index_list *l, size_t nr) {
  for (size_t i = 0; l && i < l->n; i++)
    if (l->rows[i].nr == nr)
      return &l->rows[i];
  return NULL;
}

void woo_index_list_free(woo_index_list *l) {
  if (!l)
    return;
  for (size_t i = 0; i < l->n; i++)
    woo__row_clear(&l->rows[i]);
  free(l->rows);
  for (size_t i = 0; i < l->n_notes; i++)
    free(l->notes[i]);
  free(l->notes);
  free(l);
}

static int note(woo_index_list *l, size_t line, const char *what) {
  if (l->n_notes == l->cap_notes) {
    size_t nc = l->cap_notes ? l->cap_notes * 2 : 16;
    char **nv = woo__reallocarray(l->notes, nc, sizeof *nv);
    if (!nv)
      return woo__oom();
    l->notes = nv;
    l->cap_notes = nc;
  }
  woo__buf b = WOO__BUF_INIT;
  if (woo__buf_printf(&b, "line %zu: %s", line, what))
    return woo__oom();
  l->notes[l->n_notes++] = woo__buf_detach(&b, NULL);
  return 0;
}

/* A new row at the end of the list, every string "". */
static woo_index_row *append(woo_index_list *l) {
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 64;
    woo_index_row *nv = woo__reallocarray(l->rows, nc, sizeof *nv);
    if (!nv)
      return NULL;
    l->rows = nv;
    l->cap = nc;
  }
  woo_index_row *fresh = woo__row_new();
  if (!fresh)
    return NULL;
  l->rows[l->n] = *fresh;
  free(fresh);
  return &l->rows[l->n++];
}

/* The assessment a cell names: at its start, else anywhere in it. */
static woo_beoordeling find_beoordeling(const char *s) {
  woo_beoordeling b;
  if (woo_beoordeling_parse(&b, s) == 0)
    return b;
  woo_error_clear();
  static const char *const words[] = {"deels openbaar", "niet openbaar",
                                      "niet-openbaar", "reeds openbaar",
                                      "buiten reikwijdte", "buiten verzoek",
                                      "volledig openbaar", "openbaar", NULL};
  for (size_t i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    for (const char *p = s; *p; p++)
      if (strncasecmp(p, words[i], n) == 0 &&
          (p == s || !isalpha((unsigned char)p[-1]))) {
        if (woo_beoordeling_parse(&b, p) == 0)
          return b;
        woo_error_clear();
      }
  }
  return WOO_BEOORDELING_UNKNOWN;
}

/* Fill the parsed fields of a row from its cell texts. */
static int finish_row(woo_index_row *r, const char *nr, const char *datum,
                      const char *titel, const char *soort, const char *beo,
                      const char *gronden, const char *opm, const char *id,
                      const char *paginas) {
  int rc = 0;
  if ((rc = woo__row_set(&r->nr_text, nr, WOO_UNSET)))
    return rc;
  r->nr = 0;
  const char *p = nr;
  while (*p && !isdigit((unsigned char)*p))
    p++;
  if (*p)
    r->nr = (size_t)strtoul(p, NULL, 10);
  char iso[11];
  size_t at;
  if (datum && woo__date_find(datum, strlen(datum), iso, &at))
    rc = woo__row_set(&r->datum, iso, WOO_UNSET);
  else
    rc = woo__row_set(&r->datum, datum, WOO_UNSET);
  if (rc == 0)
    rc = woo__row_set(&r->titel, titel, WOO_UNSET);
  if (rc == 0)
    rc = woo__row_set(&r->documentsoort, soort, WOO_UNSET);
  if (rc == 0)
    rc = woo__row_set(&r->opmerkingen, opm, WOO_UNSET);
  if (rc == 0)
    rc = woo__row_set(&r->identifier, id, WOO_UNSET);
  if (rc)
    return rc;
  r->beoordeling = beo ? find_beoordeling(beo) : WOO_BEOORDELING_UNKNOWN;
  if (gronden && *gronden)
    rc = woo__row_grounds_from_text(r, gronden, strlen(gronden));
  if (rc == 0 && r->beoordeling == WOO_BEOORDELING_UNKNOWN && gronden)
    r->beoordeling = find_beoordeling(gronden);
  if (paginas && *paginas)
    r->paginas = (size_t)strtoul(paginas, NULL, 10);
  return rc;
}

/* ---- CSV ------------------------------------------------------------- */

static int read_csv(woo_index_list *l, const char *data, size_t len,
                    const char *name) {
  woo__csv c;
  woo__csv_init(&c, data, len);
  char **f = NULL;
  size_t nf = 0;
  int rc = woo__csv_record(&c, &f, &nf);
  if (rc <= 0)
    return rc < 0 ? woo__error(rc, "%s: %s", name, woo_error_last()->message)
                  : woo__error(WOO_EFORMAT, "%s: empty", name);
  woo__col cols[64];
  size_t ncols = nf < 64 ? nf : 64;
  for (size_t i = 0; i < ncols; i++) {
    cols[i] = woo__col_from_header(f[i], strlen(f[i]));
    if (cols[i] == WOO__COL_TITEL && strcasecmp(f[i], "document") == 0)
      cols[i] = WOO__COL_DOCUMENT;
  }
  woo__csv_free_record(f, nf);
  for (;;) {
    size_t line = c.line;
    rc = woo__csv_record(&c, &f, &nf);
    if (rc < 0)
      return woo__error(rc, "%s: %s", name, woo_error_last()->message);
    if (rc == 0)
      break;
    bool empty = true;
    for (size_t i = 0; i < nf; i++)
      if (f[i][0])
        empty = false;
    if (empty) {
      woo__csv_free_record(f, nf);
      continue;
    }
    const char *cell[WOO__COL_IDENTIFIER + 1] = {0};
    for (size_t i = 0; i < nf && i < ncols; i++)
      if (!cell[cols[i]])
        cell[cols[i]] = f[i];
    woo_index_row *r = append(l);
    rc = r ? 0 : woo__oom();
    if (rc == 0) {
      r->line = line;
      rc = woo__row_set(&r->document,
                        cell[WOO__COL_DOCUMENT] ? cell[WOO__COL_DOCUMENT] : "",
                        WOO_UNSET);
    }
    if (rc == 0)
      rc = finish_row(r, cell[WOO__COL_NR] ? cell[WOO__COL_NR] : "",
                      cell[WOO__COL_DATUM], cell[WOO__COL_TITEL],
                      cell[WOO__COL_SOORT], cell[WOO__COL_BEOORDELING],
                      cell[WOO__COL_GRONDEN], cell[WOO__COL_OPMERKINGEN],
                      cell[WOO__COL_IDENTIFIER], cell[WOO__COL_PAGINAS]);
    if (rc == 0 && r->nr == 0)
      rc = note(l, line, "no number");
    woo__csv_free_record(f, nf);
    if (rc)
      return rc;
  }
  return 0;
}

/* ---- text layout ------------------------------------------------------- */

typedef struct word {
  size_t col;   /* code-point column */
  size_t start; /* byte offsets into the line */
  size_t end;
  size_t gap;   /* spaces before it */
} word;

typedef struct tline {
  const char *s;
  size_t n;
  word *w;
  size_t nw;
} tline;

static size_t words_of(const char *s, size_t n, word *out, size_t max) {
  size_t col = 0, i = 0, k = 0, gap = 0;
  while (i < n && k < max) {
    size_t cl;
    uint32_t cp = woo__utf8_decode((const unsigned char *)s + i, n - i, &cl);
    bool sp = cp == ' ' || cp == '\t' || cp == 0xA0;
    if (sp) {
      gap += cp == '\t' ? 8 - col % 8 : 1;
      col += cp == '\t' ? 8 - col % 8 : 1;
      i += cl;
      continue;
    }
    word w = {col, i, i, gap};
    while (i < n) {
      cp = woo__utf8_decode((const unsigned char *)s + i, n - i, &cl);
      if (cp == ' ' || cp == '\t' || cp == 0xA0)
        break;
      i += cl;
      col++;
    }
    w.end = i;
    out[k++] = w;
    gap = 0;
  }
  return k;
}

#define MAXCOLS 16
#define MAXWORDS 96

typedef struct layout {
  woo__col role[MAXCOLS];
  size_t start[MAXCOLS];
  size_t n;
} layout;

static bool key_role(woo__col c) {
  return c == WOO__COL_NR || c == WOO__COL_DATUM || c == WOO__COL_TITEL ||
         c == WOO__COL_BEOORDELING || c == WOO__COL_GRONDEN ||
         c == WOO__COL_SOORT || c == WOO__COL_OPMERKINGEN;
}

/* Whether a line is a header row; fills the layout. */
static bool header_line(const tline *t, layout *lay) {
  if (t->nw < 3 || t->nw > 40)
    return false;
  layout L = {{0}, {0}, 0};
  /* Chunks: words joined by single spaces. */
  size_t i = 0;
  while (i < t->nw && L.n < MAXCOLS) {
    size_t j = i + 1;
    while (j < t->nw && t->w[j].gap < 2)
      j++;
    const char *cs = t->s + t->w[i].start;
    size_t cn = t->w[j - 1].end - t->w[i].start;
    woo__col role = woo__col_from_header(cs, cn);
    /* A chunk may hold several headers set close together
     * ("Volgnum Datum document"): later words with a role of their own
     * open a column. */
    L.role[L.n] = role;
    L.start[L.n] = t->w[i].col;
    L.n++;
    for (size_t k = i + 1; k < j && L.n < MAXCOLS; k++) {
      woo__col r =
          woo__col_from_header(t->s + t->w[k].start, t->w[k].end - t->w[k].start);
      if (r == WOO__COL_DATUM || r == WOO__COL_BEOORDELING ||
          (r == WOO__COL_TIJD && role == WOO__COL_DATUM)) {
        if (r == role)
          continue;
        L.role[L.n] = r;
        L.start[L.n] = t->w[k].col;
        L.n++;
      }
    }
    i = j;
  }
  /* A bare "document" next to another title column is the kind
   * ("Soort / document" over two lines). */
  size_t titles = 0;
  for (size_t k = 0; k < L.n; k++)
    titles += L.role[k] == WOO__COL_TITEL;
  unsigned seen = 0;
  size_t distinct = 0;
  for (size_t k = 0; k < L.n; k++) {
    if (titles > 1 && L.role[k] == WOO__COL_TITEL && k + 1 < L.n &&
        L.role[k + 1] == WOO__COL_TITEL) {
      L.role[k] = WOO__COL_SOORT;
      titles--;
    }
    if (key_role(L.role[k]) && !(seen & (1u << L.role[k]))) {
      seen |= 1u << L.role[k];
      distinct++;
    }
  }
  bool core = (seen & (1u << WOO__COL_BEOORDELING)) ||
              (seen & (1u << WOO__COL_GRONDEN));
  bool first = (seen & (1u << WOO__COL_NR)) || (seen & (1u << WOO__COL_DATUM));
  if (distinct < 3 || !core || !first)
    return false;
  *lay = L;
  return true;
}

/* Cells of a table line: the text of each column. */
typedef struct cellset {
  woo__buf c[MAXCOLS];
} cellset;

/* Words that open an assessment cell. */
static bool assessment_word(const char *s, size_t n) {
  static const char *const words[] = {"openbaar", "niet-openbaar", "niet",
                                      "deels", "gedeeltelijk", "buiten",
                                      "reeds", "weigeren", NULL};
  for (size_t k = 0; words[k]; k++)
    if (strlen(words[k]) == n && strncasecmp(s, words[k], n) == 0)
      return true;
  return false;
}

static int line_cells(const tline *t, const layout *lay, cellset *cs) {
  size_t cur = 0;
  int rc = 0;
  for (size_t i = 0; i < t->nw && rc == 0; i++) {
    const word *w = &t->w[i];
    size_t col = 0;
    for (size_t k = 0; k < lay->n; k++)
      if (lay->start[k] <= w->col + 2)
        col = k;
    /* A word joined by one space stays in its neighbour's column unless
     * it starts right at a column's left edge. */
    if (i > 0 && w->gap < 2 && col != cur) {
      bool edge = lay->start[col] + 1 >= w->col && lay->start[col] <= w->col + 1;
      if (!edge)
        col = cur;
    }
    /* An assessment word set a little left of its column, or joined to
     * the title by one space ("… afstand tussen Niet-openbaar"), is
     * the assessment: headers are centred over their columns. */
    if (assessment_word(t->s + w->start, w->end - w->start))
      for (size_t k = 0; k < lay->n; k++)
        if (lay->role[k] == WOO__COL_BEOORDELING && k != col &&
            w->col + 6 >= lay->start[k] && w->col < lay->start[k] + 2)
          col = k;
    cur = col;
    woo__buf *b = &cs->c[col];
    if (b->len)
      rc = woo__buf_putc(b, ' ');
    if (rc == 0)
      rc = woo__buf_put(b, t->s + w->start, w->end - w->start);
  }
  return rc;
}

static void cells_free(cellset *cs) {
  for (size_t i = 0; i < MAXCOLS; i++)
    woo__buf_free(&cs->c[i]);
}

static const char *cell_of(const cellset *cs, const layout *lay,
                           woo__col role) {
  for (size_t k = 0; k < lay->n; k++)
    if (lay->role[k] == role && cs->c[k].len)
      return cs->c[k].data;
  return NULL;
}

/* A document number: "1", "12", "2.a", "3-a", "4a", "5.", "1,", "2.1.". */
static bool number_like(const char *s) {
  if (!s || !isdigit((unsigned char)*s))
    return false;
  size_t digits = 0;
  while (isdigit((unsigned char)*s))
    s++, digits++;
  if (digits > 6)
    return false;
  while (*s) {
    size_t dl = 0;
    if (*s == '.' || *s == ',' || *s == '-')
      dl = 1;
    else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80)
      dl = 3;
    s += dl;
    if (!*s)
      return true;
    if (isdigit((unsigned char)*s)) {
      size_t d = 0;
      while (isdigit((unsigned char)*s))
        s++, d++;
      if (d > 3)
        return false;
    } else if (isalpha((unsigned char)*s) && !isalpha((unsigned char)s[1])) {
      s++;
    } else {
      return false;
    }
  }
  return true;
}

/* What a table line brings. */
typedef struct linfo {
  bool blank;
  bool header;
  bool anchor;     /* carries a number */
  bool number_only;
  bool has_date;
  bool has_beo;
  bool titel_grounds; /* a title cell and a grounds cell with a code */
  bool nr_word;    /* a word in the number column that is no number */
} linfo;

static bool has_code(const char *s) {
  if (!s)
    return false;
  for (const char *p = s; *p; p++)
    if (isdigit((unsigned char)p[0]) && (p[1] == '.' || p[1] == ' ') &&
        isdigit((unsigned char)p[2]))
      return true;
  return false;
}

static linfo info_of(const cellset *cs, const layout *lay) {
  linfo f = {0};
  const char *nr = cell_of(cs, lay, WOO__COL_NR);
  size_t cells = 0;
  for (size_t k = 0; k < lay->n; k++)
    cells += cs->c[k].len > 0;
  f.blank = cells == 0;
  if (nr) {
    /* The first word of the number cell. */
    char first[32];
    size_t i = 0;
    while (nr[i] && nr[i] != ' ' && i + 1 < sizeof first) {
      first[i] = nr[i];
      i++;
    }
    first[i] = '\0';
    f.anchor = number_like(first);
    f.nr_word = !f.anchor;
    f.number_only = f.anchor && cells == 1;
  }
  char iso[11];
  size_t at;
  const char *d = cell_of(cs, lay, WOO__COL_DATUM);
  f.has_date = d && woo__date_find(d, strlen(d), iso, &at);
  const char *b = cell_of(cs, lay, WOO__COL_BEOORDELING);
  woo_beoordeling bv;
  f.has_beo = b && woo_beoordeling_parse(&bv, b) == 0;
  if (b && !f.has_beo)
    woo_error_clear();
  const char *g = cell_of(cs, lay, WOO__COL_GRONDEN);
  f.titel_grounds = cell_of(cs, lay, WOO__COL_TITEL) && has_code(g);
  return f;
}

/* A record being collected: the cell texts of its lines. */
typedef struct rec {
  woo__buf c[MAXCOLS];
  size_t line;
  bool has_date, has_beo, has_grounds, numbered;
} rec;

static int rec_add(rec *r, const cellset *cs, const layout *lay, linfo f,
                   size_t line) {
  int rc = 0;
  if (!r->line)
    r->line = line;
  for (size_t k = 0; k < lay->n && rc == 0; k++) {
    if (!cs->c[k].len)
      continue;
    if (r->c[k].len)
      rc = woo__buf_putc(&r->c[k], ' ');
    if (rc == 0)
      rc = woo__buf_put(&r->c[k], cs->c[k].data, cs->c[k].len);
  }
  r->has_date |= f.has_date;
  r->has_beo |= f.has_beo;
  r->has_grounds |= f.titel_grounds || has_code(cell_of(cs, lay,
                                                        WOO__COL_GRONDEN));
  r->numbered |= f.anchor;
  return rc;
}

static void rec_reset(rec *r) {
  for (size_t k = 0; k < MAXCOLS; k++)
    woo__buf_free(&r->c[k]);
  memset(r, 0, sizeof *r);
}

static const char *rec_cell(const rec *r, const layout *lay, woo__col role) {
  /* Title columns that repeat (two "document" headers) are joined. */
  for (size_t k = 0; k < lay->n; k++)
    if (lay->role[k] == role && r->c[k].len)
      return r->c[k].data;
  return NULL;
}

static int rec_emit(woo_index_list *l, rec *r, const layout *lay) {
  bool any = false;
  for (size_t k = 0; k < lay->n; k++)
    any |= r->c[k].len > 0;
  if (!any)
    return 0;
  int rc = 0;
  if (!r->numbered) {
    /* Rows without a number are kept when they look like rows. */
    if (!r->has_date && !r->has_beo) {
      l->skipped++;
      rc = note(l, r->line, "text outside any row skipped");
      rec_reset(r);
      return rc;
    }
    rc = note(l, r->line, "row without a number");
  }
  woo_index_row *row = rc ? NULL : append(l);
  if (!rc && !row)
    rc = woo__oom();
  if (rc == 0 && row) {
    row->line = r->line;
    const char *nr = rec_cell(r, lay, WOO__COL_NR);
    /* A title set left of its centred header lands in the date column:
     * what is not the date there starts the title. */
    const char *datum = rec_cell(r, lay, WOO__COL_DATUM);
    const char *titel = rec_cell(r, lay, WOO__COL_TITEL);
    woo__buf moved = WOO__BUF_INIT;
    char iso[11];
    size_t at, used;
    if (datum && woo__date_find(datum, strlen(datum), iso, &at) &&
        woo__date_parse(datum + at, strlen(datum + at), iso, &used)) {
      size_t letters = 0;
      for (const char *q = datum; *q; q++)
        letters += (q < datum + at || q >= datum + at + used) &&
                   isalpha((unsigned char)*q);
      if (letters >= 4) {
        rc = woo__buf_put(&moved, datum, at);
        if (rc == 0)
          rc = woo__buf_printf(&moved, " %s%s%s", datum + at + used,
                               titel ? " " : "", titel ? titel : "");
        if (rc == 0)
          titel = moved.data;
      }
    }
    /* The number cell holds the number; words after it ("bijlage 1")
     * stay in nr_text. */
    if (rc == 0)
      rc = finish_row(row, nr ? nr : "", datum, titel,
                    rec_cell(r, lay, WOO__COL_SOORT),
                    rec_cell(r, lay, WOO__COL_BEOORDELING),
                    rec_cell(r, lay, WOO__COL_GRONDEN),
                    rec_cell(r, lay, WOO__COL_OPMERKINGEN),
                    rec_cell(r, lay, WOO__COL_IDENTIFIER),
                    rec_cell(r, lay, WOO__COL_PAGINAS));
    woo__buf_free(&moved);
    if (rc == 0 && row->beoordeling == WOO_BEOORDELING_UNKNOWN)
      rc = note(l, r->line, "no beoordeling read");
  }
  rec_reset(r);
  return rc;
}

typedef struct pending {
  cellset cs;
  linfo f;
  size_t line;
} pending;

static int read_text(woo_index_list *l, const char *data, size_t len) {
  int rc = 0;
  layout lay = {{0}, {0}, 0};
  bool in_table = false;
  rec cur = {0};           /* the open record (its anchor seen) */
  bool cur_open = false;
  size_t cur_anchor = 0;   /* line of the open record's number */
  bool centred = false, centred_known = false; /* per table */
  pending *gap = NULL;     /* lines after the open record's anchor */
  size_t ngap = 0, capgap = 0;
  word words[MAXWORDS];
  size_t lineno = 0;
  size_t i = 0;
  while (rc == 0 && i <= len) {
    size_t j = i;
    while (j < len && data[j] != '\n')
      j++;
    lineno++;
    tline t = {data + i, j - i, words, 0};
    /* Form feeds start pages; treat them as spaces. */
    if (t.n && t.s[0] == '\f')
      t.s++, t.n--;
    t.nw = words_of(t.s, t.n, words, MAXWORDS);
    layout nl;
    bool is_header = header_line(&t, &nl);
    bool last = j >= len;
    i = j + 1;
    if (is_header) {
      /* Close what is open: the gap belongs to the open record. */
      for (size_t k = 0; k < ngap && rc == 0; k++) {
        if (cur_open)
          rc = rec_add(&cur, &gap[k].cs, &lay, gap[k].f, gap[k].line);
        cells_free(&gap[k].cs);
      }
      ngap = 0;
      if (rc == 0 && cur_open)
        rc = rec_emit(l, &cur, &lay);
      cur_open = false;
      lay = nl;
      in_table = true;
      centred = centred_known = false;
      if (last)
        break;
      continue;
    }
    if (!in_table) {
      if (last)
        break;
      continue;
    }
    pending p;
    memset(&p, 0, sizeof p);
    p.line = lineno;
    rc = line_cells(&t, &lay, &p.cs);
    if (rc)
      break;
    p.f = info_of(&p.cs, &lay);
    /* "4 / bijlage / 1": a number alone under a word in the number
     * column continues that number. */
    if (p.f.number_only && ngap > 0 && gap[ngap - 1].f.nr_word) {
      p.f.anchor = false;
      p.f.number_only = false;
    }
    if (!p.f.anchor) {
      if (!p.f.blank || ngap > 0) {
        if (ngap == capgap) {
          size_t nc = capgap ? capgap * 2 : 16;
          pending *nv = woo__reallocarray(gap, nc, sizeof *nv);
          if (!nv) {
            cells_free(&p.cs);
            rc = woo__oom();
            break;
          }
          gap = nv;
          capgap = nc;
        }
        gap[ngap++] = p;
      } else {
        cells_free(&p.cs);
      }
      if (!last)
        continue;
      /* At the end, the gap belongs to the open record. */
      for (size_t k = 0; k < ngap && rc == 0; k++) {
        if (cur_open)
          rc = rec_add(&cur, &gap[k].cs, &lay, gap[k].f, gap[k].line);
        cells_free(&gap[k].cs);
      }
      ngap = 0;
      if (rc == 0 && cur_open)
        rc = rec_emit(l, &cur, &lay);
      cur_open = false;
      break;
    }
    /* A new anchor: split the gap between the open record and this one.
     * Lines stay with the open record until one brings a field it has
     * already; from there on they lead up to the new anchor, unless the
     * new anchor has that field on its own line, in which case they form
     * a row without a number. */
    size_t split = ngap;
    rec probe = {0};
    probe.has_date = cur.has_date;
    probe.has_beo = cur.has_beo;
    probe.has_grounds = cur.has_grounds;
    bool open = cur_open;
    for (size_t k = 0; k < ngap; k++) {
      linfo f = gap[k].f;
      bool conflict = (f.has_date && probe.has_date) ||
                      (f.has_beo && probe.has_beo) ||
                      (f.titel_grounds && probe.has_grounds);
      if (!open)
        conflict = f.has_date || f.has_beo;
      if (conflict) {
        split = k;
        break;
      }
      probe.has_date |= f.has_date;
      probe.has_beo |= f.has_beo;
      probe.has_grounds |= f.titel_grounds;
    }
    /* A table whose first row has its date beside its number and title
     * or grounds lines above it has its cells centred vertically: each
     * line between two numbers belongs to the nearer one, a blank line
     * deciding a tie.  (Where the number is printed under its row, the
     * date is above it too, and the rules above apply.) */
    if (!open && !centred_known) {
      centred_known = true;
      for (size_t k = 0; k < ngap && p.f.has_date; k++)
        if (cell_of(&gap[k].cs, &lay, WOO__COL_TITEL) ||
            cell_of(&gap[k].cs, &lay, WOO__COL_GRONDEN))
          centred = true;
    }
    if (centred && open) {
      split = ngap;
      for (size_t k = 0; k < ngap; k++) {
        size_t up = gap[k].line - cur_anchor, down = p.line - gap[k].line;
        bool blank_above = false;
        for (size_t q = 0; q <= k; q++)
          blank_above |= gap[q].f.blank;
        if (down < up || (down == up && blank_above)) {
          split = k;
          break;
        }
      }
    } else if (centred) {
      /* Before the first row: what follows the last blank line. */
      split = 0;
      for (size_t k = 0; k < ngap; k++)
        if (gap[k].f.blank)
          split = k + 1;
    }
    for (size_t k = 0; k < split && rc == 0; k++) {
      if (cur_open)
        rc = rec_add(&cur, &gap[k].cs, &lay, gap[k].f, gap[k].line);
      else if (!gap[k].f.blank) {
        l->skipped += 0; /* text before the first row: titles, sections */
      }
    }
    if (rc == 0 && cur_open)
      rc = rec_emit(l, &cur, &lay);
    cur_open = false;
    bool own = !centred && (p.f.has_date || p.f.has_beo);
    rec head = {0};
    for (size_t k = split; k < ngap && rc == 0; k++) {
      if (gap[k].f.blank)
        continue;
      /* An unnumbered row sits between: the new anchor has its own. */
      if (own && (gap[k].f.has_date || gap[k].f.has_beo) && head.line) {
        rc = rec_emit(l, &head, &lay);
        if (rc)
          break;
      }
      rc = rec_add(&head, &gap[k].cs, &lay, gap[k].f, gap[k].line);
    }
    if (rc == 0 && head.line && own && (head.has_date || head.has_beo)) {
      rc = rec_emit(l, &head, &lay);
      rec_reset(&head);
    }
    for (size_t k = 0; k < ngap; k++)
      cells_free(&gap[k].cs);
    ngap = 0;
    if (rc == 0) {
      cur = head;
      rc = rec_add(&cur, &p.cs, &lay, p.f, p.line);
      cur_open = true;
      cur_anchor = p.line;
    } else {
      rec_reset(&head);
    }
    cells_free(&p.cs);
    if (last) {
      if (rc == 0)
        rc = rec_emit(l, &cur, &lay);
      cur_open = false;
      break;
    }
  }
  for (size_t k = 0; k < ngap; k++)
    cells_free(&gap[k].cs);
  free(gap);
  rec_reset(&cur);
  return rc;
}

/* ---- entry points ------------------------------------------------------ */

/* CSV when the first line has separators and names known columns. */
static bool looks_csv(const char *data, size_t len) {
  woo__csv c;
  woo__csv_init(&c, data, len);
  char **f = NULL;
  size_t nf = 0;
  if (woo__csv_record(&c, &f, &nf) != 1) {
    woo_error_clear();
    return false;
  }
  size_t known = 0;
  for (size_t i = 0; i < nf; i++)
    if (woo__col_from_header(f[i], strlen(f[i])) != WOO__COL_OTHER &&
        strlen(f[i]) < 40)
      known++;
  woo__csv_free_record(f, nf);
  return nf >= 3 && known >= 3;
}

int woo_index_parse(woo_index_list **out, const char *data, size_t len,
                    const char *name) {
  if (!out || (!data && len))
    return woo__error(WOO_EINVAL, "woo_index_parse: missing argument");
  *out = NULL;
  if (!name)
    name = "(inventory)";
  woo_index_list *l = woo__calloc(1, sizeof *l);
  if (!l)
    return woo__oom();
  int rc = looks_csv(data, len) ? read_csv(l, data, len, name)
                                : read_text(l, data, len);
  if (rc == 0 && l->n == 0)
    rc = woo__error(WOO_EFORMAT,
                    "%s: no inventory rows found (no header naming nr, "
                    "datum, beoordeling or gronden columns)",
                    name);
  if (rc) {
    woo_index_list_free(l);
    return rc;
  }
  *out = l;
  return 0;
}

int woo_index_read(woo_index_list **out, const char *path) {
  if (!out || !path)
    return woo__error(WOO_EINVAL, "woo_index_read: missing argument");
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  int rc = woo__file_read(path, 256u << 20, &data, &len);
  if (rc)
    return rc;
  rc = woo_index_parse(out, data, len, path);
  free(data);
  return rc;
}
