/*
 * Records in and out (csvio.h): the one CSV reader and writer of samling.
 *
 * The reader feeds libcsv one physical line at a time (read_line:
 * bounded, NUL bytes seen), so each row knows the line it began on, and
 * collects finished rows in a small queue (a CR-only file may finish
 * several rows in one "line").  libcsv rather than a parser of our own:
 * it is the strict RFC 4180 parser Debian ships, with its errors for a
 * stray quote, CR-only and CRLF files and an unterminated quote at the
 * end, which the rows with a quote need.  Rows without one (most rows)
 * are split here, giving what libcsv would give without a callback a
 * byte (a quarter of samling-extract's time went there); that
 * a row may be split here is known from the quotes fed to libcsv
 * (quotes_odd), never from its private parser state.  TSV lines are split
 * here too, and JSON is read with jansson.
 *
 * The writer does its own quoting: libcsv's csv_fwrite quotes every
 * field, and RFC 4180 only needs quotes where a field holds the
 * delimiter, a quote or a line break.
 */
#include <csv.h>
#include <jansson.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "enc.h"
#include "err.h"
#include "text.h"
#include "xlsxout.h"
#include "xalloc.h"

/*
 * A row longer than this is refused rather than buffered without end
 * (compare's limit too); the input is not read on, as a line without end
 * (/dev/zero) would only be skipped forever.
 */
#define ROW_LIMIT ((size_t)64 << 20)
#define READ_CHUNK ((size_t)64 << 10)
#define FIRST_BLOCK ((size_t)64 << 10)	/* a table's delimiter is found here */
#define DETECT_LINES 200
#define CELL_LIMIT 100000		/* cells a table's row may hold */
#define WHOLE_LIMIT ((size_t)1 << 30)	/* JSON read whole */

struct row {
	struct buf data;	/* fields, each NUL-terminated */
	size_t *off;
	size_t *len;
	int n, cap;
	unsigned long line;
};

/* The texts of a JSON text's numbers, in order (json_number_texts). */
struct jnum {
	const char *s;
	size_t len;
};

struct jnums {
	struct jnum *v;
	size_t n, cap, next;
};

struct csvreader {
	int fmt;		/* enum informat: IN_DETECT until the first line */
	char **keys;		/* JSON: the header's keys */
	int nkeys;
	FILE *fp;
	char *name;
	struct csv_parser parser;
	char *in;		/* input read ahead: in[pos..inlen) */
	size_t pos, inlen, incap;
	int ineof;
	int nul;		/* the row being parsed holds a NUL byte */
	int inquote;		/* libcsv is inside a quoted field */
	unsigned long lineno;	/* lines read so far */
	unsigned long rowline;	/* line the row being parsed began on */
	struct row *queue;	/* finished rows */
	int qlen, qcap, qhead;
	struct row cur;		/* the row being parsed */
	struct csvfield *fields;
	int fieldcap;
	unsigned long lastline;	/* line the last returned row began on */
	int eof, failed, bad;
	size_t rowbytes;

	/* csvr_open_table */
	int table;
	int started;		/* the first block has been looked at */
	int detect;		/* the delimiter is to be found */
	int cp1252;		/* the text turned out not to be UTF-8 */
	int cr_only;		/* lines end in CR alone (old Mac files) */
	int bom;
	char carry[4];		/* a UTF-8 sequence cut at a chunk's end */
	size_t ncarry;
	unsigned long long taken;	/* bytes of text put into in[] */
	int toomany;		/* the row being parsed has too many cells */
	struct buf pend;	/* a table's row with quotes, line by line */
	int ndirect;		/* fields of a row split where it stands */
	struct jnums nums;	/* JSON: the numbers as written */
	struct buf *sink;	/* messages kept here, not printed */
};

/* A message about the input: printed, or kept in the sink. */
#define rmsg(r, line, ...) \
	warnat_to((r)->sink, (r)->name, line, __VA_ARGS__)

static void
row_reset(struct row *r)
{
	buf_clear(&r->data);
	r->n = 0;
}

static void
row_free(struct row *r)
{
	buf_free(&r->data);
	free(r->off);
	free(r->len);
}

static void
add_field(struct csvreader *r, const char *s, size_t len)
{
	struct row *row = &r->cur;

	if (row->n == 0)
		row->line = r->rowline;
	if (r->table && row->n == CELL_LIMIT) {
		r->toomany = 1;
		return;
	}
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 16;
		row->off = xreallocarray(row->off, (size_t)row->cap, sizeof *row->off);
		row->len = xreallocarray(row->len, (size_t)row->cap, sizeof *row->len);
	}
	row->off[row->n] = row->data.len;
	row->len[row->n] = len;
	buf_add(&row->data, s ? s : "", s ? len : 0);
	buf_addc(&row->data, '\0');
	row->n++;
}

static void
on_field(void *s, size_t len, void *data)
{
	add_field(data, s, len);
}

static void
on_row(int c, void *data)
{
	struct csvreader *r = data;
	struct row tmp;

	(void)c;
	if (r->cur.n == 0)
		return;
	if (r->nul) {
		/* a NUL would cut a field short: the row is not read as it is */
		rmsg(r, r->cur.line, "NUL byte in the row (a binary file?)");
		r->nul = 0;
		r->bad = 1;
		row_reset(&r->cur);
		return;
	}
	if (r->toomany) {
		/* not read on, as a row of a million cells is no table */
		rmsg(r, r->cur.line, "more than %d cells in a row", CELL_LIMIT);
		r->toomany = 0;
		r->bad = r->failed = r->eof = 1;
		row_reset(&r->cur);
		return;
	}
	if (r->qlen == r->qcap) {
		r->qcap = r->qcap ? r->qcap * 2 : 4;
		r->queue = xreallocarray(r->queue, (size_t)r->qcap, sizeof *r->queue);
		memset(r->queue + r->qlen, 0, (size_t)(r->qcap - r->qlen) * sizeof *r->queue);
	}
	/* Swap storage so neither side reallocates on every row. */
	tmp = r->queue[r->qlen];
	r->queue[r->qlen] = r->cur;
	r->cur = tmp;
	row_reset(&r->cur);
	r->qlen++;
}

