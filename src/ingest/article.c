/*
 * Articles and Markdown-like plans: headings (short standalone lines,
 * `#` lines, bold-only lines), bullets (`- `, `•`, `1.`), paragraphs.
 * Emphasis markers are removed, image credits and link chrome dropped,
 * and a publication date line kept as a document-level meta row.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "doc.h"
#include "readers.h"
#include "text.h"

/* A standalone line of at most this many words may be a heading. */
#define HEADING_WORDS 10
#define HEADING_BYTES 120

struct line {
	const char *s;		/* without indentation */
	size_t len;
	int indent;		/* columns of leading white space */
};

struct reader {
	struct doc *d;
	int markdown;
	long unit;
	int seen_content;	/* a block other than the title has been written */
	int title_done;
	struct buf para;	/* the paragraph being collected */
	struct buf tmp;
	struct buf joined;	/* a line and the one it runs on into */
	struct buf item;	/* a list item and its wrapped lines */
	struct buf clean;	/* a paragraph's spaces made plain */
	int bullet_base;	/* indentation of the first bullet of a list */
	int in_list;
	int wrapped;		/* paragraphs are wrapped over several lines */
	int last_end;		/* the last line of the paragraph ended a sentence */
	int slide_top;		/* a slide's number alone was the last line */
	int pages;		/* flattened pages read so far */
	int page_site;		/* a page site's chrome was seen: numbered pages */
	long last_page;		/* the number of the last page read, or 0 */
	long list_number;	/* the last numbered item's number, in a list */
	long br_slides;		/* slides read as lines of <br /> pieces */
};

static const char *const meta_words[] = {
	"Publisert", "Oppdatert", "Sist oppdatert", "Sist endret", "Endret",
	"Published", "Updated", "Last updated", "Last modified", "Posted on",
	"Posted",
	/* a plan's adoption: "Vedteken av styringsgruppa 2. februar 2027" */
	"Vedtatt", "Vedteken", "Vedtaken", "Godkjent", "Godkjend", "Adopted",
	"Approved",
};

static const char *const credit_words[] = {
	"Foto:", "Foto ", "Photo:", "Bilde:", "Illustrasjon:", "Illustration:",
	"Kilde: Pixabay", "Image:",
};

static const char *const credit_endings[] = {
	"fra Pixabay", "from Pixabay", "fra Unsplash", "from Unsplash",
	"/ NTB", "/NTB", "/ Scanpix", "fra Colourbox", "/ Colourbox",
	"fra iStock", "/ iStock", "fra Shutterstock",
};

static const char *const link_chrome[] = {
	"Lenkeblokk", "Icon ", "Del på Facebook", "Del på Twitter",
	"Del på LinkedIn", "Del denne siden", "Skriv ut", "Til toppen",
	"Tilbake til toppen", "Share on Facebook", "Share on Twitter",
	"Print this page", "Back to top", "Les også:", "Les også ",
	"Les meir om ", "Les mer om ", "Les heile ", "Les hele ", "Read more",
	"See also:", "Related content", "Relatert innhald", "Relatert innhold",
};

static const char *const months[] = {
	"januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
	"september", "oktober", "november", "desember", "january", "february",
	"march", "may", "june", "july", "october", "december",
};

/* The length of the first of w[0..n) that s begins with, or 0. */
static size_t
prefix_len(const char *s, size_t len, const char *const *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t wl = strlen(w[i]);

		if (len >= wl && memcmp(s, w[i], wl) == 0)
			return wl;
	}
	return 0;
}

static int
starts_with_any(const char *s, size_t len, const char *const *w, size_t n)
{
	return prefix_len(s, len, w, n) > 0;
}

/* Whether s begins with a month's name, in any case ("mars", "March"). */
static int
starts_with_month(const char *s, size_t len)
{
	size_t m, ml;

	for (m = 0; m < sizeof months / sizeof months[0]; m++) {
		ml = strlen(months[m]);
		if (len >= ml && strncasecmp(s, months[m], ml) == 0)
			return 1;
	}
	return 0;
}

static int
ends_with_any(const char *s, size_t len, const char *const *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t wl = strlen(w[i]);

		if (len >= wl && memcmp(s + len - wl, w[i], wl) == 0)
			return 1;
	}
	return 0;
}

#define ANY(f, s, len, table) f(s, len, table, sizeof table / sizeof table[0])

static size_t word_count(const char *, size_t);

#define REVISION_WORDS 6	/* "Versjon 3, revidert 12. august 2025" */

/*
 * "Versjon 3", "Version 1.1", "Revidert 12.3.2025": a document's version,
 * a number after it, or its revision; a few words, no more: "Revised
 * targets for 2030 were set by the board" is a sentence.
 */
static int
version_line(const char *s, size_t len)
{
	static const char *const version[] = { "Versjon ", "Version " };
	static const char *const revised[] = { "Revidert", "Revised" };

	return ((ANY(starts_with_any, s, len, version) && len > 8 &&
	    isdigit((unsigned char)s[8])) ||
	    ANY(starts_with_any, s, len, revised)) &&
	    word_count(s, len) <= REVISION_WORDS;
}

/*
 * "Publisert 27.05.2021", "Sist oppdatert: 3. mai", "Published on 14
 * March 2025": a meta word with a date after it, a colon or a small word
 * between.  "Updated guidance was published in 2024." is a sentence.
 */
static int
dateline(const char *s, size_t len)
{
	static const char *const between[] = { "den ", "on ", "av ", "by ",
		"kl", "at " };
	size_t i, wl;

	if ((wl = ANY(prefix_len, s, len, meta_words)) == 0)
		return 0;
	for (i = wl; i < len && (s[i] == ':' || s[i] == ' '); i++)
		;
	if (i > wl && s[i - 1] != ' ' && i < len)
		return 1;	/* "Publisert:" */
	return i < len && (isdigit((unsigned char)s[i]) ||
	    ANY(starts_with_any, s + i, len - i, between) ||
	    starts_with_month(s + i, len - i));
}

static int
is_meta(const char *s, size_t len)
{
	return (dateline(s, len) || version_line(s, len)) &&
	    text_has_digit(s, len) && len < 80;
}

/* A line of signs alone ("|", "* * *", "--"): a page's rule or divider. */
static int
no_word(const char *s, size_t len)
{
	size_t i;
	int32_t cp;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp_is_word(cp))
			return 0;
	}
	return 1;
}

static int
is_chrome(const char *s, size_t len)
{
	return no_word(s, len) || ANY(starts_with_any, s, len, credit_words) ||
	    ANY(ends_with_any, s, len, credit_endings) ||
	    ANY(starts_with_any, s, len, link_chrome) ||
	    transcript_chrome_line(s, len) || page_chrome_line(s, len);
}

int
markdown_detect(const char *s, size_t len)
{
	size_t pos = 0;
	int marks = 0;

	while (pos < len && marks < 3) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (s + pos)) : len - pos;
		const char *l = s + pos;

		if ((ll >= 2 && l[0] == '#' && (l[1] == ' ' || l[1] == '#')) ||
		    (ll >= 2 && l[0] == '-' && l[1] == ' ') ||
		    (ll >= 2 && l[0] == '*' && l[1] == ' ') ||
		    memmem(l, ll, "**", 2) != NULL)
			marks++;
		pos += ll + 1;
	}
	return marks >= 2;
}

