/* The Check runner for the CalDAV push: http.c, caldav.c, push_state.c and
 * push.c, the last against Radicale and Xandikos started on 127.0.0.1. */
#include "config.h"

#include <stdlib.h>

#include "caldav.h"
#include "http.h"
#include "ical_runtime.h"
#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = { suite_caldav, suite_push };
	/* Every request of the tests goes to 127.0.0.1, never to a proxy. */
	static const char *const proxies[] = { "http_proxy", "https_proxy",
					       "HTTPS_PROXY", "ALL_PROXY",
					       "all_proxy" };
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	rk_ical_global_init();
	rk_http_global_init();
	rk_caldav_global_init();
	int status = rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
	rk_caldav_global_cleanup();
	rk_http_global_cleanup();
	rk_ical_global_cleanup();
	return status;
}
