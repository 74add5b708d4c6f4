#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "loader.h"
#include "mip.h"
#include "plan.h"
#include "plan_file.h"
#include "plan_summary.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

static struct rk_school *school;
static char tmp_a[64], tmp_b[64];

#define D "tests/data/plan/"

static void setup(void)
{
	char *path = rk_test_path("tests/data/school/base.yaml");
	struct rk_diags *diags = rk_diags_new();
	school = NULL;
	ck_assert_msg(rk_load_school(path, NULL, &school, diags) == RK_OK,
		      "base.yaml does not load");
	rk_diags_free(diags);
	free(path);
	/* In the build folder, where the tests may write. */
	snprintf(tmp_a, sizeof(tmp_a), "test-plan-file-%ld-a.tsv",
		 (long)getpid());
	snprintf(tmp_b, sizeof(tmp_b), "test-plan-file-%ld-b.tsv",
		 (long)getpid());
}

static void teardown(void)
{
	rk_school_free(school);
	unlink(tmp_a);
	unlink(tmp_b);
}

static int day(const char *text)
{
	int date = 0;
	ck_assert(rk_date_parse(text, &date));
	return date;
}

static int who(const char *id)
{
	int p = rk_school_find_person(school, id);
	ck_assert_int_ge(p, 0);
	return p;
}

/* Reads tests/data/plan/@name; the diagnostics as text. */
static char *read_text(const char *name, enum rk_status *status,
		       struct rk_plan **plan)
{
	char rel[256];
	snprintf(rel, sizeof(rel), D "%s", name);
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	*status = rk_plan_file_read(school, path, plan, diags);
	ck_assert(*status == RK_OK ? *plan != NULL : *plan == NULL);
	char *text = rk_test_diags_text(diags);
	rk_diags_free(diags);
	free(path);
	return text;
}

static void expect(const char *name, enum rk_status want, const char *text)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	char *got = read_text(name, &status, &plan);
	ck_assert_str_eq(got, text);
	ck_assert_int_eq(status, want);
	rk_plan_free(plan);
	free(got);
}

/* Reading the fixture and writing it again gives the same bytes. */
START_TEST(test_fixture_round_trip)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	char *got = read_text("good.tsv", &status, &plan);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(status, RK_OK);
	ck_assert_uint_eq(rk_plan_n_events(plan), 14);
	ck_assert_uint_eq(rk_plan_n_moments(plan), 3);
	ck_assert_int_eq(rk_plan_moment(plan, 2)->team, -1);
	ck_assert_int_eq(rk_plan_period(plan, 0)->first_week, 7);
	const struct rk_event *fb = rk_plan_event(plan, 1);
	ck_assert_str_eq(fb->id, "fb-1");
	ck_assert_int_eq(fb->source_line, 8);
	ck_assert_str_eq(
		fb->agenda,
		"Feedback op het lesbezoek:\n- wat ging goed\n- wat kan beter");
	ck_assert_ptr_null(fb->location);
	ck_assert_int_eq(rk_plan_event(plan, 2)->source_line, 11);
	ck_assert_int_eq(rk_plan_file_write(school, plan, tmp_a), RK_OK);
	char *path = rk_test_path(D "good.tsv");
	char *want = rk_test_slurp(path);
	char *written = rk_test_slurp(tmp_a);
	ck_assert_str_eq(written, want);
	free(written);
	free(want);
	free(path);
	free(got);
	rk_plan_free(plan);
}
END_TEST

/* The format fixture holds one period's bordsessies, duos and a
 * lesbezoek with its feedbackgesprek, not the rest of the period's
 * ritmiek nor the first year's opening: verify names exactly those gaps
 * (rules 11, 13 and 16), and no other rule is broken. tests/data/verify/ has a plan that keeps them
 * all. */
