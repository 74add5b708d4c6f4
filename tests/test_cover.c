/* Cover capacity for lesbezoek (engine/cover.c) on schools that can be
 * checked by hand (tests/data/cover/): a primary school whose four
 * teachers teach every block of every day, with and without an
 * onderwijsassistent under cover:, and a team of 40 that must not lose
 * anyone from duo planning. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "planner.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

static struct rk_test_planned plan_school(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/cover/%s", name);
	struct rk_plan_options options = { 0 };
	return rk_test_plan(rel, &options);
}

static int person(const struct rk_test_planned *r, const char *id)
{
	int p = rk_school_find_person(r->school, id);
	ck_assert_int_ge(p, 0);
	return p;
}

static int with_role(const struct rk_event *ev, enum rk_part_role role,
		     size_t *n)
{
	int who = -1;
	*n = 0;
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].role == role) {
			who = ev->parts[i].person;
			(*n)++;
		}
	return who;
}

static bool teaches(const struct rk_test_planned *r, int p, int date, int start,
		    int end)
{
	for (size_t i = 0; i < rk_school_n_lesson(r->school); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(r->school, i);
		if (l->person.index == p &&
		    l->weekday == rk_date_weekday(date) && l->start < end &&
		    start < l->end)
			return true;
	}
	return false;
}

/* Whether @p takes part in an event other than @ev that overlaps it. */
static bool elsewhere(const struct rk_test_planned *r,
		      const struct rk_event *ev, int p)
{
	for (size_t i = 0; i < rk_plan_n_events(r->plan); i++) {
		const struct rk_event *o = rk_plan_event(r->plan, i);
		if (o == ev || o->date != ev->date || o->kind == RK_EV_METING)
			continue;
		bool all_day = o->start < 0;
		if (!all_day && (o->end <= ev->start || ev->end <= o->start))
			continue;
		for (size_t k = 0; k < o->n_parts; k++)
			if (o->parts[k].person == p)
				return true;
	}
	return false;
}

/* Every lesbezoek (the visitor always teaches then) has exactly one cover
 * participant: the onderwijsassistent, on one of their cover days
 * (dinsdag, donderdag), free, at most twice a week. */
START_TEST(test_po_cover_plans)
{
	struct rk_test_planned r = plan_school("po.yaml");
	ck_assert_int_eq(r.status, RK_OK);
	int oa = person(&r, "OA");
	int per_week[60] = { 0 };
	size_t n_lb = 0;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		if (ev->kind != RK_EV_LB)
			continue;
		n_lb++;
		size_t n_visitors, n_covers;
		int visitor = with_role(ev, RK_PART_VISITOR, &n_visitors);
		int cover = with_role(ev, RK_PART_COVER, &n_covers);
		ck_assert_uint_eq(n_visitors, 1);
		ck_assert(teaches(&r, visitor, ev->date, ev->start, ev->end));
		ck_assert_msg(n_covers == 1, "%s: %zu cover people", ev->id,
			      n_covers);
		ck_assert_int_eq(cover, oa);
		int wd = rk_date_weekday(ev->date);
		ck_assert_msg(wd == 1 || wd == 3, "%s on weekday %d", ev->id,
			      wd);
		ck_assert(!teaches(&r, oa, ev->date, ev->start, ev->end));
		ck_assert_msg(!elsewhere(&r, ev, oa), "%s: OA is busy", ev->id);
		int week = rk_schoolyear_day(r.year, ev->date)->week;
		ck_assert_int_lt(week, 60);
		ck_assert_int_le(++per_week[week], 2);
	}
	/* Two duos, two rounds, in each of the year's periods. */
	ck_assert_uint_ge(n_lb, 4 * rk_plan_n_periods(r.plan));
	ck_assert_uint_gt(rk_plan_n_periods(r.plan), 0);
	rk_test_planned_free(&r);
}
END_TEST

/* Without cover capacity the same school cannot plan a lesbezoek, and
 * the planner says what would fix it. */
