/* index.h - where an item is, by its key: an open-addressed table of item
 * numbers beside a vec of items (sessions.c's written rows, push_state.c's
 * entries), linear probing, doubled once half full. The owner keeps the
 * items and their keys; the index asks it for an item's hash and whether
 * an item has a key. Items are numbered 0, 1, 2 ... in the order they are
 * filed. */
#ifndef RK_INDEX_H
#define RK_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct rk_index {
	size_t *slots; /* item + 1; 0 is an empty place */
	size_t size;   /* a power of two, or 0 */
	size_t n;      /* items filed */
};

/* What the index asks of its owner, about the owner's @data. */
struct rk_index_keys {
	const void *data;
	uint64_t (*hash)(const void *data, size_t item);
	bool (*is)(const void *data, size_t item, const void *key);
};

/* The item whose key is @key (hashing to @hash), or SIZE_MAX. */
size_t rk_index_find(const struct rk_index *ix, const struct rk_index_keys *k,
		     uint64_t hash, const void *key);
/* Files the next item (number ix->n), whose key hashes to @hash and is
 * not filed yet. */
enum rk_status rk_index_add(struct rk_index *ix, const struct rk_index_keys *k,
			    uint64_t hash);
void rk_index_release(struct rk_index *ix);

#endif
