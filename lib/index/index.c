/* The index: options, per-file overrides, and the row of a document. */
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"

static void overrides_free(woo__override *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(v[i].document);
    woo_index_row *r = &v[i].values;
    free((char *)r->datum);
    free((char *)r->titel);
    free((char *)r->documentsoort);
    free((char *)r->gronden);
    free((char *)r->opmerkingen);
    free((char *)r->identifier);
    free((void *)r->grounds);
  }
  free(v);
}

void woo_index_free(woo_index *idx) {
  if (!idx)
    return;
  free(idx->base_dir);
  free(idx->publisher_uri);
  free(idx->publisher_name);
  free(idx->title);
  overrides_free(idx->overrides, idx->n_overrides);
  free(idx);
}

static int dup_opt(char **out, const char *s) {
  *out = NULL;
  if (!s)
    return 0;
  *out = woo__strdup(s);
  return *out ? 0 : woo__oom();
}

/* Read the overrides CSV: a header row naming the columns, then one row
 * per file.  Empty cells leave the value found in the document. */
static int load_overrides(woo_index *idx, const char *path) {
  char *data = NULL;
  size_t len = 0;
  int rc = woo__file_read(path, 64u << 20, &data, &len);
  if (rc)
    return rc;
  woo__csv c;
  woo__csv_init(&c, data, len);
  char **f = NULL;
  size_t nf = 0;
  woo__col cols[64];
  size_t ncols = 0;
  size_t cap = 0;
  rc = woo__csv_record(&c, &f, &nf);
  if (rc < 0) {
    rc = woo__error(rc, "%s: %s", path, woo_error_last()->message);
    goto done;
  }
  if (rc == 0) {
    rc = woo__error(WOO_EFORMAT, "%s: empty overrides file", path);
    goto done;
  }
  bool have_doc = false;
  for (size_t i = 0; i < nf && i < 64; i++) {
    cols[i] = woo__col_from_header(f[i], strlen(f[i]));
    /* In an overrides file the document column names the file. */
    if (cols[i] == WOO__COL_TITEL && (strcasecmp(f[i], "document") == 0 ||
                                      strcasecmp(f[i], "bestand") == 0))
      cols[i] = WOO__COL_DOCUMENT;
    if (cols[i] == WOO__COL_DOCUMENT)
      have_doc = true;
    ncols = i + 1;
  }
  woo__csv_free_record(f, nf);
  f = NULL;
  rc = 0;
  if (!have_doc) {
    rc = woo__error(WOO_EFORMAT, "%s: no 'document' column in the header",
                    path);
    goto done;
  }
  for (;;) {
    size_t line = c.line;
    rc = woo__csv_record(&c, &f, &nf);
    if (rc <= 0) {
      if (rc < 0)
        rc = woo__error(rc, "%s: %s", path, woo_error_last()->message);
      break;
    }
    rc = 0;
    if (nf == 1 && f[0][0] == '\0') {
      woo__csv_free_record(f, nf);
      continue;
    }
    if (idx->n_overrides == cap) {
      size_t nc = cap ? cap * 2 : 16;
      woo__override *nv =
          woo__reallocarray(idx->overrides, nc, sizeof *nv);
      if (!nv) {
        rc = woo__oom();
        break;
      }
      idx->overrides = nv;
      cap = nc;
    }
    woo__override *o = &idx->overrides[idx->n_overrides++];
    memset(o, 0, sizeof *o);
    for (size_t i = 0; i < nf && i < ncols && rc == 0; i++) {
      const char *v = f[i];
      if (!*v)
        continue;
      switch (cols[i]) {
      case WOO__COL_DOCUMENT:
        o->document = woo__strdup(v);
        if (!o->document)
          rc = woo__oom();
        break;
      case WOO__COL_NR: {
        char *end;
        unsigned long long nr = strtoull(v, &end, 10);
        if (*end || nr == 0)
          rc = woo__error(WOO_EFORMAT, "%s:%zu: nr '%s' is not a number",
                          path, line, v);
        else
          o->values.nr = (size_t)nr;
        break;
      }
      case WOO__COL_DATUM: {
        char iso[11];
        size_t used;
        if (!woo__date_parse(v, strlen(v), iso, &used))
          rc = woo__error(WOO_EFORMAT, "%s:%zu: '%s' is not a date", path,
                          line, v);
        else
          rc = woo__row_set(&o->values.datum, iso, WOO_UNSET);
        break;
      }
      case WOO__COL_TITEL:
        rc = woo__row_set(&o->values.titel, v, WOO_UNSET);
        break;
      case WOO__COL_SOORT:
        rc = woo__row_set(&o->values.documentsoort, v, WOO_UNSET);
        break;
      case WOO__COL_BEOORDELING:
        if (woo_beoordeling_parse(&o->values.beoordeling, v))
          rc = woo__error(WOO_EFORMAT, "%s:%zu: '%s' is not a beoordeling",
                          path, line, v);
        o->has_beoordeling = true;
        break;
      case WOO__COL_GRONDEN:
        o->has_grounds = true;
        if (strcmp(v, "-") != 0)
          rc = woo__row_grounds_from_text(&o->values, v, strlen(v));
        break;
      case WOO__COL_OPMERKINGEN:
        rc = woo__row_set(&o->values.opmerkingen, v, WOO_UNSET);
        break;
      case WOO__COL_IDENTIFIER:
        rc = woo__row_set(&o->values.identifier, v, WOO_UNSET);
        break;
      default:
        break;
      }
    }
    woo__csv_free_record(f, nf);
    f = NULL;
    if (rc == 0 && !o->document)
      rc = woo__error(WOO_EFORMAT, "%s:%zu: no document named", path, line);
    if (rc)
      break;
  }
done:
  woo__csv_free_record(f, nf);
  free(data);
  return rc;
}

