/* precheck.h - what can be known about a plan before planning: the checks
 * of a school that need its school year (holidays, A/B weeks, timetable on
 * real dates). `ritmiek check` runs both; `ritmiek plan` runs the first. */
#ifndef RK_PRECHECK_H
#define RK_PRECHECK_H

#include "diag.h"
#include "school.h"
#include "schoolyear.h"

/* What makes a plan impossible before planning: a leerKRACHT-team
 * without members (an error at leerkracht_team, with members proposed by
 * their roles), and fixed dates from outside the school (fora, webinars, a
 * bootcamp, a bedrijfsbezoek, other external dates) that fall on a day the
 * school is closed: a weekend, a school holiday of its region or a public
 * holiday, at the place the date is written. A studiedag or a free day is
 * fine: external dates often use one. The school must be validated
 * (rk_school_validate). Returns RK_ERR_INPUT when an error was added,
 * else RK_OK. */
enum rk_status rk_precheck_dates(const struct rk_school *school,
				 const struct rk_schoolyear *year,
				 struct rk_diags *diags);

/* Warnings for what would make `ritmiek plan` fail, in the roosteraar's
 * words and at the team or person in the school file: a team (or the
 * leerKRACHT-team) without a common free moment of bordsessie_minutes in
 * the week inside the windows, with the closest moment and who blocks it;
 * a teacher who is never free while a teammate teaches (no lesbezoek
 * without cover); a team that cannot be split into duos who can visit each
 * other and meet. The school must be validated. Returns RK_ERR_NOMEM or
 * RK_OK. */
enum rk_status rk_precheck_predict(const struct rk_school *school,
				   const struct rk_schoolyear *year,
				   struct rk_diags *diags);

#endif
