/*
 * The document being ingested and the blocks it gives.  Every reader
 * (transcript.c, article.c, office.c) turns its input into calls of
 * doc_block(); doc.c numbers the blocks, cleans their text (white space,
 * NFC, control characters), drops consecutive duplicates within a unit
 * and writes the blocks record.
 */
#ifndef SAMLING_INGEST_DOC_H
#define SAMLING_INGEST_DOC_H

#include <stddef.h>
#include "blocks.h"
#include "csvio.h"

struct doc {
	const char *source;	/* the name written in the source column */
	struct csvwriter *out;
	long seq;		/* blocks written so far */
	long last_unit;		/* for duplicate suppression */
	enum block_kind last_kind;
	struct buf last_text;
	struct buf scratch;
	struct buf unshifted;	/* a block's text with its glyph words read */
	struct buf source_field;	/* source, escaped for the output format */
	int notes;		/* --notes: include speaker notes */
	const char *lang;	/* -l: the lang column appended, or NULL */
	size_t budget;		/* output bytes left for this input */
	size_t budget_mib;	/* all it was, for the message */
	int over;		/* budget spent: blocks are dropped */
};

void doc_begin(struct doc *d, const char *source, struct csvwriter *out,
    int notes);
/*
 * One block.  unit: slide or section number (0 = document level); level:
 * bullet depth (0 at the top) or heading depth.  The text may hold any
 * white space; blocks that clean to nothing are dropped.
 */
void doc_block(struct doc *d, long unit, enum block_kind kind, int level,
    const char *text, size_t len);
/* The same for text already clean (as text_clean() leaves it). */
void doc_clean_block(struct doc *d, long unit, enum block_kind kind, int level,
    const char *text, size_t len);
void doc_end(struct doc *d);
/*
 * A text block holding a numbered list inline ("Tre mål: 1. Styrke ...
 * 2. Redusere ... 3. Gi ...") is written as its lead, a bullet an item
 * and the text after; where the list begins in s, or len if s has none.
 */
size_t inline_list_start(const char *s, size_t len);
/*
 * A title of one word glued to a sentence that begins with a word such
 * as "Det", "Mange", "Seks" ("Utfordringer Mange barnehager har ..."):
 * the word's length with the space after it, or 0.
 */
size_t doc_title_word(const char *s, size_t len);
/*
 * The length of s's first word when it is a capitalised word of three
 * bytes or more (a capital, then a small letter: not "NAV"; letters only,
 * and hyphens where hyphens is set) and text follows it; 0 otherwise.
 */
size_t doc_capital_word(const char *s, size_t len, int hyphens);
/*
 * Where text glued without marks goes on with a new piece ("Oversikt
 * Prosjektet startet ...", "... every day Families were passed ..."):
 * the first capitalised word, past min_words words and before max_words
 * (0: any), with a word before it in lower case that is no preposition
 * or conjunction (doc_joint_word) and ends in no comma, colon or
 * semicolon, and a word after it in lower case.  With stops, a word
 * after a full stop or a number alone ("2027") counts too.  0 if there
 * is none.
 */
size_t doc_glued_piece(const char *s, size_t len, int min_words,
    int max_words, int stops);
/* Whether w[0..n) is such a preposition or conjunction: "i", "and". */
int doc_joint_word(const char *w, size_t n);
/* Whether s[0..len) begins with an upper-case letter. */
int doc_upper_at(const char *s, size_t len);
/*
 * glyphs.c: the words of s that a PDF's font gave as glyph numbers
 * ("0nOVHWWLQJ" for "Målsetting") read back, the whole text in out; the
 * number of such words, 0 when there are too few to be sure (and out
 * holds nothing to use).
 */
int unshift_glyphs(struct buf *out, const char *s, size_t len);
/*
 * The output one input (a file, a zip of documents with all its members)
 * may give: past it the rest is dropped, said once, and d->over is set.
 */
void doc_set_budget(struct doc *d, size_t bytes);

#endif
