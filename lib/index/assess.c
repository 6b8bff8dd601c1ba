/* The assessment (beoordeling) and grounds of a document: from the marks
 * a reviewer settled, from the codes an already redacted document
 * carries, or from a scan. */
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"
#include "woo/codes.h"
#include "woo/scan.h"

/* Bytes of text that are not white space. */
static size_t ink(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
          s[i] == '\f'))
      k++;
  return k;
}

/* Settle the row from a set of withheld spans and their grounds.  A
 * document whose visible text is nearly all withheld is "niet openbaar"
 * (or "buiten reikwijdte" when every ground is 4.1.4); anything withheld
 * makes it "deels openbaar". */
static int settle(woo_index_row *row, const char *text, size_t len,
                  woo__spanset *withheld, const woo_ground **g, size_t ng,
                  size_t extra_hidden) {
  int rc = woo__row_set_grounds(row, g, ng);
  if (rc)
    return rc;
  if (withheld->n == 0 && ng == 0) {
    row->beoordeling = WOO_BEOORDELING_OPENBAAR;
    return 0;
  }
  woo__spanset_normalize(withheld);
  size_t total = ink(text, len), hidden = extra_hidden;
  for (size_t i = 0; i < withheld->n; i++)
    hidden += ink(text + withheld->v[i].start,
                  withheld->v[i].end - withheld->v[i].start);
  bool all_scope = row->ground_count > 0;
  for (size_t i = 0; i < row->ground_count; i++)
    if (row->grounds[i]->kind != WOO_GROUND_SCOPE)
      all_scope = false;
  bool whole = total == 0 || hidden * 10 >= total * 9;
  if (whole)
    row->beoordeling =
        all_scope ? WOO_BEOORDELING_BUITEN : WOO_BEOORDELING_NIET;
  else
    row->beoordeling = WOO_BEOORDELING_DEELS;
  return 0;
}

static int from_marks(woo_index_row *row, const char *text, size_t len,
                      const woo_marks *marks) {
  size_t n = woo_marks_count(marks);
  const woo_ground **g = n ? woo__calloc(n, sizeof *g) : NULL;
  if (n && !g)
    return woo__oom();
  woo__spanset set = WOO__SPANSET_INIT;
  size_t k = 0;
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_mark *m = woo_marks_at(marks, i);
    if (m->status == WOO_MARK_REJECTED)
      continue;
    g[k++] = m->ground;
    if (m->end <= len)
      rc = woo__spanset_add(&set, m->start, m->end);
  }
  if (rc == 0)
    rc = settle(row, text, len, &set, g, k, 0);
  woo__spanset_free(&set);
  free(g);
  return rc;
}

/* Whether the code at `at` sits in a row of a table: a line with cells
 * between '|' bars, or a line of an inventory naming an assessment.  A
 * decision letter lists the grounds of other documents that way; they
 * say nothing about what was withheld from the letter itself. */
static bool in_table_row(const char *text, size_t len, size_t at) {
  size_t a = at, b = at;
  while (a > 0 && text[a - 1] != '\n')
    a--;
  while (b < len && text[b] != '\n')
    b++;
  size_t bars = 0;
  for (size_t i = a; i < b; i++)
    bars += text[i] == '|';
  if (bars >= 2)
    return true;
  static const char *const words[] = {"deels openbaar", "niet openbaar",
                                      "reeds openbaar", "buiten reikwijdte",
                                      NULL};
  for (size_t k = 0; words[k]; k++) {
    size_t n = strlen(words[k]);
    for (size_t i = a; i + n <= b; i++)
      if (strncasecmp(text + i, words[k], n) == 0)
        return true;
  }
  return false;
}

/* An already redacted document: its marker codes stand where text was.
 * The text that is left, less the codes, says how much was withheld; a
 * page of codes alone is a withheld document. */
static int from_codes(woo_index_row *row, const char *text, size_t len,
                      bool *found) {
  woo_codes *codes = NULL;
  woo_codes_options o = WOO_CODES_OPTIONS_INIT;
  o.include_citations = 0;
  int rc = woo_codes_find(&codes, text, len, &o);
  if (rc)
    return rc;
  size_t n = woo_codes_count(codes);
  const woo_ground **g = n ? woo__calloc(n, sizeof *g) : NULL;
  woo__spanset set = WOO__SPANSET_INIT;
  size_t k = 0;
  if (n && !g)
    rc = woo__oom();
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_code *c = woo_codes_at(codes, i);
    if (c->role != WOO_ROLE_MARKER || !c->ground ||
        c->ground->kind == WOO_GROUND_STATUS ||
        in_table_row(text, len, c->start))
      continue;
    g[k++] = c->ground;
    rc = woo__spanset_add(&set, c->start, c->end);
  }
  *found = k > 0;
  if (rc == 0 && k > 0)
    rc = settle(row, text, len, &set, g, k, 0);
  woo__spanset_free(&set);
  free(g);
  woo_codes_free(codes);
  return rc;
}

int woo__index_assess(const woo_index *idx, const woo_doc *doc,
                      const woo_marks *marks, woo_index_row *row) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  if (marks)
    return from_marks(row, text, len, marks);
  bool found = false;
  int rc = from_codes(row, text, len, &found);
  if (rc || found)
    return rc;
  if (idx->scanner) {
    woo_marks *m = NULL;
    rc = woo_scan(&m, idx->scanner, doc, NULL);
    if (rc == 0)
      rc = from_marks(row, text, len, m);
    woo_marks_free(m);
    return rc;
  }
  row->beoordeling = WOO_BEOORDELING_OPENBAAR;
  return woo__row_set_grounds(row, NULL, 0);
}
