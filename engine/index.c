/* index.c - an open-addressed table of item numbers (index.h). */
#include "config.h"

#include "index.h"

#include <stdlib.h>
#include <string.h>

/* The first empty place on @hash's probe path. */
static size_t empty_place(const struct rk_index *ix, uint64_t hash)
{
	size_t mask = ix->size - 1, at = (size_t)hash & mask;
	while (ix->slots[at])
		at = (at + 1) & mask;
	return at;
}

size_t rk_index_find(const struct rk_index *ix, const struct rk_index_keys *k,
		     uint64_t hash, const void *key)
{
	if (!ix->size)
		return SIZE_MAX;
	size_t mask = ix->size - 1;
	for (size_t at = (size_t)hash & mask; ix->slots[at];
	     at = (at + 1) & mask)
		if (k->is(k->data, ix->slots[at] - 1, key))
			return ix->slots[at] - 1;
	return SIZE_MAX;
}

/* Doubles the table and files every item again. */
static enum rk_status grow(struct rk_index *ix, const struct rk_index_keys *k)
{
	size_t size = ix->size ? 2 * ix->size : 64;
	size_t *slots = calloc(size, sizeof(*slots));
	if (!slots)
		return RK_ERR_NOMEM;
	free(ix->slots);
	ix->slots = slots;
	ix->size = size;
	for (size_t i = 0; i < ix->n; i++)
		ix->slots[empty_place(ix, k->hash(k->data, i))] = i + 1;
	return RK_OK;
}

enum rk_status rk_index_add(struct rk_index *ix, const struct rk_index_keys *k,
			    uint64_t hash)
{
	if (2 * (ix->n + 1) > ix->size && grow(ix, k) != RK_OK)
		return RK_ERR_NOMEM;
	ix->slots[empty_place(ix, hash)] = ++ix->n;
	return RK_OK;
}

void rk_index_release(struct rk_index *ix)
{
	free(ix->slots);
	memset(ix, 0, sizeof(*ix));
}