/*
 * libcsv grows a field by this much at a time (128 bytes by default): a
 * field of megabytes would be copied over and over.
 */
#define CSV_BLOCK ((size_t)1 << 20)

/* An unterminated quote at the end is an error (CSV_STRICT_FINI). */
#define CSV_FLAGS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

int
informat_parse(const char *s)
{
	static const char *const names[] = { "csv", "tsv", "jsonl", "json" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -2;
}

int
informat_arg(const char *s)
{
	int f;

	if ((f = informat_parse(s)) < -1)
		die(2, "unknown input format: %s (csv, tsv, jsonl or json)",
		    err_name(s));
	return f;
}

static void
parser_init(struct csvreader *r, int delim)
{
	if (csv_init(&r->parser, CSV_FLAGS) != 0)
		die(2, "out of memory");
	csv_set_delim(&r->parser, (unsigned char)delim);
	csv_set_blk_size(&r->parser, CSV_BLOCK);
}

struct csvreader *
csvr_open_records(FILE *fp, const char *name, int informat)
{
	struct csvreader *r = csvr_open(fp, name, informat == IN_TSV ? '\t' : ',');

	r->fmt = informat;
	return r;
}

struct csvreader *
csvr_open(FILE *fp, const char *name, int delim)
{
	struct csvreader *r = xcalloc(1, sizeof *r);

	r->fp = fp;
	r->name = xstrdup(name ? name : "-");
	parser_init(r, delim);
	return r;
}

static int decode_new(struct csvreader *r, size_t start);

struct csvreader *
csvr_open_table(FILE *fp, const char *name, int informat, int delim,
    const char *head, size_t nhead)
{
	struct csvreader *r = xcalloc(1, sizeof *r);

	r->fp = fp;
	r->name = xstrdup(name ? name : "-");
	r->table = 1;
	r->fmt = informat;
	r->detect = delim == 0 && informat != IN_TSV;
	parser_init(r, informat == IN_TSV ? '\t' : delim ? delim : ',');
	if (nhead > 0) {
		r->incap = 2 * READ_CHUNK + nhead;
		r->in = xmalloc(r->incap);
		memcpy(r->in, head, nhead);
		r->inlen = nhead;
		(void)decode_new(r, 0);
	}
	return r;
}

void
csvr_set_messages(struct csvreader *r, struct buf *sink)
{
	r->sink = sink;
}

int
csvr_delim(const struct csvreader *r)
{
	return r->fmt == IN_TSV ? '\t' :
	    csv_get_delim((struct csv_parser *)&r->parser);
}

int
csvr_format(const struct csvreader *r)
{
	return r->fmt;
}

const char *
csvr_encoding(const struct csvreader *r)
{
	return encoding_name(r->cp1252 ? ENC_CP1252 : r->bom ? ENC_UTF8_BOM :
	    ENC_UTF8);
}

unsigned long long
csvr_offset(const struct csvreader *r)
{
	return r->taken - (r->inlen - r->pos);
}

int
csvr_cp1252(const struct csvreader *r)
{
	return r->cp1252;
}

/* Drop rows left from a failed parse and start the parser afresh. */
static void
restart_parser(struct csvreader *r)
{
	int delim = csv_get_delim(&r->parser);

	csv_free(&r->parser);
	parser_init(r, delim);
	row_reset(&r->cur);
	r->rowbytes = 0;
	r->nul = 0;
	r->toomany = 0;
	r->inquote = 0;
	buf_clear(&r->pend);
}

/* A blank libcsv drops around an unquoted field (none in a table). */
static int
is_blank(const struct csvreader *r, int c, int delim)
{
	return (c == ' ' || c == '\t') && c != delim && !r->table;
}

/*
 * Whether libcsv is inside a quoted field is told by the quotes it was
 * fed, not by its parser state, which is private to it: in strict mode
 * a quote opens or closes a quoted field or is one of a doubled pair
 * inside it (any other quote is an error, after which the parser starts
 * afresh), so an odd number of them since the row began leaves it inside.
 */
static int
quotes_odd(const char *p, size_t n)
{
	const char *q, *end = p + n;
	int odd = 0;

	while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		odd = !odd;
		p = q + 1;
	}
	return odd;
}

/*
 * The common row, a line with no quote and no line break inside it,
 * split here rather than a byte at a time through libcsv's callbacks (a
 * quarter of samling-extract's time went there).  It gives what libcsv
 * gives: fields cut at the delimiter, blanks around unquoted fields
 * dropped, a blank line no row.  The row is handed out where it stands
 * in the input buffer, each field ended by a NUL written over what
 * follows it (at worst the byte past the text, which in[] always has).
 * 0 when the line needs libcsv.
 */
