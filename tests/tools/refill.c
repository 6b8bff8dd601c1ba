/* refill: turn published (already redacted) documents into evaluation
 * cases for `woo eval`.
 *
 *   refill [--seed N] OUT FILE|DIR...
 *
 * Every privacy code that stands where text was withheld (5.1.2.e or Wob
 * 10.2.e, in any notation the code parser reads), and every elision
 * ("[...]") that stands where a name was left out -- after a salutation or
 * a title, or opening one of the first lines of a letter, where the
 * addressee is -- and every placeholder that says what it stands for
 * ("[persoonsnaam]", "[telnr. opsteller]") is replaced by a made-up
 * value of the kind the context asks for: a person's name, an e-mail
 * address when the code is glued to "@domain", a phone number after "T" or
 * "tel.", and so on.  OUT/<name>/input.txt is the document with those
 * values in place and gold.txt marks exactly the inserted values.  All
 * other text stays as published, so whatever the publisher left visible
 * is scored as text that must not be flagged.
 *
 * The names are invented here on purpose and not taken from the
 * library's lexicons: an evaluation that draws its names from the lists
 * the recognizer uses would measure nothing.  Choices are seeded per
 * document (its file name and --seed), so a case set can be rebuilt
 * exactly. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <woo.h>

/* First names from many backgrounds, with several rare ones. */
static const char *const first_names[] = {
  /* Dutch and Frisian */
  "Jan", "Pieter", "Sanne", "Femke", "Joris", "Maarten", "Anouk", "Lotte",
  "Bram", "Wouter", "Ineke", "Gerrit", "Hendrika", "Klaas", "Marloes",
  "Ruud", "Jolien", "Thijs", "Annelies", "Cornelis", "Wilhelmina", "Geert",
  "Floor", "Sjoerd", "Tjitske", "Wiebe", "Hylke", "Baukje", "Jildou",
  "Sietske", "Oebele", "Feike", "Gerlof", "Rintje", "Aukje", "IJsbrand",
  "Noah", "Daan", "Emma", "Liam", "Mila", "Finn", "Saar", "Jesse", "Isa",
  "Luuk", "Fenna", "Rozemarijn", "Evert", "Trijntje", "Hiltje", "Diederik",
  "Machteld", "Gijsbert", "Roelof", "Berendina",
  /* Moroccan and other Arabic */
  "Mohamed", "Fatima", "Youssef", "Khadija", "Said", "Naima", "Karim",
  "Samira", "Hamza", "Soufiane", "Ilham", "Nordin", "Zakaria", "Loubna",
  "Rachid", "Houda", "Abdelkader", "Imane", "Othmane", "Siham",
  /* Turkish */
  "Mehmet", "Ayşe", "Emre", "Elif", "Hatice", "Burak", "Zeynep", "Murat",
  "Gökhan", "Özlem", "Serkan", "Tuğba", "Yusuf", "Büşra", "Kemal", "Esra",
  "Cem", "Dilek",
  /* Surinamese, Hindustani, Antillean */
  "Radjesh", "Shanti", "Ravi", "Sunita", "Anand", "Kavita", "Roshni",
  "Dewkoemar", "Ramon", "Glenn", "Marciano", "Ingrid", "Errol", "Ruthmila",
  "Sharmila", "Jerrel", "Lucretia", "Shurwen", "Giovanni", "Nathaly",
  "Dyonne", "Quincy", "Jurgen",
  /* Indonesian and Moluccan */
  "Wayan", "Siti", "Agus", "Dewi", "Johannes", "Putri", "Ketut", "Budi",
  "Nyoman", "Ratna", "Yohanes", "Maureen",
  /* Polish, Ukrainian, Romanian, Bulgarian, Hungarian */
  "Agnieszka", "Krzysztof", "Małgorzata", "Wojciech", "Katarzyna", "Paweł",
  "Grzegorz", "Joanna", "Tomasz", "Zofia", "Łukasz", "Beata", "Oleksandr",
  "Olena", "Bogdan", "Ioana", "Radu", "Mariya", "Stoyan", "Zsófia",
  "Levente",
  /* West and East African */
  "Kwame", "Abena", "Kofi", "Ama", "Chidi", "Ngozi", "Oluwaseun", "Efua",
  "Yaw", "Abdirahman", "Hodan", "Filmon", "Senait", "Yonas", "Mebrahtu",
  "Ayaan", "Hamdi",
  /* Syrian, Afghan, Iranian */
  "Rami", "Lina", "Farid", "Shirin", "Dariush", "Nasrin", "Omid", "Mahsa",
  "Wael", "Rasha", "Hasib", "Zarmina",
  /* Chinese and Vietnamese */
  "Xiaoling", "Jun", "Mei", "Thanh", "Linh", "Quang", "Huong", "Bao",
  /* Portuguese, Cape Verdean, Brazilian, Southern European */
  "Joaquim", "Conceição", "João", "Fernanda", "Adilson", "Nikos", "Eleni",
  "Giulia", "Matteo", "Alejandro", "Pilar", "Dimitris",
};

