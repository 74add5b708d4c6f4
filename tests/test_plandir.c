/* test_plandir.c - a plan directory changes as one generation. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "plan_file.h"
#include "plandir.h"
#include "planner.h"
#include "suites.h"
#include "testutil.h"

static char parent[64];
static char dir[128];

static void setup(void)
{
	snprintf(parent, sizeof(parent), "/tmp/ritmiek-plandir-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(parent));
	snprintf(dir, sizeof(dir), "%s/plan", parent);
}

static void teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", parent);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *name, const char *text, mode_t mode)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static char *read_file(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return rk_test_slurp(path);
}

static bool exists(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* The names in the parent folder other than "plan" and its lock. */
static int strays(void)
{
	DIR *d = opendir(parent);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	const struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		     strcmp(e->d_name, "plan") &&
		     strcmp(e->d_name, ".plan.lock");
	closedir(d);
	return n;
}

/* An old generation with a plan, a feed in a folder and a file only
 * another command writes (push.state). */
static void old_generation(void)
{
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	char feeds[160];
	snprintf(feeds, sizeof(feeds), "%s/feeds", dir);
	ck_assert_int_eq(mkdir(feeds, 0755), 0);
	write_file("plan.tsv", "old plan\n", 0644);
	write_file("feeds/a.ics", "old feed\n", 0644);
	write_file("push.state", "pushed\n", 0600);
	write_file("tokens.tsv", "tokens\n", 0644);
}

START_TEST(test_first_generation)
{
	struct rk_plandir *pd = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &pd), RK_OK);
	ck_assert_int_eq(rk_plandir_put(pd, "plan.tsv", "new\n", 4, false),
			 RK_OK);
	ck_assert_int_eq(rk_plandir_put(pd, "feeds/b.ics", "b\n", 2, false),
			 RK_OK);
	ck_assert(!exists("plan.tsv")); /* nothing before the commit */
	ck_assert_int_eq(rk_plandir_commit(pd), RK_OK);
	char *plan = read_file("plan.tsv");
	ck_assert_str_eq(plan, "new\n");
	free(plan);
	ck_assert(exists("feeds/b.ics"));
	ck_assert_int_eq(strays(), 0);
}
END_TEST

/* What the run writes is new, what it drops is gone, the rest is carried;
 * until the commit the old generation is untouched, byte for byte. */
START_TEST(test_next_generation)
{
	old_generation();
	struct rk_plandir *pd = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &pd), RK_OK);
	ck_assert_int_eq(rk_plandir_put(pd, "plan.tsv", "new plan\n", 9, false),
			 RK_OK);
	ck_assert_int_eq(rk_plandir_put(pd, "tokens.tsv", "t2\n", 3, true),
			 RK_OK);
	ck_assert_int_eq(rk_plandir_drop(pd, "feeds/a.ics"), RK_OK);
	char *plan = read_file("plan.tsv");
	ck_assert_str_eq(plan, "old plan\n"); /* a link was not written into */
	free(plan);
	ck_assert(exists("feeds/a.ics"));
	ck_assert_int_eq(rk_plandir_commit(pd), RK_OK);
	plan = read_file("plan.tsv");
	ck_assert_str_eq(plan, "new plan\n");
	free(plan);
	char *push = read_file("push.state");
	ck_assert_str_eq(push, "pushed\n");
	free(push);
	ck_assert(!exists("feeds/a.ics"));
	char path[256];
	struct stat st;
	snprintf(path, sizeof(path), "%s/tokens.tsv", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600); /* was 0644 */
	ck_assert_int_eq(strays(), 0);
}
END_TEST

START_TEST(test_abort_keeps_old)
{
	old_generation();
	struct rk_plandir *pd = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &pd), RK_OK);
	ck_assert_int_eq(rk_plandir_put(pd, "plan.tsv", "half\n", 5, false),
			 RK_OK);
	ck_assert_int_eq(rk_plandir_drop(pd, "push.state"), RK_OK);
	rk_plandir_abort(pd);
	char *plan = read_file("plan.tsv");
	ck_assert_str_eq(plan, "old plan\n");
	free(plan);
	ck_assert(exists("push.state"));
	ck_assert_int_eq(strays(), 0);
}
END_TEST

/* A second run on the same plan directory waits for nobody: it is told. */
START_TEST(test_lock)
{
	struct rk_plandir *a = NULL, *b = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &a), RK_OK);
	ck_assert_int_eq(rk_plandir_begin(dir, &b), RK_ERR_BUSY);
	ck_assert_ptr_null(b);
	rk_plandir_abort(a);
	ck_assert_int_eq(rk_plandir_begin(dir, &b), RK_OK);
	rk_plandir_abort(b);
}
END_TEST

/* A run killed before its commit leaves its stage; the next run clears
 * it and the plan directory is as the last commit made it. */
