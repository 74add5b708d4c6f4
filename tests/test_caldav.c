/* The pieces of the CalDAV push that need no server: multistatus answers as
 * Radicale 3.1.8 and Xandikos 0.2.8 send them, resource names, push.state,
 * and the retries of the HTTP layer against a port nobody listens on. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caldav.h"
#include "http.h"
#include "push_state.h"
#include "suites.h"
#include "testutil.h"

/* Radicale: default namespace DAV:, prefix C for CalDAV. */
static const char radicale_list[] =
	"<?xml version='1.0' encoding='utf-8'?>\n"
	"<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
	"<response><href>/ritmiek/T1/a%40ritmiek.ics</href><propstat><prop>"
	"<getetag>\"cc69\"</getetag><C:calendar-data>BEGIN:VCALENDAR\n"
	"END:VCALENDAR\n</C:calendar-data></prop>"
	"<status>HTTP/1.1 200 OK</status></propstat></response>"
	"<response><href>/ritmiek/T1/</href><propstat><prop><getetag>\"3e\""
	"</getetag><resourcetype><C:calendar /><collection /></resourcetype>"
	"</prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop>"
	"<displayname /></prop><status>HTTP/1.1 404 Not Found</status>"
	"</propstat></response></multistatus>";

/* Xandikos: ns0/ns1 prefixes, the status before the prop, a missing
 * collection as a 207 holding a 404 with a percent-encoded whole URL. */
static const char xandikos_list[] =
	"<ns0:multistatus xmlns:ns0=\"DAV:\" "
	"xmlns:ns1=\"urn:ietf:params:xml:ns:caldav\"><ns0:response>"
	"<ns0:href>/user/cal1/a1.ics</ns0:href><ns0:propstat>"
	"<ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop>"
	"<ns0:getetag>\"c857\"</ns0:getetag><ns1:calendar-data>BEGIN:VCALENDAR"
	"</ns1:calendar-data></ns0:prop></ns0:propstat></ns0:response>"
	"<ns0:response><ns0:href>http%3A//127.0.0.1%3A5233/user/nix/"
	"</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status>"
	"</ns0:response></ns0:multistatus>";

/* Xandikos' answer to a PUT of a UID that is already there. */
static const char xandikos_uid[] =
	"<ns0:multistatus xmlns:ns0=\"DAV:\" "
	"xmlns:ns1=\"urn:ietf:params:xml:ns:caldav\"><ns0:response>"
	"<ns0:href>http%3A//127.0.0.1%3A5233/user/cal1/a2.ics</ns0:href>"
	"<ns0:status>HTTP/1.1 412 Precondition Failed</ns0:status>"
	"<ns0:error><ns1:no-uid-conflict /></ns0:error>"
	"<ns0:responsedescription>UID already in use."
	"</ns0:responsedescription></ns0:response></ns0:multistatus>";

