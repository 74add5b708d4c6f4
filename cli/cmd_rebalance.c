#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "cmd.h"
#include "date.h"
#include "feeds.h"
#include "importer.h"
#include "loader.h"
#include "output.h"
#include "plan_file.h"
#include "rebalance.h"
#include "plan_summary.h"
#include "schoolyear.h"
#include "suggest.h"
#include "textfile.h"
#include "validate.h"
#include "verify.h"
#include "i18n.h"

#define MAX_CHANGES 64

/* A change named on the command line, by ids: resolved once the school is
 * loaded. */
struct named {
	const char *person;
	const char *other; /* team (join, move) or partner (split, keep) */
	const char *until; /* leave */
};

struct rebalance_args {
	const char *school;
	const char *plandir;
	const char *from;
	const char *timetable;
	struct rk_load_options load;
	struct rk_plan_options plan;
	bool dry_run;
	bool no_feeds;
	bool no_overview;
	bool quiet;
	struct named leaves[MAX_CHANGES], moves[MAX_CHANGES];
	struct named splits[MAX_CHANGES], keeps[MAX_CHANGES];
	size_t n_leaves, n_moves, n_splits, n_keeps;
};

static void rebalance_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek rebalance SCHOOL --plan PLANDIR --from DATE "
		  "[CHANGE]...\n"
		  "Re-plans the year from DATE on with as few changes as "
		  "possible; everything\nbefore DATE stays exactly as it is. "
		  "Writes the plan, its feeds, its overview and\nchanges.txt, a "
		  "report per person in Dutch.\n\n"
		  "Changes (several at once):\n"
		  "      --leave PERSON [--until DATE]  away from DATE (until DATE, "
		  "or for good)\n"
		  "      --join PERSON --team TEAM      a teacher joins a team\n"
		  "      --move PERSON --team TEAM      a teacher moves to another "
		  "team\n"
		  "      --split A,B                    A and B must not be a duo "
		  "this period\n"
		  "      --keep A,B                     A and B must stay a duo "
		  "this period\n"
		  "      --timetable FILE               a new timetable from DATE "
		  "(school's format)\n\n"
		  "  -n, --dry-run           show the report, write nothing\n"
		  "      --no-feeds          do not write the feeds\n"
		  "      --no-overview       do not write the overview\n"
		  "      --allow-violations  write the plan even where a hard rule "
		  "breaks\n"
		  "  -j, --jobs N            solve N team models at a time (1 to "
		  "256, default: the\n"
		  "                          number of processors)\n"
		  "      --node-limit N      subproblems per model part, as for "
		  "plan (default\n"
		  "                          $RITMIEK_NODE_LIMIT, or 1000)\n"
		  "  -c, --calendars DIR     holiday calendars\n"
		  "  -q, --quiet             no report, only problems\n"
		  "  -h, --help              show this help and exit\n\n"
		  "Exit status as for plan: 0, 1 input errors, 2 usage, 3 "
		  "infeasible, 4 failure.\n"));
}

enum {
	OPT_PLAN = 256,
	OPT_FROM,
	OPT_LEAVE,
	OPT_UNTIL,
	OPT_JOIN,
	OPT_MOVE,
	OPT_TEAM,
	OPT_SPLIT,
	OPT_KEEP,
	OPT_TIMETABLE,
	OPT_ALLOW,
	OPT_NO_FEEDS,
	OPT_NO_OVERVIEW,
	OPT_NODE_LIMIT
};

static int add_named(struct named *list, size_t *n, const char *person)
{
	if (*n >= MAX_CHANGES) {
		fprintf(stderr,
			_("ritmiek rebalance: at most %d changes of a kind\n"),
			MAX_CHANGES);
		return -1;
	}
	list[(*n)++] = (struct named){ person, NULL, NULL };
	return 0;
}

