/* Dates as Dutch documents and published inventories write them. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "index/internal.h"

static const struct {
  const char *name;
  int month;
} MONTHS[] = {
    {"januari", 1},  {"februari", 2}, {"maart", 3},     {"april", 4},
    {"mei", 5},      {"juni", 6},     {"juli", 7},      {"augustus", 8},
    {"september", 9},{"oktober", 10}, {"november", 11}, {"december", 12},
    {"january", 1},  {"february", 2}, {"march", 3},     {"may", 5},
    {"june", 6},     {"july", 7},     {"august", 8},    {"october", 10},
    {"jan", 1},      {"feb", 2},      {"febr", 2},      {"mrt", 3},
    {"mar", 3},      {"apr", 4},      {"jun", 6},       {"jul", 7},
    {"aug", 8},      {"sep", 9},      {"sept", 9},      {"okt", 10},
    {"oct", 10},     {"nov", 11},     {"dec", 12},
};

static const char *WEEKDAYS[] = {
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "ma", "di", "wo", "do", "vr", "za", "zo",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* Length of the dash at s (ASCII '-', '/', '.', or U+2010..U+2015 and
 * U+2212), 0 when none. */
static size_t dash_at(const char *s, size_t n) {
  if (n >= 1 && (s[0] == '-' || s[0] == '/' || s[0] == '.'))
    return 1;
  if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
      (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x95)
    return 3;
  if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
      (unsigned char)s[2] == 0x92)
    return 3;
  return 0;
}

static size_t digits(const char *s, size_t n, int *v, size_t max) {
  size_t i = 0;
  int x = 0;
  while (i < n && i < max && isdigit((unsigned char)s[i]))
    x = x * 10 + (s[i++] - '0');
  if (i < n && isdigit((unsigned char)s[i]))
    return 0; /* too many digits */
  *v = x;
  return i;
}

/* A month name at s; returns its length (with a trailing '.') or 0. */
static size_t month_at(const char *s, size_t n, int *month) {
  size_t w = 0;
  while (w < n && isalpha((unsigned char)s[w]))
    w++;
  if (w < 3 || w > 9)
    return 0;
  for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
    if (strlen(MONTHS[i].name) == w && strncasecmp(s, MONTHS[i].name, w) == 0) {
      *month = MONTHS[i].month;
      if (w < n && s[w] == '.')
        w++;
      return w;
    }
  return 0;
}

/* "YYYY-MM-DD" into out[11]; the values are checked by valid(). */
static void put_iso(char out[11], int y, int m, int d) {
  char tmp[48];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  memcpy(out, tmp, 10);
  out[10] = '\0';
}

static bool valid(int y, int m, int d) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
         d <= mdays[m - 1];
}

static int full_year(int y, size_t ndig) {
  if (ndig == 2)
    return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

static size_t spaces(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

bool woo__date_parse(const char *s, size_t n, char out[11], size_t *used) {
  size_t i = 0;
  /* An optional weekday: "donderdag 15 oktober 2020", "Tuesday, 2 March". */
  for (size_t k = 0; k < sizeof WEEKDAYS / sizeof *WEEKDAYS; k++) {
    size_t w = strlen(WEEKDAYS[k]);
    if (n > w && strncasecmp(s, WEEKDAYS[k], w) == 0 &&
        !isalpha((unsigned char)s[w])) {
      i = w;
      if (i < n && s[i] == ',')
        i++;
      i += spaces(s + i, n - i);
      break;
    }
  }
  int d = 0, m = 0, y = 0;
  size_t a = digits(s + i, n - i, &d, 4);
  if (a == 4) {
    /* ISO: 2020-01-13 */
    size_t j = i + 4, dl = dash_at(s + j, n - j);
    if (dl != 1 || s[j] != '-')
      return false;
    j += dl;
    size_t b = digits(s + j, n - j, &m, 2);
    if (!b || j + b >= n || s[j + b] != '-')
      return false;
    j += b + 1;
    size_t c = digits(s + j, n - j, &y, 2); /* y holds the day here */
    if (!c || !valid(d, m, y))
      return false;
    put_iso(out, d, m, y);
    *used = j + c;
    return true;
  }
  if (a >= 1 && a <= 2) {
    size_t j = i + a;
    size_t dl = dash_at(s + j, n - j);
    if (dl) {
      j += dl;
      size_t b = digits(s + j, n - j, &m, 2);
      size_t mw = 0;
      if (!b) {
        mw = month_at(s + j, n - j, &m); /* 7-mrt-13 */
        if (!mw)
          return false;
        b = mw;
      }
      j += b;
      size_t dl2 = dash_at(s + j, n - j);
      if (!dl2)
        return false;
      j += dl2;
      size_t c = digits(s + j, n - j, &y, 4);
      if (c != 2 && c != 4)
        return false;
      y = full_year(y, c);
      if (!valid(y, m, d))
        return false;
      put_iso(out, y, m, d);
      *used = j + c;
      return true;
    }
    /* 13 januari 2020 */
    j += spaces(s + j, n - j);
    size_t mw = month_at(s + j, n - j, &m);
    if (!mw)
      return false;
    j += mw;
    size_t sp = spaces(s + j, n - j);
    if (sp == 0 && !(j < n && s[j] == ','))
      return false;
    if (j < n && s[j] == ',')
      j++, sp = spaces(s + j, n - j);
    j += sp;
    size_t c = digits(s + j, n - j, &y, 4);
    if (c != 4 || !valid(y, m, d))
      return false;
    put_iso(out, y, m, d);
    *used = j + c;
    return true;
  }
  if (a == 0) {
    /* September 29, 2022 */
    size_t mw = month_at(s + i, n - i, &m);
    if (!mw)
      return false;
    size_t j = i + mw;
    j += spaces(s + j, n - j);
    size_t b = digits(s + j, n - j, &d, 2);
    if (!b || j + b >= n || s[j + b] != ',')
      return false;
    j += b + 1;
    j += spaces(s + j, n - j);
    size_t c = digits(s + j, n - j, &y, 4);
    if (c != 4 || !valid(y, m, d))
      return false;
    put_iso(out, y, m, d);
    *used = j + c;
    return true;
  }
  return false;
}

bool woo__date_find(const char *s, size_t n, char out[11], size_t *at) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    bool start = i == 0 || !isalnum((unsigned char)s[i - 1]);
    if (!start || !(isdigit(c) || isalpha(c)))
      continue;
    /* Only try at digits and at words that may be a weekday or month. */
    size_t used;
    if (woo__date_parse(s + i, n - i, out, &used)) {
      /* Not inside a longer number: 1-2-3-4 or 2020-01-13-x. */
      if (i + used < n && isdigit((unsigned char)s[i + used]))
        continue;
      if (at)
        *at = i;
      return true;
    }
    /* Skip the rest of this word. */
    while (i + 1 < n && isalnum((unsigned char)s[i + 1]))
      i++;
  }
  return false;
}
