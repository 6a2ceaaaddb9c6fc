/*
 * Slide transcripts, as presentation-sharing sites print them: page
 * chrome, a header line naming the document, then one paragraph per slide
 * starting with its number.  Inside a slide the site prints each bullet
 * twice in a row; the repeat is what marks where one bullet ends and the
 * next begins, and the text before the first repeat is the slide title.
 * Some exports mark bullets with symbol-font glyphs (U+F0xx) instead.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "doc.h"
#include "readers.h"
#include "text.h"

/* A bullet longer than this is not looked for as a repeat. */
#define MAX_REPEAT_BYTES 2048
/* Candidates tried per word: bounds the work on hostile input. */
#define MAX_CANDIDATES 16
/* Text handled at a time, so a 100 MB slide costs bounded memory. */
#define CHUNK_BYTES ((size_t)4 << 20)
/* Words a slide's title printed on one line with its bullets may have. */
#define SLIDE_TITLE_WORDS 10
/* Dated steps of such a slide looked for. */
#define MAX_STEPS 32

struct prefix {
	const char *s;
	size_t len;
};
#define P(x) { x, sizeof x - 1 }

/* Header lines naming the document: Norwegian and English page chrome. */
static const struct prefix header_prefix[] = {
	P("Presentasjon om:"), P("Presentation on theme:"), P("Presentation on:"),
};
static const struct prefix header_marker[] = {
	P("Utskrift av presentasjonen"), P("Presentation transcript"),
};
/* Lines that end the transcript. */
static const struct prefix end_prefix[] = {
	P("Laste ned ppt"), P("Last ned ppt"), P("Download ppt"),
};
/* Other chrome lines, dropped wherever they stand. */
static const struct prefix chrome_prefix[] = {
	P("Presentasjon lastes"), P("Presentation is loading"),
	P("Liknende presentasjoner"), P("Lignende presentasjoner"),
	P("Similar presentations"), P("Annonser fra Google"), P("Ads by Google"),
	P("Laste ned ppt"), P("Last ned ppt"), P("Download ppt"),
	P("Kopier til utklippstavle"), P("Copy to clipboard"),
};

static int
has_prefix(const char *s, size_t len, const struct prefix *p, size_t n)
{
	size_t i;

	/* the first byte alone turns away a slide's line */
	for (i = 0; i < n; i++)
		if (len >= p[i].len && s[0] == p[i].s[0] &&
		    memcmp(s, p[i].s, p[i].len) == 0)
			return 1;
	return 0;
}

#define HAS_PREFIX(s, len, table) \
	has_prefix(s, len, table, sizeof table / sizeof table[0])

int
transcript_chrome_line(const char *line, size_t len)
{
	return HAS_PREFIX(line, len, chrome_prefix);
}

static const char *
find_mem(const char *h, size_t hl, const char *n, size_t nl)
{
	return memmem(h, hl, n, nl);
}

#define DOUBLED_SLIDES 3	/* lines "2 2 ...", "3 3 ...": slides */

/*
 * Whether lines begin with a number said twice, rising ("1 1 Title",
 * "2 2 Outline"): a slide site's transcript without its header.
 */
static int
doubled_numbers(const char *s, size_t len)
{
	size_t pos = 0, i;
	long last = 0, n;
	int found = 0;

	while (pos < len && found < DOUBLED_SLIDES) {
		const char *line = s + pos, *nl = memchr(line, '\n', len - pos);
		size_t ll = nl != NULL ? (size_t)(nl - line) : len - pos;

		pos += ll + (nl != NULL);
		for (i = 0, n = 0; i < ll && i < 5 && line[i] >= '0' &&
		    line[i] <= '9'; i++)
			n = n * 10 + (line[i] - '0');
		if (i > 0 && i < 5 && i + 1 + i < ll && line[i] == ' ' &&
		    memcmp(line + i + 1, line, i) == 0 && line[i + 1 + i] == ' ' &&
		    n > last) {
			last = n;
			found++;
		}
	}
	return found >= DOUBLED_SLIDES;
}

