/* rebalance.c - the planner's steps again from a date on, each weighing
 * what it changes against the previous plan; then the frozen past and the
 * new future are put together and the changes counted. */
#include "config.h"

#include "rebalance.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "planctx.h"

static bool duo_kind(enum rk_event_kind kind)
{
	return kind == RK_EV_GL || kind == RK_EV_LB || kind == RK_EV_FB ||
	       kind == RK_EV_VERDIEPING || kind == RK_EV_RETROSPECTIVE ||
	       kind == RK_EV_LEERLINGARENA;
}

/* The week number in period @p (counting weeks with sessions) of the
 * request's first week: activities of earlier weeks were not re-planned. */
static int nth_of_from(const struct rk_planctx *ctx, const struct rk_period *p)
{
	int nth = 1;
	for (int w = p->first_week; w < ctx->from_week && w <= p->last_week;
	     w++)
		nth += ctx->session_week[w];
	return nth;
}

static const struct rk_period *period_number(const struct rk_plan *plan,
					     int number)
{
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++)
		if (rk_plan_period(plan, i)->number == number)
			return rk_plan_period(plan, i);
	return NULL;
}

/* A later event of an activity that began before the date (a
 * feedbackgesprek after a lesbezoek that has been) stays, unless one of
 * its people is away then. */
static bool carried_over(const struct rk_planctx *ctx,
			 const struct rk_event *ev)
{
	if (ev->date < ctx->from || !duo_kind(ev->kind))
		return false;
	const struct rk_period *p = period_number(ctx->prev, ev->period);
	if (!p || ev->week_in_period >= nth_of_from(ctx, p))
		return false;
	for (size_t i = 0; i < ev->n_parts; i++)
		if (rk_busy_absent(ctx->busy, ev->parts[i].person, ev->date))
			return false;
	return true;
}

static bool open_event(const struct rk_event *ev, void *data)
{
	const struct rk_planctx *ctx = data;
	return ev->date >= ctx->from;
}

/* The past exactly as it was, then what carries over, then the new. */
static enum rk_status merge(struct rk_planctx *ctx)
{
	rk_plan_filter(ctx->plan, open_event, ctx);
	size_t n_new = rk_plan_n_events(ctx->plan);
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *old = rk_plan_event(ctx->prev, i);
		bool keep = old->date < ctx->from || carried_over(ctx, old);
		if (!keep)
			continue;
		bool clash = false;
		for (size_t k = 0; k < n_new && !clash; k++)
			clash = !strcmp(rk_plan_event(ctx->plan, k)->id,
					old->id);
		if (!clash && !rk_plan_add_copy(ctx->plan, old))
			return RK_ERR_NOMEM;
	}
	rk_plan_sort(ctx->plan);
	return RK_OK;
}

static int cmp_by_id(const void *a, const void *b)
{
	const struct rk_event *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

/* The events of @plan ordered by id, for a merge walk. */
static const struct rk_event **by_id(const struct rk_plan *plan)
{
	size_t n = rk_plan_n_events(plan);
	const struct rk_event **list = malloc((n + 1) * sizeof(*list));
	if (!list)
		return NULL;
	for (size_t i = 0; i < n; i++)
		list[i] = rk_plan_event(plan, i);
	qsort(list, n, sizeof(*list), cmp_by_id);
	return list;
}

static bool same_event(const struct rk_event *a, const struct rk_event *b)
{
	if (a->date != b->date || a->start != b->start || a->end != b->end ||
	    a->n_parts != b->n_parts)
		return false;
	for (size_t i = 0; i < a->n_parts; i++)
		if (a->parts[i].person != b->parts[i].person ||
		    a->parts[i].role != b->parts[i].role)
			return false;
	return true;
}

static enum rk_status count_events(const struct rk_plan *old,
				   const struct rk_plan *next, int from,
				   struct rk_perturbation *pt)
{
	const struct rk_event **a = by_id(old), **b = by_id(next);
	size_t na = rk_plan_n_events(old), nb = rk_plan_n_events(next);
	size_t i = 0, j = 0;
	if (!a || !b) {
		free(a);
		free(b);
		return RK_ERR_NOMEM;
	}
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i]->id, b[j]->id);
		if (c < 0) {
			pt->events_cancelled += a[i]->date >= from;
			i++;
		} else if (c > 0) {
			pt->events_new += b[j]->date >= from;
			j++;
		} else {
			if (a[i]->date >= from || b[j]->date >= from) {
				if (same_event(a[i], b[j]))
					pt->events_kept++;
				else
					pt->events_moved++;
			}
			i++;
			j++;
		}
	}
	free(a);
	free(b);
	return RK_OK;
}

