#include "config.h"

#include "plan_summary.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "mip.h"
#include "support.h"
#include "quality.h"
#include "textfile.h"

static const char *person_id(const struct rk_school *school, int p)
{
	const struct rk_person *pp =
		p >= 0 ? rk_school_get_person(school, (size_t)p) : NULL;
	return pp ? pp->id : "?";
}

static const char *person_name(const struct rk_school *school, int p)
{
	const struct rk_person *pp =
		p >= 0 ? rk_school_get_person(school, (size_t)p) : NULL;
	return pp && pp->name ? pp->name : "";
}

static const char *result_name(const struct rk_solve_report *r)
{
	switch (r->result) {
	case RK_MIP_OPTIMAL:
		return "optimaal";
	case RK_MIP_FEASIBLE:
		return r->stop == RK_MIP_TIME_LIMIT
			       ? "haalbaar (gestopt door de tijdslimiet)"
			       : "haalbaar (gestopt door de knopenlimiet)";
	case RK_MIP_INFEASIBLE:
		return "onhaalbaar";
	case RK_MIP_FAILED:
		return "mislukt";
	default:
		return "?";
	}
}

static void span(FILE *f, int start, int end)
{
	char s[RK_TIME_BUFSIZE], e[RK_TIME_BUFSIZE];
	rk_time_format(start, s);
	rk_time_format(end, e);
	fprintf(f, "%s-%s", s, e);
}

static void write_header(FILE *f, const struct rk_school *school,
			 const struct rk_schoolyear *year,
			 const struct rk_plan *plan)
{
	const struct rk_school_info *info = rk_school_get_info(school);
	size_t count[RK_N_EVENT_KINDS] = { 0 };

	fprintf(f, "ritmiek plan\n\n");
	fprintf(f, "School          %s (%s), %s, regio %s\n",
		info->name ? info->name : "", info->id,
		rk_school_type_name(info->type), rk_region_name(info->region));
	fprintf(f, "Schooljaar      %d-%d, tijdzone %s\n", info->year,
		info->year + 1, info->timezone);
	fprintf(f, "Lesweken        %zu\n", rk_schoolyear_teaching_weeks(year));
	fprintf(f, "Afspraken       %zu\n", rk_plan_n_events(plan));
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if ((int)ev->kind >= 0 && ev->kind < RK_N_EVENT_KINDS)
			count[ev->kind]++;
	}
	for (int k = 0; k < RK_N_EVENT_KINDS; k++)
		if (count[k])
			fprintf(f, "  %-24s %6zu\n",
				rk_event_kind_name((enum rk_event_kind)k),
				count[k]);
}

static void write_periods(FILE *f, const struct rk_schoolyear *year,
			  const struct rk_plan *plan)
{
	if (!rk_plan_n_periods(plan))
		return;
	fprintf(f, "\nPerioden\n");
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		const struct rk_week *first =
			rk_schoolyear_week(year, (size_t)p->first_week);
		const struct rk_week *last =
			rk_schoolyear_week(year, (size_t)p->last_week);
		char from[RK_DATE_BUFSIZE], to[RK_DATE_BUFSIZE];
		fprintf(f, "  %d  %s", p->number, p->phase ? p->phase : "");
		if (first && last) {
			rk_date_format(first->monday, from);
			rk_date_format(last->monday + 4, to);
			fprintf(f, ", %s t/m %s (week %d-%d)", from, to,
				first->iso_week, last->iso_week);
		}
		fprintf(f, ", %d weken met sessies", p->weeks);
		if (p->verbinding_date > 0) {
			rk_date_format(p->verbinding_date, from);
			fprintf(f, ", verbindingssessie %s", from);
		}
		fprintf(f, "\n");
	}
}

static void write_moment(FILE *f, const struct rk_plan *plan, int team)
{
	for (size_t i = 0; i < rk_plan_n_moments(plan); i++) {
		const struct rk_moment *m = rk_plan_moment(plan, i);
		if (m->team != team)
			continue;
		fprintf(f, "  moment    %s ", rk_weekday_name(m->weekday));
		span(f, m->start, m->end);
		fprintf(f, "\n");
		return;
	}
	fprintf(f, "  moment    geen\n");
}

