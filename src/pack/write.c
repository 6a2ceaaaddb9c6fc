/*
 * Writing the bag: bagit.txt and bag-info.txt first (Payload-Oxum is
 * known from the walk), then the payload in sorted order, each file read
 * once and hashed as it streams out, then the manifests and tag
 * manifests, which need the digests.  Digests are computed on a
 * second thread (hasher.c) while the main thread feeds the archive.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bag_out.h"
#include "bagit.h"
#include "buf.h"
#include "cli.h"
#include "digest.h"
#include "err.h"
#include "exitcode.h"
#include "progress.h"
#include "hasher.h"
#include "io.h"
#include "pack.h"
#include "xalloc.h"

/* Algorithm numbers of the mask in ascending order; returns the count. */
static int
alg_list(unsigned mask, int *algs)
{
	int i, n = 0;

	for (i = 0; i < DIGEST_NALG; i++)
		if (mask & DIGEST_BIT(i))
			algs[n++] = i;
	return n;
}

/*
 * Bag-Size, as RFC 8493 has it: the approximate size with a unit, here
 * that of the payload, in powers of 1000.
 */
static void
bag_size(struct buf *b, uint64_t octets)
{
	static const char *const units[] = { "kB", "MB", "GB", "TB", "PB" };
	double v = (double)octets;
	int u = -1;

	if (octets < 1000) {
		buf_printf(b, "Bag-Size: %" PRIu64 " bytes\n", octets);
		return;
	}
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	buf_printf(b, "Bag-Size: %.1f %s\n", v, units[u]);
}

static void
bag_info_txt(struct buf *b, const struct payload *p,
    const struct pack_opts *o, int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	char date[32];
	size_t i;

	if (o->have_epoch)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	buf_printf(b, "Bag-Software-Agent: samling-pack %s\n",
	    VERSION);
	buf_printf(b, "Bagging-Date: %s\n", date);
	buf_printf(b, "Payload-Oxum: %" PRIu64 ".%" PRIu64 "\n", p->octets,
	    p->files);
	bag_size(b, p->octets);
	for (i = 0; i < o->ninfo; i++)
		buf_printf(b, "%s: %s\n", o->info[i].label, o->info[i].value);
}

/* Stream one payload file into the bag; the hasher digests it alongside. */
static int
copy_file(struct bag_out *out, struct item *it, struct hasher *h,
    const struct pack_opts *o, struct progress *pr)
{
	uint64_t left = it->size;
	int fd;

	/* An open can block (a lease, a hung NFS server) until a signal. */
	while ((fd = open(it->src, O_RDONLY | O_CLOEXEC |
	    (o->follow ? 0 : O_NOFOLLOW))) < 0 && errno == EINTR)
		io_check_signal();
	if (fd < 0) {
		warnsys("%s", err_name(it->src));
		return -1;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if (bag_out_begin(out, it->rel, it->size, it->exec, it->mtime) != 0)
		goto fail;
	for (;;) {
		char *chunk;
		int b = hasher_buffer(h, &chunk);
		/* One byte more than expected, to notice a file that grew. */
		size_t want = left < HASHER_CHUNK ? (size_t)left + 1 :
		    HASHER_CHUNK;
		ssize_t n;

		/* Each chunk is a moment to act on a signal (io.h). */
		n = io_read(fd, chunk, want);
		if (n < 0 || (uint64_t)n > left) {
			if (n < 0)
				warnsys("%s", err_name(it->src));
			else
				warnmsg("%s: file grew while being packed",
				    err_name(it->src));
			hasher_release(h, b);
			goto fail;
		}
		hasher_submit(h, b, (size_t)n, it, n == 0);
		if (n > 0 && bag_out_write(out, chunk, (size_t)n) != 0) {
			hasher_release(h, b);
			goto fail;
		}
		hasher_release(h, b);
		if (n == 0)
			break;
		left -= (uint64_t)n;
		progress_step(pr, 0, (uint64_t)n);
	}
	if (left != 0) {
		warnmsg("%s: file shrank while being packed", err_name(it->src));
		goto fail;
	}
	close(fd);
	return bag_out_end(out);
fail:
	close(fd);
	return -1;
}

static void
manifest_line(struct buf *b, const unsigned char *md, int alg,
    const char *path)
{
	char hex[2 * DIGEST_MAXSIZE + 1];

	digest_hex(md, digest_alg_size(alg), hex);
	buf_adds(b, hex);
	buf_adds(b, "  ");
	bag_path_encode(b, path, strlen(path));
	buf_addc(b, '\n');
}

/* Add a tag file's line to each tag manifest. */
static void
tag_lines(struct buf *tagman, const int *algs, int nalg, const char *name,
    const struct buf *content)
{
	unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE];
	struct digest_set *ds;
	unsigned mask = 0;
	int i;

	for (i = 0; i < nalg; i++)
		mask |= DIGEST_BIT(algs[i]);
	if ((ds = digest_set_new(mask)) == NULL)
		die(EXIT_TROUBLE, "out of memory");
	digest_set_update(ds, content->data, content->len);
	digest_set_final(ds, md);
	digest_set_free(ds);
	for (i = 0; i < nalg; i++)
		manifest_line(&tagman[i], md[algs[i]], algs[i], name);
}

