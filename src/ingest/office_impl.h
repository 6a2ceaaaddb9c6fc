/*
 * The parts of the office reader that its three files share: the
 * document being collected (parts, paragraphs, styles), the state of the
 * XML part being parsed, and the functions one file gives the others.
 * office.c: what Office Open XML and OpenDocument share, the parser's
 * dispatch, reading the archive, text documents' styles;
 * ooxml.c: .pptx and .docx; odf.c: .odp and .odt.
 */
#ifndef SAMLING_INGEST_OFFICE_IMPL_H
#define SAMLING_INGEST_OFFICE_IMPL_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "office.h"

struct arc;
struct xml;

/* Namespaces, by number; strict OOXML spells its URIs differently. */
enum { NS_P, NS_A, NS_R, NS_W, NS_RELS, NS_DC, NS_MC, NS_TEXT, NS_DRAW,
	NS_PRES, NS_OFFICE, NS_STYLE, NS_SVG, NS_MANIFEST };

#define PPTX_PRESENTATION "ppt/presentation.xml"
#define MAX_LEVEL 8		/* deepest bullet or heading level kept */
#define MAX_STYLE_CHAIN 16	/* styles based on styles, at most */

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

/* office.c: shared */
int el_is(int ns, const char *name, int want_ns, const char *want);
int has_prefix(const char *s, const char *prefix);
int has_suffix(const char *s, const char *suffix);
int small_number(const char *s, int dflt, int max);
void pairs_add(struct pairs *p, const char *key, const char *value);
void pairs_sort(struct pairs *p);
const char *pairs_find(const struct pairs *p, const char *key);
size_t part_begin(struct office *o, const char *name, enum part_type type);
void part_end(struct office *o, size_t part);
struct style *style_add(struct office *o, const char *id);
void el_skip(struct pstate *s);
void shape_push(struct pstate *s, enum shape shape);
void shape_pop(struct pstate *s);
enum shape shape_now(const struct pstate *s);
struct openpara *para_top(struct pstate *s);
struct openpara *para_open(struct pstate *s);
void add_text(struct pstate *s, const char *t, size_t n);
void para_close(struct pstate *s);
int parse_member(struct office *o, struct arc *a, enum mode mode, int *flag);
struct part **parts_by_name(struct office *o, size_t *n);
struct part *part_find(struct part **v, size_t n, const char *name);
void emit_title(struct office *o);
void emit_slide(struct office *o, long unit, const struct part *slide,
    const struct part *notes);

/* ooxml.c: Office Open XML */
void pptx_start(struct pstate *s, int ns, const char *name, const char **attrs);
void pptx_end(struct pstate *s, int ns, const char *name);
void presentation_start(struct pstate *s, int ns, const char *name,
    const char **attrs);
void rels_start(struct pstate *s, int ns, const char *name, const char **attrs);
void docx_start(struct pstate *s, int ns, const char *name, const char **attrs);
void docx_end(struct pstate *s, int ns, const char *name);
void docx_styles_start(struct pstate *s, int ns, const char *name,
    const char **attrs);
void docx_styles_end(struct pstate *s, int ns, const char *name);
unsigned long slide_number(const char *m);
void rels_names(struct pstate *s, const char *m);
int emit_pptx(struct office *o);

/* odf.c: OpenDocument */
void odf_style_start(struct pstate *s, int ns, const char *name,
    const char **attrs);
void odf_content_start(struct pstate *s, int ns, const char *name,
    const char **attrs);
void odf_content_end(struct pstate *s, int ns, const char *name);
int emit_odp(struct office *o);
enum office_kind odf_mimetype(const char *s, size_t len);
int odf_check_encryption(struct office *o, const char *data, size_t len);

#endif
