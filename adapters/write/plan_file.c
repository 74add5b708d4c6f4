#include "config.h"

#include "plan_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "date.h"
#include "feed_state.h"
#include "suggest.h"
#include "textfile.h"
#include "i18n.h"

/* The TEAM of the leerKRACHT-team, which has no index among the teams. */
#define LKTEAM_ID "leerkracht-team"

/* Field counts, the record type included. */
#define PLAN_FIELDS	 5
#define PERIOD_FIELDS	 7
#define MOMENT_FIELDS	 5
#define DUO_FIELDS	 5 /* 6 for a trio */
#define TIMETABLE_FIELDS 3
#define ABSENCE_FIELDS	 4
#define EVENT_FIELDS	 16

/* Event fields, 0-based; the column in a diagnostic is one more. */
enum event_field {
	EF_ID = 1,
	EF_KIND,
	EF_DATE,
	EF_START,
	EF_END,
	EF_OPENS,
	EF_TEAM,
	EF_PERIOD,
	EF_WEEK,
	EF_PARTS,
	EF_LOCATION,
	EF_GROUP,
	EF_TITLE,
	EF_AGENDA,
	EF_VIOLATION,
	EF_CARRIES /* optional: only a bordsessie that holds team sessions */
};

/* The Monday of the week of 1 August: week index 0 of the school year. */
static int year_first_monday(const struct rk_school *school)
{
	int year = rk_school_get_info(school)->year;
	return rk_date_monday(rk_date_from_ymd(year, 8, 1));
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static const char *person_id(const struct rk_school *school, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(school, (size_t)person)
			    : NULL;
	return p ? p->id : NULL;
}

/* The id of team @team; for -1 the leerKRACHT-team when @lk, else "".
 * NULL for an index the school does not have. */
static const char *team_id(const struct rk_school *school, int team, bool lk)
{
	if (team == -1)
		return lk ? LKTEAM_ID : "";
	const struct rk_team *t =
		team >= 0 ? rk_school_get_team(school, (size_t)team) : NULL;
	return t ? t->id : NULL;
}

static void write_header(const struct rk_school *school, struct rk_tsv *o)
{
	const struct rk_school_info *info = rk_school_get_info(school);
	char year[32];
	snprintf(year, sizeof(year), "%d-%d", info->year, info->year + 1);
	rk_tsv_field(o, "plan");
	rk_tsv_int(o, RK_PLAN_FILE_VERSION);
	rk_tsv_field(o, info->id);
	rk_tsv_field(o, year);
	rk_tsv_field(o, info->timezone);
	rk_tsv_end_line(o);
}

static enum rk_status write_periods(const struct rk_school *school,
				    const struct rk_plan *plan,
				    struct rk_tsv *o)
{
	int first = year_first_monday(school);
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		rk_tsv_field(o, "period");
		rk_tsv_int(o, p->number);
		rk_tsv_field(o, p->phase);
		rk_tsv_date(o, first + 7 * p->first_week);
		rk_tsv_date(o, first + 7 * p->last_week);
		rk_tsv_int(o, p->weeks);
		if (p->verbinding_date > 0)
			rk_tsv_date(o, p->verbinding_date);
		else
			rk_tsv_field(o, NULL);
		rk_tsv_end_line(o);
	}
	return RK_OK;
}

static enum rk_status write_moments(const struct rk_school *school,
				    const struct rk_plan *plan,
				    struct rk_tsv *o)
{
	for (size_t i = 0; i < rk_plan_n_moments(plan); i++) {
		const struct rk_moment *m = rk_plan_moment(plan, i);
		const char *team = team_id(school, m->team, true);
		if (!team || m->weekday < 0 || m->weekday > 6)
			return RK_ERR_ARG;
		rk_tsv_field(o, "moment");
		rk_tsv_field(o, team);
		rk_tsv_field(o, rk_weekday_abbr(m->weekday));
		rk_tsv_time(o, m->start);
		rk_tsv_time(o, m->end);
		/* Only a moment that holds from a date on (rebalance). */
		if (m->from)
			rk_tsv_date(o, m->from);
		rk_tsv_end_line(o);
	}
	return RK_OK;
}

static enum rk_status write_duos(const struct rk_school *school,
				 const struct rk_plan *plan, struct rk_tsv *o)
{
	for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		const char *team = team_id(school, d->team, true);
		const char *a = person_id(school, d->a);
		const char *b = person_id(school, d->b);
		const char *c = d->c >= 0 ? person_id(school, d->c) : "";
		if (!team || !a || !b || !c)
			return RK_ERR_ARG;
		rk_tsv_field(o, "duo");
		rk_tsv_field(o, team);
		rk_tsv_int(o, d->period);
		rk_tsv_field(o, a);
		rk_tsv_field(o, b);
		if (d->c >= 0)
			rk_tsv_field(o, c);
		rk_tsv_end_line(o);
	}
	return RK_OK;
}

