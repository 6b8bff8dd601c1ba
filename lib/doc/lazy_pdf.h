/*
 * poppler-glib and cairo, opened when a PDF is first read, written or
 * audited (lazy.h says why and how).  poppler brings C++, NSS, X11 and
 * image libraries with it: loading them cost every process about five
 * milliseconds, a text file's scan several times over.
 *
 * The ways in are woo__load_pdf (through doc.c's dispatch),
 * woo__redact_pdf, woo__pdf_verify and woo__audit_pdf: each passes a
 * woo__need_pdf() call first.
 */
#ifndef WOO_DOC_LAZY_PDF_H
#define WOO_DOC_LAZY_PDF_H

#ifndef WOO__LAZY_PDF
#define WOO__LAZY_PDF 0
#endif

#if WOO__LAZY_PDF

#include <cairo.h>
#include <poppler.h>

/* Every symbol of each library that libwoo uses. */
#define WOO__POPPLER_SYMBOLS(X)                                               \
  X(poppler_annot_get_annot_type) X(poppler_annot_get_color)                  \
  X(poppler_annot_get_contents) X(poppler_annot_markup_get_label)             \
  X(poppler_annot_markup_get_type) X(poppler_attachment_save_to_callback)     \
  X(poppler_document_get_attachments) X(poppler_document_get_author)          \
  X(poppler_document_get_creation_date_time)                                  \
  X(poppler_document_get_creator) X(poppler_document_get_keywords)            \
  X(poppler_document_get_metadata)                                            \
  X(poppler_document_get_modification_date_time)                              \
  X(poppler_document_get_n_pages) X(poppler_document_get_page)                \
  X(poppler_document_get_producer) X(poppler_document_get_subject)            \
  X(poppler_document_get_title) X(poppler_document_has_attachments)           \
  X(poppler_document_is_linearized) X(poppler_document_new_from_bytes)        \
  X(poppler_document_new_from_fd) X(poppler_error_quark)                      \
  X(poppler_page_free_annot_mapping)                                          \
  X(poppler_page_free_form_field_mapping) X(poppler_page_get_annot_mapping)   \
  X(poppler_page_get_crop_box) X(poppler_page_get_form_field_mapping)         \
  X(poppler_page_get_size) X(poppler_page_get_text)                           \
  X(poppler_page_get_text_for_area)                                           \
  X(poppler_page_get_text_layout_for_area) X(poppler_page_render)             \
  X(poppler_page_render_for_printing_with_options)                            \
  X(poppler_page_render_selection)

#define WOO__CAIRO_SYMBOLS(X)                                                 \
  X(cairo_clip) X(cairo_create) X(cairo_destroy) X(cairo_fill)                \
  X(cairo_image_surface_create) X(cairo_image_surface_get_data)               \
  X(cairo_image_surface_get_height) X(cairo_image_surface_get_stride)         \
  X(cairo_image_surface_get_width) X(cairo_move_to) X(cairo_paint)            \
  X(cairo_rectangle) X(cairo_restore) X(cairo_save) X(cairo_scale)            \
  X(cairo_select_font_face) X(cairo_set_font_size) X(cairo_set_source_rgb)    \
  X(cairo_show_text) X(cairo_status) X(cairo_status_to_string)                \
  X(cairo_surface_destroy) X(cairo_surface_flush) X(cairo_surface_status)     \
  X(cairo_text_extents)

#define WOO__LAZY_FIELD(f) __typeof__(&f) f;
typedef struct woo__poppler_api {
  WOO__POPPLER_SYMBOLS(WOO__LAZY_FIELD)
} woo__poppler_api;
typedef struct woo__cairo_api {
  WOO__CAIRO_SYMBOLS(WOO__LAZY_FIELD)
} woo__cairo_api;
#undef WOO__LAZY_FIELD

extern woo__poppler_api woo__popplerlib;
extern woo__cairo_api woo__cairolib;

/* Open both libraries (once per process; thread-safe).  0, or
 * WOO_EUNSUPPORTED with a message naming `path` and the library that
 * cannot be loaded. */
int woo__need_pdf(const char *path);

/* lazy.c fills the tables and needs the names as they are. */
#ifndef WOO__LAZY_TABLES

