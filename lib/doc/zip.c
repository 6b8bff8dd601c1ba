/* Zip containers read from memory through minizip.  minizip only knows
 * files, so a small set of I/O callbacks lets it read a byte range
 * instead; every size it reports comes from the archive and is treated as
 * a claim, checked against what actually comes out of the inflater. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <minizip/unzip.h>

#include "zip.h"
#include "xmlsafe.h"

/* The read position of the one stream minizip opens on the buffer. */
typedef struct memstream {
  const char *data;
  size_t len;
  size_t pos;
  int short_read; /* a read ran past the end */
} memstream;

typedef struct member {
  char *name;
  unz64_file_pos pos; /* where minizip finds it again, without a scan */
} member;

struct woo__zip {
  const char *name; /* for messages; borrowed */
  size_t len;
  memstream mem;
  unzFile uz;
  member *members;
  size_t n_members;
  size_t expanded;  /* bytes handed out by woo__zip_read so far */
  size_t max_expanded;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *filename,
                                 int mode) {
  (void)filename;
  if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
    return NULL;
  memstream *m = opaque;
  m->pos = 0;
  m->short_read = 0;
  return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf,
                                uLong size) {
  (void)opaque;
  memstream *m = stream;
  size_t left = m->pos < m->len ? m->len - m->pos : 0;
  size_t n = size < left ? size : left;
  memcpy(buf, m->data + m->pos, n);
  m->pos += n;
  /* minizip takes a short read for success unless the error callback
   * says otherwise, and would then use bytes it never got. */
  if (n < size)
    m->short_read = 1;
  return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf,
                                 uLong size) {
  (void)opaque;
  (void)stream;
  (void)buf;
  (void)size;
  return 0; /* read-only */
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream) {
  (void)opaque;
  return ((memstream *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset,
                               int origin) {
  (void)opaque;
  memstream *m = stream;
  ZPOS64_T base;
  switch (origin) {
  case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
  case ZLIB_FILEFUNC_SEEK_CUR: base = m->pos; break;
  case ZLIB_FILEFUNC_SEEK_END: base = m->len; break;
  default: return -1;
  }
  /* Seeking past the end is refused so a bogus offset in the directory
   * shows up as an error here rather than as a short read later. */
  if (offset > m->len || base + offset > m->len)
    return -1;
  m->pos = (size_t)(base + offset);
  return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream) {
  (void)opaque;
  (void)stream;
  return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream) {
  (void)opaque;
  return ((memstream *)stream)->short_read;
}

void woo__zip_close(woo__zip *z) {
  if (!z)
    return;
  if (z->uz)
    unzClose(z->uz);
  for (size_t i = 0; i < z->n_members; i++)
    free(z->members[i].name);
  free(z->members);
  free(z);
}

/* Walk the central directory once, keeping every member's name and
 * position; lookups later go straight to the member. */
static int list_members(woo__zip *z) {
  unz_global_info64 gi;
  if (unzGetGlobalInfo64(z->uz, &gi) != UNZ_OK)
    return woo__error(WOO_EFORMAT, "%s: damaged zip directory", z->name);
  if (gi.number_entry > WOO__ZIP_MAX_MEMBERS)
    return woo__error(WOO_ELIMIT,
                      "%s: zip bomb? %llu members, over the limit of %d",
                      z->name, (unsigned long long)gi.number_entry,
                      WOO__ZIP_MAX_MEMBERS);
  /* Every directory entry takes at least 46 bytes, so the claimed count
   * also bounds what is allocated here by the input size. */
  if (gi.number_entry > z->len / 46 + 1)
    return woo__error(WOO_EFORMAT, "%s: damaged zip directory", z->name);
  size_t cap = (size_t)gi.number_entry ? (size_t)gi.number_entry : 1;
  z->members = woo__calloc(cap, sizeof *z->members);
  if (!z->members)
    return WOO_ENOMEM;
  int rc = unzGoToFirstFile(z->uz);
  while (rc == UNZ_OK) {
    if (z->n_members == cap)
      return woo__error(WOO_EFORMAT,
                        "%s: damaged zip: more members than the directory "
                        "claims", z->name);
    unz_file_info64 info;
    char fname[1024];
    if (unzGetCurrentFileInfo64(z->uz, &info, fname, sizeof fname, NULL, 0,
                                NULL, 0) != UNZ_OK)
      return woo__error(WOO_EFORMAT, "%s: damaged zip directory", z->name);
    member *m = &z->members[z->n_members];
    /* A name longer than the buffer comes back cut short; keep it, it
     * can only fail to match. */
    m->name = woo__strdup(fname);
    if (!m->name)
      return WOO_ENOMEM;
    if (unzGetFilePos64(z->uz, &m->pos) != UNZ_OK)
      return woo__error(WOO_EFORMAT, "%s: damaged zip directory", z->name);
    z->n_members++;
    rc = unzGoToNextFile(z->uz);
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE)
    return woo__error(WOO_EFORMAT, "%s: damaged zip directory", z->name);
  return 0;
}

int woo__zip_open(woo__zip **out, const char *data, size_t len,
                  const char *name, const woo__limits *lim) {
  *out = NULL;
  /* Every package libwoo opens is read (and written) as XML. */
  int rc = woo__need_zip(name);
  if (rc == 0)
    rc = woo__need_xml(name);
  if (rc)
    return rc;
  woo__zip *z = woo__calloc(1, sizeof *z);
  if (!z)
    return WOO_ENOMEM;
  z->name = name ? name : "";
  z->len = len;
  z->mem.data = data;
  z->mem.len = len;
  z->max_expanded = lim->max_expanded;

  zlib_filefunc64_def io;
  io.zopen64_file = mem_open;
  io.zread_file = mem_read;
  io.zwrite_file = mem_write;
  io.ztell64_file = mem_tell;
  io.zseek64_file = mem_seek;
  io.zclose_file = mem_close;
  io.zerror_file = mem_error;
  io.opaque = &z->mem;

  rc = 0;
  z->uz = unzOpen2_64(z->name, &io);
  if (!z->uz) {
    rc = woo__error(WOO_EFORMAT,
                    "%s: not a readable zip (truncated or damaged)", z->name);
    goto done;
  }
  rc = list_members(z);
done:
  if (rc)
    woo__zip_close(z);
  else
    *out = z;
  return rc;
}

size_t woo__zip_count(const woo__zip *z) { return z ? z->n_members : 0; }

const char *woo__zip_member(const woo__zip *z, size_t i) {
  return z && i < z->n_members ? z->members[i].name : NULL;
}

static const member *find(const woo__zip *z, const char *name) {
  for (size_t i = 0; i < z->n_members; i++)
    if (strcmp(z->members[i].name, name) == 0)
      return &z->members[i];
  return NULL;
}

bool woo__zip_has(const woo__zip *z, const char *name) {
  return z && name && find(z, name) != NULL;
}

/* Whether `out` bytes from `in` compressed bytes is beyond the ratio any
 * real document part has. */
static bool ratio_exceeded(size_t out, size_t in) {
  if (out <= WOO__ZIP_RATIO_FLOOR)
    return false;
  return in == 0 || out / in >= WOO__ZIP_MAX_RATIO;
}

int woo__zip_read(woo__zip *z, const char *name, char **out, size_t *len) {
  *out = NULL;
  if (len)
    *len = 0;
  woo__buf b = WOO__BUF_INIT;
  bool opened = false;
  int rc = 0;
  const member *m = find(z, name);
  if (!m) {
    rc = woo__error(WOO_ENOTFOUND, "%s: %s missing from the zip", z->name,
                    name);
    goto done;
  }
  unz_file_info64 info;
  if (unzGoToFilePos64(z->uz, &m->pos) != UNZ_OK ||
      unzGetCurrentFileInfo64(z->uz, &info, NULL, 0, NULL, 0, NULL, 0) !=
          UNZ_OK) {
    rc = woo__error(WOO_EFORMAT, "%s: %s: damaged zip entry", z->name, name);
    goto done;
  }
  if (info.flag & 1) {
    rc = woo__error(WOO_EENCRYPTED, "%s: %s is encrypted", z->name, name);
    goto done;
  }
  /* The compressed size is a claim too; the data cannot be longer than
   * the archive that holds it. */
  size_t csize = info.compressed_size < z->len ? (size_t)info.compressed_size
                                               : z->len;
  size_t budget = z->max_expanded - z->expanded;
  /* Refuse early on what the directory claims, then keep checking what
   * actually comes out: the claims may lie. */
  if (info.uncompressed_size > budget) {
    rc = woo__error(WOO_ELIMIT,
                    "%s: zip bomb? %s would expand to %llu bytes, over the "
                    "limit of %zu",
                    z->name, name, (unsigned long long)info.uncompressed_size,
                    z->max_expanded);
    goto done;
  }
  if (ratio_exceeded((size_t)info.uncompressed_size, csize)) {
    rc = woo__error(WOO_ELIMIT,
                    "%s: zip bomb? %s claims to expand %llu:1", z->name, name,
                    (unsigned long long)(csize ? info.uncompressed_size / csize
                                               : info.uncompressed_size));
    goto done;
  }
  if (unzOpenCurrentFile(z->uz) != UNZ_OK) {
    rc = woo__error(WOO_EFORMAT, "%s: %s: damaged or unsupported zip entry",
                    z->name, name);
    goto done;
  }
  opened = true;
  for (;;) {
    if ((rc = woo__buf_grow(&b, 65536)))
      goto done;
    int n = unzReadCurrentFile(z->uz, b.data + b.len, 65536);
    if (n < 0) {
      rc = woo__error(WOO_EFORMAT, "%s: %s: damaged compressed data", z->name,
                      name);
      goto done;
    }
    if (n == 0)
      break;
    b.len += (size_t)n;
    b.data[b.len] = '\0';
    if (b.len > budget) {
      rc = woo__error(WOO_ELIMIT,
                      "%s: zip bomb? %s expands beyond the limit of %zu bytes",
                      z->name, name, z->max_expanded);
      goto done;
    }
    if (ratio_exceeded(b.len, csize)) {
      rc = woo__error(WOO_ELIMIT,
                      "%s: zip bomb? %s expands more than %d:1", z->name,
                      name, WOO__ZIP_MAX_RATIO);
      goto done;
    }
  }
  opened = false;
  if (unzCloseCurrentFile(z->uz) != UNZ_OK) {
    rc = woo__error(WOO_EFORMAT, "%s: %s: checksum mismatch (damaged zip)",
                    z->name, name);
    goto done;
  }
  z->expanded += b.len;
  *out = woo__buf_detach(&b, len);
  if (!*out)
    rc = WOO_ENOMEM;
done:
  if (opened)
    unzCloseCurrentFile(z->uz);
  woo__buf_free(&b);
  return rc;
}

struct _xmlDoc *woo__zip_read_xml(woo__zip *z, woo_doc *doc, const char *path,
                                  const char *kind, const char *part,
                                  bool required, bool *dtd_seen, int *rc) {
  *rc = 0;
  char *data = NULL;
  size_t len = 0;
  int r = woo__zip_read(z, part, &data, &len);
  if (r == WOO_ENOTFOUND && !required)
    return NULL;
  if (r == WOO_ENOTFOUND) {
    *rc = woo__error(WOO_EFORMAT, "%s: not %s: %s is missing", path, kind,
                     part);
    return NULL;
  }
  if (r == WOO_EFORMAT && !required) {
    *rc = woo__doc_warn(doc, "%s: damaged, skipped", part);
    return NULL;
  }
  if (r) {
    *rc = r;
    return NULL;
  }
  char msgname[1200];
  snprintf(msgname, sizeof msgname, "%s: %s", path, part);
  xmlDocPtr x = woo__xml_parse(data, len, msgname, false);
  free(data);
  if (!x) {
    if (required || woo_error_last()->code != WOO_EFORMAT)
      *rc = woo_error_last()->code;
    else
      *rc = woo__doc_warn(doc, "%s: not well-formed XML, skipped", part);
    return NULL;
  }
  if (x->intSubset && !*dtd_seen) {
    /* Package parts never carry a DTD; one that does was made by hand,
     * perhaps to smuggle in entities.  They are left unexpanded. */
    *dtd_seen = true;
    *rc = woo__doc_warn(doc, "%s has a DTD; its entities were not expanded",
                        part);
  }
  if (!xmlDocGetRootElement(x)) {
    xmlFreeDoc(x);
    if (required)
      *rc = woo__error(WOO_EFORMAT, "%s: %s is empty", path, part);
    return NULL;
  }
  return x;
}
