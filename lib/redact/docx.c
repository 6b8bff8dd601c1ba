/* DOCX and ODT → redacted DOCX and ODT.
 *
 * The package is rewritten member by member.  In the parts a reader sees
 * (body, headers, footers, notes) every run of marks becomes its ground
 * code, set on a dark background; the loader recorded which XML text node
 * each stretch of the text came from, so the edits land on the right
 * nodes however the text was split into runs.  What a reader of the
 * printed document does not see is removed rather than redacted: comments,
 * tracked changes (deletions dropped with their text, insertions
 * accepted), hidden text, custom XML, document variables, thumbnails and
 * the properties that name people (author, last editor, company,
 * manager).  The new package is built in memory, loaded back and searched
 * for every withheld string before it is written.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <minizip/zip.h>
#include <zlib.h>

#include "../doc/zip.h"
#include "markup.h"
#include "woo/marks.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/* The automatic text style of a code in ODT. */
#define ODT_STYLE "WooRedacted"

/* ---- shared with html.c ---------------------------------------------- */

int woo__markup_source(const woo_doc *doc, char **data, size_t *len) {
  const char *path = woo_doc_path(doc);
  *data = NULL;
  *len = 0;
  if (!*path)
    return woo__error(WOO_EINVAL, "the document was loaded from memory "
                      "without a path; its original is needed to redact it");
  woo__limits lim;
  woo__doc_limits(NULL, &lim);
  int rc = woo__file_read(path, lim.max_bytes, data, len);
  if (rc)
    return rc;
  char hex[65];
  woo__sha256_hex(*data, *len, hex);
  if (strcmp(hex, woo_doc_sha256(doc)) != 0) {
    free(*data);
    *data = NULL;
    return woo__error(WOO_EINVAL, "%s: the file changed since it was read; "
                      "load it again", path);
  }
  return 0;
}

size_t woo__markup_member(const woo_doc *doc, const char *member) {
  for (size_t i = 0; i < doc->n_srcmap_members; i++)
    if (strcmp(doc->srcmap_members[i], member) == 0)
      return i;
  return WOO_UNSET;
}

static bool dropped_kind(woo_part_kind k) {
  return k == WOO_PART_DELETION || k == WOO_PART_HIDDEN ||
         k == WOO_PART_COMMENT || k == WOO_PART_METADATA;
}

/* The kind of the part at `off`, for offsets that only grow: *cursor
 * walks the parts (kept in text order) once. */
static woo_part_kind kind_at(const woo_doc *doc, size_t *cursor, size_t off) {
  while (*cursor < doc->n_parts && doc->parts[*cursor].end <= off)
    (*cursor)++;
  if (*cursor < doc->n_parts && doc->parts[*cursor].start <= off)
    return doc->parts[*cursor].kind;
  return WOO_PART_BODY;
}

static int cmp_edit(const void *a, const void *b) {
  const woo__edit *x = a, *y = b;
  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  return x->from < y->from ? -1 : x->from > y->from;
}

static int push_edit(woo__edit **v, size_t *n, size_t *cap,
                     const woo__edit *e) {
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 32;
    woo__edit *p = woo__reallocarray(*v, c, sizeof *p);
    if (!p)
      return WOO_ENOMEM;
    *v = p;
    *cap = c;
  }
  (*v)[(*n)++] = *e;
  return 0;
}

int woo__markup_plan(const woo_doc *doc, const woo__run *runs, size_t n_runs,
                     size_t member, woo__edit **edits, size_t *n_edits) {
  *edits = NULL;
  *n_edits = 0;
  size_t cap = 0;
  /* Which map entry gets each run's code: the first one the published
   * document will still show. */
  size_t *owner = n_runs ? woo__malloc(n_runs * sizeof *owner) : NULL;
  if (n_runs && !owner)
    return WOO_ENOMEM;
  for (size_t r = 0; r < n_runs; r++)
    owner[r] = WOO_UNSET;
  size_t cur = 0, r0 = 0;
  for (size_t i = 0; i < doc->n_srcmap; i++) {
    const woo__srcmap *e = &doc->srcmap[i];
    if (dropped_kind(kind_at(doc, &cur, e->start)))
      continue;
    while (r0 < n_runs && runs[r0].end <= e->start)
      r0++;
    for (size_t r = r0; r < n_runs && runs[r].start < e->start + e->len; r++)
      if (owner[r] == WOO_UNSET)
        owner[r] = i;
  }
  int rc = 0;
  cur = 0;
  r0 = 0;
  for (size_t i = 0; i < doc->n_srcmap && !rc; i++) {
    const woo__srcmap *e = &doc->srcmap[i];
    woo_part_kind k = kind_at(doc, &cur, e->start);
    while (r0 < n_runs && runs[r0].end <= e->start)
      r0++;
    if (e->member != member || k == WOO_PART_DELETION ||
        k == WOO_PART_COMMENT || k == WOO_PART_METADATA)
      continue;
    if (k == WOO_PART_HIDDEN) {
      woo__edit ed = {e->node, e->node_off, e->node_off + e->len, NULL};
      rc = push_edit(edits, n_edits, &cap, &ed);
      continue;
    }
    for (size_t r = r0; r < n_runs && runs[r].start < e->start + e->len &&
                        !rc; r++) {
      size_t a = runs[r].start > e->start ? runs[r].start : e->start;
      size_t b = runs[r].end < e->start + e->len ? runs[r].end
                                                 : e->start + e->len;
      woo__edit ed = {e->node, e->node_off + (a - e->start),
                      e->node_off + (b - e->start),
                      owner[r] == i ? runs[r].ground : NULL};
      rc = push_edit(edits, n_edits, &cap, &ed);
    }
  }
  free(owner);
  if (rc) {
    free(*edits);
    *edits = NULL;
    *n_edits = 0;
    return rc;
  }
  if (*n_edits > 1)
    qsort(*edits, *n_edits, sizeof **edits, cmp_edit);
  return 0;
}

