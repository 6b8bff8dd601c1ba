/* Preloaded by lazy.sh: dlopen() of a library whose name holds one of
 * the words in WOO_TEST_DLOPEN_FAIL (comma-separated) fails, as it would
 * on a machine where that library is not installed; every other dlopen()
 * is passed on. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

void *dlopen(const char *file, int mode) {
  static void *(*real)(const char *, int);
  if (!real) {
    void *sym = dlsym(RTLD_NEXT, "dlopen");
    memcpy(&real, &sym, sizeof sym); /* an object pointer to a function's */
  }
  const char *deny = getenv("WOO_TEST_DLOPEN_FAIL");
  if (file && deny) {
    char words[256];
    strncpy(words, deny, sizeof words - 1);
    words[sizeof words - 1] = '\0';
    char *save = NULL;
    for (char *w = strtok_r(words, ",", &save); w; w = strtok_r(NULL, ",", &save))
      if (*w && strstr(file, w))
        return NULL;
  }
  return real ? real(file, mode) : NULL;
}
