/* The planner on small schools whose optimum can be checked by hand (see
 * tests/data/planner/make-fixtures.py); every plan it makes is checked by
 * ritmiek verify's independent rules. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "plan_file.h"
#include "planctx.h"
#include "planner.h"
#include "ritmiek.h"
#include "school.h"
#include "quality.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

/* Plans the school file at @rel (from the source tree). */
static struct rk_test_planned plan_path(const char *rel, bool allow_violations)
{
	/* Time enough under valgrind too: a model stopped by the clock is
	 * not proven optimal, and the bound is then unknown. */
	struct rk_plan_options options = { .time_limit_ms = 600000,
					   .allow_violations =
						   allow_violations };
	return rk_test_plan(rel, &options);
}

static struct rk_test_planned plan_school(const char *name,
					  bool allow_violations)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/planner/%s", name);
	return plan_path(rel, allow_violations);
}

/* ritmiek verify's rules hold for the plan. */
static void assert_verified(const struct rk_test_planned *r)
{
	struct rk_diags *d = rk_diags_new();
	enum rk_status status =
		rk_verify(r->school, r->year, r->plan, "plan.tsv", d);
	char *text = rk_test_diags_text(d);
	ck_assert_msg(status == RK_OK, "verify: %.2000s", text);
	free(text);
	rk_diags_free(d);
}

static const char *pid(const struct rk_test_planned *r, int person)
{
	return rk_school_get_person(r->school, (size_t)person)->id;
}

START_TEST(test_one_common_moment)
{
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
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
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_duos_alike_then_new)
{
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
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
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_odd_team_has_one_trio)
{
	struct rk_test_planned r = plan_school("odd-team.yaml", false);
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
	rk_test_planned_free(&r);
}
END_TEST

/* @text (the diagnostics, one a line) says @line. */
static void assert_said(const char *text, const char *line)
{
	ck_assert_msg(strstr(text, line), "%s\nnot in:\n%.3000s", line, text);
}

/* Windows of 20 minutes a day leave no room for any session, though
 * everyone is free at many moments: the sessions of the whole school say
 * that of the windows, not "no time in the grid". */
