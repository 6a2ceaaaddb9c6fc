/* Numbering, cleaning and writing the blocks of one document. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "csvio.h"
#include "date.h"
#include "doc.h"
#include "err.h"
#include "text.h"

/* Marks of a list written inline looked for in one paragraph. */
#define MAX_INLINE_MARKS 64
/* The words of a list's lead that may be its heading. */
#define LEAD_HEADING_WORDS 6

/* Words after which a capitalised word goes on the same phrase. */
static const char *const joints[] = {
	"i", "på", "for", "til", "av", "med", "fra", "frå", "og", "in", "of",
	"to", "at", "and", "the", "ved", "om",
};

int
doc_joint_word(const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < sizeof joints / sizeof joints[0]; k++)
		if (strlen(joints[k]) == n && memcmp(w, joints[k], n) == 0)
			return 1;
	return 0;
}

int
doc_upper_at(const char *s, size_t len)
{
	int32_t cp;

	if (len == 0)
		return 0;
	utf8_decode(s, len, &cp);
	return cp_is_upper(cp);
}

/* Whether w[0..n) is a number alone, a year: "2027", "12.". */
static int
number_word(const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!isdigit((unsigned char)w[k]) && !(k == n - 1 && w[k] == '.'))
			return 0;
	return n > 0;
}

size_t
doc_capital_word(const char *s, size_t len, int hyphens)
{
	size_t w;
	int32_t cp;
	int k;

	/* (a capital, then a small letter: a word, not "ÅRSMELDING", "NAV") */
	if (len < 4 || (k = utf8_decode(s, len, &cp)) <= 0 || !cp_is_upper(cp) ||
	    !text_starts_lower(s + k, len - (size_t)k))
		return 0;
	for (w = 0; w < len && s[w] != ' '; w++)
		if (!isalpha((unsigned char)s[w]) && (unsigned char)s[w] < 0x80 &&
		    !(hyphens && s[w] == '-'))
			return 0;
	return w >= 3 && w + 1 < len ? w : 0;
}

size_t
doc_title_word(const char *s, size_t len)
{
	size_t w = doc_capital_word(s, len, 1), e;

	if (w == 0)
		return 0;
	for (e = w + 1; e < len && s[e] != ' '; e++)
		;
	return e < len && text_starter_word(s + w + 1, e - w - 1) ? w + 1 : 0;
}

size_t
doc_glued_piece(const char *s, size_t len, int min_words, int max_words,
    int stops)
{
	size_t i = 0, prev = 0, prevlen = 0, w;
	int words = 0;
	char before;

	while (i < len && (max_words == 0 || words < max_words)) {
		for (w = i; w < len && s[w] != ' '; w++)
			;
		before = i >= 2 ? s[i - 2] : ' ';
		if (words >= min_words && doc_upper_at(s + i, len - i) &&
		    prevlen > 0 && !doc_upper_at(s + prev, prevlen) &&
		    (!isdigit((unsigned char)s[prev]) ||
		    (stops && number_word(s + prev, prevlen))) &&
		    w + 1 < len && !doc_upper_at(s + w + 1, len - w - 1) &&
		    !isdigit((unsigned char)s[w + 1]) &&
		    strchr(stops ? ",:;" : ".,:;", before) == NULL &&
		    !doc_joint_word(s + prev, prevlen) &&
		    /* (not "I", nor "NAV": a word, not an acronym) */
		    w - i >= 2 && !doc_upper_at(s + i + 1, len - i - 1))
			return i;
		prev = i;
		prevlen = w - i;
		i = w;
		while (i < len && s[i] == ' ')
			i++;
		words++;
	}
	return 0;
}

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

