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
 * again, alone, in the relaxed form of rk_step_sessions_bound. */
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
 * @number (the second or third try, when there was one). */
static const struct rk_solve_report *final_report(const struct rk_plan *plan,
						  const char *id, int number)
{
	static const char *const tries[] = { "", RK_SESSIONS_LATE_TRY,
					     RK_SESSIONS_ALL_LATE_TRY,
					     RK_SESSIONS_EARLY_TRY };
	char first[160];
	size_t n = (size_t)snprintf(first, sizeof(first),
				    "sessions %s period %d", id, number);
	const struct rk_solve_report *found = NULL;
	for (size_t i = 0; n < sizeof(first) && i < rk_plan_n_reports(plan);
	     i++) {
		const struct rk_solve_report *r = rk_plan_report(plan, i);
		if (!r->model || strncmp(r->model, first, n) != 0)
			continue;
		for (size_t t = 0; t < sizeof(tries) / sizeof(tries[0]); t++)
			if (!strcmp(r->model + n, tries[t]))
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
		/* The relaxation must hold what the plan did: the earlier
		 * weeks of a lesbezoek only when the third try made it. */
		const struct rk_solve_report *last =
			final_report(ctx->plan, g->id, p->number);
		bool early = last && last->model &&
			     strstr(last->model, RK_SESSIONS_EARLY_TRY) != NULL;
		status = rk_step_sessions_bound(ctx, g, p, shared, early,
						&objective, &optimal);
		ctx->busy = saved;
		/* The bound only informs: a model the solver could not finish
		 * leaves it unknown, the plan stands. */
		if (status == RK_ERR_SOLVER) {
			status = RK_OK;
			optimal = false;
		}
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

enum rk_status rk_step_bound(struct rk_planctx *ctx)
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

/* --- the order of teams that share a teacher -------------------------- */

#define MAX_TRIES 8 /* orders tried; each plans the sharing teams again */

struct sharing {
	const struct rk_group **teams; /* in the order they were planned */
	size_t n;
	const bool *shared;
};

static bool of_sharing(const struct rk_event *ev, const struct sharing *s)
{
	if (!session_kind(ev->kind))
		return false;
	for (size_t i = 0; i < s->n; i++)
		if (ev->team == s->teams[i]->team)
			return true;
	return false;
}

static bool keep_other(const struct rk_event *ev, void *data)
{
	return !of_sharing(ev, data);
}

/* The summed objectives of the last session models of the sharing
 * teams; false when one is missing or not proven optimal. */
static bool sharing_objective(const struct rk_planctx *ctx,
			      const struct sharing *s, double *sum)
{
	*sum = 0.0;
	for (size_t t = 0; t < s->n; t++)
		for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
			const struct rk_period *p =
				rk_plan_period(ctx->plan, i);
			if (s->teams[t]->first_week > p->first_week)
				continue;
			const struct rk_solve_report *r = final_report(
				ctx->plan, s->teams[t]->id, p->number);
			if (!r || r->result != RK_MIP_OPTIMAL)
				return false;
			*sum += r->objective;
		}
	return true;
}

/* ctx->busy again from the plan's events (what the session step and
 * every step before it booked). */
static enum rk_status rebook(struct rk_planctx *ctx)
{
	struct rk_busy *busy = NULL;
	enum rk_status status = rk_busy_new(ctx->school, ctx->year, &busy);
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_events(ctx->plan);
	     i++) {
		const struct rk_event *ev = rk_plan_event(ctx->plan, i);
		if (ev->kind != RK_EV_METING)
			book(busy, ev);
	}
	if (status != RK_OK) {
		rk_busy_free(busy);
		return status;
	}
	rk_busy_free(ctx->busy);
	ctx->busy = busy;
	return RK_OK;
}

