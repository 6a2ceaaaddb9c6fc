/* Reading possibly hostile archives with limits. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>

#include "bag_in.h"
#include "io.h"
#include "xalloc.h"

static const char zeros[65536];

enum { BLOCK = 1 << 17 };

struct bag_in {
	struct archive *a;
	struct bag_in_limits lim;
	uint64_t archive_size;	/* of a file; 0 for a pipe */
	uint64_t consumed;	/* archive bytes read */
	uint64_t total;		/* entry data delivered */
	uint64_t entries;
	int64_t size;		/* of the current entry */
	int64_t pos;		/* delivered of the current entry */
	const char *block;	/* a data block not yet delivered */
	size_t blocklen;
	int64_t blockoff;
	int eof;		/* of the current entry's blocks */
	int sparse;		/* the current entry has holes */
	int limit_hit;
	int needs_seek;		/* the format cannot be read from a pipe */
	int fd;
	int own_fd;		/* opened here (not standard input) */
	int seekable;		/* a regular file */
	int at_end;		/* the archive was read to its end */
	off_t start;		/* where the archive begins in fd */
	char *buf;		/* BLOCK bytes for reading */
	char error[256];
};

static int fail(struct bag_in *in, const char *what);

/*
 * Our own callbacks rather than archive_read_open_fd: its read retries
 * EINTR, so a fatal signal could not end a wait on a pipe (io_read),
 * and a pipe has no size to judge the ratio by (consumed counts).
 */
static la_ssize_t
read_cb(struct archive *a, void *data, const void **p)
{
	struct bag_in *in = data;
	ssize_t n = io_read(in->fd, in->buf, BLOCK);

	if (n < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	in->consumed += (uint64_t)n;
	*p = in->buf;
	return n;
}

/* Skip by seeking in a file; 0 makes libarchive read through instead. */
static la_int64_t
skip_cb(struct archive *a, void *data, la_int64_t request)
{
	struct bag_in *in = data;
	off_t from, to;

	(void)a;
	if (!in->seekable || (from = lseek(in->fd, 0, SEEK_CUR)) < 0 ||
	    (to = lseek(in->fd, (off_t)request, SEEK_CUR)) < 0)
		return 0;
	return (la_int64_t)(to - from);
}

/* Offsets are the archive's: it may begin inside standard input. */
static la_int64_t
seek_cb(struct archive *a, void *data, la_int64_t offset, int whence)
{
	struct bag_in *in = data;
	off_t r;

	if (whence == SEEK_SET)
		offset += in->start;
	if ((r = lseek(in->fd, (off_t)offset, whence)) < in->start) {
		archive_set_error(a, r < 0 ? errno : EINVAL,
		    "cannot seek in the archive");
		return ARCHIVE_FATAL;
	}
	return (la_int64_t)(r - in->start);
}

struct bag_in *
bag_in_open(const char *path, const struct bag_in_limits *lim)
{
	struct bag_in *in;
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
	in = xcalloc(1, sizeof *in);
	in->lim = *lim;
	in->fd = fd;
	in->own_fd = own;
	in->buf = xmalloc(BLOCK);
	if (S_ISREG(st.st_mode) && (in->start = lseek(fd, 0, SEEK_CUR)) >= 0) {
		in->seekable = 1;
		in->archive_size = st.st_size > in->start ?
		    (uint64_t)(st.st_size - in->start) : 0;
	} else {
		in->start = 0;
	}
	in->a = archive_read_new();
	archive_read_support_format_tar(in->a);
	archive_read_support_format_zip(in->a);
	archive_read_support_format_7zip(in->a);
	archive_read_support_filter_gzip(in->a);
	archive_read_support_filter_zstd(in->a);
	archive_read_support_filter_xz(in->a);
	archive_read_support_filter_bzip2(in->a);
	archive_read_set_read_callback(in->a, read_cb);
	archive_read_set_skip_callback(in->a, skip_cb);
	/* Without one, zip is read by its local headers, as it streams. */
	if (in->seekable)
		archive_read_set_seek_callback(in->a, seek_cb);
	archive_read_set_callback_data(in->a, in);
	if (archive_read_open1(in->a) != ARCHIVE_OK) {
		fail(in, "cannot read the archive");
		/* The caller learns of it at the first bag_in_next. */
	}
	return in;
}

static int
fail(struct bag_in *in, const char *what)
{
	const char *s = archive_error_string(in->a);

	snprintf(in->error, sizeof in->error, "%s", s != NULL ? s : what);
	/* Our messages are lower case: "Truncated tar archive" is not. */
	if (isupper((unsigned char)in->error[0]) &&
	    islower((unsigned char)in->error[1]))
		in->error[0] = (char)tolower((unsigned char)in->error[0]);
	return -1;
}

int
bag_in_next(struct bag_in *in, struct bag_entry *e)
{
	struct archive_entry *ae;
	const char *path;
	int r;

	if (in->error[0] != '\0')
		return -1;
	r = archive_read_next_header(in->a, &ae);
	if (r == ARCHIVE_EOF) {
		in->at_end = 1;
		return 0;
	}
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		if (!in->seekable &&
		    archive_format(in->a) == ARCHIVE_FORMAT_7ZIP) {
			/* Its index is at the end: it needs a file. */
			snprintf(in->error, sizeof in->error, "a 7z archive "
			    "cannot be read from a pipe (name its file)");
			in->needs_seek = 1;
			return -1;
		}
		return fail(in, "damaged archive");
	}
	if (in->lim.max_entries != 0 && ++in->entries > in->lim.max_entries) {
		snprintf(in->error, sizeof in->error,
		    "more than %" PRIu64 " entries", in->lim.max_entries);
		in->limit_hit = 1;
		return -1;
	}
	path = archive_entry_pathname_utf8(ae);
	if (path == NULL)
		path = archive_entry_pathname(ae);
	e->path = path != NULL ? path : "";
	e->size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
	if (e->size < 0)
		e->size = 0;
	e->mtime = archive_entry_mtime(ae);
	e->exec = (archive_entry_perm(ae) & 0111) != 0;
	if (archive_entry_hardlink(ae) != NULL)
		e->type = BAG_ENTRY_HARDLINK;
	else
		switch (archive_entry_filetype(ae)) {
		case AE_IFREG: e->type = BAG_ENTRY_FILE; break;
		case AE_IFDIR: e->type = BAG_ENTRY_DIR; break;
		case AE_IFLNK: e->type = BAG_ENTRY_SYMLINK; break;
		default: e->type = BAG_ENTRY_OTHER; break;
		}
	in->size = e->size;
	in->sparse = archive_entry_sparse_count(ae) > 0;
	in->pos = 0;
	in->block = NULL;
	in->blocklen = 0;
	in->eof = 0;
	return 1;
}

