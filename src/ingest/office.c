/*
 * Office documents: .pptx .docx (Office Open XML) and .odp .odt
 * (OpenDocument), zip containers of XML parts.
 *
 * One pass over the archive parses every part that matters, in whatever
 * order the zip holds them, into paragraphs (text, role, level) kept per
 * part; nothing is written until the whole document has been read, so a
 * broken document gives a message and no half output.  Then the parts are
 * put in order (slides as the presentation lists them, or by number) and
 * their paragraphs become blocks.  Time and memory are linear in the
 * document: each part is parsed once, as it is decompressed, and only its
 * text is kept.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arc.h"
#include "buf.h"
#include "doc.h"
#include "err.h"
#include "office.h"
#include "text.h"
#include "xalloc.h"
#include "xml.h"

/* Namespaces, by number; strict OOXML spells its URIs differently. */
enum { NS_P, NS_A, NS_R, NS_W, NS_RELS, NS_DC, NS_MC, NS_TEXT, NS_DRAW,
	NS_PRES, NS_OFFICE, NS_STYLE, NS_SVG, NS_MANIFEST };

static const struct xml_ns namespaces[] = {
	{ "http://schemas.openxmlformats.org/presentationml/2006/main", NS_P },
	{ "http://purl.oclc.org/ooxml/presentationml/main", NS_P },
	{ "http://schemas.openxmlformats.org/drawingml/2006/main", NS_A },
	{ "http://purl.oclc.org/ooxml/drawingml/main", NS_A },
	{ "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	  NS_R },
	{ "http://purl.oclc.org/ooxml/officeDocument/relationships", NS_R },
	{ "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
	  NS_W },
	{ "http://purl.oclc.org/ooxml/wordprocessingml/main", NS_W },
	{ "http://schemas.openxmlformats.org/package/2006/relationships",
	  NS_RELS },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://schemas.openxmlformats.org/markup-compatibility/2006",
	  NS_MC },
	{ "urn:oasis:names:tc:opendocument:xmlns:text:1.0", NS_TEXT },
	{ "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", NS_DRAW },
	{ "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0", NS_PRES },
	{ "urn:oasis:names:tc:opendocument:xmlns:office:1.0", NS_OFFICE },
	{ "urn:oasis:names:tc:opendocument:xmlns:style:1.0", NS_STYLE },
	{ "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0", NS_SVG },
	{ "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", NS_MANIFEST },
	{ NULL, 0 }
};

#define PPTX_PRESENTATION "ppt/presentation.xml"
#define MAX_LEVEL 8		/* deepest bullet or heading level kept */
#define MAX_STYLE_CHAIN 16	/* styles based on styles, at most */
#define MAX_ZIP_NESTING 4	/* zips of zips of documents */

/* What a paragraph is, as far as the part itself tells. */
enum role { R_TEXT, R_TITLE, R_HEADING, R_BULLET, R_NOTE, R_SKIP };

struct para {
	size_t off, len;	/* text, in office.text */
	size_t soff, slen;	/* docx, odt: its style, in office.text */
	int role;
	int level;		/* bullet level, heading depth - 1 */
	int ilvl;		/* docx w:ilvl, -1 when not given */
	int num;		/* docx w:numId: -1 not given, 0 none, 1 some */
	int outline;		/* docx w:outlineLvl, -1 when not given */
};

enum part_type { PT_SLIDE, PT_NOTES, PT_PAGE, PT_BODY };

struct part {
	char *name;		/* member name; NULL for an odp page */
	enum part_type type;
	size_t first, n;	/* its paragraphs */
	unsigned long number;	/* N of ppt/slides/slideN.xml */
	int listed;		/* already in the presentation order */
};

/* A mapping read from relationships or lists: key -> value. */
struct pair {
	char *key;
	char *value;
};

struct pairs {
	struct pair *v;
	size_t n, cap;
};

/* A paragraph style: docx w:style, odf style:style (family paragraph). */
enum style_class { S_NONE, S_TITLE, S_SUBTITLE, S_HEADING, S_LIST, S_TOC };

struct style {
	char *id;		/* docx w:styleId, odf style:name */
	char *name;		/* docx w:name (built-in English name) */
	char *based;		/* w:basedOn, style:parent-style-name */
	int outline, num, ilvl;	/* as in struct para */
	/* resolved along the chain of based-on styles */
	int resolved;		/* 0 no, 1 being resolved, 2 done */
	enum style_class cls;
	int cls_level;		/* heading depth - 1, list level; -1 */
	int r_num, r_ilvl;
};

struct office {
	struct doc *d;
	const char *name;	/* the document, as given */
	enum office_kind kind;
	struct buf text;	/* all paragraph text and style names */
	struct para *paras;
	size_t npara, cappara;
	struct part *parts;
	size_t npart, cappart;
	struct style *styles;
	size_t nstyle, capstyle;
	struct pairs slide_order;	/* pptx sldIdLst: index -> r:id */
	struct pairs pres_rels;		/* r:id -> slide part */
	struct pairs notes_of;		/* slide part -> notes part */
	struct buf title;		/* dc:title */
	int have_presentation, have_pres_rels, have_main;
	struct buf scratch;
};

/* Parsing one XML part. */
enum mode { M_NONE, M_SLIDE, M_NOTES, M_PRESENTATION, M_RELS, M_CORE,
	M_DOCX, M_DOCX_STYLES, M_ODF_CONTENT, M_ODF_STYLES, M_ODF_META,
	M_MANIFEST };

/* The kind of shape (pptx) or frame (odp) text stands in. */
enum shape { SH_NONE, SH_PLAIN, SH_TITLE, SH_SUBTITLE, SH_BODY, SH_NOTES,
	SH_SKIP };

struct openshape {
	unsigned long depth;	/* element depth it began at */
	enum shape shape;
	unsigned long serial;	/* tells one shape from the next */
};

struct openpara {
	size_t start;		/* its text in pstate.ptext */
	int level;
	int bullet;		/* pptx explicit bullet: -1 not said, 0, 1 */
	int heading;		/* text:h: outline level; 0 for text:p */
	int in_list;		/* odf: inside a list item, not a header */
	int ilvl, num, outline;	/* docx */
	char *style;
};

