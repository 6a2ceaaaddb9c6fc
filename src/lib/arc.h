/*
 * Zip archives held in memory, read through libarchive: office documents
 * (.pptx .docx .xlsx .odp .odt), plain .zip bundles.
 *
 *	struct arc *a = arc_open_zip(data, len, "report.pptx", 0);
 *	while ((r = arc_next(a)) > 0)
 *		if (arc_is_file(a) && strcmp(arc_member(a), "x.xml") == 0)
 *			r = arc_read(a, &buf, ARC_MEMBER_LIMIT);
 *	arc_close(a);
 *
 * Members are visited in the order of the zip's central directory, each
 * once; reading is optional.  Every function that fails prints a message
 * first, "samling-X: NAME: what is wrong" or "samling-X: NAME:MEMBER: what
 * is wrong" (control characters escaped), so callers just return.
 *
 * Hostile input: a member whose size, declared or actual, passes the
 * limit given to the read (a zip bomb), or members that together expand
 * past the archive's total limit, are refused; so are encrypted members.
 */
#ifndef SAMLING_ARC_H
#define SAMLING_ARC_H

#include <stddef.h>
#include "buf.h"

/*
 * Does data begin as a zip archive does: a local file header, or the end
 * record of an empty archive?  The signature only, no reading.
 */
int arc_is_zip(const void *data, size_t len);

/* Sane defaults: one XML part, and all parts of one archive together. */
#define ARC_MEMBER_LIMIT ((size_t)256 << 20)
#define ARC_TOTAL_LIMIT ((size_t)1 << 30)

struct arc;

/* Flags for arc_open_zip. */
#define ARC_QUIET 1	/* no messages: failures only return -1 or NULL */

/*
 * Open a zip archive held in data[0..len) (which must outlive the arc).
 * name is the archive's name in messages ("-" = <stdin>).  NULL after a
 * message when it is no readable zip archive.
 */
struct arc *arc_open_zip(const void *data, size_t len, const char *name,
    int flags);
/* Bytes all reads of this archive may expand to (ARC_TOTAL_LIMIT). */
void arc_set_total_limit(struct arc *a, size_t limit);
void arc_close(struct arc *a);

/* Step to the next member: 1, 0 at the end, -1 after a message. */
int arc_next(struct arc *a);
const char *arc_member(const struct arc *a);	/* its path, as stored */
int arc_is_file(const struct arc *a);		/* a regular file? */
int arc_is_encrypted(const struct arc *a);
/* Uncompressed size the archive declares, -1 when not given. */
long long arc_declared_size(const struct arc *a);

/*
 * Read the current member whole into out (appended, NUL-terminated).
 * 0, or -1 after a message (encrypted, larger than limit, corrupt data,
 * total limit passed).
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

/* Print "samling-X: NAME:MEMBER: message" for the current member. */
void arc_warn(const struct arc *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The archive's name as given; messages print it through err_name. */
const char *arc_name(const struct arc *a);
/* The current member's path as messages show it (escaped). */
const char *arc_member_shown(const struct arc *a);

#endif
