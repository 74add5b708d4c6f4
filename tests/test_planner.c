/* The planner on small schools whose optimum can be checked by hand (see
 * tests/data/planner/make-fixtures.py); every plan it makes is checked by
 * ritmiek verify's independent rules. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "loader.h"
#include "plan_file.h"
#include "planner.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

struct run {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	struct rk_diags *diags;
	enum rk_status status;
};

static struct run plan_school(const char *name, bool allow_violations)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/planner/%s", name);
	char *path = rk_test_path(rel);
	struct run r = { .diags = rk_diags_new() };
	ck_assert_int_eq(rk_load_school(path, NULL, &r.school, r.diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(r.school, &r.year, r.diags), RK_OK);
	struct rk_plan_options options = { 0, allow_violations, NULL, NULL };
	r.status = rk_planner_run(r.school, r.year, &options, &r.plan, r.diags);
	free(path);
	return r;
}

static void run_free(struct run *r)
{
	rk_plan_free(r->plan);
	rk_schoolyear_free(r->year);
	rk_school_free(r->school);
	rk_diags_free(r->diags);
}

/* ritmiek verify's rules hold for the plan. */
static void assert_verified(const struct run *r)
{
	struct rk_diags *d = rk_diags_new();
	enum rk_status status =
		rk_verify(r->school, r->year, r->plan, "plan.tsv", d);
	char *text = rk_test_diags_text(d);
	ck_assert_msg(status == RK_OK, "verify: %s", text);
	free(text);
	rk_diags_free(d);
}

static const char *pid(const struct run *r, int person)
{
	return rk_school_get_person(r->school, (size_t)person)->id;
}

START_TEST(test_one_common_moment)
{
	struct run r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	ck_assert_uint_eq(rk_plan_n_moments(r.plan), 2);
	const struct rk_moment *m = rk_plan_moment(r.plan, 0);
	/* The one moment all six are free: dinsdag 13:00-13:30. */
	ck_assert_int_eq(m->team, 0);
	ck_assert_int_eq(m->weekday, 1);
	ck_assert_int_eq(m->start, 13 * 60);
	ck_assert_int_eq(m->end, 13 * 60 + 30);
	/* The leerKRACHT-team (SL and T1) cannot meet then: T1 is in Alpha. */
	const struct rk_moment *lk = rk_plan_moment(r.plan, 1);
	ck_assert_int_eq(lk->team, -1);
	ck_assert(lk->weekday != 1 || lk->start >= 13 * 60 + 30 ||
		  lk->end <= 13 * 60);
	assert_verified(&r);
	run_free(&r);
}
END_TEST

START_TEST(test_duos_alike_then_new)
{
	struct run r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	/* Period 1: the subject pairs; later periods never repeat a pair
	 * (six people have 15 pairs: a round robin fits 5 periods). */
	const char *first[3][2] = { { "T1", "T2" },
				    { "T3", "T4" },
				    { "T5", "T6" } };
	bool seen[6][6] = { { false } };
	size_t in_period1 = 0;
	for (size_t i = 0; i < rk_plan_n_duos(r.plan); i++) {
		const struct rk_duo *d = rk_plan_duo(r.plan, i);
		ck_assert_int_eq(d->c, -1);
		int a = pid(&r, d->a)[1] - '1', b = pid(&r, d->b)[1] - '1';
		ck_assert_msg(!seen[a][b], "T%d and T%d twice", a + 1, b + 1);
		seen[a][b] = seen[b][a] = true;
		if (d->period != 1)
			continue;
		ck_assert_str_eq(pid(&r, d->a), first[in_period1][0]);
		ck_assert_str_eq(pid(&r, d->b), first[in_period1][1]);
		in_period1++;
	}
	ck_assert_uint_eq(in_period1, 3);
	ck_assert_uint_eq(rk_plan_n_duos(r.plan), 15);
	run_free(&r);
}
END_TEST

START_TEST(test_odd_team_has_one_trio)
{
	struct run r = plan_school("odd-team.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	for (size_t i = 0; i < rk_plan_n_periods(r.plan); i++) {
		int number = rk_plan_period(r.plan, i)->number;
		int units = 0, trios = 0, people = 0;
		for (size_t k = 0; k < rk_plan_n_duos(r.plan); k++) {
			const struct rk_duo *d = rk_plan_duo(r.plan, k);
			if (d->period != number)
				continue;
			units++;
			trios += d->c >= 0;
			people += d->c >= 0 ? 3 : 2;
		}
		ck_assert_int_eq(units, 2);
		ck_assert_int_eq(trios, 1);
		ck_assert_int_eq(people, 5);
	}
	assert_verified(&r);
	run_free(&r);
}
END_TEST

START_TEST(test_impossible_duo)
{
	struct run r = plan_school("no-visit.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_str_eq(
		text,
		"tests/data/planner/no-visit.yaml:25:5: warning: team 'alpha' has 2 members; 5 to 10 work best\n"
		"error: Team Alpha, from period 1: Anna Bakker cannot visit a lesson of Bram de Boer: Bram de Boer never teaches while Anna Bakker is free, and no other split of the team into duos avoids this\n");
	free(text);
	run_free(&r);
}
END_TEST

