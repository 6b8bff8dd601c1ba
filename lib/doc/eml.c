/* E-mail (RFC 5322 / MIME) through GMime.
 *
 * The text of a mail is its header block (From, To, Cc, Bcc, Date,
 * Subject, one line each, as the mail names them, each line a header
 * part), a blank line, and then its text parts decoded to UTF-8; an HTML
 * part goes through the HTML loader.  Attachments are listed and, when
 * their format is one we read, loaded as child documents; a forwarded
 * message becomes a child e-mail.  Their text is not repeated in the
 * parent.
 *
 * Mail arrives broken in every way, so nothing here fails on content:
 * bytes that are not what the mail says they are become Windows-1252 or
 * U+FFFD with a warning, and nesting and part counts are capped. */
#include <errno.h>
#include <gmime/gmime.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "lazy.h"

/* Multiparts inside multiparts.  GMime itself stops at 1024; real mail
 * rarely passes five. */
#define MAX_MIME_DEPTH 64
/* Forwarded messages inside forwarded messages. */
#define MAX_MESSAGE_DEPTH 8
/* MIME parts visited in one input, all nesting levels together. */
#define MAX_PARTS 100000
/* Attachments loaded as child documents in one input. */
#define MAX_CHILDREN 10000
/* GMime's header parser slows down more than linearly on a single huge
 * line (0.1 s at 10 MB, 6 s at 160 MB); no real mail has lines this
 * long, so longer ones are refused rather than parsed. */
#define MAX_LINE ((size_t)32 << 20)

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

/* g_mime_init() is not safe to race; pthread_once makes it so. */
static void gmime_start(void) { g_mime_init(); }

/* The headers shown in the text, with their metadata keys. */
static const struct {
  const char *name;
  const char *key;
} shown[] = {{"From", "from"}, {"To", "to"},     {"Cc", "cc"},
             {"Bcc", "bcc"},   {"Date", "date"}, {"Subject", "subject"}};

/* State shared by a message and the messages nested in it. */
typedef struct mail {
  const woo_doc_options *opts;
  GMimeParserOptions *popts;
  size_t parts;
  size_t children;
  size_t decoded; /* bytes decoded from all parts */
  size_t max_decoded;
  bool warned_parts;
  bool warned_depth;
  bool warned_children;
} mail;

/* ---- text helpers -------------------------------------------------------- */

/* Copy s to out, reading each byte that is not part of valid UTF-8 as
 * Windows-1252 (mail that is mostly UTF-8 with a stray Latin-1 byte is
 * common).  *bad counts the bytes so read. */
static int put_repaired(woo__buf *out, const char *s, size_t n, size_t *bad) {
  int rc = 0;
  while (n && rc == 0) {
    size_t at = woo__utf8_invalid(s, n);
    if (at == WOO_UNSET)
      return woo__buf_put(out, s, n);
    rc = woo__buf_put(out, s, at);
    if (rc == 0)
      rc = woo__cp1252_to_utf8(out, (const unsigned char *)s + at, 1);
    (*bad)++;
    s += at + 1;
    n -= at + 1;
  }
  return rc;
}

/* Line ends to "\n", NUL bytes to spaces: the text is one C string. */
static void normalize_lines(woo__buf *b) {
  size_t w = 0;
  for (size_t r = 0; r < b->len; r++) {
    char c = b->data[r];
    if (c == '\r') {
      if (r + 1 < b->len && b->data[r + 1] == '\n')
        continue;
      c = '\n';
    } else if (c == '\0') {
      c = ' ';
    }
    b->data[w++] = c;
  }
  b->len = w;
  if (b->data)
    b->data[w] = '\0';
}

static bool charset_is(const char *cs, const char *const *names) {
  for (; *names; names++)
    if (strcasecmp(cs, *names) == 0)
      return true;
  return false;
}

/* Convert with iconv, turning each undecodable byte into U+FFFD. */
static int iconv_to_utf8(iconv_t cd, const char *s, size_t n, woo__buf *out,
                         size_t *bad) {
  char *in = (char *)s;
  size_t left = n;
  int rc = 0;
  while (left && rc == 0) {
    rc = woo__buf_grow(out, left * 2 + 16);
    if (rc)
      break;
    char *o = out->data + out->len;
    size_t room = out->cap - out->len - 1;
    size_t r = iconv(cd, &in, &left, &o, &room);
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    if (r == (size_t)-1 && errno != E2BIG) {
      /* EILSEQ or a truncated sequence at the end: skip one byte. */
      rc = woo__buf_put(out, "\xEF\xBF\xBD", 3);
      (*bad)++;
      in++;
      left--;
      iconv(cd, NULL, NULL, NULL, NULL);
    }
  }
  return rc;
}

