/*
 * From blocks to items.  For every block, in this order:
 *
 *   1. Headings and slide titles open and close sections: a section rule,
 *      or a goal, pitfall or milestone noun among a short heading's cue
 *      words, gives the section its category; a heading that follows a
 *      section heading directly is a sub-heading inside it (plans written
 *      as plain text give every heading the same level).  A bullet that
 *      is nothing but a section name ("Formål") is a sub-heading too.
 *   2. A block under a section of a category is proposed as an item of
 *      it (bullets at the section's first bullet level; text sentences
 *      when the lead rules of that category, if any, accept them).
 *   3. Anything else is cut into sentences, and each sentence goes
 *      through the skip, label, keyword and date rules, first match
 *      proposes; a sentence none matches is a candidate too.
 *   4. emit() cuts a candidate sentence into clauses and enumerations,
 *      features.c describes each piece, and the model (model.c) decides
 *      its category or that it is none; write_item() writes it.
 *
 * The document's own date (from meta rows, the document title, or a
 * docdate rule in the first blocks) gives days without a year their
 * year; the block it came from, and cover titles with that same date,
 * are not items.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "date.h"
#include "cues.h"
#include "extract.h"
#include "features.h"
#include "hash.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

#define WINDOW 40		/* blocks held back to learn the document */
#define MAX_DEPTH 32		/* open sections */
#define MAX_SPLITS 256		/* cuts of a split rule or of a table, a block */
#define SPLIT_BYTES 16384	/* a segment cut further into pieces, at most */
#define RANK_BULLET 100		/* bullet sub-headings rank below headings */
#define DOCDATE_BLOCKS 8	/* docdate rules look at the first blocks only */
#define DATELINE_WORDS 16	/* "Bodø, 3. april 2019", "Publisert 02.02.2024 ..." */
#define MAX_DATES 16		/* dates of a sentence looked at by form */
#define MAX_MARKERS 16		/* languages told apart */
#define MAX_SUBS 4		/* spans inside a clause tried beside it */

struct held {
	struct block b;
	char *text;
	int excluded;		/* the document's date line or its cover */
	uint64_t *bits;		/* prefilter hits, when scanned already */
	int digit;
};

struct section {
	int rank;		/* effective depth: 0 title, 1+ headings */
	int src_rank;		/* depth as the blocks gave it */
	long unit;
	unsigned long block;	/* the block that opened it */
	enum category cat;
	int dated_only, first_only, nested;
	int bullets_only;	/* a headline's: its list, not the text under it */
	int has_content;	/* a block came under it */
	int item_level;		/* bullet level of its items, -1 unknown */
	int last_upper;		/* the last item began with a capital */
	const struct rule *rule;
	struct date date;	/* first_only: the date of the heading */
	char *text;
};

struct segment {
	size_t start, end;
};

struct extractor {
	const struct lexicon *lx;
	struct ex_options opt;
	struct csvwriter *w;
	char *source;
	struct held win[WINDOW];
	int nwin, streaming;
	long unit;		/* of the block at hand */
	enum block_kind bkind;	/* its kind and level */
	int blevel;
	int nth;		/* its place in its unit, from 0 */
	long nth_unit;
	int nth_sentence;	/* the sentence at hand in it */
	int after_list;		/* a paragraph after its section's list, or
				   under a headline's section */
	struct buf label;	/* the last inline "Resultatmål:" of the block */
	const char *sent;	/* the sentence a rule matched in, if any */
	size_t sentlen;
	struct buf feat;	/* the features of the candidate at hand */
	/* A clause and its spans, scored: their texts and features kept. */
	struct buf kept_item[MAX_SUBS + 1], kept_feat[MAX_SUBS + 1];
	struct buf why;		/* what decided it, for --explain */
	struct featurizer *fz;
	struct buf lead;	/* the block before a list, or before the block */
	struct buf part_lead;	/* the words before an enumeration's parts */
	struct buf last_lead;	/* the last block that was no bullet */
	long lead_from;		/* where its last sentence begins, -1 unknown */
	char lang[8];
	char doc_lang[8];	/* the document's, from its blocks; "" none */
	const struct ruleset *rs;	/* the rules of lang */
	const char *date_s;	/* the text seg_date is about */
	size_t date_n;
	int seg_date;		/* it has a date: 1, 0, or -1 unknown */
	int maybe;		/* the block has a stem or a digit */
	struct date dates[MAX_DATES];	/* its dates, when seg_date is 1 */
	struct date_memo dates_asked;	/* texts searched for dates lately */
	int ndates;
	int has_docdate;
	struct date docdate;
	int doc_year;
	struct section stack[MAX_DEPTH];
	int depth;
	struct pf_hits hits;
	struct pf_hits inner;	/* a held block's hits, from its padded scan */
	struct segment *seg;	/* the sentences of the block at hand */
	int segcap;
	int nseg;
	int nsplit;		/* cuts made by split rules in the last segment() */
	unsigned long blockno;	/* blocks processed, to know a block again */
	unsigned long seg_block;	/* the block seg[] was cut from */
	const char *seg_text;
	size_t seg_len;
	struct buf item, section, codes, scratch;
	const char *dated_by;	/* a date heading written before the item */
	uint64_t *seen;		/* hashes of items written in this document */
	size_t nseen, seencap;
};

static int
scope_of(enum block_kind k)
{
	static const int sc[] = { SC_TITLE, SC_HEADING, SC_BULLET, SC_TEXT,
		SC_META };

	return sc[k];
}

struct extractor *
ex_new(const struct lexicon *lx, const struct ex_options *opt,
    struct csvwriter *w)
{
	struct extractor *x = xcalloc(1, sizeof *x);

	x->lx = lx;
	x->opt = *opt;
	x->w = w;
	x->fz = features_new(opt->cues, &x->dates_asked);
	if (!opt->explain && !opt->features)
		features_decide_by(x->fz, opt->model);
	pf_hits_init(lx->pf, &x->hits);
	pf_hits_init(lx->pf, &x->inner);
	return x;
}

/* ---- matching ---- */

/* Whether any rule the sentences go through may match this block. */
static int
cascade_candidates(const struct extractor *x)
{
	const struct ruleset *rs = x->rs;
	int i;

	if (rs->always || (rs->digit && x->hits.digit))
		return 1;
	for (i = 0; i < x->hits.nwords && i < rs->nmask; i++)
		if (x->hits.bits[i] & rs->mask[i])
			return 1;
	return 0;
}

/* The dates of the text at hand, once. */
static void
find_dates(struct extractor *x, const char *s, size_t n)
{
	size_t from = 0;

	x->ndates = 0;
	while (x->ndates < MAX_DATES &&
	    date_find_memo(&x->dates_asked, s, n, from, &x->dates[x->ndates])) {
		from = x->dates[x->ndates].end;
		x->ndates++;
	}
	x->seg_date = x->ndates > 0;
}

/*
 * The first rule of a kind that matches s[0..n), in lexicon order.
 * whole: the match must cover all of s.
 */
static const struct rule *
match_kind(struct extractor *x, enum rule_kind kind, int scope,
    const char *s, size_t n, int whole, struct rx_match *m)
{
	const struct ruleset *rs = x->rs;
	int i, k;

	if (s != x->date_s || n != x->date_n) {
		x->date_s = s;
		x->date_n = n;
		x->seg_date = -1;
	}
	if (!kind_may_run(rs, kind, &x->hits))
		return NULL;
	for (i = 0; i < rs->n[kind]; i++) {
		const struct rule *r = rs->of[kind][i];

		if (!(r->scope & scope) || !rule_candidate(r, &x->hits))
			continue;
		/*
		 * Rules built on date placeholders need a date: look once, and
		 * not at all in a block without a digit (every date has one).
		 */
		if (r->needs_date) {
			if (!x->hits.digit)
				continue;
			if (x->seg_date < 0)
				find_dates(x, s, n);
			if (!x->seg_date)
				continue;
		}
		if (r->date_kinds != 0) {
			for (k = 0; k < x->ndates; k++)
				if (r->date_kinds & (1 << x->dates[k].kind))
					break;
			if (k == x->ndates)
				continue;
			memset(m, 0, sizeof *m);
			m->start = m->item_start = x->dates[k].start;
			m->end = m->item_end = x->dates[k].end;
		} else if (!rule_lead_may_match(r, s, n) ||
		    rx_search(r->rx, s, n, 0, m) != 1)
			continue;
		if (whole && (m->start != 0 || m->end != n))
			continue;
		return r;
	}
	return NULL;
}

/* Whether the lexicon has lead rules for cat in this language. */
static int
has_lead(const struct extractor *x, enum category cat)
{
	int i;

	for (i = 0; i < x->rs->n[R_LEAD]; i++)
		if (x->rs->of[R_LEAD][i]->cat == cat)
			return 1;
	return 0;
}

/* A lead rule of category cat (or, with other, of any other) matches. */
static int
lead_matches(struct extractor *x, enum category cat, int other,
    const char *s, size_t n)
{
	struct rx_match m;
	int i;

	if (!kind_may_run(x->rs, R_LEAD, &x->hits))
		return 0;
	for (i = 0; i < x->rs->n[R_LEAD]; i++) {
		const struct rule *r = x->rs->of[R_LEAD][i];

		if ((other ? r->cat == cat : r->cat != cat) ||
		    !rule_candidate(r, &x->hits))
			continue;
		if (rx_search(r->rx, s, n, 0, &m) == 1)
			return 1;
	}
	return 0;
}

/* ---- text helpers ---- */

static int32_t
first_cp(const char *s, size_t n)
{
	int32_t cp = 0;

	if (n > 0)
		utf8_decode(s, n, &cp);
	return cp;
}

/* Length of s without trailing blanks, colons and full stops. */
static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && strchr(" :.", s[n - 1]) != NULL)
		n--;
	return n;
}

static int
is_quote(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D ||
	    cp == 0x201E || cp == 0xAB || cp == 0xBB || cp == 0x2018 ||
	    cp == 0x2019;
}

/*
 * Whether s[0..n) holds no '*', no '_' and no two spaces in a row: then
 * clean_item has nothing to take out of its middle.  The spaces are
 * looked for eight bytes at a time, in words that overlap by one byte so
 * that every pair of neighbours is inside one; a byte next to a space
 * may be taken for one (the test errs towards the slow way only).
 */
