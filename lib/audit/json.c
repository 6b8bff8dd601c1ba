/* Findings as JSON: the "audit/1" report and the findings carried in key
 * files. */
#include <stdlib.h>
#include <string.h>

#include "checks.h"

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static json_t *off_or_null(size_t v) {
  return v == WOO_UNSET ? json_null() : json_integer((json_int_t)v);
}

json_t *woo__finding_json(const woo_finding *f) {
  json_t *o = json_object();
  if (!o)
    return NULL;
  int bad = 0;
  bad |= json_object_set_new(o, "type", json_string(f->type));
  bad |= json_object_set_new(o, "severity",
                             json_string(woo_severity_name(f->severity)));
  bad |= json_object_set_new(o, "document", json_string(f->document));
  bad |= json_object_set_new(o, "start", off_or_null(f->start));
  bad |= json_object_set_new(o, "end", off_or_null(f->end));
  bad |= json_object_set_new(o, "page", json_integer(f->page));
  bad |= json_object_set_new(o, "message", json_string(f->message));
  bad |= json_object_set_new(o, "ground", str_or_null(f->ground));
  bad |= json_object_set_new(o, "entity", str_or_null(f->entity));
  bad |= json_object_set_new(o, "confidence", json_real(f->confidence));
  bad |= json_object_set_new(o, "other_document",
                             str_or_null(f->other_document));
  bad |= json_object_set_new(o, "other_start", off_or_null(f->other_start));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static const char *get_str(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool get_off(json_t *o, const char *key, size_t *out) {
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

int woo__finding_from_json(woo__findings *out, json_t *o, const char *name) {
  woo_finding f = {0};
  const char *sev = get_str(o, "severity");
  json_t *page = json_object_get(o, "page");
  json_t *conf = json_object_get(o, "confidence");
  f.type = get_str(o, "type");
  f.document = get_str(o, "document");
  f.message = get_str(o, "message");
  f.ground = get_str(o, "ground");
  f.entity = get_str(o, "entity");
  f.other_document = get_str(o, "other_document");
  if (!json_is_object(o) || !f.type || !f.document || !f.message || !sev ||
      woo_severity_parse(&f.severity, sev) != 0 ||
      !get_off(o, "start", &f.start) || !get_off(o, "end", &f.end) ||
      !get_off(o, "other_start", &f.other_start) ||
      (page && !json_is_integer(page)) || (conf && !json_is_number(conf)))
    return woo__error(WOO_EFORMAT, "%s: a finding is incomplete", name);
  f.page = page ? (int)json_integer_value(page) : 0;
  f.confidence = conf ? json_number_value(conf) : 1.0;
  return woo__finding_add(out, &f);
}

int woo_audit_to_json(char **out, const woo_audit *audit) {
  if (!out || !audit)
    return woo__error(WOO_EINVAL, "out or audit is NULL");
  *out = NULL;
  woo__adoc *const *docs;
  size_t n;
  woo__audit_documents(audit, &docs, &n);
  json_t *root = json_object(), *jd = json_array(), *jf = json_array();
  int rc = 0;
  if (!root || !jd || !jf) {
    rc = woo__oom();
    goto done;
  }
  for (size_t i = 0; i < n && rc == 0; i++) {
    const woo__adoc *d = docs[i];
    json_t *o = json_object(), *codes = json_object();
    if (!o || !codes) {
      json_decref(o);
      json_decref(codes);
      rc = woo__oom();
      break;
    }
    for (size_t g = 0; g < woo_ground_count(); g++)
      if (d->counts[g])
        json_object_set_new(codes, woo_ground_at(g)->code,
                            json_integer((json_int_t)d->counts[g]));
    json_object_set_new(o, "path", json_string(d->path));
    json_object_set_new(o, "format", json_string(d->format));
    json_object_set_new(o, "sha256", json_string(d->sha256));
    json_object_set_new(o, "bytes", json_integer((json_int_t)d->bytes));
    json_object_set_new(o, "date", d->date[0] ? json_string(d->date)
                                              : json_null());
    json_object_set_new(o, "codes", codes);
    json_object_set_new(o, "markers", json_integer((json_int_t)d->markers));
    if (json_array_append_new(jd, o))
      rc = woo__oom();
  }
  for (size_t i = 0; i < woo_audit_count(audit) && rc == 0; i++) {
    json_t *o = woo__finding_json(woo_audit_at(audit, i));
    if (!o || json_array_append_new(jf, o))
      rc = woo__oom();
  }
  if (rc)
    goto done;
  json_object_set_new(root, "woo", json_string("audit/1"));
  json_object_set(root, "documents", jd);
  json_object_set(root, "findings", jf);
  char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                 JSON_REAL_PRECISION(4));
  if (!s) {
    rc = woo__oom();
    goto done;
  }
  /* Hand over memory that woo_free() releases. */
  *out = woo__strdup(s);
  free(s);
  if (!*out)
    rc = woo__oom();
done:
  json_decref(jd);
  json_decref(jf);
  json_decref(root);
  return rc;
}
