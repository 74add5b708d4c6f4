/* ritmiek feeds and ritmiek tokens: the calendar feeds of a plan. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "feeds.h"
#include "output.h"
#include "loader.h"
#include "plan_file.h"
#include "schoolyear.h"
#include "suggest.h"
#include "tokens.h"
#include "i18n.h"

struct feeds_args {
	const char *school;
	const char *dir;
	const char *person; /* tokens rotate */
	struct rk_load_options load;
	struct rk_feeds_options feeds;
	bool quiet;
};

void rk_cli_write_again_usage(FILE *out)
{
	fputs(_("  -c, --calendars DIR  holiday calendars (default: "
		"$RITMIEK_CALENDARS, or the\n"
		"                       installed ones)\n"
		"  -q, --quiet          no report, only problems\n"
		"  -h, --help           show this help and exit\n\n"
		"Exit status: 0 written, 1 errors in the input, 2 bad usage, "
		"4 failure.\n"),
	      out);
}

static void feeds_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek feeds [OPTION]... SCHOOL PLANDIR\n"
		  "Writes the iCalendar feeds of the plan PLANDIR/plan.tsv made "
		  "for SCHOOL:\nPLANDIR/feeds/ (one .ics per person, team, role "
		  "and the school) and\nPLANDIR/index.tsv. Events that changed "
		  "since the feeds were last written get\nSEQUENCE+1; events that "
		  "left the plan are published as cancelled.\n\n"
		  "      --previous DIR   the plan directory the feeds were last "
		  "written in\n"
		  "                       (default: PLANDIR)\n"));
	rk_cli_write_again_usage(out);
}

static void tokens_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek tokens rotate [OPTION]... SCHOOL PLANDIR "
		  "PERSON\n"
		  "Gives PERSON a new feed address: a new token in "
		  "PLANDIR/tokens.tsv, the feeds\nwritten again, the old feed "
		  "file removed. PERSON then subscribes anew.\n\n"
		  "  -c, --calendars DIR  holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                       installed ones)\n"
		  "  -q, --quiet          no report, only problems\n"
		  "  -h, --help           show this help and exit\n\n"
		  "Exit status: 0 done, 1 errors in the input, 2 bad usage, "
		  "4 failure.\n"));
}

/* PLANDIR/plan.tsv as a new string; NULL when out of memory. */
static char *plan_path(const char *dir)
{
	size_t size = strlen(dir) + sizeof("/plan.tsv");
	char *path = malloc(size);
	if (path)
		snprintf(path, size, "%s/plan.tsv", dir);
	return path;
}

int rk_cli_load_plan(const char *school_path, const char *dir,
		     const struct rk_load_options *options,
		     struct rk_school **school, struct rk_schoolyear **year,
		     struct rk_plan **plan)
{
	struct rk_diags *diags = rk_diags_new();
	char *path = plan_path(dir);
	const char *what = school_path;
	enum rk_status status = RK_ERR_NOMEM;
	if (diags && path)
		status = rk_load_school(school_path, options, school, diags);
	if (status == RK_OK && year)
		status = rk_schoolyear_new(*school, year, diags);
	if (status == RK_OK) {
		what = path;
		status = rk_plan_file_read(*school, path, plan, diags);
	}
	if (status == RK_OK && !rk_cli_plan_timetables(*school, *plan, diags))
		status = RK_ERR_INPUT;
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	int exit_status = RK_EXIT_OK;
	if (status == RK_ERR_INPUT || status == RK_ERR_IO) {
		fprintf(stderr, _("ritmiek: %s: %zu error(s)\n"), what,
			rk_diags_errors(diags));
		exit_status = RK_EXIT_INPUT;
	} else if (status != RK_OK) {
		fprintf(stderr, "ritmiek: %s: %s\n", what, rk_strerror(status));
		exit_status = RK_EXIT_FAILURE;
	}
	rk_diags_free(diags);
	free(path);
	return exit_status;
}

/* The school year, when the plan directory has an overview: its person
 * pages go with the feeds (a rotated token's page moves with it). NULL
 * when there is none; *rc is set on failure. */
static struct rk_schoolyear *overview_year(const struct feeds_args *a,
					   const struct rk_school *school,
					   int *rc)
{
	char path[4096];
	struct rk_schoolyear *year = NULL;
	snprintf(path, sizeof(path), "%s/overview", a->dir);
	if (access(path, F_OK) != 0)
		return NULL;
	struct rk_diags *diags = rk_diags_new();
	enum rk_status status =
		diags ? rk_schoolyear_new(school, &year, diags) : RK_ERR_NOMEM;
	rk_cli_print_diags(stderr, diags);
	rk_diags_free(diags);
	if (status != RK_OK)
		*rc = status == RK_ERR_NOMEM ? RK_EXIT_FAILURE : RK_EXIT_INPUT;
	return year;
}

