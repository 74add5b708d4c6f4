#include "config.h"

#include "verify.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ritmiek.h"
#include "sort.h"
#include "i18n.h"

#define DAY_MINUTES	   (24 * 60)
#define FB_MAX_SCHOOL_DAYS 2 /* a feedbackgesprek within two school days */

/* Dates of each person's events, sorted, to tell who is away. */
struct presence {
	size_t *first; /* per person: where their dates begin */
	int *dates;
	bool *weekly; /* in a bordsessie or the leerKRACHT-team's session */
	bool *member; /* of a team or the leerKRACHT-team (school file) */
};

/* What the period sequence asks of one period, from the plan's period
 * lines and the calendar alone. */
struct pinfo {
	int from; /* its first Monday */
	int to;	  /* the Sunday after its last Monday */
	int weeks;
	unsigned acts; /* enum rk_activity of all its weeks */
	const struct rk_event *verbinding;
};

struct verifier {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	const struct rk_plan *plan;
	const char *file;
	struct rk_diags *diags;
	size_t n_people;
	size_t n_teams;
	size_t *lesson_first;  /* per person: where their lessons begin */
	size_t *lesson_idx;    /* lesson indices grouped by person */
	struct pinfo *periods; /* per period of the plan */
	struct presence presence;
	size_t n_periods;
	/* The events of team t, in plan order: by_team[team_at[t]] up to
	 * team_at[t + 1]; the duo checks read their team's alone (a scan of
	 * the plan per duo was quadratic in the school's size). */
	const struct rk_event **by_team;
	size_t *team_at;
	bool found;
};

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

static bool time_ok(int minutes)
{
	return minutes >= 0 && minutes <= DAY_MINUTES;
}

static bool all_day(const struct rk_event *ev)
{
	return ev->start < 0;
}

/* "2026-09-15 10:30-11:20", or the date alone for an all-day event. */
static void when(int date, int start, int end, char *buf, size_t size)
{
	char d[RK_DATE_BUFSIZE], s[RK_TIME_BUFSIZE], e[RK_TIME_BUFSIZE];
	rk_date_format(date, d);
	if (!time_ok(start) || !time_ok(end)) {
		snprintf(buf, size, "%s", d);
		return;
	}
	rk_time_format(start, s);
	rk_time_format(end, e);
	snprintf(buf, size, "%s %s-%s", d, s, e);
}

static const char *event_id(const struct rk_event *ev)
{
	return ev->id ? ev->id : "";
}

static const struct rk_person *person(const struct verifier *v, int p)
{
	return p >= 0 && (size_t)p < v->n_people
		       ? rk_school_get_person(v->school, (size_t)p)
		       : NULL;
}

/* "'P02' (Bram de Boer)" */
static void who(const struct verifier *v, int p, char *buf, size_t size)
{
	const struct rk_person *pp = person(v, p);
	if (pp && pp->name)
		snprintf(buf, size, "'%s' (%s)", pp->id, pp->name);
	else if (pp)
		snprintf(buf, size, "'%s'", pp->id);
	else
		snprintf(buf, size, "person %d", p);
}

static const char *team_id(const struct verifier *v, int team)
{
	return rk_school_get_team(v->school, (size_t)team)->id;
}

static void problem(struct verifier *v, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct verifier *v, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rk_diags_vadd(v->diags, RK_SEV_ERROR, v->file, line, 0, fmt, ap);
	va_end(ap);
	v->found = true;
}

static void event_problem(struct verifier *v, const struct rk_event *ev,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "event 'ID' on DATE TIME: what is wrong" at the event's line. */
static void event_problem(struct verifier *v, const struct rk_event *ev,
			  const char *fmt, ...)
{
	char msg[1024], span[40];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	when(ev->date, ev->start, ev->end, span, sizeof(span));
	problem(v, ev->source_line, _("event '%s' on %s: %s"), event_id(ev),
		span, msg);
}

/* ------------------------------------------------------------------ */
/* What events are                                                     */
/* ------------------------------------------------------------------ */

/* A bootcamp is external when the school lists it as an external date;
 * otherwise the planner placed it. */
static bool is_external(const struct verifier *v, const struct rk_event *ev)
{
	switch (ev->kind) {
	case RK_EV_FORUM:
	case RK_EV_BEDRIJFSBEZOEK:
	case RK_EV_WEBINAR:
	case RK_EV_EXTERNAL:
		return true;
	case RK_EV_BOOTCAMP:
		for (size_t i = 0; i < rk_school_n_external(v->school); i++) {
			const struct rk_external *x =
				rk_school_get_external(v->school, i);
			if (x->kind == RK_EXT_BOOTCAMP && x->date == ev->date)
				return true;
		}
		return false;
	default:
		return false;
	}
}

/* A session the planner placed: the rules about people's days apply. */
static bool is_planned(const struct verifier *v, const struct rk_event *ev)
{
	return ev->kind != RK_EV_METING && !is_external(v, ev);
}

/* The event's minutes; an all-day event takes the whole day. */
static void span_of(const struct rk_event *ev, int *start, int *end)
{
	*start = all_day(ev) ? 0 : ev->start;
	*end = all_day(ev) ? DAY_MINUTES : ev->end;
}

static bool part_ok(const struct verifier *v, const struct rk_participant *p)
{
	return person(v, p->person) != NULL;
}

static bool kind_ok(const struct rk_event *ev)
{
	return (int)ev->kind >= 0 && ev->kind < RK_N_EVENT_KINDS;
}

/* The lesson's times on @day: on a shortened day those of its lesuur in
 * the short grid; false when the short grid drops its lesuur (the lesson
 * does not take place). */
static bool lesson_span(const struct rk_lesson *lesson,
			const struct rk_day *day, int *start, int *end)
{
	*start = lesson->start;
	*end = lesson->end;
	if (!day->shortened || lesson->lesuur <= 0 || !day->grid)
		return true;
	for (size_t i = 0; i < day->grid->n; i++) {
		const struct rk_lesuur *h = &day->grid->hours[i];
		if (h->number == lesson->lesuur) {
			*start = h->start;
			*end = h->end;
			return true;
		}
	}
	return false;
}

/* "rooster.csv:14": the file's name without its folder. */
static void lesson_place(const struct rk_lesson *lesson, char *buf, size_t size)
{
	const char *file = lesson->loc.file;
	if (!file) {
		snprintf(buf, size, "%s", "");
		return;
	}
	const char *slash = strrchr(file, '/');
	snprintf(buf, size, " (%s:%d)", slash ? slash + 1 : file,
		 lesson->loc.line);
}

/* The first lesson of person @p on @date that overlaps [start, end)
 * (or, with @within, that holds all of it); NULL when none. */
static const struct rk_lesson *lesson_at(const struct verifier *v, int p,
					 int date, int start, int end,
					 bool within)
{
	const struct rk_day *day = rk_schoolyear_day(v->year, date);
	if (!day || !day->school_day)
		return NULL;
	for (size_t k = v->lesson_first[p]; k < v->lesson_first[p + 1]; k++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(v->school, v->lesson_idx[k]);
		int ls, le;
		if (l->weekday != day->weekday ||
		    !rk_schoolyear_lesson_on(v->year, l, date))
			continue;
		if (!lesson_span(l, day, &ls, &le))
			continue;
		if (within ? ls <= start && end <= le : ls < end && start < le)
			return l;
	}
	return NULL;
}

/* Lessons grouped by person (a counting sort), so that each participant's
 * few lessons are found without going through the whole timetable. */
static enum rk_status index_lessons(struct verifier *v)
{
	size_t n = rk_school_n_lesson(v->school);
	v->lesson_first = calloc(v->n_people + 2, sizeof(*v->lesson_first));
	v->lesson_idx = calloc(n ? n : 1, sizeof(*v->lesson_idx));
	if (!v->lesson_first || !v->lesson_idx)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		int p = rk_school_get_lesson(v->school, i)->person.index;
		if (person(v, p))
			v->lesson_first[p + 2]++;
	}
	for (size_t p = 2; p < v->n_people + 2; p++)
		v->lesson_first[p] += v->lesson_first[p - 1];
	/* lesson_first[p + 1] serves as p's cursor; when done it has moved
	 * on to where p + 1 begins. */
	for (size_t i = 0; i < n; i++) {
		int p = rk_school_get_lesson(v->school, i)->person.index;
		if (person(v, p))
			v->lesson_idx[v->lesson_first[p + 1]++] = i;
	}
	return RK_OK;
}

/* ------------------------------------------------------------------ */
/* Rule 1: people and teams exist (and events are well formed)         */
/* ------------------------------------------------------------------ */

static void check_shape(struct verifier *v, const struct rk_event *ev)
{
	if (!ev->id || !*ev->id)
		event_problem(v, ev, _("the event has no id"));
	if (!kind_ok(ev))
		event_problem(v, ev, _("unknown event kind %d"), (int)ev->kind);
	if (!(ev->start == -1 && ev->end == -1) &&
	    (!time_ok(ev->start) || !time_ok(ev->end) || ev->end <= ev->start))
		event_problem(v, ev, _("bad times: start %d, end %d minutes"),
			      ev->start, ev->end);
	if (ev->team < -1 || (ev->team >= 0 && (size_t)ev->team >= v->n_teams))
		event_problem(v, ev, _("team %d does not exist"), ev->team);
	for (size_t i = 0; i < ev->n_parts; i++) {
		const struct rk_participant *p = &ev->parts[i];
		char name[256];
		if (!part_ok(v, p)) {
			event_problem(
				v, ev,
				_("participant %zu is person %d, who is not a person of the school"),
				i + 1, p->person);
			continue;
		}
		bool unknown = (int)p->role < RK_PART_ATTENDEE ||
			       p->role > RK_PART_COVER;
		bool stray = !unknown && p->role == RK_PART_COVER &&
			     ev->kind != RK_EV_LB;
		/* Named only for a problem: a plan has tens of thousands of
		 * participants, nearly all of them fine. */
		if (unknown || stray)
			who(v, p->person, name, sizeof(name));
		if (unknown)
			event_problem(v, ev, _("%s has an unknown role %d"),
				      name, (int)p->role);
		else if (stray)
			event_problem(
				v, ev,
				_("%s is cover, but only a lesbezoek has a cover person (who takes the visitor's group)"),
				name);
	}
}

