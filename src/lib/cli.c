/* The front end every program shares: options, usage, --help, --version. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "exitcode.h"
#include "io.h"
#include "xalloc.h"

enum { KEY_HELP = 0x7000, KEY_VERSION };

static const struct cli_opt common[] = {
	{ 'h', "help", NULL, "show this help and exit" },
	{ KEY_VERSION, "version", NULL, "show the version and exit" },
};

static size_t
count(const struct cli_opt *o)
{
	size_t n = 0;

	while (o[n].key != 0)
		n++;
	return n;
}

void
cli_start(struct cli *c, int argc, char **argv)
{
	size_t n = count(c->opts), i, j = 0, k = 0;
	struct option *lo;
	char *s;

	(void)argc;
	err_setprog(c->prog);
	argv[0] = (char *)c->prog;	/* getopt's messages name us alike */
	io_init();
	lo = xcalloc(n + 3, sizeof *lo);
	s = xmalloc(2 * n + 3);
	s[k++] = 'h';
	for (i = 0; i < n; i++) {
		const struct cli_opt *o = &c->opts[i];

		if (o->key < OPT_LONG && o->help != NULL) {
			s[k++] = (char)o->key;
			if (o->arg != NULL)
				s[k++] = ':';
		}
		if (o->name != NULL) {
			lo[j].name = o->name;
			lo[j].has_arg = o->arg != NULL ? required_argument :
			    no_argument;
			lo[j].val = OPT_LONG * 16 + (int)i;
			j++;
		}
	}
	s[k] = '\0';
	lo[j].name = "help";
	lo[j++].val = KEY_HELP;
	lo[j].name = "version";
	lo[j++].val = KEY_VERSION;
	c->longopts = lo;
	c->optstring = s;
	c->cur = NULL;
}

void
cli_end(struct cli *c)
{
	free(c->longopts);
	free(c->optstring);
	c->longopts = NULL;
	c->optstring = NULL;
}

/* The usage; a line that starts with a tab goes under the first operand. */
static void
print_usage(const struct cli *c, FILE *fp)
{
	int pad = (int)strlen("usage: ") + (int)strlen(c->prog) + 1;
	const char *s;

	fprintf(fp, "usage: %s ", c->prog);
	for (s = c->usage; *s != '\0'; s++)
		if (*s == '\t' && s > c->usage && s[-1] == '\n')
			fprintf(fp, "%*s", pad, "");
		else
			putc(*s, fp);
	putc('\n', fp);
}

void
cli_usage(const struct cli *c)
{
	print_usage(c, stderr);
	err_exit(EXIT_TROUBLE);
}

/* "  -F, --format format": the left column of a help line. */
static int
left(char *out, size_t size, const struct cli_opt *o)
{
	int n = snprintf(out, size, "  %c%c%s%s%s%s%s",
	    o->key < OPT_LONG ? '-' : ' ', o->key < OPT_LONG ? o->key : ' ',
	    o->key < OPT_LONG && o->name != NULL ? ", " : "  ",
	    o->name != NULL ? "--" : "", o->name != NULL ? o->name : "",
	    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");

	return n < 0 ? 0 : n;
}

static void
print_help(const struct cli *c)
{
	const struct cli_opt *o;
	char col[128];
	int width = 0, n;
	size_t i;

	print_usage(c, stdout);
	for (o = c->opts; o->key != 0; o++)
		if (o->help != NULL && (n = left(col, sizeof col, o)) > width)
			width = n;
	for (i = 0; i < 2; i++)
		if ((n = left(col, sizeof col, &common[i])) > width)
			width = n;
	for (o = c->opts; o->key != 0; o++)
		if (o->help != NULL) {
			n = left(col, sizeof col, o);
			printf("%-*s  %s\n", width, col, o->help);
		}
	for (i = 0; i < 2; i++) {
		left(col, sizeof col, &common[i]);
		printf("%-*s  %s\n", width, col, common[i].help);
	}
	err_exit(stdout_finish() == 0 ? EXIT_OK : EXIT_TROUBLE);
}

int
cli_next(struct cli *c, int argc, char **argv)
{
	int key;

	key = getopt_long(argc, argv, c->optstring, c->longopts, NULL);
	if (key == -1) {
		c->cur = NULL;
		return -1;
	}
	if (key == 'h' || key == KEY_HELP)
		print_help(c);
	if (key == KEY_VERSION) {
		printf("%s %s\n", c->prog, VERSION);
		err_exit(stdout_finish() == 0 ? EXIT_OK : EXIT_TROUBLE);
	}
	if (key >= OPT_LONG * 16) {
		c->cur = &c->opts[key - OPT_LONG * 16];
		return c->cur->key;
	}
	for (c->cur = c->opts; c->cur->key != 0; c->cur++)
		if (c->cur->key == key)
			return key;
	cli_usage(c);	/* '?' or ':' */
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
