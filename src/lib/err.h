/*
 * Diagnostics in the form every samling program uses:
 *   samling-X: message
 *   samling-X: FILE: message
 *   samling-X: FILE:LINE: message
 * The program name is set once, at start (cli_start).
 */
#ifndef SAMLING_ERR_H
#define SAMLING_ERR_H

#include <stdarg.h>
#include <stddef.h>

struct buf;

void err_setprog(const char *name);	/* "samling-ingest" */
const char *err_prog(void);

/* Warnings: print and return; the caller decides the exit status. */
void warnmsg(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Like warnmsg, appending ": strerror(errno)". */
void warnsys(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* "FILE:LINE: message"; line 0 prints "FILE: message". */
void warnat(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * warnat() held back: with sink NULL the message is printed, otherwise it
 * is appended to sink (one line), for a program that prints the messages
 * of parallel work in a fixed order.
 */
void vwarnat_to(struct buf *sink, const char *file, unsigned long line,
    const char *fmt, va_list ap);
void warnat_to(struct buf *sink, const char *file, unsigned long line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * From now on this thread's warnings (not die's) are appended to sink
 * instead of printed, until err_hold(NULL): for work done in parallel
 * whose messages are printed afterwards in a fixed order.
 */
void err_hold(struct buf *sink);

/*
 * A function called before each message is printed (the progress line
 * clears itself so), or NULL.
 */
void err_set_before_message(void (*fn)(void));

/* End the program: the one exit() of samling. */
void err_exit(int status) __attribute__((noreturn));

/* Fatal: print and exit with status. */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void diesys(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/*
 * Name of an input as messages show it: "<stdin>" for "-" or NULL,
 * otherwise the name with control characters and backslashes escaped
 * (\n, \t, \\, \xNN), so a hostile file name cannot forge a message
 * line.  Names are kept raw and escaped only here, as they are printed.
 * err_name_in writes into the caller's out[0..size) and returns it (or
 * the constant "<stdin>"); err_name(name) does so into a buffer of its
 * caller's own, which lives to the end of the enclosing block: use it
 * in the arguments of a message, never keep the pointer.  No buffer is
 * shared, between calls or threads.
 */
#define ERR_NAME_SIZE 1024
const char *err_name_in(char *out, size_t size, const char *name);
#define err_name(name) \
	err_name_in((char[ERR_NAME_SIZE]){ "" }, ERR_NAME_SIZE, (name))

/* Escape control characters of s[0..len) into out (NUL-terminated). */
void err_escape(char *out, size_t outsize, const char *s, size_t len);

#endif
