/*
 * samling-compare: compare two files of statistics per municipality and
 * write the changes record (see samling-compare(1)).
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "xalloc.h"

enum { OPT_SHEET = OPT_LONG, OPT_EXIT_ZERO, OPT_EXACT };

/* Files this long are read two at a time, one per processor. */
#define PARALLEL_ROWS 20000

struct load_job {
	const struct options *o;
	struct table *t;
	struct side *s;
	const struct muni_db *db;
	int rc;
};

static void *
load_thread(void *arg)
{
	struct load_job *j = arg;

	j->rc = side_load(j->o, j->t, j->s, j->db);
	return NULL;
}

/*
 * Load both inputs.  Long files are read in parallel; their messages are
 * kept and printed afterwards, OLD's first, so that stderr is the same
 * whichever thread ran ahead.
 */
static int
load_both(const struct options *o, struct table *old, struct table *new,
    struct side *so, struct side *sn, const struct muni_db *db)
{
	struct load_job job = { o, old, so, db, 0 };
	struct buf mo = BUF_INIT, mn = BUF_INIT;
	pthread_t th;
	int rc;

	if (table_rows_hint(old) < PARALLEL_ROWS || table_rows_hint(new) < PARALLEL_ROWS) {
		rc = side_load(o, old, so, db);
		return side_load(o, new, sn, db) | rc;
	}
	so->msgs = &mo;
	sn->msgs = &mn;
	table_set_messages(old, &mo);
	table_set_messages(new, &mn);
	if (pthread_create(&th, NULL, load_thread, &job) != 0) {
		load_thread(&job);
		rc = side_load(o, new, sn, db);
	} else {
		rc = side_load(o, new, sn, db);
		pthread_join(th, NULL);
	}
	rc |= job.rc;
	fflush(stdout);
	fputs(mo.data ? mo.data : "", stderr);
	fputs(mn.data ? mn.data : "", stderr);
	so->msgs = sn->msgs = NULL;
	table_set_messages(old, NULL);
	table_set_messages(new, NULL);
	buf_free(&mo);
	buf_free(&mn);
	return rc;
}

struct open_job {
	const char *path;
	const struct table_opts *o;
	struct table *t;
	struct buf msgs;
};

static void *
open_thread(void *arg)
{
	struct open_job *j = arg;

	err_hold(&j->msgs);
	j->t = table_open(j->path, j->o);
	err_hold(NULL);
	return NULL;
}

/*
 * Open both inputs, at once when neither is standard input: a PX,
 * JSON-stat or .xlsx file is read whole as it is opened.  The messages
 * are printed afterwards, OLD's first.
 */
static void
open_both(const char *a, const char *b, const struct table_opts *o,
    struct table **old, struct table **new)
{
	struct open_job ja = { a, o, NULL, BUF_INIT }, jb = { b, o, NULL, BUF_INIT };
	pthread_t th;

	if (is_stdin_name(a) || is_stdin_name(b) ||
	    pthread_create(&th, NULL, open_thread, &ja) != 0) {
		*old = table_open(a, o);
		*new = table_open(b, o);
		return;
	}
	open_thread(&jb);
	pthread_join(th, NULL);
	fflush(stdout);
	fputs(ja.msgs.data ? ja.msgs.data : "", stderr);
	fputs(jb.msgs.data ? jb.msgs.data : "", stderr);
	buf_free(&ja.msgs);
	buf_free(&jb.msgs);
	*old = ja.t;
	*new = jb.t;
}

/*
 * Two PX or JSON-stat tables held as their categories, not as rows: 1,
 * or 0 when either cannot be (then neither is).  Their messages are
 * printed after both are, OLD's first.
 */
static int
load_cubes(const struct options *o, struct table *old, struct table *new,
    struct side *so, struct side *sn, const struct muni_db *db)
{
	struct buf mo = BUF_INIT, mn = BUF_INIT;
	int ok;

	ok = side_load_cube(o, old, so, db, &mo) == 0 &&
	    side_load_cube(o, new, sn, db, &mn) == 0;
	if (ok) {
		fflush(stdout);
		fputs(mo.data ? mo.data : "", stderr);
		fputs(mn.data ? mn.data : "", stderr);
	} else {
		side_unload_cube(so);
		side_unload_cube(sn);
	}
	buf_free(&mo);
	buf_free(&mn);
	return ok;
}

/*
 * Can --weight name something?  A field, or, when there are key columns
 * besides the region (a long table), the indicator rows it may name.
 */
static int
weight_possible(const struct options *o, const struct plan *p)
{
	int i;

	for (i = 0; i < p->nfields; i++)
		if (strcmp(p->field[i], o->weight) == 0)
			return 1;
	return p->nkey > (p->region ? 1 : 0);
}

