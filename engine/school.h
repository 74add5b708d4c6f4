/* school.h - the engine's model of a school: people, teams, time grid,
 * calendar facts, timetable and ritmiek settings.
 *
 * Adapters fill a school (from YAML, CSV, Untis, iCalendar ...); the engine
 * validates it and plans on it. The school owns everything it holds: strings
 * and arrays handed to it come from rk_school_strdup / rk_school_alloc and
 * live until rk_school_free. Value structs are in the open; pointers returned
 * by rk_school_add_* and rk_school_get_* stay valid until the next add of the
 * same kind. */
#ifndef RK_SCHOOL_H
#define RK_SCHOOL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* A place in an input file, for diagnostics. @file is owned by the school. */
struct rk_loc {
	const char *file;
	int line;
	int column;
};

enum rk_school_type { RK_SCHOOL_PO, RK_SCHOOL_VO, RK_SCHOOL_MBO };
enum rk_region { RK_REGION_NOORD, RK_REGION_MIDDEN, RK_REGION_ZUID };
#define RK_N_REGIONS   3
#define RK_REGIONS_ALL 0x7u /* bit r set: applies to region r */

/* Roles are bits; a person may have several. */
enum rk_role {
	RK_ROLE_LERAAR = 1u << 0,
	RK_ROLE_SCHOOLCOACH = 1u << 1,
	RK_ROLE_SCHOOLLEIDER = 1u << 2,
	RK_ROLE_EXPERTCOACH = 1u << 3,
	RK_ROLE_MT = 1u << 4,	      /* managementteam */
	RK_ROLE_OOP = 1u << 5,	      /* onderwijsondersteunend personeel */
	RK_ROLE_TEAMLEIDER = 1u << 6, /* afdelingsleider / teamleider */
};
#define RK_N_ROLES 7

/* A/B-week label of a lesson or a week; RK_AB_BOTH = every week. */
enum rk_ab { RK_AB_BOTH = 0, RK_AB_A = 1, RK_AB_B = 2 };

#define RK_WORKDAYS_DEFAULT 0x1fu /* Monday to Friday */

struct rk_strlist {
	const char **items;
	size_t n;
};

/* A reference by id to a person (or team), resolved by rk_school_resolve:
 * @index is the person's index, or -1 while unresolved or unknown. */
struct rk_ref {
	const char *id;
	struct rk_loc loc;
	int index;
};

struct rk_person {
	const char *id;
	const char *name;
	const char *email; /* may be NULL */
	struct rk_strlist subjects;
	struct rk_strlist grades; /* grade bands / bouw / groepen */
	unsigned roles;		  /* enum rk_role bits */
	unsigned workdays;	  /* bit d: works on weekday d (0 = Monday) */
	struct rk_loc loc;
};

struct rk_team {
	const char *id;
	const char *name;
	struct rk_ref *members;
	size_t n_members;
	struct rk_ref coach; /* id NULL when none was given */
	int cohort;	     /* 1-based start wave; 1 by default */
	const char *room;    /* where its sessions are held, or NULL */
	bool fixed;	     /* ritmiek teams keeps it as it is */
	struct rk_loc loc;
};

/* One lesson hour of the time grid. Times are minutes since midnight. */
struct rk_lesuur {
	int number;
	int start;
	int end;
	struct rk_loc loc;
};

struct rk_grid {
	struct rk_lesuur *hours; /* in order of start time */
	size_t n;
};

/* A day with a shortened grid (verkort rooster). */
struct rk_short_day {
	int date;
	struct rk_grid grid;
	struct rk_loc loc;
};

/* One weekly lesson from the timetable: @person teaches from @start to @end
 * on @weekday, in every week or only in A or B weeks, between @valid_from
 * and @valid_to (inclusive dates; INT_MIN / INT_MAX when always). */
struct rk_lesson {
	struct rk_ref person;
	int weekday;
	int start;
	int end;
	enum rk_ab week;
	int lesuur;	     /* lesson-hour number, 0 when unknown */
	const char *group;   /* class / klas, may be NULL */
	const char *room;    /* lokaal, may be NULL */
	const char *subject; /* may be NULL */
	int valid_from;
	int valid_to;
	struct rk_loc loc;
};

/* Days off and special weeks. Ranges are inclusive dates. */
enum rk_dayoff_kind {
	RK_OFF_VAKANTIE,  /* school holiday (from calendars/) */
	RK_OFF_FEESTDAG,  /* public holiday (from calendars/) */
	RK_OFF_STUDIEDAG, /* the school's own study day */
	RK_OFF_VRIJ	  /* an extra free day of the school */
};

