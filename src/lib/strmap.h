/*
 * A map from strings to pointers (open addressing, seeded FNV-1a).  Keys are
 * copied; values belong to the caller.  Written here because the C
 * library's hsearch has one global table and cannot grow.
 */
#ifndef SAMLING_STRMAP_H
#define SAMLING_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
/* The value for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* The same for key[0..n), which need not end in a NUL (nor hold one). */
void *strmap_getn(const struct strmap *m, const char *key, size_t n);
/* Set key to value (replacing any old value); returns the stored key. */
const char *strmap_put(struct strmap *m, const char *key, void *value);
size_t strmap_count(const struct strmap *m);
/*
 * Iterate: start with *pos = 0; returns 0 at the end, else 1 with *key
 * and *value set.  The order is that of the table, not of insertion.
 */
int strmap_next(const struct strmap *m, size_t *pos, const char **key,
    void **value);
void strmap_free(struct strmap *m);

#endif
