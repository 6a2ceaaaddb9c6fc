/*
 * The municipality table: lists per year, a name index, and the crosswalk
 * composed from the yearly steps in crosswalk.csv.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvio.h"
#include "datadir.h"
#include "err.h"
#include "io.h"
#include "muni.h"
#include "text.h"
#include "xalloc.h"

static const int list_years[] = { 2017, 2018, 2019, 2020, 2022, 2023, 2024 };
#define NYEARS ((int)(sizeof list_years / sizeof list_years[0]))

struct edge {
	int16_t from, to;
};

struct name_entry {
	char *key;		/* folded */
	int year;
	int code;
};

struct muni_db {
	int digits;			/* of a code: 4, or 2 for counties */
	char **names[NYEARS];		/* [code] official name or NULL */
	struct edge *steps[NYEARS];	/* steps[k]: list k-1 -> list k */
	size_t nsteps[NYEARS];
	struct name_entry *index;
	size_t nindex, capindex;
};

static int
year_slot(int year)
{
	int k;

	for (k = 0; k < NYEARS; k++)
		if (list_years[k] == year)
			return k;
	return -1;
}

int
muni_table_year(const struct muni_db *db, int year)
{
	int k, best = 0;

	(void)db;
	for (k = 0; k < NYEARS; k++)
		if (list_years[k] <= year)
			best = list_years[k];
	return best;
}

int
muni_years(const struct muni_db *db, const int **years)
{
	(void)db;
	*years = list_years;
	return NYEARS;
}

const char *
muni_name(const struct muni_db *db, int year, int code)
{
	int k = year_slot(muni_table_year(db, year));

	if (k < 0 || code < 0 || code >= MUNI_CODES)
		return NULL;
	return db->names[k][code];
}

int
muni_newest_year(const struct muni_db *db, int code)
{
	int k;

	if (code < 0 || code >= MUNI_CODES)
		return 0;
	for (k = NYEARS - 1; k >= 0; k--)
		if (db->names[k][code] != NULL)
			return list_years[k];
	return 0;
}

/* "11" -> 11 for a list of n-digit codes; -1 unless exactly n digits. */
static int
coden(const char *s, size_t len, int n)
{
	size_t i;
	int c = 0;

	if (len != (size_t)n)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		c = c * 10 + (s[i] - '0');
	}
	return c;
}

/* "0301" -> 301; -1 unless exactly four digits. */
static int
code4(const char *s, size_t len)
{
	size_t i;

	if (len != 4)
		return -1;
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
}

/* ---- names ---- */

