/* duos.c - the duos (and one trio for an odd team) of every team in every
 * period, chosen by GLPK.
 *
 * One binary per possible duo and, for odd teams, per possible trio; every
 * member in exactly one. Hard: each partner can visit a lesson of the
 * other, free while the other teaches, in the period. Costs: different
 * subject and grade band, a partner they had in an earlier period, few
 * chances to visit. A pair that cannot visit each other stays in the model
 * at a prohibitive cost, so that a team whose members cannot all be paired
 * still gets the best split, and the reason is reported in words.
 *
 * A visit counts where the visitor is free, or where a cover person can
 * take the visitor's group (engine/cover.c): in a primary school that is
 * the only way a teacher visits at all. Every member takes part, however
 * large the team: the tables below are sized by it. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cover.h"
#include "date.h"
#include "explain.h"
#include "planctx.h"
#include "rebalance.h"
#include "ritmiek.h"
#include "i18n.h"

#define COST_NO_COMMON_SUBJECT 4
#define COST_NO_COMMON_GRADE   2
#define COST_REPEAT	       20
#define COST_IMPOSSIBLE	       100000
#define COST_ONE_DAY_TRIO      50
/* Rebalancing: a person whose duo partner changes weighs most. */
#define COST_PARTNER_CHANGED 1000
/* Rebalancing an even team: a second trio, only where no split into
 * duos can still do its cycle (dearer than any number of changed
 * partners, cheaper than the impossible). */
#define COST_EXTRA_TRIO 10000

/* Tables over pairs of members are n * n, row i for member i. */
#define AT(table, pr, i, j) \
	((table)[(size_t)(i) * (size_t)(pr)->n + (size_t)(j)])

struct pairing {
	const struct rk_group *g;
	const struct rk_period *p;
	int n;
	int *members;  /* the group's members who take part */
	bool current;  /* rebalancing: the period being changed */
	int *visits;   /* [i][j]: chances for i to visit j */
	int *together; /* [i][j]: earlier periods i and j were together */
	/* Per round (0, 1), exactly what the session model will need: */
	bool *gl[2]; /* [i][j]: i and j meet in the GL weeks */
	bool *lb[2]; /* [i][j]: i visits j in the LB weeks, and their FB
		      * fits after it */
	/* Rebalancing, the period being changed: [i][j]: i's lesbezoek of
	 * j of the round is in the previous plan and stays (held before the
	 * date, or carried over). */
	bool *held[2];
	struct windows {
		int gl[2][12]; /* the weeks of each round's GL and later */
		int n_gl[2];
		int lb[2][12];
		int n_lb[2];
	} win;
};

/* Whether @people (2 or 3) have a common free slot of @minutes on @date. */
static bool meet_on(const struct rk_planctx *ctx, const int *people, int n,
		    int date, int minutes)
{
	int starts[64];
	size_t ns = rk_planctx_start_times(
		ctx, rk_schoolyear_day(ctx->year, date)->weekday, starts, 64);
	for (size_t i = 0; i < ns; i++) {
		bool all = true;
		for (int k = 0; k < n && all; k++)
			all = rk_busy_is_free(ctx->busy, people[k], date,
					      starts[i], starts[i] + minutes);
		if (all)
			return true;
	}
	return false;
}

/* The weeks of the period's GL and LB rounds: each round's own week and
 * every later week of the period, as the session model lets a session
 * slip (costing more each week); for a lesbezoek also from the week of
 * its round's lesontwerp on. Rebalancing leaves out the weeks before
 * the date: what was planned there has been. A unit that stays counts
 * what it has done there, and what carries over (held, gl_stays): only
 * the rest of its rounds must fit in these weeks. */
static void round_weeks(const struct rk_planctx *ctx, const struct rk_period *p,
			struct windows *win)
{
	static const unsigned gl[2] = { RK_ACT_GL1, RK_ACT_GL2 };
	static const unsigned lb[2] = { RK_ACT_LB1, RK_ACT_LB2 };
	bool ads = !strcmp(p->phase, "aan de slag");
	bool started_gl[2] = { false, false }, started_lb[2] = { false, false };
	int nth = 0;
	memset(win, 0, sizeof(*win));
	for (int w = p->first_week; w <= p->last_week; w++) {
		if (!ctx->session_week[w])
			continue;
		char agenda[600];
		unsigned acts = rk_ritmiek_week(p->weeks, ++nth, ads, agenda,
						sizeof(agenda));
		bool open = !ctx->prev || w >= ctx->from_week;
		for (int r = 0; r < 2; r++) {
			started_gl[r] |= (acts & gl[r]) != 0;
			started_lb[r] |= (acts & lb[r]) != 0;
			if (open && started_gl[r] && win->n_gl[r] < 12)
				win->gl[r][win->n_gl[r]++] = w;
			/* A lesbezoek may come as early as its round's
			 * lesontwerp (sessions.c, lesson_slots). */
			if (open && (started_lb[r] || started_gl[r]) &&
			    win->n_lb[r] < 12)
				win->lb[r][win->n_lb[r]++] = w;
		}
	}
}

