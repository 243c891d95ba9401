#ifndef OCTAVO_CCMARK_SHIM_H
#define OCTAVO_CCMARK_SHIM_H
#include <cmark.h>
#endif
