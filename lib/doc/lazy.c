/* Opening the libraries of lazy.h: once per process, on first need. */
#define WOO__LAZY_TABLES
#include "lazy.h"
#include "lazy_pdf.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "internal.h"

woo__xml_api woo__xmllib;
woo__zip_api woo__ziplib;
woo__gmime_api woo__gmimelib;
#if WOO__LAZY_PDF
woo__poppler_api woo__popplerlib;
woo__cairo_api woo__cairolib;
#endif

typedef struct lazy_lib {
  const char *what;   /* for messages: "libxml2" */
  const char *soname; /* the library the build was linked against */
  const char *const *names;
  void **slots; /* the table, one slot per name */
  size_t n;
  pthread_once_t once;
  int ok;
  char why[256]; /* dlerror() when not ok */
} lazy_lib;

#define WOO__LAZY_NAME(f) #f,
static const char *const xml_names[] = {WOO__XML_SYMBOLS(WOO__LAZY_NAME)};
static const char *const zip_names[] = {WOO__ZIP_SYMBOLS(WOO__LAZY_NAME)};
static const char *const gmime_names[] = {WOO__GMIME_SYMBOLS(WOO__LAZY_NAME)};
#if WOO__LAZY_PDF
static const char *const poppler_names[] = {
    WOO__POPPLER_SYMBOLS(WOO__LAZY_NAME)};
static const char *const cairo_names[] = {WOO__CAIRO_SYMBOLS(WOO__LAZY_NAME)};
#endif

/* The tables are arrays of pointers in all but name: every member is a
 * pointer to a function or to a variable, all of one size. */
#define LIB(what, soname, table, names)                                        \
  {                                                                            \
    what, soname, names, (void **)&table, sizeof table / sizeof(void *),       \
        PTHREAD_ONCE_INIT, 0, ""                                               \
  }

_Static_assert(sizeof woo__xmllib == sizeof xml_names, "one slot per name");
_Static_assert(sizeof woo__ziplib == sizeof zip_names, "one slot per name");
_Static_assert(sizeof woo__gmimelib == sizeof gmime_names, "one slot per name");
#if WOO__LAZY_PDF
_Static_assert(sizeof woo__popplerlib == sizeof poppler_names,
               "one slot per name");
_Static_assert(sizeof woo__cairolib == sizeof cairo_names, "one slot per name");
#endif

static lazy_lib xml_lib =
    LIB("libxml2", WOO_SONAME_XML, woo__xmllib, xml_names);
static lazy_lib zip_lib =
    LIB("minizip", WOO_SONAME_MINIZIP, woo__ziplib, zip_names);
static lazy_lib gmime_lib =
    LIB("GMime", WOO_SONAME_GMIME, woo__gmimelib, gmime_names);
#if WOO__LAZY_PDF
static lazy_lib poppler_lib =
    LIB("poppler-glib", WOO_SONAME_POPPLER, woo__popplerlib, poppler_names);
static lazy_lib cairo_lib =
    LIB("cairo", WOO_SONAME_CAIRO, woo__cairolib, cairo_names);
#endif

static void open_lib(lazy_lib *L) {
  /* RTLD_NOW: a missing symbol is found here, not in the middle of a
   * document.  Never closed: the library stays for the process, as it
   * would have had it been linked. */
  void *h = dlopen(L->soname, RTLD_NOW | RTLD_LOCAL);
  const char *err = NULL;
  for (size_t i = 0; h && i < L->n && !err; i++) {
    dlerror();
    void *sym = dlsym(h, L->names[i]);
    if (!sym)
      err = dlerror();
    L->slots[i] = sym;
  }
  if (!h)
    err = dlerror();
  if (err || !h) {
    if (err)
      snprintf(L->why, sizeof L->why, "%s", err);
    else
      snprintf(L->why, sizeof L->why, "%s: cannot be opened", L->soname);
    return;
  }
  L->ok = 1;
}

static void open_xml(void) {
  open_lib(&xml_lib);
}
static void open_zip(void) {
  open_lib(&zip_lib);
}
static void open_gmime(void) {
  open_lib(&gmime_lib);
}
#if WOO__LAZY_PDF
static void open_poppler(void) {
  open_lib(&poppler_lib);
}
static void open_cairo(void) {
  open_lib(&cairo_lib);
}
#endif

static int need(lazy_lib *L, void (*open)(void), const char *path) {
  pthread_once(&L->once, open);
  if (L->ok)
    return 0;
  return woo__error(WOO_EUNSUPPORTED,
                    "%s: needs %s, which cannot be loaded "
                    "(%s)",
                    path ? path : "", L->what, L->why);
}

int woo__need_xml(const char *path) {
  return need(&xml_lib, open_xml, path);
}
int woo__need_zip(const char *path) {
  return need(&zip_lib, open_zip, path);
}
int woo__need_gmime(const char *path) {
  return need(&gmime_lib, open_gmime, path);
}
#if WOO__LAZY_PDF
int woo__need_pdf(const char *path) {
  int rc = need(&poppler_lib, open_poppler, path);
  return rc ? rc : need(&cairo_lib, open_cairo, path);
}
#endif
