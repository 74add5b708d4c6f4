#include "config.h"

#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "loader.h"
#include "push.h"
#include "school.h"
#include "textfile.h"
#include "i18n.h"

static void push_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek push PLANDIR --url URL [OPTION]...\n"
		  "Puts the events of the feeds in PLANDIR into CalDAV calendars, "
		  "one resource per\nevent, and keeps them in step: a later push "
		  "sends only what changed, and\ndeletes only events ritmiek put "
		  "there itself. What was sent is kept in\nPLANDIR/push.state.\n\n"
		  "  -u, --url URL           the calendar collection; {id} in it "
		  "becomes each\n"
		  "                          target's id, {email} by a person's "
		  "e-mail address\n"
		  "  -t, --target KIND       person, team, role or school "
		  "(repeatable); default:\n"
		  "                          person when the URL has {id} or "
		  "{email}, else school\n"
		  "      --school FILE       the school file, for the addresses "
		  "of {email}\n"
		  "      --user USER         the account on the server\n"
		  "      --password-file FILE  the password is the first line of "
		  "FILE (else\n"
		  "                          $RITMIEK_PASSWORD, else ~/.netrc)\n"
		  "      --cacert FILE       trust the CA certificates in FILE "
		  "(PEM)\n"
		  "      --insecure          do not verify the server's "
		  "certificate\n"
		  "  -n, --dry-run           list what would be created, updated "
		  "and deleted\n"
		  "      --force             overwrite (and delete) events "
		  "changed on the server\n"
		  "      --timeout SECONDS   time limit of one request "
		  "(default: 10)\n"
		  "  -j, --jobs N            requests at a time (1 to 16, "
		  "default: 4)\n"
		  "  -v, --verbose           every event sent and every "
		  "request, with its time\n"
		  "  -q, --quiet             only problems and the summary\n"
		  "  -h, --help              show this help and exit\n\n"
		  "Exit status: 0 everything done, 1 errors in the input, 2 bad "
		  "usage, 4 a\nconflict, a refused event, or the server could not "
		  "be reached (run push\nagain to finish).\n"));
}

struct args {
	const char *plan_dir;
	const char *url;
	unsigned targets;
	const char *school;
	const char *user;
	const char *password_file;
	const char *cacert;
	bool insecure;
	bool dry_run;
	bool force;
	long timeout_s;
	long jobs;
	bool verbose;
	bool quiet;
};

/* What the notes print to. */
struct out {
	const struct args *a;
	bool tty;
	bool progress_shown;
};

static void clear_progress(struct out *o)
{
	if (o->progress_shown)
		fprintf(stderr, "\r%60s\r", "");
	o->progress_shown = false;
}

static const char *event_text(const struct rk_push_note *n, char *buf,
			      size_t size)
{
	if (n->summary && *n->summary)
		snprintf(buf, size, "%s (%s)", n->summary, n->uid);
	else
		snprintf(buf, size, "%s", n->uid ? n->uid : "");
	return buf;
}

static void on_note(void *data, const struct rk_push_note *n)
{
	static const char *const verbs[] = { "create", "update", "delete" };
	static const char *const done[] = { N_("created"), N_("updated"),
					    N_("deleted") };
	struct out *o = data;
	char ev[512];
	if (n->what == RK_PUSH_PROGRESS) {
		if (o->tty && !o->a->quiet) {
			/* The \r goes first, outside the message. */
			fputc('\r', stderr);
			fprintf(stderr, _("ritmiek: push: %zu/%zu events"),
				n->done, n->total);
			o->progress_shown = true;
		}
		return;
	}
	clear_progress(o);
	switch (n->what) {
	case RK_PUSH_CREATED:
	case RK_PUSH_UPDATED:
	case RK_PUSH_DELETED:
		if (n->dry_run)
			printf("%s %s%s  %s\n", verbs[n->what], n->collection,
			       n->name ? n->name : "",
			       event_text(n, ev, sizeof(ev)));
		else if (o->a->verbose)
			printf("ritmiek: %s %s\n", _(done[n->what]),
			       event_text(n, ev, sizeof(ev)));
		break;
	case RK_PUSH_MADE:
		if (n->dry_run)
			printf("make %s\n", n->collection);
		else if (!o->a->quiet)
			printf(_("ritmiek: made the calendar %s\n"),
			       n->collection);
		break;
	case RK_PUSH_RESTORED:
		if (n->dry_run)
			printf("restore %s%s  %s\n", n->collection,
			       n->name ? n->name : "",
			       event_text(n, ev, sizeof(ev)));
		else if (o->a->verbose)
			printf(_("ritmiek: put back (deleted on the server) "
				 "%s\n"),
			       event_text(n, ev, sizeof(ev)));
		break;
	case RK_PUSH_ADOPTED:
		if (o->a->verbose)
			printf(_("ritmiek: found on the server: %s\n"),
			       event_text(n, ev, sizeof(ev)));
		break;
	case RK_PUSH_CONFLICT:
	case RK_PUSH_FAILED:
		fprintf(stderr, "ritmiek: %s%s: %s: %s: %s\n", n->collection,
			n->name ? n->name : "",
			n->what == RK_PUSH_CONFLICT ? "conflict" : "error",
			n->uid ? event_text(n, ev, sizeof(ev))
			       : _("the calendar"),
			n->message ? n->message : "");
		break;
	case RK_PUSH_PROGRESS:
		break;
	}
}

