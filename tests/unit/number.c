/* Unit tests for number.c: numbers as people write them, SSB markers. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "number.h"

static int failed;

static void
want_number(const char *in, double v, int decimals, int percent)
{
	struct number n;

	if (num_parse(in, strlen(in), &n) != NUM_NUMBER || n.value != v ||
	    n.decimals != decimals || n.percent != percent) {
		printf("FAIL %s: kind %d value %.17g decimals %d percent %d\n", in,
		    n.kind, n.value, n.decimals, n.percent);
		failed = 1;
	}
}

static void
want_kind(const char *in, enum num_kind kind, enum num_marker marker)
{
	struct number n;

	if (num_parse(in, strlen(in), &n) != kind || n.marker != marker) {
		printf("FAIL %s: kind %d marker %d, want %d %d\n", in, n.kind,
		    n.marker, kind, marker);
		failed = 1;
	}
}

static void
want_format(double v, int decimals, const char *want)
{
	struct buf b = BUF_INIT;

	num_format(&b, v, decimals);
	if (strcmp(b.data, want) != 0) {
		printf("FAIL format %.17g %d: %s, want %s\n", v, decimals, b.data, want);
		failed = 1;
	}
	buf_free(&b);
}

/* b - a, exactly: the text and the sign. */
static void
want_sub(const char *a, const char *b, const char *want, int sign)
{
	struct number na, nb;
	struct buf out = BUF_INIT;
	int got;

	num_parse(a, strlen(a), &na);
	num_parse(b, strlen(b), &nb);
	got = num_sub(&out, &na, &nb);
	if (strcmp(out.data ? out.data : "", want) != 0 || got != sign) {
		printf("FAIL %s - %s: %s (%d), want %s (%d)\n", b, a,
		    out.data ? out.data : "", got, want, sign);
		failed = 1;
	}
	buf_free(&out);
}

int
main(void)
{
	want_sub("12345678901234567", "12345678901234568", "1", 1);
	want_sub("1 234 567 890 123 456 789", "1 234 567 890 123 456 788", "-1", -1);
	want_sub("0,10", "0.1", "0.00", 0);
	want_sub("5", "5,000", "0.000", 0);
	want_sub("-0", "0", "0", 0);
	want_sub("1.5", "-2.25", "-3.75", -1);
	want_sub("-2.25", "1.5", "3.75", 1);
	want_sub("-1", "-3", "-2", -1);
	want_sub("0.05", "0.1", "0.05", 1);
	want_sub("999", "1000", "1", 1);
	want_sub("1000", "1", "-999", -1);
	want_sub("12,5 %", "13 %", "0.5", 1);
	want_number("1234", 1234, 0, 0);
	want_number(" 1 234,5 ", 1234.5, 1, 0);
	want_number("1\xc2\xa0" "234\xc2\xa0" "567", 1234567, 0, 0);	/* NBSP */
	want_number("12\xe2\x80\x89" "345", 12345, 0, 0);	/* thin space */
	want_number("12\xe2\x80\xaf" "345,25", 12345.25, 2, 0);	/* narrow NBSP */
	want_number("12.5", 12.5, 1, 0);
	want_number("1,234", 1.234, 3, 0);
	want_number("1.234.567", 1234567, 0, 0);
	want_number("1,234.5", 1234.5, 1, 0);
	want_number("1.234,5", 1234.5, 1, 0);
	want_number("-12,5", -12.5, 1, 0);
	want_number("+3", 3, 0, 0);
	want_number("\xe2\x88\x92" "7", -7, 0, 0);	/* U+2212 */
	want_number("12,5 %", 12.5, 1, 1);
	want_number("4.1%", 4.1, 1, 1);
	want_number("0,0", 0, 1, 0);
	want_number("007", 7, 0, 0);
	want_number("123456789012345678", 123456789012345678.0, 0, 0);
	want_kind(".", NUM_MARKER, MARK_NOT_APPLICABLE);
	want_kind("..", NUM_MARKER, MARK_NOT_AVAILABLE);
	want_kind(" ... ", NUM_MARKER, MARK_NOT_YET);
	want_kind(":", NUM_MARKER, MARK_SUPPRESSED);
	want_kind("-", NUM_MARKER, MARK_NIL);
	want_kind("", NUM_EMPTY, MARK_NONE);
	want_kind(" \xc2\xa0 ", NUM_EMPTY, MARK_NONE);
	want_kind("....", NUM_TEXT, MARK_NONE);
	want_kind("\xe2\x88\x92", NUM_TEXT, MARK_NONE);
	want_kind("12 34", NUM_TEXT, MARK_NONE);	/* a group of two */
	want_kind("1 2345", NUM_TEXT, MARK_NONE);
	want_kind("1,2,3", NUM_TEXT, MARK_NONE);
	want_kind("1.23.456", NUM_TEXT, MARK_NONE);
	want_kind("1,5.2,1", NUM_TEXT, MARK_NONE);
	want_kind("12,", NUM_TEXT, MARK_NONE);
	want_kind(",5", NUM_TEXT, MARK_NONE);
	want_kind("1e5", NUM_TEXT, MARK_NONE);
	want_kind("0301 Oslo", NUM_TEXT, MARK_NONE);
	want_kind("--5", NUM_TEXT, MARK_NONE);
	want_kind("%", NUM_TEXT, MARK_NONE);
	want_kind("1111111111111111111111111111111111111111111", NUM_TEXT, MARK_NONE);
	if (strcmp(num_marker_text(MARK_SUPPRESSED), ":") != 0 ||
	    strcmp(num_marker_text(MARK_NONE), "") != 0) {
		printf("FAIL marker text\n");
		failed = 1;
	}
	want_format(1234.5, 1, "1234.5");
	want_format(-0.04, 1, "0.0");
	want_format(-0.06, 1, "-0.1");
	want_format(13.1 - 12.5, 1, "0.6");
	want_format(5, 0, "5");
	want_format(2.0 / 3.0, 2, "0.67");
	return failed;
}
