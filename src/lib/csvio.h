/*
 * Records between samling programs: CSV (RFC 4180) with a header row.
 *
 * Reader: built on libcsv, fed one physical line at a time so every row
 * knows the line it starts on.  A UTF-8 byte order mark is skipped.
 * Writer: CSV, TSV (tab-separated, tabs and newlines in fields escaped as
 * \t \n \\ like PostgreSQL's text format) or JSON Lines keyed by the header.
 */
#ifndef SAMLING_CSVIO_H
#define SAMLING_CSVIO_H

#include <stdio.h>
#include <stddef.h>
#include "buf.h"

/* ---- reading ---- */

struct csvfield {
	const char *s;		/* NUL-terminated, valid until the next row */
	size_t len;
};

struct csvreader;

/* delim: ',' ';' '\t' ... ; name is used in messages (NULL = <stdin>). */
struct csvreader *csvr_open(FILE *fp, const char *name, int delim);
/*
 * Read the next row.  Returns the number of fields (>= 1), 0 at end of
 * input, -1 on a malformed row (message printed, reading can go on) or a
 * read error (message printed; csvr_failed() is then true).
 */
int csvr_next(struct csvreader *r, struct csvfield **fields);
unsigned long csvr_line(const struct csvreader *r);	/* line of last row */
int csvr_failed(const struct csvreader *r);
const char *csvr_name(const struct csvreader *r);
void csvr_close(struct csvreader *r);	/* does not fclose */

/*
 * Look up the columns named in want[0..n) in a header row; idx[i] is set
 * to the field index or -1.  Names compare case-sensitively after
 * trimming.  Returns the number of names not found.
 */
int csv_find_columns(const struct csvfield *hdr, int nhdr,
    const char *const *want, int n, int *idx);

/* ---- writing ---- */

enum outformat { FMT_CSV, FMT_TSV, FMT_JSONL };

/* Parse "csv", "tsv" or "jsonl"; -1 if unknown. */
int outformat_parse(const char *s);

struct csvwriter {
	FILE *fp;
	enum outformat fmt;
	const char *const *cols;	/* header names (JSON keys) */
	int ncols;
	int col;			/* fields written in this row */
	struct buf line;		/* the row being built */
};

/* Start output; writes the header row for CSV and TSV. */
void csvw_init(struct csvwriter *w, FILE *fp, enum outformat fmt,
    const char *const *cols, int ncols);
void csvw_field(struct csvwriter *w, const char *s, size_t len);
void csvw_str(struct csvwriter *w, const char *s);
void csvw_long(struct csvwriter *w, long v);
/* A value known to need no quoting or escaping (a keyword such as "title"). */
void csvw_plain(struct csvwriter *w, const char *s);
/*
 * A value written in every row (a source name) can be escaped once with
 * csvw_escape() and then written with csvw_escaped().
 */
void csvw_escape(enum outformat fmt, struct buf *out, const char *s, size_t len);
void csvw_escaped(struct csvwriter *w, const struct buf *field);
/* Empty fields up to ncols are added; the row is written out. */
void csvw_end(struct csvwriter *w);
void csvw_free(struct csvwriter *w);

#endif
