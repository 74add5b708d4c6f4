/* The Check runner for the tests of adapters/write/. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_plan_file, suite_feeds,	 suite_feeds_examples,
		suite_plandir,	 suite_overview,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