static void write_timetables(const struct rk_plan *plan, struct rk_tsv *o)
{
	for (size_t i = 0; i < rk_plan_n_timetables(plan); i++) {
		const struct rk_timetable_change *t =
			rk_plan_timetable(plan, i);
		rk_tsv_field(o, "timetable");
		rk_tsv_date(o, t->from);
		rk_tsv_field(o, t->path);
		rk_tsv_end_line(o);
	}
}

static enum rk_status write_absences(const struct rk_school *school,
				     const struct rk_plan *plan,
				     struct rk_tsv *o)
{
	for (size_t i = 0; i < rk_plan_n_absences(plan); i++) {
		const struct rk_plan_absence *a = rk_plan_absence(plan, i);
		const char *id = person_id(school, a->person);
		if (!id)
			return RK_ERR_BUG;
		rk_tsv_field(o, "absence");
		rk_tsv_field(o, id);
		rk_tsv_date(o, a->from);
		if (a->until == INT_MAX)
			rk_tsv_field(o, ""); /* for good */
		else
			rk_tsv_date(o, a->until);
		rk_tsv_end_line(o);
	}
	return RK_OK;
}

/* "P01:visitor,P02:host" into @scratch. */
static enum rk_status participants(const struct rk_school *school,
				   const struct rk_event *ev,
				   struct rk_tsv *scratch)
{
	scratch->len = 0;
	rk_tsv_append(scratch, "", 0);
	for (size_t i = 0; i < ev->n_parts; i++) {
		const struct rk_participant *p = &ev->parts[i];
		const char *id = person_id(school, p->person);
		if (!id || (int)p->role < RK_PART_ATTENDEE ||
		    p->role > RK_PART_COVER)
			return RK_ERR_ARG;
		if (i)
			rk_tsv_append(scratch, ",", 1);
		rk_tsv_put(scratch, id);
		rk_tsv_append(scratch, ":", 1);
		rk_tsv_put(scratch, rk_part_role_name(p->role));
	}
	return scratch->nomem ? RK_ERR_NOMEM : RK_OK;
}

static enum rk_status write_event(const struct rk_school *school,
				  const struct rk_event *ev, struct rk_tsv *o,
				  struct rk_tsv *scratch)
{
	const char *team = team_id(school, ev->team, ev->kind == RK_EV_LKTEAM);
	if (!team || (int)ev->kind < 0 || ev->kind >= RK_N_EVENT_KINDS ||
	    !ev->id || !*ev->id)
		return RK_ERR_ARG;
	enum rk_status status = participants(school, ev, scratch);
	if (status != RK_OK)
		return status;
	const char *violation = NULL;
	if (ev->violation)
		violation = ev->violation_text && *ev->violation_text
				    ? ev->violation_text
				    : "violation";
	rk_tsv_field(o, "event");
	rk_tsv_field(o, ev->id);
	rk_tsv_field(o, rk_event_kind_name(ev->kind));
	rk_tsv_date(o, ev->date);
	rk_tsv_time(o, ev->start);
	rk_tsv_time(o, ev->start < 0 ? -1 : ev->end);
	rk_tsv_date(o, ev->kind == RK_EV_METING ? ev->opens : ev->date);
	rk_tsv_field(o, team);
	rk_tsv_int(o, ev->period);
	rk_tsv_int(o, ev->week_in_period);
	const char *texts[] = { scratch->data, ev->location, ev->group,
				ev->title,     ev->agenda,   violation };
	rk_tsv_fields(o, texts, sizeof(texts) / sizeof(*texts));
	if (ev->carries) {
		/* Written only when set, so plans without it keep 16 fields. */
		rk_tsv_append(o, "\t", 1);
		const char *sep = "";
		for (int k = 0; k < RK_N_EVENT_KINDS; k++) {
			if (!(ev->carries & (1u << k)))
				continue;
			rk_tsv_put(o, sep);
			rk_tsv_put(o,
				   rk_event_kind_name((enum rk_event_kind)k));
			sep = ",";
		}
	}
	rk_tsv_end_line(o);
	return RK_OK;
}

/* The canonical order of plan.h, for pointers to events. */
static int cmp_event_ptr(const void *a, const void *b)
{
	return rk_event_cmp(*(const struct rk_event *const *)a,
			    *(const struct rk_event *const *)b);
}

/* Events are sorted here, not trusted to be sorted, so that a plan read
 * from a hand-edited file is written back in the canonical order. */
static enum rk_status write_events(const struct rk_school *school,
				   const struct rk_plan *plan, struct rk_tsv *o)
{
	size_t n = rk_plan_n_events(plan);
	const struct rk_event **order = calloc(n ? n : 1, sizeof(*order));
	struct rk_tsv scratch = { 0 };
	enum rk_status status = RK_OK;

	if (!order)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		order[i] = rk_plan_event(plan, i);
	qsort(order, n, sizeof(*order), cmp_event_ptr);
	for (size_t i = 0; i < n && status == RK_OK; i++)
		status = write_event(school, order[i], o, &scratch);
	rk_tsv_release(&scratch);
	free(order);
	return status;
}

