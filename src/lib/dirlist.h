/* A directory's names, sorted: one way for every program that walks. */
#ifndef SAMLING_DIRLIST_H
#define SAMLING_DIRLIST_H

#include <stddef.h>

/*
 * The names in dir but "." and "..", sorted bytewise (strcmp, whatever
 * the locale), in *names (*count of them; free with dirlist_free).  0, or
 * -1 with errno (opendir or readdir failed) and nothing to free.
 */
int dirlist(const char *dir, char ***names, size_t *count);
void dirlist_free(char **names, size_t count);

#endif
