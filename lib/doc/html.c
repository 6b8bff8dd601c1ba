/* HTML and generic XML: the text a reader sees, with block structure.
 *
 * Both go through woo__xml_parse(), so nothing is fetched, no DTD is read
 * and external entities stay unresolved.  Internal entities of an XML
 * document are expanded here, by walking the parsed replacement text,
 * under a budget: a document that multiplies itself through nested
 * entities ("billion laughs") gets its text cut off with a warning
 * instead of filling memory. */
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "xmlsafe.h"

/* Entities expanded inside entities: real documents use one or two. */
#define MAX_ENTITY_DEPTH 16
/* Bytes of text (and nodes visited) that entity expansion may add beyond
 * the size of the input itself. */
#define ENTITY_BUDGET ((size_t)1 << 20)
/* Where a charset declaration must sit to count (libxml2 reads the first
 * one in <head>, which is near the top of any real page). */
#define DECL_WINDOW 4096
/* libxml2 stops reading a page nested this deep (without saying so
 * through our quiet options); text past that point is lost. */
#define PARSER_MAX_DEPTH 256

/* Declares the converted text as UTF-8.  libxml2 honours the first
 * charset declaration it meets and ignores later ones, so a prefix wins
 * over whatever the page itself declares. */
static const char utf8_decl[] = "<meta charset=\"utf-8\">";

typedef struct emit {
  woo_doc *doc;
  bool html;
  woo_part_kind base; /* kind of text outside tables */
  size_t start;       /* length of the text before this document */
  int table;          /* open <table> elements */
  int cell;           /* open <td>/<th> elements */
  int pre;            /* open <pre>/<textarea> elements */
  int head;           /* open <head> elements */
  int entity;         /* depth of entity expansion */
  bool space;         /* whitespace since the last word */
  bool meta;          /* whether <title> and <meta> feed the metadata */
  bool have_title;
  size_t depth;       /* element depth in the main tree */
  size_t max_depth;
  size_t expanded;    /* work done inside entities */
  size_t budget;
  bool capped;
  const xmlNode *node; /* the text node being read, for the source map */
  int rc;
} emit;

static bool is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool name_is(const xmlNode *n, const char *name) {
  return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *list) {
  for (; *list; list++)
    if (name_is(n, *list))
      return true;
  return false;
}

static const char *const block_names[] = {
    "address", "article", "aside",   "blockquote", "body",     "caption",
    "center",  "dd",      "details", "dialog",     "dir",      "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure",  "footer",
    "form",    "h1",      "h2",      "h3",         "h4",       "h5",
    "h6",      "header",  "hgroup",  "hr",         "html",     "legend",
    "li",      "main",    "menu",    "nav",        "ol",       "p",
    "pre",     "section", "summary", "table",      "tbody",    "textarea",
    "tfoot",   "thead",   "tr",      "ul",         "option",   NULL};

/* Content a browser does not show as text. */
static const char *const hidden_names[] = {"script", "style", "template",
                                           "iframe", "object", NULL};

static woo_part_kind kind_now(const emit *e) {
  return e->table ? WOO_PART_TABLE : e->base;
}

static char last_char(const emit *e) {
  const woo__buf *t = &e->doc->text;
  return t->len > e->start ? t->data[t->len - 1] : '\n';
}

static void put(emit *e, const char *s, size_t n) {
  if (e->rc || n == 0)
    return;
  if (e->entity) {
    e->expanded += n;
    if (e->expanded > e->budget)
      return;
  }
  e->rc = woo__doc_append(e->doc, kind_now(e), "", s, n);
}

static void put_mapped(emit *e, const char *s, size_t n) {
  size_t at = e->doc->text.len;
  put(e, s, n);
  /* The page's own text (not entities, not an embedded part) is
   * recorded for the redaction writer. */
  if (!e->rc && e->node && e->meta && !e->entity)
    e->rc = woo__xml_map(e->doc, "", e->node,
                         (size_t)(s - (const char *)e->node->content), at,
                         e->doc->text.len - at);
}

/* Text from the parser is UTF-8 by construction, but a damaged page can
 * still smuggle a stray byte through; never let one into the text. */
