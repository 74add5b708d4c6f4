/* test_parallel.c - the planner on several threads makes the plan one
 * thread makes: plan file, diagnostics and solver reports byte for byte,
 * with 1, 2 and 5 jobs (engine/parallel.c). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "loader.h"
#include "plan_file.h"
#include "planctx.h"
#include "planner.h"
#include "rebalance.h"
#include "suites.h"
#include "testutil.h"

struct outcome {
	enum rk_status status;
	char *plan; /* the plan file, NULL when there is no plan */
	char *diags;
	size_t reports;
};

static struct rk_school *load(const char *rel, struct rk_schoolyear **year)
{
	char *path = rk_test_path(rel);
	struct rk_diags *d = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, d), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, year, d), RK_OK);
	rk_diags_free(d);
	free(path);
	return school;
}

static char *plan_text(const struct rk_school *school,
		       const struct rk_plan *plan)
{
	if (!plan)
		return NULL;
	char path[] = "/tmp/ritmiek-parallel-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(rk_plan_file_write(school, plan, path), RK_OK);
	char *text = rk_test_slurp(path);
	unlink(path);
	return text;
}

/* No time limit that a slow machine (valgrind) could hit: a model stopped
 * by the clock may differ from run to run whatever the threads. */
static struct rk_plan_options options(int jobs)
{
	return (struct rk_plan_options){ .time_limit_ms = 600000,
					 .allow_violations = true,
					 .jobs = jobs };
}

static struct outcome plan(const struct rk_school *school,
			   const struct rk_schoolyear *year, int jobs)
{
	struct rk_plan_options o = options(jobs);
	struct rk_diags *d = rk_diags_new();
	struct rk_plan *p = NULL;
	struct outcome out = { 0 };
	out.status = rk_planner_run(school, year, &o, &p, d);
	out.plan = plan_text(school, p);
	out.diags = rk_test_diags_text(d);
	out.reports = p ? rk_plan_n_reports(p) : 0;
	for (size_t i = 0; p && i < out.reports; i++) {
		/* Every model in the same order: compare the names. */
		size_t len = strlen(out.diags);
		const char *model = rk_plan_report(p, i)->model;
		out.diags = realloc(out.diags, len + strlen(model) + 2);
		ck_assert_ptr_nonnull(out.diags);
		snprintf(out.diags + len, strlen(model) + 2, "%s\n", model);
	}
	rk_plan_free(p);
	rk_diags_free(d);
	return out;
}

static void outcome_free(struct outcome *o)
{
	free(o->plan);
	free(o->diags);
}

static void assert_same(const struct outcome *a, const struct outcome *b,
			int jobs)
{
	ck_assert_int_eq(a->status, b->status);
	ck_assert_uint_eq(a->reports, b->reports);
	ck_assert_msg(a->plan && b->plan, "no plan with --jobs %d", jobs);
	ck_assert_msg(!strcmp(a->plan, b->plan),
		      "plan.tsv differs with --jobs %d", jobs);
	ck_assert_msg(!strcmp(a->diags, b->diags),
		      "diagnostics differ with --jobs %d:\n%s\n---\n%s", jobs,
		      a->diags, b->diags);
}

/* Plans @rel with 1, 2 and 5 jobs; returns the diagnostics of one job. */
static char *assert_jobs_agree(const char *rel)
{
	struct rk_schoolyear *year = NULL;
	struct rk_school *school = load(rel, &year);
	struct outcome one = plan(school, year, 1);
	ck_assert_uint_gt(one.reports, 2);
	static const int jobs[] = { 2, 5 };
	for (size_t i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++) {
		struct outcome more = plan(school, year, jobs[i]);
		assert_same(&one, &more, jobs[i]);
		outcome_free(&more);
	}
	char *diags = one.diags;
	one.diags = NULL;
	outcome_free(&one);
	rk_schoolyear_free(year);
	rk_school_free(school);
	return diags;
}

START_TEST(test_po_example)
{
	free(assert_jobs_agree("examples/po-school/school.yaml"));
}
END_TEST

START_TEST(test_vo_example)
{
	free(assert_jobs_agree("examples/vo-school/school.yaml"));
}
END_TEST

/* A teacher in two teams: those teams are planned one after the other
 * on one thread, the second around the first. */
