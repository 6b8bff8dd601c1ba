/* Security data (5.1.2.h): IP addresses, internal host names, passwords
 * and access codes.
 *
 * IPv4 addresses need four valid octets.  Four small numbers (all below
 * 32: 5.1.2.4, 10.2.1.4) are at least as often a section, an article or a
 * version as an address, so they count only after a network word (IP,
 * server, netwerk …); after "versie", "artikel", "paragraaf" … nothing
 * counts.  Host names count when they end in an internal domain (.local,
 * .lan, .corp, .internal, .intern, .intranet) or look like a machine name
 * (srv-app-01, DC-02, vm-prd-web3).  Passwords and codes only after their
 * label, and only the value is marked. */
#include <pthread.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"
#include "markers.h"
#include "scanutil.h"

static bool is_hex(unsigned char c) {
  return su_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *const net_context[] = {
    "ip ",      "ip-",     "ip:",     "ipv4",        "ipv6",   "adres",
    "server",   "host",    "netwerk", "network",     "subnet", "gateway",
    "dns",      "ping",    "router",  "firewall",    "vpn",    "proxy",
    "range",    "machine", "systeem", "werkstation", "laptop", "cluster",
    "database", "domein",  "domain",  "ssh",         "rdp",    "poort",
    "port",     "vm ",     "storing", "incident",    "patch",  "inlog",
    NULL};

static const char *const not_ip_context[] = {
    "versie", "version", "release", "build", "artikel", "art.", "paragraaf",
    "hoofdstuk", "§", "lid ", "bijlage", "sectie", "onderdeel", "punt ",
    "nr.", "figuur", "tabel", "wob", "woo", NULL};

/* The two lists as sets for one pass over a window (markers.h). */
_Static_assert(sizeof net_context / sizeof *net_context - 1 <= 64 &&
                   sizeof not_ip_context / sizeof *not_ip_context - 1 <= 64,
               "a bit per word");
static woo__markers net_set, not_ip_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;
static void sets_init(void);

/* ---- IPv4 and IPv6 ------------------------------------------------------------ */

/* An octet 0..255 without leading zeros at t[p..); its end or 0. */
static size_t octet_at(const char *t, size_t len, size_t p, int *val) {
  size_t n = 0;
  int v = 0;
  while (p + n < len && su_digit((unsigned char)t[p + n]) && n < 4)
    v = v * 10 + (t[p + n++] - '0');
  if (n == 0 || n > 3 || v > 255 || (n > 1 && t[p] == '0'))
    return 0;
  *val = v;
  return p + n;
}

/* The first digit at or after i of a run of one to three digits (counted
 * from i) with a dot right after it, or len; *run is the run's end, the
 * dot.  Found from the dots after a digit, which a text has far fewer
 * of than runs of digits.  Calls come with growing i. */
static size_t ipv4_next(const char *t, size_t len, su_walk *dots, size_t i,
                        size_t *run) {
  for (size_t d = i + 1; (d = su_walk_next(dots, d)) < len; d++) {
    if (!su_digit((unsigned char)t[d - 1]))
      continue;
    size_t s = d - 1;
    while (s > i && d - s <= 3 && su_digit((unsigned char)t[s - 1]))
      s--;
    if (d - s > 3)
      continue;
    *run = d;
    return s;
  }
  return *run = len;
}

static int find_ipv4(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len, i = 0, run;
  /* A dot with no digit after it ends the first octet's run and starts
   * no second octet: such a dot is passed as the walk passes it, and is
   * left out of the walk where the map tells. */
  su_walk dots;
  su_walk_init_digit(&dots, ctx, WOO__MAP_DOT, '.', 2);
  /* The first octet is the whole run, one to three digits, and a dot
   * follows it: other runs are passed over. */
  while ((i = ipv4_next(t, len, &dots, i, &run)) < len) {
    unsigned char b = i > 0 ? (unsigned char)t[i - 1] : ' ';
    if (su_wordc(b) || b == '.' || b == '-' || b == ',' || b == '_') {
      i = run;
      continue;
    }
    int o[4];
    size_t p = i, k = 0;
    for (; k < 4; k++) {
      if (k > 0) {
        if (p >= len || t[p] != '.')
          break;
        p++;
      }
      size_t q = octet_at(t, len, p, &o[k]);
      if (!q)
        break;
      p = q;
    }
    if (k < 4) {
      i = run;
      continue;
    }
    size_t e = p;
    /* Part of a longer dotted number, or glued to a word. */
    if (e < len && (su_wordc((unsigned char)t[e]) ||
                    ((t[e] == '.' || t[e] == '-') && e + 1 < len &&
                     su_alnum((unsigned char)t[e + 1])))) {
      while (i < len && (su_alnum((unsigned char)t[i]) || t[i] == '.'))
        i++;
      continue;
    }
    /* A prefix length (/24) or a port (:8080) belongs to it. */
    if (e + 1 < len && t[e] == '/' && su_digit((unsigned char)t[e + 1])) {
      size_t q = e + 1;
      while (q < len && su_digit((unsigned char)t[q]) && q - e <= 2)
        q++;
      if (q >= len || !su_wordc((unsigned char)t[q]))
        e = q;
    } else if (e + 1 < len && t[e] == ':' &&
               su_digit((unsigned char)t[e + 1])) {
      size_t q = e + 1;
      while (q < len && su_digit((unsigned char)t[q]) && q - e <= 5)
        q++;
      if (q >= len || !su_wordc((unsigned char)t[q]))
        e = q;
    }
    size_t start = i;
    i = e;
    if (woo__markers_before(&not_ip_set, t, start, 24))
      continue;
    bool net = woo__markers_before(&net_set, t, start, 64);
    bool small = o[0] < 32 && o[1] < 32 && o[2] < 32 && o[3] < 32;
    if (small && !net)
      continue;
    bool private_range = o[0] == 10 || (o[0] == 192 && o[1] == 168) ||
                         (o[0] == 172 && o[1] >= 16 && o[1] < 32);
    double conf = net ? 0.95 : private_range ? 0.85 : 0.8;
    if (woo__hits_add(out, start, e, WOO_ENTITY_IP, "ip", conf) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}

/* Hex digits and the colon, the bytes of an IPv6 address. */
static bool hex_or_colon[256];

/* The first colon at or after pos with a hex digit or a colon on one
 * side at least, from the map; or len.  A colon with neither (after a
 * label, "Datum: ") is an address of nothing but itself, which is none:
 * the walk would pass it and go on right after it. */
static size_t next_colon(const woo__scan_ctx *ctx, size_t pos) {
  const char *t = ctx->text;
  size_t len = ctx->len;
  for (size_t c = pos; (c = su_map_next(ctx->map, WOO__MAP_COLON, c)) < len;
       c++)
    if ((c > 0 && hex_or_colon[(unsigned char)t[c - 1]]) ||
        (c + 1 < len && hex_or_colon[(unsigned char)t[c + 1]]))
      return c;
  return len;
}

static int find_ipv6(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 0;
  su_walk walk;
  su_walk_init(&walk, ctx, WOO__MAP_COLON, ':');
  while (pos < len) {
    size_t colon = ctx->map ? next_colon(ctx, pos) : su_walk_next(&walk, pos);
    if (colon >= len)
      break;
    size_t s = colon, e = colon;
    while (s > 0 && colon - s < 40 &&
           (is_hex((unsigned char)t[s - 1]) || t[s - 1] == ':'))
      s--;
    while (e < len && e - s < 45 && (is_hex((unsigned char)t[e]) || t[e] == ':'))
      e++;
    pos = e > colon ? e : colon + 1;
    if ((s > 0 && (su_wordc((unsigned char)t[s - 1]) || t[s - 1] == '.')) ||
        (e < len && (su_wordc((unsigned char)t[e]) ||
                     (t[e] == '.' && e + 1 < len &&
                      su_alnum((unsigned char)t[e + 1])))))
      continue;
    /* Trailing colon of a label ("fe80::1:" is fine, "abc:" is not). */
    while (e > s && t[e - 1] == ':' && !(e - s >= 2 && t[e - 2] == ':'))
      e--;
    size_t groups = 0, glen = 0, doubles = 0;
    bool letter = false, ok = true, wide = false;
    for (size_t p = s; p < e && ok; p++) {
      if (t[p] == ':') {
        if (glen) {
          groups++;
          wide |= glen >= 3;
        }
        if (p + 1 < e && t[p + 1] == ':') {
          doubles++;
          p++;
        } else if (glen == 0 && p != s) {
          ok = false;
        }
        glen = 0;
        continue;
      }
      letter |= !su_digit((unsigned char)t[p]);
      ok = ++glen <= 4;
    }
    if (glen) {
      groups++;
      wide |= glen >= 3;
    }
    if (!ok || doubles > 1 || groups > 8)
      continue;
    if (doubles == 0 ? groups != 8 : (groups < 2 || !(letter || wide)))
      continue;
    if (!letter && !wide)
      continue; /* 10:30:00:00 … */
    if (e + 1 < len && t[e] == '/' && su_digit((unsigned char)t[e + 1])) {
      size_t q = e + 1;
      while (q < len && su_digit((unsigned char)t[q]) && q - e <= 3)
        q++;
      e = q;
    }
    double conf = woo__markers_before(&net_set, t, s, 64) ? 0.95 : 0.85;
    if (woo__hits_add(out, s, e, WOO_ENTITY_IP, "ip", conf) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}

int woo__find_ip(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&sets_once, sets_init);
  int rc = find_ipv4(ctx, out);
  return rc < 0 ? rc : find_ipv6(ctx, out);
}

/* ---- host names ------------------------------------------------------------- */

static bool host_char(unsigned char c) {
  return su_alnum(c) || c == '-' || c == '.';
}

/* Domains that never resolve outside an organisation. */
static const char *const internal_tld[] = {"local", "lan", "corp", "internal",
                                           "localdomain", "home", "intern",
                                           "intranet", NULL};

/* First labels of machine names. */
static const char *const host_prefix[] = {
    "srv", "server", "svr", "app", "db", "sql", "web", "dc", "vm", "host",
    "node", "fs", "ws", "pc", "lt", "nb", "prd", "prod", "tst", "acc", "dev",
    "ora", "exch", "mail", "smtp", "proxy", "fw", "rtr", "sw", "esx", "esxi",
    "nas", "san", "dns", "ldap", "ctx", "citrix", "rds", "vdi", "k8s",
    "kube", "mgmt", "bkp", "backup", "log", "mon", "jump", "bastion", "prn",
    "mfp", "print", NULL};

/* The domains grouped by first letter (markers.h); set up with the
 * network words. */
static woo__wordset tld_set;
/* Whether a domain starts with this byte, either case. */
static bool tld_first[256];

static int find_internal_domains(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 0;
  su_walk walk;
  su_walk_init(&walk, ctx, WOO__MAP_DOT, '.');
  /* A domain's dot has a letter after it: the map's word dots, where the
   * scan made them, hold every such dot. */
  const uint64_t *wd = ctx->map ? ctx->map->bits[WOO__MAP_WORD_DOTS] : NULL;
  while (pos < len) {
    size_t dot;
    if (wd) {
      while (*wd < pos)
        wd++;
      dot = (size_t)*wd;
    } else {
      dot = su_walk_next(&walk, pos);
    }
    if (dot >= len)
      break;
    /* Most dots end a sentence: the first letter after them lets nearly
     * all go before the label is measured. */
    size_t le = dot + 1;
    pos = dot + 1;
    if (le >= len || !tld_first[(unsigned char)t[le]])
      continue;
    while (le < len && (su_alnum((unsigned char)t[le]) || t[le] == '-'))
      le++;
    if (le == dot + 1 || !woo__wordset_has(&tld_set, t + dot + 1, le - dot - 1))
      continue;
    if (le < len && (su_wordc((unsigned char)t[le]) ||
                     (t[le] == '.' && le + 1 < len &&
                      su_alnum((unsigned char)t[le + 1]))))
      continue;
    size_t s = dot;
    while (s > 0 && dot - s < 200 && host_char((unsigned char)t[s - 1]))
      s--;
    while (s < dot && !su_alnum((unsigned char)t[s]))
      s++;
    if (s == dot || (s > 0 && (su_wordc((unsigned char)t[s - 1]) ||
                               t[s - 1] == '@')))
      continue;
    size_t labels = 1;
    bool digit_or_hyphen = false;
    for (size_t p = s; p < le; p++) {
      labels += t[p] == '.';
      digit_or_hyphen |= su_digit((unsigned char)t[p]) || t[p] == '-';
    }
    /* ".intern", ".intranet", ".home" also end sentences glued together
     * by text extraction ("besproken.Intern"): ask for more. */
    size_t tl = le - dot - 1;
    bool weak = su_eq_fold(t + dot + 1, tl, "intern") ||
                su_eq_fold(t + dot + 1, tl, "intranet") ||
                su_eq_fold(t + dot + 1, tl, "home");
    if (weak && labels < 3 && !digit_or_hyphen)
      continue;
    if (woo__hits_add(out, s, le, WOO_ENTITY_HOSTNAME, "hostname", 0.9) < 0)
      return WOO_ENOMEM;
    pos = le;
  }
  return 0;
}

/* Whether a part of the hyphenated t[s..e) between two hyphens is a year
 * (1900-2099). */
static bool year_part(const char *t, size_t s, size_t e) {
  for (size_t p = s; p + 5 < e; p++)
    if (t[p] == '-' && t[p + 5] == '-' &&
        ((t[p + 1] == '1' && t[p + 2] == '9') ||
         (t[p + 1] == '2' && t[p + 2] == '0')) &&
        su_digit((unsigned char)t[p + 3]) && su_digit((unsigned char)t[p + 4]))
      return true;
  return false;
}

/* The end of the run of ASCII letters, digits and hyphens from q, and
 * at most lim (<= len): sixteen bytes a step where SSE2 is there, as
 * most runs after a hyphen are words of several letters. */
static inline size_t host_run_end(const char *t, size_t len, size_t q,
                                  size_t lim) {
#if defined(__SSE2__)
  /* signed compares: bytes from 0x80 up are negative, in no range */
  const __m128i d0 = _mm_set1_epi8('0' - 1), d1 = _mm_set1_epi8('9' + 1);
  const __m128i a0 = _mm_set1_epi8('a' - 1), a1 = _mm_set1_epi8('z' + 1);
  const __m128i low = _mm_set1_epi8(0x20), hy = _mm_set1_epi8('-');
  while (q < lim && q + 16 <= len) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + q));
    /* setting bit 5 makes capitals small and moves no other byte into
     * a..z */
    __m128i l = _mm_or_si128(x, low);
    __m128i in = _mm_or_si128(
        _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, d0), _mm_cmplt_epi8(x, d1)),
                     _mm_and_si128(_mm_cmpgt_epi8(l, a0), _mm_cmplt_epi8(l, a1))),
        _mm_cmpeq_epi8(x, hy));
    unsigned stop = ~(unsigned)_mm_movemask_epi8(in) & 0xffffu;
    if (stop) {
      q += (size_t)__builtin_ctz(stop);
      return q < lim ? q : lim;
    }
    q += 16;
  }
  if (q >= lim)
    return lim;