static int
split_plain_line(struct csvreader *r, char *p, size_t n)
{
	int delim = csv_get_delim(&r->parser), nf = 0;
	size_t a, e, end = n;

	if (r->inquote || memchr(p, '"', n) != NULL)
		return 0;
	if (end > 0 && p[end - 1] == '\n')
		end--;
	if (end > 0 && p[end - 1] == '\r')
		end--;
	/* a CR inside the line ends a row for libcsv, not in a table */
	if (!r->table && memchr(p, '\r', end) != NULL)
		return 0;
	for (a = 0; a < end && is_blank(r, (unsigned char)p[a], delim); a++)
		;
	if (a == end)
		return 1;	/* a blank line */
	if (r->nul) {
		rmsg(r, r->rowline, "NUL byte in the row (a binary file?)");
		r->nul = 0;
		r->bad = 1;
		return 1;
	}
	for (a = 0; ; a = e + 1) {
		char *d = memchr(p + a, delim, end - a);
		size_t b;

		e = d != NULL ? (size_t)(d - p) : end;
		b = e;
		while (a < b && is_blank(r, (unsigned char)p[a], delim))
			a++;
		while (b > a && is_blank(r, (unsigned char)p[b - 1], delim))
			b--;
		if (r->table && nf == CELL_LIMIT) {
			rmsg(r, r->rowline, "more than %d cells in a row",
			    CELL_LIMIT);
			r->bad = r->failed = r->eof = 1;
			return 1;
		}
		if (nf == r->fieldcap) {
			r->fieldcap = r->fieldcap ? r->fieldcap * 2 : 16;
			r->fields = xreallocarray(r->fields, (size_t)r->fieldcap,
			    sizeof *r->fields);
		}
		r->fields[nf].s = p + a;
		r->fields[nf++].len = b - a;
		p[b] = '\0';
		if (d == NULL)
			break;
	}
	r->ndirect = nf;
	return 1;
}

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

/*
 * A table's text in[start..inlen), just read: UTF-8 as it is (a sequence
 * cut by the chunk's end carried to the next), else from here on
 * Windows-1252, converted; CR made LF in a file of CR line ends.
 */
static int
decode_new(struct csvreader *r, size_t start)
{
	struct buf b = BUF_INIT;
	size_t n = r->inlen - start, valid, cut, i;
	char *p = r->in + start;

	if (!r->cp1252) {
		valid = utf8_valid_prefix(p, n);
		if (valid < n) {
			cut = r->ineof ? 0 : cut_sequence((const unsigned char *)p, n);
			if (cut > 0 && valid == n - cut) {
				memcpy(r->carry, p + valid, cut);
				r->ncarry = cut;
				r->inlen -= cut;
				valid = n;
			}
		}
		if (valid == n) {
			if (r->cr_only)
				for (i = start; i < r->inlen; i++)
					if (r->in[i] == '\r')
						r->in[i] = '\n';
			r->taken += r->inlen - start;
			return 0;
		}
		/* Not UTF-8: from here on the text is read as Windows-1252. */
		r->cp1252 = 1;
		start += valid;
		p += valid;
		n -= valid;
		r->taken += valid;
	}
	/* (line ends are made LF by the conversion) */
	if (to_utf8_exact(&b, p, n, NULL) != 0)
		return -1;
	if (start + b.len + 1 > r->incap) {
		r->incap = start + b.len + READ_CHUNK;
		r->in = xrealloc(r->in, r->incap);
	}
	memcpy(r->in + start, b.data, b.len);
	r->inlen = start + b.len;
	r->taken += b.len;
	buf_free(&b);
	return 0;
}

/*
 * Read one more chunk onto in[] (moving what is left to its start):
 * 0, or -1 on a read error (errno); sets ineof at the end.
 */
static int
read_chunk(struct csvreader *r)
{
	size_t got, start;

	if (r->pos > 0) {
		memmove(r->in, r->in + r->pos, r->inlen - r->pos);
		r->inlen -= r->pos;
		r->pos = 0;
	}
	if (r->incap - r->inlen < READ_CHUNK + sizeof r->carry) {
		r->incap = r->incap ? r->incap * 2 : 2 * READ_CHUNK;
		r->in = xrealloc(r->in, r->incap);
	}
	start = r->inlen;
	memcpy(r->in + r->inlen, r->carry, r->ncarry);
	r->inlen += r->ncarry;
	r->ncarry = 0;
	got = fread(r->in + r->inlen, 1, READ_CHUNK, r->fp);
	r->inlen += got;
	if (got < READ_CHUNK) {
		if (ferror(r->fp))
			return -1;
		r->ineof = 1;
	}
	if (r->table)
		return decode_new(r, start);
	r->taken += r->inlen - start;
	return 0;
}

/*
 * The next physical line, its '\n' included (the last line may lack it):
 * 1, or 0 at end of input, -1 on a read error (errno), -2 when no line
 * break came within ROW_LIMIT bytes.
 */
