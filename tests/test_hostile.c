/* Hostile inputs (issue 15): every reader refuses what is not a regular
 * file without blocking (a FIFO, /dev/zero, a folder), a file beyond the
 * size limit without reading it (a 300 MB sparse file), a symlink loop, and
 * a school file nested too deep or with a cyclic alias, each with its exact
 * message. How fast and in how much memory is measured by bench/hostile,
 * not here. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "feed_state.h"
#include "ical_calendar.h"
#include "loader.h"
#include "people_csv.h"
#include "plan.h"
#include "plan_file.h"
#include "push_state.h"
#include "school.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"
#include "textfile.h"
#include "timetable_csv.h"
#include "timetable_fet.h"
#include "timetable_ical.h"
#include "timetable_untis.h"
#include "tokens.h"

#define NOT_REGULAR                                                        \
	"not a regular file (a FIFO, device or socket is not read): give " \
	"the path of a file"
#define TOO_LARGE                                                               \
	"the file is larger than ritmiek reads (1 MiB for a school file, 512 "  \
	"KiB for a people file, 4 MiB for a timetable or calendar, 16 MiB for " \
	"any other): is it the right file?"
#define FOLDER "it is a folder: give the path of a file"
#define LOOP   "Too many levels of symbolic links"

/* The hostile files, made in a folder of the build tree per test. */
static char dir[64];

