/* woo grounds: print the ground registry. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

int cmd_grounds(int argc, char **argv) {
  bool json = false;
  static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                           {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    if (c == 'j')
      json = true;
    else
      return cli_usage("grounds", "unknown option");
  }
  if (optind != argc)
    return cli_usage("grounds", "takes no arguments");

  if (json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < woo_ground_count(); i++) {
      const woo_ground *g = woo_ground_at(i);
      json_t *o = json_object();
      json_object_set_new(o, "code", json_string(g->code));
      json_object_set_new(o, "law", json_string(woo_law_name(g->law)));
      json_object_set_new(o, "kind", json_string(woo_ground_kind_name(g->kind)));
      json_object_set_new(o, "article", json_string(g->article));
      json_object_set_new(o, "title", json_string(g->title));
      json_object_set_new(o, "woo", g->woo_code ? json_string(g->woo_code) : json_null());
      json_object_set_new(o, "wob", g->wob_code ? json_string(g->wob_code) : json_null());
      json_array_append_new(arr, o);
    }
    json_t *root = json_pack("{s:s, s:o}", "woo", "grounds/1", "grounds", arr);
    cli_json_print(root, false);
    json_decref(root);
    return EXIT_DONE;
  }
  printf("%-18s %-4s %-9s %-8s %s\n", "code", "law", "kind", "other", "description");
  for (size_t i = 0; i < woo_ground_count(); i++) {
    const woo_ground *g = woo_ground_at(i);
    const char *other = g->law == WOO_LAW_WOB ? g->woo_code : g->wob_code;
    printf("%-18s %-4s %-9s %-8s %s\n", g->code, woo_law_name(g->law),
           woo_ground_kind_name(g->kind), other ? other : "-", g->title);
  }
  return EXIT_DONE;
}
