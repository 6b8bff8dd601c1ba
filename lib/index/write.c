/* Streaming writers: CSV, JSON, Markdown, HTML and DiWoo XML, one row at
 * a time, so an inventory of any length is written in flat memory. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index/internal.h"

struct woo_index_writer {
  const woo_index *idx;
  woo_index_format format;
  woo_index_sink sink;
  void *user;
  bool started;
  bool failed;
  size_t rows;
  size_t next_nr;
  woo__buf buf; /* one row's bytes, reused */
};

static const char *const COLUMNS[] = {
    "nr", "document", "datum", "titel", "documentsoort", "beoordeling",
    "gronden", "pagina's", "opmerkingen"};
static const char *const HEADINGS[] = {
    "Nr.", "Document", "Datum", "Titel", "Documentsoort", "Beoordeling",
    "Gronden", "Pagina's", "Opmerkingen"};
#define NCOLS (sizeof COLUMNS / sizeof *COLUMNS)

/* ---- escaping ------------------------------------------------------ */

static int put_csv(woo__buf *b, const char *s, char sep) {
  bool quote = *s == ' ' || (*s && s[strlen(s) - 1] == ' ');
  for (const char *p = s; *p && !quote; p++)
    if (*p == sep || *p == '"' || *p == '\n' || *p == '\r')
      quote = true;
  if (!quote)
    return woo__buf_puts(b, s);
  int rc = woo__buf_putc(b, '"');
  for (const char *p = s; *p && rc == 0; p++)
    rc = *p == '"' ? woo__buf_puts(b, "\"\"") : woo__buf_putc(b, *p);
  return rc ? rc : woo__buf_putc(b, '"');
}

/* HTML and XML text and attribute values. */
static int put_xml(woo__buf *b, const char *s) {
  int rc = 0;
  for (const char *p = s; *p && rc == 0; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '&':
      rc = woo__buf_puts(b, "&amp;");
      break;
    case '<':
      rc = woo__buf_puts(b, "&lt;");
      break;
    case '>':
      rc = woo__buf_puts(b, "&gt;");
      break;
    case '"':
      rc = woo__buf_puts(b, "&quot;");
      break;
    default:
      /* Control characters are not allowed in XML 1.0. */
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        rc = woo__buf_putc(b, ' ');
      else
        rc = woo__buf_putc(b, (char)c);
    }
  }
  return rc;
}

static int put_md(woo__buf *b, const char *s) {
  int rc = 0;
  for (const char *p = s; *p && rc == 0; p++) {
    if (*p == '|')
      rc = woo__buf_puts(b, "\\|");
    else if (*p == '\n' || *p == '\r')
      rc = woo__buf_putc(b, ' ');
    else if (*p == '<')
      rc = woo__buf_puts(b, "&lt;");
    else
      rc = woo__buf_putc(b, *p);
  }
  return rc;
}

/* The cells of a row as strings, in COLUMNS order.  nr and pages are
 * printed into the caller's buffers. */
static void cells(const woo_index_row *r, const char *cell[NCOLS],
                  char nr[32], char pages[32]) {
  snprintf(nr, 32, "%zu", r->nr);
  if (r->paginas)
    snprintf(pages, 32, "%zu", r->paginas);
  else
    pages[0] = '\0';
  cell[0] = nr;
  cell[1] = r->document;
  cell[2] = r->datum;
  cell[3] = r->titel;
  cell[4] = r->documentsoort;
  cell[5] = woo_beoordeling_name(r->beoordeling);
  cell[6] = r->gronden;
  cell[7] = pages;
  cell[8] = r->opmerkingen;
}

/* ---- header and footer ----------------------------------------------- */

static const char HTML_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font-family:system-ui,sans-serif;margin:2em;color:#111}\n"
    "table{border-collapse:collapse;width:100%%;font-size:0.9em}\n"
    "th,td{border:1px solid #bbb;padding:0.3em 0.5em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#eee;position:sticky;top:0}\n"
    "tr:nth-child(even) td{background:#f8f8f8}\n"
    "td.nr,td.paginas{text-align:right}\n"
    "</style>\n</head>\n<body>\n<h1>%s</h1>\n<table>\n<thead><tr>";

