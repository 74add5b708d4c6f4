/* rebalance.c - the planner's steps again from a date on, each weighing
 * what it changes against the previous plan; then the frozen past and the
 * new future are put together and the changes counted. */
#include "config.h"

#include "rebalance.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "planctx.h"
#include "ritmiek.h"
#include "i18n.h"

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

/* The lesbezoek a feedbackgesprek follows, or the feedbackgesprek after
 * a lesbezoek, in the previous plan: same id suffix, the other kind. */
static const struct rk_event *paired(const struct rk_planctx *ctx,
				     const struct rk_event *ev)
{
	enum rk_event_kind other = ev->kind == RK_EV_FB ? RK_EV_LB : RK_EV_FB;
	const char *mine = rk_event_kind_name(ev->kind);
	const char *at = strstr(ev->id, mine);
	char id[512];
	if (!at || (size_t)(at - ev->id) >= 200)
		return NULL;
	snprintf(id, sizeof(id), "%.*s%s%s", (int)(at - ev->id), ev->id,
		 rk_event_kind_name(other), at + strlen(mine));
	return rk_planctx_prev_event(ctx, id);
}

/* The week in period @p (counting weeks with sessions) of the round of
 * lesontwerp @ev belongs to, from its id (sessions.c: "...-pP-rR-..."),
 * or 0. A lesontwerp that slipped says the week it is in, like a
 * lesbezoek. */
static int gl_round_week(const struct rk_period *p, const struct rk_event *ev)
{
	const char *kind = strstr(ev->id, rk_event_kind_name(RK_EV_GL));
	int number, round = 0;
	for (const char *at = kind; at && (at = strstr(at, "-p")); at++)
		if (sscanf(at, "-p%d-r%d-", &number, &round) == 2 &&
		    number == p->number)
			break;
		else
			round = 0;
	if (round < 1 || round > 2)
		return 0;
	unsigned want = round == 1 ? RK_ACT_GL1 : RK_ACT_GL2;
	bool ads = !strcmp(p->phase, "aan de slag");
	char agenda[600];
	for (int nth = 1; nth <= p->weeks; nth++)
		if (rk_ritmiek_week(p->weeks, nth, ads, agenda,
				    sizeof(agenda)) &
		    want)
			return nth;
	return 0;
}

/* A later event of an activity that began before the date (a
 * feedbackgesprek after a lesbezoek that has been, or a session that had
 * slipped past its week) stays, unless one of its people is away then.
 * The week an activity belongs to: a lesbezoek that slipped says the week
 * it is in, its feedbackgesprek the week of the activity; the session
 * model plans neither again when that week lies before the date. */
static bool carried_over(const struct rk_planctx *ctx,
			 const struct rk_event *ev)
{
	if (ev->date < ctx->from || !duo_kind(ev->kind))
		return false;
	for (size_t i = 0; i < ev->n_parts; i++)
		if (rk_busy_absent(ctx->busy, ev->parts[i].person, ev->date))
			return false;
	const struct rk_event *pair =
		ev->kind == RK_EV_FB || ev->kind == RK_EV_LB ? paired(ctx, ev)
							     : NULL;
	if (ev->kind == RK_EV_FB && pair && pair->date < ctx->from)
		return true;
	/* A feedbackgesprek stays only with its lesbezoek: one whose
	 * lesbezoek is planned again (or lapses) would follow none. */
	if (ev->kind == RK_EV_FB && pair && !carried_over(ctx, pair))
		return false;
	const struct rk_period *p = period_number(ctx->prev, ev->period);
	int week = ev->week_in_period;
	if (pair && pair->week_in_period < week)
		week = pair->week_in_period;
	if (ev->kind == RK_EV_GL && p) {
		int of_round = gl_round_week(p, ev);
		if (of_round > 0 && of_round < week)
			week = of_round;
	}
	return p && week < nth_of_from(ctx, p);
}

/* Whether the request names @person: away, or in a pair to split or keep. */
static bool named(const struct rk_rebalance_request *req, int person)
{
	for (size_t i = 0; i < req->n_absences; i++)
		if (req->absences[i].person == person)
			return true;
	for (size_t i = 0; i < req->n_splits; i++)
		if (req->splits[i].a == person || req->splits[i].b == person)
			return true;
	for (size_t i = 0; i < req->n_keeps; i++)
		if (req->keeps[i].a == person || req->keeps[i].b == person)
			return true;
	return false;
}

