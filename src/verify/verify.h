/* samling-verify: the bag being checked, and its sources. */
#ifndef SAMLING_VERIFY_H
#define SAMLING_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "arc.h"
#include "bag_profile.h"
#include "bagit.h"
#include "buf.h"
#include "csvio.h"
#include "digest.h"
#include "strmap.h"

/* A path of the bag: seen in it, named by a manifest, or both. */
struct vfile {
	const char *path;	/* relative to the base, NFC (the map's key) */
	int present;		/* a regular file of the bag */
	int isdir;		/* a directory (given or implied) */
	int refused;		/* a link or special file, reported */
	uint64_t size;
	unsigned computed;	/* algorithms digested */
	unsigned listed;	/* algorithms whose manifest names it */
	unsigned need;		/* still to digest (a second pass) */
	unsigned char *got[DIGEST_NALG];
	unsigned char *want[DIGEST_NALG];
	int fetch;		/* named by fetch.txt */
	int64_t fetch_size;	/* its length there, -1 for '-' */
};

/* How far a bag is checked. */
enum verify_mode {
	VERIFY_FULL,		/* every digest */
	VERIFY_FAST,		/* --fast: Payload-Oxum only */
	VERIFY_COMPLETE		/* --completeness-only: no digests */
};

struct verify_opts {
	int quiet;
	int verbose;		/* -v: list each file */
	int force;
	enum verify_mode mode;
	const char *extract;	/* DIR, or NULL */
	struct arc_limits lim;
	int threads;
	int list;		/* --list */
	const struct bag_profile *profile;	/* --profile, or NULL */
	struct csvwriter *rows;	/* -F: problems and verdicts as rows */
};

struct vbag {
	const char *label;	/* the BAG operand, for messages */
	const struct verify_opts *o;
	int once;		/* standard input: one pass, no second */
	struct strmap *files;
	unsigned payload_algs;	/* manifest-ALG.txt seen */
	unsigned tag_algs;	/* tagmanifest-ALG.txt seen */
	int have_bagit;
	int have_oxum;
	uint64_t oxum_octets, oxum_files;
	uint64_t octets, count;	/* the payload found */
	uint64_t to_fetch;	/* files of fetch.txt not in the bag */
	unsigned long problems;	/* the bag is invalid */
	int trouble;		/* it could not be checked */
	int damaged;		/* the archive could not be read through */
	int drain;		/* standard input read to its archive's end */
	char *extracted;	/* where --extract put it */
	struct bag_tag *info;	/* bag-info.txt's fields */
	size_t ninfo;
	char *version;		/* bagit.txt's BagIt-Version */
	int have_fetch;		/* fetch.txt */
	int format;		/* enum bag_format; -1 another archive */
	struct progress *pr;	/* the progress line, while it is checked */
};

/* Limits on tag files read into memory. */
#define TAGFILE_MAX ((size_t)256 << 20)
#define BAGINFO_MAX ((size_t)1 << 20)

/* ---- check.c: the bag's model and the RFC 8493 rules ---- */
void vbag_init(struct vbag *b, const char *label, const struct verify_opts *o);
void vbag_free(struct vbag *b);
/* "samling-verify: BAG: [PATH: ]message"; counts a problem. */
void vbag_problem(struct vbag *b, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, but the bag could not be checked (exit 2). */
void vbag_trouble(struct vbag *b, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct vfile *vbag_file(struct vbag *b, const char *path);
/*
 * Note a regular file or directory of the bag at path (NFC, checked).
 * Returns the file, or NULL after a problem (duplicate, conflict).
 */
struct vfile *vbag_add(struct vbag *b, const char *path, int dir,
    uint64_t size);
/* Note an entry refused for its type: what lies below it is refused too. */
void vbag_refuse(struct vbag *b, const char *path);
/* Algorithms to digest a file at path with while streaming. */
unsigned vbag_algs_for(const struct vbag *b, const char *path);
/* Record the digests of a file. */
void vbag_digested(struct vbag *b, struct vfile *f, unsigned mask,
    unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE]);
/* Whether a top-level tag file's content is needed (bagit.txt, ...). */
int vbag_wants_text(const char *path);
/*
 * Take in a tag file's content: bagit.txt, bag-info.txt, fetch.txt,
 * manifests.
 */
void vbag_text(struct vbag *b, const char *path, const char *s, size_t len);
/* Mark what still needs digests; returns the number of files. */
size_t vbag_plan_second_pass(struct vbag *b);
/* The final checks; the bag's exit status contribution. */
void vbag_finish(struct vbag *b);
/* One row of -F output: bag, kind, path, message. */
void vbag_row(const struct vbag *b, const char *kind, const char *path,
    const char *msg);
/* --profile: check the bag against it; each failure is a problem. */
void vbag_check_profile(struct vbag *b, const struct bag_profile *p);
/* --list: bag-info.txt's fields, then the payload with sizes and digests. */
void vbag_list(struct vbag *b);
/*
 * Normalise a path: valid UTF-8 to NFC.  Returns 0, or -1 if not UTF-8.
 */
int vbag_nfc(struct buf *out, const char *s, size_t len);

/* ---- fromdir.c, fromarchive.c ---- */
void verify_dir(struct vbag *b, const char *path);
void verify_archive(struct vbag *b, const char *path);

/* ---- hashfiles.c: digesting files of a directory in parallel ---- */
struct hashjob {
	struct vfile *f;
	char *src;
	unsigned mask;
	int error;		/* errno after a failure */
};
struct progress;
void hash_files(struct hashjob *jobs, size_t n, int threads,
    struct progress *pr);

/* ---- extract.c: writing a verified bag out safely ---- */
struct extractor;
/* Prepare DIR/base; NULL after a message (trouble). */
struct extractor *ex_begin(const char *dir, const char *base, int force);
int ex_mkdir(struct extractor *x, const char *rel);
/* Open a new file rel for writing; -1 after a message. */
int ex_create(struct extractor *x, const char *rel, int exec);
int ex_close(struct extractor *x, int fd, int64_t mtime);
/* Rename into place; 0, or -1 after a message. */
int ex_commit(struct extractor *x);
void ex_abort(struct extractor *x);
const char *ex_final(const struct extractor *x);

#endif