static int
plain_text(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w, sp;
	size_t i;

	if (memchr(s, '*', n) != NULL || memchr(s, '_', n) != NULL)
		return 0;
	for (i = 0; i + 8 <= n; i += 7) {
		memcpy(&w, s + i, 8);
		w ^= ones * ' ';
		sp = (w - ones) & ~w & (ones * 0x80);
		if (sp & (sp << 8))
			return 0;
	}
	for (; i + 1 < n; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return 0;
	return 1;
}

/*
 * The item as it is written out: list markers ("1. ", "- ", "•"),
 * symbol-font glyphs, emphasis marks and enclosing quotes taken off, a
 * trailing colon or "(2)" numbering dropped, white space collapsed.
 */
static void
clean_item(struct buf *out, const char *s, size_t n)
{
	struct buf *t = out;
	size_t i, a = 0;
	int32_t cp;
	int k;

	buf_clear(t);
	/* Leading glyphs, dashes and bullets, then "1. " or "a) " before a capital. */
	for (;;) {
		while (a < n && s[a] == ' ')
			a++;
		if (a >= n)
			break;
		k = utf8_decode(s + a, n - a, &cp);
		if (cp_is_bullet(cp) || cp == '-' || cp == 0x2013 ||
		    cp == 0xB7 || cp == '>') {
			a += (size_t)k;
			continue;
		}
		i = a;
		while (i < n && i - a < 2 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == a && i < n && s[i] >= 'a' && s[i] <= 'z')
			i++;
		if (i > a && i + 2 < n && (s[i] == '.' || s[i] == ')') &&
		    s[i + 1] == ' ' && cp_is_upper(first_cp(s + i + 2, n - i - 2))) {
			a = i + 2;
			continue;
		}
		/* "2.Tiltak": a number glued to its item. */
		if (i > a && i + 1 < n && s[a] != '0' && s[i] == '.' &&
		    isdigit((unsigned char)s[a]) &&
		    cp_is_upper(first_cp(s + i + 1, n - i - 1))) {
			a = i + 1;
			continue;
		}
		break;
	}
	buf_reserve(t, n - a);
	/* Most items hold no marks and no double space: one copy. */
	if (plain_text(s + a, n - a)) {
		buf_add(t, s + a, n - a);
	} else {
		for (i = a; i < n; i++) {
			if (s[i] == '*' || (s[i] == '_' && i + 1 < n && s[i + 1] == '_')) {
				if (s[i] == '_')
					i++;
				continue;
			}
			t->data[t->len++] = s[i];
		}
		t->data[t->len] = '\0';
		/* Collapse white space left by removed marks. */
		{
			size_t r, wpos = 0;
			int space = 1;

			for (r = 0; r < t->len; r++) {
				if (t->data[r] == ' ') {
					if (!space)
						t->data[wpos++] = ' ';
					space = 1;
				} else {
					t->data[wpos++] = t->data[r];
					space = 0;
				}
			}
			t->len = wpos;
		}
	}
	/* Trailing colon and "(2)". */
	for (;;) {
		size_t len = t->len;

		while (len > 0 && (t->data[len - 1] == ' ' || t->data[len - 1] == ':'))
			len--;
		if (len >= 3 && t->data[len - 1] == ')' && t->data[len - 3] == '(' &&
		    t->data[len - 2] >= '0' && t->data[len - 2] <= '9')
			len -= 3;
		if (len == t->len)
			break;
		t->len = len;
	}
	t->data[t->len] = '\0';
	/* Enclosing quotes: a quote at the start and one at the end. */
	if (t->len >= 2) {
		int32_t c1, c2 = 0;
		int k1 = utf8_decode(t->data, t->len, &c1);
		size_t e = t->len;

		while (e > 0 && ((unsigned char)t->data[e - 1] & 0xC0) == 0x80)
			e--;
		if (e > 0) {
			e--;
			utf8_decode(t->data + e, t->len - e, &c2);
		}
		if (is_quote(c1) && is_quote(c2) && e > (size_t)k1) {
			memmove(t->data, t->data + k1, e - (size_t)k1);
			t->len = e - (size_t)k1;
			t->data[t->len] = '\0';
		}
	}
}

/* ---- sentences ---- */

#define BRACKETED_BYTES 400	/* a sentence in brackets */

/*
 * Whether a sentence may start at s[j..n) after one that ended in the
 * word before i: a capital or a quote, or a numbered item ("2.Tiltak")
 * or a word led by digits after a plain word of four letters or more
 * (not "kl. 12", "nr. 5" or "2019. 12").
 */
static int
sentence_start(const char *s, size_t n, size_t i, size_t j)
{
	const char *q;
	int32_t cp = first_cp(s + j, n - j);
	size_t w, e;

	if (cp_is_upper(cp) || is_quote(cp))
		return 1;
	/* "(See the annex.)", a sentence in brackets; not "innb. (SSB)" */
	if (s[j] == '(' && j + 1 < n && cp_is_upper(first_cp(s + j + 1,
	    n - j - 1)) && (q = memchr(s + j, ')', n - j < BRACKETED_BYTES ?
	    n - j : BRACKETED_BYTES)) != NULL &&
	    (q[-1] == '.' || q[-1] == '!' || q[-1] == '?'))
		return 1;
	if (!isdigit((unsigned char)s[j]))
		return 0;
	for (w = i; w > 0 && s[w - 1] != ' '; w--)
		;
	if (i - w < 4 || !islower((unsigned char)s[i - 1]))
		return 0;
	for (e = j; e < n && isdigit((unsigned char)s[e]); e++)
		;
	/* "2.Children" or "5HVX": the digits are glued to a word. */
	if (e < n && (s[e] == '.' || s[e] == ')'))
		e++;
	return e < n && cp_is_upper(first_cp(s + e, n - e));
}

/*
 * Where s[i] ends a sentence: ". X", "! X", "? X", also with a closing
 * quote or bracket between ('." X'), X as sentence_start() has it.  The
 * sentence ends at *end, after its closing marks; the next starts at
 * *next.
 */
static int
sentence_end(const char *s, size_t n, size_t i, size_t *end, size_t *next)
{
	size_t j = i + 1;

	if (s[i] != '.' && s[i] != '!' && s[i] != '?')
		return 0;
	while (j < n && (s[j] == '"' || s[j] == ')' || s[j] == '\''))
		j++;
	if (j + 2 < n && (unsigned char)s[j] == 0xe2 &&
	    (unsigned char)s[j + 1] == 0x80 &&
	    ((unsigned char)s[j + 2] == 0x9d || (unsigned char)s[j + 2] == 0x99))
		j += 3;		/* a closing ” or ’ */
	else if (j + 1 < n && (unsigned char)s[j] == 0xc2 &&
	    (unsigned char)s[j + 1] == 0xbb)
		j += 2;		/* a closing » */
	if (j >= n || s[j] != ' ')
		return 0;
	*end = j;
	while (j < n && s[j] == ' ')
		j++;
	if (j >= n || !sentence_start(s, n, i, j))
		return 0;
	*next = j;
	return 1;
}

#define BRACKET_BYTES 120	/* "(Trond Aarstad Jr., Nina Solberg)" */

/*
 * Whether s[i] stands inside brackets opened in s[a..i) and closed soon
 * after: no sentence ends there ("(Ola Hansen Jr., Kari Dahl)").
 */
static int
in_brackets(const char *s, size_t n, size_t a, size_t i)
{
	size_t k, e = i + BRACKET_BYTES < n ? i + BRACKET_BYTES : n;

	for (k = i; k > a && s[k - 1] != '(' && s[k - 1] != ')'; k--)
		;
	/* "(Se vedlegg 2.) Neste": the brackets close with the sentence. */
	if (k == a || s[k - 1] != '(' || i - k > BRACKET_BYTES ||
	    (i + 1 < n && s[i + 1] == ')'))
		return 0;
	for (k = i + 1; k < e && s[k] != '(' && s[k] != ')'; k++)
		;
	return k < e && s[k] == ')';
}

/* Room for more segments: a block has as many sentences as it has. */
static void
seg_room(struct extractor *x, int more)
{
	if (x->nseg + more <= x->segcap)
		return;
	while (x->nseg + more > x->segcap)
		x->segcap = x->segcap ? 2 * x->segcap : 64;
	x->seg = xreallocarray(x->seg, (size_t)x->segcap, sizeof *x->seg);
}

static void
add_segment(struct extractor *x, size_t a, size_t b, const char *s)
{
	while (a < b && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	if (a == b)
		return;
	seg_room(x, 1);
	x->seg[x->nseg].start = a;
	x->seg[x->nseg].end = b;
	x->nseg++;
}

/* Cut segment k at end; the next segment starts at next, goes to its end. */
static void
cut_segment(struct extractor *x, int k, size_t end, size_t next)
{
	seg_room(x, 1);
	memmove(&x->seg[k + 2], &x->seg[k + 1],
	    (size_t)(x->nseg - k - 1) * sizeof x->seg[0]);
	x->nseg++;
	x->seg[k + 1].start = next;
	x->seg[k + 1].end = x->seg[k].end;
	x->seg[k].end = end;
}

/*
 * Cut segment k into ncut + 1: piece c ends at ends[c], and the next one
 * starts at starts[c] (ends[c] <= starts[c], both rising).  Cuts that
 * would make a piece end before its start are left out.
 */
static void
cut_segments(struct extractor *x, int k, const size_t *ends,
    const size_t *starts, int ncut)
{
	size_t a = x->seg[k].start, b = x->seg[k].end;
	int c, kept = 0;

	seg_room(x, ncut);
	memmove(&x->seg[k + 1 + ncut], &x->seg[k + 1],
	    (size_t)(x->nseg - k - 1) * sizeof x->seg[0]);
	for (c = 0; c < ncut; c++) {
		if (ends[c] < a || starts[c] < ends[c] || starts[c] > b)
			continue;
		x->seg[k + kept].start = a;
		x->seg[k + kept].end = ends[c];
		a = starts[c];
		kept++;
	}
	x->seg[k + kept].start = a;
	x->seg[k + kept].end = b;
	if (kept < ncut)
		memmove(&x->seg[k + kept + 1], &x->seg[k + 1 + ncut],
		    (size_t)(x->nseg - k - 1) * sizeof x->seg[0]);
	x->nseg += kept;
}

/* Cut points from split rules that match at least twice. */
static int
split_points(struct extractor *x, const char *s, size_t n, size_t *cut,
    int max)
{
	struct rx_match m;
	int i, k = 0;
	size_t from;

	if (!kind_may_run(x->rs, R_SPLIT, &x->hits))
		return 0;
	for (i = 0; i < x->rs->n[R_SPLIT] && k == 0; i++) {
		const struct rule *r = x->rs->of[R_SPLIT][i];

		if (!rule_candidate(r, &x->hits))
			continue;
		for (from = 0; k < max && from < n &&
		    rx_search(r->rx, s, n, from, &m) == 1; ) {
			cut[k++] = m.start;
			from = m.end > m.start ? m.end : m.start + 1;
		}
		if (k < 2)
			k = 0;
	}
	return k;
}

/* Prepositions a site's extraction left dangling when it lost a year. */
static const char *const dangling[] = { "i", "fra", "frå", "til", "for",
	"in", "from", "since", "innen", "innan" };

/*
 * Whether the word s[w..i) is where a year was lost: 1 after a dangling
 * preposition ("startet i"), 2 after a month or a season that follows
 * one or a day ("startet i mars", "15. juni"), 1 after a month or a
 * season alone ("i kommunene våren"): a starter must follow those two;
 * 0 if not.
 */
static int
glued_after(const char *s, size_t a, size_t w, size_t i)
{
	size_t p;

	if (text_word_in(s + w, i - w, dangling, sizeof dangling / sizeof dangling[0]))
		return 1;
	if ((!date_month_name(s + w, i - w) && !date_season_name(s + w, i - w)) ||
	    w < a + 2)
		return 0;
	for (p = w - 1; p > a && s[p - 1] != ' '; p--)
		;
	if (text_word_in(s + p, w - 1 - p, dangling, sizeof dangling /
	    sizeof dangling[0]) || (w - 1 > p && s[w - 2] == '.' &&
	    isdigit((unsigned char)s[p])))
		return 2;
	return 1;
}

/* Whether c may begin a sentence's first word, as a byte: A-Z, a quote, not ASCII. */
static int
may_begin(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || c == '"' || c == '\'' || c >= 0x80;
}

/*
 * Where the first space of s[i..n) stands that a byte may_begin() holds
 * of follows; n if none.  Most spaces are followed by none of those:
 * sixteen bytes are looked at at once, each beside the byte after it,
 * not stopped at space by space.
 */
static size_t
space_before(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
	__m128i b, v, m;
	unsigned bits;

	for (; i + 17 <= n; i += 16) {
		b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		/* A-Z (signed: bytes past ASCII are below 'A'), quotes */
		m = _mm_or_si128(_mm_and_si128(
		    _mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
		    _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), v)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
		/* and any byte past ASCII */
		bits = (unsigned)_mm_movemask_epi8(m) |
		    (unsigned)_mm_movemask_epi8(v);
		bits &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b,
		    _mm_set1_epi8(' ')));
		if (bits != 0)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	for (; i + 1 < n; i++)
		if (s[i] == ' ' && may_begin((unsigned char)s[i + 1]))
			return i;
	return n;
}

/*
 * "Arbeidet startet i Det ble ...": where a year was deleted, two
 * sentences run together.  Cut the segment after the dangling word.
 */
static void
split_glued(struct extractor *x, int k, const char *s)
{
	size_t a = x->seg[k].start, b = x->seg[k].end, i, w, e;
	int32_t cp;
	int glued;

	for (i = a + 1; (i = space_before(s, i, b)) + 1 < b; i++) {
		/* (ASCII told at once: only A-Z and two quotes may start one.) */
		if ((unsigned char)s[i + 1] < 0x80) {
			if ((s[i + 1] < 'A' || s[i + 1] > 'Z') && s[i + 1] != '"' &&
			    s[i + 1] != '\'')
				continue;
		} else {
			cp = first_cp(s + i + 1, b - i - 1);
			if (!cp_is_upper(cp) && !is_quote(cp))
				continue;
		}
		for (w = i; w > a && s[w - 1] != ' '; w--)
			;
		for (e = i + 1; e < b && s[e] != ' '; e++)
			;
		if (w == a || (glued = glued_after(s, a, w, i)) == 0)
			continue;
		if (!text_starter_word(s + i + 1, e - i - 1) && (glued == 1 ||
		    date_month_name(s + i + 1, e - i - 1)))
			continue;
		cut_segment(x, k, i, i + 1);
		return;
	}
}

/* Where the first bullet glyph in s[from..n) stands, or n. */
static size_t
next_bullet(const char *s, size_t from, size_t n)
{
	/*
	 * Bullets are three bytes, U+2000 to U+27FF or private use: only
	 * their lead bytes are stopped at, not every letter such as æ.
	 */
	static const char leads[4] = { '\xe2', '\xee', '\xef', '\xe2' };
	size_t i;
	int32_t cp;

	for (i = from; i + 3 <= n; i++) {
		i += text_find_byte4(s + i, n - i, leads);
		if (i + 3 > n)
			break;
		if (utf8_decode(s + i, n - i, &cp) == 3 && cp_is_bullet(cp))
			return i;
	}
	return n;
}

/*
 * A list flattened into a sentence ("Plan the work• Share the plan"): a
 * segment a bullet.  The glyph starts the next segment; clean_item()
 * takes it off.
 */
static void
split_bullets(struct extractor *x, int k, const char *s)
{
	size_t a = x->seg[k].start, b = x->seg[k].end, i;

	if ((i = next_bullet(s, a + 1, b)) < b)
		cut_segment(x, k, i, i);
}

#define MIN_CELLS 3	/* "Label 39.8% Label 28.5% ...": a flattened table */

/* After "39,8%" or "12 %", where the next cell's label begins; or 0. */
static size_t
cell_end(const char *s, size_t b, size_t i)
{
	size_t j = i + 1;

	if (s[i] != '%' || i == 0 ||
	    !(isdigit((unsigned char)s[i - 1]) ||
	    (s[i - 1] == ' ' && i >= 2 && isdigit((unsigned char)s[i - 2]))))
		return 0;
	if (j + 1 >= b || s[j] != ' ' || !isupper((unsigned char)s[j + 1]))
		return 0;
	return j + 1;
}

/* A table flattened into a sentence: a segment a cell. */
static void
split_cells(struct extractor *x, int k, const char *s)
{
	size_t a = x->seg[k].start, b = x->seg[k].end, i, e, cuts[MAX_SPLITS];
	size_t ends[MAX_SPLITS];
	int ncut = 0, c;

	for (i = a; i < b && ncut < MAX_SPLITS; i++) {
		const char *pct = memchr(s + i, '%', b - i);

		if (pct == NULL)
			break;
		i = (size_t)(pct - s);
		if ((e = cell_end(s, b, i)) > 0)
			cuts[ncut++] = e;
	}
	if (ncut < MIN_CELLS)
		return;
	for (c = 0; c < ncut; c++)
		ends[c] = cuts[c] - 1;
	cut_segments(x, k, ends, cuts, ncut);
}

#define MIN_STEPS 3	/* "X 1. mars Y 15. juni Z 31.12.": a flattened table */
#define STEPS_BYTES 40	/* shorter, a segment holds no such table */

/*
 * Where the next step of a run of dated steps begins after a date that
 * ends at s[e]: at a capital, or past a step's code before one ("M2
 * Avtale ..."); 0 if no step begins there.
 */
static size_t
step_after(const char *s, size_t b, size_t e)
{
	size_t j = e;

	if (j + 1 >= b || s[j] != ' ')
		return 0;
	j++;
	/* "M2 ", "A3 ": a letter and a number, the step's code */
	if (isupper((unsigned char)s[j]) && j + 1 < b &&
	    isdigit((unsigned char)s[j + 1])) {
		size_t c = j + 1;

		while (c < b && isdigit((unsigned char)s[c]))
			c++;
		if (c + 1 < b && s[c] == ' ')
			j = c + 1;
	}
	return j < b && cp_is_upper(first_cp(s + j, b - j)) ? j : 0;
}

/*
 * Where the code of step k (" M3 ") stands in s[from..e), k of one
 * digit, c its letter; 0 if nowhere.
 */
static size_t
step_code(const char *s, size_t from, size_t e, char c, int k)
{
	size_t i;

	for (i = from + 1; i + 3 < e; i++)
		if (s[i - 1] == ' ' && s[i] == c && s[i + 1] == '0' + k &&
		    s[i + 2] == ' ')
			return i;
	return 0;
}

/* The runs of digits in s[0..n), counted up to most. */
static int
digit_runs(const char *s, size_t n, int most)
{
	size_t i;
	int runs = 0;

	for (i = 0; i < n && runs < most; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		runs++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	return runs;
}

/*
 * A table of steps and their dates flattened into one sentence ("Plan
 * vedtatt 1. mars 2026 Senteret åpner 15.08.26 Sluttrapport
 * 31.12.2027"): a segment a step, cut after each date that a capital
 * follows, where there are MIN_STEPS dated steps or more.
 */
static void
split_dated_steps(struct extractor *x, int k, const char *s)
{
	size_t a = x->seg[k].start, b = x->seg[k].end, from, step = 0, j;
	size_t ends[MAX_SPLITS], starts[MAX_SPLITS];
	struct date d;
	int ncut = 0, ndates = 0;

	/* (three steps take some words, and their dates two numbers at least) */
	if (b - a < STEPS_BYTES || digit_runs(s + a, b - a, MIN_STEPS - 1) <
	    MIN_STEPS - 1)
		return;
	for (from = 0; ncut < MAX_SPLITS && date_find(s + a, b - a, from, &d);
	    from = d.end) {
		ndates++;
		/* Each step says something before its date. */
		if ((j = step_after(s + a, b - a, d.end)) == 0 ||
		    d.start < step || text_words(s + a + step, d.start - step) < 2)
			continue;
		ends[ncut] = a + d.end;
		starts[ncut++] = a + j;
		step = j;
	}
	if (ncut < MIN_STEPS - 1 || ndates < MIN_STEPS)
		return;
	/*
	 * Steps with codes ("... Dato M1 Prosjektleder tilsatt 1. mars M2
	 * Avtale vedtatt juni M3 ..."): each step from its code to the
	 * next, dated or not; the table's head before the first.
	 */
	j = ends[0] + 1;
	if (starts[0] > j + 2 && isdigit((unsigned char)s[j + 1]) &&
	    (from = step_code(s, a, ends[0], s[j], 1)) > 0) {
		char code = s[j];
		int step_no;

		ends[0] = from - 1;
		starts[0] = from + 3;
		/* (each code looked for past the last one's) */
		for (ncut = 1, step_no = 2; step_no <= 9 &&
		    (from = step_code(s, from + 3, b, code, step_no)) > 0;
		    step_no++) {
			ends[ncut] = from - 1;
			starts[ncut++] = from + 3;
		}
	}
	cut_segments(x, k, ends, starts, ncut);
}

#define MIN_LABELS 2	/* "Delmål 1: ... Status: ...": a flattened form */

/*
 * Where a label begins at s[i] ("Status: ", "Delmål 2: "): a capitalised
 * word of letters, a number after it or not, a colon and a space; its
 * length up to the colon, or 0.
 */
static size_t
label_at(const char *s, size_t b, size_t i)
{
	size_t j = i;
	int32_t cp;
	int k;

	if (!cp_is_upper(first_cp(s + i, b - i)))
		return 0;
	while (j < b && (k = utf8_decode(s + j, b - j, &cp)) > 0 &&
	    cp_is_letter(cp))
		j += (size_t)k;
	if (j - i < 3 || j >= b)
		return 0;
	if (s[j] == ' ' && j + 1 < b && isdigit((unsigned char)s[j + 1]))
		for (j++; j < b && isdigit((unsigned char)s[j]); j++)
			;
	return j + 1 < b && s[j] == ':' && s[j + 1] == ' ' ? j - i : 0;
}

/*
 * Keys and their values flattened into one sentence ("Delmål 1: Felles
 * arkivplan Status: Utkast ferdig Delmål 2: ..."): a segment a pair, cut
 * before each label after the first, where there are MIN_LABELS or more.
 */
static void
split_labels(struct extractor *x, int k, const char *s)
{
	size_t a = x->seg[k].start, b = x->seg[k].end, i, cuts[MAX_SPLITS];
	size_t ends[MAX_SPLITS];
	const char *colon;
	int ncut = 0, labels = 0, c;

	/* (most sentences have no colon inside: nothing more is looked at) */
	if ((colon = memchr(s + a, ':', b - a)) == NULL ||
	    memchr(colon + 1, ':', b - (size_t)(colon + 1 - s)) == NULL)
		return;
	for (i = a; i < b && ncut < MAX_SPLITS; i++) {
		if (i > a && s[i - 1] != ' ')
			continue;
		if (label_at(s, b, i) == 0)
			continue;
		labels++;
		if (i > a)
			cuts[ncut++] = i;
	}
	if (labels < MIN_LABELS || ncut == 0)
		return;
	for (c = 0; c < ncut; c++)
		ends[c] = cuts[c] - 1;
	cut_segments(x, k, ends, cuts, ncut);
}

static void
segment(struct extractor *x, const char *s, size_t n)
{
	size_t cut[MAX_SPLITS], a = 0, i, end, next;
	int ncut, c = 0;

	/* The same block cut again (labels first, then the cascade). */
	if (x->seg_block == x->blockno && x->seg_text == s && x->seg_len == n)
		return;
	x->seg_block = x->blockno;
	x->seg_text = s;
	x->seg_len = n;
	x->nseg = 0;
	ncut = split_points(x, s, n, cut, MAX_SPLITS);
	x->nsplit = ncut;
	for (i = 0; i < n; i++) {
		if (c < ncut && i == cut[c]) {
			if (i > a)
				add_segment(x, a, i, s);
			a = i;
			c++;
		}
		if (c >= ncut) {
			/* No cut ahead: jump to the next stop (s ends in a NUL). */
			i += strcspn(s + i, ".!?");
			if (i >= n)
				break;
		}
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		if (sentence_end(s, n, i, &end, &next) &&
		    !in_brackets(s, n, a, i)) {
			add_segment(x, a, end, s);
			a = next;
			while (c < ncut && cut[c] < a)
				c++;
			i = next - 1;
		}
	}
	add_segment(x, a, n, s);
	for (c = 0; c < x->nseg; c++) {
		/*
		 * A segment this long is no sentence (a list or a table cut
		 * a piece at a time would be looked at over and over).
		 */
		if (x->seg[c].end - x->seg[c].start > SPLIT_BYTES)
			continue;
		split_bullets(x, c, s);
		split_glued(x, c, s);
		split_cells(x, c, s);
		split_dated_steps(x, c, s);
		split_labels(x, c, s);
	}
}

/* ---- output ---- */

/* Whether this item was written already in this document (then 1). */
static int
seen_before(struct extractor *x, uint64_t h)
{
	size_t i;

	if (x->nseen * 2 >= x->seencap) {
		size_t cap = x->seencap ? x->seencap * 2 : 64, j;
		uint64_t *t = xcalloc(cap, sizeof *t);

		for (j = 0; j < x->seencap; j++) {
			if (x->seen[j] == 0)
				continue;
			for (i = x->seen[j] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = x->seen[j];
		}
		free(x->seen);
		x->seen = t;
		x->seencap = cap;
	}
	if (h == 0)
		h = 1;
	for (i = h & (x->seencap - 1); x->seen[i]; i = (i + 1) & (x->seencap - 1))
		if (x->seen[i] == h)
			return 1;
	x->seen[i] = h;
	x->nseen++;
	return 0;
}

static void
forget_seen(struct extractor *x)
{
	if (x->seen != NULL)
		memset(x->seen, 0, x->seencap * sizeof *x->seen);
	x->nseen = 0;
}

static const char *
section_text(const struct extractor *x)
{
	return x->depth > 0 ? x->stack[x->depth - 1].text : "";
}

/* Whether s[0..n) joins two dates as a period: a dash, "til", "to". */
static int
period_joint(const char *s, size_t n)
{
	static const char *const joints[] = {
		"-", "\u2013", "\u2014", "til", "to", "until", "through",
		"og ut", "fram til", "frem til", "og fram til", "og frem til"
	};
	size_t i, k;

	while (n > 0 && s[0] == ' ')
		s++, n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof joints / sizeof joints[0]; i++) {
		k = strlen(joints[i]);
		if (n == k && strncasecmp(s, joints[i], k) == 0)
			return 1;
	}
	return 0;
}

/* A season or a month of a year: "våren 2016", "mars 2026". */
static int
part_of_year(const struct date *d)
{
	return d->y1 != 0 && (d->kind == DATE_SEASON || d->kind == DATE_MONTH);
}

/*
 * A date that a period goes on from ("Frå januar 2011 og ut 2014",
 * "Høsten 2015 og våren 2016", "2024–2026"), in s[0..n): *d then spans
 * it, and 1 is returned.  Two days or two years joined by "og" are two, not a period
 * ("tallene for 2019 og 2024").
 */
static int
period_from(const char *s, size_t n, struct date *d)
{
	struct date e;
	size_t a, b;

	if (!date_find(s, n, d->end, &e))
		return 0;
	for (a = d->end; a < e.start && s[a] == ' '; a++)
		;
	for (b = e.start; b > a && s[b - 1] == ' '; b--)
		;
	if (!period_joint(s + a, b - a) && !(b - a == 2 &&
	    memcmp(s + a, "og", 2) == 0 && part_of_year(d) &&
	    part_of_year(&e)))
		return 0;
	date_join(d, &e);
	return 1;
}

/*
 * Write the item in x->item.  date: the date that took it, or NULL to
 * take the first date of the item's own text.  why: the evidence, for
 * --explain.
 */
static void
write_item(struct extractor *x, enum category cat, const char *sec,
    const char *basis, const struct rule *r, const struct date *date,
    const char *why)
{
	char iso[64] = "", where[64];
	struct date d, first;
	size_t n = x->item.len;
	int found;

	/* "Forum - May 28, 2009" is written once, with its full stop or without. */
	while (n > 0 && strchr(".;:!, ", x->item.data[n - 1]) != NULL)
		n--;
	if (seen_before(x, hash_bytes(x->item.data, n, (uint64_t)cat)))
		return;
	/*
	 * The item's first date, or the period it begins, unless the rule
	 * that took it went by another date ("frå haust 2017 til 31.12.19":
	 * the period, whichever of the two the rule saw).
	 */
	if ((found = date_find_memo(&x->dates_asked, x->item.data, x->item.len,
	    0, &d))) {
		first = d;
		period_from(x->item.data, x->item.len, &d);
	}
	if (found && (date == NULL || date_same(&first, date) ||
	    (d.y2 == date->y2 && d.m2 == date->m2 && d.d2 == date->d2)))
		date_iso(&d, x->doc_year, iso, sizeof iso);
	else if (date != NULL)
		date_iso(date, x->doc_year, iso, sizeof iso);
	clean_item(&x->section, sec, strlen(sec));
	csvw_str(x->w, x->source);
	csvw_long(x->w, x->unit);
	csvw_str(x->w, category_name(cat));
	csvw_field(x->w, x->section.data, x->section.len);
	csvw_field(x->w, x->item.data, x->item.len);
	csvw_date(x->w, iso);
	csvw_str(x->w, basis);
	if (x->opt.munis != NULL) {
		buf_clear(&x->codes);
		muninames_find(x->opt.munis, x->item.data, x->item.len, &x->codes);
		muninames_find(x->opt.munis, x->section.data, x->section.len,
		    &x->codes);
		csvw_field(x->w, x->codes.data, x->codes.len);
	}
	if (x->opt.explain) {
		buf_clear(&x->scratch);
		if (r != NULL) {
			snprintf(where, sizeof where, "%s:%lu", r->file, r->line);
			buf_printf(&x->scratch, "%s %s %s; ", where,
			    rule_kind_name(r->kind), r->name);
		}
		buf_adds(&x->scratch, why);
		csvw_field(x->w, x->scratch.data, x->scratch.len);
	}
	if (x->opt.features)
		csvw_field(x->w, x->feat.data, x->feat.len);
	csvw_end(x->w);
}

#define ROW_CELLS 3	/* "1902 Tromsø;812;96,5;1 240": a row of a table */

/* Whether s[0..n) is a row of semicolon-separated cells, not text. */
static int
data_row(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	int cells = 1;

	while ((p = memchr(p, ';', (size_t)(e - p))) != NULL) {
		p++;
		if (p < e && (unsigned)(*p - '0') < 10u)
			cells++;
	}
	return cells >= ROW_CELLS;
}

/*
 * Score a candidate: s[0..n) proposed as cat (or CAT_NONE for a sentence
 * no rule took) by basis and rule r under section sec, standing in
 * ctx[0..ctxlen).  span says what part of its sentence it is; label is
 * an inline label before it (NULL: the block's).  x->item and x->feat
 * get its text and features; returns the model's category and in
 * *margin how far it won over none.  With --features the candidate is
 * written with its features instead, and CAT_NONE returned.
 */
static enum category
score_one(struct extractor *x, enum category cat, const char *sec,
    const char *s, size_t n, const char *ctx, size_t ctxlen,
    const char *basis, const struct rule *r, const char *span,
    const char *label, size_t labellen, double *margin)
{
	const struct section *t = x->depth > 0 ? &x->stack[x->depth - 1] : NULL;
	struct candidate c;
	double scores[MODEL_NCAT];
	enum category decided;

	*margin = 0;
	memset(&c, 0, sizeof c);
	{
		size_t e = n;

		while (e > 0 && s[e - 1] == ' ')
			e--;
		c.colon_end = e > 0 && s[e - 1] == ':';
	}
	clean_item(&x->item, s, n);
	if (x->item.len < 2 || data_row(x->item.data, x->item.len))
		return CAT_NONE;
	if (x->dated_by != NULL) {
		struct buf swap;

		clean_item(&x->scratch, x->dated_by, strlen(x->dated_by));
		buf_adds(&x->scratch, ": ");
		buf_add(&x->scratch, x->item.data, x->item.len);
		swap = x->item;
		x->item = x->scratch;
		x->scratch = swap;
	}
	c.lang = x->lang;
	c.proposed = cat;
	c.basis = basis;
	c.rule = r != NULL ? r->name : NULL;
	c.span = span;
	c.section = t != NULL && !x->after_list ? t->cat : CAT_NONE;
	c.section_text = t != NULL && !x->after_list ? t->text : "";
	c.section_distance = t != NULL ? (long)(x->blockno - t->block) : -1;
	c.kind = x->bkind;
	c.level = x->blevel;
	c.unit = x->unit;
	c.nth = x->nth;
	c.nth_sentence = x->nth_sentence;
	c.lead = x->lead.data != NULL && !x->after_list ? x->lead.data : "";
	c.leadlen = *c.lead != '\0' ? x->lead.len : 0;
	if (x->nth_sentence > 0 && x->seg_block == x->blockno && x->nseg > 0) {
		c.topic = x->seg_text + x->seg[0].start;
		c.topiclen = x->seg[0].end - x->seg[0].start;
	}
	if (label != NULL) {
		c.label = label;
		c.labellen = labellen;
	} else if (x->label.len > 0) {
		c.label = x->label.data;
		c.labellen = x->label.len;
	}
	c.context = ctx;
	c.contextlen = ctxlen;
	if (features_of(x->fz, &c, x->item.data, x->item.len, &x->feat))
		return CAT_NONE;	/* a date and nothing more */
	if (x->opt.features) {
		write_item(x, cat, sec, basis, r, NULL, "");
		return CAT_NONE;
	}
	decided = features_decide(x->fz, x->opt.model, x->feat.data, x->feat.len,
	    scores);
	if (decided != CAT_NONE)
		*margin = scores[decided] - scores[CAT_NONE];
	return decided;
}

#define TAG_WORDS 8	/* ", sier leder Kari Nordmann til avisa." */
#define TAG_BYTES 160	/* looked at from the end for its comma */

/* Verbs of a speech tag after a quote: ", sier hun", ", said the director". */
static const char *const tag_verbs[] = {
	"sier", "seier", "sa", "forteller", "fortel", "fortalte", "fortalde",
	"påpeker", "påpeikar", "tilføyer", "understreker", "skriver", "skriv",
	"mener", "meiner", "says", "said", "told", "adds", "added", "notes",
	"noted", "explains", "explained", "writes", "wrote",
};

/*
 * Words after which a tag's verb is no verb of speech, as its subject
 * does not follow it: "slides, notes and recordings", "notes from the
 * workshop", "skriv eit samandrag".
 */
static const char *const tag_not_subject[] = {
	"og", "and", "or", "eller", "samt", "of", "from", "on", "for",
	"about", "to", "with", "in", "om", "fra", "frå", "på", "med", "av",
	"et", "eit",
};

/* Verbs the sentence goes on with after a tag: "Målet, sier hun, er ...". */
static const char *const tag_goes_on[] = {
	"er", "var", "blir", "ble", "blei", "vert", "vart", "skal", "vil",
	"kan", "må", "har", "hadde", "is", "was", "are", "were", "will",
	"has", "had", "can", "must",
};

/* Whether s[0..n) begins with a word of w[0..nw), then a space or a comma. */
static int
begins_word_of(const char *s, size_t n, const char *const *w, size_t nw)
{
	size_t e;

	for (e = 0; e < n && s[e] != ' ' && s[e] != ','; e++)
		;
	return e < n && text_word_in(s, e, w, nw);
}

/* Whether the sentence goes on after a tag s[0..n) (from its verb on). */
static int
tag_goes_on_after(const char *s, size_t n)
{
	const char *c;

	for (; (c = memchr(s, ',', n)) != NULL; n -= (size_t)(c + 1 - s),
	    s = c + 1)
		if ((size_t)(c + 2 - s) < n && c[1] == ' ' &&
		    begins_word_of(c + 2, n - (size_t)(c + 2 - s), tag_goes_on,
		    sizeof tag_goes_on / sizeof tag_goes_on[0]))
			return 1;
	return 0;
}

#define SUBJECT_WORDS 3	/* ", the programme director said." */

/* Verbs that end an English tag with its subject first. */
static const char *const tag_verbs_last[] = { "said", "says", "added",
	"adds", "explained", "explains", "noted", "notes", "wrote", "writes" };

/*
 * Whether s[0..n) is a tag with its subject first, as English has them:
 * up to SUBJECT_WORDS words, none a verb the sentence would go on with,
 * and then one of tag_verbs_last to end the sentence ("she said.").
 */
static int
subject_first_tag(const char *s, size_t n)
{
	size_t a, b, e = n;
	int words = 0;

	while (e > 0 && strchr(" .!", s[e - 1]) != NULL)
		e--;
	for (a = 0; a < e; a = b + 1) {
		for (b = a; b < e && s[b] != ' '; b++)
			if (!isalpha((unsigned char)s[b]) && s[b] != '\'')
				return 0;	/* a number, a comma: more than a tag */
		if (b == a)
			return 0;
		if (b == e)
			return words > 0 && words <= SUBJECT_WORDS &&
			    text_word_in(s + a, b - a, tag_verbs_last,
			    sizeof tag_verbs_last / sizeof tag_verbs_last[0]);
		if (text_word_in(s + a, b - a, tag_goes_on,
		    sizeof tag_goes_on / sizeof tag_goes_on[0]) ||
		    text_word_in(s + a, b - a, tag_not_subject,
		    sizeof tag_not_subject / sizeof tag_not_subject[0]))
			return 0;
		words++;
	}
	return 0;
}

#define TAG_KEPT_WORDS 1	/* of what was said, at least */

/*
 * s[0..n) without a speech tag at its end ("..., sier leder Kari
 * Nordmann.", "...», sa hun", "...,” said the director"): the item is
 * what was said.  Its length; n if it has no tag.
 */
static size_t
cut_speech_tag(const char *s, size_t n)
{
	size_t c, v, e;

	for (c = n; c > 0 && n - c < TAG_BYTES; c--) {
		if (s[c - 1] != ',')
			continue;
		/* the tag is the sentence's last few words */
		if (text_words(s + c, n - c) > TAG_WORDS)
			return n;
		for (v = c; v < n && strchr(" \"", s[v]) != NULL; v++)
			;
		if (n - v >= 3 && (memcmp(s + v, "\xc2\xbb", 2) == 0 ||
		    memcmp(s + v, "\xe2\x80\x9d", 3) == 0))
			for (v += s[v] == '\xc2' ? 2 : 3; v < n && s[v] == ' '; v++)
				;
		for (e = v; e < n && s[e] != ' '; e++)
			;
		if (subject_first_tag(s + v, n - v))
			e = n;	/* ", she said.": the tag ends the sentence */
		else if (e == n || !text_word_in(s + v, e - v, tag_verbs,
		    sizeof tag_verbs / sizeof tag_verbs[0]) ||
		    begins_word_of(s + e + 1, n - e - 1, tag_not_subject,
		    sizeof tag_not_subject / sizeof tag_not_subject[0]))
			continue;
		/*
		 * A tag the sentence goes on after is none; one that holds a
		 * number ("..., writes the council in its plan for 2027") may
		 * hold the date that made the item, and stays with it.
		 */
		if (tag_goes_on_after(s + e, n - e) || text_has_digit(s + e, n - e))
			return n;
		/* the quote's close before the comma goes too: "...»," */
		c--;
		if (c >= 2 && memcmp(s + c - 2, "\xc2\xbb", 2) == 0)
			c -= 2;
		else if (c >= 3 && memcmp(s + c - 3, "\xe2\x80\x9d", 3) == 0)
			c -= 3;
		else if (c >= 1 && s[c - 1] == '"')
			c--;
		/* ", sa hun.": nothing said, no item */
		return text_words(s, c) >= TAG_KEPT_WORDS ? c : n;
	}
	return n;
}

/*
 * An item's text without a speech tag, nor the quote mark it left
 * unclosed: not one closed inside ("«Trygg oppvekst» er målet, sier ...").
 */
static void
drop_speech_tag(struct buf *item)
{
	size_t cut = cut_speech_tag(item->data, item->len), q = 0;

	if (cut == item->len)
		return;
	if (cut >= 2 && memcmp(item->data, "\xc2\xab", 2) == 0 &&
	    memmem(item->data + 2, cut - 2, "\xc2\xbb", 2) == NULL)
		q = 2;
	else if (cut >= 3 && memcmp(item->data, "\xe2\x80\x9c", 3) == 0 &&
	    memmem(item->data + 3, cut - 3, "\xe2\x80\x9d", 3) == NULL)
		q = 3;
	else if (cut >= 1 && item->data[0] == '"' &&
	    memchr(item->data + 1, '"', cut - 1) == NULL)
		q = 1;
	memmove(item->data, item->data + q, cut - q);
	item->len = cut - q;
	item->data[item->len] = '\0';
}

/* Write the candidate score_one() scored last as decided. */
static void
write_decided(struct extractor *x, enum category decided, enum category cat,
    const char *sec, const char *basis, const struct rule *r,
    const struct date *date)
{
	if (decided != cat) {
		basis = "model";
		date = NULL;
	}
	/* (weighed whole: a tag is evidence, if not the item's words) */
	drop_speech_tag(&x->item);
	buf_clear(&x->why);
	if (x->opt.explain)
		model_explain(x->opt.model, x->feat.data, x->feat.len, decided,
		    &x->why);
	write_item(x, decided, sec, basis, r, date, x->why.data != NULL ?
	    x->why.data : "");
}

static void
emit_one(struct extractor *x, enum category cat, const char *sec,
    const char *s, size_t n, const char *ctx, size_t ctxlen,
    const char *basis, const struct rule *r, const struct date *date,
    const char *span)
{
	enum category decided;
	double margin;

	decided = score_one(x, cat, sec, s, n, ctx, ctxlen, basis, r, span,
	    NULL, 0, &margin);
	if (decided != CAT_NONE)
		write_decided(x, decided, cat, sec, basis, r, date);
}

#define CLAUSE_WORDS 4	/* words on each side of a clause boundary */
#define MAX_CLAUSES 16
#define ENUM_WORDS 8		/* words of a part of an enumeration */
#define PROSE_WORDS 20		/* a bullet this long is prose, cut as text */
#define LABEL_BYTES 60	/* "Effektmål (etter hovedprosjektet):" */
#define LABEL_WORDS 6
#define SUB_WORDS 3		/* the fewest words of such a span */

/*
 * Where a clause's purpose or decision begins: what follows may state a
 * goal or a step alone ("... for å styrke tilliten", "... decided that
 * the pilot starts in May").
 */
static const char *const purpose_marks[] = {
	" for å ", " in order to ", " so as to ", " in an effort to ",
	" om å ", " er å ", " på å ", " med å ", " formål å ",
	" aims to ", " aim to ", " seeks to ", " is to ", " are to ",
};
/* The first four are adverbials: a clause of their own goes before. */
#define ADVERBIAL_PURPOSE 4
static const char *const decision_marks[] = {
	" besluttet at ", " besluttet å ", " vedtok at ", " vedtatt at ",
	" vedteke at ", " vedtok å ", " bestemt at ", " bestemte at ",
	" enige om at ", " decided that ", " decided to ", " agreed that ",
	" agreed to ", " ønske om at ", " ønskje om at ", " mål om at ",
	" ambisjon om at ",
};
#define NPURPOSE (sizeof purpose_marks / sizeof purpose_marks[0])
#define NMARKS (NPURPOSE + sizeof decision_marks / sizeof decision_marks[0])

/* The mark k of both lists, and the span it begins. */
static const char *
sub_mark(size_t k, const char **span)
{
	*span = k < NPURPOSE ? "purpose" : "that";
	return k < NPURPOSE ? purpose_marks[k] : decision_marks[k - NPURPOSE];
}

#define MAX_MARKS 16	/* marks of one clause looked at */

/* The length of "å ", "to ", "at " or "that " at s, the words marks end in; or 0. */
static size_t
mark_word(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "\xc3\xa5 ", 3) == 0)
		return 3;
	if (n >= 3 && (memcmp(s, "to ", 3) == 0 || memcmp(s, "at ", 3) == 0))
		return 3;
	if (n >= 5 && memcmp(s, "that ", 5) == 0)
		return 5;
	return 0;
}

