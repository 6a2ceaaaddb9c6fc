/* Unit tests for muni.c: lists, names with Sami and Kven forms, crosswalk. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "muni.h"

static int failed;

static void
want_name(const struct muni_db *db, const char *name, int year, int code)
{
	int got = muni_lookup_name(db, name, strlen(name), year, NULL);

	if (got != code) {
		printf("FAIL lookup %s (%d): %d, want %d\n", name, year, got, code);
		failed = 1;
	}
}

static void
want_region(const char *cell, int code, const char *name)
{
	const char *n = NULL;
	size_t len = 0;
	int got = muni_parse_region(cell, strlen(cell), &n, &len);

	if (got != code || (code >= 0 && (len != strlen(name) ||
	    memcmp(n, name, len) != 0))) {
		printf("FAIL region %s: %d '%.*s'\n", cell, got, (int)len, n ? n : "");
		failed = 1;
	}
}

static void
want_targets(const struct muni_xwalk *x, int code, int n, int first)
{
	const int *t = NULL;
	int got = muni_xwalk_targets(x, code, &t);

	if (got != n || (n > 0 && t[0] != first)) {
		printf("FAIL targets of %04d: %d (first %d)\n", code, got,
		    got > 0 ? t[0] : -1);
		failed = 1;
	}
}

int
main(void)
{
	struct muni_db *db;
	struct muni_xwalk *x;
	const int *src;
	int year = 0;

	err_setprog("unit-muni");
	if ((db = muni_load()) == NULL)
		return 1;
	if (muni_table_year(db, 2021) != 2020 || muni_table_year(db, 2026) != 2024 ||
	    muni_table_year(db, 2018) != 2018 ||
	    muni_table_year(db, 2016) != 0) {
		printf("FAIL table years\n");
		failed = 1;
	}
	if (muni_name(db, 2019, 101) == NULL || strcmp(muni_name(db, 2019, 101), "Halden") != 0 ||
	    muni_name(db, 2024, 101) != NULL || muni_newest_year(db, 101) != 2019) {
		printf("FAIL names by code\n");
		failed = 1;
	}
	want_name(db, "Oslo", 0, 301);
	want_name(db, "oslo kommune", 0, 301);
	want_name(db, "Kommune Oslo", 0, 301);
	want_name(db, "Kautokeino", 0, 5612);
	want_name(db, "Guovdageaidnu", 2019, 2011);
	want_name(db, "Kautokeino \xe2\x80\x93 Guovdageaidnu", 0, 5612);
	want_name(db, "Guovdageaidnu - Kautokeino", 0, 5612);
	want_name(db, "KÅFJORD", 0, 5540);
	want_name(db, "Kaivuono", 0, 5540);
	want_name(db, "Nord-Odal", 0, 3414);
	want_name(db, "Nord-Odal", 2019, 418);
	want_name(db, "Våler (Innlandet)", 0, 3419);
	want_name(db, "Våler", 0, -2);		/* two of them */
	want_name(db, "Rana", 0, 1833);		/* "Rana - Raane" from 2024 */
	want_name(db, "Raane", 0, 1833);
	want_name(db, "Tysfjord", 0, 1850);
	want_name(db, "Atlantis", 0, -1);
	want_name(db, "", 0, -1);
	if (muni_lookup_name(db, "Halden", 6, 0, &year) != 3101 || year != 2024) {
		printf("FAIL found year %d\n", year);
		failed = 1;
	}
	want_region("0301", 301, "");
	want_region("0301 Oslo", 301, "Oslo");
	want_region("K-0301 Oslo", 301, "Oslo");
	want_region("0101\xc2\xa0-\xc2\xa0Halden", 101, "Halden");
	want_region("5001 - Trondheim - Tråante", 5001, "Trondheim - Tråante");
	want_region("03 Oslo", -1, "");
	want_region("030101 Gamle Oslo", -1, "");
	want_region("EAK Landet", -1, "");
	want_region("Oslo", -1, "");

	x = muni_xwalk_new(db, 2019, 2024);
	want_targets(x, 101, 1, 3101);		/* renumbered twice */
	want_targets(x, 104, 1, 3103);		/* merged with Rygge */
	want_targets(x, 136, 1, 3103);
	want_targets(x, 1850, 2, 1806);		/* split */
	want_targets(x, 1534, 2, 1508);		/* merged into Ålesund, split off */
	want_targets(x, 301, 1, 301);
	want_targets(x, 3101, 0, 0);		/* not a 2019 code */
	if (muni_xwalk_sources(x, 3103, &src) != 2 || src[0] != 104 || src[1] != 136) {
		printf("FAIL sources of 3103\n");
		failed = 1;
	}
	muni_xwalk_free(x);
	x = muni_xwalk_new(db, 2024, 2019);	/* backwards */
	want_targets(x, 3101, 1, 101);
	want_targets(x, 3103, 2, 104);
	muni_xwalk_free(x);
	muni_free(db);
	return failed;
}