#define poppler_annot_get_annot_type (*woo__popplerlib.poppler_annot_get_annot_type)
#define poppler_annot_get_color (*woo__popplerlib.poppler_annot_get_color)
#define poppler_annot_get_contents (*woo__popplerlib.poppler_annot_get_contents)
#define poppler_annot_markup_get_label (*woo__popplerlib.poppler_annot_markup_get_label)
#define poppler_annot_markup_get_type (*woo__popplerlib.poppler_annot_markup_get_type)
#define poppler_attachment_save_to_callback (*woo__popplerlib.poppler_attachment_save_to_callback)
#define poppler_document_get_attachments (*woo__popplerlib.poppler_document_get_attachments)
#define poppler_document_get_author (*woo__popplerlib.poppler_document_get_author)
#define poppler_document_get_creation_date_time (*woo__popplerlib.poppler_document_get_creation_date_time)
#define poppler_document_get_creator (*woo__popplerlib.poppler_document_get_creator)
#define poppler_document_get_keywords (*woo__popplerlib.poppler_document_get_keywords)
#define poppler_document_get_metadata (*woo__popplerlib.poppler_document_get_metadata)
#define poppler_document_get_modification_date_time (*woo__popplerlib.poppler_document_get_modification_date_time)
#define poppler_document_get_n_pages (*woo__popplerlib.poppler_document_get_n_pages)
#define poppler_document_get_page (*woo__popplerlib.poppler_document_get_page)
#define poppler_document_get_producer (*woo__popplerlib.poppler_document_get_producer)
#define poppler_document_get_subject (*woo__popplerlib.poppler_document_get_subject)
#define poppler_document_get_title (*woo__popplerlib.poppler_document_get_title)
#define poppler_document_has_attachments (*woo__popplerlib.poppler_document_has_attachments)
#define poppler_document_is_linearized (*woo__popplerlib.poppler_document_is_linearized)
#define poppler_document_new_from_bytes (*woo__popplerlib.poppler_document_new_from_bytes)
#define poppler_document_new_from_fd (*woo__popplerlib.poppler_document_new_from_fd)
#define poppler_error_quark (*woo__popplerlib.poppler_error_quark)
#define poppler_page_free_annot_mapping (*woo__popplerlib.poppler_page_free_annot_mapping)
#define poppler_page_free_form_field_mapping (*woo__popplerlib.poppler_page_free_form_field_mapping)
#define poppler_page_get_annot_mapping (*woo__popplerlib.poppler_page_get_annot_mapping)
#define poppler_page_get_crop_box (*woo__popplerlib.poppler_page_get_crop_box)
#define poppler_page_get_form_field_mapping (*woo__popplerlib.poppler_page_get_form_field_mapping)
#define poppler_page_get_size (*woo__popplerlib.poppler_page_get_size)
#define poppler_page_get_text (*woo__popplerlib.poppler_page_get_text)
#define poppler_page_get_text_for_area (*woo__popplerlib.poppler_page_get_text_for_area)
#define poppler_page_get_text_layout_for_area (*woo__popplerlib.poppler_page_get_text_layout_for_area)
#define poppler_page_render (*woo__popplerlib.poppler_page_render)
#define poppler_page_render_for_printing_with_options (*woo__popplerlib.poppler_page_render_for_printing_with_options)
#define poppler_page_render_selection (*woo__popplerlib.poppler_page_render_selection)

#define cairo_clip (*woo__cairolib.cairo_clip)
#define cairo_create (*woo__cairolib.cairo_create)
#define cairo_destroy (*woo__cairolib.cairo_destroy)
#define cairo_fill (*woo__cairolib.cairo_fill)
#define cairo_image_surface_create (*woo__cairolib.cairo_image_surface_create)
#define cairo_image_surface_get_data (*woo__cairolib.cairo_image_surface_get_data)
#define cairo_image_surface_get_height (*woo__cairolib.cairo_image_surface_get_height)
#define cairo_image_surface_get_stride (*woo__cairolib.cairo_image_surface_get_stride)
#define cairo_image_surface_get_width (*woo__cairolib.cairo_image_surface_get_width)
#define cairo_move_to (*woo__cairolib.cairo_move_to)
#define cairo_paint (*woo__cairolib.cairo_paint)
#define cairo_rectangle (*woo__cairolib.cairo_rectangle)
#define cairo_restore (*woo__cairolib.cairo_restore)
#define cairo_save (*woo__cairolib.cairo_save)
#define cairo_scale (*woo__cairolib.cairo_scale)
#define cairo_select_font_face (*woo__cairolib.cairo_select_font_face)
#define cairo_set_font_size (*woo__cairolib.cairo_set_font_size)
#define cairo_set_source_rgb (*woo__cairolib.cairo_set_source_rgb)
#define cairo_show_text (*woo__cairolib.cairo_show_text)
#define cairo_status (*woo__cairolib.cairo_status)
#define cairo_status_to_string (*woo__cairolib.cairo_status_to_string)
#define cairo_surface_destroy (*woo__cairolib.cairo_surface_destroy)
#define cairo_surface_flush (*woo__cairolib.cairo_surface_flush)
#define cairo_surface_status (*woo__cairolib.cairo_surface_status)
#define cairo_text_extents (*woo__cairolib.cairo_text_extents)

#endif /* WOO__LAZY_TABLES */

#else /* !WOO__LAZY_PDF: linked directly */

static inline int woo__need_pdf(const char *path) {
  (void)path;
  return 0;
}

#endif /* WOO__LAZY_PDF */

#endif
