/*
 * .xlsx workbooks: workbook.xml names the sheets, its relationships say
 * which part holds each, sharedStrings.xml holds the text cells, and the
 * sheet part holds rows of cells.  Every part is read through arc.h and
 * parsed through xml.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arc.h"
#include "buf.h"
#include "csvio.h"
#include "err.h"
#include "xalloc.h"
#include "xlsx.h"
#include "xml.h"

#define MAX_COLUMN 16384	/* XFD, Excel's last column */
#define MAX_ROW 1048576
/*
 * The CSV text of one sheet may not pass this: a few bytes of XML can
 * ask for a cell in column XFD (16,383 commas before it), or repeat a
 * long shared string, so a small workbook could otherwise expand without
 * end.  As much as table.h reads whole of other formats.
 */
#define TEXT_LIMIT ((size_t)1 << 30)

enum { NS_MAIN, NS_REL, NS_PKG };

static const struct xml_ns namespaces[] = {
	{ "http://schemas.openxmlformats.org/spreadsheetml/2006/main", NS_MAIN },
	{ "http://purl.oclc.org/ooxml/spreadsheetml/main", NS_MAIN },
	{ "http://schemas.openxmlformats.org/officeDocument/2006/relationships", NS_REL },
	{ "http://purl.oclc.org/ooxml/officeDocument/relationships", NS_REL },
	{ "http://schemas.openxmlformats.org/package/2006/relationships", NS_PKG },
	{ NULL, 0 }
};

int
xlsx_is_zip(const char *data, size_t len)
{
	return arc_is_zip(data, len);
}

/* Parse a whole part with handlers h; 0, or -1 after a message. */
static int
parse_part(const struct buf *part, const char *name, const char *member,
    const struct xml_handlers *h, void *ctx)
{
	struct xml *x = xml_new(namespaces, h, ctx);
	int rc = 0;

	/* Every context below starts with the parser, for xml_attr(). */
	*(struct xml **)ctx = x;
	if (xml_feed(x, part->data, part->len, 1) != 0) {
		warnmsg("%s: %s:%lu: %s", err_name(name), err_name(member),
		    xml_error_line(x), xml_error(x));
		rc = -1;
	}
	xml_free(x);
	return rc;
}

/* Read and parse one member; 0 also when it is absent and !required. */
static int
read_part(const char *data, size_t len, const char *name, const char *member,
    int required, const struct xml_handlers *h, void *ctx)
{
	struct buf part = BUF_INIT;
	int r = arc_read_member(data, len, name, member, &part, ARC_MEMBER_LIMIT);

	if (r == 0 && required)
		warnat(name, 0, "no %s: not an Excel workbook", member);
	if (r > 0)
		r = parse_part(&part, name, member, h, ctx) == 0 ? 0 : -1;
	else
		r = r == 0 && !required ? 0 : -1;
	buf_free(&part);
	return r;
}

/* ---- workbook.xml: the sheet wanted, by name or first ---- */

struct wb {
	struct xml *x;
	const char *want;	/* NULL: the first */
	char *rid;
	char *first;		/* name of the first sheet, for messages */
	int date1904;		/* dates count from 1904 (old Mac workbooks) */
};

static void
wb_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct wb *w = ctx;
	const char *sname, *rid;

	if (ns == NS_MAIN && strcmp(name, "workbookPr") == 0) {
		const char *d = xml_attr(w->x, attrs, -1, "date1904");

		w->date1904 = d != NULL && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		return;
	}
	if (ns != NS_MAIN || strcmp(name, "sheet") != 0 || w->rid != NULL)
		return;
	sname = xml_attr(w->x, attrs, -1, "name");
	rid = xml_attr(w->x, attrs, NS_REL, "id");
	if (sname == NULL || rid == NULL)
		return;
	if (w->first == NULL)
		w->first = xstrdup(sname);
	if (w->want == NULL || strcmp(w->want, sname) == 0)
		w->rid = xstrdup(rid);
}

/* ---- workbook.xml.rels: the part of that sheet ---- */

struct rels {
	struct xml *x;
	const char *rid;
	char *target;
};

static void
rels_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct rels *r = ctx;
	const char *id, *target;

	if (ns != NS_PKG || strcmp(name, "Relationship") != 0 || r->target != NULL)
		return;
	id = xml_attr(r->x, attrs, -1, "Id");
	target = xml_attr(r->x, attrs, -1, "Target");
	if (id != NULL && target != NULL && strcmp(id, r->rid) == 0)
		r->target = xstrdup(target);
}

/* ---- sharedStrings.xml ---- */