#endif
  while (q < lim && (su_alnum((unsigned char)t[q]) || t[q] == '-'))
    q++;
  return q;
}

static int find_machine_names(const woo__scan_ctx *ctx, woo__hits *out) {
  const char *t = ctx->text;
  size_t len = ctx->len, pos = 0;
  su_walk walk;
  su_walk_init(&walk, ctx, WOO__MAP_HYPHEN, '-');
  while (pos < len) {
    size_t hy = su_walk_next(&walk, pos);
    if (hy >= len)
      break;
    /* A hyphen with no letter, digit or hyphen after it ends its run:
     * the walk goes on right after it, as below, without measuring. */
    if (hy + 1 >= len ||
        !(su_alnum((unsigned char)t[hy + 1]) || t[hy + 1] == '-')) {
      pos = hy + 1;
      continue;
    }
    size_t s = hy, e = host_run_end(t, len, hy, len - hy > 32 ? hy + 32 : len);
    pos = e > hy ? e : hy + 1;
    while (e > hy && t[e - 1] == '-')
      e--;
    /* Ends in a number (srv-app-01): most hyphens join words, and go
     * here before the part before them is read. */
    if (e <= hy + 1 || !su_digit((unsigned char)t[e - 1]))
      continue;
    while (s > 0 && hy - s < 32 &&
           (su_alnum((unsigned char)t[s - 1]) || t[s - 1] == '-'))
      s--;
    if (s == hy || !su_alpha((unsigned char)t[s]))
      continue;
    if ((s > 0 && (su_wordc((unsigned char)t[s - 1]) || t[s - 1] == '.' ||
                   t[s - 1] == '@' || t[s - 1] == '/')) ||
        (e < len && (su_wordc((unsigned char)t[e]) ||
                     (t[e] == '.' && e + 1 < len &&
                      su_alnum((unsigned char)t[e + 1])))))
      continue;
    /* One case throughout (srv-app-01, DC-02). */
    bool up = false, low = false;
    size_t hyphens = 0;
    for (size_t p = s; p < e; p++) {
      up |= su_upper((unsigned char)t[p]);
      low |= su_lower((unsigned char)t[p]);
      hyphens += t[p] == '-';
    }
    if (up && low)
      continue;
    size_t fl = s;
    while (fl < e && su_alpha((unsigned char)t[fl]))
      fl++;
    bool prefix = fl < e && (t[fl] == '-' || su_digit((unsigned char)t[fl])) &&
                  su_in_list(t + s, fl - s, host_prefix);
    /* "PRK-SRV01": a later part may name the kind of machine, with its
     * number right after */
    for (size_t p = fl; !prefix && p < e; p++) {
      if (t[p] != '-')
        continue;
      size_t q = p + 1, r = q;
      while (r < e && su_alpha((unsigned char)t[r]))
        r++;
      prefix = r < e && r > q && su_digit((unsigned char)t[r]) &&
               su_in_list(t + q, r - q, host_prefix);
    }
    /* The network words are looked for only where they decide; a part
     * that is a year makes a file or case number ("SEC-2023-019"). */
    if (!prefix && !(hyphens >= 2 && fl - s >= 3 && !year_part(t, s, e)))
      continue;
    bool net = woo__markers_before(&net_set, t, s, 64);
    double conf;
    if (prefix)
      conf = net ? 0.9 : 0.75;
    else if (net)
      conf = 0.7;
    else
      continue;
    if (woo__hits_add(out, s, e, WOO_ENTITY_HOSTNAME, "hostname", conf) < 0)
      return WOO_ENOMEM;
  }
  return 0;
}

