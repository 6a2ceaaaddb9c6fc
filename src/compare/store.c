/*
 * One input held in memory: each row as its key (the key cells, cleaned,
 * joined by KEY_SEP) and its values as they stand, in an arena, with a
 * hash table on the key.  A PX or JSON-stat table, whose rows are every
 * combination of its categories, is held as those instead (struct
 * cubeside): a key component a category, the values where the table
 * has them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "compare.h"
#include "err.h"
#include "px.h"
#include "hash.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

#define ARENA_BLOCK ((size_t)16 << 20)
#define KEY_LIMIT 65536
#define DUP_MESSAGES 20		/* then only counted */

static void cube_free(struct cubeside *cs);

/* ---- messages ---- */

void
side_warn(struct side *s, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnat_to(s->msgs, s->name, line, fmt, ap);
	va_end(ap);
}

/* ---- memory ---- */

#define HUGE_PAGE ((size_t)2 << 20)

/*
 * Large tables are read at random: on 4 KiB pages nearly every probe
 * misses the TLB as well as the cache.  Blocks of 2 MiB and more are
 * aligned and offered to the kernel as transparent huge pages.
 */
static void *
big_alloc(size_t size, int zero)
{
	void *p;

	if (size < HUGE_PAGE) {
		p = zero ? xcalloc(1, size) : xmalloc(size);
		return p;
	}
	size = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	if (posix_memalign(&p, HUGE_PAGE, size) != 0)
		return zero ? xcalloc(1, size) : xmalloc(size);
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);
#endif
	if (zero)
		memset(p, 0, size);
	return p;
}

/* ---- arena ---- */

char *
arena_alloc(struct arena *a, size_t n)
{
	char *p;

	if (n > a->left) {
		/* Blocks grow from 1 MiB, so a short file takes little. */
		size_t size = a->nblocks >= 4 ? ARENA_BLOCK : ARENA_BLOCK >> (4 - a->nblocks);

		if (size < n)
			size = n;

		a->blocks = xreallocarray(a->blocks, a->nblocks + 1, sizeof *a->blocks);
		a->blocks[a->nblocks++] = a->cur = big_alloc(size, 0);
		a->left = size;
	}
	p = a->cur;
	a->cur += n;
	a->left -= n;
	return p;
}

void
arena_free(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}

/* ---- hashing ---- */

uint32_t
key_hash(const char *p, size_t n)
{
	return (uint32_t)hash_bytes(p, n, 0);
}

/*
 * A slot holds the key's hash (high half) and its rec's index + 1 (low
 * half, 0 = empty), so a probe reads no rec unless the hashes agree: the
 * table stays in cache lines of its own.
 */
static void
grow_slots(struct side *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 1024, i;

	free(s->slots);
	s->slots = big_alloc(n * sizeof *s->slots, 1);
	s->nslots = n;
	for (i = 0; i < s->nrecs; i++) {
		uint32_t h = key_hash(s->recs[i].p, s->recs[i].keylen);
		size_t j = h & (n - 1);

		while (s->slots[j] != 0)
			j = (j + 1) & (n - 1);
		s->slots[j] = (uint64_t)h << 32 | (uint64_t)(i + 1);
	}
}

static struct rec *
find_hashed(const struct side *s, const char *key, size_t keylen, uint32_t h,
    size_t *slot)
{
	size_t j, mask = s->nslots - 1;

	if (s->nslots == 0)
		return NULL;
	for (j = h & mask; s->slots[j] != 0; j = (j + 1) & mask) {
		struct rec *r;

		if ((uint32_t)(s->slots[j] >> 32) != h)
			continue;
		r = &s->recs[(uint32_t)s->slots[j] - 1];
		if (r->keylen == keylen && memcmp(r->p, key, keylen) == 0)
			return r;
	}
	if (slot != NULL)
		*slot = j;
	return NULL;
}

struct rec *
side_find(const struct side *s, const char *key, size_t keylen)
{
	return find_hashed(s, key, keylen, key_hash(key, keylen), NULL);
}

