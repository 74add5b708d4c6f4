#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "board_file.h"
#include "cmd.h"
#include "date.h"
#include "feeds.h"
#include "loader.h"
#include "output.h"
#include "mip.h"
#include "plan_file.h"
#include "plan_summary.h"
#include "planner.h"
#include "quality.h"
#include "precheck.h"
#include "schoolyear.h"
#include "support.h"
#include "textfile.h"
#include "i18n.h"

struct plan_args {
	const char *school;
	const char *const *schools; /* several: a board (board.h) */
	size_t n_schools;
	struct rk_board *board;		/* from a board file, or NULL */
	struct rk_board_result *result; /* a board's worker fills it */
	long jobs;			/* -j: schools at once */
	bool as_board;			/* --board, even for one school */
	bool people_only;		/* --people-only */
	const char *out;
	const char *export_dir; /* --export-models */
	int export_failures;
	struct rk_load_options load;
	struct rk_plan_options plan;
	struct rk_feeds_options feeds; /* --previous */
	bool no_feeds;
	bool no_overview;
	bool quiet;
	bool stats; /* --stats */
};

static void plan_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek plan [OPTION]... SCHOOL\n"
		  "  or:  ritmiek plan [OPTION]... -o BOARDDIR SCHOOL SCHOOL...\n"
		  "  or:  ritmiek plan [OPTION]... -o BOARDDIR BOARDFILE\n"
		  "Plans the school year's leerKRACHT ritmiek of SCHOOL with "
		  "GLPK and writes the\nplan directory: plan.tsv (every event), "
		  "summary.txt, the calendar feeds\n(feeds/), index.tsv and the "
		  "overview (overview/).\n\n"
		  "  -o, --output DIR        the plan directory (default: plan)\n"
		  "      --previous DIR      the plan directory the feeds were "
		  "last written in, to\n"
		  "                          publish changes and cancellations "
		  "(default: the\n"
		  "                          output directory)\n"
		  "      --no-feeds          write no feeds (see 'ritmiek feeds')\n"
		  "      --no-overview       write no overview (see 'ritmiek "
		  "overview')\n"
		  "      --allow-violations  where a hard rule cannot be kept, "
		  "still write the best\n"
		  "                          plan, the breaking events marked\n"
		  "      --node-limit N      branch-and-bound subproblems per "
		  "model part (default\n"
		  "                          $RITMIEK_NODE_LIMIT, or 1000): a hard "
		  "model stops\n"
		  "                          there, the same on every machine\n"
		  "      --time-limit MS     solver time per model, a safety net "
		  "(default\n"
		  "                          $RITMIEK_TIME_LIMIT, or 60000); a "
		  "plan it stops may\n"
		  "                          differ on another machine\n"
		  "      --export-models DIR write every GLPK model to DIR as "
		  "NNN.lp (CPLEX LP),\n"
		  "                          to solve it with another solver "
		  "(bench/run)\n"
		  "  -c, --calendars DIR     holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                          installed ones)\n"
		  "      --stats             also print the plan's quality figures "
		  "(as in\n"
		  "                          summary.txt): the bound, team time, "
		  "duos, sessions\n"
		  "  -j, --jobs N            solve N team models at a time (1 to "
		  "256, default: the\n"
		  "                          number of processors; the plan is the "
		  "same for every\n"
		  "                          N); a board: plan N schools at once "
		  "(the same\n"
		  "                          default), each to BOARDDIR/<school "
		  "id>/ (doc/board.md)\n"
		  "      --board             a board even of one school file "
		  "(one job of a batch)\n"
		  "      --people-only       a board: plan nothing, only check "
		  "the people at\n"
		  "                          several schools in BOARDDIR's plans "
		  "and write their\n"
		  "                          feeds\n"
		  "  -q, --quiet             no report, only problems\n"
		  "  -h, --help              show this help and exit\n\n"
		  "Exit status: 0 planned, 1 errors in the input, 2 bad usage, "
		  "3 a hard rule\ncannot be kept (the plan is written only with "
		  "--allow-violations), 4 failure.\n"));
}