enum rk_status rk_plan_file_write(const struct rk_school *school,
				  const struct rk_plan *plan, const char *path)
{
	struct rk_tsv o = { 0 };
	enum rk_status status;

	if (!school || !plan || !path)
		return RK_ERR_ARG;
	write_header(school, &o);
	status = write_periods(school, plan, &o);
	if (status == RK_OK)
		status = write_moments(school, plan, &o);
	if (status == RK_OK)
		status = write_duos(school, plan, &o);
	if (status == RK_OK) {
		write_timetables(plan, &o);
		status = write_absences(school, plan, &o);
	}
	if (status == RK_OK)
		status = write_events(school, plan, &o);
	if (status == RK_OK && o.nomem)
		status = RK_ERR_NOMEM;
	if (status == RK_OK)
		status = rk_textfile_write_staged(path, o.data, o.len);
	rk_tsv_release(&o);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

enum record {
	REC_PLAN,
	REC_PERIOD,
	REC_MOMENT,
	REC_DUO,
	REC_TIMETABLE,
	REC_ABSENCE,
	REC_EVENT,
	N_RECORDS
};

static const char *const record_names[N_RECORDS] = {
	"plan", "period", "moment", "duo", "timetable", "absence", "event"
};

struct id_key {
	const char *id;
	int index;
};

struct id_line {
	const char *id;
	int line;
};

struct reader {
	const struct rk_school *school;
	const char *path;
	struct rk_diags *diags;
	struct rk_plan *plan;
	int first_monday; /* week 0 of the school year */
	int n_weeks;
	struct id_key *people; /* sorted by id: events list hundreds */
	/* Sorted by id: every event names its team, and a scan of the teams
	 * for each was 5% of a rebalance at 2,000 teachers. */
	struct id_key *teams;
	const char **person_ids; /* in the school's order, for suggestions */
	size_t n_people;
	const char **team_ids;
	size_t n_teams;
	int *listed;	  /* per person: the line that listed them last */
	int *moment_line; /* per team + 1 (0: the leerKRACHT-team) */
	struct id_line *ids;
	size_t n_ids;
	size_t cap_ids;
	int line;      /* of the record being read */
	int plan_line; /* of the plan line; 0 while none was read */
	int stage;     /* the furthest record type read so far */
	bool missing_reported;
	bool errors;
	bool nomem;
	bool stop;
};

static void vreport(struct reader *r, int line, int field, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

/* An error at @line in field @field (0-based; -1: no column). */
static void vreport(struct reader *r, int line, int field, const char *fmt,
		    va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	rk_diags_add(r->diags, RK_SEV_ERROR, r->path, line, field + 1, "%s",
		     msg);
	r->errors = true;
}

static void report_at(struct reader *r, int line, int field, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));

static void report_at(struct reader *r, int line, int field, const char *fmt,
		      ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, line, field, fmt, ap);
	va_end(ap);
}

static void report(struct reader *r, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An error in field @field of the record being read. */
static void report(struct reader *r, int field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, r->line, field, fmt, ap);
	va_end(ap);
}

/* " did you mean 'x'?" for an unknown @word, or "". */
static void suggestion(const char *word, const char *const *candidates,
		       size_t n, char *buf, size_t size)
{
	const char *near = rk_suggest(word, candidates, n);
	if (near)
		snprintf(buf, size, _("; did you mean '%s'?"), near);
	else if (size)
		buf[0] = '\0';
}

static const char *keep(struct reader *r, const char *text)
{
	const char *copy = rk_plan_strdup(r->plan, text);
	if (!copy)
		r->nomem = true;
	return copy;
}

/* An optional text: NULL when empty. */
static const char *keep_opt(struct reader *r, const char *text)
{
	return *text ? keep(r, text) : NULL;
}

/* A decimal number without sign or spaces, as the writer writes it. */
static bool parse_count(const char *s, int *out)
{
	long v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > 1000000)
			return false;
	}
	*out = (int)v;
	return true;
}

static bool get_date(struct reader *r, const struct rk_csv_record *rec,
		     int field, int *date)
{
	if (rk_date_parse(rec->fields[field], date))
		return true;
	char why[64];
	report(r, field, _("bad date '%s'; %s"), rec->fields[field],
	       rk_date_why(rec->fields[field], why, sizeof(why)));
	return false;
}

/* A Monday of the school year, as its week index. */
static bool get_week(struct reader *r, const struct rk_csv_record *rec,
		     int field, int *week)
{
	int date;
	if (!get_date(r, rec, field, &date))
		return false;
	const char *text = rec->fields[field];
	if (rk_date_weekday(date) != 0) {
		report(r, field, _("%s is a %s, not a maandag"), text,
		       rk_weekday_name(rk_date_weekday(date)));
		return false;
	}
	*week = (date - r->first_monday) / 7;
	if (date < r->first_monday || *week >= r->n_weeks) {
		int year = rk_school_get_info(r->school)->year;
		report(r, field, _("%s lies outside the school year %d-%d"),
		       text, year, year + 1);
		return false;
	}
	return true;
}

