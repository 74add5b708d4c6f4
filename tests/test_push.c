/* ritmiek push against real CalDAV servers: Radicale (with htpasswd
 * accounts, so that a wrong password is really refused) and Xandikos (no
 * accounts), from their Debian packages, each test with a server of its
 * own on a free port of 127.0.0.1 and a storage folder of its own. A
 * server is started as a child that dies with its parent (so no test leaves
 * one behind, also when it fails), and stopped by its own pid. Events are
 * read back through the server with python3-caldav
 * (tests/caldav/readback.py) and compared with the feed and the plan. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caldav.h"
#include "date.h"
#include "feeds.h"
#include "http.h"
#include "loader.h"
#include "planner.h"
#include "push.h"
#include "push_state.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

#define USER	 "ritmiek"
#define PASSWORD "geheim-wachtwoord"
#define PYTHON	 "/usr/bin/python3"
/* 2026-08-01 00:00 UTC: before the school year, so that nothing is past. */
#define T0 1785542400LL

enum server_kind { RADICALE, XANDIKOS };

struct server {
	enum server_kind kind;
	char dir[160];
	int port;
	pid_t pid;
	char base[64];
	char url[160]; /* the collection template, with {id} */
};

/* Made by the unchecked fixture, in the runner itself: removed at the end
 * whatever the tests did. */
static char top_dir[64];

static struct server srv;
static struct {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	char dir[192];
} fp;

/* ---- servers ---- */

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static bool answers(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* With @tls, it serves https with @s->dir/cert.pem and key.pem. */
static void write_radicale_config(const struct server *s, bool tls)
{
	char path[256], text[1536], tls_lines[512] = "";
	if (tls)
		snprintf(tls_lines, sizeof(tls_lines),
			 "ssl = True\ncertificate = %s/cert.pem\n"
			 "key = %s/key.pem\n",
			 s->dir, s->dir);
	snprintf(path, sizeof(path), "%s/users", s->dir);
	write_file(path, USER ":" PASSWORD "\n");
	snprintf(text, sizeof(text),
		 "[server]\nhosts = 127.0.0.1:%d\n%s"
		 "[auth]\ntype = htpasswd\nhtpasswd_filename = %s/users\n"
		 "htpasswd_encryption = plain\ndelay = 0\n"
		 "[rights]\ntype = owner_only\n"
		 "[storage]\nfilesystem_folder = %s/store\n"
		 "[web]\ntype = none\n[logging]\nlevel = warning\n",
		 s->port, tls_lines, s->dir, s->dir);
	snprintf(path, sizeof(path), "%s/radicale.conf", s->dir);
	write_file(path, text);
}

/* Starts the server of @s and waits until it answers (10 s at most). */
static void server_spawn(struct server *s)
{
	char conf[256], store[256], port[16], log[256];
	snprintf(conf, sizeof(conf), "%s/radicale.conf", s->dir);
	snprintf(store, sizeof(store), "%s/store", s->dir);
	snprintf(port, sizeof(port), "%d", s->port);
	snprintf(log, sizeof(log), "%s/server.log", s->dir);
	pid_t parent = getpid();
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* Dies with the test process, whatever becomes of it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		int in = open("/dev/null", O_RDONLY);
		if (getppid() != parent || out < 0 || in < 0 ||
		    dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(127);
		if (s->kind == RADICALE)
			execl("/usr/bin/radicale", "radicale", "--config", conf,
			      (char *)NULL);
		else
			execl("/usr/bin/xandikos", "xandikos", "-d", store,
			      "-l", "127.0.0.1", "-p", port, "--autocreate",
			      (char *)NULL);
		_exit(127);
	}
	s->pid = pid;
	for (int i = 0; i < 200 && !answers(s->port); i++) {
		int st;
		if (waitpid(pid, &st, WNOHANG) != 0) {
			s->pid = 0;
			char *text = rk_test_slurp(log);
			ck_abort_msg("the server stopped at once: %.300s",
				     text);
		}
		pause_ms(50);
	}
	ck_assert_msg(answers(s->port), "the server does not answer; see %s",
		      log);
}

static void server_stop(struct server *s)
{
	if (s->pid <= 0)
		return;
	kill(s->pid, SIGTERM);
	int st;
	for (int i = 0; i < 100 && waitpid(s->pid, &st, WNOHANG) == 0; i++)
		pause_ms(50);
	if (waitpid(s->pid, &st, WNOHANG) == 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &st, 0);
	}
	s->pid = 0;
}

/* The real thing: SIGKILL, no chance to finish a request. */
static void server_kill(struct server *s)
{
	int st;
	ck_assert_int_gt(s->pid, 0);
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &st, 0);
	s->pid = 0;
}

static void server_start(enum server_kind kind)
{
	memset(&srv, 0, sizeof(srv));
	srv.kind = kind;
	snprintf(srv.dir, sizeof(srv.dir), "%s/server-XXXXXX", top_dir);
	ck_assert_ptr_nonnull(mkdtemp(srv.dir));
	srv.port = free_port();
	snprintf(srv.base, sizeof(srv.base), "http://127.0.0.1:%d", srv.port);
	snprintf(srv.url, sizeof(srv.url), "%s/%s/{id}/", srv.base,
		 kind == RADICALE ? USER : "user");
	if (kind == RADICALE)
		write_radicale_config(&srv, false);
	const char *prog =
		kind == RADICALE ? "/usr/bin/radicale" : "/usr/bin/xandikos";
	ck_assert_msg(access(prog, X_OK) == 0,
		      "%s is missing: apt-get install radicale xandikos "
		      "python3-caldav (.ci/test-packages)",
		      prog);
	server_spawn(&srv);
}

/* ---- the plan ---- */

static void feeds_at(long long now)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_feeds_options o = { NULL, now };
	enum rk_status status =
		rk_feeds_write(fp.school, fp.plan, fp.dir, &o, NULL, diags);
	char *text = rk_test_diags_text(diags);
	ck_assert_msg(status == RK_OK, "feeds: %s", text);
	free(text);
	rk_diags_free(diags);
}

static void make_plan(void)
{
	char *path = rk_test_path("tests/data/planner/odd-team.yaml");
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_load_school(path, NULL, &fp.school, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(fp.school, &fp.year, diags), RK_OK);
	struct rk_plan_options po = { 0 };
	ck_assert_int_eq(
		rk_planner_run(fp.school, fp.year, &po, &fp.plan, diags),
		RK_OK);
	rk_diags_free(diags);
	free(path);
	snprintf(fp.dir, sizeof(fp.dir), "%s/plan-XXXXXX", top_dir);
	ck_assert_ptr_nonnull(mkdtemp(fp.dir));
	feeds_at(T0);
}

