/* weekly.c - the weekly bordsessies (and the leerKRACHT-team's weekly
 * session) on every group's fixed moment, and the verbindingssessie that
 * closes each period for the whole school. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "explain.h"
#include "planctx.h"
#include "ritmiek.h"

#define VERBINDING_MINUTES 90

/* The period that holds year week @week, or NULL; its week number goes to
 * @nth (1-based, counting weeks with sessions). */
const struct rk_period *rk_planctx_period_of(const struct rk_planctx *ctx,
					     int week, int *nth)
{
	for (size_t i = 0; i < rk_plan_n_periods(ctx->plan); i++) {
		const struct rk_period *p = rk_plan_period(ctx->plan, i);
		if (week < p->first_week || week > p->last_week)
			continue;
		int k = 0;
		for (int w = p->first_week; w <= week; w++)
			k += ctx->session_week[w];
		*nth = k;
		return p;
	}
	*nth = 0;
	return NULL;
}

static enum rk_status bordsessie(struct rk_planctx *ctx, int gi, int week)
{
	const struct rk_group *g = &ctx->groups[gi];
	int date = rk_schoolyear_week(ctx->year, (size_t)week)->monday +
		   g->moment.weekday;
	const struct rk_day *day = rk_schoolyear_day(ctx->year, date);
	if (!day || !day->school_day)
		return RK_OK; /* e.g. Tweede Paasdag: this week has none */
	if (!rk_planctx_open(ctx, date))
		return RK_OK; /* rebalancing: the old one stays */
	bool lk = g->team < 0;
	struct rk_event *ev = rk_planctx_event(
		ctx, lk ? RK_EV_LKTEAM : RK_EV_BORDSESSIE, gi, date,
		g->moment.start, g->moment.end, "%s-%d", g->id, date);
	if (!ev)
		return RK_ERR_NOMEM;
	int nth;
	const struct rk_period *p = rk_planctx_period_of(ctx, week, &nth);
	ev->period = p ? p->number : 0;
	ev->week_in_period = nth;
	ev->title = rk_plan_printf(ctx->plan, "%s %s",
				   lk ? "Overleg" : "Bordsessie", g->name);
	if (lk) {
		ev->agenda = "Wekelijks overleg van het leerKRACHT-team: de "
			     "teams volgen, de verbindingssessie en de "
			     "metingen voorbereiden.";
	} else if (p) {
		char agenda[600];
		rk_ritmiek_week(p->weeks, nth,
				p->number == 1 &&
					!strcmp(p->phase, "aan de slag"),
				agenda, sizeof(agenda));
		ev->agenda =
			rk_plan_printf(ctx->plan, "Week %d van periode %d. %s",
				       nth, p->number, agenda);
	}
	if (!ev->title || !ev->agenda)
		return RK_ERR_NOMEM;
	/* A member with a fixed date elsewhere then (a forum) is excused. */
	char absent[512] = "";
	size_t len = 0;
	for (size_t m = 0; m < g->n; m++) {
		int who = g->members[m];
		if (rk_busy_absent(ctx->busy, who, date))
			continue;
		if (rk_busy_booked(ctx->busy, who, date, g->moment.start,
				   g->moment.end)) {
			if (len < sizeof(absent))
				len += (size_t)snprintf(
					absent + len, sizeof(absent) - len,
					"%s%s", len ? ", " : "",
					rk_planctx_name(ctx, who));
			continue;
		}
		/* Only with --allow-violations: a moment nobody could keep. */
		if (!ev->violation &&
		    !rk_busy_is_free(ctx->busy, who, date, g->moment.start,
				     g->moment.end)) {
			ev->violation = true;
			ev->violation_text = rk_plan_printf(
				ctx->plan,
				"%s is not free at the team's moment",
				rk_planctx_name(ctx, who));
		}
		if (rk_planctx_attend(ctx, ev, who, RK_PART_ATTENDEE) < 0)
			return RK_ERR_NOMEM;
	}
	if (absent[0])
		ev->agenda = rk_plan_printf(ctx->plan,
					    "%s Afwezig (andere "
					    "afspraak): %s.",
					    ev->agenda, absent);
	return ev->agenda ? RK_OK : RK_ERR_NOMEM;
}

