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

/* Does a header name, case folded, begin with one of words? */
static int
starts_one_of(const char *col, const char *const *words)
{
	char *f = text_folded(col, strlen(col));
	int i, yes = 0;

	for (i = 0; words[i] != NULL && !yes; i++)
		yes = starts_word(f, words[i]);
	free(f);
	return yes;
}

/*
 * Does a header name say "municipality" or "region"?  Its first word
 * must: a table's title ("Befolkning, etter region og år") says nothing.
 */
static int
region_name(const char *col)
{
	static const char *const words[] = {
		"region", "kommune", "kommunenummer", "kommunenr", "kommunenavn",
		"kommunenr.", "municipality", "geografi", "knr", "komnr", "område",
		"sted", "fylke", "bydel", NULL
	};

	return starts_one_of(col, words);
}

/* Does a header name say "year" or "period"? */
static int
year_name(const char *col)
{
	static const char *const words[] = {
		"år", "aar", "year", "periode", "period", "tid", "time",
		"årgang", "statistikkår", "kvartal", "måned", "dato", "date", NULL
	};

	return starts_one_of(col, words);
}

static int
digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
year_at(const char *s)
{
	int y = atoi(s);

	return digits(s, 4) && y >= 1800 && y <= 2199;
}

/*
 * Is a cell a point or span of time?  2 for a date or period ("2023-03-14",
 * "14.03.2023", "2023-03", "2023M04", "2023K2", "2023H1", "2022-2023"),
 * 1 for a year alone, 0 for anything else.
 */
static int
time_cell(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	while (n > 0 && *s == ' ')
		s++, n--;
	if (n == 4 && year_at(s))
		return 1;
	if (n >= 6 && year_at(s)) {
		const char *r = s + 4;
		size_t m = n - 4;

		if ((m == 3 && (r[0] == 'M' || r[0] == 'm') && digits(r + 1, 2)) ||
		    (m == 2 && (r[0] == 'K' || r[0] == 'k' || r[0] == 'Q' ||
		    r[0] == 'H' || r[0] == 'U') && digits(r + 1, 1)) ||
		    (m == 3 && r[0] == '-' && digits(r + 1, 2)) ||
		    (m == 6 && r[0] == '-' && digits(r + 1, 2) && r[3] == '-' &&
		    digits(r + 4, 2)) ||
		    (m == 5 && (r[0] == '-' || r[0] == '/') && year_at(r + 1)))
			return 2;
		/* "2023-03-14T10:00", "2023-03-14 10:00" */
		if (m > 6 && r[0] == '-' && digits(r + 1, 2) && r[3] == '-' &&
		    digits(r + 4, 2) && (r[6] == 'T' || r[6] == ' '))
			return 2;
		return 0;
	}
	/* dd.mm.yyyy, d.m.yyyy, dd/mm/yyyy */
	if (n >= 8 && n <= 10 && year_at(s + n - 4)) {
		size_t i = 0, k;
		int parts = 0;

		while (i < n - 4 && parts < 2) {
			for (k = i; k < n - 4 && s[k] >= '0' && s[k] <= '9'; k++)
				;
			if (k == i || k - i > 2 || (s[k] != '.' && s[k] != '/'))
				return 0;
			i = k + 1;
			parts++;
		}
		return parts == 2 && i == n - 4 ? 2 : 0;
	}
	return 0;
}

/*
 * Does a column hold times?  Dates and periods always; years alone when
 * the header says so or they repeat (a count is mostly distinct).
 */
static int
time_column(struct table *t, int col, int named)
{
	int i, n = table_nsample(t), cells = 0, dates = 0, distinct = 0;
	struct strmap *seen;

	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col];
		int k;

		if (s[0] == '\0')
			continue;
		if ((k = time_cell(s)) == 0)
			return 0;
		cells++;
		dates += k == 2;
	}
	if (cells == 0)
		return named;
	if (dates > 0 || named)
		return 1;
	seen = strmap_new();
	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col];

		if (s[0] != '\0' && strmap_get(seen, s) == NULL) {
			strmap_put(seen, s, (void *)1);
			distinct++;
		}
	}
	strmap_free(seen);
	return distinct * 2 <= cells;
}

