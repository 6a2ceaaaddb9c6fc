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

/*
 * The classes found in the folded text s[0..n) of a document in lang
 * (nb, nn or en): bit i of *any for class i anywhere, of *first for class
 * i in the first word (or words, for a cue of several).
 */
void cues_scan(struct cues *c, const char *lang, const char *s, size_t n,
    uint64_t *any, uint64_t *first);

#endif