struct rk_dayoff {
	const char *key;  /* stable key, e.g. "herfstvakantie"; may be NULL */
	const char *name; /* e.g. "Herfstvakantie" */
	int from;
	int to;
	enum rk_dayoff_kind kind;
	unsigned regions; /* RK_REGIONS_ALL or bits of enum rk_region */
	bool advisory;	  /* the dates are advice; schools often differ */
	bool overridden;  /* the school file gave its own dates */
	struct rk_loc loc;
};

/* The school's own dates for a holiday of the calendar, by key. */
struct rk_holiday_override {
	const char *key;
	int from;
	int to;
	struct rk_loc loc;
};

struct rk_toetsweek {
	const char *name;
	int from;
	int to;
	struct rk_loc loc;
};

enum rk_external_kind {
	RK_EXT_FORUM,
	RK_EXT_BOOTCAMP,
	RK_EXT_BEDRIJFSBEZOEK,
	RK_EXT_WEBINAR,
	RK_EXT_PIZZASESSIE,
	RK_EXT_OTHER
};

/* A fixed date set outside the school (by the foundation or region).
 * @start and @end are -1 for an all-day event. The audience is the union of
 * people with any of @roles, the leerKRACHT-team when @leerkracht_team, every
 * person of the school when @everyone (the expert coach only at a bootcamp),
 * and the listed @people. */
struct rk_external {
	enum rk_external_kind kind;
	const char *name;
	int date;
	int start;
	int end;
	unsigned roles;
	bool leerkracht_team;
	bool everyone;
	struct rk_ref *people;
	size_t n_people;
	struct rk_loc loc;
	struct rk_loc date_loc; /* where @date is written */
};

enum rk_meting_kind {
	RK_METING_CULTUURSURVEY_START,
	RK_METING_CULTUURSURVEY_EIND,
	RK_METING_THERMOMETER,
	RK_METING_360_FEEDBACK,
	RK_METING_BAROMETER
};
#define RK_N_METINGEN 5

/* A school's own window for a meting (survey), overriding the default. */
struct rk_meting_override {
	enum rk_meting_kind kind;
	int opens;
	int deadline;
	struct rk_loc loc;
};

/* A window in which sessions may be planned: on the weekdays in @days
 * (bit d = weekday d), from @start to @end, for the session kinds in
 * @kinds (bit k = enum rk_event_kind k; 0: every kind windows govern). */
struct rk_window {
	unsigned days;
	int start;
	int end;
	unsigned kinds;
	struct rk_loc loc;
};

/* Which event kinds windows govern: every session the school plans at a
 * chosen moment. A lesbezoek follows its lesson, external dates and
 * metingen are fixed, the startdag is all day; windows do not apply. */
#define RK_WINDOW_KINDS                                              \
	((1u << 0) | (1u << 1) | (1u << 4) | (1u << 5) | (1u << 6) | \
	 (1u << 8) | (1u << 9) | (1u << 10) | (1u << 11) | (1u << 12))

/* Cover capacity ("invalcapaciteit"): a person who may take a teacher's
 * group while that teacher makes a lesbezoek (an onderwijsassistent, the
 * directeur, a vakleerkracht). On the weekdays in @days (bit d; 0: the
 * person's workdays), at most @max_per_week lesbezoeken a week (0: no
 * limit). */
struct rk_cover {
	struct rk_ref person;
	unsigned days;
	int max_per_week;
	struct rk_loc loc;
};

/* The school's own section for a subject (school file sections:), before
 * the subject-to-section table's (ritmiek teams). */
struct rk_section_override {
	const char *subject;
	const char *section;
	struct rk_loc loc;
};

/* People who must be in one lerarenteam (@together), or in different
 * ones (school file team_forming:), for ritmiek teams. */
struct rk_team_rule {
	bool together;
	struct rk_ref *people;
	size_t n_people;
	struct rk_loc loc;
};

