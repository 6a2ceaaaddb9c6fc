/*
 * Cue words by class, matched by stem.  A cue file is small (some
 * hundreds of words), so a sentence's words are compared with every cue of
 * its language: each word is stemmed once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "cues.h"
#include "err.h"
#include "hash.h"
#include "stem.h"
#include "text.h"
#include "xalloc.h"

#define MAX_PHRASE 4		/* words of an exact cue */
#define MAX_TOKENS 512		/* words of a sentence looked at */
#define MIN_HEAD 4		/* bytes of a stem that may end a compound */
#define MIN_PART 6		/* bytes of a stem that may stand anywhere in one */
#define CACHE_WORDS 100000	/* words whose classes are kept, a language */
/* Bits of a cached word besides its classes (CUE_MAX_CLASSES < 62). */
#define KNOWN ((uint64_t)1 << 62)	/* never 0: 0 is an empty slot */
#define PHRASE ((uint64_t)1 << 63)	/* some exact phrase starts with it */

enum { FAM_NO, FAM_EN, NFAM };

struct cue {
	int cls;
	int exact;		/* the words themselves, not their stems */
	int stop;		/* a word that is none of the class */
	int form;		/* the stem of an inflection: matched whole */
	int nwords;
	char *word[MAX_PHRASE];
	size_t len[MAX_PHRASE];
	uint64_t pairs;		/* of word[0]: see byte_pairs() */
};

/*
 * The classes of each word seen: a text's words repeat, and a look-up is
 * far cheaper than stemming and comparing the word with every cue again.
 * Open addressing; the words themselves kept one after the other.
 */
#define KEY_BYTES 16	/* a word this long or shorter is its own key */

struct wkey {
	uint64_t w[2];		/* the first KEY_BYTES bytes, zeros after */
	size_t len;
	uint64_t hash;
};

struct wslot {
	uint64_t w[2];		/* as in its key */
	uint64_t hash;
	uint64_t bits;		/* 0: an empty slot */
	size_t off, len;	/* the word in words */
};

struct wcache {
	struct wslot *slot;
	size_t cap;		/* a power of two */
	size_t count;
	struct buf words;
};

/*
 * In front of that cache, the classes of short words (most of a text's)
 * by their eight bytes alone, one word a slot: found with one multiply
 * and one compare, where the cache's key, hash and probe cost the most
 * of a candidate's cue scan.  A word that takes another's slot puts it
 * out; it is then found in the cache behind, so words that collide by
 * chance or by design cost a look-up more, no more.
 */
#define HOT_BITS 10
#define HOT_WORDS (1 << HOT_BITS)	/* a family */
#define HOT_BYTES 8			/* the longest word kept */

struct hot {
	uint64_t w;		/* the word's bytes, zeros after; 0: empty */
	uint64_t bits;
};

/*
 * The cues a new word is compared with, grouped: those whose stem must
 * end the word's stem (whole or as a compound's head) and the exact ones,
 * each by their last byte, and those that may stand anywhere in a stem.
 */
#define LAST_BYTES 256

struct cue_index {
	int *ids;			/* cue numbers, by group */
	int at[2 * LAST_BYTES + 2];	/* ends: ids[at[g]..at[g + 1]) */
};

#define GROUP_ANYWHERE (2 * LAST_BYTES)

struct cues {
	char *names[CUE_MAX_CLASSES];
	int nclasses;
	struct cue *of[NFAM];
	int n[NFAM], cap[NFAM];
	struct stemmer *st[NFAM];
	int *phrases[NFAM];	/* the exact cues of several words */
	int nphrases[NFAM];
	/*
	 * Their first words, each once, with where the phrases that begin
	 * with it stand in phrases[] (sorted by first word): a common word
	 * ("i", "for", "med") is compared with those phrases only.
	 */
	struct phrase_head {
		const char *w;
		size_t len;
		int lo, hi;
	} *heads[NFAM];
	int nheads[NFAM];
	struct wcache seen[NFAM];	/* by family */
	struct hot *hot[NFAM];		/* HOT_WORDS each */
	struct cue_index index[NFAM];
	uint64_t seed;		/* random: hostile words cannot aim at slots */
	struct token *tok;
};

struct token {
	const char *s;
	size_t len;
	char *stem;
	size_t stemlen;
};

static int
family(const char *lang)
{
	return strcmp(lang, "en") == 0 ? FAM_EN : FAM_NO;
}

static int
class_id(struct cues *c, const char *name)
{
	int i;

	for (i = 0; i < c->nclasses; i++)
		if (strcmp(c->names[i], name) == 0)
			return i;
	if (c->nclasses == CUE_MAX_CLASSES)
		return -1;
	c->names[c->nclasses] = xstrdup(name);
	return c->nclasses++;
}

