/*
 * The comparison: every key of NEW looked up in OLD, field by field, then
 * the keys of OLD that NEW lacks.  Rows come in NEW's order, removed keys
 * last in OLD's order.  Two PX or JSON-stat tables are compared the same
 * way by their categories (compare_cubes).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "err.h"
#include "px.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

enum status { ST_ADDED, ST_REMOVED, ST_CHANGED, ST_NOT_COMPARABLE, ST_SAME, NSTATUS };

static const char *const status_text[NSTATUS] = {
	"added", "removed", "changed", "not_comparable", "same"
};

struct out {
	const struct side *so, *sn;
	const struct options *o;
	const struct plan *plan;
	const struct muni_db *db;
	struct csvwriter w;
	unsigned long (*counts)[NSTATUS];	/* [field][status] */
	unsigned long differences;
	struct buf oldtxt, newtxt, difftxt, pcttxt, tmp;
	struct buf null;	/* "null" */
	const char **comp;
	size_t *complen;
	const char **cols;	/* the output's column names */
};

/*
 * A value as the output shows it: the cell as read, byte for byte (a
 * value made by --regions as made).  n is what it holds.
 */
static void
show_value(struct buf *out, const char *raw, struct number *n)
{
	buf_clear(out);
	if (strcmp(raw, NOT_COMPARABLE) == 0) {
		memset(n, 0, sizeof *n);
		n->kind = NUM_EMPTY;
		buf_adds(out, "");
		return;
	}
	num_parse(raw, strlen(raw), n);
	buf_adds(out, raw);
}

/* Do two cells that are not both numbers hold the same? */
static int
same_text(struct buf *tmp, const char *a, const struct number *na,
    const char *b, const struct number *nb)
{
	size_t la;
	int same;

	if (na->kind != nb->kind)
		return 0;
	if (na->kind == NUM_MARKER)
		return na->marker == nb->marker;
	if (na->kind == NUM_EMPTY)
		return 1;
	buf_clear(tmp);
	text_clean(tmp, a, strlen(a));
	buf_addc(tmp, '\0');
	la = tmp->len;
	text_clean(tmp, b, strlen(b));
	same = tmp->len - la == la - 1 && memcmp(tmp->data, tmp->data + la, la - 1) == 0;
	buf_clear(tmp);
	return same;
}

/* A region moved by --regions: its code and the target year's name. */
static void
region_text(struct out *ot, const char *s, size_t len)
{
	const char *name = NULL;
	int code, i;

	buf_clear(&ot->tmp);
	for (i = 0; i < (int)len; i++)
		if (s[i] < '0' || s[i] > '9')
			break;
	if (len != 4 || i != 4 || ot->plan->style == STYLE_CODE) {
		buf_add(&ot->tmp, s, len);
		return;
	}
	code = atoi(s);
	if (ot->plan->level == MUNI_FYLKE)
		s += 2;		/* "0011": county 11 */
	name = muni_name(ot->db, ot->o->regions, code);
	if (name == NULL)
		name = muni_name(ot->db, muni_newest_year(ot->db, code), code);
	if (name != NULL && ot->plan->style == STYLE_NAME)
		buf_adds(&ot->tmp, name);
	else if (name != NULL)
		buf_printf(&ot->tmp, "%.*s %s", muni_code_digits(ot->db), s, name);
	else
		buf_add(&ot->tmp, s, (size_t)muni_code_digits(ot->db));
}

