/*
 * libwoo — marks: spans of a document's text to withhold, each with its
 * legal ground.  The output of the scanner, the input of redaction, and
 * the unit of review (proposed → accepted / rejected).
 */
#ifndef WOO_MARKS_H
#define WOO_MARKS_H

#include "common.h"
#include "doc.h"
#include "grounds.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of thing a mark withholds. */
typedef enum woo_entity {
  WOO_ENTITY_PERSON = 0,    /**< a person's name */
  WOO_ENTITY_EMAIL = 1,     /**< personal e-mail address */
  WOO_ENTITY_PHONE = 2,     /**< phone number */
  WOO_ENTITY_BSN = 3,       /**< burgerservicenummer */
  WOO_ENTITY_IBAN = 4,      /**< bank account */
  WOO_ENTITY_ADDRESS = 5,   /**< home address, postcode + house number */
  WOO_ENTITY_PLATE = 6,     /**< licence plate */
  WOO_ENTITY_BIRTHDATE = 7, /**< date of birth */
  WOO_ENTITY_IDNUMBER = 8,  /**< passport / ID card / driving licence no. */
  WOO_ENTITY_URL = 9,       /**< personal URL (social-media profile) */
  WOO_ENTITY_IP = 10,       /**< IP address */
  WOO_ENTITY_HOSTNAME = 11, /**< internal host name */
  WOO_ENTITY_SECRET = 12,   /**< password, access code */
  WOO_ENTITY_FUNCTION = 13, /**< function title identifying a civil servant */
  WOO_ENTITY_TERM = 14,     /**< a term from the policy */
  WOO_ENTITY_PATTERN = 15,  /**< a regex pattern from the policy */
  WOO_ENTITY_SECTION = 16,  /**< a section withheld by a policy rule */
  WOO_ENTITY_OTHER = 17     /**< anything else (marks read from files) */
} woo_entity;

#define WOO_ENTITY_COUNT 18

/** "person", "email", "phone", "bsn", "iban", "address", "plate",
 *  "birthdate", "idnumber", "url", "ip", "hostname", "secret", "function",
 *  "term", "pattern", "section", "other"; static. */
WOO_EXTERN const char *woo_entity_name(woo_entity e);
/** Parse an entity name; returns 0 or WOO_EINVAL. */
WOO_EXTERN int woo_entity_parse(woo_entity *out, const char *name);

/** Review status. */
typedef enum woo_mark_status {
  WOO_MARK_PROPOSED = 0,
  WOO_MARK_ACCEPTED = 1,
  WOO_MARK_REJECTED = 2
} woo_mark_status;

/** "proposed", "accepted", "rejected"; static. */
WOO_EXTERN const char *woo_mark_status_name(woo_mark_status s);

/** One mark. */
typedef struct woo_mark {
  size_t start;             /**< byte offset into the document's text */
  size_t end;               /**< exclusive */
  const woo_ground *ground; /**< never NULL in a list */
  woo_entity entity;
  const char *source;       /**< which recognizer or rule: "lexicon",
                                 "header", "propagation", "policy:terms" …;
                                 valid as long as the list (a copy the list
                                 owns, or a static string) */
  double confidence;        /**< 0..1 */
  woo_mark_status status;
} woo_mark;

/** A list of marks for one document, kept sorted by start offset. */
typedef struct woo_marks woo_marks;

/** A new empty list; free with woo_marks_free().  Errors: WOO_ENOMEM. */
WOO_EXTERN int woo_marks_new(woo_marks **out);
WOO_EXTERN void woo_marks_free(woo_marks *marks);

/** Add a copy of `mark` (its source string is copied).  Errors:
 *  WOO_EINVAL (end < start, NULL ground), WOO_ENOMEM. */
WOO_EXTERN int woo_marks_add(woo_marks *marks, const woo_mark *mark);

WOO_EXTERN size_t woo_marks_count(const woo_marks *marks);
/** Mark i in start order, borrowed; NULL when out of range. */
WOO_EXTERN const woo_mark *woo_marks_at(const woo_marks *marks, size_t i);
/** Change the status of mark i; returns 0 or WOO_EINVAL. */
WOO_EXTERN int woo_marks_set_status(woo_marks *marks, size_t i,
                                    woo_mark_status status);

/** The SHA-256 of the document the list was read for ("" if unknown). */
WOO_EXTERN const char *woo_marks_document_sha256(const woo_marks *marks);

/** Flags for woo_marks_to_json(). */
enum {
  WOO_JSON_COMPACT = 1u << 0, /**< one line (for --jsonl) */
  WOO_JSON_NO_TEXT = 1u << 1  /**< leave out each mark's "text" */
};

/**
 * The marks in the "marks/1" JSON format of docs/formats.md, with the
 * document's path, format, size, hash and page count, and for paged input
 * each mark's page and boxes.  *out is a NUL-terminated string freed with
 * woo_free().  Errors: WOO_EINVAL, WOO_ENOMEM.
 */
WOO_EXTERN int woo_marks_to_json(char **out, const woo_marks *marks,
                                 const woo_doc *doc, unsigned flags);

/**
 * Read a "marks/1" JSON object.  Offsets are checked against `doc` when
 * given: a document hash that differs from the doc's is WOO_EMISMATCH,
 * offsets past the text or off code-point boundaries are WOO_EFORMAT.
 * `name` is used in messages.  *out is freed with woo_marks_free().
 */
WOO_EXTERN int woo_marks_from_json(woo_marks **out, const char *json,
                                   size_t len, const char *name,
                                   const woo_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
