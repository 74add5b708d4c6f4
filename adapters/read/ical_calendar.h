/* ical_calendar.h - school holidays and public holidays from iCalendar files.
 *
 * The files in calendars/ hold one VEVENT per holiday (and per region where
 * the regions differ), with all-day DTSTART/DTEND (DTEND exclusive, as RFC
 * 5545 has it) and ritmiek's own properties:
 *
 *   CATEGORIES:VAKANTIE | FEESTDAG
 *   X-RITMIEK-KEY:herfstvakantie          stable key, see struct rk_dayoff
 *   X-RITMIEK-REGION:noord | midden | zuid | all, or a list: midden,zuid
 *   X-RITMIEK-ADVISORY:TRUE | FALSE       TRUE: schools may choose other dates
 *
 * and, once in the VCALENDAR, how far the Rijksoverheid had published the
 * school year when the file was made (see enum rk_calendar_status):
 *
 *   X-RITMIEK-STATUS:PUBLISHED | ADVISORY | UNPUBLISHED
 *
 * This adapter is the only place that reads calendar data with libical. */
#ifndef RK_ICAL_CALENDAR_H
#define RK_ICAL_CALENDAR_H

#include <stdbool.h>

#include "diag.h"
#include "school.h"
#include "status.h"

/* What the Rijksoverheid had published of a calendar's school year. */
enum rk_calendar_status {
	RK_CALENDAR_UNSTATED = 0, /* no X-RITMIEK-STATUS: a school's own file */
	RK_CALENDAR_PUBLISHED,	  /* its overview of the year: the dates stand
				   * (holidays marked ADVISORY are advice) */
	RK_CALENDAR_ADVISORY,	  /* only advice dates for the whole year yet */
	RK_CALENDAR_UNPUBLISHED,  /* nothing yet: the dates are derived from
				   * the summer rota and OCW's rules */
};

/* Adds a struct rk_dayoff to @school for every VEVENT of the calendar file at
 * @path: its key, name (SUMMARY), first and last day (DTEND - 1), kind,
 * regions and advisory flag, with the file and the line of its BEGIN:VEVENT.
 *
 * Problems go to @diags as errors naming @path and the line of the event; a
 * broken event is skipped and the others are still added. Returns RK_OK,
 * RK_ERR_IO when the file cannot be read (with a diagnostic), RK_ERR_INPUT
 * when any event or the file itself had errors, or RK_ERR_NOMEM. */
enum rk_status rk_ical_load_holidays(struct rk_school *school, const char *path,
				     struct rk_diags *diags);

/* rk_ical_load_holidays, and also the file's X-RITMIEK-STATUS into
 * *@year_status (RK_CALENDAR_UNSTATED without one, or when the file cannot
 * be read); an unknown value is an error in @diags, with its line. */
enum rk_status rk_ical_load_calendar(struct rk_school *school, const char *path,
				     enum rk_calendar_status *year_status,
				     struct rk_diags *diags);

/* The school years that folder @dir has a calendar for (files named
 * "YYYY-YYYY.ics" of two following years), as the first years in
 * ascending order in a new array *@years of *@n elements that the caller
 * frees (NULL when there are none). RK_ERR_IO when @dir cannot be read,
 * RK_ERR_NOMEM. */
enum rk_status rk_ical_calendar_years(const char *dir, int **years, size_t *n);

/* Whether libical's built-in time zone database knows @tzid, e.g.
 * "Europe/Amsterdam". False for NULL. */
bool rk_ical_timezone_known(const char *tzid);

/* The calendar file of the school year that starts in @year:
 * "<dir>/<year>-<year+1>.ics", as a new string the caller frees; NULL when
 * out of memory or @dir is NULL. */
char *rk_ical_calendar_path(const char *dir, int year);

#endif
