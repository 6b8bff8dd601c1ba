/* The layout of the lexicon tables that gen_lexicon writes and
 * lib/detect/lexicon.c reads.  Never installed.
 *
 * Each lexicon is a blob of folded keys (lexfold.h), sorted bytewise and
 * each ended by a NUL, and an open-addressing hash table over it with
 * linear probing.  A slot is four little-endian bytes: the key's offset in
 * the blob plus one in the high 24 bits and an 8-bit tag from the hash in
 * the low 8 bits; an all-zero slot is empty.  Everything is static data:
 * nothing is built or allocated at run time. */
#ifndef WOO_DATA_LEXICON_DATA_H
#define WOO_DATA_LEXICON_DATA_H

#include <stddef.h>
#include <stdint.h>

typedef struct woo__lex_table {
  const char *blob;           /* folded keys, each NUL-terminated */
  size_t blob_len;
  const unsigned char *slots; /* (mask + 1) slots of 4 bytes */
  uint32_t mask;              /* slot count - 1 (a power of two - 1) */
  size_t count;               /* number of keys */
} woo__lex_table;

/* Indexed by woo__lex (lib/detect/internal.h); the generator writes them in
 * that order. */
#define WOO__LEX_TABLES 9
extern const woo__lex_table woo__lex_tables[WOO__LEX_TABLES];
/* For each lexicon, the first words of its multi-word entries, so that a
 * phrase is only tried where one can start. */
extern const woo__lex_table woo__lex_openers[WOO__LEX_TABLES];

#endif
