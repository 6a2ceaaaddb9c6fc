/*
 * PX and JSON-stat 2.0 tables as long CSV (px.h).  Both are a cube: some
 * variables, each with its categories, and a value for every combination,
 * the last variable varying fastest.  Each reader fills a struct cube;
 * write_cube() writes it out.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "px.h"
#include "xalloc.h"

#define MAX_VARS 64

struct var {
	char *name;
	char **label;		/* [n] */
	char **code;		/* [n], or NULL */
	size_t n;
};

struct cube {
	char *title;
	struct var var[MAX_VARS];
	int nvar;
	char **value;		/* [ncells]: the cell as text, NULL if empty */
	char *valtext;		/* when set, value[] points into it */
	size_t ncells;
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

static void
cube_free(struct cube *c)
{
	int i;

	free(c->title);
	for (i = 0; i < c->nvar; i++) {
		free(c->var[i].name);
		strlist_free(c->var[i].label, c->var[i].n);
		strlist_free(c->var[i].code, c->var[i].n);
	}
	if (c->valtext != NULL) {
		free(c->value);
		free(c->valtext);
	} else {
		strlist_free(c->value, c->ncells);
	}
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

static int
write_cube(const struct cube *c, const char *name, size_t limit,
    struct buf *out)
{
	struct buf cell = BUF_INIT;
	struct buf *shown[MAX_VARS];	/* each category quoted, with its comma */
	size_t *at[MAX_VARS];
	size_t idx[MAX_VARS], k, j, total = 1;
	int i, rc = -1;

	for (i = 0; i < c->nvar; i++) {
		if (c->var[i].n == 0 || total > c->ncells / c->var[i].n + 1) {
			total = 0;
			break;
		}
		total *= c->var[i].n;
	}
	if (c->nvar == 0 || total != c->ncells) {
		warnat(name, 0, "the table has %zu values for %zu cells", c->ncells,
		    total);
		return -1;
	}
	for (i = 0; i < c->nvar; i++) {
		csv_quoted(out, c->var[i].name);
		buf_addc(out, ',');
		shown[i] = xcalloc(1, sizeof *shown[i]);
		at[i] = xcalloc(c->var[i].n + 1, sizeof *at[i]);
		for (j = 0; j < c->var[i].n; j++) {
			at[i][j] = shown[i]->len;
			category(&cell, &c->var[i], j);
			csv_quoted(shown[i], cell.data);
			buf_addc(shown[i], ',');
		}
		at[i][j] = shown[i]->len;
	}
	csv_quoted(out, c->title != NULL && c->title[0] != '\0' ? c->title : "value");
	buf_addc(out, '\n');
	/* The categories' text of all rows, and some for the values. */
	for (i = 0, j = 0; i < c->nvar; i++)
		j += c->ncells / c->var[i].n * shown[i]->len;
	if (j < limit)
		buf_reserve(out, j + c->ncells * 8);
	memset(idx, 0, sizeof idx);
	for (k = 0; k < c->ncells; k++) {
		const char *v = c->value[k] ? c->value[k] : "";
		size_t vlen = strlen(v);

		for (i = 0; i < c->nvar; i++) {
			size_t n = at[i][idx[i] + 1] - at[i][idx[i]];

			if (out->cap - out->len <= n)
				buf_reserve(out, n);
			memcpy(out->data + out->len, shown[i]->data + at[i][idx[i]], n);
			out->len += n;
		}
		if (memchr(v, '"', vlen) != NULL || memchr(v, ',', vlen) != NULL ||
		    memchr(v, '\n', vlen) != NULL || memchr(v, '\r', vlen) != NULL) {
			csv_quoted(out, v);
			buf_addc(out, '\n');
		} else {
			if (out->cap - out->len <= vlen + 1)
				buf_reserve(out, vlen + 1);
			memcpy(out->data + out->len, v, vlen);
			out->len += vlen;
			out->data[out->len++] = '\n';
			out->data[out->len] = '\0';
		}
		if (out->len > limit) {
			warnat(name, 0, "the table is larger than %zu MiB as text",
			    limit >> 20);
			goto out;
		}
		for (i = c->nvar - 1; i >= 0; i--) {
			if (++idx[i] < c->var[i].n)
				break;
			idx[i] = 0;
		}
	}
	rc = 0;
out:
	for (i = 0; i < c->nvar; i++) {
		buf_free(shown[i]);
		free(shown[i]);
		free(at[i]);
	}
	buf_free(&cell);
	return rc;
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
	char *itemtext;		/* when set, item[] points into it (DATA) */
	size_t n;
};

static void
pxkey_free(struct pxkey *k)
{
	free(k->name);
	free(k->arg);
	if (k->itemtext != NULL) {
		free(k->item);
		free(k->itemtext);
	} else {
		strlist_free(k->item, k->n);
	}
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

/*
 * DATA's values, separated by space, tab, comma or line end: millions of
 * them, so one text of them all, NUL after each, and item[] into it.
 */
static int
data_items(const char **pp, const char *end, struct pxkey *k)
{
	const char *p = *pp, *s;
	struct buf text = BUF_INIT;
	size_t *off = NULL, cap = 0, n = 0, i;

	/* Never longer than the DATA text: no growing. */
	buf_reserve(&text, (size_t)(end - p) + 1);
	while (p < end && *p != ';') {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',') {
			p++;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			off = xreallocarray(off, cap, sizeof *off);
		}
		off[n++] = text.len;
		if (*p == '"') {
			if (quoted(&p, end, &text) != 0) {
				free(off);
				buf_free(&text);
				return -1;
			}
		} else {
			for (s = p; p < end && !(*p == ' ' || *p == '\t' || *p == '\r' ||
			    *p == '\n' || *p == ',' || *p == ';'); p++)
				;
			buf_add(&text, s, (size_t)(p - s));
		}
		buf_addc(&text, '\0');
	}
	k->itemtext = buf_detach(&text, NULL);
	k->item = xreallocarray(NULL, n + 1, sizeof *k->item);
	for (i = 0; i < n; i++)
		k->item[i] = k->itemtext + off[i];
	k->item[n] = NULL;
	k->n = n;
	free(off);
	*pp = p;
	return 0;
}

/*
 * One keyword from *pp: NAME[lang]("arg")=value;  Quoted strings next to
 * each other (a long one over lines) are one; commas separate items.
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
		if (data_items(&p, end, k) != 0)
			goto bad;
	} else {
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
	}
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
var_named(struct cube *c, const char *name)
{
	int i;

	for (i = 0; i < c->nvar; i++)
		if (strcmp(c->var[i].name, name) == 0)
			return &c->var[i];
	return NULL;
}

int
px_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out)
{
	const char *p = data, *end = data + len;
	struct pxkey k, *values = NULL, *codes = NULL;
	size_t nvalues = 0, ncodes = 0, i;
	struct cube c;
	int r, rc = -1, stubs = 0, have_data = 0;
	char *contents = NULL;

	memset(&c, 0, sizeof c);
	while ((r = px_keyword(&p, end, &k)) > 0) {
		if (k.lang) {
			pxkey_free(&k);
			continue;
		}
		if ((strcmp(k.name, "STUB") == 0 || strcmp(k.name, "HEADING") == 0) &&
		    k.arg == NULL) {
			for (i = 0; i < k.n && c.nvar < MAX_VARS; i++) {
				c.var[c.nvar++].name = k.item[i];
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
		} else if (strcmp(k.name, "TITLE") == 0 && k.n > 0 && c.title == NULL) {
			c.title = k.item[0];
			k.item[0] = xstrdup("");
			pxkey_free(&k);
		} else if (strcmp(k.name, "CONTENTS") == 0 && k.n > 0 && contents == NULL) {
			contents = k.item[0];
			k.item[0] = xstrdup("");
			pxkey_free(&k);
		} else if (strcmp(k.name, "DATA") == 0) {
			c.value = k.item;
			c.valtext = k.itemtext;
			c.ncells = k.n;
			k.item = NULL;
			k.itemtext = NULL;
			k.n = 0;
			have_data = 1;
			pxkey_free(&k);
			break;
		} else {
			pxkey_free(&k);
		}
	}
	if (r < 0 || !have_data || !stubs) {
		warnat(name, 0, "%s", r < 0 ? "malformed PX keyword" :
		    "not a PX table: no STUB, HEADING or DATA");
		goto out;
	}
	if (c.title == NULL && contents != NULL) {
		c.title = contents;
		contents = NULL;
	}
	for (i = 0; i < nvalues; i++) {
		struct var *v = var_named(&c, values[i].arg);

		if (v == NULL || v->label != NULL)
			continue;
		v->label = values[i].item;
		v->n = values[i].n;
		values[i].item = NULL;
		values[i].n = 0;
	}
	for (i = 0; i < ncodes; i++) {
		struct var *v = var_named(&c, codes[i].arg);

		if (v == NULL || v->code != NULL || codes[i].n != v->n)
			continue;
		v->code = codes[i].item;
		codes[i].item = NULL;
		codes[i].n = 0;
	}
	for (r = 0; r < c.nvar; r++) {
		if (c.var[r].label == NULL) {
			warnat(name, 0, "no VALUES for \"%s\"", c.var[r].name);
			goto out;
		}
	}
	/* Markers stand for no number; "" and "." as PX writes them too. */
	rc = write_cube(&c, name, limit, out);
out:
	for (i = 0; i < nvalues; i++)
		pxkey_free(&values[i]);
	for (i = 0; i < ncodes; i++)
		pxkey_free(&codes[i]);
	free(values);
	free(codes);
	free(contents);
	cube_free(&c);
	return rc;
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
 * A number as JSON wrote it, onto out: an integer's digits, a real's
 * shortest form that reads back the same.
 */
static void
number_text(struct buf *out, const json_t *j)
{
	char tmp[64], *p = tmp + sizeof tmp;
	double v;
	int prec;

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
	v = json_real_value(j);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_adds(out, tmp);
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

int
jsonstat_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out)
{
	json_error_t e;
	json_t *root, *ids, *size, *dims, *values, *status, *x;
	struct cube c;
	struct buf text = BUF_INIT;
	size_t i, total = 1, *off = NULL;
	int rc = -1;

	memset(&c, 0, sizeof c);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &e);
	if (root == NULL) {
		warnat(name, (unsigned long)e.line, "%s", e.text);
		return -1;
	}
	ids = json_object_get(root, "id");
	size = json_object_get(root, "size");
	dims = json_object_get(root, "dimension");
	values = json_object_get(root, "value");
	status = json_object_get(root, "status");
	if (!json_is_array(ids) || !json_is_array(size) || !json_is_object(dims) ||
	    values == NULL || json_array_size(ids) != json_array_size(size)) {
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
		if (js_dimension(dim, json_string_value(x), &c.var[c.nvar++], name) != 0)
			goto out;
		if (!json_is_integer(json_array_get(size, i)) ||
		    (size_t)json_integer_value(json_array_get(size, i)) != c.var[i].n) {
			warnat(name, 0, "dimension \"%s\": size is not its number of "
			    "categories", json_string_value(x));
			goto out;
		}
		if (c.var[i].n == 0 || total > ((size_t)1 << 31) / c.var[i].n) {
			warnat(name, 0, "too many cells");
			goto out;
		}
		total *= c.var[i].n;
	}
	if (json_is_array(values) && json_array_size(values) != total) {
		warnat(name, 0, "the table has %zu values for %zu cells",
		    json_array_size(values), total);
		goto out;
	}
	if (json_is_string(json_object_get(root, "label")))
		c.title = xstrdup(json_string_value(json_object_get(root, "label")));
	c.ncells = total;
	c.value = xcalloc(total + 1, sizeof *c.value);
	/* The values in one text, NUL after each; (size_t)-1 for none. */
	off = xcalloc(total + 1, sizeof *off);
	for (i = 0; i < total; i++) {
		json_t *v = js_entry(values, i), *s = js_entry(status, i);

		off[i] = text.len;
		if (json_is_number(v))
			number_text(&text, v);
		else if (json_is_string(v))
			buf_adds(&text, json_string_value(v));
		else if (json_is_string(s))
			buf_adds(&text, json_string_value(s));
		else
			off[i] = (size_t)-1;
		if (off[i] != (size_t)-1)
			buf_addc(&text, '\0');
	}
	json_decref(root);	/* before the long table is made */
	root = NULL;
	c.valtext = buf_detach(&text, NULL);
	for (i = 0; i < total; i++)
		c.value[i] = off[i] == (size_t)-1 ? NULL : c.valtext + off[i];
	rc = write_cube(&c, name, limit, out);
out:
	cube_free(&c);
	json_decref(root);
	buf_free(&text);
	free(off);
	return rc;
}
