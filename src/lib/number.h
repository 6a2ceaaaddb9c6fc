/*
 * Numbers as people write them in statistics files, and the missing-value
 * markers of Statistics Norway (SSB).
 *
 * Accepted: "1234", "1 234,5" (space, no-break space, thin space or narrow
 * no-break space between digit groups), "1.234.567", "1,234.5", "12.5",
 * "-3", "+3", "−3" (U+2212 minus), "12,5 %" and "12.5%".  When a number
 * holds both "." and ",", the last one is the decimal mark; when it holds
 * one of them once, that one is the decimal mark ("1,234" is 1.234); when
 * it holds one of them more than once, they separate groups of three.
 *
 * Markers, alone in a cell: "." not applicable, ".." not available,
 * "..." not yet available, ":" suppressed (confidential), "-" nil.  A
 * marker is never read as a number: callers keep it as what it is.
 */
#ifndef SAMLING_NUMBER_H
#define SAMLING_NUMBER_H

#include <stddef.h>
#include "buf.h"

enum num_kind {
	NUM_EMPTY,		/* nothing but white space */
	NUM_NUMBER,
	NUM_MARKER,
	NUM_TEXT		/* anything else */
};

enum num_marker {
	MARK_NONE,
	MARK_NOT_APPLICABLE,	/* . */
	MARK_NOT_AVAILABLE,	/* .. */
	MARK_NOT_YET,		/* ... */
	MARK_SUPPRESSED,	/* : */
	MARK_NIL		/* - */
};

#define NUM_MAX_DIGITS 40

struct number {
	enum num_kind kind;
	enum num_marker marker;	/* for NUM_MARKER */
	double value;		/* for NUM_NUMBER */
	int decimals;		/* digits after the decimal mark */
	int percent;		/* written with a % sign */
	/* The number exactly: its digits (ASCII, the last `decimals` of them
	 * after the mark), how many, and its sign. */
	char digits[NUM_MAX_DIGITS];
	int ndig;
	int neg;
};

/* Read s[0..len) into *n; returns n->kind. */
enum num_kind num_parse(const char *s, size_t len, struct number *n);

/*
 * b - a exactly, with as many decimals as the longer of the two has,
 * appended to out (no digit grouping, no "-0").  Returns the sign of the
 * difference: -1, 0 or 1.  Both must be NUM_NUMBER.
 */
int num_sub(struct buf *out, const struct number *a, const struct number *b);

/* The marker as SSB writes it ("..", ":"), "" for MARK_NONE. */
const char *num_marker_text(enum num_marker m);

/*
 * Append v with exactly `decimals` digits after a decimal point, no
 * digit grouping and no "-0": the form other programs read back.
 */
void num_format(struct buf *out, double v, int decimals);

#endif
