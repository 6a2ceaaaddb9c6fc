/* Input reading and atomic output. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
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
#include "rmtree.h"
#include "xalloc.h"

/*
 * The temporary output of this process, removed at exit or on a fatal
 * signal unless committed.  One file and one directory at a time is all
 * any program needs.
 */
static volatile sig_atomic_t have_pending;
static char pending_tmp[4096];
static volatile sig_atomic_t have_pending_dir;
static char pending_dir[4096];
/* A fatal signal that came while a directory was pending, or 0. */
static volatile sig_atomic_t caught;
/* The handler writes a byte here to wake io_read's poll (a self-pipe). */
static int wake[2] = { -1, -1 };

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
enum { NFATAL = sizeof fatal_signals / sizeof fatal_signals[0] };

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
	/* Forgotten only once gone: a signal meanwhile waits for us. */
	if (have_pending_dir) {
		rmtree(pending_dir);
		have_pending_dir = 0;
	}
}

/* End the program as the signal would have, so the shell sees 128+N. */
static void __attribute__((noreturn))
die_of(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);	/* not reached */
}

static void
on_signal(int sig)
{
	int saved = errno;

	if (have_pending_dir) {
		/*
		 * Removing a tree needs opendir and malloc, which are not
		 * async-signal-safe: leave it to io_check_signal, and wake
		 * a poll in io_read.  System calls blocked in the main thread
		 * return EINTR (no SA_RESTART), and their loops check too.
		 */
		caught = sig;
		if (wake[1] >= 0) {
			ssize_t w = write(wake[1], "", 1);

			(void)w;	/* the pipe is full: it is awake */
		}
		errno = saved;
		return;
	}
	if (have_pending)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* At exit: a signal seen on the way out (by an error path) still counts. */
static void
at_exit(void)
{
	remove_pending();
	if (caught != 0)
		die_of(caught);
}

static void
catch_signal(int sig)
{
	struct sigaction sa, old;
	size_t i;

	/* An ignored signal stays ignored: nohup and scripts' `&` rely on it. */
	if (sigaction(sig, NULL, &old) != 0 || old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	/* No SA_RESTART: a blocked read or open returns EINTR (see above). */
	sa.sa_flags = 0;
	sigaction(sig, &sa, NULL);
}

/*
 * A descriptor 0-2 closed by the caller (`2>&-`) would be taken by the
 * first file opened, and diagnostics would land in the -o file.  Hold each
 * with /dev/null opened the other way round, so that using it still fails
 * with EBADF as a closed one does.
 */
static void
reserve_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) != fd)
			_exit(EXIT_TROUBLE);
	}
}

void
io_init(void)
{
	static int done;
	size_t i;

	if (done)
		return;
	done = 1;
	reserve_std_fds();
	signal(SIGPIPE, SIG_DFL);
	/* A file size limit makes write(2) fail with EFBIG: an error path. */
	signal(SIGXFSZ, SIG_IGN);
	for (i = 0; i < NFATAL; i++)
		catch_signal(fatal_signals[i]);
	atexit(at_exit);
}

void
io_hold_signals(sigset_t *saved)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&set, fatal_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, saved);
}

