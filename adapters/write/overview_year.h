/* overview_year.h - index.html of the overview: the jaarplanning. */
#ifndef RK_OVERVIEW_YEAR_H
#define RK_OVERVIEW_YEAR_H

#include "feed_state.h"
#include "overview.h"

/* Appends the page: a column per school week (its number and Monday), the
 * calendar (holidays, studiedagen, toetsweken, A/B weeks), the phases and
 * periods as bands, a row for the whole school, the leerKRACHT-team and
 * each team (with its weekly moment and each week's sessions), the
 * school-wide events as marks, and a legend. */
void rk_overview_year_page(const struct rk_overview_data *d, struct rk_tsv *t);

#endif
