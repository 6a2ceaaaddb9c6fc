/*
 * Reading the inputs.  A file is told by its header: items (from
 * samling-extract), changes (from samling-compare), blocks (from
 * samling-ingest, for the documents' titles), and for --previous also
 * the state file samling-digest writes with --state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "digest.h"
#include "err.h"
#include "io.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

/* Bad rows of one input reported before the rest of it is skipped. */
#define MAX_BAD_ROWS 20
#define ARENA_BLOCK (256 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) char data[];
};

void *
arena_alloc(struct arena *a, size_t len)
{
	struct arena_block *b = a->head;
	void *p;

	len = (len + 15) & ~(size_t)15;
	if (b == NULL || b->size - b->used < len) {
		size_t size = len > ARENA_BLOCK ? len : ARENA_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += len;
	return p;
}

char *
arena_strdup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

static const char *const cat_names[] = { "goal", "milestone", "pitfall" };

const char *
category_name(enum category c)
{
	return cat_names[c];
}

static int
category_parse(const char *s)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, cat_names[i]) == 0)
			return i;
	return -1;
}

void
digest_init(struct digest *d)
{
	memset(d, 0, sizeof *d);
	d->sources = strmap_new();
	d->sections = strmap_new();
	d->titles = strmap_new();
}

void
digest_free(struct digest *d)
{
	free(d->items);
	free(d->changes);
	free(d->prev);
	free(d->gone);
	strmap_free(d->sources);
	strmap_free(d->sections);
	strmap_free(d->titles);
	strmap_free(d->previous);
	arena_free(&d->mem);
}

/* One copy of a string that many rows repeat. */
/* One copy of a string that many rows repeat (the key is its own value). */
static const char *
intern(struct strmap *m, const char *s, int *added)
{
	const char *k = strmap_get(m, s);

	if (k != NULL)
		return k;
	k = strmap_put(m, s, NULL);
	strmap_put(m, k, (void *)k);
	if (added != NULL)
		*added = 1;
	return k;
}

const char *
doc_name(const struct digest *d, const char *source)
{
	const char *t = strmap_get(d->titles, source);

	return t != NULL ? t : source;
}

void
item_identity(struct buf *out, const char *source, enum category cat,
    const char *text)
{
	buf_clear(out);
	buf_adds(out, source);
	buf_addc(out, '\037');
	buf_adds(out, cat_names[cat]);
	buf_addc(out, '\037');
	text_fold(out, text, strlen(text));
}

/* What an input is, from its header. */
enum kind { K_ITEMS, K_CHANGES, K_BLOCKS, K_STATE, K_UNKNOWN };

static const char *const item_cols[] = {
	"source", "unit", "category", "section", "text", "date"
};
#define NITEM 6
static const char *const change_cols[] = {
	"field", "old", "new", "diff", "pct", "status"
};
#define NCHANGE 6
static const char *const block_cols[] = { "source", "unit", "kind", "text" };
#define NBLOCK 4
static const char *const state_cols[] = { "source", "category", "key", "text" };
#define NSTATE 4

struct input {
	const char *name;
	struct csvreader *r;
	struct csvheader header;	/* to know it again */
	enum kind kind;
	int idx[8];
	int nfields;		/* fields a row must have */
};

static int
max_idx(const int *idx, int n)
{
	int i, m = 0;

	for (i = 0; i < n; i++)
		if (idx[i] > m)
			m = idx[i];
	return m + 1;
}

static enum kind
recognise(struct input *in, const struct csvfield *h, int n)
{
	int i;

	if (csv_find_columns(h, n, item_cols, NITEM, in->idx) == 0) {
		in->nfields = max_idx(in->idx, NITEM);
		return K_ITEMS;
	}
	if (csv_find_columns(h, n, change_cols, NCHANGE, in->idx) == 0) {
		for (i = 1; i < NCHANGE; i++)
			if (in->idx[i] != in->idx[0] + i)
				return K_UNKNOWN;
		in->nfields = in->idx[0] + NCHANGE;
		return K_CHANGES;
	}
	if (csv_find_columns(h, n, state_cols, NSTATE, in->idx) == 0) {
		in->nfields = max_idx(in->idx, NSTATE);
		return K_STATE;
	}
	if (csv_find_columns(h, n, block_cols, NBLOCK, in->idx) == 0) {
		in->nfields = max_idx(in->idx, NBLOCK);
		return K_BLOCKS;
	}
	return K_UNKNOWN;
}

static int
parse_unit(const char *s, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return end == s || *end != '\0' || errno != 0 || *v < 0 ? -1 : 0;
}

