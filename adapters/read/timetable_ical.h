/* timetable_ical.h - a teacher's timetable as an iCalendar feed (as
 * WebUntis, Magister or a calendar program exports it).
 *
 * Each feed belongs to one teacher: the source's `person` for the file,
 * else the file's name without its extension ("JDV.ics" is JDV's). Every
 * VEVENT is expanded over the school year (1 August to 31 July) with its
 * RRULE, RDATE and EXDATE; an instance replaced by a VEVENT with the same
 * UID and a RECURRENCE-ID takes that event's times, or none when it is
 * STATUS:CANCELLED; cancelled and TRANSP:TRANSPARENT events keep no one
 * busy; all-day events are no lessons. Times in any time zone (VTIMEZONE
 * in the feed, or a TZID libical knows) are converted to the school's.
 *
 * The model holds weekly lessons. Occurrences are grouped: those with the
 * same weekday, start, end, SUMMARY and LOCATION on dates exactly a week
 * apart become one lesson valid from the first to the last date; a moved
 * or one-off occurrence becomes a lesson valid on its own date only. So a
 * cancelled lesson leaves its teacher free that week. */
#ifndef RK_TIMETABLE_ICAL_H
#define RK_TIMETABLE_ICAL_H

#include "diag.h"
#include "importer.h"
#include "school.h"

/* Adds the lessons of the feeds of the iCalendar source whose first file is
 * @path (a timetable source of @school, or else @path alone) to @school.
 * Every problem goes to @diags with the line of its VEVENT. RK_OK,
 * RK_ERR_INPUT, RK_ERR_IO or RK_ERR_NOMEM. */
enum rk_status rk_timetable_ical_load(struct rk_school *school,
				      const char *path, struct rk_diags *diags);

extern const struct rk_importer rk_importer_ical;

#endif
