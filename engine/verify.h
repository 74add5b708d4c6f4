/* verify.h - checks a plan against the hard rules of doc/plan-file.md.
 *
 * The check works from the school, its year and the plan alone, and shares
 * no code with the planner: a second opinion, not the planner's own word. */
#ifndef RK_VERIFY_H
#define RK_VERIFY_H

#include "diag.h"
#include "plan.h"
#include "school.h"
#include "schoolyear.h"
#include "status.h"

/* Checks every hard rule of doc/plan-file.md on @plan, made for @school
 * (@year derived from it): people and teams exist; no event on a weekend,
 * holiday or (but for the startdag, verbindingssessies and external dates)
 * on a studiedag or free day; nobody in two events at once; no planned
 * session on a day off of a participant or during their lessons; every
 * lesbezoek in a lesson of its host, its visitors free or covered by a
 * cover person who may; exactly one bordsessie per team in every week with
 * sessions, at its moment unless that day is off; no session in a
 * toetsweek when the school avoids them; sessions inside the school's
 * windows; each period's team sessions (own or held in a bordsessie) and
 * verbindingssessie, in order, as the table of ritmiek.h gives them; every
 * duo member's lesontwerp per round and lesbezoek as visitor and host,
 * each lesbezoek followed by its feedbackgesprek within two school days;
 * the staff at school-wide sessions and the school file's audience at
 * external dates.
 *
 * Each violation is an error in @diags at @plan_file and the event's
 * source_line (0 when unknown), in plain words naming the event, date,
 * time, people and rule. Returns RK_ERR_INPUT when any was found, RK_OK
 * when the plan keeps every rule, RK_ERR_NOMEM when out of memory. */
enum rk_status rk_verify(const struct rk_school *school,
			 const struct rk_schoolyear *year,
			 const struct rk_plan *plan, const char *plan_file,
			 struct rk_diags *diags);

#endif
