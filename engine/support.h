/* support.h - what the fixed dates from outside the school ask of the
 * timetable: the lessons their participants miss. (The dates themselves are
 * planned by rk_step_externals, internal to the planner.) */
#ifndef RK_SUPPORT_H
#define RK_SUPPORT_H

#include <stddef.h>

#include "plan.h"
#include "school.h"
#include "schoolyear.h"

/* A lesson a participant of an external date misses: the roosteraar
 * arranges cover for it. */
struct rk_cover_lesson {
	size_t event; /* index into the plan's events */
	int person;   /* index into the school's people */
	int date;
	int start; /* the lesson's times that day */
	int end;
	const struct rk_lesson *lesson; /* lent by the school */
};

/* The lessons that fall in a forum, webinar, bootcamp, bedrijfsbezoek or
 * other external date of @plan (an all-day date takes the whole day) for a
 * participant of it, in the plan's event order, then by person and time.
 * *@out is a new array the caller frees (NULL when there are none), its
 * length in *@n. RK_ERR_NOMEM. */
enum rk_status rk_plan_cover_lessons(const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan,
				     struct rk_cover_lesson **out, size_t *n);

#endif
