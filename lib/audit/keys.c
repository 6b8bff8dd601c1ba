/* Key files ("keys/1"): the map step's output for one document, as JSON
 * lines, so the merge can run on another machine.
 *
 *   {"woo":"keys/1","context":3,"run":6,"document":{…},"codes":{…},…}
 *   {"finding":{…}}                       per-document findings
 *   ["w","<16 hex>","5.1.2.e",START,END]  a withheld context
 *   {"v":"<base64url>"}                   up to 4096 visible contexts
 *
 * Visible contexts are most of the file, so they are packed: each is its
 * hash (8 bytes, little-endian), the distance of its start from the
 * previous one's and its length (both LEB128), base64url without padding.
 * The summary and findings go through jansson; the key lines are written
 * and read by hand for speed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"

static json_t *header(const woo__adoc *d) {
  json_t *o = json_object(), *doc = json_object(), *codes = json_object();
  if (!o || !doc || !codes) {
    json_decref(o);
    json_decref(doc);
    json_decref(codes);
    return NULL;
  }
  json_object_set_new(doc, "path", json_string(d->path));
  json_object_set_new(doc, "format", json_string(d->format));
  json_object_set_new(doc, "sha256", json_string(d->sha256));
  json_object_set_new(doc, "bytes", json_integer((json_int_t)d->bytes));
  for (size_t g = 0; g < woo_ground_count(); g++)
    if (d->counts[g])
      json_object_set_new(codes, woo_ground_at(g)->code,
                          json_integer((json_int_t)d->counts[g]));
  json_object_set_new(o, "woo", json_string("keys/1"));
  json_object_set_new(o, "context", json_integer(WOO__AUDIT_CONTEXT));
  json_object_set_new(o, "run", json_integer(WOO__AUDIT_MAX_RUN));
  json_object_set_new(o, "document", doc);
  json_object_set_new(o, "codes", codes);
  json_object_set_new(o, "markers", json_integer((json_int_t)d->markers));
  json_object_set_new(o, "notation",
                      d->notation >= 0
                          ? json_string(woo_notation_name((woo_notation)d->notation))
                          : json_null());
  json_object_set_new(o, "notation_at",
                      d->notation_at == WOO_UNSET
                          ? json_null()
                          : json_integer((json_int_t)d->notation_at));
  json_object_set_new(o, "notation_end",
                      d->notation_end == WOO_UNSET
                          ? json_null()
                          : json_integer((json_int_t)d->notation_end));
  json_object_set_new(o, "date", d->date[0] ? json_string(d->date) : json_null());
  return o;
}

static int put_json(woo__buf *b, json_t *v) {
  if (!v)
    return woo__oom();
  char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(v);
  if (!s)
    return woo__oom();
  int rc = woo__buf_puts(b, s);
  free(s);
  return rc ? rc : woo__buf_putc(b, '\n');
}

#define VISIBLE_PER_LINE 4096

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void leb(unsigned char *p, size_t *n, size_t v) {
  do {
    unsigned char c = v & 0x7f;
    v >>= 7;
    p[(*n)++] = (unsigned char)(c | (v ? 0x80 : 0));
  } while (v);
}

/* One line of packed visible contexts, from the 16-byte keys `pk` or
 * else the whole ones `wk`; starts are never decreasing (they are made in
 * text order), the first is relative to 0. */
