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
