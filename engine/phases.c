/* phases.c - the first year's opening: draagvlaksessie, startfase,
 * bootcamp and startdag; they decide where the first period starts.
 *
 * Timeline (in weeks with sessions, after DOMAIN.md's example year):
 * draagvlaksessie in the first two weeks, the startfase sessions of the
 * leerKRACHT-team weekly after it, the bootcamp the week after, the
 * startdag within three weeks after that, and "aan de slag" from the week
 * after the startdag. Later programme years start with the first period. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "explain.h"
#include "planctx.h"
#include "i18n.h"

#define DRAAGVLAK_MINUTES 90
#define STARTFASE_MINUTES 120
#define BOOTCAMP_MINUTES  180
#define STARTDAG_WINDOW	  3

/* The indices of the weeks with sessions, in order. */
static size_t session_weeks(const struct rk_planctx *ctx, int *out)
{
	size_t n = 0;
	for (size_t w = 0; w < rk_schoolyear_n_weeks(ctx->year); w++)
		if (ctx->session_week[w])
			out[n++] = (int)w;
	return n;
}

/* The leerKRACHT-team and the expert coaches. */
static size_t lk_and_coaches(const struct rk_planctx *ctx, int *out)
{
	size_t n = 0;
	const struct rk_team *lk = rk_school_get_lkteam(ctx->school);
	for (size_t m = 0; m < lk->n_members; m++)
		if (lk->members[m].index >= 0)
			out[n++] = lk->members[m].index;
	for (size_t i = 0; i < rk_school_n_person(ctx->school); i++)
		if (rk_school_get_person(ctx->school, i)->roles &
		    RK_ROLE_EXPERTCOACH)
			out[n++] = (int)i;
	return n;
}

static size_t weeks_dates(const struct rk_planctx *ctx, const int *weeks,
			  size_t n_weeks, int *dates)
{
	size_t n = 0;
	for (size_t i = 0; i < n_weeks; i++)
		n += rk_planctx_week_dates(ctx, weeks[i], dates + n);
	return n;
}

/* One session for @people somewhere in @weeks; a collision is reported in
 * words. Returns the chosen date, or -1. */
static int plan_session(struct rk_planctx *ctx, enum rk_event_kind kind,
			const char *what, const int *people, size_t n_people,
			const int *weeks, size_t n_weeks, int minutes,
			const char *title, const char *agenda, int number,
			enum rk_status *status)
{
	int dates[64] = { 0 }, date, start;
	size_t n_dates = weeks_dates(ctx, weeks, n_weeks, dates);
	*status = rk_planctx_common_moment(ctx, what, kind, people, n_people,
					   dates, n_dates, minutes, &date,
					   &start);
	if (*status == RK_ERR_INFEASIBLE) {
		rk_explain_no_common_moment(ctx, (int)kind, what, people,
					    n_people, dates, n_dates, minutes);
		*status = RK_OK;
		return -1;
	}
	if (*status != RK_OK)
		return -1;
	struct rk_event *ev = rk_planctx_event(ctx, kind, -1, date, start,
					       start + minutes, "%d", number);
	if (!ev) {
		*status = RK_ERR_NOMEM;
		return -1;
	}
	ev->title = title;
	ev->agenda = agenda;
	/* The whole staff is invited to a draagvlaksessie on a day off too;
	 * to the others nobody is booked on a day they do not work (the
	 * moment was chosen to need that least): the agenda names them. */
	char off[400] = "";
	size_t len = 0;
	for (size_t i = 0; i < n_people; i++) {
		if (kind != RK_EV_DRAAGVLAKSESSIE &&
		    !rk_busy_works(ctx->busy, people[i], date)) {
			if (len < sizeof(off))
				len += (size_t)snprintf(
					off + len, sizeof(off) - len, "%s%s",
					len ? ", " : "",
					rk_planctx_name(ctx, people[i]));
			continue;
		}
		if (rk_planctx_attend(ctx, ev, people[i], RK_PART_ATTENDEE) < 0)
			*status = RK_ERR_NOMEM;
	}
	if (off[0]) {
		ev->agenda = rk_plan_printf(ctx->plan,
					    "%s Werkt niet op deze dag: %s.",
					    agenda, off);
		if (!ev->agenda)
			*status = RK_ERR_NOMEM;
	}
	return date;
}

/* Lesson minutes the school would cancel by making @date its startdag. */
static long lessons_lost(const struct rk_planctx *ctx, int date)
{
	long minutes = 0;
	for (size_t i = 0; i < rk_school_n_lesson(ctx->school); i++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(ctx->school, i);
		int start, end;
		if (l->person.index >= 0 &&
		    rk_schoolyear_lesson_times(ctx->year, l, date, &start,
					       &end))
			minutes += end - start;
	}
	return minutes;
}

