/* HTML → redacted HTML.
 *
 * The page is parsed again exactly as the loader read it, so the text
 * nodes it recorded for each stretch of the text are found by number;
 * each run of marks becomes a span with the ground code on a dark
 * background, in place.  What a reader does not see but a file still
 * carries goes: scripts and templates, comments, event handlers, the
 * author in the metadata, and any attribute that repeats withheld text (a
 * mailto: link, an image's alternative text).  The page is written as
 * UTF-8 after being read back and searched for every withheld string.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>

#include "markup.h"
#include "woo/marks.h"

typedef struct html_ctx {
  char style[64];
} html_ctx;

static xmlNode *code_span(void *ctx, xmlDocPtr x, xmlNode *parent,
                          const char *code) {
  (void)parent;
  const html_ctx *cx = ctx;
  xmlNode *span = xmlNewDocNode(x, NULL, (const xmlChar *)"span", NULL);
  xmlNode *t = span ? xmlNewDocTextLen(x, (const xmlChar *)code,
                                       (int)strlen(code))
                    : NULL;
  if (!t ||
      !xmlNewProp(span, (const xmlChar *)"class", (const xmlChar *)"woo-redacted") ||
      !xmlNewProp(span, (const xmlChar *)"style", (const xmlChar *)cx->style)) {
    xmlFreeNode(span);
    xmlFreeNode(t);
    return NULL;
  }
  xmlAddChild(span, t);
  return span;
}

static bool name_is(const xmlNode *n, const char *name) {
  return n->name && strcasecmp((const char *)n->name, name) == 0;
}

/* Metadata that names people. */
static bool personal_meta(const xmlNode *n) {
  static const char *const names[] = {"author",        "creator",
                                      "dc.creator",    "dcterms.creator",
                                      "dc.contributor", "last-modified-by",
                                      "reply-to",      NULL};
  xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
  bool hit = false;
  for (size_t i = 0; name && names[i] && !hit; i++)
    hit = strcasecmp((const char *)name, names[i]) == 0;
  xmlFree(name);
  return hit;
}

/* Charset declarations: the page is written as UTF-8 and says so once
 * (htmlSetMetaEncoding below). */
static bool charset_meta(const xmlNode *n) {
  xmlChar *cs = xmlGetProp(n, (const xmlChar *)"charset");
  xmlChar *he = xmlGetProp(n, (const xmlChar *)"http-equiv");
  bool hit = cs || (he && strcasecmp((const char *)he, "content-type") == 0);
  xmlFree(cs);
  xmlFree(he);
  return hit;
}

static bool has_needle(const woo__needles *nd, const char *s) {
  woo__buf f = WOO__BUF_INIT;
  bool hit = nd->n && s && woo__fold_text(&f, s, strlen(s)) == 0 &&
             woo__needles_find(nd, f.data ? f.data : "", f.len) >= 0;
  woo__buf_free(&f);
  return hit;
}

static void clean_attrs(xmlNode *n, const woo__needles *nd) {
  for (xmlAttr *a = n->properties; a;) {
    xmlAttr *next = a->next;
    xmlChar *v = xmlNodeGetContent((xmlNode *)a);
    const char *name = (const char *)a->name;
    bool script = strncasecmp(name, "on", 2) == 0 ||
                  (v && strncasecmp((const char *)v, "javascript:", 11) == 0);
    if (script || (v && has_needle(nd, (const char *)v)))
      xmlRemoveProp(a);
    xmlFree(v);
    a = next;
  }
}

/* Without recursion: pages nest deeply. */
static void clean(xmlDocPtr x, const woo__needles *nd, const char *title) {
  xmlNode *n = x->children;
  while (n) {
    xmlNode *next_up = n;
    bool gone = false;
    if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
      gone = true;
    } else if (n->type == XML_ELEMENT_NODE) {
      if (name_is(n, "script") || name_is(n, "noscript") ||
          name_is(n, "template") ||
          (name_is(n, "meta") && (personal_meta(n) || charset_meta(n)))) {
        gone = true;
      } else {
        clean_attrs(n, nd);
        if (title && name_is(n, "title")) {
          xmlNodeSetContent(n, NULL);
          xmlNodeAddContent(n, (const xmlChar *)title);
        }
      }
    }
    if (!gone && n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    /* The next node in document order, found before n may be freed. */
    while (next_up && !next_up->next && next_up->parent &&
           next_up->parent != (xmlNode *)x)
      next_up = next_up->parent;
    xmlNode *next = next_up ? next_up->next : NULL;
    if (gone) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }
    n = next;
  }
}

int woo__redact_html(const char *path, const woo_doc *doc,
                     const woo_marks *marks, const woo_redact_options *o) {
  if (!(o && o->force) && access(path, F_OK) == 0)
    return woo__error(WOO_EEXISTS, "%s: exists (use --force to replace it)",
                      path);
  html_ctx cx;
  char box[7], label[7];
  woo__markup_colours(o, box, label);
  snprintf(cx.style, sizeof cx.style, "background:#%s;color:#%s", box, label);
  woo_style style = o ? o->style : WOO_STYLE_DOTTED;
  size_t tl;
  const char *text = woo_doc_text(doc, &tl);
  woo__run *runs = NULL;
  size_t n_runs = 0;
  woo__needles nd = {0};
  char *src = NULL;
  size_t src_len = 0;
  xmlDocPtr x = NULL;
  xmlNode **nodes = NULL;
  size_t n_nodes = 0;
  woo__edit *ed = NULL;
  size_t n_ed = 0;
  xmlChar *mem = NULL;
  int rc = woo__redact_runs(text, tl, marks, &runs, &n_runs);
  if (!rc)
    rc = woo__needles_build(&nd, text, tl, runs, n_runs);
  if (!rc)
    rc = woo__markup_source(doc, &src, &src_len);
  if (rc)
    goto done;
  bool cp1252, undeclared;
  x = woo__html_parse_page(src, src_len, woo_doc_path(doc), &cp1252,
                           &undeclared);
  if (!x) {
    rc = woo_error_last()->code ? woo_error_last()->code : WOO_EFORMAT;
    goto done;
  }
  size_t mi = woo__markup_member(doc, "");
  if (mi != WOO_UNSET) {
    rc = woo__markup_nodes(doc, x, mi, "the page", &nodes, &n_nodes);
    if (!rc)
      rc = woo__markup_plan(doc, runs, n_runs, mi, &ed, &n_ed);
    for (size_t i = 0; i < n_ed && !rc;) {
      size_t j = i;
      while (j < n_ed && ed[j].node == ed[i].node)
        j++;
      rc = woo__markup_inline(nodes[ed[i].node - 1], ed + i, j - i, style,
                              code_span, &cx);
      i = j;
    }
    if (rc)
      goto done;
  }
  clean(x, &nd, o ? o->title : NULL);
  /* Written as UTF-8 whatever the page was read in. */
  htmlSetMetaEncoding(x, (const xmlChar *)"UTF-8");
  int size = 0;
  htmlDocDumpMemoryFormat(x, &mem, &size, 0);
  if (!mem) {
    rc = woo__oom();
    goto done;
  }
  rc = woo__markup_finish(path, doc, &nd, (const char *)mem, (size_t)size, o);
done:
  xmlFree(mem);
  free(ed);
  free(nodes);
  if (x)
    xmlFreeDoc(x);
  free(src);
  woo__needles_free(&nd);
  free(runs);
  return rc;
}