START_TEST(test_radicale_multistatus)
{
	struct rk_caldav_multistatus ms;
	ck_assert_int_eq(rk_caldav_multistatus_parse(
				 radicale_list, strlen(radicale_list), &ms),
			 RK_OK);
	ck_assert_uint_eq(ms.n, 2);
	ck_assert_str_eq(ms.items[0].href, "/ritmiek/T1/a@ritmiek.ics");
	ck_assert_str_eq(ms.items[0].name, "a@ritmiek.ics");
	ck_assert_str_eq(ms.items[0].etag, "\"cc69\"");
	ck_assert_int_eq(ms.items[0].status, 200);
	ck_assert_str_eq(ms.items[0].calendar_data,
			 "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
	ck_assert(!ms.items[0].calendar);
	ck_assert_str_eq(ms.items[1].name, "T1");
	ck_assert(ms.items[1].calendar && ms.items[1].collection);
	rk_caldav_multistatus_release(&ms);
}
END_TEST

START_TEST(test_xandikos_multistatus)
{
	struct rk_caldav_multistatus ms;
	ck_assert_int_eq(rk_caldav_multistatus_parse(
				 xandikos_list, strlen(xandikos_list), &ms),
			 RK_OK);
	ck_assert_uint_eq(ms.n, 2);
	ck_assert_str_eq(ms.items[0].name, "a1.ics");
	ck_assert_str_eq(ms.items[0].etag, "\"c857\"");
	ck_assert_str_eq(ms.items[0].calendar_data, "BEGIN:VCALENDAR");
	ck_assert_str_eq(ms.items[1].href, "http://127.0.0.1:5233/user/nix/");
	ck_assert_str_eq(ms.items[1].name, "nix");
	ck_assert_int_eq(ms.items[1].status, 404);
	ck_assert_ptr_null(ms.items[1].etag);
	rk_caldav_multistatus_release(&ms);

	ck_assert_int_eq(rk_caldav_multistatus_parse(xandikos_uid,
						     strlen(xandikos_uid), &ms),
			 RK_OK);
	ck_assert_uint_eq(ms.n, 1);
	ck_assert_int_eq(ms.items[0].status, 412);
	ck_assert(ms.items[0].uid_conflict);
	rk_caldav_multistatus_release(&ms);
}
END_TEST

START_TEST(test_not_multistatus)
{
	static const char *const bodies[] = {
		"",
		"not xml",
		"<a:multistatus xmlns:a=\"urn:other\"/>",
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
		"\"file:///etc/passwd\">]><x>&e;</x>",
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct rk_caldav_multistatus ms;
		ck_assert_int_eq(rk_caldav_multistatus_parse(
					 bodies[i], strlen(bodies[i]), &ms),
				 RK_ERR_INPUT);
		rk_caldav_multistatus_release(&ms);
	}
}
END_TEST

START_TEST(test_error_name)
{
	static const char radicale_409[] =
		"<?xml version='1.0' encoding='utf-8'?>\n<error xmlns=\"DAV:\" "
		"xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:no-uid-conflict "
		"/></error>";
	char name[64];
	rk_caldav_error_name(radicale_409, strlen(radicale_409), name,
			     sizeof(name));
	ck_assert_str_eq(name, "no-uid-conflict");
	rk_caldav_error_name("Precondition failed.", 20, name, sizeof(name));
	ck_assert_str_eq(name, "");
}
END_TEST

START_TEST(test_encode_segment)
{
	char *s = rk_caldav_encode_segment("odd-team-lb_1.x~@ritmiek");
	ck_assert_str_eq(s, "odd-team-lb_1.x~@ritmiek");
	free(s);
	s = rk_caldav_encode_segment("a b/c?d%\xc3\xa9");
	ck_assert_str_eq(s, "a%20b%2Fc%3Fd%25%C3%A9");
	free(s);
}
END_TEST

START_TEST(test_url_checks)
{
	char why[160];
	ck_assert(rk_http_url_ok("https://dav.example.nl/cal/{id}/", why,
				 sizeof(why)));
	ck_assert(!rk_http_url_ok("ftp://dav.example.nl/", why, sizeof(why)));
	ck_assert(!rk_http_url_ok("https://me:secret@dav.example.nl/", why,
				  sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "password"));
	ck_assert_ptr_null(strstr(why, "secret"));
	ck_assert(
		rk_http_url_ok("https://me@dav.example.nl/", why, sizeof(why)));
	ck_assert(rk_http_url_is_local("http://127.0.0.1:5232/x/"));
	ck_assert(rk_http_url_is_local("http://localhost/x/"));
	ck_assert(!rk_http_url_is_local("https://dav.example.nl/"));
}
END_TEST

/* ---- push.state ---- */

static char *temp_dir(void)
{
	char *dir = strdup("/tmp/ritmiek-state-XXXXXX");
	ck_assert_ptr_nonnull(dir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	ck_assert_ptr_nonnull(path);
	snprintf(path, n, "%s/%s", dir, name);
	return path;
}

START_TEST(test_state_round_trip)
{
	char *dir = temp_dir();
	char *path = join(dir, "push.state");
	struct rk_diags *diags = rk_diags_new();
	struct rk_push_state *s = NULL;
	ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_OK);
	ck_assert_str_eq(rk_push_state_school(s), "");
	rk_push_state_free(s);

	s = rk_push_state_new("odd-team");
	const char *col = "http://127.0.0.1:1/u/T1/";
	ck_assert_int_eq(rk_push_state_add_collection(s, col), RK_OK);
	char uid[64];
	for (int i = 0; i < 300; i++) {
		snprintf(uid, sizeof(uid), "ev-%d@ritmiek", i);
		struct rk_push_entry e = { col, uid, "x.ics", "\"e\ttag\"",
					   "0123456789abcdef" };
		ck_assert_int_eq(rk_push_state_set(s, &e), RK_OK);
	}
	struct rk_push_entry e = { col, "ev-7@ritmiek", "seven.ics", "W/\"7\"",
				   "" };
	ck_assert_int_eq(rk_push_state_set(s, &e), RK_OK);
	rk_push_state_remove(s, col, "ev-8@ritmiek");
	ck_assert_int_eq(rk_push_state_write(s, path), RK_OK);
	rk_push_state_free(s);

	ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_OK);
	ck_assert_str_eq(rk_push_state_school(s), "odd-team");
	ck_assert(rk_push_state_has_collection(s, col));
	ck_assert(!rk_push_state_has_collection(s, "http://other/"));
	const struct rk_push_entry *got =
		rk_push_state_find(s, col, "ev-7@ritmiek");
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got->name, "seven.ics");
	ck_assert_str_eq(got->etag, "W/\"7\"");
	ck_assert_str_eq(got->hash, "");
	got = rk_push_state_find(s, col, "ev-299@ritmiek");
	ck_assert_str_eq(got->etag, "\"e\ttag\"");
	ck_assert_ptr_null(rk_push_state_find(s, col, "ev-8@ritmiek"));
	ck_assert_ptr_null(rk_push_state_find(s, "http://x/", "ev-1@ritmiek"));
	size_t live = 0;
	for (size_t i = 0; i < rk_push_state_slots(s); i++)
		live += rk_push_state_get(s, i) != NULL;
	ck_assert_uint_eq(live, 299);
	ck_assert_uint_eq(rk_diags_count(diags), 0);
	rk_push_state_free(s);
	rk_diags_free(diags);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_state_broken)
{
	char *dir = temp_dir();
	char *path = join(dir, "push.state");
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("ritmiek-push\t1\todd-team\n"
	      "resource\thttp://h/c/\tu@ritmiek\tu.ics\t\"e\"\tabc\n"
	      "resource\thttp://h/c/\tu@ritmiek\tu.ics\t\"e\"\tabc\n"
	      "resource\thttp://h/c/\t\tu.ics\t\"e\"\tabc\n"
	      "resource\tonly-two\n"
	      "bogus\tline\n",
	      f);
	fclose(f);
	struct rk_diags *diags = rk_diags_new();
	struct rk_push_state *s = NULL;
	ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_ERR_INPUT);
	ck_assert_ptr_null(s);
	rk_diags_free(diags);

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("ritmiek-push\t9\todd-team\n", f);
	fclose(f);
	diags = rk_diags_new();
	ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_count(diags), 1);
	ck_assert_ptr_nonnull(
		strstr(rk_diags_get(diags, 0)->message, "version '9'"));
	ck_assert_int_eq(rk_diags_get(diags, 0)->line, 1);
	rk_diags_free(diags);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