START_TEST(test_fixture_verifies)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_diags *diags = rk_diags_new();
	char *got = read_text("good.tsv", &status, &plan);
	ck_assert_int_eq(status, RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	ck_assert_int_eq(rk_verify(school, year, plan, "good.tsv", diags),
			 RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(
		text,
		"good.tsv: error: period 1 (2026-09-14 to 2026-10-04) has no verbindingssessie; it closes every period\n"
		"good.tsv: error: team 'exact' has no verdieping in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n"
		"good.tsv: error: team 'exact' has no retrospectief in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n"
		"good.tsv: error: team 'talen' has no verdieping in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n"
		"good.tsv: error: team 'talen' has no retrospectief in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n"
		"good.tsv: error: duo 'P01' and 'P02' of team 'exact' in period 1: 'P01' (Anna Bakker) has 0 gezamenlijk lesontwerp, but the period has 2 round(s) of it\n"
		"good.tsv: error: duo 'P01' and 'P02' of team 'exact' in period 1: 'P02' (Bram de Boer) has 0 gezamenlijk lesontwerp, but the period has 2 round(s) of it\n"
		"good.tsv: error: no draagvlaksessie: the first programme year opens with one for all teachers\n"
		"good.tsv: error: 0 startfase session(s): in the first programme year the leerKRACHT-team holds 3 (3 to 5 by the number of teachers)\n");
	free(text);
	rk_schoolyear_free(year);
	rk_diags_free(diags);
	rk_plan_free(plan);
	free(got);
}
END_TEST

/* A lesbezoek moved by hand onto its visitor's lesson reads fine and is
 * caught by verify, at its line. */
START_TEST(test_hand_edit_caught)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_diags *diags = rk_diags_new();
	char *got = read_text("lb-on-lesson.tsv", &status, &plan);
	ck_assert_int_eq(status, RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	char *path = rk_test_path(D "lb-on-lesson.tsv");
	ck_assert_int_eq(rk_verify(school, year, plan, path, diags),
			 RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	/* The fixture lacks sessions its period asks for (see above); the
	 * edit is what this test is about. */
	ck_assert_msg(
		strstr(text, D
		       "lb-on-lesson.tsv:7: error: event 'lb-1' on 2026-09-14 09:20-10:10: host 'P01' (Anna Bakker) has no lesson then\n" D
		       "lb-on-lesson.tsv:7: error: event 'lb-1' on 2026-09-14 09:20-10:10: visitor 'P02' (Bram de Boer) has a lesson then (rooster.csv:3)\n"),
		"%s", text);
	free(text);
	free(path);
	rk_schoolyear_free(year);
	rk_diags_free(diags);
	rk_plan_free(plan);
	free(got);
}
END_TEST

/* summary.txt of the fixture, with a solver report. */
START_TEST(test_summary)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_diags *diags = rk_diags_new();
	char *got = read_text("good.tsv", &status, &plan);
	ck_assert_int_eq(status, RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	struct rk_solve_report report = { .model = "weekly moments",
					  .objective = 12.5,
					  .rows = 120,
					  .cols = 340,
					  .seconds = 0.25 };
	ck_assert_int_eq(rk_plan_add_report(plan, report), RK_OK);
	ck_assert_int_eq(rk_plan_summary_write(school, year, plan, tmp_a),
			 RK_OK);
	char *path = rk_test_path(D "good-summary.txt");
	char *want = rk_test_slurp(path);
	char *written = rk_test_slurp(tmp_a);
	ck_assert_str_eq(written, want);
	free(written);
	free(want);
	free(path);
	rk_schoolyear_free(year);
	rk_diags_free(diags);
	rk_plan_free(plan);
	free(got);
}
END_TEST

/* A model stopped by the node limit is unproven but reproducible; one
 * stopped by the clock makes the plan depend on the machine, and the
 * summary says so once, under the models. */
START_TEST(test_summary_stopped_models)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_diags *diags = rk_diags_new();
	char *got = read_text("good.tsv", &status, &plan);
	ck_assert_int_eq(status, RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	struct rk_solve_report nodes = { .model = "sessions a period 1",
					 .result = RK_MIP_FEASIBLE,
					 .objective = 40,
					 .gap = 0.125,
					 .rows = 12,
					 .cols = 30,
					 .stop = RK_MIP_NODE_LIMIT,
					 .nodes = 1001 };
	ck_assert_int_eq(rk_plan_add_report(plan, nodes), RK_OK);
	ck_assert_int_eq(rk_plan_summary_write(school, year, plan, tmp_a),
			 RK_OK);
	char *written = rk_test_slurp(tmp_a);
	ck_assert_msg(
		strstr(written,
		       "\nSolver\n"
		       "  sessions a period 1: haalbaar (gestopt door de knopenlimiet), doelwaarde 40, gap 12.50%, 12 rijen, 30 kolommen\n"),
		"%s", written);
	ck_assert_ptr_null(strstr(written, "Let op"));
	free(written);
	struct rk_solve_report clock = nodes;
	clock.model = "sessions b period 1";
	clock.stop = RK_MIP_TIME_LIMIT;
	ck_assert_int_eq(rk_plan_add_report(plan, clock), RK_OK);
	ck_assert_int_eq(rk_plan_summary_write(school, year, plan, tmp_a),
			 RK_OK);
	written = rk_test_slurp(tmp_a);
	ck_assert_msg(
		strstr(written,
		       "  sessions b period 1: haalbaar (gestopt door de tijdslimiet), doelwaarde 40, gap 12.50%, 12 rijen, 30 kolommen\n"
		       "  Let op: 1 model stopte door de tijdslimiet. Op een andere of drukkere machine kan dit plan anders uitvallen; geef een ruimere --time-limit.\n"),
		"%s", written);
	free(written);
	rk_schoolyear_free(year);
	rk_diags_free(diags);
	rk_plan_free(plan);
	free(got);
}
END_TEST

/* A team of one forms no duo, so it gets no gezamenlijk lesontwerp,
 * lesbezoek or feedbackgesprek: summary.txt says so at the team instead
 * of leaving its duo lines out without a word. */
START_TEST(test_summary_team_of_one)
{
	enum rk_status status;
	struct rk_plan *plan = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_diags *diags = rk_diags_new();
	char *got = read_text("good.tsv", &status, &plan);
	ck_assert_int_eq(status, RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	rk_school_team_at(school, 1)->n_members = 1;
	ck_assert_int_eq(rk_plan_summary_write(school, year, plan, tmp_a),
			 RK_OK);
	char *written = rk_test_slurp(tmp_a);
	ck_assert_msg(
		strstr(written,
		       "talen (Team Talen)\n"
		       "  moment    dinsdag 15:30-16:00\n"
		       "  duo's     geen: het team heeft 1 lid, een duo 2; dus geen gezamenlijk lesontwerp, lesbezoek of feedbackgesprek\n"
		       "leerKRACHT-team\n"),
		"%s", written);
	/* A team of two or more without duos in the plan says nothing. */
	ck_assert_ptr_null(strstr(written, "exact (Team Exact)\n"
					   "  moment    maandag 15:30-16:00\n"
					   "  duo's"));
	free(written);
	rk_schoolyear_free(year);
	rk_diags_free(diags);
	rk_plan_free(plan);
	free(got);
}
END_TEST

static struct rk_event *add(struct rk_plan *plan, const char *id,
			    enum rk_event_kind kind, const char *date,
			    int start, int end)
{
	struct rk_event *ev = rk_plan_add_event(plan);
	ck_assert_ptr_nonnull(ev);
	ev->id = id;
	ev->kind = kind;
	ev->date = ev->opens = day(date);
	ev->start = start;
	ev->end = end;
	return ev;
}

/* Texts that need quoting, an all-day event, a meting's window, a trio,
 * the leerKRACHT-team, a violation; events out of order. */
static struct rk_plan *tricky_plan(void)
{
	struct rk_plan *plan = rk_plan_new();
	int exact = rk_school_find_team(school, "exact");
	ck_assert_ptr_nonnull(plan);
	rk_plan_add_period(plan,
			   (struct rk_period){ 1, "uitbouwen", 7, 12, 5, 0 });
	rk_plan_add_moment(plan, (struct rk_moment){ -1, 4, 480, 510, 0 });
	rk_plan_add_duo(plan, (struct rk_duo){ exact, 1, who("P04"), who("P05"),
					       who("P06"), 0 });
	struct rk_event *ev =
		add(plan, "z", RK_EV_LKTEAM, "2026-09-18", 480, 510);
	ev->title = " starts with a space";
	ev->agenda = "ends with a space ";
	ev->location = "a\ttab";
	ev->group = "a\rcarriage return";
	rk_event_add_part(plan, ev, who("SL"), RK_PART_ATTENDEE);
	ev = add(plan, "y", RK_EV_STARTDAG, "2026-09-17", -1, -1);
	ev->title = "\"quoted\" and \"\"doubled\"\"";
	ev->agenda = "two\nlines";
	ev->violation = true;
	ev->violation_text = "rule 2";
	rk_event_add_part(plan, ev, who("P01"), RK_PART_ATTENDEE);
	rk_event_add_part(plan, ev, who("P02"), RK_PART_HOST);
	ev = add(plan, "x", RK_EV_METING, "2026-10-01", -1, -1);
	ev->opens = day("2026-09-14");
	ev->title = "Thermometer";
	ev->violation = true; /* without a text */
	return plan;
}

/* write, read, write: the same bytes. */
START_TEST(test_round_trip)
{
	struct rk_plan *plan = tricky_plan();
	struct rk_plan *back = NULL;
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_plan_file_write(school, plan, tmp_a), RK_OK);
	ck_assert_int_eq(rk_plan_file_read(school, tmp_a, &back, diags), RK_OK);
	ck_assert_uint_eq(rk_diags_count(diags), 0);
	ck_assert_int_eq(rk_plan_file_write(school, back, tmp_b), RK_OK);
	char *a = rk_test_slurp(tmp_a);
	char *b = rk_test_slurp(tmp_b);
	ck_assert_str_eq(a, b);
	const struct rk_event *y = rk_plan_event(back, 0);
	ck_assert_str_eq(y->id, "y");
	ck_assert_str_eq(y->title, "\"quoted\" and \"\"doubled\"\"");
	ck_assert_str_eq(y->agenda, "two\nlines");
	ck_assert_int_eq(y->start, -1);
	ck_assert(y->violation);
	ck_assert_int_eq(y->parts[1].role, RK_PART_HOST);
	const struct rk_event *z = rk_plan_event(back, 1);
	ck_assert_str_eq(z->title, " starts with a space");
	ck_assert_str_eq(z->agenda, "ends with a space ");
	ck_assert_str_eq(z->location, "a\ttab");
	ck_assert_str_eq(z->group, "a\rcarriage return");
	ck_assert_int_eq(z->team, -1);
	ck_assert_int_eq(z->source_line, 7);
	const struct rk_event *x = rk_plan_event(back, 2);
	ck_assert_int_eq(x->opens, day("2026-09-14"));
	ck_assert_str_eq(x->violation_text, "violation");
	ck_assert_int_eq(rk_plan_duo(back, 0)->c, who("P06"));
	ck_assert_int_eq(rk_plan_period(back, 0)->verbinding_date, 0);
	free(a);
	free(b);
	rk_diags_free(diags);
	rk_plan_free(back);
	rk_plan_free(plan);
}
END_TEST

START_TEST(test_write_bad_index)
{
	struct rk_plan *plan = tricky_plan();
	rk_event_add_part(plan, rk_plan_event_at(plan, 0), 99,
			  RK_PART_ATTENDEE);
	ck_assert_int_eq(rk_plan_file_write(school, plan, tmp_a), RK_ERR_ARG);
	ck_assert_int_ne(access(tmp_a, F_OK), 0);
	rk_plan_free(plan);
}
END_TEST

START_TEST(test_bad_version)
{
	expect("bad-version.tsv", RK_ERR_INPUT,
	       D
	       "bad-version.tsv:1:2: error: unsupported plan format version 2 (this ritmiek reads 1)\n");
}
END_TEST

START_TEST(test_other_school)
{
	expect("other-school.tsv", RK_ERR_INPUT,
	       D
	       "other-school.tsv:1:3: error: the plan is for school 'other', not for 'test'\n");
}
END_TEST

START_TEST(test_empty)
{
	expect("empty.tsv", RK_ERR_INPUT,
	       D "empty.tsv: error: empty plan file: no plan line\n");
}
END_TEST

START_TEST(test_missing)
{
	expect("missing.tsv", RK_ERR_IO,
	       D
	       "missing.tsv: error: cannot read plan file: No such file or directory\n");
}
END_TEST

START_TEST(test_no_plan_line)
{
	expect("no-plan-line.tsv", RK_ERR_INPUT,
	       D
	       "no-plan-line.tsv:1:1: error: the plan file must start with a plan line\n");
}
END_TEST

START_TEST(test_bad_quote)
{
	expect("bad-quote.tsv", RK_ERR_INPUT,
	       D "bad-quote.tsv:7: error: malformed quoting\n");
}
END_TEST

#define M D "many-problems.tsv:"

START_TEST(test_many_problems)
{
	expect("many-problems.tsv", RK_ERR_INPUT,
	       M
	       "1:4: error: the plan is for school year 2025-2026, not for 2026-2027\n" M
	       "1:5: error: the plan is in time zone 'UTC', not in 'Europe/Amsterdam'\n" M
	       "2:4: error: 2026-09-15 is a dinsdag, not a maandag\n" M
	       "3:2: error: period 3 where period 2 comes next; periods are numbered 1, 2, 3 ...\n" M
	       "4:3: error: unknown phase 'afbouwen'; expected 'aan de slag' or 'uitbouwen'\n" M
	       "4:4: error: 2027-08-02 lies outside the school year 2026-2027\n" M
	       "4:6: error: bad number of weeks 'x'\n" M
	       "4:7: error: bad date '2027-02-30'; 30 February 2027 does not exist\n" M
	       "5:5: error: the last week 2026-11-02 comes before the first week 2026-11-30\n" M
	       "6:2: error: unknown team 'exakt'; did you mean 'exact'?\n" M
	       "6:3: error: bad weekday 'za'; expected ma, di, wo, do or vr\n" M
	       "6:5: error: bad time '25:00'; expected HH:MM\n" M
	       "7:5: error: end 15:30 is not after start 16:00\n" M
	       "8:2: error: a second moment for 'exact' without a date from which it holds; the first is on line 7\n" M
	       "9:1: error: a moment line has 4 fields; expected 5\n" M
	       "10:3: error: unknown period 4; the plan has 3\n" M
	       "10:5: error: unknown person 'P99'; did you mean 'P09'?\n" M
	       "11:5: error: 'P07' is twice in the duo\n" M
	       "12:3: error: unknown event kind 'bordsesie'; did you mean 'bordsessie'?\n" M
	       "12:4: error: bad date '2026-02-30'; 30 February 2026 does not exist\n" M
	       "12:6: error: a start and an end time, or neither for an all-day event\n" M
	       "12:8: error: unknown team 'exakt'; did you mean 'exact'?\n" M
	       "12:9: error: bad period 'x'\n" M
	       "13:7: error: opens 2026-09-13 is not the date 2026-09-14; only a meting has a window\n" M
	       "13:10: error: week 0 in period 1; weeks in a period count from 1\n" M
	       "13:11: error: unknown person 'P1'; did you mean 'P01'?\n" M
	       "13:11: error: unknown role 'gast' of 'P02'; expected attendee, host or visitor\n" M
	       "13:11: error: bad participant 'P03'; expected ID:ROLE\n" M
	       "13:11: error: 'P04' is listed twice\n" M
	       "13:11: error: an empty participant\n" M
	       "14:7: error: the window opens on 2026-09-20, after its deadline 2026-09-14\n" M
	       "14:10: error: week 3 outside periods; it must be 0\n" M
	       "16:1: error: an event line has 15 fields; expected 16\n" M
	       "17:1: error: unknown record type 'evnt'; did you mean 'event'?\n" M
	       "18:1: error: a line of type duo after the event lines; lines come in the order plan, period, moment, duo, timetable, absence, event\n" M
	       "19:1: error: a second plan line; the first is on line 1\n" M
	       "20:1: error: a line of type absence after the event lines; lines come in the order plan, period, moment, duo, timetable, absence, event\n" M
	       "20:2: error: unknown person 'P99'; did you mean 'P09'?\n" M
	       "21:1: error: a line of type absence after the event lines; lines come in the order plan, period, moment, duo, timetable, absence, event\n" M
	       "21:4: error: an absence cannot end (2026-10-01) before it begins (2026-10-05)\n" M
	       "15:2: error: duplicate event id 'e1'; the first is on line 12\n");
}
END_TEST

Suite *suite_plan_file(void)
{
	Suite *s = suite_create("plan_file");
	TCase *tc = tcase_create("plan_file");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fixture_round_trip);
	tcase_add_test(tc, test_fixture_verifies);
	tcase_add_test(tc, test_hand_edit_caught);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_summary_team_of_one);
	tcase_add_test(tc, test_summary_stopped_models);
	tcase_add_test(tc, test_write_bad_index);
	tcase_add_test(tc, test_bad_version);
	tcase_add_test(tc, test_other_school);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_no_plan_line);
	tcase_add_test(tc, test_bad_quote);
	tcase_add_test(tc, test_many_problems);
	suite_add_tcase(s, tc);
	return s;
}
