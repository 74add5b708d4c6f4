/* grades.h - the grade a class name in a timetable stands for.
 *
 * Timetables name classes, not grades: "09a" is a class of year 9, "4H2" a
 * class of 4 havo, "G5" or "groep 5/6" a group of a primary school. The
 * team proposal compares teachers by the grades they teach, so ritmiek init
 * turns each lesson's class into grade labels ("9", "4 havo", "groep 5"). */
#ifndef RK_GRADES_H
#define RK_GRADES_H

#include <stdbool.h>
#include <stddef.h>

#include "school.h"

/* A grade range: years @year to @year_to (the same for one year; "5/6" in a
 * primary school is 5 to 6), in @stream ("havo", "vwo", "vmbo-k" ...;
 * NULL: none, as in a brugklas or a primary school). @stream is a static
 * string. */
struct rk_grade {
	int year;
	int year_to;
	const char *stream;
};

/* Parses one class name (not a list) of a school of @type. False when the
 * name says no grade ("Q1", "ak-sport"): the caller then guesses nothing. */
bool rk_grade_parse(const char *name, enum rk_school_type type,
		    struct rk_grade *out);

/* The label of year @year of @g: "9", "4 havo", "groep 5". Returns the
 * length snprintf would write. */
int rk_grade_label(const struct rk_grade *g, int year, enum rk_school_type type,
		   char *buf, size_t size);

#endif
