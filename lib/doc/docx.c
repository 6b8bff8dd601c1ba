/* DOCX (Office Open XML WordprocessingML) loader.
 *
 * The text is built in this order, each paragraph ending in "\n":
 *   1. the main document (word/document.xml, or the officeDocument the
 *      package relationships name), with tracked insertions, deletions,
 *      hidden runs and tables recorded as parts where they stand;
 *   2. headers, then footers (word/header*.xml, word/footer*.xml in
 *      numeric order), each a part named after its member;
 *   3. footnotes, then endnotes;
 *   4. comments, one part per comment named "word/comments.xml (AUTHOR)";
 *   5. document properties as "key: value" lines (docProps/core.xml,
 *      app.xml, custom.xml, document variables from word/settings.xml,
 *      customXml items, then comment and revision authors), a METADATA
 *      part per member.
 * The body comes first so that offsets into it do not move when a
 * reviewer adds a comment; everything a reader of the printed document
 * does not see follows it, where audit can still scan it.
 *
 * Table cells are separated by "\t" and rows end in "\n"; paragraphs
 * within a cell are joined by a space so that a row stays one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"
#include "xmlsafe.h"
#include "zip.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define REL_OFFICE_DOC                                                         \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"      \
  "officeDocument"
#define REL_OFFICE_DOC_STRICT                                                  \
  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

/* Styles that hide their text, by id, with what they are based on. */
typedef struct style {
  char *id;
  char *based_on;
  int vanish; /* -1 unset, 0 shown, 1 hidden */
} style;

/* A property kept until the end, when the METADATA text is written. */
typedef struct prop {
  char *key;
  char *value;
  const char *member; /* static or owned by the loader's member list */
} prop;

typedef struct loader {
  woo_doc *doc;
  const char *path;
  woo__zip *zip;

  style *styles;
  size_t n_styles;

  prop *props;
  size_t n_props;

  /* The walk's state. */
  const char *member;  /* the member being read */
  woo_part_kind base;  /* kind of the member's text */
  char *base_name;     /* part name for the member's text */
  int del, ins, hidden, table;
  const char *change_author; /* innermost w:ins/w:del author; borrowed */
  size_t cell_pars;    /* paragraphs so far in the current cell */
  bool dtd_seen;
  bool props_dropped;
  int rc;
} loader;

/* ---- small XML helpers ---------------------------------------------- */

static bool is_w(const xmlNode *n) {
  return n->ns && n->ns->href &&
         (strcmp((const char *)n->ns->href, NS_W) == 0 ||
          strcmp((const char *)n->ns->href, NS_W_STRICT) == 0);
}

static bool is_el(const xmlNode *n, const char *local) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static bool w_el(const xmlNode *n, const char *local) {
  return is_el(n, local) && is_w(n);
}

/* An attribute by local name, whatever its prefix (WordprocessingML puts
 * them in the w: namespace, some producers leave them bare).  Borrowed
 * from the tree; NULL when absent or not plain text. */
static const char *attr(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children &&
        a->children->type == XML_TEXT_NODE && !a->children->next)
      return (const char *)a->children->content;
  return NULL;
}

/* w:val style on/off properties: present means on unless it says off. */
static int onoff(const xmlNode *n) {
  const char *v = attr(n, "val");
  if (!v)
    return 1;
  return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
           strcmp(v, "off") == 0);
}

static const xmlNode *child(const xmlNode *n, const char *local) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (w_el(c, local))
      return c;
  return NULL;
}


/* ---- reading members ------------------------------------------------- */

/* Parse a member.  Missing → NULL with rc 0 when optional; an error that
 * must stop loading (a zip bomb, out of memory) → rc set; a damaged
 * optional member → a warning and NULL. */
static xmlDocPtr read_xml(loader *L, const char *member, bool required,
                          int *rc) {
  return woo__zip_read_xml(L->zip, L->doc, L->path, "a Word document", member, required,
                           &L->dtd_seen, rc);
}

/* ---- properties --------------------------------------------------------- */

/* Past this many properties the rest are dropped (with a warning): a
 * crafted file with a distinct author on every change must not make the
 * duplicate checks below quadratic. */
