/* explain.c - infeasibility named by its cause: the fewest people whose
 * timetables together leave no moment (a minimum set cover, by GLPK), and
 * the lesuren that, freed, would open one. */
#include "config.h"

#include "explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

#define MAX_STARTS  64
#define MAX_DATES   60
#define FIXES_SHOWN 4 /* per person; the rest are counted */
/* The cover model is small; these are caps. */
static const struct rk_mip_limits cover_limits = { 5000, 1000 };

/* Appends to @buf as snprintf would, never past @size. */
static void append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	if (len + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

enum rk_status rk_explain_cover(const bool *blocks, size_t n_cands,
				size_t n_people, bool *chosen, size_t *n_chosen)
{
	memset(chosen, 0, n_people * sizeof(*chosen));
	*n_chosen = 0;
	for (size_t c = 0; c < n_cands; c++) {
		bool any = false;
		for (size_t p = 0; p < n_people && !any; p++)
			any = blocks[c * n_people + p];
		if (!any)
			return RK_ERR_INFEASIBLE;
	}
	struct rk_mip *mip = rk_mip_new("explain");
	int *col = malloc((n_people + 1) * sizeof(*col));
	enum rk_status status = RK_ERR_NOMEM;
	if (!mip || !col)
		goto out;
	char name[48];
	/* One person costs 1; a tiny extra per position makes the answer
	 * among equally small sets the one with the earlier people. */
	double eps = 1.0 / (double)(n_people * n_people + 1);
	for (size_t p = 0; p < n_people; p++) {
		snprintf(name, sizeof(name), "person_%zu", p);
		col[p] = rk_mip_add_binary(mip, name, 1.0 + eps * (double)p);
		if (col[p] < 0)
			goto out;
	}
	for (size_t c = 0; c < n_cands; c++) {
		snprintf(name, sizeof(name), "blocked_%zu", c);
		if (rk_mip_add_row(mip, name, RK_MIP_GE, 1.0) < 0)
			goto out;
		for (size_t p = 0; p < n_people; p++)
			if (blocks[c * n_people + p] &&
			    rk_mip_term(mip, col[p], 1.0) != RK_OK)
				goto out;
	}
	struct rk_mip_stats stats;
	status = rk_mip_solve(mip, &cover_limits, &stats);
	if (status == RK_OK && stats.result != RK_MIP_OPTIMAL &&
	    stats.result != RK_MIP_FEASIBLE)
		status = RK_ERR_SOLVER;
	for (size_t p = 0; status == RK_OK && p < n_people; p++) {
		chosen[p] = rk_mip_chosen(mip, col[p]);
		*n_chosen += chosen[p];
	}
out:
	rk_mip_free(mip);
	free(col);
	return status;
}

/* "di 3e uur (4H2)", or "di 08:00-09:00 (4H2)" for a lesson off the grid;
 * " in A-weeks" when it is not every week. */
static void lesson_text(const struct rk_lesson *l, char *buf, size_t size)
{
	char from[RK_TIME_BUFSIZE], to[RK_TIME_BUFSIZE];
	if (l->lesuur > 0) {
		snprintf(buf, size, "%s %de uur", rk_weekday_abbr(l->weekday),
			 l->lesuur);
	} else {
		rk_time_format(l->start, from);
		rk_time_format(l->end, to);
		snprintf(buf, size, "%s %s-%s", rk_weekday_abbr(l->weekday),
			 from, to);
	}
	if (l->group)
		append(buf, size, " (%s)", l->group);
	if (l->week != RK_AB_BOTH)
		append(buf, size, _(" in %s-weeks"),
		       l->week == RK_AB_A ? "A" : "B");
}

/* The lessons of @person overlapping [s, e) that take place on one of
 * @dates, into @buf joined by " + " (all must go to free the time). */
static size_t lessons_at(const struct rk_planctx *ctx, int person,
			 const int *dates, size_t n_dates, int s, int e,
			 char *buf, size_t size)
{
	size_t n, found = 0;
	const int *idx = rk_busy_lessons(ctx->busy, person, &n);
	buf[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(ctx->school, (size_t)idx[k]);
		bool on = false;
		for (size_t d = 0; d < n_dates && !on; d++) {
			int ls, le;
			on = rk_schoolyear_lesson_times(ctx->year, l, dates[d],
							&ls, &le) &&
			     ls < e && le > s;
		}
		if (!on)
			continue;
		char text[96];
		lesson_text(l, text, sizeof(text));
		append(buf, size, "%s%s", found ? " + " : "", text);
		found++;
	}
	return found;
}

/* "Anna Bakker", "Anna Bakker and Bram de Boer", "A, B and C". */
static void names(const struct rk_planctx *ctx, const int *people,
		  const bool *chosen, size_t n, size_t n_chosen, char *buf,
		  size_t size)
{
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		append(buf, size, "%s%s",
		       k == 0		   ? ""
		       : k + 1 == n_chosen ? _(" and ")
					   : ", ",
		       rk_planctx_name(ctx, people[i]));
		k++;
	}
}

