/*
 * Reading lexicon files.  A rule line has five fields; the last, the
 * pattern, is the rest of the line.  Placeholders {day}, {month}, ...
 * stand for the date patterns of date.c.  A rule whose name and language
 * match an earlier rule replaces it in place, so a user's --lexicon can
 * change a shipped rule without copying the file; category "off" turns a
 * rule off.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "io.h"
#include "lexicon.h"
#include "text.h"
#include "xalloc.h"

/* A lexicon file is a few hundred lines: more than this is no lexicon. */
#define LEXICON_LIMIT (16 << 20)

static const char *const kind_names[R_NKINDS] = {
	"section", "label", "keyword", "date", "skip", "lead", "docdate",
	"split", "marker"
};

static const char *const cat_names[] = { "none", "goal", "milestone", "pitfall" };

const char *
category_name(enum category c)
{
	return cat_names[c];
}

const char *
rule_kind_name(enum rule_kind k)
{
	return kind_names[k];
}

void
lexicon_init(struct lexicon *lx)
{
	memset(lx, 0, sizeof *lx);
	lx->pf = pf_new();
}

static int
parse_kind(const char *s, struct rule *r)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	int k;

	r->kind = R_NKINDS;
	for (k = 0; k < R_NKINDS; k++)
		if (strlen(kind_names[k]) == n && strncmp(s, kind_names[k], n) == 0)
			r->kind = (enum rule_kind)k;
	if (r->kind == R_NKINDS)
		return -1;
	r->scope = r->kind == R_SECTION ? SC_TITLE | SC_HEADING | SC_BULLET :
	    r->kind == R_DOCDATE ? SC_ALL : SC_ALL & ~SC_META;
	if (colon == NULL)
		return 0;
	r->scope = 0;
	for (s = colon + 1; *s != '\0';) {
		n = strcspn(s, ",");
		if (n == 5 && strncmp(s, "title", 5) == 0)
			r->scope |= SC_TITLE;
		else if (n == 7 && strncmp(s, "heading", 7) == 0)
			r->scope |= SC_TITLE | SC_HEADING;
		else if (n == 6 && strncmp(s, "bullet", 6) == 0)
			r->scope |= SC_BULLET;
		else if (n == 4 && strncmp(s, "text", 4) == 0)
			r->scope |= SC_TEXT;
		else if (n == 4 && strncmp(s, "meta", 4) == 0)
			r->scope |= SC_META;
		else
			return -2;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* CATEGORY[/dated]; 1 for "off". */
static int
parse_category(const char *s, struct rule *r)
{
	size_t n = strcspn(s, "/");
	size_t i;

	if (strcmp(s, "off") == 0)
		return 1;
	if (s[n] == '/') {
		if (strcmp(s + n, "/dated") != 0)
			return -1;
		r->dated_only = 1;
	}
	if (n == 1 && s[0] == '-') {
		r->cat = CAT_NONE;
		return 0;
	}
	for (i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++) {
		if (strlen(cat_names[i]) == n && strncmp(s, cat_names[i], n) == 0) {
			r->cat = (enum category)i;
			return 0;
		}
	}
	return -1;
}

/*
 * Whether a '|' stands outside every group of the pattern p (or p is
 * too strange to tell: quoting, comments): then no part of it is
 * needed by all its matches.
 */
static int
top_level_bar(const char *p)
{
	const char *q;
	int depth = 0;

	if (strstr(p, "\\Q") != NULL || strstr(p, "(?#") != NULL ||
	    strstr(p, "(?x") != NULL || strstr(p, "(*") != NULL)
		return 1;
	for (; *p != '\0'; p++) {
		if (*p == '\\') {
			if (*++p == '\0')
				return 1;
		} else if (*p == '[') {
			/* a class: "[]...]", "[^]...]", "[[:alpha:]]" */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			for (; *p != ']'; p++) {
				if (*p == '\0')
					return 1;
				if (*p == '\\') {
					if (*++p == '\0')
						return 1;
				} else if (p[0] == '[' && p[1] == ':') {
					if ((q = strstr(p + 2, ":]")) == NULL)
						return 1;
					p = q + 1;
				}
			}
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth <= 0)
			return 1;
	}
	return 0;
}

/*
 * Of a pattern "^\W*word...", the letters of word every match begins
 * its first word with, into lead (lower case); their number, or 0.
 */
static int
lead_word(const char *p, char *lead, size_t size)
{
	size_t k = 0;

	if (strncmp(p, "^\\W*", 4) != 0 || top_level_bar(p))
		return 0;
	for (p += 4; k + 1 < size && ((unsigned)(*p - 'a') < 26u ||
	    (unsigned)(*p - 'A') < 26u); p++)
		lead[k++] = (char)(*p | 0x20);
	/* "ab?", "ab*", "ab{0,2}": the last letter may be missing */
	if (k > 0 && (*p == '?' || *p == '*' || *p == '{'))
		k--;
	lead[k] = '\0';
	return (int)k;
}

/* Expand {placeholders}; -1 with the unknown name in bad. */
static int
expand(const char *p, struct buf *out, char *bad, size_t badsize,
    int *placeholders)
{
	const char *q, *text;
	char name[32];

	buf_clear(out);
	while (*p != '\0') {
		if (*p == '\\' && p[1] != '\0') {
			buf_add(out, p, 2);
			p += 2;
			continue;
		}
		if (*p == '{' && islower((unsigned char)p[1])) {
			q = p + 1;
			while (islower((unsigned char)*q))
				q++;
			if (*q == '}' && (size_t)(q - p - 1) < sizeof name) {
				memcpy(name, p + 1, (size_t)(q - p - 1));
				name[q - p - 1] = '\0';
				if ((text = date_placeholder(name)) == NULL) {
					snprintf(bad, badsize, "%s", name);
					return -1;
				}
				(*placeholders)++;
				buf_adds(out, "(?:");
				buf_adds(out, text);
				buf_adds(out, ")");
				p = q + 1;
				continue;
			}
		}
		buf_addc(out, *p++);
	}
	if (out->data == NULL)
		buf_adds(out, "");
	return 0;
}

/* Split the line into four words and the rest; -1 if too few. */
static int
split_fields(char *line, char *f[5])
{
	char *p = line;
	int i;

	for (i = 0; i < 4; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return -1;
		f[i] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p == '\0')
			return -1;
		*p++ = '\0';
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return -1;
	f[4] = p;
	return 0;
}

static int
add_stems(struct lexicon *lx, struct rule *r, char *stems)
{
	char *s, *save = NULL;
	int id;

	for (s = strtok_r(stems, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		if (strcmp(s, "*") == 0)
			r->always = 1;
		else if (strcmp(s, "#") == 0)
			r->digit = 1;
		else {
			char *u;

			/* "_" stands for a space: the field holds no blanks. */
			for (u = s; *u != '\0'; u++)
				if (*u == '_')
					*u = ' ';
			pf_fold(s, strlen(s));
			if ((id = pf_add(lx->pf, s, strlen(s))) < 0)
				return -1;
			r->stems = xreallocarray(r->stems, (size_t)r->nstems + 1,
			    sizeof *r->stems);
			r->stems[r->nstems++] = id;
		}
	}
	return 0;
}

static void
rule_clear(struct rule *r)
{
	free(r->name);
	free(r->file);
	free(r->stems);
	free(r->stem_bits);
	free(r->pattern);
	rx_free(r->rx);
	memset(r, 0, sizeof *r);
}

/* Put r into lx, replacing rules of the same name in its language. */
static void
place(struct lexicon *lx, struct rule *r, int off)
{
	int i, replaced = 0;

	for (i = 0; i < lx->n; i++) {
		struct rule *o = &lx->rules[i];

		if (strcmp(o->name, r->name) != 0 ||
		    (strcmp(r->lang, LANG_ANY) != 0 && strcmp(o->lang, r->lang) != 0))
			continue;
		if (replaced || off) {
			o->off = 1;
			continue;
		}
		rule_clear(o);
		*o = *r;
		replaced = 1;
	}
	if (off) {
		rule_clear(r);
		return;
	}
	if (replaced)
		return;
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 64;
		lx->rules = xreallocarray(lx->rules, (size_t)lx->cap, sizeof *lx->rules);
	}
	lx->rules[lx->n++] = *r;
}

static int
parse_line(struct lexicon *lx, char *line, const char *path, const char *base,
    unsigned long lineno, char *lang)
{
	char *f[5], err[300], bad[40];
	struct rule r;
	struct buf pat = BUF_INIT;
	int off, rc;

	if (strncmp(line, "lang", 4) == 0 && (line[4] == ' ' || line[4] == '\t' ||
	    line[4] == '\0')) {
		char *l = line + 4;

		l += strspn(l, " \t");
		if (*l == '\0' || strlen(l) >= 8 || strcspn(l, " \t") != strlen(l)) {
			warnat(path, lineno, "expected \"lang CODE\"");
			return -1;
		}
		strcpy(lang, l);
		return 0;
	}
	memset(&r, 0, sizeof r);
	if (split_fields(line, f) < 0) {
		warnat(path, lineno, "expected KIND CATEGORY NAME STEMS PATTERN");
		return -1;
	}
	if ((rc = parse_kind(f[0], &r)) < 0) {
		warnat(path, lineno, rc == -1 ? "unknown rule kind '%s'" :
		    "unknown scope in '%s'", f[0]);
		return -1;
	}
	if ((off = parse_category(f[1], &r)) < 0) {
		warnat(path, lineno, "unknown category '%s'", f[1]);
		return -1;
	}
	if (expand(f[4], &pat, bad, sizeof bad, &r.needs_date) < 0) {
		warnat(path, lineno, "unknown placeholder {%s}", bad);
		buf_free(&pat);
		return -1;
	}
	if (!off && (r.rx = rx_compile(pat.data, pat.len, RX_CASELESS, err,
	    sizeof err)) == NULL) {
		warnat(path, lineno, "bad pattern: %s", err);
		buf_free(&pat);
		return -1;
	}
	if (r.rx != NULL) {
		char where[256];

		snprintf(where, sizeof where, "%s:%lu: rule %s", err_name(path), lineno,
		    f[2]);
		rx_set_name(r.rx, where);
	}
	r.pattern = buf_detach(&pat, NULL);
	r.leadlen = lead_word(r.pattern, r.lead, sizeof r.lead);
	/* "{day}" alone: decided from the dates the parser finds. */
	if (f[4][0] == '{' && strchr(f[4], '}') == f[4] + strlen(f[4]) - 1) {
		char name[32];

		snprintf(name, sizeof name, "%.*s", (int)strlen(f[4]) - 2, f[4] + 1);
		r.date_kinds = date_placeholder_kinds(name);
	}
	snprintf(r.lang, sizeof r.lang, "%s", lang);
	r.name = xstrdup(f[2]);
	r.file = xstrdup(base);
	r.line = lineno;
	if (!off) {
		if (add_stems(lx, &r, f[3]) < 0) {
			warnat(path, lineno, "too many stems");
			rule_clear(&r);
			return -1;
		}
		if (r.nstems == 0 && !r.always && !r.digit) {
			warnat(path, lineno, "no stems: give literals, # or *");
			rule_clear(&r);
			return -1;
		}
	}
	place(lx, &r, off);
	return 0;
}

int
lexicon_load(struct lexicon *lx, const char *path)
{
	struct buf b = BUF_INIT;
	char lang[8] = LANG_ANY, *line, *next, *nl;
	const char *base = strrchr(path, '/');
	unsigned long lineno = 0;
	size_t n;
	int bad = 0;

	base = base ? base + 1 : path;
	/* Read whole and bounded: -L /dev/zero is an error, not no rules. */
	if (read_whole(path, &b, LEXICON_LIMIT) < 0) {
		if (errno == EFBIG)
			warnat(path, 0, "larger than %d MiB",
			    LEXICON_LIMIT >> 20);
		else
			warnat(path, 0, "%s", strerror(errno));
		buf_free(&b);
		return -1;
	}
	for (line = b.data; line != NULL && line < b.data + b.len; line = next) {
		nl = memchr(line, '\n', (size_t)(b.data + b.len - line));
		n = nl != NULL ? (size_t)(nl - line) : (size_t)(b.data + b.len - line);
		next = nl != NULL ? nl + 1 : NULL;
		lineno++;
		/* A NUL would end the rule silently where it stands. */
		if (memchr(line, '\0', n) != NULL) {
			warnat(path, lineno, "NUL byte in the line");
			bad = 1;
			continue;
		}
		line[n] = '\0';
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' ||
		    line[n - 1] == '\t'))
			line[--n] = '\0';
		if (!utf8_valid(line, n)) {
			warnat(path, lineno, "invalid UTF-8");
			bad = 1;
			continue;
		}
		if (n == 0 || line[strspn(line, " \t")] == '#' ||
		    line[strspn(line, " \t")] == '\0')
			continue;
		if (parse_line(lx, line, path, base, lineno, lang) < 0)
			bad = 1;
	}
	buf_free(&b);
	return bad ? -1 : 0;
}

