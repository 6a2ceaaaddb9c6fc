/*
 * UTF-8 text handling.  Decoding and whitespace are written here because
 * they sit on every hot path and are a few lines each; normalisation and
 * case folding, which need Unicode tables, go through utf8proc.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "text.h"

/*
 * Is every non-ASCII byte of the 8-byte word x part of a two-byte letter
 * U+00C0..U+00FF (C3 80..C3 BF) lying wholly inside the word?  Those are
 * the Norwegian letters; with this, text with æ, ø and å stays on the
 * eight-bytes-at-a-time paths.  Little-endian only (the lead byte is the
 * lower one); elsewhere any non-ASCII byte takes the slow path.
 */
static int
utf8_word_latin1(uint64_t x)
{
	const uint64_t highs = 0x8080808080808080ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t hi = x & highs, y, lead, cont;

	if (hi == 0)
		return 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	y = x ^ 0xC3C3C3C3C3C3C3C3ULL;		/* bytes equal to C3 become 0 */
	lead = ~(((y & low7) + low7) | y | low7);
	y = (x & 0xC0C0C0C0C0C0C0C0ULL) ^ highs;	/* 10xxxxxx becomes 0 */
	cont = ~(((y & low7) + low7) | y | low7);
	/* a lead byte in the last place has its continuation outside */
	return (lead | cont) == hi && cont == lead << 8 && (lead >> 63) == 0;
#else
	return 0;
#endif
}

/*
 * On x86-64 (SSE2 is part of the architecture) the hot scans look at 16
 * bytes at a time through compiler intrinsics; elsewhere they take the
 * portable eight-byte paths below.  No library offers these scans: they
 * are the inner loops of every program's text handling.
 */
#if defined(__SSE2__) && !defined(SAMLING_NO_SIMD) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#include <emmintrin.h>
#define HAVE_BLOCK16 1

static inline __m128i
load16(const char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

struct block16 {
	unsigned high;		/* bytes >= 0x80 */
	unsigned lead;		/* bytes == 0xC3 */
	unsigned cont;		/* bytes 10xxxxxx */
};

static inline struct block16
block16_classify(__m128i b)
{
	struct block16 m;

	m.high = (unsigned)_mm_movemask_epi8(b);
	m.lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b,
	    _mm_set1_epi8((char)0xC3)));
	m.cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_and_si128(b, _mm_set1_epi8((char)0xC0)),
	    _mm_set1_epi8((char)0x80)));
	return m;
}

/* Every high byte part of a C3 xx letter lying wholly in the 16 bytes. */
static inline int
block16_latin1(const struct block16 *m)
{
	/*
	 * Without branches (true of a block without high bytes too): in
	 * Norwegian text every other block has an æ, ø or å, and a branch on
	 * it is mispredicted as often.
	 */
	return (m->high == (m->lead | m->cont)) &
	    (m->cont == ((m->lead << 1) & 0xFFFF)) & !(m->lead & 0x8000);
}
#endif

int
utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t c;
	int len, i;

	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

int
utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_latin1_blocks(const char *s, size_t i, size_t len)
{
#ifdef HAVE_BLOCK16
	while (i + 16 <= len) {
		struct block16 m = block16_classify(load16(s + i));

		if (!block16_latin1(&m))
			break;
		i += 16;
	}
#endif
	while (i + 8 <= len) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (!utf8_word_latin1(w))
			break;
		i += 8;
	}
	return i;
}

/*
 * A word start whose first and last bytes are w's is confirmed by one
 * memcmp; sixteen places at a time are tested for a space before them and
 * those two bytes (one memchr per hit of a single byte stopped far more
 * often in running text).  The last sixteen overlap those before them, so
 * that only a search of fewer places is left to memchr.
 */
