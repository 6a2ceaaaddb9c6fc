/*
 * Aho-Corasick as a full transition table (256 entries a state).  It is
 * hand-written because none of the project's libraries does
 * multi-literal search, and one table lookup a byte is what keeps
 * extraction fast.  Folding is built into the byte classes: ASCII
 * capitals, and the continuation bytes 80..9E (but 97) to A0..BE, which
 * after C3 turns the Latin-1 capitals Æ Ø Å and the accented vowels to
 * lower case.  After another lead byte it merges two letters that are
 * not case pairs; stems are folded alike, so that only lets a rule run
 * on a block it does not match, never the other way round.
 */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"

/* Bounds the table: states * classes * 2 stays far below 2^31. */
#define PF_MAX_STATES (1 << 20)
#include "xalloc.h"

struct prefilter {
	int32_t *next;		/* nstates * 256; during building: trie, -1 = none */
	int32_t *dfa;		/* built: nstates * nclass: the next state's row
				   offset * 2, +1 when that state has outputs */
	uint8_t class_of[256];	/* folded byte -> class (0: no stem has it) */
	int nclass;
	uint64_t row_recip;	/* ceil(2^32 / nclass): a row offset to its state */
	int32_t *fail;
	int32_t *out_first;	/* per state: index into out_ids, -1 = none */
	int32_t *out_count;
	int32_t *out_ids;
	int nout, outcap;
	int nstates, cap;
	char **stems;
	size_t *stemlen;
	size_t maxlen;		/* of the longest stem */
	int nstems;
	int built;
	int32_t *term;		/* per state: stem ending here, -1 = none */
	int digit_id[10];	/* stems "0".."9": whether a block has a digit
				   (-1: no room, so always say yes) */
};

static int
new_state(struct prefilter *pf)
{
	int s = pf->nstates++;

	if (pf->nstates > pf->cap) {
		pf->cap = pf->cap ? pf->cap * 2 : 64;
		pf->next = xreallocarray(pf->next, (size_t)pf->cap * 256, sizeof *pf->next);
		pf->term = xreallocarray(pf->term, (size_t)pf->cap, sizeof *pf->term);
	}
	memset(pf->next + (size_t)s * 256, 0xff, 256 * sizeof *pf->next);
	pf->term[s] = -1;
	return s;
}

struct prefilter *
pf_new(void)
{
	struct prefilter *pf = xcalloc(1, sizeof *pf);

	new_state(pf);
	return pf;
}

void
pf_free(struct prefilter *pf)
{
	int i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->nstems; i++)
		free(pf->stems[i]);
	free(pf->stems);
	free(pf->stemlen);
	free(pf->next);
	free(pf->dfa);
	free(pf->fail);
	free(pf->out_first);
	free(pf->out_count);
	free(pf->out_ids);
	free(pf->term);
	free(pf);
}

int
pf_add(struct prefilter *pf, const char *stem, size_t len)
{
	int s = 0, i;
	size_t k;

	for (i = 0; i < pf->nstems; i++)
		if (pf->stemlen[i] == len && memcmp(pf->stems[i], stem, len) == 0)
			return i;
	if (len == 0 || pf->nstates + len > PF_MAX_STATES)
		return -1;
	for (k = 0; k < len; k++) {
		unsigned char c = (unsigned char)stem[k];
		int32_t t = pf->next[(size_t)s * 256 + c];

		if (t < 0) {
			t = new_state(pf);
			pf->next[(size_t)s * 256 + c] = t;
		}
		s = t;
	}
	pf->stems = xreallocarray(pf->stems, (size_t)pf->nstems + 1, sizeof *pf->stems);
	pf->stemlen = xreallocarray(pf->stemlen, (size_t)pf->nstems + 1, sizeof *pf->stemlen);
	pf->stems[pf->nstems] = xstrndup(stem, len);
	pf->stemlen[pf->nstems] = len;
	if (len > pf->maxlen)
		pf->maxlen = len;
	pf->term[s] = pf->nstems;
	return pf->nstems++;
}

int
pf_nstems(const struct prefilter *pf)
{
	return pf->nstems;
}

static void
add_out(struct prefilter *pf, int id)
{
	if (pf->nout == pf->outcap) {
		pf->outcap = pf->outcap ? pf->outcap * 2 : 64;
		pf->out_ids = xreallocarray(pf->out_ids, (size_t)pf->outcap, sizeof *pf->out_ids);
	}
	pf->out_ids[pf->nout++] = id;
}

