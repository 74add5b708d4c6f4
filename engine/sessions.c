/* sessions.c - the concrete sessions of every team in every period:
 * gezamenlijk lesontwerp (GL) per duo, lesbezoek (LB) in a real lesson of
 * the host with the visitor free, the feedbackgesprek (FB) after it, the
 * same day or within two school days, and the team's verdieping,
 * retrospectief and leerlingarena, in the weeks the period ritmiek gives
 * them.
 *
 * One GLPK model per team and period. A binary per (activity, candidate
 * moment); each activity takes exactly one candidate or stays unplaced at a
 * prohibitive cost (then the reason is reported); an FB may only fall on a
 * time after its LB ends, that day or on one of the next two school days;
 * nobody is in two
 * places at once; a second session on a day costs extra. Every session
 * stays inside the school's windows for its kind and ends before the
 * period's verbindingssessie; the leerlingarena comes first, round 2 after
 * round 1. A team session (leerlingarena, verdieping, retrospectief) is
 * an event of its own unless the school holds it in the bordsessie
 * (ritmiek.team_sessions, see weekly.c); one that finds no moment is a
 * broken rule, reported like a duo session's. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cover.h"
#include "date.h"
#include "explain.h"
#include "hash.h"
#include "index.h"
#include "planctx.h"
#include "planner.h"
#include "ritmiek.h"
#include "i18n.h"

#define TEAM_SESSION_MINUTES 60
#define KEEP_CANDIDATES	     12
#define KEEP_PER_DAY	     4
#define COST_UNPLACED	     100000
#define COST_SECOND_SESSION  40
#define COST_FRIDAY_LB	     15
#define COST_COVER_LB	     10
#define COST_WEEK_LATE	     60
#define COST_LB_BEFORE_GL    30
#define COST_MOVED	     200
#define MAX_STARTS	     128

struct act {
	enum rk_event_kind kind;
	int people[3];
	int n_people;
	int visitor;  /* LB and FB: people[0] visits people[1] */
	int week;     /* year week of the activity (of its LB for an FB) */
	int gl_week;  /* LB: year week of its round's lesontwerp, the first
		       * it may take when its own week has no moment */
	int nth;      /* week in the period */
	int old_date; /* rebalancing: where it was before, -1: new */
	int old_start;
	int round;    /* 1 or 2 */
	int lb;	      /* FB: index of its LB activity */
	bool done;    /* rebalancing: held before the date, not planned */
	int unplaced; /* column: not placed */
	size_t first; /* its candidates */
	size_t n;
};

struct cand {
	int act;
	int date;
	int start;
	int end;
	int lesson; /* LB: index of the visited lesson */
	int nth;    /* week in the period it falls in */
	double cost;
	int col;
};

struct model {
	struct rk_planctx *ctx;
	bool allow_late; /* second try: sessions may slip a week */
	/* Third try: a lesbezoek may also come in an earlier week of its
	 * round (lesson_slots). Not sooner: the extra candidates make the
	 * models of teams that need none of them several times slower. */
	bool allow_early;
	/* With allow_late: which activities get the later weeks, by index
	 * into acts (the try before could not place them); NULL: all. */
	const bool *slip;
	/* The bound (bound.c): every candidate kept, and the idle time of
	 * these people (those in other teams too) not counted; NULL when
	 * planning. */
	const bool *relaxed;
	const struct rk_group *g;
	const struct rk_period *p;
	/* Every session ends by the verbindingssessie (date -1: none). */
	int bound_date;
	int bound_start;
	struct act *acts;
	size_t n_acts, cap_acts;
	struct cand *cands;
	size_t n_cands, cap_cands;
	struct rk_cover_model *cover; /* who takes the visitor's group */
	struct rk_busy_day *days;     /* people_days */
	size_t cap_days;
	/* rk_planctx_start_times per weekday (bit wd of have_starts), asked
	 * for every activity on every date. */
	int day_starts[7][MAX_STARTS];
	size_t n_day_starts[7];
	unsigned have_starts;
	/* The last solve stopped at a limit: what it left unplaced may have
	 * a place that the search did not reach. */
	bool unproven;
};

static void find_old(struct model *m, struct act *a);
static bool left_behind(const struct model *m, const struct act *a);

/* Whether @a gets the second try's fallbacks: the later weeks, an FB on
 * its LB's own day, a team session a week early. With m->slip, the later
 * weeks of a lesbezoek or lesontwerp only when it needs them (m->slip):
 * those of every lesbezoek made the models of vo:300:2 three times the
 * size and took a quarter of GLPK's time, for the same plan. The team
 * sessions and feedbackgesprekken keep theirs: few candidates, and
 * without them the vo example's plan got 1.4% worse. */
static bool late(const struct model *m, const struct act *a)
{
	return m->allow_late && (!m->slip || m->slip[a - m->acts] ||
				 a->n_people == 0 || a->kind == RK_EV_FB);
}

static struct act *new_act(struct model *m, enum rk_event_kind kind, int week,
			   int nth, int round)
{
	if (m->n_acts == m->cap_acts) {
		size_t cap = m->cap_acts ? m->cap_acts * 2 : 32;
		struct act *a = realloc(m->acts, cap * sizeof(*a));
		if (!a)
			return NULL;
		m->acts = a;
		m->cap_acts = cap;
	}
	struct act *a = &m->acts[m->n_acts++];
	*a = (struct act){ .kind = kind,
			   .week = week,
			   .nth = nth,
			   .round = round,
			   .gl_week = week,
			   .lb = -1,
			   .unplaced = -1 };
	return a;
}

static int add_cand(struct model *m, struct cand c)
{
	/* Candidates of equal cost make the branch and bound wander among
	 * symmetric solutions; a tiny, deterministic preference for earlier
	 * moments breaks the ties without changing any real choice. */
	c.cost += 1e-4 * (c.date - rk_schoolyear_first(m->ctx->year)) +
		  1e-6 * c.start;
	/* Rebalancing: an event that moves weighs after a changed partner
	 * and before everything else. */
	const struct act *a = &m->acts[c.act];
	if (a->old_date >= 0 &&
	    (a->old_date != c.date || a->old_start != c.start))
		c.cost += COST_MOVED;
	if (!rk_planctx_open(m->ctx, c.date))
		return 0; /* rebalancing: before the date nothing changes */
	if (m->bound_date >= 0 &&
	    (c.date > m->bound_date ||
	     (c.date == m->bound_date && c.end > m->bound_start)))
		return 0; /* the period closes with its verbindingssessie */
	if (m->n_cands == m->cap_cands) {
		size_t cap = m->cap_cands ? m->cap_cands * 2 : 256;
		struct cand *x = realloc(m->cands, cap * sizeof(*x));
		if (!x)
			return -1;
		m->cands = x;
		m->cap_cands = cap;
	}
	m->cands[m->n_cands++] = c;
	return 0;
}

/* The activities of the team in the period, week by week. */
static enum rk_status lb_acts(struct model *m, const struct rk_duo *d, int week,
			      int nth, int round, int gl_week)
{
	int u[3] = { d->a, d->b, d->c };
	int size = d->c >= 0 ? 3 : 2;
	/* Round 1: everyone visits the next one; round 2: the previous one,
	 * so that in a duo the roles swap and in a trio everyone hosts. A
	 * trio goes the way the duo model found possible (rk_duo.backward). */
	bool forward =
		size == 3 ? !(d->backward & (1u << (round - 1))) : round == 1;
	for (int i = 0; i < (size == 2 ? 1 : 3); i++) {
		int visitor = u[i];
		int host =
			forward ? u[(i + 1) % size] : u[(i + size - 1) % size];
		if (size == 2 && round == 2) {
			visitor = u[1];
			host = u[0];
		}
		struct act *lb = new_act(m, RK_EV_LB, week, nth, round);
		if (!lb)
			return RK_ERR_NOMEM;
		lb->people[0] = visitor;
		lb->people[1] = host;
		lb->n_people = 2;
		lb->gl_week = gl_week;
		int lb_index = (int)m->n_acts - 1;
		struct act *fb = new_act(m, RK_EV_FB, week, nth, round);
		if (!fb)
			return RK_ERR_NOMEM;
		fb->people[0] = visitor;
		fb->people[1] = host;
		fb->n_people = 2;
		fb->lb = lb_index;
	}
	return RK_OK;
}

/* Rebalancing: whether @d was not a duo (or trio) of its period in the
 * previous plan: formed from the date on. */
static bool new_duo(const struct model *m, const struct rk_duo *d)
{
	if (!m->ctx->prev)
		return false;
	for (size_t i = 0; i < rk_plan_n_duos(m->ctx->prev); i++) {
		const struct rk_duo *o = rk_plan_duo(m->ctx->prev, i);
		int x[3] = { o->a, o->b, o->c }, same = 0;
		for (int k = 0; k < 3; k++)
			same += x[k] >= 0 &&
				(x[k] == d->a || x[k] == d->b || x[k] == d->c);
		if (o->period == d->period && o->team == d->team &&
		    same == (o->c >= 0 ? 3 : 2) && (o->c >= 0) == (d->c >= 0))
			return false;
	}
	return true;
}

/* Of the lesbezoeken (each with its feedbackgesprek after it) from
 * m->acts[first] on, only those left_behind stay. */
static void keep_left_behind(struct model *m, size_t first)
{
	size_t n = first;
	for (size_t k = first; k + 1 < m->n_acts; k += 2) {
		if (!left_behind(m, &m->acts[k]))
			continue;
		m->acts[n] = m->acts[k];
		m->acts[n + 1] = m->acts[k + 1];
		m->acts[n + 1].lb = (int)n;
		n += 2;
	}
	m->n_acts = n;
}

/* @missed: the duo activities of weeks before the date (rebalancing),
 * given for the first week that may change. A duo formed from the date on
 * catches up on them then (or later: they may slip; the order rows keep
 * round 1 before round 2), so that it still designs together and each
 * visits the other this period. A duo that was one before catches up
 * only on what had slipped past the date and could not stay where it
 * was (left_behind): a lesbezoek of round 1 that fell in an illness would
 * otherwise vanish unplanned while round 2 goes on, and the visits of
 * the period would no longer come in their rounds (verify, rule 12). */
