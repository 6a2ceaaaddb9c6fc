/*
 * The blocks record, samling-ingest's output and samling-extract's
 * input (samling-formats(5)): its columns in order and its kinds.  Both
 * programs take them from here, so a kind one writes the other reads.
 */
#ifndef SAMLING_BLOCKS_H
#define SAMLING_BLOCKS_H

#include <stddef.h>

enum block_kind { K_TITLE, K_HEADING, K_BULLET, K_TEXT, K_META, K_NKINDS };

enum { BLOCK_SOURCE, BLOCK_UNIT, BLOCK_SEQ, BLOCK_KIND, BLOCK_LEVEL,
	BLOCK_TEXT, BLOCK_NCOLS };

extern const char *const block_columns[BLOCK_NCOLS];

/* One block as a program holds it (the source travels beside it). */
struct block {
	long unit;		/* slide or section, 0 for the document */
	enum block_kind kind;
	int level;		/* bullet or heading depth, 0 at the top */
	const char *text;	/* valid UTF-8, NUL-terminated */
	size_t len;
};

const char *block_kind_name(enum block_kind k);
/* A kind's name to its kind; -1 if unknown. */
int block_kind_parse(const char *s);

#endif