static void on_trace(void *data, const struct rk_http_trace *t)
{
	struct out *o = data;
	clear_progress(o);
	fprintf(stderr, "ritmiek: %s %s -> %ld%s (%.3f s)\n", t->method, t->url,
		t->status, t->tries > 1 ? _(" after retries") : "", t->seconds);
}

/* The first line of @path into *@out (caller wipes and frees). */
static int read_password(const char *path, char **out)
{
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	if (rk_textfile_read(path, &text, &len) != RK_OK) {
		fprintf(stderr,
			_("ritmiek: %s: cannot read the password: %s\n"), path,
			rk_textfile_strerror(errno));
		return RK_EXIT_INPUT;
	}
	if (stat(path, &st) == 0 && (st.st_mode & 077))
		fprintf(stderr,
			_("ritmiek: %s: warning: others may read this password "
			  "file (chmod 600)\n"),
			path);
	text[strcspn(text, "\r\n")] = '\0';
	*out = strdup(text);
	explicit_bzero(text, len);
	free(text);
	if (!*out) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		return RK_EXIT_FAILURE;
	}
	return RK_EXIT_OK;
}

static const char *email_of(void *data, const char *person)
{
	const struct rk_school *school = data;
	int i = rk_school_find_person(school, person);
	return i < 0 ? NULL : rk_school_get_person(school, (size_t)i)->email;
}

/* Said, so that the updates of the first push after an upgrade surprise
 * no one. */
static void print_older(const struct args *a, const struct rk_push_report *r)
{
	if (!r->older)
		return;
	if (a->dry_run)
		printf(_("ritmiek: push.state was written by an older ritmiek: "
			 "%zu event(s) would be put again once, each only if "
			 "unchanged on the server\n"),
		       r->older);
	else
		printf(_("ritmiek: push.state was written by an older ritmiek: "
			 "%zu event(s) put again once, each only if unchanged "
			 "on the server\n"),
		       r->older);
}

static void print_summary(const struct args *a, const struct rk_push_report *r,
			  const struct rk_http_counts *n, double seconds)
{
	if (a->dry_run) {
		printf(_("ritmiek: dry run, %zu calendar(s): would create %zu, "
			 "update %zu, delete %zu"),
		       r->collections, r->created, r->updated, r->deleted);
		if (r->restored)
			printf(_(", put back %zu"), r->restored);
		printf(_("; %zu unchanged"), r->unchanged);
		if (r->conflicts)
			printf(_(", %zu conflicts"), r->conflicts);
		printf(_(" (%zu requests, none changing)\n"), n->requests);
		print_older(a, r);
		return;
	}
	printf(_("ritmiek: %zu calendar(s)%s: %zu created, %zu updated, %zu "
		 "deleted, %zu unchanged, %zu conflicts, %zu failed"),
	       r->collections, r->stopped ? " (stopped)" : "", r->created,
	       r->updated, r->deleted, r->unchanged, r->conflicts, r->failed);
	if (r->adopted)
		printf(_(", %zu found on the server"), r->adopted);
	if (r->restored)
		printf(_(", %zu put back"), r->restored);
	if (r->not_done)
		printf(_(", %zu not done"), r->not_done);
	printf(_(" (%zu requests, %zu changing, %.2f s)\n"), n->requests,
	       n->writes, seconds);
	print_older(a, r);
}

