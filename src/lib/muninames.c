/*
 * Name lookup by hashing runs of one to three capitalised words.  The
 * table is small (a few hundred names), so a chained hash table on the
 * exact name bytes is all it needs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "muninames.h"
#include "rx.h"
#include "text.h"
#include "xalloc.h"

#define NBUCKETS 1024
#define MAX_WORDS 3

struct entry {
	char *name;
	size_t len;
	char code[8];
	int needs_kommune;
	struct entry *next;
};

struct muninames {
	struct entry *bucket[NBUCKETS];
	struct rx *kommune_after;	/* "(, Name)* (og Name)? kommune" */
};

/* A list of names ending in "kommune(r)", anchored after a name. */
static const char kommune_after[] =
    "(?:\\s*(?:,|\\bog\\b|\\band\\b)\\s*\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*)?)*"
    "\\s+kommun";

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
add_line(struct muninames *t, char *line)
{
	char *name = line, *code, *ctx;
	struct entry *e;
	uint32_t b;

	if ((code = strchr(name, '\t')) == NULL)
		return -1;
	*code++ = '\0';
	if ((ctx = strchr(code, '\t')) != NULL)
		*ctx++ = '\0';
	if (*name == '\0' || strlen(code) == 0 || strlen(code) >= sizeof e->code ||
	    !utf8_valid(name, strlen(name)))
		return -1;
	if (ctx != NULL && strcmp(ctx, "any") != 0 && strcmp(ctx, "kommune") != 0)
		return -1;
	e = xcalloc(1, sizeof *e);
	e->name = xstrdup(name);
	e->len = strlen(name);
	memcpy(e->code, code, strlen(code) + 1);
	e->needs_kommune = ctx != NULL && strcmp(ctx, "kommune") == 0;
	b = hash(e->name, e->len) % NBUCKETS;
	e->next = t->bucket[b];
	t->bucket[b] = e;
	return 0;
}

struct muninames *
muninames_load(const char *path)
{
	struct muninames *t;
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		warnat(path, 0, "%s", strerror(errno));
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	while ((n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (add_line(t, line) < 0) {
			warnat(path, lineno, "expected NAME<tab>CODE<tab>any|kommune");
			free(line);
			fclose(fp);
			muninames_free(t);
			return NULL;
		}
	}
	free(line);
	fclose(fp);
	t->kommune_after = rx_compile(kommune_after, sizeof kommune_after - 1,
	    RX_CASELESS | RX_ANCHORED, err, sizeof err);
	if (t->kommune_after == NULL)
		die(2, "internal error in a pattern: %s", err);
	return t;
}

void
muninames_free(struct muninames *t)
{
	struct entry *e, *next;
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < NBUCKETS; i++) {
		for (e = t->bucket[i]; e != NULL; e = next) {
			next = e->next;
			free(e->name);
			free(e);
		}
	}
	rx_free(t->kommune_after);
	free(t);
}

static int
is_letter(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* End of the word (letters and inner hyphens) starting at i. */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	int32_t cp;
	int n;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (is_letter(cp))
			i += (size_t)n;
		else if (cp == '-' && i + 1 < len && i > 0) {
			int32_t next;

			utf8_decode(s + i + 1, len - i - 1, &next);
			if (!is_letter(next))
				break;
			i++;
		} else
			break;
	}
	return i;
}

static void
add_code(struct buf *codes, const char *code)
{
	size_t n = strlen(code);
	const char *p = codes->data;

	/* Skip codes already listed (the list is short). */
	while (p != NULL && (p = strstr(p, code)) != NULL) {
		if ((p == codes->data || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return;
		p += n;
	}
	if (codes->len > 0)
		buf_addc(codes, ' ');
	buf_adds(codes, code);
}

/* Codes for s[a..b) if it is a name in a context where it counts. */
static int
lookup(const struct muninames *t, const char *s, size_t len, size_t a,
    size_t b, struct buf *codes)
{
	const struct entry *e;
	struct rx_match m;
	int found = 0;

	for (e = t->bucket[hash(s + a, b - a) % NBUCKETS]; e; e = e->next) {
		if (e->len != b - a || memcmp(e->name, s + a, e->len) != 0)
			continue;
		if (e->needs_kommune &&
		    rx_search(t->kommune_after, s, len, b, &m) != 1)
			continue;
		add_code(codes, e->code);
		found = 1;
	}
	return found;
}

void
muninames_find(const struct muninames *t, const char *s, size_t len,
    struct buf *codes)
{
	size_t i = 0, ends[MAX_WORDS];
	int32_t cp, prev = ' ';
	int n, w, nw;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (is_letter(prev) || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) {
			prev = cp;
			i += (size_t)n;
			continue;
		}
		/* Up to MAX_WORDS words joined by single spaces. */
		ends[0] = word_end(s, len, i);
		for (nw = 1; nw < MAX_WORDS; nw++) {
			size_t e = ends[nw - 1];

			if (e + 1 >= len || s[e] != ' ')
				break;
			utf8_decode(s + e + 1, len - e - 1, &cp);
			if (!is_letter(cp))
				break;
			ends[nw] = word_end(s, len, e + 1);
		}
		for (w = nw - 1; w >= 0; w--)
			if (lookup(t, s, len, i, ends[w], codes))
				break;
		i = ends[w < 0 ? 0 : w];
		prev = 'a';
	}
	if (codes->data == NULL)
		buf_adds(codes, "");
}
