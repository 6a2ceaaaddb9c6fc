/*
 * Which columns are the key and which are compared: guessed from the
 * header and the first rows of each input (see the manual), or set by -k.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "err.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

#define SAMPLE_MAX 500

static int
same_name(const char *a, const char *b)
{
	char *fa = text_folded(a, strlen(a)), *fb = text_folded(b, strlen(b));
	int same = strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same;
}

static int
starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ' ' || s[n] == '(');
}

/* Does a header name say "municipality" or "region"? */
static int
region_name(const char *col)
{
	char *f = text_folded(col, strlen(col));
	int yes = strstr(f, "region") != NULL || strstr(f, "kommune") != NULL ||
	    strstr(f, "municipal") != NULL || strstr(f, "geografi") != NULL ||
	    starts_word(f, "knr") || starts_word(f, "komnr") ||
	    starts_word(f, "område") || starts_word(f, "sted");

	free(f);
	return yes;
}

/* Does a header name say "year" or "period"? */
static int
year_name(const char *col)
{
	static const char *const words[] = {
		"år", "aar", "year", "periode", "period", "tid", "time",
		"årgang", "statistikkår", "kvartal", "måned", "dato", "date", NULL
	};
	char *f = text_folded(col, strlen(col));
	int i, yes = 0;

	for (i = 0; words[i] != NULL; i++)
		if (starts_word(f, words[i]))
			yes = 1;
	free(f);
	return yes;
}

struct region_guess {
	int cells, codes, named, names;
};

static void
guess_region(const struct muni_db *db, struct table *t, int col,
    struct region_guess *g)
{
	int i, n = table_nsample(t), code;

	memset(g, 0, sizeof *g);
	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col], *name;
		size_t len = strlen(s), namelen;

		if (len == 0)
			continue;
		/* Fifty cells and not one region: the column holds none. */
		if (g->cells >= 50 && g->codes + g->names == 0)
			break;
		g->cells++;
		code = muni_parse_region(s, len, &name, &namelen);
		/* A count like 1234 is no code; a code is in some list. */
		if (code >= 0 && muni_newest_year(db, code) > 0) {
			g->codes++;
			g->named += namelen > 0;
		} else if (muni_lookup_name(db, s, len, 0, NULL) != -1) {
			g->names++;
		}
	}
}

/* Does the column hold text that is neither a number nor a marker? */
static int
text_column(struct table *t, int col)
{
	int i, n = table_nsample(t);
	struct number num;

	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col];

		if (num_parse(s, strlen(s), &num) == NUM_TEXT)
			return 1;
	}
	return 0;
}

/* The one value a column holds in the sample, or NULL. */
static const char *
constant_value(struct table *t, int col)
{
	int i, n = table_nsample(t);
	const char *v = NULL;

	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col];

		if (v != NULL && strcmp(v, s) != 0)
			return NULL;
		v = s;
	}
	return v;
}

/* Parse -k: names, or 1-based column numbers, comma-separated. */
static int
in_key_list(const char *list, struct table *t, int col)
{
	const char *p = list;

	while (*p != '\0') {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, n);
		char *end;
		long num = strtol(item, &end, 10);
		int hit = (*end == '\0' && end != item) ? num == col + 1 :
		    same_name(item, table_column(t, col));

		free(item);
		if (hit)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int
key_list_check(const char *list, struct table *t)
{
	const char *p = list;
	int bad = 0, col;

	while (*p != '\0') {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, n), *end;
		long num = strtol(item, &end, 10);
		int found = 0;

		for (col = 0; col < table_ncols(t); col++) {
			if ((*end == '\0' && end != item) ? num == col + 1 :
			    same_name(item, table_column(t, col)))
				found = 1;
		}
		if (!found) {
			warnmsg("%s: no column %s", table_name(t), err_name(item));
			bad = 1;
		}
		free(item);
		p += n;
		if (*p == ',')
			p++;
	}
	return bad ? -1 : 0;
}

