#ifndef OUTPOST_CFASTCGI_SHIM_H
#define OUTPOST_CFASTCGI_SHIM_H
#include <stdio.h>
#include <fcgiapp.h>
/* The protocol's record types, for the records the finisher writes itself. */
#include <fastcgi.h>
/* How a stop wakes threads waiting beside libfcgi, and where kept connections wait between requests
   (Glibc's Swift module leaves these out). */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
