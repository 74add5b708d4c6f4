/* quality.c - the plan's quality figures, from the school, the year and the
 * plan alone. */
#include "config.h"

#include "quality.h"

#include <stdlib.h>
#include <string.h>

#include "event_groups.h"
#include "ritmiek.h"

/* Team work, counted in a teacher's team time. */
static bool team_kind(enum rk_event_kind k)
{
	return k == RK_EV_BORDSESSIE || k == RK_EV_GL || k == RK_EV_LB ||
	       k == RK_EV_FB || k == RK_EV_VERDIEPING ||
	       k == RK_EV_RETROSPECTIVE || k == RK_EV_LEERLINGARENA;
}

/* A duo session that found no place ("NIET GEPLAND", all day, marked). */
static bool unplaced(const struct rk_event *ev)
{
	return ev->violation && ev->start < 0 &&
	       (ev->kind == RK_EV_GL || ev->kind == RK_EV_LB ||
		ev->kind == RK_EV_FB);
}

/* A session that takes place at a time (even one marked as breaking a
 * rule, such as a bordsessie someone cannot attend). */
static bool held(const struct rk_event *ev)
{
	return ev->start >= 0 && !unplaced(ev);
}

static bool session_week(const struct rk_school *school,
			 const struct rk_schoolyear *year, size_t w)
{
	const struct rk_week *wk = rk_schoolyear_week(year, w);
	bool avoid = rk_school_get_settings(school)->avoid_toetsweken;
	return wk && wk->teaching && !(avoid && wk->toetsweek);
}

double rk_quality_share(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 100.0;
}

double rk_quality_gap(const struct rk_plan *plan)
{
	const struct rk_plan_bound *b = rk_plan_get_bound(plan);
	if (!b->known)
		return -1.0;
	if (b->bound <= 0.0)
		return b->objective > 0.0 ? 100.0 : 0.0;
	double gap = 100.0 * (b->objective - b->bound) / b->bound;
	return gap > 0.0 ? gap : 0.0;
}

/* The year week of @date. */
static int week_of(const struct rk_schoolyear *year, int date)
{
	const struct rk_day *day = rk_schoolyear_day(year, date);
	return day ? day->week : -1;
}

/* The plan's events and duos by team, and each person's team time: the
 * figures per team read their own team's share, not the whole plan per
 * team, member and duo (that was quadratic in the school's size). */
struct by_team {
	size_t n_teams;
	const struct rk_plan *plan;
	struct rk_event_groups events;
	const struct rk_duo **duos;
	size_t *duo_at;
	long *minutes; /* [person]: minutes of team work held in the year */
};

/* Team work minutes per person, as team_time counts them. */
static void count_minutes(const struct rk_schoolyear *year,
			  const struct rk_plan *plan, long *minutes,
			  size_t n_people)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (!team_kind(ev->kind) || !held(ev) ||
		    week_of(year, ev->date) < 0)
			continue;
		for (size_t k = 0; k < ev->n_parts; k++) {
			int p = ev->parts[k].person;
			if (p >= 0 && (size_t)p < n_people &&
			    !(ev->kind == RK_EV_LB &&
			      ev->parts[k].role != RK_PART_VISITOR))
				minutes[p] += ev->end - ev->start;
		}
	}
}

static void by_team_free(struct by_team *ix)
{
	rk_event_groups_release(&ix->events);
	free(ix->duos);
	free(ix->duo_at);
	free(ix->minutes);
}

