/*
 * BagIt (RFC 8493) text: tag files, manifest lines, bag paths.
 *
 * Paths in manifests are relative to the bag's base directory, separated
 * by "/", and percent-encode exactly CR (%0D), LF (%0A) and "%" (%25).
 * Tag files are UTF-8 and end lines with LF, CRLF or CR.
 */
#ifndef SAMLING_BAGIT_H
#define SAMLING_BAGIT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

#define BAGIT_VERSION "1.0"

/* Append s[0..len) to out with CR, LF and % percent-encoded. */
void bag_path_encode(struct buf *out, const char *s, size_t len);
/* Decode %0D, %0A and %25 (either case) in place; returns the new length. */
size_t bag_path_decode(char *s, size_t len);

/*
 * Why a relative bag path is unsafe or malformed, or NULL if it is fine:
 * empty, absolute, a NUL byte, an empty, "." or ".." component.
 */
const char *bag_path_problem(const char *p, size_t len);

/*
 * The next line of s[0..len) from *pos: sets *line and *linelen (without
 * its end) and advances *pos.  Returns 0 at the end of s, else 1.
 */
int bag_next_line(const char *s, size_t len, size_t *pos,
    const char **line, size_t *linelen);

/*
 * Split a manifest line "CHECKSUM<white space>PATH".  The path is still
 * percent-encoded.  0 ok, -1 if there is no separator or no path.
 */
int bag_manifest_split(const char *line, size_t len, const char **sum,
    size_t *sumlen, const char **path, size_t *pathlen);

/*
 * Whether a tag file name is "manifest-ALG.txt" (*is_tag = 0) or
 * "tagmanifest-ALG.txt" (*is_tag = 1): returns 1 and points *alg, *alglen
 * at ALG; else 0.
 */
int bag_manifest_name(const char *name, int *is_tag, const char **alg,
    size_t *alglen);

/* bagit.txt as samling writes it. */
void bag_bagit_txt(struct buf *out);
/*
 * Check bagit.txt.  NULL if it is a supported declaration, else why not;
 * *unsupported is set when the bag may be fine but is beyond samling
 * (another version or tag file encoding).
 */
const char *bag_bagit_check(const char *s, size_t len, int *unsupported,
    char *why, size_t whysize);

/* One "Label: value" element of bag-info.txt. */
struct bag_tag {
	char *label;
	char *value;
	unsigned long line;
};

/*
 * Parse bag-info.txt (continuation lines joined with one space).  Returns
 * 0 and the elements, or -1 with *badline set to a malformed line (the
 * elements before it are returned).  Free with bag_tags_free.
 */
int bag_info_parse(const char *s, size_t len, struct bag_tag **tags,
    size_t *ntags, unsigned long *badline);
void bag_tags_free(struct bag_tag *tags, size_t ntags);

/* Why a label or value cannot be written to bag-info.txt, or NULL. */
const char *bag_label_problem(const char *label);
const char *bag_value_problem(const char *value);

/* Parse "OCTETS.FILES"; 0 ok, -1 if malformed. */
int bag_oxum_parse(const char *s, uint64_t *octets, uint64_t *files);

#endif
