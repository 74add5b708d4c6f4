#include "config.h"

#include "status.h"

const char *rk_strerror(enum rk_status status)
{
	switch (status) {
	case RK_OK:
		return "success";
	case RK_ERR_NOMEM:
		return "out of memory";
	case RK_ERR_IO:
		return "input/output error";
	case RK_ERR_INPUT:
		return "the input has errors";
	case RK_ERR_ARG:
		return "invalid argument";
	case RK_ERR_NOTFOUND:
		return "not found";
	case RK_ERR_INFEASIBLE:
		return "no plan satisfies the hard rules";
	case RK_ERR_SOLVER:
		return "the solver failed";
	case RK_ERR_NETWORK:
		return "network error";
	case RK_ERR_BUSY:
		return "another ritmiek run is writing this plan directory";
	case RK_ERR_STOPPED:
		return "stopped by a signal; nothing was changed";
	case RK_ERR_BUG:
		return "internal error";
	}
	return "unknown status";
}
