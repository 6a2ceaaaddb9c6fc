/*
 * PDF, through pdftotext of poppler-utils run as a child process (no
 * shell): the document goes to its standard input from an unlinked
 * temporary file, so nothing waits on anything, and its text is read
 * from a pipe.  pdftotext without -layout gives the text in reading
 * order, a line for each line of the page and a form feed at each page's
 * end: a page is a unit, a line a block.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "doc.h"
#include "enc.h"
#include "err.h"
#include "io.h"
#include "readers.h"
#include "text.h"

extern char **environ;

/* A line of at most this many words, not ending a sentence, is a heading. */
#define PDF_HEADING_WORDS 8

static const char pdftotext[] = "pdftotext";

/*
 * Run pdftotext on data[0..len) and append its output to out, at most
 * limit bytes.  0, or -1 after a message.
 */
static int
run_pdftotext(const char *name, const char *data, size_t len,
    struct buf *out, size_t limit)
{
	/* from standard input to standard output, UTF-8, no messages */
	static const char *const args[] = { pdftotext, "-q", "-enc", "UTF-8",
	    "-eol", "unix", "-", "-", NULL };
	posix_spawn_file_actions_t fa;
	FILE *in;
	int fds[2], status, e, over = 0;
	pid_t pid;
	char chunk[65536];
	ssize_t n;

	if ((in = tmpfile()) == NULL) {
		warnsys("temporary file for %s", err_name(name));
		return -1;
	}
	if (fwrite(data, 1, len, in) != len || fflush(in) != 0 ||
	    fseek(in, 0, SEEK_SET) != 0) {
		warnsys("temporary file for %s", err_name(name));
		fclose(in);
		return -1;
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		warnsys("pipe");
		fclose(in);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(in), 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	/* the child keeps only its three standard descriptors of ours */
	if (fileno(in) > 2)
		posix_spawn_file_actions_addclose(&fa, fileno(in));
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	e = posix_spawnp(&pid, pdftotext, &fa, NULL, (char *const *)args,
	    environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	fclose(in);
	if (e != 0) {
		close(fds[0]);
		if (e == ENOENT)
			warnat(name, 0, "a PDF, and pdftotext is not installed "
			    "(Debian package poppler-utils)");
		else
			warnat(name, 0, "cannot run pdftotext: %s", strerror(e));
		return -1;
	}
	while ((n = io_read(fds[0], chunk, sizeof chunk)) > 0) {
		if (out->len + (size_t)n > limit) {
			over = 1;
			kill(pid, SIGTERM);
			break;
		}
		buf_add(out, chunk, (size_t)n);
	}
	e = errno;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (over) {
		warnat(name, 0, "text of this PDF past %zu MiB: not read",
		    limit >> 20);
		return -1;
	}
	if (n < 0) {
		errno = e;
		warnsys("%s: reading from pdftotext", err_name(name));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		warnat(name, 0, "pdftotext cannot read it (exit status %d): "
		    "damaged, or protected by a password", WEXITSTATUS(status));
		return -1;
	}
	if (!WIFEXITED(status)) {
		warnat(name, 0, "pdftotext ended by signal %d",
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		return -1;
	}
	return 0;
}

/* A short line that does not end a sentence: a heading. */
static int
heading_line(const char *s, size_t len)
{
	char last = s[len - 1];

	return text_words(s, len) <= PDF_HEADING_WORDS &&
	    !(last == '.' || last == ',' || last == ';' || last == '!' ||
	    last == '?');
}

/* A line of digits alone: a page number. */
static int
page_number_line(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] >= '0' && s[len - 1] <= '9')
		len--;
	return len == 0;
}

int
pdf_ingest(struct doc *d, const char *name, const char *data, size_t len,
    struct buf *text, size_t limit)
{
	struct buf raw = BUF_INIT, line = BUF_INIT;
	const char *s, *end, *nl;
	long page = 1;
	size_t m;
	int r = -1;

	if (run_pdftotext(name, data, len, &raw, limit) != 0)
		goto out;
	buf_clear(text);
	if (raw.len > 0 && to_utf8(text, raw.data, raw.len, NULL) != 0) {
		warnsys("%s", err_name(name));
		goto out;
	}
	s = text->len > 0 ? text->data : "";
	end = s + text->len;
	for (; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		/* each page ends in a form feed, at the start of a line */
		for (; s < nl && *s == '\f'; s++)
			page++;
		buf_clear(&line);
		text_clean(&line, s, (size_t)(nl - s));
		if (line.len == 0 || page_number_line(line.data, line.len))
			continue;
		if ((m = bullet_mark_len(line.data, line.len)) > 0)
			doc_block(d, page, K_BULLET, 0, line.data + m,
			    line.len - m);
		else
			doc_clean_block(d, page, heading_line(line.data,
			    line.len) ? K_HEADING : K_TEXT, 0, line.data,
			    line.len);
	}
	r = 0;
out:
	buf_free(&raw);
	buf_free(&line);
	return r;
}
