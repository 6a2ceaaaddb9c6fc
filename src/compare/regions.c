/*
 * --regions YEAR: the rows of one input moved to YEAR's municipalities.
 * A renumbered municipality follows its code.  Municipalities merged
 * into one are summed where the field is a count, and their rates are
 * weighted by --weight or marked not comparable; a target that lacks one
 * of its parts in the input, or took part of a split municipality, gets
 * no value at all (NOT_COMPARABLE): nothing is invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "err.h"
#include "text.h"
#include "xalloc.h"

struct link {
	uint32_t src;		/* rec of the input */
	uint32_t next;		/* next link + 1, 0 = end */
};

struct mapper {
	const struct options *o;
	const struct muni_db *db;
	const struct plan *plan;
	struct side *s;		/* the input as read */
	struct side to;		/* the input moved to the target year */
	struct muni_xwalk *xw[8];
	int xwyear[8];
	uint32_t *head;		/* [to.nrecs] first link + 1 */
	size_t caphead;
	struct link *links;
	size_t nlinks, caplinks;
	char **notes;		/* [to.nrecs] */
	unsigned char *merged;	/* [to.nrecs] made of several municipalities */
	unsigned char *district_said;	/* [MUNI_CODES] district_check */
	struct buf b;
};

/* The code a key starts with, -1 if it starts with no code. */
static int
key_code(const struct rec *r)
{
	const char *p = r->p;
	int i;

	if (r->keylen < 4 || (r->keylen > 4 && p[4] != KEY_SEP))
		return -1;
	for (i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	return atoi(p) % 10000;
}

static const struct muni_xwalk *
xwalk_for(struct mapper *m, int year)
{
	int i;

	for (i = 0; i < 8 && m->xw[i] != NULL; i++)
		if (m->xwyear[i] == year)
			return m->xw[i];
	if (i == 8)
		return NULL;
	m->xwyear[i] = year;
	return m->xw[i] = muni_xwalk_new(m->db, year, m->o->regions);
}

/*
 * The list year whose municipalities the input's codes fit best.  Of
 * years that fit equally well (codes no reform touched), the target
 * year, so that nothing is moved; else the latest.
 */
static int
input_year(const struct muni_db *db, const struct side *s, int target)
{
	unsigned char *seen = xcalloc(MUNI_CODES, 1);
	const int *years;
	int ny = muni_years(db, &years), y, c, best = 0, bestn = -1;
	size_t i;

	for (i = 0; i < s->nrecs; i++)
		if ((c = key_code(&s->recs[i])) >= 0)
			seen[c] = 1;
	for (y = 0; y < ny; y++) {
		int n = 0;

		for (c = 0; c < MUNI_CODES; c++)
			n += seen[c] && muni_name(db, years[y], c) != NULL;
		if (n > bestn || (n == bestn && best != target))
			bestn = n, best = years[y];
	}
	free(seen);
	return best;
}

static size_t
values_len(const struct rec *r, int nval)
{
	const char *p = r->p + r->keylen + 1, *start = p;
	int i;

	for (i = 0; i < nval; i++)
		p += strlen(p) + 1;
	return (size_t)(p - start);
}

/* The length of the key cells that follow r's values (SHOW_RAW). */
static size_t
values_len_raw(const struct rec *r, int nval, int nkey)
{
	const char *p = rec_after(r, nval), *start = p;
	int i;

	for (i = 0; i < nkey; i++)
		p += strlen(p) + 1;
	return (size_t)(p - start);
}

/* A rec of the target side for code+rest-of-key; created if new. */
static size_t
target_rec(struct mapper *m, const struct rec *src, int code, int grouped)
{
	struct rec r, *hit;
	char *p, tmp[16];
	size_t vlen = grouped || code < 0 ? 0 : values_len(src, m->s->lay.nval), idx;
	int show = REC_SHOW(src);

	if (code >= 0 && (grouped || code != key_code(src)))
		show = SHOW_MAPPED;
	else if (code >= 0 && show == SHOW_RAW)
		vlen += values_len_raw(src, m->s->lay.nval, m->s->lay.nkey);
	if (code < 0) {
		p = (char *)src->p;	/* the key stays */
	} else {
		snprintf(tmp, sizeof tmp, "%04d", code);
		p = arena_alloc(&m->s->arena, src->keylen + 1 + vlen);
		memcpy(p, tmp, 4);
		memcpy(p + 4, src->p + 4, src->keylen - 4);
		p[src->keylen] = '\0';
		if (!grouped)
			memcpy(p + src->keylen + 1, src->p + src->keylen + 1, vlen);
	}
	r.p = p;
	r.keylen = src->keylen;
	r.line = src->line;
	REC_SET_SHOW(&r, show);
	if ((hit = side_insert(&m->to, &r)) != NULL) {
		idx = (size_t)(hit - m->to.recs);
		m->merged[idx] |= (unsigned char)grouped;
		return idx;
	}
	idx = m->to.nrecs - 1;
	if (m->to.nrecs > m->caphead) {
		size_t old = m->caphead;

		m->caphead = m->caphead ? m->caphead * 2 : 1024;
		m->head = xreallocarray(m->head, m->caphead, sizeof *m->head);
		m->notes = xreallocarray(m->notes, m->caphead, sizeof *m->notes);
		m->merged = xrealloc(m->merged, m->caphead);
		memset(m->merged + old, 0, m->caphead - old);
		memset(m->head + old, 0, (m->caphead - old) * sizeof *m->head);
		memset(m->notes + old, 0, (m->caphead - old) * sizeof *m->notes);
	}
	m->merged[idx] = (unsigned char)grouped;
	return idx;
}

static void
add_link(struct mapper *m, size_t target, size_t src)
{
	if (m->nlinks == m->caplinks) {
		m->caplinks = m->caplinks ? m->caplinks * 2 : 1024;
		m->links = xreallocarray(m->links, m->caplinks, sizeof *m->links);
	}
	m->links[m->nlinks].src = (uint32_t)src;
	m->links[m->nlinks].next = m->head[target];
	m->head[target] = (uint32_t)++m->nlinks;
}

/* Is a field a rate (share, per inhabitant, average), not a count? */
static int
is_rate(const char *field, const char *key, size_t keylen)
{
	static const char *const words[] = {
		"andel", "prosent", "%", "per ", "pr. ", " pr ", "rate", "snitt",
		"median", "indeks", "promille", "percent", "share", "average",
		"ratio", "dekningsgrad", NULL
	};
	struct buf in = BUF_INIT, f = BUF_INIT;
	int i, yes = 0;

	buf_adds(&in, field);
	buf_addc(&in, ' ');
	buf_add(&in, key, keylen);
	buf_addc(&in, ' ');
	text_fold(&f, in.data, in.len);
	buf_addc(&f, '\0');
	for (i = 0; words[i] != NULL && !yes; i++)
		yes = strstr(f.data, words[i]) != NULL;
	buf_free(&in);
	buf_free(&f);
	return yes;
}

/* The weight of a contributor for field f; 0 and *ok = 0 if none. */
static double
weight_of(struct mapper *m, const struct rec *r, int f, int *ok)
{
	const char **vals = xcalloc((size_t)m->plan->nfields + 1, sizeof *vals);
	const char *v = NULL, *p, *end = r->p + r->keylen;
	struct number num;
	int i;

	*ok = 0;
	for (i = 0; i < m->plan->nfields; i++)
		if (strcmp(m->plan->field[i], m->o->weight) == 0)
			break;
	if (i < m->plan->nfields) {
		rec_values(r, m->plan->nfields, vals);
		v = vals[i];
	} else {
		/* Long tables: the row whose indicator is the weight's name. */
		for (p = memchr(r->p, KEY_SEP, r->keylen); p != NULL && v == NULL;
		    p = memchr(p + 1, KEY_SEP, (size_t)(end - p - 1))) {
			const char *e = memchr(p + 1, KEY_SEP, (size_t)(end - p - 1));
			const struct rec *w;

			buf_clear(&m->b);
			buf_add(&m->b, r->p, (size_t)(p + 1 - r->p));
			buf_adds(&m->b, m->o->weight);
			if (e != NULL)
				buf_add(&m->b, e, (size_t)(end - e));
			if ((w = side_find(m->s, m->b.data, m->b.len)) != NULL) {
				rec_values(w, m->plan->nfields, vals);
				v = vals[f];
			}
		}
	}
	if (v != NULL && num_parse(v, strlen(v), &num) == NUM_NUMBER) {
		*ok = 1;
		free(vals);
		return num.value;
	}
	free(vals);
	return 0;
}

/* Weighted mean of the contributors' rates, or NOT_COMPARABLE. */
static void
weighted(struct mapper *m, struct buf *out, const struct rec **src, int n, int f)
{
	const char **vals = xcalloc((size_t)m->plan->nfields + 1, sizeof *vals);
	double sw = 0, swr = 0;
	int i, ok, decimals = 0;

	for (i = 0; i < n; i++) {
		struct number num;
		double w = weight_of(m, src[i], f, &ok);

		rec_values(src[i], m->plan->nfields, vals);
		if (!ok || num_parse(vals[f], strlen(vals[f]), &num) != NUM_NUMBER) {
			buf_adds(out, NOT_COMPARABLE);
			free(vals);
			return;
		}
		sw += w;
		swr += w * num.value;
		if (num.decimals > decimals)
			decimals = num.decimals;
	}
	free(vals);
	if (sw == 0)
		buf_adds(out, NOT_COMPARABLE);
	else
		num_format(out, swr / sw, decimals);
}

static void
note_codes(struct mapper *m, struct buf *b, const int *codes, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *name = muni_name(m->db, m->s->year, codes[i]);

		buf_printf(b, "%s%0*d%s%s", i ? " + " : "", muni_code_digits(m->db),
		    codes[i], name ? " " : "",
		    name ? name : "");
	}
}

