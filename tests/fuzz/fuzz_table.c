/*
 * Fuzz target: samling-compare's data-file reader (table.h) on arbitrary
 * bytes, as src/compare drives it: open (encoding, delimiter and header
 * detection, or a workbook), the sample rows, then every row, each cell
 * read as a number (number.h) and as a region (muni.h).  The bytes go
 * through a temporary file, as table_open() reads a path.
 *
 * sources:
 * seeds: tests/compare/fixtures
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "err.h"
#include "muni.h"
#include "number.h"
#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void
look_at(const char *s, size_t len)
{
	struct number n;
	const char *name;
	size_t namelen;

	num_parse(s, len, &n);
	if (muni_parse_region(s, len, &name, &namelen) >= 0 &&
	    (name < s || name + namelen > s + len))
		__builtin_trap();	/* the name must lie inside the cell */
}

static void
remove_file(void)
{
	unlink(path);
}

static int
setup(void)
{
	int fd;

	err_setprog("fuzz-table");
	snprintf(path, sizeof path, "/tmp/fuzz-table-%ld", (long)getpid());
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) < 0)
		abort();
	close(fd);
	atexit(remove_file);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static const char *const sheets[] = { NULL, "Mangler" };
	struct table_opts o = { .informat = IN_DETECT };
	struct buf msgs = BUF_INIT;
	const char *const *cells;
	const size_t *lens;
	unsigned long line;
	struct table *t;
	FILE *fp;
	int i, j, r, rows = 0;

	if (!ready)
		ready = setup();
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	o.sheet = sheets[size & 1];
	if ((t = table_open(path, &o)) == NULL)
		return 0;
	if (size & 2)
		table_set_messages(t, &msgs);
	for (i = 0; i < table_ncols(t); i++)
		if (table_column(t, i) == NULL)
			__builtin_trap();
	for (i = 0; i < table_nsample(t); i++)
		for (j = 0; j < table_ncols(t); j++)
			look_at(table_sample(t, i)[j], strlen(table_sample(t, i)[j]));
	while ((r = table_next(t, &cells, &lens, &line)) != 0 && r != -2 &&
	    rows++ < 100000) {
		if (r < 0)
			continue;
		for (j = 0; j < table_ncols(t); j++) {
			if (strlen(cells[j]) > lens[j])
				__builtin_trap();
			look_at(cells[j], lens[j]);
		}
	}
	table_close(t);
	buf_free(&msgs);
	return 0;
}
