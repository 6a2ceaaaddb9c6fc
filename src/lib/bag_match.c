/* Leaving paths out of a bag: bsdtar's exclusion patterns. */
#include <stdlib.h>
#include <archive.h>
#include <archive_entry.h>

#include "bag_match.h"
#include "err.h"
#include "exitcode.h"
#include "xalloc.h"

struct bag_match {
	struct archive *a;
	struct archive_entry *e;	/* reused for each path */
	int any;			/* a pattern was added */
};

/* What bsdtar's --exclude-vcs leaves out. */
static const char *const vcs_names[] = {
	".arch-ids", "{arch}", "=RELEASE-ID", "=meta-update", "=update",
	".bzr", ".bzrignore", ".bzrtags", ".hg", ".hgignore", ".hgtags",
	"_darcs", "CVS", ".cvsignore", ".git", ".gitignore",
	".gitattributes", ".gitmodules", "SCCS", "RCS", ".svn",
};

struct bag_match *
bag_match_new(void)
{
	struct bag_match *m = xcalloc(1, sizeof *m);

	if ((m->a = archive_match_new()) == NULL ||
	    (m->e = archive_entry_new()) == NULL)
		die(EXIT_TROUBLE, "out of memory");
	return m;
}

int
bag_match_exclude(struct bag_match *m, const char *pattern, const char **why)
{
	if (archive_match_exclude_pattern(m->a, pattern) != ARCHIVE_OK) {
		*why = archive_error_string(m->a);
		if (*why == NULL)
			*why = "not a pattern";
		return -1;
	}
	m->any = 1;
	return 0;
}

void
bag_match_exclude_vcs(struct bag_match *m)
{
	size_t i;

	for (i = 0; i < sizeof vcs_names / sizeof vcs_names[0]; i++)
		if (archive_match_exclude_pattern(m->a, vcs_names[i]) !=
		    ARCHIVE_OK)
			die(EXIT_TROUBLE, "out of memory");
	m->any = 1;
}

int
bag_match_excluded(struct bag_match *m, const char *path)
{
	if (m == NULL || !m->any)
		return 0;
	archive_entry_copy_pathname(m->e, path);
	return archive_match_path_excluded(m->a, m->e) > 0;
}

void
bag_match_free(struct bag_match *m)
{
	if (m == NULL)
		return;
	archive_match_free(m->a);
	archive_entry_free(m->e);
	free(m);
}
