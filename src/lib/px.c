/*
 * PX and JSON-stat 2.0 tables as long CSV (px.h).  Both are a cube: some
 * variables, each with its categories, and a value for every combination,
 * the last variable varying fastest.  Each reader fills a struct px_cube,
 * whose rows are handed out as cells (px_cube_next) or written as CSV
 * (px_cube_csv).  No text is made a cell: the categories are made once,
 * as the cells they are in every row, and the values point into the
 * file's own text (PX) or one text of them all (JSON-stat).
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "px.h"
#include "xalloc.h"

#define MAX_VARS 64
#define NO_VALUE UINT32_MAX	/* a cell with none */

struct var {
	char *name;
	char **label;		/* [n] */
	char **code;		/* [n], or NULL */
	size_t n;
	char **shown;		/* [n] each category as a cell (cube_rows) */
	size_t *shownlen;	/* [n] */
};

struct px_cube {
	char *title;
	struct var var[MAX_VARS];
	int nvar;
	uint32_t *value;	/* [ncells]: where in vbase the cell's text is */
	const char *vbase;	/* text or valtext */
	char *valtext;		/* JSON-stat's values, NUL after each */
	char *text;		/* the file (PX), DATA's values cut in place */
	size_t ncells;
	/* rows as cells (px_cube_next) */
	size_t next;		/* the cell of the next row */
	size_t idx[MAX_VARS];	/* its categories */
	const char *cells[MAX_VARS + 1];
	size_t lens[MAX_VARS + 1];
};

static void
strlist_free(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
px_cube_free(struct px_cube *c)
{
	int i;

	if (c == NULL)
		return;
	free(c->title);
	for (i = 0; i < c->nvar; i++) {
		free(c->var[i].name);
		strlist_free(c->var[i].label, c->var[i].n);
		strlist_free(c->var[i].code, c->var[i].n);
		strlist_free(c->var[i].shown, c->var[i].n);
		free(c->var[i].shownlen);
	}
	free(c->value);
	free(c->valtext);
	free(c->text);
	free(c);
}

static void
csv_quoted(struct buf *out, const char *s)
{
	if (s[0] != '\0' && s[0] != ' ' && s[strlen(s) - 1] != ' ' &&
	    strpbrk(s, "\",\n\r") == NULL) {
		buf_adds(out, s);	/* as the reader reads it quoted */
		return;
	}
	buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	buf_addc(out, '"');
}

/* Line ends inside a cell as spaces, as csv_quoted() writes them. */
static void
newlines_as_spaces(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || s[i] == '\r')
			s[i] = ' ';
}

/* A category as SSB's CSV writes it: "11 Rogaland", "Døde". */
static void
category(struct buf *out, const struct var *v, size_t i)
{
	const char *label = v->label[i], *code = v->code ? v->code[i] : NULL;
	size_t n;

	if (code != NULL && code[0] != '\0' && strspn(code, "0123456789") == strlen(code) &&
	    (strncmp(label, code, (n = strlen(code))) != 0 ||
	    (label[n] != ' ' && label[n] != '\0'))) {
		buf_clear(out);
		buf_printf(out, "%s %s", code, label);
		return;
	}
	buf_clear(out);
	buf_adds(out, label);
}

/*
 * Is the number of values the number of cells?  Then each category is
 * made once as the cell it is in every row, and the rows start at the
 * first cell.  0, or -1 after a message.
 */
static int
cube_ready(struct px_cube *c, const char *name)
{
	struct buf cell = BUF_INIT;
	size_t j, total = 1;
	int i, over = 0;

	for (i = 0; i < c->nvar; i++)
		over |= __builtin_mul_overflow(total, c->var[i].n, &total);
	if (c->nvar == 0 || over || total != c->ncells) {
		if (over)
			warnat(name, 0, "the table has %zu values for more cells "
			    "than can be counted", c->ncells);
		else
			warnat(name, 0, "the table has %zu values for %zu cells",
			    c->ncells, total);
		return -1;
	}
	for (i = 0; i < c->nvar; i++) {
		struct var *v = &c->var[i];

		v->shown = xcalloc(v->n, sizeof *v->shown);
		v->shownlen = xcalloc(v->n, sizeof *v->shownlen);
		for (j = 0; j < v->n; j++) {
			category(&cell, v, j);
			newlines_as_spaces(cell.data, cell.len);
			v->shownlen[j] = cell.len;
			v->shown[j] = xstrndup(cell.data, cell.len);
		}
	}
	buf_free(&cell);
	c->next = 0;
	memset(c->idx, 0, sizeof c->idx);
	return 0;
}

