/*
 * Slide transcripts, as presentation-sharing sites print them: page
 * chrome, a header line naming the document, then one paragraph per slide
 * starting with its number.  Inside a slide the site prints each bullet
 * twice in a row; the repeat is what marks where one bullet ends and the
 * next begins, and the text before the first repeat is the slide title.
 * Some exports mark bullets with symbol-font glyphs (U+F0xx) instead.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "readers.h"
#include "text.h"
#include "xalloc.h"

/* A bullet longer than this many words is not looked for as a repeat. */
#define MAX_REPEAT 256
/* Candidates tried per word: bounds the work on hostile input. */
#define MAX_CANDIDATES 16
/* Text handled at a time, so a 100 MB slide costs bounded memory. */
#define CHUNK_BYTES ((size_t)4 << 20)
#define NONE UINT32_MAX

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

	for (i = 0; i < n; i++)
		if (len >= p[i].len && memcmp(s, p[i].s, p[i].len) == 0)
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
	return find_mem(s, len, "Presentasjon lastes", 19) != NULL ||
	    find_mem(s, len, "Presentation is loading", 23) != NULL;
}

/* ---- bullet marks and doubled links ---- */

static int
is_bullet_glyph(int32_t cp)
{
	return (cp >= 0xF000 && cp <= 0xF0FF) || cp == 0x2022 || cp == 0x25AA ||
	    cp == 0x25CF || cp == 0x25E6 || cp == 0x2023 || cp == 0x2043 ||
	    cp == 0x25A0 || cp == 0x27A2 || cp == 0x2219;
}

