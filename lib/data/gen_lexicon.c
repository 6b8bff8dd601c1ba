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
#include "lexicon_data.h"

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

/* One entry of the combined table: a folded key and the lexicons (and
 * opener sets) it belongs to. */
typedef struct entry {
  const char *key;
  uint32_t bits;
} entry;

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

/* Sorts and deduplicates a key set in place. */
static void keyset_unique(keyset *k) {
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
}

/* Writes the combined table: every key once, its membership bits in the
 * four bytes before it in the blob. */
static void write_combined(FILE *out, const char *name, entry *e, size_t n) {
  qsort(e, n, sizeof *e, cmp_entry);
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    if (w > 0 && strcmp(e[w - 1].key, e[i].key) == 0) {
      e[w - 1].bits |= e[i].bits;
      continue;
    }
    e[w++] = e[i];
  }
  n = w;

  size_t blob_len = 0;
  for (size_t i = 0; i < n; i++)
    blob_len += 4 + strlen(e[i].key) + 1;
  if (blob_len >= (1u << 24) - 1)
    die("lexicon too large for 24-bit offsets", "combined");
  /* Load at most 0.35: most words asked about are in no lexicon, and a
   * look-up that finds nothing walks to an empty slot, which linear
   * probing keeps near only while the table is sparse; tags spare most key
   * comparisons. */
  size_t cap = 1;
  while (cap * 7 < n * 20 + 7)
    cap *= 2;
  /* WOO__LEX_BLOB_PAD zero bytes after the last key, so that a key may be
   * read in whole chunks of eight (lexicon_data.h). */
  unsigned char *blob = calloc(blob_len + WOO__LEX_BLOB_PAD, 1);
  uint32_t *slots = calloc(cap, sizeof *slots);
  if (!blob || !slots)
    die("out of memory", "tables");
  size_t off = 0;
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(e[i].key);
    for (int b = 0; b < 4; b++)
      blob[off + (size_t)b] = (unsigned char)(e[i].bits >> (8 * b));
    off += 4;
    memcpy(blob + off, e[i].key, l + 1);
    uint64_t h = woo__lexhash(e[i].key, l);
    size_t j = (size_t)h & (cap - 1);
    while (slots[j])
      j = (j + 1) & (cap - 1);
    slots[j] = ((uint32_t)(off + 1) << 8) | (uint32_t)(h >> 56);
    off += l + 1;
  }

  fprintf(out, "static const char blob_%s[] =\n", name);
  put_literal(out, blob, blob_len + WOO__LEX_BLOB_PAD - 1);
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
  fprintf(out,
          "const woo__lex_table woo__lex_%s = {blob_%s, %zuu, "
          "slots_%s, %zuu, %zuu};\n",
          name, name, blob_len, name, cap - 1, n);
  free(bytes);
  free(blob);
  free(slots);
}

/* Writes the common words as a set of 32-bit fingerprints (see
 * lexicon_data.h): no keys, so a look-up touches one cache line. */
static void write_fingerprints(FILE *out, const keyset *k) {
  size_t cap = 1;
  while (cap * 7 < k->n * 10 + 7)
    cap *= 2;
  uint32_t *fp = calloc(cap, sizeof *fp);
  unsigned char *bytes = malloc(cap * 4);
  if (!fp || !bytes)
    die("out of memory", "tables");
  for (size_t i = 0; i < k->n; i++) {
    uint64_t h = woo__lexhash(k->v[i], strlen(k->v[i]));
    uint32_t f = (uint32_t)(h >> 32) | 1u;
    size_t j = (size_t)h & (cap - 1);
    while (fp[j] && fp[j] != f)
      j = (j + 1) & (cap - 1);
    fp[j] = f;
  }
  for (size_t i = 0; i < cap; i++)
    for (int b = 0; b < 4; b++)
      bytes[4 * i + (size_t)b] = (unsigned char)(fp[i] >> (8 * b));
  fputs("static const unsigned char common_fp[] =\n", out);
  put_literal(out, bytes, cap * 4);
  fputs(";\n\n", out);
  fprintf(out,
          "const woo__lex_fingerprints woo__lex_common = {common_fp, %zuu, "
          "%zuu};\n",
          cap - 1, k->n);
  free(fp);
  free(bytes);
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
  /* Openers: the word prefixes of multi-word entries, so that a phrase is
   * only tried where one can start and only extended while one can go
   * on. */
  size_t total = 0, counts[N_LEX];
  keyset open[N_LEX];
  memset(open, 0, sizeof open);
  for (size_t i = 0; i < N_LEX; i++) {
    keyset_unique(&sets[i]);
    counts[i] = sets[i].n;
    /* every proper word prefix: "raad", "raad voor", "raad voor de" of
     * "raad voor de kinderbescherming" */
    for (size_t j = 0; j < sets[i].n; j++)
      for (const char *sp = strchr(sets[i].v[j], ' '); sp;
           sp = strchr(sp + 1, ' '))
        keyset_add(&open[i], sets[i].v[j], (size_t)(sp - sets[i].v[j]),
                   "openers");
    total += sets[i].n + open[i].n;
  }
  entry *all = malloc((total ? total : 1) * sizeof *all);
  if (!all)
    die("out of memory", "tables");
  /* The common words get a table of their own: it is large, and most
   * questions (about lower-case words above all) are for the others. */
  size_t n_all = 0;
  for (size_t i = 0; i < N_LEX; i++) {
    if (i == COMMON_WORDS)
      continue;
    for (size_t j = 0; j < sets[i].n; j++)
      all[n_all++] = (entry){sets[i].v[j], 1u << i};
    for (size_t j = 0; j < open[i].n; j++)
      all[n_all++] = (entry){open[i].v[j], 1u << (16 + i)};
  }
  write_combined(out, "all", all, n_all);
  write_fingerprints(out, &sets[COMMON_WORDS]);
  free(all);
  fputs("const size_t woo__lex_counts[WOO__LEX_TABLES] = {", out);
  for (size_t i = 0; i < N_LEX; i++)
    fprintf(out, "%s%zuu", i ? ", " : "", counts[i]);
  fputs("};\n", out);
  for (size_t i = 0; i < N_LEX; i++) {
    for (size_t j = 0; j < open[i].n; j++)
      free(open[i].v[j]);
    free(open[i].v);
  }
  if (fclose(out) != 0)
    die("write error", argv[1]);
  for (size_t i = 0; i < N_LEX; i++) {
    for (size_t j = 0; j < sets[i].n; j++)
      free(sets[i].v[j]);
    free(sets[i].v);
  }
  return 0;
}
