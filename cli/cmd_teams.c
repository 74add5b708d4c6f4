/* cmd_teams.c - ritmiek teams: a division into lerarenteams proposed by
 * GLPK, shown against the school's teams of today. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "textfile.h"
#include "date.h"
#include "i18n.h"
#include "loader.h"
#include "sections.h"
#include "teams.h"

struct teams_args {
	const char *school;
	const char *sections; /* the subject-to-section table, or NULL */
	bool quiet;	      /* one line per team, nothing else */
	struct rk_load_options load;
	struct rk_teams_options teams;
};

static void teams_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek teams [OPTION]... SCHOOL\n"
		  "Proposes a division of the teachers of SCHOOL into lerarenteams, "
		  "made by GLPK:\nteams of 5 to 10 (about 8), as homogeneous as "
		  "possible (pairs sharing a\nsection or a grade), each with at "
		  "least two common free moments of the\nbordsessie's length every "
		  "week. Shows each team with its members, their\nsections and "
		  "grades, its common free moments and homogeneity, and who moves\n"
		  "against today's teams, and why.\n\n"
		  "  -c, --calendars DIR     holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or\n"
		  "                          the installed ones)\n"
		  "      --sections FILE     the subject-to-section table "
		  "(default: the installed\n"
		  "                          sections.tsv)\n"
		  "      --min N             smallest team (default 5)\n"
		  "      --max N             largest team (default 10)\n"
		  "      --target N          preferred team size (default 8)\n"
		  "      --moments N         common free moments a week (default "
		  "2)\n"
		  "      --weight-section N  worth of a pair sharing a section "
		  "(default 10)\n"
		  "      --weight-grade N    worth of a pair sharing a grade "
		  "(default 4)\n"
		  "      --keep-teams        keep today's teams; divide the other "
		  "teachers\n"
		  "      --node-limit N      branch-and-bound subproblems per "
		  "model (default\n"
		  "                          $RITMIEK_NODE_LIMIT, or 5000), the "
		  "same on every\n"
		  "                          machine\n"
		  "  -t, --time-limit MS     solver time per model, a safety net "
		  "(default 60000)\n"
		  "  -q, --quiet             only the teams, one line each: "
		  "their members' ids\n"
		  "  -h, --help              show this help and exit\n\n"
		  "Exit status: 0 a division was found, 1 errors in the input, "
		  "2 bad usage,\n3 no division keeps the rules (who cannot be "
		  "placed is said), 4 failure.\n"));
}

static bool parse_count(const char *text, int *out)
{
	int v = rk_cli_count(text, 100000000);
	if (v > 0)
		*out = v;
	return v > 0;
}

/* The numeric options, by their short code. */
static int *count_option(struct teams_args *a, int opt)
{
	switch (opt) {
	case 'm':
		return &a->teams.min_size;
	case 'M':
		return &a->teams.max_size;
	case 'T':
		return &a->teams.target_size;
	case 'n':
		return &a->teams.min_moments;
	case 's':
		return &a->teams.weight_section;
	case 'g':
		return &a->teams.weight_grade;
	case 't':
		return &a->teams.time_limit_ms;
	case 'L':
		return &a->teams.node_limit;
	default:
		return NULL;
	}
}

/* --min <= --target <= --max, with the defaults for what is not given. */
static int check_sizes(const struct rk_teams_options *o)
{
	int min = o->min_size ? o->min_size : 5;
	int max = o->max_size ? o->max_size : 10;
	int target = o->target_size ? o->target_size : 8;
	/* The preferred size follows --min and --max unless given. */
	if (!o->target_size)
		target = target < min ? min : target > max ? max : target;
	if (min < 2 || min > max || target < min || target > max) {
		fprintf(stderr,
			_("ritmiek teams: team sizes must be 2 <= min <= target <= max, not min %d, target %d, max %d\n"),
			min, target, max);
		return rk_cli_try_help("teams");
	}
	return RK_EXIT_OK;
}

