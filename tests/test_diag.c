#include "config.h"

#include <stdlib.h>

#include "diag.h"
#include "suites.h"
#include "suggest.h"
#include "testutil.h"

static struct rk_diags *diags;

static void setup(void)
{
	diags = rk_diags_new();
	ck_assert_ptr_nonnull(diags);
}

static void teardown(void)
{
	rk_diags_free(diags);
	diags = NULL;
}

START_TEST(test_format)
{
	char buf[256];
	rk_diags_add(diags, RK_SEV_ERROR, "school.yaml", 17, 3,
		     "teacher '%s' is in no team", "MUE");
	rk_diags_add(diags, RK_SEV_WARNING, "rooster.csv", 4, 0, "odd");
	rk_diags_add(diags, RK_SEV_ERROR, "x.ics", 0, 0, "cannot read");
	rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0, "no file");
	ck_assert_uint_eq(rk_diags_count(diags), 4);
	ck_assert_uint_eq(rk_diags_errors(diags), 3);
	ck_assert_uint_eq(rk_diags_warnings(diags), 1);
	rk_diag_format(rk_diags_get(diags, 0), buf, sizeof(buf));
	ck_assert_str_eq(
		buf, "school.yaml:17:3: error: teacher 'MUE' is in no team");
	rk_diag_format(rk_diags_get(diags, 1), buf, sizeof(buf));
	ck_assert_str_eq(buf, "rooster.csv:4: warning: odd");
	rk_diag_format(rk_diags_get(diags, 2), buf, sizeof(buf));
	ck_assert_str_eq(buf, "x.ics: error: cannot read");
	rk_diag_format(rk_diags_get(diags, 3), buf, sizeof(buf));
	ck_assert_str_eq(buf, "error: no file");
	ck_assert_ptr_null(rk_diags_get(diags, 4));
}
END_TEST

START_TEST(test_sort_keeps_file_order)
{
	rk_diags_add(diags, RK_SEV_ERROR, "b.yaml", 9, 1, "b9");
	rk_diags_add(diags, RK_SEV_ERROR, "a.csv", 2, 1, "a2");
	rk_diags_add(diags, RK_SEV_ERROR, "b.yaml", 3, 5, "b3c5");
	rk_diags_add(diags, RK_SEV_ERROR, "b.yaml", 3, 2, "b3c2");
	rk_diags_add(diags, RK_SEV_ERROR, "a.csv", 1, 1, "a1");
	rk_diags_add(diags, RK_SEV_WARNING, "b.yaml", 3, 2, "b3c2 second");
	rk_diags_sort(diags);
	const char *order[] = {
		"b3c2", "b3c2 second", "b3c5", "b9", "a1", "a2"
	};
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(rk_diags_get(diags, i)->message, order[i]);
}
END_TEST

START_TEST(test_suggest)
{
	const char *keys[] = { "name", "id", "region", "type", "school_year" };
	ck_assert_str_eq(rk_suggest("naem", keys, 5), "name");
	ck_assert_str_eq(rk_suggest("regio", keys, 5), "region");
	ck_assert_str_eq(rk_suggest("Type", keys, 5), "type");
	ck_assert_str_eq(rk_suggest("schoolyear", keys, 5), "school_year");
	ck_assert_ptr_null(rk_suggest("colour", keys, 5));
	ck_assert_ptr_null(rk_suggest("x", keys, 5));
	ck_assert_uint_eq(rk_edit_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(rk_edit_distance("ab", "ba"), 1);
	ck_assert_uint_eq(rk_edit_distance("", "abc"), 3);
}
END_TEST

/* The same message for several weeks is said once, with the weeks listed;
 * another message or another severity stays apart. */
START_TEST(test_merged)
{
	char buf[256];
	rk_diags_add_merged(diags, RK_SEV_ERROR, "week", "weeks", "3",
			    "%s: no moment in {}", "Team A");
	rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0, "other");
	rk_diags_add_merged(diags, RK_SEV_ERROR, "week", "weeks", "5",
			    "%s: no moment in {}", "Team A");
	rk_diags_add_merged(diags, RK_SEV_ERROR, "week", "weeks", "5",
			    "%s: no moment in {}", "Team A");
	rk_diags_add_merged(diags, RK_SEV_WARNING, "week", "weeks", "4",
			    "%s: no moment in {}", "Team A");
	rk_diags_add_merged(diags, RK_SEV_ERROR, "week", "weeks", "9",
			    "%s: no moment in {}", "Team A");
	rk_diags_add_merged(diags, RK_SEV_ERROR, "period", "periods", "2",
			    "%s: no moment in {}", "Team B");
	ck_assert_uint_eq(rk_diags_count(diags), 4);
	/* The same text without a place again is not added; with one it is. */
	rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0, "other");
	ck_assert_uint_eq(rk_diags_count(diags), 4);
	rk_diags_add(diags, RK_SEV_ERROR, "a.csv", 1, 0, "other");
	rk_diags_add(diags, RK_SEV_ERROR, "a.csv", 1, 0, "other");
	ck_assert_uint_eq(rk_diags_count(diags), 6);
	rk_diag_format(rk_diags_get(diags, 0), buf, sizeof(buf));
	ck_assert_str_eq(buf, "error: Team A: no moment in weeks 3, 5 and 9");
	rk_diag_format(rk_diags_get(diags, 1), buf, sizeof(buf));
	ck_assert_str_eq(buf, "error: other");
	rk_diag_format(rk_diags_get(diags, 2), buf, sizeof(buf));
	ck_assert_str_eq(buf, "warning: Team A: no moment in week 4");
	rk_diags_sort(diags);
	rk_diags_add_merged(diags, RK_SEV_ERROR, "period", "periods", "3",
			    "%s: no moment in {}", "Team B");
	rk_diag_format(rk_diags_get(diags, 3), buf, sizeof(buf));
	ck_assert_str_eq(buf, "error: Team B: no moment in periods 2 and 3");
}
END_TEST

