/*
 * Reading statistics files.  The rows come from the one CSV (and JSON)
 * reader of samling, csvio's csvr_open_table(); what is here is what a
 * statistics table puts around its rows: title lines, a header of one or
 * two rows, footnotes, and the workbooks, PX files and JSON-stat cubes
 * that are turned into CSV text first.
 */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvio.h"
#include "enc.h"
#include "err.h"
#include "io.h"
#include "muni.h"
#include "number.h"
#include "px.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"
#include "xlsx.h"

#define FIRST_BLOCK ((size_t)64 << 10)	/* the rows looked at first */
#define READ_CHUNK ((size_t)1 << 20)
#define WHOLE_LIMIT ((size_t)1 << 30)	/* .xlsx and UTF-16 are read whole */
#define HEADER_LINES 1000		/* the header is looked for this far */
#define NO_TEXT SIZE_MAX		/* a sample cell past a row's end */

struct table {
	char *name;
	FILE *fp;
	int own_fp;
	struct buf whole;	/* a file read whole and turned into text */
	FILE *mem;		/* reading whole */
	struct csvreader *r;
	int broken;

	/* the row last read */
	const char **cells;
	size_t *lens;
	int ncells, capcells;
	unsigned long rowline;

	/* the header */
	char **cols;
	int ncols;

	/* first data rows, kept from detection: their text in stext */
	struct buf stext;
	size_t *soffs;
	const char **scells;
	size_t *slens;
	unsigned long *slines;
	char *sbad;		/* row has cells past the header */
	int nsample, capsample, next_sample;

	/* the row handed out, padded to ncols */
	const char **out;
	size_t *outlens;
	char empty[1];

	/* PX and JSON-stat: rows past the text made from the table itself */
	struct px_cube *cube;
	int cube_rows;		/* the text read: rows from the cube */
	unsigned long cube_line;	/* the line a cube row would be on */

	struct table_info info;
	unsigned long rows_hint;
	struct buf *sink;	/* messages kept here, not printed */
};

/* A message about the file: printed, or kept in the sink. */
#define tmsg(t, line, ...) \
	warnat_to((t)->sink, (t)->name, line, __VA_ARGS__)

/* ---- formats read whole ---- */

/* A JSON-stat object's class. */
static int
jsonstat_class(const char *s)
{
	return strcmp(s, "dataset") == 0 || strcmp(s, "collection") == 0 ||
	    strcmp(s, "dimension") == 0 || strcmp(s, "bundle") == 0;
}

/*
 * Is the first line of s a JSON object of plain values (a JSON Lines
 * record) rather than the start of a JSON-stat cube?
 */
static int
jsonl_first_line(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	const char *key;
	json_t *o, *v;
	int flat = 1, quoted = 0;
	size_t i, n = nl != NULL ? (size_t)(nl - s) : len;

	/*
	 * An object or array inside is no flat record: told by a look at
	 * the bytes before jansson parses the line, which for a JSON-stat
	 * cube written on one line is the whole document.
	 */
	for (i = 1; i < n; i++) {
		if (quoted) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				quoted = 0;
		} else if (s[i] == '"')
			quoted = 1;
		else if (s[i] == '{' || s[i] == '[')
			return 0;
	}
	if ((o = json_loadb(s, n, 0, NULL)) == NULL)
		return 0;
	if (!json_is_object(o))
		flat = 0;
	else
		json_object_foreach(o, key, v)
			if (json_is_object(v) || json_is_array(v) ||
			    (strcmp(key, "class") == 0 && json_is_string(v) &&
			    jsonstat_class(json_string_value(v))))
				flat = 0;
	json_decref(o);
	return flat;
}

/*
 * Formats read whole: .xlsx, UTF-16, PX, JSON-stat, and JSON Lines
 * (they begin as JSON-stat does).  t->whole is given what was peeked
 * at; it is left holding CSV text (or JSON Lines: *fmt).
 */
