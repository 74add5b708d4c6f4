/* plan.h - a planned school year: every leerKRACHT event with its people.
 *
 * The planner fills a plan; the plan file, the feeds and CalDAV push read
 * it. Events are kept in a stable order (date, start, kind, id) and carry an
 * id derived from what they are (school, kind, team, duo, date), never from
 * the order of planning, so the same input gives the same ids. */
#ifndef RK_PLAN_H
#define RK_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "school.h"
#include "status.h"

enum rk_event_kind {
	RK_EV_DRAAGVLAKSESSIE, /* all staff, voorbereiding */
	RK_EV_STARTFASE,       /* leerKRACHT-team working session, 2 h */
	RK_EV_BOOTCAMP,
	RK_EV_STARTDAG,	     /* all teachers, whole day */
	RK_EV_BORDSESSIE,    /* weekly, per team */
	RK_EV_LKTEAM,	     /* weekly session of the leerKRACHT-team */
	RK_EV_GL,	     /* gezamenlijk lesontwerp, a duo */
	RK_EV_LB,	     /* lesbezoek: visitor in the host's lesson */
	RK_EV_FB,	     /* feedbackgesprek after a lesbezoek */
	RK_EV_VERDIEPING,    /* inhoudelijke verdieping, a team */
	RK_EV_RETROSPECTIVE, /* a team, end of period */
	RK_EV_LEERLINGARENA, /* a team, start of period */
	RK_EV_VERBINDING,    /* verbindingssessie, the whole school */
	RK_EV_FORUM,
	RK_EV_BEDRIJFSBEZOEK,
	RK_EV_WEBINAR,
	RK_EV_EXTERNAL, /* another fixed external date */
	RK_EV_METING	/* survey deadline (all day, with a window) */
};
#define RK_N_EVENT_KINDS 18

enum rk_part_role {
	RK_PART_ATTENDEE,
	RK_PART_HOST, /* the teacher whose lesson is visited / who leads */
	RK_PART_VISITOR,
	RK_PART_COVER /* takes the visitor's group during a lesbezoek */
};

struct rk_participant {
	int person; /* index into the school's people */
	enum rk_part_role role;
};

/* One event. Times are minutes since midnight in the school's time zone;
 * @start == -1 for an all-day event (then @end is -1 too). A meting has
 * @date = its deadline and @opens = the first day of its window. */
struct rk_event {
	const char *id; /* stable, unique in the plan */
	enum rk_event_kind kind;
	int date;
	int start;
	int end;
	int opens;	    /* metingen only, else equal to @date */
	int team;	    /* index into the school's teams, -1: none */
	int period;	    /* 1-based period of the year, 0: outside periods */
	int week_in_period; /* 1-based, 0: outside periods */
	const char *title; /* short Dutch title, e.g. "Bordsessie Team Exact" */
	const char *agenda;   /* what this session is about */
	const char *location; /* room, may be NULL */
	const char *group;    /* the visited class (LB), may be NULL */
	struct rk_participant *parts;
	size_t n_parts;
	/* A bordsessie that also holds team sessions of its week (the school's
	 * ritmiek.team_sessions says in_bordsessie): bit k = enum
	 * rk_event_kind k; 0 for every other event. */
	unsigned carries;
	bool violation; /* breaks a hard rule (--allow-violations) */
	const char *violation_text;
	int source_line; /* line in the plan file it was read from, or 0 */
	/* Room for participants at @parts, for rk_event_add_part alone (0:
	 * none beyond n_parts). */
	size_t cap_parts;
};

/* A team's weekly moment ("vast moment"). A rebalance that moves it
 * keeps the old one for the weeks before: then a team has several, each
 * from its @from on. */
struct rk_moment {
	int team; /* -1 for the leerKRACHT-team */
	int weekday;
	int start;
	int end;
	int from; /* the first date it holds; 0: from the start of the year */
};

/* A duo (or trio: @c >= 0) of a team in a period. */
struct rk_duo {
	int team;
	int period;
	int a;
	int b;
	int c; /* -1 for a duo */
	/* While planning: bit r set when a trio visits the other way round
	 * (a to c to b) in round r + 1; not kept in the plan file. */
	unsigned backward;
};

/* A new lesson timetable from @from on (ritmiek rebalance --timetable):
 * the file @path, read in the school's timetable format, replaces the
 * lessons from that date; the plan file keeps it (a "timetable" line), so
 * that whoever reads the plan checks it against the lessons it was made
 * for. */
struct rk_timetable_change {
	int from;
	const char *path; /* owned by the plan */
};

/* Someone away from @from to @until (INT_MAX: for good), as a rebalance
 * was told (--leave): the plan file keeps it (an "absence" line), so that
 * verify and a later rebalance know it from the plan, not by guessing
 * from the weeks someone has no event. */
struct rk_plan_absence {
	int person;
	int from;
	int until;
};

/* A period of the year: teaching weeks from @first_monday to @last_monday
 * (week indices of the school year), @weeks of them with sessions. */
struct rk_period {
	int number;
	const char *phase; /* "aan de slag", "uitbouwen" */
	int first_week;
	int last_week;
	int weeks;
	int verbinding_date;
};

/* How a solver run went, for the report. */
struct rk_solve_report {
	const char *model; /* "weekly moments", "duos team exact period 2" */
	int result;	   /* enum rk_mip_result */
	double objective;
	double gap;
	size_t rows;
	size_t cols;
	double seconds; /* processor time of the solve */
	int stop;	/* enum rk_mip_stop: what ended it unproven */
	long nodes;	/* branch-and-bound subproblems */
};

struct rk_plan;

struct rk_plan *rk_plan_new(void);
void rk_plan_free(struct rk_plan *plan);

