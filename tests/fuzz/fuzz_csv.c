/*
 * Fuzz target: the CSV reader every program reads records with.
 *
 * sources:
 * seeds: tests/extract/fixtures
 */
#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvreader *r;
	struct csvfield *f;
	FILE *fp;
	int n, rows = 0;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	r = csvr_open(fp, "fuzz", size > 1 && data[0] == ';' ? ';' : ',');
	while ((n = csvr_next(r, &f)) != 0 && rows++ < 100000) {
		if (n > 0 && f[n - 1].len > 0 && f[n - 1].s[f[n - 1].len] != '\0')
			__builtin_trap();	/* fields must be NUL-terminated */
	}
	csvr_close(r);
	fclose(fp);
	return 0;
}
