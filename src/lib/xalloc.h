/* Allocation that never returns NULL: out of memory ends the program. */
#ifndef SAMLING_XALLOC_H
#define SAMLING_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);	/* overflow-checked */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
