/* board_file.h - a board file (doc/board.md): the school files a board
 * (bestuur, stichting, region) plans in one run. */
#ifndef RK_BOARD_FILE_H
#define RK_BOARD_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "school.h"
#include "status.h"

/* A board: its name and its school files, in the board file's order, the
 * paths resolved against the board file's folder. */
struct rk_board {
	const char *name; /* "" when the file gives none */
	char **schools;
	size_t n_schools;
};

/* Whether the YAML file at @path is a board file (a mapping with the
 * key `schools`) rather than a school file. False when it cannot be read
 * or parsed: the school file's reader then says why. */
bool rk_board_file_is(const char *path);

/* Reads the board file at @path into a new board (*out, to be freed with
 * rk_board_free). Every problem goes to @diags with file, line and
 * column; RK_ERR_INPUT when any error was found (then *out is NULL),
 * RK_ERR_IO when the file cannot be read, RK_ERR_NOMEM. */
enum rk_status rk_board_read(const char *path, struct rk_board **out,
			     struct rk_diags *diags);

void rk_board_free(struct rk_board *board);

/* What the board run needs of a school before planning it: the school file
 * (with what it includes) and its people file, no timetable and no
 * calendar, so that it is quick. The school's id names its folder of the
 * board; its people are matched across schools. *out as for
 * rk_school_yaml_load; problems go to @diags. */
enum rk_status rk_board_school_read(const char *path, struct rk_school **out,
				    struct rk_diags *diags);

#endif