struct pstate {
	struct office *o;
	struct xml *x;
	enum mode mode;
	unsigned long depth;
	unsigned long skip_at;	/* depth of the element skipped, 0 none */
	struct openshape *shapes;
	size_t nshape, capshape;
	unsigned long serial;
	struct openpara *paras;
	size_t npara, cappara;
	struct buf ptext;	/* text of the open paragraphs */
	int in_t;		/* inside a:t, w:t, dc:title */
	int in_ppr;		/* inside the open paragraph's a:pPr */
	unsigned long list_depth;
	unsigned long header_depth;	/* odf list headers open */
	unsigned long notes_depth;	/* odp: inside presentation:notes */
	int have_page;		/* odp: a draw:page is open */
	size_t page;		/* its part */
	unsigned long title_serial;	/* shape of the last title para */
	size_t title_para;		/* and its index, + 1 (0 = none) */
	struct style *style;	/* the w:style or style:style being read */
	char *rels_source;	/* M_RELS: the part these belong to */
	char *rels_base;	/* and its folder, with a slash */
	int encrypted;		/* M_MANIFEST: encryption-data seen */
};

/* ---- small helpers ---- */

static int
is(int ns, const char *name, int want_ns, const char *want)
{
	return ns == want_ns && strcmp(name, want) == 0;
}

static int
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A small non-negative number from an attribute; dflt when absent/bad. */
static int
small_number(const char *s, int dflt, int max)
{
	long v = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return dflt;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (*s - '0')) > max)
			v = max;
	return *s == '\0' ? (int)v : dflt;
}

static void
pairs_add(struct pairs *p, const char *key, const char *value)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	p->v[p->n].key = xstrdup(key);
	p->v[p->n].value = xstrdup(value);
	p->n++;
}

static void
pairs_free(struct pairs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].value);
	}
	free(p->v);
}

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/* Sort by key, keeping one of equal keys (which one is unspecified). */
static void
pairs_sort(struct pairs *p)
{
	size_t i, j;

	if (p->n < 2)
		return;
	qsort(p->v, p->n, sizeof *p->v, pair_cmp);
	for (i = j = 0; i < p->n; i++) {
		if (j > 0 && strcmp(p->v[j - 1].key, p->v[i].key) == 0) {
			free(p->v[i].key);
			free(p->v[i].value);
			continue;
		}
		p->v[j++] = p->v[i];
	}
	p->n = j;
}

static const char *
pairs_find(const struct pairs *p, const char *key)
{
	struct pair k = { (char *)key, NULL };
	const struct pair *hit;

	if (p->n == 0)
		return NULL;
	hit = bsearch(&k, p->v, p->n, sizeof *p->v, pair_cmp);
	return hit != NULL ? hit->value : NULL;
}

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

/* Does text[0..len) clean to nothing? */
static int
blank(struct office *o, const char *s, size_t len)
{
	buf_clear(&o->scratch);
	text_clean(&o->scratch, s, len);
	return o->scratch.len == 0;
}

/* ---- collected parts and paragraphs ---- */

static size_t
part_begin(struct office *o, const char *name, enum part_type type)
{
	struct part *p;

	if (o->npart == o->cappart) {
		o->cappart = o->cappart ? o->cappart * 2 : 16;
		o->parts = xreallocarray(o->parts, o->cappart,
		    sizeof *o->parts);
	}
	p = &o->parts[o->npart];
	memset(p, 0, sizeof *p);
	p->name = name ? xstrdup(name) : NULL;
	p->type = type;
	p->first = o->npara;
	return o->npart++;
}

static void
part_end(struct office *o, size_t part)
{
	o->parts[part].n = o->npara - o->parts[part].first;
}

static struct para *
para_add(struct office *o, const char *text, size_t len)
{
	struct para *p;

	if (o->npara == o->cappara) {
		o->cappara = o->cappara ? o->cappara * 2 : 64;
		o->paras = xreallocarray(o->paras, o->cappara,
		    sizeof *o->paras);
	}
	p = &o->paras[o->npara++];
	memset(p, 0, sizeof *p);
	p->off = o->text.len;
	p->len = len;
	buf_add(&o->text, text, len);
	p->ilvl = p->num = p->outline = -1;
	return p;
}

static struct style *
style_add(struct office *o, const char *id)
{
	struct style *s;

	if (o->nstyle == o->capstyle) {
		o->capstyle = o->capstyle ? o->capstyle * 2 : 32;
		o->styles = xreallocarray(o->styles, o->capstyle,
		    sizeof *o->styles);
	}
	s = &o->styles[o->nstyle++];
	memset(s, 0, sizeof *s);
	s->id = xstrdup(id);
	s->outline = s->num = s->ilvl = -1;
	return s;
}

/* ---- parser state: skipping, shapes, open paragraphs ---- */

/* Ignore the element just started and all inside it. */
static void
skip(struct pstate *s)
{
	s->skip_at = s->depth;
}

static void
shape_push(struct pstate *s, enum shape shape)
{
	if (s->nshape == s->capshape) {
		s->capshape = s->capshape ? s->capshape * 2 : 8;
		s->shapes = xreallocarray(s->shapes, s->capshape,
		    sizeof *s->shapes);
	}
	s->shapes[s->nshape].depth = s->depth;
	s->shapes[s->nshape].shape = shape;
	s->shapes[s->nshape].serial = ++s->serial;
	s->nshape++;
}

static void
shape_pop(struct pstate *s)
{
	if (s->nshape > 0 && s->shapes[s->nshape - 1].depth == s->depth)
		s->nshape--;
}

static enum shape
shape_now(const struct pstate *s)
{
	return s->nshape > 0 ? s->shapes[s->nshape - 1].shape : SH_NONE;
}

static unsigned long
shape_serial(const struct pstate *s)
{
	return s->nshape > 0 ? s->shapes[s->nshape - 1].serial : 0;
}

static struct openpara *
para_top(struct pstate *s)
{
	return s->npara > 0 ? &s->paras[s->npara - 1] : NULL;
}