size_t
text_find_word(const char *s, size_t from, size_t to, const char *w, size_t wl)
{
	size_t h = from;
	const char *p;

#ifdef HAVE_BLOCK16
	const __m128i sp = _mm_set1_epi8(' '), first = _mm_set1_epi8(w[0]),
	    lastb = _mm_set1_epi8(w[wl - 1]);

	for (; to - from >= 15 && h <= to; h += 16) {
		size_t b = h + 15 <= to ? h : to - 15;
		__m128i hits = _mm_and_si128(_mm_and_si128(
		    _mm_cmpeq_epi8(load16(s + b - 1), sp),
		    _mm_cmpeq_epi8(load16(s + b), first)),
		    _mm_cmpeq_epi8(load16(s + b + wl - 1), lastb));
		/* in the last block, not the places looked at already */
		unsigned m = (unsigned)_mm_movemask_epi8(hits) & (0xFFFFu << (h - b));

		for (; m != 0; m &= m - 1) {
			size_t i = b + (size_t)__builtin_ctz(m);

			if (memcmp(s + i, w, wl) == 0)
				return i;
		}
	}
#endif
	for (; h <= to && (p = memchr(s + h, w[0], to - h + 1)) != NULL; h++) {
		h = (size_t)(p - s);
		if (s[h - 1] == ' ' && memcmp(p, w, wl) == 0)
			return h;
	}
	return to + 1;
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		int n;

		if ((i = utf8_latin1_blocks(s, i, len)) >= len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return i;
		i += (size_t)n;
	}
	return len;
}

int
utf8_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len) == len;
}

int
cp_is_space(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200B;
	}
}

/*
 * Does s need normalising?  Text whose code points are all below U+0300
 * is already NFC (no combining marks, no compatibility jamo), which is
 * true of nearly all Norwegian text: a byte scan saves utf8proc's work.
 */
static int
may_need_nfc(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xCC)
			return 1;
	return 0;
}

/*
 * Whether normalisation leaves cp alone wherever it stands: a starter
 * (combining class 0) with no canonical decomposition that composes with
 * nothing before it.  Dashes, quotes, symbols and the private-use bullet
 * glyphs are; combining marks, precomposed letters beyond Latin-1 and
 * Hangul (composed by rule, not by table) are not.  One em dash in a
 * 50 MB transcript must not send all of it through utf8proc.
 */
static int
nfc_inert(int32_t cp)
{
	const utf8proc_property_t *p;

	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3))
		return 0;
	p = utf8proc_get_property(cp);
	return p->combining_class == 0 &&
	    (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0) &&
	    p->comb_index == UINT16_MAX;
}

void
text_nfc(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (!may_need_nfc(s, len)) {
		buf_add(out, s, len);
		return;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		buf_add(out, s, len);
		return;
	}
	buf_add(out, nfc, (size_t)n);
	free(nfc);
}

#define HIGHS8 0x8080808080808080ULL

static uint64_t
load8(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return w;
}

void
text_fold(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	size_t i;
	char *p;

	/*
	 * Most text is ASCII and Latin-1 letters (C3 xx: æ ø å), which fold
	 * by a byte each and compose with nothing, so they need no tables:
	 * capitals A-Z and U+00C0-U+00DE (but U+00D7) take 0x20.  Anything
	 * else (ß folds to "ss") goes through utf8proc.  The bytes are
	 * folded as they are looked at, in one pass: should one need
	 * utf8proc, what was written past the end of out is left there.
	 */
	buf_reserve(out, len);
	p = out->data + out->len;
	for (i = 0; i < len; i++) {
		unsigned char c;
		uint64_t w, up;

		/* Eight ASCII bytes at a time: 0x20 into each capital. */
		while (i + 8 <= len && !((w = load8(s + i)) & HIGHS8)) {
			up = (w + 0x3F3F3F3F3F3F3F3FULL) &
			    ~(w + 0x2525252525252525ULL) & HIGHS8;
			w |= up >> 2;
			memcpy(p + i, &w, 8);
			i += 8;
		}
		if (i >= len)
			break;
		if ((c = (unsigned char)s[i]) < 0x80) {
			p[i] = (char)((unsigned)(c - 'A') < 26u ? c | 0x20 : c);
			continue;
		}
		if (c != 0xC3 || i + 1 == len ||
		    (unsigned char)s[i + 1] < 0x80 ||
		    (unsigned char)s[i + 1] > 0xBF ||
		    (unsigned char)s[i + 1] == 0x9F)
			break;
		p[i++] = (char)c;
		c = (unsigned char)s[i];
		p[i] = (char)(c <= 0x9E && c != 0x97 ? c + 0x20 : c);
		/* A combining mark after it would compose: not here. */
		if (i + 1 < len && ((unsigned char)s[i + 1] == 0xCC ||
		    (unsigned char)s[i + 1] == 0xCD))
			break;
	}
	if (i >= len) {
		out->len += len;
		out->data[out->len] = '\0';
		return;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &folded,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0) {
		buf_add(out, s, len);
		return;
	}
	buf_add(out, folded, (size_t)n);
	free(folded);
}

