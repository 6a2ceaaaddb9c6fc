/*
 * Office Open XML: .pptx slides, their notes and the presentation's
 * order of them; .docx paragraphs and styles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "office.h"
#include "office_impl.h"
#include "xalloc.h"
#include "xml.h"

/*
 * The part a relationship target names: relative to the folder of the
 * part it belongs to (base ends in a slash), or to the package root when
 * it starts with a slash; "." and ".." resolved.
 */
static char *
resolve_target(const char *base, const char *target)
{
	struct buf path = BUF_INIT;
	const char *seg = target;

	if (*target == '/')
		seg = target + 1;
	else
		buf_adds(&path, base);
	while (*seg != '\0') {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);

		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			/* drop the last folder of path ("a/b/" -> "a/") */
			if (path.len > 0)
				path.len--;
			while (path.len > 0 && path.data[path.len - 1] != '/')
				path.len--;
		} else if (!(n == 1 && seg[0] == '.') && n > 0) {
			buf_add(&path, seg, n);
			if (end != NULL)
				buf_addc(&path, '/');
		}
		seg = end ? end + 1 : seg + n;
	}
	buf_addc(&path, '\0');
	return buf_detach(&path, NULL);
}

static enum shape
placeholder_shape(const char *type)
{
	if (type == NULL || strcmp(type, "body") == 0 ||
	    strcmp(type, "obj") == 0)
		return SH_BODY;
	if (strcmp(type, "title") == 0 || strcmp(type, "ctrTitle") == 0)
		return SH_TITLE;
	if (strcmp(type, "subTitle") == 0)
		return SH_SUBTITLE;
	/* date, footer, slide number, header, slide image (on notes) */
	if (strcmp(type, "dt") == 0 || strcmp(type, "ftr") == 0 ||
	    strcmp(type, "sldNum") == 0 || strcmp(type, "hdr") == 0 ||
	    strcmp(type, "sldImg") == 0)
		return SH_SKIP;
	return SH_BODY;		/* chart, tbl, pic...: their text */
}

void
pptx_start(struct pstate *s, int ns, const char *name, const char **attrs)
{
	struct openpara *p = para_top(s);

	if (ns == NS_P && (strcmp(name, "sp") == 0 ||
	    strcmp(name, "graphicFrame") == 0 || strcmp(name, "cxnSp") == 0)) {
		shape_push(s, SH_PLAIN);
	} else if (el_is(ns, name, NS_P, "ph")) {
		if (s->nshape > 0)
			s->shapes[s->nshape - 1].shape = placeholder_shape(
			    xml_attr(s->x, attrs, -1, "type"));
	} else if (ns == NS_P && strcmp(name, "txBody") == 0) {
		if (shape_now(s) == SH_SKIP)
			el_skip(s);
	} else if (el_is(ns, name, NS_A, "p")) {
		para_open(s);
	} else if (p != NULL && el_is(ns, name, NS_A, "pPr")) {
		p->level = small_number(xml_attr(s->x, attrs, -1, "lvl"), 0,
		    MAX_LEVEL);
		s->in_ppr = 1;
	} else if (p != NULL && s->in_ppr && ns == NS_A) {
		if (strcmp(name, "buNone") == 0)
			p->bullet = 0;
		else if (strcmp(name, "buChar") == 0 ||
		    strcmp(name, "buAutoNum") == 0 ||
		    strcmp(name, "buBlip") == 0)
			p->bullet = 1;
	} else if (el_is(ns, name, NS_A, "t")) {
		s->in_t = 1;
	} else if (el_is(ns, name, NS_A, "br")) {
		add_text(s, "\n", 1);
	}
}

void
pptx_end(struct pstate *s, int ns, const char *name)
{
	if (ns == NS_P && (strcmp(name, "sp") == 0 ||
	    strcmp(name, "graphicFrame") == 0 || strcmp(name, "cxnSp") == 0))
		shape_pop(s);
	else if (el_is(ns, name, NS_A, "p") && s->npara > 0)
		para_close(s);
	else if (el_is(ns, name, NS_A, "pPr"))
		s->in_ppr = 0;
	else if (el_is(ns, name, NS_A, "t"))
		s->in_t = 0;
}