/* Events must have ids of their own: the feeds use them as UIDs. */
static int cmp_event_id(const void *a, const void *b)
{
	const struct rk_event *x = *(const struct rk_event *const *)a;
	const struct rk_event *y = *(const struct rk_event *const *)b;
	int c = strcmp(event_id(x), event_id(y));
	if (c)
		return c;
	/* The first in the file (or the plan's order) keeps the id. */
	if (x->source_line != y->source_line)
		return x->source_line < y->source_line ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static enum rk_status check_ids(struct verifier *v)
{
	size_t n = rk_plan_n_events(v->plan);
	const struct rk_event **evs = calloc(n ? n : 1, sizeof(*evs));
	if (!evs)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		evs[i] = rk_plan_event(v->plan, i);
	qsort(evs, n, sizeof(*evs), cmp_event_id);
	for (size_t i = 1; i < n; i++)
		if (*event_id(evs[i]) &&
		    !strcmp(event_id(evs[i]), event_id(evs[i - 1])))
			event_problem(v, evs[i],
				      _("another event has the id '%s'"),
				      event_id(evs[i]));
	free(evs);
	return RK_OK;
}

static void check_lists(struct verifier *v)
{
	for (size_t i = 0; i < rk_plan_n_moments(v->plan); i++) {
		const struct rk_moment *m = rk_plan_moment(v->plan, i);
		if (m->team < -1 ||
		    (m->team >= 0 && (size_t)m->team >= v->n_teams))
			problem(v, 0,
				_("moment %zu is of team %d, which does not exist"),
				i + 1, m->team);
	}
	for (size_t i = 0; i < rk_plan_n_duos(v->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(v->plan, i);
		if (d->team < 0 || (size_t)d->team >= v->n_teams)
			problem(v, 0,
				_("duo %zu is of team %d, which does not exist"),
				i + 1, d->team);
		if (!person(v, d->a) || !person(v, d->b) ||
		    (d->c != -1 && !person(v, d->c)))
			problem(v, 0,
				_("duo %zu has a member who is not a person of the school"),
				i + 1);
	}
}

/* ------------------------------------------------------------------ */
/* Rules 2, 4, 5 and 7: the event's day, its people's days and lessons  */
/* ------------------------------------------------------------------ */

/* Rule 2: weekends and holidays are out for every event; studiedagen and
 * free days for all but the startdag, verbindingssessies and external
 * dates. Returns the day when it is a day of the school year. */
static const struct rk_day *check_day(struct verifier *v,
				      const struct rk_event *ev)
{
	const struct rk_day *day = rk_schoolyear_day(v->year, ev->date);
	int year = rk_school_get_info(v->school)->year;
	if (!day) {
		event_problem(v, ev,
			      _("it falls outside the school year %d-%d"), year,
			      year + 1);
		return NULL;
	}
	if (day->weekday >= 5) {
		event_problem(v, ev, _("it falls on a %s"),
			      rk_weekday_name(day->weekday));
		return day;
	}
	if (day->school_day)
		return day;
	const char *name = day->off ? day->off : "?";
	switch (day->off_kind) {
	case RK_OFF_VAKANTIE:
		event_problem(v, ev, _("it falls in the %s"), name);
		break;
	case RK_OFF_FEESTDAG:
		event_problem(v, ev, _("it falls on %s, a public holiday"),
			      name);
		break;
	case RK_OFF_STUDIEDAG:
	case RK_OFF_VRIJ:
		if (ev->kind == RK_EV_STARTDAG ||
		    ev->kind == RK_EV_VERBINDING || is_external(v, ev))
			break;
		event_problem(
			v, ev, _("it falls on %s, a %s of the school"), name,
			day->off_kind == RK_OFF_STUDIEDAG ? "studiedag"
							  : _("free day"));
		break;
	}
	return day;
}

/* "visitor " or "host " before a name in a lesbezoek, else "". */
static const char *role_word(const struct rk_event *ev,
			     const struct rk_participant *p)
{
	if (ev->kind != RK_EV_LB)
		return "";
	return p->role == RK_PART_HOST	    ? _("host ")
	       : p->role == RK_PART_VISITOR ? _("visitor ")
	       : p->role == RK_PART_COVER   ? _("cover ")
					    : "";
}

/* Rule 4 for one participant: a working day, and no lesson during the
 * session. The host of a lesbezoek teaches by design (rule 5). */
static void check_person_day(struct verifier *v, const struct rk_event *ev,
			     const struct rk_day *day,
			     const struct rk_participant *p)
{
	const struct rk_person *pp = person(v, p->person);
	char name[256], place[300];
	int start, end;

	/* Part-timers are invited to the school-wide sessions on a day off,
	 * and the school cancels lessons for its startdag. */
	bool school_wide = ev->kind == RK_EV_DRAAGVLAKSESSIE ||
			   ev->kind == RK_EV_STARTDAG ||
			   ev->kind == RK_EV_VERBINDING;
	if (ev->kind == RK_EV_STARTDAG)
		return;
	if (!school_wide && !(pp->workdays & (1u << day->weekday))) {
		who(v, p->person, name, sizeof(name));
		event_problem(v, ev, _("%s%s does not work on %s"),
			      role_word(ev, p), name,
			      rk_weekday_name(day->weekday));
		return;
	}
	/* The host of a lesbezoek teaches by design (rule 5); its visitors
	 * may teach when a cover person takes their group (rule 14). */
	if (ev->kind == RK_EV_LB &&
	    (p->role == RK_PART_HOST || p->role == RK_PART_VISITOR))
		return;
	span_of(ev, &start, &end);
	const struct rk_lesson *l =
		lesson_at(v, p->person, ev->date, start, end, false);
	if (!l)
		return;
	who(v, p->person, name, sizeof(name));
	lesson_place(l, place, sizeof(place));
	event_problem(v, ev, _("%s%s has a lesson %s%s"), role_word(ev, p),
		      name, all_day(ev) ? _("that day") : _("then"), place);
}

/* Rule 5: one host, who teaches then; visitors, who are free (rule 4). */
static void check_lesbezoek(struct verifier *v, const struct rk_event *ev)
{
	int hosts = 0, visitors = 0, host = -1;
	for (size_t i = 0; i < ev->n_parts; i++) {
		const struct rk_participant *p = &ev->parts[i];
		if (!part_ok(v, p))
			continue;
		if (p->role == RK_PART_HOST) {
			hosts++;
			host = p->person;
		}
		visitors += p->role == RK_PART_VISITOR;
	}
	if (hosts != 1)
		event_problem(v, ev,
			      _("a lesbezoek has exactly one host, not %d"),
			      hosts);
	if (visitors == 0)
		event_problem(
			v, ev,
			_("a lesbezoek has at least one visitor, not none"));
	if (all_day(ev)) {
		event_problem(
			v, ev,
			_("a lesbezoek takes place in a lesson, not all day"));
		return;
	}
	if (hosts != 1 ||
	    lesson_at(v, host, ev->date, ev->start, ev->end, true))
		return;
	char name[256];
	who(v, host, name, sizeof(name));
	event_problem(v, ev, _("host %s has no lesson then"), name);
}

/* The school's cover capacity of person @p, or NULL. */
static const struct rk_cover *cover_of(const struct verifier *v, int p)
{
	for (size_t i = 0; i < rk_school_n_cover(v->school); i++) {
		const struct rk_cover *c = rk_school_get_cover(v->school, i);
		if (c->person.index == p)
			return c;
	}
	return NULL;
}

/* Rule 14 for cover person @p of lesbezoek @ev: on the school's cover
 * list and covering on that weekday. Working that day, having no lesson
 * and no other event are rules 3 and 4. */
static bool cover_ok(struct verifier *v, const struct rk_event *ev,
		     const struct rk_day *day, int p)
{
	const struct rk_cover *c = cover_of(v, p);
	char name[256];
	who(v, p, name, sizeof(name));
	if (!c) {
		event_problem(
			v, ev,
			_("cover %s is not on the school's cover list (cover:)"),
			name);
		return false;
	}
	unsigned days = c->days ? c->days : person(v, p)->workdays;
	if (!(days & (1u << day->weekday))) {
		event_problem(v, ev, _("cover %s does not cover on %s"), name,
			      rk_weekday_name(day->weekday));
		return false;
	}
	return person(v, p)->workdays & (1u << day->weekday) &&
	       !lesson_at(v, p, ev->date, ev->start, ev->end, false);
}

/* Rule 14: a visitor who teaches during the lesbezoek needs a cover
 * person to take the group; a cover person with no group to take is
 * pointless. */
static void check_cover(struct verifier *v, const struct rk_event *ev,
			const struct rk_day *day)
{
	int teaching = 0, covers = 0, valid = 0;
	for (size_t i = 0; i < ev->n_parts; i++) {
		const struct rk_participant *p = &ev->parts[i];
		if (!part_ok(v, p))
			continue;
		if (p->role == RK_PART_COVER) {
			covers++;
			valid += cover_ok(v, ev, day, p->person);
		}
	}
	for (size_t i = 0; i < ev->n_parts; i++) {
		const struct rk_participant *p = &ev->parts[i];
		if (!part_ok(v, p) || p->role != RK_PART_VISITOR)
			continue;
		const struct rk_lesson *l = lesson_at(
			v, p->person, ev->date, ev->start, ev->end, false);
		if (!l)
			continue;
		char name[256], place[300];
		who(v, p->person, name, sizeof(name));
		lesson_place(l, place, sizeof(place));
		if (++teaching > valid)
			event_problem(
				v, ev, _("visitor %s has a lesson then%s%s"),
				name, place,
				covers ? _(" and no cover person free to take the group")
				       : "");
	}
	if (covers && !teaching)
		event_problem(
			v, ev,
			_("it has a cover person, but no visitor has a lesson then: there is no group to take"));
}

/* Rule 7, by the dates of the toetsweek itself. */
static void check_toetsweek(struct verifier *v, const struct rk_event *ev)
{
	if (!rk_school_get_settings(v->school)->avoid_toetsweken)
		return;
	for (size_t i = 0; i < rk_school_n_toetsweek(v->school); i++) {
		const struct rk_toetsweek *t =
			rk_school_get_toetsweek(v->school, i);
		if (ev->date >= t->from && ev->date <= t->to) {
			event_problem(v, ev, _("it falls in toetsweek '%s'"),
				      t->name ? t->name : "");
			return;
		}
	}
}

/* Rule 10: a session the school plans at a chosen moment lies inside
 * the school's windows for its kind (rk_settings_window_ok). */
static void check_window(struct verifier *v, const struct rk_event *ev,
			 const struct rk_day *day)
{
	const struct rk_settings *st = rk_school_get_settings(v->school);
	if (all_day(ev) ||
	    rk_settings_window_ok(st, (int)ev->kind, day->weekday, ev->start,
				  ev->end))
		return;
	event_problem(
		v, ev,
		_("a %s on %s at this time lies outside the school's windows (ritmiek.windows, earliest/latest)"),
		rk_event_kind_name(ev->kind), rk_weekday_name(day->weekday));
}

/* Rule 16: nobody takes part in a session on a day the plan records
 * them as away (an absence line: a rebalance was told they are ill or
 * have left). */
static void check_absent(struct verifier *v, const struct rk_event *ev,
			 int person)
{
	if (!rk_plan_away(v->plan, person, ev->date, ev->date))
		return;
	char name[256], date[RK_DATE_BUFSIZE];
	who(v, person, name, sizeof(name));
	rk_date_format(ev->date, date);
	event_problem(v, ev, _("%s takes part, but is away on %s (absence)"),
		      name, date);
}

static void check_event(struct verifier *v, const struct rk_event *ev)
{
	check_shape(v, ev);
	if (!kind_ok(ev))
		return;
	const struct rk_day *day = check_day(v, ev);
	if (ev->kind == RK_EV_LB)
		check_lesbezoek(v, ev);
	if (!day || day->weekday >= 5 || !is_planned(v, ev))
		return;
	if (ev->kind == RK_EV_LB && !all_day(ev))
		check_cover(v, ev, day);
	check_window(v, ev, day);
	for (size_t i = 0; i < ev->n_parts; i++)
		if (part_ok(v, &ev->parts[i])) {
			check_person_day(v, ev, day, &ev->parts[i]);
			check_absent(v, ev, ev->parts[i].person);
		}
	check_toetsweek(v, ev);
}

/* ------------------------------------------------------------------ */
/* Rule 3: nobody in two events at once                                */
/* ------------------------------------------------------------------ */

struct slot {
	int person;
	int date;
	int start;
	int end;
	size_t ev;
};

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->ev < y->ev ? -1 : x->ev > y->ev;
}

/* Every (person, event) but metingen, which are deadlines. */
static struct slot *collect_slots(struct verifier *v, size_t *n)
{
	size_t cap = 0, k = 0;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++)
		cap += rk_plan_event(v->plan, i)->n_parts;
	struct slot *slots = calloc(cap ? cap : 1, sizeof(*slots));
	if (!slots)
		return NULL;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		if (ev->kind == RK_EV_METING)
			continue;
		for (size_t j = 0; j < ev->n_parts; j++) {
			if (!part_ok(v, &ev->parts[j]))
				continue;
			struct slot *s = &slots[k++];
			s->person = ev->parts[j].person;
			s->date = ev->date;
			s->ev = i;
			span_of(ev, &s->start, &s->end);
		}
	}
	*n = k;
	return slots;
}