#define MAX_PROPS 1000

static int add_prop(loader *L, const char *key, const char *value,
                    const char *member) {
  if (!value || !*value)
    return 0;
  if (L->n_props >= MAX_PROPS) {
    if (L->props_dropped)
      return 0;
    L->props_dropped = true;
    return woo__doc_warn(L->doc, "more than %d properties; the rest are "
                         "left out", MAX_PROPS);
  }
  int rc = woo__doc_add_meta(L->doc, key, value);
  if (rc)
    return rc;
  prop *p = woo__reallocarray(L->props, L->n_props + 1, sizeof *p);
  if (!p)
    return WOO_ENOMEM;
  L->props = p;
  p[L->n_props].key = woo__strdup(key);
  p[L->n_props].value = woo__strdup(value);
  p[L->n_props].member = member;
  if (!p[L->n_props].key || !p[L->n_props].value) {
    free(p[L->n_props].key);
    free(p[L->n_props].value);
    return WOO_ENOMEM;
  }
  L->n_props++;
  return 0;
}

/* Add key → value once (authors of many comments are listed once). */
static int add_prop_once(loader *L, const char *key, const char *value,
                         const char *member) {
  for (size_t i = 0; value && i < L->n_props; i++)
    if (strcmp(L->props[i].key, key) == 0 &&
        strcmp(L->props[i].value, value) == 0)
      return 0;
  return add_prop(L, key, value, member);
}

/* "lastModifiedBy" → "last_modified_by", "AppVersion" → "app_version". */
static void snake_case(const char *in, char *out, size_t size) {
  size_t o = 0;
  for (size_t i = 0; in[i] && o + 2 < size; i++) {
    char c = in[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0 && o > 0 && out[o - 1] != '_')
        out[o++] = '_';
      c = (char)(c - 'A' + 'a');
    }
    out[o++] = c;
  }
  out[o] = '\0';
}

static int read_core(loader *L) {
  static const char *const member = "docProps/core.xml";
  /* Dublin Core's creator is the author; the rest keep their name. */
  static const char *const map[][2] = {
      {"creator", "author"},         {"lastModifiedBy", "last_modified_by"},
      {"title", "title"},            {"subject", "subject"},
      {"description", "description"}, {"keywords", "keywords"},
      {"category", "category"},      {"created", "created"},
      {"modified", "modified"},      {"lastPrinted", "last_printed"},
      {"revision", "revision"},      {"contentStatus", "content_status"},
      {"language", "language"},      {"identifier", "identifier"},
      {"version", "version"}};
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
      if (strcmp((const char *)c->name, map[i][0]) != 0)
        continue;
      char *v = woo__xml_text(c);
      rc = v ? add_prop(L, map[i][1], v, member) : WOO_ENOMEM;
      free(v);
      break;
    }
  }
  xmlFreeDoc(x);
  return rc;
}

static int read_app(loader *L) {
  static const char *const member = "docProps/app.xml";
  /* Only the fields that say who or where; counts and statistics are
   * left out. */
  static const char *const keep[] = {"Company", "Manager", "Application",
                                     "AppVersion", "Template",
                                     "HyperlinkBase"};
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
      if (strcmp((const char *)c->name, keep[i]) != 0)
        continue;
      char key[64];
      snake_case(keep[i], key, sizeof key);
      char *v = woo__xml_text(c);
      rc = v ? add_prop(L, key, v, member) : WOO_ENOMEM;
      free(v);
      break;
    }
  }
  xmlFreeDoc(x);
  return rc;
}

/* Custom properties keep the name their author gave them, after
 * "custom:". */
static int read_custom(loader *L) {
  static const char *const member = "docProps/custom.xml";
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !rc; c = c->next) {
    const char *name = is_el(c, "property") ? attr(c, "name") : NULL;
    if (!name)
      continue;
    woo__buf key = WOO__BUF_INIT;
    char *v = woo__xml_text(c);
    rc = v ? woo__buf_printf(&key, "custom:%s", name) : WOO_ENOMEM;
    if (!rc)
      rc = add_prop(L, key.data, v, member);
    free(v);
    woo__buf_free(&key);
  }
  xmlFreeDoc(x);
  return rc;
}

