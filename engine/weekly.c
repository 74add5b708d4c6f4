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
#include "planner.h"
#include "ritmiek.h"
#include "words.h"
#include "i18n.h"

#define VERBINDING_MINUTES 90

/* The team sessions of week @nth of @p that the school holds in the
 * bordsessie (ritmiek.team_sessions), as bits of enum rk_event_kind. */
static unsigned carried(const struct rk_planctx *ctx, const struct rk_period *p,
			int nth)
{
	unsigned in_bs = rk_school_get_settings(ctx->school)->in_bordsessie;
	if (!p || !in_bs)
		return 0;
	char agenda[600];
	bool ads = p->number == 1 && !strcmp(p->phase, "aan de slag");
	unsigned acts =
		rk_ritmiek_week(p->weeks, nth, ads, agenda, sizeof(agenda));
	/* A retrospectief in the verbindingssessie's own week (a short
	 * period) goes to the bordsessie the week before: the verbinding,
	 * planned after the bordsessies, may well fall before that week's. */
	unsigned both = RK_ACT_VERBINDING | RK_ACT_RETRO;
	if (nth > 1 && nth == p->weeks && (acts & both) == both)
		acts &= ~(unsigned)RK_ACT_RETRO;
	if (nth + 1 == p->weeks &&
	    (rk_ritmiek_week(p->weeks, nth + 1, ads, agenda, sizeof(agenda)) &
	     both) == both)
		acts |= RK_ACT_RETRO;
	unsigned kinds = 0;
	if (acts & RK_ACT_ARENA)
		kinds |= 1u << RK_EV_LEERLINGARENA;
	if (acts & RK_ACT_VERDIEPING)
		kinds |= 1u << RK_EV_VERDIEPING;
	if (acts & RK_ACT_RETRO)
		kinds |= 1u << RK_EV_RETROSPECTIVE;
	return kinds & in_bs;
}

/* " met leerlingarena, verdieping en retrospectief" for @kinds. */
static void carried_words(unsigned kinds, char *buf, size_t size)
{
	static const enum rk_event_kind order[] = { RK_EV_LEERLINGARENA,
						    RK_EV_VERDIEPING,
						    RK_EV_RETROSPECTIVE };
	size_t len = 0, n = 0, total = (size_t)__builtin_popcount(kinds);
	buf[0] = '\0';
	for (size_t i = 0; i < 3; i++)
		if (kinds & (1u << order[i]))
			rk_words_list_add(buf, size, &len, ++n, total, " met ",
					  rk_event_kind_name(order[i]));
}

/* Whether every member who works on @date has no lesson in [s, e): the
 * fixed moment holds that week (someone at a fixed date elsewhere, a
 * forum, is excused). */
static bool moment_holds(const struct rk_planctx *ctx, const struct rk_group *g,
			 int date, int s, int e)
{
	const struct rk_day *day = rk_schoolyear_day(ctx->year, date);
	if (!day || !day->school_day)
		return false;
	for (size_t m = 0; m < g->n; m++)
		if (rk_busy_works(ctx->busy, g->members[m], date) &&
		    rk_busy_teaching(ctx->busy, g->members[m], date, s, e))
			return false;
	return true;
}

/* The week's other school days, nearest to the fixed day first (the
 * common moment prefers the first), that may still change. */
static size_t other_days(const struct rk_planctx *ctx, int week, int fixed,
			 int *out)
{
	int all[5];
	size_t n_all = rk_planctx_week_dates(ctx, week, all), n = 0;
	for (int dist = 1; dist < 5; dist++)
		for (size_t i = 0; i < n_all; i++)
			if ((all[i] == fixed - dist ||
			     all[i] == fixed + dist) &&
			    rk_planctx_open(ctx, all[i]))
				out[n++] = all[i];
	const struct rk_day *day = rk_schoolyear_day(ctx->year, fixed);
	if (day && day->school_day && rk_planctx_open(ctx, fixed))
		out[n++] = fixed; /* the fixed day, at another time */
	return n;
}
/* Where the week's bordsessie goes when its fixed moment does not hold:
 * the nearest feasible moment of the same week (RK_ERR_INFEASIBLE, said
 * in words, when there is none). */
