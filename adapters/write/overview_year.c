#include "config.h"

#include "overview_year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "event_words.h"
#include "html.h"

#define KIND(k) (1u << (k))
/* Marked in the row of the whole school. */
static const unsigned school_kinds =
	KIND(RK_EV_DRAAGVLAKSESSIE) | KIND(RK_EV_STARTDAG) |
	KIND(RK_EV_BOOTCAMP) | KIND(RK_EV_VERBINDING) | KIND(RK_EV_METING);
/* Marked in the row of the leerKRACHT-team. */
static const unsigned lkteam_kinds =
	KIND(RK_EV_STARTFASE) | KIND(RK_EV_FORUM) | KIND(RK_EV_WEBINAR) |
	KIND(RK_EV_BEDRIJFSBEZOEK) | KIND(RK_EV_EXTERNAL);

/* The shapes of the marks, defined once per page. */
static const char symbols[] =
	"<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
	"aria-hidden=\"true\"><defs>\n"
	"<symbol id=\"s-star\" viewBox=\"0 0 16 16\"><path d=\"M8 .6l2.3 "
	"4.7 5.1.7-3.7 3.6.9 5.1L8 12.3l-4.6 2.4.9-5.1L.6 6l5.1-.7z\"/>"
	"</symbol>\n"
	"<symbol id=\"s-circle\" viewBox=\"0 0 16 16\"><circle cx=\"8\" "
	"cy=\"8\" r=\"6.5\"/></symbol>\n"
	"<symbol id=\"s-ring\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" "
	"r=\"5.4\" fill=\"none\" stroke=\"currentColor\" "
	"stroke-width=\"2.6\"/></symbol>\n"
	"<symbol id=\"s-screen\" viewBox=\"0 0 16 16\"><rect x=\"1\" y=\"2\" "
	"width=\"14\" height=\"9.5\" rx=\"1.6\"/><rect x=\"5\" y=\"12.6\" "
	"width=\"6\" height=\"2.2\" rx=\"1\"/></symbol>\n"
	"<symbol id=\"s-house\" viewBox=\"0 0 16 16\"><path d=\"M8 1 15.5 "
	"7.6H13.2V15H2.8V7.6H.5z\"/></symbol>\n"
	"<symbol id=\"s-flag\" viewBox=\"0 0 16 16\"><path d=\"M2.4 .8h1.9V15.4"
	"H2.4zM4.3 1.6h10l-2.6 3.8 2.6 3.8h-10z\"/></symbol>\n"
	"<symbol id=\"s-diamond\" viewBox=\"0 0 16 16\"><path d=\"M8 .6 15.4 "
	"8 8 15.4.6 8z\"/></symbol>\n"
	"<symbol id=\"s-hexagon\" viewBox=\"0 0 16 16\"><path d=\"M4.3 1.2h7.4"
	"L15.6 8l-3.9 6.8H4.3L.4 8z\"/></symbol>\n"
	"<symbol id=\"s-dot\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" "
	"r=\"4\"/></symbol>\n"
	"</defs></svg>\n";

/* What stands in a cell for an event kind: a chip with letters in a team's
 * cell, or a symbol (a mark) in the row of the school or the
 * leerKRACHT-team. One table for both, so that a kind has one colour. */
struct sign {
	enum rk_event_kind kind;
	const char *cls;   /* k-<cls> or c-<cls>, the colour */
	const char *glyph; /* a chip's letters; a mark's symbol, s-<glyph> */
	const char *legend;
};

