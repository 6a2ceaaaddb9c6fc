/*
 * Which paths to leave out of a bag, as bsdtar's --exclude and
 * --exclude-vcs choose them (libarchive's archive_match): a shell
 * pattern matches a path whole, or any run of its components, so
 * "*.tmp" leaves out every such file and "cache" every such folder with
 * what it holds.
 */
#ifndef SAMLING_BAG_MATCH_H
#define SAMLING_BAG_MATCH_H

struct bag_match;

struct bag_match *bag_match_new(void);
/* Add a pattern; 0, or -1 with a message in *why. */
int bag_match_exclude(struct bag_match *m, const char *pattern,
    const char **why);
/* Add the names of version control's own files and folders. */
void bag_match_exclude_vcs(struct bag_match *m);
/* Whether path is left out; always 0 for a NULL matcher. */
int bag_match_excluded(struct bag_match *m, const char *path);
void bag_match_free(struct bag_match *m);

#endif
