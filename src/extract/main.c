/*
 * samling-extract: goals, milestones and pitfalls from blocks.
 *
 * Options, then the lexicons (every pattern compiled and checked before
 * any input is read), then each input's blocks through the extractor.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "csvio.h"
#include "datadir.h"
#include "date.h"
#include "dirlist.h"
#include "err.h"
#include "exitcode.h"
#include "cues.h"
#include "extract.h"
#include "io.h"
#include "lexicon.h"
#include "model.h"
#include "muninames.h"
#include "text.h"
#include "xalloc.h"

#define MAX_LEXICONS 64
#define MAX_BAD_ROWS 100	/* then an input is given up */

enum { OPT_PATTERNS = OPT_LONG, OPT_FEATURES, OPT_MODEL };


static int informat = IN_DETECT;	/* -I */

static const struct cli_opt opts[] = {
	{ 'e', "explain", NULL, "append a column with the rule that decided" },
	{ 'F', "format", "format", "output csv (default), tsv, jsonl, json, csv-excel or xlsx" },
	{ 'I', "input-format", "format", "read blocks as csv, tsv, jsonl or json" },
	{ 'l', "lang", "lang", "read every document as language lang" },
	{ 'L', "lexicon", "lexicon", "read the rules of lexicon too" },
	{ 'm', "municipalities", NULL, "append the codes of the kommuner named" },
	{ 'o', "output", "file", "write to file (atomically)" },
	{ 'q', "quiet", NULL, "print only trouble on standard error" },
	{ OPT_FEATURES, "features", NULL, "write every candidate with its features" },
	{ OPT_MODEL, "model", "file", "decide with the model in file" },
	{ OPT_PATTERNS, "patterns", NULL, "print the pattern of every rule and exit" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-extract",
	"[-emq] [-F format] [-I format] [-l lang] [-L lexicon]\n"
	"\t[--model file] [-o file] [file ...]\n"
	"       samling-extract --features [-em] [-F format] [-I format] "
	"[-l lang]\n\t[-L lexicon] [-o file] [file ...]\n"
	"       samling-extract --patterns [-l lang] [-L lexicon] [-o file]",
	opts, NULL, NULL, NULL
};

/* The shipped lexicons: the .rx files of DATADIR/lexicon in name order. */
static int
load_shipped(struct lexicon *lx)
{
	char *dir = datadir_path("lexicon"), **names, *path;
	size_t n, i, len;
	int bad = 0;

	if (dir == NULL)
		return -1;
	if (dirlist(dir, &names, &n) != 0) {
		warnsys("%s", err_name(dir));
		free(dir);
		return -1;
	}
	/* All of them, however many: which to leave out is no one's choice. */
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len <= 3 || strcmp(names[i] + len - 3, ".rx") != 0)
			continue;
		path = xmalloc(strlen(dir) + strlen(names[i]) + 2);
		sprintf(path, "%s/%s", dir, names[i]);
		if (lexicon_load(lx, path) < 0)
			bad = 1;
		free(path);
	}
	dirlist_free(names, n);
	free(dir);
	return bad ? -1 : 0;
}

static int
known_lang(const struct lexicon *lx, const char *lang)
{
	int i;

	for (i = 0; i < lx->n; i++)
		if (strcmp(lx->rules[i].lang, lang) == 0)
			return 1;
	return 0;
}

/* Trouble before any input was read: release what was loaded. */
static int
give_up(struct lexicon *lx)
{
	lexicon_free(lx);
	date_cleanup();
	return EXIT_TROUBLE;
}

/* --patterns: every rule's pattern in use, expanded, one a line. */
static int
print_patterns(struct lexicon *lx, const char *lang, const char *output)
{
	struct outfile out;
	int i, status = EXIT_OK;

	outfile_open(&out, output);
	for (i = 0; i < lx->n; i++) {
		const struct rule *r = &lx->rules[i];

		if (r->off || r->kind == R_MARKER ||
		    (lang != NULL && !rule_in_lang(r, lang)))
			continue;
		fprintf(out.fp, "%s\n", r->pattern);
	}
	if (outfile_commit(&out) < 0)
		status = EXIT_TROUBLE;
	lexicon_free(lx);
	date_cleanup();
	return status;
}

