/* gen_lexicon: turn the lexicon lists of lib/data into static tables.
 *
 *   gen_lexicon OUT.c DICT LIST.txt...
 *
 * Each LIST is one entry per line (UTF-8; blank lines and lines starting
 * with '#' are skipped) and is matched to its lexicon by its file name.
 * DICT is a word list such as Debian's /usr/share/dict/dutch; the words
 * written in lower case become the common-words lexicon.  Pass "-" when
 * there is none: the table is then empty.
 *
 * Built for the build machine, so it uses only the C library and the
 * folding in lexfold.h that the run-time lookup shares. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexfold.h"

/* In woo__lex order (lib/detect/internal.h). */
static const char *const list_names[] = {
    "first_names.txt", "surnames.txt", "particles.txt",
    "titles.txt",      "organisations.txt", "officials.txt",
    "functions.txt",   NULL, /* common words come from DICT */
    "stopwords.txt",
};
#define N_LEX (sizeof list_names / sizeof list_names[0])
#define COMMON_WORDS 7

typedef struct keyset {
  char **v;
  size_t n, cap;
} keyset;

static void die(const char *what, const char *path) {
  fprintf(stderr, "gen_lexicon: %s: %s\n", path, what);
  exit(1);
}

static void keyset_add(keyset *k, const char *s, size_t n, const char *path) {
  if (k->n == k->cap) {
    size_t cap = k->cap ? k->cap * 2 : 1024;
    char **v = realloc(k->v, cap * sizeof *v);
    if (!v)
      die("out of memory", path);
    k->v = v;
    k->cap = cap;
  }
  char *copy = malloc(n + 1);
  if (!copy)
    die("out of memory", path);
  memcpy(copy, s, n);
  copy[n] = '\0';
  k->v[k->n++] = copy;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die("cannot open", path);
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf)
    die("out of memory", path);
  for (;;) {
    if (n == cap) {
      cap *= 2;
      char *b = realloc(buf, cap);
      if (!b)
        die("out of memory", path);
      buf = b;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f))
    die("read error", path);
  fclose(f);
  *len = n;
  return buf;
}

/* Whether a dictionary word is a plain lower-case word: letters (any
 * non-ASCII byte counts as part of a letter), inner hyphens and
 * apostrophes; no capitals, digits, spaces or dots. */
static int common_word(const char *s, size_t n) {
  if (n < 2)
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80)
      continue;
    if (c >= 'a' && c <= 'z')
      continue;
    if ((c == '-' || c == '\'') && i > 0)
      continue;
    return 0;
  }
  /* Upper-case letters outside ASCII (É, Ö …) start with 0xC3 0x80..0x9E. */
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)s[i] == 0xC3 && (unsigned char)s[i + 1] < 0x9F)
      return 0;
  return 1;
}

static void read_list(keyset *k, const char *path, int dict) {
  size_t len;
  char *buf = slurp(path, &len);
  size_t i = 0, lineno = 0;
  while (i < len) {
    size_t e = i;
    while (e < len && buf[e] != '\n')
      e++;
    size_t a = i, b = e;
    lineno++;
    i = e + 1;
    while (b > a && (buf[b - 1] == '\r' || buf[b - 1] == ' ' ||
                     buf[b - 1] == '\t'))
      b--;
    while (a < b && (buf[a] == ' ' || buf[a] == '\t'))
      a++;
    if (a == b || buf[a] == '#')
      continue;
    if (dict && !common_word(buf + a, b - a))
      continue;
    char key[WOO__LEXKEY_MAX];
    size_t n = woo__lexfold(buf + a, b - a, key);
    if (n == (size_t)-1 || n == 0) {
      if (dict)
        continue;
      fprintf(stderr, "gen_lexicon: %s:%zu: entry too long or not UTF-8\n",
              path, lineno);
      exit(1);
    }
    keyset_add(k, key, n, path);
  }
  free(buf);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes bytes as the inside of a C string literal, lines of ~76
 * columns.  '?' is escaped so that no trigraph can form. */
static void put_literal(FILE *out, const unsigned char *p, size_t n) {
  size_t col = 0;
  fputs("    \"", out);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      fputc(c, out);
      col++;
    } else {
      fprintf(out, "\\%03o", c);
      col += 4;
    }
    if (col >= 76 && i + 1 < n) {
      fputs("\"\n    \"", out);
      col = 0;
    }
  }
  fputs("\"", out);
}

