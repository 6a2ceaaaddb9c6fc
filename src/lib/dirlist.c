/* A directory's names, sorted (see dirlist.h). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "xalloc.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
dirlist(const char *dir, char ***names, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int saved;

	if (d == NULL)
		return -1;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = xstrdup(de->d_name);
		errno = 0;
	}
	if (errno != 0) {
		saved = errno;
		closedir(d);
		dirlist_free(v, n);
		errno = saved;
		return -1;
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, name_cmp);
	*names = v != NULL ? v : xcalloc(1, sizeof *v);
	*count = n;
	return 0;
}

void
dirlist_free(char **names, size_t count)
{
	while (count > 0)
		free(names[--count]);
	free(names);
}
