/* The review page: the document with its marks highlighted, for the
 * people who accept or reject them. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "woo/marks.h"

/* Colours per ground family, chosen to stay apart for colour-blind
 * readers (a qualitative palette) and readable under black text. */
static const char *ground_colour(const woo_ground *g) {
  const char *c = g->woo_code ? g->woo_code : g->code;
  if (!strcmp(c, "5.1.2.e")) return "#f6c85f";
  if (!strcmp(c, "5.1.2.h")) return "#ef8a62";
  if (!strcmp(c, "5.1.2.i")) return "#67a9cf";
  if (!strcmp(c, "4.1.4")) return "#bdbdbd";
  if (!strcmp(c, "5.1.1.e")) return "#e78ac3";
  if (!strncmp(c, "5.1.1", 5)) return "#a6d854";
  if (!strcmp(c, "5.2.1")) return "#8da0cb";
  return "#66c2a5";
}

static int put_escaped(woo__buf *b, const char *s, size_t n) {
  int rc = 0;
  size_t run = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const char *rep = NULL;
    switch (s[i]) {
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '&': rep = "&amp;"; break;
    case '"': rep = "&quot;"; break;
    case '\r': rep = ""; break;
    case '\f': rep = "\n"; break;
    default: break;
    }
    if (rep) {
      rc = woo__buf_put(b, s + run, i - run);
      if (rc == 0)
        rc = woo__buf_puts(b, rep);
      run = i + 1;
    }
  }
  return rc ? rc : woo__buf_put(b, s + run, n - run);
}

static const char style[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}"
    "header{padding:12px 20px;background:#263238;color:#fff}"
    "header h1{font-size:18px;margin:0}header p{margin:2px 0 0;font-size:13px;opacity:.85}"
    "main{display:flex;gap:20px;padding:20px;align-items:flex-start}"
    "pre{white-space:pre-wrap;word-wrap:break-word;background:#fff;border:1px solid #ddd;"
    "padding:16px;flex:3;margin:0;font:14px/1.55 ui-monospace,monospace}"
    "aside{flex:2;position:sticky;top:10px;max-height:95vh;overflow:auto}"
    "aside h2{font-size:16px;margin:4px 0 8px}aside h2+table{margin-bottom:18px}"
    "mark{border-radius:3px;padding:0 1px;color:#000;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}"
    "mark.rejected{background:none!important;outline:1px dashed #999;color:#777;text-decoration:line-through}"
    "mark sup{font-size:10px;font-weight:600;margin-left:2px}"
    "table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}"
    "th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}"
    "#marks td{white-space:nowrap}#marks td:last-child{white-space:normal}"
    "td.count{text-align:right}"
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle;margin-right:6px}"
    ".warn{background:#fff3cd;padding:6px 10px;border:1px solid #e0c36a;margin-bottom:10px;font-size:13px}";

