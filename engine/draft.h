/* draft.h - a school file guessed from a timetable (ritmiek init).
 *
 * A school that has only its timetable export gets a first school file
 * from it: the teachers of the timetable as people, with the days, subjects
 * and grades they teach, and a time grid. Everything guessed is remembered,
 * so that the file marks it and the roosteraar knows what to check. The
 * draft works on a school the adapters filled with lessons; it does no
 * I/O. */
#ifndef RK_DRAFT_H
#define RK_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "school.h"
#include "status.h"

/* What was guessed about a person (bits). */
enum rk_guess {
	RK_GUESS_NAME = 1u << 0,     /* the timetable's code as the name */
	RK_GUESS_WORKDAYS = 1u << 1, /* the days with lessons */
	RK_GUESS_SUBJECTS = 1u << 2, /* the subjects of the lessons */
	RK_GUESS_GRADES = 1u << 3,   /* the grades of the lessons' classes */
	RK_GUESS_ROLE = 1u << 4,     /* leraar, since they teach */
};

/* Where the time grid came from. */
enum rk_grid_origin {
	RK_GRID_FROM_TIMES, /* the lessons' clock times (CSV, iCalendar) */
	RK_GRID_USUAL	    /* period numbers only: the usual Dutch grid */
};

struct rk_draft {
	struct rk_school *school; /* owned: freed by rk_draft_free */
	unsigned *guessed;	  /* per person index: enum rk_guess bits */
	size_t n_guessed;
	enum rk_grid_origin grid;
	int lesson_minutes;	  /* RK_GRID_USUAL: the length of its lesuren */
	bool kind_guessed;	  /* no --kind: vo */
	bool name_guessed;	  /* no --name */
	bool teams_todo;	  /* teams left for the school to divide */
	const char *teams_solver; /* "optimal", "feasible"; NULL: no proposal */
	/* Per team of the school: a line on why it is as it is (section,
	 * free moments), or NULL; strings owned by the school. */
	const char **team_notes;
	size_t n_team_notes;
	/* The timetable file(s) as the school file names them. */
	const char *timetable_label;
	/* Lessons end so late (at this time) that the whole school cannot
	 * meet after them before the planner's latest hour: the sessions of
	 * the whole school get a teamavond. 0: they need none. */
	int late_lessons_end;
};

/* The usual lesson length of a Dutch secondary school, in minutes, and
 * the shorter one of a school with more than RK_DRAFT_LONG_DAY lesuren a
 * day; the day starts at 08:30. */
#define RK_DRAFT_LESSON_MINUTES	      50
#define RK_DRAFT_SHORT_LESSON_MINUTES 45
#define RK_DRAFT_LONG_DAY	      9
#define RK_DRAFT_DAY_START	      (8 * 60 + 30)
/* Lesuren a provisional grid has, more than any school uses in a day. */
#define RK_DRAFT_MAX_LESUREN 16

/* A draft around @school (taken over, also on failure); NULL when out of
 * memory. */
struct rk_draft *rk_draft_new(struct rk_school *school);
void rk_draft_free(struct rk_draft *draft);

/* Gives every weekday the usual grid of @n lesuren: 50 minutes from 08:30,
 * a break of 15 minutes after the second and of 30 after the fourth. For
 * timetables that give period numbers only (Untis, FET). */
enum rk_status rk_draft_usual_grid(struct rk_school *school, int n);

/* After reading with the grid of rk_draft_usual_grid: the usual grid
 * again, up to the last lesuur a lesson uses, of 45-minute lesuren when
 * there are more than nine, with the lessons moved to its times. The
 * lesson length in *@length. */
enum rk_status rk_draft_fit_grid(struct rk_school *school, int *length);

/* Gives every weekday a grid made of the lessons' clock times: a lesuur
 * starts at every start time and ends at the next start or end of a
 * lesson. RK_ERR_INPUT when there are no lessons. */
enum rk_status rk_draft_grid_from_times(struct rk_school *school);

/* Sets @draft->late_lessons_end: the end of the last lesuur when a
 * 90-minute session of the whole school (draagvlaksessie,
 * verbindingssessie) no longer fits between it and the latest hour. */
void rk_draft_late_lessons(struct rk_draft *draft);

/* Adds a person (role leraar, the code as the name) for every teacher of
 * the lessons the school lacks, and gives each teacher the workdays,
 * subjects and grades of their lessons where the school does not know
 * them; records what it guessed. */
enum rk_status rk_draft_people(struct rk_draft *draft);

/* A/B weeks when a lesson is in A or B weeks only: the week of
 * 1 September is an A week, teaching weeks count (guessed). */
void rk_draft_ab_weeks(struct rk_draft *draft);

#endif
