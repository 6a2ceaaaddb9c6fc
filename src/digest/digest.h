/*
 * samling-digest: items and changes in, a periodic summary out.
 *
 * The stages, one file each: load.c reads the inputs (told apart by their
 * header) into a struct digest; plan.c sorts them into the sections of
 * the summary; pitfalls.c finds the pitfalls several documents name;
 * render.c writes Markdown or plain text, html.c the HTML page with its
 * timeline.
 */
#ifndef SAMLING_DIGEST_PROG_H
#define SAMLING_DIGEST_PROG_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

struct strmap;

enum category { CAT_GOAL, CAT_MILESTONE, CAT_PITFALL };

struct item {
	const char *source;	/* the document as given in the items */
	const char *section;
	const char *text;
	const char *date;	/* as written, "" when undated */
	long unit;
	long first, last;	/* day numbers; valid when date[0] != '\0' */
	enum category cat;
	int isnew;		/* not among --previous's items */
	size_t seq;		/* input order, the last tie-break */
};

/* A row of a changes record that status calls changed, added or removed. */
struct change {
	const char *region;	/* the first key column */
	const char *measure;	/* the other key columns and the field */
	const char *old, *new, *diff, *pct;
	double absdiff;		/* |diff|, -1 when diff is no number */
	char status;		/* 'a' added, 'r' removed, 'c' changed */
	size_t seq;
};

/* A string of the previous run that is no longer there. */
struct gone {
	const char *source;
	const char *text;
	enum category cat;
	int seen;		/* among this run's items after all */
};

/* Bytes that live as long as the digest: strings of all rows. */
struct arena {
	struct arena_block *head;
};

struct digest {
	struct arena mem;
	struct item *items;
	size_t nitems, capitems;
	struct change *changes;
	size_t nchanges, capchanges;
	size_t nchangefiles;	/* changes inputs read */
	int informat;		/* -I: enum informat */
	struct strmap *sources;	/* interned source names */
	struct strmap *sections;	/* interned sections, regions, measures */
	struct strmap *titles;	/* source -> document title (from blocks) */
	struct strmap *previous;	/* identity -> struct gone, NULL if none */
	struct gone **prev;	/* the previous run's, in its order */
	size_t nprev, capprev;
	struct gone **gone;	/* previous identities not seen again */
	size_t ngone;
	size_t nsources;	/* documents among the items */
	long today, window;
	const char *title;
};

/* The arena, in load.c: 16-byte aligned pieces; copies of strings. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s, size_t len);
void arena_free(struct arena *a);

const char *category_name(enum category c);

/* load.c */
void digest_init(struct digest *d);
void digest_free(struct digest *d);
/* Read one input; 0, or -1 after messages (what could be read is kept). */
int load_input(struct digest *d, const char *path);
/* Read --previous (items or a state file); -1 after a message. */
int load_previous(struct digest *d, const char *path);
/* After all inputs: mark new items and collect the gone. */
void digest_mark(struct digest *d);
/* The identity of an item (document, category, folded text) into out. */
void item_identity(struct buf *out, const char *source, enum category cat,
    const char *text);
/* Write the state file: the identities of this run's items. */
int write_state(const struct digest *d, const char *path);
/* The name a document goes by: its title from blocks, else its source. */
const char *doc_name(const struct digest *d, const char *source);

/* pitfalls.c: groups of pitfalls that meet after stemming. */
struct pitgroup {
	const struct item *first;	/* the text shown: the shortest */
	const struct item **members;
	size_t nmembers;
	size_t ndocs;		/* distinct documents naming it */
};
/* Group d's pitfalls; recurring groups (ndocs > 1) first. */
struct pitgroup *pitfalls_group(const struct digest *d, size_t *ngroups);
void pitfalls_free(struct pitgroup *g, size_t n);

/* plan.c: the summary's sections, in order. */
struct plan {
	const struct item **due, **overdue, **undated, **later, **goals;
	size_t ndue, noverdue, nundated, nlater, ngoals;
	struct pitgroup *pits;
	size_t npits, nrecurring;
	const struct change **top;	/* the largest per measure, grouped */
	size_t ntop;
	const struct change **regions;	/* added and removed, one a region */
	size_t nregions;
	size_t nnew;
};
void plan_make(const struct digest *d, struct plan *p);
void plan_free(struct plan *p);

/* Changes shown per measure. */
#define TOP_PER_MEASURE 5

/* render.c and html.c */
enum docformat { DOC_MD, DOC_TXT, DOC_HTML };
void render(FILE *fp, const struct digest *d, const struct plan *p,
    enum docformat fmt);
/* "YYYY-MM-DD" of a day number into out (11 bytes). */
void day_string(long day, char *out);

#endif
