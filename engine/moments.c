/* moments.c - the fixed weekly moment of every team ("vast moment").
 *
 * One binary per (group, candidate moment) where every member is free in
 * every week the group meets; exactly one per group; a person in several
 * groups (the leerKRACHT-team, a schoolleider, multi-team teachers) never
 * has two overlapping moments; only moments inside the school's windows
 * for the bordsessie (rk_settings_window_ok). Costs: idle time around the
 * moment, late on Friday, and overlap between teams (so that the
 * schoolleider can drop in on every team). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "explain.h"
#include "planctx.h"
#include "planner.h"
#include "i18n.h"

#define COST_LATE_FRIDAY   150
#define COST_NO_ROOM	   300	  /* no room for a team session after it */
#define COST_LATE	   40	  /* ending after 17:00 */
#define COST_MOMENT_CHANGE 100000 /* rebalancing: a moment moves */
#define COST_OVERLAP	   20	  /* per pair of teams meeting at once */

struct cand {
	int group;
	int weekday;
	int start;
	int end;
	double cost;
	int col;
};

struct cands {
	struct cand *items;
	size_t n;
	size_t cap;
};

static int push(struct cands *c, struct cand v)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct cand *items = realloc(c->items, cap * sizeof(*items));
		if (!items)
			return -1;
		c->items = items;
		c->cap = cap;
	}
	c->items[c->n++] = v;
	return 0;
}

/* The dates on @weekday in the weeks the group meets that are school days. */
static size_t meeting_dates(const struct rk_planctx *ctx,
			    const struct rk_group *g, int weekday, int *out,
			    size_t cap)
{
	size_t n = 0;
	if (g->first_week < 0)
		return 0;
	for (size_t w = (size_t)g->first_week;
	     w < rk_schoolyear_n_weeks(ctx->year) && n < cap; w++) {
		if (!ctx->session_week[w])
			continue;
		int date = rk_schoolyear_week(ctx->year, w)->monday + weekday;
		const struct rk_day *d = rk_schoolyear_day(ctx->year, date);
		if (d && d->school_day && rk_planctx_open(ctx, date))
			out[n++] = date;
	}
	return n;
}

/* Whether every member works and has no lesson at the moment on every
 * date; the idle cost averaged over the dates goes to @cost. A fixed date
 * from outside (a forum) does not move the weekly moment: the member is
 * excused that week instead. */
static bool available(const struct rk_planctx *ctx, int person, int date,
		      int start, int end)
{
	/* Someone away (rebalancing) does not hold the team's moment back. */
	if (rk_busy_absent(ctx->busy, person, date))
		return true;
	return rk_busy_works(ctx->busy, person, date) &&
	       !rk_busy_teaching(ctx->busy, person, date, start, end);
}

static bool all_free(const struct rk_planctx *ctx, const struct rk_group *g,
		     const int *dates, size_t n_dates, int start, int end,
		     double *cost)
{
	long idle = 0;
	for (size_t m = 0; m < g->n; m++) {
		for (size_t k = 0; k < n_dates; k++) {
			if (!available(ctx, g->members[m], dates[k], start,
				       end))
				return false;
			idle += rk_busy_idle_cost(ctx->busy, g->members[m],
						  dates[k], start, end, 60);
		}
	}
	*cost = n_dates ? (double)idle / (double)n_dates : 0.0;
	return true;
}

#define MAX_DATES  60
#define MAX_STARTS 64

/* Rebalancing: a team keeps its weekly moment while it is feasible. */
static double change_cost(const struct rk_planctx *ctx, int team, int weekday,
			  int start)
{
	for (size_t i = 0; ctx->prev && i < rk_plan_n_moments(ctx->prev); i++) {
		const struct rk_moment *m = rk_plan_moment(ctx->prev, i);
		if (m->team == team)
			return m->weekday == weekday && m->start == start
				       ? 0.0
				       : COST_MOMENT_CHANGE;
	}
	return 0.0;
}

static double moment_cost(int weekday, int start, int end, double idle)
{
	double cost = idle;
	if (weekday == 4 && start >= 14 * 60)
		cost += COST_LATE_FRIDAY;
	if (end > 17 * 60)
		cost += COST_LATE;
	return cost;
}

