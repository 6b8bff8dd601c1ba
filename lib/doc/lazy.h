/*
 * The libraries that only some formats need, opened when first needed.
 *
 * libxml2 (HTML, XML, DOCX, ODT, XMP metadata), minizip (DOCX, ODT) and
 * GMime (e-mail) are not needed to read a PDF or a text file, yet loading
 * them with the shared library costs every process a millisecond and a
 * half (libxml2 brings ICU, GMime brings gpgme and libidn2), more than a
 * small PDF takes to read.  The shared library therefore opens them with
 * dlopen() the first time a document needs them; the static library
 * (whose users link what they link) calls them directly.
 *
 * In the shared library this header includes the libraries' headers and
 * then makes each function of the lists below name the pointer that
 * woo__need_*() fills in; the files that call them get it through
 * xmlsafe.h, zip.h or directly.  Every way into such calls passes a
 * woo__need_*() call first: the loaders through doc.c's dispatch (and
 * html.c for an e-mail's HTML part, pdf.c for an XMP packet), the
 * writers through parsing (woo__xml_parse) and opening a package
 * (woo__zip_open, which opens libxml2 too).  Every other call works on
 * an object one of those made.
 */
#ifndef WOO_DOC_LAZY_H
#define WOO_DOC_LAZY_H

#ifndef WOO__LAZY
#define WOO__LAZY 0
#endif

#if WOO__LAZY

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>

/* Every symbol of each library that libwoo uses.  A symbol missing here
 * is a link error of the shared library, which is linked without them. */
#define WOO__XML_SYMBOLS(X)                                                   \
  X(__xmlGenericError) X(__xmlGenericErrorContext) X(htmlDocDumpMemoryFormat) \
  X(htmlReadMemory) X(htmlSetMetaEncoding) X(xmlAddChild)                     \
  X(xmlAddPrevSibling) X(xmlDocCopyNode) X(xmlDocDumpMemoryEnc)               \
  X(xmlDocGetRootElement) X(xmlEncodeSpecialChars) X(xmlFree) X(xmlFreeDoc)   \
  X(xmlFreeNode) X(xmlGetProp) X(xmlNewChild) X(xmlNewDocNode)                \
  X(xmlNewDocTextLen) X(xmlNewNs) X(xmlNewNsProp) X(xmlNewProp)               \
  X(xmlNodeAddContent) X(xmlNodeGetContent) X(xmlNodeSetContent)              \
  X(xmlNodeSetSpacePreserve) X(xmlReadMemory) X(xmlRemoveProp)                \
  X(xmlSearchNsByHref) X(xmlSetGenericErrorFunc) X(xmlSetProp)                \
  X(xmlUnlinkNode)

#define WOO__ZIP_SYMBOLS(X)                                                   \
  X(unzClose) X(unzCloseCurrentFile) X(unzGetCurrentFileInfo64)               \
  X(unzGetFilePos64) X(unzGetGlobalInfo64) X(unzGoToFilePos64)                \
  X(unzGoToFirstFile) X(unzGoToNextFile) X(unzOpen2_64) X(unzOpenCurrentFile) \
  X(unzReadCurrentFile) X(zipClose) X(zipCloseFileInZip) X(zipOpen2_64)       \
  X(zipOpenNewFileInZip64) X(zipWriteInFileInZip)

#define WOO__GMIME_SYMBOLS(X)                                                 \
  X(g_mime_content_disposition_is_attachment)                                 \
  X(g_mime_content_type_get_mime_type) X(g_mime_content_type_is_type)         \
  X(g_mime_data_wrapper_write_to_stream) X(g_mime_header_get_name)            \
  X(g_mime_header_get_raw_value) X(g_mime_header_list_get_count)              \
  X(g_mime_header_list_get_header_at) X(g_mime_iconv_close)                   \
  X(g_mime_iconv_open) X(g_mime_init) X(g_mime_message_get_message_id)        \
  X(g_mime_message_get_mime_part) X(g_mime_message_part_get_message)          \
  X(g_mime_message_part_get_type) X(g_mime_multipart_get_count)               \
  X(g_mime_multipart_get_part) X(g_mime_multipart_get_type)                   \
  X(g_mime_object_get_content_disposition)                                    \
  X(g_mime_object_get_content_disposition_parameter)                          \
  X(g_mime_object_get_content_type)                                           \
  X(g_mime_object_get_content_type_parameter)                                 \
  X(g_mime_object_get_header_list) X(g_mime_object_get_type)                  \
  X(g_mime_object_write_to_stream) X(g_mime_parser_construct_message)         \
  X(g_mime_parser_new_with_stream) X(g_mime_parser_options_free)              \
  X(g_mime_parser_options_new)                                                \
  X(g_mime_parser_options_set_address_compliance_mode)                        \
  X(g_mime_parser_options_set_parameter_compliance_mode)                      \
  X(g_mime_parser_options_set_rfc2047_compliance_mode)                        \
  X(g_mime_parser_set_format) X(g_mime_part_get_content)                      \
  X(g_mime_part_get_filename) X(g_mime_part_get_type)                         \
  X(g_mime_stream_mem_get_byte_array) X(g_mime_stream_mem_get_type)           \
  X(g_mime_stream_mem_new) X(g_mime_stream_mem_new_with_buffer)               \
  X(g_mime_utils_header_decode_date) X(g_mime_utils_header_decode_text)       \
  X(g_mime_utils_header_unfold)