static enum rk_status duo_acts(struct model *m, unsigned acts, unsigned missed,
			       int week, int nth, const int *gl_week)
{
	const struct rk_plan *base = rk_planctx_base(m->ctx);
	for (size_t i = 0; i < rk_plan_n_duos(base); i++) {
		const struct rk_duo *d = rk_plan_duo(base, i);
		if (d->team != m->g->team || d->period != m->p->number)
			continue;
		unsigned all = acts, again = 0;
		if (missed && new_duo(m, d))
			all |= missed;
		else
			again = missed & ~acts;
		for (int round = 1; round <= 2; round++) {
			unsigned gl = round == 1 ? RK_ACT_GL1 : RK_ACT_GL2;
			unsigned lb = round == 1 ? RK_ACT_LB1 : RK_ACT_LB2;
			if ((all | again) & gl) {
				struct act *a =
					new_act(m, RK_EV_GL, week, nth, round);
				if (!a)
					return RK_ERR_NOMEM;
				a->people[0] = d->a;
				a->people[1] = d->b;
				a->people[2] = d->c;
				a->n_people = d->c >= 0 ? 3 : 2;
				if (!(all & gl) && !left_behind(m, a))
					m->n_acts--;
			}
			int from = gl_week[round - 1] >= 0 ? gl_week[round - 1]
							   : week;
			size_t first = m->n_acts;
			if (((all | again) & lb) &&
			    lb_acts(m, d, week, nth, round, from) != RK_OK)
				return RK_ERR_NOMEM;
			if (!(all & lb))
				keep_left_behind(m, first);
		}
	}
	return RK_OK;
}

static enum rk_status collect_acts(struct model *m)
{
	static const struct {
		unsigned act;
		enum rk_event_kind kind;
	} team_acts[] = {
		{ RK_ACT_ARENA, RK_EV_LEERLINGARENA },
		{ RK_ACT_VERDIEPING, RK_EV_VERDIEPING },
		{ RK_ACT_RETRO, RK_EV_RETROSPECTIVE },
	};
	bool ads = !strcmp(m->p->phase, "aan de slag");
	unsigned in_bs = rk_school_get_settings(m->ctx->school)->in_bordsessie;
	int nth = 0, gl_week[2] = { -1, -1 };
	unsigned missed = 0;
	for (int w = m->p->first_week; w <= m->p->last_week; w++) {
		if (!m->ctx->session_week[w])
			continue;
		char agenda[600];
		unsigned acts = rk_ritmiek_week(m->p->weeks, ++nth, ads, agenda,
						sizeof(agenda));
		if (acts & RK_ACT_GL1)
			gl_week[0] = w;
		if (acts & RK_ACT_GL2)
			gl_week[1] = w;
		/* Rebalancing: the weeks before the date stay as they were. */
		if (m->ctx->prev && w < m->ctx->from_week) {
			missed |= acts;
			continue;
		}
		for (size_t t = 0; t < 3; t++) {
			unsigned bit = team_acts[t].act;
			/* Held in the bordsessie: weekly.c makes it longer. */
			if (!((acts | missed) & bit) ||
			    (in_bs & (1u << team_acts[t].kind)))
				continue;
			struct act *a =
				new_act(m, team_acts[t].kind, w, nth, 1);
			if (!a)
				return RK_ERR_NOMEM;
			/* One of a week before the date that had slipped past
			 * it goes on, like a duo's (duo_acts). */
			if (!(acts & bit) && !left_behind(m, a))
				m->n_acts--;
		}
		if (duo_acts(m, acts,
			     missed & (RK_ACT_GL1 | RK_ACT_LB1 | RK_ACT_GL2 |
				       RK_ACT_LB2),
			     w, nth, gl_week) != RK_OK)
			return RK_ERR_NOMEM;
		missed = 0;
	}
	for (size_t i = 0; i < m->n_acts; i++) {
		struct act *a = &m->acts[i];
		find_old(m, a);
		/* Rebalancing: what was held before the date (earlier in the
		 * date's week) is never planned again; nor is the
		 * feedbackgesprek after a lesbezoek that was, which stays or
		 * lapses as it was planned. */
		a->done = a->old_date >= 0 && a->old_date < m->ctx->from;
		if (a->kind == RK_EV_FB && m->acts[a->lb].done)
			a->done = true;
	}
	return RK_OK;
}

/* The people of an activity: its duo, or the whole team. */
static size_t act_people(const struct model *m, const struct act *a,
			 const int **out)
{
	if (a->n_people) {
		*out = a->people;
		return (size_t)a->n_people;
	}
	*out = m->g->members;
	return m->g->n;
}

/* The days of @people on @date into m->days, looked up once for all the
 * start times of the day (free_slots asks up to 40 per day, for every
 * member of a team); @team: a team session, which goes on without someone
 * who is away (rebalancing), whose day is then left out (teach NULL, date
 * -1). False without memory. */
static bool people_days(struct model *m, const int *people, size_t n, bool team,
			int date)
{
	if (n > m->cap_days) {
		struct rk_busy_day *grown =
			realloc(m->days, n * sizeof(*m->days));
		if (!grown)
			return false;
		m->days = grown;
		m->cap_days = n;
	}
	for (size_t i = 0; i < n; i++) {
		if (team && rk_busy_absent(m->ctx->busy, people[i], date))
			m->days[i] = (struct rk_busy_day){ -1, NULL, NULL };
		else
			rk_busy_day_of(m->ctx->busy, people[i], date,
				       &m->days[i]);
	}
	return true;
}

/* Whether all @people (their days in m->days, people_days) are free in
 * [@s, @e); their waiting around it into @idle. */
static bool all_free(const struct model *m, const int *people, size_t n, int s,
		     int e, long *idle)
{
	*idle = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rk_busy_day *day = &m->days[i];
		if (day->date < 0)
			continue; /* away from a team session */
		if (!rk_busy_day_free(day, s, e))
			return false;
		if (m->relaxed && m->relaxed[people[i]])
			continue;
		*idle += rk_busy_day_idle_cost(day, s, e, 60);
	}
	return true;
}

#define DAY_MINUTES (24 * 60)

/* Appends @t to @starts unless it is there; @seen marks the minutes of
 * the day in @starts, so that no scan of them is needed. */
static size_t add_start(int *starts, size_t n, size_t cap, int t,
			uint64_t *seen)
{
	bool in_day = t >= 0 && t < DAY_MINUTES;
	if (in_day && (seen[t / 64] >> (t % 64) & 1))
		return n;
	for (size_t i = 0; !in_day && i < n; i++)
		if (starts[i] == t)
			return n;
	if (n < cap) {
		starts[n++] = t;
		if (in_day)
			seen[t / 64] |= (uint64_t)1 << (t % 64);
	}
	return n;
}

/* rk_planctx_start_times of @wd into @starts, once per model. */
static size_t day_starts(struct model *m, int wd, int *starts)
{
	if (wd < 0 || wd > 6)
		return rk_planctx_start_times(m->ctx, wd, starts, MAX_STARTS);
	if (!(m->have_starts & (1u << wd))) {
		m->n_day_starts[wd] = rk_planctx_start_times(
			m->ctx, wd, m->day_starts[wd], MAX_STARTS);
		m->have_starts |= 1u << wd;
	}
	memcpy(starts, m->day_starts[wd], m->n_day_starts[wd] * sizeof(int));
	return m->n_day_starts[wd];
}

/* Start times on @date: the grid's and the windows'; for a team session
 * also the end of the team's bordsessie (its natural place) and every
 * quarter of an hour, since a whole team's common free time rarely starts
 * on a lesuur boundary (after another session, say). */
static size_t slot_starts(struct model *m, int date, bool team, int *starts)
{
	int wd = rk_date_weekday(date);
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	uint64_t seen[(DAY_MINUTES + 63) / 64] = { 0 };
	size_t n = day_starts(m, wd, starts), ns = 0;
	for (size_t i = 0; i < n; i++)
		ns = add_start(starts, ns, MAX_STARTS, starts[i], seen);
	if (m->g->has_moment && m->g->moment.weekday == wd)
		ns = add_start(starts, ns, MAX_STARTS, m->g->moment.end, seen);
	for (int t = st->earliest; team && t < 19 * 60; t += 15)
		ns = add_start(starts, ns, MAX_STARTS, t, seen);
	/* After the day's last lesson a duo may meet at any quarter hour:
	 * in PO that afternoon is often its only common time, shared with
	 * the (longer) bordsessie and the team's other sessions. */
	const struct rk_day *day = rk_schoolyear_day(m->ctx->year, date);
	const struct rk_grid *grid = day ? day->grid : NULL;
	int after = grid && grid->n ? grid->hours[grid->n - 1].end : 16 * 60;
	for (int t = after; !team && t < 19 * 60; t += 15)
		ns = add_start(starts, ns, MAX_STARTS, t, seen);
	return ns;
}

/* Candidates for a session of @minutes for the activity's people on @date,
 * inside the windows of its kind. */
static int free_slots(struct model *m, int act, int date, int minutes,
		      double extra, int nth)
{
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	const int *people;
	size_t n = act_people(m, &m->acts[act], &people);
	int starts[MAX_STARTS], wd = rk_date_weekday(date);
	bool team = m->acts[act].n_people == 0;
	size_t ns = slot_starts(m, date, team, starts);
	if (!people_days(m, people, n, team, date))
		return -1;
	for (size_t i = 0; i < ns; i++) {
		int s = starts[i], e = s + minutes;
		long idle;
		if (!rk_settings_window_ok(st, (int)m->acts[act].kind, wd, s,
					   e) ||
		    !all_free(m, people, n, s, e, &idle))
			continue;
		double cost =
			(double)idle / 5.0 + extra + (e > 17 * 60 ? 20.0 : 0.0);
		if (add_cand(m, (struct cand){ act, date, s, e, -1, nth, cost,
					       -1 }) < 0)
			return -1;
	}
	return 0;
}

/* Lessons of the host in year week @week that the visitor can sit in. */
static int lesson_slots_in(struct model *m, int act, int week, int nth,
			   int minutes, double extra)
{
	(void)minutes; /* the lesson's own */
	const struct act *a = &m->acts[act];
	int visitor = a->people[0], host = a->people[1];
	int monday = rk_schoolyear_week(m->ctx->year, (size_t)week)->monday;
	size_t n;
	const int *idx = rk_busy_lessons(m->ctx->busy, host, &n);
	for (size_t k = 0; k < n; k++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(m->ctx->school, (size_t)idx[k]);
		int date = monday + l->weekday, start, end;
		long idle = 0;
		bool cover;
		if (!rk_planctx_can_visit(m->ctx, visitor, host, l, date,
					  &start, &end, &cover))
			continue;
		/* A visitor who is free then waits around it; one whose group
		 * is covered does not. */
		if (!cover) {
			if (!people_days(m, &visitor, 1, false, date))
				return -1;
			all_free(m, &visitor, 1, start, end, &idle);
		}
		double cost = (double)idle / 5.0 + extra +
			      (l->weekday == 4 ? COST_FRIDAY_LB : 0.0) +
			      (cover ? COST_COVER_LB : 0.0);
		if (add_cand(m, (struct cand){ act, date, start, end, idx[k],
					       nth, cost, -1 }) < 0)
			return -1;
	}
	return 0;
}

