/*
 * Words a PDF's embedded font gave as glyph numbers, not characters, as
 * document-sharing sites print them: "0nOVHWWLQJ" for "Målsetting",
 * "5HVXOWDWPnO" for "Resultatmål".  Such a font numbers its glyphs in
 * the standard Macintosh order (TrueType's 'post' table), which puts
 * the printable ASCII characters 29 places lower (space is glyph 3) and
 * å, Å, ø after them (110, 99, 161); the site then printed each glyph
 * number as the character of that code.  No library reads this back:
 * it is a fault of the text, not an encoding.
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "text.h"

#define SHIFT 29	/* glyph 3 is the space, 0x20 */
#define MIN_WORDS 2	/* in a block, for any to be read */
#define MIN_LETTERS 5	/* a shorter word is left as it stands ("(IKT") */
#define PAREN_BYTES 80	/* a parenthesis of acronyms closes within this */

/* What glyph c (one byte, or U+00A1 as 0) stands for, or -1. */
static int32_t
glyph_cp(unsigned char c)
{
	switch (c) {
	case 'n':
		return 0xE5;	/* å */
	case 'c':
		return 0xC5;	/* Å */
	case 0:
		return 0xF8;	/* ø, glyph 161: U+00A1 */
	}
	/* Letters only: their digits and punctuation fall on controls. */
	if ((c >= 0x24 && c <= 0x3D) || (c >= 0x44 && c <= 0x5D))
		return c + SHIFT;
	return -1;
}

/* The glyph at s (its byte, 0 for U+00A1) and its length, or -1. */
static int
glyph_at(const char *s, size_t len, size_t *n)
{
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA1) {
		*n = 2;
		return 0;
	}
	*n = 1;
	/* A NUL byte is no ø: 0 is how U+00A1 is told here. */
	return s[0] != '\0' && glyph_cp((unsigned char)s[0]) >= 0 ?
	    (unsigned char)s[0] : -1;
}

/*
 * Whether s[0..len) is a word of glyphs, and surely one: a capital from
 * a digit or a sign ("0", "2", "$", ",") before lower-case letters, or
 * an å or ø among them ("nOVHWWLQJ"), with a vowel in every four
 * letters.  A word of capitals ("NAV", "IKT") is a word as it stands.
 */
static int
glyph_word(const char *s, size_t len)
{
	size_t i, n;
	int g, letters = 0, vowels = 0, sure = 0;
	int32_t cp;

	for (i = 0; i < len; i += n) {
		if ((g = glyph_at(s + i, len - i, &n)) < 0)
			return 0;
		cp = glyph_cp((unsigned char)g);
		if (i > 0 && !cp_is_lower(cp))
			return 0;	/* a capital inside a word */
		letters++;
		if (cp >= 0x80 || strchr("aeiouyAEIOUY", (int)cp) != NULL)
			vowels++;	/* (å, Å, ø beyond ASCII) */
		/* an å or ø, or a capital from a digit, a sign or 'c' (Å) */
		if (cp == 0xE5 || cp == 0xF8 || (cp_is_upper(cp) &&
		    (g < 'A' || g > 'Z')))
			sure = 1;
	}
	return sure && letters >= MIN_LETTERS && vowels * 4 >= letters;
}

/*
 * Whether the word at s[i] opens parentheses that close within a few
 * words: "(UNDP, UNICEF)", "(UNDP and WHO)" hold acronyms, though "(" is
 * the glyph of E and "(UNDP" reads "Erkam".  A font's words print no ")".
 */
static int
in_parentheses(const char *s, size_t len, size_t i)
{
	size_t k;

	if (s[i] != '(')
		return 0;
	for (k = i + 1; k < len && k - i <= PAREN_BYTES && s[k] != '('; k++)
		if (s[k] == ')')
			return 1;
	return 0;
}

/* Length of the word at s[i] without the stops after it ("9HGOHJJ."). */
static size_t
word_end(const char *s, size_t len, size_t i, size_t *stop)
{
	size_t e = i;

	while (e < len && s[e] != ' ')
		e++;
	*stop = e;
	while (*stop > i && strchr(".,:;", s[*stop - 1]) != NULL)
		(*stop)--;
	return e;
}

int
unshift_glyphs(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, e, stop, n, k, done = 0;
	int words = 0;

	/*
	 * A word of glyphs has three lower-case glyphs (D to ]) in a row:
	 * most text has no such run of capitals and is passed over at once.
	 */
	if (!text_has_run3(s, len, 0x44, 0x5D))
		return 0;
	while (i < len) {
		e = word_end(s, len, i, &stop);
		if (stop > i && glyph_word(s + i, stop - i) &&
		    !in_parentheses(s, len, i)) {
			if (words++ == 0)
				buf_clear(out);
			buf_add(out, s + done, i - done);
			for (k = i; k < stop; k += n) {
				char u[4];

				buf_add(out, u, (size_t)utf8_encode(glyph_cp(
				    (unsigned char)glyph_at(s + k, stop - k, &n)), u));
			}
			done = stop;
		}
		i = e + 1;
	}
	/* One such word alone may be an acronym ("(SKOLE"): two are a font. */
	if (words < MIN_WORDS)
		return 0;
	buf_add(out, s + done, len - done);
	return words;
}
