/* cmd.h - the subcommands of the ritmiek program. */
#ifndef RK_CMD_H
#define RK_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"

struct rk_school;
struct rk_plan;
struct rk_feeds_options;
struct rk_schoolyear;

/* Exit statuses shared by every subcommand. */
enum rk_exit {
	RK_EXIT_OK = 0,		/* done; warnings allowed */
	RK_EXIT_INPUT = 1,	/* the input has errors; nothing written */
	RK_EXIT_USAGE = 2,	/* bad command line */
	RK_EXIT_INFEASIBLE = 3, /* no plan keeps every hard rule */
	RK_EXIT_FAILURE = 4	/* out of memory, I/O or network failure */
};

/* A subcommand gets argv[0] = its own name. */
int rk_cmd_check(int argc, char **argv);
int rk_cmd_feeds(int argc, char **argv);
int rk_cmd_import(int argc, char **argv);
int rk_cmd_overview(int argc, char **argv);
int rk_cmd_plan(int argc, char **argv);
int rk_cmd_push(int argc, char **argv);
int rk_cmd_rebalance(int argc, char **argv);
int rk_cmd_tokens(int argc, char **argv);
int rk_cmd_verify(int argc, char **argv);

/* Writes the feeds of @plan into the plan directory @dir (feeds.h) and,
 * unless @quiet, says what it wrote; problems go to stderr. */
enum rk_status rk_cli_write_feeds(const struct rk_school *school,
				  const struct rk_plan *plan, const char *dir,
				  const struct rk_feeds_options *options,
				  bool quiet);

/* Writes the overview of @plan into the plan directory @dir (overview.h),
 * the person pages only when @people, and unless @quiet says what it
 * wrote; problems go to stderr. */
enum rk_status rk_cli_write_overview(const struct rk_school *school,
				     const struct rk_schoolyear *year,
				     const struct rk_plan *plan,
				     const char *dir, bool people, bool quiet);

/* Prints every diagnostic to @out in the GNU form
 * "ritmiek: file:line:column: error: message". */
void rk_cli_print_diags(FILE *out, const struct rk_diags *diags);

#endif
