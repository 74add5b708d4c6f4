/* Privacy as a tested promise (issue 15): a person's feed holds exactly the
 * events that person attends, read back by libical and compared with the
 * participants of plan.tsv; feed tokens are 128 bits from getrandom;
 * tokens.tsv and index.tsv are private even when they were not; a password
 * never reaches argv, the output or an error message. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libical/ical.h>

#include "feeds.h"
#include "loader.h"
#include "plan.h"
#include "plan_file.h"
#include "planner.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "textfile.h"
#include "tokens.h"

/* 2026-08-03 12:00 UTC, before every event of the test plans. */
#define T0 1785758400LL

#define USER   "ritmiek"
#define SECRET "Zeer-Geheim-7731"
/* base64("ritmiek:Zeer-Geheim-7731"), as it would stand in an
 * Authorization header. */
#define SECRET_B64 "cml0bWllazpaZWVyLUdlaGVpbS03NzMx"

static char dir[64];

static char *in_dir(const char *name)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	ck_assert_ptr_nonnull(path);
	sprintf(path, "%s/%s", dir, name);
	return path;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	for (struct dirent *de = readdir(d); de; de = readdir(d)) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char sub[512];
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		remove_tree(sub);
	}
	closedir(d);
	rmdir(path);
}

static void setup(void)
{
	/* In the build folder, where the tests may write. */
	snprintf(dir, sizeof(dir), "test-privacy-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	remove_tree(dir);
}

/* --- Each feed holds its person's events, and no one else's ------------ */

static struct rk_school *load_school(const char *rel)
{
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, diags), RK_OK);
	rk_diags_free(diags);
	free(path);
	return school;
}

/* The plan of fixture @which: 0 tests/data/plan/good.tsv of base.yaml,
 * 1 accents.yaml as the planner plans it. */
static struct rk_plan *make_plan(int which, struct rk_school **school)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan *plan = NULL;
	if (which == 0) {
		*school = load_school("tests/data/school/base.yaml");
		char *path = rk_test_path("tests/data/plan/good.tsv");
		ck_assert_int_eq(rk_plan_file_read(*school, path, &plan, diags),
				 RK_OK);
		free(path);
	} else {
		struct rk_schoolyear *year = NULL;
		struct rk_plan_options options = { 0 };
		*school = load_school("tests/data/feeds/accents.yaml");
		ck_assert_int_eq(rk_schoolyear_new(*school, &year, diags),
				 RK_OK);
		ck_assert_int_eq(
			rk_planner_run(*school, year, &options, &plan, diags),
			RK_OK);
		rk_schoolyear_free(year);
	}
	rk_diags_free(diags);
	return plan;
}

/* The index of @plan's event with id @id, or -1. */
static long event_index(const struct rk_plan *plan, const char *id)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++)
		if (!strcmp(rk_plan_event(plan, i)->id, id))
			return (long)i;
	return -1;
}

static bool attends(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return true;
	return false;
}

/* Parses the feed @rel of the plan directory with libical and checks that
 * its events are exactly those of @plan that @person attends. */
static void assert_feed_is_own(const struct rk_school *school,
			       const struct rk_plan *plan, int person,
			       const char *rel)
{
	const char *id = rk_school_get_person(school, (size_t)person)->id;
	char *path = in_dir(rel);
	char *text = rk_test_slurp(path);
	icalcomponent *cal = icalparser_parse_string(text);
	ck_assert_msg(cal != NULL, "%s: libical cannot parse %s", id, rel);
	size_t n = rk_plan_n_events(plan), seen = 0;
	bool *in_feed = calloc(n + 1, sizeof(*in_feed));
	ck_assert_ptr_nonnull(in_feed);
	for (icalcomponent *ev = icalcomponent_get_first_component(
		     cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal,
						       ICAL_VEVENT_COMPONENT)) {
		const char *uid = icalcomponent_get_uid(ev);
		ck_assert_ptr_nonnull(uid);
		size_t len = strlen(uid);
		ck_assert_msg(len > 8 && !strcmp(uid + len - 8, "@ritmiek"),
			      "%s: UID %s", id, uid);
		char event_id[256];
		snprintf(event_id, sizeof(event_id), "%.*s", (int)(len - 8),
			 uid);
		long k = event_index(plan, event_id);
		ck_assert_msg(k >= 0, "%s: %s is in no plan", id, uid);
		ck_assert_msg(!in_feed[k], "%s: %s twice", id, uid);
		ck_assert_msg(attends(rk_plan_event(plan, (size_t)k), person),
			      "%s's feed holds %s, which %s does not attend",
			      id, uid, id);
		in_feed[k] = true;
		seen++;
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(
			in_feed[i] || !attends(rk_plan_event(plan, i), person),
			"%s's feed lacks %s", id, rk_plan_event(plan, i)->id);
	ck_assert_uint_gt(seen, 0);
	free(in_feed);
	icalcomponent_free(cal);
	free(text);
	free(path);
}

/* One index.tsv line "person ID NAME FEED" into @id and @feed; false for
 * any other line. */
static bool person_line(char *line, char **id, char **feed)
{
	char *f[4];
	size_t n = 0;
	for (char *p = line; n < 4 && p;) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (p)
			*p++ = '\0';
	}
	if (n != 4 || strcmp(f[0], "person"))
		return false;
	*id = f[1];
	*feed = f[3];
	return true;
}