static const struct cli_opt opts[] = {
	{ 'a', "all", NULL, "also write the values that are the same" },
	{ 'd', "delimiter", "delim", "the field delimiter of both files" },
	{ 'e', "explain", NULL, "print how the files were read, on standard error" },
	{ 'F', "format", "format", "csv (default), tsv, jsonl, json, csv-excel or xlsx" },
	{ 'f', "fields", "columns", "compare only these columns" },
	{ 'I', "input-format", "format", "read both files as csv, tsv, jsonl or json" },
	{ 'i', "ignore", "columns", "leave these columns out" },
	{ 'k', "key", "columns", "the columns that name a row" },
	{ 'm', "min-diff", "diff", "write only changes of at least diff" },
	{ 'o', "output", "file", "write to file (atomically)" },
	{ 'P', "plain", NULL, "keyed tables, no knowledge of municipalities" },
	{ 'P', "no-regions", NULL, NULL },
	{ 'p', "min-pct", "pct", "write only changes of at least pct per cent" },
	{ 'q', "quiet", NULL, "write nothing; the exit status tells" },
	{ 'r', "regions", "year", "move both files to the regions of year" },
	{ 'S', "sum-duplicates", NULL, "sum the rows of a file that have the same key" },
	{ 's', "summary", NULL, "counts for each field instead of the rows" },
	{ 'w', "weight", "field", "with -r: weight rates of merged municipalities" },
	{ OPT_EXACT, "exact", NULL, "numbers of .xlsx files as stored, not as shown" },
	{ OPT_EXIT_ZERO, "exit-zero", NULL, "exit 0 when the files differ" },
	{ OPT_SHEET, "sheet", "name", "read the sheet name of .xlsx files" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-compare",
	"[-aePqSs] [-d delim] [-F format] [-f columns]\n"
	"\t[-I format] [-i columns] [-k columns] [-m diff]\n"
	"\t[-o file] [-p pct] [-r year] [-w field] [--exact]\n"
	"\t[--exit-zero] [--sheet name] old new",
	opts, NULL, NULL, NULL
};

static int
parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		return '\t';
	if (strlen(s) != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r')
		die(EXIT_TROUBLE, "delimiter must be one character (or \"tab\"): %s",
		    err_name(s));
	return (unsigned char)s[0];
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	struct outfile_id outid;
	int c, i;

	memset(o, 0, sizeof *o);
	o->format = FMT_CSV;
	o->informat = IN_DETECT;
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'a':
			o->all = 1;
			break;
		case 'd':
			o->delim = parse_delim(optarg);
			break;
		case 'e':
			o->explain = 1;
			break;
		case 'f':
			if (optarg[0] == '\0')
				die(EXIT_TROUBLE, "--fields needs column names or numbers");
			o->fields = optarg;
			break;
		case 'F':
			if ((o->format = outformat_parse(optarg)) < 0)
				die(EXIT_TROUBLE, "unknown output format: %s "
				    "(" OUTFORMATS ")", err_name(optarg));
			break;
		case 'I':
			o->informat = informat_arg(optarg);
			break;
		case 'i':
			if (optarg[0] == '\0')
				die(EXIT_TROUBLE, "--ignore needs column names or numbers");
			o->ignore = optarg;
			break;
		case 'k':
			if (optarg[0] == '\0')
				die(EXIT_TROUBLE, "-k needs column names or numbers");
			o->keys = optarg;
			break;
		case 'm':
			o->min_diff = cli_double(optarg, "--min-diff");
			o->has_min_diff = 1;
			break;
		case 'o':
			o->outpath = optarg;
			break;
		case 'P':
			o->plain = 1;
			break;
		case 'p':
			o->min_pct = cli_double(optarg, "--min-pct");
			o->has_min_pct = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'r':
			o->regions = (int)cli_long(optarg, "--regions", 1800, 2200);
			break;
		case 's':
			o->summary = 1;
			break;
		case 'S':
			o->sum_duplicates = 1;
			break;
		case 'w':
			o->weight = optarg;
			break;
		case OPT_EXACT:
			o->exact = 1;
			break;
		case OPT_EXIT_ZERO:
			o->exit_zero = 1;
			break;
		case OPT_SHEET:
			o->sheet = optarg;
			break;
		}
	}
	if (argc - optind != 2) {
		warnmsg(argc - optind < 2 ? "two files to compare are needed" :
		    "too many files: compare takes two");
		cli_usage(&cli);
	}
	if (is_stdin_name(argv[optind]) && is_stdin_name(argv[optind + 1]))
		die(EXIT_TROUBLE, "only one of the files can be standard input");
	if (o->quiet && o->outpath != NULL)
		die(EXIT_TROUBLE, "-q writes nothing: -o has nothing to write");
	outfile_id_of(&outid, o->outpath);
	for (i = 0; i < 2; i++)
		if (outfile_id_is(&outid, argv[optind + i]))
			die(EXIT_TROUBLE, "%s: is the output file too (-o "
			    "would replace it)", err_name(argv[optind + i]));
	if (o->plain && o->regions != 0)
		die(EXIT_TROUBLE, "--plain and --regions do not go together");
	if (o->weight != NULL && o->regions == 0)
		die(EXIT_TROUBLE, "--weight goes with --regions");
	if (o->has_min_diff && o->min_diff < 0)
		die(EXIT_TROUBLE, "--min-diff must not be negative");
	if (o->has_min_pct && o->min_pct < 0)
		die(EXIT_TROUBLE, "--min-pct must not be negative");
}

