/*
 * UTF-8 text: validation, decoding, whitespace, normalisation (NFC via
 * utf8proc) and case folding.
 */
#ifndef SAMLING_TEXT_H
#define SAMLING_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/*
 * Is every non-ASCII byte of the 8-byte word x part of a two-byte letter
 * U+00C0..U+00FF (C3 80..C3 BF) lying wholly inside the word?  Those are
 * the Norwegian letters; with this, text with æ, ø and å stays on the
 * eight-bytes-at-a-time paths.  Little-endian only (the lead byte is the
 * lower one); elsewhere any non-ASCII byte takes the slow path.
 */
static inline int
utf8_word_latin1(uint64_t x)
{
	const uint64_t highs = 0x8080808080808080ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t hi = x & highs, y, lead, cont;

	if (hi == 0)
		return 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	y = x ^ 0xC3C3C3C3C3C3C3C3ULL;		/* bytes equal to C3 become 0 */
	lead = ~(((y & low7) + low7) | y | low7);
	y = (x & 0xC0C0C0C0C0C0C0C0ULL) ^ highs;	/* 10xxxxxx becomes 0 */
	cont = ~(((y & low7) + low7) | y | low7);
	/* a lead byte in the last place has its continuation outside */
	return (lead | cont) == hi && cont == lead << 8 && (lead >> 63) == 0;
#else
	return 0;
#endif
}

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

#endif
