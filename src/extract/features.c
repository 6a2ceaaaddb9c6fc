/*
 * Features of a candidate.  They are meant to hold on documents nobody
 * tuned for: the category a rule or a section proposes, the classes of
 * cue words in the item and in its heading, the item's shape and length,
 * and the kind of date it holds.  No feature names a word of its own:
 * words come in through cue classes only.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "features.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

static const char *const kind_names[] = {
	"title", "heading", "bullet", "text", "meta"
};

/* By date kind; a calendar week is weighed as the range of days it is. */
static const char *const date_names[] = {
	"day", "days", "month", "season", "quarter", "end", "years", "year",
	"days"
};

#define DATE_HEADING_WORDS 6	/* "1. januar 2020", "Haust 2017 – haust 2019" */

/* Inline: most names are literals, whose lengths are then known. */
static inline void
add(struct buf *out, const char *a, const char *b)
{
	size_t la = strlen(a), lb = b != NULL ? strlen(b) : 0;
	char *p;

	if (out->cap - out->len <= 1 + la + lb)
		buf_reserve(out, 1 + la + lb);
	p = out->data + out->len;
	if (out->len > 0)
		*p++ = ' ';
	memcpy(p, a, la);
	memcpy(p + la, b != NULL ? b : "", lb);
	p[la + lb] = '\0';
	out->len = (size_t)(p - out->data) + la + lb;
}

static const char *
length_bucket(int w)
{
	if (w <= 2)
		return "1-2";
	if (w <= 5)
		return "3-5";
	if (w <= 12)
		return "6-12";
	if (w <= 25)
		return "13-25";
	if (w <= 50)
		return "26-50";
	return "51+";
}

/* Pairs of evidence that mean more together than apart. */
static const struct {
	const char *a, *b, *name;
} conjunctions[] = {
	{ "event-verb", "date", "x=event+date" },
	{ "goal-modal", "date", "x=modal+date" },
	{ "time-word", "date", "x=time+date" },
	{ "goal-modal", "goal-verb", "x=modal+goal-verb" },
	{ "purpose", "goal-verb", "x=purpose+goal-verb" },
	{ "contribute", "goal-verb", "x=contribute+goal-verb" },
	{ "negation", "event-verb", "x=negation+event-verb" },
	{ "negation", "goal-verb", "x=negation+goal-verb" },
	{ "negation", "goal-modal", "x=negation+modal" },
	{ "problem-word", "problem-noun", "x=problem-word+noun" },
};

#define NCONJ (sizeof conjunctions / sizeof conjunctions[0])

/* The cue classes of a text seen last: a heading or lead stays for many candidates. */
struct scanned {
	struct buf text;
	const char *lang;
	struct cue_hits hits;
	int valid;
	int date_kind;		/* of a short heading that is a date, -1 none */
};

/*
 * Texts scanned lately, whatever their role: a block's lead is the
 * block before it, scanned already as a sentence of its own.
 */
#define RECENT 4

/* Classes whose place counts: "Kommunen skal ...", "The project was started ...". */
static const char *const early_classes[] = {
	"goal-modal", "goal-verb", "event-verb", "negation",
};

#define NEARLY (sizeof early_classes / sizeof early_classes[0])

/*
 * A feature's name is made of up to four parts, each a string that lives
 * as long as the program (a literal, a class or a rule name): with a
 * model to decide by and no names to write, a name's weights are found
 * by its parts' addresses, and the name is neither written nor parsed.
 * What model_decide would do with the names written, space-separated:
 * each piece between spaces looked up, the weights added in order.
 */
#define WEIGHED 2048		/* names whose weights are kept, a power of two */
#define PIECES 4		/* a name's pieces between spaces, at most */
#define CACHE_LINE 64		/* bytes */

/*
 * A name of one piece (all of ours) and its weights, 0 where the model
 * does not know it: adding 0 to a sum that started at +0 changes no bit.
 * One cache line: the names of a run are a few hundred, and a slot of
 * two or three lines each kept them out of the nearest cache.  A name of
 * several pieces is not kept; it is looked up whenever it comes.
 */
struct weighed {
	const char *part[4];	/* part[0] NULL: an empty slot */
	double w[MODEL_NCAT];
};

/* Where a candidate stands (see place_features), and its weights. */
#define PLACES 64		/* a power of two */

