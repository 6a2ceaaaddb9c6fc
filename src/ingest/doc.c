/* Numbering, cleaning and writing the blocks of one document. */
#include <string.h>

#include "buf.h"
#include "csvio.h"
#include "doc.h"
#include "err.h"
#include "text.h"

/*
 * The source column is UTF-8 whatever the file system gives: a byte that
 * is not part of valid UTF-8 is written \xhh, and a backslash \\, so
 * that the name can be told back (samling-formats(5)).
 */
static void
source_name(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, n;

	while (i < len) {
		n = utf8_valid_prefix(s + i, len - i);
		while (n > 0) {
			const char *bs = memchr(s + i, '\\', n);
			size_t k = bs != NULL ? (size_t)(bs - (s + i)) : n;

			buf_add(out, s + i, k);
			i += k;
			n -= k;
			if (bs != NULL) {
				buf_add(out, "\\\\", 2);
				i++;
				n--;
			}
		}
		if (i < len) {
			unsigned char c = (unsigned char)s[i++];

			buf_addc(out, '\\');
			buf_addc(out, 'x');
			buf_addc(out, hex[c >> 4]);
			buf_addc(out, hex[c & 15]);
		}
	}
}

void
doc_begin(struct doc *d, const char *source, struct csvwriter *out, int notes)
{
	d->source = source;
	d->out = out;
	d->seq = 0;
	d->last_unit = -1;
	d->last_kind = K_TEXT;
	d->notes = notes;
	buf_clear(&d->last_text);
	buf_clear(&d->scratch);
	buf_clear(&d->source_field);
	source_name(&d->scratch, source, strlen(source));
	csvw_escape(out, &d->source_field, d->scratch.data, d->scratch.len);
	buf_clear(&d->scratch);
}

void
doc_clean_block(struct doc *d, long unit, enum block_kind kind, int level,
    const char *text, size_t len)
{
	if (len == 0)
		return;
	/*
	 * The same text twice in a row within a unit is a scraping artefact
	 * (a doubled credit line, a bullet repeated by the slide site).
	 */
	if (unit == d->last_unit && len == d->last_text.len &&
	    memcmp(text, d->last_text.data, len) == 0)
		return;
	if (d->over)
		return;
	/* about what the row takes: source, text, numbers, separators */
	if (d->source_field.len + len + 32 > d->budget) {
		warnat(d->source, 0, "output of this input past %zu MiB: "
		    "the rest is not read", d->budget_mib);
		d->over = 1;
		return;
	}
	d->budget -= d->source_field.len + len + 32;
	d->seq++;
	csvw_escaped(d->out, &d->source_field);
	csvw_long(d->out, unit);
	csvw_long(d->out, d->seq);
	csvw_plain(d->out, block_kind_name(kind));
	csvw_long(d->out, level < 0 ? 0 : level);
	csvw_field(d->out, text, len);
	if (d->lang != NULL)
		csvw_plain(d->out, d->lang);
	csvw_end(d->out);
	d->last_unit = unit;
	d->last_kind = kind;
	buf_clear(&d->last_text);
	buf_add(&d->last_text, text, len);
}

void
doc_block(struct doc *d, long unit, enum block_kind kind, int level,
    const char *text, size_t len)
{
	buf_clear(&d->scratch);
	text_clean(&d->scratch, text, len);
	doc_clean_block(d, unit, kind, level, d->scratch.data, d->scratch.len);
}

void
doc_set_budget(struct doc *d, size_t bytes)
{
	d->budget = bytes;
	d->budget_mib = bytes >> 20;
	d->over = 0;
}

void
doc_end(struct doc *d)
{
	buf_free(&d->last_text);
	buf_free(&d->scratch);
	buf_free(&d->source_field);
}
