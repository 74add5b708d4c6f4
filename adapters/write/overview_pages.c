#include "config.h"

#include "overview_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "event_words.h"
#include "feed_links.h"
#include "html.h"
#include "ritmiek.h"

static const char *person_name(const struct rk_overview_data *d, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(d->school, (size_t)person)
			    : NULL;
	return p ? p->name : "?";
}

/* "Week 50 · 7 dec" of week @w. */
static void week_heading(struct rk_tsv *t, const struct rk_overview_data *d,
			 int w)
{
	const struct rk_week *wk =
		w >= 0 ? rk_schoolyear_week(d->year, (size_t)w) : NULL;
	if (!wk) {
		rk_html_raw(t, "Buiten het schooljaar");
		return;
	}
	rk_html_printf(t, "Week %d <span>· maandag ", wk->iso_week);
	rk_overview_date(t, wk->monday, false);
	rk_html_raw(t, "</span>");
}

/* One event as a list item: when, and what in the words of @view's feed
 * (-1: the plan's title). */
static void event_item(struct rk_tsv *t, const struct rk_overview_data *d,
		       const struct rk_event *ev, int view)
{
	struct rk_tsv words = { 0 };
	rk_event_words_summary(d->school, &words, ev, view);
	char date[RK_DATE_BUFSIZE], start[RK_TIME_BUFSIZE];
	rk_date_format(ev->date, date);
	rk_time_format(ev->start >= 0 ? ev->start : 0, start);
	rk_html_printf(t, "<li class=\"ev ev-%s\"><time datetime=\"%s%s%s\">",
		       rk_event_kind_name(ev->kind), date,
		       ev->start >= 0 ? "T" : "", ev->start >= 0 ? start : "");
	rk_overview_date(t, ev->date, true);
	rk_html_raw(t, " · ");
	rk_overview_time(t, ev);
	rk_html_raw(t, "</time> ");
	rk_html_text(t, words.data);
	rk_html_raw(t, "</li>\n");
	if (words.nomem)
		t->nomem = true;
	rk_tsv_release(&words);
}

static void page_start(struct rk_tsv *t, const struct rk_overview_data *d,
		       const char *what, const char *name)
{
	const struct rk_school_info *info = rk_school_get_info(d->school);
	struct rk_tsv title = { 0 };
	rk_tsv_append(&title, what, strlen(what));
	rk_tsv_append(&title, name, strlen(name));
	rk_html_begin(t, title.data ? title.data : what, rk_overview_css());
	if (title.nomem)
		t->nomem = true;
	rk_tsv_release(&title);
	rk_html_raw(t, "<main class=\"page\">\n<h1>");
	rk_html_text(t, name);
	rk_html_raw(t, "</h1>\n<p class=\"sub\">");
	rk_html_text(t, info->name);
	rk_html_printf(t, " · leerKRACHT %d–%d</p>\n", info->year,
		       info->year + 1);
}

static void page_end(struct rk_tsv *t)
{
	rk_html_raw(t, "</main>\n");
	rk_html_end(t);
}

/* ------------------------------------------------------------------ */
/* A team */

static void members(struct rk_tsv *t, const struct rk_overview_data *d,
		    const struct rk_team *team)
{
	rk_html_raw(t, "<h2>Leden</h2>\n<p class=\"members\">");
	for (size_t i = 0; i < team->n_members; i++) {
		int p = team->members[i].index;
		rk_html_raw(t, i ? ", " : "");
		rk_html_text(t, person_name(d, p));
		if (team->coach.index >= 0 && team->coach.index == p)
			rk_html_raw(t, " (schoolcoach)");
	}
	rk_html_raw(t, "</p>\n");
}

static void duo_names(struct rk_tsv *t, const struct rk_overview_data *d,
		      const struct rk_duo *duo)
{
	rk_html_text(t, person_name(d, duo->a));
	rk_html_raw(t, duo->c >= 0 ? ", " : " en ");
	rk_html_text(t, person_name(d, duo->b));
	if (duo->c >= 0) {
		rk_html_raw(t, " en ");
		rk_html_text(t, person_name(d, duo->c));
	}
}

