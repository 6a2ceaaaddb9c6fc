/*
 * The decision model.  The file:
 *
 *   # comment
 *   samling-extract-model 1
 *   margin M
 *   FEATURE W_NONE W_GOAL W_MILESTONE W_PITFALL
 *
 * A category wins over "none" by more than the margin M, or not at all.
 *
 * A feature the model does not know weighs nothing.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "model.h"
#include "strmap.h"
#include "xalloc.h"

#define MAX_FEATURE 256		/* bytes of a feature name */

struct model {
	struct strmap *weights;	/* name -> double[MODEL_NCAT] */
	double margin;
};

static int
parse_weights(char *p, double w[MODEL_NCAT])
{
	char *end;
	int i;

	for (i = 0; i < MODEL_NCAT; i++) {
		errno = 0;
		w[i] = strtod(p, &end);
		if (end == p || errno != 0 || !isfinite(w[i]))
			return -1;
		p = end;
	}
	p += strspn(p, " \t");
	return *p == '\0' ? 0 : -1;
}

struct model *
model_load(const char *path)
{
	struct model *m = xcalloc(1, sizeof *m);
	const char *name = path;
	char *line = NULL, *p;
	size_t cap = 0, n;
	unsigned long lineno = 0;
	int bad = 0, header = 0;
	double *w;
	FILE *fp;

	m->weights = strmap_new();
	if ((fp = fopen(path, "r")) == NULL) {
		warnsys("%s", err_name(name));
		model_free(m);
		return NULL;
	}
	while (!bad && getline(&line, &cap, fp) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!header) {
			if (strcmp(line, "samling-extract-model 1") != 0) {
				warnat(name, lineno, "not a samling-extract "
				    "model (version 1)");
				bad = 1;
			}
			header = 1;
			continue;
		}
		if (strncmp(line, "margin ", 7) == 0) {
			char *end;

			errno = 0;
			m->margin = strtod(line + 7, &end);
			if (end == line + 7 || *end != '\0' || errno != 0 ||
			    !isfinite(m->margin)) {
				warnat(name, lineno, "bad margin");
				bad = 1;
			}
			continue;
		}
		n = strcspn(line, " \t");
		p = line + n;
		if (n == 0 || n > MAX_FEATURE || *p == '\0') {
			warnat(name, lineno, "expected a feature and %d weights",
			    MODEL_NCAT);
			bad = 1;
			break;
		}
		*p++ = '\0';
		w = xmalloc(MODEL_NCAT * sizeof *w);
		if (parse_weights(p, w) < 0) {
			warnat(name, lineno, "expected %d weights after '%s'",
			    MODEL_NCAT, err_name(line));
			free(w);
			bad = 1;
			break;
		}
		if (strmap_get(m->weights, line) != NULL) {
			warnat(name, lineno, "feature '%s' given twice",
			    err_name(line));
			free(w);
			bad = 1;
			break;
		}
		strmap_put(m->weights, line, w);
	}
	if (!bad && ferror(fp)) {
		warnsys("%s", err_name(name));
		bad = 1;
	}
	if (!bad && !header) {
		warnat(name, lineno, "empty model");
		bad = 1;
	}
	free(line);
	fclose(fp);
	if (bad) {
		model_free(m);
		return NULL;
	}
	return m;
}

void
model_free(struct model *m)
{
	size_t pos = 0;
	const char *key;
	void *value;

	if (m == NULL)
		return;
	while (strmap_next(m->weights, &pos, &key, &value))
		free(value);
	strmap_free(m->weights);
	free(m);
}

enum category
model_decide(const struct model *m, const char *features, size_t len,
    double scores[MODEL_NCAT])
{
	const double *w;
	const char *end;
	size_t i = 0, k;
	int c, best;

	for (c = 0; c < MODEL_NCAT; c++)
		scores[c] = 0;
	while (i < len) {
		end = memchr(features + i, ' ', len - i);
		k = end != NULL ? (size_t)(end - features) - i : len - i;
		w = k > 0 ? strmap_getn(m->weights, features + i, k) : NULL;
		i += k + 1;
		if (w == NULL)
			continue;
		for (c = 0; c < MODEL_NCAT; c++)
			scores[c] += w[c];
	}
	best = CAT_GOAL;
	for (c = best + 1; c < MODEL_NCAT; c++)
		if (scores[c] > scores[best])
			best = c;
	if (scores[best] - scores[CAT_NONE] <= m->margin)
		return CAT_NONE;
	return (enum category)best;
}

#define EXPLAIN_TOP 5		/* features shown by --explain */

void
model_explain(const struct model *m, const char *features, size_t len,
    enum category cat, struct buf *out)
{
	struct { const char *s; size_t n; double w; } top[EXPLAIN_TOP];
	char name[MAX_FEATURE + 1];
	const double *w;
	double total = 0, d;
	size_t i = 0, k, start;
	int ntop = 0, j;

	while (i < len) {
		start = i;
		k = 0;
		while (i < len && features[i] != ' ') {
			if (k < MAX_FEATURE)
				name[k++] = features[i];
			i++;
		}
		name[k] = '\0';
		if (k > 0 && (w = strmap_get(m->weights, name)) != NULL) {
			/* What the feature gives cat over "none". */
			d = w[cat] - w[CAT_NONE];
			total += d;
			for (j = ntop; j > 0 && top[j - 1].w < d; j--)
				if (j < EXPLAIN_TOP)
					top[j] = top[j - 1];
			if (j < EXPLAIN_TOP) {
				top[j].s = features + start;
				top[j].n = i - start;
				top[j].w = d;
				if (ntop < EXPLAIN_TOP)
					ntop++;
			}
		}
		i++;
	}
	buf_printf(out, "model %s %+.2f:", category_name(cat), total);
	for (j = 0; j < ntop; j++)
		buf_printf(out, " %.*s %+.2f", (int)top[j].n, top[j].s, top[j].w);
}