/* customXml items hold data bound to content controls, often names and
 * case numbers from a document management system.  Each element with
 * text of its own becomes a "custom_xml:NAME: value" metadata line. */
static int custom_xml_walk(loader *L, const xmlNode *n, const char *member,
                           size_t *lines, int depth) {
  bool leaf = true;
  for (const xmlNode *c = n->children; c && leaf; c = c->next)
    leaf = c->type != XML_ELEMENT_NODE;
  if (!leaf) {
    int rc = 0;
    for (const xmlNode *c = n->children; c && !rc && *lines < 1000; c = c->next)
      if (c->type == XML_ELEMENT_NODE && depth < 64)
        rc = custom_xml_walk(L, c, member, lines, depth + 1);
    return rc;
  }
  char *v = woo__xml_text(n);
  if (!v)
    return WOO_ENOMEM;
  int rc = 0;
  if (*v) {
    woo__buf key = WOO__BUF_INIT;
    rc = woo__buf_printf(&key, "custom_xml:%s", (const char *)n->name);
    if (!rc)
      rc = add_prop(L, key.data, v, member);
    woo__buf_free(&key);
    (*lines)++;
  }
  free(v);
  return rc;
}

static int read_custom_xml(loader *L) {
  int rc = 0;
  for (size_t i = 0; i < woo__zip_count(L->zip) && !rc; i++) {
    const char *m = woo__zip_member(L->zip, i);
    size_t mlen = strlen(m);
    /* itemProps*.xml only name the schema; item*.xml hold the data. */
    if (strncmp(m, "customXml/item", 14) != 0 ||
        strncmp(m, "customXml/itemProps", 19) == 0 || mlen < 4 ||
        strcmp(m + mlen - 4, ".xml") != 0)
      continue;
    rc = add_prop(L, "custom_xml", m, m);
    xmlDocPtr x = rc ? NULL : read_xml(L, m, false, &rc);
    if (!x)
      continue;
    size_t lines = 0;
    rc = custom_xml_walk(L, xmlDocGetRootElement(x), m, &lines, 0);
    xmlFreeDoc(x);
  }
  return rc;
}

/* Document variables (w:docVars in the settings) are set by templates
 * and document management systems and never shown: case numbers, user
 * names, file paths. */
static int read_settings(loader *L) {
  static const char *const member = "word/settings.xml";
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  const xmlNode *vars = child(xmlDocGetRootElement(x), "docVars");
  for (const xmlNode *c = vars ? vars->children : NULL; c && !rc; c = c->next) {
    const char *name = w_el(c, "docVar") ? attr(c, "name") : NULL;
    if (!name)
      continue;
    woo__buf key = WOO__BUF_INIT;
    rc = woo__buf_printf(&key, "docvar:%s", name);
    if (!rc)
      rc = add_prop(L, key.data, attr(c, "val"), member);
    woo__buf_free(&key);
  }
  xmlFreeDoc(x);
  return rc;
}

/* ---- styles -------------------------------------------------------------- */

static int cmp_style(const void *a, const void *b) {
  return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

/* Remember which styles hide their text (w:vanish in their run
 * properties), so that hidden text set through a style is found too. */
static int read_styles(loader *L) {
  int rc;
  xmlDocPtr x = read_xml(L, "word/styles.xml", false, &rc);
  if (!x)
    return rc;
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !rc; c = c->next) {
    const char *id = w_el(c, "style") ? attr(c, "styleId") : NULL;
    if (!id)
      continue;
    const xmlNode *based = child(c, "basedOn");
    const xmlNode *vanish = child(child(c, "rPr"), "vanish");
    const char *b = based ? attr(based, "val") : NULL;
    style *s = woo__reallocarray(L->styles, L->n_styles + 1, sizeof *s);
    if (!s) {
      rc = WOO_ENOMEM;
      break;
    }
    L->styles = s;
    s += L->n_styles;
    s->id = woo__strdup(id);
    s->based_on = b ? woo__strdup(b) : NULL;
    s->vanish = vanish ? onoff(vanish) : -1;
    if (!s->id || (b && !s->based_on)) {
      free(s->id);
      free(s->based_on);
      rc = WOO_ENOMEM;
      break;
    }
    L->n_styles++;
  }
  xmlFreeDoc(x);
  /* Looked up for every run: sorted once, searched by halves. */
  if (L->n_styles)
    qsort(L->styles, L->n_styles, sizeof *L->styles, cmp_style);
  return rc;
}

