/* ODT (OpenDocument Text) loader.
 *
 * The text is built in the same order as for DOCX, each paragraph ending
 * in "\n":
 *   1. the body (content.xml office:text), with tracked insertions
 *      (between text:change-start and text:change-end), deletions (the
 *      deleted text is kept in text:tracked-changes and shown where
 *      text:change marks it), hidden text and tables as parts;
 *   2. headers, then footers of the master pages (styles.xml);
 *   3. notes (text:note, footnotes and endnotes), collected from where
 *      they are anchored and written after the body so that they do not
 *      split the body's sentences;
 *   4. comments (office:annotation), one part per comment named
 *      "content.xml (AUTHOR)";
 *   5. properties from meta.xml as "key: value" lines, a METADATA part.
 *
 * In ODF, meta:initial-creator is who created the document and
 * dc:creator who saved it last; they become "author" and
 * "last_modified_by" to match DOCX.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"
#include "xmlsafe.h"
#include "zip.h"

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

/* text:s c="1000000000" must not become a gigabyte of spaces. */
#define MAX_SPACES 256

typedef struct style {
  char *name;
  char *parent;
  int hidden; /* -1 unset, 0 shown, 1 hidden */
  size_t order; /* later definitions shadow earlier ones */
} style;

/* A tracked change region from text:tracked-changes. */
typedef struct region {
  const char *id;
  const xmlNode *node; /* text:deletion or text:insertion */
  bool deletion;
  char *author;
} region;

typedef struct prop {
  char *key;
  char *value;
} prop;

typedef struct nodelist {
  const xmlNode **v;
  size_t n, cap;
} nodelist;

typedef struct loader {
  woo_doc *doc;
  const char *path;
  woo__zip *zip;

  style *styles;
  size_t n_styles;
  region *regions;
  size_t n_regions;
  prop *props;
  size_t n_props;
  nodelist notes;
  nodelist comments;

  const char *member;
  woo_part_kind base;
  char *base_name;
  int del, ins, hidden, table, in_par;
  const char *change_author;
  size_t cell_pars;
  bool space_before; /* for collapsing white space within a paragraph */
  bool dtd_seen;
  bool props_dropped;
  int rc;
} loader;

/* ---- XML helpers --------------------------------------------------------- */

static bool in_ns(const xmlNode *n, const char *ns) {
  return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static bool el(const xmlNode *n, const char *ns, const char *local) {
  return n && n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, local) == 0 && in_ns(n, ns);
}

/* An attribute by namespace and local name; borrowed, NULL if absent. */
static const char *attr(const xmlNode *n, const char *ns, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->ns && a->ns->href &&
        strcmp((const char *)a->ns->href, ns) == 0 && a->children &&
        a->children->type == XML_TEXT_NODE && !a->children->next)
      return (const char *)a->children->content;
  return NULL;
}

static const xmlNode *child(const xmlNode *n, const char *ns,
                            const char *local) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (el(c, ns, local))
      return c;
  return NULL;
}


static int nodelist_push(nodelist *l, const xmlNode *n) {
  if (l->n == l->cap && woo__grow(&l->v, &l->cap, sizeof *l->v, 16))
    return WOO_ENOMEM;
  l->v[l->n++] = n;
  return 0;
}

/* ---- members --------------------------------------------------------------- */

static xmlDocPtr read_xml(loader *L, const char *member, bool required,
                          int *rc) {
  return woo__zip_read_xml(L->zip, L->doc, L->path, "an OpenDocument text", member, required,
                           &L->dtd_seen, rc);
}

/* ---- styles ---------------------------------------------------------------- */

/* Styles whose text properties say text:display="none" hide the text
 * set in them; both the automatic styles of content.xml and the named
 * styles of styles.xml count. */
