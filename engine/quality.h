/* quality.h - the quality figures of a plan, for summary.txt, `ritmiek
 * plan --stats` and bench/run: team time per teacher per week, duo
 * coverage, weeks with a bordsessie, sessions expected against planned,
 * and how far the whole plan is from its bound.
 *
 * Computed from the school, its year and the plan alone (no solver), so
 * that a plan read back from its file has the same figures. */
#ifndef RK_QUALITY_H
#define RK_QUALITY_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"
#include "school.h"
#include "schoolyear.h"
#include "status.h"

/* Minutes of team work (bordsessie, GL, LB as visitor, FB, verdieping,
 * retrospectief, leerlingarena) per teacher per week with a bordsessie of
 * their team: the average over teachers, and the lowest and highest
 * teacher's own average. */
struct rk_quality_time {
	double average;
	double min;
	double max;
	size_t teachers;
};

struct rk_quality_team {
	int team; /* index into the school's teams */
	struct rk_quality_time time;
	size_t bordsessie_weeks; /* weeks with a bordsessie */
	size_t session_weeks;	 /* weeks that may hold sessions, from the
				  * team's first bordsessie on */
	size_t member_periods;	 /* (member, period) the team takes part in */
	size_t in_duo;		 /* ... with the member in a duo */
	size_t duos_gl;		 /* duos (and trios) that have GL rounds */
	size_t met_gl;		 /* ... every one of them planned */
	size_t duos_lb;		 /* duos that have LB rounds */
	size_t met_lb;		 /* ... every LB and FB planned */
};

struct rk_quality {
	struct rk_quality_time time; /* every team teacher */
	struct rk_quality_team *teams;
	size_t n_teams;
	/* Per event kind: what the periods' ritmiek and the duos ask for,
	 * what is planned as its own event (marked violations not counted),
	 * and what a bordsessie carries. */
	size_t expected[RK_N_EVENT_KINDS];
	size_t planned[RK_N_EVENT_KINDS];
	size_t in_bordsessie[RK_N_EVENT_KINDS];
	size_t violations; /* events marked as breaking a hard rule */
};

/* The figures of @plan into a new *out (free with rk_quality_free).
 * RK_ERR_NOMEM on failure. */
enum rk_status rk_quality_new(const struct rk_school *school,
			      const struct rk_schoolyear *year,
			      const struct rk_plan *plan,
			      struct rk_quality **out);
void rk_quality_free(struct rk_quality *q);

/* The share @part / @whole in percent; 100 when @whole is 0. */
double rk_quality_share(size_t part, size_t whole);

/* The plan's gap to its bound in percent ((objective - bound) / bound),
 * or -1 when the plan has no bound. */
double rk_quality_gap(const struct rk_plan *plan);

#endif