/* Roles of one input's columns. */
static int
guess_roles(const struct options *o, const struct muni_db *db,
    struct table *t, struct layout *l)
{
	struct region_guess g, best;
	int c, bestcol = -1, by_header = 0;

	l->ncols = table_ncols(t);
	l->role = xcalloc((size_t)l->ncols, sizeof *l->role);
	l->region = -1;
	memset(&best, 0, sizeof best);
	/* The region: a column so named, else one whose cells are regions. */
	for (c = 0; c < l->ncols; c++) {
		int named = region_name(table_column(t, c));

		guess_region(db, t, c, &g);
		if (named && (!by_header || g.codes > best.codes)) {
			bestcol = c, best = g, by_header = 1;
		} else if (!by_header && g.cells > 0 &&
		    (g.codes + g.names) * 5 >= g.cells * 4 &&
		    g.codes + g.names > best.codes + best.names) {
			bestcol = c, best = g;
		}
	}
	if (o->keys != NULL && bestcol >= 0 && !in_key_list(o->keys, t, bestcol))
		bestcol = -1;
	l->region = bestcol;
	if (bestcol >= 0) {
		l->role[bestcol] = ROLE_REGION;
		l->style = best.codes == 0 ? (best.names > 0 ? STYLE_NAME : STYLE_NONE) :
		    best.named * 2 > best.codes ? STYLE_CODE_NAME : STYLE_CODE;
	}
	for (c = 0; c < l->ncols; c++) {
		if (c == bestcol)
			continue;
		if (o->keys != NULL) {
			l->role[c] = in_key_list(o->keys, t, c) ? ROLE_KEY : ROLE_VALUE;
			continue;
		}
		if (bestcol >= 0 && best.codes > 0) {
			/* A second column naming the same municipalities. */
			guess_region(db, t, c, &g);
			if (g.cells > 0 && g.names * 5 >= g.cells * 4) {
				l->role[c] = ROLE_IGNORE;
				continue;
			}
		}
		l->role[c] = year_name(table_column(t, c)) || text_column(t, c) ?
		    ROLE_KEY : ROLE_VALUE;
	}
	return 0;
}

/*
 * Index the columns by folded name: matching every column of one input
 * against every column of the other, folding both names each time, is
 * 60,000 squared folds for a header of 60,000 columns (an hour or so).
 */
static void
index_names(struct table *t, struct layout *l)
{
	int c;

	l->byname = strmap_new();
	l->samename = xcalloc((size_t)l->ncols, sizeof *l->samename);
	for (c = l->ncols - 1; c >= 0; c--) {
		const char *name = table_column(t, c);
		char *f = text_folded(name, strlen(name));
		void *first = strmap_get(l->byname, f);

		l->samename[c] = first != NULL ? (int)((intptr_t)first - 1) : -1;
		strmap_put(l->byname, f, (void *)(intptr_t)(c + 1));
		free(f);
	}
}

/* The first column of that role so named (folded), or -1. */
static int
find_column(struct table *t, struct layout *l, const char *name,
    enum role role)
{
	char *f = text_folded(name, strlen(name));
	void *first;
	int c;

	if (l->byname == NULL)
		index_names(t, l);
	first = strmap_get(l->byname, f);
	free(f);
	for (c = first != NULL ? (int)((intptr_t)first - 1) : -1; c >= 0;
	    c = l->samename[c])
		if (l->role[c] == role)
			return c;
	return -1;
}

static const char *
style_text(enum region_style s)
{
	switch (s) {
	case STYLE_CODE: return "codes";
	case STYLE_CODE_NAME: return "codes with names";
	case STYLE_NAME: return "names";
	default: return "no municipality codes";
	}
}

