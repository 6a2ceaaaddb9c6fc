/* The blocks record: its columns and kind names (blocks.h). */
#include <string.h>

#include "blocks.h"

const char *const block_columns[BLOCK_NCOLS] = {
	"source", "unit", "seq", "kind", "level", "text"
};

static const char *const kind_names[K_NKINDS] = {
	"title", "heading", "bullet", "text", "meta"
};

const char *
block_kind_name(enum block_kind k)
{
	return (unsigned)k < K_NKINDS ? kind_names[k] : "text";
}

int
block_kind_parse(const char *s)
{
	int i;

	/* The first two letters differ: one comparison a row. */
	for (i = 0; i < K_NKINDS; i++)
		if (s[0] == kind_names[i][0] && s[0] != '\0' &&
		    s[1] == kind_names[i][1])
			return strcmp(s, kind_names[i]) == 0 ? i : -1;
	return -1;
}
