#include "config.h"

#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "loader.h"
#include "plan_file.h"
#include "schoolyear.h"
#include "verify.h"
#include "i18n.h"

static void verify_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek verify [OPTION]... SCHOOL PLANDIR\n"
		  "Reads the plan PLANDIR/plan.tsv made for the school file "
		  "SCHOOL and checks\nevery hard rule on it; reports each "
		  "violation as file:line: error: message.\n\n"
		  "  -c, --calendars DIR  holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                       installed ones)\n"
		  "  -q, --quiet          only the problems, not that all is well\n"
		  "  -h, --help           show this help and exit\n\n"
		  "Exit status: 0 every hard rule kept, 1 errors in the input or "
		  "rules broken,\n2 bad usage, 4 failure.\n"));
}

/* PLANDIR/plan.tsv as a new string; NULL when out of memory. */
static char *plan_path(const char *dir)
{
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	size_t size = len + strlen(sep) + sizeof("plan.tsv");
	char *path = malloc(size);
	if (path)
		snprintf(path, size, "%s%splan.tsv", dir, sep);
	return path;
}

/* The school, its year and the plan; on failure the exit status. */
struct loaded {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
};

static int load_all(const char *school_path, const char *path,
		    const struct rk_load_options *options, struct loaded *l,
		    struct rk_diags *diags)
{
	const char *what = school_path;
	enum rk_status status =
		rk_load_school(school_path, options, &l->school, diags);
	if (status == RK_OK)
		status = rk_schoolyear_new(l->school, &l->year, diags);
	if (status == RK_OK) {
		what = path;
		status = rk_plan_file_read(l->school, path, &l->plan, diags);
	}
	/* The lessons the plan was made for: from a timetable line's date
	 * on, its file's (rebalance --timetable). */
	if (status == RK_OK &&
	    !rk_cli_plan_timetables(l->school, l->plan, diags))
		status = RK_ERR_INPUT;
	if (status == RK_OK)
		return RK_EXIT_OK;
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	if (status == RK_ERR_INPUT || status == RK_ERR_IO) {
		fprintf(stderr, _("ritmiek: %s: %zu error(s)\n"), what,
			rk_diags_errors(diags));
		return RK_EXIT_INPUT;
	}
	fprintf(stderr, "ritmiek: %s: %s\n", what, rk_strerror(status));
	return RK_EXIT_FAILURE;
}

static int run_verify(const char *school_path, const char *dir,
		      const struct rk_load_options *options, bool quiet)
{
	struct rk_diags *diags = rk_diags_new();
	struct loaded l = { NULL, NULL, NULL };
	char *path = plan_path(dir);
	int exit_status = RK_EXIT_FAILURE;

	if (!diags || !path) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		goto out;
	}
	exit_status = load_all(school_path, path, options, &l, diags);
	if (exit_status != RK_EXIT_OK)
		goto out;
	size_t before = rk_diags_errors(diags);
	enum rk_status status =
		rk_verify(l.school, l.year, l.plan, path, diags);
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	if (status == RK_OK) {
		if (!quiet)
			printf(_("ritmiek: %s: %zu events, all hard rules kept\n"),
			       path, rk_plan_n_events(l.plan));
	} else if (status == RK_ERR_INPUT) {
		fprintf(stderr,
			_("ritmiek: %s: %zu events, %zu hard rule violation(s)\n"),
			path, rk_plan_n_events(l.plan),
			rk_diags_errors(diags) - before);
		exit_status = RK_EXIT_INPUT;
	} else {
		fprintf(stderr, "ritmiek: %s: %s\n", path, rk_strerror(status));
		exit_status = RK_EXIT_FAILURE;
	}
out:
	rk_plan_free(l.plan);
	rk_schoolyear_free(l.year);
	rk_school_free(l.school);
	rk_diags_free(diags);
	free(path);
	return exit_status;
}

int rk_cmd_verify(int argc, char **argv)
{
	struct rk_load_options load = { .calendar_dir =
						getenv("RITMIEK_CALENDARS") };
	bool quiet = false;
	const struct rk_cli_common c = {
		"verify",
		verify_usage,
		2,
		_("ritmiek verify: expected a school file and a plan folder\n"),
		&load,
		&quiet,
		NULL
	};
	int rc = rk_cli_parse_common(argc, argv, &c);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	return run_verify(argv[optind], argv[optind + 1], &load, quiet);
}
