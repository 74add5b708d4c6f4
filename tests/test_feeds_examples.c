/* The feeds of the two examples, byte for byte: each run's files are
 * compared, by size and a 64-bit FNV-1a digest, with the list the feeds
 * code of before issue 16 (every event rendered once per feed) wrote from
 * the same school, plan and tokens (tests/expected/feeds-*.txt). A second
 * run publishes changes (moved, left and thinned events), so the cancelled
 * and per-reader variants are covered too. With RK_TEST_RECORD set to a
 * folder, the lists are written there instead of compared. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feeds.h"
#include "loader.h"
#include "plan_file.h"
#include "suites.h"
#include "testutil.h"

/* 2026-08-03 12:00 UTC, before every event of the examples, and a day
 * later. */
#define T0 1785758400LL
#define T1 (T0 + 86400)

struct example {
	struct rk_school *school;
	struct rk_plan *plan;
};

static void load(const char *name, struct example *ex)
{
	char rel[128];
	struct rk_diags *diags = rk_diags_new();
	snprintf(rel, sizeof(rel), "examples/%s-school/school.yaml", name);
	char *path = rk_test_path(rel);
	ck_assert_int_eq(rk_load_school(path, NULL, &ex->school, diags), RK_OK);
	free(path);
	snprintf(rel, sizeof(rel), "tests/data/feeds-examples/%s-plan.tsv",
		 name);
	path = rk_test_path(rel);
	ck_assert_int_eq(rk_plan_file_read(ex->school, path, &ex->plan, diags),
			 RK_OK);
	free(path);
	rk_diags_free(diags);
}

static void unload(struct example *ex)
{
	rk_plan_free(ex->plan);
	rk_school_free(ex->school);
}

static void copy_file(const char *from, const char *to)
{
	char *text = rk_test_slurp(from);
	FILE *out = fopen(to, "wb");
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), out), strlen(text));
	ck_assert_int_eq(fclose(out), 0);
	free(text);
}

/* A fresh folder with the example's tokens, so that the feeds have the
 * names they had when the expected lists were made. */
static void make_dir(const char *name, char *dir, size_t size)
{
	char rel[128], to[256];
	snprintf(dir, size, "test-feeds-%s-XXXXXX", name);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(rel, sizeof(rel), "tests/data/feeds-examples/%s-tokens.tsv",
		 name);
	char *from = rk_test_path(rel);
	snprintf(to, sizeof(to), "%s/tokens.tsv", dir);
	copy_file(from, to);
	free(from);
}

static void write_feeds(const struct example *ex, const char *dir,
			long long now, unsigned jobs)
{
	struct rk_feeds_options options = { NULL, now };
	struct rk_feeds_report report;
	struct rk_diags *diags = rk_diags_new();
	enum rk_status status = rk_feeds_write_jobs(
		ex->school, ex->plan, dir, &options, jobs, &report, diags);
	char *text = rk_test_diags_text(diags);
	ck_assert_msg(status == RK_OK, "feeds: %s: %s", rk_strerror(status),
		      text);
	free(text);
	rk_diags_free(diags);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of @dir and of @dir/feeds, "feeds/x.ics", sorted. */
static char **files_of(const char *dir, size_t *n)
{
	char **names = NULL;
	*n = 0;
	for (int sub = 0; sub < 2; sub++) {
		char path[256];
		snprintf(path, sizeof(path), "%s%s", dir, sub ? "/feeds" : "");
		DIR *d = opendir(path);
		ck_assert_ptr_nonnull(d);
		const struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' ||
			    !strcmp(de->d_name, "feeds"))
				continue;
			names = realloc(names, (*n + 1) * sizeof(*names));
			ck_assert_ptr_nonnull(names);
			size_t len = strlen(de->d_name) + 8;
			names[*n] = malloc(len);
			ck_assert_ptr_nonnull(names[*n]);
			snprintf(names[(*n)++], len, "%s%s",
				 sub ? "feeds/" : "", de->d_name);
		}
		closedir(d);
	}
	qsort(names, *n, sizeof(*names), cmp_name);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static uint64_t fnv1a(const char *data, size_t len)
{
	uint64_t hash = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++) {
		hash ^= (unsigned char)data[i];
		hash *= 0x100000001b3u;
	}
	return hash;
}

/* "DIGEST SIZE NAME\n" per file of @dir, in one string (caller frees). */
static char *digests(const char *dir)
{
	size_t n, len = 0;
	char **names = files_of(dir, &n);
	char *all = calloc(1, 1);
	for (size_t i = 0; i < n; i++) {
		char path[512], line[512];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		char *text = rk_test_slurp(path);
		size_t size = strlen(text);
		int k = snprintf(line, sizeof(line), "%016llx %zu %s\n",
				 (unsigned long long)fnv1a(text, size), size,
				 names[i]);
		free(text);
		all = realloc(all, len + (size_t)k + 1);
		ck_assert_ptr_nonnull(all);
		memcpy(all + len, line, (size_t)k + 1);
		len += (size_t)k;
	}
	free_names(names, n);
	return all;
}

/* The first line in which @got and @want differ, for the message. */
static const char *first_difference(const char *got, const char *want)
{
	const char *line = got;
	for (size_t i = 0; got[i] && got[i] == want[i]; i++)
		if (got[i] == '\n')
			line = got + i + 1;
	return line;
}

static void assert_expected(const char *dir, const char *expected)
{
	char rel[128];
	char *got = digests(dir);
	const char *record = getenv("RK_TEST_RECORD");
	snprintf(rel, sizeof(rel), "tests/expected/%s", expected);
	if (record && *record) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", record, expected);
		FILE *out = fopen(path, "w");
		ck_assert_ptr_nonnull(out);
		fputs(got, out);
		ck_assert_int_eq(fclose(out), 0);
		free(got);
		return;
	}
	char *path = rk_test_path(rel);
	char *want = rk_test_slurp(path);
	free(path);
	ck_assert_msg(!strcmp(got, want), "%s: not as %s from:\n%.200s", dir,
		      rel, first_difference(got, want));
	free(want);
	free(got);
}