static void overlap(struct verifier *v, const struct slot *a,
		    const struct slot *b)
{
	const struct rk_event *x = rk_plan_event(v->plan, a->ev);
	const struct rk_event *y = rk_plan_event(v->plan, b->ev);
	char name[256], span[40];
	int start = a->start > b->start ? a->start : b->start;
	int end = a->end < b->end ? a->end : b->end;

	who(v, a->person, name, sizeof(name));
	if (all_day(x) && all_day(y))
		when(a->date, -1, -1, span, sizeof(span));
	else
		when(a->date, start, end, span, sizeof(span));
	problem(v, y->source_line,
		_("%s is in two events at once: '%s' and '%s' on %s"), name,
		event_id(x), event_id(y), span);
}

/* Per person and day in order of start: each slot is checked against the
 * one reaching furthest so far, so n slots cost a sort, not n^2 pairs. */
static enum rk_status check_overlaps(struct verifier *v)
{
	size_t n = 0;
	struct slot *slots = collect_slots(v, &n);
	if (!slots)
		return RK_ERR_NOMEM;
	qsort(slots, n, sizeof(*slots), cmp_slot);
	const struct slot *cover = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct slot *s = &slots[i];
		if (!cover || cover->person != s->person ||
		    cover->date != s->date) {
			cover = s;
			continue;
		}
		if (s->ev == cover->ev)
			continue; /* listed twice in one event */
		if (s->start < cover->end)
			overlap(v, cover, s);
		if (s->end > cover->end)
			cover = s;
	}
	free(slots);
	return RK_OK;
}

/* ------------------------------------------------------------------ */
/* Rule 6: every team's bordsessie, weekly, at its moment              */
/* ------------------------------------------------------------------ */

/* "team 'exact'", or _("the leerKRACHT-team") for -1. */
static void team_words(const struct verifier *v, int team, char *buf,
		       size_t size)
{
	if (team < 0)
		snprintf(buf, size, _("the leerKRACHT-team"));
	else
		snprintf(buf, size, _("team '%s'"), team_id(v, team));
}

/* "dinsdag 15:30", with the end when @end >= 0. */
static void moment_words(int weekday, int start, int end, char *buf,
			 size_t size)
{
	char s[RK_TIME_BUFSIZE], e[RK_TIME_BUFSIZE];
	if (!time_ok(start)) {
		snprintf(buf, size, _("%s all day"), rk_weekday_name(weekday));
		return;
	}
	rk_time_format(start, s);
	rk_time_format(end, e);
	if (time_ok(end))
		snprintf(buf, size, "%s %s-%s", rk_weekday_name(weekday), s, e);
	else
		snprintf(buf, size, "%s %s", rk_weekday_name(weekday), s);
}

static bool team_ok(const struct verifier *v, int team)
{
	return team >= 0 && (size_t)team < v->n_teams;
}

/* The moment of each team at team + 1; [0] is the leerKRACHT-team's. */
static const struct rk_moment **moments_by_team(struct verifier *v)
{
	const struct rk_moment **by_team =
		calloc(v->n_teams + 1, sizeof(*by_team));
	if (!by_team)
		return NULL;
	for (size_t i = 0; i < rk_plan_n_moments(v->plan); i++) {
		const struct rk_moment *m = rk_plan_moment(v->plan, i);
		char team[160];
		if (m->team != -1 && !team_ok(v, m->team))
			continue; /* reported by check_lists */
		team_words(v, m->team, team, sizeof(team));
		/* A rebalance that moved a team's moment keeps the old one
		 * for the weeks before: each holds from its own date on. */
		const struct rk_moment *had = by_team[m->team + 1];
		if (had && had->from == m->from)
			problem(v, 0,
				_("%s has more than one weekly moment from the same date on"),
				team);
		else if (!had || had->from < m->from)
			by_team[m->team + 1] = m; /* the latest, for presence */
	}
	return by_team;
}

/* The plan's moments by team, the leerKRACHT-team's (-1) first, each
 * team's in plan order: the moments of team t are list[at[t + 1]] up to
 * at[t + 2]. moment_on reads its team's alone: a scan of every moment for
 * every event of the plan grew with the square of the school. */
struct moment_index {
	const struct rk_moment **list;
	size_t *at;
};

static enum rk_status index_moments(const struct verifier *v,
				    struct moment_index *mi)
{
	size_t n = rk_plan_n_moments(v->plan), slots = v->n_teams + 1;
	mi->list = malloc((n + 1) * sizeof(*mi->list));
	mi->at = calloc(slots + 2, sizeof(*mi->at));
	if (!mi->list || !mi->at)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct rk_moment *m = rk_plan_moment(v->plan, i);
		if (m->team == -1 || team_ok(v, m->team))
			mi->at[m->team + 3]++;
	}
	for (size_t s = 2; s < slots + 2; s++)
		mi->at[s] += mi->at[s - 1];
	for (size_t i = 0; i < n; i++) {
		const struct rk_moment *m = rk_plan_moment(v->plan, i);
		if (m->team == -1 || team_ok(v, m->team))
			mi->list[mi->at[m->team + 2]++] = m;
	}
	return RK_OK;
}

/* The moment of @team (-1: the leerKRACHT-team) in force on @date. */
static const struct rk_moment *moment_on(const struct moment_index *mi,
					 int team, int date)
{
	const struct rk_moment *best = NULL;
	for (size_t i = mi->at[team + 1]; i < mi->at[team + 2]; i++) {
		const struct rk_moment *m = mi->list[i];
		if (m->from <= date && (!best || m->from > best->from))
			best = m;
	}
	return best;
}

/* Whether @ev falls in the week in which moment @m took over, on a day
 * after its own weekday: that week's bordsessie goes to a day that was
 * still open when the moment changed. */
static bool change_week(const struct rk_moment *m, const struct rk_event *ev)
{
	int monday = ev->date - rk_date_weekday(ev->date);
	return m->from && m->from - rk_date_weekday(m->from) == monday &&
	       monday + m->weekday < m->from;
}

static void check_at_moment(struct verifier *v, const struct rk_event *ev,
			    const struct rk_moment *m)
{
	int weekday = rk_date_weekday(ev->date);
	/* A bordsessie that holds team sessions (ritmiek.team_sessions) is
	 * 30 minutes longer per session. */
	int end = m->end + 30 * __builtin_popcount(ev->carries);
	if (weekday == m->weekday && ev->start == m->start && ev->end == end)
		return;
	/* Moved within its week (marked in its title), when the moment's day
	 * is no school day or the longer bordsessie did not fit there. */
	const struct rk_day *fixed =
		rk_schoolyear_day(v->year, ev->date - weekday + m->weekday);
	if ((!fixed || !fixed->school_day || ev->carries) &&
	    ev->end - ev->start == end - m->start)
		return;
	/* The end is only worth naming when it is all that differs. */
	bool ends = weekday == m->weekday && ev->start == m->start;
	char team[160], got[64], want[64];
	team_words(v, ev->kind == RK_EV_LKTEAM ? -1 : ev->team, team,
		   sizeof(team));
	moment_words(weekday, ev->start, ends ? ev->end : -1, got, sizeof(got));
	moment_words(m->weekday, m->start, ends ? m->end : -1, want,
		     sizeof(want));
	problem(v, ev->source_line,
		_("%s meets on %s in week %d but its moment is %s"), team, got,
		rk_date_iso_week(ev->date, NULL), want);
}

