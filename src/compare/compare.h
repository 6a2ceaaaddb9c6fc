/* samling-compare: what its modules share. */
#ifndef SAMLING_COMPARE_H
#define SAMLING_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "csvio.h"
#include "muni.h"
#include "number.h"
#include "table.h"

struct px_cube;
struct strmap;

/* Between key components; text_clean leaves no control characters. */
#define KEY_SEP '\037'
/* A value that cannot be given: a merged rate, a split municipality. */
#define NOT_COMPARABLE "\001"

struct options {
	int all;
	int delim;
	int explain;
	int format;
	int informat;		/* -I: enum informat */
	const char *keys;	/* -k */
	const char *ignore;	/* --ignore */
	const char *fields;	/* --fields */
	int plain;		/* --plain: no municipal knowledge */
	int quiet;		/* -q */
	int exit_zero;		/* --exit-zero */
	int exact;		/* --exact: .xlsx numbers as stored */
	const char *outpath;
	double min_diff, min_pct;
	int has_min_diff, has_min_pct;
	int regions;		/* target year, 0 = none */
	int summary;
	int sum_duplicates;
	const char *weight;
	const char *sheet;
};

enum region_style { STYLE_NONE, STYLE_CODE, STYLE_CODE_NAME, STYLE_NAME };

/* What each column of one input is. */
enum role { ROLE_IGNORE, ROLE_REGION, ROLE_KEY, ROLE_VALUE,
	ROLE_CAND		/* text: a key if the rows need it, else a value */
};

struct layout {
	int ncols;
	enum role *role;
	int region;		/* column, -1 if none */
	enum region_style style;
	enum muni_level level;	/* of its codes and names */
	int bydel;		/* city districts among its cells */
	int nkey;		/* key components, region first */
	int *keycol;		/* [nkey] column of each component */
	int nval;
	int *valcol;		/* [nval] column of each stored value */
	/* Columns by folded name, made when first looked up (columns.c). */
	struct strmap *byname;	/* folded name -> first such column + 1 */
	int *samename;		/* [ncols] next column of that name, or -1 */
	const char **why;	/* [ncols] why it has its role (--explain) */
};

/* Sixteen bytes: five million of them per input is the common case. */
struct rec {
	const char *p;		/* key (keylen bytes), NUL, then the values */
	uint32_t keylen;
	uint32_t line;
};

/*
 * rec.line: the line (low 30 bits) and how the key is shown (high two):
 * the output echoes the key cells as read, never another row's.
 */
#define REC_LINE_MAX 0x3FFFFFFFu
#define REC_LINE(r) ((unsigned long)((r)->line & REC_LINE_MAX))
#define REC_SHOW(r) ((int)((r)->line >> 30))
#define REC_SET_SHOW(r, s) ((r)->line = ((r)->line & REC_LINE_MAX) | \
	((uint32_t)(s) << 30))
enum {
	SHOW_KEY,	/* the key components are the cells */
	SHOW_CODE_NAME,	/* the region cell was its code, a space, the name
			 * the input first gave that code (side_region_name) */
	SHOW_RAW,	/* the cells follow the values, NUL-terminated, in
			 * component order */
	SHOW_MAPPED	/* moved by --regions: code and name of the target year */
};

struct arena {
	char **blocks;
	size_t nblocks;
	char *cur;
	size_t left;
};

/*
 * A PX or JSON-stat input held as its categories, not as rows: the key
 * component each category of each key component k makes (in the key's
 * order), and the cells' values in the table (store.c).
 */
struct cubeside {
	const struct px_cube *cube;	/* owned by the table */
	int nkey;
	size_t ncells;
	size_t *stride;		/* [variable] cells between its categories */
	size_t *ncat;		/* [k] categories */
	char ***comp;		/* [k][category] the component */
	size_t **complen;
	unsigned char **show;	/* [k][category] SHOW_* */
	struct strmap **bycomp;	/* [k] component -> category + 1 */
};

