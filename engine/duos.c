/* duos.c - the duos (and one trio for an odd team) of every team in every
 * period, chosen by GLPK.
 *
 * One binary per possible duo and, for odd teams, per possible trio; every
 * member in exactly one. Hard: each partner can visit a lesson of the
 * other, free while the other teaches, in the period. Costs: different
 * subject and grade band, a partner they had in an earlier period, few
 * chances to visit. A pair that cannot visit each other stays in the model
 * at a prohibitive cost, so that a team whose members cannot all be paired
 * still gets the best split, and the reason is reported in words. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "planctx.h"

#define MAX_TEAM	       32
#define COST_NO_COMMON_SUBJECT 4
#define COST_NO_COMMON_GRADE   2
#define COST_REPEAT	       20
#define COST_IMPOSSIBLE	       100000
/* Rebalancing: a person whose duo partner changes weighs most. */
#define COST_PARTNER_CHANGED 1000

struct pairing {
	const struct rk_group *g;
	const struct rk_period *p;
	int n;
	int members[MAX_TEAM]; /* the group's members who take part */
	bool current;	       /* rebalancing: the period being changed */
	int visits[MAX_TEAM][MAX_TEAM]; /* chances for i to visit j */
	bool meet[MAX_TEAM][MAX_TEAM];	/* a common free slot for GL */
};

/* Whether @a and @b have a common free slot of @minutes somewhere in the
 * period, for their lesson design and feedback. */
static bool can_meet(const struct rk_planctx *ctx, const struct rk_period *p,
		     int a, int b, int minutes)
{
	int starts[64], dates[5];
	for (int w = p->first_week; w <= p->last_week; w++) {
		if (!ctx->session_week[w])
			continue;
		size_t nd = rk_planctx_week_dates(ctx, w, dates);
		for (size_t k = 0; k < nd; k++) {
			size_t ns = rk_planctx_start_times(
				ctx,
				rk_schoolyear_day(ctx->year, dates[k])->weekday,
				starts, 64);
			for (size_t i = 0; i < ns; i++)
				if (rk_busy_is_free(ctx->busy, a, dates[k],
						    starts[i],
						    starts[i] + minutes) &&
				    rk_busy_is_free(ctx->busy, b, dates[k],
						    starts[i],
						    starts[i] + minutes))
					return true;
		}
	}
	return false;
}

/* Chances for @visitor to sit in a lesson of @host during the period:
 * lessons of the host on dates of the period with the visitor free. */
static int chances(const struct rk_planctx *ctx, const struct rk_period *p,
		   int visitor, int host)
{
	size_t n;
	const int *idx = rk_busy_lessons(ctx->busy, host, &n);
	int count = 0;
	for (int w = p->first_week; w <= p->last_week; w++) {
		if (!ctx->session_week[w])
			continue;
		int monday = rk_schoolyear_week(ctx->year, (size_t)w)->monday;
		for (size_t k = 0; k < n; k++) {
			const struct rk_lesson *l = rk_school_get_lesson(
				ctx->school, (size_t)idx[k]);
			int date = monday + l->weekday, start, end;
			if (rk_schoolyear_lesson_times(ctx->year, l, date,
						       &start, &end) &&
			    rk_busy_is_free(ctx->busy, visitor, date, start,
					    end))
				count++;
		}
	}
	return count;
}

static bool share(const struct rk_strlist *a, const struct rk_strlist *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (!strcasecmp(a->items[i], b->items[j]))
				return true;
	return false;
}

/* Earlier periods in which @a and @b were together. */
static int times_together(const struct rk_planctx *ctx, int team, int a, int b)
{
	int n = 0;
	for (size_t i = 0; i < rk_plan_n_duos(ctx->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->plan, i);
		int in_a = d->a == a || d->b == a || d->c == a;
		int in_b = d->a == b || d->b == b || d->c == b;
		n += d->team == team && in_a && in_b;
	}
	return n;
}

/* The partners @person had in period @period of the previous plan, as a
 * bit set of positions in @pr->members; -1 when they had no duo then. */
static long old_partners(const struct rk_planctx *ctx, const struct pairing *pr,
			 int person)
{
	for (size_t i = 0; ctx->prev && i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->period != pr->p->number || d->team != pr->g->team ||
		    (d->a != person && d->b != person && d->c != person))
			continue;
		long set = 0;
		for (int k = 0; k < pr->n; k++) {
			int m = pr->members[k];
			if (m != person &&
			    (m == d->a || m == d->b || m == d->c))
				set |= 1L << k;
		}
		return set;
	}
	return -1;
}

