/* Tests of adapters/ical_calendar: the holiday calendars in calendars/ and
 * the diagnostics for broken ones in tests/data/calendars/. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "ical_calendar.h"
#include "school.h"
#include "testutil.h"
#include "suites.h"

#define FIRST_YEAR 2025
#define N_YEARS	   4

/* The calendar of the school year that starts in @year. */
static char *year_path(int year)
{
	char *dir = rk_test_path("calendars");
	char *path = rk_ical_calendar_path(dir, year);

	ck_assert_ptr_nonnull(path);
	free(dir);
	return path;
}

struct loaded {
	struct rk_school *school;
	struct rk_diags *diags;
	char *path;
	enum rk_status status;
};

/* Loads @path (which it takes over) into a new school. */
static struct loaded load_path(char *path)
{
	struct loaded l = { .path = path };

	l.school = rk_school_new();
	l.diags = rk_diags_new();
	ck_assert_ptr_nonnull(l.school);
	ck_assert_ptr_nonnull(l.diags);
	l.status = rk_ical_load_holidays(l.school, l.path, l.diags);
	return l;
}

static struct loaded load_fixture(const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/calendars/%s", name);
	return load_path(rk_test_path(rel));
}

static void unload(struct loaded *l)
{
	rk_school_free(l->school);
	rk_diags_free(l->diags);
	free(l->path);
}

static void assert_diags(const struct loaded *l, const char *expected)
{
	char *text = rk_test_diags_text(l->diags);

	ck_assert_str_eq(text, expected);
	free(text);
}

/* The holiday @key that applies to @region (the first one, in file order). */
static const struct rk_dayoff *find(const struct rk_school *school,
				    const char *key, enum rk_region region)
{
	for (size_t i = 0; i < rk_school_n_dayoff(school); i++) {
		const struct rk_dayoff *d = rk_school_get_dayoff(school, i);
		if (d->key && !strcmp(d->key, key) &&
		    (d->regions & (1u << region)))
			return d;
	}
	return NULL;
}

/* How many holidays @key apply to @region. */
static int count(const struct rk_school *school, const char *key,
		 enum rk_region region)
{
	int n = 0;

	for (size_t i = 0; i < rk_school_n_dayoff(school); i++) {
		const struct rk_dayoff *d = rk_school_get_dayoff(school, i);
		if (!strcmp(d->key, key) && (d->regions & (1u << region)))
			n++;
	}
	return n;
}

static int ymd(int y, int m, int d)
{
	return rk_date_from_ymd(y, m, d);
}

#define ASSERT_RANGE(d, y1, m1, d1, y2, m2, d2)               \
	do {                                                  \
		ck_assert_ptr_nonnull(d);                     \
		ck_assert_int_eq((d)->from, ymd(y1, m1, d1)); \
		ck_assert_int_eq((d)->to, ymd(y2, m2, d2));   \
	} while (0)

/* ---- the calendars in calendars/ ---------------------------------------- */

static const size_t n_events[N_YEARS] = { 19, 18, 18, 19 };

START_TEST(test_calendar_loads_clean)
{
	struct loaded l = load_path(year_path(FIRST_YEAR + _i));

	assert_diags(&l, "");
	ck_assert_int_eq(l.status, RK_OK);
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), n_events[_i]);
	for (size_t i = 0; i < rk_school_n_dayoff(l.school); i++) {
		const struct rk_dayoff *d = rk_school_get_dayoff(l.school, i);
		ck_assert_ptr_nonnull(d->key);
		ck_assert_ptr_nonnull(d->name);
		ck_assert_str_eq(d->loc.file, l.path);
		ck_assert_int_gt(d->loc.line, 0);
		ck_assert_int_le(d->from, d->to);
		ck_assert_uint_ne(d->regions, 0);
		ck_assert_uint_eq(d->regions & ~RK_REGIONS_ALL, 0);
	}
	unload(&l);
}
END_TEST

static const char *const vacations[] = {
	"zomervakantie-vorig", "herfstvakantie", "kerstvakantie",
	"voorjaarsvakantie",   "meivakantie",	 "zomervakantie",
};

static const char *const feestdagen[] = {
	"goede-vrijdag",      "eerste-paasdag", "tweede-paasdag",
	"koningsdag",	      "hemelvaartsdag", "eerste-pinksterdag",
	"tweede-pinksterdag",
};

