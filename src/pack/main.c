/*
 * samling-pack: bundle reports and their sources as a BagIt bag
 * (RFC 8493) in an archive or a directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bag_out.h"
#include "bagit.h"
#include "buf.h"
#include "cli.h"
#include "digest.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "pack.h"
#include "rmtree.h"
#include "text.h"
#include "xalloc.h"

enum { OPT_FOLLOW = 0x2000 };

static const struct option longopts[] = {
	{ "algorithms", required_argument, NULL, 'a' },
	{ "format", required_argument, NULL, 'f' },
	{ "info-file", required_argument, NULL, 'I' },
	{ "info", required_argument, NULL, 'i' },
	{ "follow", no_argument, NULL, 'L' },
	{ "name", required_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: samling-pack [-L] [-a alg[,alg...]] [-f format] "
	    "[-I file] [-i label=value]\n"
	    "                    [-n name] [-o out] path ...\n");
}

static void __attribute__((noreturn))
usage_error(void)
{
	usage(stderr);
	exit(EXIT_TROUBLE);
}

static unsigned
parse_algs(const char *arg)
{
	unsigned mask = 0;
	const char *s = arg;

	for (;;) {
		size_t n = strcspn(s, ",");
		int alg = digest_alg_lookup(s, n);

		if (alg < 0)
			die(EXIT_TROUBLE, "-a: unknown algorithm '%.*s' "
			    "(sha256, sha512, sha1, md5, ...)", (int)n, s);
		mask |= DIGEST_BIT(alg);
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	return mask;
}

static int
reserved_label(const char *label)
{
	return strcasecmp(label, "Bagging-Date") == 0 ||
	    strcasecmp(label, "Payload-Oxum") == 0 ||
	    strcasecmp(label, "Bag-Software-Agent") == 0;
}

static void
add_info(struct pack_opts *o, const char *label, const char *value,
    const char *where)
{
	const char *why;

	if ((why = bag_label_problem(label)) != NULL ||
	    (why = bag_value_problem(value)) != NULL)
		die(EXIT_TROUBLE, "%s: %s", where, why);
	if (reserved_label(label))
		die(EXIT_TROUBLE, "%s: %s is written by samling-pack", where,
		    label);
	o->info = xreallocarray(o->info, o->ninfo + 1, sizeof *o->info);
	o->info[o->ninfo].label = xstrdup(label);
	o->info[o->ninfo].value = xstrdup(value);
	o->info[o->ninfo].line = 0;
	o->ninfo++;
}

static void
info_option(struct pack_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *label;

	if (eq == NULL)
		die(EXIT_TROUBLE, "-i: expected label=value, not '%s'",
		    err_name(arg));
	label = xstrndup(arg, (size_t)(eq - arg));
	add_info(o, label, eq + 1, "-i");
	free(label);
}

static void
info_file(struct pack_opts *o, const char *path)
{
	struct buf b = BUF_INIT;
	struct bag_tag *tags;
	size_t n, i;
	unsigned long bad;

	if (read_whole(path, &b, 1 << 20) != 0)
		diesys(EXIT_TROUBLE, "%s", err_name(path));
	if (bag_info_parse(b.data, b.len, &tags, &n, &bad) != 0) {
		warnat(path, bad, "not a \"Label: value\" line");
		exit(EXIT_TROUBLE);
	}
	for (i = 0; i < n; i++) {
		char where[64];

		snprintf(where, sizeof where, "%.40s:%lu", err_name(path),
		    tags[i].line);
		add_info(o, tags[i].label, tags[i].value, where);
	}
	bag_tags_free(tags, n);
	buf_free(&b);
}

static void
read_epoch(struct pack_opts *o)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL)
		die(EXIT_TROUBLE, "SOURCE_DATE_EPOCH: not a time in seconds: %s",
		    err_name(s));
	o->have_epoch = 1;
	o->epoch = v;
}

/* The bag's name: -n, or OUT's last component less its suffix. */
static char *
bag_name(const char *name, const char *out, int fmt)
{
	struct buf b = BUF_INIT;
	const char *base;
	size_t len, suffix;

	if (name == NULL && out == NULL)
		name = "bag";
	if (name == NULL) {
		len = strlen(out);
		while (len > 1 && out[len - 1] == '/')
			len--;
		base = out + len;
		while (base > out && base[-1] != '/')
			base--;
		len -= (size_t)(base - out);
		{
			char *tmp = xstrndup(base, len);

			if (bag_format_of_path(tmp, &suffix) != BAG_DIR ||
			    fmt != BAG_DIR)
				len -= suffix;
			free(tmp);
		}
	} else {
		base = name;
		len = strlen(name);
	}
	if (len == 0 || memchr(base, '/', len) != NULL ||
	    (len == 1 && base[0] == '.') ||
	    (len == 2 && base[0] == '.' && base[1] == '.') ||
	    !utf8_valid(base, len) || memchr(base, '\n', len) != NULL) {
		char shown[256];

		err_escape(shown, sizeof shown, base, len);
		die(EXIT_TROUBLE, "bag name '%s' is not a plain file name "
		    "(-n names the bag)", shown);
	}
	text_nfc(&b, base, len);
	return buf_detach(&b, NULL);
}