int woo__markup_nodes(const woo_doc *doc, xmlDocPtr x, size_t member,
                      const char *what, xmlNode ***nodes, size_t *n_nodes) {
  *nodes = NULL;
  *n_nodes = 0;
  size_t n = 0;
  /* The ids run from 1 in document order: the last node has the
   * largest. */
  for (xmlNode *c = x->children; c;) {
    if (woo__xml_node_id(c) > n)
      n = woo__xml_node_id(c);
    if (c->children && c->type != XML_ENTITY_REF_NODE &&
        c->type != XML_DTD_NODE) {
      c = c->children;
      continue;
    }
    while (c && !c->next && c->parent && c->parent != (xmlNode *)x)
      c = c->parent;
    c = c ? c->next : NULL;
  }
  xmlNode **v = woo__calloc(n ? n : 1, sizeof *v);
  if (!v)
    return WOO_ENOMEM;
  for (xmlNode *c = x->children; c;) {
    size_t id = woo__xml_node_id(c);
    if (id)
      v[id - 1] = c;
    if (c->children && c->type != XML_ENTITY_REF_NODE &&
        c->type != XML_DTD_NODE) {
      c = c->children;
      continue;
    }
    while (c && !c->next && c->parent && c->parent != (xmlNode *)x)
      c = c->parent;
    c = c ? c->next : NULL;
  }
  const char *text = doc->text.data ? doc->text.data : "";
  for (size_t i = 0; i < doc->n_srcmap; i++) {
    const woo__srcmap *e = &doc->srcmap[i];
    if (e->member != member)
      continue;
    const xmlNode *t = e->node && e->node <= n ? v[e->node - 1] : NULL;
    bool ok = t && (t->type == XML_TEXT_NODE ||
                    t->type == XML_CDATA_SECTION_NODE) && t->content;
    size_t tl = ok ? strlen((const char *)t->content) : 0;
    ok = ok && e->node_off + e->len <= tl && e->start + e->len <= doc->text.len;
    /* ODF white space: a tab or line feed kept as a space. */
    for (size_t k = 0; ok && k < e->len; k++) {
      char s = (char)t->content[e->node_off + k], d = text[e->start + k];
      ok = s == d || (d == ' ' && (s == '\t' || s == '\n' || s == '\r'));
    }
    if (!ok) {
      free(v);
      return woo__error(WOO_EFORMAT, "%s: %s does not read as it did when "
                        "the document was loaded", woo_doc_path(doc), what);
    }
  }
  *nodes = v;
  *n_nodes = n;
  return 0;
}

/* The pieces of a node's content under its edits, in order: kept bytes
 * (code NULL) and codes. */
typedef struct piece {
  const char *s;
  size_t len;
  const woo_ground *code;
} piece;

static piece *split(const char *content, const woo__edit *e, size_t n,
                    size_t *count) {
  size_t len = strlen(content);
  piece *p = woo__calloc(2 * n + 1, sizeof *p);
  if (!p)
    return NULL;
  size_t k = 0, at = 0;
  for (size_t i = 0; i < n; i++) {
    size_t from = e[i].from < at ? at : e[i].from;
    size_t to = e[i].to > len ? len : e[i].to;
    /* White space between two dropped stretches of one run (the words
     * of a name, read one by one) goes with them. */
    bool gap_ws = i > 0 && !e[i].ground && from > at;
    for (size_t j = at; gap_ws && j < from; j++)
      gap_ws = strchr(" \t\n\r\f", content[j]) != NULL;
    if (from > at && !gap_ws)
      p[k++] = (piece){content + at, from - at, NULL};
    if (e[i].ground)
      p[k++] = (piece){"", 0, e[i].ground};
    if (to > at)
      at = to;
  }
  if (at < len)
    p[k++] = (piece){content + at, len - at, NULL};
  *count = k;
  return p;
}

static xmlNode *text_node(xmlDocPtr x, const char *s, size_t len) {
  return xmlNewDocTextLen(x, (const xmlChar *)s, (int)len);
}

int woo__markup_inline(xmlNode *t, const woo__edit *e, size_t n,
                       woo_style style, woo__code_node_fn make_code,
                       void *ctx) {
  size_t k;
  piece *p = split((const char *)t->content, e, n, &k);
  if (!p)
    return WOO_ENOMEM;
  int rc = 0;
  char code[96];
  for (size_t i = 0; i < k && !rc; i++) {
    xmlNode *nn;
    if (p[i].code) {
      woo_ground_format(code, sizeof code, p[i].code, style);
      nn = make_code(ctx, t->doc, t->parent, code);
    } else {
      nn = text_node(t->doc, p[i].s, p[i].len);
    }
    if (!nn) {
      rc = WOO_ENOMEM;
      break;
    }
    /* Linked by hand: xmlAddPrevSibling would merge a text node into t,
     * which goes next. */
    nn->parent = t->parent;
    nn->prev = t->prev;
    nn->next = t;
    if (t->prev)
      t->prev->next = nn;
    else if (t->parent)
      t->parent->children = nn;
    t->prev = nn;
  }
  free(p);
  xmlUnlinkNode(t);
  xmlFreeNode(t);
  return rc;
}

static void hex6(const double rgb[3], char out[7]) {
  static const char digits[] = "0123456789ABCDEF";
  for (int i = 0; i < 3; i++) {
    double c = rgb[i] < 0 ? 0 : rgb[i] > 1 ? 1 : rgb[i];
    int v = (int)(c * 255 + 0.5);
    out[2 * i] = digits[v >> 4];
    out[2 * i + 1] = digits[v & 15];
  }
  out[6] = '\0';
}

void woo__markup_colours(const woo_redact_options *o, char box[7],
                         char label[7]) {
  static const double black[3] = {0, 0, 0}, white[3] = {1, 1, 1};
  hex6(o ? o->box_rgb : black, box);
  hex6(o ? o->label_rgb : white, label);
}

/* Fold `s` and look for a needle; -1 when none. */
static long find_in(const woo__needles *nd, const char *s, size_t len,
                    int *rc) {
  woo__buf f = WOO__BUF_INIT;
  *rc = woo__fold_text(&f, s, len);
  long hit = *rc ? -1 : woo__needles_find(nd, f.data ? f.data : "", f.len);
  woo__buf_free(&f);
  return hit;
}

/* Every member of the package whose bytes are text (XML parts, not
 * images) is searched as it stands, markup and all: the loader reads
 * only the parts it knows, a leak may sit in any other. */