/* Each region has each school holiday once, Saturday to Sunday, and each
 * public holiday once, for everyone; only herfst- and voorjaarsvakantie
 * are advice, and the meivakantie in the files before 2027-2028 (taken
 * from school sites, not from the Rijksoverheid's overview, which fixes
 * it in week 18). */
START_TEST(test_calendar_is_complete)
{
	int year = FIRST_YEAR + _i;
	struct loaded l = load_path(year_path(year));

	for (int r = 0; r < RK_N_REGIONS; r++) {
		for (size_t k = 0; k < sizeof(vacations) / sizeof(*vacations);
		     k++) {
			const struct rk_dayoff *d =
				find(l.school, vacations[k], r);
			ck_assert_msg(count(l.school, vacations[k], r) == 1,
				      "%s: %s once for region %d", l.path,
				      vacations[k], r);
			ck_assert_int_eq(d->kind, RK_OFF_VAKANTIE);
			ck_assert_int_eq(rk_date_weekday(d->from), 5);
			ck_assert_int_eq(rk_date_weekday(d->to), 6);
			ck_assert_int_eq(
				d->advisory,
				!strcmp(d->key, "herfstvakantie") ||
					!strcmp(d->key, "voorjaarsvakantie") ||
					(!strcmp(d->key, "meivakantie") &&
					 year < 2027));
		}
	}
	for (size_t k = 0; k < sizeof(feestdagen) / sizeof(*feestdagen); k++) {
		const struct rk_dayoff *d = find(l.school, feestdagen[k], 0);
		ck_assert_msg(d != NULL, "%s: no %s", l.path, feestdagen[k]);
		ck_assert_uint_eq(d->regions, RK_REGIONS_ALL);
		ck_assert_int_eq(d->kind, RK_OFF_FEESTDAG);
		ck_assert_int_eq(d->from, d->to);
		ck_assert(!d->advisory);
	}
	/* 2026-2029 are no lustrum years: 5 May is no national day off. */
	ck_assert_ptr_null(find(l.school, "bevrijdingsdag", 0));
	unload(&l);
}
END_TEST

/* The first weeks of a school year (from 1 August) are the previous summer
 * holiday; the last day (31 July) is in the next one, in every region. */
START_TEST(test_calendar_covers_both_summers)
{
	int year = FIRST_YEAR + _i;
	struct loaded l = load_path(year_path(year));

	for (int r = 0; r < RK_N_REGIONS; r++) {
		const struct rk_dayoff *before =
			find(l.school, "zomervakantie-vorig", r);
		const struct rk_dayoff *after =
			find(l.school, "zomervakantie", r);
		ck_assert_ptr_nonnull(before);
		ck_assert_ptr_nonnull(after);
		ck_assert_int_le(before->from, ymd(year, 8, 1));
		ck_assert_int_ge(before->to, ymd(year, 8, 1));
		ck_assert_int_le(after->from, ymd(year + 1, 7, 31));
		ck_assert_int_ge(after->to, ymd(year + 1, 7, 31));
		ck_assert_str_eq(before->name, "Zomervakantie");
	}
	unload(&l);
}
END_TEST

START_TEST(test_2025_2026_dates)
{
	struct loaded l = load_path(year_path(2025));

	ASSERT_RANGE(find(l.school, "zomervakantie-vorig", RK_REGION_MIDDEN),
		     2025, 7, 19, 2025, 8, 31);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_ZUID), 2025, 10,
		     11, 2025, 10, 19);
	ASSERT_RANGE(find(l.school, "kerstvakantie", RK_REGION_NOORD), 2025, 12,
		     20, 2026, 1, 4);
	ASSERT_RANGE(find(l.school, "voorjaarsvakantie", RK_REGION_NOORD), 2026,
		     2, 21, 2026, 3, 1);
	ASSERT_RANGE(find(l.school, "goede-vrijdag", RK_REGION_NOORD), 2026, 4,
		     3, 2026, 4, 3);
	ASSERT_RANGE(find(l.school, "koningsdag", RK_REGION_NOORD), 2026, 4, 27,
		     2026, 4, 27);
	ASSERT_RANGE(find(l.school, "hemelvaartsdag", RK_REGION_NOORD), 2026, 5,
		     14, 2026, 5, 14);
	ASSERT_RANGE(find(l.school, "tweede-pinksterdag", RK_REGION_NOORD),
		     2026, 5, 25, 2026, 5, 25);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_NOORD), 2026, 7,
		     4, 2026, 8, 16);
	unload(&l);
}
END_TEST