/* Whether a and b begin a word mark_word() knows: "å", "to", "at", "th". */
static int
mark_pair(unsigned char a, unsigned char b)
{
	return (a == 0xc3 && b == 0xa5) ||
	    (a == 't' && (b == 'o' || b == 'h')) || (a == 'a' && b == 't');
}

/*
 * Where the first space of s[i..n) stands that mark_pair() holds of the
 * two bytes after, or n.  As space_before(), sixteen bytes at a time,
 * each beside the two after it: a space before any word of t or a
 * ("til", "arbeidet", "alle") was stopped at when one byte was looked
 * at, about a word in five of Norwegian.
 */
static size_t
mark_space(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
	__m128i b, v, w, m;
	unsigned bits;

	for (; i + 18 <= n; i += 16) {
		b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
		m = _mm_or_si128(_mm_or_si128(
		    _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xc3)),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0xa5))),
		    _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('t')),
		    _mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('o')),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8('h'))))),
		    _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('a')),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8('t'))));
		bits = (unsigned)_mm_movemask_epi8(m) &
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b,
		    _mm_set1_epi8(' ')));
		if (bits != 0)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	for (; i + 2 < n; i++)
		if (s[i] == ' ' && mark_pair((unsigned char)s[i + 1],
		    (unsigned char)s[i + 2]))
			return i;
	return n;
}