/* Rebalancing: whether someone of @people is away on a day of @weeks. A
 * round that falls in an absence lapses (sessions.c away()); it is no
 * reason to split the team otherwise, and no split could do better. */
static bool away_in(const struct rk_planctx *ctx, const int *weeks, int n_weeks,
		    const int *people, int n)
{
	for (int i = 0; i < n_weeks; i++)
		if (rk_planctx_away_in_week(ctx, people, n, weeks[i]))
			return true;
	return false;
}

/* Whether @people meet for @minutes on a date of one of @weeks; true when
 * there are no weeks (the round has been), or when someone is away in
 * them (the round lapses). */
static bool meet_in(const struct rk_planctx *ctx, const int *weeks, int n_weeks,
		    const int *people, int n, int minutes)
{
	int dates[5];
	if (n_weeks == 0 || away_in(ctx, weeks, n_weeks, people, n))
		return true;
	for (int i = 0; i < n_weeks; i++) {
		size_t nd = rk_planctx_week_dates(ctx, weeks[i], dates);
		for (size_t k = 0; k < nd; k++)
			if (rk_planctx_open(ctx, dates[k]) &&
			    meet_on(ctx, people, n, dates[k], minutes))
				return true;
	}
	return false;
}

/* Whether the FB of a lesbezoek of @v at @h on @date fits: a common slot
 * on one of their next two common working days. */
static bool fb_fits(const struct rk_planctx *ctx, int v, int h, int date)
{
	int next[2], pair[2] = { v, h };
	int minutes = rk_school_get_settings(ctx->school)->fb_minutes;
	int n = rk_planctx_next_days(ctx, v, h, date, next);
	for (int i = 0; i < n; i++)
		if (next[i] >= 0 && meet_on(ctx, pair, 2, next[i], minutes))
			return true;
	return false;
}

/* Whether @v can visit a lesson of @h in @weeks with the FB after it
 * (or someone of them is away then: the visit lapses). */
static bool visit_in(const struct rk_planctx *ctx, const int *weeks,
		     int n_weeks, int v, int h)
{
	size_t n;
	const int *idx = rk_busy_lessons(ctx->busy, h, &n);
	int pair[2] = { v, h };
	if (n_weeks == 0 || away_in(ctx, weeks, n_weeks, pair, 2))
		return true;
	for (int i = 0; i < n_weeks; i++) {
		int monday =
			rk_schoolyear_week(ctx->year, (size_t)weeks[i])->monday;
		for (size_t k = 0; k < n; k++) {
			const struct rk_lesson *l = rk_school_get_lesson(
				ctx->school, (size_t)idx[k]);
			int date = monday + l->weekday, start, end;
			if (rk_planctx_open(ctx, date) &&
			    rk_planctx_can_visit(ctx, v, h, l, date, &start,
						 &end, NULL) &&
			    fb_fits(ctx, v, h, date))
				return true;
		}
	}
	return false;
}

static bool share(const struct rk_strlist *a, const struct rk_strlist *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (!strcasecmp(a->items[i], b->items[j]))
				return true;
	return false;
}

/* The position of @person among the members, or -1. */
static int position(const struct pairing *pr, int person)
{
	for (int k = 0; k < pr->n; k++)
		if (pr->members[k] == person)
			return k;
	return -1;
}

/* For every two members, the earlier periods in which they were in one
 * duo or trio: one pass over the plan's duos per team, not one per pair. */
