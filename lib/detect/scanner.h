/* The compiled scanner, shared by the engine and the policy rules.  Never
 * installed. */
#ifndef WOO_DETECT_SCANNER_H
#define WOO_DETECT_SCANNER_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>

#include "internal.h"
#include "policy.h"

/* Terms are found in one pass: every word of the text is hashed and
 * looked up among the terms' first words. */
typedef struct woo__term_slot {
  uint64_t hash;  /* hash of the folded first word; 0 = empty */
  size_t first;   /* index into term_order of the first term with it */
  size_t count;   /* number of terms sharing the first word */
} woo__term_slot;

typedef struct woo__section_re {
  pcre2_code *heading;
  pcre2_code *until; /* may be NULL */
  pcre2_code *keep;  /* may be NULL */
} woo__section_re;

struct woo_scanner {
  woo_policy *policy; /* own copy */
  pcre2_code **patterns; /* parallel to policy->patterns */
  woo__section_re *sections; /* parallel to policy->sections */
  woo__term_slot *term_slots;
  size_t n_term_slots; /* power of two */
  size_t *term_order;  /* term indices grouped by first-word hash */
  uint64_t *allow_hashes; /* sorted hashes of folded allow-list entries */
  size_t n_allow_hashes;
  woo__mailboxes mailboxes; /* of policy */
};

/* Hash of a word folded to lower case (ASCII and Latin letters). */
uint64_t woo__fold_hash(const char *s, size_t len);
/* Length of the word starting at s (letters, digits, and inner
 * apostrophes or hyphens), 0 if s does not start a word. */
size_t woo__word_len(const char *s, size_t len);

/* One entry of the lookup index over known names. */
typedef struct woo__name_key {
  uint64_t hash;    /* of the name's first word, exact bytes */
  const char *name; /* owned by the set */
  size_t len;
} woo__name_key;

/* A name by its first four bytes (its head), for the scan's usual case:
 * a word start where next_head found one of the heads. */
typedef struct woo__head_key {
  uint32_t head; /* the first four bytes, as loaded from memory */
  uint32_t len;
  const char *name;
} woo__head_key;

/* A learned hit in a quarter of a hit's bytes: its span, and what else it
 * says (entity, source, confidence, ground) as an entry of the set's
 * table of kinds (woo_names.kinds).  A batch keeps every document's
 * hits until its marking pass. */
typedef struct woo__learned_hit {
  uint32_t start, end;
  uint32_t kind;
} woo__learned_hit;

/* The person hits the learning pass found in one document, kept so that
 * the marking pass over the same text need not find them again: name
 * finding is most of a scan, and a batch reads every document twice.
 * The text is kept as well, so that a document is recognised by all of
 * its bytes, not by a hash that two texts could share: a plain
 * document's own, held with it (a batch that keeps its documents for the
 * marking pass then keeps each text once, and the same document given
 * again needs no comparing), or else a copy. */
typedef struct woo__learned {
  uint64_t hash; /* of the text: where the entry sits in the table */
  const woo_scanner *scanner; /* the hits hold for this scanner only */
  woo_doc *doc; /* held (woo__doc_hold) for its text, or NULL: a copy */
  const char *text;
  size_t len;
  woo__learned_hit *hits;
  size_t n_hits;
} woo__learned;

/* The kinds of learned hits a set can hold; a document with a hit of
 * another kind is not kept (its marking pass finds its names again). */
enum { WOO__LEARNED_KINDS = 256 };

/* Names learned from a batch.  Readers (scans) share a read lock; adding
 * names takes the write lock.  The lookup index is rebuilt, under the
 * write lock, the first time a scan finds it older than the set. */
struct woo_names {
  pthread_rwlock_t lock;
  uint64_t *v; /* sorted hashes of the names' bytes: membership */
  char **names;
  size_t n, cap;
  woo__name_key *index; /* sorted by hash */
  size_t index_n;       /* number of names the index covers */
  /* Where the index's keys whose hash has the top bucket_bits bits b
   * start: at bucket[b] (bucket[2^bucket_bits] is index_n), so that a
   * hash is found without a binary search over all the names. */
  size_t *bucket;
  unsigned bucket_bits;
  /* Built with the index, so that a scan turns most words away without
   * hashing them: a bit per first-word hash, the bytes names start with,
   * and a bit per hash of the names' first head_n bytes (heads; up to
   * four, as many as the shortest name has; 0: no such filter). */
  uint64_t filter[(1 << 13) / 64];
  bool first_byte[256];
  bool first_high; /* whether a name starts with a byte from 0x80 up */
  /* first_byte, apostrophe, hyphen and bytes >= 0x80: where a scan's
   * walk over plain ASCII words stops */
  bool stop[256];
  /* The ASCII stops other than apostrophe and hyphen lie in
   * [stop_lo, stop_hi] (empty when stop_lo > stop_hi), so that the walk
   * can look for them sixteen bytes at a time. */
  unsigned char stop_lo, stop_hi;
  uint64_t heads[(1 << 16) / 64];
  size_t head_n;
  /* When every name has four bytes or more (head_n == 4): the names by
   * head hash, then head, then length, longest first, and where those
   * of the top head_bits bits of a head hash start (head_at[b];
   * head_at[2^head_bits] is index_n); NULL otherwise. */
  woo__head_key *by_head;
  uint32_t *head_at;
  unsigned head_bits;
  /* Learned documents: open addressing on the text hash, NULL = empty
   * slot.  Bounded by WOO__LEARNED_BYTES; documents beyond it are
   * scanned again in the marking pass. */
  woo__learned **docs;
  size_t n_docs, doc_slots;
  size_t doc_bytes;
  /* The kinds of the learned hits (span left out, start and end 0), in
   * the order first met; entries are never changed once there. */
  woo__hit kinds[WOO__LEARNED_KINDS];
  size_t n_kinds;
  /* open addressing on a hash of the kind: its index + 1, 0 = empty */
  uint16_t kind_slot[2 * WOO__LEARNED_KINDS];
};

#define WOO__LEARNED_BYTES ((size_t)64 << 20)

#endif
