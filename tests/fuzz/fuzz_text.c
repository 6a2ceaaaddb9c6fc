/*
 * Fuzz target: the UTF-8 scans of text.c and the encoding repair of enc.c,
 * each against a slow reference written here and against itself built
 * without SIMD.  Every input is taken twice: as raw bytes, and as indices
 * into a small alphabet of tokens (letters, spaces, Norwegian letters, cut
 * and stray UTF-8, combining marks, mojibake, CRLF, NUL...), whose lengths
 * of one to eight bytes put each oddity at every place of the 8- and
 * 16-byte blocks the fast paths take.  Checked:
 *
 *   1. text_clean equals ref_clean: one code point at a time, then NFC of
 *      the whole with utf8proc; text_nfc equals utf8proc; a clean text
 *      stays as it is when cleaned again.
 *   2. utf8_valid_prefix equals a validator written from the Unicode
 *      standard's table of well-formed sequences (Table 3-7), utf8_decode
 *      agrees with it at every byte, and utf8_latin1_blocks keeps the
 *      promise text.h makes (in both builds: they may rightly stop at
 *      different places, as a letter across the middle of a 16-byte block
 *      passes whole but fails as two halves).
 *   3. The SIMD build agrees with the portable one.  text.c and enc.c are
 *      compiled a second time into this file, below, with SAMLING_NO_SIMD
 *      and their public names given a portable_ prefix by macros; the
 *      library linked as usual is the SIMD build.  One binary compares
 *      both, and a new public function in either file that is not renamed
 *      here is a duplicate symbol at link time, not a silent gap.
 *   4. to_utf8 returns valid UTF-8 without CR; on valid UTF-8 it gives what
 *      repairing without the mojibake prefilter gives (the prefilter may
 *      only skip text that has nothing to repair); and a document gives
 *      the same bytes as UTF-8, UTF-8 with BOM, UTF-16LE and UTF-16BE, as
 *      enc.h promises.
 *
 * A failure prints the input and both results (C escapes) and aborts;
 * build.sh's run hides the message, so run the binary on the crash file.
 *
 * sources:
 * seeds: tests/ingest/fixtures share/samling/examples
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "enc.h"
#include "text.h"

/*
 * The portable build of text.c and enc.c, as if compiled with
 * -DSAMLING_NO_SIMD -Dtext_clean=portable_text_clean and so on.
 */
#define SAMLING_NO_SIMD 1
#define utf8_latin1_blocks portable_utf8_latin1_blocks
#define utf8_valid_prefix portable_utf8_valid_prefix
#define utf8_valid portable_utf8_valid
#define utf8_decode portable_utf8_decode
#define utf8_encode portable_utf8_encode
#define cp_is_space portable_cp_is_space
#define cp_is_upper portable_cp_is_upper
#define cp_is_lower portable_cp_is_lower
#define text_starts_lower portable_text_starts_lower
#define text_clean portable_text_clean
#define text_nfc portable_text_nfc
#define text_fold portable_text_fold
#define text_folded portable_text_folded
#define text_words portable_text_words
#define text_has_digit portable_text_has_digit
#define text_starter_word portable_text_starter_word
#define text_word_in portable_text_word_in
#define encoding_name portable_encoding_name
#define repair_mojibake portable_repair_mojibake
#define normalize_newlines portable_normalize_newlines
#define to_utf8 portable_to_utf8
#define to_utf8_exact portable_to_utf8_exact
#define to_utf8_exact_buf portable_to_utf8_exact_buf
#define cp_is_letter portable_cp_is_letter
#define cp_is_word portable_cp_is_word
#define cp_is_bullet portable_cp_is_bullet
#define text_find_word portable_text_find_word
#define text_find_byte4 portable_text_find_byte4
#define text_has_run3 portable_text_has_run3
#define utf8_as_is portable_utf8_as_is
/* text.h's inline functions, defined again by it below */
#define text_byte_mask portable_text_byte_mask
#define text_next_of portable_text_next_of
/* text.h again, for the portable_ prototypes; enc.h defines types and
   cannot be read twice, so its functions are declared by hand. */