char *
text_folded(const char *s, size_t len)
{
	struct buf b = BUF_INIT;

	text_fold(&b, s, len);
	return buf_detach(&b, NULL);
}

static uint64_t
space_mask(uint64_t x)
{
	return text_byte_mask(x, ' ');
}

#ifdef HAVE_BLOCK16
/* The places of the 16 bytes at p that hold one of the bytes of set. */
static inline unsigned
any4_16(const char *p, const char set[4])
{
	__m128i b = load16(p);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(set[0])),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8(set[1]))),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(set[2])),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8(set[3])))));
}
#endif

size_t
text_find_byte4(const char *s, size_t len, const char set[4])
{
	size_t i = 0;

#ifdef HAVE_BLOCK16
	if (len >= 16) {
		unsigned m;

		for (; i + 16 <= len; i += 16)
			if ((m = any4_16(s + i, set)) != 0)
				return i + (size_t)__builtin_ctz(m);
		/* the last sixteen, overlapping those looked at already */
		if (i < len && (m = any4_16(s + len - 16, set) >> (16 - (len - i))) != 0)
			return i + (size_t)__builtin_ctz(m);
		return len;
	}
#endif
	for (; i + 8 <= len; i += 8) {
		uint64_t x = load8(s + i);
		const unsigned char *c = (const unsigned char *)set;

		if (text_byte_mask(x, c[0]) | text_byte_mask(x, c[1]) |
		    text_byte_mask(x, c[2]) | text_byte_mask(x, c[3]))
			break;
	}
	for (; i < len; i++)
		if (s[i] == set[0] || s[i] == set[1] || s[i] == set[2] ||
		    s[i] == set[3])
			break;
	return i;
}

/* The bytes of p[0..16) from lo to hi, as bits. */
#ifdef HAVE_BLOCK16
static unsigned
range_16(const char *p, unsigned char lo, unsigned char hi)
{
	__m128i t = _mm_sub_epi8(load16(p), _mm_set1_epi8((char)lo));

	/* unsigned t <= hi - lo: the smaller of the two is t */
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t,
	    _mm_set1_epi8((char)(hi - lo))), t));
}
#endif

int
text_has_run3(const char *s, size_t len, unsigned char lo, unsigned char hi)
{
	size_t i = 0;
	int run = 0;

#ifdef HAVE_BLOCK16
	unsigned m;

	if (len >= 16) {
		/* Windows of sixteen a step of fourteen: no run falls between. */
		for (; i + 16 <= len; i += 14) {
			m = range_16(s + i, lo, hi);
			if (m & m >> 1 & m >> 2)
				return 1;
		}
		/* the last sixteen, overlapping those looked at already */
		m = range_16(s + len - 16, lo, hi);
		return (m & m >> 1 & m >> 2) != 0;
	}
#endif
	for (; i < len && run < 3; i++)
		run = (unsigned)((unsigned char)s[i] - lo) <= (unsigned)(hi - lo) ?
		    run + 1 : 0;
	return run >= 3;
}

/*
 * Is any byte of x a control (< 0x20), DEL, or non-ASCII other than a
 * whole Latin-1 letter?
 */