static void free_plan(void)
{
	rk_plan_free(fp.plan);
	rk_schoolyear_free(fp.year);
	rk_school_free(fp.school);
	memset(&fp, 0, sizeof(fp));
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static void top_setup(void)
{
	snprintf(top_dir, sizeof(top_dir), "/tmp/ritmiek-caldav-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(top_dir));
}

static void top_teardown(void)
{
	if (*top_dir)
		nftw(top_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	*top_dir = '\0';
}

static void radicale_setup(void)
{
	server_start(RADICALE);
	make_plan();
}

static void xandikos_setup(void)
{
	server_start(XANDIKOS);
	make_plan();
}

static void server_teardown(void)
{
	server_stop(&srv);
	free_plan();
}

/* ---- pushing ---- */

struct pushed {
	enum rk_status status;
	struct rk_push_report r;
	struct rk_http_counts n;
	size_t notes[RK_PUSH_PROGRESS + 1];
	size_t kill_after; /* CREATED notes before the server is killed */
	double seconds;
	char failure[512];  /* the message of the last FAILED note */
	char conflict[512]; /* the message of the last CONFLICT note */
};

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_note(void *data, const struct rk_push_note *n)
{
	struct pushed *p = data;
	p->notes[n->what]++;
	if (n->what == RK_PUSH_FAILED && n->message)
		snprintf(p->failure, sizeof(p->failure), "%s", n->message);
	if (n->what == RK_PUSH_CONFLICT && n->message)
		snprintf(p->conflict, sizeof(p->conflict), "%s", n->message);
	if (n->what == RK_PUSH_CREATED && p->kill_after &&
	    p->notes[RK_PUSH_CREATED] == p->kill_after)
		server_kill(&srv);
}

static struct rk_http *client_jobs(int jobs)
{
	struct rk_http_options o = { .timeout_ms = 5000, .jobs = jobs };
	if (srv.kind == RADICALE) {
		o.user = USER;
		o.password = PASSWORD;
	}
	struct rk_http *http = NULL;
	ck_assert_int_eq(rk_http_new(&o, &http), RK_OK);
	return http;
}

static struct rk_http *client(void)
{
	return client_jobs(1);
}

/* A push of the team feeds to @url with @jobs requests at a time. */
static struct pushed push_to(const char *url, int jobs, bool force,
			     size_t kill_after)
{
	struct pushed p = { .kill_after = kill_after };
	struct rk_http *http = client_jobs(jobs);
	struct rk_diags *diags = rk_diags_new();
	struct rk_push_options o = { fp.dir, url,   RK_PUSH_TEAM, NULL, NULL,
				     false,  force, on_note,	  &p };
	double start = seconds();
	p.status = rk_push_run(http, &o, &p.r, diags);
	p.seconds = seconds() - start;
	rk_http_get_counts(http, &p.n);
	char *text = rk_test_diags_text(diags);
	ck_assert_msg(rk_diags_count(diags) == 0, "push: %s", text);
	free(text);
	rk_diags_free(diags);
	rk_http_free(http);
	printf("%s push (jobs %d): %zu created, %zu updated, %zu deleted, "
	       "%zu unchanged, %zu found, %zu put back, %zu conflicts, %zu "
	       "failed, %zu not done: %zu requests (%zu changing, %zu retries) "
	       "in %.3f s\n",
	       srv.kind == RADICALE ? "radicale" : "xandikos", jobs,
	       p.r.created, p.r.updated, p.r.deleted, p.r.unchanged,
	       p.r.adopted, p.r.restored, p.r.conflicts, p.r.failed,
	       p.r.not_done, p.n.requests, p.n.writes, p.n.retries, p.seconds);
	return p;
}

static struct pushed push_ex(bool force, size_t kill_after)
{
	return push_to(srv.url, 1, force, kill_after);
}

static struct pushed push(void)
{
	return push_ex(false, 0);
}

static void assert_clean(const struct pushed *p)
{
	ck_assert_int_eq(p->status, RK_OK);
	ck_assert_uint_eq(p->r.conflicts, 0);
	ck_assert_uint_eq(p->r.failed, 0);
	ck_assert(!p->r.stopped);
}

/* ---- reading back ---- */

/* The standard output of @argv (run without a shell), NUL-terminated;
 * with @both, its standard error too. */
static char *output_of(const char *const *argv, bool both)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (dup2(fds[1], 1) < 0 || (both && dup2(fds[1], 2) < 0))
			_exit(127);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t len = 0, cap = 4096;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (;;) {
		ssize_t got = read(fds[0], text + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		if (cap - len < 1024) {
			cap *= 2;
			text = realloc(text, cap);
			ck_assert_ptr_nonnull(text);
		}
	}
	close(fds[0]);
	text[len] = '\0';
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s failed",
		      argv[1]);
	return text;
}

static char *collection_url(const char *id)
{
	static char url[192];
	snprintf(url, sizeof(url), "%s/%s/%s/", srv.base,
		 srv.kind == RADICALE ? USER : "user", id);
	return url;
}

/* The team's events as the server has them, through python3-caldav. */
static char *server_events(void)
{
	char *script = rk_test_path("tests/caldav/readback.py");
	setenv("RITMIEK_PASSWORD", PASSWORD, 1);
	const char *argv[] = { PYTHON, script, collection_url("alpha"),
			       srv.kind == RADICALE ? USER : NULL, NULL };
	char *text = output_of(argv, false);
	unsetenv("RITMIEK_PASSWORD");
	free(script);
	return text;
}

/* The team's events as its feed has them. */
static char *feed_events(void)
{
	char *script = rk_test_path("tests/caldav/readback.py");
	char feed[256];
	snprintf(feed, sizeof(feed), "%s/feeds/team-alpha.ics", fp.dir);
	const char *argv[] = { PYTHON, script, "--file", feed, NULL };
	char *text = output_of(argv, false);
	free(script);
	return text;
}

static size_t count_lines(const char *text)
{
	size_t n = 0;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	return n;
}

static const struct rk_event *plan_event(const char *uid, size_t len)
{
	for (size_t i = 0; i < rk_plan_n_events(fp.plan); i++) {
		const struct rk_event *ev = rk_plan_event(fp.plan, i);
		if (strlen(ev->id) + strlen("@ritmiek") == len &&
		    !strncmp(uid, ev->id, strlen(ev->id)))
			return ev;
	}
	return NULL;
}

/* Every event on the server that is in the plan has the plan's date and
 * times (the plan, not the feed, is the reference here); returns how many
 * were checked. */
static size_t check_times(const char *lines)
{
	size_t checked = 0;
	for (const char *line = lines; *line;) {
		const char *end = strchr(line, '\n');
		ck_assert_ptr_nonnull(end);
		const char *tab = strchr(line, '\t');
		const struct rk_event *ev =
			plan_event(line, (size_t)(tab - line));
		if (ev) {
			char date[RK_DATE_BUFSIZE], s[RK_TIME_BUFSIZE],
				e[RK_TIME_BUFSIZE], want[64];
			rk_date_format(ev->date, date);
			rk_time_format(ev->start, s);
			rk_time_format(ev->end, e);
			snprintf(want, sizeof(want), "\t%s\t%s\t%s\t", date,
				 ev->start < 0 ? "" : s,
				 ev->start < 0 ? "" : e);
			ck_assert_msg(!strncmp(tab, want, strlen(want)),
				      "%.*s: not at %s", (int)(end - line),
				      line, want);
			checked++;
		}
		line = end + 1;
	}
	return checked;
}

/* Drops the lines of events that are not the school's from @lines. */
static void only_ours(char *lines)
{
	char *to = lines;
	for (const char *line = lines; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
		if (!strncmp(line, "odd-team-", strlen("odd-team-"))) {
			memmove(to, line, n);
			to += n;
		}
		line += n;
	}
	*to = '\0';
}

/* The server holds exactly the feed's events (and maybe others'), in the
 * plan's times. */
static size_t assert_server_has_feed(void)
{
	char *on_server = server_events();
	only_ours(on_server);
	char *in_feed = feed_events();
	size_t same = 0;
	while (on_server[same] && on_server[same] == in_feed[same])
		same++;
	while (same > 0 && on_server[same - 1] != '\n')
		same--;
	ck_assert_msg(!strcmp(on_server, in_feed),
		      "the server has\n%.200s\nwhere the feed has\n%.200s",
		      on_server + same, in_feed + same);
	size_t n = count_lines(in_feed);
	ck_assert_uint_gt(n, 10);
	ck_assert_uint_gt(check_times(on_server), 0);
	free(on_server);
	free(in_feed);
	return n;
}

static char *res_url(const char *name)
{
	static char url[512];
	snprintf(url, sizeof(url), "%s%s", collection_url("alpha"), name);
	return url;
}

/* Puts an event that is not ritmiek's into the team's collection; returns
 * its ETag (caller frees). */
static char *put_foreign(const char *name, const char *uid)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\n"
		 "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
		 "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z\r\n"
		 "SUMMARY:Ouderavond\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		 uid);
	struct rk_http *http = client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_put(http, res_url(name), body, strlen(body),
				       NULL, &res),
			 RK_OK);
	ck_assert_msg(res.outcome == RK_CALDAV_OK, "%s", res.message);
	char *etag = res.etag ? strdup(res.etag) : strdup("");
	rk_caldav_result_release(&res);
	rk_http_free(http);
	return etag;
}

