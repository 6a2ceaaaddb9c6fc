/*
 * Fuzz target: the number and region-cell parsers (number.h, muni.h),
 * and a round trip: a number read, written with num_format() and read
 * again must give the same value.  With the municipality lists found
 * (SAMLING_DATADIR, or share/samling three levels up from where the
 * fuzzer runs), names are looked up too.
 *
 * sources:
 * seeds: tests/compare/fixtures
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "muni.h"
#include "number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct muni_db *db;

static void
setup(void)
{
	char *dir;

	err_setprog("fuzz-number");
	if (getenv("SAMLING_DATADIR") == NULL &&
	    (dir = realpath("../../../share/samling", NULL)) != NULL) {
		setenv("SAMLING_DATADIR", dir, 1);
		free(dir);
	}
	db = muni_load();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *s = (const char *)data, *name;
	struct number n, back;
	struct buf b = BUF_INIT;
	size_t namelen;
	int code, year;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (num_parse(s, size, &n) == NUM_NUMBER && fabs(n.value) < 1e15 &&
	    n.decimals >= 0 && n.decimals <= 20) {
		num_format(&b, n.value, n.decimals);
		if (num_parse(b.data, b.len, &back) != NUM_NUMBER ||
		    fabs(back.value - n.value) > 1e-9 * fmax(1, fabs(n.value)))
			__builtin_trap();
	}
	num_marker_text(n.marker);
	code = muni_parse_region(s, size, &name, &namelen);
	if (code >= MUNI_CODES || (code >= 0 && (name < s || name + namelen > s + size)))
		__builtin_trap();
	if (db != NULL) {
		code = muni_lookup_name(db, s, size, 0, &year);
		if (code >= 0)
			muni_name(db, year, code);
		muni_lookup_name(db, s, size, 2020, NULL);
		if (code >= 0 && code < MUNI_CODES)
			muni_newest_year(db, code);
	}
	buf_free(&b);
	return 0;
}