/* The key cells of r, of side s, as read. */
static void
write_key(struct out *ot, const struct side *s, const struct rec *r)
{
	const char *p = r->p, *end = r->p + r->keylen, *name;
	int k, j, show = REC_SHOW(r);

	if (show == SHOW_RAW) {
		p = rec_after(r, ot->plan->nfields);
		for (k = 0; k < ot->plan->nkey; k++) {
			ot->comp[k] = p;
			ot->complen[k] = strlen(p);
			p += ot->complen[k] + 1;
		}
	} else {
		for (k = 0; k < ot->plan->nkey; k++) {
			const char *e = memchr(p, KEY_SEP, (size_t)(end - p));

			if (e == NULL)
				e = end;
			ot->comp[k] = p;
			ot->complen[k] = (size_t)(e - p);
			p = e < end ? e + 1 : end;
		}
	}
	for (j = 0; j < ot->plan->nkey; j++) {
		k = ot->plan->keyorder[j];
		if (k == 0 && ot->plan->region && show == SHOW_MAPPED) {
			region_text(ot, ot->comp[k], ot->complen[k]);
			csvw_field(&ot->w, ot->tmp.data, ot->tmp.len);
		} else if (k == 0 && ot->plan->region && show == SHOW_CODE_NAME &&
		    (name = side_region_name(s, atoi(ot->comp[k]))) != NULL) {
			buf_clear(&ot->tmp);
			buf_add(&ot->tmp, ot->comp[k], 4);
			buf_addc(&ot->tmp, ' ');
			buf_adds(&ot->tmp, name);
			csvw_field(&ot->w, ot->tmp.data, ot->tmp.len);
		} else {
			csvw_field(&ot->w, ot->comp[k], ot->complen[k]);
		}
	}
}

static int
keep_row(const struct options *o, enum status st, int numeric, double diff,
    int has_pct, double pct)
{
	if (st == ST_SAME)
		return o->all || o->summary;
	if (st != ST_CHANGED || !numeric)
		return 1;
	if (o->has_min_diff && fabs(diff) < o->min_diff - 1e-9 * fmax(1, o->min_diff))
		return 0;
	if (o->has_min_pct && has_pct &&
	    fabs(pct) < o->min_pct - 1e-9 * fmax(1, o->min_pct))
		return 0;
	return 1;
}

static const char *
note_of(const struct side *s, const struct rec *r)
{
	if (r == NULL || s->notes == NULL)
		return NULL;
	return s->notes[r - s->recs];
}

/*
 * Is a cell's text, as it stands, a JSON number that any reader gives
 * back as that same text?  An optional minus, an integer part without
 * leading zeros, a fraction not ending in zero, at most 15 digits in all
 * (what a double holds exactly): "1234", "-4.5", "0.041".  Not "0301",
 * "4.10", "-0", "1e3", "1,5", "1 234", "12 %", "..".
 */
static int
json_number_text(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || s[i] < '0' || s[i] > '9')
		return 0;
	if (s[i] == '0') {
		i++, digits++;
		if (i < len && s[i] >= '0' && s[i] <= '9')
			return 0;	/* a leading zero */
		if (i == len && s[0] == '-')
			return 0;	/* "-0" reads back as 0 */
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.') {
		if (++i >= len)
			return 0;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (s[i - 1] == '0' || s[i - 1] == '.')
			return 0;	/* "4.10" reads back as 4.1 */
	}
	return i == len && digits <= 15;
}

/*
 * A cell as read.  In JSON Lines a number when its text is one (above),
 * else a string (a marker too), and null where the input has no value:
 * an empty cell, a key added or removed, a value --regions cannot give.
 */
static void
write_value(struct out *ot, const char *raw, const struct buf *shown)
{
	if ((ot->o->format == FMT_JSONL || ot->o->format == FMT_JSON) &&
	    (raw == NULL || raw[0] == '\0' ||
	    strcmp(raw, NOT_COMPARABLE) == 0)) {
		csvw_escaped(&ot->w, &ot->null);
		return;
	}
	if ((ot->o->format == FMT_JSONL || ot->o->format == FMT_JSON) &&
	    shown->len > 0 &&
	    json_number_text(shown->data, shown->len)) {
		csvw_escaped(&ot->w, shown);
		return;
	}
	csvw_field(&ot->w, shown->data ? shown->data : "", shown->len);
}

/* A difference or percentage we wrote: a JSON number, or null. */
static void
write_number(struct out *ot, const struct buf *n)
{
	csvw_number(&ot->w, n->data ? n->data : "", n->len);
}

