/* The shared library opened with dlopen(), as a program that loads it as
 * a plug-in would, and used from two threads at once: its thread-local
 * state must work in a library that was not there when the program
 * started.  Argument: the path of libwoo.so.  All names are made up. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "woo.h"

static int (*scanner_new)(woo_scanner **, const woo_policy *);
static void (*scanner_free)(woo_scanner *);
static int (*scan_text)(woo_marks **, const woo_scanner *, const char *,
                        size_t, const woo_scan_options *);
static size_t (*marks_count)(const woo_marks *);
static void (*marks_free)(woo_marks *);

static const char text[] =
    "Van: Pieter Hoogland <p.hoogland@example.nl>\n\n"
    "Beste Marieke,\n\nZoals besproken met Karin Wolters stuur ik de "
    "stukken.  Mevrouw Wolters belt u morgen.\n\n"
    "Met vriendelijke groet,\n\nPieter Hoogland\n";

static woo_scanner *scanner;

/* Scans the text a few times; the number of marks of the last scan, or
 * 0 on an error. */
static void *run(void *arg) {
  size_t *n = arg;
  *n = 0;
  for (int k = 0; k < 20; k++) {
    woo_marks *m = NULL;
    if (scan_text(&m, scanner, text, strlen(text), NULL) != 0)
      return NULL;
    *n = marks_count(m);
    marks_free(m);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: dlopen_lib LIBWOO_SO\n");
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  *(void **)&scanner_new = dlsym(lib, "woo_scanner_new");
  *(void **)&scanner_free = dlsym(lib, "woo_scanner_free");
  *(void **)&scan_text = dlsym(lib, "woo_scan_text");
  *(void **)&marks_count = dlsym(lib, "woo_marks_count");
  *(void **)&marks_free = dlsym(lib, "woo_marks_free");
  if (!scanner_new || !scanner_free || !scan_text || !marks_count ||
      !marks_free) {
    fprintf(stderr, "dlsym: a function is missing\n");
    return 1;
  }
  if (scanner_new(&scanner, NULL) != 0) {
    fprintf(stderr, "woo_scanner_new failed\n");
    return 1;
  }
  size_t main_n = 0, a = 0, b = 0;
  run(&main_n);
  pthread_t ta, tb;
  if (pthread_create(&ta, NULL, run, &a) || pthread_create(&tb, NULL, run, &b)) {
    fprintf(stderr, "pthread_create failed\n");
    return 1;
  }
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  scanner_free(scanner);
  /* (not closed: the library's thread keys would outlive it) */
  /* the two people, the e-mail address and the salutation at least */
  if (main_n < 4 || a != main_n || b != main_n) {
    fprintf(stderr, "marks: main thread %zu, threads %zu and %zu\n", main_n,
            a, b);
    return 1;
  }
  printf("ok: %zu marks in each thread\n", main_n);
  return 0;
}