/* A week with sessions: with school days, and no toetsweek the school
 * avoids. */
static bool session_week(const struct verifier *v, const struct rk_week *wk)
{
	return wk && wk->teaching &&
	       !(wk->toetsweek &&
		 rk_school_get_settings(v->school)->avoid_toetsweken);
}

/* Whether the day of moment @m in week @wk is a school day: only then
 * must the bordsessie be at its moment; otherwise the planner moves it
 * to another school day of the week. */
static bool moment_day_open(const struct verifier *v, const struct rk_week *wk,
			    const struct rk_moment *m)
{
	const struct rk_day *day =
		rk_schoolyear_day(v->year, wk->monday + m->weekday);
	return day && day->school_day;
}

/* Bordsessies at the moments; how many each team held in each week goes
 * to @have. */
static void check_bordsessies(struct verifier *v, const struct moment_index *mi,
			      unsigned char *have, size_t n_weeks)
{
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		const struct rk_moment *lk =
			ev->kind == RK_EV_LKTEAM ? moment_on(mi, -1, ev->date)
						 : NULL;
		if (lk && !change_week(lk, ev))
			check_at_moment(v, ev, lk);
		if (ev->kind != RK_EV_BORDSESSIE)
			continue;
		if (!team_ok(v, ev->team)) {
			if (ev->team == -1)
				event_problem(
					v, ev,
					_("a bordsessie belongs to a team; this one has none"));
			continue;
		}
		const struct rk_day *day = rk_schoolyear_day(v->year, ev->date);
		const struct rk_moment *m = moment_on(mi, ev->team, ev->date);
		if (!day)
			continue;
		unsigned char *n =
			&have[(size_t)ev->team * n_weeks + (size_t)day->week];
		if (*n < 255)
			(*n)++;
		if (*n == 2) {
			char monday[RK_DATE_BUFSIZE];
			const struct rk_week *wk =
				rk_schoolyear_week(v->year, (size_t)day->week);
			rk_date_format(wk->monday, monday);
			event_problem(
				v, ev,
				_("team '%s' has more than one bordsessie in week %d (%s); it has one a week"),
				team_id(v, ev->team), wk->iso_week, monday);
		}
		if (m && !change_week(m, ev) &&
		    moment_day_open(
			    v, rk_schoolyear_week(v->year, (size_t)day->week),
			    m))
			check_at_moment(v, ev, m);
	}
}

static size_t first_period(const struct verifier *v, size_t team)
{
	return rk_plan_team_first_period(v->plan, v->school, team);
}

/* Weeks with sessions lie in the plan's periods from the team's start; a
 * plan without periods is held to the weeks between a team's first and
 * last bordsessie. */
static void weeks_required(const struct verifier *v, size_t team,
			   const unsigned char *have, size_t n_weeks,
			   unsigned char *need)
{
	memset(need, 0, n_weeks);
	for (size_t i = first_period(v, team); i < rk_plan_n_periods(v->plan);
	     i++) {
		const struct rk_period *p = rk_plan_period(v->plan, i);
		for (int w = p->first_week; w <= p->last_week; w++)
			if (w >= 0 && (size_t)w < n_weeks)
				need[w] = 1;
	}
	if (rk_plan_n_periods(v->plan))
		return;
	const unsigned char *mine = have + team * n_weeks;
	size_t first = n_weeks, last = 0;
	for (size_t w = 0; w < n_weeks; w++) {
		if (!mine[w])
			continue;
		if (first == n_weeks)
			first = w;
		last = w;
	}
	for (size_t w = first; w <= last && w < n_weeks; w++)
		need[w] = 1;
}

static void check_weeks(struct verifier *v, const struct rk_moment **moments,
			const unsigned char *have, unsigned char *need,
			size_t n_weeks)
{
	for (size_t t = 0; t < v->n_teams; t++) {
		const struct rk_moment *m = moments[t + 1];
		weeks_required(v, t, have, n_weeks, need);
		if (!m && memchr(need, 1, n_weeks))
			problem(v, 0, _("team '%s' has no weekly moment"),
				team_id(v, (int)t));
		for (size_t w = 0; w < n_weeks; w++) {
			const struct rk_week *wk =
				rk_schoolyear_week(v->year, w);
			char monday[RK_DATE_BUFSIZE];
			if (!need[w] || have[t * n_weeks + w] ||
			    !session_week(v, wk))
				continue;
			rk_date_format(wk->monday, monday);
			problem(v, 0,
				_("team '%s' has no bordsessie in week %d (%s)"),
				team_id(v, (int)t), wk->iso_week, monday);
		}
	}
}

/* A leerKRACHT-team with a weekly moment meets every week with sessions
 * of the periods, as the teams hold their bordsessie (its moment is
 * checked above). */
static void check_lk_weeks(struct verifier *v, const struct rk_moment *lk,
			   unsigned char *need, size_t n_weeks)
{
	if (!lk || !rk_school_get_lkteam(v->school)->n_members)
		return;
	memset(need, 0, n_weeks);
	for (size_t i = 0; i < rk_plan_n_periods(v->plan); i++) {
		const struct rk_period *p = rk_plan_period(v->plan, i);
		for (int w = p->first_week; w <= p->last_week; w++)
			if (w >= 0 && (size_t)w < n_weeks)
				need[w] = 1;
	}
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		const struct rk_day *day = rk_schoolyear_day(v->year, ev->date);
		if (ev->kind == RK_EV_LKTEAM && day)
			need[day->week] = 0;
	}
	for (size_t w = 0; w < n_weeks; w++) {
		const struct rk_week *wk = rk_schoolyear_week(v->year, w);
		char monday[RK_DATE_BUFSIZE];
		if (!need[w] || !session_week(v, wk))
			continue;
		rk_date_format(wk->monday, monday);
		problem(v, 0,
			_("the leerKRACHT-team has no meeting in week %d (%s)"),
			wk->iso_week, monday);
	}
}

static enum rk_status check_moments(struct verifier *v)
{
	size_t n_weeks = rk_schoolyear_n_weeks(v->year);
	const struct rk_moment **moments = moments_by_team(v);
	unsigned char *have = calloc(v->n_teams * n_weeks + 1, 1);
	unsigned char *need = calloc(n_weeks + 1, 1);
	struct moment_index mi = { NULL, NULL };
	enum rk_status status = RK_ERR_NOMEM;

	if (!moments || !have || !need || index_moments(v, &mi) != RK_OK)
		goto out;
	check_bordsessies(v, &mi, have, n_weeks);
	check_weeks(v, moments, have, need, n_weeks);
	check_lk_weeks(v, moments[0], need, n_weeks);
	status = RK_OK;
out:
	free(moments);
	free(mi.list);
	free(mi.at);
	free(have);
	free(need);
	return status;
}

/* ------------------------------------------------------------------ */
/* Rules 8 and 9: lesbezoeken and their feedbackgesprekken             */
/* ------------------------------------------------------------------ */

/* A lesbezoek or feedbackgesprek with its people, sorted and unique, so
 * that those of one duo and period sort together. */
struct talk {
	const struct rk_event *ev;
	int period;
	const int *people;
	size_t n;
	int date;
	int start;
	int end;
	bool lb;
	bool followed; /* a lesbezoek followed by its feedbackgesprek */
};

static int cmp_people(const struct talk *x, const struct talk *y)
{
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	for (size_t i = 0; i < x->n; i++)
		if (x->people[i] != y->people[i])
			return x->people[i] < y->people[i] ? -1 : 1;
	return 0;
}

static int cmp_talk(const void *a, const void *b)
{
	const struct talk *x = a, *y = b;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	int c = cmp_people(x, y);
	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->lb != y->lb)
		return x->lb ? -1 : 1;
	return strcmp(event_id(x->ev), event_id(y->ev));
}

/* Fills @t from @ev, its people taken from @buf at *@used. */
static void make_talk(const struct verifier *v, const struct rk_event *ev,
		      int *buf, size_t *used, struct talk *t)
{
	int *people = buf + *used;
	size_t n = 0;
	/* A cover person takes a group; the talk is the duo's. */
	for (size_t j = 0; j < ev->n_parts; j++)
		if (part_ok(v, &ev->parts[j]) &&
		    ev->parts[j].role != RK_PART_COVER)
			people[n++] = ev->parts[j].person;
	rk_sort_ints(people, n);
	size_t u = 0;
	for (size_t j = 0; j < n; j++)
		if (u == 0 || people[u - 1] != people[j])
			people[u++] = people[j];
	*used += u;
	*t = (struct talk){ .ev = ev,
			    .period = ev->period,
			    .people = people,
			    .n = u,
			    .date = ev->date,
			    .lb = ev->kind == RK_EV_LB };
	span_of(ev, &t->start, &t->end);
}

struct talks {
	struct talk *items;
	size_t n;
	int *people;
};

static enum rk_status collect_talks(const struct verifier *v, struct talks *ts)
{
	size_t n = 0, parts = 0, used = 0;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		if (ev->kind == RK_EV_LB || ev->kind == RK_EV_FB) {
			n++;
			parts += ev->n_parts;
		}
	}
	ts->items = calloc(n ? n : 1, sizeof(*ts->items));
	ts->people = calloc(parts ? parts : 1, sizeof(*ts->people));
	if (!ts->items || !ts->people)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		if (ev->kind == RK_EV_LB || ev->kind == RK_EV_FB)
			make_talk(v, ev, ts->people, &used,
				  &ts->items[ts->n++]);
	}
	qsort(ts->items, ts->n, sizeof(*ts->items), cmp_talk);
	return RK_OK;
}

/* School days after @from up to and including @to on which every person of
 * @t works (a duo of part-timers shares only some days), counted as far as
 * @limit + 1. */
static int school_days_between(const struct verifier *v, int from, int to,
			       int limit, const struct talk *t)
{
	int n = 0;
	for (int d = from + 1; d <= to && n <= limit; d++) {
		const struct rk_day *day = rk_schoolyear_day(v->year, d);
		bool all = day && day->school_day;
		for (size_t i = 0; all && i < t->n; i++)
			all = (person(v, t->people[i])->workdays >>
			       day->weekday) &
			      1u;
		n += all;
	}
	return n;
}