/* Surnames; a leading lower-case part is the tussenvoegsel. */
static const char *const surnames[] = {
  /* Dutch with a tussenvoegsel */
  "de Vries", "van der Meer", "van den Berg", "de Jong", "van Dijk",
  "ter Horst", "van 't Hof", "in 't Veld", "van der Linden", "op den Kamp",
  "van Beek", "de Wit", "ten Brink", "van Oosterhout", "de Groot",
  "van Leeuwen", "van der Heijden", "uit den Bogaard", "van de Kerkhof",
  "te Riele", "de Haan", "van Rooij", "van den Broek", "van Gelder",
  "de Bruijn", "van der Zwaag", "ter Beek", "van Wijngaarden", "de Kort",
  "van Es",
  /* Dutch, Frisian, some rare */
  "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos",
  "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kuipers",
  "Verhoeven", "Willems", "Huisman", "Postma", "Kramer", "Schouten",
  "Wolters", "Hoekstra", "Veenstra", "Koster", "Prins", "Blom",
  "Timmermans", "Verbruggen", "Gerritsen", "Molenaar", "Hofstede",
  "Zwanenburg", "Wagemakers", "Rietveld", "Boersma", "Groeneveld",
  "Scheepstra", "Rutgers", "Terpstra", "Hiemstra", "Yntema", "Wijbenga",
  "Sikkema", "Anema", "Bouma", "Tjeerdsma", "Osinga", "Reitsma",
  "Zijlstra", "Feenstra", "Jellema", "Hettinga", "Oudejans", "Wildschut",
  "Kapteijns", "Zandbergen", "Roodbeen", "Spanjaard", "Hagedoorn",
  "Vlasblom", "Wolfswinkel", "Koopmanschap", "Griffioen", "Lagerwey",
  "Kranenburg", "Stuivenberg", "Kouwenhoven", "Heerschop", "Rijkeboer",
  "Doornbos", "Kamphuis", "Heijboer", "Verschuur", "Uijttewaal",
  "IJzerman", "IJsselstein",
  /* Moroccan */
  "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ouali", "Azzouzi",
  "El Khattabi", "Boukhari", "Achahbar", "Tahiri", "Lamrabet", "Ziani",
  "Essafi", "Bakkali", "Aït Taleb",
  /* Turkish */
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın",
  "Arslan", "Doğan", "Kılıç", "Koç", "Kurt", "Özdemir", "Karaca", "Tekin",
  "Güneş",
  /* Surinamese, Hindustani, Antillean */
  "Ramdin", "Sewnandan", "Kartosen", "Pinas", "Biharie", "Jaggan",
  "Ramsaran", "Doelwijt", "Emanuelson", "Kanhai", "Sedney", "Wijngaarde",
  "Nahar", "Soekhai", "Brunings", "Martina", "Isenia", "Maduro", "Rosaria",
  "Cijntje", "Lourens", "Francisca",
  /* Indonesian and Moluccan */
  "Siahaya", "Pattipeilohy", "Tuhumury", "Wattimena", "Latuheru",
  "Kartodikromo", "Soerjadi", "Nanlohy", "Matulessy",
  /* Polish, Ukrainian, Romanian, Hungarian, Southern European */
  "Kowalski", "Nowak", "Wiśniewska", "Zieliński", "Wójcik", "Lewandowska",
  "Kamiński", "Szymańska", "Dąbrowski", "Grabowski", "Mazur", "Kovalenko",
  "Shevchenko", "Popescu", "Ionescu", "Petrov", "Nagy", "Horváth",
  "Papadopoulos", "Rossi", "García", "Fernández",
  /* West and East African */
  "Mensah", "Boateng", "Asante", "Owusu", "Adeyemi", "Okafor", "Nwosu",
  "Osei", "Acheampong", "Warsame", "Farah", "Tesfaye", "Haile",
  "Abdillahi", "Gebremedhin", "Mohamud",
  /* Syrian, Afghan, Iranian */
  "Al-Hassan", "Haddad", "Rahimi", "Karimi", "Hosseini", "Nouri",
  "Sultani", "Popal", "Mahmoudi", "Al-Khatib",
  /* Chinese, Vietnamese, Cape Verdean, Portuguese */
  "Chen", "Wong", "Zhang", "Nguyen", "Tran", "Pham", "Lim", "Cheung",
  "Hoang", "Lopes", "Tavares", "Monteiro", "dos Santos", "da Silva",
  "Fortes", "Gonçalves",
};

static const char *const mail_domains[] = {
  "gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl",
  "xs4all.nl", "planet.nl", "live.nl", "icloud.com", "home.nl",
};

static const char *const streets[] = {
  "Lindelaan", "Beukenstraat", "Kerkweg", "Molensingel", "Zuiderhavenkade",
  "Fazantenhof", "Van Heemskerckstraat", "Oude Raamweg", "Klaverveld",
  "Prinses Irenestraat", "Dorpsstraat", "Wilgenhoek", "Spoorsingel",
};

static const char *const places[] = {
  "Zwolle", "Assen", "Leeuwarden", "Tilburg", "Amersfoort", "Delft",
  "Heerlen", "Zaandam", "Deventer", "Sneek", "Vlissingen", "Almere",
};

static const char *const months[] = {
  "januari", "februari", "maart", "april", "mei", "juni", "juli",
  "augustus", "september", "oktober", "november", "december",
};

