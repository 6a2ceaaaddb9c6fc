/*
 * Digesting on a second thread: the main thread reads each chunk once
 * and hands it both to the archive (where compression runs) and to this
 * thread, so hashing overlaps compression instead of adding to it.
 * Chunks come from a small pool; one is free again when both are done.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "hasher.h"
#include "io.h"
#include "pack.h"
#include "xalloc.h"

enum { NBUF = 4 };

struct job {
	int buf;		/* index into bufs */
	size_t len;
	struct item *it;
	int last;		/* the file's last chunk: finish its digest */
};

struct hasher {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	char *bufs[NBUF];
	int refs[NBUF];		/* 0 free; main and hasher hold one each */
	struct job queue[NBUF];
	int head, count;
	int stop, failed;
	struct digest_set *ds;
	int algs[DIGEST_NALG], nalg;
};

static void
finish_item(struct hasher *h, struct item *it)
{
	unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE];
	int i;

	if (digest_set_final(h->ds, md) != 0)
		h->failed = 1;
	it->md = xmalloc((size_t)h->nalg * DIGEST_MAXSIZE);
	for (i = 0; i < h->nalg; i++)
		memcpy(it->md + (size_t)i * DIGEST_MAXSIZE, md[h->algs[i]],
		    DIGEST_MAXSIZE);
	digest_set_reset(h->ds);
}

static void *
run(void *arg)
{
	struct hasher *h = arg;

	pthread_mutex_lock(&h->lock);
	for (;;) {
		struct job j;

		while (h->count == 0 && !h->stop)
			pthread_cond_wait(&h->cond, &h->lock);
		if (h->count == 0)
			break;
		j = h->queue[h->head];
		pthread_mutex_unlock(&h->lock);
		digest_set_update(h->ds, h->bufs[j.buf], j.len);
		if (j.last)
			finish_item(h, j.it);
		pthread_mutex_lock(&h->lock);
		h->head = (h->head + 1) % NBUF;
		h->count--;
		h->refs[j.buf]--;
		pthread_cond_broadcast(&h->cond);
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

struct hasher *
hasher_start(unsigned mask)
{
	struct hasher *h = xcalloc(1, sizeof *h);
	sigset_t saved;
	int i, started;

	if ((h->ds = digest_set_new(mask)) == NULL) {
		free(h);
		return NULL;
	}
	for (i = 0; i < DIGEST_NALG; i++)
		if (mask & DIGEST_BIT(i))
			h->algs[h->nalg++] = i;
	for (i = 0; i < NBUF; i++)
		h->bufs[i] = xmalloc(HASHER_CHUNK);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->cond, NULL);
	/* The main thread alone takes SIGINT and the like (io.h). */
	io_hold_signals(&saved);
	started = pthread_create(&h->thread, NULL, run, h) == 0;
	io_restore_signals(&saved);
	if (!started) {
		digest_set_free(h->ds);
		for (i = 0; i < NBUF; i++)
			free(h->bufs[i]);
		free(h);
		return NULL;
	}
	return h;
}

int
hasher_buffer(struct hasher *h, char **buf)
{
	int i;

	pthread_mutex_lock(&h->lock);
	for (;;) {
		for (i = 0; i < NBUF; i++)
			if (h->refs[i] == 0)
				break;
		if (i < NBUF)
			break;
		pthread_cond_wait(&h->cond, &h->lock);
	}
	h->refs[i] = 1;
	pthread_mutex_unlock(&h->lock);
	*buf = h->bufs[i];
	return i;
}

void
hasher_submit(struct hasher *h, int buf, size_t len, struct item *it,
    int last)
{
	struct job *j;

	pthread_mutex_lock(&h->lock);
	/* Each queued job holds a buffer, so there is always room. */
	j = &h->queue[(h->head + h->count) % NBUF];
	j->buf = buf;
	j->len = len;
	j->it = it;
	j->last = last;
	h->count++;
	h->refs[buf]++;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

void
hasher_release(struct hasher *h, int buf)
{
	pthread_mutex_lock(&h->lock);
	h->refs[buf]--;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

int
hasher_finish(struct hasher *h)
{
	int i, failed;

	pthread_mutex_lock(&h->lock);
	h->stop = 1;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
	pthread_join(h->thread, NULL);
	failed = h->failed;
	digest_set_free(h->ds);
	for (i = 0; i < NBUF; i++)
		free(h->bufs[i]);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->cond);
	free(h);
	return failed ? -1 : 0;
}
