/* hash.h - 64-bit FNV-1a, the one hash of ritmiek: a change detector (feeds,
 * push) and a hash-table key, not a defence against anyone. */
#ifndef RK_HASH_H
#define RK_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a 64-bit offset basis: the hash of no bytes. */
#define RK_FNV1A_BASIS 14695981039346656037ULL

/* @hash continued over @len bytes of @data, so that a key of several parts
 * is hashed without joining them first. */
uint64_t rk_fnv1a_add(uint64_t hash, const void *data, size_t len);
/* The hash of @len bytes of @data. */
uint64_t rk_fnv1a(const void *data, size_t len);

#endif