static bool is_member(const struct rk_group *g, int person)
{
	for (size_t m = 0; m < g->n; m++)
		if (g->members[m] == person)
			return true;
	return false;
}

/* The group of team @team, or -1. */
static int group_of_team(const struct rk_planctx *ctx, int team)
{
	for (size_t g = 0; g < ctx->n_groups; g++)
		if (ctx->groups[g].team == team)
			return (int)g;
	return -1;
}

/* [team]: the group index of every team (-1: none). */
static int *team_groups(const struct rk_planctx *ctx)
{
	size_t n = rk_school_n_team(ctx->school);
	int *map = malloc((n + 1) * sizeof(*map));
	for (size_t t = 0; map && t < n; t++)
		map[t] = -1;
	for (size_t g = 0; map && g < ctx->n_groups; g++)
		if (ctx->groups[g].team >= 0 && (size_t)ctx->groups[g].team < n)
			map[ctx->groups[g].team] = (int)g;
	return map;
}

/* The group whose own event @ev is (a team's sessions, the
 * leerKRACHT-team's weekly meeting), or -1. */
static int event_group(const struct rk_planctx *ctx, const int *team_group,
		       int lk_group, const struct rk_event *ev)
{
	if (ev->kind == RK_EV_LKTEAM)
		return lk_group;
	if (ev->team < 0 || (size_t)ev->team >= rk_school_n_team(ctx->school))
		return -1;
	if (ev->kind != RK_EV_BORDSESSIE && !duo_kind(ev->kind))
		return -1;
	return team_group[ev->team];
}

/* Whether the previous plan's duos, from the request's period on, hold
 * exactly each team's members now (nobody joined, moved or left): into
 * @changed[group]. One walk over the duos for all teams. */
static enum rk_status changed_members(const struct rk_planctx *ctx,
				      const int *team_group, bool *changed)
{
	size_t n_periods = rk_plan_n_periods(ctx->prev);
	size_t *seen = calloc(ctx->n_groups + 1, sizeof(*seen));
	/* [group * n_periods + period index]: the team has duos then */
	bool *has = calloc(ctx->n_groups * n_periods + 1, sizeof(*has));
	if (!seen || !has) {
		free(seen);
		free(has);
		return RK_ERR_NOMEM;
	}
	for (size_t i = 0; i < rk_plan_n_duos(ctx->prev); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->prev, i);
		if (d->team < 0 ||
		    (size_t)d->team >= rk_school_n_team(ctx->school) ||
		    team_group[d->team] < 0)
			continue;
		size_t g = (size_t)team_group[d->team];
		for (size_t k = 0; k < n_periods; k++) {
			const struct rk_period *p =
				rk_plan_period(ctx->prev, k);
			if (p->number != d->period)
				continue;
			has[g * n_periods + k] = true;
			if (p->last_week < ctx->from_week)
				break;
			int m[3] = { d->a, d->b, d->c };
			for (int x = 0; x < 3; x++) {
				if (m[x] < 0)
					continue;
				if (!is_member(&ctx->groups[g], m[x]))
					changed[g] = true;
				seen[g]++;
			}
			break;
		}
	}
	/* Every member in a duo of each such period. */
	for (size_t g = 0; g < ctx->n_groups; g++) {
		size_t periods = 0;
		for (size_t k = 0; k < n_periods; k++)
			periods += has[g * n_periods + k] &&
				   rk_plan_period(ctx->prev, k)->last_week >=
					   ctx->from_week;
		if (ctx->groups[g].team >= 0 &&
		    seen[g] != periods * ctx->groups[g].n)
			changed[g] = true;
		if (ctx->groups[g].team < 0)
			changed[g] = false;
	}
	free(seen);
	free(has);
	return RK_OK;
}

/* Whether @ev can stay as it is with the school as it is now: everyone
 * works that day and is free, the host of a lesbezoek still teaches. */
static bool still_fits(const struct rk_planctx *ctx, const struct rk_event *ev)
{
	int s = ev->start >= 0 ? ev->start : 0;
	int e = ev->start >= 0 ? ev->end : 24 * 60;
	for (size_t i = 0; i < ev->n_parts; i++) {
		int who = ev->parts[i].person;
		bool host = ev->kind == RK_EV_LB &&
			    ev->parts[i].role == RK_PART_HOST;
		if (rk_busy_absent(ctx->busy, who, ev->date) ||
		    !rk_busy_works(ctx->busy, who, ev->date))
			return false;
		if (host ? !rk_busy_teaching(ctx->busy, who, ev->date, s, e)
			 : !rk_busy_is_free(ctx->busy, who, ev->date, s, e))
			return false;
	}
	return true;
}

