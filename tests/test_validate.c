#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "school.h"
#include "suites.h"
#include "testutil.h"
#include "validate.h"

/* A school built in code: people P1..Pn at lines 1..n of "people.csv",
 * teams in "school.yaml", lessons in "rooster.csv". */
static struct rk_school *school;
static struct rk_diags *diags;

static struct rk_loc at(const char *file, int line, int column)
{
	return (struct rk_loc){ rk_school_strdup(school, file), line, column };
}

static void add_person(const char *id, int line)
{
	struct rk_person *p = rk_school_add_person(school);
	p->id = rk_school_strdup(school, id);
	p->name = rk_school_strdup(school, id);
	p->roles = RK_ROLE_LERAAR;
	p->workdays = RK_WORKDAYS_DEFAULT;
	p->loc = at("people.csv", line, 1);
}

/* A team whose members are given as a space-separated list of ids; the
 * i-th member is written at line @line + 1 + i, column 7. */
static struct rk_team *add_team(const char *id, int line, const char **ids,
				size_t n, const char *coach)
{
	struct rk_team *t = rk_school_add_team(school);
	t->id = rk_school_strdup(school, id);
	t->name = t->id;
	t->cohort = 1;
	t->loc = at("school.yaml", line, 5);
	t->members = rk_school_alloc(school, n, sizeof(*t->members));
	t->n_members = n;
	for (size_t i = 0; i < n; i++)
		t->members[i] = (struct rk_ref){
			rk_school_strdup(school, ids[i]),
			at("school.yaml", line + 1 + (int)i, 7), -1
		};
	t->coach = (struct rk_ref){ rk_school_strdup(school, coach),
				    at("school.yaml", line + 9, 18), -1 };
	return t;
}

static void setup(void)
{
	school = rk_school_new();
	diags = rk_diags_new();
	rk_school_info(school)->year = 2026;
	struct rk_grid *g = rk_school_grid(school, 0);
	g->hours = rk_school_alloc(school, 2, sizeof(*g->hours));
	g->n = 2;
	g->hours[0] = (struct rk_lesuur){ 1, 8 * 60 + 30, 9 * 60 + 20, { 0 } };
	g->hours[1] = (struct rk_lesuur){ 2, 9 * 60 + 20, 10 * 60 + 10, { 0 } };
	char id[8];
	for (int i = 1; i <= 12; i++) {
		snprintf(id, sizeof(id), "P%d", i);
		add_person(id, i + 1);
	}
	add_person("SL", 14);
	rk_school_person_at(school, 12)->roles = RK_ROLE_SCHOOLLEIDER;
	struct rk_team *lk = rk_school_lkteam(school);
	lk->members = rk_school_alloc(school, 1, sizeof(*lk->members));
	lk->members[0] = (struct rk_ref){ rk_school_strdup(school, "SL"),
					  at("school.yaml", 61, 13), -1 };
	lk->n_members = 1;
	lk->loc = at("school.yaml", 60, 1);
}

static void teardown(void)
{
	rk_school_free(school);
	rk_diags_free(diags);
}

static void expect(const char *text)
{
	rk_diags_sort(diags);
	char *got = rk_test_diags_text(diags);
	ck_assert_str_eq(got, text);
	free(got);
}

START_TEST(test_clean)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	ck_assert_int_eq(rk_school_validate(school, diags), RK_OK);
	expect("");
	ck_assert_int_eq(rk_school_get_team(school, 1)->members[5].index, 11);
	ck_assert_int_eq(rk_school_get_team(school, 1)->coach.index, 11);
}
END_TEST

START_TEST(test_team_problems)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "Q6", "P2" };
	const char *b[] = { "P7", "P8", "P9", "P3" };
	add_team("exact", 10, a, 7, "P7");
	add_team("talen", 30, b, 4, "P99");
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("school.yaml:16:7: error: unknown person 'Q6' in team 'exact'; did you mean 'P6'?\n"
	       "school.yaml:17:7: error: person 'P2' is listed twice in team 'exact'\n"
	       "school.yaml:19:18: error: schoolcoach 'P7' is not a member of team 'exact'\n"
	       "school.yaml:30:5: warning: team 'talen' has 4 members; 5 to 10 work best\n"
	       "school.yaml:34:7: error: person 'P3' is in two teams: 'exact' and 'talen'\n"
	       "school.yaml:39:18: error: unknown person 'P99' as schoolcoach of team 'talen'; did you mean 'P9'?\n"
	       "people.csv:7:1: warning: teacher 'P6' (P6) is in no team\n"
	       "people.csv:11:1: warning: teacher 'P10' (P10) is in no team\n"
	       "people.csv:12:1: warning: teacher 'P11' (P11) is in no team\n"
	       "people.csv:13:1: warning: teacher 'P12' (P12) is in no team\n");
}
END_TEST

