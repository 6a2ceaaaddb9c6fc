/*
 * samling-verify: prove BagIt bags (RFC 8493) whole, in archives or
 * directories, and unpack one safely once it has proved whole.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "progress.h"
#include "verify.h"

enum { OPT_FORCE = OPT_LONG, OPT_MAX_ENTRIES, OPT_MAX_RATIO, OPT_MAX_SIZE,
	OPT_FAST, OPT_COMPLETENESS_ONLY, OPT_LIST, OPT_PROFILE };

static const struct cli_opt opts[] = {
	{ 'F', "format", "format", "write the verdicts as csv, tsv, jsonl, json,"
	    " csv-excel or xlsx" },
	{ 'q', "quiet", NULL, "print nothing for a valid bag; no progress line" },
	{ 'v', "verbose", NULL, "list each file as it is checked" },
	{ 'x', "extract", "dir", "unpack each archive that verifies into dir" },
	{ OPT_COMPLETENESS_ONLY, "completeness-only", NULL,
	    "check the files are there, not their digests" },
	{ OPT_FAST, "fast", NULL, "check only the Payload-Oxum" },
	{ OPT_FORCE, "force", NULL, "with -x: replace what is there" },
	{ OPT_LIST, "list", NULL, "print each bag's bag-info.txt" },
	{ OPT_MAX_ENTRIES, "max-entries", "n", "stop at an archive of more entries" },
	{ OPT_MAX_RATIO, "max-ratio", "n", "stop at an archive that expands more" },
	{ OPT_MAX_SIZE, "max-size", "bytes", "stop at an archive of more data" },
	{ OPT_PROFILE, "profile", "file", "check against the BagIt Profile in file" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-verify",
	"[-qv] [-F format | --list] [-x dir [--force]]\n"
	"\t[--profile file] [--completeness-only | --fast]\n"
	"\t[--max-entries n] [--max-ratio n] [--max-size bytes]\n"
	"\tbag ...",
	opts, NULL, NULL, NULL
};

/* -F's columns. */
static const char *const row_cols[] = { "bag", "kind", "path", "message" };

/* A size in bytes, with an optional K, M, G or T (powers of 1024). */
static uint64_t
parse_size(const char *arg, const char *what)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (end == arg || errno != 0 || arg[0] == '-')
		die(EXIT_TROUBLE, "%s: not a size: %s", what, err_name(arg));
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	case 'T': case 't': shift = 40; end++; break;
	default: break;
	}
	if (*end != '\0' || (shift > 0 && v > (UINT64_MAX >> shift)))
		die(EXIT_TROUBLE, "%s: not a size: %s", what, err_name(arg));
	return (uint64_t)v << shift;
}

static void
alg_names(unsigned mask, char *out, size_t size)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < DIGEST_NALG; i++)
		if (mask & DIGEST_BIT(i)) {
			if (out[0] != '\0')
				strncat(out, ",", size - strlen(out) - 1);
			strncat(out, digest_alg_name(i), size - strlen(out) - 1);
		}
}

/* The verdict on a bag: a line, or a row with -F. */
static void
verdict(const struct vbag *b, const char *kind, int to_stdout,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (b->o->rows != NULL)
		vbag_row(b, kind, NULL, msg);
	else if (to_stdout)
		printf("%s: %s\n", err_name(b->label), msg);
	else
		warnmsg("%s: %s", err_name(b->label), msg);
}