/* Number of words, counting runs of non-space. */
static size_t
word_count(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		int sp = s[i] == ' ' || s[i] == '\t';

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/*
 * A short standalone line reads as a heading: few words, starts with a
 * capital or digit, and does not end as a sentence does.  "Delmål 4:" and
 * "Delmål 1. og 2." are headings; "Se prisene her." is not.
 */
static int
heading_shape(const char *s, size_t len, size_t most_bytes, size_t most_words)
{
	size_t words = word_count(s, len);
	unsigned char last;
	int32_t cp;

	if (len == 0 || len > most_bytes || words > most_words)
		return 0;
	utf8_decode(s, len, &cp);
	if (!(isdigit((unsigned char)s[0]) || isupper((unsigned char)s[0]) ||
	    (cp >= 0xC0 && cp <= 0xDE) || cp == 0x201C || cp == 0xAB || cp == '"'))
		return 0;
	last = (unsigned char)s[len - 1];
	/* "Delmål 1. og 2." is a heading, "Frist er 15. juni 2020." is not. */
	if (last == '.' && !(len >= 2 && isdigit((unsigned char)s[len - 2]) &&
	    words <= 4))
		return 0;
	if (last == ',' || last == ';')
		return 0;
	if (last == ':' && (words > 6 || memchr(s, ',', len) != NULL))
		return 0;
	if (memmem(s, len, "http", 4) != NULL || memmem(s, len, "www.", 4) != NULL)
		return 0;
	return 1;
}

static int
looks_like_heading(const char *s, size_t len)
{
	return heading_shape(s, len, HEADING_BYTES, HEADING_WORDS);
}

/*
 * Verbs that make a line ending in a colon a sentence leading its list
 * ("Nettverket skal:", "The network will:"), not a heading: as text it
 * stays in the section above it, which names what the list is.
 */
static const char *const lead_verbs[] = {
	"skal", "vil", "må", "kan", "bør", "skulle", "ville", "er", "var",
	"har", "blir", "ble", "vert", "vart", "skal/vil", "will", "shall",
	"should", "must", "can", "is", "are", "was", "were", "has", "have",
	"aims", "include", "includes", "inkluderer", "omfatter",
};

/* Whether a line ending in a colon holds one of lead_verbs. */
static int
list_lead(const char *s, size_t len)
{
	size_t i = 0, w, k;

	if (len == 0 || s[len - 1] != ':')
		return 0;
	while (i < len) {
		for (w = i; w < len && s[w] != ' ' && s[w] != ':'; w++)
			;
		for (k = 0; k < sizeof lead_verbs / sizeof lead_verbs[0]; k++)
			if (strlen(lead_verbs[k]) == w - i &&
			    strncasecmp(s + i, lead_verbs[k], w - i) == 0)
				return 1;
		i = w + 1;
	}
	return 0;
}

#define BARE_HEADING_WORDS 6	/* "Tiltak og framdrift i 2027" */

static int ends_sentence(const char *, size_t);
static int lone_number(const char *, size_t);

/*
 * A heading that stands right above its paragraph: a few words in the
 * shape of a heading with no stop, colon or comma at their end.
 */
static int
bare_heading(const char *s, size_t len)
{
	unsigned char last;

	if (!heading_shape(s, len, HEADING_BYTES, BARE_HEADING_WORDS))
		return 0;
	last = (unsigned char)s[len - 1];
	return last >= 0x80 || isalnum(last) || last == ')';
}

/* Whether a line begins a paragraph: a capital or digit, then a sentence. */
static int
opens_paragraph(const char *s, size_t len)
{
	if (len == 0 || !(isdigit((unsigned char)s[0]) || doc_upper_at(s, len)))
		return 0;
	return ends_sentence(s, len) || word_count(s, len) > HEADING_WORDS;
}

/* A small roman numeral's letter, as "(iv) " is made of. */
static int
roman_digit(char c)
{
	return c == 'i' || c == 'v' || c == 'x';
}

#define MARK_DATE_BYTES 64	/* "2. kvartal 2026", looked for at a mark */

/* "1. ", "2) ", "12. ", "b) ", "(c) ", "(4) " — but not "15. februar". */
static size_t
number_mark_len(const char *s, size_t len)
{
	size_t i = 0;
	struct date d;

	if (len > 3 && isalpha((unsigned char)s[0]) && s[1] == ')' && s[2] == ' ')
		return 3;
	if (len > 4 && s[0] == '(') {
		/*
		 * As council reports letter and number their clauses:
		 * "(a) ", "(12) ", "(iv) ".
		 */
		while (i + 1 < len && i < 2 && isdigit((unsigned char)s[i + 1]))
			i++;
		if (i == 0 && isalpha((unsigned char)s[1]))
			while (++i < 4 && i + 1 < len && roman_digit(s[1]) &&
			    roman_digit(s[i + 1]))
				;
		return i > 0 && i + 3 < len && s[i + 1] == ')' &&
		    s[i + 2] == ' ' ? i + 3 : 0;
	}
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0 || i + 1 >= len || (s[i] != '.' && s[i] != ')') || s[i + 1] != ' ')
		return 0;
	/* "15. februar", "2. kvartal 2026": dates */
	if (starts_with_month(s + i + 2, len - (i + 2)) ||
	    (date_find(s, len < MARK_DATE_BYTES ? len : MARK_DATE_BYTES, 0, &d) &&
	    d.start == 0))
		return 0;
	return i + 2;
}

/*
 * The number s begins with, of four digits at most, its digits counted
 * in *digits; -1 if none.
 */
static long
leading_number(const char *s, size_t len, size_t *digits)
{
	size_t i;
	long n = 0;

	for (i = 0; i < len && i < 4 && isdigit((unsigned char)s[i]); i++)
		n = n * 10 + (s[i] - '0');
	*digits = i;
	return i > 0 && (i == len || !isdigit((unsigned char)s[i])) ? n : -1;
}

/* The number of a numbered line ("3. Mål": 3), or -1. */
static long
line_number(const struct line *l)
{
	size_t digits;

	if (number_mark_len(l->s, l->len) == 0)
		return -1;
	return leading_number(l->s, l->len, &digits);
}

/* Remove **bold**, __bold__ and *italic* markers (Markdown only). */
static void
strip_emphasis(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (i + 1 < len && ((s[i] == '*' && s[i + 1] == '*') ||
		    (s[i] == '_' && s[i + 1] == '_'))) {
			i += 2;
			continue;
		}
		if (s[i] == '*') {
			/* a star touching a word on one side marks emphasis */
			int before = i > 0 && s[i - 1] != ' ';
			int after = i + 1 < len && s[i + 1] != ' ';

			if (before != after) {
				i++;
				continue;
			}
		}
		buf_addc(out, s[i++]);
	}
}

static int
bold_only(const char *s, size_t len)
{
	return len > 4 && memcmp(s, "**", 2) == 0 &&
	    memcmp(s + len - 2, "**", 2) == 0 &&
	    memmem(s + 2, len - 4, "**", 2) == NULL;
}

static void
block(struct reader *r, long unit, enum block_kind kind, int level,
    const char *s, size_t len)
{
	buf_clear(&r->tmp);
	if (r->markdown)
		strip_emphasis(&r->tmp, s, len);
	else
		buf_add(&r->tmp, s, len);
	r->tmp.len = drop_doubled_links(r->tmp.data, r->tmp.len);
	doc_block(r->d, unit, kind, level, r->tmp.data, r->tmp.len);
}

static size_t trim_span(const char *, size_t *, size_t);

#define TABLE_CELLS 3	/* rows a flattened table has at least */
#define CELL_WORDS 6	/* words of a row's name */

/*
 * Where a percentage stands at or after s[from]: "39.8%", "12 %",
 * "4,5 %" after a space; its first digit in *num and the end past the
 * sign in *end.  0 if there is none.
 */
static int
next_percent(const char *s, size_t len, size_t from, size_t *num, size_t *end)
{
	const char *p;
	size_t i, k;

	while (from < len && (p = memchr(s + from, '%', len - from)) != NULL) {
		i = (size_t)(p - s);
		from = i + 1;
		k = i > 0 && s[i - 1] == ' ' ? i - 1 : i;
		while (k > 0 && (isdigit((unsigned char)s[k - 1]) ||
		    ((s[k - 1] == '.' || s[k - 1] == ',') && k >= 2 &&
		    isdigit((unsigned char)s[k - 2]))))
			k--;
		if (k == i || !isdigit((unsigned char)s[k]) ||
		    (k > 0 && s[k - 1] != ' ') ||
		    (i + 1 < len && s[i + 1] != ' '))
			continue;
		*num = k;
		*end = i + 1;
		return 1;
	}
	return 0;
}