static const char *const iban_banks[] = {
  "INGB", "ABNA", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ",
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* splitmix64: small, good enough, and its state lives on the caller's
 * stack. */
typedef struct rng {
  uint64_t s;
} rng;

static uint64_t rng_next(rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static size_t rng_below(rng *r, size_t n) {
  return (size_t)(rng_next(r) % n);
}

static bool rng_chance(rng *r, unsigned percent) {
  return rng_below(r, 100) < percent;
}

static uint64_t hash_str(const char *s, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325u ^ seed;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3u;
  return h;
}

/* A growing byte buffer; `failed` sticks after the first failed
 * allocation so callers check once at the end. */
typedef struct buf {
  char *p;
  size_t len, cap;
  bool failed;
} buf;

static void buf_add(buf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->failed = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void buf_printf(buf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp) {
    b->failed = true;
    return;
  }
  buf_add(b, tmp, (size_t)n);
}

/* What the context asks to be put back. */
typedef enum kind {
  K_PERSON,   /* a full name */
  K_TITLED,   /* after dhr., mevr., de heer …: surname or initials */
  K_GREETING, /* after Beste, Hoi …: first name or full name */
  K_EMAIL,    /* a whole address after "e-mail:" */
  K_EMAIL_AT, /* the local part of an address whose @domain is visible */
  K_PHONE,
  K_IBAN,
  K_ADDRESS,
  K_BIRTHDATE,
  K_COUNT
} kind;

static const char *const kind_entity[K_COUNT] = {
  "person", "person", "person", "email", "email", "phone", "iban",
  "address", "birthdate",
};

/* Everything known about one document while it is refilled. */
typedef struct refill {
  rng r;
  const char *used_surnames[64]; /* earlier names, for repeated mentions */
  const char *used_firsts[64];
  size_t nused;
  const char *last_first, *last_sur; /* the person just inserted */
  size_t last_end;                    /* where it ended; 0 for none */
  unsigned counts[K_COUNT];
} refill;

static bool is_alpha(unsigned char c) {
  return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* The initial of a name as written: its first character, or "IJ" for
 * the Dutch digraph. */
static void add_initial(buf *b, const char *name) {
  if (!strncmp(name, "IJ", 2)) {
    buf_str(b, "IJ.");
    return;
  }
  size_t n = 1;
  if ((unsigned char)name[0] >= 0xc0)
    while ((name[n] & 0xc0) == 0x80)
      n++;
  buf_add(b, name, n);
  buf_str(b, ".");
}

/* Surname with its tussenvoegsel capitalised, as Dutch writes it when no
 * first name or initial comes before it ("de heer Van Dijk"). */
static void add_surname_alone(buf *b, const char *s) {
  if (s[0] >= 'a' && s[0] <= 'z') {
    char c = (char)(s[0] - 'a' + 'A');
    buf_add(b, &c, 1);
    buf_str(b, s + 1);
  } else {
    buf_str(b, s);
  }
}

static const char *pick_surname(refill *st) {
  return surnames[rng_below(&st->r, COUNT(surnames))];
}

static const char *pick_first(refill *st) {
  return first_names[rng_below(&st->r, COUNT(first_names))];
}

static void remember(refill *st, const char *first, const char *sur) {
  if (st->nused < COUNT(st->used_surnames)) {
    st->used_firsts[st->nused] = first;
    st->used_surnames[st->nused++] = sur;
  }
}

/* A person's name in one of the shapes documents use. */
static void make_person(refill *st, buf *b, kind k) {
  const char *first, *sur;
  /* Documents mention the same people again; so should the cases, to
   * exercise propagation of a name to its later mentions. */
  if (st->nused && rng_chance(&st->r, 30)) {
    size_t i = rng_below(&st->r, st->nused);
    first = st->used_firsts[i];
    sur = st->used_surnames[i];
  } else {
    first = pick_first(st);
    sur = pick_surname(st);
    remember(st, first, sur);
  }
  st->last_first = first;
  st->last_sur = sur;
  unsigned roll = (unsigned)rng_below(&st->r, 100);
  if (k == K_TITLED) {
    if (roll < 55) {
      add_surname_alone(b, sur);
    } else if (roll < 90) {
      add_initial(b, first);
      if (rng_chance(&st->r, 35))
        add_initial(b, pick_first(st));
      buf_str(b, " ");
      buf_str(b, sur);
    } else {
      buf_printf(b, "%s %s", first, sur);
    }
    return;
  }
  if (k == K_GREETING) {
    if (roll < 50)
      buf_str(b, first);
    else
      buf_printf(b, "%s %s", first, sur);
    return;
  }
  if (roll < 55) {
    buf_printf(b, "%s %s", first, sur);
  } else if (roll < 72) {
    add_initial(b, first);
    if (rng_chance(&st->r, 40))
      add_initial(b, pick_first(st));
    buf_str(b, " ");
    buf_str(b, sur);
  } else if (roll < 82) {
    /* A married name: own name, hyphen, partner's name. */
    const char *other = pick_surname(st);
    buf_printf(b, "%s %s-", first, sur);
    add_surname_alone(b, other);
  } else if (roll < 90) {
    buf_printf(b, "%s %s %s", first, pick_first(st), sur);
  } else if (roll < 95) {
    buf_printf(b, "%s ", first);
    add_initial(b, pick_first(st));
    buf_printf(b, " %s", sur);
  } else {
    add_surname_alone(b, sur);
  }
}

/* ASCII spelling of a name for an e-mail address: letters and digits,
 * accents dropped, spaces and apostrophes left out. */
static void add_mail_word(buf *b, const char *s) {
  static const struct {
    const char *utf8;
    char ascii;
  } fold[] = {
      {"ä", 'a'}, {"á", 'a'}, {"à", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ą", 'a'},
      {"ç", 'c'}, {"ć", 'c'}, {"č", 'c'}, {"é", 'e'}, {"è", 'e'}, {"ë", 'e'},
      {"ê", 'e'}, {"ę", 'e'}, {"ğ", 'g'}, {"ı", 'i'}, {"ï", 'i'}, {"í", 'i'},
      {"ł", 'l'}, {"ń", 'n'}, {"ñ", 'n'}, {"ö", 'o'}, {"ó", 'o'}, {"ô", 'o'},
      {"õ", 'o'}, {"ş", 's'}, {"ś", 's'}, {"š", 's'}, {"ü", 'u'}, {"ú", 'u'},
      {"ż", 'z'}, {"ź", 'z'}, {"Ç", 'c'}, {"Ö", 'o'}, {"Ş", 's'}, {"Ł", 'l'},
      {"Ü", 'u'}, {"Ä", 'a'}, {"É", 'e'},
  };
  while (*s) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        char l = (char)(c | 0x20);
        buf_add(b, &l, 1);
      } else if (c == '-') {
        buf_add(b, "-", 1);
      }
      s++;
      continue;
    }
    size_t n = 1;
    while ((s[n] & 0xc0) == 0x80)
      n++;
    for (size_t i = 0; i < COUNT(fold); i++)
      if (strlen(fold[i].utf8) == n && !memcmp(s, fold[i].utf8, n)) {
        buf_add(b, &fold[i].ascii, 1);
        break;
      }
    s += n;
  }
}

/* Local part of a personal address: j.dekker, jan.dekker, jandevries …
 * An address right after a name ("Jan Dekker <…@rvo.nl>") is that
 * person's. */
static void make_local(refill *st, buf *b, bool after_name) {
  const char *first, *sur;
  if (after_name && st->last_first) {
    first = st->last_first;
    sur = st->last_sur;
  } else {
    first = pick_first(st);
    sur = pick_surname(st);
    remember(st, first, sur);
  }
  buf fw = {0}, sw = {0};
  add_mail_word(&fw, first);
  add_mail_word(&sw, sur);
  if (fw.failed || sw.failed || !fw.p || !sw.p) {
    b->failed = true;
    goto done;
  }
  switch (rng_below(&st->r, 5)) {
  case 0: buf_printf(b, "%c.%s", fw.p[0], sw.p); break;
  case 1: buf_printf(b, "%s.%s", fw.p, sw.p); break;
  case 2: buf_printf(b, "%s%s", fw.p, sw.p); break;
  case 3: buf_printf(b, "%c%s%u", fw.p[0], sw.p, 60 + (unsigned)rng_below(&st->r, 40)); break;
  default: buf_printf(b, "%s_%s", fw.p, sw.p); break;
  }
done:
  free(fw.p);
  free(sw.p);
}

static void add_digits(refill *st, buf *b, int n) {
  for (int i = 0; i < n; i++) {
    char c = (char)('0' + rng_below(&st->r, 10));
    buf_add(b, &c, 1);
  }
}

/* Dutch numbers as the numbering plan has them, so that a recognizer
 * that checks area codes has nothing to reject: mobile 06 followed by
 * 1-5, three- and four-digit area codes in use, subscriber numbers not
 * starting with 0 or 1. */
static void make_phone(refill *st, buf *b) {
  static const char *const area3[] = {
      "010", "013", "015", "020", "023", "024", "026", "030", "033", "035",
      "036", "038", "040", "043", "045", "046", "050", "053", "055", "058",
      "070", "071", "072", "073", "074", "075", "076", "077", "078", "079"};
  static const char *const area4[] = {
      "0111", "0113", "0161", "0172", "0181", "0222", "0297", "0314",
      "0320", "0341", "0413", "0475", "0499", "0511", "0513", "0523",
      "0546", "0591", "0594"};
  char lead = (char)('2' + rng_below(&st->r, 8));
  char mob = (char)('1' + rng_below(&st->r, 5));
  switch (rng_below(&st->r, 7)) {
  case 0:
    buf_printf(b, "06-%c", mob);
    add_digits(st, b, 7);
    break;
  case 1:
    buf_printf(b, "06 %c", mob);
    add_digits(st, b, 3);
    buf_str(b, " ");
    add_digits(st, b, 4);
    break;
  case 2:
    buf_printf(b, "+31 6 %c", mob);
    add_digits(st, b, 3);
    buf_str(b, " ");
    add_digits(st, b, 4);
    break;
  case 3:
    buf_printf(b, "%s-%c", area3[rng_below(&st->r, COUNT(area3))], lead);
    add_digits(st, b, 6);
    break;
  case 4:
    buf_printf(b, "(%s) %c", area3[rng_below(&st->r, COUNT(area3))], lead);
    add_digits(st, b, 2);
    buf_str(b, " ");
    add_digits(st, b, 2);
    buf_str(b, " ");
    add_digits(st, b, 2);
    break;
  case 5:
    buf_printf(b, "%s-%c", area4[rng_below(&st->r, COUNT(area4))], lead);
    add_digits(st, b, 5);
    break;
  default:
    buf_printf(b, "06%c", mob);
    add_digits(st, b, 7);
    break;
  }
}

/* A Dutch IBAN with a correct mod-97 check: the account digits and bank
 * are random, the check digits are computed. */
static void make_iban(refill *st, buf *b) {
  const char *bank = iban_banks[rng_below(&st->r, COUNT(iban_banks))];
  char acct[11];
  for (int i = 0; i < 10; i++)
    acct[i] = (char)('0' + rng_below(&st->r, 10));
  acct[10] = '\0';
  /* Rearranged: bank, account, "NL00", letters as numbers 10..35. */
  char digits[64];
  size_t n = 0;
  char tail[20];
  snprintf(tail, sizeof tail, "%s%sNL00", bank, acct);
  for (const char *p = tail; *p; p++) {
    if (*p >= 'A' && *p <= 'Z')
      n += (size_t)snprintf(digits + n, sizeof digits - n, "%d", *p - 'A' + 10);
    else
      digits[n++] = *p;
  }
  unsigned rem = 0;
  for (size_t i = 0; i < n; i++)
    rem = (rem * 10 + (unsigned)(digits[i] - '0')) % 97;
  unsigned check = 98 - rem;
  if (rng_chance(&st->r, 50))
    buf_printf(b, "NL%02u%s%s", check, bank, acct);
  else
    buf_printf(b, "NL%02u %s %.4s %.4s %.2s", check, bank, acct, acct + 4, acct + 8);
}

static void make_address(refill *st, buf *b) {
  buf_printf(b, "%s %u", streets[rng_below(&st->r, COUNT(streets))],
             1 + (unsigned)rng_below(&st->r, 180));
  if (rng_chance(&st->r, 60)) {
    buf_printf(b, ", %u ", 1000 + (unsigned)rng_below(&st->r, 9000));
    char l[2] = {(char)('A' + rng_below(&st->r, 26)), (char)('A' + rng_below(&st->r, 26))};
    if (l[0] == 'S' && (l[1] == 'A' || l[1] == 'D' || l[1] == 'S'))
      l[1] = 'K'; /* letter pairs that are never given out */
    buf_add(b, l, 2);
    buf_printf(b, " %s", places[rng_below(&st->r, COUNT(places))]);
  }
}

static void make_birthdate(refill *st, buf *b) {
  unsigned d = 1 + (unsigned)rng_below(&st->r, 28), m = (unsigned)rng_below(&st->r, 12),
           y = 1940 + (unsigned)rng_below(&st->r, 65);
  if (rng_chance(&st->r, 50))
    buf_printf(b, "%02u-%02u-%u", d, m + 1, y);
  else
    buf_printf(b, "%u %s %u", d, months[m], y);
}

/* The word just before `pos` on the same line, lower-cased, with
 * trailing ':' kept off; *gap gets the blanks between it and `pos`.
 * Returns the word's length (0 for none). */
static size_t word_before(const char *t, size_t pos, char *out, size_t cap,
                          size_t *gap, size_t *word_start) {
  size_t i = pos;
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == ':'))
    i--;
  *gap = pos - i;
  size_t e = i;
  while (i > 0 && t[i - 1] != ' ' && t[i - 1] != '\t' && t[i - 1] != '\n' &&
         t[i - 1] != '\f' && t[i - 1] != '(' && e - i < cap - 1)
    i--;
  size_t n = e - i;
  for (size_t k = 0; k < n; k++) {
    char c = t[i + k];
    out[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  out[n] = '\0';
  *word_start = i;
  return n;
}

static bool in_list(const char *w, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(w, *list))
      return true;
  return false;
}