/*
 * The pairs of adjacent bytes in s[0..n), each a bit of 64 by a hash: a
 * stem that holds a cue's stem, at its end or anywhere, holds its pairs,
 * so a cue whose pairs the word lacks is passed over at the cost of an
 * AND.  A word new to the cache is compared with every cue (hundreds),
 * and real documents are mostly such words.
 */
static uint64_t
byte_pairs(const char *s, size_t n)
{
	uint64_t bits = 0;
	size_t i;

	for (i = 1; i < n; i++)
		bits |= (uint64_t)1 << (((unsigned char)s[i - 1] * 31u +
		    (unsigned char)s[i]) & 63);
	return bits;
}

static void
add_cue(struct cues *c, int fam, const struct cue *cue)
{
	if (c->n[fam] == c->cap[fam]) {
		c->cap[fam] = c->cap[fam] ? 2 * c->cap[fam] : 256;
		c->of[fam] = xreallocarray(c->of[fam], (size_t)c->cap[fam],
		    sizeof *c->of[fam]);
	}
	c->of[fam][c->n[fam]] = *cue;
	c->of[fam][c->n[fam]].pairs = byte_pairs(cue->word[0], cue->len[0]);
	c->n[fam]++;
}

/*
 * Endings of the inflections of a base form, by part of speech, which
 * the class's name tells (see cues.txt).  Norwegian endings go on the
 * base form less its final e or a, bokmål and nynorsk alike; English
 * ones on the whole word.
 */
static const char *const noun_no[] = { "en", "et", "a", "er", "ar", "ene",
	"ane" };
static const char *const verb_no[] = { "et", "te", "de", "a", "ar", "ende",
	"ande" };
static const char *const adj_no[] = { "e", "t", "ere", "are", "este",
	"aste" };
static const char *const noun_en[] = { "s", "es" };
static const char *const verb_en[] = { "s", "es", "d", "ed", "ing" };

#define FORM_BYTES 64		/* a base form and an ending */
#define MIN_FORMED 4		/* bytes of a base form inflected */

static int
has_form(const struct cues *c, int fam, int cls, int from, const char *stem,
    size_t n)
{
	int k;

	for (k = from; k < c->n[fam]; k++)
		if (c->of[fam][k].cls == cls && c->of[fam][k].len[0] == n &&
		    memcmp(c->of[fam][k].word[0], stem, n) == 0)
			return 1;
	return 0;
}

/*
 * The stems of the inflections of the base form w, where the stemmer
 * gives them another stem than w's ("utrede" utr, "utreder" utred;
 * "møte" møt, "møtte" møtt): cues of the class too, matched whole.
 */
static void
add_forms(struct cues *c, int fam, int cls, const char *w)
{
	const char *const *end, *name = c->names[cls], *stem;
	char form[FORM_BYTES];
	size_t n = strlen(w), base, stemlen, nend, k;
	int first = c->n[fam] - 1, noun, verb;
	struct cue cue;

	if (n < MIN_FORMED || n + 8 > sizeof form || strchr(w, '_') != NULL)
		return;
	noun = strstr(name, "-noun") != NULL || strcmp(name, "org-word") == 0 ||
	    strcmp(name, "time-word") == 0 || strcmp(name, "meta-word") == 0 ||
	    strcmp(name, "contact-word") == 0;
	verb = strstr(name, "-verb") != NULL || strcmp(name, "contribute") == 0;
	base = n;
	if (fam == FAM_EN) {
		end = noun ? noun_en : verb ? verb_en : NULL;
		nend = noun ? sizeof noun_en / sizeof *end : verb ?
		    sizeof verb_en / sizeof *end : 0;
		if (verb && w[n - 1] == 'e')
			base = n - 1;	/* "improve": improving */
	} else {
		end = noun ? noun_no : verb ? verb_no : adj_no;
		nend = noun ? sizeof noun_no / sizeof *end : verb ?
		    sizeof verb_no / sizeof *end : sizeof adj_no / sizeof *end;
		if (w[n - 1] == 'e' || (verb && w[n - 1] == 'a'))
			base = n - 1;
		if (!noun && !verb && base < n)
			return;	/* "krevende": no forms of its own */
	}
	for (k = 0; k <= nend + 1; k++) {
		memcpy(form, w, n);
		if (k == nend)		/* the infinitive's present, passive */
			snprintf(form + n, sizeof form - n, "%s", verb ? "r" : "");
		else if (k == nend + 1)
			snprintf(form + n, sizeof form - n, "%s", verb ? "s" : "");
		else
			snprintf(form + base, sizeof form - base, "%s", end[k]);
		stem = stem_word(c->st[fam], form, strlen(form), &stemlen);
		if (stemlen == 0 || has_form(c, fam, cls, first, stem, stemlen))
			continue;
		memset(&cue, 0, sizeof cue);
		cue.cls = cls;
		cue.form = 1;
		cue.nwords = 1;
		cue.word[0] = xstrndup(stem, stemlen);
		cue.len[0] = stemlen;
		add_cue(c, fam, &cue);
	}
}