START_TEST(test_2026_2027_dates)
{
	struct loaded l = load_path(year_path(2026));
	const struct rk_dayoff *kerst = find(l.school, "kerstvakantie", 0);

	ck_assert_ptr_nonnull(kerst);
	ck_assert_uint_eq(kerst->regions, RK_REGIONS_ALL);
	ck_assert_str_eq(kerst->name, "Kerstvakantie");
	ck_assert_int_eq(kerst->kind, RK_OFF_VAKANTIE);
	ck_assert(!kerst->advisory);
	for (int r = 0; r < RK_N_REGIONS; r++)
		ASSERT_RANGE(find(l.school, "kerstvakantie", r), 2026, 12, 19,
			     2027, 1, 3);

	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_NOORD), 2026,
		     10, 10, 2026, 10, 18);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_MIDDEN), 2026,
		     10, 17, 2026, 10, 25);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_ZUID), 2026, 10,
		     17, 2026, 10, 25);
	ck_assert(find(l.school, "herfstvakantie", RK_REGION_NOORD)->advisory);

	ASSERT_RANGE(find(l.school, "goede-vrijdag", RK_REGION_ZUID), 2027, 3,
		     26, 2027, 3, 26);
	ASSERT_RANGE(find(l.school, "tweede-paasdag", RK_REGION_ZUID), 2027, 3,
		     29, 2027, 3, 29);
	ASSERT_RANGE(find(l.school, "koningsdag", RK_REGION_ZUID), 2027, 4, 27,
		     2027, 4, 27);
	ASSERT_RANGE(find(l.school, "hemelvaartsdag", RK_REGION_ZUID), 2027, 5,
		     6, 2027, 5, 6);
	ASSERT_RANGE(find(l.school, "tweede-pinksterdag", RK_REGION_ZUID), 2027,
		     5, 17, 2027, 5, 17);
	ck_assert_str_eq(find(l.school, "hemelvaartsdag", 0)->name,
			 "Hemelvaartsdag");
	ASSERT_RANGE(find(l.school, "zomervakantie-vorig", RK_REGION_ZUID),
		     2026, 7, 11, 2026, 8, 23);
	unload(&l);
}
END_TEST

START_TEST(test_2027_2028_dates)
{
	struct loaded l = load_path(year_path(2027));

	ASSERT_RANGE(find(l.school, "koningsdag", RK_REGION_MIDDEN), 2028, 4,
		     27, 2028, 4, 27);
	ASSERT_RANGE(find(l.school, "goede-vrijdag", RK_REGION_MIDDEN), 2028, 4,
		     14, 2028, 4, 14);
	ASSERT_RANGE(find(l.school, "hemelvaartsdag", RK_REGION_MIDDEN), 2028,
		     5, 25, 2028, 5, 25);
	ASSERT_RANGE(find(l.school, "tweede-pinksterdag", RK_REGION_MIDDEN),
		     2028, 6, 5, 2028, 6, 5);
	ASSERT_RANGE(find(l.school, "kerstvakantie", RK_REGION_MIDDEN), 2027,
		     12, 25, 2028, 1, 9);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_ZUID), 2027, 10,
		     23, 2027, 10, 31);
	ASSERT_RANGE(find(l.school, "voorjaarsvakantie", RK_REGION_MIDDEN),
		     2028, 2, 26, 2028, 3, 5);
	ASSERT_RANGE(find(l.school, "meivakantie", RK_REGION_NOORD), 2028, 4,
		     29, 2028, 5, 7);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_NOORD), 2028, 7,
		     15, 2028, 8, 27);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_MIDDEN), 2028, 7,
		     8, 2028, 8, 20);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_ZUID), 2028, 7,
		     22, 2028, 9, 3);
	unload(&l);
}
END_TEST

