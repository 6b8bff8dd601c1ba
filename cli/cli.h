/* Shared by the woo subcommands.  Uses the public API only. */
#ifndef WOO_CLI_H
#define WOO_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "woo.h"
#include "woo/marks.h"
#include "woo/policy.h"
#include "woo/redact.h"
#include "woo/scan.h"

/* Exit statuses. */
enum { EXIT_DONE = 0, EXIT_ERROR = 1, EXIT_USAGE = 2, EXIT_FINDINGS = 3 };

/* Print "woo: <message>" for the last library error. */
void cli_error_last(void);
/* Print "woo: <formatted>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a usage error and return EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The "document" object of every JSON output. */
json_t *cli_doc_json(const woo_doc *doc);
/* Write a JSON value to stdout, compact (jsonl) or indented. */
int cli_json_print(json_t *v, bool compact);

/* Expand FILE|DIR arguments into a sorted list of files (recursing into
 * directories, skipping hidden entries).  Returns the count or -1 on
 * error (already reported).  Free with cli_paths_free. */
int cli_collect_paths(char **args, int nargs, char ***out);
void cli_paths_free(char **paths, int n);

/* An input of a batch command: its path and its path below the folder
 * argument it came from (its base name for a file argument), which
 * outputs and marks folders mirror. */
typedef struct cli_input {
  char *path;
  char *rel;
} cli_input;

/* Expand FILE|DIR arguments into inputs; marks files inside folders are
 * left out.  Returns the count or -1 (reported). */
int cli_collect_inputs(char **args, int nargs, cli_input **out);
void cli_inputs_free(cli_input *v, int n);
bool cli_is_dir(const char *path);
bool cli_is_file(const char *path);
/* The reviewed marks of an input: `marks` as a file, `marks`/<rel>.marks.json
 * when it is a folder, or <input>.marks.json beside the input when NULL.
 * NULL when there are none. */
char *cli_marks_path(const char *marks, bool marks_is_dir, const cli_input *in);
/* Read a marks file for `doc`; reports and returns -1 on failure. */
int cli_load_marks(woo_marks **out, const char *path, const woo_doc *doc);

/* Print the document's load warnings on stderr. */
void cli_doc_warnings(const woo_doc *doc);

/* Subcommands. */
int cmd_text(int argc, char **argv);
int cmd_grounds(int argc, char **argv);
int cmd_codes(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_redact(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
