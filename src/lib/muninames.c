/*
 * Finding names: runs of one to three words from a capital, the longest
 * first, looked up in the municipality table.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "err.h"
#include "muni.h"
#include "muninames.h"
#include "rx.h"
#include "text.h"
#include "xalloc.h"

#define MAX_WORDS 3
#define MAX_CODES 8		/* codes one name may have ("Herøy": two) */

struct muninames {
	struct muni_db *db;
	char **common;		/* folded, sorted */
	size_t ncommon;
	struct rx *kommune_after;	/* "(, Name)* (og Name)? kommune" */
};

/* A list of names ending in "kommune(r)", anchored after a name. */
static const char kommune_after[] =
    "(?:\\s*(?:,|\\bog\\b|\\band\\b)\\s*\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*)?)*"
    "\\s+kommun";

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_common(struct muninames *t, const char *path)
{
	char *line = NULL;
	size_t cap = 0, have = 0;
	ssize_t n;
	unsigned long lineno = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		warnat(path, 0, "%s", strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		    line[n - 1] == ' '))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (!utf8_valid(line, (size_t)n)) {
			warnat(path, lineno, "not valid UTF-8");
			free(line);
			fclose(fp);
			return -1;
		}
		if (t->ncommon == have) {
			have = have ? have * 2 : 64;
			t->common = xreallocarray(t->common, have, sizeof *t->common);
		}
		t->common[t->ncommon++] = text_folded(line, (size_t)n);
	}
	free(line);
	fclose(fp);
	qsort(t->common, t->ncommon, sizeof *t->common, str_cmp);
	return 0;
}

struct muninames *
muninames_load(void)
{
	struct muninames *t = xcalloc(1, sizeof *t);
	char err[256], *path;

	if ((t->db = muni_load()) == NULL ||
	    (path = datadir_path("municipalities/common-words.txt")) == NULL) {
		muninames_free(t);
		return NULL;
	}
	if (load_common(t, path) != 0) {
		free(path);
		muninames_free(t);
		return NULL;
	}
	free(path);
	t->kommune_after = rx_compile(kommune_after, sizeof kommune_after - 1,
	    RX_CASELESS | RX_ANCHORED, err, sizeof err);
	if (t->kommune_after == NULL)
		die(2, "internal error in a pattern: %s", err);
	return t;
}

void
muninames_free(struct muninames *t)
{
	size_t i;

	if (t == NULL)
		return;
	muni_free(t->db);
	for (i = 0; i < t->ncommon; i++)
		free(t->common[i]);
	free(t->common);
	rx_free(t->kommune_after);
	free(t);
}

static int
is_common(const struct muninames *t, const char *s, size_t n)
{
	char *key = text_folded(s, n);
	int found = bsearch(&key, t->common, t->ncommon, sizeof *t->common,
	    str_cmp) != NULL;

	free(key);
	return found;
}

/* End of the word (letters and inner hyphens) starting at i. */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	int32_t cp;
	int n;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp_is_letter(cp))
			i += (size_t)n;
		else if (cp == '-' && i + 1 < len && i > 0) {
			int32_t next;

			utf8_decode(s + i + 1, len - i - 1, &next);
			if (!cp_is_letter(next))
				break;
			i++;
		} else
			break;
	}
	return i;
}

static void
add_code(struct buf *codes, int code)
{
	char c[8];
	size_t n;
	const char *p = codes->data;

	snprintf(c, sizeof c, "%04d", code);
	n = strlen(c);
	/* Skip codes already listed (the list is short). */
	while (p != NULL && (p = strstr(p, c)) != NULL) {
		if ((p == codes->data || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return;
		p += n;
	}
	if (codes->len > 0)
		buf_addc(codes, ' ');
	buf_adds(codes, c);
}

/* Codes for s[a..b) if it is a name in a context where it counts. */
static int
lookup(const struct muninames *t, const char *s, size_t len, size_t a,
    size_t b, struct buf *codes)
{
	static const char kommune[] = " kommune";
	const size_t klen = sizeof kommune - 1;
	int code[MAX_CODES], n, i;
	struct rx_match m;

	n = muni_lookup_codes(t->db, s + a, b - a, 0, code, MAX_CODES, NULL);
	if (n == 0)
		return 0;
	/* The table reads "Time kommune" as Time: then kommune follows. */
	if (!(b - a > klen && memcmp(s + b - klen, kommune, klen) == 0) &&
	    is_common(t, s + a, b - a) &&
	    rx_search(t->kommune_after, s, len, b, &m) != 1)
		return 0;
	for (i = 0; i < n; i++)
		add_code(codes, code[i]);
	return 1;
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
		if (cp_is_letter(prev) || !cp_is_upper(cp)) {
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
			if (!cp_is_letter(cp))
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
