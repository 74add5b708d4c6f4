#include "config.h"

#include "sort.h"

#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void rk_sort_ints(int *items, size_t n)
{
	qsort(items, n, sizeof(*items), cmp_int);
}