static int read_styles_from(loader *L, const xmlNode *container) {
  for (const xmlNode *c = container ? container->children : NULL; c;
       c = c->next) {
    const char *name = el(c, NS_STYLE, "style") ? attr(c, NS_STYLE, "name")
                                                 : NULL;
    if (!name)
      continue;
    const char *parent = attr(c, NS_STYLE, "parent-style-name");
    const xmlNode *tp = child(c, NS_STYLE, "text-properties");
    const char *display = tp ? attr(tp, NS_TEXT, "display") : NULL;
    style *s = woo__reallocarray(L->styles, L->n_styles + 1, sizeof *s);
    if (!s)
      return WOO_ENOMEM;
    L->styles = s;
    s += L->n_styles;
    s->name = woo__strdup(name);
    s->parent = parent ? woo__strdup(parent) : NULL;
    s->hidden = !display ? -1 : strcmp(display, "none") == 0;
    s->order = L->n_styles;
    if (!s->name || (parent && !s->parent)) {
      free(s->name);
      free(s->parent);
      return WOO_ENOMEM;
    }
    L->n_styles++;
  }
  return 0;
}

static int cmp_style_name(const void *a, const void *b) {
  return strcmp(((const style *)a)->name, ((const style *)b)->name);
}

static int cmp_style(const void *a, const void *b) {
  int c = cmp_style_name(a, b);
  if (c)
    return c;
  size_t x = ((const style *)a)->order, y = ((const style *)b)->order;
  return x < y ? -1 : x > y;
}

/* Called once all styles are read: lookups are by halves. */
static void sort_styles(loader *L) {
  if (L->n_styles)
    qsort(L->styles, L->n_styles, sizeof *L->styles, cmp_style);
}

static bool style_hidden(const loader *L, const char *name) {
  for (int depth = 0; name && depth < 20; depth++) {
    style key = {(char *)name, NULL, -1, 0};
    const style *s =
        L->n_styles ? bsearch(&key, L->styles, L->n_styles, sizeof *L->styles,
                              cmp_style_name)
                    : NULL;
    /* Of several with the name, the last defined (automatic styles of
     * content.xml come last) wins. */
    while (s && s + 1 < L->styles + L->n_styles &&
           cmp_style_name(s, s + 1) == 0)
      s++;
    if (!s)
      return false;
    if (s->hidden >= 0)
      return s->hidden == 1;
    name = s->parent;
  }
  return false;
}

/* ---- tracked changes ---------------------------------------------------- */

static int cmp_region(const void *a, const void *b) {
  return strcmp(((const region *)a)->id, ((const region *)b)->id);
}

static int read_regions(loader *L, const xmlNode *tc) {
  for (const xmlNode *c = tc->children; c; c = c->next) {
    if (!el(c, NS_TEXT, "changed-region"))
      continue;
    const char *id = attr(c, NS_TEXT, "id");
    if (!id)
      id = attr(c, (const char *)"http://www.w3.org/XML/1998/namespace", "id");
    const xmlNode *ch = child(c, NS_TEXT, "deletion");
    bool deletion = ch != NULL;
    if (!ch)
      ch = child(c, NS_TEXT, "insertion");
    if (!id || !ch)
      continue; /* format changes carry no text */
    const xmlNode *info = child(ch, NS_OFFICE, "change-info");
    const xmlNode *cr = child(info, NS_DC, "creator");
    char *author = cr ? woo__xml_text(cr) : woo__strdup("");
    region *r = author ? woo__reallocarray(L->regions, L->n_regions + 1,
                                           sizeof *r)
                       : NULL;
    if (!r) {
      free(author);
      return WOO_ENOMEM;
    }
    L->regions = r;
    r += L->n_regions++;
    r->id = id;
    r->node = ch;
    r->deletion = deletion;
    r->author = author;
  }
  if (L->n_regions)
    qsort(L->regions, L->n_regions, sizeof *L->regions, cmp_region);
  return 0;
}

static const region *find_region(const loader *L, const char *id) {
  if (!id || !L->n_regions)
    return NULL;
  region key;
  memset(&key, 0, sizeof key);
  key.id = id;
  return bsearch(&key, L->regions, L->n_regions, sizeof *L->regions,
                 cmp_region);
}