static struct openpara *
para_open(struct pstate *s)
{
	struct openpara *p;

	if (s->npara == s->cappara) {
		s->cappara = s->cappara ? s->cappara * 2 : 4;
		s->paras = xreallocarray(s->paras, s->cappara,
		    sizeof *s->paras);
	}
	p = &s->paras[s->npara++];
	memset(p, 0, sizeof *p);
	p->start = s->ptext.len;
	p->bullet = -1;
	p->ilvl = p->num = p->outline = -1;
	return p;
}

static void
add_text(struct pstate *s, const char *t, size_t n)
{
	if (s->npara > 0)
		buf_add(&s->ptext, t, n);
}

/* The role of a slide or page paragraph, from its shape and markup. */
static enum role
slide_role(const struct pstate *s, const struct openpara *p)
{
	enum shape sh = shape_now(s);
	int listed = s->mode == M_SLIDE ? p->bullet == 1 : p->in_list;

	if (sh == SH_SKIP)
		return R_SKIP;
	if (s->mode == M_NOTES || s->notes_depth > 0)
		return sh == SH_NOTES || sh == SH_BODY || sh == SH_PLAIN ||
		    sh == SH_NONE ? R_NOTE : R_SKIP;
	switch (sh) {
	case SH_TITLE:
		return R_TITLE;
	case SH_SUBTITLE:
		return R_TEXT;
	case SH_BODY:
		/* pptx body placeholders are bulleted unless a:buNone */
		if (s->mode == M_SLIDE)
			return p->bullet == 0 ? R_TEXT : R_BULLET;
		return listed ? R_BULLET : R_TEXT;
	default:
		return listed ? R_BULLET : R_TEXT;
	}
}

/* Close the innermost paragraph and keep it. */
static void
para_close(struct pstate *s)
{
	struct office *o = s->o;
	struct openpara *p = para_top(s);
	/* an empty buffer has no data yet: no arithmetic on NULL */
	const char *t = s->ptext.data != NULL ? s->ptext.data + p->start : "";
	size_t n = s->ptext.len - p->start;
	enum role role;
	struct para *q;

	if (s->mode == M_SLIDE || s->mode == M_NOTES ||
	    (s->mode == M_ODF_CONTENT && o->kind == OFFICE_ODP))
		role = slide_role(s, p);
	else if (p->heading > 0)
		role = R_HEADING;
	else
		role = p->in_list ? R_BULLET : R_TEXT;
	if (role == R_TITLE && s->title_para > 0 &&
	    s->title_para == o->npara && s->title_serial == shape_serial(s)) {
		/* another paragraph of the same title: one title block */
		q = &o->paras[o->npara - 1];
		buf_addc(&o->text, ' ');
		buf_add(&o->text, t, n);
		q->len += 1 + n;
	} else if (role != R_SKIP) {
		q = para_add(o, t, n);
		q->role = role;
		q->level = role == R_HEADING ? p->heading - 1 : p->level;
		if (q->level > MAX_LEVEL)
			q->level = MAX_LEVEL;
		q->ilvl = p->ilvl;
		q->num = p->num;
		q->outline = p->outline;
		if (p->style != NULL) {
			q->soff = o->text.len;
			q->slen = strlen(p->style);
			buf_add(&o->text, p->style, q->slen);
		}
		if (role == R_TITLE) {
			s->title_para = o->npara;
			s->title_serial = shape_serial(s);
		}
	}
	free(p->style);
	s->ptext.len = p->start;
	s->npara--;
}

/* ---- pptx ---- */

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

static void
pptx_start(struct pstate *s, int ns, const char *name, const char **attrs)
{
	struct openpara *p = para_top(s);

	if (ns == NS_P && (strcmp(name, "sp") == 0 ||
	    strcmp(name, "graphicFrame") == 0 || strcmp(name, "cxnSp") == 0)) {
		shape_push(s, SH_PLAIN);
	} else if (is(ns, name, NS_P, "ph")) {
		if (s->nshape > 0)
			s->shapes[s->nshape - 1].shape = placeholder_shape(
			    xml_attr(s->x, attrs, -1, "type"));
	} else if (ns == NS_P && strcmp(name, "txBody") == 0) {
		if (shape_now(s) == SH_SKIP)
			skip(s);
	} else if (is(ns, name, NS_A, "p")) {
		para_open(s);
	} else if (p != NULL && is(ns, name, NS_A, "pPr")) {
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
	} else if (is(ns, name, NS_A, "t")) {
		s->in_t = 1;
	} else if (is(ns, name, NS_A, "br")) {
		add_text(s, "\n", 1);
	}
}

static void
pptx_end(struct pstate *s, int ns, const char *name)
{
	if (ns == NS_P && (strcmp(name, "sp") == 0 ||
	    strcmp(name, "graphicFrame") == 0 || strcmp(name, "cxnSp") == 0))
		shape_pop(s);
	else if (is(ns, name, NS_A, "p") && s->npara > 0)
		para_close(s);
	else if (is(ns, name, NS_A, "pPr"))
		s->in_ppr = 0;
	else if (is(ns, name, NS_A, "t"))
		s->in_t = 0;
}

static void
presentation_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *rid;
	char index[32];

	if (!is(ns, name, NS_P, "sldId"))
		return;
	if ((rid = xml_attr(s->x, attrs, NS_R, "id")) == NULL)
		return;
	snprintf(index, sizeof index, "%zu", s->o->slide_order.n);
	pairs_add(&s->o->slide_order, index, rid);
}

