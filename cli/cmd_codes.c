/* woo codes: the ground codes found in published documents. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static json_t *codes_json(const woo_doc *doc, const woo_codes *codes) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  json_t *arr = json_array();
  for (size_t i = 0; i < woo_codes_count(codes); i++) {
    const woo_code *c = woo_codes_at(codes, i);
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer((json_int_t)c->start));
    json_object_set_new(o, "end", json_integer((json_int_t)c->end));
    json_object_set_new(o, "raw", json_stringn(text + c->start, c->end - c->start));
    json_object_set_new(o, "ground", c->ground ? json_string(c->ground->code) : json_null());
    json_object_set_new(o, "law", json_string(c->ground ? woo_law_name(c->ground->law) : ""));
    json_object_set_new(o, "role", json_string(woo_code_role_name(c->role)));
    json_object_set_new(o, "notation", json_string(woo_notation_name(c->notation)));
    if (c->flags & WOO_CODE_REPAIRED)
      json_object_set_new(o, "repaired", json_true());
    json_array_append_new(arr, o);
  }
  json_t *root = json_object();
  json_object_set_new(root, "woo", json_string("codes/1"));
  json_object_set_new(root, "document", cli_doc_json(doc));
  json_object_set_new(root, "codes", arr);
  return root;
}

static void codes_text(const woo_doc *doc, const woo_codes *codes) {
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  printf("%s: %zu codes\n", woo_doc_path(doc), woo_codes_count(codes));
  for (size_t i = 0; i < woo_codes_count(codes); i++) {
    const woo_code *c = woo_codes_at(codes, i);
    size_t line, col;
    woo_doc_line_col(doc, c->start, &line, &col);
    printf("  %zu:%zu\t%-18s %-8s %.*s\n", line, col,
           c->ground ? c->ground->code : "?", woo_code_role_name(c->role),
           (int)(c->end - c->start), text + c->start);
  }
}

int cmd_codes(int argc, char **argv) {
  bool json = false, jsonl = false, unknown = false;
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'},
      {"jsonl", no_argument, NULL, 'l'},
      {"unknown", no_argument, NULL, 'u'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    switch (c) {
    case 'j': json = true; break;
    case 'l': jsonl = true; break;
    case 'u': unknown = true; break;
    default: return cli_usage("codes", "unknown option");
    }
  }
  if (optind >= argc)
    return cli_usage("codes", "expects FILE or DIR");

  char **paths;
  int n = cli_collect_paths(argv + optind, argc - optind, &paths);
  if (n < 0)
    return EXIT_ERROR;
  int rc = EXIT_DONE;
  json_t *all = json && n > 1 ? json_array() : NULL;
  woo_codes_options copts = WOO_CODES_OPTIONS_INIT;
  copts.include_unknown = unknown;
  for (int i = 0; i < n; i++) {
    woo_doc *doc = NULL;
    woo_codes *codes = NULL;
    if (woo_doc_open(&doc, paths[i], NULL) != 0) {
      cli_error_last();
      rc = EXIT_ERROR;
      continue;
    }
    cli_doc_warnings(doc);
    size_t len;
    const char *text = woo_doc_text(doc, &len);
    if (woo_codes_find(&codes, text, len, &copts) != 0) {
      cli_error("%s: %s", paths[i], woo_error_last()->message);
      rc = EXIT_ERROR;
    } else if (json || jsonl) {
      json_t *o = codes_json(doc, codes);
      if (all)
        json_array_append_new(all, o);
      else {
        cli_json_print(o, jsonl);
        json_decref(o);
      }
    } else {
      codes_text(doc, codes);
    }
    woo_codes_free(codes);
    woo_doc_free(doc);
  }
  if (all) {
    cli_json_print(all, false);
    json_decref(all);
  }
  cli_paths_free(paths, n);
  if (fflush(stdout) != 0) {
    cli_error("writing output failed");
    rc = EXIT_ERROR;
  }
  return rc;
}
