/* Unit test for src/lib/stem.c. */
#include <stdlib.h>

#include "buf.h"
#include "stem.h"
#include "unit.h"

static void
check_text(struct stemmer *st, const char *s, const char *want, size_t nwant)
{
	struct buf b = BUF_INIT;
	size_t n = stem_text(st, &b, s, strlen(s));

	CHECK_STR(b.data != NULL ? b.data : "", want);
	CHECK(n == nwant);
	buf_free(&b);
}

int
main(void)
{
	struct stemmer *no = stem_open("norwegian");
	struct stemmer *both = stem_open("norwegian,english");
	size_t n;

	CHECK(no != NULL && both != NULL);
	CHECK(stem_open("klingon") == NULL);
	CHECK(stem_open("") == NULL);
	CHECK(stem_open("norwegian,") == NULL);
	CHECK_STR(stem_word(no, "manglende", 9, &n), "mangl");
	CHECK(n == 5);
	CHECK_STR(stem_word(no, "manglande", 9, NULL), "mangl");
	CHECK_STR(stem_word(no, "", 0, &n), "");
	CHECK(n == 0);
	check_text(no, "Manglende tid", "mangl tid", 2);
	check_text(no, "manglande tid til arbeidet", "mangl tid til arbeid", 4);
	check_text(no, "  «Ressursar» – og ressurser! ", "ressurs og ressurs", 3);
	check_text(no, "", "", 0);
	check_text(no, "– … –", "", 0);
	check_text(both, "Missing resources", "miss resourc", 2);
	check_text(both, "Utfordringar i 2021", "utfordr i 2021", 3);
	stem_close(no);
	stem_close(both);
	stem_close(NULL);
	return UNIT_DONE();
}