/* What no row's name holds: a stop or a comma. */
#define ROW_STOPS ".,;:!?"

/* A row's name: a few words, the first a capital's, no stops or commas. */
static int
row_name(const char *s, size_t len)
{
	size_t i, w;

	for (i = 0; i < len; i++)
		if (strchr(ROW_STOPS, s[i]) != NULL)
			return 0;
	w = word_count(s, len);
	return w >= 1 && w <= CELL_WORDS && doc_upper_at(s, len);
}

/*
 * A table flattened into a line by a site's PDF extraction: rows of a
 * name and a percentage, one after another ("Budget difficulties 27.6%
 * Governance 21.9% Lack of public support 2.9%").  The first run of
 * TABLE_CELLS rows or more in s: its start (the first row's name) in
 * *a, its end in *b, its rows' ends in rows[]; 0 if there is none.
 */
static int
table_rows(const char *s, size_t len, size_t *a, size_t *b, size_t *rows,
    int max)
{
	size_t num, end, prev = 0, start, i, lo;
	int n = 0, words, in;

	while (next_percent(s, len, prev, &num, &end)) {
		start = num;
		while (start > prev && s[start - 1] == ' ')
			start--;
		while (prev < start && s[prev] == ' ')
			prev++;
		if (n > 0 && row_name(s + prev, start - prev) && n < max) {
			rows[n++] = end;
			prev = end;
			continue;
		}
		if (n >= TABLE_CELLS) {
			*b = rows[n - 1];
			return n;
		}
		/*
		 * The shortest name of capitals' words before it: a new run.
		 * No name reaches back over a stop or a comma or past
		 * CELL_WORDS words: those before lo are not looked at (a long
		 * paragraph with a figure at its end took time squared).
		 */
		n = 0;
		for (lo = start, words = 0, in = 0; lo > prev; lo--) {
			if (strchr(ROW_STOPS, s[lo - 1]) != NULL)
				break;
			if (s[lo - 1] == ' ' || s[lo - 1] == '\t')
				in = 0;
			else if (!in) {
				in = 1;
				if (++words > CELL_WORDS)
					break;
			}
		}
		for (i = start; i > lo; i--)
			if ((i == prev + 1 || s[i - 2] == ' ') &&
			    row_name(s + i - 1, start - i + 1)) {
				*a = i - 1;
				rows[n++] = end;
				break;
			}
		prev = end;
	}
	if (n >= TABLE_CELLS)
		*b = rows[n - 1];
	return n >= TABLE_CELLS ? n : 0;
}

/* Whether s[0..len) holds a flattened table ("Budget 27.6% Staff 21.9% ..."). */
static int
holds_table(const char *s, size_t len)
{
	size_t rows[TABLE_CELLS], a, b;

	return memchr(s, '%', len) != NULL &&
	    table_rows(s, len, &a, &b, rows, TABLE_CELLS) > 0;
}

static void
content_block(struct reader *r, enum block_kind kind, int level,
    const char *s, size_t len)
{
	size_t rows[64], a, b, from;
	int n, k, fresh = r->unit == 0;

	if (r->unit == 0)
		r->unit = 1;
	r->seen_content = 1;
	/*
	 * "41,5 %" with a no-break space (as word processors write it), a
	 * tab between a name and its figure, "**Alfa** 41 %" in Markdown:
	 * the rows are looked for in the text as it will be written, its
	 * spaces plain ones and its emphasis gone.
	 */
	n = 0;
	if (kind == K_TEXT && memchr(s, '%', len) != NULL) {
		if (!r->markdown)
			n = table_rows(s, len, &a, &b, rows, 64);
		if (n == 0) {
			buf_clear(&r->clean);
			if (r->markdown) {
				buf_clear(&r->tmp);
				strip_emphasis(&r->tmp, s, len);
				text_clean(&r->clean, r->tmp.data, r->tmp.len);
			} else
				text_clean(&r->clean, s, len);
			if ((n = table_rows(r->clean.data, r->clean.len, &a, &b,
			    rows, 64)) > 0) {
				s = r->clean.data;
				len = r->clean.len;
			}
		}
	}
	/* A table at a time; the text after the last goes on as text. */
	while (n > 0) {
		/*
		 * Its caption, the text after the last sentence before it,
		 * heads the rows when it is short.
		 */
		for (from = a; from > 1 && !(s[from - 1] == ' ' &&
		    strchr(".!?", s[from - 2]) != NULL); from--)
			;
		if (from > 1) {
			b = from - 1;
			while (b > 0 && s[b - 1] == ' ')
				b--;
			block(r, r->unit, K_TEXT, 0, s, b);
		} else
			from = 0;
		b = trim_span(s, &from, a);
		if (b > from && word_count(s + from, b - from) <= HEADING_WORDS &&
		    !ends_sentence(s + from, b - from)) {
			r->unit += !fresh;
			block(r, r->unit, K_HEADING, 0, s + from, b - from);
		} else if (b > from)
			block(r, r->unit, K_TEXT, 0, s + from, b - from);
		for (k = 0, from = a; k < n; from = rows[k++]) {
			b = trim_span(s, &from, rows[k]);
			block(r, r->unit, K_BULLET, 0, s + from, b - from);
		}
		from = rows[n - 1];
		b = trim_span(s, &from, len);
		if (b == from)
			return;
		s += from;
		len = b - from;
		level = 0;
		fresh = 0;
		n = memchr(s, '%', len) != NULL ?
		    table_rows(s, len, &a, &b, rows, 64) : 0;
	}
	block(r, r->unit, kind, level, s, len);
}

#define PAGE_BYTES 300	/* a paragraph this long may be a flattened page */
#define INLINE_HEADING_WORDS 5
#define WRAPPED_BYTES 40	/* a list item's line the converter wrapped */

/* A word of capitals only ("MÅL", "OG"), two letters or more. */
static size_t
caps_word(const char *s, size_t len)
{
	size_t i = 0, letters = 0;
	int32_t cp;
	int k;

	while (i < len && s[i] != ' ') {
		k = utf8_decode(s + i, len - i, &cp);
		if (cp_is_upper(cp))
			letters++;
		else if (cp != '-' && cp != ',' && cp != ':')
			return 0;
		i += (size_t)k;
	}
	return letters >= 2 ? i : 0;
}

/*
 * The length of the word at s[i] in a run of words of capitals: one of
 * them, or a letter alone between two ("KONTROLLUTVALGET I ÅMLI"), or a
 * year after one ("REVISJON IKS, APRIL 2017"); 0 if none.
 */
static size_t
caps_run_word(const char *s, size_t len, size_t i)
{
	size_t w, n, p;
	int32_t cp;

	if ((w = caps_word(s + i, len - i)) > 0)
		return w;
	for (n = i; n < len && s[n] != ' '; n++)
		;
	if (n + 1 < len && utf8_decode(s + i, n - i, &cp) == (int)(n - i) &&
	    cp_is_upper(cp) && caps_word(s + n + 1, len - n - 1) > 0)
		return n - i;
	if (n - i != 4 || i < 2 || s[i - 1] != ' ')
		return 0;
	for (w = i; w < n; w++)
		if (!isdigit((unsigned char)s[w]))
			return 0;
	for (p = i - 1; p > 0 && s[p - 1] != ' '; p--)
		;
	return caps_word(s + p, i - 1 - p) > 0 ? n - i : 0;
}