static int
add_item(struct digest *d, struct input *in, struct csvfield *f)
{
	struct item *it;
	const char *date = f[in->idx[5]].s;
	long unit;
	int cat, added = 0;

	if ((cat = category_parse(f[in->idx[2]].s)) < 0) {
		warnat(in->name, csvr_line(in->r), "unknown category: %s",
		    err_name(f[in->idx[2]].s));
		return -1;
	}
	if (parse_unit(f[in->idx[1]].s, &unit) != 0) {
		warnat(in->name, csvr_line(in->r), "unit is no number: %s",
		    err_name(f[in->idx[1]].s));
		return -1;
	}
	if (d->nitems == d->capitems) {
		d->capitems = d->capitems ? d->capitems * 2 : 1024;
		d->items = xreallocarray(d->items, d->capitems, sizeof *d->items);
	}
	it = &d->items[d->nitems];
	if (date[0] != '\0' && date_iso_range(date, f[in->idx[5]].len,
	    &it->first, &it->last) != 0) {
		warnat(in->name, csvr_line(in->r), "not a date: %s",
		    err_name(date));
		return -1;
	}
	it->source = intern(d->sources, f[in->idx[0]].s, &added);
	d->nsources += added;
	it->section = intern(d->sections, f[in->idx[3]].s, NULL);
	it->text = arena_strdup(&d->mem, f[in->idx[4]].s, f[in->idx[4]].len);
	it->date = date[0] == '\0' ? "" :
	    arena_strdup(&d->mem, date, f[in->idx[5]].len);
	it->unit = unit;
	it->cat = cat;
	it->isnew = 0;
	it->seq = d->nitems++;
	return 0;
}

static int
add_change(struct digest *d, struct input *in, struct csvfield *f)
{
	const char *status = f[in->idx[5]].s, *diff = f[in->idx[3]].s;
	struct buf m = BUF_INIT;
	struct change *c;
	char st, *end;
	int i, fi = in->idx[0];
	double v;

	if (strcmp(status, "changed") == 0)
		st = 'c';
	else if (strcmp(status, "added") == 0)
		st = 'a';
	else if (strcmp(status, "removed") == 0)
		st = 'r';
	else if (strcmp(status, "same") == 0 ||
	    strcmp(status, "not comparable") == 0)
		return 0;
	else {
		warnat(in->name, csvr_line(in->r), "unknown status: %s",
		    err_name(status));
		return -1;
	}
	if (d->nchanges == d->capchanges) {
		d->capchanges = d->capchanges ? d->capchanges * 2 : 256;
		d->changes = xreallocarray(d->changes, d->capchanges,
		    sizeof *d->changes);
	}
	c = &d->changes[d->nchanges];
	c->region = fi > 0 ? intern(d->sections, f[0].s, NULL) : "";
	for (i = 1; i < fi; i++) {
		if (i > 1)
			buf_adds(&m, " / ");
		buf_add(&m, f[i].s, f[i].len);
	}
	if (fi > 1) {
		buf_adds(&m, " (");
		buf_add(&m, f[fi].s, f[fi].len);
		buf_addc(&m, ')');
	} else
		buf_add(&m, f[fi].s, f[fi].len);
	c->measure = intern(d->sections, m.data, NULL);
	buf_free(&m);
	c->old = arena_strdup(&d->mem, f[fi + 1].s, f[fi + 1].len);
	c->new = arena_strdup(&d->mem, f[fi + 2].s, f[fi + 2].len);
	c->diff = arena_strdup(&d->mem, diff, f[fi + 3].len);
	c->pct = arena_strdup(&d->mem, f[fi + 4].s, f[fi + 4].len);
	v = strtod(diff, &end);
	c->absdiff = end == diff || *end != '\0' || v != v ? -1 : v < 0 ? -v : v;
	c->status = st;
	c->seq = d->nchanges++;
	return 0;
}

static int
add_title(struct digest *d, struct input *in, struct csvfield *f)
{
	const char *src = f[in->idx[0]].s;

	if (strcmp(f[in->idx[1]].s, "0") != 0 ||
	    strcmp(f[in->idx[2]].s, "title") != 0 ||
	    strmap_get(d->titles, src) != NULL || f[in->idx[3]].len == 0)
		return 0;
	strmap_put(d->titles, src,
	    arena_strdup(&d->mem, f[in->idx[3]].s, f[in->idx[3]].len));
	return 0;
}

static void
add_previous(struct digest *d, const char *source, enum category cat,
    const char *text, const char *key)
{
	struct gone *g;
	struct buf id = BUF_INIT;

	if (key == NULL)
		item_identity(&id, source, cat, text);
	else {
		buf_adds(&id, source);
		buf_addc(&id, '\037');
		buf_adds(&id, cat_names[cat]);
		buf_addc(&id, '\037');
		buf_adds(&id, key);
	}
	if (strmap_get(d->previous, id.data) == NULL) {
		g = arena_alloc(&d->mem, sizeof *g);
		g->source = arena_strdup(&d->mem, source, strlen(source));
		g->text = arena_strdup(&d->mem, text, strlen(text));
		g->cat = cat;
		g->seen = 0;
		strmap_put(d->previous, id.data, g);
		if (d->nprev == d->capprev) {
			d->capprev = d->capprev ? d->capprev * 2 : 256;
			d->prev = xreallocarray(d->prev, d->capprev,
			    sizeof *d->prev);
		}
		d->prev[d->nprev++] = g;
	}
	buf_free(&id);
}