/* The role of @p in @ev (the first listed), or -1. */
static int role_in(const struct rk_event *ev, int p)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == p)
			return (int)ev->parts[i].role;
	return -1;
}

/* A feedbackgesprek that names its visitor and host talks about a
 * lesbezoek of that visitor with that host, not the one the other way
 * round. */
static bool same_pair(const struct talk *lb, const struct talk *fb)
{
	for (size_t i = 0; i < fb->ev->n_parts; i++) {
		const struct rk_participant *p = &fb->ev->parts[i];
		if (p->role != RK_PART_HOST && p->role != RK_PART_VISITOR)
			continue;
		int r = role_in(lb->ev, p->person);
		if ((r == RK_PART_HOST || r == RK_PART_VISITOR) &&
		    r != (int)p->role)
			return false;
	}
	return true;
}

static bool comes_after(const struct talk *lb, const struct talk *fb)
{
	return lb->date < fb->date ||
	       (lb->date == fb->date && lb->end <= fb->start);
}

/* "'P01' (Anna Bakker), 'P02' (Bram de Boer)" */
static void people_words(const struct verifier *v, const struct talk *t,
			 char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < t->n && len < size; i++) {
		char name[256];
		who(v, t->people[i], name, sizeof(name));
		int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
				 name);
		if (w < 0)
			return;
		len += (size_t)w;
	}
}

static bool away(const struct verifier *v, const struct presence *pr, int p,
		 int date);

/* The last day a feedbackgesprek of @lb may fall on: its second school
 * day after the lesbezoek on which all of its people work; 0 when there
 * is none within 60 days. */
static int feedback_deadline(const struct verifier *v, const struct talk *lb)
{
	for (int d = lb->date + 1; d <= lb->date + 60; d++)
		if (school_days_between(v, lb->date, d, FB_MAX_SCHOOL_DAYS,
					lb) >= FB_MAX_SCHOOL_DAYS)
			return d;
	return 0;
}

/* Whether someone of @lb is away when its feedbackgesprek is due (left
 * or ill, in a rebalanced plan): the talk cannot take place. */
static bool feedback_excused(const struct verifier *v, const struct talk *lb)
{
	int due = feedback_deadline(v, lb);
	for (size_t i = 0; due && i < lb->n; i++) {
		if (away(v, &v->presence, lb->people[i], due))
			return true;
		/* Recorded away on a day it could have been on: the planner
		 * lets it lapse rather than move it past the absence. */
		if (rk_plan_away(v->plan, lb->people[i], lb->date + 1, due))
			return true;
	}
	return false;
}

/* Rule 8 for the feedbackgesprek @fb in the group [first, end) of talks
 * with its period and people; marks the lesbezoeken it follows. */
static void check_feedback(struct verifier *v, struct talk *group, size_t n,
			   const struct talk *fb)
{
	const struct talk *before = NULL, *after = NULL;
	bool ok = false;
	for (size_t i = 0; i < n; i++) {
		struct talk *lb = &group[i];
		if (!lb->lb || !same_pair(lb, fb))
			continue;
		if (!comes_after(lb, fb)) {
			if (!after)
				after = lb;
			continue;
		}
		before = lb;
		if (school_days_between(v, lb->date, fb->date,
					FB_MAX_SCHOOL_DAYS,
					fb) <= FB_MAX_SCHOOL_DAYS) {
			lb->followed = true;
			ok = true;
		}
	}
	if (ok)
		return;
	char people[1024], span[40];
	if (before) {
		when(before->date, before->ev->start, before->ev->end, span,
		     sizeof(span));
		event_problem(
			v, fb->ev,
			_("it comes more than two school days after lesbezoek '%s' on %s"),
			event_id(before->ev), span);
	} else if (after) {
		event_problem(
			v, fb->ev,
			_("it comes before lesbezoek '%s' of the same duo, not after it"),
			event_id(after->ev));
	} else {
		people_words(v, fb, people, sizeof(people));
		event_problem(
			v, fb->ev,
			_("no lesbezoek of period %d has the same duo (%s)"),
			fb->period, people);
	}
}

static void check_feedbacks(struct verifier *v, struct talks *ts)
{
	size_t first = 0;
	while (first < ts->n) {
		size_t end = first + 1;
		while (end < ts->n &&
		       ts->items[end].period == ts->items[first].period &&
		       !cmp_people(&ts->items[end], &ts->items[first]))
			end++;
		for (size_t i = first; i < end; i++)
			if (!ts->items[i].lb)
				check_feedback(v, &ts->items[first],
					       end - first, &ts->items[i]);
		first = end;
	}
	/* Rule 8 the other way round: each lesbezoek has its feedback. */
	for (size_t i = 0; i < ts->n; i++) {
		const struct talk *t = &ts->items[i];
		if (!t->lb || t->followed || feedback_excused(v, t))
			continue;
		char people[1024];
		people_words(v, t, people, sizeof(people));
		event_problem(
			v, t->ev,
			_("no feedbackgesprek of its visitor and host (%s) follows this lesbezoek, after it ends and within the next two school days on which both work"),
			people);
	}
}

/* "'P01' and 'P02'", or "'P01', 'P02' and 'P03'" for a trio. */
static void duo_words(const struct verifier *v, const struct rk_duo *d,
		      char *buf, size_t size)
{
	const char *a = person(v, d->a)->id, *b = person(v, d->b)->id;
	if (d->c >= 0)
		snprintf(buf, size, "'%s', '%s' and '%s'", a, b,
			 person(v, d->c)->id);
	else
		snprintf(buf, size, "'%s' and '%s'", a, b);
}

/* Whether @t is a lesbezoek of duo @d with @p in @role; all its people
 * must be of the duo. */
/* A lesbezoek of the duo's team with @p in @role. Within the duo, except
 * after a rebalance in the middle of a period: a visit before it was with
 * the partner one had then, so any visit of the team counts. */
/* Who visited or hosted a lesbezoek, in which team and period: rule 9
 * asks it of every member of every duo. Looking through the period's
 * talks for each of them grew with the square of the school (54 times the
 * work for 6.7 times the teachers from vo 300 to 2,000), so the answers
 * are sorted once and searched. */
struct visit_key {
	int period, team, person, role;
};