static void
rels_start(struct pstate *s, int ns, const char *name, const char **attrs)
{
	struct office *o = s->o;
	const char *id, *type, *target, *mode;
	char *path;

	if (!is(ns, name, NS_RELS, "Relationship"))
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

/* ---- docx ---- */

static void
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
		skip(s);
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

static void
docx_end(struct pstate *s, int ns, const char *name)
{
	if (ns != NS_W)
		return;
	if (strcmp(name, "p") == 0 && s->npara > 0)
		para_close(s);
	else if (strcmp(name, "t") == 0)
		s->in_t = 0;
}

static void
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

static void
docx_styles_end(struct pstate *s, int ns, const char *name)
{
	if (is(ns, name, NS_W, "style"))
		s->style = NULL;
}

/* ---- odp, odt ---- */

static enum shape
frame_shape(const char *cls)
{
	if (cls == NULL)
		return SH_PLAIN;
	if (strcmp(cls, "title") == 0)
		return SH_TITLE;
	if (strcmp(cls, "subtitle") == 0)
		return SH_SUBTITLE;
	if (strcmp(cls, "outline") == 0)
		return SH_BODY;
	if (strcmp(cls, "notes") == 0)
		return SH_NOTES;
	if (strcmp(cls, "page-number") == 0 || strcmp(cls, "footer") == 0 ||
	    strcmp(cls, "date-time") == 0 || strcmp(cls, "header") == 0 ||
	    strcmp(cls, "handout") == 0 || strcmp(cls, "page") == 0)
		return SH_SKIP;
	return SH_PLAIN;
}

/* Drawing elements that hold text of their own (not text-box, g...). */
static int
odp_shape(const char *name)
{
	static const char *const shapes[] = { "frame", "custom-shape",
		"rect", "ellipse", "circle", "polygon", "polyline", "path",
		"line", "connector", "caption", "regular-polygon", "measure" };
	size_t i;

	for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		if (strcmp(name, shapes[i]) == 0)
			return 1;
	return 0;
}

/* Subtrees whose text is no part of the running text. */
static int
odf_skipped(int ns, const char *name)
{
	if (ns == NS_TEXT)
		return strcmp(name, "note") == 0 ||
		    strcmp(name, "tracked-changes") == 0 ||
		    strcmp(name, "table-of-content") == 0 ||
		    has_suffix(name, "-index") ||
		    strcmp(name, "bibliography") == 0 ||
		    strcmp(name, "sequence-decls") == 0;
	if (ns == NS_OFFICE)
		return strcmp(name, "annotation") == 0 ||
		    strcmp(name, "forms") == 0 ||
		    strcmp(name, "scripts") == 0;
	if (ns == NS_SVG)
		return strcmp(name, "title") == 0 || strcmp(name, "desc") == 0;
	return 0;
}

static void
odf_style_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *family, *sname, *parent;
	struct style *st;

	if (!is(ns, name, NS_STYLE, "style"))
		return;
	family = xml_attr(s->x, attrs, NS_STYLE, "family");
	sname = xml_attr(s->x, attrs, NS_STYLE, "name");
	parent = xml_attr(s->x, attrs, NS_STYLE, "parent-style-name");
	if (family == NULL || sname == NULL || strcmp(family, "paragraph"))
		return;
	st = style_add(s->o, sname);
	st->name = xstrdup(sname);
	if (parent != NULL)
		st->based = xstrdup(parent);
}

static void
odf_para_open(struct pstate *s, const char *name, const char **attrs)
{
	struct openpara *p = para_open(s);
	const char *style = xml_attr(s->x, attrs, NS_TEXT, "style-name");

	if (strcmp(name, "h") == 0) {
		p->heading = small_number(xml_attr(s->x, attrs, NS_TEXT,
		    "outline-level"), 1, MAX_LEVEL + 1);
		if (p->heading < 1)
			p->heading = 1;
	}
	p->in_list = s->list_depth > 0 && s->header_depth == 0;
	p->level = s->list_depth > 0 ? (int)(s->list_depth - 1) : 0;
	if (p->level > MAX_LEVEL)
		p->level = MAX_LEVEL;
	if (style != NULL)
		p->style = xstrdup(style);
}

static void
odf_content_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *cls;

	if (odf_skipped(ns, name)) {
		skip(s);
		return;
	}
	if (s->o->kind == OFFICE_ODP) {
		if (is(ns, name, NS_DRAW, "page") && !s->have_page) {
			s->page = part_begin(s->o, NULL, PT_PAGE);
			s->have_page = 1;
			s->title_para = 0;
			return;
		}
		if (is(ns, name, NS_PRES, "notes")) {
			if (!s->o->d->notes) {
				skip(s);
				return;
			}
			s->notes_depth++;
		}
		if (ns == NS_DRAW && s->npara == 0) {
			cls = xml_attr(s->x, attrs, NS_PRES, "class");
			if (cls != NULL || odp_shape(name))
				shape_push(s, frame_shape(cls));
			return;
		}
	}
	if (ns == NS_STYLE) {
		odf_style_start(s, ns, name, attrs);
	} else if (ns == NS_TEXT) {
		if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
			odf_para_open(s, name, attrs);
		else if (strcmp(name, "list") == 0)
			s->list_depth++;
		else if (strcmp(name, "list-header") == 0)
			s->header_depth++;
		else if (strcmp(name, "s") == 0 || strcmp(name, "tab") == 0 ||
		    strcmp(name, "line-break") == 0)
			add_text(s, " ", 1);
	}
}

static void
odf_content_end(struct pstate *s, int ns, const char *name)
{
	if (s->o->kind == OFFICE_ODP) {
		if (is(ns, name, NS_DRAW, "page") && s->have_page &&
		    s->nshape == 0) {
			part_end(s->o, s->page);
			s->have_page = 0;
			return;
		}
		if (is(ns, name, NS_PRES, "notes") && s->notes_depth > 0)
			s->notes_depth--;
		if (ns == NS_DRAW)
			shape_pop(s);
	}
	if (ns != NS_TEXT)
		return;
	if ((strcmp(name, "p") == 0 || strcmp(name, "h") == 0) && s->npara > 0)
		para_close(s);
	else if (strcmp(name, "list") == 0 && s->list_depth > 0)
		s->list_depth--;
	else if (strcmp(name, "list-header") == 0 && s->header_depth > 0)
		s->header_depth--;
}

/* ---- dispatch ---- */

static void
title_start(struct pstate *s, int ns, const char *name)
{
	if (is(ns, name, NS_DC, "title") && s->o->title.len == 0)
		s->in_t = 1;
}

