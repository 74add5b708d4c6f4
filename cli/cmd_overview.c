/* ritmiek overview: the year of a plan on one page, in HTML. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "output.h"
#include "loader.h"
#include "overview.h"
#include "plan_file.h"
#include "schoolyear.h"
#include "i18n.h"

struct overview_args {
	const char *school;
	const char *dir;
	struct rk_load_options load;
	bool quiet;
};

static void overview_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek overview [OPTION]... SCHOOL PLANDIR\n"
		  "Writes the overview of the plan PLANDIR/plan.tsv made for "
		  "SCHOOL, as HTML\npages to print or put online: "
		  "PLANDIR/overview/index.html (the jaarplanning:\nevery week of "
		  "the year, every team), a page per team, and beside each\n"
		  "person's feed PLANDIR/feeds/<token>.html, their year by week. "
		  "'ritmiek plan'\nand 'ritmiek rebalance' write it too.\n\n"
		  "  -c, --calendars DIR  holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                       installed ones)\n"
		  "  -q, --quiet          no report, only problems\n"
		  "  -h, --help           show this help and exit\n\n"
		  "Exit status: 0 written, 1 errors in the input, 2 bad usage, "
		  "4 failure.\n"));
}

static int parse(int argc, char **argv, struct overview_args *a)
{
	static const struct option options[] = {
		{ "calendars", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:qh", options, NULL)) != -1) {
		if (opt == 'c') {
			a->load.calendar_dir = optarg;
		} else if (opt == 'q') {
			a->quiet = true;
		} else if (opt == 'h') {
			overview_usage(stdout);
			return -1;
		} else {
			return rk_cli_try_help("overview");
		}
	}
	if (optind != argc - 2) {
		fprintf(stderr,
			_("ritmiek overview: expected a school file and "
			  "a plan folder\n"));
		return rk_cli_try_help("overview");
	}
	a->school = argv[optind];
	a->dir = argv[optind + 1];
	return RK_EXIT_OK;
}

int rk_cmd_overview(int argc, char **argv)
{
	struct overview_args a = { 0 };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	int rc = parse(argc, argv, &a);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_plan *plan = NULL;
	rc = rk_cli_load_plan(a.school, a.dir, &a.load, &school, &year, &plan);
	if (rc == RK_EXIT_OK) {
		/* Written like everything in the plan directory: one
		 * generation (output.h). */
		struct rk_output o = { .school = school,
				       .year = year,
				       .plan = plan,
				       .overview = true,
				       .person_pages = true };
		struct rk_output_result res;
		rc = rk_cli_output(a.dir, &o, &res, a.quiet);
	}
	rk_plan_free(plan);
	rk_schoolyear_free(year);
	rk_school_free(school);
	return rc;
}
