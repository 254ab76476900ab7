#ifndef OUTPOST_CHIREDIS_SHIM_H
#define OUTPOST_CHIREDIS_SHIM_H
// Included by path, not through pkg-config: its `-D_FILE_OFFSET_BITS=64` is a flag SwiftPM refuses.
#include <hiredis/hiredis.h>
#endif