/* GETs @name from the team's collection: its body, and ETag in *@etag. */
static char *get_resource(const char *name, char **etag)
{
	struct rk_http *http = client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_get(http, res_url(name), &res), RK_OK);
	char *body = NULL;
	if (res.outcome == RK_CALDAV_OK) {
		body = res.body;
		res.body = NULL;
		if (etag)
			*etag = res.etag ? strdup(res.etag) : strdup("");
	}
	rk_caldav_result_release(&res);
	rk_http_free(http);
	return body;
}

static void assert_unchanged(const char *name, const char *etag)
{
	char *now = NULL;
	char *body = get_resource(name, &now);
	ck_assert_msg(body != NULL, "%s is gone", name);
	ck_assert_str_eq(now, etag);
	free(body);
	free(now);
}

/* The first event of @kind of team alpha in the plan. */
static struct rk_event *first_of(enum rk_event_kind kind)
{
	for (size_t i = 0; i < rk_plan_n_events(fp.plan); i++) {
		struct rk_event *ev = rk_plan_event_at(fp.plan, i);
		if (ev->kind == kind && ev->team >= 0)
			return ev;
	}
	ck_abort_msg("no event of kind %d", (int)kind);
	return NULL;
}

static char *name_of(const struct rk_event *ev)
{
	static char name[256];
	char uid[200];
	snprintf(uid, sizeof(uid), "%s@ritmiek", ev->id);
	char *enc = rk_caldav_encode_segment(uid);
	snprintf(name, sizeof(name), "%s.ics", enc);
	free(enc);
	return name;
}

/* ---- the tests (each against the server of its test case) ---- */

START_TEST(test_publish_and_push_again)
{
	struct pushed p = push();
	assert_clean(&p);
	size_t n = assert_server_has_feed();
	ck_assert_uint_eq(p.r.made, 1);
	ck_assert_uint_eq(p.r.created, n);
	/* PROPFIND, MKCALENDAR, one PUT per event. */
	ck_assert_uint_eq(p.n.requests, n + 2);
	ck_assert_uint_eq(p.n.writes, n + 1);

	/* Nothing changed: one look at the calendar, no change. */
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.unchanged, n);
	ck_assert_uint_eq(p.n.requests, 1);
	ck_assert_uint_eq(p.n.writes, 0);

	/* The state lost: the events are found, not put twice. */
	char state[256];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	ck_assert_int_eq(unlink(state), 0);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.adopted, n);
	ck_assert_uint_eq(p.r.unchanged, n);
	ck_assert_uint_eq(p.r.created, 0);
	ck_assert_uint_eq(p.n.writes, 0);
	ck_assert_uint_eq(p.n.requests, 2); /* PROPFIND, REPORT */
	assert_server_has_feed();
}
END_TEST

static bool not_removed(const struct rk_event *ev, void *data)
{
	return ev != data;
}