/* Decide what the code at [s, e) stood for.  For an address glued to
 * "@domain" *end is moved past the domain, which becomes part of the
 * inserted value. */
static kind classify(const char *t, size_t len, size_t s, size_t *end,
                     size_t *domain_start) {
  size_t e = *end, i = e;
  while (i < len && i - e < 2 && (t[i] == ' ' || t[i] == '\t'))
    i++;
  if (i + 1 < len && t[i] == '@' && is_alpha((unsigned char)t[i + 1])) {
    size_t d = i + 1, last_alpha = d;
    while (d < len && (is_alpha((unsigned char)t[d]) || (t[d] >= '0' && t[d] <= '9') ||
                       t[d] == '.' || t[d] == '-')) {
      if (is_alpha((unsigned char)t[d]))
        last_alpha = d + 1;
      d++;
    }
    *domain_start = i;
    *end = last_alpha;
    return K_EMAIL_AT;
  }

  static const char *const mail_words[] = {
      "e-mail", "email", "e-mailadres", "emailadres", "mailadres", NULL};
  static const char *const phone_words[] = {
      "t", "m", "tel", "tel.", "telefoon", "telefoonnummer", "telefoonnr",
      "telefoonnr.", "tel.nr.", "tel.nr", "telnr", "telnr.", "mobiel",
      "mobielnummer", "mob", "mob.", "gsm", NULL};
  static const char *const iban_words[] = {
      "iban", "rekeningnummer", "bankrekeningnummer", "rekeningnr",
      "rekeningnr.", "bankrekening", NULL};
  static const char *const address_words[] = {
      "adres", "woonadres", "huisadres", "woonachtig",
      "verblijfadres", "verblijfsadres", NULL};
  static const char *const birth_words[] = {
      "geboortedatum", "geb.", "geb.datum", "geboren", NULL};
  static const char *const title_words[] = {
      "dhr.", "dhr", "mevr.", "mevr", "heer", "mevrouw", "mw.", "mw",
      "mr.", "drs.", "dr.", "ir.", "ing.", "prof.", "ds.", NULL};
  static const char *const greet_words[] = {
      "beste", "hoi", "hallo", "hé", "dag", "lieve", NULL};

  char w[32];
  size_t gap, ws;
  size_t n = word_before(t, s, w, sizeof w, &gap, &ws);
  if (n == 0 || gap > 8)
    return K_PERSON;
  /* Phone labels are short; "T" and "M" only as a word of their own in
   * capitals, not Dutch "'t". */
  if (in_list(w, phone_words)) {
    if (n > 1 || t[ws] == 'T' || t[ws] == 'M')
      return K_PHONE;
  }
  if (in_list(w, mail_words))
    return K_EMAIL;
  if (in_list(w, iban_words))
    return K_IBAN;
  if (in_list(w, address_words))
    return K_ADDRESS;
  if (in_list(w, birth_words))
    return K_BIRTHDATE;
  if (gap <= 3 && in_list(w, title_words))
    return K_TITLED;
  if (gap <= 3 && in_list(w, greet_words))
    return K_GREETING;
  /* "geboren op", "wonende aan/te" */
  if (!strcmp(w, "op") || !strcmp(w, "aan") || !strcmp(w, "te")) {
    char w2[32];
    size_t gap2, ws2;
    if (word_before(t, ws, w2, sizeof w2, &gap2, &ws2) && gap2 <= 2) {
      if (!strcmp(w, "op") && !strcmp(w2, "geboren"))
        return K_BIRTHDATE;
      if (!strcmp(w2, "wonende") || !strcmp(w2, "woonachtig") || !strcmp(w2, "woont"))
        return K_ADDRESS;
    }
  }
  return K_PERSON;
}