static const char *const no_moment_text =
	"error: Team Alpha: no 30-minute moment in the week when all 6 members are free; closest is dinsdag 08:00, blocked for Anna Bakker every week (lesson 08:00-09:00 1A, ";

START_TEST(test_no_moment_explained)
{
	struct run r = plan_school("no-moment.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_msg(strstr(text, no_moment_text) == text, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "rooster-full.csv:2)\n"));
	ck_assert_int_eq(rk_diags_errors(r.diags), 1);
	free(text);
	run_free(&r);
}
END_TEST

START_TEST(test_no_moment_with_violations)
{
	struct run r = plan_school("no-moment.yaml", true);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_nonnull(r.plan);
	const struct rk_moment *m = rk_plan_moment(r.plan, 0);
	ck_assert_int_eq(m->weekday, 1);
	ck_assert_int_eq(m->start, 8 * 60);
	/* Every bordsessie of Alpha at its moment is marked: Anna Bakker
	 * teaches then (one moved off a lost Tuesday need not be). */
	size_t bordsessies = 0;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		if (ev->kind != RK_EV_BORDSESSIE ||
		    strstr(ev->title, "(verplaatst van "))
			continue;
		bordsessies++;
		ck_assert(ev->violation);
		ck_assert_str_eq(
			ev->violation_text,
			"Anna Bakker is not free at the team's moment");
	}
	ck_assert_uint_gt(bordsessies, 30);
	run_free(&r);
}
END_TEST

static int startdag_of(const struct run *r)
{
	for (size_t i = 0; i < rk_plan_n_events(r->plan); i++)
		if (rk_plan_event(r->plan, i)->kind == RK_EV_STARTDAG)
			return rk_plan_event(r->plan, i)->date;
	return -1;
}

START_TEST(test_startdag)
{
	/* Without a studiedag: the first Wednesday of the window, on which no
	 * lessons are lost. With one: the studiedag, a Thursday later on. */
	struct run r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(startdag_of(&r), rk_date_from_ymd(2026, 10, 7));
	run_free(&r);
	r = plan_school("studiedag.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	ck_assert_int_eq(startdag_of(&r), rk_date_from_ymd(2026, 10, 15));
	assert_verified(&r);
	run_free(&r);
}
END_TEST

START_TEST(test_deterministic)
{
	char a[] = "/tmp/ritmiek-plan-a-XXXXXX",
	     b[] = "/tmp/ritmiek-plan-b-XXXXXX";
	close(mkstemp(a));
	close(mkstemp(b));
	struct run r1 = plan_school("odd-team.yaml", false);
	struct run r2 = plan_school("odd-team.yaml", false);
	ck_assert_int_eq(rk_plan_file_write(r1.school, r1.plan, a), RK_OK);
	ck_assert_int_eq(rk_plan_file_write(r2.school, r2.plan, b), RK_OK);
	char *ta = rk_test_slurp(a), *tb = rk_test_slurp(b);
	ck_assert_uint_gt(strlen(ta), 1000);
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	unlink(a);
	unlink(b);
	run_free(&r1);
	run_free(&r2);
}
END_TEST

/* A plan file edited by hand: the first bordsessie moved an hour later,
 * onto a lesson, is caught when the file is read back and verified. */
START_TEST(test_verify_catches_edit)
{
	char path[] = "/tmp/ritmiek-plan-edit-XXXXXX";
	close(mkstemp(path));
	struct run r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(rk_plan_file_write(r.school, r.plan, path), RK_OK);
	char *text = rk_test_slurp(path);
	char *line = strstr(text, "\tbordsessie\t");
	ck_assert_ptr_nonnull(line);
	char *time = strstr(line, "\t13:00\t13:30\t");
	ck_assert_ptr_nonnull(time);
	memcpy(time, "\t14:00\t14:30\t", 13);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	struct rk_plan *edited = NULL;
	ck_assert_int_eq(rk_plan_file_read(r.school, path, &edited, r.diags),
			 RK_OK);
	struct rk_diags *d = rk_diags_new();
	ck_assert_int_eq(rk_verify(r.school, r.year, edited, path, d),
			 RK_ERR_INPUT);
	char *got = rk_test_diags_text(d);
	ck_assert_msg(strstr(got, "but its moment is dinsdag 13:00") != NULL,
		      "%s", got);
	ck_assert_msg(strstr(got, "has a lesson then") != NULL, "%s", got);
	free(got);
	free(text);
	rk_diags_free(d);
	rk_plan_free(edited);
	unlink(path);
	run_free(&r);
}
END_TEST

Suite *suite_planner(void)
{
	Suite *s = suite_create("planner");
	TCase *tc = tcase_create("small schools");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_one_common_moment);
	tcase_add_test(tc, test_duos_alike_then_new);
	tcase_add_test(tc, test_odd_team_has_one_trio);
	tcase_add_test(tc, test_impossible_duo);
	tcase_add_test(tc, test_no_moment_explained);
	tcase_add_test(tc, test_no_moment_with_violations);
	tcase_add_test(tc, test_startdag);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_verify_catches_edit);
	suite_add_tcase(s, tc);
	return s;
}