/* "A,B" into two ids (the string is changed in place). */
static int add_pair(struct named *list, size_t *n, char *text)
{
	char *comma = strchr(text, ',');
	if (!comma || comma == text || !comma[1]) {
		fprintf(stderr, _("ritmiek rebalance: '%s': expected A,B\n"),
			text);
		return -1;
	}
	*comma = '\0';
	if (add_named(list, n, text) < 0)
		return -1;
	list[*n - 1].other = comma + 1;
	return 0;
}

/* --until and --team belong to the change just before them. */
static int option(struct rebalance_args *a, int opt, char *arg, int *last)
{
	switch (opt) {
	case OPT_PLAN:
		a->plandir = arg;
		return 0;
	case OPT_FROM:
		a->from = arg;
		return 0;
	case OPT_LEAVE:
		*last = OPT_LEAVE;
		return add_named(a->leaves, &a->n_leaves, arg);
	case OPT_UNTIL:
		if (*last != OPT_LEAVE)
			break;
		a->leaves[a->n_leaves - 1].until = arg;
		return 0;
	case OPT_JOIN:
	case OPT_MOVE:
		*last = OPT_MOVE;
		return add_named(a->moves, &a->n_moves, arg);
	case OPT_TEAM:
		if (*last != OPT_MOVE)
			break;
		a->moves[a->n_moves - 1].other = arg;
		return 0;
	case OPT_SPLIT:
		return add_pair(a->splits, &a->n_splits, arg);
	case OPT_KEEP:
		return add_pair(a->keeps, &a->n_keeps, arg);
	case OPT_TIMETABLE:
		a->timetable = arg;
		return 0;
	case OPT_ALLOW:
		a->plan.allow_violations = true;
		return 0;
	case 'n':
		a->dry_run = true;
		return 0;
	case OPT_NO_FEEDS:
		a->no_feeds = true;
		return 0;
	case OPT_NO_OVERVIEW:
		a->no_overview = true;
		return 0;
	case 'c':
		a->load.calendar_dir = arg;
		return 0;
	case 'q':
		a->quiet = true;
		return 0;
	case OPT_NODE_LIMIT:
		a->plan.node_limit = rk_cli_node_limit(arg);
		if (a->plan.node_limit > 0)
			return 0;
		fprintf(stderr, _("ritmiek rebalance: bad node limit '%s'\n"),
			arg);
		return -1;
	case 'j': {
		char *end;
		long jobs = strtol(arg, &end, 10);
		if (*end || jobs < 1 || jobs > 256) {
			fprintf(stderr,
				_("ritmiek rebalance: --jobs takes 1 to 256, not '%s'\n"),
				arg);
			return -1;
		}
		a->plan.jobs = (int)jobs;
		return 0;
	}
	}
	fprintf(stderr, _("ritmiek rebalance: %s must follow %s\n"),
		opt == OPT_UNTIL ? "--until" : "--team",
		opt == OPT_UNTIL ? "--leave" : _("--join or --move"));
	return -1;
}

static int parse(int argc, char **argv, struct rebalance_args *a)
{
	static const struct option options[] = {
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "leave", required_argument, NULL, OPT_LEAVE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "join", required_argument, NULL, OPT_JOIN },
		{ "move", required_argument, NULL, OPT_MOVE },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "split", required_argument, NULL, OPT_SPLIT },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "timetable", required_argument, NULL, OPT_TIMETABLE },
		{ "allow-violations", no_argument, NULL, OPT_ALLOW },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "no-feeds", no_argument, NULL, OPT_NO_FEEDS },
		{ "no-overview", no_argument, NULL, OPT_NO_OVERVIEW },
		{ "node-limit", required_argument, NULL, OPT_NODE_LIMIT },
		{ "calendars", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, last = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "nc:j:qh", options, NULL)) !=
	       -1) {
		if (opt == 'h') {
			rebalance_usage(stdout);
			return -1;
		}
		if (opt == '?' || option(a, opt, optarg, &last) < 0) {
			return rk_cli_try_help("rebalance");
		}
	}
	if (optind != argc - 1 || !a->plandir || !a->from) {
		fprintf(stderr,
			_("ritmiek rebalance: expected SCHOOL, --plan and --from\n"));
		return rk_cli_try_help("rebalance");
	}
	a->school = argv[optind];
	return RK_EXIT_OK;
}