static int verify_members(const woo_doc *doc, const woo__needles *nd,
                          const char *data, size_t len, char **where,
                          long *hit) {
  woo__zip *z = NULL;
  woo__limits lim;
  woo__doc_limits(NULL, &lim);
  int rc = woo__zip_open(&z, data, len, woo_doc_path(doc), &lim);
  for (size_t i = 0; !rc && i < woo__zip_count(z) && *hit < 0; i++) {
    char *m = NULL;
    size_t ml = 0;
    rc = woo__zip_read(z, woo__zip_member(z, i), &m, &ml);
    if (!rc && woo__utf8_invalid(m, ml) == WOO_UNSET) {
      *hit = find_in(nd, m, ml, &rc);
      if (*hit >= 0 && !(*where = woo__strdup(woo__zip_member(z, i))))
        rc = WOO_ENOMEM;
    }
    free(m);
  }
  woo__zip_close(z);
  return rc;
}

/* Where in the text read back a withheld string was found: the part
 * (header, note, properties member) when it lies within one. */
static int locate(const woo_doc *back, const woo__needles *nd, char **where) {
  int rc = 0;
  const char *t = woo_doc_text(back, NULL);
  for (size_t i = 0; i < woo_doc_part_count(back) && !rc && !*where; i++) {
    const woo_part *p = woo_doc_part(back, i);
    if (find_in(nd, t + p->start, p->end - p->start, &rc) >= 0 && !rc) {
      woo__buf b = WOO__BUF_INIT;
      rc = woo__buf_printf(&b, "the %s%s%s", woo_part_kind_name(p->kind),
                           *p->name ? " of " : "", p->name);
      *where = rc ? NULL : woo__buf_detach(&b, NULL);
      woo__buf_free(&b);
    }
  }
  if (!rc && !*where && !(*where = woo__strdup("the text")))
    rc = WOO_ENOMEM;
  return rc;
}

int woo__markup_finish(const char *path, const woo_doc *doc,
                       const woo__needles *nd, const char *data, size_t len,
                       const woo_redact_options *o) {
  woo_doc *back = NULL;
  char *where = NULL;
  long hit = -1;
  woo_doc_options lo = WOO_DOC_OPTIONS_INIT;
  lo.force_format = woo_doc_format(doc);
  int rc = woo_doc_from_memory(&back, data, len, path, &lo);
  if (rc) {
    rc = woo__error(WOO_EVERIFY, "%s: the redacted %s cannot be read back; "
                    "nothing was written", path,
                    woo_format_name(woo_doc_format(doc)));
    goto done;
  }
  size_t tl;
  const char *t = woo_doc_text(back, &tl);
  hit = find_in(nd, t, tl, &rc);
  if (!rc && hit >= 0)
    rc = locate(back, nd, &where);
  for (size_t i = 0; !rc && hit < 0 && i < woo_doc_meta_count(back); i++) {
    const woo_meta *m = woo_doc_meta(back, i);
    hit = find_in(nd, m->value, strlen(m->value), &rc);
    if (hit >= 0)
      where = woo__strdup(m->key);
  }
  if (!rc && hit < 0 && (woo_doc_format(doc) == WOO_FORMAT_DOCX ||
                         woo_doc_format(doc) == WOO_FORMAT_ODT))
    rc = verify_members(doc, nd, data, len, &where, &hit);
  if (!rc && hit < 0 && woo_doc_format(doc) == WOO_FORMAT_HTML) {
    /* The markup as written: attributes, styles, anything the loader
     * does not read as text. */
    hit = find_in(nd, data, len, &rc);
    if (hit >= 0 && !(where = woo__strdup("the page's markup")))
      rc = WOO_ENOMEM;
  }
  if (!rc && hit < 0 && o && (o->test_flags & WOO_REDACT_TEST_FAIL_VERIFY)) {
    hit = 0;
    where = woo__strdup("(test)");
  }
  if (rc)
    goto done;
  if (hit >= 0) {
    /* Which run and where, without repeating the withheld text. */
    rc = woo__error(WOO_EVERIFY,
                    "%s: withheld text (mark run %ld) is still present in %s; "
                    "nothing was written — mark every mention",
                    path, hit, where ? where : "the output");
    goto done;
  }
  rc = woo__file_write_atomic(path, data, len, o && o->force);
done:
  free(where);
  woo_doc_free(back);
  return rc;
}

/* ---- zip writing ------------------------------------------------------- */

/* minizip writes through these callbacks into a growable buffer; it
 * seeks back to fill in sizes, so writes may overwrite. */
typedef struct outzip {
  woo__buf b;
  size_t pos;
  int failed;
} outzip;

static voidpf ZCALLBACK oz_open(voidpf opaque, const void *name, int mode) {
  (void)name;
  (void)mode;
  return opaque;
}

static uLong ZCALLBACK oz_read(voidpf opaque, voidpf stream, void *buf,
                               uLong size) {
  (void)opaque;
  outzip *z = stream;
  size_t n = z->pos < z->b.len ? z->b.len - z->pos : 0;
  if (n > size)
    n = size;
  memcpy(buf, z->b.data + z->pos, n);
  z->pos += n;
  return (uLong)n;
}

static uLong ZCALLBACK oz_write(voidpf opaque, voidpf stream, const void *buf,
                                uLong size) {
  (void)opaque;
  outzip *z = stream;
  if (z->pos + size > z->b.len &&
      woo__buf_grow(&z->b, z->pos + size - z->b.len)) {
    z->failed = 1;
    return 0;
  }
  memcpy(z->b.data + z->pos, buf, size);
  z->pos += size;
  if (z->pos > z->b.len) {
    z->b.len = z->pos;
    z->b.data[z->b.len] = '\0';
  }
  return size;
}

static ZPOS64_T ZCALLBACK oz_tell(voidpf opaque, voidpf stream) {
  (void)opaque;
  return ((outzip *)stream)->pos;
}

static long ZCALLBACK oz_seek(voidpf opaque, voidpf stream, ZPOS64_T off,
                              int origin) {
  (void)opaque;
  outzip *z = stream;
  ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_CUR   ? z->pos
                  : origin == ZLIB_FILEFUNC_SEEK_END ? z->b.len
                                                     : 0;
  if (base + off > z->b.len)
    return -1;
  z->pos = (size_t)(base + off);
  return 0;
}

static int ZCALLBACK oz_close(voidpf opaque, voidpf stream) {
  (void)opaque;
  (void)stream;
  return 0;
}

static int ZCALLBACK oz_error(voidpf opaque, voidpf stream) {
  (void)opaque;
  return ((outzip *)stream)->failed;
}