START_TEST(test_shared_teacher)
{
	free(assert_jobs_agree("tests/data/planner/shared.yaml"));
}
END_TEST

/* bench/gen-school.py --kind vo --teachers 40 --seed 1: five teams side by
 * side, one of which breaks a hard rule; its explanation is the same. */
START_TEST(test_generated_school)
{
	char *diags = assert_jobs_agree("tests/data/parallel/vo40/school.yaml");
	ck_assert_msg(strstr(diags, "error: ") != NULL, "%s", diags);
	free(diags);
}
END_TEST

/* An infeasible school: every explanation, in the same order. */
START_TEST(test_infeasible)
{
	char *diags = assert_jobs_agree("tests/data/planner/no-visit.yaml");
	ck_assert_msg(strstr(diags, "error: ") != NULL, "%s", diags);
	free(diags);
}
END_TEST

/* What the session models of a run offer: a candidate column is named
 * a<activity>_<date>_<start> (sessions.c); @end holds each period's last
 * day (its last week's Sunday). */
struct offered {
	int end[16];
	size_t n_periods;
	size_t models;
	size_t late;
	char lp[64];
};

static void offered_in(const struct rk_mip *mip, const char *model, int number,
		       void *data)
{
	(void)number;
	struct offered *o = data;
	int period;
	if (sscanf(model, "sessions %*s period %d", &period) != 1 ||
	    period < 1 || (size_t)period > o->n_periods)
		return;
	o->models++;
	ck_assert_int_eq(rk_mip_write_lp(mip, o->lp), RK_OK);
	char *text = rk_test_slurp(o->lp);
	ck_assert_ptr_nonnull(text);
	for (const char *at = text; (at = strstr(at, " a")) != NULL; at++) {
		int act, date, start;
		if (sscanf(at + 2, "%d_%d_%d", &act, &date, &start) == 3 &&
		    date > o->end[period - 1])
			o->late++;
	}
	free(text);
}

/* The periods' models run side by side, each on its own days: so a
 * session model never offers a moment past its period's last week, not
 * even when the verbindingssessie that closes the period found no moment
 * (here S01 teaches all day; a feedbackgesprek's "next two school days"
 * after a lesbezoek late in period 3 are in period 4). */
