/* UTF-8 decoding and validation, Windows-1252 conversion, and the small
 * set of character classes the recognizers need for Dutch text. */
#include <string.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

uint32_t woo__utf8_decode(const unsigned char *s, size_t len, size_t *n) {
  unsigned c = s[0];
  *n = 1;
  if (c < 0x80)
    return c;
  size_t need;
  uint32_t cp, min;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2; cp = c & 0x1F; min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3; cp = c & 0x0F; min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4; cp = c & 0x07; min = 0x10000;
  } else {
    return WOO__BAD_CP;
  }
  if (len < need)
    return WOO__BAD_CP;
  for (size_t i = 1; i < need; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return WOO__BAD_CP;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return WOO__BAD_CP;
  *n = need;
  return cp;
}

/* The walk of woo__utf8_invalid and woo__utf8_invalid_nul: with `nul`,
 * a NUL byte stops it too (*nul is set).  Inlined into each, so that the
 * test for NUL costs nothing where it is not asked. */
static inline size_t utf8_walk(const unsigned char *s, size_t len,
                               bool *nul) {
  size_t i = 0;
  for (;;) {
#if defined(__SSE2__)
    /* Plain ASCII (and no NUL, where asked) sixty-four bytes a step: a
     * byte from 0x80 up has its top bit set, and a NUL is the least of
     * the bytes.  Then on to the first byte that needs a look, sixteen
     * bytes a step. */
    const __m128i zero = _mm_setzero_si128();
    for (; i + 64 <= len; i += 64) {
      __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
      __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32));
      __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48));
      __m128i x = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
      if (nul)
        x = _mm_or_si128(x, _mm_cmpeq_epi8(_mm_min_epu8(_mm_min_epu8(a, b),
                                                        _mm_min_epu8(c, d)),
                                           zero));
      if (_mm_movemask_epi8(x))
        break;
    }
    for (; i + 16 <= len; i += 16) {
      __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      if (nul)
        a = _mm_or_si128(a, _mm_cmpeq_epi8(a, zero));
      unsigned m = (unsigned)_mm_movemask_epi8(a);
      if (m) {
        i += (size_t)__builtin_ctz(m);
        break;
      }
    }
    /* the byte found, or the last bytes */
    size_t stop = i + 16 <= len ? i + 1 : len;
#else
    /* Eight bytes a step; a word with a NUL has a byte that borrows. */
    for (; i + 8 <= len; i += 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w | (nul ? (w - 0x0101010101010101ull) & ~w : 0)) &
          0x8080808080808080ull)
        break;
    }
    /* the word found, or the last bytes */
    size_t stop = i + 8 <= len ? i + 8 : len;
#endif
    /* Byte by byte there, then steps again. */
    for (; i < stop; i++) {
      unsigned c = s[i];
      if (c >= 0x80) {
        /* two bytes (accented Latin letters), the most common, here */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
          i++;
          continue;
        }
        size_t n;
        if (woo__utf8_decode(s + i, len - i, &n) == WOO__BAD_CP) {
          if (nul)
            *nul = memchr(s + i, 0, len - i) != NULL;
          return i;
        }
        i += n - 1;
      } else if (nul && c == 0) {
        *nul = true;
        return i;
      }
    }
    if (i >= len)
      return WOO_UNSET;
  }
}

size_t woo__utf8_invalid(const char *str, size_t len) {
  return utf8_walk((const unsigned char *)str, len, NULL);
}

size_t woo__utf8_invalid_nul(const char *str, size_t len, bool *nul) {
  *nul = false;
  return utf8_walk((const unsigned char *)str, len, nul);
}

size_t woo__utf8_len(uint32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t woo__utf8_back(const char *s, size_t off) {
  size_t lim = off > 3 ? off - 3 : 0;
  while (off > lim && ((unsigned char)s[off] & 0xC0) == 0x80)
    off--;
  return off;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes, which we
 * map to U+FFFD rather than guessing. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int woo__cp1252_to_utf8(woo__buf *out, const unsigned char *s, size_t len) {
  int rc = woo__buf_grow(out, len + len / 2);
  for (size_t i = 0; rc == 0 && i < len; i++) {
    uint32_t cp = s[i];
    if (cp >= 0x80 && cp < 0xA0)
      cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
    rc = cp < 0x80 ? woo__buf_putc(out, (char)cp) : woo__buf_put_utf8(out, cp);
  }
  return rc;
}

bool woo__is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

bool woo__is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x2007 || cp == 0x202F ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000;
}

bool woo__is_upper(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z')
    return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
    return true;
  if (cp >= 0x100 && cp <= 0x17F) /* Latin Extended-A alternates U/l */
    return cp == 0x178 || (cp != 0x138 && cp != 0x149 &&
                           ((cp < 0x139 || (cp > 0x148 && cp < 0x179))
                                ? (cp & 1) == 0
                                : (cp & 1) == 1));
  return false;
}

bool woo__is_letter(uint32_t cp) {
  if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
    return true;
  if (cp >= 0xC0 && cp <= 0x24F)
    return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x3FF) /* Greek */
    return true;
  if (cp >= 0x400 && cp <= 0x4FF) /* Cyrillic */
    return true;
  if (cp >= 0x1E00 && cp <= 0x1EFF) /* Latin Extended Additional */
    return true;
  return false;
}

uint32_t woo__fold(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z')
    return cp + 32;
  if (cp < 0xC0)
    return cp;
  if (cp <= 0xDE && cp != 0xD7)
    return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && woo__is_upper(cp))
    return cp == 0x178 ? 0xFF : cp + 1;
  return cp;
}