size_t
px_cube_cells(const struct px_cube *c)
{
	return c->ncells;
}

size_t
px_cube_tell(const struct px_cube *c)
{
	return c->next;
}

int
px_cube_nvar(const struct px_cube *c)
{
	return c->nvar;
}

size_t
px_cube_ncat(const struct px_cube *c, int v)
{
	return c->var[v].n;
}

const char *
px_cube_category(const struct px_cube *c, int v, size_t j, size_t *len)
{
	*len = c->var[v].shownlen[j];
	return c->var[v].shown[j];
}

const char *
px_cube_value(const struct px_cube *c, size_t k)
{
	return c->value[k] != NO_VALUE ? c->vbase + c->value[k] : "";
}

int
px_cube_next(struct px_cube *c, const char *const **cells, const size_t **lens)
{
	const char *v;
	int i;

	if (c->next >= c->ncells)
		return 0;
	for (i = 0; i < c->nvar; i++) {
		c->cells[i] = c->var[i].shown[c->idx[i]];
		c->lens[i] = c->var[i].shownlen[c->idx[i]];
	}
	v = px_cube_value(c, c->next);
	c->cells[i] = v;
	c->lens[i] = strlen(v);
	c->next++;
	for (i = c->nvar - 1; i >= 0; i--) {
		if (++c->idx[i] < c->var[i].n)
			break;
		c->idx[i] = 0;
	}
	*cells = c->cells;
	*lens = c->lens;
	return c->nvar + 1;
}

int
px_cube_header_filled(const struct px_cube *c)
{
	const char *blank = " \t\r\n";
	int i, n = c->title == NULL || c->title[0] == '\0' ||	/* "value" */
	    strspn(c->title, blank) < strlen(c->title);

	for (i = 0; i < c->nvar; i++)
		n += strspn(c->var[i].name, blank) < strlen(c->var[i].name);
	return n >= 2;
}

int
px_cube_csv(struct px_cube *c, size_t upto, size_t limit, const char *name,
    struct buf *out)
{
	const char *const *cells;
	const size_t *lens;
	size_t j, k;
	int i, n;

	if (c->next == 0) {
		for (i = 0; i < c->nvar; i++) {
			csv_quoted(out, c->var[i].name);
			buf_addc(out, ',');
		}
		csv_quoted(out, c->title != NULL && c->title[0] != '\0' ?
		    c->title : "value");
		buf_addc(out, '\n');
		if (upto > limit) {
			/* The categories' text of all rows, and some for the values. */
			for (i = 0, j = 0; i < c->nvar; i++)
				for (k = 0; k < c->var[i].n; k++)
					j += (c->var[i].shownlen[k] + 3) *
					    (c->ncells / c->var[i].n);
			if (j < limit)
				buf_reserve(out, j + c->ncells * 8);
		}
	}
	while (out->len <= upto && (n = px_cube_next(c, &cells, &lens)) > 0) {
		for (i = 0; i < n; i++) {
			if (i == n - 1 && memchr(cells[i], '"', lens[i]) == NULL &&
			    memchr(cells[i], ',', lens[i]) == NULL) {
				buf_add(out, cells[i], lens[i]);	/* the value */
			} else if (i < n - 1 && lens[i] > 0 && cells[i][0] != ' ' &&
			    cells[i][lens[i] - 1] != ' ' &&
			    memchr(cells[i], '"', lens[i]) == NULL &&
			    memchr(cells[i], ',', lens[i]) == NULL) {
				buf_add(out, cells[i], lens[i]);
			} else {
				csv_quoted(out, cells[i]);
			}
			buf_addc(out, i == n - 1 ? '\n' : ',');
		}
		if (out->len > limit) {
			warnat(name, 0, "the table is larger than %zu MiB as text",
			    limit >> 20);
			return -1;
		}
	}
	return 0;
}

/* ---- PX ---- */

int
px_is_px(const char *data, size_t len)
{
	return (len >= 4 && (memcmp(data, "CHAR", 4) == 0 ||
	    memcmp(data, "AXIS", 4) == 0));
}

struct pxkey {
	char *name;		/* "VALUES", "STUB" */
	char *arg;		/* "region" of VALUES("region"), or NULL */
	int lang;		/* VALUES[en]: another language */
	char **item;		/* the value: strings, words */
	size_t n;
};