static void sets_init(void) {
  woo__markers_init(&net_set, net_context);
  woo__markers_init(&not_ip_set, not_ip_context);
  woo__wordset_init(&tld_set, internal_tld);
  for (unsigned c = 0; c < 256; c++)
    hex_or_colon[c] = is_hex((unsigned char)c) || c == ':';
  for (unsigned c = 0; c < 256; c++)
    tld_first[c] = tld_set.from[su_lowerc((unsigned char)c)] !=
                   tld_set.from[su_lowerc((unsigned char)c) + 1];
}

int woo__find_hostname(const woo__scan_ctx *ctx, woo__hits *out) {
  pthread_once(&sets_once, sets_init);
  int rc = find_internal_domains(ctx, out);
  return rc < 0 ? rc : find_machine_names(ctx, out);
}

/* ---- passwords and access codes ---------------------------------------------- */

/* Values that say there is no value. */
static const char *const not_secret[] = {
    "zie", "n.v.t.", "nvt", "onbekend", "geen", "volgt", "wordt", "is",
    "kan", "moet", "werd", "was", "van", "de", "het", "een", "en", "of",
    "via", "per", "bij", "in", "op", "voor", "wijzigen", "vergeten",
    "opnieuw", "verlopen", "ingesteld", "aangepast", "nodig", "vereist",
    "invoeren", "sturen", "verstuurd", "ontvangen", "verwijderd", "***",
    "xxx", "xxxx", "reset", "resetten", "beleid", "policy", "for", "the",
    "to", "and", "needed", "required", "[verwijderd]", NULL};