void
side_reserve(struct side *s, size_t n)
{
	size_t slots = 1024;

	if (n > ((size_t)1 << 31))
		return;		/* past what a hint should make us take */
	if (n > s->cap) {
		struct rec *recs = big_alloc(n * sizeof *recs, 0);

		if (s->nrecs > 0)
			memcpy(recs, s->recs, s->nrecs * sizeof *recs);
		free(s->recs);
		s->recs = recs;
		s->cap = n;
	}
	while (slots * 3 <= n * 4)
		slots *= 2;
	if (slots > s->nslots) {
		s->nslots = slots / 2;
		grow_slots(s);
	}
}

void
side_prefetch(const struct side *s, uint32_t h)
{
	if (s->nslots > 0)
		__builtin_prefetch(&s->slots[h & (s->nslots - 1)]);
}

const struct rec *
side_probe(const struct side *s, uint32_t h)
{
	size_t j, mask = s->nslots - 1;

	if (s->nslots == 0)
		return NULL;
	for (j = h & mask; s->slots[j] != 0; j = (j + 1) & mask)
		if ((uint32_t)(s->slots[j] >> 32) == h)
			return &s->recs[(uint32_t)s->slots[j] - 1];
	return NULL;
}

struct rec *
side_find_hashed(const struct side *s, const char *key, size_t keylen,
    uint32_t h)
{
	return find_hashed(s, key, keylen, h, NULL);
}

static struct rec *
insert_hashed(struct side *s, const struct rec *r, uint32_t h)
{
	struct rec *old;
	size_t slot = 0;

	/* Three quarters full at most: probes stay short, as the slots hold hashes. */
	if ((s->nrecs + 1) * 4 >= s->nslots * 3)
		grow_slots(s);
	if ((old = find_hashed(s, r->p, r->keylen, h, &slot)) != NULL)
		return old;
	if (s->nrecs == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->recs = xreallocarray(s->recs, s->cap, sizeof *s->recs);
	}
	s->recs[s->nrecs] = *r;
	s->nrecs++;
	s->slots[slot] = (uint64_t)h << 32 | (uint64_t)s->nrecs;
	return NULL;
}

struct rec *
side_insert(struct side *s, const struct rec *r)
{
	return insert_hashed(s, r, key_hash(r->p, r->keylen));
}

const char *
rec_after(const struct rec *r, int n)
{
	const char *p = r->p + r->keylen + 1;
	int i;

	for (i = 0; i < n; i++)
		p += strlen(p) + 1;
	return p;
}

void
rec_values(const struct rec *r, int n, const char **vals)
{
	const char *p = r->p + r->keylen + 1;
	int i;

	for (i = 0; i < n; i++) {
		vals[i] = p;
		p += strlen(p) + 1;
	}
}

/* ---- sums ---- */

static int
marker_rank(enum num_marker m)
{
	switch (m) {
	case MARK_SUPPRESSED: return 4;
	case MARK_NOT_AVAILABLE: return 3;
	case MARK_NOT_YET: return 2;
	case MARK_NOT_APPLICABLE: return 1;
	default: return 0;
	}
}

void
sum_values(struct buf *out, const char *const *vals, int n)
{
	struct number num;
	enum num_marker worst = MARK_NONE;
	double sum = 0;
	int i, decimals = 0, numbers = 0, nils = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(vals[i], NOT_COMPARABLE) == 0) {
			buf_adds(out, NOT_COMPARABLE);
			return;
		}
		switch (num_parse(vals[i], strlen(vals[i]), &num)) {
		case NUM_NUMBER:
			sum += num.value;
			numbers++;
			if (num.decimals > decimals)
				decimals = num.decimals;
			break;
		case NUM_MARKER:
			if (num.marker == MARK_NIL)
				nils++;	/* "-" is nil: exactly zero */
			else if (marker_rank(num.marker) > marker_rank(worst))
				worst = num.marker;
			break;
		default:
			/* Empty or text: the sum is unknown. */
			buf_adds(out, NOT_COMPARABLE);
			return;
		}
	}
	if (worst != MARK_NONE)
		buf_adds(out, num_marker_text(worst));
	else if (numbers == 0 && nils > 0)
		buf_adds(out, "-");
	else
		num_format(out, sum, decimals);
}

