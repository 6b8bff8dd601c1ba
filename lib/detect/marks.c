/* Mark lists and their JSON form ("marks/1", docs/formats.md). */
#include <jansson.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct woo_marks {
  woo_mark *v; /* right after the list (room), or an allocation of its own */
  size_t n, cap;
  char sha256[65];
  /* Sources are a handful of distinct strings ("lexicon", "policy:terms"):
   * each is stored once and shared by the marks that name it.  Marks a
   * scan makes point to the hits' static strings instead, none kept. */
  char **sources;
  size_t n_sources, cap_sources;
};

/* The marks' room in the list's own block. */
static woo_mark *room_of(woo_marks *m) { return (woo_mark *)(void *)(m + 1); }

_Static_assert(sizeof(woo_marks) % _Alignof(woo_mark) == 0,
               "marks after the list are aligned");

int woo__marks_new_room(woo_marks **out, size_t n) {
  *out = NULL;
  if (n > (SIZE_MAX - sizeof **out) / sizeof(woo_mark))
    return woo__oom();
  woo_marks *m = woo__malloc(sizeof *m + n * sizeof(woo_mark));
  if (!m)
    return WOO_ENOMEM;
  *m = (woo_marks){0};
  if (n) {
    m->v = room_of(m);
    m->cap = n;
  }
  *out = m;
  return 0;
}

int woo_marks_new(woo_marks **out) {
  if (!out)
    return woo__error(WOO_EINVAL, "out is NULL");
  return woo__marks_new_room(out, 0);
}

void woo_marks_free(woo_marks *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->n_sources; i++)
    free(m->sources[i]);
  free(m->sources);
  if (m->v != room_of(m))
    free(m->v);
  free(m);
}

/* Room for cap marks (more than the list has room for now). */
static int grow_to(woo_marks *m, size_t cap) {
  bool own = m->v != room_of(m);
  woo_mark *v = woo__reallocarray(own ? m->v : NULL, cap, sizeof *v);
  if (!v)
    return WOO_ENOMEM;
  if (!own)
    memcpy(v, m->v, m->n * sizeof *v);
  m->v = v;
  m->cap = cap;
  return 0;
}

static bool before(const woo_mark *a, const woo_mark *b) {
  return a->start < b->start || (a->start == b->start && a->end < b->end);
}

int woo_marks_add(woo_marks *m, const woo_mark *mark) {
  if (!m || !mark)
    return woo__error(WOO_EINVAL, "marks or mark is NULL");
  if (mark->end < mark->start)
    return woo__error(WOO_EINVAL, "mark ends (%zu) before it starts (%zu)",
                      mark->end, mark->start);
  if (!mark->ground)
    return woo__error(WOO_EINVAL, "mark without a ground");
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 32;
    if (cap < m->cap)
      return woo__oom();
    if (grow_to(m, cap))
      return WOO_ENOMEM;
  }
  const char *want = mark->source ? mark->source : "";
  const char *src = NULL;
  /* the first byte turns most other sources away without a call */
  for (size_t i = m->n_sources; i-- > 0 && !src;)
    if (m->sources[i][0] == want[0] && strcmp(m->sources[i], want) == 0)
      src = m->sources[i];
  if (!src) {
    if (m->n_sources == m->cap_sources &&
        woo__grow(&m->sources, &m->cap_sources, sizeof *m->sources, 8))
      return WOO_ENOMEM;
    if (!(m->sources[m->n_sources] = woo__strdup(want)))
      return WOO_ENOMEM;
    src = m->sources[m->n_sources++];
  }
  /* Marks mostly arrive in order; insertion keeps the list sorted
   * without a separate sort step. */
  size_t at = m->n;
  while (at > 0 && before(mark, &m->v[at - 1]))
    at--;
  memmove(&m->v[at + 1], &m->v[at], (m->n - at) * sizeof *m->v);
  m->v[at] = *mark;
  m->v[at].source = src;
  m->n++;
  return 0;
}

int woo__marks_reserve(woo_marks *m, size_t n) {
  if (n <= m->cap - m->n)
    return 0;
  if (n > SIZE_MAX - m->n)
    return woo__oom();
  return grow_to(m, m->n + n);
}