static int
is_dash(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
	    cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

/*
 * The form names are compared in: folded, white space collapsed, a dash
 * with space on either side written " - ", "kommune" dropped.
 */
static void
name_key(struct buf *out, const char *s, size_t len)
{
	struct buf clean = BUF_INIT, folded = BUF_INIT;
	size_t i = 0, n;
	const char *p;

	text_clean(&clean, s, len);
	text_fold(&folded, clean.data ? clean.data : "", clean.len);
	p = folded.data ? folded.data : "";
	n = folded.len;
	while (i < n) {
		int32_t cp;
		int k = utf8_decode(p + i, n - i, &cp);

		if (is_dash(cp) && out->len > 0 && out->data[out->len - 1] == ' ' &&
		    i + (size_t)k < n && p[i + (size_t)k] == ' ') {
			buf_adds(out, "- ");
			i += (size_t)k + 1;
			continue;
		}
		buf_add(out, p + i, (size_t)k);
		i += (size_t)k;
	}
	if (out->len == 0)
		buf_adds(out, "");
	/* "Oslo kommune" and "kommune Oslo" name Oslo. */
	if (out->len > 8 && memcmp(out->data + out->len - 8, " kommune", 8) == 0)
		out->len -= 8;
	else if (out->len > 8 && memcmp(out->data, "kommune ", 8) == 0) {
		memmove(out->data, out->data + 8, out->len - 8);
		out->len -= 8;
	}
	out->data[out->len] = '\0';
	buf_free(&clean);
	buf_free(&folded);
}

static void
index_add(struct muni_db *db, const char *key, size_t len, int year, int code)
{
	struct name_entry *e;

	if (len == 0)
		return;
	if (db->nindex == db->capindex) {
		db->capindex = db->capindex ? db->capindex * 2 : 4096;
		db->index = xreallocarray(db->index, db->capindex, sizeof *db->index);
	}
	e = &db->index[db->nindex++];
	e->key = xstrndup(key, len);
	e->year = year;
	e->code = code;
}

/* Index an official name whole, by each language form, and without "(county)". */
static void
index_name(struct muni_db *db, const char *name, int year, int code)
{
	struct buf key = BUF_INIT;
	const char *p, *sep, *paren;

	name_key(&key, name, strlen(name));
	index_add(db, key.data, key.len, year, code);
	if (strstr(key.data, " - ") != NULL) {
		for (p = key.data; ; p = sep + 3) {
			sep = strstr(p, " - ");
			index_add(db, p, sep ? (size_t)(sep - p) : strlen(p), year, code);
			if (sep == NULL)
				break;
		}
	}
	if ((paren = strstr(key.data, " (")) != NULL)
		index_add(db, key.data, (size_t)(paren - key.data), year, code);
	buf_free(&key);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/*
 * The index entries of key, [*first, *end), sorted by year and code, and
 * the list year to take them from: year, or with 0 the newest holding it.
 */
static int
key_entries(const struct muni_db *db, const char *key, int year,
    size_t *first, size_t *end)
{
	size_t lo = 0, hi = db->nindex, i;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(db->index[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < db->nindex && strcmp(db->index[i].key, key) == 0; i++)
		;
	*first = lo;
	*end = i;
	return year == 0 && i > lo ? db->index[i - 1].year : year;
}

/* Code for one key in year (0 = newest holding it): code, -1, -2. */
static int
lookup_key(const struct muni_db *db, const char *key, int year, int *found)
{
	size_t i, end;
	int want, code = -1;

	want = key_entries(db, key, year, &i, &end);
	for (; i < end; i++) {
		if (db->index[i].year != want)
			continue;
		if (code >= 0 && code != db->index[i].code)
			return -2;
		code = db->index[i].code;
	}
	if (code >= 0 && found != NULL)
		*found = want;
	return code;
}

int
muni_lookup_name(const struct muni_db *db, const char *name, size_t len,
    int year, int *found_year)
{
	struct buf key = BUF_INIT;
	const char *p, *sep;
	int code, part, fy = 0;

	if (year != 0 && (year = muni_table_year(db, year)) == 0)
		return -1;
	name_key(&key, name, len);
	code = lookup_key(db, key.data, year, &fy);
	if (code == -1 && strstr(key.data, " - ") != NULL) {
		/* Language forms in another order: each must name the same one. */
		for (p = key.data; ; p = sep + 3) {
			sep = strstr(p, " - ");
			if (sep != NULL)
				key.data[sep - key.data] = '\0';
			part = lookup_key(db, p, year, &fy);
			if (part == -2 || (part >= 0 && code >= 0 && part != code)) {
				code = -2;
				break;
			}
			if (part >= 0)
				code = part;
			if (sep == NULL)
				break;
		}
	}
	buf_free(&key);
	if (code >= 0 && found_year != NULL)
		*found_year = fy;
	return code;
}

int
muni_lookup_codes(const struct muni_db *db, const char *name, size_t len,
    int year, int *codes, int max, int *found_year)
{
	struct buf key = BUF_INIT;
	size_t i, end;
	int want, n = 0, code;

	code = muni_lookup_name(db, name, len, year, found_year);
	if (code != -2) {
		if (code < 0 || max < 1)
			return 0;
		codes[0] = code;
		return 1;
	}
	/* Ambiguous: the entries of the key in the list it was looked up in. */
	name_key(&key, name, len);
	want = key_entries(db, key.data,
	    year != 0 ? muni_table_year(db, year) : 0, &i, &end);
	/* Sorted by key, year, code: the codes come ascending. */
	for (; i < end; i++)
		if (db->index[i].year == want && n < max &&
		    (n == 0 || codes[n - 1] != db->index[i].code))
			codes[n++] = db->index[i].code;
	buf_free(&key);
	if (n > 0 && found_year != NULL)
		*found_year = want;
	return n;
}

/* ---- regions ---- */

int
muni_code_digits(const struct muni_db *db)
{
	return db->digits;
}

/*
 * The name after a code that ends at s[j]: past the separators (spaces,
 * no-break spaces, a dash or colon), quotes and spaces at the end left
 * out.  -1 when a digit follows (a date, a number: no region).
 */
static int
name_after(const char *s, size_t j, size_t len, const char **name,
    size_t *namelen)
{
	while (j < len) {
		if (s[j] == ' ' || s[j] == '\t' || s[j] == '-' || s[j] == ':')
			j++;
		else if (j + 1 < len && (unsigned char)s[j] == 0xC2 &&
		    (unsigned char)s[j + 1] == 0xA0)
			j += 2;
		else if (j + 2 < len && (unsigned char)s[j] == 0xE2 &&
		    (unsigned char)s[j + 1] == 0x80 &&
		    ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94))
			j += 3;
		else
			break;
	}
	while (len > j && (s[len - 1] == ' ' || s[len - 1] == '"'))
		len--;
	/* "2023-03-14", "2023 10": a date or a number, no name. */
	if (j < len && s[j] >= '0' && s[j] <= '9')
		return -1;
	if (name != NULL) {
		*name = s + j;
		*namelen = len - j;
	}
	return 0;
}

/*
 * Where a code begins in s: past spaces and quotes, and past SSB's
 * prefix of a letter ("F-11", "K-0301": the letter, then one of the
 * characters of after), when letter is not NUL.
 */
static size_t
code_start(const char *s, size_t len, char letter, const char *after)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '"'))
		i++;
	if (letter != '\0' && i + 1 < len &&
	    (s[i] == letter || s[i] == letter + ('a' - 'A')) &&
	    s[i + 1] != '\0' && strchr(after, s[i + 1]) != NULL)
		i += 2;
	return i;
}