/* Decode bytes in `charset` (may be NULL) to UTF-8 in out.  Sets *how to
 * a reason when the bytes were not what the charset said. */
static int to_utf8(const char *charset, const char *s, size_t n,
                   woo__buf *out, const char **how) {
  static const char *const utf8_names[] = {"utf-8", "utf8", "us-ascii",
                                           "ascii", "unknown-8bit", NULL};
  static const char *const western[] = {"iso-8859-1", "iso8859-1", "latin1",
                                        "latin-1",    "windows-1252",
                                        "cp1252",     "x-cp1252", NULL};
  size_t bad = 0;
  int rc = 0;
  *how = NULL;
  /* ISO-8859-1 in mail is Windows-1252 in practice (Outlook's quotes and
   * euro sign), and the latter is a superset of its printable range. */
  if (charset && charset_is(charset, western))
    return woo__cp1252_to_utf8(out, (const unsigned char *)s, n);
  if (charset && !charset_is(charset, utf8_names)) {
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd != (iconv_t)-1) {
      rc = iconv_to_utf8(cd, s, n, out, &bad);
      g_mime_iconv_close(cd);
      if (bad)
        *how = "contains bytes invalid in its charset; replaced by U+FFFD";
      return rc;
    }
    *how = "has an unknown charset; read as UTF-8 or Windows-1252";
  }
  rc = put_repaired(out, s, n, &bad);
  if (bad && !*how)
    *how = "is not valid UTF-8; read as Windows-1252";
  return rc;
}

/* ---- headers ------------------------------------------------------------- */

/* A header value as one clean line of UTF-8: unfolded, raw 8-bit bytes
 * repaired, encoded-words decoded, control characters made spaces. */
static char *header_text(mail *m, woo_doc *doc, const char *name,
                         const char *raw) {
  woo__buf b = WOO__BUF_INIT, c = WOO__BUF_INIT;
  char *unfolded = g_mime_utils_header_unfold(raw ? raw : "");
  char *decoded = NULL, *result = NULL;
  size_t bad = 0;
  if (!unfolded)
    goto done;
  if (put_repaired(&b, unfolded, strlen(unfolded), &bad))
    goto done;
  if (bad && woo__doc_warn(doc, "%s: header %s is not valid UTF-8; read as "
                           "Windows-1252", doc->path, name))
    goto done;
  decoded = g_mime_utils_header_decode_text(m->popts, b.data ? b.data : "");
  if (!decoded)
    goto done;
  /* An encoded-word may claim any charset and carry any bytes. */
  bad = 0;
  if (put_repaired(&c, decoded, strlen(decoded), &bad))
    goto done;
  if (bad && woo__doc_warn(doc, "%s: header %s decodes to invalid UTF-8; "
                           "read as Windows-1252", doc->path, name))
    goto done;
  size_t w = 0, start = 0;
  for (size_t r = 0; r < c.len; r++) {
    unsigned char ch = (unsigned char)c.data[r];
    c.data[w++] = ch < 0x20 || ch == 0x7F ? ' ' : (char)ch;
  }
  while (start < w && c.data[start] == ' ')
    start++;
  while (w > start && c.data[w - 1] == ' ')
    w--;
  result = woo__strndup(c.data ? c.data + start : "", w - start);
done:
  g_free(unfolded);
  g_free(decoded);
  woo__buf_free(&b);
  woo__buf_free(&c);
  return result;
}

/* "2020-01-13T09:30:00+01:00" for a parseable Date header, else NULL. */
static char *iso_date(const char *value) {
  GDateTime *dt = g_mime_utils_header_decode_date(value);
  if (!dt)
    return NULL;
  gchar *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
  g_date_time_unref(dt);
  char *r = s ? woo__strdup(s) : NULL;
  g_free(s);
  return r;
}

