/*
 * Data files of statistics as they arrive, read into a header and rows:
 * CSV with ",", ";", TAB or "|" between fields (detected, or given),
 * UTF-8 with or without a byte order mark, UTF-16 with one, Latin-1 or
 * Windows-1252 (detected: text that is not UTF-8 is read as cp1252),
 * CRLF or LF, and .xlsx workbooks (xlsx.h).
 *
 * What statistics exports put around the table is skipped: title lines
 * and blank lines above the header (the header is the first row with two
 * or more non-empty cells), and below it footnote rows (only the first
 * cell filled) and blank rows.  A second header row under the first (its
 * first cell empty, as in a table with a column per indicator and year)
 * is joined to it: "Barn med tiltak" over "2024" names the column
 * "Barn med tiltak 2024".  Rows shorter than the header are padded with
 * empty cells.  A row holding a NUL byte is reported and skipped.
 *
 * Rows are streamed, so a file of any length is read in bounded memory.
 * Header names are cleaned (text_clean); cells are given as they stand.
 */
#ifndef SAMLING_TABLE_H
#define SAMLING_TABLE_H

#include <stddef.h>
#include "buf.h"
#include "px.h"

struct table_opts {
	int delim;		/* 0: detect */
	int informat;		/* csvio.h's IN_DETECT, IN_CSV, ... */
	const char *sheet;	/* .xlsx: sheet name; NULL: the first */
	int exact;		/* .xlsx: numbers as stored, not as formatted */
};

struct table_info {
	const char *encoding;	/* "UTF-8", "Windows-1252", "xlsx", ... */
	int delim;
	unsigned long header_line;	/* where the header row is */
	int header_rows;		/* 1, or 2 for a joined second row */
	unsigned long title_lines;	/* non-blank lines above the header */
	unsigned long footnotes;	/* footnote rows skipped so far */
	unsigned long rows;		/* data rows returned so far */
};

struct table;

/* Open and read up to the header; NULL after a message. */
struct table *table_open(const char *path, const struct table_opts *o);
void table_close(struct table *t);

/* The name as given ("-" for stdin); messages print it through err_name. */
const char *table_name(const struct table *t);
int table_ncols(const struct table *t);
const char *table_column(const struct table *t, int i);
const struct table_info *table_info(const struct table *t);

/*
 * From now on keep the messages about rows in sink (each a line, as
 * they would be printed) instead of printing them: for reading two
 * files at once and reporting in order.  NULL prints again.
 */
void table_set_messages(struct table *t, struct buf *sink);

/*
 * About how many data rows the file holds (from its size and the rows
 * of the first block), for sizing tables; 0 when unknown (a pipe).
 */
unsigned long table_rows_hint(const struct table *t);

/*
 * The first data rows (those in the first block read), for guessing
 * what the columns hold.  Valid until the first table_next().
 */
int table_nsample(const struct table *t);
const char *const *table_sample(const struct table *t, int i);

/*
 * The next data row: ncols cells (NUL-terminated; lens may be NULL) and
 * the line it starts on.  Valid until the next call.  Returns 1, 0 at
 * the end, -1 after a message about this row (reading may go on), -2
 * after a message when the file cannot be read further.
 */
int table_next(struct table *t, const char *const **cells,
    const size_t **lens, unsigned long *line);

/*
 * Do the cells table_next() hands out keep their place, one address one
 * text, as long as the table is open?  So they do for PX and JSON-stat
 * tables, whose rows repeat the same category cells.
 */
int table_cells_stable(const struct table *t);

/*
 * A PX or JSON-stat table, whose rows table_next() makes from this
 * (px.h): to be read by its categories and cells instead; NULL for
 * other files.  Owned by the table.
 */
struct px_cube *table_cube(const struct table *t);

#endif