END_TEST

/* Version 1 hashed with another FNV-1a basis, version 2 the bytes put:
 * read, ETags kept, hashes unknown (""), and said to be older; version 3
 * keeps its hashes. */
START_TEST(test_state_version_1)
{
	char *dir = temp_dir();
	char *path = join(dir, "push.state");
	for (int version = 1; version <= 3; version++) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fprintf(f,
			"ritmiek-push\t%d\todd-team\n"
			"collection\thttp://h/c/\n"
			"resource\thttp://h/c/\tu@ritmiek\tu.ics\t\"\"\"e\"\"\"\t"
			"0123456789abcdef\n",
			version);
		fclose(f);
		struct rk_diags *diags = rk_diags_new();
		struct rk_push_state *s = NULL;
		ck_assert_int_eq(rk_push_state_read(path, &s, diags), RK_OK);
		ck_assert_uint_eq(rk_diags_count(diags), 0);
		ck_assert(rk_push_state_older(s) == (version < 3));
		const struct rk_push_entry *e =
			rk_push_state_find(s, "http://h/c/", "u@ritmiek");
		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(e->etag, "\"e\"");
		ck_assert_str_eq(e->hash,
				 version < 3 ? "" : "0123456789abcdef");
		/* Written again, it is of this version. */
		ck_assert_int_eq(rk_push_state_write(s, path), RK_OK);
		rk_push_state_free(s);
		char *text = rk_test_slurp(path);
		ck_assert(!strncmp(text, "ritmiek-push\t3\todd-team\n", 24));
		free(text);
		rk_diags_free(diags);
	}
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
END_TEST

