/* test_school_yaml.c - the YAML school file into the model, and every
 * problem it can have, with its exact place and text. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "school_yaml.h"
#include "testutil.h"
#include "suites.h"

#define PATH_SIZE 1024
#define TEXT_SIZE 8192
#define MAX_DIAGS 6

/* $srcdir/tests/data/yaml/@name into @buf. */
static void fixture(const char *name, char *buf, size_t size)
{
	const char *srcdir = getenv("srcdir");
	int n = snprintf(buf, size, "%s/tests/data/yaml/%s",
			 srcdir && *srcdir ? srcdir : ".", name);
	ck_assert(n > 0 && (size_t)n < size);
}

/* --- Broken files: one message each, or a few where they belong together */

struct broken {
	const char *file;
	const char *diags[MAX_DIAGS]; /* NULL-ended */
};

static const struct broken broken[] = {
	{ "unknown-key.yaml",
	  { "7:3: error: unknown key 'timezon' in school; did you mean 'timezone'?" } },
	{ "unknown-key-far.yaml",
	  { "18:1: error: unknown key 'colour' in school file" } },
	{ "missing-region.yaml",
	  { "3:3: error: missing required key 'region' in school" } },
	{ "missing-people.yaml",
	  { "2:1: error: either 'people' or 'people_file' is required" } },
	{ "missing-sections.yaml",
	  { "2:1: error: missing required key 'time_grid' in school file",
	    "2:1: error: missing required key 'teams' in school file",
	    "2:1: error: missing required key 'leerkracht_team' in school file",
	    "2:1: error: either 'people' or 'people_file' is required" } },
	{ "not-a-list.yaml", { "15:14: error: 'members' must be a list" } },
	{ "not-a-mapping.yaml", { "2:9: error: 'school' must be a mapping" } },
	{ "not-a-mapping-root.yaml",
	  { "2:1: error: the school file must be a mapping" } },
	{ "not-a-text.yaml",
	  { "13:11: error: 'name' must be a text",
	    "15:10: error: 'name' must be a text" } },
	{ "bad-date.yaml",
	  { "19:12: error: bad date '2026-13-01': there is no month 13" } },
	{ "bad-time.yaml",
	  { "10:26: error: bad time '8.30': expected HH:MM" } },
	{ "bad-weekday.yaml", { "20:19: error: unknown weekday 'mon day'" } },
	{ "bad-number.yaml", { "14:41: error: bad number 'x' for 'cohort'" } },
	{ "end-before-start.yaml",
	  { "11:40: error: end 09:00 is before start 09:20" } },
	{ "end-equals-start.yaml",
	  { "11:40: error: end 09:20 is not after start 09:20" } },
	{ "to-before-from.yaml",
	  { "19:28: error: 'to' 2026-11-01 is before 'from' 2026-11-06" } },
	{ "bad-region.yaml",
	  { "6:11: error: unknown region 'oost': expected noord, midden or zuid" } },
	{ "bad-type.yaml",
	  { "5:9: error: unknown school type 'hbo': expected po, vo or mbo" } },
	{ "bad-role.yaml", { "12:51: error: unknown role 'conciërge'" } },
	{ "bad-external-kind.yaml",
	  { "19:12: error: unknown external kind 'borrel': expected forum, bootcamp, bedrijfsbezoek, webinar, pizzasessie or other" } },
	{ "bad-meting-kind.yaml",
	  { "19:12: error: unknown meting kind 'enquete': expected cultuursurvey_start, cultuursurvey_eind, thermometer, 360_feedback or barometer" } },
	{ "bad-format.yaml",
	  { "19:11: error: unknown timetable format 'xls': expected csv, untis, fet or ical" } },
	{ "bad-school-year.yaml",
	  { "7:16: error: bad school year '2026/27': expected e.g. 2026-2027" } },
	{ "bad-programme-year.yaml",
	  { "8:19: error: programme_year 0 is below 1" } },
	{ "bad-school-id.yaml",
	  { "3:7: error: bad school id 'De Brug': use letters, digits, '-' and '_'" } },
	{ "bad-bordsessie.yaml",
	  { "19:23: error: bordsessie_minutes 60 is outside 15-45" } },
	{ "bad-period-weeks.yaml",
	  { "19:31: error: period_weeks max 5 is below min 6" } },
	{ "period-weeks-range.yaml",
	  { "20:10: error: period_weeks min 3 is outside 4-8" } },
	{ "bad-boolean.yaml",
	  { "19:21: error: bad boolean 'maybe' for 'avoid_toetsweken': expected true or false" } },
	{ "bad-count.yaml",
	  { "20:10: error: unknown count 'sometimes': expected teaching or calendar" } },
	{ "lesuur-overlap.yaml",
	  { "12:7: error: lesuur 3 overlaps lesuur 2 (09:20-10:10)" } },
	{ "lesuur-order.yaml",
	  { "14:7: error: lesuur 1 starts before lesuur 2 (09:20-10:10); list the lesuren in order",
	    "17:7: error: lesuur 1 must have a higher number than lesuur 2 before it" } },
	{ "weekday-twice.yaml",
	  { "12:3: error: weekday 'woensdag' is given twice (first at line 11)",
	    "13:3: error: unknown key 'woensdg' in time_grid; did you mean 'woensdag'?" } },
	{ "syntax-error.yaml",
	  { "4:16: error: YAML syntax: mapping values are not allowed in this context" } },
	{ "bad-utf8.yaml",
	  { "4:13: error: YAML syntax: invalid trailing UTF-8 octet" } },
	{ "duplicate-key.yaml",
	  { "5:3: error: duplicate key 'name' (first at line 3)" } },
	{ "multi-document.yaml",
	  { "18:1: error: the school file holds more than one YAML document" } },
	{ "ranges.yaml",
	  { "19:5: error: give either 'date' or 'from' and 'to', not both",
	    "20:5: error: either 'date' or 'from' and 'to' is required",
	    "21:5: error: missing required key 'to' in free_days",
	    "22:5: error: missing required key 'from' in free_days",
	    "24:19: error: 'herfstvakantie' must be a mapping",
	    "25:41: error: 'to' 2026-12-01 is before 'from' 2026-12-19" } },
	{ "external.yaml",
	  { "19:5: error: missing required key 'end' in external",
	    "20:69: error: unknown role 'iedereen': expected a role, leerkracht_team or all",
	    "21:5: error: either 'for' or 'people' is required",
	    "22:58: error: 'for' must be a text or a list" } },
};

