/*
 * Writing the summary: one walk through the sections for every format.
 * Markdown and plain text are made here; HTML takes the same walk with
 * its page and timeline from html.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "digest.h"
#include "emit.h"
#include "strmap.h"

void
day_string(long day, char *out)
{
	char tmp[48];
	int y, m, dd;

	date_from_daynum(day, &y, &m, &dd);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, dd);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* s with what the format needs escaped; control characters as spaces. */
/*
 * Bytes that need more than copying, per format: control characters (as
 * spaces), HTML's & < > ", Markdown's markup.  An underscore inside a
 * word (file_name) is no markup, so names stay readable in a mail.
 */
static int
special(enum docformat fmt, unsigned char c)
{
	if (c < 0x20 || c == 0x7f)
		return 1;
	switch (fmt) {
	case DOC_HTML:
		return c == '&' || c == '<' || c == '>' || c == '"';
	case DOC_MD:
		return c == '\\' || c == '`' || c == '*' || c == '_' ||
		    c == '[' || c == ']' || c == '<' || c == '>' || c == '#' ||
		    c == '|' || c == '~';
	default:
		return 0;
	}
}

void
emit_text(struct emit *e, const char *s)
{
	const char *first = s, *run = s;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (!special(e->fmt, c))
			continue;
		fwrite(run, 1, (size_t)(s - run), e->fp);
		run = s + 1;
		if (c < 0x20 || c == 0x7f)
			putc(' ', e->fp);
		else if (e->fmt == DOC_HTML)
			fputs(c == '&' ? "&amp;" : c == '<' ? "&lt;" :
			    c == '>' ? "&gt;" : "&quot;", e->fp);
		else if (c == '_' && s != first && isalnum((unsigned char)s[-1]) &&
		    isalnum((unsigned char)s[1]))
			putc(c, e->fp);
		else {
			putc('\\', e->fp);
			putc(c, e->fp);
		}
	}
	fwrite(run, 1, (size_t)(s - run), e->fp);
}

/* Code points of s: the width a plain-text underline must have. */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * A heading, paragraph or list begins: the list before it ends, and in
 * text a blank line parts it from what came before (none after the last).
 */
static void
block_start(struct emit *e)
{
	emit_list_end(e);
	if (e->fmt != DOC_HTML && e->blocks++ > 0)
		putc('\n', e->fp);
}

static void
heading(struct emit *e, int level, const char *text, long count)
{
	char num[32] = "";
	size_t i, w;

	if (count >= 0)
		snprintf(num, sizeof num, " (%ld)", count);
	block_start(e);
	switch (e->fmt) {
	case DOC_HTML:
		html_heading(e, level, text, num);
		return;
	case DOC_MD:
		fprintf(e->fp, "%.*s ", level + 1, "####");
		emit_text(e, text);
		fprintf(e->fp, "%s\n", num);
		return;
	case DOC_TXT:
		emit_text(e, text);
		fprintf(e->fp, "%s\n", num);
		w = width(text) + strlen(num);
		for (i = 0; i < w; i++)
			putc(level == 1 ? '-' : '.', e->fp);
		putc('\n', e->fp);
		return;
	}
}

void
emit_para(struct emit *e, const char *text)
{
	block_start(e);
	if (e->fmt == DOC_HTML) {
		fputs("<p>", e->fp);
		emit_text(e, text);
		fputs("</p>\n", e->fp);
	} else {
		emit_text(e, text);
		putc('\n', e->fp);
	}
}

void
emit_list_end(struct emit *e)
{
	if (e->open_list && e->fmt == DOC_HTML)
		fputs("</ul>\n", e->fp);
	e->open_list = 0;
}

/*
 * One entry of a list: a date (or NULL), the text, where it comes from
 * (or ""), and whether it is new since the previous run.
 */
