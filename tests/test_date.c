#include "config.h"

#include "date.h"
#include "suites.h"

START_TEST(test_roundtrip)
{
	/* Every day of four centuries survives the round trip. */
	int start = rk_date_from_ymd(1900, 1, 1);
	int end = rk_date_from_ymd(2300, 1, 1);
	for (int d = start; d < end; d++) {
		int y, m, dd;
		rk_date_to_ymd(d, &y, &m, &dd);
		ck_assert_int_eq(rk_date_from_ymd(y, m, dd), d);
	}
	ck_assert_int_eq(rk_date_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(rk_date_from_ymd(2000, 3, 1) -
				 rk_date_from_ymd(2000, 2, 28),
			 2);
}
END_TEST

START_TEST(test_weekday_and_iso_week)
{
	int iso_year;
	/* 1 August 2026 is a Saturday in ISO week 31. */
	int d = rk_date_from_ymd(2026, 8, 1);
	ck_assert_int_eq(rk_date_weekday(d), 5);
	ck_assert_int_eq(rk_date_iso_week(d, &iso_year), 31);
	ck_assert_int_eq(iso_year, 2026);
	/* 1 January 2027 is a Friday in week 53 of ISO year 2026. */
	d = rk_date_from_ymd(2027, 1, 1);
	ck_assert_int_eq(rk_date_weekday(d), 4);
	ck_assert_int_eq(rk_date_iso_week(d, &iso_year), 53);
	ck_assert_int_eq(iso_year, 2026);
	/* 4 January 2027, a Monday, starts week 1. */
	d = rk_date_from_ymd(2027, 1, 4);
	ck_assert_int_eq(rk_date_iso_week(d, &iso_year), 1);
	ck_assert_int_eq(iso_year, 2027);
	ck_assert_int_eq(rk_date_monday(rk_date_from_ymd(2027, 1, 10)), d);
	/* 29 December 2025 (Monday) is week 1 of 2026. */
	d = rk_date_from_ymd(2025, 12, 29);
	ck_assert_int_eq(rk_date_iso_week(d, &iso_year), 1);
	ck_assert_int_eq(iso_year, 2026);
}
END_TEST

START_TEST(test_parse_date)
{
	int d;
	char buf[RK_DATE_BUFSIZE];
	ck_assert(rk_date_parse("2028-02-29", &d));
	rk_date_format(d, buf);
	ck_assert_str_eq(buf, "2028-02-29");
	ck_assert(!rk_date_parse("2027-02-29", &d));
	ck_assert(!rk_date_parse("2026-13-01", &d));
	ck_assert(!rk_date_parse("2026-1-01", &d));
	ck_assert(!rk_date_parse("2026-01-01x", &d));
	ck_assert(!rk_date_parse("01-01-2026", &d));
	ck_assert(!rk_date_parse("", &d));
	ck_assert(!rk_date_parse(NULL, &d));
}
END_TEST

START_TEST(test_parse_time)
{
	int m;
	char buf[RK_TIME_BUFSIZE];
	ck_assert(rk_time_parse("08:30", &m));
	ck_assert_int_eq(m, 510);
	ck_assert(rk_time_parse("8:30", &m));
	ck_assert_int_eq(m, 510);
	ck_assert(rk_time_parse("24:00", &m));
	rk_time_format(m, buf);
	ck_assert_str_eq(buf, "24:00");
	ck_assert(!rk_time_parse("24:01", &m));
	ck_assert(!rk_time_parse("8.30", &m));
	ck_assert(!rk_time_parse("08:60", &m));
	ck_assert(!rk_time_parse("830", &m));
	ck_assert(!rk_time_parse("08:3", &m));
}
END_TEST

/* Fixed-width fields, zero-padded, as "%04u-%02u-%02u" and "%02u:%02u". */
START_TEST(test_format_pads)
{
	char date[RK_DATE_BUFSIZE], time[RK_TIME_BUFSIZE];
	rk_date_format(rk_date_from_ymd(987, 1, 2), date);
	ck_assert_str_eq(date, "0987-01-02");
	rk_date_format(rk_date_from_ymd(2026, 12, 31), date);
	ck_assert_str_eq(date, "2026-12-31");
	rk_time_format(5, time);
	ck_assert_str_eq(time, "00:05");
	rk_time_format(13 * 60 + 59, time);
	ck_assert_str_eq(time, "13:59");
	rk_time_format(-3, time);
	ck_assert_str_eq(time, "00:00");
	rk_time_format(24 * 60 + 1, time);
	ck_assert_str_eq(time, "00:00");
}
END_TEST

START_TEST(test_weekday_names)
{
	ck_assert_int_eq(rk_weekday_parse("ma"), 0);
	ck_assert_int_eq(rk_weekday_parse("Woensdag"), 2);
	ck_assert_int_eq(rk_weekday_parse("thu"), 3);
	ck_assert_int_eq(rk_weekday_parse("FRIDAY"), 4);
	ck_assert_int_eq(rk_weekday_parse("zo"), 6);
	ck_assert_int_eq(rk_weekday_parse("mandag"), -1);
	ck_assert_str_eq(rk_weekday_name(2), "woensdag");
	ck_assert_str_eq(rk_weekday_abbr(4), "vr");
}
END_TEST

Suite *suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_weekday_and_iso_week);
	tcase_add_test(tc, test_parse_date);
	tcase_add_test(tc, test_parse_time);
	tcase_add_test(tc, test_format_pads);
	tcase_add_test(tc, test_weekday_names);
	suite_add_tcase(s, tc);
	return s;
}