/* True when the line around [s, e) is written in capitals, so that an
 * inserted name should be too. */
static bool upper_line(const char *t, size_t len, size_t s, size_t e) {
  size_t a = s, z = e;
  while (a > 0 && t[a - 1] != '\n')
    a--;
  while (z < len && t[z] != '\n')
    z++;
  unsigned upper = 0, lower = 0;
  for (size_t i = a; i < z; i++) {
    if (i >= s && i < e)
      continue;
    if (t[i] >= 'A' && t[i] <= 'Z')
      upper++;
    else if (t[i] >= 'a' && t[i] <= 'z')
      lower++;
  }
  return upper >= 4 && lower == 0;
}

/* Upper-case ASCII letters and the two-byte Latin-1 range of UTF-8. */
static void to_upper(char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 'a' && c <= 'z')
      p[i] = (char)(c - 32);
    else if (c == 0xc3 && i + 1 < n) {
      unsigned char d = (unsigned char)p[i + 1];
      if (d >= 0xa0 && d <= 0xbe && d != 0xb7)
        p[i + 1] = (char)(d - 0x20);
      i++;
    }
  }
}

static bool is_privacy(const woo_code *c) {
  return c->ground && (!strcmp(c->ground->code, "5.1.2.e") ||
                       !strcmp(c->ground->code, "10.2.e"));
}

