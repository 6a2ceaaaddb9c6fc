/* Writing bags as archives (libarchive) or directories. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>

#include "bag_out.h"
#include "buf.h"
#include "err.h"
#include "pgzip.h"
#include "xalloc.h"

static const struct {
	const char *name;
	const char *suffix;	/* of a file name; NULL for none */
} formats[] = {
	[BAG_DIR] = { "dir", NULL },
	[BAG_TAR] = { "tar", ".tar" },
	[BAG_TAR_GZ] = { "tar.gz", ".tar.gz" },
	[BAG_TAR_ZST] = { "tar.zst", ".tar.zst" },
	[BAG_TAR_XZ] = { "tar.xz", ".tar.xz" },
	[BAG_ZIP] = { "zip", ".zip" },
	[BAG_7Z] = { "7z", ".7z" },
};
enum { NFORMATS = sizeof formats / sizeof formats[0] };

struct dirtime {
	char *path;
	int64_t mtime;
};

struct bag_out {
	const char *name;	/* for messages */
	FILE *fp;		/* archive output */
	uint64_t written, synced;	/* bytes; start of unsynced range */
	uint64_t entries, data;	/* entries of the archive, their data */
	struct pgz *gz;		/* tar.gz: the tar goes through it */
	struct archive *a;	/* archive output, or */
	int rootfd;		/* directory output */
	char *base;		/* BASE/ prefix inside an archive */
	struct buf path;	/* scratch */
	int fd;			/* file being written (directories) */
	const char *cur;	/* its path, for messages */
	int out_failed;		/* the archive's output could not be written */
	int64_t curtime;
	struct dirtime *dirs;	/* times to set when done (directories) */
	size_t ndirs, capdirs;
};

int
bag_format_parse(const char *name)
{
	int i;

	if (strcmp(name, "tgz") == 0)
		return BAG_TAR_GZ;
	for (i = 0; i < NFORMATS; i++)
		if (strcmp(name, formats[i].name) == 0)
			return i;
	return -1;
}

const char *
bag_format_name(int fmt)
{
	return formats[fmt].name;
}

int
bag_format_of_path(const char *path, size_t *suffixlen)
{
	size_t n = strlen(path);
	int i;

	if (n > 4 && strcmp(path + n - 4, ".tgz") == 0) {
		*suffixlen = 4;
		return BAG_TAR_GZ;
	}
	for (i = 0; i < NFORMATS; i++) {
		const char *suf = formats[i].suffix;
		size_t m = suf != NULL ? strlen(suf) : 0;

		if (suf != NULL && n > m && strcmp(path + n - m, suf) == 0) {
			*suffixlen = m;
			return i;
		}
	}
	*suffixlen = 0;
	return BAG_DIR;
}

/*
 * "samling-X: ARCHIVE: MEMBER: what is wrong", as the reader (arc.c)
 * says it; without the member when the failure is the archive's (its
 * output cannot be written, whichever member was being written).
 */
static int
archive_fail(struct bag_out *o, const char *member)
{
	const char *s = archive_error_string(o->a);

	if (s == NULL)
		s = "cannot write the archive";
	if (member != NULL && !o->out_failed)
		warnmsg("%s: %s: %s", err_name(o->name), err_name(member), s);
	else
		warnmsg("%s: %s", err_name(o->name), s);
	return -1;
}

static int
set_format(struct archive *a, int fmt, int nthreads)
{
	char threads[16];
	int r;

	switch (fmt) {
	case BAG_ZIP:
		return archive_write_set_format_zip(a);
	case BAG_7Z:
		return archive_write_set_format_7zip(a);
	default:
		break;
	}
	/* pax only where ustar cannot say it: long or non-ASCII names. */
	if ((r = archive_write_set_format_pax_restricted(a)) != ARCHIVE_OK)
		return r;
	switch (fmt) {
	case BAG_TAR_ZST:
		if ((r = archive_write_add_filter_zstd(a)) != ARCHIVE_OK)
			return r;
		/*
		 * zstd's workers compress while we read and hash; its output
		 * is the same for any number of workers from one up (never
		 * none: zstd's single-threaded output differs).
		 */
		snprintf(threads, sizeof threads, "%d",
		    nthreads < 1 ? 1 : nthreads);
		return archive_write_set_filter_option(a, "zstd", "threads",
		    threads);
	case BAG_TAR_XZ:
		return archive_write_add_filter_xz(a);
	default:
		return ARCHIVE_OK;
	}
}

enum { SYNC_EVERY = 16 << 20 };

/*
 * The archive's bytes to the FILE, starting write-back every few MB so
 * the fsync that makes -o durable does not wait for the whole archive.
 */
