/*
 * Word stems through libstemmer (Snowball), so that texts meet across
 * inflections and the two written Norwegians: "manglende" and
 * "manglande" both stem to "mangl".
 *
 * A stemmer is opened for one language or a comma-separated list of them
 * ("norwegian,english"); a word then goes through each in turn, so texts
 * in either language stem the same way whichever they are in.  Names are
 * libstemmer's ("norwegian", "english", or ISO 639 codes "no", "en").
 */
#ifndef SAMLING_STEM_H
#define SAMLING_STEM_H

#include <stddef.h>

struct buf;
struct stemmer;

/* NULL when a language is unknown to libstemmer (or on no memory). */
struct stemmer *stem_open(const char *langs);
void stem_close(struct stemmer *st);

/*
 * The stem of one word (UTF-8, lower case as text_fold gives it),
 * NUL-terminated, valid until the next call; its length in *stemlen.
 */
const char *stem_word(struct stemmer *st, const char *word, size_t len,
    size_t *stemlen);

/*
 * Case-fold s[0..len), split it into words (runs of letters, digits and
 * marks), and append their stems to out, one space between them.
 * Returns the number of words.
 */
size_t stem_text(struct stemmer *st, struct buf *out, const char *s,
    size_t len);

#endif