int rk_cli_write_again(int argc, char **argv, void (*usage)(FILE *out),
		       bool feeds)
{
	struct feeds_args a = { 0 };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	const struct rk_cli_common c = {
		feeds ? "feeds" : "overview",
		usage,
		2,
		feeds ? _("ritmiek feeds: expected a school file and a plan "
			  "folder\n")
		      : _("ritmiek overview: expected a school file and a "
			  "plan folder\n"),
		&a.load,
		&a.quiet,
		feeds ? &a.feeds.previous : NULL
	};
	int rc = rk_cli_parse_common(argc, argv, &c);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	a.school = argv[optind];
	a.dir = argv[optind + 1];
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_plan *plan = NULL;
	rc = rk_cli_load_plan(a.school, a.dir, &a.load, &school,
			      feeds ? NULL : &year, &plan);
	if (rc == RK_EXIT_OK && feeds)
		year = overview_year(&a, school, &rc);
	if (rc == RK_EXIT_OK) {
		/* Written like everything in the plan directory: one
		 * generation (output.h). */
		struct rk_output o = { .school = school,
				       .year = year,
				       .plan = plan,
				       .feeds = feeds,
				       .feed_options = feeds ? &a.feeds : NULL,
				       .overview = year != NULL,
				       .person_pages = true };
		struct rk_output_result res;
		rc = rk_cli_output(a.dir, &o, &res, a.quiet);
	}
	rk_plan_free(plan);
	rk_schoolyear_free(year);
	rk_school_free(school);
	return rc;
}

int rk_cmd_feeds(int argc, char **argv)
{
	return rk_cli_write_again(argc, argv, feeds_usage, true);
}

/* The person's id, or an exit status after saying which ids there are. */
static int check_person(const struct rk_school *school, const char *id)
{
	if (rk_school_find_person(school, id) >= 0)
		return RK_EXIT_OK;
	size_t n = rk_school_n_person(school);
	const char **ids = calloc(n ? n : 1, sizeof(*ids));
	if (!ids)
		return RK_EXIT_FAILURE;
	for (size_t i = 0; i < n; i++)
		ids[i] = rk_school_get_person(school, i)->id;
	const char *near = rk_suggest(id, ids, n);
	fprintf(stderr, _("ritmiek tokens: unknown person '%s'%s%s%s\n"), id,
		near ? _("; did you mean '") : "", near ? near : "",
		near ? "'?" : "");
	free(ids);
	return RK_EXIT_INPUT;
}

static int run_rotate(struct feeds_args *a)
{
	struct rk_school *school = NULL;
	struct rk_plan *plan = NULL;
	struct rk_output_result res;
	int rc = rk_cli_load_plan(a->school, a->dir, &a->load, &school, NULL,
				  &plan);
	if (rc == RK_EXIT_OK)
		rc = check_person(school, a->person);
	/* The new token and the feeds written with it: one generation, so
	 * no feed is ever out under a token tokens.tsv does not hold. */
	struct rk_schoolyear *year =
		rc == RK_EXIT_OK ? overview_year(a, school, &rc) : NULL;
	if (rc == RK_EXIT_OK) {
		struct rk_output o = { .school = school,
				       .year = year,
				       .plan = plan,
				       .feeds = true,
				       .feed_options = &a->feeds,
				       .rotate = a->person,
				       .overview = year != NULL,
				       .person_pages = true };
		rc = rk_cli_output(a->dir, &o, &res, true);
	}
	rk_schoolyear_free(year);
	if (rc == RK_EXIT_OK && !a->quiet)
		printf(_("ritmiek: %s: new feed %s/feeds/%s.ics%s%s%s\n"),
		       a->person, a->dir, res.new_token,
		       res.old_token[0] ? "; feeds/" : "", res.old_token,
		       res.old_token[0] ? _(".ics is removed") : "");
	rk_plan_free(plan);
	rk_school_free(school);
	return rc;
}

int rk_cmd_tokens(int argc, char **argv)
{
	struct feeds_args a = { 0 };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	if (argc >= 2 &&
	    (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		tokens_usage(stdout);
		return RK_EXIT_OK;
	}
	if (argc < 2 || strcmp(argv[1], "rotate")) {
		fprintf(stderr, _("ritmiek tokens: expected 'rotate'\n"));
		return rk_cli_try_help("tokens");
	}
	/* getopt names the program by argv[0]: "ritmiek tokens", not
	 * "rotate". */
	argv[1] = argv[0];
	const struct rk_cli_common c = {
		"tokens",
		tokens_usage,
		3,
		_("ritmiek tokens rotate: expected a school file, a plan folder "
		  "and a person\n"),
		&a.load,
		&a.quiet,
		NULL
	};
	int rc = rk_cli_parse_common(argc - 1, argv + 1, &c);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	a.school = argv[1 + optind];
	a.dir = argv[1 + optind + 1];
	a.person = argv[1 + optind + 2];
	return run_rotate(&a);
}