static bool get_time(struct reader *r, const struct rk_csv_record *rec,
		     int field, int *minutes)
{
	if (rk_time_parse(rec->fields[field], minutes))
		return true;
	report(r, field, _("bad time '%s'; expected HH:MM"),
	       rec->fields[field]);
	return false;
}

/* START and END at @field and the one after: both times, or both empty
 * for an all-day event when @all_day is allowed. */
static void get_span(struct reader *r, const struct rk_csv_record *rec,
		     int field, bool all_day, int *start, int *end)
{
	const char *s = rec->fields[field], *e = rec->fields[field + 1];
	*start = *end = -1;
	if (all_day && !*s && !*e)
		return;
	if (!*s || !*e) {
		report(r, *s ? field + 1 : field,
		       all_day ? _("a start and an end time, or neither for an all-day event")
			       : _("missing time"));
		return;
	}
	bool ok = get_time(r, rec, field, start);
	if (get_time(r, rec, field + 1, end) && ok && *end <= *start)
		report(r, field + 1, _("end %s is not after start %s"), e, s);
}

static int cmp_id_key(const void *a, const void *b)
{
	const struct id_key *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* The index of the person with @id; -1 (reported) when unknown. */
static int get_person(struct reader *r, const char *id, int field)
{
	struct id_key key = { id, -1 };
	const struct id_key *found =
		r->n_people ? bsearch(&key, r->people, r->n_people, sizeof(key),
				      cmp_id_key)
			    : NULL;
	if (found)
		return found->index;
	char near[128];
	suggestion(id, r->person_ids, r->n_people, near, sizeof(near));
	report(r, field, _("unknown person '%s'%s"), id, near);
	return -1;
}

/* A team id, or the leerKRACHT-team (-1); empty (-1) when @may_be_empty. */
static bool get_team(struct reader *r, const char *id, int field,
		     bool may_be_empty, int *team)
{
	*team = -1;
	if (!*id && may_be_empty)
		return true;
	if (!*id) {
		report(r, field, _("missing team"));
		return false;
	}
	if (!strcmp(id, LKTEAM_ID))
		return true;
	struct id_key key = { id, -1 };
	const struct id_key *found =
		r->n_teams ? bsearch(&key, r->teams, r->n_teams, sizeof(key),
				     cmp_id_key)
			   : NULL;
	if (found) {
		*team = found->index;
		return true;
	}
	char near[128];
	suggestion(id, r->team_ids, r->n_teams, near, sizeof(near));
	report(r, field, _("unknown team '%s'%s"), id, near);
	return false;
}

/* A period of the plan, or 0 (outside periods) when @may_be_zero. */
static bool get_period(struct reader *r, const char *text, int field,
		       bool may_be_zero, int *period)
{
	size_t n = rk_plan_n_periods(r->plan);
	*period = 0;
	if (!parse_count(text, period) || (*period == 0 && !may_be_zero)) {
		report(r, field, _("bad period '%s'"), text);
		return false;
	}
	if ((size_t)*period > n) {
		report(r, field, _("unknown period %d; the plan has %zu"),
		       *period, n);
		return false;
	}
	return true;
}

static bool parse_school_year(const char *s, int *year)
{
	int first, second;
	char head[5], tail[5];
	if (strlen(s) != 9 || s[4] != '-')
		return false;
	memcpy(head, s, 4);
	memcpy(tail, s + 5, 4);
	head[4] = tail[4] = '\0';
	if (!parse_count(head, &first) || !parse_count(tail, &second) ||
	    second != first + 1)
		return false;
	*year = first;
	return true;
}

/* A file of another version or school is not read any further: its lines
 * would only give a flood of errors that say nothing. */
static void read_plan(struct reader *r, const struct rk_csv_record *rec)
{
	const struct rk_school_info *info = rk_school_get_info(r->school);
	const char *const *f = rec->fields;
	int year;

	if (r->plan_line) {
		report(r, 0, _("a second plan line; the first is on line %d"),
		       r->plan_line);
		return;
	}
	r->plan_line = rec->line;
	if (strcmp(f[2], info->id)) {
		report(r, 2, _("the plan is for school '%s', not for '%s'"),
		       f[2], info->id);
		r->stop = true;
		return;
	}
	if (!parse_school_year(f[3], &year))
		report(r, 3, _("bad school year '%s'; expected %d-%d"), f[3],
		       info->year, info->year + 1);
	else if (year != info->year)
		report(r, 3, _("the plan is for school year %s, not for %d-%d"),
		       f[3], info->year, info->year + 1);
	if (strcmp(f[4], info->timezone))
		report(r, 4, _("the plan is in time zone '%s', not in '%s'"),
		       f[4], info->timezone);
}

/* Read before the field count, which another version may change. */
static bool version_ok(struct reader *r, const struct rk_csv_record *rec)
{
	int version;
	if (rec->n < 2)
		return true;
	if (!parse_count(rec->fields[1], &version)) {
		report(r, 1, _("bad plan format version '%s'"), rec->fields[1]);
		return false;
	}
	if (version != RK_PLAN_FILE_VERSION) {
		report(r, 1,
		       _("unsupported plan format version %d (this ritmiek reads %d)"),
		       version, RK_PLAN_FILE_VERSION);
		return false;
	}
	return true;
}

static void read_period(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_period p = { 0 };
	int expect = (int)rk_plan_n_periods(r->plan) + 1;

	if (!parse_count(f[1], &p.number) || p.number == 0) {
		report(r, 1, _("bad period number '%s'"), f[1]);
		return;
	}
	if (p.number != expect) {
		report(r, 1,
		       _("period %d where period %d comes next; periods are numbered 1, 2, 3 ..."),
		       p.number, expect);
		return;
	}
	if (!strcmp(f[2], "aan de slag") || !strcmp(f[2], "uitbouwen"))
		p.phase = keep(r, f[2]);
	else
		report(r, 2,
		       _("unknown phase '%s'; expected 'aan de slag' or 'uitbouwen'"),
		       f[2]);
	bool ok = get_week(r, rec, 3, &p.first_week);
	if (get_week(r, rec, 4, &p.last_week) && ok &&
	    p.last_week < p.first_week)
		report(r, 4,
		       _("the last week %s comes before the first week %s"),
		       f[4], f[3]);
	if (!parse_count(f[5], &p.weeks))
		report(r, 5, _("bad number of weeks '%s'"), f[5]);
	if (*f[6])
		get_date(r, rec, 6, &p.verbinding_date);
	if (rk_plan_add_period(r->plan, p) != RK_OK)
		r->nomem = true;
}

static void read_moment(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_moment m = { .team = -1 };

	if (rec->n > MOMENT_FIELDS && !get_date(r, rec, 5, &m.from))
		m.from = 0;
	if (get_team(r, f[1], 1, false, &m.team)) {
		/* A team's later moments each hold from a later date on. */
		int *first = &r->moment_line[m.team + 1];
		if (*first && !m.from)
			report(r, 1,
			       _("a second moment for '%s' without a date from which it holds; the first is on line %d"),
			       f[1], *first);
		else if (!*first)
			*first = rec->line;
	}
	m.weekday = rk_weekday_parse(f[2]);
	if (m.weekday < 0 || m.weekday > 4)
		report(r, 2,
		       _("bad weekday '%s'; expected ma, di, wo, do or vr"),
		       f[2]);
	get_span(r, rec, 3, false, &m.start, &m.end);
	if (rk_plan_add_moment(r->plan, m) != RK_OK)
		r->nomem = true;
}

static void read_duo(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_duo d = { .c = -1 };
	int *who[3] = { &d.a, &d.b, &d.c };

	get_team(r, f[1], 1, false, &d.team);
	get_period(r, f[2], 2, false, &d.period);
	for (size_t i = 0; i < 3 && 3 + i < rec->n; i++) {
		if (i == 2 && !*f[5])
			break; /* an empty C: a duo after all */
		*who[i] = get_person(r, f[3 + i], 3 + (int)i);
		for (size_t j = 0; j < i && *who[i] >= 0; j++)
			if (*who[j] == *who[i])
				report(r, 3 + (int)i,
				       _("'%s' is twice in the duo"), f[3 + i]);
	}
	if (rk_plan_add_duo(r->plan, d) != RK_OK)
		r->nomem = true;
}

/* "timetable DATE PATH": a new timetable from DATE on (rebalance),
 * after the one before it. */
static void read_timetable(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_timetable_change t = { 0, f[2] };
	if (!get_date(r, rec, 1, &t.from))
		return;
	size_t n = rk_plan_n_timetables(r->plan);
	if (n && rk_plan_timetable(r->plan, n - 1)->from >= t.from) {
		report(r, 1,
		       _("a timetable line must come after the one of an earlier date"));
		return;
	}
	if (!*t.path)
		report(r, 2, _("a timetable line needs the path of the file"));
	else if (rk_plan_add_timetable(r->plan, t) != RK_OK)
		r->nomem = true;
}

/* "absence PERSON FROM UNTIL": away from FROM to UNTIL (empty: for
 * good), as a rebalance was told. */
static void read_absence(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_plan_absence a = { get_person(r, f[1], 1), 0, INT_MAX };
	if (!get_date(r, rec, 2, &a.from) ||
	    (*f[3] && !get_date(r, rec, 3, &a.until)) || a.person < 0)
		return;
	if (a.until < a.from) {
		report(r, 3,
		       _("an absence cannot end (%s) before it begins (%s)"),
		       f[3], f[2]);
		return;
	}
	if (rk_plan_add_absence(r->plan, a) != RK_OK)
		r->nomem = true;
}

/* One "ID:ROLE" of PARTICIPANTS; @item may be cut. */
static void read_part(struct reader *r, struct rk_event *ev, char *item)
{
	char *colon = strrchr(item, ':');
	if (!*item) {
		report(r, EF_PARTS, _("an empty participant"));
		return;
	}
	if (!colon) {
		report(r, EF_PARTS, _("bad participant '%s'; expected ID:ROLE"),
		       item);
		return;
	}
	*colon = '\0';
	int person = get_person(r, item, EF_PARTS);
	int role = rk_part_role_parse(colon + 1);
	if (role < 0)
		report(r, EF_PARTS,
		       _("unknown role '%s' of '%s'; expected attendee, host or visitor"),
		       colon + 1, item);
	if (person < 0 || role < 0)
		return;
	if (r->listed[person] == r->line) {
		report(r, EF_PARTS, _("'%s' is listed twice"), item);
		return;
	}
	r->listed[person] = r->line;
	/* read_parts made room for every item of the list. */
	ev->parts[ev->n_parts++] =
		(struct rk_participant){ person, (enum rk_part_role)role };
}

static void read_parts(struct reader *r, struct rk_event *ev, const char *text)
{
	if (!*text)
		return;
	/* Room for all at once: rk_event_add_part copies the list in the
	 * plan's arena for each one it adds, which for an event of the whole
	 * school (2,000 people) is 16 MB, 164 MB for a plan. */
	size_t n = 1;
	for (const char *p = text; *p; p++)
		n += *p == ',';
	char *copy = strdup(text);
	struct rk_participant *parts =
		rk_plan_alloc(r->plan, ev->n_parts + n, sizeof(*parts));
	if (!copy || !parts) {
		free(copy);
		r->nomem = true;
		return;
	}
	if (ev->n_parts)
		memcpy(parts, ev->parts, ev->n_parts * sizeof(*parts));
	ev->parts = parts;
	char *item = copy;
	while (item) {
		char *comma = strchr(item, ',');
		if (comma)
			*comma = '\0';
		read_part(r, ev, item);
		item = comma ? comma + 1 : NULL;
	}
	free(copy);
}

static void read_kind(struct reader *r, const char *text, struct rk_event *ev,
		      bool *known)
{
	const char *names[RK_N_EVENT_KINDS];
	int kind = rk_event_kind_parse(text);
	*known = kind >= 0;
	if (*known) {
		ev->kind = (enum rk_event_kind)kind;
		return;
	}
	for (int i = 0; i < RK_N_EVENT_KINDS; i++)
		names[i] = rk_event_kind_name((enum rk_event_kind)i);
	char near[128];
	suggestion(text, names, RK_N_EVENT_KINDS, near, sizeof(near));
	report(r, EF_KIND, _("unknown event kind '%s'%s"), text, near);
}

/* DATE, START, END and OPENS: only a meting has a window. */
static void read_when(struct reader *r, const struct rk_csv_record *rec,
		      struct rk_event *ev, bool kind_known)
{
	const char *const *f = rec->fields;
	int opens;
	bool have_date = get_date(r, rec, EF_DATE, &ev->date);

	get_span(r, rec, EF_START, true, &ev->start, &ev->end);
	if (!get_date(r, rec, EF_OPENS, &opens) || !have_date)
		return;
	ev->opens = ev->date;
	if (!kind_known)
		return;
	if (ev->kind != RK_EV_METING && opens != ev->date)
		report(r, EF_OPENS,
		       _("opens %s is not the date %s; only a meting has a window"),
		       f[EF_OPENS], f[EF_DATE]);
	else if (ev->kind == RK_EV_METING && opens > ev->date)
		report(r, EF_OPENS,
		       _("the window opens on %s, after its deadline %s"),
		       f[EF_OPENS], f[EF_DATE]);
	else
		ev->opens = opens;
}

/* TEAM, PERIOD and WEEK. */
static void read_where(struct reader *r, const struct rk_csv_record *rec,
		       struct rk_event *ev)
{
	const char *const *f = rec->fields;
	int week;

	get_team(r, f[EF_TEAM], EF_TEAM, true, &ev->team);
	bool period_ok =
		get_period(r, f[EF_PERIOD], EF_PERIOD, true, &ev->period);
	if (!parse_count(f[EF_WEEK], &week))
		report(r, EF_WEEK, _("bad week '%s'"), f[EF_WEEK]);
	else if (period_ok && ev->period == 0 && week != 0)
		report(r, EF_WEEK, _("week %d outside periods; it must be 0"),
		       week);
	else if (period_ok && ev->period > 0 && week == 0)
		report(r, EF_WEEK,
		       _("week 0 in period %d; weeks in a period count from 1"),
		       ev->period);
	else
		ev->week_in_period = week;
}

static void remember_id(struct reader *r, const char *id)
{
	if (r->n_ids == r->cap_ids) {
		size_t cap = r->cap_ids ? r->cap_ids * 2 : 256;
		struct id_line *ids = realloc(r->ids, cap * sizeof(*ids));
		if (!ids) {
			r->nomem = true;
			return;
		}
		r->ids = ids;
		r->cap_ids = cap;
	}
	r->ids[r->n_ids++] = (struct id_line){ id, r->line };
}

/* CARRIES: the team sessions a bordsessie holds, as kind names. */
static void read_carries(struct reader *r, const char *text,
			 struct rk_event *ev)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *save = NULL, *k = strtok_r(buf, ",", &save); k;
	     k = strtok_r(NULL, ",", &save)) {
		int kind = rk_event_kind_parse(k);
		if (kind != RK_EV_VERDIEPING && kind != RK_EV_RETROSPECTIVE &&
		    kind != RK_EV_LEERLINGARENA)
			report(r, EF_CARRIES,
			       _("'%s' cannot be held in a bordsessie; expected verdieping, retrospectief or leerlingarena"),
			       k);
		else
			ev->carries |= 1u << kind;
	}
	if (ev->carries && ev->kind != RK_EV_BORDSESSIE)
		report(r, EF_CARRIES,
		       _("only a bordsessie carries team sessions"));
}