static void
pxkey_free(struct pxkey *k)
{
	free(k->name);
	free(k->arg);
	strlist_free(k->item, k->n);
	memset(k, 0, sizeof *k);
}

static void
add_item(struct pxkey *k, struct buf *b)
{
	k->item = xreallocarray(k->item, k->n + 1, sizeof *k->item);
	k->item[k->n++] = xstrndup(b->data ? b->data : "", b->len);
	buf_clear(b);
}

/* A quoted string at *pp, onto b; -1 when it does not end. */
static int
quoted(const char **pp, const char *end, struct buf *b)
{
	const char *p = *pp + 1, *q = memchr(p, '"', (size_t)(end - p));

	if (q == NULL)
		return -1;
	buf_add(b, p, (size_t)(q - p));
	*pp = q + 1;
	return 0;
}

/* What ends a value of DATA: space, tab, line end, comma, semicolon. */
static const unsigned char data_sep[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, [','] = 1, [';'] = 2
};

/*
 * DATA's values, separated by space, tab, comma or line end, up to the
 * semicolon: millions of them, each cut where it stands in the file's
 * text (a NUL written over what follows it) and c->value[] the place of
 * it.  want is the number of cells the VALUES make, to size value[].
 */
static int
data_values(char *p, const char *end, struct px_cube *c, size_t want)
{
	size_t n = 0, cap = want > 0 && want < ((size_t)1 << 32) ? want + 1 : 4096;
	uint32_t *value;

	/* A value takes two bytes at least: the VALUES may promise more. */
	if (cap > (size_t)(end - p) / 2 + 2)
		cap = (size_t)(end - p) / 2 + 2;
	value = xreallocarray(NULL, cap, sizeof *value);
	char *s, *q;

	for (;;) {
		while (p < end && data_sep[(unsigned char)*p] == 1)
			p++;
		if (p == end)
			goto bad;	/* no ';' */
		if (*p == ';')
			break;
		if (n == cap) {
			cap *= 2;
			value = xreallocarray(value, cap, sizeof *value);
		}
		if (*p == '"') {
			s = p + 1;
			if ((q = memchr(s, '"', (size_t)(end - s))) == NULL)
				goto bad;
			newlines_as_spaces(s, (size_t)(q - s));
			*q = '\0';
			p = q + 1;
		} else {
			for (s = p; p < end && data_sep[(unsigned char)*p] == 0; p++)
				;
			if (p == end)
				goto bad;
			if (*p == ';') {
				/* The last value: its NUL takes the semicolon's place. */
				*p = '\0';
				value[n++] = (uint32_t)(s - c->text);
				break;
			}
			*p++ = '\0';
		}
		value[n++] = (uint32_t)(s - c->text);
	}
	c->value = value;
	c->vbase = c->text;
	c->ncells = n;
	return 0;
bad:
	free(value);
	return -1;
}

/*
 * One keyword from *pp: NAME[lang]("arg")=value;  Quoted strings next to
 * each other (a long one over lines) are one; commas separate items.
 * DATA's value is left for data_values(): *pp is where it starts.
 * Returns 1, 0 at the end, -1 when malformed.
 */
static int
px_keyword(const char **pp, const char *end, struct pxkey *k)
{
	const char *p = *pp, *s;
	struct buf b = BUF_INIT;
	int have = 0;

	memset(k, 0, sizeof *k);
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p == end)
		return 0;
	for (s = p; p < end && *p != '=' && *p != '[' && *p != '(' && *p != ';'; p++)
		;
	if (p == end || *p == ';')
		return -1;
	k->name = xstrndup(s, (size_t)(p - s));
	if (*p == '[') {
		k->lang = 1;
		while (p < end && *p != ']')
			p++;
		if (p == end)
			goto bad;
		p++;
	}
	if (p < end && *p == '(') {
		for (p++; p < end && *p != ')'; p++)
			if (*p != '"')
				buf_addc(&b, *p);
		if (p == end)
			goto bad;
		buf_addc(&b, '\0');
		k->arg = xstrdup(b.data);
		buf_clear(&b);
		p++;
	}
	if (p == end || *p != '=')
		goto bad;
	p++;
	if (strcmp(k->name, "DATA") == 0) {
		*pp = p;
		buf_free(&b);
		return 1;
	}
	while (p < end && *p != ';') {
		if (*p == '"') {
			if (quoted(&p, end, &b) != 0)
				goto bad;
			have = 1;
		} else if (*p == ',') {
			add_item(k, &b);
			have = 0;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else {
			buf_addc(&b, *p++);
			have = 1;
		}
	}
	if (have)
		add_item(k, &b);
	if (p == end)
		goto bad;
	*pp = p + 1;
	buf_free(&b);
	return 1;
bad:
	buf_free(&b);
	pxkey_free(k);
	return -1;
}

