/* Zip archives in memory, through libarchive. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "arc.h"
#include "buf.h"
#include "err.h"
#include "xalloc.h"

struct arc {
	struct archive *ar;
	struct archive_entry *entry;	/* current member, owned by ar */
	char *name;			/* archive name, as given */
	char member_shown[1024];	/* current member path, escaped */
	size_t total;			/* bytes read from all members */
	size_t total_limit;
	int data_read;			/* current member read already */
	int quiet;			/* ARC_QUIET */
};

static const char *
lib_error(struct archive *ar)
{
	const char *s = archive_error_string(ar);

	return s != NULL ? s : "unknown error";
}

/* "samling-X: NAME: message", unless quiet. */
static void
complain(const struct arc *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
complain(const struct arc *a, const char *fmt, ...)
{
	va_list ap;

	if (a->quiet)
		return;
	fflush(stdout);
	fprintf(stderr, "%s: %s: ", err_prog(), err_name(a->name));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
arc_is_zip(const void *data, size_t len)
{
	const unsigned char *p = data;

	return len >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

struct arc *
arc_open_zip(const void *data, size_t len, const char *name, int flags)
{
	struct arc *a = xcalloc(1, sizeof *a);

	a->name = xstrdup(name != NULL ? name : "-");
	a->quiet = (flags & ARC_QUIET) != 0;
	a->total_limit = ARC_TOTAL_LIMIT;
	if ((a->ar = archive_read_new()) == NULL) {
		complain(a, "out of memory");
		goto fail;
	}
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
			complain(a, "truncated or damaged zip archive (no "
			    "central directory)");
		else
			complain(a, "not a readable zip archive: %s",
			    lib_error(a->ar));
		goto fail;
	}
	return a;
fail:
	arc_close(a);
	return NULL;
}

void
arc_set_total_limit(struct arc *a, size_t limit)
{
	a->total_limit = limit;
}

void
arc_close(struct arc *a)
{
	if (a == NULL)
		return;
	if (a->ar != NULL)
		archive_read_free(a->ar);
	free(a->name);
	free(a);
}

int
arc_next(struct arc *a)
{
	const char *path;
	int r;

	a->entry = NULL;
	a->member_shown[0] = '\0';
	a->data_read = 0;
	r = archive_read_next_header(a->ar, &a->entry);
	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		complain(a, "corrupt zip archive: %s", lib_error(a->ar));
		a->entry = NULL;
		return -1;
	}
	path = archive_entry_pathname(a->entry);
	if (path == NULL)
		path = "";
	err_escape(a->member_shown, sizeof a->member_shown, path,
	    strlen(path));
	return 1;
}

const char *
arc_member(const struct arc *a)
{
	const char *path = a->entry ? archive_entry_pathname(a->entry) : NULL;

	return path != NULL ? path : "";
}

int
arc_is_file(const struct arc *a)
{
	return a->entry != NULL && archive_entry_filetype(a->entry) == AE_IFREG;
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

const char *
arc_name(const struct arc *a)
{
	return a->name;
}

const char *
arc_member_shown(const struct arc *a)
{
	return a->member_shown;
}

void
arc_warn(const struct arc *a, const char *fmt, ...)
{
	va_list ap;

	if (a->quiet)
		return;
	fflush(stdout);
	fprintf(stderr, "%s: %s:%s: ", err_prog(), err_name(a->name),
	    a->member_shown);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
warn_too_large(const struct arc *a, size_t limit)
{
	arc_warn(a, "member expands to more than %zu MiB (zip bomb?)",
	    limit >> 20);
}

/* The checks before any byte of the current member is read. */
static int
can_read(struct arc *a, size_t limit)
{
	long long declared = arc_declared_size(a);

	if (a->entry == NULL || a->data_read) {
		arc_warn(a, "member read twice");
		return -1;
	}
	a->data_read = 1;
	if (arc_is_encrypted(a)) {
		arc_warn(a, "member is encrypted");
		return -1;
	}
	if (declared > 0 && (unsigned long long)declared > limit) {
		warn_too_large(a, limit);
		return -1;
	}
	return 0;
}

/* Count n more bytes against the member's and the archive's limits. */
static int
count_bytes(struct arc *a, size_t *got, size_t n, size_t limit)
{
	*got += n;
	if (*got > limit) {
		warn_too_large(a, limit);
		return -1;
	}
	a->total += n;
	if (a->total > a->total_limit) {
		complain(a, "archive expands to more than %zu MiB (zip bomb?)",
		    a->total_limit >> 20);
		return -1;
	}
	return 0;
}

int
arc_stream(struct arc *a, size_t limit, arc_chunk_fn fn, void *ctx)
{
	char chunk[65536];
	size_t got = 0;
	la_ssize_t n;

	if (can_read(a, limit) < 0)
		return -1;
	while ((n = archive_read_data(a->ar, chunk, sizeof chunk)) > 0) {
		if (count_bytes(a, &got, (size_t)n, limit) < 0)
			return -1;
		if (fn(ctx, chunk, (size_t)n) < 0)
			return -1;
	}
	if (n < 0) {
		arc_warn(a, "%s", lib_error(a->ar));
		return -1;
	}
	return 0;
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
