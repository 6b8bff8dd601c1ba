/*
 * libwoo — common definitions: version, visibility, errors, spans.
 *
 * Every fallible function returns 0 on success or a negative WOO_E* code;
 * the thread-local woo_error_last() then says what went wrong.  Results
 * handed back through an `out` pointer belong to the caller and are freed
 * with the matching *_free() function, which accepts NULL.  Pointers
 * returned by value are borrowed from the object they came from and stay
 * valid until that object is freed.
 */
#ifndef WOO_COMMON_H
#define WOO_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WOO_VERSION_MAJOR 0
#define WOO_VERSION_MINOR 1
#define WOO_VERSION_PATCH 0
#define WOO_VERSION_STRING "0.1.0"
/** Single number for compile-time comparisons: 0x00MMmmpp. */
#define WOO_VERSION_NUMBER                                                     \
  ((WOO_VERSION_MAJOR << 16) | (WOO_VERSION_MINOR << 8) | WOO_VERSION_PATCH)

#if defined(_WIN32) && defined(WOO_BUILDING)
#define WOO_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define WOO_EXTERN __attribute__((visibility("default")))
#else
#define WOO_EXTERN
#endif

/** The version of the library linked at run time ("0.1.0"); static. */
WOO_EXTERN const char *woo_version(void);

/** Error codes.  Every fallible function returns 0 or one of these. */
typedef enum woo_error_code {
  WOO_OK = 0,
  WOO_ENOMEM = -1,       /**< out of memory */
  WOO_EINVAL = -2,       /**< invalid argument (a caller's mistake) */
  WOO_EIO = -3,          /**< reading or writing a file failed */
  WOO_ENOTFOUND = -4,    /**< file or item does not exist */
  WOO_EFORMAT = -5,      /**< input is malformed or damaged */
  WOO_EUNSUPPORTED = -6, /**< format or feature not supported by this build */
  WOO_EENCRYPTED = -7,   /**< input is encrypted and no valid password given */
  WOO_ELIMIT = -8,       /**< a size, count or time limit was exceeded */
  WOO_EVERIFY = -9,      /**< output failed verification and was not written */
  WOO_EEXISTS = -10,     /**< output exists and overwriting was not asked */
  WOO_EPOLICY = -11,     /**< the policy is invalid */
  WOO_EMISMATCH = -12    /**< data does not belong to this input (hash) */
} woo_error_code;

/** The last error of the calling thread. */
typedef struct woo_error {
  int code;            /**< a woo_error_code, WOO_OK if none */
  const char *message; /**< one line, no trailing newline; never NULL */
} woo_error;

/**
 * The last error set on this thread by a libwoo call.  Never NULL; the
 * message is "" when no error happened.  Borrowed: valid until the next
 * libwoo call on this thread.
 */
WOO_EXTERN const woo_error *woo_error_last(void);

/** Forget the last error of this thread. */
WOO_EXTERN void woo_error_clear(void);

/** A short English name for an error code ("out of memory"); static. */
WOO_EXTERN const char *woo_error_name(int code);

/** Free memory that the library allocated and handed over as a plain
 *  buffer (strings from *_to_json and similar).  NULL is allowed. */
WOO_EXTERN void woo_free(void *p);

/**
 * Write `len` bytes to `path` atomically: a temporary file in the same
 * folder, flushed to disk, then renamed into place, so readers see the old
 * file or the whole new one.  An existing file is replaced only when
 * `overwrite` is nonzero.  Errors: WOO_EEXISTS, WOO_EIO.
 */
WOO_EXTERN int woo_write_file(const char *path, const void *data, size_t len,
                              int overwrite);

/** "No offset": the sentinel used where a size_t offset is unset. */
#define WOO_UNSET ((size_t)-1)

/** A half-open byte range [start, end) in a document's UTF-8 text. */
typedef struct woo_span {
  size_t start;
  size_t end;
} woo_span;

#ifdef __cplusplus
}
#endif
#endif