/* The chips first, in the order of a period's weeks; then the marks. */
static const struct sign signs[] = {
	{ RK_EV_LEERLINGARENA, "la", "LA", "Leerlingarena" },
	{ RK_EV_GL, "gl", "GL", "Gezamenlijk lesontwerp (duo's)" },
	{ RK_EV_LB, "lb", "LB", "Lesbezoek" },
	{ RK_EV_FB, "fb", "FB", "Feedbackgesprek" },
	{ RK_EV_VERDIEPING, "v", "V", "Inhoudelijke verdieping" },
	{ RK_EV_RETROSPECTIVE, "r", "R", "Retrospectief" },
	{ RK_EV_VERBINDING, "verbinding", "star", "Verbindingssessie" },
	{ RK_EV_FORUM, "forum", "circle", "leerKRACHT-teamforum" },
	{ RK_EV_WEBINAR, "webinar", "screen", "Webinar" },
	{ RK_EV_BEDRIJFSBEZOEK, "bedrijfsbezoek", "house", "Bedrijfsbezoek" },
	{ RK_EV_METING, "meting", "flag", "Deadline meting" },
	{ RK_EV_STARTDAG, "startdag", "diamond", "Startdag" },
	{ RK_EV_DRAAGVLAKSESSIE, "draagvlak", "diamond", "Draagvlaksessie" },
	{ RK_EV_BOOTCAMP, "bootcamp", "hexagon", "Bootcamp" },
	{ RK_EV_STARTFASE, "startfase", "ring", "Startfase-sessie" },
	{ RK_EV_EXTERNAL, "extern", "dot", "Andere vaste datum" },
};
#define N_CHIPS 6
#define N_SIGNS (sizeof(signs) / sizeof(signs[0]))

/* The events by week, and what the columns need. */
struct grid {
	const struct rk_overview_data *d;
	size_t n_weeks;
	size_t *start; /* events of week w: order[start[w] .. start[w+1]) */
	size_t *order;
	bool *vs; /* a verbindingssessie in week w */
};

static const struct rk_event *event_of(const struct grid *g, size_t k)
{
	return rk_plan_event(g->d->plan, g->order[k]);
}

/* A counting sort of the events by week, stable. */
static bool grid_init(struct grid *g, const struct rk_overview_data *d)
{
	size_t n = rk_plan_n_events(d->plan);
	g->d = d;
	g->n_weeks = rk_schoolyear_n_weeks(d->year);
	g->start = calloc(g->n_weeks + 2, sizeof(size_t));
	g->order = calloc(n ? n : 1, sizeof(size_t));
	g->vs = calloc(g->n_weeks + 1, sizeof(bool));
	if (!g->start || !g->order || !g->vs)
		return false;
	for (size_t i = 0; i < n; i++) {
		int w = rk_overview_week(d, rk_plan_event(d->plan, i)->date);
		if (w >= 0)
			g->start[w + 2]++;
	}
	for (size_t w = 0; w < g->n_weeks; w++)
		g->start[w + 2] += g->start[w + 1];
	for (size_t i = 0; i < n; i++) {
		const struct rk_event *ev = rk_plan_event(d->plan, i);
		int w = rk_overview_week(d, ev->date);
		if (w < 0)
			continue;
		g->order[g->start[w + 1]++] = i;
		if (ev->kind == RK_EV_VERBINDING)
			g->vs[w] = true;
	}
	return true;
}

static void grid_free(struct grid *g)
{
	free(g->start);
	free(g->order);
	free(g->vs);
}

/* Weekdays of @w on which the school is closed, in a week it is open. */
static bool partly_off(const struct grid *g, int w)
{
	const struct rk_week *wk = rk_schoolyear_week(g->d->year, (size_t)w);
	for (int i = 0; i < 5 && wk->teaching; i++) {
		const struct rk_day *day =
			rk_schoolyear_day(g->d->year, wk->monday + i);
		if (day && !day->school_day && day->off)
			return true;
	}
	return false;
}

/* The classes of every cell of column @w. */
static void column_class(const struct grid *g, int w, char *buf, size_t size)
{
	const struct rk_week *wk = rk_schoolyear_week(g->d->year, (size_t)w);
	snprintf(buf, size, "%s%s%s%s", !wk->teaching ? " hol" : "",
		 wk->toetsweek ? " tw" : "",
		 wk->teaching && !wk->toetsweek && partly_off(g, w) ? " off"
								    : "",
		 g->vs[w] ? " vs" : "");
}