START_TEST(test_duplicates)
{
	add_person("P3", 20);
	const char *a[] = { "P1", "P2", "P3", "P4", "P5" };
	add_team("exact", 30, a, 5, "P1");
	add_team("exact", 50, a + 1, 4, "P2");
	rk_school_validate(school, diags);
	rk_diags_sort(diags);
	char *got = rk_test_diags_text(diags);
	ck_assert_ptr_nonnull(strstr(
		got,
		"people.csv:20:1: error: duplicate person id 'P3' (first defined at line 4)\n"));
	ck_assert_ptr_nonnull(strstr(
		got,
		"school.yaml:50:5: error: duplicate team id 'exact' (first defined at line 30)\n"));
	free(got);
}
END_TEST

START_TEST(test_lessons)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	rk_school_person_at(school, 1)->workdays = 0x1e; /* not Monday */
	struct {
		const char *who;
		int day, start, end;
	} rows[] = {
		{ "P1", 0, 510, 560 },	/* fine */
		{ "PX1", 0, 510, 560 }, /* unknown */
		{ "P1", 0, 450, 500 },	/* before the grid */
		{ "P1", 2, 510, 560 },	/* no grid on Wednesday */
		{ "P2", 0, 560, 610 },	/* P2 does not work on Monday */
	};
	for (int i = 0; i < 5; i++) {
		struct rk_lesson *l = rk_school_add_lesson(school);
		rk_lesson_init(l);
		l->person.id = rk_school_strdup(school, rows[i].who);
		l->person.loc = at("rooster.csv", i + 1, 1);
		l->loc = l->person.loc;
		l->weekday = rows[i].day;
		l->start = rows[i].start;
		l->end = rows[i].end;
	}
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("rooster.csv:2:1: error: unknown person 'PX1' in the timetable; did you mean 'P1'?\n"
	       "rooster.csv:3:1: error: lesson on maandag 07:30-08:20 is outside the time grid (08:30-10:10)\n"
	       "rooster.csv:4:1: error: lesson on woensdag 08:30-09:20 is outside the time grid (no lessons on woensdag)\n"
	       "rooster.csv:5:1: warning: lesson of 'P2' on maandag, which is not one of their working days\n");
}
END_TEST

START_TEST(test_holiday_override)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	struct rk_dayoff *d = rk_school_add_dayoff(school);
	d->key = "herfstvakantie";
	d->name = "Herfstvakantie";
	struct rk_holiday_override *o = rk_school_add_holiday_override(school);
	o->key = "herfstvakanti";
	o->loc = at("school.yaml", 70, 3);
	o = rk_school_add_holiday_override(school);
	o->key = "paasvakantie";
	o->loc = at("school.yaml", 71, 3);
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("school.yaml:70:3: error: unknown holiday 'herfstvakanti'; did you mean 'herfstvakantie'?\n"
	       "school.yaml:71:3: error: unknown holiday 'paasvakantie' in the calendar of this school year\n");
}
END_TEST

/* An external date in another school year passed check with a warning,
 * and plan then refused the plan ("a hard rule the planner did not
 * report"): it is an error of check, at the date. */
START_TEST(test_external_outside_year)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	struct rk_external *e = rk_school_add_external(school);
	e->kind = RK_EXT_FORUM;
	e->name = "forum I";
	e->date = rk_date_from_ymd(2025, 10, 8);
	e->loc = at("school.yaml", 80, 5);
	e->date_loc = at("school.yaml", 82, 11);
	e = rk_school_add_external(school);
	e->kind = RK_EXT_WEBINAR;
	e->name = "webinar";
	e->date = rk_date_from_ymd(2026, 11, 21);
	e->loc = at("school.yaml", 84, 5);
	e->date_loc = at("school.yaml", 84, 40);
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("school.yaml:82:11: error: forum 'forum I' on 2025-10-08 lies outside the school year 2026-2027\n");
}
END_TEST

/* The same for a meting whose deadline (the day of its event) is in
 * another year; one that opens before 1 August is fine. */
START_TEST(test_meting_outside_year)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	struct rk_meting_override *m = rk_school_add_meting_override(school);
	m->kind = RK_METING_CULTUURSURVEY_START;
	m->opens = rk_date_from_ymd(2025, 9, 14);
	m->deadline = rk_date_from_ymd(2025, 9, 30);
	m->loc = at("school.yaml", 90, 5);
	m = rk_school_add_meting_override(school);
	m->kind = RK_METING_BAROMETER;
	m->opens = rk_date_from_ymd(2026, 7, 20);
	m->deadline = rk_date_from_ymd(2026, 9, 18);
	m->loc = at("school.yaml", 91, 5);
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("school.yaml:90:5: error: meting 'cultuursurvey_start' with deadline 2025-09-30 lies outside the school year 2026-2027\n");
}
END_TEST

/* A team of one forms no duo: the warning says what the team goes
 * without, in the singular. */