/*
 * The strings are kept in one buffer, each NUL-terminated, found by
 * offset; an empty one is offset 0 and takes no room.  Their number is
 * bounded by the count the part declares and by MAX_STRINGS: a part of
 * 256 MiB of "<si/>" would otherwise make 50 million of them.
 */
#define MAX_STRINGS ((size_t)1 << 22)

struct sst {
	struct xml *x;
	struct buf text;	/* "\0", then the strings */
	uint32_t *off;
	size_t n, cap;
	size_t declared;	/* uniqueCount, 0 if none */
	struct buf cur;
	int in_si, in_t, in_rph;	/* rPh: phonetic runs, not text */
};

static void
sst_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct sst *s = ctx;

	if (ns != NS_MAIN)
		return;
	if (strcmp(name, "sst") == 0) {
		const char *u = xml_attr(s->x, attrs, -1, "uniqueCount");

		if (u != NULL && u[0] >= '0' && u[0] <= '9')
			s->declared = strtoul(u, NULL, 10);
	} else if (strcmp(name, "si") == 0) {
		s->in_si = 1;
		buf_clear(&s->cur);
	} else if (strcmp(name, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = 1;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 1;
	}
}

static void
sst_end(void *ctx, int ns, const char *name)
{
	struct sst *s = ctx;

	if (ns != NS_MAIN)
		return;
	if (strcmp(name, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(name, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (s->n == MAX_STRINGS || (s->declared > 0 && s->n == s->declared)) {
			xml_stop(s->x, s->n == MAX_STRINGS ?
			    "more than 4194304 shared strings" :
			    "more shared strings than the part's uniqueCount");
			return;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 256;
			s->off = xreallocarray(s->off, s->cap, sizeof *s->off);
		}
		if (s->cur.len == 0) {
			s->off[s->n++] = 0;
			return;
		}
		if (s->text.len == 0)
			buf_addc(&s->text, '\0');
		s->off[s->n++] = (uint32_t)s->text.len;
		buf_add(&s->text, s->cur.data, s->cur.len);
		buf_addc(&s->text, '\0');
	}
}

static const char *
sst_get(const struct sst *s, size_t k)
{
	return s->off[k] == 0 ? "" : s->text.data + s->off[k];
}

static void
sst_text(void *ctx, const char *p, size_t n)
{
	struct sst *s = ctx;

	if (s->in_t)
		buf_add(&s->cur, p, n);
}

/* ---- styles.xml: what number format each cell style has ---- */

enum fmt_kind { FMT_GENERAL, FMT_FIXED, FMT_PERCENT, FMT_DATE, FMT_DATETIME,
	FMT_TIME, FMT_TEXT };

struct fmt {
	enum fmt_kind kind;
	int decimals;
};

#define MAX_STYLES 65536

struct styles {
	struct xml *x;
	struct fmt *xf;		/* [nxf] by cell style index */
	size_t nxf, capxf;
	int *customid;		/* numFmt ids defined in the part */
	struct fmt *custom;
	size_t ncustom, capcustom;
	int in_cellxfs;
};

/* What a format code shows: its first section, quoted text left out. */
static struct fmt
fmt_of_code(const char *code)
{
	struct fmt f = { FMT_GENERAL, 0 };
	int date = 0, time = 0, month = 0, pct = 0, digits = 0, point = 0, dec = 0;
	int text = 0;
	const char *p;

	for (p = code; *p != '\0' && *p != ';'; p++) {
		switch (*p) {
		case '"':
			for (p++; *p != '\0' && *p != '"'; p++)
				;
			if (*p == '\0')
				p--;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			break;
		case '[':
			/* [Red], [$-414], but [h] [mm] [ss] are elapsed time */
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' ||
			    p[1] == 's' || p[1] == 'S')
				time = 1;
			while (*p != '\0' && *p != ']')
				p++;
			if (*p == '\0')
				p--;
			break;
		case 'y': case 'Y': case 'd': case 'D':
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		case 'm': case 'M':
			/* A month, or minutes when hours or seconds are there. */
			month = 1;
			break;
		case '%':
			pct = 1;
			break;
		case '@':
			text = 1;
			break;
		case '.':
			point = 1;
			break;
		case '0': case '#': case '?':
			digits = 1;
			if (point)
				dec++;
			break;
		case 'G': case 'g':
			if (strncasecmp(p, "general", 7) == 0)
				p += 6;
			break;
		default:
			break;
		}
	}
	if (month && !time)
		date = 1;
	if (date || time) {
		f.kind = date && time ? FMT_DATETIME : date ? FMT_DATE : FMT_TIME;
	} else if (pct) {
		f.kind = FMT_PERCENT, f.decimals = dec;
	} else if (digits) {
		f.kind = FMT_FIXED, f.decimals = dec;
	} else if (text) {
		f.kind = FMT_TEXT;
	}
	return f;
}

/* Excel's built-in formats by id (ECMA-376 part 1, 18.8.30). */
static struct fmt
fmt_builtin(int id)
{
	struct fmt f = { FMT_GENERAL, 0 };

	switch (id) {
	case 1: case 3: case 37: case 38:
		f.kind = FMT_FIXED;
		break;
	case 2: case 4: case 39: case 40:
		f.kind = FMT_FIXED, f.decimals = 2;
		break;
	case 9:
		f.kind = FMT_PERCENT;
		break;
	case 10:
		f.kind = FMT_PERCENT, f.decimals = 2;
		break;
	case 14: case 15: case 16: case 17:
		f.kind = FMT_DATE;
		break;
	case 18: case 19: case 20: case 21: case 45: case 46: case 47:
		f.kind = FMT_TIME;
		break;
	case 22:
		f.kind = FMT_DATETIME;
		break;
	case 49:
		f.kind = FMT_TEXT;
		break;
	default:
		break;
	}
	return f;
}

static void
styles_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct styles *st = ctx;
	const char *id, *code;

	if (ns != NS_MAIN)
		return;
	if (strcmp(name, "numFmt") == 0) {
		id = xml_attr(st->x, attrs, -1, "numFmtId");
		code = xml_attr(st->x, attrs, -1, "formatCode");
		if (id == NULL || code == NULL || st->ncustom == MAX_STYLES)
			return;
		if (st->ncustom == st->capcustom) {
			st->capcustom = st->capcustom ? st->capcustom * 2 : 16;
			st->customid = xreallocarray(st->customid, st->capcustom,
			    sizeof *st->customid);
			st->custom = xreallocarray(st->custom, st->capcustom,
			    sizeof *st->custom);
		}
		st->customid[st->ncustom] = atoi(id);
		st->custom[st->ncustom++] = fmt_of_code(code);
	} else if (strcmp(name, "cellXfs") == 0) {
		st->in_cellxfs = 1;
	} else if (strcmp(name, "xf") == 0 && st->in_cellxfs) {
		int n;
		size_t i;
		struct fmt f;

		if (st->nxf == MAX_STYLES) {
			xml_stop(st->x, "more than 65536 cell styles");
			return;
		}
		id = xml_attr(st->x, attrs, -1, "numFmtId");
		n = id != NULL ? atoi(id) : 0;
		f = fmt_builtin(n);
		for (i = 0; i < st->ncustom; i++)
			if (st->customid[i] == n)
				f = st->custom[i];
		if (st->nxf == st->capxf) {
			st->capxf = st->capxf ? st->capxf * 2 : 16;
			st->xf = xreallocarray(st->xf, st->capxf, sizeof *st->xf);
		}
		st->xf[st->nxf++] = f;
	}
}