/* A merged message at a place keeps it, apart from the same text at
 * another place; a counted one says how many cases and shows the first
 * few, each case once. */
START_TEST(test_merged_at_and_counted)
{
	char buf[512];
	rk_diags_add_merged_at(diags, RK_SEV_ERROR, "s.yaml", 4, 3, "week",
			       "weeks", "3", "no room in {}");
	rk_diags_add_merged_at(diags, RK_SEV_ERROR, "s.yaml", 4, 3, "week",
			       "weeks", "5", "no room in {}");
	rk_diags_add_merged(diags, RK_SEV_ERROR, "week", "weeks", "7",
			    "no room in {}");
	ck_assert_uint_eq(rk_diags_count(diags), 2);
	rk_diag_format(rk_diags_get(diags, 0), buf, sizeof(buf));
	ck_assert_str_eq(buf, "s.yaml:4:3: error: no room in weeks 3 and 5");
	rk_diag_format(rk_diags_get(diags, 1), buf, sizeof(buf));
	ck_assert_str_eq(buf, "error: no room in week 7");
	const char *cases[] = { "A", "B", "A", "C", "D" };
	for (size_t i = 0; i < 5; i++)
		rk_diags_add_counted(diags, RK_SEV_ERROR, "s.yaml", 9, 0,
				     "session", "sessions", cases[i],
				     "%s keeps out {}", "the window");
	ck_assert_uint_eq(rk_diags_count(diags), 3);
	rk_diag_format(rk_diags_get(diags, 2), buf, sizeof(buf));
	ck_assert_str_eq(
		buf,
		"s.yaml:9: error: the window keeps out 4 sessions; for example: A; B; C");
	/* The workers' lists add up as one. */
	struct rk_diags *all = rk_diags_new();
	rk_diags_add_counted(all, RK_SEV_ERROR, "s.yaml", 9, 0, "session",
			     "sessions", "E", "%s keeps out {}", "the window");
	rk_diags_append(all, diags);
	ck_assert_uint_eq(rk_diags_count(all), 3);
	rk_diag_format(rk_diags_get(all, 0), buf, sizeof(buf));
	ck_assert_str_eq(
		buf,
		"s.yaml:9: error: the window keeps out 5 sessions; for example: E; A; B");
	rk_diag_format(rk_diags_get(all, 1), buf, sizeof(buf));
	ck_assert_str_eq(buf, "s.yaml:4:3: error: no room in weeks 3 and 5");
	rk_diags_free(all);
	rk_diags_free(NULL);
}
END_TEST

Suite *suite_diag(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_sort_keeps_file_order);
	tcase_add_test(tc, test_merged);
	tcase_add_test(tc, test_merged_at_and_counted);
	tcase_add_test(tc, test_suggest);
	suite_add_tcase(s, tc);
	return s;
}
