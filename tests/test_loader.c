#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "loader.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

/* Loads tests/data/school/@name and returns every diagnostic as text, with
 * paths relative to $srcdir; the status goes to @status. */
static char *load_text(const char *name, enum rk_status *status)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/school/%s", name);
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	*status = rk_load_school(path, NULL, &school, diags);
	ck_assert(*status == RK_OK ? school != NULL : school == NULL);
	char *text = rk_test_diags_text(diags);
	rk_school_free(school);
	rk_diags_free(diags);
	free(path);
	return text;
}

static void expect(const char *name, enum rk_status want, const char *text)
{
	enum rk_status status;
	char *got = load_text(name, &status);
	ck_assert_str_eq(got, text);
	ck_assert_int_eq(status, want);
	free(got);
}

START_TEST(test_base_is_clean)
{
	expect("base.yaml", RK_OK, "");
}
END_TEST

#define D "tests/data/school/"

START_TEST(test_unknown_member)
{
	expect("unknown-member.yaml", RK_ERR_INPUT,
	       D
	       "unknown-member.yaml:18:40: error: unknown person 'P6' in team 'exact'; did you mean 'P06'?\n" D
	       "people.csv:7:1: warning: teacher 'P06' (Fenna de Graaf) is in no team\n");
}
END_TEST

START_TEST(test_two_teams)
{
	expect("two-teams.yaml", RK_ERR_INPUT,
	       D
	       "two-teams.yaml:22:45: error: person 'P03' is in two teams: 'exact' and 'talen'\n");
}
END_TEST

START_TEST(test_coach_not_member)
{
	expect("coach-not-member.yaml", RK_ERR_INPUT,
	       D
	       "coach-not-member.yaml:23:18: error: schoolcoach 'P01' is not a member of team 'talen'\n");
}
END_TEST

START_TEST(test_small_team)
{
	expect("small-team.yaml", RK_OK,
	       D
	       "small-team.yaml:20:5: warning: team 'talen' has 4 members; 5 to 10 work best\n" D
	       "people.csv:12:1: warning: teacher 'P11' (Kim Hendriks) is in no team\n" D
	       "people.csv:13:1: warning: teacher 'P12' (Lotte van Dijk) is in no team\n");
}
END_TEST

START_TEST(test_timetable_unknown_person)
{
	expect("timetable-unknown-person.yaml", RK_ERR_INPUT,
	       D
	       "rooster-unknown.csv:3:1: error: unknown person 'P13' in the timetable; did you mean 'P03'?\n" D
	       "rooster-unknown.csv:4:1: error: unknown person 'P0l' in the timetable; did you mean 'P01'?\n");
}
END_TEST

START_TEST(test_lesson_outside_grid)
{
	expect("lesson-outside-grid.yaml", RK_ERR_INPUT,
	       D
	       "rooster-outside.csv:2:1: error: lesson on maandag 12:10-13:00 is outside the time grid (08:30-12:10)\n" D
	       "rooster-outside.csv:3:1: error: lesson on maandag 07:40-08:30 is outside the time grid (08:30-12:10)\n");
}
END_TEST

START_TEST(test_duplicate_id)
{
	expect("duplicate-id.yaml", RK_ERR_INPUT,
	       D
	       "people-dup.csv:15:1: error: duplicate person id 'P04' (first defined at line 5)\n");
}
END_TEST

START_TEST(test_no_calendar)
{
	enum rk_status status;
	char *got = load_text("no-calendar.yaml", &status);
	ck_assert_int_eq(status, RK_ERR_INPUT);
	ck_assert_msg(
		strstr(got, D
		       "no-calendar.yaml:7:16: error: no holiday calendar for school year 2031-2032 (looked for ") ==
			got,
		"%s", got);
	ck_assert_ptr_nonnull(strstr(got, "/2031-2032.ics)\n"));
	free(got);
}
END_TEST

START_TEST(test_bad_timezone)
{
	expect("bad-timezone.yaml", RK_ERR_INPUT,
	       D
	       "bad-timezone.yaml:8:13: error: unknown time zone 'Europe/Amsterdm'\n");
}
END_TEST

START_TEST(test_unknown_holiday)
{
	expect("unknown-holiday.yaml", RK_ERR_INPUT,
	       D
	       "unknown-holiday.yaml:30:3: error: unknown holiday 'herfstvakanti'; did you mean 'herfstvakantie'?\n");
}
END_TEST

/* Problems in three files at once: every one is reported, school file
 * first, then the people file and the timetable. */
START_TEST(test_many)
{
	expect("many.yaml", RK_ERR_INPUT,
	       D
	       "many.yaml:18:40: error: unknown person 'P6' in team 'exact'; did you mean 'P06'?\n" D
	       "many.yaml:23:18: error: schoolcoach 'P01' is not a member of team 'talen'\n" D
	       "people-dup.csv:7:1: warning: teacher 'P06' (Fenna de Graaf) is in no team\n" D
	       "people-dup.csv:15:1: error: duplicate person id 'P04' (first defined at line 5)\n" D
	       "rooster-unknown.csv:3:1: error: unknown person 'P13' in the timetable; did you mean 'P03'?\n" D
	       "rooster-unknown.csv:4:1: error: unknown person 'P0l' in the timetable; did you mean 'P01'?\n");
}
END_TEST

/* The school year 2026-2027 per region, from the real calendar file. The
 * expected numbers were counted by python3-icalendar from the same file,
 * independently of ritmiek. */
static void expect_year(const char *name, size_t school_days, size_t weeks,
			int first_monday, int last_monday)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/school/%s", name);
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	ck_assert_uint_eq(rk_schoolyear_school_days(year), school_days);
	ck_assert_uint_eq(rk_schoolyear_teaching_weeks(year), weeks);
	int first = -1, last = -1;
	for (size_t w = 0; w < rk_schoolyear_n_weeks(year); w++) {
		const struct rk_week *wk = rk_schoolyear_week(year, w);
		if (!wk->teaching)
			continue;
		if (first < 0)
			first = wk->monday;
		last = wk->monday;
	}
	ck_assert_int_eq(first, first_monday);
	ck_assert_int_eq(last, last_monday);
	rk_schoolyear_free(year);
	rk_school_free(school);
	rk_diags_free(diags);
	free(path);
}

START_TEST(test_year_per_region)
{
	expect_year("region-noord.yaml", 206, 42, rk_date_from_ymd(2026, 8, 17),
		    rk_date_from_ymd(2027, 7, 5));
	expect_year("base.yaml", 201, 41, rk_date_from_ymd(2026, 8, 31),
		    rk_date_from_ymd(2027, 7, 12));
	expect_year("region-zuid.yaml", 206, 42, rk_date_from_ymd(2026, 8, 24),
		    rk_date_from_ymd(2027, 7, 12));
}
END_TEST

Suite *suite_loader(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("validation");
	tcase_add_test(tc, test_base_is_clean);
	tcase_add_test(tc, test_unknown_member);
	tcase_add_test(tc, test_two_teams);
	tcase_add_test(tc, test_coach_not_member);
	tcase_add_test(tc, test_small_team);
	tcase_add_test(tc, test_timetable_unknown_person);
	tcase_add_test(tc, test_lesson_outside_grid);
	tcase_add_test(tc, test_duplicate_id);
	tcase_add_test(tc, test_no_calendar);
	tcase_add_test(tc, test_bad_timezone);
	tcase_add_test(tc, test_unknown_holiday);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("calendar");
	tcase_add_test(tc, test_year_per_region);
	suite_add_tcase(s, tc);
	return s;
}