START_TEST(test_changes_and_cancellations)
{
	struct pushed p = push();
	assert_clean(&p);
	char *foreign = put_foreign("ouderavond.ics", "ouderavond-7@school.nl");
	/* Looks like ours, but carries no plan marker: not ours either. */
	char *lookalike = put_foreign("copy.ics", "kopie-1@ritmiek");

	struct rk_event *moved = first_of(RK_EV_BORDSESSIE);
	moved->start += 60;
	moved->end += 60;
	struct rk_event *gone = first_of(RK_EV_LB);
	int gone_date = gone->date;
	char gone_name[256];
	snprintf(gone_name, sizeof(gone_name), "%s", name_of(gone));
	rk_plan_filter(fp.plan, not_removed, gone);
	feeds_at(T0);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.updated, 2);
	ck_assert_uint_eq(p.r.created + p.r.deleted, 0);
	ck_assert_uint_eq(p.n.writes, 2);
	ck_assert_uint_eq(p.n.requests, 3); /* PROPFIND, 2 PUTs */
	assert_server_has_feed();
	char *body = get_resource(gone_name, NULL);
	ck_assert_ptr_nonnull(strstr(body, "STATUS:CANCELLED"));
	free(body);

	/* The day of the cancelled event passed: the feed drops it, and the
	 * push deletes it. */
	feeds_at((long long)(gone_date + 1) * 86400);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.deleted, 1);
	ck_assert_uint_eq(p.n.writes, 1);
	ck_assert_ptr_null(get_resource(gone_name, NULL));
	assert_server_has_feed();
	assert_unchanged("ouderavond.ics", foreign);
	assert_unchanged("copy.ics", lookalike);

	/* The state lost again: still nothing of theirs is touched. */
	char state[256];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	ck_assert_int_eq(unlink(state), 0);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.n.writes, 0);
	assert_unchanged("ouderavond.ics", foreign);
	assert_unchanged("copy.ics", lookalike);
	free(foreign);
	free(lookalike);
}
END_TEST

/* Someone moves the event in their calendar app: PUT with its ETag. */
static void edit_on_server(const char *name)
{
	char *etag = NULL;
	char *body = get_resource(name, &etag);
	ck_assert_ptr_nonnull(body);
	const char *at = strstr(body, "SUMMARY:");
	ck_assert_ptr_nonnull(at);
	size_t head = (size_t)(at - body) + strlen("SUMMARY:");
	size_t n = strlen(body) + 32;
	char *edited = malloc(n);
	ck_assert_ptr_nonnull(edited);
	snprintf(edited, n, "%.*sVERZET %s", (int)head, body, body + head);
	struct rk_http *http = client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_put(http, res_url(name), edited,
				       strlen(edited), etag, &res),
			 RK_OK);
	ck_assert_msg(res.outcome == RK_CALDAV_OK, "%s", res.message);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	free(edited);
	free(body);
	free(etag);
}

static bool edit_kept(const char *name)
{
	char *body = get_resource(name, NULL);
	ck_assert_ptr_nonnull(body);
	bool kept = strstr(body, "VERZET") != NULL;
	free(body);
	return kept;
}

static void delete_on_server(const char *name)
{
	char *etag = NULL;
	free(get_resource(name, &etag));
	ck_assert_msg(etag && *etag, "%s has no ETag", name);
	struct rk_http *http = client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_delete(http, res_url(name), etag, &res),
			 RK_OK);
	free(etag);
	ck_assert_int_eq(res.outcome, RK_CALDAV_OK);
	rk_caldav_result_release(&res);
	rk_http_free(http);
}

/* Someone edits team alpha's first bordsessie on the server; its event,
 * and its resource's name in @name. */
static struct rk_event *edit_bordsessie(char name[256])
{
	struct rk_event *ev = first_of(RK_EV_BORDSESSIE);
	snprintf(name, 256, "%s", name_of(ev));
	edit_on_server(name);
	return ev;
}

START_TEST(test_server_edit_is_a_conflict)
{
	struct pushed p = push();
	assert_clean(&p);
	char name[256];
	struct rk_event *ev = edit_bordsessie(name);

	/* Nothing changed in the plan: the look at the calendar sees the
	 * edit, which is kept and reported. */
	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.notes[RK_PUSH_CONFLICT], 1);
	ck_assert_uint_eq(p.n.writes, 0);
	ck_assert_uint_eq(p.n.requests, 2); /* PROPFIND, GET */
	ck_assert(edit_kept(name));

	/* Someone else deletes another event. */
	struct rk_event *gl = first_of(RK_EV_GL);
	char gl_name[256];
	snprintf(gl_name, sizeof(gl_name), "%s", name_of(gl));
	delete_on_server(gl_name);

	ev->start += 30;
	ev->end += 30;
	gl->start += 15;
	gl->end += 15;
	feeds_at(T0);
	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.restored, 1);
	ck_assert_uint_eq(p.r.updated, 0);
	ck_assert(edit_kept(name));
	char *body = get_resource(gl_name, NULL);
	ck_assert_ptr_nonnull(body);
	free(body);
	p = push();
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.restored + p.r.updated + p.r.created, 0);
	ck_assert(edit_kept(name));

	p = push_ex(true, 0);
	assert_clean(&p);
	ck_assert_uint_eq(p.r.updated, 1);
	ck_assert(!edit_kept(name));
	assert_server_has_feed();
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.n.requests, 1);
}
END_TEST

/* The ETag push.state has for @ev in team alpha's calendar (caller
 * frees); with @forget, it is blanked in the file afterwards, as a server
 * that sent none leaves it. */
static char *state_etag(const struct rk_event *ev, bool forget)
{
	char path[256], uid[200];
	snprintf(path, sizeof(path), "%s/push.state", fp.dir);
	snprintf(uid, sizeof(uid), "%s@ritmiek", ev->id);
	struct rk_diags *diags = rk_diags_new();
	struct rk_push_state *s = NULL;
	ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_OK);
	const struct rk_push_entry *e =
		rk_push_state_find(s, collection_url("alpha"), uid);
	ck_assert_msg(e != NULL, "%s is not in push.state", uid);
	char *etag = strdup(e->etag);
	if (forget) {
		struct rk_push_entry blank = *e;
		blank.etag = "";
		ck_assert_int_eq(rk_push_state_set(s, &blank), RK_OK);
		ck_assert_int_eq(rk_push_state_write(s, path), RK_OK);
	}
	rk_push_state_free(s);
	rk_diags_free(diags);
	return etag;
}

static void forget_etag(const struct rk_event *ev)
{
	char *was = state_etag(ev, true);
	ck_assert_str_ne(was, "");
	free(was);
}

/* The line of @uid's event in the output of readback.py @lines, as a new
 * string; NULL when there is none. */
static char *line_of(const char *lines, const char *uid)
{
	size_t n = strlen(uid);
	for (const char *line = lines; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > n && !strncmp(line, uid, n) && line[n] == '\t')
			return strndup(line, len);
		line += end ? len + 1 : len;
	}
	return NULL;
}

