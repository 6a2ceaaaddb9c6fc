/*
 * samling-pack: bundle reports and their sources as a BagIt bag
 * (RFC 8493) in an archive or a directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arc.h"
#include "bag_out.h"
#include "bag_profile.h"
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

enum { OPT_EXCLUDE = OPT_LONG, OPT_EXCLUDE_VCS, OPT_NULL, OPT_SKIP_LINKS,
	OPT_TAG_FILE, OPT_PROFILE, OPT_INFO = 0x2100 };

/*
 * bag-info.txt fields by name, as bagit-python has them: the option is
 * the label in lower case (Bag-Size is written by samling-pack).
 */
static const char *const info_labels[] = {
	"Source-Organization", "Organization-Address", "Contact-Name",
	"Contact-Phone", "Contact-Email", "External-Description",
	"External-Identifier", "Bag-Group-Identifier", "Bag-Count",
	"Internal-Sender-Identifier", "Internal-Sender-Description",
	"BagIt-Profile-Identifier",
};

static const struct cli_opt opts[] = {
	{ 'L', "follow", NULL, "follow symbolic links" },
	{ 'a', "algorithms", "alg[,alg...]", "manifest algorithms (default sha256)" },
	{ 'f', "format", "format", "the bag's archive format, or dir" },
	{ 'I', "info-file", "file", "add the \"Label: value\" lines of file" },
	{ 'i', "info", "label=value", "add one field to bag-info.txt" },
	{ 'j', "threads", "threads", "threads to compress on (0: one a core)" },
	{ 'n', "name", "name", "name the bag's base directory" },
	{ 'o', "output", "out", "write the bag to out" },
	{ 'q', "quiet", NULL, "no progress line" },
	{ 'T', "files-from", "file", "pack the paths named in file too" },
	{ 'v', "verbose", NULL, "list each file as it is packed" },
	{ 'X', "exclude-from", "file", "leave out what matches a line of file" },
	{ OPT_EXCLUDE, "exclude", "pattern", "leave out what matches pattern" },
	{ OPT_EXCLUDE_VCS, "exclude-vcs", NULL, "leave out version control files" },
	{ OPT_NULL, "null", NULL, "with -T: names end with a NUL byte" },
	{ OPT_SKIP_LINKS, "skip-links", NULL, "report and leave out symbolic links" },
	{ OPT_PROFILE, "profile", "file", "make the bag as a BagIt Profile says" },
	{ OPT_TAG_FILE, "tag-file", "file", "add file as a tag file" },
	{ OPT_INFO + 0, "source-organization", "text",
	    "Source-Organization: text" },
	{ OPT_INFO + 1, "organization-address", "text",
	    "Organization-Address: text" },
	{ OPT_INFO + 2, "contact-name", "text",
	    "Contact-Name: text" },
	{ OPT_INFO + 3, "contact-phone", "text",
	    "Contact-Phone: text" },
	{ OPT_INFO + 4, "contact-email", "text",
	    "Contact-Email: text" },
	{ OPT_INFO + 5, "external-description", "text",
	    "External-Description: text" },
	{ OPT_INFO + 6, "external-identifier", "text",
	    "External-Identifier: text" },
	{ OPT_INFO + 7, "bag-group-identifier", "text",
	    "Bag-Group-Identifier: text" },
	{ OPT_INFO + 8, "bag-count", "text",
	    "Bag-Count: text" },
	{ OPT_INFO + 9, "internal-sender-identifier", "text",
	    "Internal-Sender-Identifier: text" },
	{ OPT_INFO + 10, "internal-sender-description", "text",
	    "Internal-Sender-Description: text" },
	{ OPT_INFO + 11, "bagit-profile-identifier", "text",
	    "BagIt-Profile-Identifier: text" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-pack",
	"[-Lqv] [-a alg[,alg...]] [-f format] [-I file]\n"
	"\t[-i label=value] [-j threads] [-n name] [-o out]\n"
	"\t[-T file [--null]] [-X file] [--exclude pattern]\n"
	"\t[--exclude-vcs] [--skip-links] [--profile file]\n"
	"\t[--tag-file file] [--field text ...] path ...",
	opts, NULL, NULL, NULL
};

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
	    strcasecmp(label, "Bag-Size") == 0 ||
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
		err_exit(EXIT_TROUBLE);
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

/* --tag-file: a tag file of the bag by its last name. */
static void
tag_file(struct pack_opts *o, const char *path)
{
	struct tagfile *t;
	char *name = xstrdup(path), *base;
	size_t len = strlen(name), i;
	int is_tag;
	const char *alg;
	size_t alglen;

	while (len > 1 && name[len - 1] == '/')
		name[--len] = '\0';
	base = strrchr(name, '/') != NULL ? strrchr(name, '/') + 1 : name;
	if (!utf8_valid(base, strlen(base)) || *base == '\0' ||
	    strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		die(EXIT_TROUBLE, "--tag-file: %s: not a plain file name",
		    err_name(path));
	if (strcmp(base, "bagit.txt") == 0 ||
	    strcmp(base, "bag-info.txt") == 0 ||
	    strcmp(base, "fetch.txt") == 0 || strcmp(base, "data") == 0 ||
	    bag_manifest_name(base, &is_tag, &alg, &alglen))
		die(EXIT_TROUBLE, "--tag-file: %s: %s is written by "
		    "samling-pack", err_name(path), base);
	for (i = 0; i < o->ntags; i++)
		if (strcmp(o->tags[i].name, base) == 0)
			die(EXIT_TROUBLE, "--tag-file: %s: a second tag file "
			    "named %s", err_name(path), base);
	o->tags = xreallocarray(o->tags, o->ntags + 1, sizeof *o->tags);
	t = &o->tags[o->ntags++];
	memset(t, 0, sizeof *t);
	{
		struct buf nfc = BUF_INIT;

		text_nfc(&nfc, base, strlen(base));
		t->name = buf_detach(&nfc, NULL);
	}
	if (read_whole(path, &t->content, TAG_FILE_MAX) != 0)
		diesys(EXIT_TROUBLE, "--tag-file: %s", err_name(path));
	free(name);
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

static struct bag_match *
matcher(struct pack_opts *o)
{
	if (o->match == NULL)
		o->match = bag_match_new();
	return o->match;
}

static void
exclude(struct pack_opts *o, const char *pattern, const char *where)
{
	const char *why;

	if (*pattern == '\0')
		die(EXIT_TROUBLE, "%s: an empty pattern", where);
	if (bag_match_exclude(matcher(o), pattern, &why) != 0)
		die(EXIT_TROUBLE, "%s: %s: %s", where, err_name(pattern), why);
}

/* -X: a pattern a line, as bsdtar reads them; empty lines pass. */
static void
exclude_file(struct pack_opts *o, const char *path)
{
	struct buf b = BUF_INIT;
	size_t i, start;
	unsigned long lineno = 0;

	if (read_whole(path, &b, 16 << 20) != 0)
		diesys(EXIT_TROUBLE, "-X: %s", err_name(path));
	if (b.len > 0 && b.data[b.len - 1] != '\n')
		buf_addc(&b, '\n');
	for (start = i = 0; i < b.len; i++) {
		char where[300];

		if (b.data[i] != '\n')
			continue;
		b.data[i] = '\0';
		lineno++;
		if (i > start && b.data[i - 1] == '\r')
			b.data[i - 1] = '\0';
		if (b.data[start] != '\0') {
			snprintf(where, sizeof where, "%s:%lu", err_name(path),
			    lineno);
			exclude(o, b.data + start, where);
		}
		start = i + 1;
	}
	buf_free(&b);
}

/*
 * -T: names a line (or NUL-terminated with --null), as operands after
 * those of the command line; empty ones are passed over.
 */
static char **
names_from(const char *path, int nul, char **args, int *nargs,
    struct buf *store)
{
	char sep = nul ? '\0' : '\n';
	size_t i, start, n = (size_t)*nargs;

	if (read_whole(path, store, (size_t)1 << 30) != 0)
		diesys(EXIT_TROUBLE, "-T: %s", err_name(path));
	if (store->len > 0 && store->data[store->len - 1] != sep)
		buf_addc(store, sep);
	for (start = i = 0; i < store->len; i++) {
		if (store->data[i] != sep)
			continue;
		store->data[i] = '\0';
		if (!nul && i > start && store->data[i - 1] == '\r')
			store->data[i - 1] = '\0';
		if (store->data[start] != '\0') {
			args = xreallocarray(args, n + 1, sizeof *args);
			args[n++] = store->data + start;
		}
		start = i + 1;
	}
	*nargs = (int)n;
	return args;
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

/*
 * What samling-pack writes, samling-verify checks: say so when the
 * archive goes past one of its default limits, and what raises it.
 */
static void
check_limits(const struct bag_out *bo, const char *shown)
{
	uint64_t entries, data, bytes;

	bag_out_counts(bo, &entries, &data, &bytes);
	if (entries > ARC_MAX_ENTRIES)
		warnmsg("%s: %" PRIu64 " entries, more than samling-verify "
		    "reads by default: check it with --max-entries %" PRIu64,
		    err_name(shown), entries, entries);
	if (data > ARC_MAX_BYTES)
		warnmsg("%s: %" PRIu64 " bytes of data, more than "
		    "samling-verify reads by default: check it with "
		    "--max-size %" PRIu64, err_name(shown), data, data);
	if (data > ARC_RATIO_FLOOR && data / ARC_MAX_RATIO > bytes)
		warnmsg("%s: its data is %" PRIu64 " times its size, more "
		    "than samling-verify reads by default: check it with "
		    "--max-ratio %" PRIu64, err_name(shown), data / bytes,
		    data / bytes + 1);
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
	if ((bo = bag_out_archive(fmt, out.fp, o->name, shown,
	    o->threads)) == NULL) {
		outfile_abort(&out);
		return -1;
	}
	if (pack_write(bo, p, o) != 0) {
		bag_out_free(bo);
		outfile_abort(&out);
		return -1;
	}
	check_limits(bo, shown);
	bag_out_free(bo);
	return outfile_commit(&out);
}

/*
 * Write a directory bag in a temporary directory, then rename it.
 * guessed: no -f, the format came from OUT's name (it has no suffix).
 */
static int
pack_dir(const char *outpath, int guessed, struct payload *p,
    const struct pack_opts *o)
{
	struct buf tmp = BUF_INIT;
	const char *slash = strrchr(outpath, '/');
	struct bag_out *bo;
	struct stat st;
	int r = -1;

	if (access(outpath, F_OK) == 0 || errno != ENOENT) {
		/* -o /dev/null, or an archive made with -f: name the rule. */
		if (guessed && stat(outpath, &st) == 0 && !S_ISDIR(st.st_mode))
			warnmsg("%s: already exists (a name without an "
			    "archive suffix makes a directory bag; -f names "
			    "the format)", err_name(outpath));
		else
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
	const char *files_from = NULL, *profile_path = NULL;
	struct bag_profile *profile = NULL;
	struct buf names = BUF_INIT;
	char **paths;
	int c, fmt, i, npaths, nul = 0, bad = 0;
	size_t suffix;

	cli_start(&cli, argc, argv);
	/* libarchive converts names through the locale: make it UTF-8. */
	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&o, 0, sizeof o);
	memset(&p, 0, sizeof p);
	o.algs = DIGEST_BIT(DIGEST_SHA256);
	while ((c = cli_next(&cli, argc, argv)) != -1) {
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
		case 'j':
			o.threads = (int)cli_long(optarg, "-j", 0, 64);
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
		case 'T':
			files_from = optarg;
			break;
		case 'X':
			exclude_file(&o, optarg);
			break;
		case OPT_EXCLUDE:
			exclude(&o, optarg, "--exclude");
			break;
		case OPT_EXCLUDE_VCS:
			bag_match_exclude_vcs(matcher(&o));
			break;
		case OPT_NULL:
			nul = 1;
			break;
		case OPT_SKIP_LINKS:
			o.skip_links = 1;
			break;
		case OPT_TAG_FILE:
			tag_file(&o, optarg);
			break;
		case OPT_PROFILE:
			profile_path = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		default:
			if (c >= OPT_INFO && c < OPT_INFO + (int)(sizeof
			    info_labels / sizeof info_labels[0])) {
				char where[64];

				snprintf(where, sizeof where, "--%s",
				    cli.cur->name);
				add_info(&o, info_labels[c - OPT_INFO], optarg,
				    where);
			}
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && files_from == NULL)
		cli_usage(&cli);
	if (nul && files_from == NULL)
		die(EXIT_TROUBLE, "--null goes with -T");
	if (o.follow && o.skip_links)
		die(EXIT_TROUBLE, "-L follows links and --skip-links skips "
		    "them: give one");
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
	if (profile_path != NULL) {
		if ((profile = bag_profile_load(profile_path)) == NULL)
			die(EXIT_TROUBLE, "%s: not a BagIt profile samling can "
			    "use", err_name(profile_path));
		profile_fill(&o, profile);
	}
	/*
	 * -j 0, or none: a thread a core online, as zstd -T0 and pigz,
	 * but at most 8: each of zstd's workers holds megabytes of buffers.
	 */
	if (o.threads == 0) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

		o.threads = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
	}
	read_epoch(&o);
	o.name = bag_name(name, outpath, fmt);
	outfile_id_of(&o.outid, outpath);

	paths = xreallocarray(NULL, (size_t)argc + 1, sizeof *paths);
	for (i = 0; i < argc; i++)
		paths[i] = argv[i];
	npaths = argc;
	if (files_from != NULL)
		paths = names_from(files_from, nul, paths, &npaths, &names);
	for (i = 0; i < npaths; i++)
		if (payload_add(&p, paths[i], &o) != 0)
			bad = 1;
	free(paths);
	buf_free(&names);
	if (payload_sort(&p) != 0)
		bad = 1;
	if (bad)
		die(EXIT_TROUBLE, "nothing written: the payload has problems");
	if (profile != NULL &&
	    profile_check(&o, profile, profile_path, &p, fmt) != 0)
		die(EXIT_TROUBLE, "nothing written: the bag would not meet "
		    "the profile");
	if (fmt == BAG_DIR)
		bad = pack_dir(outpath, fmtname == NULL, &p, &o) != 0;
	else
		bad = pack_archive(fmt, outpath, &p, &o) != 0;
	payload_free(&p);
	bag_match_free(o.match);
	bag_profile_free(profile);
	for (i = 0; i < (int)o.ntags; i++) {
		free(o.tags[i].name);
		buf_free(&o.tags[i].content);
	}
	free(o.tags);
	bag_tags_free(o.info, o.ninfo);
	free((char *)o.name);
	return bad ? EXIT_TROUBLE : EXIT_OK;
}