/* ---- properties ---------------------------------------------------------- */

/* Past this many properties the rest are dropped (with a warning), so
 * that the duplicate check stays cheap on a crafted file. */
#define MAX_PROPS 1000

static int add_prop(loader *L, const char *key, const char *value) {
  if (!value || !*value)
    return 0;
  if (L->n_props >= MAX_PROPS) {
    if (L->props_dropped)
      return 0;
    L->props_dropped = true;
    return woo__doc_warn(L->doc, "more than %d properties; the rest are "
                         "left out", MAX_PROPS);
  }
  for (size_t i = 0; i < L->n_props; i++)
    if (strcmp(L->props[i].key, key) == 0 &&
        strcmp(L->props[i].value, value) == 0)
      return 0; /* an author of many comments is listed once */
  int rc = woo__doc_add_meta(L->doc, key, value);
  if (rc)
    return rc;
  prop *p = woo__reallocarray(L->props, L->n_props + 1, sizeof *p);
  if (!p)
    return WOO_ENOMEM;
  L->props = p;
  p += L->n_props;
  p->key = woo__strdup(key);
  p->value = woo__strdup(value);
  if (!p->key || !p->value) {
    free(p->key);
    free(p->value);
    return WOO_ENOMEM;
  }
  L->n_props++;
  return 0;
}

static int read_meta(loader *L) {
  static const struct {
    const char *ns, *local, *key;
  } map[] = {{NS_META, "initial-creator", "author"},
             {NS_DC, "creator", "last_modified_by"},
             {NS_DC, "title", "title"},
             {NS_DC, "subject", "subject"},
             {NS_DC, "description", "description"},
             {NS_META, "keyword", "keywords"},
             {NS_DC, "language", "language"},
             {NS_META, "creation-date", "created"},
             {NS_DC, "date", "modified"},
             {NS_META, "generator", "application"},
             {NS_META, "printed-by", "printed_by"},
             {NS_META, "print-date", "last_printed"},
             {NS_META, "editing-cycles", "revision"},
             {NS_META, "editing-duration", "editing_duration"}};
  int rc;
  xmlDocPtr x = read_xml(L, "meta.xml", false, &rc);
  if (!x)
    return rc;
  const xmlNode *meta = child(xmlDocGetRootElement(x), NS_OFFICE, "meta");
  for (const xmlNode *c = meta ? meta->children : NULL; c && !rc;
       c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (el(c, NS_META, "user-defined")) {
      const char *name = attr(c, NS_META, "name");
      char *v = woo__xml_text(c);
      woo__buf key = WOO__BUF_INIT;
      rc = !v ? WOO_ENOMEM
              : woo__buf_printf(&key, "custom:%s", name ? name : "");
      if (!rc)
        rc = add_prop(L, key.data, v);
      woo__buf_free(&key);
      free(v);
      continue;
    }
    if (el(c, NS_META, "template")) {
      const char *t = attr(c, "http://www.w3.org/1999/xlink", "href");
      rc = add_prop(L, "template", t);
      continue;
    }
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
      if (!el(c, map[i].ns, map[i].local))
        continue;
      char *v = woo__xml_text(c);
      rc = v ? add_prop(L, map[i].key, v) : WOO_ENOMEM;
      free(v);
      break;
    }
  }
  xmlFreeDoc(x);
  return rc;
}

static int emit_props(loader *L) {
  int rc = 0;
  woo__buf line = WOO__BUF_INIT;
  for (size_t i = 0; i < L->n_props && !rc; i++) {
    line.len = 0;
    rc = woo__buf_printf(&line, "%s: %s", L->props[i].key, L->props[i].value);
    for (size_t j = 0; !rc && j < line.len; j++)
      if (line.data[j] == '\n' || line.data[j] == '\r')
        line.data[j] = ' ';
    if (!rc)
      rc = woo__buf_putc(&line, '\n');
    if (!rc)
      rc = woo__doc_append(L->doc, WOO_PART_METADATA, "meta.xml", line.data,
                           line.len);
  }
  woo__buf_free(&line);
  return rc;
}