START_TEST(test_feed_holds_own_events)
{
	struct rk_school *school = NULL;
	struct rk_plan *written = make_plan(_i, &school);
	/* The participants as plan.tsv has them: written, then read back. */
	char *plan_path = in_dir("plan.tsv");
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan *plan = NULL;
	ck_assert_int_eq(rk_plan_file_write(school, written, plan_path), RK_OK);
	ck_assert_int_eq(rk_plan_file_read(school, plan_path, &plan, diags),
			 RK_OK);
	struct rk_feeds_options options = { NULL, T0 };
	ck_assert_int_eq(
		rk_feeds_write(school, plan, dir, &options, NULL, diags),
		RK_OK);
	rk_diags_free(diags);

	char *index_path = in_dir("index.tsv");
	char *index = rk_test_slurp(index_path);
	size_t people = 0;
	for (char *line = index, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *id, *feed;
		if (!person_line(line, &id, &feed))
			continue;
		int p = -1;
		for (size_t i = 0; i < rk_school_n_person(school); i++)
			if (!strcmp(rk_school_get_person(school, i)->id, id))
				p = (int)i;
		ck_assert_msg(p >= 0, "index.tsv names %s", id);
		assert_feed_is_own(school, plan, p, feed);
		people++;
	}
	ck_assert_uint_eq(people, rk_school_n_person(school));
	free(index);
	free(index_path);
	free(plan_path);
	rk_plan_free(plan);
	rk_plan_free(written);
	rk_school_free(school);
}
END_TEST

/* --- Tokens: 128 bits from getrandom ----------------------------------- */

/* getrandom, interposed for this test program: the kernel's answer,
 * recorded, so that a test can tell that a token is those bytes. */
static struct {
	size_t calls;
	unsigned flags;
	unsigned char bytes[64];
	size_t len;
} random_log;

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	long n = syscall(SYS_getrandom, buf, len, flags);
	random_log.calls++;
	random_log.flags |= flags;
	if (n > 0) {
		size_t k = (size_t)n;
		if (random_log.len + k > sizeof(random_log.bytes))
			random_log.len = 0;
		if (k <= sizeof(random_log.bytes)) {
			memcpy(random_log.bytes + random_log.len, buf, k);
			random_log.len += k;
		}
	}
	return n;
}

START_TEST(test_tokens_from_getrandom)
{
	enum { N = 64 };
	struct rk_tokens *tokens = rk_tokens_new();
	unsigned char ones[16] = { 0 }, zeros[16] = { 0 };
	char seen[N][RK_TOKEN_LEN + 1];
	ck_assert_ptr_nonnull(tokens);
	ck_assert_int_ge(RK_TOKEN_LEN * 4, 128);
	for (int i = 0; i < N; i++) {
		char person[16];
		const char *token;
		snprintf(person, sizeof(person), "P%02d", i);
		random_log.len = 0;
		random_log.calls = 0;
		random_log.flags = 0;
		ck_assert_int_eq(rk_tokens_ensure(tokens, person, &token),
				 RK_OK);
		/* 16 bytes from the kernel, with the default flags (the
		 * urandom source, blocking until it is seeded). */
		ck_assert_uint_ge(random_log.calls, 1);
		ck_assert_uint_eq(random_log.len, 16);
		ck_assert_uint_eq(random_log.flags, 0);
		char hex[RK_TOKEN_LEN + 1];
		for (size_t k = 0; k < 16; k++) {
			snprintf(hex + 2 * k, 3, "%02x", random_log.bytes[k]);
			ones[k] |= random_log.bytes[k];
			zeros[k] |= (unsigned char)~random_log.bytes[k];
		}
		ck_assert_str_eq(token, hex);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(seen[j], token);
		memcpy(seen[i], token, sizeof(seen[i]));
	}
	/* Every one of the 128 bits varies (the chance that one does not
	 * in 64 tokens is 2^-57). */
	for (size_t k = 0; k < 16; k++) {
		ck_assert_uint_eq(ones[k], 0xff);
		ck_assert_uint_eq(zeros[k], 0xff);
	}
	rk_tokens_free(tokens);
}
END_TEST

