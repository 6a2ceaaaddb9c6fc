/*
 * samling-digest: the periodic summary of items and changes (see
 * samling-digest(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "csvio.h"
#include "date.h"
#include "digest.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "xalloc.h"

#define DEFAULT_WINDOW 30
#define DEFAULT_TITLE "samling digest"

struct options {
	const char *outpath, *previous, *state, *title;
	long today, window;
	int quiet;		/* -q: nothing but trouble is printed anyway */
	enum docformat fmt;
	int informat;
};

static const struct cli_opt opts[] = {
	{ 'F', "format", "md|txt|html", "output Markdown (default), text or HTML" },
	{ 'I', "input-format", "format", "read items as csv, tsv, jsonl or json" },
	{ 'o', "output", "file", "write to file (atomically)" },
	{ 'p', "previous", "file", "the previous run's state, for what changed" },
	{ 'q', "quiet", NULL, "print only trouble on standard error" },
	{ 's', "state", "file", "write this run's state to file" },
	{ 'T', "title", "title", "the digest's title" },
	{ 't', "today", "date", "take date (YYYY-MM-DD) as today" },
	{ 'w', "window", "days", "the days after today that count as due (default 30)" },
	{ 0, NULL, NULL, NULL }
};

static struct cli cli = {
	"samling-digest",
	"[-q] [-F md|txt|html] [-I format] [-o file] [-p file]\n"
	"\t[-s file] [-T title] [-t date] [-w days] [file ...]",
	opts, NULL, NULL, NULL
};

static long
parse_today(const char *s)
{
	long first, last;

	if (strlen(s) != 10 || date_iso_range(s, 10, &first, &last) != 0)
		die(EXIT_TROUBLE, "--today must be a day as YYYY-MM-DD: %s",
		    err_name(s));
	return first;
}

static long
local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		die(EXIT_TROUBLE, "cannot tell today's date");
	return date_daynum(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	int c, has_today = 0;

	memset(o, 0, sizeof *o);
	o->fmt = DOC_MD;
	o->informat = IN_DETECT;
	o->window = DEFAULT_WINDOW;
	o->title = DEFAULT_TITLE;
	while ((c = cli_next(&cli, argc, argv)) != -1) {
		switch (c) {
		case 'F':
			if (strcmp(optarg, "md") == 0)
				o->fmt = DOC_MD;
			else if (strcmp(optarg, "txt") == 0)
				o->fmt = DOC_TXT;
			else if (strcmp(optarg, "html") == 0)
				o->fmt = DOC_HTML;
			else
				die(EXIT_TROUBLE, "unknown output format: %s "
				    "(md, txt or html)", err_name(optarg));
			break;
		case 'I':
			o->informat = informat_arg(optarg);
			break;
		case 'o':
			o->outpath = optarg;
			break;
		case 'p':
			o->previous = optarg;
			break;
		case 's':
			o->state = optarg;
			break;
		case 'T':
			o->title = optarg;
			break;
		case 't':
			o->today = parse_today(optarg);
			has_today = 1;
			break;
		case 'w':
			o->window = cli_long(optarg, "--window", 0, 36500);
			break;
		case 'q':
			o->quiet = 1;
			break;
		}
	}
	if (!has_today)
		o->today = local_today();
	if (o->state != NULL && o->outpath != NULL &&
	    strcmp(o->state, o->outpath) == 0)
		die(EXIT_TROUBLE, "--state and -o name the same file: %s",
		    err_name(o->state));
}

/*
 * -o and -s replace their files: neither may be an input, nor -o the
 * previous state (-p state.csv -s state.csv is the way to keep state).
 */
static void
refuse_outputs_read(const struct options *o, int argc, char **argv)
{
	struct outfile_id ids[2];
	const char *flags[2] = { "-o", "-s" };
	int i, k;

	outfile_id_of(&ids[0], o->outpath);
	outfile_id_of(&ids[1], o->state);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < argc; i++)
			if (outfile_id_is(&ids[k], argv[i]))
				die(EXIT_TROUBLE, "%s: is the output file too "
				    "(%s would replace it)", err_name(argv[i]),
				    flags[k]);
	}
	if (o->previous != NULL && outfile_id_is(&ids[0], o->previous))
		die(EXIT_TROUBLE, "%s: is the output file too (-o would "
		    "replace it)", err_name(o->previous));
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct digest d;
	struct plan p;
	struct outfile out;
	int status = EXIT_OK, i, nstdin = 0;

	cli_start(&cli, argc, argv);
	parse_options(argc, argv, &o);
	argc -= optind;
	argv += optind;
	for (i = 0; i < argc; i++)
		nstdin += is_stdin_name(argv[i]);
	nstdin += argc == 0;
	nstdin += o.previous != NULL && is_stdin_name(o.previous);
	if (nstdin > 1)
		die(EXIT_TROUBLE, "standard input can be read only once");
	refuse_outputs_read(&o, argc, argv);

	digest_init(&d);
	d.today = o.today;
	d.window = o.window;
	d.title = o.title;
	d.informat = o.informat;
	if (o.previous != NULL && load_previous(&d, o.previous) != 0) {
		if (d.nprev == 0)
			die(EXIT_TROUBLE, "%s: the previous run cannot be read",
			    err_name(o.previous));
		status = EXIT_TROUBLE;
	}
	if (argc == 0 && load_input(&d, "-") != 0)
		status = EXIT_TROUBLE;
	for (i = 0; i < argc; i++)
		if (load_input(&d, argv[i]) != 0)
			status = EXIT_TROUBLE;
	digest_mark(&d);
	plan_make(&d, &p);

	outfile_open(&out, o.outpath);
	render(out.fp, &d, &p, o.fmt);
	if (outfile_commit(&out) != 0)
		status = EXIT_TROUBLE;
	if (o.state != NULL && write_state(&d, o.state) != 0)
		status = EXIT_TROUBLE;
	plan_free(&p);
	digest_free(&d);
	return status;
}