static void
explain_input(const char *which, struct table *t, const struct layout *l)
{
	const struct table_info *in = table_info(t);
	char delim[8];

	if (in->delim == '\t')
		snprintf(delim, sizeof delim, "TAB");
	else
		snprintf(delim, sizeof delim, "'%c'", in->delim);
	warnmsg("%s %s: %s, delimiter %s, header on line %lu%s, %lu title line%s",
	    which, table_name(t), in->encoding, delim, in->header_line,
	    in->header_rows > 1 ? " (two rows)" : "", in->title_lines,
	    in->title_lines == 1 ? "" : "s");
	if (l->region >= 0)
		warnmsg("%s %s: region column \"%s\" (%s)", which, table_name(t),
		    table_column(t, l->region), style_text(l->style));
	else
		warnmsg("%s %s: no region column", which, table_name(t));
}

/* Left out of the key: a year column holding one year in each input. */
static void
drop_vintage(const struct options *o, struct table *old, struct table *new,
    struct layout *lo, struct layout *ln)
{
	int c, oc;

	if (o->keys != NULL)
		return;
	for (c = 0; c < ln->ncols; c++) {
		const char *a, *b;

		if (ln->role[c] != ROLE_KEY || !year_name(table_column(new, c)))
			continue;
		if ((oc = find_column(old, lo, table_column(new, c), ROLE_KEY)) < 0)
			continue;
		a = constant_value(old, oc);
		b = constant_value(new, c);
		if (a == NULL || b == NULL || strcmp(a, b) == 0)
			continue;
		ln->role[c] = ROLE_IGNORE;
		lo->role[oc] = ROLE_IGNORE;
		if (o->explain)
			warnmsg("\"%s\" holds %s in OLD and %s in NEW: not part of the key",
			    table_column(new, c), err_name(a), err_name(b));
	}
}

static void
add_int(int **v, int *n, int x)
{
	*v = xreallocarray(*v, (size_t)*n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

/* Key components: region first, then the other key columns of NEW. */
static int
plan_keys(struct table *old, struct table *new, struct layout *lo,
    struct layout *ln, struct plan *p)
{
	int c, oc, pos = 0, bad = 0, *compof;

	if ((ln->region >= 0) != (lo->region >= 0)) {
		warnmsg("%s has a region column and %s has none",
		    table_name(ln->region >= 0 ? new : old),
		    table_name(ln->region >= 0 ? old : new));
		return -1;
	}
	p->region = ln->region >= 0;
	p->style = ln->style == STYLE_NONE ? lo->style : ln->style;
	if (p->region) {
		add_int(&ln->keycol, &ln->nkey, ln->region);
		add_int(&lo->keycol, &lo->nkey, lo->region);
	}
	for (c = 0; c < ln->ncols; c++) {
		if (ln->role[c] != ROLE_KEY)
			continue;
		if ((oc = find_column(old, lo, table_column(new, c), ROLE_KEY)) < 0) {
			warnmsg("key column \"%s\" is in %s only", table_column(new, c),
			    table_name(new));
			bad = 1;
			continue;
		}
		add_int(&ln->keycol, &ln->nkey, c);
		add_int(&lo->keycol, &lo->nkey, oc);
	}
	for (c = 0; c < lo->ncols; c++) {
		if (lo->role[c] == ROLE_KEY &&
		    find_column(new, ln, table_column(old, c), ROLE_KEY) < 0) {
			warnmsg("key column \"%s\" is in %s only", table_column(old, c),
			    table_name(old));
			bad = 1;
		}
	}
	if (bad)
		return -1;
	p->nkey = ln->nkey;
	p->keyname = xcalloc((size_t)p->nkey, sizeof *p->keyname);
	p->keyorder = xcalloc((size_t)p->nkey, sizeof *p->keyorder);
	for (c = 0; c < p->nkey; c++)
		p->keyname[c] = xstrdup(table_column(new, ln->keycol[c]));
	/* Output in NEW's column order (a column is one component at most). */
	compof = xcalloc((size_t)ln->ncols, sizeof *compof);
	for (c = 0; c < p->nkey; c++)
		compof[ln->keycol[c]] = c + 1;
	for (c = 0; c < ln->ncols; c++)
		if (compof[c] > 0)
			p->keyorder[pos++] = compof[c] - 1;
	free(compof);
	return 0;
}

static void
plan_fields(const struct options *o, struct table *old, struct table *new,
    struct layout *lo, struct layout *ln, struct plan *p)
{
	int c, oc, nvo = 0, nvn = 0, lastvo = -1, lastvn = -1;

	for (c = 0; c < ln->ncols; c++) {
		if (ln->role[c] != ROLE_VALUE)
			continue;
		nvn++, lastvn = c;
		if ((oc = find_column(old, lo, table_column(new, c), ROLE_VALUE)) < 0) {
			if (o->explain)
				warnmsg("not compared: \"%s\" (NEW only)", table_column(new, c));
			continue;
		}
		p->field = xreallocarray(p->field, (size_t)p->nfields + 1, sizeof *p->field);
		p->field[p->nfields++] = xstrdup(table_column(new, c));
		add_int(&ln->valcol, &ln->nval, c);
		add_int(&lo->valcol, &lo->nval, oc);
	}
	for (c = 0; c < lo->ncols; c++) {
		if (lo->role[c] != ROLE_VALUE)
			continue;
		nvo++, lastvo = c;
		if (o->explain && find_column(new, ln, table_column(old, c), ROLE_VALUE) < 0)
			warnmsg("not compared: \"%s\" (OLD only)", table_column(old, c));
	}
	/* One value column each, named differently (a year, a table title). */
	if (p->nfields == 0 && nvo == 1 && nvn == 1) {
		p->field = xcalloc(1, sizeof *p->field);
		p->field[p->nfields++] = xstrdup(table_column(new, lastvn));
		add_int(&ln->valcol, &ln->nval, lastvn);
		add_int(&lo->valcol, &lo->nval, lastvo);
		if (o->explain)
			warnmsg("\"%s\" in OLD compared with \"%s\" in NEW",
			    table_column(old, lastvo), table_column(new, lastvn));
	}
}

static void
explain_plan(const struct plan *p)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < p->nkey; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_printf(&b, "\"%s\"", p->keyname[p->keyorder[i]]);
	}
	warnmsg("key: %s", b.len ? b.data : "(none)");
	buf_clear(&b);
	for (i = 0; i < p->nfields; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_printf(&b, "\"%s\"", p->field[i]);
	}
	warnmsg("fields: %s", b.len ? b.data : "(none)");
	buf_free(&b);
}

