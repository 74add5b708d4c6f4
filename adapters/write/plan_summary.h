/* plan_summary.h - summary.txt: a plan in words, for people. */
#ifndef RK_PLAN_SUMMARY_H
#define RK_PLAN_SUMMARY_H

#include <stdio.h>

#include "plan.h"
#include "school.h"
#include "schoolyear.h"
#include "status.h"

/* Writes a summary of @plan for @school (@year derived from it) to @path,
 * atomically: the school and year with counts of events per kind; per team
 * its weekly moment and its duos per period; per person the average and
 * maximum leerKRACHT minutes per teaching week and the number of days with
 * more than one session; the lessons external dates take people from (to
 * arrange cover); and the solver runs of the plan. Returns
 * RK_ERR_NOMEM or RK_ERR_IO on failure. */
enum rk_status rk_plan_summary_write(const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan,
				     const char *path);

/* Writes the plan's quality figures (engine/quality.h) to @f, as in
 * summary.txt and `ritmiek plan --stats`: the whole plan against its
 * bound, team time per teacher per week, duo coverage, bordsessie weeks,
 * sessions expected against planned, per team. RK_ERR_NOMEM on failure. */
enum rk_status rk_plan_quality_write(FILE *f, const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan);

#endif