/* Rebalancing: how many members of the unit lose a partner they had (a
 * partner who left is not in @pr->members, so losing them counts too). */
static int partners_changed(const struct rk_planctx *ctx,
			    const struct pairing *pr, const int *m)
{
	int changed = 0;
	long unit = 0;
	for (int x = 0; x < 3 && m[x] >= 0; x++)
		unit |= 1L << m[x];
	for (int x = 0; x < 3 && m[x] >= 0; x++) {
		/* Gaining a third member keeps one's partner; losing a
		 * partner is the change that counts. */
		long old = old_partners(ctx, pr, pr->members[m[x]]);
		changed += old >= 0 && (old & ~unit) != 0;
	}
	return changed;
}

static double pair_cost(const struct rk_planctx *ctx, const struct pairing *pr,
			int i, int j)
{
	int a = pr->members[i], b = pr->members[j];
	if (!pr->visits[i][j] || !pr->visits[j][i] || !pr->meet[i][j])
		return COST_IMPOSSIBLE;
	const struct rk_person *pa =
		rk_school_get_person(ctx->school, (size_t)a);
	const struct rk_person *pb =
		rk_school_get_person(ctx->school, (size_t)b);
	double cost = 0;
	if (!share(&pa->subjects, &pb->subjects))
		cost += COST_NO_COMMON_SUBJECT;
	if (!share(&pa->grades, &pb->grades))
		cost += COST_NO_COMMON_GRADE;
	cost += COST_REPEAT * times_together(ctx, pr->g->team, a, b);
	/* Fewer chances to visit make a fragile duo. */
	int few = pr->visits[i][j] < pr->visits[j][i] ? pr->visits[i][j]
						      : pr->visits[j][i];
	return cost + 2.0 / (double)few;
}

struct unit {
	int m[3]; /* member positions; m[2] = -1 for a duo */
	double cost;
	int col;
};

/* Rebalancing, in the period being changed: whether @a and @b (people)
 * are one of the request's pairs @pairs. */
static bool in_pairs(const struct rk_pair *pairs, size_t n, int a, int b)
{
	for (size_t i = 0; i < n; i++)
		if ((pairs[i].a == a && pairs[i].b == b) ||
		    (pairs[i].a == b && pairs[i].b == a))
			return true;
	return false;
}

static bool split_apart(const struct rk_planctx *ctx, const struct pairing *pr,
			const int *m)
{
	if (!pr->current)
		return false;
	for (int x = 0; x < 3 && m[x] >= 0; x++)
		for (int y = x + 1; y < 3 && m[y] >= 0; y++)
			if (in_pairs(ctx->req->splits, ctx->req->n_splits,
				     pr->members[m[x]], pr->members[m[y]]))
				return true;
	return false;
}

static void add_unit(const struct rk_planctx *ctx, const struct pairing *pr,
		     struct unit *out, size_t *n, int i, int j, int k)
{
	struct unit u = { { i, j, k }, 0.0, -1 };
	if (split_apart(ctx, pr, u.m))
		return;
	if (k < 0)
		u.cost = pair_cost(ctx, pr, i, j);
	else
		u.cost = (pair_cost(ctx, pr, i, j) + pair_cost(ctx, pr, j, k) +
			  pair_cost(ctx, pr, i, k)) /
			 2.0;
	u.cost += COST_PARTNER_CHANGED * partners_changed(ctx, pr, u.m);
	out[(*n)++] = u;
}

static size_t make_units(const struct rk_planctx *ctx, const struct pairing *pr,
			 struct unit *out)
{
	size_t n = 0;
	int size = pr->n;
	for (int i = 0; i < size; i++)
		for (int j = i + 1; j < size; j++) {
			if (size % 2 == 0 || size > 3)
				add_unit(ctx, pr, out, &n, i, j, -1);
			if (size % 2 == 0)
				continue;
			for (int k = j + 1; k < size; k++)
				add_unit(ctx, pr, out, &n, i, j, k);
		}
	return n;
}

