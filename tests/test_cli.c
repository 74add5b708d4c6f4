#include "config.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suites.h"
#include "testutil.h"

/* What one run of the real program gave. */
struct run {
	int status;
	char *out;
	char *err;
};

static int temp_file(char *name)
{
	int fd = mkstemp(name);
	ck_assert_int_ge(fd, 0);
	return fd;
}

#define MAX_ARGS 32

/* The command line to exec: $RITMIEK_RUNNER's words (e.g. valgrind and its
 * options), then $RITMIEK, then @argv[1..]. */
static void build_argv(const char *prog, const char *const *argv, char *words,
		       char **out)
{
	size_t n = 0;
	for (char *w = words; w && *w && n < MAX_ARGS - 1;) {
		while (*w == ' ')
			*w++ = '\0';
		if (!*w)
			break;
		out[n++] = w;
		while (*w && *w != ' ')
			w++;
	}
	out[n++] = (char *)prog;
	for (size_t i = 1; argv[i] && n < MAX_ARGS - 1; i++)
		out[n++] = (char *)argv[i];
	out[n] = NULL;
}

/* Runs $RITMIEK with @argv (NULL-terminated, argv[0] included) in $srcdir,
 * so that the paths in its messages are relative and stable. */
static struct run run_ritmiek(const char *const *argv)
{
	const char *prog = getenv("RITMIEK");
	ck_assert_msg(prog != NULL,
		      "RITMIEK is not set (run through make check)");
	char out_name[] = "/tmp/ritmiek-out-XXXXXX";
	char err_name[] = "/tmp/ritmiek-err-XXXXXX";
	int out_fd = temp_file(out_name), err_fd = temp_file(err_name);
	char *dir = rk_test_path("");
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (chdir(dir) != 0 || dup2(out_fd, 1) < 0 ||
		    dup2(err_fd, 2) < 0)
			_exit(127);
		const char *runner = getenv("RITMIEK_RUNNER");
		char *words = runner ? strdup(runner) : NULL;
		char *args[MAX_ARGS];
		build_argv(prog, argv, words, args);
		execvp(args[0], args);
		_exit(127);
	}
	int wstatus;
	ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
	close(out_fd);
	close(err_fd);
	free(dir);
	struct run r = { WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1,
			 rk_test_slurp(out_name), rk_test_slurp(err_name) };
	unlink(out_name);
	unlink(err_name);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void assert_matches_file(const char *got, const char *expected_rel)
{
	char *path = rk_test_path(expected_rel);
	char *want = rk_test_slurp(path);
	ck_assert_msg(!strcmp(got, want), "output differs from %s:\n%s", path,
		      got);
	free(want);
	free(path);
}

START_TEST(test_version_and_help)
{
	const char *v[] = { "ritmiek", "--version", NULL };
	struct run r = run_ritmiek(v);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "ritmiek " PACKAGE_VERSION "\n");
	run_free(&r);
	const char *h[] = { "ritmiek", "check", "--help", NULL };
	r = run_ritmiek(h);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(
		strstr(r.out, "Usage: ritmiek check [OPTION]... SCHOOL"));
	run_free(&r);
}
END_TEST

START_TEST(test_usage_errors)
{
	const char *none[] = { "ritmiek", NULL };
	struct run r = run_ritmiek(none);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "Usage: ritmiek COMMAND"));
	run_free(&r);
	const char *typo[] = { "ritmiek", "chek", "x.yaml", NULL };
	r = run_ritmiek(typo);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(
		r.err,
		"ritmiek: unknown command 'chek'; did you mean 'check'?\n");
	run_free(&r);
	const char *two[] = { "ritmiek", "check", "a.yaml", "b.yaml", NULL };
	r = run_ritmiek(two);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "expected one school file"));
	run_free(&r);
}
END_TEST