static int parse(int argc, char **argv, struct teams_args *a)
{
	static const struct option options[] = {
		{ "calendars", required_argument, NULL, 'c' },
		{ "sections", required_argument, NULL, 'S' },
		{ "min", required_argument, NULL, 'm' },
		{ "max", required_argument, NULL, 'M' },
		{ "target", required_argument, NULL, 'T' },
		{ "moments", required_argument, NULL, 'n' },
		{ "weight-section", required_argument, NULL, 's' },
		{ "weight-grade", required_argument, NULL, 'g' },
		{ "keep-teams", no_argument, NULL, 'k' },
		{ "time-limit", required_argument, NULL, 't' },
		{ "node-limit", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:t:qh", options, NULL)) != -1) {
		int *count = count_option(a, opt);
		if (count) {
			if (!parse_count(optarg, count)) {
				fprintf(stderr,
					_("ritmiek teams: bad number '%s'\n"),
					optarg);
				return rk_cli_try_help("teams");
			}
			continue;
		}
		switch (opt) {
		case 'c':
			a->load.calendar_dir = optarg;
			break;
		case 'S':
			a->sections = optarg;
			break;
		case 'k':
			a->teams.keep_teams = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'h':
			teams_usage(stdout);
			return -1;
		default:
			return rk_cli_try_help("teams");
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("ritmiek teams: expected one school file\n"));
		return rk_cli_try_help("teams");
	}
	a->school = argv[optind];
	return check_sizes(&a->teams);
}

/* "ma 15:00-17:30, wo 12:15-13:15": moments that follow each other
 * without a gap are shown as one stretch. */
static void print_moments(const struct rk_free_moment *m, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && m[j].weekday == m[i].weekday &&
		       m[j].start == m[j - 1].end)
			j++;
		char a[RK_TIME_BUFSIZE], b[RK_TIME_BUFSIZE];
		rk_time_format(m[i].start, a);
		rk_time_format(m[j - 1].end, b);
		printf("%s%s %s-%s", i ? ", " : "",
		       rk_weekday_abbr(m[i].weekday), a, b);
		i = j;
	}
	if (n == 0)
		fputs(_("none"), stdout);
}

static const char *or_dash(const char *text)
{
	return text ? text : "-";
}

/* The team of today that holds most of proposed team @t's members, or -1. */
static int closest_today(const struct rk_teams_proposal *prop,
			 const struct rk_teams_proposal *now, size_t t)
{
	const int *m;
	size_t n = rk_teams_members(prop, t, &m);
	int best = -1;
	size_t best_count = 0;
	for (size_t k = 0; k < rk_teams_count(now); k++) {
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			count += rk_teams_team_of(now, m[i]) == (int)k;
		if (count > best_count) {
			best = (int)k;
			best_count = count;
		}
	}
	return best;
}

static const char *today_name(const struct rk_school *s,
			      const struct rk_teams_proposal *now, int k)
{
	if (k < 0)
		return NULL;
	int source = rk_teams_source(now, (size_t)k);
	const struct rk_team *t =
		source >= 0 ? rk_school_get_team(s, (size_t)source) : NULL;
	return t ? t->id : NULL;
}

static void print_member(const struct rk_school *s,
			 const struct rk_teams_proposal *prop, int person)
{
	const struct rk_person *p = rk_school_get_person(s, (size_t)person);
	printf("    ");
	rk_text_put_padded(stdout, p->id, 8);
	printf(" ");
	rk_text_put_padded(stdout, p->name ? p->name : "", 28);
	printf(" ");
	rk_text_put_padded(stdout,
			   or_dash(rk_teams_person_section(prop, person)), 22);
	printf(" %s\n", or_dash(rk_teams_person_grade(prop, person)));
}

static void print_team(const struct rk_school *s,
		       const struct rk_teams_proposal *prop,
		       const struct rk_teams_proposal *now, size_t t)
{
	const int *m;
	const struct rk_free_moment *mo;
	size_t n = rk_teams_members(prop, t, &m);
	size_t nm = rk_teams_moments(prop, t, &mo);
	const char *was = today_name(s, now, closest_today(prop, now, t));
	/* TRANSLATORS: the team's number, its most common section, its
	 * size; homogeneity is the share of member pairs sharing a section. */
	printf(P_("Team %zu: %s, %zu member, homogeneity %.2f",
		  "Team %zu: %s, %zu members, homogeneity %.2f", n),
	       t + 1, or_dash(rk_teams_section(prop, t)), n,
	       rk_teams_homogeneity(prop, t));
	if (rk_teams_source(prop, t) >= 0)
		/* TRANSLATORS: follows the team's heading: a team of
		 * today that --keep-teams kept as it is. */
		printf(_(" (kept: %s)"),
		       rk_school_get_team(s, (size_t)rk_teams_source(prop, t))
			       ->id);
	else if (was)
		/* TRANSLATORS: follows the team's heading: the team of
		 * today most of its members come from. */
		printf(_(" (most from today's %s)"), was);
	printf("\n");
	printf(P_("  %zu common free moment: ", "  %zu common free moments: ",
		  nm),
	       nm);
	print_moments(mo, nm);
	printf("\n");
	for (size_t i = 0; i < n; i++)
		print_member(s, prop, m[i]);
}

