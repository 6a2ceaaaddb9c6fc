/*
 * The front end every program shares: one table of options gives the
 * getopt_long tables, the usage line's shape, and --help with one line an
 * option; --help, -h and --version are handled here, and bounded number
 * parsing.
 */
#ifndef SAMLING_CLI_H
#define SAMLING_CLI_H

/* VERSION comes from config.mk, the one place it is written. */

#include <getopt.h>
#include <stdio.h>

/* Keys of long options without a short form: from OPT_LONG up. */
enum { OPT_LONG = 0x100 };

struct cli_opt {
	int		 key;	/* short option letter, or OPT_LONG and up */
	const char	*name;	/* long name, or NULL */
	const char	*arg;	/* argument's name, NULL for none */
	const char	*help;	/* one line for --help; NULL for an alias */
};

struct cli {
	const char		*prog;	/* "samling-digest" */
	const char		*usage;	/* synopsis after the program name */
	const struct cli_opt	*opts;	/* ends with an entry of key 0 */
	/* set by cli_start and cli_next */
	struct option		*longopts;
	char			*optstring;
	const struct cli_opt	*cur;	/* the option cli_next returned */
};

/*
 * Start a program: its name for messages (also getopt's), io_init(), and
 * the getopt tables from c->opts.
 */
void cli_start(struct cli *c, int argc, char **argv);

/*
 * getopt_long over the table: returns the key of the next option (c->cur
 * points at its entry) or -1 after the last.  --help and -h print the
 * help and exit 0, --version the version; an unknown option or a missing
 * argument prints the usage on stderr and exits 2 (getopt has said what
 * was wrong).
 */
int cli_next(struct cli *c, int argc, char **argv);

/* The usage on stderr, exit 2. */
void cli_usage(const struct cli *c) __attribute__((noreturn));

/* Free the tables (for leak checkers). */
void cli_end(struct cli *c);

/* Parse a decimal integer in [min, max]; on error print and exit 2. */
long cli_long(const char *arg, const char *what, long min, long max);
/* Parse a decimal number (point or comma); on error print and exit 2. */
double cli_double(const char *arg, const char *what);

#endif
