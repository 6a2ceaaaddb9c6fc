/* Recursive removal without following symbolic links. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rmtree.h"

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) == 0 ? 0 : -1;
	if (flag == FTW_DNR) {
		/* A directory we cannot read cannot be emptied; try anyway. */
		return rmdir(path) == 0 ? 0 : -1;
	}
	return unlink(path) == 0 ? 0 : -1;
}

int
rmtree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 && errno == ENOENT)
		return 0;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