static void
entry(struct emit *e, const char *date, const char *text, const char *meta,
    int isnew, const char *cls)
{
	if (!e->open_list) {
		block_start(e);
		if (e->fmt == DOC_HTML)
			fputs("<ul>\n", e->fp);
	}
	e->open_list = 1;
	switch (e->fmt) {
	case DOC_HTML:
		fprintf(e->fp, "<li%s%s%s>", cls ? " class=\"" : "", cls ? cls : "",
		    cls ? "\"" : "");
		if (date != NULL) {
			fputs("<time>", e->fp);
			emit_text(e, date);
			fputs("</time> ", e->fp);
		}
		emit_text(e, text);
		if (meta[0] != '\0') {
			fputs(" <span class=\"meta\">", e->fp);
			emit_text(e, meta);
			fputs("</span>", e->fp);
		}
		if (isnew)
			fputs(" <mark>new</mark>", e->fp);
		fputs("</li>\n", e->fp);
		break;
	case DOC_MD:
		fputs("- ", e->fp);
		if (date != NULL) {
			fputs("**", e->fp);
			emit_text(e, date);
			fputs("** ", e->fp);
		}
		emit_text(e, text);
		if (meta[0] != '\0') {
			fputs(" — *", e->fp);
			emit_text(e, meta);
			putc('*', e->fp);
		}
		if (isnew)
			fputs(" **new**", e->fp);
		putc('\n', e->fp);
		break;
	case DOC_TXT:
		fputs("  ", e->fp);
		if (date != NULL) {
			emit_text(e, date);
			fputs("  ", e->fp);
		}
		emit_text(e, text);
		if (isnew)
			fputs("  [new]", e->fp);
		putc('\n', e->fp);
		if (meta[0] != '\0') {
			fputs("      (", e->fp);
			emit_text(e, meta);
			fputs(")\n", e->fp);
		}
		break;
	}
}

/* "document, unit 3, section" (doc NULL: left out). */
static void
where(const struct digest *d, const struct item *it, int doc, struct buf *b)
{
	buf_clear(b);
	if (doc)
		buf_adds(b, doc_name(d, it->source));
	if (it->unit > 0)
		buf_printf(b, "%sunit %ld", b->len ? ", " : "", it->unit);
	if (it->section[0] != '\0' && strcmp(it->section, it->text) != 0)
		buf_printf(b, "%s%s", b->len ? ", " : "", it->section);
	if (b->data == NULL)
		buf_adds(b, "");
}

static void
milestones(struct emit *e, const struct digest *d, const struct item **v,
    size_t n, const char *cls, struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		where(d, v[i], 1, b);
		entry(e, v[i]->date[0] ? v[i]->date : NULL, v[i]->text, b->data,
		    v[i]->isnew, cls);
	}
	if (n == 0)
		emit_para(e, "None.");
}

static void
intro(struct emit *e, const struct digest *d, const struct plan *p,
    struct buf *b)
{
	char today[11], end[11];

	day_string(d->today, today);
	day_string(d->today + d->window, end);
	buf_clear(b);
	buf_printf(b, "For %s; the window is %ld day%s, to %s. %zu item%s from "
	    "%zu document%s", today, d->window, d->window == 1 ? "" : "s", end,
	    d->nitems, d->nitems == 1 ? "" : "s", d->nsources,
	    d->nsources == 1 ? "" : "s");
	if (d->nchangefiles > 0)
		buf_printf(b, "; %zu change%s in the figures", d->nchanges,
		    d->nchanges == 1 ? "" : "s");
	buf_adds(b, ".");
	if (d->previous != NULL)
		buf_printf(b, " Since the previous run: %zu new, %zu gone.",
		    p->nnew, d->ngone);
	emit_para(e, b->data);
}

static void
pitfalls(struct emit *e, const struct digest *d, const struct plan *p,
    struct buf *b)
{
	size_t i, j;

	heading(e, 1, "Pitfalls", (long)p->npits);
	if (p->npits == 0) {
		emit_para(e, "None.");
		return;
	}
	if (p->nrecurring > 0)
		heading(e, 2, "Named in several documents", (long)p->nrecurring);
	for (i = 0; i < p->npits; i++) {
		const struct pitgroup *g = &p->pits[i];
		int isnew = 0;

		if (i == p->nrecurring)
			heading(e, 2, "Named in one document",
			    (long)(p->npits - p->nrecurring));
		if (g->ndocs == 1) {
			where(d, g->first, 1, b);
			entry(e, NULL, g->first->text, b->data, g->first->isnew,
			    NULL);
			continue;
		}
		buf_clear(b);
		buf_printf(b, "%zu documents: ", g->ndocs);
		for (j = 0; j < g->nmembers; j++) {
			isnew |= g->members[j]->isnew;
			if (j > 0 && g->members[j]->source ==
			    g->members[j - 1]->source)
				continue;
			if (j > 0)
				buf_adds(b, "; ");
			buf_adds(b, doc_name(d, g->members[j]->source));
		}
		entry(e, NULL, g->first->text, b->data, isnew, NULL);
	}
}

