/*
 * Writing a bag: into an archive through libarchive (tar, tar.gz,
 * tar.zst, tar.xz, zip, 7z), or as a plain directory.
 *
 * Entries are written in the order given; the caller sorts them.  Owners
 * are root, permissions 0644 (0755 for directories and executables), and
 * every time is the one given, so the same calls give the same bytes.
 * Paths are relative to the bag's base directory ("" is the base itself);
 * in an archive they are put under BASE/.  Errors are reported (naming
 * the output) and returned as -1.
 */
#ifndef SAMLING_BAG_OUT_H
#define SAMLING_BAG_OUT_H

#include <stdint.h>
#include <stdio.h>

enum bag_format {
	BAG_DIR, BAG_TAR, BAG_TAR_GZ, BAG_TAR_ZST, BAG_TAR_XZ, BAG_ZIP, BAG_7Z
};

/* "tar.gz" (also "tgz"), ..., "dir"; -1 if unknown. */
int bag_format_parse(const char *name);
const char *bag_format_name(int fmt);
/*
 * The format named by path's suffix and the suffix's length; BAG_DIR
 * with length 0 when the name has no archive suffix.
 */
int bag_format_of_path(const char *path, size_t *suffixlen);

struct bag_out;

/*
 * An archive of format fmt on fp (not closed); name is for messages.
 * tar.gz and tar.zst compress on threads cores, giving the same bytes
 * for any number of them.
 */
struct bag_out *bag_out_archive(int fmt, FILE *fp, const char *base,
    const char *name, int threads);
/* A directory bag in the existing empty directory dir. */
struct bag_out *bag_out_directory(const char *dir, const char *name);

int bag_out_mkdir(struct bag_out *o, const char *path, int64_t mtime);
int bag_out_begin(struct bag_out *o, const char *path, uint64_t size,
    int exec, int64_t mtime);
int bag_out_write(struct bag_out *o, const void *p, size_t n);
int bag_out_end(struct bag_out *o);
/* A whole small file at once. */
int bag_out_blob(struct bag_out *o, const char *path, const void *p,
    size_t n, int64_t mtime);
/* Finish the archive (or set directory times); 0 ok, -1 on error. */
int bag_out_finish(struct bag_out *o);
/* An archive's entries, their data and its own bytes, once finished. */
void bag_out_counts(const struct bag_out *o, uint64_t *entries,
    uint64_t *data, uint64_t *bytes);
void bag_out_free(struct bag_out *o);

#endif
