/* Internal helpers shared by the library's modules.  Never installed. */
#ifndef WOO_CORE_INTERNAL_H
#define WOO_CORE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "woo/common.h"

#if defined(__GNUC__)
#define WOO__PRINTF(a, b) __attribute__((format(printf, a, b)))
#define WOO__UNUSED __attribute__((unused))
#else
#define WOO__PRINTF(a, b)
#define WOO__UNUSED
#endif

/* ---- errors -------------------------------------------------------- */

/* Set this thread's last error and return `code`, so callers can write
 * `return woo__error(WOO_EINVAL, "...")`. */
int woo__error(int code, const char *fmt, ...) WOO__PRINTF(2, 3);
int woo__errorv(int code, const char *fmt, va_list ap) WOO__PRINTF(2, 0);
/* Shorthand for an allocation failure. */
int woo__oom(void);

/* ---- allocation ------------------------------------------------------ */

void *woo__malloc(size_t n);
void *woo__calloc(size_t count, size_t size);
void *woo__realloc(void *p, size_t n);
/* realloc for arrays, with overflow check; NULL on failure (p kept). */
void *woo__reallocarray(void *p, size_t count, size_t size);
/* Double the array *arrayp (a pointer to the array's pointer) of
 * elements of `size` bytes, or make it `first` long when it has none;
 * *cap is its length.  0, or WOO_ENOMEM with the array as it was.  For
 * the append-one idiom: if (l->n == l->cap && woo__grow(&l->v, &l->cap,
 * sizeof *l->v, 64)) return WOO_ENOMEM; */
int woo__grow(void *arrayp, size_t *cap, size_t size, size_t first);
char *woo__strdup(const char *s);
char *woo__strndup(const char *s, size_t n);

/* ---- hashing ---------------------------------------------------------- */

/* FNV-1a over n bytes: for the library's own hash tables of words and
 * short strings (not for anything an attacker's collisions could hurt
 * more than a slower probe). */
static inline uint64_t woo__fnv1a(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

/* ---- growable byte buffer ------------------------------------------ */

typedef struct woo__buf {
  char *data; /* always NUL-terminated when size > 0 */
  size_t len;
  size_t cap;
} woo__buf;

#define WOO__BUF_INIT {NULL, 0, 0}

int woo__buf_grow(woo__buf *b, size_t extra);
int woo__buf_put(woo__buf *b, const void *data, size_t len);
int woo__buf_puts(woo__buf *b, const char *s);
int woo__buf_putc(woo__buf *b, char c);
int woo__buf_printf(woo__buf *b, const char *fmt, ...) WOO__PRINTF(2, 3);
/* Append a code point as UTF-8. */
int woo__buf_put_utf8(woo__buf *b, uint32_t cp);
/* Hand the data over (never NULL on success: "" for an empty buffer). */
char *woo__buf_detach(woo__buf *b, size_t *len);
void woo__buf_free(woo__buf *b);

/* ---- UTF-8 ------------------------------------------------------------ */

#define WOO__BAD_CP 0xFFFFFFFFu

/* Decode one code point at s[0..len).  Returns the code point and sets
 * *n to its length; for an invalid or truncated sequence returns
 * WOO__BAD_CP with *n = 1.  len must be > 0. */
uint32_t woo__utf8_decode(const unsigned char *s, size_t len, size_t *n);
/* Offset of the first invalid byte, or WOO_UNSET when all valid. */
size_t woo__utf8_invalid(const char *s, size_t len);
/* The same, and in one pass whether s has a NUL byte anywhere (*nul);
 * when it has, the offset returned means nothing. */
size_t woo__utf8_invalid_nul(const char *s, size_t len, bool *nul);
/* Length of the UTF-8 sequence for cp (1..4). */
size_t woo__utf8_len(uint32_t cp);
/* Start of the code point containing byte `off`. */
size_t woo__utf8_back(const char *s, size_t off);
/* Convert Windows-1252 (a superset of printable Latin-1) to UTF-8. */
int woo__cp1252_to_utf8(woo__buf *out, const unsigned char *s, size_t len);

/* Simple case folding for the Latin range used in Dutch text: ASCII,
 * Latin-1 and Latin Extended-A letters, and the ligature ĳ. */
uint32_t woo__fold(uint32_t cp);
bool woo__is_letter(uint32_t cp);
bool woo__is_upper(uint32_t cp);
bool woo__is_digit(uint32_t cp);
bool woo__is_space(uint32_t cp);

/* ---- span sets ------------------------------------------------------- */

/* Spans added in any order; queries stay fast while adding.  v[0, merged)
 * is sorted and merged, v[merged, n) is a short unsorted tail that is
 * merged in when it grows past about the square root of the rest, so n
 * adds with queries in between cost O(n sqrt n), not O(n^2 log n). */
typedef struct woo__spanset {
  woo_span *v;
  size_t n;
  size_t cap;
  size_t merged;
} woo__spanset;

#define WOO__SPANSET_INIT {NULL, 0, 0, 0}

int woo__spanset_add(woo__spanset *s, size_t start, size_t end);
/* Sort and merge overlapping or touching spans: afterwards v[0, n) is
 * the whole set in order. */
void woo__spanset_normalize(woo__spanset *s);
/* Whether any span overlaps [start, end) (an empty range: whether it
 * touches a span's inside). */
bool woo__spanset_overlaps(woo__spanset *s, size_t start, size_t end);
/* Whether offset lies inside a span. */
bool woo__spanset_contains(woo__spanset *s, size_t offset);
void woo__spanset_free(woo__spanset *s);

/* ---- line map ---------------------------------------------------------- */

typedef struct woo__linemap {
  size_t *starts; /* byte offset of each line start */
  size_t n;
} woo__linemap;

int woo__linemap_build(woo__linemap *m, const char *s, size_t len);
/* 1-based line and column (column counts code points). */
void woo__linemap_find(const woo__linemap *m, const char *s, size_t len,
                       size_t offset, size_t *line, size_t *col);
void woo__linemap_free(woo__linemap *m);

/* ---- hashing --------------------------------------------------------- */

/* SHA-256 of data as 64 lowercase hex digits + NUL into hex[65]. */
void woo__sha256_hex(const void *data, size_t len, char hex[65]);
/* The raw digest, with the SHA extensions (fast) or the portable code;
 * woo__sha256_fast() tells whether this processor has the extensions. */
void woo__sha256_raw(const void *data, size_t len, bool fast,
                     unsigned char out[32]);
bool woo__sha256_fast(void);

/* ---- files ------------------------------------------------------------ */

/* Read a whole regular file (at most max bytes).  Errors name the path:
 * WOO_ENOTFOUND, WOO_EIO (a directory, unreadable), WOO_ELIMIT. */
int woo__file_read(const char *path, size_t max, char **data, size_t *len);

/* Write data to path atomically: a temporary file in the same folder,
 * fsync, rename.  Refuses to replace an existing file unless overwrite.
 * Errors name the path: WOO_EEXISTS, WOO_EIO. */
int woo__file_write_atomic(const char *path, const void *data, size_t len,
                           bool overwrite);
/* The two halves of that, for writers that stream or verify before
 * committing: a new temporary file beside `path` (*tmp_path is freed by
 * the caller), then the rename into place.  woo__file_commit removes the
 * temporary file when it fails. */
int woo__file_temp(const char *path, char **tmp_path, int *fd);
int woo__file_commit(const char *tmp_path, const char *path, bool overwrite);

#endif
