/* planctx.h - what the planner's steps share (internal to the engine). */
#ifndef RK_PLANCTX_H
#define RK_PLANCTX_H

#include <stdbool.h>

#include "arena.h"
#include "busy.h"
#include "diag.h"
#include "mip.h"
#include "plan.h"
#include "school.h"
#include "schoolyear.h"

/* Only pointed to here; a step that reads them includes planner.h or
 * rebalance.h itself. */
struct rk_plan_options;
struct rk_rebalance_request;

/* A group that meets weekly: a lerarenteam, or (last) the leerKRACHT-team. */
struct rk_group {
	const char *id;	  /* team id, or "leerkracht-team" */
	const char *name; /* "Team Exact" */
	int team;	  /* index into the school's teams, -1: lk-team */
	int *members;	  /* person indices */
	size_t n;
	int first_week; /* first year-week with its sessions, -1: none */
	struct rk_moment moment;
	bool has_moment;
};

struct rk_planctx {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	const struct rk_plan_options *options;
	struct rk_busy *busy;
	struct rk_plan *plan;
	struct rk_diags *diags;
	const char *sid;	 /* the school's id, for event ids */
	struct rk_group *groups; /* the teams, then the leerKRACHT-team */
	size_t n_groups;
	bool *session_week; /* [year week]: sessions may be planned */
	int start_week;	    /* first week of the first period, -1: none */
	/* Rebalancing: the plan being changed (NULL when planning afresh),
	 * the first date that may change, and the request. Before @from
	 * nothing is planned: the old events stay. */
	const struct rk_plan *prev;
	int from;
	int from_week;
	const struct rk_rebalance_request *req;
	/* Rebalancing: [group] true when the request does not touch the
	 * group: its events from @from on stay exactly as they were (they are
	 * in ctx->plan before the steps run), its moment and duos too. NULL
	 * when planning afresh. */
	bool *frozen;
	/* Rebalancing: [group] true when the group's duos of the date's
	 * period held every gezamenlijk lesontwerp and lesbezoek before the
	 * date: they stay that period's duos (re-pairing would cram a new
	 * cycle into its last days). NULL when planning afresh. */
	bool *held;
	/* Rebalancing: the previous plan's events ordered by id, for
	 * rk_planctx_prev_event. */
	const struct rk_event **prev_by_id;
	/* Rebalancing: [event of prev] true when it stays in the plan as it
	 * was from the date on (rebalance.c, keep_untouched): the session
	 * step plans again what slipped past the date but was not kept.
	 * NULL when planning afresh. */
	bool *kept;
	/* "Cannot visit" already said per (visitor, host), so that a pair
	 * that never works is reported once, not every period: an open hash
	 * of keys visitor * n_people + host + 1 (0: empty) with their bits.
	 * Only pairs of one team are ever said; a table of every pair of the
	 * school grew with its square (16 MB at 4,000 people). */
	size_t *said_keys;
	unsigned char *said_bits;
	size_t said_n, said_cap;
	int infeasible; /* hard rules that could not be kept */
	/* In a worker (parallel.c): the plan of the steps so far, read-only
	 * while ctx->plan receives this worker's events. NULL: ctx->plan is
	 * both. */
	const struct rk_plan *base;
};

/* The plan made by the steps so far, to read (ctx->base in a worker). */
const struct rk_plan *rk_planctx_base(const struct rk_planctx *ctx);

/* Adds an event of @kind with id "<school>-<kind>-<suffix>"; NULL when out
 * of memory. @group is an index into ctx->groups or -1. The pointer is valid
 * until the next event is added. */
struct rk_event *rk_planctx_event(struct rk_planctx *ctx,
				  enum rk_event_kind kind, int group, int date,
				  int start, int end, const char *suffix_fmt,
				  ...) __attribute__((format(printf, 7, 8)));

/* Adds @person to @ev with @role and books the time in ctx->busy (the
 * whole day for an all-day event; nothing for a meting). -1 when out of
 * memory. */
int rk_planctx_attend(struct rk_planctx *ctx, struct rk_event *ev, int person,
		      enum rk_part_role role);

/* The period that holds year week @week, or NULL; its week number in the
 * period (counting weeks with sessions) goes to @nth. */
const struct rk_period *rk_planctx_period_of(const struct rk_planctx *ctx,
					     int week, int *nth);

