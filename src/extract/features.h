/*
 * Features of a candidate item: the evidence the model weighs.  Each is a
 * name ("sec=goal", "cue=problem-noun", "date=season"); the names of one
 * candidate are written space-separated, in a fixed order, so that
 * `samling-extract --features` shows what training sees.
 */
#ifndef SAMLING_EXTRACT_FEATURES_H
#define SAMLING_EXTRACT_FEATURES_H

#include <stddef.h>
#include "buf.h"
#include "cues.h"
#include "date.h"
#include "extract.h"
#include "lexicon.h"
#include "model.h"

struct candidate {
	const char *lang;		/* nb, nn or en */
	enum category proposed;		/* by a lexicon rule or a section */
	const char *basis;		/* how: heading, label, keyword, date */
	const char *rule;		/* the rule's name, or NULL */
	const char *span;		/* sentence, clause, part, purpose ... */
	enum category section;		/* the open section's category */
	const char *section_text;	/* its heading, or "" */
	long section_distance;		/* blocks since its heading, or -1 */
	enum block_kind kind;
	int level;
	long unit;
	int nth;			/* block of its unit, from 0 */
	int nth_sentence;		/* sentence of its block, from 0 */
	const char *lead;		/* the text above its list, or "" */
	size_t leadlen;
	const char *topic;		/* its block's first sentence, or NULL */
	size_t topiclen;
	const char *label;		/* an inline label before it, or NULL */
	size_t labellen;
	const char *context;		/* the sentence or clause it stands in */
	size_t contextlen;
	int colon_end;			/* its text ended in a colon */
};

struct featurizer;

/* Dates are looked for through the memo dates (the caller's). */
struct featurizer *features_new(struct cues *cues, struct date_memo *dates);
void features_free(struct featurizer *fz);

/*
 * Write the features of the item text s[0..n) into out (cleared first).
 * Returns 1 when the text is nothing but a date ("2026"): no item.
 */
int features_of(struct featurizer *fz, const struct candidate *c,
    const char *s, size_t n, struct buf *out);

/*
 * Decide by the model m from now on: features_of() then weighs each
 * feature as it finds it and writes no names (out stays empty), for
 * features_decide().  Not when the names are wanted (--features,
 * --explain).
 */
void features_decide_by(struct featurizer *fz, const struct model *m);

/*
 * model_decide() of the features found last (names[0..len) where they
 * were written): the same category and scores, to the bit.
 */
enum category features_decide(struct featurizer *fz, const struct model *m,
    const char *names, size_t len, double scores[MODEL_NCAT]);

#endif
