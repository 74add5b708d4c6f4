#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	ck_assert_ptr_nonnull(
		strstr(got, "/2031-2032.ics); there are calendars for 2025-"));
	free(got);
}
END_TEST

/* Loads tests/data/school/@name with the calendars of @dir. */
static char *load_text_with(const char *name, const char *dir,
			    enum rk_status *status)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/school/%s", name);
	char *path = rk_test_path(rel);
	struct rk_load_options options = { .calendar_dir = dir };
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	*status = rk_load_school(path, &options, &school, diags);
	char *text = rk_test_diags_text(diags);
	rk_school_free(school);
	rk_diags_free(diags);
	free(path);
	return text;
}

/* The error for a year without a calendar names the years there are. */
START_TEST(test_no_calendar_names_years)
{
	char *dir = rk_test_path("calendars");
	char want[1024];
	enum rk_status status;
	char *got = load_text_with("no-calendar.yaml", dir, &status);
	snprintf(want, sizeof(want),
		 D "no-calendar.yaml:7:16: error: no holiday calendar for "
		   "school year 2031-2032 (looked for %s/2031-2032.ics); there "
		   "are calendars for 2025-2026, 2026-2027, 2027-2028 and "
		   "2028-2029\n",
		 dir);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(status, RK_ERR_INPUT);
	free(got);
	free(dir);
}
END_TEST

/* A folder of calendars for 2026-2027 whose X-RITMIEK-STATUS is @status
 * (none for NULL): the shipped file with that line added after CALSCALE.
 * Returns the folder's name in @dir (a mkdtemp template). */
static void status_calendar(char *dir, const char *status)
{
	char *src = rk_test_path("calendars/2026-2027.ics");
	char *text = rk_test_slurp(src);
	char path[512];
	char *at = strstr(text, "CALSCALE:GREGORIAN\r\n");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_ptr_nonnull(at);
	at = strchr(at, '\n') + 1;
	snprintf(path, sizeof(path), "%s/2026-2027.ics", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, (size_t)(at - text), f);
	if (status)
		fprintf(f, "X-RITMIEK-STATUS:%s\r\n", status);
	fputs(at, f);
	ck_assert_int_eq(fclose(f), 0);
	free(text);
	free(src);
}

static void remove_status_calendar(const char *dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/2026-2027.ics", dir);
	unlink(path);
	rmdir(dir);
}

/* check and plan say plainly when a year's dates may still change. */
START_TEST(test_year_status_warnings)
{
	/* The diagnostics are @before, the calendar's path, @after; none
	 * when both are empty. */
	static const struct {
		const char *status;
		enum rk_status want;
		const char *before, *after;
	} cases[] = {
		{ NULL, RK_OK, "", "" },
		{ "PUBLISHED", RK_OK, "", "" },
		{ "ADVISORY", RK_OK,
		  D "base.yaml:7:16: warning: the holiday dates of 2026-2027 "
		    "are advice of the Rijksoverheid (adviesdata), not fixed "
		    "dates: check them against the school's own and put those "
		    "that differ under 'holidays:' (calendar ",
		  ")\n" },
		{ "unpublished", RK_OK,
		  D "base.yaml:7:16: warning: the Rijksoverheid has not yet "
		    "published the holidays of 2026-2027: the dates in ",
		  " are derived from the summer rota and may change; check "
		  "them once they are published and put those that differ "
		  "under 'holidays:'\n" },
		{ "MAYBE", RK_ERR_INPUT, "",
		  ":5: error: X-RITMIEK-STATUS must be PUBLISHED, ADVISORY or "
		  "UNPUBLISHED, not 'MAYBE'\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char dir[] = "/tmp/rk-calendars-XXXXXX";
		char want[1024] = "";
		enum rk_status status;
		status_calendar(dir, cases[i].status);
		if (*cases[i].before || *cases[i].after)
			snprintf(want, sizeof(want), "%s%s/2026-2027.ics%s",
				 cases[i].before, dir, cases[i].after);
		char *got = load_text_with("base.yaml", dir, &status);
		ck_assert_msg(!strcmp(got, want), "%s: got\n%s",
			      cases[i].status ? cases[i].status : "(none)",
			      got);
		ck_assert_int_eq(status, cases[i].want);
		free(got);
		remove_status_calendar(dir);
	}
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
	tcase_add_test(tc, test_no_calendar_names_years);
	tcase_add_test(tc, test_year_status_warnings);
	tcase_add_test(tc, test_bad_timezone);
	tcase_add_test(tc, test_unknown_holiday);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("calendar");
	tcase_add_test(tc, test_year_per_region);
	suite_add_tcase(s, tc);
	return s;
}