/* The number of the previous plan's period that holds the date's week,
 * or 0 (the date lies between periods). */
static int period_of_from(const struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->prev); i++) {
		const struct rk_period *p = rk_plan_period(ctx->prev, i);
		if (p->first_week <= ctx->from_week &&
		    ctx->from_week <= p->last_week)
			return p->number;
	}
	return 0;
}

/* Whether @ev is a gezamenlijk lesontwerp or lesbezoek of period @period
 * on or after @from: its team's duo cycle of that period goes on. */
static bool cycle_open(const struct rk_event *ev, int period, int from)
{
	return ev->date >= from && ev->period == period &&
	       (ev->kind == RK_EV_GL || ev->kind == RK_EV_LB);
}

/* Which teams' duos of the date's period held every gezamenlijk
 * lesontwerp and lesbezoek before the date (ctx->held): what is left of
 * their cycle is at most a feedbackgesprek, which carries over. */
static void mark_held(struct rk_planctx *ctx, const int *team_group)
{
	int period = period_of_from(ctx);
	for (size_t g = 0; g < ctx->n_groups; g++)
		ctx->held[g] = period > 0 && ctx->groups[g].team >= 0;
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->prev, i);
		if (!cycle_open(ev, period, ctx->from) || ev->team < 0 ||
		    (size_t)ev->team >= rk_school_n_team(ctx->school) ||
		    team_group[ev->team] < 0)
			continue;
		ctx->held[team_group[ev->team]] = false;
	}
}

/* Which groups keep everything from the date on: those the request does
 * not touch and whose events all still fit. Linear in the plan: each
 * event is looked at once, for its own group. */
static enum rk_status mark_frozen(struct rk_planctx *ctx, const int *team_group,
				  int lk_group)
{
	ctx->frozen = calloc(ctx->n_groups + 1, sizeof(bool));
	ctx->held = calloc(ctx->n_groups + 1, sizeof(bool));
	bool *touched = calloc(ctx->n_groups + 1, sizeof(bool));
	enum rk_status status = RK_ERR_NOMEM;
	if (!ctx->frozen || !ctx->held || !touched ||
	    changed_members(ctx, team_group, touched) != RK_OK)
		goto out;
	mark_held(ctx, team_group);
	for (size_t g = 0; g < ctx->n_groups; g++) {
		const struct rk_group *grp = &ctx->groups[g];
		for (size_t m = 0; m < grp->n && !touched[g]; m++)
			touched[g] = named(ctx->req, grp->members[m]);
	}
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->prev, i);
		int g = ev->date >= ctx->from
				? event_group(ctx, team_group, lk_group, ev)
				: -1;
		if (g >= 0 && !touched[g] && !still_fits(ctx, ev))
			touched[g] = true;
	}
	for (size_t g = 0; g < ctx->n_groups; g++)
		ctx->frozen[g] = !touched[g];
	status = RK_OK;
out:
	free(touched);
	return status;
}

/* An event of the previous plan that stays as it is, booked so that what
 * is planned anew goes around it. */
static enum rk_status keep_event(struct rk_planctx *ctx,
				 const struct rk_event *old)
{
	struct rk_event *ev = rk_plan_add_copy(ctx->plan, old);
	if (!ev)
		return RK_ERR_NOMEM;
	for (size_t p = 0; p < ev->n_parts; p++)
		rk_busy_book(ctx->busy, ev->parts[p].person, ev->date,
			     ev->start >= 0 ? ev->start : 0,
			     ev->start >= 0 ? ev->end : 24 * 60);
	return RK_OK;
}

/* Before the steps run: the untouched groups' events and what carries
 * over are in the plan already, and booked. */