/* Prepositions a fronted time or event phrase begins with. */
static const char *const fronting[] = { "At ", "In ", "On ", "During ",
	"Since ", "After ", "Before ", "I ", "På ", "Under ", "Ved ", "Etter ",
	"Før ", "Fra ", "Frå " };

#define FRONT_WORDS 12	/* a fronted phrase is short */
#define HEAD_WORDS 5	/* the name before a dated parenthesis */

/* A relative clause after a name: "Reformen, som ble iverksatt 1. juli 2006, ...". */
static const char *const relatives[] = { ", som ", ", der ", ", which ",
	", that ", ", who " };

/* A relative clause that a sentence's subject has without commas. */
static const char *const restrictives[] = { " som ", " that ", " which " };
#define NRESTRICTIVES (int)(sizeof restrictives / sizeof restrictives[0])

/*
 * Where a sentence's (HEAD_WORDS + 1)th word begins (text_words counts
 * its words), or n: a mark there or after it has too many words before
 * it to count.
 */
static size_t
head_end(const char *s, size_t n)
{
	size_t i = 0;
	int k = HEAD_WORDS;

	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n || k-- == 0)
			return i;
		i = text_next_of(s, i, n, ' ', ' ', ' ');
	}
}

/*
 * The first of each mark of marks[0..nmarks) (" x...") in s[0..n), as
 * memmem finds it, where it may count, into first[] (NULL: none): if it
 * is not among the first head bytes, where a mark that counts begins,
 * the first of s is after them too, and counts no more than none.  The
 * spaces are walked once for all marks.  (A plain loop: memmem's own
 * start costs more.)
 */
static void
firsts_in_head(const char *s, size_t n, size_t head,
    const char *const *marks, int nmarks, const char **first)
{
	size_t i, ml;
	int k, left = nmarks;

	for (k = 0; k < nmarks; k++)
		first[k] = NULL;
	/* (from space to space: a mark begins with one) */
	for (i = text_next_of(s, 0, n, ' ', ' ', ' '); i <= head && i + 1 < n &&
	    left > 0; i = text_next_of(s, i + 1, n, ' ', ' ', ' '))
		for (k = 0; k < nmarks; k++) {
			if (first[k] != NULL || s[i + 1] != marks[k][1])
				continue;
			ml = strlen(marks[k]);
			if (i + ml <= n && memcmp(s + i, marks[k], ml) == 0) {
				first[k] = s + i;
				left--;
			}
		}
}

#define RELATIVE_BYTES 60	/* from "som" to the date in its clause */

/* Sentence-initial purpose: "For å nå målet, ..." and "To reach it, ...". */
static const char *const purpose_starts[] = { "For å ", "To " };

#define REPORT_WORDS 8	/* "Samtidig sier en del kommuner og fylker at" */

/*
 * Verbs that report what someone says or finds, before "at" (Norwegian)
 * or "that" (English: its "at" is a preposition, "found at least",
 * "said at the meeting"; no base forms: "The report that ..." is a
 * noun's clause).
 */
static const char *const reporting_no[] = {
	"sier", "seier", "sa", "svarer", "svarte", "opplyser", "opplyste",
	"rapporterer", "rapporterte", "melder", "opplever", "opplevde",
	"mener", "meiner", "mente", "meinte", "viser", "viste", "påpeker",
	"påpeikar", "peker", "peikar", "erfarer", "erfarte", "understreker",
	"fremhever", "framhever", "konkluderer", "fant", "fann", "tyder",
	"indikerer", "erkjenner", "innrømmer", "forteller", "fortel",
	"fortalte", "fortalde",
};
static const char *const reporting_en[] = {
	"says", "said", "reported", "finds", "found",
	"shows", "showed", "noted", "indicates", "indicated", "suggests",
	"suggested", "concluded", "acknowledged", "explained",
};

/*
 * Whether a reporting verb of verbs[0..nverbs) stands among the
 * REPORT_WORDS words before s[i], the space before "at" or "that": what
 * follows is what was said or found, and may state an item alone.
 */
static int
reported_before(const char *s, size_t i, const char *const *verbs,
    size_t nverbs)
{
	size_t a, b = i;
	int words;

	for (words = 0; words < REPORT_WORDS && b > 0; words++) {
		while (b > 0 && s[b - 1] == ' ')
			b--;
		if (b == 0)
			break;	/* only spaces before: "  at X" */
		for (a = b; a > 0 && s[a - 1] != ' '; a--)
			;
		if (s[b - 1] == ',' || s[b - 1] == ';')
			return 0;	/* another clause */
		if (text_word_in(s + a, b - a, verbs, nverbs))
			return 1;
		b = a;
	}
	return 0;
}

/* Finite verbs that follow a sentence's subject. */
static const char *const finite[] = { "har", "hadde", "ble", "blei",
	"vart", "er", "var", "skal", "vil", "kan", "kunne", "skulle", "må",
	"fikk", "fekk", "gav", "ga", "viste", "has", "had", "was", "were",
	"is", "are", "will", "can", "show", "shows", "showed", "gave" };

/* Whether the word after s[e] (a space between) is a finite verb. */
static int
verb_after(const char *s, size_t e, size_t n)
{
	size_t v;

	if (e >= n || s[e] != ' ')
		return 0;
	for (v = e + 1; v < n && s[v] != ' ' && s[v] != ',' && s[v] != '.'; v++)
		;
	return text_word_in(s + e + 1, v - e - 1, finite, sizeof finite /
	    sizeof finite[0]);
}

/* Verbs of a headline's clause beside the finite ones sentences have. */
static const char *const headline_verbs[] = { "blir", "vert", "gir", "får",
	"becomes", "gets", "makes" };

/*
 * Whether a heading holds a finite verb: a headline's clause ("Når
 * kompleksitet blir et styringsproblem"), not a section's name.
 */
static int
has_verb(const char *s, size_t n)
{
	size_t a = 0, e;

	while (a < n) {
		for (e = a; e < n && s[e] != ' '; e++)
			;
		if (text_word_in(s + a, e - a, finite, sizeof finite /
		    sizeof finite[0]) || text_word_in(s + a, e - a, headline_verbs,
		    sizeof headline_verbs / sizeof headline_verbs[0]))
			return 1;
		a = e + 1;
	}
	return 0;
}

/*
 * Where a purpose ends: before the finite verb of the sentence it stands
 * in ("Avtalen for å styrke tilliten er på plass": "styrke tilliten"),
 * unless a clause of its own ("at", "som") comes first.
 */
static const char *const clause_words[] = { "at", "som", "that", "which",
	"who" };

static size_t
purpose_end(const char *s, size_t a, size_t b)
{
	size_t i;

	for (i = a; i + 1 < b; i = text_next_of(s, i + 1, b, ' ', ' ', ' ')) {
		if (s[i] != ' ')
			continue;
		if (verb_after(s, i, b))
			return i;
		/* "for å sikre at barna får hjelp": a clause of its own. */
		if (text_word_in(s + i + 1, text_next_of(s, i + 1, b, ' ', ' ', ' ') -
		    i - 1, clause_words, sizeof clause_words /
		    sizeof clause_words[0]))
			return b;
	}
	return b;
}

struct span {
	size_t a, b;
	const char *kind;
	size_t label, labellen;	/* an inline label before it, or 0, 0 */
};

static int
add_sub(struct span *sp, int nsub, const char *s, size_t a, size_t b,
    const char *kind)
{
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == ','))
		b--;
	if (nsub >= MAX_SUBS || text_words(s + a, b - a) < SUB_WORDS)
		return nsub;
	sp[nsub].a = a;
	sp[nsub].b = b;
	sp[nsub].kind = kind;
	sp[nsub].label = sp[nsub].labellen = 0;
	return nsub + 1;
}

/*
 * The last inline label of s[0..n), "... Effektmål (etter prosjektet): X":
 * its colon, and in *start where it begins, up to LABEL_WORDS words
 * before the colon.  NULL when there is none.
 */
static const char *
last_label(const char *s, size_t n, size_t *start)
{
	const char *p, *colon = NULL;
	size_t w;
	int k;

	for (p = s + (n > 0); (p = memchr(p, ':', n - (size_t)(p - s))) != NULL;
	    p++)
		if ((size_t)(p - s) + 1 < n && p[1] == ' ')
			colon = p;
	if (colon == NULL)
		return NULL;
	for (w = (size_t)(colon - s), k = 0; w > 0 && k < LABEL_WORDS; k++) {
		while (w > 0 && s[w - 1] == ' ')
			w--;
		while (w > 0 && s[w - 1] != ' ')
			w--;
	}
	*start = w;
	return colon;
}

/*
 * Words that ask, and begin an indirect question in nb, nn and en ("hva
 * man ønsker å oppnå"); not "når", "where", which begin clauses of time
 * and place too (see where_when).
 */
static const char *const asking[] = { "hva", "hvem", "hvordan", "hvilke",
	"hvilken", "hvilket", "hvorfor", "kva", "kven", "korleis", "kvifor",
	"what", "who", "how", "which", "why", "whether" };

/* The asking word's reach: "hva man i kommunene ønsker å" */
#define ASKED_WORDS 8

/*
 * Whether an asking word stands among the ASKED_WORDS words before
 * item in its sentence, in its clause (after the last comma, colon or
 * semicolon): the item is what is asked.
 */
static int
asked_before(const char *sent, const char *item)
{
	const char *b = item, *a;
	char low[16];
	int words;

	for (words = 0; words < ASKED_WORDS && b > sent; words++) {
		while (b > sent && b[-1] == ' ')
			b--;
		if (b == sent || b[-1] == ',' || b[-1] == ';' || b[-1] == ':')
			return 0;
		for (a = b; a > sent && a[-1] != ' '; a--)
			;
		/* (as written, or with its first letter a capital: "Hva") */
		if ((size_t)(b - a) < sizeof low) {
			memcpy(low, a, (size_t)(b - a));
			low[0] = (char)tolower((unsigned char)low[0]);
			if (text_word_in(low, (size_t)(b - a), asking,
			    sizeof asking / sizeof asking[0]))
				return 1;
		}
		b = a;
	}
	return 0;
}

/*
 * Spans inside the clause s[0..n) that may state an item alone: the text
 * after an inline label ("... Resultatmål: Vedta planen"), a purpose
 * ("for å X", "To X, ..."), a decision ("besluttet at X").
 */
static int
sub_spans(const char *s, size_t n, struct span *sp)
{
	const char *p, *q, *colon, *comma, *mark, *span;
	const char *restrictive_at[NRESTRICTIVES];
	size_t k, ml, w, i, e, nmark = 0;
	size_t mark_at[MAX_MARKS], mark_of[MAX_MARKS], mark_len[MAX_MARKS];
	int nsub = 0;

	if (n < 2)
		return 0;	/* an empty bullet says nothing */
	if ((colon = last_label(s, n, &w)) != NULL) {
		k = (size_t)nsub;
		/* A label at the start is the block's already (note_label). */
		if (w > 0)
			nsub = add_sub(sp, nsub, s, (size_t)(colon - s) + 2, n,
			    "after-label");
		if ((size_t)nsub > k) {
			sp[k].label = w;
			sp[k].labellen = (size_t)(colon - s) - w;
		}
	}
	/* "At the meeting in May 2019, the board ...": the fronted phrase. */
	for (k = 0; k < sizeof fronting / sizeof fronting[0]; k++) {
		if (n == 0 || s[0] != fronting[k][0])
			continue;	/* (the first byte alone rules most out) */
		ml = strlen(fronting[k]);
		if (n > ml && memcmp(s, fronting[k], ml) == 0 &&
		    (p = memchr(s, ',', n)) != NULL &&
		    text_words(s, (size_t)(p - s)) <= FRONT_WORDS)
			nsub = add_sub(sp, nsub, s, ml, (size_t)(p - s), "fronted");
	}
	/* "Phase Two (May – June 2024) will ...": a dated name. */
	if ((p = memchr(s, '(', n)) != NULL && text_words(s, (size_t)(p - s)) <=
	    HEAD_WORDS && (q = memchr(p, ')', n - (size_t)(p - s))) != NULL &&
	    (size_t)(q - s) + 2 < n && text_has_digit(p, (size_t)(q - p)))
		nsub = add_sub(sp, nsub, s, 0, (size_t)(q - s) + 1, "head");
	/* A name and a dated relative clause (after a comma): the event stated inside. */
	for (k = 0, comma = memchr(s, ',', n); comma != NULL &&
	    k < sizeof relatives / sizeof relatives[0]; k++) {
		struct date d;

		ml = strlen(relatives[k]);
		if ((p = memmem(s, n, relatives[k], ml)) == NULL ||
		    text_words(s, (size_t)(p - s)) > FRONT_WORDS)
			continue;
		q = memchr(p + ml, ',', n - (size_t)(p - s) - ml);
		e = q != NULL ? (size_t)(q - s) : n;
		if (e < n && date_find(s + (p - s) + ml, e - (size_t)(p - s) - ml,
		    0, &d))
			nsub = add_sub(sp, nsub, s, 0, e, "relative");
		break;
	}
	/*
	 * The same without commas: "Beslutningsgrunnlaget som oversendes
	 * kommunene i 2023 vil inneholde ...", the clause ends with its date
	 * where the sentence's verb comes.
	 */
	firsts_in_head(s, n, head_end(s, n), restrictives, NRESTRICTIVES,
	    restrictive_at);
	for (k = 0; k < (size_t)NRESTRICTIVES; k++) {
		struct date d;
		size_t from;

		ml = strlen(restrictives[k]);
		if ((p = restrictive_at[k]) == NULL ||
		    text_words(s, (size_t)(p - s)) > HEAD_WORDS)
			continue;
		from = (size_t)(p - s) + ml;
		/*
		 * Its verb comes before its date: "expects that 2026 will
		 * be" is no relative clause.
		 */
		if (date_find(s, n, from, &d) && d.start - from <=
		    RELATIVE_BYTES && text_words(s + from, d.start - from) > 0 &&
		    verb_after(s, d.end, n))
			nsub = add_sub(sp, nsub, s, 0, d.end, "relative");
		break;
	}
	for (k = 0; k < sizeof purpose_starts / sizeof purpose_starts[0]; k++) {
		if (n == 0 || s[0] != purpose_starts[k][0])
			continue;
		ml = strlen(purpose_starts[k]);
		if (n > ml && memcmp(s, purpose_starts[k], ml) == 0 &&
		    (p = memchr(s, ',', n)) != NULL)
			nsub = add_sub(sp, nsub, s, ml, purpose_end(s, ml,
			    (size_t)(p - s)), "purpose");
	}
	/*
	 * Every mark ends in " å ", " to ", " at " or " that ": look for
	 * those words once (at the spaces before their first bytes), and
	 * for the marks only where one is.
	 */
	for (i = 0; (i = mark_space(s, i, n)) + 3 < n &&
	    nmark < MAX_MARKS; i++) {
		if (!mark_word(s + i + 1, n - i - 1))
			continue;
		e = i + 1 + mark_word(s + i + 1, n - i - 1);
		for (k = 0; k < NMARKS; k++) {
			mark = sub_mark(k, &span);
			ml = strlen(mark);
			/* (marks are two bytes or more: the second rules most out) */
			if (e < ml || s[e - ml + 1] != mark[1] ||
			    memcmp(s + e - ml, mark, ml) != 0)
				continue;
			mark_at[nmark] = e;
			mark_len[nmark] = ml;
			mark_of[nmark++] = k;
			break;
		}
		/* "Mange kommuner sier at X", "Staff reported that X". */
		if (k == NMARKS && (s[i + 1] == 'a' ? reported_before(s, i,
		    reporting_no, sizeof reporting_no / sizeof reporting_no[0]) :
		    s[i + 2] == 'h' && reported_before(s, i, reporting_en,
		    sizeof reporting_en / sizeof reporting_en[0]))) {
			mark_at[nmark] = e;
			mark_len[nmark] = e - i;
			mark_of[nmark++] = NMARKS;
		}
	}
	/*
	 * "Forprosjektet gjennomføres våren 2026 for å X": the dated step
	 * before its purpose states a milestone alone.
	 */
	for (i = 0; i < nmark && mark_of[i] >= ADVERBIAL_PURPOSE; i++)
		;
	if (i < nmark) {
		struct date d;
		/* after a decision: "vedtok at det gjennomføres ... for å" */
		size_t from = i > 0 ? mark_at[i - 1] : 0;

		e = mark_at[i] - mark_len[i];
		if (e > from && date_find(s + from, e - from, 0, &d))
			nsub = add_sub(sp, nsub, s, from, e, "dated-main");
	}
	/* "for å X for å Y": X and Y. */
	for (i = 0; i < nmark; i++) {
		for (e = n, k = i + 1; k < nmark; k++)
			if (mark_of[k] == mark_of[i]) {
				e = mark_at[k] - mark_len[k];
				/* "for å for å X": the marks share a space. */
				if (e < mark_at[i])
					e = mark_at[i];
				break;
			}
		if (mark_of[i] < NMARKS)
			sub_mark(mark_of[i], &span);
		else
			span = "reported";
		if (mark_of[i] < NPURPOSE)
			e = purpose_end(s, mark_at[i], e);
		/* "... how the councils aim to X": X is asked, not said. */
		if (asked_before(s, s + mark_at[i] - mark_len[i]))
			continue;
		nsub = add_sub(sp, nsub, s, mark_at[i], e, span);
	}
	return nsub;
}

