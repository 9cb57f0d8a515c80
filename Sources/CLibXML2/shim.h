#ifndef HORARIO_CLIBXML2_SHIM_H
#define HORARIO_CLIBXML2_SHIM_H
// libxml2 for parsing WebDAV/CalDAV request bodies: the tree API only.
#include <libxml/xmlversion.h>
// A libxml2 built with ICU makes <libxml/encoding.h> include the system's ICU headers, whose
// types clash with the ICU copy inside Foundation ("'UErrorCode' has different definitions in
// different modules") in any Swift module that sees both. Nothing here uses ICU, and the ICU
// fields only change the tail of xmlCharEncodingHandler, which is only ever used by pointer.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// Frees memory libxml2 allocated (e.g. from xmlNodeGetContent). libxml2's `xmlFree` is a global
// function pointer, which Swift 6 refuses to read as mutable global state; this wraps it.
static inline void horario_xmlFree(void *pointer) { xmlFree(pointer); }
#endif