static void print_stop(const struct args *a, const struct rk_push_report *r)
{
	if (r->refused) {
		if (a->user)
			fprintf(stderr,
				_("ritmiek: error: %s: the server refused the "
				  "account '%s' (%s); check --user and the "
				  "password (--password-file, RITMIEK_PASSWORD "
				  "or ~/.netrc)\n"),
				r->stop_url, a->user, r->stop_reason);
		else
			fprintf(stderr,
				_("ritmiek: error: %s: the server refused access "
				  "(%s); give an account with --user and its "
				  "password (--password-file, RITMIEK_PASSWORD "
				  "or ~/.netrc)\n"),
				r->stop_url, r->stop_reason);
	} else {
		fprintf(stderr,
			_("ritmiek: error: %s: %s; stopped with %zu event(s) not "
			  "done: run the push again to finish\n"),
			r->stop_url, r->stop_reason, r->not_done);
	}
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sends the push with @http; returns the exit status. */
static int push_with(const struct args *a, struct rk_http *http,
		     struct rk_school *school, struct out *o)
{
	struct rk_diags *diags = rk_diags_new();
	if (!diags) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		return RK_EXIT_FAILURE;
	}
	struct rk_push_options po = { a->plan_dir,
				      a->url,
				      a->targets,
				      school ? email_of : NULL,
				      school,
				      a->dry_run,
				      a->force,
				      on_note,
				      o };
	struct rk_push_report r;
	double start = now_seconds();
	enum rk_status status = rk_push_run(http, &po, &r, diags);
	clear_progress(o);
	rk_cli_print_diags(stderr, diags);
	int exit_status = RK_EXIT_OK;
	if (status == RK_ERR_INPUT) {
		exit_status = RK_EXIT_INPUT;
	} else if (status == RK_OK || status == RK_ERR_NETWORK) {
		if (r.stopped)
			print_stop(a, &r);
		struct rk_http_counts n;
		rk_http_get_counts(http, &n);
		print_summary(a, &r, &n, now_seconds() - start);
		if (r.stopped || r.conflicts || r.failed)
			exit_status = RK_EXIT_FAILURE;
	} else {
		fprintf(stderr, "ritmiek push: %s\n", rk_strerror(status));
		exit_status = RK_EXIT_FAILURE;
	}
	rk_diags_free(diags);
	return exit_status;
}

static int load_school(const char *path, struct rk_school **out)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_load_options lo = { getenv("RITMIEK_CALENDARS") };
	enum rk_status status =
		diags ? rk_load_school(path, &lo, out, diags) : RK_ERR_NOMEM;
	if (diags) {
		rk_diags_sort(diags);
		rk_cli_print_diags(stderr, diags);
	}
	rk_diags_free(diags);
	if (status == RK_OK)
		return RK_EXIT_OK;
	fprintf(stderr, "ritmiek: %s: %s\n", path, rk_strerror(status));
	return status == RK_ERR_NOMEM ? RK_EXIT_FAILURE : RK_EXIT_INPUT;
}

static int run_push(const struct args *a)
{
	char *password = NULL;
	struct rk_school *school = NULL;
	struct rk_http *http = NULL;
	struct out o = { a, isatty(2) != 0, false };
	int exit_status = RK_EXIT_OK;
	if (a->password_file)
		exit_status = read_password(a->password_file, &password);
	else if (getenv("RITMIEK_PASSWORD"))
		password = strdup(getenv("RITMIEK_PASSWORD"));
	if (exit_status == RK_EXIT_OK && a->school)
		exit_status = load_school(a->school, &school);
	if (exit_status != RK_EXIT_OK)
		goto out;
	if (password && !rk_http_url_is_local(a->url) &&
	    !strncmp(a->url, "http:", 5))
		fprintf(stderr,
			_("ritmiek: warning: the password goes to %s "
			  "without encryption (use https://)\n"),
			a->url);
	struct rk_http_options ho = {
		.user = a->user,
		.password = password,
		.netrc = password == NULL,
		.cacert = a->cacert,
		.insecure = a->insecure,
		.timeout_ms = a->timeout_s * 1000,
		.jobs = (int)a->jobs,
		.trace = a->verbose ? on_trace : NULL,
		.trace_data = &o,
	};
	if (rk_http_new(&ho, &http) != RK_OK) {
		fprintf(stderr, _("ritmiek: cannot set up libcurl\n"));
		exit_status = RK_EXIT_FAILURE;
		goto out;
	}
	exit_status = push_with(a, http, school, &o);
out:
	rk_http_free(http);
	rk_school_free(school);
	if (password)
		explicit_bzero(password, strlen(password));
	free(password);
	return exit_status;
}