/* One weekly moment the group could hold: a weekday and a start, or (for
 * a school-wide session) a date and a start. */
struct slot {
	int weekday;
	int date; /* -1: every meeting date of the weekday */
	int start;
	int end;
};

/* What to free so that only this person stood in the way: per person, the
 * slots they alone block, said as the lessons to free. */
static void fixes(const struct rk_planctx *ctx, const int *people, size_t n,
		  const bool *chosen, const bool *blocks, const struct slot *sl,
		  size_t n_slots,
		  const int *(*dates_of)(const void *, int, size_t *),
		  const void *data, char *buf, size_t size)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		size_t shown = 0, more = 0;
		char last[512] = "";
		for (size_t c = 0; c < n_slots; c++) {
			size_t others = 0;
			for (size_t k = 0; k < n; k++)
				others += k != i && blocks[c * n + k];
			if (others || !blocks[c * n + i])
				continue;
			size_t nd;
			const int *dates = dates_of(data, (int)c, &nd);
			char what[512];
			if (!lessons_at(ctx, people[i], dates, nd, sl[c].start,
					sl[c].end, what, sizeof(what)) ||
			    !strcmp(what, last))
				continue;
			snprintf(last, sizeof(last), "%s", what);
			if (shown == FIXES_SHOWN) {
				more++;
				continue;
			}
			append(buf, size, "%s%s%s",
			       shown ? ", "
			       : any ? _("; for ")
				     : _(" To open a moment, free one of these lesuren: for "),
			       shown ? "" : rk_planctx_name(ctx, people[i]),
			       shown ? "" : " ");
			append(buf, size, "%s", what);
			shown++;
		}
		if (more)
			append(buf, size, _(" (or one of %zu more)"), more);
		any |= shown > 0;
	}
	append(buf, size, "%s",
	       any ? "."
		   : _(" No single lesuur opens a moment: at least two of them must change."));
}

/* --- the weekly moment of a group ------------------------------------ */

struct moment_data {
	const struct rk_planctx *ctx;
	const struct slot *slots;
	int dates[5][MAX_DATES];
	size_t n_dates[5];
};

static const int *moment_dates(const void *data, int c, size_t *n)
{
	const struct moment_data *md = data;
	int wd = md->slots[c].weekday;
	*n = md->n_dates[wd];
	return md->dates[wd];
}

static void meeting_dates(const struct rk_planctx *ctx,
			  const struct rk_group *g, struct moment_data *md)
{
	for (int d = 0; d < 5; d++) {
		md->n_dates[d] = 0;
		for (size_t w = (size_t)(g->first_week > 0 ? g->first_week : 0);
		     w < rk_schoolyear_n_weeks(ctx->year) &&
		     md->n_dates[d] < MAX_DATES;
		     w++) {
			if (!ctx->session_week[w])
				continue;
			int date = rk_schoolyear_week(ctx->year, w)->monday + d;
			const struct rk_day *day =
				rk_schoolyear_day(ctx->year, date);
			if (day && day->school_day &&
			    rk_planctx_open(ctx, date))
				md->dates[d][md->n_dates[d]++] = date;
		}
	}
}

