/* XML through expat: namespace numbers, pieces, hostile-input guards. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "xml.h"
#include "xalloc.h"

/*
 * Expat joins a namespace URI and a local name with this character.  A
 * line feed cannot stand in a local name, so the last one splits them.
 */
#define NS_SEP '\n'

struct xml {
	XML_Parser p;
	const struct xml_ns *ns;
	struct xml_handlers h;
	void *ctx;
	const char *stop_msg;		/* set by xml_stop */
	unsigned long stop_line;
};

/* The namespace number of uri[0..len), -1 when not in the table. */
static int
ns_lookup(const struct xml *x, const char *uri, size_t len)
{
	const struct xml_ns *n;

	if (x->ns == NULL)
		return -1;
	for (n = x->ns; n->uri != NULL; n++)
		if (strncmp(n->uri, uri, len) == 0 && n->uri[len] == '\0')
			return n->id;
	return -1;
}

/* Split an expat name into namespace number and local name. */
static const char *
split_name(const struct xml *x, const char *qname, int *ns)
{
	const char *sep = strrchr(qname, NS_SEP);

	if (sep == NULL) {
		*ns = -1;
		return qname;
	}
	*ns = ns_lookup(x, qname, (size_t)(sep - qname));
	return sep + 1;
}

static void XMLCALL
on_start(void *data, const XML_Char *qname, const XML_Char **attrs)
{
	struct xml *x = data;
	const char *name;
	int ns;

	if (x->h.start == NULL)
		return;
	name = split_name(x, qname, &ns);
	x->h.start(x->ctx, ns, name, attrs);
}

static void XMLCALL
on_end(void *data, const XML_Char *qname)
{
	struct xml *x = data;
	const char *name;
	int ns;

	if (x->h.end == NULL)
		return;
	name = split_name(x, qname, &ns);
	x->h.end(x->ctx, ns, name);
}

static void XMLCALL
on_text(void *data, const XML_Char *s, int len)
{
	struct xml *x = data;

	if (x->h.text != NULL && len > 0)
		x->h.text(x->ctx, s, (size_t)len);
}

/* No office format declares entities; a document that does is hostile. */
static void XMLCALL
on_entity_decl(void *data, const XML_Char *name, int is_param,
    const XML_Char *value, int value_len, const XML_Char *base,
    const XML_Char *system_id, const XML_Char *public_id,
    const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len;
	(void)base, (void)system_id, (void)public_id, (void)notation;
	xml_stop(data, "entity declarations are not allowed");
}

struct xml *
xml_new(const struct xml_ns *ns, const struct xml_handlers *h, void *ctx)
{
	struct xml *x = xcalloc(1, sizeof *x);

	x->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (x->p == NULL) {
		free(x);
		return NULL;
	}
	x->ns = ns;
	if (h != NULL)
		x->h = *h;
	x->ctx = ctx;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetEntityDeclHandler(x->p, on_entity_decl);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return x;
}

void
xml_free(struct xml *x)
{
	if (x == NULL)
		return;
	XML_ParserFree(x->p);
	free(x);
}

int
xml_feed(struct xml *x, const char *p, size_t n, int final)
{
	/* Expat takes an int length: feed a huge piece in parts. */
	while (n > INT_MAX / 2) {
		if (xml_feed(x, p, INT_MAX / 2, 0) < 0)
			return -1;
		p += INT_MAX / 2;
		n -= INT_MAX / 2;
	}
	if (XML_Parse(x->p, p, (int)n, final) == XML_STATUS_ERROR)
		return -1;
	return 0;
}

const char *
xml_error(const struct xml *x)
{
	const char *s;

	if (x->stop_msg != NULL)
		return x->stop_msg;
	s = XML_ErrorString(XML_GetErrorCode(x->p));
	return s != NULL ? s : "XML error";
}

unsigned long
xml_error_line(const struct xml *x)
{
	if (x->stop_msg != NULL)
		return x->stop_line;
	return (unsigned long)XML_GetCurrentLineNumber(x->p);
}

void
xml_stop(struct xml *x, const char *msg)
{
	if (x->stop_msg != NULL)
		return;
	x->stop_msg = msg;
	x->stop_line = (unsigned long)XML_GetCurrentLineNumber(x->p);
	XML_StopParser(x->p, XML_FALSE);
}

unsigned long
xml_line(const struct xml *x)
{
	return (unsigned long)XML_GetCurrentLineNumber(x->p);
}

const char *
xml_attr(const struct xml *x, const char **attrs, int ns, const char *name)
{
	size_t i;

	for (i = 0; attrs[i] != NULL; i += 2) {
		int ans;
		const char *local = split_name(x, attrs[i], &ans);

		/* ns -1 asks for an attribute in no namespace at all. */
		if (ns < 0 && local != attrs[i])
			continue;
		if (ans == ns && strcmp(local, name) == 0)
			return attrs[i + 1];
	}
	return NULL;
}