struct side {
	const char *name;	/* for messages */
	struct layout lay;
	struct rec *recs;
	size_t nrecs, cap;
	uint64_t *slots;	/* hash << 32 | rec index + 1, 0 = empty */
	size_t nslots;
	struct arena arena;
	char **notes;		/* [nrecs] with --regions, else NULL */
	char **names;		/* [MUNI_CODES] region names as the input has them */
	int year;		/* list year of its codes (--regions) */
	unsigned char *matched;	/* [nrecs] OLD's recs met in NEW (compare) */
	struct buf *msgs;	/* messages kept for later, or NULL */
	struct cubeside *cube;	/* held as a table's categories, or NULL */
	unsigned long bad;	/* rows reported */
	unsigned long dups;
};

/* The columns compared: field[i] is the value i of both sides' recs. */
struct plan {
	int nkey;
	char **keyname;		/* [nkey] output names, internal order */
	int *keyorder;		/* [nkey] output position -> component */
	int nfields;
	char **field;
	int region;		/* is component 0 a region? */
	enum region_style style;
	enum muni_level level;	/* municipalities or counties */
};

/* columns.c */
int plan_columns(const struct options *o, const struct muni_db *const *dbs,
    struct table *old, struct table *new,
    struct side *so, struct side *sn, struct plan *plan);
void plan_free(struct plan *p);
void layout_free(struct layout *l);

/* store.c */
void arena_free(struct arena *a);
char *arena_alloc(struct arena *a, size_t n);
int side_load(const struct options *o, struct table *t, struct side *s,
    const struct muni_db *db);
void side_free(struct side *s);
/*
 * Hold a PX or JSON-stat input as its categories (struct cubeside), the
 * messages about it kept in msgs; -1 when its rows cannot be compared
 * so (as rows they are: side_load).  The table stays open until the
 * comparison is made.
 */
int side_load_cube(const struct options *o, struct table *t, struct side *s,
    const struct muni_db *db, struct buf *msgs);
void side_unload_cube(struct side *s);
/* The rec of one cell, by its categories (in key order), made in scratch. */
void cube_rec(const struct side *s, const size_t *cat, const char *value,
    struct buf *scratch, struct rec *r);
struct rec *side_find(const struct side *s, const char *key, size_t keylen);
/* Insert rec r (hash computed here); returns the rec it collides with. */
struct rec *side_insert(struct side *s, const struct rec *r);
/* Make room for n recs. */
void side_reserve(struct side *s, size_t n);
uint32_t key_hash(const char *p, size_t n);
/* Point vals[0..n) at the values of r. */
void rec_values(const struct rec *r, int n, const char **vals);
/* What follows r's n values (its key cells with SHOW_RAW). */
const char *rec_after(const struct rec *r, int n);
/* The sum of values (counts), as text into out; see the manual. */
void sum_values(struct buf *out, const char *const *vals, int n);
/* A message about an input: printed, or kept in s->msgs. */
void side_warn(struct side *s, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The name an input gives a municipality, NULL if none. */
const char *side_region_name(const struct side *s, int code);

/* regions.c */
int regions_map(const struct options *o, struct side *s,
    const struct muni_db *db, const struct plan *plan);

/* diff.c */
int compare_sides(const struct options *o, struct side *so, struct side *sn,
    const struct plan *plan, const struct muni_db *db, FILE *fp);
/* The same for two inputs held as their categories (side_load_cube). */
int compare_cubes(const struct options *o, struct side *so, struct side *sn,
    const struct plan *plan, const struct muni_db *db, FILE *fp);
/* Prefetch the slot a lookup of hash h in s will read first. */
void side_prefetch(const struct side *s, uint32_t h);
/* The first rec whose hash is h (keys not compared), NULL if none. */
const struct rec *side_probe(const struct side *s, uint32_t h);
struct rec *side_find_hashed(const struct side *s, const char *key,
    size_t keylen, uint32_t h);

#endif
