/*
 * Reading statistics files.  The CSV rows are split here rather than by
 * libcsv: libcsv hands every field through a callback into its own
 * buffer, so a file of millions of rows would be copied field by field;
 * here the decoded text is split in place (quoted fields are unescaped
 * where they stand, as they only ever shrink), which is what lets a
 * comparison of two five-million-row files run in little memory.  The
 * grammar is RFC 4180's, as libcsv reads it: a quote opens a quoted field
 * only at the start of a field, "" inside one is a quote, and a quote
 * elsewhere is an ordinary character.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
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

#define FIRST_BLOCK ((size_t)64 << 10)	/* what detection looks at */
#define READ_CHUNK ((size_t)1 << 20)
#define ROW_LIMIT ((size_t)64 << 20)	/* one row may not pass this */
#define CELL_LIMIT 100000		/* nor hold more cells */
#define WHOLE_LIMIT ((size_t)1 << 30)	/* .xlsx and UTF-16 are read whole */
#define DETECT_LINES 200
#define HEADER_LINES 1000		/* the header is looked for this far */

struct table {
	char *name;
	FILE *fp;
	int own_fp;
	struct buf in;		/* decoded text; rows are split in place */
	size_t pos;		/* where the next row starts */
	int eof;		/* nothing more to read into in */
	int cp1252;		/* the file turned out not to be UTF-8 */
	int cr_only;		/* lines end in CR alone (old Mac files) */
	char carry[4];		/* an incomplete UTF-8 sequence at a chunk end */
	size_t ncarry;
	unsigned long line;	/* lines consumed so far */
	int broken;

	/* the row last split */
	const char **cells;
	size_t *lens;
	int ncells, capcells;
	unsigned long rowline;

	/* the header */
	char **cols;
	int ncols;

	/* first data rows, kept from detection */
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

	struct table_info info;
	unsigned long rows_hint;
	struct buf *sink;	/* messages kept here, not printed */
};

/* A message about the file: printed, or kept in the sink. */
static void
tmsg(const struct table *t, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
tmsg(const struct table *t, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnat_to(t->sink, t->name, line, fmt, ap);
	va_end(ap);
}

/* ---- reading and decoding ---- */

static int decode_bytes(struct table *t, const char *raw, size_t n, int last);

/* Bytes at the end of s[0..n) that may start a UTF-8 sequence cut short. */
static size_t
cut_sequence(const unsigned char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = s[n - k];
		size_t need;

		if (c >= 0x80 && c <= 0xBF)
			continue;
		need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		return need > k ? k : 0;
	}
	return 0;
}

/* Append a chunk of raw bytes to t->in, decoded. */
static int
decode_chunk(struct table *t, const char *raw, size_t n, int last)
{
	size_t start = t->in.len;
	int rc = decode_bytes(t, raw, n, last);

	/* Windows-1252 text has its line ends made LF by to_utf8(). */
	if (t->cr_only && !t->cp1252)
		for (; start < t->in.len; start++)
			if (t->in.data[start] == '\r')
				t->in.data[start] = '\n';
	return rc;
}

