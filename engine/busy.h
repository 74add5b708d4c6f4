/* busy.h - who is busy when: lessons and planned sessions per person per
 * day of the school year, at five-minute resolution. */
#ifndef RK_BUSY_H
#define RK_BUSY_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "school.h"
#include "schoolyear.h"

#define RK_SLOT_MINUTES 5

struct rk_busy;

/* Lays every lesson of @school on the dates it takes place in @year. Both
 * must outlive the result. */
enum rk_status rk_busy_new(const struct rk_school *school,
			   const struct rk_schoolyear *year,
			   struct rk_busy **out);
void rk_busy_free(struct rk_busy *busy);

/* Whether @person works at school on @date (a school day, one of their
 * working days). */
bool rk_busy_works(const struct rk_busy *busy, int person, int date);
/* Whether @person teaches at any moment in [@start, @end) on @date. */
bool rk_busy_teaching(const struct rk_busy *busy, int person, int date,
		      int start, int end);
/* Whether @person has a planned session in [@start, @end) on @date. */
bool rk_busy_booked(const struct rk_busy *busy, int person, int date, int start,
		    int end);
/* Works that day, neither teaches nor has a session in [@start, @end). */
bool rk_busy_is_free(const struct rk_busy *busy, int person, int date,
		     int start, int end);

/* One person's day, looked up once for several questions about it
 * (rk_busy_day_free): the planner's counts of chances ask about every
 * lesson of a host, a few per day. */
struct rk_busy_day {
	int date;
	const uint64_t *teach, *book; /* NULL: not working that day */
};
void rk_busy_day_of(const struct rk_busy *busy, int person, int date,
		    struct rk_busy_day *day);
/* rk_busy_is_free for the day's person and date. */
bool rk_busy_day_free(const struct rk_busy_day *day, int start, int end);
/* rk_busy_idle_cost for the day's person and date (a working day). */
int rk_busy_day_idle_cost(const struct rk_busy_day *day, int start, int end,
			  int alone_cost);

/* Marks [@start, @end) on @date as a session of @person (and counts it for
 * rk_busy_sessions). */
void rk_busy_book(struct rk_busy *busy, int person, int date, int start,
		  int end);
/* Sessions booked for @person on @date. */
int rk_busy_sessions(const struct rk_busy *busy, int person, int date);

/* How much idle time a session [@start, @end) would cost @person on @date,
 * in minutes: 0 right after the last lesson or filling a free period
 * exactly; the waiting time (at most two hours) before or after the rest of
 * the day; for a session that splits a free period, each leftover piece too
 * short to use; @alone_cost when the person has nothing else that day. */
int rk_busy_idle_cost(const struct rk_busy *busy, int person, int date,
		      int start, int end, int alone_cost);

/* The lessons of @person (indices into the school's lessons). */
const int *rk_busy_lessons(const struct rk_busy *busy, int person, size_t *n);

/* Marks @person away from @from to @until (inclusive): they do not work
 * then. A person may have several absences (an earlier rebalance's
 * illness and this one's leave); each call adds one. RK_ERR_NOMEM when
 * out of memory. */
enum rk_status rk_busy_add_absent(struct rk_busy *busy, int person, int from,
				  int until);
/* Whether @person is away on @date. */
bool rk_busy_absent(const struct rk_busy *busy, int person, int date);

/* Forgets every booked session (lessons stay), to plan again. */
void rk_busy_clear_bookings(struct rk_busy *busy);

#endif