START_TEST(test_windows_leave_no_room)
{
	struct rk_test_planned r = plan_school("short-window.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_msg(
		strstr(text,
		       "tests/data/planner/short-window.yaml:42:7: error: draagvlaksessie in week 36: no 90-minute moment inside the windows (ritmiek.windows): all who work that day are free only outside them\n"),
		"%.600s", text);
	ck_assert_msg(!strstr(text, "no time in the grid"), "%.600s", text);
	/* The weekly moments are missing for the windows: at the window. */
	ck_assert_msg(
		strstr(text,
		       "tests/data/planner/short-window.yaml:42:7: error: Team Alpha: no time in the school's windows for a 30-minute bordsessie\n"),
		"%.900s", text);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* The lesontwerp's window (Monday 08:00-09:00) holds no moment when a
 * duo is free, though every duo is free together outside it; the team
 * sessions' is 30 minutes: one message per window, at the window, with
 * the number of sessions and a few examples, not one per duo and week. */
START_TEST(test_windows_one_message_per_cause)
{
	struct rk_test_planned r = plan_school("gl-window.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(r.diags);
	assert_said(
		text,
		"tests/data/planner/gl-window.yaml:45:7: error: the windows for gezamenlijk-lesontwerp leave no 45-minute time in the week in which the members of a duo are all free, though they are free together outside them (30 sessions cannot be placed); for example: Team Alpha: Anna Bakker and Bram de Boer in week 42; Team Alpha: Cas Visser and Dewi Smit in week 42; Team Alpha: Eva Meijer and Fenna de Graaf in week 42\n");
	assert_said(
		text,
		"tests/data/planner/gl-window.yaml:46:7: error: the windows for verdieping leave no 60-minute moment in the week before the verbindingssessie (5 sessions cannot be placed); for example: Team Alpha, period 1, week 4 (week of 2026-11-09); Team Alpha, period 2, week 3 (week of 2027-01-11); Team Alpha, period 3, week 3 (week of 2027-03-08)\n");
	assert_said(
		text,
		"gl-window.yaml:46:7: error: the windows for retrospectief leave no 60-minute moment in the week before the verbindingssessie (5 sessions cannot be placed)");
	ck_assert_msg(!strstr(text, "no moment for gezamenlijk lesontwerp"),
		      "%.2000s", text);
	ck_assert_uint_eq(rk_diags_errors(r.diags), 3);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_impossible_duo)
{
	struct rk_test_planned r = plan_school("no-visit.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_str_eq(
		text,
		"tests/data/planner/no-visit.yaml:25:5: warning: team 'alpha' has 2 members; 5 to 10 work best\n"
		"error: Team Alpha, from period 1: Anna Bakker cannot visit a lesson of Bram de Boer: Bram de Boer never teaches while Anna Bakker is free, and no other split of the team into duos avoids this. Bram de Boer has no lessons in the timetable\n");
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* Everyone works dinsdag and one other day, and each dinsdag lesuur but the
 * sixth is taught by one of them: all six are in the way, each with the
 * lesuren that would open a moment. */
/* Each teaches only while the other does: both are named, with the
 * lesuren to free. */
START_TEST(test_visit_fix)
{
	struct rk_test_planned r = plan_school("visit-clash.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_str_eq(
		text,
		"tests/data/planner/visit-clash.yaml:25:5: warning: team 'alpha' has 2 members; 5 to 10 work best\n"
		"error: Team Alpha, from period 1: Anna Bakker cannot visit a lesson of Bram de Boer: Bram de Boer never teaches while Anna Bakker is free, and no other split of the team into duos avoids this. "
		"To fix it, free one of these lesuren for Anna Bakker: di 1e uur (1A) (to sit in di 1e uur (2A)); di 3e uur (1B) (to sit in di 3e uur (2B))\n"
		"error: Team Alpha, from period 1: Bram de Boer cannot visit a lesson of Anna Bakker: Anna Bakker never teaches while Bram de Boer is free, and no other split of the team into duos avoids this. "
		"To fix it, free one of these lesuren for Bram de Boer: di 1e uur (2A) (to sit in di 1e uur (1A)); di 3e uur (2B) (to sit in di 3e uur (1B))\n");
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* With --allow-violations every lesbezoek and feedbackgesprek that found
 * no place is in the plan: all day on its week's first school day, marked,
 * booking no time. */
START_TEST(test_unplaced_marked)
{
	struct rk_test_planned r = plan_school("visit-clash.yaml", true);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_nonnull(r.plan);
	size_t lb = 0, fb = 0, n_periods = rk_plan_n_periods(r.plan);
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		if (ev->kind != RK_EV_LB && ev->kind != RK_EV_FB)
			continue;
		ck_assert(ev->violation);
		ck_assert_int_eq(ev->start, -1);
		ck_assert_uint_eq(ev->n_parts, 2);
		/* The first school day of its week (a holiday Monday not). */
		ck_assert(rk_schoolyear_day(r.year, ev->date)->school_day);
		for (int d = ev->date - rk_date_weekday(ev->date); d < ev->date;
		     d++)
			ck_assert(!rk_schoolyear_day(r.year, d)->school_day);
		if (ev->kind == RK_EV_LB) {
			ck_assert_str_eq(
				ev->title + strlen("NIET GEPLAND: "),
				ev->parts[0].person == 0
					? "Lesbezoek: Anna Bakker bij Bram de Boer"
					: "Lesbezoek: Bram de Boer bij Anna Bakker");
			lb++;
		} else {
			fb++;
		}
		ck_assert_int_eq(strncmp(ev->title, "NIET GEPLAND: ", 14), 0);
	}
	/* Two rounds a period, the roles swapped. */
	ck_assert_uint_gt(n_periods, 2);
	ck_assert_uint_eq(lb, 2 * n_periods);
	ck_assert_uint_eq(fb, 2 * n_periods);
	rk_test_planned_free(&r);
}
END_TEST

static const char *const no_moment_text =
	"error: Team Alpha: no 30-minute weekly moment when all 6 members are free: Anna Bakker, Bram de Boer, Cas Visser, Dewi Smit, Eva Meijer and Fenna de Graaf have a lesson or a day off at every possible moment. "
	"Anna Bakker does not work on woensdag, donderdag and vrijdag. Bram de Boer does not work on woensdag, donderdag and vrijdag. Cas Visser does not work on maandag, woensdag and vrijdag. Dewi Smit does not work on maandag, woensdag and vrijdag. Eva Meijer does not work on maandag, woensdag and donderdag. Fenna de Graaf does not work on maandag, woensdag and donderdag. "
	"To open a moment, free one of these lesuren: for Anna Bakker di 1e uur (1A), di 7e uur (7A); for Bram de Boer di 2e uur (2A), di 8e uur (8A); for Cas Visser di 3e uur (3A), di 9e uur (9A); for Dewi Smit di 4e uur (4A), di 10e uur (10A); for Eva Meijer di 5e uur (5A); for Fenna de Graaf di 6e uur (6A).\n";

START_TEST(test_no_moment_explained)
{
	struct rk_test_planned r = plan_school("no-moment.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_str_eq(text, no_moment_text);
	ck_assert_int_eq(rk_diags_errors(r.diags), 1);
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* Anna Bakker teaches lesuren 1-5 and Bram de Boer lesuren 6-10 every day:
 * exactly these two are named, the four others not. Maandag 1e uur is no
 * fix for Anna Bakker, as Cas Visser teaches then too. */
START_TEST(test_two_block_moment)
{
	struct rk_test_planned r = plan_school("two-block.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	const struct rk_diag *d = NULL;
	for (size_t i = 0; i < rk_diags_count(r.diags) && !d; i++)
		if (strstr(rk_diags_get(r.diags, i)->message, "weekly moment"))
			d = rk_diags_get(r.diags, i);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(
		d->message,
		"Team Alpha: no 30-minute weekly moment when all 6 members are free: Anna Bakker and Bram de Boer have a lesson or a day off at every possible moment (the other 4 are not in the way). "
		"To open a moment, free one of these lesuren: for Anna Bakker ma 2e uur (2MA), ma 3e uur (3MA), ma 4e uur (4MA), ma 5e uur (5MA) (or one of 18 more); "
		"for Bram de Boer ma 6e uur (6MA), ma 7e uur (7MA), ma 8e uur (8MA), ma 9e uur (9MA) (or one of 20 more).");
	/* The verbindingssessie fails in every period for the same two, and
	 * is said once. */
	size_t verbinding = 0;
	for (size_t i = 0; i < rk_diags_count(r.diags); i++) {
		const char *m = rk_diags_get(r.diags, i)->message;
		if (strncmp(m,
			    "verbindingssessie of periods 1, 2, 3, 4 and 5: ",
			    47) != 0)
			continue;
		verbinding++;
		ck_assert_ptr_nonnull(strstr(
			m,
			": Anna Bakker and Bram de Boer have a lesson or another session at every possible moment (the other 5 are not in the way)."));
	}
	ck_assert_uint_eq(verbinding, 1);
	/* So does the draagvlaksessie of the whole staff. */
	static const char draagvlak[] =
		"draagvlaksessie in week 36: no 90-minute moment in its week when all 7 people who work that day are free: Anna Bakker and Bram de Boer have a lesson or another session at every possible moment (the other 5 are not in the way). To open a moment, free one of these lesuren: for Anna Bakker ma 2e uur (2MA) + ma 3e uur (3MA), ";
	const char *first = rk_diags_get(r.diags, 0)->message;
	ck_assert_msg(!strncmp(first, draagvlak, strlen(draagvlak)), "%s",
		      first);
	/* Both at the school's section, as no window governs them. */
	char *text = rk_test_diags_text(r.diags);
	assert_said(text, "tests/data/planner/two-block.yaml:6:3: "
			  "error: draagvlaksessie in week 36: ");
	assert_said(text, "tests/data/planner/two-block.yaml:6:3: "
			  "error: verbindingssessie of periods ");
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

/* The leerKRACHT-team's startfase and weekly moment find no time: said at
 * the leerkracht_team key, where the roosteraar chose its members. */
START_TEST(test_lk_team_at_its_key)
{
	struct rk_test_planned r = plan_school("two-block-lk.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(r.diags);
	assert_said(
		text,
		"tests/data/planner/two-block-lk.yaml:36:3: error: startfase in weeks 37, 38 and 39: no 120-minute moment in its week when all 2 people who work that day are free: Anna Bakker and Bram de Boer have a lesson or another session at every possible moment.");
	assert_said(
		text,
		"tests/data/planner/two-block-lk.yaml:36:3: error: leerKRACHT-team: no 30-minute weekly moment when all 2 members are free: Anna Bakker and Bram de Boer have a lesson or a day off at every possible moment.");
	/* A team's own moment stays where it was said before. */
	assert_said(text, "\nerror: Team Alpha: no 30-minute weekly "
			  "moment when all 6 members are free");
	free(text);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_no_moment_with_violations)
{
	struct rk_test_planned r = plan_school("no-moment.yaml", true);
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
	rk_test_planned_free(&r);
}
END_TEST

static int startdag_of(const struct rk_test_planned *r)
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
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(startdag_of(&r), rk_date_from_ymd(2026, 10, 7));
	rk_test_planned_free(&r);
	r = plan_school("studiedag.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	ck_assert_int_eq(startdag_of(&r), rk_date_from_ymd(2026, 10, 15));
	assert_verified(&r);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_deterministic)
{
	char a[] = "/tmp/ritmiek-plan-a-XXXXXX",
	     b[] = "/tmp/ritmiek-plan-b-XXXXXX";
	close(mkstemp(a));
	close(mkstemp(b));
	struct rk_test_planned r1 = plan_school("odd-team.yaml", false);
	struct rk_test_planned r2 = plan_school("odd-team.yaml", false);
	ck_assert_int_eq(rk_plan_file_write(r1.school, r1.plan, a), RK_OK);
	ck_assert_int_eq(rk_plan_file_write(r2.school, r2.plan, b), RK_OK);
	char *ta = rk_test_slurp(a), *tb = rk_test_slurp(b);
	ck_assert_uint_gt(strlen(ta), 1000);
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	unlink(a);
	unlink(b);
	rk_test_planned_free(&r1);
	rk_test_planned_free(&r2);
}
END_TEST

/* A plan file edited by hand: the first bordsessie moved an hour later,
 * onto a lesson, is caught when the file is read back and verified. */
START_TEST(test_verify_catches_edit)
{
	char path[] = "/tmp/ritmiek-plan-edit-XXXXXX";
	close(mkstemp(path));
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(rk_plan_file_write(r.school, r.plan, path), RK_OK);
	rk_test_move_bordsessie(path);
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
	rk_diags_free(d);
	rk_plan_free(edited);
	unlink(path);
	rk_test_planned_free(&r);
}
END_TEST

/* The Monday of the week holding @date. */
static int monday_of(int date)
{
	return date - rk_date_weekday(date);
}

/* Whether @ev has @person among its participants. */
static bool takes_part(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return true;
	return false;
}

/* Every teaching week of every period (toetsweken are avoided) has a
 * bordsessie of team 0; returns how many were moved off the fixed day. */
static size_t assert_weekly_bordsessie(const struct rk_test_planned *r)
{
	size_t moved = 0;
	for (size_t i = 0; i < rk_plan_n_periods(r->plan); i++) {
		const struct rk_period *p = rk_plan_period(r->plan, i);
		for (int w = p->first_week; w <= p->last_week; w++) {
			const struct rk_week *wk =
				rk_schoolyear_week(r->year, (size_t)w);
			if (!wk->teaching || wk->toetsweek)
				continue;
			size_t n = 0;
			for (size_t e = 0; e < rk_plan_n_events(r->plan); e++) {
				const struct rk_event *ev =
					rk_plan_event(r->plan, e);
				if (ev->kind != RK_EV_BORDSESSIE ||
				    ev->team != 0 ||
				    monday_of(ev->date) != wk->monday)
					continue;
				n++;
				moved += strstr(ev->title, "(verplaatst") !=
					 NULL;
			}
			ck_assert_msg(n == 1, "week %d: %zu bordsessies",
				      wk->iso_week, n);
		}
	}
	return moved;
}

START_TEST(test_moved_bordsessie)
{
	/* Team Alpha meets on Tuesday 13:00, its only common hour; the
	 * studiedag of Tuesday 2026-11-10 takes it that week. */
	struct rk_test_planned r = plan_school("moved.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	int studiedag = rk_date_from_ymd(2026, 11, 10);
	const struct rk_event *moved = NULL;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		ck_assert_int_ne(ev->date, studiedag);
		if (ev->kind == RK_EV_BORDSESSIE &&
		    monday_of(ev->date) == monday_of(studiedag))
			moved = ev;
	}
	ck_assert_ptr_nonnull(moved);
	ck_assert_int_ne(rk_date_weekday(moved->date), 1);
	/* Week 4 of period 1 holds the verdieping; on Monday, the nearest
	 * day, T1 and T2 (who work then) are free for an hour right after
	 * their lessons of 08:00-10:00. */
	ck_assert_str_eq(moved->title, "Bordsessie Team Alpha met verdieping "
				       "(verplaatst van dinsdag naar maandag)");
	ck_assert_int_eq(moved->date, studiedag - 1);
	ck_assert_int_eq(moved->start, 10 * 60);
	ck_assert_int_eq(moved->end, 11 * 60);
	ck_assert_msg(strstr(moved->agenda,
			     "Verplaatst van dinsdag 2026-11-10 naar ") ==
			      moved->agenda,
		      "%s", moved->agenda);
	ck_assert_msg(strstr(moved->agenda, "(de vaste dag is geen "
					    "schooldag)") != NULL,
		      "%s", moved->agenda);
	/* Those who work that day are there; the others do not work then. */
	const struct rk_team *t = rk_school_get_team(r.school, 0);
	for (size_t m = 0; m < t->n_members; m++) {
		const struct rk_person *p = rk_school_get_person(
			r.school, (size_t)t->members[m].index);
		bool works = p->workdays & (1u << rk_date_weekday(moved->date));
		ck_assert_int_eq(takes_part(moved, t->members[m].index), works);
	}
	ck_assert_uint_ge(assert_weekly_bordsessie(&r), 1);
	assert_verified(&r);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_windows_every_kind)
{
	/* Lesontwerp only Tuesday 09:00-13:00, the bordsessie only at 13:00,
	 * every other kind 09:00-17:00 (see make-fixtures.py). */
	struct rk_test_planned r = plan_school("windows.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	const struct rk_settings *st = rk_school_get_settings(r.school);
	ck_assert_int_eq(st->earliest, 9 * 60);
	size_t per_kind[RK_EV_METING + 1] = { 0 };
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		if (ev->start < 0)
			continue;
		int wd = rk_date_weekday(ev->date);
		ck_assert_msg(rk_settings_window_ok(st, (int)ev->kind, wd,
						    ev->start, ev->end),
			      "%s outside its windows", ev->id);
		per_kind[ev->kind]++;
		if (ev->kind == RK_EV_GL) {
			ck_assert_int_eq(wd, 1);
			ck_assert_int_ge(ev->start, 9 * 60);
			ck_assert_int_le(ev->end, 13 * 60);
		}
		if (ev->kind == RK_EV_BORDSESSIE)
			ck_assert_int_ge(ev->start, 13 * 60);
	}
	/* Every governed kind the school plans was seen, so was checked. */
	ck_assert_uint_gt(per_kind[RK_EV_GL], 20);
	ck_assert_uint_gt(per_kind[RK_EV_FB], 20);
	ck_assert_uint_gt(per_kind[RK_EV_BORDSESSIE], 20);
	ck_assert_uint_gt(per_kind[RK_EV_LKTEAM], 20);
	ck_assert_uint_gt(per_kind[RK_EV_VERBINDING], 1);
	ck_assert_uint_gt(per_kind[RK_EV_DRAAGVLAKSESSIE], 0);
	ck_assert_uint_gt(per_kind[RK_EV_STARTFASE], 0);
	assert_verified(&r);
	rk_test_planned_free(&r);
}
END_TEST

/* The team sessions of kind @kind in period @p by the ritmiek. */
static int expected_sessions(const struct rk_period *p, unsigned act)
{
	int n = 0;
	char agenda[600];
	for (int w = 1; w <= p->weeks; w++)
		n += (rk_ritmiek_week(p->weeks, w,
				      p->number == 1 &&
					      !strcmp(p->phase, "aan de slag"),
				      agenda, sizeof(agenda)) &
		      act) != 0;
	return n;
}

static const struct rk_event *verbinding_of(const struct rk_test_planned *r,
					    int period)
{
	for (size_t i = 0; i < rk_plan_n_events(r->plan); i++) {
		const struct rk_event *ev = rk_plan_event(r->plan, i);
		if (ev->kind == RK_EV_VERBINDING && ev->period == period)
			return ev;
	}
	return NULL;
}

/* Whether @a is over when @b starts. */
static bool before(const struct rk_event *a, const struct rk_event *b)
{
	return a->date < b->date || (a->date == b->date && a->end <= b->start);
}

/* The lesbezoek whose id is @fb's with the kind swapped. */
static const struct rk_event *lb_of(const struct rk_test_planned *r,
				    const struct rk_event *fb)
{
	const char *tail = strstr(fb->id, "-feedbackgesprek-");
	ck_assert_ptr_nonnull(tail);
	char id[512];
	snprintf(id, sizeof(id), "%.*s-lesbezoek-%s", (int)(tail - fb->id),
		 fb->id, tail + strlen("-feedbackgesprek-"));
	for (size_t i = 0; i < rk_plan_n_events(r->plan); i++)
		if (!strcmp(rk_plan_event(r->plan, i)->id, id))
			return rk_plan_event(r->plan, i);
	return NULL;
}

/* Whether team @t meets from the first week of @p (a later cohort starts
 * later: its sessions begin with the next period). */
static bool team_in_period(const struct rk_test_planned *r, int t,
			   const struct rk_period *p)
{
	for (size_t e = 0; e < rk_plan_n_events(r->plan); e++) {
		const struct rk_event *ev = rk_plan_event(r->plan, e);
		if (ev->kind == RK_EV_BORDSESSIE && ev->team == t &&
		    ev->period == p->number && ev->week_in_period == 1)
			return true;
	}
	return false;
}

/* Per team and period: the team sessions of the ritmiek, each before the
 * verbindingssessie, and the lesbezoeken and other team sessions after
 * the leerlingarena. */
static void assert_period_rules(const struct rk_test_planned *r)
{
	static const struct {
		unsigned act;
		enum rk_event_kind kind;
	} team[] = { { RK_ACT_ARENA, RK_EV_LEERLINGARENA },
		     { RK_ACT_VERDIEPING, RK_EV_VERDIEPING },
		     { RK_ACT_RETRO, RK_EV_RETROSPECTIVE } };
	size_t n_teams = rk_school_n_team(r->school), checked = 0;
	for (size_t i = 0; i < rk_plan_n_periods(r->plan); i++) {
		const struct rk_period *p = rk_plan_period(r->plan, i);
		const struct rk_event *v = verbinding_of(r, p->number);
		ck_assert_ptr_nonnull(v);
		for (size_t t = 0; t < n_teams; t++) {
			for (size_t k = 0;
			     k < 3 && team_in_period(r, (int)t, p); k++) {
				int n = 0;
				const struct rk_event *arena = NULL;
				for (size_t e = 0;
				     e < rk_plan_n_events(r->plan); e++) {
					const struct rk_event *ev =
						rk_plan_event(r->plan, e);
					if (ev->team != (int)t ||
					    ev->period != p->number)
						continue;
					if (ev->kind == RK_EV_LEERLINGARENA)
						arena = ev;
					if (ev->kind != team[k].kind)
						continue;
					n++;
					ck_assert_msg(before(ev, v),
						      "%s after %s", ev->id,
						      v->id);
				}
				ck_assert_msg(
					n == expected_sessions(p, team[k].act),
					"team %zu period %d: %d %s", t,
					p->number, n,
					rk_event_kind_name(team[k].kind));
				for (size_t e = 0;
				     arena && e < rk_plan_n_events(r->plan);
				     e++) {
					const struct rk_event *ev =
						rk_plan_event(r->plan, e);
					if (ev->team == (int)t &&
					    ev->period == p->number &&
					    (ev->kind == RK_EV_LB ||
					     ev->kind == RK_EV_VERDIEPING ||
					     ev->kind == RK_EV_RETROSPECTIVE))
						ck_assert_msg(before(arena, ev),
							      "%s before %s",
							      ev->id,
							      arena->id);
				}
				checked++;
			}
		}
	}
	ck_assert_uint_gt(checked, 0);
}

/* Every FB after its LB and before the verbindingssessie; a lesbezoek of
 * round 2 after every round-1 lesbezoek of its people. */
static void assert_duo_order(const struct rk_test_planned *r)
{
	for (size_t e = 0; e < rk_plan_n_events(r->plan); e++) {
		const struct rk_event *fb = rk_plan_event(r->plan, e);
		if (fb->kind == RK_EV_FB) {
			const struct rk_event *lb = lb_of(r, fb);
			ck_assert_msg(lb && before(lb, fb), "%s", fb->id);
			ck_assert_msg(before(fb, verbinding_of(r, fb->period)),
				      "%s", fb->id);
		}
		if (fb->kind != RK_EV_LB || !strstr(fb->id, "-r2-"))
			continue;
		for (size_t k = 0; k < rk_plan_n_events(r->plan); k++) {
			const struct rk_event *r1 = rk_plan_event(r->plan, k);
			if (r1->kind == RK_EV_LB && strstr(r1->id, "-r1-") &&
			    r1->team == fb->team && r1->period == fb->period &&
			    (takes_part(r1, fb->parts[0].person) ||
			     takes_part(r1, fb->parts[1].person)))
				ck_assert_msg(before(r1, fb), "%s after %s",
					      r1->id, fb->id);
		}
	}
}

START_TEST(test_period_rules_examples)
{
	const char *schools[] = { "examples/vo-school/school.yaml",
				  "examples/po-school/school.yaml" };
	for (size_t i = 0; i < 2; i++) {
		struct rk_test_planned r = plan_path(schools[i], false);
		ck_assert_msg(r.status == RK_OK, "%s", schools[i]);
		assert_period_rules(&r);
		assert_duo_order(&r);
		assert_verified(&r);
		rk_test_planned_free(&r);
	}
}
END_TEST

START_TEST(test_team_sessions_in_bordsessie)
{
	/* one-moment.yaml holds all three in the bordsessie: Tuesday
	 * 13:00-14:00 is the team's one free hour. */
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	size_t carrying = 0;
	int expected = 0;
	for (size_t i = 0; i < rk_plan_n_periods(r.plan); i++) {
		const struct rk_period *p = rk_plan_period(r.plan, i);
		expected += expected_sessions(p, RK_ACT_ARENA) +
			    expected_sessions(p, RK_ACT_VERDIEPING) +
			    expected_sessions(p, RK_ACT_RETRO);
	}
	int carried = 0;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		ck_assert(ev->kind != RK_EV_LEERLINGARENA &&
			  ev->kind != RK_EV_VERDIEPING &&
			  ev->kind != RK_EV_RETROSPECTIVE);
		if (!ev->carries)
			continue;
		ck_assert_int_eq(ev->kind, RK_EV_BORDSESSIE);
		int n = __builtin_popcount(ev->carries);
		carried += n;
		carrying++;
		ck_assert_int_eq(ev->end - ev->start, 30 + 30 * n);
		ck_assert_msg(before(ev, verbinding_of(&r, ev->period)), "%s",
			      ev->id);
		ck_assert_msg(strstr(ev->title, "Bordsessie Team Alpha met ") ==
				      ev->title,
			      "%s", ev->title);
		ck_assert_msg(strstr(ev->agenda, "Deze bordsessie duurt ") !=
				      NULL,
			      "%s", ev->agenda);
		if (ev->carries == 1u << RK_EV_RETROSPECTIVE && n == 1)
			ck_assert_str_eq(ev->title, "Bordsessie Team Alpha met "
						    "retrospectief");
	}
	ck_assert_int_gt(carried, 5);
	ck_assert_int_eq(carried, expected);
	ck_assert_uint_gt(carrying, 5);
	assert_verified(&r);
	rk_test_planned_free(&r);
}
END_TEST

START_TEST(test_team_session_unplaceable)
{
	/* The same team holding them as events of their own: it is never
	 * free for an hour, so the plan fails and says why. */
	struct rk_test_planned r = plan_school("own-sessions.yaml", false);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(r.plan);
	char *text = rk_test_diags_text(r.diags);
	ck_assert_msg(
		strstr(text,
		       "error: Team Alpha, period 1, week 4 (week of 2026-11-09): no 60-minute moment for the verdieping when the whole team is free; closest is dinsdag 2026-11-10 ") !=
			NULL,
		"%s", text);
	ck_assert_msg(strstr(text, ", blocked for ") != NULL, "%s", text);
	free(text);
	rk_test_planned_free(&r);
	/* With --allow-violations every team session is an event, marked. */
	r = plan_school("own-sessions.yaml", true);
	ck_assert_int_eq(r.status, RK_ERR_INFEASIBLE);
	ck_assert_ptr_nonnull(r.plan);
	size_t marked = 0;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		if (ev->kind != RK_EV_VERDIEPING &&
		    ev->kind != RK_EV_RETROSPECTIVE &&
		    ev->kind != RK_EV_LEERLINGARENA)
			continue;
		ck_assert(ev->violation);
		ck_assert_msg(strstr(ev->violation_text,
				     "not the whole team is free: ") ==
				      ev->violation_text,
			      "%s", ev->violation_text);
		marked++;
	}
	ck_assert_uint_eq(marked, (size_t)rk_diags_errors(r.diags));
	ck_assert_uint_gt(marked, 5);
	rk_test_planned_free(&r);
}
END_TEST

/* The plan's bound: with no teacher in two teams it is the plan itself
 * (the teams' models are independent); with one teacher in both teams it
 * is lower than the plan, and the same whichever team is planned first,
 * so that it bounds both orders. The team order is chosen: both files
 * give the same plan. */
START_TEST(test_bound)
{
	struct rk_test_planned r = plan_school("one-moment.yaml", false);
	const struct rk_plan_bound *b = rk_plan_get_bound(r.plan);
	ck_assert(b->known);
	ck_assert_uint_eq(b->models, rk_plan_n_periods(r.plan));
	ck_assert_double_eq(b->bound, b->objective);
	ck_assert_double_eq(rk_quality_gap(r.plan), 0.0);
	rk_test_planned_free(&r);
	struct rk_test_planned s = plan_school("shared.yaml", false);
	struct rk_test_planned t = plan_school("shared-rev.yaml", false);
	ck_assert_int_eq(s.status, RK_OK);
	ck_assert_int_eq(t.status, RK_OK);
	const struct rk_plan_bound *bs = rk_plan_get_bound(s.plan);
	const struct rk_plan_bound *bt = rk_plan_get_bound(t.plan);
	ck_assert(bs->known && bt->known);
	ck_assert_uint_eq(bs->models, 2 * rk_plan_n_periods(s.plan));
	ck_assert_double_eq_tol(bs->bound, bt->bound, 1e-6);
	ck_assert_double_lt(bs->bound, bs->objective);
	ck_assert_double_lt(bt->bound, bt->objective);
	/* Whichever team the school file lists first, the planner tries
	 * the other order too and keeps the cheaper: both files give the
	 * same sum. */
	ck_assert_double_eq_tol(bs->objective, bt->objective, 1e-6);
	ck_assert_double_eq_tol(bs->objective, 3044.2, 0.1);
	ck_assert_double_gt(rk_quality_gap(s.plan), 0.0);
	assert_verified(&s);
	assert_verified(&t);
	rk_test_planned_free(&s);
	rk_test_planned_free(&t);
}
END_TEST

/* Goede Vrijdag takes the only lesson of the week of period 3's second
 * lesbezoek, and a studiedag the one of the week after, the last before
 * the verbindingssessie: the lesbezoek comes a week early, after the
 * lesontwerp that agrees it, and the plan keeps every rule. */
START_TEST(test_lesbezoek_holiday_week)
{
	struct rk_test_planned r = plan_school("holiday-visit.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	assert_verified(&r);
	int goede_vrijdag = rk_date_from_ymd(2027, 3, 26);
	const struct rk_event *lb = NULL, *fb = NULL, *gl = NULL;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		ck_assert(!ev->violation);
		if (ev->period != 3 || !strstr(ev->id, "-p3-r2-"))
			continue;
		if (ev->kind == RK_EV_LB)
			lb = ev;
		else if (ev->kind == RK_EV_FB)
			fb = ev;
		else if (ev->kind == RK_EV_GL)
			gl = ev;
	}
	ck_assert(lb && fb && gl);
	/* Friday 19 March, in its round's lesontwerp week, after it. */
	ck_assert_int_eq(lb->date, goede_vrijdag - 7);
	ck_assert_int_eq(lb->start, 9 * 60);
	ck_assert_int_lt(gl->date, lb->date);
	ck_assert(fb->date > lb->date ||
		  (fb->date == lb->date && fb->start >= lb->end));
	/* Only that period needed the earlier week. */
	size_t early = 0;
	for (size_t i = 0; i < rk_plan_n_reports(r.plan); i++)
		early += strstr(rk_plan_report(r.plan, i)->model,
				"a lesbezoek earlier") != NULL;
	ck_assert_uint_eq(early, 1);
	rk_test_planned_free(&r);
}
END_TEST

/* Goede Vrijdag takes the only lesson of the week of period 3's second
 * lesbezoek, and the week after is open (holiday-visit.yaml without its
 * studiedag): that lesbezoek and its feedbackgesprek slip to the next
 * week in the second try, which gives the later weeks only to them; the
 * tries after it are not needed. */
START_TEST(test_lesbezoek_slips_alone)
{
	struct rk_test_planned r = plan_school("slip-visit.yaml", false);
	ck_assert_int_eq(r.status, RK_OK);
	assert_verified(&r);
	int goede_vrijdag = rk_date_from_ymd(2027, 3, 26);
	const struct rk_event *lb = NULL, *fb = NULL;
	for (size_t i = 0; i < rk_plan_n_events(r.plan); i++) {
		const struct rk_event *ev = rk_plan_event(r.plan, i);
		ck_assert(!ev->violation);
		if (ev->period != 3)
			continue;
		if (strstr(ev->id, "-p3-r2-") && ev->kind == RK_EV_LB)
			lb = ev;
		else if (strstr(ev->id, "-p3-r2-") && ev->kind == RK_EV_FB)
			fb = ev;
		else if (ev->kind == RK_EV_GL || ev->kind == RK_EV_LB ||
			 ev->kind == RK_EV_FB)
			/* The others keep their weeks, before Goede Vrijdag's. */
			ck_assert_int_lt(ev->date, goede_vrijdag - 4);
	}
	ck_assert(lb && fb);
	ck_assert_int_eq(lb->date, goede_vrijdag + 7);
	ck_assert(fb->date > lb->date ||
		  (fb->date == lb->date && fb->start >= lb->end));
	size_t late = 0, other = 0;
	for (size_t i = 0; i < rk_plan_n_reports(r.plan); i++) {
		const char *model = rk_plan_report(r.plan, i)->model;
		late += strstr(model, RK_SESSIONS_LATE_TRY) != NULL;
		other += strstr(model, RK_SESSIONS_ALL_LATE_TRY) != NULL ||
			 strstr(model, RK_SESSIONS_EARLY_TRY) != NULL;
	}
	ck_assert_uint_eq(late, 1);
	ck_assert_uint_eq(other, 0);
	rk_test_planned_free(&r);
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
	tcase_add_test(tc, test_windows_leave_no_room);
	tcase_add_test(tc, test_windows_one_message_per_cause);
	tcase_add_test(tc, test_visit_fix);
	tcase_add_test(tc, test_bound);
	tcase_add_test(tc, test_unplaced_marked);
	tcase_add_test(tc, test_no_moment_explained);
	tcase_add_test(tc, test_two_block_moment);
	tcase_add_test(tc, test_lk_team_at_its_key);
	tcase_add_test(tc, test_no_moment_with_violations);
	tcase_add_test(tc, test_startdag);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_verify_catches_edit);
	tcase_add_test(tc, test_moved_bordsessie);
	tcase_add_test(tc, test_windows_every_kind);
	tcase_add_test(tc, test_period_rules_examples);
	tcase_add_test(tc, test_team_sessions_in_bordsessie);
	tcase_add_test(tc, test_team_session_unplaceable);
	tcase_add_test(tc, test_lesbezoek_holiday_week);
	tcase_add_test(tc, test_lesbezoek_slips_alone);
	suite_add_tcase(s, tc);
	return s;
}