/* A ground code standing in for a withheld value ("5.1.2.h", "10.2.e"). */
static bool looks_like_code(const char *s, size_t n) {
  if (n == 0 || !su_digit((unsigned char)s[0]))
    return false;
  bool dot = false;
  for (size_t k = 0; k < n; k++) {
    unsigned char c = (unsigned char)s[k];
    dot |= c == '.';
    if (su_digit(c) || c == '.' || c == ',' || (k == n - 1 && su_lower(c)))
      continue;
    return false;
  }
  return dot;
}

/* The value after a label ending at `after`.  `pin` asks for digits. */
static int secret_value(const woo__scan_ctx *ctx, woo__hits *out,
                        size_t after, bool pin) {
  const char *t = ctx->text;
  size_t len = ctx->len, p = after;
  bool sep = false, verb = false;
  while (p < len && (t[p] == ' ' || t[p] == '\t'))
    p++;
  if (p < len && (t[p] == ':' || t[p] == '=')) {
    sep = true;
    p++;
  } else {
    size_t w = p;
    while (w < len && su_alpha((unsigned char)t[w]))
      w++;
    static const char *const verbs[] = {"is", "luidt", "was", "wordt", NULL};
    if (w > p && su_in_list(t + p, w - p, verbs) && w < len && t[w] == ' ') {
      verb = true;
      p = w;
    } else {
      /* "wachtwoord voor het beheeraccount tijdens de installatie: X",
       * "het standaardwachtwoord van de leverancier (1111)": the value
       * comes later in the same sentence, after a colon or in brackets. */
      size_t q = p, limit = p + 80 < len ? p + 80 : len;
      while (q < limit && t[q] != '\n' && t[q] != ':' && t[q] != '(' &&
             !(t[q] == '.' && q + 1 < len && t[q + 1] == ' '))
        q++;
      if (q < limit && t[q] == ':') {
        sep = true;
        p = q + 1;
      } else if (q < limit && t[q] == '(') {
        size_t r = q + 1;
        while (r < len && r - q < 20 && su_digit((unsigned char)t[r]))
          r++;
        if (r < len && t[r] == ')' && r - q > 4) {
          sep = true;
          p = q + 1;
        }
      }
    }
  }
  while (p < len && (t[p] == ' ' || t[p] == '\t'))
    p++;
  size_t s = p, e = p;
  while (e < len && e - s <= 64 && t[e] != ' ' && t[e] != '\t' &&
         t[e] != '\n' && t[e] != '\r')
    e++;
  if (e - s > 64)
    return 0;
  /* Quotes and closing punctuation are not part of the value. */
  if (s < e && (t[s] == '"' || t[s] == '\'' || t[s] == '(' || t[s] == '['))
    s++;
  while (e > s && strchr(".,;:)\"']", t[e - 1]))
    e--;
  if (e <= s || e - s < 3)
    return 0;
  size_t n = e - s;
  bool digits = true, alpha = true, lowers = true;
  for (size_t k = s; k < e; k++) {
    unsigned char c = (unsigned char)t[k];
    digits &= su_digit(c);
    alpha &= su_alpha(c) || c >= 0x80;
    lowers &= su_lower(c) || c >= 0x80;
  }
  if (su_in_list(t + s, n, not_secret) || looks_like_code(t + s, n))
    return 0;
  bool masked = true;
  for (size_t k = s; k < e; k++)
    masked &= t[k] == '*' || t[k] == 'x' || t[k] == 'X' || t[k] == '.';
  if (masked)
    return 0;
  double conf;
  bool grouped = false;
  if (pin && digits && n == 3) {
    /* a code in groups of three: "552 918 304" */
    size_t g = e;
    while (g + 4 <= len && t[g] == ' ' && su_digit((unsigned char)t[g + 1]) &&
           su_digit((unsigned char)t[g + 2]) &&
           su_digit((unsigned char)t[g + 3]) &&
           (g + 4 == len || !su_wordc((unsigned char)t[g + 4])) && g - s < 12)
      g += 4;
    grouped = g > e;
    e = g;
  }
  if (pin) {
    if (!digits || ((n < 4 || n > 8) && !grouped))
      return 0;
    conf = sep ? 0.95 : 0.85;
  } else if (sep) {
    conf = 0.9;
  } else {
    /* "wachtwoord wordt gemaild": a plain lowercase word is prose. */
    if (alpha && lowers)
      return 0;
    if (!verb && alpha)
      return 0;
    conf = verb ? 0.8 : 0.7;
  }
  return woo__hits_add(out, s, e, WOO_ENTITY_SECRET, "secret", conf);
}