int woo_index_new(woo_index **out, const woo_index_options *opts) {
  if (!out)
    return woo__error(WOO_EINVAL, "woo_index_new: no output");
  *out = NULL;
  woo_index_options def = WOO_INDEX_OPTIONS_INIT;
  if (!opts)
    opts = &def;
  if (opts->version != WOO_INDEX_OPTIONS_VERSION)
    return woo__error(WOO_EINVAL, "index options: version %u not supported",
                      opts->version);
  woo_index *idx = woo__calloc(1, sizeof *idx);
  if (!idx)
    return woo__oom();
  int rc = 0;
  idx->start_nr = opts->start_nr ? opts->start_nr : 1;
  idx->scanner = opts->scanner;
  idx->csv_flags = opts->csv_flags;
  if ((rc = dup_opt(&idx->base_dir, opts->base_dir)) ||
      (rc = dup_opt(&idx->publisher_uri, opts->publisher_uri)) ||
      (rc = dup_opt(&idx->publisher_name, opts->publisher_name)) ||
      (rc = dup_opt(&idx->title, opts->title ? opts->title
                                             : "Inventarislijst")))
    goto fail;
  if (idx->publisher_uri && !woo__tooi_is_organisation(idx->publisher_uri)) {
    rc = woo__error(WOO_EINVAL,
                    "publisher '%s' is not an organisation URI of the TOOI "
                    "registers (https://identifier.overheid.nl/tooi/id/…)",
                    idx->publisher_uri);
    goto fail;
  }
  idx->categorie = woo__tooi_categorie(opts->informatiecategorie_uri
                                           ? opts->informatiecategorie_uri
                                           : "Woo-verzoeken en -besluiten");
  if (!idx->categorie) {
    rc = woo__error(WOO_EINVAL, "informatiecategorie '%s' is not in the "
                    "TOOI list", opts->informatiecategorie_uri);
    goto fail;
  }
  idx->handeling =
      woo__tooi_handeling(opts->handeling ? opts->handeling : "vaststelling");
  if (!idx->handeling) {
    rc = woo__error(WOO_EINVAL, "soortHandeling '%s': use vaststelling, "
                    "ontvangst or ondertekening", opts->handeling);
    goto fail;
  }
  idx->language = woo__tooi_language(opts->language ? opts->language : "nl");
  if (!idx->language) {
    rc = woo__error(WOO_EINVAL, "language '%s' is not in the TOOI list",
                    opts->language);
    goto fail;
  }
  if (opts->overrides_path && (rc = load_overrides(idx, opts->overrides_path)))
    goto fail;
  *out = idx;
  return 0;
fail:
  woo_index_free(idx);
  return rc;
}