/* Values of a target made of several municipalities (or parts). */
static void
finish_group(struct mapper *m, size_t t)
{
	struct rec *r = &m->to.recs[t];
	const struct muni_xwalk *xw = xwalk_for(m, m->s->year);
	const struct rec **src = NULL;
	const int *expect = NULL, *targets;
	int nsrc = 0, nexpect, i, j, f, complete = 1, nval = m->plan->nfields;
	int *codes = NULL, *splits = NULL, nsplit = 0;
	struct buf text = BUF_INIT, note = BUF_INIT;
	uint32_t l;
	char *p;

	for (l = m->head[t]; l != 0; l = m->links[l - 1].next) {
		const struct rec *s = &m->s->recs[m->links[l - 1].src];

		src = xreallocarray(src, (size_t)nsrc + 1, sizeof *src);
		codes = xreallocarray(codes, (size_t)nsrc + 1, sizeof *codes);
		src[nsrc] = s;
		codes[nsrc++] = key_code(s);
	}
	/* Links were pushed in front: restore the input's order. */
	for (i = 0; i < nsrc / 2; i++) {
		const struct rec *ts = src[i];
		int tc = codes[i];

		src[i] = src[nsrc - 1 - i], src[nsrc - 1 - i] = ts;
		codes[i] = codes[nsrc - 1 - i], codes[nsrc - 1 - i] = tc;
	}
	nexpect = xw != NULL ? muni_xwalk_sources(xw, key_code(r), &expect) : 0;
	for (i = 0; i < nsrc; i++) {
		if (xw != NULL && muni_xwalk_targets(xw, codes[i], &targets) > 1) {
			splits = xreallocarray(splits, (size_t)nsplit + 1, sizeof *splits);
			splits[nsplit++] = codes[i];
		}
	}
	buf_add(&text, r->p, r->keylen);
	buf_addc(&text, '\0');
	if (nsplit > 0) {
		buf_adds(&note, "split: ");
		note_codes(m, &note, splits, nsplit);
		complete = 0;
	} else {
		buf_adds(&note, "merged: ");
		note_codes(m, &note, expect, nexpect);
		for (i = 0; i < nexpect; i++) {
			for (j = 0; j < nsrc && codes[j] != expect[i]; j++)
				;
			if (j == nsrc) {
				buf_printf(&note, complete ? " (missing: %0*d" : ", %0*d",
				    muni_code_digits(m->db), expect[i]);
				complete = 0;
			}
		}
		if (!complete)
			buf_addc(&note, ')');
	}
	for (f = 0; f < nval; f++) {
		if (!complete) {
			buf_adds(&text, NOT_COMPARABLE);
		} else if (is_rate(m->plan->field[f], r->p, r->keylen)) {
			if (m->o->weight != NULL)
				weighted(m, &text, src, nsrc, f);
			else
				buf_adds(&text, NOT_COMPARABLE);
		} else {
			const char **vals = xcalloc((size_t)nsrc * (size_t)nval + 1, sizeof *vals);
			const char **col = xcalloc((size_t)nsrc + 1, sizeof *col);

			for (i = 0; i < nsrc; i++) {
				rec_values(src[i], nval, vals + (size_t)i * (size_t)nval);
				col[i] = vals[(size_t)i * (size_t)nval + (size_t)f];
			}
			sum_values(&text, col, nsrc);
			free(vals);
			free(col);
		}
		buf_addc(&text, '\0');
	}
	p = arena_alloc(&m->s->arena, text.len);
	memcpy(p, text.data, text.len);
	r->p = p;
	REC_SET_SHOW(r, SHOW_MAPPED);
	buf_addc(&note, '\0');
	m->notes[t] = buf_detach(&note, NULL);
	buf_free(&text);
	free(src);
	free(codes);
	free(splits);
}

