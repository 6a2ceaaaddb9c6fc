/* Unit tests for muni_lookup_codes: every code of a shared name. */
#include <string.h>

#include "err.h"
#include "muni.h"
#include "unit.h"

static int
codes(const struct muni_db *db, const char *name, int year, int *c, int max)
{
	return muni_lookup_codes(db, name, strlen(name), year, c, max, NULL);
}

int
main(void)
{
	struct muni_db *db;
	int c[4], fy = 0;

	err_setprog("muni_codes");
	if ((db = muni_load()) == NULL)
		return 1;
	/* Two Herøy in 2024: both, ascending. */
	CHECK(codes(db, "Herøy", 0, c, 4) == 2 && c[0] == 1515 && c[1] == 1818);
	CHECK(codes(db, "herøy kommune", 2024, c, 4) == 2);
	CHECK(codes(db, "Herøy", 0, c, 1) == 1 && c[0] == 1515);
	/* One code, as muni_lookup_name gives it; a Sami form. */
	CHECK(codes(db, "Kautokeino", 0, c, 4) == 1 && c[0] == 5612);
	CHECK(codes(db, "Guovdageaidnu", 0, c, 4) == 1 && c[0] == 5612);
	CHECK(muni_lookup_codes(db, "Våler", strlen("Våler"), 2019, c, 4, &fy) == 2 &&
	    fy == 2019 && c[0] == 137 && c[1] == 426);
	/* Unknown, and no room. */
	CHECK(codes(db, "Atlantis", 0, c, 4) == 0);
	CHECK(codes(db, "Gol", 0, c, 0) == 0);
	muni_free(db);
	return UNIT_DONE();
}
