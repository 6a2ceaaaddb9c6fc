/*
 * The extractor: blocks of one document after another in, items out.
 * It keeps the first blocks of a document back until it knows the
 * document's language and its own date, then streams.
 */
#ifndef SAMLING_EXTRACT_EXTRACT_H
#define SAMLING_EXTRACT_EXTRACT_H

#include <stddef.h>
#include "blocks.h"
#include "csvio.h"
#include "lexicon.h"
#include "muninames.h"

struct model;
struct cues;

struct ex_options {
	const char *lang;	/* NULL: detect per document */
	int explain;		/* add the rule column */
	const struct muninames *munis;	/* non-NULL: add the codes column */
	int features;		/* write every candidate with its features */
	const struct model *model;	/* decides (unless features) */
	struct cues *cues;
};

struct extractor;

struct extractor *ex_new(const struct lexicon *lx,
    const struct ex_options *opt, struct csvwriter *w);
/* Blocks in document order; a new source starts a new document. */
void ex_block(struct extractor *x, const char *source, const struct block *b);
/* End the current document (at the end of each input). */
void ex_end(struct extractor *x);
/*
 * The language of the next document, as its blocks say (their lang
 * column): used unless the options name one.  Call between documents.
 * -1 when no lexicon is of that language (the language is then guessed).
 */
int ex_doc_lang(struct extractor *x, const char *lang);
void ex_free(struct extractor *x);

#endif