/*
 * One word of a line, as a cue of family fam; 0, -1 if malformed (an
 * empty word, "a__b", "a_"; a phrase of a stem cue), or -2 if a phrase
 * of more than MAX_PHRASE words.
 */
static int
parse_word(struct cues *c, int fam, int cls, const char *w)
{
	struct cue cue;
	const char *p, *stem;
	char *folded;
	size_t n;
	int k, bad = 0;

	memset(&cue, 0, sizeof cue);
	cue.cls = cls;
	if (*w == '=' || *w == '!') {
		cue.exact = *w == '=';
		cue.stop = *w == '!';
		w++;
	}
	folded = text_folded(w, strlen(w));
	/* (a stem cue is one word: "_" is for the words of a phrase) */
	for (p = folded; ; p++) {
		if ((n = strcspn(p, "_")) == 0 ||
		    (!cue.exact && !cue.stop && p[n] == '_')) {
			bad = -1;
			break;
		}
		if (cue.nwords == MAX_PHRASE) {
			bad = -2;
			break;
		}
		if (!cue.exact && !cue.stop) {
			stem = stem_word(c->st[fam], p, n, &n);
			cue.word[cue.nwords] = xstrndup(stem, n);
		} else
			cue.word[cue.nwords] = xstrndup(p, n);
		cue.len[cue.nwords++] = n;
		p += strcspn(p, "_");
		if (*p == '\0')
			break;
	}
	if (bad != 0) {
		for (k = 0; k < cue.nwords; k++)
			free(cue.word[k]);
		free(folded);
		return bad;
	}
	add_cue(c, fam, &cue);
	if (!cue.exact && !cue.stop)
		add_forms(c, fam, cls, folded);
	free(folded);
	return 0;
}

/*
 * A cue's group in the index, or -1 for a stop word (never compared:
 * stopped() asks for it).
 */
static int
cue_group(const struct cue *cue)
{
	unsigned char last;

	if ((cue->stop && cue->nwords == 1) || cue->len[0] == 0)
		return -1;
	last = (unsigned char)cue->word[0][cue->len[0] - 1];
	/* (a stop phrase is found as an exact one is, by its first word) */
	if (cue->exact || cue->stop)
		return LAST_BYTES + last;
	if (cue->len[0] < MIN_PART || cue->form)
		return last;	/* stem_matches: the word's stem ends in it */
	return GROUP_ANYWHERE;
}

static void
index_cues(struct cues *c, int f)
{
	struct cue_index *x = &c->index[f];
	int count[GROUP_ANYWHERE + 1] = { 0 }, g, i;

	for (i = 0; i < c->n[f]; i++)
		if ((g = cue_group(&c->of[f][i])) >= 0)
			count[g]++;
	x->at[0] = 0;
	for (g = 0; g <= GROUP_ANYWHERE; g++)
		x->at[g + 1] = x->at[g] + count[g];
	x->ids = xreallocarray(NULL, (size_t)x->at[GROUP_ANYWHERE + 1] + 1,
	    sizeof *x->ids);
	memset(count, 0, sizeof count);
	for (i = 0; i < c->n[f]; i++)
		if ((g = cue_group(&c->of[f][i])) >= 0)
			x->ids[x->at[g] + count[g]++] = i;
}

/*
 * The phrases of family f grouped by first word, the groups in the order
 * their first phrase came (a phrase's classes are ORed: order is free).
 */
static void
index_phrases(struct cues *c, int f)
{
	int n = c->nphrases[f], *sorted, *head_of, i, k, at;
	const struct cue *cue;
	struct phrase_head *h;

	sorted = xreallocarray(NULL, (size_t)n + 1, sizeof *sorted);
	head_of = xreallocarray(NULL, (size_t)n + 1, sizeof *head_of);
	h = c->heads[f] = xreallocarray(NULL, (size_t)n + 1, sizeof *h);
	c->nheads[f] = 0;
	for (i = 0; i < n; i++) {
		cue = &c->of[f][c->phrases[f][i]];
		for (k = 0; k < c->nheads[f] && (h[k].len != cue->len[0] ||
		    memcmp(h[k].w, cue->word[0], h[k].len) != 0); k++)
			;
		if (k == c->nheads[f]) {
			h[k].w = cue->word[0];
			h[k].len = cue->len[0];
			h[k].hi = 0;
			c->nheads[f]++;
		}
		h[k].hi++;	/* (a count, for now) */
		head_of[i] = k;
	}
	for (at = k = 0; k < c->nheads[f]; k++) {
		h[k].lo = at;
		at += h[k].hi;
		h[k].hi = h[k].lo;
	}
	for (i = 0; i < n; i++)
		sorted[h[head_of[i]].hi++] = c->phrases[f][i];
	free(head_of);
	free(c->phrases[f]);
	c->phrases[f] = sorted;
}