static void
swap_bufs(struct buf *a, struct buf *b)
{
	struct buf t = *a;

	*a = *b;
	*b = t;
}

/* Whether the sentence s[0..n) is a question: "...?", '...?"', "(...?)". */
static int
is_question(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == ')'))
		n--;
	return n > 0 && s[n - 1] == '?';
}

/* The spans that name a dated step: a milestone takes one over its clause. */
static const char *const dated_spans[] = { "relative", "dated-main", "head" };

/*
 * A clause and the spans inside it are scored each; per category the
 * one that wins by most is the item, so that an item is the span that
 * states it and is written once.  Each candidate's text and features are
 * kept aside as it is scored, and put back to write the winners.
 */
static void
emit_clause(struct extractor *x, enum category cat, const char *sec,
    const char *s, size_t n, const char *basis, const struct rule *r,
    const struct date *date, const char *span)
{
	struct span sub[MAX_SUBS + 1];
	double margin, best[MODEL_NCAT];
	int nsub, i, which[MODEL_NCAT], c;
	enum category d;

	nsub = sub_spans(s, n, sub + 1);
	if (nsub == 0) {
		emit_one(x, cat, sec, s, n, s, n, basis, r, date, span);
		return;
	}
	sub[0].a = 0;
	sub[0].b = n;
	sub[0].kind = span;
	sub[0].labellen = 0;
	for (c = 0; c < MODEL_NCAT; c++)
		which[c] = -1;
	for (i = 0; i <= nsub; i++) {
		d = score_one(x, cat, sec, s + sub[i].a, sub[i].b - sub[i].a,
		    s + sub[i].a, sub[i].b - sub[i].a, basis, r, sub[i].kind,
		    sub[i].labellen > 0 ? s + sub[i].label : NULL,
		    sub[i].labellen, &margin);
		swap_bufs(&x->item, &x->kept_item[i]);
		swap_bufs(&x->feat, &x->kept_feat[i]);
		/*
		 * A milestone dated inside a relative clause is that clause
		 * and the name before it, whatever else the sentence says;
		 * so is a dated name ("Phase Two (May 2027) will ...") and
		 * a dated step before its purpose.
		 */
		if (d != CAT_NONE && (which[d] < 0 || margin > best[d] ||
		    (d == CAT_MILESTONE && which[d] == 0 &&
		    text_word_in(sub[i].kind, strlen(sub[i].kind), dated_spans,
		    sizeof dated_spans / sizeof dated_spans[0])))) {
			which[d] = i;
			best[d] = margin;
		}
	}
	/* A candidate has one category: it wins for that one at most. */
	for (c = CAT_GOAL; c < MODEL_NCAT; c++) {
		if ((i = which[c]) < 0)
			continue;
		swap_bufs(&x->item, &x->kept_item[i]);
		swap_bufs(&x->feat, &x->kept_feat[i]);
		write_decided(x, (enum category)c, cat, sec, basis, r,
		    i == 0 ? date : NULL);
		swap_bufs(&x->item, &x->kept_item[i]);
		swap_bufs(&x->feat, &x->kept_feat[i]);
	}
}

/* Clause boundaries: coordinated main clauses and a semicolon. */
static const char *const clause_marks[] = {
	", og ", ", men ", ", mens ", ", så ", "; ", ", and ", ", but ",
	", while ", ", whereas ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
	", hvor ", ", der ", ", noe som ", ", where ", ", which ",
	" peke på at ", " peker på at ", " viser at ", " mener at ",
	" sier at ", " shows that ", " found that ", " finds that ",
};

/* Where an enumeration may begin: after these, a list of short parts. */
static const char *const enum_leads[] = {
	": ", "; ", " including ", " such as ", " blant annet ", " bl.a. ",
	" mellom anna ", " blant anna ", " for eksempel ", " som ",
};

#define PERIOD_BYTES 24	/* looked at after "og": "våren 2016" */
#define PERIOD_GAP 4	/* bytes before its date: "ut 2014" */

/* " og " or " and " after a year's four digits: the mark's length, or 0. */
static size_t
year_and(const char *s, size_t n)
{
	int k;

	struct date d;
	size_t ml;

	for (k = 1; k <= 4; k++)
		if ((unsigned)(s[-k] - '0') >= 10u)
			return 0;
	if (n > 5 && memcmp(s, " og ", 4) == 0)
		ml = 4;
	else if (n > 6 && memcmp(s, " and ", 5) == 0)
		ml = 5;
	else
		return 0;
	/*
	 * Not "2012 og 2013", "Høsten 2015 og våren 2016", "januar 2011 og
	 * ut 2014": a date just after goes on with the first, a period.
	 */
	if (date_find(s + ml, n - ml < PERIOD_BYTES ? n - ml : PERIOD_BYTES, 0,
	    &d) && d.start <= PERIOD_GAP)
		return 0;
	return ml;
}

/* Subjects that open a clause of their own after "og", "men", "and". */
static const char *const subjects[] = { "det", "de", "dei", "vi", "me",
	"man", "han", "hun", "ho", "jeg", "eg", "dette", "it", "they", "we",
	"there", "this" };

/*
 * " og det ble ...", " and it was ...": a conjunction, a subject and a
 * finite verb join two main clauses with no comma before them ("Dette
 * lyktes ikke og det ble gjort en vurdering").  The conjunction's length
 * with its spaces but without the subject, or 0.
 */
/* The conjunctions subject_and() looks for. */
static const struct {
	const char *s;
	size_t len;
} subject_conj[] = { { " og ", 4 }, { " men ", 5 }, { " and ", 5 },
	{ " but ", 5 } };
#define NSUBJECT_CONJ (sizeof subject_conj / sizeof subject_conj[0])

static size_t
subject_and(const char *s, size_t n)
{
	size_t k, cl, e;

	/*
	 * (Asked at every space: most words begin otherwise, and a
	 * conjunction is known by its first letter.)
	 */
	if (n < 4 || (s[1] != 'o' && s[1] != 'm' && s[1] != 'a' && s[1] != 'b'))
		return 0;
	for (k = 0; k < NSUBJECT_CONJ; k++)
		if (s[1] == subject_conj[k].s[1] && n > subject_conj[k].len &&
		    s[2] == subject_conj[k].s[2] && s[3] == subject_conj[k].s[3] &&
		    memcmp(s, subject_conj[k].s, subject_conj[k].len) == 0)
			break;
	if (k == NSUBJECT_CONJ)
		return 0;
	cl = subject_conj[k].len;
	for (e = cl; e < n && s[e] != ' '; e++)
		;
	if (!text_word_in(s + cl, e - cl, subjects, sizeof subjects /
	    sizeof subjects[0]) || !verb_after(s, e, n))
		return 0;
	return cl - 1;
}

#define SUBJECT_AND_WORDS 2	/* before " og det ble": "Det lyktes" */

/*
 * The two bytes after the space that a conjunction of subject_and() or
 * a clause mark beginning with a space has: one bit a pair, set once.
 * Most spaces are followed by no such pair and are passed over at the
 * cost of one look, not of every test in turn (taken at random, they
 * were mispredicted about once a space).  The pair after those (the
 * mark's third and fourth bytes, every mark has four) in a second set:
 * the words the first pair lets by ("mer", "vil", "for", "ansatte")
 * are stopped by it.
 */
static unsigned char space_pairs[2][256 * 256 / 8];
static int space_pairs_set;

/*
 * The clause marks by their second byte, in their order: a mark is tried
 * only where its first two bytes stand (first of each byte, then next).
 */
#define NCLAUSE_MARKS (sizeof clause_marks / sizeof clause_marks[0])
static signed char mark_head[256], mark_next[NCLAUSE_MARKS];

static int
space_pair(const char *s, size_t i, size_t n)
{
	unsigned p, q;

	if (i + 3 >= n)
		return 1;	/* (no pairs this near the end: tests decide) */
	p = (unsigned)(unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
	q = (unsigned)(unsigned char)s[i + 2] << 8 | (unsigned char)s[i + 3];
	return space_pairs[0][p >> 3] >> (p & 7) &
	    space_pairs[1][q >> 3] >> (q & 7) & 1;
}

static void
set_space_pair(const char *mark)
{
	unsigned p = (unsigned)(unsigned char)mark[1] << 8 |
	    (unsigned char)mark[2];
	unsigned q = (unsigned)(unsigned char)mark[2] << 8 |
	    (unsigned char)mark[3];

	space_pairs[0][p >> 3] |= (unsigned char)(1u << (p & 7));
	space_pairs[1][q >> 3] |= (unsigned char)(1u << (q & 7));
}

static void
space_pairs_once(void)
{
	size_t k;

	if (space_pairs_set)
		return;
	space_pairs_set = 1;
	for (k = 0; k < NSUBJECT_CONJ; k++)
		set_space_pair(subject_conj[k].s);
	for (k = 0; k < NCLAUSE_MARKS; k++)
		if (clause_marks[k][0] == ' ')
			set_space_pair(clause_marks[k]);
	memset(mark_head, -1, sizeof mark_head);
	for (k = NCLAUSE_MARKS; k-- > 0; ) {
		mark_next[k] = mark_head[(unsigned char)clause_marks[k][1]];
		mark_head[(unsigned char)clause_marks[k][1]] = (signed char)k;
	}
}

/* Whether clause_cuts() must look at s[k], a space, comma or semicolon. */
static int
cut_place(const char *s, size_t k, size_t n)
{
	return s[k] != ' ' || (k >= 4 && (unsigned)(s[k - 1] - '0') < 10u) ||
	    space_pair(s, k, n);
}

/*
 * Where the next place at or after i stands that clause_cuts() must look
 * at, or n: a comma or a semicolon, or a space after a digit (year_and)
 * or before a pair of bytes space_pair() holds.  Sixteen bytes at a
 * time, their spaces and commas as bits, each tested in turn in one
 * loop: stopping at every space from the caller's loop cost a tenth of
 * the time of prose.
 */
static size_t
cut_candidate(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD)
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));

		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
		    _mm_cmpeq_epi8(b, _mm_set1_epi8(','))),
		    _mm_cmpeq_epi8(b, _mm_set1_epi8(';'))));
		for (; m != 0; m &= m - 1)
			if (cut_place(s, i + (size_t)__builtin_ctz(m), n))
				return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < n; i++)
		if ((s[i] == ' ' || s[i] == ',' || s[i] == ';') &&
		    cut_place(s, i, n))
			return i;
	return n;
}

/* The depth of parentheses after c: a ')' with none open counts for nothing. */
static int
paren_depth(int depth, char c)
{
	return c == '(' ? depth + 1 : c == ')' && depth > 0 ? depth - 1 : depth;
}

/*
 * Whether the clause mark s[i..i+kl) is a relative pronoun after a comma
 * (one of relatives[]) whose clause holds a date and ends at a comma
 * before the sentence does.
 */
static int
set_off_dated(const char *s, size_t i, size_t kl, size_t n)
{
	const char *q;
	struct date d;

	if (!text_word_in(s + i, kl, relatives, sizeof relatives /
	    sizeof relatives[0]) ||
	    (q = memchr(s + i + kl, ',', n - i - kl)) == NULL)
		return 0;
	return date_find(s + i + kl, (size_t)(q - s) - i - kl, 0, &d);
}

/*
 * Cut s[0..n) at clause boundaries with at least CLAUSE_WORDS words on
 * each side; cut[] gets the start of each clause after the first and
 * cutlen[] the length of the mark before it.
 */
static int
clause_cuts(const char *s, size_t n, size_t *cut, size_t *cutlen)
{
	size_t i, ml, last = 0, seen = 0, rpar = 0;	/* after the last ')' */
	size_t lpar = SIZE_MAX;	/* a '(' at or after seen, n none, MAX unknown */
	int ncut = 0, k, depth = 0;
	const signed char *head = mark_head, *next = mark_next;

	space_pairs_once();
	/* (Every mark begins with a space, a comma or a semicolon.) */
	for (i = 0; (i = cut_candidate(s, i, n)) + 1 < n &&
	    ncut < MAX_CLAUSES - 1; i++) {
		/*
		 * No cut inside parentheses: "Phase Three (2014 – 2019) ...";
		 * one never closed ("(se vedlegg 2 for å ...") holds none.
		 * Told first: a long sentence in parentheses has its words
		 * counted at no mark inside them.
		 */
		for (; seen < i; seen++) {
			/* (outside them, a ')' counts for nothing: on to a '(') */
			if (depth == 0) {
				if (lpar < seen || lpar == SIZE_MAX)
					lpar = text_next_of(s, seen, n, '(', '(', '(');
				if (lpar >= i) {
					seen = i;
					break;
				}
				seen = lpar;
			}
			depth = paren_depth(depth, s[seen]);
		}
		if (depth > 0 && rpar == 0)
			for (rpar = n; rpar > i && s[rpar - 1] != ')'; rpar--)
				;
		if (depth > 0 && i < rpar)
			continue;
		/*
		 * "... startet i 2012 og pulje 2 kom i gang i ...": after a
		 * year, "og" joins two dated clauses, comma or not.
		 */
		if (s[i] == ' ' && i >= 4 && (unsigned)(s[i - 1] - '0') < 10u &&
		    (ml = year_and(s + i, n - i)) > 0) {
			if (text_words(s + last, i - last) < CLAUSE_WORDS ||
			    text_words(s + i + ml, n - i - ml) < CLAUSE_WORDS)
				continue;
		} else if (s[i] == ' ' && (ml = subject_and(s + i, n - i)) > 0) {
			if (text_words(s + last, i - last) < SUBJECT_AND_WORDS ||
			    text_words(s + i + ml, n - i - ml) < CLAUSE_WORDS)
				continue;
		} else if ((s[i] != ',' && s[i] != ';' && s[i] != ' ') ||
		    head[(unsigned char)s[i + 1]] < 0)
			continue;
		else {
			for (ml = 0, k = head[(unsigned char)s[i + 1]]; k >= 0;
			    k = next[k]) {
				const char *mk = clause_marks[k];
				size_t kl;

				/* (the first and third bytes rule most out) */
				if (s[i] != mk[0] || (mk[2] != '\0' &&
				    (i + 2 >= n || s[i + 2] != mk[2])))
					continue;
				kl = strlen(mk);
				if (i + kl > n || memcmp(s + i, mk, kl) != 0)
					continue;
				/*
				 * "The report, which was published in June
				 * 2018, presented ...": a dated relative clause
				 * set off by commas names its antecedent's
				 * step (see sub_spans); the sentence goes on.
				 */
				if (set_off_dated(s, i, kl, n))
					break;
				/* What a report says stands alone after "viser at". */
				if ((text_words(s + last, i - last) >= CLAUSE_WORDS ||
				    (kl >= 3 &&
				    memcmp(clause_marks[k] + kl - 3, "at ", 3) == 0)) &&
				    text_words(s + i + kl, n - i - kl) >= CLAUSE_WORDS)
					ml = kl;
				break;
			}
			if (ml == 0)
				continue;
		}
		/* The conjunction goes with neither clause. */
		cut[ncut] = i + ml;
		cutlen[ncut] = ml;
		ncut++;
		last = i + ml;
		i += ml - 1;
	}
	return ncut;
}