/* "1.2 " or "3. ": a section number and its space; 0 if none. */
static size_t
section_number(const char *s, size_t len)
{
	size_t i = 0;
	int dots = 0;
	struct date d;

	while (i < len && i < 12 && (isdigit((unsigned char)s[i]) || s[i] == '.')) {
		dots += s[i] == '.';
		i++;
	}
	/* (Not a year that ends a sentence: "innan 2027. Oslo".) */
	if (i == 0 || dots == 0 || i >= len || s[i] != ' ' ||
	    !isdigit((unsigned char)s[0]) || (i > 2 && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2])))
		return 0;
	/* Nor a day's date: "15.08.26 M4 Sluttrapport" in a table. */
	if (dots >= 2 && date_find(s, i, 0, &d) && d.start == 0 && d.end == i)
		return 0;
	return i + 1;
}

/*
 * Whether the capitalised word at s[i] goes on a heading in title case:
 * the word after it is capitalised too, and it ends in no colon and is
 * no word that begins a sentence ("A", "The", "Det").
 */
static int
title_word(const char *s, size_t len, size_t i)
{
	size_t w = i;

	while (i < len && s[i] != ' ')
		i++;
	if (i == len || s[i - 1] == ':' || text_starter_word(s + w, i - w) ||
	    text_has_digit(s + w, i - w))
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return doc_upper_at(s + i, len - i);
}

#define LONE_CAPS_LETTERS 5	/* "BAKGRUNN De fire ...", not "NAV Vest" */

/* Whether s begins with a word of capitals of five letters or more. */
static int
long_caps_word(const char *s, size_t len)
{
	size_t letters = 0, i = 0, w = caps_word(s, len);
	int32_t cp;

	while (i < w) {
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		letters += cp_is_upper(cp);	/* (letters, not "RKBU,") */
	}
	return letters >= LONE_CAPS_LETTERS;
}

/*
 * Whether one word of capitals s[0..w) heads what follows: five letters
 * or more, then a capitalised word and a lower-case one, as a sentence
 * begins ("ØKONOMI Prosjektets kostnader ...").
 */
static int
lone_caps_heading(const char *s, size_t len, size_t w)
{
	size_t e;
	int32_t cp;

	if (!long_caps_word(s, len) || w >= len || !doc_upper_at(s + w,
	    len - w))
		return 0;
	for (e = w; e < len && s[e] != ' '; e++)
		;
	return e + 1 < len && utf8_decode(s + e + 1, len - e - 1, &cp) > 0 &&
	    cp_is_lower(cp);
}

/*
 * "2 MÅL" or "6 RISIKO OG TILTAK": a section's number with no stop, as
 * a word processor prints it, then words of capitals; the length of
 * both with the spaces after them, or 0.  The word after the capitals
 * may not be lower-case ("2 IKT og ..." may be a sentence).
 */
static size_t
caps_number_heading(const char *s, size_t len, int mid)
{
	size_t i, w;

	if (leading_number(s, len, &i) <= 0 || i > 2 || s[0] == '0' ||
	    i + 1 >= len || s[i] != ' ' ||
	    !doc_upper_at(s + i + 1, len - i - 1) ||
	    caps_word(s + i + 1, len - i - 1) == 0)
		return 0;
	i++;
	/* (in a sentence, "3 NHS Trusts" is a count: a word, not an acronym) */
	if (mid && !long_caps_word(s + i, len - i))
		return 0;
	while (i < len && (w = caps_word(s + i, len - i)) > 0) {
		i += w;
		while (i < len && s[i] == ' ')
			i++;
	}
	if (i < len && !doc_upper_at(s + i, len - i) &&
	    !isdigit((unsigned char)s[i]))
		return 0;
	return i;
}

/*
 * Where a heading flattened into the page's text ends: a section number
 * or a run of capitals, then its words up to the next capital that
 * starts a sentence.  0 when s does not start a heading.
 */
static size_t
inline_heading(const char *s, size_t len, int after_stop)
{
	size_t i = section_number(s, len), w, caps = 0;
	int words = 0, title;

	if (i == 0 && (w = caps_number_heading(s, len, !after_stop)) > 0)
		return w;
	if (i > 0 && !doc_upper_at(s + i, len - i))
		return 0;
	if (i > 0 && (w = caps_word(s + i, len - i)) > 0 &&
	    w < len - i && s[i + w] == ' ' &&
	    caps_word(s + i + w + 1, len - i - w - 1) > 0) {
		/*
		 * "1. MÅL OG RAMMER": the number, then its words of
		 * capitals, two or more ("2. IKT og digitalisering" is
		 * no "2. IKT").
		 */
		while (i < len && (w = caps_word(s + i, len - i)) > 0) {
			i += w;
			while (i < len && s[i] == ' ')
				i++;
		}
		return i;
	}
	if (i == 0) {
		/* Two words of capitals or more. */
		while (caps < len && (w = caps_run_word(s, len, caps)) > 0) {
			words++;
			caps += w;
			while (caps < len && s[caps] == ' ')
				caps++;
		}
		/* (one word alone only where a sentence may begin) */
		if (words == 1 && after_stop && lone_caps_heading(s, len, caps))
			return caps;
		return words >= 2 ? caps : 0;
	}
	/*
	 * The number's first word, then lower-case words, up to a capital
	 * or the next section's number ("1. Mål og rammer 1.1 Bakgrunn").
	 * A capital before another, as English headings have them, is the
	 * heading's still ("7. Risks and Constraints Collective agreements
	 * ..."); one before a small letter, or ending in a colon, begins
	 * the text.  (Not after a word of capitals: "2. MILEPÆLER Nr
	 * Milepæl Dato" is a heading over a table's head.)
	 */
	title = !caps_word(s + i, len - i);
	while (i < len && words <= INLINE_HEADING_WORDS) {
		if (words > 0 && (section_number(s + i, len - i) > 0 ||
		    (doc_upper_at(s + i, len - i) &&
		    (!title || !title_word(s, len, i)))))
			return i;
		while (i < len && s[i] != ' ')
			i++;
		while (i < len && s[i] == ' ')
			i++;
		words++;
	}
	return 0;
}

/* Whether s ends with a preposition or conjunction ("... for alle kommunane i"). */
static int
ends_with_joint(const char *s, size_t len)
{
	size_t b = len;

	while (b > 0 && s[b - 1] != ' ')
		b--;
	return doc_joint_word(s + b, len - b);
}

/*
 * A title glued to the sentence after it ("Uklart språk koster mye
 * Brukerne ringer ..."): the title ends before a capitalised word that
 * follows a lower-case word which is no preposition, and is followed by
 * a lower-case word.  Its length with the space after it, or 0.
 */
static size_t
glued_title(const char *s, size_t len)
{
	size_t n = doc_title_word(s, len);

	return n > 0 ? n : doc_glued_piece(s, len, 2, HEADING_WORDS, 0);
}

/*
 * "2 2 " before a page's text: the page's number, said twice as a site
 * prints it.  Its length with the spaces, or 0.
 */
static size_t
doubled_page_number(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 4 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0 || 2 * i + 2 >= len || s[i] != ' ' ||
	    memcmp(s, s + i + 1, i) != 0 || s[2 * i + 1] != ' ')
		return 0;
	/* Before a capital or a section's number: "2 2 kommunar" is a figure. */
	if (!isdigit((unsigned char)s[2 * i + 2]) &&
	    !doc_upper_at(s + 2 * i + 2, len - 2 * i - 2))
		return 0;
	return 2 * i + 2;
}

/*
 * "3 " or "3 3 " before a page's text, as a site prints its number: the
 * length with the space after it, or 0.
 */
static size_t
page_number_len(const char *s, size_t len)
{
	size_t i = 0;

	if (len == 0 || !isdigit((unsigned char)s[0]))
		return 0;
	while (i < len && i < 8 && (isdigit((unsigned char)s[i]) || s[i] == ' '))
		i++;
	return s[i - 1] == ' ' ? i : 0;
}

/* What a table of contents is headed, in any case. */
static const char *const contents_words[] = {
	"innholdsfortegnelse", "innhaldsliste", "innholdsliste", "innhold",
	"innhald", "table of contents", "contents",
};