static int
read_whole_converted(struct table *t, const struct table_opts *o, int *fmt)
{
	struct buf raw = BUF_INIT;
	struct enc_report rep;
	int rc = 0;

	buf_add(&raw, t->whole.data, t->whole.len);
	buf_clear(&t->whole);
	while (!feof(t->fp) && !ferror(t->fp)) {
		buf_reserve(&raw, READ_CHUNK);
		raw.len += fread(raw.data + raw.len, 1, READ_CHUNK, t->fp);
		raw.data[raw.len] = '\0';
		if (raw.len > WHOLE_LIMIT) {
			tmsg(t, 0, "larger than %zu MiB", WHOLE_LIMIT >> 20);
			buf_free(&raw);
			return -1;
		}
	}
	if (ferror(t->fp)) {
		warnsys("%s", err_name(t->name));
		buf_free(&raw);
		return -1;
	}
	if (xlsx_is_zip(raw.data, raw.len)) {
		t->info.encoding = "xlsx";
		*fmt = IN_CSV;
		rc = xlsx_to_csv(raw.data, raw.len, t->name, o->sheet,
		    o->exact ? XLSX_EXACT : 0, &t->whole);
	} else if (px_is_json(raw.data, raw.len) &&
	    jsonl_first_line(raw.data, raw.len)) {
		t->info.encoding = "JSON Lines";
		*fmt = IN_JSONL;
		buf_add(&t->whole, raw.data, raw.len);
	} else if (px_is_px(raw.data, raw.len) || px_is_json(raw.data, raw.len)) {
		/* To UTF-8 first (a PX file may be Latin-1), then the cube. */
		int px = px_is_px(raw.data, raw.len);

		*fmt = IN_CSV;
		if (to_utf8_exact_buf(&raw, &rep) != 0) {
			warnsys("%s", err_name(t->name));
			rc = -1;
		} else if ((t->cube = px ? px_read(&raw, t->name) :
		    jsonstat_read(raw.data, raw.len, t->name)) == NULL) {
			rc = -1;
		} else {
			/*
			 * The header and the first block's rows as CSV, for the
			 * header and the columns to be found as in any file;
			 * the rows after them are handed out from the table
			 * (table_next), not written out and split again.
			 */
			rc = px_cube_csv(t->cube, px_cube_header_filled(t->cube) ?
			    FIRST_BLOCK : (size_t)-1, WHOLE_LIMIT, t->name, &t->whole);
		}
		t->info.encoding = !px ? "JSON-stat" :
		    rep.detected == ENC_UTF8 || rep.detected == ENC_UTF8_BOM ?
		    "PX, UTF-8" : "PX, Windows-1252";
	} else if (to_utf8_exact(&t->whole, raw.data, raw.len, &rep) != 0) {
		warnsys("%s", err_name(t->name));
		rc = -1;
	} else {
		t->info.encoding = encoding_name(rep.detected);
	}
	buf_free(&raw);
	return rc;
}

/*
 * Open the reader: over the file, or over its text when the file is
 * read whole (told from its first bytes, unless informat says what it is).
 */
static int
open_reader(struct table *t, const struct table_opts *o)
{
	const unsigned char *u;
	char head[4];
	size_t n;
	int fmt = o->informat, delim = o->delim;

	n = fread(head, 1, sizeof head, t->fp);
	if (ferror(t->fp)) {
		warnsys("%s", err_name(t->name));
		return -1;
	}
	u = (const unsigned char *)head;
	if (fmt == IN_DETECT && ((n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF))) || xlsx_is_zip(head, n) ||
	    px_is_px(head, n) || px_is_json(head, n))) {
		buf_add(&t->whole, head, n);
		if (read_whole_converted(t, o, &fmt) != 0)
			return -1;
		if (fmt == IN_CSV && t->info.encoding[0] != 'U')
			delim = ',';	/* written so here */
		if (t->whole.len == 0) {
			tmsg(t, 0, "empty file");
			return -1;
		}
		if ((t->mem = fmemopen(t->whole.data, t->whole.len, "r")) == NULL) {
			warnsys("%s", err_name(t->name));
			return -1;
		}
		t->r = csvr_open_table(t->mem, t->name, fmt, delim, NULL, 0);
	} else
		t->r = csvr_open_table(t->fp, t->name, fmt, delim, head, n);
	return 0;
}

/*
 * Read the next row into t->cells.  1 row, 0 end, -1 after a message
 * about a row (skipped; reading may go on), -2 after a message when the
 * file cannot be read on.
 */
static int
next_raw_row(struct table *t)
{
	struct csvfield *f;
	int n, i;

	if ((n = csvr_next(t->r, &f)) <= 0) {
		t->ncells = 0;
		return n == 0 ? 0 : csvr_failed(t->r) ? -2 : -1;
	}
	if (n > t->capcells) {
		t->capcells = n;
		t->cells = xreallocarray(t->cells, (size_t)n, sizeof *t->cells);
		t->lens = xreallocarray(t->lens, (size_t)n, sizeof *t->lens);
	}
	for (i = 0; i < n; i++) {
		t->cells[i] = f[i].s;
		t->lens[i] = f[i].len;
	}
	t->ncells = n;
	t->rowline = csvr_line(t->r);
	return 1;
}

