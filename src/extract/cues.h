/*
 * Cue words: classes of words (goal nouns, problem words, event verbs...)
 * that are evidence for a category, written in their base forms in
 * share/samling/lexicon/cues.txt and matched by stem, so that one entry
 * matches every inflection, and as the head of a compound ("hoved" +
 * "utfordringer" still ends in the stem of "utfordring").
 */
#ifndef SAMLING_EXTRACT_CUES_H
#define SAMLING_EXTRACT_CUES_H

#include <stddef.h>
#include <stdint.h>

#define CUE_MAX_CLASSES 62	/* two bits of 64 mark cached words */

struct cues;

/* Load a cue file; NULL after messages "FILE:LINE: ...". */
struct cues *cues_load(const char *path);
void cues_free(struct cues *c);

int cues_nclasses(const struct cues *c);
const char *cues_class_name(const struct cues *c, int cls);
/* The bit of the class of that name, or 0 if there is none. */
uint64_t cues_class_bit(const struct cues *c, const char *name);

/* The classes found in a text: bit i for class i. */
struct cue_hits {
	uint64_t any;		/* anywhere */
	uint64_t first;		/* in the first word (or phrase) */
	uint64_t early;		/* in the first CUE_EARLY_WORDS words */
};

#define CUE_EARLY_WORDS 5

/* The classes in the folded text s[0..n) of a document in lang (nb, nn, en). */
void cues_scan(struct cues *c, const char *lang, const char *s, size_t n,
    struct cue_hits *h);

#endif