struct rk_settings {
	int bordsessie_minutes;	   /* 30; 15..45 */
	int gl_minutes;		   /* gezamenlijk lesontwerp, 45 */
	int fb_minutes;		   /* feedbackgesprek, 30 */
	int period_weeks_min;	   /* 4 */
	int period_weeks_max;	   /* 8 */
	bool avoid_toetsweken;	   /* true */
	bool allow_multi_team;	   /* false: a teacher is in exactly one team */
	int reminder_minutes;	   /* 10 */
	int feed_ttl_hours;	   /* 12 */
	struct rk_window *windows; /* none: the default window below */
	size_t n_windows;
	/* The window for a kind no window names: every school day from
	 * @earliest to @latest (08:00 and 17:30 unless the school says). */
	int earliest;
	int latest;
	/* Team sessions held in the bordsessie of their week instead of as
	 * their own event (bit k = enum rk_event_kind k: verdieping,
	 * retrospectief, leerlingarena); 0: each is its own event. */
	unsigned in_bordsessie;
	/* Where the school publishes the folder feeds/ (school file
	 * feeds.base_url): an https URL ending in '/', or NULL. Only with it
	 * are feed addresses (https, webcal, subscribe links) written. */
	const char *feeds_base_url;
	struct rk_loc feeds_base_url_loc;
};

/* Whether a session of @kind (enum rk_event_kind) on @weekday from @start
 * to @end lies inside a window that applies to it: a window naming the
 * kind or naming no kinds; when none applies, the default window
 * (earliest..latest). Kinds outside RK_WINDOW_KINDS always fit. */
bool rk_settings_window_ok(const struct rk_settings *st, int kind, int weekday,
			   int start, int end);

/* The first window that governs @kind, where the roosteraar can widen
 * them; NULL when none does (then earliest..latest govern it). Lent. */
const struct rk_loc *rk_settings_window_loc(const struct rk_settings *st,
					    int kind);

struct rk_school;

/* Start times worth trying for a session on @weekday (0 = Monday): the
 * lesuur boundaries of the regular grid, the starts of the windows of that
 * day and the default window's; sorted, each once, at most @cap into
 * @out. Their number. */
size_t rk_school_start_times(const struct rk_school *s, int weekday, int *out,
			     size_t cap);

/* A/B weeks: off when !enabled. With @count_teaching, the label flips on
 * every week that has school days (holiday weeks keep the rhythm); without,
 * it flips every calendar week. @first_a is the Monday of an A week. */
struct rk_ab_scheme {
	bool enabled;
	int first_a;
	bool count_teaching;
	struct rk_loc loc;
};

/* A key of a timetable source in the school file that belongs to the
 * source's format, not to the engine: the format's importer declares it
 * (adapters/importer.h) and reads it back. A text has @text (and @number
 * when the importer asks for a number or weekday); a mapping has @items,
 * each a key with its own value. @loc is where the value stands. */
struct rk_option {
	const char *key;
	const char *text; /* NULL for a mapping */
	int number;
	const struct rk_option *items;
	size_t n_items;
	struct rk_loc loc;
};

/* Where the timetable comes from: one or more files of one format (Untis:
 * GPU001 with the optional GPU002 and GPU004; iCalendar: one feed per
 * teacher). Paths are resolved against the school file's folder. @path is
 * the first of @files, the one the importer is called with; it finds the
 * rest of its source through it. @options are the source's other keys and
 * each file's are its own: the engine reads neither. */
struct rk_timetable_source {
	const char *format; /* an importer's id: "csv", "untis", ... */
	const char *path;
	struct rk_timetable_file {
		const char *path;
		const struct rk_option *options;
		size_t n_options;
		struct rk_loc loc;
	} * files;
	size_t n_files;
	const struct rk_option *options;
	size_t n_options;
	struct rk_loc loc;
};

/* The scalar facts about a school. */
struct rk_school_info {
	const char *id;
	const char *name;
	enum rk_school_type type;
	enum rk_region region;
	const char *timezone; /* "Europe/Amsterdam" by default */
	const char *room;     /* where school-wide events are held, or NULL */
	int year;	      /* 2026 for school year 2026-2027 */
	int programme_year;   /* 1, 2, 3 ... */
	const char *source_file; /* the school file itself */
	const char *people_file; /* resolved path of people_file, or NULL */
	struct rk_loc people_file_loc;
	struct rk_loc loc;	    /* the school's own section */
	struct rk_loc year_loc;	    /* its school_year, for calendar problems */
	struct rk_loc timezone_loc; /* its timezone, when given */
};

struct rk_school;

/* A new empty school with default settings; NULL when out of memory. */
struct rk_school *rk_school_new(void);
/* Frees the school and everything it owns; NULL is a no-op. */
void rk_school_free(struct rk_school *school);

