/* Locating share/samling at run time. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "err.h"
#include "xalloc.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/samling"
#endif

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ../share/samling relative to the running executable, if it exists. */
static char *
beside_executable(void)
{
	char exe[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	path = xmalloc(strlen(exe) + sizeof "/../share/samling");
	sprintf(path, "%s/../share/samling", exe);
	if (is_dir(path))
		return path;
	free(path);
	return NULL;
}

const char *
datadir(void)
{
	static char *found;
	static int tried;
	const char *env;

	if (tried)
		return found;
	tried = 1;
	if ((env = getenv("SAMLING_DATADIR")) != NULL && *env != '\0') {
		if (is_dir(env))
			return found = xstrdup(env);
		warnmsg("SAMLING_DATADIR: not a directory: %s", err_name(env));
		return NULL;
	}
	if ((found = beside_executable()) != NULL)
		return found;
	if (is_dir(DATADIR))
		return found = xstrdup(DATADIR);
	warnmsg("cannot find the data directory (%s); set SAMLING_DATADIR",
	    DATADIR);
	return NULL;
}

char *
datadir_path(const char *rel)
{
	const char *dir = datadir();
	char *path;

	if (dir == NULL)
		return NULL;
	path = xmalloc(strlen(dir) + strlen(rel) + 2);
	sprintf(path, "%s/%s", dir, rel);
	return path;
}