static int header_block(mail *m, woo_doc *doc, GMimeMessage *msg) {
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
  int count = list ? g_mime_header_list_get_count(list) : 0;
  bool any = false;
  int rc = 0;
  for (int i = 0; i < count && rc == 0; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
    const char *hname = h ? g_mime_header_get_name(h) : NULL;
    size_t k = 0;
    while (hname && k < sizeof shown / sizeof *shown &&
           strcasecmp(hname, shown[k].name) != 0)
      k++;
    if (!hname || k == sizeof shown / sizeof *shown)
      continue;
    char *value = header_text(m, doc, shown[k].name, g_mime_header_get_raw_value(h));
    char *shown_name = woo__strdup(hname);
    if (!value || !shown_name) {
      free(value);
      free(shown_name);
      return WOO_ENOMEM;
    }
    /* Odd bytes in a header name would break the line; names are ASCII. */
    for (char *p = shown_name; *p; p++)
      if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7E)
        *p = '?';
    woo__buf line = WOO__BUF_INIT;
    rc = woo__buf_printf(&line, "%s: %s\n", shown_name, value);
    if (rc == 0)
      rc = woo__doc_append(doc, WOO_PART_HEADER, shown[k].name, line.data,
                           line.len);
    woo__buf_free(&line);
    if (rc == 0 && strcmp(shown[k].key, "date") == 0) {
      char *iso = iso_date(value);
      rc = woo__doc_add_meta(doc, "date", iso ? iso : value);
      free(iso);
    } else if (rc == 0) {
      rc = woo__doc_add_meta(doc, shown[k].key, value);
    }
    free(value);
    free(shown_name);
    any = true;
  }
  const char *id = g_mime_message_get_message_id(msg);
  if (rc == 0 && id && *id) {
    char *v = header_text(m, doc, "Message-ID", id);
    rc = v ? woo__doc_add_meta(doc, "message_id", v) : WOO_ENOMEM;
    free(v);
  }
  if (rc == 0 && any)
    rc = woo__doc_append(doc, WOO_PART_BODY, "", "\n", 1);
  return rc;
}

/* ---- parts --------------------------------------------------------------- */

/* The content of a leaf part with its transfer encoding undone. */
static int part_bytes(mail *m, woo_doc *doc, GMimePart *part, woo__buf *out) {
  GMimeDataWrapper *w = g_mime_part_get_content(part);
  if (!w)
    return 0;
  GMimeStream *mem = g_mime_stream_mem_new();
  if (!mem)
    return woo__oom();
  /* Truncated base64 or quoted-printable decodes as far as it goes. */
  g_mime_data_wrapper_write_to_stream(w, mem);
  GByteArray *arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  int rc = 0;
  if (arr && arr->len) {
    m->decoded += arr->len;
    if (m->decoded > m->max_decoded)
      rc = woo__error(WOO_ELIMIT, "%s: decoded parts exceed %zu bytes",
                      doc->path, m->max_decoded);
    else
      rc = woo__buf_put(out, arr->data, arr->len);
  }
  g_object_unref(mem);
  return rc;
}

/* Begin a new text part on a line of its own, a blank line after the
 * previous one. */
static int separate(woo_doc *doc, size_t body_start) {
  const woo__buf *t = &doc->text;
  if (t->len <= body_start)
    return 0;
  int rc = 0;
  if (t->data[t->len - 1] != '\n')
    rc = woo__doc_append(doc, WOO_PART_BODY, "", "\n", 1);
  if (rc == 0 && t->len >= 2 && t->data[t->len - 2] != '\n')
    rc = woo__doc_append(doc, WOO_PART_BODY, "", "\n", 1);
  return rc;
}

static int text_part(mail *m, woo_doc *doc, GMimeObject *obj, bool html,
                     size_t body_start) {
  woo__buf raw = WOO__BUF_INIT, utf8 = WOO__BUF_INIT;
  const char *how = NULL;
  const char *charset = g_mime_object_get_content_type_parameter(obj, "charset");
  int rc = part_bytes(m, doc, GMIME_PART(obj), &raw);
  if (rc == 0)
    rc = to_utf8(charset, raw.data ? raw.data : "", raw.len, &utf8, &how);
  if (rc == 0 && how)
    rc = woo__doc_warn(doc, "%s: a text part %s", doc->path, how);
  if (rc)
    goto done;
  normalize_lines(&utf8);
  rc = separate(doc, body_start);
  if (rc)
    goto done;
  if (!html) {
    rc = woo__doc_append(doc, WOO_PART_BODY, "", utf8.data ? utf8.data : "",
                         utf8.len);
    goto done;
  }
  rc = woo__html_to_text(doc, utf8.data ? utf8.data : "", utf8.len,
                         WOO_PART_BODY);
  if (rc && rc != WOO_ENOMEM) {
    /* A part libxml2 cannot read at all; the rest of the mail can be. */
    woo_error_clear();
    rc = woo__doc_warn(doc, "%s: an HTML part could not be read", doc->path);
  }
done:
  woo__buf_free(&raw);
  woo__buf_free(&utf8);
  return rc;
}