/* Decode raw bytes onto t->in: UTF-8 as it is, else Windows-1252. */
static int
decode_bytes(struct table *t, const char *raw, size_t n, int last)
{
	size_t valid, cut;

	if (!t->cp1252) {
		valid = utf8_valid_prefix(raw, n);
		if (valid == n) {
			buf_add(&t->in, raw, n);
			return 0;
		}
		cut = last ? 0 : cut_sequence((const unsigned char *)raw, n);
		if (cut > 0 && valid == n - cut) {
			buf_add(&t->in, raw, valid);
			memcpy(t->carry, raw + valid, cut);
			t->ncarry = cut;
			return 0;
		}
		/* Not UTF-8: from here on the file is read as Windows-1252. */
		buf_add(&t->in, raw, valid);
		raw += valid;
		n -= valid;
		t->cp1252 = 1;
		t->info.encoding = encoding_name(ENC_CP1252);
	}
	if (to_utf8_exact(&t->in, raw, n, NULL) != 0) {
		tmsg(t, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Read one more chunk into t->in; sets eof at the end.  -1 on error. */
static int
read_more(struct table *t)
{
	char *raw, *at;
	size_t n;
	int rc;

	if (t->eof)
		return 0;
	/* Read straight onto the text: UTF-8 needs no copy, only a check. */
	buf_reserve(&t->in, READ_CHUNK + sizeof t->carry);
	at = t->in.data + t->in.len;
	memcpy(at, t->carry, t->ncarry);
	n = fread(at + t->ncarry, 1, READ_CHUNK, t->fp);
	if (n < READ_CHUNK) {
		if (ferror(t->fp)) {
			tmsg(t, 0, "%s", strerror(errno));
			return -1;
		}
		t->eof = 1;
	}
	n += t->ncarry;
	t->ncarry = 0;
	if (!t->cp1252 && !t->cr_only && utf8_valid_prefix(at, n) == n) {
		t->in.len += n;
		t->in.data[t->in.len] = '\0';
		return 0;
	}
	raw = xmalloc(n + 1);
	memcpy(raw, at, n);
	rc = decode_chunk(t, raw, n, t->eof);
	free(raw);
	return rc;
}

/* Formats read whole: .xlsx and UTF-16.  Fills t->in; eof set. */
static int
read_whole_converted(struct table *t, const struct table_opts *o)
{
	struct buf raw = BUF_INIT;
	struct enc_report rep;
	int rc = 0;

	buf_add(&raw, t->in.data, t->in.len);	/* what was peeked at */
	buf_clear(&t->in);
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
	t->eof = 1;
	if (xlsx_is_zip(raw.data, raw.len)) {
		t->info.encoding = "xlsx";
		t->info.delim = ',';
		rc = xlsx_to_csv(raw.data, raw.len, t->name, o->sheet,
		    o->exact ? XLSX_EXACT : 0, &t->in);
	} else if (px_is_px(raw.data, raw.len) || px_is_json(raw.data, raw.len)) {
		/* To UTF-8 first (a PX file may be Latin-1), then the cube. */
		int px = px_is_px(raw.data, raw.len);

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
			    FIRST_BLOCK : (size_t)-1, WHOLE_LIMIT, t->name, &t->in);
		}
		t->info.delim = ',';
		t->info.encoding = !px ? "JSON-stat" :
		    rep.detected == ENC_UTF8 || rep.detected == ENC_UTF8_BOM ?
		    "PX, UTF-8" : "PX, Windows-1252";
	} else if (to_utf8_exact(&t->in, raw.data, raw.len, &rep) != 0) {
		warnsys("%s", err_name(t->name));
		rc = -1;
	} else {
		t->info.encoding = encoding_name(rep.detected);
	}
	buf_free(&raw);
	return rc;
}

/* The first block: enough text to find the delimiter and the header. */
static int
read_first_block(struct table *t, const struct table_opts *o)
{
	const unsigned char *u;
	char head[4];
	size_t n;

	n = fread(head, 1, sizeof head, t->fp);
	if (ferror(t->fp)) {
		warnsys("%s", err_name(t->name));
		return -1;
	}
	u = (const unsigned char *)head;
	if ((n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
	    xlsx_is_zip(head, n) || px_is_px(head, n) || px_is_json(head, n)) {
		buf_add(&t->in, head, n);
		return read_whole_converted(t, o);
	}
	if (n < sizeof head)
		t->eof = 1;
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
		t->info.encoding = encoding_name(ENC_UTF8_BOM);
		memmove(head, head + 3, n - 3);
		n -= 3;
	}
	memcpy(t->carry, head, n);
	t->ncarry = n;
	if (t->eof && decode_chunk(t, t->carry, n, 1) != 0)
		return -1;
	if (t->eof)
		t->ncarry = 0;
	while (!t->eof && t->in.len < FIRST_BLOCK)
		if (read_more(t) != 0)
			return -1;
	if (t->in.len > 0 && memchr(t->in.data, '\n', t->in.len) == NULL &&
	    memchr(t->in.data, '\r', t->in.len) != NULL) {
		t->cr_only = 1;
		for (n = 0; n < t->in.len; n++)
			if (t->in.data[n] == '\r')
				t->in.data[n] = '\n';
	}
	if (t->in.data == NULL)
		buf_adds(&t->in, "");
	return 0;
}

/* ---- splitting rows ---- */

/*
 * Find the end of the row starting at s: the offset of the newline that
 * ends it (outside quotes), or the text's end when eof.  Returns 0 when
 * the row is not complete yet; sets *inner to the newlines inside.
 */
static int
row_end(const struct table *t, size_t s, int delim, size_t *end,
    unsigned long *inner)
{
	const char *d = t->in.data;
	size_t len = t->in.len, i = s;
	const char *nl = memchr(d + s, '\n', len - s);
	int quoted = 0, start = 1;

	*inner = 0;
	if (nl != NULL && memchr(d + s, '"', (size_t)(nl - (d + s))) == NULL) {
		*end = (size_t)(nl - d);
		return 1;
	}
	for (; i < len; i++) {
		char c = d[i];

		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && d[i + 1] == '"')
					i++;
				else if (i + 1 == len && !t->eof)
					return 0;	/* "" may be cut by the chunk */
				else
					quoted = 0;
			} else if (c == '\n') {
				(*inner)++;
			}
			continue;
		}
		if (c == '\n') {
			*end = i;
			return 1;
		}
		if (start && c == '"')
			quoted = 1;
		start = c == delim;
	}
	if (!t->eof)
		return 0;
	if (quoted)
		return -1;
	*end = len;
	return 1;
}