#define N_BROKEN (sizeof(broken) / sizeof(broken[0]))

START_TEST(test_broken)
{
	const struct broken *b = &broken[_i];
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	char path[PATH_SIZE];
	size_t n = 0;

	ck_assert_ptr_nonnull(diags);
	fixture(b->file, path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &school, diags),
			 RK_ERR_INPUT);
	/* The school comes back anyway, for callers that go on checking. */
	ck_assert_ptr_nonnull(school);
	while (n < MAX_DIAGS && b->diags[n])
		n++;
	rk_test_assert_diags(diags, path, b->diags, n);
	rk_school_free(school);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_several_problems)
{
	static const char *const want[] = {
		"5:3: error: unknown key 'timezon' in school; did you mean 'timezone'?",
		"12:7: error: lesuur 2 overlaps lesuur 1 (08:30-09:20)",
		"20:12: error: bad date '2026-13-01': there is no month 13",
	};
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	char path[PATH_SIZE];

	fixture("several.yaml", path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &school, diags),
			 RK_ERR_INPUT);
	rk_test_assert_diags(diags, path, want, 3);
	/* What could be read was read: the good lesuur and the person. */
	ck_assert_uint_eq(rk_school_get_grid(school, 0)->n, 1);
	ck_assert_uint_eq(rk_school_n_person(school), 1);
	rk_school_free(school);
	rk_diags_free(diags);
}
END_TEST