static void write_table(FILE *out, keyset *k, const char *name,
                        size_t *mask_out, size_t *count_out) {
  if (k->n)
    qsort(k->v, k->n, sizeof *k->v, cmp_str);
  size_t n = 0;
  for (size_t i = 0; i < k->n; i++) {
    if (n > 0 && strcmp(k->v[n - 1], k->v[i]) == 0) {
      free(k->v[i]);
      continue;
    }
    k->v[n++] = k->v[i];
  }
  k->n = n;

  size_t blob_len = 0;
  for (size_t i = 0; i < n; i++)
    blob_len += strlen(k->v[i]) + 1;
  if (blob_len >= (1u << 24) - 1)
    die("lexicon too large for 24-bit offsets", name);
  /* Load at most 0.7 keeps linear probing short; tags spare most key
   * comparisons. */
  size_t cap = 1;
  while (cap * 7 < n * 10 + 7)
    cap *= 2;
  unsigned char *blob = calloc(blob_len + 1, 1);
  uint32_t *slots = calloc(cap, sizeof *slots);
  if (!blob || !slots)
    die("out of memory", "tables");
  size_t off = 0;
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(k->v[i]);
    memcpy(blob + off, k->v[i], l + 1);
    uint64_t h = woo__lexhash(k->v[i], l);
    size_t j = (size_t)h & (cap - 1);
    while (slots[j])
      j = (j + 1) & (cap - 1);
    slots[j] = ((uint32_t)(off + 1) << 8) | (uint32_t)(h >> 56);
    off += l + 1;
  }

  fprintf(out, "static const char blob_%s[] =\n", name);
  put_literal(out, blob, blob_len);
  fputs(";\n", out);
  unsigned char *bytes = malloc(cap * 4);
  if (!bytes)
    die("out of memory", "tables");
  for (size_t i = 0; i < cap; i++) {
    bytes[4 * i] = (unsigned char)(slots[i] & 0xFF);
    bytes[4 * i + 1] = (unsigned char)((slots[i] >> 8) & 0xFF);
    bytes[4 * i + 2] = (unsigned char)((slots[i] >> 16) & 0xFF);
    bytes[4 * i + 3] = (unsigned char)(slots[i] >> 24);
  }
  fprintf(out, "static const unsigned char slots_%s[] =\n", name);
  put_literal(out, bytes, cap * 4);
  fputs(";\n\n", out);
  free(bytes);
  free(blob);
  free(slots);
  *mask_out = cap - 1;
  *count_out = n;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: gen_lexicon OUT.c DICT|- LIST.txt...\n");
    return 2;
  }
  keyset sets[N_LEX];
  memset(sets, 0, sizeof sets);
  if (strcmp(argv[2], "-") != 0)
    read_list(&sets[COMMON_WORDS], argv[2], 1);
  for (int a = 3; a < argc; a++) {
    const char *base = strrchr(argv[a], '/');
    base = base ? base + 1 : argv[a];
    size_t id = N_LEX;
    for (size_t i = 0; i < N_LEX; i++)
      if (list_names[i] && strcmp(list_names[i], base) == 0)
        id = i;
    if (id == N_LEX)
      die("not a known lexicon list", argv[a]);
    read_list(&sets[id], argv[a], 0);
  }

  FILE *out = fopen(argv[1], "wb");
  if (!out)
    die("cannot create", argv[1]);
  fputs("/* Generated by lib/data/gen_lexicon from the lists in lib/data and the\n"
        " * system word list; do not edit. */\n"
        "#include \"data/lexicon_data.h\"\n\n"
        "#if defined(__GNUC__)\n"
        "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n"
        "#endif\n\n",
        out);
  size_t mask[N_LEX], count[N_LEX], omask[N_LEX], ocount[N_LEX];
  for (size_t i = 0; i < N_LEX; i++) {
    /* first words of multi-word entries, before the set is sorted */
    keyset open = {NULL, 0, 0};
    for (size_t j = 0; j < sets[i].n; j++) {
      const char *sp = strchr(sets[i].v[j], ' ');
      if (sp)
        keyset_add(&open, sets[i].v[j], (size_t)(sp - sets[i].v[j]),
                   "openers");
    }
    char name[32];
    snprintf(name, sizeof name, "%zu", i);
    write_table(out, &sets[i], name, &mask[i], &count[i]);
    snprintf(name, sizeof name, "open%zu", i);
    write_table(out, &open, name, &omask[i], &ocount[i]);
    for (size_t j = 0; j < open.n; j++)
      free(open.v[j]);
    free(open.v);
  }
  fprintf(out, "const woo__lex_table woo__lex_tables[WOO__LEX_TABLES] = {\n");
  for (size_t i = 0; i < N_LEX; i++)
    fprintf(out,
            "    {blob_%zu, sizeof blob_%zu - 1, slots_%zu, %zuu, %zuu},\n",
            i, i, i, mask[i], count[i]);
  fputs("};\n", out);
  fprintf(out, "const woo__lex_table woo__lex_openers[WOO__LEX_TABLES] = {\n");
  for (size_t i = 0; i < N_LEX; i++)
    fprintf(out,
            "    {blob_open%zu, sizeof blob_open%zu - 1, slots_open%zu, %zuu, "
            "%zuu},\n",
            i, i, i, omask[i], ocount[i]);
  fputs("};\n", out);
  if (fclose(out) != 0)
    die("write error", argv[1]);
  for (size_t i = 0; i < N_LEX; i++) {
    for (size_t j = 0; j < sets[i].n; j++)
      free(sets[i].v[j]);
    free(sets[i].v);
  }
  return 0;
}