static void count_together(const struct rk_planctx *ctx, struct pairing *pr)
{
	for (size_t i = 0; i < rk_plan_n_duos(ctx->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->plan, i);
		if (d->team != pr->g->team)
			continue;
		int at[3] = { position(pr, d->a), position(pr, d->b),
			      d->c >= 0 ? position(pr, d->c) : -1 };
		for (int x = 0; x < 3; x++)
			for (int y = 0; y < 3; y++)
				if (x != y && at[x] >= 0 && at[y] >= 0)
					AT(pr->together, pr, at[x], at[y])++;
	}
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

/* The duo @person was in, in this period of the previous plan, or NULL. */
static const struct rk_duo *old_duo(const struct rk_planctx *ctx,
				    const struct pairing *pr, int person)
{
	for (size_t i = 0; ctx->prev && i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->period == pr->p->number && d->team == pr->g->team &&
		    (d->a == person || d->b == person || d->c == person))
			return d;
	}
	return NULL;
}

/* Rebalancing, the period being changed: the unit of the previous plan
 * with exactly the members at positions @m, or NULL when the unit is
 * new. Only such a unit keeps what it has done (sessions.c plans the
 * activities of the weeks before the date again for a new one). */
static const struct rk_duo *same_unit(const struct rk_planctx *ctx,
				      const struct pairing *pr, const int *m)
{
	if (!pr->current)
		return NULL;
	const struct rk_duo *d = old_duo(ctx, pr, pr->members[m[0]]);
	int size = m[2] >= 0 ? 3 : 2;
	if (!d || (d->c >= 0 ? 3 : 2) != size)
		return NULL;
	for (int x = 0; x < size; x++) {
		int person = pr->members[m[x]];
		if (d->a != person && d->b != person && d->c != person)
			return NULL;
	}
	return d;
}

/* Rebalancing: whether the previous plan's @kind activity of round @r (0,
 * 1) of @people (@n of them, in the order of its id) stays: held before
 * the date, or carried over (rebalance.c, keep_untouched). Such an
 * activity is done; the weeks from the date need not hold it again. */
static bool stays(const struct rk_planctx *ctx, const struct pairing *pr,
		  enum rk_event_kind kind, int r, const int *people, size_t n)
{
	char suffix[256];
	rk_planctx_duo_suffix(ctx, pr->g->id, pr->p->number, r + 1, people, n,
			      suffix, sizeof(suffix));
	const struct rk_event *ev = rk_planctx_prev_of(ctx, kind, suffix);
	return ev && (ev->date < ctx->from || rk_planctx_kept(ctx, ev));
}

/* Whether the lesontwerp of round @r (0, 1) of @d, a unit of the previous
 * plan, stays. */
static bool gl_stays(const struct rk_planctx *ctx, const struct pairing *pr,
		     const struct rk_duo *d, int r)
{
	int people[3] = { d->a, d->b, d->c };
	return stays(ctx, pr, RK_EV_GL, r, people, d->c >= 0 ? 3 : 2);
}

/* Whether @v's lesbezoek of @h in round @r (0, 1) of the previous plan
 * stays. */
static bool lb_stays(const struct rk_planctx *ctx, const struct pairing *pr,
		     int r, int v, int h)
{
	int people[2] = { v, h };
	return stays(ctx, pr, RK_EV_LB, r, people, 2);
}

/* Whether i visits j in round @r: in the weeks left, or, for a unit that
 * was one before (@was), already in the previous plan. */
static bool visits_in(const struct pairing *pr, int r, int i, int j, bool was)
{
	return AT(pr->lb[r], pr, i, j) || (was && AT(pr->held[r], pr, i, j));
}

/* Rebalancing: how many members of the unit (positions @m) lose a partner
 * they had who still takes part. */
static int partners_changed(const struct rk_planctx *ctx,
			    const struct pairing *pr, const int *m)
{
	int changed = 0;
	for (int x = 0; x < 3 && m[x] >= 0; x++) {
		int person = pr->members[m[x]];
		const struct rk_duo *d = old_duo(ctx, pr, person);
		int old[3] = { d ? d->a : -1, d ? d->b : -1, d ? d->c : -1 };
		bool lost = false;
		/* Gaining a third member keeps one's partner; losing a
		 * partner is the change that counts. */
		for (int k = 0; k < 3 && d; k++) {
			bool kept = false;
			for (int y = 0; y < 3 && m[y] >= 0; y++)
				kept |= pr->members[m[y]] == old[k];
			lost |= old[k] >= 0 && old[k] != person && !kept &&
				position(pr, old[k]) >= 0;
		}
		changed += lost;
	}
	return changed;
}

/* What a pair costs, visiting aside (a trio visits in a cycle). */
static double pair_base(const struct rk_planctx *ctx, const struct pairing *pr,
			int i, int j, const struct rk_duo *was)
{
	int a = pr->members[i], b = pr->members[j];
	for (int r = 0; r < 2; r++)
		if (!AT(pr->gl[r], pr, i, j) &&
		    !(was && gl_stays(ctx, pr, was, r)))
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
	return cost + COST_REPEAT * AT(pr->together, pr, i, j);
}

