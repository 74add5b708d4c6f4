/* changes.h - what a rebalance changed for each person, in Dutch. */
#ifndef RK_CHANGES_H
#define RK_CHANGES_H

#include <stddef.h>

#include "plan.h"
#include "school.h"
#include "status.h"

struct rk_changes;

/* Compares @old and @next from @from on and describes, per person, what
 * changed for them: a new duo partner, sessions that lapse, move or are
 * new ("Vanaf maandag 11 januari is Klaas je duo-partner in plaats van
 * Piet; je lesbezoek van 14 januari vervalt; nieuw: lesbezoek bij Klaas op
 * 19 januari, 3e uur, lokaal 2.14."). *out is to be freed with
 * rk_changes_free. */
enum rk_status rk_changes_describe(const struct rk_school *school,
				   const struct rk_plan *old,
				   const struct rk_plan *next, int from,
				   struct rk_changes **out);
void rk_changes_free(struct rk_changes *changes);

/* The people with changes, in the school's order; the text is lent. */
size_t rk_changes_count(const struct rk_changes *changes);
int rk_changes_person(const struct rk_changes *changes, size_t i);
const char *rk_changes_text(const struct rk_changes *changes, size_t i);

/* The same for person i as a mail-ready block in Dutch: a greeting, one
 * line per change, a closing line. Lent. */
const char *rk_changes_letter(const struct rk_changes *changes, size_t i);

/* "maandag 11 januari" into @buf. */
void rk_changes_date(int date, char *buf, size_t size);

#endif