static bool add_targets(struct args *a, const char *list)
{
	static const char *const words[] = { "school", "role", "team",
					     "person" };
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		unsigned bit = 0;
		for (unsigned i = 0; i < 4; i++)
			if (strlen(words[i]) == n && !strncmp(p, words[i], n))
				bit = 1u << i;
		if (!bit) {
			fprintf(stderr,
				_("ritmiek push: unknown target '%.*s' (person, "
				  "team, role or school)\n"),
				(int)n, p);
			return false;
		}
		a->targets |= bit;
		p += n + (p[n] == ',');
	}
	return true;
}

/* Checks what getopt cannot; 0 when fine, else the exit status. */
static int check_args(const struct args *a)
{
	char why[160];
	const char *problem = NULL;
	if (!a->url)
		problem = _("--url is required");
	else if (!rk_http_url_ok(a->url, why, sizeof(why)))
		problem = why;
	else if (strstr(a->url, "{email}") && !a->school)
		problem = _("{email} in the URL needs --school, where the "
			    "addresses are");
	else if (strstr(a->url, "{email}") && (a->targets & ~RK_PUSH_PERSON))
		problem = _("{email} in the URL fits people only");
	else if (a->timeout_s <= 0 || a->timeout_s > 600)
		problem = _("--timeout takes 1 to 600 seconds");
	else if (a->jobs < 1 || a->jobs > 16)
		problem = _("--jobs takes 1 to 16");
	if (!problem)
		return 0;
	fprintf(stderr, "ritmiek push: %s\n", problem);
	return RK_EXIT_USAGE;
}

enum {
	OPT_SCHOOL = 256,
	OPT_USER,
	OPT_PWFILE,
	OPT_CACERT,
	OPT_INSECURE,
	OPT_FORCE,
	OPT_TIMEOUT,
	OPT_PASSWORD
};

static long number(const char *text)
{
	char *end = NULL;
	long n = strtol(text, &end, 10);
	return end && end != text && !*end ? n : 0;
}

static int parse_one(struct args *a, int opt)
{
	switch (opt) {
	case 'u':
		a->url = optarg;
		break;
	case 't':
		return add_targets(a, optarg) ? 0 : RK_EXIT_USAGE;
	case OPT_SCHOOL:
		a->school = optarg;
		break;
	case OPT_USER:
		a->user = optarg;
		break;
	case OPT_PWFILE:
		a->password_file = optarg;
		break;
	case OPT_PASSWORD:
		/* Named only to be refused: without it getopt would take
		 * --password as short for --password-file, and print the
		 * password as a file that cannot be read. */
		fprintf(stderr,
			_("ritmiek push: --password is not an option: every user "
			  "of the machine can read a command line; give the "
			  "password with --password-file, RITMIEK_PASSWORD or "
			  "~/.netrc\n"));
		return RK_EXIT_USAGE;
	case OPT_CACERT:
		a->cacert = optarg;
		break;
	case OPT_INSECURE:
		a->insecure = true;
		break;
	case 'n':
		a->dry_run = true;
		break;
	case OPT_FORCE:
		a->force = true;
		break;
	case OPT_TIMEOUT:
		a->timeout_s = number(optarg);
		break;
	case 'j':
		a->jobs = number(optarg);
		break;
	case 'v':
		a->verbose = true;
		break;
	case 'q':
		a->quiet = true;
		break;
	case 'h':
		push_usage(stdout);
		return -1;
	default:
		return rk_cli_try_help("push");
	}
	return 0;
}

int rk_cmd_push(int argc, char **argv)
{
	static const struct option options[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "target", required_argument, NULL, 't' },
		{ "school", required_argument, NULL, OPT_SCHOOL },
		{ "user", required_argument, NULL, OPT_USER },
		{ "password-file", required_argument, NULL, OPT_PWFILE },
		{ "password", required_argument, NULL, OPT_PASSWORD },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct args a = { .timeout_s = 10, .jobs = 4 };
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "u:t:j:nvqh", options, NULL)) !=
	       -1) {
		int status = parse_one(&a, opt);
		if (status)
			return status < 0 ? RK_EXIT_OK : status;
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("ritmiek push: expected one plan folder\n"));
		return rk_cli_try_help("push");
	}
	a.plan_dir = argv[optind];
	int status = check_args(&a);
	return status ? status : run_push(&a);
}
