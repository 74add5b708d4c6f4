/* planctx.c - what the planner's steps share: the context they plan in,
 * the step order, and the helpers every step uses. */
#include "config.h"

#include "planctx.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cover.h"
#include "date.h"
#include "i18n.h"
#include "planner.h"

bool rk_planctx_away_in_week(const struct rk_planctx *ctx, const int *people,
			     int n, int week)
{
	int monday = rk_schoolyear_week(ctx->year, (size_t)week)->monday;
	for (int k = 0; k < n; k++)
		for (int d = 0; d < 5; d++)
			if (rk_busy_absent(ctx->busy, people[k], monday + d))
				return true;
	return false;
}

struct rk_mip_limits rk_planctx_limits(const struct rk_planctx *ctx)
{
	return (struct rk_mip_limits){ ctx->options->time_limit_ms,
				       ctx->options->node_limit };
}

enum rk_status rk_planctx_solve_only(const struct rk_planctx *ctx,
				     struct rk_mip *mip,
				     struct rk_mip_stats *stats)
{
	struct rk_mip_limits limits = rk_planctx_limits(ctx);
	return rk_mip_solve(mip, &limits, stats);
}

enum rk_status rk_planctx_report(struct rk_planctx *ctx, const char *model,
				 const struct rk_mip_stats *stats,
				 enum rk_mip_result *result)
{
	*result = stats->result;
	struct rk_solve_report r = {
		rk_plan_strdup(ctx->plan, model),
		(int)stats->result,
		stats->objective,
		stats->gap,
		stats->rows,
		stats->cols,
		stats->seconds,
		(int)stats->stop,
		stats->nodes,
	};
	if (!r.model)
		return RK_ERR_NOMEM;
	if (stats->result == RK_MIP_FAILED) {
		/* Not "the solver failed" alone: say which limit to raise. */
		if (stats->stop == RK_MIP_NODE_LIMIT)
			rk_diags_add(
				ctx->diags, RK_SEV_ERROR, NULL, 0, 0,
				_("model '%s': GLPK found no solution within the node limit (%ld subproblems); give a larger --node-limit"),
				model, stats->nodes);
		else if (stats->stop == RK_MIP_TIME_LIMIT)
			rk_diags_add(
				ctx->diags, RK_SEV_ERROR, NULL, 0, 0,
				_("model '%s': GLPK found no solution within the time limit; give a larger --time-limit"),
				model);
		return RK_ERR_SOLVER;
	}
	return rk_plan_add_report(ctx->plan, r);
}

enum rk_status rk_planctx_solve(struct rk_planctx *ctx, struct rk_mip *mip,
				const char *model, enum rk_mip_result *result)
{
	struct rk_mip_stats stats;
	if (ctx->options->model_hook)
		ctx->options->model_hook(mip, model,
					 (int)rk_plan_n_reports(ctx->plan) + 1,
					 ctx->options->hook_data);
	enum rk_status status = rk_planctx_solve_only(ctx, mip, &stats);
	if (status != RK_OK)
		return status;
	return rk_planctx_report(ctx, model, &stats, result);
}

const struct rk_plan *rk_planctx_base(const struct rk_planctx *ctx)
{
	return ctx->base ? ctx->base : ctx->plan;
}