#undef SAMLING_TEXT_H
#include "text.h"
const char *encoding_name(enum encoding e);
size_t repair_mojibake(struct buf *out, const char *s, size_t len);
size_t normalize_newlines(char *s, size_t len);
int to_utf8(struct buf *out, const char *in, size_t len, struct enc_report *rep);
int utf8_as_is(const char *in, size_t len);
#include "text.c"
#include "enc.c"
#undef utf8_latin1_blocks
#undef utf8_valid_prefix
#undef utf8_valid
#undef utf8_decode
#undef utf8_encode
#undef cp_is_space
#undef text_clean
#undef text_nfc
#undef text_fold
#undef encoding_name
#undef repair_mojibake
#undef normalize_newlines
#undef to_utf8
#undef SAMLING_NO_SIMD

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The token alphabet, with lengths for the sake of NUL. */
static const struct token { const char *s; size_t len; } tokens[] = {
	{ "a", 1 }, { "e", 1 }, { "o", 1 }, { "Z", 1 }, { "1", 1 }, { ".", 1 },
	{ "Kommune", 7 }, { " ", 1 }, { " ", 1 }, { "  ", 2 }, { "\t", 1 },
	{ "\n", 1 }, { "\r\n", 2 }, { "\r", 1 }, { "\0", 1 }, { "\x01", 1 },
	{ "\x7f", 1 },
	{ "\xc3\xa5", 2 }, { "\xc3\xb8", 2 }, { "\xc3\x86", 2 }, { "\xc3\xbf", 2 },
	{ "\xc3", 1 }, { "\x80", 1 }, { "\xa5", 1 }, { "\xbf", 1 }, { "\xff", 1 },
	{ "\xe2\x80", 2 }, { "\xed\xa0\x80", 3 }, { "\xf0\x9f\x98\x80", 4 },
	{ "\xc2\xa0", 2 }, { "\xc2\xad", 2 }, { "\xc2\x85", 2 }, { "\xc2\x9f", 2 },
	{ "\xe2\x80\x89", 3 }, { "\xe2\x80\x8d", 3 }, { "\xe2\x81\xa0", 3 },
	{ "\xef\xbb\xbf", 3 }, { "\xe2\x80\x94", 3 }, { "\xef\x82\xa7", 3 },
	{ "\xcc\x88", 2 }, { "\xcc\x8a", 2 }, { "\xcc\xa3", 2 }, { "e\xcc\x81", 3 },
	{ "\xe2\x84\xab", 3 }, { "\xe1\x84\x80", 3 }, { "\xe1\x85\xa1", 3 },
	{ "\xe1\x86\xa8", 3 }, { "\xea\xb0\x80", 3 },
	/* mojibake: ø, å and – misread once, ø misread twice, € */
	{ "\xc3\x83\xc2\xb8", 4 }, { "\xc3\x83\xc2\xa5", 4 },
	{ "\xc3\xa2\xe2\x82\xac\xe2\x80\x9c", 7 }, { "\xc3\x83\xc6\x92\xc3\x82\xc2\xb8", 8 },
	{ "\xe2\x82\xac", 3 },
	/* UTF-16 byte order marks, for to_utf8 when they come first */
	{ "\xff\xfe", 2 }, { "\xfe\xff", 2 },
};

/* Print s[0..len) as a C string, cut short when long. */
static void
put_escaped(const char *label, const char *s, size_t len)
{
	size_t i;
	int hex = 0;

	fprintf(stderr, "%s (%zu bytes): \"", label, len);
	for (i = 0; i < len && i < 400; i++) {
		unsigned char c = (unsigned char)s[i];

		/* a hex escape swallows the hex digits after it: break the string */
		if (hex && c < 0x80 && isxdigit(c))
			fputs("\" \"", stderr);
		hex = 0;
		if (c == '\\' || c == '"')
			fprintf(stderr, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c), hex = 1;
	}
	fprintf(stderr, "\"%s\n", i < len ? " ..." : "");
}