/* A file that is not there, or holds nothing, has no line to point at. */
static void assert_file_problem(const char *name, enum rk_status status,
				const char *message)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	char path[PATH_SIZE], got[PATH_SIZE + 256], want[PATH_SIZE + 256];

	fixture(name, path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &school, diags), status);
	ck_assert_uint_eq(rk_diags_count(diags), 1);
	rk_diag_format(rk_diags_get(diags, 0), got, sizeof(got));
	snprintf(want, sizeof(want), "%s: error: %s", path, message);
	ck_assert_str_eq(got, want);
	if (status == RK_ERR_IO)
		ck_assert_ptr_null(school);
	rk_school_free(school);
	rk_diags_free(diags);
}

START_TEST(test_missing_file)
{
	assert_file_problem("no-such-file.yaml", RK_ERR_IO,
			    "cannot read file: No such file or directory");
}
END_TEST

START_TEST(test_empty_file)
{
	assert_file_problem("empty.yaml", RK_ERR_INPUT,
			    "the school file is empty");
	assert_file_problem("comments-only.yaml", RK_ERR_INPUT,
			    "the school file is empty");
}
END_TEST

/* Errors already in the caller's list are not this file's errors. */
START_TEST(test_appends_to_diags)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	char path[PATH_SIZE];

	rk_diags_add(diags, RK_SEV_ERROR, "other.csv", 1, 1, "earlier");
	fixture("valid.yaml", path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &school, diags), RK_OK);
	ck_assert_uint_eq(rk_diags_count(diags), 1);
	rk_school_free(school);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_bad_arguments)
{
	/* Any pointer but NULL, to see that *out is cleared. */
	struct rk_school *school = (struct rk_school *)&school;
	ck_assert_int_eq(rk_school_yaml_load("x.yaml", NULL, NULL), RK_ERR_ARG);
	ck_assert_int_eq(rk_school_yaml_load(NULL, &school, NULL), RK_ERR_ARG);
	ck_assert_ptr_null(school);
}
END_TEST

/* --- The minimal file: every default ------------------------------------- */

START_TEST(test_defaults)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *s = NULL;
	char path[PATH_SIZE];

	fixture("minimal.yaml", path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &s, diags), RK_OK);
	const struct rk_school_info *info = rk_school_get_info(s);
	ck_assert_str_eq(info->timezone, "Europe/Amsterdam");
	ck_assert_int_eq(info->programme_year, 1);
	ck_assert_ptr_null(info->people_file);
	const struct rk_person *p = rk_school_get_person(s, 0);
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR);
	ck_assert_uint_eq(p->workdays, RK_WORKDAYS_DEFAULT);
	ck_assert_ptr_null(p->email);
	ck_assert_uint_eq(p->subjects.n, 0);
	const struct rk_team *t = rk_school_get_team(s, 0);
	ck_assert_str_eq(t->name, "exact");
	ck_assert_ptr_null(t->coach.id);
	ck_assert_int_eq(t->cohort, 1);
	ck_assert(!rk_school_get_ab(s)->enabled);
	ck_assert_uint_eq(rk_school_n_timetable_source(s), 0);
	ck_assert_uint_eq(rk_school_n_dayoff(s), 0);
	const struct rk_settings *set = rk_school_get_settings(s);
	ck_assert_int_eq(set->bordsessie_minutes, 30);
	ck_assert_int_eq(set->period_weeks_min, 4);
	ck_assert_int_eq(set->period_weeks_max, 8);
	ck_assert(set->avoid_toetsweken);
	ck_assert_uint_eq(set->n_windows, 0);
	/* The default grid holds Monday to Friday, not the weekend. */
	for (int d = 0; d < 7; d++)
		ck_assert_uint_eq(rk_school_get_grid(s, d)->n, d < 5 ? 2 : 0);
	rk_school_free(s);
	rk_diags_free(diags);
}
END_TEST

/* --- The full file: everything lands in the model ------------------------ */

static char valid_path[PATH_SIZE];
static struct rk_school *valid;
static struct rk_diags *valid_diags;

static void load_valid(void)
{
	fixture("valid.yaml", valid_path, sizeof(valid_path));
	valid_diags = rk_diags_new();
	ck_assert_int_eq(rk_school_yaml_load(valid_path, &valid, valid_diags),
			 RK_OK);
	ck_assert_uint_eq(rk_diags_count(valid_diags), 0);
}

