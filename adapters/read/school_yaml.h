/* school_yaml.h - the YAML school file (doc/school-file.md) into the model. */
#ifndef RK_SCHOOL_YAML_H
#define RK_SCHOOL_YAML_H

#include <stdbool.h>

#include "diag.h"
#include "school.h"

/* Reads the school file at @path into a new school (*out, to be freed with
 * rk_school_free, set also when there are errors so that callers can go on
 * checking). Only the YAML itself: the people file and the timetable it
 * names are recorded (rk_school_info.people_file, timetable sources, with
 * paths resolved against @path's folder) but not read. Every problem goes to
 * @diags with file, line and column; returns RK_ERR_INPUT when any error was
 * found, RK_ERR_IO when the file cannot be read, RK_ERR_NOMEM. */
enum rk_status rk_school_yaml_load(const char *path, struct rk_school **out,
				   struct rk_diags *diags);

struct rk_importer;

/* rk_school_yaml_load with the timetable formats @importers (NULL-
 * terminated, at least one; the first is the default format) in place of
 * rk_importers(): a test's own format is checked by its own option table
 * as the real ones are. */
enum rk_status rk_school_yaml_load_formats(
	const char *path, const struct rk_importer *const *importers,
	struct rk_school **out, struct rk_diags *diags);

struct rk_board;

/* Reads the board file at @path (doc/board.md) with the school file's
 * reader, its YAML limits and messages, into @board (zeroed by the caller,
 * freed with rk_board_free whatever the result). Every problem goes to
 * @diags; RK_ERR_INPUT when any error was found, RK_ERR_IO when the file
 * cannot be read, RK_ERR_NOMEM. For board_file.c. */
enum rk_status rk_school_yaml_board(const char *path, struct rk_board *board,
				    struct rk_diags *diags);

/* Whether the YAML file at @path is a mapping with the key `schools`: a
 * board file, not a school file. False when it cannot be read or
 * parsed. */
bool rk_school_yaml_is_board(const char *path);

#endif
