/* overview.h - the year on one page: HTML overviews of a plan.
 *
 * For the schoolleider, the leerKRACHT-team and the expertcoach, who never
 * read plan.tsv. In the plan directory, overview/ gets index.html (the
 * jaarplanning: a column per school week, a row per team, the
 * leerKRACHT-team and the whole school, with the calendar, the phases and
 * periods, the school-wide events and a legend) and team-<id>.html per
 * team (its weekly moment, duos per period, each week's sessions). Each
 * person with a feed gets feeds/<token>.html beside it: their year by
 * week, in the words of their feed, and with the school's feeds.base_url
 * the links to subscribe. The pages are self-contained HTML5 (inline CSS
 * and SVG, no scripts) and print on one landscape page. Every file is
 * written to a temporary file and renamed. */
#ifndef RK_OVERVIEW_H
#define RK_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "feed_state.h"
#include "plan.h"
#include "school.h"
#include "schoolyear.h"
#include "status.h"

struct rk_overview_options {
	/* Write no person pages (and remove none): when the feeds are not
	 * written either (plan --no-feeds). A plan that breaks hard rules
	 * never gets person pages: it is not published to the teachers. */
	bool no_people;
};

/* What a run wrote. */
struct rk_overview_report {
	size_t pages;	/* index.html and the team pages */
	size_t people;	/* person pages */
	size_t removed; /* stale pages removed (rotated tokens, old teams) */
};

/* Writes the overview of @plan, made for @school (@year derived from it),
 * into the plan directory @dir (which exists): overview/ (made when
 * missing) and, for every person with a token in @dir/tokens.tsv, their
 * page in @dir/feeds/. A bad tokens.tsv goes to @diags (RK_ERR_INPUT);
 * RK_ERR_IO when a file cannot be written (the path in @diags),
 * RK_ERR_NOMEM. @report (may be NULL) is filled on RK_OK. */
enum rk_status rk_overview_write(const struct rk_school *school,
				 const struct rk_schoolyear *year,
				 const struct rk_plan *plan, const char *dir,
				 const struct rk_overview_options *options,
				 struct rk_overview_report *report,
				 struct rk_diags *diags);

/* --- Shared by the page writers (overview_year.c, overview_pages.c) --- */

/* What every page is made of. */
struct rk_overview_data {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	const struct rk_plan *plan;
	const char *base_url; /* feeds.base_url, or NULL */
	/* Per team index the name of its page without ".html", as for its
	 * feed ("team-exact"; feed_links.h). */
	char *const *team_names;
	/* The school weeks, the columns of the jaarplanning: from the first
	 * to the last week with school days (indices into the year's weeks);
	 * first > last when the year has none. */
	int first_week;
	int last_week;
	/* The weekly moment of each team, by team index + 1 (0: the
	 * leerKRACHT-team), or NULL: looked up once, not per page. */
	const struct rk_moment **moments;
};

/* The style sheet of every page. */
const char *rk_overview_css(void);

/* The index of the week of @date in the school year, or -1. */
int rk_overview_week(const struct rk_overview_data *d, int date);

/* "di 8 dec" (with @weekday) or "8 dec". */
void rk_overview_date(struct rk_tsv *t, int date, bool weekday);

/* "12:10–12:40", or "hele dag" for an all-day event, "deadline" for a
 * meting. */
void rk_overview_time(struct rk_tsv *t, const struct rk_event *ev);

/* The weekly moment of team @team (-1: the leerKRACHT-team), or NULL. */
const struct rk_moment *rk_overview_moment(const struct rk_overview_data *d,
					   int team);

/* "dinsdag 12:10–12:40" of @m, escaped into @t. */
void rk_overview_moment_words(struct rk_tsv *t, const struct rk_moment *m,
			      bool long_day);

/* The period numbered @number, or NULL. */
const struct rk_period *rk_overview_period(const struct rk_plan *plan,
					   int number);

#endif