/* Write an archive to out (or stdout) atomically. */
static int
pack_archive(int fmt, const char *outpath, struct payload *p,
    const struct pack_opts *o)
{
	struct outfile out;
	struct bag_out *bo;
	const char *shown = outpath != NULL ? outpath : "<stdout>";

	outfile_open(&out, outpath);
	if ((bo = bag_out_archive(fmt, out.fp, o->name, shown)) == NULL) {
		outfile_abort(&out);
		return -1;
	}
	if (pack_write(bo, p, o) != 0) {
		bag_out_free(bo);
		outfile_abort(&out);
		return -1;
	}
	bag_out_free(bo);
	return outfile_commit(&out);
}

/* Write a directory bag in a temporary directory, then rename it. */
static int
pack_dir(const char *outpath, struct payload *p, const struct pack_opts *o)
{
	struct buf tmp = BUF_INIT;
	const char *slash = strrchr(outpath, '/');
	struct bag_out *bo;
	int r = -1;

	if (access(outpath, F_OK) == 0 || errno != ENOENT) {
		warnmsg("%s: already exists", err_name(outpath));
		return -1;
	}
	if (slash != NULL)
		buf_add(&tmp, outpath, (size_t)(slash - outpath) + 1);
	io_tmpname(&tmp, o->name);
	/* Registered: a fatal signal removes it (see io_check_signal). */
	if (io_mkdtemp(tmp.data) == NULL) {
		warnsys("%s", err_name(outpath));
		buf_free(&tmp);
		return -1;
	}
	if ((bo = bag_out_directory(tmp.data, outpath)) != NULL &&
	    pack_write(bo, p, o) == 0) {
		/* Not a bag made complete after an interruption. */
		io_check_signal();
		if (renameat2(AT_FDCWD, tmp.data, AT_FDCWD, outpath,
		    RENAME_NOREPLACE) == 0)
			r = 0;
		else
			warnsys("%s", err_name(outpath));
	}
	bag_out_free(bo);
	if (r != 0)
		rmtree(tmp.data);
	io_release_dir();
	buf_free(&tmp);
	return r;
}

int
main(int argc, char **argv)
{
	struct pack_opts o;
	struct payload p;
	const char *outpath = NULL, *fmtname = NULL, *name = NULL;
	int c, fmt, i, bad = 0;
	size_t suffix;

	err_setprog("samling-pack");
	argv[0] = (char *)err_prog();	/* getopt's messages name us alike */
	io_init();
	/* libarchive converts names through the locale: make it UTF-8. */
	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&o, 0, sizeof o);
	memset(&p, 0, sizeof p);
	o.algs = DIGEST_BIT(DIGEST_SHA256);
	while ((c = getopt_long(argc, argv, "a:f:I:i:Ln:o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			o.algs = parse_algs(optarg);
			break;
		case 'f':
			fmtname = optarg;
			break;
		case 'I':
			info_file(&o, optarg);
			break;
		case 'i':
			info_option(&o, optarg);
			break;
		case 'L':
			o.follow = 1;
			break;
		case 'n':
			name = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		default:
			cli_common_option(c, usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage_error();
	if (outpath != NULL && strcmp(outpath, "-") == 0)
		outpath = NULL;
	if (fmtname != NULL) {
		if ((fmt = bag_format_parse(fmtname)) < 0)
			die(EXIT_TROUBLE, "-f: unknown format '%s' (tar, tar.gz, "
			    "tar.zst, tar.xz, zip, 7z, dir)", err_name(fmtname));
	} else if (outpath != NULL) {
		fmt = bag_format_of_path(outpath, &suffix);
	} else {
		fmt = BAG_TAR;
	}
	if (outpath == NULL && fmt == BAG_DIR)
		die(EXIT_TROUBLE, "a directory bag needs -o DIR");
	if (outpath == NULL && isatty(STDOUT_FILENO))
		die(EXIT_TROUBLE, "will not write an archive to a terminal "
		    "(use -o)");
	read_epoch(&o);
	o.name = bag_name(name, outpath, fmt);

	for (i = 0; i < argc; i++)
		if (payload_add(&p, argv[i], &o) != 0)
			bad = 1;
	if (payload_sort(&p) != 0)
		bad = 1;
	if (bad)
		die(EXIT_TROUBLE, "nothing written: the payload has problems");
	if (fmt == BAG_DIR)
		bad = pack_dir(outpath, &p, &o) != 0;
	else
		bad = pack_archive(fmt, outpath, &p, &o) != 0;
	payload_free(&p);
	bag_tags_free(o.info, o.ninfo);
	free((char *)o.name);
	return bad ? EXIT_TROUBLE : EXIT_OK;
}
