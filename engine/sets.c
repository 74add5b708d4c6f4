#include "config.h"

#include "sets.h"

void rk_sets_init(size_t *parent, size_t n)
{
	for (size_t i = 0; i < n; i++)
		parent[i] = i;
}

size_t rk_sets_find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

void rk_sets_join(size_t *parent, size_t a, size_t b)
{
	a = rk_sets_find(parent, a);
	b = rk_sets_find(parent, b);
	/* The smaller root stays: it is the smallest member of both. */
	if (a < b)
		parent[b] = a;
	else
		parent[a] = b;
}
