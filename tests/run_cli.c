/* The Check runner for the tests of cli/. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_cli,
		suite_privacy,
		suite_init,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
