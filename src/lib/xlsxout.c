/*
 * Records as an .xlsx workbook (xlsxout.h).  libxlsxwriter writes to a
 * named file, so the workbook is made in a temporary file and copied to
 * the output stream at the end: that stream may be a pipe, and -o's
 * temporary file is renamed only after the copy (io.h).  Rows are written
 * in order, so the workbook is made in libxlsxwriter's constant-memory
 * mode: a sheet of a million rows does not sit in memory.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "err.h"
#include "xalloc.h"
#include "xlsxout.h"

#define MAX_ROWS 1048576	/* what a sheet holds, header included */
#define MAX_CELL 32767		/* characters in a cell */
#define MAX_WIDTH 60		/* a column no wider than this */

struct xlsxout {
	char path[64];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date;
	uint32_t row;
	int ncols;
	size_t *width;		/* widest cell of each column, in characters */
	struct buf tmp;
	int full, cut, failed;
};

static size_t
chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void
widen(struct xlsxout *x, int col, size_t w)
{
	if (col < x->ncols && w > x->width[col])
		x->width[col] = w;
}

static void
check(struct xlsxout *x, lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return;
	if (!x->failed)
		warnmsg("xlsx: %s", lxw_strerror(e));
	x->failed = 1;
}

struct xlsxout *
xlsxout_new(const char *const *cols, int ncols)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	struct xlsxout *x = xcalloc(1, sizeof *x);
	const char *tmpdir = getenv("TMPDIR");
	int fd, i;

	if (tmpdir == NULL || *tmpdir == '\0' ||
	    strlen(tmpdir) + sizeof "/samling-XXXXXX.xlsx" > sizeof x->path)
		tmpdir = "/tmp";
	snprintf(x->path, sizeof x->path, "%s/samling-XXXXXX.xlsx", tmpdir);
	if ((fd = mkstemps(x->path, 5)) < 0)
		diesys(2, "%s", x->path);
	close(fd);
	opt.tmpdir = (char *)tmpdir;
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, NULL)) == NULL) {
		unlink(x->path);
		die(2, "xlsx: cannot start a workbook");
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->ncols = ncols;
	x->width = xcalloc((size_t)ncols + 1, sizeof *x->width);
	worksheet_freeze_panes(x->ws, 1, 0);
	for (i = 0; i < ncols; i++) {
		buf_clear(&x->tmp);
		buf_adds(&x->tmp, cols[i]);
		buf_addc(&x->tmp, '\0');
		check(x, worksheet_write_string(x->ws, 0, (lxw_col_t)i,
		    x->tmp.data, x->bold));
		widen(x, i, chars(cols[i], strlen(cols[i])) + 2);
	}
	x->row = 1;
	return x;
}

static int
room(struct xlsxout *x)
{
	if (x->row < MAX_ROWS)
		return 1;
	if (!x->full)
		warnmsg("xlsx: more rows than a sheet holds (%d): "
		    "the rest is left out", MAX_ROWS - 1);
	x->full = 1;
	return 0;
}

void
xlsxout_string(struct xlsxout *x, int col, const char *s, size_t len)
{
	size_t n;

	if (!room(x) || len == 0)
		return;
	if (len > MAX_CELL) {
		/* cut at a character's start, under the limit in characters */
		for (len = MAX_CELL; len > 0 &&
		    ((unsigned char)s[len] & 0xc0) == 0x80; len--)
			;
		if (!x->cut)
			warnmsg("xlsx: a cell longer than %d characters is cut "
			    "short", MAX_CELL);
		x->cut = 1;
	}
	buf_clear(&x->tmp);
	buf_add(&x->tmp, s, len);
	buf_addc(&x->tmp, '\0');
	check(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)col,
	    x->tmp.data, NULL));
	n = chars(s, len);
	widen(x, col, n > MAX_WIDTH ? MAX_WIDTH : n);
}

void
xlsxout_number(struct xlsxout *x, int col, double v)
{
	char tmp[32];

	if (!room(x))
		return;
	check(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, v, NULL));
	widen(x, col, (size_t)snprintf(tmp, sizeof tmp, "%.15g", v));
}

void
xlsxout_date(struct xlsxout *x, int col, int y, int m, int d)
{
	lxw_datetime dt = { y, m, d, 0, 0, 0 };

	if (!room(x))
		return;
	check(x, worksheet_write_datetime(x->ws, x->row, (lxw_col_t)col, &dt,
	    x->date));
	widen(x, col, 10);
}

void
xlsxout_end_row(struct xlsxout *x)
{
	if (x->row < MAX_ROWS)
		x->row++;
}

int
xlsxout_finish(struct xlsxout *x, FILE *fp)
{
	char chunk[65536];
	size_t n;
	FILE *in;
	int i, rval = 0;

	for (i = 0; i < x->ncols; i++)
		check(x, worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)x->width[i] + 1, NULL));
	check(x, workbook_close(x->wb));
	if (x->failed)
		rval = -1;
	else if ((in = fopen(x->path, "rb")) == NULL) {
		warnsys("%s", x->path);
		rval = -1;
	} else {
		while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
			if (fwrite(chunk, 1, n, fp) != n)
				break;
		if (ferror(in)) {
			warnsys("%s", x->path);
			rval = -1;
		}
		fclose(in);
	}
	if (x->full)
		rval = -1;
	unlink(x->path);
	free(x->width);
	buf_free(&x->tmp);
	free(x);
	return rval;
}
