/* The text map made by the widest steps the processor has and by the
 * steps every processor of the build has: the same bits and the same
 * lists, for random texts and for texts built of the mapped bytes and
 * their neighbours, of every length around the word and step sizes. */
#include <stdint.h>

#include "lib/detect/internal.h"
#include "test.h"

/* A small generator of its own, so the texts are the same every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

/* Entries of a list up to and including its last: the run that never
 * ends, or the text's length. */
static size_t runs_count(const uint64_t *v) {
  size_t n = 0;
  while ((v[n] >> 32) != UINT32_MAX)
    n++;
  return n + 1;
}
static size_t dots_count(const uint64_t *v, size_t len) {
  size_t n = 0;
  while (v[n] != len)
    n++;
  return n + 1;
}

/* Both maps of text, with and without the caller's room; 1 when they
 * agree. */
static int same_maps(const char *text, size_t len, uint64_t *room,
                     size_t room_words) {
  woo__textmap a, b;
  int ok = 1;
  if (woo__textmap_build_path(&a, text, len, room, room_words,
                              WOO__MAP_PATH_BEST))
    return 0;
  /* the second map in room of its own */
  uint64_t *room2 = room ? malloc(room_words * sizeof *room2) : NULL;
  if (woo__textmap_build_path(&b, text, len, room2, room_words,
                              WOO__MAP_PATH_BASE)) {
    woo__textmap_free(&a);
    free(room2);
    return 0;
  }
  if (a.words != b.words || a.len != b.len)
    ok = 0;
  for (int k = 0; ok && k < WOO__MAP_COUNT; k++)
    if (memcmp(a.bits[k], b.bits[k], a.words * sizeof *a.bits[k]))
      ok = 0;
  if (ok && (!a.bits[WOO__MAP_RUNS]) != (!b.bits[WOO__MAP_RUNS]))
    ok = 0;
  if (ok && a.bits[WOO__MAP_RUNS]) {
    size_t n = runs_count(a.bits[WOO__MAP_RUNS]);
    if (n != runs_count(b.bits[WOO__MAP_RUNS]) ||
        memcmp(a.bits[WOO__MAP_RUNS], b.bits[WOO__MAP_RUNS], n * 8))
      ok = 0;
  }
  if (ok) {
    size_t n = dots_count(a.bits[WOO__MAP_WORD_DOTS], len);
    if (n != dots_count(b.bits[WOO__MAP_WORD_DOTS], len) ||
        memcmp(a.bits[WOO__MAP_WORD_DOTS], b.bits[WOO__MAP_WORD_DOTS], n * 8))
      ok = 0;
  }
  woo__textmap_free(&a);
  woo__textmap_free(&b);
  free(room2);
  return ok;
}

/* Every byte value, as a text of all 256 at every offset. */
TEST(t_all_bytes) {
  char text[512 + 64];
  for (size_t off = 0; off < 64; off++) {
    for (size_t i = 0; i < sizeof text; i++)
      text[i] = (char)(unsigned char)((i + off) & 0xff);
    CHECK(same_maps(text, sizeof text - off, NULL, 0));
  }
}

/* The mapped bytes, their neighbours in value, and letters, at every
 * length up to a few words, with and without the caller's room. */
TEST(t_near_bytes) {
  static const char pick[] = "0123456789.-:+(/',;)9 aAbB\x7f\x80\xff\xa8\xba\t\n";
  char text[300];
  uint64_t room[64];
  for (int round = 0; round < 40; round++)
    for (size_t len = 0; len <= sizeof text; len++) {
      for (size_t i = 0; i < len; i++)
        text[i] = pick[rng() % (sizeof pick - 1)];
      int ok = same_maps(text, len, NULL, 0) &&
               same_maps(text, len, room, sizeof room / sizeof *room);
      CHECK(ok);
      if (!ok)
        return;
    }
}

/* Prose-like text with sparse marks, long enough for many words. */
TEST(t_random_long) {
  size_t len = 100000;
  char *text = malloc(len);
  CHECK(text != NULL);
  if (!text)
    return;
  for (int round = 0; round < 8; round++) {
    for (size_t i = 0; i < len; i++) {
      uint64_t r = rng();
      text[i] = (r & 15) ? (char)('a' + (r >> 8) % 26)
                         : (char)(unsigned char)(r >> 16);
    }
    CHECK(same_maps(text, len - (size_t)round * 7, NULL, 0));
  }
  free(text);
}

int main(void) {
  RUN(t_all_bytes);
  RUN(t_near_bytes);
  RUN(t_random_long);
  TEST_END();
}