int woo_review_html(char **out, size_t *out_len, const woo_doc *doc,
                    const woo_marks *marks) {
  if (!out || !doc || !marks)
    return woo__error(WOO_EINVAL, "out, doc or marks is NULL");
  *out = NULL;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  size_t n = woo_marks_count(marks);
  for (size_t i = 0; i < n; i++)
    if (woo_marks_at(marks, i)->end > len)
      return woo__error(WOO_EINVAL, "%s: mark %zu lies outside the text",
                        woo_doc_path(doc), i);
  woo__buf b = WOO__BUF_INIT;
  int rc = woo__buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                             "<meta name=\"robots\" content=\"noindex\">"
                             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                             "<title>Review: ");
  rc = rc ? rc : put_escaped(&b, woo_doc_path(doc), strlen(woo_doc_path(doc)));
  rc = rc ? rc : woo__buf_printf(&b, "</title><style>%s</style></head><body>", style);
  rc = rc ? rc : woo__buf_puts(&b, "<header><h1>");
  rc = rc ? rc : put_escaped(&b, woo_doc_path(doc), strlen(woo_doc_path(doc)));
  rc = rc ? rc : woo__buf_printf(&b, "</h1><p>%s · %zu bytes · %zu marks · sha256 %.16s…</p></header><main><pre>",
                                 woo_format_name(woo_doc_format(doc)), woo_doc_input_size(doc), n,
                                 woo_doc_sha256(doc));
  /* The text, with marks as <mark> elements.  Overlapping marks cannot
   * nest in HTML; a mark starting inside the previous one is shown from
   * where the previous one ends. */
  size_t at = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_mark *m = woo_marks_at(marks, i);
    size_t s = m->start < at ? at : m->start;
    if (m->end <= s)
      continue;
    rc = put_escaped(&b, text + at, s - at);
    rc = rc ? rc : woo__buf_printf(&b, "<mark id=\"m%zu\" class=\"%s\" style=\"background:%s\" title=\"%s · %s · ",
                                   i, woo_mark_status_name(m->status), ground_colour(m->ground),
                                   m->ground->code, woo_entity_name(m->entity));
    /* The source comes from a marks file as much as from the scanner. */
    rc = rc ? rc : put_escaped(&b, m->source, strlen(m->source));
    rc = rc ? rc : woo__buf_printf(&b, " · %.2f\">", m->confidence);
    rc = rc ? rc : put_escaped(&b, text + s, m->end - s);
    rc = rc ? rc : woo__buf_printf(&b, "<sup>%s</sup></mark>", m->ground->code);
    at = m->end;
  }
  rc = rc ? rc : put_escaped(&b, text + at, len - at);
  rc = rc ? rc : woo__buf_puts(&b, "</pre><aside>");
  if (rc == 0 && woo_doc_warning_count(doc))
    for (size_t i = 0; i < woo_doc_warning_count(doc) && rc == 0; i++) {
      rc = woo__buf_puts(&b, "<div class=\"warn\">");
      const char *w = woo_doc_warning(doc, i);
      rc = rc ? rc : put_escaped(&b, w, strlen(w));
      rc = rc ? rc : woo__buf_puts(&b, "</div>");
    }
  /* Legend: counts per ground in registry order. */
  rc = rc ? rc : woo__buf_puts(&b, "<h2>Gronden</h2><table id=\"legend\"><tr><th>grond</th><th>omschrijving</th><th>aantal</th></tr>");
  for (size_t g = 0; g < woo_ground_count() && rc == 0; g++) {
    const woo_ground *gr = woo_ground_at(g);
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
      c += woo_marks_at(marks, i)->ground == gr;
    if (!c)
      continue;
    rc = woo__buf_printf(&b, "<tr><td><span class=\"sw\" style=\"background:%s\"></span>%s</td><td>",
                         ground_colour(gr), gr->code);
    rc = rc ? rc : put_escaped(&b, gr->title, strlen(gr->title));
    rc = rc ? rc : woo__buf_printf(&b, "</td><td class=\"count\">%zu</td></tr>", c);
  }
  rc = rc ? rc : woo__buf_puts(&b, "</table><h2>Markeringen</h2><table id=\"marks\"><tr><th>#</th><th>grond</th>"
                                   "<th>soort</th><th>bron</th><th>zekerheid</th><th>status</th><th>tekst</th></tr>");
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo_mark *m = woo_marks_at(marks, i);
    rc = woo__buf_printf(&b, "<tr><td><a href=\"#m%zu\">%zu</a></td><td>%s</td><td>%s</td><td>",
                         i, i + 1, m->ground->code, woo_entity_name(m->entity));
    rc = rc ? rc : put_escaped(&b, m->source, strlen(m->source));
    rc = rc ? rc : woo__buf_printf(&b, "</td><td>%.2f</td><td>%s</td><td>", m->confidence,
                                   woo_mark_status_name(m->status));
    size_t tl = m->end - m->start;
    size_t cut = tl > 80 ? woo__utf8_back(text + m->start, 80) : tl;
    rc = rc ? rc : put_escaped(&b, text + m->start, cut);
    rc = rc ? rc : woo__buf_puts(&b, tl > 80 ? "…</td></tr>" : "</td></tr>");
  }
  rc = rc ? rc : woo__buf_puts(&b, "</table></aside></main></body></html>\n");
  if (rc) {
    woo__buf_free(&b);
    return rc;
  }
  *out = woo__buf_detach(&b, out_len);
  return 0;
}