/* The first two school days after @date on which both @a and @b work (a
 * feedbackgesprek follows its lesbezoek within them) into @out; a day in a
 * week without sessions (a toetsweek) counts but is given as -1. Returns
 * how many (0 to 2). */
int rk_planctx_next_days(const struct rk_planctx *ctx, int a, int b, int date,
			 int *out);

/* Chances for @visitor to sit in a lesson of @host in period @p: lessons of
 * the host in the period's weeks with sessions that
 * rk_planctx_can_visit. */
int rk_planctx_visit_chances(const struct rk_planctx *ctx,
			     const struct rk_period *p, int visitor, int host);

/* A lesson of a host that passes rk_planctx_can_visit's host side (held
 * that day, the host there to give it), with its times that day. */
struct rk_visit_slot {
	int date, start, end;
};

/* Appends to @out (struct rk_visit_slot items, the caller's) the lessons
 * of @host in the weeks of @p with sessions that pass the host side of
 * rk_planctx_can_visit, in rk_planctx_visit_chances's order: for a caller
 * that counts the chances of many visitors with one host. Fails only
 * without memory. */
enum rk_status rk_planctx_host_slots(const struct rk_planctx *ctx,
				     const struct rk_period *p, int host,
				     struct rk_vec *out);
/* How many of the @n @slots of @host @visitor can sit in (the visitor
 * side of rk_planctx_can_visit): with rk_planctx_host_slots, the same
 * count as rk_planctx_visit_chances. */
int rk_planctx_visit_count(const struct rk_planctx *ctx,
			   const struct rk_visit_slot *slots, size_t n,
			   int visitor, int host);

/* THE test whether @visitor can sit in lesson @l of @host on @date (a
 * lesbezoek), used by the duos and by the lesbezoek candidates alike:
 *  - the lesson is held that day: rk_schoolyear_lesson_times, whose times
 *    (those of its lesuur on a shortened day) go to *start and *end;
 *  - the host is there to give it: not away (rebalancing) and no session
 *    of theirs (a fixed external date, a bordsessie ...) then;
 *  - the visitor is free then (works that day, no lesson, no session), or
 *    teaches but a cover person can take their group: rk_cover_visit_ok,
 *    which sets *needs_cover (may be NULL) for the second.
 * Not looked at: the date's week (the caller chooses the weeks), the
 * feedbackgesprek after it, a cover person's max_per_week. */
bool rk_planctx_can_visit(const struct rk_planctx *ctx, int visitor, int host,
			  const struct rk_lesson *l, int date, int *start,
			  int *end, bool *needs_cover);

/* Everyone on the staff but the external expert coach, into @out (room for
 * every person); their number. */
size_t rk_planctx_staff(const struct rk_planctx *ctx, int *out);

/* Teachers (role leraar) of the school. */
size_t rk_planctx_teachers(const struct rk_planctx *ctx);

/* Start times worth trying on @weekday (lesuur boundaries, window starts
 * and the default window's start, sorted, unique) into @out (at most @cap); their number. */
size_t rk_planctx_start_times(const struct rk_planctx *ctx, int weekday,
			      int *out, size_t cap);

/* The dates with school days of year week @week (Monday to Friday). */
size_t rk_planctx_week_dates(const struct rk_planctx *ctx, int week, int *out);

/* Chooses with GLPK a @minutes-long moment on one of @dates, inside the
 * windows of @kind, at which every person in @people who works that day is
 * free; cost: the people who do not work that day, idle time, lateness,
 * and the place of the date in @dates (earlier is better). On success
 * *date and *start are set; RK_ERR_INFEASIBLE when no such moment exists
 * (nothing reported). */
enum rk_status rk_planctx_common_moment(struct rk_planctx *ctx,
					const char *model,
					enum rk_event_kind kind,
					const int *people, size_t n_people,
					const int *dates, size_t n_dates,
					int minutes, int *date, int *start);

/* Runs @mip, records its report under @model, and returns the result. */
enum rk_status rk_planctx_solve(struct rk_planctx *ctx, struct rk_mip *mip,
				const char *model, enum rk_mip_result *result);
/* Rebalancing: whether someone of @people (@n) is away on a school day
 * of year week @week. A session of that week that finds no place lapses
 * as the absence's consequence (sessions.c, duos.c). */
bool rk_planctx_away_in_week(const struct rk_planctx *ctx, const int *people,
			     int n, int week);