static int zip_add(zipFile zf, const char *name, const char *data, size_t len,
                   bool stored) {
  zip_fileinfo zi;
  memset(&zi, 0, sizeof zi);
  /* A fixed date: the package should not say when it was redacted. */
  zi.tmz_date.tm_year = 1980;
  zi.tmz_date.tm_mday = 1;
  if (zipOpenNewFileInZip64(zf, name, &zi, NULL, 0, NULL, 0, NULL,
                            stored ? 0 : Z_DEFLATED,
                            stored ? 0 : Z_DEFAULT_COMPRESSION,
                            len > 0xffffffffu) != ZIP_OK)
    return WOO_ENOMEM;
  for (size_t off = 0; off < len;) {
    size_t n = len - off > (1u << 24) ? (1u << 24) : len - off;
    if (zipWriteInFileInZip(zf, data + off, (unsigned)n) != ZIP_OK) {
      zipCloseFileInZip(zf);
      return WOO_ENOMEM;
    }
    off += n;
  }
  return zipCloseFileInZip(zf) == ZIP_OK ? 0 : WOO_ENOMEM;
}

/* ---- XML helpers ------------------------------------------------------- */

static bool in_ns(const xmlNode *n, const char *ns) {
  return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static bool is_w(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE && (in_ns(n, NS_W) || in_ns(n, NS_W_STRICT));
}

static bool w_el(const xmlNode *n, const char *local) {
  return n && is_w(n) && strcmp((const char *)n->name, local) == 0;
}

static bool el(const xmlNode *n, const char *ns, const char *local) {
  return n && n->type == XML_ELEMENT_NODE && in_ns(n, ns) &&
         strcmp((const char *)n->name, local) == 0;
}

static xmlNode *w_child(const xmlNode *n, const char *local) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (w_el(c, local))
      return c;
  return NULL;
}

static const char *attr_local(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children &&
        a->children->type == XML_TEXT_NODE)
      return (const char *)a->children->content;
  return NULL;
}

static void drop(xmlNode *n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

/* Move n's children into its place and free n. */
static void unwrap(xmlNode *n) {
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    xmlUnlinkNode(c);
    if (!xmlAddPrevSibling(n, c))
      xmlFreeNode(c);
    c = next;
  }
  drop(n);
}

static bool has_needle(const woo__needles *nd, const char *s) {
  int rc;
  return nd->n && s && find_in(nd, s, strlen(s), &rc) >= 0;
}

/* Attributes that hold withheld text (a link to a withheld e-mail
 * address, an image's alternative text naming someone) are removed: the
 * element stays, without what it said. */
static void scrub_attrs(xmlNode *n, const woo__needles *nd) {
  for (xmlAttr *a = n->properties; a;) {
    xmlAttr *next = a->next;
    xmlChar *v = xmlNodeGetContent((xmlNode *)a);
    if (v && has_needle(nd, (const char *)v))
      xmlRemoveProp(a);
    xmlFree(v);
    a = next;
  }
}

static int serialize(xmlDocPtr x, woo__buf *out) {
  xmlChar *mem = NULL;
  int size = 0;
  xmlDocDumpMemoryEnc(x, &mem, &size, "UTF-8");
  if (!mem)
    return WOO_ENOMEM;
  int rc = woo__buf_put(out, mem, (size_t)size);
  xmlFree(mem);
  return rc;
}

/* ---- DOCX ----------------------------------------------------------------- */

/* Order of the children of w:rPr (ECMA-376 CT_RPr); Word refuses a file
 * whose run properties come out of order. */
static int rpr_rank(const xmlNode *n) {
  static const char *const order[] = {
      "rStyle", "rFonts", "b",       "bCs",        "i",        "iCs",
      "caps",   "smallCaps", "strike", "dstrike",  "outline",  "shadow",
      "emboss", "imprint", "noProof", "snapToGrid", "vanish",  "webHidden",
      "color",  "spacing", "w",       "kern",       "position", "sz",
      "szCs",   "highlight", "u",     "effect",     "bdr",      "shd",
      "fitText", "vertAlign", "rtl",  "cs",         "em",       "lang",
      "eastAsianLayout", "specVanish", "oMath", "rPrChange"};
  for (size_t i = 0; i < sizeof order / sizeof *order; i++)
    if (strcmp((const char *)n->name, order[i]) == 0)
      return (int)i;
  return 100;
}

static xmlNode *rpr_put(xmlNode *rpr, xmlNsPtr ns, const char *local) {
  xmlNode *n = xmlNewDocNode(rpr->doc, ns, (const xmlChar *)local, NULL);
  if (!n)
    return NULL;
  int rank = rpr_rank(n);
  for (xmlNode *c = rpr->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && rpr_rank(c) > rank)
      return xmlAddPrevSibling(c, n);
  return xmlAddChild(rpr, n);
}

typedef struct docx_ctx {
  woo_style style;
  char box[7], label[7];
} docx_ctx;

/* Run properties for a code: the run's own with colour, highlight and
 * shading replaced (and anything that would hide or strike it out
 * dropped). */
static xmlNode *code_rpr(const docx_ctx *cx, xmlDocPtr x, xmlNsPtr ns,
                         const xmlNode *rpr) {
  xmlNode *p = rpr ? xmlDocCopyNode((xmlNode *)rpr, x, 1)
                   : xmlNewDocNode(x, ns, (const xmlChar *)"rPr", NULL);
  if (!p)
    return NULL;
  static const char *const off[] = {"color", "highlight", "shd", "vanish",
                                    "webHidden", "specVanish", "strike",
                                    "dstrike", "rPrChange", "del", "ins"};
  for (xmlNode *c = p->children; c;) {
    xmlNode *next = c->next;
    for (size_t i = 0; i < sizeof off / sizeof *off; i++)
      if (w_el(c, off[i])) {
        drop(c);
        break;
      }
    c = next;
  }
  xmlNode *color = rpr_put(p, ns, "color");
  xmlNode *shd = rpr_put(p, ns, "shd");
  xmlNode *hl = strcmp(cx->box, "000000") == 0 ? rpr_put(p, ns, "highlight")
                                               : p;
  if (!color || !shd || !hl || !xmlNewNsProp(color, ns, (const xmlChar *)"val",
                                             (const xmlChar *)cx->label) ||
      !xmlNewNsProp(shd, ns, (const xmlChar *)"val", (const xmlChar *)"clear") ||
      !xmlNewNsProp(shd, ns, (const xmlChar *)"color", (const xmlChar *)"auto") ||
      !xmlNewNsProp(shd, ns, (const xmlChar *)"fill", (const xmlChar *)cx->box) ||
      (hl != p && !xmlNewNsProp(hl, ns, (const xmlChar *)"val",
                                (const xmlChar *)"black"))) {
    xmlFreeNode(p);
    return NULL;
  }
  return p;
}