/* The candidates of @act in its own week, then in the weeks with
 * sessions before it down to @earliest and, in the second try, after it
 * to the period's end, each week away costing COST_WEEK_LATE more; one
 * week's by @in_week (lesson_slots_in, week_slots_in). */
static int around_week(struct model *m, int act, int earliest, int minutes,
		       int (*in_week)(struct model *m, int act, int week,
				      int nth, int minutes, double extra))
{
	const struct act *a = &m->acts[act];
	if (in_week(m, act, a->week, a->nth, minutes, 0.0) < 0)
		return -1;
	int earlier = 0;
	for (int w = a->week - 1; w >= earliest; w--) {
		if (!m->ctx->session_week[w])
			continue;
		earlier++;
		if (in_week(m, act, w, a->nth - earlier, minutes,
			    COST_WEEK_LATE * earlier) < 0)
			return -1;
	}
	int later = 0;
	for (int w = a->week + 1; late(m, a) && w <= m->p->last_week; w++) {
		if (!m->ctx->session_week[w])
			continue;
		later++;
		if (in_week(m, act, w, a->nth + later, minutes,
			    COST_WEEK_LATE * later) < 0)
			return -1;
	}
	return 0;
}

/* The second try lets a session slip to a later week of the period, each
 * week later costing more: the next week is usually enough, but someone
 * ill for two weeks (rebalancing) needs the weeks after. A lesbezoek may
 * also come earlier, back to the week its round's lesontwerp agrees it
 * (DOMAIN.md: "lesbezoeken afspreken"): when a holiday takes the only
 * lesson the visitor can sit in that week, or the feedbackgesprek after
 * it would fall past the verbindingssessie. The week sequence is the
 * ritmiek's preference, not a rule verify checks, so each week away from
 * it costs; the order rows keep round 2 after round 1. */
static int lesson_slots(struct model *m, int act)
{
	const struct act *a = &m->acts[act];
	return around_week(m, act, m->allow_early ? a->gl_week : a->week, 0,
			   lesson_slots_in);
}

static int cmp_cost(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->start - b->start;
}

/* Keeps the @keep cheapest candidates of the last activity. */
static void keep_best(struct model *m, size_t first, size_t keep)
{
	size_t n = m->n_cands - first;
	if (n < 2)
		return; /* also: no candidates yet means no array to sort */
	qsort(m->cands + first, n, sizeof(struct cand), cmp_cost);
	if (n > keep)
		m->n_cands = first + keep;
}

/* Keeps the @keep cheapest candidates of each day: a lesbezoek early in the
 * week leaves room for its feedbackgesprek, so every day stays in play. */
static void keep_best_per_day(struct model *m, size_t first, size_t keep)
{
	size_t n = m->n_cands - first, kept = 0;
	if (n < 2)
		return;
	qsort(m->cands + first, n, sizeof(struct cand), cmp_cost);
	for (size_t i = 0; i < n; i++) {
		const struct cand *c = &m->cands[first + i];
		size_t same_day = 0;
		for (size_t k = 0; k < kept; k++)
			same_day += m->cands[first + k].date == c->date;
		if (same_day < keep)
			m->cands[first + kept++] = *c;
	}
	m->n_cands = first + kept;
}

static int fb_slots(struct model *m, int act)
{
	const struct act *fb = &m->acts[act];
	const struct act *lb = &m->acts[fb->lb];
	int dates[5 * KEEP_PER_DAY * 3], n_dates = 0;
	for (size_t c = lb->first; c < lb->first + lb->n; c++) {
		/* The next two school days; in the second try also the
		 * lesbezoek's own day, after it (a duo of part-timers whose
		 * next common day lies past the verbindingssessie). Not in the
		 * first: it makes the models twice as slow to solve. */
		int next[3];
		int n = rk_planctx_next_days(m->ctx, fb->people[0],
					     fb->people[1], m->cands[c].date,
					     next + 1) +
			1;
		next[0] = late(m, fb) ? m->cands[c].date : -1;
		for (int i = 0; i < n; i++) {
			if (next[i] < 0)
				continue;
			bool seen = false;
			for (int k = 0; k < n_dates && !seen; k++)
				seen = dates[k] == next[i];
			if (!seen &&
			    n_dates < (int)(sizeof(dates) / sizeof(int)))
				dates[n_dates++] = next[i];
		}
	}
	int minutes = rk_school_get_settings(m->ctx->school)->fb_minutes;
	for (int k = 0; k < n_dates; k++) {
		size_t first = m->n_cands;
		int nth = m->acts[fb->lb].nth;
		/* Sooner is better: feedback while the lesson is fresh. */
		int earliest = dates[k];
		for (size_t c = lb->first; c < lb->first + lb->n; c++)
			if (m->cands[c].date < earliest)
				earliest = m->cands[c].date;
		double later = m->relaxed ? 0.0 : 5.0 * (dates[k] - earliest);
		if (free_slots(m, act, dates[k], minutes, later > 0 ? later : 0,
			       nth) < 0)
			return -1;
		if (!m->relaxed)
			keep_best(m, first, 3);
	}
	return 0;
}

static int week_slots_in(struct model *m, int act, int week, int nth,
			 int minutes, double extra)
{
	int dates[5];
	size_t n = rk_planctx_week_dates(m->ctx, week, dates);
	for (size_t i = 0; i < n; i++)
		if (free_slots(m, act, dates[i], minutes, extra + (double)i,
			       nth) < 0)
			return -1;
	return 0;
}

static int week_slots(struct model *m, int act, int minutes)
{
	const struct act *a = &m->acts[act];
	/* A team session may also come a week early: the retrospectief of
	 * the verbindingssessie's own week finds room before it. */
	bool early = late(m, a) && a->n_people == 0 &&
		     a->kind != RK_EV_LEERLINGARENA;
	return around_week(m, act, early ? m->p->first_week : a->week, minutes,
			   week_slots_in);
}

static enum rk_status gen_cands(struct model *m)
{
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	for (size_t i = 0; i < m->n_acts; i++) {
		struct act *a = &m->acts[i];
		size_t first = m->n_cands;
		int rc = 0;
		a->first = first;
		a->n = 0;
		if (a->done)
			continue;
		switch (a->kind) {
		case RK_EV_GL:
			rc = week_slots(m, (int)i, st->gl_minutes);
			break;
		case RK_EV_LB:
			rc = lesson_slots(m, (int)i);
			break;
		case RK_EV_FB:
			rc = fb_slots(m, (int)i);
			break;
		default:
			rc = week_slots(m, (int)i, TEAM_SESSION_MINUTES);
			break;
		}
		if (rc < 0)
			return RK_ERR_NOMEM;
		/* The bound keeps every candidate. */
		if (!m->relaxed && a->kind == RK_EV_LB)
			keep_best_per_day(m, first, KEEP_PER_DAY);
		else if (!m->relaxed && a->kind != RK_EV_FB)
			keep_best(m, first, KEEP_CANDIDATES);
		a = &m->acts[i];
		a->first = first;
		a->n = m->n_cands - first;
	}
	return RK_OK;
}

/* A row's or column's name: @prefix, then the @n @nums joined by '_', as
 * snprintf's "%ld_%ld" would write them. Models name every row and
 * column (for glp_write_lp dumps), and parsing a format for each was
 * a third of building a team's model. */