/* "ritmiek rebalance: --leave: unknown person 'JDW'; did you mean 'JDV'?"
 * with the person (@team false) or team ids of @s as candidates. */
static void unknown_id(const struct rk_school *s, bool team, const char *id,
		       const char *option)
{
	size_t n = team ? rk_school_n_team(s) : rk_school_n_person(s);
	const char **ids = calloc(n ? n : 1, sizeof(*ids));
	for (size_t i = 0; ids && i < n; i++)
		ids[i] = team ? rk_school_get_team(s, i)->id
			      : rk_school_get_person(s, i)->id;
	const char *near = ids ? rk_suggest(id, ids, n) : NULL;
	fprintf(stderr, _("ritmiek rebalance: %s: unknown %s '%s'%s%s%s\n"),
		option, team ? "team" : "person", id,
		near ? _("; did you mean '") : "", near ? near : "",
		near ? "'?" : "");
	free(ids);
}

static int person_index(const struct rk_school *s, const char *id,
			const char *option)
{
	int p = rk_school_find_person(s, id);
	if (p < 0)
		unknown_id(s, false, id, option);
	return p;
}

static bool parse_date(const char *text, const char *option, int *date)
{
	if (rk_date_parse(text, date))
		return true;
	char why[64];
	fprintf(stderr, _("ritmiek rebalance: %s: bad date '%s': %s\n"), option,
		text, rk_date_why(text, why, sizeof(why)));
	return false;
}

/* The request from the named changes; false (after saying why) when a name
 * or date is wrong. */
static bool make_request(const struct rebalance_args *a,
			 const struct rk_school *s,
			 struct rk_rebalance_request *req,
			 struct rk_absence *absences, struct rk_pair *splits,
			 struct rk_pair *keeps)
{
	bool ok = parse_date(a->from, "--from", &req->from);
	for (size_t i = 0; i < a->n_leaves; i++) {
		absences[i].person =
			person_index(s, a->leaves[i].person, "--leave");
		absences[i].until = INT_MAX;
		ok &= absences[i].person >= 0;
		if (a->leaves[i].until)
			ok &= parse_date(a->leaves[i].until, "--until",
					 &absences[i].until);
	}
	const struct named *lists[2] = { a->splits, a->keeps };
	struct rk_pair *pairs[2] = { splits, keeps };
	size_t counts[2] = { a->n_splits, a->n_keeps };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++) {
			const char *opt = k ? "--keep" : "--split";
			pairs[k][i].a =
				person_index(s, lists[k][i].person, opt);
			pairs[k][i].b = person_index(s, lists[k][i].other, opt);
			ok &= pairs[k][i].a >= 0 && pairs[k][i].b >= 0;
		}
	*req = (struct rk_rebalance_request){ .from = req->from,
					      .absences = absences,
					      .n_absences = a->n_leaves,
					      .splits = splits,
					      .n_splits = a->n_splits,
					      .keeps = keeps,
					      .n_keeps = a->n_keeps };
	return ok;
}

static bool apply_moves(const struct rebalance_args *a, struct rk_school *s,
			struct rk_join *joins)
{
	bool ok = true;
	for (size_t i = 0; i < a->n_moves; i++) {
		int p = person_index(s, a->moves[i].person, "--join/--move");
		int t = a->moves[i].other
				? rk_school_find_team(s, a->moves[i].other)
				: -1;
		if (t < 0)
			unknown_id(s, true,
				   a->moves[i].other ? a->moves[i].other : "",
				   "--team");
		if (p < 0 || t < 0 || rk_school_move_person(s, p, t) != RK_OK)
			ok = false;
		joins[i] = (struct rk_join){ p, t };
	}
	return ok;
}

