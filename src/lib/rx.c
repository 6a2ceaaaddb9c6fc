/*
 * PCRE2 behind a small interface.  Each compiled pattern owns its match
 * data, so a pattern is used by one thread at a time (the threads of
 * compare, pack and verify match no patterns).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "exitcode.h"
#include "rx.h"
#include "xalloc.h"

/* Bounds on backtracking: generous for real patterns, finite for all. */
#define RX_MATCH_LIMIT 1000000
#define RX_DEPTH_LIMIT 10000

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	int jit;		/* 1 JIT code, 0 none, -1 not compiled yet */
	int item;		/* group number of "item", or -1 */
	int anchored;
	char *name;		/* for messages: a lexicon rule's place and name */
	unsigned long errors;	/* matches that failed (limits, JIT stack) */
};

static int jit_state = -1;

int
rx_jit_enabled(void)
{
	uint32_t ok = 0;

	if (jit_state < 0) {
		if (pcre2_config(PCRE2_CONFIG_JIT, &ok) < 0)
			ok = 0;
		/*
		 * JIT code reads past the subject with wide loads, which
		 * memory checkers report; SAMLING_NOJIT lets them run clean.
		 */
		if (getenv("SAMLING_NOJIT") != NULL)
			ok = 0;
		jit_state = ok != 0;
	}
	return jit_state;
}

struct rx *
rx_compile(const char *pattern, size_t len, int flags, char *err,
    size_t errsize)
{
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE erroff;
	int errcode, n;
	struct rx *rx;
	pcre2_code *code;

	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	/* The pattern itself must be valid UTF-8: let PCRE2 check it. */
	opts &= ~(uint32_t)PCRE2_NO_UTF_CHECK;
	code = pcre2_compile((PCRE2_SPTR)pattern, len, opts, &errcode, &erroff,
	    NULL);
	if (code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof msg);
		snprintf(err, errsize, "%s at offset %zu", (char *)msg,
		    (size_t)erroff);
		return NULL;
	}
	rx = xcalloc(1, sizeof *rx);
	rx->code = code;
	rx->anchored = (flags & RX_ANCHORED) != 0;
	/*
	 * JIT compilation waits for the first search: a lexicon has some
	 * hundreds of patterns, and a short run uses few of them (compiling
	 * them all took 20 ms before the first block was read).
	 */
	rx->jit = rx_jit_enabled() ? -1 : 0;
	rx->md = pcre2_match_data_create_from_pattern(code, NULL);
	rx->mctx = pcre2_match_context_create(NULL);
	if (rx->md == NULL || rx->mctx == NULL) {
		die(EXIT_TROUBLE, "out of memory");
	}
	pcre2_set_match_limit(rx->mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, RX_DEPTH_LIMIT);
	n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)"item");
	rx->item = n > 0 ? n : -1;
	return rx;
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_match_data_free(rx->md);
	pcre2_match_context_free(rx->mctx);
	pcre2_code_free(rx->code);
	free(rx->name);
	free(rx);
}

void
rx_set_name(struct rx *rx, const char *name)
{
	free(rx->name);
	rx->name = xstrdup(name);
}

unsigned long
rx_errors(const struct rx *rx)
{
	return rx != NULL ? rx->errors : 0;
}

int
rx_search(struct rx *rx, const char *s, size_t len, size_t start,
    struct rx_match *m)
{
	uint32_t opts = PCRE2_NO_UTF_CHECK;
	PCRE2_SIZE *ov;
	int rc;

	if (rx->jit < 0)
		rx->jit = pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE) == 0;
	if (rx->anchored)
		opts |= PCRE2_ANCHORED;
	if (rx->jit && !rx->anchored)
		rc = pcre2_jit_match(rx->code, (PCRE2_SPTR)s, len, start, opts,
		    rx->md, rx->mctx);
	else
		rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, opts,
		    rx->md, rx->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		/* Said once a pattern; rx_errors() tells the program. */
		if (rx->errors++ == 0) {
			PCRE2_UCHAR msg[256];

			pcre2_get_error_message(rc, msg, sizeof msg);
			warnmsg("%s: %s (the text was taken as not matching)",
			    rx->name != NULL ? rx->name : "pattern", (char *)msg);
		}
		return -1;
	}
	ov = pcre2_get_ovector_pointer(rx->md);
	m->start = ov[0];
	m->end = ov[1];
	m->item_start = ov[0];
	m->item_end = ov[1];
	m->has_item = 0;
	if (rx->item > 0 && rx->item < rc && ov[2 * rx->item] != PCRE2_UNSET) {
		m->item_start = ov[2 * rx->item];
		m->item_end = ov[2 * rx->item + 1];
		m->has_item = 1;
	}
	return 1;
}

int
rx_group(const struct rx *rx, const char *name, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
	uint32_t count = pcre2_get_ovector_count(rx->md);
	PCRE2_SPTR first, last;
	int size;

	/* With duplicate names the first group of that name that was set wins. */
	size = pcre2_substring_nametable_scan(rx->code, (PCRE2_SPTR)name,
	    &first, &last);
	if (size < 0)
		return -1;
	for (; first <= last; first += size) {
		uint32_t n = ((uint32_t)first[0] << 8) | first[1];

		if (n < count && ov[2 * n] != PCRE2_UNSET) {
			*start = ov[2 * n];
			*end = ov[2 * n + 1];
			return 0;
		}
	}
	return -1;
}

int
rx_group_numbers(const struct rx *rx, const char *name, int *nums, int max)
{
	PCRE2_SPTR first, last;
	int size, k = 0;

	size = pcre2_substring_nametable_scan(rx->code, (PCRE2_SPTR)name,
	    &first, &last);
	if (size < 0)
		return 0;
	for (; first <= last && k < max; first += size)
		nums[k++] = ((int)first[0] << 8) | first[1];
	return k;
}

int
rx_group_at(const struct rx *rx, int n, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
	uint32_t count = pcre2_get_ovector_count(rx->md);

	if (n < 0 || (uint32_t)n >= count || ov[2 * n] == PCRE2_UNSET)
		return -1;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return 0;
}
