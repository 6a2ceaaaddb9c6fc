/* The writer render.c and html.c share: one format, one open list. */
#ifndef SAMLING_DIGEST_EMIT_H
#define SAMLING_DIGEST_EMIT_H

#include <stdio.h>

#include "digest.h"

struct emit {
	FILE *fp;
	enum docformat fmt;
	int open_list;
	int blocks;		/* headings, paragraphs and lists begun */
};

/* render.c */
void emit_text(struct emit *e, const char *s);
void emit_para(struct emit *e, const char *text);
void emit_list_end(struct emit *e);

/* html.c */
void html_begin(struct emit *e, const struct digest *d);
void html_heading(struct emit *e, int level, const char *text,
    const char *count);
void html_timeline(struct emit *e, const struct digest *d,
    const struct plan *p);
void html_end(struct emit *e);

#endif