START_TEST(test_team_of_one)
{
	const char *a[] = { "P1" };
	const char *b[] = { "P2", "P3", "P4",  "P5",  "P6", "P7",
			    "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 1, "P1");
	add_team("talen", 30, b, 10, "P2");
	ck_assert_int_eq(rk_school_validate(school, diags), RK_OK);
	expect("school.yaml:10:5: warning: team 'exact' has 1 member, so it forms no duo: no gezamenlijk lesontwerp, lesbezoek or feedbackgesprek for it; 5 to 10 work best\n"
	       "people.csv:13:1: warning: teacher 'P12' (P12) is in no team\n");
}
END_TEST

/* Own dates for a holiday that lie wholly in another school year (a typo
 * in the year) would leave the school without that holiday: sessions in
 * the herfstvakantie, the A/B weeks shifted, and no word about it. */
START_TEST(test_holiday_override_wrong_year)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	rk_school_info(school)->region = RK_REGION_MIDDEN;
	struct rk_dayoff *d = rk_school_add_dayoff(school);
	d->key = "herfstvakantie";
	d->name = "Herfstvakantie";
	d->regions = 1u << RK_REGION_NOORD;
	d->from = rk_date_from_ymd(2026, 10, 10);
	d->to = rk_date_from_ymd(2026, 10, 18);
	d = rk_school_add_dayoff(school);
	d->key = "herfstvakantie";
	d->name = "Herfstvakantie";
	d->regions = 1u << RK_REGION_MIDDEN;
	d->from = rk_date_from_ymd(2026, 10, 17);
	d->to = rk_date_from_ymd(2026, 10, 25);
	d = rk_school_add_dayoff(school);
	d->key = "zomervakantie";
	d->name = "Zomervakantie";
	d->regions = RK_REGIONS_ALL;
	d->from = rk_date_from_ymd(2027, 7, 17);
	d->to = rk_date_from_ymd(2027, 8, 29);
	struct rk_holiday_override *o = rk_school_add_holiday_override(school);
	o->key = "herfstvakantie";
	o->from = rk_date_from_ymd(2025, 10, 16);
	o->to = rk_date_from_ymd(2025, 10, 25);
	o->loc = at("school.yaml", 70, 3);
	/* Partly in the year is a summer holiday as it should be. */
	o = rk_school_add_holiday_override(school);
	o->key = "zomervakantie";
	o->from = rk_date_from_ymd(2027, 7, 10);
	o->to = rk_date_from_ymd(2027, 8, 22);
	o->loc = at("school.yaml", 71, 3);
	ck_assert_int_eq(rk_school_validate(school, diags), RK_ERR_INPUT);
	expect("school.yaml:70:3: error: holiday 'herfstvakantie' from 2025-10-16 to 2025-10-25 lies outside the school year 2026-2027, so the school would have no herfstvakantie (the calendar of regio midden has 2026-10-17 to 2026-10-25)\n");
}
END_TEST

/* A school needs teachers and a schoolleider. */
START_TEST(test_roles)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, "P12");
	rk_school_info(school)->loc = at("school.yaml", 2, 1);
	rk_school_person_at(school, 12)->roles = RK_ROLE_MT;
	struct rk_team *lk = rk_school_lkteam(school);
	lk->n_members = 0;
	lk->loc = (struct rk_loc){ 0 };
	ck_assert_int_eq(rk_school_validate(school, diags), RK_OK);
	/* An empty leerKRACHT-team is for check and plan to refuse
	 * (test_precheck.c), not for every command that reads the file. */
	expect("school.yaml:2:1: warning: no one has the role schoolleider: the school leader joins the leerKRACHT-team and the teams' sessions\n");
	rk_diags_free(diags);
	diags = rk_diags_new();
	for (size_t i = 0; i < rk_school_n_person(school); i++)
		rk_school_person_at(school, i)->roles = RK_ROLE_OOP;
	rk_school_validate(school, diags);
	rk_diags_sort(diags);
	char *got = rk_test_diags_text(diags);
	ck_assert_ptr_nonnull(strstr(
		got,
		"school.yaml:2:1: warning: the school has no teachers (role leraar): there is nothing to plan\n"));
	ck_assert_ptr_null(strstr(got, "schoolleider"));
	free(got);
}
END_TEST

/* A team without schoolcoach; a leerKRACHT-team written without members
 * is not validation's to say (rk_precheck_dates). */
START_TEST(test_empty_roles)
{
	const char *a[] = { "P1", "P2", "P3", "P4", "P5", "P6" };
	const char *b[] = { "P7", "P8", "P9", "P10", "P11", "P12" };
	add_team("exact", 10, a, 6, "P1");
	add_team("talen", 30, b, 6, NULL);
	rk_school_lkteam(school)->n_members = 0;
	ck_assert_int_eq(rk_school_validate(school, diags), RK_OK);
	expect("school.yaml:30:5: warning: team 'talen' has no schoolcoach\n");
}
END_TEST

Suite *suite_validate(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clean);
	tcase_add_test(tc, test_team_problems);
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_lessons);
	tcase_add_test(tc, test_holiday_override);
	tcase_add_test(tc, test_external_outside_year);
	tcase_add_test(tc, test_meting_outside_year);
	tcase_add_test(tc, test_team_of_one);
	tcase_add_test(tc, test_holiday_override_wrong_year);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_empty_roles);
	suite_add_tcase(s, tc);
	return s;
}
