/* feeds.h - the iCalendar feeds of a plan, for teachers to subscribe to.
 *
 * In the plan directory, feeds/ gets one .ics per person (named by the
 * person's token, see tokens.h), per team (team-<id>.ics), for the
 * leerKRACHT-team (leerkracht-team.ics), for the schoolleiding
 * (schoolleiding.ics) and for the whole school (school.ics); index.tsv says
 * which file is whose. Every file is written to a temporary file and
 * renamed, so a web server serving feeds/ never serves half a feed.
 *
 * Calendar clients only take over a change of an event they have seen when
 * its SEQUENCE grows, and keep an event that merely vanishes. So the feeds
 * remember what they published (feed_state.h, feeds.state): an unchanged
 * event keeps its UID, SEQUENCE and DTSTAMP (a re-run gives the same bytes);
 * a changed one gets SEQUENCE+1 and a new DTSTAMP; one that left the plan is
 * published as STATUS:CANCELLED, in the feeds it was in, until its day has
 * passed. The state is written last. doc/plan-file.md describes the files. */
#ifndef RK_FEEDS_H
#define RK_FEEDS_H

#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "school.h"
#include "status.h"

struct rk_feeds_options {
	/* The plan directory of the previous run, whose feeds.state and
	 * tokens.tsv are read; NULL: the output directory itself. */
	const char *previous;
	/* Seconds since 1970 UTC: the DTSTAMP of new and changed events;
	 * cancelled events of days before it are dropped. 0: rk_feeds_now(). */
	long long now;
};

/* What a run wrote. */
struct rk_feeds_report {
	size_t feeds;	  /* .ics files written */
	size_t bytes;	  /* their total size */
	size_t added;	  /* events published for the first time */
	size_t changed;	  /* published again with SEQUENCE+1 */
	size_t unchanged; /* as before */
	size_t cancelled; /* left the plan, published as cancelled */
	size_t dropped;	  /* cancelled before and now past: left out */
	size_t removed;	  /* stale .ics files removed (rotated tokens ...) */
};

/* "Now" for the feeds: $SOURCE_DATE_EPOCH when it is set to a number (the
 * reproducible-builds convention), else the clock. */
long long rk_feeds_now(void);

/* The date of @now in @school's time zone: the feeds' "today", before
 * which cancelled events are dropped. */
int rk_feeds_today(const struct rk_school *school, long long now);

/* Writes the feeds of @plan, made for @school, into @dir (which exists):
 * tokens.tsv (when a person got a token), feeds/ (made when missing; stale
 * person and team .ics files in it are removed), index.tsv, and last
 * feeds.state. Problems in the previous feeds.state or tokens.tsv (or a
 * state made for another school) go to @diags with RK_ERR_INPUT, and
 * nothing is written; RK_ERR_IO when a file cannot be read or written (the
 * path in @diags), RK_ERR_NOMEM. @report (may be NULL) is filled on RK_OK. */
enum rk_status rk_feeds_write(const struct rk_school *school,
			      const struct rk_plan *plan, const char *dir,
			      const struct rk_feeds_options *options,
			      struct rk_feeds_report *report,
			      struct rk_diags *diags);

/* rk_feeds_write with @jobs threads rendering the events and writing the
 * feeds (0 or 1: the calling thread alone); the files are the same, byte
 * for byte, for any number. Each event is rendered once per way it reads
 * (the host's and the visitor's title differ) and shared by the feeds that
 * show it. @dir is meant to be a plan directory's new generation
 * (plandir.h): the files are not flushed one by one, rk_plandir_commit
 * syncs them all at once. */
enum rk_status rk_feeds_write_jobs(const struct rk_school *school,
				   const struct rk_plan *plan, const char *dir,
				   const struct rk_feeds_options *options,
				   unsigned jobs,
				   struct rk_feeds_report *report,
				   struct rk_diags *diags);

#endif