struct cues *
cues_load(const char *path)
{
	struct cues *c = xcalloc(1, sizeof *c);
	char *line = NULL, *save, *cls, *langs, *w, *l;
	const char *name = path;
	size_t cap = 0;
	unsigned long lineno = 0;
	int bad = 0, id, fams[NFAM], nf, i, f, k;
	FILE *fp;

	if (getrandom(&c->seed, sizeof c->seed, 0) != sizeof c->seed)
		c->seed = (uint64_t)(uintptr_t)c;
	c->tok = xreallocarray(NULL, MAX_TOKENS, sizeof *c->tok);
	for (i = 0; i < NFAM; i++)
		c->hot[i] = xcalloc(HOT_WORDS, sizeof *c->hot[i]);
	c->st[FAM_NO] = stem_open("norwegian");
	c->st[FAM_EN] = stem_open("english");
	if (c->st[FAM_NO] == NULL || c->st[FAM_EN] == NULL) {
		warnmsg("no stemmer for Norwegian and English");
		cues_free(c);
		return NULL;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		warnsys("%s", err_name(name));
		cues_free(c);
		return NULL;
	}
	while (getline(&line, &cap, fp) > 0) {
		lineno++;
		line[strcspn(line, "#\n")] = '\0';
		if ((cls = strtok_r(line, " \t", &save)) == NULL)
			continue;
		if ((langs = strtok_r(NULL, " \t", &save)) == NULL) {
			warnat(name, lineno, "class '%s' names no language",
			    err_name(cls));
			bad = 1;
			continue;
		}
		if ((id = class_id(c, cls)) < 0) {
			warnat(name, lineno, "too many cue classes (at most %d)",
			    CUE_MAX_CLASSES);
			bad = 1;
			continue;
		}
		nf = 0;
		for (l = strtok(langs, ","); l != NULL; l = strtok(NULL, ",")) {
			if (strcmp(l, "nb") != 0 && strcmp(l, "nn") != 0 &&
			    strcmp(l, "en") != 0) {
				warnat(name, lineno, "unknown language '%s'",
				    err_name(l));
				bad = 1;
				continue;
			}
			for (i = 0; i < nf && fams[i] != family(l); i++)
				;
			if (i == nf)
				fams[nf++] = family(l);
		}
		while ((w = strtok_r(NULL, " \t", &save)) != NULL)
			for (i = 0; i < nf; i++) {
				if ((k = parse_word(c, fams[i], id, w)) == 0)
					continue;
				if (k == -2)
					warnat(name, lineno, "bad cue '%s': more "
					    "than %d words", err_name(w), MAX_PHRASE);
				else
					warnat(name, lineno, "bad cue '%s'",
					    err_name(w));
				bad = 1;
				break;	/* (said once, not once a language) */
			}
	}
	if (ferror(fp)) {
		warnsys("%s", err_name(name));
		bad = 1;
	}
	free(line);
	fclose(fp);
	if (bad) {
		cues_free(c);
		return NULL;
	}
	for (f = 0; f < NFAM; f++) {
		c->phrases[f] = xreallocarray(NULL, (size_t)c->n[f] + 1,
		    sizeof *c->phrases[f]);
		for (i = 0; i < c->n[f]; i++)
			if ((c->of[f][i].exact || c->of[f][i].stop) &&
			    c->of[f][i].nwords > 1)
				c->phrases[f][c->nphrases[f]++] = i;
		index_phrases(c, f);
		index_cues(c, f);
	}
	return c;
}

void
cues_free(struct cues *c)
{
	int f, i, k;

	if (c == NULL)
		return;
	for (f = 0; f < NFAM; f++) {
		for (i = 0; i < c->n[f]; i++)
			for (k = 0; k < c->of[f][i].nwords; k++)
				free(c->of[f][i].word[k]);
		free(c->of[f]);
		free(c->phrases[f]);
		free(c->heads[f]);
		free(c->index[f].ids);
		stem_close(c->st[f]);
		free(c->seen[f].slot);
		buf_free(&c->seen[f].words);
		free(c->hot[f]);
	}
	free(c->tok);
	for (i = 0; i < c->nclasses; i++)
		free(c->names[i]);
	free(c);
}

int
cues_nclasses(const struct cues *c)
{
	return c->nclasses;
}

const char *
cues_class_name(const struct cues *c, int cls)
{
	return c->names[cls];
}

uint64_t
cues_class_bit(const struct cues *c, const char *name)
{
	int i;

	for (i = 0; i < c->nclasses; i++)
		if (strcmp(c->names[i], name) == 0)
			return (uint64_t)1 << i;
	return 0;
}

/* Whether a code point at or above U+0080 is part of a word. */
static int
word_cp(int32_t cp)
{
	return !cp_is_space(cp) && cp != 0x2013 && cp != 0x2014 &&
	    cp != 0x2019 && cp != 0x201c && cp != 0x201d && cp != 0xab &&
	    cp != 0xbb && cp != 0x2022 && cp != 0xb7;
}