static const char why_cube[] = "key (a variable of the table)";

struct region_guess {
	int cells, codes, named, names;
	int ccodes, cnamed;	/* county codes (and with a name) */
	int bcodes;		/* city districts (counted in codes too) */
	int cnames;		/* county names */
};

/* dbs[MUNI_KOMMUNE] and dbs[MUNI_FYLKE] */
static void
guess_region(const struct muni_db *const *dbs, struct table *t, int col,
    struct region_guess *g)
{
	const struct muni_db *db = dbs[MUNI_KOMMUNE];
	int i, n = table_nsample(t), code;

	memset(g, 0, sizeof *g);
	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col], *name;
		size_t len = strlen(s), namelen;

		if (len == 0)
			continue;
		/* Fifty cells and not one region: the column holds none. */
		if (g->cells >= 50 && g->codes + g->names + g->ccodes + g->cnames == 0)
			break;
		g->cells++;
		code = muni_parse_county(s, len, &name, &namelen);
		if (code >= 0 && muni_newest_year(dbs[MUNI_FYLKE], code) > 0) {
			g->ccodes++;
			g->cnamed += namelen > 0;
			continue;
		}
		code = muni_parse_region(s, len, &name, &namelen);
		/* A count like 1234 is no code; a code is in some list. */
		if (code >= 0 && muni_newest_year(db, code) > 0) {
			g->codes++;
			g->named += namelen > 0;
		} else if (muni_parse_district(s, len, &name, &namelen) >= 0) {
			g->codes++;
			g->bcodes++;
			g->named += namelen > 0;
		} else if (muni_lookup_name(db, s, len, 0, NULL) != -1) {
			g->names++;
			/* "Oslo" is a county too */
			g->cnames += muni_lookup_name(dbs[MUNI_FYLKE], s, len, 0, NULL) >= 0;
		} else if (muni_lookup_name(dbs[MUNI_FYLKE], s, len, 0, NULL) >= 0) {
			g->cnames++;
		}
	}
}

/*
 * Does column col hold, four rows in five, the bare code of the
 * municipality that column names names in the same row, in some year's
 * list ("0101" beside "Halden", as SSB's classification exports have
 * them)?  A count of four digits does not meet the names beside it.
 */
static int
codes_of_names(const struct muni_db *db, struct table *t, int col, int names)
{
	const int *years;
	int ny = muni_years(db, &years), i, n = table_nsample(t);
	int cells = 0, agree = 0;

	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *s = table_sample(t, i)[col];
		const char *name = table_sample(t, i)[names], *rest;
		int code, codes[8], k, y, found = 0;
		size_t restlen;

		if (name[0] == '\0')
			continue;
		cells++;
		code = muni_parse_region(s, strlen(s), &rest, &restlen);
		if (code < 0 || restlen > 0)
			continue;
		for (y = 0; y < ny && !found; y++) {
			int nc = muni_lookup_codes(db, name, strlen(name),
			    years[y], codes, 8, NULL);

			for (k = 0; k < nc && k < 8; k++)
				found |= codes[k] == code;
		}
		agree += found;
	}
	return cells > 0 && agree * 5 >= cells * 4;
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

/* Is column col in a list of names or 1-based numbers, comma-separated? */
static int
in_list(const char *list, struct table *t, int col)
{
	const char *p = list;

	if (list == NULL)
		return 0;
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
list_check(const char *opt, const char *list, struct table *t)
{
	const char *p = list;
	int bad = 0, col;

	if (list == NULL)
		return 0;
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
			warnmsg("%s: %s: no column %s", opt, err_name(table_name(t)), err_name(item));
			bad = 1;
		}
		free(item);
		p += n;
		if (*p == ',')
			p++;
	}
	return bad ? -1 : 0;
}

/*
 * The key column (of -k) that holds the codes of the municipalities a
 * column of names beside it names, with its guess in g; or -1.
 */