/* Memory owned by the plan, like rk_school_strdup. */
const char *rk_plan_strdup(struct rk_plan *plan, const char *text);
const char *rk_plan_printf(struct rk_plan *plan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void *rk_plan_alloc(struct rk_plan *plan, size_t count, size_t size);

/* Adds a zeroed event (team -1) owned by the plan; NULL when out of memory.
 * The pointer is valid until the next add. */
struct rk_event *rk_plan_add_event(struct rk_plan *plan);
/* Adds participant @person with @role to @ev; -1 when out of memory. */
int rk_event_add_part(struct rk_plan *plan, struct rk_event *ev, int person,
		      enum rk_part_role role);
size_t rk_plan_n_events(const struct rk_plan *plan);
const struct rk_event *rk_plan_event(const struct rk_plan *plan, size_t i);
struct rk_event *rk_plan_event_at(struct rk_plan *plan, size_t i);
/* Adds a deep copy of @ev (strings and participants into @plan's memory);
 * NULL when out of memory. */
struct rk_event *rk_plan_add_copy(struct rk_plan *plan,
				  const struct rk_event *ev);
/* Keeps the events for which @keep says true, in their order. */
void rk_plan_filter(struct rk_plan *plan,
		    bool (*keep)(const struct rk_event *ev, void *data),
		    void *data);
/* Removes every duo of period @period. */
void rk_plan_drop_duos(struct rk_plan *plan, int period);

/* The plan's canonical order of events: by date, start, kind, id (a NULL
 * id as ""); <0, 0 or >0 as strcmp. */
int rk_event_cmp(const struct rk_event *a, const struct rk_event *b);
/* Orders the events by date, start, kind, id: the plan's canonical order. */
void rk_plan_sort(struct rk_plan *plan);

enum rk_status rk_plan_add_moment(struct rk_plan *plan, struct rk_moment m);
size_t rk_plan_n_moments(const struct rk_plan *plan);
const struct rk_moment *rk_plan_moment(const struct rk_plan *plan, size_t i);
/* Replaces the plan's moments by the @n in @moments (copied). */
enum rk_status rk_plan_set_moments(struct rk_plan *plan,
				   const struct rk_moment *moments, size_t n);

/* The one or two partners of @person in @d, in the order a, b, c, into
 * @out; -1 for none (also when @person is not in @d). */
void rk_duo_partners(const struct rk_duo *d, int person, int out[2]);

enum rk_status rk_plan_add_duo(struct rk_plan *plan, struct rk_duo duo);
size_t rk_plan_n_duos(const struct rk_plan *plan);
const struct rk_duo *rk_plan_duo(const struct rk_plan *plan, size_t i);

enum rk_status rk_plan_add_absence(struct rk_plan *plan,
				   struct rk_plan_absence absence);
size_t rk_plan_n_absences(const struct rk_plan *plan);
const struct rk_plan_absence *rk_plan_absence(const struct rk_plan *plan,
					      size_t i);
/* Whether @person is away on a day from @from to @to (inclusive) by the
 * plan's absences. */
bool rk_plan_away(const struct rk_plan *plan, int person, int from, int to);

/* The plan's timetable changes, in the order added (by date: each
 * replaces the lessons from its date on). @change.path is copied. */
enum rk_status rk_plan_add_timetable(struct rk_plan *plan,
				     struct rk_timetable_change change);
size_t rk_plan_n_timetables(const struct rk_plan *plan);
const struct rk_timetable_change *rk_plan_timetable(const struct rk_plan *plan,
						    size_t i);

enum rk_status rk_plan_add_period(struct rk_plan *plan, struct rk_period p);
size_t rk_plan_n_periods(const struct rk_plan *plan);
const struct rk_period *rk_plan_period(const struct rk_plan *plan, size_t i);
struct rk_period *rk_plan_period_at(struct rk_plan *plan, size_t i);

/* The index of the first period of @plan that team @team of @school takes
 * part in: in leerKRACHT year 1 a team of cohort c starts with the period
 * numbered c (or the last period; DOMAIN.md: cohorts shift the phase
 * dates), otherwise with the first. 0 for a plan without periods. */
size_t rk_plan_team_first_period(const struct rk_plan *plan,
				 const struct rk_school *school, size_t team);

enum rk_status rk_plan_add_report(struct rk_plan *plan,
				  struct rk_solve_report r);
size_t rk_plan_n_reports(const struct rk_plan *plan);
/* Forgets every report after the first @n (a try that was undone). */
void rk_plan_truncate_reports(struct rk_plan *plan, size_t n);
const struct rk_solve_report *rk_plan_report(const struct rk_plan *plan,
					     size_t i);

/* The whole plan against a bound on the best whole plan: the year is
 * solved team by team, each model to optimality, but in an order; each
 * team's session models solved alone (without the other teams' sessions)
 * are a relaxation, so the sum of their optima is a lower bound for the
 * sum of the plan's session model objectives. */
struct rk_plan_bound {
	bool known;	  /* computed for this plan */
	double objective; /* the plan's session models, summed */
	double bound;	  /* the same models, each team alone */
	size_t models;	  /* how many were summed */
};
void rk_plan_set_bound(struct rk_plan *plan, struct rk_plan_bound b);
const struct rk_plan_bound *rk_plan_get_bound(const struct rk_plan *plan);

/* Stable names of event kinds ("bordsessie", "lesbezoek" ...), used in ids,
 * the plan file and CATEGORIES; and back. */
const char *rk_event_kind_name(enum rk_event_kind kind);
int rk_event_kind_parse(const char *text);
const char *rk_part_role_name(enum rk_part_role role);
/* The event kind of an external date of the school file. */
enum rk_event_kind rk_event_kind_of_external(enum rk_external_kind kind);
int rk_part_role_parse(const char *text);

#endif