/* --- tokens.tsv and index.tsv are private ------------------------------ */

static void write_with_mode(const char *name, const char *text, mode_t mode)
{
	char *path = in_dir(name);
	ck_assert_int_eq(rk_textfile_write_atomic(path, text, strlen(text)),
			 RK_OK);
	ck_assert_int_eq(chmod(path, mode), 0);
	free(path);
}

static void assert_mode(const char *name, mode_t want)
{
	char *path = in_dir(name);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert_msg((st.st_mode & 07777) == want, "%s: mode %o, not %o", name,
		      (unsigned)(st.st_mode & 07777), (unsigned)want);
	free(path);
}

/* Copied in, or left by an older version, with wider modes: the next run
 * makes them private. */
START_TEST(test_private_files_stay_private)
{
	char *seed = rk_test_path("tests/data/feeds/tokens.tsv");
	char *tokens = rk_test_slurp(seed);
	write_with_mode("tokens.tsv", tokens, 0644);
	write_with_mode("index.tsv", "kind\tid\tname\tfeed\n", 0666);
	struct rk_school *school = NULL;
	struct rk_plan *plan = make_plan(0, &school);
	struct rk_diags *diags = rk_diags_new();
	struct rk_feeds_options options = { NULL, T0 };
	ck_assert_int_eq(
		rk_feeds_write(school, plan, dir, &options, NULL, diags),
		RK_OK);
	assert_mode("tokens.tsv", 0600);
	assert_mode("index.tsv", 0600);

	/* rk_tokens_write alone, over a group-readable file. */
	char *path = in_dir("tokens.tsv");
	ck_assert_int_eq(chmod(path, 0640), 0);
	struct rk_tokens *t = rk_tokens_new();
	ck_assert_int_eq(rk_tokens_read(t, path, diags), RK_OK);
	ck_assert_int_eq(rk_tokens_write(t, path), RK_OK);
	assert_mode("tokens.tsv", 0600);
	char *again = rk_test_slurp(path);
	ck_assert_str_eq(again, tokens);
	free(again);
	rk_tokens_free(t);
	free(path);
	rk_diags_free(diags);
	rk_plan_free(plan);
	rk_school_free(school);
	free(tokens);
	free(seed);
}
END_TEST

/* --- Passwords --------------------------------------------------------- */

struct run {
	int status;
	char *out;
	char *err;
};

/* Runs $RITMIEK with @argv (argv[0] ignored), @env_password in
 * RITMIEK_PASSWORD when not NULL, HOME in the test folder. */
static struct run run_ritmiek(const char *const *argv, const char *env_password)
{
	const char *prog = getenv("RITMIEK");
	ck_assert_msg(prog != NULL, "RITMIEK is not set (run make check)");
	char *out_name = in_dir("stdout"), *err_name = in_dir("stderr");
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (!freopen(out_name, "w", stdout) ||
		    !freopen(err_name, "w", stderr))
			_exit(127);
		unsetenv("RITMIEK_PASSWORD");
		if (env_password)
			setenv("RITMIEK_PASSWORD", env_password, 1);
		setenv("HOME", dir, 1);
		const char *args[24];
		size_t k = 0;
		args[k++] = prog;
		for (size_t i = 1; argv[i] && k < 23; i++)
			args[k++] = argv[i];
		args[k] = NULL;
		execv(prog, (char *const *)args);
		_exit(127);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	struct run r = { WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			 rk_test_slurp(out_name), rk_test_slurp(err_name) };
	free(out_name);
	free(err_name);
	return r;
}