/* A school holding team sessions in the bordsessie (ritmiek.team_sessions)
 * needs 30 more minutes after the moment in those weeks; a moment without
 * them makes that week's bordsessie move. The cost grows with the share
 * of weeks in which a member teaches in the half hour after @end. */
static double no_room_cost(const struct rk_planctx *ctx,
			   const struct rk_group *g, const int *dates,
			   size_t n_dates, int start, int end)
{
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	if (!st->in_bordsessie || g->team < 0 || n_dates == 0)
		return 0.0;
	size_t blocked = 0;
	for (size_t k = 0; k < n_dates; k++) {
		bool free = rk_settings_window_ok(st, RK_EV_BORDSESSIE,
						  rk_date_weekday(dates[k]),
						  start, end + 30);
		for (size_t m = 0; m < g->n && free; m++)
			free = available(ctx, g->members[m], dates[k], end,
					 end + 30);
		blocked += !free;
	}
	return COST_NO_ROOM * (double)blocked / (double)n_dates;
}

/* The event kind of the group's weekly session, for its windows. */
static int group_kind(const struct rk_group *g)
{
	return g->team < 0 ? RK_EV_LKTEAM : RK_EV_BORDSESSIE;
}

/* Weekdays on which every member works. */
static unsigned common_days(const struct rk_planctx *ctx,
			    const struct rk_group *g)
{
	unsigned days = RK_WORKDAYS_DEFAULT;
	for (size_t m = 0; m < g->n; m++)
		days &= rk_school_get_person(ctx->school, (size_t)g->members[m])
				->workdays;
	return days;
}

static int group_candidates(const struct rk_planctx *ctx, int gi, int length,
			    struct cands *out)
{
	const struct rk_group *g = &ctx->groups[gi];
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	unsigned days = common_days(ctx, g);
	int starts[MAX_STARTS], dates[MAX_DATES];
	for (int d = 0; d < 5; d++) {
		if (!(days & (1u << d)))
			continue;
		size_t n_dates = meeting_dates(ctx, g, d, dates, MAX_DATES);
		size_t n = rk_planctx_start_times(ctx, d, starts, MAX_STARTS);
		for (size_t i = 0; i < n; i++) {
			int s = starts[i], e = starts[i] + length;
			double idle;
			if (!rk_settings_window_ok(st, group_kind(g), d, s,
						   e) ||
			    !all_free(ctx, g, dates, n_dates, s, e, &idle))
				continue;
			double cost =
				moment_cost(d, s, e, idle) +
				no_room_cost(ctx, g, dates, n_dates, s, e) +
				change_cost(ctx, g->team, d, s);
			/* Rebalancing: an untouched team keeps its moment. */
			if (rk_planctx_frozen(ctx, gi) &&
			    change_cost(ctx, g->team, d, s) > 0)
				continue;
			struct cand c = { gi, d, s, e, cost, -1 };
			if (push(out, c) < 0)
				return -1;
		}
	}
	return 0;
}

/* Number of (member, date) pairs that block a moment; a member who does
 * not work that day blocks every date. */
static size_t blockers(const struct rk_planctx *ctx, const struct rk_group *g,
		       int weekday, const int *dates, size_t n, int s, int e)
{
	size_t count = 0;
	for (size_t m = 0; m < g->n; m++) {
		const struct rk_person *p = rk_school_get_person(
			ctx->school, (size_t)g->members[m]);
		if (!(p->workdays & (1u << weekday))) {
			count += n ? n : 1;
			continue;
		}
		for (size_t k = 0; k < n; k++)
			count += !available(ctx, g->members[m], dates[k], s, e);
	}
	return count;
}

/* No moment exists: name the closest one and who blocks it, and (when
 * violations are allowed) take it anyway. */