/* A duo: both visit each other; fewer chances make a fragile duo. */
static double pair_cost(const struct rk_planctx *ctx, const struct pairing *pr,
			int i, int j)
{
	int m[3] = { i, j, -1 };
	const struct rk_duo *was = same_unit(ctx, pr, m);
	/* Round 1: i visits j; round 2: j visits i. */
	if (!visits_in(pr, 0, i, j, was) || !visits_in(pr, 1, j, i, was))
		return COST_IMPOSSIBLE;
	int ij = AT(pr->visits, pr, i, j), ji = AT(pr->visits, pr, j, i);
	int few = ij < ji ? ij : ji;
	/* A unit whose visits all stay may have no chance left to count
	 * (a new timetable). */
	return pair_base(ctx, pr, i, j, was) +
	       2.0 / (double)(few > 0 ? few : 1);
}

/* A trio visits in a cycle (i to j to k to i, or the other way round):
 * everyone visits once and hosts once in a round, which is all the period
 * ritmiek asks; one feasible cycle is enough. */
static bool cycle(const struct pairing *pr, int r, int i, int j, int k,
		  bool was)
{
	return visits_in(pr, r, i, j, was) && visits_in(pr, r, j, k, was) &&
	       visits_in(pr, r, k, i, was);
}

/* Which way round a trio visits in each round: bit r set for "back"
 * (i visits k) in round r + 1. Round 1 prefers forward and round 2 back,
 * so that everyone visits someone else each round. */
static unsigned trio_ways(const struct pairing *pr, int i, int j, int k,
			  bool was)
{
	unsigned ways = 0;
	if (!cycle(pr, 0, i, j, k, was))
		ways |= 1u;
	if (cycle(pr, 1, i, k, j, was))
		ways |= 2u;
	/* A trio that was one goes on the way round its visits that stay
	 * went (the plan file does not keep the way). */
	for (int r = 0; was && r < 2; r++) {
		bool fwd = AT(pr->held[r], pr, i, j) ||
			   AT(pr->held[r], pr, j, k) ||
			   AT(pr->held[r], pr, k, i);
		bool back = AT(pr->held[r], pr, i, k) ||
			    AT(pr->held[r], pr, k, j) ||
			    AT(pr->held[r], pr, j, i);
		if (fwd != back)
			ways = back ? ways | (1u << r) : ways & ~(1u << r);
	}
	return ways;
}

/* Whether the three share at most one working day: their six lesbezoeken
 * and feedbackgesprekken of a period (part-timers in duobanen, each
 * teaching one block of it) then all compete for that day each week.
 * Only with cover capacity: there a visit fits in every lesson, so the
 * count of chances no longer tells such a fragile trio; without, it does
 * (and plans stay as they were). */
static bool one_day(const struct rk_planctx *ctx, const int *three)
{
	if (!rk_school_n_cover(ctx->school))
		return false;
	unsigned days = RK_WORKDAYS_DEFAULT;
	for (int x = 0; x < 3; x++)
		days &= rk_school_get_person(ctx->school, (size_t)three[x])
				->workdays;
	return (days & (days - 1)) == 0;
}

static double trio_cost(const struct rk_planctx *ctx, const struct pairing *pr,
			int i, int j, int k)
{
	int three[3] = { pr->members[i], pr->members[j], pr->members[k] };
	int minutes = rk_school_get_settings(ctx->school)->gl_minutes;
	int m[3] = { i, j, k };
	const struct rk_duo *was = same_unit(ctx, pr, m);
	for (int r = 0; r < 2; r++) {
		/* The pairs meet for feedback; all three for lesson design.
		 * A trio that was one keeps the visits it has made: only
		 * the rest of its cycle need fit in the weeks left. */
		bool way = cycle(pr, r, i, j, k, was) ||
			   cycle(pr, r, i, k, j, was);
		if (!way || (!meet_in(ctx, pr->win.gl[r], pr->win.n_gl[r],
				      three, 3, minutes) &&
			     !(was && gl_stays(ctx, pr, was, r))))
			return COST_IMPOSSIBLE;
	}
	return (pair_base(ctx, pr, i, j, was) + pair_base(ctx, pr, j, k, was) +
		pair_base(ctx, pr, i, k, was)) /
		       2.0 +
	       (one_day(ctx, three) ? COST_ONE_DAY_TRIO : 0.0);
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
				     pr->members[m[x]], pr->members[m[y]]) ||
			    in_pairs(ctx->req->late, ctx->req->n_late,
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
	u.cost = k < 0 ? pair_cost(ctx, pr, i, j) : trio_cost(ctx, pr, i, j, k);
	u.cost += COST_PARTNER_CHANGED * partners_changed(ctx, pr, u.m);
	if (k >= 0 && pr->n % 2 == 0)
		u.cost += COST_EXTRA_TRIO;
	out[(*n)++] = u;
}

