/* woo text: print the text that every offset refers to. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static json_t *box_json(const woo_box *b) {
  return json_pack("[f,f,f,f]", b->x0, b->y0, b->x1, b->y1);
}

static json_t *text_json(const woo_doc *doc, bool boxes) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  json_t *root = json_object();
  json_object_set_new(root, "woo", json_string("text/1"));
  json_object_set_new(root, "document", cli_doc_json(doc));
  json_object_set_new(root, "text", json_stringn(text, len));

  json_t *pages = json_array();
  for (size_t i = 0; i < woo_doc_page_count(doc); i++) {
    const woo_page *p = woo_doc_page(doc, i);
    if (!p)
      break;
    json_array_append_new(
        pages, json_pack("{s:i, s:I, s:I, s:f, s:f, s:i, s:b}", "page",
                         (int)i + 1, "start", (json_int_t)p->start, "end",
                         (json_int_t)p->end, "width", p->width, "height",
                         p->height, "rotation", p->rotation, "has_text",
                         p->has_text));
  }
  json_object_set_new(root, "pages", pages);

  json_t *parts = json_array();
  for (size_t i = 0; i < woo_doc_part_count(doc); i++) {
    const woo_part *p = woo_doc_part(doc, i);
    json_array_append_new(
        parts, json_pack("{s:s, s:s, s:I, s:I}", "kind",
                         woo_part_kind_name(p->kind), "name", p->name, "start",
                         (json_int_t)p->start, "end", (json_int_t)p->end));
  }
  json_object_set_new(root, "parts", parts);

  json_t *meta = json_object();
  for (size_t i = 0; i < woo_doc_meta_count(doc); i++) {
    const woo_meta *m = woo_doc_meta(doc, i);
    if (!json_object_get(meta, m->key))
      json_object_set_new(meta, m->key, json_string(m->value));
  }
  json_object_set_new(root, "metadata", meta);
  json_object_set_new(root, "revisions", json_integer(woo_doc_revision_count(doc)));

  json_t *annots = json_array();
  for (size_t i = 0; i < woo_doc_annot_count(doc); i++) {
    const woo_annot *a = woo_doc_annot(doc, i);
    json_array_append_new(
        annots, json_pack("{s:i, s:s, s:s, s:s, s:o}", "page", a->page, "type",
                          a->type, "contents", a->contents, "author",
                          a->author, "rect", box_json(&a->rect)));
  }
  json_object_set_new(root, "annotations", annots);

  json_t *att = json_array();
  for (size_t i = 0; i < woo_doc_attachment_count(doc); i++) {
    const woo_attachment *a = woo_doc_attachment(doc, i);
    const woo_doc *child = woo_doc_child(doc, i);
    json_t *o = json_pack("{s:s, s:s, s:I}", "name", a->name, "mime_type",
                          a->mime_type, "bytes", (json_int_t)a->size);
    if (child)
      json_object_set_new(o, "document", text_json(child, boxes));
    json_array_append_new(att, o);
  }
  json_object_set_new(root, "attachments", att);

  if (boxes && woo_doc_has_boxes(doc)) {
    /* One entry per character that has a box: [offset, page, x0,y0,x1,y1]. */
    json_t *chars = json_array();
    for (size_t off = 0; off < len; off++) {
      if (((unsigned char)text[off] & 0xC0) == 0x80)
        continue;
      woo_box b;
      int page;
      if (woo_doc_char_box(doc, off, &b, &page) == 0)
        json_array_append_new(chars, json_pack("[I,i,f,f,f,f]", (json_int_t)off,
                                               page, b.x0, b.y0, b.x1, b.y1));
    }
    json_object_set_new(root, "boxes", chars);
  }
  return root;
}

int cmd_text(int argc, char **argv) {
  bool json = false, boxes = false;
  const char *password = NULL;
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'},
      {"boxes", no_argument, NULL, 'b'},
      {"password", required_argument, NULL, 'p'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    switch (c) {
    case 'j': json = true; break;
    case 'b': boxes = true; break;
    case 'p': password = optarg; break;
    default: return cli_usage("text", "unknown option");
    }
  }
  if (optind + 1 != argc)
    return cli_usage("text", "expects exactly one FILE");
  if (boxes && !json)
    return cli_usage("text", "--boxes needs --json");

  woo_doc_options opts = WOO_DOC_OPTIONS_INIT;
  opts.password = password;
  /* Only the JSON form prints the hash. */
  opts.skip_sha256 = !json;
  /* … and only --boxes the character boxes. */
  opts.skip_boxes = !boxes;
  /* The plain text shows no metadata or annotations. */
  opts.skip_metadata = !json;
  opts.skip_annots = !json;
  woo_doc *doc = NULL;
  if (woo_doc_open(&doc, argv[optind], &opts) != 0) {
    cli_error_last();
    return EXIT_ERROR;
  }
  cli_doc_warnings(doc);
  int rc = EXIT_DONE;
  if (json) {
    json_t *root = text_json(doc, boxes);
    if (cli_json_print(root, false) != 0)
      rc = EXIT_ERROR;
    json_decref(root);
  } else {
    size_t len;
    const char *text = woo_doc_text(doc, &len);
    if (fwrite(text, 1, len, stdout) != len)
      rc = EXIT_ERROR;
  }
  if (fflush(stdout) != 0) {
    cli_error("writing output failed");
    rc = EXIT_ERROR;
  }
  woo_doc_free(doc);
  return rc;
}