static void
compare_field(struct out *ot, int f, const char *ov, const char *nv,
    const struct side *ks, const struct rec *kr, const char *onote, const char *nnote)
{
	struct number on, nn;
	enum status st;
	double diff = 0, pct = 0;
	int numeric = 0, has_pct = 0, nc;

	nc = (ov != NULL && strcmp(ov, NOT_COMPARABLE) == 0) ||
	    (nv != NULL && strcmp(nv, NOT_COMPARABLE) == 0);
	if (ov != NULL)
		show_value(&ot->oldtxt, ov, &on);
	else
		buf_clear(&ot->oldtxt), on.kind = NUM_EMPTY;
	if (nv != NULL)
		show_value(&ot->newtxt, nv, &nn);
	else
		buf_clear(&ot->newtxt), nn.kind = NUM_EMPTY;
	buf_clear(&ot->difftxt);
	buf_clear(&ot->pcttxt);
	if (ov == NULL)
		st = ST_ADDED;
	else if (nv == NULL)
		st = ST_REMOVED;
	else if (nc)
		st = ST_NOT_COMPARABLE;
	else if (on.kind == NUM_NUMBER && nn.kind == NUM_NUMBER) {
		numeric = 1;
		diff = nn.value - on.value;
		st = num_sub(&ot->difftxt, &on, &nn) == 0 ? ST_SAME : ST_CHANGED;
		if (on.value != 0) {
			has_pct = 1;
			pct = diff / fabs(on.value) * 100;
			num_format(&ot->pcttxt, pct, 1);
		}
	} else {
		st = same_text(&ot->tmp, ov, &on, nv, &nn) ? ST_SAME : ST_CHANGED;
	}
	if (!keep_row(ot->o, st, numeric, diff, has_pct, pct))
		return;
	ot->counts[f][st]++;
	if (st != ST_SAME)
		ot->differences++;
	if (ot->o->summary || ot->o->quiet)
		return;
	write_key(ot, ks, kr);
	csvw_str(&ot->w, ot->plan->field[f]);
	write_value(ot, ov, &ot->oldtxt);
	write_value(ot, nv, &ot->newtxt);
	write_number(ot, &ot->difftxt);
	write_number(ot, &ot->pcttxt);
	csvw_str(&ot->w, status_text[st]);
	if (ot->o->regions) {
		buf_clear(&ot->tmp);
		if (onote != NULL)
			buf_adds(&ot->tmp, onote);
		if (nnote != NULL && (onote == NULL || strcmp(onote, nnote) != 0)) {
			if (ot->tmp.len > 0)
				buf_adds(&ot->tmp, "; ");
			buf_adds(&ot->tmp, nnote);
		}
		csvw_field(&ot->w, ot->tmp.data ? ot->tmp.data : "", ot->tmp.len);
	}
	csvw_end(&ot->w);
}

/* The one field of a cube's cell, its key shown from r (cube_rec). */
static void
compare_cell(struct out *ot, const char *ov, const char *nv,
    const struct side *ks, const struct rec *r)
{
	compare_field(ot, 0, ov, nv, ks, r, NULL, NULL);
}

static void
write_summary(struct out *ot, FILE *fp)
{
	static const char *const cols[] = {
		"field", "added", "removed", "changed", "not_comparable", "same"
	};
	unsigned long total[NSTATUS];
	struct csvwriter w;
	int f, s;

	csvw_init(&w, fp, ot->o->format, cols, 6);
	memset(total, 0, sizeof total);
	for (f = 0; f <= ot->plan->nfields; f++) {
		const unsigned long *c = f < ot->plan->nfields ? ot->counts[f] : total;

		csvw_str(&w, f < ot->plan->nfields ? ot->plan->field[f] : "(all)");
		for (s = 0; s < NSTATUS; s++) {
			csvw_long(&w, (long)c[s]);
			if (f < ot->plan->nfields)
				total[s] += c[s];
		}
		csvw_end(&w);
	}
	csvw_free(&w);
}

/*
 * Lookups in OLD's table miss the cache three times each (slot, rec,
 * key text).  Prefetched in stages some rows ahead, the three overlap
 * with the work on the rows between.
 */