static void duos(struct rk_tsv *t, const struct rk_overview_data *d, int team)
{
	rk_html_raw(t, "<h2>Duo's en trio's per periode</h2>\n"
		       "<table class=\"duos\">\n");
	for (size_t i = 0; i < rk_plan_n_periods(d->plan); i++) {
		const struct rk_period *p = rk_plan_period(d->plan, i);
		rk_html_printf(t, "<tr><th>Periode %d</th><td>", p->number);
		size_t k = 0;
		for (size_t j = 0; j < rk_plan_n_duos(d->plan); j++) {
			const struct rk_duo *duo = rk_plan_duo(d->plan, j);
			if (duo->team != team || duo->period != p->number)
				continue;
			rk_html_raw(t, k++ ? "<br>" : "");
			duo_names(t, d, duo);
		}
		rk_html_raw(t, k ? "</td></tr>\n" : "–</td></tr>\n");
	}
	rk_html_raw(t, "</table>\n");
}

/* The team's events (indices into the plan, in its order) with the week
 * each falls in. */
struct team_events {
	const size_t *event;
	int *week;
	size_t n;
};

/* Week @w of period @p for the team of @te: the week's agenda in the
 * period's sequence and the team's sessions. */
static void team_week(struct rk_tsv *t, const struct rk_overview_data *d,
		      const struct rk_period *p, const struct team_events *te,
		      int w)
{
	const struct rk_week *wk = rk_schoolyear_week(d->year, (size_t)w);
	int nth = 0, fb_nth = 0;
	size_t n = 0;
	for (size_t k = 0; k < te->n; k++) {
		const struct rk_event *ev =
			rk_plan_event(d->plan, te->event[k]);
		if (te->week[k] != w)
			continue;
		n++;
		if (ev->period != p->number || ev->week_in_period <= 0)
			continue;
		/* A feedbackgesprek counts in the week of its lesbezoek, also
		 * when it falls on a day of the next week: the week's number
		 * is that of its other events. */
		if (ev->kind == RK_EV_FB)
			fb_nth = ev->week_in_period;
		else
			nth = ev->week_in_period;
	}
	if (!nth)
		nth = fb_nth;
	rk_html_raw(t, "<section class=\"wk\"><h4>");
	week_heading(t, d, w);
	if (nth)
		rk_html_printf(t, " <span>· week %d van %d</span>", nth,
			       p->weeks);
	rk_html_raw(t, "</h4>\n");
	if (nth) {
		char agenda[600];
		rk_ritmiek_week(p->weeks, nth,
				p->phase && !strcmp(p->phase, "aan de slag"),
				agenda, sizeof(agenda));
		rk_html_raw(t, "<p class=\"agenda\">");
		rk_html_text(t, agenda);
		rk_html_raw(t, "</p>\n");
	}
	if (!n) {
		rk_html_raw(t, "<p class=\"quiet\">");
		rk_html_text(t, !wk->teaching	? (wk->holiday ? wk->holiday
							       : "Vakantie")
				: wk->toetsweek ? wk->toetsweek
						: "Geen sessies");
		rk_html_raw(t, "</p>\n</section>\n");
		return;
	}
	rk_html_raw(t, "<ul>\n");
	for (size_t k = 0; k < te->n; k++)
		if (te->week[k] == w)
			event_item(t, d, rk_plan_event(d->plan, te->event[k]),
				   -1);
	rk_html_raw(t, "</ul>\n</section>\n");
}

void rk_overview_team_page(const struct rk_overview_data *d, int team,
			   const size_t *events, size_t n_events,
			   struct rk_tsv *t)
{
	const struct rk_team *tm = rk_school_get_team(d->school, (size_t)team);
	const struct rk_moment *m = rk_overview_moment(d, team);
	page_start(t, d, "leerKRACHT – ", tm->name ? tm->name : tm->id);
	rk_html_raw(t, "<p><a href=\"index.html\">← Jaarplanning van de "
		       "school</a></p>\n<h2>Vast moment</h2>\n<p>");
	if (m) {
		rk_html_raw(t, "Bordsessie elke ");
		rk_overview_moment_words(t, m, true);
	} else {
		rk_html_raw(t, "Geen vast moment in het plan.");
	}
	rk_html_raw(t, "</p>\n");
	members(t, d, tm);
	duos(t, d, team);
	rk_html_raw(t, "<h2>Per week</h2>\n");
	/* The week of each of the team's events, once, not per week. */
	struct team_events te = { events, malloc((n_events + 1) * sizeof(int)),
				  n_events };
	if (!te.week) {
		t->nomem = true;
		te.n = 0;
	}
	for (size_t k = 0; k < te.n; k++)
		te.week[k] = rk_overview_week(
			d, rk_plan_event(d->plan, events[k])->date);
	for (size_t i = 0; i < rk_plan_n_periods(d->plan); i++) {
		const struct rk_period *p = rk_plan_period(d->plan, i);
		rk_html_printf(t, "<h3>Periode %d <span>· ", p->number);
		rk_html_text(t, p->phase);
		rk_html_raw(t, "</span></h3>\n");
		for (int w = p->first_week; w <= p->last_week; w++)
			team_week(t, d, p, &te, w);
	}
	free(te.week);
	page_end(t);
}

