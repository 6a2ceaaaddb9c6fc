/*
 * Message digests through OpenSSL's EVP interface, which uses the CPU's
 * SHA extensions where it has them.  A digest set hashes one stream with
 * several algorithms at once, so a file is read only once.
 *
 * Algorithms are numbered by a fixed table (md5, sha1, sha224, sha256,
 * sha384, sha512, sha3-256, sha3-512, the names RFC 8493 manifests use);
 * a set is a bit mask over those numbers.
 */
#ifndef SAMLING_DIGEST_H
#define SAMLING_DIGEST_H

#include <stddef.h>

enum { DIGEST_NALG = 8, DIGEST_MAXSIZE = 64 };

enum {
	DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA224, DIGEST_SHA256,
	DIGEST_SHA384, DIGEST_SHA512, DIGEST_SHA3_256, DIGEST_SHA3_512
};

#define DIGEST_BIT(alg) (1u << (alg))

/* Algorithm number of a name ("sha256", case-insensitive); -1 if unknown. */
int digest_alg_lookup(const char *name, size_t len);
const char *digest_alg_name(int alg);		/* "sha256" */
size_t digest_alg_size(int alg);		/* bytes of the digest */

struct digest_set;

/* A set hashing with every algorithm in mask; NULL (message) on failure. */
struct digest_set *digest_set_new(unsigned mask);
unsigned digest_set_mask(const struct digest_set *d);
/* Start a new stream (also after digest_set_final). */
void digest_set_reset(struct digest_set *d);
void digest_set_update(struct digest_set *d, const void *p, size_t n);
/* Finish; out[alg] receives each digest of the mask.  0 ok, -1 on error. */
int digest_set_final(struct digest_set *d,
    unsigned char out[DIGEST_NALG][DIGEST_MAXSIZE]);
void digest_set_free(struct digest_set *d);

/* Lower-case hex of md[0..n) into hex (2n+1 bytes). */
void digest_hex(const unsigned char *md, size_t n, char *hex);
/* Parse exactly 2n hex digits (either case); 0 ok, -1 if malformed. */
int digest_unhex(const char *hex, size_t len, unsigned char *md, size_t n);

#endif
