/*
 * The decision model.  The file:
 *
 *   # comment
 *   samling-extract-model 1
 *   margin M
 *   FEATURE W_NONE W_GOAL W_MILESTONE W_PITFALL
 *
 * A category wins over "none" by more than the margin M, or not at all.
 *
 * A feature the model does not know weighs nothing.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>
#include <sys/random.h>

#include "err.h"
#include "hash.h"
#include "model.h"
#include "strmap.h"
#include "xalloc.h"

#define MAX_FEATURE 256		/* bytes of a feature name */

/*
 * The weights again as a table of their own for model_decide, which looks
 * up every feature of every candidate: open addressing, each name's first
 * 16 bytes kept as two words beside its hash and length (nearly all
 * names are compared by them alone), no call but for a long name.
 */
#define KEY_BYTES 16

struct wslot {
	uint64_t key[2];	/* the name's first KEY_BYTES, zeros after it */
	uint64_t hash;
	const char *name;	/* the weights' key */
	size_t len;
	const double *w;	/* NULL: an empty slot */
};

/*
 * The scores of feature lists decided lately.  Candidates share their
 * lists far more often than not (a list names classes, buckets and kinds,
 * no words), and a look-up of the whole list is a fraction of a look-up
 * of each of its names.  Direct-mapped; the lists kept one after the
 * other in a store that is emptied when full, so memory stays flat (and
 * untouched, allocated but never paged in, when features.c weighs).
 */
#define MEMO_SLOTS 16384		/* a power of two */
#define MEMO_BYTES (1 << 21)	/* of lists kept */

struct mslot {
	uint64_t hash;
	size_t off, len;	/* the list in the store */
	unsigned gen;		/* the store's generation: 0 never */
	double scores[MODEL_NCAT];
};

struct memo {
	struct mslot slot[MEMO_SLOTS];
	char *store;
	size_t used;
	unsigned gen;
};

struct model {
	struct strmap *weights;	/* name -> double[MODEL_NCAT] */
	double margin;
	struct wslot *slot;
	size_t cap;		/* a power of two, over twice the names */
	uint64_t seed;		/* random: no name aims at a slot */
	struct memo *memo;	/* (mutable behind a const model) */
};

/* A name's hash: its key words, and its last eight bytes when it is longer. */
static uint64_t
name_hash(const struct model *m, const char *s, size_t n,
    const uint64_t key[2])
{
	uint64_t last = 0;

	if (n > KEY_BYTES)
		memcpy(&last, s + n - 8, 8);
	return hash_words(key[0] ^ last, key[1], n, m->seed);
}

static struct wslot *
slot_of(const struct model *m, const char *name, size_t len,
    const uint64_t key[2], uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	struct wslot *sl;

	for (;; i = (i + 1) & (m->cap - 1)) {
		sl = &m->slot[i];
		if (sl->w == NULL || (sl->hash == h && sl->len == len &&
		    sl->key[0] == key[0] && sl->key[1] == key[1] &&
		    (len <= KEY_BYTES || memcmp(sl->name + KEY_BYTES,
		    name + KEY_BYTES, len - KEY_BYTES) == 0)))
			return sl;
	}
}

/* Bytes of x that are spaces: the lowest bit set marks the first exactly. */
static uint64_t
spaces(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL;

	x ^= ones * ' ';
	return (x - ones) & ~x & (ones * 0x80);
}

/*
 * The length of the name at s[0..len), up to a space or len, and its
 * key words.  Where 16 bytes are there to read, the space is looked for
 * in them as two words.
 */
static size_t
name_at(const char *s, size_t len, uint64_t key[2])
{
	const char *e;
	size_t k;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= KEY_BYTES) {
		uint64_t w[2], sp;

		memcpy(w, s, KEY_BYTES);
		if ((sp = spaces(w[0])) != 0)
			k = (size_t)__builtin_ctzll(sp) / 8;
		else if ((sp = spaces(w[1])) != 0)
			k = KEY_BYTES / 2 + (size_t)__builtin_ctzll(sp) / 8;
		else {
			e = memchr(s + KEY_BYTES, ' ', len - KEY_BYTES);
			k = e != NULL ? (size_t)(e - s) : len;
		}
		hash_key_words(s, k, len, key);
		return k;
	}
