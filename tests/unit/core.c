/* Core: errors, buffers, UTF-8, span sets, line map, hashing, files. */
#include <stdint.h>
#include <unistd.h>

#include "lib/core/internal.h"
#include "test.h"

TEST(t_error_last) {
  woo_error_clear();
  CHECK_INT(woo_error_last()->code, WOO_OK);
  CHECK_STR(woo_error_last()->message, "");
  CHECK_INT(woo__error(WOO_EFORMAT, "%s: broken\nline", "a.pdf"), WOO_EFORMAT);
  CHECK_INT(woo_error_last()->code, WOO_EFORMAT);
  /* Messages are one line whatever the caller passed. */
  CHECK_STR(woo_error_last()->message, "a.pdf: broken line");
  CHECK_STR(woo_error_name(WOO_ENOMEM), "out of memory");
  CHECK_STR(woo_error_name(12345), "unknown error");
  CHECK_STR(woo_version(), WOO_VERSION_STRING);
}

TEST(t_buf) {
  woo__buf b = WOO__BUF_INIT;
  for (int i = 0; i < 1000; i++)
    CHECK_INT(woo__buf_printf(&b, "%d,", i), 0);
  CHECK(b.len > 3000);
  CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
  CHECK_INT(b.data[b.len], '\0');
  woo__buf_free(&b);
  CHECK_INT(woo__buf_put_utf8(&b, 0x20AC), 0);
  CHECK_INT(woo__buf_put_utf8(&b, 0x133), 0);
  CHECK_INT(woo__buf_put_utf8(&b, 0x1F600), 0);
  CHECK_STR(b.data, "€ĳ\xF0\x9F\x98\x80");
  size_t len;
  char *d = woo__buf_detach(&b, &len);
  CHECK_INT(len, 9);
  CHECK(b.data == NULL);
  free(d);
  woo__buf empty = WOO__BUF_INIT;
  d = woo__buf_detach(&empty, &len);
  CHECK(d && d[0] == '\0' && len == 0);
  free(d);
}

TEST(t_utf8) {
  size_t n;
  CHECK_INT(woo__utf8_decode((const unsigned char *)"\xC3\xAB", 2, &n), 0xEB);
  CHECK_INT(n, 2);
  CHECK_INT(woo__utf8_decode((const unsigned char *)"\xC3", 1, &n), WOO__BAD_CP);
  CHECK_INT(n, 1);
  /* Overlong, surrogate, beyond U+10FFFF. */
  CHECK_INT(woo__utf8_decode((const unsigned char *)"\xC0\xAF", 2, &n), WOO__BAD_CP);
  CHECK_INT(woo__utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &n), WOO__BAD_CP);
  CHECK_INT(woo__utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &n), WOO__BAD_CP);
  const char *ok = "Café Zoë ĳs € 12345678 ascii run long enough to use the fast path";
  CHECK_INT(woo__utf8_invalid(ok, strlen(ok)), WOO_UNSET);
  const char *bad = "abcdefghijklmnop\xE9t\xE9";
  CHECK_INT(woo__utf8_invalid(bad, strlen(bad)), 16);
  CHECK_INT(woo__utf8_back("aë", 2), 1);
  CHECK_INT(woo__utf8_len(0x20AC), 3);
}

/* The first invalid byte and whether there is a NUL, a byte at a time:
 * what the stepping walks must give. */
static size_t slow_invalid(const unsigned char *s, size_t len, bool *nul) {
  *nul = memchr(s, 0, len) != NULL;
  for (size_t i = 0, n; i < len; i += n)
    if (woo__utf8_decode(s + i, len - i, &n) == WOO__BAD_CP)
      return i;
  return WOO_UNSET;
}

/* Texts of every length up to past two steps of sixty-four, with ASCII,
 * two-, three- and four-byte characters, NULs and broken sequences
 * placed over step boundaries. */