static int
put(void *data, const void *p, size_t n)
{
	struct bag_out *o = data;

	if (fwrite(p, 1, n, o->fp) != n) {
		archive_set_error(o->a, errno, "%s", strerror(errno));
		return -1;
	}
	o->written += n;
	if (o->written - o->synced >= SYNC_EVERY && fflush(o->fp) == 0) {
		/* Fails harmlessly on pipes and terminals. */
		sync_file_range(fileno(o->fp), (off_t)o->synced,
		    (off_t)(o->written - o->synced), SYNC_FILE_RANGE_WRITE);
		o->synced = o->written;
	}
	return 0;
}

/*
 * libarchive's output: as it is, or through our gzip, which unlike
 * libarchive's deflates on every core (pgzip.h).
 */
static la_ssize_t
write_cb(struct archive *a, void *data, const void *p, size_t n)
{
	struct bag_out *o = data;

	if (o->gz != NULL) {
		if (pgz_write(o->gz, p, n) != 0) {
			if (pgz_error(o->gz) != NULL)
				archive_set_error(a, EIO, "%s",
				    pgz_error(o->gz));
			o->out_failed = 1;
			return -1;
		}
	} else if (put(o, p, n) != 0) {
		o->out_failed = 1;
		return -1;
	}
	return (la_ssize_t)n;
}

struct bag_out *
bag_out_archive(int fmt, FILE *fp, const char *base, const char *name,
    int threads)
{
	struct bag_out *o = xcalloc(1, sizeof *o);

	o->name = name;
	o->fp = fp;
	o->rootfd = -1;
	o->fd = -1;
	o->base = xstrdup(base);
	o->a = archive_write_new();
	if (o->a == NULL) {
		warnmsg("%s: cannot start the archive", err_name(name));
		bag_out_free(o);
		return NULL;
	}
	/*
	 * Compressed output ends where the data ends, unpadded, and goes
	 * out in large writes (libarchive hands its writer one block at a
	 * time, 10 KiB by default).
	 */
	if (fmt != BAG_TAR) {
		archive_write_set_bytes_per_block(o->a, 1 << 20);
		archive_write_set_bytes_in_last_block(o->a, 1);
	}
	/* zlib's default level, as gzip and libarchive's filter have it. */
	if (fmt == BAG_TAR_GZ &&
	    (o->gz = pgz_new(6, threads, put, o)) == NULL) {
		warnmsg("%s: cannot start compressing", err_name(name));
		bag_out_free(o);
		return NULL;
	}
	if (set_format(o->a, fmt, threads) != ARCHIVE_OK ||
	    archive_write_open2(o->a, o, NULL, write_cb, NULL, NULL) !=
	    ARCHIVE_OK) {
		archive_fail(o, NULL);
		bag_out_free(o);
		return NULL;
	}
	return o;
}

struct bag_out *
bag_out_directory(const char *dir, const char *name)
{
	struct bag_out *o = xcalloc(1, sizeof *o);

	o->name = name;
	o->fd = -1;
	o->rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->rootfd < 0) {
		warnsys("%s", err_name(dir));
		bag_out_free(o);
		return NULL;
	}
	return o;
}

/* BASE/path, or BASE/ for the base directory itself. */
static const char *
archive_path(struct bag_out *o, const char *path)
{
	buf_clear(&o->path);
	buf_adds(&o->path, o->base);
	if (*path != '\0') {
		buf_addc(&o->path, '/');
		buf_adds(&o->path, path);
	}
	return o->path.data;
}

static int
archive_header(struct bag_out *o, const char *path, int dir, uint64_t size,
    int exec, int64_t mtime)
{
	struct archive_entry *e = archive_entry_new();
	int r;

	archive_entry_set_pathname_utf8(e, archive_path(o, path));
	archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, dir || exec ? 0755 : 0644);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_size(e, dir ? 0 : (la_int64_t)size);
	o->entries++;
	o->data += dir ? 0 : size;
	r = archive_write_header(o->a, e);
	archive_entry_free(e);
	return r == ARCHIVE_OK || r == ARCHIVE_WARN ? 0 :
	    archive_fail(o, archive_path(o, path));
}

static void
remember_dir(struct bag_out *o, const char *path, int64_t mtime)
{
	if (o->ndirs == o->capdirs) {
		o->capdirs = o->capdirs ? o->capdirs * 2 : 16;
		o->dirs = xreallocarray(o->dirs, o->capdirs, sizeof *o->dirs);
	}
	o->dirs[o->ndirs].path = xstrdup(*path ? path : ".");
	o->dirs[o->ndirs].mtime = mtime;
	o->ndirs++;
}