/*
 * A city district is carried over as it is: no table of them is shipped.
 * Said once for each municipality whose districts cannot be carried,
 * its code not being the target year's (1201 Bergen is 4601 from 2020).
 */
static void
district_check(struct mapper *m, const struct rec *r)
{
	int code;

	if (r->keylen < 6 || (r->keylen > 6 && r->p[6] != KEY_SEP) ||
	    (code = muni_parse_district(r->p, 6, NULL, NULL)) < 0 ||
	    muni_name(m->db, m->o->regions, code / 100) != NULL)
		return;
	if (m->district_said == NULL)
		m->district_said = xcalloc(MUNI_CODES, 1);
	if (m->district_said[code / 100])
		return;
	m->district_said[code / 100] = 1;
	warnat(m->s->name, REC_LINE(r), "city district %06d: municipality %04d "
	    "is in no list of %d, and there is no table of city districts to "
	    "move it by: compared as it is", code, code / 100, m->o->regions);
}

static void
map_rec(struct mapper *m, size_t i)
{
	const struct rec *r = &m->s->recs[i];
	const struct muni_xwalk *xw;
	const int *targets, *sources;
	int code = key_code(r), year, nt, k;
	size_t t;

	if (code < 0 || code == (muni_code_digits(m->db) == 2 ? 99 : 9999)) {
		/* Not a municipality: carried over as it is. */
		if (code < 0 && muni_code_digits(m->db) == 4)
			district_check(m, r);
		target_rec(m, r, -1, 0);
		return;
	}
	year = muni_name(m->db, m->s->year, code) != NULL ? m->s->year :
	    muni_newest_year(m->db, code);
	if (year == 0) {
		warnat(m->s->name, REC_LINE(r), "%s code %0*d is in no year's list",
		    muni_code_digits(m->db) == 2 ? "county" : "municipality",
		    muni_code_digits(m->db), code);
		m->s->bad++;
		target_rec(m, r, code, 0);
		return;
	}
	xw = xwalk_for(m, year);
	nt = xw != NULL ? muni_xwalk_targets(xw, code, &targets) : 0;
	if (nt == 1 && muni_xwalk_sources(xw, targets[0], &sources) == 1) {
		t = target_rec(m, r, targets[0], 0);
		if (targets[0] != code && m->notes[t] == NULL) {
			const char *name = muni_name(m->db, year, code);

			buf_clear(&m->b);
			buf_printf(&m->b, "from %0*d%s%s", muni_code_digits(m->db), code,
			    name ? " " : "",
			    name ? name : "");
			buf_addc(&m->b, '\0');
			m->notes[t] = xstrdup(m->b.data);
		}
		return;
	}
	for (k = 0; k < nt; k++) {
		t = target_rec(m, r, targets[k], 1);
		add_link(m, t, i);
	}
}