/* Labels of secrets; those from "pincode" on ask for digits: PINs and
 * the codes that open or switch off something.  The shortest label sets
 * how far the one search for all labels (ids.c) may jump: none is
 * shorter than eight bytes but "pincode" and its kin. */
const char *const woo__secret_stems[] = {
    "wachtwoord", "password", "toegangscode", "inlogcode", "accesscode",
    "activatiecode", "pincode", "pin-code", "pukcode", "puk-code",
    "alarmcode", "uitschakelcode", "deurcode", "kluiscode", "vergadercode",
    "inbelcode", "beveiligingscode", "sleutelkluis", "codeslot", NULL};
#define SECRET_PIN_FROM 6
#define SECRET_CODESLOT 18

/* "een codeslot met code 2580": where the value after the word "code"
 * later in the sentence starts, or 0. */
static size_t codeslot_value(const char *t, size_t len, size_t after) {
  for (size_t p = after; p + 5 < len && p - after < 40; p++) {
    if (t[p] == '.' || t[p] == ';' || t[p] == '\n')
      return 0;
    if (t[p] == ' ' && su_eq_fold(t + p + 1, 4, "code") &&
        (p + 5 == len || !su_wordc((unsigned char)t[p + 5])))
      return p + 5;
  }
  return 0;
}