static void write_duo(FILE *f, const struct rk_school *school,
		      const struct rk_duo *d, bool first, int period)
{
	int who[3] = { d->a, d->b, d->c };
	if (first)
		fprintf(f, "  periode %-2d ", period);
	else
		fprintf(f, "             ");
	for (int i = 0; i < 3 && who[i] >= 0; i++)
		fprintf(f, "%s%s %s", i ? " & " : "", person_id(school, who[i]),
			person_name(school, who[i]));
	fprintf(f, "\n");
}

static void write_teams(FILE *f, const struct rk_school *school,
			const struct rk_plan *plan)
{
	fprintf(f, "\nTeams\n");
	for (size_t t = 0; t < rk_school_n_team(school); t++) {
		const struct rk_team *team = rk_school_get_team(school, t);
		fprintf(f, "%s (%s)\n", team->id, team->name ? team->name : "");
		write_moment(f, plan, (int)t);
		if (team->n_members < 2)
			fprintf(f,
				"  duo's     geen: het team heeft %zu %s, een duo "
				"2; dus geen gezamenlijk lesontwerp, lesbezoek "
				"of feedbackgesprek\n",
				team->n_members,
				team->n_members == 1 ? "lid" : "leden");
		for (size_t p = 0; p < rk_plan_n_periods(plan); p++) {
			int number = rk_plan_period(plan, p)->number;
			bool first = true;
			for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
				const struct rk_duo *d = rk_plan_duo(plan, i);
				if (d->team != (int)t || d->period != number)
					continue;
				write_duo(f, school, d, first, number);
				first = false;
			}
		}
	}
	fprintf(f, "leerKRACHT-team\n");
	write_moment(f, plan, -1);
}

/* Per person: minutes per week (timed sessions) and sessions per day;
 * metingen are deadlines, not sessions. */
struct load {
	int *minutes;  /* [person * n_weeks + week] */
	int *sessions; /* [person * n_days + day] */
	size_t n_weeks;
	size_t n_days;
};

static void count_load(const struct rk_schoolyear *year,
		       const struct rk_plan *plan, size_t n_people,
		       struct load *ld)
{
	int first = rk_schoolyear_first(year);
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		const struct rk_day *day = rk_schoolyear_day(year, ev->date);
		if (ev->kind == RK_EV_METING || !day)
			continue;
		int minutes = ev->start >= 0 && ev->end > ev->start
				      ? ev->end - ev->start
				      : 0;
		for (size_t j = 0; j < ev->n_parts; j++) {
			int p = ev->parts[j].person;
			if (p < 0 || (size_t)p >= n_people)
				continue;
			ld->minutes[(size_t)p * ld->n_weeks +
				    (size_t)day->week] += minutes;
			ld->sessions[(size_t)p * ld->n_days +
				     (size_t)(ev->date - first)]++;
		}
	}
}

/* @text and a space, padded to @width characters, not bytes: names such
 * as "Zoë Hoogendoorn" are UTF-8. */
static void put_padded(FILE *f, const char *text, int width)
{
	rk_text_put_padded(f, text, width);
	fputc(' ', f);
}

static void write_person(FILE *f, const struct rk_school *school,
			 const struct load *ld, size_t p, size_t weeks)
{
	long total = 0;
	int max = 0, busy = 0;
	for (size_t w = 0; w < ld->n_weeks; w++) {
		int m = ld->minutes[p * ld->n_weeks + w];
		total += m;
		if (m > max)
			max = m;
	}
	for (size_t d = 0; d < ld->n_days; d++)
		busy += ld->sessions[p * ld->n_days + d] > 1;
	fprintf(f, "  ");
	put_padded(f, person_id(school, (int)p), 8);
	put_padded(f, person_name(school, (int)p), 28);
	fprintf(f, "%9ld %8d %13d\n", weeks ? total / (long)weeks : 0L, max,
		busy);
}