static int
read_line(struct csvreader *r, char **line, size_t *len)
{
	size_t scanned = 0;
	char *nl;

	for (;;) {
		/* nothing read yet: no arithmetic on a NULL buffer */
		nl = r->in == NULL ? NULL : memchr(r->in + r->pos + scanned,
		    '\n', r->inlen - r->pos - scanned);
		if (nl != NULL) {
			*line = r->in + r->pos;
			*len = (size_t)(nl + 1 - *line);
			r->pos += *len;
			return 1;
		}
		scanned = r->inlen - r->pos;
		if (r->ineof) {
			if (scanned == 0)
				return 0;
			*line = r->in + r->pos;
			*len = scanned;
			r->pos = r->inlen;
			return 1;
		}
		if (scanned > ROW_LIMIT)
			return -2;
		if (read_chunk(r) != 0)
			return -1;
	}
}

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
 * The delimiter that splits the most lines of s[0..len) into the same
 * number (two or more) of fields; ties go to ";" (SSB's), then TAB, then
 * ",", then "|".
 */
static int
detect_delim(const char *s, size_t len)
{
	static const char cands[] = { ';', '\t', ',', '|' };
	int best = ';', bestscore = -1;
	size_t c;

	for (c = 0; c < sizeof cands; c++) {
		int counts[DETECT_LINES], nlines = 0, i, j, score = 0;
		size_t p = 0, used;

		while (p < len && nlines < DETECT_LINES) {
			int n = count_fields(s + p, len - p, cands[c], &used);

			if (used > 1 || (used == 1 && s[p] != '\n'))
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

static int jsonl_table_header(struct csvreader *r);

/*
 * A table's first block, read before its first row: a byte order mark
 * dropped, CR line ends seen, JSON told (its first character) and the
 * delimiter found.  -1 on a read error (errno).
 */
static int
table_start(struct csvreader *r)
{
	size_t i, n;
	char *p;

	r->started = 1;
	while (!r->ineof && r->inlen - r->pos < FIRST_BLOCK)
		if (read_chunk(r) != 0)
			return -1;
	p = r->in + r->pos;
	n = r->inlen - r->pos;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		r->bom = 1;
		r->pos += 3;
		r->taken -= 3;
		p += 3;
		n -= 3;
	}
	if (n > 0 && memchr(p, '\n', n) == NULL && memchr(p, '\r', n) != NULL) {
		r->cr_only = 1;
		for (i = 0; i < n; i++)
			if (p[i] == '\r')
				p[i] = '\n';
	}
	if (r->fmt == IN_DETECT) {
		for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t' ||
		    p[i] == '\n'); i++)
			;
		r->fmt = i < n && p[i] == '[' ? IN_JSON :
		    i < n && p[i] == '{' ? IN_JSONL : IN_CSV;
	}
	if (r->fmt == IN_CSV && r->detect)
		csv_set_delim(&r->parser, (unsigned char)detect_delim(p, n));
	if (r->fmt == IN_JSONL)
		return jsonl_table_header(r);
	return 0;
}

/*
 * What the first non-blank line is: a JSON array's start, a JSON object
 * (JSON Lines), a header with more tabs than commas (TSV), or CSV.
 * IN_DETECT for a blank line.
 */
static int
detect_format(const char *p, size_t n)
{
	size_t i, tabs = 0, commas = 0;

	for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	if (i == n)
		return IN_DETECT;
	if (p[i] == '[')
		return IN_JSON;
	if (p[i] == '{')
		return IN_JSONL;
	for (; i < n; i++)
		if (p[i] == '\t')
			tabs++;
		else if (p[i] == ',')
			commas++;
	return tabs > commas ? IN_TSV : IN_CSV;
}

/* A TSV line: fields at tabs, \t \n \r \\ unescaped (csvw_field). */
static void
split_tsv_line(struct csvreader *r, const char *p, size_t n)
{
	struct buf f = BUF_INIT;
	size_t i;

	if (n > 0 && p[n - 1] == '\n')
		n--;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n == 0)
		return;
	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == '\t') {
			add_field(r, f.data, f.len);
			buf_clear(&f);
		} else if (p[i] == '\\' && i + 1 < n) {
			i++;
			buf_addc(&f, p[i] == 't' ? '\t' : p[i] == 'n' ? '\n' :
			    p[i] == 'r' ? '\r' : p[i]);
		} else
			buf_addc(&f, p[i]);
	}
	buf_free(&f);
	on_row(0, r);
}

/*
 * Numbers are given as the input writes them ("0.30" stays so), which
 * jansson cannot tell: their texts are found here in the text jansson
 * read, in the order of the document, and matched to the values as the
 * parsed objects are walked in that order (jansson keeps a document's
 * order of keys; a key given twice is refused, as it would break it).
 */
#define JSON_FLAGS (JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES)

/* The texts of the numbers in s[0..n), which jansson has read as JSON. */
static void
json_number_texts(struct jnums *nums, const char *s, size_t n)
{
	size_t i = 0, b;

	nums->n = nums->next = 0;
	while (i < n) {
		if (s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
		} else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			for (b = i; i < n && strchr("+-.eE0123456789", s[i]) != NULL &&
			    s[i] != '\0'; i++)
				;
			if (nums->n == nums->cap) {
				nums->cap = nums->cap ? nums->cap * 2 : 16;
				nums->v = xreallocarray(nums->v, nums->cap, sizeof *nums->v);
			}
			nums->v[nums->n].s = s + b;
			nums->v[nums->n++].len = i - b;
		} else
			i++;
	}
}

/* Numbers inside v, which are passed over (a value written as JSON). */
static size_t
json_count_numbers(json_t *v)
{
	const char *key;
	json_t *e;
	size_t i, n = 0;

	if (json_is_number(v))
		return 1;
	if (json_is_array(v))
		for (i = 0; i < json_array_size(v); i++)
			n += json_count_numbers(json_array_get(v, i));
	else if (json_is_object(v))
		json_object_foreach(v, key, e)
			n += json_count_numbers(e);
	return n;
}