static int cmp_visit_key(const void *a, const void *b)
{
	const struct visit_key *x = a, *y = b;
	const int kx[] = { x->period, x->team, x->person, x->role };
	const int ky[] = { y->period, y->team, y->person, y->role };
	for (size_t i = 0; i < 4; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

/* The visitors and hosts of the lesbezoeken in @ts, sorted; NULL without
 * memory. */
static struct visit_key *visit_keys(const struct talks *ts, size_t *n)
{
	size_t cap = 0;
	for (size_t i = 0; i < ts->n; i++)
		if (ts->items[i].lb)
			cap += ts->items[i].ev->n_parts;
	struct visit_key *keys = malloc((cap ? cap : 1) * sizeof(*keys));
	*n = 0;
	for (size_t i = 0; keys && i < ts->n; i++) {
		const struct talk *t = &ts->items[i];
		for (size_t k = 0; t->lb && k < t->ev->n_parts; k++) {
			int role = (int)t->ev->parts[k].role;
			if (role == RK_PART_HOST || role == RK_PART_VISITOR)
				keys[(*n)++] = (struct visit_key){
					t->period, t->ev->team,
					t->ev->parts[k].person, role
				};
		}
	}
	if (keys)
		qsort(keys, *n, sizeof(*keys), cmp_visit_key);
	return keys;
}

/* Rule 9 for member @p of @d as @role. */
static void check_member(struct verifier *v, const struct rk_duo *d, int p,
			 enum rk_part_role role, const struct visit_key *keys,
			 size_t n)
{
	/* A lesbezoek without its feedbackgesprek is reported at the
	 * lesbezoek itself (check_feedbacks). */
	const struct visit_key want = { d->period, d->team, p, (int)role };
	if (bsearch(&want, keys, n, sizeof(*keys), cmp_visit_key))
		return;
	char duo[256], name[256];
	const char *as = role == RK_PART_HOST ? _("host") : _("visitor");
	duo_words(v, d, duo, sizeof(duo));
	who(v, p, name, sizeof(name));
	problem(v, 0,
		_("duo %s of team '%s' in period %d: %s has no lesbezoek as %s"),
		duo, team_id(v, d->team), d->period, name, as);
}

/* Whether the plan records someone of @d as away on a day of its period
 * (an illness a rebalance was told): a lesbezoek in it lapses, so rule 9
 * cannot ask for one of each. */
static int period_numbered(const struct verifier *v, int number);

static bool duo_absent(const struct verifier *v, const struct rk_duo *d)
{
	int p = period_numbered(v, d->period);
	int members[3] = { d->a, d->b, d->c };
	for (int m = 0; p >= 0 && m < (d->c >= 0 ? 3 : 2); m++)
		if (rk_plan_away(v->plan, members[m], v->periods[p].from,
				 v->periods[p].to))
			return true;
	return false;
}

static enum rk_status check_duos(struct verifier *v, const struct talks *ts)
{
	size_t n_keys;
	struct visit_key *keys = visit_keys(ts, &n_keys);
	if (!keys)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_duos(v->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(v->plan, i);
		if (!team_ok(v, d->team) || !person(v, d->a) ||
		    !person(v, d->b) || (d->c != -1 && !person(v, d->c)))
			continue; /* reported by check_lists */
		int members[3] = { d->a, d->b, d->c };
		for (int m = 0; !duo_absent(v, d) && m < (d->c >= 0 ? 3 : 2);
		     m++) {
			check_member(v, d, members[m], RK_PART_VISITOR, keys,
				     n_keys);
			check_member(v, d, members[m], RK_PART_HOST, keys,
				     n_keys);
		}
	}
	free(keys);
	return RK_OK;
}

static enum rk_status check_talks(struct verifier *v)
{
	struct talks ts = { 0 };
	enum rk_status status = collect_talks(v, &ts);
	if (status == RK_OK) {
		check_feedbacks(v, &ts);
		status = check_duos(v, &ts);
	}
	free(ts.items);
	free(ts.people);
	return status;
}

/* ------------------------------------------------------------------ */
/* Rules 11 to 13: the ritmiek of each period                          */
/* ------------------------------------------------------------------ */

/* The team sessions of the period sequence (DOMAIN.md). */
static const struct {
	unsigned act;
	enum rk_event_kind kind;
} team_kinds[3] = {
	{ RK_ACT_ARENA, RK_EV_LEERLINGARENA },
	{ RK_ACT_VERDIEPING, RK_EV_VERDIEPING },
	{ RK_ACT_RETRO, RK_EV_RETROSPECTIVE },
};

#define TEAM_KIND_BITS                                            \
	((1u << RK_EV_LEERLINGARENA) | (1u << RK_EV_VERDIEPING) | \
	 (1u << RK_EV_RETROSPECTIVE))

/* The table of engine/ritmiek.c over the period's weeks with sessions: a
 * period of N weeks holds what its N weeks hold. The first period of year
 * 1 is "aan de slag". */
static void period_info(const struct verifier *v, size_t i, struct pinfo *pi)
{
	const struct rk_period *p = rk_plan_period(v->plan, i);
	size_t n_weeks = rk_schoolyear_n_weeks(v->year);
	char agenda[600];
	memset(pi, 0, sizeof(*pi));
	pi->from = pi->to = INT_MIN;
	if (p->first_week < 0 || p->last_week < p->first_week ||
	    (size_t)p->last_week >= n_weeks)
		return;
	pi->from = rk_schoolyear_week(v->year, (size_t)p->first_week)->monday;
	pi->to = rk_schoolyear_week(v->year, (size_t)p->last_week)->monday + 6;
	for (int w = p->first_week; w <= p->last_week; w++)
		pi->weeks +=
			session_week(v, rk_schoolyear_week(v->year, (size_t)w));
	bool ads = rk_school_get_info(v->school)->programme_year < 2 &&
		   p->number == 1;
	for (int k = 1; k <= pi->weeks; k++)
		pi->acts |= rk_ritmiek_week(pi->weeks, k, ads, agenda,
					    sizeof(agenda));
}

/* The index of the period holding @date, or -1. */
static int period_at(const struct verifier *v, int date)
{
	for (size_t i = 0; i < v->n_periods; i++)
		if (date >= v->periods[i].from && date <= v->periods[i].to)
			return (int)i;
	return -1;
}

/* The index of the period numbered @number, or -1. */
static int period_numbered(const struct verifier *v, int number)
{
	for (size_t i = 0; i < v->n_periods; i++)
		if (rk_plan_period(v->plan, i)->number == number)
			return (int)i;
	return -1;
}

static void period_words(const struct verifier *v, size_t i, char *buf,
			 size_t size)
{
	char from[RK_DATE_BUFSIZE], to[RK_DATE_BUFSIZE];
	rk_date_format(v->periods[i].from, from);
	rk_date_format(v->periods[i].to, to);
	snprintf(buf, size, "period %d (%s to %s)",
		 rk_plan_period(v->plan, i)->number, from, to);
}

/* Minutes since the start of the year's calendar: for "before". */
static long start_key(const struct rk_event *ev)
{
	return (long)ev->date * DAY_MINUTES + (all_day(ev) ? 0 : ev->start);
}

static long end_key(const struct rk_event *ev)
{
	return (long)ev->date * DAY_MINUTES +
	       (all_day(ev) ? DAY_MINUTES : ev->end);
}

/* Whether @text holds @word, ignoring ASCII case. */
static bool mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (; text && *text; text++) {
		size_t k = 0;
		while (k < n && text[k] && (text[k] | 0x20) == (word[k] | 0x20))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

/* Rule 11 for a bordsessie that holds team sessions: only those the
 * school holds in the bordsessie, said in its title, and long enough. */
static void check_carries(struct verifier *v, const struct rk_event *ev)
{
	const struct rk_settings *st = rk_school_get_settings(v->school);
	int carried = 0;
	if (ev->carries & ~TEAM_KIND_BITS)
		event_problem(
			v, ev,
			_("it says it holds sessions a bordsessie cannot hold (only leerlingarena, verdieping and retrospectief)"));
	for (size_t k = 0; k < 3; k++) {
		enum rk_event_kind kind = team_kinds[k].kind;
		const char *name = rk_event_kind_name(kind);
		if (!(ev->carries & (1u << kind)))
			continue;
		carried++;
		if (!(st->in_bordsessie & (1u << kind)))
			event_problem(
				v, ev,
				_("it holds the %s, but the school holds the %s as a session of its own (ritmiek.team_sessions)"),
				name, name);
		if (!mentions(ev->title, name))
			event_problem(
				v, ev,
				_("it holds the %s, but its title '%s' does not say so"),
				name, ev->title ? ev->title : "");
	}
	int need = st->bordsessie_minutes + 30 * carried;
	if (!all_day(ev) && ev->end - ev->start < need)
		event_problem(
			v, ev,
			_("it holds %d team session(s) and lasts %d minutes; it needs at least %d (the bordsessie and 30 per session)"),
			carried, ev->end - ev->start, need);
}

/* The team sessions each team holds in each period, own or carried. */
struct held {
	int n;
	const struct rk_event *first;
	const struct rk_event *second;
};

static struct held *held_at(struct verifier *v, struct held *h, size_t team,
			    size_t period, size_t k)
{
	return &h[(team * v->n_periods + period) * 3 + k];
}

static void hold(struct held *h, const struct rk_event *ev)
{
	if (h->n == 0)
		h->first = ev;
	else if (h->n == 1)
		h->second = ev;
	h->n++;
}

static bool team_kind(const struct rk_event *ev, size_t *k)
{
	for (*k = 0; *k < 3; (*k)++)
		if (team_kinds[*k].kind == ev->kind)
			return true;
	return false;
}

static void collect_held(struct verifier *v, struct held *h)
{
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		int p = period_at(v, ev->date);
		size_t k;
		if (ev->kind == RK_EV_BORDSESSIE && ev->carries)
			check_carries(v, ev);
		if (ev->kind == RK_EV_VERBINDING) {
			if (p < 0)
				event_problem(
					v, ev,
					_("a verbindingssessie closes a period; this one falls in none"));
			else if (v->periods[p].verbinding)
				event_problem(
					v, ev,
					_("period %d has another verbindingssessie, '%s'; it has one"),
					rk_plan_period(v->plan, (size_t)p)
						->number,
					event_id(v->periods[p].verbinding));
			else
				v->periods[p].verbinding = ev;
		}
		bool own = team_kind(ev, &k);
		if (!own && !(ev->kind == RK_EV_BORDSESSIE && ev->carries))
			continue;
		if (!team_ok(v, ev->team) || p < 0) {
			if (own)
				event_problem(
					v, ev,
					_("a %s is a session of a team in a period; this one has %s"),
					rk_event_kind_name(ev->kind),
					p < 0 ? _("no period") : _("no team"));
			continue;
		}
		for (k = 0; k < 3; k++)
			if (ev->kind == team_kinds[k].kind ||
			    (ev->kind == RK_EV_BORDSESSIE &&
			     ev->carries & (1u << team_kinds[k].kind)))
				hold(held_at(v, h, (size_t)ev->team, (size_t)p,
					     k),
				     ev);
	}
}

/* Rule 11 for team @t in period @p: each team session its ritmiek asks
 * for, exactly once; none it does not. */
static void check_held(struct verifier *v, struct held *h, size_t t, size_t p)
{
	unsigned acts = p >= first_period(v, t) ? v->periods[p].acts : 0;
	char period[80];
	period_words(v, p, period, sizeof(period));
	for (size_t k = 0; k < 3; k++) {
		const struct held *x = held_at(v, h, t, p, k);
		const char *name = rk_event_kind_name(team_kinds[k].kind);
		bool want = acts & team_kinds[k].act;
		if (want && x->n == 0)
			problem(v, 0,
				_("team '%s' has no %s in %s: the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)"),
				team_id(v, (int)t), name, period);
		else if (want && x->n > 1)
			event_problem(
				v, x->second,
				_("team '%s' already has a %s in %s ('%s'); the ritmiek has one"),
				team_id(v, (int)t), name, period,
				event_id(x->first));
		else if (!want && x->n)
			event_problem(
				v, x->first,
				_("the ritmiek of team '%s' in %s has no %s"),
				team_id(v, (int)t), period, name);
	}
}

/* Rule 12 for team @t in period @p: the leerlingarena is its first team
 * session, and every team session comes before the verbindingssessie. */
static void check_order(struct verifier *v, struct held *h, size_t t, size_t p)
{
	const struct rk_event *arena = held_at(v, h, t, p, 0)->first;
	const struct rk_event *verbinding = v->periods[p].verbinding;
	for (size_t k = 0; k < 3; k++) {
		const struct rk_event *ev = held_at(v, h, t, p, k)->first;
		const char *name = rk_event_kind_name(team_kinds[k].kind);
		if (!ev)
			continue;
		if (verbinding && end_key(ev) > start_key(verbinding))
			event_problem(
				v, ev,
				_("the %s of team '%s' ends after verbindingssessie '%s' begins; the team's sessions of period %d come before it"),
				name, team_id(v, (int)t), event_id(verbinding),
				rk_plan_period(v->plan, p)->number);
		if (k > 0 && arena && ev != arena &&
		    start_key(ev) < start_key(arena))
			event_problem(
				v, arena,
				_("the leerlingarena of team '%s' comes after its %s '%s'; the leerlingarena is the first team session of the period"),
				team_id(v, (int)t), name, event_id(ev));
	}
}

static enum rk_status check_team_sessions(struct verifier *v)
{
	struct held *h = calloc(v->n_teams * v->n_periods * 3 + 1, sizeof(*h));
	if (!h)
		return RK_ERR_NOMEM;
	collect_held(v, h);
	for (size_t p = 0; p < v->n_periods; p++) {
		char period[80];
		period_words(v, p, period, sizeof(period));
		if (!v->periods[p].verbinding)
			problem(v, 0,
				_("%s has no verbindingssessie; it closes every period"),
				period);
		for (size_t t = 0; t < v->n_teams; t++) {
			check_held(v, h, t, p);
			check_order(v, h, t, p);
		}
	}
	free(h);
	return RK_OK;
}

/* Whether person @p is a member of team @t in the school file: one who
 * left the team needs no sessions of it. */
static bool in_team(const struct verifier *v, int t, int p)
{
	const struct rk_team *team = rk_school_get_team(v->school, (size_t)t);
	for (size_t m = 0; m < team->n_members; m++)
		if (team->members[m].index == p)
			return true;
	return false;
}

static bool takes_part(const struct rk_event *ev, int p)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == p &&
		    ev->parts[i].role != RK_PART_COVER)
			return true;
	return false;
}