#define WOO__LAZY_FIELD(f) __typeof__(&f) f;
typedef struct woo__xml_api { WOO__XML_SYMBOLS(WOO__LAZY_FIELD) } woo__xml_api;
typedef struct woo__zip_api { WOO__ZIP_SYMBOLS(WOO__LAZY_FIELD) } woo__zip_api;
typedef struct woo__gmime_api {
  WOO__GMIME_SYMBOLS(WOO__LAZY_FIELD)
} woo__gmime_api;
#undef WOO__LAZY_FIELD

extern woo__xml_api woo__xmllib;
extern woo__zip_api woo__ziplib;
extern woo__gmime_api woo__gmimelib;

/* Open the library (once per process; thread-safe).  0, or
 * WOO_EUNSUPPORTED with a message naming `path` and the library that
 * cannot be loaded. */
int woo__need_xml(const char *path);
int woo__need_zip(const char *path);
int woo__need_gmime(const char *path);

/* lazy.c fills the tables and needs the names as they are. */
#ifndef WOO__LAZY_TABLES

#define __xmlGenericError (*woo__xmllib.__xmlGenericError)
#define __xmlGenericErrorContext (*woo__xmllib.__xmlGenericErrorContext)
#define htmlDocDumpMemoryFormat (*woo__xmllib.htmlDocDumpMemoryFormat)
#define htmlReadMemory (*woo__xmllib.htmlReadMemory)
#define htmlSetMetaEncoding (*woo__xmllib.htmlSetMetaEncoding)
#define xmlAddChild (*woo__xmllib.xmlAddChild)
#define xmlAddPrevSibling (*woo__xmllib.xmlAddPrevSibling)
#define xmlDocCopyNode (*woo__xmllib.xmlDocCopyNode)
#define xmlDocDumpMemoryEnc (*woo__xmllib.xmlDocDumpMemoryEnc)
#define xmlDocGetRootElement (*woo__xmllib.xmlDocGetRootElement)
#define xmlEncodeSpecialChars (*woo__xmllib.xmlEncodeSpecialChars)
#define xmlFree (*woo__xmllib.xmlFree)
#define xmlFreeDoc (*woo__xmllib.xmlFreeDoc)
#define xmlFreeNode (*woo__xmllib.xmlFreeNode)
#define xmlGetProp (*woo__xmllib.xmlGetProp)
#define xmlNewChild (*woo__xmllib.xmlNewChild)
#define xmlNewDocNode (*woo__xmllib.xmlNewDocNode)
#define xmlNewDocTextLen (*woo__xmllib.xmlNewDocTextLen)
#define xmlNewNs (*woo__xmllib.xmlNewNs)
#define xmlNewNsProp (*woo__xmllib.xmlNewNsProp)
#define xmlNewProp (*woo__xmllib.xmlNewProp)
#define xmlNodeAddContent (*woo__xmllib.xmlNodeAddContent)
#define xmlNodeGetContent (*woo__xmllib.xmlNodeGetContent)
#define xmlNodeSetContent (*woo__xmllib.xmlNodeSetContent)
#define xmlNodeSetSpacePreserve (*woo__xmllib.xmlNodeSetSpacePreserve)
#define xmlReadMemory (*woo__xmllib.xmlReadMemory)
#define xmlRemoveProp (*woo__xmllib.xmlRemoveProp)
#define xmlSearchNsByHref (*woo__xmllib.xmlSearchNsByHref)
#define xmlSetGenericErrorFunc (*woo__xmllib.xmlSetGenericErrorFunc)
#define xmlSetProp (*woo__xmllib.xmlSetProp)
#define xmlUnlinkNode (*woo__xmllib.xmlUnlinkNode)

#define unzClose (*woo__ziplib.unzClose)
#define unzCloseCurrentFile (*woo__ziplib.unzCloseCurrentFile)
#define unzGetCurrentFileInfo64 (*woo__ziplib.unzGetCurrentFileInfo64)
#define unzGetFilePos64 (*woo__ziplib.unzGetFilePos64)
#define unzGetGlobalInfo64 (*woo__ziplib.unzGetGlobalInfo64)
#define unzGoToFilePos64 (*woo__ziplib.unzGoToFilePos64)
#define unzGoToFirstFile (*woo__ziplib.unzGoToFirstFile)
#define unzGoToNextFile (*woo__ziplib.unzGoToNextFile)
#define unzOpen2_64 (*woo__ziplib.unzOpen2_64)
#define unzOpenCurrentFile (*woo__ziplib.unzOpenCurrentFile)
#define unzReadCurrentFile (*woo__ziplib.unzReadCurrentFile)
#define zipClose (*woo__ziplib.zipClose)
#define zipCloseFileInZip (*woo__ziplib.zipCloseFileInZip)
#define zipOpen2_64 (*woo__ziplib.zipOpen2_64)
#define zipOpenNewFileInZip64 (*woo__ziplib.zipOpenNewFileInZip64)
#define zipWriteInFileInZip (*woo__ziplib.zipWriteInFileInZip)