/* Whether the style hides text, following basedOn a bounded number of
 * steps (a crafted file may make the chain a loop). */
static bool style_hidden(const loader *L, const char *id) {
  for (int depth = 0; id && depth < 20; depth++) {
    style key = {(char *)id, NULL, -1};
    const style *s =
        L->n_styles ? bsearch(&key, L->styles, L->n_styles, sizeof *L->styles,
                              cmp_style)
                    : NULL;
    if (!s)
      return false;
    if (s->vanish >= 0)
      return s->vanish == 1;
    id = s->based_on;
  }
  return false;
}

/* ---- the text walk ------------------------------------------------------- */

static woo_part_kind cur_kind(const loader *L) {
  return woo__walk_part_kind(L->del, L->ins, L->hidden, L->base, L->table);
}

static void emit(loader *L, const char *s, size_t len) {
  if (L->rc || !len)
    return;
  woo_part_kind k = cur_kind(L);
  char *name = NULL;
  const char *nm = L->base_name;
  if ((k == WOO_PART_DELETION || k == WOO_PART_INSERTION) &&
      L->change_author && *L->change_author) {
    woo__buf b = WOO__BUF_INIT;
    if (woo__buf_printf(&b, "%s (%s)", L->member, L->change_author)) {
      L->rc = WOO_ENOMEM;
      return;
    }
    nm = name = b.data;
  }
  L->rc = woo__doc_append(L->doc, k, nm, s, len);
  free(name);
}

static void emits(loader *L, const char *s) { emit(L, s, strlen(s)); }

static void walk(loader *L, const xmlNode *n);

static void walk_children(loader *L, const xmlNode *n) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next)
    walk(L, c);
}

static void text_run(loader *L, const xmlNode *n) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      size_t at = L->doc->text.len;
      emits(L, (const char *)c->content);
      if (!L->rc) /* for the redaction writer */
        L->rc = woo__xml_map(L->doc, L->member, c, 0, at,
                             L->doc->text.len - at);
    }
}

/* Whether a run's own properties hide it: an explicit w:vanish wins over
 * the run's character style.  -1 when the run says nothing. */
static int run_hidden(const loader *L, const xmlNode *r) {
  const xmlNode *rpr = child(r, "rPr");
  const xmlNode *v = child(rpr, "vanish");
  if (v)
    return onoff(v);
  const xmlNode *st = child(rpr, "rStyle");
  const char *id = st ? attr(st, "val") : NULL;
  if (id && style_hidden(L, id))
    return 1;
  return -1;
}

static void paragraph(loader *L, const xmlNode *p) {
  const xmlNode *ps = child(child(p, "pPr"), "pStyle");
  const char *sid = ps ? attr(ps, "val") : NULL;
  bool hide = sid && style_hidden(L, sid);
  if (hide)
    L->hidden++;
  if (L->table) {
    /* Paragraphs in one cell share its line. */
    if (L->cell_pars++ > 0)
      emits(L, " ");
    walk_children(L, p);
  } else {
    walk_children(L, p);
    emits(L, "\n");
  }
  if (hide)
    L->hidden--;
}

static void table_rows(loader *L, const xmlNode *n, bool nested);

static void table_cells(loader *L, const xmlNode *n, bool nested,
                        size_t *cells) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next) {
    if (w_el(c, "tc")) {
      if ((*cells)++ > 0)
        emits(L, nested ? " " : "\t");
      size_t saved = L->cell_pars;
      L->cell_pars = 0;
      walk_children(L, c);
      L->cell_pars = saved;
    } else if (w_el(c, "sdt") || w_el(c, "sdtContent") ||
               w_el(c, "customXml") || w_el(c, "smartTag")) {
      table_cells(L, c, nested, cells); /* cells wrapped in controls */
    }
  }
}

