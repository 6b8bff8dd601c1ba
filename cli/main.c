/* woo — the command-line tool over libwoo: argument parsing and a table
 * of subcommands, nothing else. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *synopsis;
} command;

static const command commands[] = {
    {"text", cmd_text, "text [--json [--boxes]] FILE      the text offsets refer to"},
    {"grounds", cmd_grounds, "grounds [--json]                  the ground registry"},
    {"codes", cmd_codes, "codes [--json|--jsonl] FILE|DIR…  ground codes in published text"},
    {"scan", cmd_scan, "scan [--policy P] [--json|--jsonl] [-j N] FILE|DIR…"},
    {"redact", cmd_redact, "redact [--marks M|DIR] [--policy P] [--style S] [-j N] -o OUT FILE|DIR…"},
    {"review", cmd_review, "review FILE [--marks M] [--policy P] -o review.html"},
    {"audit", cmd_audit, "audit [--json] [--index INV] [--fail-on SEV] [-j N] FILE|DIR…\n"
                         "  woo audit --keys -o DIR FILE…  |  woo audit --merge KEYFILE…|DIR"},
    {"index", cmd_index, "index [--format csv|json|md|html|diwoo] [--marks DIR] [-j N] [-o OUT] FILE|DIR…"},
    {"eval", cmd_eval, "eval [--policy P] [--require NAME-METRIC=V] [--misses] [--batch] GOLD_DIR…"},
};

static void usage(FILE *f) {
  fprintf(f, "usage: woo COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(f, "  woo %s\n", commands[i].synopsis);
  fprintf(f, "\n  woo --version | woo help\n\n"
             "exit status: 0 done, 1 error, 2 usage, 3 findings\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  /* Output to a file or pipe goes out in large writes: a batch prints a
   * line per mark, and stdio's default of one file-system block per
   * write made thousands of system calls of a few kilobytes each.  A
   * terminal keeps its line buffering. */
  static char outbuf[1 << 18];
  if (!isatty(STDOUT_FILENO))
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  const char *name = argv[1];
  if (!strcmp(name, "--version") || !strcmp(name, "version")) {
    printf("woo %s\n", woo_version());
    return EXIT_DONE;
  }
  if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
    usage(stdout);
    return EXIT_DONE;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(name, commands[i].name))
      return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "woo: unknown command '%s'\n", name);
  usage(stderr);
  return EXIT_USAGE;
}