static void read_event(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	struct rk_event ev = { .team = -1, .source_line = rec->line };
	bool kind_known;

	if (!*f[EF_ID])
		report(r, EF_ID, _("missing event id"));
	else
		ev.id = keep(r, f[EF_ID]);
	read_kind(r, f[EF_KIND], &ev, &kind_known);
	read_when(r, rec, &ev, kind_known);
	read_where(r, rec, &ev);
	read_parts(r, &ev, f[EF_PARTS]);
	ev.location = keep_opt(r, f[EF_LOCATION]);
	ev.group = keep_opt(r, f[EF_GROUP]);
	ev.title = keep(r, f[EF_TITLE]);
	ev.agenda = keep(r, f[EF_AGENDA]);
	ev.violation = *f[EF_VIOLATION] != '\0';
	ev.violation_text = keep_opt(r, f[EF_VIOLATION]);
	if (rec->n > EF_CARRIES)
		read_carries(r, f[EF_CARRIES], &ev);
	if (ev.id)
		remember_id(r, ev.id);
	struct rk_event *slot = rk_plan_add_event(r->plan);
	if (!slot) {
		r->nomem = true;
		return;
	}
	*slot = ev;
}

static int record_type(const char *name)
{
	for (int i = 0; i < N_RECORDS; i++)
		if (!strcmp(name, record_names[i]))
			return i;
	return -1;
}

