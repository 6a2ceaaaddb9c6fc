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
#include "text.h"

/* Lines that are chrome when they are the whole line. */
static const char *const chrome_whole[] = {
	"E N D", "Transkript", "TRANSCRIPT", "Transcript", "Documents",
	"Preview:", "less", "Copied!", "N/A", "Protected", "Fulltekst",
	"Click to see full reader",
	"WORD PNG TXT JPG", "About This Presentation", "Download",
	"Transcript and Presenter's Notes", "Presenter's Notes",
	"No results found", "Report", "Share", "Embed", "Like", "Laster....",
	"Loading....", "Loading...", "Historisk arkiv", "Transcription",
	"Download Presentation",
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

/*
 * The chrome of a site that prints documents page by page (docplayer),
 * chrome wherever it stands: where it is, a number before a paragraph
 * is its page's.
 */
static const char *const page_site[] = {
	"Størrelse: px", "Begynne med side:", "Size: px",
	"Start display at page:",
};

int
page_site_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof page_site / sizeof page_site[0]; i++)
		if (same_words(s, len, page_site[i]))
			return 1;
	return 0;
}

int
page_site_text(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof page_site / sizeof page_site[0]; i++)
		if (memmem(s, len, page_site[i], strlen(page_site[i])) != NULL)
			return 1;
	return 0;
}

/* A counter ("Page 15"), or a line chrome as a whole or by its start. */
static int
named_chrome(const char *s, size_t len)
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
	if (page_site_line(s, len))
		return 1;
	for (i = 0; i < sizeof chrome_start / sizeof chrome_start[0]; i++) {
		n = strlen(chrome_start[i]);
		if (len >= n && memcmp(s, chrome_start[i], n) == 0)
			return 1;
	}
	return 0;
}

int
page_chrome_line(const char *s, size_t len)
{
	size_t m;

	/*
	 * "• No results found": bullets before the words, taken one after
	 * the other (a line of a million glyphs is no call a glyph deep).
	 */
	while (!named_chrome(s, len)) {
		if (len <= 4 || (m = bullet_mark_len(s, len)) == 0)
			return counter_line(s, len) || count_line(s, len);
		if (counter_line(s, len))
			return 0;
		s += m;
		len -= m;
	}
	return 1;
}

int
summary_end_line(const char *s, size_t len)
{
	return same_words(s, len, "E N D");
}

/* ---- the site's description: the text's opening printed above it ---- */

#define HEAD_LINES 64		/* lines looked at for the marker */
#define SNIPPET_SAME 40		/* key bytes a description shares with the text */
#define SNIPPET_MIN 20		/* ... or all of its own, at least these */

/* A line that ends a site's head and begins the text. */
static int
marker_line(const char *s, size_t len)
{
	return same_words(s, len, "Transcript") ||
	    same_words(s, len, "TRANSCRIPT") ||
	    same_words(s, len, "Transkript") ||
	    same_words(s, len, "Fulltekst") ||
	    (len > 14 && memcmp(s, "Transcript of ", 14) == 0);
}

#define KEY_ROOM 4		/* a character's bytes at most */

/*
 * Append the letters and digits of s[0..len) to key, ASCII folded, while
 * a character still has room: letters whole ("æ", "ø"), signs not at all
 * (dashes, quotes, "…").
 */
static void
fold_key(const char *s, size_t len, char *key, size_t cap, size_t *n)
{
	size_t i = 0, l;
	int32_t cp;

	while (i < len && *n + KEY_ROOM <= cap) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (isalnum(c))
				key[(*n)++] = (char)tolower(c);
			i++;
			continue;
		}
		l = (size_t)utf8_decode(s + i, len - i, &cp);
		if (cp_is_letter(cp)) {
			memcpy(key + *n, s + i, l);
			*n += l;
		}
		i += l;
	}
}

size_t
site_head(const char *s, size_t len, struct site_key *k)
{
	size_t pos = 0, end = 0, ll, skip;
	const char *nl;
	int lines, first = 1;

	k->len = 0;
	for (lines = 0; pos < len && lines < HEAD_LINES && end == 0; lines++) {
		nl = memchr(s + pos, '\n', len - pos);
		ll = nl != NULL ? (size_t)(nl - (s + pos)) : len - pos;
		while (ll > 0 && (s[pos + ll - 1] == '\r' || s[pos + ll - 1] == ' '))
			ll--;
		skip = 0;
		while (skip < ll && (s[pos + skip] == ' ' || s[pos + skip] == '\t'))
			skip++;
		if (marker_line(s + pos + skip, ll - skip))
			end = nl != NULL ? (size_t)(nl - s) + 1 : len;
		pos = nl != NULL ? (size_t)(nl - s) + 1 : len;
	}
	if (end == 0)
		return 0;
	/* The text's opening, without chrome, bullets or a page's number. */
	for (pos = end; pos < len && k->len + KEY_ROOM <= sizeof k->key; ) {
		const char *l = s + pos;

		nl = memchr(l, '\n', len - pos);
		ll = nl != NULL ? (size_t)(nl - l) : len - pos;
		pos += ll + (nl != NULL);
		while (ll > 0 && (*l == ' ' || *l == '\t'))
			l++, ll--;
		if (ll == 0 || page_chrome_line(l, ll))
			continue;
		skip = bullet_mark_len(l, ll);
		l += skip;
		ll -= skip;
		if (first) {
			for (skip = 0; skip < ll && isdigit((unsigned char)l[skip]);
			    skip++)
				;
			if (skip > 0 && skip < 4 && skip < ll && l[skip] == ' ')
				l += skip, ll -= skip;
			first = 0;
		}
		fold_key(l, ll, k->key, sizeof k->key, &k->len);
	}
	return end;
}

int
site_snippet(const char *s, size_t len, const struct site_key *k, int title)
{
	char key[sizeof k->key];
	size_t n = 0, same = 0;
	int cut;

	fold_key(s, len, key, sizeof key, &n);
	while (same < n && same < k->len && key[same] == k->key[same])
		same++;
	/* "implementing roma at the local caa...": a snippet cut short */
	cut = memmem(s, len, "...", 3) != NULL ||
	    memmem(s, len, "\xe2\x80\xa6", 3) != NULL;
	/* The page's first line is its title, unless a snippet. */
	if (title)
		return cut && same >= SNIPPET_MIN;
	return same >= SNIPPET_SAME || (same == n && n >= SNIPPET_MIN) ||
	    (cut && same >= SNIPPET_MIN);
}
