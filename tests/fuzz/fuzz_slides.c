/*
 * Fuzz target: the slide order and relationships of presentations.  The
 * bytes are not a file but a recipe: they choose how many slides there
 * are, which ids ppt/presentation.xml lists (repeated, missing, out of
 * order), where its relationships point (absent slides, "..", absolute
 * targets, other kinds of part), which slides have notes and whether the
 * notes exist, or for an .odp how pages, names and notes nest.  A valid
 * zip is made of it in memory and read as samling-ingest reads it, so
 * every run reaches pptx_order and emit_pptx rather than the zip reader.
 *
 * sources: src/ingest/doc.c src/ingest/glyphs.c src/ingest/office.c src/ingest/ooxml.c src/ingest/odf.c
 * seeds: tests/fuzz/seeds/slides
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "csvio.h"
#include "doc.h"
#include "err.h"
#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
	"xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
	"xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""

static const char *const columns[] = {
	"source", "unit", "seq", "kind", "level", "text"
};

/* The recipe, read a byte at a time; 0 once it runs out. */
struct recipe {
	const uint8_t *p;
	size_t n;
};

static unsigned
take(struct recipe *r)
{
	if (r->n == 0)
		return 0;
	r->n--;
	return *r->p++;
}

static void
add(struct archive *a, const char *name, const struct buf *b)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)b->len);
	archive_write_header(a, e);
	archive_write_data(a, b->data, b->len);
	archive_entry_free(e);
}

/* A few bytes of the recipe as slide text: XML-escaped, or raw. */
static void
text(struct recipe *r, struct buf *b)
{
	unsigned n = take(r) % 8, i, c;

	for (i = 0; i < n; i++) {
		c = take(r);
		if (c == '<')
			buf_printf(b, "&lt;");
		else if (c == '&')
			buf_printf(b, "&amp;");
		else if (c >= 0x20 && c < 0x7f)
			buf_addc(b, (char)c);
		else
			buf_printf(b, "%c", 'a' + (int)(c % 26));
	}
}

static const char *const targets[] = {
	"slides/slide%u.xml", "../ppt/slides/slide%u.xml",
	"/ppt/slides/slide%u.xml", "notesSlides/notesSlide%u.xml",
	"slides/../slides/slide%u.xml", "slides/slide%u.xml#x",
	"", "slideLayouts/slideLayout%u.xml",
};

static void
pptx(struct recipe *r, struct archive *a)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	unsigned nslides = take(r) % 8, nids = take(r) % 12, nrels = take(r) % 12;
	unsigned i, k;

	buf_printf(&b, "<?xml version=\"1.0\"?><Relationships xmlns=\"%s\">"
	    "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" "
	    "Target=\"ppt/presentation.xml\"/></Relationships>", NS_RELS, NS_R);
	add(a, "_rels/.rels", &b);
	buf_clear(&b);
	buf_printf(&b, "<?xml version=\"1.0\"?><p:presentation xmlns:r=\"%s\" "
	    "xmlns:p=\"%s\"><p:sldIdLst>", NS_R, NS_P);
	for (i = 0; i < nids; i++)
		buf_printf(&b, "<p:sldId id=\"%u\" r:id=\"rId%u\"/>", 256 + i,
		    take(r) % 10);
	buf_printf(&b, "</p:sldIdLst></p:presentation>");
	if (!(take(r) & 1))
		add(a, "ppt/presentation.xml", &b);
	buf_clear(&b);
	buf_printf(&b, "<?xml version=\"1.0\"?><Relationships xmlns=\"%s\">",
	    NS_RELS);
	for (i = 0; i < nrels; i++) {
		unsigned id = take(r) % 10, t = take(r);

		buf_printf(&b, "<Relationship Id=\"rId%u\" Type=\"%s/%s\" "
		    "Target=\"", id, NS_R, t & 0x80 ? "notesSlide" : "slide");
		buf_printf(&b, targets[t % 8], (t >> 3) % 10);
		buf_printf(&b, "\"/>");
	}
	buf_printf(&b, "</Relationships>");
	if (!(take(r) & 1))
		add(a, "ppt/_rels/presentation.xml.rels", &b);
	for (k = 1; k <= nslides; k++) {
		unsigned notes = take(r);

		buf_clear(&b);
		buf_printf(&b, "<?xml version=\"1.0\"?><p:sld xmlns:a=\"%s\" "
		    "xmlns:r=\"%s\" xmlns:p=\"%s\"><p:cSld><p:spTree><p:sp>"
		    "<p:nvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr>"
		    "</p:nvSpPr><p:txBody><a:p><a:r><a:t>", NS_A, NS_R, NS_P);
		text(r, &b);
		buf_printf(&b, "</a:t></a:r></a:p></p:txBody></p:sp>"
		    "</p:spTree></p:cSld></p:sld>");
		buf_clear(&name);
		buf_printf(&name, "ppt/slides/slide%u.xml", k);
		add(a, name.data, &b);
		if (!(notes & 1))
			continue;
		/* the slide's notes: maybe of another number, maybe absent */
		buf_clear(&b);
		buf_printf(&b, "<?xml version=\"1.0\"?><Relationships "
		    "xmlns=\"%s\"><Relationship Id=\"rId2\" "
		    "Type=\"%s/notesSlide\" Target=\"../notesSlides/"
		    "notesSlide%u.xml\"/></Relationships>", NS_RELS, NS_R,
		    (notes >> 1) % 10);
		buf_clear(&name);
		buf_printf(&name, "ppt/slides/_rels/slide%u.xml.rels", k);
		add(a, name.data, &b);
		if (notes & 0x40)
			continue;
		buf_clear(&b);
		buf_printf(&b, "<?xml version=\"1.0\"?><p:notes xmlns:a=\"%s\" "
		    "xmlns:p=\"%s\"><p:cSld><p:spTree><p:sp><p:nvSpPr><p:nvPr>"
		    "<p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr>"
		    "<p:txBody><a:p><a:r><a:t>", NS_A, NS_P);
		text(r, &b);
		buf_printf(&b, "</a:t></a:r></a:p></p:txBody></p:sp>"
		    "</p:spTree></p:cSld></p:notes>");
		buf_clear(&name);
		buf_printf(&name, "ppt/notesSlides/notesSlide%u.xml",
		    (notes >> 1) % 10);
		add(a, name.data, &b);
	}
	buf_free(&b);
	buf_free(&name);
}