static const char *in_dir(const char *name)
{
	static char path[160];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text, size_t len)
{
	FILE *f = fopen(in_dir(name), "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* @n levels of flow sequences: a: [[[ ... ]]] */
static void write_deep_flow(const char *name, size_t n)
{
	size_t len = 3 + 2 * n + 1;
	char *text = malloc(len);
	ck_assert_ptr_nonnull(text);
	memcpy(text, "a: ", 3);
	memset(text + 3, '[', n);
	memset(text + 3 + n, ']', n);
	text[len - 1] = '\n';
	write_file(name, text, len);
	free(text);
}

/* @n levels of block sequences on one line: a:\n- - - ... x */
static void write_deep_block(const char *name, size_t n)
{
	size_t len = 3 + 2 * n + 2;
	char *text = malloc(len);
	ck_assert_ptr_nonnull(text);
	memcpy(text, "a:\n", 3);
	for (size_t i = 0; i < n; i++)
		memcpy(text + 3 + 2 * i, "- ", 2);
	memcpy(text + len - 2, "x\n", 2);
	write_file(name, text, len);
	free(text);
}

/* A file of @size bytes that takes no room on disk. */
static void write_sparse(const char *name, off_t size)
{
	int fd = open(in_dir(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, size), 0);
	ck_assert_int_eq(close(fd), 0);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "test-hostile-%ld", (long)getpid());
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(mkfifo(in_dir("fifo.csv"), 0600), 0);
	ck_assert_int_eq(mkfifo(in_dir("fifo_activities.xml"), 0600), 0);
	ck_assert_int_eq(mkdir(in_dir("folder.csv"), 0700), 0);
	ck_assert_int_eq(symlink("loop-b.csv", in_dir("loop-a.csv")), 0);
	ck_assert_int_eq(symlink("loop-a.csv", in_dir("loop-b.csv")), 0);
	write_sparse("sparse.csv", (off_t)300 << 20);
}

static void teardown(void)
{
	static const char *const names[] = {
		"fifo.csv",	  "fifo_activities.xml", "folder.csv",
		"loop-a.csv",	  "loop-b.csv",		 "sparse.csv",
		"deep-flow.yaml", "deep-block.yaml",	 "cycle.yaml",
		"max.yaml",	  "over.yaml",		 "indent.yaml",
		"garbage.csv",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *p = in_dir(names[i]);
		if (unlink(p) < 0)
			rmdir(p);
	}
	rmdir(dir);
}

/* The readers, each as (path, diags) -> status. */
enum reader {
	R_SCHOOL,
	R_PEOPLE,
	R_TIMETABLE_CSV,
	R_UNTIS,
	R_FET,
	R_ICAL,
	R_CALENDAR,
	R_PLAN,
	R_FEED_STATE,
	R_PUSH_STATE,
	R_TOKENS,
	N_READERS
};

static enum rk_status run_reader(enum reader r, const char *path,
				 struct rk_diags *diags)
{
	struct rk_school *school = rk_school_new();
	enum rk_status status = RK_ERR_BUG;
	ck_assert_ptr_nonnull(school);
	switch (r) {
	case R_SCHOOL: {
		struct rk_school *s = NULL;
		status = rk_school_yaml_load(path, &s, diags);
		rk_school_free(s);
		break;
	}
	case R_PEOPLE:
		status = rk_people_csv_load(school, path, diags);
		break;
	case R_TIMETABLE_CSV:
		status = rk_timetable_csv_load(school, path, diags);
		break;
	case R_UNTIS:
		status = rk_timetable_untis_load(school, path, diags);
		break;
	case R_FET:
		status = rk_timetable_fet_load(school, path, diags);
		break;
	case R_ICAL:
		status = rk_timetable_ical_load(school, path, diags);
		break;
	case R_CALENDAR:
		status = rk_ical_load_holidays(school, path, diags);
		break;
	case R_PLAN: {
		struct rk_plan *plan = NULL;
		status = rk_plan_file_read(school, path, &plan, diags);
		rk_plan_free(plan);
		break;
	}
	case R_FEED_STATE: {
		struct rk_feed_state *st = NULL;
		status = rk_feed_state_read(path, &st, diags);
		rk_feed_state_free(st);
		break;
	}
	case R_PUSH_STATE: {
		struct rk_push_state *st = NULL;
		status = rk_push_state_read(path, &st, diags);
		rk_push_state_free(st);
		break;
	}
	case R_TOKENS: {
		struct rk_tokens *t = rk_tokens_new();
		ck_assert_ptr_nonnull(t);
		status = rk_tokens_read(t, path, diags);
		rk_tokens_free(t);
		break;
	}
	case N_READERS:
		break;
	}
	rk_school_free(school);
	return status;
}

/* What each reader says before the reason. */
static const char *const what[N_READERS] = {
	[R_SCHOOL] = "cannot read file",
	[R_PEOPLE] = "cannot read people file",
	[R_TIMETABLE_CSV] = "cannot read timetable file",
	[R_UNTIS] = "cannot read timetable file",
	[R_FET] = "cannot read timetable file",
	[R_ICAL] = "cannot read timetable file",
	[R_CALENDAR] = "cannot read calendar file",
	[R_PLAN] = "cannot read plan file",
	[R_FEED_STATE] = "cannot read the feed state",
	[R_PUSH_STATE] = "cannot read the push state",
	[R_TOKENS] = "cannot read the feed tokens",
};

/* Reads the file @name with @r and checks the one diagnostic it gives:
 * "PATH: error: WHAT: @reason". */
static void assert_refused(enum reader r, const char *name, const char *reason)
{
	struct rk_diags *diags = rk_diags_new();
	char want[512];
	ck_assert_ptr_nonnull(diags);
	const char *path = in_dir(name);
	snprintf(want, sizeof(want), "%s: error: %s: %s\n", path, what[r],
		 reason);
	enum rk_status status = run_reader(r, path, diags);
	char *got = rk_test_diags_text(diags);
	ck_assert_msg(status == RK_ERR_IO || status == RK_ERR_INPUT,
		      "reader %d: status %d", (int)r, (int)status);
	ck_assert_str_eq(got, want);
	free(got);
	rk_diags_free(diags);
}

/* A FIFO without a writer would block open() and read() forever. */
START_TEST(test_fifo)
{
	enum reader r = (enum reader)_i;
	assert_refused(r, r == R_FET ? "fifo_activities.xml" : "fifo.csv",
		       NOT_REGULAR);
}
END_TEST

START_TEST(test_folder)
{
	assert_refused((enum reader)_i, "folder.csv", FOLDER);
}
END_TEST

START_TEST(test_symlink_loop)
{
	assert_refused((enum reader)_i, "loop-a.csv", LOOP);
}
END_TEST

/* 300 MB that take no room: refused by its size, never read. */
START_TEST(test_sparse)
{
	assert_refused((enum reader)_i, "sparse.csv", TOO_LARGE);
}
END_TEST

/* A device that never ends: it used to eat 2 GB before failing. */
START_TEST(test_dev_zero)
{
	struct rk_diags *diags = rk_diags_new();
	ck_assert_ptr_nonnull(diags);
	enum reader r = (enum reader)_i;
	ck_assert_int_ne(run_reader(r, "/dev/zero", diags), RK_OK);
	char *got = rk_test_diags_text(diags);
	char want[512];
	snprintf(want, sizeof(want), "/dev/zero: error: %s: %s\n", what[r],
		 NOT_REGULAR);
	ck_assert_str_eq(got, want);
	free(got);
	rk_diags_free(diags);
}
END_TEST

/* Checks that the school file @name gives exactly the diagnostic @want
 * (after "PATH:"). */
static void assert_school(const char *name, const char *want)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_ptr_nonnull(diags);
	ck_assert_int_eq(rk_school_yaml_load(in_dir(name), &school, diags),
			 RK_ERR_INPUT);
	rk_test_assert_diags(diags, in_dir(name), &want, 1);
	rk_school_free(school);
	rk_diags_free(diags);
}

/* 100,000 levels took 38 s (flow) and 88 s (block) to reject. */
START_TEST(test_deep_flow)
{
	write_deep_flow("deep-flow.yaml", 100000);
	assert_school("deep-flow.yaml",
		      "1:35: error: the YAML nests more than 32 levels deep "
		      "here (a school file needs five)");
}
END_TEST

START_TEST(test_deep_block)
{
	write_deep_block("deep-block.yaml", 100000);
	assert_school("deep-block.yaml",
		      "2:63: error: the YAML nests more than 32 levels deep "
		      "here (a school file needs five)");
}
END_TEST