/* Whether @person stands in the way of a moment in [s, e) on weekday @d. */
static bool blocks_moment(const struct rk_planctx *ctx, int person, int d,
			  const int *dates, size_t n, int s, int e)
{
	const struct rk_person *p =
		rk_school_get_person(ctx->school, (size_t)person);
	if (!(p->workdays & (1u << d)))
		return true;
	for (size_t k = 0; k < n; k++) {
		if (rk_busy_absent(ctx->busy, person, dates[k]))
			continue;
		if (!rk_busy_works(ctx->busy, person, dates[k]) ||
		    rk_busy_teaching(ctx->busy, person, dates[k], s, e))
			return true;
	}
	return false;
}

/* The moments a group of kind @kind may have: inside the school's
 * windows for it (rk_settings_window_ok). */
static size_t moment_slots(const struct rk_planctx *ctx, int length, int kind,
			   struct slot *out, size_t cap)
{
	const struct rk_settings *st = rk_school_get_settings(ctx->school);
	size_t n = 0;
	int starts[MAX_STARTS];
	for (int d = 0; d < 5; d++) {
		size_t ns = rk_planctx_start_times(ctx, d, starts, MAX_STARTS);
		for (size_t i = 0; i < ns && n < cap; i++)
			if (rk_settings_window_ok(st, kind, d, starts[i],
						  starts[i] + length))
				out[n++] = (struct slot){ d, -1, starts[i],
							  starts[i] + length };
	}
	return n;
}

/* The days the chosen people do not work, said once each. */
static void days_off(const struct rk_planctx *ctx, const int *people,
		     const bool *chosen, size_t n, char *buf, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		unsigned work =
			rk_school_get_person(ctx->school, (size_t)people[i])
				->workdays;
		char off[96] = "";
		int n_off = 0, k = 0;
		for (int d = 0; d < 5; d++)
			n_off += !(work & (1u << d));
		for (int d = 0; d < 5; d++) {
			if (work & (1u << d))
				continue;
			k++;
			append(off, sizeof(off), "%s%s",
			       k == 1	    ? ""
			       : k == n_off ? _(" and ")
					    : ", ",
			       rk_weekday_name(d));
		}
		if (off[0])
			append(buf, size, _(" %s does not work on %s."),
			       rk_planctx_name(ctx, people[i]), off);
	}
}

void rk_explain_no_moment(struct rk_planctx *ctx, int gi, int length)
{
	const struct rk_group *g = &ctx->groups[gi];
	struct slot slots[5 * MAX_STARTS];
	int kind = g->team < 0 ? RK_EV_LKTEAM : RK_EV_BORDSESSIE;
	size_t n_slots = moment_slots(ctx, length, kind, slots,
				      sizeof(slots) / sizeof(slots[0]));
	struct moment_data *md = calloc(1, sizeof(*md));
	bool *blocks = calloc(n_slots * g->n + 1, sizeof(*blocks));
	bool *chosen = calloc(g->n + 1, sizeof(*chosen));
	char *text = malloc(4096);
	size_t n_chosen = 0;
	if (!md || !blocks || !chosen || !text) {
		ctx->infeasible++;
		goto out;
	}
	md->ctx = ctx;
	md->slots = slots;
	meeting_dates(ctx, g, md);
	for (size_t c = 0; c < n_slots; c++) {
		int d = slots[c].weekday;
		for (size_t m = 0; m < g->n; m++)
			blocks[c * g->n + m] = blocks_moment(
				ctx, g->members[m], d, md->dates[d],
				md->n_dates[d], slots[c].start, slots[c].end);
	}
	/* The leerKRACHT-team's moment is said at its key (or window). */
	const struct rk_loc *loc =
		g->team < 0 ? rk_explain_loc(ctx, kind) : NULL;
	if (n_slots == 0 || rk_explain_cover(blocks, n_slots, g->n, chosen,
					     &n_chosen) != RK_OK) {
		rk_planctx_infeasible_at(
			ctx, loc,
			_("%s: no time in the grid for a %d-minute bordsessie"),
			g->name, length);
		goto out;
	}
	char who[1024];
	names(ctx, g->members, chosen, g->n, n_chosen, who, sizeof(who));
	snprintf(
		text, 4096,
		_("%s: no %d-minute weekly moment when all %zu members are free: %s %s a lesson or a day off at every possible moment"),
		g->name, length, g->n, who,
		n_chosen > 1 ? _("have") : _("has"));
	if (n_chosen < g->n)
		append(text, 4096, _(" (the other %zu %s not in the way)"),
		       g->n - n_chosen,
		       g->n - n_chosen > 1 ? _("are") : _("is"));
	append(text, 4096, ".");
	days_off(ctx, g->members, chosen, g->n, text, 4096);
	fixes(ctx, g->members, g->n, chosen, blocks, slots, n_slots,
	      moment_dates, md, text, 4096);
	rk_planctx_infeasible_at(ctx, loc, "%s", text);
out:
	free(md);
	free(blocks);
	free(chosen);
	free(text);
}

