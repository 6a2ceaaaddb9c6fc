/*
 * The extractor: blocks of one document after another in, items out.
 * It keeps the first blocks of a document back until it knows the
 * document's language and its own date, then streams.
 */
#ifndef SAMLING_EXTRACT_EXTRACT_H
#define SAMLING_EXTRACT_EXTRACT_H

#include <stddef.h>
#include "csvio.h"
#include "lexicon.h"
#include "muninames.h"

struct model;
struct cues;

enum bkind { B_TITLE, B_HEADING, B_BULLET, B_TEXT, B_META };

struct block {
	long unit;
	enum bkind kind;
	int level;
	const char *text;	/* valid UTF-8, NUL-terminated */
	size_t len;
};

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

/* Parse a block kind name; -1 if unknown. */
int bkind_parse(const char *s);

#endif