/* The solver's limits from the plan options (their defaults in mip.h). */
struct rk_mip_limits rk_planctx_limits(const struct rk_planctx *ctx);
/* rk_planctx_solve in two halves, for a model solved on a worker thread
 * (it only reads @ctx) and reported afterwards in school order: the plan
 * and its reports stay those of one thread. No model_hook: exported
 * models are numbered in the order they are solved. */
enum rk_status rk_planctx_solve_only(const struct rk_planctx *ctx,
				     struct rk_mip *mip,
				     struct rk_mip_stats *stats);
enum rk_status rk_planctx_report(struct rk_planctx *ctx, const char *model,
				 const struct rk_mip_stats *stats,
				 enum rk_mip_result *result);

/* The reasons (bits) already said for @visitor and @host, 0: none. */
unsigned rk_planctx_said(const struct rk_planctx *ctx, int visitor, int host);
/* Records @bit for @visitor and @host; whether it is new (also when the
 * table cannot grow: then it is said again rather than never). */
bool rk_planctx_say(struct rk_planctx *ctx, int visitor, int host,
		    unsigned bit);

/* The person's display name ("Jan de Vries"), never NULL. */
const char *rk_planctx_name(const struct rk_planctx *ctx, int person);

/* Reports a hard rule that could not be kept (an error diagnostic without a
 * place) and counts it. */
