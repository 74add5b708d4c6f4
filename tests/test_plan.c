/* The plan model (engine/plan.c): a duo's partners. */
#include "config.h"

#include "plan.h"
#include "suites.h"

START_TEST(test_duo_partners)
{
	struct rk_duo duo = { .a = 4, .b = 2, .c = -1 };
	struct rk_duo trio = { .a = 5, .b = 1, .c = 3 };
	int out[2];
	rk_duo_partners(&duo, 2, out);
	ck_assert_int_eq(out[0], 4);
	ck_assert_int_eq(out[1], -1);
	rk_duo_partners(&trio, 1, out);
	ck_assert_int_eq(out[0], 5);
	ck_assert_int_eq(out[1], 3);
	rk_duo_partners(&trio, 3, out);
	ck_assert_int_eq(out[0], 5);
	ck_assert_int_eq(out[1], 1);
	/* Not in it: no partners. */
	rk_duo_partners(&duo, 5, out);
	ck_assert_int_eq(out[0], -1);
	ck_assert_int_eq(out[1], -1);
}
END_TEST

Suite *suite_plan(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_duo_partners);
	suite_add_tcase(s, tc);
	return s;
}