static enum rk_status by_team_make(const struct rk_school *school,
				   const struct rk_schoolyear *year,
				   const struct rk_plan *plan,
				   struct by_team *ix)
{
	size_t nt = rk_school_n_team(school);
	size_t nd = rk_plan_n_duos(plan), np = rk_school_n_person(school);
	*ix = (struct by_team){ .n_teams = nt, .plan = plan };
	enum rk_status status = rk_event_groups_by_team(plan, nt, &ix->events);
	ix->duos = malloc((nd + 1) * sizeof(*ix->duos));
	ix->duo_at = calloc(nt + 2, sizeof(*ix->duo_at));
	ix->minutes = calloc(np + 1, sizeof(*ix->minutes));
	if (status != RK_OK || !ix->duos || !ix->duo_at || !ix->minutes) {
		by_team_free(ix);
		return RK_ERR_NOMEM;
	}
	/* Counting sort, stable: a team's duos keep the plan's order. */
	for (size_t i = 0; i < nd; i++) {
		int t = rk_plan_duo(plan, i)->team;
		if (t >= 0 && (size_t)t < nt)
			ix->duo_at[t + 2]++;
	}
	for (size_t t = 2; t < nt + 2; t++)
		ix->duo_at[t] += ix->duo_at[t - 1];
	for (size_t i = 0; i < nd; i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		if (d->team >= 0 && (size_t)d->team < nt)
			ix->duos[ix->duo_at[d->team + 1]++] = d;
	}
	count_minutes(year, plan, ix->minutes, np);
	return RK_OK;
}

/* Weeks with a bordsessie of team @t (bits in @weeks) and the first. */
static int bordsessie_weeks(const struct rk_schoolyear *year,
			    const struct by_team *ix, int t, bool *weeks)
{
	int first = -1;
	size_t n;
	const size_t *evs = rk_event_groups_of(&ix->events, (size_t)t, &n);
	for (size_t i = 0; i < n; i++) {
		const struct rk_event *ev = rk_plan_event(ix->plan, evs[i]);
		int w = week_of(year, ev->date);
		if (ev->kind != RK_EV_BORDSESSIE || ev->team != t || w < 0)
			continue;
		weeks[w] = true;
		if (first < 0 || w < first)
			first = w;
	}
	return first;
}

/* Team time of the team's members into @tq->time, and the school's. */
static void team_time(const struct rk_school *school, const struct by_team *ix,
		      const struct rk_team *t, size_t n_weeks,
		      struct rk_quality_team *tq, double *sum_all,
		      struct rk_quality *q)
{
	double sum = 0.0;
	for (size_t m = 0; m < t->n_members; m++) {
		int person = t->members[m].index;
		if (person < 0 ||
		    !(rk_school_get_person(school, (size_t)person)->roles &
		      RK_ROLE_LERAAR))
			continue;
		long minutes = ix->minutes[person];
		double avg = n_weeks ? (double)minutes / (double)n_weeks : 0.0;
		if (!tq->time.teachers || avg < tq->time.min)
			tq->time.min = avg;
		if (!tq->time.teachers || avg > tq->time.max)
			tq->time.max = avg;
		if (!q->time.teachers || avg < q->time.min)
			q->time.min = avg;
		if (!q->time.teachers || avg > q->time.max)
			q->time.max = avg;
		tq->time.teachers++;
		q->time.teachers++;
		sum += avg;
		*sum_all += avg;
	}
	tq->time.average =
		tq->time.teachers ? sum / (double)tq->time.teachers : 0.0;
}

/* Whether the people of @ev are exactly those of @d (GL) or two of them
 * (LB, FB). A cover person of a lesbezoek is not of the duo and does not
 * make it another duo's. */
static bool of_duo(const struct rk_event *ev, const struct rk_duo *d)
{
	size_t in = 0, covers = 0;
	for (size_t k = 0; k < ev->n_parts; k++) {
		int p = ev->parts[k].person;
		covers += ev->parts[k].role == RK_PART_COVER;
		in += ev->parts[k].role != RK_PART_COVER &&
		      (p == d->a || p == d->b || (d->c >= 0 && p == d->c));
	}
	size_t size = d->c >= 0 ? 3 : 2;
	return in + covers == ev->n_parts &&
	       (ev->kind == RK_EV_GL ? in == size : in == 2);
}

/* GL and LB rounds of period @p (0, 1 or 2 each). */
static void rounds(const struct rk_school *school,
		   const struct rk_schoolyear *year, const struct rk_period *p,
		   int *gl, int *lb, unsigned *team_acts)
{
	bool ads = p->phase && !strcmp(p->phase, "aan de slag");
	char agenda[600];
	int nth = 0;
	*gl = *lb = 0;
	*team_acts = 0;
	for (int w = p->first_week; w <= p->last_week; w++) {
		if (!session_week(school, year, (size_t)w))
			continue;
		unsigned acts = rk_ritmiek_week(p->weeks, ++nth, ads, agenda,
						sizeof(agenda));
		*gl += ((acts & RK_ACT_GL1) != 0) + ((acts & RK_ACT_GL2) != 0);
		*lb += ((acts & RK_ACT_LB1) != 0) + ((acts & RK_ACT_LB2) != 0);
		*team_acts |= acts;
	}
}