static void free_valid(void)
{
	rk_school_free(valid);
	rk_diags_free(valid_diags);
	valid = NULL;
	valid_diags = NULL;
}

/* @rel taken relative to the folder of valid.yaml. */
static void beside_valid(const char *rel, char *buf, size_t size)
{
	const char *slash = strrchr(valid_path, '/');
	int dirlen = (int)(slash - valid_path) + 1;
	snprintf(buf, size, "%.*s%s", dirlen, valid_path, rel);
}

static void assert_loc(struct rk_loc loc, int line, int column)
{
	ck_assert_str_eq(loc.file, valid_path);
	ck_assert_int_eq(loc.line, line);
	ck_assert_int_eq(loc.column, column);
}

START_TEST(test_valid_info)
{
	const struct rk_school_info *info = rk_school_get_info(valid);
	char want[PATH_SIZE];

	ck_assert_str_eq(info->id, "de-brug_1");
	ck_assert_str_eq(info->name, "Scholengemeenschap De Brug");
	ck_assert_int_eq(info->type, RK_SCHOOL_VO);
	ck_assert_int_eq(info->region, RK_REGION_ZUID);
	ck_assert_str_eq(info->timezone, "Europe/Brussels");
	ck_assert_int_eq(info->year, 2026);
	ck_assert_int_eq(info->programme_year, 2);
	ck_assert_str_eq(info->source_file, valid_path);
	assert_loc(info->loc, 3, 3);
	beside_valid("staff/people.csv", want, sizeof(want));
	ck_assert_str_eq(info->people_file, want);
	assert_loc(info->people_file_loc, 40, 14);
}
END_TEST

START_TEST(test_valid_grid)
{
	static const size_t hours[7] = { 3, 3, 2, 3, 0, 0, 0 };
	for (int d = 0; d < 7; d++)
		ck_assert_uint_eq(rk_school_get_grid(valid, d)->n, hours[d]);
	const struct rk_lesuur *h = &rk_school_get_grid(valid, 3)->hours[2];
	ck_assert_int_eq(h->number, 3);
	ck_assert_int_eq(h->start, 10 * 60 + 30);
	ck_assert_int_eq(h->end, 11 * 60 + 20);
	assert_loc(h->loc, 15, 7);
	h = &rk_school_get_grid(valid, 2)->hours[1];
	ck_assert_int_eq(h->number, 2);
	ck_assert_int_eq(h->start, 9 * 60 + 15);
	ck_assert_int_eq(h->end, 10 * 60);

	ck_assert_uint_eq(rk_school_n_short_day(valid), 2);
	const struct rk_short_day *sd = rk_school_get_short_day(valid, 1);
	ck_assert_int_eq(sd->date, rk_date_from_ymd(2027, 7, 9));
	assert_loc(sd->loc, 21, 27);
	ck_assert_uint_eq(sd->grid.n, 1);
	ck_assert_int_eq(sd->grid.hours[0].end, 9 * 60);
	ck_assert_int_eq(rk_school_get_short_day(valid, 0)->date,
			 rk_date_from_ymd(2026, 12, 18));
}
END_TEST

START_TEST(test_valid_people)
{
	ck_assert_uint_eq(rk_school_n_person(valid), 3);
	const struct rk_person *p = rk_school_get_person(valid, 0);
	ck_assert_str_eq(p->id, "JDV");
	ck_assert_str_eq(p->name, "Jan de Vries");
	ck_assert_str_eq(p->email, "jan.devries@example.nl");
	ck_assert_uint_eq(p->subjects.n, 2);
	ck_assert_str_eq(p->subjects.items[1], "natuurkunde");
	ck_assert_uint_eq(p->grades.n, 1);
	ck_assert_str_eq(p->grades.items[0], "onderbouw");
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR | RK_ROLE_SCHOOLCOACH);
	ck_assert_uint_eq(p->workdays, 0x1bu); /* ma di do vr */
	assert_loc(p->loc, 26, 5);

	p = rk_school_get_person(valid, 1);
	ck_assert_str_eq(p->id, "PBK");
	ck_assert_ptr_null(p->email);
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR);
	ck_assert_uint_eq(p->workdays, RK_WORKDAYS_DEFAULT);

	p = rk_school_get_person(valid, 2);
	ck_assert_uint_eq(p->roles, RK_ROLE_SCHOOLLEIDER | RK_ROLE_MT);
	ck_assert_uint_eq(p->workdays, 0x3u); /* maandag, Tuesday */
}
END_TEST

