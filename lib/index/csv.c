/* RFC 4180 CSV records, with the separators and byte-order mark that
 * Dutch spreadsheets write. */
#include <stdlib.h>
#include <string.h>

#include "index/internal.h"

void woo__csv_init(woo__csv *c, const char *data, size_t len) {
  c->p = data;
  c->end = data + len;
  c->line = 1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    c->p += 3;
  size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (const char *p = c->p; p < c->end; p++) {
    if (*p == '"')
      quoted = !quoted;
    else if (!quoted && (*p == '\n' || *p == '\r'))
      break;
    else if (!quoted && *p == ',')
      counts[0]++;
    else if (!quoted && *p == ';')
      counts[1]++;
    else if (!quoted && *p == '\t')
      counts[2]++;
  }
  c->sep = ',';
  if (counts[1] > counts[0] && counts[1] >= counts[2])
    c->sep = ';';
  else if (counts[2] > counts[0] && counts[2] > counts[1])
    c->sep = '\t';
}

void woo__csv_free_record(char **fields, size_t n) {
  if (!fields)
    return;
  for (size_t i = 0; i < n; i++)
    free(fields[i]);
  free(fields);
}

static int push(char ***v, size_t *n, size_t *cap, woo__buf *b) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 8;
    char **nv = woo__reallocarray(*v, nc, sizeof *nv);
    if (!nv)
      return woo__oom();
    *v = nv;
    *cap = nc;
  }
  char *s = woo__buf_detach(b, NULL);
  if (!s)
    return woo__oom();
  (*v)[(*n)++] = s;
  return 0;
}

int woo__csv_record(woo__csv *c, char ***fields, size_t *n) {
  *fields = NULL;
  *n = 0;
  if (c->p >= c->end)
    return 0;
  char **v = NULL;
  size_t cap = 0;
  woo__buf b = WOO__BUF_INIT;
  int rc = 0;
  size_t start_line = c->line;
  for (;;) {
    /* One field. */
    if (c->p < c->end && *c->p == '"') {
      c->p++;
      for (;;) {
        if (c->p >= c->end) {
          rc = woo__error(WOO_EFORMAT,
                          "line %zu: a quoted field is not closed", start_line);
          goto fail;
        }
        if (*c->p == '"') {
          if (c->p + 1 < c->end && c->p[1] == '"') {
            rc = woo__buf_putc(&b, '"');
            c->p += 2;
          } else {
            c->p++;
            break;
          }
        } else {
          if (*c->p == '\n')
            c->line++;
          rc = woo__buf_putc(&b, *c->p++);
        }
        if (rc)
          goto fail;
      }
      /* Stray text after the closing quote is kept, as spreadsheets do. */
      while (c->p < c->end && *c->p != c->sep && *c->p != '\n' &&
             *c->p != '\r')
        if ((rc = woo__buf_putc(&b, *c->p++)))
          goto fail;
    } else {
      while (c->p < c->end && *c->p != c->sep && *c->p != '\n' &&
             *c->p != '\r')
        if ((rc = woo__buf_putc(&b, *c->p++)))
          goto fail;
    }
    if ((rc = push(&v, n, &cap, &b)))
      goto fail;
    if (c->p < c->end && *c->p == c->sep) {
      c->p++;
      continue;
    }
    /* End of record. */
    if (c->p < c->end && *c->p == '\r')
      c->p++;
    if (c->p < c->end && *c->p == '\n')
      c->p++;
    c->line++;
    break;
  }
  *fields = v;
  return 1;
fail:
  woo__buf_free(&b);
  woo__csv_free_record(v, *n);
  *n = 0;
  return rc;
}