/* ---- region names as the inputs write them, for output ---- */

static void
note_name(struct side *s, int code, const char *name, size_t len)
{
	if (code < 0 || code >= MUNI_CODES || len == 0)
		return;
	if (s->names == NULL)
		s->names = xcalloc(MUNI_CODES, sizeof *s->names);
	if (s->names[code] == NULL)
		s->names[code] = xstrndup(name, len);	/* the first kept */
}

const char *
side_region_name(const struct side *s, int code)
{
	if (s->names == NULL || code < 0 || code >= MUNI_CODES)
		return NULL;
	return s->names[code];
}

/* ---- loading ---- */

/* Plain ASCII with single inner spaces is already clean. */
static int
is_clean(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 1;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7F || (c == ' ' && s[i + 1] == ' '))
			return 0;
	}
	return 1;
}

static void
add_clean(struct buf *b, const char *s, size_t len)
{
	if (is_clean(s, len))
		buf_add(b, s, len);
	else
		text_clean(b, s, len);
}

/*
 * Rows wait in a short queue between reading and insertion, their slots
 * prefetched, so the hash table's cache misses overlap with the reading.
 */
#define PENDING 16

struct pending {
	struct rec r;
	uint32_t h;
};

struct loader {
	struct pending queue[PENDING];
	int qhead, qlen;
	const struct options *o;
	const struct muni_db *db;
	struct side *s;
	struct strmap *names;	/* cleaned name -> code + 1 (0: none) */
	struct buf key, tmp;
	unsigned long dup_shown;
	/*
	 * The key components of the last row, by the cells they came from,
	 * when a cell's address names its text (table_cells_stable): a PX
	 * or JSON-stat table repeats its categories' cells row after row,
	 * and each is made a component once a run, not once a row.
	 */
	int stable;
	struct memo *memo;	/* [nkey] */
};

struct memo {
	const char *cell;	/* NULL: none yet */
	int show;
	struct buf comp;	/* the component made of it */
};

static void
add_code(struct buf *b, int code)
{
	char d[4];

	d[0] = (char)('0' + code / 1000 % 10);
	d[1] = (char)('0' + code / 100 % 10);
	d[2] = (char)('0' + code / 10 % 10);
	d[3] = (char)('0' + code % 10);
	buf_add(b, d, 4);
}

/*
 * The region component of the key: a code, or the cleaned text.  Returns
 * how the cell can be shown again (SHOW_*).
 */