struct place {
	const char *basis, *rule, *span, *dist;
	unsigned flags;		/* the rest, bit 11 set: 0 is an empty slot */
	int spilled;
	double sum[MODEL_NCAT];
};

struct featurizer {
	struct cues *cues;
	struct date_memo *dates;	/* the extractor's */
	uint64_t conj_a[NCONJ], conj_b[NCONJ];	/* class bits; b 0: a date */
	uint64_t early_bit[NEARLY];
	struct buf folded;
	struct scanned section, lead, label, topic;
	struct scanned recent[RECENT];
	int next_recent;
	const struct model *model;	/* non-NULL: weigh, write no names */
	struct weighed *weighed;	/* WEIGHED, on a cache line each */
	void *weighed_mem;
	struct place places[PLACES];
	struct buf name;
	double sum[MODEL_NCAT];	/* of the candidate's weights so far */
	int spilled;		/* a name of too many pieces was met */
};

/*
 * The weights of the name a b c d, for the slot wd: 1 when it is of one
 * piece or none and wd holds it now; 0 when it is of several, whose
 * weights are then added here in order (or none, with spilled set when
 * they are more than PIECES).  Seldom called: not inline.
 */
static __attribute__((noinline)) int
weigh_name(struct featurizer *fz, struct weighed *wd, const char *a,
    const char *b, const char *c, const char *d)
{
	const double *w[PIECES];
	const char *p;
	size_t i, k;
	int n = 0, j, m;

	buf_clear(&fz->name);
	buf_adds(&fz->name, a);
	if (b != NULL)
		buf_adds(&fz->name, b);
	if (c != NULL)
		buf_adds(&fz->name, c);
	if (d != NULL)
		buf_adds(&fz->name, d);
	for (i = 0, p = fz->name.data; i < fz->name.len; i += k + 1) {
		k = strcspn(p + i, " ");
		if (k == 0)
			continue;
		if (n == PIECES) {
			fz->spilled = 1;
			return 0;
		}
		w[n++] = model_weights(fz->model, p + i, k);
	}
	if (n > 1) {
		for (j = 0; j < n; j++) {
			if (w[j] == NULL)
				continue;
			for (m = 0; m < MODEL_NCAT; m++)
				fz->sum[m] += w[j][m];
		}
		return 0;
	}
	if (n == 1 && w[0] != NULL)
		memcpy(wd->w, w[0], sizeof wd->w);
	else
		memset(wd->w, 0, sizeof wd->w);
	wd->part[0] = a;
	wd->part[1] = b;
	wd->part[2] = c;
	wd->part[3] = d;
	return 1;
}

/* Inline: called for every feature; a name not seen lately is rare. */
static inline void
weigh(struct featurizer *fz, const char *a, const char *b, const char *c,
    const char *d)
{
	struct weighed *wd;
	uint64_t h;
	int k;

	h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15ULL ^
	    (uint64_t)(uintptr_t)b * 0xC2B2AE3D27D4EB4FULL ^
	    (uint64_t)(uintptr_t)c * 0x165667B19E3779F9ULL ^
	    (uint64_t)(uintptr_t)d * 0xFF51AFD7ED558CCDULL;
	wd = &fz->weighed[(h ^ h >> 29) & (WEIGHED - 1)];
	if ((wd->part[0] != a || wd->part[1] != b || wd->part[2] != c ||
	    wd->part[3] != d) && !weigh_name(fz, wd, a, b, c, d))
		return;
	for (k = 0; k < MODEL_NCAT; k++)
		fz->sum[k] += wd->w[k];
}

/* The name a b c d written out. */
static __attribute__((noinline)) void
write_name(struct buf *out, const char *a, const char *b, const char *c,
    const char *d)
{
	add(out, a, b);
	if (c != NULL)
		buf_adds(out, c);
	if (d != NULL)
		buf_adds(out, d);
}

/*
 * The feature named a b c d (b, c, d may be NULL): written, or weighed.
 * (Both ways are out of line but the weighing itself, so that this
 * stays small enough to be inlined where it is called, some dozens of
 * times a candidate.)
 */
static inline void
put(struct featurizer *fz, struct buf *out, const char *a, const char *b,
    const char *c, const char *d)
{
	if (fz->model != NULL)
		weigh(fz, a, b, c, d);
	else
		write_name(out, a, b, c, d);
}