woo_mark *woo__marks_extend(woo_marks *m, size_t n) {
  if (woo__marks_reserve(m, n))
    return NULL;
  woo_mark *v = m->v + m->n;
  m->n += n;
  return v;
}

size_t woo_marks_count(const woo_marks *m) { return m ? m->n : 0; }

const woo_mark *woo_marks_at(const woo_marks *m, size_t i) {
  return m && i < m->n ? &m->v[i] : NULL;
}

int woo_marks_set_status(woo_marks *m, size_t i, woo_mark_status s) {
  if (!m || i >= m->n || (unsigned)s > WOO_MARK_REJECTED)
    return woo__error(WOO_EINVAL, "no mark %zu or bad status", i);
  m->v[i].status = s;
  return 0;
}

const char *woo_marks_document_sha256(const woo_marks *m) {
  return m ? m->sha256 : "";
}

void woo__marks_set_sha256(woo_marks *m, const char *sha) {
  /* what snprintf's "%s" gave, without its formatting machinery: the
   * list of every document of a batch is given one */
  size_t n = sha ? strnlen(sha, sizeof m->sha256 - 1) : 0;
  memcpy(m->sha256, sha ? sha : "", n);
  m->sha256[n] = '\0';
}

/* ---- JSON out --------------------------------------------------------- */

static double round2(double x) { return round(x * 100.0) / 100.0; }

static json_t *doc_json(const woo_doc *doc) {
  return json_pack("{s:s, s:s, s:I, s:s, s:I}", "path", woo_doc_path(doc),
                   "format", woo_format_name(woo_doc_format(doc)), "bytes",
                   (json_int_t)woo_doc_input_size(doc), "sha256",
                   woo_doc_sha256(doc), "pages",
                   (json_int_t)woo_doc_page_count(doc));
}

static int add_boxes(json_t *o, const woo_doc *doc, const woo_mark *mk) {
  woo_box *boxes = NULL;
  int *pages = NULL;
  size_t n = 0;
  int rc = woo_doc_span_boxes(doc, mk->start, mk->end, &boxes, &pages, &n);
  if (rc || n == 0)
    goto done;
  json_object_set_new(o, "page", json_integer(pages[0]));
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *b = json_pack("[f,f,f,f]", round2(boxes[i].x0), round2(boxes[i].y0),
                          round2(boxes[i].x1), round2(boxes[i].y1));
    /* A mark crossing a page break keeps each box's own page. */
    if (pages[i] != pages[0])
      json_array_append_new(b, json_integer(pages[i]));
    json_array_append_new(arr, b);
  }
  json_object_set_new(o, "boxes", arr);
done:
  free(boxes);
  free(pages);
  return rc;
}

int woo_marks_to_json(char **out, const woo_marks *m, const woo_doc *doc,
                      unsigned flags) {
  if (!out || !m || !doc)
    return woo__error(WOO_EINVAL, "out, marks or doc is NULL");
  *out = NULL;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  json_t *root = json_object();
  json_object_set_new(root, "woo", json_string("marks/1"));
  json_object_set_new(root, "document", doc_json(doc));
  json_t *arr = json_array();
  int rc = 0;
  for (size_t i = 0; i < m->n && rc == 0; i++) {
    const woo_mark *mk = &m->v[i];
    if (mk->end > len)
      rc = woo__error(WOO_EINVAL, "%s: mark %zu ends past the text",
                      woo_doc_path(doc), i);
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer((json_int_t)mk->start));
    json_object_set_new(o, "end", json_integer((json_int_t)mk->end));
    json_object_set_new(o, "ground", json_string(mk->ground->code));
    json_object_set_new(o, "entity", json_string(woo_entity_name(mk->entity)));
    json_object_set_new(o, "source", json_string(mk->source));
    json_object_set_new(o, "confidence", json_real(round2(mk->confidence)));
    json_object_set_new(o, "status", json_string(woo_mark_status_name(mk->status)));
    if (!(flags & WOO_JSON_NO_TEXT) && rc == 0)
      json_object_set_new(o, "text", json_stringn(text + mk->start, mk->end - mk->start));
    if (rc == 0 && woo_doc_has_boxes(doc))
      rc = add_boxes(o, doc, mk);
    json_array_append_new(arr, o);
  }
  json_object_set_new(root, "marks", arr);
  if (rc == 0) {
    size_t f = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4) |
               ((flags & WOO_JSON_COMPACT) ? JSON_COMPACT : JSON_INDENT(2));
    *out = json_dumps(root, f);
    if (!*out)
      rc = woo__oom();
  }
  json_decref(root);
  return rc;
}

