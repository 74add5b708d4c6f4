/* The Check runner for the tests of adapters/read/. test_hostile also
 * hands write/'s and caldav/'s state files (plan.tsv, feeds.state,
 * tokens.tsv, push.state) to their readers; it is here with the readers,
 * whom most of it tests. */
#include "config.h"

#include "suites.h"
#include "testutil.h"

int main(void)
{
	static Suite *(*const suites[])(void) = {
		suite_school_yaml,   suite_people_csv,	   suite_timetable_csv,
		suite_ical_calendar, suite_loader,	   suite_untis,
		suite_fet,	     suite_timetable_ical, suite_hostile,
		suite_include,	     suite_board_file,	   suite_school_writer,
		suite_importer,
	};
	return rk_test_run(suites, sizeof(suites) / sizeof(suites[0]));
}