static void explain_no_moment(struct rk_planctx *ctx, struct rk_group *g,
			      int length)
{
	int starts[MAX_STARTS], dates[MAX_DATES];
	size_t best = (size_t)-1;
	int best_d = 0, best_s = 0;
	for (int d = 0; d < 5; d++) {
		size_t n_dates = meeting_dates(ctx, g, d, dates, MAX_DATES);
		size_t n = rk_planctx_start_times(ctx, d, starts, MAX_STARTS);
		for (size_t i = 0; i < n; i++) {
			int s = starts[i], e = s + length;
			if (!rk_settings_window_ok(
				    rk_school_get_settings(ctx->school),
				    group_kind(g), d, s, e))
				continue;
			size_t b = blockers(ctx, g, d, dates, n_dates, s, e);
			if (b < best) {
				best = b;
				best_d = d;
				best_s = s;
			}
		}
	}
	if (best == (size_t)-1) {
		rk_planctx_infeasible_at(
			ctx,
			rk_settings_window_loc(
				rk_school_get_settings(ctx->school),
				group_kind(g)),
			_("%s: no time in the school's windows for a %d-minute bordsessie"),
			g->name, length);
		return;
	}
	rk_explain_no_moment(ctx, (int)(g - ctx->groups), length);
	if (ctx->options->allow_violations) {
		g->moment = (struct rk_moment){ g->team, best_d, best_s,
						best_s + length, 0 };
		g->has_moment = true;
	}
}

static int covers(const struct cand *c, int weekday, int t)
{
	return c->weekday == weekday && c->start <= t && t < c->end;
}

static bool is_member(const struct rk_group *g, int person)
{
	for (size_t m = 0; m < g->n; m++)
		if (g->members[m] == person)
			return true;
	return false;
}

/* No person in two overlapping moments: one row per (person in several
 * groups, weekday, candidate start), which is enough for intervals. */
static enum rk_status conflict_rows(struct rk_planctx *ctx, struct rk_mip *mip,
				    const struct cands *cs, int person)
{
	enum rk_status status = RK_OK;
	size_t *mine = malloc((cs->n + 1) * sizeof(*mine)), n = 0;
	if (!mine)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < cs->n; i++)
		if (is_member(&ctx->groups[cs->items[i].group], person))
			mine[n++] = i;
	char name[96];
	for (size_t i = 0; i < n; i++) {
		const struct cand *p = &cs->items[mine[i]];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = cs->items[mine[k]].weekday == p->weekday &&
			       cs->items[mine[k]].start == p->start;
		if (seen)
			continue;
		snprintf(name, sizeof(name), "p%d_d%d_t%d_c%zu", person,
			 p->weekday, p->start, mine[i]);
		if (rk_mip_add_row(mip, name, RK_MIP_LE, 1.0) < 0) {
			status = RK_ERR_NOMEM;
			goto out;
		}
		for (size_t j = 0; j < n; j++) {
			const struct cand *c = &cs->items[mine[j]];
			if (!covers(c, p->weekday, p->start))
				continue;
			status = rk_mip_term(mip, c->col, 1.0);
			if (status != RK_OK)
				goto out;
		}
	}
out:
	free(mine);
	return status;
}

/* Teams meeting at the same time cost a little: the schoolleider cannot be
 * at both. One integer per (weekday, start) counts the excess. */