#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
/* The bytes of p[0..16) as bits, by what they are in a word. */
struct bytes16 {
	unsigned asc;		/* a-z, 0-9 */
	unsigned c3;		/* C3, the first byte of a Latin-1 letter */
	unsigned cont;		/* 80..BF, continuation bytes */
	unsigned high;		/* 80..FF */
};

static struct bytes16
classify16(const unsigned char *p)
{
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
	struct bytes16 k;

	/* (compares are signed: bytes 80..FF are below every ASCII one) */
	k.asc = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(b, _mm_set1_epi8('z' + 1))),
	    _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(b, _mm_set1_epi8('9' + 1)))));
	k.c3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b,
	    _mm_set1_epi8((char)0xc3)));
	k.cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(b,
	    _mm_set1_epi8((char)0xc0)));
	k.high = (unsigned)_mm_movemask_epi8(b);
	return k;
}

/* The words found so far, and the one being read. */
struct words {
	struct token *tok;
	int max;
	int ntok;
	int in;			/* inside a word, begun at start */
	size_t start;
};

/* A word begins or ends at s[j]: 1 when that fills tok[]. */
static inline int
word_edge(const char *s, size_t j, struct words *w)
{
	if (w->in) {
		w->tok[w->ntok].s = s + w->start;
		w->tok[w->ntok].len = j - w->start;
		if (++w->ntok == w->max)
			return 1;
	} else
		w->start = j;
	w->in = !w->in;
	return 0;
}

/*
 * Words: runs of letters and digits of folded text.  Sixteen bytes at a
 * time, 64 to a window, each byte is told by masks to be in a word or
 * not: ASCII by a range, a Latin-1 letter (C3 xx) by its two bytes;
 * words begin and end where the mask changes.  Any other character
 * ends the masks' part of a window and is judged by its code point.
 * (Byte by byte, a word's end was a branch the CPU mispredicted once a
 * word, a tenth of the time of prose.)
 */