void
presentation_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *rid;
	char index[32];

	if (!el_is(ns, name, NS_P, "sldId"))
		return;
	if ((rid = xml_attr(s->x, attrs, NS_R, "id")) == NULL)
		return;
	snprintf(index, sizeof index, "%zu", s->o->slide_order.n);
	pairs_add(&s->o->slide_order, index, rid);
}

void
rels_start(struct pstate *s, int ns, const char *name, const char **attrs)
{
	struct office *o = s->o;
	const char *id, *type, *target, *mode;
	char *path;

	if (!el_is(ns, name, NS_RELS, "Relationship"))
		return;
	id = xml_attr(s->x, attrs, -1, "Id");
	type = xml_attr(s->x, attrs, -1, "Type");
	target = xml_attr(s->x, attrs, -1, "Target");
	mode = xml_attr(s->x, attrs, -1, "TargetMode");
	if (id == NULL || type == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	path = resolve_target(s->rels_base, target);
	if (strcmp(s->rels_source, PPTX_PRESENTATION) == 0 &&
	    has_suffix(type, "/slide"))
		pairs_add(&o->pres_rels, id, path);
	else if (has_prefix(s->rels_source, "ppt/slides/") &&
	    has_suffix(type, "/notesSlide"))
		pairs_add(&o->notes_of, s->rels_source, path);
	free(path);
}

void
docx_start(struct pstate *s, int ns, const char *name, const char **attrs)
{
	struct openpara *p = para_top(s);
	const char *val;

	if (ns != NS_W)
		return;
	if (strcmp(name, "p") == 0) {
		para_open(s);
		return;
	}
	/* deleted and moved-away text, the old properties of a change */
	if (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0 ||
	    strcmp(name, "pPrChange") == 0) {
		el_skip(s);
		return;
	}
	if (p == NULL)
		return;
	val = xml_attr(s->x, attrs, NS_W, "val");
	if (strcmp(name, "t") == 0)
		s->in_t = 1;
	else if (strcmp(name, "tab") == 0 || strcmp(name, "br") == 0 ||
	    strcmp(name, "cr") == 0)
		add_text(s, " ", 1);
	else if (strcmp(name, "noBreakHyphen") == 0)
		add_text(s, "-", 1);
	else if (strcmp(name, "pStyle") == 0 && val != NULL && !p->style)
		p->style = xstrdup(val);
	else if (strcmp(name, "ilvl") == 0)
		p->ilvl = small_number(val, 0, MAX_LEVEL);
	else if (strcmp(name, "numId") == 0)
		p->num = small_number(val, 1, 1 << 20) == 0 ? 0 : 1;
	else if (strcmp(name, "outlineLvl") == 0)
		p->outline = small_number(val, -1, 9);
}

void
docx_end(struct pstate *s, int ns, const char *name)
{
	if (ns != NS_W)
		return;
	if (strcmp(name, "p") == 0 && s->npara > 0)
		para_close(s);
	else if (strcmp(name, "t") == 0)
		s->in_t = 0;
}

void
docx_styles_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *val, *type;
	struct style *st = s->style;

	if (ns != NS_W)
		return;
	val = xml_attr(s->x, attrs, NS_W, "val");
	if (strcmp(name, "style") == 0) {
		type = xml_attr(s->x, attrs, NS_W, "type");
		val = xml_attr(s->x, attrs, NS_W, "styleId");
		if (val != NULL && type != NULL &&
		    strcmp(type, "paragraph") == 0)
			s->style = style_add(s->o, val);
		return;
	}
	if (st == NULL || val == NULL)
		return;
	if (strcmp(name, "name") == 0 && st->name == NULL)
		st->name = xstrdup(val);
	else if (strcmp(name, "basedOn") == 0 && st->based == NULL)
		st->based = xstrdup(val);
	else if (strcmp(name, "outlineLvl") == 0)
		st->outline = small_number(val, -1, 9);
	else if (strcmp(name, "numId") == 0)
		st->num = small_number(val, 1, 1 << 20) == 0 ? 0 : 1;
	else if (strcmp(name, "ilvl") == 0)
		st->ilvl = small_number(val, 0, MAX_LEVEL);
}

void
docx_styles_end(struct pstate *s, int ns, const char *name)
{
	if (el_is(ns, name, NS_W, "style"))
		s->style = NULL;
}

