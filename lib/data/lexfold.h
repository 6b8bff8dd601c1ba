/* Lexicon key folding, shared by the table generator (built for the build
 * machine) and the run-time lookup, so that both sides agree byte for
 * byte.  Header-only and free of library dependencies on purpose.
 *
 * A key is folded to lower case with the diacritics of the Latin letters
 * used in Dutch, Turkish, Polish and other European names removed ("Zoë"
 * and "ZOE" meet, "Özdemir" and "Ozdemir" meet), the ligatures ĳ, œ, æ
 * and ß spelled out, typographic apostrophes and hyphens made ASCII and
 * every run of white space one space.  Text that does not decode as UTF-8
 * folds to nothing useful and is reported as not foldable. */
#ifndef WOO_DATA_LEXFOLD_H
#define WOO_DATA_LEXFOLD_H

#include <stddef.h>
#include <stdint.h>

/* Longest folded key a lexicon holds; longer words are never entries. */
#define WOO__LEXKEY_MAX 128

/* Base letters for U+00C0..U+017F, lower case; '\0' where the code point
 * needs more than one letter or is not a letter (handled in code). */
static const char woo__lexfold_latin[] =
    /* C0 */ "aaaaaa\0ceeeeiiii"
    /* D0 */ "dnooooo\0ouuuuy\0\0"
    /* E0 */ "aaaaaa\0ceeeeiiii"
    /* F0 */ "dnooooo\0ouuuuy\0y"
    /* 100 */ "aaaaaaccccccccdd"
    /* 110 */ "ddeeeeeeeeeegggg"
    /* 120 */ "gggghhhhiiiiiiii"
    /* 130 */ "ii\0\0jjkkklllllll"
    /* 140 */ "lllnnnnnnnnnoooo"
    /* 150 */ "oo\0\0rrrrrrssssss"
    /* 160 */ "ssttttttuuuuuuuu"
    /* 170 */ "uuuuwwyyyzzzzzzs";

/* Decode one UTF-8 sequence at s[0..n); returns the code point and its
 * length in *len, or 0xFFFFFFFF with *len = 1 when it is invalid. */
static inline uint32_t woo__lexfold_decode(const unsigned char *s, size_t n,
                                           size_t *len) {
  uint32_t c = s[0];
  size_t k;
  uint32_t min;
  *len = 1;
  if (c < 0x80)
    return c;
  if (c >= 0xC2 && c <= 0xDF) {
    k = 1;
    c &= 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    k = 2;
    c &= 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    k = 3;
    c &= 0x07;
    min = 0x10000;
  } else {
    return 0xFFFFFFFFu;
  }
  if (n < k + 1)
    return 0xFFFFFFFFu;
  for (size_t i = 1; i <= k; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0xFFFFFFFFu;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0xFFFFFFFFu;
  *len = k + 1;
  return c;
}

/* Fold s[0..n) into out (capacity WOO__LEXKEY_MAX).  Returns the folded
 * length, or (size_t)-1 when the key is too long or not valid UTF-8.
 * Leading and trailing spaces are dropped. */
static inline size_t woo__lexfold(const char *s, size_t n,
                                  char out[WOO__LEXKEY_MAX]) {
  const unsigned char *p = (const unsigned char *)s;
  size_t o = 0, i = 0;
  int space = 0;
  while (i < n) {
    unsigned char b = p[i];
    /* Plain ASCII letters, digits and most punctuation: the common case. */
    if (b < 0x80 && b > ' ' && b != '`') {
      if (space && o > 0) {
        if (o >= WOO__LEXKEY_MAX)
          return (size_t)-1;
        out[o++] = ' ';
      }
      space = 0;
      if (o >= WOO__LEXKEY_MAX)
        return (size_t)-1;
      out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
      i++;
      continue;
    }
    size_t len;
    uint32_t c = woo__lexfold_decode(p + i, n - i, &len);
    const char *rep = NULL;
    char one[5] = {0};
    i += len;
    if (c == 0xFFFFFFFFu)
      return (size_t)-1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
        c == 0x202F || c == 0x2009) {
      space = 1;
      continue;
    }
    if (c >= 'A' && c <= 'Z') {
      one[0] = (char)(c + 32);
    } else if (c < 0x80) {
      one[0] = (char)c;
    } else if (c >= 0xC0 && c <= 0x17F && woo__lexfold_latin[c - 0xC0]) {
      one[0] = woo__lexfold_latin[c - 0xC0];
    } else {
      switch (c) {
      case 0xC6: case 0xE6: rep = "ae"; break;
      case 0xDE: case 0xFE: rep = "th"; break;
      case 0xDF: rep = "ss"; break;
      case 0x132: case 0x133: rep = "ij"; break;
      case 0x152: case 0x153: rep = "oe"; break;
      case 0x218: case 0x219: rep = "s"; break; /* Romanian ș */
      case 0x21A: case 0x21B: rep = "t"; break; /* Romanian ț */
      case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0xB4:
      case 0x60: rep = "'"; break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: rep = "-"; break;
      default:
        /* Anything else (other scripts, symbols) is kept as it is. */
        if (c < 0x800) {
          one[0] = (char)(0xC0 | (c >> 6));
          one[1] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
          one[0] = (char)(0xE0 | (c >> 12));
          one[1] = (char)(0x80 | ((c >> 6) & 0x3F));
          one[2] = (char)(0x80 | (c & 0x3F));
        } else {
          one[0] = (char)(0xF0 | (c >> 18));
          one[1] = (char)(0x80 | ((c >> 12) & 0x3F));
          one[2] = (char)(0x80 | ((c >> 6) & 0x3F));
          one[3] = (char)(0x80 | (c & 0x3F));
        }
      }
    }
    if (!rep)
      rep = one;
    if (space && o > 0) {
      if (o >= WOO__LEXKEY_MAX)
        return (size_t)-1;
      out[o++] = ' ';
    }
    space = 0;
    for (; *rep; rep++) {
      if (o >= WOO__LEXKEY_MAX)
        return (size_t)-1;
      out[o++] = *rep;
    }
  }
  return o;
}

/* The hash of a folded key, eight bytes a step: each step takes the next
 * eight bytes as a little-endian number (the last one zero-padded), so
 * that the build machine and the run-time side agree whatever their byte
 * order.  The length goes into the final mix, which spreads both the low
 * bits (the table index) and the high bits (tags, fingerprints). */
#define WOO__LEXHASH_START 0xcbf29ce484222325u

/* One step over a chunk of eight bytes. */
static inline uint64_t woo__lexhash_step(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0x9e3779b97f4a7c15u;
  return h ^ (h >> 32);
}

static inline uint64_t woo__lexhash_end(uint64_t h, size_t n) {
  h ^= (uint64_t)n * 0xc2b2ae3d27d4eb4fu;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return h;
}

/* The bytes p[0..n) (n <= 8) as a little-endian number. */
static inline uint64_t woo__lexhash_chunk(const char *p, size_t n) {
  uint64_t x = 0;
  for (size_t i = 0; i < n; i++)
    x |= (uint64_t)(unsigned char)p[i] << (8 * i);
  return x;
}

static inline uint64_t woo__lexhash(const char *s, size_t n) {
  uint64_t h = WOO__LEXHASH_START;
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    h = woo__lexhash_step(h, woo__lexhash_chunk(s + i, 8));
  if (i < n)
    h = woo__lexhash_step(h, woo__lexhash_chunk(s + i, n - i));
  return woo__lexhash_end(h, n);
}

#endif