START_TEST(test_periods_own_days)
{
	struct rk_schoolyear *year = NULL;
	struct rk_school *school =
		load("tests/data/parallel/no-verbinding/school.yaml", &year);
	struct rk_plan_options o = options(1);
	struct rk_diags *d = rk_diags_new();
	struct rk_plan *p = NULL;
	rk_planner_run(school, year, &o, &p, d);
	ck_assert_ptr_nonnull(p);
	struct offered off = { .lp = "/tmp/ritmiek-offered-XXXXXX" };
	int fd = mkstemp(off.lp);
	ck_assert_int_ge(fd, 0);
	close(fd);
	off.n_periods = rk_plan_n_periods(p);
	ck_assert_uint_gt(off.n_periods, 1);
	ck_assert_uint_le(off.n_periods, 16);
	for (size_t i = 0; i < off.n_periods; i++) {
		const struct rk_period *per = rk_plan_period(p, i);
		ck_assert_int_eq(per->number, (int)i + 1);
		off.end[i] = rk_schoolyear_week(year, (size_t)per->last_week)
				     ->monday +
			     6;
	}
	rk_plan_free(p);
	rk_diags_free(d);
	o.allow_violations = false;
	o.model_hook = offered_in;
	o.hook_data = &off;
	d = rk_diags_new();
	p = NULL;
	ck_assert_int_eq(rk_planner_run(school, year, &o, &p, d),
			 RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(d);
	ck_assert_msg(strstr(text, "verbindingssessie of period") != NULL, "%s",
		      text);
	ck_assert_uint_gt(off.models, 4);
	ck_assert_msg(off.late == 0,
		      "%zu candidates past their period's last week", off.late);
	unlink(off.lp);
	free(text);
	rk_plan_free(p);
	rk_diags_free(d);
	rk_schoolyear_free(year);
	rk_school_free(school);
}
END_TEST

static char *rebalance(const struct rk_school *school,
		       const struct rk_schoolyear *year,
		       const struct rk_plan *prev, int jobs)
{
	struct rk_plan_options o = options(jobs);
	/* The first teacher leaves for good in the middle of the year. */
	struct rk_absence away = { 0, INT_MAX };
	for (size_t i = 0; i < rk_school_n_person(school); i++)
		if (rk_school_get_person(school, i)->roles & RK_ROLE_LERAAR) {
			away.person = (int)i;
			break;
		}
	struct rk_rebalance_request req = { .from = rk_date_from_ymd(2027, 3,
								     10),
					    .absences = &away,
					    .n_absences = 1 };
	struct rk_diags *d = rk_diags_new();
	struct rk_plan *next = NULL;
	struct rk_perturbation pt;
	enum rk_status status =
		rk_rebalance(school, year, prev, &req, &o, &next, &pt, d);
	ck_assert_msg(status == RK_OK || status == RK_ERR_INFEASIBLE,
		      "rebalance: %s", rk_strerror(status));
	char *text = plan_text(school, next);
	ck_assert_ptr_nonnull(text);
	char *diags = rk_test_diags_text(d);
	size_t len = strlen(text) + strlen(diags) + 64;
	char *all = malloc(len);
	ck_assert_ptr_nonnull(all);
	snprintf(all, len, "%s%s%d %d %d\n", text, diags, pt.partners_changed,
		 pt.events_moved, pt.events_new);
	free(text);
	free(diags);
	rk_plan_free(next);
	rk_diags_free(d);
	return all;
}

START_TEST(test_rebalance_jobs)
{
	struct rk_schoolyear *year = NULL;
	struct rk_school *school =
		load("tests/data/parallel/vo40/school.yaml", &year);
	struct rk_plan_options o = options(1);
	struct rk_diags *d = rk_diags_new();
	struct rk_plan *prev = NULL;
	rk_planner_run(school, year, &o, &prev, d);
	ck_assert_ptr_nonnull(prev);
	char *one = rebalance(school, year, prev, 1);
	char *two = rebalance(school, year, prev, 2);
	ck_assert_msg(!strcmp(one, two), "rebalance differs with --jobs 2");
	free(one);
	free(two);
	rk_plan_free(prev);
	rk_diags_free(d);
	rk_schoolyear_free(year);
	rk_school_free(school);
}
END_TEST

struct squares {
	size_t *out;
	size_t *calls;
};

static void square(void *data, size_t i)
{
	struct squares *sq = data;
	sq->out[i] = i * i;
	sq->calls[i]++; /* one call per i: nobody else writes it */
}

/* rk_parallel_each calls every index exactly once, on as many threads as
 * asked for, with fewer calls than threads, and with none. */
START_TEST(test_each)
{
	static const size_t counts[] = { 0, 1, 2, 3, 97 };
	static const int jobs[] = { 1, 2, 5 };
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
		for (size_t j = 0; j < sizeof(jobs) / sizeof(jobs[0]); j++) {
			size_t n = counts[c];
			struct rk_plan_options o = options(jobs[j]);
			struct rk_planctx ctx = { .options = &o };
			struct squares sq = { calloc(n + 1, sizeof(size_t)),
					      calloc(n + 1, sizeof(size_t)) };
			ck_assert_ptr_nonnull(sq.out);
			ck_assert_ptr_nonnull(sq.calls);
			rk_parallel_each(&ctx, n, square, &sq);
			for (size_t i = 0; i < n; i++) {
				ck_assert_uint_eq(sq.calls[i], 1);
				ck_assert_uint_eq(sq.out[i], i * i);
			}
			ck_assert_uint_eq(sq.calls[n], 0);
			free(sq.out);
			free(sq.calls);
		}
}
END_TEST

Suite *suite_parallel(void)
{
	Suite *s = suite_create("parallel");
	TCase *tc = tcase_create("jobs");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_po_example);
	tcase_add_test(tc, test_vo_example);
	tcase_add_test(tc, test_shared_teacher);
	tcase_add_test(tc, test_generated_school);
	tcase_add_test(tc, test_infeasible);
	tcase_add_test(tc, test_periods_own_days);
	tcase_add_test(tc, test_rebalance_jobs);
	tcase_add_test(tc, test_each);
	suite_add_tcase(s, tc);
	return s;
}