int
transcript_detect(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof header_marker / sizeof header_marker[0]; i++)
		if (find_mem(s, len, header_marker[i].s, header_marker[i].len))
			return 1;
	for (i = 0; i < sizeof header_prefix / sizeof header_prefix[0]; i++)
		if (find_mem(s, len, header_prefix[i].s, header_prefix[i].len))
			return 1;
	if (find_mem(s, len, "Presentasjon lastes", 19) != NULL ||
	    find_mem(s, len, "Presentation is loading", 23) != NULL)
		return 1;
	/*
	 * A document-sharing site numbers its pages as a slide site does
	 * ("3 3 1. MÅL OG RAMMER ..."): where its chrome is, they are pages.
	 */
	return !page_site_text(s, len) && doubled_numbers(s, len);
}

/* ---- bullet marks and doubled links ---- */

size_t
bullet_mark_len(const char *s, size_t len)
{
	int32_t cp;
	size_t n;

	if (len == 0)
		return 0;
	n = (size_t)utf8_decode(s, len, &cp);
	/* (dashes of every length: a slide's "— Item" and "― Item" too) */
	if (!(cp_is_bullet(cp) || (cp >= 0x2012 && cp <= 0x2015) ||
	    cp == '-' || cp == '*' || cp == 0xB7))
		return 0;
	if (n == len)
		return cp_is_bullet(cp) ? n : 0;
	if (s[n] == ' ' || s[n] == '\t')
		return n + 1;
	/* A glyph needs no space after it; a dash or star does. */
	return cp_is_bullet(cp) ? n : 0;
}

static int
link_like(const char *s, size_t len)
{
	return (len > 4 && memcmp(s, "www.", 4) == 0) ||
	    (len > 7 && memcmp(s, "http://", 7) == 0) ||
	    (len > 8 && memcmp(s, "https://", 8) == 0);
}

/* Trim brackets and trailing punctuation off a word for comparing links. */
static void
link_core(const char *s, size_t len, const char **cs, size_t *cl)
{
	while (len > 0 && (*s == '(' || *s == '[' || *s == '<'))
		s++, len--;
	while (len > 0 && strchr(").,;:]>", s[len - 1]) != NULL)
		len--;
	*cs = s;
	*cl = len;
}

/*
 * Does the text hold "www." or "://"?  Found through memchr on 'w' and '/',
 * both rare in Norwegian, which is several times faster than memmem (':'
 * is not rare: "Mars 2025: oppstart").
 */