static struct var *
var_named(struct px_cube *c, const char *name)
{
	int i;

	for (i = 0; i < c->nvar; i++)
		if (strcmp(c->var[i].name, name) == 0)
			return &c->var[i];
	return NULL;
}

struct px_cube *
px_read(struct buf *text, const char *name)
{
	const char *p, *end;
	struct pxkey k, *values = NULL, *codes = NULL;
	size_t nvalues = 0, ncodes = 0, i, want;
	struct px_cube *c = xcalloc(1, sizeof *c);
	int r, rc = -1, stubs = 0, have_data = 0;
	char *contents = NULL;

	if (text->data == NULL)
		buf_adds(text, "");
	c->text = buf_detach(text, &i);
	p = c->text;
	end = c->text + i;
	while ((r = px_keyword(&p, end, &k)) > 0) {
		if (k.lang) {
			pxkey_free(&k);
			continue;
		}
		if ((strcmp(k.name, "STUB") == 0 || strcmp(k.name, "HEADING") == 0) &&
		    k.arg == NULL) {
			for (i = 0; i < k.n && c->nvar < MAX_VARS; i++) {
				c->var[c->nvar++].name = k.item[i];
				k.item[i] = NULL;
			}
			if (i < k.n) {
				warnat(name, 0, "more than %d variables", MAX_VARS);
				pxkey_free(&k);
				goto out;
			}
			stubs = 1;
			pxkey_free(&k);
		} else if ((strcmp(k.name, "VALUES") == 0 || strcmp(k.name, "CODES") == 0) &&
		    k.arg != NULL) {
			int v = strcmp(k.name, "VALUES") == 0;
			struct pxkey **list = v ? &values : &codes;
			size_t *n = v ? &nvalues : &ncodes;

			*list = xreallocarray(*list, *n + 1, sizeof **list);
			(*list)[(*n)++] = k;
		} else if (strcmp(k.name, "TITLE") == 0 && k.n > 0 && c->title == NULL) {
			c->title = k.item[0];
			k.item[0] = xstrdup("");
			pxkey_free(&k);
		} else if (strcmp(k.name, "CONTENTS") == 0 && k.n > 0 && contents == NULL) {
			contents = k.item[0];
			k.item[0] = xstrdup("");
			pxkey_free(&k);
		} else if (strcmp(k.name, "DATA") == 0) {
			pxkey_free(&k);
			have_data = 1;
			break;
		} else {
			pxkey_free(&k);
		}
	}
	/* The DATA keyword is the last: its values are cut from here. */
	for (i = 0, want = 1; i < nvalues; i++)
		want = values[i].n > 0 && want < ((size_t)1 << 32) ?
		    want * values[i].n : 0;
	if (r > 0 && have_data &&
	    data_values(c->text + (p - c->text), end, c, want) != 0)
		r = -1;
	if (r < 0 || !have_data || !stubs) {
		warnat(name, 0, "%s", r < 0 ? "malformed PX keyword" :
		    "not a PX table: no STUB, HEADING or DATA");
		goto out;
	}
	if (c->title == NULL && contents != NULL) {
		c->title = contents;
		contents = NULL;
	}
	for (i = 0; i < nvalues; i++) {
		struct var *v = var_named(c, values[i].arg);

		if (v == NULL || v->label != NULL)
			continue;
		v->label = values[i].item;
		v->n = values[i].n;
		values[i].item = NULL;
		values[i].n = 0;
	}
	for (i = 0; i < ncodes; i++) {
		struct var *v = var_named(c, codes[i].arg);

		if (v == NULL || v->code != NULL || codes[i].n != v->n)
			continue;
		v->code = codes[i].item;
		codes[i].item = NULL;
		codes[i].n = 0;
	}
	for (r = 0; r < c->nvar; r++) {
		if (c->var[r].label == NULL) {
			warnat(name, 0, "no VALUES for \"%s\"", c->var[r].name);
			goto out;
		}
	}
	/* Markers stand for no number; "" and "." as PX writes them too. */
	rc = cube_ready(c, name);
out:
	for (i = 0; i < nvalues; i++)
		pxkey_free(&values[i]);
	for (i = 0; i < ncodes; i++)
		pxkey_free(&codes[i]);
	free(values);
	free(codes);
	free(contents);
	if (rc != 0) {
		px_cube_free(c);
		return NULL;
	}
	return c;
}

