/*
 * Fuzz target: samling-extract's sentences, clauses, spans, labels and
 * dates on blocks made of the bytes.  The input is cut at newlines into
 * blocks (NUL-terminated, as the CSV reader's fields are); a block's first byte picks its kind, its level and whether a
 * new document begins, the rest is its text (taken when valid UTF-8, as
 * main.c takes a row).  Each input runs twice: with the shipped model,
 * and with every candidate's features (--features).  The shipped
 * lexicons, cues and model are read once, from SAMLING_DATADIR or the
 * project's share/samling.
 *
 * sources: src/extract/cues.c src/extract/extract.c src/extract/features.c src/extract/lexicon.c src/extract/model.c src/extract/prefilter.c
 * seeds: tests/extract/fixtures
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "cues.h"
#include "datadir.h"
#include "dirlist.h"
#include "err.h"
#include "extract.h"
#include "lexicon.h"
#include "model.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const columns[] = {
	"source", "unit", "category", "section", "text", "date", "basis",
	"features"
};

static struct lexicon lx;
static struct cues *cues;
static struct model *model;
static FILE *devnull;

/* What main.c loads: every .rx of the lexicon folder, cues, the model. */
static void
load(void)
{
	char *dir, **names, path[4096], *p;
	size_t n, i, len;

	/* build.sh runs this in build/fuzz/fuzz_extract */
	setenv("SAMLING_DATADIR", "../../../share/samling", 0);
	err_setprog("fuzz-extract");
	if ((dir = datadir_path("lexicon")) == NULL ||
	    dirlist(dir, &names, &n) != 0)
		abort();
	lexicon_init(&lx);
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len <= 3 || strcmp(names[i] + len - 3, ".rx") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (lexicon_load(&lx, path) < 0)
			abort();
	}
	dirlist_free(names, n);
	free(dir);
	lexicon_finish(&lx);
	if ((p = datadir_path("lexicon/cues.txt")) == NULL ||
	    (cues = cues_load(p)) == NULL)
		abort();
	free(p);
	if ((p = datadir_path("model/extract.model")) == NULL ||
	    (model = model_load(p)) == NULL)
		abort();
	free(p);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
}

static void
run(const char *s, size_t size, int features)
{
	static const char *const sources[] = { "a.txt", "b.txt" };
	struct ex_options opt;
	struct csvwriter w;
	struct extractor *x;
	struct block b;
	size_t a = 0, e;
	int doc = 0;

	memset(&opt, 0, sizeof opt);
	opt.features = features;
	opt.model = features ? NULL : model;
	opt.cues = cues;
	csvw_init(&w, devnull, FMT_CSV, columns, features ? 8 : 7);
	x = ex_new(&lx, &opt, &w);
	while (a < size) {
		const char *nl = memchr(s + a, '\0', size - a);
		unsigned char k = (unsigned char)s[a];

		e = nl != NULL ? (size_t)(nl - s) : size;
		/* "heading", level 1, new document: kind, level, doc */
		b.kind = (enum block_kind)(k % K_NKINDS);
		b.level = k / K_NKINDS % 3;
		b.unit = k / 15 % 2;
		if (k >= 0xf0)
			doc ^= 1;
		b.text = s + a + 1;
		b.len = e > a ? e - a - 1 : 0;
		if (e > a && utf8_valid(b.text, b.len))
			ex_block(x, sources[doc], &b);
		a = e + 1;
	}
	ex_end(x);
	ex_free(x);
	csvw_free(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t i;

	if (devnull == NULL)
		load();
	/* Blocks end in a NUL, as the CSV reader's fields do. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < size; i++)
		if (s[i] == '\n')
			s[i] = '\0';
	run(s, size, 0);
	run(s, size, 1);
	free(s);
	return 0;
}