static int
key_codes_of_names(const struct muni_db *const *dbs, struct table *t,
    const struct options *o, struct region_guess *g, int *by_names)
{
	struct region_guess ng;
	int c, n, ncols = table_ncols(t);

	for (n = 0; n < ncols; n++) {
		if (in_list(o->ignore, t, n) || in_list(o->keys, t, n))
			continue;
		guess_region(dbs, t, n, &ng);
		if (ng.cells == 0 || ng.names * 5 < ng.cells * 4)
			continue;
		for (c = 0; c < ncols; c++) {
			if (!in_list(o->keys, t, c) || in_list(o->ignore, t, c) ||
			    !codes_of_names(dbs[MUNI_KOMMUNE], t, c, n))
				continue;
			guess_region(dbs, t, c, g);
			*by_names = 1;
			return c;
		}
	}
	return -1;
}

/*
 * Roles of one input's columns: the region; times (keys); numbers
 * (values); text (ROLE_CAND, settled by settle_keys).  With -k the key
 * is what it names and nothing else.
 */
static int
guess_roles(const struct options *o, const struct muni_db *const *dbs,
    struct table *t, struct layout *l)
{
	struct region_guess g, best;
	const char *enc = table_info(t)->encoding;
	int c, bestcol = -1, by_header = 0, by_names = 0;
	int cube = strncmp(enc, "PX", 2) == 0 || strcmp(enc, "JSON-stat") == 0;