struct featurizer *
features_new(struct cues *cues, struct date_memo *dates)
{
	struct featurizer *fz = xcalloc(1, sizeof *fz);
	size_t i;

	fz->cues = cues;
	fz->dates = dates;
	for (i = 0; i < NCONJ; i++) {
		fz->conj_a[i] = cues_class_bit(cues, conjunctions[i].a);
		fz->conj_b[i] = cues_class_bit(cues, conjunctions[i].b);
	}
	for (i = 0; i < NEARLY; i++)
		fz->early_bit[i] = cues_class_bit(cues, early_classes[i]);
	return fz;
}

void
features_decide_by(struct featurizer *fz, const struct model *m)
{
	fz->model = m;
	if (m != NULL && fz->weighed == NULL) {
		/* (the table at a line's start, so that a slot is one line) */
		fz->weighed_mem = xcalloc(1, WEIGHED * sizeof *fz->weighed +
		    CACHE_LINE);
		fz->weighed = (struct weighed *)(((uintptr_t)fz->weighed_mem +
		    CACHE_LINE - 1) & ~(uintptr_t)(CACHE_LINE - 1));
	}
}

enum category
features_decide(struct featurizer *fz, const struct model *m,
    const char *names, size_t len, double scores[MODEL_NCAT])
{
	if (fz->model == NULL || fz->model != m)
		return model_decide(m, names, len, scores);
	memcpy(scores, fz->sum, sizeof fz->sum);
	return model_choose(m, scores);
}

void
features_free(struct featurizer *fz)
{
	int i;

	if (fz == NULL)
		return;
	for (i = 0; i < RECENT; i++)
		buf_free(&fz->recent[i].text);
	buf_free(&fz->folded);
	buf_free(&fz->section.text);
	buf_free(&fz->lead.text);
	buf_free(&fz->label.text);
	buf_free(&fz->topic.text);
	buf_free(&fz->name);
	free(fz->weighed_mem);
	free(fz);
}

static void
conjunction_features(struct featurizer *fz, uint64_t any, int dated,
    struct buf *out)
{
	size_t i;

	for (i = 0; i < NCONJ; i++) {
		if (!(any & fz->conj_a[i]))
			continue;
		if (fz->conj_b[i] == 0 ? dated : (any & fz->conj_b[i]) != 0)
			put(fz, out, conjunctions[i].name, NULL, NULL, NULL);
	}
}

static int
same_text(const struct scanned *t, const char *lang, const char *s, size_t n)
{
	return t->valid && t->lang == lang && t->text.len == n &&
	    memcmp(t->text.data, s, n) == 0;
}

/* The cue classes of s[0..n), from a recent scan where there is one. */
static void
scan_cues(struct featurizer *fz, const char *lang, const char *s, size_t n,
    struct cue_hits *h)
{
	struct scanned *t;
	int i;

	for (i = 0; i < RECENT; i++)
		if (same_text(&fz->recent[i], lang, s, n)) {
			*h = fz->recent[i].hits;
			return;
		}
	buf_clear(&fz->folded);
	text_fold(&fz->folded, s, n);
	cues_scan(fz->cues, lang, fz->folded.data, fz->folded.len, h);
	t = &fz->recent[fz->next_recent];
	fz->next_recent = (fz->next_recent + 1) % RECENT;
	buf_clear(&t->text);
	buf_add(&t->text, s, n);
	t->hits = *h;
	t->lang = lang;
	t->valid = 1;
}

/*
 * Of a section, a label, a topic or a lead, the bytes looked at: far more
 * than the words the cue scan takes (MAX_TOKENS), and so few that such a
 * text, the same for every sentence after it, is not compared whole each
 * time (a first sentence of megabytes was, for each of thousands).
 */
#define CONTEXT_BYTES 8192