static const char *ext_of(const char *name) {
  const char *dot = strrchr(name, '.');
  return dot ? dot + 1 : "";
}

/* Whether an attachment is worth loading: a format we sniff with
 * confidence, or text by its type or name.  Images and other binaries
 * are only listed. */
static bool loadable(const char *data, size_t len, const char *name,
                     const char *mime) {
  static const char *const text_exts[] = {"txt", "csv", "md", "log", "ics",
                                          "vcf", "tsv", "json", NULL};
  woo_format f = woo_format_sniff(data, len, name);
  if (f != WOO_FORMAT_TEXT && f != WOO_FORMAT_UNKNOWN)
    return true;
  if (strncasecmp(mime, "text/", 5) == 0)
    return true;
  return charset_is(ext_of(name), text_exts);
}

/* "mail.eml:bijlage.pdf": the child's name in messages and as its path. */
static char *child_path(const woo_doc *doc, const char *name, size_t index) {
  woo__buf b = WOO__BUF_INIT;
  int rc = *name ? woo__buf_printf(&b, "%s:%s", doc->path, name)
                 : woo__buf_printf(&b, "%s:attachment %zu", doc->path,
                                   index + 1);
  if (rc) {
    woo__buf_free(&b);
    return NULL;
  }
  return woo__buf_detach(&b, NULL);
}

static char *clean_name(const char *s) {
  woo__buf b = WOO__BUF_INIT;
  size_t bad = 0;
  if (put_repaired(&b, s ? s : "", s ? strlen(s) : 0, &bad) ||
      woo__buf_grow(&b, 0)) {
    woo__buf_free(&b);
    return NULL;
  }
  for (size_t i = 0; i < b.len; i++)
    if ((unsigned char)b.data[i] < 0x20)
      b.data[i] = ' ';
  return woo__buf_detach(&b, NULL);
}

static int attachment(mail *m, woo_doc *doc, GMimeObject *obj) {
  woo__buf data = WOO__BUF_INIT;
  GMimeContentType *ct = g_mime_object_get_content_type(obj);
  char *mime = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
  char *name = clean_name(g_mime_part_get_filename(GMIME_PART(obj)));
  char *path = NULL;
  woo_doc *child = NULL;
  int rc = name ? part_bytes(m, doc, GMIME_PART(obj), &data) : WOO_ENOMEM;
  if (rc)
    goto done;
  const char *mt = mime ? mime : "";
  bool want = !m->opts || m->opts->load_attachments;
  if (want && loadable(data.data ? data.data : "", data.len, name, mt)) {
    if (m->children >= MAX_CHILDREN) {
      if (!m->warned_children)
        rc = woo__doc_warn(doc, "%s: more than %d attachments; the rest are "
                           "listed but not read", doc->path, MAX_CHILDREN);
      m->warned_children = true;
    } else {
      path = child_path(doc, name, doc->n_attachments);
      woo_doc_options copt = WOO_DOC_OPTIONS_INIT;
      if (m->opts)
        copt = *m->opts;
      copt.force_format = WOO_FORMAT_UNKNOWN; /* the child is sniffed */
      int crc = path ? woo__doc_load(&child, data.data ? data.data : "",
                                     data.len, path, &copt, 1)
                     : WOO_ENOMEM;
      m->children++;
      if (crc == WOO_ENOMEM) {
        rc = crc;
      } else if (crc) {
        rc = woo__doc_warn(doc, "%s: attachment %zu (%s) not read: %s",
                           doc->path, doc->n_attachments + 1, mt,
                           woo_error_last()->message);
        woo_error_clear();
      }
    }
  }
  if (rc == 0) {
    rc = woo__doc_add_attachment(doc, name, mt, data.len, child);
    child = NULL;
  }
done:
  woo_doc_free(child);
  woo__buf_free(&data);
  g_free(mime);
  free(name);
  free(path);
  return rc;
}

