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

/* Words of cleaned text (white space collapsed): runs between spaces. */
int text_words(const char *s, size_t n);

/* Whether s[0..n) holds an ASCII digit. */
int text_has_digit(const char *s, size_t n);

/* Upper-case and lower-case letters (Unicode categories Lu and Ll). */
int cp_is_upper(int32_t cp);
int cp_is_lower(int32_t cp);
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
