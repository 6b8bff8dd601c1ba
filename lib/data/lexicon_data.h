/* The layout of the lexicon table that gen_lexicon writes and
 * lib/detect/lexicon.c reads.  Never installed.
 *
 * The lexicons share one table, so that a word is folded, hashed and
 * probed once however many lexicons are asked about it; only the large
 * common-words lexicon has a table of its own, so that the shared one
 * stays small enough to stay in cache.  The blob of each holds
 * every folded key (lexfold.h) once, sorted bytewise, each preceded by
 * four little-endian bytes of membership bits and ended by a NUL: bit i
 * for lexicon i (woo__lex order), bit 16 + i when the key is a proper
 * word prefix of a multi-word entry of lexicon i (its first word, its
 * first two words …).  The hash table over it uses
 * linear probing; a slot is four little-endian bytes: the key's offset in
 * the blob plus one in the high 24 bits and an 8-bit tag from the hash in
 * the low 8 bits; an all-zero slot is empty.  Everything is static data:
 * nothing is built or allocated at run time. */
#ifndef WOO_DATA_LEXICON_DATA_H
#define WOO_DATA_LEXICON_DATA_H

#include <stddef.h>
#include <stdint.h>

/* Zero bytes after the blob's last key (not counted in blob_len): a key
 * of up to 16 bytes is compared eight bytes at a time, and the chunk
 * after the last key must be there to be read. */
#define WOO__LEX_BLOB_PAD 16

typedef struct woo__lex_table {
  const char *blob;           /* bits and folded keys, see above */
  size_t blob_len;            /* without the WOO__LEX_BLOB_PAD zeros */
  const unsigned char *slots; /* (mask + 1) slots of 4 bytes */
  uint32_t mask;              /* slot count - 1 (a power of two - 1) */
  size_t count;               /* number of distinct keys */
} woo__lex_table;

/* Lexicons, in woo__lex order (lib/detect/internal.h). */
#define WOO__LEX_TABLES 9
/* Bit of the opener set of lexicon i. */
#define WOO__LEX_OPENER_BIT(i) (16 + (i))

/* The common words are many (a third of a million) and are only ever
 * asked about, never listed: they are kept as 32-bit fingerprints, the
 * high half of the key's hash with the low bit set, in an open-addressing
 * table indexed by the low bits of the hash (0: empty).  A word not in
 * the list matches by chance with odds of about one in four billion per
 * probe, which is fine for a hint about capitalised words. */
typedef struct woo__lex_fingerprints {
  const unsigned char *slots; /* (mask + 1) little-endian uint32 */
  uint32_t mask;
  size_t count;
} woo__lex_fingerprints;

/* Every lexicon but the common words. */
extern const woo__lex_table woo__lex_all;
/* The common words (WOO__LEX_COMMON_WORDS). */
extern const woo__lex_fingerprints woo__lex_common;
/* Number of entries of each lexicon. */
extern const size_t woo__lex_counts[WOO__LEX_TABLES];

#endif
