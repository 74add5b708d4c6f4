/* bound.c - how far the whole plan is from the best whole plan.
 *
 * Every model is solved to optimality, but the year is solved team by
 * team in a fixed order: a teacher in two teams is booked by the first
 * team's sessions before the second team's model sees them. Each team's
 * session models solved alone, without the other teams' sessions, are a
 * relaxation of what the plan solved, so the sum of their optima is a
 * lower bound on the sum of the plan's session model objectives.
 *
 * A team none of whose members is in another team saw exactly the state it
 * would have seen alone (nobody else books its members), so its own
 * models are that relaxation already. A team with such members is solved
 * again, alone, in the relaxed form of rk_plan_sessions_bound. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planctx.h"

/* The events the session step plans (what the other teams book). */
static bool session_kind(enum rk_event_kind k)
{
	return k == RK_EV_GL || k == RK_EV_LB || k == RK_EV_FB ||
	       k == RK_EV_VERDIEPING || k == RK_EV_RETROSPECTIVE ||
	       k == RK_EV_LEERLINGARENA;
}

/* The report of the last model sessions.c solved for @g in period
 * @number (the second try, "slipping a week", when there was one). */
static const struct rk_solve_report *final_report(const struct rk_plan *plan,
						  const char *id, int number)
{
	char first[160], second[200];
	snprintf(first, sizeof(first), "sessions %s period %d", id, number);
	snprintf(second, sizeof(second), "%s, slipping a week", first);
	const struct rk_solve_report *found = NULL;
	for (size_t i = 0; i < rk_plan_n_reports(plan); i++) {
		const struct rk_solve_report *r = rk_plan_report(plan, i);
		if (r->model &&
		    (!strcmp(r->model, first) || !strcmp(r->model, second)))
			found = r;
	}
	return found;
}

static void book(struct rk_busy *busy, const struct rk_event *ev)
{
	for (size_t k = 0; k < ev->n_parts; k++)
		rk_busy_book(busy, ev->parts[k].person, ev->date,
			     ev->start >= 0 ? ev->start : 0,
			     ev->start >= 0 ? ev->end : 24 * 60);
}

/* The bookings as they stood before the session step: everything but the
 * sessions and the metingen (which book nothing). */
static enum rk_status before_sessions(const struct rk_planctx *ctx,
				      struct rk_busy **out)
{
	enum rk_status status = rk_busy_new(ctx->school, ctx->year, out);
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_events(ctx->plan);
	     i++) {
		const struct rk_event *ev = rk_plan_event(ctx->plan, i);
		if (!session_kind(ev->kind) && ev->kind != RK_EV_METING)
			book(*out, ev);
	}
	return status;
}

/* People in more than one lerarenteam that has sessions. */
static void mark_shared(const struct rk_planctx *ctx, bool *shared)
{
	size_t n_people = rk_school_n_person(ctx->school);
	for (size_t p = 0; p < n_people; p++) {
		int groups = 0;
		for (size_t g = 0; g < ctx->n_groups; g++) {
			const struct rk_group *grp = &ctx->groups[g];
			for (size_t m = 0; grp->team >= 0 &&
					   grp->first_week >= 0 && m < grp->n;
			     m++)
				groups += grp->members[m] == (int)p;
		}
		shared[p] = groups > 1;
	}
}

static bool has_shared(const struct rk_group *g, const bool *shared)
{
	for (size_t m = 0; m < g->n; m++)
		if (shared[g->members[m]])
			return true;
	return false;
}

/* Team @g alone: its periods in order, each solved relaxed and then its
 * own sessions of that period booked, as the plan had them. */
static enum rk_status team_alone(struct rk_planctx *ctx,
				 const struct rk_group *g, const bool *shared,
				 struct rk_plan_bound *b)
{
	struct rk_busy *alone = NULL, *saved = ctx->busy;
	enum rk_status status = before_sessions(ctx, &alone);
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_periods(ctx->plan);
	     i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (g->first_week > p->first_week)
			continue;
		double objective = 0.0;
		bool optimal = false;
		ctx->busy = alone;
		status = rk_plan_sessions_bound(ctx, g, p, shared, &objective,
						&optimal);
		ctx->busy = saved;
		b->bound += objective;
		b->known &= optimal;
		for (size_t e = 0; e < rk_plan_n_events(ctx->plan); e++) {
			const struct rk_event *ev = rk_plan_event(ctx->plan, e);
			if (session_kind(ev->kind) && ev->team == g->team &&
			    ev->period == p->number && ev->start >= 0)
				book(alone, ev);
		}
	}
	rk_busy_free(alone);
	return status;
}

enum rk_status rk_plan_bound(struct rk_planctx *ctx)
{
	/* Rebalancing keeps what was before the date: no whole to bound. */
	if (ctx->prev)
		return RK_OK;
	bool *shared = calloc(rk_school_n_person(ctx->school) + 1, 1);
	if (!shared)
		return RK_ERR_NOMEM;
	mark_shared(ctx, shared);
	struct rk_plan_bound b = { .known = true };
	enum rk_status status = RK_OK;
	for (size_t g = 0; status == RK_OK && g < ctx->n_groups; g++) {
		const struct rk_group *grp = &ctx->groups[g];
		if (grp->team < 0 || grp->first_week < 0)
			continue;
		bool coupled = has_shared(grp, shared);
		for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
			const struct rk_period *p =
				rk_plan_period(ctx->plan, i);
			if (grp->first_week > p->first_week)
				continue;
			const struct rk_solve_report *r =
				final_report(ctx->plan, grp->id, p->number);
			b.known &= r && r->result == RK_MIP_OPTIMAL;
			b.objective += r ? r->objective : 0.0;
			b.bound += r && !coupled ? r->objective : 0.0;
			b.models++;
		}
		if (coupled)
			status = team_alone(ctx, grp, shared, &b);
	}
	free(shared);
	rk_plan_set_bound(ctx->plan, b);
	return status;
}
