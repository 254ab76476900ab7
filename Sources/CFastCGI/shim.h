#ifndef OUTPOST_CFASTCGI_SHIM_H
#define OUTPOST_CFASTCGI_SHIM_H
#include <stdio.h>
#include <fcgiapp.h>
/* How a stop wakes threads waiting beside libfcgi (Glibc's Swift module leaves it out). */
#include <sys/eventfd.h>
#endif