/* ---- the text walk -------------------------------------------------------- */

static woo_part_kind cur_kind(const loader *L) {
  return woo__walk_part_kind(L->del, L->ins, L->hidden, L->base, L->table);
}

static void emit(loader *L, const char *s, size_t len) {
  if (L->rc || !len)
    return;
  woo_part_kind k = cur_kind(L);
  const char *nm = L->base_name;
  woo__buf name = WOO__BUF_INIT;
  if ((k == WOO_PART_DELETION || k == WOO_PART_INSERTION) &&
      L->change_author && *L->change_author) {
    if ((L->rc = woo__buf_printf(&name, "%s (%s)", L->member,
                                 L->change_author)))
      return;
    nm = name.data;
  }
  L->rc = woo__doc_append(L->doc, k, nm, s, len);
  woo__buf_free(&name);
  L->space_before = s[len - 1] == ' ' || s[len - 1] == '\n' ||
                    s[len - 1] == '\t';
}

static void emits(loader *L, const char *s) { emit(L, s, strlen(s)); }

/* Character data in a paragraph: ODF collapses runs of white space to
 * one space; explicit spaces come as text:s. */
static void emit_chars(loader *L, const xmlNode *n) {
  woo__buf b = WOO__BUF_INIT;
  bool sp = L->space_before;
  size_t at = L->doc->text.len;
  const char *s0 = (const char *)n->content;
  for (const char *s = s0; *s && !L->rc; s++) {
    bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
    if (ws && sp)
      continue;
    /* Each kept byte is recorded for the redaction writer; consecutive
     * ones merge into one stretch. */
    L->rc = woo__xml_map(L->doc, L->member, n, (size_t)(s - s0), at + b.len, 1);
    if (!L->rc)
      L->rc = woo__buf_putc(&b, ws ? ' ' : *s);
    sp = ws;
  }
  if (!L->rc)
    emit(L, b.data ? b.data : "", b.len);
  woo__buf_free(&b);
}

static void walk(loader *L, const xmlNode *n);

static void walk_children(loader *L, const xmlNode *n) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next)
    walk(L, c);
}

static bool has_hidden_paragraph_field(const xmlNode *p) {
  for (const xmlNode *c = p->children; c; c = c->next) {
    if (!el(c, NS_TEXT, "hidden-paragraph"))
      continue;
    const char *h = attr(c, NS_TEXT, "is-hidden");
    return !h || strcmp(h, "false") != 0;
  }
  return false;
}

static void paragraph(loader *L, const xmlNode *p) {
  const char *sn = attr(p, NS_TEXT, "style-name");
  bool hide = (sn && style_hidden(L, sn)) || has_hidden_paragraph_field(p);
  if (hide)
    L->hidden++;
  L->in_par++;
  if (L->table && L->cell_pars++ > 0)
    emits(L, " ");
  L->space_before = true; /* leading white space is dropped */
  walk_children(L, p);
  if (!L->table)
    emits(L, "\n");
  L->in_par--;
  if (hide)
    L->hidden--;
}

static void table_rows(loader *L, const xmlNode *n, bool nested) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next) {
    if (el(c, NS_TABLE, "table-row")) {
      size_t cells = 0;
      for (const xmlNode *d = c->children; d && !L->rc; d = d->next) {
        if (!el(d, NS_TABLE, "table-cell") &&
            !el(d, NS_TABLE, "covered-table-cell"))
          continue;
        /* number-columns-repeated is not expanded: a crafted file may
         * repeat an empty cell a billion times. */
        if (cells++ > 0)
          emits(L, nested ? " " : "\t");
        size_t saved = L->cell_pars;
        L->cell_pars = 0;
        walk_children(L, d);
        L->cell_pars = saved;
      }
      emits(L, nested ? " " : "\n");
    } else if (el(c, NS_TABLE, "table-header-rows") ||
               el(c, NS_TABLE, "table-rows") ||
               el(c, NS_TABLE, "table-row-group")) {
      table_rows(L, c, nested);
    }
  }
}