/* ---- JSON in ------------------------------------------------------------ */

static int bad(const char *name, size_t i, const char *what) {
  return woo__error(WOO_EFORMAT, "%s: mark %zu: %s", name, i, what);
}

int woo_marks_from_json(woo_marks **out, const char *js, size_t jlen,
                        const char *name, const woo_doc *doc) {
  if (!out || !js)
    return woo__error(WOO_EINVAL, "out or json is NULL");
  *out = NULL;
  name = name ? name : "marks";
  json_error_t err;
  json_t *root = json_loadb(js, jlen, JSON_REJECT_DUPLICATES, &err);
  if (!root)
    return woo__error(WOO_EFORMAT, "%s:%d:%d: %s", name, err.line, err.column,
                      err.text);
  int rc = 0;
  woo_marks *m = NULL;
  const char *tag = json_string_value(json_object_get(root, "woo"));
  json_t *arr = json_object_get(root, "marks");
  if (!tag || strcmp(tag, "marks/1") != 0 || !json_is_array(arr)) {
    rc = woo__error(WOO_EFORMAT, "%s: not a marks/1 file", name);
    goto done;
  }
  const char *sha = json_string_value(
      json_object_get(json_object_get(root, "document"), "sha256"));
  if (doc && sha && strcmp(sha, woo_doc_sha256(doc)) != 0) {
    rc = woo__error(WOO_EMISMATCH,
                    "%s: marks are for another version of %s (hash differs)",
                    name, woo_doc_path(doc));
    goto done;
  }
  if ((rc = woo_marks_new(&m)))
    goto done;
  woo__marks_set_sha256(m, sha);
  size_t tlen = 0;
  const char *text = doc ? woo_doc_text(doc, &tlen) : NULL;
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *o = json_array_get(arr, i);
    json_t *js_start = json_object_get(o, "start"), *js_end = json_object_get(o, "end");
    if (!json_is_integer(js_start) || !json_is_integer(js_end) ||
        json_integer_value(js_start) < 0 ||
        json_integer_value(js_end) < json_integer_value(js_start)) {
      rc = bad(name, i, "start/end missing or invalid");
      goto done;
    }
    woo_mark mk = {0};
    mk.start = (size_t)json_integer_value(js_start);
    mk.end = (size_t)json_integer_value(js_end);
    if (doc && (mk.end > tlen ||
                (mk.start < tlen && ((unsigned char)text[mk.start] & 0xC0) == 0x80) ||
                (mk.end < tlen && ((unsigned char)text[mk.end] & 0xC0) == 0x80))) {
      rc = bad(name, i, "offsets outside the text or inside a character");
      goto done;
    }
    const char *g = json_string_value(json_object_get(o, "ground"));
    mk.ground = g ? woo_ground_find(g) : NULL;
    if (!mk.ground) {
      rc = bad(name, i, "missing or unknown ground");
      goto done;
    }
    const char *e = json_string_value(json_object_get(o, "entity"));
    if (!e || woo_entity_parse(&mk.entity, e) != 0)
      mk.entity = WOO_ENTITY_OTHER;
    const char *src = json_string_value(json_object_get(o, "source"));
    mk.source = src ? src : "file";
    json_t *c = json_object_get(o, "confidence");
    mk.confidence = json_is_number(c) ? json_number_value(c) : 1.0;
    const char *st = json_string_value(json_object_get(o, "status"));
    if (!st || !strcmp(st, "proposed"))
      mk.status = WOO_MARK_PROPOSED;
    else if (!strcmp(st, "accepted"))
      mk.status = WOO_MARK_ACCEPTED;
    else if (!strcmp(st, "rejected"))
      mk.status = WOO_MARK_REJECTED;
    else {
      rc = bad(name, i, "status is not proposed, accepted or rejected");
      goto done;
    }
    if ((rc = woo_marks_add(m, &mk)))
      goto done;
  }
done:
  json_decref(root);
  if (rc)
    woo_marks_free(m);
  else
    *out = m;
  return rc;
}
