/* The checks of a school against its school year: external dates on days
 * the school is closed, and what would make the planner fail. Schools are
 * read from tests/data/precheck/ and tests/data/planner/ by the loader. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "precheck.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

struct loaded {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_diags *diags;
};

/* Loads @rel; the diagnostics of loading are dropped, so that only the
 * precheck's own are compared. */
static struct loaded load(const char *rel)
{
	char *path = rk_test_path(rel);
	struct loaded l = { 0 };
	struct rk_diags *first = rk_diags_new();
	ck_assert_int_eq(rk_load_school(path, NULL, &l.school, first), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(l.school, &l.year, first), RK_OK);
	rk_diags_free(first);
	l.diags = rk_diags_new();
	free(path);
	return l;
}

static void unload(struct loaded *l)
{
	rk_schoolyear_free(l->year);
	rk_school_free(l->school);
	rk_diags_free(l->diags);
}

static void expect(const struct loaded *l, const char *text)
{
	char *got = rk_test_diags_text(l->diags);
	ck_assert_str_eq(got, text);
	free(got);
}

/* A forum in the voorjaarsvakantie of region noord, a webinar on
 * Koningsdag and a bedrijfsbezoek on a Saturday are errors at their date;
 * a forum on a studiedag and a bootcamp on a school day are fine. */
START_TEST(test_external_on_closed_days)
{
	struct loaded l = load("tests/data/precheck/external.yaml");
	ck_assert_int_eq(rk_precheck_dates(l.school, l.year, l.diags),
			 RK_ERR_INPUT);
	expect(&l,
	       "tests/data/precheck/external.yaml:28:11: error: forum 'forum II' on 2027-02-22 falls in the voorjaarsvakantie (noord), when the school is closed\n"
	       "tests/data/precheck/external.yaml:30:51: error: webinar 'Webinar feedback' on 2027-04-27 falls on Koningsdag, a public holiday, when the school is closed\n"
	       "tests/data/precheck/external.yaml:31:48: error: bedrijfsbezoek 'Bezoek' on 2026-10-03 falls on a zaterdag, when the school is closed\n");
	unload(&l);
}
END_TEST

/* The same dates are fine in a school of region zuid, whose
 * voorjaarsvakantie is earlier: only Koningsdag and Saturday remain. */
START_TEST(test_external_region)
{
	struct loaded l = load("tests/data/precheck/external.yaml");
	rk_school_info(l.school)->region = RK_REGION_ZUID;
	rk_schoolyear_free(l.year);
	l.year = NULL;
	ck_assert_int_eq(rk_schoolyear_new(l.school, &l.year, l.diags), RK_OK);
	ck_assert_int_eq(rk_precheck_dates(l.school, l.year, l.diags),
			 RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_errors(l.diags), 2);
	char *got = rk_test_diags_text(l.diags);
	ck_assert_ptr_null(strstr(got, "voorjaarsvakantie"));
	free(got);
	unload(&l);
}
END_TEST

/* A leerKRACHT-team without members is an error for check and plan, at
 * its key, with members proposed: the schoolleider SL and Alpha's
 * schoolcoach T3. */
START_TEST(test_lkteam_empty)
{
	struct loaded l = load("tests/data/planner/two-block.yaml");
	rk_school_lkteam(l.school)->n_members = 0;
	ck_assert_int_eq(rk_precheck_dates(l.school, l.year, l.diags),
			 RK_ERR_INPUT);
	expect(&l,
	       "tests/data/planner/two-block.yaml:37:3: error: the leerKRACHT-team has no members: list the schoolleiding and 1 to 3 schoolcoaches under leerkracht_team, e.g. 'members: [SL, T3]' (the schoolleider and the teams' schoolcoaches); without them the startfase and the leerKRACHT-team's weekly meeting cannot be planned\n");
	unload(&l);
}
END_TEST

