/*
 * Parallel gzip (pgzip.h).  Blocks go round a ring of slots: the caller
 * fills one, queues it, and writes the finished ones out in order;
 * workers take the queued ones in order and deflate them.  A slot holds
 * the 32 KiB before its block (the dictionary) ahead of the block
 * itself, copied from the slot before it, which cannot have been
 * reused yet: a slot is filled again only a whole ring later.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "io.h"
#include "pgzip.h"
#include "xalloc.h"

enum { DICT = 32 << 10 };
enum { S_FILLING, S_QUEUED, S_DONE };

struct slot {
	unsigned char *in;	/* dictionary, then the block */
	size_t dictlen, len;
	int last;
	int state;
	unsigned char *out;
	size_t outlen, outcap;
	unsigned long crc;	/* of the block */
	int failed;
};

struct worker {
	struct pgz *z;
	z_stream zs;
	int ready;		/* zs initialised */
	int started;		/* thread running */
	pthread_t thread;
};

struct pgz {
	int level, threads;
	pgz_sink sink;
	void *arg;
	struct slot *slots;
	size_t nslots;
	/* Block numbers: filling, queued up to, taken by workers, written. */
	uint64_t fill, queued, taken, written;
	struct worker *workers;	/* threads of them; one used inline if 1 */
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	int stop;
	unsigned long crc;	/* of all written so far */
	uint64_t total;
	const char *error;
};

static struct slot *
slot_of(struct pgz *z, uint64_t n)
{
	return &z->slots[n % z->nslots];
}

/* Deflate one slot's block; only that slot and zs are touched. */
static void
deflate_slot(z_stream *zs, struct slot *s)
{
	int flush = s->last ? Z_FINISH : Z_SYNC_FLUSH, r;

	s->outlen = 0;
	s->failed = 0;
	if (deflateReset(zs) != Z_OK || (s->dictlen > 0 &&
	    deflateSetDictionary(zs, s->in, (uInt)s->dictlen) != Z_OK)) {
		s->failed = 1;
		return;
	}
	zs->next_in = s->in + s->dictlen;
	zs->avail_in = (uInt)s->len;
	for (;;) {
		if (s->outcap - s->outlen < 64) {
			s->outcap *= 2;
			s->out = xrealloc(s->out, s->outcap);
		}
		zs->next_out = s->out + s->outlen;
		zs->avail_out = (uInt)(s->outcap - s->outlen);
		r = deflate(zs, flush);
		s->outlen = s->outcap - zs->avail_out;
		if (r == Z_STREAM_ERROR) {
			s->failed = 1;
			return;
		}
		if (s->last ? r == Z_STREAM_END :
		    zs->avail_in == 0 && zs->avail_out > 0)
			break;
	}
	s->crc = crc32(0L, s->in + s->dictlen, (uInt)s->len);
}

static void *
run(void *arg)
{
	struct worker *w = arg;
	struct pgz *z = w->z;

	pthread_mutex_lock(&z->lock);
	for (;;) {
		struct slot *s;

		while (z->taken == z->queued && !z->stop)
			pthread_cond_wait(&z->work, &z->lock);
		if (z->stop)
			break;
		s = slot_of(z, z->taken++);
		pthread_mutex_unlock(&z->lock);
		deflate_slot(&w->zs, s);
		pthread_mutex_lock(&z->lock);
		s->state = S_DONE;
		pthread_cond_broadcast(&z->done);
	}
	pthread_mutex_unlock(&z->lock);
	return NULL;
}

static const unsigned char gzip_header[10] = {
	0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3	/* deflate, no time, Unix */
};

/*
 * Write the next block out when it is done; wait for it if wait.
 * 1 written, 0 not done yet (or none queued), -1 failed.
 */
static int
write_next(struct pgz *z, int wait)
{
	struct slot *s;
	int state;

	if (z->written == z->queued)
		return 0;
	s = slot_of(z, z->written);
	if (z->threads > 1) {
		pthread_mutex_lock(&z->lock);
		while (s->state != S_DONE && wait)
			pthread_cond_wait(&z->done, &z->lock);
		state = s->state;
		pthread_mutex_unlock(&z->lock);
		if (state != S_DONE)
			return 0;
	}
	if (s->failed) {
		z->error = "compression failed";
		return -1;
	}
	if (z->written == 0 && z->sink(z->arg, gzip_header,
	    sizeof gzip_header) != 0)
		return -1;
	if (s->outlen > 0 && z->sink(z->arg, s->out, s->outlen) != 0)
		return -1;
	z->crc = crc32_combine(z->crc, s->crc, (z_off_t)s->len);
	z->total += s->len;
	z->written++;
	return 1;
}

