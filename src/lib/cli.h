/*
 * Option handling common to every program: --help and --version, and
 * bounded number parsing.
 */
#ifndef SAMLING_CLI_H
#define SAMLING_CLI_H

#include <stdio.h>

#define SAMLING_VERSION_STRING "0.1.0"

/* Long options every program accepts; add to each getopt_long table. */
enum { OPT_HELP = 0x1000, OPT_VERSION };
#define CLI_COMMON_OPTIONS \
	{ "help", no_argument, NULL, OPT_HELP }, \
	{ "version", no_argument, NULL, OPT_VERSION }

/* Print "samling-X VERSION" and exit 0. */
void cli_version(void) __attribute__((noreturn));

/*
 * The default: branch of every program's getopt loop.  --help prints the
 * usage on stdout and exits 0, --version the version; any other option is
 * a usage error: the usage on stderr (getopt has said what was wrong) and
 * exit 2.
 */
void cli_common_option(int opt, void (*usage)(FILE *)) __attribute__((noreturn));

/* Parse a decimal integer in [min, max]; on error print and exit 2. */
long cli_long(const char *arg, const char *what, long min, long max);
/* Parse a decimal number (point or comma); on error print and exit 2. */
double cli_double(const char *arg, const char *what);

#endif
