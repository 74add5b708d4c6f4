/* The Check runner for the tests of adapters/. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_school_yaml,   suite_people_csv,	   suite_timetable_csv,
		suite_ical_calendar, suite_loader,	   suite_untis,
		suite_fet,	     suite_timetable_ical, suite_plan_file,
		suite_verify,	     suite_planner,	   suite_rebalance,
		suite_feeds,	     suite_cover,	   suite_plandir,
		suite_precheck,	     suite_externals,	   suite_quality,
		suite_overview,	     suite_hostile,	   suite_include,
		suite_board_file,    suite_school_writer,  suite_teams,
		suite_parallel,	     suite_feeds_examples, suite_importer,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