TEST(t_utf8_walk) {
  static const char *const pieces[] = {"a",        "\xC3\xAB", "\xE2\x82\xAC",
                                       "\xF0\x9F\x98\x80", "\0",  "\xC3",
                                       "\xE9",     "\xED\xA0\x80", "\x80"};
  unsigned seed = 1;
  bool ok = true;
  for (int round = 0; round < 3000 && ok; round++) {
    unsigned char t[200];
    size_t len = 0, want = (size_t)(round % 160);
    while (len < want) {
      seed = seed * 1103515245u + 12345u;
      unsigned r = seed >> 16;
      /* mostly ASCII, so that the long steps are taken */
      const char *p = r % 16 < 12 ? "x" : pieces[(r / 16) % 9];
      size_t pl = p[0] ? strlen(p) : 1;
      if (len + pl > sizeof t)
        break;
      memcpy(t + len, p, pl);
      len += pl;
    }
    bool nul_slow, nul_fast;
    size_t slow = slow_invalid(t, len, &nul_slow);
    size_t fast = woo__utf8_invalid_nul((const char *)t, len, &nul_fast);
    ok = nul_fast == nul_slow && (nul_slow || fast == slow) &&
         woo__utf8_invalid((const char *)t, len) == slow;
  }
  CHECK(ok);
}

TEST(t_cp1252) {
  woo__buf b = WOO__BUF_INIT;
  const unsigned char in[] = {'C', 'a', 'f', 0xE9, ' ', 0x80, ' ', 0x93, 'x', 0x94, 0x81};
  CHECK_INT(woo__cp1252_to_utf8(&b, in, sizeof in), 0);
  CHECK_STR(b.data, "Café € “x”\xEF\xBF\xBD");
  woo__buf_free(&b);
}

TEST(t_classes) {
  CHECK(woo__is_upper('A') && !woo__is_upper('a'));
  CHECK(woo__is_upper(0xC9) && !woo__is_upper(0xE9)); /* É é */
  CHECK(woo__is_upper(0x132) && !woo__is_upper(0x133)); /* Ĳ ĳ */
  CHECK(woo__is_upper(0x141) && !woo__is_upper(0x142)); /* Ł ł */
  CHECK_INT(woo__fold(0xC9), 0xE9);
  CHECK_INT(woo__fold(0x132), 0x133);
  CHECK_INT(woo__fold(0x141), 0x142);
  CHECK_INT(woo__fold(0xDF), 0xDF);
  CHECK(woo__is_letter(0xEB) && !woo__is_letter(0xD7) && !woo__is_letter('1'));
  CHECK(woo__is_space(0xA0) && woo__is_space('\t') && !woo__is_space('x'));
}

TEST(t_spanset) {
  woo__spanset s = WOO__SPANSET_INIT;
  CHECK_INT(woo__spanset_add(&s, 10, 20), 0);
  CHECK_INT(woo__spanset_add(&s, 30, 40), 0);
  CHECK_INT(woo__spanset_add(&s, 5, 12), 0);
  CHECK_INT(woo__spanset_add(&s, 20, 25), 0); /* touching merges */
  CHECK_INT(woo__spanset_add(&s, 50, 40), WOO_EINVAL);
  woo__spanset_normalize(&s);
  CHECK_INT(s.n, 2);
  CHECK_INT(s.v[0].start, 5);
  CHECK_INT(s.v[0].end, 25);
  CHECK(woo__spanset_overlaps(&s, 24, 26));
  CHECK(!woo__spanset_overlaps(&s, 25, 30));
  CHECK(woo__spanset_overlaps(&s, 0, 100));
  CHECK(woo__spanset_contains(&s, 5));
  CHECK(!woo__spanset_contains(&s, 25));
  CHECK(woo__spanset_contains(&s, 39));
  CHECK(!woo__spanset_contains(&s, 40));
  woo__spanset_free(&s);
  CHECK(!woo__spanset_overlaps(&s, 0, 10));
}

TEST(t_linemap) {
  const char *t = "één\ntwee\r\n\ndrie";
  woo__linemap m;
  CHECK_INT(woo__linemap_build(&m, t, strlen(t)), 0);
  size_t line, col;
  woo__linemap_find(&m, t, strlen(t), 0, &line, &col);
  CHECK(line == 1 && col == 1);
  woo__linemap_find(&m, t, strlen(t), 5, &line, &col); /* after "één" */
  CHECK(line == 1 && col == 4);
  woo__linemap_find(&m, t, strlen(t), 6, &line, &col);
  CHECK(line == 2 && col == 1);
  woo__linemap_find(&m, t, strlen(t), strlen(t), &line, &col);
  CHECK(line == 4 && col == 5);
  woo__linemap_free(&m);
}