static void table_rows(loader *L, const xmlNode *n, bool nested) {
  for (const xmlNode *c = n->children; c && !L->rc; c = c->next) {
    if (w_el(c, "tr")) {
      size_t cells = 0;
      table_cells(L, c, nested, &cells);
      emits(L, nested ? " " : "\n");
    } else if (w_el(c, "sdt") || w_el(c, "sdtContent") ||
               w_el(c, "customXml")) {
      table_rows(L, c, nested);
    }
  }
}

static void table(loader *L, const xmlNode *t) {
  /* A table inside a cell is flattened into that cell. */
  bool nested = L->table > 0;
  L->table++;
  if (nested)
    L->cell_pars++;
  table_rows(L, t, nested);
  L->table--;
}

static void change(loader *L, const xmlNode *n, int *counter) {
  const char *saved = L->change_author;
  const char *a = attr(n, "author");
  if (a) {
    L->change_author = a;
    if (!L->rc)
      L->rc = add_prop_once(L, "revision_author", a, L->member);
  }
  (*counter)++;
  walk_children(L, n);
  (*counter)--;
  L->change_author = saved;
}

static void walk(loader *L, const xmlNode *n) {
  if (L->rc || n->type != XML_ELEMENT_NODE)
    return; /* entity references stay unexpanded, text outside runs is
               layout whitespace */
  if (!is_w(n)) {
    /* Markup compatibility: the same text box comes twice, as a modern
     * drawing (Choice) and as VML (Fallback); read only the first. */
    if (n->ns && n->ns->href && strcmp((const char *)n->ns->href, NS_MC) == 0 &&
        strcmp((const char *)n->name, "Fallback") == 0)
      return;
    walk_children(L, n);
    return;
  }
  const char *ln = (const char *)n->name;
  size_t lnlen = strlen(ln);
  /* Property blocks (pPr, rPr, tblPr, sectPr, …) hold formatting and
   * the history of formatting changes, not text. */
  if (lnlen > 2 && strcmp(ln + lnlen - 2, "Pr") == 0)
    return;
  if (strcmp(ln, "t") == 0 || strcmp(ln, "delText") == 0) {
    text_run(L, n);
  } else if (strcmp(ln, "tab") == 0 || strcmp(ln, "ptab") == 0) {
    emits(L, "\t");
  } else if (strcmp(ln, "br") == 0 || strcmp(ln, "cr") == 0) {
    emits(L, L->table ? " " : "\n");
  } else if (strcmp(ln, "noBreakHyphen") == 0) {
    emits(L, "-");
  } else if (strcmp(ln, "p") == 0) {
    paragraph(L, n);
  } else if (strcmp(ln, "tbl") == 0) {
    table(L, n);
  } else if (strcmp(ln, "r") == 0) {
    int h = run_hidden(L, n);
    /* An explicit w:vanish w:val="0" shows a run inside a hidden
     * paragraph style. */
    int saved = L->hidden;
    if (h == 1)
      L->hidden++;
    else if (h == 0)
      L->hidden = 0;
    walk_children(L, n);
    L->hidden = saved;
  } else if (strcmp(ln, "ins") == 0 || strcmp(ln, "moveTo") == 0) {
    change(L, n, &L->ins);
  } else if (strcmp(ln, "del") == 0 || strcmp(ln, "moveFrom") == 0) {
    change(L, n, &L->del);
  } else if (strcmp(ln, "instrText") == 0 || strcmp(ln, "delInstrText") == 0 ||
             strcmp(ln, "fldData") == 0) {
    /* field instructions: not part of the displayed text */
  } else {
    walk_children(L, n); /* hyperlinks, content controls, text boxes, … */
  }
}

/* Text from now on belongs to `member`, as a part of the given kind. */
static void set_base(loader *L, const char *member, woo_part_kind kind) {
  L->member = member;
  L->base = kind;
  free(L->base_name);
  L->base_name = woo__strdup(member);
  if (!L->base_name)
    L->rc = WOO_ENOMEM;
}

/* Read one member's text with the given kind. */
static void walk_member(loader *L, const xmlNode *root, const char *member,
                        woo_part_kind kind) {
  set_base(L, member, kind);
  walk(L, root);
}

/* ---- the members --------------------------------------------------------- */

