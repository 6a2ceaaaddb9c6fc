/* Input reading and atomic output. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "xalloc.h"

/*
 * The temporary output of this process, removed at exit or on a fatal
 * signal unless committed.  One at a time is all any program needs.
 */
static volatile sig_atomic_t have_pending;
static char pending_tmp[4096];

int
is_stdin_name(const char *name)
{
	return name == NULL || strcmp(name, "-") == 0;
}

int
read_whole(const char *name, struct buf *b, size_t limit)
{
	int fd, saved;
	size_t start = b->len;
	struct stat st;

	if (is_stdin_name(name))
		fd = STDIN_FILENO;
	else if ((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && (size_t)st.st_size > limit) {
			errno = EFBIG;
			goto fail;
		}
		if (S_ISREG(st.st_mode))
			buf_reserve(b, (size_t)st.st_size);
	}
	for (;;) {
		size_t room;
		ssize_t n;

		if (b->cap - b->len < 65536 + 1)
			buf_reserve(b, 65536);
		/* Read at most one byte past the limit: /dev/zero fills any room. */
		room = b->cap - b->len - 1;
		if (limit - (b->len - start) < room)
			room = limit - (b->len - start) + 1;
		n = read(fd, b->data + b->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		if (b->len - start > limit) {
			errno = EFBIG;
			goto fail;
		}
	}
	b->data[b->len] = '\0';
	if (fd != STDIN_FILENO)
		close(fd);
	return 0;
fail:
	saved = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	b->len = start;
	if (b->data != NULL)
		b->data[b->len] = '\0';
	errno = saved;
	return -1;
}

FILE *
open_input(const char *name)
{
	struct stat st;
	FILE *fp;

	if (is_stdin_name(name))
		return stdin;
	if ((fp = fopen(name, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = EISDIR;
		return NULL;
	}
	return fp;
}

void
close_input(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

static void
remove_pending(void)
{
	if (have_pending) {
		unlink(pending_tmp);
		have_pending = 0;
	}
}

static void
on_signal(int sig)
{
	if (have_pending)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
io_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	atexit(remove_pending);
}

void
outfile_open(struct outfile *out, const char *path)
{
	const char *slash;
	size_t dirlen;
	int fd;

	memset(out, 0, sizeof *out);
	if (is_stdin_name(path)) {
		out->fp = stdout;
		return;
	}
	io_init();
	out->path = xstrdup(path);
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	out->tmppath = xmalloc(dirlen + strlen(path + dirlen) + 16);
	memcpy(out->tmppath, path, dirlen);
	sprintf(out->tmppath + dirlen, ".%s.XXXXXX", path + dirlen);
	if (strlen(out->tmppath) >= sizeof pending_tmp)
		die(EXIT_TROUBLE, "%s: output path too long", err_name(path));
	if ((fd = mkstemp(out->tmppath)) < 0)
		diesys(EXIT_TROUBLE, "%s", err_name(path));
	strcpy(pending_tmp, out->tmppath);
	have_pending = 1;
	/* mkstemp makes 0600; an output file is an ordinary file. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((out->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		outfile_abort(out);
		diesys(EXIT_TROUBLE, "%s", err_name(path));
	}
}

int
outfile_commit(struct outfile *out)
{
	if (out->fp == stdout || out->fp == NULL)
		return stdout_finish();
	if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0) {
		warnsys("%s", err_name(out->path));
		outfile_abort(out);
		return -1;
	}
	if (fclose(out->fp) != 0) {
		out->fp = NULL;
		warnsys("%s", err_name(out->path));
		outfile_abort(out);
		return -1;
	}
	out->fp = NULL;
	if (rename(out->tmppath, out->path) != 0) {
		warnsys("%s", err_name(out->path));
		outfile_abort(out);
		return -1;
	}
	have_pending = 0;
	free(out->tmppath);
	free(out->path);
	out->tmppath = out->path = NULL;
	return 0;
}

void
outfile_abort(struct outfile *out)
{
	if (out->fp != NULL && out->fp != stdout)
		fclose(out->fp);
	out->fp = NULL;
	if (out->tmppath != NULL) {
		unlink(out->tmppath);
		have_pending = 0;
	}
	free(out->tmppath);
	free(out->path);
	out->tmppath = out->path = NULL;
}

int
stdout_finish(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warnsys("write error on standard output");
		return -1;
	}
	return 0;
}