/* Copies the sharing teams' sessions of @from into @to. */
static enum rk_status copy_sessions(const struct rk_plan *from,
				    struct rk_plan *to, const struct sharing *s)
{
	for (size_t i = 0; i < rk_plan_n_events(from); i++) {
		const struct rk_event *ev = rk_plan_event(from, i);
		if (of_sharing(ev, s) && !rk_plan_add_copy(to, ev))
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* Plans the sharing teams again with @first of them first, the others in
 * their order, every other team's sessions staying as they are. */
static enum rk_status replan(struct rk_planctx *ctx, const struct sharing *s,
			     size_t first)
{
	rk_plan_filter(ctx->plan, keep_other, (void *)s);
	enum rk_status status = rebook(ctx);
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_periods(ctx->plan);
	     i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		for (size_t k = 0; status == RK_OK && k < s->n; k++) {
			size_t t = k == 0 ? first : k <= first ? k - 1 : k;
			if (s->teams[t]->first_week <= p->first_week)
				status = rk_step_sessions_team(ctx, s->teams[t],
							       p);
		}
	}
	return status;
}

/* Puts back the sessions of @kept, the reports as they were after
 * @n_reports. */
static enum rk_status undo(struct rk_planctx *ctx, const struct sharing *s,
			   const struct rk_plan *kept, size_t n_reports)
{
	rk_plan_filter(ctx->plan, keep_other, (void *)s);
	rk_plan_truncate_reports(ctx->plan, n_reports);
	enum rk_status status = copy_sessions(kept, ctx->plan, s);
	return status == RK_OK ? rebook(ctx) : status;
}

/* Tries each sharing team first in turn and keeps the order whose models
 * sum lowest; a try that breaks a hard rule is undone. */
static enum rk_status try_orders(struct rk_planctx *ctx,
				 const struct sharing *s)
{
	double best;
	if (!sharing_objective(ctx, s, &best))
		return RK_OK;
	struct rk_plan *kept = rk_plan_new();
	struct rk_diags *quiet = rk_diags_new(), *diags = ctx->diags;
	enum rk_status status = RK_ERR_NOMEM;
	if (!kept || !quiet || copy_sessions(ctx->plan, kept, s) != RK_OK)
		goto out;
	status = RK_OK;
	for (size_t first = 1;
	     status == RK_OK && first < s->n && first < MAX_TRIES; first++) {
		size_t n_reports = rk_plan_n_reports(ctx->plan);
		int infeasible = ctx->infeasible;
		double sum;
		ctx->diags = quiet;
		status = replan(ctx, s, first);
		ctx->diags = diags;
		bool better =
			status == RK_OK && ctx->infeasible == infeasible &&
			sharing_objective(ctx, s, &sum) && sum < best - 1e-6;
		ctx->infeasible = infeasible;
		if (status != RK_OK)
			break;
		if (!better) {
			status = undo(ctx, s, kept, n_reports);
			continue;
		}
		best = sum;
		rk_plan_free(kept);
		kept = rk_plan_new();
		if (!kept || copy_sessions(ctx->plan, kept, s) != RK_OK)
			status = RK_ERR_NOMEM;
	}
out:
	ctx->diags = diags;
	rk_diags_free(quiet);
	rk_plan_free(kept);
	return status;
}

enum rk_status rk_step_team_order(struct rk_planctx *ctx)
{
	/* Rebalancing keeps what it can; a plan that already breaks a rule
	 * is not worth the time. */
	if (ctx->prev || ctx->infeasible)
		return RK_OK;
	bool *shared = calloc(rk_school_n_person(ctx->school) + 1, 1);
	const struct rk_group **teams =
		calloc(ctx->n_groups + 1, sizeof(*teams));
	enum rk_status status = RK_ERR_NOMEM;
	if (!shared || !teams)
		goto out;
	mark_shared(ctx, shared);
	struct sharing s = { teams, 0, shared };
	for (size_t g = 0; g < ctx->n_groups; g++) {
		const struct rk_group *grp = &ctx->groups[g];
		if (grp->team >= 0 && grp->first_week >= 0 &&
		    has_shared(grp, shared))
			teams[s.n++] = grp;
	}
	status = s.n > 1 ? try_orders(ctx, &s) : RK_OK;
out:
	free(shared);
	free(teams);
	return status;
}
