/* A minimal test harness: each unit test file defines tests with TEST()
 * and lists them in main() with RUN(); a failed CHECK reports file:line
 * and the test goes on, so one run shows every failure. */
#ifndef WOO_TEST_H
#define WOO_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                            \
  do {                                                                         \
    test_checks++;                                                             \
    if (!(cond)) {                                                             \
      test_failures++;                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_INT(a, b)                                                        \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    test_checks++;                                                             \
    if (a_ != b_) {                                                            \
      test_failures++;                                                         \
      fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__,          \
              __LINE__, #a, a_, b_);                                           \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    test_checks++;                                                             \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                   \
      test_failures++;                                                         \
      fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,      \
              __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");           \
    }                                                                          \
  } while (0)

#define TEST(name) static void name(void)
#define RUN(name)                                                              \
  do {                                                                         \
    int before_ = test_failures;                                               \
    name();                                                                    \
    fprintf(stderr, "%s %s\n", test_failures == before_ ? "ok  " : "FAIL",     \
            #name);                                                            \
  } while (0)

#define TEST_END()                                                             \
  do {                                                                         \
    fprintf(stderr, "%d checks, %d failed\n", test_checks, test_failures);     \
    return test_failures ? 1 : 0;                                              \
  } while (0)

/* Directory of the source tree, passed by meson for fixtures. */
#ifndef WOO_SOURCE_ROOT
#define WOO_SOURCE_ROOT "."
#endif

#endif
