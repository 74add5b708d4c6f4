#include "config.h"

#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct rk_plan {
	struct rk_arena arena;
	struct rk_vec events;
	struct rk_vec moments;
	struct rk_vec duos;
	struct rk_vec periods;
	struct rk_vec reports;
	struct rk_vec timetables;
	struct rk_vec absences;
	struct rk_plan_bound bound;
};

struct rk_plan *rk_plan_new(void)
{
	return calloc(1, sizeof(struct rk_plan));
}

void rk_plan_free(struct rk_plan *plan)
{
	if (!plan)
		return;
	rk_arena_release(&plan->arena);
	rk_vec_release(&plan->events);
	rk_vec_release(&plan->moments);
	rk_vec_release(&plan->duos);
	rk_vec_release(&plan->periods);
	rk_vec_release(&plan->reports);
	rk_vec_release(&plan->timetables);
	rk_vec_release(&plan->absences);
	free(plan);
}

const char *rk_plan_strdup(struct rk_plan *plan, const char *text)
{
	return text ? rk_arena_strndup(&plan->arena, text, strlen(text)) : NULL;
}

const char *rk_plan_printf(struct rk_plan *plan, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = rk_arena_vprintf(&plan->arena, fmt, ap);
	va_end(ap);
	return text;
}

void *rk_plan_alloc(struct rk_plan *plan, size_t count, size_t size)
{
	return rk_arena_alloc(&plan->arena, count, size);
}

struct rk_event *rk_plan_add_event(struct rk_plan *plan)
{
	struct rk_event *ev = rk_vec_push(&plan->events, sizeof(*ev));
	if (ev)
		ev->team = -1;
	return ev;
}

/* Participants grow in the arena, doubling: a school-wide event has every
 * member of staff, and growing it one by one kept every earlier copy (at
 * 2,000 people 16 MB per event). */
int rk_event_add_part(struct rk_plan *plan, struct rk_event *ev, int person,
		      enum rk_part_role role)
{
	if (ev->n_parts >= ev->cap_parts) {
		size_t cap = ev->n_parts < 2 ? 4 : ev->n_parts * 2;
		struct rk_participant *parts =
			rk_plan_alloc(plan, cap, sizeof(*parts));
		if (!parts)
			return -1;
		if (ev->n_parts)
			memcpy(parts, ev->parts, ev->n_parts * sizeof(*parts));
		ev->parts = parts;
		ev->cap_parts = cap;
	}
	ev->parts[ev->n_parts] = (struct rk_participant){ person, role };
	ev->n_parts++;
	return 0;
}

size_t rk_plan_n_events(const struct rk_plan *plan)
{
	return plan->events.n;
}

const struct rk_event *rk_plan_event(const struct rk_plan *plan, size_t i)
{
	return rk_vec_at(&plan->events, i, sizeof(struct rk_event));
}

struct rk_event *rk_plan_event_at(struct rk_plan *plan, size_t i)
{
	return rk_vec_at(&plan->events, i, sizeof(struct rk_event));
}

struct rk_event *rk_plan_add_copy(struct rk_plan *plan,
				  const struct rk_event *ev)
{
	struct rk_event *copy = rk_plan_add_event(plan);
	if (!copy)
		return NULL;
	*copy = *ev;
	copy->parts = NULL;
	copy->n_parts = 0;
	copy->cap_parts = 0;
	copy->id = rk_plan_strdup(plan, ev->id);
	copy->title = rk_plan_strdup(plan, ev->title);
	copy->agenda = rk_plan_strdup(plan, ev->agenda);
	copy->location = rk_plan_strdup(plan, ev->location);
	copy->group = rk_plan_strdup(plan, ev->group);
	copy->violation_text = rk_plan_strdup(plan, ev->violation_text);
	if (ev->n_parts) {
		copy->parts =
			rk_plan_alloc(plan, ev->n_parts, sizeof(*copy->parts));
		if (!copy->parts)
			return NULL;
		memcpy(copy->parts, ev->parts,
		       ev->n_parts * sizeof(*ev->parts));
		copy->n_parts = ev->n_parts;
		copy->cap_parts = ev->n_parts;
	}
	return copy->id ? copy : NULL;
}

void rk_plan_filter(struct rk_plan *plan,
		    bool (*keep)(const struct rk_event *ev, void *data),
		    void *data)
{
	struct rk_event *items = plan->events.items;
	size_t kept = 0;
	for (size_t i = 0; i < plan->events.n; i++)
		if (keep(&items[i], data))
			items[kept++] = items[i];
	plan->events.n = kept;
}

void rk_duo_partners(const struct rk_duo *d, int person, int out[2])
{
	int m[3] = { d->a, d->b, d->c }, k = 0;
	out[0] = out[1] = -1;
	if (d->a != person && d->b != person && d->c != person)
		return;
	for (int x = 0; x < 3; x++)
		if (m[x] >= 0 && m[x] != person && k < 2)
			out[k++] = m[x];
}

void rk_plan_drop_duos(struct rk_plan *plan, int period)
{
	struct rk_duo *items = plan->duos.items;
	size_t kept = 0;
	for (size_t i = 0; i < plan->duos.n; i++)
		if (items[i].period != period)
			items[kept++] = items[i];
	plan->duos.n = kept;
}