static int put_visible(woo__buf *b, const woo__vkey *pk, const woo__akey *wk,
                       size_t n) {
  unsigned char *raw = woo__malloc(n * 28 + 3);
  if (!raw)
    return woo__oom();
  size_t len = 0, prev = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t h = pk ? pk[i].h : wk[i].h;
    size_t start = pk ? pk[i].start : wk[i].start;
    size_t span = pk ? pk[i].len : wk[i].end - wk[i].start;
    for (int j = 0; j < 8; j++)
      raw[len++] = (unsigned char)(h >> (8 * j));
    leb(raw, &len, start >= prev ? start - prev : 0);
    leb(raw, &len, span);
    prev = start;
  }
  int rc = woo__buf_grow(b, len / 3 * 4 + 16);
  if (rc == 0)
    rc = woo__buf_puts(b, "{\"v\":\"");
  for (size_t i = 0; i < len && rc == 0; i += 3) {
    uint32_t v = (uint32_t)raw[i] << 16 |
                 (i + 1 < len ? (uint32_t)raw[i + 1] << 8 : 0) |
                 (i + 2 < len ? raw[i + 2] : 0);
    char q[4] = {b64[v >> 18], b64[v >> 12 & 63], b64[v >> 6 & 63], b64[v & 63]};
    rc = woo__buf_put(b, q, i + 2 < len ? 4 : i + 1 < len ? 3 : 2);
  }
  if (rc == 0)
    rc = woo__buf_puts(b, "\"}\n");
  free(raw);
  return rc;
}