static enum rk_status keep_untouched(struct rk_planctx *ctx,
				     const int *team_group, int lk_group)
{
	ctx->kept = calloc(rk_plan_n_events(ctx->prev) + 1, sizeof(bool));
	if (!ctx->kept)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->prev, i);
		if (ev->date < ctx->from)
			continue;
		int g = event_group(ctx, team_group, lk_group, ev);
		bool keep = g >= 0 && ctx->frozen[g];
		if (!keep && duo_kind(ev->kind))
			keep = carried_over(ctx, ev);
		ctx->kept[i] = keep;
		if (keep && keep_event(ctx, ev) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

static bool open_event(const struct rk_event *ev, void *data)
{
	const struct rk_planctx *ctx = data;
	return ev->date >= ctx->from;
}

static bool not_past(const struct rk_event *ev, void *data)
{
	const struct rk_planctx *ctx = data;
	return !rk_planctx_prev_event(ctx, ev->id) ||
	       rk_planctx_prev_event(ctx, ev->id)->date >= ctx->from;
}

/* The past exactly as it was, then the rest. An activity that has been
 * held is never planned again; should a step still make one with the id
 * of a past event, the past one wins. */
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

/* Events to drop: [index] in the plan. */
struct twins {
	const struct rk_event *first;
	bool *drop;
};

static bool not_twin(const struct rk_event *ev, void *data)
{
	const struct twins *t = data;
	return !t->drop[ev - t->first];
}

/* An activity carried over from before the date (a lesbezoek of an old
 * trio) may be one a duo formed from the date on catches up on, with the
 * same people and so the same id: the one kept (added first) stands,
 * the second is dropped. */
static enum rk_status drop_twins(struct rk_plan *plan)
{
	size_t n = rk_plan_n_events(plan);
	const struct rk_event **list = by_id(plan);
	struct twins t = { n ? rk_plan_event(plan, 0) : NULL,
			   calloc(n + 1, sizeof(bool)) };
	if (!list || !t.drop) {
		free(list);
		free(t.drop);
		return RK_ERR_NOMEM;
	}
	for (size_t i = 1; i < n; i++) {
		if (strcmp(list[i - 1]->id, list[i]->id))
			continue;
		/* qsort is not stable: the later of the two in the plan. */
		const struct rk_event *later =
			list[i] > list[i - 1] ? list[i] : list[i - 1];
		t.drop[later - t.first] = true;
		list[i] = later == list[i] ? list[i - 1] : list[i];
	}
	rk_plan_filter(plan, not_twin, &t);
	free(list);
	free(t.drop);
	return RK_OK;
}

static enum rk_status merge(struct rk_planctx *ctx)
{
	rk_plan_filter(ctx->plan, open_event, ctx);
	rk_plan_filter(ctx->plan, not_past, ctx);
	if (drop_twins(ctx->plan) != RK_OK)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *old = rk_plan_event(ctx->prev, i);
		if (old->date < ctx->from && !rk_plan_add_copy(ctx->plan, old))
			return RK_ERR_NOMEM;
	}
	rk_plan_sort(ctx->plan);
	return RK_OK;
}

static bool same_moment(const struct rk_moment *a, const struct rk_moment *b)
{
	return a->weekday == b->weekday && a->start == b->start &&
	       a->end == b->end;
}

/* A team whose moment moved keeps the old one for the weeks before the
 * date (its past bordsessies were there); the new one holds from the date
 * on. Moments of the previous plan from the date on are superseded. */
static enum rk_status keep_moment_history(struct rk_planctx *ctx)
{
	size_t n_new = rk_plan_n_moments(ctx->plan);
	size_t n_old = rk_plan_n_moments(ctx->prev), n = 0;
	struct rk_moment *all = calloc(n_new + n_old + 1, sizeof(*all));
	if (!all)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n_new; i++) {
		struct rk_moment m = *rk_plan_moment(ctx->plan, i);
		const struct rk_moment *held = NULL;
		for (size_t k = 0; k < n_old; k++) {
			const struct rk_moment *o =
				rk_plan_moment(ctx->prev, k);
			if (o->team != m.team || o->from >= ctx->from)
				continue;
			all[n++] = *o;
			if (!held || o->from > held->from)
				held = o;
		}
		if (held && same_moment(held, &m))
			continue;
		m.from = held ? ctx->from : 0;
		all[n++] = m;
	}
	enum rk_status status = rk_plan_set_moments(ctx->plan, all, n);
	free(all);
	return status;
}

static bool same_time(const struct rk_event *a, const struct rk_event *b)
{
	return a->date == b->date && a->start == b->start && a->end == b->end;
}

static bool same_people(const struct rk_event *a, const struct rk_event *b)
{
	if (a->n_parts != b->n_parts)
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
			/* An event that only lost (or gained) someone was not
			 * moved: the report says "verplaatst" of another
			 * time alone. */
			if (a[i]->date >= from || b[j]->date >= from) {
				if (!same_time(a[i], b[j]))
					pt->events_moved++;
				else if (!same_people(a[i], b[j]))
					pt->events_regrouped++;
				else
					pt->events_kept++;
			}
			i++;
			j++;
		}
	}
	free(a);
	free(b);
	return RK_OK;
}