static void put_checked(emit *e, const char *s, size_t n) {
  while (n && !e->rc) {
    size_t bad = woo__utf8_invalid(s, n);
    if (bad == WOO_UNSET) {
      put_mapped(e, s, n);
      return;
    }
    put_mapped(e, s, bad);
    put(e, "\xEF\xBF\xBD", 3);
    s += bad + 1;
    n -= bad + 1;
  }
}

static void newline(emit *e) {
  if (e->cell) {
    /* A block inside a cell stays on the row. */
    e->space = true;
    return;
  }
  e->space = false;
  if (last_char(e) != '\n')
    put(e, "\n", 1);
}

static void hard_break(emit *e) {
  if (e->cell) {
    e->space = true;
    return;
  }
  e->space = false;
  put(e, "\n", 1);
}

/* Collapse runs of whitespace to one space, as a browser does, and drop
 * it at the start of a line or cell. */
static void text(emit *e, const char *s, size_t n) {
  if (e->pre) {
    e->space = false;
    put_checked(e, s, n);
    return;
  }
  size_t i = 0;
  while (i < n && !e->rc) {
    if (is_ws((unsigned char)s[i])) {
      e->space = true;
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && !is_ws((unsigned char)s[j]))
      j++;
    char last = last_char(e);
    if (e->space && last != '\n' && last != '\t' && last != ' ')
      put(e, " ", 1);
    e->space = false;
    put_checked(e, s + i, j - i);
    i = j;
  }
}

/* Whitespace-collapsed text content of a node, for metadata. */
static char *collapsed_content(xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  if (!c)
    return NULL;
  woo__buf b = WOO__BUF_INIT;
  bool space = false;
  int rc = 0;
  for (const xmlChar *p = c; *p && rc == 0; p++) {
    if (is_ws(*p)) {
      space = b.len > 0;
      continue;
    }
    if (space)
      rc = woo__buf_putc(&b, ' ');
    space = false;
    if (rc == 0)
      rc = woo__buf_putc(&b, (char)*p);
  }
  xmlFree(c);
  if (rc || woo__utf8_invalid(b.data ? b.data : "", b.len) != WOO_UNSET) {
    woo__buf_free(&b);
    return NULL;
  }
  return woo__buf_detach(&b, NULL);
}

static void html_meta(emit *e, xmlNode *n) {
  if (!e->meta)
    return; /* an embedded page (e-mail body) has no say in metadata */
  if (name_is(n, "title")) {
    if (e->have_title)
      return;
    char *t = collapsed_content(n);
    if (t && *t) {
      e->rc = woo__doc_add_meta(e->doc, "title", t);
      e->have_title = true;
    }
    free(t);
    return;
  }
  xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
  if (name && strcasecmp((const char *)name, "author") == 0) {
    xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
    if (content && *content &&
        woo__utf8_invalid((const char *)content,
                          strlen((const char *)content)) == WOO_UNSET)
      e->rc = woo__doc_add_meta(e->doc, "author", (const char *)content);
    xmlFree(content);
  }
  xmlFree(name);
}

/* Whether a cell has a cell before it in its row (then it needs a tab). */
static bool has_cell_before(const xmlNode *n) {
  for (const xmlNode *p = n->prev; p; p = p->prev)
    if (p->type == XML_ELEMENT_NODE && (name_is(p, "td") || name_is(p, "th")))
      return true;
  return false;
}

static void walk(emit *e, xmlNode *first, xmlNode *stop);

static void expand_entity(emit *e, xmlNode *ref) {
  xmlEntity *ent = (xmlEntity *)ref->children;
  if (!ent || ent->type != XML_ENTITY_DECL)
    return;
  if (ent->etype == XML_INTERNAL_PREDEFINED_ENTITY) {
    if (ent->content)
      text(e, (const char *)ent->content, strlen((const char *)ent->content));
    return;
  }
  /* External entities are never read: their text is simply absent. */
  if (ent->etype != XML_INTERNAL_GENERAL_ENTITY)
    return;
  if (!ent->children) {
    /* Not parsed by libxml2: plain replacement text is still usable,
     * markup or references in it are not expanded by hand. */
    const char *c = (const char *)ent->content;
    if (c && !strpbrk(c, "<&"))
      text(e, c, strlen(c));
    return;
  }
  if (e->entity >= MAX_ENTITY_DEPTH || e->expanded > e->budget) {
    e->capped = true;
    return;
  }
  e->entity++;
  walk(e, ent->children, (xmlNode *)ent);
  e->entity--;
}