#define g_mime_content_disposition_is_attachment (*woo__gmimelib.g_mime_content_disposition_is_attachment)
#define g_mime_content_type_get_mime_type (*woo__gmimelib.g_mime_content_type_get_mime_type)
#define g_mime_content_type_is_type (*woo__gmimelib.g_mime_content_type_is_type)
#define g_mime_data_wrapper_write_to_stream (*woo__gmimelib.g_mime_data_wrapper_write_to_stream)
#define g_mime_header_get_name (*woo__gmimelib.g_mime_header_get_name)
#define g_mime_header_get_raw_value (*woo__gmimelib.g_mime_header_get_raw_value)
#define g_mime_header_list_get_count (*woo__gmimelib.g_mime_header_list_get_count)
#define g_mime_header_list_get_header_at (*woo__gmimelib.g_mime_header_list_get_header_at)
#define g_mime_iconv_close (*woo__gmimelib.g_mime_iconv_close)
#define g_mime_iconv_open (*woo__gmimelib.g_mime_iconv_open)
#define g_mime_init (*woo__gmimelib.g_mime_init)
#define g_mime_message_get_message_id (*woo__gmimelib.g_mime_message_get_message_id)
#define g_mime_message_get_mime_part (*woo__gmimelib.g_mime_message_get_mime_part)
#define g_mime_message_part_get_message (*woo__gmimelib.g_mime_message_part_get_message)
#define g_mime_message_part_get_type (*woo__gmimelib.g_mime_message_part_get_type)
#define g_mime_multipart_get_count (*woo__gmimelib.g_mime_multipart_get_count)
#define g_mime_multipart_get_part (*woo__gmimelib.g_mime_multipart_get_part)
#define g_mime_multipart_get_type (*woo__gmimelib.g_mime_multipart_get_type)
#define g_mime_object_get_content_disposition (*woo__gmimelib.g_mime_object_get_content_disposition)
#define g_mime_object_get_content_disposition_parameter (*woo__gmimelib.g_mime_object_get_content_disposition_parameter)
#define g_mime_object_get_content_type (*woo__gmimelib.g_mime_object_get_content_type)
#define g_mime_object_get_content_type_parameter (*woo__gmimelib.g_mime_object_get_content_type_parameter)
#define g_mime_object_get_header_list (*woo__gmimelib.g_mime_object_get_header_list)
#define g_mime_object_get_type (*woo__gmimelib.g_mime_object_get_type)
#define g_mime_object_write_to_stream (*woo__gmimelib.g_mime_object_write_to_stream)
#define g_mime_parser_construct_message (*woo__gmimelib.g_mime_parser_construct_message)
#define g_mime_parser_new_with_stream (*woo__gmimelib.g_mime_parser_new_with_stream)
#define g_mime_parser_options_free (*woo__gmimelib.g_mime_parser_options_free)
#define g_mime_parser_options_new (*woo__gmimelib.g_mime_parser_options_new)
#define g_mime_parser_options_set_address_compliance_mode (*woo__gmimelib.g_mime_parser_options_set_address_compliance_mode)
#define g_mime_parser_options_set_parameter_compliance_mode (*woo__gmimelib.g_mime_parser_options_set_parameter_compliance_mode)
#define g_mime_parser_options_set_rfc2047_compliance_mode (*woo__gmimelib.g_mime_parser_options_set_rfc2047_compliance_mode)
#define g_mime_parser_set_format (*woo__gmimelib.g_mime_parser_set_format)
#define g_mime_part_get_content (*woo__gmimelib.g_mime_part_get_content)
#define g_mime_part_get_filename (*woo__gmimelib.g_mime_part_get_filename)
#define g_mime_part_get_type (*woo__gmimelib.g_mime_part_get_type)
#define g_mime_stream_mem_get_byte_array (*woo__gmimelib.g_mime_stream_mem_get_byte_array)
#define g_mime_stream_mem_get_type (*woo__gmimelib.g_mime_stream_mem_get_type)
#define g_mime_stream_mem_new (*woo__gmimelib.g_mime_stream_mem_new)
#define g_mime_stream_mem_new_with_buffer (*woo__gmimelib.g_mime_stream_mem_new_with_buffer)
#define g_mime_utils_header_decode_date (*woo__gmimelib.g_mime_utils_header_decode_date)
#define g_mime_utils_header_decode_text (*woo__gmimelib.g_mime_utils_header_decode_text)
#define g_mime_utils_header_unfold (*woo__gmimelib.g_mime_utils_header_unfold)

#endif /* WOO__LAZY_TABLES */

#else /* !WOO__LAZY: linked directly */

static inline int woo__need_xml(const char *path) {
  (void)path;
  return 0;
}
static inline int woo__need_zip(const char *path) {
  (void)path;
  return 0;
}
static inline int woo__need_gmime(const char *path) {
  (void)path;
  return 0;
}

#endif /* WOO__LAZY */

#endif