/* The "s" of a count's noun: "1 file", "2 files", "0 files". */
static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* Check one bag; returns its exit status. */
static int
verify_one(const char *path, const struct verify_opts *o)
{
	struct vbag b;
	struct stat st;
	char algs[128];
	int status;

	vbag_init(&b, path, o);
	if (is_stdin_name(path)) {
		/* An archive, read once; messages name it <stdin>. */
		b.once = 1;
		if (isatty(STDIN_FILENO))
			vbag_trouble(&b, NULL, "will not read an archive from "
			    "a terminal");
		else
			verify_archive(&b, path);
	} else if (stat(path, &st) != 0) {
		vbag_trouble(&b, NULL, "%s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		if (o->extract != NULL)
			vbag_trouble(&b, NULL, "a directory bag is already "
			    "unpacked; -x takes archives");
		else
			verify_dir(&b, path);
		if (o->extract == NULL)
			vbag_finish(&b);
	} else {
		verify_archive(&b, path);
	}
	progress_end(b.pr);	/* the line gone before the verdict */
	b.pr = NULL;
	if (o->profile != NULL && !b.trouble)
		vbag_check_profile(&b, o->profile);
	/* A definite problem makes the bag invalid, checked through or not. */
	alg_names(b.payload_algs, algs, sizeof algs);
	if (b.problems > 0) {
		verdict(&b, "invalid", 0, "not a valid bag (%lu problem%s)",
		    b.problems, b.problems == 1 ? "" : "s");
		status = EXIT_NEGATIVE;
	} else if (b.trouble) {
		if (o->rows != NULL)
			verdict(&b, "unchecked", 0, "could not check");
		status = EXIT_TROUBLE;
	} else if (b.to_fetch > 0) {
		/* Whole but for its holes: not valid until they are filled. */
		verdict(&b, "holey", 0, "complete except %" PRIu64
		    " file%s to fetch", b.to_fetch, plural(b.to_fetch));
		status = EXIT_NEGATIVE;
	} else {
		status = EXIT_OK;
		if (o->quiet || o->list)
			;
		else if (o->mode == VERIFY_FAST)
			verdict(&b, "complete", 1, "complete by its "
			    "Payload-Oxum (%" PRIu64 " file%s, %" PRIu64
			    " byte%s; no digest checked)", b.count,
			    plural(b.count), b.octets, plural(b.octets));
		else if (o->mode == VERIFY_COMPLETE)
			verdict(&b, "complete", 1, "complete (%" PRIu64
			    " file%s, %" PRIu64 " byte%s, %s; no digest "
			    "checked)", b.count, plural(b.count), b.octets,
			    plural(b.octets), algs);
		else
			verdict(&b, "valid", 1, "valid (%" PRIu64 " file%s, %"
			    PRIu64 " byte%s, %s)%s%s", b.count,
			    plural(b.count), b.octets, plural(b.octets), algs,
			    b.extracted ? ", extracted to " : "",
			    b.extracted ? err_name(b.extracted) : "");
	}
	if (o->list && (b.have_bagit || b.ninfo > 0 || b.payload_algs))
		vbag_list(&b);
	/* The verdict first; then what follows the archive on a pipe. */
	if (b.drain) {
		fflush(stdout);
		arc_drain(STDIN_FILENO);
	}
	vbag_free(&b);
	return status;
}

int
main(int argc, char **argv)
{
	struct verify_opts o;
	long ncpu;
	struct csvwriter rows;
	struct bag_profile *profile = NULL;
	const char *profile_path = NULL;
	int c, i, fmt = -1, nstdin = 0, modes = 0, status = EXIT_OK;

	cli_start(&cli, argc, argv);
	/* libarchive converts names through the locale: make it UTF-8. */
	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&o, 0, sizeof o);
	o.lim.max_bytes = ARC_MAX_BYTES;
	o.lim.max_ratio = ARC_MAX_RATIO;
	o.lim.max_entries = ARC_MAX_ENTRIES;
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'F':
			if ((fmt = outformat_parse(optarg)) < 0)
				die(EXIT_TROUBLE, "-F: unknown format '%s' "
				    "(" OUTFORMATS ")", err_name(optarg));
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'x':
			o.extract = optarg;
			break;
		case OPT_COMPLETENESS_ONLY:
			o.mode = VERIFY_COMPLETE;
			modes |= 1;
			break;
		case OPT_FAST:
			o.mode = VERIFY_FAST;
			modes |= 2;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_LIST:
			o.list = 1;
			break;
		case OPT_PROFILE:
			profile_path = optarg;
			break;
		case OPT_MAX_ENTRIES:
			o.lim.max_entries = (uint64_t)cli_long(optarg,
			    "--max-entries", 0, 1000000000L);
			break;
		case OPT_MAX_RATIO:
			o.lim.max_ratio = (uint64_t)cli_long(optarg,
			    "--max-ratio", 0, 1000000000L);
			break;
		case OPT_MAX_SIZE:
			o.lim.max_bytes = parse_size(optarg, "--max-size");
			break;
		case 'v':
			o.verbose = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage(&cli);
	if (o.force && o.extract == NULL)
		die(EXIT_TROUBLE, "--force goes with -x");
	if (o.list && fmt >= 0)
		die(EXIT_TROUBLE, "--list and -F: give one");
	if (o.list && o.extract != NULL)
		die(EXIT_TROUBLE, "--list does not go with -x");
	if (o.list && o.mode == VERIFY_FULL)
		o.mode = VERIFY_COMPLETE;	/* the manifest's digests */
	if (modes == 3)
		die(EXIT_TROUBLE, "--fast and --completeness-only: give one");
	if (o.mode != VERIFY_FULL && o.extract != NULL)
		die(EXIT_TROUBLE, "-x unpacks only a bag whose digests are "
		    "checked: not with --fast or --completeness-only");
	for (i = 0; i < argc; i++)
		nstdin += is_stdin_name(argv[i]);
	if (nstdin > 1)
		die(EXIT_TROUBLE, "- (standard input) given more than once");
	if (profile_path != NULL &&
	    (o.profile = profile = bag_profile_load(profile_path)) == NULL)
		die(EXIT_TROUBLE, "%s: not a BagIt profile samling can use",
		    err_name(profile_path));
	if (fmt >= 0) {
		csvw_init(&rows, stdout, (enum outformat)fmt, row_cols, 4);
		o.rows = &rows;
	}
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.threads = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
	for (i = 0; i < argc; i++) {
		int s = verify_one(argv[i], &o);

		if (s == EXIT_TROUBLE || (s == EXIT_NEGATIVE &&
		    status == EXIT_OK))
			status = s;
		fflush(stdout);
	}
	if (o.rows != NULL && csvw_close(o.rows) != 0)
		status = EXIT_TROUBLE;
	bag_profile_free(profile);
	if (stdout_finish() != 0)
		status = EXIT_TROUBLE;
	return status;
}