/* --- the verbindingssessie of the whole school ------------------------ */

struct day_data {
	const struct slot *slots;
};

static const int *slot_date(const void *data, int c, size_t *n)
{
	const struct day_data *dd = data;
	*n = 1;
	return &dd->slots[c].date;
}

static const struct rk_event *session_in(const struct rk_plan *plan, int person,
					 int date, int s, int e)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (ev->date != date || ev->kind == RK_EV_METING ||
		    (ev->start >= 0 && (ev->start >= e || ev->end <= s)))
			continue;
		for (size_t k = 0; k < ev->n_parts; k++)
			if (ev->parts[k].person == person)
				return ev;
	}
	return NULL;
}

/* A leerKRACHT event of @person on @date overlapping [s, e), or NULL. In a
 * worker the steps before come first, then what the worker planned: the
 * order of the plan of one thread. */
static const struct rk_event *session_at(const struct rk_planctx *ctx,
					 int person, int date, int s, int e)
{
	const struct rk_event *ev =
		session_in(rk_planctx_base(ctx), person, date, s, e);
	if (!ev && ctx->base)
		ev = session_in(ctx->plan, person, date, s, e);
	return ev;
}

/* Sessions that stand in the way of the chosen people, said once each. */
static void sessions_in_way(const struct rk_planctx *ctx, const int *people,
			    const bool *chosen, size_t n, const bool *blocks,
			    const struct slot *sl, size_t n_slots, char *buf,
			    size_t size)
{
	for (size_t i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		const char *last = NULL;
		for (size_t c = 0; c < n_slots; c++) {
			if (!blocks[c * n + i])
				continue;
			const struct rk_event *ev =
				session_at(ctx, people[i], sl[c].date,
					   sl[c].start, sl[c].end);
			if (!ev || !ev->title ||
			    (last && !strcmp(last, ev->title)))
				continue;
			last = ev->title;
			append(buf, size, _(" %s has %s then."),
			       rk_planctx_name(ctx, people[i]), ev->title);
		}
	}
}

/* How a school-wide failure is said: "{}" in @head takes the merged list
 * of @item ("verbindingssessie of {}", "periods"). */
struct wording {
	const char *head;
	const char *one;
	const char *many;
	const char *who; /* "staff", "people" */
	char item[16];
	int kind; /* enum rk_event_kind: where it is said (rk_explain_loc) */
};

static size_t wide_slots(const struct rk_planctx *ctx, const int *dates,
			 size_t n_dates, int minutes, struct slot *slots)
{
	size_t n_slots = 0;
	int starts[MAX_STARTS];
	for (size_t k = 0; k < n_dates; k++) {
		int wd = rk_date_weekday(dates[k]);
		size_t ns = rk_planctx_start_times(ctx, wd, starts, MAX_STARTS);
		for (size_t i = 0; i < ns; i++)
			if (starts[i] + minutes <= 19 * 60)
				slots[n_slots++] =
					(struct slot){ wd, dates[k], starts[i],
						       starts[i] + minutes };
	}
	return n_slots;
}

