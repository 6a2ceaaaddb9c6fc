/*
 * The sections of the summary, from the items and changes read:
 * milestones due (the date range meets the window), overdue (it ended
 * before today), later and undated; goals by document; pitfalls grouped;
 * the largest changes of each measure; regions added and removed.
 */
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "xalloc.h"

static int
cmp_seq(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_dated(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return cmp_seq(x->seq, y->seq);
}

static int
cmp_by_doc(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;
	int c = x->source == y->source ? 0 : strcmp(x->source, y->source);

	return c != 0 ? c : cmp_seq(x->seq, y->seq);
}

static int
cmp_change(const void *a, const void *b)
{
	const struct change *x = *(const struct change *const *)a;
	const struct change *y = *(const struct change *const *)b;
	int c = x->measure == y->measure ? 0 : strcmp(x->measure, y->measure);

	if (c != 0)
		return c;
	if (x->absdiff != y->absdiff)
		return x->absdiff > y->absdiff ? -1 : 1;
	return cmp_seq(x->seq, y->seq);
}

static int
cmp_region(const void *a, const void *b)
{
	const struct change *x = *(const struct change *const *)a;
	const struct change *y = *(const struct change *const *)b;
	int c;

	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;	/* added first */
	if ((c = strcmp(x->region, y->region)) != 0)
		return c;
	return cmp_seq(x->seq, y->seq);
}

static const struct item **
list(size_t n)
{
	return xreallocarray(NULL, n ? n : 1, sizeof(const struct item *));
}

static void
plan_changes(const struct digest *d, struct plan *p)
{
	const struct change **c;
	size_t i, n = 0, run = 0;

	c = xreallocarray(NULL, d->nchanges ? d->nchanges : 1, sizeof *c);
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].status == 'c' && d->changes[i].absdiff > 0)
			c[n++] = &d->changes[i];
	qsort(c, n, sizeof *c, cmp_change);
	p->top = xreallocarray(NULL, n ? n : 1, sizeof *p->top);
	for (i = 0; i < n; i++) {
		if (i == 0 || c[i]->measure != c[i - 1]->measure)
			run = 0;
		if (run++ < TOP_PER_MEASURE)
			p->top[p->ntop++] = c[i];
	}
	n = 0;
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].status != 'c' && d->changes[i].region[0] != '\0')
			c[n++] = &d->changes[i];
	qsort(c, n, sizeof *c, cmp_region);
	p->regions = xreallocarray(NULL, n ? n : 1, sizeof *p->regions);
	for (i = 0; i < n; i++)
		if (i == 0 || c[i]->status != c[i - 1]->status ||
		    strcmp(c[i]->region, c[i - 1]->region) != 0)
			p->regions[p->nregions++] = c[i];
	free(c);
}

void
plan_make(const struct digest *d, struct plan *p)
{
	long end = d->today + d->window;
	size_t i;

	memset(p, 0, sizeof *p);
	p->due = list(d->nitems);
	p->overdue = list(d->nitems);
	p->later = list(d->nitems);
	p->undated = list(d->nitems);
	p->goals = list(d->nitems);
	for (i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];

		p->nnew += it->isnew;
		if (it->cat == CAT_GOAL)
			p->goals[p->ngoals++] = it;
		if (it->cat != CAT_MILESTONE)
			continue;
		if (it->date[0] == '\0')
			p->undated[p->nundated++] = it;
		else if (it->last < d->today)
			p->overdue[p->noverdue++] = it;
		else if (it->first > end)
			p->later[p->nlater++] = it;
		else
			p->due[p->ndue++] = it;
	}
	qsort(p->due, p->ndue, sizeof *p->due, cmp_dated);
	qsort(p->overdue, p->noverdue, sizeof *p->overdue, cmp_dated);
	qsort(p->later, p->nlater, sizeof *p->later, cmp_dated);
	qsort(p->goals, p->ngoals, sizeof *p->goals, cmp_by_doc);
	p->pits = pitfalls_group(d, &p->npits);
	for (i = 0; i < p->npits && p->pits[i].ndocs > 1; i++)
		p->nrecurring++;
	plan_changes(d, p);
}

void
plan_free(struct plan *p)
{
	free(p->due);
	free(p->overdue);
	free(p->later);
	free(p->undated);
	free(p->goals);
	pitfalls_free(p->pits, p->npits);
	free(p->top);
	free(p->regions);
}
