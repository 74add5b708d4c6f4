/* testutil.h - what the test suites share. */
#ifndef RK_TESTUTIL_H
#define RK_TESTUTIL_H

#include <check.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "planner.h"
#include "school.h"
#include "schoolyear.h"

/* $srcdir/@rel as a new string (caller frees); $srcdir defaults to ".". */
char *rk_test_path(const char *rel);

/* $srcdir/@rel into @buf of @size bytes (fails the test when it does not
 * fit); returns @buf. */
const char *rk_test_path_in(char *buf, size_t size, const char *rel);

/* Checks that @diags holds exactly the @n diagnostics of @want, each as
 * rk_diag_format gives it after "@path:". All are compared at once, so
 * that a failure shows every one. */
void rk_test_assert_diags(const struct rk_diags *diags, const char *path,
			  const char *const *want, size_t n);

/* A file of tests/data/csv/ read into a new school by a loader with the
 * importers' signature (people or timetable CSV). */
struct rk_test_loaded {
	char path[1024];
	struct rk_school *school;
	struct rk_diags *diags;
	enum rk_status status;
};

void rk_test_load_csv(struct rk_test_loaded *t,
		      enum rk_status (*load)(struct rk_school *school,
					     const char *path,
					     struct rk_diags *diags),
		      const char *name);
void rk_test_unload(struct rk_test_loaded *t);

/* Runs the suites and prints Check's summary; returns the exit status. */
int rk_test_run(Suite *(*const *suites)(void), size_t n);

/* The diagnostics, each formatted by rk_diag_format and ended by '\n', in
 * one string (caller frees). Paths are given relative to $srcdir: the
 * "$srcdir/" prefix of every file name is dropped, so that expected texts do
 * not depend on where the build runs. */
char *rk_test_diags_text(const struct rk_diags *diags);

/* The contents of the file @path, NUL-terminated (caller frees); fails the
 * test when it cannot be read. */
char *rk_test_slurp(const char *path);

/* A school file from the source tree, its year and its plan. */
struct rk_test_planned {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	struct rk_diags *diags;
	enum rk_status status; /* the planner's */
};

/* Loads the school file at @rel (from the source tree; it must load),
 * makes its year and plans it with @options (NULL: the defaults). */
struct rk_test_planned rk_test_plan(const char *rel,
				    const struct rk_plan_options *options);
void rk_test_planned_free(struct rk_test_planned *t);

/* Moves the first bordsessie of the plan file at @path from 13:00-13:30
 * to 14:00-14:30, in place: in the planner's test schools
 * (tests/data/planner) off the team's moment and onto a lesson, two
 * rules verify must see broken. */
void rk_test_move_bordsessie(const char *path);

#endif
