/*
 * Input and output helpers.
 *
 * Inputs: "-" (or NULL) is standard input.  read_whole() reads an input
 * into memory, refusing anything larger than limit bytes with EFBIG.
 *
 * Output: outfile_open(NULL or "-") is standard output; any other path is
 * written to a temporary file in the same directory and renamed into place
 * by outfile_commit(), so a failed run never leaves half a file (sponge(1));
 * a file replaced keeps its permissions.
 * A path that is there and no regular file (a device, a FIFO) is written
 * to directly.
 * stdout_finish() flushes and checks stdout, so a full disk is an error
 * and not a silent truncation.
 */
#ifndef SAMLING_IO_H
#define SAMLING_IO_H

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include "buf.h"

int is_stdin_name(const char *name);

/* Read all of name into b (appending).  0 on success, -1 with errno. */
int read_whole(const char *name, struct buf *b, size_t limit);

/* Open an input for streaming: stdin for "-"; NULL with errno on error. */
FILE *open_input(const char *name);
void close_input(FILE *fp);

struct outfile {
	FILE *fp;
	char *path;		/* final path, NULL for stdout */
	char *tmppath;		/* temporary file, NULL for stdout, a device */
};

/*
 * Append to b the name of a temporary file or directory for the final
 * name base: ".BASE.XXXXXX", BASE shortened to keep it within NAME_MAX.
 */
void io_tmpname(struct buf *b, const char *base);

/* Open output; on failure prints a message and exits EXIT_TROUBLE. */
void outfile_open(struct outfile *out, const char *path);
/* Flush, check, fsync and rename into place.  0 ok, -1 after a message. */
int outfile_commit(struct outfile *out);
/* Remove the temporary file (after an error).  Safe to call twice. */
void outfile_abort(struct outfile *out);

/*
 * Default SIGPIPE (so `| head` ends quietly) and remove any uncommitted
 * temporary output on exit or on SIGINT/SIGTERM/SIGHUP, then die of the
 * signal (the shell sees 128+N).  A signal ignored at start stays ignored
 * (nohup, background jobs of a script).  SIGXFSZ is ignored, so a file
 * size limit is a write error (EFBIG).  Descriptors 0-2 closed at start
 * are held open on /dev/null, unusable as closed ones are, so no file
 * opened later takes their place.  Call once at start.
 */
void io_init(void);

/*
 * Temporary directories (a directory bag, an extraction) are filled file
 * by file, and removing one takes opendir and malloc, which a signal
 * handler may not call.  So while one is registered a fatal signal only
 * sets a flag and wakes io_read; the program's loops call
 * io_check_signal() (each chunk, each entry), which removes the
 * directory and then dies of the signal.
 */
/* mkdtemp(tmpl) and register the directory; NULL with errno.  One at a time. */
char *io_mkdtemp(char *tmpl);
/* It was renamed into place or removed: forget it, then io_check_signal. */
void io_release_dir(void);
/* After a fatal signal: remove the temporary output and die of the signal. */
void io_check_signal(void);
/*
 * read(2) for a loop that may wait on a pipe: retries after EINTR, and
 * ends the program (io_check_signal) when a fatal signal came, also one
 * that came just before it began to wait.
 */
ssize_t io_read(int fd, void *buf, size_t n);
/*
 * Block the fatal signals in this thread (saving the old mask) before
 * starting a thread, and restore after: the new thread never takes them,
 * so they interrupt the main thread's blocking system calls.
 */
void io_hold_signals(sigset_t *saved);
void io_restore_signals(const sigset_t *saved);

/* Flush stdout and report a write error; returns 0 or -1 after a message. */
int stdout_finish(void);

/*
 * The regular file an output path names before it is replaced, so that
 * a program can refuse to read it as an input: -o would replace the
 * input with what was made of it.  Not set for standard output, a path
 * not there yet, a device, a FIFO or a symbolic link (the rename
 * replaces the link, not what it points to).  Another hard link of the
 * file is another name, and not the output.
 */
struct outfile_id {
	int set;
	dev_t dev;
	ino_t ino;
	const char *path;
};
void outfile_id_of(struct outfile_id *id, const char *path);
/* Whether name is that output; stdin never is. */
int outfile_id_is(const struct outfile_id *id, const char *name);

#endif
