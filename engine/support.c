/* support.c - the fixed dates from outside (fora, bootcamp,
 * bedrijfsbezoek, webinars) for the right people, and the metingen as
 * deadlines with a window, for the people who must respond. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planctx.h"
#include "support.h"

static bool in_lkteam(const struct rk_planctx *ctx, int person)
{
	const struct rk_team *lk = rk_school_get_lkteam(ctx->school);
	for (size_t m = 0; m < lk->n_members; m++)
		if (lk->members[m].index == person)
			return true;
	return false;
}

/* `for: all` is the whole school: every person of every role, the
 * schoolleider and onderwijsondersteunend personeel too. The expert coach
 * is from the foundation, not the school: they come to the bootcamp, which
 * they guide (as to the one the planner places), and to other dates only
 * when listed under `people`. */
static bool in_all(const struct rk_external *e, const struct rk_person *p)
{
	if (p->roles & ~(unsigned)RK_ROLE_EXPERTCOACH)
		return true;
	return e->kind == RK_EXT_BOOTCAMP;
}

/* Who goes: the audience the school file gives, else the usual one for
 * the kind (DOMAIN.md): fora and webinars for schoolleiders, schoolcoaches
 * and the leerKRACHT-team; a bootcamp for the leerKRACHT-team; a
 * bedrijfsbezoek for the leerKRACHT-team and coaches, at most 4 people (PO,
 * MBO) or 8 (VO). */
static bool invited(const struct rk_planctx *ctx, const struct rk_external *e,
		    int person, int *count)
{
	const struct rk_person *p =
		rk_school_get_person(ctx->school, (size_t)person);
	bool given =
		e->roles || e->leerkracht_team || e->everyone || e->n_people;
	bool in = false;
	if (given) {
		in = (p->roles & e->roles) ||
		     (e->leerkracht_team && in_lkteam(ctx, person)) ||
		     (e->everyone && in_all(e, p));
		for (size_t k = 0; k < e->n_people && !in; k++)
			in = e->people[k].index == person;
		return in;
	}
	unsigned leaders = RK_ROLE_SCHOOLLEIDER | RK_ROLE_SCHOOLCOACH;
	switch (e->kind) {
	case RK_EXT_BOOTCAMP:
		return in_lkteam(ctx, person);
	case RK_EXT_BEDRIJFSBEZOEK: {
		int max = rk_school_get_info(ctx->school)->type == RK_SCHOOL_VO
				  ? 8
				  : 4;
		in = (in_lkteam(ctx, person) || (p->roles & leaders)) &&
		     *count < max;
		*count += in;
		return in;
	}
	default:
		return in_lkteam(ctx, person) || (p->roles & leaders);
	}
}

enum rk_status rk_step_externals(struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_school_n_external(ctx->school); i++) {
		const struct rk_external *e =
			rk_school_get_external(ctx->school, i);
		struct rk_event *ev = rk_planctx_event(
			ctx, rk_event_kind_of_external(e->kind), -1, e->date,
			e->start, e->end, "%zu", i + 1);
		if (!ev)
			return RK_ERR_NOMEM;
		ev->title = rk_plan_strdup(ctx->plan, e->name);
		ev->agenda = rk_plan_printf(ctx->plan,
					    "%s (vaste datum van buiten "
					    "de school).",
					    e->name);
		int count = 0;
		for (size_t p = 0; p < rk_school_n_person(ctx->school); p++)
			if (invited(ctx, e, (int)p, &count) &&
			    rk_planctx_attend(ctx, ev, (int)p,
					      RK_PART_ATTENDEE) < 0)
				return RK_ERR_NOMEM;
		if (!ev->agenda)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

static bool is_rk_event_kind_of_external(enum rk_event_kind kind)
{
	return kind == RK_EV_FORUM || kind == RK_EV_BOOTCAMP ||
	       kind == RK_EV_BEDRIJFSBEZOEK || kind == RK_EV_WEBINAR ||
	       kind == RK_EV_EXTERNAL;
}

static int cover_order(const void *a, const void *b)
{
	const struct rk_cover_lesson *x = a, *y = b;
	if (x->event != y->event)
		return x->event < y->event ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->lesson->loc.line - y->lesson->loc.line;
}

/* Appends the lessons of @ev's participants (marked in @in) to @list. */
static enum rk_status event_lessons(const struct rk_school *school,
				    const struct rk_schoolyear *year,
				    const struct rk_event *ev, size_t index,
				    const bool *in,
				    struct rk_cover_lesson **list, size_t *n,
				    size_t *cap)
{
	for (size_t i = 0; i < rk_school_n_lesson(school); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(school, i);
		int s, e;
		if (l->person.index < 0 || !in[l->person.index] ||
		    !rk_schoolyear_lesson_times(year, l, ev->date, &s, &e))
			continue;
		if (ev->start >= 0 && (s >= ev->end || e <= ev->start))
			continue;
		if (*n == *cap) {
			size_t c = *cap ? *cap * 2 : 16;
			struct rk_cover_lesson *grown =
				realloc(*list, c * sizeof(**list));
			if (!grown)
				return RK_ERR_NOMEM;
			*list = grown;
			*cap = c;
		}
		(*list)[(*n)++] = (struct rk_cover_lesson){
			index, l->person.index, ev->date, s, e, l
		};
	}
	return RK_OK;
}

enum rk_status rk_plan_cover_lessons(const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan,
				     struct rk_cover_lesson **out, size_t *n)
{
	size_t n_people = rk_school_n_person(school), cap = 0;
	bool *in = calloc(n_people + 1, sizeof(*in));
	enum rk_status status = in ? RK_OK : RK_ERR_NOMEM;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; status == RK_OK && i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (!is_rk_event_kind_of_external(ev->kind))
			continue;
		for (size_t p = 0; p < ev->n_parts; p++)
			if (ev->parts[p].person >= 0 &&
			    (size_t)ev->parts[p].person < n_people)
				in[ev->parts[p].person] = true;
		status = event_lessons(school, year, ev, i, in, out, n, &cap);
		memset(in, 0, n_people * sizeof(*in));
	}
	free(in);
	if (status != RK_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
		return status;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cover_order);
	return RK_OK;
}