int
plan_columns(const struct options *o, const struct muni_db *db,
    struct table *old, struct table *new, struct side *so, struct side *sn,
    struct plan *plan)
{
	memset(plan, 0, sizeof *plan);
	if (o->keys != NULL && (key_list_check(o->keys, old) != 0 ||
	    key_list_check(o->keys, new) != 0))
		return -1;
	guess_roles(o, db, old, &so->lay);
	guess_roles(o, db, new, &sn->lay);
	if (o->explain) {
		explain_input("OLD", old, &so->lay);
		explain_input("NEW", new, &sn->lay);
	}
	drop_vintage(o, old, new, &so->lay, &sn->lay);
	if (plan_keys(old, new, &so->lay, &sn->lay, plan) != 0)
		return -1;
	plan_fields(o, old, new, &so->lay, &sn->lay, plan);
	if (o->explain)
		explain_plan(plan);
	if (plan->nkey == 0) {
		warnmsg("no key columns found; name them with -k");
		return -1;
	}
	if (plan->nfields == 0) {
		warnmsg("no value columns in common to compare");
		return -1;
	}
	return 0;
}

void
plan_free(struct plan *p)
{
	int i;

	for (i = 0; i < p->nkey; i++)
		free(p->keyname[i]);
	for (i = 0; i < p->nfields; i++)
		free(p->field[i]);
	free(p->keyname);
	free(p->keyorder);
	free(p->field);
	free(p->oldv);
	free(p->newv);
}

void
layout_free(struct layout *l)
{
	free(l->role);
	free(l->keycol);
	free(l->valcol);
	strmap_free(l->byname);
	free(l->samename);
}