/* ---- the HTTP layer without a server ---- */

/* A port on 127.0.0.1 that nobody listens on (bound, then closed). */
static int closed_port(void)
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

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_retries_then_gives_up)
{
	struct rk_http_options o = { .user = "u",
				     .password = "never-shown",
				     .timeout_ms = 2000 };
	struct rk_http *http = NULL;
	ck_assert_int_eq(rk_http_new(&o, &http), RK_OK);
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 closed_port());
	struct rk_caldav_result res;
	double start = seconds();
	ck_assert_int_eq(rk_caldav_put(http, url, "x", 1, NULL, &res),
			 RK_ERR_NETWORK);
	double took = seconds() - start;
	/* Three tries with pauses of 0.2 and 0.4 s between them. */
	ck_assert_msg(took >= 0.55 && took < 5.0, "took %.2f s", took);
	ck_assert_int_eq(res.status, 0);
	ck_assert_str_ne(res.message, "");
	ck_assert_ptr_null(strstr(res.message, "never-shown"));
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 3);
	ck_assert_uint_eq(n.writes, 3);
	ck_assert_uint_eq(n.retries, 2);
	rk_caldav_result_release(&res);

	struct rk_http_request bad = { "GET", "ftp://127.0.0.1/", NULL, NULL,
				       0 };
	struct rk_http_response resp;
	ck_assert_int_eq(rk_http_send(http, &bad, &resp), RK_ERR_ARG);
	rk_http_response_release(&resp);
	rk_http_free(http);
	rk_http_free(NULL);
}
END_TEST

/* ---- a scripted server: one canned answer per connection ---- */

/* Reads one request (headers and a Content-Length body) from @fd. */
static void read_request(int fd)
{
	char buf[8192];
	size_t len = 0;
	char *end = NULL;
	while (!end && len < sizeof(buf) - 1) {
		ssize_t got = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (got <= 0)
			return;
		len += (size_t)got;
		buf[len] = '\0';
		end = strstr(buf, "\r\n\r\n");
	}
	const char *cl = strstr(buf, "Content-Length: ");
	size_t body = cl ? strtoul(cl + 16, NULL, 10) : 0;
	size_t have = end ? len - (size_t)(end + 4 - buf) : 0;
	while (have < body) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got <= 0)
			return;
		have += (size_t)got;
	}
}

/* Serves @replies[0..@n) in a child, one per connection, on a free port of
 * 127.0.0.1; returns the port. The child ends after the last answer, after
 * 20 s at the latest, and with the test. */
static int scripted_server(const char *const *replies, size_t n, pid_t *pid)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 8), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*pid = fork();
	ck_assert_int_ge(*pid, 0);
	if (*pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(20);
		for (size_t i = 0; i < n; i++) {
			int c = accept(fd, NULL, NULL);
			if (c < 0)
				_exit(1);
			read_request(c);
			if (write(c, replies[i], strlen(replies[i])) < 0)
				_exit(1);
			close(c);
		}
		_exit(0);
	}
	close(fd);
	return ntohs(a.sin_port);
}

static void reap(pid_t pid)
{
	int st;
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

#define ANSWER(status) \
	"HTTP/1.1 " status "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

static struct rk_http *quick_client(void)
{
	struct rk_http_options o = { .timeout_ms = 3000, .backoff_ms = 50 };
	struct rk_http *http = NULL;
	ck_assert_int_eq(rk_http_new(&o, &http), RK_OK);
	return http;
}

START_TEST(test_retries_on_5xx)
{
	static const char *const replies[] = {
		ANSWER("503 Service Unavailable"), ANSWER("502 Bad Gateway"),
		"HTTP/1.1 201 Created\r\nETag: \"v1\"\r\nContent-Length: 0\r\n"
		"Connection: close\r\n\r\n"
	};
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 scripted_server(replies, 3, &pid));
	struct rk_http *http = quick_client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_put(http, url, "x", 1, NULL, &res), RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_OK);
	ck_assert_int_eq(res.status, 201);
	ck_assert_str_eq(res.etag, "\"v1\"");
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 3);
	ck_assert_uint_eq(n.retries, 2);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	reap(pid);
}
END_TEST