/* The document's name as the inventory shows it. */
static const char *shown_path(const woo_index *idx, const char *path) {
  if (idx->base_dir && *idx->base_dir) {
    size_t n = strlen(idx->base_dir);
    while (n > 1 && idx->base_dir[n - 1] == '/')
      n--;
    if (strncmp(path, idx->base_dir, n) == 0 && path[n] == '/')
      return path + n + 1;
  }
  return path;
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static const woo__override *find_override(const woo_index *idx,
                                          const char *path,
                                          const char *shown) {
  for (size_t i = 0; i < idx->n_overrides; i++) {
    const char *d = idx->overrides[i].document;
    if (strcmp(d, shown) == 0 || strcmp(d, path) == 0)
      return &idx->overrides[i];
  }
  /* A bare file name matches when no path did. */
  for (size_t i = 0; i < idx->n_overrides; i++) {
    const char *d = idx->overrides[i].document;
    if (!strchr(d, '/') && strcmp(d, base_name(path)) == 0)
      return &idx->overrides[i];
  }
  return NULL;
}

static int apply_override(woo_index_row *row, const woo__override *o) {
  int rc = 0;
  const woo_index_row *v = &o->values;
  if (v->nr)
    row->nr = v->nr;
  if (v->datum && (rc = woo__row_set(&row->datum, v->datum, WOO_UNSET)))
    return rc;
  if (v->titel && (rc = woo__row_set(&row->titel, v->titel, WOO_UNSET)))
    return rc;
  if (v->documentsoort &&
      (rc = woo__row_set(&row->documentsoort, v->documentsoort, WOO_UNSET)))
    return rc;
  if (v->opmerkingen &&
      (rc = woo__row_set(&row->opmerkingen, v->opmerkingen, WOO_UNSET)))
    return rc;
  if (v->identifier &&
      (rc = woo__row_set(&row->identifier, v->identifier, WOO_UNSET)))
    return rc;
  if (o->has_grounds &&
      (rc = woo__row_set_grounds(row, v->grounds, v->ground_count)))
    return rc;
  if (o->has_beoordeling)
    row->beoordeling = v->beoordeling;
  return 0;
}

int woo_index_add(woo_index *idx, const woo_doc *doc, const woo_marks *marks,
                  woo_index_row **out) {
  if (!out)
    return woo__error(WOO_EINVAL, "woo_index_add: no output");
  *out = NULL;
  if (!idx || !doc)
    return woo__error(WOO_EINVAL, "woo_index_add: no index or document");
  woo_index_row *row = woo__row_new();
  if (!row)
    return woo__oom();
  const char *path = woo_doc_path(doc);
  const char *shown = shown_path(idx, path);
  int rc = woo__row_set(&row->document, shown, WOO_UNSET);
  if (rc == 0)
    rc = woo__row_set(&row->format, woo_format_name(woo_doc_format(doc)),
                      WOO_UNSET);
  row->paginas = woo_doc_page_count(doc);
  if (rc == 0)
    rc = woo__index_describe(doc, row);
  if (rc == 0)
    rc = woo__index_assess(idx, doc, marks, row);
  const woo__override *o = rc == 0 ? find_override(idx, path, shown) : NULL;
  if (o)
    rc = apply_override(row, o);
  if (rc) {
    woo_index_row_free(row);
    return rc;
  }
  *out = row;
  return 0;
}
