/* Reading possibly hostile archives through libarchive, with limits. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "arc.h"
#include "bag_out.h"
#include "buf.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "xalloc.h"

static const char zeros[65536];

enum { BLOCK = 1 << 17 };

struct arc {
	struct archive *ar;
	struct archive_entry *entry;	/* current member, owned by ar */
	struct arc_entry e;		/* what the caller sees of it */
	char *name;			/* archive name, as given */
	struct arc_limits lim;
	int quiet;			/* ARC_QUIET */

	uint64_t archive_size;	/* of a file or memory; 0 for a pipe */
	uint64_t consumed;	/* archive bytes read from a pipe */
	uint64_t total;		/* member data delivered */
	uint64_t entries;

	/* The current member's data. */
	int64_t pos;		/* delivered */
	const char *block;	/* a data block not yet delivered */
	size_t blocklen;
	int64_t blockoff;
	int eof;		/* of its blocks */
	int sparse;		/* it has holes */
	int data_read;		/* arc_stream had it already */

	/* A file or pipe. */
	int fd;
	int own_fd;		/* opened here (not standard input) */
	int seekable;		/* a regular file, or memory */
	off_t start;		/* where the archive begins in fd */
	char *buf;		/* BLOCK bytes for reading */

	int stuck;		/* nothing more can be read */
	int at_end;
	int not_archive;	/* 1 empty, 2 of no format read here */
	int read_failed;	/* the input could not be read */
	int needs_seek;
	int limit_hit;
	int error_of_member;	/* the failure names the member */
	char error[256];
};

/* How fail() takes a failure. */
enum {
	OF_MEMBER = 1,	/* the current member's, named in the message */
	STUCK = 2	/* the archive can be read no further */
};

static void
say(const struct arc *a, int of_member, const char *text)
{
	if (a->quiet)
		return;
	if (of_member)
		warnmsg("%s: %s: %s", err_name(a->name),
		    err_name(arc_member(a)), text);
	else
		warnmsg("%s: %s", err_name(a->name), text);
}

/* Keep and say a failure; -1. */
static int
fail(struct arc *a, int how, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct arc *a, int how, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->error, sizeof a->error, fmt, ap);
	va_end(ap);
	/* Our messages are lower case: "Truncated tar archive" is not. */
	if (isupper((unsigned char)a->error[0]) &&
	    islower((unsigned char)a->error[1]))
		a->error[0] = (char)tolower((unsigned char)a->error[0]);
	a->error_of_member = (how & OF_MEMBER) && a->entry != NULL;
	if (how & STUCK)
		a->stuck = 1;
	say(a, a->error_of_member, a->error);
	return -1;
}

static const char *
lib_error(struct archive *ar, const char *otherwise)
{
	const char *s = archive_error_string(ar);

	return s != NULL ? s : otherwise;
}

/* "256 MiB", "4 GiB", or bytes when it is neither whole. */
static const char *
size_words(char *out, size_t size, uint64_t n)
{
	if (n != 0 && n % ((uint64_t)1 << 30) == 0)
		snprintf(out, size, "%" PRIu64 " GiB", n >> 30);
	else if (n != 0 && n % ((uint64_t)1 << 20) == 0)
		snprintf(out, size, "%" PRIu64 " MiB", n >> 20);
	else
		snprintf(out, size, "%" PRIu64 " bytes", n);
	return out;
}