START_TEST(test_5xx_gives_up)
{
	static const char *const replies[] = {
		ANSWER("500 Internal Server Error"),
		ANSWER("500 Internal Server Error"),
		ANSWER("500 Internal Server Error"),
	};
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 scripted_server(replies, 3, &pid));
	struct rk_http *http = quick_client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_delete(http, url, "\"v1\"", &res),
			 RK_ERR_NETWORK);
	ck_assert_int_eq(res.status, 500);
	ck_assert_str_eq(res.message, "HTTP 500 from the server");
	rk_caldav_result_release(&res);
	rk_http_free(http);
	reap(pid);
}
END_TEST

START_TEST(test_mkcol_when_no_mkcalendar)
{
	static const char *const replies[] = {
		ANSWER("405 Method Not Allowed"),
		ANSWER("201 Created"),
	};
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/",
		 scripted_server(replies, 2, &pid));
	struct rk_http *http = quick_client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_make_calendar(http, url, "A & <B>", &res),
			 RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_OK);
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 2);
	ck_assert_uint_eq(n.writes, 2);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	reap(pid);
}
END_TEST

START_TEST(test_207_to_put_fails)
{
	static const char *const replies[] = {
		"HTTP/1.1 207 Multi-Status\r\nContent-Length: 139\r\n"
		"Connection: close\r\n\r\n"
		"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/c/x.ics"
		"</d:href><d:status>HTTP/1.1 403 Forbidden</d:status>"
		"</d:response></d:multistatus>",
		"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"
		"Connection: close\r\n\r\n",
	};
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 scripted_server(replies, 2, &pid));
	struct rk_http *http = quick_client();
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_put(http, url, "x", 1, "\"v\"", &res),
			 RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_FAILED);
	ck_assert_str_eq(res.message, "HTTP 207 holding 403");
	rk_caldav_result_release(&res);
	ck_assert_int_eq(rk_caldav_put(http, url, "x", 1, NULL, &res), RK_OK);
	ck_assert_int_eq(res.outcome, RK_CALDAV_REFUSED);
	rk_caldav_result_release(&res);
	rk_http_free(http);
	reap(pid);
}
END_TEST

/* No request that would change whatever is there: a DELETE needs an ETag
 * (If-Match: * would remove an edit made since), and a PUT with an empty
 * one would go out with no precondition at all. Nothing is sent (the port
 * is closed: a request sent would be retried and fail otherwise). */
START_TEST(test_no_unconditional_write)
{
	struct rk_http *http = quick_client();
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 closed_port());
	struct rk_caldav_result res;
	ck_assert_int_eq(rk_caldav_delete(http, url, NULL, &res), RK_ERR_ARG);
	rk_caldav_result_release(&res);
	ck_assert_int_eq(rk_caldav_delete(http, url, "", &res), RK_ERR_ARG);
	rk_caldav_result_release(&res);
	ck_assert_int_eq(rk_caldav_put(http, url, "x", 1, "", &res),
			 RK_ERR_ARG);
	rk_caldav_result_release(&res);
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 0);
	rk_http_free(http);
}
END_TEST

/* ---- several requests at a time ---- */

struct seen {
	struct rk_http *http;
	int done;
	int never_sent;
	long statuses[8];
	bool stop_after_first;
	enum rk_status inner_send;
	int more_left;
	const char *url;
};

static void on_seen(void *data, enum rk_status status,
		    struct rk_http_response *response)
{
	struct seen *s = data;
	if (response->tries == 0) {
		ck_assert_int_eq(status, RK_ERR_NETWORK);
		s->never_sent++;
		return;
	}
	ck_assert_int_eq(status, RK_OK);
	ck_assert_ptr_nonnull(response->body);
	s->statuses[s->done++ % 8] = response->status;
	/* No request of its own from inside a run. */
	struct rk_http_request req = { "GET", s->url, NULL, NULL, 0 };
	struct rk_http_response resp;
	s->inner_send = rk_http_send(s->http, &req, &resp);
	rk_http_response_release(&resp);
	if (s->stop_after_first)
		rk_http_stop(s->http);
}