static void count_duo(const struct by_team *ix, const struct rk_duo *d, int gl,
		      int lb, struct rk_quality_team *tq, struct rk_quality *q)
{
	size_t n_gl = 0, n_lb = 0, n_fb = 0;
	size_t per_round = d->c >= 0 ? 3 : 1;
	size_t n;
	const size_t *evs =
		rk_event_groups_of(&ix->events, (size_t)d->team, &n);
	for (size_t i = 0; i < n; i++) {
		const struct rk_event *ev = rk_plan_event(ix->plan, evs[i]);
		if (ev->team != d->team || ev->period != d->period ||
		    !held(ev) || !of_duo(ev, d))
			continue;
		n_gl += ev->kind == RK_EV_GL;
		n_lb += ev->kind == RK_EV_LB;
		n_fb += ev->kind == RK_EV_FB;
	}
	q->expected[RK_EV_GL] += (size_t)gl;
	q->expected[RK_EV_LB] += per_round * (size_t)lb;
	q->expected[RK_EV_FB] += per_round * (size_t)lb;
	if (gl) {
		tq->duos_gl++;
		tq->met_gl += n_gl >= (size_t)gl;
	}
	if (lb) {
		tq->duos_lb++;
		tq->met_lb += n_lb >= per_round * (size_t)lb &&
			      n_fb >= per_round * (size_t)lb;
	}
}

/* Duo coverage and the expected duo and team sessions of team @t. */
static void team_periods(const struct rk_school *school,
			 const struct rk_schoolyear *year,
			 const struct rk_plan *plan, const struct by_team *ix,
			 int t, struct rk_quality_team *tq,
			 struct rk_quality *q)
{
	static const struct {
		unsigned act;
		enum rk_event_kind kind;
	} team_acts[] = { { RK_ACT_ARENA, RK_EV_LEERLINGARENA },
			  { RK_ACT_VERDIEPING, RK_EV_VERDIEPING },
			  { RK_ACT_RETRO, RK_EV_RETROSPECTIVE } };
	const struct rk_team *team = rk_school_get_team(school, (size_t)t);
	/* A team the planner gave no bordsessie at all takes part from its
	 * start as ever, so that what it lacks is counted as expected. */
	size_t start =
		tq->bordsessie_weeks
			? rk_plan_n_periods(plan)
			: rk_plan_team_first_period(plan, school, (size_t)t);
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		bool part = i >= start;
		size_t n;
		const size_t *evs =
			rk_event_groups_of(&ix->events, (size_t)t, &n);
		for (size_t e = 0; e < n && !part; e++) {
			const struct rk_event *ev = rk_plan_event(plan, evs[e]);
			part = ev->kind == RK_EV_BORDSESSIE && ev->team == t &&
			       ev->period == p->number;
		}
		if (!part)
			continue;
		int gl, lb;
		unsigned acts;
		rounds(school, year, p, &gl, &lb, &acts);
		for (size_t k = 0; k < 3; k++)
			q->expected[team_acts[k].kind] +=
				(acts & team_acts[k].act) != 0;
		for (size_t m = 0; m < team->n_members; m++) {
			int person = team->members[m].index;
			if (person < 0)
				continue;
			tq->member_periods++;
			bool in = false;
			for (size_t k = ix->duo_at[t];
			     k < ix->duo_at[t + 1] && !in; k++) {
				const struct rk_duo *d = ix->duos[k];
				in = d->team == t && d->period == p->number &&
				     (d->a == person || d->b == person ||
				      d->c == person);
			}
			tq->in_duo += in;
		}
		for (size_t k = ix->duo_at[t]; k < ix->duo_at[t + 1]; k++) {
			const struct rk_duo *d = ix->duos[k];
			if (d->team == t && d->period == p->number)
				count_duo(ix, d, gl, lb, tq, q);
		}
	}
}

