#include "config.h"

#include <string.h>

#include "date.h"
#include "school.h"
#include "schoolyear.h"
#include "suites.h"

/* A school in region midden, 2026-2027, with a few holidays written by
 * hand (the real calendars are tested through the adapters). */
static struct rk_school *school;
static struct rk_diags *diags;

static int ymd(int y, int m, int d)
{
	return rk_date_from_ymd(y, m, d);
}

static struct rk_dayoff *add_off(const char *key, const char *name, int from,
				 int to, enum rk_dayoff_kind kind,
				 unsigned regions)
{
	struct rk_dayoff *d = rk_school_add_dayoff(school);
	d->key = key;
	d->name = name;
	d->from = from;
	d->to = to;
	d->kind = kind;
	d->regions = regions;
	return d;
}

static void setup(void)
{
	school = rk_school_new();
	diags = rk_diags_new();
	struct rk_school_info *info = rk_school_info(school);
	info->year = 2026;
	info->region = RK_REGION_MIDDEN;
	unsigned all = RK_REGIONS_ALL, midden = 1u << RK_REGION_MIDDEN;
	add_off("zomervakantie-vorig", "Zomervakantie", ymd(2026, 7, 18),
		ymd(2026, 8, 30), RK_OFF_VAKANTIE, midden);
	add_off("zomervakantie-vorig", "Zomervakantie", ymd(2026, 7, 4),
		ymd(2026, 8, 16), RK_OFF_VAKANTIE, 1u << RK_REGION_NOORD);
	add_off("herfstvakantie", "Herfstvakantie", ymd(2026, 10, 17),
		ymd(2026, 10, 25), RK_OFF_VAKANTIE, all);
	add_off("kerstvakantie", "Kerstvakantie", ymd(2026, 12, 19),
		ymd(2027, 1, 3), RK_OFF_VAKANTIE, all);
	add_off("zomervakantie", "Zomervakantie", ymd(2027, 7, 17),
		ymd(2027, 8, 29), RK_OFF_VAKANTIE, midden);
	add_off(NULL, "Studiedag", ymd(2026, 10, 5), ymd(2026, 10, 5),
		RK_OFF_STUDIEDAG, all);
}

static void teardown(void)
{
	rk_school_free(school);
	rk_diags_free(diags);
}

static const struct rk_week *week_of(const struct rk_schoolyear *y, int date)
{
	return rk_schoolyear_week(y, (size_t)rk_schoolyear_day(y, date)->week);
}

