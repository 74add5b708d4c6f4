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
 * This adapter is the only place that reads calendar data with libical. */
#ifndef RK_ICAL_CALENDAR_H
#define RK_ICAL_CALENDAR_H

#include <stdbool.h>

#include "diag.h"
#include "school.h"
#include "status.h"

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

/* Whether libical's built-in time zone database knows @tzid, e.g.
 * "Europe/Amsterdam". False for NULL. */
bool rk_ical_timezone_known(const char *tzid);

/* The calendar file of the school year that starts in @year:
 * "<dir>/<year>-<year+1>.ics", as a new string the caller frees; NULL when
 * out of memory or @dir is NULL. */
char *rk_ical_calendar_path(const char *dir, int year);

#endif