START_TEST(test_valid_teams)
{
	ck_assert_uint_eq(rk_school_n_team(valid), 2);
	const struct rk_team *t = rk_school_get_team(valid, 0);
	ck_assert_str_eq(t->id, "exact");
	ck_assert_str_eq(t->name, "Team Exact");
	ck_assert_uint_eq(t->n_members, 2);
	ck_assert_str_eq(t->members[1].id, "PBK");
	ck_assert_int_eq(t->members[1].index, -1);
	assert_loc(t->members[1].loc, 45, 20);
	ck_assert_str_eq(t->coach.id, "JDV");
	ck_assert_int_eq(t->coach.index, -1);
	assert_loc(t->coach.loc, 46, 18);
	ck_assert_int_eq(t->cohort, 2);

	t = rk_school_get_team(valid, 1);
	ck_assert_str_eq(t->name, "talen"); /* the id, when no name */
	ck_assert_ptr_null(t->coach.id);
	ck_assert_int_eq(t->cohort, 1);

	t = rk_school_get_lkteam(valid);
	ck_assert_str_eq(t->id, "leerkracht-team");
	ck_assert_str_eq(t->name, "leerKRACHT-team");
	ck_assert_uint_eq(t->n_members, 2);
	ck_assert_str_eq(t->members[0].id, "RVD");
	assert_loc(t->members[0].loc, 52, 13);
	assert_loc(t->loc, 52, 3);
}
END_TEST

START_TEST(test_valid_sources)
{
	char want[PATH_SIZE];

	ck_assert_uint_eq(rk_school_n_timetable_source(valid), 2);
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(valid, 0);
	ck_assert_str_eq(src->format, "csv");
	beside_valid("rooster.csv", want, sizeof(want));
	ck_assert_str_eq(src->path, want);
	assert_loc(src->loc, 55, 5);
	src = rk_school_get_timetable_source(valid, 1);
	ck_assert_str_eq(src->format, "untis");
	ck_assert_str_eq(src->path, "/data/GPU001.TXT");

	const struct rk_ab_scheme *ab = rk_school_get_ab(valid);
	ck_assert(ab->enabled);
	/* 2026-09-02 is a Wednesday. */
	ck_assert_int_eq(ab->first_a, rk_date_from_ymd(2026, 8, 31));
	ck_assert(!ab->count_teaching);
	assert_loc(ab->loc, 59, 3);
}
END_TEST

static void assert_dayoff(size_t i, enum rk_dayoff_kind kind, const char *name,
			  int from, int to)
{
	const struct rk_dayoff *off = rk_school_get_dayoff(valid, i);
	ck_assert_ptr_nonnull(off);
	ck_assert_int_eq(off->kind, kind);
	ck_assert_str_eq(off->name, name);
	ck_assert_int_eq(off->from, from);
	ck_assert_int_eq(off->to, to);
	ck_assert_ptr_null(off->key);
	ck_assert_uint_eq(off->regions, RK_REGIONS_ALL);
	ck_assert(!off->advisory);
}