static size_t said_slot(const size_t *keys, size_t cap, size_t key)
{
	uint64_t h = (uint64_t)key * UINT64_C(0x9E3779B97F4A7C15);
	size_t i = (size_t)(h ^ (h >> 32)) & (cap - 1);
	while (keys[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

static size_t said_key(const struct rk_planctx *ctx, int visitor, int host)
{
	return (size_t)visitor * rk_school_n_person(ctx->school) +
	       (size_t)host + 1;
}

unsigned rk_planctx_said(const struct rk_planctx *ctx, int visitor, int host)
{
	if (!ctx->said_cap)
		return 0;
	size_t i = said_slot(ctx->said_keys, ctx->said_cap,
			     said_key(ctx, visitor, host));
	return ctx->said_keys[i] ? ctx->said_bits[i] : 0;
}

/* Doubles the table (kept at most half full). */
static bool said_grow(struct rk_planctx *ctx)
{
	size_t cap = ctx->said_cap ? ctx->said_cap * 2 : 64;
	size_t *keys = calloc(cap, sizeof(*keys));
	unsigned char *bits = calloc(cap, 1);
	if (!keys || !bits) {
		free(keys);
		free(bits);
		return false;
	}
	for (size_t i = 0; i < ctx->said_cap; i++) {
		if (!ctx->said_keys[i])
			continue;
		size_t k = said_slot(keys, cap, ctx->said_keys[i]);
		keys[k] = ctx->said_keys[i];
		bits[k] = ctx->said_bits[i];
	}
	free(ctx->said_keys);
	free(ctx->said_bits);
	ctx->said_keys = keys;
	ctx->said_bits = bits;
	ctx->said_cap = cap;
	return true;
}

bool rk_planctx_say(struct rk_planctx *ctx, int visitor, int host, unsigned bit)
{
	if (2 * (ctx->said_n + 1) > ctx->said_cap && !said_grow(ctx))
		return true;
	size_t key = said_key(ctx, visitor, host);
	size_t i = said_slot(ctx->said_keys, ctx->said_cap, key);
	if (!ctx->said_keys[i]) {
		ctx->said_keys[i] = key;
		ctx->said_n++;
	}
	bool first = !(ctx->said_bits[i] & bit);
	ctx->said_bits[i] |= (unsigned char)bit;
	return first;
}

const char *rk_planctx_name(const struct rk_planctx *ctx, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(ctx->school, (size_t)person)
			    : NULL;
	if (!p)
		return "?";
	return p->name ? p->name : p->id;
}

static void infeasible_at(struct rk_planctx *ctx, const struct rk_loc *loc,
			  const char *fmt, va_list ap)
{
	rk_diags_vadd(ctx->diags, RK_SEV_ERROR, loc ? loc->file : NULL,
		      loc ? loc->line : 0, loc ? loc->column : 0, fmt, ap);
	ctx->infeasible++;
}

void rk_planctx_infeasible(struct rk_planctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	infeasible_at(ctx, NULL, fmt, ap);
	va_end(ap);
}

void rk_planctx_infeasible_at(struct rk_planctx *ctx, const struct rk_loc *loc,
			      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	infeasible_at(ctx, loc, fmt, ap);
	va_end(ap);
}

struct rk_event *rk_planctx_event(struct rk_planctx *ctx,
				  enum rk_event_kind kind, int group, int date,
				  int start, int end, const char *suffix_fmt,
				  ...)
{
	char suffix[256];
	va_list ap;
	va_start(ap, suffix_fmt);
	vsnprintf(suffix, sizeof(suffix), suffix_fmt, ap);
	va_end(ap);
	struct rk_event *ev = rk_plan_add_event(ctx->plan);
	if (!ev)
		return NULL;
	ev->id = rk_plan_printf(ctx->plan, "%s-%s-%s", ctx->sid,
				rk_event_kind_name(kind), suffix);
	ev->kind = kind;
	ev->date = date;
	ev->opens = date;
	ev->start = start;
	ev->end = end;
	ev->team = group >= 0 ? ctx->groups[group].team : -1;
	return ev->id ? ev : NULL;
}

int rk_planctx_attend(struct rk_planctx *ctx, struct rk_event *ev, int person,
		      enum rk_part_role role)
{
	/* Someone away (rebalancing) is not expected at anything. */
	if (rk_busy_absent(ctx->busy, person, ev->date))
		return 0;
	if (rk_event_add_part(ctx->plan, ev, person, role) < 0)
		return -1;
	/* An all-day event fills the day; a meting is a deadline only. */
	if (ev->kind != RK_EV_METING)
		rk_busy_book(ctx->busy, person, ev->date,
			     ev->start >= 0 ? ev->start : 0,
			     ev->start >= 0 ? ev->end : 24 * 60);
	return 0;
}

/* The first two school days after @date on which both @a and @b work: a
 * feedbackgesprek follows its lesbezoek within two of the duo's own
 * working days (part-timers in a duo job share only some days). */
int rk_planctx_next_days(const struct rk_planctx *ctx, int a, int b, int date,
			 int *out)
{
	int n = 0;
	for (int d = date + 1; d <= date + 21 && n < 2; d++) {
		const struct rk_day *day = rk_schoolyear_day(ctx->year, d);
		if (!day || !day->school_day ||
		    !rk_busy_works(ctx->busy, a, d) ||
		    !rk_busy_works(ctx->busy, b, d))
			continue;
		/* It counts as one of the two days, but a toetsweek holds no
		 * sessions. */
		if (ctx->session_week[day->week])
			out[n] = d;
		else
			out[n] = -1;
		n++;
	}
	return n;
}

size_t rk_planctx_staff(const struct rk_planctx *ctx, int *out)
{
	size_t n = 0;
	for (size_t i = 0; i < rk_school_n_person(ctx->school); i++)
		if (rk_school_get_person(ctx->school, i)->roles &
		    ~(unsigned)RK_ROLE_EXPERTCOACH)
			out[n++] = (int)i;
	return n;
}

size_t rk_planctx_teachers(const struct rk_planctx *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < rk_school_n_person(ctx->school); i++)
		n += (rk_school_get_person(ctx->school, i)->roles &
		      RK_ROLE_LERAAR) != 0;
	return n;
}

size_t rk_planctx_week_dates(const struct rk_planctx *ctx, int week, int *out)
{
	const struct rk_week *wk = rk_schoolyear_week(ctx->year, (size_t)week);
	size_t n = 0;
	for (int d = 0; wk && d < 5; d++) {
		const struct rk_day *day =
			rk_schoolyear_day(ctx->year, wk->monday + d);
		if (day && day->school_day)
			out[n++] = wk->monday + d;
	}
	return n;
}

size_t rk_planctx_start_times(const struct rk_planctx *ctx, int weekday,
			      int *out, size_t cap)
{
	return rk_school_start_times(ctx->school, weekday, out, cap);
}

#define MAX_STARTS  64
#define COST_ABSENT 100 /* per person who does not work that day */

struct choice {
	int date;
	int start;
	double cost;
	int col;
};

/* Whether everyone in @people who works on @date is free in [s, e); the
 * number who do not work then goes to @absent, their idle time to @idle. */
static bool everyone_free(const struct rk_planctx *ctx, const int *people,
			  size_t n, int date, int s, int e, int *absent,
			  long *idle)
{
	*absent = 0;
	*idle = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rk_busy_works(ctx->busy, people[i], date)) {
			(*absent)++;
			continue;
		}
		if (!rk_busy_is_free(ctx->busy, people[i], date, s, e))
			return false;
		*idle +=
			rk_busy_idle_cost(ctx->busy, people[i], date, s, e, 30);
	}
	return true;
}

