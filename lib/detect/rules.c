/* The policy's own rules: literal terms, regex patterns and sections. */
#include <stdlib.h>
#include <string.h>

#include "../core/internal.h"
#include "internal.h"
#include "policy.h"
#include "scanner.h"

/* Case-insensitive comparison of a term with the text at `at`; returns
 * the number of text bytes matched, 0 if it does not match.  Runs of
 * spaces (and line breaks) in the text match one space of the term. */
static size_t match_term(const char *text, size_t len, size_t at,
                         const woo__term_rule *t) {
  size_t i = at, j = 0;
  while (j < t->len) {
    if (i >= len)
      return 0;
    size_t ni, nj;
    uint32_t a = woo__utf8_decode((const unsigned char *)text + i, len - i, &ni);
    uint32_t b = woo__utf8_decode((const unsigned char *)t->term + j, t->len - j, &nj);
    if (woo__is_space(b) && woo__is_space(a)) {
      while (i < len && woo__is_space(woo__utf8_decode(
                            (const unsigned char *)text + i, len - i, &ni)))
        i += ni;
      while (j < t->len && woo__is_space((unsigned char)t->term[j]))
        j++;
      continue;
    }
    if (t->case_sensitive ? a != b : woo__fold(a) != woo__fold(b))
      return 0;
    i += ni;
    j += nj;
  }
  return i - at;
}

static bool word_char_at(const char *text, size_t len, size_t at) {
  if (at >= len)
    return false;
  size_t n;
  uint32_t cp = woo__utf8_decode((const unsigned char *)text + at, len - at, &n);
  return woo__is_letter(cp) || woo__is_digit(cp);
}

int woo__find_terms(const woo__scan_ctx *ctx, woo__hits *out) {
  const woo_scanner *s = ctx->scanner;
  if (!s->n_term_slots)
    return 0;
  const woo__term_rule *terms = ctx->policy->terms;
  const char *text = ctx->text;
  size_t len = ctx->len, i = 0;
  while (i < len) {
    size_t w = woo__word_len(text + i, len - i);
    if (w == 0) {
      size_t n;
      woo__utf8_decode((const unsigned char *)text + i, len - i, &n);
      i += n;
      continue;
    }
    uint64_t h = woo__fold_hash(text + i, w);
    size_t j = h & (s->n_term_slots - 1);
    while (s->term_slots[j].hash && s->term_slots[j].hash != h)
      j = (j + 1) & (s->n_term_slots - 1);
    if (s->term_slots[j].hash == h) {
      /* The longest term starting here wins. */
      size_t best = 0, best_t = 0;
      for (size_t k = 0; k < s->term_slots[j].count; k++) {
        size_t ti = s->term_order[s->term_slots[j].first + k];
        size_t m = match_term(text, len, i, &terms[ti]);
        if (m > best && !word_char_at(text, len, i + m)) {
          best = m;
          best_t = ti;
        }
      }
      if (best) {
        int rc = woo__hits_add_ground(out, i, i + best, WOO_ENTITY_TERM,
                                      "policy:terms", 1.0, terms[best_t].ground);
        if (rc)
          return rc;
        i += best;
        continue;
      }
    }
    i += w;
  }
  return 0;
}

int woo__find_patterns(const woo__scan_ctx *ctx, woo__hits *out) {
  const woo_policy *p = ctx->policy;
  if (!p->n_patterns)
    return 0;
  int rc = 0;
  for (size_t i = 0; i < p->n_patterns && rc == 0; i++) {
    pcre2_code *re = ctx->scanner->patterns[i];
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!md)
      return woo__oom();
    PCRE2_SIZE at = 0;
    int group = p->patterns[i].group;
    while (at <= ctx->len) {
      int n = pcre2_match(re, (PCRE2_SPTR)ctx->text, ctx->len, at, 0, md, NULL);
      if (n < 0)
        break; /* no match, or a match limit: stop this pattern */
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
      if (ov[1] < ov[0])
        break; /* \K games: refuse rather than loop */
      if (group < n && ov[2 * group] != PCRE2_UNSET)
        rc = woo__hits_add_ground(out, ov[2 * group], ov[2 * group + 1],
                                  p->patterns[i].entity, "policy:patterns",
                                  1.0, p->patterns[i].ground);
      if (rc)
        break;
      at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
      while (at < ctx->len && ((unsigned char)ctx->text[at] & 0xC0) == 0x80)
        at++;
    }
    pcre2_match_data_free(md);
  }
  return rc;
}

static bool line_matches(pcre2_code *re, pcre2_match_data *md,
                         const char *line, size_t n) {
  return re && pcre2_match(re, (PCRE2_SPTR)line, n, 0, 0, md, NULL) >= 0;
}

static bool blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!woo__is_space((unsigned char)s[i]) && (unsigned char)s[i] != 0xC2 &&
        (unsigned char)s[i] != 0xA0)
      return false;
  return true;
}

/* Withhold the body of matching sections a paragraph at a time: a run of
 * non-blank lines that are not kept lines becomes one hit, trimmed of
 * surrounding space. */
int woo__find_sections(const woo__scan_ctx *ctx, woo__hits *out) {
  const woo_policy *p = ctx->policy;
  int rc = 0;
  for (size_t r = 0; r < p->n_sections && rc == 0; r++) {
    const woo__section_re *re = &ctx->scanner->sections[r];
    const woo__section_rule *rule = &p->sections[r];
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    if (!md)
      return woo__oom();
    bool inside = false;
    size_t para_start = WOO_UNSET, para_end = 0;
    size_t i = 0;
    while (i <= ctx->len && rc == 0) {
      const char *nl = memchr(ctx->text + i, '\n', ctx->len - i);
      size_t e = nl ? (size_t)(nl - ctx->text) : ctx->len;
      size_t le = e > i && ctx->text[e - 1] == '\r' ? e - 1 : e;
      const char *line = ctx->text + i;
      size_t n = le - i;
      bool close_para = true;
      if (!inside) {
        inside = line_matches(re->heading, md, line, n);
        if (inside && !rule->keep_headings)
          rc = woo__hits_add_ground(out, i, le, WOO_ENTITY_SECTION,
                                    "policy:sections", 1.0, rule->ground);
      } else if (line_matches(re->until, md, line, n)) {
        inside = line_matches(re->heading, md, line, n);
      } else if (!blank(line, n) && !line_matches(re->keep, md, line, n)) {
        size_t s = i, t = le;
        while (s < t && woo__is_space((unsigned char)ctx->text[s]))
          s++;
        while (t > s && woo__is_space((unsigned char)ctx->text[t - 1]))
          t--;
        if (para_start == WOO_UNSET)
          para_start = s;
        para_end = t;
        close_para = false;
      }
      if (close_para && para_start != WOO_UNSET) {
        rc = woo__hits_add_ground(out, para_start, para_end, WOO_ENTITY_SECTION,
                                  "policy:sections", 1.0, rule->ground);
        para_start = WOO_UNSET;
      }
      if (!nl)
        break;
      i = e + 1;
    }
    if (rc == 0 && para_start != WOO_UNSET)
      rc = woo__hits_add_ground(out, para_start, para_end, WOO_ENTITY_SECTION,
                                "policy:sections", 1.0, rule->ground);
    pcre2_match_data_free(md);
  }
  return rc;
}
