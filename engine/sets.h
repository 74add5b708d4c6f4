/* sets.h - disjoint sets of indices (union-find), for the pieces that
 * fall apart: a model's independent parts (mip.c), teams linked by a
 * shared member (parallel.c). Each set is known by its smallest member, so
 * that sets numbered by it come out the same on every run. */
#ifndef RK_SETS_H
#define RK_SETS_H

#include <stddef.h>

/* @parent[i] = i for each of the @n indices: every one a set of its own. */
void rk_sets_init(size_t *parent, size_t n);

/* The smallest member of the set that holds @x (shortening the way there
 * as it goes). */
size_t rk_sets_find(size_t *parent, size_t x);

/* Joins the sets of @a and @b. */
void rk_sets_join(size_t *parent, size_t a, size_t b);

#endif
