/*
 * Unit test for src/lib/io.c: read_whole() reads a whole input within
 * its limit, refuses one past it with EFBIG, and reads no more than one
 * byte past the limit from a stream that never ends (a pipe here,
 * /dev/zero in life), so that memory stays bounded by the limit.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "unit.h"

/* Put n bytes in a pipe and make it standard input; returns the pipe's
 * write end, kept open so that what read_whole leaves can be counted. */
static int
stdin_pipe(size_t n)
{
	char block[1000];
	int fds[2];

	memset(block, 'x', sizeof block);
	if (pipe(fds) != 0 || dup2(fds[0], STDIN_FILENO) < 0)
		return -1;
	close(fds[0]);
	while (n > 0) {
		size_t k = n < sizeof block ? n : sizeof block;

		if (write(fds[1], block, k) != (ssize_t)k)
			return -1;
		n -= k;
	}
	return fds[1];
}

static int
left_in_stdin(void)
{
	int n = -1;

	ioctl(STDIN_FILENO, FIONREAD, &n);
	return n;
}

int
main(void)
{
	struct buf b = BUF_INIT;
	int w;

	/* Within the limit: read whole. */
	w = stdin_pipe(3000);
	CHECK(w >= 0);
	close(w);
	CHECK(read_whole("-", &b, 3000) == 0);
	CHECK(b.len == 3000);

	/* Past it: EFBIG, the buffer as it was, one byte past the limit read. */
	buf_clear(&b);
	buf_adds(&b, "før");
	w = stdin_pipe(5000);
	CHECK(w >= 0);
	errno = 0;
	CHECK(read_whole("-", &b, 1000) == -1);
	CHECK(errno == EFBIG);
	CHECK_STR(b.data, "før");
	CHECK(left_in_stdin() == 5000 - 1001);
	close(w);
	buf_free(&b);
	return UNIT_DONE();
}
