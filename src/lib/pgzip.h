/*
 * gzip on several cores, as pigz writes it: the input cut into blocks
 * of PGZ_BLOCK bytes, each deflated on its own (a worker thread's) with
 * the 32 KiB before it as dictionary and ended by a sync flush, the
 * last by the end of the stream; the blocks joined in order into one
 * gzip member whose CRC-32 is combined from theirs.  A block's bytes
 * depend only on the input, so the output is the same for any number
 * of threads.  The header holds no time and no name.
 */
#ifndef SAMLING_PGZIP_H
#define SAMLING_PGZIP_H

#include <stddef.h>

enum { PGZ_BLOCK = 128 << 10 };

/* Where the compressed bytes go: 0, or -1 having said why (its own). */
typedef int (*pgz_sink)(void *arg, const void *p, size_t n);

struct pgz;

/*
 * Compress at level (1-9) with threads workers (1: in the caller's
 * thread); NULL if zlib or a thread could not start.
 */
struct pgz *pgz_new(int level, int threads, pgz_sink sink, void *arg);
/* 0, or -1: the sink failed, or zlib did (pgz_error says so). */
int pgz_write(struct pgz *z, const void *p, size_t n);
/* The last block and the trailer; 0 or -1 as pgz_write. */
int pgz_finish(struct pgz *z);
/* Why the last call failed when it was not the sink: NULL if it was. */
const char *pgz_error(const struct pgz *z);
/* Stop the workers (finished or not) and free. */
void pgz_free(struct pgz *z);

#endif