/* Called before a node's children; returns whether to visit them. */
static bool enter(emit *e, xmlNode *n) {
  if (e->entity && ++e->expanded > e->budget) {
    e->capped = true;
    return false;
  }
  switch (n->type) {
  case XML_TEXT_NODE:
  case XML_CDATA_SECTION_NODE:
    if (!e->head && n->content) {
      e->node = n;
      text(e, (const char *)n->content, strlen((const char *)n->content));
      e->node = NULL;
    }
    return false;
  case XML_ENTITY_REF_NODE:
    if (!e->head)
      expand_entity(e, n);
    return false;
  case XML_ELEMENT_NODE:
    break;
  default:
    return false; /* comments, processing instructions, DTD nodes */
  }
  if (!e->html)
    return true;
  if (name_is(n, "title") || name_is(n, "meta")) {
    html_meta(e, n);
    return false;
  }
  if (name_in(n, hidden_names))
    return false;
  if (name_is(n, "head")) {
    e->head++;
    return true;
  }
  if (name_is(n, "br")) {
    hard_break(e);
    return false;
  }
  if (name_is(n, "table")) {
    newline(e);
    e->table++;
    return true;
  }
  if (name_is(n, "td") || name_is(n, "th")) {
    if (has_cell_before(n) && e->cell) {
      e->space = true; /* a table in a cell stays on the outer row */
    } else if (has_cell_before(n)) {
      e->space = false;
      put(e, "\t", 1);
    }
    e->cell++;
    return true;
  }
  if (name_in(n, block_names)) {
    newline(e);
    if (name_is(n, "pre") || name_is(n, "textarea"))
      e->pre++;
  }
  return true;
}

/* Whether an XML element holds text of its own (not only in children). */
static bool has_direct_text(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_ENTITY_REF_NODE)
      return true;
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
        c->content)
      for (const xmlChar *p = c->content; *p; p++)
        if (!is_ws(*p))
          return true;
  }
  return false;
}

/* Called after a node's children (also when they were skipped). */
static void leave(emit *e, xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE)
    return;
  if (!e->html) {
    if (has_direct_text(n))
      newline(e);
    return;
  }
  if (name_is(n, "head")) {
    e->head--;
  } else if (name_is(n, "table")) {
    e->table--;
    newline(e);
  } else if (name_is(n, "td") || name_is(n, "th")) {
    e->cell--;
    e->space = e->cell > 0;
  } else if (name_in(n, block_names) && !name_in(n, hidden_names)) {
    if (name_is(n, "pre") || name_is(n, "textarea"))
      e->pre--;
    newline(e);
  }
}

/* Depth-first over the siblings from `first` and their descendants,
 * without recursion (pages nest deeply); `stop` is their parent. */
static void walk(emit *e, xmlNode *first, xmlNode *stop) {
  xmlNode *n = first;
  while (n && !e->rc) {
    if (enter(e, n) && n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      if (!e->entity && ++e->depth > e->max_depth)
        e->max_depth = e->depth;
      continue;
    }
    while (n && !e->rc) {
      leave(e, n);
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n || n == stop)
        return;
      if (!e->entity)
        e->depth--;
    }
  }
}

static int emit_tree(woo_doc *doc, xmlDoc *x, bool html, bool meta,
                     woo_part_kind kind, size_t input_len) {
  emit e = {0};
  e.doc = doc;
  e.html = html;
  e.meta = meta;
  e.base = kind;
  e.start = doc->text.len;
  e.budget = ENTITY_BUDGET + input_len;
  walk(&e, x->children, (xmlNode *)x);
  if (e.rc == 0 && (e.capped || e.expanded > e.budget))
    e.rc = woo__doc_warn(doc, "%s: entity expansion cut off after %zu bytes",
                         doc->path, e.budget);
  if (e.rc == 0 && html && e.max_depth >= PARSER_MAX_DEPTH - 1)
    e.rc = woo__doc_warn(doc, "%s: elements nested %d deep; text after that "
                         "point is not read", doc->path, PARSER_MAX_DEPTH);
  return e.rc;
}