/* Does the code end at s[j]: the end, a separator or a letter beyond ASCII? */
static int
code_ends(const char *s, size_t j, size_t len, int colon)
{
	return j >= len || s[j] == ' ' || s[j] == '\t' || s[j] == '-' ||
	    (colon && s[j] == ':') || (unsigned char)s[j] >= 0x80;
}

int
muni_parse_county(const char *s, size_t len, const char **name, size_t *namelen)
{
	size_t i = code_start(s, len, 'F', "-");
	int code;

	if (len - i < 2 || (code = coden(s + i, 2, 2)) < 0 ||
	    !code_ends(s, i + 2, len, 0))
		return -1;
	return name_after(s, i + 2, len, name, namelen) == 0 ? code : -1;
}

/*
 * The municipalities SSB divides into city districts (KLASS 103): Oslo,
 * Stavanger, Bergen and Trondheim, with their codes before 2020.  No
 * table of the districts is shipped: a district is known by its shape.
 */
static const int district_munis[] = { 301, 1103, 1201, 1601, 4601, 5001 };

int
muni_parse_district(const char *s, size_t len, const char **name,
    size_t *namelen)
{
	size_t i = code_start(s, len, '\0', ""), k;
	int code;

	if (len - i < 6 || (code = coden(s + i, 6, 6)) < 0)
		return -1;
	if (!code_ends(s, i + 6, len, 1))
		return -1;	/* "0301011", "030101.5" */
	for (k = 0; k < sizeof district_munis / sizeof district_munis[0]; k++)
		if (district_munis[k] == code / 100)
			return name_after(s, i + 6, len, name, namelen) == 0 ? code : -1;
	return -1;
}

int
muni_parse_region(const char *s, size_t len, const char **name, size_t *namelen)
{
	size_t i = code_start(s, len, 'K', "- ");
	int code;

	if (len - i < 4 || (code = code4(s + i, 4)) < 0 ||
	    !code_ends(s, i + 4, len, 1))
		return -1;
	return name_after(s, i + 4, len, name, namelen) == 0 ? code : -1;
}

/* ---- loading ---- */

static FILE *
open_table(const char *rel, char **pathp)
{
	char *path = datadir_path(rel);
	FILE *fp;

	if (path == NULL)
		return NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		warnsys("%s", err_name(path));
		free(path);
		return NULL;
	}
	*pathp = path;
	return fp;
}

