/*
 * samling-ingest: documents in, blocks out.
 *
 * Each input is read whole (a document is the unit of work, and its
 * encoding can only be judged on all of it), converted to clean UTF-8,
 * given to the reader its content calls for, and written as blocks.
 * Memory is bounded by the largest single document.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arc.h"
#include "buf.h"
#include "cli.h"
#include "csvio.h"
#include "datadir.h"
#include "doc.h"
#include "enc.h"
#include "dirlist.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "progress.h"
#include "office.h"
#include "readers.h"
#include "xalloc.h"

/* A document larger than this is refused, not read. */
#define DOC_LIMIT ((size_t)1 << 30)
/* Output an input may give: OUT_BASE and OUT_PER_BYTE times its size. */
#define OUT_BASE ((size_t)64 << 20)
#define OUT_PER_BYTE 16
#define OUT_PER_BYTE_MAX ((SIZE_MAX - OUT_BASE) / OUT_PER_BYTE)

enum { OPT_SKIP_UNSUPPORTED = OPT_LONG };

enum doc_type {
	T_AUTO, T_TRANSCRIPT, T_ARTICLE, T_PLAN, T_PDF, T_PPTX, T_ODP, T_DOCX,
	T_ODT, T_ZIP
};

static const struct {
	const char *name;
	enum doc_type type;
} type_names[] = {
	{ "article", T_ARTICLE }, { "docx", T_DOCX }, { "markdown", T_PLAN },
	{ "odp", T_ODP }, { "odt", T_ODT }, { "pdf", T_PDF }, { "plan", T_PLAN },
	{ "pptx", T_PPTX }, { "text", T_ARTICLE }, { "transcript", T_TRANSCRIPT },
	{ "zip", T_ZIP },
};

struct ingest {
	struct csvwriter out;
	enum doc_type type;
	int notes;
	int recursive;
	int skip_unsupported;	/* --skip-unsupported */
	int skipped;		/* an input was skipped as unsupported */
	int quiet;		/* -q: no progress line */
	int verbose;		/* -v: name each file read */
	struct progress *pr;	/* -r's progress line */
	struct outfile_id outid;	/* -o's file, if there: never read */
	int rval;
	struct buf raw;
	struct buf text;
	struct doc doc;
};

static const struct cli_opt opts[] = {
	{ 'F', "format", "format", "output csv (default), tsv, jsonl, json, csv-excel or xlsx" },
	{ 'l', "lang", "lang", "the documents' language (nb, nn, en): a lang column" },
	{ 'n', "notes", NULL, "include speaker notes of slides" },
	{ 'o', "output", "file", "write to file (atomically)" },
	{ 'q', "quiet", NULL, "no progress line" },
	{ 'r', "recursive", NULL, "walk directories in sorted order" },
	{ 't', "type", "type", "read every input as type (see the manual)" },
	{ 'v', "verbose", NULL, "name each file as it is read" },
	{ OPT_SKIP_UNSUPPORTED, "skip-unsupported", NULL,
	    "skip inputs of a kind not read; exit 1, not 2" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-ingest",
	"[-nqrv] [-F format] [-l lang] [-o file] [-t type]\n"
	"\t[--skip-unsupported] [file ...]",
	opts, NULL, NULL, NULL
};

static enum doc_type
parse_type(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(s, type_names[i].name) == 0)
			return type_names[i].type;
	warnmsg("unknown type: %s", err_name(s));
	cli_usage(&cli);
}

/*
 * A language samling-extract has a lexicon of: its name is a file
 * lexicon/LANG.rx of the data directory.
 */
static int
known_lang(const char *lang)
{
	size_t i, n = strlen(lang);
	char rel[32], *path;
	int ok;

	if (n == 0 || n > 8)
		return 0;
	for (i = 0; i < n; i++)
		if (lang[i] < 'a' || lang[i] > 'z')
			return 0;
	snprintf(rel, sizeof rel, "lexicon/%s.rx", lang);
	if ((path = datadir_path(rel)) == NULL)
		return 0;
	ok = access(path, R_OK) == 0;
	free(path);
	return ok;
}