static void
fail(const char *what, const char *in, size_t inlen, const char *got,
    size_t gotlen, const char *want, size_t wantlen)
{
	fprintf(stderr, "fuzz_text: %s\n", what);
	put_escaped("input", in, inlen);
	if (got != NULL)
		put_escaped("got", got, gotlen);
	if (want != NULL)
		put_escaped("want", want, wantlen);
	abort();
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/*
 * The well-formed sequence at s, by Table 3-7 of the Unicode standard:
 * its length with *cp set, or 0 when s[0] starts none.
 */
static int
ref_sequence(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xBF;	/* the second byte's range */
	int len, k;
	int32_t c;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xE0)
		lo = 0xA0;		/* overlong */
	else if (s[0] == 0xED)
		hi = 0x9F;		/* surrogates */
	else if (s[0] == 0xF0)
		lo = 0x90;		/* overlong */
	else if (s[0] == 0xF4)
		hi = 0x8F;		/* past U+10FFFF */
	if (n < (size_t)len || s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	c = s[0] & (0x7F >> len);
	for (k = 1; k < len; k++)
		c = (c << 6) | (s[k] & 0x3F);
	*cp = c;
	return len;
}

static size_t
ref_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	int n;

	while (i < len && (n = ref_sequence(s + i, len - i, &cp)) > 0)
		i += (size_t)n;
	return i;
}

/* What text_clean drops (white space is looked at first). */
static int
ref_dropped(int32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060;
}

static int
ref_space(int32_t cp)
{
	return cp_is_space(cp) || cp == ' ' || (cp >= '\t' && cp <= '\r');
}

/* NFC of valid UTF-8, straight from utf8proc. */
static void
ref_nfc(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (len == 0)
		return;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		fail("utf8proc refused valid UTF-8", s, len, NULL, 0, NULL, 0);
	buf_add(out, nfc, (size_t)n);
	free(nfc);
}

/*
 * text_clean the slow way: each code point is white space (one space
 * between words, none at the ends), dropped, or kept; an invalid byte is
 * U+FFFD.  raw gets the text before NFC, out the result.
 */
static void
ref_clean(struct buf *out, struct buf *raw, const char *s, size_t len)
{
	size_t i;
	int pending = 0;

	for (i = 0; i < len;) {
		char enc[4];
		int32_t cp;
		int n = ref_sequence(s + i, len - i, &cp);

		if (n == 0)
			cp = 0xFFFD, n = 1;
		i += (size_t)n;
		if (ref_space(cp)) {
			pending = raw->len > 0;
		} else if (!ref_dropped(cp)) {
			if (pending)
				buf_addc(raw, ' ');
			pending = 0;
			buf_add(raw, enc, (size_t)utf8_encode(cp, enc));
		}
	}
	ref_nfc(out, raw->data, raw->len);
}

/* Is every byte of s[0..len) ASCII or part of a whole C3 80..C3 BF? */
static int
ref_latin1(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] != 0xC3 || i + 1 == len || (s[i + 1] & 0xC0) != 0x80)
			return 0;
		i++;
	}
	return 1;
}

/* text.h: whole blocks of ASCII and Latin-1 letters, then a block that
   fails or runs past the end. */
static void
check_blocks(const char *what, const char *s, size_t i, size_t len, size_t r)
{
	if (r < i || r > len || (r - i) % 8 != 0 || !ref_latin1(s + i, r - i) ||
	    (r + 8 <= len && ref_latin1(s + r, 8)))
		fail(what, s, len, NULL, 0, NULL, 0);
}