START_TEST(test_valid_dates)
{
	ck_assert_uint_eq(rk_school_n_dayoff(valid), 4);
	assert_dayoff(0, RK_OFF_STUDIEDAG, "Studiedag ICT",
		      rk_date_from_ymd(2026, 10, 5),
		      rk_date_from_ymd(2026, 10, 5));
	assert_dayoff(1, RK_OFF_STUDIEDAG, "Studiedag",
		      rk_date_from_ymd(2027, 3, 1),
		      rk_date_from_ymd(2027, 3, 2));
	assert_dayoff(2, RK_OFF_VRIJ, "Vrijdag na Hemelvaart",
		      rk_date_from_ymd(2027, 5, 7),
		      rk_date_from_ymd(2027, 5, 7));
	assert_dayoff(3, RK_OFF_VRIJ, "Vrije dag",
		      rk_date_from_ymd(2027, 2, 22),
		      rk_date_from_ymd(2027, 2, 23));
	assert_loc(rk_school_get_dayoff(valid, 0)->loc, 63, 5);

	ck_assert_uint_eq(rk_school_n_toetsweek(valid), 2);
	const struct rk_toetsweek *w = rk_school_get_toetsweek(valid, 0);
	ck_assert_str_eq(w->name, "Toetsweek 1");
	ck_assert_int_eq(w->from, rk_date_from_ymd(2026, 11, 2));
	ck_assert_int_eq(w->to, rk_date_from_ymd(2026, 11, 6));
	w = rk_school_get_toetsweek(valid, 1);
	ck_assert_str_eq(w->name, "Toetsweek");
	ck_assert_int_eq(w->from, w->to);

	ck_assert_uint_eq(rk_school_n_holiday_override(valid), 1);
	const struct rk_holiday_override *h =
		rk_school_get_holiday_override(valid, 0);
	ck_assert_str_eq(h->key, "herfstvakantie");
	ck_assert_int_eq(h->from, rk_date_from_ymd(2026, 10, 17));
	ck_assert_int_eq(h->to, rk_date_from_ymd(2026, 10, 25));
	assert_loc(h->loc, 72, 3);

	ck_assert_uint_eq(rk_school_n_meting_override(valid), 2);
	const struct rk_meting_override *m =
		rk_school_get_meting_override(valid, 1);
	ck_assert_int_eq(m->kind, RK_METING_360_FEEDBACK);
	ck_assert_int_eq(m->opens, rk_date_from_ymd(2027, 3, 1));
	ck_assert_int_eq(m->deadline, m->opens);
	ck_assert_int_eq(rk_school_get_meting_override(valid, 0)->kind,
			 RK_METING_CULTUURSURVEY_START);
}
END_TEST

START_TEST(test_valid_external)
{
	ck_assert_uint_eq(rk_school_n_external(valid), 2);
	const struct rk_external *e = rk_school_get_external(valid, 0);
	ck_assert_int_eq(e->kind, RK_EXT_FORUM);
	ck_assert_str_eq(e->name, "leerKRACHT-teamforum I");
	ck_assert_int_eq(e->date, rk_date_from_ymd(2026, 10, 8));
	ck_assert_int_eq(e->start, 13 * 60);
	ck_assert_int_eq(e->end, 17 * 60);
	ck_assert_uint_eq(e->roles, RK_ROLE_SCHOOLCOACH | RK_ROLE_SCHOOLLEIDER);
	ck_assert(e->leerkracht_team);
	ck_assert(!e->everyone);
	ck_assert_uint_eq(e->n_people, 1);
	ck_assert_str_eq(e->people[0].id, "PBK");
	ck_assert_int_eq(e->people[0].index, -1);
	assert_loc(e->loc, 75, 5);

	e = rk_school_get_external(valid, 1);
	ck_assert_int_eq(e->kind, RK_EXT_WEBINAR);
	ck_assert_int_eq(e->start, -1);
	ck_assert_int_eq(e->end, -1);
	ck_assert(e->everyone);
	ck_assert_uint_eq(e->roles, 0);
	ck_assert_uint_eq(e->n_people, 0);
}
END_TEST

START_TEST(test_valid_settings)
{
	const struct rk_settings *s = rk_school_get_settings(valid);
	ck_assert_int_eq(s->bordsessie_minutes, 20);
	ck_assert_int_eq(s->gl_minutes, 60);
	ck_assert_int_eq(s->fb_minutes, 25);
	ck_assert_int_eq(s->period_weeks_min, 5);
	ck_assert_int_eq(s->period_weeks_max, 7);
	ck_assert(!s->avoid_toetsweken);
	ck_assert(s->allow_multi_team);
	ck_assert_int_eq(s->reminder_minutes, 15);
	ck_assert_int_eq(s->feed_ttl_hours, 6);
	ck_assert_uint_eq(s->n_windows, 2);
	ck_assert_uint_eq(s->windows[0].days, 0x3u);
	ck_assert_int_eq(s->windows[0].start, 12 * 60);
	ck_assert_int_eq(s->windows[0].end, 17 * 60);
	ck_assert_uint_eq(s->windows[1].days, 0x8u);
	ck_assert_int_eq(s->windows[1].end, 16 * 60 + 30);
	assert_loc(s->windows[1].loc, 102, 7);
}
END_TEST