static uint64_t
cue_features(struct featurizer *fz, const char *lang, const char *prefix,
    const char *s, size_t n, struct scanned *last, struct buf *out)
{
	struct cues *cues = fz->cues;
	struct cue_hits h;
	uint64_t bits;
	size_t k;
	int i, nc = cues_nclasses(cues);

	if (last != NULL && n > CONTEXT_BYTES) {
		/* (not inside a character) */
		for (n = CONTEXT_BYTES; n > 0 &&
		    ((unsigned char)s[n] & 0xC0) == 0x80; n--)
			;
	}
	if (last != NULL && same_text(last, lang, s, n))
		h = last->hits;
	else {
		scan_cues(fz, lang, s, n, &h);
		if (last != NULL) {
			last->date_kind = -2;	/* not looked at yet */
			buf_clear(&last->text);
			buf_add(&last->text, s, n);
			last->hits = h;
			last->lang = lang;
			last->valid = 1;
		}
	}
	/* The classes found, in order: the lowest bit left each time. */
	for (bits = h.any; bits != 0; bits &= bits - 1) {
		i = __builtin_ctzll(bits);
		if (i >= nc)
			break;
		/* "cue=goal-noun", and "cue0=goal-noun" in the first word. */
		put(fz, out, prefix, "=", cues_class_name(cues, i), NULL);
		if (h.first >> i & 1) {
			put(fz, out, prefix, "0=", cues_class_name(cues, i), NULL);
		}
	}
	/* Only the item's own words have places that count. */
	for (k = 0; last == NULL && k < NEARLY; k++)
		if (h.early & fz->early_bit[k] & ~h.first) {
			put(fz, out, prefix, "<5=", early_classes[k], NULL);
		}
	return h.any;
}

#define TITLE_WORDS 3	/* words of letters a name in title case has at least */

/*
 * Whether most words of letters begin with a capital: an English name
 * or title ("Leadership Training Conference January 16-18"), not prose.
 */
/* A word's first character beyond ASCII, at s[0..n): counted as title_cased() does. */
static void
count_initial(const char *s, size_t n, int *words, int *upper)
{
	int32_t cp;

	if (utf8_decode(s, n, &cp) <= 0)
		return;
	if (cp_is_word(cp) && !(cp >= '0' && cp <= '9')) {
		(*words)++;
		*upper += cp_is_upper(cp);
	}
}

static int
title_cased(const char *s, size_t n)
{
	size_t i = 0;
	int words = 0, upper = 0, after_space = 1;

	/*
	 * Only a word's first character is looked at: at the start and
	 * after a space.  Eight bytes at a time, those that follow a space
	 * told by a mask, their ASCII letters counted at once (a candidate's
	 * every word was stopped at in turn, a tenth of weighing it).
	 */
#if !defined(SAMLING_NO_SIMD) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, sp, first, t, cap, small, high;

		/*
		 * Prose is told before its end: a word begins after a space,
		 * so s[i..n) begins (n - i) / 2 + 1 more at most, and were
		 * all capitals they would not make seven in ten.
		 */
		if ((i & 63) == 0 && 3 * ((size_t)upper + (n - i) / 2 + 1) <
		    7 * (size_t)(words - upper))
			return 0;
		memcpy(&w, s + i, 8);
		sp = text_byte_mask(w, ' ');
		first = (sp << 8) | (after_space ? 0x80 : 0);
		after_space = (int)(sp >> 63);
		/* A-Z and a-z: at least the first, not past the last (7 bits) */
		t = w & ~highs;
		cap = (t + ones * (0x80 - 'A')) & ~(t + ones * (0x80 - 'Z' - 1)) &
		    ~w & first;
		small = (t + ones * (0x80 - 'a')) & ~(t + ones * (0x80 - 'z' - 1)) &
		    ~w & first;
		/* (one bit a byte at most: the multiply sums them in the top byte) */
		words += (int)((((cap | small) >> 7) * ones) >> 56);
		upper += (int)(((cap >> 7) * ones) >> 56);
		for (high = w & highs & first; high != 0; high &= high - 1) {
			size_t k = i + (size_t)__builtin_ctzll(high) / 8;

			count_initial(s + k, n - k, &words, &upper);
		}
	}
#endif
	for (; i < n; i++) {
		if (after_space) {
			unsigned char c = (unsigned char)s[i];

			if (c >= 0x80)
				count_initial(s + i, n - i, &words, &upper);
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
				words++;
				upper += c <= 'Z';
			}
		}
		after_space = s[i] == ' ';
	}
	return words >= TITLE_WORDS && upper * 10 >= words * 7;
}