int
regions_map(const struct options *o, struct side *s, const struct muni_db *db,
    const struct plan *plan)
{
	struct mapper m;
	size_t i;
	int k;

	memset(&m, 0, sizeof m);
	m.o = o;
	m.db = db;
	m.plan = plan;
	m.s = s;
	m.to.name = s->name;
	m.to.lay = s->lay;
	s->year = input_year(db, s, muni_table_year(db, o->regions));
	if (o->explain)
		warnmsg("%s: municipalities of %d, moved to those of %d", s->name,
		    s->year, muni_table_year(db, o->regions));
	for (i = 0; i < s->nrecs; i++)
		map_rec(&m, i);
	for (i = 0; i < m.to.nrecs; i++)
		if (m.merged[i])
			finish_group(&m, i);
	/* The input's recs and hash give way to the moved ones. */
	free(s->recs);
	free(s->slots);
	s->recs = m.to.recs;
	s->nrecs = m.to.nrecs;
	s->cap = m.to.cap;
	s->slots = m.to.slots;
	s->nslots = m.to.nslots;
	s->notes = m.notes;
	if (s->notes == NULL)
		s->notes = xcalloc(1, sizeof *s->notes);
	free(m.head);
	free(m.links);
	free(m.merged);
	free(m.district_said);
	buf_free(&m.b);
	for (k = 0; k < 8; k++)
		muni_xwalk_free(m.xw[k]);
	return s->bad ? -1 : 0;
}
