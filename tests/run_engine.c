/* The Check runner for the tests of engine/. The planning tests read their
 * schools through adapters/read/'s loader, so this runner links the
 * adapters too; the engine library itself includes nothing of them. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_date,	suite_diag,	  suite_school,
		suite_validate, suite_schoolyear, suite_grades,
		suite_verify,	suite_planner,	  suite_rebalance,
		suite_cover,	suite_precheck,	  suite_externals,
		suite_quality,	suite_parallel,	  suite_teams,
		suite_sort,	suite_words,	  suite_plan,
		suite_planctx,	suite_mip,	  suite_arena,
		suite_busy,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
