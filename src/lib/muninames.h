/*
 * Municipality (kommune) names in running text.  The names, with their
 * Sami and Kven forms, and their codes are the municipality table's
 * (muni.h): a name stands for the codes it has in the newest list that
 * holds it.  A name counts where it stands as whole words starting with
 * a capital; a name that is also a common word (listed in
 * share/samling/municipalities/common-words.txt: Time, Sola, Vik) counts
 * only when "kommune" follows it, directly or at the end of a list
 * ("Vikna, Nærøy og Leka kommuner").
 */
#ifndef SAMLING_MUNINAMES_H
#define SAMLING_MUNINAMES_H

#include <stddef.h>
#include "buf.h"

struct muninames;

/* Load the municipality table and the common words; NULL after a message. */
struct muninames *muninames_load(void);
void muninames_free(struct muninames *t);

/*
 * Append to codes the codes of the municipalities named in s[0..len)
 * (valid UTF-8), space-separated, each once, in the order named; codes
 * already in the buffer are not repeated.
 */
void muninames_find(const struct muninames *t, const char *s, size_t len,
    struct buf *codes);

#endif
