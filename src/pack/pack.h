/* samling-pack: the payload and the writing of a bag. */
#ifndef SAMLING_PACK_H
#define SAMLING_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bag_match.h"
#include "bagit.h"
#include "buf.h"
#include "io.h"

/* One file or directory of the payload. */
struct item {
	char *src;		/* where it is read from */
	char *rel;		/* "data/...", NFC */
	int dir;
	int exec;
	uint64_t size;
	int64_t mtime;
	unsigned char *md;	/* nalg digests of DIGEST_MAXSIZE bytes */
};

struct payload {
	struct item *items;	/* sorted by rel after payload_sort */
	size_t n, cap;
	uint64_t octets, files;
};

/* A tag file of the user's (--tag-file). */
struct tagfile {
	char *name;		/* at the bag's top, NFC */
	struct buf content;
};

/* Tag files are held in memory, as samling-verify reads its own. */
#define TAG_FILE_MAX ((size_t)256 << 20)

struct pack_opts {
	unsigned algs;		/* digest mask */
	int follow;		/* -L */
	int skip_links;		/* --skip-links */
	int threads;		/* -j: cores to compress tar.gz and tar.zst on */
	struct bag_match *match;	/* --exclude and the like, or NULL */
	int have_epoch;		/* SOURCE_DATE_EPOCH given */
	int64_t epoch;
	const char *name;	/* the bag's base directory */
	struct bag_tag *info;	/* the user's bag-info fields */
	size_t ninfo;
	struct tagfile *tags;	/* --tag-file, in the order given */
	size_t ntags;
	int quiet;		/* -q: no progress line */
	int verbose;		/* -v: list each file */
	struct outfile_id outid;	/* -o's file, if there: never packed */
};

/* Add PATH to the payload; 0 ok, -1 after messages. */
int payload_add(struct payload *p, const char *path,
    const struct pack_opts *o);
/* Sort, and refuse names that collide; 0 ok, -1 after messages. */
int payload_sort(struct payload *p);
void payload_free(struct payload *p);

/* --profile: fill in what it requires; then check (0, or -1 said). */
struct bag_profile;
void profile_fill(struct pack_opts *o, const struct bag_profile *p);
int profile_check(const struct pack_opts *o, const struct bag_profile *p,
    const char *profile_path, const struct payload *pl, int fmt);

/* Write the bag to out (an archive or directory bag_out); 0 or -1. */
struct bag_out;
int pack_write(struct bag_out *out, struct payload *p,
    const struct pack_opts *o);

#endif
