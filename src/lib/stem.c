/* Word stems: a thin wrapper of libstemmer, the one place that calls it. */
#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stem.h"

struct stemmer {
	struct sb_stemmer *sb;
};

#include "xalloc.h"

struct stemmer *
stem_open(const char *lang)
{
	const char *algorithm;
	struct stemmer *st;
	struct sb_stemmer *sb;

	if (strcmp(lang, "nb") == 0 || strcmp(lang, "nn") == 0 ||
	    strcmp(lang, "no") == 0)
		algorithm = "norwegian";
	else if (strcmp(lang, "en") == 0)
		algorithm = "english";
	else
		return NULL;
	if ((sb = sb_stemmer_new(algorithm, "UTF_8")) == NULL)
		return NULL;
	st = xmalloc(sizeof *st);
	st->sb = sb;
	return st;
}

const char *
stem_word(struct stemmer *st, const char *word, size_t len, size_t *outlen)
{
	const sb_symbol *s;

	if (len > INT_MAX ||
	    (s = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len)) ==
	    NULL) {
		/* Out of memory inside libstemmer: the word is its own stem. */
		*outlen = len;
		return word;
	}
	*outlen = (size_t)sb_stemmer_length(st->sb);
	return (const char *)s;
}

void
stem_close(struct stemmer *st)
{
	if (st == NULL)
		return;
	sb_stemmer_delete(st->sb);
	free(st);
}