START_TEST(test_leftovers_cleared)
{
	old_generation();
	char stray[256];
	snprintf(stray, sizeof(stray), "%s/.plan.new-dead01", parent);
	ck_assert_int_eq(mkdir(stray, 0700), 0);
	snprintf(stray, sizeof(stray), "%s/.plan.old-dead02", parent);
	ck_assert_int_eq(mkdir(stray, 0700), 0);
	struct rk_plandir *pd = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &pd), RK_OK);
	rk_plandir_abort(pd);
	ck_assert_int_eq(strays(), 0);
	char *plan = read_file("plan.tsv");
	ck_assert_str_eq(plan, "old plan\n");
	free(plan);
}
END_TEST

START_TEST(test_not_a_folder)
{
	FILE *f = fopen(dir, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	struct rk_plandir *pd = NULL;
	ck_assert_int_eq(rk_plandir_begin(dir, &pd), RK_ERR_IO);
	ck_assert_int_eq(errno, ENOTDIR);
	ck_assert_int_eq(strays(), 0);
}
END_TEST

/* What the referee at the commit point (struct rk_output's verify) is
 * given: the small school of the planner tests, its plan, and that plan
 * with the team's first bordsessie moved an hour, off its moment and onto
 * a lesson (as test_verify_catches_edit edits it). */
struct judged {
	struct rk_test_planned t; /* the good plan in t.plan */
	struct rk_plan *edited;
};

static struct judged judged_new(void)
{
	struct rk_plan_options options = { .time_limit_ms = 600000 };
	struct judged j = { rk_test_plan("tests/data/planner/one-moment.yaml",
					 &options),
			    NULL };
	ck_assert_int_eq(j.t.status, RK_OK);
	char file[256];
	snprintf(file, sizeof(file), "%s/edited.tsv", parent);
	ck_assert_int_eq(rk_plan_file_write(j.t.school, j.t.plan, file), RK_OK);
	rk_test_move_bordsessie(file);
	ck_assert_int_eq(
		rk_plan_file_read(j.t.school, file, &j.edited, j.t.diags),
		RK_OK);
	ck_assert_int_eq(unlink(file), 0);
	return j;
}

static void judged_free(struct judged *j)
{
	rk_plan_free(j->edited);
	rk_test_planned_free(&j->t);
}

/* A plan that verify rejects is not committed, whatever else was written
 * beside it: the generation before stays, nothing is left behind, and
 * the diagnostics say which rule broke. Without the referee the same plan
 * is written: the referee is what refused it. */
START_TEST(test_referee_gates_the_commit)
{
	struct judged j = judged_new();
	struct rk_feeds_options feed_options = { NULL, 1785758400 };
	struct rk_output o = { .school = j.t.school,
			       .year = j.t.year,
			       .plan = j.t.plan,
			       .plan_file = true,
			       .feeds = true,
			       .feed_options = &feed_options,
			       .jobs = 2,
			       .verify = true };
	struct rk_output_result res;
	struct rk_diags *d = rk_diags_new();
	ck_assert_int_eq(rk_output_write(dir, &o, &res, d), RK_OK);
	ck_assert_uint_eq(rk_diags_errors(d), 0);
	ck_assert_uint_gt(res.feeds.feeds, 0);
	char *before = read_file("plan.tsv");
	char *index = read_file("index.tsv");

	o.plan = j.edited;
	ck_assert_int_eq(rk_output_write(dir, &o, &res, d), RK_ERR_INFEASIBLE);
	char *got = rk_test_diags_text(d);
	ck_assert_msg(strstr(got, "but its moment is dinsdag 13:00") != NULL,
		      "%s", got);
	free(got);
	char *after = read_file("plan.tsv");
	ck_assert_str_eq(after, before);
	free(after);
	after = read_file("index.tsv");
	ck_assert_str_eq(after, index);
	free(after);
	ck_assert_int_eq(strays(), 0);

	o.verify = false;
	o.feeds = false;
	rk_diags_free(d);
	d = rk_diags_new();
	ck_assert_int_eq(rk_output_write(dir, &o, &res, d), RK_OK);
	after = read_file("plan.tsv");
	ck_assert_str_ne(after, before);
	ck_assert_ptr_nonnull(strstr(after, "\t14:00\t14:30\t"));
	free(after);
	free(before);
	free(index);
	rk_diags_free(d);
	judged_free(&j);
}
END_TEST

Suite *suite_plandir(void)
{
	Suite *s = suite_create("plandir");
	TCase *tc = tcase_create("generation");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_first_generation);
	tcase_add_test(tc, test_next_generation);
	tcase_add_test(tc, test_abort_keeps_old);
	tcase_add_test(tc, test_lock);
	tcase_add_test(tc, test_leftovers_cleared);
	tcase_add_test(tc, test_not_a_folder);
	tcase_add_test(tc, test_referee_gates_the_commit);
	suite_add_tcase(s, tc);
	return s;
}
