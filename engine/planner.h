/* planner.h - plans a school year's leerKRACHT ritmiek with GLPK. */
#ifndef RK_PLANNER_H
#define RK_PLANNER_H

#include <stdbool.h>

#include "diag.h"
#include "plan.h"
#include "school.h"
#include "schoolyear.h"

struct rk_mip;

struct rk_plan_options {
	/* Per solver run (mip.h): the node limit decides where a hard model
	 * stops, the same on every machine; the time limit is a safety net
	 * that makes the plan depend on the machine's speed if it is ever
	 * reached (the reports say so). */
	int time_limit_ms;     /* 0: 60000 */
	bool allow_violations; /* plan anyway where a hard rule cannot be met */
	/* Called with every model before it is solved, e.g. to export it for
	 * another solver (bench/); NULL: none. @number counts from 1. */
	void (*model_hook)(const struct rk_mip *mip, const char *model,
			   int number, void *data);
	void *hook_data;
	/* Threads that solve the team models of every period side by side; 0 or
	 * 1: one. The plan is the same whatever the number (parallel.c);
	 * with a model_hook, or cover people shared by the teams, the models
	 * are solved one after the other. */
	int jobs;
	int node_limit; /* per part of a model; 0: 1000 */
};

/* Plans every event of @school's year. On RK_OK *out is the plan (the
 * caller frees it). When a hard rule cannot be met the result is
 * RK_ERR_INFEASIBLE, with every collision explained in @diags as an error
 * naming people, days, weeks and the rule; with allow_violations *out is
 * then still set, the breaking events marked. RK_ERR_NOMEM and
 * RK_ERR_SOLVER for failures of the machinery. */
enum rk_status rk_planner_run(const struct rk_school *school,
			      const struct rk_schoolyear *year,
			      const struct rk_plan_options *options,
			      struct rk_plan **out, struct rk_diags *diags);

#endif