/* A whole number of at most 9 digits; -1 if not. */
static long
parse_count(const struct csvfield *f)
{
	long v = 0;
	size_t i;

	if (f->len == 0 || f->len > 9)
		return -1;
	for (i = 0; i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return -1;
		v = v * 10 + (f->s[i] - '0');
	}
	return v;
}

#define SHOWN_SIZE 128

/* A cell for a message, escaped into out (the caller's, no static buffer). */
static const char *
shown(char *out, const struct csvfield *f)
{
	err_escape(out, SHOWN_SIZE, f->s, f->len < 40 ? f->len : 40);
	return out;
}

struct input {
	const char *name;	/* for messages */
	unsigned long line;
	int idx[BLOCK_NCOLS];
	int lang_idx;		/* the optional lang column, or -1 */
	int new_doc;		/* the row read begins a document */
	struct csvheader header;	/* to know it again */
	struct buf last_source;	/* the last row's source, every byte */
	int have_source;
	long last_seq;
};

/* Check one row and make a block of it; 0 ok, -1 after a message. */
static int
read_row(struct input *in, struct csvfield *f, int n, struct block *b,
    const char **source)
{
	char cell[SHOWN_SIZE];
	const struct csvfield *src;
	long unit, seq, level;
	int i, kind, same, raw_same;

	for (i = 0; i < BLOCK_NCOLS; i++) {
		if (in->idx[i] >= n) {
			warnat(in->name, in->line, "row has %d fields, column '%s' "
			    "is missing", n, block_columns[i]);
			return -1;
		}
	}
	/*
	 * The other columns are checked as numbers and names below.  A
	 * document's rows repeat its source: the same bytes as the row
	 * before are valid and the same document, told by one comparison.
	 */
	src = &f[in->idx[BLOCK_SOURCE]];
	raw_same = in->have_source && src->len == in->last_source.len &&
	    memcmp(src->s, in->last_source.data, src->len) == 0;
	if (!utf8_valid(f[in->idx[BLOCK_TEXT]].s, f[in->idx[BLOCK_TEXT]].len) ||
	    (!raw_same && !utf8_valid(src->s, src->len))) {
		warnat(in->name, in->line, "invalid UTF-8");
		return -1;
	}
	if ((unit = parse_count(&f[in->idx[BLOCK_UNIT]])) < 0) {
		warnat(in->name, in->line, "bad unit '%s'",
		    shown(cell, &f[in->idx[BLOCK_UNIT]]));
		return -1;
	}
	if ((seq = parse_count(&f[in->idx[BLOCK_SEQ]])) < 1) {
		warnat(in->name, in->line, "bad seq '%s'",
		    shown(cell, &f[in->idx[BLOCK_SEQ]]));
		return -1;
	}
	if ((level = parse_count(&f[in->idx[BLOCK_LEVEL]])) < 0) {
		warnat(in->name, in->line, "bad level '%s'",
		    shown(cell, &f[in->idx[BLOCK_LEVEL]]));
		return -1;
	}
	if ((kind = block_kind_parse(f[in->idx[BLOCK_KIND]].s)) < 0) {
		warnat(in->name, in->line, "unknown kind '%s'",
		    shown(cell, &f[in->idx[BLOCK_KIND]]));
		return -1;
	}
	*source = src->s;
	same = raw_same || (in->have_source &&
	    strcmp(in->last_source.data, *source) == 0);
	if (same && seq <= in->last_seq) {
		warnat(in->name, in->line, "row out of order: seq %ld after %ld",
		    seq, in->last_seq);
		return -1;
	}
	in->new_doc = !same;
	if (!raw_same) {
		buf_clear(&in->last_source);
		buf_add(&in->last_source, src->s, src->len);
		in->have_source = 1;
	}
	in->last_seq = seq;
	b->unit = unit;
	b->kind = (enum block_kind)kind;
	b->level = level > 1000 ? 1000 : (int)level;
	b->text = f[in->idx[BLOCK_TEXT]].s;
	b->len = f[in->idx[BLOCK_TEXT]].len;
	return 0;
}

