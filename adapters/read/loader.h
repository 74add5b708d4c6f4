/* loader.h - everything a school needs, read and checked in one call. */
#ifndef RK_LOADER_H
#define RK_LOADER_H

#include "diag.h"
#include "school.h"

struct rk_load_options {
	/* Folder with the holiday calendars (calendars/NNNN-NNNN.ics); NULL:
	 * $RITMIEK_CALENDARS, then the installed folder, then the source
	 * tree's. */
	const char *calendar_dir;
};

/* Reads the school file at @path, the people file and timetables it names,
 * and the school year's holiday calendar; resolves references and validates.
 * On RK_OK (warnings allowed) *out is the school, to be freed with
 * rk_school_free; on any error *out is NULL and @diags says why. */
enum rk_status rk_load_school(const char *path,
			      const struct rk_load_options *options,
			      struct rk_school **out, struct rk_diags *diags);

#endif
