/*
 * OpenDocument: .odp pages with their frames and notes, .odt
 * paragraphs, headings and lists, paragraph styles of both, and the
 * mimetype and manifest that tell the kind and a password.
 */
#include <stdlib.h>
#include <string.h>

#include "arc.h"
#include "buf.h"
#include "doc.h"
#include "err.h"
#include "office.h"
#include "office_impl.h"
#include "xalloc.h"
#include "xml.h"

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

void
odf_style_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *family, *sname, *parent;
	struct style *st;

	if (!el_is(ns, name, NS_STYLE, "style"))
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

void
odf_content_start(struct pstate *s, int ns, const char *name,
    const char **attrs)
{
	const char *cls;

	if (odf_skipped(ns, name)) {
		el_skip(s);
		return;
	}
	if (s->o->kind == OFFICE_ODP) {
		if (el_is(ns, name, NS_DRAW, "page") && !s->have_page) {
			s->page = part_begin(s->o, NULL, PT_PAGE);
			s->have_page = 1;
			s->title_para = 0;
			return;
		}
		if (el_is(ns, name, NS_PRES, "notes")) {
			if (!s->o->d->notes) {
				el_skip(s);
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

void
odf_content_end(struct pstate *s, int ns, const char *name)
{
	if (s->o->kind == OFFICE_ODP) {
		if (el_is(ns, name, NS_DRAW, "page") && s->have_page &&
		    s->nshape == 0) {
			part_end(s->o, s->page);
			s->have_page = 0;
			return;
		}
		if (el_is(ns, name, NS_PRES, "notes") && s->notes_depth > 0)
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

int
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

enum office_kind
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
 * A password-protected OpenDocument file is a readable zip whose parts
 * are encrypted inside it; its manifest says so, and saying that is
 * better than an XML error about content.xml.  0, or -1 after a message.
 */
int
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