static void
add_cell(struct table *t, const char *s, size_t len)
{
	if (t->ncells == t->capcells) {
		t->capcells = t->capcells ? t->capcells * 2 : 32;
		t->cells = xreallocarray(t->cells, (size_t)t->capcells, sizeof *t->cells);
		t->lens = xreallocarray(t->lens, (size_t)t->capcells, sizeof *t->lens);
	}
	t->cells[t->ncells] = s;
	t->lens[t->ncells] = len;
	t->ncells++;
}

/* Split the row in[s..e) in place into t->cells. */
static int
split_row(struct table *t, size_t s, size_t e, int delim)
{
	char *d = t->in.data;
	size_t i = s, w = s, start;

	if (e > s && d[e - 1] == '\r')
		e--;
	t->ncells = 0;
	for (;;) {
		start = w;
		if (i < e && d[i] == '"') {
			for (i++; i < e; i++) {
				if (d[i] == '"') {
					if (i + 1 < e && d[i + 1] == '"')
						i++;
					else {
						i++;
						break;
					}
				}
				d[w++] = d[i];
			}
		}
		while (i < e && d[i] != delim)
			d[w++] = d[i++];
		d[w] = '\0';
		if (t->ncells == CELL_LIMIT) {
			tmsg(t, t->rowline, "more than %d cells in a row",
			    CELL_LIMIT);
			return -1;
		}
		add_cell(t, d + start, w - start);
		w++;
		if (i >= e)
			break;
		i++;	/* the delimiter */
	}
	return 0;
}

/* Make room: drop the rows already handed out, then read more. */
static int
refill(struct table *t)
{
	if (t->pos > 0) {
		memmove(t->in.data, t->in.data + t->pos, t->in.len - t->pos);
		t->in.len -= t->pos;
		t->in.data[t->in.len] = '\0';
		t->pos = 0;
	}
	if (t->in.len > ROW_LIMIT) {
		tmsg(t, t->line + 1, "row longer than %zu MiB",
		    ROW_LIMIT >> 20);
		return -1;
	}
	return read_more(t);
}

/*
 * Split the next physical row into t->cells.  1 row, 0 end, -1 after a
 * message about this row (skipped; reading may go on), -2 after a
 * message when the file cannot be read on.  stream: may read more input.
 */
static int
next_raw_row(struct table *t, int stream)
{
	unsigned long inner;
	size_t end;
	int r;

	for (;;) {
		if (t->pos >= t->in.len && t->eof)
			return 0;
		r = t->pos < t->in.len ? row_end(t, t->pos, t->info.delim, &end, &inner) : 0;
		if (r < 0) {
			tmsg(t, t->line + 1, "unterminated quoted field");
			return -2;
		}
		if (r > 0)
			break;
		if (!stream)
			return 0;
		if (t->eof)
			return 0;
		if (refill(t) != 0)
			return -2;
	}
	t->rowline = t->line + 1;
	t->line += 1 + inner;
	/* Cells are handed out as C strings: a NUL would cut one short. */
	if (memchr(t->in.data + t->pos, '\0', end - t->pos) != NULL) {
		tmsg(t, t->rowline, "NUL byte in the row (a binary file?)");
		t->ncells = 0;
		t->pos = end < t->in.len ? end + 1 : end;
		return -1;
	}
	if (split_row(t, t->pos, end, t->info.delim) != 0)
		return -2;
	t->pos = end < t->in.len ? end + 1 : end;
	return 1;
}

/* ---- detection ---- */

/* Fields of the line at s with delimiter delim (quotes respected). */
static int
count_fields(const char *s, size_t len, int delim, size_t *used)
{
	size_t i;
	int n = 1, quoted = 0, start = 1;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && s[i + 1] == '"')
					i++;
				else
					quoted = 0;
			}
			continue;
		}
		if (c == '\n')
			break;
		if (start && c == '"')
			quoted = 1;
		start = c == delim;
		if (start)
			n++;
	}
	*used = i < len ? i + 1 : len;
	return n;
}