START_TEST(test_days_and_weeks)
{
	struct rk_schoolyear *y;
	ck_assert_int_eq(rk_schoolyear_new(school, &y, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_first(y), ymd(2026, 8, 1));
	ck_assert_int_eq(rk_schoolyear_last(y), ymd(2027, 7, 31));
	/* Counted independently, day by day, from the same holidays. */
	ck_assert_uint_eq(rk_schoolyear_school_days(y), 214);
	ck_assert_uint_eq(rk_schoolyear_teaching_weeks(y), 43);
	/* Region noord's summer holiday does not apply in midden. */
	ck_assert(!rk_schoolyear_day(y, ymd(2026, 8, 17))->school_day);
	ck_assert(rk_schoolyear_day(y, ymd(2026, 8, 31))->school_day);
	/* The studiedag removes one day of week 41. */
	const struct rk_day *sd = rk_schoolyear_day(y, ymd(2026, 10, 5));
	ck_assert(!sd->school_day);
	ck_assert_str_eq(sd->off, "Studiedag");
	ck_assert_int_eq(sd->off_kind, RK_OFF_STUDIEDAG);
	const struct rk_week *w41 = week_of(y, ymd(2026, 10, 5));
	ck_assert_int_eq(w41->iso_week, 41);
	ck_assert_int_eq(w41->school_days, 4);
	ck_assert(w41->teaching);
	/* The autumn holiday week has no school days. */
	const struct rk_week *w43 = week_of(y, ymd(2026, 10, 21));
	ck_assert(!w43->teaching);
	ck_assert_str_eq(w43->holiday, "Herfstvakantie");
	ck_assert_str_eq(rk_schoolyear_day(y, ymd(2026, 10, 24))->off,
			 "weekend");
	ck_assert_ptr_null(rk_schoolyear_day(y, ymd(2027, 8, 1)));
	/* Week 53 of 2026 exists and is a holiday week. */
	const struct rk_week *w53 = week_of(y, ymd(2027, 1, 1));
	ck_assert_int_eq(w53->iso_week, 53);
	ck_assert_int_eq(w53->iso_year, 2026);
	ck_assert(!w53->teaching);
	ck_assert_uint_eq(rk_schoolyear_n_holidays(y), 5);
	ck_assert_str_eq(rk_schoolyear_holiday(y, 1)->name, "Studiedag");
	rk_schoolyear_free(y);
}
END_TEST

static enum rk_ab ab_on(const struct rk_schoolyear *y, int date)
{
	return week_of(y, date)->ab;
}

START_TEST(test_ab_counting_teaching_weeks)
{
	struct rk_ab_scheme *ab = rk_school_ab(school);
	ab->enabled = true;
	ab->count_teaching = true;
	ab->first_a = ymd(2026, 8, 31);
	struct rk_schoolyear *y;
	ck_assert_int_eq(rk_schoolyear_new(school, &y, diags), RK_OK);
	ck_assert_int_eq(ab_on(y, ymd(2026, 8, 31)), RK_AB_A);	   /* week 36 */
	ck_assert_int_eq(ab_on(y, ymd(2026, 9, 7)), RK_AB_B);	   /* week 37 */
	ck_assert_int_eq(ab_on(y, ymd(2026, 10, 12)), RK_AB_A);	   /* week 42 */
	ck_assert_int_eq(ab_on(y, ymd(2026, 10, 19)), RK_AB_BOTH); /* holiday */
	ck_assert_int_eq(ab_on(y, ymd(2026, 10, 26)), RK_AB_B);	   /* week 44 */
	/* Across the Christmas break the rhythm goes on: 51 A, 1 B. */
	ck_assert_int_eq(ab_on(y, ymd(2026, 12, 14)), RK_AB_A);
	ck_assert_int_eq(ab_on(y, ymd(2026, 12, 21)), RK_AB_BOTH);
	ck_assert_int_eq(ab_on(y, ymd(2027, 1, 4)), RK_AB_B);
	ck_assert_int_eq(ab_on(y, ymd(2027, 1, 11)), RK_AB_A);
	/* A B-week lesson takes place on a B Monday only. */
	struct rk_lesson l;
	rk_lesson_init(&l);
	l.weekday = 0;
	l.week = RK_AB_B;
	ck_assert(!rk_schoolyear_lesson_on(y, &l, ymd(2026, 8, 31)));
	ck_assert(rk_schoolyear_lesson_on(y, &l, ymd(2026, 9, 7)));
	ck_assert(!rk_schoolyear_lesson_on(y, &l, ymd(2026, 9, 8)));
	ck_assert(!rk_schoolyear_lesson_on(y, &l, ymd(2026, 10, 19)));
	ck_assert(rk_schoolyear_lesson_on(y, &l, ymd(2027, 1, 4)));
	l.valid_to = ymd(2026, 12, 31);
	ck_assert(!rk_schoolyear_lesson_on(y, &l, ymd(2027, 1, 4)));
	rk_schoolyear_free(y);
}
END_TEST

START_TEST(test_ab_counting_calendar_weeks)
{
	struct rk_ab_scheme *ab = rk_school_ab(school);
	ab->enabled = true;
	ab->count_teaching = false;
	ab->first_a = ymd(2026, 8, 31);
	struct rk_schoolyear *y;
	ck_assert_int_eq(rk_schoolyear_new(school, &y, diags), RK_OK);
	ck_assert_int_eq(ab_on(y, ymd(2026, 10, 26)), RK_AB_A); /* week 44 */
	ck_assert_int_eq(ab_on(y, ymd(2026, 12, 14)), RK_AB_B); /* week 51 */
	ck_assert_int_eq(ab_on(y, ymd(2027, 1, 4)), RK_AB_A);	/* week 1 */
	rk_schoolyear_free(y);
}
END_TEST

START_TEST(test_overrides_and_part_time)
{
	struct rk_holiday_override *o = rk_school_add_holiday_override(school);
	o->key = "herfstvakantie";
	o->from = ymd(2026, 10, 10);
	o->to = ymd(2026, 10, 18);
	struct rk_dayoff *sd =
		add_off(NULL, "Studiedag herfst", ymd(2026, 10, 12),
			ymd(2026, 10, 12), RK_OFF_STUDIEDAG, RK_REGIONS_ALL);
	sd->loc = (struct rk_loc){ "school.yaml", 40, 5 };
	struct rk_schoolyear *y;
	ck_assert_int_eq(rk_schoolyear_new(school, &y, diags), RK_OK);
	ck_assert(!rk_schoolyear_day(y, ymd(2026, 10, 13))->school_day);
	ck_assert(rk_schoolyear_day(y, ymd(2026, 10, 19))->school_day);
	ck_assert_uint_eq(rk_diags_count(diags), 1);
	ck_assert_str_eq(
		rk_diags_get(diags, 0)->message,
		"studiedag 'Studiedag herfst' on 2026-10-12 falls in Herfstvakantie");
	struct rk_person p = { .workdays = 0x1bu }; /* not on Wednesday */
	ck_assert(rk_schoolyear_works(y, &p, ymd(2026, 9, 1)));
	ck_assert(!rk_schoolyear_works(y, &p, ymd(2026, 9, 2)));
	ck_assert(!rk_schoolyear_works(y, &p, ymd(2026, 9, 5)));
	rk_schoolyear_free(y);
}
END_TEST

Suite *suite_schoolyear(void)
{
	Suite *s = suite_create("schoolyear");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_days_and_weeks);
	tcase_add_test(tc, test_ab_counting_teaching_weeks);
	tcase_add_test(tc, test_ab_counting_calendar_weeks);
	tcase_add_test(tc, test_overrides_and_part_time);
	suite_add_tcase(s, tc);
	return s;
}