static void cell_open(struct rk_tsv *t, const struct grid *g, int w,
		      const char *more)
{
	char cls[64], all[96];
	column_class(g, w, cls, sizeof(cls));
	snprintf(all, sizeof(all), "%s%s", cls, more);
	if (*all)
		rk_html_printf(t, "<td class=\"%s\">", all + 1);
	else
		rk_html_raw(t, "<td>");
}

/* ------------------------------------------------------------------ */
/* The head: months, week numbers, Mondays */

static int month_of(int date)
{
	int y, m, d;
	rk_date_to_ymd(date, &y, &m, &d);
	return m;
}

static void head_rows(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	rk_html_raw(t, "<thead>\n<tr class=\"months\"><th class=\"name\">"
		       "Maand</th>");
	for (int w = d->first_week; w <= d->last_week;) {
		int m = month_of(
			rk_schoolyear_week(d->year, (size_t)w)->monday);
		int span = 0;
		while (w + span <= d->last_week &&
		       month_of(rk_schoolyear_week(d->year, (size_t)(w + span))
					->monday) == m)
			span++;
		rk_html_printf(t, "<th colspan=\"%d\">%.*s</th>", span,
			       span > 2 ? 20 : 3, rk_month_name(m));
		w += span;
	}
	rk_html_raw(t, "</tr>\n<tr class=\"weeks\"><th class=\"name\">Week"
		       "</th>");
	for (int w = d->first_week; w <= d->last_week; w++)
		rk_html_printf(
			t, "<th>%d</th>",
			rk_schoolyear_week(d->year, (size_t)w)->iso_week);
	rk_html_raw(t, "</tr>\n<tr class=\"mondays\"><th class=\"name\">"
		       "Maandag</th>");
	for (int w = d->first_week; w <= d->last_week; w++) {
		int y, m, dd;
		rk_date_to_ymd(rk_schoolyear_week(d->year, (size_t)w)->monday,
			       &y, &m, &dd);
		rk_html_printf(t, "<td>%d-%d</td>", dd, m);
	}
	rk_html_raw(t, "</tr>\n</thead>\n");
}

/* ------------------------------------------------------------------ */
/* The calendar: holidays, toetsweken, days off, A/B weeks */

/* What the calendar says of week @w: a holiday or toetsweek, or the days
 * off in it ("Studiedag toetsbeleid (wo)"); "" when nothing. */
static void calendar_label(const struct grid *g, int w, struct rk_tsv *t)
{
	const struct rk_week *wk = rk_schoolyear_week(g->d->year, (size_t)w);
	if (!wk->teaching) {
		rk_html_text(t, wk->holiday ? wk->holiday : "vakantie");
		return;
	}
	if (wk->toetsweek) {
		rk_html_text(t, wk->toetsweek);
		return;
	}
	const char *last = NULL;
	for (int i = 0; i < 5; i++) {
		const struct rk_day *day =
			rk_schoolyear_day(g->d->year, wk->monday + i);
		if (!day || day->school_day || !day->off)
			continue;
		if (last && !strcmp(last, day->off)) {
			rk_html_printf(t, "–%s", rk_weekday_abbr(i));
			continue;
		}
		rk_html_raw(t, last ? ", " : "");
		rk_html_text(t, day->off);
		rk_html_printf(t, " (%s", rk_weekday_abbr(i));
		last = day->off;
		/* closed below, once the run of days has ended */
		const struct rk_day *next =
			i < 4 ? rk_schoolyear_day(g->d->year,
						  wk->monday + i + 1)
			      : NULL;
		if (!next || next->school_day || !next->off ||
		    strcmp(next->off, last))
			rk_html_raw(t, ")");
	}
}