/* ------------------------------------------------------------------ */
/* A person */

static void link_item(struct rk_tsv *t, const struct rk_overview_data *d,
		      enum rk_feed_link kind, const char *file,
		      const char *name, const char *text)
{
	struct rk_tsv link = { 0 };
	rk_feed_link(&link, kind, d->base_url, file, name);
	rk_html_raw(t, "<li><a href=\"");
	rk_html_text(t, link.data);
	rk_html_printf(t, "\">%s</a></li>\n", text);
	if (link.nomem)
		t->nomem = true;
	rk_tsv_release(&link);
}

static void subscribe(struct rk_tsv *t, const struct rk_overview_data *d,
		      const char *name, const char *token)
{
	char file[64];
	struct rk_tsv https = { 0 };
	if (!d->base_url)
		return;
	snprintf(file, sizeof(file), "feeds/%s.ics", token);
	rk_html_raw(t, "<h2>In je agenda</h2>\n<ul class=\"links\">\n");
	link_item(t, d, RK_LINK_WEBCAL, file, name,
		  "Apple Agenda, Outlook of Thunderbird (webcal)");
	link_item(t, d, RK_LINK_GOOGLE, file, name, "Google Agenda");
	link_item(t, d, RK_LINK_OUTLOOK, file, name,
		  "Outlook.com en Outlook op het web");
	rk_feed_link(&https, RK_LINK_HTTPS, d->base_url, file, name);
	rk_html_raw(t, "<li>Het adres zelf: <code>");
	rk_html_text(t, https.data);
	rk_html_raw(t, "</code></li>\n</ul>\n");
	if (https.nomem)
		t->nomem = true;
	rk_tsv_release(&https);
}

/* "Team Onderbouw: bordsessie elke dinsdag 12:10–12:40", per team of
 * @person. */
static void teams_of(struct rk_tsv *t, const struct rk_overview_data *d,
		     int person)
{
	for (size_t i = 0; i < rk_school_n_team(d->school); i++) {
		const struct rk_team *tm = rk_school_get_team(d->school, i);
		const struct rk_moment *m = rk_overview_moment(d, (int)i);
		bool in = false;
		for (size_t k = 0; k < tm->n_members; k++)
			in = in || tm->members[k].index == person;
		if (!in)
			continue;
		rk_html_raw(t, "<p class=\"team\">");
		rk_html_text(t, tm->name ? tm->name : tm->id);
		if (m) {
			rk_html_raw(t, ": bordsessie elke ");
			rk_overview_moment_words(t, m, true);
		}
		rk_html_raw(t, "</p>\n");
	}
}

void rk_overview_person_page(const struct rk_overview_data *d, int person,
			     const char *token, const size_t *events,
			     size_t n_events, struct rk_tsv *t)
{
	const char *name = person_name(d, person);
	page_start(t, d, "leerKRACHT – ", name);
	teams_of(t, d, person);
	subscribe(t, d, name, token);
	rk_html_raw(t, "<h2>Jouw jaar, per week</h2>\n");
	int week = -1;
	size_t n = 0;
	for (size_t k = 0; k < n_events; k++) {
		const struct rk_event *ev = rk_plan_event(d->plan, events[k]);
		int w = rk_overview_week(d, ev->date);
		if (w != week || !n) {
			rk_html_raw(t, n ? "</ul>\n</section>\n" : "");
			rk_html_raw(t, "<section class=\"wk\"><h3>");
			week_heading(t, d, w);
			rk_html_raw(t, "</h3>\n<ul>\n");
			week = w;
		}
		event_item(t, d, ev, person);
		n++;
	}
	rk_html_raw(t,
		    n ? "</ul>\n</section>\n"
		      : "<p class=\"quiet\">Geen sessies in het plan.</p>\n");
	page_end(t);
}
