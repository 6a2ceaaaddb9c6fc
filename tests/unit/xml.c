/*
 * Unit test for src/lib/xml.c: namespace numbers whatever the prefixes,
 * attributes by namespace, text in pieces, errors with their lines, and
 * entity declarations refused.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "xml.h"

enum { NS_A, NS_B };

static const struct xml_ns spaces[] = {
	{ "urn:a", NS_A }, { "urn:a-strict", NS_A }, { "urn:b", NS_B },
	{ NULL, 0 }
};

struct seen {
	struct xml *x;
	struct buf log;
};

static int failures;

static void
expect(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL %s\n", what);
		failures++;
	}
}

static void
on_start(void *ctx, int ns, const char *name, const char **attrs)
{
	struct seen *s = ctx;
	const char *v = xml_attr(s->x, attrs, NS_B, "v");
	const char *plain = xml_attr(s->x, attrs, -1, "v");

	buf_printf(&s->log, "<%d:%s", ns, name);
	if (v != NULL)
		buf_printf(&s->log, " b:v=%s", v);
	if (plain != NULL)
		buf_printf(&s->log, " v=%s", plain);
	buf_addc(&s->log, '>');
}

static void
on_end(void *ctx, int ns, const char *name)
{
	struct seen *s = ctx;

	buf_printf(&s->log, "</%d:%s>", ns, name);
}

static void
on_text(void *ctx, const char *t, size_t n)
{
	struct seen *s = ctx;

	buf_add(&s->log, t, n);
}

static const struct xml_handlers handlers = { on_start, on_end, on_text };

/* Parse doc in pieces of step bytes; 0 or -1. */
static int
parse(struct seen *s, const char *doc, size_t step)
{
	size_t len = strlen(doc), i;
	int r = 0;

	buf_clear(&s->log);
	s->x = xml_new(spaces, &handlers, s);
	for (i = 0; r == 0 && i < len; i += step)
		r = xml_feed(s->x, doc + i, len - i < step ? len - i : step, 0);
	if (r == 0)
		r = xml_feed(s->x, "", 0, 1);
	return r;
}

static void
test_names(void)
{
	struct seen s = { NULL, BUF_INIT };
	static const char doc[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<p:r xmlns:p=\"urn:a\" xmlns:q=\"urn:b\" xmlns:z=\"urn:z\">"
	    "<q:e q:v=\"1\" v=\"2\" z:v=\"3\">bl&#229;b&#230;r</q:e>"
	    "<s:e xmlns:s=\"urn:a-strict\"/><plain/></p:r>";
	static const char want[] =
	    "<0:r><1:e b:v=1 v=2>blåbær</1:e><0:e></0:e><-1:plain></-1:plain>"
	    "</0:r>";
	size_t step;

	for (step = 1; step <= sizeof doc; step *= 3) {
		expect(parse(&s, doc, step) == 0, "well-formed document");
		expect(strcmp(s.log.data, want) == 0, "events");
		if (strcmp(s.log.data, want) != 0)
			printf("  got %s\n", s.log.data);
		xml_free(s.x);
	}
	buf_free(&s.log);
}

static void
test_errors(void)
{
	struct seen s = { NULL, BUF_INIT };

	expect(parse(&s, "<a>\n<b>\n</a>", 4) == -1, "mismatched tag fails");
	expect(xml_error_line(s.x) == 3, "mismatched tag on line 3");
	expect(strcmp(xml_error(s.x), "mismatched tag") == 0,
	    "mismatched tag message");
	xml_free(s.x);

	expect(parse(&s, "<a>\n<b>", 100) == -1, "truncated fails");
	xml_free(s.x);

	expect(parse(&s, "<!DOCTYPE a [\n<!ENTITY e \"x\">\n]>\n<a>&e;</a>",
	    7) == -1, "entity declaration refused");
	expect(strcmp(xml_error(s.x), "entity declarations are not allowed")
	    == 0, "entity message");
	expect(xml_error_line(s.x) == 2, "entity on line 2");
	xml_free(s.x);

	expect(parse(&s, "<a>&undefined;</a>", 100) == -1,
	    "undefined entity fails");
	xml_free(s.x);
	buf_free(&s.log);
}

int
main(void)
{
	test_names();
	test_errors();
	if (failures > 0)
		printf("%d failures\n", failures);
	return failures > 0;
}