static void
odp(struct recipe *r, struct archive *a)
{
	struct buf b = BUF_INIT;
	unsigned npages = take(r) % 10, i, shape;

	buf_printf(&b, "application/vnd.oasis.opendocument.presentation");
	add(a, "mimetype", &b);
	buf_clear(&b);
	buf_printf(&b, "<?xml version=\"1.0\"?><office:document-content %s>"
	    "<office:body><office:presentation>", ODF_NS);
	for (i = 0; i < npages; i++) {
		shape = take(r);
		buf_printf(&b, "<draw:page draw:name=\"p%u\">", shape % 4);
		buf_printf(&b, "<draw:frame presentation:class=\"%s\">"
		    "<draw:text-box><text:p>", shape & 4 ? "title" : "outline");
		text(r, &b);
		buf_printf(&b, "</text:p></draw:text-box></draw:frame>");
		if (shape & 8) {	/* notes, maybe a page inside them */
			buf_printf(&b, "<presentation:notes>%s<draw:frame "
			    "presentation:class=\"notes\"><draw:text-box>"
			    "<text:p>", shape & 16 ? "<draw:page>" : "");
			text(r, &b);
			buf_printf(&b, "</text:p></draw:text-box></draw:frame>"
			    "%s</presentation:notes>", shape & 16 ? "</draw:page>" : "");
		}
		if (!(shape & 32))
			buf_printf(&b, "</draw:page>");
	}
	buf_printf(&b, "</office:presentation></office:body>"
	    "</office:document-content>");
	add(a, "content.xml", &b);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	static char zip[1 << 20];
	struct recipe r = { data, size };
	struct csvwriter out;
	struct doc d = { 0 };
	struct archive *a;
	size_t used = 0;
	int kind = take(&r) & 1;

	if (devnull == NULL) {
		devnull = fopen("/dev/null", "w");
		err_setprog("fuzz-slides");
	}
	a = archive_write_new();
	archive_write_set_format_zip(a);
	archive_write_open_memory(a, zip, sizeof zip, &used);
	if (kind == 0)
		pptx(&r, a);
	else
		odp(&r, a);
	archive_write_close(a);
	archive_write_free(a);
	csvw_init(&out, devnull, FMT_CSV, columns, 6);
	doc_begin(&d, "fuzz", &out, 1);
	doc_set_budget(&d, SIZE_MAX);
	office_ingest(&d, "fuzz", zip, used,
	    kind == 0 ? OFFICE_PPTX : OFFICE_ODP);
	doc_end(&d);
	csvw_free(&out);
	return 0;
}