/* Rijksoverheid, overzicht schoolvakanties 2028-2029; Easter 1 April 2029. */
START_TEST(test_2028_2029_dates)
{
	struct loaded l = load_path(year_path(2028));

	ASSERT_RANGE(find(l.school, "zomervakantie-vorig", RK_REGION_ZUID),
		     2028, 7, 22, 2028, 9, 3);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_NOORD), 2028,
		     10, 14, 2028, 10, 22);
	ASSERT_RANGE(find(l.school, "herfstvakantie", RK_REGION_MIDDEN), 2028,
		     10, 21, 2028, 10, 29);
	ASSERT_RANGE(find(l.school, "kerstvakantie", RK_REGION_ZUID), 2028, 12,
		     23, 2029, 1, 7);
	ASSERT_RANGE(find(l.school, "voorjaarsvakantie", RK_REGION_MIDDEN),
		     2029, 2, 17, 2029, 2, 25);
	ASSERT_RANGE(find(l.school, "voorjaarsvakantie", RK_REGION_ZUID), 2029,
		     2, 10, 2029, 2, 18);
	ASSERT_RANGE(find(l.school, "goede-vrijdag", 0), 2029, 3, 30, 2029, 3,
		     30);
	ASSERT_RANGE(find(l.school, "tweede-paasdag", 0), 2029, 4, 2, 2029, 4,
		     2);
	ASSERT_RANGE(find(l.school, "koningsdag", 0), 2029, 4, 27, 2029, 4, 27);
	ASSERT_RANGE(find(l.school, "meivakantie", RK_REGION_NOORD), 2029, 4,
		     28, 2029, 5, 6);
	ASSERT_RANGE(find(l.school, "hemelvaartsdag", 0), 2029, 5, 10, 2029, 5,
		     10);
	ASSERT_RANGE(find(l.school, "tweede-pinksterdag", 0), 2029, 5, 21, 2029,
		     5, 21);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_NOORD), 2029, 7,
		     21, 2029, 9, 2);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_MIDDEN), 2029, 7,
		     7, 2029, 8, 19);
	ASSERT_RANGE(find(l.school, "zomervakantie", RK_REGION_ZUID), 2029, 7,
		     14, 2029, 8, 26);
	unload(&l);
}
END_TEST

/* What each file says the Rijksoverheid had published; the two oldest
 * files were made without its overview and say nothing. */
START_TEST(test_calendar_year_status)
{
	static const enum rk_calendar_status want[N_YEARS] = {
		RK_CALENDAR_UNSTATED,
		RK_CALENDAR_UNSTATED,
		RK_CALENDAR_PUBLISHED,
		RK_CALENDAR_PUBLISHED,
	};
	char *path = year_path(FIRST_YEAR + _i);
	struct rk_school *school = rk_school_new();
	struct rk_diags *diags = rk_diags_new();
	enum rk_calendar_status status = RK_CALENDAR_ADVISORY;

	ck_assert_int_eq(rk_ical_load_calendar(school, path, &status, diags),
			 RK_OK);
	ck_assert_int_eq(status, want[_i]);
	rk_school_free(school);
	rk_diags_free(diags);
	free(path);
}
END_TEST

