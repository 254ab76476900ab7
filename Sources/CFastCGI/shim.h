#ifndef OUTPOST_CFASTCGI_SHIM_H
#define OUTPOST_CFASTCGI_SHIM_H
#include <stdio.h>
#include <fcgiapp.h>
/* How accept threads wait beside libfcgi (Glibc's Swift module leaves these out). */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
