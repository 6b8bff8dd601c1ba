/* Residual personal data: what the scanner still finds in published text.
 * Codes are excluded, so a printed "5.1.2.e" is never a hit itself. */
#include <stdio.h>

#include "checks.h"
#include "woo/scan.h"

/* How bad a leak of each entity is: identifiers and bank accounts are the
 * worst, names and contact details the most common. */
static woo_severity severity_of(woo_entity e) {
  switch (e) {
  case WOO_ENTITY_BSN:
  case WOO_ENTITY_IBAN:
  case WOO_ENTITY_IDNUMBER:
  case WOO_ENTITY_SECRET:
    return WOO_SEVERITY_HIGH;
  case WOO_ENTITY_PERSON:
  case WOO_ENTITY_EMAIL:
  case WOO_ENTITY_PHONE:
  case WOO_ENTITY_ADDRESS:
  case WOO_ENTITY_PLATE:
  case WOO_ENTITY_BIRTHDATE:
  case WOO_ENTITY_TERM:
  case WOO_ENTITY_PATTERN:
  case WOO_ENTITY_SECTION:
    return WOO_SEVERITY_MEDIUM;
  default:
    return WOO_SEVERITY_LOW;
  }
}

static const char *label_of(woo_entity e) {
  static const char *const labels[WOO_ENTITY_COUNT] = {
      "persoonsnaam",   "e-mailadres",   "telefoonnummer", "BSN",
      "IBAN",           "adres",         "kenteken",       "geboortedatum",
      "ID-nummer",      "URL",           "IP-adres",       "hostnaam",
      "wachtwoord",     "functie",       "term",           "patroon",
      "sectie",         "gegeven"};
  return (unsigned)e < WOO_ENTITY_COUNT ? labels[e] : "gegeven";
}

int woo__audit_residual(woo__adoc *d, const woo_doc *doc,
                        const woo_codes *codes, const woo_scanner *scanner,
                        woo_marks **hits) {
  woo_marks *all = NULL, *kept = NULL;
  woo__spanset code_spans = WOO__SPANSET_INIT;
  woo__buf msg = WOO__BUF_INIT;
  size_t len;
  const char *text = woo_doc_text(doc, &len);
  int rc;
  *hits = NULL;
  if (!scanner)
    return woo__error(WOO_EINVAL, "%s: no scanner for the residual check",
                      d->path);
  if ((rc = woo_scan(&all, scanner, doc, NULL)) != 0 ||
      (rc = woo_marks_new(&kept)) != 0)
    goto done;
  for (size_t i = 0; i < woo_codes_count(codes) && rc == 0; i++) {
    const woo_code *c = woo_codes_at(codes, i);
    rc = woo__spanset_add(&code_spans, c->start, c->end);
  }
  for (size_t i = 0; i < woo_marks_count(all) && rc == 0; i++) {
    const woo_mark *m = woo_marks_at(all, i);
    if (m->end <= m->start || m->end > len ||
        woo__spanset_overlaps(&code_spans, m->start, m->end))
      continue;
    /* Properties shown as text are the metadata check's business. */
    if (woo_doc_part_at(doc, m->start) == WOO_PART_METADATA)
      continue;
    if ((rc = woo_marks_add(kept, m)) != 0)
      break;
    msg.len = 0;
    if ((rc = woo__buf_printf(&msg, "%s zichtbaar: ", label_of(m->entity))) ||
        (rc = woo__audit_mask(&msg, text + m->start, m->end - m->start)) ||
        (rc = woo__buf_printf(&msg, " (%s, zekerheid %.2f)", m->ground->code,
                              m->confidence)))
      break;
    woo_finding f = {"residual-personal-data",
                     severity_of(m->entity),
                     d->path,
                     m->start,
                     m->end,
                     woo__audit_page(doc, m->start),
                     msg.data,
                     m->ground->code,
                     woo_entity_name(m->entity),
                     m->confidence,
                     NULL,
                     WOO_UNSET};
    rc = woo__finding_add(&d->findings, &f);
  }
done:
  woo__buf_free(&msg);
  woo__spanset_free(&code_spans);
  woo_marks_free(all);
  if (rc) {
    woo_marks_free(kept);
    return rc;
  }
  *hits = kept;
  return 0;
}
