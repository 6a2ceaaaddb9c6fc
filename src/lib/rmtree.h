/* Removing a directory tree that the program itself made (a temporary bag). */
#ifndef SAMLING_RMTREE_H
#define SAMLING_RMTREE_H

/*
 * Remove path and everything under it, never following symbolic links.
 * 0 on success (or if path does not exist), -1 with errno otherwise.
 */
int rmtree(const char *path);

#endif
