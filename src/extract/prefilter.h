/*
 * The literal prefilter: before any pattern runs on a block, one pass
 * over its bytes finds which keyword stems occur (Aho-Corasick over text
 * folded to lower case) and whether it holds a digit.  Only the rules
 * with a stem present are then run, so PCRE2 sees a small part of the
 * text.
 */
#ifndef SAMLING_EXTRACT_PREFILTER_H
#define SAMLING_EXTRACT_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

struct prefilter;

struct pf_hits {
	uint64_t *bits;		/* one bit per stem id */
	int nwords;
	int digit;		/* the text holds an ASCII digit */
};

struct prefilter *pf_new(void);
void pf_free(struct prefilter *pf);
/*
 * Add a stem (already folded); returns its id (the same for the same
 * stem), or -1 when it is empty or the automaton is full.
 */
int pf_add(struct prefilter *pf, const char *stem, size_t len);
int pf_nstems(const struct prefilter *pf);
/* Build the automaton; call after the last pf_add. */
void pf_build(struct prefilter *pf);

void pf_hits_init(const struct prefilter *pf, struct pf_hits *h);
void pf_hits_free(struct pf_hits *h);
void pf_scan(const struct prefilter *pf, const char *s, size_t len,
    struct pf_hits *h);

/*
 * As pf_scan into all, and into inner the stems that lie wholly within
 * s[lo..hi): what pf_scan of that part alone finds, in the same pass.
 */
void pf_scan_inner(const struct prefilter *pf, const char *s, size_t len,
    size_t lo, size_t hi, struct pf_hits *all, struct pf_hits *inner);

static inline int
pf_hit(const struct pf_hits *h, int id)
{
	return (h->bits[id >> 6] >> (id & 63)) & 1;
}

/*
 * Fold s[0..len) in place as the scanner does: ASCII A-Z and the Latin-1
 * capitals (Æ, Ø, Å, É, ...) in UTF-8 to lower case, by turning every
 * continuation byte 80..9E but 97 to A0..BE (which also merges some
 * letters of other scripts: stems then match a little more often).
 */
void pf_fold(char *s, size_t len);

#endif
