/* explain.h - why a hard rule cannot be kept, named by its cause (internal
 * to the engine).
 *
 * When no moment exists for a group of people, the cause is the smallest
 * set of them whose timetables together leave no moment: GLPK finds it as
 * a minimum set cover (every candidate moment blocked by someone chosen),
 * so everyone else is left out of the message. What would fix it is said
 * in the roosteraar's words: the lesuren that, freed, open a moment. */
#ifndef RK_EXPLAIN_H
#define RK_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "planctx.h"

/* The fewest of @n_people people that between them block every one of
 * @n_cands candidates: @blocks[c * n_people + p] says whether person p
 * blocks candidate c. @chosen (n_people) is set; their number goes to
 * @n_chosen. Ties go to the earlier people. RK_ERR_INFEASIBLE when some
 * candidate is blocked by nobody (then there is no such set). */
enum rk_status rk_explain_cover(const bool *blocks, size_t n_cands,
				size_t n_people, bool *chosen,
				size_t *n_chosen);

/* Reports that group @gi has no @length-minute weekly moment inside the
 * school's windows for its bordsessie: the fewest members who
 * block every moment, their days off, and the lesuren that, freed, would
 * open one. Counts one infeasibility. */
void rk_explain_no_moment(struct rk_planctx *ctx, int gi, int length);

/* Reports that the verbindingssessie of period @period finds no
 * @minutes-long moment on @dates for @people (the staff): the fewest who
 * block every moment and why. Said once for every period it happens in. */
void rk_explain_no_verbinding(struct rk_planctx *ctx, int period,
			      const int *people, size_t n_people,
			      const int *dates, size_t n_dates, int minutes);

/* The same for another session of (almost) everyone, @what
 * ("draagvlaksessie") of @kind (enum rk_event_kind), on @dates: said once
 * for every week it happens in. */
void rk_explain_no_common_moment(struct rk_planctx *ctx, int kind,
				 const char *what, const int *people,
				 size_t n_people, const int *dates,
				 size_t n_dates, int minutes);

/* Where the roosteraar looks when a school-wide session of @kind (enum
 * rk_event_kind) finds no place: the first window that governs the kind,
 * else the leerkracht_team (for its own sessions), else the school's
 * section. Lent by the school. */
const struct rk_loc *rk_explain_loc(const struct rk_planctx *ctx, int kind);

/* Appends to @buf (@size bytes, NUL-terminated) what would let @visitor
 * visit a lesson of @host: "free one of these lesuren for Anna Bakker: di
 * 2e uur (2A, while Bram de Boer teaches 1B), ...". */
void rk_explain_visit_fix(const struct rk_planctx *ctx, int visitor, int host,
			  char *buf, size_t size);

/* Reports a hard rule broken in year week @week, once for all the weeks it
 * is broken in: @fmt's text has "{}" where "week 38" or "weeks 38, 40 and
 * 44" (ISO week numbers) goes. Counts one infeasibility. */
void rk_explain_in_week(struct rk_planctx *ctx, int week, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
