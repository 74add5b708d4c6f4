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
int rk_cmd_init(int argc, char **argv);
int rk_cmd_overview(int argc, char **argv);
int rk_cmd_plan(int argc, char **argv);
int rk_cmd_push(int argc, char **argv);
int rk_cmd_rebalance(int argc, char **argv);
int rk_cmd_teams(int argc, char **argv);
int rk_cmd_tokens(int argc, char **argv);
int rk_cmd_verify(int argc, char **argv);

struct rk_output;
struct rk_output_result;
struct rk_load_options;
struct rk_schoolyear;

/* A new timetable from @from on (rebalance --timetable, a plan's
 * "timetable" line): the lessons of @s end the day before, those of the
 * file @path, read in the school's timetable format, start then. false
 * (what is wrong in @diags) when the file cannot be read or names
 * unknown people. */
bool rk_cli_new_timetable(const char *path, struct rk_school *s, int from,
			  struct rk_diags *diags);

/* Every timetable change @plan was made for, applied to @s in order
 * (rk_cli_new_timetable): whoever checks the plan checks it against the
 * lessons it was made for. */
bool rk_cli_plan_timetables(struct rk_school *s, const struct rk_plan *plan,
			    struct rk_diags *diags);

/* Loads the school file @school_path, its year when @year is not NULL,
 * and PLANDIR @dir's plan.tsv; problems are printed. Returns the exit
 * status (0, 1 for input errors, 4). */
int rk_cli_load_plan(const char *school_path, const char *dir,
		     const struct rk_load_options *options,
		     struct rk_school **school, struct rk_schoolyear **year,
		     struct rk_plan **plan);

/* Writes @o into the plan directory @dir at one commit point (output.h),
 * with SIGINT, SIGTERM, SIGHUP and SIGQUIT held meanwhile: one that comes
 * in stops the commit (the directory stays as it was) or, after it, still
 * ends the command. Says what it wrote unless @quiet, and why not on
 * stderr. Returns the exit status: 0, 1 (input), 4 (failure, busy) or
 * 128 + the signal. */
int rk_cli_output(const char *dir, struct rk_output *o,
		  struct rk_output_result *res, bool quiet);

/* What rk_cli_output wrote, in the lines it prints unless quiet. */
void rk_cli_output_say(const char *dir, const struct rk_output *o,
		       const struct rk_output_result *res);

/* $RITMIEK_TIME_LIMIT: milliseconds per solver run for plan and
 * rebalance (the tests under valgrind, where everything is 50 times
 * slower, give more); 0 when unset or not a number. */
int rk_cli_env_time_limit(void);
/* A whole number from 1 to @max in @text (all of it), or 0. */
int rk_cli_count(const char *text, long max);
/* A node limit (mip.h) from @text, or from $RITMIEK_NODE_LIMIT; 0 when
 * absent or not a whole number from 1 to 100000000. */
int rk_cli_node_limit(const char *text);
int rk_cli_env_node_limit(void);

/* The processors this process may run on, at most 256 (what -j takes); 1
 * when unknown: the default of -j for plan and rebalance. */
int rk_cli_processors(void);

/* After a bad command line (its one-line reason already said): "Try
 * 'ritmiek @cmd --help'." on stderr, as GNU programs do, instead of the
 * whole help. Returns RK_EXIT_USAGE. */
int rk_cli_try_help(const char *cmd);

/* The options that check, verify, feeds, tokens rotate and overview share,
 * with the arguments after them. */
struct rk_cli_common {
	const char *cmd;	      /* for the try-help line: "check" */
	void (*usage)(FILE *out);     /* --help */
	int n_args;		      /* the arguments that must follow */
	const char *expected;	      /* said when they do not: "ritmiek check:
				   * expected one school file\n" */
	struct rk_load_options *load; /* -c/--calendars DIR */
	bool *quiet;		      /* -q/--quiet */
	const char **previous;	      /* --previous FILE; NULL: none */
};
/* Reads the options of @c from @argv; the arguments are then at
 * argv[optind]. Returns RK_EXIT_OK, -1 after --help, or RK_EXIT_USAGE
 * (said on stderr). */
int rk_cli_parse_common(int argc, char **argv, const struct rk_cli_common *c);

/* feeds (@feeds) and overview: the plan of a plan directory written out
 * again (output.h), with its feeds and, when the directory has an
 * overview, its person pages; or with the overview alone. Returns the
 * exit status. */
int rk_cli_write_again(int argc, char **argv, void (*usage)(FILE *out),
		       bool feeds);
/* The end of their --help: the options they share, the exit statuses. */
void rk_cli_write_again_usage(FILE *out);

/* Prints every diagnostic to @out in the GNU form
 * "ritmiek: file:line:column: error: message". */
void rk_cli_print_diags(FILE *out, const struct rk_diags *diags);

#endif
