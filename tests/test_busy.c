/* Who is busy when (engine/busy.c): sessions and lessons at five-minute
 * resolution, kept as 64 slots a word, so the times below straddle the
 * words' edges (10:40 and 16:00 start a word, 05:20 ends one). The school
 * is tests/data/cover/po.yaml: T3 teaches 08:30-10:00, 10:15-12:00 and
 * 13:00-14:30 every day; the schoolleider SL teaches nothing. */
#include "config.h"

#include <stdlib.h>

#include "busy.h"
#include "loader.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

struct fixture {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_diags *diags;
	struct rk_busy *busy;
	int sl, t3, monday; /* a Monday with school */
};

static int hm(int h, int m)
{
	return h * 60 + m;
}

static void setup(struct fixture *f)
{
	char *path = rk_test_path("tests/data/cover/po.yaml");
	*f = (struct fixture){ .diags = rk_diags_new(), .monday = -1 };
	ck_assert_int_eq(rk_load_school(path, NULL, &f->school, f->diags),
			 RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(f->school, &f->year, f->diags),
			 RK_OK);
	ck_assert_int_eq(rk_busy_new(f->school, f->year, &f->busy), RK_OK);
	f->sl = rk_school_find_person(f->school, "SL");
	f->t3 = rk_school_find_person(f->school, "T3");
	ck_assert_int_ge(f->sl, 0);
	ck_assert_int_ge(f->t3, 0);
	for (int d = rk_schoolyear_first(f->year); f->monday < 0; d++) {
		const struct rk_day *day = rk_schoolyear_day(f->year, d);
		ck_assert_ptr_nonnull(day);
		if (day->school_day && day->weekday == 0)
			f->monday = d;
	}
	free(path);
}

static void teardown(struct fixture *f)
{
	rk_busy_free(f->busy);
	rk_schoolyear_free(f->year);
	rk_school_free(f->school);
	rk_diags_free(f->diags);
}

/* A session over a word's edge is seen from both words, and only where
 * it is. */
START_TEST(test_booked_across_words)
{
	struct fixture f;
	setup(&f);
	int d = f.monday;
	rk_busy_book(f.busy, f.sl, d, hm(10, 30), hm(10, 50));
	ck_assert(rk_busy_booked(f.busy, f.sl, d, hm(10, 45), hm(11, 0)));
	ck_assert(rk_busy_booked(f.busy, f.sl, d, hm(10, 0), hm(10, 35)));
	ck_assert(rk_busy_booked(f.busy, f.sl, d, hm(5, 0), hm(18, 0)));
	ck_assert(!rk_busy_booked(f.busy, f.sl, d, hm(10, 50), hm(11, 0)));
	ck_assert(!rk_busy_booked(f.busy, f.sl, d, hm(10, 0), hm(10, 30)));
	ck_assert(!rk_busy_booked(f.busy, f.sl, d + 1, hm(10, 30), hm(10, 50)));
	ck_assert(rk_busy_is_free(f.busy, f.sl, d, hm(10, 50), hm(11, 20)));
	ck_assert(!rk_busy_is_free(f.busy, f.sl, d, hm(10, 40), hm(11, 0)));
	ck_assert(!rk_busy_teaching(f.busy, f.sl, d, hm(8, 0), hm(17, 0)));
	teardown(&f);
}
END_TEST

/* Lessons: busy in them, free between them, not working at weekends. */
START_TEST(test_teaching_and_works)
{
	struct fixture f;
	setup(&f);
	int d = f.monday;
	ck_assert(rk_busy_teaching(f.busy, f.t3, d, hm(9, 55), hm(10, 15)));
	ck_assert(!rk_busy_teaching(f.busy, f.t3, d, hm(10, 0), hm(10, 15)));
	ck_assert(rk_busy_is_free(f.busy, f.t3, d, hm(12, 0), hm(13, 0)));
	ck_assert(!rk_busy_is_free(f.busy, f.t3, d, hm(11, 55), hm(13, 0)));
	ck_assert(rk_busy_works(f.busy, f.t3, d));
	ck_assert(!rk_busy_works(f.busy, f.t3, d + 5));
	ck_assert(!rk_busy_is_free(f.busy, f.t3, d + 5, hm(12, 0), hm(13, 0)));
	teardown(&f);
}
END_TEST

/* Idle time around sessions at 10:30-10:50 and 16:10-16:40 (three words
 * of the day apart). */
START_TEST(test_idle_cost_across_words)
{
	struct fixture f;
	setup(&f);
	int d = f.monday, sl = f.sl;
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(11, 0), hm(11, 30), 60),
		60);
	rk_busy_book(f.busy, sl, d, hm(10, 30), hm(10, 50));
	/* Alone in the day but for it: the wait, at most two hours. */
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(11, 0), hm(11, 30), 60),
		10);
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(16, 0), hm(16, 30), 60),
		120);
	rk_busy_book(f.busy, sl, d, hm(16, 10), hm(16, 40));
	/* Between the two: each leftover piece shorter than 45 minutes. */
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(11, 0), hm(11, 30), 60),
		10);
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(15, 30), hm(16, 0), 60),
		10);
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(10, 50), hm(16, 10), 60),
		0);
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(5, 0), hm(5, 20), 60), 120);
	ck_assert_int_eq(
		rk_busy_idle_cost(f.busy, sl, d, hm(16, 40), hm(17, 0), 60), 0);
	teardown(&f);
}
END_TEST

Suite *suite_busy(void)
{
	Suite *s = suite_create("busy");
	TCase *tc = tcase_create("slots");
	tcase_add_test(tc, test_booked_across_words);
	tcase_add_test(tc, test_teaching_and_works);
	tcase_add_test(tc, test_idle_cost_across_words);
	suite_add_tcase(s, tc);
	return s;
}
