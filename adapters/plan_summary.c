#include "config.h"

#include "plan_summary.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "mip.h"
#include "support.h"
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

static const char *result_name(int result)
{
	switch (result) {
	case RK_MIP_OPTIMAL:
		return "optimal";
	case RK_MIP_FEASIBLE:
		return "feasible (stopped by the time limit)";
	case RK_MIP_INFEASIBLE:
		return "infeasible";
	case RK_MIP_FAILED:
		return "failed";
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
	fprintf(f, "School          %s (%s), %s, region %s\n",
		info->name ? info->name : "", info->id,
		rk_school_type_name(info->type), rk_region_name(info->region));
	fprintf(f, "School year     %d-%d, time zone %s\n", info->year,
		info->year + 1, info->timezone);
	fprintf(f, "Teaching weeks  %zu\n", rk_schoolyear_teaching_weeks(year));
	fprintf(f, "Events          %zu\n", rk_plan_n_events(plan));
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
	fprintf(f, "\nPeriods\n");
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
			fprintf(f, ", %s to %s (week %d-%d)", from, to,
				first->iso_week, last->iso_week);
		}
		fprintf(f, ", %d weeks with sessions", p->weeks);
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
	fprintf(f, "  moment    none\n");
}

static void write_duo(FILE *f, const struct rk_school *school,
		      const struct rk_duo *d, bool first, int period)
{
	int who[3] = { d->a, d->b, d->c };
	if (first)
		fprintf(f, "  period %-2d ", period);
	else
		fprintf(f, "            ");
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
	int chars = 0;
	for (const char *c = text; *c; c++)
		chars += ((unsigned char)*c & 0xc0) != 0x80;
	fprintf(f, "%s", text);
	for (int i = chars; i < width; i++)
		fputc(' ', f);
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
	fprintf(f, "%7ld %7d %9d\n", weeks ? total / (long)weeks : 0L, max,
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
	fprintf(f, "\nPeople: leerKRACHT minutes per teaching week\n");
	fprintf(f, "  %-8s %-28s %7s %7s %9s\n", "id", "name", "average",
		"maximum", "busy days");
	for (size_t p = 0; p < n_people; p++)
		write_person(f, school, &ld, p,
			     rk_schoolyear_teaching_weeks(year));
	fprintf(f, "  (busy days: days with more than one session)\n");
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
		"\nLessons that need cover (external dates during lessons): "
		"%zu\n",
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
		fprintf(f, "class %-6s room %-6s %s\n",
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
	for (size_t i = 0; i < rk_plan_n_reports(plan); i++) {
		const struct rk_solve_report *r = rk_plan_report(plan, i);
		fprintf(f,
			"  %s: %s, objective %g, gap %.2f%%, %zu rows, %zu cols\n",
			r->model ? r->model : "?", result_name(r->result),
			r->objective, r->gap * 100.0, r->rows, r->cols);
	}
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
	write_reports(f, plan);
	bool failed = ferror(f) != 0;
	if (fclose(f) != 0 || failed)
		status = status == RK_OK ? RK_ERR_NOMEM : status;
	if (status == RK_OK)
		status = rk_textfile_write_atomic(path, text, len);
	free(text);
	return status;
}