/* The years a folder has calendars for, in order; other names are not. */
START_TEST(test_calendar_years)
{
	char *dir = rk_test_path("calendars");
	int *years = NULL;
	size_t n = 0;

	ck_assert_int_eq(rk_ical_calendar_years(dir, &years, &n), RK_OK);
	ck_assert_uint_eq(n, N_YEARS);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(years[i], FIRST_YEAR + (int)i);
	free(years);
	free(dir);
	/* tests/data/calendars holds other .ics files, none of a year. */
	dir = rk_test_path("tests/data/calendars");
	ck_assert_int_eq(rk_ical_calendar_years(dir, &years, &n), RK_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(years);
	free(dir);
	ck_assert_int_eq(rk_ical_calendar_years("/nonexistent-rk", &years, &n),
			 RK_ERR_IO);
}
END_TEST

/* ---- fixtures in tests/data/calendars/ ---------------------------------- */

/* Region lists with spaces, lower-case values, no DTEND, DURATION. */
START_TEST(test_fixture_lists_and_defaults)
{
	struct loaded l = load_fixture("small.ics");
	const struct rk_dayoff *herfst, *koning, *pinksteren;

	assert_diags(&l, "");
	ck_assert_int_eq(l.status, RK_OK);
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 3);
	herfst = rk_school_get_dayoff(l.school, 0);
	koning = rk_school_get_dayoff(l.school, 1);
	pinksteren = rk_school_get_dayoff(l.school, 2);

	ck_assert_str_eq(herfst->key, "herfstvakantie");
	ck_assert_uint_eq(herfst->regions,
			  (1u << RK_REGION_MIDDEN) | (1u << RK_REGION_ZUID));
	ck_assert(herfst->advisory);
	ck_assert_int_eq(herfst->loc.line, 7);
	ASSERT_RANGE(herfst, 2026, 10, 17, 2026, 10, 25);

	/* No DTEND: one day (RFC 5545, 3.6.1); no ADVISORY: false. */
	ck_assert_str_eq(koning->name, "Koningsdag");
	ck_assert_int_eq(koning->kind, RK_OFF_FEESTDAG);
	ck_assert_uint_eq(koning->regions, RK_REGIONS_ALL);
	ck_assert(!koning->advisory);
	ck_assert_int_eq(koning->loc.line, 18);
	ASSERT_RANGE(koning, 2027, 4, 27, 2027, 4, 27);

	/* DURATION instead of DTEND; the three regions are all of them. */
	ck_assert_uint_eq(pinksteren->regions, RK_REGIONS_ALL);
	ck_assert_int_eq(pinksteren->loc.line, 27);
	ASSERT_RANGE(pinksteren, 2027, 5, 16, 2027, 5, 17);
	unload(&l);
}
END_TEST

START_TEST(test_missing_key)
{
	struct loaded l = load_fixture("missing-key.ics");

	ck_assert_int_eq(l.status, RK_ERR_INPUT);
	assert_diags(&l, "tests/data/calendars/missing-key.ics:15: error: "
			 "event has no X-RITMIEK-KEY\n");
	/* The good event before it is kept. */
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 1);
	ck_assert_str_eq(rk_school_get_dayoff(l.school, 0)->key,
			 "kerstvakantie");
	unload(&l);
}
END_TEST

#define BROKEN "tests/data/calendars/broken-events.ics"

/* Every broken event is reported, at its BEGIN:VEVENT line, and skipped;
 * the good one at the end is still added. */
START_TEST(test_broken_events)
{
	struct loaded l = load_fixture("broken-events.ics");

	ck_assert_int_eq(l.status, RK_ERR_INPUT);
	assert_diags(
		&l, BROKEN
		":4: error: event 'herfstvakantie' has no DTSTART\n" BROKEN
		":13: error: event 'herfstvakantie': unknown region "
		"'oost' (expected noord, midden, zuid or all)\n" BROKEN
		":23: error: event 'kerstvakantie' has no "
		"X-RITMIEK-REGION\n" BROKEN
		":32: error: event 'meivakantie': unknown category "
		"'FERIE' (expected VAKANTIE or FEESTDAG)\n" BROKEN
		":42: error: event 'koningsdag' has no CATEGORIES "
		"(expected VAKANTIE or FEESTDAG)\n" BROKEN
		":51: error: event 'hemelvaartsdag': DTEND is not after "
		"DTSTART (DTEND is the day after the last day)\n" BROKEN
		":61: error: event 'goede-vrijdag': DTSTART is not a "
		"valid date (use DTSTART;VALUE=DATE)\n" BROKEN
		":71: error: event 'tweede-paasdag': DTSTART is not a "
		"valid date (use DTSTART;VALUE=DATE)\n" BROKEN
		":80: error: event 'voorjaarsvakantie': "
		"X-RITMIEK-ADVISORY must be TRUE or FALSE, not 'MAYBE'\n" BROKEN
		":91: error: event has no X-RITMIEK-KEY\n" BROKEN
		":91: error: event: unknown region 'oost' (expected "
		"noord, midden, zuid or all)\n");
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 1);
	ck_assert_str_eq(rk_school_get_dayoff(l.school, 0)->key,
			 "zomervakantie");
	ck_assert_int_eq(rk_school_get_dayoff(l.school, 0)->loc.line, 100);
	unload(&l);
}
END_TEST

