/* suites.h - every Check suite, one per module. */
#ifndef RK_TEST_SUITES_H
#define RK_TEST_SUITES_H

#include <check.h>

/* engine/ (tests/run_engine.c) */
Suite *suite_busy(void);
Suite *suite_date(void);
Suite *suite_diag(void);
Suite *suite_school(void);
Suite *suite_validate(void);
Suite *suite_schoolyear(void);
Suite *suite_grades(void);
Suite *suite_verify(void);
Suite *suite_planner(void);
Suite *suite_rebalance(void);
Suite *suite_cover(void);
Suite *suite_precheck(void);
Suite *suite_externals(void);
Suite *suite_quality(void);
Suite *suite_parallel(void);
Suite *suite_teams(void);
Suite *suite_sort(void);
Suite *suite_arena(void);
Suite *suite_words(void);
Suite *suite_mip(void);
Suite *suite_plan(void);
Suite *suite_planctx(void);

/* adapters/read/ (tests/run_read.c) */
Suite *suite_school_yaml(void);
Suite *suite_people_csv(void);
Suite *suite_timetable_csv(void);
Suite *suite_untis(void);
Suite *suite_fet(void);
Suite *suite_importer(void);
Suite *suite_timetable_ical(void);
Suite *suite_ical_calendar(void);
Suite *suite_loader(void);
Suite *suite_hostile(void);
Suite *suite_include(void);
Suite *suite_board_file(void);
Suite *suite_school_writer(void);

/* adapters/write/ (tests/run_write.c) */
Suite *suite_plan_file(void);
Suite *suite_feeds(void);
Suite *suite_feeds_examples(void);
Suite *suite_plandir(void);
Suite *suite_overview(void);

/* adapters/caldav/, also against CalDAV servers (tests/run_caldav.c) */
Suite *suite_caldav(void);
Suite *suite_push(void);

/* cli/ */
Suite *suite_cli(void);
Suite *suite_privacy(void);
Suite *suite_init(void);

#endif