static int load_message(mail *m, woo_doc *doc, GMimeMessage *msg, int depth);

/* A forwarded message: a child e-mail built from the parsed message
 * itself (no second parse), its hash over the bytes as GMime writes
 * them. */
static int message_part(mail *m, woo_doc *doc, GMimeObject *obj, int depth) {
  GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
  char *name = clean_name(
      g_mime_object_get_content_disposition_parameter(obj, "filename"));
  char *path = NULL;
  woo_doc *child = NULL;
  GMimeStream *mem = NULL;
  int rc = name ? 0 : WOO_ENOMEM;
  if (rc)
    goto done;
  mem = g_mime_stream_mem_new();
  if (inner)
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
  GByteArray *arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  size_t size = arr ? arr->len : 0;
  bool want = !m->opts || m->opts->load_attachments;
  if (inner && want && depth + 1 > MAX_MESSAGE_DEPTH) {
    rc = woo__doc_warn(doc, "%s: forwarded messages nested more than %d deep; "
                       "the inner ones are not read", doc->path,
                       MAX_MESSAGE_DEPTH);
  } else if (inner && want) {
    path = child_path(doc, name, doc->n_attachments);
    child = path ? woo__doc_new(path) : NULL;
    if (!child) {
      rc = WOO_ENOMEM;
      goto done;
    }
    child->format = WOO_FORMAT_EML;
    child->input_size = size;
    woo__sha256_hex(arr && arr->len ? (const char *)arr->data : "", size,
                    child->sha256);
    rc = load_message(m, child, inner, depth + 1);
    if (rc == 0)
      rc = woo__doc_finish(child);
    if (rc && rc != WOO_ENOMEM) {
      woo_doc_free(child);
      child = NULL;
      rc = woo__doc_warn(doc, "%s: forwarded message not read: %s", doc->path,
                         woo_error_last()->message);
      woo_error_clear();
    }
  }
  if (rc == 0) {
    rc = woo__doc_add_attachment(doc, name, "message/rfc822", size, child);
    child = NULL;
  }
done:
  if (mem)
    g_object_unref(mem);
  woo_doc_free(child);
  free(name);
  free(path);
  return rc;
}

static bool is_attachment_part(GMimeObject *obj) {
  GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);
  if (d && g_mime_content_disposition_is_attachment(d))
    return true;
  /* A named part is a file the sender attached, even shown inline. */
  const char *fn = g_mime_part_get_filename(GMIME_PART(obj));
  return fn && *fn;
}

static int walk(mail *m, woo_doc *doc, GMimeObject *obj, int mime_depth,
                int msg_depth, size_t body_start);

/* multipart/alternative: one rendering of the same text, plain text
 * first, then HTML, then a richer multipart (related) holding one.  With
 * `plain` false the plain-text part is passed over. */
static GMimeObject *pick_alternative(GMimeMultipart *mp, bool plain) {
  int n = g_mime_multipart_get_count(mp);
  GMimeObject *html = NULL, *multi = NULL;
  for (int i = 0; i < n; i++) {
    GMimeObject *c = g_mime_multipart_get_part(mp, i);
    GMimeContentType *ct = c ? g_mime_object_get_content_type(c) : NULL;
    if (!ct)
      continue;
    if (GMIME_IS_PART(c) && !is_attachment_part(c)) {
      if (plain && g_mime_content_type_is_type(ct, "text", "plain"))
        return c;
      if (!html && g_mime_content_type_is_type(ct, "text", "html"))
        html = c;
    } else if (GMIME_IS_MULTIPART(c) && !multi) {
      multi = c;
    }
  }
  return html ? html : multi;
}

static bool blank_since(const woo_doc *doc, size_t from) {
  for (size_t i = from; i < doc->text.len; i++) {
    char c = doc->text.data[i];
    if (c != ' ' && c != '\n' && c != '\t')
      return false;
  }
  return true;
}