/*
 * Where a second dated step begins in a clause that holds two: "The
 * strategy for 2017 to 2020 | was adopted on 23 February 2017",
 * "vedtatt i 2004, med | oppdateringer i 2007", "I møte 2/11 behandlet
 * AU forslaget og | 26/11 behandlet de rapporten", "etter planen, | som
 * vert vedteken juni 2017".  Between its two dates (words apart, not one
 * period) a relative pronoun goes with the second step, a conjunction
 * with neither; with none, the first finite verb after the first date
 * begins the second ("The strategy for 2017 | was adopted").  The start
 * of the second step and, in *marklen, what goes with neither; or 0.
 */
static const char *const step_relatives[] = { ", som ", ", which ",
	", der ", ", where " };
#define NSTEP_RELATIVES (sizeof step_relatives / sizeof step_relatives[0])
static const char *const step_conjunctions[] = { ", with ", ", med ",
	" og ", " and ", ", og ", ", and " };

#define STEP_GAP_WORDS 3	/* between two dates of two steps, at least */

static size_t
dated_split(const char *s, size_t n, size_t *marklen)
{
	struct date d1, d2;
	const char *p;
	size_t k, ml, e, best = 0;

	*marklen = 0;
	if (!date_find(s, n, 0, &d1) || !date_find(s, n, d1.end, &d2) ||
	    text_words(s + d1.end, d2.start - d1.end) < STEP_GAP_WORDS)
		return 0;
	/* A year in parentheses may be a source's: "(Berg 2021)". */
	if (memchr(s + d1.end, '(', d2.start - d1.end) != NULL &&
	    memchr(s + d1.end, ')', d2.start - d1.end) == NULL)
		return 0;
	/*
	 * A relative clause that ends before the main one goes on is a
	 * step's name ("Konferansen, som vart utsett til mars, er no
	 * utsett til juni"): one that runs to the clause's end begins one.
	 */
	if (memchr(s + d2.end, ',', n - d2.end) == NULL)
		for (k = 0; k < NSTEP_RELATIVES; k++) {
			ml = strlen(step_relatives[k]);
			if ((p = memmem(s + d1.end, d2.start - d1.end,
			    step_relatives[k], ml)) != NULL &&
			    (size_t)(p - s) > best) {
				best = (size_t)(p - s) + 2;	/* at "som" */
				*marklen = 2;
			}
		}
	for (k = 0; k < sizeof step_conjunctions /
	    sizeof step_conjunctions[0]; k++) {
		ml = strlen(step_conjunctions[k]);
		if ((p = memmem(s + d1.end, d2.start - d1.end,
		    step_conjunctions[k], ml)) != NULL &&
		    (size_t)(p - s) + ml > best) {
			best = (size_t)(p - s) + ml;
			*marklen = ml;
		}
	}
	/*
	 * (Not after a comma: "Samlinga for 2020, som vart utsett til mars
	 * 2021, er no utsett til juni" names one step.)
	 */
	if (best == 0 && memchr(s, ',', d1.start) == NULL)
		for (e = d1.end; e < d2.start && s[e] != ','; e++)
			if (s[e] == ' ' && verb_after(s, e, n)) {
				best = e + 1;
				*marklen = 1;
				break;
			}
	if (best == 0 || text_words(s, best - *marklen) < CLAUSE_WORDS ||
	    text_words(s + best, n - best) < CLAUSE_WORDS)
		return 0;
	return best;
}

/* Conjunctions a list's last part may begin with, each with its space. */
static const char *const part_conj[] = { "og ", "and ", "or ", "eller ",
	"samt ", "as well as " };

/* The conjunction a last part begins with ("og d"): its length. */
static size_t
conjunction_len(const char *s, size_t n)
{
	size_t k, a = 0, l;

	while (a < n && s[a] == ' ')
		a++;
	for (k = 0; k < sizeof part_conj / sizeof part_conj[0]; k++) {
		l = strlen(part_conj[k]);
		if (n - a > l && memcmp(s + a, part_conj[k], l) == 0)
			return a + l;
	}
	return 0;
}

/*
 * The first lead[0..ll) in s[0..n) outside parentheses, or NULL: a list
 * inside them ("(such as a, b, and c)") gives examples, not items, and
 * the same lead may come again after them ("(se: vedlegg 2) er: a, b").
 */
static const char *
lead_outside(const char *s, size_t n, const char *lead, size_t ll)
{
	const char *at;
	size_t k = 0, from = 0;
	int depth = 0;

	while ((at = memmem(s + from, n - from, lead, ll)) != NULL) {
		for (; k < (size_t)(at - s); k++)
			depth = paren_depth(depth, s[k]);
		if (depth == 0)
			return at;
		from = (size_t)(at - s) + 1;
	}
	return NULL;
}

/* Whether s[0..n) is a conjunction alone, spaces aside ("and", "og"). */
static int
only_conjunction(const char *s, size_t n)
{
	size_t k;

	while (n > 0 && s[0] == ' ')
		s++, n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (k = 0; k < sizeof part_conj / sizeof part_conj[0]; k++)
		if (n > 0 && strlen(part_conj[k]) == n + 1 &&
		    memcmp(s, part_conj[k], n) == 0)
			return 1;
	return 0;
}

#define BARE_ENUM_WORDS 4	/* parts of a list with no lead: "a, b og c" */

/* Where the last part of an enumeration ends: at a dash that goes on. */
static size_t
part_end(const char *s, size_t a, size_t n)
{
	const char *d = memmem(s + a, n - a, "\xe2\x80\x94", 3);

	return d != NULL ? (size_t)(d - s) : n;
}

/*
 * Whether s[0..n) has a letter: "2019–2020" has none, its dash being a
 * sign as "§" is.
 */
static int
has_letter(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if ((unsigned)((s[i] | 0x20) - 'a') < 26u)
				return 1;
			i++;
			continue;
		}
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp_is_letter(cp))
			return 1;
	}
	return 0;
}

/* Whether the comma at s[i] is inside a date: "May 28, 2009". */
static int
date_comma(const char *s, size_t n, size_t i)
{
	size_t k;

	if (i == 0 || (unsigned)(s[i - 1] - '0') >= 10u || i + 6 > n ||
	    s[i + 1] != ' ')
		return 0;
	for (k = i + 2; k < i + 6; k++)
		if ((unsigned)(s[k] - '0') >= 10u)
			return 0;
	return i + 6 == n || (unsigned)(s[i + 6] - '0') >= 10u;
}

/* Where part k of a list has its first word, its conjunction passed. */
static size_t
part_word(const char *s, const size_t *start, const size_t *end, int k)
{
	size_t a = start[k] + conjunction_len(s + start[k], end[k] - start[k]);

	while (a < end[k] && s[a] == ' ')
		a++;
	return a;
}

/*
 * Words an indirect question begins with besides the asking ones: where
 * and when ("avklare hvor det skal ligge og når det starter").
 */
static const char *const where_when[] = { "hvor", "når", "kvar", "kor",
	"where", "when" };

/*
 * Whether the parts of a list are mostly indirect questions ("avklare
 * hva som skal gjøres, hva det koster og hvem som gjør det"): one
 * verb's object, to be kept whole, not items each.
 */
static int
question_list(const char *s, const size_t *start, const size_t *end,
    int parts)
{
	size_t a, w;
	int k, asked = 0;

	for (k = 0; k < parts; k++) {
		a = part_word(s, start, end, k);
		for (w = a; w < end[k] && s[w] != ' '; w++)
			;
		asked += text_word_in(s + a, w - a, asking, sizeof asking /
		    sizeof asking[0]) || text_word_in(s + a, w - a, where_when,
		    sizeof where_when / sizeof where_when[0]);
	}
	return asked >= 2 && 2 * asked >= parts;
}

/*
 * Whether a part of a list but its last holds a finite verb: clauses
 * ("ungdomar som treng det, får nødvendige, individuelt tilpassa
 * tenester"), not a list of things.
 */
static int
clause_list(const char *s, const size_t *start, const size_t *end, int parts)
{
	int k;

	for (k = 0; k + 1 < parts; k++)
		if (has_verb(s + start[k], end[k] - start[k]))
			return 1;
	return 0;
}

/*
 * Whether the parts of a list after its first begin in upper case in
 * the middle of a sentence: names ("ynskje Austevoll, Ulvik og Voss
 * velkomne"), not items.  The last may be the sentence going on after
 * them ("mellom Stad, Stryn, Gloppen og Bremanger, med Gloppen som
 * vertskommune"), where two names or more stood before it.
 */
static int
name_list(const char *s, const size_t *start, const size_t *end, int parts)
{
	size_t a;
	int k;

	for (k = 1; k < parts; k++) {
		a = part_word(s, start, end, k);
		if (a == end[k] || !cp_is_upper(first_cp(s + a, end[k] - a)))
			return k == parts - 1 && k >= 3;
	}
	return 1;
}

/*
 * An enumeration of short parts after a lead ("; a, b, c og d"), or of
 * very short ones making up the whole clause: its parts as spans, when
 * there are at least three; 0 if none.  The last part may run longer
 * ("..., og mangel på forankring i kommunestyrene").
 */
static int
enumeration(const char *s, size_t n, size_t *start, size_t *end, int max)
{
	const char *lead, *comma;
	size_t k, a, i, ll, e, nleads = sizeof enum_leads / sizeof enum_leads[0];
	int parts, words, most, depth, aside, conj;

	/* Three parts need two commas. */
	if ((comma = memchr(s, ',', n)) == NULL ||
	    memchr(comma + 1, ',', n - (size_t)(comma + 1 - s)) == NULL)
		return 0;
	for (k = 0; k <= nleads; k++) {
		if (k < nleads) {
			ll = strlen(enum_leads[k]);
			lead = lead_outside(s, n, enum_leads[k], ll);
			if (lead == NULL)
				continue;
			a = (size_t)(lead - s) + ll;
			most = ENUM_WORDS;
		} else {
			a = 0;
			most = BARE_ENUM_WORDS;
		}
		/* A comma inside a part's own parenthesis divides nothing. */
		parts = aside = 0;
		for (i = a, depth = 0; i <= n && parts < max; i++) {
			if (i < n)
				depth = paren_depth(depth, s[i]);
			if (i < n && (s[i] != ',' || depth > 0 ||
			    date_comma(s, n, i)))
				continue;
			e = i < n ? i : part_end(s, a, n);
			words = text_words(s + a, e - a);
			/*
			 * "og, ikke minst, c": the "og" alone is no part, nor
			 * are the few words set off after it.
			 */
			conj = only_conjunction(s + a, e - a);
			if (conj || (aside && i < n && words <= BARE_ENUM_WORDS)) {
				aside = conj;
				a = i + 1;
				continue;
			}
			aside = 0;
			/* "§§ 17, 18, 19 og 20": numbers, not a list of items */
			if (words == 0 || words > (i < n ? most : 2 * most) ||
			    !has_letter(s + a, e - a)) {
				parts = -1;
				break;
			}
			start[parts] = a;
			end[parts] = e;
			parts++;
			a = i + 1;
		}
		/* (after a colon, a list's parts may be capitalised: slides) */
		if (parts >= 3 && !question_list(s, start, end, parts) &&
		    !clause_list(s, start, end, parts) &&
		    ((k < nleads && enum_leads[k][0] != ' ') ||
		    !name_list(s, start, end, parts)))
			return parts;
	}
	return 0;
}

#define LEAD_LINE_WORDS 8	/* "Kriterier som vektlegges i behandlingen:" */

/* Whether s[0..n) has fewer than k words (as text_words counts them). */
static int
fewer_words(const char *s, size_t n, int k)
{
	size_t i = 0;

	for (; k > 0; k--) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			return 1;
		i = text_next_of(s, i, n, ' ', ' ', ' ');
	}
	return 0;
}

/* The parts of an enumeration of s, each a candidate. */
static void
emit_parts(struct extractor *x, enum category cat, const char *sec,
    const char *s, const size_t *es, const size_t *ee, int ne,
    const char *basis, const struct rule *r)
{
	size_t a;
	int k;

	/*
	 * The words before the parts lead them as a block leads the list
	 * under it: "de viktigste utfordringene; sykefravær, turnover".
	 */
	if (es[0] > 0) {
		buf_clear(&x->part_lead);
		buf_add(&x->part_lead, s, es[0]);
		swap_bufs(&x->lead, &x->part_lead);
	}
	for (k = 0; k < ne; k++) {
		a = es[k] + conjunction_len(s + es[k], ee[k] - es[k]);
		emit_one(x, cat, sec, s + a, ee[k] - a, s + a, ee[k] - a, basis,
		    r, NULL, "part");
	}
	if (es[0] > 0)
		swap_bufs(&x->lead, &x->part_lead);
}

/*
 * A candidate sentence: cut into its clauses, and an enumeration into
 * its parts, so that an item is the shortest span that states it.  A
 * bullet or a section's item stays whole: it is one item already.
 */
static void
emit(struct extractor *x, enum category cat, const char *sec,
    const char *s, size_t n, const char *basis, const struct rule *r,
    const struct date *date)
{
	size_t cut[MAX_CLAUSES], cutlen[MAX_CLAUSES], a, b, m, ml;
	size_t es[MAX_CLAUSES], ee[MAX_CLAUSES], ctxlen = n;
	const char *ctx = s;
	int ncut, i, ne;

	/* A rule's item inside a sentence: the cue words around it count. */
	if (x->sent != NULL && s >= x->sent && s + n <= x->sent + x->sentlen) {
		ctx = x->sent;
		ctxlen = x->sentlen;
	}
	/*
	 * A rule's span inside a question states nothing, nor inside an
	 * indirect one: "Hva vil vi oppnå med ...?", "... og hva man
	 * ønsker å oppnå med ..." name no goal "oppnå med ...".
	 */
	if ((ctx != s || ctxlen != n) && (is_question(ctx, ctxlen) ||
	    asked_before(ctx, s)))
		return;
	if (strcmp(basis, "heading") == 0 || strcmp(basis, "label") == 0 ||
	    ctx != s || ctxlen != n) {
		emit_one(x, cat, sec, s, n, ctx, ctxlen, basis, r, date, "whole");
		/*
		 * A paragraph under its section's heading that lists after
		 * a lead ("Stikkord: a, b, og c"): its parts too.
		 */
		if (x->bkind == K_TEXT && ctx == s && ctxlen == n &&
		    (ne = enumeration(s, n, es, ee, MAX_CLAUSES)) > 0 && es[0] > 0)
			emit_parts(x, cat, sec, s, es, ee, ne, basis, r);
		return;
	}
	if ((x->bkind == K_BULLET && fewer_words(s, n, PROSE_WORDS)) ||
	    (fewer_words(s, n, 2 * CLAUSE_WORDS) &&
	    enumeration(s, n, es, ee, MAX_CLAUSES) == 0)) {
		emit_clause(x, cat, sec, s, n, basis, r, date,
		    "sentence");
		return;
	}
	/* "Barriers remain, including a, b, and c": the list before clauses. */
	if ((ne = enumeration(s, n, es, ee, MAX_CLAUSES)) > 0 && es[0] > 0) {
		/* What comes before the list, without its lead ", including". */
		for (b = es[0] - 1; b > 0 && strchr(",:;", s[b]) == NULL; b--)
			;
		if (b == 0)
			b = es[0];
		/* A label before the list ("Stikkord: a, b og c") says nothing. */
		if (s[b] != ':' || !fewer_words(s, b, SUB_WORDS))
			emit_clause(x, cat, sec, s, b, basis, r, NULL, "clause");
		emit_parts(x, cat, sec, s, es, ee, ne, basis, r);
		return;
	}
	ncut = clause_cuts(s, n, cut, cutlen);
	for (i = 0; i <= ncut; i++) {
		a = i == 0 ? 0 : cut[i - 1];
		b = i == ncut ? n : cut[i] - cutlen[i];
		ne = enumeration(s + a, b - a, es, ee, MAX_CLAUSES);
		if (ne > 0) {
			emit_parts(x, cat, sec, s + a, es, ee, ne, basis, r);
			continue;
		}
		if ((m = dated_split(s + a, b - a, &ml)) > 0) {
			emit_clause(x, cat, sec, s + a, m - ml, basis, r, NULL,
			    "clause");
			emit_clause(x, cat, sec, s + a + m, b - a - m, basis, r,
			    NULL, "clause");
			continue;
		}
		emit_clause(x, cat, sec, s + a, b - a, basis, r,
		    ncut == 0 ? date : NULL, ncut == 0 ? "sentence" : "clause");
	}
}

/* ---- the section stack ---- */

static void
pop_to(struct extractor *x, int rank)
{
	while (x->depth > 0 && x->stack[x->depth - 1].rank >= rank) {
		x->depth--;
		free(x->stack[x->depth].text);
	}
}

static void
clear_stack(struct extractor *x)
{
	pop_to(x, -1);
}

static struct section *
push(struct extractor *x, int rank, long unit, enum category cat,
    const char *text, size_t n)
{
	struct section *s;

	if (x->depth == MAX_DEPTH)
		pop_to(x, x->stack[MAX_DEPTH - 1].rank);
	s = &x->stack[x->depth++];
	memset(s, 0, sizeof *s);
	s->rank = rank;
	s->src_rank = rank;
	s->unit = unit;
	s->block = x->blockno;
	s->cat = cat;
	s->item_level = -1;
	s->text = xstrndup(text, trim_end(text, n));
	return s;
}

static struct section *
top(struct extractor *x)
{
	return x->depth > 0 ? &x->stack[x->depth - 1] : NULL;
}