static void table(loader *L, const xmlNode *t) {
  bool nested = L->table > 0;
  L->table++;
  if (nested)
    L->cell_pars++;
  table_rows(L, t, nested);
  L->table--;
}

/* Deleted text shown where text:change marks it: its paragraphs joined
 * by line breaks, without a break after the last, so that a deletion
 * within a sentence stays within it. */
static void deletion(loader *L, const region *r) {
  const char *saved = L->change_author;
  L->change_author = r->author;
  L->del++;
  size_t pars = 0;
  for (const xmlNode *c = r->node->children; c && !L->rc; c = c->next) {
    if (el(c, NS_OFFICE, "change-info"))
      continue;
    if (el(c, NS_TEXT, "p") || el(c, NS_TEXT, "h")) {
      if (pars++ > 0)
        emits(L, L->table ? " " : "\n");
      L->in_par++;
      walk_children(L, c);
      L->in_par--;
    } else {
      walk(L, c);
    }
  }
  L->del--;
  L->change_author = saved;
}

static void walk(loader *L, const xmlNode *n) {
  if (L->rc)
    return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (L->in_par)
      emit_chars(L, n);
    return;
  }
  if (n->type != XML_ELEMENT_NODE)
    return; /* entity references stay unexpanded */
  if (in_ns(n, NS_TEXT)) {
    const char *ln = (const char *)n->name;
    if (strcmp(ln, "p") == 0 || strcmp(ln, "h") == 0) {
      paragraph(L, n);
    } else if (strcmp(ln, "s") == 0) {
      const char *c = attr(n, NS_TEXT, "c");
      long k = c ? strtol(c, NULL, 10) : 1;
      if (k < 1)
        k = 1;
      if (k > MAX_SPACES)
        k = MAX_SPACES;
      char sp[MAX_SPACES];
      memset(sp, ' ', (size_t)k);
      emit(L, sp, (size_t)k);
    } else if (strcmp(ln, "tab") == 0) {
      emits(L, "\t");
    } else if (strcmp(ln, "line-break") == 0) {
      emits(L, L->table ? " " : "\n");
    } else if (strcmp(ln, "note") == 0) {
      L->rc = nodelist_push(&L->notes, n);
    } else if (strcmp(ln, "tracked-changes") == 0 ||
               strcmp(ln, "note-citation") == 0 ||
               strcmp(ln, "sequence-decls") == 0 ||
               strcmp(ln, "variable-decls") == 0 ||
               strcmp(ln, "user-field-decls") == 0 ||
               strcmp(ln, "hidden-paragraph") == 0 ||
               strcmp(ln, "table-of-content-source") == 0 ||
               strcmp(ln, "alphabetical-index-source") == 0 ||
               strcmp(ln, "illustration-index-source") == 0) {
      /* declarations and templates, not text */
    } else if (strcmp(ln, "change-start") == 0) {
      const region *r = find_region(L, attr(n, NS_TEXT, "change-id"));
      if (r && !r->deletion) {
        L->ins++;
        L->change_author = r->author;
      }
    } else if (strcmp(ln, "change-end") == 0) {
      const region *r = find_region(L, attr(n, NS_TEXT, "change-id"));
      if (r && !r->deletion && L->ins > 0) {
        L->ins--;
        if (!L->ins)
          L->change_author = NULL;
      }
    } else if (strcmp(ln, "change") == 0) {
      const region *r = find_region(L, attr(n, NS_TEXT, "change-id"));
      if (r && r->deletion && !L->del) /* a deletion cannot nest itself */
        deletion(L, r);
    } else if (strcmp(ln, "hidden-text") == 0) {
      const char *v = attr(n, NS_TEXT, "string-value");
      if (v) {
        L->hidden++;
        emits(L, v);
        L->hidden--;
      }
    } else if (strcmp(ln, "span") == 0) {
      const char *sn = attr(n, NS_TEXT, "style-name");
      bool hide = sn && style_hidden(L, sn);
      L->hidden += hide;
      walk_children(L, n);
      L->hidden -= hide;
    } else if (strcmp(ln, "section") == 0) {
      const char *d = attr(n, NS_TEXT, "display");
      bool hide = d && strcmp(d, "true") != 0;
      L->hidden += hide;
      walk_children(L, n);
      L->hidden -= hide;
    } else {
      walk_children(L, n); /* lists, links, indexes, … */
    }
    return;
  }
  if (el(n, NS_TABLE, "table")) {
    table(L, n);
  } else if (el(n, NS_OFFICE, "annotation")) {
    L->rc = nodelist_push(&L->comments, n);
  } else if (el(n, NS_OFFICE, "annotation-end") ||
             el(n, NS_OFFICE, "forms") || in_ns(n, NS_DC) ||
             in_ns(n, NS_META) || in_ns(n, NS_SVG)) {
    /* svg:title and svg:desc are an image's alternative text, not part
     * of the running text */
    /* nothing to show */
  } else {
    walk_children(L, n); /* frames, text boxes, … */
  }
}