/*
 * Whether a paragraph is a table of contents: its heading, after the
 * page's number if any, then the first entry's section number ("2
 * Innhold 1. INNLEDNING... 3").  The entries are the document's headings
 * over again, without their text: taken for sections, they would name
 * the category of what follows ("2. MÅL FOR NETTVERKET").
 */
static int
contents_page(const char *s, size_t len)
{
	size_t i, wl;

	/* (an empty paragraph's buffer may be NULL: no arithmetic on it) */
	if (len == 0)
		return 0;
	i = page_number_len(s, len);
	s += i;
	len -= i;
	for (i = 0; i < sizeof contents_words / sizeof contents_words[0]; i++) {
		wl = strlen(contents_words[i]);
		if (len > wl && strncasecmp(s, contents_words[i], wl) == 0 &&
		    s[wl] == ' ')
			return section_number(s + wl + 1, len - wl - 1) > 0;
	}
	return 0;
}


/*
 * A page a site flattened into one paragraph ("1 Title 1.1 Bakgrunn
 * Prosjektet ble ..."): its page number dropped and the headings inside
 * it made blocks of their own.
 */
static void
page_paragraph(struct reader *r, const char *s, size_t len)
{
	size_t i = 0, start = 0, h, digits;
	long n = leading_number(s, len, &digits);
	int after_stop;

	/*
	 * "1 " or "1 1 " before a capital, or "2 2 " before a section's
	 * number ("2 2 1. MÅL OG RAMMER"): the page's number.
	 */
	if (n > r->last_page)
		r->last_page = n;
	if ((i = doubled_page_number(s, len)) > 0 &&
	    section_number(s + i, len - i) > 0) {
		s += i;
		len -= i;
		i = 0;
	}
	i += page_number_len(s + i, len - i);
	if (i > 0 && s[i - 1] == ' ' && doc_upper_at(s + i, len - i) &&
	    section_number(s, len) == 0) {
		start = i;
		/* The slide's title runs into its first sentence. */
		if ((h = glued_title(s + start, len - start)) > 0) {
			r->unit++;
			r->seen_content = 1;
			block(r, r->unit, K_HEADING, 0, s + start, h - 1);
			start += h;
		}
	}
	for (i = start; i < len; i++) {
		if (i > start && s[i - 1] != ' ')
			continue;
		after_stop = i == start || (i >= 2 &&
		    strchr(".:!?)", s[i - 2]) != NULL);
		if (!after_stop && section_number(s + i, len - i) == 0 &&
		    !(caps_word(s + i, len - i) && i >= 2 &&
		    !caps_word(s + i - 2, 1)) &&
		    caps_number_heading(s + i, len - i, 1) == 0)
			continue;
		if ((h = inline_heading(s + i, len - i, after_stop)) == 0)
			continue;
		/* (Not the page's number before its first heading: "3 1. MÅL".) */
		if (i > start && !(start == 0 && lone_number(s, i - 1)))
			content_block(r, K_TEXT, 0, s + start, i - 1 - start);
		r->unit++;
		r->seen_content = 1;
		block(r, r->unit, K_HEADING, 0, s + i, h - (s[i + h - 1] == ' '));
		start = i + h;
		i = start - 1;
	}
	if (start < len)
		content_block(r, K_TEXT, 0, s + start, len - start);
}

/*
 * "7 " or "7 7 " before a capital or a section's number, as a page
 * begins, where 7 is the next page's number (one may have been dropped:
 * a table of contents): its length, or 0.  The number is the last page's
 * from then on.  "2026 Kommunane ..." and "12 Kommunar ..." are no
 * pages after the first.
 */
static size_t
page_start(struct reader *r, const char *s, size_t len)
{
	size_t i = doubled_page_number(s, len), digits;
	long n = leading_number(s, len, &digits);

	if (i == 0) {
		if (n < 0 || digits >= len || s[digits] != ' ')
			return 0;
		i = digits + 1;
	}
	if (n <= r->last_page || n > r->last_page + 2 ||
	    (!doc_upper_at(s + i, len - i) && section_number(s + i, len - i) == 0))
		return 0;
	r->last_page = n;
	return i;
}

static void
flush_paragraph(struct reader *r)
{
	size_t n;

	if (!r->wrapped && !r->markdown &&
	    contents_page(r->para.data, r->para.len))
		;	/* dropped */
	else if (!r->wrapped && !r->markdown && (r->para.len > PAGE_BYTES ||
	    ((r->pages > 0 || r->page_site) &&
	    page_start(r, r->para.data, r->para.len) > 0))) {
		/*
		 * After a flattened page, or on a site of pages, a short
		 * paragraph under a number is a page too: the title page,
		 * the last, cut short by the excerpt.
		 */
		r->pages++;
		page_paragraph(r, r->para.data, r->para.len);
	}
	else if (!r->markdown &&
	    (n = doubled_page_number(r->para.data, r->para.len)) > 0)
		content_block(r, K_TEXT, 0, r->para.data + n, r->para.len - n);
	else if (r->para.len > 0)
		content_block(r, K_TEXT, 0, r->para.data, r->para.len);
	if (r->para.len > 0)
		r->list_number = 0;	/* text between: the list ended */
	buf_clear(&r->para);
}

static void
heading(struct reader *r, int level, const char *s, size_t len)
{
	size_t n;

	flush_paragraph(r);
	r->list_number = 0;
	if (!r->markdown && ((n = doubled_page_number(s, len)) > 0 ||
	    (r->page_site && (n = page_start(r, s, len)) > 0))) {
		s += n;		/* "1 1 Prosjektplan ...": a page's number */
		len -= n;
	}
	r->in_list = 0;
	if (!r->title_done && !r->seen_content) {
		/* The first heading of a document is its title. */
		block(r, 0, K_TITLE, 0, s, len);
		r->title_done = 1;
		return;
	}
	r->unit++;
	r->seen_content = 1;
	block(r, r->unit, K_HEADING, level, s, len);
}

static void
bullet(struct reader *r, int indent, const char *s, size_t len)
{
	int level;

	flush_paragraph(r);
	if (!r->in_list) {
		r->in_list = 1;
		r->bullet_base = indent;
	}
	level = indent <= r->bullet_base ? 0 : (indent - r->bullet_base + 1) / 2;
	if (indent < r->bullet_base)
		r->bullet_base = indent;
	content_block(r, K_BULLET, level, s, len);
}

/* Whether a line is a row of a Markdown table: "| a | b |". */
static int
pipe_row(const char *s, size_t len)
{
	return len >= 3 && s[0] == '|' && s[len - 1] == '|';
}

/* Whether a table row is the line under its header: "|---|:--:|". */
static int
delimiter_row(const char *s, size_t len)
{
	size_t i;
	int dashes = 0;

	if (!pipe_row(s, len))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '-')
			dashes++;
		else if (s[i] != '|' && s[i] != ':' && s[i] != ' ')
			return 0;
	}
	return dashes > 0;
}

/*
 * A Markdown table's row as a bullet: its first cell, a colon, then the
 * others between semicolons ("| March 2027 | Steering group appointed |"
 * is "March 2027: Steering group appointed"); empty cells left out.  A
 * pipe escaped as "\|" is a pipe in its cell.
 */
static void
table_row(struct reader *r, const char *s, size_t len)
{
	size_t i, a = 1, e;
	int cells = 0;

	buf_clear(&r->item);
	for (i = 1; i < len; i++) {
		if (s[i] != '|' || s[i - 1] == '\\')
			continue;
		for (e = i; e > a && s[e - 1] == ' '; e--)
			;
		while (a < e && s[a] == ' ')
			a++;
		if (e > a) {
			if (cells > 0)
				buf_adds(&r->item, cells == 1 ? ": " : "; ");
			for (; a < e; a++)
				if (s[a] != '\\' || a + 1 == e || s[a + 1] != '|')
					buf_addc(&r->item, s[a]);
			cells++;
		}
		a = i + 1;
	}
	if (cells > 0)
		bullet(r, 0, r->item.data, r->item.len);
}

