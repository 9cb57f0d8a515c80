#ifndef HORARIO_CLIBXML2_SHIM_H
#define HORARIO_CLIBXML2_SHIM_H
// libxml2 for parsing WebDAV/CalDAV request bodies: the tree API only.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
