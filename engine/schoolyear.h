/* schoolyear.h - the school year's calendar, derived from a school.
 *
 * Which dates are school days (region holidays, public holidays,
 * studiedagen, free days), which weeks are teaching weeks, their ISO week
 * numbers and A/B labels, toetsweken, and who works on which day. */
#ifndef RK_SCHOOLYEAR_H
#define RK_SCHOOLYEAR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "school.h"

/* One date of the school year. */
struct rk_day {
	int date;
	int weekday;	 /* 0 = Monday */
	bool school_day; /* a weekday on which the school is open */
	const char *off; /* why it is no school day (holiday name, "weekend"),
			   * or NULL; borrowed from the school */
	enum rk_dayoff_kind off_kind; /* meaningful when off is a day off */
	int week;		      /* index into the weeks of the year */
	const struct rk_grid *grid;   /* the lesson grid of this day */
	bool shortened;		      /* a verkort rooster */
};

/* One calendar week (Monday to Sunday) of the school year. */
struct rk_week {
	int monday;
	int iso_week;
	int iso_year;
	int school_days; /* weekdays the school is open */
	bool teaching;	 /* at least one school day */
	enum rk_ab ab;	 /* RK_AB_BOTH when the school has no A/B weeks, or
			     * in a week without school days */
	const char *toetsweek; /* its name, or NULL */
	const char *holiday; /* the holiday covering the whole week, or NULL */
};

struct rk_schoolyear;

/* Derives the calendar of @school's school year (1 August to 31 July) from
 * the school's holidays (after applying its overrides), studiedagen, free
 * days, toetsweken and A/B scheme. The school must outlive the result.
 * Problems (a studiedag in a holiday, a first A week outside the year) are
 * warnings in @diags. */
enum rk_status rk_schoolyear_new(const struct rk_school *school,
				 struct rk_schoolyear **out,
				 struct rk_diags *diags);
void rk_schoolyear_free(struct rk_schoolyear *year);

int rk_schoolyear_first(const struct rk_schoolyear *year); /* 1 August */
int rk_schoolyear_last(const struct rk_schoolyear *year);  /* 31 July */

/* The day @date, or NULL outside the school year. */
const struct rk_day *rk_schoolyear_day(const struct rk_schoolyear *year,
				       int date);

size_t rk_schoolyear_n_weeks(const struct rk_schoolyear *year);
const struct rk_week *rk_schoolyear_week(const struct rk_schoolyear *year,
					 size_t i);
/* Weeks with school days, and the number of school days in the year. */
size_t rk_schoolyear_teaching_weeks(const struct rk_schoolyear *year);
size_t rk_schoolyear_school_days(const struct rk_schoolyear *year);

/* Whether @person works at school on @date: a school day and one of their
 * working weekdays. */
bool rk_schoolyear_works(const struct rk_schoolyear *year,
			 const struct rk_person *person, int date);

/* Whether @lesson takes place on @date: its weekday, its A/B week, within
 * its validity, on a school day. */
bool rk_schoolyear_lesson_on(const struct rk_schoolyear *year,
			     const struct rk_lesson *lesson, int date);

/* The times of @lesson on @date into @start and @end: its own times, or,
 * on a day with a shortened grid, those of its lesuur there (validation
 * numbers the lessons that start on a lesuur). False when the lesson does
 * not take place that day, also when the shortened grid drops its lesuur. */
bool rk_schoolyear_lesson_times(const struct rk_schoolyear *year,
				const struct rk_lesson *lesson, int date,
				int *start, int *end);

/* The days off of the year (holidays and public holidays of the school's
 * region, after its overrides, studiedagen and free days), in date order;
 * lent by the year. */
size_t rk_schoolyear_n_holidays(const struct rk_schoolyear *year);
const struct rk_dayoff *rk_schoolyear_holiday(const struct rk_schoolyear *year,
					      size_t i);

#endif
