/* What the planner's steps share (engine/planctx.c): rk_planctx_can_visit,
 * the one test whether a visitor can sit in a lesson of a host, on the
 * primary school of tests/data/cover/po.yaml, where T1..T4 teach every
 * block of every day, the onderwijsassistent OA covers on Tuesdays and
 * Thursdays, and the schoolleider SL teaches nothing. */
#include "config.h"

#include <stdlib.h>

#include "loader.h"
#include "planctx.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

struct fixture {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_diags *diags;
	struct rk_planctx ctx;
	int t2, t3, sl, oa;
};

static int person(const struct fixture *f, const char *id)
{
	int p = rk_school_find_person(f->school, id);
	ck_assert_int_ge(p, 0);
	return p;
}

static void setup(struct fixture *f)
{
	char *path = rk_test_path("tests/data/cover/po.yaml");
	*f = (struct fixture){ .diags = rk_diags_new() };
	ck_assert_int_eq(rk_load_school(path, NULL, &f->school, f->diags),
			 RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(f->school, &f->year, f->diags),
			 RK_OK);
	ck_assert_int_eq(
		rk_planctx_init(&f->ctx, f->school, f->year, NULL, f->diags),
		RK_OK);
	f->t2 = person(f, "T2");
	f->t3 = person(f, "T3");
	f->sl = person(f, "SL");
	f->oa = person(f, "OA");
	free(path);
}

static void teardown(struct fixture *f)
{
	rk_planctx_release(&f->ctx);
	rk_schoolyear_free(f->year);
	rk_school_free(f->school);
	rk_diags_free(f->diags);
}

/* The first lesson of @p on @weekday (the first lesuur). */
static const struct rk_lesson *first_lesson(const struct fixture *f, int p,
					    int weekday)
{
	const struct rk_lesson *best = NULL;
	for (size_t i = 0; i < rk_school_n_lesson(f->school); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(f->school, i);
		if (l->person.index == p && l->weekday == weekday &&
		    (!best || l->start < best->start))
			best = l;
	}
	ck_assert_ptr_nonnull(best);
	return best;
}

/* The @nth (0-based) date of the year with @weekday that is (@open) or
 * is not a school day. */
static int nth_date(const struct fixture *f, int weekday, bool open, int nth)
{
	for (int d = rk_schoolyear_first(f->year);
	     d <= rk_schoolyear_last(f->year); d++) {
		const struct rk_day *day = rk_schoolyear_day(f->year, d);
		if (day && day->weekday == weekday && day->school_day == open &&
		    nth-- == 0)
			return d;
	}
	ck_abort_msg("no such date");
	return -1;
}

static bool can_visit(const struct fixture *f, int v, int h,
		      const struct rk_lesson *l, int date, bool *cover)
{
	int start = -1, end = -1;
	bool ok = rk_planctx_can_visit(&f->ctx, v, h, l, date, &start, &end,
				       cover);
	if (ok) {
		ck_assert_int_eq(start, l->start);
		ck_assert_int_eq(end, l->end);
	}
	return ok;
}

/* A teacher who teaches then visits only with cover: on a Tuesday (OA's
 * day) yes, on a Monday no; a visitor without lessons needs none. */
START_TEST(test_can_visit_cover_or_free)
{
	struct fixture f;
	setup(&f);
	const struct rk_lesson *tue = first_lesson(&f, f.t3, 1);
	const struct rk_lesson *mon = first_lesson(&f, f.t3, 0);
	bool cover = false;
	ck_assert(can_visit(&f, f.t2, f.t3, tue, nth_date(&f, 1, true, 0),
			    &cover));
	ck_assert(cover);
	ck_assert(!can_visit(&f, f.t2, f.t3, mon, nth_date(&f, 0, true, 0),
			     &cover));
	ck_assert(can_visit(&f, f.sl, f.t3, mon, nth_date(&f, 0, true, 0),
			    &cover));
	ck_assert(!cover);
	/* NULL for needs_cover is allowed. */
	ck_assert(
		can_visit(&f, f.t2, f.t3, tue, nth_date(&f, 1, true, 0), NULL));
	teardown(&f);
}
END_TEST

/* No lesson to visit on a day without school, when the host is away or
 * at a session; no cover when the cover person is at a session. */
START_TEST(test_can_visit_host_and_day)
{
	struct fixture f;
	setup(&f);
	const struct rk_lesson *tue = first_lesson(&f, f.t3, 1);
	bool cover;
	int holiday = nth_date(&f, 1, false, 0);
	ck_assert(!can_visit(&f, f.sl, f.t3, tue, holiday, &cover));

	int booked = nth_date(&f, 1, true, 1);
	ck_assert(can_visit(&f, f.sl, f.t3, tue, booked, &cover));
	rk_busy_book(f.ctx.busy, f.t3, booked, tue->start, tue->start + 30);
	ck_assert(!can_visit(&f, f.sl, f.t3, tue, booked, &cover));

	int away = nth_date(&f, 1, true, 2);
	ck_assert(can_visit(&f, f.sl, f.t3, tue, away, &cover));
	ck_assert_int_eq(rk_busy_add_absent(f.ctx.busy, f.t3, away, away),
			 RK_OK);
	ck_assert(!can_visit(&f, f.sl, f.t3, tue, away, &cover));

	int covered = nth_date(&f, 1, true, 3);
	ck_assert(can_visit(&f, f.t2, f.t3, tue, covered, &cover));
	rk_busy_book(f.ctx.busy, f.oa, covered, tue->end - 30, tue->end);
	ck_assert(!can_visit(&f, f.t2, f.t3, tue, covered, &cover));
	/* The visitor at a session is not freed by cover either. */
	ck_assert(can_visit(&f, f.t2, f.t3, tue, nth_date(&f, 1, true, 4),
			    &cover));
	rk_busy_book(f.ctx.busy, f.t2, nth_date(&f, 1, true, 4), tue->start,
		     tue->end);
	ck_assert(!can_visit(&f, f.t2, f.t3, tue, nth_date(&f, 1, true, 4),
			     &cover));
	teardown(&f);
}
END_TEST

Suite *suite_planctx(void)
{
	Suite *s = suite_create("planctx");
	TCase *tc = tcase_create("can_visit");
	tcase_add_test(tc, test_can_visit_cover_or_free);
	tcase_add_test(tc, test_can_visit_host_and_day);
	suite_add_tcase(s, tc);
	return s;
}
