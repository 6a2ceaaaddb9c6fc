/* The one string hash of samling: hash tables, duplicate checks. */
#ifndef SAMLING_HASH_H
#define SAMLING_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * 64 bits of p[0..n) from seed (a random seed keeps hostile keys from
 * aiming at slots).  Eight bytes at a time, each word multiplied in and
 * folded, then MurmurHash3's finaliser: a byte at a time (FNV) made it a
 * chain of dependent multiplications as long as the key.
 */
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);

/*
 * The first 16 bytes of s[0..len) as two words, zeros after len, for
 * hash_words.  s[0..room) may be read (room >= len): with 16 bytes there,
 * they are loaded whole and masked, not copied a byte at a time.
 */
static inline void
hash_key_words(const char *s, size_t len, size_t room, uint64_t w[2])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (room >= 16) {
		memcpy(w, s, 16);
		if (len < 8) {
			w[0] &= ((uint64_t)1 << 8 * len) - 1;
			w[1] = 0;
		} else if (len < 16)
			w[1] &= ((uint64_t)1 << 8 * (len - 8)) - 1;
		return;
	}
#endif
	w[0] = w[1] = 0;
	memcpy(w, s, len < 16 ? len : 16);
}

/*
 * The same for a key held as two words (its first 16 bytes, zeros after
 * its end) and its length, without a loop: for tables whose keys are
 * nearly all that short (words, feature names).
 */
static inline uint64_t
hash_words(uint64_t w0, uint64_t w1, size_t len, uint64_t seed)
{
	uint64_t h = (w0 ^ seed) * 0x9E3779B97F4A7C15ULL ^
	    (w1 + len) * 0xC2B2AE3D27D4EB4FULL;

	h ^= h >> 32;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ h >> 29;
}

#endif