static void
styles_end(void *ctx, int ns, const char *name)
{
	struct styles *st = ctx;

	if (ns == NS_MAIN && strcmp(name, "cellXfs") == 0)
		st->in_cellxfs = 0;
}

/* ---- numbers as their format shows them ---- */

/* Days from 1970-01-01 to y-m-d's civil date, and back (Howard Hinnant). */
static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/*
 * The number s as its format shows it, into out; 0 when it is to be
 * written as stored (General numbers that need no rounding, bad input).
 */
static int
format_number(const char *s, const struct fmt *f, int date1904, struct buf *out)
{
	char *end, tmp[64];
	double v = strtod(s, &end);

	if (end == s || *end != '\0' || !isfinite(v))
		return 0;
	switch (f->kind) {
	case FMT_PERCENT:
		snprintf(tmp, sizeof tmp, "%.*f%%", f->decimals, v * 100);
		break;
	case FMT_FIXED:
		snprintf(tmp, sizeof tmp, "%.*f", f->decimals, v);
		break;
	case FMT_DATE:
	case FMT_DATETIME:
	case FMT_TIME: {
		double days = floor(v);
		long secs = lround((v - days) * 86400);
		int y, m, d;

		if (v < 0 || v > 2958465)
			return 0;	/* past 9999-12-31 */
		if (secs == 86400)
			days += 1, secs = 0;
		/* Serial 1 is 1900-01-01, and 60 the 29th of February 1900
		 * that was not: from 61 on, day 0 is 1899-12-30. */
		if (date1904)
			days += 1462;
		else if (days < 61)
			days += 1;
		civil_from_days((long)days - 25569, &y, &m, &d);
		if (f->kind == FMT_DATE)
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
		else if (f->kind == FMT_TIME && v < 1)
			snprintf(tmp, sizeof tmp, "%02ld:%02ld:%02ld", secs / 3600,
			    secs / 60 % 60, secs % 60);
		else
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02ld:%02ld:%02ld", y,
			    m, d, secs / 3600, secs / 60 % 60, secs % 60);
		break;
	}
	default:
		/* General: Excel keeps fifteen significant digits. */
		if (strlen(s) <= 15)
			return 0;
		snprintf(tmp, sizeof tmp, "%.15g", v);
		if (strchr(tmp, 'e') != NULL)
			return 0;
		break;
	}
	/* No "-0", "-0.0": a negative zero reads as a change. */
	if (tmp[0] == '-' && strspn(tmp + 1, "0.%") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp));
	buf_clear(out);
	buf_adds(out, tmp);
	return 1;
}