#endif
	e = memchr(s, ' ', len);
	k = e != NULL ? (size_t)(e - s) : len;
	hash_key_words(s, k, len, key);
	return k;
}

static void
build_slots(struct model *m)
{
	size_t pos = 0, n = strmap_count(m->weights), len;
	const char *key;
	void *value;
	struct wslot *sl;
	uint64_t words[2], h;

	if (getrandom(&m->seed, sizeof m->seed, 0) != sizeof m->seed)
		m->seed = (uint64_t)(uintptr_t)m;
	for (m->cap = 16; m->cap < 2 * n + 1; m->cap *= 2)
		;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	while (strmap_next(m->weights, &pos, &key, &value)) {
		len = strlen(key);
		hash_key_words(key, len, len, words);
		h = name_hash(m, key, len, words);
		sl = slot_of(m, key, len, words, h);
		sl->hash = h;
		sl->key[0] = words[0];
		sl->key[1] = words[1];
		sl->name = key;
		sl->len = len;
		sl->w = value;
	}
}

static int
parse_weights(char *p, double w[MODEL_NCAT])
{
	char *end;
	int i;

	for (i = 0; i < MODEL_NCAT; i++) {
		errno = 0;
		w[i] = strtod(p, &end);
		if (end == p || errno != 0 || !isfinite(w[i]))
			return -1;
		p = end;
	}
	p += strspn(p, " \t");
	return *p == '\0' ? 0 : -1;
}

struct model *
model_load(const char *path)
{
	struct model *m = xcalloc(1, sizeof *m);
	const char *name = path;
	char *line = NULL, *p;
	size_t cap = 0, n;
	unsigned long lineno = 0;
	int bad = 0, header = 0;
	double *w;
	FILE *fp;

	m->weights = strmap_new();
	if ((fp = fopen(path, "r")) == NULL) {
		warnsys("%s", err_name(name));
		model_free(m);
		return NULL;
	}
	while (!bad && getline(&line, &cap, fp) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!header) {
			if (strcmp(line, "samling-extract-model 1") != 0) {
				warnat(name, lineno, "not a samling-extract "
				    "model (version 1)");
				bad = 1;
			}
			header = 1;
			continue;
		}
		if (strncmp(line, "margin ", 7) == 0) {
			char *end;

			errno = 0;
			m->margin = strtod(line + 7, &end);
			if (end == line + 7 || *end != '\0' || errno != 0 ||
			    !isfinite(m->margin)) {
				warnat(name, lineno, "bad margin");
				bad = 1;
			}
			continue;
		}
		n = strcspn(line, " \t");
		p = line + n;
		if (n == 0 || n > MAX_FEATURE || *p == '\0') {
			warnat(name, lineno, "expected a feature and %d weights",
			    MODEL_NCAT);
			bad = 1;
			break;
		}
		*p++ = '\0';
		w = xmalloc(MODEL_NCAT * sizeof *w);
		if (parse_weights(p, w) < 0) {
			warnat(name, lineno, "expected %d weights after '%s'",
			    MODEL_NCAT, err_name(line));
			free(w);
			bad = 1;
			break;
		}
		if (strmap_get(m->weights, line) != NULL) {
			warnat(name, lineno, "feature '%s' given twice",
			    err_name(line));
			free(w);
			bad = 1;
			break;
		}
		strmap_put(m->weights, line, w);
	}
	if (!bad && ferror(fp)) {
		warnsys("%s", err_name(name));
		bad = 1;
	}
	if (!bad && !header) {
		warnat(name, lineno, "empty model");
		bad = 1;
	}
	free(line);
	fclose(fp);
	if (bad) {
		model_free(m);
		return NULL;
	}
	build_slots(m);
	m->memo = xcalloc(1, sizeof *m->memo);
	m->memo->store = xmalloc(MEMO_BYTES);
	m->memo->gen = 1;
	return m;
}

void
model_free(struct model *m)
{
	size_t pos = 0;
	const char *key;
	void *value;

	if (m == NULL)
		return;
	while (strmap_next(m->weights, &pos, &key, &value))
		free(value);
	strmap_free(m->weights);
	free(m->slot);
	if (m->memo != NULL)
		free(m->memo->store);
	free(m->memo);
	free(m);
}