/* A teacher whose proposed team is not the one most of their team of
 * today goes to: who moves, and what they gain. */
static size_t print_moves(const struct rk_school *s,
			  const struct rk_teams_proposal *prop,
			  const struct rk_teams_proposal *now)
{
	size_t moves = 0;
	for (size_t t = 0; t < rk_teams_count(prop); t++) {
		const int *m;
		size_t n = rk_teams_members(prop, t, &m);
		int home = closest_today(prop, now, t);
		for (size_t i = 0; i < n; i++) {
			int old = rk_teams_team_of(now, m[i]);
			if (old == home && old >= 0)
				continue;
			const struct rk_free_moment *mo;
			size_t before =
				old >= 0 ? rk_teams_moments(now, (size_t)old,
							    &mo)
					 : 0;
			size_t after = rk_teams_moments(prop, t, &mo);
			printf("  ");
			rk_text_put_padded(
				stdout,
				rk_school_get_person(s, (size_t)m[i])->id, 8);
			/* TRANSLATORS: a teacher who moves, after their id:
			 * the team of today -> the proposed team, and how the
			 * counts change. */
			printf(_(" %s -> team %zu: common free moments %zu -> %zu, colleagues sharing a section %zu -> %zu\n"),
			       or_dash(today_name(s, now, old)), t + 1, before,
			       after,
			       old >= 0 ? rk_teams_section_peers(
						  now, (size_t)old, m[i])
					: 0,
			       rk_teams_section_peers(prop, t, m[i]));
			moves++;
		}
	}
	return moves;
}

struct summary {
	double homogeneity;
	size_t short_of_moments;
};

static struct summary summarise(const struct rk_teams_proposal *p, int moments)
{
	struct summary sum = { 0.0, 0 };
	size_t n = rk_teams_count(p);
	for (size_t t = 0; t < n; t++) {
		const struct rk_free_moment *mo;
		sum.homogeneity += rk_teams_homogeneity(p, t);
		sum.short_of_moments +=
			rk_teams_moments(p, t, &mo) < (size_t)moments;
	}
	if (n)
		sum.homogeneity /= (double)n;
	return sum;
}

static void print_proposal(const struct rk_school *s,
			   const struct rk_teams_proposal *prop,
			   const struct rk_teams_proposal *now, int moments)
{
	size_t teachers = 0;
	for (size_t t = 0; t < rk_teams_count(prop); t++) {
		const int *m;
		teachers += rk_teams_members(prop, t, &m);
	}
	/* Each count says its own noun, so each is its own plural. */
	size_t n = rk_teams_count(prop), models = rk_teams_models(prop);
	char teams_s[64], teachers_s[64], models_s[64];
	snprintf(teams_s, sizeof(teams_s), P_("%zu team", "%zu teams", n), n);
	snprintf(teachers_s, sizeof(teachers_s),
		 P_("%zu teacher", "%zu teachers", teachers), teachers);
	snprintf(models_s, sizeof(models_s),
		 P_("%zu model", "%zu models", models), models);
	/* TRANSLATORS: "8 teams for 60 teachers (solver: optimal, gap 0.0%,
	 * 3 models)"; the solver's verdict is translated on its own. */
	printf(_("Proposal: %s for %s (solver: %s, gap %.1f%%, %s)\n\n"),
	       teams_s, teachers_s, _(rk_teams_solver_status(prop)),
	       100.0 * rk_teams_gap(prop), models_s);
	for (size_t t = 0; t < rk_teams_count(prop); t++) {
		print_team(s, prop, now, t);
		printf("\n");
	}
	struct summary a = summarise(now, moments),
		       b = summarise(prop, moments);
	if (rk_teams_count(now) == 0) {
		fputs(_("The school file has no teams yet.\n"), stdout);
		return;
	}
	printf(P_("Against today's %zu team:\n", "Against today's %zu teams:\n",
		  rk_teams_count(now)),
	       rk_teams_count(now));
	size_t moves = print_moves(s, prop, now);
	char moves_s[64];
	snprintf(moves_s, sizeof(moves_s),
		 P_("%zu teacher moves", "%zu teachers move", moves), moves);
	/* TRANSLATORS: "3 teachers move; homogeneity ..."; the counts
	 * before and after, today's teams -> the proposal. */
	printf(P_("  %s; homogeneity %.2f -> %.2f; teams with fewer than %d common free moment %zu -> %zu\n",
		  "  %s; homogeneity %.2f -> %.2f; teams with fewer than %d common free moments %zu -> %zu\n",
		  moments),
	       moves_s, a.homogeneity, b.homogeneity, moments,
	       a.short_of_moments, b.short_of_moments);
}

