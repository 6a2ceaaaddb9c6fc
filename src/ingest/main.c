/*
 * samling-ingest: documents in, blocks out.
 *
 * Each input is read whole (a document is the unit of work, and its
 * encoding can only be judged on all of it), converted to clean UTF-8,
 * given to the reader its content calls for, and written as blocks.
 * Memory is bounded by the largest single document.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cli.h"
#include "csvio.h"
#include "doc.h"
#include "enc.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "office.h"
#include "readers.h"
#include "xalloc.h"

/* A document larger than this is refused, not read. */
#define DOC_LIMIT ((size_t)1 << 30)
/* Output an input may give: OUT_BASE and OUT_PER_BYTE times its size. */
#define OUT_BASE ((size_t)64 << 20)
#define OUT_PER_BYTE 16
#define OUT_PER_BYTE_MAX ((SIZE_MAX - OUT_BASE) / OUT_PER_BYTE)

enum doc_type {
	T_AUTO, T_TRANSCRIPT, T_ARTICLE, T_PLAN, T_PPTX, T_ODP, T_DOCX, T_ODT,
	T_ZIP
};

static const struct {
	const char *name;
	enum doc_type type;
} type_names[] = {
	{ "article", T_ARTICLE }, { "docx", T_DOCX }, { "markdown", T_PLAN },
	{ "odp", T_ODP }, { "odt", T_ODT }, { "plan", T_PLAN },
	{ "pptx", T_PPTX }, { "text", T_ARTICLE }, { "transcript", T_TRANSCRIPT },
	{ "zip", T_ZIP },
};

struct ingest {
	struct csvwriter out;
	enum doc_type type;
	int notes;
	int recursive;
	int rval;
	struct buf raw;
	struct buf text;
	struct doc doc;
};

/* The usage line; on stdout (--help) the options too. */
static void
print_usage(FILE *fp)
{
	fprintf(fp, "usage: samling-ingest [-nr] [-F format] [-o file] "
	    "[-t type] [file ...]\n");
	if (fp == stdout)
		fprintf(fp,
		    "  -F, --format FORMAT  output csv (default), tsv or jsonl\n"
		    "  -n, --notes          include speaker notes of slides\n"
		    "  -o, --output FILE    write to FILE (atomically)\n"
		    "  -r, --recursive      walk directories in sorted order\n"
		    "  -t, --type TYPE      read every input as TYPE: transcript,\n"
		    "                       article, plan, pptx, odp, docx, odt, zip\n"
		    "      --help           show this help\n"
		    "      --version        show the version\n");
}

static void __attribute__((noreturn))
usage(int status)
{
	print_usage(status == EXIT_OK ? stdout : stderr);
	exit(status);
}

static enum doc_type
parse_type(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(s, type_names[i].name) == 0)
			return type_names[i].type;
	warnmsg("unknown type: %s", err_name(s));
	usage(EXIT_TROUBLE);
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

	if (kind == OFFICE_NONE || (depth > 0 && kind == OFFICE_ZIP))
		kind = office_detect(data, len);
	if (kind == OFFICE_NONE) {	/* office_ingest says why it cannot */
		doc_begin(&in->doc, name, &in->out, in->notes);
		return office_ingest(&in->doc, name, data, len, OFFICE_NONE);
	}
	if (kind == OFFICE_ZIP) {
		if (depth > 0) {
			warnat(name, 0, "zip archive inside a zip archive: not read");
			return -1;
		}
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
	int zip = office_is_zip(data, len);

	if (len == 0) {
		warnat(name, 0, "empty file");
		return -1;
	}
	if (zip || office_kind_of(type) != OFFICE_NONE) {
		if (!zip) {
			warnat(name, 0, "not a zip container, cannot read as %s",
			    type == T_ZIP ? "zip" : "an office document");
			return -1;
		}
		return ingest_zip(in, name, data, len, depth);
	}
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) {
		warnat(name, 0, "a PDF: convert it first (pdftotext FILE - | "
		    "samling-ingest)");
		return -1;
	}
	if (len >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		/* the OLE2 container of password-protected Office files */
		warnat(name, 0, "an encrypted office document or an old .ppt/.doc "
		    "file: not read");
		return -1;
	}
	if (!is_utf16_bom(data, len) && has_nul(data, len)) {
		warnat(name, 0, "binary file, not a text document");
		return -1;
	}
	buf_clear(&in->text);
	if (to_utf8(&in->text, data, len, NULL) != 0) {
		warnsys("%s", err_name(name));
		return -1;
	}
	if (type == T_AUTO) {
		if (transcript_detect(in->text.data, in->text.len))
			type = T_TRANSCRIPT;
		else if (markdown_detect(in->text.data, in->text.len))
			type = T_PLAN;
		else
			type = T_ARTICLE;
	}
	doc_begin(&in->doc, name, &in->out, in->notes);
	if (type == T_TRANSCRIPT)
		transcript_ingest(&in->doc, in->text.data, in->text.len);
	else
		article_ingest(&in->doc, in->text.data, in->text.len, type == T_PLAN);
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
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk a directory in sorted order; dot files are skipped. */
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
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

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
	if ((dp = opendir(dir)) == NULL) {
		warnsys("%s", err_name(dir));
		in->rval = EXIT_TROUBLE;
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n] = xmalloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(names[n], "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		n++;
	}
	closedir(dp);
	qsort(names, n, sizeof *names, compare_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) != 0) {
			warnsys("%s", err_name(names[i]));
			in->rval = EXIT_TROUBLE;
		} else if (S_ISDIR(st.st_mode)) {
			ingest_tree(in, names[i], &st, &here, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			ingest_file(in, names[i]);
		}
		free(names[i]);
	}
	free(names);
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
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "notes", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "recursive", no_argument, NULL, 'r' },
		{ "type", required_argument, NULL, 't' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct ingest in;
	struct outfile out;
	const char *output = NULL;
	int fmt = FMT_CSV, c, i;

	err_setprog("samling-ingest");
	argv[0] = (char *)err_prog();	/* getopt's messages name us alike */
	io_init();
	memset(&in, 0, sizeof in);
	in.type = T_AUTO;
	while ((c = getopt_long(argc, argv, "F:no:rt:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if ((fmt = outformat_parse(optarg)) < 0) {
				warnmsg("unknown output format: %s (" OUTFORMATS ")",
				    err_name(optarg));
				usage(EXIT_TROUBLE);
			}
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
		default:
			cli_common_option(c, print_usage);
		}
	}
	argc -= optind;
	argv += optind;

	outfile_open(&out, output);
	csvw_init(&in.out, out.fp, (enum outformat)fmt, block_columns, BLOCK_NCOLS);
	if (argc == 0)
		ingest_operand(&in, "-");
	for (i = 0; i < argc; i++)
		ingest_operand(&in, argv[i]);
	if (csvw_close(&in.out) != 0)
		in.rval = EXIT_TROUBLE;
	doc_end(&in.doc);
	buf_free(&in.raw);
	buf_free(&in.text);
	if (outfile_commit(&out) != 0)
		return EXIT_TROUBLE;
	return in.rval;
}