/* A JSON value as a field's text: a number as written, null empty. */
static void
add_json_value(struct csvreader *r, const json_t *v, const struct jnum *num)
{
	char *s;

	switch (json_typeof(v)) {
	case JSON_STRING:
		add_field(r, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		add_field(r, num != NULL ? num->s : "", num != NULL ? num->len : 0);
		break;
	case JSON_TRUE:
		add_field(r, "true", 4);
		break;
	case JSON_FALSE:
		add_field(r, "false", 5);
		break;
	case JSON_NULL:
		add_field(r, "", 0);
		break;
	default:
		s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
		add_field(r, s ? s : "", s ? strlen(s) : 0);
		free(s);
	}
}

/* Add obj's keys that are not in the header yet (a table's header). */
static void
json_union_keys(struct csvreader *r, json_t *obj, int *cap)
{
	const char *key;
	json_t *v;
	int i;

	json_object_foreach(obj, key, v) {
		for (i = 0; i < r->nkeys; i++)
			if (strcmp(r->keys[i], key) == 0)
				break;
		if (i < r->nkeys)
			continue;
		if (r->nkeys == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			r->keys = xreallocarray(r->keys, (size_t)*cap, sizeof *r->keys);
		}
		r->keys[r->nkeys++] = xstrdup(key);
	}
}

/* The header row of the keys (one empty field when there are none). */
static void
json_header(struct csvreader *r, unsigned long line)
{
	int i;

	r->rowline = line;
	for (i = 0; i < r->nkeys; i++)
		add_field(r, r->keys[i], strlen(r->keys[i]));
	if (r->nkeys == 0)
		add_field(r, "", 0);
	on_row(0, r);
}

/*
 * A JSON object as a row, its numbers' texts nums->v[nums->next...).
 * Without a header yet, the first object's keys are the header (given as
 * the first row); a key missing later is an empty field, a key not in
 * the header is left out.
 */
static void
json_row(struct csvreader *r, json_t *obj, unsigned long line,
    struct jnums *nums)
{
	const char *key;
	json_t *v;
	const json_t **vals;
	const struct jnum **num;
	size_t n, k = 0, j;
	int i;

	r->rowline = line;
	if (!json_is_object(obj)) {
		nums->next += json_count_numbers(obj);
		rmsg(r, line, "not a JSON object");
		r->bad = 1;
		return;
	}
	if (r->keys == NULL) {
		int cap = 0;

		json_union_keys(r, obj, &cap);
		if (r->keys == NULL)
			r->keys = xcalloc(1, sizeof *r->keys);
		json_header(r, line);
		r->rowline = line;
	}
	/* each member's value and, for a number, its text */
	n = json_object_size(obj);
	vals = xreallocarray(NULL, n + 1, sizeof *vals);
	num = xreallocarray(NULL, n + 1, sizeof *num);
	json_object_foreach(obj, key, v) {
		vals[k] = v;
		num[k] = NULL;
		if (json_is_number(v))
			num[k] = nums->next < nums->n ? &nums->v[nums->next++] : NULL;
		else
			nums->next += json_count_numbers(v);
		k++;
	}
	for (i = 0; i < r->nkeys; i++) {
		v = json_object_get(obj, r->keys[i]);
		for (j = 0; v != NULL && j < k && vals[j] != v; j++)
			;
		add_json_value(r, v != NULL ? v : json_null(),
		    v != NULL && j < k ? num[j] : NULL);
	}
	if (r->nkeys == 0)
		add_field(r, "", 0);
	on_row(0, r);
	free(vals);
	free(num);
}

/* Skip blanks: the offset of the first other byte of p[0..n). */
static size_t
json_blanks(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	return i;
}

/* One line of JSON Lines; a blank line is no row. */
static void
json_line(struct csvreader *r, const char *p, size_t n)
{
	json_error_t e;
	json_t *obj;

	if (json_blanks(p, n) == n)
		return;
	if ((obj = json_loadb(p, n, JSON_FLAGS, &e)) == NULL) {
		rmsg(r, r->lineno, "malformed JSON: %s", e.text);
		r->bad = 1;
		return;
	}
	json_number_texts(&r->nums, p, n);
	json_row(r, obj, r->lineno, &r->nums);
	json_decref(obj);
}

/*
 * A table in JSON Lines: its header is every key of its objects, in the
 * order first seen, so the input is read whole and looked through first.
 * (Lines that are no JSON object are reported when their turn comes.)
 */
static int
jsonl_table_header(struct csvreader *r)
{
	size_t at, n;
	const char *p, *nl;
	json_t *obj;
	int cap = 0;

	while (!r->ineof) {
		if (read_chunk(r) != 0)
			return -1;
		if (r->inlen > WHOLE_LIMIT) {
			rmsg(r, 0, "larger than %zu MiB", WHOLE_LIMIT >> 20);
			r->failed = r->eof = 1;
			return 0;
		}
	}
	for (at = r->pos; at < r->inlen; at += n) {
		p = r->in + at;
		nl = memchr(p, '\n', r->inlen - at);
		n = nl != NULL ? (size_t)(nl + 1 - p) : r->inlen - at;
		if (json_blanks(p, n) == n ||
		    (obj = json_loadb(p, n, JSON_FLAGS, NULL)) == NULL)
			continue;
		if (json_is_object(obj))
			json_union_keys(r, obj, &cap);
		json_decref(obj);
	}
	if (r->keys == NULL)
		r->keys = xcalloc(1, sizeof *r->keys);
	json_header(r, 1);
	return 0;
}

/*
 * A JSON array of objects (-F json): read whole, as jansson reads, and
 * queued as rows.  Element N is given line N + 1, where samling's -F json
 * writes it.  A table's header is the keys of all its objects.
 */
static int
feed_json(struct csvreader *r, const char *p, size_t n)
{
	struct buf all = BUF_INIT;
	json_error_t e;
	json_t *arr;
	size_t i, got;
	char chunk[65536];
	int cap = 0;

	buf_add(&all, p, n);
	buf_add(&all, r->in + r->pos, r->inlen - r->pos);
	r->pos = r->inlen;
	while ((got = fread(chunk, 1, sizeof chunk, r->fp)) > 0 &&
	    all.len <= WHOLE_LIMIT)
		buf_add(&all, chunk, got);
	r->eof = 1;
	if (all.len > WHOLE_LIMIT) {
		rmsg(r, 0, "larger than %zu MiB", WHOLE_LIMIT >> 20);
		r->failed = 1;
		buf_free(&all);
		return 0;
	}
	if (ferror(r->fp)) {
		rmsg(r, 0, "%s", strerror(errno ? errno : EIO));
		r->failed = 1;
		buf_free(&all);
		return 0;
	}
	arr = json_loadb(all.data, all.len, JSON_FLAGS, &e);
	if (arr == NULL || !json_is_array(arr)) {
		rmsg(r, arr == NULL ? (unsigned long)e.line : r->lineno,
		    "%s%s", arr == NULL ? "malformed JSON: " : "not a JSON array",
		    arr == NULL ? e.text : "");
		json_decref(arr);
		buf_free(&all);
		r->bad = 1;
		return 1;
	}
	json_number_texts(&r->nums, all.data, all.len);
	if (r->table) {
		for (i = 0; i < json_array_size(arr); i++)
			if (json_is_object(json_array_get(arr, i)))
				json_union_keys(r, json_array_get(arr, i), &cap);
		if (r->keys == NULL)
			r->keys = xcalloc(1, sizeof *r->keys);
		json_header(r, r->lineno);
	}
	for (i = 0; i < json_array_size(arr); i++)
		json_row(r, json_array_get(arr, i), r->lineno + 1 + i, &r->nums);
	json_decref(arr);
	buf_free(&all);
	return r->qlen > r->qhead;
}

/*
 * A table's rows with quotes.  Statistics files are not all RFC 4180
 * (a footnote line such as `":" = confidential`), and libcsv, strict or
 * not, would run such a quote on to the end of the file; so a table's
 * row is read as RFC 4180 where it is that and leniently where not: a
 * quote opens a quoted field only at the start of a field, "" inside one
 * is a quote, a quote elsewhere is an ordinary character, and text after
 * a closing quote goes on in the field.  Is a quoted field still open
 * after the line p[0..n)?  (quoted: open when the line began)
 */
static int
table_quoted_after(const char *p, size_t n, int delim, int quoted)
{
	size_t i;
	int start = 1;

	for (i = 0; i < n; i++) {
		if (quoted) {
			if (p[i] == '"') {
				if (i + 1 < n && p[i + 1] == '"')
					i++;
				else
					quoted = 0;
			}
			continue;
		}
		if (start && p[i] == '"')
			quoted = 1;
		start = p[i] == delim;
	}
	return quoted;
}

/* Split a table's whole row in pend (quotes unescaped in place) into a row. */
static void
table_split_quoted(struct csvreader *r, int delim)
{
	char *d = r->pend.data;
	size_t i = 0, w = 0, start, e = r->pend.len;

	if (e > 0 && d[e - 1] == '\n')
		e--;
	if (e > 0 && d[e - 1] == '\r')
		e--;
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
		add_field(r, d + start, w - start);
		w++;
		if (i >= e)
			break;
		i++;	/* the delimiter */
	}
	buf_clear(&r->pend);
	on_row(0, r);
}

