#ifndef OCTAVO_CLIBDEFLATE_SHIM_H
#define OCTAVO_CLIBDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