static int
add_prev_row(struct digest *d, struct input *in, struct csvfield *f)
{
	int cat;

	cat = category_parse(f[in->idx[in->kind == K_STATE ? 1 : 2]].s);
	if (cat < 0) {
		warnat(in->name, csvr_line(in->r), "unknown category: %s",
		    err_name(f[in->idx[in->kind == K_STATE ? 1 : 2]].s));
		return -1;
	}
	if (in->kind == K_STATE)
		add_previous(d, f[in->idx[0]].s, cat, f[in->idx[3]].s,
		    f[in->idx[2]].s);
	else
		add_previous(d, f[in->idx[0]].s, cat, f[in->idx[4]].s, NULL);
	return 0;
}

/* Read path; previous: as --previous (items or state only). */
static int
load(struct digest *d, const char *path, int previous)
{
	struct input in;
	struct csvfield *f;
	FILE *fp;
	int n, bad = 0, rc;

	memset(&in, 0, sizeof in);
	if ((fp = open_input(path)) == NULL) {
		warnsys("%s", err_name(path));
		return -1;
	}
	in.name = xstrdup(path);
	in.r = csvr_open_records(fp, in.name, d->informat);
	n = csvr_next(in.r, &f);
	if (n == 0) {
		warnat(in.name, 0, "empty: no header");
		bad = 1;
	} else if (n > 0) {
		in.kind = recognise(&in, f, n);
		csv_keep_header(&in.header, f, n);
		if (previous && in.kind != K_ITEMS && in.kind != K_STATE) {
			warnat(in.name, 1, "not an items or state file");
			bad = 1;
			n = 0;
		} else if (!previous && in.kind == K_CHANGES)
			d->nchangefiles++;
		else if (!previous && (in.kind == K_UNKNOWN ||
		    in.kind == K_STATE)) {
			warnat(in.name, 1, "not an items, changes or blocks "
			    "file");
			bad = 1;
			n = 0;
		}
	} else
		bad = 1;
	while (n > 0 && (n = csvr_next(in.r, &f)) != 0) {
		if (n < 0) {
			if (csvr_failed(in.r)) {
				bad = MAX_BAD_ROWS;
				break;
			}
			rc = -1;
		} else if (csv_header_again(&in.header, f, n))
			rc = 0;
		else if (n < in.nfields) {
			warnat(in.name, csvr_line(in.r), "%d fields, "
			    "%d wanted", n, in.nfields);
			rc = -1;
		} else if (previous)
			rc = add_prev_row(d, &in, f);
		else if (in.kind == K_ITEMS)
			rc = add_item(d, &in, f);
		else if (in.kind == K_CHANGES)
			rc = add_change(d, &in, f);
		else
			rc = add_title(d, &in, f);
		if (rc < 0 && ++bad == MAX_BAD_ROWS) {
			warnat(in.name, 0, "too many bad rows; the rest of "
			    "this input is skipped");
			break;
		}
		if (n < 0)
			n = 1;
	}
	csvr_close(in.r);
	close_input(fp);
	buf_free(&in.header.names);
	free((char *)in.name);
	return bad ? -1 : 0;
}

int
load_input(struct digest *d, const char *path)
{
	return load(d, path, 0);
}

int
load_previous(struct digest *d, const char *path)
{
	if (d->previous == NULL)
		d->previous = strmap_new();
	return load(d, path, 1);
}

void
digest_mark(struct digest *d)
{
	struct buf id = BUF_INIT;
	struct gone *g;
	size_t i;

	if (d->previous == NULL)
		return;
	for (i = 0; i < d->nitems; i++) {
		struct item *it = &d->items[i];

		item_identity(&id, it->source, it->cat, it->text);
		if ((g = strmap_get(d->previous, id.data)) != NULL)
			g->seen = 1;
		else
			it->isnew = 1;
	}
	buf_free(&id);
	d->gone = xreallocarray(NULL, d->nprev ? d->nprev : 1, sizeof *d->gone);
	for (i = 0; i < d->nprev; i++)
		if (!d->prev[i]->seen)
			d->gone[d->ngone++] = d->prev[i];
}

int
write_state(const struct digest *d, const char *path)
{
	static const char *const cols[] = { "source", "category", "key", "text" };
	struct outfile out;
	struct csvwriter w;
	struct buf key = BUF_INIT;
	size_t i;

	outfile_open(&out, path);
	csvw_init(&w, out.fp, FMT_CSV, cols, 4);
	for (i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];

		buf_clear(&key);
		text_fold(&key, it->text, strlen(it->text));
		csvw_str(&w, it->source);
		csvw_plain(&w, cat_names[it->cat]);
		csvw_field(&w, key.data ? key.data : "", key.len);
		csvw_str(&w, it->text);
		csvw_end(&w);
	}
	csvw_free(&w);
	buf_free(&key);
	return outfile_commit(&out);
}