int
arc_is_zip(const void *data, size_t len)
{
	const unsigned char *p = data;

	return len >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

static struct arc *
arc_new(const char *name, int flags)
{
	struct arc *a = xcalloc(1, sizeof *a);

	a->name = xstrdup(name != NULL ? name : "-");
	a->quiet = (flags & ARC_QUIET) != 0;
	a->fd = -1;
	if ((a->ar = archive_read_new()) == NULL)
		die(EXIT_TROUBLE, "out of memory");
	return a;
}

struct arc *
arc_open_zip(const void *data, size_t len, const char *name, int flags)
{
	struct arc *a = arc_new(name, flags);

	a->lim.max_bytes = ARC_TOTAL_LIMIT;
	a->seekable = 1;
	a->archive_size = len;
	/*
	 * The seekable reader trusts the central directory, as office
	 * programs do, rather than scanning local headers; a truncated
	 * archive therefore fails here, before any member is believed.
	 */
	if (archive_read_support_format_zip_seekable(a->ar) != ARCHIVE_OK ||
	    archive_read_open_memory(a->ar, data, len) != ARCHIVE_OK) {
		/* libarchive finds no format at all when the central
		 * directory, at the end, is cut off or damaged */
		if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
			fail(a, STUCK, "truncated or damaged zip archive (no "
			    "central directory)");
		else
			fail(a, STUCK, "not a readable zip archive: %s",
			    lib_error(a->ar, "unknown error"));
		arc_close(a);
		return NULL;
	}
	return a;
}

/*
 * Our own callbacks rather than archive_read_open_fd: its read retries
 * EINTR, so a fatal signal could not end a wait on a pipe (io_read),
 * and a pipe has no size to judge the ratio by (consumed counts).
 */
static la_ssize_t
read_cb(struct archive *ar, void *data, const void **p)
{
	struct arc *a = data;
	ssize_t n = io_read(a->fd, a->buf, BLOCK);

	if (n < 0) {
		a->read_failed = 1;
		archive_set_error(ar, errno, "%s", strerror(errno));
		return -1;
	}
	a->consumed += (uint64_t)n;
	*p = a->buf;
	return n;
}

/* Skip by seeking in a file; 0 makes libarchive read through instead. */
static la_int64_t
skip_cb(struct archive *ar, void *data, la_int64_t request)
{
	struct arc *a = data;
	off_t from, to;

	(void)ar;
	if (!a->seekable || (from = lseek(a->fd, 0, SEEK_CUR)) < 0 ||
	    (to = lseek(a->fd, (off_t)request, SEEK_CUR)) < 0)
		return 0;
	return (la_int64_t)(to - from);
}

/* Offsets are the archive's: it may begin inside standard input. */
static la_int64_t
seek_cb(struct archive *ar, void *data, la_int64_t offset, int whence)
{
	struct arc *a = data;
	off_t r;

	if (whence == SEEK_SET)
		offset += a->start;
	if ((r = lseek(a->fd, (off_t)offset, whence)) < a->start) {
		archive_set_error(ar, r < 0 ? errno : EINVAL,
		    "cannot seek in the archive");
		return ARCHIVE_FATAL;
	}
	return (la_int64_t)(r - a->start);
}

struct arc *
arc_open(const char *path, const struct arc_limits *lim, int flags)
{
	struct arc *a;
	struct stat st;
	int fd, own = !is_stdin_name(path);

	if (!own)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		int saved = S_ISDIR(st.st_mode) ? EISDIR : errno;

		if (own)
			close(fd);
		errno = saved;
		return NULL;
	}
	a = arc_new(path, flags);
	a->lim = *lim;
	a->fd = fd;
	a->own_fd = own;
	a->buf = xmalloc(BLOCK);
	if (S_ISREG(st.st_mode) && (a->start = lseek(fd, 0, SEEK_CUR)) >= 0) {
		a->seekable = 1;
		a->archive_size = st.st_size > a->start ?
		    (uint64_t)(st.st_size - a->start) : 0;
	} else {
		a->start = 0;
	}
	archive_read_support_format_tar(a->ar);
	archive_read_support_format_zip(a->ar);
	archive_read_support_format_7zip(a->ar);
	archive_read_support_filter_gzip(a->ar);
	archive_read_support_filter_zstd(a->ar);
	archive_read_support_filter_xz(a->ar);
	archive_read_support_filter_bzip2(a->ar);
	archive_read_set_read_callback(a->ar, read_cb);
	archive_read_set_skip_callback(a->ar, skip_cb);
	/* Without one, zip is read by its local headers, as it streams. */
	if (a->seekable)
		archive_read_set_seek_callback(a->ar, seek_cb);
	archive_read_set_callback_data(a->ar, a);
	if (archive_read_open1(a->ar) != ARCHIVE_OK) {
		/* libarchive's ARCHIVE_ERRNO_FILE_FORMAT: no format bid. */
		if (!a->read_failed && archive_errno(a->ar) == EILSEQ)
			a->not_archive = a->consumed == 0 ? 1 : 2;
		if (a->not_archive)
			fail(a, STUCK, "%s", a->not_archive == 1 ?
			    "empty input" : "not an archive");
		else
			fail(a, STUCK, "%s", lib_error(a->ar,
			    "cannot read the archive"));
	}
	return a;
}

void
arc_set_total_limit(struct arc *a, size_t limit)
{
	a->lim.max_bytes = limit;
}

void
arc_close(struct arc *a)
{
	if (a == NULL)
		return;
	archive_read_free(a->ar);
	/* An archive given up half-way is not drained: it may be endless. */
	if (a->fd >= 0 && a->at_end && !a->seekable && a->own_fd)
		arc_drain(a->fd);
	if (a->own_fd)
		close(a->fd);
	free(a->buf);
	free(a->name);
	free(a);
}