static int
has_nul(const char *s, size_t len)
{
	return memchr(s, '\0', len < 65536 ? len : 65536) != NULL;
}

static int
is_utf16_bom(const char *s, size_t len)
{
	return len >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
	    ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF));
}

/*
 * An input of a kind not read: trouble (-1), the message ending in tail,
 * or with --skip-unsupported said and skipped (0), and the exit status
 * 1 at the end.
 */
static int
unsupported(struct ingest *in, const char *name, const char *why,
    const char *tail)
{
	if (!in->skip_unsupported) {
		warnat(name, 0, "%s%s", why, tail);
		return -1;
	}
	warnat(name, 0, "%s: skipped", why);
	in->skipped = 1;
	return 0;
}

static enum office_kind
office_kind_of(enum doc_type t)
{
	switch (t) {
	case T_PPTX: return OFFICE_PPTX;
	case T_ODP: return OFFICE_ODP;
	case T_DOCX: return OFFICE_DOCX;
	case T_ODT: return OFFICE_ODT;
	case T_ZIP: return OFFICE_ZIP;
	default: return OFFICE_NONE;
	}
}

static int ingest_data(struct ingest *in, const char *name, const char *data,
    size_t len, int depth);

struct member_ctx {
	struct ingest *in;
	const char *archive;
	int depth;
};

static int
ingest_member(void *ctx, const char *member, const char *data, size_t len)
{
	struct member_ctx *mc = ctx;
	char *name = xmalloc(strlen(mc->archive) + strlen(member) + 2);
	int r;

	sprintf(name, "%s:%s", mc->archive, member);
	r = ingest_data(mc->in, name, data, len, mc->depth + 1);
	free(name);
	/* the archive's output budget is spent: no more members */
	return mc->in->doc.over ? -2 : r;
}

/* An office document or a zip of documents. */
static int
ingest_zip(struct ingest *in, const char *name, const char *data, size_t len,
    int depth)
{
	enum office_kind kind = office_kind_of(in->type);
	struct member_ctx mc = { in, name, depth };
	int package = 0;

	/* -t zip: the members are detected, but not the zip itself */
	if (kind == OFFICE_NONE || (depth > 0 && kind == OFFICE_ZIP))
		kind = office_detect(data, len, &package);
	else if (kind == OFFICE_ZIP)
		(void)office_detect(data, len, &package);
	if (kind == OFFICE_NONE) {	/* office_ingest says why it cannot */
		doc_begin(&in->doc, name, &in->out, in->notes);
		return office_ingest(&in->doc, name, data, len, OFFICE_NONE);
	}
	if (kind == OFFICE_ZIP) {
		/* an .xlsx, say: members that are no documents of their own */
		if (package)
			return unsupported(in, name, "office document of a kind "
			    "not read (.pptx .docx .odp .odt are)", "");
		if (depth > 0)
			return unsupported(in, name,
			    "zip archive inside a zip archive", ": not read");
		return zip_each_member(name, data, len, ingest_member, &mc);
	}
	doc_begin(&in->doc, name, &in->out, in->notes);
	return office_ingest(&in->doc, name, data, len, kind);
}