static int parse(int argc, char **argv, struct plan_args *a)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "allow-violations", no_argument, NULL, 'V' },
		{ "time-limit", required_argument, NULL, 't' },
		{ "node-limit", required_argument, NULL, 'N' },
		{ "export-models", required_argument, NULL, 'E' },
		{ "previous", required_argument, NULL, 'P' },
		{ "no-feeds", no_argument, NULL, 'F' },
		{ "stats", no_argument, NULL, 'S' },
		{ "no-overview", no_argument, NULL, 'O' },
		{ "calendars", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "board", no_argument, NULL, 'B' },
		{ "people-only", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:c:j:qh", options, NULL)) !=
	       -1) {
		char *end;
		switch (opt) {
		case 'o':
			a->out = optarg;
			break;
		case 'V':
			a->plan.allow_violations = true;
			break;
		case 't':
			errno = 0;
			a->plan.time_limit_ms = (int)strtol(optarg, &end, 10);
			if (errno || *end || a->plan.time_limit_ms <= 0) {
				fprintf(stderr,
					_("ritmiek plan: bad time limit '%s'\n"),
					optarg);
				return RK_EXIT_USAGE;
			}
			break;
		case 'N':
			a->plan.node_limit = rk_cli_node_limit(optarg);
			if (a->plan.node_limit <= 0) {
				fprintf(stderr,
					_("ritmiek plan: bad node limit '%s'\n"),
					optarg);
				return RK_EXIT_USAGE;
			}
			break;
		case 'c':
			a->load.calendar_dir = optarg;
			break;
		case 'E':
			a->export_dir = optarg;
			break;
		case 'P':
			a->feeds.previous = optarg;
			break;
		case 'F':
			a->no_feeds = true;
			break;
		case 'S':
			a->stats = true;
			break;
		case 'O':
			a->no_overview = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'j':
			errno = 0;
			a->jobs = strtol(optarg, &end, 10);
			if (errno || *end || a->jobs < 1 || a->jobs > 256) {
				fprintf(stderr,
					_("ritmiek plan: --jobs takes 1 to 256, "
					  "not '%s'\n"),
					optarg);
				return RK_EXIT_USAGE;
			}
			break;
		case 'B':
			a->as_board = true;
			break;
		case 'W':
			a->as_board = a->people_only = true;
			break;
		case 'h':
			plan_usage(stdout);
			return -1;
		default:
			return rk_cli_try_help("plan");
		}
	}
	if (optind >= argc) {
		fprintf(stderr, _("ritmiek plan: expected one school file\n"));
		return rk_cli_try_help("plan");
	}
	a->school = argv[optind];
	a->schools = (const char *const *)argv + optind;
	a->n_schools = (size_t)(argc - optind);
	return RK_EXIT_OK;
}

static const char *result_name(const struct rk_solve_report *r)
{
	static const char *const names[] = { N_("optimal"),
					     N_("feasible (node limit)"),
					     N_("infeasible"), N_("failed") };
	if (r->result == RK_MIP_FEASIBLE && r->stop == RK_MIP_TIME_LIMIT)
		return _("feasible (time limit)");
	return r->result >= 0 && r->result < 4 ? _(names[r->result]) : "?";
}