/* The whole table as CSV, for the fuzz target and short tables. */
static int
cube_to_csv(struct px_cube *c, const char *name, size_t limit, struct buf *out)
{
	int rc;

	if (c == NULL)
		return -1;
	rc = px_cube_csv(c, (size_t)-1, limit, name, out);
	px_cube_free(c);
	return rc;
}

int
px_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out)
{
	struct buf text = BUF_INIT;

	buf_add(&text, data, len);
	return cube_to_csv(px_read(&text, name), name, limit, out);
}

/* ---- JSON-stat 2.0 ---- */

int
px_is_json(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len && (data[i] == ' ' || data[i] == '\n' ||
	    data[i] == '\r' || data[i] == '\t'); i++)
		;
	return i < len && data[i] == '{';
}

/*
 * A real's shortest form that reads back the same, trying prec digits
 * and more.
 */
static void
real_text(struct buf *out, double v, int prec)
{
	char tmp[64];

	for (; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_adds(out, tmp);
}

/*
 * A number as JSON wrote it, onto out: an integer's digits, a real's
 * shortest form that reads back the same.
 */
static void
number_text(struct buf *out, const json_t *j)
{
	char tmp[64], *p = tmp + sizeof tmp;

	if (json_is_integer(j)) {
		json_int_t i = json_integer_value(j);
		unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
		    (unsigned long long)i;

		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) > 0);
		if (i < 0)
			*--p = '-';
		buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
		return;
	}
	real_text(out, json_real_value(j), 1);
}

/* ---- the top level of a JSON-stat document, cut apart ---- */

/*
 * jansson makes a json_t of every number of "value" and offers no way
 * to read an array as a stream: a statbank table of 1.8 million cells
 * (10 MB) took json_loadb() half a second, 20 MB/s, more than all the
 * rest of a comparison.  So the document's top-level members are cut
 * apart here and each is given to jansson, all but a "value" array of
 * numbers and nulls, which is read here, its numbers echoed as the
 * file writes them.  Anything else in that array, and
 * anything this does not expect around the members, sends the whole
 * document to jansson as before: its errors, its answer.
 */

#define JS_NONE NO_VALUE	/* no value: null */

static const char *
js_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Past the string at p (a '"'); NULL if it does not end. */
static const char *
js_string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/*
 * Past the value at p, found by its brackets and strings alone (jansson
 * reads it afterwards); NULL if it does not end.
 */
static const char *
js_skip(const char *p, const char *end)
{
	int depth = 0;

	while (p < end) {
		char ch = *p;

		if (ch == '"') {
			if ((p = js_string_end(p, end)) == NULL)
				return NULL;
		} else if (ch == '[' || ch == '{') {
			depth++;
			p++;
		} else if (ch == ']' || ch == '}') {
			if (depth-- == 0)
				return p;
			p++;
		} else if (depth == 0 && (ch == ',' || ch == ' ' || ch == '\t' ||
		    ch == '\n' || ch == '\r')) {
			return p;
		} else {
			p++;
		}
		if (depth == 0 && (ch == '"' || ch == ']' || ch == '}'))
			return p;
	}
	return NULL;
}

static int
is_digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/*
 * The "value" array at p ('['): each number's text onto text, its
 * offset in off[] (JS_NONE for null).  Past the array, or NULL when it
 * holds anything else.
 */