/*
 * The counties' names in their Sami and Kven forms where our lists give
 * the Norwegian form alone (2024, written by hand) or the forms run
 * together ("Troms Romsa", 2017-2019): the official names as SSB's
 * KLASS 104 "Standard for fylkesinndeling" gives them (version 401 of
 * 2018; the version of 2024, "Troms - Romsa - Tromssa"), the names
 * Kartverket's place-name register holds.  Each form is a name of the
 * county alone as well as joined ("Romsa", "Troms - Romsa - Tromssa").
 */
static const struct {
	int from, to;		/* list years */
	int code;
	const char *name;
} county_forms[] = {
	{ 2017, 2019, 19, "Troms - Romsa" },
	{ 2017, 2019, 20, "Finnmark - Finnmárku" },
	{ 2024, 9999, 18, "Nordland - Nordlánnda" },
	{ 2024, 9999, 50, "Trøndelag - Trööndelage" },
	{ 2024, 9999, 55, "Troms - Romsa - Tromssa" },
	{ 2024, 9999, 56, "Finnmark - Finnmárku - Finmarkku" },
};

static void
index_county_forms(struct muni_db *db, int k)
{
	size_t i;
	int year = list_years[k];

	for (i = 0; i < sizeof county_forms / sizeof county_forms[0]; i++)
		if (year >= county_forms[i].from && year <= county_forms[i].to &&
		    db->names[k][county_forms[i].code] != NULL)
			index_name(db, county_forms[i].name, year,
			    county_forms[i].code);
}

static int
load_list(struct muni_db *db, int k)
{
	char rel[64], *path = NULL;
	struct csvreader *r;
	struct csvfield *f;
	FILE *fp;
	int n, ok = 0, first = 1, code;

	snprintf(rel, sizeof rel, "municipalities/%s_%d.csv",
	    db->digits == 2 ? "fylker" : "kommuner", list_years[k]);
	if ((fp = open_table(rel, &path)) == NULL)
		return -1;
	db->names[k] = xcalloc(MUNI_CODES, sizeof *db->names[k]);
	r = csvr_open(fp, path, ',');
	while ((n = csvr_next(r, &f)) != 0) {
		if (n < 0)
			goto out;
		if (first) {
			first = 0;
			continue;
		}
		if (n < 4 || (code = coden(f[0].s, f[0].len, db->digits)) < 0) {
			warnat(path, csvr_line(r), "bad municipality row");
			goto out;
		}
		if (code == 9999 || (db->digits == 2 && code == 99))
			continue;	/* "Uoppgitt", not a region */
		db->names[k][code] = xstrdup(f[3].s);
		index_name(db, f[3].s, list_years[k], code);
	}
	if (db->digits == 2)
		index_county_forms(db, k);
	ok = 1;
out:
	csvr_close(r);
	fclose(fp);
	free(path);
	return ok ? 0 : -1;
}

static int
load_crosswalk(struct muni_db *db)
{
	char *path = NULL;
	struct csvreader *r;
	struct csvfield *f;
	FILE *fp;
	int n, ok = 0, first = 1, from, to, k;

	if ((fp = open_table(db->digits == 2 ? "municipalities/fylker_crosswalk.csv" :
	    "municipalities/crosswalk.csv", &path)) == NULL)
		return -1;
	r = csvr_open(fp, path, ',');
	while ((n = csvr_next(r, &f)) != 0) {
		struct edge e;

		if (n < 0)
			goto out;
		if (first) {
			first = 0;
			continue;
		}
		if (n < 5 || (from = coden(f[0].s, f[0].len, db->digits)) < 0 ||
		    (to = coden(f[2].s, f[2].len, db->digits)) < 0 || f[4].len < 4 ||
		    (k = year_slot(atoi(f[4].s))) <= 0) {
			warnat(path, csvr_line(r), "bad crosswalk row");
			goto out;
		}
		e.from = (int16_t)from;
		e.to = (int16_t)to;
		db->steps[k] = xreallocarray(db->steps[k], db->nsteps[k] + 1,
		    sizeof *db->steps[k]);
		db->steps[k][db->nsteps[k]++] = e;
	}
	ok = 1;
out:
	csvr_close(r);
	fclose(fp);
	free(path);
	return ok ? 0 : -1;
}