void
io_restore_signals(const sigset_t *saved)
{
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

/*
 * mkstemp (a file: its descriptor) or mkdtemp (a directory: 0) on tmpl,
 * registered as this process's pending output, with the fatal signals
 * held so that it never exists unregistered.  -1 with errno.
 */
static int
make_pending(char *tmpl, int dir)
{
	sigset_t saved;
	int r, e;

	io_hold_signals(&saved);
	if (dir && wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0)
		wake[0] = wake[1] = -1;	/* io_read just reads then */
	r = dir ? (mkdtemp(tmpl) != NULL ? 0 : -1) : mkstemp(tmpl);
	if (r >= 0 && dir) {
		strcpy(pending_dir, tmpl);
		have_pending_dir = 1;
	} else if (r >= 0) {
		strcpy(pending_tmp, tmpl);
		have_pending = 1;
	}
	e = errno;
	io_restore_signals(&saved);
	errno = e;
	return r;
}

char *
io_mkdtemp(char *tmpl)
{
	if (strlen(tmpl) >= sizeof pending_dir || have_pending_dir) {
		errno = have_pending_dir ? EBUSY : ENAMETOOLONG;
		return NULL;
	}
	io_init();
	return make_pending(tmpl, 1) == 0 ? tmpl : NULL;
}

void
io_release_dir(void)
{
	have_pending_dir = 0;
	io_check_signal();
}

void
io_check_signal(void)
{
	int sig = caught;

	if (sig == 0)
		return;
	remove_pending();
	die_of(sig);
}

ssize_t
io_read(int fd, void *buf, size_t n)
{
	for (;;) {
		ssize_t r;

		io_check_signal();
		if (have_pending_dir && wake[0] >= 0) {
			/*
			 * A signal between the check and read() would not
			 * interrupt it, and a pipe may stay silent: wait for
			 * the input or the handler's byte.
			 */
			struct pollfd p[2];

			p[0].fd = fd;
			p[0].events = POLLIN;
			p[1].fd = wake[0];
			p[1].events = POLLIN;
			p[0].revents = p[1].revents = 0;
			if (poll(p, 2, -1) < 0 && errno == EINTR)
				continue;
			if (p[1].revents != 0)
				continue;
		}
		r = read(fd, buf, n);
		if (r >= 0 || errno != EINTR)
			return r;
	}
}

void
io_tmpname(struct buf *b, const char *base)
{
	size_t n = strlen(base);

	/* ".", BASE, ".XXXXXX" within NAME_MAX; cut at a character's start */
	if (n > NAME_MAX - 8) {
		n = NAME_MAX - 8;
		while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
			n--;
	}
	buf_printf(b, ".%.*s.XXXXXX", (int)n, base);
}

void
outfile_open(struct outfile *out, const char *path)
{
	struct buf tmp = BUF_INIT;
	struct stat st;
	const char *slash;
	size_t dirlen;
	int fd, exists;

	memset(out, 0, sizeof *out);
	if (is_stdin_name(path)) {
		out->fp = stdout;
		return;
	}
	io_init();
	out->path = xstrdup(path);
	/*
	 * A device or a FIFO (anything there but a regular file) is written
	 * to directly: renaming over it would replace /dev/null with a file
	 * and leave a FIFO's reader with nothing.
	 */
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 ||
		    (out->fp = fdopen(fd, "wb")) == NULL) {
			if (fd >= 0)
				close(fd);
			diesys(EXIT_TROUBLE, "%s", err_name(path));
		}
		return;
	}
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	buf_add(&tmp, path, dirlen);
	io_tmpname(&tmp, path + dirlen);
	out->tmppath = buf_detach(&tmp, NULL);
	if (strlen(out->tmppath) >= sizeof pending_tmp)
		die(EXIT_TROUBLE, "%s: output path too long", err_name(path));
	if ((fd = make_pending(out->tmppath, 0)) < 0)
		diesys(EXIT_TROUBLE, "%s", err_name(path));
	/*
	 * mkstemp makes 0600: a file replaced keeps its permissions (chmod
	 * 640 stays 640), a new one is an ordinary file under the umask.
	 */
	if (exists)
		fchmod(fd, st.st_mode & 07777);
	else {
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
	/* a device or FIFO (no tmppath): no fsync, which a FIFO refuses */
	if (fflush(out->fp) != 0 || ferror(out->fp) ||
	    (out->tmppath != NULL && fsync(fileno(out->fp)) != 0)) {
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
	if (out->tmppath != NULL && rename(out->tmppath, out->path) != 0) {
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

void
outfile_id_of(struct outfile_id *id, const char *path)
{
	struct stat st;

	memset(id, 0, sizeof *id);
	if (!is_stdin_name(path) && lstat(path, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		id->set = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->path = path;
	}
}

int
outfile_id_is(const struct outfile_id *id, const char *name)
{
	struct stat st;
	char *a, *b;
	int same;

	if (!id->set || is_stdin_name(name) || stat(name, &st) != 0 ||
	    st.st_dev != id->dev || st.st_ino != id->ino)
		return 0;
	if (st.st_nlink == 1)
		return 1;
	/* Of several names of the file, the one the output replaces? */
	a = realpath(name, NULL);
	b = realpath(id->path, NULL);
	same = a != NULL && b != NULL && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}