static const char *
js_values(const char *p, const char *end, struct buf *text, uint32_t **offp,
    size_t *np)
{
	size_t n = 0, cap = 4096;
	uint32_t *off = xreallocarray(NULL, cap, sizeof *off);
	const char *s;
	int real;

	buf_reserve(text, (size_t)(end - p) / 2 + 16);
	p = js_ws(p + 1, end);
	if (p < end && *p == ']')
		goto done;
	for (;;) {
		if (n == cap) {
			cap *= 2;
			off = xreallocarray(off, cap, sizeof *off);
		}
		s = p;
		if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
			off[n++] = JS_NONE;
			p += 4;
		} else {
			/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
			real = 0;
			if (p < end && *p == '-')
				p++;
			if (p < end && *p == '0')
				p++;
			else if (is_digit(p, end))
				while (is_digit(p, end))
					p++;
			else
				goto slow;
			if (p < end && *p == '.') {
				real = 1;
				if (!is_digit(++p, end))
					goto slow;
				while (is_digit(p, end))
					p++;
			}
			if (p < end && (*p == 'e' || *p == 'E')) {
				real = 1;
				p++;
				if (p < end && (*p == '+' || *p == '-'))
					p++;
				if (!is_digit(p, end))
					goto slow;
				while (is_digit(p, end))
					p++;
			}
			if (text->len >= NO_VALUE - 64)
				goto slow;
			off[n++] = (uint32_t)text->len;
			/* jansson's integers: "-0" is 0, 19 digits may not fit */
			if (!real && (p - s > 18 || (p - s == 2 && s[0] == '-')))
				goto slow;
			/* jansson: a real too large is an overflow */
			if (real && isinf(strtod(s, NULL)))
				goto slow;
			/* The number as the file writes it ("1200.0", "4.10"). */
			if (text->cap - text->len <= (size_t)(p - s) + 2)
				buf_reserve(text, (size_t)(p - s) + 2);
			memcpy(text->data + text->len, s, (size_t)(p - s));
			text->len += (size_t)(p - s);
			text->data[text->len++] = '\0';
			text->data[text->len] = '\0';
		}
		p = js_ws(p, end);
		if (p == end)
			goto slow;
		if (*p == ']')
			break;
		if (*p != ',')
			goto slow;
		p = js_ws(p + 1, end);
	}
done:
	*offp = off;
	*np = n;
	return p + 1;
slow:
	free(off);
	return NULL;
}

/* A key's string, by jansson; NULL if it is not one. */
static json_t *
js_slice(const char *s, const char *e)
{
	json_error_t err;

	return json_loadb(s, (size_t)(e - s), JSON_DECODE_ANY |
	    JSON_REJECT_DUPLICATES, &err);
}

/*
 * The document's members but a "value" array, as an object; that
 * array's values in text and *offp (NULL when it is not an array, and
 * in the object: then its text is *rawv to *rawe).  NULL to leave the
 * whole to jansson.
 */
static json_t *
js_fast(const char *data, size_t len, struct buf *text, uint32_t **offp,
    size_t *np, const char **rawv, const char **rawe)
{
	const char *p = data, *end = data + len, *e;
	json_t *root = json_object(), *key = NULL, *v;
	int isvalue;

	*offp = NULL;
	p = js_ws(p, end);
	if (p == end || *p != '{')
		goto slow;
	p = js_ws(p + 1, end);
	if (p < end && *p == '}') {
		p++;
		goto closed;
	}
	for (;;) {
		if (p == end || *p != '"' || (e = js_string_end(p, end)) == NULL ||
		    (key = js_slice(p, e)) == NULL || !json_is_string(key) ||
		    json_object_get(root, json_string_value(key)) != NULL ||
		    (strcmp(json_string_value(key), "value") == 0 && *offp != NULL))
			goto slow;
		p = js_ws(e, end);
		if (p == end || *p != ':')
			goto slow;
		p = js_ws(p + 1, end);
		/* An array of numbers here; one of other things to jansson. */
		isvalue = strcmp(json_string_value(key), "value") == 0;
		if (p < end && *p == '[' && isvalue &&
		    (e = js_values(p, end, text, offp, np)) != NULL)
			p = e;
		else {
			if (isvalue)
				buf_clear(text);	/* what js_values() began */
			if ((e = js_skip(p, end)) == NULL || (v = js_slice(p, e)) == NULL)
				goto slow;
			if (strcmp(json_string_value(key), "value") == 0) {
				*rawv = p;
				*rawe = e;
			}
			json_object_set_new(root, json_string_value(key), v);
			p = e;
		}
		json_decref(key);
		key = NULL;
		p = js_ws(p, end);
		if (p < end && *p == ',') {
			p = js_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}') {
			p++;
			break;
		}
		goto slow;
	}
closed:
	if (js_ws(p, end) != end)
		goto slow;
	return root;
slow:
	json_decref(key);
	json_decref(root);
	free(*offp);
	*offp = NULL;
	buf_free(text);
	return NULL;
}