/* The main document's member: the target of the package's officeDocument
 * relationship, word/document.xml when the relationships say nothing. */
static char *main_member(loader *L, int *rc) {
  char *found = NULL;
  xmlDocPtr x = read_xml(L, "_rels/.rels", false, rc);
  if (*rc)
    return NULL;
  for (xmlNode *c = x ? xmlDocGetRootElement(x)->children : NULL;
       c && !found; c = c->next) {
    const char *type = is_el(c, "Relationship") ? attr(c, "Type") : NULL;
    const char *target = type ? attr(c, "Target") : NULL;
    if (!target || (strcmp(type, REL_OFFICE_DOC) != 0 &&
                    strcmp(type, REL_OFFICE_DOC_STRICT) != 0))
      continue;
    while (*target == '/')
      target++;
    if (woo__zip_has(L->zip, target))
      found = woo__strdup(target);
  }
  if (x)
    xmlFreeDoc(x);
  if (!found)
    found = woo__strdup("word/document.xml");
  if (!found)
    *rc = WOO_ENOMEM;
  return found;
}

/* The number in "word/header12.xml", for ordering; 0 when none. */
static unsigned long member_number(const char *m) {
  const char *p = m;
  while (*p && (*p < '0' || *p > '9'))
    p++;
  return strtoul(p, NULL, 10);
}

static int cmp_members(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  unsigned long nx = member_number(x), ny = member_number(y);
  if (nx != ny)
    return nx < ny ? -1 : 1;
  return strcmp(x, y);
}

/* Headers or footers: word/<prefix>N.xml, in numeric order. */
static int read_headers(loader *L, const char *prefix, woo_part_kind kind) {
  size_t n = 0, plen = strlen(prefix);
  const char **list = woo__calloc(woo__zip_count(L->zip) + 1, sizeof *list);
  if (!list)
    return WOO_ENOMEM;
  for (size_t i = 0; i < woo__zip_count(L->zip); i++) {
    const char *m = woo__zip_member(L->zip, i);
    size_t mlen = strlen(m);
    if (strncmp(m, prefix, plen) == 0 && mlen > plen + 4 &&
        strcmp(m + mlen - 4, ".xml") == 0 && !strchr(m + plen, '/'))
      list[n++] = m;
  }
  qsort(list, n, sizeof *list, cmp_members);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    xmlDocPtr x = read_xml(L, list[i], false, &rc);
    if (!x)
      continue;
    walk_member(L, xmlDocGetRootElement(x), list[i], kind);
    rc = L->rc;
    xmlFreeDoc(x);
  }
  free(list);
  return rc;
}

/* Footnotes or endnotes; the separator notes Word adds are not text. */
static int read_notes(loader *L, const char *member, const char *el) {
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  set_base(L, member, WOO_PART_FOOTNOTE);
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !L->rc;
       c = c->next) {
    if (!w_el(c, el))
      continue;
    const char *type = attr(c, "type");
    if (type && strcmp(type, "normal") != 0)
      continue;
    walk_children(L, c);
  }
  rc = L->rc;
  xmlFreeDoc(x);
  return rc;
}

static int read_comments(loader *L) {
  static const char *const member = "word/comments.xml";
  int rc;
  xmlDocPtr x = read_xml(L, member, false, &rc);
  if (!x)
    return rc;
  L->member = member;
  L->base = WOO_PART_COMMENT;
  for (xmlNode *c = xmlDocGetRootElement(x)->children; c && !L->rc;
       c = c->next) {
    if (!w_el(c, "comment"))
      continue;
    const char *author = attr(c, "author");
    woo__buf name = WOO__BUF_INIT;
    if (author && *author) {
      L->rc = woo__buf_printf(&name, "%s (%s)", member, author);
      if (!L->rc)
        L->rc = add_prop_once(L, "comment_author", author, member);
    } else {
      L->rc = woo__buf_puts(&name, member);
    }
    if (L->rc) {
      woo__buf_free(&name);
      break;
    }
    free(L->base_name);
    L->base_name = woo__buf_detach(&name, NULL);
    walk_children(L, c);
  }
  rc = L->rc;
  xmlFreeDoc(x);
  return rc;
}

