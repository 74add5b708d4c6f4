/* timetable_csv.h - the simple CSV timetable (doc/school-file.md). */
#ifndef RK_TIMETABLE_CSV_H
#define RK_TIMETABLE_CSV_H

#include "diag.h"
#include "importer.h"
#include "school.h"

/* Adds the lessons in the CSV file at @path to @school, one per line:
 * person,weekday,start,end[,week[,group[,room[,subject]]]]. The person is
 * kept as a reference (resolved by validation, so that an unknown person is
 * reported with this file's line). */
enum rk_status rk_timetable_csv_load(struct rk_school *school, const char *path,
				     struct rk_diags *diags);

extern const struct rk_importer rk_importer_csv;

#endif