/* No @minutes-long moment on @dates for everyone of @people who works
 * that day (rk_planctx_common_moment): the fewest who block every one. */
static void school_wide(struct rk_planctx *ctx, const struct wording *w,
			const int *people, size_t n_people, const int *dates,
			size_t n_dates, int minutes)
{
	struct slot *slots = calloc(n_dates * MAX_STARTS + 1, sizeof(*slots));
	size_t n_slots =
		slots ? wide_slots(ctx, dates, n_dates, minutes, slots) : 0;
	bool *blocks = calloc(n_slots * n_people + 1, sizeof(*blocks));
	bool *chosen = calloc(n_people + 1, sizeof(*chosen));
	char *text = malloc(4096);
	size_t n_chosen = 0;
	ctx->infeasible++;
	if (!slots || !blocks || !chosen || !text)
		goto out;
	for (size_t c = 0; c < n_slots; c++)
		for (size_t p = 0; p < n_people; p++)
			blocks[c * n_people + p] =
				rk_busy_works(ctx->busy, people[p],
					      slots[c].date) &&
				!rk_busy_is_free(ctx->busy, people[p],
						 slots[c].date, slots[c].start,
						 slots[c].end);
	enum rk_status cover =
		n_slots ? rk_explain_cover(blocks, n_slots, n_people, chosen,
					   &n_chosen)
			: RK_ERR_INFEASIBLE;
	if (n_slots && cover == RK_ERR_INFEASIBLE) {
		/* A moment that blocks no one was there, so what kept the
		 * session out was the windows, which the slots ignore. */
		snprintf(
			text, 4096,
			_("no %d-minute moment inside the windows (ritmiek.windows): all who work that day are free only outside them"),
			minutes);
	} else if (cover != RK_OK) {
		snprintf(text, 4096, _("no time in the grid for %d minutes"),
			 minutes);
	} else {
		char who[1024];
		names(ctx, people, chosen, n_people, n_chosen, who,
		      sizeof(who));
		snprintf(
			text, 4096,
			_("no %d-minute moment in its week when all %zu %s who work that day are free: %s %s a lesson or another session at every possible moment"),
			minutes, n_people, _(w->who), who,
			n_chosen > 1 ? _("have") : _("has"));
		if (n_chosen < n_people)
			append(text, 4096,
			       _(" (the other %zu %s not in the way)"),
			       n_people - n_chosen,
			       n_people - n_chosen > 1 ? _("are") : _("is"));
		append(text, 4096, ".");
		sessions_in_way(ctx, people, chosen, n_people, blocks, slots,
				n_slots, text, 4096);
		struct day_data dd = { slots };
		fixes(ctx, people, n_people, chosen, blocks, slots, n_slots,
		      slot_date, &dd, text, 4096);
	}
	const struct rk_loc *loc = rk_explain_loc(ctx, w->kind);
	rk_diags_add_merged_at(ctx->diags, RK_SEV_ERROR, loc->file, loc->line,
			       loc->column, w->one, w->many, w->item, "%s: %s",
			       _(w->head), text);
out:
	free(slots);
	free(blocks);
	free(chosen);
	free(text);
}

void rk_explain_no_verbinding(struct rk_planctx *ctx, int period,
			      const int *people, size_t n_people,
			      const int *dates, size_t n_dates, int minutes)
{
	struct wording w = { N_("verbindingssessie of {}"),
			     N_("period"),
			     N_("periods"),
			     N_("staff"),
			     "",
			     RK_EV_VERBINDING };
	snprintf(w.item, sizeof(w.item), "%d", period);
	school_wide(ctx, &w, people, n_people, dates, n_dates, minutes);
}

