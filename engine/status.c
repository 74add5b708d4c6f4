#include "config.h"

#include "status.h"

#include "i18n.h"

const char *rk_strerror(enum rk_status status)
{
	switch (status) {
	case RK_OK:
		return _("success");
	case RK_ERR_NOMEM:
		return _("out of memory");
	case RK_ERR_IO:
		return _("input/output error");
	case RK_ERR_INPUT:
		return _("the input has errors");
	case RK_ERR_ARG:
		return _("invalid argument");
	case RK_ERR_NOTFOUND:
		return _("not found");
	case RK_ERR_INFEASIBLE:
		return _("no plan satisfies the hard rules");
	case RK_ERR_SOLVER:
		return _("the solver failed");
	case RK_ERR_NETWORK:
		return _("network error");
	case RK_ERR_BUSY:
		return _("another ritmiek run is writing this plan directory");
	case RK_ERR_STOPPED:
		return _("stopped by a signal; nothing was changed");
	case RK_ERR_BUG:
		return _("internal error");
	}
	return _("unknown status");
}