START_TEST(test_predict_no_moment)
{
	struct loaded l = load("tests/data/planner/no-moment.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	/* The lesson's file is named as the loader was given it. */
	char *got = rk_test_diags_text(l.diags);
	const char *want =
		"tests/data/planner/no-moment.yaml:29:5: warning: team 'alpha' has no common free 30-minute moment in the week (all 6 members at work and free, every week, inside the windows), so plan will fail; closest is dinsdag 08:00, blocked by Anna Bakker every week (lesson 08:00-09:00 1A, ";
	ck_assert_msg(strstr(got, want) == got, "%s", got);
	ck_assert_ptr_nonnull(strstr(got, "rooster-full.csv:2)\n"));
	ck_assert_uint_eq(rk_diags_count(l.diags), 1);
	free(got);
	unload(&l);
}
END_TEST

/* A window shorter than the bordsessie leaves no moment: the warning says
 * that of the window (its start is a start time of the grid, so "no start
 * time inside the windows" was wrong), and the duo warning blames the
 * windows, which alone keep the duos apart. */
START_TEST(test_predict_window_too_short)
{
	struct loaded l = load("tests/data/planner/one-moment.yaml");
	struct rk_settings *st = rk_school_settings(l.school);
	struct rk_window *w = rk_school_alloc(l.school, 1, sizeof(*w));
	*w = (struct rk_window){ 0x1fu, 8 * 60, 8 * 60 + 20, 0, { 0 } };
	st->windows = w;
	st->n_windows = 1;
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	char *got = rk_test_diags_text(l.diags);
	ck_assert_msg(
		strstr(got,
		       "tests/data/planner/one-moment.yaml:29:5: warning: team 'alpha' has no 30-minute moment for its weekly session: no window (ritmiek.windows) on a school day is 30 minutes long\n") ==
			got,
		"%s", got);
	ck_assert_msg(
		strstr(got,
		       "\nwarning: the windows for gezamenlijk-lesontwerp and feedbackgesprek leave too little time in which teammates who can visit each other's lessons are free together: 1 team cannot be split into duos, though they could without these windows; for example: 'alpha'\n"),
		"%s", got);
	free(got);
	unload(&l);
}
END_TEST

/* The school whose one common moment is dinsdag 13:00 gets no warning;
 * a window that leaves it out does. */
START_TEST(test_predict_window)
{
	struct loaded l = load("tests/data/planner/one-moment.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l, "");
	struct rk_settings *st = rk_school_settings(l.school);
	struct rk_window *w = rk_school_alloc(l.school, 1, sizeof(*w));
	*w = (struct rk_window){ 1u << 1, 14 * 60, 17 * 60, 0, { 0 } };
	st->windows = w;
	st->n_windows = 1;
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	char *got = rk_test_diags_text(l.diags);
	ck_assert_msg(
		strstr(got,
		       "tests/data/planner/one-moment.yaml:29:5: warning: team 'alpha' has no common free 30-minute moment in the week") ==
			got,
		"%s", got);
	free(got);
	unload(&l);
}
END_TEST

/* The lesontwerp's window (Monday 08:00-09:00) keeps every duo of Alpha
 * apart, though they meet outside it: one warning at the window, not
 * one per team listing every member. */
START_TEST(test_predict_windows_keep_duos_apart)
{
	struct loaded l = load("tests/data/planner/gl-window.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l,
	       "tests/data/planner/gl-window.yaml:45:7: warning: the windows for gezamenlijk-lesontwerp leave too little time in which teammates who can visit each other's lessons are free together: 1 team cannot be split into duos, though they could without these windows; for example: 'alpha'\n");
	unload(&l);
}
END_TEST

START_TEST(test_predict_no_visit)
{
	struct loaded l = load("tests/data/planner/no-visit.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l,
	       "tests/data/planner/no-visit.yaml:27:15: warning: T1 (Anna Bakker) of team 'alpha' can make no lesbezoek: no teammate teaches on a day T1 works\n");
	unload(&l);
}
END_TEST

/* In a primary school the hint is cover capacity; with a cover person
 * who is free then, the lesbezoek is possible and nothing is said. */
START_TEST(test_predict_no_visit_po)
{
	struct loaded l = load("tests/data/precheck/po-no-visit.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l,
	       "tests/data/precheck/po-no-visit.yaml:28:15: warning: T1 (Anna Bakker) of team 'alpha' has no free lesuur in which a teammate teaches, so no lesbezoek is possible without cover; list cover capacity (cover: in the school file) for the days its teachers teach\n"
	       "tests/data/precheck/po-no-visit.yaml:28:19: warning: T2 (Bram de Boer) of team 'alpha' has no free lesuur in which a teammate teaches, so no lesbezoek is possible without cover; list cover capacity (cover: in the school file) for the days its teachers teach\n");
	rk_diags_free(l.diags);
	l.diags = rk_diags_new();
	struct rk_cover *cv = rk_school_add_cover(l.school);
	cv->person = (struct rk_ref){ "SL",
				      { 0 },
				      rk_school_find_person(l.school, "SL") };
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l, "");
	unload(&l);
}
END_TEST

/* The duo's only common free time is the team's only possible
 * bordsessie: the split fails on gezamenlijk lesontwerp, as plan does. */
START_TEST(test_predict_duo_day)
{
	struct loaded l = load("tests/data/precheck/duo-day.yaml");
	ck_assert_int_eq(rk_precheck_predict(l.school, l.year, l.diags), RK_OK);
	expect(&l,
	       "tests/data/precheck/duo-day.yaml:23:5: warning: team 'alpha' cannot be split into duos who can visit each other's lessons (with a feedbackgesprek after) and have 45 minutes free together: Anna Bakker has no free time inside the windows together with a teammate who can visit them both ways outside the bordsessie (woensdag 12:15), Bram de Boer has no free time inside the windows together with a teammate who can visit them both ways outside the bordsessie (woensdag 12:15)\n");
	unload(&l);
}
END_TEST

Suite *suite_precheck(void)
{
	Suite *s = suite_create("precheck");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_external_on_closed_days);
	tcase_add_test(tc, test_external_region);
	tcase_add_test(tc, test_lkteam_empty);
	tcase_add_test(tc, test_predict_no_moment);
	tcase_add_test(tc, test_predict_window);
	tcase_add_test(tc, test_predict_window_too_short);
	tcase_add_test(tc, test_predict_windows_keep_duos_apart);
	tcase_add_test(tc, test_predict_no_visit);
	tcase_add_test(tc, test_predict_no_visit_po);
	tcase_add_test(tc, test_predict_duo_day);
	suite_add_tcase(s, tc);
	return s;
}