/*
 * The numbers of a "value" member left to jansson (an array holding
 * strings, an object keyed by index), as the file writes them: lit[k]
 * and litlen[k] for entry k, lit[k] NULL where it is no number.  jansson
 * keeps only the number, and a real written back in its shortest form
 * is not the cell the file holds ("1200.0", "4.10").
 */
static void
js_literals(const char *p, const char *end, size_t total, const char **lit,
    size_t *litlen)
{
	const char *e, *k;
	size_t i = 0, idx;
	int object;

	if (p == NULL || p >= end || (*p != '[' && *p != '{'))
		return;
	object = *p == '{';
	p = js_ws(p + 1, end);
	while (p < end && *p != ']' && *p != '}') {
		idx = i++;
		if (object) {
			/* "17": an index; anything else names no entry */
			if (*p != '"' || (e = js_string_end(p, end)) == NULL)
				return;
			for (idx = 0, k = p + 1; k < e - 1 && *k >= '0' &&
			    *k <= '9' && idx < total; k++)
				idx = idx * 10 + (size_t)(*k - '0');
			if (k != e - 1 || k == p + 1)
				idx = total;
			p = js_ws(e, end);
			if (p == end || *p != ':')
				return;
			p = js_ws(p + 1, end);
		}
		if ((e = js_skip(p, end)) == NULL)
			return;
		if (idx < total && (*p == '-' || (*p >= '0' && *p <= '9'))) {
			lit[idx] = p;
			litlen[idx] = (size_t)(e - p);
			while (litlen[idx] > 0 && strchr(" \t\r\n", p[litlen[idx] - 1]))
				litlen[idx]--;
		}
		p = js_ws(e, end);
		if (p < end && *p == ',')
			p = js_ws(p + 1, end);
	}
}

/* The categories of one dimension, in index order. */
static int
js_dimension(json_t *dim, const char *id, struct var *v, const char *name)
{
	json_t *cat = json_object_get(dim, "category"), *index, *label, *x;
	const char *key;
	size_t i, n;

	v->name = xstrdup(json_is_string(json_object_get(dim, "label")) ?
	    json_string_value(json_object_get(dim, "label")) : id);
	index = json_object_get(cat, "index");
	label = json_object_get(cat, "label");
	if (json_is_array(index)) {
		n = json_array_size(index);
	} else if (json_is_object(index)) {
		n = json_object_size(index);
	} else if (json_is_object(label) && json_object_size(label) == 1) {
		n = 1;
	} else {
		warnat(name, 0, "dimension \"%s\" has no category index", id);
		return -1;
	}
	v->n = n;
	v->label = xcalloc(n + 1, sizeof *v->label);
	v->code = xcalloc(n + 1, sizeof *v->code);
	if (json_is_array(index)) {
		json_array_foreach(index, i, x) {
			if (!json_is_string(x))
				goto bad;
			v->code[i] = xstrdup(json_string_value(x));
		}
	} else if (json_is_object(index)) {
		json_object_foreach(index, key, x) {
			json_int_t k = json_integer_value(x);

			if (!json_is_integer(x) || k < 0 || (size_t)k >= n ||
			    v->code[k] != NULL)
				goto bad;
			v->code[k] = xstrdup(key);
		}
	} else {
		json_object_foreach(label, key, x)
			v->code[0] = xstrdup(key);
	}
	for (i = 0; i < n; i++) {
		x = json_object_get(label, v->code[i]);
		v->label[i] = xstrdup(json_is_string(x) ? json_string_value(x) : v->code[i]);
	}
	return 0;
bad:
	warnat(name, 0, "dimension \"%s\" has a bad category index", id);
	return -1;
}

/* Entry k of "value" or "status": an array, or an object keyed by index. */
static json_t *
js_entry(json_t *j, size_t k)
{
	char key[32];

	if (json_is_array(j))
		return json_array_get(j, k);
	if (json_is_object(j)) {
		snprintf(key, sizeof key, "%zu", k);
		return json_object_get(j, key);
	}
	if (json_is_string(j))
		return j;	/* one status for every value */
	return NULL;
}