static int
has_link(const char *s, size_t len)
{
	const char *p, *end;

	if (len == 0)
		return 0;	/* s may be an empty buffer's NULL */
	end = s + len;
	for (p = s; (p = memchr(p, 'w', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 4 && memcmp(p, "www.", 4) == 0)
			return 1;
	for (p = s; (p = memchr(p, '/', (size_t)(end - p))) != NULL; p++)
		if (p > s && p[-1] == ':' && end - p >= 2 && p[1] == '/')
			return 1;
	return 0;
}

size_t
drop_doubled_links(char *s, size_t len)
{
	const char *prev = NULL;
	size_t prevlen = 0, i = 0, o = 0, words_since = 0;

	if (!has_link(s, len))
		return len;

	while (i < len) {
		size_t start = i, wl;
		const char *core;
		size_t corelen;

		while (i < len && s[i] != ' ')
			i++;
		wl = i - start;
		link_core(s + start, wl, &core, &corelen);
		if (link_like(core, corelen) && prev != NULL && words_since <= 2 &&
		    corelen == prevlen && memcmp(core, prev, corelen) == 0) {
			/* drop this word and the space before it */
			if (o > 0 && s[o - 1] == ' ')
				o--;
		} else {
			memmove(s + o, s + start, wl);
			o += wl;
			if (link_like(core, corelen)) {
				/* the kept copy now lives at s + o - wl */
				link_core(s + o - wl, wl, &prev, &prevlen);
				words_since = 0;
			} else {
				words_since++;
			}
		}
		if (i < len) {	/* the space */
			s[o++] = ' ';
			i++;
		}
	}
	while (o > 0 && s[o - 1] == ' ')
		o--;
	return o;
}

/* ---- finding repeated runs of words ---- */

/*
 * The text handed to these functions is clean (text_clean): words
 * separated by single spaces, none leading or trailing.
 */

static size_t
word_end(const char *s, size_t i, size_t len)
{
	const char *sp = memchr(s + i, ' ', len - i);

	return sp != NULL ? (size_t)(sp - s) : len;
}

/*
 * The first place at or after byte p (a word start) where a run of words
 * stands twice in a row, "X X"; of the runs starting there, the shortest
 * (so two equal bullets in a row come out as two).  Sets *start and *runlen
 * (the bytes of X) and returns 1, or returns 0 if there is none.
 *
 * For each word start s, the next words within MAX_REPEAT_BYTES that begin
 * with its first word are candidates for where the copy begins; a
 * candidate is confirmed with one memcmp.  Typical slides need one search
 * per bullet.
 */
static int
find_repeat(const char *text, size_t len, size_t p, size_t *start, size_t *runlen)
{
	size_t s, wl;

	for (s = p; s < len; s = s + wl + 1) {
		size_t q = (wl = word_end(text, s, len) - s) + s + 1;
		size_t limit = s + 2 * MAX_REPEAT_BYTES + 1;
		/* the copy must fit: h + (h - s - 1) <= len */
		size_t last = (len + s + 1) / 2;
		int tries;

		if (limit > len)
			limit = len;
		if (last + wl > limit)
			last = limit >= wl ? limit - wl : 0;
		for (tries = 0; tries < MAX_CANDIDATES && q <= last; tries++) {
			size_t h = text_find_word(text, q, last, text + s, wl);
			size_t run = h - s - 1;

			if (h > last)
				break;
			q = h + 1;
			if (h + run <= len && (h + run == len || text[h + run] == ' ') &&
			    memcmp(text + s, text + h, run) == 0) {
				*start = s;
				*runlen = run;
				return 1;
			}
		}
		if (s + wl >= len)
			break;
	}
	return 0;
}

static int
is_single_link(const char *s, size_t len)
{
	const char *core;
	size_t corelen;

	if (memchr(s, ' ', len) != NULL)
		return 0;
	link_core(s, len, &core, &corelen);
	return link_like(core, corelen);
}

struct slide {
	struct doc *d;
	long unit;
	int have_title;
	int has_links;		/* the slide holds a www. or http link */
	int unmarked;		/* the piece is the slide, no bullet marked */
	int doc_has_links;	/* so might some slide of the document */
	struct buf clean;	/* the slide's text, cleaned */
	struct buf piece;
};

#define STEP_DATE_BYTES 40	/* "1. januar 2027:", "Haust 2026:" */

/* Whether a date in s[from..c) ends at c, the colon after it. */
static int
date_ends_at(const char *s, size_t c, size_t from, struct date *d)
{
	while (from < c && date_find(s, c, from, d)) {
		if (d->end == c)
			return 1;
		from = d->end > from ? d->end : from + 1;
	}
	return 0;
}

/*
 * Where the dated steps of a slide printed on one line begin ("How it
 * went 2025: study 2026: councils agree ...", "Plan Mars: ... Juni:
 * ..."): the dates followed by a colon, or a month's or a season's name
 * alone, at most max; their number, 0 when fewer than two.
 */
static int
dated_steps(const char *s, size_t len, size_t *at, int max)
{
	struct date d;
	const char *colon;
	size_t from = 0, c, w;
	int n = 0;

	while (n < max && from < len &&
	    (colon = memchr(s + from, ':', len - from)) != NULL) {
		c = (size_t)(colon - s);
		/* (a date or a month's name is short: look back so far only) */
		for (w = c; w > from && c - w < STEP_DATE_BYTES && s[w - 1] != ' ';
		    w--)
			;
		if (date_ends_at(s, c, c - from > STEP_DATE_BYTES ?
		    c - STEP_DATE_BYTES : from, &d) && d.start > 0)
			at[n++] = d.start;
		else if (w > from && s[w - 1] == ' ' &&
		    (date_month_name(s + w, c - w) ||
		    date_season_name(s + w, c - w)))
			at[n++] = w;
		from = c + 1;
	}
	return n >= 2 ? n : 0;
}

/*
 * A slide's title of one word before its first bullet, which begins
 * with a capital ("Risks Staff turnover in ...", "Tidsplan Samling 2:
 * ..."); with sentence, the bullet's second word must be lower-case.
 * The title's length with the space after it, or 0.
 */
static size_t
one_word_title(const char *s, size_t len, int sentence)
{
	size_t w = doc_capital_word(s, len, 0), e;
	int32_t cp;
	int k;

	if (w == 0 || !doc_upper_at(s + w + 1, len - w - 1))
		return 0;
	if (!sentence)
		return w + 1;
	/* (a word, not "NAV": its second letter small) */
	for (e = w + 1; e < len && s[e] != ' '; e++)
		;
	k = utf8_decode(s + w + 1, len - w - 1, &cp);
	return e + 1 < len && text_starts_lower(s + w + 1 + k, e - w - 1 - k) &&
	    text_starts_lower(s + e + 1, len - e - 1) ? w + 1 : 0;
}

/*
 * Where the title of a slide printed on one line ends, before its
 * bullets: a word before one that begins sentences, a word alone before
 * a capitalised bullet with another bullet after it ("Risks Staff
 * turnover in ... Unclear cost sharing ..."; not "Kari Nordmann leder
 * arbeidet", a name), or the words up to a capital after a small
 * letter.  With the space after it; 0 if none.
 */
static size_t
bullets_title(const char *s, size_t len)
{
	size_t cut;

	if ((cut = doc_title_word(s, len)) > 0)
		return cut;
	if ((cut = one_word_title(s, len, 1)) > 0 &&
	    doc_glued_piece(s + cut, len - cut, 2, 0, 1) > 0)
		return cut;
	return doc_glued_piece(s, len, 2, SLIDE_TITLE_WORDS, 0);
}

#define TIMELINE_BYTES 2000	/* a slide's line, looked at for a timeline */
#define TIMELINE_STEPS 3

/*
 * Whether s may be a timeline whose steps end in their dates, before
 * dates are looked for (most slides are none): a digit at its end, and
 * three runs of digits or more.
 */
static int
timeline_shape(const char *s, size_t len)
{
	size_t i;
	int runs = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	if (len == 0 || !isdigit((unsigned char)s[len - 1]))
		return 0;
	for (i = 0; i < len; i++)
		if (isdigit((unsigned char)s[i]) &&
		    (i == 0 || !isdigit((unsigned char)s[i - 1])))
			runs++;
	return runs >= TIMELINE_STEPS;
}

/*
 * A timeline on one line whose steps end in their dates ("Tidsplan
 * Samling 2: 10. juni 2026 Handlingsplaner ferdige innen 1. september
 * 2026 Avslutning våren 2027"): three dates or more, each followed by a
 * capital or the end.  Where its title ends (a word before a capital,
 * or words up to a capital after a small letter), with the space after
 * it; 0 if s is no such timeline or its title cannot be told.
 */
static size_t
timeline_title(const char *s, size_t len)
{
	struct date d;
	size_t from = 0, w;
	int steps = 0, last = 0;

	if (len > TIMELINE_BYTES || !timeline_shape(s, len))
		return 0;
	while (date_find(s, len, from, &d)) {
		last = d.end + 1 >= len;
		if (last || (s[d.end] == ' ' && doc_upper_at(s + d.end + 1,
		    len - d.end - 1)))
			steps++;
		from = d.end > from ? d.end : from + 1;
	}
	if (steps < TIMELINE_STEPS || !last)
		return 0;
	if ((w = one_word_title(s, len, 0)) > 0)
		return w;
	return doc_glued_piece(s, len, 1, SLIDE_TITLE_WORDS, 0);
}

/* Emit one piece of a slide: its title first, then its bullets. */
static void
emit(struct slide *sl, const char *s, size_t len, int as_title)
{
	size_t mark, cut, at[MAX_STEPS];
	int steps, k;

	while ((mark = bullet_mark_len(s, len)) > 0 && mark < len)
		s += mark, len -= mark;
	if (sl->has_links) {
		buf_clear(&sl->piece);
		buf_add(&sl->piece, s, len);
		sl->piece.len = drop_doubled_links(sl->piece.data, sl->piece.len);
		s = sl->piece.data;
		len = sl->piece.len;
	}
	if (len == 0)
		return;
	/* The slide was cleaned whole; its pieces need no second pass. */
	if (as_title && !sl->have_title && sl->unit > 1 &&
	    inline_list_start(s, len) < len) {
		/*
		 * A slide printed with no bullet said twice, its list
		 * numbered inline ("Outline 1. Background 2. Goals ..."),
		 * is text that doc.c splits into the list's lead and items.
		 * (The first slide is the title slide.)
		 */
		doc_clean_block(sl->d, sl->unit, K_TEXT, 0, s, len);
		sl->have_title = 1;
	} else if (as_title && !sl->have_title && sl->unit > 1 &&
	    sl->unmarked && (steps = dated_steps(s, len, at, MAX_STEPS)) > 0) {
		/* A timeline on one line: its title, then a bullet a step. */
		doc_clean_block(sl->d, sl->unit, K_TITLE, 0, s, at[0] - 1);
		sl->have_title = 1;
		for (k = 0; k < steps; k++)
			doc_clean_block(sl->d, sl->unit, K_BULLET, 0, s + at[k],
			    (k + 1 < steps ? at[k + 1] - 1 : len) - at[k]);
	} else if (as_title && !sl->have_title && sl->unit > 1 &&
	    sl->unmarked && (cut = timeline_title(s, len)) > 0) {
		/*
		 * Its title, then the steps as text, which extract cuts
		 * after each date ("Pilot 2024–2025 Evaluation ..." has no
		 * capital after a small letter to be cut at below).
		 */
		doc_clean_block(sl->d, sl->unit, K_TITLE, 0, s, cut - 1);
		sl->have_title = 1;
		doc_clean_block(sl->d, sl->unit, K_TEXT, 0, s + cut, len - cut);
	} else if (as_title && !sl->have_title && sl->unit > 1 &&
	    sl->unmarked && (cut = bullets_title(s, len)) > 0) {
		/*
		 * A slide printed on one line without its bullets' marks
		 * ("What got in the way Different case systems in each
		 * council Unclear responsibility for ..."): its title, then
		 * a bullet a piece, cut where a capitalised word follows one
		 * in lower case.  (The title ends at no full stop: a slide
		 * of sentences is no title glued to its bullets.)
		 */
		doc_clean_block(sl->d, sl->unit, K_TITLE, 0, s, cut - 1);
		sl->have_title = 1;
		while (cut < len) {
			s += cut;
			len -= cut;
			cut = doc_glued_piece(s, len, 2, 0, 1);
			doc_clean_block(sl->d, sl->unit, K_BULLET, 0, s,
			    cut > 0 ? cut - 1 : len);
			if (cut == 0)
				break;
		}
	} else if (as_title && !sl->have_title) {
		doc_clean_block(sl->d, sl->unit, K_TITLE, 0, s, len);
		sl->have_title = 1;
	} else {
		doc_clean_block(sl->d, sl->unit, K_BULLET, 0, s, len);
	}
}

/* Split text (clean, single spaces) at its doubled runs. */
static void
split_doubled(struct slide *sl, const char *text, size_t len, int first)
{
	size_t p = 0, s, run;

	while (p < len) {
		if (!find_repeat(text, len, p, &s, &run)) {
			/* (the whole slide: nothing marked its bullets) */
			sl->unmarked = p == 0;
			emit(sl, text + p, len - p, first);
			sl->unmarked = 0;
			return;
		}
		if (s > p && is_single_link(text + s, run)) {
			/* "Mer info: www.x.no www.x.no": a doubled link ends the text */
			emit(sl, text + p, s + run - p, first);
			first = 0;
			p = s + 2 * run + 2;
			continue;
		}
		if (s > p) {
			emit(sl, text + p, s - 1 - p, first);
		}
		/* A title said twice, like the bullets after it, is still the title. */
		emit(sl, text + s, run, first && s == p);
		first = 0;
		p = s + 2 * run + 2;
	}
}

/* Split very long text into pieces of at most CHUNK_BYTES, at spaces. */
static void
split_doubled_chunked(struct slide *sl, const char *text, size_t len, int first)
{
	while (len > 0) {
		size_t n = len;

		if (n > CHUNK_BYTES) {
			const char *sp = memrchr(text, ' ', CHUNK_BYTES);

			n = sp != NULL ? (size_t)(sp - text) + 1 : CHUNK_BYTES;
		}
		split_doubled(sl, text, n, first);
		first = first && !sl->have_title;
		text += n;
		len -= n;
	}
}

/* A glyph-marked piece: collapse it if it is one text said twice. */
static void
emit_glyph_piece(struct slide *sl, const char *s, size_t len, int first)
{
	size_t half;

	while (len > 0 && *s == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	half = (len - 1) / 2;
	if (len >= 3 && len % 2 == 1 && s[half] == ' ' &&
	    memcmp(s, s + half + 1, half) == 0)
		len = half;
	emit(sl, s, len, first);
}

/* Every bullet glyph is a three-byte sequence led by E2 or EF. */
static size_t
next_glyph_lead(const char *s, size_t len, size_t from)
{
	const char *e2 = memchr(s + from, 0xE2, len - from);
	const char *ef = memchr(s + from, 0xEF, len - from);

	if (e2 == NULL && ef == NULL)
		return len;
	if (e2 == NULL || (ef != NULL && ef < e2))
		return (size_t)(ef - s);
	return (size_t)(e2 - s);
}

static void
slide_ingest(struct slide *sl, const char *raw, size_t rawlen)
{
	const char *t;
	size_t len, i = 0, piece = 0;
	int glyphs = 0, npiece = 0;

	buf_clear(&sl->clean);
	text_clean(&sl->clean, raw, rawlen);
	t = sl->clean.data;
	len = sl->clean.len;
	sl->have_title = 0;
	sl->has_links = sl->doc_has_links && has_link(t, len);
	/* Bullets marked by glyphs: the pieces between them are the bullets. */
	while ((i = next_glyph_lead(t, len, i)) < len) {
		int32_t cp;
		int n;

		n = utf8_decode(t + i, len - i, &cp);

		if (cp_is_bullet(cp)) {
			if (glyphs == 0 && i == 0) {
				/* a glyph before any title: nothing to emit */
			} else {
				emit_glyph_piece(sl, t + piece, i - piece, npiece == 0);
				npiece++;
			}
			glyphs++;
			piece = i + (size_t)n;
		}
		i += (size_t)n;
	}
	if (glyphs > 0)
		emit_glyph_piece(sl, t + piece, len - piece, npiece == 0);
	else
		split_doubled_chunked(sl, t, len, 1);
}

/* ---- the page ---- */

/* The document title from the header line, or NULL. */
static int
header_title(const char *line, size_t len, const char **title, size_t *tlen)
{
	size_t i, plen = 0;
	const char *end = NULL, *s;

	for (i = 0; i < sizeof header_prefix / sizeof header_prefix[0]; i++)
		if (len >= header_prefix[i].len &&
		    memcmp(line, header_prefix[i].s, header_prefix[i].len) == 0)
			plen = header_prefix[i].len;
	if (plen == 0)
		return 0;
	for (i = 0; i < sizeof header_marker / sizeof header_marker[0]; i++) {
		const char *m = find_mem(line, len, header_marker[i].s, header_marker[i].len);

		if (m != NULL)
			end = m;
	}
	if (end == NULL)
		end = line + len;
	s = line + plen;
	/* Trim spaces, quotes and the dash before the marker. */
	for (;;) {
		if (s < end && (*s == ' ' || *s == '"'))
			s++;
		else if (end - s >= 3 && (memcmp(s, "\xe2\x80\x9c", 3) == 0 ||
		    memcmp(s, "\xe2\x80\x9d", 3) == 0 || memcmp(s, "\xc2\xab", 2) == 0))
			s += memcmp(s, "\xc2\xab", 2) == 0 ? 2 : 3;
		else
			break;
	}
	for (;;) {
		if (end > s && strchr(" \"-:", end[-1]) != NULL)
			end--;
		else if (end - s >= 3 && (memcmp(end - 3, "\xe2\x80\x94", 3) == 0 ||
		    memcmp(end - 3, "\xe2\x80\x93", 3) == 0 ||
		    memcmp(end - 3, "\xe2\x80\x9d", 3) == 0 ||
		    memcmp(end - 3, "\xe2\x80\x9c", 3) == 0))
			end -= 3;
		else if (end - s >= 2 && memcmp(end - 2, "\xc2\xbb", 2) == 0)
			end -= 2;
		else
			break;
	}
	*title = s;
	*tlen = (size_t)(end - s);
	return 1;
}

/* A slide number at the start of line: returns it and sets *rest. */
static long
slide_number(const char *line, size_t len, size_t *rest)
{
	long n = 0;
	size_t i = 0;

	while (i < len && i < 6 && line[i] >= '0' && line[i] <= '9')
		n = n * 10 + (line[i++] - '0');
	if (i == 0 || i == 6 || (i < len && line[i] != ' ' && line[i] != '\t'))
		return -1;
	*rest = i;
	/* "7 7 Readiness for ...": the number said twice, as some sites do. */
	if (i + 1 + i < len && memcmp(line + i + 1, line, i) == 0 &&
	    (line[i + 1 + i] == ' ' || line[i + 1 + i] == '\t'))
		*rest = i + 1 + i;
	return n;
}

/* A slide is complete: its text is first (one line) or content (more). */
static void
slide_end(struct slide *sl, long unit, const char *first, size_t firstlen,
    struct buf *content)
{
	sl->unit = unit;
	if (first != NULL)
		slide_ingest(sl, first, firstlen);
	else
		slide_ingest(sl, content->data, content->len);
}

void
transcript_ingest(struct doc *d, const char *s, size_t len)
{
	struct slide sl;
	struct buf content = BUF_INIT;
	const char *first = NULL;	/* a slide's first line, not yet copied */
	size_t firstlen = 0, pos = 0;
	long cur = 0;
	int started = 0;

	memset(&sl, 0, sizeof sl);
	sl.d = d;
	sl.doc_has_links = has_link(s, len);
	/* Without a header line, the slides begin at the first "1 ". */
	if (!find_mem(s, len, header_prefix[0].s, header_prefix[0].len) &&
	    !find_mem(s, len, header_prefix[1].s, header_prefix[1].len) &&
	    !find_mem(s, len, header_prefix[2].s, header_prefix[2].len))
		started = 1;
	while (pos < len) {
		const char *line = s + pos, *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos, rest;
		long num;

		pos += ll + (nl != NULL);
		while (ll > 0 && (*line == ' ' || *line == '\t'))
			line++, ll--;
		while (ll > 0 && (line[ll - 1] == ' ' || line[ll - 1] == '\t'))
			ll--;
		if (ll == 0)
			continue;
		if (!started) {
			const char *title;
			size_t tlen;

			if (header_title(line, ll, &title, &tlen)) {
				doc_block(d, 0, K_TITLE, 0, title, tlen);
				started = 1;
			}
			continue;
		}
		if (HAS_PREFIX(line, ll, end_prefix))
			break;
		if (transcript_chrome_line(line, ll))
			continue;
		num = slide_number(line, ll, &rest);
		if (num > cur && num <= cur + 100) {
			if (cur > 0)
				slide_end(&sl, cur, first, firstlen, &content);
			cur = num;
			first = line + rest;
			firstlen = ll - rest;
		} else if (cur > 0) {
			/* "1 1 Title" after "1 Title": its number said twice again. */
			if (num == cur && rest > strspn(line, "0123456789") + 1) {
				line += rest;
				ll -= rest;
				while (ll > 0 && (*line == ' ' || *line == '\t'))
					line++, ll--;
			}
			/* A slide of several lines is gathered in content. */
			if (first != NULL) {
				buf_clear(&content);
				buf_add(&content, first, firstlen);
				first = NULL;
			}
			buf_addc(&content, ' ');
			buf_add(&content, line, ll);
		}
	}
	if (cur > 0)
		slide_end(&sl, cur, first, firstlen, &content);
	buf_free(&content);
	buf_free(&sl.clean);
	buf_free(&sl.piece);
}
