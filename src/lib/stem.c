/* Stemming through libstemmer; words told apart by text.c. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "stem.h"
#include "text.h"
#include "xalloc.h"

#define MAX_LANGS 4

struct stemmer {
	struct sb_stemmer *sb[MAX_LANGS];
	int n;
	struct buf word;	/* the stem handed out */
	struct buf folded;	/* stem_text's folded input */
};

struct stemmer *
stem_open(const char *langs)
{
	struct stemmer *st = xcalloc(1, sizeof *st);
	const char *p = langs;

	for (;;) {
		size_t n = strcspn(p, ",");
		char name[32];

		if (n == 0 || n >= sizeof name || st->n == MAX_LANGS)
			goto fail;
		memcpy(name, p, n);
		name[n] = '\0';
		if ((st->sb[st->n] = sb_stemmer_new(name, NULL)) == NULL)
			goto fail;
		st->n++;
		if (p[n] == '\0')
			return st;
		p += n + 1;
	}
fail:
	stem_close(st);
	return NULL;
}

void
stem_close(struct stemmer *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++)
		sb_stemmer_delete(st->sb[i]);
	buf_free(&st->word);
	buf_free(&st->folded);
	free(st);
}

const char *
stem_word(struct stemmer *st, const char *word, size_t len, size_t *stemlen)
{
	int i;

	buf_clear(&st->word);
	buf_add(&st->word, word, len);
	for (i = 0; i < st->n && st->word.len > 0; i++) {
		const sb_symbol *s;

		if (st->word.len > 0x7fffffff)
			break;
		s = sb_stemmer_stem(st->sb[i], (const sb_symbol *)st->word.data,
		    (int)st->word.len);
		if (s == NULL)
			break;		/* no memory: keep the word as it is */
		len = (size_t)sb_stemmer_length(st->sb[i]);
		/* s is the stemmer's own memory: copy before the next call. */
		memmove(st->word.data, s, len);
		st->word.len = len;
		st->word.data[len] = '\0';
	}
	if (stemlen != NULL)
		*stemlen = st->word.len;
	return st->word.data != NULL ? st->word.data : "";
}

size_t
stem_text(struct stemmer *st, struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, nwords = 0;
	int inword = 0;
	const char *f;

	buf_clear(&st->folded);
	text_fold(&st->folded, s, len);
	f = st->folded.data != NULL ? st->folded.data : "";
	len = st->folded.len;
	while (i <= len) {
		int32_t cp = 0;
		int n = 1, w = 0;

		if (i < len) {
			n = utf8_decode(f + i, len - i, &cp);
			if (n <= 0)
				n = 1;
			else
				w = cp_is_word(cp);
		}
		if (w && !inword) {
			start = i;
			inword = 1;
		} else if (!w && inword) {
			size_t sl;
			const char *stem = stem_word(st, f + start, i - start, &sl);

			if (nwords++ > 0)
				buf_addc(out, ' ');
			buf_add(out, stem, sl);
			inword = 0;
		}
		i += (size_t)n;
	}
	return nwords;
}