static size_t make_units(const struct rk_planctx *ctx, const struct pairing *pr,
			 struct unit *out)
{
	size_t n = 0;
	int size = pr->n;
	/* Rebalancing an even team, in the period being changed: two trios
	 * as the fallback when every new duo is too late for its cycle
	 * (rk_rebalance's retry). */
	bool trios = size % 2 == 1 || (pr->current && size >= 6);
	for (int i = 0; i < size; i++)
		for (int j = i + 1; j < size; j++) {
			if (size % 2 == 0 || size > 3)
				add_unit(ctx, pr, out, &n, i, j, -1);
			if (!trios)
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
 * answer every period): bit 1 "never visits", 2 "cannot meet", 4 "cannot
 * visit in the weeks". */
static bool first_time(struct rk_planctx *ctx, int v, int h, unsigned char bit)
{
	return rk_planctx_say(ctx, v, h, bit);
}

/* A chosen group whose members cannot work together: say who and why. */
static void explain_pair(struct rk_planctx *ctx, const struct pairing *pr,
			 int i, int j, const struct rk_duo *was)
{
	int v = pr->members[i], h = pr->members[j];
	const char *team = pr->g->name, *vn = rk_planctx_name(ctx, v);
	const char *hn = rk_planctx_name(ctx, h);
	int number = pr->p->number;
	if (!AT(pr->visits, pr, i, j)) {
		/* Which lesuren to free; where teachers teach all day (PO) or
		 * the school has cover capacity, cover is the other way. */
		char fix[1024] = "", cover[300] = "", hint[256];
		rk_explain_visit_fix(ctx, v, h, fix, sizeof(fix));
		if (rk_school_get_info(ctx->school)->type == RK_SCHOOL_PO ||
		    rk_school_n_cover(ctx->school)) {
			rk_cover_fix(ctx, v, hint, sizeof(hint));
			snprintf(cover, sizeof(cover), ". Or: %s", hint);
		}
		if (first_time(ctx, v, h, 1))
			rk_planctx_infeasible(
				ctx,
				_("%s, from period %d: %s cannot visit a lesson of %s: %s never teaches while %s is free, and no other split of the team into duos avoids this%s%s"),
				team, number, vn, hn, hn, vn, fix, cover);
	} else if (i < j && pair_base(ctx, pr, i, j, was) >= COST_IMPOSSIBLE) {
		if (first_time(ctx, v, h, 2))
			rk_planctx_infeasible(
				ctx,
				_("%s, period %d: %s and %s have no %d minutes free together in the weeks for gezamenlijk lesontwerp, and no other split of the team into duos avoids this"),
				team, number, vn, hn,
				rk_school_get_settings(ctx->school)
					->gl_minutes);
	} else if ((!visits_in(pr, 0, i, j, was) ||
		    !visits_in(pr, 1, i, j, was)) &&
		   first_time(ctx, v, h, 4)) {
		rk_planctx_infeasible(
			ctx,
			_("%s, period %d: %s cannot visit a lesson of %s in the weeks for lesbezoek with a feedbackgesprek on one of their next two common working days after it, and no other split of the team into duos avoids this"),
			team, number, vn, hn);
	}
}

/* A chosen group whose members cannot work together: say who and why, once
 * per pair and reason. */
static void explain(struct rk_planctx *ctx, const struct pairing *pr,
		    const struct unit *u)
{
	const struct rk_duo *was = same_unit(ctx, pr, u->m);
	for (int x = 0; x < 3 && u->m[x] >= 0; x++)
		for (int y = 0; y < 3 && u->m[y] >= 0; y++)
			if (x != y)
				explain_pair(ctx, pr, u->m[x], u->m[y], was);
}

static enum rk_status record(struct rk_planctx *ctx, const struct pairing *pr,
			     const struct rk_mip *mip, const struct unit *units,
			     size_t n)
{
	for (size_t u = 0; u < n; u++) {
		if (!rk_mip_chosen(mip, units[u].col))
			continue;
		const int *m = units[u].m;
		const struct rk_duo *was = same_unit(ctx, pr, m);
		struct rk_duo d = {
			pr->g->team,
			pr->p->number,
			pr->members[m[0]],
			pr->members[m[1]],
			m[2] >= 0 ? pr->members[m[2]] : -1,
			m[2] >= 0 ? trio_ways(pr, m[0], m[1], m[2], was != NULL)
				  : 0,
		};
		if (rk_plan_add_duo(ctx->plan, d) != RK_OK)
			return RK_ERR_NOMEM;
		if (units[u].cost >= COST_IMPOSSIBLE / 2)
			explain(ctx, pr, &units[u]);
	}
	return RK_OK;
}

/* Every member who has not left; the tables sized for them. */
static enum rk_status take_members(const struct rk_planctx *ctx,
				   struct pairing *pr)
{
	pr->n = 0;
	pr->members = malloc((pr->g->n + 1) * sizeof(int));
	if (!pr->members)
		return RK_ERR_NOMEM;
	for (size_t m = 0; m < pr->g->n; m++)
		if (!gone(ctx, pr->g->members[m]))
			pr->members[pr->n++] = pr->g->members[m];
	pr->current = ctx->prev && pr->p->first_week <= ctx->from_week &&
		      ctx->from_week <= pr->p->last_week;
	size_t cells = (size_t)pr->n * (size_t)pr->n + 1;
	pr->visits = calloc(cells, sizeof(int));
	pr->together = calloc(cells, sizeof(int));
	for (int r = 0; r < 2; r++) {
		pr->gl[r] = calloc(cells, sizeof(bool));
		pr->lb[r] = calloc(cells, sizeof(bool));
		pr->held[r] = calloc(cells, sizeof(bool));
	}
	if (!pr->visits || !pr->together || !pr->gl[0] || !pr->gl[1] ||
	    !pr->lb[0] || !pr->lb[1] || !pr->held[0] || !pr->held[1])
		return RK_ERR_NOMEM;
	return RK_OK;
}

static void release_members(struct pairing *pr)
{
	free(pr->members);
	free(pr->visits);
	free(pr->together);
	for (int r = 0; r < 2; r++) {
		free(pr->gl[r]);
		free(pr->lb[r]);
		free(pr->held[r]);
	}
}

/* Every member's chances to visit every other
 * (rk_planctx_visit_chances), each host's lessons looked up once rather
 * than once per visitor. */
static enum rk_status count_visits(const struct rk_planctx *ctx,
				   struct pairing *pr)
{
	struct rk_vec slots = { 0 };
	enum rk_status status = RK_OK;
	for (int j = 0; status == RK_OK && j < pr->n; j++) {
		int host = pr->members[j];
		slots.n = 0;
		status = rk_planctx_host_slots(ctx, pr->p, host, &slots);
		for (int i = 0; status == RK_OK && i < pr->n; i++)
			AT(pr->visits, pr, i, j) =
				i == j ? 0
				       : rk_planctx_visit_count(
						 ctx, slots.items, slots.n,
						 pr->members[i], host);
	}
	rk_vec_release(&slots);
	return status;
}

static enum rk_status measure(const struct rk_planctx *ctx, struct pairing *pr)
{
	int minutes = rk_school_get_settings(ctx->school)->gl_minutes;
	round_weeks(ctx, pr->p, &pr->win);
	if (count_visits(ctx, pr) != RK_OK)
		return RK_ERR_NOMEM;
	for (int i = 0; i < pr->n; i++)
		for (int j = 0; j < pr->n; j++) {
			int a = pr->members[i], b = pr->members[j];
			int two[2] = { a, b };
			for (int r = 0; r < 2; r++) {
				AT(pr->lb[r], pr, i, j) =
					AT(pr->visits, pr, i, j) &&
					visit_in(ctx, pr->win.lb[r],
						 pr->win.n_lb[r], a, b);
				AT(pr->held[r], pr, i, j) =
					pr->current && i != j &&
					lb_stays(ctx, pr, r, a, b);
				AT(pr->gl[r], pr, i, j) =
					j > i	? meet_in(ctx, pr->win.gl[r],
							  pr->win.n_gl[r], two, 2,
							  minutes)
					: j < i ? AT(pr->gl[r], pr, j, i)
						: true;
			}
		}
	return RK_OK;
}

/* One team's duos in a period: what the model needs, measured first (on
 * threads, every team of the period side by side: it only reads), then
 * the model itself in school order. */
struct team_duos {
	struct pairing pr;
	struct unit *units;
	size_t n_units;
	bool frozen; /* rebalancing: kept as they were */
	enum rk_status status;
	/* The model, when the thread that prepared it solved it too
	 * (prepare_one; its status says how that went), with its figures
	 * for the report. */
	struct rk_mip *mip;
	struct rk_mip_stats stats;
	char model[128];
};

/* The members, their chances to meet and visit, and every duo and trio
 * with its cost; it reads the plan so far and the busy times, and writes
 * only @t. */
static enum rk_status prepare(const struct rk_planctx *ctx, struct team_duos *t)
{
	struct pairing *pr = &t->pr;
	enum rk_status status = take_members(ctx, pr);
	if (status != RK_OK || pr->n < 2)
		return status;
	if (measure(ctx, pr) != RK_OK)
		return RK_ERR_NOMEM;
	count_together(ctx, pr);
	/* Every pair, and every triple when the team is odd. */
	size_t size = (size_t)pr->n;
	size_t cap = size * (size - 1) / 2 + size * (size - 1) * (size - 2) / 6;
	t->units = calloc(cap, sizeof(*t->units));
	if (!t->units)
		return RK_ERR_NOMEM;
	t->n_units = make_units(ctx, pr, t->units);
	return RK_OK;
}

/* Team @t's model, built; NULL when out of memory. */
static struct rk_mip *team_model(const struct rk_planctx *ctx,
				 struct team_duos *t)
{
	struct pairing *pr = &t->pr;
	snprintf(t->model, sizeof(t->model), "duos %s period %d", pr->g->id,
		 pr->p->number);
	struct rk_mip *mip = rk_mip_new(t->model);
	if (mip && (build(pr, mip, t->units, t->n_units) != RK_OK ||
		    keep_rows(ctx, pr, mip, t->units, t->n_units) != RK_OK)) {
		rk_mip_free(mip);
		mip = NULL;
	}
	return mip;
}

struct prepare_all {
	const struct rk_planctx *ctx;
	struct team_duos *teams;
	bool solve; /* the models too (no model_hook) */
};

static void prepare_one(void *data, size_t i)
{
	struct prepare_all *all = data;
	struct team_duos *t = &all->teams[i];
	if (t->frozen)
		return;
	t->status = prepare(all->ctx, t);
	if (t->status != RK_OK || t->pr.n < 2 || !all->solve)
		return;
	t->mip = team_model(all->ctx, t);
	t->status = t->mip ? rk_planctx_solve_only(all->ctx, t->mip, &t->stats)
			   : RK_ERR_NOMEM;
}

/* Rebalancing: whether a unit formed too late for its cycle
 * (rk_rebalance_request.late) was one of this team's. */
static bool late_member(const struct rk_planctx *ctx, const struct pairing *pr)
{
	for (size_t i = 0; i < ctx->req->n_late; i++)
		if (position(pr, ctx->req->late[i].a) >= 0 ||
		    position(pr, ctx->req->late[i].b) >= 0)
			return true;
	return false;
}

/* Whether every member of @d still takes part in the team (@pr). */
static bool intact(const struct pairing *pr, const struct rk_duo *d)
{
	return position(pr, d->a) >= 0 && position(pr, d->b) >= 0 &&
	       (d->c < 0 || position(pr, d->c) >= 0);
}

/* Rebalancing: no split of the team leaves out every unit formed too late
 * for its cycle. The team keeps the duos and trios that are as they were;
 * whoever was in one with someone who left has no partner for the rest
 * of the period (their duo sessions lapse, as a leaver's do), and
 * everyone else's go on. A warning names each of them, never a pairing
 * that was only tried. */
static enum rk_status keep_as_was(struct rk_planctx *ctx,
				  const struct pairing *pr)
{
	bool *paired = calloc((size_t)pr->n + 1, sizeof(bool));
	if (!paired)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->period != pr->p->number || d->team != pr->g->team ||
		    !intact(pr, d))
			continue;
		if (rk_plan_add_duo(ctx->plan, *d) != RK_OK) {
			free(paired);
			return RK_ERR_NOMEM;
		}
		paired[position(pr, d->a)] = paired[position(pr, d->b)] = true;
		if (d->c >= 0)
			paired[position(pr, d->c)] = true;
	}
	char date[RK_DATE_BUFSIZE];
	rk_date_format(ctx->from, date);
	for (int k = 0; k < pr->n; k++)
		if (!paired[k])
			rk_diags_add(
				ctx->diags, RK_SEV_WARNING, NULL, 0, 0,
				_("%s, period %d: %s has no duo partner from %s to the end of the period: with nobody in the team does a new duo or trio still fit its whole cycle (gezamenlijk lesontwerp, then a lesbezoek each way with its feedbackgesprek, twice) in the weeks left; the other duos stay as they were"),
				pr->g->name, pr->p->number,
				rk_planctx_name(ctx, pr->members[k]), date);
	free(paired);
	return RK_OK;
}

