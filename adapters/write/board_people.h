/* board_people.h - people who work at several schools of a board (the
 * expertcoach, a bovenschools director): their events gathered from every
 * school's plan into one plan of their own, and checked for two schools at
 * once.
 *
 * A person of one school is the same as a person of another when both
 * have the same e-mail address (case ignored) or, without one, when both
 * come from the same entry of a file both school files include. */
#ifndef RK_BOARD_PEOPLE_H
#define RK_BOARD_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "school.h"
#include "status.h"

struct rk_board_people;

/* A new, empty gathering for the board @id (letters, digits, '-', '_')
 * named @name; NULL when out of memory. */
struct rk_board_people *rk_board_people_new(const char *id, const char *name);
void rk_board_people_free(struct rk_board_people *bp);

/* The key by which @person of @school is known across schools, in @buf
 * ("mail:<address>" or "file:<real path of the including file>:<id>");
 * false when the person has none (then they belong to their school
 * alone). */
bool rk_board_person_key(const struct rk_school *school, int person, char *buf,
			 size_t size);

/* Adds the events of @plan (made for @school) in which @person takes part,
 * as events of the person known by @key. The same event of two schools (a
 * forum, webinar or other external date with the same name, date and
 * times) is kept once. RK_ERR_NOMEM. */
enum rk_status rk_board_people_add(struct rk_board_people *bp,
				   const struct rk_school *school,
				   const struct rk_plan *plan, int person,
				   const char *key);

/* Reports each two events of one person at different schools whose times
 * overlap, as errors in @diags naming the person, both schools, the date
 * and the times. Returns how many. */
size_t rk_board_people_check(const struct rk_board_people *bp,
			     struct rk_diags *diags);

/* The gathered people as a school of the board's id and name, and their
 * events as its plan, for the feed writer (feeds.h): lent, valid until the
 * next add or the free. */
const struct rk_school *rk_board_people_school(
	const struct rk_board_people *bp);
const struct rk_plan *rk_board_people_plan(const struct rk_board_people *bp);

#endif