/* ---- the sheet ---- */

struct sheet {
	struct xml *x;
	const struct sst *sst;
	const struct styles *styles;	/* NULL: numbers as stored */
	int date1904;
	long style;		/* of the current cell */
	struct buf num;
	struct buf *out;
	long row;		/* rows written so far */
	int col;		/* cells written in this row */
	int cell_col;		/* column of the current cell (0-based) */
	char type[16];
	struct buf val;
	int in_v, in_t, in_is, in_cell;
	size_t limit;		/* out may grow to this length */
	int stopped;
};

/* Stop parsing once the text has grown past the limit. */
static int
sheet_full(struct sheet *sh)
{
	if (!sh->stopped && sh->out->len > sh->limit) {
		xml_stop(sh->x, "the sheet is larger than 1024 MiB as text");
		sh->stopped = 1;
	}
	return sh->stopped;
}

/* "BC12" -> 54 (0-based); -1 when there are no letters. */
static int
column_of(const char *ref)
{
	int c = 0, n = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > MAX_COLUMN)
			return MAX_COLUMN;
	}
	return n == 0 ? -1 : c - 1;
}

static void
csv_cell(struct buf *out, const char *s, size_t len)
{
	size_t i, start = out->len;

	csv_quote(out, s, len, ',');
	/* A line break would make the CSV line differ from the row. */
	for (i = start; i < out->len; i++)
		if (out->data[i] == '\n' || out->data[i] == '\r')
			out->data[i] = ' ';
}

static void
sheet_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct sheet *sh = ctx;
	const char *r, *t;

	if (ns != NS_MAIN || sh->stopped)
		return;
	if (strcmp(name, "row") == 0) {
		long want = sh->row + 1;

		if ((r = xml_attr(sh->x, attrs, -1, "r")) != NULL)
			want = strtol(r, NULL, 10);
		if (want > MAX_ROW)
			want = MAX_ROW;
		/* Rows left out of the sheet become blank lines. */
		while (sh->row + 1 < want) {
			buf_addc(sh->out, '\n');
			sh->row++;
		}
		sh->col = 0;
	} else if (strcmp(name, "c") == 0) {
		r = xml_attr(sh->x, attrs, -1, "r");
		t = xml_attr(sh->x, attrs, -1, "t");
		sh->cell_col = r != NULL ? column_of(r) : -1;
		if (sh->cell_col < 0)
			sh->cell_col = sh->col;
		snprintf(sh->type, sizeof sh->type, "%s", t ? t : "n");
		t = xml_attr(sh->x, attrs, -1, "s");
		sh->style = t != NULL ? strtol(t, NULL, 10) : 0;
		buf_clear(&sh->val);
		sh->in_cell = 1;
	} else if (strcmp(name, "v") == 0 && sh->in_cell) {
		sh->in_v = 1;
	} else if (strcmp(name, "is") == 0 && sh->in_cell) {
		sh->in_is = 1;
	} else if (strcmp(name, "t") == 0 && sh->in_is) {
		sh->in_t = 1;
	}
}