/* Block mappings nested by indentation: with the root, 33 levels is one
 * too many. */
START_TEST(test_deep_indent)
{
	char text[4096] = "";
	size_t len = 0;
	for (int i = 0; i <= 33; i++) {
		int n = snprintf(text + len, sizeof(text) - len, "%*sk%d:%s\n",
				 i, "", i, i == 33 ? " x" : "");
		ck_assert(n > 0 && (size_t)n < sizeof(text) - len);
		len += (size_t)n;
	}
	write_file("indent.yaml", text, len);
	assert_school("indent.yaml",
		      "33:33: error: the YAML nests more than 32 levels deep "
		      "here (a school file needs five)");
}
END_TEST

/* An alias inside the node it names makes the document a cycle. */
START_TEST(test_alias_cycle)
{
	static const char text[] = "school: &s {id: x, self: [*s]}\n";
	write_file("cycle.yaml", text, sizeof(text) - 1);
	assert_school("cycle.yaml",
		      "1:27: error: the alias *s is inside the node it names: "
		      "the school file would never end");
}
END_TEST

/* A school file of exactly the limit is read, one byte more is not. */
START_TEST(test_school_limit)
{
	size_t max = RK_TEXTFILE_MAX_SCHOOL;
	char *text = malloc(max + 1);
	ck_assert_ptr_nonnull(text);
	memset(text, ' ', max + 1);
	text[0] = '#';
	text[max - 1] = '\n';
	write_file("max.yaml", text, max);
	assert_school("max.yaml", " error: the school file is empty");
	text[max] = '\n';
	write_file("over.yaml", text, max + 1);
	free(text);
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(
		rk_school_yaml_load(in_dir("over.yaml"), &school, diags),
		RK_ERR_IO);
	const char *want = " error: cannot read file: " TOO_LARGE;
	rk_test_assert_diags(diags, in_dir("over.yaml"), &want, 1);
	rk_school_free(school);
	rk_diags_free(diags);
}
END_TEST

/* A CSV file that is not the file meant: reading stops after 1000
 * problems instead of reporting two million. */
START_TEST(test_too_many_problems)
{
	size_t n = 20000, len = 0;
	char *text = malloc(n * 12 + 16);
	ck_assert_ptr_nonnull(text);
	len += (size_t)sprintf(text, "id,name\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "\"x%zu,y\n", i);
	write_file("garbage.csv", text, len);
	free(text);
	struct rk_diags *diags = rk_diags_new();
	ck_assert_ptr_nonnull(diags);
	ck_assert_int_eq(run_reader(R_PEOPLE, in_dir("garbage.csv"), diags),
			 RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_count(diags), 1002);
	char want[256];
	snprintf(want, sizeof(want),
		 "%s:1002: error: more than 1000 problems: stopped reading "
		 "here; is this the right file?",
		 in_dir("garbage.csv"));
	char got[256];
	rk_diag_format(rk_diags_get(diags, 1001), got, sizeof(got));
	ck_assert_str_eq(got, want);
	rk_diags_free(diags);
}
END_TEST

/* Billion laughs in a .fet file: libxml2 substitutes no entities and keeps
 * its amplification limits (no XML_PARSE_NOENT, no XML_PARSE_HUGE). */
START_TEST(test_xml_entity_bomb)
{
	char *path = rk_test_path("tests/data/fet/bomb/bomb_activities.xml");
	struct rk_school *school = rk_school_new();
	struct rk_diags *diags = rk_diags_new();
	ck_assert_ptr_nonnull(school);
	ck_assert_ptr_nonnull(diags);
	ck_assert_int_eq(rk_timetable_fet_load(school, path, diags),
			 RK_ERR_INPUT);
	char *got = rk_test_diags_text(diags);
	ck_assert_str_eq(got, "tests/data/fet/bomb/bomb_data_and_timetable.fet:"
			      "17: error: XML: Detected an entity reference "
			      "loop\n");
	free(got);
	rk_diags_free(diags);
	rk_school_free(school);
	free(path);
}
END_TEST

Suite *suite_hostile(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_fifo, 0, N_READERS);
	tcase_add_loop_test(tc, test_folder, 0, N_READERS);
	tcase_add_loop_test(tc, test_symlink_loop, 0, N_READERS);
	tcase_add_loop_test(tc, test_sparse, 0, N_READERS);
	tcase_add_loop_test(tc, test_dev_zero, 0, N_READERS);
	tcase_add_test(tc, test_deep_flow);
	tcase_add_test(tc, test_deep_block);
	tcase_add_test(tc, test_deep_indent);
	tcase_add_test(tc, test_alias_cycle);
	tcase_add_test(tc, test_school_limit);
	tcase_add_test(tc, test_too_many_problems);
	tcase_add_test(tc, test_xml_entity_bomb);
	suite_add_tcase(s, tc);
	return s;
}
