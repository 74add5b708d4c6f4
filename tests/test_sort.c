/* Orderings (engine/sort.c). */
#include "config.h"

#include <limits.h>

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

Suite *suite_sort(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sort_ints);
	suite_add_tcase(s, tc);
	return s;
}