#define AHEAD 32	/* hashes kept: rows ahead, a power of two */
#define AHEAD_SLOT 24	/* rows ahead: hash the key, fetch its slot */
#define AHEAD_REC 16	/* rows ahead: fetch the rec the slot names */
#define AHEAD_KEY 8	/* rows ahead: fetch the rec's key text */

static void
prefetch_ahead(const struct side *so, const struct side *sn, size_t i,
    uint32_t *hashes)
{
	const struct rec *r;

	if (i + AHEAD_SLOT < sn->nrecs) {
		const struct rec *n = &sn->recs[i + AHEAD_SLOT];

		hashes[(i + AHEAD_SLOT) % AHEAD] = key_hash(n->p, n->keylen);
		side_prefetch(so, hashes[(i + AHEAD_SLOT) % AHEAD]);
	}
	if (i + AHEAD_REC < sn->nrecs &&
	    (r = side_probe(so, hashes[(i + AHEAD_REC) % AHEAD])) != NULL)
		__builtin_prefetch(r);
	if (i + AHEAD_KEY < sn->nrecs &&
	    (r = side_probe(so, hashes[(i + AHEAD_KEY) % AHEAD])) != NULL)
		__builtin_prefetch(r->p);
}

static void
out_init(struct out *ot, const struct options *o, const struct side *so,
    const struct side *sn, const struct plan *plan, const struct muni_db *db)
{
	memset(ot, 0, sizeof *ot);
	ot->o = o;
	ot->so = so;
	ot->sn = sn;
	ot->plan = plan;
	ot->db = db;
	ot->counts = xcalloc((size_t)plan->nfields, sizeof *ot->counts);
	buf_adds(&ot->null, "null");
	ot->comp = xcalloc((size_t)plan->nkey, sizeof *ot->comp);
	ot->complen = xcalloc((size_t)plan->nkey, sizeof *ot->complen);
}

static void
out_free(struct out *ot)
{
	csvw_free(&ot->w);
	free(ot->cols);
	free(ot->counts);
	free(ot->comp);
	free(ot->complen);
	buf_free(&ot->oldtxt);
	buf_free(&ot->newtxt);
	buf_free(&ot->difftxt);
	buf_free(&ot->pcttxt);
	buf_free(&ot->tmp);
	buf_free(&ot->null);
}

/* Compare the recs [from, to) of NEW with OLD, marking OLD's matched. */
static void
compare_range(struct out *ot, size_t from, size_t to)
{
	const struct side *so = ot->so, *sn = ot->sn;
	const struct options *o = ot->o;
	int nf = ot->plan->nfields, f;
	const char **ovals = xcalloc((size_t)nf + 1, sizeof *ovals);
	const char **nvals = xcalloc((size_t)nf + 1, sizeof *nvals);
	uint32_t hashes[AHEAD];
	size_t i;

	/* The first rows' hashes, which prefetch_ahead() has not made. */
	for (i = from; i < to && i < from + AHEAD_SLOT; i++)
		hashes[i % AHEAD] = key_hash(sn->recs[i].p, sn->recs[i].keylen);
	for (i = from; i < to; i++) {
		const struct rec *nr = &sn->recs[i];
		struct rec *or;

		prefetch_ahead(so, sn, i, hashes);
		or = side_find_hashed(so, nr->p, nr->keylen, hashes[i % AHEAD]);
		rec_values(nr, nf, nvals);
		if (or != NULL) {
			so->matched[or - so->recs] = 1;
			rec_values(or, nf, ovals);
		}
		for (f = 0; f < nf; f++) {
			/* Identical text is the same value: no need to read it. */
			if (or != NULL && !o->all && !o->summary &&
			    strcmp(ovals[f], nvals[f]) == 0 &&
			    strcmp(nvals[f], NOT_COMPARABLE) != 0)
				continue;
			compare_field(ot, f, or ? ovals[f] : NULL, nvals[f], sn, nr,
			    note_of(so, or), note_of(sn, nr));
		}
	}
	free(ovals);
	free(nvals);
}

struct half {
	struct out ot;
	size_t from, to;
	char *text;		/* its rows, written to memory */
	size_t len;
};

