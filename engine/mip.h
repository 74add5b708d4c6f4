/* mip.h - a small mixed-integer model, solved by GLPK's glp_intopt.
 *
 * The planner's models are built here column by column and row by row with
 * readable names, then solved with messages off, a node limit and a time
 * limit: with GLPK's presolver, or, for a model that prefers the search
 * (rk_mip_prefer_search), from the dual simplex's root with cuts at the
 * root only. This is the only place that includes <glpk.h>: the rest of the
 * engine knows nothing of the solver. All variables are binary unless made
 * otherwise; the objective is minimised. */
#ifndef RK_MIP_H
#define RK_MIP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct rk_mip;

/* Process-wide solver state, for main() (and test runners) alone: GLPK's
 * terminal output off (its cut generators print even with messages off),
 * and its environment freed at exit so that valgrind sees no leaks. */
void rk_mip_global_init(void);
void rk_mip_global_cleanup(void);
/* The same for a worker thread of the planner (parallel.c): GLPK keeps its
 * environment per thread (thread-local storage), so each thread turns its
 * own terminal output off and frees its own environment before it ends. */
void rk_mip_thread_init(void);
void rk_mip_thread_cleanup(void);

enum rk_mip_result {
	RK_MIP_OPTIMAL,	   /* proven optimal */
	RK_MIP_FEASIBLE,   /* a solution, stopped by a limit (see gap, stop) */
	RK_MIP_INFEASIBLE, /* no solution exists */
	RK_MIP_FAILED	   /* the solver could not decide within its limits */
};

/* What ended a solver run that did not prove its answer. */
enum rk_mip_stop {
	RK_MIP_DONE,	   /* nothing: proven optimal or infeasible */
	RK_MIP_NODE_LIMIT, /* the node limit: the same on every machine */
	RK_MIP_TIME_LIMIT  /* the time limit: another machine may differ */
};

/* The limits of one solve. The node limit comes first: a count of
 * branch-and-bound subproblems, it stops GLPK at the same point on every
 * machine, so the answer does not depend on the machine's speed or load
 * (GLPK's search is otherwise deterministic). The time limit is the
 * safety net behind it; set it so that it is never reached in practice. */
struct rk_mip_limits {
	int time_ms; /* wall time of the whole model; 0: 60000 */
	int nodes;   /* subproblems per part of the model; 0: 1000 */
};

/* A new empty model named @name (for dumps); NULL when out of memory. */
struct rk_mip *rk_mip_new(const char *name);
void rk_mip_free(struct rk_mip *mip);
/* The model is one whose branch and bound takes time (a team's sessions):
 * solve_part starts it from the dual simplex's root and cuts at the root
 * only (mip.c, root_first). Same optimum, another of equally good answers
 * than GLPK's defaults may give. */
void rk_mip_prefer_search(struct rk_mip *mip);

/* Adds a binary column with objective coefficient @cost; returns its index
 * (0-based) or -1 when out of memory. @name is copied. */
int rk_mip_add_binary(struct rk_mip *mip, const char *name, double cost);
/* Adds an integer column within [lo, hi]. */
int rk_mip_add_integer(struct rk_mip *mip, const char *name, double cost,
		       double lo, double hi);

/* Adds @cost to column @col's objective coefficient. */
void rk_mip_add_cost(struct rk_mip *mip, int col, double cost);

/* Row kinds: sum(coef * x) <= rhs, >= rhs, or == rhs. */
enum rk_mip_sense { RK_MIP_LE, RK_MIP_GE, RK_MIP_EQ };

/* Starts a new row; then rk_mip_term adds coefficients to it. Returns the
 * row index or -1 when out of memory. */
int rk_mip_add_row(struct rk_mip *mip, const char *name,
		   enum rk_mip_sense sense, double rhs);
/* Adds @coef * column @col to the row being built (the last added). */
enum rk_status rk_mip_term(struct rk_mip *mip, int col, double coef);

size_t rk_mip_n_cols(const struct rk_mip *mip);
size_t rk_mip_n_rows(const struct rk_mip *mip);

struct rk_mip_stats {
	enum rk_mip_result result;
	double objective;
	double gap; /* relative MIP gap, 0 when optimal */
	size_t rows;
	size_t cols;
	size_t nonzeros;
	double seconds;	       /* processor time of the solve, this thread's */
	long nodes;	       /* branch-and-bound subproblems, all parts */
	enum rk_mip_stop stop; /* the time limit when any part met it */
};

/* Solves within @limits (NULL: the defaults): part by part where the
 * model's parts share no row, each part within the node limit and with the
 * time left but at least a tenth of the time limit, all of them stopping
 * by twice that. On RK_MIP_OPTIMAL or
 * RK_MIP_FEASIBLE the values are read with rk_mip_value. Returns
 * RK_ERR_NOMEM or RK_ERR_SOLVER on failure of the machinery itself; an
 * infeasible model is RK_OK with stats->result == RK_MIP_INFEASIBLE. */
enum rk_status rk_mip_solve(struct rk_mip *mip,
			    const struct rk_mip_limits *limits,
			    struct rk_mip_stats *stats);
/* The value of column @col in the solution (rounded for integers). */
double rk_mip_value(const struct rk_mip *mip, int col);
bool rk_mip_chosen(const struct rk_mip *mip, int col);

/* Writes the model in CPLEX LP format to @path (for bench/ and for
 * debugging with other solvers); RK_ERR_IO on failure. This is file output
 * from the engine, allowed here only because GLPK does it itself. */
enum rk_status rk_mip_write_lp(const struct rk_mip *mip, const char *path);

#endif
