/*
 * The HTML page: one self-contained file (inline CSS, no scripts, no
 * external assets) that reads on a phone and prints, with the milestones
 * around today drawn as a timeline in inline SVG.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "digest.h"
#include "emit.h"

/* Timeline geometry, in SVG user units. */
#define TL_WIDTH 800
#define TL_LEFT 10
#define TL_RIGHT 790
#define TL_TOP 36
#define TL_ROW 20
#define TL_MAX_ROWS 40
#define TL_LABEL 52	/* characters of a label before it is cut */

static const char css[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
    "line-height:1.45;margin:0 auto;max-width:52rem;padding:1rem;color:#1a202c;"
    "background:#fff}\n"
    "h1{font-size:1.6rem;margin:.2rem 0 .6rem}\n"
    "h2{font-size:1.25rem;border-bottom:1px solid #cbd5e0;margin-top:1.8rem}\n"
    "h3{font-size:1.05rem;margin-bottom:.3rem}\n"
    "ul{padding-left:1.2rem}li{margin:.25rem 0}\n"
    "time{font-weight:600;font-variant-numeric:tabular-nums;margin-right:.3rem}\n"
    ".meta{color:#4a5568;font-size:.9em}\n"
    ".meta::before{content:\"— \"}\n"
    "mark{background:#fefcbf;padding:0 .25rem;border-radius:.2rem}\n"
    "li.overdue time{color:#9c4221}\n"
    ".tl-wrap{overflow-x:auto;margin:.5rem 0 1rem}\n"
    "svg.timeline{width:100%;min-width:36rem;height:auto;display:block}\n"
    "svg.timeline text{font-size:11px;fill:#1a202c}\n"
    ".tl-window{fill:#e6f0fb}.tl-axis{stroke:#a0aec0;stroke-width:1}\n"
    ".tl-today{stroke:#c53030;stroke-width:2;stroke-dasharray:4 3}\n"
    ".tl-due{fill:#2b6cb0}.tl-overdue{fill:#dd6b20}\n"
    "svg.timeline text.tl-tick{fill:#4a5568;font-size:10px}\n"
    "svg.timeline text.tl-now{fill:#c53030;font-weight:600}\n"
    "svg.timeline text.tl-on{fill:#fff}\n"
    "@media (max-width:32rem){body{padding:.5rem;font-size:.95rem}}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "h2{break-after:avoid}li{break-inside:avoid}"
    ".tl-wrap{overflow:visible}svg.timeline{min-width:0;break-inside:avoid}mark{border:1px solid #999}}\n";

void
html_begin(struct emit *e, const struct digest *d)
{
	fputs("<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", e->fp);
	emit_text(e, d->title);
	fprintf(e->fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    css);
	emit_text(e, d->title);
	fputs("</h1>\n", e->fp);
}

void
html_heading(struct emit *e, int level, const char *text, const char *count)
{
	fprintf(e->fp, "<h%d>", level + 1);
	emit_text(e, text);
	fprintf(e->fp, "%s</h%d>\n", count, level + 1);
}

void
html_end(struct emit *e)
{
	fputs("</body>\n</html>\n", e->fp);
}

/* The x of the start of day within [from, to). */
static long
xpos(long day, long from, long to)
{
	if (day < from)
		day = from;
	if (day > to)
		day = to;
	return TL_LEFT + (day - from) * (TL_RIGHT - TL_LEFT) / (to - from);
}

/* At most TL_LABEL code points of s, "…" after a cut. */
static void
label(struct emit *e, const char *s)
{
	char cut[TL_LABEL * 4 + 4];
	size_t i = 0, n = 0;

	while (s[i] != '\0' && i + 4 < sizeof cut - 4) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == TL_LABEL)
			break;
		cut[i] = s[i];
		i++;
	}
	cut[i] = '\0';
	emit_text(e, cut);
	if (s[i] != '\0')
		fputs("…", e->fp);
}

static void
ticks(struct emit *e, long from, long to, int height)
{
	int y, m, dd;
	long day;
	char name[11];

	date_from_daynum(from, &y, &m, &dd);
	if (dd != 1 && ++m > 12) {
		m = 1;
		y++;
	}
	/* A tick each month, or each quarter over a long span. */
	for (day = date_daynum(y, m, 1); day < to;) {
		long x = xpos(day, from, to);

		day_string(day, name);
		name[7] = '\0';
		fprintf(e->fp, "<line class=\"tl-axis\" x1=\"%ld\" y1=\"%d\" "
		    "x2=\"%ld\" y2=\"%d\"/>\n<text class=\"tl-tick\" x=\"%ld\" "
		    "y=\"12\">%s</text>\n", x, TL_TOP - 8, x, height - 4, x + 2,
		    name);
		m += to - from > 400 ? 3 : 1;
		while (m > 12) {
			m -= 12;
			y++;
		}
		day = date_daynum(y, m, 1);
	}
}