/* A new run before `r` with (a copy of) properties `rpr` and the text
 * s[0..len). */
static int new_run(xmlNode *r, xmlNode *props, const char *s, size_t len) {
  xmlDocPtr x = r->doc;
  xmlNode *nr = xmlNewDocNode(x, r->ns, (const xmlChar *)"r", NULL);
  xmlNode *t = nr ? xmlNewDocNode(x, r->ns, (const xmlChar *)"t", NULL) : NULL;
  xmlNode *tx = t ? text_node(x, s, len) : NULL;
  if (!tx) {
    xmlFreeNode(nr);
    xmlFreeNode(t);
    xmlFreeNode(props);
    return WOO_ENOMEM;
  }
  if (props)
    xmlAddChild(nr, props);
  xmlAddChild(t, tx);
  xmlNodeSetSpacePreserve(t, 1);
  xmlAddChild(nr, t);
  xmlAddPrevSibling(r, nr);
  return 0;
}

static xmlNode *plain_code(void *ctx, xmlDocPtr x, xmlNode *parent,
                           const char *code) {
  (void)ctx;
  (void)parent;
  return text_node(x, code, strlen(code));
}

/* Rewrite the text of one w:t under its edits: the run is split so that
 * each code gets a run of its own with the code's colours, and the kept
 * text keeps the run's properties. */
static int docx_apply(const docx_ctx *cx, xmlNode *t, const woo__edit *e,
                      size_t n) {
  xmlNode *wt = t->parent;
  xmlNode *r = wt ? wt->parent : NULL;
  if (!wt || !r || !w_el(wt, "t") || !w_el(r, "r") || t->prev || t->next)
    /* Text outside a plain run (a field result, a damaged file): the
     * code goes in as text, unstyled but in place. */
    return woo__markup_inline(t, e, n, cx->style, plain_code, NULL);
  xmlNode *rpr = w_child(r, "rPr");
  /* What the run holds before this w:t (tabs, breaks, other text) moves
   * to a run of its own in front. */
  bool before = false;
  for (xmlNode *c = r->children; c != wt; c = c->next)
    before |= c != rpr && c->type == XML_ELEMENT_NODE;
  if (before) {
    xmlNode *nr = xmlNewDocNode(r->doc, r->ns, (const xmlChar *)"r", NULL);
    xmlNode *p = nr && rpr ? xmlDocCopyNode(rpr, r->doc, 1) : NULL;
    if (!nr || (rpr && !p)) {
      xmlFreeNode(nr);
      return WOO_ENOMEM;
    }
    if (p)
      xmlAddChild(nr, p);
    for (xmlNode *c = r->children; c != wt;) {
      xmlNode *next = c->next;
      if (c != rpr) {
        xmlUnlinkNode(c);
        xmlAddChild(nr, c);
      }
      c = next;
    }
    xmlAddPrevSibling(r, nr);
  }
  size_t k;
  piece *pc = split((const char *)t->content, e, n, &k);
  if (!pc)
    return WOO_ENOMEM;
  int rc = 0;
  char code[96];
  for (size_t i = 0; i < k && !rc; i++) {
    if (pc[i].code) {
      woo_ground_format(code, sizeof code, pc[i].code, cx->style);
      xmlNode *p = code_rpr(cx, r->doc, r->ns, rpr);
      rc = p ? new_run(r, p, code, strlen(code)) : WOO_ENOMEM;
    } else {
      xmlNode *p = rpr ? xmlDocCopyNode(rpr, r->doc, 1) : NULL;
      rc = rpr && !p ? WOO_ENOMEM : new_run(r, p, pc[i].s, pc[i].len);
    }
  }
  free(pc);
  drop(wt);
  bool empty = true;
  for (xmlNode *c = r->children; c && empty; c = c->next)
    empty = c == rpr || c->type != XML_ELEMENT_NODE;
  if (empty)
    drop(r);
  return rc;
}

static bool run_vanishes(const xmlNode *r) {
  const xmlNode *v = w_child(w_child(r, "rPr"), "vanish");
  if (!v)
    return false;
  const char *val = attr_local(v, "val");
  return !val || !(strcmp(val, "0") == 0 || strcmp(val, "false") == 0 ||
                   strcmp(val, "off") == 0);
}

typedef enum action { KEEP, DROP, UNWRAP } action;

/* What happens to an element of a story (body, header, note). */
static action docx_action(const xmlNode *n) {
  static const char *const drops[] = {
      "del", "moveFrom", "delText", "delInstrText", "commentRangeStart",
      "commentRangeEnd", "commentReference", "rPrChange", "pPrChange",
      "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange",
      "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel",
      "cellMerge", "moveFromRangeStart", "moveFromRangeEnd",
      "moveToRangeStart", "moveToRangeEnd", "customXmlPr", "dataBinding",
      "customXmlInsRangeStart", "customXmlInsRangeEnd",
      "customXmlDelRangeStart", "customXmlDelRangeEnd",
      "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
      "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd"};
  if (n->type != XML_ELEMENT_NODE)
    return KEEP;
  /* The legacy copy of a text box: the modern one (Choice) is the one
   * the text was read from and redacted in. */
  if (in_ns(n, NS_MC))
    return strcmp((const char *)n->name, "Fallback") == 0 ? DROP : KEEP;
  if (!is_w(n))
    return KEEP;
  const char *ln = (const char *)n->name;
  for (size_t i = 0; i < sizeof drops / sizeof *drops; i++)
    if (strcmp(ln, drops[i]) == 0)
      return DROP;
  if (strcmp(ln, "ins") == 0 || strcmp(ln, "moveTo") == 0 ||
      strcmp(ln, "customXml") == 0)
    return UNWRAP;
  if (strcmp(ln, "r") == 0 && run_vanishes(n))
    return DROP;
  return KEEP;
}

