/*
 * UTF-8 text: validation, decoding, whitespace, normalisation (NFC via
 * utf8proc) and case folding.
 */
#ifndef SAMLING_TEXT_H
#define SAMLING_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "buf.h"

/*
 * Past s[i..): the blocks of 16 or 8 bytes that hold only ASCII and whole
 * Latin-1 letters (C3 80..C3 BF), Norwegian text's common case.  The
 * 8-byte block at the returned place fails the test, or runs past len.
 */
size_t utf8_latin1_blocks(const char *s, size_t i, size_t len);

/* Length of the valid UTF-8 prefix of s[0..len); == len when all valid. */
size_t utf8_valid_prefix(const char *s, size_t len);
int utf8_valid(const char *s, size_t len);

/*
 * Decode one code point at s (n bytes available).  Sets *cp; returns the
 * sequence length (1..4), or 1 with *cp = 0xFFFD for an invalid byte.
 */
int utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encode cp into out (>= 4 bytes); returns the length. */
int utf8_encode(int32_t cp, char *out);

/*
 * In clean text s (single spaces), the first word starting at or after
 * from (> 0) and at or before to whose bytes begin with w[0..wl), wl > 0:
 * its offset, or to + 1 if there is none.  Reads s up to s[to + wl - 1].
 */
size_t text_find_word(const char *s, size_t from, size_t to, const char *w,
    size_t wl);

/* The offset of the first byte of s[0..len) that is one of set[0..4), or len. */
size_t text_find_byte4(const char *s, size_t len, const char set[4]);

/* Whether three bytes in a row of s[0..len) are each from lo to hi. */
int text_has_run3(const char *s, size_t len, unsigned char lo, unsigned char hi);

/* Words of cleaned text (white space collapsed): runs between spaces. */
int text_words(const char *s, size_t n);

/*
 * Bytes of x equal to c, exactly: 0x80 in each such byte, 0 elsewhere.
 * (The plain "has zero byte" trick may mark a byte after a match too.)
 */
static inline uint64_t
text_byte_mask(uint64_t x, unsigned char c)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t y = x ^ (0x0101010101010101ULL * c);

	return ~(((y & low7) + low7) | y | low7);
}

/*
 * Where the first byte of s[i..n) that is a, b or c stands (name one
 * byte three times to look for it alone), or n: the loops that look at
 * spaces or commas only skip the rest eight bytes at a time.  Inline: it
 * is called a word, and most words are shorter than eight bytes.
 */
static inline size_t
text_next_of(const char *s, size_t i, size_t n, unsigned char a,
    unsigned char b, unsigned char c)
{
#if !defined(SAMLING_NO_SIMD) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w, m;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		m = text_byte_mask(w, a);
		if (b != a || c != a)
			m |= text_byte_mask(w, b) | text_byte_mask(w, c);
		if (m != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
#endif
	for (; i < n; i++)
		if ((unsigned char)s[i] == a || (unsigned char)s[i] == b ||
		    (unsigned char)s[i] == c)
			return i;
	return n;
}

/*
 * Whether w[0..n) is a word that begins sentences and not headings or
 * names ("Det", "Vi", "The", "A", "Mange", "Seks"): after a word that
 * ends none, one began where a site lost what was between.
 */
int text_starter_word(const char *w, size_t n);
/* Whether w[0..n) is one of the nlist words of list, every byte. */
int text_word_in(const char *w, size_t n, const char *const *list,
    size_t nlist);

/* Whether s[0..n) holds an ASCII digit. */
int text_has_digit(const char *s, size_t n);

/* Upper-case and lower-case letters (Unicode categories Lu and Ll). */
int cp_is_upper(int32_t cp);
int cp_is_lower(int32_t cp);
/* Whether s[0..n) begins with a lower-case letter. */
int text_starts_lower(const char *s, size_t n);
/* Letters (L*); letters, marks and numbers (L*, M*, N*: inside a word). */
int cp_is_letter(int32_t cp);
int cp_is_word(int32_t cp);
/*
 * Glyphs that mark a list item: bullets, squares, arrows, and the
 * private-use code points symbol fonts (Wingdings) put there.
 */
int cp_is_bullet(int32_t cp);

/* Unicode white space (incl. NBSP, thin space, ideographic space...). */
int cp_is_space(int32_t cp);

/*
 * Append s[0..len) to out with runs of white space collapsed to one
 * space, leading/trailing space dropped, control characters removed, soft
 * hyphens dropped and the result in NFC.
 */
void text_clean(struct buf *out, const char *s, size_t len);

/* NFC-normalise s[0..len) into out (appending).  s must be valid UTF-8. */
void text_nfc(struct buf *out, const char *s, size_t len);

/* Case-fold (for matching) s[0..len) into out, NFC result. */
void text_fold(struct buf *out, const char *s, size_t len);
/* The same as a new NUL-terminated string, for the caller to free. */
char *text_folded(const char *s, size_t len);

#endif
