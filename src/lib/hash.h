/* The one string hash of samling: hash tables, duplicate checks. */
#ifndef SAMLING_HASH_H
#define SAMLING_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * 64 bits of p[0..n) from seed (a random seed keeps hostile keys from
 * aiming at slots).  Eight bytes at a time, each word multiplied in and
 * folded, then MurmurHash3's finaliser: a byte at a time (FNV) made it a
 * chain of dependent multiplications as long as the key.
 */
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);

#endif