/* N of "ppt/slides/slideN.xml"; 0 when the name is not of that form. */
unsigned long
slide_number(const char *m)
{
	const char *p = m + strlen("ppt/slides/slide");
	unsigned long n = 0;

	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		n = n > 100000000UL ? n : n * 10 + (unsigned long)(*p - '0');
	return strcmp(p, ".xml") == 0 ? n : 0;
}

/* Relationships "dir/_rels/file.rels" belong to "dir/file". */
void
rels_names(struct pstate *s, const char *m)
{
	const char *r = strstr(m, "_rels/");
	size_t dir = r ? (size_t)(r - m) : 0;
	const char *file = r ? r + strlen("_rels/") : m;
	size_t flen = strlen(file);

	if (flen >= 5 && strcmp(file + flen - 5, ".rels") == 0)
		flen -= 5;
	s->rels_base = xstrndup(m, dir);
	s->rels_source = xmalloc(dir + flen + 1);
	memcpy(s->rels_source, m, dir);
	memcpy(s->rels_source + dir, file, flen);
	s->rels_source[dir + flen] = '\0';
}

static int
part_number_cmp(const void *a, const void *b)
{
	const struct part *const *x = a, *const *y = b;

	if ((*x)->number != (*y)->number)
		return (*x)->number < (*y)->number ? -1 : 1;
	return strcmp((*x)->name, (*y)->name);
}

/*
 * The slides in presentation order: ppt/presentation.xml lists them by
 * relationship id; without it (or its relationships), by their number.
 */
static struct part **
pptx_order(struct office *o, struct part **byname, size_t nbyname,
    size_t *n)
{
	struct part **order = xreallocarray(NULL, o->npart + 1, sizeof *order);
	size_t i;

	*n = 0;
	if (o->have_presentation && o->have_pres_rels) {
		pairs_sort(&o->pres_rels);
		/* slide_order was added in order: its keys are 0, 1, ... */
		for (i = 0; i < o->slide_order.n; i++) {
			const char *rid = o->slide_order.v[i].value;
			const char *target = pairs_find(&o->pres_rels, rid);
			struct part *p;

			if (target == NULL) {
				warnmsg("%s: %s: no relationship %s",
				    err_name(o->name), PPTX_PRESENTATION,
				    err_name(rid));
				free(order);
				return NULL;
			}
			p = part_find(byname, nbyname, target);
			if (p == NULL || p->type != PT_SLIDE) {
				warnmsg("%s: missing part %s",
				    err_name(o->name), err_name(target));
				free(order);
				return NULL;
			}
			/* each part at most once: order holds npart */
			if (p->listed) {
				warnmsg("%s: %s: slide %s listed twice",
				    err_name(o->name), PPTX_PRESENTATION,
				    err_name(target));
				free(order);
				return NULL;
			}
			p->listed = 1;
			order[(*n)++] = p;
		}
		return order;
	}
	for (i = 0; i < o->npart; i++)
		if (o->parts[i].type == PT_SLIDE && o->parts[i].number > 0)
			order[(*n)++] = &o->parts[i];
	qsort(order, *n, sizeof *order, part_number_cmp);
	return order;
}

int
emit_pptx(struct office *o)
{
	size_t nbyname, n, i;
	struct part **byname = parts_by_name(o, &nbyname);
	struct part **order = pptx_order(o, byname, nbyname, &n);
	int r = 0;

	if (order == NULL) {
		free(byname);
		return -1;
	}
	pairs_sort(&o->notes_of);
	/* check every part is there before the first block is written */
	for (i = 0; o->d->notes && i < n; i++) {
		const char *nn = pairs_find(&o->notes_of, order[i]->name);

		if (nn != NULL && part_find(byname, nbyname, nn) == NULL) {
			warnmsg("%s: missing part %s", err_name(o->name),
			    err_name(nn));
			r = -1;
			break;
		}
	}
	if (r == 0) {
		emit_title(o);
		for (i = 0; i < n; i++) {
			const char *nn = pairs_find(&o->notes_of,
			    order[i]->name);

			emit_slide(o, (long)i + 1, order[i],
			    nn ? part_find(byname, nbyname, nn) : NULL);
		}
	}
	free(order);
	free(byname);
	return r;
}