static int header(woo_index_writer *w, woo__buf *b) {
  const woo_index *idx = w->idx;
  int rc = 0;
  switch (w->format) {
  case WOO_INDEX_CSV: {
    char sep = (idx->csv_flags & WOO_INDEX_CSV_SEMICOLON) ? ';' : ',';
    if (idx->csv_flags & WOO_INDEX_CSV_BOM)
      rc = woo__buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < NCOLS && rc == 0; i++) {
      if (i)
        rc = woo__buf_putc(b, sep);
      if (rc == 0)
        rc = woo__buf_puts(b, COLUMNS[i]);
    }
    if (rc == 0)
      rc = woo__buf_puts(b, "\r\n");
    break;
  }
  case WOO_INDEX_JSON:
    rc = woo__buf_puts(b, "{\"woo\": \"index/1\", \"rows\": [");
    break;
  case WOO_INDEX_MARKDOWN:
    rc = woo__buf_puts(b, "# ");
    if (rc == 0)
      rc = put_md(b, idx->title);
    if (rc == 0)
      rc = woo__buf_puts(b, "\n\n|");
    for (size_t i = 0; i < NCOLS && rc == 0; i++)
      rc = woo__buf_printf(b, " %s |", HEADINGS[i]);
    if (rc == 0)
      rc = woo__buf_puts(b, "\n|");
    for (size_t i = 0; i < NCOLS && rc == 0; i++)
      rc = woo__buf_puts(b, i == 0 || i == 7 ? " ---: |" : " --- |");
    if (rc == 0)
      rc = woo__buf_putc(b, '\n');
    break;
  case WOO_INDEX_HTML: {
    woo__buf t = WOO__BUF_INIT;
    rc = put_xml(&t, idx->title);
    if (rc == 0)
      rc = woo__buf_printf(b, HTML_HEAD, t.data ? t.data : "",
                           t.data ? t.data : "");
    woo__buf_free(&t);
    for (size_t i = 0; i < NCOLS && rc == 0; i++)
      rc = woo__buf_printf(b, "<th>%s</th>", HEADINGS[i]);
    if (rc == 0)
      rc = woo__buf_puts(b, "</tr></thead>\n<tbody>\n");
    break;
  }
  case WOO_INDEX_DIWOO:
    rc = woo__buf_puts(
        b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
           "        xmlns:diwoo=\"https://standaarden.overheid.nl/diwoo/"
           "metadata/\">\n");
    break;
  }
  return rc;
}

static int footer(woo_index_writer *w, woo__buf *b) {
  switch (w->format) {
  case WOO_INDEX_CSV:
    return 0;
  case WOO_INDEX_JSON:
    return woo__buf_puts(b, w->rows ? "\n]}\n" : "]}\n");
  case WOO_INDEX_MARKDOWN:
    return 0;
  case WOO_INDEX_HTML:
    return woo__buf_printf(b, "</tbody>\n</table>\n<p>%zu documenten</p>\n"
                              "</body>\n</html>\n",
                           w->rows);
  case WOO_INDEX_DIWOO:
    return woo__buf_puts(b, "</urlset>\n");
  }
  return 0;
}

/* ---- rows ---------------------------------------------------------------- */

static int row_json(woo__buf *b, const woo_index_row *r, bool first) {
  json_t *o = json_object();
  json_t *g = json_array();
  if (!o || !g) {
    json_decref(o);
    json_decref(g);
    return woo__oom();
  }
  for (size_t i = 0; i < r->ground_count; i++)
    json_array_append_new(g, json_string(r->grounds[i]->code));
  json_object_set_new(o, "nr", json_integer((json_int_t)r->nr));
  json_object_set_new(o, "document", json_string(r->document));
  json_object_set_new(o, "datum", *r->datum ? json_string(r->datum)
                                            : json_null());
  json_object_set_new(o, "titel", json_string(r->titel));
  json_object_set_new(o, "documentsoort", json_string(r->documentsoort));
  json_object_set_new(o, "beoordeling",
                      json_string(woo_beoordeling_name(r->beoordeling)));
  json_object_set_new(o, "gronden", g);
  json_object_set_new(o, "paginas", json_integer((json_int_t)r->paginas));
  json_object_set_new(o, "opmerkingen", json_string(r->opmerkingen));
  if (*r->identifier)
    json_object_set_new(o, "identifier", json_string(r->identifier));
  if (*r->format)
    json_object_set_new(o, "format", json_string(r->format));
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s)
    return woo__oom();
  int rc = woo__buf_puts(b, first ? "\n  " : ",\n  ");
  if (rc == 0)
    rc = woo__buf_puts(b, s);
  free(s);
  return rc;
}

/* xs:dateTime for atTime: the row's date at midnight, or now (UTC) for a
 * document without a date, because the element is required. */