static void
on_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct pstate *s = ctx;

	s->depth++;
	if (s->skip_at > 0)
		return;
	/* markup compatibility: the fallback repeats the choice */
	if (is(ns, name, NS_MC, "Fallback")) {
		skip(s);
		return;
	}
	switch (s->mode) {
	case M_SLIDE:
	case M_NOTES:
		pptx_start(s, ns, name, attrs);
		break;
	case M_PRESENTATION:
		presentation_start(s, ns, name, attrs);
		break;
	case M_RELS:
		rels_start(s, ns, name, attrs);
		break;
	case M_CORE:
	case M_ODF_META:
		title_start(s, ns, name);
		break;
	case M_DOCX:
		docx_start(s, ns, name, attrs);
		break;
	case M_DOCX_STYLES:
		docx_styles_start(s, ns, name, attrs);
		break;
	case M_ODF_CONTENT:
		odf_content_start(s, ns, name, attrs);
		break;
	case M_ODF_STYLES:
		/* its automatic styles are those of headers and footers,
		 * named like (and not to be confused with) content.xml's */
		if (is(ns, name, NS_OFFICE, "automatic-styles") ||
		    is(ns, name, NS_OFFICE, "master-styles"))
			skip(s);
		else
			odf_style_start(s, ns, name, attrs);
		break;
	case M_MANIFEST:
		if (is(ns, name, NS_MANIFEST, "encryption-data"))
			s->encrypted = 1;
		break;
	case M_NONE:
		break;
	}
}

static void
on_end(void *ctx, int ns, const char *name)
{
	struct pstate *s = ctx;

	if (s->skip_at > 0) {
		if (s->depth == s->skip_at)
			s->skip_at = 0;
		s->depth--;
		return;
	}
	switch (s->mode) {
	case M_SLIDE:
	case M_NOTES:
		pptx_end(s, ns, name);
		break;
	case M_CORE:
	case M_ODF_META:
		s->in_t = 0;
		break;
	case M_DOCX:
		docx_end(s, ns, name);
		break;
	case M_DOCX_STYLES:
		docx_styles_end(s, ns, name);
		break;
	case M_ODF_CONTENT:
		odf_content_end(s, ns, name);
		break;
	default:
		break;
	}
	s->depth--;
}

static void
on_text(void *ctx, const char *t, size_t n)
{
	struct pstate *s = ctx;

	if (s->skip_at > 0)
		return;
	switch (s->mode) {
	case M_SLIDE:
	case M_NOTES:
	case M_DOCX:
		if (s->in_t)
			add_text(s, t, n);
		break;
	case M_CORE:
	case M_ODF_META:
		if (s->in_t)
			buf_add(&s->o->title, t, n);
		break;
	case M_ODF_CONTENT:
		add_text(s, t, n);
		break;
	default:
		break;
	}
}

/* ---- reading the archive ---- */

/* What to make of a member of a document of this kind. */
static enum mode
member_mode(const struct office *o, const char *m)
{
	switch (o->kind) {
	case OFFICE_PPTX:
		if (strcmp(m, PPTX_PRESENTATION) == 0)
			return M_PRESENTATION;
		if (strcmp(m, "ppt/_rels/presentation.xml.rels") == 0)
			return M_RELS;
		if (strcmp(m, "docProps/core.xml") == 0)
			return M_CORE;
		if (has_prefix(m, "ppt/slides/slide") && has_suffix(m, ".xml"))
			return M_SLIDE;
		if (!o->d->notes)
			return M_NONE;
		if (has_prefix(m, "ppt/slides/_rels/slide") &&
		    has_suffix(m, ".xml.rels"))
			return M_RELS;
		if (has_prefix(m, "ppt/notesSlides/notesSlide") &&
		    has_suffix(m, ".xml"))
			return M_NOTES;
		return M_NONE;
	case OFFICE_DOCX:
		if (strcmp(m, "word/document.xml") == 0)
			return M_DOCX;
		if (strcmp(m, "word/styles.xml") == 0)
			return M_DOCX_STYLES;
		if (strcmp(m, "docProps/core.xml") == 0)
			return M_CORE;
		return M_NONE;
	case OFFICE_ODP:
	case OFFICE_ODT:
		if (strcmp(m, "content.xml") == 0)
			return M_ODF_CONTENT;
		if (strcmp(m, "styles.xml") == 0)
			return M_ODF_STYLES;
		if (strcmp(m, "meta.xml") == 0)
			return M_ODF_META;
		return M_NONE;
	default:
		return M_NONE;
	}
}

/* N of "ppt/slides/slideN.xml"; 0 when the name is not of that form. */
static unsigned long
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
static void
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

struct feed {
	struct pstate *s;
	struct arc *a;
};

static void
xml_complain(struct arc *a, struct xml *x)
{
	warnmsg("%s:%s:%lu: %s", err_name(arc_name(a)), arc_member_shown(a),
	    xml_error_line(x), xml_error(x));
}

static int
feed_chunk(void *ctx, const char *p, size_t n)
{
	struct feed *f = ctx;

	if (xml_feed(f->s->x, p, n, 0) < 0) {
		xml_complain(f->a, f->s->x);
		return -1;
	}
	return 0;
}

static const struct xml_handlers handlers = { on_start, on_end, on_text };

static void
pstate_free(struct pstate *s)
{
	while (s->npara > 0)
		free(s->paras[--s->npara].style);
	free(s->paras);
	free(s->shapes);
	buf_free(&s->ptext);
	free(s->rels_source);
	free(s->rels_base);
	xml_free(s->x);
}

/* Parse the current member in the given mode.  0, or -1 after a message. */
static int
parse_member(struct office *o, struct arc *a, enum mode mode, int *flag)
{
	struct pstate s;
	struct feed f;
	const char *m = arc_member(a);
	size_t part = 0;
	int r;

	memset(&s, 0, sizeof s);
	s.o = o;
	s.mode = mode;
	if ((s.x = xml_new(namespaces, &handlers, &s)) == NULL) {
		arc_warn(a, "out of memory");
		return -1;
	}
	if (mode == M_SLIDE || mode == M_NOTES) {
		part = part_begin(o, m, mode == M_SLIDE ? PT_SLIDE : PT_NOTES);
		o->parts[part].number = mode == M_SLIDE ? slide_number(m) : 0;
	} else if (mode == M_DOCX ||
	    (mode == M_ODF_CONTENT && o->kind == OFFICE_ODT)) {
		part = part_begin(o, m, PT_BODY);
	}
	if (mode == M_RELS)
		rels_names(&s, m);
	f.s = &s;
	f.a = a;
	r = arc_stream(a, ARC_MEMBER_LIMIT, feed_chunk, &f);
	if (r == 0 && xml_feed(s.x, "", 0, 1) < 0) {
		xml_complain(a, s.x);
		r = -1;
	}
	if (r == 0 && (mode == M_SLIDE || mode == M_NOTES || mode == M_DOCX ||
	    (mode == M_ODF_CONTENT && o->kind == OFFICE_ODT)))
		part_end(o, part);
	if (flag != NULL)
		*flag = s.encrypted;
	pstate_free(&s);
	return r;
}

