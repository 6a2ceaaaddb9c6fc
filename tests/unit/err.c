/* Unit tests of src/lib/err.c: names escaped as they are printed. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

/* Each thread escapes its own names many times over, as compare's two
 * loaders do: with no buffer shared, each sees only its own. */
static void *
escape_many(void *arg)
{
	const char *name = arg;
	char want[64];
	int i;

	snprintf(want, sizeof want, "%s\\\\x\\n", name);
	for (i = 0; i < 100000; i++) {
		char raw[64];

		snprintf(raw, sizeof raw, "%s\\x\n", name);
		if (strcmp(err_name(raw), want) != 0)
			return (void *)1;
	}
	return NULL;
}

int
main(void)
{
	static char old[] = "gammel.csv", new[] = "ny.csv";
	char line[256], buf[8];
	pthread_t t1, t2;
	void *r1, *r2;
	int bad = 0;

	/* Six names in one message: each keeps its own buffer. */
	snprintf(line, sizeof line, "%s %s %s %s %s %s", err_name("a\tb"),
	    err_name("-"), err_name(NULL), err_name("c\\d"), err_name("e\x1b"),
	    err_name("f"));
	if (strcmp(line, "a\\tb <stdin> <stdin> c\\\\d e\\x1b f") != 0)
		bad = printf("FAIL: six names: %s\n", line);
	/* The caller's buffer, cut short. */
	if (strcmp(err_name_in(buf, sizeof buf, "abc\ndefgh"), "abc\\nde") != 0)
		bad = printf("FAIL: short buffer: %s\n", buf);
	pthread_create(&t1, NULL, escape_many, old);
	pthread_create(&t2, NULL, escape_many, new);
	pthread_join(t1, &r1);
	pthread_join(t2, &r2);
	if (r1 != NULL || r2 != NULL)
		bad = printf("FAIL: names of two threads mixed\n");
	return bad ? 1 : 0;
}