static void
write_block(struct doc *d, long unit, enum block_kind kind, int level,
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

/*
 * Whether the word before s[i] (s[i - 1] a space) is one that takes a
 * number ("§ 1.", "kl. 1.", "fase 1."): that number is no list's mark,
 * though three of them stand in a row ("§ 1. ... § 2. ... § 3.").
 */
static int
after_number_word(const char *s, size_t i)
{
	static const char *const words[] = { "§", "§§", "kl.", "kl", "nr.",
		"nr", "no.", "pkt.", "punkt", "kap.", "kapittel", "art.",
		"artikkel", "fase", "phase", "trinn", "steg", "step", "stage",
		"del", "part", "side", "page", "s.", "p.", "section",
		"chapter", "vedlegg", "fig.", "figur", "tabell", "table" };
	size_t b, k;

	if (i < 2)
		return 0;
	for (b = i - 1; b > 0 && i - b <= 10 && s[b - 1] != ' '; b--)
		;	/* (the longest word above is 9 bytes) */
	for (k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strlen(words[k]) == i - 1 - b &&
		    strncasecmp(s + b, words[k], i - 1 - b) == 0)
			return 1;
	return 0;
}

/*
 * The mark of item n (from 0) of a list written inline, at s[i]: "n."
 * or "n)" after a space (or at the start) where the items are numbered,
 * "A." or "A)" where they are lettered; then a word that names no month
 * ("1. mars" is a date) and is no figure ("1.5").  Its length with the
 * spaces after it, or 0.
 */
static size_t
inline_mark(const char *s, size_t len, size_t i, size_t n, int letters)
{
	size_t j = i, w;
	long v = 0;
	int32_t cp;

	if (i > 0 && s[i - 1] != ' ')
		return 0;
	if (letters) {
		if (n >= 26 || s[j] != 'A' + (int)n)
			return 0;
		j++;
	} else {
		while (j < len && j - i < 3 && s[j] >= '0' && s[j] <= '9')
			v = v * 10 + (s[j++] - '0');
		if (j == i || v != (long)n + 1)
			return 0;
	}
	if (j + 1 >= len || (s[j] != '.' && s[j] != ')'))
		return 0;
	j++;
	while (j < len && s[j] == ' ')
		j++;
	if (j >= len || !cp_is_letter((utf8_decode(s + j, len - j, &cp), cp)))
		return 0;
	for (w = j; w < len && s[w] != ' ' && s[w] != ',' && s[w] != '.'; w++)
		;
	if (date_month_name(s + j, w - j) != 0 || after_number_word(s, i))
		return 0;
	return j - i;
}

/* Where a sentence ends inside s ("... kommunen. Neste"), or len. */
static size_t
first_sentence_end(const char *s, size_t len)
{
	size_t i;
	int32_t cp;

	for (i = 1; i + 2 < len; i++)
		if (strchr(".!?", s[i]) != NULL && s[i + 1] == ' ' &&
		    cp_is_upper((utf8_decode(s + i + 2, len - i - 2, &cp), cp)))
			return i + 1;
	return len;
}

/*
 * Whether an item has no word: a mark's word is the next mark ("Svar
 * A. B. C. D."), as letters may be, and is no list.
 */
static int
empty_item(const size_t *at, const size_t *mk, size_t n)
{
	size_t k;

	for (k = 0; k + 1 < n; k++)
		if (at[k] + mk[k] >= at[k + 1])
			return 1;
	return 0;
}

/*
 * Whether the marks run through a sentence, not a list: people's
 * initials ("A. Hansen, B. Olsen og C. Berg") or ordinals ("1. ledd,
 * 2. ledd og 3. ledd"), where an item before the last ends with a comma
 * or with "og", "and", "or" ...
 */
static int
in_sentence(const char *s, const size_t *at, const size_t *mk, size_t n)
{
	static const char *const joins[] = { " og", " and", " eller",
		" or", " samt", " &" };
	size_t k, e, j, jl;

	for (k = 0; k + 1 < n; k++) {
		for (e = at[k + 1]; e > at[k] + mk[k] && s[e - 1] == ' '; e--)
			;
		if (e > at[k] + mk[k] && s[e - 1] == ',')
			return 1;
		for (j = 0; j < sizeof joins / sizeof joins[0]; j++) {
			jl = strlen(joins[j]);
			if (e >= at[k] + mk[k] + jl &&
			    strncasecmp(s + e - jl, joins[j], jl) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * The mark "K.m " of the subsection m (from 1) of section K at s[i],
 * after a space or at the start and before a capital: its length with
 * the spaces after it, or 0.  K is the section of the first mark, or any
 * where *section is 0.
 */
static size_t
sub_mark(const char *s, size_t len, size_t i, long m, long *section)
{
	size_t j = i, d;
	long k = 0, v = 0;

	if (i > 0 && s[i - 1] != ' ')
		return 0;
	while (j < len && j - i < 2 && s[j] >= '0' && s[j] <= '9')
		k = k * 10 + (s[j++] - '0');
	if (j == i || j >= len || s[j] != '.' || (*section != 0 && k != *section))
		return 0;
	d = ++j;
	while (j < len && j - d < 2 && s[j] >= '0' && s[j] <= '9')
		v = v * 10 + (s[j++] - '0');
	if (j == d || v != m || j >= len || s[j] != ' ')
		return 0;
	while (j < len && s[j] == ' ')
		j++;
	if (!doc_upper_at(s + j, len - j))
		return 0;
	*section = k;
	return j - i;
}

/*
 * "3.1 Behandle ... 3.2 Tilby ... 3.3 Sikre ...": a section's numbered
 * points flattened into its text, found as inline_list_marks() finds
 * 1. 2. 3.
 */
static size_t
sub_list_marks(const char *s, size_t len, size_t *at, size_t *mk)
{
	const char *p = s;
	size_t n = 0, i, m = 0;
	long section = 0;

	/* ".1 " begins one: where there is none, nothing more is looked at */
	for (; (p = memmem(p, len - (size_t)(p - s), ".1 ", 3)) != NULL; p++) {
		for (i = (size_t)(p - s); i > 0 && (size_t)(p - s) - i < 2 &&
		    isdigit((unsigned char)s[i - 1]); i--)
			;
		if (i < (size_t)(p - s) && (m = sub_mark(s, len, i, 1,
		    &section)) > 0)
			break;
	}
	if (p == NULL)
		return 0;
	at[0] = i;
	mk[0] = m;
	n = 1;
	for (i = at[0] + mk[0]; i < len && n < MAX_INLINE_MARKS; i++)
		if (s[i] == ' ' && (m = sub_mark(s, len, i + 1, (long)n + 1,
		    &section)) > 0) {
			at[n] = i + 1;
			mk[n++] = m;
			i += m;
		}
	if ((n >= 3 || (n == 2 && (at[0] == 0 || (at[0] >= 2 &&
	    s[at[0] - 2] == ':')))) && !empty_item(at, mk, n) &&
	    !in_sentence(s, at, mk, n))
		return n;
	return 0;
}

/*
 * A list a site or converter flattened into a paragraph ("Tre mål:
 * 1. Styrke ... 2. Redusere ... 3. Gi ..."): its marks 1, 2, 3 ... (or
 * A, B, C ...) in order.  Three of them, or two numbers where the first
 * opens the text or follows a colon, so that "fase 1. ... fase 2." or
 * "A. Hansen" in prose is no list.  Where each mark begins goes to at[],
 * its length to mk[]; the count.
 */
static size_t
inline_list_marks(const char *s, size_t len, size_t *at, size_t *mk)
{
	size_t lat[MAX_INLINE_MARKS], lmk[MAX_INLINE_MARKS];
	size_t p, q, m, n = 0, nl = 0;

	/*
	 * A list begins with "1." or "A." (or "1)", "A)"): where there is
	 * none, as in most text, its dots are not looked at one by one.
	 */
	for (p = 0; (p += text_find_byte4(s + p, len - p, "1A1A")) + 1 < len; p++)
		if ((s[p + 1] == '.' || s[p + 1] == ')') && (p == 0 || s[p - 1] == ' '))
			break;
	if (p + 1 >= len)
		return sub_list_marks(s, len, at, mk);
	/* One pass over the dots and parentheses that end the marks. */
	for (; (p += text_find_byte4(s + p, len - p, ".)..")) < len; p++) {
		for (q = p; q > 0 && p - q < 3 && s[q - 1] >= '0' && s[q - 1] <= '9'; q--)
			;
		if (q < p && n < MAX_INLINE_MARKS &&
		    (m = inline_mark(s, len, q, n, 0)) > 0) {
			at[n] = q;
			mk[n++] = m;
		} else if (q < p && n > 0 &&
		    (m = inline_mark(s, len, q, n - 1, 0)) > 0 &&
		    text_starts_lower(s + at[n - 1] + mk[n - 1],
		    len - at[n - 1] - mk[n - 1]) &&
		    !text_starts_lower(s + q + m, len - q - m)) {
			/*
			 * The mark said again, before a capital where the
			 * first stood before a small letter: that was an
			 * ordinal ("1. Innen 2. kvartal ... 2. Redusere").
			 */
			at[n - 1] = q;
			mk[n - 1] = m;
		} else if (p > 0 && nl < MAX_INLINE_MARKS &&
		    (m = inline_mark(s, len, p - 1, nl, 1)) > 0) {
			lat[nl] = p - 1;
			lmk[nl++] = m;
		}
	}
	if ((n >= 3 || (n == 2 && (at[0] == 0 ||
	    (at[0] >= 2 && s[at[0] - 2] == ':')))) && !empty_item(at, mk, n) &&
	    !in_sentence(s, at, mk, n))
		return n;
	if (nl < 3 || empty_item(lat, lmk, nl) || in_sentence(s, lat, lmk, nl))
		return sub_list_marks(s, len, at, mk);
	memcpy(at, lat, nl * sizeof at[0]);
	memcpy(mk, lmk, nl * sizeof mk[0]);
	return nl;
}

size_t
inline_list_start(const char *s, size_t len)
{
	size_t at[MAX_INLINE_MARKS], mk[MAX_INLINE_MARKS];

	return inline_list_marks(s, len, at, mk) > 0 ? at[0] : len;
}

static size_t
trim_end(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	return len;
}

void
doc_clean_block(struct doc *d, long unit, enum block_kind kind, int level,
    const char *text, size_t len)
{
	size_t at[MAX_INLINE_MARKS], mk[MAX_INLINE_MARKS], n, k, a, b, end;
	int one_sentence = 1;

	if (unshift_glyphs(&d->unshifted, text, len) > 0) {
		text = d->unshifted.data;
		len = d->unshifted.len;
	}
	if (kind != K_TEXT || (n = inline_list_marks(text, len, at, mk)) == 0) {
		write_block(d, unit, kind, level, text, len);
		return;
	}
	/*
	 * The text before the list leads it, as a heading when it is a
	 * few words that end no sentence ("Mål for nettverket:"); each
	 * item is a bullet.
	 */
	b = trim_end(text, at[0]);
	write_block(d, unit, b > 0 && text_words(text, b) <= LEAD_HEADING_WORDS &&
	    strchr(".,;!?", text[b - 1]) == NULL ? K_HEADING : K_TEXT, level,
	    text, b);
	for (k = 0; k < n; k++) {
		a = at[k] + mk[k];
		b = k + 1 < n ? trim_end(text, at[k + 1]) : len;
		end = first_sentence_end(text + a, b - a);
		/*
		 * Where every item before it was one sentence, the last
		 * ends with its first, and the paragraph goes on after it.
		 */
		if (k + 1 < n && end < b - a)
			one_sentence = 0;
		if (k + 1 == n && one_sentence && end < b - a) {
			write_block(d, unit, K_BULLET, 0, text + a, end);
			a += end + 1;
			write_block(d, unit, K_TEXT, level, text + a, len - a);
			break;
		}
		write_block(d, unit, K_BULLET, 0, text + a, b - a);
	}
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
	buf_free(&d->unshifted);
	buf_free(&d->source_field);
}