static void count_events(const struct rk_plan *plan, struct rk_quality *q)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if ((int)ev->kind < 0 || ev->kind >= RK_N_EVENT_KINDS)
			continue;
		q->violations += ev->violation;
		q->planned[ev->kind] += !unplaced(ev);
		for (int k = 0; k < RK_N_EVENT_KINDS; k++)
			if (ev->carries & (1u << k))
				q->in_bordsessie[k]++;
	}
	q->expected[RK_EV_VERBINDING] = rk_plan_n_periods(plan);
}

/* What the school-wide sessions ask for: in the first programme year a
 * draagvlaksessie and the startfase sessions; the leerKRACHT-team's
 * weekly meeting in every week with sessions of the periods. Counted
 * like the teams' sessions, so that one that found no place (planned
 * with --allow-violations) shows as missing. */
static void expect_school_wide(const struct rk_school *school,
			       const struct rk_schoolyear *year,
			       const struct rk_plan *plan, struct rk_quality *q)
{
	if (rk_school_get_info(school)->programme_year < 2) {
		q->expected[RK_EV_DRAAGVLAKSESSIE] = 1;
		q->expected[RK_EV_STARTFASE] =
			(size_t)rk_school_startfase_sessions(school);
	}
	if (!rk_school_get_lkteam(school)->n_members)
		return;
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		for (int w = p->first_week; w >= 0 && w <= p->last_week; w++)
			q->expected[RK_EV_LKTEAM] +=
				session_week(school, year, (size_t)w);
	}
}

static void team_figures(const struct rk_school *school,
			 const struct rk_schoolyear *year,
			 const struct rk_plan *plan, const struct by_team *ix,
			 int t, bool *weeks, struct rk_quality *q,
			 double *sum_all)
{
	struct rk_quality_team *tq = &q->teams[t];
	size_t n_weeks = rk_schoolyear_n_weeks(year);
	memset(weeks, 0, n_weeks * sizeof(*weeks));
	tq->team = t;
	int first = bordsessie_weeks(year, ix, t, weeks);
	if (first < 0 && rk_plan_n_periods(plan))
		first = rk_plan_period(plan, rk_plan_team_first_period(
						     plan, school, (size_t)t))
				->first_week;
	for (size_t w = 0; first >= 0 && w < n_weeks; w++) {
		tq->bordsessie_weeks += weeks[w];
		tq->session_weeks +=
			w >= (size_t)first && session_week(school, year, w);
	}
	q->expected[RK_EV_BORDSESSIE] += tq->session_weeks;
	team_time(school, ix, rk_school_get_team(school, (size_t)t),
		  tq->bordsessie_weeks, tq, sum_all, q);
	team_periods(school, year, plan, ix, t, tq, q);
}

enum rk_status rk_quality_new(const struct rk_school *school,
			      const struct rk_schoolyear *year,
			      const struct rk_plan *plan,
			      struct rk_quality **out)
{
	struct rk_quality *q = calloc(1, sizeof(*q));
	size_t n_teams = rk_school_n_team(school);
	bool *weeks = calloc(rk_schoolyear_n_weeks(year) + 1, sizeof(*weeks));
	struct by_team ix = { 0 };
	*out = NULL;
	if (q)
		q->teams = calloc(n_teams + 1, sizeof(*q->teams));
	if (!q || !q->teams || !weeks ||
	    by_team_make(school, year, plan, &ix) != RK_OK) {
		free(weeks);
		rk_quality_free(q);
		return RK_ERR_NOMEM;
	}
	q->n_teams = n_teams;
	double sum_all = 0.0;
	for (size_t t = 0; t < n_teams; t++)
		team_figures(school, year, plan, &ix, (int)t, weeks, q,
			     &sum_all);
	q->time.average =
		q->time.teachers ? sum_all / (double)q->time.teachers : 0.0;
	count_events(plan, q);
	expect_school_wide(school, year, plan, q);
	by_team_free(&ix);
	free(weeks);
	*out = q;
	return RK_OK;
}

void rk_quality_free(struct rk_quality *q)
{
	if (!q)
		return;
	free(q->teams);
	free(q);
}