/* ---- detection ---- */

static int
nonempty_cells(const struct table *t)
{
	int i, n = 0;

	for (i = 0; i < t->ncells; i++) {
		const char *s = t->cells[i];
		size_t k;

		for (k = 0; k < t->lens[i]; k++)
			if (s[k] != ' ' && s[k] != '\t')
				break;
		n += k < t->lens[i];
	}
	return n;
}

static int
cell_empty(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	int empty;

	if (len == 0)
		return 1;
	text_clean(&b, s, len);
	empty = b.len == 0;
	buf_free(&b);
	return empty;
}

static char *
clean_copy(const char *s, size_t len)
{
	struct buf b = BUF_INIT;

	text_clean(&b, s, len);
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}

static void
set_header(struct table *t)
{
	int i;

	t->ncols = t->ncells;
	t->cols = xcalloc((size_t)t->ncols, sizeof *t->cols);
	for (i = 0; i < t->ncols; i++)
		t->cols[i] = clean_copy(t->cells[i], t->lens[i]);
}

/*
 * Join a second header row (t->cells) to the first: a name in the first
 * row stands over the empty cells to its right, as a merged cell does,
 * past the first row's end too (a workbook leaves out the empty cells
 * a merged cell covers at the end of a row).
 */
static void
join_subheader(struct table *t)
{
	int i, n = t->ncols;
	char **cols;
	const char *over = "";

	for (i = t->ncols; i < t->ncells; i++)
		if (!cell_empty(t->cells[i], t->lens[i]))
			n = i + 1;
	cols = xcalloc((size_t)n, sizeof *cols);
	for (i = 0; i < n; i++) {
		char *sub = i < t->ncells ? clean_copy(t->cells[i], t->lens[i]) : xstrdup("");
		struct buf b = BUF_INIT;

		if (i < t->ncols && (t->cols[i][0] != '\0' || i == 0))
			over = t->cols[i];
		buf_adds(&b, over);
		if (b.len > 0 && sub[0] != '\0')
			buf_addc(&b, ' ');
		buf_adds(&b, sub);
		buf_addc(&b, '\0');
		free(sub);
		cols[i] = buf_detach(&b, NULL);
	}
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	t->cols = cols;
	t->ncols = n;
}

static void
name_empty_columns(struct table *t)
{
	int i;

	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i][0] == '\0') {
			free(t->cols[i]);
			t->cols[i] = xmalloc(24);
			snprintf(t->cols[i], 24, "column %d", i + 1);
		}
	}
}

/*
 * Is the split row (t->cells) a footnote or blank, and not data?  A row
 * whose first cell alone is filled is a footnote, unless that cell is a
 * municipality (a code, with or without its name) or a number: then it
 * is a row of empty values, and its key is there.
 */
static int
skip_row(struct table *t)
{
	struct number num;
	int n = nonempty_cells(t);

	if (n == 0)
		return 1;
	if (n == 1 && t->ncols > 1 && !cell_empty(t->cells[0], t->lens[0]) &&
	    muni_parse_region(t->cells[0], t->lens[0], NULL, NULL) < 0 &&
	    num_parse(t->cells[0], t->lens[0], &num) != NUM_NUMBER) {
		int i;

		for (i = 1; i < t->ncells; i++)
			if (!cell_empty(t->cells[i], t->lens[i]))
				return 0;
		t->info.footnotes++;
		return 1;
	}
	return 0;
}

/* Does the row (t->cells) fill cells past the header's?  Message if so. */
static int
too_many_cells(const struct table *t)
{
	int i;

	for (i = t->ncols; i < t->ncells; i++) {
		if (!cell_empty(t->cells[i], t->lens[i])) {
			tmsg(t, t->rowline, "%d cells, but the header has %d",
			    t->ncells, t->ncols);
			return 1;
		}
	}
	return 0;
}