static void print_quiet(const struct rk_school *s,
			const struct rk_teams_proposal *prop)
{
	for (size_t t = 0; t < rk_teams_count(prop); t++) {
		const int *m;
		size_t n = rk_teams_members(prop, t, &m);
		printf(_("team %zu:"), t + 1);
		for (size_t i = 0; i < n; i++)
			printf(" %s",
			       rk_school_get_person(s, (size_t)m[i])->id);
		printf("\n");
	}
}

/* Reads the subject-to-section table into @table (caller frees with
 * rk_sections_free); problems are printed. */
static int load_sections(const struct teams_args *a,
			 const struct rk_school *school,
			 struct rk_sections **table)
{
	struct rk_diags *diags = rk_diags_new();
	if (!diags)
		return RK_EXIT_FAILURE;
	enum rk_status st = rk_sections_load(a->sections, school, table, diags);
	rk_cli_print_diags(stderr, diags);
	rk_diags_free(diags);
	if (st == RK_OK)
		return RK_EXIT_OK;
	/* A table that cannot be read is said at its path, like a school
	 * file that cannot be read. */
	if (st == RK_ERR_INPUT || st == RK_ERR_IO)
		return RK_EXIT_INPUT;
	fprintf(stderr, _("ritmiek teams: subject-to-section table: %s\n"),
		rk_strerror(st));
	return RK_EXIT_FAILURE;
}

static int exit_for(enum rk_status st)
{
	switch (st) {
	case RK_OK:
		return RK_EXIT_OK;
	case RK_ERR_INPUT:
		return RK_EXIT_INPUT;
	case RK_ERR_INFEASIBLE:
		return RK_EXIT_INFEASIBLE;
	default:
		return RK_EXIT_FAILURE;
	}
}

static int run_teams(struct teams_args *a, const struct rk_school *school)
{
	struct rk_sections *table = NULL;
	int rc = load_sections(a, school, &table);
	if (rc != RK_EXIT_OK)
		return rc;
	a->teams.sections = rk_sections_items(table, &a->teams.n_sections);
	struct rk_diags *diags = rk_diags_new();
	struct rk_teams_proposal *prop = NULL, *now = NULL;
	enum rk_status st = diags ? RK_OK : RK_ERR_NOMEM;
	if (st == RK_OK)
		st = rk_teams_propose(school, &a->teams, &prop, diags);
	if (diags)
		rk_cli_print_diags(stderr, diags);
	if (st == RK_OK)
		st = rk_teams_current(school, &a->teams, &now);
	if (st == RK_OK && a->quiet)
		print_quiet(school, prop);
	else if (st == RK_OK)
		print_proposal(school, prop, now,
			       a->teams.min_moments ? a->teams.min_moments : 2);
	else if (st != RK_ERR_INFEASIBLE && st != RK_ERR_INPUT)
		fprintf(stderr, "ritmiek teams: %s\n", rk_strerror(st));
	rk_teams_proposal_free(prop);
	rk_teams_proposal_free(now);
	rk_diags_free(diags);
	rk_sections_free(table);
	return exit_for(st);
}

int rk_cmd_teams(int argc, char **argv)
{
	struct teams_args a = { 0 };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	a.teams.time_limit_ms = rk_cli_env_time_limit();
	a.teams.node_limit = rk_cli_env_node_limit();
	int rc = parse(argc, argv, &a);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	if (!diags)
		return RK_EXIT_FAILURE;
	enum rk_status st = rk_load_school(a.school, &a.load, &school, diags);
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	rk_diags_free(diags);
	if (st != RK_OK)
		return st == RK_ERR_INPUT ? RK_EXIT_INPUT : RK_EXIT_FAILURE;
	rc = run_teams(&a, school);
	rk_school_free(school);
	return rc;
}
