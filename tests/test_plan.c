/* The plan model (engine/plan.c): a duo's partners; the events grouped by
 * team and by person (engine/event_groups.c). */
#include "config.h"

#include "event_groups.h"
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

/* Each group in the plan's order; a person twice in one event gets it
 * once; teams and people out of range, and team -1, are in no group. */
START_TEST(test_event_groups)
{
	static const struct {
		int team;
		int people[3];
	} evs[] = { { 1, { 2, 0, -1 } },
		    { -1, { 0, 0, -1 } },
		    { 1, { 7, 2, -1 } },
		    { 0, { 2, -1, -1 } },
		    { 5, { 1, -1, -1 } } };
	struct rk_plan *plan = rk_plan_new();
	ck_assert_ptr_nonnull(plan);
	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		struct rk_event *ev = rk_plan_add_event(plan);
		ck_assert_ptr_nonnull(ev);
		ev->team = evs[i].team;
		for (size_t k = 0; k < 3 && evs[i].people[k] >= 0; k++)
			ck_assert_int_ge(rk_event_add_part(plan, ev,
							   evs[i].people[k],
							   RK_PART_ATTENDEE),
					 0);
	}
	struct rk_event_groups g;
	size_t n;
	const size_t *ix;
	ck_assert_int_eq(rk_event_groups_by_team(plan, 2, &g), RK_OK);
	ix = rk_event_groups_of(&g, 0, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ix[0], 3);
	ix = rk_event_groups_of(&g, 1, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert(ix[0] == 0 && ix[1] == 2);
	rk_event_groups_of(&g, 2, &n);
	ck_assert_uint_eq(n, 0);
	rk_event_groups_release(&g);

	ck_assert_int_eq(rk_event_groups_by_person(plan, 3, &g), RK_OK);
	ix = rk_event_groups_of(&g, 0, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert(ix[0] == 0 && ix[1] == 1);
	ix = rk_event_groups_of(&g, 1, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ix[0], 4);
	ix = rk_event_groups_of(&g, 2, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert(ix[0] == 0 && ix[1] == 2 && ix[2] == 3);
	rk_event_groups_release(&g);
	rk_plan_free(plan);
}
END_TEST

Suite *suite_plan(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_duo_partners);
	tcase_add_test(tc, test_event_groups);
	suite_add_tcase(s, tc);
	return s;
}
