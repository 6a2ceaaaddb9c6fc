/*
 * Lexicons: the rules samling-extract applies, one a line, in files such
 * as share/samling/lexicon/nb.rx (see samling-extract(1) for the format).
 *
 *   lang nb
 *   KIND[:SCOPE] CATEGORY[/dated] NAME STEMS PATTERN
 */
#ifndef SAMLING_EXTRACT_LEXICON_H
#define SAMLING_EXTRACT_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include "prefilter.h"
#include "rx.h"

enum rule_kind {
	R_SECTION, R_LABEL, R_KEYWORD, R_DATE, R_SKIP, R_LEAD, R_DOCDATE,
	R_SPLIT, R_MARKER, R_NKINDS
};

enum category { CAT_NONE, CAT_GOAL, CAT_MILESTONE, CAT_PITFALL };

/* Block kinds a rule applies to (bits). */
enum {
	SC_TITLE = 1, SC_HEADING = 2, SC_BULLET = 4, SC_TEXT = 8, SC_META = 16,
	SC_ALL = 31
};

#define LANG_ANY "*"

struct rule {
	enum rule_kind kind;
	enum category cat;
	int dated_only;		/* section: take only blocks with a date */
	int off;		/* disabled by a later "off" rule */
	int scope;
	char lang[8];
	char *name;
	char *file;		/* base name, for --explain */
	unsigned long line;
	int *stems;		/* prefilter ids */
	int nstems;
	/* The same as bits, by word of pf_hits: a few ANDs a rule. */
	struct stem_bits {
		int word;
		uint64_t bits;
	} *stem_bits;
	int nstem_bits;
	int stems_distinct;	/* no stem twice: as many bits as stems */
	int always;		/* stem "*": no prefilter */
	int digit;		/* stem "#": needs a digit */
	int needs_date;		/* has a date placeholder: no date, no match */
	int date_kinds;		/* the pattern is one placeholder: its kinds */
	struct rx *rx;
	char *pattern;		/* with placeholders expanded */
	/*
	 * A pattern "^\W*word...": the word's first letters (ASCII, lower
	 * case), which the text's first word must begin with for it to match.
	 */
	char lead[16];
	int leadlen;
};

/* The rules of one language by kind, in lexicon order. */
struct ruleset {
	char lang[8];
	const struct rule **of[R_NKINDS];
	int n[R_NKINDS];
	/* Of the skip, label, keyword and date rules: */
	int always;		/* one has stem "*" and needs no date */
	int digit;		/* one has stem "#" or needs a date */
	uint64_t *mask;		/* stems of those that need no date */
	int nmask;
	/*
	 * By kind, what any of its rules needs of the prefilter to run (see
	 * kind_may_run): most sentences give most kinds none to try, told
	 * at once instead of rule by rule.
	 */
	struct kind_filter {
		int always;		/* one has stem "*" */
		int digit;		/* one has stem "#" */
		uint64_t *mask;		/* the stems of all, nmask words */
	} filter[R_NKINDS];
};

struct lexicon {
	struct rule *rules;
	int n, cap;
	struct prefilter *pf;
	struct ruleset *sets;
	int nsets;
};

void lexicon_init(struct lexicon *lx);
/* Add the rules of a file.  0, or -1 after messages "FILE:LINE: ...". */
int lexicon_load(struct lexicon *lx, const char *path);
/* Build the prefilter and the rule sets once every file is loaded. */
void lexicon_finish(struct lexicon *lx);
/* The rules for documents in lang (the first set if none is for lang). */
const struct ruleset *lexicon_rules(const struct lexicon *lx, const char *lang);
void lexicon_free(struct lexicon *lx);

/* Whether a rule applies to documents in language lang. */
int rule_in_lang(const struct rule *r, const char *lang);
/* Whether the prefilter lets the rule run on a block. */
/* Inline: it is asked of every rule for every sentence. */
static inline int
rule_candidate(const struct rule *r, const struct pf_hits *h)
{
	int i;

	if (r->always)
		return 1;
	if (r->digit && h->digit)
		return 1;
	for (i = 0; i < r->nstem_bits; i++)
		if (h->bits[r->stem_bits[i].word] & r->stem_bits[i].bits)
			return 1;
	return 0;
}

/* Whether rule_candidate() may hold of some rule of kind k in rs. */
static inline int
kind_may_run(const struct ruleset *rs, enum rule_kind k,
    const struct pf_hits *h)
{
	const struct kind_filter *f = &rs->filter[k];
	int i;

	if (f->always || (f->digit && h->digit))
		return 1;
	for (i = 0; i < rs->nmask && i < h->nwords; i++)
		if (h->bits[i] & f->mask[i])
			return 1;
	return 0;
}

/*
 * Whether the rule's pattern may match s[0..n) as far as its lead word
 * tells (rule.lead): 0 when it cannot, 1 when the pattern must decide.
 * Only ASCII is judged; any other byte there leaves it to the pattern.
 */
static inline int
rule_lead_may_match(const struct rule *r, const char *s, size_t n)
{
	size_t i = 0;
	int k;
	unsigned char c;

	if (r->leadlen == 0)
		return 1;
	/* \W*: ASCII but letters, digits and '_' */
	for (; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80)
			return 1;
		if ((unsigned)((c | 0x20) - 'a') < 26u ||
		    (unsigned)(c - '0') < 10u || c == '_')
			break;
	}
	for (k = 0; k < r->leadlen; k++, i++) {
		if (i >= n)
			return 0;
		c = (unsigned char)s[i];
		if (c >= 0x80)
			return 1;
		if ((c | 0x20) != (unsigned char)r->lead[k])
			return 0;
	}
	return 1;
}

const char *category_name(enum category c);
const char *rule_kind_name(enum rule_kind k);

#endif
