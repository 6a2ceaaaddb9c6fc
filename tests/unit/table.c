/* Unit tests for table.c: detection of delimiter, encoding, header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "err.h"
#include "table.h"

static int failed;
static char path[4096];

static struct table *
open_text(const char *text, size_t len, int delim)
{
	struct table_opts o = { delim, IN_DETECT, NULL, 0 };
	FILE *fp = fopen(path, "wb");

	fwrite(text, 1, len, fp);
	fclose(fp);
	return table_open(path, &o);
}

/* Rows joined: cells by '|', rows by '/'. */
static void
want_rows_len(const char *what, const char *text, size_t len, int delim,
    const char *cols, const char *rows, const char *encoding)
{
	struct table *t = open_text(text, len, delim);
	char got[4096] = "", hdr[1024] = "";
	const char *const *c;
	unsigned long line;
	int i, r;

	if (t == NULL) {
		printf("FAIL %s: not opened\n", what);
		failed = 1;
		return;
	}
	for (i = 0; i < table_ncols(t); i++) {
		strcat(hdr, i ? "|" : "");
		strcat(hdr, table_column(t, i));
	}
	while ((r = table_next(t, &c, NULL, &line)) != 0) {
		if (r < 0) {
			strcat(got, "!");
			continue;
		}
		strcat(got, got[0] ? "/" : "");
		for (i = 0; i < table_ncols(t); i++) {
			strcat(got, i ? "|" : "");
			strcat(got, c[i]);
		}
	}
	if (strcmp(hdr, cols) != 0 || strcmp(got, rows) != 0 ||
	    (encoding && strcmp(table_info(t)->encoding, encoding) != 0)) {
		printf("FAIL %s:\n  header %s\n  rows %s\n  encoding %s\n", what, hdr,
		    got, table_info(t)->encoding);
		failed = 1;
	}
	table_close(t);
}

static void
want_rows(const char *what, const char *text, int delim, const char *cols,
    const char *rows, const char *encoding)
{
	want_rows_len(what, text, strlen(text), delim, cols, rows, encoding);
}

int
main(void)
{
	int fd;

	err_setprog("unit-table");
	snprintf(path, sizeof path, "%s/samling-unit-table.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir);
	if ((fd = mkstemp(path)) < 0)
		return 1;
	close(fd);
	want_rows("semicolon", "a;b\n1;2\n", 0, "a|b", "1|2", "UTF-8");
	want_rows("comma, quotes", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", 0, "a|b",
	    "x,y|say \"hi\"", NULL);
	want_rows("tab, CRLF", "a\tb\r\n1\t2\r\n", 0, "a|b", "1|2", NULL);
	want_rows("CR only", "a;b\r1;2\r3;4\r", 0, "a|b", "1|2/3|4", NULL);
	want_rows("BOM", "\xef\xbb\xbf" "a;b\n1;2\n", 0, "a|b", "1|2", "UTF-8 with BOM");
	want_rows("latin-1", "navn;\xe5r\n\xd8stre;2\n", 0, "navn|år", "Østre|2",
	    "Windows-1252");
	want_rows("latin-1 CRLF", "navn;\xe5r\r\n\xd8stre;2\r\n", 0, "navn|år",
	    "Østre|2", "Windows-1252");
	want_rows_len("UTF-16LE", "\xff\xfe" "a\0;\0b\0\n\0" "1\0;\0" "2\0\n\0", 18,
	    0, "a|b", "1|2", "UTF-16LE");
	want_rows("decimal commas", "r;x;y\n0301;1,5;2,25\n4601;3,5;4,0\n", 0,
	    "r|x|y", "0301|1,5|2,25/4601|3,5|4,0", NULL);
	want_rows("title and footnotes", "Tabell 1: noe\n\nr;v\n0301;1\n\nKilde: SSB\n", 0,
	    "r|v", "0301|1", NULL);
	want_rows("two header rows", ";Barn;;Andel;\nregion;2023;2024;2023;2024\n0301;1;2;3;4\n",
	    0, "region|Barn 2023|Barn 2024|Andel 2023|Andel 2024", "0301|1|2|3|4", NULL);
	want_rows("ragged", "a;b;c\n1;2\n", 0, "a|b|c", "1|2|", NULL);
	want_rows("too many cells", "a;b\n1;2;3\n4;5\n", 0, "a|b", "!/4|5", NULL);
	want_rows("quoted newline", "a;b\n\"x\ny\";2\n", 0, "a|b", "x\ny|2", NULL);
	want_rows("no final newline", "a;b\n1;2", 0, "a|b", "1|2", NULL);
	want_rows("forced delimiter", "a|b;c\n1|2;3\n", '|', "a|b;c", "1|2;3", NULL);
	want_rows("empty header cell", "a;;c\n1;2;3\n", 0, "a|column 2|c", "1|2|3", NULL);
	if (open_text("", 0, 0) != NULL || open_text("just a title\n", 13, 0) != NULL) {
		printf("FAIL: files without a header opened\n");
		failed = 1;
	}
	unlink(path);
	return failed;
}
