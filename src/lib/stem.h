/*
 * Word stems through libstemmer (Snowball): Norwegian for bokmål and
 * nynorsk, English for English, so that a cue written as a stem matches
 * every inflection of the word.
 */
#ifndef SAMLING_STEM_H
#define SAMLING_STEM_H

#include <stddef.h>

struct stemmer;

/* A stemmer for a language code (nb, nn, no, en); NULL if none. */
struct stemmer *stem_open(const char *lang);
/*
 * The stem of word[0..len), lower-case UTF-8 expected.  The result stays
 * valid until the next call on the same stemmer; *outlen gets its length.
 */
const char *stem_word(struct stemmer *st, const char *word, size_t len,
    size_t *outlen);
void stem_close(struct stemmer *st);

#endif
