/*
 * samling-verify: prove BagIt bags (RFC 8493) whole, in archives or
 * directories, and unpack one safely once it has proved whole.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "verify.h"

enum { OPT_FORCE = 0x2000, OPT_MAX_ENTRIES, OPT_MAX_RATIO, OPT_MAX_SIZE };

static const struct option longopts[] = {
	{ "extract", required_argument, NULL, 'x' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "max-entries", required_argument, NULL, OPT_MAX_ENTRIES },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "quiet", no_argument, NULL, 'q' },
	CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: samling-verify [-q] [-x dir [--force]] "
	    "[--max-entries n] [--max-ratio n]\n"
	    "                      [--max-size bytes] bag ...\n");
}

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
	/* A definite problem makes the bag invalid, checked through or not. */
	if (b.problems > 0) {
		warnmsg("%s: not a valid bag (%lu problem%s)", err_name(path),
		    b.problems, b.problems == 1 ? "" : "s");
		status = EXIT_NEGATIVE;
	} else if (b.trouble) {
		status = EXIT_TROUBLE;
	} else {
		status = EXIT_OK;
		alg_names(b.payload_algs, algs, sizeof algs);
		if (!o->quiet)
			printf("%s: valid (%" PRIu64 " files, %" PRIu64
			    " bytes, %s)%s%s\n", err_name(path), b.count,
			    b.octets, algs, b.extracted ? ", extracted to " :
			    "", b.extracted ? err_name(b.extracted) : "");
	}
	vbag_free(&b);
	return status;
}

int
main(int argc, char **argv)
{
	struct verify_opts o;
	long ncpu;
	int c, i, nstdin = 0, status = EXIT_OK;

	err_setprog("samling-verify");
	argv[0] = (char *)err_prog();	/* getopt's messages name us alike */
	io_init();
	/* libarchive converts names through the locale: make it UTF-8. */
	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&o, 0, sizeof o);
	o.lim.max_bytes = (uint64_t)256 << 30;
	o.lim.max_ratio = 250;
	o.lim.max_entries = 1000000;
	while ((c = getopt_long(argc, argv, "qx:", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			o.quiet = 1;
			break;
		case 'x':
			o.extract = optarg;
			break;
		case OPT_FORCE:
			o.force = 1;
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
		default:
			cli_common_option(c, usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (o.force && o.extract == NULL)
		die(EXIT_TROUBLE, "--force goes with -x");
	for (i = 0; i < argc; i++)
		nstdin += is_stdin_name(argv[i]);
	if (nstdin > 1)
		die(EXIT_TROUBLE, "- (standard input) given more than once");
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.threads = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
	for (i = 0; i < argc; i++) {
		int s = verify_one(argv[i], &o);

		if (s == EXIT_TROUBLE || (s == EXIT_NEGATIVE &&
		    status == EXIT_OK))
			status = s;
		fflush(stdout);
	}
	if (stdout_finish() != 0)
		status = EXIT_TROUBLE;
	return status;
}