static int walk(mail *m, woo_doc *doc, GMimeObject *obj, int mime_depth,
                int msg_depth, size_t body_start) {
  if (!obj)
    return 0;
  if (++m->parts > MAX_PARTS) {
    if (m->warned_parts)
      return 0;
    m->warned_parts = true;
    return woo__doc_warn(doc, "%s: more than %d MIME parts; the rest are not "
                         "read", doc->path, MAX_PARTS);
  }
  if (GMIME_IS_MESSAGE_PART(obj))
    return message_part(m, doc, obj, msg_depth);
  if (GMIME_IS_MULTIPART(obj)) {
    if (mime_depth >= MAX_MIME_DEPTH) {
      if (m->warned_depth)
        return 0;
      m->warned_depth = true;
      return woo__doc_warn(doc, "%s: multiparts nested more than %d deep; the "
                           "inner parts are not read", doc->path,
                           MAX_MIME_DEPTH);
    }
    GMimeMultipart *mp = GMIME_MULTIPART(obj);
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    if (ct && g_mime_content_type_is_type(ct, "multipart", "alternative")) {
      GMimeObject *best = pick_alternative(mp, true);
      size_t before = doc->text.len, parts_before = doc->n_parts;
      int rc = best ? walk(m, doc, best, mime_depth + 1, msg_depth, body_start)
                    : 0;
      /* Some senders leave the plain part empty and write only HTML. */
      GMimeObject *next = best ? pick_alternative(mp, false) : NULL;
      if (rc == 0 && next && next != best && blank_since(doc, before)) {
        if (doc->n_parts == parts_before && doc->text.data) {
          doc->text.len = before; /* drop the blank lines it left */
          doc->text.data[before] = '\0';
        }
        rc = walk(m, doc, next, mime_depth + 1, msg_depth, body_start);
      }
      if (best)
        return rc;
    }
    int rc = 0;
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n && rc == 0; i++)
      rc = walk(m, doc, g_mime_multipart_get_part(mp, i), mime_depth + 1,
                msg_depth, body_start);
    return rc;
  }
  if (!GMIME_IS_PART(obj))
    return 0;
  GMimeContentType *ct = g_mime_object_get_content_type(obj);
  if (ct && !is_attachment_part(obj)) {
    if (g_mime_content_type_is_type(ct, "text", "plain"))
      return text_part(m, doc, obj, false, body_start);
    if (g_mime_content_type_is_type(ct, "text", "html"))
      return text_part(m, doc, obj, true, body_start);
  }
  return attachment(m, doc, obj);
}

static int load_message(mail *m, woo_doc *doc, GMimeMessage *msg, int depth) {
  int rc = header_block(m, doc, msg);
  if (rc == 0)
    rc = walk(m, doc, g_mime_message_get_mime_part(msg), 0, depth,
              doc->text.len);
  if (rc == 0 && doc->text.len && doc->text.data[doc->text.len - 1] != '\n')
    rc = woo__doc_append(doc, WOO_PART_BODY, "", "\n", 1);
  return rc;
}

static size_t longest_line(const char *s, size_t len) {
  size_t longest = 0;
  const char *end = s + len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    if (n > longest)
      longest = n;
    s += n + 1;
  }
  return longest;
}

int woo__load_eml(woo_doc *doc, const char *data, size_t len,
                  const woo_doc_options *opts, const woo__limits *lim) {
  size_t line = len > MAX_LINE ? longest_line(data, len) : 0;
  if (line > MAX_LINE)
    return woo__error(WOO_ELIMIT, "%s: a line of %zu bytes, over the limit "
                      "of %zu for e-mail", doc->path, line, MAX_LINE);
  pthread_once(&gmime_once, gmime_start);
  mail m = {0};
  m.opts = opts;
  m.max_decoded = lim->max_expanded;
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, len);
  GMimeParser *parser = stream ? g_mime_parser_new_with_stream(stream) : NULL;
  GMimeMessage *msg = NULL;
  int rc = 0;
  m.popts = g_mime_parser_options_new();
  if (!stream || !parser || !m.popts) {
    rc = woo__oom();
    goto done;
  }
  g_mime_parser_options_set_rfc2047_compliance_mode(m.popts,
                                                    GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(m.popts,
                                                    GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(
      m.popts, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  msg = g_mime_parser_construct_message(parser, m.popts);
  if (!msg) {
    rc = woo__error(WOO_EFORMAT, "%s: not an e-mail message", doc->path);
    goto done;
  }
  rc = load_message(&m, doc, msg, 0);
done:
  if (msg)
    g_object_unref(msg);
  if (parser)
    g_object_unref(parser);
  if (stream)
    g_object_unref(stream);
  if (m.popts)
    g_mime_parser_options_free(m.popts);
  return rc;
}