/* Rebalancing: every pair the request keeps stays in one unit. */
static enum rk_status keep_rows(const struct rk_planctx *ctx,
				const struct pairing *pr, struct rk_mip *mip,
				const struct unit *units, size_t n)
{
	for (size_t k = 0; pr->current && k < ctx->req->n_keeps; k++) {
		const struct rk_pair *keep = &ctx->req->keeps[k];
		int x = -1, y = -1;
		for (int i = 0; i < pr->n; i++) {
			x = pr->members[i] == keep->a ? i : x;
			y = pr->members[i] == keep->b ? i : y;
		}
		if (x < 0 || y < 0)
			continue;
		if (rk_mip_add_row(mip, "keep", RK_MIP_EQ, 1.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t u = 0; u < n; u++) {
			const int *m = units[u].m;
			bool hx = m[0] == x || m[1] == x || m[2] == x;
			bool hy = m[0] == y || m[1] == y || m[2] == y;
			if (hx && hy &&
			    rk_mip_term(mip, units[u].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return RK_OK;
}

static enum rk_status build(const struct pairing *pr, struct rk_mip *mip,
			    struct unit *units, size_t n)
{
	char name[96];
	for (size_t u = 0; u < n; u++) {
		snprintf(name, sizeof(name), "%s_%d_%d_%d", pr->g->id,
			 units[u].m[0], units[u].m[1], units[u].m[2]);
		units[u].col = rk_mip_add_binary(mip, name, units[u].cost);
		if (units[u].col < 0)
			return RK_ERR_NOMEM;
	}
	for (int i = 0; i < pr->n; i++) {
		snprintf(name, sizeof(name), "member_%d", i);
		if (rk_mip_add_row(mip, name, RK_MIP_EQ, 1.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t u = 0; u < n; u++) {
			const int *m = units[u].m;
			if ((m[0] == i || m[1] == i || m[2] == i) &&
			    rk_mip_term(mip, units[u].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	if (pr->n % 2 == 1) {
		if (rk_mip_add_row(mip, "one_trio", RK_MIP_EQ, 1.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t u = 0; u < n; u++)
			if (units[u].m[2] >= 0 &&
			    rk_mip_term(mip, units[u].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* Says once per pair and reason (the same timetable gives the same
 * answer every period): bit 1 "cannot visit", bit 2 "cannot meet". */
static bool first_time(struct rk_planctx *ctx, int v, int h, unsigned char bit)
{
	size_t n_people = rk_school_n_person(ctx->school);
	unsigned char *said =
		&ctx->visit_reported[(size_t)v * n_people + (size_t)h];
	bool first = !(*said & bit);
	*said |= bit;
	return first;
}

/* A chosen group whose members cannot work together: say who and why. */
static void explain(struct rk_planctx *ctx, const struct pairing *pr,
		    const struct unit *u)
{
	for (int x = 0; x < 3 && u->m[x] >= 0; x++) {
		for (int y = 0; y < 3 && u->m[y] >= 0; y++) {
			int i = u->m[x], j = u->m[y];
			int v = pr->members[i], h = pr->members[j];
			if (i == j)
				continue;
			if (i < j && !pr->meet[i][j] &&
			    first_time(ctx, v, h, 2))
				rk_planctx_infeasible(
					ctx,
					"%s, from period %d: %s and %s never have %d minutes free together (no working day with common free time), and no other split of the team into duos avoids this",
					pr->g->name, pr->p->number,
					rk_planctx_name(ctx, v),
					rk_planctx_name(ctx, h),
					rk_school_get_settings(ctx->school)
						->gl_minutes);
			if (!pr->visits[i][j] && first_time(ctx, v, h, 1))
				rk_planctx_infeasible(
					ctx,
					"%s, from period %d: %s cannot visit a lesson of %s: %s never teaches while %s is free, and no other split of the team into duos avoids this",
					pr->g->name, pr->p->number,
					rk_planctx_name(ctx, v),
					rk_planctx_name(ctx, h),
					rk_planctx_name(ctx, h),
					rk_planctx_name(ctx, v));
		}
	}
}

static enum rk_status record(struct rk_planctx *ctx, const struct pairing *pr,
			     const struct rk_mip *mip, const struct unit *units,
			     size_t n)
{
	for (size_t u = 0; u < n; u++) {
		if (!rk_mip_chosen(mip, units[u].col))
			continue;
		const int *m = units[u].m;
		struct rk_duo d = { pr->g->team, pr->p->number,
				    pr->members[m[0]], pr->members[m[1]],
				    m[2] >= 0 ? pr->members[m[2]] : -1 };
		if (rk_plan_add_duo(ctx->plan, d) != RK_OK)
			return RK_ERR_NOMEM;
		if (units[u].cost >= COST_IMPOSSIBLE / 2)
			explain(ctx, pr, &units[u]);
	}
	return RK_OK;
}

/* Rebalancing: whether @person has left for good. */
static bool gone(const struct rk_planctx *ctx, int person)
{
	for (size_t i = 0; ctx->req && i < ctx->req->n_absences; i++)
		if (ctx->req->absences[i].person == person &&
		    ctx->req->absences[i].until == INT_MAX)
			return true;
	return false;
}

static void take_members(const struct rk_planctx *ctx, struct pairing *pr)
{
	pr->n = 0;
	for (size_t m = 0; m < pr->g->n && pr->n < MAX_TEAM; m++)
		if (!gone(ctx, pr->g->members[m]))
			pr->members[pr->n++] = pr->g->members[m];
	pr->current = ctx->prev && pr->p->first_week <= ctx->from_week &&
		      ctx->from_week <= pr->p->last_week;
}

static void measure(const struct rk_planctx *ctx, struct pairing *pr)
{
	int minutes = rk_school_get_settings(ctx->school)->gl_minutes;
	for (int i = 0; i < pr->n; i++)
		for (int j = 0; j < pr->n; j++) {
			int a = pr->members[i], b = pr->members[j];
			pr->visits[i][j] =
				i == j ? 0 : chances(ctx, pr->p, a, b);
			pr->meet[i][j] =
				j > i	? can_meet(ctx, pr->p, a, b, minutes)
				: j < i ? pr->meet[j][i]
					: true;
		}
}

static enum rk_status pair_team(struct rk_planctx *ctx,
				const struct rk_group *g,
				const struct rk_period *p)
{
	struct pairing pr = { .g = g, .p = p };
	take_members(ctx, &pr);
	if (pr.n < 2)
		return RK_OK;
	measure(ctx, &pr);
	size_t cap = (size_t)pr.n * (size_t)pr.n * (size_t)pr.n;
	struct unit *units = calloc(cap, sizeof(*units));
	char model[128];
	snprintf(model, sizeof(model), "duos %s period %d", g->id, p->number);
	struct rk_mip *mip = rk_mip_new(model);
	enum rk_status status = RK_ERR_NOMEM;
	if (!units || !mip)
		goto out;
	size_t n = make_units(ctx, &pr, units);
	if (build(&pr, mip, units, n) != RK_OK ||
	    keep_rows(ctx, &pr, mip, units, n) != RK_OK)
		goto out;
	enum rk_mip_result result;
	status = rk_planctx_solve(ctx, mip, model, &result);
	if (status == RK_OK &&
	    (result == RK_MIP_OPTIMAL || result == RK_MIP_FEASIBLE))
		status = record(ctx, &pr, mip, units, n);
	else if (status == RK_OK && pr.current)
		rk_planctx_infeasible(
			ctx,
			"%s, period %d: the duos to keep and to split cannot all be honoured",
			g->name, p->number);
	else if (status == RK_OK)
		status = RK_ERR_SOLVER; /* every split is in the model */
out:
	rk_mip_free(mip);
	free(units);
	return status;
}

/* Rebalancing: a period that is over keeps its duos. */
static enum rk_status keep_duos(struct rk_planctx *ctx,
				const struct rk_period *p)
{
	for (size_t i = 0; i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->period == p->number &&
		    rk_plan_add_duo(ctx->plan, *d) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

enum rk_status rk_plan_duos(struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (ctx->prev && p->last_week < ctx->from_week) {
			if (keep_duos(ctx, p) != RK_OK)
				return RK_ERR_NOMEM;
			continue;
		}
		for (size_t g = 0; g < ctx->n_groups; g++) {
			const struct rk_group *grp = &ctx->groups[g];
			if (grp->team < 0 || grp->first_week < 0 ||
			    grp->first_week > p->first_week)
				continue;
			enum rk_status status = pair_team(ctx, grp, p);
			if (status != RK_OK)
				return status;
		}
	}
	return RK_OK;
}