bool rk_cli_new_timetable(const char *path, struct rk_school *s, int from,
			  struct rk_diags *diags)
{
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(s, 0);
	const struct rk_importer *imp =
		rk_importer_find(src ? src->format : "csv");
	size_t before = rk_school_n_lesson(s);
	for (size_t i = 0; i < before; i++) {
		struct rk_lesson *l = rk_school_lesson_at(s, i);
		if (l->valid_to >= from)
			l->valid_to = from - 1;
	}
	if (!imp || imp->load(s, path, diags) != RK_OK)
		return false;
	for (size_t i = before; i < rk_school_n_lesson(s); i++)
		rk_school_lesson_at(s, i)->valid_from = from;
	/* Resolve the new lessons' people; the school's own warnings were
	 * told already. */
	struct rk_diags *again = rk_diags_new();
	bool ok = again && rk_school_validate(s, again) == RK_OK;
	for (size_t i = 0; again && i < rk_diags_count(again); i++)
		if (rk_diags_get(again, i)->severity == RK_SEV_ERROR) {
			const struct rk_diag *d = rk_diags_get(again, i);
			rk_diags_add(diags, RK_SEV_ERROR, d->file, d->line,
				     d->column, "%s", d->message);
		}
	rk_diags_free(again);
	return ok;
}

bool rk_cli_plan_timetables(struct rk_school *s, const struct rk_plan *plan,
			    struct rk_diags *diags)
{
	for (size_t i = 0; i < rk_plan_n_timetables(plan); i++) {
		const struct rk_timetable_change *t =
			rk_plan_timetable(plan, i);
		if (!rk_cli_new_timetable(t->path, s, t->from, diags))
			return false;
	}
	return true;
}

/* The timetable changes the re-planned year is made for, into @next (a
 * plan that holds them until the re-planned one exists):
 * the previous plan's, but those from the date on when --timetable
 * replaces the lessons from then, and that one (by its full path: verify,
 * feeds and the next rebalance read it from anywhere). Applied to @s in
 * that order. */
static bool timetables(const struct rebalance_args *a, struct rk_school *s,
		       const struct rk_plan *prev, int from,
		       struct rk_plan *next, struct rk_diags *diags)
{
	for (size_t i = 0; i < rk_plan_n_timetables(prev); i++) {
		const struct rk_timetable_change *t =
			rk_plan_timetable(prev, i);
		if (a->timetable && t->from >= from)
			break;
		if (rk_plan_add_timetable(next, *t) != RK_OK ||
		    !rk_cli_new_timetable(t->path, s, t->from, diags))
			return false;
	}
	if (!a->timetable)
		return true;
	char *full = realpath(a->timetable, NULL);
	struct rk_timetable_change t = { from, full ? full : a->timetable };
	bool ok = rk_plan_add_timetable(next, t) == RK_OK &&
		  rk_cli_new_timetable(a->timetable, s, from, diags);
	free(full);
	return ok;
}

/* The perturbation in one line a person can read, how GLPK found it, then
 * what changes per person. */