static struct rk_http *jobs_client(int jobs)
{
	struct rk_http_options o = { .timeout_ms = 3000,
				     .backoff_ms = 50,
				     .jobs = jobs };
	struct rk_http *http = NULL;
	ck_assert_int_eq(rk_http_new(&o, &http), RK_OK);
	return http;
}

START_TEST(test_run_several_at_a_time)
{
	static const char *const replies[] = { ANSWER("201 Created"),
					       ANSWER("201 Created"),
					       ANSWER("201 Created"),
					       ANSWER("201 Created") };
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 scripted_server(replies, 4, &pid));
	struct rk_http *http = jobs_client(3);
	struct seen seen = { .http = http, .url = url };
	struct rk_http_done done = { on_seen, &seen };
	for (int i = 0; i < 4; i++) {
		struct rk_http_request req = { "PUT", url, NULL, "x", 1 };
		ck_assert_int_eq(rk_http_queue(http, &req, &done), RK_OK);
	}
	ck_assert_int_eq(rk_http_run(http, NULL, NULL), RK_OK);
	ck_assert_int_eq(seen.done, 4);
	ck_assert_int_eq(seen.never_sent, 0);
	ck_assert_int_eq(seen.inner_send, RK_ERR_ARG);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(seen.statuses[i], 201);
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 4);
	ck_assert_uint_eq(n.writes, 4);
	rk_http_free(http);
	reap(pid);
}
END_TEST

START_TEST(test_stop_drops_the_queue)
{
	static const char *const replies[] = { ANSWER("204 No Content") };
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/x.ics",
		 scripted_server(replies, 1, &pid));
	struct rk_http *http = jobs_client(1);
	struct seen seen = { .http = http,
			     .url = url,
			     .stop_after_first = true };
	struct rk_http_done done = { on_seen, &seen };
	struct rk_http_request req = { "DELETE", url, NULL, NULL, 0 };
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(rk_http_queue(http, &req, &done), RK_OK);
	ck_assert_int_eq(rk_http_run(http, NULL, NULL), RK_OK);
	ck_assert_int_eq(seen.done, 1);
	ck_assert_int_eq(seen.statuses[0], 204);
	ck_assert_int_eq(seen.never_sent, 2);
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 1);
	/* Freed with nothing left: a queue of its own is not kept. */
	rk_http_free(http);
	reap(pid);
}
END_TEST

static bool more_of(void *data)
{
	struct seen *s = data;
	if (!s->more_left)
		return false;
	s->more_left--;
	struct rk_http_request req = { "GET", s->url, NULL, NULL, 0 };
	struct rk_http_done done = { on_seen, s };
	ck_assert_int_eq(rk_http_queue(s->http, &req, &done), RK_OK);
	return true;
}

START_TEST(test_more_fills_the_slots)
{
	static const char *const replies[] = {
		ANSWER("200 OK"), ANSWER("200 OK"), ANSWER("200 OK"),
		ANSWER("200 OK"), ANSWER("200 OK")
	};
	pid_t pid;
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/c/",
		 scripted_server(replies, 5, &pid));
	struct rk_http *http = jobs_client(2);
	struct seen seen = { .http = http, .url = url, .more_left = 5 };
	ck_assert_int_eq(rk_http_run(http, more_of, &seen), RK_OK);
	ck_assert_int_eq(seen.done, 5);
	ck_assert_int_eq(seen.more_left, 0);
	struct rk_http_counts n;
	rk_http_get_counts(http, &n);
	ck_assert_uint_eq(n.requests, 5);
	ck_assert_uint_eq(n.writes, 0);
	rk_http_free(http);
	reap(pid);
}
END_TEST

struct members {
	int calls;
	enum rk_caldav_kind kind;
	size_t n;
	char names[4][32];
	char etags[4][32];
};

static void on_members(void *data, struct rk_caldav_answer *a)
{
	struct members *m = data;
	m->calls++;
	ck_assert_int_eq(a->status, RK_OK);
	ck_assert(a->sent);
	ck_assert_int_eq(a->res.outcome, RK_CALDAV_OK);
	m->kind = a->kind;
	m->n = a->ms.n;
	for (size_t i = 0; i < a->ms.n && i < 4; i++) {
		snprintf(m->names[i], 32, "%s", a->ms.items[i].name);
		snprintf(m->etags[i], 32, "%s",
			 a->ms.items[i].etag ? a->ms.items[i].etag : "");
	}
}