static void
add_set(struct lexicon *lx, const char *lang)
{
	struct ruleset *set;
	int i;

	for (i = 0; i < lx->nsets; i++)
		if (strcmp(lx->sets[i].lang, lang) == 0)
			return;
	lx->sets = xreallocarray(lx->sets, (size_t)lx->nsets + 1, sizeof *lx->sets);
	set = &lx->sets[lx->nsets++];
	memset(set, 0, sizeof *set);
	snprintf(set->lang, sizeof set->lang, "%s", lang);
	set->nmask = pf_nstems(lx->pf) / 64 + 1;
	set->mask = xcalloc((size_t)set->nmask, sizeof *set->mask);
	for (i = 0; i < R_NKINDS; i++)
		set->filter[i].mask = xcalloc((size_t)set->nmask,
		    sizeof *set->filter[i].mask);
	for (i = 0; i < lx->n; i++) {
		const struct rule *r = &lx->rules[i];
		struct kind_filter *f = &set->filter[r->kind];
		int k;

		if (!rule_in_lang(r, lang))
			continue;
		f->always |= r->always;
		f->digit |= r->digit;
		for (k = 0; k < r->nstems; k++)
			f->mask[r->stems[k] >> 6] |=
			    (uint64_t)1 << (r->stems[k] & 63);
		set->of[r->kind] = xreallocarray(set->of[r->kind],
		    (size_t)set->n[r->kind] + 1, sizeof *set->of[r->kind]);
		set->of[r->kind][set->n[r->kind]++] = r;
		if (r->kind == R_SKIP || r->kind == R_LABEL ||
		    r->kind == R_KEYWORD || r->kind == R_DATE) {
			set->always |= r->always && !r->needs_date;
			set->digit |= r->digit || r->needs_date;
			/* A rule that needs a date needs a digit too. */
			for (k = 0; k < r->nstems && !r->needs_date; k++)
				set->mask[r->stems[k] >> 6] |=
				    (uint64_t)1 << (r->stems[k] & 63);
		}
	}
}