static bool is_studiedag(const struct rk_day *day)
{
	return day && !day->school_day && day->off &&
	       day->off_kind == RK_OFF_STUDIEDAG;
}

/* The startdag: a studiedag in @weeks if there is one (no lessons lost),
 * else the school day on which the fewest lesson minutes are lost. */
static enum rk_status plan_startdag(struct rk_planctx *ctx, const int *weeks,
				    size_t n_weeks, int *chosen)
{
	struct rk_mip *mip = rk_mip_new("startdag");
	int dates[5 * 8], cols[5 * 8];
	size_t n = 0;
	enum rk_status status = RK_ERR_NOMEM;
	if (!mip)
		return status;
	for (size_t i = 0; i < n_weeks && n + 5 <= 40; i++) {
		int monday =
			rk_schoolyear_week(ctx->year, (size_t)weeks[i])->monday;
		for (int d = 0; d < 5; d++) {
			const struct rk_day *day =
				rk_schoolyear_day(ctx->year, monday + d);
			if (!day || (!day->school_day && !is_studiedag(day)))
				continue;
			char name[32];
			double cost = is_studiedag(day)
					      ? 0.0
					      : 1.0 + (double)lessons_lost(
							      ctx, monday + d);
			snprintf(name, sizeof(name), "startdag_%d", monday + d);
			dates[n] = monday + d;
			cols[n] = rk_mip_add_binary(mip, name,
						    cost + (double)n * 1e-3);
			if (cols[n++] < 0)
				goto out;
		}
	}
	if (n == 0 || rk_mip_add_row(mip, "one", RK_MIP_EQ, 1.0) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (rk_mip_term(mip, cols[i], 1.0) != RK_OK)
			goto out;
	enum rk_mip_result result;
	status = rk_planctx_solve(ctx, mip, "startdag", &result);
	for (size_t i = 0; status == RK_OK && i < n; i++)
		if (rk_mip_chosen(mip, cols[i]))
			*chosen = dates[i];
out:
	rk_mip_free(mip);
	return status;
}

static enum rk_status add_startdag(struct rk_planctx *ctx, int date)
{
	struct rk_event *ev =
		rk_planctx_event(ctx, RK_EV_STARTDAG, -1, date, -1, -1, "1");
	if (!ev)
		return RK_ERR_NOMEM;
	ev->title = "Startdag leerKRACHT";
	ev->agenda = "Startdag met alle leraren: ambitie, jaarbord, eerste "
		     "verbeterthema (datamuur, leerlingarena, doelen).";
	int *people =
		malloc((rk_school_n_person(ctx->school) + 1) * sizeof(int));
	if (!people)
		return RK_ERR_NOMEM;
	size_t n = rk_planctx_staff(ctx, people);
	enum rk_status status = RK_OK;
	for (size_t i = 0; i < n; i++)
		if (rk_planctx_attend(ctx, ev, people[i], RK_PART_ATTENDEE) < 0)
			status = RK_ERR_NOMEM;
	free(people);
	return status;
}

static bool external_bootcamp(const struct rk_planctx *ctx, int *date)
{
	for (size_t i = 0; i < rk_school_n_external(ctx->school); i++) {
		const struct rk_external *e =
			rk_school_get_external(ctx->school, i);
		if (e->kind == RK_EXT_BOOTCAMP) {
			*date = e->date;
			return true;
		}
	}
	return false;
}

/* The week index of @date in the list @weeks (the first week on or after
 * it), or @n when it lies after them all. */
static size_t week_position(const struct rk_planctx *ctx, const int *weeks,
			    size_t n, int date)
{
	for (size_t i = 0; i < n; i++)
		if (rk_schoolyear_week(ctx->year, (size_t)weeks[i])->monday +
			    6 >=
		    date)
			return i;
	return n;
}

static enum rk_status opening(struct rk_planctx *ctx, const int *weeks,
			      size_t n_weeks, int *people, int *lk)
{
	enum rk_status status;
	size_t n_staff = rk_planctx_staff(ctx, people),
	       n_lk = lk_and_coaches(ctx, lk);
	size_t pos = 0;
	plan_session(ctx, RK_EV_DRAAGVLAKSESSIE, "draagvlaksessie", people,
		     n_staff, weeks, n_weeks < 2 ? n_weeks : 2,
		     DRAAGVLAK_MINUTES, "Draagvlaksessie leerKRACHT",
		     "Kennismaking met leerKRACHT voor het hele team: waarom, "
		     "hoe, en wat het van ieder vraagt.",
		     1, &status);
	if (status != RK_OK)
		return status;
	int sessions = rk_school_startfase_sessions(ctx->school);
	for (int k = 0; k < sessions && ++pos < n_weeks; k++) {
		plan_session(ctx, RK_EV_STARTFASE, "startfase", lk, n_lk,
			     weeks + pos, 1, STARTFASE_MINUTES,
			     "Startfase leerKRACHT-team",
			     "Werksessie van het leerKRACHT-team met de "
			     "expertcoach: eerste verbeterthema kiezen, "
			     "startdag en ritmiek van de teams voorbereiden.",
			     k + 1, &status);
		if (status != RK_OK)
			return status;
	}
	int bootcamp;
	if (external_bootcamp(ctx, &bootcamp)) {
		pos = week_position(ctx, weeks, n_weeks, bootcamp);
	} else if (++pos < n_weeks) {
		plan_session(ctx, RK_EV_BOOTCAMP, "bootcamp", lk, n_lk,
			     weeks + pos, 1, BOOTCAMP_MINUTES, "Bootcamp",
			     "Bootcamp op school: de instrumenten oefenen "
			     "voordat de teams beginnen.",
			     1, &status);
		if (status != RK_OK)
			return status;
	}
	pos++;
	size_t window = n_weeks - pos < STARTDAG_WINDOW ? n_weeks - pos
							: STARTDAG_WINDOW;
	int startdag = -1;
	if (pos < n_weeks) {
		status = plan_startdag(ctx, weeks + pos, window, &startdag);
		if (status == RK_OK && startdag >= 0)
			status = add_startdag(ctx, startdag);
		if (status != RK_OK)
			return status;
	}
	/* Aan de slag starts the week after the startdag. */
	size_t after =
		startdag >= 0 ? week_position(ctx, weeks, n_weeks, startdag) + 1
			      : pos;
	ctx->start_week = after < n_weeks ? weeks[after] : -1;
	if (ctx->start_week < 0)
		rk_planctx_infeasible_at(
			ctx, &rk_school_get_info(ctx->school)->year_loc,
			_("the school year has too few weeks with sessions for the first year's opening and a period after it"));
	return RK_OK;
}

static bool is_opening(enum rk_event_kind kind)
{
	return kind == RK_EV_DRAAGVLAKSESSIE || kind == RK_EV_STARTFASE ||
	       kind == RK_EV_BOOTCAMP || kind == RK_EV_STARTDAG;
}

/* Rebalancing: the opening stays as it was planned; from the request's
 * date on, people who are away then are no longer expected. */
static enum rk_status keep_opening(struct rk_planctx *ctx)
{
	for (size_t i = 0; i < rk_plan_n_events(ctx->prev); i++) {
		const struct rk_event *old = rk_plan_event(ctx->prev, i);
		if (!is_opening(old->kind))
			continue;
		/* An external bootcamp is re-made with the external dates. */
		bool external = false;
		for (size_t k = 0; k < rk_plan_n_events(ctx->plan); k++)
			external |= !strcmp(rk_plan_event(ctx->plan, k)->id,
					    old->id);
		if (external)
			continue;
		struct rk_event *ev = rk_plan_add_copy(ctx->plan, old);
		if (!ev)
			return RK_ERR_NOMEM;
		size_t kept = 0;
		for (size_t p = 0; p < ev->n_parts; p++) {
			int who = ev->parts[p].person;
			if (rk_planctx_open(ctx, ev->date) &&
			    rk_busy_absent(ctx->busy, who, ev->date))
				continue;
			ev->parts[kept++] = ev->parts[p];
			rk_busy_book(ctx->busy, who, ev->date,
				     ev->start >= 0 ? ev->start : 0,
				     ev->start >= 0 ? ev->end : 24 * 60);
		}
		ev->n_parts = kept;
	}
	if (rk_plan_n_periods(ctx->prev))
		ctx->start_week = rk_plan_period(ctx->prev, 0)->first_week;
	return RK_OK;
}

enum rk_status rk_step_phases(struct rk_planctx *ctx)
{
	if (ctx->prev)
		return keep_opening(ctx);
	size_t n_weeks_year = rk_schoolyear_n_weeks(ctx->year);
	size_t n_people = rk_school_n_person(ctx->school);
	int *weeks = calloc(n_weeks_year + 1, sizeof(int));
	int *people = calloc(n_people + 1, sizeof(int));
	int *lk = calloc(n_people + 1, sizeof(int));
	enum rk_status status = RK_ERR_NOMEM;
	if (!weeks || !people || !lk)
		goto out;
	size_t n = session_weeks(ctx, weeks);
	status = RK_OK;
	if (n == 0) {
		rk_planctx_infeasible_at(
			ctx, &rk_school_get_info(ctx->school)->year_loc,
			_("the school year has no weeks with sessions"));
		goto out;
	}
	if (rk_school_get_info(ctx->school)->programme_year >= 2)
		ctx->start_week = weeks[0];
	else
		status = opening(ctx, weeks, n, people, lk);
out:
	free(weeks);
	free(people);
	free(lk);
	return status;
}
