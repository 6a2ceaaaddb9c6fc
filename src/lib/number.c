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

#define MAX_DIGITS NUM_MAX_DIGITS

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
	memcpy(n->digits, digits, (size_t)ndig);
	n->ndig = ndig;
	n->neg = neg;
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

/*
 * The magnitude of n scaled to `scale` decimals, as digits without
 * leading zeros, into d (room for MAX_DIGITS * 2); returns how many.
 */
static int
scaled(const struct number *n, int scale, char *d)
{
	int i, len = n->ndig;

	memcpy(d, n->digits, (size_t)n->ndig);
	for (i = n->decimals; i < scale; i++)
		d[len++] = '0';
	for (i = 0; i < len && d[i] == '0'; i++)
		;
	memmove(d, d + i, (size_t)(len - i));
	return len - i;
}

/* Compare magnitudes (no leading zeros). */
static int
mag_cmp(const char *a, int na, const char *b, int nb)
{
	int c;

	if (na != nb)
		return na < nb ? -1 : 1;
	c = memcmp(a, b, (size_t)na);
	return c < 0 ? -1 : c > 0;
}

/* r = a + b or a - b (a >= b), right-aligned in r[0..size); returns start. */
static int
mag_op(const char *a, int na, const char *b, int nb, int sub, char *r, int size)
{
	int i = na - 1, j = nb - 1, k = size, carry = 0;

	while (i >= 0 || j >= 0 || carry) {
		int x = (i >= 0 ? a[i] - '0' : 0), y = (j >= 0 ? b[j] - '0' : 0), v;

		v = sub ? x - y - carry : x + y + carry;
		carry = sub ? v < 0 : v > 9;
		if (sub && v < 0)
			v += 10;
		else if (!sub && v > 9)
			v -= 10;
		r[--k] = (char)('0' + v);
		i--, j--;
	}
	if (k == size)
		r[--k] = '0';
	while (k < size - 1 && r[k] == '0')
		k++;
	return k;
}

int
num_sub(struct buf *out, const struct number *a, const struct number *b)
{
	char da[MAX_DIGITS * 2], db[MAX_DIGITS * 2], r[MAX_DIGITS * 2 + 2];
	int scale = a->decimals > b->decimals ? a->decimals : b->decimals;
	int na = scaled(a, scale, da), nb = scaled(b, scale, db);
	int size = (int)sizeof r, k, neg, c, len;

	if (a->neg == b->neg) {
		/* b - a = sign(b) (|b| - |a|) */
		c = mag_cmp(db, nb, da, na);
		if (c >= 0)
			k = mag_op(db, nb, da, na, 1, r, size), neg = b->neg;
		else
			k = mag_op(da, na, db, nb, 1, r, size), neg = !b->neg;
	} else {
		c = 1;
		k = mag_op(db, nb, da, na, 0, r, size);
		neg = b->neg;
	}
	len = size - k;
	if (len == 1 && r[k] == '0')
		c = 0, neg = 0;
	if (out != NULL) {
		if (neg)
			buf_addc(out, '-');
		if (len <= scale) {
			buf_adds(out, "0.");
			for (; len < scale; len++)
				buf_addc(out, '0');
			buf_add(out, r + k, (size_t)(size - k));
		} else {
			buf_add(out, r + k, (size_t)(len - scale));
			if (scale > 0) {
				buf_addc(out, '.');
				buf_add(out, r + size - scale, (size_t)scale);
			}
		}
	}
	if (c == 0)
		return 0;
	return neg ? -1 : 1;
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