static size_t moment_choices(const struct rk_planctx *ctx,
			     enum rk_event_kind kind, const int *people,
			     size_t n_people, const int *dates, size_t n_dates,
			     int minutes, struct choice *out, size_t cap)
{
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	size_t n = 0;
	int starts[MAX_STARTS];
	for (size_t k = 0; k < n_dates; k++) {
		int wd = rk_date_weekday(dates[k]);
		size_t ns = rk_planctx_start_times(ctx, wd, starts, MAX_STARTS);
		for (size_t i = 0; i < ns && n < cap; i++) {
			int s = starts[i], e = s + minutes, absent;
			long idle;
			/* The school's windows decide how late a session
			 * may run (a teamavond needs a window saying so). */
			if (!rk_settings_window_ok(st, (int)kind, wd, s, e) ||
			    !everyone_free(ctx, people, n_people, dates[k], s,
					   e, &absent, &idle))
				continue;
			double cost = COST_ABSENT * absent +
				      (double)idle / (double)(n_people + 1) +
				      (e > 17 * 60 ? (e - 17 * 60) : 0) + k;
			out[n++] = (struct choice){ dates[k], s, cost, -1 };
		}
	}
	return n;
}

enum rk_status rk_planctx_common_moment(struct rk_planctx *ctx,
					const char *model,
					enum rk_event_kind kind,
					const int *people, size_t n_people,
					const int *dates, size_t n_dates,
					int minutes, int *date, int *start)
{
	size_t cap = n_dates * MAX_STARTS + 1;
	struct choice *ch = calloc(cap, sizeof(*ch));
	struct rk_mip *mip = rk_mip_new(model);
	enum rk_status status = RK_ERR_NOMEM;
	if (!ch || !mip)
		goto out;
	size_t n = moment_choices(ctx, kind, people, n_people, dates, n_dates,
				  minutes, ch, cap);
	status = RK_ERR_INFEASIBLE;
	if (n == 0)
		goto out;
	status = RK_ERR_NOMEM;
	char name[64];
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "at_%d_%d", ch[i].date,
			 ch[i].start);
		ch[i].col = rk_mip_add_binary(mip, name, ch[i].cost);
		if (ch[i].col < 0)
			goto out;
	}
	if (rk_mip_add_row(mip, "one", RK_MIP_EQ, 1.0) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (rk_mip_term(mip, ch[i].col, 1.0) != RK_OK)
			goto out;
	enum rk_mip_result result;
	status = rk_planctx_solve(ctx, mip, model, &result);
	if (status != RK_OK)
		goto out;
	status = RK_ERR_INFEASIBLE;
	for (size_t i = 0; i < n; i++) {
		if (rk_mip_chosen(mip, ch[i].col)) {
			*date = ch[i].date;
			*start = ch[i].start;
			status = RK_OK;
		}
	}
out:
	rk_mip_free(mip);
	free(ch);
	return status;
}