START_TEST(test_garbage)
{
	struct loaded l = load_fixture("garbage.ics");

	ck_assert_int_eq(l.status, RK_ERR_INPUT);
	assert_diags(&l, "tests/data/calendars/garbage.ics: error: not an "
			 "iCalendar file (no complete VCALENDAR)\n");
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 0);
	unload(&l);
}
END_TEST

/* What libical could not parse (its X-LIC-ERROR) is an error at the event;
 * the wording after the prefix is libical's own. */
START_TEST(test_syntax_error)
{
	static const char prefix[] = "iCalendar syntax error: ";
	struct loaded l = load_fixture("syntax-error.ics");
	const struct rk_diag *d;

	ck_assert_int_eq(l.status, RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_count(l.diags), 1);
	d = rk_diags_get(l.diags, 0);
	ck_assert_str_eq(d->file, l.path);
	ck_assert_int_eq(d->line, 4);
	ck_assert_int_eq(d->severity, RK_SEV_ERROR);
	ck_assert_int_eq(strncmp(d->message, prefix, strlen(prefix)), 0);
	ck_assert_ptr_nonnull(strstr(d->message, "GEEN EIGENSCHAP"));
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 0);
	unload(&l);
}
END_TEST

START_TEST(test_missing_file)
{
	struct loaded l = load_fixture("no-such-file.ics");
	char expected[512];

	ck_assert_int_eq(l.status, RK_ERR_IO);
	snprintf(expected, sizeof(expected),
		 "tests/data/calendars/no-such-file.ics: error: cannot read "
		 "calendar file: %s\n",
		 strerror(ENOENT));
	assert_diags(&l, expected);
	ck_assert_uint_eq(rk_school_n_dayoff(l.school), 0);
	unload(&l);
}
END_TEST

/* ---- the small functions ------------------------------------------------ */

START_TEST(test_timezone_known)
{
	ck_assert(rk_ical_timezone_known("Europe/Amsterdam"));
	ck_assert(!rk_ical_timezone_known("Mars/Olympus"));
	ck_assert(!rk_ical_timezone_known(""));
	ck_assert(!rk_ical_timezone_known(NULL));
}
END_TEST

START_TEST(test_calendar_path)
{
	static const struct {
		const char *dir;
		int year;
		const char *path;
	} cases[] = {
		{ "calendars", 2026, "calendars/2026-2027.ics" },
		{ "/usr/share/ritmiek/calendars/", 2027,
		  "/usr/share/ritmiek/calendars/2027-2028.ics" },
		{ "", 2025, "2025-2026.ics" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *path = rk_ical_calendar_path(cases[i].dir, cases[i].year);
		ck_assert_ptr_nonnull(path);
		ck_assert_str_eq(path, cases[i].path);
		free(path);
	}
}
END_TEST

Suite *suite_ical_calendar(void)
{
	Suite *s = suite_create("ical_calendar");
	TCase *data = tcase_create("calendars");
	TCase *input = tcase_create("input");
	TCase *misc = tcase_create("misc");

	tcase_add_loop_test(data, test_calendar_loads_clean, 0, N_YEARS);
	tcase_add_loop_test(data, test_calendar_is_complete, 0, N_YEARS);
	tcase_add_loop_test(data, test_calendar_covers_both_summers, 0,
			    N_YEARS);
	tcase_add_test(data, test_2025_2026_dates);
	tcase_add_test(data, test_2026_2027_dates);
	tcase_add_test(data, test_2027_2028_dates);
	tcase_add_test(data, test_2028_2029_dates);
	tcase_add_loop_test(data, test_calendar_year_status, 0, N_YEARS);
	tcase_add_test(data, test_calendar_years);
	suite_add_tcase(s, data);

	tcase_add_test(input, test_fixture_lists_and_defaults);
	tcase_add_test(input, test_missing_key);
	tcase_add_test(input, test_broken_events);
	tcase_add_test(input, test_garbage);
	tcase_add_test(input, test_syntax_error);
	tcase_add_test(input, test_missing_file);
	suite_add_tcase(s, input);

	tcase_add_test(misc, test_timezone_known);
	tcase_add_test(misc, test_calendar_path);
	suite_add_tcase(s, misc);
	return s;
}