/* A line of a table's row that has quotes. */
static void
table_quoted_line(struct csvreader *r, const char *p, size_t n)
{
	int delim = csv_get_delim(&r->parser);

	buf_add(&r->pend, p, n);
	r->inquote = table_quoted_after(p, n, delim, r->inquote);
	if (!r->inquote)
		table_split_quoted(r, delim);
}

/* Feed one more line; returns 0 at end of input, 1 otherwise. */
static int
feed_line(struct csvreader *r)
{
	size_t n;
	char *p;
	int got;

	if (r->eof)
		return 0;
	errno = 0;
	if (r->table && !r->started && table_start(r) != 0)
		got = -1;
	else if (r->failed)
		return 0;	/* JSON Lines too long to be read whole */
	else
		got = read_line(r, &p, &n);
	if (got < 0) {
		/* a read error or a line without end: this input ends here */
		if (got == -2)
			rmsg(r, r->lineno + 1, "row longer than %zu MiB",
			    ROW_LIMIT >> 20);
		else
			rmsg(r, 0, "%s", strerror(errno ? errno : EIO));
		r->failed = 1;
		r->eof = 1;
		restart_parser(r);
		return 0;
	}
	if (got == 0) {
		r->eof = 1;
		if (r->table && r->inquote) {
			/* not read on, as the rest would be one field */
			rmsg(r, r->rowline, "unterminated quoted field");
			r->bad = r->failed = 1;
			restart_parser(r);
		} else if (csv_fini(&r->parser, on_field, on_row, r) != 0) {
			rmsg(r, r->rowline, "unterminated quoted field");
			r->bad = 1;
			restart_parser(r);
		}
		return r->qlen > r->qhead;
	}
	r->lineno++;
	if (r->lineno == 1 && !r->table && n >= 3 &&
	    memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (r->fmt == IN_DETECT && (r->fmt = detect_format(p, n)) == IN_DETECT)
		return 1;	/* a blank line: the next tells */
	if (r->fmt == IN_JSON)
		return feed_json(r, p, n);
	if (!r->inquote)	/* between rows: a new row starts here */
		r->rowline = r->lineno, r->rowbytes = 0;
	if (memchr(p, '\0', n) != NULL)
		r->nul = 1;
	r->rowbytes += (size_t)n;
	if (r->rowbytes > ROW_LIMIT) {
		/* not read on: the rest of the field would be taken for rows */
		rmsg(r, r->rowline, "row longer than %zu MiB", ROW_LIMIT >> 20);
		r->failed = 1;
		r->eof = 1;
		restart_parser(r);
		return 0;
	}
	if (r->fmt == IN_TSV)
		split_tsv_line(r, p, n);
	else if (r->fmt == IN_JSONL)
		json_line(r, p, n);
	else if (split_plain_line(r, p, n))
		return 1;
	else if (r->table)
		table_quoted_line(r, p, n);
	if (r->fmt != IN_CSV || r->table)
		return 1;
	if (csv_parse(&r->parser, p, (size_t)n, on_field, on_row, r) != (size_t)n) {
		rmsg(r, r->lineno, "malformed CSV: %s",
		    csv_strerror(csv_error(&r->parser)));
		r->bad = 1;
		restart_parser(r);
	} else if (quotes_odd(p, n))
		r->inquote = !r->inquote;
	return 1;
}

int
csvr_next(struct csvreader *r, struct csvfield **fields)
{
	struct row *row;
	int i;

	if (r->qhead == r->qlen) {
		r->qhead = r->qlen = 0;
		r->bad = 0;
		r->ndirect = 0;
		while (r->qlen == 0 && !r->bad && r->ndirect == 0) {
			if (!feed_line(r))
				break;
		}
		if (r->ndirect > 0) {
			r->lastline = r->rowline;
			*fields = r->fields;
			return r->ndirect;
		}
		if (r->bad && r->qlen == 0) {
			r->bad = 0;
			return -1;
		}
		if (r->qlen == 0)
			return r->failed ? -1 : 0;
	}
	row = &r->queue[r->qhead++];
	if (row->n > r->fieldcap) {
		r->fieldcap = row->n;
		r->fields = xreallocarray(r->fields, (size_t)r->fieldcap, sizeof *r->fields);
	}
	for (i = 0; i < row->n; i++) {
		r->fields[i].s = row->data.data + row->off[i];
		r->fields[i].len = row->len[i];
	}
	r->lastline = row->line;
	*fields = r->fields;
	return row->n;
}

unsigned long
csvr_line(const struct csvreader *r)
{
	return r->lastline;
}

int
csvr_failed(const struct csvreader *r)
{
	return r->failed;
}

const char *
csvr_name(const struct csvreader *r)
{
	return r->name;
}

void
csvr_close(struct csvreader *r)
{
	int i;

	if (r == NULL)
		return;
	csv_free(&r->parser);
	for (i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->keys);
	for (i = 0; i < r->qcap; i++)
		row_free(&r->queue[i]);
	free(r->queue);
	row_free(&r->cur);
	buf_free(&r->pend);
	free(r->nums.v);
	free(r->fields);
	free(r->in);
	free(r->name);
	free(r);
}

void
csv_keep_header(struct csvheader *h, const struct csvfield *f, int n)
{
	int i;

	buf_clear(&h->names);
	for (i = 0; i < n; i++)
		buf_add(&h->names, f[i].s, f[i].len + 1);
	h->n = n;
}

int
csv_header_again(const struct csvheader *h, const struct csvfield *f, int n)
{
	const char *name = h->names.data;
	int i;

	if (n != h->n || n == 0 || strcmp(f[0].s, name) != 0)
		return 0;
	for (i = 0; i < n; i++, name += strlen(name) + 1)
		if (strcmp(f[i].s, name) != 0)
			return 0;
	return 1;
}

int
csv_find_columns(const struct csvfield *hdr, int nhdr,
    const char *const *want, int n, int *idx)
{
	int i, j, missing = 0;

	for (i = 0; i < n; i++) {
		idx[i] = -1;
		for (j = 0; j < nhdr; j++) {
			const char *s = hdr[j].s;
			size_t len = hdr[j].len;

			while (len > 0 && (*s == ' ' || *s == '\t'))
				s++, len--;
			while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
			    s[len - 1] == '\r'))
				len--;
			if (len == strlen(want[i]) && memcmp(s, want[i], len) == 0) {
				idx[i] = j;
				break;
			}
		}
		if (idx[i] < 0)
			missing++;
	}
	return missing;
}

