/*
 * Unit test for src/lib/pgzip.c: for inputs of no block, part of one,
 * exactly one, several and several and a bit, fed in pieces of different
 * sizes, the output is one gzip member that inflates to the input, the
 * same bytes for 1, 2 and 4 threads, and (thanks to the dictionaries)
 * within 1% of what zlib makes of the input in one piece; a failing
 * sink fails the call without a message of pgzip's own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "buf.h"
#include "pgzip.h"
#include "unit.h"

static int fail_after = -1;	/* calls of the sink before it fails */

static int
sink(void *arg, const void *p, size_t n)
{
	if (fail_after == 0)
		return -1;
	if (fail_after > 0)
		fail_after--;
	buf_add(arg, p, n);
	return 0;
}

/* Text-like bytes: words from a small vocabulary, a fixed sequence. */
static unsigned char *
make_input(size_t n)
{
	static const char *const words[] = { "kommune ", "2024 ", "barnevern ",
	    "Oslo ", "antall ", "innbyggere\n", "0301,", "sammendrag " };
	unsigned char *p = malloc(n + 1);
	uint32_t x = 12345;
	size_t i = 0;

	while (i < n) {
		const char *w;

		x = x * 1103515245u + 12345u;
		w = words[(x >> 16) % 8];
		while (*w != '\0' && i < n)
			p[i++] = (unsigned char)*w++;
		if ((x >> 8) % 5 == 0 && i < n)
			p[i++] = (unsigned char)('0' + (x >> 20) % 10);
	}
	return p;
}

static int
compress_with(struct buf *out, const unsigned char *in, size_t n,
    int threads, size_t piece)
{
	struct pgz *z = pgz_new(6, threads, sink, out);
	size_t i;

	if (z == NULL)
		return -1;
	for (i = 0; i < n; i += piece)
		if (pgz_write(z, in + i, n - i < piece ? n - i : piece) != 0) {
			pgz_free(z);
			return -1;
		}
	i = pgz_finish(z) == 0;
	pgz_free(z);
	return i ? 0 : -1;
}

/* One whole gzip member inflating to in, nothing after it. */
static int
inflates_to(const struct buf *gz, const unsigned char *in, size_t n)
{
	z_stream s;
	unsigned char *out = malloc(n + 1);
	int r, ok;

	memset(&s, 0, sizeof s);
	if (inflateInit2(&s, 16 + 15) != Z_OK)
		return 0;
	s.next_in = (unsigned char *)gz->data;
	s.avail_in = (uInt)gz->len;
	s.next_out = out;
	s.avail_out = (uInt)n + 1;
	r = inflate(&s, Z_FINISH);
	ok = r == Z_STREAM_END && s.avail_in == 0 && s.total_out == n &&
	    memcmp(out, in, n) == 0;
	inflateEnd(&s);
	free(out);
	return ok;
}

static size_t
zlib_size(const unsigned char *in, size_t n)
{
	z_stream s;
	size_t cap = n + n / 8 + 1024, len;
	unsigned char *out = malloc(cap);

	memset(&s, 0, sizeof s);
	deflateInit2(&s, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
	s.next_in = (unsigned char *)in;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	deflate(&s, Z_FINISH);
	len = s.total_out;
	deflateEnd(&s);
	free(out);
	return len;
}

int
main(void)
{
	static const size_t sizes[] = { 0, 1, 100000, PGZ_BLOCK, PGZ_BLOCK + 1,
	    3 * PGZ_BLOCK, 5 * PGZ_BLOCK + 12345 };
	static const int threads[] = { 1, 2, 4 };
	size_t big = 5 * PGZ_BLOCK + 12345, i, j;
	unsigned char *in = make_input(big);
	struct buf first = BUF_INIT, out = BUF_INIT;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];

		buf_clear(&first);
		for (j = 0; j < sizeof threads / sizeof threads[0]; j++) {
			/* Pieces of odd sizes, and pieces larger than a block. */
			size_t piece = j == 1 ? 7919 : 300000;

			buf_clear(&out);
			CHECK(compress_with(&out, in, n, threads[j], piece) == 0);
			CHECK(inflates_to(&out, in, n));
			if (j == 0)
				buf_add(&first, out.data, out.len);
			else
				CHECK(out.len == first.len &&
				    memcmp(out.data, first.data, out.len) == 0);
		}
		/* The header: no time, no name, Unix. */
		CHECK(first.len >= 18 && memcmp(first.data,
		    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) == 0);
		if (n >= PGZ_BLOCK)
			CHECK(first.len * 100 <= zlib_size(in, n) * 101);
	}

	/* The sink fails at once, then after the header and a block. */
	for (j = 0; j < 2; j++) {
		struct pgz *z;
		int r;

		fail_after = j == 0 ? 0 : 2;
		buf_clear(&out);
		z = pgz_new(6, 2, sink, &out);
		CHECK(z != NULL);
		r = pgz_write(z, in, big);
		if (r == 0)
			r = pgz_finish(z);
		CHECK(r == -1);
		CHECK(pgz_error(z) == NULL);
		pgz_free(z);
	}
	fail_after = -1;

	buf_free(&first);
	buf_free(&out);
	free(in);
	return UNIT_DONE();
}