#define MULTISTATUS(body)                                                \
	"HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\n"        \
	"Connection: close\r\n\r\n<?xml version='1.0'?><multistatus "    \
	"xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" body \
	"</multistatus>"

/* The collection's own response gives its kind; the members are the
 * rest, whatever the order (Radicale lists the collection last). */
START_TEST(test_members)
{
	static const char *const replies[] = {
		MULTISTATUS(
			"<response><href>/u/T1/a%40ritmiek.ics</href><propstat>"
			"<prop><getetag>\"e1\"</getetag><resourcetype/></prop>"
			"<status>HTTP/1.1 200 OK</status></propstat></response>"
			"<response><href>/u/T1/</href><propstat><prop>"
			"<resourcetype><C:calendar/><collection/></resourcetype>"
			"<getetag>\"c\"</getetag></prop><status>HTTP/1.1 200 OK"
			"</status></propstat></response>"
			"<response><href>/u/T1/b.ics</href><propstat><prop>"
			"<getetag>\"e2\"</getetag></prop><status>HTTP/1.1 200 "
			"OK</status></propstat></response>"),
		MULTISTATUS("<response><href>http%3A//127.0.0.1%3A1/u/T2/"
			    "</href><status>HTTP/1.1 404 Not Found</status>"
			    "</response>"),
		ANSWER("404 Not Found"),
	};
	pid_t pid;
	int port = scripted_server(replies, 3, &pid);
	struct rk_http *http = jobs_client(1);
	struct members m[3] = { 0 };
	const char *paths[] = { "T1/", "T2/", "T3/" };
	for (int i = 0; i < 3; i++) {
		char url[64];
		snprintf(url, sizeof(url), "http://127.0.0.1:%d/u/%s", port,
			 paths[i]);
		struct rk_caldav_done done = { on_members, &m[i] };
		ck_assert_int_eq(rk_caldav_queue_members(http, url, &done),
				 RK_OK);
	}
	ck_assert_int_eq(rk_http_run(http, NULL, NULL), RK_OK);
	ck_assert_int_eq(m[0].calls, 1);
	ck_assert_int_eq(m[0].kind, RK_CALDAV_CALENDAR);
	ck_assert_uint_eq(m[0].n, 2);
	ck_assert_str_eq(m[0].names[0], "a@ritmiek.ics");
	ck_assert_str_eq(m[0].etags[0], "\"e1\"");
	ck_assert_str_eq(m[0].names[1], "b.ics");
	ck_assert_str_eq(m[0].etags[1], "\"e2\"");
	/* Gone: Xandikos' 207 holding a 404, and a plain 404. */
	ck_assert_int_eq(m[1].kind, RK_CALDAV_NOTHING);
	ck_assert_uint_eq(m[1].n, 0);
	ck_assert_int_eq(m[2].kind, RK_CALDAV_NOTHING);
	rk_http_free(http);
	reap(pid);
}
END_TEST

Suite *suite_caldav(void)
{
	Suite *s = suite_create("caldav");
	TCase *tc = tcase_create("multistatus");
	tcase_add_test(tc, test_radicale_multistatus);
	tcase_add_test(tc, test_xandikos_multistatus);
	tcase_add_test(tc, test_not_multistatus);
	tcase_add_test(tc, test_error_name);
	tcase_add_test(tc, test_encode_segment);
	tcase_add_test(tc, test_url_checks);
	suite_add_tcase(s, tc);
	tc = tcase_create("state");
	tcase_add_test(tc, test_state_round_trip);
	tcase_add_test(tc, test_state_broken);
	tcase_add_test(tc, test_state_version_1);
	suite_add_tcase(s, tc);
	tc = tcase_create("http");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_retries_then_gives_up);
	tcase_add_test(tc, test_retries_on_5xx);
	tcase_add_test(tc, test_5xx_gives_up);
	tcase_add_test(tc, test_mkcol_when_no_mkcalendar);
	tcase_add_test(tc, test_207_to_put_fails);
	tcase_add_test(tc, test_no_unconditional_write);
	tcase_add_test(tc, test_run_several_at_a_time);
	tcase_add_test(tc, test_stop_drops_the_queue);
	tcase_add_test(tc, test_more_fills_the_slots);
	tcase_add_test(tc, test_members);
	suite_add_tcase(s, tc);
	return s;
}