/* The server has @ev as the feed has it. */
static void assert_as_in_feed(const struct rk_event *ev)
{
	char uid[200];
	snprintf(uid, sizeof(uid), "%s@ritmiek", ev->id);
	char *on_server = server_events(), *in_feed = feed_events();
	char *got = line_of(on_server, uid), *want = line_of(in_feed, uid);
	ck_assert_msg(want != NULL, "%s is not in the feed", uid);
	ck_assert_msg(got != NULL, "%s is not on the server", uid);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(on_server);
	free(in_feed);
}

/* push.state has no ETag for two events (a server that sent none, an
 * answer lost), and the plan moves both. Someone edited one of them on
 * the server: it is kept and reported, not overwritten with If-Match: *.
 * The other is on the server as it was put: it is updated, with If-Match
 * on the ETag read just before. */
START_TEST(test_unknown_etag_update)
{
	struct pushed p = push();
	assert_clean(&p);
	size_t n = p.r.created;
	char name[256], gl_name[256];
	struct rk_event *ev = edit_bordsessie(name);
	struct rk_event *gl = first_of(RK_EV_GL);
	snprintf(gl_name, sizeof(gl_name), "%s", name_of(gl));
	forget_etag(ev);
	forget_etag(gl);
	ev->start += 30;
	ev->end += 30;
	gl->start += 15;
	gl->end += 15;
	feeds_at(T0);

	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert(edit_kept(name));
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.notes[RK_PUSH_CONFLICT], 1);
	ck_assert_msg(strstr(p.conflict, "changed on the server since the "
					 "last push; kept") != NULL,
		      "%s", p.conflict);
	ck_assert_uint_eq(p.r.updated, 1);
	ck_assert_uint_eq(p.notes[RK_PUSH_UPDATED], 1);
	ck_assert_uint_eq(p.r.unchanged, n - 2);
	ck_assert_uint_eq(p.r.failed + p.r.created + p.r.deleted, 0);
	ck_assert_uint_eq(p.n.writes, 1);
	assert_as_in_feed(gl);
	char *etag = state_etag(gl, false), *now = NULL;
	free(get_resource(gl_name, &now));
	ck_assert_str_eq(etag, now);
	free(etag);
	free(now);

	/* The edit stays kept, and said, push after push. */
	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.unchanged, n - 1);
	ck_assert_uint_eq(p.n.writes, 0);
	ck_assert(edit_kept(name));
}
END_TEST

static bool not_with_id(const struct rk_event *ev, void *data)
{
	return strcmp(ev->id, data) != 0;
}

/* The same with two events that leave the plan: the edited one is not
 * deleted (If-Match: * would have), the other one is. */
START_TEST(test_unknown_etag_delete)
{
	struct pushed p = push();
	assert_clean(&p);
	size_t n = p.r.created;
	char name[256], gl_name[256], ev_id[128], gl_id[128];
	struct rk_event *ev = edit_bordsessie(name);
	struct rk_event *gl = first_of(RK_EV_GL);
	snprintf(gl_name, sizeof(gl_name), "%s", name_of(gl));
	snprintf(ev_id, sizeof(ev_id), "%s", ev->id);
	snprintf(gl_id, sizeof(gl_id), "%s", gl->id);
	forget_etag(ev);
	forget_etag(gl);
	/* Without feeds.state, an event that left the plan leaves the feed
	 * at once (rather than staying in it as cancelled until its day). */
	rk_plan_filter(fp.plan, not_with_id, ev_id);
	rk_plan_filter(fp.plan, not_with_id, gl_id);
	char path[256];
	snprintf(path, sizeof(path), "%s/feeds.state", fp.dir);
	ck_assert_int_eq(unlink(path), 0);
	feeds_at(T0);

	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert(edit_kept(name));
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.notes[RK_PUSH_CONFLICT], 1);
	ck_assert_msg(strstr(p.conflict, "changed on the server since the "
					 "last push; not deleted") != NULL,
		      "%s", p.conflict);
	ck_assert_uint_eq(p.r.deleted, 1);
	ck_assert_uint_eq(p.notes[RK_PUSH_DELETED], 1);
	ck_assert_ptr_null(get_resource(gl_name, NULL));
	ck_assert_uint_eq(p.r.unchanged, n - 2);
	ck_assert_uint_eq(p.r.failed + p.r.created + p.r.updated, 0);
	ck_assert_uint_eq(p.n.writes, 1);

	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.deleted, 0);
	ck_assert_uint_eq(p.n.writes, 0);
	ck_assert(edit_kept(name));
}
END_TEST

/* A push.state of version 1 hashed with a wrong FNV-1a basis (version 2
 * the bytes put): its hashes mean nothing now, its ETags still do. Each event is put again once, with
 * If-Match on its ETag, so an event edited on the server is kept (a
 * conflict) rather than overwritten; after that, nothing is sent. */
START_TEST(test_older_state_put_again_once)
{
	struct pushed p = push();
	assert_clean(&p);
	size_t n = p.r.created;
	char state[256];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	char *text = rk_test_slurp(state);
	ck_assert_ptr_nonnull(text);
	ck_assert(!strncmp(text, "ritmiek-push\t3\t", 15));
	/* The hashes are left as they are: right ones, which a reader that
	 * trusted a version 1 file would take as unchanged. */
	text[13] = '1';
	write_file(state, text);
	free(text);
	char name[256];
	edit_bordsessie(name);

	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.older, n - 1);
	ck_assert_uint_eq(p.r.updated, n - 1);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.created + p.r.deleted + p.r.failed, 0);
	ck_assert_uint_eq(p.n.writes, n - 1);
	ck_assert(edit_kept(name));
	text = rk_test_slurp(state);
	ck_assert(!strncmp(text, "ritmiek-push\t3\t", 15));
	free(text);

	/* Once: the next push sends nothing, and the edit is still kept. */
	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.older, 0);
	ck_assert_uint_eq(p.r.unchanged, n - 1);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.n.writes, 0);
	ck_assert(edit_kept(name));
}
END_TEST

/* A teacher deletes events in their calendar app; the plan is the same:
 * the next push puts them back, and only them. */
START_TEST(test_deleted_on_server_restored)
{
	struct pushed p = push();
	assert_clean(&p);
	size_t n = assert_server_has_feed();
	char bs[256], gl[256];
	snprintf(bs, sizeof(bs), "%s", name_of(first_of(RK_EV_BORDSESSIE)));
	snprintf(gl, sizeof(gl), "%s", name_of(first_of(RK_EV_GL)));
	delete_on_server(bs);
	delete_on_server(gl);
	ck_assert_ptr_null(get_resource(bs, NULL));

	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.restored, 2);
	ck_assert_uint_eq(p.notes[RK_PUSH_RESTORED], 2);
	ck_assert_uint_eq(p.r.unchanged, n - 2);
	ck_assert_uint_eq(p.r.created + p.r.updated, 0);
	ck_assert_uint_eq(p.n.requests, 3); /* PROPFIND, 2 PUTs */
	ck_assert_uint_eq(p.n.writes, 2);
	assert_server_has_feed();

	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.unchanged, n);
	ck_assert_uint_eq(p.n.requests, 1);
}
END_TEST