static int
tokenize(const char *s, size_t n, struct token *tok, int max)
{
	const unsigned char *u = (const unsigned char *)s, *p;
	unsigned char tail[64];
	uint64_t asc, c3, cont, high, lead, rest, word, other, below, edges;
	uint64_t after_lead = 0;	/* u[i] follows a letter's C3 */
	size_t i = 0, len, lim, j;
	struct words w = { tok, max, 0, 0, 0 };
	int32_t cp;
	int k;

	while (i < n) {
		len = n - i < 64 ? n - i : 64;
		p = u + i;
		if (len < 64) {
			memset(tail, 0, sizeof tail);
			memcpy(tail, p, len);
			p = tail;
		}
		asc = c3 = cont = high = 0;
		for (k = 0; k < 4; k++) {
			struct bytes16 b = classify16(p + 16 * k);

			asc |= (uint64_t)b.asc << 16 * k;
			c3 |= (uint64_t)b.c3 << 16 * k;
			cont |= (uint64_t)b.cont << 16 * k;
			high |= (uint64_t)b.high << 16 * k;
		}
		/* C3 before a continuation byte, and that byte: a letter. */
		lead = c3 & ((cont >> 1) | (uint64_t)(len == 64 && i + 64 < n &&
		    (u[i + 64] & 0xc0) == 0x80) << 63);
		rest = cont & ((lead << 1) | after_lead);
		word = asc | lead | rest;
		other = high & ~lead & ~rest;
		lim = other != 0 ? (size_t)__builtin_ctzll(other) : len;
		below = lim == 64 ? ~(uint64_t)0 : ((uint64_t)1 << lim) - 1;
		/* Where a word begins or ends: a change from the byte before. */
		edges = (word ^ ((word << 1) | (uint64_t)w.in)) & below;
		for (; edges != 0; edges &= edges - 1)
			if (word_edge(s, i + (size_t)__builtin_ctzll(edges), &w))
				return w.ntok;
		if (lim == len) {
			after_lead = lead >> 63;
			i += len;
			continue;
		}
		/* Another character: a word's part by its code point. */
		j = i + lim;
		k = utf8_decode(s + j, n - j, &cp);
		if (word_cp(cp) != w.in && word_edge(s, j, &w))
			return w.ntok;
		after_lead = 0;
		i = j + (size_t)k;
	}
	if (w.in)
		word_edge(s, n, &w);
	return w.ntok;
}
#else
/* The bytes of a word of folded text that are ASCII: a-z and 0-9. */
static const unsigned char ascii_word[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/*
 * Where the run of ASCII word bytes (ascii_word) from u[i] ends.  Eight
 * bytes at a time, the end told by a mask: a byte loop's exit, taken at
 * a different byte for every word, was mispredicted once a word.
 */
static size_t
ascii_word_end(const unsigned char *u, size_t i, size_t n)
{
#if !defined(SAMLING_NO_SIMD) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t w, t, m;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		/* a-z and 0-9: at least the first, not past the last (7 bits) */
		t = w & ~highs;
		m = ((t + ones * (0x80 - 'a')) & ~(t + ones * (0x80 - 'z' - 1))) |
		    ((t + ones * (0x80 - '0')) & ~(t + ones * (0x80 - '9' - 1)));
		/* the bytes that are not: those, and any beyond ASCII */
		m = (~m | w) & highs;
		if (m != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
#endif
	while (i < n && ascii_word[u[i]])
		i++;
	return i;
}

/*
 * Words: runs of letters and digits of folded text.  ASCII bytes and the
 * Latin-1 letters (C3 xx) are told apart by a table and a test; any
 * other character by its code point.  A run of ASCII letters ends where
 * a mask says (ascii_word_end): most words are shorter than eight bytes,
 * so one look at eight finds it.
 */
static int
tokenize(const char *s, size_t n, struct token *tok, int max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start;
	int32_t cp;
	int k, ntok = 0;

	while (ntok < max) {
		/* Up to a word. */
		while (i < n) {
			if (u[i] < 0x80) {
				if (ascii_word[u[i]])
					break;
				i++;
				continue;
			}
			if (u[i] == 0xc3 && i + 1 < n && (u[i + 1] & 0xc0) == 0x80)
				break;
			k = utf8_decode(s + i, n - i, &cp);
			if (word_cp(cp))
				break;
			i += (size_t)k;
		}
		if (i >= n)
			break;
		/* Its end. */
		start = i;
		while (i < n) {
			i = ascii_word_end(u, i, n);
			if (i >= n || u[i] < 0x80)
				break;
			if (u[i] == 0xc3 && i + 1 < n && (u[i + 1] & 0xc0) == 0x80) {
				i += 2;
				continue;
			}
			k = utf8_decode(s + i, n - i, &cp);
			if (!word_cp(cp))
				break;
			i += (size_t)k;
		}
		tok[ntok].s = s + start;
		tok[ntok].len = i - start;
		ntok++;
	}
	return ntok;
}

#endif

static int
exact_at(const struct cue *cue, const struct token *tok, int ntok, int i)
{
	int k;

	if (i + cue->nwords > ntok)
		return 0;
	/* (the first byte before memcmp: the words are short) */
	for (k = 0; k < cue->nwords; k++)
		if (tok[i + k].len != cue->len[k] ||
		    tok[i + k].s[0] != cue->word[k][0] ||
		    memcmp(tok[i + k].s, cue->word[k], cue->len[k]) != 0)
			return 0;
	return 1;
}

/*
 * A short stem matches a word's stem alone; a longer one the head of a
 * compound ("hoved|utfordring"); a long one any part of it
 * ("framdrift|splan").
 */
static int
stem_matches(const struct cue *cue, const struct token *t)
{
	if (cue->len[0] < MIN_HEAD || cue->form)
		return t->stemlen == cue->len[0] &&
		    memcmp(t->stem, cue->word[0], cue->len[0]) == 0;
	if (t->stemlen < cue->len[0])
		return 0;
	if (cue->len[0] >= MIN_PART)
		return memmem(t->stem, t->stemlen, cue->word[0],
		    cue->len[0]) != NULL;
	return memcmp(t->stem + t->stemlen - cue->len[0], cue->word[0],
	    cue->len[0]) == 0;
}

/* Whether the word is a stop word of the class. */
static int
stopped(const struct cues *c, int fam, int cls, const struct token *t)
{
	int i;

	for (i = 0; i < c->n[fam]; i++) {
		const struct cue *cue = &c->of[fam][i];

		if (cue->stop && cue->nwords == 1 && cue->cls == cls &&
		    t->len == cue->len[0] &&
		    memcmp(t->s, cue->word[0], t->len) == 0)
			return 1;
	}
	return 0;
}

/* The classes of one word alone (phrases aside), and whether a phrase starts with it. */
/* The classes of the stem cues of group g that the word w (its stem) holds. */
static uint64_t
stem_group(const struct cues *c, int fam, int g, const struct token *w,
    const struct token *t, uint64_t pairs)
{
	const struct cue_index *x = &c->index[fam];
	const struct cue *cue;
	uint64_t bits = 0;
	int k;

	for (k = x->at[g]; k < x->at[g + 1]; k++) {
		cue = &c->of[fam][x->ids[k]];
		if ((cue->pairs & ~pairs) == 0 && stem_matches(cue, w) &&
		    !stopped(c, fam, cue->cls, t))
			bits |= (uint64_t)1 << cue->cls;
	}
	return bits;
}

static uint64_t
word_classes(struct cues *c, int fam, const struct token *t)
{
	const struct cue_index *x = &c->index[fam];
	struct token w = *t;
	const struct cue *cue;
	const char *stem;
	uint64_t bits = KNOWN, pairs;
	int k, g;

	stem = stem_word(c->st[fam], t->s, t->len, &w.stemlen);
	w.stem = (char *)stem;
	pairs = byte_pairs(stem, w.stemlen);
	/* The exact words: the word itself, by its last byte. */
	g = LAST_BYTES + (unsigned char)t->s[t->len - 1];
	for (k = x->at[g]; k < x->at[g + 1]; k++) {
		cue = &c->of[fam][x->ids[k]];
		if (cue->len[0] == t->len &&
		    memcmp(cue->word[0], t->s, t->len) == 0)
			bits |= cue->nwords > 1 ? PHRASE :
			    (uint64_t)1 << cue->cls;
	}
	/* Stems that end the word's stem, by its last byte; then the rest. */
	if (w.stemlen > 0)
		bits |= stem_group(c, fam, (unsigned char)stem[w.stemlen - 1],
		    &w, t, pairs);
	bits |= stem_group(c, fam, GROUP_ANYWHERE, &w, t, pairs);
	return bits;
}

/*
 * A nynorsk s-passive ("styrkast", "gjennomførast") that the Norwegian
 * stemmer leaves whole: its classes are those of the infinitive.
 */
static uint64_t
passive_classes(struct cues *c, int fam, const struct token *t)
{
	struct token inf;
	char word[64];

	if (fam != FAM_NO || t->len < 6 || t->len - 2 >= sizeof word ||
	    memcmp(t->s + t->len - 3, "ast", 3) != 0)
		return 0;
	memcpy(word, t->s, t->len - 3);
	word[t->len - 3] = 'e';
	inf.s = word;
	inf.len = t->len - 2;
	return word_classes(c, fam, &inf);
}

/*
 * A word's key: short words (nearly all) are hashed and compared as two
 * numbers, longer ones by their bytes.  s[0..room) may be read.
 */
static void
word_key(const struct cues *c, const char *s, size_t len, size_t room,
    struct wkey *k)
{
	k->len = len;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * As hash_key_words(), without its branches on the length: words
	 * shorter and longer than eight bytes come in no order a predictor
	 * learns.  The first l bytes of a word kept: ~0 >> (64 - 8l), none
	 * when l is 0.
	 */
	if (room >= 16 && len <= KEY_BYTES) {
		size_t l0 = len < 8 ? len : 8, l1 = len - l0;

		memcpy(k->w, s, 16);
		k->w[0] &= (~(uint64_t)0 >> ((64 - 8 * l0) & 63)) &
		    -(uint64_t)(l0 != 0);
		k->w[1] &= (~(uint64_t)0 >> ((64 - 8 * l1) & 63)) &
		    -(uint64_t)(l1 != 0);
	} else
#endif
		hash_key_words(s, len, room, k->w);
	if (len > KEY_BYTES)
		k->hash = hash_bytes(s, len, c->seed);
	else
		k->hash = hash_words(k->w[0], k->w[1], len, c->seed);
}

static struct wslot *
wc_find(const struct wcache *wc, const struct wkey *k, const char *w)
{
	size_t i = (size_t)k->hash & (wc->cap - 1);
	struct wslot *sl;

	for (;; i = (i + 1) & (wc->cap - 1)) {
		sl = &wc->slot[i];
		if (sl->bits == 0 || (sl->hash == k->hash && sl->len == k->len &&
		    sl->w[0] == k->w[0] && sl->w[1] == k->w[1] &&
		    (k->len <= KEY_BYTES ||
		    memcmp(wc->words.data + sl->off, w, k->len) == 0)))
			return sl;
	}
}

/* The empty slot a word of hash h goes to. */
static struct wslot *
wc_empty(const struct wcache *wc, uint64_t h)
{
	size_t i = (size_t)h & (wc->cap - 1);

	while (wc->slot[i].bits != 0)
		i = (i + 1) & (wc->cap - 1);
	return &wc->slot[i];
}

/* An empty cache of cap slots; the words go too. */
static void
wc_reset(struct wcache *wc, size_t cap)
{
	free(wc->slot);
	wc->slot = xcalloc(cap, sizeof *wc->slot);
	wc->cap = cap;
	wc->count = 0;
	buf_clear(&wc->words);
}

static void
wc_put(struct wcache *wc, const struct wkey *k, const char *w, uint64_t bits)
{
	struct wslot *old = wc->slot, *sl;
	size_t oldcap = wc->cap, i;

	if (wc->count >= CACHE_WORDS)
		wc_reset(wc, wc->cap);
	else if ((wc->count + 1) * 2 > wc->cap) {
		wc->slot = xcalloc(oldcap ? 2 * oldcap : 1024, sizeof *wc->slot);
		wc->cap = oldcap ? 2 * oldcap : 1024;
		for (i = 0; i < oldcap; i++)
			if (old[i].bits != 0)
				*wc_empty(wc, old[i].hash) = old[i];
		free(old);
	}
	sl = wc_empty(wc, k->hash);
	sl->w[0] = k->w[0];
	sl->w[1] = k->w[1];
	sl->hash = k->hash;
	sl->bits = bits;
	sl->off = wc->words.len;
	sl->len = k->len;
	buf_add(&wc->words, w, k->len);
	wc->count++;
}

static uint64_t
cached_classes(struct cues *c, int fam, const struct token *t, const char *end)
{
	struct wcache *wc = &c->seen[fam];
	struct wslot *sl;
	struct wkey k;
	uint64_t bits;

	word_key(c, t->s, t->len, (size_t)(end - t->s), &k);
	if (wc->cap > 0 && (sl = wc_find(wc, &k, t->s))->bits != 0)
		return sl->bits;
	bits = word_classes(c, fam, t);
	if (bits == KNOWN)
		bits |= passive_classes(c, fam, t);
	wc_put(wc, &k, t->s, bits);
	return bits;
}

/* The classes of a word: from its hot slot if it is short, else the cache. */
static uint64_t
word_bits(struct cues *c, int fam, const struct token *t, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	struct hot *h;
	uint64_t w;

	/* (no word holds a NUL byte: its bytes and zeros after are it) */
	if (t->len <= HOT_BYTES && end - t->s >= HOT_BYTES) {
		memcpy(&w, t->s, HOT_BYTES);
		w &= ~(uint64_t)0 >> (64 - 8 * t->len);
		h = &c->hot[fam][(w * 0x9E3779B97F4A7C15ULL) >> (64 - HOT_BITS)];
		if (h->w != w) {
			h->bits = cached_classes(c, fam, t, end);
			h->w = w;
		}
		return h->bits;
	}
#endif
	return cached_classes(c, fam, t, end);
}

/*
 * An infinitive's mark before its verb, in any case: "to" in English,
 * "å" in Norwegian (where "to" is two: "To kommuner skal ...").
 */
static int
infinitive_mark(const struct token *t, int fam)
{
	if (t->len != 2)
		return 0;
	if (fam == FAM_EN)
		return (t->s[0] | 0x20) == 't' && (t->s[1] | 0x20) == 'o';
	return memcmp(t->s, "\xc3\xa5", 2) == 0 || memcmp(t->s, "\xc3\x85", 2) == 0;
}

void
cues_scan(struct cues *c, const char *lang, const char *s, size_t n,
    struct cue_hits *h)
{
	struct token *tok = c->tok;
	int fam = family(lang), ntok, i, j, k, stop_to[CUE_MAX_CLASSES];
	uint64_t bits, phrase, unsaid, stop_cls = 0, b;

	h->any = h->first = h->early = 0;
	ntok = tokenize(s, n, tok, MAX_TOKENS);
	for (i = 0; i < ntok; i++) {
		bits = word_bits(c, fam, &tok[i], s + n);
		phrase = unsaid = 0;
		/* (the words of a stop phrase met before, up to its last) */
		for (b = stop_cls; b != 0; b &= b - 1) {
			k = __builtin_ctzll(b);
			if (i <= stop_to[k])
				unsaid |= (uint64_t)1 << k;
			else
				stop_cls &= ~((uint64_t)1 << k);
		}
		if (bits & PHRASE)
			for (k = 0; k < c->nheads[fam]; k++) {
				const struct phrase_head *ph = &c->heads[fam][k];

				if (ph->len != tok[i].len || ph->w[0] != tok[i].s[0] ||
				    memcmp(ph->w, tok[i].s, ph->len) != 0)
					continue;
				for (j = ph->lo; j < ph->hi; j++) {
					const struct cue *cue =
					    &c->of[fam][c->phrases[fam][j]];

					/*
					 * A stop phrase ("!sårbare_barn",
					 * "!vil_få") takes its class from
					 * each of its words there.
					 */
					if (exact_at(cue, tok, ntok, i)) {
						if (cue->stop) {
							uint64_t bit = (uint64_t)1 << cue->cls;
							int end = i + cue->nwords - 1;

							unsaid |= bit;
							if (!(stop_cls & bit) ||
							    end > stop_to[cue->cls])
								stop_to[cue->cls] = end;
							stop_cls |= bit;
						} else
							phrase |= (uint64_t)1 << cue->cls;
					}
				}
				break;
			}
		bits = ((bits & ~unsaid) | phrase) & ~(KNOWN | PHRASE);
		h->any |= bits;
		/* "To gain ...", "Å styrke ...": the verb is the first word. */
		if (i == 0 || (i == 1 && infinitive_mark(&tok[0], fam)))
			h->first |= bits;
		if (i < CUE_EARLY_WORDS)
			h->early |= bits;
	}
}
