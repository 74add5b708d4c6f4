/* Fixed dates from outside the school in a plan: who goes to them, and the
 * lessons they take people from (summary.txt), on the constructed school
 * tests/data/precheck/forum.yaml: a forum on Tuesday 2026-10-06 from 08:00
 * to 10:00, when T1 and T2 teach; a bootcamp and a webinar outside lessons;
 * all three `for: all`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "plan_summary.h"
#include "planner.h"
#include "schoolyear.h"
#include "suites.h"
#include "support.h"
#include "testutil.h"

static struct rk_test_planned plan_forum(void)
{
	struct rk_plan_options options = { 0 };
	struct rk_test_planned r =
		rk_test_plan("tests/data/precheck/forum.yaml", &options);
	ck_assert_int_eq(r.status, RK_OK);
	return r;
}

static const struct rk_event *event_of(const struct rk_test_planned *r,
				       enum rk_event_kind kind)
{
	for (size_t i = 0; i < rk_plan_n_events(r->plan); i++)
		if (rk_plan_event(r->plan, i)->kind == kind)
			return rk_plan_event(r->plan, i);
	ck_abort_msg("no event of kind %s", rk_event_kind_name(kind));
	return NULL;
}

static bool attends(const struct rk_test_planned *r, const struct rk_event *ev,
		    const char *id)
{
	int person = rk_school_find_person(r->school, id);
	for (size_t p = 0; p < ev->n_parts; p++)
		if (ev->parts[p].person == person)
			return true;
	return false;
}

/* `for: all` is everyone of the school: the schoolleider and the
 * onderwijsassistent too; the expert coach only at the bootcamp. */
START_TEST(test_all_is_everyone)
{
	struct rk_test_planned r = plan_forum();
	const struct rk_event *bootcamp = event_of(&r, RK_EV_BOOTCAMP);
	const struct rk_event *forum = event_of(&r, RK_EV_FORUM);
	ck_assert_int_eq(bootcamp->date, rk_date_from_ymd(2026, 10, 8));
	ck_assert(attends(&r, bootcamp, "SL"));
	ck_assert(attends(&r, bootcamp, "OA"));
	ck_assert(attends(&r, bootcamp, "E1"));
	ck_assert(attends(&r, bootcamp, "T6"));
	ck_assert_uint_eq(bootcamp->n_parts, 9);
	ck_assert(attends(&r, forum, "SL"));
	ck_assert(attends(&r, forum, "OA"));
	ck_assert(!attends(&r, forum, "E1"));
	ck_assert_uint_eq(forum->n_parts, 8);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_cover_lessons)
{
	struct rk_test_planned r = plan_forum();
	struct rk_cover_lesson *list;
	size_t n;
	ck_assert_int_eq(
		rk_plan_cover_lessons(r.school, r.year, r.plan, &list, &n),
		RK_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(
		rk_school_get_person(r.school, (size_t)list[0].person)->id,
		"T1");
	ck_assert_int_eq(list[0].start, 8 * 60);
	ck_assert_str_eq(list[0].lesson->group, "1A");
	ck_assert_str_eq(
		rk_school_get_person(r.school, (size_t)list[1].person)->id,
		"T2");
	ck_assert_str_eq(list[1].lesson->room, "1.09");
	free(list);

	char path[] = "/tmp/ritmiek-summary-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(rk_plan_summary_write(r.school, r.year, r.plan, path),
			 RK_OK);
	char *text = rk_test_slurp(path);
	unlink(path);
	const char *want =
		"\nLessen die vervanging nodig hebben (externe data tijdens lessen): 2\n"
		"  2026-10-06  lesuur 1  08:00-09:00  T1       Anna Bakker              klas 1A     lokaal 1.08   forum I\n"
		"  2026-10-06  lesuur 2  09:00-10:00  T2       Bram de Boer             klas 2A     lokaal 1.09   forum I\n";
	ck_assert_msg(strstr(text, want) != NULL, "%s", text);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

Suite *suite_externals(void)
{
	Suite *s = suite_create("externals");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_all_is_everyone);
	tcase_add_test(tc, test_cover_lessons);
	suite_add_tcase(s, tc);
	return s;
}
