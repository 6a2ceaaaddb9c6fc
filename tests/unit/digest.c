/* Unit tests of src/lib/digest.c: known answers, several at once. */
#include <stdio.h>
#include <string.h>

#include "digest.h"

static int failures;

static void
check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL: %s\n", what);
		failures++;
	}
}

static void
hex_of(unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE], int alg, char *out)
{
	digest_hex(md[alg], digest_alg_size(alg), out);
}

int
main(void)
{
	unsigned mask = DIGEST_BIT(DIGEST_MD5) | DIGEST_BIT(DIGEST_SHA1) |
	    DIGEST_BIT(DIGEST_SHA256) | DIGEST_BIT(DIGEST_SHA512);
	struct digest_set *d = digest_set_new(mask);
	unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE], bin[32];
	char hex[2 * DIGEST_MAXSIZE + 1];

	check(digest_alg_lookup("SHA256", 6) == DIGEST_SHA256, "lookup");
	check(digest_alg_lookup("sha3-256", 8) == DIGEST_SHA3_256, "sha3");
	check(digest_alg_lookup("blake9", 6) < 0, "unknown");
	if (d == NULL)
		return 1;
	/* "abc" in two pieces: the FIPS 180 and RFC 1321 examples. */
	digest_set_update(d, "a", 1);
	digest_set_update(d, "bc", 2);
	check(digest_set_final(d, md) == 0, "final");
	hex_of(md, DIGEST_MD5, hex);
	check(strcmp(hex, "900150983cd24fb0d6963f7d28e17f72") == 0, "md5");
	hex_of(md, DIGEST_SHA1, hex);
	check(strcmp(hex, "a9993e364706816aba3e25717850c26c9cd0d89d") == 0,
	    "sha1");
	hex_of(md, DIGEST_SHA256, hex);
	check(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb"
	    "410ff61f20015ad") == 0, "sha256");
	hex_of(md, DIGEST_SHA512, hex);
	check(strncmp(hex, "ddaf35a193617abacc417349ae204131", 32) == 0,
	    "sha512");
	/* Reset: the empty string. */
	digest_set_reset(d);
	digest_set_final(d, md);
	hex_of(md, DIGEST_SHA256, hex);
	check(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca"
	    "495991b7852b855") == 0, "reset, empty");
	check(digest_unhex(hex, strlen(hex), bin, 32) == 0 &&
	    memcmp(bin, md[DIGEST_SHA256], 32) == 0, "unhex");
	hex[3] = 'G';
	check(digest_unhex(hex, strlen(hex), bin, 32) != 0, "bad hex");
	check(digest_unhex("ABCD", 4, bin, 2) == 0 && bin[0] == 0xab,
	    "upper case hex");
	digest_set_free(d);
	return failures ? 1 : 0;
}
