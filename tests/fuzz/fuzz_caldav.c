/* A CalDAV server's 207 multistatus answer (rk_caldav_multistatus_parse)
 * and its DAV:error bodies (rk_caldav_error_name): both come from the
 * network, from servers ritmiek does not control. */
#include "config.h"

#include "fuzz.h"

#include "caldav.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_caldav_multistatus ms;
	char name[64];
	(void)rk_caldav_multistatus_parse((const char *)data, size, &ms);
	rk_caldav_multistatus_release(&ms);
	rk_caldav_error_name((const char *)data, size, name, sizeof(name));
	return 0;
}