static enum rk_status move(struct rk_planctx *ctx, int gi, int week, int fixed,
			   int minutes, const char *why, int *date, int *start)
{
	const struct rk_group *g = &ctx->groups[gi];
	int dates[6];
	size_t n = other_days(ctx, week, fixed, dates);
	char model[160];
	snprintf(model, sizeof(model), "bordsessie %s moved, week %d", g->id,
		 week);
	enum rk_status status = RK_ERR_INFEASIBLE;
	if (n)
		status = rk_planctx_common_moment(
			ctx, model,
			g->team < 0 ? RK_EV_LKTEAM : RK_EV_BORDSESSIE,
			g->members, g->n, dates, n, minutes, date, start);
	if (status != RK_ERR_INFEASIBLE)
		return status;
	char monday[RK_DATE_BUFSIZE];
	rk_date_format(rk_schoolyear_week(ctx->year, (size_t)week)->monday,
		       monday);
	rk_planctx_infeasible_at(
		ctx, g->team < 0 ? rk_explain_loc(ctx, RK_EV_LKTEAM) : NULL,
		_("%s: no bordsessie in the week of %s: %s, and no other %d-minute moment that week inside the school's windows when all members who work that day are free"),
		g->name, monday, why, minutes);
	return RK_ERR_INFEASIBLE;
}

/* The title and agenda of a bordsessie that carries team sessions or was
 * moved from its fixed day. */
static enum rk_status describe(struct rk_planctx *ctx, struct rk_event *ev,
			       const struct rk_group *g, int fixed,
			       const char *why)
{
	bool lk = g->team < 0,
	     moved = ev->date != fixed || ev->start != g->moment.start;
	char with[160], from[RK_DATE_BUFSIZE], to[RK_DATE_BUFSIZE];
	carried_words(ev->carries, with, sizeof(with));
	rk_date_format(fixed, from);
	rk_date_format(ev->date, to);
	const char *from_day = rk_weekday_name(rk_date_weekday(fixed));
	const char *to_day = rk_weekday_name(rk_date_weekday(ev->date));
	ev->title = rk_plan_printf(ctx->plan, "%s %s%s%s%s%s%s",
				   lk ? "Overleg" : "Bordsessie", g->name, with,
				   moved ? " (verplaatst van " : "",
				   moved ? from_day : "", moved ? " naar " : "",
				   moved ? to_day : "");
	if (ev->title && moved)
		ev->title = rk_plan_printf(ctx->plan, "%s)", ev->title);
	if (ev->agenda && ev->carries)
		ev->agenda = rk_plan_printf(
			ctx->plan,
			"%s Deze bordsessie duurt %d minuten: ook de%s van deze week.",
			ev->agenda, ev->end - ev->start, with + 4);
	if (ev->agenda && moved)
		ev->agenda = rk_plan_printf(
			ctx->plan, "Verplaatst van %s %s naar %s %s (%s). %s",
			from_day, from, to_day, to, why, ev->agenda);
	return ev->title && ev->agenda ? RK_OK : RK_ERR_NOMEM;
}

/* The agenda of the group's session in week @nth of @p. */
static const char *week_agenda(struct rk_planctx *ctx, const struct rk_group *g,
			       const struct rk_period *p, int nth)
{
	if (g->team < 0)
		return "Wekelijks overleg van het leerKRACHT-team: de teams "
		       "volgen, de verbindingssessie en de metingen "
		       "voorbereiden.";
	if (!p)
		return "";
	char agenda[600];
	rk_ritmiek_week(p->weeks, nth,
			p->number == 1 && !strcmp(p->phase, "aan de slag"),
			agenda, sizeof(agenda));
	return rk_plan_printf(ctx->plan, "Week %d van periode %d. %s", nth,
			      p->number, agenda);
}

static void add_name(char *list, size_t size, size_t *len, const char *name)
{
	if (*len < size)
		*len += (size_t)snprintf(list + *len, size - *len, "%s%s",
					 *len ? ", " : "", name);
}

/* The members attend; who has a fixed date elsewhere then (a forum) or
 * does not work on the day it moved to is excused, and the agenda says
 * so. */
static enum rk_status attend_members(struct rk_planctx *ctx,
				     struct rk_event *ev,
				     const struct rk_group *g)
{
	char busy[512] = "", off[512] = "";
	size_t n_busy = 0, n_off = 0;
	for (size_t m = 0; m < g->n; m++) {
		int who = g->members[m];
		const char *name = rk_planctx_name(ctx, who);
		if (rk_busy_absent(ctx->busy, who, ev->date))
			continue;
		if (!rk_busy_works(ctx->busy, who, ev->date)) {
			add_name(off, sizeof(off), &n_off, name);
			continue;
		}
		if (rk_busy_booked(ctx->busy, who, ev->date, ev->start,
				   ev->end)) {
			add_name(busy, sizeof(busy), &n_busy, name);
			continue;
		}
		/* Only with --allow-violations: a moment nobody could keep. */
		if (!ev->violation && !rk_busy_is_free(ctx->busy, who, ev->date,
						       ev->start, ev->end)) {
			ev->violation = true;
			ev->violation_text = rk_plan_printf(
				ctx->plan,
				"%s is not free at the team's moment", name);
		}
		if (rk_planctx_attend(ctx, ev, who, RK_PART_ATTENDEE) < 0)
			return RK_ERR_NOMEM;
	}
	if (busy[0] && ev->agenda)
		ev->agenda = rk_plan_printf(ctx->plan,
					    "%s Afwezig (andere afspraak): %s.",
					    ev->agenda, busy);
	if (off[0] && ev->agenda)
		ev->agenda = rk_plan_printf(
			ctx->plan, "%s Afwezig (werkt niet op %s): %s.",
			ev->agenda, rk_weekday_name(rk_date_weekday(ev->date)),
			off);
	return ev->agenda ? RK_OK : RK_ERR_NOMEM;
}