static void remove_dir(const char *dir)
{
	size_t n;
	char **names = files_of(dir, &n);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	free_names(names, n);
	char feeds[256];
	snprintf(feeds, sizeof(feeds), "%s/feeds", dir);
	rmdir(feeds);
	rmdir(dir);
}

/* Changes for the second run: some events move, some leave the plan (a
 * new id), some lose their last participant. */
static void change_plan(struct rk_plan *plan)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		struct rk_event *ev = rk_plan_event_at(plan, i);
		if (i % 37 == 5)
			ev->id = rk_plan_printf(plan, "%s-anders", ev->id);
		else if (i % 41 == 7 && ev->start >= 0) {
			ev->start += 30;
			ev->end += 30;
		} else if (i % 23 == 3 && ev->n_parts > 1)
			ev->n_parts--;
	}
}

static void check_example(const char *name, unsigned jobs)
{
	struct example ex;
	char dir[64], expected[64];
	load(name, &ex);
	make_dir(name, dir, sizeof(dir));
	write_feeds(&ex, dir, T0, jobs);
	snprintf(expected, sizeof(expected), "feeds-%s-1.txt", name);
	assert_expected(dir, expected);
	change_plan(ex.plan);
	write_feeds(&ex, dir, T1, jobs);
	snprintf(expected, sizeof(expected), "feeds-%s-2.txt", name);
	assert_expected(dir, expected);
	remove_dir(dir);
	unload(&ex);
}

START_TEST(test_vo_as_before)
{
	check_example("vo", 1);
}
END_TEST

/* Every file of @a and @b alike, byte for byte. */
static void assert_same_files(const char *a, const char *b)
{
	size_t n, m;
	char **names = files_of(a, &n), **others = files_of(b, &m);
	ck_assert_uint_eq(n, m);
	for (size_t i = 0; i < n; i++) {
		char pa[512], pb[512];
		ck_assert_str_eq(names[i], others[i]);
		snprintf(pa, sizeof(pa), "%s/%s", a, names[i]);
		snprintf(pb, sizeof(pb), "%s/%s", b, names[i]);
		char *x = rk_test_slurp(pa), *y = rk_test_slurp(pb);
		ck_assert_msg(!strcmp(x, y), "%s and %s differ", pa, pb);
		free(x);
		free(y);
	}
	free_names(names, n);
	free_names(others, m);
}

/* Two and seven threads write what one writes, in both runs, and what
 * the code before issue 16 wrote. */
START_TEST(test_vo_jobs_same_bytes)
{
	static const unsigned jobs[] = { 2, 7 };
	struct example one, many;
	char dir1[64], dirn[64];
	for (size_t j = 0; j < 2; j++) {
		load("vo", &one);
		load("vo", &many);
		make_dir("vo", dir1, sizeof(dir1));
		make_dir("vo", dirn, sizeof(dirn));
		write_feeds(&one, dir1, T0, 1);
		write_feeds(&many, dirn, T0, jobs[j]);
		assert_same_files(dir1, dirn);
		assert_expected(dirn, "feeds-vo-1.txt");
		change_plan(one.plan);
		change_plan(many.plan);
		write_feeds(&one, dir1, T1, 1);
		write_feeds(&many, dirn, T1, jobs[j]);
		assert_same_files(dir1, dirn);
		assert_expected(dirn, "feeds-vo-2.txt");
		remove_dir(dir1);
		remove_dir(dirn);
		unload(&one);
		unload(&many);
	}
}
END_TEST

/* A feed that cannot be written (a folder where its file goes) fails the
 * run with RK_ERR_IO naming that file, whichever thread met it. */
START_TEST(test_jobs_failure_named)
{
	struct example ex;
	char dir[64], blocked[128];
	load("vo", &ex);
	make_dir("vo", dir, sizeof(dir));
	snprintf(blocked, sizeof(blocked), "%s/feeds", dir);
	ck_assert_int_eq(mkdir(blocked, 0755), 0);
	snprintf(blocked, sizeof(blocked), "%s/feeds/team-mavo.ics", dir);
	ck_assert_int_eq(mkdir(blocked, 0755), 0);
	struct rk_feeds_options options = { NULL, T0 };
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_feeds_write_jobs(ex.school, ex.plan, dir, &options,
					     2, NULL, diags),
			 RK_ERR_IO);
	char *text = rk_test_diags_text(diags);
	char want[256];
	snprintf(want, sizeof(want), "%s: error: cannot write: Is a directory",
		 blocked);
	ck_assert_msg(strstr(text, want) != NULL, "got %s", text);
	/* The state is written beside the feeds; with one missing it must
	 * not be there to say they were published. */
	char state[128];
	snprintf(state, sizeof(state), "%s/feeds.state", dir);
	ck_assert_msg(access(state, F_OK) != 0, "%s is there", state);
	free(text);
	rk_diags_free(diags);
	rmdir(blocked);
	remove_dir(dir);
	unload(&ex);
}
END_TEST

START_TEST(test_po_as_before)
{
	check_example("po", 1);
}
END_TEST

Suite *suite_feeds_examples(void)
{
	Suite *s = suite_create("feeds_examples");
	TCase *tc = tcase_create("examples");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vo_as_before);
	tcase_add_test(tc, test_po_as_before);
	tcase_add_test(tc, test_vo_jobs_same_bytes);
	tcase_add_test(tc, test_jobs_failure_named);
	suite_add_tcase(s, tc);
	return s;
}