static int set_base(loader *L, const char *member, woo_part_kind kind,
                    const char *author) {
  L->member = member;
  L->base = kind;
  free(L->base_name);
  L->base_name = NULL;
  woo__buf b = WOO__BUF_INIT;
  int rc = author && *author ? woo__buf_printf(&b, "%s (%s)", member, author)
                             : woo__buf_puts(&b, member);
  if (rc)
    return rc;
  L->base_name = woo__buf_detach(&b, NULL);
  return L->base_name ? 0 : WOO_ENOMEM;
}

/* Header and footer content of every master page in styles.xml. */
static void master_pages(loader *L, const xmlNode *root) {
  static const char *const heads[] = {"header", "header-left", "header-first"};
  static const char *const feet[] = {"footer", "footer-left", "footer-first"};
  const xmlNode *ms = child(root, NS_OFFICE, "master-styles");
  for (int pass = 0; pass < 2 && !L->rc; pass++) {
    const char *const *names = pass ? feet : heads;
    L->rc = set_base(L, "styles.xml",
                     pass ? WOO_PART_FOOTER : WOO_PART_HEADER, NULL);
    for (const xmlNode *mp = ms ? ms->children : NULL; mp && !L->rc;
         mp = mp->next) {
      if (!el(mp, NS_STYLE, "master-page"))
        continue;
      for (const xmlNode *c = mp->children; c && !L->rc; c = c->next)
        for (int i = 0; i < 3; i++)
          if (el(c, NS_STYLE, names[i])) {
            const char *disp = attr(c, NS_STYLE, "display");
            if (!disp || strcmp(disp, "false") != 0)
              walk_children(L, c);
          }
    }
  }
}

static void notes(loader *L) {
  L->rc = set_base(L, "content.xml", WOO_PART_FOOTNOTE, NULL);
  /* The list may grow while walking (a note in a note); index, not
   * pointer. */
  for (size_t i = 0; i < L->notes.n && !L->rc; i++) {
    const xmlNode *body = child(L->notes.v[i], NS_TEXT, "note-body");
    if (body)
      walk_children(L, body);
  }
}

static void comments(loader *L) {
  for (size_t i = 0; i < L->comments.n && !L->rc; i++) {
    const xmlNode *a = L->comments.v[i];
    const xmlNode *cr = child(a, NS_DC, "creator");
    char *author = cr ? woo__xml_text(cr) : woo__strdup("");
    if (!author) {
      L->rc = WOO_ENOMEM;
      return;
    }
    L->rc = set_base(L, L->member, WOO_PART_COMMENT, author);
    if (!L->rc)
      L->rc = add_prop(L, "comment_author", author);
    free(author);
    walk_children(L, a); /* dc:creator and dc:date are skipped */
  }
}

