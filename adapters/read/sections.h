/* sections.h - the subject-to-section table (data/sections.tsv): which
 * section (sectie) each subject code of a timetable belongs to, for making
 * lerarenteams homogeneous (engine/teams.h). */
#ifndef RK_SECTIONS_H
#define RK_SECTIONS_H

#include <stddef.h>

#include "diag.h"
#include "school.h"
#include "status.h"
#include "teams.h"

struct rk_sections;

/* Reads the table at @path: lines "subject<TAB>section", '#' comments and
 * blank lines ignored. A subject given twice (as written) or a line
 * without a TAB is an error at its line. On RK_OK *out is to be freed with
 * rk_sections_free; RK_ERR_INPUT with @diags saying why, RK_ERR_IO when
 * the file cannot be read (also in @diags). */
enum rk_status rk_sections_read(const char *path, struct rk_sections **out,
				struct rk_diags *diags);

/* The table for @school: the file @path, or when NULL $RITMIEK_SECTIONS,
 * then the installed sections.tsv, then the source tree's; with the
 * school file's own rows (its sections: key) before them, so that they
 * win. */
enum rk_status rk_sections_load(const char *path,
				const struct rk_school *school,
				struct rk_sections **out,
				struct rk_diags *diags);

void rk_sections_free(struct rk_sections *t);

/* The rows, in lookup order (the school's first); lent until the table
 * is freed. */
const struct rk_subject_section *rk_sections_items(const struct rk_sections *t,
						   size_t *n);

#endif