static void unknown_record(struct reader *r, const char *name)
{
	char near[128];
	suggestion(name, record_names, N_RECORDS, near, sizeof(near));
	if (*near)
		report(r, 0, _("unknown record type '%s'%s"), name, near);
	else
		report(r, 0,
		       _("unknown record type '%s'; expected plan, period, moment, duo, timetable, absence or event"),
		       name);
}

static bool field_count_ok(struct reader *r, int type, size_t n)
{
	static const size_t want[N_RECORDS] = {
		PLAN_FIELDS,	  PERIOD_FIELDS,  MOMENT_FIELDS, DUO_FIELDS,
		TIMETABLE_FIELDS, ABSENCE_FIELDS, EVENT_FIELDS
	};
	if (n == want[type] ||
	    ((type == REC_DUO || type == REC_EVENT || type == REC_MOMENT) &&
	     n == want[type] + 1))
		return true;
	if (type == REC_DUO)
		report(r, 0, _("a duo line has %zu fields; expected %d or %d"),
		       n, DUO_FIELDS, DUO_FIELDS + 1);
	else
		report(r, 0, _("a%s %s line has %zu fields; expected %zu"),
		       type == REC_EVENT ? "n" : "", record_names[type], n,
		       want[type]);
	return false;
}

/* Lines come as plan, period, moment, duo, timetable, absence, event. */
static void check_order(struct reader *r, int type)
{
	if (type == REC_PLAN)
		return;
	if (!r->plan_line && !r->missing_reported) {
		report(r, 0, _("the plan file must start with a plan line"));
		r->missing_reported = true;
	}
	if (type < r->stage)
		report(r, 0,
		       _("a line of type %s after the %s lines; lines come in the order plan, period, moment, duo, timetable, absence, event"),
		       record_names[type], record_names[r->stage]);
	else
		r->stage = type;
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	static void (*const readers[N_RECORDS])(
		struct reader *, const struct rk_csv_record *) = {
		read_plan,	read_period,  read_moment, read_duo,
		read_timetable, read_absence, read_event
	};
	struct reader *r = data;
	int type = record_type(rec->fields[0]);

	r->line = rec->line;
	if (type < 0) {
		unknown_record(r, rec->fields[0]);
		return 0;
	}
	if (type == REC_PLAN && !version_ok(r, rec)) {
		r->stop = true;
		return 1;
	}
	if (!field_count_ok(r, type, rec->n))
		return 0;
	check_order(r, type);
	readers[type](r, rec);
	return r->stop || r->nomem;
}