/* Queue the slot being filled; start the next unless it was the last. */
static int
submit(struct pgz *z, int last)
{
	struct slot *s = slot_of(z, z->fill), *n;
	int r;

	s->last = last;
	if (z->threads == 1) {
		deflate_slot(&z->workers[0].zs, s);
		s->state = S_DONE;
		z->queued = ++z->fill;
	} else {
		pthread_mutex_lock(&z->lock);
		s->state = S_QUEUED;
		z->queued = ++z->fill;
		pthread_cond_signal(&z->work);
		pthread_mutex_unlock(&z->lock);
	}
	/* What is done goes out; a full ring waits for its oldest. */
	while ((r = write_next(z, z->fill - z->written >= z->nslots)) > 0)
		;
	if (r < 0 || last)
		return r;
	n = slot_of(z, z->fill);
	n->len = 0;
	n->dictlen = DICT;
	memcpy(n->in, s->in + s->dictlen + s->len - DICT, DICT);
	return 0;
}

struct pgz *
pgz_new(int level, int threads, pgz_sink sink, void *arg)
{
	struct pgz *z = xcalloc(1, sizeof *z);
	sigset_t saved;
	size_t i;
	int n;

	z->level = level;
	z->threads = threads < 1 ? 1 : threads;
	z->sink = sink;
	z->arg = arg;
	z->crc = crc32(0L, Z_NULL, 0);
	z->nslots = 2 * (size_t)z->threads + 2;
	z->slots = xcalloc(z->nslots, sizeof *z->slots);
	for (i = 0; i < z->nslots; i++) {
		z->slots[i].in = xmalloc(DICT + PGZ_BLOCK);
		z->slots[i].outcap = PGZ_BLOCK + PGZ_BLOCK / 8 + 64;
		z->slots[i].out = xmalloc(z->slots[i].outcap);
	}
	pthread_mutex_init(&z->lock, NULL);
	pthread_cond_init(&z->work, NULL);
	pthread_cond_init(&z->done, NULL);
	z->workers = xcalloc((size_t)z->threads, sizeof *z->workers);
	for (n = 0; n < z->threads; n++) {
		struct worker *w = &z->workers[n];

		w->z = z;
		/* Raw deflate: the gzip wrapper is ours. */
		if (deflateInit2(&w->zs, level, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK) {
			pgz_free(z);
			return NULL;
		}
		w->ready = 1;
	}
	if (z->threads > 1) {
		/* The main thread alone takes SIGINT and the like (io.h). */
		io_hold_signals(&saved);
		for (n = 0; n < z->threads; n++) {
			struct worker *w = &z->workers[n];

			if (pthread_create(&w->thread, NULL, run, w) != 0)
				break;
			w->started = 1;
		}
		io_restore_signals(&saved);
		if (n < z->threads) {
			pgz_free(z);
			return NULL;
		}
	}
	z->slots[0].state = S_FILLING;
	return z;
}

int
pgz_write(struct pgz *z, const void *p, size_t n)
{
	const unsigned char *c = p;

	z->error = NULL;
	while (n > 0) {
		struct slot *s = slot_of(z, z->fill);
		size_t k = PGZ_BLOCK - s->len;

		if (k > n)
			k = n;
		memcpy(s->in + s->dictlen + s->len, c, k);
		s->len += k;
		c += k;
		n -= k;
		if (s->len == PGZ_BLOCK && submit(z, 0) != 0)
			return -1;
	}
	return 0;
}

int
pgz_finish(struct pgz *z)
{
	unsigned char t[8];
	int i, r;

	z->error = NULL;
	if (submit(z, 1) != 0)
		return -1;
	while ((r = write_next(z, 1)) > 0)
		;
	if (r < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		t[i] = (unsigned char)(z->crc >> (8 * i));
		t[4 + i] = (unsigned char)(z->total >> (8 * i));
	}
	return z->sink(z->arg, t, sizeof t);
}

const char *
pgz_error(const struct pgz *z)
{
	return z->error;
}

void
pgz_free(struct pgz *z)
{
	size_t i;
	int n;

	if (z == NULL)
		return;
	pthread_mutex_lock(&z->lock);
	z->stop = 1;
	pthread_cond_broadcast(&z->work);
	pthread_mutex_unlock(&z->lock);
	for (n = 0; n < z->threads; n++) {
		if (z->workers[n].started)
			pthread_join(z->workers[n].thread, NULL);
		if (z->workers[n].ready)
			deflateEnd(&z->workers[n].zs);
	}
	free(z->workers);
	for (i = 0; i < z->nslots; i++) {
		free(z->slots[i].in);
		free(z->slots[i].out);
	}
	free(z->slots);
	pthread_mutex_destroy(&z->lock);
	pthread_cond_destroy(&z->work);
	pthread_cond_destroy(&z->done);
	free(z);
}