/* Weeks with school days, minus toetsweken when the school avoids them. */
static enum rk_status mark_session_weeks(struct rk_planctx *ctx)
{
	size_t n = rk_schoolyear_n_weeks(ctx->year);
	bool avoid = rk_school_get_settings(ctx->school)->avoid_toetsweken;
	ctx->session_week = calloc(n + 1, sizeof(bool));
	if (!ctx->session_week)
		return RK_ERR_NOMEM;
	for (size_t w = 0; w < n; w++) {
		const struct rk_week *wk = rk_schoolyear_week(ctx->year, w);
		ctx->session_week[w] =
			wk->teaching && !(avoid && wk->toetsweek);
	}
	return RK_OK;
}

static enum rk_status add_group(struct rk_planctx *ctx, const struct rk_team *t,
				int team)
{
	struct rk_group *g = &ctx->groups[ctx->n_groups++];
	g->team = team;
	g->id = team >= 0 ? t->id : "leerkracht-team";
	g->name = team >= 0 ? rk_plan_printf(ctx->plan, "%s",
					     t->name ? t->name : t->id)
			    : "leerKRACHT-team";
	g->members = rk_plan_alloc(ctx->plan, t->n_members + 1, sizeof(int));
	g->first_week = -1;
	if (!g->members || !g->name)
		return RK_ERR_NOMEM;
	for (size_t m = 0; m < t->n_members; m++)
		if (t->members[m].index >= 0)
			g->members[g->n++] = t->members[m].index;
	return RK_OK;
}

static enum rk_status make_groups(struct rk_planctx *ctx)
{
	size_t n = rk_school_n_team(ctx->school);
	ctx->groups = calloc(n + 1, sizeof(*ctx->groups));
	if (!ctx->groups)
		return RK_ERR_NOMEM;
	for (size_t t = 0; t < n; t++)
		if (add_group(ctx, rk_school_get_team(ctx->school, t),
			      (int)t) != RK_OK)
			return RK_ERR_NOMEM;
	const struct rk_team *lk = rk_school_get_lkteam(ctx->school);
	if (lk->n_members && add_group(ctx, lk, -1) != RK_OK)
		return RK_ERR_NOMEM;
	return RK_OK;
}