/* Whether every participant of @ev (but a cover person) is of @d. */
static bool of_duo(const struct rk_event *ev, const struct rk_duo *d)
{
	for (size_t i = 0; i < ev->n_parts; i++) {
		int p = ev->parts[i].person;
		if (ev->parts[i].role != RK_PART_COVER && p != d->a &&
		    p != d->b && p != d->c)
			return false;
	}
	return ev->n_parts > 0;
}

/* Whether team @t held its bordsessie of the week of @monday on a day
 * @p works, without them: then @p's having no event that week is an
 * absence. Not a week the team had none (a studiedag on its only common
 * day), nor one whose bordsessie moved to a day @p does not work
 * (Koningsdag on the team's day). */
static bool met_without(const struct verifier *v, int t, int p, int monday)
{
	const struct rk_person *pp = rk_school_get_person(v->school, (size_t)p);
	for (size_t i = v->team_at[t]; i < v->team_at[t + 1]; i++) {
		const struct rk_event *ev = v->by_team[i];
		if (ev->kind == RK_EV_BORDSESSIE && ev->date >= monday &&
		    ev->date < monday + 7 && !takes_part(ev, p) &&
		    rk_schoolyear_works(v->year, pp, ev->date))
			return true;
	}
	return false;
}

/* The session weeks of the period in which someone of @d is away (ill,
 * as the plan shows it: no event of theirs in a week in which their team
 * met, see away()). */
static int weeks_away(const struct verifier *v, const struct rk_duo *d,
		      const struct pinfo *pi)
{
	int members[3] = { d->a, d->b, d->c }, n = 0;
	for (size_t w = 0; w < rk_schoolyear_n_weeks(v->year); w++) {
		const struct rk_week *wk = rk_schoolyear_week(v->year, w);
		if (wk->monday < pi->from || wk->monday > pi->to ||
		    !session_week(v, wk))
			continue;
		for (int m = 0; m < (d->c >= 0 ? 3 : 2); m++)
			if (rk_plan_away(v->plan, members[m], wk->monday,
					 wk->monday + 4) ||
			    (away(v, &v->presence, members[m], wk->monday) &&
			     met_without(v, d->team, members[m], wk->monday))) {
				n++;
				break;
			}
	}
	return n;
}

/* Rule 13, gezamenlijk lesontwerp: each member of @d (still in the team)
 * in one per round of the period. Before a rebalance in the middle of a
 * period that was with the partner one had then, so any of the team's
 * counts. A round may be lost for each week someone of the duo is away:
 * a lesontwerp that fell in an illness lapses (the planner lets it slip
 * only where the rest of the cycle still fits). */
static void check_duo_gl(struct verifier *v, const struct rk_duo *d,
			 const struct pinfo *pi)
{
	int rounds = !!(pi->acts & RK_ACT_GL1) + !!(pi->acts & RK_ACT_GL2);
	int members[3] = { d->a, d->b, d->c };
	int lapsed = weeks_away(v, d, pi);
	for (int m = 0; m < (d->c >= 0 ? 3 : 2); m++) {
		int n = 0;
		if (!in_team(v, d->team, members[m]))
			continue;
		for (size_t i = v->team_at[d->team];
		     i < v->team_at[d->team + 1]; i++) {
			const struct rk_event *ev = v->by_team[i];
			n += ev->kind == RK_EV_GL && ev->team == d->team &&
			     ev->date >= pi->from && ev->date <= pi->to &&
			     takes_part(ev, members[m]);
		}
		if (n >= rounds || n + lapsed >= rounds)
			continue;
		char duo[256], name[256];
		duo_words(v, d, duo, sizeof(duo));
		who(v, members[m], name, sizeof(name));
		problem(v, 0,
			_("duo %s of team '%s' in period %d: %s has %d gezamenlijk lesontwerp, but the period has %d round(s) of it"),
			duo, team_id(v, d->team), d->period, name, n, rounds);
	}
}

/* Whether @ev has exactly the members of @d (a cover person aside). */
static bool whole_duo(const struct rk_event *ev, const struct rk_duo *d)
{
	return of_duo(ev, d) && takes_part(ev, d->a) && takes_part(ev, d->b) &&
	       (d->c < 0 || takes_part(ev, d->c));
}

static bool duo_session(const struct rk_event *ev, const struct rk_duo *d,
			const struct pinfo *pi)
{
	if ((ev->kind != RK_EV_GL && ev->kind != RK_EV_LB) ||
	    ev->team != d->team || ev->date < pi->from || ev->date > pi->to)
		return false;
	return ev->kind == RK_EV_GL ? whole_duo(ev, d) : of_duo(ev, d);
}

/* The round of lesontwerp or lesbezoek @ev among its duo's so far,
 * counted in @n: a duo visits once a round, a trio three times. */
static int round_of(const struct rk_event *ev, const struct rk_duo *d, int n[2])
{
	if (ev->kind == RK_EV_GL)
		return n[0]++;
	return n[1]++ / (d->c >= 0 ? 3 : 1);
}

/* Rule 12 for a duo: its lesontwerp and lesbezoeken of round 2 come after
 * those of round 1 (a feedbackgesprek follows its own lesbezoek, rule 8).
 * Rounds are counted in time order, so only for a duo that was one all
 * period: with a lesontwerp of the whole duo in each round (after a
 * rebalance in the middle of a period the rounds are not its own). */
static void check_duo_rounds(struct verifier *v, const struct rk_duo *d,
			     const struct pinfo *pi)
{
	int n[2] = { 0, 0 };
	const struct rk_event *last1 = NULL;
	size_t first = v->team_at[d->team], end = v->team_at[d->team + 1];
	for (size_t i = first; i < end; i++) {
		const struct rk_event *ev = v->by_team[i];
		if (duo_session(ev, d, pi) && round_of(ev, d, n) == 0 &&
		    (!last1 || start_key(ev) > start_key(last1)))
			last1 = ev;
	}
	if (n[0] < 2)
		return;
	memset(n, 0, sizeof(n));
	for (size_t i = first; last1 && i < end; i++) {
		const struct rk_event *ev = v->by_team[i];
		if (!duo_session(ev, d, pi) || round_of(ev, d, n) != 1 ||
		    start_key(ev) >= start_key(last1))
			continue;
		char duo[256];
		duo_words(v, d, duo, sizeof(duo));
		event_problem(
			v, ev,
			_("duo %s of team '%s' in period %d: this %s of round 2 comes before '%s' of round 1"),
			duo, team_id(v, d->team), d->period,
			rk_event_kind_name(ev->kind), event_id(last1));
	}
}

/* v->by_team: a stable counting sort of the events by team. */
static enum rk_status index_teams(struct verifier *v)
{
	size_t n = rk_plan_n_events(v->plan);
	v->by_team = malloc((n + 1) * sizeof(*v->by_team));
	v->team_at = calloc(v->n_teams + 2, sizeof(*v->team_at));
	if (!v->by_team || !v->team_at)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		if (team_ok(v, rk_plan_event(v->plan, i)->team))
			v->team_at[rk_plan_event(v->plan, i)->team + 2]++;
	for (size_t t = 2; t < v->n_teams + 2; t++)
		v->team_at[t] += v->team_at[t - 1];
	for (size_t i = 0; i < n; i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		if (team_ok(v, ev->team))
			v->by_team[v->team_at[ev->team + 1]++] = ev;
	}
	return RK_OK;
}

static void check_duo_sessions(struct verifier *v)
{
	for (size_t i = 0; i < rk_plan_n_duos(v->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(v->plan, i);
		if (!team_ok(v, d->team) || !person(v, d->a) ||
		    !person(v, d->b) || (d->c != -1 && !person(v, d->c)))
			continue; /* reported by check_lists */
		int p = period_numbered(v, d->period);
		if (p < 0) {
			problem(v, 0,
				_("duo %zu is of period %d, which the plan does not have"),
				i + 1, d->period);
			continue;
		}
		check_duo_gl(v, d, &v->periods[p]);
		check_duo_rounds(v, d, &v->periods[p]);
	}
}

/* ------------------------------------------------------------------ */
/* Rule 15: who is invited to the school-wide and external dates        */
/* ------------------------------------------------------------------ */

/* Everyone on the staff: every person but the external expert coach. */
static bool staff(const struct verifier *v, int p)
{
	return person(v, p)->roles & ~(unsigned)RK_ROLE_EXPERTCOACH;
}

static enum rk_status index_presence(const struct verifier *v,
				     struct presence *pr)
{
	size_t n = 0;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++)
		n += rk_plan_event(v->plan, i)->n_parts;
	pr->first = calloc(v->n_people + 2, sizeof(*pr->first));
	pr->dates = calloc(n + 1, sizeof(*pr->dates));
	pr->weekly = calloc(v->n_people + 1, sizeof(*pr->weekly));
	pr->member = calloc(v->n_people + 1, sizeof(*pr->member));
	if (!pr->first || !pr->dates || !pr->weekly || !pr->member)
		return RK_ERR_NOMEM;
	for (size_t t = 0; t <= rk_school_n_team(v->school); t++) {
		const struct rk_team *team =
			t < rk_school_n_team(v->school)
				? rk_school_get_team(v->school, t)
				: rk_school_get_lkteam(v->school);
		for (size_t m = 0; team && m < team->n_members; m++)
			if (team->members[m].index >= 0 &&
			    (size_t)team->members[m].index < v->n_people)
				pr->member[team->members[m].index] = true;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
			const struct rk_event *ev = rk_plan_event(v->plan, i);
			for (size_t j = 0; j < ev->n_parts; j++) {
				int p = ev->parts[j].person;
				if (!person(v, p) || ev->kind == RK_EV_METING)
					continue;
				if (pass == 0) {
					pr->first[p + 2]++;
					continue;
				}
				pr->dates[pr->first[p + 1]++] = ev->date;
				pr->weekly[p] |= ev->kind == RK_EV_BORDSESSIE ||
						 ev->kind == RK_EV_LKTEAM;
			}
		}
		if (pass == 0)
			for (size_t p = 2; p < v->n_people + 2; p++)
				pr->first[p] += pr->first[p - 1];
	}
	for (size_t p = 0; p < v->n_people; p++)
		rk_sort_ints(pr->dates + pr->first[p],
			     pr->first[p + 1] - pr->first[p]);
	return RK_OK;
}

