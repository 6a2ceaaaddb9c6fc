/*
 * Fuzz target: the .xlsx reader (xlsx.h, with arc.h and xml.h under it).
 * Bytes that start like a zip are read as a workbook as they stand.
 * Other bytes are cut at lines "@@" into the parts of a workbook --
 * workbook.xml, its relationships, sharedStrings.xml, the first sheet,
 * styles.xml -- and zipped (stored) here first, so that the XML readers see
 * arbitrary parts inside a sound archive.  Parts not given are left out.
 *
 * sources:
 * seeds: tests/fuzz/seeds/xlsx
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const members[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"
};
#define NPARTS (sizeof members / sizeof members[0])

static void
add_member(struct archive *a, const char *name, const char *s, size_t len)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_write_header(a, e);
	archive_write_data(a, s, len);
	archive_entry_free(e);
}

/* Zip the parts cut from s[0..len) into out[0..*outlen). */
static int
make_zip(const char *s, size_t len, char *out, size_t cap, size_t *outlen)
{
	struct archive *a = archive_write_new();
	size_t k = 0, start = 0, i;

	archive_write_set_format_zip(a);
	archive_write_set_option(a, "zip", "compression", "store");
	if (archive_write_open_memory(a, out, cap, outlen) != ARCHIVE_OK) {
		archive_write_free(a);
		return -1;
	}
	for (i = 0; i <= len && k < NPARTS; i++) {
		if (i == len || (i + 3 <= len && memcmp(s + i, "\n@@", 3) == 0)) {
			add_member(a, members[k++], s + start, i - start);
			start = i + 3;
			i += 2;
		}
	}
	archive_write_close(a);
	archive_write_free(a);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static char zip[(size_t)1 << 20];
	const char *s = (const char *)data;
	struct buf out = BUF_INIT;
	size_t ziplen = 0;

	if (!ready) {
		err_setprog("fuzz-xlsx");
		ready = 1;
	}
	if (xlsx_is_zip(s, size)) {
		xlsx_to_csv(s, size, "fuzz", NULL, size & 2 ? XLSX_EXACT : 0, &out);
	} else if (make_zip(s, size, zip, sizeof zip, &ziplen) == 0) {
		xlsx_to_csv(zip, ziplen, "fuzz", size & 1 ? "Mangler" : NULL, 0, &out);
	}
	buf_free(&out);
	return 0;
}