int
arc_next(struct arc *a)
{
	struct archive_entry *ae;
	const char *path;
	int r;

	a->entry = NULL;
	if (a->stuck)
		return -1;
	r = archive_read_next_header(a->ar, &ae);
	if (r == ARCHIVE_EOF) {
		a->at_end = 1;
		return 0;
	}
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		if (!a->seekable &&
		    archive_format(a->ar) == ARCHIVE_FORMAT_7ZIP) {
			/* Its index is at the end: it needs a file. */
			a->needs_seek = 1;
			return fail(a, STUCK, "a 7z archive cannot be read "
			    "from a pipe (name its file)");
		}
		return fail(a, STUCK, "%s", lib_error(a->ar,
		    "damaged archive"));
	}
	a->entries++;
	if (a->lim.max_entries != 0 && a->entries > a->lim.max_entries) {
		a->limit_hit = ARC_LIMIT_ENTRIES;
		return fail(a, STUCK, "more than %" PRIu64 " entries",
		    a->lim.max_entries);
	}
	a->entry = ae;
	path = archive_entry_pathname_utf8(ae);
	if (path == NULL)
		path = archive_entry_pathname(ae);
	a->e.path = path != NULL ? path : "";
	a->e.size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
	if (a->e.size < 0)
		a->e.size = 0;
	a->e.mtime = archive_entry_mtime(ae);
	a->e.exec = (archive_entry_perm(ae) & 0111) != 0;
	if (archive_entry_hardlink(ae) != NULL)
		a->e.type = ARC_HARDLINK;
	else
		switch (archive_entry_filetype(ae)) {
		case AE_IFREG: a->e.type = ARC_FILE; break;
		case AE_IFDIR: a->e.type = ARC_DIR; break;
		case AE_IFLNK: a->e.type = ARC_SYMLINK; break;
		default: a->e.type = ARC_OTHER; break;
		}
	a->sparse = archive_entry_sparse_count(ae) > 0;
	a->pos = 0;
	a->block = NULL;
	a->blocklen = 0;
	a->eof = 0;
	a->data_read = 0;
	return 1;
}

const struct arc_entry *
arc_entry(const struct arc *a)
{
	return &a->e;
}

const char *
arc_member(const struct arc *a)
{
	return a->entry != NULL ? a->e.path : "";
}

int
arc_is_file(const struct arc *a)
{
	return a->entry != NULL && a->e.type == ARC_FILE;
}

int
arc_is_encrypted(const struct arc *a)
{
	return a->entry != NULL && archive_entry_is_encrypted(a->entry);
}

long long
arc_declared_size(const struct arc *a)
{
	if (a->entry == NULL || !archive_entry_size_is_set(a->entry))
		return -1;
	return (long long)archive_entry_size(a->entry);
}

/* Count n more bytes of data against the archive's limits. */
static int
count_total(struct arc *a, size_t n)
{
	char w[32];

	a->total += n;
	if (a->lim.max_bytes != 0 && a->total > a->lim.max_bytes) {
		a->limit_hit = ARC_LIMIT_SIZE;
		return fail(a, STUCK, "data exceeds the size limit of %s",
		    size_words(w, sizeof w, a->lim.max_bytes));
	}
	/* A pipe's size is known only as far as it has been read. */
	if (a->lim.max_ratio != 0 && a->total > ARC_RATIO_FLOOR &&
	    a->total / a->lim.max_ratio > (a->seekable ?
	    a->archive_size : a->consumed)) {
		a->limit_hit = ARC_LIMIT_RATIO;
		return fail(a, STUCK, "data exceeds %" PRIu64 " times the "
		    "archive's size (a decompression bomb?)",
		    a->lim.max_ratio);
	}
	return 0;
}

/* Deliver zeros up to offset end (a hole), at most a buffer at a time. */
static int
hole(struct arc *a, int64_t end, const void **p, size_t *n)
{
	uint64_t gap = (uint64_t)(end - a->pos);

	*n = gap > sizeof zeros ? sizeof zeros : (size_t)gap;
	*p = zeros;
	a->pos += (int64_t)*n;
	return count_total(a, *n) == 0 ? 1 : -1;
}

int
arc_data(struct arc *a, const void **p, size_t *n)
{
	if (a->stuck || a->entry == NULL)
		return -1;
	/* libarchive may hand out empty blocks before the end: skip them. */
	while (a->blocklen == 0 && !a->eof) {
		const void *b;
		size_t len;
		la_int64_t off;
		int r = archive_read_data_block(a->ar, &b, &len, &off);

		if (r == ARCHIVE_EOF) {
			a->eof = 1;
		} else if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			return fail(a, OF_MEMBER | STUCK, "%s",
			    lib_error(a->ar, "damaged archive"));
		} else {
			if (off < a->pos)
				return fail(a, OF_MEMBER | STUCK,
				    "overlapping data blocks");
			a->block = b;
			a->blocklen = len;
			a->blockoff = off;
		}
	}
	if (a->blocklen > 0) {
		if (a->blockoff > a->pos)
			return hole(a, a->blockoff, p, n);
		*p = a->block;
		*n = a->blocklen;
		a->pos += (int64_t)a->blocklen;
		a->blocklen = 0;
		return count_total(a, *n) == 0 ? 1 : -1;
	}
	/* A hole at the end of a sparse member. */
	if (a->sparse && a->pos < a->e.size)
		return hole(a, a->e.size, p, n);
	return 0;
}