/* Whether person @p, who has weekly sessions, is away on @date as the
 * plan shows it after a rebalance (the school file still lists them): no
 * event from the date on (left), or none at all in that week (ill). */
static bool away(const struct verifier *v, const struct presence *pr, int p,
		 int date)
{
	/* What the plan records is known, not guessed. */
	if (rk_plan_away(v->plan, p, date, date))
		return true;
	const int *d = pr->dates + pr->first[p];
	size_t n = pr->first[p + 1] - pr->first[p];
	/* Only the weekly sessions of a team or the leerKRACHT-team are
	 * regular enough for their absence to mean something. A member who
	 * has none at all left before their team's first: away once they
	 * have no event left. Not one without any event: that is someone
	 * the plan forgot, whom every staff-wide session still expects. */
	if (!pr->weekly[p])
		return pr->member[p] && n && d[n - 1] < date;
	if (n && d[n - 1] < date)
		return true;
	int monday = rk_date_monday(date);
	for (size_t i = 0; i < n; i++)
		if (d[i] >= monday && d[i] <= monday + 6)
			return false;
	return true;
}

/* Reports each person @expected says is invited to @ev but not in it. */
static void check_audience(struct verifier *v, const struct presence *pr,
			   const struct rk_event *ev,
			   bool (*expected)(const struct verifier *v, int p,
					    const void *data),
			   const void *data, const char *why)
{
	for (size_t p = 0; p < v->n_people; p++) {
		if (!expected(v, (int)p, data) || takes_part(ev, (int)p) ||
		    away(v, pr, (int)p, ev->date))
			continue;
		char name[256];
		who(v, (int)p, name, sizeof(name));
		event_problem(v, ev, _("%s is not invited, but %s"), name, why);
	}
}

static bool staff_expected(const struct verifier *v, int p, const void *data)
{
	(void)data;
	return staff(v, p);
}

static bool in_lkteam(const struct verifier *v, int p)
{
	const struct rk_team *lk = rk_school_get_lkteam(v->school);
	for (size_t m = 0; m < lk->n_members; m++)
		if (lk->members[m].index == p)
			return true;
	return false;
}

/* The audience the school file gives an external date. */
static bool external_expected(const struct verifier *v, int p, const void *data)
{
	const struct rk_external *x = data;
	if ((person(v, p)->roles & x->roles) || (x->everyone && staff(v, p)) ||
	    (x->leerkracht_team && in_lkteam(v, p)))
		return true;
	for (size_t k = 0; k < x->n_people; k++)
		if (x->people[k].index == p)
			return true;
	return false;
}

/* The plan's event of external date @x: its kind, date and start, by name
 * when several fit. */
static const struct rk_event *external_event(const struct verifier *v,
					     const struct rk_external *x)
{
	const struct rk_event *found = NULL;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		if (ev->kind != rk_event_kind_of_external(x->kind) ||
		    ev->date != x->date || ev->start != x->start)
			continue;
		if (ev->title && x->name && !strcmp(ev->title, x->name))
			return ev;
		if (!found)
			found = ev;
	}
	return found;
}

static void check_externals(struct verifier *v, const struct presence *pr)
{
	for (size_t i = 0; i < rk_school_n_external(v->school); i++) {
		const struct rk_external *x =
			rk_school_get_external(v->school, i);
		bool given = x->roles || x->leerkracht_team || x->everyone ||
			     x->n_people;
		const struct rk_event *ev = external_event(v, x);
		char why[300], date[RK_DATE_BUFSIZE];
		rk_date_format(x->date, date);
		if (!ev) {
			problem(v, 0,
				_("the external date '%s' on %s (school file line %d) is not in the plan"),
				x->name ? x->name : "", date, x->loc.line);
			continue;
		}
		if (!given)
			continue;
		snprintf(why, sizeof(why),
			 _("the school file invites them to '%s' (line %d)"),
			 x->name ? x->name : "", x->loc.line);
		check_audience(v, pr, ev, external_expected, x, why);
	}
}

static void check_invited(struct verifier *v)
{
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		char why[120];
		if (ev->kind != RK_EV_DRAAGVLAKSESSIE &&
		    ev->kind != RK_EV_STARTDAG && ev->kind != RK_EV_VERBINDING)
			continue;
		snprintf(why, sizeof(why),
			 _("a %s is for everyone on the staff"),
			 rk_event_kind_name(ev->kind));
		check_audience(v, &v->presence, ev, staff_expected, NULL, why);
	}
	check_externals(v, &v->presence);
}

/* Rule 14: a cover person covers at most max_per_week lesbezoeken in a
 * week. */
static enum rk_status check_cover_weeks(struct verifier *v)
{
	size_t n_weeks = rk_schoolyear_n_weeks(v->year);
	int *count = calloc(n_weeks + 1, sizeof(*count));
	if (!count)
		return RK_ERR_NOMEM;
	for (size_t c = 0; c < rk_school_n_cover(v->school); c++) {
		const struct rk_cover *cv = rk_school_get_cover(v->school, c);
		int p = cv->person.index;
		if (cv->max_per_week <= 0 || !person(v, p))
			continue;
		memset(count, 0, (n_weeks + 1) * sizeof(*count));
		for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
			const struct rk_event *ev = rk_plan_event(v->plan, i);
			const struct rk_day *day =
				rk_schoolyear_day(v->year, ev->date);
			if (ev->kind != RK_EV_LB || !day ||
			    role_in(ev, p) != RK_PART_COVER ||
			    ++count[day->week] != cv->max_per_week + 1)
				continue;
			char name[256];
			who(v, p, name, sizeof(name));
			event_problem(
				v, ev,
				_("cover %s covers more than %d lesbezoek(en) in week %d (cover: max_per_week)"),
				name, cv->max_per_week,
				rk_date_iso_week(ev->date, NULL));
		}
	}
	free(count);
	return RK_OK;
}

/* Each period's dates and sequence, for the rules that follow. */
static enum rk_status index_periods(struct verifier *v)
{
	v->n_periods = rk_plan_n_periods(v->plan);
	v->periods = calloc(v->n_periods + 1, sizeof(*v->periods));
	if (!v->periods)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < v->n_periods; i++)
		period_info(v, i, &v->periods[i]);
	return RK_OK;
}

static enum rk_status check_periods(struct verifier *v)
{
	for (size_t i = 0; i < v->n_periods; i++) {
		const struct rk_period *p = rk_plan_period(v->plan, i);
		/* The ritmiek of a period depends on its length. */
		if (p->weeks != v->periods[i].weeks)
			problem(v, 0,
				_("period %d says it has %d weeks with sessions, but the calendar gives it %d"),
				p->number, p->weeks, v->periods[i].weeks);
	}
	enum rk_status status = check_team_sessions(v);
	if (status == RK_OK)
		status = index_teams(v);
	if (status == RK_OK)
		check_duo_sessions(v);
	return status;
}

/* ------------------------------------------------------------------ */

/* The first programme year opens with a draagvlaksessie for everyone and
 * the leerKRACHT-team's startfase sessions (DOMAIN.md), before its first
 * period, "aan de slag"; each at a time (the rules above check whom it
 * suits). */
static void check_opening(struct verifier *v)
{
	if (rk_school_get_info(v->school)->programme_year >= 2 ||
	    !rk_plan_n_periods(v->plan) ||
	    strcmp(rk_plan_period(v->plan, 0)->phase, "aan de slag") != 0)
		return;
	size_t draagvlak = 0, startfase = 0;
	for (size_t i = 0; i < rk_plan_n_events(v->plan); i++) {
		const struct rk_event *ev = rk_plan_event(v->plan, i);
		draagvlak +=
			ev->kind == RK_EV_DRAAGVLAKSESSIE && ev->start >= 0;
		startfase += ev->kind == RK_EV_STARTFASE && ev->start >= 0;
	}
	int want = rk_school_startfase_sessions(v->school);
	if (!draagvlak)
		problem(v, 0,
			_("no draagvlaksessie: the first programme year opens with one for all teachers"));
	if (startfase < (size_t)want)
		problem(v, 0,
			_("%zu startfase session(s): in the first programme year the leerKRACHT-team holds %d (3 to 5 by the number of teachers)"),
			startfase, want);
}

enum rk_status rk_verify(const struct rk_school *school,
			 const struct rk_schoolyear *year,
			 const struct rk_plan *plan, const char *plan_file,
			 struct rk_diags *diags)
{
	struct verifier v = {
		.school = school,
		.year = year,
		.plan = plan,
		.file = plan_file,
		.diags = diags,
	};
	enum rk_status status;

	if (!school || !year || !plan)
		return RK_ERR_ARG;
	v.n_people = rk_school_n_person(school);
	v.n_teams = rk_school_n_team(school);
	status = index_lessons(&v);
	if (status == RK_OK)
		status = index_presence(&v, &v.presence);
	if (status == RK_OK)
		status = index_periods(&v);
	if (status == RK_OK)
		status = check_ids(&v);
	if (status == RK_OK) {
		check_lists(&v);
		for (size_t i = 0; i < rk_plan_n_events(plan); i++)
			check_event(&v, rk_plan_event(plan, i));
		status = check_overlaps(&v);
	}
	if (status == RK_OK)
		status = check_moments(&v);
	if (status == RK_OK)
		status = check_talks(&v);
	if (status == RK_OK)
		status = check_periods(&v);
	if (status == RK_OK) {
		check_invited(&v);
		check_opening(&v);
	}
	if (status == RK_OK)
		status = check_cover_weeks(&v);
	free(v.lesson_first);
	free(v.lesson_idx);
	free(v.periods);
	free(v.by_team);
	free(v.team_at);
	free(v.presence.first);
	free(v.presence.dates);
	free(v.presence.weekly);
	free(v.presence.member);
	if (status == RK_OK && (v.found || rk_diags_oom(diags)))
		status = v.found ? RK_ERR_INPUT : RK_ERR_NOMEM;
	return status;
}