static enum rk_status write_people(FILE *f, const struct rk_school *school,
				   const struct rk_schoolyear *year,
				   const struct rk_plan *plan)
{
	size_t n_people = rk_school_n_person(school);
	struct load ld = {
		.n_weeks = rk_schoolyear_n_weeks(year),
		.n_days = (size_t)(rk_schoolyear_last(year) -
				   rk_schoolyear_first(year) + 1),
	};
	ld.minutes = calloc(n_people * ld.n_weeks + 1, sizeof(*ld.minutes));
	ld.sessions = calloc(n_people * ld.n_days + 1, sizeof(*ld.sessions));
	if (!ld.minutes || !ld.sessions) {
		free(ld.minutes);
		free(ld.sessions);
		return RK_ERR_NOMEM;
	}
	count_load(year, plan, n_people, &ld);
	fprintf(f, "\nMensen: leerKRACHT-minuten per lesweek\n");
	fprintf(f, "  %-8s %-28s %9s %8s %13s\n", "id", "naam", "gemiddeld",
		"maximum", "drukke dagen");
	for (size_t p = 0; p < n_people; p++)
		write_person(f, school, &ld, p,
			     rk_schoolyear_teaching_weeks(year));
	fprintf(f, "  (drukke dagen: dagen met meer dan één sessie)\n");
	free(ld.minutes);
	free(ld.sessions);
	return RK_OK;
}

/* The lessons external dates take people from, for the roosteraar to
 * arrange cover: date, lesuur, times, person, class, room, and the date. */
static enum rk_status write_cover(FILE *f, const struct rk_school *school,
				  const struct rk_schoolyear *year,
				  const struct rk_plan *plan)
{
	struct rk_cover_lesson *list;
	size_t n;
	enum rk_status status =
		rk_plan_cover_lessons(school, year, plan, &list, &n);
	if (status != RK_OK)
		return status;
	fprintf(f,
		"\nLessen die vervanging nodig hebben (externe data tijdens "
		"lessen): %zu\n",
		n);
	for (size_t i = 0; i < n; i++) {
		const struct rk_cover_lesson *c = &list[i];
		const struct rk_lesson *l = c->lesson;
		const struct rk_event *ev = rk_plan_event(plan, c->event);
		char date[RK_DATE_BUFSIZE], lesuur[24];
		rk_date_format(c->date, date);
		if (l->lesuur > 0)
			snprintf(lesuur, sizeof(lesuur), "lesuur %d",
				 l->lesuur);
		else
			snprintf(lesuur, sizeof(lesuur), "-");
		fprintf(f, "  %s  %-9s ", date, lesuur);
		span(f, c->start, c->end);
		fprintf(f, "  ");
		put_padded(f, person_id(school, c->person), 8);
		put_padded(f, person_name(school, c->person), 24);
		fprintf(f, "klas %-6s lokaal %-6s %s\n",
			l->group ? l->group : "-", l->room ? l->room : "-",
			ev->title ? ev->title : ev->id);
	}
	free(list);
	return RK_OK;
}

static void write_reports(FILE *f, const struct rk_plan *plan)
{
	if (!rk_plan_n_reports(plan))
		return;
	fprintf(f, "\nSolver\n");
	size_t timed_out = 0;
	for (size_t i = 0; i < rk_plan_n_reports(plan); i++) {
		const struct rk_solve_report *r = rk_plan_report(plan, i);
		fprintf(f,
			"  %s: %s, doelwaarde %g, gap %.2f%%, %zu rijen, %zu kolommen\n",
			r->model ? r->model : "?", result_name(r), r->objective,
			r->gap * 100.0, r->rows, r->cols);
		timed_out += r->stop == RK_MIP_TIME_LIMIT;
	}
	/* The node limit stops a model at the same point on every machine;
	 * the time limit does not, and then this plan is not reproducible. */
	if (timed_out)
		fprintf(f,
			"  Let op: %zu model%s stopte%s door de tijdslimiet. Op een "
			"andere of drukkere machine kan dit plan anders uitvallen; "
			"geef een ruimere --time-limit.\n",
			timed_out, timed_out == 1 ? "" : "len",
			timed_out == 1 ? "" : "n");
}

/* "1 h 37 min" */
static void put_minutes(FILE *f, double minutes)
{
	long m = (long)(minutes + 0.5);
	if (m >= 60)
		fprintf(f, "%ld u %02ld min", m / 60, m % 60);
	else
		fprintf(f, "%ld min", m);
}