static enum rk_status run_steps(struct rk_planctx *ctx)
{
	/* The order and what each step adds: planctx.h, above rk_step_*. */
	static enum rk_status (*const steps[])(struct rk_planctx *) = {
		rk_step_externals, rk_step_phases,     rk_step_periods,
		rk_step_moments,   rk_step_weekly,     rk_step_duos,
		rk_step_sessions,  rk_step_team_order, rk_step_metingen,
		rk_step_bound,
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		enum rk_status status = steps[i](ctx);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

bool rk_planctx_open(const struct rk_planctx *ctx, int date)
{
	return !ctx->prev || date >= ctx->from;
}

bool rk_planctx_frozen(const struct rk_planctx *ctx, int group)
{
	return ctx->frozen && group >= 0 && (size_t)group < ctx->n_groups &&
	       ctx->frozen[group];
}

bool rk_planctx_held(const struct rk_planctx *ctx, int group)
{
	return ctx->held && group >= 0 && (size_t)group < ctx->n_groups &&
	       ctx->held[group];
}

static int cmp_id_key(const void *key, const void *item)
{
	const struct rk_event *const *ev = item;
	return strcmp(key, (*ev)->id);
}

const struct rk_event *rk_planctx_prev_event(const struct rk_planctx *ctx,
					     const char *id)
{
	if (!ctx->prev || !ctx->prev_by_id)
		return NULL;
	const struct rk_event *const *hit =
		bsearch(id, ctx->prev_by_id, rk_plan_n_events(ctx->prev),
			sizeof(*ctx->prev_by_id), cmp_id_key);
	return hit ? *hit : NULL;
}

void rk_planctx_duo_suffix(const struct rk_planctx *ctx, const char *group,
			   int period, int round, const int *people, size_t n,
			   char *buf, size_t size)
{
	const char *id[3] = { "", "", "" };
	for (size_t i = 0; i < n && i < 3; i++)
		id[i] = rk_school_get_person(ctx->school, (size_t)people[i])
				->id;
	snprintf(buf, size, "%s-p%d-r%d-%s-%s%s%s", group, period, round, id[0],
		 id[1], n == 3 ? "-" : "", id[2]);
}

const struct rk_event *rk_planctx_prev_of(const struct rk_planctx *ctx,
					  enum rk_event_kind kind,
					  const char *suffix)
{
	if (!ctx->prev)
		return NULL;
	char id[512];
	snprintf(id, sizeof(id), "%s-%s-%s", ctx->sid, rk_event_kind_name(kind),
		 suffix);
	return rk_planctx_prev_event(ctx, id);
}

bool rk_planctx_kept(const struct rk_planctx *ctx, const struct rk_event *old)
{
	if (!ctx->prev || !ctx->kept || !old || !rk_plan_n_events(ctx->prev))
		return false;
	const struct rk_event *first = rk_plan_event(ctx->prev, 0);
	size_t n = rk_plan_n_events(ctx->prev);
	return old >= first && old < first + n && ctx->kept[old - first];
}

enum rk_status rk_planctx_init(struct rk_planctx *ctx,
			       const struct rk_school *school,
			       const struct rk_schoolyear *year,
			       const struct rk_plan_options *options,
			       struct rk_diags *diags)
{
	static const struct rk_plan_options defaults = { 0 };
	*ctx = (struct rk_planctx){
		.school = school,
		.year = year,
		.options = options ? options : &defaults,
		.diags = diags,
		.sid = rk_school_get_info(school)->id,
		.start_week = -1,
		.from_week = -1,
	};
	if (!ctx->sid)
		ctx->sid = "school";
	ctx->plan = rk_plan_new();
	if (!ctx->plan || rk_busy_new(school, year, &ctx->busy) != RK_OK ||
	    mark_session_weeks(ctx) != RK_OK || make_groups(ctx) != RK_OK)
		return RK_ERR_NOMEM;
	return RK_OK;
}

void rk_planctx_release(struct rk_planctx *ctx)
{
	rk_plan_free(ctx->plan);
	rk_busy_free(ctx->busy);
	free(ctx->session_week);
	free(ctx->groups);
	free(ctx->said_keys);
	free(ctx->said_bits);
	free(ctx->frozen);
	free(ctx->held);
	free(ctx->prev_by_id);
	free(ctx->kept);
	ctx->kept = NULL;
	ctx->frozen = NULL;
	ctx->held = NULL;
	ctx->prev_by_id = NULL;
	ctx->plan = NULL;
	ctx->busy = NULL;
	ctx->session_week = NULL;
	ctx->groups = NULL;
	ctx->said_keys = NULL;
	ctx->said_bits = NULL;
	ctx->said_n = ctx->said_cap = 0;
}

enum rk_status rk_planctx_finish(struct rk_planctx *ctx, enum rk_status status,
				 struct rk_plan **out)
{
	/* A failed run hands over nothing; a plan that breaks a hard rule
	 * only when asked for. */
	bool ran = status == RK_OK;
	if (ran && ctx->infeasible)
		status = RK_ERR_INFEASIBLE;
	if (ran && (!ctx->infeasible || ctx->options->allow_violations)) {
		*out = ctx->plan;
		ctx->plan = NULL;
	}
	rk_planctx_release(ctx);
	return status;
}

enum rk_status rk_planctx_run(struct rk_planctx *ctx)
{
	return run_steps(ctx);
}

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

/* rk_planctx_can_visit's host side: lesson @l of @host is held on @date
 * (its times into *start and *end) and the host is there to give it. */
static bool host_gives(const struct rk_planctx *ctx, int host,
		       const struct rk_lesson *l, int date, int *start,
		       int *end)
{
	/* A host who is away or at a session gives no lesson to visit. */
	return rk_schoolyear_lesson_times(ctx->year, l, date, start, end) &&
	       !rk_busy_absent(ctx->busy, host, date) &&
	       !rk_busy_booked(ctx->busy, host, date, *start, *end);
}

/* Calls @fn with each lesson of @host in the weeks of @p with sessions
 * and its date there, until @fn returns false; whether it never did. */
static bool each_lesson_in(
	const struct rk_planctx *ctx, const struct rk_period *p, int host,
	bool (*fn)(void *data, const struct rk_lesson *l, int date), void *data)
{
	size_t n;
	const int *idx = rk_busy_lessons(ctx->busy, host, &n);
	for (int w = p->first_week; w <= p->last_week; w++) {
		if (!ctx->session_week[w])
			continue;
		int monday = rk_schoolyear_week(ctx->year, (size_t)w)->monday;
		for (size_t k = 0; k < n; k++) {
			const struct rk_lesson *l = rk_school_get_lesson(
				ctx->school, (size_t)idx[k]);
			if (!fn(data, l, monday + l->weekday))
				return false;
		}
	}
	return true;
}

struct chances {
	const struct rk_planctx *ctx;
	int visitor, host, count;
	struct rk_vec *slots; /* rk_planctx_host_slots */
};

static bool count_chance(void *data, const struct rk_lesson *l, int date)
{
	struct chances *c = data;
	int start, end;
	c->count += rk_planctx_can_visit(c->ctx, c->visitor, c->host, l, date,
					 &start, &end, NULL);
	return true;
}

int rk_planctx_visit_chances(const struct rk_planctx *ctx,
			     const struct rk_period *p, int visitor, int host)
{
	struct chances c = { ctx, visitor, host, 0, NULL };
	each_lesson_in(ctx, p, host, count_chance, &c);
	return c.count;
}

static bool add_slot(void *data, const struct rk_lesson *l, int date)
{
	struct chances *c = data;
	int start, end;
	if (!host_gives(c->ctx, c->host, l, date, &start, &end))
		return true;
	struct rk_visit_slot *s = rk_vec_push(c->slots, sizeof(*s));
	if (s)
		*s = (struct rk_visit_slot){ date, start, end };
	return s != NULL;
}

enum rk_status rk_planctx_host_slots(const struct rk_planctx *ctx,
				     const struct rk_period *p, int host,
				     struct rk_vec *out)
{
	struct chances c = { ctx, -1, host, 0, out };
	return each_lesson_in(ctx, p, host, add_slot, &c) ? RK_OK
							  : RK_ERR_NOMEM;
}

int rk_planctx_visit_count(const struct rk_planctx *ctx,
			   const struct rk_visit_slot *slots, size_t n,
			   int visitor, int host)
{
	int count = 0;
	if (rk_school_n_cover(ctx->school) > 0) {
		for (size_t i = 0; i < n; i++)
			count += rk_cover_visit_ok(
				ctx, visitor, host, slots[i].date,
				slots[i].start, slots[i].end, NULL);
		return count;
	}
	/* Without cover people rk_cover_visit_ok is rk_busy_is_free. The
	 * duo step counts this for every pair of a team in every period
	 * (4.6% of vo:300:2's instructions): the slots come day by day, so
	 * the visitor's day is looked up once for all its lessons. */
	struct rk_busy_day day = { .date = -1 };
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || slots[i].date != day.date)
			rk_busy_day_of(ctx->busy, visitor, slots[i].date, &day);
		count += rk_busy_day_free(&day, slots[i].start, slots[i].end);
	}
	return count;
}

bool rk_planctx_can_visit(const struct rk_planctx *ctx, int visitor, int host,
			  const struct rk_lesson *l, int date, int *start,
			  int *end, bool *needs_cover)
{
	if (needs_cover)
		*needs_cover = false;
	return host_gives(ctx, host, l, date, start, end) &&
	       rk_cover_visit_ok(ctx, visitor, host, date, *start, *end,
				 needs_cover);
}