/* The one or two partners of @person in @period (person indices, sorted,
 * -1 for none). */
static void partners(const struct rk_plan *plan, int period, int person,
		     int out[2])
{
	out[0] = out[1] = -1;
	for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		if (d->period != period ||
		    (d->a != person && d->b != person && d->c != person))
			continue;
		int m[3] = { d->a, d->b, d->c }, k = 0;
		for (int x = 0; x < 3; x++)
			if (m[x] >= 0 && m[x] != person)
				out[k++] = m[x];
		if (out[0] > out[1] && out[1] >= 0) {
			int t = out[0];
			out[0] = out[1];
			out[1] = t;
		}
		return;
	}
}

/* People who lost a partner in the request's period (a person who left is
 * not counted: they have no partner any more). */
static int count_partners(const struct rk_planctx *ctx, int period)
{
	int changed = 0;
	for (size_t p = 0; p < rk_school_n_person(ctx->school); p++) {
		int was[2], now[2];
		partners(ctx->prev, period, (int)p, was);
		partners(ctx->plan, period, (int)p, now);
		if (now[0] < 0 && now[1] < 0)
			continue;
		/* Losing a partner counts; gaining a third does not. */
		for (int k = 0; k < 2; k++) {
			if (was[k] >= 0 && was[k] != now[0] &&
			    was[k] != now[1]) {
				changed++;
				break;
			}
		}
	}
	return changed;
}

static int count_moments(const struct rk_plan *old, const struct rk_plan *next)
{
	int changed = 0;
	for (size_t i = 0; i < rk_plan_n_moments(next); i++) {
		const struct rk_moment *n = rk_plan_moment(next, i);
		for (size_t k = 0; k < rk_plan_n_moments(old); k++) {
			const struct rk_moment *o = rk_plan_moment(old, k);
			if (o->team == n->team)
				changed += o->weekday != n->weekday ||
					   o->start != n->start;
		}
	}
	return changed;
}

/* The period the date falls in, or the first after it. */
static int current_period(const struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (p->last_week >= ctx->from_week)
			return p->number;
	}
	return 0;
}

/* Someone who left for good is no longer in any group (from the date on;
 * before it the old plan stands). */
static void leave_groups(struct rk_planctx *ctx, int person)
{
	for (size_t g = 0; g < ctx->n_groups; g++) {
		struct rk_group *grp = &ctx->groups[g];
		size_t kept = 0;
		for (size_t m = 0; m < grp->n; m++)
			if (grp->members[m] != person)
				grp->members[kept++] = grp->members[m];
		grp->n = kept;
	}
}

enum rk_status rk_rebalance(const struct rk_school *school,
			    const struct rk_schoolyear *year,
			    const struct rk_plan *previous,
			    const struct rk_rebalance_request *request,
			    const struct rk_plan_options *options,
			    struct rk_plan **out,
			    struct rk_perturbation *perturbation,
			    struct rk_diags *diags)
{
	struct rk_planctx ctx;
	*out = NULL;
	memset(perturbation, 0, sizeof(*perturbation));
	const struct rk_day *day = rk_schoolyear_day(year, request->from);
	if (!day)
		return RK_ERR_ARG;
	enum rk_status status =
		rk_planctx_init(&ctx, school, year, options, diags);
	if (status != RK_OK)
		goto out;
	ctx.prev = previous;
	ctx.req = request;
	ctx.from = request->from;
	ctx.from_week = day->week;
	for (size_t i = 0; i < request->n_absences; i++) {
		rk_busy_set_absent(ctx.busy, request->absences[i].person,
				   request->from, request->absences[i].until);
		if (request->absences[i].until == INT_MAX)
			leave_groups(&ctx, request->absences[i].person);
	}
	status = rk_planctx_run(&ctx);
	if (status == RK_OK)
		status = merge(&ctx);
	if (status == RK_OK)
		status = count_events(previous, ctx.plan, ctx.from,
				      perturbation);
	if (status != RK_OK)
		goto out;
	perturbation->partners_changed =
		count_partners(&ctx, current_period(&ctx));
	perturbation->moments_changed = count_moments(previous, ctx.plan);
	if (ctx.infeasible)
		status = RK_ERR_INFEASIBLE;
	if (!ctx.infeasible || ctx.options->allow_violations) {
		*out = ctx.plan;
		ctx.plan = NULL;
	}
out:
	rk_planctx_release(&ctx);
	return status;
}