	l->ncols = table_ncols(t);
	l->role = xcalloc((size_t)l->ncols, sizeof *l->role);
	l->why = xcalloc((size_t)l->ncols, sizeof *l->why);
	l->region = -1;
	memset(&best, 0, sizeof best);
	/* The region: a column so named, else one whose cells are regions. */
	for (c = 0; c < l->ncols && !o->plain; c++) {
		int named = region_name(table_column(t, c));

		if (in_list(o->ignore, t, c) || (o->keys != NULL &&
		    !in_list(o->keys, t, c)))
			continue;
		if (!named && time_column(t, c, year_name(table_column(t, c))))
			continue;
		guess_region(dbs, t, c, &g);
		if (named && (!by_header || g.codes + g.ccodes > best.codes + best.ccodes)) {
			bestcol = c, best = g, by_header = 1;
		} else if (!by_header && g.cells > 0 &&
		    (g.codes + g.names + g.cnamed + g.cnames) * 5 >= g.cells * 4 &&
		    (g.named + g.names + g.cnamed + g.cnames) * 2 >=
		    g.codes + g.names + g.cnamed + g.cnames &&
		    g.codes + g.names + g.cnamed + g.cnames >
		    best.codes + best.names + best.cnamed + best.cnames) {
			bestcol = c, best = g;
		}
	}
	/*
	 * Names alone are ambiguous (two Herøy): where another column holds
	 * their codes, the codes are the region, and the names are left out
	 * below as naming its municipalities.
	 */
	if (bestcol >= 0 && !by_header && best.codes == 0 && best.ccodes == 0 &&
	    best.names > best.cnames && o->keys == NULL) {
		for (c = 0; c < l->ncols; c++) {
			if (c == bestcol || in_list(o->ignore, t, c) ||
			    !codes_of_names(dbs[MUNI_KOMMUNE], t, c, bestcol))
				continue;
			bestcol = c, by_names = 1;
			guess_region(dbs, t, c, &best);
			break;
		}
	}
	/* -k naming the codes only: the names beside them say what they are. */
	if (bestcol < 0 && o->keys != NULL && !o->plain)
		bestcol = key_codes_of_names(dbs, t, o, &best, &by_names);
	l->region = bestcol;
	l->level = MUNI_KOMMUNE;
	if (bestcol >= 0) {
		l->role[bestcol] = ROLE_REGION;
		l->why[bestcol] = by_header ? "region (its name)" : by_names ?
		    "region (the codes of the municipalities named beside it)" :
		    "region (its cells are municipalities or counties)";
		if (best.ccodes + best.cnames > best.codes + best.names) {
			l->level = MUNI_FYLKE;
			best.codes = best.ccodes, best.named = best.cnamed;
			best.names = best.cnames;
		}
		l->bydel = l->level == MUNI_KOMMUNE && best.bcodes > 0;
		l->style = best.codes == 0 ? (best.names > 0 ? STYLE_NAME : STYLE_NONE) :
		    best.named * 2 > best.codes ? STYLE_CODE_NAME : STYLE_CODE;
	}
	for (c = 0; c < l->ncols; c++) {
		int named;

		if (c == bestcol)
			continue;
		if (in_list(o->ignore, t, c)) {
			l->role[c] = ROLE_IGNORE;
			l->why[c] = "ignored (--ignore)";
			continue;
		}
		if (o->keys != NULL) {
			if (in_list(o->keys, t, c)) {
				l->role[c] = ROLE_KEY;
				l->why[c] = "key (-k)";
			} else {
				l->role[c] = ROLE_VALUE;
				l->why[c] = "value (not in -k)";
			}
			continue;
		}
		if (bestcol >= 0 && best.codes > 0) {
			/* A second column naming the same municipalities. */
			guess_region(dbs, t, c, &g);
			if (l->level == MUNI_KOMMUNE && g.cells > 0 &&
			    g.names * 5 >= g.cells * 4) {
				l->role[c] = ROLE_IGNORE;
				l->why[c] = "ignored (names the region column's municipalities)";
				continue;
			}
		}
		named = year_name(table_column(t, c));
		if (cube && c < l->ncols - 1) {
			/* A PX or JSON-stat table: its variables are the key,
			 * its one value column the last. */
			l->role[c] = ROLE_KEY;
			l->why[c] = why_cube;
		} else if (time_column(t, c, named)) {
			l->role[c] = ROLE_KEY;
			l->why[c] = named ? "key (time, by its name)" :
			    "key (its cells are dates, periods or years)";
		} else if (text_column(t, c)) {
			l->role[c] = ROLE_CAND;
			l->why[c] = "text";
		} else {
			l->role[c] = ROLE_VALUE;
			l->why[c] = "value (numbers)";
		}
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

/*
 * The nth (from 0) column of that role so named (folded), or -1; *count
 * (may be NULL) is set to how many there are.
 */
static int
find_nth(struct table *t, struct layout *l, const char *name, enum role role,
    int nth, int *count)
{
	char *f = text_folded(name, strlen(name));
	void *first;
	int c, k = 0, hit = -1;

	if (l->byname == NULL)
		index_names(t, l);
	first = strmap_get(l->byname, f);
	free(f);
	for (c = first != NULL ? (int)((intptr_t)first - 1) : -1; c >= 0;
	    c = l->samename[c]) {
		if (l->role[c] != role)
			continue;
		if (k++ == nth)
			hit = c;
		if (count == NULL && hit >= 0)
			break;
	}
	if (count != NULL)
		*count = k;
	return hit;
}

/* The first column of that role so named (folded), or -1. */
static int
find_column(struct table *t, struct layout *l, const char *name,
    enum role role)
{
	return find_nth(t, l, name, role, 0, NULL);
}

/* Which of the columns of its name and role column c is, from 0. */
static int
nth_of(struct table *t, struct layout *l, int c)
{
	int k = 0, d;

	for (d = find_column(t, l, table_column(t, c), l->role[c]); d >= 0 && d != c;
	    d = l->samename[d])
		if (l->role[d] == l->role[c])
			k++;
	return k;
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
	if (strcmp(in->encoding, "JSON") == 0 ||
	    strcmp(in->encoding, "JSON Lines") == 0)
		warnmsg("%s %s: %s, the keys of its objects the header", which,
		    err_name(table_name(t)), in->encoding);
	else
		warnmsg("%s %s: %s, delimiter %s, header on line %lu%s, "
		    "%lu title line%s", which, err_name(table_name(t)),
		    in->encoding, delim, in->header_line,
		    in->header_rows > 1 ? " (two rows)" : "", in->title_lines,
		    in->title_lines == 1 ? "" : "s");
	if (l->region >= 0)
		warnmsg("%s %s: region column \"%s\" (%s%s%s)", which,
		    err_name(table_name(t)),
		    table_column(t, l->region), l->level == MUNI_FYLKE &&
		    l->style != STYLE_NONE ? "counties, " : "", style_text(l->style),
		    l->bydel ? ", city districts by their codes" : "");
	else
		warnmsg("%s %s: no region column", which, err_name(table_name(t)));
}

static void
explain_columns(const char *which, struct table *t, const struct layout *l)
{
	int c;

	for (c = 0; c < l->ncols; c++)
		warnmsg("%s %s: column %d \"%s\": %s", which, err_name(table_name(t)), c + 1,
		    table_column(t, c), l->why[c] ? l->why[c] : "?");
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
		ln->why[c] = lo->why[oc] = "left out (one time in each input, not the same)";
		if (o->explain)
			warnmsg("\"%s\" holds %s in OLD and %s in NEW: not part of the key",
			    table_column(new, c), err_name(a), err_name(b));
	}
}

/* Distinct non-empty cells of a column in the sample; *cells the non-empty. */
static int
distinct_cells(struct table *t, int col, int *cells)
{
	struct strmap *seen = strmap_new();
	int i, n = table_nsample(t), d = 0;

	*cells = 0;
	for (i = 0; i < n && i < SAMPLE_MAX; i++) {
		const char *v = table_sample(t, i)[col];

		if (v[0] == '\0')
			continue;
		(*cells)++;
		if (strmap_get(seen, v) == NULL) {
			strmap_put(seen, v, (void *)1);
			d++;
		}
	}
	strmap_free(seen);
	return d;
}

/* Do the key columns (and those marked in extra) tell the sample's rows apart? */
static int
rows_apart(struct table *t, const struct layout *l, const char *extra)
{
	struct strmap *seen = strmap_new();
	struct buf b = BUF_INIT;
	int i, c, n = table_nsample(t), apart = 1;

	for (i = 0; i < n && i < SAMPLE_MAX && apart; i++) {
		const char *const *row = table_sample(t, i);

		buf_clear(&b);
		for (c = 0; c < l->ncols; c++) {
			if (l->role[c] == ROLE_REGION || l->role[c] == ROLE_KEY ||
			    (extra != NULL && extra[c])) {
				buf_adds(&b, row[c]);
				buf_addc(&b, KEY_SEP);
			}
		}
		buf_addc(&b, '\0');
		if (strmap_get(seen, b.data) != NULL)
			apart = 0;
		else
			strmap_put(seen, b.data, (void *)1);
	}
	strmap_free(seen);
	buf_free(&b);
	return apart;
}

static void
text_role(struct layout *l, int c, int key)
{
	l->role[c] = key ? ROLE_KEY : ROLE_VALUE;
	l->why[c] = key ? "key (text: the rows need it to be told apart)" :
	    "value (text: the rows are told apart without it)";
}

/* Text columns marked in key[] are keys, the others values. */
static void
settle_text(struct layout *l, const char *key)
{
	int c;

	for (c = 0; c < l->ncols; c++)
		if (l->role[c] == ROLE_CAND)
			text_role(l, c, key[c]);
}

/*
 * A text column only one input has: a value when that input's rows are
 * told apart without it, else a key (and plan_keys says it is one-sided).
 */
static void
one_sided(struct table *t, struct layout *l, int c)
{
	l->role[c] = ROLE_VALUE;
	text_role(l, c, !rows_apart(t, l, NULL));
}

/*
 * A variable of a PX or JSON-stat table is a key of the other input too
 * (its CSV download), where that one has the column as text.
 */
static void
cube_keys(struct table *t, struct layout *l, struct table *other,
    struct layout *lo)
{
	int c, oc;