/* The solver runs in one line, and any that did not prove optimality. */
static void report(const char *dir, const struct rk_plan *plan)
{
	size_t rows = 0, cols = 0, optimal = 0, n = rk_plan_n_reports(plan);
	size_t timed_out = 0;
	double worst_gap = 0.0, seconds = 0.0;
	for (size_t i = 0; i < n; i++) {
		const struct rk_solve_report *r = rk_plan_report(plan, i);
		rows += r->rows;
		cols += r->cols;
		optimal += r->result == 0;
		seconds += r->seconds;
		if (r->gap > worst_gap)
			worst_gap = r->gap;
		if (r->result != 0 || r->seconds > 0.5)
			printf(_("  model '%s': %s, gap %.2f%%, %.2f s, %ld nodes\n"),
			       r->model, result_name(r), 100.0 * r->gap,
			       r->seconds, r->nodes);
		timed_out += r->stop == RK_MIP_TIME_LIMIT;
	}
	if (timed_out)
		printf(P_("ritmiek: warning: %zu model stopped at the time limit: "
			  "on another or a busier machine this plan may differ; "
			  "give a larger --time-limit\n",
			  "ritmiek: warning: %zu models stopped at the time "
			  "limit: on another or a busier machine this plan may "
			  "differ; give a larger --time-limit\n",
			  timed_out),
		       timed_out);
	printf(_("ritmiek: planned %zu events in %zu periods (%zu duos)\n"),
	       rk_plan_n_events(plan), rk_plan_n_periods(plan),
	       rk_plan_n_duos(plan));
	printf(_("ritmiek: GLPK solved %zu models (%zu rows, %zu columns in all) "
		 "in %.2f s, %zu optimal, largest gap %.2f%%\n"),
	       n, rows, cols, seconds, optimal, 100.0 * worst_gap);
	printf(_("ritmiek: wrote %s/plan.tsv and %s/summary.txt\n"), dir, dir);
}

/* External dates during lessons: the roosteraar arranges cover. */
static void cover_note(const char *dir, const struct rk_school *school,
		       const struct rk_schoolyear *year,
		       const struct rk_plan *plan)
{
	struct rk_cover_lesson *list = NULL;
	size_t n = 0;
	if (rk_plan_cover_lessons(school, year, plan, &list, &n) == RK_OK && n)
		printf(_("ritmiek: %zu lesson(s) need cover for external dates; "
			 "see %s/summary.txt\n"),
		       n, dir);
	free(list);
}

/* A plan made when its year is under way: `plan` plans every event as if
 * the year were still to come, so what lies before today goes into the
 * calendars at dates that have passed (and a re-plan may move it).
 * rebalance is the command that keeps the past; say so, once. */
static void past_note(const struct rk_school *school,
		      const struct rk_plan *plan)
{
	int today = rk_feeds_today(school, rk_feeds_now());
	size_t before = 0;
	int first = 0;
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (ev->date >= today)
			continue;
		if (!before++ || ev->date < first)
			first = ev->date;
	}
	if (!before)
		return;
	char day[RK_DATE_BUFSIZE], from[RK_DATE_BUFSIZE];
	rk_date_format(today, day);
	rk_date_format(first, from);
	fprintf(stderr,
		P_("ritmiek: warning: %zu event of this plan lies before today "
		   "(%s), on %s: plan plans the whole year as if it were still "
		   "to come; to change a year under way, use 'ritmiek rebalance "
		   "--from %s' with the change, which keeps what has been\n",
		   "ritmiek: warning: %zu events of this plan lie before today "
		   "(%s), from %s on: plan plans the whole year as if it were "
		   "still to come; to change a year under way, use 'ritmiek "
		   "rebalance --from %s' with the change, which keeps what has "
		   "been\n",
		   before),
		before, day, from, day);
}

/* Writes each model as DIR/NNN.lp; the names say in the file's first
 * comment line which model it is (GLPK writes the problem name there). */
static void export_model(const struct rk_mip *mip, const char *model,
			 int number, void *data)
{
	struct plan_args *a = data;
	char path[4096];
	snprintf(path, sizeof(path), "%s/%03d.lp", a->export_dir, number);
	(void)model;
	if (rk_mip_write_lp(mip, path) != RK_OK)
		a->export_failures++;
}

