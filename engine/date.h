/* date.h - civil dates, ISO weeks and clock times, without time zones.
 *
 * A date is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar. A time of day is an int: minutes since midnight. Weekdays are
 * 0 = Monday .. 6 = Sunday. */
#ifndef RK_DATE_H
#define RK_DATE_H

#include <stdbool.h>
#include <stddef.h>

#define RK_DATE_BUFSIZE 11 /* "YYYY-MM-DD" and NUL */
#define RK_TIME_BUFSIZE 6  /* "HH:MM" and NUL */

int rk_date_from_ymd(int year, int month, int day);
void rk_date_to_ymd(int date, int *year, int *month, int *day);
bool rk_date_valid_ymd(int year, int month, int day);
int rk_date_weekday(int date);
/* The ISO 8601 week number of @date; its ISO year goes to @iso_year when
 * not NULL. */
int rk_date_iso_week(int date, int *iso_year);
/* The Monday on or before @date. */
int rk_date_monday(int date);

/* Parses exactly "YYYY-MM-DD" (a real date); false otherwise. */
bool rk_date_parse(const char *text, int *date);
void rk_date_format(int date, char buf[RK_DATE_BUFSIZE]);
/* Why rk_date_parse refuses @text, for a message after "bad date '...': ":
 * "30 February 2026 does not exist" or "there is no month 13" for a
 * well-formed date that is not in the calendar, else "expected YYYY-MM-DD".
 * Returns @buf. */
const char *rk_date_why(const char *text, char *buf, size_t size);

/* Parses "H:MM" or "HH:MM" (00:00 - 24:00); false otherwise. */
bool rk_time_parse(const char *text, int *minutes);
void rk_time_format(int minutes, char buf[RK_TIME_BUFSIZE]);

/* Parses a weekday name: Dutch ("ma", "maandag", "di", ...) or English
 * ("mon", "monday", ...), any case. Returns 0..6, or -1. */
int rk_weekday_parse(const char *text);
/* Dutch names: "maandag" .. "zondag", and "ma" .. "zo". */
const char *rk_weekday_name(int weekday);
const char *rk_weekday_abbr(int weekday);
/* Dutch month names for @month 1..12: "januari" .. "december", and
 * "jan" .. "dec" (with "mrt" for maart); "?" outside. */
const char *rk_month_name(int month);
const char *rk_month_abbr(int month);

#endif