/* The last lesson end of the day on @date, for a session that could not be
 * placed: after the lessons is where it hurts least. */
static int after_lessons(const struct rk_planctx *ctx, int date)
{
	const struct rk_day *day = rk_schoolyear_day(ctx->year, date);
	const struct rk_grid *g = day ? day->grid : NULL;
	return g && g->n ? g->hours[g->n - 1].end : 16 * 60;
}

static enum rk_status verbinding(struct rk_planctx *ctx, struct rk_period *p,
				 int *people, size_t n_people)
{
	int all[5], dates[5], date, start;
	size_t n_all = rk_planctx_week_dates(ctx, p->last_week, all),
	       n_dates = 0;
	for (size_t i = 0; i < n_all; i++)
		if (rk_planctx_open(ctx, all[i]))
			dates[n_dates++] = all[i];
	if (n_dates == 0)
		return RK_OK; /* rebalancing: it has been held */
	char model[64];
	snprintf(model, sizeof(model), "verbindingssessie period %d",
		 p->number);
	enum rk_status status = rk_planctx_common_moment(
		ctx, model, people, n_people, dates, n_dates,
		VERBINDING_MINUTES, &date, &start);
	bool violation = status == RK_ERR_INFEASIBLE;
	if (violation) {
		rk_explain_no_verbinding(ctx, p->number, people, n_people,
					 dates, n_dates, VERBINDING_MINUTES);
		if (!ctx->options->allow_violations)
			return RK_OK;
		date = dates[n_dates - 1];
		start = after_lessons(ctx, date);
	} else if (status != RK_OK) {
		return status;
	}
	struct rk_event *ev =
		rk_planctx_event(ctx, RK_EV_VERBINDING, -1, date, start,
				 start + VERBINDING_MINUTES, "p%d", p->number);
	if (!ev)
		return RK_ERR_NOMEM;
	ev->period = p->number;
	ev->week_in_period = p->weeks;
	ev->title = rk_plan_printf(ctx->plan, "Verbindingssessie periode %d",
				   p->number);
	ev->agenda = "Successen delen met de hele school, vastleggen in de "
		     "'zo werken wij'-standaard, en vooruitkijken naar het "
		     "volgende thema.";
	ev->violation = violation;
	if (violation)
		ev->violation_text = "not everyone is free at this moment";
	for (size_t i = 0; i < n_people; i++)
		if (rk_planctx_attend(ctx, ev, people[i], RK_PART_ATTENDEE) < 0)
			return RK_ERR_NOMEM;
	p->verbinding_date = date;
	return ev->title ? RK_OK : RK_ERR_NOMEM;
}

enum rk_status rk_plan_weekly(struct rk_planctx *ctx)
{
	size_t n_weeks = rk_schoolyear_n_weeks(ctx->year);
	for (size_t g = 0; g < ctx->n_groups; g++) {
		const struct rk_group *grp = &ctx->groups[g];
		if (!grp->has_moment || grp->first_week < 0)
			continue;
		for (size_t w = (size_t)grp->first_week; w < n_weeks; w++) {
			if (!ctx->session_week[w])
				continue;
			enum rk_status status = bordsessie(ctx, (int)g, (int)w);
			if (status != RK_OK)
				return status;
		}
	}
	size_t n_people = rk_school_n_person(ctx->school);
	int *people = calloc(n_people + 1, sizeof(int));
	if (!people)
		return RK_ERR_NOMEM;
	size_t n = rk_planctx_staff(ctx, people);
	enum rk_status status = RK_OK;
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_periods(ctx->plan);
	     i++)
		status = verbinding(ctx, rk_plan_period_at(ctx->plan, i),
				    people, n);
	free(people);
	return status;
}