static int
check_limits(struct bag_in *in, size_t n)
{
	in->total += n;
	if (in->lim.max_bytes != 0 && in->total > in->lim.max_bytes) {
		snprintf(in->error, sizeof in->error,
		    "data exceeds the size limit of %" PRIu64 " bytes",
		    in->lim.max_bytes);
		in->limit_hit = 1;
		return -1;
	}
	/* A pipe's size is known only as far as it has been read. */
	if (in->lim.max_ratio != 0 && in->total > BAG_IN_RATIO_FLOOR &&
	    in->total / in->lim.max_ratio > (in->seekable ?
	    in->archive_size : in->consumed)) {
		snprintf(in->error, sizeof in->error,
		    "data exceeds %" PRIu64 " times the archive's size "
		    "(a decompression bomb?)", in->lim.max_ratio);
		in->limit_hit = 1;
		return -1;
	}
	return 0;
}

/* Deliver zeros up to offset end (a hole), at most a buffer at a time. */
static int
hole(struct bag_in *in, int64_t end, const void **p, size_t *n)
{
	uint64_t gap = (uint64_t)(end - in->pos);

	*n = gap > sizeof zeros ? sizeof zeros : (size_t)gap;
	*p = zeros;
	in->pos += (int64_t)*n;
	return check_limits(in, *n) == 0 ? 1 : -1;
}

int
bag_in_data(struct bag_in *in, const void **p, size_t *n)
{
	if (in->error[0] != '\0')
		return -1;
	/* libarchive may hand out empty blocks before the end: skip them. */
	while (in->blocklen == 0 && !in->eof) {
		const void *b;
		size_t len;
		la_int64_t off;
		int r = archive_read_data_block(in->a, &b, &len, &off);

		if (r == ARCHIVE_EOF) {
			in->eof = 1;
		} else if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			return fail(in, "damaged archive");
		} else {
			if (off < in->pos) {
				snprintf(in->error, sizeof in->error,
				    "overlapping data blocks");
				return -1;
			}
			in->block = b;
			in->blocklen = len;
			in->blockoff = off;
		}
	}
	if (in->blocklen > 0) {
		if (in->blockoff > in->pos)
			return hole(in, in->blockoff, p, n);
		*p = in->block;
		*n = in->blocklen;
		in->pos += (int64_t)in->blocklen;
		in->blocklen = 0;
		return check_limits(in, *n) == 0 ? 1 : -1;
	}
	/* A hole at the end of a sparse entry. */
	if (in->sparse && in->pos < in->size)
		return hole(in, in->size, p, n);
	return 0;
}

const char *
bag_in_error(const struct bag_in *in)
{
	return in->error[0] != '\0' ? in->error : "damaged archive";
}

int
bag_in_limit_hit(const struct bag_in *in)
{
	return in->limit_hit;
}

int
bag_in_needs_seek(const struct bag_in *in)
{
	return in->needs_seek;
}

uint64_t
bag_in_total(const struct bag_in *in)
{
	return in->total;
}

void
bag_in_close(struct bag_in *in)
{
	if (in == NULL)
		return;
	archive_read_free(in->a);
	/*
	 * Read a pipe to its end once the archive is through (padding,
	 * trailing bytes), so the writer does not die of SIGPIPE.  An
	 * archive given up half-way is not drained: it may be endless.
	 */
	if (in->at_end && !in->seekable)
		while (io_read(in->fd, in->buf, BLOCK) > 0)
			;
	if (in->own_fd)
		close(in->fd);
	free(in->buf);
	free(in);
}