/*
 * The delimiter that splits the most lines of the first block into the
 * same number (two or more) of fields; ties go to ";" (SSB's), then TAB,
 * then ",", then "|".
 */
static int
detect_delim(const struct table *t)
{
	static const char cands[] = { ';', '\t', ',', '|' };
	int best = ';', bestscore = -1;
	size_t c;

	for (c = 0; c < sizeof cands; c++) {
		int counts[DETECT_LINES], nlines = 0, i, j, score = 0;
		size_t p = 0, used;

		while (p < t->in.len && nlines < DETECT_LINES) {
			int n = count_fields(t->in.data + p, t->in.len - p, cands[c], &used);

			if (used > 1 || (used == 1 && t->in.data[p] != '\n'))
				counts[nlines++] = n;
			p += used;
		}
		for (i = 0; i < nlines; i++) {
			int same = 0;

			if (counts[i] < 2)
				continue;
			for (j = 0; j < nlines; j++)
				same += counts[j] == counts[i];
			if (same > score)
				score = same;
		}
		if (score > bestscore) {
			bestscore = score;
			best = cands[c];
		}
	}
	return best;
}

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

		t->scells = xreallocarray(t->scells, cap * (size_t)t->ncols, sizeof *t->scells);
		t->slens = xreallocarray(t->slens, cap * (size_t)t->ncols, sizeof *t->slens);
		t->slines = xreallocarray(t->slines, cap, sizeof *t->slines);
		t->sbad = xrealloc(t->sbad, cap);
		t->capsample = (int)cap;
	}
	for (i = 0; i < t->ncols; i++) {
		t->scells[k + (size_t)i] = i < t->ncells ? t->cells[i] : t->empty;
		t->slens[k + (size_t)i] = i < t->ncells ? t->lens[i] : 0;
	}
	t->sbad[t->nsample] = (char)too_many_cells(t);
	t->slines[t->nsample++] = t->rowline;
}

static void
estimate_rows(struct table *t)
{
	struct stat st;

	if (t->eof && t->in.data != NULL && t->pos <= t->in.len) {
		/* All the text is here (a short file, or one read whole). */
		const char *p = t->in.data + t->pos, *end = t->in.data + t->in.len;
		unsigned long n = 1;

		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL)
			p++, n++;
		t->rows_hint = n;
		return;
	}
	if (t->nsample == 0 || t->pos == 0 || t->cp1252 ||
	    fstat(fileno(t->fp), &st) != 0 || !S_ISREG(st.st_mode))
		return;
	t->rows_hint = (unsigned long)((double)st.st_size / (double)t->pos *
	    (double)t->nsample) + 1;
}

/*
 * Is the row just split (right under the header) a second header row?
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
		if ((r = next_raw_row(t, t->line < HEADER_LINES)) <= 0) {
			if (r == 0)
				tmsg(t, 0, t->in.len == 0 ? "empty file" :
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
	while (t->pos < FIRST_BLOCK && (r = next_raw_row(t, 0)) != 0 && r != -2) {
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
	name_empty_columns(t);
	estimate_rows(t);
	return r == -2 ? -1 : 0;
}

/* ---- the interface ---- */

struct table *
table_open(const char *path, const struct table_opts *o)
{
	struct table *t = xcalloc(1, sizeof *t);
	static const struct table_opts none = { 0, NULL, 0 };

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
	if (read_first_block(t, o) != 0)
		goto fail;
	if (t->info.delim == 0)
		t->info.delim = o->delim ? o->delim : detect_delim(t);
	if (detect_layout(t) != 0)
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
	if (t->own_fp && t->fp != NULL)
		fclose(t->fp);
	px_cube_free(t->cube);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->cells);
	free(t->lens);
	free(t->scells);
	free(t->slens);
	free(t->slines);
	free(t->sbad);
	free(t->out);
	free(t->outlens);
	buf_free(&t->in);
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
	t->ncells = 0;
	for (i = 0; i < n; i++)
		add_cell(t, cells[i], lens[i]);
	t->rowline = ++t->line;
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
		if (t->cube != NULL && t->pos >= t->in.len) {
			if ((r = cube_row(t)) == 0)
				return 0;
		} else if ((r = next_raw_row(t, 1)) == -1) {
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
