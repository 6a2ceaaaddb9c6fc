/* Unit tests: src/lib/csvio.c (reader with line numbers, writers). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "csvio.h"
#include "unit.h"

static FILE *
from_string(const char *s)
{
	FILE *fp = tmpfile();

	fputs(s, fp);
	rewind(fp);
	return fp;
}

static void
test_reader(void)
{
	FILE *fp = from_string("\xef\xbb\xbf" "a,b\n1,\"to\nlinjer\"\n\n3,\"si \"\"hei\"\"\"\r\n");
	struct csvreader *r = csvr_open(fp, "t.csv", ',');
	struct csvfield *f;
	int n;

	n = csvr_next(r, &f);
	CHECK(n == 2 && strcmp(f[0].s, "a") == 0 && csvr_line(r) == 1);
	n = csvr_next(r, &f);
	CHECK(n == 2 && strcmp(f[1].s, "to\nlinjer") == 0 && csvr_line(r) == 2);
	n = csvr_next(r, &f);
	CHECK(n == 2 && strcmp(f[1].s, "si \"hei\"") == 0 && csvr_line(r) == 5);
	CHECK(csvr_next(r, &f) == 0);
	csvr_close(r);
	fclose(fp);

	fp = from_string("x;y\n1;2\n");
	r = csvr_open(fp, "semi.csv", ';');
	CHECK(csvr_next(r, &f) == 2);
	csvr_close(r);
	fclose(fp);
}

static void
test_columns(void)
{
	struct csvfield hdr[3] = { { "source", 6 }, { " unit ", 6 }, { "text", 4 } };
	const char *want[] = { "text", "unit", "missing" };
	int idx[3];

	CHECK(csv_find_columns(hdr, 3, want, 3, idx) == 1);
	CHECK(idx[0] == 2 && idx[1] == 1 && idx[2] == -1);
}

static void
test_writer(void)
{
	static const char *const cols[] = { "n", "t" };
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct csvwriter w;
	char want[160];

	csvw_init(&w, fp, FMT_CSV, cols, 2);
	csvw_long(&w, -42);
	csvw_str(&w, "a,\"b\"");
	csvw_end(&w);
	csvw_free(&w);
	fclose(fp);
	CHECK_STR(out, "n,t\n-42,\"a,\"\"b\"\"\"\n");
	free(out);

	/* numbers at their edges; a field whose comma or quote comes after
	   bytes already copied eight at a time, or in its last few */
	fp = open_memstream(&out, &len);
	csvw_init(&w, fp, FMT_CSV, cols, 2);
	csvw_long(&w, 0);
	csvw_str(&w, "abcdefghijklmnopq,r");
	csvw_end(&w);
	csvw_long(&w, -10);
	csvw_str(&w, "abcdefgh\"");
	csvw_end(&w);
	csvw_long(&w, LONG_MAX);
	csvw_str(&w, "abcdefghijklmnop");
	csvw_end(&w);
	csvw_long(&w, LONG_MIN);
	csvw_long(&w, 99);
	csvw_end(&w);
	csvw_free(&w);
	fclose(fp);
	snprintf(want, sizeof want, "n,t\n0,\"abcdefghijklmnopq,r\"\n"
	    "-10,\"abcdefgh\"\"\"\n%ld,abcdefghijklmnop\n%ld,99\n", LONG_MAX,
	    LONG_MIN);
	CHECK_STR(out, want);
	free(out);

	fp = open_memstream(&out, &len);
	csvw_init(&w, fp, FMT_TSV, cols, 2);
	csvw_long(&w, 7);
	csvw_str(&w, "tab\there\\");
	csvw_end(&w);
	csvw_free(&w);
	fclose(fp);
	CHECK_STR(out, "n\tt\n7\ttab\\there\\\\\n");
	free(out);

	fp = open_memstream(&out, &len);
	csvw_init(&w, fp, FMT_JSONL, cols, 2);
	csvw_long(&w, 1);
	csvw_str(&w, "\"q\"\n\x01");
	csvw_end(&w);
	csvw_free(&w);
	fclose(fp);
	CHECK_STR(out, "{\"n\":1,\"t\":\"\\\"q\\\"\\n\\u0001\"}\n");
	free(out);
	CHECK(outformat_parse("jsonl") == FMT_JSONL && outformat_parse("xml") == -1);
}

int
main(void)
{
	test_reader();
	test_columns();
	test_writer();
	return UNIT_DONE();
}
