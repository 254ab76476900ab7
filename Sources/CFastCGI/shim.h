#ifndef OUTPOST_CFASTCGI_SHIM_H
#define OUTPOST_CFASTCGI_SHIM_H
#include <stdio.h>
#include <fcgiapp.h>
#endif