static void *
compare_half(void *arg)
{
	struct half *h = arg;

	compare_range(&h->ot, h->from, h->to);
	return NULL;
}

/*
 * NEW's recs in two halves, one per processor: the first half writes
 * straight out, the second into memory, copied out after it, so the rows
 * keep NEW's order.  Only for long inputs, and not with --all, whose
 * output could be as long as the inputs.
 */
#define PARALLEL_RECS 200000

static int
compare_parallel(struct out *ot, FILE *fp)
{
	struct half h;
	pthread_t th;
	FILE *mem;
	int f, s;

	if (ot->sn->nrecs < PARALLEL_RECS || ot->o->all ||
	    !csvw_streams(ot->o->format))
		return -1;
	memset(&h, 0, sizeof h);
	if ((mem = open_memstream(&h.text, &h.len)) == NULL)
		return -1;
	out_init(&h.ot, ot->o, ot->so, ot->sn, ot->plan, ot->db);
	csvw_continue(&h.ot.w, &ot->w, mem);
	h.from = ot->sn->nrecs / 2;
	h.to = ot->sn->nrecs;
	if (pthread_create(&th, NULL, compare_half, &h) != 0) {
		fclose(mem);
		free(h.text);
		out_free(&h.ot);
		return -1;
	}
	compare_range(ot, 0, h.from);
	pthread_join(th, NULL);
	fclose(mem);
	if (h.len > 0)
		fwrite(h.text, 1, h.len, fp);
	for (f = 0; f < ot->plan->nfields; f++)
		for (s = 0; s < NSTATUS; s++)
			ot->counts[f][s] += h.ot.counts[f][s];
	ot->differences += h.ot.differences;
	free(h.text);
	out_free(&h.ot);
	return 0;
}

/* The header row of the output, unless nothing or a summary is written. */
static void
out_start(struct out *ot, FILE *fp)
{
	const struct options *o = ot->o;
	const struct plan *plan = ot->plan;
	const char **cols;
	int ncols = 0, f;

	cols = xcalloc((size_t)plan->nkey + 7, sizeof *cols);
	for (f = 0; f < plan->nkey; f++)
		cols[ncols++] = plan->keyname[plan->keyorder[f]];
	cols[ncols++] = "field";
	cols[ncols++] = "old";
	cols[ncols++] = "new";
	cols[ncols++] = "diff";
	cols[ncols++] = "pct";
	cols[ncols++] = "status";
	if (o->regions)
		cols[ncols++] = "note";
	if (!o->summary && !o->quiet)
		csvw_init(&ot->w, fp, o->format, cols, ncols);
	ot->cols = cols;	/* the writer keeps them */
}

int
compare_sides(const struct options *o, struct side *so, struct side *sn,
    const struct plan *plan, const struct muni_db *db, FILE *fp)
{
	struct out ot;
	const char **ovals;
	int f, differs;
	size_t i;

	out_init(&ot, o, so, sn, plan, db);
	so->matched = xcalloc(so->nrecs + 1, 1);
	out_start(&ot, fp);
	if (compare_parallel(&ot, fp) != 0)
		compare_range(&ot, 0, sn->nrecs);
	ovals = xcalloc((size_t)plan->nfields + 1, sizeof *ovals);
	for (i = 0; i < so->nrecs; i++) {
		const struct rec *or = &so->recs[i];

		if (so->matched[i])
			continue;
		rec_values(or, plan->nfields, ovals);
		for (f = 0; f < plan->nfields; f++)
			compare_field(&ot, f, ovals[f], NULL, so, or, note_of(so, or), NULL);
	}
	if (o->summary && !o->quiet)
		write_summary(&ot, fp);
	differs = ot.differences > 0;
	free(ovals);
	out_free(&ot);
	return differs;
}

/*
 * The categories (by key component) of the cell after the one cat has:
 * order[] lists the components from the table's last variable, which
 * turns fastest, to its first.
 */
static void
next_cell(size_t *cat, const size_t *ncat, const int *order, int nkey)
{
	int i;

	for (i = 0; i < nkey; i++) {
		if (++cat[order[i]] < ncat[order[i]])
			return;
		cat[order[i]] = 0;
	}
}