static int
unusual_in_word(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t del = x ^ (ones * 0x7F), ascii = x & ~highs;

	/* the controls test looks at the ASCII bytes only */
	return !utf8_word_latin1(x) ||
	    (((ascii - ones * 0x20) & ~ascii & highs) & ~(x & highs)) != 0 ||
	    ((del - ones) & ~del & highs) != 0;
}

#ifdef HAVE_BLOCK16
/*
 * Would text_clean copy the 16 bytes at p unchanged (after_space: the byte
 * before them is a space)?  No controls or DEL, single spaces, none first
 * after one and none last, and high bytes only in Latin-1 letters.
 */
static inline int
clean16(const char *p, int after_space)
{
	__m128i b = load16(p);
	unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b,
	    _mm_set1_epi8(' ')));
	/* bytes up to 0x1F (as unsigned bytes) and DEL */
	unsigned ctl = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(_mm_min_epu8(b, _mm_set1_epi8(0x1f)), b),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8(0x7f))));
	unsigned bad = ctl | (sp & (sp << 1)) | (sp & 0x8000) |
	    (after_space ? sp & 1 : 0);
	struct block16 m = block16_classify(b);

	return (bad == 0) & block16_latin1(&m);
}
#endif

/*
 * The end of the clean run starting at s[i] (a visible ASCII byte): text
 * that text_clean would copy unchanged — visible ASCII, single spaces
 * between words, and Latin-1 letters (C3 xx).  Eight bytes at a time
 * while they hold no unusual byte and no two spaces in a row.
 */
static size_t
clean_run_end(const char *s, size_t i, size_t len)
{
	size_t j = i + 1;

	while (j < len) {
		unsigned char c;

#ifdef HAVE_BLOCK16
		while (j + 16 <= len && clean16(s + j, s[j - 1] == ' '))
			j += 16;
		if (j >= len)
			break;
#endif
		c = (unsigned char)s[j];
		if (j + 8 <= len) {
			uint64_t x, m;

			memcpy(&x, s + j, 8);
			m = space_mask(x);
			/*
			 * m << 8 lines each space up with the byte after it: no
			 * two spaces in a row, none across the edge before, and
			 * the run never ends on a space.
			 */
			if (!unusual_in_word(x) && (m & (m << 8)) == 0 &&
			    !(c == ' ' && s[j - 1] == ' ') && s[j + 7] != ' ') {
				j += 8;
				continue;
			}
		}
		if (c > ' ' && c < 0x7f) {
			j++;
		} else if (c == ' ' && j + 1 < len && (unsigned char)s[j + 1] > ' ' &&
		    (unsigned char)s[j + 1] != 0x7f &&
		    ((unsigned char)s[j + 1] < 0x80 || (unsigned char)s[j + 1] == 0xC3)) {
			j++;
		} else if (c == 0xC3 && j + 1 < len && ((unsigned char)s[j + 1] & 0xC0) == 0x80) {
			j += 2;
		} else {
			break;
		}
	}
	return j;
}

void
text_clean(struct buf *out, const char *s, size_t len)
{
	size_t start, i = 0;
	char *o;
	int pending_space = 0, maybe_nfc = 0;

	/* Clean text is never longer than its source: write in place. */
	buf_reserve(out, len);
	start = out->len;
	o = out->data + out->len;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		int n;

		if (c > ' ' && c < 0x7f) {
			/*
			 * A run of clean text, the common case: visible ASCII,
			 * single spaces between words and Latin-1 letters
			 * (C3 xx), copied in one piece.
			 */
			size_t j = clean_run_end(s, i, len);

			if (pending_space)
				*o++ = ' ', pending_space = 0;
			memcpy(o, s + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c == ' ' || (c >= '\t' && c <= '\r'))
				pending_space = o > out->data + start;
			continue;	/* other controls and DEL are dropped */
		}
		if (c == 0xC3 && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			/* U+00C0..U+00FF: Norwegian letters, never space */
			if (pending_space)
				*o++ = ' ', pending_space = 0;
			*o++ = (char)c;
			*o++ = s[i + 1];
			i += 2;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp_is_space(cp)) {
			pending_space = o > out->data + start;
		} else if (cp == 0xAD || (cp >= 0x80 && cp < 0xA0) ||
		    cp == 0x200C || cp == 0x200D || cp == 0x2060) {
			/* soft hyphen, C1 controls, zero-width joiners: drop */
		} else if (cp == 0xFFFD && n == 1) {
			/* an invalid byte (3 bytes out for 1 in): make room */
			size_t used = (size_t)(o - out->data);

			out->len = used;
			buf_reserve(out, 3 * (len - i) + 3);
			o = out->data + used;
			if (pending_space)
				*o++ = ' ', pending_space = 0;
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			if (pending_space)
				*o++ = ' ', pending_space = 0;
			memcpy(o, s + i, (size_t)n);
			o += n;
			/* runs hold only ASCII and U+00C0..U+00FF: NFC already */
			if (cp >= 0x300 && !maybe_nfc)
				maybe_nfc = !nfc_inert(cp);
		}
		i += (size_t)n;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	if (maybe_nfc) {
		struct buf tmp = BUF_INIT;

		text_nfc(&tmp, out->data + start, out->len - start);
		out->len = start;
		buf_add(out, tmp.data, tmp.len);
		buf_free(&tmp);
	}
}