static void model_name(char *buf, size_t size, const char *prefix, size_t n,
		       const long *nums)
{
	size_t len = 0;
	for (const char *c = prefix; *c && len + 1 < size; c++)
		buf[len++] = *c;
	for (size_t i = 0; i < n; i++) {
		char digits[24];
		size_t k = 0;
		unsigned long v = nums[i] < 0 ? 0UL - (unsigned long)nums[i]
					      : (unsigned long)nums[i];
		do {
			digits[k++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		if (nums[i] < 0)
			digits[k++] = '-';
		if (i && len + 1 < size)
			buf[len++] = '_';
		while (k && len + 1 < size)
			buf[len++] = digits[--k];
	}
	buf[len] = '\0';
}

static bool involves(const struct model *m, const struct cand *c, int person)
{
	const int *people;
	size_t n = act_people(m, &m->acts[c->act], &people);
	for (size_t i = 0; i < n; i++)
		if (people[i] == person)
			return true;
	return false;
}

static enum rk_status act_rows(struct model *m, struct rk_mip *mip)
{
	char name[96];
	for (size_t i = 0; i < m->n_cands; i++) {
		struct cand *c = &m->cands[i];
		model_name(name, sizeof(name), "a", 3,
			   (const long[]){ c->act, c->date, c->start });
		c->col = rk_mip_add_binary(mip, name, c->cost);
		if (c->col < 0)
			return RK_ERR_NOMEM;
	}
	for (size_t i = 0; i < m->n_acts; i++) {
		struct act *a = &m->acts[i];
		if (a->done)
			continue;
		model_name(name, sizeof(name), "unplaced_", 1,
			   (const long[]){ (long)i });
		a->unplaced = rk_mip_add_binary(mip, name, COST_UNPLACED);
		model_name(name, sizeof(name), "act_", 1,
			   (const long[]){ (long)i });
		if (a->unplaced < 0 ||
		    rk_mip_add_row(mip, name, RK_MIP_EQ, 1.0) < 0 ||
		    rk_mip_term(mip, a->unplaced, 1.0) != RK_OK)
			return RK_ERR_NOMEM;
		for (size_t c = a->first; c < a->first + a->n; c++)
			if (rk_mip_term(mip, m->cands[c].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* An LB candidate's rk_planctx_next_days for the duo of its FB: asked
 * for every row of the FB, so looked up once per candidate. */
struct next_days {
	int n;
	int next[2];
};

/* Whether a feedbackgesprek at @f may follow the lesbezoek at @l: later
 * the same day, or on one of the duo's next two school days together
 * (@nd, those of @l). */

static bool fb_follows(const struct cand *l, const struct next_days *nd,
		       const struct cand *f)
{
	if (f->date == l->date)
		return l->end <= f->start;
	return (nd->n > 0 && nd->next[0] == f->date) ||
	       (nd->n > 1 && nd->next[1] == f->date);
}

/* Whether the row of FB candidate @c (its day and start as a threshold)
 * is needed: one per (day, start), and on a day without a candidate of
 * the LB only the latest start's (the others are weaker). */
static bool fb_row_needed(const struct model *m, const struct act *fb,
			  const struct act *lb, size_t c)
{
	const struct cand *f = &m->cands[c];
	bool same_day = false;
	for (size_t k = lb->first; k < lb->first + lb->n && !same_day; k++)
		same_day = m->cands[k].date == f->date;
	for (size_t k = fb->first; k < fb->first + fb->n; k++) {
		const struct cand *o = &m->cands[k];
		if (k == c || o->date != f->date)
			continue;
		if (o->start == f->start ? k < c
					 : !same_day && o->start > f->start)
			return false;
	}
	return true;
}

/* An FB needs its LB at a candidate it may follow. Per FB day d and start
 * t: sum of the FB candidates on d starting by t <= sum of the LB
 * candidates an FB at (d, t) may follow (exactly one LB is chosen; an FB
 * starting earlier may follow no more of them). */
static enum rk_status fb_act_rows(struct model *m, struct rk_mip *mip, size_t i,
				  struct next_days *nd)
{
	char name[64];
	const struct act *fb = &m->acts[i];
	const struct act *lb = &m->acts[fb->lb];
	for (size_t k = 0; k < lb->n; k++)
		nd[k].n = rk_planctx_next_days(
			m->ctx, fb->people[0], fb->people[1],
			m->cands[lb->first + k].date, nd[k].next);
	for (size_t c = fb->first; c < fb->first + fb->n; c++) {
		const struct cand *f = &m->cands[c];
		if (!fb_row_needed(m, fb, lb, c))
			continue;
		model_name(name, sizeof(name), "fb_after_lb_", 3,
			   (const long[]){ (long)i, f->date, f->start });
		if (rk_mip_add_row(mip, name, RK_MIP_LE, 0.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t k = fb->first; k < fb->first + fb->n; k++)
			if (m->cands[k].date == f->date &&
			    m->cands[k].start <= f->start &&
			    rk_mip_term(mip, m->cands[k].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
		for (size_t k = lb->first; k < lb->first + lb->n; k++)
			if (fb_follows(&m->cands[k], &nd[k - lb->first], f) &&
			    rk_mip_term(mip, m->cands[k].col, -1.0) != RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

static bool away(const struct model *m, const struct act *a);

/* Rebalancing: a duo session of someone away in its week may lapse
 * without a word (record()). A lesbezoek that slipped past the absence
 * has no such excuse for its feedbackgesprek: it lapses only with it,
 * else the lesbezoek stands with no feedbackgesprek after it (verify,
 * rule 8). unplaced_fb - unplaced_lb <= 0. Not when planning afresh: an
 * unplaced feedbackgesprek is then a broken rule that is reported as
 * its own. */
static enum rk_status lapse_row(struct model *m, struct rk_mip *mip, size_t i)
{
	const struct act *fb = &m->acts[i];
	const struct act *lb = &m->acts[fb->lb];
	if (!m->ctx->prev || lb->done || !away(m, fb))
		return RK_OK;
	char name[64];
	model_name(name, sizeof(name), "fb_lapses_with_lb_", 1,
		   (const long[]){ (long)i });
	if (rk_mip_add_row(mip, name, RK_MIP_LE, 0.0) < 0 ||
	    rk_mip_term(mip, fb->unplaced, 1.0) != RK_OK ||
	    rk_mip_term(mip, lb->unplaced, -1.0) != RK_OK)
		return RK_ERR_NOMEM;
	return RK_OK;
}

static enum rk_status fb_rows(struct model *m, struct rk_mip *mip)
{
	struct next_days *nd = malloc((m->n_cands + 1) * sizeof(*nd));
	if (!nd)
		return RK_ERR_NOMEM;
	enum rk_status status = RK_OK;
	for (size_t i = 0; status == RK_OK && i < m->n_acts; i++)
		if (m->acts[i].kind == RK_EV_FB && !m->acts[i].done) {
			status = fb_act_rows(m, mip, i, nd);
			if (status == RK_OK)
				status = lapse_row(m, mip, i);
		}
	free(nd);
	return status;
}

/* Minutes since the period's first Monday: the clock of the order rows. */
static double clock_at(const struct model *m, int date, int t)
{
	int monday = rk_schoolyear_week(m->ctx->year, (size_t)m->p->first_week)
			     ->monday;
	return (double)(date - monday) * 24.0 * 60.0 + (double)t;
}

static bool shares_person(const struct act *x, const struct act *y)
{
	for (int i = 0; i < x->n_people; i++)
		for (int k = 0; k < y->n_people; k++)
			if (x->people[i] >= 0 && x->people[i] == y->people[k])
				return true;
	return false;
}

/* Whether @x must be over before @y starts: the leerlingarena opens the
 * period (DOMAIN.md: week 1 starts with it), before its lesbezoeken and
 * team sessions (the lesontwerp of week 1 may come first: requiring that
 * too leaves teams with little common time no week-1 moment at all); a
 * duo's round 2 (lesontwerp, lesbezoek with the roles swapped) follows its
 * round 1 and its feedbackgesprek. */
static bool comes_before(const struct model *m, const struct act *x,
			 const struct act *y)
{
	if (x->kind == RK_EV_LEERLINGARENA)
		return y->kind != RK_EV_LEERLINGARENA && y->kind != RK_EV_GL;
	if (!x->n_people || !shares_person(x, y))
		return false;
	/* A round's lesbezoek follows its lesontwerp: said only when
	 * rebalancing, where a duo catching up may have both in one week
	 * (else their weeks keep them apart). */
	if (m->ctx->prev && x->kind == RK_EV_GL && y->kind == RK_EV_LB &&
	    x->round == y->round)
		return true;
	if (x->round != 1 || y->round != 2)
		return false;
	/* Round 2's lesontwerp builds on round 1's lesontwerp and visits. */
	if (y->kind == RK_EV_GL)
		return x->kind == RK_EV_GL || x->kind == RK_EV_LB;
	return y->kind == RK_EV_LB &&
	       (x->kind == RK_EV_GL || x->kind == RK_EV_LB ||
		x->kind == RK_EV_FB);
}

/* Whether lesbezoek @y may come before the lesontwerp @x of its round
 * at a cost: when it has taken a week before its own (lesson_slots), the
 * lesontwerp that agrees it should still come first, but that is the
 * ritmiek's preference, not a rule. */
static bool soft_before(const struct model *m, const struct act *x,
			const struct act *y)
{
	if (m->ctx->prev || x->kind != RK_EV_GL || y->kind != RK_EV_LB ||
	    x->round != y->round || !shares_person(x, y))
		return false;
	for (size_t c = y->first; c < y->first + y->n; c++)
		if (m->cands[c].nth < y->nth)
			return true;
	return false;
}

/* @x ends before @y starts, unless @y finds no place or @soft (a column
 * of cost) is paid:
 * sum end(c) x_c - sum start(c) y_c - M unplaced_y - M soft <= 0. */
static enum rk_status order_row(struct model *m, struct rk_mip *mip, size_t x,
				size_t y, double big, int soft)
{
	const struct act *a = &m->acts[x], *b = &m->acts[y];
	char name[64];
	model_name(name, sizeof(name), "order_", 2,
		   (const long[]){ (long)x, (long)y });
	if (rk_mip_add_row(mip, name, RK_MIP_LE, 0.0) < 0 ||
	    rk_mip_term(mip, b->unplaced, -big) != RK_OK ||
	    (soft >= 0 && rk_mip_term(mip, soft, -big) != RK_OK))
		return RK_ERR_NOMEM;
	for (size_t c = a->first; c < a->first + a->n; c++) {
		const struct cand *k = &m->cands[c];
		if (rk_mip_term(mip, k->col, clock_at(m, k->date, k->end)) !=
		    RK_OK)
			return RK_ERR_NOMEM;
	}
	for (size_t c = b->first; c < b->first + b->n; c++) {
		const struct cand *k = &m->cands[c];
		if (rk_mip_term(mip, k->col, -clock_at(m, k->date, k->start)) !=
		    RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* Each activity's last candidate end and first candidate start, once per
 * model rather than once per pair of activities. */
struct act_span {
	double last_end, first_start;
};

static void act_spans(const struct model *m, struct act_span *spans)
{
	for (size_t x = 0; x < m->n_acts; x++) {
		const struct act *a = &m->acts[x];
		struct act_span *sp = &spans[x];
		*sp = (struct act_span){ -1.0, -1.0 };
		for (size_t c = a->first; c < a->first + a->n; c++) {
			double end =
				clock_at(m, m->cands[c].date, m->cands[c].end);
			double start = clock_at(m, m->cands[c].date,
						m->cands[c].start);
			if (c == a->first || end > sp->last_end)
				sp->last_end = end;
			if (c == a->first || start < sp->first_start)
				sp->first_start = start;
		}
	}
}

/* An order row for each pair of activities that needs one. A pair is left
 * out when every candidate of @x ends by the start of every candidate of
 * @y: the row holds whatever is chosen (rounds in different weeks). */
static enum rk_status order_pairs(struct model *m, struct rk_mip *mip,
				  const struct act_span *spans, double big)
{
	for (size_t x = 0; x < m->n_acts; x++) {
		for (size_t y = 0; y < m->n_acts; y++) {
			if (x == y || !m->acts[x].n || !m->acts[y].n ||
			    spans[x].last_end <= spans[y].first_start)
				continue;
			int soft = -1;
			if (soft_before(m, &m->acts[x], &m->acts[y])) {
				char name[64];
				model_name(name, sizeof(name), "lb_first_", 2,
					   (const long[]){ (long)x, (long)y });
				soft = rk_mip_add_binary(mip, name,
							 COST_LB_BEFORE_GL);
				if (soft < 0)
					return RK_ERR_NOMEM;
			} else if (!comes_before(m, &m->acts[x], &m->acts[y])) {
				continue;
			}
			if (order_row(m, mip, x, y, big, soft) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return RK_OK;
}

static enum rk_status order_rows(struct model *m, struct rk_mip *mip)
{
	double big = 1.0;
	for (size_t c = 0; c < m->n_cands; c++) {
		double t = clock_at(m, m->cands[c].date, m->cands[c].end);
		if (t >= big)
			big = t + 1.0;
	}
	struct act_span *spans = malloc((m->n_acts + 1) * sizeof(*spans));
	if (!spans)
		return RK_ERR_NOMEM;
	act_spans(m, spans);
	enum rk_status status = order_pairs(m, mip, spans, big);
	free(spans);
	return status;
}

static bool covers(const struct cand *c, int date, int t)
{
	return c->date == date && c->start <= t && t < c->end;
}

/* Whether @c is a team session right after the team's bordsessie: one
 * longer meeting rather than a second session that day (DOMAIN.md's soft
 * rule), and the natural place for it. */
static bool after_bordsessie(const struct model *m, const struct cand *c)
{
	const struct rk_group *g = m->g;
	return m->acts[c->act].n_people == 0 && g->has_moment &&
	       rk_date_weekday(c->date) == g->moment.weekday &&
	       c->start == g->moment.end;
}

/* The person rows already written, to write no row twice: the members of
 * a duo see the same candidates, and so would write the same rows (a
 * clash row's candidates, or a day row's candidates and right-hand side;
 * the day row's column then carries the second person's cost too). */
struct written_row {
	size_t off, n; /* its candidates: pool[off] .. pool[off + n - 1] */
	double rhs;
	int col; /* a day row's column; -1 for a clash row */
	uint64_t hash;
};

struct written {
	struct rk_vec pool; /* size_t: the candidates of all rows in turn */
	struct rk_vec rows; /* struct written_row */
	/* The rows by their candidates: a team writes thousands of rows, and
	 * a scan of them all for each new one was quadratic in the team. */
	struct rk_index index;
};

/* A row as rk_index_find looks for it. */
struct written_key {
	const size_t *set;
	size_t n;
	double rhs;
	bool day;
	uint64_t hash;
};

static const struct written_row *written_row(const struct written *w, size_t i)
{
	return rk_vec_at(&w->rows, i, sizeof(struct written_row));
}

static uint64_t written_hash(const size_t *set, size_t n, double rhs, bool day)
{
	uint64_t h = rk_fnv1a(set, n * sizeof(*set));
	h = rk_fnv1a_add(h, &rhs, sizeof(rhs));
	return rk_fnv1a_add(h, &day, sizeof(day));
}

static uint64_t row_hash(const void *data, size_t i)
{
	return written_row(data, i)->hash;
}

static bool row_is(const void *data, size_t i, const void *key)
{
	const struct written *w = data;
	const struct written_row *r = written_row(w, i);
	const struct written_key *k = key;
	const size_t *pool = w->pool.items;
	return r->hash == k->hash && r->n == k->n && r->rhs == k->rhs &&
	       (r->col >= 0) == k->day &&
	       memcmp(pool + r->off, k->set, k->n * sizeof(*k->set)) == 0;
}

static struct rk_index_keys written_keys(const struct written *w)
{
	return (struct rk_index_keys){ w, row_hash, row_is };
}

/* Whether the row over candidates @set (sorted) was written: its index
 * in @w, or -1. */
static long written_find(const struct written *w, const size_t *set, size_t n,
			 double rhs, bool day)
{
	struct written_key key = { set, n, rhs, day,
				   written_hash(set, n, rhs, day) };
	struct rk_index_keys keys = written_keys(w);
	size_t i = rk_index_find(&w->index, &keys, key.hash, &key);
	return i == SIZE_MAX ? -1 : (long)i;
}

static enum rk_status written_add(struct written *w, const size_t *set,
				  size_t n, double rhs, int col)
{
	size_t off = w->pool.n;
	for (size_t k = 0; k < n; k++) {
		size_t *item = rk_vec_push(&w->pool, sizeof(*item));
		if (!item)
			return RK_ERR_NOMEM;
		*item = set[k];
	}
	uint64_t hash = written_hash(set, n, rhs, col >= 0);
	struct written_row *r = rk_vec_push(&w->rows, sizeof(*r));
	if (!r)
		return RK_ERR_NOMEM;
	*r = (struct written_row){ off, n, rhs, col, hash };
	struct rk_index_keys keys = written_keys(w);
	return rk_index_add(&w->index, &keys, hash);
}

static void written_release(struct written *w)
{
	rk_vec_release(&w->pool);
	rk_vec_release(&w->rows);
	rk_index_release(&w->index);
}

/* Whether the candidates @set all belong to one activity (or none):
 * its row "exactly one" bounds their sum by 1 already. */
static bool one_act(const struct model *m, const size_t *set, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (m->cands[set[i]].act != m->cands[set[0]].act)
			return false;
	return true;
}

/* One person's candidates (mine[pos], in candidate order) sorted by
 * date and pos, so that the candidates of a day are a run in candidate
 * order rather than a scan of all of them. A counting sort over the
 * model's dates: a period spans a few weeks. */
struct spot {
	int date, start, pos;
};

struct person_view {
	size_t *mine; /* the person's candidates */
	size_t n;
	size_t *set; /* a row's candidates */
	struct spot *spots;
	int *day_lo, *day_hi;  /* [pos]: the run of its date in spots */
	unsigned char *firsts; /* [pos]: FIRST_AT_TIME | FIRST_ON_DAY */
	int first_date;	       /* the model's first candidate date */
	size_t *at;	       /* [date - first_date + 1]: counting sort */
	size_t n_dates;
};

#define FIRST_AT_TIME 1u /* no earlier candidate of the person starts then */
#define FIRST_ON_DAY  2u /* no earlier candidate of the person that day */

/* Sorts the person's candidates into v->spots by date, stable. */
static void sort_spots(const struct model *m, struct person_view *v)
{
	memset(v->at, 0, (v->n_dates + 1) * sizeof(*v->at));
	for (size_t i = 0; i < v->n; i++)
		v->at[m->cands[v->mine[i]].date - v->first_date + 1]++;
	for (size_t d = 0; d < v->n_dates; d++)
		v->at[d + 1] += v->at[d];
	for (size_t i = 0; i < v->n; i++) {
		const struct cand *c = &m->cands[v->mine[i]];
		v->spots[v->at[c->date - v->first_date]++] =
			(struct spot){ c->date, c->start, (int)i };
	}
}

/* Whether a candidate before spots[@k] in its day's run starts when it
 * does. */
static bool time_seen(const struct person_view *v, size_t lo, size_t k)
{
	for (size_t j = lo; j < k; j++)
		if (v->spots[j].start == v->spots[k].start)
			return true;
	return false;
}

/* Fills @v with @person's candidates and their runs. */
static void person_view(const struct model *m, int person,
			struct person_view *v)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_cands; i++)
		if (involves(m, &m->cands[i], person))
			v->mine[n++] = i;
	v->n = n;
	sort_spots(m, v);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo; hi < n && v->spots[hi].date == v->spots[lo].date;
		     hi++) {
			int pos = v->spots[hi].pos;
			v->day_lo[pos] = (int)lo;
			v->firsts[pos] = hi == lo ? FIRST_ON_DAY : 0;
			if (!time_seen(v, lo, hi))
				v->firsts[pos] |= FIRST_AT_TIME;
		}
		for (size_t k = lo; k < hi; k++)
			v->day_hi[v->spots[k].pos] = (int)hi;
	}
}

/* The person's candidates that cover the start of mine[@i], in candidate
 * order (the order the rows' terms always had), into v->set. */
static size_t cover_set(const struct model *m, struct person_view *v, size_t i)
{
	const struct cand *p = &m->cands[v->mine[i]];
	size_t k = 0;
	for (int s = v->day_lo[i]; s < v->day_hi[i]; s++) {
		size_t c = v->mine[v->spots[s].pos];
		if (covers(&m->cands[c], p->date, p->start))
			v->set[k++] = c;
	}
	return k;
}

/* The person's candidates on the day of mine[@i] that count as a
 * session of that day, in candidate order, into v->set. */
static size_t day_set(const struct model *m, struct person_view *v, size_t i)
{
	size_t k = 0;
	for (int s = v->day_lo[i]; s < v->day_hi[i]; s++) {
		size_t c = v->mine[v->spots[s].pos];
		if (!after_bordsessie(m, &m->cands[c]))
			v->set[k++] = c;
	}
	return k;
}

/* Nobody in two places at once: a row per candidate start of a person's
 * candidates, and only where two candidates of different activities
 * could meet (the rest is implied by the activities' rows). */
static enum rk_status clash_rows(struct model *m, struct rk_mip *mip,
				 int person, struct person_view *v,
				 struct written *w)
{
	char name[96];
	for (size_t i = 0; i < v->n; i++) {
		if (!(v->firsts[i] & FIRST_AT_TIME))
			continue;
		const struct cand *p = &m->cands[v->mine[i]];
		size_t cover = cover_set(m, v, i);
		const size_t *set = v->set;
		if (one_act(m, set, cover) ||
		    written_find(w, set, cover, 1.0, false) >= 0)
			continue;
		if (written_add(w, set, cover, 1.0, -1) != RK_OK)
			return RK_ERR_NOMEM;
		model_name(name, sizeof(name), "p", 3,
			   (const long[]){ person, p->date, p->start });
		if (rk_mip_add_row(mip, name, RK_MIP_LE, 1.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t j = 0; j < cover; j++)
			if (rk_mip_term(mip, m->cands[set[j]].col, 1.0) !=
			    RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* A second session on a day costs extra (not a team session right after
 * the bordsessie). Rows another member wrote already are left out (the
 * same optimum and the same LP relaxation, a smaller model). */
static enum rk_status day_rows(struct model *m, struct rk_mip *mip, int person,
			       struct person_view *v, struct written *w)
{
	char name[96];
	for (size_t i = 0; i < v->n; i++) {
		if (!(v->firsts[i] & FIRST_ON_DAY))
			continue;
		int date = m->cands[v->mine[i]].date;
		size_t k = day_set(m, v, i);
		const size_t *set = v->set;
		int booked = rk_busy_sessions(m->ctx->busy, person, date);
		double rhs = booked >= 1 ? 0.0 : 1.0;
		if (one_act(m, set, k)) {
			/* At most one of them: no second session unless the
			 * day has one already, and then each of them costs
			 * the second session's price. */
			for (size_t j = 0; j < k && rhs == 0.0; j++)
				rk_mip_add_cost(mip, m->cands[set[j]].col,
						COST_SECOND_SESSION);
			continue;
		}
		long same = written_find(w, set, k, rhs, true);
		if (same >= 0) {
			rk_mip_add_cost(mip, written_row(w, (size_t)same)->col,
					COST_SECOND_SESSION);
			continue;
		}
		model_name(name, sizeof(name), "day_p", 2,
			   (const long[]){ person, date });
		int extra = rk_mip_add_integer(mip, name, COST_SECOND_SESSION,
					       0.0, 10.0);
		if (extra < 0 || written_add(w, set, k, rhs, extra) != RK_OK ||
		    rk_mip_add_row(mip, name, RK_MIP_LE, rhs) < 0 ||
		    rk_mip_term(mip, extra, -1.0) != RK_OK)
			return RK_ERR_NOMEM;
		for (size_t j = 0; j < k; j++)
			if (rk_mip_term(mip, m->cands[set[j]].col, 1.0) !=
			    RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* A person's clash rows, then their day rows. */
static enum rk_status person_rows(struct model *m, struct rk_mip *mip,
				  int person, struct person_view *v,
				  struct written *w)
{
	person_view(m, person, v);
	if (clash_rows(m, mip, person, v, w) != RK_OK)
		return RK_ERR_NOMEM;
	return day_rows(m, mip, person, v, w);
}

static const char *kind_title(enum rk_event_kind kind)
{
	switch (kind) {
	case RK_EV_LEERLINGARENA:
		return "Leerlingarena";
	case RK_EV_VERDIEPING:
		return "Inhoudelijke verdieping";
	case RK_EV_RETROSPECTIVE:
		return "Retrospectief";
	default:
		return "Sessie";
	}
}

/* The event's id suffix: team, period, round and the people involved. */
/* The event's id suffix: team, period, round and the people involved; the
 * same activity gets the same id whenever it is planned. */
static void act_suffix(const struct model *m, const struct act *a, char *buf,
		       size_t size)
{
	if (a->n_people == 0)
		snprintf(buf, size, "%s-p%d", m->g->id, m->p->number);
	else
		rk_planctx_duo_suffix(
			m->ctx, m->g->id, m->p->number, a->round, a->people,
			a->kind == RK_EV_GL ? (size_t)a->n_people : 2, buf,
			size);
}

static struct rk_event *make_event(struct model *m, const struct act *a,
				   const struct cand *c)
{
	char suffix[256];
	act_suffix(m, a, suffix, sizeof(suffix));
	return rk_planctx_event(m->ctx, a->kind, (int)(m->g - m->ctx->groups),
				c->date, c->start, c->end, "%s", suffix);
}

/* Rebalancing: the activity's event in the previous plan, or NULL when
 * it is new (or when planning afresh). */
static const struct rk_event *old_event(const struct model *m,
					const struct act *a)
{
	if (!m->ctx->prev)
		return NULL;
	char suffix[256];
	act_suffix(m, a, suffix, sizeof(suffix));
	return rk_planctx_prev_of(m->ctx, a->kind, suffix);
}

/* Rebalancing: where the activity was in the previous plan, to make
 * moving it cost; date -1 when it is new. */
static void find_old(struct model *m, struct act *a)
{
	const struct rk_event *old = old_event(m, a);
	a->old_date = old ? old->date : -1;
	if (old)
		a->old_start = old->start;
}

/* Rebalancing: whether @a, an activity of a week before the date, had
 * slipped past the date in the previous plan and did not stay there
 * (rebalance.c keeps it only where it still fits, with nobody away): the
 * session model plans it again, like the activities of the weeks from
 * the date. */
static bool left_behind(const struct model *m, const struct act *a)
{
	const struct rk_event *old = old_event(m, a);
	return old && old->date >= m->ctx->from &&
	       !rk_planctx_kept(m->ctx, old);
}

static const char *event_title(struct model *m, const struct act *a,
			       const struct cand *c)
{
	struct rk_plan *plan = m->ctx->plan;
	const char *v = rk_planctx_name(m->ctx, a->people[0]);
	const char *h = rk_planctx_name(m->ctx, a->people[1]);
	if (a->n_people == 0)
		return rk_plan_printf(plan, "%s %s", kind_title(a->kind),
				      m->g->name);
	if (a->kind == RK_EV_GL && a->n_people == 3)
		return rk_plan_printf(plan,
				      "Gezamenlijk lesontwerp: %s, %s en %s", v,
				      h, rk_planctx_name(m->ctx, a->people[2]));
	if (a->kind == RK_EV_GL)
		return rk_plan_printf(plan, "Gezamenlijk lesontwerp: %s en %s",
				      v, h);
	if (a->kind == RK_EV_FB)
		return rk_plan_printf(plan, "Feedbackgesprek: %s en %s", v, h);
	const struct rk_lesson *l =
		rk_school_get_lesson(m->ctx->school, (size_t)c->lesson);
	char detail[160] = "";
	if (l->group && l->room)
		snprintf(detail, sizeof(detail), " (%s, lokaal %s)", l->group,
			 l->room);
	else if (l->group || l->room)
		snprintf(detail, sizeof(detail), " (%s%s)",
			 l->room ? "lokaal " : "",
			 l->group ? l->group : l->room);
	return rk_plan_printf(plan, "Lesbezoek: %s bij %s%s", v, h, detail);
}

static enum rk_status place(struct model *m, const struct act *a,
			    const struct cand *c, int cover)
{
	struct rk_event *ev = make_event(m, a, c);
	if (!ev)
		return RK_ERR_NOMEM;
	ev->period = m->p->number;
	ev->week_in_period = c->nth;
	ev->title = event_title(m, a, c);
	if (a->kind == RK_EV_LB) {
		const struct rk_lesson *l =
			rk_school_get_lesson(m->ctx->school, (size_t)c->lesson);
		ev->location = l->room;
		ev->group = l->group;
	}
	if (!ev->title)
		return RK_ERR_NOMEM;
	const int *people;
	size_t n = act_people(m, a, &people);
	for (size_t i = 0; i < n; i++) {
		enum rk_part_role role = RK_PART_ATTENDEE;
		if (a->kind == RK_EV_LB || a->kind == RK_EV_FB)
			role = i == 0 ? RK_PART_VISITOR : RK_PART_HOST;
		if (rk_planctx_attend(m->ctx, ev, people[i], role) < 0)
			return RK_ERR_NOMEM;
	}
	if (cover >= 0 &&
	    rk_planctx_attend(m->ctx, ev, cover, RK_PART_COVER) < 0)
		return RK_ERR_NOMEM;
	return RK_OK;
}

/* Whether the people of @a are free together for @minutes on one of
 * @dates inside earliest..latest, the window the windows of its kind
 * replace: then those windows alone keep it out. */
static bool free_outside_windows(struct model *m, const struct act *a,
				 const int *dates, size_t n_dates, int minutes)
{
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	const int *people;
	size_t n = act_people(m, a, &people);
	int starts[MAX_STARTS];
	for (size_t d = 0; d < n_dates; d++) {
		/* Without memory for the days: no fix to suggest. */
		if (dates[d] < 0 ||
		    !people_days(m, people, n, a->n_people == 0, dates[d]))
			continue;
		size_t ns = slot_starts(m, dates[d], a->n_people == 0, starts);
		for (size_t i = 0; i < ns; i++) {
			long idle;
			int s = starts[i], e = s + minutes;
			if (s >= st->earliest && e <= st->latest &&
			    all_free(m, people, n, s, e, &idle))
				return true;
		}
	}
	return false;
}

/* The dates a duo session without candidates had to find room on: its
 * week's (lesontwerp), or the two days after each moment of its
 * lesbezoek (feedbackgesprek). Their number (at most @cap). */
static size_t act_dates(struct model *m, const struct act *a, int *out,
			size_t cap)
{
	if (a->kind != RK_EV_FB)
		return rk_planctx_week_dates(m->ctx, a->week, out);
	const struct act *lb = &m->acts[a->lb];
	size_t n = 0;
	for (size_t c = lb->first; c < lb->first + lb->n && n + 2 <= cap; c++)
		n += (size_t)rk_planctx_next_days(m->ctx, a->people[0],
						  a->people[1],
						  m->cands[c].date, out + n);
	return n;
}

/* A duo session that the windows of its kind alone keep out is one case
 * of one message at the window, however many sessions it hits; true
 * when it was said so. */
static bool windows_keep_out(struct model *m, const struct act *a)
{
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	const struct rk_loc *loc = rk_settings_window_loc(st, (int)a->kind);
	int dates[5 * KEEP_PER_DAY * 2];
	int minutes = a->kind == RK_EV_FB ? st->fb_minutes : st->gl_minutes;
	if (!loc || a->n || (a->kind != RK_EV_GL && a->kind != RK_EV_FB))
		return false;
	size_t nd = act_dates(m, a, dates, sizeof(dates) / sizeof(dates[0]));
	if (!free_outside_windows(m, a, dates, nd, minutes))
		return false;
	char who[320], example[480];
	const struct rk_week *w =
		rk_schoolyear_week(m->ctx->year, (size_t)a->week);
	snprintf(who, sizeof(who), "%s", rk_planctx_name(m->ctx, a->people[0]));
	for (int i = 1; i < a->n_people; i++)
		snprintf(who + strlen(who), sizeof(who) - strlen(who), "%s%s",
			 i + 1 == a->n_people ? _(" and ") : ", ",
			 rk_planctx_name(m->ctx, a->people[i]));
	snprintf(example, sizeof(example), _("%s: %s in week %d"), m->g->name,
		 who, w ? w->iso_week : a->week + 1);
	rk_diags_add_counted(
		m->ctx->diags, RK_SEV_ERROR, loc->file, loc->line, loc->column,
		N_("session"), N_("sessions"), example,
		a->kind == RK_EV_FB
			? _("the windows for %s leave no %d-minute time within two school days after the lesbezoek in which the members of a duo are all free, though they are free together outside them ({} cannot be placed)")
			: _("the windows for %s leave no %d-minute time in the week in which the members of a duo are all free, though they are free together outside them ({} cannot be placed)"),
		rk_event_kind_name(a->kind), minutes);
	m->ctx->infeasible++;
	return true;
}

/* An activity that found no place: why, in words. */
static void explain(struct model *m, const struct act *a)
{
	if (windows_keep_out(m, a))
		return;
	const char *v = rk_planctx_name(m->ctx, a->people[0]);
	const char *h = rk_planctx_name(m->ctx, a->people[1]);
	/* "Clashes" is proven only by an optimal answer: one stopped at its
	 * limit may have missed a moment that exists. */
	const char *why =
		!a->n ? NULL
		: m->unproven
			? _("the solver stopped at its limit before it found a moment; a larger --node-limit may find one")
			: _("every possible moment clashes with other sessions");
	char never[320], fix[256];
	rk_cover_fix(m->ctx, a->people[0], fix, sizeof(fix));
	snprintf(
		never, sizeof(never),
		_("the visitor is never free while the host teaches that week; %s"),
		fix);
	switch (a->kind) {
	case RK_EV_LB:
		/* Already said when the duo was formed. */
		if (!a->n &&
		    (rk_planctx_said(m->ctx, a->people[0], a->people[1]) & 1))
			break;
		rk_explain_in_week(m->ctx, a->week,
				   _("%s: no lesbezoek of %s at %s in {}: %s"),
				   m->g->name, v, h, why ? why : never);
		break;
	case RK_EV_FB:
		rk_explain_in_week(
			m->ctx, a->week,
			_("%s: no feedbackgesprek of %s and %s within two school days after their lesbezoek in {}: %s"),
			m->g->name, v, h,
			why ? why : _("they have no common free time then"));
		break;
	default:
		rk_explain_in_week(
			m->ctx, a->week,
			_("%s: no moment for gezamenlijk lesontwerp of %s and %s in {}: %s"),
			m->g->name, v, h,
			why ? why
			    : _("they have no common free time that week"));
		break;
	}
}

/* Why a member cannot come at [s, e) on @date, or NULL when they can.
 * Not translated: the words also go into plan.tsv (violation_text), which
 * reads the same in every language. */
static const char *blocked_by(const struct model *m, int person, int date,
			      int s, int e)
{
	const struct rk_busy *b = m->ctx->busy;
	if (rk_busy_absent(b, person, date))
		return NULL;
	if (!rk_busy_works(b, person, date))
		return "does not work that day";
	if (rk_busy_teaching(b, person, date, s, e))
		return "lesson";
	return rk_busy_is_free(b, person, date, s, e) ? NULL
						      : "another session";
}

/* The moment of the team session's week, inside its windows and before
 * the verbindingssessie, that the fewest members cannot keep, into @at;
 * false when the windows leave none. */
static bool closest_moment(struct model *m, const struct act *a,
			   struct cand *at)
{
	const struct rk_settings *st = rk_school_get_settings(m->ctx->school);
	int dates[5], starts[MAX_STARTS];
	size_t nd = rk_planctx_week_dates(m->ctx, a->week, dates), best = 0;
	bool found = false;
	for (size_t d = 0; d < nd; d++) {
		size_t ns = slot_starts(m, dates[d], true, starts);
		for (size_t i = 0; i < ns; i++) {
			int s = starts[i], e = s + TEAM_SESSION_MINUTES;
			if (!rk_planctx_open(m->ctx, dates[d]) ||
			    !rk_settings_window_ok(st, (int)a->kind,
						   rk_date_weekday(dates[d]), s,
						   e) ||
			    (m->bound_date >= 0 &&
			     (dates[d] > m->bound_date ||
			      (dates[d] == m->bound_date &&
			       e > m->bound_start))))
				continue;
			size_t count = 0;
			for (size_t k = 0; k < m->g->n; k++)
				count += blocked_by(m, m->g->members[k],
						    dates[d], s, e) != NULL;
			if (found && count >= best)
				continue;
			found = true;
			best = count;
			*at = (struct cand){ (int)(a - m->acts),
					     dates[d],
					     s,
					     e,
					     -1,
					     a->nth,
					     0.0,
					     -1 };
		}
	}
	return found;
}

/* A team session without a moment: the closest one and who blocks it, in
 * words; with --allow-violations it is planned there, marked. */
static enum rk_status explain_team(struct model *m, const struct act *a)
{
	char week[RK_DATE_BUFSIZE], at[RK_TIME_BUFSIZE], who[1024] = "";
	rk_date_format(
		rk_schoolyear_week(m->ctx->year, (size_t)a->week)->monday,
		week);
	struct cand c;
	const struct rk_loc *loc = rk_settings_window_loc(
		rk_school_get_settings(m->ctx->school), (int)a->kind);
	bool found = closest_moment(m, a, &c);
	if (!found && loc) {
		/* One message at the window for every team and week. */
		char example[320];
		snprintf(example, sizeof(example),
			 _("%s, period %d, week %d (week of %s)"), m->g->name,
			 m->p->number, a->nth, week);
		rk_diags_add_counted(
			m->ctx->diags, RK_SEV_ERROR, loc->file, loc->line,
			loc->column, N_("session"), N_("sessions"), example,
			_("the windows for %s leave no %d-minute moment in the week before the verbindingssessie ({} cannot be placed)"),
			rk_event_kind_name(a->kind), TEAM_SESSION_MINUTES);
		m->ctx->infeasible++;
		return RK_OK;
	}
	if (!found) {
		rk_planctx_infeasible(
			m->ctx,
			_("%s, period %d, week %d (week of %s): no %d-minute moment for the %s inside the school's windows before the verbindingssessie"),
			m->g->name, m->p->number, a->nth, week,
			TEAM_SESSION_MINUTES, rk_event_kind_name(a->kind));
		return RK_OK;
	}
	size_t len = 0;
	for (size_t k = 0; k < m->g->n && len < sizeof(who); k++) {
		int p = m->g->members[k];
		const char *why = blocked_by(m, p, c.date, c.start, c.end);
		if (why)
			len += (size_t)snprintf(who + len, sizeof(who) - len,
						"%s%s (%s)", len ? ", " : "",
						rk_planctx_name(m->ctx, p),
						why);
	}
	char day[RK_DATE_BUFSIZE];
	rk_date_format(c.date, day);
	rk_time_format(c.start, at);
	if (!who[0])
		snprintf(
			who, sizeof(who), "%s",
			"the team's lesontwerp, lesbezoeken and feedbackgesprekken of the period, which must come after it or fill the team's common time");
	rk_planctx_infeasible(
		m->ctx,
		_("%s, period %d, week %d (week of %s): no %d-minute moment for the %s when the whole team is free; closest is %s %s %s, blocked for %s"),
		m->g->name, m->p->number, a->nth, week, TEAM_SESSION_MINUTES,
		rk_event_kind_name(a->kind),
		rk_weekday_name(rk_date_weekday(c.date)), day, at, who);
	if (!m->ctx->options->allow_violations)
		return RK_OK;
	if (place(m, a, &c, -1) != RK_OK)
		return RK_ERR_NOMEM;
	struct rk_event *ev = rk_plan_event_at(
		m->ctx->plan, rk_plan_n_events(m->ctx->plan) - 1);
	ev->violation = true;
	ev->violation_text = rk_plan_printf(
		m->ctx->plan, "not the whole team is free: %s", who);
	return ev->violation_text ? RK_OK : RK_ERR_NOMEM;
}

/* Rebalancing: a session of someone away in its week lapses ("vervalt");
 * that is the consequence of the absence, not a broken rule. */
static bool away(const struct model *m, const struct act *a)
{
	return rk_planctx_away_in_week(m->ctx, a->people, a->n_people, a->week);
}

/* --allow-violations: a duo session that found no place is still in the
 * plan, all day on the first school day of its week, marked, so that the
 * plan, the feeds and the summary show it; it books no time. */
static enum rk_status unplaced(struct model *m, const struct act *a)
{
	int dates[5];
	size_t n = rk_planctx_week_dates(m->ctx, a->week, dates);
	struct cand c = { (int)(a - m->acts),
			  n ? dates[0] : 0,
			  -1,
			  -1,
			  -1,
			  a->nth,
			  0.0,
			  -1 };
	if (!n)
		c.date = rk_schoolyear_week(m->ctx->year, (size_t)a->week)
				 ->monday;
	struct rk_event *ev = make_event(m, a, &c);
	if (!ev)
		return RK_ERR_NOMEM;
	ev->period = m->p->number;
	ev->week_in_period = a->nth;
	ev->title = rk_plan_printf(
		m->ctx->plan, "NIET GEPLAND: %s",
		a->kind == RK_EV_LB
			? rk_plan_printf(m->ctx->plan, "Lesbezoek: %s bij %s",
					 rk_planctx_name(m->ctx, a->people[0]),
					 rk_planctx_name(m->ctx, a->people[1]))
			: event_title(m, a, &c));
	ev->violation = true;
	ev->violation_text = "no moment for this session in its week";
	for (int i = 0; ev->title && i < a->n_people; i++) {
		enum rk_part_role role = RK_PART_ATTENDEE;
		if (a->kind == RK_EV_LB || a->kind == RK_EV_FB)
			role = i == 0 ? RK_PART_VISITOR : RK_PART_HOST;
		if (rk_event_add_part(m->ctx->plan, ev, a->people[i], role) < 0)
			return RK_ERR_NOMEM;
	}
	return ev->title ? RK_OK : RK_ERR_NOMEM;
}

static enum rk_status record(struct model *m, const struct rk_mip *mip)
{
	for (size_t i = 0; i < m->n_acts; i++) {
		const struct act *a = &m->acts[i];
		const struct cand *chosen = NULL;
		if (a->done)
			continue;
		for (size_t c = a->first; c < a->first + a->n; c++)
			if (rk_mip_chosen(mip, m->cands[c].col))
				chosen = &m->cands[c];
		/* An FB after an LB that found no place says nothing new. */
		bool lb_missing = a->kind == RK_EV_FB &&
				  rk_mip_chosen(mip, m->acts[a->lb].unplaced);
		if (chosen) {
			int cover = rk_cover_model_chosen(m->cover, mip,
							  chosen->col);
			if (place(m, a, chosen, cover) != RK_OK)
				return RK_ERR_NOMEM;
		} else if (!a->n_people) {
			/* Never dropped: a marked event or a failure. */
			if (explain_team(m, a) != RK_OK)
				return RK_ERR_NOMEM;
		} else if (!away(m, a)) {
			if (!lb_missing)
				explain(m, a);
			if (m->ctx->options->allow_violations &&
			    unplaced(m, a) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return RK_OK;
}

/* A lesbezoek at which the visitor teaches takes a cover person: the
 * choice is part of the model (engine/cover.c). */
static enum rk_status cover_rows(struct model *m, struct rk_mip *mip)
{
	m->cover = rk_cover_model_new(m->ctx);
	if (!m->cover)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < m->n_cands; i++) {
		const struct cand *c = &m->cands[i];
		const struct act *a = &m->acts[c->act];
		if (a->kind == RK_EV_LB &&
		    rk_busy_teaching(m->ctx->busy, a->people[0], c->date,
				     c->start, c->end) &&
		    rk_cover_model_add(m->cover, mip, c->col, a->people[0],
				       a->people[1], c->date, c->start,
				       c->end) != RK_OK)
			return RK_ERR_NOMEM;
	}
	/* A team member who also covers cannot be in two places. */
	for (size_t p = 0; p < m->g->n; p++) {
		int person = m->g->members[p];
		for (size_t i = 0;
		     rk_cover_model_has(m->cover, person) && i < m->n_cands;
		     i++) {
			const struct cand *c = &m->cands[i];
			if (involves(m, c, person) &&
			    rk_cover_model_exclude(m->cover, mip, person,
						   c->col, c->date, c->start,
						   c->end) != RK_OK)
				return RK_ERR_NOMEM;
		}
	}
	return rk_cover_model_rows(m->cover, mip);
}

static enum rk_status build(struct model *m, struct rk_mip *mip)
{
	if (act_rows(m, mip) != RK_OK || fb_rows(m, mip) != RK_OK ||
	    (!m->relaxed && order_rows(m, mip) != RK_OK) ||
	    cover_rows(m, mip) != RK_OK)
		return RK_ERR_NOMEM;
	size_t cap = m->n_cands + 1;
	int first = 0, last = -1;
	for (size_t i = 0; i < m->n_cands; i++) {
		if (i == 0 || m->cands[i].date < first)
			first = m->cands[i].date;
		if (i == 0 || m->cands[i].date > last)
			last = m->cands[i].date;
	}
	size_t n_dates = (size_t)(last - first + 1);
	struct person_view v = {
		.mine = malloc(cap * sizeof(*v.mine)),
		.set = malloc(cap * sizeof(*v.set)),
		.spots = malloc(cap * sizeof(*v.spots)),
		.day_lo = malloc(cap * sizeof(*v.day_lo)),
		.day_hi = malloc(cap * sizeof(*v.day_hi)),
		.firsts = malloc(cap),
		.first_date = first,
		.at = malloc((n_dates + 1) * sizeof(*v.at)),
		.n_dates = n_dates,
	};
	struct written w = { 0 };
	enum rk_status status = RK_OK;
	if (!v.mine || !v.set || !v.spots || !v.day_lo || !v.day_hi ||
	    !v.firsts || !v.at)
		status = RK_ERR_NOMEM;
	for (size_t i = 0; status == RK_OK && i < m->g->n; i++)
		status = person_rows(m, mip, m->g->members[i], &v, &w);
	written_release(&w);
	free(v.mine);
	free(v.set);
	free(v.spots);
	free(v.day_lo);
	free(v.day_hi);
	free(v.firsts);
	free(v.at);
	return status;
}

/* Whether an activity has no candidate at all: it finds no place
 * whatever the solver does. */
static bool hopeless(const struct model *m)
{
	for (size_t i = 0; i < m->n_acts; i++)
		if (!m->acts[i].done && m->acts[i].n == 0)
			return true;
	return false;
}

/* Builds and solves the model; *unplaced tells whether a duo session
 * found no place. A try that is not the @last is not solved when an
 * activity has no candidate: plan_team would throw its answer away and
 * try again (at vo:300:2 six teams' first tries, a tenth of GLPK's time
 * with their second). */
static enum rk_status solve(struct model *m, struct rk_mip **mip,
			    const char *name, bool last, bool *unplaced)
{
	*mip = rk_mip_new(name);
	if (*mip)
		rk_mip_prefer_search(*mip);
	if (!*mip || collect_acts(m) != RK_OK || gen_cands(m) != RK_OK)
		return RK_ERR_NOMEM;
	if (!last && hopeless(m)) {
		*unplaced = true;
		return RK_OK;
	}
	if (build(m, *mip) != RK_OK)
		return RK_ERR_NOMEM;
	enum rk_mip_result result;
	enum rk_status status = rk_planctx_solve(m->ctx, *mip, name, &result);
	if (status != RK_OK)
		return status;
	if (result != RK_MIP_OPTIMAL && result != RK_MIP_FEASIBLE)
		return RK_ERR_SOLVER; /* "unplaced" keeps it feasible */
	m->unproven = result != RK_MIP_OPTIMAL;
	*unplaced = false;
	for (size_t i = 0; i < m->n_acts; i++)
		if (!m->acts[i].done &&
		    rk_mip_chosen(*mip, m->acts[i].unplaced))
			*unplaced = true;
	return RK_OK;
}

static void reset(struct model *m, struct rk_mip **mip)
{
	rk_mip_free(*mip);
	*mip = NULL;
	rk_cover_model_free(m->cover);
	m->cover = NULL;
	free(m->acts);
	free(m->cands);
	free(m->days);
	m->acts = NULL;
	m->cands = NULL;
	m->days = NULL;
	m->cap_days = 0;
	m->n_acts = m->cap_acts = m->n_cands = m->cap_cands = 0;
}

/* The period closes with its verbindingssessie: nothing of the period
 * after it starts. */
static void verbinding_bound(struct model *m)
{
	const struct rk_plan *base = rk_planctx_base(m->ctx);
	m->bound_date = -1;
	for (size_t i = 0; i < rk_plan_n_events(base); i++) {
		const struct rk_event *ev = rk_plan_event(base, i);
		if (ev->kind == RK_EV_VERBINDING &&
		    ev->period == m->p->number && ev->start >= 0) {
			m->bound_date = ev->date;
			m->bound_start = ev->start;
		}
	}
	/* None (it found no moment, and the run writes no plan but says why
	 * sessions fail; or, rebalancing, its week has no open day left):
	 * the period's own weeks. A feedbackgesprek
	 * on "the next two school days" would otherwise fall in the next
	 * period, whose models run side by side with this one (parallel.c)
	 * on the same people's busy time of those days. */
	if (m->bound_date < 0) {
		m->bound_date = rk_schoolyear_week(m->ctx->year,
						   (size_t)m->p->last_week)
					->monday +
				6;
		m->bound_start = 24 * 60;
	}
}

/* After a try that left something unplaced: which activities the next
 * may let slip. Those it could not place (no candidate, or the solver
 * left them out), with the lesbezoek or feedbackgesprek they go with. */
static enum rk_status who_slips(const struct model *m, const struct rk_mip *mip,
				bool **out)
{
	bool *slip = calloc(m->n_acts + 1, sizeof(*slip));
	if (!slip)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < m->n_acts; i++) {
		const struct act *a = &m->acts[i];
		if (a->done ||
		    !(a->n == 0 ||
		      (a->unplaced >= 0 && rk_mip_chosen(mip, a->unplaced))))
			continue;
		slip[i] = true;
		if (a->lb >= 0)
			slip[a->lb] = true;
		for (size_t k = 0; k < m->n_acts; k++)
			if (m->acts[k].lb == (int)i)
				slip[k] = true;
	}
	*out = slip;
	return RK_OK;
}

/* First with every session in its own week (a smaller model). Only when
 * something finds no place, again with the later weeks as a fallback: for
 * what found none (with its lesbezoek or feedbackgesprek), the team
 * sessions and the feedbackgesprekken (late(), above); then for every
 * session; then with the earlier weeks of a lesbezoek's round too. */
static enum rk_status plan_team(struct rk_planctx *ctx,
				const struct rk_group *g,
				const struct rk_period *p)
{
	struct model m = { .ctx = ctx, .g = g, .p = p };
	struct rk_mip *mip = NULL;
	verbinding_bound(&m);
	char name[160];
	snprintf(name, sizeof(name), "sessions %s period %d", g->id, p->number);
	bool unplaced;
	bool *slip = NULL;
	enum rk_status status = solve(&m, &mip, name, false, &unplaced);
	if (status == RK_OK && unplaced) {
		status = who_slips(&m, mip, &slip);
		reset(&m, &mip);
		m.allow_late = true;
		m.slip = slip;
		snprintf(name, sizeof(name),
			 "sessions %s period %d" RK_SESSIONS_LATE_TRY, g->id,
			 p->number);
		if (status == RK_OK)
			status = solve(&m, &mip, name, false, &unplaced);
	}
	if (status == RK_OK && unplaced) {
		reset(&m, &mip);
		m.slip = NULL;
		snprintf(name, sizeof(name),
			 "sessions %s period %d" RK_SESSIONS_ALL_LATE_TRY,
			 g->id, p->number);
		status = solve(&m, &mip, name, false, &unplaced);
	}
	if (status == RK_OK && unplaced) {
		reset(&m, &mip);
		m.allow_early = true;
		snprintf(name, sizeof(name),
			 "sessions %s period %d" RK_SESSIONS_EARLY_TRY, g->id,
			 p->number);
		status = solve(&m, &mip, name, true, &unplaced);
	}
	if (status == RK_OK)
		status = record(&m, mip);
	reset(&m, &mip);
	free(slip);
	return status;
}

enum rk_status rk_step_sessions_team(struct rk_planctx *ctx,
				     const struct rk_group *g,
				     const struct rk_period *p)
{
	return plan_team(ctx, g, p);
}

/* Several threads only where the teams' models cannot see each other:
 * cover people are shared by every team (their week limits count the
 * lesbezoeken planned before), and exported models are numbered in the
 * order they are solved. */
static bool side_by_side(const struct rk_planctx *ctx)
{
	return ctx->options->jobs > 1 && !ctx->options->model_hook &&
	       rk_school_n_cover(ctx->school) == 0;
}

enum rk_status rk_step_sessions(struct rk_planctx *ctx)
{
	size_t n_periods = rk_plan_n_periods(ctx->plan);
	size_t cap = ctx->n_groups * n_periods + 1;
	size_t *todo = malloc(cap * sizeof(*todo));
	const struct rk_period **in = malloc(cap * sizeof(*in));
	enum rk_status status = todo && in ? RK_OK : RK_ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; status == RK_OK && i < n_periods; i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (ctx->prev && p->last_week < ctx->from_week)
			continue; /* rebalancing: over, kept as it was */
		for (size_t g = 0; g < ctx->n_groups; g++) {
			const struct rk_group *grp = &ctx->groups[g];
			if (grp->team < 0 || grp->first_week < 0 ||
			    grp->first_week > p->first_week ||
			    rk_planctx_frozen(ctx, (int)g))
				continue;
			in[n] = p;
			todo[n++] = g;
		}
	}
	if (status == RK_OK && side_by_side(ctx) && n > 1)
		status = rk_step_sessions_parallel(ctx, in, todo, n);
	else
		for (size_t k = 0; status == RK_OK && k < n; k++)
			status = plan_team(ctx, &ctx->groups[todo[k]], in[k]);
	free(todo);
	free(in);
	return status;
}

enum rk_status rk_step_sessions_bound(struct rk_planctx *ctx,
				      const struct rk_group *g,
				      const struct rk_period *p,
				      const bool *relaxed, bool early,
				      double *objective, bool *optimal)
{
	struct model m = { .ctx = ctx,
			   .allow_late = true,
			   .allow_early = early,
			   .relaxed = relaxed,
			   .g = g,
			   .p = p };
	verbinding_bound(&m);
	struct rk_mip *mip = rk_mip_new("bound");
	if (mip)
		rk_mip_prefer_search(mip);
	struct rk_mip_stats stats;
	enum rk_status status = RK_ERR_NOMEM;
	struct rk_mip_limits limits = rk_planctx_limits(ctx);
	if (mip && collect_acts(&m) == RK_OK && gen_cands(&m) == RK_OK &&
	    build(&m, mip) == RK_OK)
		status = rk_mip_solve(mip, &limits, &stats);
	if (status == RK_OK) {
		*objective = stats.objective;
		*optimal = stats.result == RK_MIP_OPTIMAL;
	}
	reset(&m, &mip);
	return status;
}