/* A rule's stems as bits, the words of pf_hits they are in. */
static void
stem_bits(struct rule *r)
{
	int i, k;

	r->stem_bits = xreallocarray(NULL, (size_t)r->nstems + 1,
	    sizeof *r->stem_bits);
	for (i = 0; i < r->nstems; i++) {
		for (k = 0; k < r->nstem_bits &&
		    r->stem_bits[k].word != r->stems[i] >> 6; k++)
			;
		if (k == r->nstem_bits) {
			r->stem_bits[k].word = r->stems[i] >> 6;
			r->stem_bits[k].bits = 0;
			r->nstem_bits++;
		}
		r->stem_bits[k].bits |= (uint64_t)1 << (r->stems[i] & 63);
	}
	for (i = k = 0; k < r->nstem_bits; k++)
		i += __builtin_popcountll(r->stem_bits[k].bits);
	r->stems_distinct = i == r->nstems;
}

void
lexicon_finish(struct lexicon *lx)
{
	int i;

	pf_build(lx->pf);
	for (i = 0; i < lx->n; i++)
		stem_bits(&lx->rules[i]);
	for (i = 0; i < lx->n; i++)
		if (strcmp(lx->rules[i].lang, LANG_ANY) != 0)
			add_set(lx, lx->rules[i].lang);
	add_set(lx, LANG_ANY);
}

const struct ruleset *
lexicon_rules(const struct lexicon *lx, const char *lang)
{
	int i;

	for (i = 0; i < lx->nsets; i++)
		if (strcmp(lx->sets[i].lang, lang) == 0)
			return &lx->sets[i];
	return &lx->sets[0];
}

void
lexicon_free(struct lexicon *lx)
{
	int i;

	for (i = 0; i < lx->n; i++)
		rule_clear(&lx->rules[i]);
	for (i = 0; i < lx->nsets; i++) {
		int k;

		for (k = 0; k < R_NKINDS; k++) {
			free(lx->sets[i].of[k]);
			free(lx->sets[i].filter[k].mask);
		}
		free(lx->sets[i].mask);
	}
	free(lx->sets);
	free(lx->rules);
	pf_free(lx->pf);
	memset(lx, 0, sizeof *lx);
}

int
rule_in_lang(const struct rule *r, const char *lang)
{
	return !r->off && (strcmp(r->lang, LANG_ANY) == 0 ||
	    strcmp(r->lang, lang) == 0);
}