/* One document held in memory; 0 on success, -1 after a message. */
static int
ingest_data(struct ingest *in, const char *name, const char *data, size_t len,
    int depth)
{
	enum doc_type type = in->type;
	int zip = arc_is_zip(data, len);

	if (len == 0) {
		warnat(name, 0, "empty file");
		return -1;
	}
	if (type == T_PDF || (!zip && len >= 5 && memcmp(data, "%PDF-", 5) == 0)) {
		doc_begin(&in->doc, name, &in->out, in->notes);
		if (pdf_ingest(&in->doc, name, data, len, &in->text, DOC_LIMIT) != 0)
			return -1;
		goto written;
	}
	if (zip || office_kind_of(type) != OFFICE_NONE) {
		if (!zip) {
			warnat(name, 0, "not a zip container, cannot read as %s",
			    type == T_ZIP ? "zip" : "an office document");
			return -1;
		}
		return ingest_zip(in, name, data, len, depth);
	}
	if (len >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		/* the OLE2 container of password-protected Office files */
		return unsupported(in, name, "an encrypted office document or "
		    "an old .ppt/.doc file", ": not read");
	if (!is_utf16_bom(data, len) && has_nul(data, len))
		return unsupported(in, name, "binary file, not a text document",
		    "");
	/* Clean UTF-8, the common case, is read where it is. */
	if (!utf8_as_is(data, len)) {
		buf_clear(&in->text);
		if (to_utf8(&in->text, data, len, NULL) != 0) {
			warnsys("%s", err_name(name));
			return -1;
		}
		data = in->text.data;
		len = in->text.len;
	}
	if (type == T_AUTO) {
		if (transcript_detect(data, len))
			type = T_TRANSCRIPT;
		else if (markdown_detect(data, len))
			type = T_PLAN;
		else
			type = T_ARTICLE;
	}
	doc_begin(&in->doc, name, &in->out, in->notes);
	if (type == T_TRANSCRIPT)
		transcript_ingest(&in->doc, data, len);
	else
		article_ingest(&in->doc, data, len, type == T_PLAN);
written:
	if (in->doc.seq == 0) {
		warnat(name, 0, "no text found");
		return -1;
	}
	return 0;
}

static void
ingest_file(struct ingest *in, const char *path)
{
	buf_clear(&in->raw);
	if (read_whole(path, &in->raw, DOC_LIMIT) != 0) {
		if (errno == EFBIG)
			warnat(path, 0, "larger than %zu MiB, not read", DOC_LIMIT >> 20);
		else
			warnsys("%s", err_name(path));
		in->rval = EXIT_TROUBLE;
		return;
	}
	/*
	 * Output is bounded per input as well as what it expands to: a
	 * small zip of many documents (long member names on every row)
	 * could otherwise write gigabytes.
	 */
	doc_set_budget(&in->doc, in->raw.len > OUT_PER_BYTE_MAX ? SIZE_MAX :
	    OUT_BASE + OUT_PER_BYTE * in->raw.len);
	if (ingest_data(in, path, in->raw.data, in->raw.len, 0) != 0 ||
	    in->doc.over)
		in->rval = EXIT_TROUBLE;
	/* A huge document should not pin its memory for the next one. */
	if (in->raw.cap > ((size_t)64 << 20))
		buf_free(&in->raw);
	if (in->text.cap > ((size_t)64 << 20))
		buf_free(&in->text);
	progress_step(in->pr, 1, in->raw.len);
	if (in->verbose)
		progress_list(in->pr, "%s", err_name(path));
}

/* The directories being walked, outermost first, to catch loops. */
struct walk {
	const struct walk *up;
	dev_t dev;
	ino_t ino;
};

static int
on_walk(const struct walk *w, const struct stat *st)
{
	for (; w != NULL; w = w->up)
		if (w->dev == st->st_dev && w->ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * A symbolic link back to a directory being walked would be walked again
 * and again (two such links make it exponential), so each directory is
 * checked against those above it.
 */
static void
ingest_tree(struct ingest *in, const char *dir, const struct stat *dst,
    const struct walk *up, int depth)
{
	struct walk here = { up, dst->st_dev, dst->st_ino };
	char **names, *path;
	size_t n, i;

	if (depth > 64) {
		warnat(dir, 0, "directories nested too deep");
		in->rval = EXIT_TROUBLE;
		return;
	}
	if (on_walk(up, dst)) {
		warnat(dir, 0, "directory loop, not followed");
		in->rval = EXIT_TROUBLE;
		return;
	}
	if (dirlist(dir, &names, &n) != 0) {
		warnsys("%s", err_name(dir));
		in->rval = EXIT_TROUBLE;
		return;
	}
	for (i = 0; i < n; i++) {
		struct stat st;

		if (names[i][0] == '.')
			continue;
		path = xmalloc(strlen(dir) + strlen(names[i]) + 2);
		sprintf(path, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (stat(path, &st) != 0) {
			warnsys("%s", err_name(path));
			in->rval = EXIT_TROUBLE;
		} else if (S_ISDIR(st.st_mode)) {
			ingest_tree(in, path, &st, &here, depth + 1);
		} else if (outfile_id_is(&in->outid, path)) {
			/* Last run's output, in the folder it was made of. */
			warnat(path, 0, "the output file (-o), not read");
		} else if (S_ISREG(st.st_mode)) {
			ingest_file(in, path);
		}
		free(path);
	}
	dirlist_free(names, n);
}

static void
ingest_operand(struct ingest *in, const char *path)
{
	struct stat st;

	if (in->recursive && !is_stdin_name(path) && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		ingest_tree(in, path, &st, NULL, 0);
	else
		ingest_file(in, path);
}

int
main(int argc, char *argv[])
{
	struct ingest in;
	struct outfile out;
	const char *output = NULL;
	const char *columns[BLOCK_NCOLS + 1];
	int fmt = FMT_CSV, c, i, nstdin = 0;

	cli_start(&cli, argc, argv);
	memset(&in, 0, sizeof in);
	in.type = T_AUTO;
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'F':
			if ((fmt = outformat_parse(optarg)) < 0) {
				warnmsg("unknown output format: %s (" OUTFORMATS ")",
				    err_name(optarg));
				cli_usage(&cli);
			}
			break;
		case 'l':
			if (!known_lang(optarg)) {
				warnmsg("no lexicon for language '%s'",
				    err_name(optarg));
				cli_usage(&cli);
			}
			in.doc.lang = optarg;
			break;
		case 'n':
			in.notes = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'r':
			in.recursive = 1;
			break;
		case 't':
			in.type = parse_type(optarg);
			break;
		case OPT_SKIP_UNSUPPORTED:
			in.skip_unsupported = 1;
			break;
		case 'q':
			in.quiet = 1;
			break;
		case 'v':
			in.verbose = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	for (i = 0; i < argc; i++)
		nstdin += is_stdin_name(argv[i]);
	if (nstdin > 1)
		die(EXIT_TROUBLE, "standard input can be read only once");
	outfile_id_of(&in.outid, output);
	for (i = 0; i < argc; i++)
		if (outfile_id_is(&in.outid, argv[i]))
			die(EXIT_TROUBLE, "%s: is the output file too (-o would "
			    "replace it)", err_name(argv[i]));

	outfile_open(&out, output);
	/* The blocks record, and its optional lang column with -l. */
	memcpy(columns, block_columns, sizeof block_columns);
	columns[BLOCK_NCOLS] = "lang";
	csvw_init(&in.out, out.fp, (enum outformat)fmt, columns,
	    in.doc.lang != NULL ? BLOCK_NCOLS + 1 : BLOCK_NCOLS);
	/* Not over rows written to the same terminal. */
	if (in.recursive)
		in.pr = progress_start(!in.quiet &&
		    (!is_stdin_name(output) || !isatty(STDOUT_FILENO)));
	if (argc == 0)
		ingest_operand(&in, "-");
	for (i = 0; i < argc; i++)
		ingest_operand(&in, argv[i]);
	progress_end(in.pr);
	if (csvw_close(&in.out) != 0)
		in.rval = EXIT_TROUBLE;
	doc_end(&in.doc);
	buf_free(&in.raw);
	buf_free(&in.text);
	if (outfile_commit(&out) != 0)
		return EXIT_TROUBLE;
	if (in.rval == EXIT_OK && in.skipped)
		return EXIT_NEGATIVE;
	return in.rval;
}
