/*
 * Input and output helpers.
 *
 * Inputs: "-" (or NULL) is standard input.  read_whole() reads an input
 * into memory, refusing anything larger than limit bytes with EFBIG.
 *
 * Output: outfile_open(NULL or "-") is standard output; any other path is
 * written to a temporary file in the same directory and renamed into place
 * by outfile_commit(), so a failed run never leaves half a file (sponge(1)).
 * outfile_close_stdout() flushes and checks stdout, so a full disk is an
 * error and not a silent truncation.
 */
#ifndef SAMLING_IO_H
#define SAMLING_IO_H

#include <stdio.h>
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
	char *tmppath;		/* temporary file, NULL for stdout */
};

/* Open output; on failure prints a message and exits EXIT_TROUBLE. */
void outfile_open(struct outfile *out, const char *path);
/* Flush, check, fsync and rename into place.  0 ok, -1 after a message. */
int outfile_commit(struct outfile *out);
/* Remove the temporary file (after an error).  Safe to call twice. */
void outfile_abort(struct outfile *out);

/*
 * Default SIGPIPE (so `| head` ends quietly) and remove any uncommitted
 * temporary output on exit or on SIGINT/SIGTERM/SIGHUP.  Call once at start.
 */
void io_init(void);

/* Flush stdout and report a write error; returns 0 or -1 after a message. */
int stdout_finish(void);

#endif