static void
goals(struct emit *e, const struct digest *d, const struct plan *p,
    struct buf *b)
{
	size_t i;

	heading(e, 1, "Goals", (long)p->ngoals);
	if (p->ngoals == 0)
		emit_para(e, "None.");
	for (i = 0; i < p->ngoals; i++) {
		const struct item *g = p->goals[i];

		if (i == 0 || g->source != p->goals[i - 1]->source)
			heading(e, 2, doc_name(d, g->source), -1);
		where(d, g, 0, b);
		entry(e, g->date[0] ? g->date : NULL, g->text, b->data,
		    g->isnew, NULL);
	}
}

static void
changes(struct emit *e, const struct plan *p, struct buf *b)
{
	size_t i;

	heading(e, 1, "Largest changes", -1);
	if (p->ntop == 0)
		emit_para(e, "None.");
	for (i = 0; i < p->ntop; i++) {
		const struct change *c = p->top[i];

		if (i == 0 || c->measure != p->top[i - 1]->measure)
			heading(e, 2, c->measure, -1);
		buf_clear(b);
		buf_printf(b, "%s%s%s → %s (%s", c->region,
		    c->region[0] ? ": " : "", c->old, c->new, c->diff);
		if (c->pct[0] != '\0')
			buf_printf(b, ", %s %%", c->pct);
		buf_addc(b, ')');
		entry(e, NULL, b->data, "", 0, NULL);
	}
	heading(e, 1, "Municipalities added and removed", (long)p->nregions);
	if (p->nregions == 0)
		emit_para(e, "None.");
	for (i = 0; i < p->nregions; i++) {
		buf_clear(b);
		buf_printf(b, "%s: %s", p->regions[i]->status == 'a' ?
		    "added" : "removed", p->regions[i]->region);
		entry(e, NULL, b->data, "", 0, NULL);
	}
}

static void
gone(struct emit *e, const struct digest *d, struct buf *b)
{
	size_t i;

	heading(e, 1, "Gone since the previous run", (long)d->ngone);
	if (d->ngone == 0)
		emit_para(e, "None.");
	for (i = 0; i < d->ngone; i++) {
		buf_clear(b);
		buf_printf(b, "%s, %s", category_name(d->gone[i]->cat),
		    doc_name(d, d->gone[i]->source));
		entry(e, NULL, d->gone[i]->text, b->data, 0, NULL);
	}
}

void
render(FILE *fp, const struct digest *d, const struct plan *p,
    enum docformat fmt)
{
	struct emit e = { fp, fmt, 0, 0 };
	struct buf b = BUF_INIT;
	char title[64];

	block_start(&e);
	if (fmt == DOC_HTML)
		html_begin(&e, d);
	else if (fmt == DOC_MD) {
		fputs("# ", fp);
		emit_text(&e, d->title);
		putc('\n', fp);
	} else {
		emit_text(&e, d->title);
		putc('\n', fp);
		for (size_t i = width(d->title); i > 0; i--)
			putc('=', fp);
		putc('\n', fp);
	}
	intro(&e, d, p, &b);
	if (d->window == 0)
		snprintf(title, sizeof title, "Due today");
	else
		snprintf(title, sizeof title, "Due within %ld day%s", d->window,
		    d->window == 1 ? "" : "s");
	heading(&e, 1, title, (long)p->ndue);
	if (fmt == DOC_HTML)
		html_timeline(&e, d, p);
	milestones(&e, d, p->due, p->ndue, "due", &b);
	if (p->nlater > 0) {
		buf_clear(&b);
		buf_printf(&b, "%zu more milestone%s after the window.",
		    p->nlater, p->nlater == 1 ? "" : "s");
		emit_para(&e, b.data);
	}
	heading(&e, 1, "Overdue", (long)p->noverdue);
	milestones(&e, d, p->overdue, p->noverdue, "overdue", &b);
	heading(&e, 1, "Undated milestones", (long)p->nundated);
	milestones(&e, d, p->undated, p->nundated, NULL, &b);
	goals(&e, d, p, &b);
	pitfalls(&e, d, p, &b);
	if (d->nchangefiles > 0)
		changes(&e, p, &b);
	if (d->previous != NULL)
		gone(&e, d, &b);
	emit_list_end(&e);
	if (fmt == DOC_HTML)
		html_end(&e);
	buf_free(&b);
}