static int cmp_id_line(const void *a, const void *b)
{
	const struct id_line *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Ids are compared once all are known: sorted, 40,000 of them are
 * cheap. */
static void check_ids(struct reader *r)
{
	if (r->n_ids)
		qsort(r->ids, r->n_ids, sizeof(*r->ids), cmp_id_line);
	for (size_t i = 1; i < r->n_ids; i++) {
		size_t first = i - 1;
		while (i < r->n_ids &&
		       !strcmp(r->ids[i].id, r->ids[first].id)) {
			report_at(
				r, r->ids[i].line, EF_ID,
				_("duplicate event id '%s'; the first is on line %d"),
				r->ids[i].id, r->ids[first].line);
			i++;
		}
	}
}

static enum rk_status reader_init(struct reader *r,
				  const struct rk_school *school,
				  const char *path, struct rk_diags *diags)
{
	int year = rk_school_get_info(school)->year;
	r->school = school;
	r->path = path;
	r->diags = diags;
	r->first_monday = year_first_monday(school);
	r->n_weeks = (rk_date_monday(rk_date_from_ymd(year + 1, 7, 31)) -
		      r->first_monday) /
			     7 +
		     1;
	r->n_people = rk_school_n_person(school);
	r->n_teams = rk_school_n_team(school);
	r->plan = rk_plan_new();
	r->people = calloc(r->n_people + 1, sizeof(*r->people));
	r->person_ids = calloc(r->n_people + 1, sizeof(*r->person_ids));
	r->listed = calloc(r->n_people + 1, sizeof(*r->listed));
	r->team_ids = calloc(r->n_teams + 1, sizeof(*r->team_ids));
	r->teams = calloc(r->n_teams + 1, sizeof(*r->teams));
	r->moment_line = calloc(r->n_teams + 1, sizeof(*r->moment_line));
	if (!r->plan || !r->people || !r->person_ids || !r->listed ||
	    !r->team_ids || !r->teams || !r->moment_line)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < r->n_people; i++) {
		const char *id = rk_school_get_person(school, i)->id;
		r->people[i] = (struct id_key){ id, (int)i };
		r->person_ids[i] = id;
	}
	qsort(r->people, r->n_people, sizeof(*r->people), cmp_id_key);
	for (size_t i = 0; i < r->n_teams; i++) {
		r->team_ids[i] = rk_school_get_team(school, i)->id;
		r->teams[i] = (struct id_key){ r->team_ids[i], (int)i };
	}
	qsort(r->teams, r->n_teams, sizeof(*r->teams), cmp_id_key);
	return RK_OK;
}

