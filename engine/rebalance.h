/* rebalance.h - re-plan the rest of the year after a change, disturbing as
 * little as possible. */
#ifndef RK_REBALANCE_H
#define RK_REBALANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "planner.h"
#include "school.h"
#include "schoolyear.h"

/* A person away from the request's date up to and including @until
 * (INT_MAX: for good). */
struct rk_absence {
	int person;
	int until;
};

/* Two people who must not be a duo again this period (split) or must stay
 * one (keep). */
struct rk_pair {
	int a;
	int b;
};

/* A person who joins or moves to team @team (index) from the date on. */
struct rk_join {
	int person;
	int team;
};

/* What changed. Joining and moving people between teams, and a new
 * timetable from @from, are changes to the school itself: the caller makes
 * them before rebalancing (the old plan tells where people were). */
struct rk_rebalance_request {
	int from; /* the first date that may change */
	/* The date the request is made (0: not known): days before it have
	 * been, so @from may not lie before it. */
	int today;
	const struct rk_absence *absences;
	size_t n_absences;
	const struct rk_pair *splits;
	size_t n_splits;
	const struct rk_pair *keeps;
	size_t n_keeps;
	const struct rk_join *joins; /* made in the school already; checked */
	size_t n_joins;
	/* Set by rk_rebalance itself: pairs of a duo or trio formed from the
	 * date on whose cycle found no place; not formed again. */
	const struct rk_pair *late;
	size_t n_late;
};

/* The largest lerarenteam the method knows (DOMAIN.md: 5 to 10). */
#define RK_TEAM_MAX 10

/* Checks that @request means something for @previous: --from a school day
 * of the year, an absence that ends after it begins and concerns someone
 * with sessions from the date on, a split or keep of people who are a duo
 * (or in one trio) in the date's period, a join into a team with room.
 * Each problem goes to @diags (no file) as an error, but for a leave of
 * someone without sessions from the date on, which is a warning when the
 * request asks something else too; RK_ERR_ARG when there is an error,
 * else RK_OK. @school is the school with the joins made. */
enum rk_status rk_rebalance_check(const struct rk_school *school,
				  const struct rk_schoolyear *year,
				  const struct rk_plan *previous,
				  const struct rk_rebalance_request *request,
				  struct rk_diags *diags);

/* How much changed from @from on, in the order the objective weighs it. */
struct rk_perturbation {
	int partners_changed; /* people whose duo partner(s) changed */
	int events_moved;     /* same event, another time */
	int events_regrouped; /* same event and time, other people */
	int events_cancelled; /* in the old plan, gone from the new */
	int events_new;	      /* in the new plan only */
	int events_kept;      /* unchanged */
	int moments_changed;  /* teams whose weekly moment moved */
};

/* Re-plans @school's year from req->from on, keeping everything before it
 * exactly as in @previous, with an objective of minimal perturbation: first
 * the people whose duo partner changes, then the events that move, then the
 * planner's own costs; a team keeps its weekly moment while it is feasible.
 * A duo or trio formed from the date on whose cycle finds no place is not
 * formed again: it re-plans without it, and when no other split of the
 * team is left, says who cannot be re-paired.
 * Returns like rk_planner_run; *perturbation is filled on success. */
enum rk_status rk_rebalance(const struct rk_school *school,
			    const struct rk_schoolyear *year,
			    const struct rk_plan *previous,
			    const struct rk_rebalance_request *request,
			    const struct rk_plan_options *options,
			    struct rk_plan **out,
			    struct rk_perturbation *perturbation,
			    struct rk_diags *diags);

#endif