/* Codes joined into one list ("10.2.e, 10.2.g", "5.1.2.e/5.1.2.i")
 * withheld one thing on several grounds together; such a list is left
 * as published unless every code in it is a privacy code. */
static bool joined(const char *t, size_t a, size_t b) {
  bool joiner = false;
  if (b - a > 6)
    return false;
  for (size_t i = a; i < b; i++) {
    char c = t[i];
    if (c == ',' || c == ';' || c == '/' || c == '+' || c == '&')
      joiner = true;
    else if (c == 'e' && i + 1 < b && t[i + 1] == 'n') {
      joiner = true;
      i++;
    } else if (c != ' ' && c != '\t')
      return false;
  }
  return joiner;
}

static bool blanks_only(const char *t, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if (t[i] != ' ' && t[i] != '\t')
      return false;
  return true;
}

/* A stretch of text that gets one inserted value. */
typedef struct slot {
  size_t start, end;
  int kind; /* the kind a named placeholder says; -1: from the context */
} slot;

static int cmp_slot(const void *a, const void *b) {
  const slot *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Append x to the n slots of *v (room for *cap); false when memory is
 * short, with *v freed. */
static bool push_slot(slot **v, size_t *n, size_t *cap, slot x) {
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 8;
    slot *nv = realloc(*v, c * sizeof *nv);
    if (!nv) {
      free(*v);
      *v = NULL;
      return false;
    }
    *v = nv;
    *cap = c;
  }
  (*v)[(*n)++] = x;
  return true;
}

/* The elision at t[i..), "[...]", "[..]" or "[…]"; its length or 0. */
static size_t elision_at(const char *t, size_t len, size_t i) {
  static const char *const forms[] = {"[...]", "[..]", "[\u2026]", "[ ... ]", NULL};
  for (size_t k = 0; forms[k]; k++) {
    size_t n = strlen(forms[k]);
    if (i + n <= len && !memcmp(t + i, forms[k], n))
      return n;
  }
  return 0;
}

/* Elisions that stand for a name: after a salutation or a title on the
 * same line ("Geachte [...],", "de heer [...]"), or opening one of the
 * first five lines that hold text -- a letter's address block -- with
 * nothing or a column gap after it.  Elsewhere an elision mostly shortens
 * a quotation. */
static slot *find_elisions(const char *t, size_t len, size_t *nout) {
  static const char *const before[] = {
      "geachte", "beste", "hoi", "hallo", "dhr.", "dhr", "mevr.", "mevr",
      "heer", "mevrouw", "mw.", NULL};
  slot *v = NULL;
  size_t n = 0, cap = 0, line = 0;
  *nout = 0;
  for (size_t a = 0; a < len;) {
    const char *nl = memchr(t + a, '\n', len - a);
    size_t b = nl ? (size_t)(nl - t) : len;
    size_t i = a;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
      i++;
    bool text_line = i < b;
    for (const char *p = memchr(t + i, '[', b - i); p;
         p = memchr(p + 1, '[', b - (size_t)(p + 1 - t))) {
      size_t s = (size_t)(p - t), e = s + elision_at(t, len, s);
      if (e == s)
        continue;
      bool name = false;
      if (s == i && line < 5) {
        size_t g = e;
        while (g < b && t[g] == ' ')
          g++;
        name = g == b || g - e >= 3 || t[e] == '\t';
      } else {
        char w[32];
        size_t gap, ws;
        name = word_before(t, s, w, sizeof w, &gap, &ws) && gap <= 3 &&
               in_list(w, before);
      }
      if (!name)
        continue;
      if (!push_slot(&v, &n, &cap, (slot){s, e, -1}))
        return NULL;
    }
    line += text_line;
    a = b + 1;
  }
  *nout = n;
  return v;
}

/* A placeholder that says what was withheld: "[persoonsnaam]",
 * "[naam]", "[naam medewerker]", "[telnr. opsteller]", "[e-mailadres]".
 * Its kind, or -1 when the brackets at t[s..e) hold something else
 * ("[het kenmerk]", "[RIJK]").  Only the first word counts, folded to
 * lower case; what follows it says whose it was. */
