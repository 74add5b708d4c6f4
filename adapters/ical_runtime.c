#include "config.h"

#include "ical_runtime.h"

#include <libical/ical.h>

void rk_ical_global_init(void)
{
	icalerror_set_errors_are_fatal(0);
}

void rk_ical_global_cleanup(void)
{
	icaltimezone_free_builtin_timezones();
	icalmemory_free_ring();
}
