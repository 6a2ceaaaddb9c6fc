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

struct featurizer {
	struct cues *cues;
	struct date_memo *dates;	/* the extractor's */
	uint64_t conj_a[NCONJ], conj_b[NCONJ];	/* class bits; b 0: a date */
	uint64_t early_bit[NEARLY];
	struct buf folded;
	struct scanned section, lead, label, topic;
	struct scanned recent[RECENT];
	int next_recent;
};

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
	free(fz);
}

static void
conjunction_features(const struct featurizer *fz, uint64_t any, int dated,
    struct buf *out)
{
	size_t i;

	for (i = 0; i < NCONJ; i++) {
		if (!(any & fz->conj_a[i]))
			continue;
		if (fz->conj_b[i] == 0 ? dated : (any & fz->conj_b[i]) != 0)
			add(out, conjunctions[i].name, NULL);
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
		add(out, prefix, "=");
		buf_adds(out, cues_class_name(cues, i));
		if (h.first >> i & 1) {
			add(out, prefix, "0=");
			buf_adds(out, cues_class_name(cues, i));
		}
	}
	/* Only the item's own words have places that count. */
	for (k = 0; last == NULL && k < NEARLY; k++)
		if (h.early & fz->early_bit[k] & ~h.first) {
			add(out, prefix, "<5=");
			buf_adds(out, early_classes[k]);
		}
	return h.any;
}

#define TITLE_WORDS 3	/* words of letters a name in title case has at least */

/*
 * Whether most words of letters begin with a capital: an English name
 * or title ("Leadership Training Conference January 16-18"), not prose.
 */
static int
title_cased(const char *s, size_t n)
{
	size_t i;
	int32_t cp;
	int words = 0, upper = 0;

	/* Only a word's first character is looked at: after a space. */
	for (i = 0; i < n; i = text_next_of(s, i, n, ' ', ' ', ' ') + 1) {
		if ((unsigned char)s[i] < 0x80) {
			/* (an ASCII word of letters: cp_is_word and no digit) */
			cp = (unsigned char)s[i];
			if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
				words++;
				upper += cp <= 'Z';
			}
			continue;
		}
		if (utf8_decode(s + i, n - i, &cp) <= 0)
			continue;
		if (cp_is_word(cp) && !(cp >= '0' && cp <= '9')) {
			words++;
			upper += cp_is_upper(cp);
		}
	}
	return words >= TITLE_WORDS && upper * 10 >= words * 7;
}

static void
shape_features(const char *s, size_t n, struct buf *out)
{
	int32_t cp;
	size_t last = n;

	if (n == 0)
		return;
	utf8_decode(s, n, &cp);
	if (cp >= '0' && cp <= '9')
		add(out, "shape=digit0", NULL);
	else if (cp_is_upper(cp))
		add(out, "shape=upper0", NULL);
	else
		add(out, "shape=lower0", NULL);
	while (last > 0 && s[last - 1] == ' ')
		last--;
	if (last > 0) {
		switch (s[last - 1]) {
		case ':':
			add(out, "shape=colon-end", NULL);
			break;
		case '?':
			add(out, "shape=question", NULL);
			break;
		case '.':
		case '!':
			add(out, "shape=stop-end", NULL);
			break;
		default:
			add(out, "shape=open-end", NULL);
		}
	}
	if (memchr(s, ':', last > 0 ? last - 1 : 0) != NULL)
		add(out, "shape=colon", NULL);
	if (title_cased(s, n))
		add(out, "shape=titlecase", NULL);
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
		add(out, "date=none", NULL);
		return 0;
	}
	*only = only_date(s, n, &d);
	add(out, "date=", date_names[d.kind]);
	if (date_yearless(&d))
		add(out, "date=yearless", NULL);
	if (d.start <= 2)
		add(out, "date=at-start", NULL);
	if (d.end + 2 >= n)
		add(out, "date=at-end", NULL);
	if (d.start > 0 && d.end + 2 < n)
		add(out, "date=inside", NULL);
	while (count < 3 && date_find_memo(fz->dates, s, n, d.end, &e)) {
		d = e;
		count++;
	}
	if (count > 0)
		add(out, "date=several", NULL);
	return 1;
}

int
features_of(struct featurizer *fz, const struct candidate *c, const char *s,
    size_t n, struct buf *out)
{
	static const char *const cats[] = { "none", "goal", "milestone",
		"pitfall" };
	uint64_t any;
	int dated, only;
	struct date d;

	buf_clear(out);
	add(out, "bias", NULL);
	add(out, "p=", cats[c->proposed]);
	add(out, "b=", c->basis);
	if (c->rule != NULL)
		add(out, "r=", c->rule);
	if (c->span != NULL)
		add(out, "span=", c->span);
	add(out, "sec=", cats[c->section]);
	/* A heading's reach fades: the blocks right under it are its own. */
	if (c->section != CAT_NONE && c->section_distance >= 0) {
		add(out, "secdist=", c->section_distance <= 1 ? "1" :
		    c->section_distance <= 3 ? "2-3" : "4+");
		buf_adds(out, "&sec=");
		buf_adds(out, cats[c->section]);
	}
	add(out, "kind=", kind_names[c->kind]);
	add(out, "kind=", kind_names[c->kind]);
	buf_adds(out, "&sec=");
	buf_adds(out, cats[c->section]);
	add(out, "p=", cats[c->proposed]);
	buf_adds(out, "&sec=");
	buf_adds(out, cats[c->section]);
	add(out, "p=", cats[c->proposed]);
	buf_adds(out, "&kind=");
	buf_adds(out, kind_names[c->kind]);
	if (c->level > 0) {
		add(out, "level>0", NULL);
		add(out, "level>0&sec=", cats[c->section]);
	}
	if (c->unit == 0)
		add(out, "unit=0", NULL);
	if (c->nth == 0)
		add(out, "nth=first", NULL);
	if (c->nth_sentence > 0)
		add(out, "sentence>0", NULL);
	add(out, "len=", length_bucket(text_words(s, n)));
	shape_features(s, n, out);
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
			add(out, "secdate=", date_names[fz->section.date_kind]);
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
			add(out, "lead=colon-end", NULL);
	}
	return only;
}
