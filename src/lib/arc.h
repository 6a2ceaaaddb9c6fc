/*
 * Reading archives that may be hostile, through libarchive: the one
 * reader of samling.  A zip held in memory (office documents, .zip
 * bundles, .xlsx), or a file or pipe holding tar (with gzip, zstd, xz or
 * bzip2), zip or 7z, recognised by content (bags).
 *
 *	struct arc *a = arc_open_zip(data, len, "report.pptx", 0);
 *	while ((r = arc_next(a)) > 0)
 *		if (arc_is_file(a) && strcmp(arc_member(a), "x.xml") == 0)
 *			r = arc_read(a, &buf, ARC_MEMBER_LIMIT);
 *	arc_close(a);
 *
 * Members are visited in the archive's order, each once; reading is
 * optional.  Names come as they stand in the archive, unchecked (the
 * caller judges them, see bag_path_problem).  Every failure is kept
 * (arc_error) and, unless the archive was opened ARC_QUIET, said at
 * once in the one form of samling:
 *	samling-X: ARCHIVE: what is wrong
 *	samling-X: ARCHIVE: MEMBER: what is wrong
 * the member named when the failure is its own (control characters of
 * both names escaped).  Callers then just return.
 *
 * Hostile input: a member whose size, declared or actual, passes the
 * limit given to its read; data of all members past the size limit, or
 * past a ratio times the archive's size (a decompression bomb); too many
 * members; encrypted members.  Holes of sparse members read as zeros.
 */
#ifndef SAMLING_ARC_H
#define SAMLING_ARC_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/*
 * Does data begin as a zip archive does: a local file header, or the end
 * record of an empty archive?  The signature only, no reading.
 */
int arc_is_zip(const void *data, size_t len);

struct arc_limits {
	uint64_t max_bytes;	/* data of all members; 0 = no limit */
	uint64_t max_ratio;	/* data / archive size; 0 = no limit */
	uint64_t max_entries;	/* 0 = no limit */
};

/* A zip in memory: one XML part, and all parts of one archive. */
#define ARC_MEMBER_LIMIT ((size_t)256 << 20)
#define ARC_TOTAL_LIMIT ((size_t)1 << 30)

/*
 * Bags: samling-verify's defaults, and what samling-pack holds its bags
 * to.  The ratio is above deflate's greatest (1032 to 1), so no tar.gz
 * or zip bag is ever taken for a bomb; zstd and xz go further on
 * repetitive data, and samling-pack says so when its bag does.  Data
 * below ARC_RATIO_FLOOR is never judged by its ratio.
 */
#define ARC_MAX_BYTES ((uint64_t)256 << 30)
#define ARC_MAX_RATIO ((uint64_t)1100)
#define ARC_MAX_ENTRIES ((uint64_t)1000000)
#define ARC_RATIO_FLOOR ((uint64_t)64 << 20)

/* What is read from a pipe after its archive ends, at most. */
#define ARC_DRAIN_MAX ((uint64_t)1 << 20)

enum arc_type {
	ARC_FILE, ARC_DIR, ARC_SYMLINK, ARC_HARDLINK, ARC_OTHER
};

struct arc_entry {
	const char *path;	/* as stored (UTF-8 where the format says) */
	enum arc_type type;
	int64_t size;		/* declared; 0 when not given */
	int64_t mtime;
	int exec;		/* any execute bit */
};

struct arc;

/* Flags for arc_open_zip and arc_open. */
#define ARC_QUIET 1	/* no messages: failures are only kept */

/*
 * Open a zip archive held in data[0..len) (which must outlive the arc).
 * name is the archive's name in messages ("-" = <stdin>).  NULL after a
 * message when it is no readable zip archive.  Its limits are no ratio,
 * no count of members, ARC_TOTAL_LIMIT bytes (arc_set_total_limit).
 */
struct arc *arc_open_zip(const void *data, size_t len, const char *name,
    int flags);
/*
 * Open path, or standard input for "-" (read once, and not closed); NULL
 * with errno set when it cannot be opened.  A pipe is read as a stream:
 * its size for the ratio limit is what has been read so far, a zip is
 * read by its local headers, and a 7z cannot be read.  Failing to find
 * an archive at all is learnt at the first arc_next.
 */
struct arc *arc_open(const char *path, const struct arc_limits *lim,
    int flags);
/* Bytes all reads of this archive may expand to. */
void arc_set_total_limit(struct arc *a, size_t limit);
/*
 * Close; a named pipe or device read to its archive's end is drained as
 * arc_drain does.  Standard input is left for the caller to drain.
 */
void arc_close(struct arc *a);

/* Step to the next member: 1, 0 at the end, -1 after a failure. */
int arc_next(struct arc *a);
const struct arc_entry *arc_entry(const struct arc *a);
const char *arc_member(const struct arc *a);	/* its path, as stored */
int arc_is_file(const struct arc *a);		/* a regular file? */
int arc_is_encrypted(const struct arc *a);
/* Uncompressed size the archive declares, -1 when not given. */
long long arc_declared_size(const struct arc *a);

/*
 * The current member's next data: 1 with *p, *n set; 0 at its end; -1
 * after a failure.  Counted against the archive's limits only.
 */
int arc_data(struct arc *a, const void **p, size_t *n);

/*
 * Read the current member whole into out (appended, NUL-terminated).
 * 0, or -1 after a failure (encrypted, larger than limit, corrupt data,
 * the archive's limits passed).
 */
int arc_read(struct arc *a, struct buf *out, size_t limit);

/*
 * Read the current member in pieces, handing each to fn (which returns 0
 * to go on, -1 to stop: arc_stream then returns -1 without a message of
 * its own).  The same checks as arc_read.
 */
typedef int (*arc_chunk_fn)(void *ctx, const char *p, size_t n);
int arc_stream(struct arc *a, size_t limit, arc_chunk_fn fn, void *ctx);

/*
 * Find member by its exact path and read it into out: 1 when read, 0
 * when the archive has no such member (no message), -1 after a message.
 */
int arc_read_member(const void *data, size_t len, const char *name,
    const char *member, struct buf *out, size_t limit);

/* Say "samling-X: ARCHIVE: MEMBER: message" of the current member. */
void arc_warn(const struct arc *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The archive's name as given; messages print it through err_name. */
const char *arc_name(const struct arc *a);

/*
 * The last failure, in words ("damaged archive" if none was kept), and
 * the member it is of, or NULL when it is the archive's.
 */
const char *arc_error(const struct arc *a);
const char *arc_error_member(const struct arc *a);
/* Which limit stopped the reading, or 0. */
enum arc_limit { ARC_LIMIT_SIZE = 1, ARC_LIMIT_RATIO, ARC_LIMIT_ENTRIES };
int arc_limit_hit(const struct arc *a);
/*
 * Whether the input is no archive at all: 1 empty, 2 not of a format
 * read here; 0 when it is an archive.
 */
int arc_not_archive(const struct arc *a);
/* Whether it stopped because the format needs a file, not a pipe. */
int arc_needs_seek(const struct arc *a);
/*
 * The archive's format as samling-pack names them (enum bag_format of
 * bag_out.h), or -1 for another (a tar.bz2); once a member is read.
 */
int arc_format(const struct arc *a);
/* Whether the archive was read to its end; how many members were. */
int arc_at_end(const struct arc *a);
uint64_t arc_entries(const struct arc *a);

/*
 * Read what follows an archive on a pipe, so that its writer does not
 * die of SIGPIPE for padding: at most ARC_DRAIN_MAX bytes, waiting
 * at most a second for each read.  Endless input is left unread.
 */
void arc_drain(int fd);

#endif