/* [person]: the first duo of @period that person is in, -1: none. */
static int *duo_of_person(const struct rk_plan *plan, int period,
			  size_t n_people)
{
	int *of = malloc((n_people + 1) * sizeof(*of));
	for (size_t p = 0; of && p < n_people; p++)
		of[p] = -1;
	for (size_t i = 0; of && i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		int m[3] = { d->a, d->b, d->c };
		for (int x = 0; d->period == period && x < 3; x++)
			if (m[x] >= 0 && (size_t)m[x] < n_people &&
			    of[m[x]] < 0)
				of[m[x]] = (int)i;
	}
	return of;
}

/* The one or two partners of @person in the plan's duo @duo (-1: in
 * none), -1 for none. */
static void partners(const struct rk_plan *plan, int duo, int person,
		     int out[2])
{
	out[0] = out[1] = -1;
	if (duo >= 0)
		rk_duo_partners(rk_plan_duo(plan, (size_t)duo), person, out);
}

/* Marks in @lost the people who lost a partner in @period (a person who
 * left is not marked: they have no partner any more); false when out of
 * memory. */
static bool mark_partners(const struct rk_planctx *ctx, int period, bool *lost)
{
	size_t n_people = rk_school_n_person(ctx->school);
	int *was_in = duo_of_person(ctx->prev, period, n_people);
	int *now_in = duo_of_person(ctx->plan, period, n_people);
	bool ok = was_in && now_in;
	for (size_t p = 0; ok && p < n_people; p++) {
		int was[2], now[2];
		partners(ctx->prev, was_in[p], (int)p, was);
		partners(ctx->plan, now_in[p], (int)p, now);
		if (now[0] < 0 && now[1] < 0)
			continue;
		/* Losing a partner counts; gaining a third does not. */
		for (int k = 0; k < 2; k++)
			if (was[k] >= 0 && was[k] != now[0] && was[k] != now[1])
				lost[p] = true;
	}
	free(was_in);
	free(now_in);
	return ok;
}

/* People who lost a partner in any period from the date's on, each once:
 * the duo step weighs every such period, and a partner planned for a later
 * period is in the feeds already. -1 when out of memory. */
static int count_partners(const struct rk_planctx *ctx)
{
	size_t n_people = rk_school_n_person(ctx->school);
	bool *lost = calloc(n_people + 1, sizeof(*lost));
	int changed = lost ? 0 : -1;
	for (size_t i = 0; changed >= 0 && i < rk_plan_n_periods(ctx->plan);
	     i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (p->last_week >= ctx->from_week &&
		    !mark_partners(ctx, p->number, lost))
			changed = -1;
	}
	for (size_t p = 0; changed >= 0 && p < n_people; p++)
		changed += lost[p];
	free(lost);
	return changed;
}

/* Teams whose moment this rebalance moved: their new one holds from the
 * date on (keep_moment_history). */
static int count_moments(const struct rk_plan *next, int from)
{
	int changed = 0;
	for (size_t i = 0; i < rk_plan_n_moments(next); i++)
		changed += rk_plan_moment(next, i)->from == from;
	return changed;
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

/* Whether @d, a unit of the new plan, was none of the previous plan's:
 * formed from the date on, it catches up on its whole cycle
 * (sessions.c, duo_acts). */
static bool formed_anew(const struct rk_plan *prev, const struct rk_duo *d)
{
	int size = d->c >= 0 ? 3 : 2;
	for (size_t i = 0; i < rk_plan_n_duos(prev); i++) {
		const struct rk_duo *o = rk_plan_duo(prev, i);
		int x[3] = { o->a, o->b, o->c }, same = 0;
		for (int k = 0; k < 3; k++)
			same += x[k] >= 0 &&
				(x[k] == d->a || x[k] == d->b || x[k] == d->c);
		if (o->period == d->period && o->team == d->team &&
		    same == size && (o->c >= 0) == (size == 3))
			return false;
	}
	return true;
}

static bool in_unit(const struct rk_duo *d, int person)
{
	return person >= 0 &&
	       (d->a == person || d->b == person || d->c == person);
}

/* Whether @ev is a session of unit @d that found its place: everyone
 * but a cover person in the unit, and no "NIET GEPLAND" stand-in
 * (--allow-violations). */
static bool unit_event(const struct rk_duo *d, const struct rk_event *ev)
{
	size_t n = 0;
	for (size_t i = 0; i < ev->n_parts; i++) {
		if (ev->parts[i].role == RK_PART_COVER)
			continue;
		if (!in_unit(d, ev->parts[i].person))
			return false;
		n++;
	}
	return n >= 2 && !ev->violation;
}

/* Whether unit @d, formed from the date on, got its whole cycle: both
 * rounds' lesontwerp and every lesbezoek with its feedbackgesprek. */
static bool cycle_placed(const struct rk_planctx *ctx, const struct rk_duo *d)
{
	int size = d->c >= 0 ? 3 : 2, gl = 0, lb = 0, fb = 0;
	for (size_t i = 0; i < rk_plan_n_events(ctx->plan); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->plan, i);
		if (ev->period != d->period || ev->team != d->team ||
		    ev->date < ctx->from || !unit_event(d, ev))
			continue;
		gl += ev->kind == RK_EV_GL;
		lb += ev->kind == RK_EV_LB;
		fb += ev->kind == RK_EV_FB;
	}
	int visits = size == 3 ? 6 : 2;
	return gl >= 2 && lb >= visits && fb >= visits;
}