int woo__adoc_to_keys(char **out, size_t *len, const woo__adoc *d) {
  woo__buf b = WOO__BUF_INIT;
  int rc = put_json(&b, header(d));
  for (size_t i = 0; i < d->findings.n && rc == 0; i++) {
    json_t *f = woo__finding_json(&d->findings.v[i]);
    json_t *o = f ? json_object() : NULL;
    if (o)
      json_object_set_new(o, "finding", f);
    else
      json_decref(f);
    rc = put_json(&b, o);
  }
  for (size_t i = 0; i < d->withheld.n && rc == 0; i++) {
    const woo__akey *k = &d->withheld.v[i];
    rc = woo__buf_printf(&b, "[\"w\",\"%016" PRIx64 "\",\"%s\",%zu,%zu]\n",
                         k->h, k->ground ? k->ground->code : "", k->start,
                         k->end);
  }
  const woo__vkeys *v = &d->visible;
  for (size_t i = 0; i < v->n && rc == 0; i += VISIBLE_PER_LINE)
    rc = put_visible(&b, v->v + i, NULL,
                     v->n - i < VISIBLE_PER_LINE ? v->n - i : VISIBLE_PER_LINE);
  /* Keys too wide for 16 bytes (texts over 4 GiB) on lines of their own:
   * each line's starts count from 0 again. */
  for (size_t i = 0; i < v->wide.n && rc == 0; i += VISIBLE_PER_LINE)
    rc = put_visible(&b, NULL, v->wide.v + i,
                     v->wide.n - i < VISIBLE_PER_LINE ? v->wide.n - i
                                                      : VISIBLE_PER_LINE);
  if (rc) {
    woo__buf_free(&b);
    return rc;
  }
  *out = woo__buf_detach(&b, len);
  return *out ? 0 : woo__oom();
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct cur {
  const char *p, *e;
} cur;

static bool lit(cur *c, const char *s) {
  size_t n = strlen(s);
  if ((size_t)(c->e - c->p) < n || memcmp(c->p, s, n) != 0)
    return false;
  c->p += n;
  return true;
}

static bool hex64(cur *c, uint64_t *out) {
  uint64_t v = 0;
  for (int i = 0; i < 16; i++, c->p++) {
    if (c->p >= c->e)
      return false;
    char ch = *c->p;
    int d = ch >= '0' && ch <= '9'   ? ch - '0'
            : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                     : -1;
    if (d < 0)
      return false;
    v = v << 4 | (uint64_t)d;
  }
  *out = v;
  return true;
}

static bool num(cur *c, size_t *out) {
  size_t v = 0;
  const char *s = c->p;
  while (c->p < c->e && *c->p >= '0' && *c->p <= '9') {
    if (v > (SIZE_MAX - 9) / 10)
      return false;
    v = v * 10 + (size_t)(*c->p++ - '0');
  }
  *out = v;
  return c->p > s;
}

static int b64_value(char ch) {
  const char *p = ch ? strchr(b64, ch) : NULL;
  return p ? (int)(p - b64) : -1;
}

static bool get_leb(const unsigned char *p, size_t n, size_t *i, size_t *v) {
  size_t x = 0;
  for (int shift = 0; *i < n && shift < 63; shift += 7) {
    unsigned char c = p[(*i)++];
    x |= (size_t)(c & 0x7f) << shift;
    if (!(c & 0x80)) {
      *v = x;
      return true;
    }
  }
  return false;
}

/* {"v":"…"}: decode into visible keys; false when damaged. */
static bool visible_line(woo__adoc *d, const char *s, size_t n, int *rc) {
  cur c = {s, s + n};
  if (!lit(&c, "{\"v\":\"") || n < 9 || memcmp(s + n - 2, "\"}", 2) != 0)
    return false;
  const char *p = c.p, *e = s + n - 2;
  size_t m = (size_t)(e - p);
  if (m % 4 == 1)
    return false;
  unsigned char *raw = woo__malloc(m / 4 * 3 + 3);
  if (!raw) {
    *rc = woo__oom();
    return true;
  }
  size_t len = 0;
  bool ok = true;
  for (size_t i = 0; i < m && ok; i += 4) {
    uint32_t v = 0;
    size_t k = 0;
    for (; k < 4 && i + k < m; k++) {
      int x = b64_value(p[i + k]);
      if (x < 0)
        ok = false;
      v = v << 6 | (uint32_t)(x < 0 ? 0 : x);
    }
    v <<= 6 * (4 - k);
    for (size_t j = 0; j + 1 < k; j++)
      raw[len++] = (unsigned char)(v >> (16 - 8 * j));
  }
  size_t at = 0, prev = 0;
  while (ok && at < len && *rc == 0) {
    uint64_t h = 0;
    size_t delta, span;
    if (len - at < 8) {
      ok = false;
      break;
    }
    for (int j = 0; j < 8; j++)
      h |= (uint64_t)raw[at++] << (8 * j);
    if (!get_leb(raw, len, &at, &delta) || !get_leb(raw, len, &at, &span) ||
        delta > SIZE_MAX - prev || span > SIZE_MAX - prev - delta) {
      ok = false;
      break;
    }
    prev += delta;
    *rc = woo__vkeys_add(&d->visible, h, prev, prev + span);
  }
  free(raw);
  return ok;
}

static bool key_line(woo__adoc *d, const char *s, size_t n, int *rc) {
  cur c = {s, s + n};
  uint64_t h;
  size_t a, b;
  if (!lit(&c, "[\"w\",\"") || !hex64(&c, &h) || !lit(&c, "\",\""))
    return false;
  const char *g = c.p;
  while (c.p < c.e && *c.p != '"')
    c.p++;
  char code[32];
  size_t gl = (size_t)(c.p - g);
  if (gl >= sizeof code)
    return false;
  memcpy(code, g, gl);
  code[gl] = '\0';
  const woo_ground *ground = gl ? woo_ground_find(code) : NULL;
  if ((gl && !ground) || !lit(&c, "\",") || !num(&c, &a) || !lit(&c, ",") ||
      !num(&c, &b) || !lit(&c, "]") || c.p != c.e || b < a)
    return false;
  *rc = woo__akeys_add(&d->withheld, h, a, b, ground);
  return true;
}

static bool opt_off(json_t *o, const char *key, size_t *out) {
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) {
    *out = WOO_UNSET;
    return true;
  }
  if (!json_is_integer(v) || json_integer_value(v) < 0)
    return false;
  *out = (size_t)json_integer_value(v);
  return true;
}