START_TEST(test_missing_file)
{
	const char *argv[] = { "ritmiek", "check", "no-such-school.yaml",
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(
		r.err,
		"ritmiek: no-such-school.yaml: error: cannot read file: No such file or directory\n"
		"ritmiek: no-such-school.yaml: 1 error(s), 0 warning(s)\n");
	run_free(&r);
}
END_TEST

START_TEST(test_check_summary)
{
	const char *argv[] = { "ritmiek", "check",
			       "tests/data/school/base.yaml", NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	assert_matches_file(r.out, "tests/expected/check-base.out");
	run_free(&r);
}
END_TEST

START_TEST(test_check_every_problem)
{
	const char *argv[] = { "ritmiek", "check",
			       "tests/data/school/many.yaml", NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, ""); /* nothing but the problems */
	assert_matches_file(r.err, "tests/expected/check-many.err");
	run_free(&r);
}
END_TEST

START_TEST(test_examples_are_clean)
{
	const char *schools[] = { "examples/vo-school/school.yaml",
				  "examples/po-school/school.yaml" };
	for (size_t i = 0; i < 2; i++) {
		const char *argv[] = { "ritmiek", "check", "--quiet",
				       schools[i], NULL };
		struct run r = run_ritmiek(argv);
		ck_assert_msg(r.status == 0, "%s: %s", schools[i], r.err);
		ck_assert_str_eq(r.out, "");
		ck_assert_msg(!strstr(r.err, "error"), "%s", r.err);
		run_free(&r);
	}
}
END_TEST

/* A fresh folder for a plan directory, removed by remove_dir. */
static char *temp_dir(void)
{
	char *dir = strdup("/tmp/ritmiek-cli-XXXXXX");
	ck_assert_ptr_nonnull(dir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a plan directory the test made (under /tmp) with all it holds. */
static void remove_dir(char *dir)
{
	ck_assert(!strncmp(dir, "/tmp/ritmiek-cli-", 17));
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static char *dir_file(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return rk_test_slurp(path);
}

/* ritmiek plan, then ritmiek verify on what it wrote. */
static void plan_and_verify(const char *school, char *dir)
{
	const char *plan[] = {
		"ritmiek", "plan", "-q", "-o", dir, school, NULL
	};
	struct run r = run_ritmiek(plan);
	ck_assert_msg(r.status == 0, "%s: %s", school, r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	const char *verify[] = { "ritmiek", "verify", school, dir, NULL };
	r = run_ritmiek(verify);
	ck_assert_msg(r.status == 0, "%s: %s", school, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "all hard rules kept"));
	run_free(&r);
}

START_TEST(test_plan_example_and_verify)
{
	char *dir = temp_dir();
	plan_and_verify("examples/vo-school/school.yaml", dir);
	char *summary = dir_file(dir, "summary.txt");
	ck_assert_ptr_nonnull(strstr(summary, "Stedelijk College De Vaart"));
	char *index = dir_file(dir, "index.tsv");
	ck_assert(!strncmp(index, "kind\tid\tname\tfeed\n", 18));
	ck_assert_ptr_nonnull(strstr(index, "\nschool\t"));
	ck_assert_ptr_nonnull(strstr(
		index, "\nteam\texact\tTeam Exact\tfeeds/team-exact.ics\n"));
	free(summary);
	free(index);
	remove_dir(dir);
}
END_TEST

/* The plan of the school made from a real Untis export keeps every rule. */
START_TEST(test_plan_untis_school_and_verify)
{
	char *dir = temp_dir();
	plan_and_verify("tests/data/untis/school.yaml", dir);
	remove_dir(dir);
}
END_TEST

START_TEST(test_plan_is_deterministic)
{
	char *a = temp_dir(), *b = temp_dir();
	plan_and_verify("tests/data/planner/odd-team.yaml", a);
	plan_and_verify("tests/data/planner/odd-team.yaml", b);
	static const char *const files[] = { "plan.tsv", "summary.txt" };
	for (size_t i = 0; i < 2; i++) {
		char *x = dir_file(a, files[i]), *y = dir_file(b, files[i]);
		ck_assert_msg(!strcmp(x, y), "%s differs", files[i]);
		free(x);
		free(y);
	}
	remove_dir(a);
	remove_dir(b);
}
END_TEST

START_TEST(test_plan_infeasible)
{
	char *dir = temp_dir();
	const char *argv[] = { "ritmiek",
			       "plan",
			       "-o",
			       dir,
			       "tests/data/planner/no-moment.yaml",
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 3);
	ck_assert_ptr_nonnull(strstr(
		r.err,
		"ritmiek: error: Team Alpha: no 30-minute moment in the week when all 6 members are free; closest is dinsdag 08:00"));
	ck_assert_ptr_nonnull(
		strstr(r.err, "nothing written (see --allow-violations)"));
	char path[512];
	snprintf(path, sizeof(path), "%s/plan.tsv", dir);
	ck_assert_int_ne(access(path, F_OK), 0);
	run_free(&r);
	const char *allow[] = { "ritmiek",
				"plan",
				"-q",
				"--allow-violations",
				"-o",
				dir,
				"tests/data/planner/no-moment.yaml",
				NULL };
	r = run_ritmiek(allow);
	ck_assert_int_eq(r.status, 3);
	ck_assert_ptr_nonnull(strstr(
		r.err, "the plan is written with these violations marked"));
	char *plan = dir_file(dir, "plan.tsv");
	ck_assert_ptr_nonnull(strstr(
		plan, "\tAnna Bakker is not free at the team's moment\n"));
	free(plan);
	run_free(&r);
	remove_dir(dir);
}
END_TEST

START_TEST(test_plan_bad_school)
{
	const char *argv[] = { "ritmiek",
			       "plan",
			       "-o",
			       "/nonexistent/x",
			       "tests/data/school/many.yaml",
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(
		strstr(r.err, "many.yaml:18:40: error: unknown person 'P6'"));
	run_free(&r);
}
END_TEST

START_TEST(test_import_untis)
{
	const char *argv[] = { "ritmiek",
			       "import",
			       "--school",
			       "tests/data/untis/school.yaml",
			       "tests/data/untis/GPU001.TXT",
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(
		strstr(r.out, "Teachers     80, 0 not in the school file\n"));
	ck_assert_ptr_nonnull(strstr(
		r.out,
		"  Wiss     Lehrkraft Wiss             23 (17h15, 2 free)\n"));
	run_free(&r);
}
END_TEST

/* A teacher of the odd team leaves: a dry run writes nothing, the real
 * run writes the report and a plan that verify accepts. */
START_TEST(test_rebalance)
{
	char *dir = temp_dir();
	plan_and_verify("tests/data/planner/one-moment.yaml", dir);
	char *before = dir_file(dir, "plan.tsv");
	const char *dry[] = {
		"ritmiek",    "rebalance", "tests/data/planner/one-moment.yaml",
		"--plan",     dir,	   "--from",
		"2027-01-11", "--leave",   "T2",
		"--dry-run",  NULL
	};
	struct run r = run_ritmiek(dry);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(
		r.out, "Verstoring: 1 persoon krijgt een andere duo-partner;"));
	ck_assert_ptr_nonnull(strstr(
		r.out,
		"Bram de Boer (T2): Vanaf maandag 11 januari sta je niet meer in de planning: "));
	char *after = dir_file(dir, "plan.tsv");
	ck_assert_str_eq(before, after);
	free(after);
	run_free(&r);
	const char *real[] = {
		"ritmiek",    "rebalance", "tests/data/planner/one-moment.yaml",
		"--plan",     dir,	   "--from",
		"2027-01-11", "--leave",   "T2",
		NULL
	};
	r = run_ritmiek(real);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *changes = dir_file(dir, "changes.txt");
	ck_assert_str_eq(changes, r.out);
	free(changes);
	run_free(&r);
	/* Every event line before the date is there byte for byte. */
	char *next = dir_file(dir, "plan.tsv");
	size_t frozen = 0;
	for (char *line = strstr(before, "\nevent\t"); line;
	     line = strstr(line + 1, "\nevent\t")) {
		char *date = strchr(strchr(line + 7, '\t') + 1, '\t') + 1;
		if (strncmp(date, "2027-01-11", 10) >= 0)
			continue;
		char *end = strchr(line + 1, '\n');
		char *copy = strndup(line, (size_t)(end - line + 1));
		ck_assert_msg(strstr(next, copy) != NULL, "changed: %.80s",
			      copy);
		free(copy);
		frozen++;
	}
	ck_assert_uint_gt(frozen, 20);
	free(next);
	/* Subscribed calendars follow: T2's feed cancels the rest of the
	 * year, and changed events carry SEQUENCE:1. */
	char *index = dir_file(dir, "index.tsv");
	char *line = strstr(index, "\nperson\tT2\t");
	ck_assert_ptr_nonnull(line);
	char *file = strstr(line, "\tfeeds/") + 1;
	*strchr(file, '\n') = '\0';
	char *feed = dir_file(dir, file);
	ck_assert_ptr_nonnull(strstr(feed, "STATUS:CANCELLED\r\n"));
	ck_assert_ptr_nonnull(strstr(feed, "SEQUENCE:1\r\n"));
	free(feed);
	free(index);
	const char *verify[] = { "ritmiek", "verify",
				 "tests/data/planner/one-moment.yaml", dir,
				 NULL };
	r = run_ritmiek(verify);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	free(before);
	remove_dir(dir);
}
END_TEST

START_TEST(test_rebalance_usage)
{
	const char *no_from[] = { "ritmiek", "rebalance", "x.yaml",
				  "--plan",  "p",	  NULL };
	struct run r = run_ritmiek(no_from);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(
		strstr(r.err, "expected SCHOOL, --plan and --from"));
	run_free(&r);
	const char *until[] = { "ritmiek", "rebalance",	 "x.yaml",
				"--until", "2027-01-01", NULL };
	r = run_ritmiek(until);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "--until must follow --leave"));
	run_free(&r);
	char *dir = temp_dir();
	plan_and_verify("tests/data/planner/odd-team.yaml", dir);
	const char *who[] = {
		"ritmiek",    "rebalance", "tests/data/planner/odd-team.yaml",
		"--plan",     dir,	   "--from",
		"2027-01-11", "--leave",   "T9",
		NULL
	};
	r = run_ritmiek(who);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "--leave: unknown person 'T9'"));
	run_free(&r);
	remove_dir(dir);
}
END_TEST

/* plan writes the feeds; `feeds` on the same plan changes no byte. */
START_TEST(test_feeds_rerun)
{
	char *dir = temp_dir();
	plan_and_verify("tests/data/planner/one-moment.yaml", dir);
	char *before = dir_file(dir, "feeds/school.ics");
	const char *argv[] = { "ritmiek", "feeds",
			       "tests/data/planner/one-moment.yaml", dir,
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(
		strstr(r.out, "ritmiek: events: 0 new, 0 changed, "));
	ck_assert_ptr_nonnull(strstr(r.out, " unchanged, 0 cancelled\n"));
	char *after = dir_file(dir, "feeds/school.ics");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	run_free(&r);
	remove_dir(dir);
}
END_TEST

/* The feed file of person T1, as index.tsv names it. */
static char *feed_of_t1(const char *dir)
{
	char *index = dir_file(dir, "index.tsv");
	char *line = strstr(index, "\nperson\tT1\t");
	ck_assert_ptr_nonnull(line);
	char *file = strstr(line, "\tfeeds/");
	ck_assert_ptr_nonnull(file);
	char *end = strchr(file, '\n');
	char *copy = strndup(file + 1, (size_t)(end - file - 1));
	free(index);
	return copy;
}

/* tokens rotate: a new feed file, the old one gone; an unknown person. */
START_TEST(test_tokens_rotate)
{
	char *dir = temp_dir();
	plan_and_verify("tests/data/planner/one-moment.yaml", dir);
	char *old = feed_of_t1(dir);
	const char *argv[] = { "ritmiek", "tokens",
			       "rotate",  "tests/data/planner/one-moment.yaml",
			       dir,	  "T1",
			       NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *fresh = feed_of_t1(dir);
	ck_assert_str_ne(old, fresh);
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, old);
	ck_assert_int_ne(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, fresh);
	ck_assert_int_eq(access(path, F_OK), 0);
	run_free(&r);
	const char *bad[] = { "ritmiek", "tokens",
			      "rotate",	 "tests/data/planner/one-moment.yaml",
			      dir,	 "T9",
			      NULL };
	r = run_ritmiek(bad);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown person 'T9'"));
	run_free(&r);
	free(old);
	free(fresh);
	remove_dir(dir);
}
END_TEST

static bool dir_has(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* plan writes the overview of both bundled examples; --no-overview
 * none. */
START_TEST(test_plan_writes_overview)
{
	const char *schools[] = { "examples/vo-school/school.yaml",
				  "examples/po-school/school.yaml" };
	for (size_t i = 0; i < 2; i++) {
		char *dir = temp_dir();
		const char *plan[] = { "ritmiek", "plan",     "-o",
				       dir,	  schools[i], NULL };
		struct run r = run_ritmiek(plan);
		ck_assert_msg(r.status == 0, "%s: %s", schools[i], r.err);
		ck_assert_ptr_nonnull(strstr(r.out, "/overview/index.html ("));
		char *html = dir_file(dir, "overview/index.html");
		ck_assert(!strncmp(html, "<!DOCTYPE html>", 15));
		ck_assert_ptr_nonnull(strstr(html, "<tr class=\"row team\""));
		free(html);
		run_free(&r);
		remove_dir(dir);
	}
	char *dir = temp_dir();
	const char *plan[] = { "ritmiek", "plan", "-q",	      "--no-overview",
			       "-o",	  dir,	  schools[1], NULL };
	struct run r = run_ritmiek(plan);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "");
	ck_assert(dir_has(dir, "plan.tsv"));
	ck_assert(!dir_has(dir, "overview"));
	run_free(&r);
	remove_dir(dir);
}
END_TEST

/* The person page of T1, as index.tsv names their feed. */
static char *page_of_t1(const char *dir)
{
	char *feed = feed_of_t1(dir);
	char *page = NULL;
	ck_assert_int_gt(asprintf(&page, "%.*s.html",
				  (int)(strstr(feed, ".ics") - feed), feed),
			 0);
	free(feed);
	return page;
}

/* ritmiek overview of an existing plan; a rotated token's page goes with
 * its feed. */
START_TEST(test_overview_command)
{
	char *dir = temp_dir();
	const char *school = "tests/data/planner/one-moment.yaml";
	const char *plan[] = { "ritmiek", "plan", "-q",	  "--no-overview",
			       "-o",	  dir,	  school, NULL };
	struct run r = run_ritmiek(plan);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(!dir_has(dir, "overview"));
	const char *overview[] = { "ritmiek", "overview", school, dir, NULL };
	r = run_ritmiek(overview);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char want[512];
	snprintf(want, sizeof(want),
		 "ritmiek: wrote the overview to %s/overview/index.html (2 "
		 "pages) and 7 person pages to %s/feeds\n",
		 dir, dir);
	ck_assert_str_eq(r.out, want);
	run_free(&r);
	ck_assert(dir_has(dir, "overview/index.html"));
	ck_assert(dir_has(dir, "overview/team-alpha.html"));
	char *old = page_of_t1(dir);
	ck_assert(dir_has(dir, old));
	const char *rotate[] = { "ritmiek", "tokens", "rotate", school,
				 dir,	    "T1",     NULL };
	r = run_ritmiek(rotate);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *fresh = page_of_t1(dir);
	ck_assert_msg(!dir_has(dir, old), "%s stays after rotate", old);
	ck_assert_msg(dir_has(dir, fresh), "%s is not written", fresh);
	free(old);
	free(fresh);
	remove_dir(dir);
}
END_TEST

START_TEST(test_overview_usage)
{
	const char *none[] = { "ritmiek", "overview", "x.yaml", NULL };
	struct run r = run_ritmiek(none);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(
		r.err, "ritmiek overview: expected a school file and a plan "
		       "folder\n"));
	run_free(&r);
	const char *help[] = { "ritmiek", "overview", "--help", NULL };
	r = run_ritmiek(help);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(
		strstr(r.out, "Usage: ritmiek overview [OPTION]... SCHOOL "
			      "PLANDIR\n"));
	run_free(&r);
	const char *missing[] = { "ritmiek", "overview",
				  "tests/data/planner/one-moment.yaml",
				  "/nonexistent", NULL };
	r = run_ritmiek(missing);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/plan.tsv"));
	run_free(&r);
}
END_TEST

/* rebalance writes the overview again, unless --no-overview. */
START_TEST(test_rebalance_writes_overview)
{
	char *dir = temp_dir();
	const char *school = "tests/data/planner/one-moment.yaml";
	const char *plan[] = {
		"ritmiek", "plan", "-q", "-o", dir, school, NULL
	};
	struct run r = run_ritmiek(plan);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char path[512];
	snprintf(path, sizeof(path), "%s/overview/index.html", dir);
	ck_assert_int_eq(unlink(path), 0);
	const char *no[] = { "ritmiek",	      "rebalance", school,
			     "--plan",	      dir,	   "--from",
			     "2027-01-11",    "--leave",   "T2",
			     "--no-overview", NULL };
	r = run_ritmiek(no);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(!dir_has(dir, "overview/index.html"));
	const char *yes[] = {
		"ritmiek", "rebalance",	 school,    "--plan", dir,
		"--from",  "2027-01-11", "--leave", "T3",     NULL
	};
	r = run_ritmiek(yes);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *html = dir_file(dir, "overview/index.html");
	ck_assert_ptr_nonnull(strstr(html, "<tr class=\"row team\""));
	free(html);
	remove_dir(dir);
}
END_TEST

Suite *suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("check");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_version_and_help);
	tcase_add_test(tc, test_usage_errors);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_check_summary);
	tcase_add_test(tc, test_check_every_problem);
	tcase_add_test(tc, test_examples_are_clean);
	suite_add_tcase(s, tc);
	tc = tcase_create("plan");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_plan_example_and_verify);
	tcase_add_test(tc, test_plan_untis_school_and_verify);
	tcase_add_test(tc, test_plan_is_deterministic);
	tcase_add_test(tc, test_plan_infeasible);
	tcase_add_test(tc, test_plan_bad_school);
	tcase_add_test(tc, test_import_untis);
	tcase_add_test(tc, test_rebalance);
	tcase_add_test(tc, test_rebalance_usage);
	tcase_add_test(tc, test_feeds_rerun);
	tcase_add_test(tc, test_tokens_rotate);
	tcase_add_test(tc, test_plan_writes_overview);
	tcase_add_test(tc, test_overview_command);
	tcase_add_test(tc, test_overview_usage);
	tcase_add_test(tc, test_rebalance_writes_overview);
	suite_add_tcase(s, tc);
	return s;
}
