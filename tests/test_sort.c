/* Orderings (engine/sort.c) and disjoint sets (engine/sets.c). */
#include "config.h"

#include <limits.h>

#include "sets.h"
#include "sort.h"
#include "suites.h"

/* Ascending, also at the ends of int (a subtraction would overflow). */
START_TEST(test_sort_ints)
{
	int v[] = { 3, INT_MIN, 7, -1, INT_MAX, 3, 0 };
	static const int want[] = { INT_MIN, -1, 0, 3, 3, 7, INT_MAX };
	rk_sort_ints(v, sizeof(v) / sizeof(v[0]));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ck_assert_int_eq(v[i], want[i]);
	rk_sort_ints(v, 0);
}
END_TEST

/* Joined in any order, a set is known by its smallest member; sets never
 * joined stay apart. */
START_TEST(test_sets_smallest_member)
{
	size_t parent[8];
	rk_sets_init(parent, 8);
	rk_sets_join(parent, 6, 3);
	rk_sets_join(parent, 7, 6);
	rk_sets_join(parent, 5, 1);
	rk_sets_join(parent, 3, 5);
	rk_sets_join(parent, 3, 7); /* already one set */
	static const size_t want[] = { 0, 1, 2, 1, 4, 1, 1, 1 };
	for (size_t i = 0; i < 8; i++)
		ck_assert_uint_eq(rk_sets_find(parent, i), want[i]);
}
END_TEST

Suite *suite_sort(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sort_ints);
	tcase_add_test(tc, test_sets_smallest_member);
	suite_add_tcase(s, tc);
	return s;
}
