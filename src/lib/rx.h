/*
 * Regular expressions: PCRE2 (UTF, Unicode properties), JIT-compiled once
 * when the platform has JIT, with match limits so that no pattern can run
 * away on hostile text.  Every samling call into PCRE2 goes through here.
 */
#ifndef SAMLING_RX_H
#define SAMLING_RX_H

#include <stddef.h>

enum {
	RX_CASELESS = 1 << 0,	/* match without regard to case */
	RX_ANCHORED = 1 << 1	/* match only at the start offset */
};

struct rx;

struct rx_match {
	size_t start, end;	/* the whole match */
	size_t item_start, item_end;	/* group "item", or the whole match */
	int has_item;		/* the pattern has a group named "item" that took part */
};

/*
 * Compile pattern[0..len).  On error returns NULL and puts a message
 * ("missing closing parenthesis at offset 7") into err.
 */
struct rx *rx_compile(const char *pattern, size_t len, int flags,
    char *err, size_t errsize);
void rx_free(struct rx *rx);

/* Name the pattern in messages ("nb.rx:12: rule goal-section"). */
void rx_set_name(struct rx *rx, const char *name);

/*
 * Search s[0..len) from offset start; s must be valid UTF-8.
 * Returns 1 on a match (filling m), 0 on none, -1 when the match limit
 * was hit or another matching error happened: said on standard error,
 * with the pattern's name, the first time for each pattern (callers that
 * cannot do better take it as no match, and end with rx_errors).
 */
int rx_search(struct rx *rx, const char *s, size_t len, size_t start,
    struct rx_match *m);

/* How many searches of rx failed with an error (not "no match"). */
unsigned long rx_errors(const struct rx *rx);

/* Offsets of a named group in the last successful match of rx, or -1. */
int rx_group(const struct rx *rx, const char *name, size_t *start,
    size_t *end);

/*
 * The numbers of the groups called name (several with (?J)); returns how
 * many, at most max.  For reading many groups after each match quickly.
 */
int rx_group_numbers(const struct rx *rx, const char *name, int *nums,
    int max);
/* Offsets of group number n in the last successful match, or -1. */
int rx_group_at(const struct rx *rx, int n, size_t *start, size_t *end);

/*
 * Whether JIT compilation is in use: when PCRE2 has it and SAMLING_NOJIT
 * is not set (valgrind reports JIT code's wide reads past the subject).
 */
int rx_jit_enabled(void);

#endif