static enum rk_status pair_team(struct rk_planctx *ctx, struct team_duos *t)
{
	struct pairing *pr = &t->pr;
	if (t->status != RK_OK || pr->n < 2)
		return t->status;
	/* Solved by prepare_one, or here (exported models: in order). */
	bool solved = t->mip != NULL;
	struct rk_mip *mip = solved ? t->mip : team_model(ctx, t);
	const char *model = t->model;
	t->mip = NULL;
	enum rk_status status = RK_ERR_NOMEM;
	if (!mip)
		goto out;
	enum rk_mip_result result;
	status = solved ? rk_planctx_report(ctx, model, &t->stats, &result)
			: rk_planctx_solve(ctx, mip, model, &result);
	if (status == RK_OK &&
	    (result == RK_MIP_OPTIMAL || result == RK_MIP_FEASIBLE))
		status = record(ctx, pr, mip, t->units, t->n_units);
	else if (status == RK_OK && pr->current && late_member(ctx, pr))
		status = keep_as_was(ctx, pr);
	else if (status == RK_OK && pr->current)
		rk_planctx_infeasible(
			ctx,
			_("%s, period %d: the duos to keep and to split cannot all be honoured"),
			pr->g->name, pr->p->number);
	else if (status == RK_OK)
		status = RK_ERR_SOLVER; /* every split is in the model */
out:
	rk_mip_free(mip);
	return status;
}

