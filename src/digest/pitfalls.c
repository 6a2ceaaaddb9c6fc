/*
 * Pitfalls that several documents name.  Each pitfall's text is reduced
 * to the stems of its words, small words left out (stem.h): "Manglende
 * tid" and "manglande tid til arbeidet" become "mangl tid" and "mangl
 * tid arbeid".  Pitfalls with the same stems meet, and so do those whose
 * stems begin with the stems of another of two words or more: the
 * shorter one names what the longer one says in more words.
 */
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "err.h"
#include "exitcode.h"
#include "stem.h"
#include "strmap.h"
#include "xalloc.h"

/* Words that say nothing of what a pitfall is, in both languages. */
static const char *const small_words[] = {
	"og", "i", "på", "til", "av", "for", "med", "om", "en", "ei", "et",
	"å", "som", "at", "det", "den", "de", "er", "ikke", "ikkje", "eller",
	"the", "of", "and", "to", "in", "a", "an", "on", "with", "or", "not",
	"no"
};
#define NSMALL (sizeof small_words / sizeof small_words[0])

/* A pitfall text's key, made once for all its repetitions. */
struct key {
	char *s;
	size_t nwords;
};

struct keyed {
	const struct key *key;
	const struct item *it;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = x->key == y->key ? 0 : strcmp(x->key->s, y->key->s);

	if (c != 0)
		return c;
	return x->it->seq < y->it->seq ? -1 : x->it->seq > y->it->seq;
}

/* The stems of text, small words left out; *nwords counts them. */
static char *
key_of(struct stemmer *st, char *const *small, const char *text,
    size_t *nwords)
{
	struct buf all = BUF_INIT, key = BUF_INIT;
	const char *p, *end;
	size_t i, n;

	*nwords = 0;
	stem_text(st, &all, text, strlen(text));
	for (p = all.data != NULL ? all.data : ""; *p != '\0'; p = end) {
		while (*p == ' ')
			p++;
		end = p + strcspn(p, " ");
		n = (size_t)(end - p);
		if (n == 0)
			break;
		for (i = 0; i < NSMALL; i++)
			if (strlen(small[i]) == n && memcmp(small[i], p, n) == 0)
				break;
		if (i < NSMALL)
			continue;
		if (key.len > 0)
			buf_addc(&key, ' ');
		buf_add(&key, p, n);
		(*nwords)++;
	}
	buf_free(&all);
	if (key.len == 0)	/* no words: the text itself */
		buf_adds(&key, text);
	return buf_detach(&key, NULL);
}

/* Whether key continues root by whole words. */
static int
extends(const char *root, const char *key)
{
	size_t n = strlen(root);

	return strncmp(root, key, n) == 0 && (key[n] == ' ' || key[n] == '\0');
}

static int
cmp_source(const void *a, const void *b)
{
	const struct item *const *x = a, *const *y = b;
	const char *s = (*x)->source, *t = (*y)->source;

	return s < t ? -1 : s > t;
}

static size_t
count_docs(const struct pitgroup *g)
{
	const struct item **v = xreallocarray(NULL, g->nmembers, sizeof *v);
	size_t i, n = 0;

	memcpy(v, g->members, g->nmembers * sizeof *v);
	/* Sources are interned: one pointer per document. */
	qsort(v, g->nmembers, sizeof *v, cmp_source);
	for (i = 0; i < g->nmembers; i++)
		if (i == 0 || v[i]->source != v[i - 1]->source)
			n++;
	free(v);
	return n;
}

static int
cmp_group(const void *a, const void *b)
{
	const struct pitgroup *x = a, *y = b;

	if ((x->ndocs > 1) != (y->ndocs > 1))
		return x->ndocs > 1 ? -1 : 1;
	if (x->ndocs != y->ndocs)
		return x->ndocs > y->ndocs ? -1 : 1;
	return x->first->seq < y->first->seq ? -1 : x->first->seq > y->first->seq;
}

static int
cmp_member(const void *a, const void *b)
{
	const struct item *const *x = a, *const *y = b;

	return (*x)->seq < (*y)->seq ? -1 : (*x)->seq > (*y)->seq;
}

struct pitgroup *
pitfalls_group(const struct digest *d, size_t *ngroups)
{
	struct stemmer *st = stem_open("norwegian,english");
	char *small[NSMALL];
	struct strmap *cache = strmap_new();
	struct keyed *k;
	struct key *key;
	struct pitgroup *g;
	const char *name;
	void *v;
	size_t i, j, m, n = 0, ng = 0;

	if (st == NULL)
		die(EXIT_TROUBLE, "libstemmer has no Norwegian or English stemmer");
	for (i = 0; i < NSMALL; i++)
		small[i] = xstrdup(stem_word(st, small_words[i],
		    strlen(small_words[i]), NULL));
	k = xreallocarray(NULL, d->nitems ? d->nitems : 1, sizeof *k);
	for (i = 0; i < d->nitems; i++) {
		if (d->items[i].cat != CAT_PITFALL)
			continue;
		if ((key = strmap_get(cache, d->items[i].text)) == NULL) {
			key = xmalloc(sizeof *key);
			key->s = key_of(st, small, d->items[i].text, &key->nwords);
			strmap_put(cache, d->items[i].text, key);
		}
		k[n].it = &d->items[i];
		k[n].key = key;
		n++;
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	g = xreallocarray(NULL, n ? n : 1, sizeof *g);
	for (i = 0; i < n; i = j) {
		struct pitgroup *cur = &g[ng++];

		/* One word alone absorbs no others; equal keys still meet. */
		j = i + 1;
		if (k[i].key->nwords >= 2)
			while (j < n && (k[j].key == k[i].key ||
			    extends(k[i].key->s, k[j].key->s)))
				j++;
		else
			while (j < n && (k[j].key == k[i].key ||
			    strcmp(k[j].key->s, k[i].key->s) == 0))
				j++;
		cur->first = k[i].it;
		cur->nmembers = j - i;
		cur->members = xreallocarray(NULL, j - i, sizeof *cur->members);
		for (m = i; m < j; m++)
			cur->members[m - i] = k[m].it;
	}
	for (i = 0; i < ng; i++) {
		qsort(g[i].members, g[i].nmembers, sizeof *g[i].members,
		    cmp_member);
		g[i].ndocs = count_docs(&g[i]);
	}
	qsort(g, ng, sizeof *g, cmp_group);
	for (i = 0; strmap_next(cache, &i, &name, &v);) {
		key = v;
		free(key->s);
		free(key);
	}
	strmap_free(cache);
	free(k);
	for (i = 0; i < NSMALL; i++)
		free(small[i]);
	stem_close(st);
	*ngroups = ng;
	return g;
}

void
pitfalls_free(struct pitgroup *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(g[i].members);
	free(g);
}