static void docx_clean(xmlNode *n, const woo__needles *nd, int depth) {
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    action a = depth > 512 ? KEEP : docx_action(c);
    if (a == DROP) {
      drop(c);
    } else {
      if (c->type == XML_ELEMENT_NODE)
        scrub_attrs(c, nd);
      /* A field instruction that names withheld text (HYPERLINK
       * "mailto:…") is emptied; Word shows the field's last result,
       * which is redacted like any other text. */
      xmlChar *instr = w_el(c, "instrText") ? xmlNodeGetContent(c) : NULL;
      if (instr && has_needle(nd, (const char *)instr))
        xmlNodeSetContent(c, (const xmlChar *)" ");
      xmlFree(instr);
      docx_clean(c, nd, depth + 1);
      if (a == UNWRAP) {
        unwrap(c);
      } else if (w_el(c, "r")) {
        /* A run left with only its properties (it held a comment
         * reference) goes too. */
        bool empty = true;
        for (xmlNode *k = c->children; k && empty; k = k->next)
          empty = k->type != XML_ELEMENT_NODE || w_el(k, "rPr");
        if (empty)
          drop(c);
      }
    }
    c = next;
  }
}

/* Members left out of the redacted package. */
static bool docx_dropped(const char *m) {
  /* word/comments*.xml, not a folder below word/ */
  return (strncmp(m, "word/comments", 13) == 0 && strrchr(m, '/') == m + 4) ||
         strcmp(m, "word/people.xml") == 0 ||
         strncmp(m, "word/_rels/comments", 19) == 0 ||
         strncmp(m, "customXml/", 10) == 0 ||
         strcmp(m, "docProps/custom.xml") == 0 ||
         strncmp(m, "docProps/thumbnail", 18) == 0 ||
         strncmp(m, "word/glossary/", 14) == 0;
}

/* Relationship types whose targets are left out (also when external, as
 * an attached template's path names its owner). */
static bool rel_dropped(const char *type) {
  static const char *const ends[] = {
      "/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible",
      "/people", "/customXml", "/custom-properties", "/thumbnail",
      "/attachedTemplate", "/glossaryDocument", "/mailMergeSource",
      "/mailMergeHeaderSource", "/recipientData"};
  size_t tl = strlen(type);
  for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
    size_t el = strlen(ends[i]);
    if (tl >= el && strcmp(type + tl - el, ends[i]) == 0)
      return true;
  }
  return false;
}

/* The member a relationship in `rels` (…/_rels/X.rels) points to. */
static void rel_target(const char *rels, const char *target, char *out,
                       size_t size) {
  size_t o = 0;
  if (*target != '/') {
    const char *r = strstr(rels, "_rels/");
    size_t dir = r ? (size_t)(r - rels) : 0;
    if (dir < size) {
      memcpy(out, rels, dir);
      o = dir;
    }
  } else {
    while (*target == '/')
      target++;
  }
  out[o] = '\0';
  while (*target && o + 1 < size) {
    if (strncmp(target, "../", 3) == 0) {
      target += 3;
      if (o > 0)
        o--; /* the trailing slash */
      while (o > 0 && out[o - 1] != '/')
        o--;
      out[o] = '\0';
      continue;
    }
    if (strncmp(target, "./", 2) == 0) {
      target += 2;
      continue;
    }
    out[o++] = *target++;
    out[o] = '\0';
  }
}

static void clean_rels(xmlNode *root, const char *member,
                       const woo__needles *nd) {
  for (xmlNode *c = root->children; c;) {
    xmlNode *next = c->next;
    const char *type = c->type == XML_ELEMENT_NODE ? attr_local(c, "Type") : NULL;
    const char *target = type ? attr_local(c, "Target") : NULL;
    char full[1024];
    if (target)
      rel_target(member, target, full, sizeof full);
    if (type && (rel_dropped(type) || (target && docx_dropped(full))))
      drop(c);
    else if (target && has_needle(nd, target))
      /* A hyperlink to a withheld address: the link stays, going
       * nowhere, so that the part that refers to it stays valid. */
      xmlSetProp(c, (const xmlChar *)"Target", (const xmlChar *)"#");
    c = next;
  }
}

static void clean_content_types(xmlNode *root) {
  for (xmlNode *c = root->children; c;) {
    xmlNode *next = c->next;
    const char *part = c->type == XML_ELEMENT_NODE ? attr_local(c, "PartName")
                                                   : NULL;
    if (part) {
      while (*part == '/')
        part++;
      if (docx_dropped(part))
        drop(c);
    }
    c = next;
  }
}

/* Document variables, the attached template's path and mail merge data
 * sources are never shown and often name people. */
static void clean_settings(xmlNode *root) {
  for (xmlNode *c = root->children; c;) {
    xmlNode *next = c->next;
    if (w_el(c, "docVars") || w_el(c, "attachedTemplate") ||
        w_el(c, "mailMerge"))
      drop(c);
    c = next;
  }
}

/* Properties that say only what the options ask for. */
static int docx_core(woo__buf *out, const woo_redact_options *o) {
  int rc = woo__buf_puts(
      out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
           "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl."
           "org/dc/elements/1.1/\">");
  if (!rc && o && o->title) {
    xmlChar *esc = xmlEncodeSpecialChars(NULL, (const xmlChar *)o->title);
    rc = !esc ? WOO_ENOMEM
              : woo__buf_printf(out, "<dc:title>%s</dc:title>",
                                (const char *)esc);
    xmlFree(esc);
  }
  return rc ? rc : woo__buf_puts(out, "</cp:coreProperties>");
}

static bool docx_story(const xmlNode *root) {
  static const char *const roots[] = {"document", "hdr", "ftr", "footnotes",
                                      "endnotes"};
  for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
    if (w_el(root, roots[i]))
      return true;
  return false;
}

/* ---- ODT ------------------------------------------------------------------ */

static xmlNode *odt_code(void *ctx, xmlDocPtr x, xmlNode *parent,
                         const char *code) {
  (void)ctx;
  xmlNsPtr ns = xmlSearchNsByHref(x, parent, (const xmlChar *)NS_TEXT);
  xmlNode *span = xmlNewDocNode(x, ns, (const xmlChar *)"span", NULL);
  xmlNode *t = span ? text_node(x, code, strlen(code)) : NULL;
  if (!t || !xmlNewNsProp(span, ns, (const xmlChar *)"style-name",
                          (const xmlChar *)ODT_STYLE)) {
    xmlFreeNode(span);
    xmlFreeNode(t);
    return NULL;
  }
  xmlAddChild(span, t);
  return span;
}

