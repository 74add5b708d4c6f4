/* overview_pages.h - the overview's pages of one team and one person. */
#ifndef RK_OVERVIEW_PAGES_H
#define RK_OVERVIEW_PAGES_H

#include "feed_state.h"
#include "overview.h"

/* Appends the page of team @team (an index): its weekly moment, members,
 * duos and trios per period, and per period each week's agenda and
 * sessions. @events are the indices of the plan's events of the team, in
 * the plan's order. */
void rk_overview_team_page(const struct rk_overview_data *d, int team,
			   const size_t *events, size_t n_events,
			   struct rk_tsv *t);

/* Appends the page of person @person (an index), whose feed is
 * feeds/@token.ics: their year by week, each event in the words of their
 * feed, and with a base_url the links to subscribe to it. @events are the
 * indices of the plan's events they take part in, in the plan's order. */
void rk_overview_person_page(const struct rk_overview_data *d, int person,
			     const char *token, const size_t *events,
			     size_t n_events, struct rk_tsv *t);

#endif