/* ---- rules on sentences ---- */

#define MIN_EVENT_WORDS 5	/* of a fronted phrase that names an event */

static int count_words(const char *, size_t);

/*
 * The words of s[0..n) outside its dates: "Frå januar 2011 og ut 2014"
 * has three, a period and no event.
 */
static int
undated_words(const char *s, size_t n)
{
	struct date d;
	size_t at = 0;
	int words = 0;

	while (at < n && date_find(s, n, at, &d)) {
		words += count_words(s + at, d.start - at);
		at = d.end;
	}
	return words + count_words(s + at, n - at);
}

/* Emit from the item group, or from the text after a label. */
static void
emit_match(struct extractor *x, const struct rule *r, const char *s, size_t n,
    const struct rx_match *m, const char *basis, const struct date *d)
{
	size_t a = m->item_start, b = m->item_end;

	/*
	 * A fronted time ("I 2019 ble ...") dates the sentence, which is the
	 * item; a fronted event ("At the joint meeting in May 2019") is one.
	 */
	if (r->kind == R_DATE && m->has_item &&
	    undated_words(s + a, b - a) < MIN_EVENT_WORDS) {
		a = 0;
		b = n;
	} else if (!m->has_item) {
		if (r->kind == R_LABEL) {
			a = m->end;
			b = n;
		} else {
			a = 0;
			b = n;
		}
	}
	emit(x, r->cat, section_text(x), s + a, b - a, basis, r, d);
}

/*
 * Walk the words of s[0..n), runs of letters or digits (a hyphen or an
 * apostrophe inside one goes on with it), up to where word k + 1 begins
 * (k < 0: to the end); their number into *words, that place returned.
 */
static size_t
walk_words(const char *s, size_t n, int k, int *words)
{
	size_t i = 0;
	int32_t cp;
	int len, in_word = 0;

	*words = 0;
	while (i < n) {
		/* (ASCII, most of it, is its own code point) */
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			len = 1;
		} else if ((len = utf8_decode(s + i, n - i, &cp)) <= 0)
			len = 1;
		if (cp_is_word(cp)) {
			if (!in_word) {
				if (k >= 0 && *words == k)
					return i;
				(*words)++;
			}
			in_word = 1;
		} else if (cp != '-' && cp != '\'')
			in_word = 0;
		i += (size_t)len;
	}
	return n;
}

/* Words in s[0..n). */
static int
count_words(const char *s, size_t n)
{
	int words;

	walk_words(s, n, -1, &words);
	return words;
}

#define MIN_KEYWORD_WORDS 2	/* "wants to achieve": "achieve" says nothing */

/*
 * Whether a keyword rule's item group took too little to stand as an
 * item: then the words before it only announce what follows.
 */
static int
thin_item(const struct rule *r, const char *s, const struct rx_match *m)
{
	return r->kind == R_KEYWORD && m->has_item &&
	    count_words(s + m->item_start, m->item_end - m->item_start) <
	    MIN_KEYWORD_WORDS;
}

/* The date inside a date rule's match, if there is one. */
static const struct date *
date_in_match(struct extractor *x, const char *s, const struct rx_match *m,
    struct date *d)
{
	if (date_find_memo(&x->dates_asked, s, m->end, m->start, d))
		return d;
	return NULL;
}

static int cascade_rules(struct extractor *, const char *, size_t, int);

/* Skip, label, keyword, date: the first that matches takes the sentence. */
static int
cascade(struct extractor *x, const char *s, size_t n, int scope)
{
	int taken;

	x->sent = s;
	x->sentlen = n;
	taken = cascade_rules(x, s, n, scope);
	x->sent = NULL;
	return taken;
}

static int
cascade_rules(struct extractor *x, const char *s, size_t n, int scope)
{
	const struct rule *r;
	struct rx_match m;
	struct date d;

	if (match_kind(x, R_SKIP, scope, s, n, 0, &m) != NULL)
		return 1;
	if ((r = match_kind(x, R_LABEL, scope, s, n, 0, &m)) != NULL &&
	    (m.has_item || trim_end(s, n) > m.end)) {
		emit_match(x, r, s, n, &m, "label", NULL);
		return 1;
	}
	if ((r = match_kind(x, R_KEYWORD, scope, s, n, 0, &m)) != NULL &&
	    !thin_item(r, s, &m) && !lead_matches(x, r->cat, 1, s, m.start)) {
		emit_match(x, r, s, n, &m, "keyword", NULL);
		return 1;
	}
	if ((r = match_kind(x, R_DATE, scope, s, n, 0, &m)) != NULL) {
		emit_match(x, r, s, n, &m, "date", date_in_match(x, s, &m, &d));
		return 1;
	}
	/* No rule took it: the model may still. */
	emit(x, CAT_NONE, section_text(x), s, n, "none", NULL, NULL);
	return 0;
}


/*
 * A label in a sentence ("Resultatmål: Vedta planen", "... Effektmål
 * (etter prosjektet): Nye bedrifter.") is the block's label from there
 * on, evidence for the sentences after it too.
 */
static void
note_label(struct extractor *x, const char *s, size_t n)
{
	const char *colon;
	size_t w;

	if ((colon = last_label(s, n, &w)) == NULL || colon == s + w ||
	    (size_t)(colon - s) + 2 >= n)
		return;
	buf_clear(&x->label);
	buf_add(&x->label, s + w, (size_t)(colon - s) - w);
}

static void
cascade_segments(struct extractor *x, const struct block *b)
{
	int i;

	segment(x, b->text, b->len);
	for (i = 0; i < x->nseg; i++) {
		const char *s = b->text + x->seg[i].start;
		size_t n = x->seg[i].end - x->seg[i].start;

		x->nth_sentence = i;
		note_label(x, s, n);
		/* No stem and no digit: no rule of the cascade can match. */
		if (x->maybe)
			cascade(x, s, n, scope_of(b->kind));
		else
			emit(x, CAT_NONE, section_text(x), s, n, "none", NULL,
			    NULL);
	}
}

/* ---- blocks ---- */

static int
has_date(struct extractor *x, const char *s, size_t n)
{
	struct date d;

	return date_find_memo(&x->dates_asked, s, n, 0, &d);
}

/* A section of a category, newly under a heading: a sub-heading inside it. */
static void
nest(struct extractor *x, const struct section *parent, int src_rank,
    const struct block *b)
{
	struct section *s;
	const char *ptext = parent->text;
	char *keep = xstrdup(ptext);
	struct section p = *parent;

	s = push(x, parent->rank + 1, b->unit, p.cat, b->text, b->len);
	s->src_rank = src_rank;
	s->nested = 1;
	s->dated_only = p.dated_only;
	s->rule = p.rule;
	if (!p.dated_only || has_date(x, b->text, b->len))
		emit(x, p.cat, keep, b->text, b->len, "heading", p.rule, NULL);
	s->has_content = 0;
	free(keep);
}

/* A heading of no category: the rules still run on its sentences. */
static void
plain_heading(struct extractor *x, int rank, const struct block *b)
{
	struct section *s = push(x, rank, b->unit, CAT_NONE, b->text, b->len);

	/* A slide title that holds a whole programme: "Program" heads it. */
	segment(x, b->text, b->len);
	if (x->nsplit > 0 && x->nseg > 1 && x->seg[0].start == 0) {
		free(s->text);
		s->text = xstrndup(b->text, trim_end(b->text, x->seg[0].end));
	}
	cascade_segments(x, b);
}

#define SECTION_WORDS 8	/* of a heading that names its section by a cue */
#define SECTION_CUE_WORDS 4	/* where in it the cue stands */

/* The length of s[0..n) up to the end of its first k words. */
static size_t
words_prefix(const char *s, size_t n, int k)
{
	int words;

	return walk_words(s, n, k, &words);
}

/*
 * Where a heading's last word starts when a cue may stand there and name
 * the section ("Når kompleksitet blir et styringsproblem"), or n when
 * not: a number before it counts ("Sikret seieren med tre mål", "etter
 * 2-1 målet"), a headline's, not a section's.
 */
static size_t
last_cue_word(const char *s, size_t n)
{
	static const char *const numbers[] = { "to", "tre", "fire", "fem",
		"seks", "sju", "syv", "åtte", "ni", "ti", "two", "three", "four",
		"five", "six", "seven", "eight", "nine", "ten" };
	size_t e = n, a, pe, pa, i;

	while (e > 0 && strchr(" .:!?", s[e - 1]) != NULL)
		e--;
	for (a = e; a > 0 && s[a - 1] != ' '; a--)
		;
	for (pe = a; pe > 0 && s[pe - 1] == ' '; pe--)
		;
	for (pa = pe; pa > 0 && s[pa - 1] != ' '; pa--)
		;
	if (pe > pa && (unsigned)(s[pa] - '0') < 10u)
		return n;
	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		if (pe - pa == strlen(numbers[i]) &&
		    strncasecmp(s + pa, numbers[i], pe - pa) == 0)
			return n;
	return a;
}

/* Whether s[0..n) holds nothing but spaces and punctuation. */
static int
only_marks(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t.,:;()", s[i]) == NULL)
			return 0;
	return 1;
}


/*
 * Whether a heading is a date and nothing more, into *d: "1. januar
 * 2020", a date with one word before it ("Early March 2026", "Medio
 * mai 2025"), or two dates joined as a period ("Haust 2017 – haust
 * 2019"), which *d then spans.
 */
static int
date_heading(const char *s, size_t n, struct date *d)
{
	struct date e;
	size_t i;

	if (!date_find(s, n, 0, d) || count_words(s, d->start) > 1)
		return 0;
	for (i = 0; i < d->start; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
	if (only_marks(s + d->end, n - d->end))
		return 1;
	/* A period: "– haust 2019", "til mars 2026", "to May 2026". */
	if (!date_find(s, n, d->end, &e) || !only_marks(s + e.end, n - e.end))
		return 0;
	if (!period_joint(s + d->end, e.start - d->end))
		return 0;
	date_join(d, &e);
	return 1;
}

/*
 * Whether a heading is a month or a season and nothing more ("Mai",
 * "Vår", "Haust", "Spring"): the steps under it are a timeline's.
 */
static int
time_heading(const char *s, size_t n)
{
	while (n > 0 && strchr(" .:", s[n - 1]) != NULL)
		n--;
	if (n == 0 || memchr(s, ' ', n) != NULL)
		return 0;
	return date_month_name(s, n) || date_season_name(s, n);
}

/*
 * The category a short heading names by its cue words: a goal, pitfall
 * or milestone noun in any inflection or compound, or none.
 */
static enum category
cue_section(struct extractor *x, const char *s, size_t n)
{
	static const struct {
		const char *cls;
		enum category cat;
	} named[] = {
		{ "goal-noun", CAT_GOAL }, { "pitfall-noun", CAT_PITFALL },
		{ "milestone-noun", CAT_MILESTONE },
	};
	struct cue_hits h;
	size_t i, head, last;

	if (count_words(s, n) > SECTION_WORDS)
		return CAT_NONE;
	/*
	 * A heading names its section near its start ("Mål for nettverket",
	 * "Learning Collaborative Goals") or in its last word; a cue
	 * elsewhere is a headline's ("Trenerne har ulike mål for sesongen").
	 */
	head = words_prefix(s, n, SECTION_CUE_WORDS);
	last = last_cue_word(s, n);
	buf_clear(&x->scratch);
	text_fold(&x->scratch, s, head);
	if (last >= head && last < n) {
		buf_addc(&x->scratch, ' ');
		text_fold(&x->scratch, s + last, n - last);
	}
	cues_scan(x->opt.cues, x->lang, x->scratch.data, x->scratch.len, &h);
	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (h.any & cues_class_bit(x->opt.cues, named[i].cls))
			return named[i].cat;
	return CAT_NONE;
}

static void
heading_block(struct extractor *x, const struct block *b, int excluded)
{
	enum category cat;
	int rank = b->kind == K_TITLE ? 0 : 1 + b->level, scope = scope_of(b->kind);
	const struct rule *sec, *r;
	struct section *t, *s;
	struct rx_match m;
	struct date d;
	size_t n = trim_end(b->text, b->len);
	int i;

	if (b->kind == K_TITLE)
		clear_stack(x);
	if (excluded || (b->kind == K_TITLE && b->unit == 0)) {
		pop_to(x, rank);
		push(x, rank, b->unit, CAT_NONE, b->text, b->len);
		if (!excluded)
			cascade_segments(x, b);
		return;
	}
	sec = match_kind(x, R_SECTION, scope, b->text, b->len, 0, &m);
	if (sec != NULL && sec->cat != CAT_NONE &&
	    m.start >= words_prefix(b->text, n, SECTION_CUE_WORDS) &&
	    m.start < last_cue_word(b->text, n))
		sec = NULL;	/* a headline's word, as in cue_section() */
	if (sec != NULL && sec->cat == CAT_NONE) {
		/* A plain section; a slide title may still carry the slide. */
		pop_to(x, rank);
		plain_heading(x, rank, b);
		return;
	}
	if (match_kind(x, R_SKIP, scope, b->text, b->len, 0, &m) != NULL ||
	    ((r = match_kind(x, R_LABEL, scope, b->text, b->len, 0, &m)) != NULL &&
	    (m.has_item || n > m.end))) {
		pop_to(x, rank);
		push(x, rank, b->unit, CAT_NONE, b->text, b->len);
		cascade_segments(x, b);
		return;
	}
	/*
	 * "Målsetting for nettverket", "Hovudutfordringar": by cue stems.
	 * A headline with a verb ("Når samarbeidet blir et styringsproblem")
	 * names the list below it, not the prose: that is weighed as any.
	 */
	if (sec == NULL && (cat = cue_section(x, b->text, n)) != CAT_NONE) {
		pop_to(x, rank);
		s = push(x, rank, b->unit, cat, b->text, b->len);
		s->bullets_only = has_verb(b->text, n);
		return;
	}
	/*
	 * "What the network wants to achieve": a keyword rule whose item
	 * would be a bare word announces the items below, as a section.
	 */
	if (sec == NULL &&
	    (r = match_kind(x, R_KEYWORD, scope, b->text, n, 0, &m)) != NULL &&
	    r->cat != CAT_NONE && thin_item(r, b->text, &m))
		sec = r;
	if (sec != NULL) {
		pop_to(x, rank);
		s = push(x, rank, b->unit, sec->cat, b->text, b->len);
		s->dated_only = sec->dated_only;
		s->rule = sec;
		return;
	}
	/* A heading that is nothing but a date dates the first block under it. */
	if ((r = match_kind(x, R_DATE, scope, b->text, n, 0, &m)) != NULL &&
	    date_heading(b->text, n, &d)) {
		pop_to(x, rank);
		s = push(x, rank, b->unit, r->cat, b->text, b->len);
		s->first_only = 1;
		s->rule = r;
		s->date = d;
		return;
	}
	/* "Mai", "Haust": a timeline's heading without a year. */
	if (sec == NULL && time_heading(b->text, n)) {
		pop_to(x, rank);
		push(x, rank, b->unit, CAT_MILESTONE, b->text, b->len);
		return;
	}
	/* (a headline's section takes its list, not the headings after it) */
	t = top(x);
	if (t != NULL && t->cat != CAT_NONE && !t->first_only &&
	    !t->bullets_only && t->rank < RANK_BULLET) {
		if (!t->nested && !t->has_content && rank >= t->src_rank) {
			nest(x, t, rank, b);
			return;
		}
		if (t->nested && rank == t->src_rank && x->depth >= 2) {
			struct section parent;

			x->depth--;
			free(x->stack[x->depth].text);
			parent = x->stack[x->depth - 1];
			nest(x, &parent, rank, b);
			return;
		}
	}
	/* A heading deeper than an open section stays inside it. */
	for (i = x->depth - 1; i >= 0; i--) {
		s = &x->stack[i];
		if (s->cat != CAT_NONE && !s->first_only && !s->bullets_only &&
		    s->rank < rank && s->rank < RANK_BULLET) {
			struct section parent = *s;

			parent.text = xstrdup(s->text);
			pop_to(x, rank);
			nest(x, &parent, rank, b);
			free(parent.text);
			return;
		}
	}
	pop_to(x, rank);
	plain_heading(x, rank, b);
}

/* Whether every word of s[0..n) begins in upper case: "Key Project Goals". */
static int
every_word_upper(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && !cp_is_upper(first_cp(s + i, n - i)))
			return 0;
		while (i < n && s[i] != ' ')
			i++;
	}
	return 1;
}

#define SUBHEAD_WORDS 4	/* "Key Project Milestones", "Mål for nettverket" */

/* Words that join a section's name to what it is of: "Mål for X". */
static const char *const name_joins[] = { "for", "i", "til", "med", "på",
	"of", "in", "at" };

/*
 * The section a short bullet names: all of it ("Milepæler"), its head
 * last ("Presentation Goals", "Våre utfordringer") or first with what
 * it is of ("Mål for nettverket", "Risks to the project").  NULL if none.
 */
static const struct rule *
bullet_section(struct extractor *x, const char *s, size_t n,
    struct rx_match *m)
{
	const struct rule *r;
	size_t w;

	if ((r = match_kind(x, R_SECTION, SC_BULLET, s, n, 1, m)) != NULL)
		return r;
	if (!fewer_words(s, n, SUBHEAD_WORDS + 1) || memchr(s, ',', n) ||
	    (r = match_kind(x, R_SECTION, SC_BULLET, s, n, 0, m)) == NULL)
		return NULL;
	if (m->end == n)
		return m->start == 0 || every_word_upper(s, n) ? r : NULL;
	if (m->start != 0 || s[m->end] != ' ')
		return NULL;
	for (w = m->end + 1; w < n && s[w] != ' '; w++)
		;
	return text_word_in(s + m->end + 1, w - m->end - 1, name_joins,
	    sizeof name_joins / sizeof name_joins[0]) ? r : NULL;
}

