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
 * Records as samling programs write them: CSV, TSV, JSON Lines or a JSON
 * array of objects (its keys the header), told from the first non-blank
 * line unless informat forces one (-I).  Rows come as from CSV, the
 * header first; a JSON null is an empty field, a number as written.
 */
enum informat { IN_DETECT = -1, IN_CSV, IN_TSV, IN_JSONL, IN_JSON };
/* "csv", "tsv", "jsonl" or "json"; -2 if unknown. */
int informat_parse(const char *s);
/* The same for -I's argument: dies with the message when unknown. */
int informat_arg(const char *s);
struct csvreader *csvr_open_records(FILE *fp, const char *name, int informat);
/*
 * A table as statistics files come (table.h): CSV with the delimiter
 * found in the first 64 KiB (";", TAB, "," or "|", the one that splits
 * the most lines alike) unless delim is given; text that is not UTF-8
 * read as Windows-1252 from where it stops being UTF-8; CR-only line
 * ends; cells as they stand (blanks kept, a row of more than 100,000
 * cells refused); JSON told from its first character ("[" or "{"), its
 * header every key of its objects in the order first seen (JSON Lines
 * is read whole for it).  head: bytes already read from fp, read first.
 */
struct csvreader *csvr_open_table(FILE *fp, const char *name, int informat,
    int delim, const char *head, size_t nhead);
/* Keep the messages in sink (a line each) instead of printing them. */
void csvr_set_messages(struct csvreader *r, struct buf *sink);
int csvr_delim(const struct csvreader *r);	/* found after the first row */
int csvr_format(const struct csvreader *r);	/* enum informat */
const char *csvr_encoding(const struct csvreader *r);	/* "UTF-8", ... */
int csvr_cp1252(const struct csvreader *r);	/* read as Windows-1252 */
unsigned long long csvr_offset(const struct csvreader *r);	/* text read */

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

/*
 * A header kept to know it again: outputs of several runs (GNU
 * parallel's) concatenated, each with its header, read as one input.
 * csv_keep_header() copies the fields into h; csv_header_again() says
 * whether a row is that header once more.
 */
struct csvheader {
	struct buf names;	/* each field, NUL after it */
	int n;
};

void csv_keep_header(struct csvheader *h, const struct csvfield *f, int n);
int csv_header_again(const struct csvheader *h, const struct csvfield *f,
    int n);

/* ---- writing ---- */

/*
 * csv, tsv and jsonl are for programs (samling-formats(5)): each samling
 * program reads them all, and json (one array).  csv-excel (a byte order
 * mark, ";", a decimal comma, CRLF, cells that would be formulas made
 * text) and xlsx (a workbook) are for people opening the output.
 */
enum outformat { FMT_CSV, FMT_TSV, FMT_JSONL, FMT_JSON, FMT_CSV_EXCEL,
	FMT_XLSX };

/* Parse a format's name (above, "csv-excel" for FMT_CSV_EXCEL); -1 if unknown. */
int outformat_parse(const char *s);
/* The formats -F takes, for usage and messages. */
#define OUTFORMATS "csv, tsv, jsonl, json, csv-excel or xlsx"

struct xlsxout;

struct csvwriter {
	FILE *fp;
	enum outformat fmt;
	const char *const *cols;	/* header names (JSON keys) */
	int ncols;
	int col;			/* fields written in this row */
	int delim;
	unsigned long rows;		/* rows written */
	struct buf line;		/* the row being built */
	struct xlsxout *xlsx;		/* FMT_XLSX: the workbook */
};

/*
 * Start output; writes the header row for CSV and TSV.  xlsx to a
 * terminal is refused (the program exits 2).
 */
void csvw_init(struct csvwriter *w, FILE *fp, enum outformat fmt,
    const char *const *cols, int ncols);
/* A writer going on where like is (no header), into fp. */
void csvw_continue(struct csvwriter *w, const struct csvwriter *like, FILE *fp);
/* Can rows written apart be joined by concatenation? (not json, xlsx) */
int csvw_streams(enum outformat fmt);
void csvw_field(struct csvwriter *w, const char *s, size_t len);
void csvw_str(struct csvwriter *w, const char *s);
void csvw_long(struct csvwriter *w, long v);
/*
 * A number as C writes it ("-4.5"): a JSON number, a number cell, a
 * decimal comma in csv-excel.  Empty: missing (null in JSON).
 */
void csvw_number(struct csvwriter *w, const char *s, size_t len);
/* An ISO 8601 date (a date cell in xlsx when a day); empty: missing. */
void csvw_date(struct csvwriter *w, const char *s);
/* A value known to need no quoting or escaping (a keyword such as "title"). */
void csvw_plain(struct csvwriter *w, const char *s);
/*
 * A value written in every row (a source name) can be escaped once with
 * csvw_escape() and then written with csvw_escaped().
 */
void csvw_escape(const struct csvwriter *w, struct buf *out, const char *s,
    size_t len);
void csvw_escaped(struct csvwriter *w, const struct buf *field);
/* Empty fields up to ncols are added; the row is written out. */
void csvw_end(struct csvwriter *w);
/*
 * End the output (a JSON array's bracket, the workbook written to fp)
 * and free: 0, or -1 after a message.
 */
int csvw_close(struct csvwriter *w);
void csvw_free(struct csvwriter *w);	/* csvw_close, its status unused */

/* A CSV field, quoted as RFC 4180 needs for delimiter delim. */
void csv_quote(struct buf *b, const char *s, size_t len, int delim);

#endif