/* Rebalancing: a period that is over keeps its duos, and so does a team
 * the request does not touch (@team -2: every team). */
static enum rk_status keep_duos(struct rk_planctx *ctx,
				const struct rk_period *p, int team)
{
	for (size_t i = 0; i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->period == p->number && (team == -2 || d->team == team) &&
		    rk_plan_add_duo(ctx->plan, *d) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* The teams of period @p, prepared side by side, then planned (or kept)
 * in school order, as one thread would: the plan is the same for every
 * number of threads. */
static enum rk_status pair_period(struct rk_planctx *ctx,
				  const struct rk_period *p)
{
	struct team_duos *teams = calloc(ctx->n_groups + 1, sizeof(*teams));
	if (!teams)
		return RK_ERR_NOMEM;
	size_t n = 0;
	for (size_t g = 0; g < ctx->n_groups; g++) {
		const struct rk_group *grp = &ctx->groups[g];
		if (grp->team < 0 || grp->first_week < 0 ||
		    grp->first_week > p->first_week)
			continue;
		teams[n].pr = (struct pairing){ .g = grp, .p = p };
		/* The date's period after the team's whole cycle: its duos
		 * stay, who left included (they were its duos). */
		bool current = ctx->prev && p->first_week <= ctx->from_week &&
			       ctx->from_week <= p->last_week;
		teams[n].frozen = rk_planctx_frozen(ctx, (int)g) ||
				  (current && rk_planctx_held(ctx, (int)g));
		n++;
	}
	struct prepare_all all = { ctx, teams, !ctx->options->model_hook };
	rk_parallel_each(ctx, n, prepare_one, &all);
	enum rk_status status = RK_OK;
	for (size_t i = 0; status == RK_OK && i < n; i++)
		status = teams[i].frozen
				 ? keep_duos(ctx, p, teams[i].pr.g->team)
				 : pair_team(ctx, &teams[i]);
	for (size_t i = 0; i < n; i++) {
		free(teams[i].units);
		rk_mip_free(teams[i].mip); /* left by a failure before it */
		release_members(&teams[i].pr);
	}
	free(teams);
	return status;
}

enum rk_status rk_step_duos(struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (ctx->prev && p->last_week < ctx->from_week) {
			if (keep_duos(ctx, p, -2) != RK_OK)
				return RK_ERR_NOMEM;
			continue;
		}
		enum rk_status status = pair_period(ctx, p);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}