/* Checks 1 to 3 on text. */
static void
check_text(const char *s, size_t len)
{
	struct buf want = BUF_INIT, raw = BUF_INIT, got = BUF_INIT;
	struct buf port = BUF_INIT, again = BUF_INIT, nfc = BUF_INIT;
	static const char prefix[] = "prefix ";
	size_t i, valid = ref_valid_prefix(s, len);

	/* decoding, byte by byte, in both builds */
	for (i = 0; i < len; i++) {
		char enc[4];
		int32_t cp = -1, rcp = -1, pcp = -1;
		int n = utf8_decode(s + i, len - i, &cp);
		int rn = ref_sequence(s + i, len - i, &rcp);

		if (rn == 0)
			rn = 1, rcp = 0xFFFD;
		if (n != rn || cp != rcp)
			fail("utf8_decode differs from Table 3-7", s + i, len - i,
			    NULL, 0, NULL, 0);
		if (portable_utf8_decode(s + i, len - i, &pcp) != n || pcp != cp)
			fail("portable utf8_decode differs", s + i, len - i, NULL, 0, NULL, 0);
		if (rcp != 0xFFFD && (utf8_encode(cp, enc) != n || memcmp(enc, s + i, (size_t)n)))
			fail("utf8_encode does not give the bytes back", s + i,
			    (size_t)n, enc, 4, NULL, 0);
	}

	if (utf8_valid_prefix(s, len) != valid || utf8_valid(s, len) != (valid == len))
		fail("utf8_valid_prefix differs from the reference", s, len, NULL, 0, NULL, 0);
	if (portable_utf8_valid_prefix(s, len) != valid ||
	    portable_utf8_valid(s, len) != (valid == len))
		fail("portable utf8_valid_prefix differs from the reference", s, len,
		    NULL, 0, NULL, 0);
	for (i = 0; i < 8 && i <= len; i++) {
		check_blocks("utf8_latin1_blocks", s, i, len, utf8_latin1_blocks(s, i, len));
		check_blocks("portable utf8_latin1_blocks", s, i, len,
		    portable_utf8_latin1_blocks(s, i, len));
	}

	/* text_has_run3 against a byte at a time, in both builds */
	{
		size_t k;
		int run = 0, want3;

		for (k = 0; k < len && run < 3; k++)
			run = s[k] >= 'D' && s[k] <= ']' ? run + 1 : 0;
		want3 = run >= 3;
		if (text_has_run3(s, len, 'D', ']') != want3 ||
		    portable_text_has_run3(s, len, 'D', ']') != want3)
			fail("text_has_run3 differs from a byte at a time", s, len,
			    NULL, 0, NULL, 0);
	}
	ref_clean(&want, &raw, s, len);
	text_clean(&got, s, len);
	if (!same(got.data, got.len, want.data, want.len))
		fail("text_clean differs from the reference", s, len, got.data, got.len,
		    want.data, want.len);
	/* the portable build, appending to text already in the buffer */
	buf_adds(&port, prefix);
	portable_text_clean(&port, s, len);
	if (port.len < sizeof prefix - 1 || memcmp(port.data, prefix, sizeof prefix - 1) ||
	    !same(port.data + sizeof prefix - 1, port.len - (sizeof prefix - 1),
	    got.data, got.len))
		fail("portable text_clean after a prefix differs", s, len, port.data,
		    port.len, got.data, got.len);
	text_clean(&again, got.data, got.len);
	if (!same(again.data, again.len, got.data, got.len))
		fail("text_clean changes its own output", got.data, got.len, again.data,
		    again.len, got.data, got.len);
	/* text_nfc passes text without bytes >= CC by: it must be NFC */
	text_nfc(&nfc, raw.data, raw.len);
	if (!same(nfc.data, nfc.len, want.data, want.len))
		fail("text_nfc differs from utf8proc", raw.data, raw.len, nfc.data,
		    nfc.len, want.data, want.len);
	buf_free(&want);
	buf_free(&raw);
	buf_free(&got);
	buf_free(&port);
	buf_free(&again);
	buf_free(&nfc);
}

/*
 * to_utf8 on valid UTF-8 without a BOM, without the prefilter: repair
 * until nothing changes (three passes at most), drop a BOM the repair
 * made, then the line ends.
 */
static void
ref_to_utf8(struct buf *out, const char *s, size_t len)
{
	struct buf tmp = BUF_INIT;
	int pass;

	buf_add(&tmp, s, len);
	for (pass = 0; pass < 3; pass++) {
		struct buf fixed = BUF_INIT;

		if (repair_mojibake(&fixed, tmp.data, tmp.len) == 0) {
			buf_free(&fixed);
			break;
		}
		buf_free(&tmp);
		tmp = fixed;
	}
	if (tmp.len >= 3 && memcmp(tmp.data, "\xef\xbb\xbf", 3) == 0)
		buf_add(out, tmp.data + 3, normalize_newlines(tmp.data + 3, tmp.len - 3));
	else
		buf_add(out, tmp.data, normalize_newlines(tmp.data, tmp.len));
	buf_free(&tmp);
}