static int placeholder_kind(const char *t, size_t s, size_t e) {
  static const char *const person[] = {
      "persoonsnaam", "naam", "voornaam", "achternaam", "namen",
      "persoonsnamen", NULL};
  static const char *const phone[] = {
      "telnr", "telnr.", "tel.nr.", "telefoonnummer", "telefoonnr.",
      "telefoonnr", "mobiel", "mobielnummer", "06-nummer", NULL};
  static const char *const mail[] = {
      "e-mailadres", "emailadres", "mailadres", "e-mail", NULL};
  char w[32];
  size_t n = 0;
  for (size_t i = s + 1; i < e && t[i] != ' ' && t[i] != ']'; i++) {
    if (n + 1 == sizeof w)
      return -1;
    char c = t[i];
    w[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  w[n] = '\0';
  if (in_list(w, person))
    return K_PERSON;
  if (in_list(w, phone))
    return K_PHONE;
  if (in_list(w, mail))
    return K_EMAIL;
  return -1;
}

/* Named placeholders on one line of at most 40 bytes between the
 * brackets. */
static slot *find_placeholders(const char *t, size_t len, size_t *nout) {
  slot *v = NULL;
  size_t n = 0, cap = 0;
  *nout = 0;
  for (const char *p = memchr(t, '[', len); p;
       p = memchr(p + 1, '[', len - (size_t)(p + 1 - t))) {
    size_t s = (size_t)(p - t), e = s + 1;
    while (e < len && e - s <= 41 && t[e] != ']' && t[e] != '\n' && t[e] != '[')
      e++;
    if (e >= len || t[e] != ']')
      continue;
    e++;
    int k = placeholder_kind(t, s, e);
    if (k < 0)
      continue;
    if (!push_slot(&v, &n, &cap, (slot){s, e, k}))
      return NULL;
  }
  *nout = n;
  return v;
}

/* Add the m slots of more to the n of *v, in text order.  Returns 0 or
 * WOO_ENOMEM (*v unchanged then). */
static int add_slots(slot **v, size_t *n, const slot *more, size_t m) {
  if (m == 0)
    return 0;
  slot *w = realloc(*v, (*n + m + 1) * sizeof *w);
  if (!w)
    return WOO_ENOMEM;
  memcpy(w + *n, more, m * sizeof *more);
  *n += m;
  qsort(w, *n, sizeof *w, cmp_slot);
  *v = w;
  return 0;
}

/* Collect the stretches to refill: privacy markers, with lists and
 * markers printed side by side (one box each for first name and surname,
 * say) taken together. */
static int find_slots(const char *text, size_t len, slot **out, size_t *nout,
                      size_t *kept) {
  woo_codes *codes = NULL;
  slot *v = NULL;
  size_t n = 0;
  int rc = woo_codes_find(&codes, text, len, NULL);
  if (rc != 0)
    return rc;
  size_t nc = woo_codes_count(codes);
  v = calloc(nc + 1, sizeof *v);
  if (!v) {
    woo_codes_free(codes);
    return WOO_ENOMEM;
  }
  *kept = 0;
  for (size_t i = 0; i < nc;) {
    /* The list starting at code i. */
    size_t j = i + 1;
    while (j < nc && joined(text, woo_codes_at(codes, j - 1)->end, woo_codes_at(codes, j)->start))
      j++;
    bool all = true;
    for (size_t k = i; k < j; k++) {
      const woo_code *c = woo_codes_at(codes, k);
      if (c->role != WOO_ROLE_MARKER || !is_privacy(c))
        all = false;
    }
    if (!all) {
      *kept += j - i;
      i = j;
      continue;
    }
    size_t s = woo_codes_at(codes, i)->start, e = woo_codes_at(codes, j - 1)->end;
    if (n > 0 && blanks_only(text, v[n - 1].end, s))
      v[n - 1].end = e;
    else
      v[n++] = (slot){s, e, -1};
    i = j;
  }
  woo_codes_free(codes);
  size_t ne = 0, np = 0;
  slot *el = find_elisions(text, len, &ne);
  slot *ph = find_placeholders(text, len, &np);
  rc = add_slots(&v, &n, el, ne);
  if (rc == 0)
    rc = add_slots(&v, &n, ph, np);
  free(el);
  free(ph);
  if (rc != 0) {
    free(v);
    return rc;
  }
  *out = v;
  *nout = n;
  return 0;
}

/* Refill one text.  Returns 0, or a negative WOO_E* code. */
static int refill_text(refill *st, const char *text, size_t len, buf *input,
                       buf *gold, size_t *kept) {
  slot *slots = NULL;
  size_t ns = 0;
  int rc = find_slots(text, len, &slots, &ns, kept);
  if (rc != 0)
    return rc;
  size_t at = 0;
  for (size_t i = 0; i < ns; i++) {
    size_t s = slots[i].start, e = slots[i].end, dom = 0;
    if (s < at)
      continue;
    kind k = classify(text, len, s, &e, &dom);
    /* A placeholder that names a kind of contact data is that kind; one
     * that names a person is a name of the shape its context asks for. */
    if (slots[i].kind >= 0 && slots[i].kind != K_PERSON)
      k = (kind)slots[i].kind, e = slots[i].end;
    else if (slots[i].kind == K_PERSON && k > K_GREETING)
      k = K_PERSON, e = slots[i].end;
    bool after_name = st->last_end && s >= st->last_end && s - st->last_end <= 3 &&
                      !memchr(text + st->last_end, '\n', s - st->last_end);
    buf v = {0};
    switch (k) {
    case K_PERSON:
    case K_TITLED:
    case K_GREETING: make_person(st, &v, k); break;
    case K_EMAIL:
      make_local(st, &v, after_name);
      buf_printf(&v, "@%s", mail_domains[rng_below(&st->r, COUNT(mail_domains))]);
      break;
    case K_EMAIL_AT:
      make_local(st, &v, after_name);
      buf_add(&v, text + dom, e - dom);
      break;
    case K_PHONE: make_phone(st, &v); break;
    case K_IBAN: make_iban(st, &v); break;
    case K_ADDRESS: make_address(st, &v); break;
    case K_BIRTHDATE: make_birthdate(st, &v); break;
    case K_COUNT: break;
    }
    if (v.failed || !v.p) {
      free(v.p);
      free(slots);
      return WOO_ENOMEM;
    }
    if (k <= K_GREETING && upper_line(text, len, s, e))
      to_upper(v.p, v.len);
    st->counts[k]++;
    st->last_end = k <= K_GREETING ? e : 0;
    buf_add(input, text + at, s - at);
    buf_add(gold, text + at, s - at);
    buf_add(input, v.p, v.len);
    buf_printf(gold, "{{%s:", kind_entity[k]);
    buf_add(gold, v.p, v.len);
    buf_str(gold, "}}");
    free(v.p);
    at = e;
  }
  buf_add(input, text + at, len - at);
  buf_add(gold, text + at, len - at);
  free(slots);
  return input->failed || gold->failed ? WOO_ENOMEM : 0;
}

static int make_dir(const char *path) {
  if (mkdir(path, 0777) == 0 || errno == EEXIST)
    return 0;
  fprintf(stderr, "refill: %s: cannot create folder: %s\n", path, strerror(errno));
  return -1;
}

/* Refill one published document into OUT/<name>/.  Returns 0 or -1. */
static int refill_file(const char *path, const char *outdir, uint64_t seed) {
  int rc = -1;
  woo_doc *doc = NULL;
  buf input = {0}, gold = {0};
  char name[256], dir[4400], file[4500];
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  snprintf(name, sizeof name, "%s", base);
  char *dot = strrchr(name, '.');
  if (dot && dot != name)
    *dot = '\0';

  if (woo_doc_open(&doc, path, NULL) != 0) {
    fprintf(stderr, "refill: %s\n", woo_error_last()->message);
    goto done;
  }
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  /* The collected documents start with a provenance line that is not
   * part of what was published. */
  if (len >= 8 && !memcmp(text, "source: ", 8)) {
    const char *nl = memchr(text, '\n', len);
    size_t skip = nl ? (size_t)(nl - text) + 1 : len;
    text += skip;
    len -= skip;
  }
  for (size_t i = 0; i + 1 < len; i++)
    if (text[i] == '{' && text[i + 1] == '{') {
      fprintf(stderr, "refill: %s: holds \"{{\", which gold.txt cannot express; skipped\n",
              path);
      rc = 0;
      goto done;
    }

  refill st;
  memset(&st, 0, sizeof st);
  st.r.s = hash_str(name, seed);
  size_t kept = 0;
  int err = refill_text(&st, text, len, &input, &gold, &kept);
  if (err != 0) {
    fprintf(stderr, "refill: %s: %s\n", path,
            woo_error_last()->code ? woo_error_last()->message : woo_error_name(err));
    goto done;
  }
  snprintf(dir, sizeof dir, "%s/%s", outdir, name);
  if (make_dir(dir) != 0)
    goto done;
  snprintf(file, sizeof file, "%s/input.txt", dir);
  if (woo_write_file(file, input.p ? input.p : "", input.len, 1) != 0) {
    fprintf(stderr, "refill: %s\n", woo_error_last()->message);
    goto done;
  }
  snprintf(file, sizeof file, "%s/gold.txt", dir);
  if (woo_write_file(file, gold.p ? gold.p : "", gold.len, 1) != 0) {
    fprintf(stderr, "refill: %s\n", woo_error_last()->message);
    goto done;
  }
  unsigned total = 0;
  for (int k = 0; k < K_COUNT; k++)
    total += st.counts[k];
  printf("%-66s %3u refilled (person %u, email %u, phone %u, other %u), %zu other codes kept\n",
         name, total, st.counts[K_PERSON] + st.counts[K_TITLED] + st.counts[K_GREETING],
         st.counts[K_EMAIL] + st.counts[K_EMAIL_AT], st.counts[K_PHONE],
         st.counts[K_IBAN] + st.counts[K_ADDRESS] + st.counts[K_BIRTHDATE], kept);
  rc = 0;
done:
  free(input.p);
  free(gold.p);
  woo_doc_free(doc);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder's regular files in name order, each refilled. */
static int refill_dir(const char *path, const char *outdir, uint64_t seed) {
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "refill: %s: cannot open: %s\n", path, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn) {
        rc = -1;
        break;
      }
      names = nn;
    }
    if (!(names[n] = strdup(e->d_name))) {
      rc = -1;
      break;
    }
    n++;
  }
  closedir(d);
  if (rc == 0 && n)
    qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    char full[4400];
    struct stat st;
    snprintf(full, sizeof full, "%s/%s", path, names[i]);
    if (rc == 0 && stat(full, &st) == 0 && S_ISREG(st.st_mode))
      rc = refill_file(full, outdir, seed);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  uint64_t seed = 1;
  int a = 1;
  if (a + 1 < argc && !strcmp(argv[a], "--seed")) {
    seed = strtoull(argv[a + 1], NULL, 10);
    a += 2;
  }
  if (argc - a < 2) {
    fprintf(stderr, "usage: refill [--seed N] OUT FILE|DIR...\n");
    return 2;
  }
  const char *outdir = argv[a++];
  if (make_dir(outdir) != 0)
    return 1;
  int rc = 0;
  for (; a < argc; a++) {
    struct stat st;
    if (stat(argv[a], &st) != 0) {
      fprintf(stderr, "refill: %s: %s\n", argv[a], strerror(errno));
      rc = 1;
      continue;
    }
    if (S_ISDIR(st.st_mode) ? refill_dir(argv[a], outdir, seed)
                            : refill_file(argv[a], outdir, seed))
      rc = 1;
  }
  return rc;
}