static void
keep_sample(struct table *t)
{
	size_t k = (size_t)t->nsample * (size_t)t->ncols;
	int i;

	if (t->nsample == t->capsample) {
		size_t cap = t->capsample ? (size_t)t->capsample * 2 : 64;

		t->soffs = xreallocarray(t->soffs, cap * (size_t)t->ncols, sizeof *t->soffs);
		t->slens = xreallocarray(t->slens, cap * (size_t)t->ncols, sizeof *t->slens);
		t->slines = xreallocarray(t->slines, cap, sizeof *t->slines);
		t->sbad = xrealloc(t->sbad, cap);
		t->capsample = (int)cap;
	}
	for (i = 0; i < t->ncols; i++) {
		if (i < t->ncells) {
			t->soffs[k + (size_t)i] = t->stext.len;
			t->slens[k + (size_t)i] = t->lens[i];
			buf_add(&t->stext, t->cells[i], t->lens[i]);
			buf_addc(&t->stext, '\0');
		} else {
			t->soffs[k + (size_t)i] = NO_TEXT;
			t->slens[k + (size_t)i] = 0;
		}
	}
	t->sbad[t->nsample] = (char)too_many_cells(t);
	t->slines[t->nsample++] = t->rowline;
}

/* The sample rows' cells as pointers, once their text has stopped growing. */
static void
point_samples(struct table *t)
{
	size_t k, n = (size_t)t->nsample * (size_t)t->ncols;

	t->scells = xreallocarray(NULL, n + 1, sizeof *t->scells);
	for (k = 0; k < n; k++)
		t->scells[k] = t->soffs[k] == NO_TEXT ? t->empty :
		    t->stext.data + t->soffs[k];
}

/* About how many rows: the size over the text the sample rows took. */
static void
estimate_rows(struct table *t)
{
	unsigned long long used = csvr_offset(t->r);
	struct stat st;
	double size;

	if (t->nsample == 0 || used == 0 || csvr_cp1252(t->r))
		return;
	if (t->mem != NULL)
		size = (double)t->whole.len;
	else if (fstat(fileno(t->fp), &st) == 0 && S_ISREG(st.st_mode))
		size = (double)st.st_size;
	else
		return;
	t->rows_hint = (unsigned long)(size / (double)used * (double)t->nsample) + 1;
}

/*
 * Is the row just read (right under the header) a second header row?
 * So it is when its first cell is empty, or when the header's is and
 * this row's does not start with a digit (a region code).
 */
static int
is_subheader(const struct table *t)
{
	if (nonempty_cells(t) == 0)
		return 0;
	if (cell_empty(t->cells[0], t->lens[0]))
		return 1;
	return t->cols[0][0] == '\0' && !(t->cells[0][0] >= '0' && t->cells[0][0] <= '9');
}

/* Find the header and keep the data rows of the first block. */
static int
detect_layout(struct table *t)
{
	int r, second = 0;

	/*
	 * Reading on past the first block, as a header (or title) may be
	 * longer, but not through a whole long file without one.
	 */
	for (;;) {
		if ((r = next_raw_row(t)) <= 0 ||
		    (nonempty_cells(t) < 2 && t->rowline >= HEADER_LINES)) {
			if (r >= 0)
				tmsg(t, 0, csvr_offset(t->r) == 0 ? "empty file" :
				    "no header row (a row with two or more cells) found");
			return -1;
		}
		if (nonempty_cells(t) >= 2)
			break;
		if (nonempty_cells(t) > 0)
			t->info.title_lines++;
	}
	set_header(t);
	t->info.header_line = t->rowline;
	t->info.header_rows = 1;
	while (csvr_offset(t->r) < FIRST_BLOCK && (r = next_raw_row(t)) != 0 &&
	    r != -2) {
		if (r < 0) {
			/* Reported already; table_next() says -1 for it in turn. */
			second = 1;
			keep_sample(t);
			t->sbad[t->nsample - 1] = 1;
			continue;
		}
		if (!second && is_subheader(t)) {
			join_subheader(t);
			t->info.header_rows = 2;
			second = 1;
			continue;
		}
		second = 1;
		if (skip_row(t))
			continue;
		keep_sample(t);
	}
	if (r == -2)
		return -1;
	name_empty_columns(t);
	point_samples(t);
	estimate_rows(t);
	t->info.delim = csvr_delim(t->r);
	if (t->mem == NULL)
		t->info.encoding = csvr_encoding(t->r);
	if (csvr_format(t->r) == IN_JSONL || csvr_format(t->r) == IN_JSON)
		t->info.encoding = csvr_format(t->r) == IN_JSON ? "JSON" :
		    "JSON Lines";
	return 0;
}

/* ---- the interface ---- */