/* ---- writing ---- */

static const char *const format_names[] = {
	"csv", "tsv", "jsonl", "json", "csv-excel", "xlsx"
};

int
outformat_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(s, format_names[i]) == 0)
			return (int)i;
	return -1;
}

void
csvw_init(struct csvwriter *w, FILE *fp, enum outformat fmt,
    const char *const *cols, int ncols)
{
	int i;

	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->fmt = fmt;
	w->cols = cols;
	w->ncols = ncols;
	w->delim = fmt == FMT_TSV ? '\t' : fmt == FMT_CSV_EXCEL ? ';' : ',';
	switch (fmt) {
	case FMT_XLSX:
		/* a workbook is binary: not for a terminal, as gzip(1) */
		if (isatty(fileno(fp)))
			die(2, "xlsx output is binary: give -o FILE or redirect "
			    "standard output");
		w->xlsx = xlsxout_new(cols, ncols);
		return;
	case FMT_JSON:
		fputs("[", fp);
		return;
	case FMT_JSONL:
		return;
	case FMT_CSV_EXCEL:
		/* the byte order mark tells spreadsheets the text is UTF-8 */
		fputs("\xef\xbb\xbf", fp);
		break;
	default:
		break;
	}
	for (i = 0; i < ncols; i++)
		csvw_str(w, cols[i]);
	csvw_end(w);
}

void
csvw_continue(struct csvwriter *w, const struct csvwriter *like, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->fmt = like->fmt;
	w->cols = like->cols;
	w->ncols = like->ncols;
	w->delim = like->delim;
}

int
csvw_streams(enum outformat fmt)
{
	return fmt != FMT_JSON && fmt != FMT_XLSX;
}

static void
json_quote(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			if (c < 0x20) {
				char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

				buf_add(b, esc, 6);
			} else {
				buf_addc(b, c);
			}
		}
	}
	buf_addc(b, '"');
}

/*
 * A cell a spreadsheet would take for a formula (OWASP's CSV injection
 * list: = + - @, tab and carriage return at the start).  One character
 * alone is no formula: "-", a statistics table's zero, stays as it is.
 */
