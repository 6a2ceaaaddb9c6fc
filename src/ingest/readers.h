/* The text readers of samling-ingest: each turns UTF-8 text into blocks. */
#ifndef SAMLING_INGEST_READERS_H
#define SAMLING_INGEST_READERS_H

#include <stddef.h>
#include "doc.h"

/* Slide transcripts scraped from presentation-sharing sites. */
int transcript_detect(const char *s, size_t len);
void transcript_ingest(struct doc *d, const char *s, size_t len);

/* Articles and Markdown-like plans. */
int markdown_detect(const char *s, size_t len);
void article_ingest(struct doc *d, const char *s, size_t len, int markdown);

/*
 * PDF, through pdftotext (poppler-utils): a page a unit, a line a block.
 * text is scratch space; limit bounds the text read.  0, or -1 after a
 * message (pdftotext missing or failing).
 */
int pdf_ingest(struct doc *d, const char *name, const char *data, size_t len,
    struct buf *text, size_t limit);

/* Shared by both: is the line page chrome of a slide-sharing site? */
int transcript_chrome_line(const char *line, size_t len);

/* Is the line chrome of a document- or slide-sharing page? */
int page_chrome_line(const char *line, size_t len);
/*
 * Is the line (is there in the text a line) of the chrome of a site that
 * prints documents page by page, each page's number before its text?
 */
int page_site_line(const char *line, size_t len);
int page_site_text(const char *s, size_t len);
/* Is the line the mark under a slide site's summary ("E N D")? */
int summary_end_line(const char *line, size_t len);
/* The length of a link before a line's text ("Klikk for stort bilete"), or 0. */
size_t chrome_prefix_len(const char *line, size_t len);

/*
 * A sharing site's head: the page's title, counters, and as its
 * description the text's opening once more, above a "Transcript" line.
 * site_head() returns where the text begins after that line (0: no
 * such line in the first lines) and keeps the text's opening, folded,
 * in k; site_snippet() tells a line of the head that repeats it, title
 * saying whether the line is the page's first but chrome.
 */
struct site_key {
	char key[256];
	size_t len;
};
size_t site_head(const char *s, size_t len, struct site_key *k);
int site_snippet(const char *line, size_t len, const struct site_key *k,
    int title);

/* Remove a link repeated right after itself ("www.x.no www.x.no"). */
size_t drop_doubled_links(char *s, size_t len);

/* Length of a bullet mark at s (glyph, •, –, -, *) plus its space, or 0. */
size_t bullet_mark_len(const char *s, size_t len);

#endif
