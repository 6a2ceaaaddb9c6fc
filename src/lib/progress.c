/* The progress line of long work (see progress.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "progress.h"
#include "xalloc.h"

#define REDRAW_NS 250000000LL	/* at most four times a second */

struct progress {
	int shown;		/* stderr is a terminal and no -q */
	int drawn;		/* the line is on the screen now */
	int64_t start, last;	/* ns, CLOCK_MONOTONIC; last 0 = not yet */
	uint64_t files, bytes, total_files, total_bytes;
};

/* One at a time: messages clear its line (err.c calls back). */
static struct progress *current;

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
clear_line(void)
{
	if (current != NULL && current->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		current->drawn = 0;
	}
}

struct progress *
progress_start(int show)
{
	struct progress *p = xcalloc(1, sizeof *p);

	p->shown = show && isatty(STDERR_FILENO);
	p->start = now_ns();
	current = p;
	err_set_before_message(clear_line);
	return p;
}

void
progress_total(struct progress *p, uint64_t files, uint64_t bytes)
{
	p->total_files = files;
	p->total_bytes = bytes;
}

/* "1.5 MiB": bytes in units of 1024, one decimal from KiB up. */
static void
size_text(char *out, size_t size, double n)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (n >= 1024 && u < 4) {
		n /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(out, size, "%.0f %s", n, unit[u]);
	else
		snprintf(out, size, "%.1f %s", n, unit[u]);
}

static void
draw(struct progress *p, int64_t t)
{
	char done[32], total[32], rate[32];
	double secs = (double)(t - p->start) / 1e9, bps;

	bps = secs > 0 ? (double)p->bytes / secs : 0;
	size_text(done, sizeof done, (double)p->bytes);
	size_text(rate, sizeof rate, bps);
	fprintf(stderr, "\r%s: %ju", err_prog(), (uintmax_t)p->files);
	if (p->total_files > 0)
		fprintf(stderr, "/%ju", (uintmax_t)p->total_files);
	fprintf(stderr, " file%s, %s", p->files == 1 && p->total_files == 0 ?
	    "" : "s", done);
	if (p->total_bytes > 0) {
		size_text(total, sizeof total, (double)p->total_bytes);
		fprintf(stderr, "/%s", total);
	}
	fprintf(stderr, ", %s/s", rate);
	if (p->total_bytes > 0 && bps > 0 && p->bytes <= p->total_bytes) {
		double left = (double)(p->total_bytes - p->bytes) / bps;
		unsigned long s = (unsigned long)(left + 0.5);

		fprintf(stderr, ", %lu:%02lu left", s / 60, s % 60);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	p->drawn = 1;
	p->last = t;
}

void
progress_step(struct progress *p, uint64_t files, uint64_t bytes)
{
	if (p != NULL)
		progress_set(p, p->files + files, p->bytes + bytes);
}

void
progress_set(struct progress *p, uint64_t files, uint64_t bytes)
{
	int64_t t;

	if (p == NULL)
		return;
	p->files = files;
	p->bytes = bytes;
	if (!p->shown)
		return;
	t = now_ns();
	if (p->last == 0 || t - p->last >= REDRAW_NS)
		draw(p, t);
}

void
progress_list(struct progress *p, const char *fmt, ...)
{
	va_list ap;

	(void)p;
	clear_line();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	clear_line();
	if (current == p) {
		current = NULL;
		err_set_before_message(NULL);
	}
	free(p);
}