static void write_bound(FILE *f, const struct rk_plan *plan)
{
	const struct rk_plan_bound *b = rk_plan_get_bound(plan);
	fprintf(f, "  Optimaliteit  ");
	if (!b->known) {
		fprintf(f, "optimaal per model; geen grens berekend voor het "
			   "geheel\n");
		return;
	}
	fprintf(f,
		"optimaal per model; het geheel binnen %.2f%% van de "
		"grens\n",
		rk_quality_gap(plan));
	fprintf(f,
		"                (de %zu sessiemodellen van het plan tellen op "
		"tot %.1f; elk team\n"
		"                alleen gepland, zonder de sessies van de andere "
		"teams, tellen ze\n"
		"                op tot %.1f, wat geen volgorde van de teams kan "
		"verslaan)\n",
		b->models, b->objective, b->bound);
}

static void write_kinds(FILE *f, const struct rk_quality *q)
{
	fprintf(f, "  Sessies       %-24s %8s %8s %14s\n", "soort", "verwacht",
		"gepland", "in bordsessie");
	for (int k = 0; k < RK_N_EVENT_KINDS; k++) {
		if (!q->expected[k] && !q->in_bordsessie[k])
			continue;
		fprintf(f, "                %-24s %8zu %8zu",
			rk_event_kind_name((enum rk_event_kind)k),
			q->expected[k], q->planned[k]);
		if (q->in_bordsessie[k])
			fprintf(f, " %14zu", q->in_bordsessie[k]);
		fprintf(f, "\n");
	}
}

/* "100.0%", or "-" when there is nothing to count. */
static void put_share(FILE *f, size_t part, size_t whole)
{
	if (whole)
		fprintf(f, " %6.1f%%", rk_quality_share(part, whole));
	else
		fprintf(f, " %7s", "-");
}

static void write_team_quality(FILE *f, const struct rk_school *school,
			       const struct rk_quality *q)
{
	int width = 14; /* the team ids' column, as wide as the longest */
	for (size_t t = 0; t < q->n_teams; t++) {
		int len = (int)rk_text_width(rk_school_get_team(school, t)->id);
		width = len > width ? len : width;
	}
	fprintf(f, "  Per team      %-*s %-16s %-18s %7s %7s %7s\n", width,
		"team", "min/wk (bereik)", "bordsessieweken", "in duo", "GL",
		"LB/FB");
	for (size_t t = 0; t < q->n_teams; t++) {
		const struct rk_quality_team *tq = &q->teams[t];
		char time[48], weeks[32];
		snprintf(time, sizeof(time), "%.0f (%.0f-%.0f)",
			 tq->time.average, tq->time.min, tq->time.max);
		snprintf(weeks, sizeof(weeks), "%zu van %zu",
			 tq->bordsessie_weeks, tq->session_weeks);
		fprintf(f, "                ");
		put_padded(f, rk_school_get_team(school, t)->id, width);
		fprintf(f, "%-16s %-18s", time, weeks);
		put_share(f, tq->in_duo, tq->member_periods);
		put_share(f, tq->met_gl, tq->duos_gl);
		put_share(f, tq->met_lb, tq->duos_lb);
		fprintf(f, "\n");
	}
}

enum rk_status rk_plan_quality_write(FILE *f, const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan)
{
	struct rk_quality *q;
	if (rk_quality_new(school, year, plan, &q) != RK_OK)
		return RK_ERR_NOMEM;
	size_t member_periods = 0, in_duo = 0, gl = 0, met_gl = 0, lb = 0,
	       met_lb = 0, weeks = 0, session_weeks = 0;
	for (size_t t = 0; t < q->n_teams; t++) {
		member_periods += q->teams[t].member_periods;
		in_duo += q->teams[t].in_duo;
		gl += q->teams[t].duos_gl;
		met_gl += q->teams[t].met_gl;
		lb += q->teams[t].duos_lb;
		met_lb += q->teams[t].met_lb;
		weeks += q->teams[t].bordsessie_weeks;
		session_weeks += q->teams[t].session_weeks;
	}
	fprintf(f, "Kwaliteit\n");
	write_bound(f, plan);
	fprintf(f, "  Teamtijd      per leraar per week met een bordsessie: "
		   "gemiddeld ");
	put_minutes(f, q->time.average);
	fprintf(f, ",\n                laagste ");
	put_minutes(f, q->time.min);
	fprintf(f, ", hoogste ");
	put_minutes(f, q->time.max);
	fprintf(f, " (%zu leraren; de bronnen mikken op 1,5-2 u)\n",
		q->time.teachers);
	fprintf(f,
		"  Duo's         leden in een duo: %.1f%% van de teamperioden; "
		"duo's die\n"
		"                samenkwamen voor GL: %.1f%% (%zu van %zu), voor "
		"LB en FB: %.1f%% (%zu van %zu)\n",
		rk_quality_share(in_duo, member_periods),
		rk_quality_share(met_gl, gl), met_gl, gl,
		rk_quality_share(met_lb, lb), met_lb, lb);
	fprintf(f,
		"  Bordsessies   %zu van %zu teamweken waarin sessies mogen "
		"vallen (%.1f%%)\n",
		weeks, session_weeks, rk_quality_share(weeks, session_weeks));
	write_kinds(f, q);
	write_team_quality(f, school, q);
	fprintf(f,
		"  Overtredingen %zu %s gemarkeerd als in strijd met een harde "
		"regel\n",
		q->violations, q->violations == 1 ? "afspraak" : "afspraken");
	rk_quality_free(q);
	return RK_OK;
}

