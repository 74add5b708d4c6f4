/* status.h - return codes shared by every ritmiek module. */
#ifndef RK_STATUS_H
#define RK_STATUS_H

/* Every fallible function returns one of these; results go through
 * out-parameters. Problems in the user's input are not statuses: they are
 * collected in a struct rk_diags and the function returns RK_ERR_INPUT. */
enum rk_status {
	RK_OK = 0,
	RK_ERR_NOMEM = -1,	/* out of memory */
	RK_ERR_IO = -2,		/* a file could not be read or written */
	RK_ERR_INPUT = -3,	/* user input has errors, see the diagnostics */
	RK_ERR_ARG = -4,	/* a caller passed an invalid argument */
	RK_ERR_NOTFOUND = -5,	/* the thing asked for does not exist */
	RK_ERR_INFEASIBLE = -6, /* no plan satisfies the hard rules */
	RK_ERR_SOLVER = -7,	/* the solver failed for another reason */
	RK_ERR_NETWORK = -8,	/* a server could not be reached */
	RK_ERR_BUSY = -9,	/* another run holds the plan directory */
	RK_ERR_STOPPED = -10,	/* stopped by a signal; nothing changed */
	RK_ERR_BUG = -99	/* an internal invariant was broken */
};

/* A short English description of @status; never NULL, never to be freed. */
const char *rk_strerror(enum rk_status status);

#endif