/*
 * Bytes that occur in no stem all behave alike: give each byte that does
 * a class of its own and the rest class 0, and keep a table of states by
 * classes, a few dozen columns instead of 256, so it stays in cache.
 */
static void
compress(struct prefilter *pf)
{
	int used[256] = { 0 }, c, s, i;

	for (i = 0; i < pf->nstems; i++)
		for (c = 0; (size_t)c < pf->stemlen[i]; c++)
			used[(unsigned char)pf->stems[i][c]] = 1;
	pf->nclass = 1;
	for (c = 0; c < 256; c++)
		pf->class_of[c] = used[c] ? (uint8_t)pf->nclass++ : 0;
	/* Capitals take the class of the letter they fold to (see pf_fold). */
	for (c = 'A'; c <= 'Z'; c++)
		pf->class_of[c] = pf->class_of[c | 0x20];
	for (c = 0x80; c <= 0x9E; c++)
		if (c != 0x97)
			pf->class_of[c] = pf->class_of[c + 0x20];
	pf->dfa = xreallocarray(NULL, (size_t)pf->nstates * (size_t)pf->nclass,
	    sizeof *pf->dfa);
	for (s = 0; s < pf->nstates; s++) {
		int32_t other = 0;

		/* Class 0: any byte no stem holds; all such go the same way. */
		for (c = 0; c < 256; c++)
			if (!used[c]) {
				other = pf->next[(size_t)s * 256 + c];
				break;
			}
		pf->dfa[(size_t)s * (size_t)pf->nclass] = other;
		for (c = 0; c < 256; c++)
			if (used[c])
				pf->dfa[(size_t)s * (size_t)pf->nclass + pf->class_of[c]] =
				    pf->next[(size_t)s * 256 + c];
	}
	/*
	 * Entries hold the next state's row offset (no multiply a byte) and
	 * the output flag in the low bit (no second load a byte).
	 */
	for (i = 0; i < pf->nstates * pf->nclass; i++)
		pf->dfa[i] = pf->dfa[i] * pf->nclass * 2 +
		    (pf->out_count[pf->dfa[i]] != 0);
	pf->row_recip = (((uint64_t)1 << 32) + (uint64_t)pf->nclass - 1) /
	    (uint64_t)pf->nclass;
	free(pf->next);
	pf->next = NULL;
}

/* Breadth first: fail links, full transitions, and merged outputs. */
void
pf_build(struct prefilter *pf)
{
	int32_t *queue;
	int head = 0, tail = 0, c;
	char digit[1];

	/* The digits are stems too: one pass finds them with the rest. */
	for (c = 0; c < 10; c++) {
		digit[0] = (char)('0' + c);
		pf->digit_id[c] = pf_add(pf, digit, 1);
	}
	queue = xreallocarray(NULL, (size_t)pf->nstates, sizeof *queue);

	pf->fail = xcalloc((size_t)pf->nstates, sizeof *pf->fail);
	pf->out_first = xcalloc((size_t)pf->nstates, sizeof *pf->out_first);
	pf->out_count = xcalloc((size_t)pf->nstates, sizeof *pf->out_count);
	for (c = 0; c < 256; c++) {
		int32_t t = pf->next[c];

		if (t < 0)
			pf->next[c] = 0;
		else {
			pf->fail[t] = 0;
			queue[tail++] = t;
		}
	}
	while (head < tail) {
		int32_t s = queue[head++], f = pf->fail[s], k;

		/* Outputs of s: its own stem, then those of its fail state. */
		pf->out_first[s] = pf->nout;
		if (pf->term[s] >= 0)
			add_out(pf, pf->term[s]);
		for (k = 0; k < pf->out_count[f]; k++)
			add_out(pf, pf->out_ids[pf->out_first[f] + k]);
		pf->out_count[s] = pf->nout - pf->out_first[s];
		for (c = 0; c < 256; c++) {
			int32_t t = pf->next[(size_t)s * 256 + c];

			if (t < 0)
				pf->next[(size_t)s * 256 + c] = pf->next[(size_t)f * 256 + c];
			else {
				pf->fail[t] = pf->next[(size_t)f * 256 + c];
				queue[tail++] = t;
			}
		}
	}
	free(queue);
	compress(pf);
	pf->built = 1;
}

void
pf_hits_init(const struct prefilter *pf, struct pf_hits *h)
{
	h->nwords = (pf->nstems + 63) / 64 + 1;
	h->bits = xcalloc((size_t)h->nwords, sizeof *h->bits);
	h->digit = 0;
}

void
pf_hits_free(struct pf_hits *h)
{
	free(h->bits);
	h->bits = NULL;
}