START_TEST(test_uid_under_another_name)
{
	struct rk_http *http = client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_make_calendar(http, collection_url("alpha"),
						 "Team Alpha", &res),
			 RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_OK);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	const struct rk_event *ev = first_of(RK_EV_BORDSESSIE);
	char uid[200];
	snprintf(uid, sizeof(uid), "%s@ritmiek", ev->id);
	char *etag = put_foreign("iemand-anders.ics", uid);

	/* Radicale answers 409 no-uid-conflict, Xandikos a 207 holding a
	 * 412: the same conflict. */
	struct pushed p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert_uint_eq(p.r.conflicts, 1);
	ck_assert_uint_eq(p.r.failed, 0);
	ck_assert_uint_gt(p.r.created, 10);
	assert_unchanged("iemand-anders.ics", etag);
	free(etag);
}
END_TEST

START_TEST(test_server_killed_mid_push)
{
	char *feed = feed_events();
	size_t n = count_lines(feed);
	free(feed);
	struct pushed p = push_ex(false, 25);
	ck_assert_int_eq(p.status, RK_ERR_NETWORK);
	ck_assert(p.r.stopped && !p.r.refused);
	ck_assert_uint_eq(p.r.created, 25);
	ck_assert_uint_eq(p.r.not_done, n - 25);
	ck_assert_msg(!strncmp(p.r.stop_url, collection_url("alpha"),
			       strlen(collection_url("alpha"))),
		      "%s", p.r.stop_url);
	/* The next event was tried three times, 0.2 and 0.4 s apart. */
	ck_assert_uint_eq(p.n.retries, 2);
	ck_assert(p.seconds >= 0.55);

	char state[256];
	struct rk_push_state *s = NULL;
	struct rk_diags *diags = rk_diags_new();
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	ck_assert_int_eq(rk_push_state_read(state, &s, diags), RK_OK);
	size_t kept = 0;
	for (size_t i = 0; i < rk_push_state_slots(s); i++)
		kept += rk_push_state_get(s, i) != NULL;
	ck_assert_uint_eq(kept, 25);
	rk_push_state_free(s);
	rk_diags_free(diags);

	server_spawn(&srv);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.created + p.r.adopted, n - 25);
	ck_assert_uint_eq(assert_server_has_feed(), n);
}
END_TEST

/* The same push, one request at a time and four at a time, into two
 * calendars of the same server: the same events, and the same push.state
 * but for the calendar's URL. */
START_TEST(test_jobs_same_result)
{
	char state[256], url4[192];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	snprintf(url4, sizeof(url4), "%s/%s/j4-{id}/", srv.base,
		 srv.kind == RADICALE ? USER : "user");
	struct pushed p = push_to(srv.url, 1, false, 0);
	assert_clean(&p);
	size_t n = assert_server_has_feed();
	char *one = rk_test_slurp(state);
	ck_assert_int_eq(unlink(state), 0);
	p = push_to(url4, 4, false, 0);
	assert_clean(&p);
	ck_assert_uint_eq(p.r.created, n);
	ck_assert_uint_eq(p.n.requests, n + 2);
	char *four = rk_test_slurp(state);
	/* The URLs differ by the "j4-" of the second calendar. */
	for (char *at; (at = strstr(four, "/j4-"));)
		memmove(at + 1, at + 4, strlen(at + 4) + 1);
	ck_assert_str_eq(one, four);
	free(one);
	free(four);

	char *first = server_events();
	char *script = rk_test_path("tests/caldav/readback.py");
	setenv("RITMIEK_PASSWORD", PASSWORD, 1);
	char url[192];
	snprintf(url, sizeof(url), "%s/%s/j4-alpha/", srv.base,
		 srv.kind == RADICALE ? USER : "user");
	const char *argv[] = { PYTHON, script, url,
			       srv.kind == RADICALE ? USER : NULL, NULL };
	char *second = output_of(argv, false);
	unsetenv("RITMIEK_PASSWORD");
	ck_assert_str_eq(first, second);
	free(script);
	free(first);
	free(second);
}
END_TEST

static char *lock_path(void)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/store/user/alpha/.git/index.lock",
		 srv.dir);
	return path;
}

static size_t locks_seen;
static bool locks_remove;

static int on_lock(const char *path, const struct stat *st, int flag,
		   struct FTW *ftw)
{
	size_t n = strlen(path);
	if (flag == FTW_F && n > 5 && !strcmp(path + n - 5, ".lock")) {
		locks_seen++;
		if (locks_remove)
			ck_assert_int_eq(unlink(path), 0);
	}
	return 0;
}

/* The dulwich lock files in the team's calendar of Xandikos (index.lock,
 * objects/xx/<sha>.lock, refs/heads/master.lock), removed with @remove. */
static size_t xandikos_locks(bool remove)
{
	char git[256];
	snprintf(git, sizeof(git), "%s/store/user/alpha/.git", srv.dir);
	locks_seen = 0;
	locks_remove = remove;
	nftw(git, on_lock, 16, FTW_PHYS);
	return locks_seen;
}

/* Killed with four requests in flight, then started again: the next
 * push finishes without duplicates. Xandikos may have been killed while
 * writing and then fails every write to the calendar (its git index stays
 * locked): the push says what to remove, and after that it finishes. */
START_TEST(test_killed_mid_parallel_push)
{
	char *feed = feed_events();
	size_t n = count_lines(feed);
	free(feed);
	struct pushed p = push_to(srv.url, 4, false, 25);
	ck_assert_int_eq(p.status, RK_ERR_NETWORK);
	ck_assert(p.r.stopped && !p.r.refused);
	ck_assert_uint_ge(p.r.created, 25);
	ck_assert_uint_eq(p.r.created + p.r.not_done, n);

	server_spawn(&srv);
	if (srv.kind == XANDIKOS && xandikos_locks(false) > 0) {
		printf("xandikos left %zu lock file(s)\n", locks_seen);
		p = push_to(srv.url, 4, false, 0);
		ck_assert_int_eq(p.status, RK_OK);
		ck_assert_uint_gt(p.r.failed, 0);
		ck_assert_ptr_nonnull(strstr(p.failure, "remove every *.lock"));
		xandikos_locks(true);
	}
	p = push_to(srv.url, 4, false, 0);
	assert_clean(&p);
	ck_assert_uint_eq(p.r.created + p.r.adopted + p.r.unchanged, n);
	ck_assert_uint_eq(assert_server_has_feed(), n);
}
END_TEST

