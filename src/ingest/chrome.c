/*
 * Page chrome of the document- and slide-sharing sites users scrape
 * (docplayer, slideplayer, slideserve, powershow, vdocument, fdokumen,
 * slideshare, spotidoc, 9pdf, issuu): counters, buttons, view counts and
 * download links around the text.  A line is chrome by its whole form,
 * never by a word inside running text.
 */
#include <ctype.h>
#include <string.h>

#include "readers.h"

/* Lines that are chrome when they are the whole line. */
static const char *const chrome_whole[] = {
	"E N D", "Transkript", "TRANSCRIPT", "Transcript", "Documents",
	"Preview:", "less", "Copied!", "N/A", "Protected", "Fulltekst",
	"Click to see full reader", "Størrelse: px", "Begynne med side:",
	"WORD PNG TXT JPG", "About This Presentation", "Download",
	"Transcript and Presenter's Notes", "Presenter's Notes",
	"No results found", "Report", "Share", "Embed", "Like", "Laster....",
	"Loading....", "Loading...", "Historisk arkiv",
};

/* Lines that are chrome when they start so. */
static const char *const chrome_start[] = {
	"Download \"", "Download “", "Last ned \"", "Save this PDF as:",
	"Post on ", "Number of Views:", "Avg rating:", "Slides:",
	"Provided by:", "Category:", "SlideShare a Scribd company logo",
	"Share \"", "Academic year:", "Laster.... (", "Transcript of ",
	"Publisert under:", "Views:", "Uploaded on", "Upload ", "Added:",
};

/* Links that stand before the text of a line, which stays: a caption's. */
static const char *const chrome_prefix[] = {
	"Klikk for stort bilete", "Klikk for stort bilde",
	"Klikk for større bilde", "Click to enlarge",
};

size_t
chrome_prefix_len(const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i < sizeof chrome_prefix / sizeof chrome_prefix[0]; i++) {
		if (len == 0 || s[0] != chrome_prefix[i][0])
			continue;	/* (every line comes here: most go now) */
		n = strlen(chrome_prefix[i]);
		if (len >= n && memcmp(s, chrome_prefix[i], n) == 0) {
			while (n < len && s[n] == ' ')
				n++;
			return n;
		}
	}
	return 0;
}

/*
 * A line of digits and separators only: "4", "1 / 35", "(2)", "1 of 30";
 * not a year alone ("2026"), a timeline's heading.
 */
static int
counter_line(const char *s, size_t len)
{
	size_t i, digits = 0;

	if (len == 0 || len > 16)
		return 0;
	if (len == 4 && (memcmp(s, "19", 2) == 0 || memcmp(s, "20", 2) == 0) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
		return 0;
	for (i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (strchr(" /()|.", s[i]) == NULL &&
		    !(i + 2 < len && memcmp(s + i, "of", 2) == 0 && (i++, 1)))
			return 0;
	}
	return digits > 0;
}

/* "350 likes | 467 Views", "0 Views", "0 Downloads". */
static int
count_line(const char *s, size_t len)
{
	size_t i = 0;

	if (len > 40 || len == 0 || !isdigit((unsigned char)s[0]))
		return 0;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == ' ' ||
	    s[i] == ',' || s[i] == '.'))
		i++;
	return (len - i >= 5 && (memcmp(s + i, "likes", 5) == 0 ||
	    memcmp(s + i, "Views", 5) == 0 || memcmp(s + i, "views", 5) == 0)) ||
	    (len - i >= 9 && memcmp(s + i, "Downloads", 9) == 0);
}

/* The length of a space, a tab or a no-break space at s, or 0. */
static size_t
blank_len(const char *s, size_t len)
{
	if (len > 0 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	return len >= 2 && memcmp(s, "\xc2\xa0", 2) == 0 ? 2 : 0;
}

/*
 * Whether s[0..len) is w, with a run of blanks (spaces, tabs, no-break
 * spaces) in s for each space in w and around it, as a site may print
 * it (" WORD  PNG  TXT  JPG" is "WORD PNG TXT JPG").
 */
static int
same_words(const char *s, size_t len, const char *w)
{
	size_t i = 0, b;

	while ((b = blank_len(s + i, len - i)) > 0)
		i += b;
	for (; *w != '\0'; w++) {
		if (*w == ' ') {
			if (blank_len(s + i, len - i) == 0)
				return 0;
			while ((b = blank_len(s + i, len - i)) > 0)
				i += b;
		} else if (i >= len || s[i++] != *w)
			return 0;
	}
	while ((b = blank_len(s + i, len - i)) > 0)
		i += b;
	return i == len;
}

int
page_chrome_line(const char *s, size_t len)
{
	static const char *const counters[] = { "Page ", "Side ", "Slide " };
	size_t i, n;

	/* "Page 15", "Side 3 av 10". */
	for (i = 0; i < sizeof counters / sizeof counters[0]; i++) {
		n = strlen(counters[i]);
		if (len > n && memcmp(s, counters[i], n) == 0 &&
		    counter_line(s + n, len - n) && memchr(s + n, ' ', len - n) == NULL)
			return 1;
	}

	for (i = 0; i < sizeof chrome_whole / sizeof chrome_whole[0]; i++)
		if (same_words(s, len, chrome_whole[i]))
			return 1;
	for (i = 0; i < sizeof chrome_start / sizeof chrome_start[0]; i++) {
		n = strlen(chrome_start[i]);
		if (len >= n && memcmp(s, chrome_start[i], n) == 0)
			return 1;
	}
	/* "• No results found": a bullet before the words. */
	if (len > 4 && bullet_mark_len(s, len) > 0)
		return page_chrome_line(s + bullet_mark_len(s, len),
		    len - bullet_mark_len(s, len)) && !counter_line(s, len);
	return counter_line(s, len) || count_line(s, len);
}
