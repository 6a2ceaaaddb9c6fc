/* The one string hash of samling (see hash.h). */
#include <stdint.h>
#include <string.h>

#include "hash.h"

uint64_t
hash_bytes(const void *data, size_t n, uint64_t seed)
{
	const char *p = data;
	uint64_t h = (0x9E3779B97F4A7C15ull ^ seed) ^ (n * 0xC2B2AE3D27D4EB4Full);
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, p, n);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	}
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 33;
	return h;
}
