/* A minimal unit-test harness: CHECK records a failure and goes on. */
#ifndef SAMLING_UNIT_H
#define SAMLING_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		unit_failures++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (strcmp(g_, w_) != 0) { \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); \
		unit_failures++; \
	} \
} while (0)

#define UNIT_DONE() (unit_failures == 0 ? 0 : 1)

#endif