static char *report(const struct rk_school *s, const struct rk_plan *next,
		    const struct rk_perturbation *pt,
		    const struct rk_changes *changes, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	if (!f)
		return NULL;
	size_t touched = rk_changes_count(changes);
	fprintf(f,
		"%zu %s een wijziging, %d een andere duo-partner; %d "
		"afspra%s verplaatst, %d met andere deelnemers, %d "
		"vervallen, %d nieuw, %d ongewijzigd; %d team%s met een "
		"ander vast moment.\n",
		touched, touched == 1 ? "persoon krijgt" : "mensen krijgen",
		pt->partners_changed, pt->events_moved,
		pt->events_moved == 1 ? "ak" : "ken", pt->events_regrouped,
		pt->events_cancelled, pt->events_new, pt->events_kept,
		pt->moments_changed, pt->moments_changed == 1 ? "" : "s");
	size_t n = rk_plan_n_reports(next), optimal = 0;
	double gap = 0.0;
	for (size_t i = 0; i < n; i++) {
		const struct rk_solve_report *r = rk_plan_report(next, i);
		optimal += r->result == 0;
		gap = r->gap > gap ? r->gap : gap;
	}
	/* The objective is lexicographic: partners first, then moves. */
	fprintf(f,
		"GLPK: %zu van %zu modellen optimaal (grootste gap %.2f%%); "
		"het doel was eerst zo min mogelijk andere duo-partners (%d), "
		"dan zo min mogelijk verplaatste afspraken (%d).\n\n",
		optimal, n, 100.0 * gap, pt->partners_changed,
		pt->events_moved);
	for (size_t i = 0; i < touched; i++) {
		const struct rk_person *p = rk_school_get_person(
			s, (size_t)rk_changes_person(changes, i));
		fprintf(f, "%s (%s): %s\n", p->name ? p->name : p->id, p->id,
			rk_changes_text(changes, i));
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

/* Reads the plan being changed; NULL (after the diagnostics) on failure. */
static struct rk_plan *read_plan(const struct rebalance_args *a,
				 const struct rk_school *s,
				 struct rk_diags *diags)
{
	char *path = join(a->plandir, "plan.tsv");
	struct rk_plan *plan = NULL;
	if (path && rk_plan_file_read(s, path, &plan, diags) != RK_OK) {
		rk_plan_free(plan);
		plan = NULL;
	}
	free(path);
	return plan;
}

/* The school with the named changes made, or NULL (exit status in *rc). */
static struct rk_school *prepare(struct rebalance_args *a,
				 struct rk_rebalance_request *req,
				 struct rk_absence *absences,
				 struct rk_pair *splits, struct rk_pair *keeps,
				 struct rk_join *joins, struct rk_diags *diags,
				 int *rc)
{
	struct rk_school *s = NULL;
	*rc = RK_EXIT_INPUT;
	enum rk_status status = rk_load_school(a->school, &a->load, &s, diags);
	if (status == RK_ERR_NOMEM)
		*rc = RK_EXIT_FAILURE;
	if (status != RK_OK)
		return NULL;
	if (!make_request(a, s, req, absences, splits, keeps) ||
	    !apply_moves(a, s, joins)) {
		rk_school_free(s);
		return NULL;
	}
	req->joins = joins;
	req->n_joins = a->n_moves;
	/* The feeds' today: what they drop as past, the plan may not fill. */
	req->today = rk_feeds_today(s, rk_feeds_now());
	return s;
}

/* The re-planned year must pass the referee before anything is written:
 * teachers' calendars follow it. false (after saying so) when it breaks a
 * hard rule. */
static bool verified(const struct rebalance_args *a, const struct rk_school *s,
		     const struct rk_schoolyear *year,
		     const struct rk_plan *next, struct rk_diags *diags)
{
	size_t before = rk_diags_errors(diags);
	/* Events kept from the old plan carry their line in it. */
	char *path = join(a->plandir, "plan.tsv");
	enum rk_status status =
		path ? rk_verify(s, year, next, path, diags) : RK_ERR_NOMEM;
	free(path);
	if (status == RK_OK)
		return true;
	fprintf(stderr,
		_("ritmiek rebalance: the re-planned year breaks %zu hard rule(s) (below); %s\n"),
		rk_diags_errors(diags) - before,
		a->plan.allow_violations
			? _("writing it without feeds (--allow-violations)")
			: _("nothing was written. Try another --from, fewer changes at once, or --allow-violations to write it anyway"));
	return false;
}

static int run_rebalance(struct rebalance_args *a)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_absence absences[MAX_CHANGES];
	struct rk_pair splits[MAX_CHANGES], keeps[MAX_CHANGES];
	struct rk_join joins[MAX_CHANGES];
	struct rk_rebalance_request req = { 0 };
	struct rk_schoolyear *year = NULL;
	struct rk_plan *prev = NULL, *next = NULL, *lessons = NULL;
	struct rk_changes *changes = NULL;
	struct rk_perturbation pt;
	char *text = NULL;
	size_t len = 0;
	int rc = RK_EXIT_FAILURE;
	struct rk_school *s = diags ? prepare(a, &req, absences, splits, keeps,
					      joins, diags, &rc)
				    : NULL;
	if (!s)
		goto out;
	rc = RK_EXIT_INPUT;
	if (rk_schoolyear_new(s, &year, diags) != RK_OK ||
	    !(prev = read_plan(a, s, diags)) || !(lessons = rk_plan_new()) ||
	    !timetables(a, s, prev, req.from, lessons, diags))
		goto out;
	if (rk_rebalance_check(s, year, prev, &req, diags) != RK_OK) {
		rc = RK_EXIT_USAGE;
		goto out;
	}
	enum rk_status status =
		rk_rebalance(s, year, prev, &req, &a->plan, &next, &pt, diags);
	rc = RK_EXIT_FAILURE;
	if (status != RK_OK && status != RK_ERR_INFEASIBLE)
		goto out;
	for (size_t i = 0; next && i < rk_plan_n_timetables(lessons); i++)
		if (rk_plan_add_timetable(
			    next, *rk_plan_timetable(lessons, i)) != RK_OK)
			goto out;
	if (next && status == RK_OK && !verified(a, s, year, next, diags))
		status = RK_ERR_INFEASIBLE;
	if (status == RK_ERR_INFEASIBLE && !a->plan.allow_violations) {
		rc = RK_EXIT_INFEASIBLE;
		goto out;
	}
	if (next &&
	    (rk_changes_describe(s, prev, next, req.from, &changes) != RK_OK ||
	     !(text = report(s, next, &pt, changes, &len))))
		goto out;
	if (text && !a->quiet)
		fputs(text, stdout);
	/* Like plan: a plan that breaks rules is written, its feeds are not
	 * (subscribers would see the broken events). */
	if (status == RK_ERR_INFEASIBLE)
		a->no_feeds = true;
	if (next && !a->dry_run) {
		/* The plan, its summary, the change report, the letters and
		 * the feeds (SEQUENCE+1 for changed events, CANCELLED for
		 * removed ones): one generation of the plan directory. */
		struct rk_feeds_options feeds = { NULL, rk_feeds_now() };
		struct rk_output o = { .school = s,
				       .year = year,
				       .plan = next,
				       .plan_file = true,
				       .feeds = !a->no_feeds,
				       .feed_options = &feeds,
				       .changes = text,
				       .changes_len = len,
				       .letters = changes,
				       .overview = !a->no_overview,
				       .person_pages = !a->no_feeds,
				       .jobs = (unsigned)a->plan.jobs };
		struct rk_output_result res;
		rc = rk_cli_output(a->plandir, &o, &res, true);
		if (rc != RK_EXIT_OK)
			goto out;
	}
	rc = status == RK_ERR_INFEASIBLE ? RK_EXIT_INFEASIBLE : RK_EXIT_OK;
out:
	rk_cli_print_diags(stderr, diags);
	free(text);
	rk_changes_free(changes);
	rk_plan_free(next);
	rk_plan_free(lessons);
	rk_plan_free(prev);
	rk_schoolyear_free(year);
	rk_school_free(s);
	rk_diags_free(diags);
	return rc;
}

int rk_cmd_rebalance(int argc, char **argv)
{
	struct rebalance_args a = { 0 };
	a.load.calendar_dir = getenv("RITMIEK_CALENDARS");
	a.plan.time_limit_ms = rk_cli_env_time_limit();
	a.plan.node_limit = rk_cli_env_node_limit();
	a.plan.jobs = rk_cli_processors(); /* the plan is the same for any */
	int rc = parse(argc, argv, &a);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	return run_rebalance(&a);
}