/* The properties as text, one "key: value" line each, so that what the
 * properties say is scanned like the rest of the document. */
/* Where a property's line goes: the document's own properties first,
 * the authors found in comments and revisions last. */
static int prop_rank(const prop *p) {
  static const char *const order[] = {"docProps/core.xml", "docProps/app.xml",
                                      "docProps/custom.xml",
                                      "word/settings.xml", "customXml/"};
  for (int i = 0; i < 5; i++)
    if (strncmp(p->member, order[i], strlen(order[i])) == 0)
      return i;
  return 5;
}

static int emit_props(loader *L) {
  int rc = 0;
  woo__buf line = WOO__BUF_INIT;
  for (size_t k = 0; k < 6 * L->n_props && !rc; k++) {
    size_t i = k % L->n_props;
    if (prop_rank(&L->props[i]) != (int)(k / L->n_props))
      continue;
    line.len = 0;
    rc = woo__buf_printf(&line, "%s: %s", L->props[i].key, L->props[i].value);
    /* A value with line breaks stays on its line. */
    for (size_t j = 0; !rc && j < line.len; j++)
      if (line.data[j] == '\n' || line.data[j] == '\r')
        line.data[j] = ' ';
    if (!rc)
      rc = woo__buf_putc(&line, '\n');
    if (!rc)
      rc = woo__doc_append(L->doc, WOO_PART_METADATA, L->props[i].member,
                           line.data, line.len);
  }
  woo__buf_free(&line);
  return rc;
}

int woo__load_docx(woo_doc *doc, const char *data, size_t len,
                   const woo_doc_options *opts, const woo__limits *lim) {
  loader L;
  memset(&L, 0, sizeof L);
  L.doc = doc;
  L.path = doc->path;
  char *main_name = NULL;
  xmlDocPtr body = NULL;
  int rc = woo__zip_open(&L.zip, data, len, doc->path, lim);
  if (rc)
    goto done;
  main_name = main_member(&L, &rc);
  if (rc)
    goto done;
  if (!woo__zip_has(L.zip, main_name) && woo__zip_has(L.zip, "content.xml") &&
      woo__zip_has(L.zip, "mimetype")) {
    /* An OpenDocument package whose mimetype is not the first member
     * looks like any other zip to the sniffer. */
    woo__zip_close(L.zip);
    L.zip = NULL;
    doc->format = WOO_FORMAT_ODT;
    rc = woo__load_odt(doc, data, len, opts, lim);
    goto done;
  }
  body = read_xml(&L, main_name, true, &rc);
  if (rc)
    goto done;
  const xmlNode *root = xmlDocGetRootElement(body);
  if (!w_el(root, "document")) {
    rc = woo__error(WOO_EFORMAT, "%s: %s is not a WordprocessingML document",
                    L.path, main_name);
    goto done;
  }
  if ((rc = read_styles(&L)))
    goto done;
  walk_member(&L, root, main_name, WOO_PART_BODY);
  if ((rc = L.rc))
    goto done;
  xmlFreeDoc(body);
  body = NULL;
  if ((rc = read_headers(&L, "word/header", WOO_PART_HEADER)) ||
      (rc = read_headers(&L, "word/footer", WOO_PART_FOOTER)) ||
      (rc = read_notes(&L, "word/footnotes.xml", "footnote")) ||
      (rc = read_notes(&L, "word/endnotes.xml", "endnote")) ||
      (rc = read_comments(&L)) || (rc = read_core(&L)) ||
      (rc = read_app(&L)) || (rc = read_custom(&L)) ||
      (rc = read_settings(&L)) ||
      (rc = read_custom_xml(&L)) || (rc = emit_props(&L)))
    goto done;
done:
  if (body)
    xmlFreeDoc(body);
  free(main_name);
  free(L.base_name);
  for (size_t i = 0; i < L.n_styles; i++) {
    free(L.styles[i].id);
    free(L.styles[i].based_on);
  }
  free(L.styles);
  for (size_t i = 0; i < L.n_props; i++) {
    free(L.props[i].key);
    free(L.props[i].value);
  }
  free(L.props);
  woo__zip_close(L.zip);
  return rc;
}