struct table *
table_open(const char *path, const struct table_opts *o)
{
	struct table *t = xcalloc(1, sizeof *t);
	static const struct table_opts none = { 0, IN_DETECT, NULL, 0 };

	if (o == NULL)
		o = &none;
	t->name = xstrdup(path != NULL ? path : "-");
	t->info.encoding = encoding_name(ENC_UTF8);
	if (is_stdin_name(path)) {
		t->fp = stdin;
	} else if ((t->fp = fopen(path, "rb")) == NULL) {
		warnsys("%s", err_name(t->name));
		free(t->name);
		free(t);
		return NULL;
	} else {
		t->own_fp = 1;
	}
	if (open_reader(t, o) != 0 || detect_layout(t) != 0)
		goto fail;
	if (t->cube != NULL)	/* the rows not in the text yet */
		t->rows_hint += px_cube_cells(t->cube) - px_cube_tell(t->cube);
	t->out = xcalloc((size_t)t->ncols, sizeof *t->out);
	t->outlens = xcalloc((size_t)t->ncols, sizeof *t->outlens);
	return t;
fail:
	table_close(t);
	return NULL;
}

void
table_close(struct table *t)
{
	int i;

	if (t == NULL)
		return;
	csvr_close(t->r);
	if (t->mem != NULL)
		fclose(t->mem);
	if (t->own_fp && t->fp != NULL)
		fclose(t->fp);
	px_cube_free(t->cube);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->cells);
	free(t->lens);
	buf_free(&t->stext);
	free(t->soffs);
	free(t->scells);
	free(t->slens);
	free(t->slines);
	free(t->sbad);
	free(t->out);
	free(t->outlens);
	buf_free(&t->whole);
	free(t->name);
	free(t);
}

const char *
table_name(const struct table *t)
{
	return t->name;
}

int
table_ncols(const struct table *t)
{
	return t->ncols;
}

const char *
table_column(const struct table *t, int i)
{
	return t->cols[i];
}

const struct table_info *
table_info(const struct table *t)
{
	return &t->info;
}

void
table_set_messages(struct table *t, struct buf *sink)
{
	t->sink = sink;
	csvr_set_messages(t->r, sink);
}

unsigned long
table_rows_hint(const struct table *t)
{
	return t->rows_hint;
}

int
table_nsample(const struct table *t)
{
	return t->nsample;
}

const char *const *
table_sample(const struct table *t, int i)
{
	return t->scells + (size_t)i * (size_t)t->ncols;
}

/* The next row of a PX or JSON-stat table past its text; 0 at the end. */
static int
cube_row(struct table *t)
{
	const char *const *cells;
	const size_t *lens;
	int n, i;

	if ((n = px_cube_next(t->cube, &cells, &lens)) == 0)
		return 0;
	if (n > t->capcells) {
		t->capcells = n;
		t->cells = xreallocarray(t->cells, (size_t)n, sizeof *t->cells);
		t->lens = xreallocarray(t->lens, (size_t)n, sizeof *t->lens);
	}
	for (i = 0; i < n; i++) {
		t->cells[i] = cells[i];
		t->lens[i] = lens[i];
	}
	t->ncells = n;
	t->rowline = ++t->cube_line;
	return 1;
}

int
table_next(struct table *t, const char *const **cells, const size_t **lens,
    unsigned long *line)
{
	int r, i;

	if (t->next_sample < t->nsample) {
		size_t k = (size_t)t->next_sample * (size_t)t->ncols;

		*cells = t->scells + k;
		if (lens != NULL)
			*lens = t->slens + k;
		*line = t->slines[t->next_sample];
		if (t->sbad[t->next_sample++])
			return -1;
		t->info.rows++;
		return 1;
	}
	if (t->broken)
		return 0;
	for (;;) {
		if (t->cube_rows)
			r = cube_row(t);
		else if ((r = next_raw_row(t)) == 0 && t->cube != NULL) {
			/* The text made from the table is read: on from it. */
			t->cube_rows = 1;
			t->cube_line = t->rowline;
			continue;
		}
		if (r == -1) {
			*line = t->rowline;
			return -1;
		}
		if (r <= 0) {
			if (r < 0)
				t->broken = 1;
			return r;
		}
		if (!skip_row(t))
			break;
	}
	*line = t->rowline;
	if (too_many_cells(t))
		return -1;
	for (i = 0; i < t->ncols; i++) {
		t->out[i] = i < t->ncells ? t->cells[i] : t->empty;
		t->outlens[i] = i < t->ncells ? t->lens[i] : 0;
	}
	*cells = t->out;
	if (lens != NULL)
		*lens = t->outlens;
	t->info.rows++;
	return 1;
}

int
table_cells_stable(const struct table *t)
{
	/* The text read whole is never moved; the categories are made once. */
	return t->cube != NULL;
}

struct px_cube *
table_cube(const struct table *t)
{
	return t->cube;
}