/* Why the week's bordsessie cannot be at its fixed moment, or NULL:
 * the day is no school day (Tweede Paasdag, a studiedag), or the team
 * sessions it holds do not fit after the fixed moment. */
static const char *why_move(const struct rk_planctx *ctx,
			    const struct rk_group *g, int fixed, int minutes)
{
	const struct rk_day *day = rk_schoolyear_day(ctx->year, fixed);
	int start = g->moment.start;
	if (!day || !day->school_day)
		return "de vaste dag is geen schooldag";
	if (minutes > g->moment.end - start &&
	    moment_holds(ctx, g, fixed, start, g->moment.end) &&
	    !moment_holds(ctx, g, fixed, start, start + minutes))
		return "het vaste moment is te kort voor de teamsessie";
	return NULL;
}

/* Rebalancing: whether the previous plan had the group's bordsessie of
 * @week on or after the date (@after), or before it. */
static bool held(const struct rk_planctx *ctx, const struct rk_group *g,
		 int week, bool after)
{
	int monday = rk_schoolyear_week(ctx->year, (size_t)week)->monday;
	for (size_t i = 0; ctx->prev && i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->prev, i);
		bool mine = g->team < 0 ? ev->kind == RK_EV_LKTEAM
					: ev->kind == RK_EV_BORDSESSIE &&
						  ev->team == g->team;
		if (mine && (ev->date >= ctx->from) == after &&
		    ev->date >= monday && ev->date < monday + 7)
			return true;
	}
	return false;
}

/* The group's session of year week @week: at the fixed moment when it
 * holds, else moved within the week; every teaching week has one. */
static enum rk_status bordsessie(struct rk_planctx *ctx, int gi, int week)
{
	const struct rk_group *g = &ctx->groups[gi];
	int fixed = rk_schoolyear_week(ctx->year, (size_t)week)->monday +
		    g->moment.weekday;
	if (rk_planctx_frozen(ctx, gi))
		return RK_OK; /* rebalancing: kept as it was */
	/* Rebalancing: the old one stays. When the group's moment moved to
	 * a day before the date, a week whose session was after it still
	 * needs one, moved to a day still open; when it moved to a later
	 * day, a week whose session was held before the date has had it. */
	if (!rk_planctx_open(ctx, fixed) && !held(ctx, g, week, true))
		return RK_OK;
	if (rk_planctx_open(ctx, fixed) && held(ctx, g, week, false))
		return RK_OK;
	bool lk = g->team < 0;
	int nth;
	const struct rk_period *p = rk_planctx_period_of(ctx, week, &nth);
	unsigned carries = lk ? 0 : carried(ctx, p, nth);
	int minutes = g->moment.end - g->moment.start +
		      30 * __builtin_popcount(carries);
	int date = fixed, start = g->moment.start;
	const char *why = rk_planctx_open(ctx, fixed)
				  ? why_move(ctx, g, fixed, minutes)
				  : "het vaste moment is gewijzigd";
	if (why) {
		enum rk_status status =
			move(ctx, gi, week, fixed, minutes, why, &date, &start);
		const struct rk_day *day = rk_schoolyear_day(ctx->year, fixed);
		if (status == RK_ERR_INFEASIBLE && day && day->school_day &&
		    rk_planctx_open(ctx, fixed) &&
		    ctx->options->allow_violations) {
			date = fixed; /* the fixed moment, marked below */
			start = g->moment.start;
		} else if (status != RK_OK) {
			return status == RK_ERR_INFEASIBLE ? RK_OK : status;
		}
	}
	struct rk_event *ev = rk_planctx_event(
		ctx, lk ? RK_EV_LKTEAM : RK_EV_BORDSESSIE, gi, date, start,
		start + minutes, "%s-%d", g->id, fixed);
	if (!ev)
		return RK_ERR_NOMEM;
	ev->period = p ? p->number : 0;
	ev->week_in_period = nth;
	ev->carries = carries;
	ev->agenda = week_agenda(ctx, g, p, nth);
	if (!ev->agenda || describe(ctx, ev, g, fixed, why ? why : "") != RK_OK)
		return RK_ERR_NOMEM;
	return attend_members(ctx, ev, g);
}