void rk_explain_no_common_moment(struct rk_planctx *ctx, int kind,
				 const char *what, const int *people,
				 size_t n_people, const int *dates,
				 size_t n_dates, int minutes)
{
	char head[160];
	snprintf(head, sizeof(head), _("%s in {}"), what);
	struct wording w = { head,	   N_("week"), N_("weeks"),
			     N_("people"), "",	       kind };
	const struct rk_day *day =
		n_dates ? rk_schoolyear_day(ctx->year, dates[0]) : NULL;
	const struct rk_week *wk =
		day ? rk_schoolyear_week(ctx->year, (size_t)day->week) : NULL;
	snprintf(w.item, sizeof(w.item), "%d", wk ? wk->iso_week : 0);
	school_wide(ctx, &w, people, n_people, dates, n_dates, minutes);
}

const struct rk_loc *rk_explain_loc(const struct rk_planctx *ctx, int kind)
{
	const struct rk_loc *loc = rk_settings_window_loc(
		rk_school_get_settings(ctx->school), kind);
	if (loc)
		return loc;
	if (kind == RK_EV_LKTEAM || kind == RK_EV_STARTFASE ||
	    kind == RK_EV_BOOTCAMP)
		return &rk_school_get_lkteam(ctx->school)->loc;
	return &rk_school_get_info(ctx->school)->loc;
}

/* --- lesbezoek ------------------------------------------------------- */

void rk_explain_visit_fix(const struct rk_planctx *ctx, int visitor, int host,
			  char *buf, size_t size)
{
	size_t n_host, n_vis, shown = 0, more = 0;
	const int *hl = rk_busy_lessons(ctx->busy, host, &n_host);
	const int *vl = rk_busy_lessons(ctx->busy, visitor, &n_vis);
	unsigned work =
		rk_school_get_person(ctx->school, (size_t)visitor)->workdays;
	for (size_t i = 0; i < n_host; i++) {
		const struct rk_lesson *h =
			rk_school_get_lesson(ctx->school, (size_t)hl[i]);
		if (!(work & (1u << h->weekday)))
			continue;
		char what[256] = "", ht[96];
		for (size_t k = 0; k < n_vis; k++) {
			const struct rk_lesson *v = rk_school_get_lesson(
				ctx->school, (size_t)vl[k]);
			if (v->weekday != h->weekday || v->start >= h->end ||
			    v->end <= h->start ||
			    (v->week && h->week && v->week != h->week))
				continue;
			char vt[96];
			lesson_text(v, vt, sizeof(vt));
			append(what, sizeof(what), "%s%s", what[0] ? " + " : "",
			       vt);
		}
		if (!what[0])
			continue;
		if (shown == FIXES_SHOWN) {
			more++;
			continue;
		}
		lesson_text(h, ht, sizeof(ht));
		if (shown)
			append(buf, size, "; ");
		else
			append(buf, size,
			       _(". To fix it, free one of these lesuren for %s: "),
			       rk_planctx_name(ctx, visitor));
		append(buf, size, _("%s (to sit in %s)"), what, ht);
		shown++;
	}
	if (more)
		append(buf, size, _(" (or one of %zu more)"), more);
	if (n_host == 0)
		append(buf, size, _(". %s has no lessons in the timetable"),
		       rk_planctx_name(ctx, host));
	unsigned off = 0;
	for (size_t i = 0; i < n_host; i++) {
		const struct rk_lesson *h =
			rk_school_get_lesson(ctx->school, (size_t)hl[i]);
		off |= (work & (1u << h->weekday)) ? 0 : 1u << h->weekday;
	}
	for (int d = 0; d < 5; d++)
		if (off & (1u << d))
			append(buf, size, _("%slet %s work on %s"),
			       shown++ ? _("; or ") : _(". To fix it, "),
			       rk_planctx_name(ctx, visitor),
			       rk_weekday_name(d));
}

void rk_explain_in_week(struct rk_planctx *ctx, int week, const char *fmt, ...)
{
	char text[2048], item[16];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	const struct rk_week *w = rk_schoolyear_week(ctx->year, (size_t)week);
	snprintf(item, sizeof(item), "%d", w ? w->iso_week : week + 1);
	rk_diags_add_merged(ctx->diags, RK_SEV_ERROR, N_("week"), N_("weeks"),
			    item, "%s", text);
	ctx->infeasible++;
}