static int
add_region(struct loader *ld, const char *cell, size_t len, unsigned long line)
{
	const char *name;
	size_t namelen;
	int county = muni_code_digits(ld->db) == 2;
	int code = county ? muni_parse_county(cell, len, &name, &namelen) :
	    muni_parse_region(cell, len, &name, &namelen);
	void *hit;

	/* "13 Bergen (t.o.m. 1971)": a region SSB keeps for history, its code
	 * in no list of ours; it is compared as the text it is. */
	if (code >= 0 && namelen > 8 && memchr(name, '(', namelen) != NULL &&
	    memmem(name, namelen, "(t.o.m.", 7) != NULL)
		code = -1;

	if (code >= 0) {
		const char *seen;

		add_code(&ld->key, code);
		if (county)
			return SHOW_RAW;
		if (namelen == 0)
			return len == 4 ? SHOW_KEY : SHOW_RAW;
		if ((seen = side_region_name(ld->s, code)) == NULL) {
			buf_clear(&ld->tmp);
			add_clean(&ld->tmp, name, namelen);
			note_name(ld->s, code, ld->tmp.data, ld->tmp.len);
			seen = side_region_name(ld->s, code);
		}
		return len == 5 + strlen(seen) && cell[4] == ' ' &&
		    memcmp(cell + 5, seen, len - 5) == 0 ? SHOW_CODE_NAME : SHOW_RAW;
	}
	/* A city district: its six digits, whatever name follows. */
	if (!county && muni_parse_district(cell, len, &name, &namelen) >= 0) {
		const char *d = cell;

		while (*d == ' ' || *d == '"')
			d++;
		buf_add(&ld->key, d, 6);
		return len == 6 ? SHOW_KEY : SHOW_RAW;
	}
	buf_clear(&ld->tmp);
	add_clean(&ld->tmp, cell, len);
	buf_addc(&ld->tmp, '\0');
	if ((hit = strmap_get(ld->names, ld->tmp.data)) == NULL) {
		code = muni_lookup_name(ld->db, ld->tmp.data, ld->tmp.len - 1, 0, NULL);
		if (code == -2) {
			char shown[256];

			err_escape(shown, sizeof shown, ld->tmp.data, ld->tmp.len - 1);
			side_warn(ld->s, line, "municipality name %s is ambiguous", shown);
		}
		hit = (void *)(intptr_t)(code >= 0 ? code + 1 : -1);
		strmap_put(ld->names, ld->tmp.data, hit);
	}
	code = (int)(intptr_t)hit - 1;
	if (code >= 0) {
		add_code(&ld->key, code);
		if (side_region_name(ld->s, code) == NULL)
			note_name(ld->s, code, ld->tmp.data, ld->tmp.len - 1);
		return SHOW_RAW;
	}
	buf_add(&ld->key, ld->tmp.data, ld->tmp.len - 1);
	return ld->tmp.len - 1 == len && memcmp(ld->tmp.data, cell, len) == 0 ?
	    SHOW_KEY : SHOW_RAW;
}

/*
 * The key component made of cell, of column c, onto ld->key; returns how
 * the cell can be shown again (SHOW_*).
 */
static int
key_component(struct loader *ld, int c, const char *cell, size_t len,
    unsigned long line)
{
	if (c == ld->s->lay.region)
		return add_region(ld, cell, len, line);
	if (is_clean(cell, len)) {
		buf_add(&ld->key, cell, len);
		return SHOW_KEY;
	}
	text_clean(&ld->key, cell, len);
	return SHOW_RAW;
}