/* --- One root error, not its consequences -------------------------------- */

/* Loads @name, expecting exactly the errors @want; returns the school. */
static struct rk_school *load_expecting(const char *name,
					const char *const *want, size_t n)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	char path[PATH_SIZE];

	fixture(name, path, sizeof(path));
	ck_assert_int_eq(rk_school_yaml_load(path, &school, diags),
			 RK_ERR_INPUT);
	rk_test_assert_diags(diags, path, want, n);
	rk_diags_free(diags);
	ck_assert_ptr_nonnull(school);
	return school;
}

/* `timegrid:` is one error; no "missing required key 'time_grid'", and the
 * grid is read, so no lesson later falls outside an empty grid. */
START_TEST(test_misspelt_section_one_error)
{
	static const char *const want[] = {
		"9:1: error: unknown key 'timegrid' in school file; did you mean 'time_grid'?",
	};
	struct rk_school *school =
		load_expecting("misspelt-section.yaml", want, 1);
	ck_assert_uint_eq(rk_school_get_grid(school, 0)->n, 2);
	rk_school_free(school);
}
END_TEST

/* With the right key given as well, the typo's value is not read. */
START_TEST(test_misspelt_beside_right_key)
{
	static const char *const want[] = {
		"8:1: error: unknown key 'timegrid' in school file; did you mean 'time_grid'?",
	};
	struct rk_school *school =
		load_expecting("misspelt-twice.yaml", want, 1);
	ck_assert_uint_eq(rk_school_get_grid(school, 0)->n, 2);
	ck_assert_int_eq(rk_school_get_grid(school, 0)->hours[0].start,
			 8 * 60 + 30);
	rk_school_free(school);
}
END_TEST

START_TEST(test_misspelt_weekday)
{
	static const char *const want[] = {
		"20:19: error: unknown weekday 'dii'; did you mean 'di'?",
	};
	rk_school_free(load_expecting("misspelt-weekday.yaml", want, 1));
}
END_TEST

START_TEST(test_impossible_date)
{
	static const char *const want[] = {
		"19:12: error: bad date '2026-02-30': 30 February 2026 does not exist",
		"20:12: error: bad date '1-3-2026': expected YYYY-MM-DD",
	};
	rk_school_free(load_expecting("impossible-date.yaml", want, 2));
}
END_TEST

Suite *suite_school_yaml(void)
{
	Suite *s = suite_create("school_yaml");
	TCase *tc = tcase_create("problems");
	tcase_add_loop_test(tc, test_broken, 0, (int)N_BROKEN);
	tcase_add_test(tc, test_several_problems);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_appends_to_diags);
	tcase_add_test(tc, test_bad_arguments);
	tcase_add_test(tc, test_defaults);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid");
	tcase_add_checked_fixture(tc, load_valid, free_valid);
	tcase_add_test(tc, test_valid_info);
	tcase_add_test(tc, test_valid_grid);
	tcase_add_test(tc, test_valid_people);
	tcase_add_test(tc, test_valid_teams);
	tcase_add_test(tc, test_valid_sources);
	tcase_add_test(tc, test_valid_dates);
	tcase_add_test(tc, test_valid_external);
	tcase_add_test(tc, test_valid_settings);
	suite_add_tcase(s, tc);

	tc = tcase_create("root errors");
	tcase_add_test(tc, test_misspelt_section_one_error);
	tcase_add_test(tc, test_misspelt_beside_right_key);
	tcase_add_test(tc, test_misspelt_weekday);
	tcase_add_test(tc, test_impossible_date);
	suite_add_tcase(s, tc);
	return s;
}
