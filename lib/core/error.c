/* Thread-local last error.  The library never prints or exits; callers
 * read what went wrong here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define WOO__MSG_MAX 512

static _Thread_local char last_message[WOO__MSG_MAX];
static _Thread_local woo_error last_error = {WOO_OK, ""};

int woo__errorv(int code, const char *fmt, va_list ap) {
  int n = vsnprintf(last_message, sizeof last_message, fmt, ap);
  if (n < 0)
    last_message[0] = '\0';
  /* One line, always: a message must never break a log or a terminal. */
  for (char *p = last_message; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  last_error.code = code;
  last_error.message = last_message;
  return code;
}

int woo__error(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  woo__errorv(code, fmt, ap);
  va_end(ap);
  return code;
}

int woo__oom(void) { return woo__error(WOO_ENOMEM, "out of memory"); }

const woo_error *woo_error_last(void) {
  if (last_error.message == NULL)
    last_error.message = "";
  return &last_error;
}

void woo_error_clear(void) {
  last_error.code = WOO_OK;
  last_message[0] = '\0';
  last_error.message = last_message;
}

const char *woo_error_name(int code) {
  switch (code) {
  case WOO_OK: return "no error";
  case WOO_ENOMEM: return "out of memory";
  case WOO_EINVAL: return "invalid argument";
  case WOO_EIO: return "input/output error";
  case WOO_ENOTFOUND: return "not found";
  case WOO_EFORMAT: return "malformed input";
  case WOO_EUNSUPPORTED: return "not supported";
  case WOO_EENCRYPTED: return "encrypted";
  case WOO_ELIMIT: return "limit exceeded";
  case WOO_EVERIFY: return "verification failed";
  case WOO_EEXISTS: return "already exists";
  case WOO_EPOLICY: return "invalid policy";
  case WOO_EMISMATCH: return "does not match the input";
  default: return "unknown error";
  }
}

void woo_free(void *p) { free(p); }

const char *woo_version(void) { return WOO_VERSION_STRING; }
