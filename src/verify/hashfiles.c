/*
 * Digesting the files of a directory bag on several threads: the files
 * are independent, and one core digests SHA-256 slower than a disk or
 * the page cache delivers it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "progress.h"
#include "verify.h"
#include "xalloc.h"

enum { CHUNK = 1 << 20 };

struct pool {
	struct hashjob *jobs;
	size_t n;
	atomic_size_t next;
	atomic_uint_fast64_t files, bytes;	/* done, for the progress line */
	struct progress *pr;			/* drawn by the first thread */
};

/* A digest set for mask, reusing the last one when the mask repeats. */
static struct digest_set *
set_for(struct digest_set **cache, unsigned mask)
{
	if (*cache != NULL && digest_set_mask(*cache) == mask) {
		digest_set_reset(*cache);
		return *cache;
	}
	digest_set_free(*cache);
	*cache = digest_set_new(mask);
	return *cache;
}

static void
hash_one(struct pool *p, struct hashjob *j, struct digest_set **cache,
    char *chunk, int first)
{
	unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE];
	struct digest_set *ds;
	int fd = open(j->src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t r;

	if (fd < 0) {
		j->error = errno;
		return;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if ((ds = set_for(cache, j->mask)) == NULL) {
		j->error = ENOSYS;
		close(fd);
		return;
	}
	while ((r = read(fd, chunk, CHUNK)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			j->error = errno;
			close(fd);
			return;
		}
		digest_set_update(ds, chunk, (size_t)r);
		atomic_fetch_add(&p->bytes, (uint64_t)r);
		if (first)
			progress_set(p->pr, atomic_load(&p->files),
			    atomic_load(&p->bytes));
	}
	atomic_fetch_add(&p->files, 1);
	close(fd);
	if (digest_set_final(ds, md) != 0) {
		j->error = EIO;
		return;
	}
	/* Each job owns its file: no two threads touch one vfile. */
	vbag_digested(NULL, j->f, j->mask, md);
}

static void *
run(struct pool *p, int first)
{
	struct digest_set *cache = NULL;
	char *chunk = xmalloc(CHUNK);
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		hash_one(p, &p->jobs[i], &cache, chunk, first);
	digest_set_free(cache);
	free(chunk);
	return NULL;
}

static void *
worker(void *arg)
{
	return run(arg, 0);
}

void
hash_files(struct hashjob *jobs, size_t n, int threads, struct progress *pr)
{
	struct pool p;
	pthread_t *t;
	int i, started = 0;

	p.jobs = jobs;
	p.n = n;
	atomic_init(&p.next, 0);
	atomic_init(&p.files, 0);
	atomic_init(&p.bytes, 0);
	p.pr = pr;
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = n > 0 ? (int)n : 1;
	t = xreallocarray(NULL, (size_t)threads, sizeof *t);
	for (i = 1; i < threads; i++)
		if (pthread_create(&t[i], NULL, worker, &p) == 0)
			started = i;
		else
			break;
	run(&p, 1);
	for (i = 1; i <= started; i++)
		pthread_join(t[i], NULL);
	progress_set(pr, atomic_load(&p.files), atomic_load(&p.bytes));
	free(t);
}
