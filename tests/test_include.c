/* test_include.c - a school file that includes a board's or region's file
 * (doc/school-file.md, `include`): what comes in, and every problem placed
 * in the file where it is. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"

#define DIR "tests/data/include/"

/* Reads DIR@name with the YAML reader alone; *diags gets the problems. */
static enum rk_status read_school(const char *name, struct rk_school **school,
				  struct rk_diags **diags)
{
	char path[1024];
	rk_test_path_in(path, sizeof(path), name);
	*diags = rk_diags_new();
	ck_assert_ptr_nonnull(*diags);
	return rk_school_yaml_load(path, school, *diags);
}

/* The school file, bestuur.yaml and regio.yaml in one school, each entry
 * placed in its own file. */
START_TEST(test_include_merges)
{
	struct rk_school *school = NULL;
	struct rk_diags *diags = NULL;
	ck_assert_int_eq(read_school(DIR "school.yaml", &school, &diags),
			 RK_OK);
	ck_assert_uint_eq(rk_school_n_person(school), 2);
	int ec = rk_school_find_person(school, "EC");
	ck_assert_int_ge(ec, 0);
	const struct rk_person *p = rk_school_get_person(school, (size_t)ec);
	ck_assert_ptr_nonnull(strstr(p->loc.file, DIR "bestuur.yaml"));
	ck_assert_int_eq(p->loc.line, 4);
	ck_assert_uint_eq(rk_school_n_external(school), 3);
	/* The school's own first, then bestuur.yaml's, then regio.yaml's. */
	ck_assert_str_eq(rk_school_get_external(school, 0)->name,
			 "Bedrijfsbezoek");
	ck_assert_str_eq(rk_school_get_external(school, 1)->name,
			 "leerKRACHT-teamforum I");
	ck_assert_str_eq(rk_school_get_external(school, 2)->name, "Webinar");
	ck_assert_ptr_nonnull(strstr(
		rk_school_get_external(school, 2)->loc.file, DIR "regio.yaml"));
	ck_assert_uint_eq(rk_school_n_holiday_override(school), 1);
	ck_assert_str_eq(rk_school_get_holiday_override(school, 0)->key,
			 "herfstvakantie");
	rk_school_free(school);
	rk_diags_free(diags);
}
END_TEST

/* Reads DIR@name expecting RK_ERR_INPUT and exactly @want. */
static void expect(const char *name, const char *want)
{
	struct rk_school *school = NULL;
	struct rk_diags *diags = NULL;
	ck_assert_int_eq(read_school(name, &school, &diags), RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(text, want);
	free(text);
	rk_school_free(school);
	rk_diags_free(diags);
}

START_TEST(test_include_missing_file)
{
	expect(DIR "missing.yaml",
	       DIR "missing.yaml:8:25: error: cannot read included file "
		   "'nergens.yaml': No such file or directory\n");
}
END_TEST

START_TEST(test_include_cycle)
{
	char *b = rk_test_path(DIR "cycle-b.yaml");
	char want[2048];
	snprintf(want, sizeof(want),
		 DIR "cycle-c.yaml:2:23: error: include 'cycle-b.yaml' makes "
		     "a cycle: %s is already being read\n",
		 b);
	expect(DIR "cycle.yaml", want);
	free(b);
}
END_TEST

START_TEST(test_include_unknown_key)
{
	expect(DIR "wrong.yaml",
	       DIR "wrong-key.yaml:2:1: error: unknown key 'teams' in included "
		   "file\n" DIR "wrong-key.yaml:4:1: error: unknown key "
		   "'peopel' in included file; did you mean 'people'?\n");
}
END_TEST

/* A holiday or a person both the school and an included file set is an
 * error at the included one, naming the school's place. */
START_TEST(test_include_defined_twice)
{
	char *twice = rk_test_path(DIR "twice.yaml");
	char want[2048];
	snprintf(want, sizeof(want),
		 DIR "regio.yaml:5:3: error: holiday 'herfstvakantie' is set "
		     "twice (also at %s:24)\n",
		 twice);
	expect(DIR "twice.yaml", want);

	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(rk_load_school(twice, NULL, &school, diags),
			 RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	snprintf(want, sizeof(want),
		 DIR "bestuur.yaml:4:5: error: duplicate person id 'EC' (first "
		     "defined at %s:16)\n",
		 twice);
	ck_assert_msg(strstr(text, want), "%s", text);
	free(text);
	rk_diags_free(diags);
	free(twice);
}
END_TEST

Suite *suite_include(void)
{
	Suite *s = suite_create("include");
	TCase *tc = tcase_create("include");
	tcase_add_test(tc, test_include_merges);
	tcase_add_test(tc, test_include_missing_file);
	tcase_add_test(tc, test_include_cycle);
	tcase_add_test(tc, test_include_unknown_key);
	tcase_add_test(tc, test_include_defined_twice);
	suite_add_tcase(s, tc);
	return s;
}