START_TEST(test_po_without_cover_explains)
{
	struct rk_test_planned r = plan_school("po-nocover.yaml");
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_msg(
		strstr(text,
		       "error: Team Bovenbouw, from period 1: Esther Postma cannot visit a lesson of Bart Dijkstra: Bart Dijkstra never teaches while Esther Postma is free, and no other split of the team into duos avoids this. To fix it, free one of these lesuren for Esther Postma: ma 1e uur (groep 5) (to sit in ma 1e uur (groep 6)); ma 2e uur (groep 5) (to sit in ma 2e uur (groep 6)); ma 3e uur (groep 5) (to sit in ma 3e uur (groep 6)); di 1e uur (groep 5) (to sit in di 1e uur (groep 6)) (or one of 10 more). Or: add cover capacity (cover:) or free a lesuur for Esther Postma\n") !=
			NULL,
		"%s", text);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* Cover capacity that never helps (the onderwijsassistent would cover on
 * Fridays but works on Mondays only) is not counted as a chance; the
 * explanation says so, and the fix. */
START_TEST(test_po_unusable_cover_explains)
{
	struct rk_test_planned r = plan_school("po-cover-unusable.yaml");
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_msg(
		strstr(text,
		       "error: Team Bovenbouw, from period 1: Esther Postma cannot visit a lesson of Bart Dijkstra: Bart Dijkstra never teaches while Esther Postma is free, and no other split of the team into duos avoids this. To fix it, free one of these lesuren for Esther Postma: ma 1e uur (groep 5) (to sit in ma 1e uur (groep 6)); ma 2e uur (groep 5) (to sit in ma 2e uur (groep 6)); ma 3e uur (groep 5) (to sit in ma 3e uur (groep 6)); di 1e uur (groep 5) (to sit in di 1e uur (groep 6)) (or one of 10 more). Or: nobody under cover: can take the group of Esther Postma then; add cover capacity (cover:) or free a lesuur for Esther Postma\n") !=
			NULL,
		"%s", text);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* A team of 40: everyone is in exactly one duo (or the trio) of every
 * period (duos.c once dropped every member after the 32nd). */
START_TEST(test_team_of_40_all_in_duos)
{
	struct rk_test_planned r = plan_school("team40.yaml");
	ck_assert_int_eq(r.status, RK_OK);
	ck_assert_uint_gt(rk_plan_n_periods(r.plan), 0);
	for (size_t p = 0; p < rk_plan_n_periods(r.plan); p++) {
		int number = rk_plan_period(r.plan, p)->number;
		int times[41] = { 0 };
		for (size_t i = 0; i < rk_plan_n_duos(r.plan); i++) {
			const struct rk_duo *d = rk_plan_duo(r.plan, i);
			if (d->period != number)
				continue;
			int m[3] = { d->a, d->b, d->c };
			for (int k = 0; k < 3; k++)
				if (m[k] >= 0) {
					const char *id =
						rk_school_get_person(
							r.school, (size_t)m[k])
							->id;
					ck_assert_int_eq(id[0], 'T');
					times[strtol(id + 1, NULL, 10)]++;
				}
		}
		for (int t = 1; t <= 40; t++)
			ck_assert_msg(times[t] == 1,
				      "period %d: T%02d is in %d duos", number,
				      t, times[t]);
	}
	struct rk_diags *d = rk_diags_new();
	ck_assert_int_eq(rk_verify(r.school, r.year, r.plan, "plan.tsv", d),
			 RK_OK);
	rk_diags_free(d);
	rk_test_planned_free(&r);
}
END_TEST

Suite *suite_cover(void)
{
	Suite *s = suite_create("cover");
	TCase *tc = tcase_create("cover");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_po_cover_plans);
	tcase_add_test(tc, test_po_without_cover_explains);
	tcase_add_test(tc, test_po_unusable_cover_explains);
	tcase_add_test(tc, test_team_of_40_all_in_duos);
	suite_add_tcase(s, tc);
	return s;
}