/* Extract from one input; 0, or -1 when something in it was bad. */
static int
extract_file(struct extractor *x, const char *path)
{
	struct input in;
	struct csvreader *r;
	struct csvfield *f;
	struct block b;
	const char *source;
	char cell[SHOWN_SIZE];
	int n, bad = 0, i, c;
	FILE *fp;

	memset(&in, 0, sizeof in);
	if ((fp = open_input(path)) == NULL) {
		warnsys("%s", err_name(path));
		return -1;
	}
	in.name = xstrdup(path);
	r = csvr_open_records(fp, in.name, informat);
	in.lang_idx = -1;
	if ((n = csvr_next(r, &f)) > 0) {
		csv_keep_header(&in.header, f, n);
		for (i = 0; i < n; i++)
			if (strcmp(f[i].s, "lang") == 0)
				in.lang_idx = i;
		if ((c = csv_find_columns(f, n, block_columns, BLOCK_NCOLS,
		    in.idx)) > 0) {
			for (i = 0; i < BLOCK_NCOLS && in.idx[i] >= 0; i++)
				;
			/* (none: a document given as it is, not ingested) */
			if (c == BLOCK_NCOLS)
				warnat(in.name, csvr_line(r), "not a blocks "
				    "file (samling-ingest makes one of a "
				    "document)");
			else
				warnat(in.name, csvr_line(r),
				    "missing column '%s'", block_columns[i]);
			bad = 1;
			n = 0;
		}
	} else if (n < 0)
		bad = 1;
	while (n > 0 && (n = csvr_next(r, &f)) != 0) {
		if (n < 0) {
			bad = 1;
			if (csvr_failed(r))
				break;
			n = 1;
			continue;
		}
		in.line = csvr_line(r);
		if (csv_header_again(&in.header, f, n))
			continue;	/* outputs of several runs, one after another */
		if (read_row(&in, f, n, &b, &source) < 0) {
			if (++bad == MAX_BAD_ROWS) {
				warnat(in.name, 0, "too many bad rows; "
				    "the rest of this input is skipped");
				break;
			}
			continue;
		}
		/* the language the blocks carry (samling-ingest -l) */
		if (in.new_doc && in.lang_idx >= 0 && in.lang_idx < n) {
			ex_end(x);
			if (f[in.lang_idx].len > 0 &&
			    ex_doc_lang(x, f[in.lang_idx].s) < 0)
				warnat(in.name, in.line, "no lexicon for language "
				    "'%s': guessed", shown(cell, &f[in.lang_idx]));
		}
		ex_block(x, source, &b);
	}
	ex_end(x);
	csvr_close(r);
	close_input(fp);
	buf_free(&in.last_source);
	buf_free(&in.header.names);
	free((char *)in.name);
	return bad ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	const char *cols[10] = { "source", "unit", "category", "section", "text",
		"date", "basis" };
	const char *lexfiles[MAX_LEXICONS], *output = NULL, *lang = NULL;
	struct outfile_id outid;
	const char *modelfile = NULL;
	char *path;
	struct model *model = NULL;
	struct cues *cues = NULL;
	struct muninames *munis = NULL;
	struct ex_options opt;
	struct lexicon lx;
	struct outfile out;
	struct csvwriter w;
	struct extractor *x;
	int c, nlex = 0, fmt = FMT_CSV, explain = 0, wantmunis = 0, ncols = 7;
	int status = EXIT_OK, i, patterns = 0, features = 0, formats = 0;

	cli_start(&cli, argc, argv);
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'e':
			explain = 1;
			break;
		case 'F':
			formats = 1;
			if ((fmt = outformat_parse(optarg)) < 0) {
				warnmsg("unknown format '%s' (" OUTFORMATS ")",
				    err_name(optarg));
				cli_usage(&cli);
			}
			break;
		case 'I':
			formats = 1;
			informat = informat_arg(optarg);
			break;
		case 'l':
			lang = strcmp(optarg, "auto") == 0 ? NULL : optarg;
			break;
		case 'L':
			if (nlex == MAX_LEXICONS)
				die(EXIT_TROUBLE, "too many lexicons (at most %d)",
				    MAX_LEXICONS);
			lexfiles[nlex++] = optarg;
			break;
		case 'm':
			wantmunis = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_FEATURES:
			features = 1;
			break;
		case OPT_MODEL:
			modelfile = optarg;
			break;
		case OPT_PATTERNS:
			patterns = 1;
			break;
		case 'q':	/* nothing but trouble is printed anyway */
			break;
		}
	}
	argc -= optind;
	argv += optind;
	/* An option the mode has no use for is a mistake, not a no-op. */
	if (patterns && (argc > 0 || features || explain || wantmunis ||
	    modelfile != NULL || formats)) {
		warnmsg("--patterns takes only -l, -L and -o");
		cli_usage(&cli);
	}
	if (features && modelfile != NULL) {
		warnmsg("--features reads no model: --model is of no use");
		cli_usage(&cli);
	}
	for (i = 0, c = 0; i < argc; i++)
		c += is_stdin_name(argv[i]);
	if (c > 1)
		die(EXIT_TROUBLE, "standard input can be read only once");
	outfile_id_of(&outid, output);
	for (i = 0; i < argc; i++)
		if (outfile_id_is(&outid, argv[i]))
			die(EXIT_TROUBLE, "%s: is the output file too (-o "
			    "would replace it)", err_name(argv[i]));

	/* Everything the command line names is checked before any input. */
	lexicon_init(&lx);
	if (load_shipped(&lx) < 0)
		status = EXIT_TROUBLE;
	for (i = 0; i < nlex; i++)
		if (lexicon_load(&lx, lexfiles[i]) < 0)
			status = EXIT_TROUBLE;
	if (status != EXIT_OK)
		return give_up(&lx);
	lexicon_finish(&lx);
	if (lang != NULL && !known_lang(&lx, lang)) {
		warnmsg("no lexicon for language '%s'", err_name(lang));
		give_up(&lx);
		cli_usage(&cli);
	}
	if (patterns)
		return print_patterns(&lx, lang, output);
	if ((path = datadir_path("lexicon/cues.txt")) == NULL ||
	    (cues = cues_load(path)) == NULL) {
		free(path);
		return give_up(&lx);
	}
	free(path);
	if (!features) {
		path = modelfile != NULL ? xstrdup(modelfile) :
		    datadir_path("model/extract.model");
		if (path == NULL || (model = model_load(path)) == NULL) {
			free(path);
			cues_free(cues);
			return give_up(&lx);
		}
		free(path);
	}
	if (wantmunis) {
		if ((munis = muninames_load()) == NULL)
			return give_up(&lx);
		cols[ncols++] = "municipalities";
	}
	if (explain)
		cols[ncols++] = "rule";
	if (features)
		cols[ncols++] = "features";

	outfile_open(&out, output);
	csvw_init(&w, out.fp, (enum outformat)fmt, cols, ncols);
	memset(&opt, 0, sizeof opt);
	opt.lang = lang;
	opt.explain = explain;
	opt.munis = munis;
	opt.features = features;
	opt.model = model;
	opt.cues = cues;
	x = ex_new(&lx, &opt, &w);
	if (argc == 0) {
		if (extract_file(x, "-") < 0)
			status = EXIT_TROUBLE;
	}
	for (i = 0; i < argc; i++)
		if (extract_file(x, argv[i]) < 0)
			status = EXIT_TROUBLE;
	ex_free(x);
	if (csvw_close(&w) != 0)
		status = EXIT_TROUBLE;
	/* A rule that could not be run (a PCRE2 limit) is trouble. */
	for (i = 0; i < lx.n; i++)
		if (rx_errors(lx.rules[i].rx) > 0)
			status = EXIT_TROUBLE;
	if (outfile_commit(&out) < 0)
		status = EXIT_TROUBLE;
	muninames_free(munis);
	model_free(model);
	cues_free(cues);
	lexicon_free(&lx);
	date_cleanup();
	return status;
}