/* The components of side s in the order next_cell() turns them. */
static int *
turn_order(const struct side *s, int nkey)
{
	int *order = xcalloc((size_t)nkey, sizeof *order), k, n = 0, v;

	for (v = s->lay.ncols - 1; v >= 0; v--)
		for (k = 0; k < nkey; k++)
			if (s->lay.keycol[k] == v)
				order[n++] = k;
	return order;
}

/*
 * Two tables held as their categories (side_load_cube): NEW's cells in
 * its order, each found in OLD by the OLD category of each of its own
 * (a component of the key names one category on either side), then
 * OLD's cells with a category NEW lacks, in OLD's order: the rows
 * compare_sides() gives, with no key made but for a row written.
 */
int
compare_cubes(const struct options *o, struct side *so, struct side *sn,
    const struct plan *plan, const struct muni_db *db, FILE *fp)
{
	const struct cubeside *co = so->cube, *cn = sn->cube;
	int nkey = cn->nkey, k, differs;
	size_t **tocat = xcalloc((size_t)nkey, sizeof *tocat);
	unsigned char **met = xcalloc((size_t)nkey, sizeof *met);
	size_t *cat = xcalloc((size_t)nkey, sizeof *cat);
	size_t *ocat = xcalloc((size_t)nkey, sizeof *ocat);
	size_t *ostride = xcalloc((size_t)nkey, sizeof *ostride);
	int *oorder = turn_order(so, nkey), *norder = turn_order(sn, nkey);
	size_t i, j, at;
	struct buf scratch = BUF_INIT;
	struct rec r;
	struct out ot;
	const char *ov, *nv;
	void *hit;

	out_init(&ot, o, so, sn, plan, db);
	out_start(&ot, fp);
	/* NEW's category j of component k is OLD's tocat[k][j] - 1 (0: none). */
	for (k = 0; k < nkey; k++) {
		ostride[k] = co->stride[so->lay.keycol[k]];
		tocat[k] = xcalloc(cn->ncat[k] + 1, sizeof *tocat[k]);
		met[k] = xcalloc(co->ncat[k] + 1, 1);
		for (j = 0; j < cn->ncat[k]; j++) {
			hit = strmap_get(co->bycomp[k], cn->comp[k][j]);
			tocat[k][j] = (size_t)(uintptr_t)hit;
			if (hit != NULL)
				met[k][tocat[k][j] - 1] = 1;
		}
	}
	for (i = 0; i < cn->ncells; i++, next_cell(cat, cn->ncat, norder, nkey)) {
		for (k = 0, at = 0; k < nkey && tocat[k][cat[k]] != 0; k++)
			at += (tocat[k][cat[k]] - 1) * ostride[k];
		nv = px_cube_value(cn->cube, i);
		ov = k == nkey ? px_cube_value(co->cube, at) : NULL;
		/* Identical text is the same value: no need to read it. */
		if (ov != NULL && !o->all && !o->summary && strcmp(ov, nv) == 0 &&
		    strcmp(nv, NOT_COMPARABLE) != 0)
			continue;
		cube_rec(sn, cat, nv, &scratch, &r);
		compare_cell(&ot, ov, nv, sn, &r);
	}
	for (i = 0; i < co->ncells; i++, next_cell(ocat, co->ncat, oorder, nkey)) {
		for (k = 0; k < nkey && met[k][ocat[k]]; k++)
			;
		if (k == nkey)
			continue;
		ov = px_cube_value(co->cube, i);
		cube_rec(so, ocat, ov, &scratch, &r);
		compare_cell(&ot, ov, NULL, so, &r);
	}
	if (o->summary && !o->quiet)
		write_summary(&ot, fp);
	differs = ot.differences > 0;
	for (k = 0; k < nkey; k++) {
		free(tocat[k]);
		free(met[k]);
	}
	free(tocat);
	free(met);
	free(cat);
	free(ocat);
	free(ostride);
	free(oorder);
	free(norder);
	buf_free(&scratch);
	out_free(&ot);
	return differs;
}