void
arc_warn(const struct arc *a, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	say(a, a->entry != NULL, text);
}

static int
too_large(struct arc *a, size_t limit)
{
	char w[32];

	return fail(a, OF_MEMBER, "expands to more than %s (a "
	    "decompression bomb?)", size_words(w, sizeof w, limit));
}

/* The checks before any byte of the current member is read. */
static int
can_read(struct arc *a, size_t limit)
{
	long long declared = arc_declared_size(a);

	if (a->entry == NULL || a->data_read)
		return fail(a, OF_MEMBER, "read twice");
	a->data_read = 1;
	if (arc_is_encrypted(a))
		return fail(a, OF_MEMBER, "encrypted");
	if (declared > 0 && (unsigned long long)declared > limit)
		return too_large(a, limit);
	return 0;
}

int
arc_stream(struct arc *a, size_t limit, arc_chunk_fn fn, void *ctx)
{
	const void *p;
	size_t n, got = 0;
	int r;

	if (can_read(a, limit) < 0)
		return -1;
	while ((r = arc_data(a, &p, &n)) > 0) {
		got += n;
		if (got > limit)
			return too_large(a, limit);
		if (fn(ctx, p, n) < 0)
			return -1;
	}
	return r;
}

static int
append_chunk(void *ctx, const char *p, size_t n)
{
	buf_add(ctx, p, n);
	return 0;
}

int
arc_read(struct arc *a, struct buf *out, size_t limit)
{
	size_t start = out->len;
	long long declared = arc_declared_size(a);

	/* Reserve what the member declares, once it is known to be sane. */
	if (declared > 0 && (unsigned long long)declared <= limit)
		buf_reserve(out, (size_t)declared);
	if (arc_stream(a, limit, append_chunk, out) < 0) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		return -1;
	}
	buf_reserve(out, 0);	/* NUL-terminated even when empty */
	out->data[out->len] = '\0';
	return 0;
}

int
arc_read_member(const void *data, size_t len, const char *name,
    const char *member, struct buf *out, size_t limit)
{
	struct arc *a;
	int r;

	if ((a = arc_open_zip(data, len, name, 0)) == NULL)
		return -1;
	while ((r = arc_next(a)) > 0) {
		if (arc_is_file(a) && strcmp(arc_member(a), member) == 0) {
			r = arc_read(a, out, limit) < 0 ? -1 : 1;
			break;
		}
	}
	arc_close(a);
	return r;
}

const char *
arc_name(const struct arc *a)
{
	return a->name;
}

const char *
arc_error(const struct arc *a)
{
	return a->error[0] != '\0' ? a->error : "damaged archive";
}

const char *
arc_error_member(const struct arc *a)
{
	return a->error_of_member ? arc_member(a) : NULL;
}

int
arc_limit_hit(const struct arc *a)
{
	return a->limit_hit;
}

int
arc_not_archive(const struct arc *a)
{
	return a->not_archive;
}

int
arc_needs_seek(const struct arc *a)
{
	return a->needs_seek;
}

int
arc_format(const struct arc *a)
{
	int fmt = archive_format(a->ar) & ARCHIVE_FORMAT_BASE_MASK;

	if (fmt == ARCHIVE_FORMAT_ZIP)
		return BAG_ZIP;
	if (fmt == ARCHIVE_FORMAT_7ZIP)
		return BAG_7Z;
	if (fmt != ARCHIVE_FORMAT_TAR)
		return -1;
	switch (archive_filter_code(a->ar, 0)) {
	case ARCHIVE_FILTER_NONE: return BAG_TAR;
	case ARCHIVE_FILTER_GZIP: return BAG_TAR_GZ;
	case ARCHIVE_FILTER_ZSTD: return BAG_TAR_ZST;
	case ARCHIVE_FILTER_XZ: return BAG_TAR_XZ;
	default: return -1;
	}
}

int
arc_at_end(const struct arc *a)
{
	return a->at_end;
}

uint64_t
arc_entries(const struct arc *a)
{
	return a->entries;
}

void
arc_drain(int fd)
{
	char buf[8192];
	uint64_t left = ARC_DRAIN_MAX;
	struct pollfd pfd;
	ssize_t n;

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (left > 0 && poll(&pfd, 1, 1000) > 0 &&
	    (n = io_read(fd, buf, left < sizeof buf ? (size_t)left :
	    sizeof buf)) > 0)
		left -= (uint64_t)n;
}