static int run_plan(struct plan_args *a)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	struct rk_plan *plan = NULL;
	int exit_status = RK_EXIT_FAILURE;
	if (!diags)
		goto out;
	enum rk_status status =
		rk_load_school(a->school, &a->load, &school, diags);
	if (status == RK_OK)
		status = rk_schoolyear_new(school, &year, diags);
	if (status == RK_OK)
		status = rk_precheck_dates(school, year, diags);
	if (status == RK_ERR_INPUT || status == RK_ERR_IO) {
		rk_cli_print_diags(stderr, diags);
		exit_status = RK_EXIT_INPUT;
		goto out;
	}
	if (a->export_dir) {
		if (mkdir(a->export_dir, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "ritmiek: %s: %s\n", a->export_dir,
				strerror(errno));
			goto out;
		}
		a->plan.model_hook = export_model;
		a->plan.hook_data = a;
	}
	if (status == RK_OK)
		status = rk_planner_run(school, year, &a->plan, &plan, diags);
	if (a->export_failures)
		fprintf(stderr,
			_("ritmiek: %s: %d model(s) could not be written\n"),
			a->export_dir, a->export_failures);
	rk_cli_print_diags(stderr, diags);
	if (status != RK_OK && status != RK_ERR_INFEASIBLE) {
		fprintf(stderr, "ritmiek: %s: %s\n", a->school,
			rk_strerror(status));
		goto out;
	}
	/* A plan that breaks hard rules is not published to the teachers. */
	bool feeds = status == RK_OK && !a->no_feeds;
	if (status == RK_ERR_INFEASIBLE && !plan) {
		fprintf(stderr,
			_("ritmiek: %s: %zu hard rule(s) cannot be kept; nothing "
			  "written (see --allow-violations)\n"),
			a->school, rk_diags_errors(diags));
		exit_status = RK_EXIT_INFEASIBLE;
		goto out;
	}
	/* plan.tsv, summary, feeds, state and index: one generation. */
	struct rk_output o = { .school = school,
			       .year = year,
			       .plan = plan,
			       .plan_file = true,
			       .feeds = feeds,
			       .feed_options = &a->feeds,
			       /* A plan that breaks rules gets the overview for
				* the leerKRACHT-team, but no person pages: they
				* come only with the feeds (overview.h). */
			       .overview = !a->no_overview,
			       .person_pages = feeds,
			       /* -j: the feeds on as many threads too. */
			       .jobs = (unsigned)a->plan.jobs,
			       /* The referee has the last word: rk_verify,
				* which shares nothing with the planner, checks
				* the plan at the commit point, and a plan it
				* rejects is never published as one that keeps
				* every rule (output.h). */
			       .verify = status == RK_OK };
	struct rk_output_result res;
	exit_status = rk_cli_output(a->out, &o, &res, true);
	/* Rejected by the referee (rk_cli_output said why): with
	 * --allow-violations written as a plan that breaks rules, without
	 * feeds; else not at all. */
	bool rejected = exit_status == RK_EXIT_INFEASIBLE && o.verify;
	if (rejected && !a->plan.allow_violations) {
		fprintf(stderr,
			_("ritmiek: %s: nothing written (see "
			  "--allow-violations)\n"),
			a->school);
		goto out;
	}
	if (rejected) {
		status = RK_ERR_INFEASIBLE;
		o.feeds = o.person_pages = o.verify = false;
		exit_status = rk_cli_output(a->out, &o, &res, true);
	}
	if (exit_status != RK_EXIT_OK)
		goto out;
	if (status == RK_ERR_INFEASIBLE) {
		if (rejected)
			fprintf(stderr,
				_("ritmiek: %s: the plan is written, the feeds "
				  "are not\n"),
				a->school);
		else
			fprintf(stderr,
				_("ritmiek: %s: %zu hard rule(s) cannot be "
				  "kept; the plan is written with these "
				  "violations marked, the feeds are not\n"),
				a->school, rk_diags_errors(diags));
		/* The solver's figures hold for a plan with violations too. */
		if (!a->quiet) {
			report(a->out, plan);
			cover_note(a->out, school, year, plan);
		}
		if (a->stats)
			rk_plan_quality_write(stdout, school, year, plan);
		exit_status = RK_EXIT_INFEASIBLE;
		goto out;
	}
	if (!a->quiet) {
		report(a->out, plan);
		cover_note(a->out, school, year, plan);
		rk_cli_output_say(a->out, &o, &res);
	}
	past_note(school, plan);
	if (a->stats &&
	    rk_plan_quality_write(stdout, school, year, plan) != RK_OK)
		goto out;
	exit_status = RK_EXIT_OK;
	if (a->result)
		*a->result =
			(struct rk_board_result){ 0, rk_plan_n_events(plan),
						  rk_plan_n_periods(plan),
						  rk_plan_n_duos(plan) };
