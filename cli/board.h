/* board.h - `ritmiek plan` of several schools (a board) in one command:
 * each school planned in a worker process of its own, at most @jobs at a
 * time, into BOARDDIR/<school id>/; then the people who work at several
 * schools are checked and get one feed (doc/board.md). */
#ifndef RK_CLI_BOARD_H
#define RK_CLI_BOARD_H

#include <stdbool.h>
#include <stddef.h>

/* How one school's plan went, sent from its worker to the board. */
struct rk_board_result {
	int exit; /* the exit status `ritmiek plan` would give */
	size_t events;
	size_t periods;
	size_t duos;
};

struct rk_board_run {
	const char *out;  /* BOARDDIR */
	const char *name; /* the board's name, NULL or "" when none */
	int jobs;	  /* schools planned at once, >= 1 */
	bool quiet;	  /* only the failures and the problems */
	bool no_feeds;	  /* no combined feeds of the shared people */
	/* Plan nothing: take the plans in BOARDDIR as they are (a batch
	 * system planned the schools) and only check the shared people. */
	bool people_only;
	/* Plans the school file @school into the plan directory @dir, as
	 * `ritmiek plan -o DIR SCHOOL` would, printing what it prints; runs
	 * in the worker, with stdout and stderr going to the school's log.
	 * Returns the exit status and fills @res. */
	int (*plan_one)(const char *school, const char *dir,
			struct rk_board_result *res, void *data);
	void *data;
};

/* Plans the @n school files @schools. Prints one line per school, in the
 * order of @schools whatever order they finish in. Returns the exit
 * status: 0 when every school was planned and no shared person is in two
 * schools at once, else the largest exit status of a school (1 input,
 * 3 no plan keeps every rule, 4 failure), 3 for a clash of a shared
 * person. */
int rk_board_plan(const char *const *schools, size_t n,
		  const struct rk_board_run *run);

#endif
