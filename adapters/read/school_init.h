/* school_init.h - a first school file from a timetable (ritmiek init).
 *
 * Reads a timetable (any format the importers know) and optionally the
 * people file into a new school, guesses the rest (engine/draft.h), writes
 * the school file, reads it back through the loader (so that what is
 * written is what ritmiek check accepts) and proposes the lerarenteams on
 * the school so read. */
#ifndef RK_SCHOOL_INIT_H
#define RK_SCHOOL_INIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "draft.h"
#include "school.h"

struct rk_init_options {
	const char *const *timetables; /* the files of one source */
	size_t n_timetables;
	const char
		*format; /* csv, untis, fet, ical; NULL: told from the file */
	const char *people; /* a people CSV file, or NULL */
	enum rk_region region;
	int year;		  /* 2026 for 2026-2027 */
	int kind;		  /* enum rk_school_type, or -1: vo, guessed */
	const char *name;	  /* the school's name, or NULL: guessed */
	const char *output;	  /* the school file to write */
	bool force;		  /* overwrite @output */
	const char *calendar_dir; /* as in rk_load_options; NULL: default */
	const char *sections;	  /* subject-to-section table; NULL: default */
	int time_limit_ms;	  /* of the team proposal; 0: its default */
};

/* Writes the school file @options->output. On RK_OK *out is the draft it
 * wrote (rk_draft_free), for the list of what to check. RK_ERR_INPUT
 * with @diags saying why when @options->output is there and !force, or
 * when the timetable or people file has errors; RK_ERR_IO, RK_ERR_NOMEM.
 * When no division into teams keeps the rules, the file is written with
 * the teachers left to divide, and @diags warns why. */
enum rk_status rk_school_init(const struct rk_init_options *options,
			      struct rk_draft **out, struct rk_diags *diags);

#endif
