/* Tests of the iCalendar timetable importer: recurrence, exceptions,
 * cancellations, transparent and all-day events, a New York feed. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "importer.h"
#include "school.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"
#include "timetable_ical.h"

struct loaded {
	struct rk_school *school;
	struct rk_diags *diags;
	enum rk_status status;
};

/* The school of tests/data/ical/ with the feeds @rel, or its own. */
static struct loaded load(const char *rel)
{
	struct loaded t = { NULL, rk_diags_new(), RK_OK };
	char *path = rk_test_path("tests/data/ical/school.yaml");
	ck_assert_int_eq(rk_school_yaml_load(path, &t.school, t.diags), RK_OK);
	free(path);
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(t.school, 0);
	path = rel ? rk_test_path(rel) : NULL;
	t.status = rk_timetable_ical_load(t.school, rel ? path : src->path,
					  t.diags);
	free(path);
	return t;
}

static void unload(struct loaded *t)
{
	rk_school_free(t->school);
	rk_diags_free(t->diags);
}

static int date(int y, int m, int d)
{
	return rk_date_from_ymd(y, m, d);
}

static void assert_lesson(const struct rk_lesson *l, const char *person,
			  int weekday, const char *start, const char *end,
			  int from, int to, int lesuur, int line)
{
	int s, e;
	ck_assert(rk_time_parse(start, &s));
	ck_assert(rk_time_parse(end, &e));
	ck_assert_str_eq(l->person.id, person);
	ck_assert_int_eq(l->weekday, weekday);
	ck_assert_int_eq(l->start, s);
	ck_assert_int_eq(l->end, e);
	ck_assert_int_eq(l->valid_from, from);
	ck_assert_int_eq(l->valid_to, to);
	ck_assert_int_eq(l->lesuur, lesuur);
	ck_assert_int_eq(l->loc.line, line);
	ck_assert_int_eq(l->week, RK_AB_BOTH);
}

/* JDV.ics: a weekly lesson with an EXDATE (14 Sept), a moved instance
 * (21 Sept, 10:30) and a cancelled one (28 Sept); a transparent, an
 * all-day, a cancelled and a last-year event that keep no one busy; a
 * one-off meeting. Weekly instances a week apart are one lesson. */
START_TEST(test_jdv)
{
	struct loaded t = load(NULL);
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 7);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	assert_lesson(l, "JDV", 0, "08:30", "09:20", date(2026, 8, 31),
		      date(2026, 9, 7), 1, 21);
	ck_assert_str_eq(l->subject, "Wiskunde 2a");
	ck_assert_str_eq(l->room, "B1.04");
	ck_assert_str_eq(strrchr(l->loc.file, '/'), "/JDV.ics");
	assert_lesson(rk_school_get_lesson(t.school, 1), "JDV", 0, "08:30",
		      "09:20", date(2026, 10, 5), date(2026, 10, 26), 1, 21);
	assert_lesson(rk_school_get_lesson(t.school, 2), "JDV", 0, "10:30",
		      "11:20", date(2026, 9, 21), date(2026, 9, 21), 3, 31);
	l = rk_school_get_lesson(t.school, 3);
	assert_lesson(l, "JDV", 2, "14:00", "15:00", date(2026, 9, 2),
		      date(2026, 9, 2), 0, 74);
	ck_assert_str_eq(l->subject, "Sectieoverleg");
	ck_assert_ptr_null(l->room);
	unload(&t);
}
END_TEST

/* new-york.ics, PBK's by the school file: Tuesdays 03:30 New York time
 * are 09:30 in Amsterdam, but 08:30 in the week between the end of
 * summer time in Europe (25 Oct) and in the US (1 Nov). Checked apart
 * from libical with Python's zoneinfo. */
START_TEST(test_new_york)
{
	struct loaded t = load(NULL);
	ck_assert_int_eq(t.status, RK_OK);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 4);
	assert_lesson(l, "PBK", 1, "08:30", "09:20", date(2026, 10, 27),
		      date(2026, 10, 27), 1, 4);
	ck_assert_str_eq(l->room, "New York");
	assert_lesson(rk_school_get_lesson(t.school, 5), "PBK", 1, "09:30",
		      "10:20", date(2026, 9, 1), date(2026, 10, 20), 2, 4);
	assert_lesson(rk_school_get_lesson(t.school, 6), "PBK", 1, "09:30",
		      "10:20", date(2026, 11, 3), date(2026, 11, 17), 2, 4);
	unload(&t);
}
END_TEST

START_TEST(test_broken)
{
	struct loaded t = load("tests/data/ical/broken.ics");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/ical/broken.ics:4: error: unknown time zone 'Mars/Olympus'\n"
		"tests/data/ical/broken.ics:11: error: event without DTSTART\n");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 1);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	assert_lesson(l, "broken", 2, "08:30", "09:20", date(2026, 9, 2),
		      date(2026, 9, 2), 1, 16);
	unload(&t);
}
END_TEST

START_TEST(test_missing)
{
	struct loaded t = load("tests/data/ical/nothing.ics");
	ck_assert_int_eq(t.status, RK_ERR_IO);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/ical/nothing.ics: error: cannot read timetable file: No such file or directory\n");
	free(text);
	unload(&t);
}
END_TEST

START_TEST(test_probe)
{
	const struct rk_importer *imp = rk_importer_find("ical");
	static const char head[] = "\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
	ck_assert_ptr_eq(imp, &rk_importer_ical);
	ck_assert(imp->probe("JDV.ics", head, sizeof(head) - 1));
	ck_assert(!imp->probe("JDV.ics", "BEGIN:VEVENT", 12));
}
END_TEST

Suite *suite_timetable_ical(void)
{
	Suite *s = suite_create("timetable_ical");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_jdv);
	tcase_add_test(tc, test_new_york);
	tcase_add_test(tc, test_broken);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_probe);
	suite_add_tcase(s, tc);
	return s;
}