static void
put_cell(struct sheet *sh)
{
	const char *s = sh->val.data ? sh->val.data : "";
	size_t len = sh->val.len;

	if (sh->cell_col >= MAX_COLUMN || sh->cell_col < sh->col || sheet_full(sh))
		return;
	if (strcmp(sh->type, "s") == 0) {
		char *end;
		unsigned long k = strtoul(s, &end, 10);

		if (end == s || k >= sh->sst->n)
			return;
		s = sst_get(sh->sst, k);
		len = strlen(s);
	} else if (strcmp(sh->type, "b") == 0) {
		s = len > 0 && s[0] == '1' ? "TRUE" : "FALSE";
		len = strlen(s);
	} else if (strcmp(sh->type, "n") == 0 && sh->styles != NULL && len > 0) {
		static const struct fmt general = { FMT_GENERAL, 0 };
		const struct fmt *f = sh->style >= 0 &&
		    (size_t)sh->style < sh->styles->nxf ?
		    &sh->styles->xf[sh->style] : &general;

		if (format_number(s, f, sh->date1904, &sh->num)) {
			s = sh->num.data;
			len = sh->num.len;
		}
	}
	while (sh->col < sh->cell_col) {
		if (sh->col > 0)
			buf_addc(sh->out, ',');
		sh->col++;
	}
	if (sh->col > 0)
		buf_addc(sh->out, ',');
	csv_cell(sh->out, s, len);
	sh->col++;
	sheet_full(sh);
}

static void
sheet_end(void *ctx, int ns, const char *name)
{
	struct sheet *sh = ctx;

	if (ns != NS_MAIN || sh->stopped)
		return;
	if (strcmp(name, "row") == 0) {
		if (sh->row < MAX_ROW) {
			buf_addc(sh->out, '\n');
			sh->row++;
		}
	} else if (strcmp(name, "c") == 0) {
		put_cell(sh);
		sh->in_cell = 0;
	} else if (strcmp(name, "v") == 0) {
		sh->in_v = 0;
	} else if (strcmp(name, "is") == 0) {
		sh->in_is = 0;
	} else if (strcmp(name, "t") == 0) {
		sh->in_t = 0;
	}
}

static void
sheet_text(void *ctx, const char *p, size_t n)
{
	struct sheet *sh = ctx;

	if ((sh->in_v || sh->in_t) && !sh->stopped)
		buf_add(&sh->val, p, n);
}

/* The zip path of a relationship target, relative to xl/. */
static char *
part_path(const char *target)
{
	struct buf b = BUF_INIT;

	if (target[0] == '/')
		buf_adds(&b, target + 1);
	else {
		buf_adds(&b, "xl/");
		buf_adds(&b, target);
	}
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}

int
xlsx_to_csv(const char *data, size_t len, const char *name, const char *sheet,
    int flags, struct buf *out)
{
	static const struct xml_handlers wb_h = { wb_start, NULL, NULL };
	static const struct xml_handlers rels_h = { rels_start, NULL, NULL };
	static const struct xml_handlers sst_h = { sst_start, sst_end, sst_text };
	static const struct xml_handlers sheet_h = { sheet_start, sheet_end, sheet_text };
	static const struct xml_handlers styles_h = { styles_start, styles_end, NULL };
	struct styles styles;
	struct wb wb = { NULL, sheet, NULL, NULL, 0 };
	struct rels rels = { NULL, NULL, NULL };
	struct sst sst;
	struct sheet sh;
	char *path = NULL;
	int rc = -1;

	memset(&sst, 0, sizeof sst);
	memset(&sh, 0, sizeof sh);
	memset(&styles, 0, sizeof styles);
	if (read_part(data, len, name, "xl/workbook.xml", 1, &wb_h, &wb) != 0)
		goto out;
	if (wb.rid == NULL) {
		if (sheet != NULL)
			warnat(name, 0, "no sheet named %s", err_name(sheet));
		else
			warnat(name, 0, "the workbook has no sheets");
		goto out;
	}
	rels.rid = wb.rid;
	if (read_part(data, len, name, "xl/_rels/workbook.xml.rels", 1, &rels_h,
	    &rels) != 0)
		goto out;
	if (rels.target == NULL) {
		warnat(name, 0, "sheet part not found");
		goto out;
	}
	if (read_part(data, len, name, "xl/sharedStrings.xml", 0, &sst_h, &sst) != 0)
		goto out;
	if (!(flags & XLSX_EXACT)) {
		if (read_part(data, len, name, "xl/styles.xml", 0, &styles_h,
		    &styles) != 0)
			goto out;
		sh.styles = &styles;
		sh.date1904 = wb.date1904;
	}
	path = part_path(rels.target);
	sh.sst = &sst;
	sh.out = out;
	sh.limit = out->len + TEXT_LIMIT;
	if (read_part(data, len, name, path, 1, &sheet_h, &sh) != 0)
		goto out;
	rc = 0;
out:
	if (out->data == NULL)
		buf_adds(out, "");
	free(path);
	free(wb.rid);
	free(wb.first);
	free(rels.target);
	free(sst.off);
	buf_free(&sst.text);
	buf_free(&sst.cur);
	buf_free(&sh.val);
	buf_free(&sh.num);
	free(styles.xf);
	free(styles.customid);
	free(styles.custom);
	return rc;
}
