/* String-keyed hash map with linear probing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "hash.h"
#include "strmap.h"
#include "xalloc.h"

struct slot {
	char *key;
	void *value;
	uint64_t hash;
};

struct strmap {
	uint64_t seed;		/* random, so hostile keys cannot aim at slots */
	struct slot *slots;
	size_t cap;		/* a power of two */
	size_t count;
};

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);

	if (getrandom(&m->seed, sizeof m->seed, 0) != sizeof m->seed)
		m->seed = (uint64_t)(uintptr_t)m;
	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

static uint64_t
hash_key(const struct strmap *m, const char *s)
{
	return hash_bytes(s, strlen(s), m->seed);
}

static struct slot *
find_n(const struct strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key != NULL) {
		if (m->slots[i].hash == h &&
		    memcmp(m->slots[i].key, key, n) == 0 &&
		    m->slots[i].key[n] == '\0')
			break;
		i = (i + 1) & (m->cap - 1);
	}
	return &m->slots[i];
}

static struct slot *
find(const struct strmap *m, const char *key, uint64_t h)
{
	return find_n(m, key, strlen(key), h);
}

static void
grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	return find(m, key, hash_key(m, key))->value;
}

void *
strmap_getn(const struct strmap *m, const char *key, size_t n)
{
	return find_n(m, key, n, hash_bytes(key, n, m->seed))->value;
}

const char *
strmap_put(struct strmap *m, const char *key, void *value)
{
	uint64_t h = hash_key(m, key);
	struct slot *s;

	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	s = find(m, key, h);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		s->hash = h;
		m->count++;
	}
	s->value = value;
	return s->key;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->count;
}

int
strmap_next(const struct strmap *m, size_t *pos, const char **key,
    void **value)
{
	while (*pos < m->cap) {
		struct slot *s = &m->slots[(*pos)++];

		if (s->key != NULL) {
			*key = s->key;
			*value = s->value;
			return 1;
		}
	}
	return 0;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}
