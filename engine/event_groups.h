/* event_groups.h - a plan's events grouped by team or by person, each
 * group in the plan's order (a counting sort over the plan, once). For the
 * figures and pages per team and per person: a scan of the whole plan per
 * team or person grows with the square of the school. */
#ifndef RK_EVENT_GROUPS_H
#define RK_EVENT_GROUPS_H

#include <stddef.h>

#include "plan.h"
#include "status.h"

struct rk_event_groups {
	size_t n;   /* groups */
	size_t *at; /* n + 1 entries: group g is ev[at[g]] .. ev[at[g + 1] - 1] */
	size_t *ev; /* indices of the plan's events */
};

/* Group t: the events of team t (ev->team), for t below @n_teams. */
enum rk_status rk_event_groups_by_team(const struct rk_plan *plan,
				       size_t n_teams,
				       struct rk_event_groups *g);

/* Group p: the events person p takes part in, each once, for p below
 * @n_people. */
enum rk_status rk_event_groups_by_person(const struct rk_plan *plan,
					 size_t n_people,
					 struct rk_event_groups *g);

/* The events of group @i and their number. */
const size_t *rk_event_groups_of(const struct rk_event_groups *g, size_t i,
				 size_t *n);

void rk_event_groups_release(struct rk_event_groups *g);

#endif