/* ---- the program itself ---- */

struct run {
	int status;
	char *out;
	char *err;
};

#define MAX_ARGS 40

/* Runs $RITMIEK (under $RITMIEK_RUNNER) with @argv; @password in
 * RITMIEK_PASSWORD and @home in HOME when not NULL. */
static struct run run_in(const char *const *argv, const char *password,
			 const char *home)
{
	const char *prog = getenv("RITMIEK");
	ck_assert_msg(prog != NULL, "RITMIEK is not set (run make check)");
	char out_name[] = "/tmp/ritmiek-out-XXXXXX";
	char err_name[] = "/tmp/ritmiek-err-XXXXXX";
	int out_fd = mkstemp(out_name), err_fd = mkstemp(err_name);
	ck_assert(out_fd >= 0 && err_fd >= 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
			_exit(127);
		if (password)
			setenv("RITMIEK_PASSWORD", password, 1);
		if (home)
			setenv("HOME", home, 1);
		const char *runner = getenv("RITMIEK_RUNNER");
		char *words = runner ? strdup(runner) : NULL;
		const char *args[MAX_ARGS];
		size_t k = 0;
		/* $RITMIEK_RUNNER's words (valgrind and its options). */
		for (char *w = words; w && *w && k < MAX_ARGS - 20;) {
			while (*w == ' ')
				*w++ = '\0';
			if (!*w)
				break;
			args[k++] = w;
			while (*w && *w != ' ')
				w++;
		}
		args[k++] = prog;
		for (size_t i = 1; argv[i] && k < MAX_ARGS - 1; i++)
			args[k++] = argv[i];
		args[k] = NULL;
		execvp(args[0], (char *const *)args);
		_exit(127);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	close(out_fd);
	close(err_fd);
	struct run r = { WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			 rk_test_slurp(out_name), rk_test_slurp(err_name) };
	unlink(out_name);
	unlink(err_name);
	return r;
}

static struct run run_ritmiek(const char *const *argv, const char *password)
{
	return run_in(argv, password, NULL);
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static enum rk_caldav_kind what_is_there(void)
{
	struct rk_http *http = client();
	struct rk_caldav_result res;
	enum rk_caldav_kind kind;
	ck_assert_int_eq(
		rk_caldav_probe(http, collection_url("alpha"), &kind, &res),
		RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_OK);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	return kind;
}

START_TEST(test_wrong_password)
{
	const char *argv[] = { "ritmiek", "push", fp.dir,     "--url", srv.url,
			       "--user",  USER,	  "--target", "team",  NULL };
	struct run r = run_ritmiek(argv, "fout-wachtwoord");
	ck_assert_int_eq(r.status, 4);
	char want[512];
	snprintf(want, sizeof(want),
		 "ritmiek: error: %s: the server refused the account '"
		 "ritmiek' (HTTP 401)",
		 collection_url("alpha"));
	ck_assert_msg(strstr(r.err, want) != NULL, "stderr: %s", r.err);
	ck_assert_ptr_null(strstr(r.err, "fout-wachtwoord"));
	ck_assert_ptr_null(strstr(r.out, "fout-wachtwoord"));
	run_free(&r);
	/* Nothing changed: no calendar, no state. */
	ck_assert_int_eq(what_is_there(), RK_CALDAV_NOTHING);
	char state[256];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	ck_assert_int_ne(access(state, F_OK), 0);

	/* The account from ~/.netrc. */
	char netrc[256];
	snprintf(netrc, sizeof(netrc), "%s/.netrc", srv.dir);
	write_file(netrc,
		   "machine 127.0.0.1 login " USER " password " PASSWORD "\n");
	chmod(netrc, 0600);
	const char *plain[] = { "ritmiek", "push",     fp.dir, "--url",
				srv.url,   "--target", "team", NULL };
	r = run_in(plain, NULL, srv.dir);
	ck_assert_msg(r.status == 0, "stderr: %s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, " created, 0 updated"));
	run_free(&r);
	ck_assert_int_eq(what_is_there(), RK_CALDAV_CALENDAR);
}
END_TEST

START_TEST(test_cli_dry_run_then_push)
{
	char pwfile[256];
	snprintf(pwfile, sizeof(pwfile), "%s/password", srv.dir);
	write_file(pwfile, PASSWORD "\n");
	chmod(pwfile, 0600);
	/* Xandikos has no accounts: it ignores them. */
	const char *dry[] = { "ritmiek", "push",      fp.dir, "--url",
			      srv.url,	 "--user",    USER,   "-t",
			      "team",	 "--dry-run", NULL };
	struct run r = run_ritmiek(dry, PASSWORD);
	ck_assert_msg(r.status == 0, "stderr: %s", r.err);
	char *feed = feed_events();
	size_t n = count_lines(feed);
	free(feed);
	char want[256];
	snprintf(want, sizeof(want), "make %s\n", collection_url("alpha"));
	ck_assert_msg(strstr(r.out, want) != NULL, "stdout: %s", r.out);
	snprintf(want, sizeof(want), "would create %zu, update 0, delete 0", n);
	ck_assert_msg(strstr(r.out, want) != NULL, "stdout: %s", r.out);
	run_free(&r);
	ck_assert_int_eq(what_is_there(), RK_CALDAV_NOTHING);

	const char *bad[] = { "ritmiek", "push", fp.dir, "--url", srv.url,
			      "-t",	 "team", "-j",	 "17",	  NULL };
	r = run_ritmiek(bad, PASSWORD);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "--jobs takes 1 to 16"));
	run_free(&r);

	/* The real push goes out 4 requests at a time (the default). */
	const char *real[] = {
		"ritmiek", "push",   fp.dir, "--url",		srv.url, "-t",
		"team",	   "--user", USER,   "--password-file", pwfile,	 NULL
	};
	for (int i = 0; i < 2; i++) {
		r = run_ritmiek(real, NULL);
		ck_assert_msg(r.status == 0, "stderr: %s", r.err);
		snprintf(want, sizeof(want),
			 i == 0 ? "1 calendar(s): %zu created, 0 updated"
				: "1 calendar(s): 0 created, 0 updated, 0 "
				  "deleted, %zu unchanged",
			 n);
		ck_assert_msg(strstr(r.out, want) != NULL, "stdout: %s", r.out);
		ck_assert(i == 0 ||
			  strstr(r.out, "(1 requests, 0 changing") != NULL);
		ck_assert_ptr_null(strstr(r.out, PASSWORD));
		ck_assert_ptr_null(strstr(r.err, PASSWORD));
		run_free(&r);
	}
	assert_server_has_feed();
}
END_TEST

START_TEST(test_tls_is_verified)
{
	char cert[256], key[256], url[192];
	snprintf(cert, sizeof(cert), "%s/cert.pem", srv.dir);
	snprintf(key, sizeof(key), "%s/key.pem", srv.dir);
	const char *gen[] = { "/usr/bin/openssl",
			      "req",
			      "-x509",
			      "-newkey",
			      "rsa:2048",
			      "-nodes",
			      "-keyout",
			      key,
			      "-out",
			      cert,
			      "-days",
			      "2",
			      "-subj",
			      "/CN=127.0.0.1",
			      "-addext",
			      "subjectAltName=IP:127.0.0.1",
			      NULL };
	free(output_of(gen, true));
	server_stop(&srv);
	write_radicale_config(&srv, true);
	server_spawn(&srv);
	snprintf(url, sizeof(url), "https://127.0.0.1:%d/" USER "/{id}/",
		 srv.port);

	/* A certificate nobody vouches for: refused at once, not retried. */
	const char *argv[] = { "ritmiek", "push", fp.dir, "--url", url,
			       "--user",  USER,	  "-t",	  "team",  "--verbose",
			       NULL,	  NULL,	  NULL };
	struct run r = run_ritmiek(argv, PASSWORD);
	ck_assert_int_eq(r.status, 4);
	ck_assert_msg(strstr(r.err, "certificate") != NULL, "%s", r.err);
	ck_assert_ptr_null(strstr(r.err, "after retries"));
	ck_assert_ptr_null(strstr(r.err, PASSWORD));
	run_free(&r);

	argv[10] = "--cacert";
	argv[11] = cert;
	r = run_ritmiek(argv, PASSWORD);
	ck_assert_msg(r.status == 0, "stderr: %s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, " created, 0 updated"));
	ck_assert_ptr_null(strstr(r.out, PASSWORD));
	ck_assert_ptr_null(strstr(r.err, PASSWORD));
	run_free(&r);
}
END_TEST

/* A lock Xandikos left behind (as when it is killed while writing): every
 * write to that calendar gets HTTP 500. The push gives up on the calendar
 * (not the whole push) and says which file to remove. */
START_TEST(test_xandikos_lock_left)
{
	struct pushed p = push();
	assert_clean(&p);
	write_file(lock_path(), "");
	struct rk_event *ev = first_of(RK_EV_BORDSESSIE);
	ev->start += 30;
	ev->end += 30;
	feeds_at(T0);
	p = push();
	ck_assert_int_eq(p.status, RK_OK);
	ck_assert(!p.r.stopped);
	ck_assert_uint_eq(p.r.failed, 1);
	ck_assert_uint_eq(p.r.updated, 0);
	ck_assert_uint_eq(p.n.retries, 2);
	ck_assert_msg(strstr(p.failure, "HTTP 500 from the server; the server "
					"fails on this calendar") != NULL,
		      "%s", p.failure);
	ck_assert_ptr_nonnull(strstr(p.failure, "remove every *.lock file"));
	ck_assert_ptr_nonnull(strstr(p.failure, ".git folder"));
	ck_assert_ptr_nonnull(strstr(p.failure, "index.lock"));

	ck_assert_int_eq(unlink(lock_path()), 0);
	p = push();
	assert_clean(&p);
	ck_assert_uint_eq(p.r.updated, 1);
	assert_server_has_feed();
}
END_TEST

/* A wrong password with nothing to push still fails: the look at the
 * calendar is refused. */
START_TEST(test_wrong_password_nothing_to_do)
{
	const char *argv[] = { "ritmiek", "push", fp.dir,     "--url", srv.url,
			       "--user",  USER,	  "--target", "team",  NULL };
	struct run r = run_ritmiek(argv, PASSWORD);
	ck_assert_msg(r.status == 0, "stderr: %s", r.err);
	run_free(&r);
	char state[256];
	snprintf(state, sizeof(state), "%s/push.state", fp.dir);
	char *before = rk_test_slurp(state);

	r = run_ritmiek(argv, "fout-wachtwoord");
	ck_assert_int_eq(r.status, 4);
	char want[512];
	snprintf(want, sizeof(want),
		 "ritmiek: error: %s: the server refused the account '"
		 "ritmiek' (HTTP 401)",
		 collection_url("alpha"));
	ck_assert_msg(strstr(r.err, want) != NULL, "stderr: %s", r.err);
	ck_assert_ptr_null(strstr(r.err, "fout-wachtwoord"));
	run_free(&r);
	char *after = rk_test_slurp(state);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

static TCase *server_case(const char *name, void (*setup)(void))
{
	TCase *tc = tcase_create(name);
	tcase_add_unchecked_fixture(tc, top_setup, top_teardown);
	tcase_add_checked_fixture(tc, setup, server_teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_publish_and_push_again);
	tcase_add_test(tc, test_changes_and_cancellations);
	tcase_add_test(tc, test_server_edit_is_a_conflict);
	tcase_add_test(tc, test_unknown_etag_update);
	tcase_add_test(tc, test_unknown_etag_delete);
	tcase_add_test(tc, test_older_state_put_again_once);
	tcase_add_test(tc, test_uid_under_another_name);
	tcase_add_test(tc, test_server_killed_mid_push);
	tcase_add_test(tc, test_cli_dry_run_then_push);
	tcase_add_test(tc, test_deleted_on_server_restored);
	tcase_add_test(tc, test_jobs_same_result);
	tcase_add_test(tc, test_killed_mid_parallel_push);
	return tc;
}

Suite *suite_push(void)
{
	Suite *s = suite_create("push");
	TCase *radicale = server_case("radicale", radicale_setup);
	tcase_add_test(radicale, test_wrong_password);
	tcase_add_test(radicale, test_tls_is_verified);
	tcase_add_test(radicale, test_wrong_password_nothing_to_do);
	suite_add_tcase(s, radicale);
	TCase *xandikos = server_case("xandikos", xandikos_setup);
	tcase_add_test(xandikos, test_xandikos_lock_left);
	suite_add_tcase(s, xandikos);
	return s;
}