/* One byte through the automaton: step, note any stems ending. */
static inline int32_t
step(const struct prefilter *pf, int32_t row, unsigned c, uint64_t *bits)
{
	int32_t t = pf->dfa[row + pf->class_of[c]], st;
	int k;

	if (t & 1) {
		/*
		 * The state of a row: stems end often (digits, short words),
		 * and a division each time cost more than the rest of the scan.
		 * The offset is a multiple of nclass below 2^28, so this is exact.
		 */
		st = (int32_t)(((uint64_t)(t >> 1) * pf->row_recip) >> 32);
		for (k = 0; k < pf->out_count[st]; k++) {
			int id = pf->out_ids[pf->out_first[st] + k];

			bits[id >> 6] |= (uint64_t)1 << (id & 63);
		}
	}
	return t >> 1;
}

/*
 * The scan is a chain of dependent table loads, one a byte.  A long
 * block is scanned as four quarters (or two halves) at once, independent
 * chains the CPU overlaps; each part but the last runs on past its end by
 * the longest stem less one byte, so no stem across a border is missed.
 * A part need only be longer than that: the short blocks of slides and
 * lists (most under a hundred bytes) are split too.
 */
static void
scan(const struct prefilter *pf, const char *s, size_t len, uint64_t *bits)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j, mid, end1;
	int32_t row1 = 0, row2 = 0, row3 = 0, row4 = 0;

	if (len >= 4 * pf->maxlen + 4) {
		size_t q = len / 4, over = pf->maxlen > 0 ? pf->maxlen - 1 : 0;

		for (j = 0; j < q; j++) {
			row1 = step(pf, row1, p[j], bits);
			row2 = step(pf, row2, p[q + j], bits);
			row3 = step(pf, row3, p[2 * q + j], bits);
			row4 = step(pf, row4, p[3 * q + j], bits);
		}
		for (j = 0; j < over; j++) {
			row1 = step(pf, row1, p[q + j], bits);
			row2 = step(pf, row2, p[2 * q + j], bits);
			row3 = step(pf, row3, p[3 * q + j], bits);
		}
		for (i = 4 * q; i < len; i++)
			row4 = step(pf, row4, p[i], bits);
	} else if (len >= 2 * pf->maxlen + 2) {
		mid = len / 2;
		end1 = mid + pf->maxlen - 1;
		for (j = mid; j < len; i++, j++) {
			row1 = step(pf, row1, p[i], bits);
			row2 = step(pf, row2, p[j], bits);
		}
		/* The first half's overlap past the middle. */
		for (; i < end1; i++)
			row1 = step(pf, row1, p[i], bits);
	} else {
		for (; i < len; i++)
			row1 = step(pf, row1, p[i], bits);
	}
}

/* Whether the hits hold a digit. */
static int
has_digit(const struct prefilter *pf, const struct pf_hits *h)
{
	int k;

	for (k = 0; k < 10; k++)
		if (pf->digit_id[k] < 0 || pf_hit(h, pf->digit_id[k]))
			return 1;
	return 0;
}

void
pf_scan(const struct prefilter *pf, const char *s, size_t len,
    struct pf_hits *h)
{
	memset(h->bits, 0, (size_t)h->nwords * sizeof *h->bits);
	scan(pf, s, len, h->bits);
	h->digit = has_digit(pf, h);
}

void
pf_scan_inner(const struct prefilter *pf, const char *s, size_t len,
    size_t lo, size_t hi, struct pf_hits *all, struct pf_hits *inner)
{
	size_t over = pf->maxlen > 0 ? pf->maxlen - 1 : 0;
	int k;

	/*
	 * A stem not wholly in [lo, hi) starts before lo or ends after hi:
	 * it lies in the first lo + over bytes or in the last len - hi +
	 * over.  The part is scanned alone, fast, then those two ends.
	 */
	pf_scan(pf, s + lo, hi - lo, inner);
	if (hi - lo < 2 * over) {
		pf_scan(pf, s, len, all);
		return;
	}
	memset(all->bits, 0, (size_t)all->nwords * sizeof *all->bits);
	scan(pf, s, lo + over, all->bits);
	scan(pf, s + hi - over, len - hi + over, all->bits);
	for (k = 0; k < all->nwords; k++)
		all->bits[k] |= inner->bits[k];
	all->digit = has_digit(pf, all);
}

void
pf_fold(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];

		if (c - 'A' < 26u)
			s[i] = (char)(c | 0x20);
		else if (c - 0x80u < 0x1Fu && c != 0x97)
			s[i] = (char)(c + 0x20);
	}
}
