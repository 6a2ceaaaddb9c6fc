/*
 * Municipality (kommune) names in running text: a table of names and
 * codes (share/samling/municipalities/names.tsv: name, code, context, tab
 * separated, # comments) and a finder.  A name counts where it stands as
 * whole capitalised words; a name of context "kommune" (also a common
 * word: Time, Sola, Vik) counts only when "kommune" follows it, directly
 * or at the end of a list ("Vikna, Nærøy og Leka kommuner").
 */
#ifndef SAMLING_MUNINAMES_H
#define SAMLING_MUNINAMES_H

#include <stddef.h>
#include "buf.h"

struct muninames;

/* Load a table; NULL after a message naming FILE:LINE. */
struct muninames *muninames_load(const char *path);
void muninames_free(struct muninames *t);

/*
 * Append to codes the codes of the municipalities named in s[0..len)
 * (valid UTF-8), space-separated, each once, in the order named; codes
 * already in the buffer are not repeated.
 */
void muninames_find(const struct muninames *t, const char *s, size_t len,
    struct buf *codes);

#endif