static void calendar_row(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	rk_html_raw(t,
		    "<tr class=\"cal\"><th class=\"name\">Kalender"
		    "<small>vakanties, toetsweken, vrije dagen</small></th>");
	for (int w = d->first_week; w <= d->last_week;) {
		struct rk_tsv label = { 0 }, next = { 0 };
		calendar_label(g, w, &label);
		int span = 1;
		/* A holiday of two weeks is one label. */
		const struct rk_week *wk =
			rk_schoolyear_week(d->year, (size_t)w);
		while (label.len && (!wk->teaching || wk->toetsweek) &&
		       w + span <= d->last_week) {
			rk_tsv_release(&next);
			calendar_label(g, w + span, &next);
			if (!next.data || strcmp(next.data, label.data))
				break;
			span++;
		}
		rk_tsv_release(&next);
		char cls[64];
		column_class(g, w, cls, sizeof(cls));
		rk_html_printf(t, "<td class=\"%s\" colspan=\"%d\">",
			       *cls ? cls + 1 : "", span);
		if (label.len)
			rk_html_printf(t, "<span>%s</span>", label.data);
		rk_html_raw(t, "</td>");
		if (label.nomem)
			t->nomem = true;
		rk_tsv_release(&label);
		w += span;
	}
	rk_html_raw(t, "</tr>\n");
}

static void ab_row(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	if (!rk_school_get_ab(d->school)->enabled)
		return;
	rk_html_raw(t, "<tr class=\"ab\"><th class=\"name\">A/B-week</th>");
	for (int w = d->first_week; w <= d->last_week; w++) {
		enum rk_ab ab = rk_schoolyear_week(d->year, (size_t)w)->ab;
		cell_open(t, g, w, "");
		rk_html_raw(t, ab == RK_AB_A ? "A" : ab == RK_AB_B ? "B" : "");
		rk_html_raw(t, "</td>");
	}
	rk_html_raw(t, "</tr>\n");
}

/* ------------------------------------------------------------------ */
/* Phases and periods */

struct opening {
	int startfase; /* the week of the first startfase session, or -1 */
	int startdag;  /* the week of the startdag, or -1 */
	int periods;   /* the first week of the first period, or -1 */
};

static struct opening opening_of(const struct grid *g)
{
	struct opening o = { -1, -1, -1 };
	const struct rk_plan *plan = g->d->plan;
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		int w = rk_overview_week(g->d, ev->date);
		if (ev->kind == RK_EV_STARTFASE &&
		    (o.startfase < 0 || w < o.startfase))
			o.startfase = w;
		if (ev->kind == RK_EV_STARTDAG && o.startdag < 0)
			o.startdag = w;
	}
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		int w = rk_plan_period(plan, i)->first_week;
		if (o.periods < 0 || w < o.periods)
			o.periods = w;
	}
	return o;
}

static const struct rk_period *period_at(const struct grid *g, int w)
{
	const struct rk_plan *plan = g->d->plan;
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		if (p->first_week <= w && w <= p->last_week)
			return p;
	}
	return NULL;
}