/* doc (valid UTF-8) as UTF-16 with a byte order mark. */
static void
utf16(struct buf *out, const char *doc, size_t len, int big)
{
	size_t i;

	buf_add(out, big ? "\xfe\xff" : "\xff\xfe", 2);
	for (i = 0; i < len;) {
		int32_t cp;
		uint16_t u[2];
		int n = ref_sequence(doc + i, len - i, &cp), k, units = 1;

		i += (size_t)n;
		if (cp >= 0x10000) {
			u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
			u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
			units = 2;
		} else {
			u[0] = (uint16_t)cp;
		}
		for (k = 0; k < units; k++) {
			buf_addc(out, big ? u[k] >> 8 : u[k] & 0xFF);
			buf_addc(out, big ? u[k] & 0xFF : u[k] >> 8);
		}
	}
}

/* Check 4. */
static void
check_to_utf8(const char *s, size_t len)
{
	struct buf got = BUF_INIT, port = BUF_INIT, want = BUF_INIT, form = BUF_INIT;
	const char *doc;
	size_t doclen;
	int k;

	if (to_utf8(&got, s, len, NULL) != 0)
		fail("to_utf8 failed", s, len, NULL, 0, NULL, 0);
	if (ref_valid_prefix(got.data, got.len) != got.len ||
	    (got.len > 0 && memchr(got.data, '\r', got.len) != NULL))
		fail("to_utf8 gives invalid UTF-8 or a CR", s, len, got.data, got.len,
		    NULL, 0);
	if (portable_to_utf8(&port, s, len, NULL) != 0 ||
	    !same(port.data, port.len, got.data, got.len))
		fail("portable to_utf8 differs", s, len, port.data, port.len, got.data,
		    got.len);
	if (ref_valid_prefix(s, len) == len) {
		size_t bom = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

		ref_to_utf8(&want, s + bom, len - bom);
		if (!same(got.data, got.len, want.data, want.len))
			fail("to_utf8 differs from repair without the prefilter", s, len,
			    got.data, got.len, want.data, want.len);
		buf_clear(&want);
		doc = s, doclen = len;
	} else {
		doc = got.data, doclen = got.len;
	}
	/* the document in other forms; its first U+FEFF would be a BOM */
	if (doclen >= 3 && memcmp(doc, "\xef\xbb\xbf", 3) == 0)
		goto out;
	if (to_utf8(&want, doc, doclen, NULL) != 0)
		fail("to_utf8 failed", doc, doclen, NULL, 0, NULL, 0);
	for (k = 0; k < 3; k++) {
		struct buf b = BUF_INIT;

		buf_clear(&form);
		if (k == 0) {
			buf_add(&form, "\xef\xbb\xbf", 3);
			buf_add(&form, doc, doclen);
		} else {
			utf16(&form, doc, doclen, k == 2);
		}
		if (to_utf8(&b, form.data, form.len, NULL) != 0 ||
		    !same(b.data, b.len, want.data, want.len))
			fail(k == 0 ? "to_utf8: UTF-8 with BOM differs" : k == 1 ?
			    "to_utf8: UTF-16LE differs" : "to_utf8: UTF-16BE differs",
			    doc, doclen, b.data, b.len, want.data, want.len);
		buf_free(&b);
	}
out:
	buf_free(&got);
	buf_free(&port);
	buf_free(&want);
	buf_free(&form);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf tok = BUF_INIT;
	size_t i;

	check_text((const char *)data, size);
	check_to_utf8((const char *)data, size);
	for (i = 0; i < size; i++) {
		const struct token *t = &tokens[data[i] % (sizeof tokens / sizeof *tokens)];

		buf_add(&tok, t->s, t->len);
	}
	/* (an empty buffer's data is NULL: pass "" instead) */
	check_text(tok.len > 0 ? tok.data : "", tok.len);
	check_to_utf8(tok.len > 0 ? tok.data : "", tok.len);
	buf_free(&tok);
	return 0;
}
