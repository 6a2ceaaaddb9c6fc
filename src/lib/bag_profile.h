/*
 * BagIt Profiles (the bagit-profiles specification, 1.4): a JSON file,
 * read with jansson, that says what a receiving archive requires of a
 * bag: bag-info.txt fields (required, repeatable, allowed values),
 * manifests and tag manifests required and allowed, tag and payload
 * files required and allowed, fetch.txt allowed or required, an empty
 * payload, serialisation and its formats, BagIt versions.
 */
#ifndef SAMLING_BAG_PROFILE_H
#define SAMLING_BAG_PROFILE_H

#include <stddef.h>

#include "bagit.h"

struct bag_profile;

/* A field of Bag-Info. */
struct bag_profile_tag {
	const char *label;
	int required;
	int repeatable;
	const char *const *values;	/* allowed, NULL-terminated; NULL: any */
};

/*
 * Read and check a profile; NULL after messages ("FILE:LINE: what",
 * "FILE: Key: what").
 */
struct bag_profile *bag_profile_load(const char *path);
void bag_profile_free(struct bag_profile *p);
const char *bag_profile_identifier(const struct bag_profile *p);
/* Its Bag-Info fields, in the profile's order. */
const struct bag_profile_tag *bag_profile_tags(const struct bag_profile *p,
    size_t *n);
/* Algorithms of manifests (tag: tag manifests) required, a DIGEST_BIT mask. */
unsigned bag_profile_manifests_required(const struct bag_profile *p,
    int tag);

/* What a bag is, as far as a profile asks. */
struct bag_facts {
	const char *version;		/* of bagit.txt, NULL if unknown */
	const struct bag_tag *info;	/* bag-info.txt */
	size_t ninfo;
	unsigned payload_algs, tag_algs;	/* DIGEST_BIT masks */
	int fetch;			/* has fetch.txt */
	int format;			/* enum bag_format (bag_out.h) */
	const char *const *tag_files;	/* other than bagit.txt, ... */
	size_t ntag_files;
	const char *const *payload;	/* "data/..." files */
	const unsigned long long *payload_sizes;
	size_t npayload;
};

/*
 * Check a bag against the profile: report(ctx, path, message) for each
 * rule it breaks (path the tag file or NULL); returns their number.
 */
size_t bag_profile_check(const struct bag_profile *p,
    const struct bag_facts *f,
    void (*report)(void *ctx, const char *path, const char *msg),
    void *ctx);

#endif