static int earliest(int a, int b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* The phase of week @w: voorbereiding, startfase, startdag, or that of
 * its period; NULL between them and after the last period. */
static const char *phase_at(const struct grid *g, const struct opening *o,
			    int w)
{
	const struct rk_period *p = period_at(g, w);
	if (p)
		return p->phase && *p->phase ? p->phase : "periode";
	if (w == o->startdag)
		return "startdag";
	int first = earliest(earliest(o->startfase, o->startdag), o->periods);
	if (first < 0 || w < first)
		return "voorbereiding";
	int end = o->startdag >= 0 ? o->startdag : o->periods;
	if (o->startfase >= 0 && w >= o->startfase && (end < 0 || w < end))
		return "startfase";
	return NULL;
}

/* A phase's name in a band of one or two weeks, where the whole name
 * does not fit (the legend and the tooltip say it in full). */
static const char *short_phase(const char *phase, int span)
{
	static const char *const names[][2] = {
		{ "voorbereiding", "vb" }, { "startfase", "sf" },
		{ "startdag", "sd" },	   { "aan de slag", "ads" },
		{ "uitbouwen", "ub" },
	};
	for (size_t i = 0; span < 3 && i < sizeof(names) / sizeof(names[0]);
	     i++)
		if (!strcmp(phase, names[i][0]))
			return names[i][1];
	return phase;
}

/* "ph-aan-de-slag": the phase as a class name. */
static void phase_class(struct rk_tsv *t, const char *phase)
{
	rk_html_raw(t, "ph-");
	for (const char *p = phase; *p; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		rk_tsv_append(t, ok ? &ch : "-", 1);
	}
}

static void phase_row(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	struct opening o = opening_of(g);
	rk_html_raw(t, "<tr class=\"phase\"><th class=\"name\">Fase</th>");
	for (int w = d->first_week; w <= d->last_week;) {
		const char *phase = phase_at(g, &o, w);
		int span = 1;
		while (w + span <= d->last_week) {
			const char *next = phase_at(g, &o, w + span);
			if (!phase != !next || (phase && strcmp(phase, next)))
				break;
			span++;
		}
		if (!phase) {
			rk_html_printf(t,
				       "<td class=\"none\" colspan=\"%d\">"
				       "</td>",
				       span);
		} else {
			rk_html_raw(t, "<td class=\"");
			phase_class(t, phase);
			rk_html_printf(t, "\" colspan=\"%d\" title=\"", span);
			rk_html_text(t, phase);
			rk_html_raw(t, "\">");
			rk_html_text(t, short_phase(phase, span));
			rk_html_raw(t, "</td>");
		}
		w += span;
	}
	rk_html_raw(t, "</tr>\n");
}

static void period_row(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	rk_html_raw(t, "<tr class=\"period\"><th class=\"name\">Periode</th>");
	for (int w = d->first_week; w <= d->last_week;) {
		const struct rk_period *p = period_at(g, w);
		int span = 1;
		while (w + span <= d->last_week && period_at(g, w + span) == p)
			span++;
		if (p)
			rk_html_printf(t,
				       "<td class=\"p%s\" colspan=\"%d\" "
				       "title=\"Periode %d: %d weken met "
				       "sessies\">Periode %d</td>",
				       p->number % 2 ? "" : " even", span,
				       p->number, p->weeks, p->number);
		else
			rk_html_printf(t, "<td colspan=\"%d\"></td>", span);
		w += span;
	}
	rk_html_raw(t, "</tr>\n");
}

/* ------------------------------------------------------------------ */
/* The rows of the school, the leerKRACHT-team and the teams */

static const struct sign *mark_of(enum rk_event_kind kind)
{
	for (size_t i = N_CHIPS; i < N_SIGNS; i++)
		if (signs[i].kind == kind)
			return &signs[i];
	return NULL;
}

static void put_mark(struct rk_tsv *t, const struct sign *m,
		     const struct rk_event *ev)
{
	rk_html_printf(t,
		       "<svg class=\"mk k-%s\" viewBox=\"0 0 16 16\" "
		       "role=\"img\"><title>",
		       m->cls);
	if (ev) {
		rk_html_text(t, rk_event_words_title(ev));
		rk_html_raw(t, ", ");
		rk_overview_date(t, ev->date, true);
	} else {
		rk_html_text(t, m->legend);
	}
	rk_html_printf(t, "</title><use href=\"#s-%s\"/></svg>", m->glyph);
}

static void row_head(struct rk_tsv *t, const char *cls, const char *id,
		     const char *name, const char *href,
		     const struct rk_moment *m)
{
	rk_html_printf(t, "<tr class=\"row %s\"", cls);
	if (id)
		rk_html_printf(t, " id=\"%s\"", id);
	rk_html_raw(t, "><th class=\"name\" title=\"");
	rk_html_text(t, name);
	rk_html_raw(t, "\">");
	if (href)
		rk_html_printf(t, "<a href=\"%s\">", href);
	rk_html_text(t, name);
	rk_html_raw(t, href ? "</a>" : "");
	if (m) {
		rk_html_raw(t, "<small>elke ");
		rk_overview_moment_words(t, m, false);
		rk_html_raw(t, "</small>");
	}
	rk_html_raw(t, "</th>");
}

/* A row of marks for the events of @kinds; @on (0: none) tints the weeks
 * with an event of that kind (the leerKRACHT-team's weekly session). */
static void marks_row(struct rk_tsv *t, const struct grid *g, unsigned kinds,
		      int on)
{
	const struct rk_overview_data *d = g->d;
	for (int w = d->first_week; w <= d->last_week; w++) {
		bool tint = false;
		for (size_t k = g->start[w]; k < g->start[w + 1]; k++)
			tint = tint || (on && (int)event_of(g, k)->kind == on);
		cell_open(t, g, w, tint ? " on" : "");
		for (size_t k = g->start[w]; k < g->start[w + 1]; k++) {
			const struct rk_event *ev = event_of(g, k);
			if (kinds & KIND(ev->kind))
				put_mark(t, mark_of(ev->kind), ev);
		}
		rk_html_raw(t, "</td>");
	}
	rk_html_raw(t, "</tr>\n");
}

/* Team @team's week @w: a tint for its bordsessie, a chip per session. */
static void team_cell(struct rk_tsv *t, const struct grid *g, int team, int w)
{
	unsigned kinds = 0;
	bool bad = false;
	for (size_t k = g->start[w]; k < g->start[w + 1]; k++) {
		const struct rk_event *ev = event_of(g, k);
		if (ev->team != team)
			continue;
		kinds |= KIND(ev->kind) | ev->carries;
		bad = bad || ev->violation;
	}
	/* A plan written with --allow-violations shows where it breaks. */
	cell_open(t, g, w,
		  kinds & KIND(RK_EV_BORDSESSIE) ? (bad ? " on bad" : " on")
						 : (bad ? " bad" : ""));
	rk_html_raw(t, "<div class=\"k\">");
	for (size_t i = 0; i < N_CHIPS; i++)
		if (kinds & KIND(signs[i].kind))
			rk_html_printf(t,
				       "<span class=\"c c-%s\" title=\"%s\">"
				       "%s</span>",
				       signs[i].cls, signs[i].legend,
				       signs[i].glyph);
	rk_html_raw(t, "</div></td>");
}

static void team_rows(struct rk_tsv *t, const struct grid *g)
{
	const struct rk_overview_data *d = g->d;
	const struct rk_team *lk = rk_school_get_lkteam(d->school);
	row_head(t, "school", NULL, "Hele school", NULL, NULL);
	marks_row(t, g, school_kinds, 0);
	row_head(t, "lkteam", NULL, lk->name ? lk->name : "leerKRACHT-team",
		 NULL, rk_overview_moment(d, -1));
	marks_row(t, g, lkteam_kinds, RK_EV_LKTEAM);
	for (size_t i = 0; i < rk_school_n_team(d->school); i++) {
		const struct rk_team *team = rk_school_get_team(d->school, i);
		char href[160], anchor[160];
		snprintf(href, sizeof(href), "%s.html", d->team_names[i]);
		/* An id attribute holds no spaces: the page's name is safe. */
		snprintf(anchor, sizeof(anchor), "row-%s",
			 d->team_names[i] + strlen("team-"));
		row_head(t, "team", anchor, team->name ? team->name : team->id,
			 href, rk_overview_moment(d, (int)i));
		for (int w = d->first_week; w <= d->last_week; w++)
			team_cell(t, g, (int)i, w);
		rk_html_raw(t, "</tr>\n");
	}
}

/* ------------------------------------------------------------------ */

static void legend_item(struct rk_tsv *t, const char *swatch, const char *text)
{
	rk_html_printf(t, "<span class=\"item\">%s%s</span>\n", swatch, text);
}

static void legend(struct rk_tsv *t, bool violations)
{
	static const char *const phases[] = { "voorbereiding", "startfase",
					      "startdag", "aan de slag",
					      "uitbouwen" };
	rk_html_raw(t, "<section class=\"legend\" id=\"legend\">\n"
		       "<h2>Legenda</h2>\n");
	legend_item(t, "<span class=\"sw bs\"></span>",
		    "Bordsessie van het team (vast moment)");
	for (size_t i = 0; i < N_CHIPS; i++)
		rk_html_printf(t,
			       "<span class=\"item\"><span class=\"c c-%s\">"
			       "%s</span>%s</span>\n",
			       signs[i].cls, signs[i].glyph, signs[i].legend);
	legend_item(t, "<span class=\"sw lk\"></span>",
		    "Overleg leerKRACHT-team");
	for (size_t i = N_CHIPS; i < N_SIGNS; i++) {
		rk_html_raw(t, "<span class=\"item\">");
		put_mark(t, &signs[i], NULL);
		rk_html_printf(t, "%s</span>\n", signs[i].legend);
	}
	legend_item(t, "<span class=\"sw hol\"></span>", "Vakantie");
	legend_item(t, "<span class=\"sw tw\"></span>", "Toetsweek");
	legend_item(t, "<span class=\"sw off\"></span>",
		    "Studiedag of vrije dag in de week");
	legend_item(t, "<span class=\"sw vs\"></span>",
		    "Week van een verbindingssessie");
	if (violations)
		legend_item(t, "<span class=\"sw bad\"></span>",
			    "Breekt een harde regel (zie plan.tsv)");
	for (size_t i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		rk_html_raw(t, "<span class=\"item\"><span class=\"sw ");
		phase_class(t, phases[i]);
		rk_html_printf(t, "\"></span>Fase: %s</span>\n", phases[i]);
	}
	rk_html_raw(t, "</section>\n");
}

static void title(struct rk_tsv *t, const struct rk_overview_data *d)
{
	const struct rk_school_info *info = rk_school_get_info(d->school);
	rk_html_printf(t,
		       "<h1>Jaarplanning leerKRACHT %d–%d</h1>\n"
		       "<p class=\"sub\">",
		       info->year, info->year + 1);
	rk_html_text(t, info->name);
	size_t teams = rk_school_n_team(d->school);
	size_t periods = rk_plan_n_periods(d->plan);
	rk_html_printf(t,
		       " · regio %s · %zu team%s · %zu periode%s · "
		       "%d<sup>e</sup> jaar leerKRACHT</p>\n",
		       rk_region_name(info->region), teams,
		       teams == 1 ? "" : "s", periods, periods == 1 ? "" : "s",
		       info->programme_year > 0 ? info->programme_year : 1);
}

void rk_overview_year_page(const struct rk_overview_data *d, struct rk_tsv *t)
{
	const struct rk_school_info *info = rk_school_get_info(d->school);
	struct grid g = { 0 };
	char heading[512];
	snprintf(heading, sizeof(heading), "Jaarplanning leerKRACHT %d–%d – %s",
		 info->year, info->year + 1, info->name ? info->name : "");
	if (!grid_init(&g, d)) {
		t->nomem = true;
		grid_free(&g);
		return;
	}
	rk_html_begin(t, heading, rk_overview_css());
	rk_html_raw(t, symbols);
	title(t, d);
	int columns = d->last_week - d->first_week + 1;
	rk_html_printf(t,
		       "<div class=\"scroll\"><table class=\"year\" "
		       "style=\"min-width:%dpx\">\n"
		       "<colgroup><col class=\"name\"><col class=\"wk\" "
		       "span=\"%d\"></colgroup>\n",
		       190 + 30 * (columns > 0 ? columns : 0),
		       columns > 0 ? columns : 1);
	if (columns > 0) {
		head_rows(t, &g);
		rk_html_raw(t, "<tbody>\n");
		calendar_row(t, &g);
		ab_row(t, &g);
		phase_row(t, &g);
		period_row(t, &g);
		team_rows(t, &g);
		rk_html_raw(t, "</tbody>\n");
	}
	rk_html_raw(t, "</table></div>\n");
	bool violations = false;
	for (size_t i = 0; i < rk_plan_n_events(d->plan); i++)
		violations = violations || rk_plan_event(d->plan, i)->violation;
	legend(t, violations);
	rk_html_raw(t, "<footer>Gemaakt met ritmiek uit plan.tsv. Per team: "
		       "klik op de naam voor de weken en duo's.</footer>\n");
	rk_html_end(t);
	grid_free(&g);
}