int
bag_out_mkdir(struct bag_out *o, const char *path, int64_t mtime)
{
	if (o->a != NULL)
		return archive_header(o, path, 1, 0, 0, mtime);
	if (*path != '\0' && mkdirat(o->rootfd, path, 0755) != 0) {
		warnsys("%s: %s", err_name(o->name), err_name(path));
		return -1;
	}
	if (fchmodat(o->rootfd, *path ? path : ".", 0755, 0) != 0) {
		warnsys("%s: %s", err_name(o->name), err_name(path));
		return -1;
	}
	remember_dir(o, path, mtime);
	return 0;
}

int
bag_out_begin(struct bag_out *o, const char *path, uint64_t size, int exec,
    int64_t mtime)
{
	o->cur = path;
	if (o->a != NULL)
		return archive_header(o, path, 0, size, exec, mtime);
	o->fd = openat(o->rootfd, path, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	if (o->fd < 0 || fchmod(o->fd, exec ? 0755 : 0644) != 0) {
		warnsys("%s: %s", err_name(o->name), err_name(path));
		return -1;
	}
	o->curtime = mtime;
	return 0;
}

int
bag_out_write(struct bag_out *o, const void *p, size_t n)
{
	const char *s = p;

	if (o->a != NULL) {
		while (n > 0) {
			la_ssize_t w = archive_write_data(o->a, s, n);

			if (w <= 0)
				return archive_fail(o, archive_path(o, o->cur));
			s += w;
			n -= (size_t)w;
		}
		return 0;
	}
	while (n > 0) {
		ssize_t w = write(o->fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			warnsys("%s: %s", err_name(o->name), err_name(o->cur));
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
bag_out_end(struct bag_out *o)
{
	struct timespec t[2];
	int r = 0;

	if (o->a != NULL)
		return archive_write_finish_entry(o->a) == ARCHIVE_OK ? 0 :
		    archive_fail(o, archive_path(o, o->cur));
	t[0].tv_sec = t[1].tv_sec = (time_t)o->curtime;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	if (futimens(o->fd, t) != 0 || close(o->fd) != 0) {
		warnsys("%s: %s", err_name(o->name), err_name(o->cur));
		r = -1;
	}
	o->fd = -1;
	return r;
}

int
bag_out_blob(struct bag_out *o, const char *path, const void *p, size_t n,
    int64_t mtime)
{
	if (bag_out_begin(o, path, n, 0, mtime) != 0 ||
	    bag_out_write(o, p, n) != 0 || bag_out_end(o) != 0)
		return -1;
	return 0;
}

int
bag_out_finish(struct bag_out *o)
{
	size_t i;

	if (o->a != NULL) {
		if (archive_write_close(o->a) != ARCHIVE_OK)
			return archive_fail(o, NULL);
		if (o->gz != NULL && pgz_finish(o->gz) != 0) {
			if (pgz_error(o->gz) != NULL)
				archive_set_error(o->a, EIO, "%s",
				    pgz_error(o->gz));
			return archive_fail(o, NULL);
		}
		return 0;
	}
	/* Deepest first, so setting a time does not disturb a parent's. */
	for (i = o->ndirs; i-- > 0;) {
		struct timespec t[2];

		t[0].tv_sec = t[1].tv_sec = (time_t)o->dirs[i].mtime;
		t[0].tv_nsec = t[1].tv_nsec = 0;
		if (utimensat(o->rootfd, o->dirs[i].path, t,
		    AT_SYMLINK_NOFOLLOW) != 0) {
			warnsys("%s: %s", err_name(o->name),
			    err_name(o->dirs[i].path));
			return -1;
		}
	}
	if (fsync(o->rootfd) != 0) {
		warnsys("%s", err_name(o->name));
		return -1;
	}
	return 0;
}

void
bag_out_free(struct bag_out *o)
{
	size_t i;

	if (o == NULL)
		return;
	if (o->a != NULL)
		archive_write_free(o->a);
	pgz_free(o->gz);
	if (o->fd >= 0)
		close(o->fd);
	if (o->rootfd >= 0)
		close(o->rootfd);
	for (i = 0; i < o->ndirs; i++)
		free(o->dirs[i].path);
	free(o->dirs);
	free(o->base);
	buf_free(&o->path);
	free(o);
}

void
bag_out_counts(const struct bag_out *o, uint64_t *entries, uint64_t *data,
    uint64_t *bytes)
{
	*entries = o->entries;
	*data = o->data;
	*bytes = o->written;
}