static enum rk_status overlap_rows(struct rk_planctx *ctx, struct rk_mip *mip,
				   const struct cands *cs)
{
	char name[64];
	for (size_t i = 0; i < cs->n; i++) {
		const struct cand *p = &cs->items[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = cs->items[k].weekday == p->weekday &&
			       cs->items[k].start == p->start;
		if (seen)
			continue;
		snprintf(name, sizeof(name), "overlap_d%d_t%d", p->weekday,
			 p->start);
		int o = rk_mip_add_integer(mip, name, COST_OVERLAP, 0.0,
					   (double)ctx->n_groups);
		if (o < 0 || rk_mip_add_row(mip, name, RK_MIP_LE, 1.0) < 0)
			return RK_ERR_NOMEM;
		enum rk_status status = rk_mip_term(mip, o, -1.0);
		for (size_t j = 0; j < cs->n && status == RK_OK; j++) {
			const struct cand *c = &cs->items[j];
			if (ctx->groups[c->group].team >= 0 &&
			    covers(c, p->weekday, p->start))
				status = rk_mip_term(mip, c->col, 1.0);
		}
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

static enum rk_status build(struct rk_planctx *ctx, struct rk_mip *mip,
			    struct cands *cs)
{
	char name[96];
	for (size_t i = 0; i < cs->n; i++) {
		struct cand *c = &cs->items[i];
		snprintf(name, sizeof(name), "m_%s_d%d_t%d",
			 ctx->groups[c->group].id, c->weekday, c->start);
		c->col = rk_mip_add_binary(mip, name, c->cost);
		if (c->col < 0)
			return RK_ERR_NOMEM;
	}
	for (size_t g = 0; g < ctx->n_groups; g++) {
		snprintf(name, sizeof(name), "one_%s", ctx->groups[g].id);
		bool any = false;
		for (size_t i = 0; i < cs->n && !any; i++)
			any = cs->items[i].group == (int)g;
		if (!any)
			continue;
		if (rk_mip_add_row(mip, name, RK_MIP_EQ, 1.0) < 0)
			return RK_ERR_NOMEM;
		enum rk_status status = RK_OK;
		for (size_t i = 0; i < cs->n && status == RK_OK; i++)
			if (cs->items[i].group == (int)g)
				status =
					rk_mip_term(mip, cs->items[i].col, 1.0);
		if (status != RK_OK)
			return status;
	}
	/* People in more than one group. */
	size_t n_people = rk_school_n_person(ctx->school);
	for (size_t p = 0; p < n_people; p++) {
		int groups = 0;
		for (size_t g = 0; g < ctx->n_groups; g++)
			groups += is_member(&ctx->groups[g], (int)p) &&
				  ctx->groups[g].first_week >= 0;
		if (groups <= 1)
			continue;
		enum rk_status status = conflict_rows(ctx, mip, cs, (int)p);
		if (status != RK_OK)
			return status;
	}
	return overlap_rows(ctx, mip, cs);
}

/* Who sits in several groups, for the message when moments clash. */
static void explain_clash(struct rk_planctx *ctx)
{
	char who[1024] = "";
	size_t len = 0;
	for (size_t p = 0; p < rk_school_n_person(ctx->school); p++) {
		int groups = 0;
		for (size_t g = 0; g < ctx->n_groups; g++)
			groups += is_member(&ctx->groups[g], (int)p);
		if (groups > 1 && len < sizeof(who) - 1)
			len += (size_t)snprintf(who + len, sizeof(who) - len,
						"%s%s", len ? ", " : "",
						rk_planctx_name(ctx, (int)p));
		if (len >= sizeof(who))
			len = sizeof(who) - 1;
	}
	rk_planctx_infeasible(
		ctx,
		_("the weekly moments cannot be combined: someone in several teams would be in two places at once (people in several teams: %s)"),
		who[0] ? who : "none");
}

enum rk_status rk_step_moments(struct rk_planctx *ctx)
{
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	struct cands cs = { 0 };
	struct rk_mip *mip = NULL;
	enum rk_status status = RK_ERR_NOMEM;
	for (size_t g = 0; g < ctx->n_groups; g++) {
		struct rk_group *grp = &ctx->groups[g];
		if (grp->first_week < 0)
			continue;
		size_t before = cs.n;
		if (group_candidates(ctx, (int)g, st->bordsessie_minutes, &cs) <
		    0)
			goto out;
		if (cs.n > before)
			continue;
		explain_no_moment(ctx, grp, st->bordsessie_minutes);
		if (grp->has_moment &&
		    push(&cs, (struct cand){ (int)g, grp->moment.weekday,
					     grp->moment.start, grp->moment.end,
					     0.0, -1 }) < 0)
			goto out;
	}
	mip = rk_mip_new("weekly-moments");
	if (!mip)
		goto out;
	status = build(ctx, mip, &cs);
	if (status != RK_OK)
		goto out;
	enum rk_mip_result result;
	status = rk_planctx_solve(ctx, mip, "weekly moments", &result);
	if (status != RK_OK)
		goto out;
	if (result != RK_MIP_OPTIMAL && result != RK_MIP_FEASIBLE) {
		explain_clash(ctx);
		goto out;
	}
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.items[i];
		if (!rk_mip_chosen(mip, c->col))
			continue;
		struct rk_group *g = &ctx->groups[c->group];
		g->moment = (struct rk_moment){ g->team, c->weekday, c->start,
						c->end, 0 };
		g->has_moment = true;
		status = rk_plan_add_moment(ctx->plan, g->moment);
		if (status != RK_OK)
			goto out;
	}
out:
	rk_mip_free(mip);
	free(cs.items);
	return status;
}