static bool ci_find(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (strncasecmp(s + i, needle, n) == 0)
      return true;
  return false;
}

/* Whether the input says what it is encoded in (BOM or declaration). */
static bool declares_charset(const char *s, size_t len) {
  if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') ||
                   (s[0] == '\xFE' && s[1] == '\xFF')))
    return true;
  size_t w = len < DECL_WINDOW ? len : DECL_WINDOW;
  return ci_find(s, w, "charset") || ci_find(s, w, "encoding=");
}

/* The charset a page or XML declaration names in its first bytes, into
 * out (empty when none). */
static void declared_charset(const char *s, size_t len, char *out,
                             size_t size) {
  size_t w = len < DECL_WINDOW ? len : DECL_WINDOW;
  out[0] = '\0';
  for (size_t i = 0; i + 8 <= w; i++) {
    size_t k;
    if (strncasecmp(s + i, "charset", 7) == 0)
      k = i + 7;
    else if (strncasecmp(s + i, "encoding", 8) == 0)
      k = i + 8;
    else
      continue;
    while (k < w && (s[k] == ' ' || s[k] == '='))
      k++;
    if (k < w && (s[k] == '"' || s[k] == '\''))
      k++;
    size_t n = 0;
    while (k < w && n + 1 < size &&
           (isalnum((unsigned char)s[k]) || strchr("-_.:", s[k])))
      out[n++] = s[k++];
    out[n] = '\0';
    if (n)
      return;
  }
}

/* Charsets that are Windows-1252 or a subset of it.  iconv refuses the
 * five bytes Windows-1252 leaves undefined, and libxml2 then drops the
 * rest of the document; converting these ourselves loses nothing. */
static bool western(const char *cs) {
  static const char *const names[] = {"windows-1252", "cp1252", "iso-8859-1",
                                      "iso8859-1",    "latin1", "latin-1",
                                      NULL};
  for (size_t i = 0; names[i]; i++)
    if (strcasecmp(cs, names[i]) == 0)
      return true;
  return false;
}

/* After the XML declaration, if the input starts with one. */
static size_t after_xml_decl(const char *s, size_t len) {
  if (len < 5 || strncmp(s, "<?xml", 5) != 0)
    return 0;
  const char *end = memmem(s, len < 512 ? len : 512, "?>", 2);
  return end ? (size_t)(end - s) + 2 : 0;
}

/* A static name for the encoding libxml2 read the page in. */
static const char *encoding_name(const xmlDoc *x) {
  static const char *const known[] = {"utf-8",      "windows-1252",
                                      "iso-8859-1", "iso-8859-15",
                                      "us-ascii",   "utf-16",
                                      "utf-16le",   "utf-16be", NULL};
  if (!x->encoding)
    return "utf-8";
  for (size_t i = 0; known[i]; i++)
    if (strcasecmp((const char *)x->encoding, known[i]) == 0)
      return known[i];
  return "other";
}

/* Undeclared bytes that are not UTF-8 are read as Windows-1252 (what
 * browsers do for Western pages), converted, and declared as UTF-8. */
static int to_utf8_html(const char *data, size_t len, woo__buf *out) {
  int rc = woo__buf_put(out, utf8_decl, sizeof utf8_decl - 1);
  if (rc == 0)
    rc = woo__cp1252_to_utf8(out, (const unsigned char *)data, len);
  return rc;
}

int woo__html_to_text(woo_doc *doc, const char *data, size_t len,
                      woo_part_kind kind) {
  woo__buf b = WOO__BUF_INIT;
  int rc = woo__need_xml(doc->path);
  if (rc)
    return rc;
  rc = woo__buf_put(&b, utf8_decl, sizeof utf8_decl - 1);
  if (rc == 0)
    rc = woo__buf_put(&b, data, len);
  if (rc)
    goto done;
  xmlDoc *x = woo__xml_parse(b.data, b.len, doc->path, true);
  if (!x) {
    rc = woo__error(WOO_EFORMAT, "%s: unreadable HTML part", doc->path);
    goto done;
  }
  rc = emit_tree(doc, x, true, false, kind, len);
  xmlFreeDoc(x);
done:
  woo__buf_free(&b);
  return rc;
}