/* Whether @a and @b are a pair in @late already. */
static bool listed(const struct rk_vec *late, int a, int b)
{
	const struct rk_pair *pairs = late->items;
	for (size_t i = 0; i < late->n; i++)
		if ((pairs[i].a == a && pairs[i].b == b) ||
		    (pairs[i].a == b && pairs[i].b == a))
			return true;
	return false;
}

/* The date's period's units formed from the date on whose cycle found no
 * place, each as its pairs into @late: the duo step forms none of them
 * again on the next try. */
static enum rk_status late_units(const struct rk_planctx *ctx,
				 struct rk_vec *late)
{
	int period = period_of_from(ctx);
	for (size_t i = 0; i < rk_plan_n_duos(ctx->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(ctx->plan, i);
		if (d->period != period || !formed_anew(ctx->prev, d) ||
		    cycle_placed(ctx, d))
			continue;
		int m[3] = { d->a, d->b, d->c };
		for (int x = 0; x < 3; x++)
			for (int y = x + 1; y < 3; y++) {
				if (m[x] < 0 || m[y] < 0)
					continue;
				if (listed(late, m[x], m[y]))
					continue;
				struct rk_pair *pr =
					rk_vec_push(late, sizeof(*pr));
				if (!pr)
					return RK_ERR_NOMEM;
				*pr = (struct rk_pair){ m[x], m[y] };
			}
	}
	return RK_OK;
}

/* The absences the plan was made for, in the plan: the earlier ones and
 * this request's, each from its date (plan.h). */
static enum rk_status keep_absences(struct rk_planctx *ctx,
				    const struct rk_plan *previous,
				    const struct rk_rebalance_request *req)
{
	for (size_t i = 0; i < rk_plan_n_absences(previous); i++)
		if (rk_plan_add_absence(ctx->plan,
					*rk_plan_absence(previous, i)) != RK_OK)
			return RK_ERR_NOMEM;
	for (size_t i = 0; i < req->n_absences; i++) {
		struct rk_plan_absence a = { req->absences[i].person, req->from,
					     req->absences[i].until };
		if (rk_plan_add_absence(ctx->plan, a) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* One try of rk_rebalance; when it is infeasible, the pairs of the units
 * it formed too late for their cycle go to @late. */
static enum rk_status try_rebalance(const struct rk_school *school,
				    const struct rk_schoolyear *year,
				    const struct rk_plan *previous,
				    const struct rk_rebalance_request *request,
				    const struct rk_plan_options *options,
				    struct rk_plan **out,
				    struct rk_perturbation *perturbation,
				    struct rk_diags *diags, struct rk_vec *late)
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
	for (size_t i = 0; status == RK_OK && i < request->n_absences; i++) {
		status = rk_busy_add_absent(
			ctx.busy, request->absences[i].person, request->from,
			request->absences[i].until);
		if (request->absences[i].until == INT_MAX)
			leave_groups(&ctx, request->absences[i].person);
	}
	/* An absence an earlier rebalance was told still holds: whoever is
	 * ill until Friday gets no session on Thursday from this one. */
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_absences(previous);
	     i++) {
		const struct rk_plan_absence *a = rk_plan_absence(previous, i);
		if (a->until < request->from)
			continue;
		status = rk_busy_add_absent(
			ctx.busy, a->person,
			a->from > request->from ? a->from : request->from,
			a->until);
		if (a->until == INT_MAX)
			leave_groups(&ctx, a->person);
	}
	ctx.prev_by_id = by_id(previous);
	if (!ctx.prev_by_id)
		status = RK_ERR_NOMEM;
	int *team_group = team_groups(&ctx);
	int lk_group = group_of_team(&ctx, -1);
	if (!team_group)
		status = RK_ERR_NOMEM;
	if (status == RK_OK)
		status = mark_frozen(&ctx, team_group, lk_group);
	if (status == RK_OK)
		status = keep_untouched(&ctx, team_group, lk_group);
	free(team_group);
	if (status == RK_OK)
		status = rk_planctx_run(&ctx);
	if (status == RK_OK && ctx.infeasible)
		status = late_units(&ctx, late);
	if (status == RK_OK)
		status = merge(&ctx);
	if (status == RK_OK)
		status = keep_moment_history(&ctx);
	if (status == RK_OK)
		status = keep_absences(&ctx, previous, request);
	if (status == RK_OK)
		status = count_events(previous, ctx.plan, ctx.from,
				      perturbation);
	if (status != RK_OK)
		goto out;
	perturbation->partners_changed = count_partners(&ctx);
	if (perturbation->partners_changed < 0) {
		status = RK_ERR_NOMEM;
		goto out;
	}
	perturbation->moments_changed = count_moments(ctx.plan, ctx.from);
out:
	return rk_planctx_finish(&ctx, status, out);
}

#define MAX_TRIES 12

/* A duo formed from the date on catches up on its whole cycle in the
 * weeks left; whether it fits, only the session model can tell (two
 * part-timers who meet on one day a week have room for one round, not
 * two). So a try that is infeasible for that alone is tried again
 * without those units, until none is left to drop: then the duo step
 * says who cannot be re-paired. Only the last try's messages count. */
enum rk_status rk_rebalance(const struct rk_school *school,
			    const struct rk_schoolyear *year,
			    const struct rk_plan *previous,
			    const struct rk_rebalance_request *request,
			    const struct rk_plan_options *options,
			    struct rk_plan **out,
			    struct rk_perturbation *perturbation,
			    struct rk_diags *diags)
{
	struct rk_vec late = { 0 };
	struct rk_rebalance_request req = *request;
	enum rk_status status;
	for (int n = 1;; n++) {
		struct rk_diags *tried = rk_diags_new();
		size_t before = late.n;
		if (!tried) {
			status = RK_ERR_NOMEM;
			break;
		}
		req.late = late.items;
		req.n_late = late.n;
		status = try_rebalance(school, year, previous, &req, options,
				       out, perturbation, tried, &late);
		/* Each try costs a whole run: a school where a dozen new
		 * units in a row fail is told what the last try found. */
		if (status != RK_ERR_INFEASIBLE || late.n == before ||
		    n == MAX_TRIES) {
			rk_diags_append(diags, tried);
			rk_diags_free(tried);
			break;
		}
		rk_diags_free(tried);
		rk_plan_free(*out);
		*out = NULL;
	}
	rk_vec_release(&late);
	return status;
}

static const char *person_name(const struct rk_school *s, int p)
{
	const struct rk_person *x = rk_school_get_person(s, (size_t)p);
	return x ? (x->name ? x->name : x->id) : "?";
}

/* The period of the previous plan that holds @date, or the first after. */
static const struct rk_period *period_at(const struct rk_schoolyear *year,
					 const struct rk_plan *plan, int date)
{
	const struct rk_day *day = rk_schoolyear_day(year, date);
	for (size_t i = 0; day && i < rk_plan_n_periods(plan); i++)
		if (rk_plan_period(plan, i)->last_week >= day->week)
			return rk_plan_period(plan, i);
	return NULL;
}

/* The team in which @pr is a duo (or in one trio) in @period, or -1. */
static int together(const struct rk_plan *plan, int period,
		    const struct rk_pair *pr)
{
	for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		bool a = d->a == pr->a || d->b == pr->a || d->c == pr->a;
		bool b = d->a == pr->b || d->b == pr->b || d->c == pr->b;
		if (d->period == period && a && b)
			return d->team;
	}
	return -1;
}

/* Whether @team's duos of @period have had every gezamenlijk lesontwerp
 * and lesbezoek before @from: rebalancing keeps them (ctx->held). */
static bool team_held(const struct rk_plan *plan, int period, int team,
		      int from)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (ev->team == team && cycle_open(ev, period, from))
			return false;
	}
	return true;
}