static struct line
next_line(const char *s, size_t len, size_t *pos)
{
	struct line l;
	const char *p = s + *pos, *nl = memchr(p, '\n', len - *pos);
	size_t ll = nl ? (size_t)(nl - p) : len - *pos;

	*pos += ll + (nl != NULL);
	l.indent = 0;
	for (;;) {
		if (ll > 0 && *p == ' ')
			l.indent++, p++, ll--;
		else if (ll > 0 && *p == '\t')
			l.indent += 4, p++, ll--;
		else if (ll > 1 && memcmp(p, "\xc2\xa0", 2) == 0)
			l.indent++, p += 2, ll -= 2;
		else
			break;
	}
	while (ll > 0 && (p[ll - 1] == ' ' || p[ll - 1] == '\t'))
		ll--;
	while (ll > 1 && memcmp(p + ll - 2, "\xc2\xa0", 2) == 0)
		ll -= 2;
	l.s = p;
	l.len = ll;
	return l;
}

static size_t
list_mark_len(const struct line *l)
{
	size_t m = bullet_mark_len(l->s, l->len);

	if (m > 0 && m < l->len)
		return m;
	return number_mark_len(l->s, l->len);
}

/*
 * Whether the text's paragraphs are wrapped over lines, as mail and plain
 * text editors write them: most lines followed by another line are of
 * a wrapping width.  Scraped pages put a paragraph on one line instead.
 */
static int
is_wrapped(const char *s, size_t len)
{
	size_t pos = 0, prev = 0;
	int pairs = 0, wrapped = 0, have_prev = 0;

	while (pos < len) {
		struct line l = next_line(s, len, &pos);
		/* ("(3) of Schedule 2": a line may wrap before a bracket) */
		int plain = l.len > 0 && (list_mark_len(&l) == 0 ||
		    l.s[0] == '(');

		/*
		 * (A wrapped line goes on in lower case, mid-sentence: short
		 * lines of a list or a table, one a line, do not.)
		 */
		if (plain && have_prev) {
			pairs++;
			if (prev >= 45 && prev <= 100 && text_starts_lower(l.s, l.len))
				wrapped++;
		}
		have_prev = plain;
		prev = l.len;
	}
	return pairs >= 3 && 3 * wrapped >= pairs;
}

static int
ends_sentence(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '"' ||
	    s[len - 1] == ')'))
		len--;
	return len == 0 || strchr(".!?:;", s[len - 1]) != NULL ||
	    (len >= 3 && (memcmp(s + len - 3, "\xe2\x80\xa6", 3) == 0 ||
	    memcmp(s + len - 3, "\xe2\x80\x9d", 3) == 0)) ||
	    (len >= 2 && memcmp(s + len - 2, "\xc2\xbb", 2) == 0);
}

/* Where the next inline bullet glyph stands in s[from..len), or len. */
static size_t
next_inline_bullet(const char *s, size_t len, size_t from)
{
	size_t i;
	int32_t cp;

	for (i = from; i < len; i++) {
		if ((unsigned char)s[i] < 0xC0 || (i > 0 && s[i - 1] != ' '))
			continue;
		utf8_decode(s + i, len - i, &cp);
		if (cp_is_bullet(cp))
			return i;
	}
	return len;
}

static size_t
trim_span(const char *s, size_t *a, size_t b)
{
	while (*a < b && s[*a] == ' ')
		(*a)++;
	while (b > *a && s[b - 1] == ' ')
		b--;
	return b;
}

/* Past a closing quote that a word follows with no space, or 0. */
static size_t
glued_quote(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i + 3 < len; i++)
		if (memcmp(s + i, "\xe2\x80\x9d", 3) == 0 &&
		    isalpha((unsigned char)s[i + 3]))
			return i + 3;
	return 0;
}

/*
 * A line that holds a list inline: "Title • one • two" (slides flattened
 * by a site).  The text before the first bullet heads the list when it
 * is short, and each bullet becomes a block.  1 if the line was one.
 */
static int
inline_list(struct reader *r, const struct line *l)
{
	size_t first = bullet_mark_len(l->s, l->len) > 0 ? 0 :
	    next_inline_bullet(l->s, l->len, 0), a, b, next, q;
	int32_t cp;

	if (first == l->len ||
	    next_inline_bullet(l->s, l->len, first + 1) == l->len)
		return 0;
	a = 0;
	b = trim_span(l->s, &a, first);
	if (b > a && (q = glued_quote(l->s + a, b - a)) > 0) {
		/* "“Running in circles”Unclear roles": a title, then an item. */
		heading(r, 0, l->s + a, q);
		bullet(r, 0, l->s + a + q, b - a - q);
		b = a;
	}
	if (b > a) {
		/* (a question may head it: "Kva har vore krevjande? • ...") */
		if (word_count(l->s + a, b - a) <= HEADING_WORDS &&
		    (!ends_sentence(l->s + a, b - a) || l->s[b - 1] == '?'))
			heading(r, 0, l->s + a, b - a);
		else {
			flush_paragraph(r);
			content_block(r, K_TEXT, 0, l->s + a, b - a);
		}
	}
	for (a = first; a < l->len; a = next) {
		a += (size_t)utf8_decode(l->s + a, l->len - a, &cp);
		next = next_inline_bullet(l->s, l->len, a);
		b = trim_span(l->s, &a, next);
		if (b > a)
			bullet(r, 0, l->s + a, b - a);
	}
	r->in_list = 0;
	return 1;
}

/*
 * Where the lines of a list item that wrap under it end: those right
 * after it (from pos) indented past its mark's column, none of them an
 * item itself ("- Eit felles inntak for alle" / "  kommunane i regionen").
 */
static size_t
more_of_item(const char *s, size_t len, size_t pos, int indent,
    const struct line *item)
{
	size_t at;
	struct line v, last = *item;

	while (pos < len) {
		at = pos;
		v = next_line(s, len, &at);
		if (v.len == 0 || list_mark_len(&v) > 0 || is_chrome(v.s, v.len))
			break;
		/*
		 * Or not indented, where the line above broke off mid-sentence
		 * and this one goes on in lower case ("... revision of the
		 * draft plan by" / "key stakeholders ...").  A short line
		 * above was not wrapped unless it ends with a word such as
		 * "i" or "og": an item with no stop is common, and the text
		 * after the list may go on in lower case ("- helse" / "og
		 * dette gjeld alle kommunane.").
		 */
		if (v.indent <= indent && (ends_sentence(last.s, last.len) ||
		    !text_starts_lower(v.s, v.len) || (last.len < WRAPPED_BYTES &&
		    !ends_with_joint(last.s, last.len))))
			break;
		last = v;
		pos = at;
	}
	return pos;
}

/* What joins a line to the next ("Høsten 2015 og" / "våren 2016:"). */
static const char *const joins[] = { ",", " og", " and", " eller", " or",
	" samt", " \xe2\x80\x93", " -" };

#define LABEL_WORDS 4		/* "Påmeldingsfrist:" */
#define DATED_LABEL_WORDS 6	/* "Høsten 2015 og våren 2016:" */

/* Whether s[0..len) holds a year: four digits on their own. */
static int
has_year(const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && isdigit((unsigned char)s[i]))
			run++;
		else {
			if (run == 4)
				return 1;
			run = 0;
		}
	}
	return 0;
}

/* "Søknadsfrist:" alone on a line, its value on the next. */
static int
is_label_line(const struct line *l)
{
	size_t words;

	if (l->len < 3 || l->len > 40 || l->s[l->len - 1] != ':')
		return 0;
	words = word_count(l->s, l->len);
	return words <= LABEL_WORDS ||
	    (words <= DATED_LABEL_WORDS && has_year(l->s, l->len));
}

