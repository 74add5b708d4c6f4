/* periods.c - the year's periods, from the first period's start to the
 * last week with sessions.
 *
 * The weeks with sessions are split into consecutive periods of min..max
 * weeks (holiday weeks and toetsweken do not count: a period stretches over
 * them). As a GLPK model it is a shortest path: one binary per possible
 * period (first week, length), flow conservation from the first week to the
 * end. Costs: the distance from the preferred length (8 for "aan de slag",
 * 7 after), and a period that does not end just before a holiday or a
 * toetsweek, so the verbindingssessie closes a natural stretch. A week left
 * outside every period (only when the weeks cannot be split) costs most. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "planctx.h"

#define COST_PER_WEEK_OFF_TARGET 10
#define COST_NOT_BEFORE_BREAK	 15
#define COST_WEEK_WITHOUT_PERIOD 60

struct arc {
	int from;  /* position in the list of session weeks */
	int to;	   /* exclusive */
	bool skip; /* a week outside every period */
	int col;
};

/* Whether the week after session week @weeks[i] is a break (no sessions)
 * or the end of the year. */
static bool before_break(const struct rk_planctx *ctx, const int *weeks,
			 size_t n, size_t i)
{
	if (i + 1 >= n)
		return true;
	return weeks[i + 1] != weeks[i] + 1;
}

static double arc_cost(const struct rk_planctx *ctx, const int *weeks, size_t n,
		       const struct arc *a, bool first_is_start)
{
	int length = a->to - a->from;
	if (a->skip)
		return COST_WEEK_WITHOUT_PERIOD;
	int target = first_is_start && a->from == 0 ? 8 : 7;
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	if (target > st->period_weeks_max)
		target = st->period_weeks_max;
	if (target < st->period_weeks_min)
		target = st->period_weeks_min;
	double cost = COST_PER_WEEK_OFF_TARGET * abs(length - target);
	if (!before_break(ctx, weeks, n, (size_t)a->to - 1))
		cost += COST_NOT_BEFORE_BREAK;
	return cost;
}

static size_t make_arcs(const struct rk_settings *st, size_t n,
			struct arc *arcs)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		for (int len = st->period_weeks_min;
		     len <= st->period_weeks_max; len++)
			if (i + (size_t)len <= n)
				arcs[m++] = (struct arc){ (int)i, (int)i + len,
							  false, -1 };
		arcs[m++] = (struct arc){ (int)i, (int)i + 1, true, -1 };
	}
	return m;
}

static enum rk_status build(struct rk_planctx *ctx, struct rk_mip *mip,
			    const int *weeks, size_t n, struct arc *arcs,
			    size_t m, bool first_is_start)
{
	char name[64];
	for (size_t a = 0; a < m; a++) {
		snprintf(name, sizeof(name), "%s_%d_%d",
			 arcs[a].skip ? "skip" : "period", arcs[a].from,
			 arcs[a].to);
		arcs[a].col = rk_mip_add_binary(
			mip, name,
			arc_cost(ctx, weeks, n, &arcs[a], first_is_start));
		if (arcs[a].col < 0)
			return RK_ERR_NOMEM;
	}
	/* Flow: one unit leaves week 0 and arrives after the last week. */
	for (size_t k = 0; k <= n; k++) {
		double rhs = k == 0 ? -1.0 : k == n ? 1.0 : 0.0;
		snprintf(name, sizeof(name), "node_%zu", k);
		if (rk_mip_add_row(mip, name, RK_MIP_EQ, rhs) < 0)
			return RK_ERR_NOMEM;
		for (size_t a = 0; a < m; a++) {
			double coef = (size_t)arcs[a].to == k	  ? 1.0
				      : (size_t)arcs[a].from == k ? -1.0
								  : 0.0;
			if (coef != 0.0 &&
			    rk_mip_term(mip, arcs[a].col, coef) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return RK_OK;
}

static enum rk_status record(struct rk_planctx *ctx, const struct rk_mip *mip,
			     const int *weeks, const struct arc *arcs, size_t m,
			     bool first_is_start)
{
	int number = 0, pos = 0;
	for (bool found = true; found;) {
		found = false;
		for (size_t a = 0; a < m && !found; a++) {
			if (arcs[a].from != pos ||
			    !rk_mip_chosen(mip, arcs[a].col))
				continue;
			found = true;
			pos = arcs[a].to;
			if (arcs[a].skip)
				continue;
			number++;
			struct rk_period p = {
				.number = number,
				.phase = first_is_start && number == 1
						 ? "aan de slag"
						 : "uitbouwen",
				.first_week = weeks[arcs[a].from],
				.last_week = weeks[arcs[a].to - 1],
				.weeks = arcs[a].to - arcs[a].from,
			};
			if (rk_plan_add_period(ctx->plan, p) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return RK_OK;
}

/* Teams of a later cohort start with a later period in year 1. */
static void set_group_starts(struct rk_planctx *ctx)
{
	size_t n_periods = rk_plan_n_periods(ctx->plan);
	bool year1 = rk_school_get_info(ctx->school)->programme_year < 2;
	for (size_t g = 0; g < ctx->n_groups && n_periods; g++) {
		struct rk_group *grp = &ctx->groups[g];
		size_t p = 0;
		if (year1 && grp->team >= 0) {
			int cohort = rk_school_get_team(ctx->school,
							(size_t)grp->team)
					     ->cohort;
			p = cohort > 1 ? (size_t)cohort - 1 : 0;
			if (p >= n_periods)
				p = n_periods - 1;
		}
		grp->first_week = rk_plan_period(ctx->plan, p)->first_week;
	}
}

/* Rebalancing keeps the periods: their verbindingssessies are known. */
static enum rk_status keep_periods(struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->prev); i++)
		if (rk_plan_add_period(ctx->plan,
				       *rk_plan_period(ctx->prev, i)) != RK_OK)
			return RK_ERR_NOMEM;
	set_group_starts(ctx);
	return RK_OK;
}

enum rk_status rk_step_periods(struct rk_planctx *ctx)
{
	if (ctx->prev)
		return keep_periods(ctx);
	if (ctx->start_week < 0)
		return RK_OK;
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	size_t n_year = rk_schoolyear_n_weeks(ctx->year), n = 0;
	int *weeks = calloc(n_year + 1, sizeof(int));
	struct arc *arcs = calloc((n_year + 1) * 10, sizeof(*arcs));
	struct rk_mip *mip = rk_mip_new("periods");
	enum rk_status status = RK_ERR_NOMEM;
	if (!weeks || !arcs || !mip)
		goto out;
	for (size_t w = (size_t)ctx->start_week; w < n_year; w++)
		if (ctx->session_week[w])
			weeks[n++] = (int)w;
	bool first_is_start =
		rk_school_get_info(ctx->school)->programme_year < 2;
	size_t m = make_arcs(st, n, arcs);
	if (build(ctx, mip, weeks, n, arcs, m, first_is_start) != RK_OK)
		goto out;
	enum rk_mip_result result;
	status = rk_planctx_solve(ctx, mip, "periods", &result);
	if (status != RK_OK)
		goto out;
	if (result != RK_MIP_OPTIMAL && result != RK_MIP_FEASIBLE) {
		status = RK_ERR_SOLVER; /* a skip path always exists */
		goto out;
	}
	status = record(ctx, mip, weeks, arcs, m, first_is_start);
	set_group_starts(ctx);
out:
	rk_mip_free(mip);
	free(arcs);
	free(weeks);
	return status;
}