static void
shape_features(struct featurizer *fz, const char *s, size_t n,
    int colon_end, struct buf *out)
{
	int32_t cp;
	size_t last = n;

	if (n == 0)
		return;
	utf8_decode(s, n, &cp);
	if (cp >= '0' && cp <= '9')
		put(fz, out, "shape=digit0", NULL, NULL, NULL);
	else if (cp_is_upper(cp))
		put(fz, out, "shape=upper0", NULL, NULL, NULL);
	else
		put(fz, out, "shape=lower0", NULL, NULL, NULL);
	while (last > 0 && s[last - 1] == ' ')
		last--;
	/* (an item's text is written with no colon at its end: the caller says) */
	if (colon_end)
		put(fz, out, "shape=colon-end", NULL, NULL, NULL);
	else if (last > 0) {
		switch (s[last - 1]) {
		case '?':
			put(fz, out, "shape=question", NULL, NULL, NULL);
			break;
		case '.':
		case '!':
			put(fz, out, "shape=stop-end", NULL, NULL, NULL);
			break;
		default:
			put(fz, out, "shape=open-end", NULL, NULL, NULL);
		}
	}
	if (memchr(s, ':', last > 0 ? last - 1 : 0) != NULL)
		put(fz, out, "shape=colon", NULL, NULL, NULL);
	if (title_cased(s, n))
		put(fz, out, "shape=titlecase", NULL, NULL, NULL);
}

/* Whether s[0..n) has a letter outside d: "2026" alone is no item. */
static int
only_date(const char *s, size_t n, const struct date *d)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i == d->start)
			i = d->end;
		/* an ASCII letter, or the lead byte of one beyond (Å, ø) */
		if (i < n && (isalpha((unsigned char)s[i]) ||
		    (unsigned char)s[i] >= 0xc0))
			return 0;
	}
	return 1;
}

static int
date_features(struct featurizer *fz, const char *s, size_t n, struct buf *out,
    int *only)
{
	struct date d, e;
	int count = 0;

	*only = 0;
	if (!date_find_memo(fz->dates, s, n, 0, &d)) {
		put(fz, out, "date=none", NULL, NULL, NULL);
		return 0;
	}
	*only = only_date(s, n, &d);
	put(fz, out, "date=", date_names[d.kind], NULL, NULL);
	if (date_yearless(&d))
		put(fz, out, "date=yearless", NULL, NULL, NULL);
	if (d.start <= 2)
		put(fz, out, "date=at-start", NULL, NULL, NULL);
	if (d.end + 2 >= n)
		put(fz, out, "date=at-end", NULL, NULL, NULL);
	if (d.start > 0 && d.end + 2 < n)
		put(fz, out, "date=inside", NULL, NULL, NULL);
	while (count < 3 && date_find_memo(fz->dates, s, n, d.end, &e)) {
		d = e;
		count++;
	}
	if (count > 0)
		put(fz, out, "date=several", NULL, NULL, NULL);
	return 1;
}

static const char *const cats[] = { "none", "goal", "milestone", "pitfall" };

/*
 * The features of where a candidate stands and what proposed it, the
 * first of every candidate's, before any of its text.
 */
static void
put_place(struct featurizer *fz, const struct candidate *c, const char *dist,
    struct buf *out)
{
	put(fz, out, "bias", NULL, NULL, NULL);
	put(fz, out, "p=", cats[c->proposed], NULL, NULL);
	put(fz, out, "b=", c->basis, NULL, NULL);
	if (c->rule != NULL)
		put(fz, out, "r=", c->rule, NULL, NULL);
	if (c->span != NULL)
		put(fz, out, "span=", c->span, NULL, NULL);
	put(fz, out, "sec=", cats[c->section], NULL, NULL);
	/* A heading's reach fades: the blocks right under it are its own. */
	if (dist != NULL)
		put(fz, out, "secdist=", dist, "&sec=", cats[c->section]);
	put(fz, out, "kind=", kind_names[c->kind], NULL, NULL);
	put(fz, out, "kind=", kind_names[c->kind], "&sec=", cats[c->section]);
	put(fz, out, "p=", cats[c->proposed], "&sec=", cats[c->section]);
	put(fz, out, "p=", cats[c->proposed], "&kind=", kind_names[c->kind]);
	if (c->level > 0) {
		put(fz, out, "level>0", NULL, NULL, NULL);
		put(fz, out, "level>0&sec=", cats[c->section], NULL, NULL);
	}
	if (c->unit == 0)
		put(fz, out, "unit=0", NULL, NULL, NULL);
	if (c->nth == 0)
		put(fz, out, "nth=first", NULL, NULL, NULL);
	if (c->nth_sentence > 0)
		put(fz, out, "sentence>0", NULL, NULL, NULL);
}