/* A slide's or a page's number alone on its line: "4", "12". */
static int
lone_number(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 3)
		return 0;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

#define TITLE_LINES 3	/* lines a slide's title may wrap over */

/*
 * The lines after a slide's number, up to a blank line or a bullet:
 * its title, when they are few and read as one ("Improving outcomes
 * through" / "systems of care").  1 if so, with *pos past them.
 */
static int
slide_title(struct reader *r, const char *s, size_t len,
    const struct line *l, size_t *pos)
{
	struct line v;
	size_t after = *pos, end = *pos;
	int lines = 1;

	if (list_mark_len(l) > 0 || is_label_line(l))
		return 0;
	buf_clear(&r->joined);
	buf_add(&r->joined, l->s, l->len);
	for (;;) {
		if (after >= len)
			break;
		v = next_line(s, len, &after);
		if (v.len == 0 || list_mark_len(&v) > 0 || is_chrome(v.s, v.len))
			break;
		if (++lines > TITLE_LINES || r->joined.len > 2 * HEADING_BYTES)
			return 0;
		buf_addc(&r->joined, ' ');
		buf_add(&r->joined, v.s, v.len);
		end = after;
	}
	/* (a slide's title says more than a page's heading may) */
	if (lines == 1 || !heading_shape(r->joined.data, r->joined.len,
	    2 * HEADING_BYTES, 2 * HEADING_WORDS))
		return 0;
	heading(r, 0, r->joined.data, r->joined.len);
	*pos = end;
	return 1;
}

/*
 * The length of the HTML line break at s[0..len) ("<br />", "<br/>",
 * "<br>", any case), or 0.
 */
static size_t
br_tag(const char *s, size_t len)
{
	size_t i = 3;

	if (len < 4 || s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '/')
		i++;
	return i < len && s[i] == '>' ? i + 1 : 0;
}

/* Where the first line break tag in s[0..len) stands, or len. */
static size_t
next_br(const char *s, size_t len)
{
	const char *p = s;

	while ((p = memchr(p, '<', len - (size_t)(p - s))) != NULL) {
		if (br_tag(p, len - (size_t)(p - s)) > 0)
			return (size_t)(p - s);
		p++;
	}
	return len;
}

/*
 * Whether a line is a slide printed with its line breaks: two of them
 * or more ("Title<br />bullet<br />"); one in prose is no slide.
 */
static int
br_line(const char *s, size_t len)
{
	size_t i = next_br(s, len);

	return i < len && next_br(s + i + 1, len - i - 1) < len - i - 1;
}

#define BR_TEXT_BYTES 300	/* a piece this long is a slide's paragraph */

/*
 * A slide as a site that keeps the HTML's line breaks prints it: one
 * line, its number glued to the title before the first "<br />", each
 * bullet after one ("3Formål<br />Innbyggerne skal ...<br />").  The
 * title is the slide's heading, the other pieces its bullets (or its
 * paragraphs, when long).
 */
static void
br_slide(struct reader *r, const char *s, size_t len)
{
	size_t a = 0, b, n, digits;
	long number = leading_number(s, len, &digits);
	int first = 1;

	flush_paragraph(r);
	r->in_list = 0;
	r->br_slides++;
	/* "3Formål": the number of this slide, the one after the last. */
	if (number == r->br_slides && digits < len)
		a = digits;
	while (a < len) {
		b = a + next_br(s + a, len - a);
		n = b < len ? br_tag(s + b, len - b) : 0;
		while (a < b && s[a] == ' ')
			a++;
		/*
		 * A deck printed on one line: the next slide's number glued
		 * to its title ("...<br />4Our Goals<br />...") begins it.
		 */
		if (!first && b > a && leading_number(s + a, b - a, &digits) ==
		    r->br_slides + 1 && digits < b - a &&
		    doc_upper_at(s + a + digits, b - a - digits)) {
			r->br_slides++;
			a += digits;
			first = 1;
		}
		if (b > a) {
			if (first && looks_like_heading(s + a, b - a))
				heading(r, 0, s + a, b - a);
			else {
				/* (a slide without a title is a unit still) */
				if (first && r->title_done)
					r->unit++;
				content_block(r, b - a > BR_TEXT_BYTES ? K_TEXT :
				    K_BULLET, 0, s + a, b - a);
			}
			first = 0;
		}
		a = b + n;
	}
}

/*
 * Whether l's "(3) " goes on with the sentence of the line above, which
 * wrapped before it ("... paragraph" / "(3) of Schedule 2 ..."): no mark
 * where the paragraph above ends in no stop, colon or semicolon.
 */
static int
paren_mark_in_sentence(const struct reader *r, const struct line *l,
    int prev_blank)
{
	unsigned char last;

	if (l->s[0] != '(' || prev_blank || r->para.len == 0)
		return 0;
	last = (unsigned char)r->para.data[r->para.len - 1];
	return strchr(".:;!?", last) == NULL;
}

#define DANGLING_WORDS 6	/* "innen 1. oktober 2026 kl. 12" */

/* Prepositions a line may go on with after a break: "innen 1. oktober". */
static const char *const dangling_starts[] = { "innen ", "innan ", "fra ",
	"frå ", "til ", "før ", "etter ", "by ", "from ", "before ", "after ",
	"until " };

/* Whether s[0..len) is a short end of the line before it. */
static int
dangling_end(const char *s, size_t len)
{
	return word_count(s, len) <= DANGLING_WORDS &&
	    ANY(starts_with_any, s, len, dangling_starts);
}

/*
 * Whether the numbered line l ("2. Aims"), its mark mark bytes long, is
 * a section's heading: words in a heading's shape alone between blank
 * lines, neither the next item of a list above it nor followed by the
 * list's next item ("3. ..."; a bullet may be, of a list under it).  pos
 * is past l.
 */
static int
numbered_heading(const struct reader *r, const char *s, size_t len,
    size_t pos, const struct line *l, size_t mark, int prev_blank)
{
	struct line v;

	if (!prev_blank || !isdigit((unsigned char)l->s[0]) ||
	    !looks_like_heading(l->s + mark, l->len - mark) ||
	    (r->list_number > 0 && line_number(l) == r->list_number + 1))
		return 0;
	v = next_line(s, len, &pos);
	if (v.len > 0)
		return 0;
	while (v.len == 0 && pos < len)
		v = next_line(s, len, &pos);
	return v.len > 0 && line_number(&v) != line_number(l) + 1;
}

/*
 * Whether the line at s[pos] begins with c after its indent (as
 * next_line() skips it): a glance, on every line, before a line is
 * read whole.
 */