/* A bullet that names a section opens it, one level down. */
static int
bullet_subheading(struct extractor *x, const struct block *b)
{
	const struct rule *sec;
	struct section *s;
	struct rx_match m;
	size_t n = trim_end(b->text, b->len);

	if (n == 0)
		return 0;
	sec = bullet_section(x, b->text, n, &m);
	if (sec == NULL)
		return 0;
	pop_to(x, RANK_BULLET + b->level);
	s = push(x, RANK_BULLET + b->level, b->unit, sec->cat, b->text, b->len);
	s->dated_only = sec->dated_only;
	s->rule = sec;
	return 1;
}

/* Labels anywhere in the block win over the section; 1 if one did. */
static int
labels_first(struct extractor *x, const struct block *b)
{
	int i, any = 0, scope = scope_of(b->kind);
	struct rx_match m;
	const struct rule *r;

	segment(x, b->text, b->len);
	for (i = 0; i < x->nseg; i++) {
		const char *s = b->text + x->seg[i].start;
		size_t n = x->seg[i].end - x->seg[i].start;

		if (match_kind(x, R_SKIP, scope, s, n, 0, &m) != NULL)
			return 1;
		if ((r = match_kind(x, R_LABEL, scope, s, n, 0, &m)) != NULL &&
		    (m.has_item || trim_end(s, n) > m.end)) {
			emit_match(x, r, s, n, &m, "label", NULL);
			any = 1;
		}
	}
	return any;
}

/*
 * An item under a section's heading; a list flattened into it ("Explore
 * the data• Create an action plan") is an item a glyph.
 */
static void
emit_listed(struct extractor *x, const struct section *t, const char *s,
    size_t n)
{
	size_t a = 0, i;

	while ((i = next_bullet(s, a + 1, n)) < n) {
		emit(x, t->cat, t->text, s + a, i - a, "heading", t->rule, NULL);
		a = i;
	}
	emit(x, t->cat, t->text, s + a, n - a, "heading", t->rule, NULL);
}

/*
 * The first block under a heading that is a date: the item, dated by
 * the heading and written after it ("1. januar 2020: Den nye kommunen
 * er etablert"), as the sentence alone does not say when.
 */
static void
emit_dated(struct extractor *x, const struct section *t, const struct block *b)
{
	x->dated_by = t->text;
	emit(x, t->cat, t->text, b->text, b->len, "date", t->rule, &t->date);
	x->dated_by = NULL;
}

/* A bullet under a section of a category; 1 if the section took it. */
static int
bullet_in_section(struct extractor *x, struct section *t, const struct block *b)
{
	int upper = cp_is_upper(first_cp(b->text, b->len));

	/*
	 * (A labelled bullet, "Delmål 1: ...", is an item of the list all
	 * the same: the bullets under it are its details.)
	 */
	if (!t->first_only && (t->item_level < 0 || b->level < t->item_level))
		t->item_level = b->level;
	if (labels_first(x, b))
		return 1;
	if (t->first_only) {
		if (t->has_content)
			return 0;
		t->has_content = 1;
		emit_dated(x, t, b);
		return 1;
	}
	if (b->level > t->item_level)
		return 0;	/* a detail of the item above */
	/* A lower-case bullet after capitalised items continues the one above. */
	if (t->has_content && t->last_upper && cp_is_lower(first_cp(b->text, b->len)))
		return 0;
	if (t->dated_only && !has_date(x, b->text, b->len))
		return 0;
	emit_listed(x, t, b->text, b->len);
	t->has_content = 1;
	t->last_upper = upper;
	return 1;
}

static void
text_in_section(struct extractor *x, struct section *t, const struct block *b)
{
	int i, lead = has_lead(x, t->cat), scope = scope_of(b->kind);
	struct rx_match m;

	/*
	 * A paragraph after the section's list goes on with the body text,
	 * as one under a headline does.
	 */
	if (t->item_level >= 0 || t->bullets_only) {
		x->after_list = 1;
		cascade_segments(x, b);
		x->after_list = 0;
		return;
	}
	if (t->first_only && !t->has_content) {
		t->has_content = 1;
		emit_dated(x, t, b);
		return;
	}
	segment(x, b->text, b->len);
	for (i = 0; i < x->nseg; i++) {
		const char *s = b->text + x->seg[i].start;
		size_t n = x->seg[i].end - x->seg[i].start;
		const struct rule *r;

		x->nth_sentence = i;
		note_label(x, s, n);
		if (match_kind(x, R_SKIP, scope, s, n, 0, &m) != NULL)
			continue;
		if ((r = match_kind(x, R_LABEL, scope, s, n, 0, &m)) != NULL &&
		    (m.has_item || trim_end(s, n) > m.end)) {
			emit_match(x, r, s, n, &m, "label", NULL);
			continue;
		}
		if (t->first_only || (lead && !lead_matches(x, t->cat, 0, s, n)) ||
		    (t->dated_only && !has_date(x, s, n))) {
			cascade(x, s, n, scope);
			continue;
		}
		emit_listed(x, t, s, n);
		t->has_content = 1;
	}
	t->has_content = 1;
}

static void
body_block(struct extractor *x, const struct block *b, int excluded)
{
	struct section *t = top(x);

	/* A new slide without a title leaves the last slide's sections. */
	if (t != NULL && x->stack[0].rank == 0 && x->stack[0].unit != 0 &&
	    x->stack[0].unit != b->unit)
		clear_stack(x);
	if (excluded)
		return;
	if (b->kind == K_BULLET && bullet_subheading(x, b))
		return;
	/*
	 * A few words ending in a colon ("Nettverket skal:") lead what
	 * follows; they state nothing themselves.
	 */
	if (b->kind == K_TEXT && b->len > 0 && b->text[b->len - 1] == ':' &&
	    fewer_words(b->text, b->len, LEAD_LINE_WORDS + 1))
		return;
	t = top(x);
	if (t != NULL && t->cat != CAT_NONE) {
		if (b->kind == K_BULLET) {
			if (!bullet_in_section(x, t, b))
				cascade_segments(x, b);
			t->has_content = 1;
		} else
			text_in_section(x, t, b);
		return;
	}
	if (t != NULL)
		t->has_content = 1;
	cascade_segments(x, b);
}

/* Scan a held block once, and keep its hits for processing it later. */
static void
keep_hits(struct extractor *x, struct held *h)
{
	size_t size = (size_t)x->hits.nwords * sizeof *x->hits.bits;

	if (h->bits != NULL) {
		memcpy(x->hits.bits, h->bits, size);
		x->hits.digit = h->digit;
		return;
	}
	pf_scan(x->lx->pf, h->text, h->b.len, &x->hits);
	h->bits = xmalloc(size);
	memcpy(h->bits, x->hits.bits, size);
	h->digit = x->hits.digit;
}

static void
process(struct extractor *x, const struct block *b, int excluded,
    struct held *h)
{
	if (b->kind == K_META)
		return;
	if (b->unit != x->nth_unit || x->blockno == 0) {
		x->nth_unit = b->unit;
		x->nth = 0;
	} else
		x->nth++;
	/*
	 * A bullet's lead is the text above its list; other blocks' the
	 * one before, none where a list ends.
	 */
	buf_clear(&x->lead);
	if (x->nth > 0 && x->last_lead.len > 0 && b->kind == K_BULLET) {
		/*
		 * What names a list is the sentence just above it ("...
		 * Established five regional outcomes:"), not the whole
		 * paragraph it ends: found once for the list.
		 */
		if (x->lead_from < 0) {
			segment(x, x->last_lead.data, x->last_lead.len);
			x->lead_from = x->nseg > 1 ?
			    (long)x->seg[x->nseg - 1].start : 0;
		}
		buf_add(&x->lead, x->last_lead.data + x->lead_from,
		    x->last_lead.len - (size_t)x->lead_from);
	} else if (x->nth > 0 && x->bkind != K_BULLET)
		buf_add(&x->lead, x->last_lead.data, x->last_lead.len);
	buf_addc(&x->lead, '\0');
	x->lead.len--;
	if (b->kind != K_BULLET) {
		buf_clear(&x->last_lead);
		buf_add(&x->last_lead, b->text, b->len);
		x->lead_from = -1;
	}
	x->unit = b->unit;
	x->bkind = b->kind;
	x->blevel = b->level;
	x->nth_sentence = 0;
	buf_clear(&x->label);
	x->date_s = NULL;
	x->blockno++;
	if (h != NULL)
		keep_hits(x, h);
	else
		pf_scan(x->lx->pf, b->text, b->len, &x->hits);
	x->maybe = cascade_candidates(x);
	if (b->kind == K_TITLE || b->kind == K_HEADING)
		heading_block(x, b, excluded);
	else
		body_block(x, b, excluded);
}

/* ---- the document ---- */

static int
count_matches(struct rx *rx, const char *s, size_t n)
{
	struct rx_match m;
	size_t from = 0;
	int k = 0;

	while (from < n && rx_search(rx, s, n, from, &m) == 1) {
		k++;
		from = m.end > m.start ? m.end : m.start + 1;
	}
	return k;
}

/*
 * The language whose marker rules match most often in the held blocks:
 * all of a short document, the first WINDOW blocks of a long one, each
 * block scanned once.
 */
static void
detect_language(struct extractor *x)
{
	const struct lexicon *lx = x->lx;
	int scores[MAX_MARKERS] = { 0 }, i, j, k, m, best = -1;
	const struct rule *markers[MAX_MARKERS];

	snprintf(x->lang, sizeof x->lang, "nb");
	if (x->opt.lang != NULL || x->doc_lang[0] != '\0') {
		snprintf(x->lang, sizeof x->lang, "%s", x->opt.lang != NULL ?
		    x->opt.lang : x->doc_lang);
		x->rs = lexicon_rules(lx, x->lang);
		return;
	}
	for (i = m = 0; i < lx->n && m < MAX_MARKERS; i++)
		if (lx->rules[i].kind == R_MARKER && !lx->rules[i].off)
			markers[m++] = &lx->rules[i];
	for (j = 0; j < x->nwin; j++) {
		struct held *h = &x->win[j];
		size_t size = (size_t)x->inner.nwords * sizeof *x->inner.bits;

		/*
		 * Marker stems are whole words (" hvem "): a block's first and
		 * last words count too, so scan it padded, once for all markers.
		 * The same pass gives the block's own hits, kept for later.
		 */
		buf_clear(&x->scratch);
		buf_addc(&x->scratch, ' ');
		buf_add(&x->scratch, h->text, h->b.len);
		buf_addc(&x->scratch, ' ');
		pf_scan_inner(lx->pf, x->scratch.data, x->scratch.len, 1,
		    x->scratch.len - 1, &x->hits, &x->inner);
		if (h->bits == NULL) {
			h->bits = xmalloc(size);
			memcpy(h->bits, x->inner.bits, size);
			h->digit = x->inner.digit;
		}
		for (i = 0; i < m; i++) {
			if (markers[i]->always) {
				scores[i] += count_matches(markers[i]->rx, h->text,
				    h->b.len);
				continue;
			}
			/* Each stem found counts: by words of bits where none is twice. */
			if (markers[i]->stems_distinct) {
				const struct stem_bits *sb = markers[i]->stem_bits;

				for (k = 0; k < markers[i]->nstem_bits; k++)
					scores[i] += __builtin_popcountll(
					    x->hits.bits[sb[k].word] & sb[k].bits);
				continue;
			}
			for (k = 0; k < markers[i]->nstems; k++)
				scores[i] += pf_hit(&x->hits, markers[i]->stems[k]);
		}
	}
	for (i = 0; i < m; i++) {
		/* A tie goes to bokmål, as no evidence does. */
		if (scores[i] > best ||
		    (scores[i] == best && strcmp(markers[i]->lang, "nb") == 0)) {
			best = scores[i];
			snprintf(x->lang, sizeof x->lang, "%s", markers[i]->lang);
		}
	}
	x->rs = lexicon_rules(lx, x->lang);
}

static int
block_date(const struct held *h, struct date *d)
{
	return date_find(h->text, h->b.len, 0, d);
}

static int
title_date(const struct held *h, struct date *d)
{
	return h->b.kind == K_TITLE && h->b.unit == 0 && block_date(h, d);
}

/* The document's own date: meta rows, the document title, a docdate rule. */
static void
find_docdate(struct extractor *x)
{
	struct rx_match m;
	struct date d;
	int i, found = -1, plan_title;

	for (i = 0; i < x->nwin && found < 0; i++)
		if (x->win[i].b.kind == K_META && block_date(&x->win[i], &x->docdate))
			found = i;
	/*
	 * A day in the document title dates it; years there ("Plan
	 * 2024–2026") are its period, and a dateline under it says more.
	 */
	for (i = 0; i < x->nwin && found < 0; i++)
		if (title_date(&x->win[i], &x->docdate) &&
		    x->docdate.kind == DATE_DAY)
			found = i;
	for (i = 0; i < x->nwin && i < DOCDATE_BLOCKS && found < 0; i++) {
		struct held *h = &x->win[i];

		/* A dateline is a line: "Den 11. mars vart det ..." is prose. */
		if (h->b.kind == K_META || words_prefix(h->text, h->b.len,
		    DATELINE_WORDS) < h->b.len)
			continue;
		x->date_s = NULL;
		keep_hits(x, h);
		if (match_kind(x, R_DOCDATE, scope_of(h->b.kind), h->text, h->b.len,
		    0, &m) != NULL && date_find(h->text, h->b.len, m.start,
		    &x->docdate))
			found = i;
	}
	for (i = 0; i < x->nwin && found < 0; i++)
		if (title_date(&x->win[i], &x->docdate))
			found = i;
	if (found < 0)
		return;
	x->has_docdate = 1;
	x->doc_year = x->docdate.y1;
	/*
	 * A title's period is its plan's ("Oppvekstplan 2020–2025"): a
	 * milestone, not the document's date line.
	 */
	plan_title = x->win[found].b.kind == K_TITLE &&
	    x->docdate.kind == DATE_YEARS;
	if (!plan_title)
		x->win[found].excluded = 1;
	/*
	 * A dated title over the document's dateline is the cover, too, and
	 * so is one over its meta rows when it names a year alone
	 * ("Retningslinjer for 2026"), not a plan's period ("Plan 2024-26").
	 */
	for (i = 0; i < found && x->win[found].b.kind != K_TITLE; i++)
		if (title_date(&x->win[i], &d) &&
		    (x->win[found].b.kind != K_META || d.kind == DATE_YEAR))
			x->win[i].excluded = 1;
	/* The cover repeats the document's date: it is no milestone. */
	for (i = 0; i < x->nwin; i++) {
		struct held *h = &x->win[i];

		if ((h->b.kind == K_TITLE || h->b.kind == K_HEADING) &&
		    h->b.unit <= 1 && !(plan_title && i == found) &&
		    block_date(h, &d) && date_same(&d, &x->docdate))
			h->excluded = 1;
	}
}

static void
release_window(struct extractor *x)
{
	int i;

	detect_language(x);
	find_docdate(x);
	for (i = 0; i < x->nwin; i++) {
		process(x, &x->win[i].b, x->win[i].excluded, &x->win[i]);
		free(x->win[i].text);
		free(x->win[i].bits);
	}
	x->nwin = 0;
	x->streaming = 1;
}

void
ex_end(struct extractor *x)
{
	if (x->source == NULL)
		return;
	if (!x->streaming)
		release_window(x);
	clear_stack(x);
	forget_seen(x);
	/* The next document's first block has no block before it. */
	x->nth_unit = -1;
	buf_clear(&x->last_lead);
	x->lead_from = -1;
	free(x->source);
	x->source = NULL;
	x->streaming = 0;
	x->doc_lang[0] = '\0';
	x->has_docdate = 0;
	x->doc_year = 0;
}

int
ex_doc_lang(struct extractor *x, const char *lang)
{
	int i;

	x->doc_lang[0] = '\0';
	for (i = 0; i < x->lx->nsets; i++)
		if (strcmp(x->lx->sets[i].lang, lang) == 0) {
			snprintf(x->doc_lang, sizeof x->doc_lang, "%s", lang);
			return 0;
		}
	return -1;
}

void
ex_block(struct extractor *x, const char *source, const struct block *b)
{
	struct held *h;

	if (x->source != NULL && strcmp(x->source, source) != 0)
		ex_end(x);
	if (x->source == NULL)
		x->source = xstrdup(source);
	if (x->streaming) {
		process(x, b, 0, NULL);
		return;
	}
	h = &x->win[x->nwin++];
	h->b = *b;
	h->text = xstrndup(b->text, b->len);
	h->b.text = h->text;
	h->excluded = 0;
	h->bits = NULL;
	if (x->nwin == WINDOW)
		release_window(x);
}

void
ex_free(struct extractor *x)
{
	int i;

	if (x == NULL)
		return;
	ex_end(x);
	pf_hits_free(&x->hits);
	pf_hits_free(&x->inner);
	buf_free(&x->item);
	buf_free(&x->section);
	buf_free(&x->codes);
	buf_free(&x->feat);
	for (i = 0; i <= MAX_SUBS; i++) {
		buf_free(&x->kept_item[i]);
		buf_free(&x->kept_feat[i]);
	}
	free(x->seg);
	features_free(x->fz);
	buf_free(&x->why);
	buf_free(&x->lead);
	buf_free(&x->part_lead);
	buf_free(&x->label);
	buf_free(&x->last_lead);
	buf_free(&x->scratch);
	date_memo_free(&x->dates_asked);
	free(x->seen);
	free(x);
}
