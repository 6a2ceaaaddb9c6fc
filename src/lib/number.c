/*
 * Numbers and SSB markers.  Hand-written rather than strtod(): strtod
 * knows neither decimal commas, nor digit groups, nor U+2212, and its
 * locale dependence would make the same file read differently on two
 * machines.  The digits are collected and converted exactly where they
 * fit in 53 bits (one rounding), else through strtod in the C locale.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "number.h"

#define MAX_DIGITS 40

static const struct {
	const char *text;
	enum num_marker marker;
} markers[] = {
	{ ".", MARK_NOT_APPLICABLE },
	{ "..", MARK_NOT_AVAILABLE },
	{ "...", MARK_NOT_YET },
	{ ":", MARK_SUPPRESSED },
	{ "-", MARK_NIL },
};

const char *
num_marker_text(enum num_marker m)
{
	size_t i;

	for (i = 0; i < sizeof markers / sizeof markers[0]; i++)
		if (markers[i].marker == m)
			return markers[i].text;
	return "";
}

/*
 * Length of a space character at s (ASCII space or tab, no-break space,
 * figure space, thin space, narrow no-break space), 0 if none.
 */
static size_t
space_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0x87 || s[2] == 0x89 || s[2] == 0xAF))
		return 3;
	return 0;
}

static size_t
space_before(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		return 1;
	if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
		return 2;
	if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
	    (s[n - 1] == 0x87 || s[n - 1] == 0x89 || s[n - 1] == 0xAF))
		return 3;
	return 0;
}

static const double pow10tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* digits: integer digits then fraction digits, ASCII; nfrac of them. */
static double
digits_value(const char *digits, int ndig, int nfrac, int neg)
{
	uint64_t m = 0;
	char tmp[MAX_DIGITS + 4];
	int i;

	if (ndig <= 15) {
		for (i = 0; i < ndig; i++)
			m = m * 10 + (uint64_t)(digits[i] - '0');
		/* Both exact, so the one division rounds correctly. */
		return (neg ? -1.0 : 1.0) * ((double)m / pow10tab[nfrac]);
	}
	i = 0;
	if (neg)
		tmp[i++] = '-';
	memcpy(tmp + i, digits, (size_t)(ndig - nfrac));
	i += ndig - nfrac;
	tmp[i++] = '.';
	memcpy(tmp + i, digits + ndig - nfrac, (size_t)nfrac);
	i += nfrac;
	tmp[i] = '\0';
	return strtod(tmp, NULL);
}

/*
 * The body of a number: digits, group separators and marks.  Returns 0
 * when s[0..len) is not a number.
 */
static int
parse_body(const unsigned char *s, size_t len, struct number *n, int neg)
{
	char digits[MAX_DIGITS];
	int ndig = 0, ncomma = 0, npoint = 0, after_sep = 0, run = 0;
	int nfrac = 0, lastmark = 0, groups_ok = 1, spaced = 0, firstrun = 0;
	size_t i = 0, sp, lastmark_pos = 0;

	if (len == 0)
		return 0;
	while (i < len) {
		unsigned char c = s[i];

		if (c >= '0' && c <= '9') {
			if (ndig == MAX_DIGITS)
				return 0;
			digits[ndig++] = (char)c;
			run++;
			after_sep = 0;
			i++;
		} else if (c == ',' || c == '.') {
			if (after_sep || run == 0)
				return 0;
			if (lastmark != 0 && run != 3)
				groups_ok = 0;
			if (lastmark == 0) {
				if (spaced && run != 3)
					return 0;
				firstrun = run;
			}
			if (c == ',')
				ncomma++;
			else
				npoint++;
			lastmark = c;
			lastmark_pos = (size_t)ndig;
			run = 0;
			after_sep = 1;
			i++;
		} else if ((sp = space_at(s + i, len - i)) > 0) {
			/* A group separator: digits on both sides, after no mark. */
			if (after_sep || run == 0 || lastmark != 0)
				return 0;
			if (spaced ? run != 3 : run > 3)
				return 0;
			spaced = 1;
			run = 0;
			after_sep = 1;
			i += sp;
		} else {
			return 0;
		}
	}
	if (after_sep || (spaced && lastmark == 0 && run != 3))
		return 0;
	if (ncomma > 0 && npoint > 0) {
		/* The last mark is the decimal one; the other kind groups. */
		if ((lastmark == ',' && ncomma > 1) || (lastmark == '.' && npoint > 1) ||
		    !groups_ok || firstrun > 3 || spaced)
			return 0;
		nfrac = ndig - (int)lastmark_pos;
	} else if (ncomma + npoint == 1) {
		nfrac = ndig - (int)lastmark_pos;
	} else if (ncomma + npoint > 1) {
		if (!groups_ok || run != 3 || firstrun > 3 || spaced)
			return 0;
		nfrac = 0;
	}
	n->kind = NUM_NUMBER;
	n->decimals = nfrac;
	n->value = digits_value(digits, ndig, nfrac, neg);
	return 1;
}

enum num_kind
num_parse(const char *str, size_t len, struct number *n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k, i;
	int neg = 0;

	memset(n, 0, sizeof *n);
	while ((k = space_at(s, len)) > 0)
		s += k, len -= k;
	while ((k = space_before(s, len)) > 0)
		len -= k;
	if (len == 0)
		return n->kind = NUM_EMPTY;
	for (i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		if (len == strlen(markers[i].text) &&
		    memcmp(s, markers[i].text, len) == 0) {
			n->marker = markers[i].marker;
			return n->kind = NUM_MARKER;
		}
	}
	n->kind = NUM_TEXT;
	if (s[len - 1] == '%') {
		n->percent = 1;
		len--;
		while ((k = space_before(s, len)) > 0)
			len -= k;
	}
	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		s++, len--;
	} else if (len >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) {
		neg = 1;	/* U+2212 MINUS SIGN */
		s += 3, len -= 3;
	}
	if (!parse_body(s, len, n, neg)) {
		n->kind = NUM_TEXT;
		n->percent = 0;
		n->decimals = 0;
	}
	return n->kind;
}

void
num_format(struct buf *out, double v, int decimals)
{
	char tmp[400];
	int len, i;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 30)
		decimals = 30;
	if (!isfinite(v)) {
		buf_adds(out, v != v ? "nan" : v < 0 ? "-inf" : "inf");
		return;
	}
	len = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	if (len < 0 || (size_t)len >= sizeof tmp) {
		buf_printf(out, "%.17g", v);
		return;
	}
	if (tmp[0] == '-') {
		/* No "-0" or "-0.00": a negative zero reads as a change. */
		for (i = 1; i < len; i++)
			if (tmp[i] != '0' && tmp[i] != '.')
				break;
		if (i == len) {
			buf_add(out, tmp + 1, (size_t)len - 1);
			return;
		}
	}
	buf_add(out, tmp, (size_t)len);
}