static void reader_release(struct reader *r)
{
	rk_plan_free(r->plan);
	free(r->people);
	free(r->person_ids);
	free(r->listed);
	free(r->team_ids);
	free(r->teams);
	free(r->moment_line);
	free(r->ids);
}

static enum rk_status read_text(struct reader *r, const char *text, size_t len)
{
	enum rk_status status =
		rk_csv_read(r->path, text, len, '\t', on_record, r, r->diags);
	if (status == RK_ERR_INPUT) {
		r->errors = true; /* malformed quoting, reported */
		status = RK_OK;
	}
	if (status != RK_OK || r->nomem)
		return status != RK_OK ? status : RK_ERR_NOMEM;
	if (!r->stop)
		check_ids(r);
	if (!r->plan_line && !r->missing_reported && !r->stop)
		report_at(r, 0, -1, _("empty plan file: no plan line"));
	return r->nomem ? RK_ERR_NOMEM : RK_OK;
}

enum rk_status rk_plan_file_read(const struct rk_school *school,
				 const char *path, struct rk_plan **out,
				 struct rk_diags *diags)
{
	struct reader r = { 0 };
	char *text = NULL;
	size_t len = 0;
	enum rk_status status;

	if (!school || !path || !out)
		return RK_ERR_ARG;
	*out = NULL;
	status = rk_textfile_read(path, &text, &len);
	if (status == RK_ERR_IO) {
		int saved = errno;
		rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read plan file: %s"),
			     rk_textfile_strerror(saved));
		errno = saved;
	}
	if (status != RK_OK)
		goto out;
	status = reader_init(&r, school, path, diags);
	if (status == RK_OK)
		status = read_text(&r, text, len);
	if (status == RK_OK && r.errors)
		status = RK_ERR_INPUT;
	if (status == RK_OK) {
		rk_plan_sort(r.plan);
		*out = r.plan;
		r.plan = NULL;
	}
out:
	reader_release(&r);
	free(text);
	return status;
}
