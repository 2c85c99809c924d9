// libxml2 here is built with ICU; its headers then pull in ICU types that clash
// with Foundation's own ICU module. Plainsite never uses libxml2's ICU encoders.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