static void at_time(const woo_index_row *r, char out[32]) {
  if (*r->datum && strlen(r->datum) == 10) {
    snprintf(out, 32, "%sT00:00:00", r->datum);
    return;
  }
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

#define XS(s)                                                                  \
  do {                                                                         \
    if (rc == 0)                                                               \
      rc = woo__buf_puts(b, s);                                                \
  } while (0)
#define XE(s)                                                                  \
  do {                                                                         \
    if (rc == 0)                                                               \
      rc = put_xml(b, s);                                                      \
  } while (0)

static int row_diwoo(woo__buf *b, const woo_index *idx,
                     const woo_index_row *r) {
  int rc = 0;
  const woo__tooi *soort = woo__tooi_documentsoort(r->documentsoort);
  const woo__tooi *fmt = woo__tooi_format(r->format);
  const char *title = *r->titel ? r->titel : r->document;
  char when[32];
  at_time(r, when);
  XS("  <url>\n    <loc>");
  XE(r->document);
  XS("</loc>\n    <diwoo:Document>\n      <diwoo:DiWoo>\n");
  if (*r->identifier) {
    XS("        <diwoo:identifiers>\n          <diwoo:identifier>");
    XE(r->identifier);
    XS("</diwoo:identifier>\n        </diwoo:identifiers>\n");
  }
  XS("        <diwoo:publisher resource=\"");
  XE(idx->publisher_uri);
  XS("\">");
  XE(idx->publisher_name ? idx->publisher_name : "");
  XS("</diwoo:publisher>\n");
  XS("        <diwoo:titelcollectie>\n          <diwoo:officieleTitel>");
  XE(title);
  XS("</diwoo:officieleTitel>\n        </diwoo:titelcollectie>\n");
  XS("        <diwoo:classificatiecollectie>\n"
     "          <diwoo:informatiecategorieen>\n"
     "            <diwoo:informatiecategorie resource=\"");
  XE(idx->categorie->uri);
  XS("\">");
  XE(idx->categorie->label);
  XS("</diwoo:informatiecategorie>\n"
     "          </diwoo:informatiecategorieen>\n");
  if (soort) {
    XS("          <diwoo:documentsoorten>\n"
       "            <diwoo:documentsoort resource=\"");
    XE(soort->uri);
    XS("\">");
    XE(soort->label);
    XS("</diwoo:documentsoort>\n          </diwoo:documentsoorten>\n");
  }
  XS("        </diwoo:classificatiecollectie>\n");
  if (*r->datum && strlen(r->datum) == 10) {
    XS("        <diwoo:creatiedatum>");
    XE(r->datum);
    XS("</diwoo:creatiedatum>\n");
  }
  XS("        <diwoo:language resource=\"");
  XE(idx->language->uri);
  XS("\">");
  XE(idx->language->label);
  XS("</diwoo:language>\n");
  if (fmt) {
    XS("        <diwoo:format resource=\"");
    XE(fmt->uri);
    XS("\">");
    XE(fmt->label);
    XS("</diwoo:format>\n");
  }
  XS("        <diwoo:documenthandelingen>\n"
     "          <diwoo:documenthandeling>\n"
     "            <diwoo:soortHandeling resource=\"");
  XE(idx->handeling->uri);
  XS("\">");
  XE(idx->handeling->label);
  XS("</diwoo:soortHandeling>\n            <diwoo:atTime>");
  XE(when);
  XS("</diwoo:atTime>\n          </diwoo:documenthandeling>\n"
     "        </diwoo:documenthandelingen>\n");
  XS("      </diwoo:DiWoo>\n    </diwoo:Document>\n  </url>\n");
  return rc;
}

static int row_bytes(woo_index_writer *w, woo__buf *b,
                     const woo_index_row *r) {
  const char *cell[NCOLS];
  char nr[32], pages[32];
  cells(r, cell, nr, pages);
  int rc = 0;
  switch (w->format) {
  case WOO_INDEX_CSV: {
    char sep = (w->idx->csv_flags & WOO_INDEX_CSV_SEMICOLON) ? ';' : ',';
    for (size_t i = 0; i < NCOLS && rc == 0; i++) {
      if (i)
        rc = woo__buf_putc(b, sep);
      if (rc == 0)
        rc = put_csv(b, cell[i], sep);
    }
    if (rc == 0)
      rc = woo__buf_puts(b, "\r\n");
    break;
  }
  case WOO_INDEX_JSON:
    rc = row_json(b, r, w->rows == 0);
    break;
  case WOO_INDEX_MARKDOWN:
    rc = woo__buf_putc(b, '|');
    for (size_t i = 0; i < NCOLS && rc == 0; i++) {
      rc = woo__buf_putc(b, ' ');
      if (rc == 0)
        rc = put_md(b, cell[i]);
      if (rc == 0)
        rc = woo__buf_puts(b, " |");
    }
    if (rc == 0)
      rc = woo__buf_putc(b, '\n');
    break;
  case WOO_INDEX_HTML:
    rc = woo__buf_puts(b, "<tr>");
    for (size_t i = 0; i < NCOLS && rc == 0; i++) {
      rc = woo__buf_puts(b, i == 0   ? "<td class=\"nr\">"
                            : i == 7 ? "<td class=\"paginas\">"
                                     : "<td>");
      if (rc == 0)
        rc = put_xml(b, cell[i]);
      if (rc == 0)
        rc = woo__buf_puts(b, "</td>");
    }
    if (rc == 0)
      rc = woo__buf_puts(b, "</tr>\n");
    break;
  case WOO_INDEX_DIWOO:
    rc = row_diwoo(b, w->idx, r);
    break;
  }
  return rc;
}

/* ---- the writer ------------------------------------------------------- */

int woo_index_writer_new(woo_index_writer **out, const woo_index *idx,
                         woo_index_format format, woo_index_sink sink,
                         void *user) {
  if (!out || !idx || !sink)
    return woo__error(WOO_EINVAL, "woo_index_writer_new: missing argument");
  *out = NULL;
  if (format > WOO_INDEX_DIWOO)
    return woo__error(WOO_EINVAL, "index format %d unknown", (int)format);
  if (format == WOO_INDEX_DIWOO && !idx->publisher_uri)
    return woo__error(WOO_EINVAL, "DiWoo needs a publisher: give its TOOI "
                                  "URI (--publisher)");
  woo_index_writer *w = woo__calloc(1, sizeof *w);
  if (!w)
    return woo__oom();
  w->idx = idx;
  w->format = format;
  w->sink = sink;
  w->user = user;
  w->next_nr = idx->start_nr;
  *out = w;
  return 0;
}

static int flush(woo_index_writer *w) {
  int rc = 0;
  if (w->buf.len && w->sink(w->user, w->buf.data, w->buf.len) != 0) {
    w->failed = true;
    rc = woo__error(WOO_EIO, "index: the output refused the data");
  }
  w->buf.len = 0;
  if (w->buf.data)
    w->buf.data[0] = '\0';
  return rc;
}

int woo_index_writer_row(woo_index_writer *w, woo_index_row *row) {
  if (!w || !row)
    return woo__error(WOO_EINVAL, "woo_index_writer_row: missing argument");
  if (w->failed)
    return woo__error(WOO_EIO, "index: an earlier write failed");
  int rc = 0;
  if (!w->started) {
    w->started = true;
    rc = header(w, &w->buf);
  }
  if (row->nr == 0)
    row->nr = w->next_nr;
  w->next_nr = row->nr + 1;
  if (rc == 0)
    rc = row_bytes(w, &w->buf, row);
  if (rc == 0)
    rc = flush(w);
  if (rc == 0)
    w->rows++;
  return rc;
}

int woo_index_writer_finish(woo_index_writer *w) {
  if (!w)
    return woo__error(WOO_EINVAL, "woo_index_writer_finish: no writer");
  if (w->failed)
    return woo__error(WOO_EIO, "index: an earlier write failed");
  int rc = 0;
  if (!w->started) {
    w->started = true;
    rc = header(w, &w->buf);
  }
  if (rc == 0)
    rc = footer(w, &w->buf);
  if (rc == 0)
    rc = flush(w);
  return rc;
}

void woo_index_writer_free(woo_index_writer *w) {
  if (!w)
    return;
  woo__buf_free(&w->buf);
  free(w);
}

static int mem_sink(void *user, const char *data, size_t len) {
  return woo__buf_put((woo__buf *)user, data, len) ? -1 : 0;
}

int woo_index_write(char **out, size_t *out_len, const woo_index *idx,
                    woo_index_format format, woo_index_row *const *rows,
                    size_t n) {
  if (!out)
    return woo__error(WOO_EINVAL, "woo_index_write: no output");
  *out = NULL;
  woo__buf b = WOO__BUF_INIT;
  woo_index_writer *w = NULL;
  int rc = woo_index_writer_new(&w, idx, format, mem_sink, &b);
  for (size_t i = 0; i < n && rc == 0; i++)
    rc = woo_index_writer_row(w, rows[i]);
  if (rc == 0)
    rc = woo_index_writer_finish(w);
  woo_index_writer_free(w);
  if (rc) {
    woo__buf_free(&b);
    return rc;
  }
  *out = woo__buf_detach(&b, out_len);
  return *out ? 0 : woo__oom();
}