struct px_cube *
jsonstat_read(const char *data, size_t len, const char *name)
{
	json_error_t e;
	json_t *root, *ids, *size, *dims, *values, *status, *x;
	struct px_cube *c = xcalloc(1, sizeof *c);
	struct buf text = BUF_INIT;
	size_t i, total = 1, nfast = 0, *litlen = NULL;
	uint32_t *off = NULL;
	const char *rawv = NULL, *rawe = NULL, **lit = NULL;
	int rc = -1, strings = 0;

	root = js_fast(data, len, &text, &off, &nfast, &rawv, &rawe);
	if (root == NULL)
		root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &e);
	if (root == NULL) {
		warnat(name, (unsigned long)e.line, "%s", e.text);
		free(c);
		return NULL;
	}
	ids = json_object_get(root, "id");
	size = json_object_get(root, "size");
	dims = json_object_get(root, "dimension");
	values = json_object_get(root, "value");
	status = json_object_get(root, "status");
	if (!json_is_array(ids) || !json_is_array(size) || !json_is_object(dims) ||
	    (values == NULL && off == NULL) ||
	    json_array_size(ids) != json_array_size(size)) {
		warnat(name, 0, "not a JSON-stat 2.0 dataset (id, size, dimension, value)");
		goto out;
	}
	if (json_array_size(ids) > MAX_VARS) {
		warnat(name, 0, "more than %d dimensions", MAX_VARS);
		goto out;
	}
	json_array_foreach(ids, i, x) {
		json_t *dim;

		if (!json_is_string(x) ||
		    (dim = json_object_get(dims, json_string_value(x))) == NULL) {
			warnat(name, 0, "dimension %zu is not described", i + 1);
			goto out;
		}
		if (js_dimension(dim, json_string_value(x), &c->var[c->nvar++], name) != 0)
			goto out;
		if (!json_is_integer(json_array_get(size, i)) ||
		    (size_t)json_integer_value(json_array_get(size, i)) != c->var[i].n) {
			warnat(name, 0, "dimension \"%s\": size is not its number of "
			    "categories", json_string_value(x));
			goto out;
		}
		if (c->var[i].n == 0 || total > ((size_t)1 << 31) / c->var[i].n) {
			warnat(name, 0, "too many cells");
			goto out;
		}
		total *= c->var[i].n;
	}
	if ((off != NULL && nfast != total) ||
	    (json_is_array(values) && json_array_size(values) != total)) {
		warnat(name, 0, "the table has %zu values for %zu cells",
		    off != NULL ? nfast : json_array_size(values), total);
		goto out;
	}
	if (json_is_string(json_object_get(root, "label")))
		c->title = xstrdup(json_string_value(json_object_get(root, "label")));
	c->ncells = total;
	/* The values in one text, NUL after each; JS_NONE for none. */
	if (off == NULL)
		off = xcalloc(total + 1, sizeof *off);
	if (nfast == 0) {
		lit = xcalloc(total + 1, sizeof *lit);
		litlen = xcalloc(total + 1, sizeof *litlen);
		js_literals(rawv, rawe, total, lit, litlen);
	}
	for (i = 0; i < total; i++) {
		json_t *v, *s;

		if (nfast > 0 && off[i] != JS_NONE)
			continue;	/* read by js_values() */
		v = nfast > 0 ? NULL : js_entry(values, i);
		s = js_entry(status, i);
		if (text.len >= NO_VALUE - 64) {
			warnat(name, 0, "the table is larger than 4 GiB as text");
			goto out;
		}
		off[i] = (uint32_t)text.len;
		if (json_is_number(v) && lit[i] != NULL)
			buf_add(&text, lit[i], litlen[i]);
		else if (json_is_number(v))
			number_text(&text, v);
		else if (json_is_string(v) && (strings = 1))
			buf_adds(&text, json_string_value(v));
		else if (json_is_string(s) && (strings = 1))
			buf_adds(&text, json_string_value(s));
		else
			off[i] = JS_NONE;
		if (off[i] != JS_NONE)
			buf_addc(&text, '\0');
	}
	json_decref(root);	/* before the long table is made */
	root = NULL;
	c->valtext = buf_detach(&text, &i);
	if (strings)
		newlines_as_spaces(c->valtext, i);
	c->value = off;
	c->vbase = c->valtext;
	off = NULL;
	rc = cube_ready(c, name);
out:
	json_decref(root);
	buf_free(&text);
	free(off);
	free(lit);
	free(litlen);
	if (rc != 0) {
		px_cube_free(c);
		return NULL;
	}
	return c;
}

int
jsonstat_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out)
{
	return cube_to_csv(jsonstat_read(data, len, name), name, limit, out);
}
