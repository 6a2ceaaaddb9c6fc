/*
 * The progress line of long work (pack, verify, ingest -r): on standard
 * error, and only when that is a terminal, one line of files, bytes, rate
 * and, where the totals are known, the time left, redrawn at most four
 * times a second and cleared at the end.  Messages printed meanwhile clear
 * it first.  -v's listing (bsdtar -v) goes through progress_list, also
 * when no line is shown.
 */
#ifndef SAMLING_PROGRESS_H
#define SAMLING_PROGRESS_H

#include <stdint.h>

struct progress;

/* show: 0 for -q; the line is drawn only if stderr is a terminal too. */
struct progress *progress_start(int show);
/* The work's size, where it is known before it begins. */
void progress_total(struct progress *p, uint64_t files, uint64_t bytes);
/* files and bytes in all are done; redraws when it is time. */
void progress_set(struct progress *p, uint64_t files, uint64_t bytes);
/* files and bytes more are done; redraws when it is time. */
void progress_step(struct progress *p, uint64_t files, uint64_t bytes);
/* One line of -v's listing on stderr ("a data/x.txt"). */
void progress_list(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Clear the line and free; p may be NULL. */
void progress_end(struct progress *p);

#endif