out:
	rk_plan_free(plan);
	rk_schoolyear_free(year);
	rk_school_free(school);
	rk_diags_free(diags);
	return exit_status;
}

int rk_cli_count(const char *text, long max)
{
	char *end = NULL;
	errno = 0;
	long n = text ? strtol(text, &end, 10) : 0;
	return text && *text && !*end && !errno && n > 0 && n <= max ? (int)n
								     : 0;
}

int rk_cli_env_time_limit(void)
{
	return rk_cli_count(getenv("RITMIEK_TIME_LIMIT"), 86400000);
}

int rk_cli_node_limit(const char *text)
{
	return rk_cli_count(text, 100000000);
}

int rk_cli_env_node_limit(void)
{
	return rk_cli_node_limit(getenv("RITMIEK_NODE_LIMIT"));
}

/* A batch system (SLURM, a cgroup cpuset, taskset) may give the process
 * fewer processors than are online: more threads than those would only
 * wait. */
int rk_cli_processors(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
#ifdef CPU_COUNT
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		cpus = CPU_COUNT(&set);
#endif
	return cpus < 1 ? 1 : cpus > 256 ? 256 : (int)cpus;
}

/* A board's worker: this school as `ritmiek plan -o DIR SCHOOL`. */
static int plan_one(const char *school, const char *dir,
		    struct rk_board_result *res, void *data)
{
	struct plan_args *a = data;
	a->school = school;
	a->out = dir;
	a->quiet = false; /* the report goes to the school's log */
	a->plan.jobs = 1; /* the board's workers are the schools */
	a->result = res;
	return run_plan(a);
}

/* Several school files, or one board file: a board (board.h). */
static int run_board(struct plan_args *a)
{
	struct rk_board_run run = { .out = a->out,
				    .jobs = (int)a->jobs,
				    .quiet = a->quiet,
				    .no_feeds = a->no_feeds,
				    .people_only = a->people_only,
				    .plan_one = plan_one,
				    .data = a };
	/* One folder or file for every school would mix them up. */
	if (a->feeds.previous || a->export_dir) {
		fprintf(stderr,
			_("ritmiek plan: %s is for one school, not a "
			  "board\n"),
			a->feeds.previous ? "--previous" : "--export-models");
		return rk_cli_try_help("plan");
	}
	if (run.jobs < 1)
		run.jobs = rk_cli_processors();
	if (a->board) {
		run.name = a->board->name;
		return rk_board_plan((const char *const *)a->board->schools,
				     a->board->n_schools, &run);
	}
	return rk_board_plan(a->schools, a->n_schools, &run);
}

/* A single argument is a board file when it lists `schools`. */
static int read_board(struct plan_args *a)
{
	struct rk_diags *diags = rk_diags_new();
	if (!diags)
		return RK_EXIT_FAILURE;
	enum rk_status status = rk_board_read(a->school, &a->board, diags);
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	rk_diags_free(diags);
	return status == RK_OK		? RK_EXIT_OK
	       : status == RK_ERR_NOMEM ? RK_EXIT_FAILURE
					: RK_EXIT_INPUT;
}

int rk_cmd_plan(int argc, char **argv)
{
	struct plan_args a = { .out = "plan" };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	a.plan.time_limit_ms = rk_cli_env_time_limit();
	a.plan.node_limit = rk_cli_env_node_limit();
	int rc = parse(argc, argv, &a);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	if (a.n_schools == 1 && rk_board_file_is(a.school))
		rc = read_board(&a);
	if (rc != RK_EXIT_OK)
		return rc;
	if (a.board || a.n_schools > 1 || a.as_board)
		rc = run_board(&a);
	else {
		/* One school: -j is its team models at a time; the plan
		 * is the same for every n, so every processor by default. */
		a.plan.jobs = a.jobs > 0 ? (int)a.jobs : rk_cli_processors();
		rc = run_plan(&a);
	}
	rk_board_free(a.board);
	return rc;
}