void rk_planctx_infeasible(struct rk_planctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The same at @loc, the place in the school file that keeps the rule from
 * being kept (NULL: without a place). */
void rk_planctx_infeasible_at(struct rk_planctx *ctx, const struct rk_loc *loc,
			      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets up @ctx for @school and @year (ctx->plan, busy, groups, weeks);
 * rk_planctx_release frees what it made (not ctx->plan when taken). */
enum rk_status rk_planctx_init(struct rk_planctx *ctx,
			       const struct rk_school *school,
			       const struct rk_schoolyear *year,
			       const struct rk_plan_options *options,
			       struct rk_diags *diags);
void rk_planctx_release(struct rk_planctx *ctx);
/* The end of a run with @status: on RK_OK, RK_ERR_INFEASIBLE when a hard
 * rule could not be kept, and the plan handed to *@out unless it breaks
 * one and ctx->options->allow_violations is off; then rk_planctx_release.
 * Returns the run's status. */
enum rk_status rk_planctx_finish(struct rk_planctx *ctx, enum rk_status status,
				 struct rk_plan **out);
/* Runs every step (rk_step_*, below), in order. */
enum rk_status rk_planctx_run(struct rk_planctx *ctx);

/* While rebalancing: whether @date may still change. Always true when
 * planning afresh. */
bool rk_planctx_open(const struct rk_planctx *ctx, int date);
/* While rebalancing: whether group @group keeps everything as it was. */
bool rk_planctx_frozen(const struct rk_planctx *ctx, int group);
/* Rebalancing: whether @group's duos of the date's period have held their
 * whole cycle before the date (ctx->held). */
bool rk_planctx_held(const struct rk_planctx *ctx, int group);
/* While rebalancing: the previous plan's event with @id, or NULL. */
const struct rk_event *rk_planctx_prev_event(const struct rk_planctx *ctx,
					     const char *id);
/* The id of a duo activity after its kind (without the school's id):
 * "GROUP-pPERIOD-rROUND-A-B[-C]", the @n (2 or 3) people's ids in order;
 * the one form the session step names its events by and the duo step
 * looks them up by. */
void rk_planctx_duo_suffix(const struct rk_planctx *ctx, const char *group,
			   int period, int round, const int *people, size_t n,
			   char *buf, size_t size);
/* While rebalancing: the previous plan's event of @kind whose id ends in
 * @suffix (rk_planctx_duo_suffix, or a team session's), or NULL. */
const struct rk_event *rk_planctx_prev_of(const struct rk_planctx *ctx,
					  enum rk_event_kind kind,
					  const char *suffix);
/* While rebalancing: whether @old, an event of the previous plan, stays
 * in the plan as it was (ctx->kept). False when planning afresh. */
bool rk_planctx_kept(const struct rk_planctx *ctx, const struct rk_event *old);

/* The planner's steps, rk_step_<step>, in the order rk_planctx_run runs
 * them; each plans around what the steps before it booked in ctx->busy.
 * Each returns RK_OK, RK_ERR_NOMEM or RK_ERR_SOLVER; hard rules that
 * cannot be kept are counted in ctx->infeasible.
 *
 *  1. externals   (support.c)   the fixed dates from outside the school
 *                 (fora, bedrijfsbezoek, webinars, a bootcamp with a fixed
 *                 date); everything else avoids them.
 *  2. phases      (phases.c)    the first year's opening: draagvlaksessie,
 *                 startfase, bootcamp, startdag; fixes where the first
 *                 period starts.
 *  3. periods     (periods.c)   the year's periods (plan periods, no
 *                 events).
 *  4. moments     (moments.c)   every group's fixed weekly moment (in
 *                 ctx->groups, no events).
 *  5. weekly      (weekly.c)    the bordsessies on those moments and the
 *                 verbindingssessie that closes each period.
 *  6. duos        (duos.c)      the duos (and a trio) of every team in
 *                 every period (plan duos, no events).
 *  7. sessions    (sessions.c)  per team and period: gezamenlijk
 *                 lesontwerp, lesbezoek, feedbackgesprek, and the team
 *                 sessions not held in the bordsessie.
 *  8. team_order  (bound.c)     teams that share a teacher re-planned in
 *                 the order that costs least (replaces step 7's sessions
 *                 of those teams when cheaper).
 *  9. metingen    (support.c)   the metingen: deadlines that block nothing.
 * 10. bound       (bound.c)     the lower bound on the session models
 *                 (plan bound, no events). */
enum rk_status rk_step_externals(struct rk_planctx *ctx);
enum rk_status rk_step_phases(struct rk_planctx *ctx);
enum rk_status rk_step_periods(struct rk_planctx *ctx);
enum rk_status rk_step_moments(struct rk_planctx *ctx);
enum rk_status rk_step_weekly(struct rk_planctx *ctx);
enum rk_status rk_step_duos(struct rk_planctx *ctx);
enum rk_status rk_step_sessions(struct rk_planctx *ctx);
enum rk_status rk_step_team_order(struct rk_planctx *ctx);
enum rk_status rk_step_metingen(struct rk_planctx *ctx);
enum rk_status rk_step_bound(struct rk_planctx *ctx);

/* Parts of step 7 (sessions.c, parallel.c), and of steps 8 and 10. */

/* The sessions of group @g in period @p, planned and booked as
 * rk_step_sessions does for each team. */
enum rk_status rk_step_sessions_team(struct rk_planctx *ctx,
				     const struct rk_group *g,
				     const struct rk_period *p);

/* The sessions of team @groups[i] (an index into ctx->groups) in period
 * @periods[i], for each i below @n (period by period, each period's teams
 * in order), solved on ctx->options->jobs threads and put into the plan
 * in that order, exactly as one rk_step_sessions_team after the other
 * would (parallel.c). */
enum rk_status rk_step_sessions_parallel(struct rk_planctx *ctx,
					 const struct rk_period *const *periods,
					 const size_t *groups, size_t n);

/* Calls @fn(@data, i) for every i below @n on up to ctx->options->jobs
 * threads, the calling one among them, in no particular order; returns
 * when all are done (parallel.c). For work that only reads what is
 * shared: each call writes only what belongs to its i. */
void rk_parallel_each(const struct rk_planctx *ctx, size_t n,
		      void (*fn)(void *data, size_t i), void *data);

/* The suffixes of the names of a session model's later tries, which the
 * bound looks for: the later weeks for what found no place, then for
 * every session, then a lesbezoek in an earlier week of its round too. */
#define RK_SESSIONS_LATE_TRY	 ", slipping a week"
#define RK_SESSIONS_ALL_LATE_TRY ", every session may slip a week"
#define RK_SESSIONS_EARLY_TRY	 ", a lesbezoek earlier"

/* For the bound: the session model of group @g in period @p as a
 * relaxation of what rk_step_sessions solves (every session may slip,
 * every candidate kept, no idle time counted for the people marked in
 * @relaxed, feedback not dearer for coming later), solved against
 * ctx->busy; its optimum into *objective, whether proven into *optimal.
 * @early: a lesbezoek may come in an earlier week of its round too, as in
 * the planner's third try; only when that try made the plan, since its
 * extra candidates make the model many times harder to prove optimal.
 * Nothing is planned. */
enum rk_status rk_step_sessions_bound(struct rk_planctx *ctx,
				      const struct rk_group *g,
				      const struct rk_period *p,
				      const bool *relaxed, bool early,
				      double *objective, bool *optimal);

#endif