/* More lines than the stack holds, lines of every length up to past a
 * step, and a newline right at the end: every start where a byte after a
 * newline is. */
TEST(t_linemap_long) {
  enum { LEN = 40000 };
  char *t = malloc(LEN);
  CHECK(t != NULL);
  if (!t)
    return;
  size_t want = 1, run = 0, len = 0;
  for (size_t i = 0; i < LEN - 1; i++) {
    bool nl = run >= i % 37;
    t[len++] = nl ? '\n' : 'x';
    run = nl ? 0 : run + 1;
    want += nl;
  }
  t[len++] = '\n';
  want++;
  woo__linemap m;
  CHECK_INT(woo__linemap_build(&m, t, len), 0);
  CHECK(m.n == want);
  size_t k = 1;
  bool ok = m.starts[0] == 0;
  for (size_t i = 0; i < len; i++)
    if (t[i] == '\n')
      ok = ok && k < m.n && m.starts[k++] == i + 1;
  CHECK(ok && k == m.n);
  woo__linemap_free(&m);
  free(t);
}

static void sha_hex(const unsigned char raw[32], char hex[65]) {
  for (int i = 0; i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02x", raw[i]);
}

TEST(t_sha256) {
  char hex[65];
  woo__sha256_hex("abc", 3, hex);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  woo__sha256_hex("", 0, hex);
  CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  /* Both compression functions (the SHA extensions where the processor
   * has them) on the FIPS 180 examples, one of them a million bytes. */
  static const char two[] =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  size_t mlen = 1000000;
  char *million = malloc(mlen);
  CHECK(million != NULL);
  if (!million)
    return;
  memset(million, 'a', mlen);
  unsigned char raw[32];
  for (int fast = 0; fast <= (int)woo__sha256_fast(); fast++) {
    woo__sha256_raw(two, strlen(two), fast, raw);
    sha_hex(raw, hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    woo__sha256_raw(million, mlen, fast, raw);
    sha_hex(raw, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
  /* Every length around the block and padding edges: both agree. */
  if (woo__sha256_fast()) {
    for (size_t n = 0; n < 300; n++) {
      for (size_t i = 0; i < n; i++)
        million[i] = (char)(i * 131 + n);
      unsigned char a[32], b[32];
      woo__sha256_raw(million, n, false, a);
      woo__sha256_raw(million, n, true, b);
      CHECK(memcmp(a, b, 32) == 0);
    }
  } else {
    printf("  (no SHA extensions here: portable code only)\n");
  }
  free(million);
}

TEST(t_file_read) {
  char *data;
  size_t len;
  CHECK_INT(woo__file_read("/nonexistent/x.txt", 100, &data, &len), WOO_ENOTFOUND);
  CHECK(strstr(woo_error_last()->message, "/nonexistent/x.txt") != NULL);
  CHECK_INT(woo__file_read("/", 100, &data, &len), WOO_EIO);
  CHECK(strstr(woo_error_last()->message, "directory") != NULL);
  char path[] = "/tmp/woo-core-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK(write(fd, "hello", 5) == 5);
  close(fd);
  CHECK_INT(woo__file_read(path, 4, &data, &len), WOO_ELIMIT);
  CHECK_INT(woo__file_read(path, 5, &data, &len), 0);
  CHECK(len == 5 && memcmp(data, "hello", 5) == 0);
  free(data);
  unlink(path);
}

int main(void) {
  RUN(t_error_last);
  RUN(t_buf);
  RUN(t_utf8);
  RUN(t_utf8_walk);
  RUN(t_cp1252);
  RUN(t_classes);
  RUN(t_spanset);
  RUN(t_linemap);
  RUN(t_linemap_long);
  RUN(t_sha256);
  RUN(t_file_read);
  TEST_END();
}
