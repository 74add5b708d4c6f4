/* sort.h - orderings the engine sorts plain values by. */
#ifndef RK_SORT_H
#define RK_SORT_H

#include <stddef.h>

/* Sorts the @n ints at @items ascending (person indices, dates). */
void rk_sort_ints(int *items, size_t n);

#endif
