/*
 * Reading an archive that may be hostile, through libarchive: tar (with
 * gzip, zstd, xz or bzip2), zip or 7z, recognised by content.
 *
 * Entries come as they stand in the archive, their names unchecked (the
 * caller judges them, see bag_path_problem).  Data comes as one stream
 * per entry, holes of sparse entries filled with zeros.  Reading stops
 * with an error when the data grows past a size limit, when it is more
 * than a ratio times the archive's size (a decompression bomb), or when
 * there are too many entries.
 */
#ifndef SAMLING_BAG_IN_H
#define SAMLING_BAG_IN_H

#include <stddef.h>
#include <stdint.h>

struct bag_in_limits {
	uint64_t max_bytes;	/* data of all entries; 0 = no limit */
	uint64_t max_ratio;	/* data / archive size; 0 = no limit */
	uint64_t max_entries;	/* 0 = no limit */
};

/* Data below this is never judged by its ratio: small archives vary. */
#define BAG_IN_RATIO_FLOOR ((uint64_t)64 << 20)

enum bag_entry_type {
	BAG_ENTRY_FILE, BAG_ENTRY_DIR, BAG_ENTRY_SYMLINK, BAG_ENTRY_HARDLINK,
	BAG_ENTRY_OTHER
};

struct bag_entry {
	const char *path;	/* as stored (UTF-8 where the format says) */
	enum bag_entry_type type;
	int64_t size;
	int64_t mtime;
	int exec;		/* any execute bit */
};

struct bag_in;

/*
 * Open path, or standard input for "-" (read once, and not closed); NULL
 * with errno set when it cannot be opened.  A pipe is read as a stream:
 * its size for the ratio limit is what has been read so far, a zip is
 * read by its local headers, and a 7z cannot be read.
 */
struct bag_in *bag_in_open(const char *path, const struct bag_in_limits *lim);
/* The next entry: 1, 0 at the end, -1 on error (see bag_in_error). */
int bag_in_next(struct bag_in *in, struct bag_entry *e);
/* The entry's next data: 1 with *p, *n set; 0 at its end; -1 on error. */
int bag_in_data(struct bag_in *in, const void **p, size_t *n);
/* What went wrong, in words; and whether a limit was hit. */
const char *bag_in_error(const struct bag_in *in);
int bag_in_limit_hit(const struct bag_in *in);
/* Whether it stopped because the format needs a file, not a pipe. */
int bag_in_needs_seek(const struct bag_in *in);
/* Bytes of entry data read so far. */
uint64_t bag_in_total(const struct bag_in *in);
void bag_in_close(struct bag_in *in);

#endif
