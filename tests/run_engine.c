/* The Check runner for the tests of engine/. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_date,	suite_diag,	  suite_school,
		suite_validate, suite_schoolyear, suite_grades,
		suite_sort,	suite_words,	  suite_plan,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