static int
formula_like(const char *s, size_t len)
{
	return len > 1 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void
csv_quote(struct buf *b, const char *s, size_t len, int delim)
{
	const char special[4] = { (char)delim, '"', '\n', '\r' };
	size_t i;

	if (text_find_byte4(s, len, special) == len) {
		buf_add(b, s, len);
		return;
	}
	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

static inline void
field_start(struct csvwriter *w)
{
	if (w->fmt == FMT_JSONL || w->fmt == FMT_JSON) {
		const char *key = w->col < w->ncols ? w->cols[w->col] : "";

		buf_addc(&w->line, w->col == 0 ? '{' : ',');
		json_quote(&w->line, key, strlen(key));
		buf_addc(&w->line, ':');
	} else if (w->col > 0) {
		buf_addc(&w->line, w->delim);
	}
}

/* A text field's bytes as the format writes them, after field_start. */
static void
add_text(struct csvwriter *w, struct buf *b, const char *s, size_t len)
{
	size_t i;

	switch (w->fmt) {
	case FMT_JSONL:
	case FMT_JSON:
		json_quote(b, s, len);
		break;
	case FMT_TSV:
		for (i = 0; i < len; i++) {
			switch (s[i]) {
			case '\t': buf_add(b, "\\t", 2); break;
			case '\n': buf_add(b, "\\n", 2); break;
			case '\r': buf_add(b, "\\r", 2); break;
			case '\\': buf_add(b, "\\\\", 2); break;
			default: buf_addc(b, s[i]);
			}
		}
		break;
	case FMT_CSV_EXCEL:
		if (formula_like(s, len)) {
			/* shown as text, the apostrophe hidden (OWASP) */
			buf_add(b, "\"'", 2);
			for (i = 0; i < len; i++) {
				if (s[i] == '"')
					buf_addc(b, '"');
				buf_addc(b, s[i]);
			}
			buf_addc(b, '"');
			break;
		}
		/* FALLTHROUGH */
	case FMT_CSV:
		csv_quote(b, s, len, w->delim);
		break;
	case FMT_XLSX:
		break;
	}
}

void
csvw_field(struct csvwriter *w, const char *s, size_t len)
{
	if (w->fmt == FMT_XLSX)
		xlsxout_string(w->xlsx, w->col, s, len);
	else {
		field_start(w);
		add_text(w, &w->line, s, len);
	}
	w->col++;
}

void
csvw_plain(struct csvwriter *w, const char *s)
{
	if (w->fmt != FMT_CSV && w->fmt != FMT_TSV) {
		csvw_str(w, s);
		return;
	}
	field_start(w);
	buf_adds(&w->line, s);
	w->col++;
}

void
csvw_escaped(struct csvwriter *w, const struct buf *field)
{
	if (w->fmt == FMT_XLSX)
		xlsxout_string(w->xlsx, w->col, field->data, field->len);
	else {
		field_start(w);
		buf_add(&w->line, field->data, field->len);
	}
	w->col++;
}

void
csvw_escape(const struct csvwriter *w, struct buf *out, const char *s,
    size_t len)
{
	if (w->fmt == FMT_XLSX)
		buf_add(out, s, len);
	else
		add_text((struct csvwriter *)w, out, s, len);
}

void
csvw_str(struct csvwriter *w, const char *s)
{
	csvw_field(w, s ? s : "", s ? strlen(s) : 0);
}

/* A missing value: null in JSON, an empty cell elsewhere. */
static void
csvw_missing(struct csvwriter *w)
{
	if (w->fmt == FMT_JSONL || w->fmt == FMT_JSON) {
		field_start(w);
		buf_add(&w->line, "null", 4);
		w->col++;
	} else
		csvw_field(w, "", 0);
}

void
csvw_number(struct csvwriter *w, const char *s, size_t len)
{
	size_t i;

	if (len == 0) {
		csvw_missing(w);
		return;
	}
	switch (w->fmt) {
	case FMT_XLSX:
		xlsxout_number(w->xlsx, w->col, strtod(s, NULL));
		break;
	case FMT_CSV_EXCEL:
		/* the decimal comma of a Norwegian spreadsheet */
		field_start(w);
		for (i = 0; i < len; i++)
			buf_addc(&w->line, s[i] == '.' ? ',' : s[i]);
		break;
	default:
		/* digits, sign and point need no quoting in any format */
		field_start(w);
		buf_add(&w->line, s, len);
	}
	w->col++;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD exactly, a day of the calendar: 1, else 0. */
static int
iso_day(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	if (s[10] != '\0')
		return 0;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 &&
	    *d <= mdays[*m - 1] + (*m == 2 && leap(*y));
}

void
csvw_date(struct csvwriter *w, const char *s)
{
	int y, m, d;

	if (s == NULL || *s == '\0')
		csvw_missing(w);
	else if (w->fmt == FMT_XLSX && iso_day(s, &y, &m, &d)) {
		xlsxout_date(w->xlsx, w->col, y, m, d);
		w->col++;
	} else
		csvw_str(w, s);
}

void
csvw_long(struct csvwriter *w, long v)
{
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, t;
	size_t n = v < 0 ? 2 : 1;
	struct buf *b = &w->line;
	char *o;

	if (w->fmt == FMT_XLSX) {
		xlsxout_number(w->xlsx, w->col++, (double)v);
		return;
	}
	/*
	 * snprintf costs more than the rest of a row: numbers are hot here,
	 * and written straight into the row.  Digits never need quotes, in
	 * any of the formats.
	 */
	for (t = u; t >= 10; t /= 10)
		n++;
	field_start(w);
	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	o = b->data + b->len + n;
	b->len += n;
	*o = '\0';
	do
		*--o = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--o = '-';
	w->col++;
}

void
csvw_end(struct csvwriter *w)
{
	while (w->col < w->ncols)
		csvw_field(w, "", 0);
	w->col = 0;
	switch (w->fmt) {
	case FMT_XLSX:
		xlsxout_end_row(w->xlsx);
		w->rows++;
		return;
	case FMT_JSON:
		/* one element a line, so the array reads well and greps */
		fputs(w->rows == 0 ? "\n" : ",\n", w->fp);
		/* FALLTHROUGH */
	case FMT_JSONL:
		buf_addc(&w->line, '}');
		break;
	case FMT_CSV_EXCEL:
		buf_addc(&w->line, '\r');
		break;
	default:
		break;
	}
	/* RFC 4180 says CRLF; LF is what every Unix tool and libcsv accept. */
	if (w->fmt != FMT_JSON)
		buf_addc(&w->line, '\n');
	fwrite_unlocked(w->line.data, 1, w->line.len, w->fp);
	buf_clear(&w->line);
	w->rows++;
}

int
csvw_close(struct csvwriter *w)
{
	int rval = 0;

	if (w->fmt == FMT_JSON && w->fp != NULL)
		fputs(w->rows == 0 ? "]\n" : "\n]\n", w->fp);
	if (w->xlsx != NULL)
		rval = xlsxout_finish(w->xlsx, w->fp);
	w->xlsx = NULL;
	w->fp = NULL;
	buf_free(&w->line);
	return rval;
}

void
csvw_free(struct csvwriter *w)
{
	(void)csvw_close(w);
}
