/* Diagnostics: "samling-X: [FILE[:LINE]: ]message" on stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

static const char *progname = "samling";
static void (*before_message)(void);
static _Thread_local struct buf *held;	/* this thread's warnings, or NULL */

void
err_hold(struct buf *sink)
{
	held = sink;
}

void
err_set_before_message(void (*fn)(void))
{
	before_message = fn;
}

void
err_setprog(const char *name)
{
	progname = name;
}

const char *
err_prog(void)
{
	return progname;
}

static void
vmessage(const char *fmt, va_list ap, const char *sys)
{
	char text[1024];

	if (held != NULL) {
		vsnprintf(text, sizeof text, fmt, ap);
		buf_printf(held, "%s: %s%s%s\n", progname, text, sys ? ": " : "",
		    sys ? sys : "");
		return;
	}
	fflush(stdout);
	if (before_message != NULL)
		before_message();
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (sys != NULL)
		fprintf(stderr, ": %s", sys);
	fputc('\n', stderr);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, NULL);
	va_end(ap);
}

void
warnsys(const char *fmt, ...)
{
	va_list ap;
	const char *sys = strerror(errno);

	va_start(ap, fmt);
	vmessage(fmt, ap, sys);
	va_end(ap);
}

void
warnat(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (held != NULL) {
		va_start(ap, fmt);
		vwarnat_to(held, file, line, fmt, ap);
		va_end(ap);
		return;
	}
	fflush(stdout);
	if (before_message != NULL)
		before_message();
	if (line > 0)
		fprintf(stderr, "%s: %s:%lu: ", progname, err_name(file), line);
	else
		fprintf(stderr, "%s: %s: ", progname, err_name(file));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
vwarnat_to(struct buf *sink, const char *file, unsigned long line,
    const char *fmt, va_list ap)
{
	char text[1024];

	vsnprintf(text, sizeof text, fmt, ap);
	if (sink == NULL)
		warnat(file, line, "%s", text);
	else if (line > 0)
		buf_printf(sink, "%s: %s:%lu: %s\n", progname, err_name(file), line, text);
	else
		buf_printf(sink, "%s: %s: %s\n", progname, err_name(file), text);
}

void
warnat_to(struct buf *sink, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnat_to(sink, file, line, fmt, ap);
	va_end(ap);
}

void
err_exit(int status)
{
	exit(status);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	held = NULL;	/* the last word is printed */
	va_start(ap, fmt);
	vmessage(fmt, ap, NULL);
	va_end(ap);
	exit(status);
}

void
diesys(int status, const char *fmt, ...)
{
	va_list ap;
	const char *sys = strerror(errno);

	held = NULL;
	va_start(ap, fmt);
	vmessage(fmt, ap, sys);
	va_end(ap);
	exit(status);
}

void
err_escape(char *out, size_t outsize, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	if (outsize == 0)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[5];
		size_t n;

		if (c == '\n') {
			memcpy(tmp, "\\n", n = 2);
		} else if (c == '\t') {
			memcpy(tmp, "\\t", n = 2);
		} else if (c == '\\') {
			memcpy(tmp, "\\\\", n = 2);
		} else if (c < 0x20 || c == 0x7f) {
			tmp[0] = '\\';
			tmp[1] = 'x';
			tmp[2] = hex[c >> 4];
			tmp[3] = hex[c & 15];
			n = 4;
		} else {
			tmp[0] = (char)c;
			n = 1;
		}
		if (o + n >= outsize)
			break;
		memcpy(out + o, tmp, n);
		o += n;
	}
	out[o] = '\0';
}

const char *
err_name_in(char *out, size_t size, const char *name)
{
	if (name == NULL || strcmp(name, "-") == 0)
		return "<stdin>";
	err_escape(out, size, name, strlen(name));
	return out;
}