int rk_event_cmp(const struct rk_event *x, const struct rk_event *y)
{
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static int cmp_event(const void *a, const void *b)
{
	return rk_event_cmp(a, b);
}

void rk_plan_sort(struct rk_plan *plan)
{
	qsort(plan->events.items, plan->events.n, sizeof(struct rk_event),
	      cmp_event);
}

/* The small collections: push a copy, count, lend. */
#define RK_PLAN_LIST(type, name, field)                                        \
	enum rk_status rk_plan_add_##name(struct rk_plan *plan, struct type v) \
	{                                                                      \
		struct type *slot = rk_vec_push(&plan->field, sizeof(v));      \
		if (!slot)                                                     \
			return RK_ERR_NOMEM;                                   \
		*slot = v;                                                     \
		return RK_OK;                                                  \
	}                                                                      \
	size_t rk_plan_n_##field(const struct rk_plan *plan)                   \
	{                                                                      \
		return plan->field.n;                                          \
	}                                                                      \
	const struct type *rk_plan_##name(const struct rk_plan *plan,          \
					  size_t i)                            \
	{                                                                      \
		return rk_vec_at(&plan->field, i, sizeof(struct type));        \
	}

RK_PLAN_LIST(rk_moment, moment, moments)
RK_PLAN_LIST(rk_duo, duo, duos)
RK_PLAN_LIST(rk_period, period, periods)
RK_PLAN_LIST(rk_solve_report, report, reports)
RK_PLAN_LIST(rk_plan_absence, absence, absences)

bool rk_plan_away(const struct rk_plan *plan, int person, int from, int to)
{
	for (size_t i = 0; i < plan->absences.n; i++) {
		const struct rk_plan_absence *a = rk_plan_absence(plan, i);
		if (a->person == person && a->from <= to && a->until >= from)
			return true;
	}
	return false;
}
enum rk_status rk_plan_add_timetable(struct rk_plan *plan,
				     struct rk_timetable_change change)
{
	change.path = rk_plan_strdup(plan, change.path);
	struct rk_timetable_change *slot =
		change.path ? rk_vec_push(&plan->timetables, sizeof(change))
			    : NULL;
	if (!slot)
		return RK_ERR_NOMEM;
	*slot = change;
	return RK_OK;
}

size_t rk_plan_n_timetables(const struct rk_plan *plan)
{
	return plan->timetables.n;
}

const struct rk_timetable_change *rk_plan_timetable(const struct rk_plan *plan,
						    size_t i)
{
	return rk_vec_at(&plan->timetables, i,
			 sizeof(struct rk_timetable_change));
}

enum rk_status rk_plan_set_moments(struct rk_plan *plan,
				   const struct rk_moment *moments, size_t n)
{
	rk_vec_release(&plan->moments);
	for (size_t i = 0; i < n; i++)
		if (rk_plan_add_moment(plan, moments[i]) != RK_OK)
			return RK_ERR_NOMEM;
	return RK_OK;
}

struct rk_period *rk_plan_period_at(struct rk_plan *plan, size_t i)
{
	return rk_vec_at(&plan->periods, i, sizeof(struct rk_period));
}

size_t rk_plan_team_first_period(const struct rk_plan *plan,
				 const struct rk_school *school, size_t team)
{
	size_t n = rk_plan_n_periods(plan);
	int cohort = rk_school_get_team(school, team)->cohort;
	if (rk_school_get_info(school)->programme_year >= 2 || cohort <= 1)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (rk_plan_period(plan, i)->number >= cohort)
			return i;
	return n ? n - 1 : 0;
}

static const char *const kind_names[RK_N_EVENT_KINDS] = {
	"draagvlaksessie",
	"startfase",
	"bootcamp",
	"startdag",
	"bordsessie",
	"leerkracht-team",
	"gezamenlijk-lesontwerp",
	"lesbezoek",
	"feedbackgesprek",
	"verdieping",
	"retrospectief",
	"leerlingarena",
	"verbindingssessie",
	"forum",
	"bedrijfsbezoek",
	"webinar",
	"extern",
	"meting",
};

static const char *const role_names[] = { "attendee", "host", "visitor",
					  "cover" };

const char *rk_event_kind_name(enum rk_event_kind kind)
{
	return (int)kind >= 0 && kind < RK_N_EVENT_KINDS ? kind_names[kind]
							 : "?";
}

int rk_event_kind_parse(const char *text)
{
	for (int i = 0; text && i < RK_N_EVENT_KINDS; i++)
		if (!strcmp(kind_names[i], text))
			return i;
	return -1;
}

const char *rk_part_role_name(enum rk_part_role role)
{
	return (int)role >= 0 && role <= RK_PART_COVER ? role_names[role] : "?";
}

int rk_part_role_parse(const char *text)
{
	for (int i = 0; text && i <= RK_PART_COVER; i++)
		if (!strcmp(role_names[i], text))
			return i;
	return -1;
}

void rk_plan_set_bound(struct rk_plan *plan, struct rk_plan_bound b)
{
	plan->bound = b;
}

const struct rk_plan_bound *rk_plan_get_bound(const struct rk_plan *plan)
{
	return &plan->bound;
}

void rk_plan_truncate_reports(struct rk_plan *plan, size_t n)
{
	if (n < plan->reports.n)
		plan->reports.n = n;
}

enum rk_event_kind rk_event_kind_of_external(enum rk_external_kind kind)
{
	switch (kind) {
	case RK_EXT_FORUM:
		return RK_EV_FORUM;
	case RK_EXT_BOOTCAMP:
		return RK_EV_BOOTCAMP;
	case RK_EXT_BEDRIJFSBEZOEK:
		return RK_EV_BEDRIJFSBEZOEK;
	case RK_EXT_WEBINAR:
		return RK_EV_WEBINAR;
	default:
		return RK_EV_EXTERNAL;
	}
}
