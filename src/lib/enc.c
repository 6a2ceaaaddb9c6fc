/*
 * Encodings: detection, conversion to UTF-8 (iconv) and repair of
 * double-encoded UTF-8.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "buf.h"
#include "enc.h"
#include "text.h"

/*
 * Windows-1252 bytes 0x80..0x9F as code points (0 where undefined).  The
 * repair needs the reverse direction one character at a time, which is
 * cheaper from this table of 32 than from an iconv call per character.
 */
static const int32_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

const char *
encoding_name(enum encoding e)
{
	switch (e) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 with BOM";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	case ENC_CP1252: return "Windows-1252";
	}
	return "?";
}

/* The byte a code point was when UTF-8 was misread as Windows-1252. */
static int
cp1252_byte(int32_t cp)
{
	int i;

	/* ASCII is no misread byte; U+0000 would match the table's zeros */
	if (cp < 0x80)
		return -1;
	if (cp <= 0xFF)
		return (int)cp;	/* Latin-1 range, and C1 for undefined bytes */
	for (i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

size_t
repair_mojibake(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, repairs = 0;

	while (i < len) {
		unsigned char bytes[4];
		int32_t cp, cp2;
		int n, lead, need, k, b;
		size_t j;

		if ((unsigned char)s[i] < 0x80) {
			buf_addc(out, s[i++]);
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		lead = cp1252_byte(cp);
		need = lead >= 0xC2 && lead <= 0xDF ? 2 :
		    lead >= 0xE0 && lead <= 0xEF ? 3 :
		    lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
		if (need == 0)
			goto keep;
		bytes[0] = (unsigned char)lead;
		j = i + (size_t)n;
		for (k = 1; k < need; k++) {
			int m;

			if (j >= len)
				goto keep;
			m = utf8_decode(s + j, len - j, &cp2);
			b = cp1252_byte(cp2);
			if (b < 0x80 || b > 0xBF)
				goto keep;
			bytes[k] = (unsigned char)b;
			j += (size_t)m;
		}
		if (utf8_decode((const char *)bytes, (size_t)need, &cp2) != need)
			goto keep;
		buf_add(out, bytes, (size_t)need);
		repairs++;
		i = j;
		continue;
keep:
		buf_add(out, s + i, (size_t)n);
		i += (size_t)n;
	}
	return repairs;
}

size_t
normalize_newlines(char *s, size_t len)
{
	size_t i, o = 0;
	char *cr = memchr(s, '\r', len);

	if (cr == NULL)
		return len;
	o = i = (size_t)(cr - s);
	for (; i < len; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

/*
 * Convert with iconv.  What it cannot map is a byte taken as Latin-1 in a
 * one-byte encoding, and U+FFFD for a whole code unit in UTF-16 (a lone
 * surrogate, an odd last byte): stepping one byte there would misread
 * every unit after it.
 */
static int
convert(struct buf *out, const char *from, const char *in, size_t len)
{
	size_t unit = strncmp(from, "UTF-16", 6) == 0 ? 2 : 1;
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in;
	size_t il = len;

	if (cd == (iconv_t)-1)
		return -1;
	buf_reserve(out, len * 2 + 16);
	while (il > 0) {
		char *op;
		size_t ol, r;

		buf_reserve(out, il * 3 + 16);
		op = out->data + out->len;
		ol = out->cap - out->len - 1;
		r = iconv(cd, &ip, &il, &op, &ol);
		out->len = (size_t)(op - out->data);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EILSEQ || errno == EINVAL) {
			char tmp[4];
			size_t step = unit < il ? unit : il;

			buf_add(out, tmp, (size_t)utf8_encode(unit == 2 ? 0xFFFD :
			    (unsigned char)*ip, tmp));
			ip += step, il -= step;
			continue;
		}
		iconv_close(cd);
		return -1;
	}
	out->data[out->len] = '\0';
	iconv_close(cd);
	return 0;
}

/*
 * Could s hold mojibake at all?  A misread lead byte is a character
 * U+00C2..U+00F4 (bytes C3 82..C3 B4) followed by one that stands for a
 * continuation byte: U+0080..U+00BF (C2 xx) or a Windows-1252 special
 * (E2 xx xx, C5 xx, C6 92, CB xx).  That second character's lead is never
 * C3 and never a letter's, so an eight-byte word of ASCII and Latin-1
 * letters (utf8_latin1_blocks) holds no whole sequence: text with æ, ø and
 * å is passed over eight bytes at a time, and only words that fail are
 * looked at closely, with the two bytes before them where a sequence may
 * have begun.
 */
static int
mojibake_at(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 && p[0] == 0xC3 && p[1] >= 0x82 && p[1] <= 0xB4 &&
	    (p[2] == 0xC2 || p[2] == 0xE2 || p[2] == 0xC5 || p[2] == 0xC6 ||
	    p[2] == 0xCB);
}

static int
may_hold_mojibake(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s, *end, *p;
	size_t i = 0;

	if (len == 0)
		return 0;
	end = u + len;
	for (;;) {
		i = utf8_latin1_blocks(s, i, len);
		p = u + (i >= 2 ? i - 2 : 0);
		for (; p < u + i + 8 && p < end; p++)
			if (mojibake_at(p, end))
				return 1;
		if (i + 8 >= len)
			return 0;
		i += 8;
	}
}

/*
 * utf8_valid() and may_hold_mojibake() in one scan (*moji set), for text
 * read whole: where the blocks of Latin-1 letters stop, the eight bytes
 * are looked at for mojibake as above and decoded a character at a time.
 */
static int
valid_utf8_moji(const char *s, size_t len, int *moji)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + len, *p;
	size_t i = 0, stop;

	*moji = 0;
	while ((i = utf8_latin1_blocks(s, i, len)) < len) {
		stop = i + 8 < len ? i + 8 : len;
		for (p = u + (i >= 2 ? i - 2 : 0); !*moji && p < u + stop; p++)
			*moji = mojibake_at(p, end);
		/* (the last character may end past stop) */
		while (i < stop) {
			int32_t cp;
			int n = utf8_decode(s + i, len - i, &cp);

			if (cp == 0xFFFD && n == 1)
				return 0;
			i += (size_t)n;
		}
	}
	return 1;
}

static int convert_utf8(struct buf *out, const char *in, size_t len,
    struct enc_report *rep, int repair);

int
utf8_as_is(const char *in, size_t len)
{
	int moji;

	/* (the bytes of a UTF-16 byte order mark are no valid UTF-8) */
	return memchr(in, '\r', len) == NULL &&
	    !(len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) &&
	    valid_utf8_moji(in, len, &moji) && !moji;
}

int
to_utf8(struct buf *out, const char *in, size_t len, struct enc_report *rep)
{
	return convert_utf8(out, in, len, rep, 1);
}

int
to_utf8_exact(struct buf *out, const char *in, size_t len, struct enc_report *rep)
{
	return convert_utf8(out, in, len, rep, 0);
}

int
to_utf8_exact_buf(struct buf *b, struct enc_report *rep)
{
	struct buf out = BUF_INIT;
	const unsigned char *u = (const unsigned char *)b->data;

	/* Clean UTF-8 with Unix line ends, as to_utf8_exact() takes it. */
	if (b->len > 0 && !(b->len >= 2 && (u[0] == 0xFF || u[0] == 0xFE)) &&
	    !(b->len >= 3 && memcmp(b->data, "\xef\xbb\xbf", 3) == 0) &&
	    memchr(b->data, '\r', b->len) == NULL && utf8_valid(b->data, b->len)) {
		if (rep != NULL) {
			memset(rep, 0, sizeof *rep);
			rep->detected = ENC_UTF8;
		}
		return 0;
	}
	if (to_utf8_exact(&out, b->data ? b->data : "", b->len, rep) != 0) {
		buf_free(&out);
		return -1;
	}
	buf_free(b);
	*b = out;
	return 0;
}

static int
convert_utf8(struct buf *out, const char *in, size_t len,
    struct enc_report *rep, int repair)
{
	struct enc_report dummy;
	struct buf tmp = BUF_INIT;
	const unsigned char *u = (const unsigned char *)in;
	size_t pass;
	int moji;

	if (rep == NULL)
		rep = &dummy;
	memset(rep, 0, sizeof *rep);
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		rep->detected = ENC_UTF16LE;
		if (convert(&tmp, "UTF-16LE", in + 2, len - 2) != 0) {
			buf_free(&tmp);
			return -1;
		}
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		rep->detected = ENC_UTF16BE;
		if (convert(&tmp, "UTF-16BE", in + 2, len - 2) != 0) {
			buf_free(&tmp);
			return -1;
		}
	} else if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0 &&
	    utf8_valid(in + 3, len - 3)) {
		rep->detected = ENC_UTF8_BOM;
		buf_add(&tmp, in + 3, len - 3);
	} else if (valid_utf8_moji(in, len, &moji)) {
		rep->detected = ENC_UTF8;
		/* The common case, clean UTF-8 with Unix line ends: one copy. */
		if ((!repair || !moji) &&
		    memchr(in, '\r', len) == NULL) {
			buf_add(out, in, len);
			return 0;
		}
		buf_add(&tmp, in, len);
	} else {
		rep->detected = ENC_CP1252;
		if (convert(&tmp, "WINDOWS-1252", in, len) != 0) {
			buf_free(&tmp);
			return -1;
		}
	}
	/* Text double-encoded twice over takes two passes. */
	for (pass = 0; pass < 3 && repair; pass++) {
		struct buf fixed = BUF_INIT;
		size_t n;

		if (!may_hold_mojibake(tmp.data, tmp.len))
			break;
		n = repair_mojibake(&fixed, tmp.data, tmp.len);
		if (n == 0) {
			buf_free(&fixed);
			break;
		}
		rep->repaired += n;
		buf_free(&tmp);
		tmp = fixed;
	}
	if (tmp.len >= 3 && memcmp(tmp.data, "\xef\xbb\xbf", 3) == 0) {
		memmove(tmp.data, tmp.data + 3, tmp.len - 3);
		tmp.len -= 3;
	}
	if (tmp.len > 0)
		tmp.len = normalize_newlines(tmp.data, tmp.len);
	buf_add(out, tmp.data, tmp.len);
	buf_free(&tmp);
	return 0;
}
