/* Several message digests over one stream, through OpenSSL EVP. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <openssl/evp.h>

#include "digest.h"
#include "err.h"
#include "xalloc.h"

static const struct {
	const char *name;	/* as in manifest-NAME.txt */
	const char *evp;	/* OpenSSL's name */
	size_t size;
} algs[DIGEST_NALG] = {
	{ "md5", "MD5", 16 },
	{ "sha1", "SHA1", 20 },
	{ "sha224", "SHA224", 28 },
	{ "sha256", "SHA256", 32 },
	{ "sha384", "SHA384", 48 },
	{ "sha512", "SHA512", 64 },
	{ "sha3-256", "SHA3-256", 32 },
	{ "sha3-512", "SHA3-512", 64 },
};

struct digest_set {
	unsigned mask;
	EVP_MD *md[DIGEST_NALG];	/* fetched once per set, not per file */
	EVP_MD_CTX *ctx[DIGEST_NALG];
	int failed;
};

int
digest_alg_lookup(const char *name, size_t len)
{
	int i;

	for (i = 0; i < DIGEST_NALG; i++)
		if (strlen(algs[i].name) == len &&
		    strncasecmp(algs[i].name, name, len) == 0)
			return i;
	return -1;
}

const char *
digest_alg_name(int alg)
{
	return algs[alg].name;
}

size_t
digest_alg_size(int alg)
{
	return algs[alg].size;
}

struct digest_set *
digest_set_new(unsigned mask)
{
	struct digest_set *d = xcalloc(1, sizeof *d);
	int i;

	d->mask = mask;
	for (i = 0; i < DIGEST_NALG; i++) {
		if (!(mask & DIGEST_BIT(i)))
			continue;
		d->md[i] = EVP_MD_fetch(NULL, algs[i].evp, NULL);
		d->ctx[i] = EVP_MD_CTX_new();
		if (d->md[i] == NULL || d->ctx[i] == NULL) {
			warnmsg("%s: digest not available", algs[i].name);
			digest_set_free(d);
			return NULL;
		}
	}
	digest_set_reset(d);
	return d;
}

unsigned
digest_set_mask(const struct digest_set *d)
{
	return d->mask;
}

void
digest_set_reset(struct digest_set *d)
{
	int i;

	d->failed = 0;
	for (i = 0; i < DIGEST_NALG; i++)
		if (d->ctx[i] != NULL &&
		    EVP_DigestInit_ex(d->ctx[i], d->md[i], NULL) != 1)
			d->failed = 1;
}

void
digest_set_update(struct digest_set *d, const void *p, size_t n)
{
	int i;

	for (i = 0; i < DIGEST_NALG; i++)
		if (d->ctx[i] != NULL &&
		    EVP_DigestUpdate(d->ctx[i], p, n) != 1)
			d->failed = 1;
}

int
digest_set_final(struct digest_set *d,
    unsigned char out[DIGEST_NALG][DIGEST_MAXSIZE])
{
	int i;

	for (i = 0; i < DIGEST_NALG; i++)
		if (d->ctx[i] != NULL &&
		    EVP_DigestFinal_ex(d->ctx[i], out[i], NULL) != 1)
			d->failed = 1;
	return d->failed ? -1 : 0;
}

void
digest_set_free(struct digest_set *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < DIGEST_NALG; i++) {
		EVP_MD_CTX_free(d->ctx[i]);
		EVP_MD_free(d->md[i]);
	}
	free(d);
}

void
digest_hex(const unsigned char *md, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
digest_unhex(const char *hex, size_t len, unsigned char *md, size_t n)
{
	size_t i;

	if (len != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = hexval((unsigned char)hex[2 * i]);
		int lo = hexval((unsigned char)hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		md[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}