static bool has_sessions_from(const struct rk_plan *plan, int person, int from)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		for (size_t k = 0; ev->date >= from && k < ev->n_parts; k++)
			if (ev->parts[k].person == person &&
			    ev->kind != RK_EV_METING)
				return true;
	}
	return false;
}

static void check_from(const struct rk_schoolyear *year, int from, int today,
		       struct rk_diags *diags)
{
	const struct rk_day *day = rk_schoolyear_day(year, from);
	char date[RK_DATE_BUFSIZE], now[RK_DATE_BUFSIZE];
	rk_date_format(from, date);
	rk_date_format(today, now);
	/* What is planned anew may land on any day from @from on: before
	 * today it would be in the past of every calendar, never seen, and
	 * count as held. */
	if (today > 0 && from < today)
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			_("--from %s is before today (%s): what was planned then has been or not; give today or a later date"),
			date, now);
	if (!day)
		rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0,
			     _("--from %s lies outside the school year"), date);
	else if (!day->school_day)
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			_("--from %s is no school day (%s %s): give the first school day from which the change holds"),
			date, rk_weekday_name(day->weekday),
			day->off ? day->off : "");
}

static void check_pairs(const struct rk_school *school,
			const struct rk_plan *prev, const struct rk_period *p,
			int from, const struct rk_pair *pairs, size_t n,
			const char *option, struct rk_diags *diags)
{
	for (size_t i = 0; i < n; i++) {
		int team = p ? together(prev, p->number, &pairs[i]) : -1;
		if (team >= 0 && team_held(prev, p->number, team, from)) {
			char date[RK_DATE_BUFSIZE];
			rk_date_format(from, date);
			rk_diags_add(
				diags, RK_SEV_ERROR, NULL, 0, 0,
				_("%s: %s and %s have had every lesbezoek of period %d before %s: nothing to %s"),
				option, person_name(school, pairs[i].a),
				person_name(school, pairs[i].b), p->number,
				date, option + 2);
			continue;
		}
		if (team >= 0)
			continue;
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			_("%s: %s and %s are not a duo in period %d: nothing to %s"),
			option, person_name(school, pairs[i].a),
			person_name(school, pairs[i].b), p ? p->number : 0,
			option + 2);
	}
}