static int read_header(woo__adoc **out, const char *s, size_t n,
                       const char *name) {
  json_error_t err;
  json_t *o = json_loadb(s, n, 0, &err);
  json_t *doc = json_object_get(o, "document");
  json_t *codes = json_object_get(o, "codes");
  const char *woo = json_string_value(json_object_get(o, "woo"));
  const char *path = json_string_value(json_object_get(doc, "path"));
  const char *format = json_string_value(json_object_get(doc, "format"));
  const char *sha = json_string_value(json_object_get(doc, "sha256"));
  const char *notation = json_string_value(json_object_get(o, "notation"));
  const char *date = json_string_value(json_object_get(o, "date"));
  json_t *markers = json_object_get(o, "markers");
  json_t *bytes = json_object_get(doc, "bytes");
  woo__adoc *d = NULL;
  int rc = 0;
  if (!o || !woo || strcmp(woo, "keys/1") != 0) {
    rc = woo__error(WOO_EFORMAT, "%s: not a key file (keys/1)", name);
    goto done;
  }
  if (json_integer_value(json_object_get(o, "context")) != WOO__AUDIT_CONTEXT ||
      json_integer_value(json_object_get(o, "run")) != WOO__AUDIT_MAX_RUN) {
    rc = woo__error(WOO_EFORMAT,
                    "%s: made with other context settings; make it again",
                    name);
    goto done;
  }
  if (!path || !format || !sha || strlen(sha) != 64 ||
      !json_is_integer(markers) || !json_is_integer(bytes) ||
      !json_is_object(codes) || (date && strlen(date) != 10)) {
    rc = woo__error(WOO_EFORMAT, "%s: the document summary is incomplete",
                    name);
    goto done;
  }
  if ((rc = woo__adoc_new(&d, path, format)) != 0)
    goto done;
  memcpy(d->sha256, sha, 65);
  d->bytes = (size_t)json_integer_value(bytes);
  d->markers = (size_t)json_integer_value(markers);
  if (date)
    memcpy(d->date, date, 11);
  for (int k = 0; notation && k < 8; k++)
    if (strcmp(notation, woo_notation_name((woo_notation)k)) == 0)
      d->notation = k;
  if (!opt_off(o, "notation_at", &d->notation_at) ||
      !opt_off(o, "notation_end", &d->notation_end)) {
    rc = woo__error(WOO_EFORMAT, "%s: bad notation offsets", name);
    goto done;
  }
  const char *key;
  json_t *v;
  json_object_foreach(codes, key, v) {
    const woo_ground *g = woo_ground_find(key);
    if (!g || !json_is_integer(v) || json_integer_value(v) < 0) {
      rc = woo__error(WOO_EFORMAT, "%s: unknown ground '%s' in the counts",
                      name, key);
      goto done;
    }
    for (size_t i = 0; i < woo_ground_count(); i++)
      if (woo_ground_at(i) == g)
        d->counts[i] += (size_t)json_integer_value(v);
  }
done:
  json_decref(o);
  if (rc) {
    woo__adoc_free(d);
    return rc;
  }
  *out = d;
  return 0;
}

int woo__adoc_from_keys(woo__adoc **out, const char *keys, size_t len,
                        const char *name) {
  woo__adoc *d = NULL;
  size_t line = 0;
  int rc = 0;
  for (size_t i = 0; i < len && rc == 0;) {
    const char *nl = memchr(keys + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - keys) : len;
    const char *s = keys + i;
    size_t n = e - i;
    line++;
    i = e + 1;
    if (n && s[n - 1] == '\r')
      n--;
    if (n == 0)
      continue;
    if (!d) {
      rc = read_header(&d, s, n, name);
      continue;
    }
    if (s[0] == '[') {
      if (!key_line(d, s, n, &rc) && rc == 0)
        rc = woo__error(WOO_EFORMAT, "%s:%zu: not a key line", name, line);
      continue;
    }
    if (n > 5 && memcmp(s, "{\"v\":", 5) == 0) {
      if (!visible_line(d, s, n, &rc) && rc == 0)
        rc = woo__error(WOO_EFORMAT, "%s:%zu: damaged visible keys", name,
                        line);
      continue;
    }
    json_error_t err;
    json_t *o = json_loadb(s, n, 0, &err);
    json_t *f = json_object_get(o, "finding");
    if (!f)
      rc = woo__error(WOO_EFORMAT, "%s:%zu: not a finding or key line", name,
                      line);
    else
      rc = woo__finding_from_json(&d->findings, f, name);
    json_decref(o);
  }
  if (rc == 0 && !d)
    rc = woo__error(WOO_EFORMAT, "%s: empty key file", name);
  if (rc) {
    woo__adoc_free(d);
    return rc;
  }
  *out = d;
  return 0;
}
