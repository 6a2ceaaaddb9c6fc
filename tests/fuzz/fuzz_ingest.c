/*
 * Fuzz target: samling-ingest's readers on arbitrary bytes, as main.c
 * drives them: encoding repair, then the transcript, article and plan
 * readers, and the office reader where the bytes look like a zip.
 *
 * sources: src/ingest/doc.c src/ingest/glyphs.c src/ingest/transcript.c src/ingest/article.c src/ingest/office.c src/ingest/ooxml.c src/ingest/odf.c src/ingest/chrome.c
 * seeds: tests/ingest/fixtures share/samling/examples
 */
#include <stdint.h>
#include <stdio.h>

#include "arc.h"
#include "buf.h"
#include "csvio.h"
#include "doc.h"
#include "enc.h"
#include "err.h"
#include "office.h"
#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const columns[] = {
	"source", "unit", "seq", "kind", "level", "text"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct csvwriter out;
	struct doc d = { 0 };
	struct buf text = BUF_INIT;
	const char *s = (const char *)data;

	if (devnull == NULL) {
		devnull = fopen("/dev/null", "w");
		err_setprog("fuzz-ingest");
	}
	csvw_init(&out, devnull, FMT_CSV, columns, 6);
	doc_begin(&d, "fuzz", &out, 1);
	doc_set_budget(&d, SIZE_MAX);
	if (arc_is_zip(s, size)) {
		int package;
		enum office_kind kind = office_detect(s, size, &package);

		if (kind != OFFICE_NONE && kind != OFFICE_ZIP)
			office_ingest(&d, "fuzz", s, size, kind);
	} else if (to_utf8(&text, s, size, NULL) == 0 && text.data != NULL) {
		transcript_ingest(&d, text.data, text.len);
		article_ingest(&d, text.data, text.len, 0);
		article_ingest(&d, text.data, text.len, 1);
	}
	doc_end(&d);
	csvw_free(&out);
	buf_free(&text);
	return 0;
}
