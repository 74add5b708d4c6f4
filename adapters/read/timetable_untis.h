/* timetable_untis.h - Untis timetable exports (the GPU "DIF" text files).
 *
 * GPU001.TXT (Stundenplan) holds one row per lesson, class, teacher, day and
 * period, without a header: `lesson, "class", "teacher", "subject", "room",
 * day (1 = Monday), period, [length hh:mm], ...`. Separator ',', ';' or TAB,
 * text in double quotes, UTF-8 (with or without byte-order mark) or
 * Windows-1252. Periods are lesuur numbers of the school's time grid, which
 * gives them their clock times.
 *
 * Two more files may come with it, in the same source: GPU002.TXT
 * (Unterricht), whose field 12 (the lesson group) puts a lesson in A or B
 * weeks and whose fields 15-16 (YYYYMMDD) limit when it is valid; and
 * GPU004.TXT (Lehrer), whose names (fields 2 and 29) and e-mail addresses
 * (field 33) are offered for teachers the school file does not know. They
 * never override the school file. Which file is which is told by its name
 * (GPU001 ...), else by its fields. */
#ifndef RK_TIMETABLE_UNTIS_H
#define RK_TIMETABLE_UNTIS_H

#include "diag.h"
#include "importer.h"
#include "school.h"

/* Adds the lessons of the Untis source whose first file is @path (a
 * timetable source of @school, or else @path alone) to @school: one lesson
 * per teacher, day and period, with the classes of the rows that share it
 * joined ("05a, 05b"). @school's time grid must be loaded. Every problem
 * goes to @diags as file:line:column; rows with problems are left out.
 * RK_OK, RK_ERR_INPUT, RK_ERR_IO (with a diagnostic) or RK_ERR_NOMEM. */
enum rk_status rk_timetable_untis_load(struct rk_school *school,
				       const char *path,
				       struct rk_diags *diags);

extern const struct rk_importer rk_importer_untis;

#endif
