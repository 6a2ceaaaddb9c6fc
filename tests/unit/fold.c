/*
 * Unit test for text_fold: its short way for ASCII and Latin-1 letters
 * gives what utf8proc gives, and everything else still goes to utf8proc.
 */
#include <stdlib.h>

#include "buf.h"
#include "text.h"
#include "unit.h"

static void
check(const char *s, const char *want)
{
	char *got = text_folded(s, strlen(s));

	CHECK_STR(got, want);
	free(got);
}

int
main(void)
{
	struct buf b = BUF_INIT;

	check("", "");
	check("Manglende TID, 2025!", "manglende tid, 2025!");
	check("ÆRLIG Østlandet Å", "ærlig østlandet å");
	check("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞ", "àáâãäåæçèéêëìíîïðñòóôõö×øùúûüýþ");
	check("àÿ", "àÿ");
	check("Straße", "strasse");		/* ß: through utf8proc */
	check("E\xcc\x81n", "\xc3\xa9n");	/* composed, through utf8proc */
	check("\xc3\x85\xcc\x8a", "\xc3\xa5\xcc\x8a");	/* Å and a ring */
	check("Dielddanuorri - Tjeldsund", "dielddanuorri - tjeldsund");
	check("ΣΑΜΛΙΝΓ", "σαμλινγ");
	check("\xc3", "\xc3");			/* a cut sequence: as it was */
	/* Appends to what the buffer holds. */
	buf_adds(&b, "x:");
	text_fold(&b, "ÅS", 3);
	CHECK_STR(b.data, "x:ås");
	CHECK(b.len == 5);
	/* Folded as far as the short way goes, then all again by utf8proc. */
	text_fold(&b, "ABCDEFGHIJ STRAßE", 18);
	CHECK_STR(b.data, "x:åsabcdefghij strasse");
	CHECK(b.len == 23);
	buf_free(&b);
	return UNIT_DONE();
}