size_t
bullet_mark_len(const char *s, size_t len)
{
	int32_t cp;
	size_t n;

	if (len == 0)
		return 0;
	n = (size_t)utf8_decode(s, len, &cp);
	if (!(is_bullet_glyph(cp) || cp == 0x2013 || cp == '-' || cp == '*' ||
	    cp == 0xB7))
		return 0;
	if (n == len)
		return is_bullet_glyph(cp) ? n : 0;
	if (s[n] == ' ' || s[n] == '\t')
		return n + 1;
	/* A glyph needs no space after it; a dash or star does. */
	return is_bullet_glyph(cp) ? n : 0;
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
 * Does the text hold "www." or "://"?  Found through memchr on 'w' and ':',
 * both rare in Norwegian, which is several times faster than memmem.
 */
static int
has_link(const char *s, size_t len)
{
	const char *p, *end = s + len;

	for (p = s; (p = memchr(p, 'w', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 4 && memcmp(p, "www.", 4) == 0)
			return 1;
	for (p = s; (p = memchr(p, ':', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 3 && memcmp(p, "://", 3) == 0)
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

struct word {
	uint32_t off, len, hash, next;	/* next: later word with the same hash */
};

struct words {
	const char *text;
	struct word *w;
	uint32_t n, cap;
	uint32_t *table;	/* open addressing: word index by hash */
	uint32_t tcap;
};

/*
 * A word's hash from its length and its first and last eight bytes: cheap
 * on every word, and equal hashes are confirmed with memcmp anyway.
 * avail is how many bytes may be read at s (at least n).
 */
static uint32_t
hash_word(const char *s, size_t n, size_t avail)
{
	uint64_t a = 0, b = 0, h;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else if (avail >= 8) {
		/* one fixed-size load, the bytes past the word masked off */
		memcpy(&a, s, 8);
		a &= n == 0 ? 0 : ~0ULL >> (64 - 8 * n);
	} else {
		memcpy(&a, s, n);
	}
	h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ n) * 0xFF51AFD7ED558CCDULL;
	return (uint32_t)(h >> 32);
}

/* Offset of the next space in s[i..len), or len; 8 bytes at a time. */
static size_t
next_space(const char *s, size_t i, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;

	/* The lowest marked byte is the first space (little-endian). */
	for (; i + 8 <= len; i += 8) {
		uint64_t x, y, m;

		memcpy(&x, s + i, 8);
		y = x ^ 0x2020202020202020ULL;
		m = ~(((y & low7) + low7) | y | low7);
		if (m != 0)
			return i + (size_t)(__builtin_ctzll(m) >> 3);
	}
#endif
	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Split text[0..len) (clean: single spaces) into words, link equal ones. */
static void
words_split(struct words *ws, const char *text, size_t len)
{
	size_t i = 0;
	uint32_t k, mask;

	ws->text = text;
	ws->n = 0;
	while (i < len) {
		size_t start = i;

		i = next_space(text, i, len);
		if (ws->n == ws->cap) {
			ws->cap = ws->cap ? ws->cap * 2 : 256;
			ws->w = xreallocarray(ws->w, ws->cap, sizeof *ws->w);
		}
		ws->w[ws->n].off = (uint32_t)start;
		ws->w[ws->n].len = (uint32_t)(i - start);
		ws->w[ws->n].hash = hash_word(text + start, i - start, len - start);
		ws->n++;
		while (i < len && text[i] == ' ')
			i++;
	}
	if (ws->tcap < ws->n * 2 || ws->tcap == 0) {
		ws->tcap = 64;
		while (ws->tcap < ws->n * 2)
			ws->tcap *= 2;
		free(ws->table);
		ws->table = xmalloc(ws->tcap * sizeof *ws->table);
	}
	memset(ws->table, 0xff, ws->tcap * sizeof *ws->table);
	mask = ws->tcap - 1;
	for (k = ws->n; k-- > 0;) {
		uint32_t slot = ws->w[k].hash & mask;

		while (ws->table[slot] != NONE &&
		    ws->w[ws->table[slot]].hash != ws->w[k].hash)
			slot = (slot + 1) & mask;
		ws->w[k].next = ws->table[slot];
		ws->table[slot] = k;
	}
}

static int
word_eq(const struct words *ws, uint32_t a, uint32_t b)
{
	const struct word *x = &ws->w[a], *y = &ws->w[b];

	return x->hash == y->hash && x->len == y->len &&
	    memcmp(ws->text + x->off, ws->text + y->off, x->len) == 0;
}

/*
 * The first place at or after p where a run of words stands twice in a
 * row; of the runs starting there, the longest.  Returns 0 if none.
 */
static int
find_repeat(const struct words *ws, uint32_t p, uint32_t *start, uint32_t *klen)
{
	uint32_t s, j, k, i, tries;

	for (s = p; s + 1 < ws->n; s++) {
		uint32_t best = 0;

		tries = 0;
		for (j = ws->w[s].next; j != NONE && tries < MAX_CANDIDATES; j = ws->w[j].next) {
			k = j - s;
			if (k > MAX_REPEAT || j + k > ws->n)
				break;
			tries++;
			for (i = 1; i < k && word_eq(ws, s + i, j + i); i++)
				;
			if (i == k)
				best = k;
		}
		if (best > 0) {
			*start = s;
			*klen = best;
			return 1;
		}
	}
	return 0;
}

static int
word_is_link(const struct words *ws, uint32_t i)
{
	const char *core;
	size_t corelen;

	link_core(ws->text + ws->w[i].off, ws->w[i].len, &core, &corelen);
	return link_like(core, corelen);
}

/* Bytes of words [a, b) in the text. */
static void
span_of(const struct words *ws, uint32_t a, uint32_t b, const char **s, size_t *len)
{
	*s = ws->text + ws->w[a].off;
	*len = ws->w[b - 1].off + ws->w[b - 1].len - ws->w[a].off;
}

struct slide {
	struct doc *d;
	long unit;
	int have_title;
	int has_links;		/* the slide holds a www. or http link */
	int doc_has_links;	/* so might some slide of the document */
	struct words ws;
	struct buf piece;
};

/* Emit one piece of a slide: its title first, then its bullets. */
static void
emit(struct slide *sl, const char *s, size_t len, int as_title)
{
	size_t mark;

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
	if (as_title && !sl->have_title) {
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
	uint32_t p = 0, s, k;
	const char *span;
	size_t spanlen;

	words_split(&sl->ws, text, len);
	while (p < sl->ws.n) {
		if (!find_repeat(&sl->ws, p, &s, &k)) {
			span_of(&sl->ws, p, sl->ws.n, &span, &spanlen);
			emit(sl, span, spanlen, first);
			return;
		}
		if (s > p && k == 1 && word_is_link(&sl->ws, s)) {
			/* "Mer info: www.x.no www.x.no": a doubled link ends the text */
			span_of(&sl->ws, p, s + 1, &span, &spanlen);
			emit(sl, span, spanlen, first);
			first = 0;
			p = s + 2;
			continue;
		}
		if (s > p) {
			span_of(&sl->ws, p, s, &span, &spanlen);
			emit(sl, span, spanlen, first);
		}
		/* A title said twice, like the bullets after it, is still the title. */
		span_of(&sl->ws, s, s + k, &span, &spanlen);
		emit(sl, span, spanlen, first && s == p);
		first = 0;
		p = s + 2 * k;
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
	struct buf clean = BUF_INIT;
	size_t i = 0, piece = 0;
	int glyphs = 0, npiece = 0;

	text_clean(&clean, raw, rawlen);
	sl->have_title = 0;
	sl->has_links = sl->doc_has_links && has_link(clean.data, clean.len);
	/* Bullets marked by glyphs: the pieces between them are the bullets. */
	while ((i = next_glyph_lead(clean.data, clean.len, i)) < clean.len) {
		int32_t cp;
		int n;

		n = utf8_decode(clean.data + i, clean.len - i, &cp);

		if (is_bullet_glyph(cp)) {
			if (glyphs == 0 && i == 0) {
				/* a glyph before any title: nothing to emit */
			} else {
				emit_glyph_piece(sl, clean.data + piece, i - piece, npiece == 0);
				npiece++;
			}
			glyphs++;
			piece = i + (size_t)n;
		}
		i += (size_t)n;
	}
	if (glyphs > 0)
		emit_glyph_piece(sl, clean.data + piece, clean.len - piece, npiece == 0);
	else
		split_doubled_chunked(sl, clean.data, clean.len, 1);
	buf_free(&clean);
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
	buf_free(&sl.piece);
	free(sl.ws.w);
	free(sl.ws.table);
}