static int
next_begins(const char *s, size_t len, size_t pos, char c)
{
	for (;;) {
		if (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
			pos++;
		else if (pos + 1 < len && memcmp(s + pos, "\xc2\xa0", 2) == 0)
			pos += 2;
		else
			return pos < len && s[pos] == c;
	}
}

void
article_ingest(struct doc *d, const char *s, size_t len, int markdown)
{
	struct reader r;
	struct site_key key;
	size_t pos = 0, head = site_head(s, len, &key);
	int prev_blank = 1, past_title = 0, title;

	memset(&r, 0, sizeof r);
	r.d = d;
	r.markdown = markdown;
	r.wrapped = is_wrapped(s, len);
	while (pos < len) {
		struct line l = next_line(s, len, &pos), nextl;
		size_t peek = pos, mark, hashes = 0, after;
		long number;
		int standalone;

		mark = chrome_prefix_len(l.s, l.len);
		l.s += mark;
		l.len -= mark;
		if (l.len == 0) {
			flush_paragraph(&r);
			prev_blank = 1;
			continue;
		}
		if (is_chrome(l.s, l.len)) {
			if (!markdown && page_site_line(l.s, l.len))
				r.page_site = 1;
			/* "4" alone: a slide or a page begins. */
			if (!markdown && lone_number(l.s, l.len)) {
				flush_paragraph(&r);
				r.slide_top = 1;
			}
			prev_blank = 1;
			continue;
		}
		/*
		 * Once slides came as lines of <br /> pieces (two or more),
		 * the site's list of other documents ends the transcript.
		 */
		if (!markdown && r.br_slides > 1 && l.len == 11 &&
		    memcmp(l.s, "Recommended", 11) == 0)
			break;
		if (!markdown && br_line(l.s, l.len)) {
			br_slide(&r, l.s, l.len);
			prev_blank = 1;
			past_title = 1;
			continue;
		}
		if (r.slide_top) {
			r.slide_top = 0;
			if (slide_title(&r, s, len, &l, &pos)) {
				prev_blank = 1;
				continue;
			}
		}
		/* The first line but chrome is the page's title. */
		title = !past_title;
		past_title = 1;
		if ((size_t)(l.s - s) < head &&
		    site_snippet(l.s, l.len, &key, title)) {
			prev_blank = 1;
			continue;
		}
		/*
		 * The line right above slideserve's "E N D" is its summary,
		 * the slides' titles glued ("Mål. Kva har vore krevjande?.").
		 */
		if (!markdown && next_begins(s, len, pos, 'E') &&
		    (nextl = next_line(s, len, &peek),
		    summary_end_line(nextl.s, nextl.len))) {
			prev_blank = 1;
			continue;
		}
		peek = pos;
		if (is_meta(l.s, l.len)) {
			flush_paragraph(&r);
			block(&r, 0, K_META, 0, l.s, l.len);
			prev_blank = 1;
			continue;
		}
		if (markdown) {
			while (hashes < l.len && hashes < 7 && l.s[hashes] == '#')
				hashes++;
			if (hashes > 0 && hashes < 7 && hashes < l.len && l.s[hashes] == ' ') {
				heading(&r, (int)hashes - 1, l.s + hashes, l.len - hashes);
				prev_blank = 1;
				continue;
			}
			/*
			 * A table: each row a bullet; the header, the row above
			 * the line of dashes, names columns, not items.
			 */
			if (pipe_row(l.s, l.len)) {
				nextl = next_line(s, len, &peek);
				if (delimiter_row(nextl.s, nextl.len)) {
					flush_paragraph(&r);
					pos = peek;
				} else if (!delimiter_row(l.s, l.len))
					table_row(&r, l.s, l.len);
				prev_blank = 0;
				continue;
			}
		}
		/*
		 * "Høsten 2015 og" / (blank) / "våren 2016:": a line that ends
		 * in a conjunction or a comma runs on into the next one in lower
		 * case.  Or it ends no sentence and the line after it goes on
		 * with a preposition ("Søknad sendes: x@y.no" / "innen 1.
		 * oktober"), or is the middle of a sentence itself, in lower
		 * case and ending in a comma or a conjunction ("Is intended to
		 * promote" / "independence, security and" / "inclusion").
		 */
		for (;;) {
			struct line v;
			int joint = ANY(ends_with_any, l.s, l.len, joins);

			if (!joint && ends_sentence(l.s, l.len))
				break;
			after = pos;
			v = next_line(s, len, &after);
			while (v.len == 0 && after < len)
				v = next_line(s, len, &after);
			if (v.len == 0 || !text_starts_lower(v.s, v.len) ||
			    !(joint || dangling_end(v.s, v.len) ||
			    ANY(ends_with_any, v.s, v.len, joins)))
				break;
			if (l.s != r.joined.data) {
				buf_clear(&r.joined);
				buf_add(&r.joined, l.s, l.len);
			}
			buf_addc(&r.joined, ' ');
			buf_add(&r.joined, v.s, v.len);
			l.s = r.joined.data;
			l.len = r.joined.len;
			pos = peek = after;
		}
		if (inline_list(&r, &l)) {
			prev_blank = 0;
			continue;
		}
		if ((mark = list_mark_len(&l)) > 0 && !numbered_heading(&r, s,
		    len, pos, &l, mark, prev_blank) &&
		    !paren_mark_in_sentence(&r, &l, prev_blank)) {
			const char *item = l.s + mark;
			size_t itemlen = l.len - mark;

			/* Its lines wrapped under it, indented past its mark. */
			if ((after = more_of_item(s, len, pos, l.indent, &l)) > pos) {
				buf_clear(&r.item);
				buf_add(&r.item, item, itemlen);
				while (pos < after) {
					struct line v = next_line(s, len, &pos);

					buf_addc(&r.item, ' ');
					buf_add(&r.item, v.s, v.len);
				}
				item = r.item.data;
				itemlen = r.item.len;
			}
			if (markdown && bold_only(item, itemlen))
				bullet(&r, l.indent, item + 2, itemlen - 4);
			else
				bullet(&r, l.indent, item, itemlen);
			number = line_number(&l);
			r.list_number = number > 0 ? number : 0;
			prev_blank = 0;
			continue;
		}
		nextl = next_line(s, len, &peek);
		if (!r.wrapped && is_label_line(&l)) {
			/* The value may stand after a blank line. */
			after = peek;
			struct line v = nextl;

			while (v.len == 0 && after < len)
				v = next_line(s, len, &after);
			if (v.len > 0 && v.len <= 2 * HEADING_BYTES &&
			    !is_label_line(&v) && list_mark_len(&v) == 0 &&
			    !is_chrome(v.s, v.len)) {
				nextl = v;
				peek = after;
			}
		}
		if (!r.wrapped && is_label_line(&l) && nextl.len > 0 &&
		    nextl.len <= 2 * HEADING_BYTES && !is_label_line(&nextl) &&
		    list_mark_len(&nextl) == 0 && !is_chrome(nextl.s, nextl.len)) {
			/*
			 * A key and its value: one block, "Frist: 3. mars";
			 * "Publisert:" / "19. februar 2026" is a meta row.
			 */
			flush_paragraph(&r);
			buf_clear(&r.para);
			buf_add(&r.para, l.s, l.len);
			buf_addc(&r.para, ' ');
			buf_add(&r.para, nextl.s, nextl.len);
			if (is_meta(r.para.data, r.para.len)) {
				block(&r, 0, K_META, 0, r.para.data, r.para.len);
				buf_clear(&r.para);
			}
			flush_paragraph(&r);
			pos = peek;
			prev_blank = 1;
			continue;
		}
		standalone = prev_blank && (nextl.len == 0 || peek >= len ||
		    list_mark_len(&nextl) > 0);
		if (pos >= len)
			standalone = prev_blank;
		/* "Bakgrunn" over its paragraph, no blank line between. */
		if (!standalone && (prev_blank || r.para.len == 0 || r.last_end) &&
		    bare_heading(l.s, l.len) && nextl.len > 0 &&
		    opens_paragraph(nextl.s, nextl.len))
			standalone = 1;
		if (markdown && standalone && bold_only(l.s, l.len)) {
			heading(&r, 1, l.s + 2, l.len - 4);
			prev_blank = 1;
			continue;
		}
		if (standalone && looks_like_heading(l.s, l.len) &&
		    !holds_table(l.s, l.len) && !list_lead(l.s, l.len)) {
			heading(&r, 0, l.s, l.len);
			prev_blank = 1;
			continue;
		}
		r.in_list = 0;
		/*
		 * A scraped page puts a paragraph on a line: a new line is a
		 * new block, unless the last one broke off mid-sentence.
		 */
		if (!r.wrapped && r.para.len > 0 &&
		    (r.last_end || !text_starts_lower(l.s, l.len)))
			flush_paragraph(&r);
		if (r.para.len > 0)
			buf_addc(&r.para, ' ');
		buf_add(&r.para, l.s, l.len);
		r.last_end = ends_sentence(l.s, l.len);
		prev_blank = 0;
	}
	flush_paragraph(&r);
	buf_free(&r.para);
	buf_free(&r.tmp);
	buf_free(&r.joined);
	buf_free(&r.item);
	buf_free(&r.clean);
}