static action odt_action(const xmlNode *n) {
  if (el(n, NS_TEXT, "tracked-changes") || el(n, NS_TEXT, "change") ||
      el(n, NS_TEXT, "change-start") || el(n, NS_TEXT, "change-end") ||
      el(n, NS_TEXT, "hidden-text") || el(n, NS_TEXT, "hidden-paragraph") ||
      el(n, NS_OFFICE, "annotation") || el(n, NS_OFFICE, "annotation-end"))
    return DROP;
  if (el(n, NS_TEXT, "section")) {
    const char *d = attr_local(n, "display");
    if (d && strcmp(d, "true") != 0)
      return DROP;
  }
  return KEEP;
}

static void odt_clean(xmlNode *n, const woo__needles *nd, int depth) {
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    if (c->type == XML_ELEMENT_NODE) {
      if (depth <= 512 && odt_action(c) == DROP) {
        drop(c);
      } else {
        scrub_attrs(c, nd);
        odt_clean(c, nd, depth + 1);
      }
    }
    c = next;
  }
}

/* The automatic style the codes are set in, added to the member's
 * office:automatic-styles (created before the master styles or the
 * body when the member has none). */
static int odt_add_style(xmlNode *root, const char *box, const char *label) {
  xmlDocPtr x = root->doc;
  xmlNsPtr office = xmlSearchNsByHref(x, root, (const xmlChar *)NS_OFFICE);
  xmlNsPtr st = xmlSearchNsByHref(x, root, (const xmlChar *)NS_STYLE);
  xmlNsPtr fo = xmlSearchNsByHref(x, root, (const xmlChar *)NS_FO);
  if (!st)
    st = xmlNewNs(root, (const xmlChar *)NS_STYLE, (const xmlChar *)"style");
  if (!fo)
    fo = xmlNewNs(root, (const xmlChar *)NS_FO, (const xmlChar *)"fo");
  if (!office || !st || !fo)
    return WOO_ENOMEM;
  xmlNode *as = NULL;
  for (xmlNode *c = root->children; c && !as; c = c->next)
    if (el(c, NS_OFFICE, "automatic-styles"))
      as = c;
  if (!as) {
    as = xmlNewDocNode(x, office, (const xmlChar *)"automatic-styles", NULL);
    if (!as)
      return WOO_ENOMEM;
    xmlNode *before = NULL;
    for (xmlNode *c = root->children; c && !before; c = c->next)
      if (el(c, NS_OFFICE, "master-styles") || el(c, NS_OFFICE, "body"))
        before = c;
    if (before)
      xmlAddPrevSibling(before, as);
    else
      xmlAddChild(root, as);
  }
  xmlNode *s = xmlNewChild(as, st, (const xmlChar *)"style", NULL);
  xmlNode *tp = s ? xmlNewChild(s, st, (const xmlChar *)"text-properties", NULL)
                  : NULL;
  char bg[8], fg[8];
  snprintf(bg, sizeof bg, "#%s", box);
  snprintf(fg, sizeof fg, "#%s", label);
  if (!tp ||
      !xmlNewNsProp(s, st, (const xmlChar *)"name", (const xmlChar *)ODT_STYLE) ||
      !xmlNewNsProp(s, st, (const xmlChar *)"family", (const xmlChar *)"text") ||
      !xmlNewNsProp(tp, fo, (const xmlChar *)"background-color",
                    (const xmlChar *)bg) ||
      !xmlNewNsProp(tp, fo, (const xmlChar *)"color", (const xmlChar *)fg))
    return WOO_ENOMEM;
  return 0;
}

static int odt_meta(woo__buf *out, const woo_redact_options *o) {
  int rc = woo__buf_puts(
      out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document-meta xmlns:office=\"" NS_OFFICE "\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "office:version=\"1.2\"><office:meta>");
  if (!rc && o && o->title) {
    xmlChar *esc = xmlEncodeSpecialChars(NULL, (const xmlChar *)o->title);
    rc = !esc ? WOO_ENOMEM
              : woo__buf_printf(out, "<dc:title>%s</dc:title>",
                                (const char *)esc);
    xmlFree(esc);
  }
  return rc ? rc : woo__buf_puts(out, "</office:meta></office:document-meta>");
}

static bool odt_dropped(const char *m) {
  return strncmp(m, "Thumbnails/", 11) == 0;
}

static void clean_manifest(xmlNode *root) {
  for (xmlNode *c = root->children; c;) {
    xmlNode *next = c->next;
    const char *p = el(c, NS_MANIFEST, "file-entry")
                        ? attr_local(c, "full-path") : NULL;
    if (p && odt_dropped(p))
      drop(c);
    c = next;
  }
}

/* ---- the package ---------------------------------------------------------- */

typedef struct writer {
  const woo_doc *doc;
  const char *path; /* the output, for messages */
  const woo_redact_options *o;
  const woo__run *runs;
  size_t n_runs;
  const woo__needles *nd;
  docx_ctx cx;
  bool odt;
} writer;

/* Redact the text of one parsed story member. */
static int edit_member(writer *W, xmlDocPtr x, const char *member) {
  size_t mi = woo__markup_member(W->doc, member);
  if (mi == WOO_UNSET)
    return 0;
  xmlNode **nodes = NULL;
  size_t n_nodes = 0;
  woo__edit *ed = NULL;
  size_t n_ed = 0;
  int rc = woo__markup_nodes(W->doc, x, mi, member, &nodes, &n_nodes);
  if (!rc)
    rc = woo__markup_plan(W->doc, W->runs, W->n_runs, mi, &ed, &n_ed);
  bool codes = false;
  for (size_t i = 0; i < n_ed && !rc;) {
    size_t j = i;
    while (j < n_ed && ed[j].node == ed[i].node) {
      codes |= ed[j].ground != NULL;
      j++;
    }
    xmlNode *t = nodes[ed[i].node - 1];
    rc = W->odt ? woo__markup_inline(t, ed + i, j - i, W->cx.style, odt_code,
                                     NULL)
                : docx_apply(&W->cx, t, ed + i, j - i);
    i = j;
  }
  if (!rc && codes && W->odt)
    rc = odt_add_style(xmlDocGetRootElement(x), W->cx.box, W->cx.label);
  free(nodes);
  free(ed);
  return rc;
}