static int check_encrypted(loader *L) {
  char *m = NULL;
  size_t len = 0;
  int rc = woo__zip_read(L->zip, "META-INF/manifest.xml", &m, &len);
  if (rc == WOO_ENOTFOUND)
    return 0;
  if (rc)
    return rc;
  /* Encrypted members are listed with their key derivation; content.xml
   * is then ciphertext and cannot be read without the password. */
  if (memmem(m, len, "encryption-data", 15))
    rc = woo__error(WOO_EENCRYPTED,
                    "%s: the document is password-protected", L->path);
  free(m);
  return rc;
}

int woo__load_odt(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim) {
  loader L;
  memset(&L, 0, sizeof L);
  L.doc = doc;
  L.path = doc->path;
  xmlDocPtr content = NULL, styles = NULL;
  int rc = woo__zip_open(&L.zip, data, len, doc->path, lim);
  if (rc || (rc = check_encrypted(&L)))
    goto done;
  if (!woo__zip_has(L.zip, "content.xml") &&
      woo__zip_has(L.zip, "word/document.xml")) {
    /* A Word package named .odt. */
    woo__zip_close(L.zip);
    L.zip = NULL;
    doc->format = WOO_FORMAT_DOCX;
    rc = woo__load_docx(doc, data, len, opts, lim);
    goto done;
  }
  content = read_xml(&L, "content.xml", true, &rc);
  if (rc)
    goto done;
  const xmlNode *root = xmlDocGetRootElement(content);
  const xmlNode *body = child(root, NS_OFFICE, "body");
  const xmlNode *text = child(body, NS_OFFICE, "text");
  if (!el(root, NS_OFFICE, "document-content") || !text) {
    rc = woo__error(WOO_EFORMAT, "%s: content.xml holds no text document",
                    L.path);
    goto done;
  }
  styles = read_xml(&L, "styles.xml", false, &rc);
  if (rc)
    goto done;
  const xmlNode *sroot = styles ? xmlDocGetRootElement(styles) : NULL;
  if ((rc = read_styles_from(&L, child(sroot, NS_OFFICE, "styles"))) ||
      (rc = read_styles_from(&L, child(sroot, NS_OFFICE, "automatic-styles"))) ||
      (rc = read_styles_from(&L, child(root, NS_OFFICE, "automatic-styles"))))
    goto done;
  sort_styles(&L);
  const xmlNode *tc = child(text, NS_TEXT, "tracked-changes");
  if (tc && (rc = read_regions(&L, tc)))
    goto done;

  if ((rc = set_base(&L, "content.xml", WOO_PART_BODY, NULL)))
    goto done;
  walk_children(&L, text);
  L.ins = 0;
  L.change_author = NULL;
  if ((rc = L.rc))
    goto done;
  if (sroot) {
    master_pages(&L, sroot);
    if ((rc = L.rc))
      goto done;
  }
  /* The document's properties are listed before the comment authors. */
  if ((rc = read_meta(&L)))
    goto done;
  notes(&L);
  if ((rc = L.rc))
    goto done;
  L.member = "content.xml";
  comments(&L);
  if ((rc = L.rc) || (rc = emit_props(&L)))
    goto done;
done:
  if (content)
    xmlFreeDoc(content);
  if (styles)
    xmlFreeDoc(styles);
  free(L.base_name);
  for (size_t i = 0; i < L.n_styles; i++) {
    free(L.styles[i].name);
    free(L.styles[i].parent);
  }
  free(L.styles);
  for (size_t i = 0; i < L.n_regions; i++)
    free(L.regions[i].author);
  free(L.regions);
  for (size_t i = 0; i < L.n_props; i++) {
    free(L.props[i].key);
    free(L.props[i].value);
  }
  free(L.props);
  free(L.notes.v);
  free(L.comments.v);
  woo__zip_close(L.zip);
  return rc;
}