typedef struct secret_arg {
  const woo__scan_ctx *ctx;
  woo__hits *out;
} secret_arg;

static int secret_found(void *arg, size_t kw, size_t stem) {
  secret_arg *a = arg;
  const char *t = a->ctx->text;
  size_t after = kw + strlen(woo__secret_stems[stem]);
  /* The label itself, not "wachtwoorden" or "pincodebeleid"; compounds
   * in front are fine ("beheerderswachtwoord"). */
  if (after < a->ctx->len && su_wordc((unsigned char)t[after]))
    return 0;
  if (stem == SECRET_CODESLOT &&
      !(after = codeslot_value(t, a->ctx->len, after)))
    return 0;
  return secret_value(a->ctx, a->out, after, stem >= SECRET_PIN_FROM);
}

int woo__find_secret(const woo__scan_ctx *ctx, woo__hits *out) {
  secret_arg a = {ctx, out};
  int rc = woo__each_trigger(ctx, WOO__TRIG_SECRET, woo__secret_stems,
                             secret_found, &a);
  if (rc < 0)
    return rc;
  /* "PIN 1234", "pin: 1234": the bare word, found from the digits. */
  const char *t = ctx->text;
  size_t len = ctx->len, i = 0, run;
  su_digits digits;
  su_digits_init(&digits, ctx);
  /* Runs are passed whole, each to the next (su_digits_after). */
  for (i = su_digits_next(&digits, i, &run); i < len;
       i = su_digits_after(&digits, &run)) {
    /* most runs follow neither a space nor a colon */
    if (i < 4 || (t[i - 1] != ' ' && t[i - 1] != ':'))
      continue;
    size_t p = i;
    while (p > 0 && i - p < 4 && (t[p - 1] == ' ' || t[p - 1] == ':'))
      p--;
    /* "PIN 1234", "toegangspin 6137". */
    if (p >= 3 && p < i && (t[p - 1] == 'n' || t[p - 1] == 'N') &&
        su_eq_fold(t + p - 3, 3, "pin")) {
      rc = secret_value(ctx, out, p, true);
      if (rc < 0)
        return rc;
    }
  }
  return 0;
}
