/*
 * The decision model: a weight per feature and category, learned from
 * labelled documents (`make train`, tests/model/train.sh) and kept as
 * data in share/samling/model/extract.model.  A candidate's score for a
 * category is the sum of the weights of its features; the highest score
 * decides, and "none" is one of the categories.
 */
#ifndef SAMLING_EXTRACT_MODEL_H
#define SAMLING_EXTRACT_MODEL_H

#include "buf.h"
#include "lexicon.h"

#define MODEL_NCAT 4		/* none, goal, milestone, pitfall */

struct model;

/* Load a model file; NULL after messages "FILE:LINE: ...". */
struct model *model_load(const char *path);
void model_free(struct model *m);

/*
 * Score the features, names separated by single spaces, and return the
 * category that wins (CAT_NONE included); scores[] gets every score.
 */
enum category model_decide(const struct model *m, const char *features,
    size_t len, double scores[MODEL_NCAT]);

/* The weights of the feature name[0..len), or NULL if the model has none. */
const double *model_weights(const struct model *m, const char *name,
    size_t len);

/* The category that wins by the scores of the categories. */
enum category model_choose(const struct model *m,
    const double scores[MODEL_NCAT]);

/*
 * For --explain: append to out the category's score over "none" and the
 * features that gave it the most, as "model goal +2.31: sec=goal +1.20 ...".
 */
void model_explain(const struct model *m, const char *features, size_t len,
    enum category cat, struct buf *out);

#endif
