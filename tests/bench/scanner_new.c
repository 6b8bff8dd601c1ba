/* Benchmark: how long it takes to build a scanner from the embedded data
 * (default policy parsed from its built-in YAML, lexicons and patterns
 * compiled), which every `woo` run and every library user pays once.
 *
 *   scanner_new [N]
 *
 * Prints the first (cold) build and the median and maximum of N builds
 * (default 100).  It asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <woo.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  if (n < 1) {
    fprintf(stderr, "usage: scanner_new [N]\n");
    return 2;
  }
  double *t = malloc((size_t)n * sizeof *t);
  if (!t)
    return 1;
  int rc = 1;
  for (int i = 0; i < n; i++) {
    woo_policy *policy = NULL;
    woo_scanner *scanner = NULL;
    double t0 = now_ms();
    if (woo_policy_default(&policy) != 0 || woo_scanner_new(&scanner, policy) != 0) {
      fprintf(stderr, "scanner_new: %s\n", woo_error_last()->message);
      woo_policy_free(policy);
      goto done;
    }
    t[i] = now_ms() - t0;
    woo_scanner_free(scanner);
    woo_policy_free(policy);
  }
  double first = t[0];
  qsort(t, (size_t)n, sizeof *t, cmp_double);
  printf("scanner from embedded data (default policy + scanner), %d builds:\n", n);
  printf("  first %.2f ms, median %.2f ms, max %.2f ms  (aim < 100 ms)\n", first,
         t[n / 2], t[n - 1]);

  /* Whatever a build leaves for later (tables touched for the first
   * time) shows up in the first scan; time one short text too. */
  static const char text[] = "Verslag van het overleg met mevrouw A. Bakker op 3 maart.\n";
  woo_scanner *scanner = NULL;
  woo_marks *marks = NULL;
  if (woo_scanner_new(&scanner, NULL) != 0)
    goto done;
  double t0 = now_ms();
  int err = woo_scan_text(&marks, scanner, text, sizeof text - 1, NULL);
  double t1 = now_ms() - t0;
  woo_marks_free(marks);
  woo_scanner_free(scanner);
  if (err != 0) {
    fprintf(stderr, "scanner_new: %s\n", woo_error_last()->message);
    goto done;
  }
  printf("  first scan of a one-line text with a new scanner: %.2f ms\n", t1);
  rc = 0;
done:
  free(t);
  return rc;
}