struct meting_default {
	enum rk_meting_kind kind;
	const char *title;
	const char *agenda;
	bool year1_only;
};

static const struct meting_default metingen[RK_N_METINGEN] = {
	{ RK_METING_CULTUURSURVEY_START, "Cultuursurvey invullen (nulmeting)",
	  "De cultuursurvey aan het begin van het programma: hoe werken we nu "
	  "samen? Vul hem in voor de deadline.",
	  true },
	{ RK_METING_CULTUURSURVEY_EIND, "Cultuursurvey invullen (eindmeting)",
	  "De cultuursurvey na het eerste jaar: wat is er veranderd?", true },
	{ RK_METING_THERMOMETER, "Thermometer invullen",
	  "De thermometer van het leerKRACHT-team en de expertcoach: hoe staat "
	  "het programma ervoor?",
	  true },
	{ RK_METING_360_FEEDBACK, "360-graden feedback schoolleider",
	  "De schoolleider nodigt collega's uit voor anonieme 360-graden "
	  "feedback; zorg dat de uitnodigingen op tijd uit zijn.",
	  true },
	{ RK_METING_BAROMETER, "Barometer invullen",
	  "De barometer aan het eind van het jaar: hoe ver zijn we met "
	  "samen beter worden?",
	  false },
};

/* Who responds: all teachers, the leerKRACHT-team and expert coach, or the
 * schoolleiders. */
static bool responds(const struct rk_planctx *ctx, enum rk_meting_kind kind,
		     int person)
{
	unsigned roles =
		rk_school_get_person(ctx->school, (size_t)person)->roles;
	if (kind == RK_METING_THERMOMETER)
		return in_lkteam(ctx, person) || (roles & RK_ROLE_EXPERTCOACH);
	if (kind == RK_METING_360_FEEDBACK)
		return roles & RK_ROLE_SCHOOLLEIDER;
	return roles & RK_ROLE_LERAAR;
}

/* The last school day of period @n (1-based, clamped), or of the year. */
static int period_end(const struct rk_planctx *ctx, size_t n)
{
	size_t count = rk_plan_n_periods(ctx->plan);
	if (count == 0)
		return rk_schoolyear_last(ctx->year);
	const struct rk_period *p =
		rk_plan_period(ctx->plan, (n < count ? n : count) - 1);
	return rk_schoolyear_week(ctx->year, (size_t)p->last_week)->monday + 4;
}

/* The default window of a meting in the programme timeline: the survey at
 * the start in the first three weeks, the thermometer by the end of the
 * second period, the 360 feedback by the end of the third, the surveys at
 * the end three weeks before the last period ends. */
static void default_window(const struct rk_planctx *ctx,
			   enum rk_meting_kind kind, int *opens, int *deadline)
{
	size_t n = rk_plan_n_periods(ctx->plan);
	int first = rk_schoolyear_last(ctx->year);
	for (size_t w = 0; w < rk_schoolyear_n_weeks(ctx->year); w++)
		if (ctx->session_week[w]) {
			first = rk_schoolyear_week(ctx->year, w)->monday;
			break;
		}
	switch (kind) {
	case RK_METING_CULTUURSURVEY_START:
		*opens = first;
		*deadline = first + 18;
		return;
	case RK_METING_THERMOMETER:
		*deadline = period_end(ctx, 2);
		break;
	case RK_METING_360_FEEDBACK:
		*deadline = period_end(ctx, 3);
		break;
	default:
		*deadline = period_end(ctx, n ? n : 1) - 14;
		break;
	}
	*opens = *deadline - 14;
}

static int school_day_on_or_before(const struct rk_planctx *ctx, int date)
{
	for (int d = date; d >= rk_schoolyear_first(ctx->year); d--) {
		const struct rk_day *day = rk_schoolyear_day(ctx->year, d);
		if (day && day->school_day)
			return d;
	}
	return date;
}

enum rk_status rk_step_metingen(struct rk_planctx *ctx)
{
	bool year1 = rk_school_get_info(ctx->school)->programme_year < 2;
	for (int k = 0; k < RK_N_METINGEN; k++) {
		const struct meting_default *md = &metingen[k];
		if (md->year1_only && !year1)
			continue;
		int opens, deadline;
		default_window(ctx, md->kind, &opens, &deadline);
		for (size_t i = 0; i < rk_school_n_meting_override(ctx->school);
		     i++) {
			const struct rk_meting_override *o =
				rk_school_get_meting_override(ctx->school, i);
			if (o->kind == md->kind) {
				opens = o->opens;
				deadline = o->deadline;
			}
		}
		/* A deadline on a day off is easy to miss: the school day
		 * before it. */
		deadline = school_day_on_or_before(ctx, deadline);
		if (opens > deadline)
			opens = deadline;
		struct rk_event *ev =
			rk_planctx_event(ctx, RK_EV_METING, -1, deadline, -1,
					 -1, "%s", rk_meting_name(md->kind));
		if (!ev)
			return RK_ERR_NOMEM;
		ev->opens = opens;
		ev->title = md->title;
		ev->agenda = md->agenda;
		for (size_t p = 0; p < rk_school_n_person(ctx->school); p++)
			if (responds(ctx, md->kind, (int)p) &&
			    rk_planctx_attend(ctx, ev, (int)p,
					      RK_PART_ATTENDEE) < 0)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}