static void assert_no_secret(const struct run *r)
{
	static const char *const forms[] = { SECRET, SECRET_B64 };
	for (size_t i = 0; i < 2; i++) {
		ck_assert_msg(!strstr(r->out, forms[i]), "stdout: %s", r->out);
		ck_assert_msg(!strstr(r->err, forms[i]), "stderr: %s", r->err);
	}
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* There is no option to give a password on the command line, where every
 * user of the machine can read it (ps, /proc/PID/cmdline). */
START_TEST(test_no_password_in_argv)
{
	const char *argv[] = {
		"ritmiek",    "push", dir, "--url", "http://127.0.0.1:9/",
		"--password", SECRET, NULL
	};
	struct run r = run_ritmiek(argv, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err,
			 "ritmiek push: --password is not an option: every "
			 "user of the machine can read a command line; give "
			 "the password with --password-file, RITMIEK_PASSWORD "
			 "or ~/.netrc\n");
	assert_no_secret(&r);
	run_free(&r);

	/* Nor inside the URL. */
	const char *in_url[] = { "ritmiek",
				 "push",
				 dir,
				 "--url",
				 "http://" USER ":" SECRET "@127.0.0.1:9/",
				 NULL };
	r = run_ritmiek(in_url, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_msg(strstr(r.err, "a password in the URL") != NULL,
		      "stderr: %s", r.err);
	assert_no_secret(&r);
	run_free(&r);
}
END_TEST

/* A server that refuses every request with 401, on a port of its choosing
 * (printed on its first line). */
static const char server_py[] =
	"import http.server, sys\n"
	"class H(http.server.BaseHTTPRequestHandler):\n"
	"    def answer(self):\n"
	"        n = int(self.headers.get('Content-Length') or 0)\n"
	"        self.rfile.read(n)\n"
	"        self.send_response(401)\n"
	"        self.send_header('WWW-Authenticate', 'Basic realm=\"r\"')\n"
	"        self.send_header('Content-Length', '0')\n"
	"        self.end_headers()\n"
	"    do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = answer\n"
	"    do_MKCALENDAR = do_MKCOL = do_OPTIONS = do_HEAD = answer\n"
	"    def log_message(self, *a): pass\n"
	"s = http.server.HTTPServer(('127.0.0.1', 0), H)\n"
	"print(s.server_address[1], flush=True)\n"
	"s.serve_forever()\n";

struct server {
	pid_t pid;
	int port;
	int pipe; /* its stdout, open while it runs: it may still write */
};

static struct server start_server(void)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl("/usr/bin/python3", "python3", "-c", server_py,
		      (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char line[32] = "";
	size_t len = 0;
	while (len < sizeof(line) - 1 && !strchr(line, '\n')) {
		ssize_t n = read(fds[0], line + len, sizeof(line) - 1 - len);
		ck_assert_msg(n > 0, "the test server did not start");
		len += (size_t)n;
		line[len] = '\0';
	}
	struct server s = { pid, atoi(line), fds[0] };
	ck_assert_int_gt(s.port, 0);
	return s;
}

static void stop_server(struct server *s)
{
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	close(s->pipe);
}

/* A wrong password, from a file or the environment, with every request
 * traced: refused, and the password is nowhere in what ritmiek says. */
START_TEST(test_wrong_password_not_shown)
{
	struct rk_school *school = NULL;
	struct rk_plan *plan = make_plan(0, &school);
	struct rk_diags *diags = rk_diags_new();
	struct rk_feeds_options options = { NULL, T0 };
	ck_assert_int_eq(
		rk_feeds_write(school, plan, dir, &options, NULL, diags),
		RK_OK);
	rk_diags_free(diags);
	rk_plan_free(plan);
	rk_school_free(school);
	char *pwfile = in_dir("password");
	ck_assert_int_eq(rk_textfile_write_atomic(pwfile, SECRET "\n",
						  strlen(SECRET) + 1),
			 RK_OK);
	ck_assert_int_eq(chmod(pwfile, 0600), 0);

	struct server s = start_server();
	char url[96];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/cal/{id}/", s.port);
	const char *with_file[] = {
		"ritmiek", "push",	dir,  "--url", url,
		"--user",  USER,	"-t", "team",  "--password-file",
		pwfile,	   "--verbose", NULL
	};
	const char *with_env[] = { "ritmiek",	"push", dir,	  "--url", url,
				   "-t",	"team", "--user", USER,	   "-v",
				   "--timeout", "5",	NULL };
	struct run r = run_ritmiek(with_file, NULL);
	ck_assert_msg(r.status == 4, "exit %d, stderr: %s", r.status, r.err);
	ck_assert_msg(strstr(r.err, "(HTTP 401)") != NULL, "stderr: %s", r.err);
	assert_no_secret(&r);
	run_free(&r);
	r = run_ritmiek(with_env, SECRET);
	ck_assert_msg(r.status == 4, "exit %d, stderr: %s", r.status, r.err);
	assert_no_secret(&r);
	run_free(&r);
	stop_server(&s);
	free(pwfile);
}
END_TEST

Suite *suite_privacy(void)
{
	Suite *s = suite_create("privacy");
	TCase *tc = tcase_create("privacy");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_feed_holds_own_events, 0, 2);
	tcase_add_test(tc, test_tokens_from_getrandom);
	tcase_add_test(tc, test_private_files_stay_private);
	tcase_add_test(tc, test_no_password_in_argv);
	tcase_add_test(tc, test_wrong_password_not_shown);
	suite_add_tcase(s, tc);
	return s;
}
