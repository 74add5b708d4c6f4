/* validate.h - the rules a school's description must keep. */
#ifndef RK_VALIDATE_H
#define RK_VALIDATE_H

#include "diag.h"
#include "school.h"

/* Resolves every reference (team members and coaches, the leerKRACHT-team,
 * lessons, people of external events: rk_ref.index) and checks the school
 * against the rules of doc/school-file.md: duplicate ids, unknown people,
 * people in no team or in two, coaches who are not members, team sizes,
 * lessons outside the grid, unknown holiday keys ... Every problem goes to
 * @diags at the place it was written. Returns RK_ERR_INPUT when any error
 * was added, else RK_OK (warnings allowed). */
enum rk_status rk_school_validate(struct rk_school *school,
				  struct rk_diags *diags);

#endif