/* The sum of the weights of the features, name by name. */
static void
sum_weights(const struct model *m, const char *features, size_t len,
    double scores[MODEL_NCAT])
{
	const double *w;
	uint64_t key[2];
	double sum[MODEL_NCAT] = { 0 };	/* in registers: scores may be any memory */
	size_t i = 0, k;
	int c;

	while (i < len) {
		k = name_at(features + i, len - i, key);
		w = k > 0 ? slot_of(m, features + i, k, key,
		    name_hash(m, features + i, k, key))->w : NULL;
		i += k + 1;
		if (w == NULL)
			continue;
		for (c = 0; c < MODEL_NCAT; c++)
			sum[c] += w[c];
	}
	for (c = 0; c < MODEL_NCAT; c++)
		scores[c] = sum[c];
}

/* The scores of a list, from the memo where it was scored lately. */
static void
memo_scores(const struct model *m, const char *features, size_t len,
    double scores[MODEL_NCAT])
{
	struct memo *mo = m->memo;
	struct mslot *sl;
	uint64_t h;

	if (len > MEMO_BYTES / 64) {
		sum_weights(m, features, len, scores);
		return;
	}
	h = hash_bytes(features, len, m->seed);
	sl = &mo->slot[h & (MEMO_SLOTS - 1)];
	if (sl->gen == mo->gen && sl->hash == h && sl->len == len &&
	    memcmp(mo->store + sl->off, features, len) == 0) {
		memcpy(scores, sl->scores, sizeof sl->scores);
		return;
	}
	sum_weights(m, features, len, scores);
	if (mo->used + len > MEMO_BYTES) {
		mo->used = 0;
		if (++mo->gen == 0) {	/* (never, in practice) */
			memset(mo->slot, 0, sizeof mo->slot);
			mo->gen = 1;
		}
	}
	memcpy(mo->store + mo->used, features, len);
	sl->hash = h;
	sl->off = mo->used;
	sl->len = len;
	sl->gen = mo->gen;
	memcpy(sl->scores, scores, sizeof sl->scores);
	mo->used += len;
}

const double *
model_weights(const struct model *m, const char *name, size_t len)
{
	uint64_t key[2] = { 0, 0 };

	if (len == 0)
		return NULL;
	memcpy(key, name, len < KEY_BYTES ? len : KEY_BYTES);
	return slot_of(m, name, len, key, name_hash(m, name, len, key))->w;
}

enum category
model_decide(const struct model *m, const char *features, size_t len,
    double scores[MODEL_NCAT])
{
	memo_scores(m, features, len, scores);
	return model_choose(m, scores);
}

enum category
model_choose(const struct model *m, const double scores[MODEL_NCAT])
{
	int c, best;

	best = CAT_GOAL;
	for (c = best + 1; c < MODEL_NCAT; c++)
		if (scores[c] > scores[best])
			best = c;
	if (scores[best] - scores[CAT_NONE] <= m->margin)
		return CAT_NONE;
	return (enum category)best;
}

#define EXPLAIN_TOP 5		/* features shown by --explain */

void
model_explain(const struct model *m, const char *features, size_t len,
    enum category cat, struct buf *out)
{
	struct { const char *s; size_t n; double w; } top[EXPLAIN_TOP];
	char name[MAX_FEATURE + 1];
	const double *w;
	double total = 0, d;
	size_t i = 0, k, start;
	int ntop = 0, j;

	while (i < len) {
		start = i;
		k = 0;
		while (i < len && features[i] != ' ') {
			if (k < MAX_FEATURE)
				name[k++] = features[i];
			i++;
		}
		name[k] = '\0';
		if (k > 0 && (w = strmap_get(m->weights, name)) != NULL) {
			/* What the feature gives cat over "none". */
			d = w[cat] - w[CAT_NONE];
			total += d;
			for (j = ntop; j > 0 && top[j - 1].w < d; j--)
				if (j < EXPLAIN_TOP)
					top[j] = top[j - 1];
			if (j < EXPLAIN_TOP) {
				top[j].s = features + start;
				top[j].n = i - start;
				top[j].w = d;
				if (ntop < EXPLAIN_TOP)
					ntop++;
			}
		}
		i++;
	}
	buf_printf(out, "model %s %+.2f:", category_name(cat), total);
	for (j = 0; j < ntop; j++)
		buf_printf(out, " %.*s %+.2f", (int)top[j].n, top[j].s, top[j].w);
}