/* The last lesson end of the day on @date, for a session that could not be
 * placed: after the lessons is where it hurts least. */
static int after_lessons(const struct rk_planctx *ctx, int date)
{
	const struct rk_day *day = rk_schoolyear_day(ctx->year, date);
	const struct rk_grid *g = day ? day->grid : NULL;
	return g && g->n ? g->hours[g->n - 1].end : 16 * 60;
}

/* The last date of a bordsessie of period @p that holds a team session,
 * or -1. */
static int last_carrying(const struct rk_planctx *ctx,
			 const struct rk_period *p)
{
	int last = -1;
	for (size_t i = 0; i < rk_plan_n_events(ctx->plan); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->plan, i);
		if (ev->carries && ev->period == p->number && ev->date > last)
			last = ev->date;
	}
	return last;
}

/* Rebalancing: the verbindingssessie stays where it was while everyone
 * who is not away is still free then (it is for the whole school: moving
 * it for one change would move it for everybody). */
static bool keep_verbinding(const struct rk_planctx *ctx,
			    const struct rk_period *p, const int *people,
			    size_t n_people, int *date, int *start)
{
	if (!ctx->prev)
		return false;
	char id[256];
	snprintf(id, sizeof(id), "%s-%s-p%d", ctx->sid,
		 rk_event_kind_name(RK_EV_VERBINDING), p->number);
	const struct rk_event *old = rk_planctx_prev_event(ctx, id);
	if (!old || old->date < ctx->from || old->start < 0)
		return false;
	for (size_t i = 0; i < n_people; i++) {
		if (rk_busy_absent(ctx->busy, people[i], old->date) ||
		    !rk_busy_works(ctx->busy, people[i], old->date))
			continue;
		if (!rk_busy_is_free(ctx->busy, people[i], old->date,
				     old->start, old->end))
			return false;
	}
	*date = old->date;
	*start = old->start;
	return true;
}

static enum rk_status verbinding(struct rk_planctx *ctx, struct rk_period *p,
				 int *people, size_t n_people)
{
	int all[5], dates[5], date, start;
	size_t n_all = rk_planctx_week_dates(ctx, p->last_week, all),
	       n_dates = 0;
	int after = last_carrying(ctx, p);
	/* Latest day first (common_moment prefers the first dates): the
	 * verbindingssessie closes the period, and the team sessions and
	 * feedbackgesprekken of its last week come before it; so do the
	 * bordsessies that hold a team session, when a later day exists. */
	if (n_all == 0 || after >= all[n_all - 1])
		after = -1;
	for (size_t i = n_all; i-- > 0;)
		if (rk_planctx_open(ctx, all[i]) && all[i] > after)
			dates[n_dates++] = all[i];
	char model[64];
	snprintf(model, sizeof(model), "verbindingssessie period %d",
		 p->number);
	enum rk_status status = RK_ERR_INFEASIBLE;
	if (keep_verbinding(ctx, p, people, n_people, &date, &start))
		status = RK_OK;
	else if (n_dates)
		status = rk_planctx_common_moment(
			ctx, model, RK_EV_VERBINDING, people, n_people, dates,
			n_dates, VERBINDING_MINUTES, &date, &start);
	if (status == RK_ERR_INFEASIBLE && after >= 0) {
		/* No moment after them: the whole week rather than none. */
		n_dates = 0;
		for (size_t i = n_all; i-- > 0;)
			if (rk_planctx_open(ctx, all[i]))
				dates[n_dates++] = all[i];
		if (n_dates)
			status = rk_planctx_common_moment(
				ctx, model, RK_EV_VERBINDING, people, n_people,
				dates, n_dates, VERBINDING_MINUTES, &date,
				&start);
	}
	if (n_dates == 0)
		return RK_OK; /* rebalancing: it has been held */
	bool violation = status == RK_ERR_INFEASIBLE;
	if (violation) {
		rk_explain_no_verbinding(ctx, p->number, people, n_people,
					 dates, n_dates, VERBINDING_MINUTES);
		if (!ctx->options->allow_violations)
			return RK_OK;
		date = dates[0];
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

enum rk_status rk_step_weekly(struct rk_planctx *ctx)
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
