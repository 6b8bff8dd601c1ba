/* Metadata leaks: person names and addresses in the fields that say who
 * wrote, changed or sent a document (DOCX/ODT properties, HTML meta
 * author, e-mail headers).  PDF Info and XMP are checked with the rest of
 * the PDF forensics (pdf.c). */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "woo/scan.h"

static bool personal_field(const char *key) {
  static const char *const keys[] = {
      "author", "creator", "last_modified_by", "lastmodifiedby", "from",
      "to",     "cc",      "bcc",              "reply_to",       "reply-to",
      "sender", "manager", "initial_creator"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    if (strcmp(key, keys[i]) == 0)
      return true;
  return false;
}

int woo__audit_metadata_with(woo__findings *out, const woo_doc *doc,
                             const woo_scanner *scanner) {
  if (woo_doc_format(doc) == WOO_FORMAT_PDF)
    return 0;
  woo__buf msg = WOO__BUF_INIT;
  int rc = 0;
  for (size_t i = 0; i < woo_doc_meta_count(doc) && rc == 0; i++) {
    const woo_meta *m = woo_doc_meta(doc, i);
    if (!m->key || !m->value || !*m->value || !personal_field(m->key))
      continue;
    woo_marks *marks = NULL;
    if ((rc = woo_scan_text(&marks, scanner, m->value, strlen(m->value),
                            NULL)) != 0)
      break;
    /* One finding per field and kind of data: the field is the defect. */
    bool seen[WOO_ENTITY_COUNT] = {false};
    for (size_t k = 0; k < woo_marks_count(marks) && rc == 0; k++) {
      const woo_mark *mk = woo_marks_at(marks, k);
      if ((mk->entity != WOO_ENTITY_PERSON && mk->entity != WOO_ENTITY_EMAIL &&
           mk->entity != WOO_ENTITY_PHONE) ||
          seen[mk->entity])
        continue;
      seen[mk->entity] = true;
      msg.len = 0;
      if ((rc = woo__buf_printf(&msg, "metadataveld '%s' bevat een %s: ",
                                m->key,
                                mk->entity == WOO_ENTITY_PERSON  ? "persoonsnaam"
                                : mk->entity == WOO_ENTITY_EMAIL ? "e-mailadres"
                                                                 : "telefoonnummer")) ||
          (rc = woo__audit_mask(&msg, m->value + mk->start,
                                mk->end - mk->start)))
        break;
      woo_finding f = {"metadata-leak", WOO_SEVERITY_MEDIUM, woo_doc_path(doc),
                       WOO_UNSET, WOO_UNSET, 0, msg.data, mk->ground->code,
                       woo_entity_name(mk->entity), mk->confidence, NULL,
                       WOO_UNSET};
      rc = woo__finding_add(out, &f);
    }
    woo_marks_free(marks);
  }
  woo__buf_free(&msg);
  return rc;
}

int woo__audit_metadata(woo__findings *out, const woo_doc *doc) {
  woo_scanner *sc = NULL;
  int rc = woo_scanner_new(&sc, NULL);
  if (rc == 0)
    rc = woo__audit_metadata_with(out, doc, sc);
  woo_scanner_free(sc);
  return rc;
}
