/* plan_file.h - the plan file (plan.tsv, doc/plan-file.md, version 1). */
#ifndef RK_PLAN_FILE_H
#define RK_PLAN_FILE_H

#include "diag.h"
#include "plan.h"
#include "school.h"
#include "status.h"

/* The version of the plan file format this ritmiek reads and writes. */
#define RK_PLAN_FILE_VERSION 1

/* Writes @plan, made for @school, to @path atomically (a temporary file
 * renamed over @path; not flushed: the plan directory's commit syncs
 * it). Periods, moments and duos come in the plan's order, events in the
 * canonical order (date, start, kind, id) whatever the
 * plan's order. People and teams are written by their ids. Returns
 * RK_ERR_ARG when the plan refers to a person or team index @school does
 * not have, RK_ERR_IO when the file cannot be written. */
enum rk_status rk_plan_file_write(const struct rk_school *school,
				  const struct rk_plan *plan, const char *path);

/* Reads the plan file at @path, checking it against @school: every
 * problem (unknown record type, version, school, bad date or time,
 * unknown kind, role, person or team, wrong field count, duplicate id ...)
 * goes to @diags as path:line:column, the column being the 1-based field
 * number. On RK_OK *out is a new plan the caller frees with rk_plan_free,
 * its events sorted canonically, each with its source_line; on any error
 * *out is NULL: RK_ERR_INPUT (see @diags), RK_ERR_IO (cannot be read, also
 * in @diags) or RK_ERR_NOMEM. */
enum rk_status rk_plan_file_read(const struct rk_school *school,
				 const char *path, struct rk_plan **out,
				 struct rk_diags *diags);

#endif
