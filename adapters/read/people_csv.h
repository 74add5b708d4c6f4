/* people_csv.h - the staff list as a CSV file (doc/school-file.md). */
#ifndef RK_PEOPLE_CSV_H
#define RK_PEOPLE_CSV_H

#include "diag.h"
#include "school.h"

/* Adds the people in the CSV file at @path to @school. Every problem goes to
 * @diags as file:line:column; returns RK_ERR_INPUT when any error was found,
 * RK_ERR_IO when the file cannot be read. */
enum rk_status rk_people_csv_load(struct rk_school *school, const char *path,
				  struct rk_diags *diags);

#endif