/*
 * ASCII is told without utf8proc's tables: A-Z are its only capitals
 * (Lu), a-z its only small letters (Ll), and with 0-9 (Nd) its only
 * letters and numbers.
 */
int
cp_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int
cp_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int
text_starts_lower(const char *s, size_t n)
{
	int32_t cp = 0;

	if (n > 0)
		utf8_decode(s, n, &cp);
	return cp_is_lower(cp);
}

int
cp_is_letter(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int
cp_is_word(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		    (cp >= '0' && cp <= '9');
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

int
cp_is_bullet(int32_t cp)
{
	switch (cp) {
	case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25A0:
	case 0x25AA: case 0x25CF: case 0x25E6: case 0x27A2:
		return 1;
	default:
		return cp >= 0xE000 && cp <= 0xF8FF;
	}
}

int
text_starter_word(const char *w, size_t n)
{
	static const char *const starters[] = { "Det", "Den", "Dette",
		"Disse", "De", "Dei", "Vi", "Me", "Han", "Hun", "Ho", "The",
		"This", "It", "We", "They", "I", "På", "Etter", "Men", "A",
		"An", "Mange", "Alle", "Flere", "Fleire", "Noen", "Nokre",
		"Ingen", "Hver", "Kvar", "Many", "Most", "All", "Some", "Each",
		"Our", "Vår", "Våre", "Vårt", "To", "Tre", "Fire", "Fem", "Seks",
		"Sju", "Syv", "Two", "Three", "Four", "Five", "Six" };

	return text_word_in(w, n, starters, sizeof starters / sizeof starters[0]);
}

int
text_word_in(const char *w, size_t n, const char *const *list, size_t nlist)
{
	size_t i, k;

	/*
	 * (asked at many spaces of every sentence: the first byte first,
	 * then the bytes up to n and the end there, no strlen of each; a
	 * word's own NUL byte ends no comparison early)
	 */
	if (n == 0)
		return 0;
	for (i = 0; i < nlist; i++) {
		if (list[i][0] != w[0])
			continue;
		for (k = 0; k < n && list[i][k] != '\0' && list[i][k] == w[k]; k++)
			;
		if (k == n && list[i][n] == '\0')
			return 1;
	}
	return 0;
}

int
text_has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

int
text_words(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0, in = 0;

#if !defined(SAMLING_NO_SIMD) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * Eight bytes at a time: a word starts at each byte that is not a
	 * space and follows one (or the start).
	 */
	for (; i + 8 <= n; i += 8) {
		uint64_t sp = space_mask(load8(s + i));

		uint64_t starts = ~sp & HIGHS8 & ((sp << 8) | (in ? 0 : 0x80));

		/* one bit a byte at most: the multiply sums them in the top byte */
		w += (int)(((starts >> 7) * 0x0101010101010101ULL) >> 56);
		in = !(sp >> 63);
	}
#endif
	for (; i < n; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}
