/*
 * Writing a bag out: into a fresh private directory DIR/.BASE.XXXXXX,
 * renamed to DIR/BASE only when the bag has verified.  Every name is
 * resolved one component at a time below that directory, with
 * O_NOFOLLOW and O_EXCL, so no entry can reach outside it; the caller
 * has already refused absolute paths, "..", links and devices.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "io.h"
#include "rmtree.h"
#include "verify.h"
#include "xalloc.h"

struct extractor {
	char *tmp;		/* DIR/.BASE.XXXXXX */
	char *final;		/* DIR/BASE */
	char *made;		/* DIR, when made here: removed again if empty */
	int rootfd;
	int force;
};

struct extractor *
ex_begin(const char *dir, const char *base, int force)
{
	struct extractor *x = xcalloc(1, sizeof *x);
	struct buf b = BUF_INIT;
	struct stat st;
	mode_t mask;

	x->rootfd = -1;
	if (mkdir(dir, 0777) == 0)
		x->made = xstrdup(dir);
	else if (errno != EEXIST) {
		warnsys("%s", err_name(dir));
		goto fail;
	}
	buf_printf(&b, "%s/%s", dir, base);
	x->final = buf_detach(&b, NULL);
	if (!force && lstat(x->final, &st) == 0) {
		warnmsg("%s: already exists (--force replaces it)",
		    err_name(x->final));
		goto fail;
	}
	buf_printf(&b, "%s/", dir);
	io_tmpname(&b, base);
	x->tmp = buf_detach(&b, NULL);
	/* Registered: a fatal signal removes it (see io_check_signal). */
	if (io_mkdtemp(x->tmp) == NULL) {
		warnsys("%s", err_name(dir));
		free(x->tmp);
		x->tmp = NULL;
		goto fail;
	}
	x->rootfd = open(x->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (x->rootfd < 0) {
		warnsys("%s", err_name(x->tmp));
		goto fail;
	}
	/* mkdtemp made it 0700; the bag gets ordinary permissions. */
	mask = umask(0);
	umask(mask);
	fchmod(x->rootfd, 0777 & ~mask);
	x->force = force;
	return x;
fail:
	ex_abort(x);
	return NULL;
}

/*
 * Open the directory holding rel (creating the directories on the way)
 * and point *leaf at rel's last component.  Returns a descriptor to
 * close, or -1 after a message.
 */
static int
open_parent(struct extractor *x, const char *rel, const char **leaf)
{
	int fd = dup(x->rootfd);
	const char *s = rel, *slash;

	while (fd >= 0 && (slash = strchr(s, '/')) != NULL) {
		char *comp = xstrndup(s, (size_t)(slash - s));
		int next;

		if (mkdirat(fd, comp, 0777) != 0 && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, comp, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		free(comp);
		close(fd);
		fd = next;
		s = slash + 1;
	}
	if (fd < 0)
		warnsys("%s: %s", err_name(x->final), err_name(rel));
	*leaf = s;
	return fd;
}

int
ex_mkdir(struct extractor *x, const char *rel)
{
	const char *leaf;
	int fd = open_parent(x, rel, &leaf), r = 0;

	if (fd < 0)
		return -1;
	if (mkdirat(fd, leaf, 0777) != 0 && errno != EEXIST) {
		warnsys("%s: %s", err_name(x->final), err_name(rel));
		r = -1;
	}
	close(fd);
	return r;
}

int
ex_create(struct extractor *x, const char *rel, int exec)
{
	const char *leaf;
	int dfd = open_parent(x, rel, &leaf), fd;

	if (dfd < 0)
		return -1;
	fd = openat(dfd, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, exec ? 0777 : 0666);
	if (fd < 0)
		warnsys("%s: %s", err_name(x->final), err_name(rel));
	close(dfd);
	return fd;
}

int
ex_close(struct extractor *x, int fd, int64_t mtime)
{
	struct timespec t[2];

	(void)x;
	t[0].tv_sec = t[1].tv_sec = (time_t)mtime;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	futimens(fd, t);
	if (close(fd) != 0) {
		warnsys("%s", err_name(x->final));
		return -1;
	}
	return 0;
}

int
ex_commit(struct extractor *x)
{
	int r;

	if (fsync(x->rootfd) != 0) {
		warnsys("%s", err_name(x->final));
		return -1;
	}
	r = renameat2(AT_FDCWD, x->tmp, AT_FDCWD, x->final, RENAME_NOREPLACE);
	if (r != 0 && errno == EEXIST && x->force) {
		/* Swap atomically, then remove the old tree (now at tmp). */
		r = renameat2(AT_FDCWD, x->tmp, AT_FDCWD, x->final,
		    RENAME_EXCHANGE);
		if (r == 0 && rmtree(x->tmp) != 0)
			warnsys("%s", err_name(x->tmp));
	} else if (r != 0 && errno == EEXIST) {
		warnmsg("%s: already exists (--force replaces it)",
		    err_name(x->final));
		return -1;
	}
	if (r != 0) {
		warnsys("%s", err_name(x->final));
		return -1;
	}
	free(x->tmp);
	x->tmp = NULL;
	io_release_dir();
	return 0;
}

void
ex_abort(struct extractor *x)
{
	if (x == NULL)
		return;
	if (x->rootfd >= 0)
		close(x->rootfd);
	if (x->tmp != NULL) {
		if (rmtree(x->tmp) != 0)
			warnsys("%s", err_name(x->tmp));
		io_release_dir();
	}
	/*
	 * The folder -x made goes again when it is left empty (the bag did
	 * not verify); once a bag is in it, rmdir fails and it stays.
	 */
	if (x->made != NULL)
		rmdir(x->made);
	free(x->made);
	free(x->tmp);
	free(x->final);
	free(x);
}

const char *
ex_final(const struct extractor *x)
{
	return x->final;
}
