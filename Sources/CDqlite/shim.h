#ifndef OUTPOST_CDQLITE_SHIM_H
#define OUTPOST_CDQLITE_SHIM_H
#include <dqlite.h>
#endif