/* The key text for messages: components joined by ", ". */
static const char *
shown_key(char *out, size_t outsize, const char *p, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < len && i < 200; i++) {
		if (p[i] == KEY_SEP)
			buf_adds(&b, ", ");
		else
			buf_addc(&b, p[i]);
	}
	err_escape(out, outsize, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static void
merge_duplicate(struct loader *ld, struct rec *old, const struct rec *r)
{
	int n = ld->s->lay.nval, i;
	const char **a = xcalloc((size_t)n + 1, sizeof *a);
	const char **b = xcalloc((size_t)n + 1, sizeof *b);
	struct buf out = BUF_INIT;
	char *p;

	rec_values(old, n, a);
	rec_values(r, n, b);
	buf_add(&out, old->p, old->keylen);
	buf_addc(&out, '\0');
	for (i = 0; i < n; i++) {
		const char *pair[2] = { a[i], b[i] };

		sum_values(&out, pair, 2);
		buf_addc(&out, '\0');
	}
	if (REC_SHOW(old) == SHOW_RAW) {
		const char *raw = rec_after(old, n), *e = raw;

		for (i = 0; i < ld->s->lay.nkey; i++)
			e += strlen(e) + 1;
		buf_add(&out, raw, (size_t)(e - raw));
	}
	p = arena_alloc(&ld->s->arena, out.len);
	memcpy(p, out.data, out.len);
	old->p = p;
	buf_free(&out);
	free(a);
	free(b);
}

static void
insert_oldest(struct loader *ld)
{
	struct pending *q = &ld->queue[ld->qhead];
	struct side *s = ld->s;
	struct rec *old;

	ld->qhead = (ld->qhead + 1) % PENDING;
	ld->qlen--;
	if ((old = insert_hashed(s, &q->r, q->h)) == NULL)
		return;
	if (ld->o->sum_duplicates) {
		merge_duplicate(ld, old, &q->r);
		return;
	}
	s->dups++;
	if (ld->dup_shown++ < DUP_MESSAGES) {
		char shown[512];

		side_warn(s, REC_LINE(&q->r), "duplicate key %s (also on line %lu)",
		    shown_key(shown, sizeof shown, q->r.p, q->r.keylen),
		    REC_LINE(old));
	}
}

static int
load_row(struct loader *ld, const char *const *cells, const size_t *lens,
    unsigned long line)
{
	struct side *s = ld->s;
	const struct layout *l = &s->lay;
	struct rec r;
	size_t need;
	char *p;
	int k, show = SHOW_KEY, sk;

	buf_clear(&ld->key);
	for (k = 0; k < l->nkey; k++) {
		int c = l->keycol[k];
		size_t start;

		if (k > 0)
			buf_addc(&ld->key, KEY_SEP);
		if (ld->stable && ld->memo[k].cell == cells[c]) {
			buf_add(&ld->key, ld->memo[k].comp.data, ld->memo[k].comp.len);
			if (ld->memo[k].show > show)
				show = ld->memo[k].show;
			continue;
		}
		start = ld->key.len;
		sk = key_component(ld, c, cells[c], lens[c], line);
		if (sk > show)
			show = sk;
		if (ld->stable) {
			/* What add_region() gives for a text does not change. */
			ld->memo[k].cell = cells[c];
			ld->memo[k].show = sk;
			buf_clear(&ld->memo[k].comp);
			buf_add(&ld->memo[k].comp, ld->key.data + start,
			    ld->key.len - start);
		}
	}
	if (ld->key.len >= KEY_LIMIT) {
		side_warn(s, line, "key longer than %d bytes", KEY_LIMIT);
		return -1;
	}
	need = ld->key.len + 1;
	for (k = 0; k < l->nval; k++)
		need += lens[l->valcol[k]] + 1;
	if (show == SHOW_RAW)
		for (k = 0; k < l->nkey; k++)
			need += lens[l->keycol[k]] + 1;
	p = arena_alloc(&s->arena, need);
	memcpy(p, ld->key.data, ld->key.len);
	r.p = p;
	r.keylen = (uint32_t)ld->key.len;
	r.line = (uint32_t)(line < REC_LINE_MAX ? line : REC_LINE_MAX);
	REC_SET_SHOW(&r, show);
	p += ld->key.len;
	*p++ = '\0';
	for (k = 0; k < l->nval; k++) {
		int c = l->valcol[k];

		memcpy(p, cells[c], lens[c]);
		p += lens[c];
		*p++ = '\0';
	}
	if (show == SHOW_RAW) {
		for (k = 0; k < l->nkey; k++) {
			int c = l->keycol[k];

			memcpy(p, cells[c], lens[c]);
			p += lens[c];
			*p++ = '\0';
		}
	}
	if (ld->qlen == PENDING)
		insert_oldest(ld);
	k = (ld->qhead + ld->qlen++) % PENDING;
	ld->queue[k].r = r;
	ld->queue[k].h = key_hash(r.p, r.keylen);
	side_prefetch(s, ld->queue[k].h);
	return 0;
}

int
side_load(const struct options *o, struct table *t, struct side *s,
    const struct muni_db *db)
{
	struct loader ld;
	const char *const *cells;
	const size_t *lens;
	unsigned long line;
	int r;

	memset(&ld, 0, sizeof ld);
	ld.o = o;
	ld.db = db;
	ld.s = s;
	ld.names = strmap_new();
	ld.stable = table_cells_stable(t);
	ld.memo = xcalloc((size_t)s->lay.nkey + 1, sizeof *ld.memo);
	if (table_rows_hint(t) > 0)
		side_reserve(s, table_rows_hint(t) + table_rows_hint(t) / 32);
	while ((r = table_next(t, &cells, &lens, &line)) != 0) {
		if (r == -2) {
			s->bad++;
			break;
		}
		if (r < 0 || load_row(&ld, cells, lens, line) != 0)
			s->bad++;
	}
	while (ld.qlen > 0)
		insert_oldest(&ld);
	if (s->dups > DUP_MESSAGES)
		side_warn(s, 0, "%lu duplicate keys in all", s->dups);
	strmap_free(ld.names);
	for (r = 0; r < s->lay.nkey; r++)
		buf_free(&ld.memo[r].comp);
	free(ld.memo);
	buf_free(&ld.key);
	buf_free(&ld.tmp);
	if (o->explain)
		side_warn(s, 0, "%lu rows, %lu footnote line%s",
		    table_info(t)->rows, table_info(t)->footnotes,
		    table_info(t)->footnotes == 1 ? "" : "s");
	return s->bad || s->dups ? -1 : 0;
}

void
side_free(struct side *s)
{
	size_t i;

	if (s->notes != NULL)
		for (i = 0; i < s->nrecs; i++)
			free(s->notes[i]);
	free(s->notes);
	if (s->names != NULL)
		for (i = 0; i < MUNI_CODES; i++)
			free(s->names[i]);
	free(s->names);
	free(s->recs);
	free(s->slots);
	free(s->matched);
	cube_free(s->cube);
	arena_free(&s->arena);
	layout_free(&s->lay);
}

/* ---- PX and JSON-stat tables held as their categories ---- */

static void
cube_free(struct cubeside *cs)
{
	int k;
	size_t j;

	if (cs == NULL)
		return;
	for (k = 0; k < cs->nkey; k++) {
		for (j = 0; j < cs->ncat[k]; j++)
			free(cs->comp[k][j]);
		free(cs->comp[k]);
		free(cs->complen[k]);
		free(cs->show[k]);
		strmap_free(cs->bycomp[k]);
	}
	free(cs->comp);
	free(cs->complen);
	free(cs->show);
	free(cs->bycomp);
	free(cs->ncat);
	free(cs->stride);
	free(cs);
}

/* Is the cell blank to the table reader (a row of such is skipped)? */
static int
blank_cell(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/*
 * Can the rows of t be compared cell by cell, by categories?  So they
 * can when the key is every variable and the value the table's cell,
 * the reader skips no row (a blank category may make one a footnote)
 * and the header is the file's first line.
 */
static int
cube_fits(const struct options *o, struct table *t, const struct layout *l)
{
	const struct px_cube *c = table_cube(t);
	const struct table_info *ti = table_info(t);
	int nvar, k, v, *seen;
	size_t j, len;
	const char *cell;

	if (c == NULL || o->regions != 0 || o->sum_duplicates || o->explain ||
	    ti->header_line != 1 || ti->header_rows != 1)
		return 0;
	nvar = px_cube_nvar(c);
	if (nvar < 2 || l->nkey != nvar || l->nval != 1 || l->valcol[0] != nvar ||
	    l->ncols != nvar + 1)
		return 0;
	seen = xcalloc((size_t)nvar, sizeof *seen);
	for (k = 0; k < nvar; k++) {
		if ((v = l->keycol[k]) < 0 || v >= nvar || seen[v]++) {
			free(seen);
			return 0;
		}
	}
	free(seen);
	for (v = 0; v < nvar; v++) {
		for (j = 0; j < px_cube_ncat(c, v); j++) {
			cell = px_cube_category(c, v, j, &len);
			if (blank_cell(cell, len))
				return 0;
		}
	}
	return 1;
}

int
side_load_cube(const struct options *o, struct table *t, struct side *s,
    const struct muni_db *db, struct buf *msgs)
{
	const struct px_cube *c = table_cube(t);
	struct cubeside *cs;
	struct loader ld;
	struct buf *keep = s->msgs;
	size_t j, len, keylen = 0;
	const char *cell;
	int k, v, nvar, ok = 0;

	if (!cube_fits(o, t, &s->lay))
		return -1;
	nvar = px_cube_nvar(c);
	cs = xcalloc(1, sizeof *cs);
	cs->cube = c;
	cs->nkey = nvar;
	cs->stride = xcalloc((size_t)nvar, sizeof *cs->stride);
	for (v = nvar - 1; v >= 0; v--)
		cs->stride[v] = v == nvar - 1 ? 1 : cs->stride[v + 1] * px_cube_ncat(c, v + 1);
	cs->ncells = cs->stride[0] * px_cube_ncat(c, 0);
	cs->ncat = xcalloc((size_t)nvar, sizeof *cs->ncat);
	cs->comp = xcalloc((size_t)nvar, sizeof *cs->comp);
	cs->complen = xcalloc((size_t)nvar, sizeof *cs->complen);
	cs->show = xcalloc((size_t)nvar, sizeof *cs->show);
	cs->bycomp = xcalloc((size_t)nvar, sizeof *cs->bycomp);
	memset(&ld, 0, sizeof ld);
	ld.o = o;
	ld.db = db;
	ld.s = s;
	ld.names = strmap_new();
	s->msgs = msgs;
	/*
	 * Each category made a key component once, as load_row() makes it,
	 * in the order of the rows it first stands in (line 2 is the first
	 * row under the header).
	 */
	for (k = 0; k < nvar; k++) {
		size_t longest = 0;

		v = s->lay.keycol[k];
		cs->ncat[k] = px_cube_ncat(c, v);
		cs->comp[k] = xcalloc(cs->ncat[k] + 1, sizeof *cs->comp[k]);
		cs->complen[k] = xcalloc(cs->ncat[k] + 1, sizeof *cs->complen[k]);
		cs->show[k] = xcalloc(cs->ncat[k] + 1, 1);
		cs->bycomp[k] = strmap_new();
		for (j = 0; j < cs->ncat[k]; j++) {
			cell = px_cube_category(c, v, j, &len);
			buf_clear(&ld.key);
			cs->show[k][j] = (unsigned char)key_component(&ld, v, cell, len,
			    2 + (unsigned long)(j * cs->stride[v]));
			buf_addc(&ld.key, '\0');
			cs->complen[k][j] = ld.key.len - 1;
			cs->comp[k][j] = xstrndup(ld.key.data, ld.key.len - 1);
			if (cs->complen[k][j] > longest)
				longest = cs->complen[k][j];
			if (strmap_get(cs->bycomp[k], cs->comp[k][j]) != NULL)
				goto out;	/* two rows of one key: as rows */
			strmap_put(cs->bycomp[k], cs->comp[k][j],
			    (void *)(uintptr_t)(j + 1));
		}
		keylen += longest + 1;
	}
	ok = keylen < KEY_LIMIT;
out:
	s->msgs = keep;
	strmap_free(ld.names);
	buf_free(&ld.key);
	buf_free(&ld.tmp);
	if (!ok) {
		cube_free(cs);
		return -1;
	}
	s->cube = cs;
	return 0;
}

void
side_unload_cube(struct side *s)
{
	int i;

	cube_free(s->cube);
	s->cube = NULL;
	if (s->names != NULL)
		for (i = 0; i < MUNI_CODES; i++)
			free(s->names[i]);
	free(s->names);
	s->names = NULL;
}

void
cube_rec(const struct side *s, const size_t *cat, const char *value,
    struct buf *scratch, struct rec *r)
{
	const struct cubeside *cs = s->cube;
	size_t len;
	int k, show = SHOW_KEY;

	buf_clear(scratch);
	for (k = 0; k < cs->nkey; k++) {
		if (k > 0)
			buf_addc(scratch, KEY_SEP);
		buf_add(scratch, cs->comp[k][cat[k]], cs->complen[k][cat[k]]);
		if (cs->show[k][cat[k]] > show)
			show = cs->show[k][cat[k]];
	}
	r->keylen = (uint32_t)scratch->len;
	buf_addc(scratch, '\0');
	buf_adds(scratch, value);
	buf_addc(scratch, '\0');
	if (show == SHOW_RAW) {
		for (k = 0; k < cs->nkey; k++) {
			buf_adds(scratch, px_cube_category(cs->cube, s->lay.keycol[k],
			    cat[k], &len));
			buf_addc(scratch, '\0');
		}
	}
	r->p = scratch->data;
	r->line = 0;
	REC_SET_SHOW(r, show);
}
