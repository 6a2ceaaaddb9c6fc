/* Option helpers common to every program. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"

void
cli_version(void)
{
	printf("%s %s\n", err_prog(), SAMLING_VERSION_STRING);
	if (fflush(stdout) != 0 || ferror(stdout))
		exit(EXIT_TROUBLE);
	exit(EXIT_OK);
}

void
cli_common_option(int opt, void (*usage)(FILE *))
{
	switch (opt) {
	case OPT_HELP:
		usage(stdout);
		exit(stdout_finish() == 0 ? EXIT_OK : EXIT_TROUBLE);
	case OPT_VERSION:
		cli_version();
	default:
		usage(stderr);
		exit(EXIT_TROUBLE);
	}
}

long
cli_long(const char *arg, const char *what, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno == ERANGE || v < min || v > max)
		die(EXIT_TROUBLE, "%s must be a whole number from %ld to %ld: %s",
		    what, min, max, err_name(arg));
	return v;
}

double
cli_double(const char *arg, const char *what)
{
	char tmp[64], *end;
	size_t n = strlen(arg), i;
	double v;

	if (n == 0 || n >= sizeof tmp)
		die(EXIT_TROUBLE, "%s must be a number: %s", what, err_name(arg));
	for (i = 0; i <= n; i++)
		tmp[i] = arg[i] == ',' ? '.' : arg[i];
	errno = 0;
	v = strtod(tmp, &end);
	if (*end != '\0' || errno == ERANGE || v != v)
		die(EXIT_TROUBLE, "%s must be a number: %s", what, err_name(arg));
	return v;
}
