#include "config.h"

#include "hash.h"

uint64_t rk_fnv1a_add(uint64_t hash, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		hash ^= p[i];
		hash *= 0x100000001b3ULL;
	}
	return hash;
}

uint64_t rk_fnv1a(const void *data, size_t len)
{
	return rk_fnv1a_add(RK_FNV1A_BASIS, data, len);
}