struct muni_db *
muni_load(void)
{
	return muni_load_level(MUNI_KOMMUNE);
}

struct muni_db *
muni_load_level(enum muni_level level)
{
	struct muni_db *db = xcalloc(1, sizeof *db);
	int k;

	db->digits = level == MUNI_FYLKE ? 2 : 4;
	for (k = 0; k < NYEARS; k++) {
		if (load_list(db, k) != 0) {
			muni_free(db);
			return NULL;
		}
	}
	if (load_crosswalk(db) != 0) {
		muni_free(db);
		return NULL;
	}
	qsort(db->index, db->nindex, sizeof *db->index, entry_cmp);
	return db;
}

void
muni_free(struct muni_db *db)
{
	size_t i;
	int k, c;

	if (db == NULL)
		return;
	for (k = 0; k < NYEARS; k++) {
		if (db->names[k] != NULL)
			for (c = 0; c < MUNI_CODES; c++)
				free(db->names[k][c]);
		free(db->names[k]);
		free(db->steps[k]);
	}
	for (i = 0; i < db->nindex; i++)
		free(db->index[i].key);
	free(db->index);
	free(db);
}

/* ---- crosswalk ---- */

struct codeset {
	int *v;
	int n;
};

struct muni_xwalk {
	struct codeset targets[MUNI_CODES];
	struct codeset sources[MUNI_CODES];
};

static void
set_add(struct codeset *s, int code)
{
	int i, j;

	for (i = 0; i < s->n && s->v[i] < code; i++)
		;
	if (i < s->n && s->v[i] == code)
		return;
	s->v = xreallocarray(s->v, (size_t)s->n + 1, sizeof *s->v);
	for (j = s->n; j > i; j--)
		s->v[j] = s->v[j - 1];
	s->v[i] = code;
	s->n++;
}

/* One step of the crosswalk applied to a set, forward or backward. */
static struct codeset
apply_step(const struct muni_db *db, int k, int forward, const struct codeset *in)
{
	struct codeset out = { NULL, 0 };
	size_t e;
	int i;

	for (i = 0; i < in->n; i++) {
		for (e = 0; e < db->nsteps[k]; e++) {
			const struct edge *ed = &db->steps[k][e];

			if (forward && ed->from == in->v[i])
				set_add(&out, ed->to);
			else if (!forward && ed->to == in->v[i])
				set_add(&out, ed->from);
		}
	}
	return out;
}

struct muni_xwalk *
muni_xwalk_new(const struct muni_db *db, int from_year, int to_year)
{
	struct muni_xwalk *x;
	int a = year_slot(muni_table_year(db, from_year));
	int b = year_slot(muni_table_year(db, to_year));
	int code, k, i;

	if (a < 0 || b < 0)
		return NULL;
	x = xcalloc(1, sizeof *x);
	for (code = 0; code < MUNI_CODES; code++) {
		struct codeset cur = { NULL, 0 };

		if (db->names[a][code] == NULL)
			continue;
		set_add(&cur, code);
		for (k = a; k != b; k += a < b ? 1 : -1) {
			/* Forward from list k uses step k+1; backward step k. */
			struct codeset next = a < b ? apply_step(db, k + 1, 1, &cur) :
			    apply_step(db, k, 0, &cur);

			free(cur.v);
			cur = next;
		}
		x->targets[code] = cur;
		for (i = 0; i < cur.n; i++)
			set_add(&x->sources[cur.v[i]], code);
	}
	return x;
}

void
muni_xwalk_free(struct muni_xwalk *x)
{
	int c;

	if (x == NULL)
		return;
	for (c = 0; c < MUNI_CODES; c++) {
		free(x->targets[c].v);
		free(x->sources[c].v);
	}
	free(x);
}

int
muni_xwalk_targets(const struct muni_xwalk *x, int code, const int **out)
{
	if (code < 0 || code >= MUNI_CODES)
		return 0;
	*out = x->targets[code].v;
	return x->targets[code].n;
}

int
muni_xwalk_sources(const struct muni_xwalk *x, int code, const int **out)
{
	if (code < 0 || code >= MUNI_CODES)
		return 0;
	*out = x->sources[code].v;
	return x->sources[code].n;
}
