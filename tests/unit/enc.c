/* Unit tests: src/lib/enc.c (detection, conversion, mojibake repair). */
#include "buf.h"
#include "enc.h"
#include "unit.h"

static const char *
conv(const char *s, size_t len, enum encoding *detected)
{
	static struct buf b;
	struct enc_report rep;

	buf_clear(&b);
	if (to_utf8(&b, s, len, &rep) != 0)
		return "(failed)";
	if (detected != NULL)
		*detected = rep.detected;
	return b.data ? b.data : "";
}

int
main(void)
{
	enum encoding e;

	CHECK_STR(conv("bl\xe5 b\xe6r", 7, &e), "bl\xc3\xa5 b\xc3\xa6r");
	CHECK(e == ENC_CP1252);
	/* Windows-1252's own range: en dash, curly quotes, euro */
	CHECK_STR(conv("\x96 \x93sitat\x94 \x80", 11, NULL),
	    "\xe2\x80\x93 \xe2\x80\x9csitat\xe2\x80\x9d \xe2\x82\xac");
	/* a byte Windows-1252 leaves undefined is kept as its Latin-1 code */
	CHECK_STR(conv("a\x81z", 3, NULL), "a\xc2\x81z");
	CHECK_STR(conv("\xef\xbb\xbfhei", 6, &e), "hei");
	CHECK(e == ENC_UTF8_BOM);
	CHECK_STR(conv("\xff\xfeh\0\xf8\0", 6, &e), "h\xc3\xb8");
	CHECK(e == ENC_UTF16LE);
	CHECK_STR(conv("a\r\nb\rc\n", 7, NULL), "a\nb\nc\n");
	/* a lone surrogate and an odd last byte in UTF-16: U+FFFD each, and
	   the units after the surrogate are read in step */
	CHECK_STR(conv("\xff\xfe" "A\0" "\0\xd8" "B\0C\0" "D", 11, NULL),
	    "A\xef\xbf\xbd" "BC\xef\xbf\xbd");
	CHECK_STR(conv("\xfe\xff" "\0A" "\xdc\0" "\0B", 8, NULL),
	    "A\xef\xbf\xbd" "B");
	/* mojibake: "Tromsø – «sak»" read as Windows-1252, once and twice */
	CHECK_STR(conv("Troms\xc3\x83\xc2\xb8 \xc3\xa2\xe2\x82\xac\xe2\x80\x9c", 18, NULL),
	    "Troms\xc3\xb8 \xe2\x80\x93");
	CHECK_STR(conv("\xc3\x83\xc6\x92\xc3\x82\xc2\xb8", 8, NULL), "\xc3\xb8");
	/* "ø" misread, at every place against the eight-byte words of
	   Norwegian letters the prefilter skips */
	{
		char in[64], want[64];
		int at;

		for (at = 4; at < 16; at++) {
			snprintf(in, sizeof in, "%.*sTroms\xc3\x83\xc2\xb8 p\xc3\xa5 \xc3\xa5s",
			    at, "\xc3\xa6\xc3\xa6" "abcdefghijkl");
			snprintf(want, sizeof want, "%.*sTroms\xc3\xb8 p\xc3\xa5 \xc3\xa5s",
			    at, "\xc3\xa6\xc3\xa6" "abcdefghijkl");
			CHECK_STR(conv(in, strlen(in), NULL), want);
		}
	}
	/* NUL is not the byte 0x81 (the table's zeros mark undefined bytes):
	   "å\0\0" and "Æ\0" stay, while mojibake beside them is repaired */
	{
		static const char in[] = "\xc3\xa5\0\0 \xc3\x86\0 \xc3\x83\xc2\xb8";
		static const char want[] = "\xc3\xa5\0\0 \xc3\x86\0 \xc3\xb8";
		struct buf b = BUF_INIT;

		CHECK(to_utf8(&b, in, sizeof in - 1, NULL) == 0 &&
		    b.len == sizeof want - 1 && memcmp(b.data, want, b.len) == 0);
		buf_free(&b);
	}
	/* real Norwegian text is left alone */
	CHECK_STR(conv("\xc3\x85lesund og \xc3\x98rsta", 19, &e), "\xc3\x85lesund og \xc3\x98rsta");
	CHECK(e == ENC_UTF8);
	/* read where it is only when to_utf8 would give the same bytes */
	CHECK(utf8_as_is("\xc3\x85lesund og \xc3\x98rsta \xe2\x80\x93 2025", 27));
	CHECK(!utf8_as_is("linje\r\nto", 11));
	CHECK(!utf8_as_is("\xef\xbb\xbfhei", 6));
	CHECK(!utf8_as_is("bl\xe5", 3));
	CHECK(!utf8_as_is("\xff\xfeh\0", 4));
	CHECK(!utf8_as_is("Ulvik og Fl\xc3\x83\xc2\xa5m", 16));
	return UNIT_DONE();
}