/* Every event that breaks a hard rule (--allow-violations), by date;
 * then per kind the sessions that found no place at all and so have no
 * event to mark (a draagvlaksessie, the startfase, a week's bordsessie or
 * meeting of the leerKRACHT-team), counted against what the plan asks
 * for (rk_quality). */
static enum rk_status write_violations(FILE *f, const struct rk_school *school,
				       const struct rk_schoolyear *year,
				       const struct rk_plan *plan)
{
	bool any = false;
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		if (!ev->violation)
			continue;
		if (!any)
			fprintf(f, "\nOvertredingen (harde regels gebroken)\n");
		any = true;
		char date[RK_DATE_BUFSIZE];
		rk_date_format(ev->date, date);
		fprintf(f, "  %s  %s: %s\n", date,
			ev->title ? ev->title : ev->id,
			ev->violation_text ? ev->violation_text
					   : "overtreding");
	}
	struct rk_quality *q;
	if (rk_quality_new(school, year, plan, &q) != RK_OK)
		return RK_ERR_NOMEM;
	/* A duo session, a team session or a verbindingssessie that found
	 * no place has an event marked above; one that lapses after a
	 * rebalance (someone away) breaks no rule. */
	static const enum rk_event_kind unmarked[] = {
		RK_EV_DRAAGVLAKSESSIE,
		RK_EV_STARTFASE,
		RK_EV_BORDSESSIE,
		RK_EV_LKTEAM,
	};
	for (size_t i = 0; i < sizeof(unmarked) / sizeof(unmarked[0]); i++) {
		enum rk_event_kind k = unmarked[i];
		size_t held = q->planned[k] + q->in_bordsessie[k];
		if (held >= q->expected[k])
			continue;
		if (!any)
			fprintf(f, "\nOvertredingen (harde regels gebroken)\n");
		any = true;
		fprintf(f, "  %s: %zu van %zu niet gepland\n",
			rk_event_kind_name(k), q->expected[k] - held,
			q->expected[k]);
	}
	rk_quality_free(q);
	return RK_OK;
}

enum rk_status rk_plan_summary_write(const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan,
				     const char *path)
{
	char *text = NULL;
	size_t len = 0;
	enum rk_status status;

	if (!school || !year || !plan || !path)
		return RK_ERR_ARG;
	/* Built in memory, written in one go: a reader never sees half. */
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return RK_ERR_NOMEM;
	write_header(f, school, year, plan);
	write_periods(f, year, plan);
	write_teams(f, school, plan);
	status = write_people(f, school, year, plan);
	if (status == RK_OK)
		status = write_cover(f, school, year, plan);
	if (status == RK_OK)
		status = write_violations(f, school, year, plan);
	fprintf(f, "\n");
	if (status == RK_OK)
		status = rk_plan_quality_write(f, school, year, plan);
	write_reports(f, plan);
	bool failed = ferror(f) != 0;
	if (fclose(f) != 0 || failed)
		status = status == RK_OK ? RK_ERR_NOMEM : status;
	if (status == RK_OK)
		status = rk_textfile_write_staged(path, text, len);
	free(text);
	return status;
}