/* One milestone's bar and label in row r. */
static void
bar(struct emit *e, const struct item *it, long from, long to, int r,
    int overdue)
{
	long x1 = xpos(it->first, from, to), x2 = xpos(it->last + 1, from, to);
	int y = TL_TOP + r * TL_ROW;

	if (x2 - x1 < 4)
		x2 = x1 + 4;
	fprintf(e->fp, "<g class=\"tl-item\"><rect class=\"tl-%s\" x=\"%ld\" "
	    "y=\"%d\" width=\"%ld\" height=\"12\" rx=\"2\"><title>",
	    overdue ? "overdue" : "due", x1, y, x2 - x1);
	emit_text(e, it->date);
	fputs(" ", e->fp);
	emit_text(e, it->text);
	fputs("</title></rect>\n", e->fp);
	/* The label beside the bar where there is room, else on it. */
	if (x2 < TL_LEFT + (TL_RIGHT - TL_LEFT) * 3 / 5)
		fprintf(e->fp, "<text x=\"%ld\" y=\"%d\">", x2 + 4, y + 10);
	else if (x1 > TL_LEFT + (TL_RIGHT - TL_LEFT) * 2 / 5)
		fprintf(e->fp, "<text x=\"%ld\" y=\"%d\" text-anchor=\"end\">",
		    x1 - 4, y + 10);
	else
		fprintf(e->fp, "<text class=\"tl-on\" x=\"%ld\" y=\"%d\">",
		    x1 + 4, y + 10);
	label(e, it->text);
	fputs("</text></g>\n", e->fp);
}

void
html_timeline(struct emit *e, const struct digest *d, const struct plan *p)
{
	long span = d->window > 14 ? d->window : 14;
	long from = d->today - span, to = d->today + span + 1;
	size_t i, first_over = p->noverdue, rows, drawn = 0;
	int height;
	char a[11], b[11];

	/* The overdue ones that ended inside the span drawn. */
	while (first_over > 0 && p->overdue[first_over - 1]->last >= from)
		first_over--;
	rows = p->noverdue - first_over + p->ndue;
	if (rows > TL_MAX_ROWS)
		rows = TL_MAX_ROWS;
	height = TL_TOP + (int)rows * TL_ROW + 8;
	day_string(from, a);
	day_string(to - 1, b);
	fprintf(e->fp, "<div class=\"tl-wrap\">\n<svg class=\"timeline\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"tl-title\">\n"
	    "<title id=\"tl-title\">Milestones from %s to %s</title>\n",
	    TL_WIDTH, height, a, b);
	fprintf(e->fp, "<rect class=\"tl-window\" x=\"%ld\" y=\"%d\" width=\"%ld\" "
	    "height=\"%d\"/>\n", xpos(d->today, from, to), TL_TOP - 8,
	    xpos(d->today + d->window + 1, from, to) - xpos(d->today, from, to),
	    height - TL_TOP + 4);
	ticks(e, from, to, height);
	for (i = first_over; i < p->noverdue && drawn < rows; i++)
		bar(e, p->overdue[i], from, to, (int)drawn++, 1);
	for (i = 0; i < p->ndue && drawn < rows; i++)
		bar(e, p->due[i], from, to, (int)drawn++, 0);
	fprintf(e->fp, "<line class=\"tl-today\" x1=\"%ld\" y1=\"%d\" x2=\"%ld\" "
	    "y2=\"%d\"/>\n<text class=\"tl-now\" x=\"%ld\" y=\"%d\">today</text>\n"
	    "</svg>\n</div>\n", xpos(d->today, from, to), TL_TOP - 8,
	    xpos(d->today, from, to), height - 4, xpos(d->today, from, to) + 3,
	    TL_TOP - 10);
	if (p->noverdue - first_over + p->ndue > drawn) {
		fprintf(e->fp, "<p class=\"meta-note\">The timeline shows the "
		    "first %zu of %zu milestones.</p>\n", drawn,
		    p->noverdue - first_over + p->ndue);
	}
}
