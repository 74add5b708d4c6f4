#include "config.h"

#include <stdio.h>
#include <string.h>

#include "school.h"
#include "suites.h"

START_TEST(test_defaults)
{
	struct rk_school *s = rk_school_new();
	ck_assert_ptr_nonnull(s);
	const struct rk_settings *st = rk_school_get_settings(s);
	ck_assert_int_eq(st->bordsessie_minutes, 30);
	ck_assert_int_eq(st->period_weeks_min, 4);
	ck_assert_int_eq(st->period_weeks_max, 8);
	ck_assert(st->avoid_toetsweken);
	ck_assert_str_eq(rk_school_get_info(s)->timezone, "Europe/Amsterdam");
	ck_assert_int_eq(rk_school_get_info(s)->programme_year, 1);
	ck_assert(!rk_school_get_ab(s)->enabled);
	rk_school_free(s);
	rk_school_free(NULL);
}
END_TEST

START_TEST(test_collections_grow)
{
	struct rk_school *s = rk_school_new();
	char id[16];
	for (int i = 0; i < 300; i++) {
		struct rk_person *p = rk_school_add_person(s);
		ck_assert_ptr_nonnull(p);
		snprintf(id, sizeof(id), "P%03d", i);
		p->id = rk_school_strdup(s, id);
	}
	ck_assert_uint_eq(rk_school_n_person(s), 300);
	ck_assert_str_eq(rk_school_get_person(s, 299)->id, "P299");
	ck_assert_ptr_null(rk_school_get_person(s, 300));
	ck_assert_int_eq(rk_school_find_person(s, "P150"), 150);
	ck_assert_int_eq(rk_school_find_person(s, "P999"), -1);
	ck_assert_int_eq(rk_school_find_person(s, NULL), -1);
	const char *part = rk_school_strndup(s, "abcdef", 3);
	ck_assert_str_eq(part, "abc");
	ck_assert_ptr_null(rk_school_strdup(s, NULL));
	int *numbers = rk_school_alloc(s, 10, sizeof(int));
	ck_assert_ptr_nonnull(numbers);
	ck_assert_int_eq(numbers[9], 0);
	rk_school_free(s);
}
END_TEST

START_TEST(test_enum_names)
{
	ck_assert_int_eq(rk_region_parse("zuid"), RK_REGION_ZUID);
	ck_assert_int_eq(rk_region_parse("oost"), -1);
	ck_assert_str_eq(rk_region_name(RK_REGION_NOORD), "noord");
	ck_assert_int_eq(rk_school_type_parse("PO"), RK_SCHOOL_PO);
	ck_assert_uint_eq(rk_role_parse("schoolcoach"), RK_ROLE_SCHOOLCOACH);
	ck_assert_uint_eq(rk_role_parse("conciërge"), 0);
	ck_assert_str_eq(rk_role_name(RK_ROLE_TEAMLEIDER), "teamleider");
	ck_assert_int_eq(rk_external_kind_parse("webinar"), RK_EXT_WEBINAR);
	ck_assert_int_eq(rk_meting_parse("360_feedback"),
			 RK_METING_360_FEEDBACK);
	ck_assert_str_eq(rk_meting_name(RK_METING_BAROMETER), "barometer");
	struct rk_lesson l;
	rk_lesson_init(&l);
	ck_assert_int_eq(l.person.index, -1);
	ck_assert_int_eq(l.week, RK_AB_BOTH);
}
END_TEST

Suite *suite_school(void)
{
	Suite *s = suite_create("school");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_collections_grow);
	tcase_add_test(tc, test_enum_names);
	suite_add_tcase(s, tc);
	return s;
}