int
main(int argc, char **argv)
{
	struct options o;
	struct table_opts topts;
	struct table *old = NULL, *new = NULL;
	struct side so, sn;
	struct plan plan;
	struct muni_db *dbs[2], *db;
	struct outfile out;
	int status = EXIT_OK, diff, cubes;

	cli_start(&cli, argc, argv);
	parse_options(argc, argv, &o);
	if ((dbs[MUNI_KOMMUNE] = muni_load()) == NULL)
		return EXIT_TROUBLE;
	if ((dbs[MUNI_FYLKE] = muni_load_level(MUNI_FYLKE)) == NULL) {
		muni_free(dbs[MUNI_KOMMUNE]);
		return EXIT_TROUBLE;
	}
	db = dbs[MUNI_KOMMUNE];
	if (o.regions != 0 && muni_table_year(db, o.regions) == 0) {
		const int *years;

		(void)muni_years(db, &years);
		die(EXIT_TROUBLE, "--regions %d: the municipality lists begin in %d",
		    o.regions, years[0]);
	}
	memset(&topts, 0, sizeof topts);
	topts.delim = o.delim;
	topts.informat = o.informat;
	topts.sheet = o.sheet;
	topts.exact = o.exact;
	open_both(argv[optind], argv[optind + 1], &topts, &old, &new);
	if (old == NULL || new == NULL) {
		table_close(old);
		table_close(new);
		muni_free(dbs[MUNI_KOMMUNE]);
		muni_free(dbs[MUNI_FYLKE]);
		return EXIT_TROUBLE;
	}
	memset(&so, 0, sizeof so);
	memset(&sn, 0, sizeof sn);
	so.name = xstrdup(table_name(old));
	sn.name = xstrdup(table_name(new));
	if (plan_columns(&o, (const struct muni_db *const *)dbs, old, new, &so,
	    &sn, &plan) != 0) {
		status = EXIT_TROUBLE;
		goto done;
	}
	db = dbs[plan.level];	/* the regions are municipalities or counties */
	if (o.weight != NULL && !weight_possible(&o, &plan)) {
		warnmsg("--weight: no field \"%s\" to weight by", o.weight);
		status = EXIT_TROUBLE;
		goto done;
	}
	if ((cubes = load_cubes(&o, old, new, &so, &sn, db)) == 0) {
		if (load_both(&o, old, new, &so, &sn, db) != 0)
			status = EXIT_TROUBLE;
		table_close(old);
		table_close(new);
		old = new = NULL;
	}
	if (so.dups > 0 || sn.dups > 0)
		goto done;	/* keys that name two rows cannot be compared */
	if (o.regions != 0 && !plan.region) {
		warnmsg("--regions: the files have no region column");
		status = EXIT_TROUBLE;
		goto done;
	}
	if (o.regions != 0) {
		/* Both, even when the first reports a code in no list. */
		int ro = regions_map(&o, &so, db, &plan);
		int rn = regions_map(&o, &sn, db, &plan);

		if (ro != 0 || rn != 0)
			status = EXIT_TROUBLE;
	}
	if (o.quiet) {
		diff = cubes ? compare_cubes(&o, &so, &sn, &plan, db, NULL) :
		    compare_sides(&o, &so, &sn, &plan, db, NULL);
	} else {
		outfile_open(&out, o.outpath);
		diff = cubes ? compare_cubes(&o, &so, &sn, &plan, db, out.fp) :
		    compare_sides(&o, &so, &sn, &plan, db, out.fp);
		if (outfile_commit(&out) != 0)
			status = EXIT_TROUBLE;
	}
	if (status == EXIT_OK && diff && !o.exit_zero)
		status = EXIT_NEGATIVE;
done:
	table_close(old);
	table_close(new);
	free((char *)so.name);
	free((char *)sn.name);
	side_free(&so);
	side_free(&sn);
	plan_free(&plan);
	muni_free(dbs[MUNI_KOMMUNE]);
	muni_free(dbs[MUNI_FYLKE]);
	return status;
}
