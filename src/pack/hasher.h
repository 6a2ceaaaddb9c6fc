/* samling-pack: digesting payload chunks on a second thread. */
#ifndef SAMLING_PACK_HASHER_H
#define SAMLING_PACK_HASHER_H

#include <stddef.h>

enum { HASHER_CHUNK = 1 << 20 };

struct item;
struct hasher;

/* Start the thread for the algorithms of mask; NULL after a message. */
struct hasher *hasher_start(unsigned mask);
/* A free chunk of HASHER_CHUNK bytes (waits for one); returns its number. */
int hasher_buffer(struct hasher *h, char **buf);
/*
 * Digest len bytes of chunk buf as part of it; last finishes it (its md
 * is set, in the order of the mask's algorithms).  The caller still
 * holds the chunk until hasher_release.
 */
void hasher_submit(struct hasher *h, int buf, size_t len, struct item *it,
    int last);
void hasher_release(struct hasher *h, int buf);
/* Digest what is queued and stop; 0, or -1 if a digest failed. */
int hasher_finish(struct hasher *h);

#endif
