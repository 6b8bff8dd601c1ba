/* Running one job per input file on N threads, with results handed to
 * the caller in input order and a progress bar on a terminal. */
#ifndef WOO_CLI_BATCH_H
#define WOO_CLI_BATCH_H

#include <stdbool.h>

/* Work on input i; returns a malloc'd result (may be NULL) through *out
 * and 0, or nonzero after reporting an error itself. */
typedef int (*batch_work_fn)(void *user, int i, char **out);
/* Called on the main thread for every input in order. */
typedef void (*batch_emit_fn)(void *user, int i, int status, char *result);

/* Run work for inputs 0..n-1 on `jobs` threads (0 = all cores).  Returns
 * the number of inputs whose work failed. */
int batch_run(int n, int jobs, const char *label, batch_work_fn work,
              batch_emit_fn emit, void *user);

/* Parse "-j N"; returns -1 for a bad value. */
int batch_parse_jobs(const char *s);

#endif