enum rk_status rk_rebalance_check(const struct rk_school *school,
				  const struct rk_schoolyear *year,
				  const struct rk_plan *previous,
				  const struct rk_rebalance_request *req,
				  struct rk_diags *diags)
{
	size_t before = rk_diags_errors(diags);
	check_from(year, req->from, req->today, diags);
	/* A leave of someone without sessions from the date on changes
	 * nothing: an error when it is all the request asks, else said. */
	size_t idle = 0;
	for (size_t i = 0; i < req->n_absences; i++)
		idle += !has_sessions_from(previous, req->absences[i].person,
					   req->from);
	bool only_idle = idle == req->n_absences && !req->n_splits &&
			 !req->n_keeps && !req->n_joins;
	for (size_t i = 0; i < req->n_absences; i++) {
		const struct rk_absence *a = &req->absences[i];
		char until[RK_DATE_BUFSIZE], from[RK_DATE_BUFSIZE];
		rk_date_format(req->from, from);
		if (a->until < req->from) {
			rk_date_format(a->until, until);
			rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0,
				     _("--until %s is before --from %s"), until,
				     from);
		}
		if (!has_sessions_from(previous, a->person, req->from))
			rk_diags_add(
				diags,
				only_idle ? RK_SEV_ERROR : RK_SEV_WARNING, NULL,
				0, 0,
				_("--leave: %s has no sessions from %s on in this plan: nothing to re-plan"),
				person_name(school, a->person), from);
	}
	const struct rk_period *p = period_at(year, previous, req->from);
	check_pairs(school, previous, p, req->from, req->splits, req->n_splits,
		    "--split", diags);
	check_pairs(school, previous, p, req->from, req->keeps, req->n_keeps,
		    "--keep", diags);
	for (size_t i = 0; i < req->n_joins; i++) {
		const struct rk_team *t =
			rk_school_get_team(school, (size_t)req->joins[i].team);
		if (t && t->n_members > RK_TEAM_MAX)
			rk_diags_add(
				diags, RK_SEV_ERROR, NULL, 0, 0,
				_("--team %s is full: with %s it would have %zu members (a lerarenteam has 5 to %d)"),
				t->id,
				person_name(school, req->joins[i].person),
				t->n_members, RK_TEAM_MAX);
	}
	return rk_diags_errors(diags) > before ? RK_ERR_ARG : RK_OK;
}
