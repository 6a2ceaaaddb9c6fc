/* Unit tests: src/lib/text.c (cleaning, decoding, NFC). */
#include "buf.h"
#include "text.h"
#include "unit.h"

static const char *
clean(const char *s)
{
	static struct buf b;

	buf_clear(&b);
	text_clean(&b, s, strlen(s));
	return b.data ? b.data : "";
}

int
main(void)
{
	int32_t cp;
	char enc[4];

	CHECK_STR(clean("  to   ord  "), "to ord");
	CHECK_STR(clean("a\tb\nc\r\nd"), "a b c d");
	CHECK_STR(clean("nbsp\xc2\xa0og\xe2\x80\x89tynn"), "nbsp og tynn");
	CHECK_STR(clean("myk\xc2\xad" "bindestrek"), "mykbindestrek");
	CHECK_STR(clean("kontroll\x01tegn\x7f"), "kontrolltegn");
	CHECK_STR(clean("B\xc3\xa6r og s\xc3\xb8r"), "B\xc3\xa6r og s\xc3\xb8r");
	/* a + combining ring becomes å (NFC) */
	CHECK_STR(clean("Ba\xcc\x8a rdu"), "B\xc3\xa5 rdu");
	/* dashes and private-use glyphs leave the text as it is; a mark
	   after one still composes; U+212B (Angstrom sign) becomes U+00C5 */
	CHECK_STR(clean("Plan \xe2\x80\x94 \xef\x82\xa7 o\xcc\x88"),
	    "Plan \xe2\x80\x94 \xef\x82\xa7 \xc3\xb6");
	CHECK_STR(clean("\xe2\x80\x9c\xe2\x84\xab\xe2\x80\x9d"),
	    "\xe2\x80\x9c\xc3\x85\xe2\x80\x9d");
	/*
	 * Each oddity at every offset of a long run, so that it falls in
	 * every place of the 8- and 16-byte blocks the fast paths take.
	 */
	{
		static const struct { const char *in, *out; int bad; } odd[] = {
			{ "  ", " ", 0 }, { " \t", " ", 0 }, { "\x01", "", 0 },
			{ "\xc3\xb8", "\xc3\xb8", 0 }, { " \xc3\xa5 ", " \xc3\xa5 ", 0 },
			{ "\xe2\x82\xac", "\xe2\x82\xac", 0 }, { "\xc2\xa0", " ", 0 },
			{ "e\xcc\x81", "\xc3\xa9", 0 }, { "\x7f", "", 0 },
			/* invalid: a stray byte, a lone continuation, a cut letter */
			{ "\xff", "\xef\xbf\xbd", 1 }, { "\xa5", "\xef\xbf\xbd", 1 },
			{ "\xc3" "A", "\xef\xbf\xbd" "A", 1 },
		};
		const char *run = "Kommunene i regionen samarbeider om barnevernet";
		char in[160], want[160];
		size_t k, at;

		for (k = 0; k < sizeof odd / sizeof *odd; k++)
			for (at = 1; at < 40; at++) {
				snprintf(in, sizeof in, "%.*s%s%s", (int)at, run, odd[k].in,
				    run + at);
				snprintf(want, sizeof want, "%.*s%s%s", (int)at, run,
				    odd[k].out, run + at);
				/* a space met by a space-like oddity is one space */
				if (run[at - 1] == ' ' && odd[k].out[0] == ' ')
					memmove(want + at, want + at + 1, strlen(want + at));
				if (run[at] == ' ' && *odd[k].out &&
				    odd[k].out[strlen(odd[k].out) - 1] == ' ')
					memmove(want + at + strlen(odd[k].out) - 1,
					    want + at + strlen(odd[k].out),
					    strlen(want + at + strlen(odd[k].out)) + 1);
				CHECK_STR(clean(in), want);
				CHECK(utf8_valid_prefix(in, strlen(in)) ==
				    (odd[k].bad ? at : strlen(in)));
			}
	}
	/* an invalid byte becomes U+FFFD */
	CHECK_STR(clean("x\xffy"), "x\xef\xbf\xbdy");
	CHECK_STR(clean("   "), "");
	/* long runs take the eight-bytes-at-a-time path */
	CHECK_STR(clean("abcdefghijklmnop qrstuvwxyz  abcdefgh  ijklmnop "),
	    "abcdefghijklmnop qrstuvwxyz abcdefgh ijklmnop");
	CHECK_STR(clean("12345678 \t 12345678"), "12345678 12345678");
	/* letters split across an eight-byte boundary, and an Ø before a space */
	CHECK_STR(clean("abcdefg\xc3\xa5 hijklmn\xc3\xb8pq  \xc3\x98 r"),
	    "abcdefg\xc3\xa5 hijklmn\xc3\xb8pq \xc3\x98 r");
	CHECK(utf8_valid("abcdefg\xc3\xa5xyz\xc3\xa6\xc3\xb8\xc3\xa5", 18));
	CHECK(!utf8_valid("abcdefg\xc3", 8));
	CHECK(!utf8_valid("abcdef\xc3\xa5\xa5xyzwvu", 15));

	CHECK(utf8_decode("\xc3\xb8", 2, &cp) == 2 && cp == 0xF8);
	CHECK(utf8_decode("\xef\x81\xae", 3, &cp) == 3 && cp == 0xF06E);
	CHECK(utf8_decode("\xc0\xaf", 2, &cp) == 1 && cp == 0xFFFD);	/* overlong */
	CHECK(utf8_decode("\xed\xa0\x80", 3, &cp) == 1 && cp == 0xFFFD);	/* surrogate */
	CHECK(utf8_decode("\xe2\x80", 2, &cp) == 1 && cp == 0xFFFD);	/* truncated */
	CHECK(utf8_encode(0x2212, enc) == 3 && memcmp(enc, "\xe2\x88\x92", 3) == 0);
	CHECK(utf8_valid("gr\xc3\xb8nn", 6));
	CHECK(!utf8_valid("gr\xf8nn", 5));
	CHECK(utf8_valid_prefix("abcdefghij\xff", 11) == 10);
	CHECK(text_words("", 0) == 0);
	CHECK(text_words("  to  ord ", 10) == 2);
	/*
	 * Words counted and capitals folded across the eight-byte blocks:
	 * texts of every length up to 40 of spaces, letters and the bytes
	 * next to A and Z, against a byte at a time.
	 */
	{
		static const char pick[] = " xA@Z[a`z{ ";
		char t[40], want[40];
		struct buf f = BUF_INIT;
		unsigned long r = 1;
		size_t len, i;
		int k, words, in;

		for (k = 0; k < 2000; k++) {
			len = (size_t)k % sizeof t;
			words = in = 0;
			for (i = 0; i < len; i++) {
				r = r * 1103515245 + 12345;
				t[i] = pick[(r >> 16) % (sizeof pick - 1)];
				if (t[i] == ' ')
					in = 0;
				else if (!in)
					in = 1, words++;
				want[i] = t[i] >= 'A' && t[i] <= 'Z' ?
				    (char)(t[i] + 32) : t[i];
			}
			CHECK(text_words(t, len) == words);
			buf_clear(&f);
			text_fold(&f, t, len);
			CHECK(f.len == len && memcmp(f.data, want, len) == 0);
		}
		buf_free(&f);
	}
	/*
	 * text_find_word against a byte at a time: every word of a text of
	 * short words sharing prefixes, looked for from every place, so that
	 * hits fall in every place of the 16-byte blocks and past them.
	 */
	{
		static const char t[] = "x in i inn ikke i in x ix i\xc3\xa5 i\xc3\xa5r "
		    "inn i in ikke xi x in i inn ikke ix i in";
		size_t len = sizeof t - 1, from, s, wl, to, h, want;

		for (s = 0; s < len; s += wl + 1) {
			wl = strcspn(t + s, " ");
			for (from = 1; from + wl <= len; from++) {
				to = len - wl;
				want = to + 1;
				for (h = from; h <= to && want > to; h++)
					if (t[h - 1] == ' ' && memcmp(t + h, t + s, wl) == 0)
						want = h;
				CHECK(text_find_word(t, from, to, t + s, wl) == want);
				CHECK(text_find_word(t, from, from, t + s, wl) ==
				    (want == from ? from : from + 1));
			}
		}
	}
	/* text_find_byte4: each of the four at every place of every length */
	{
		static const char set[4] = { ',', '"', '\n', '\r' };
		char t[48];
		size_t len, at, k;

		for (len = 0; len <= sizeof t; len++) {
			memset(t, 'a', sizeof t);
			CHECK(text_find_byte4(t, len, set) == len);
			for (at = 0; at < len; at++)
				for (k = 0; k < 4; k++) {
					memset(t, 'a', sizeof t);
					t[at] = set[k];
					if (at + 1 < len)
						t[len - 1] = set[3 - k];
					CHECK(text_find_byte4(t, len, set) == at);
				}
		}
	}
	/*
	 * text_has_run3: a run of three in range at every place of every
	 * length (the SIMD windows and the tail), two in a row not, the
	 * range's ends in and the bytes beside them out.
	 */
	{
		char t[48];
		size_t len, at;

		for (len = 0; len <= sizeof t; len++) {
			memset(t, 'a', sizeof t);
			CHECK(!text_has_run3(t, len, 'D', ']'));
			for (at = 0; at + 3 <= len; at++) {
				memset(t, 'a', sizeof t);
				t[at] = 'D';
				t[at + 1] = ']';
				CHECK(!text_has_run3(t, len, 'D', ']'));
				t[at + 2] = 'Q';
				CHECK(text_has_run3(t, len, 'D', ']'));
				t[at + 2] = 'C';
				CHECK(!text_has_run3(t, len, 'D', ']'));
				t[at + 2] = '^';
				CHECK(!text_has_run3(t, len, 'D', ']'));
				t[at + 2] = (char)0xC4;
				CHECK(!text_has_run3(t, len, 'D', ']'));
			}
		}
	}
	/*
	 * text_next_of: the first of its bytes, at every offset of the 8-byte
	 * words it steps by, against a byte at a time; one byte alone.
	 */
	{
		const char *run = "Kommunene, i regionen; samarbeider om barnevernet";
		size_t n = strlen(run), i, j, want;

		for (i = 0; i <= n; i++) {
			for (want = i; want < n && strchr(" ,;", run[want]) == NULL;
			    want++)
				;
			CHECK(text_next_of(run, i, n, ' ', ',', ';') == want);
			for (j = i; j < n && run[j] != ';'; j++)
				;
			CHECK(text_next_of(run, i, n, ';', ';', ';') == j);
		}
		CHECK(text_next_of("ab\xc3\xa5 cd", 0, 7, 0xc3, 0xc3, 0xc3) == 2);
		CHECK(text_next_of("abc", 0, 3, ' ', ' ', ' ') == 3);
	}
	/* ASCII letters, digits and case, told without utf8proc. */
	{
		int c;

		for (c = 0; c < 0x80; c++) {
			int up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
			int dig = c >= '0' && c <= '9';

			CHECK(cp_is_upper(c) == up);
			CHECK(cp_is_lower(c) == low);
			CHECK(cp_is_letter(c) == (up || low));
			CHECK(cp_is_word(c) == (up || low || dig));
		}
		CHECK(cp_is_upper(0xC6) && cp_is_lower(0xF8) && cp_is_word(0x2075));
	}
	return UNIT_DONE();
}