/* Memory owned by the school, freed with it. NULL when out of memory
 * (rk_school_strdup(s, NULL) returns NULL too). rk_school_alloc zeroes. */
const char *rk_school_strdup(struct rk_school *school, const char *text);
const char *rk_school_strndup(struct rk_school *school, const char *text,
			      size_t len);
void *rk_school_alloc(struct rk_school *school, size_t count, size_t size);

struct rk_school_info *rk_school_info(struct rk_school *school);
const struct rk_school_info *rk_school_get_info(const struct rk_school *s);
struct rk_settings *rk_school_settings(struct rk_school *school);
const struct rk_settings *rk_school_get_settings(const struct rk_school *s);
struct rk_ab_scheme *rk_school_ab(struct rk_school *school);
const struct rk_ab_scheme *rk_school_get_ab(const struct rk_school *s);

/* The regular grid of @weekday (0..6), to fill or read. */
struct rk_grid *rk_school_grid(struct rk_school *school, int weekday);
const struct rk_grid *rk_school_get_grid(const struct rk_school *s,
					 int weekday);

/* The leerKRACHT-team: its members, to fill or read. */
struct rk_team *rk_school_lkteam(struct rk_school *school);
const struct rk_team *rk_school_get_lkteam(const struct rk_school *s);

/* Every collection of a school, as X(type, name): the one list that the
 * declarations below and school.c's fields, definitions and release are
 * made from, so that a new collection is one line here. */
#define RK_SCHOOL_COLLECTIONS(X)                 \
	X(rk_person, person)                     \
	X(rk_team, team)                         \
	X(rk_lesson, lesson)                     \
	X(rk_short_day, short_day)               \
	X(rk_dayoff, dayoff)                     \
	X(rk_holiday_override, holiday_override) \
	X(rk_toetsweek, toetsweek)               \
	X(rk_external, external)                 \
	X(rk_meting_override, meting_override)   \
	X(rk_timetable_source, timetable_source) \
	X(rk_cover, cover)                       \
	X(rk_section_override, section_override) \
	X(rk_team_rule, team_rule)

/* Collections. rk_school_add_X returns a zeroed element owned by the school
 * (NULL when out of memory); rk_school_n_X counts; rk_school_get_X(i)
 * lends element i, NULL when out of range. */
#define RK_SCHOOL_COLLECTION(type, name)                             \
	struct type *rk_school_add_##name(struct rk_school *school); \
	size_t rk_school_n_##name(const struct rk_school *school);   \
	const struct type *rk_school_get_##name(                     \
		const struct rk_school *school, size_t i);           \
	struct type *rk_school_##name##_at(struct rk_school *school, size_t i);

RK_SCHOOL_COLLECTIONS(RK_SCHOOL_COLLECTION)

#undef RK_SCHOOL_COLLECTION

/* How many startfase sessions the leerKRACHT-team holds in the first
 * programme year: 3 to 5 by school size (DOMAIN.md), by the number of
 * teachers (role leraar): up to 20 three, up to 60 four, else five. The
 * planner plans them, the summary expects them and verify checks them. */
int rk_school_startfase_sessions(const struct rk_school *s);

/* Index of the person (team) with @id, or -1. A linear search: schools
 * have hundreds of people, not millions. */
int rk_school_find_person(const struct rk_school *school, const char *id);
int rk_school_find_team(const struct rk_school *school, const char *id);

/* Puts @person (an index) in team @team (an index) and takes them out of
 * every other team: a teacher who joins or moves. RK_ERR_ARG for a bad
 * index, RK_ERR_NOMEM. */
enum rk_status rk_school_move_person(struct rk_school *school, int person,
				     int team);

/* Initialises a lesson's validity to "always" and week to RK_AB_BOTH. */
void rk_lesson_init(struct rk_lesson *lesson);

/* Names and parsers of the enums, for adapters and reports. Parsers return
 * -1 (or 0 for roles) on an unknown word. */
const char *rk_region_name(enum rk_region region);
int rk_region_parse(const char *text);
const char *rk_school_type_name(enum rk_school_type type);
int rk_school_type_parse(const char *text);
const char *rk_role_name(enum rk_role role);
unsigned rk_role_parse(const char *text);
const char *rk_external_kind_name(enum rk_external_kind kind);
int rk_external_kind_parse(const char *text);
const char *rk_meting_name(enum rk_meting_kind kind);
int rk_meting_parse(const char *text);
const char *rk_dayoff_kind_name(enum rk_dayoff_kind kind);

#endif
