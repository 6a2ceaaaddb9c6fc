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
 *
 * This file holds what both families share: the collected document, the
 * parser's state and dispatch, reading the archive, the styles of text
 * documents, and the interface of office.h.  ooxml.c reads the markup of
 * .pptx and .docx, odf.c that of .odp and .odt (office_impl.h).
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
#include "office_impl.h"
#include "text.h"
#include "xalloc.h"
#include "xml.h"

/* Namespaces, by number; see office_impl.h. */
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

int
el_is(int ns, const char *name, int want_ns, const char *want)
{
	return ns == want_ns && strcmp(name, want) == 0;
}

int
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A small non-negative number from an attribute; dflt when absent/bad. */
int
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

void
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
void
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

const char *
pairs_find(const struct pairs *p, const char *key)
{
	struct pair k = { (char *)key, NULL };
	const struct pair *hit;

	if (p->n == 0)
		return NULL;
	hit = bsearch(&k, p->v, p->n, sizeof *p->v, pair_cmp);
	return hit != NULL ? hit->value : NULL;
}

/* Does text[0..len) clean to nothing? */
static int
blank(struct office *o, const char *s, size_t len)
{
	buf_clear(&o->scratch);
	text_clean(&o->scratch, s, len);
	return o->scratch.len == 0;
}

size_t
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

void
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

struct style *
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

/* Ignore the element just started and all inside it. */
void
el_skip(struct pstate *s)
{
	s->skip_at = s->depth;
}

void
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

void
shape_pop(struct pstate *s)
{
	if (s->nshape > 0 && s->shapes[s->nshape - 1].depth == s->depth)
		s->nshape--;
}

enum shape
shape_now(const struct pstate *s)
{
	return s->nshape > 0 ? s->shapes[s->nshape - 1].shape : SH_NONE;
}

static unsigned long
shape_serial(const struct pstate *s)
{
	return s->nshape > 0 ? s->shapes[s->nshape - 1].serial : 0;
}

struct openpara *
para_top(struct pstate *s)
{
	return s->npara > 0 ? &s->paras[s->npara - 1] : NULL;
}

struct openpara *
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

void
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
void
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

static void
title_start(struct pstate *s, int ns, const char *name)
{
	if (el_is(ns, name, NS_DC, "title") && s->o->title.len == 0)
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
	if (el_is(ns, name, NS_MC, "Fallback")) {
		el_skip(s);
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
		if (el_is(ns, name, NS_OFFICE, "automatic-styles") ||
		    el_is(ns, name, NS_OFFICE, "master-styles"))
			el_skip(s);
		else
			odf_style_start(s, ns, name, attrs);
		break;
	case M_MANIFEST:
		if (el_is(ns, name, NS_MANIFEST, "encryption-data"))
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

struct feed {
	struct pstate *s;
	struct arc *a;
};

static void
xml_complain(struct arc *a, struct xml *x)
{
	warnmsg("%s: %s:%lu: %s", err_name(arc_name(a)),
	    err_name(arc_member(a)), xml_error_line(x), xml_error(x));
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
int
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

static int
part_name_cmp(const void *a, const void *b)
{
	const struct part *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* The parts that have names, sorted by name, for part_find. */
struct part **
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

struct part *
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

void
emit_title(struct office *o)
{
	if (o->title.len > 0)
		doc_block(o->d, 0, K_TITLE, 0, o->title.data, o->title.len);
}

/* One slide or page: its title first, then the rest, then its notes. */
void
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

/*
 * The kind by members; *package is set when the zip is some office
 * package at all (OOXML content types, an OpenDocument mimetype), even
 * one of a kind not read here.
 */
enum office_kind
office_detect(const char *data, size_t len, int *package)
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
		kind = office_detect(data, len, &package);
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
	int r;

	if ((a = arc_open_zip(data, len, name, 0)) == NULL)
		return -1;
	arc_set_total_limit(a, ZIP_TOTAL_LIMIT);
	r = each_member(a, fn, ctx);
	arc_close(a);
	return r;
}