static bool blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!is_ws((unsigned char)s[i]))
      return false;
  return true;
}

xmlDoc *woo__html_parse_page(const char *data, size_t len, const char *name,
                             bool *cp1252, bool *undeclared) {
  woo__buf conv = WOO__BUF_INIT;
  const char *src = data;
  size_t n = len;
  xmlDoc *x = NULL;
  int rc = 0;
  *cp1252 = false;
  char cs[40];
  declared_charset(data, len, cs, sizeof cs);
  bool valid = woo__utf8_invalid(data, len) == WOO_UNSET;
  *undeclared = !valid && !declares_charset(data, len);
  /* "us-ascii" pages with 8-bit bytes in them are UTF-8 or Western. */
  bool ascii = strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
  if (*undeclared || (*cs && western(cs)) || (ascii && !valid)) {
    rc = to_utf8_html(data, len, &conv);
    *cp1252 = true;
  } else if (ascii) {
    rc = woo__buf_put(&conv, utf8_decl, sizeof utf8_decl - 1);
    if (rc == 0)
      rc = woo__buf_put(&conv, data, len);
  }
  if (rc) {
    woo__oom();
    goto done;
  }
  if (conv.len) {
    src = conv.data;
    n = conv.len;
  }
  x = woo__xml_parse(src, n, name, true);
done:
  woo__buf_free(&conv);
  return x;
}

int woo__load_html(woo_doc *doc, const char *data, size_t len,
                   const woo_doc_options *opts, const woo__limits *lim) {
  (void)opts;
  (void)lim;
  if (blank(data, len))
    return 0; /* libxml2 refuses an empty page; it simply has no text */
  bool cp1252, undeclared;
  xmlDoc *x = woo__html_parse_page(data, len, doc->path, &cp1252, &undeclared);
  if (!x)
    return woo_error_last()->code ? woo_error_last()->code : WOO_EFORMAT;
  doc->encoding = cp1252 ? "windows-1252" : encoding_name(x);
  int rc = emit_tree(doc, x, true, true, WOO_PART_BODY, len);
  xmlFreeDoc(x);
  if (rc == 0 && undeclared)
    rc = woo__doc_warn(doc, "%s: no charset declared and not valid UTF-8; "
                       "read as Windows-1252", doc->path);
  return rc;
}

int woo__load_xml(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim) {
  (void)opts;
  (void)lim;
  woo__buf conv = WOO__BUF_INIT;
  int rc = 0;
  char cs[40];
  declared_charset(data, len, cs, sizeof cs);
  size_t decl = after_xml_decl(data, len);
  if (decl && *cs && western(cs)) {
    /* Convert here and declare the result UTF-8 (see western()). */
    static const char utf8_xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    rc = woo__buf_put(&conv, utf8_xml, sizeof utf8_xml - 1);
    if (rc == 0)
      rc = woo__cp1252_to_utf8(&conv, (const unsigned char *)data + decl,
                               len - decl);
    if (rc)
      goto done;
    data = conv.data;
    len = conv.len;
    doc->encoding = "windows-1252";
  }
  xmlDoc *x = woo__xml_parse(data, len, doc->path, false);
  if (!x && woo__utf8_invalid(data, len) != WOO_UNSET &&
      !declares_charset(data, len)) {
    /* XML without a declaration must be UTF-8; Western files often are
     * Windows-1252 all the same.  Read them as such rather than fail. */
    rc = woo__cp1252_to_utf8(&conv, (const unsigned char *)data, len);
    if (rc)
      goto done;
    x = woo__xml_parse(conv.data, conv.len, doc->path, false);
    if (x) {
      doc->encoding = "windows-1252";
      rc = woo__doc_warn(doc, "%s: not valid UTF-8 and no encoding "
                         "declared; read as Windows-1252", doc->path);
    }
  }
  if (!x) {
    rc = rc ? rc : woo_error_last()->code ? woo_error_last()->code
                                          : WOO_EFORMAT;
    goto done;
  }
  if (conv.len == 0)
    doc->encoding = encoding_name(x);
  if (rc == 0)
    rc = emit_tree(doc, x, false, false, WOO_PART_BODY, len);
  xmlFreeDoc(x);
done:
  woo__buf_free(&conv);
  return rc;
}