static int
write_payload(struct bag_out *out, struct payload *p,
    const struct pack_opts *o)
{
	struct hasher *h = hasher_start(o->algs);
	struct progress *pr;
	size_t i;
	int r = 0;

	if (h == NULL)
		return -1;
	pr = progress_start(!o->quiet);
	progress_total(pr, p->files, p->octets);
	for (i = 0; i < p->n && r == 0; i++) {
		struct item *it = &p->items[i];

		io_check_signal();
		if (it->dir)
			r = bag_out_mkdir(out, it->rel, it->mtime);
		else if ((r = copy_file(out, it, h, o, pr)) == 0)
			progress_step(pr, 1, 0);
		if (r == 0 && o->verbose)
			progress_list(pr, "a %s", err_name(it->rel));
	}
	progress_end(pr);
	if (hasher_finish(h) != 0 && r == 0) {
		warnmsg("digest failed");
		r = -1;
	}
	return r;
}

/* The user's tag files, after bag-info.txt. */
static int
write_tag_files(struct bag_out *out, const struct pack_opts *o, int64_t now)
{
	size_t i;

	for (i = 0; i < o->ntags; i++)
		if (bag_out_blob(out, o->tags[i].name, o->tags[i].content.data,
		    o->tags[i].content.len, now) != 0)
			return -1;
	return 0;
}

int
pack_write(struct bag_out *out, struct payload *p, const struct pack_opts *o)
{
	struct buf bagit = BUF_INIT, info = BUF_INIT, name = BUF_INIT;
	struct buf man[DIGEST_NALG], tagman[DIGEST_NALG];
	int algs[DIGEST_NALG], nalg = alg_list(o->algs, algs), i, r = -1;
	int64_t now = o->have_epoch ? o->epoch : (int64_t)time(NULL);
	size_t k;

	memset(man, 0, sizeof man);
	memset(tagman, 0, sizeof tagman);
	bag_bagit_txt(&bagit);
	bag_info_txt(&info, p, o, now);
	if (bag_out_mkdir(out, "", now) != 0 ||
	    bag_out_blob(out, "bagit.txt", bagit.data, bagit.len, now) != 0 ||
	    bag_out_blob(out, "bag-info.txt", info.data, info.len, now) != 0 ||
	    write_tag_files(out, o, now) != 0 ||
	    bag_out_mkdir(out, "data", now) != 0 ||
	    write_payload(out, p, o) != 0)
		goto done;
	tag_lines(tagman, algs, nalg, "bag-info.txt", &info);
	tag_lines(tagman, algs, nalg, "bagit.txt", &bagit);
	for (k = 0; k < o->ntags; k++)
		tag_lines(tagman, algs, nalg, o->tags[k].name,
		    &o->tags[k].content);
	for (i = 0; i < nalg; i++) {
		for (k = 0; k < p->n; k++)
			if (!p->items[k].dir)
				manifest_line(&man[i], p->items[k].md +
				    (size_t)i * DIGEST_MAXSIZE, algs[i],
				    p->items[k].rel);
		buf_clear(&name);
		buf_printf(&name, "manifest-%s.txt", digest_alg_name(algs[i]));
		if (bag_out_blob(out, name.data, man[i].data, man[i].len,
		    now) != 0)
			goto done;
		tag_lines(tagman, algs, nalg, name.data, &man[i]);
	}
	for (i = 0; i < nalg; i++) {
		buf_clear(&name);
		buf_printf(&name, "tagmanifest-%s.txt",
		    digest_alg_name(algs[i]));
		if (bag_out_blob(out, name.data, tagman[i].data,
		    tagman[i].len, now) != 0)
			goto done;
	}
	r = bag_out_finish(out);
done:
	for (i = 0; i < DIGEST_NALG; i++) {
		buf_free(&man[i]);
		buf_free(&tagman[i]);
	}
	buf_free(&bagit);
	buf_free(&info);
	buf_free(&name);
	return r;
}
