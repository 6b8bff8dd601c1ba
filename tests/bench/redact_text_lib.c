/* Text redaction through the library: the marks file is read first, then
 * woo_redact_file (redaction, verification of the output, atomic write)
 * is timed on its own.  Prints MB/s.
 *
 *   redact_text_lib TEXT MARKS OUT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "woo.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: redact_text_lib TEXT MARKS OUT\n");
    return 2;
  }
  woo_doc *doc = NULL;
  woo_marks *marks = NULL;
  FILE *f = fopen(argv[2], "rb");
  if (!f || woo_doc_open(&doc, argv[1], NULL) != 0) {
    fprintf(stderr, "redact_text_lib: %s\n", woo_error_last()->message);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *js = malloc((size_t)n);
  size_t got = fread(js, 1, (size_t)n, f);
  fclose(f);
  if (woo_marks_from_json(&marks, js, got, argv[2], doc) != 0) {
    fprintf(stderr, "redact_text_lib: %s\n", woo_error_last()->message);
    return 1;
  }
  free(js);
  woo_redact_options o = WOO_REDACT_OPTIONS_INIT;
  o.force = 1;
  double best = 1e9;
  for (int i = 0; i < 3; i++) {
    double t0 = now();
    if (woo_redact_file(argv[3], doc, marks, &o) != 0) {
      fprintf(stderr, "redact_text_lib: %s\n", woo_error_last()->message);
      return 1;
    }
    double t = now() - t0;
    if (t < best)
      best = t;
  }
  size_t len;
  woo_doc_text(doc, &len);
  printf("  woo_redact_file:    %.1f MB/s CPU (%zu marks, best of 3)\n",
         (double)len / 1e6 / best, woo_marks_count(marks));
  woo_marks_free(marks);
  woo_doc_free(doc);
  return 0;
}