	for (c = 0; c < l->ncols; c++) {
		if (l->why[c] != why_cube ||
		    (oc = find_column(other, lo, table_column(t, c), ROLE_CAND)) < 0)
			continue;
		lo->role[oc] = ROLE_KEY;
		lo->why[oc] = "key (a variable of the other file's table)";
	}
}

/*
 * Text columns join the key only as far as the rows need them to be told
 * apart, fewest distinct values first (a category before a remark); a
 * column of all different texts joins it only when nothing else is a key.
 * When that does not settle it, stop and say what -k to write.
 */
static int
settle_keys(const struct options *o, struct table *old, struct table *new,
    struct layout *lo, struct layout *ln)
{
	char *xo = xcalloc((size_t)lo->ncols + 1, 1), *xn = xcalloc((size_t)ln->ncols + 1, 1);
	int *cand = xcalloc((size_t)ln->ncols + 1, sizeof *cand);
	int *dist = xcalloc((size_t)ln->ncols + 1, sizeof *dist);
	int *free_text = xcalloc((size_t)ln->ncols + 1, sizeof *free_text);
	int ncand = 0, c, oc, i, j, based = 0, ok, rc = 0;

	for (c = 0; c < ln->ncols; c++)
		if (ln->role[c] == ROLE_REGION || ln->role[c] == ROLE_KEY)
			based = 1;
	for (c = 0; c < ln->ncols; c++) {
		int cells, d, co, dco;

		if (ln->role[c] != ROLE_CAND)
			continue;
		if ((oc = find_column(old, lo, table_column(new, c), ROLE_CAND)) < 0) {
			one_sided(new, ln, c);
			continue;
		}
		d = distinct_cells(new, c, &cells);
		dco = distinct_cells(old, oc, &co);
		cand[ncand] = c;
		dist[ncand] = d > dco ? d : dco;
		free_text[ncand] = (d == cells && cells > 1) && (dco == co && co > 1);
		ncand++;
	}
	for (c = 0; c < lo->ncols; c++)
		if (lo->role[c] == ROLE_CAND &&
		    find_column(new, ln, table_column(old, c), ROLE_CAND) < 0)
			one_sided(old, lo, c);
	/* Fewest distinct values first. */
	for (i = 1; i < ncand; i++)
		for (j = i; j > 0 && dist[j - 1] > dist[j]; j--) {
			int t1 = cand[j], t2 = dist[j], t3 = free_text[j];

			cand[j] = cand[j - 1], dist[j] = dist[j - 1];
			free_text[j] = free_text[j - 1];
			cand[j - 1] = t1, dist[j - 1] = t2, free_text[j - 1] = t3;
		}
	ok = based && rows_apart(old, lo, xo) && rows_apart(new, ln, xn);
	if (o->sum_duplicates) {
		/* Rows alike are expected: every category is part of the key. */
		for (i = 0; i < ncand; i++) {
			if (free_text[i])
				continue;
			xn[cand[i]] = 1;
			xo[find_column(old, lo, table_column(new, cand[i]), ROLE_CAND)] = 1;
			based = 1;
		}
		ok = based;
	}
	for (i = 0; i < ncand && !ok; i++) {
		if (free_text[i] && based)
			break;
		xn[cand[i]] = 1;
		xo[find_column(old, lo, table_column(new, cand[i]), ROLE_CAND)] = 1;
		based = 1;
		ok = rows_apart(old, lo, xo) && rows_apart(new, ln, xn);
	}
	if (!ok && ncand > 0) {
		struct buf k = BUF_INIT, cs = BUF_INIT;

		for (c = 0; c < ln->ncols; c++) {
			if (ln->role[c] == ROLE_REGION || ln->role[c] == ROLE_KEY ||
			    ln->role[c] == ROLE_CAND) {
				if (k.len > 0)
					buf_addc(&k, ',');
				buf_adds(&k, table_column(new, c));
			}
			if (ln->role[c] == ROLE_CAND) {
				if (cs.len > 0)
					buf_adds(&cs, ", ");
				buf_printf(&cs, "\"%s\"", table_column(new, c));
			}
		}
		warnmsg("cannot tell which columns identify a row: the text "
		    "column%s %s may be part of the key or a value; name the key, "
		    "e.g. -k '%s'", ncand > 1 ? "s" : "", cs.data, k.data);
		buf_free(&k);
		buf_free(&cs);
		rc = -1;
	}
	settle_text(ln, xn);
	settle_text(lo, xo);
	free(xo);
	free(xn);
	free(cand);
	free(dist);
	free(free_text);
	return rc;
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
		    err_name(table_name(ln->region >= 0 ? new : old)),
		    err_name(table_name(ln->region >= 0 ? old : new)));
		return -1;
	}
	if (ln->region >= 0 && ln->style != STYLE_NONE && lo->style != STYLE_NONE &&
	    ln->level != lo->level) {
		warnmsg("%s has counties and %s municipalities",
		    err_name(table_name(ln->level == MUNI_FYLKE ? new : old)),
		    err_name(table_name(ln->level == MUNI_FYLKE ? old : new)));
		return -1;
	}
	p->region = ln->region >= 0;
	p->style = ln->style == STYLE_NONE ? lo->style : ln->style;
	p->level = ln->style == STYLE_NONE ? lo->level : ln->level;
	if (p->region) {
		add_int(&ln->keycol, &ln->nkey, ln->region);
		add_int(&lo->keycol, &lo->nkey, lo->region);
	}
	for (c = 0; c < ln->ncols; c++) {
		if (ln->role[c] != ROLE_KEY)
			continue;
		if ((oc = find_column(old, lo, table_column(new, c), ROLE_KEY)) < 0) {
			warnmsg("key column \"%s\" is in %s only", table_column(new, c),
			    err_name(table_name(new)));
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
			    err_name(table_name(old)));
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

/*
 * Value columns matched by name; of several so named, the first with the
 * first, the second with the second (a field then says which column).
 */
static void
plan_fields(const struct options *o, struct table *old, struct table *new,
    struct layout *lo, struct layout *ln, struct plan *p)
{
	int c, oc, nvo = 0, nvn = 0, lastvo = -1, lastvn = -1, nth, count;

	for (c = 0; c < ln->ncols; c++) {
		if (ln->role[c] != ROLE_VALUE)
			continue;
		if (o->fields != NULL && !in_list(o->fields, new, c)) {
			if (o->explain)
				warnmsg("not compared: \"%s\" (not in --fields)",
				    table_column(new, c));
			continue;
		}
		nvn++, lastvn = c;
		nth = nth_of(new, ln, c);
		if ((oc = find_nth(old, lo, table_column(new, c), ROLE_VALUE, nth,
		    NULL)) < 0) {
			if (o->explain)
				warnmsg("not compared: \"%s\" (NEW only)", table_column(new, c));
			continue;
		}
		p->field = xreallocarray(p->field, (size_t)p->nfields + 1, sizeof *p->field);
		find_nth(new, ln, table_column(new, c), ROLE_VALUE, 0, &count);
		if (count > 1) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s (column %d)", table_column(new, c), c + 1);
			p->field[p->nfields++] = buf_detach(&b, NULL);
		} else {
			p->field[p->nfields++] = xstrdup(table_column(new, c));
		}
		add_int(&ln->valcol, &ln->nval, c);
		add_int(&lo->valcol, &lo->nval, oc);
	}
	for (c = 0; c < lo->ncols; c++) {
		if (lo->role[c] != ROLE_VALUE)
			continue;
		if (o->fields != NULL && !in_list(o->fields, old, c))
			continue;
		nvo++, lastvo = c;
		if (o->explain && find_nth(new, ln, table_column(old, c), ROLE_VALUE,
		    nth_of(old, lo, c), NULL) < 0)
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
plan_columns(const struct options *o, const struct muni_db *const *dbs,
    struct table *old, struct table *new, struct side *so, struct side *sn,
    struct plan *plan)
{
	memset(plan, 0, sizeof *plan);
	if (list_check("-k", o->keys, old) != 0 || list_check("-k", o->keys, new) != 0 ||
	    list_check("--ignore", o->ignore, old) != 0 ||
	    list_check("--ignore", o->ignore, new) != 0 ||
	    list_check("--fields", o->fields, old) != 0 ||
	    list_check("--fields", o->fields, new) != 0)
		return -1;
	guess_roles(o, dbs, old, &so->lay);
	guess_roles(o, dbs, new, &sn->lay);
	if (o->explain) {
		explain_input("OLD", old, &so->lay);
		explain_input("NEW", new, &sn->lay);
	}
	drop_vintage(o, old, new, &so->lay, &sn->lay);
	cube_keys(old, &so->lay, new, &sn->lay);
	cube_keys(new, &sn->lay, old, &so->lay);
	if (settle_keys(o, old, new, &so->lay, &sn->lay) != 0)
		return -1;
	if (o->explain) {
		explain_columns("OLD", old, &so->lay);
		explain_columns("NEW", new, &sn->lay);
	}
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
}

void
layout_free(struct layout *l)
{
	free(l->role);
	free(l->keycol);
	free(l->valcol);
	strmap_free(l->byname);
	free(l->samename);
	free(l->why);
}
