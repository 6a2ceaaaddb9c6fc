/*
 * Fuzz target: text_fold's short way for ASCII and Latin-1 letters
 * against utf8proc's full case folding (differential), and
 * date_iso_range (a date read back covers at least one day, and a day
 * number turns back into the day it came from).
 *
 * sources:
 * seeds: tests/digest/fixtures
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "date.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	utf8proc_uint8_t *want = NULL;
	utf8proc_ssize_t n;
	long first, last;
	int y, m, d;

	n = utf8proc_map(data, (utf8proc_ssize_t)size, &want,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	text_fold(&b, (const char *)data, size);
	if (n >= 0 && memchr(data, 0, size) == NULL &&
	    ((size_t)n != b.len || memcmp(want, b.data, b.len) != 0))
		__builtin_trap();
	free(want);
	buf_free(&b);
	if (date_iso_range((const char *)data, size, &first, &last) == 0) {
		if (first > last)
			__builtin_trap();
		date_from_daynum(first, &y, &m, &d);
		if (date_daynum(y, m, d) != first)
			__builtin_trap();
	}
	return 0;
}
