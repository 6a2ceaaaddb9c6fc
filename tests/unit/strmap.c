/* Unit tests of src/lib/strmap.c. */
#include <stdio.h>
#include <string.h>

#include "strmap.h"

int
main(void)
{
	struct strmap *m = strmap_new();
	char key[32];
	size_t i, pos = 0, seen = 0;
	const char *k;
	void *v;
	int bad = 0;

	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "data/%zu.txt", i);
		strmap_put(m, key, (void *)(i + 1));
	}
	strmap_put(m, "data/7.txt", (void *)7000);
	if (strmap_count(m) != 100000)
		bad = printf("FAIL: count %zu\n", strmap_count(m));
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "data/%zu.txt", i);
		if (strmap_get(m, key) != (void *)(i == 7 ? 7000 : i + 1))
			bad = printf("FAIL: get %s\n", key);
	}
	if (strmap_get(m, "data/x") != NULL || strmap_get(m, "") != NULL)
		bad = printf("FAIL: absent keys\n");
	while (strmap_next(m, &pos, &k, &v))
		seen++;
	if (seen != 100000)
		bad = printf("FAIL: iterated %zu\n", seen);
	strmap_free(m);
	return bad ? 1 : 0;
}