/* The new bytes of one member into *out; *skip when it is left out.
 * Members that are not XML this writer knows are copied as they are. */
static int rewrite_member(writer *W, const char *m, const char *data,
                          size_t len, woo__buf *out, bool *skip) {
  *skip = W->odt ? odt_dropped(m) : docx_dropped(m);
  if (*skip)
    return 0;
  if (!W->odt && strcmp(m, "docProps/core.xml") == 0)
    return docx_core(out, W->o);
  if (!W->odt && strcmp(m, "docProps/app.xml") == 0)
    return woo__buf_puts(
        out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<Properties xmlns=\"http://schemas.openxmlformats.org/"
             "officeDocument/2006/extended-properties\"/>");
  if (W->odt && strcmp(m, "meta.xml") == 0)
    return odt_meta(out, W->o);
  size_t ml = strlen(m);
  bool xml = (ml > 4 && strcmp(m + ml - 4, ".xml") == 0) ||
             (ml > 5 && strcmp(m + ml - 5, ".rels") == 0);
  if (!xml)
    return woo__buf_put(out, data, len);
  char what[1200];
  snprintf(what, sizeof what, "%s: %s", woo_doc_path(W->doc), m);
  xmlDocPtr x = woo__xml_parse(data, len, what, false);
  if (!x) {
    /* A damaged part the loader skipped: it is not carried over. */
    *skip = true;
    return 0;
  }
  xmlNode *root = xmlDocGetRootElement(x);
  int rc = 0;
  if (!root) {
    *skip = true;
  } else if (W->odt) {
    if (strcmp(m, "content.xml") == 0 || strcmp(m, "styles.xml") == 0) {
      rc = edit_member(W, x, m);
      odt_clean(root, W->nd, 0);
    } else if (strcmp(m, "META-INF/manifest.xml") == 0) {
      clean_manifest(root);
    }
  } else if (docx_story(root)) {
    rc = edit_member(W, x, m);
    docx_clean(root, W->nd, 0);
  } else if (w_el(root, "settings")) {
    clean_settings(root);
  } else if (ml > 5 && strcmp(m + ml - 5, ".rels") == 0) {
    clean_rels(root, m, W->nd);
  } else if (strcmp(m, "[Content_Types].xml") == 0) {
    clean_content_types(root);
  }
  if (!rc && !*skip)
    rc = serialize(x, out);
  xmlFreeDoc(x);
  return rc;
}

static int build_package(writer *W, woo__zip *in, woo__buf *result) {
  outzip oz;
  memset(&oz, 0, sizeof oz);
  zlib_filefunc64_def ff;
  memset(&ff, 0, sizeof ff);
  ff.zopen64_file = oz_open;
  ff.zread_file = oz_read;
  ff.zwrite_file = oz_write;
  ff.ztell64_file = oz_tell;
  ff.zseek64_file = oz_seek;
  ff.zclose_file = oz_close;
  ff.zerror_file = oz_error;
  ff.opaque = &oz;
  zipFile zf = zipOpen2_64("", APPEND_STATUS_CREATE, NULL, &ff);
  if (!zf)
    return WOO_ENOMEM;
  int rc = 0;
  /* ODF wants its mimetype first and stored, whatever the input did. */
  for (int pass = W->odt ? 0 : 1; pass < 2 && !rc; pass++)
    for (size_t i = 0; i < woo__zip_count(in) && !rc; i++) {
      const char *m = woo__zip_member(in, i);
      bool mime = W->odt && strcmp(m, "mimetype") == 0;
      if ((pass == 0) != mime)
        continue;
      size_t ml = strlen(m);
      if (ml && m[ml - 1] == '/')
        continue; /* folder entries */
      char *data = NULL;
      size_t len = 0;
      if ((rc = woo__zip_read(in, m, &data, &len)))
        break;
      woo__buf nb = WOO__BUF_INIT;
      bool skip = false;
      rc = rewrite_member(W, m, data, len, &nb, &skip);
      if (!rc && !skip)
        rc = zip_add(zf, m, nb.data ? nb.data : "", nb.len, mime);
      woo__buf_free(&nb);
      free(data);
    }
  if (zipClose(zf, NULL) != ZIP_OK && !rc)
    rc = WOO_ENOMEM;
  if (!rc && oz.failed)
    rc = WOO_ENOMEM;
  if (rc) {
    woo__buf_free(&oz.b);
    return rc == WOO_ENOMEM ? woo__oom() : rc;
  }
  *result = oz.b;
  return 0;
}

int woo__redact_docx(const char *path, const woo_doc *doc,
                     const woo_marks *marks, const woo_redact_options *o) {
  if (!(o && o->force) && access(path, F_OK) == 0)
    return woo__error(WOO_EEXISTS, "%s: exists (use --force to replace it)",
                      path);
  writer W;
  memset(&W, 0, sizeof W);
  W.doc = doc;
  W.path = path;
  W.o = o;
  W.odt = woo_doc_format(doc) == WOO_FORMAT_ODT;
  W.cx.style = o ? o->style : WOO_STYLE_DOTTED;
  woo__markup_colours(o, W.cx.box, W.cx.label);
  size_t tl;
  const char *text = woo_doc_text(doc, &tl);
  woo__run *runs = NULL;
  woo__needles nd = {0};
  char *src = NULL;
  size_t src_len = 0;
  woo__zip *in = NULL;
  woo__buf out = WOO__BUF_INIT;
  woo__limits lim;
  woo__doc_limits(NULL, &lim);
  int rc = woo__redact_runs(text, tl, marks, &runs, &W.n_runs);
  if (!rc)
    rc = woo__needles_build(&nd, text, tl, runs, W.n_runs);
  W.runs = runs;
  W.nd = &nd;
  if (!rc)
    rc = woo__markup_source(doc, &src, &src_len);
  if (!rc)
    rc = woo__zip_open(&in, src, src_len, woo_doc_path(doc), &lim);
  if (!rc)
    rc = build_package(&W, in, &out);
  if (!rc)
    rc = woo__markup_finish(path, doc, &nd, out.data, out.len, o);
  woo__buf_free(&out);
  woo__zip_close(in);
  free(src);
  woo__needles_free(&nd);
  free(runs);
  return rc;
}