/*
 * put_place(), or with a model to weigh by, the weights it adds up to
 * from a recent candidate that stood alike: they are the first added,
 * so the sums are the same to the bit, and most candidates of a
 * document stand in a few such places.
 */
static void
place_features(struct featurizer *fz, const struct candidate *c,
    struct buf *out)
{
	struct place key, *p;
	const char *dist = NULL;
	unsigned h;

	if (c->section != CAT_NONE && c->section_distance >= 0)
		dist = c->section_distance <= 1 ? "1" :
		    c->section_distance <= 3 ? "2-3" : "4+";
	if (fz->model == NULL) {
		put_place(fz, c, dist, out);
		return;
	}
	memset(&key, 0, sizeof key);
	key.basis = c->basis;
	key.rule = c->rule;
	key.span = c->span;
	key.dist = dist;
	key.flags = (unsigned)c->proposed | (unsigned)c->section << 2 |
	    (unsigned)c->kind << 4 | (unsigned)(c->level > 0) << 7 |
	    (unsigned)(c->unit == 0) << 8 | (unsigned)(c->nth == 0) << 9 |
	    (unsigned)(c->nth_sentence > 0) << 10 | 1u << 11;
	h = key.flags ^ (unsigned)((uintptr_t)key.rule >> 4) ^
	    (unsigned)((uintptr_t)key.span >> 4);
	p = &fz->places[(h ^ h >> 7) & (PLACES - 1)];
	if (p->flags == key.flags && p->basis == key.basis &&
	    p->rule == key.rule && p->span == key.span && p->dist == key.dist) {
		memcpy(fz->sum, p->sum, sizeof fz->sum);
		fz->spilled |= p->spilled;
		return;
	}
	put_place(fz, c, dist, out);
	*p = key;
	memcpy(p->sum, fz->sum, sizeof p->sum);
	p->spilled = fz->spilled;
}

static int
build(struct featurizer *fz, const struct candidate *c, const char *s,
    size_t n, struct buf *out)
{
	uint64_t any;
	int dated, only;
	struct date d;

	buf_clear(out);
	place_features(fz, c, out);
	put(fz, out, "len=", length_bucket(text_words(s, n)), NULL, NULL);
	shape_features(fz, s, n, c->colon_end, out);
	dated = date_features(fz, s, n, out, &only);
	/* Cue words count in the whole sentence: "har som mål å X". */
	any = cue_features(fz, c->lang, "cue", c->context != NULL ? c->context :
	    s, c->context != NULL ? c->contextlen : n, NULL, out);
	conjunction_features(fz, any, dated, out);
	if (c->section_text != NULL && *c->section_text != '\0') {
		size_t sl = strlen(c->section_text);

		cue_features(fz, c->lang, "seccue", c->section_text, sl,
		    &fz->section, out);
		/*
		 * A timeline: headings that are dates ("Juni", "Haust 2017"),
		 * looked at once a heading like its cue words.
		 */
		if (fz->section.date_kind == -2)
			fz->section.date_kind = text_words(c->section_text, sl) <=
			    DATE_HEADING_WORDS && date_find(c->section_text, sl, 0,
			    &d) ? (int)d.kind : -1;
		if (fz->section.date_kind >= 0)
			put(fz, out, "secdate=",
			    date_names[fz->section.date_kind], NULL, NULL);
	}
	if (c->label != NULL)
		cue_features(fz, c->lang, "lblcue", c->label, c->labellen,
		    &fz->label, out);
	/* A slide's or a paragraph's first sentence names what follows. */
	if (c->topic != NULL)
		cue_features(fz, c->lang, "topcue", c->topic, c->topiclen,
		    &fz->topic, out);
	if (c->lead != NULL && c->leadlen > 0) {
		size_t ll = c->leadlen;

		cue_features(fz, c->lang, "leadcue", c->lead, ll, &fz->lead, out);
		if (c->lead[ll - 1] == ':')
			put(fz, out, "lead=colon-end", NULL, NULL, NULL);
	}
	return only;
}

int
features_of(struct featurizer *fz, const struct candidate *c, const char *s,
    size_t n, struct buf *out)
{
	int only;

	memset(fz->sum, 0, sizeof fz->sum);
	fz->spilled = 0;
	only = build(fz, c, s, n, out);
	if (fz->spilled) {
		/* (Never with our names.)  Names written from now on. */
		fz->model = NULL;
		only = build(fz, c, s, n, out);
	}
	return only;
}
