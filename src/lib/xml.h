/*
 * XML through expat, namespace-aware, fed in pieces.
 *
 * The caller names the namespaces it cares about in a table of URI and
 * number pairs (several URIs may share a number, e.g. the transitional
 * and strict OOXML spellings); handlers then see each element as that
 * number (-1 for no or an unknown namespace) and its local name, so a
 * document may use any prefixes.  Text arrives in pieces, as expat gives
 * it; it is UTF-8 whatever the document's encoding.
 *
 * Hostile input: entity declarations (a DOCTYPE defining entities, the
 * way of "billion laughs" attacks) are refused outright, external
 * entities are never loaded, and expat's own amplification limits stay
 * on.  Nesting depth costs the handlers nothing: expat keeps its stack
 * on the heap.
 */
#ifndef SAMLING_XML_H
#define SAMLING_XML_H

#include <stddef.h>

struct xml_ns {
	const char *uri;	/* NULL ends the table */
	int id;			/* >= 0 */
};

struct xml_handlers {
	/* attrs: name, value, name, value, ..., NULL (use xml_attr) */
	void (*start)(void *ctx, int ns, const char *name, const char **attrs);
	void (*end)(void *ctx, int ns, const char *name);
	void (*text)(void *ctx, const char *s, size_t len);
};

struct xml;

/* ns is kept (not copied); handlers may be NULL. */
struct xml *xml_new(const struct xml_ns *ns, const struct xml_handlers *h,
    void *ctx);
void xml_free(struct xml *x);

/* Parse the next piece; final = 1 for the last.  0, or -1 on an error. */
int xml_feed(struct xml *x, const char *p, size_t n, int final);

/* After xml_feed failed: what is wrong, and the line it was found on. */
const char *xml_error(const struct xml *x);
unsigned long xml_error_line(const struct xml *x);

/* From a handler: stop parsing, xml_feed fails with this message. */
void xml_stop(struct xml *x, const char *msg);
/* The line the parser is at (from a handler). */
unsigned long xml_line(const struct xml *x);

/* An attribute's value by namespace number (-1 = none) and local name. */
const char *xml_attr(const struct xml *x, const char **attrs, int ns,
    const char *name);

#endif