/* ---- putting the document together ---- */

static int
part_name_cmp(const void *a, const void *b)
{
	const struct part *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int
part_number_cmp(const void *a, const void *b)
{
	const struct part *const *x = a, *const *y = b;

	if ((*x)->number != (*y)->number)
		return (*x)->number < (*y)->number ? -1 : 1;
	return strcmp((*x)->name, (*y)->name);
}

/* The parts that have names, sorted by name, for part_find. */
static struct part **
parts_by_name(struct office *o, size_t *n)
{
	struct part **v = xreallocarray(NULL, o->npart + 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < o->npart; i++)
		if (o->parts[i].name != NULL)
			v[(*n)++] = &o->parts[i];
	qsort(v, *n, sizeof *v, part_name_cmp);
	return v;
}

static struct part *
part_find(struct part **v, size_t n, const char *name)
{
	struct part key, *kp = &key, **hit;

	key.name = (char *)name;
	hit = bsearch(&kp, v, n, sizeof *v, part_name_cmp);
	return hit != NULL ? *hit : NULL;
}

static void
emit(struct office *o, long unit, enum block_kind kind, int level,
    const struct para *p)
{
	doc_block(o->d, unit, kind, level, o->text.data + p->off, p->len);
}

static void
emit_title(struct office *o)
{
	if (o->title.len > 0)
		doc_block(o->d, 0, K_TITLE, 0, o->title.data, o->title.len);
}

/* One slide or page: its title first, then the rest, then its notes. */
static void
emit_slide(struct office *o, long unit, const struct part *slide,
    const struct part *notes)
{
	size_t i;
	const struct para *p;

	for (i = 0; i < slide->n; i++) {
		p = &o->paras[slide->first + i];
		if (p->role == R_TITLE)
			emit(o, unit, K_TITLE, 0, p);
	}
	for (i = 0; i < slide->n; i++) {
		p = &o->paras[slide->first + i];
		if (p->role == R_BULLET)
			emit(o, unit, K_BULLET, p->level, p);
		else if (p->role == R_TEXT)
			emit(o, unit, K_TEXT, 0, p);
	}
	for (i = 0; o->d->notes && i < slide->n; i++) {
		p = &o->paras[slide->first + i];
		if (p->role == R_NOTE)
			emit(o, unit, K_TEXT, 0, p);
	}
	for (i = 0; o->d->notes && notes != NULL && i < notes->n; i++) {
		p = &o->paras[notes->first + i];
		if (p->role == R_NOTE)
			emit(o, unit, K_TEXT, 0, p);
	}
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

static int
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

static int
emit_odp(struct office *o)
{
	size_t i;
	long unit = 0;

	emit_title(o);
	for (i = 0; i < o->npart; i++)
		if (o->parts[i].type == PT_PAGE)
			emit_slide(o, ++unit, &o->parts[i], NULL);
	return 0;
}

static int
style_cmp(const void *a, const void *b)
{
	const struct style *x = a, *y = b;

	return strcmp(x->id, y->id);
}

static struct style *
style_find(struct office *o, const char *id, size_t len)
{
	char key[256];
	struct style k;

	if (len >= sizeof key || o->nstyle == 0)
		return NULL;
	memcpy(key, id, len);
	key[len] = '\0';
	k.id = key;
	return bsearch(&k, o->styles, o->nstyle, sizeof *o->styles, style_cmp);
}

/* A trailing " N" or "N" of a style name: N - 1, or -1. */
static int
trailing_level(const char *s, size_t len)
{
	if (len > 0 && s[len - 1] >= '1' && s[len - 1] <= '9' &&
	    (len < 2 || s[len - 2] < '0' || s[len - 2] > '9'))
		return s[len - 1] - '1';
	return -1;
}

/*
 * The class of a style by its name: Word's built-in English names
 * ("heading 1", "Title", "List Bullet 2"), which localised documents keep
 * in w:name, or the same without spaces as style ids ("Heading1"), and
 * OpenDocument's names ("Title", "Heading_20_1").
 */
static enum style_class
name_class(const char *name, int *level)
{
	char n[64];
	size_t i, len = 0;

	for (i = 0; name[i] != '\0' && len < sizeof n - 1; i++) {
		char c = name[i];

		if (c == ' ' || c == '_')
			continue;
		n[len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	n[len] = '\0';
	*level = trailing_level(n, len);
	if (strcmp(n, "title") == 0)
		return S_TITLE;
	if (strcmp(n, "subtitle") == 0)
		return S_SUBTITLE;
	if (*level >= 0 && (len == 8 && has_prefix(n, "heading")))
		return S_HEADING;
	if (*level >= 0 && strcmp(n, "heading20") != 0 &&
	    has_prefix(n, "heading20") && len == 10)
		return S_HEADING;	/* odf Heading_20_N */
	if (*level >= 0 && has_prefix(n, "toc") && len == 4)
		return S_TOC;
	if (strcmp(n, "listparagraph") == 0 || has_prefix(n, "listbullet") ||
	    has_prefix(n, "listnumber") ||
	    (has_prefix(n, "list") && len == 5 && *level >= 0))
		return S_LIST;
	return S_NONE;
}

static void
style_resolve(struct office *o, struct style *st, int depth)
{
	struct style *base = NULL;
	int level;

	if (st->resolved != 0)
		return;		/* done, or a loop of based-on styles */
	st->resolved = 1;
	st->cls = name_class(st->name ? st->name : st->id, &level);
	st->cls_level = level;
	if (st->cls == S_NONE && st->outline >= 0 && st->outline <= MAX_LEVEL) {
		st->cls = S_HEADING;
		st->cls_level = st->outline;
	}
	st->r_num = st->num;
	st->r_ilvl = st->ilvl;
	if (st->based != NULL && depth < MAX_STYLE_CHAIN)
		base = style_find(o, st->based, strlen(st->based));
	if (base != NULL && base != st) {
		style_resolve(o, base, depth + 1);
		if (st->cls == S_NONE && base->resolved == 2) {
			st->cls = base->cls;
			st->cls_level = base->cls_level;
		}
		if (st->r_num < 0 && base->resolved == 2)
			st->r_num = base->r_num;
		if (st->r_ilvl < 0 && base->resolved == 2)
			st->r_ilvl = base->r_ilvl;
	}
	st->resolved = 2;
}

/* The block a docx or odt paragraph gives: its kind and level, or -1. */
static int
text_para_kind(struct office *o, const struct para *p, int *level)
{
	enum style_class cls = S_NONE;
	int clevel = -1, snum = -1, silvl = -1;

	if (p->slen > 0) {
		struct style *st = style_find(o, o->text.data + p->soff,
		    p->slen);

		if (st != NULL) {
			style_resolve(o, st, 0);
			cls = st->cls;
			clevel = st->cls_level;
			snum = st->r_num;
			silvl = st->r_ilvl;
		} else {
			char id[64];
			size_t n = p->slen < sizeof id ? p->slen :
			    sizeof id - 1;

			memcpy(id, o->text.data + p->soff, n);
			id[n] = '\0';
			cls = name_class(id, &clevel);
		}
	}
	*level = 0;
	if (p->role == R_HEADING) {
		*level = p->level;
		return K_HEADING;
	}
	if (p->outline >= 0 && p->outline <= MAX_LEVEL) {
		*level = p->outline;
		return K_HEADING;
	}
	if (cls == S_HEADING) {
		*level = clevel < 0 ? 0 : clevel;
		return K_HEADING;
	}
	if (cls == S_TITLE)
		return K_TITLE;
	if (cls == S_TOC)
		return -1;
	if (p->role == R_BULLET) {
		*level = p->level;
		return K_BULLET;
	}
	if (p->num == 1 || (p->num < 0 && snum == 1) || cls == S_LIST) {
		*level = p->ilvl >= 0 ? p->ilvl : silvl >= 0 ? silvl :
		    clevel >= 0 ? clevel : 0;
		return K_BULLET;
	}
	return K_TEXT;
}

/*
 * A text document: the title, then sections; each heading begins a new
 * unit, and text before the first heading is unit 1.
 */
static int
emit_text_document(struct office *o)
{
	size_t i;
	long unit = 0;

	if (o->nstyle > 1)
		qsort(o->styles, o->nstyle, sizeof *o->styles, style_cmp);
	emit_title(o);
	for (i = 0; i < o->npart; i++) {
		const struct part *pt = &o->parts[i];
		size_t j;

		if (pt->type != PT_BODY)
			continue;
		for (j = 0; j < pt->n; j++) {
			const struct para *p = &o->paras[pt->first + j];
			int level, kind = text_para_kind(o, p, &level);

			if (kind < 0 || blank(o, o->text.data + p->off, p->len))
				continue;
			if (kind == K_HEADING)
				unit++;
			else if (unit == 0 && kind != K_TITLE)
				unit = 1;
			emit(o, unit, (enum block_kind)kind, level, p);
		}
	}
	return 0;
}

/* ---- the interface ---- */

static void
office_free(struct office *o)
{
	size_t i;

	for (i = 0; i < o->npart; i++)
		free(o->parts[i].name);
	free(o->parts);
	free(o->paras);
	for (i = 0; i < o->nstyle; i++) {
		free(o->styles[i].id);
		free(o->styles[i].name);
		free(o->styles[i].based);
	}
	free(o->styles);
	pairs_free(&o->slide_order);
	pairs_free(&o->pres_rels);
	pairs_free(&o->notes_of);
	buf_free(&o->text);
	buf_free(&o->title);
	buf_free(&o->scratch);
}

int
office_is_zip(const char *data, size_t len)
{
	/* a local file header, or the end record of an empty archive */
	return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
	    ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

static enum office_kind
odf_mimetype(const char *s, size_t len)
{
	static const char pre[] = "application/vnd.oasis.opendocument.";
	size_t n = sizeof pre - 1;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
	    s[len - 1] == ' '))
		len--;
	if (len < n || memcmp(s, pre, n) != 0)
		return OFFICE_ZIP;
	s += n;
	len -= n;
	if ((len == 12 && memcmp(s, "presentation", 12) == 0) ||
	    (len == 21 && memcmp(s, "presentation-template", 21) == 0))
		return OFFICE_ODP;
	if ((len == 4 && memcmp(s, "text", 4) == 0) ||
	    (len == 13 && memcmp(s, "text-template", 13) == 0))
		return OFFICE_ODT;
	return OFFICE_ZIP;
}

/*
 * The kind by members; *package is set when the zip is some office
 * package at all (OOXML content types, an OpenDocument mimetype), even
 * one of a kind not read here.
 */
static enum office_kind
detect(const char *data, size_t len, int *package)
{
	struct arc *a = arc_open_zip(data, len, NULL, ARC_QUIET);
	enum office_kind kind = OFFICE_ZIP, mime = OFFICE_NONE;
	int pptx = 0, docx = 0, r;
	struct buf b = BUF_INIT;

	*package = 0;
	if (a == NULL)
		return OFFICE_NONE;
	while ((r = arc_next(a)) > 0) {
		const char *m = arc_member(a);

		if (!arc_is_file(a))
			continue;
		if (strcmp(m, "[Content_Types].xml") == 0)
			*package = 1;
		else if (has_prefix(m, "ppt/"))
			pptx = 1;
		else if (has_prefix(m, "word/"))
			docx = 1;
		else if (strcmp(m, "mimetype") == 0 && mime == OFFICE_NONE &&
		    !arc_is_encrypted(a) && arc_read(a, &b, 256) == 0) {
			mime = odf_mimetype(b.data, b.len);
			*package = 1;
		}
	}
	buf_free(&b);
	arc_close(a);
	if (r < 0)
		return OFFICE_NONE;
	if (mime == OFFICE_ODP || mime == OFFICE_ODT)
		kind = mime;
	else if (pptx)
		kind = OFFICE_PPTX;
	else if (docx)
		kind = OFFICE_DOCX;
	return kind;
}

enum office_kind
office_detect(const char *data, size_t len)
{
	int package;

	return detect(data, len, &package);
}

/*
 * A password-protected OpenDocument file is a readable zip whose parts
 * are encrypted inside it; its manifest says so, and saying that is
 * better than an XML error about content.xml.  0, or -1 after a message.
 */
static int
odf_check_encryption(struct office *o, const char *data, size_t len)
{
	struct arc *a = arc_open_zip(data, len, o->name, 0);
	int r, encrypted = 0;

	if (a == NULL)
		return -1;
	while ((r = arc_next(a)) > 0) {
		if (arc_is_file(a) &&
		    strcmp(arc_member(a), "META-INF/manifest.xml") == 0) {
			r = parse_member(o, a, M_MANIFEST, &encrypted);
			break;
		}
	}
	arc_close(a);
	if (r < 0)
		return -1;
	if (encrypted) {
		warnmsg("%s: document is password-protected",
		    err_name(o->name));
		return -1;
	}
	return 0;
}

/* Why data, which looks like a zip, cannot be read: a message. */
static void
complain_unreadable(const char *name, const char *data, size_t len)
{
	struct arc *a = arc_open_zip(data, len, name, 0);
	int r;

	if (a == NULL)
		return;
	while ((r = arc_next(a)) > 0)
		;
	arc_close(a);
	if (r == 0)
		warnmsg("%s: not a readable zip archive", err_name(name));
}

/* One pass over the archive, parsing the parts that matter. */
static int
read_parts(struct office *o, const char *data, size_t len)
{
	struct arc *a = arc_open_zip(data, len, o->name, 0);
	int r;

	if (a == NULL)
		return -1;
	while ((r = arc_next(a)) > 0) {
		const char *m = arc_member(a);
		enum mode mode;

		if (!arc_is_file(a) || (mode = member_mode(o, m)) == M_NONE)
			continue;
		if (parse_member(o, a, mode, NULL) < 0) {
			r = -1;
			break;
		}
		if (mode == M_PRESENTATION)
			o->have_presentation = 1;
		else if (mode == M_RELS &&
		    strcmp(m, "ppt/_rels/presentation.xml.rels") == 0)
			o->have_pres_rels = 1;
		if (mode == M_DOCX || mode == M_ODF_CONTENT ||
		    mode == M_PRESENTATION || mode == M_SLIDE)
			o->have_main = 1;
	}
	arc_close(a);
	return r;
}

int
office_ingest(struct doc *d, const char *name, const char *data,
    size_t len, enum office_kind kind)
{
	struct office o;
	int r, package;

	if (kind == OFFICE_NONE || kind == OFFICE_ZIP)
		kind = detect(data, len, &package);
	if (kind == OFFICE_NONE) {
		complain_unreadable(name, data, len);
		return -1;
	}
	if (kind == OFFICE_ZIP) {
		warnmsg("%s: no presentation or text document in this zip "
		    "archive", err_name(name));
		return -1;
	}
	memset(&o, 0, sizeof o);
	o.d = d;
	o.name = name;
	o.kind = kind;
	r = 0;
	if (kind == OFFICE_ODP || kind == OFFICE_ODT)
		r = odf_check_encryption(&o, data, len);
	if (r == 0)
		r = read_parts(&o, data, len);
	if (r == 0 && !o.have_main) {
		warnmsg("%s: missing part %s", err_name(name),
		    kind == OFFICE_PPTX ? PPTX_PRESENTATION :
		    kind == OFFICE_DOCX ? "word/document.xml" : "content.xml");
		r = -1;
	}
	if (r == 0) {
		if (kind == OFFICE_PPTX)
			r = emit_pptx(&o);
		else if (kind == OFFICE_ODP)
			r = emit_odp(&o);
		else
			r = emit_text_document(&o);
	}
	office_free(&o);
	return r < 0 ? -1 : 0;
}

#if SIZE_MAX > 0xffffffffu
#define ZIP_TOTAL_LIMIT (ARC_TOTAL_LIMIT * 4)
#else
#define ZIP_TOTAL_LIMIT ARC_TOTAL_LIMIT
#endif

/*
 * Zips inside zips being read now.  The one piece of mutable state in
 * this file: a zip that holds itself (they exist) must come to an end.
 */
static int zip_nesting;

static int
each_member(struct arc *a, member_fn fn, void *ctx)
{
	struct buf b = BUF_INIT;
	int r, fr, failed = 0;

	while ((r = arc_next(a)) > 0) {
		const char *m = arc_member(a);

		/* macOS archivers add resource forks beside every file */
		if (!arc_is_file(a) || has_prefix(m, "__MACOSX/"))
			continue;
		buf_clear(&b);
		if (arc_read(a, &b, ARC_MEMBER_LIMIT) < 0) {
			failed = 1;
			if (arc_is_encrypted(a))
				continue;
			break;	/* corrupt, or a bomb: trust no more */
		}
		if ((fr = fn(ctx, m, b.data, b.len)) < 0)
			failed = 1;
		if (fr == -2)
			break;	/* the caller wants no more */
	}
	buf_free(&b);
	return r < 0 || failed ? -1 : 0;
}

int
zip_each_member(const char *name, const char *data, size_t len,
    member_fn fn, void *ctx)
{
	struct arc *a;
	int r, package;

	if (zip_nesting >= MAX_ZIP_NESTING) {
		warnmsg("%s: zip archives nested more than %d deep",
		    err_name(name), MAX_ZIP_NESTING);
		return -1;
	}
	/* an .xlsx, say: members that are no documents of their own */
	if (detect(data, len, &package) == OFFICE_ZIP && package) {
		warnmsg("%s: office document of a kind not read "
		    "(.pptx .docx .odp .odt are)", err_name(name));
		return -1;
	}
	if ((a = arc_open_zip(data, len, name, 0)) == NULL)
		return -1;
	arc_set_total_limit(a, ZIP_TOTAL_LIMIT);
	zip_nesting++;
	r = each_member(a, fn, ctx);
	zip_nesting--;
	arc_close(a);
	return r;
}
