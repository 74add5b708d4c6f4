/* Tests of adapters/feeds, feed_state and tokens: the iCalendar feeds of a
 * plan. The feeds are checked by libical (which also writes them) and by a
 * second, independent parser, python3-icalendar. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libical/ical.h>

#include "date.h"
#include "feed_state.h"
#include "feeds.h"
#include "loader.h"
#include "plan_file.h"
#include "planner.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "textfile.h"
#include "tokens.h"

#define PYTHON "/usr/bin/python3"

/* 2026-08-03 12:00 UTC, before every event of the test plans, and later
 * moments. */
#define T0 1785758400LL
#define T1 (T0 + 86400)
#define T2 (T0 + 2 * 86400)

struct fixture {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	char dir[64];
};

static struct fixture f;

static void make_dir(void)
{
	/* In the build folder, where the tests may write. */
	snprintf(f.dir, sizeof(f.dir), "test-feeds-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f.dir));
}

static void load_school(const char *rel)
{
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_load_school(path, NULL, &f.school, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(f.school, &f.year, diags), RK_OK);
	rk_diags_free(diags);
	free(path);
}

/* The school of tests/data/feeds/accents.yaml (a team with a trio, long
 * accented names), planned. */
static void setup_planned(void)
{
	memset(&f, 0, sizeof(f));
	load_school("tests/data/feeds/accents.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan_options options = { 0 };
	ck_assert_int_eq(
		rk_planner_run(f.school, f.year, &options, &f.plan, diags),
		RK_OK);
	rk_diags_free(diags);
	make_dir();
}

/* tests/data/plan/good.tsv of tests/data/school/base.yaml. */
static void setup_good(void)
{
	memset(&f, 0, sizeof(f));
	load_school("tests/data/school/base.yaml");
	char *path = rk_test_path("tests/data/plan/good.tsv");
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_plan_file_read(f.school, path, &f.plan, diags),
			 RK_OK);
	rk_diags_free(diags);
	free(path);
	make_dir();
}

static void remove_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (;;) {
		struct dirent *de = readdir(d);
		if (!de)
			break;
		if (de->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (!strcmp(de->d_name, "feeds"))
			remove_files(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static void teardown(void)
{
	remove_files(f.dir);
	rk_plan_free(f.plan);
	rk_schoolyear_free(f.year);
	rk_school_free(f.school);
}

/* Writes the feeds into f.dir at @now; the status, the diagnostics as
 * text into @text when not NULL. */
static enum rk_status try_write(long long now, const char *previous,
				char **text, struct rk_feeds_report *report)
{
	struct rk_feeds_options options = { previous, now };
	struct rk_diags *diags = rk_diags_new();
	struct rk_feeds_report r;
	enum rk_status status = rk_feeds_write(
		f.school, f.plan, f.dir, &options, report ? report : &r, diags);
	char *got = rk_test_diags_text(diags);
	if (text)
		*text = got;
	else
		free(got);
	rk_diags_free(diags);
	return status;
}

static struct rk_feeds_report write_at(long long now)
{
	struct rk_feeds_report r;
	char *text;
	enum rk_status status = try_write(now, NULL, &text, &r);
	ck_assert_msg(status == RK_OK, "feeds: %s: %s", rk_strerror(status),
		      text);
	free(text);
	return r;
}

static char *in_dir(const char *name)
{
	size_t len = strlen(f.dir) + strlen(name) + 2;
	char *path = malloc(len);
	ck_assert_ptr_nonnull(path);
	snprintf(path, len, "%s/%s", f.dir, name);
	return path;
}

static char *read_in_dir(const char *name)
{
	char *path = in_dir(name);
	char *text = rk_test_slurp(path);
	free(path);
	return text;
}

/* The feed file (feeds/x.ics) of @kind @id from index.tsv; caller frees. */
static char *feed_file(const char *kind, const char *id)
{
	char *index = read_in_dir("index.tsv");
	size_t klen = strlen(kind), ilen = strlen(id);
	char *file = NULL;
	for (char *line = index; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (!strncmp(line, kind, klen) && line[klen] == '\t' &&
		    !strncmp(line + klen + 1, id, ilen) &&
		    line[klen + 1 + ilen] == '\t')
			file = strdup(strrchr(line, '\t') + 1);
		line = end ? end + 1 : NULL;
	}
	free(index);
	ck_assert_msg(file != NULL, "no %s %s in index.tsv", kind, id);
	return file;
}

/* The feed of @kind @id, unfolded (RFC 5545 3.1), with LF line ends. */
static char *feed_of(const char *kind, const char *id)
{
	char *file = feed_file(kind, id);
	char *text = read_in_dir(file);
	free(file);
	size_t k = 0;
	for (size_t i = 0; text[i]; i++) {
		if (text[i] == '\r' && text[i + 1] == '\n' &&
		    text[i + 2] == ' ')
			i += 2; /* a folded line goes on */
		else if (text[i] != '\r')
			text[k++] = text[i];
	}
	text[k] = '\0';
	return text;
}

static size_t count(const char *text, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The VEVENT of @uid in @feed (unfolded), as a new string; NULL when
 * there is none. */
static char *event_in(const char *feed, const char *uid)
{
	char key[256];
	snprintf(key, sizeof(key), "\nUID:%s@ritmiek\n", uid);
	const char *at = strstr(feed, key);
	if (!at)
		return NULL;
	const char *begin = at;
	while (begin > feed && strncmp(begin, "BEGIN:VEVENT", 12))
		begin--;
	const char *end = strstr(at, "END:VEVENT");
	ck_assert_ptr_nonnull(end);
	return strndup(begin, (size_t)(end - begin));
}

/* Every .ics in f.dir/feeds, sorted, NULL-terminated; caller frees. */
static char **feed_paths(size_t *n)
{
	char *folder = in_dir("feeds");
	DIR *d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	char **paths = calloc(1, sizeof(char *));
	*n = 0;
	for (;;) {
		struct dirent *de = readdir(d);
		if (!de)
			break;
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".ics"))
			continue;
		paths = realloc(paths, (*n + 2) * sizeof(char *));
		ck_assert_ptr_nonnull(paths);
		size_t size = strlen(folder) + len + 2;
		paths[*n] = malloc(size);
		snprintf(paths[*n], size, "%s/%s", folder, de->d_name);
		paths[++*n] = NULL;
	}
	closedir(d);
	free(folder);
	return paths;
}

static void free_paths(char **paths)
{
	for (size_t i = 0; paths[i]; i++)
		free(paths[i]);
	free(paths);
}

/* ------------------------------------------------------------------ */
/* Validity */

static int lic_errors(icalcomponent *comp)
{
	int n = icalcomponent_count_properties(comp, ICAL_XLICERROR_PROPERTY);
	for (icalcomponent *sub = icalcomponent_get_first_component(
		     comp, ICAL_ANY_COMPONENT);
	     sub;
	     sub = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		n += lic_errors(sub);
	return n;
}

static void assert_libical_valid(const char *path)
{
	char *text = rk_test_slurp(path);
	icalcomponent *cal = icalparser_parse_string(text);
	ck_assert_msg(cal != NULL, "%s does not parse", path);
	ck_assert_int_eq(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	ck_assert_msg(lic_errors(cal) == 0, "%s: X-LIC-ERROR after parsing",
		      path);
	int ok = icalcomponent_check_restrictions(cal);
	if (!ok || lic_errors(cal)) {
		char *dump = icalcomponent_as_ical_string_r(cal);
		ck_abort_msg("%s fails the restrictions:\n%.3000s", path, dump);
	}
	icalcomponent_free(cal);
	free(text);
}

/* Whether @s holds only whole UTF-8 sequences. */
static bool utf8_whole(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80	     ? 1
			     : (s[i] & 0xe0) == 0xc0 ? 2
			     : (s[i] & 0xf0) == 0xe0 ? 3
			     : (s[i] & 0xf8) == 0xf0 ? 4
						     : 0;
		if (!len || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* Lines end in CRLF, hold at most 75 octets, and no line, folded or not,
 * splits a UTF-8 sequence. The number of folded lines into @folded. */
static void assert_lines(const char *path, size_t *folded)
{
	char *text = rk_test_slurp(path);
	const char *line = text;
	while (*line) {
		const char *end = strstr(line, "\r\n");
		ck_assert_msg(end != NULL, "%s: no CRLF at the end", path);
		ck_assert_ptr_null(memchr(line, '\n', (size_t)(end - line)));
		size_t len = (size_t)(end - line);
		ck_assert_msg(len <= 75, "%s: a line of %zu octets: %.*s", path,
			      len, (int)len, line);
		ck_assert_msg(utf8_whole((const unsigned char *)line, len),
			      "%s: a line splits a UTF-8 sequence: %.*s", path,
			      (int)len, line);
		*folded += line[0] == ' ';
		line = end + 2;
	}
	free(text);
}

START_TEST(test_libical_valid)
{
	write_at(T0);
	size_t n, folded = 0;
	char **paths = feed_paths(&n);
	ck_assert_uint_eq(n, 3 + 1 + 6); /* school, roles, team, people */
	for (size_t i = 0; i < n; i++) {
		assert_libical_valid(paths[i]);
		assert_lines(paths[i], &folded);
	}
	ck_assert_uint_gt(folded, 100);
	free_paths(paths);
}
END_TEST

static const char python_check[] =
	"import sys, icalendar\n"
	"for path in sys.argv[1:]:\n"
	"    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())\n"
	"    assert cal.get('VERSION') == '2.0', path\n"
	"    assert cal.get('METHOD') == 'PUBLISH', path\n"
	"    assert len(cal.walk('VTIMEZONE')) == 1, path\n"
	"    for ev in cal.walk('VEVENT'):\n"
	"        assert str(ev['UID']).endswith('@ritmiek'), path\n"
	"        ev.decoded('DTSTART'); ev.decoded('DTSTAMP')\n"
	"        assert str(ev['SUMMARY']), path\n"
	"        for a in ev.walk('VALARM'):\n"
	"            a.decoded('TRIGGER')\n";

/* Runs python3 with @argv; its exit status, or -1. */
static int run_python(char **argv)
{
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execv(PYTHON, argv);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		ck_assert_int_eq(errno, EINTR);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(test_python_icalendar_parses)
{
	char *probe[] = { PYTHON, "-c", "import icalendar", NULL };
	if (access(PYTHON, X_OK) != 0 || run_python(probe) != 0) {
		fprintf(stderr, "test_feeds: SKIPPED the python3-icalendar "
				"check: " PYTHON " cannot import icalendar "
				"(apt-get install python3-icalendar)\n");
		return;
	}
	write_at(T0);
	size_t n;
	char **paths = feed_paths(&n);
	char **argv = calloc(n + 4, sizeof(char *));
	ck_assert_ptr_nonnull(argv);
	argv[0] = PYTHON;
	argv[1] = "-c";
	argv[2] = (char *)python_check;
	for (size_t i = 0; i < n; i++)
		argv[3 + i] = paths[i];
	ck_assert_int_eq(run_python(argv), 0);
	free(argv);
	free_paths(paths);
}
END_TEST

START_TEST(test_calendar_properties)
{
	write_at(T0);
	char *feed = feed_of("team", "alpha");
	static const char *const want[] = {
		"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//ritmiek//ritmiek " PACKAGE_VERSION
		"//NL\nCALSCALE:GREGORIAN\nMETHOD:PUBLISH\n"
		"NAME:leerKRACHT: Team Alpha\n"
		"X-WR-CALNAME:leerKRACHT: Team Alpha\n"
		"X-WR-CALDESC:Alle leerKRACHT-sessies van Team Alpha (",
		"X-WR-TIMEZONE:Europe/Amsterdam\n"
		"REFRESH-INTERVAL;VALUE=DURATION:PT12H\n"
		"X-PUBLISHED-TTL:PT12H\nBEGIN:VTIMEZONE\n",
		"BEGIN:VTIMEZONE\nTZID:Europe/Amsterdam\n"
		"BEGIN:STANDARD\nTZNAME:CET\nTZOFFSETFROM:+0200\n"
		"TZOFFSETTO:+0100\nDTSTART:19701025T030000\n"
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\n"
		"BEGIN:DAYLIGHT\nTZNAME:CEST\nTZOFFSETFROM:+0100\n"
		"TZOFFSETTO:+0200\nDTSTART:19700329T020000\n"
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\n"
		"END:VTIMEZONE\n",
	};
	ck_assert_msg(!strncmp(feed, want[0], strlen(want[0])), "%.600s", feed);
	ck_assert_ptr_nonnull(strstr(feed, want[1]));
	ck_assert_ptr_nonnull(strstr(feed, want[2]));
	ck_assert_uint_eq(count(feed, "BEGIN:VTIMEZONE"), 1);
	/* Bordsessies in local time, with the school's zone. */
	ck_assert_ptr_nonnull(
		strstr(feed, "\nDTSTART;TZID=Europe/Amsterdam:2026"));
	free(feed);
}
END_TEST

/* The zone written converts local times as the real one does: summer
 * and winter time, and the night of the change. */
START_TEST(test_vtimezone_converts)
{
	write_at(T0);
	char *file = feed_file("school", "accenten");
	char *text = read_in_dir(file);
	icalcomponent *cal = icalparser_parse_string(text);
	icalcomponent *vtz = icalcomponent_get_first_component(
		cal, ICAL_VTIMEZONE_COMPONENT);
	ck_assert_ptr_nonnull(vtz);
	ck_assert_int_eq(
		icalcomponent_count_components(vtz, ICAL_XSTANDARD_COMPONENT),
		1);
	ck_assert_int_eq(
		icalcomponent_count_components(vtz, ICAL_XDAYLIGHT_COMPONENT),
		1);
	icaltimezone *zone = icaltimezone_new();
	ck_assert(
		icaltimezone_set_component(zone, icalcomponent_new_clone(vtz)));
	static const struct {
		const char *local;
		const char *utc;
	} cases[] = {
		{ "20260914T083000", "20260914T063000Z" },
		{ "20261214T103000", "20261214T093000Z" },
		{ "20261025T020000", "20261025T010000Z" }, /* CET again */
		{ "20270328T040000", "20270328T020000Z" }, /* CEST again */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct icaltimetype t = icaltime_from_string(cases[i].local);
		t = icaltime_convert_to_zone(icaltime_set_timezone(&t, zone),
					     icaltimezone_get_utc_timezone());
		char *got = icaltime_as_ical_string_r(t);
		ck_assert_str_eq(got, cases[i].utc);
		free(got);
	}
	icaltimezone_free(zone, 1);
	icalcomponent_free(cal);
	free(text);
	free(file);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Content */

static int who(const char *id)
{
	int p = rk_school_find_person(f.school, id);
	ck_assert_int_ge(p, 0);
	return p;
}

static bool takes_part(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return true;
	return false;
}

/* A person's feed holds exactly the events they take part in: nobody
 * else's lesbezoek. */
START_TEST(test_person_feed_is_own)
{
	write_at(T0);
	for (size_t p = 0; p < rk_school_n_person(f.school); p++) {
		const char *id = rk_school_get_person(f.school, p)->id;
		char *feed = feed_of("person", id);
		size_t own = 0, lb = 0;
		for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
			const struct rk_event *ev = rk_plan_event(f.plan, i);
			char *e = event_in(feed, ev->id);
			bool mine = takes_part(ev, (int)p);
			ck_assert_msg((e != NULL) == mine, "%s: %s %s", id,
				      ev->id, mine ? "missing" : "not theirs");
			own += mine;
			lb += mine && ev->kind == RK_EV_LB;
			free(e);
		}
		ck_assert_uint_eq(count(feed, "BEGIN:VEVENT"), own);
		ck_assert_uint_eq(count(feed, "CATEGORIES:Lesbezoek"), lb);
		free(feed);
	}
}
END_TEST

START_TEST(test_summaries_per_person)
{
	write_at(T0);
	char *p01 = feed_of("person", "P01");
	char *p02 = feed_of("person", "P02");
	char *name1 = strdup(rk_school_get_person(f.school, who("P01"))->name);
	char *name2 = strdup(rk_school_get_person(f.school, who("P02"))->name);
	char want[512];
	/* lb-1: P02 visits P01's lesson in 1A, room 1.01. */
	char *e = event_in(p02, "lb-1");
	snprintf(want, sizeof(want),
		 "\nSUMMARY:Lesbezoek bij %s (1A\\, lokaal 1.01)\n", name1);
	ck_assert_msg(strstr(e, want) != NULL, "%s", e);
	ck_assert_ptr_nonnull(strstr(e, "\nLOCATION:1.01\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nCATEGORIES:Lesbezoek\n"));
	ck_assert_ptr_nonnull(strstr(e, "Kijkvraag: \"hoe activeer ik"));
	free(e);
	e = event_in(p01, "lb-1");
	snprintf(want, sizeof(want),
		 "\nSUMMARY:%s bezoekt je les (1A\\, lokaal 1.01)\n", name2);
	ck_assert_msg(strstr(e, want) != NULL, "%s", e);
	snprintf(want, sizeof(want),
		 "%s bezoekt de les van %s (1A\\, "
		 "lokaal 1.01).",
		 name2, name1);
	ck_assert_msg(strstr(e, want) != NULL, "%s", e);
	free(e);
	e = event_in(p01, "fb-1");
	snprintf(want, sizeof(want), "\nSUMMARY:Feedbackgesprek met %s\n",
		 name2);
	ck_assert_msg(strstr(e, want) != NULL, "%s", e);
	ck_assert_ptr_nonnull(strstr(e, "\nCATEGORIES:Feedback\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nDESCRIPTION:Feedback op het "
					"lesbezoek:\\n- wat ging goed\\n"));
	ck_assert_ptr_nonnull(strstr(e, "BEGIN:VALARM\nACTION:DISPLAY\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nTRIGGER:-PT10M\n"));
	free(e);
	/* The team feed names both, whatever the plan's title says. */
	char *team = feed_of("team", "exact");
	e = event_in(team, "lb-1");
	snprintf(want, sizeof(want),
		 "\nSUMMARY:Lesbezoek: %s bij %s (1A\\, lokaal 1.01)\n", name2,
		 name1);
	ck_assert_msg(strstr(e, want) != NULL, "%s", e);
	free(e);
	free(team);
	free(name1);
	free(name2);
	free(p01);
	free(p02);
}
END_TEST

/* A trio's gezamenlijk lesontwerp names both others. */
START_TEST(test_trio_summary)
{
	write_at(T0);
	bool seen = false;
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
		const struct rk_event *ev = rk_plan_event(f.plan, i);
		if (ev->kind != RK_EV_GL || ev->n_parts != 3)
			continue;
		const struct rk_person *a = rk_school_get_person(
			f.school, (size_t)ev->parts[0].person);
		const char *b = rk_school_get_person(
					f.school, (size_t)ev->parts[1].person)
					->name;
		const char *c = rk_school_get_person(
					f.school, (size_t)ev->parts[2].person)
					->name;
		char *feed = feed_of("person", a->id);
		char *e = event_in(feed, ev->id);
		char want[512];
		snprintf(want, sizeof(want),
			 "\nSUMMARY:Gezamenlijk lesontwerp met %s en %s\n", b,
			 c);
		ck_assert_msg(strstr(e, want) != NULL, "%s", e);
		/* No agenda of its own: what its week is about. */
		ck_assert_ptr_nonnull(strstr(e, "\nDESCRIPTION:Week "));
		free(e);
		free(feed);
		seen = true;
		break;
	}
	ck_assert(seen);
}
END_TEST

/* Metingen: all day on the deadline, the window in the description, a
 * reminder at 09:00 two days before; they block no time. */
START_TEST(test_meting)
{
	write_at(T0);
	char *feed = feed_of("school", "test");
	char *e = event_in(feed, "meting");
	ck_assert_msg(e != NULL, "%s", feed);
	ck_assert_ptr_nonnull(strstr(e, "\nDTSTART;VALUE=DATE:20260925\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nDTEND;VALUE=DATE:20260926\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nTRANSP:TRANSPARENT\n"));
	ck_assert_ptr_nonnull(strstr(e, "\nCATEGORIES:Meting\n"));
	ck_assert_ptr_nonnull(strstr(e, "Invullen vanaf maandag 14 september "
					"2026\\, uiterlijk vrijdag 25 "
					"september 2026."));
	ck_assert_ptr_nonnull(strstr(e, "\nTRIGGER:-P1DT15H\n"));
	free(e);
	/* The leerKRACHT-team's weekly session is not school-wide. */
	ck_assert_ptr_null(strstr(feed, "UID:lk-2026-09-16@ritmiek"));
	free(feed);
	feed = feed_of("role", "schoolleiding");
	ck_assert_ptr_nonnull(strstr(feed, "UID:lk-2026-09-16@ritmiek"));
	ck_assert_ptr_nonnull(strstr(feed, "UID:bs-talen-2026-09-15@ritmiek"));
	ck_assert_ptr_null(strstr(feed, "UID:lb-1@ritmiek"));
	free(feed);
	feed = feed_of("role", "leerkracht-team");
	ck_assert_ptr_nonnull(strstr(feed, "UID:lk-2026-09-16@ritmiek"));
	ck_assert_ptr_null(strstr(feed, "UID:bs-talen-2026-09-15@ritmiek"));
	free(feed);
}
END_TEST

START_TEST(test_no_session_reminder)
{
	rk_school_settings(f.school)->reminder_minutes = 0;
	rk_school_settings(f.school)->feed_ttl_hours = 3;
	write_at(T0);
	char *feed = feed_of("person", "P01");
	ck_assert_uint_eq(count(feed, "BEGIN:VALARM"), 1); /* the meting */
	ck_assert_ptr_nonnull(strstr(feed, "\nX-PUBLISHED-TTL:PT3H\n"));
	ck_assert_ptr_nonnull(
		strstr(feed, "\nREFRESH-INTERVAL;VALUE=DURATION:PT3H\n"));
	free(feed);
}
END_TEST

/* Schools outside Europe/Amsterdam (Caribisch Nederland) get libical's
 * description of their zone, under its plain name. */
START_TEST(test_other_timezone)
{
	rk_school_info(f.school)->timezone = "America/Kralendijk";
	write_at(T0);
	char *feed = feed_of("person", "P01");
	ck_assert_ptr_nonnull(strstr(feed, "\nTZID:America/Kralendijk\n"));
	ck_assert_ptr_nonnull(
		strstr(feed, "\nX-WR-TIMEZONE:America/Kralendijk\n"));
	ck_assert_ptr_nonnull(strstr(
		feed, "\nDTSTART;TZID=America/Kralendijk:20260914T083000\n"));
	free(feed);
	size_t n;
	char **paths = feed_paths(&n);
	for (size_t i = 0; i < n; i++)
		assert_libical_valid(paths[i]);
	free_paths(paths);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Changes */

static char *snapshot(void)
{
	size_t n;
	char **paths = feed_paths(&n);
	size_t cap = 1, len = 0;
	char *all = calloc(1, 1);
	static const char *const more[] = { "index.tsv", "feeds.state",
					    "tokens.tsv" };
	for (size_t i = 0; i < n + 3; i++) {
		char *path = i < n ? strdup(paths[i]) : in_dir(more[i - n]);
		char *text = rk_test_slurp(path);
		size_t add = strlen(path) + strlen(text) + 2;
		all = realloc(all, cap + add);
		ck_assert_ptr_nonnull(all);
		snprintf(all + len, add + 1, "%s\n%s\n", path, text);
		len += add;
		cap += add;
		free(text);
		free(path);
	}
	free_paths(paths);
	return all;
}

/* Re-running on the same plan gives the same bytes, however much later:
 * DTSTAMP comes from the state, not the clock. */
START_TEST(test_rerun_identical)
{
	struct rk_feeds_report r = write_at(T0);
	ck_assert_uint_eq(r.added, rk_plan_n_events(f.plan));
	ck_assert_uint_eq(r.feeds, 10);
	char *first = snapshot();
	r = write_at(T2);
	ck_assert_uint_eq(r.unchanged, rk_plan_n_events(f.plan));
	ck_assert_uint_eq(r.added + r.changed + r.cancelled, 0);
	char *second = snapshot();
	ck_assert_msg(!strcmp(first, second), "a re-run changed the feeds");
	ck_assert_ptr_nonnull(strstr(first, "\nDTSTAMP:20260803T120000Z\r\n"));
	free(first);
	free(second);
}
END_TEST

START_TEST(test_source_date_epoch)
{
	setenv("SOURCE_DATE_EPOCH", "1785758400", 1);
	ck_assert_int_eq(rk_feeds_now(), T0);
	write_at(0);
	char *feed = feed_of("team", "exact");
	ck_assert_ptr_nonnull(strstr(feed, "\nDTSTAMP:20260803T120000Z\n"));
	free(feed);
	setenv("SOURCE_DATE_EPOCH", "not a number", 1);
	ck_assert_int_gt(rk_feeds_now(), T0 - 86400 * 365 * 10);
	unsetenv("SOURCE_DATE_EPOCH");
}
END_TEST

static struct rk_event *event_by_id(const char *id)
{
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
		struct rk_event *ev = rk_plan_event_at(f.plan, i);
		if (!strcmp(ev->id, id))
			return ev;
	}
	ck_abort_msg("no event %s", id);
	return NULL;
}

static void assert_has(const char *kind, const char *id, const char *uid,
		       const char *const *lines)
{
	char *feed = feed_of(kind, id);
	char *e = event_in(feed, uid);
	ck_assert_msg(e != NULL, "%s %s: no %s", kind, id, uid);
	for (size_t i = 0; lines[i]; i++)
		ck_assert_msg(strstr(e, lines[i]) != NULL,
			      "%s %s: no %s in\n%s", kind, id, lines[i], e);
	free(e);
	free(feed);
}

/* A moved event keeps its UID with SEQUENCE+1 and a new DTSTAMP; an event
 * that left the plan is published as cancelled in the feeds it was in;
 * one that someone left is cancelled in that person's feed. */
static struct rk_feeds_report publish_changes(void)
{
	write_at(T0);
	struct rk_event *moved = event_by_id("fb-2");
	moved->start += 60;
	moved->end += 60;
	event_by_id("lb-2")->id = "lb-2-anders"; /* lb-2 leaves the plan */
	struct rk_event *bs = event_by_id("bs-exact-2026-09-21");
	ck_assert_int_eq(bs->parts[bs->n_parts - 1].person, who("P06"));
	bs->n_parts--; /* P06 leaves it */
	return write_at(T1);
}

START_TEST(test_changes_reach_subscribers)
{
	struct rk_feeds_report r = publish_changes();
	ck_assert_uint_eq(r.changed, 2);
	ck_assert_uint_eq(r.added, 1);
	ck_assert_uint_eq(r.cancelled, 1);

	static const char *const fb2[] = { "\nSEQUENCE:1\n",
					   "\nDTSTAMP:20260804T120000Z\n",
					   "T140000\n", "STATUS:CONFIRMED",
					   NULL };
	assert_has("person", "P01", "fb-2", fb2);
	assert_has("team", "exact", "fb-2", fb2);
	static const char *const gone[] = { "\nSEQUENCE:1\n",
					    "\nSTATUS:CANCELLED\n",
					    "\nDTSTAMP:20260804T120000Z\n",
					    "SUMMARY:Vervallen: ", NULL };
	assert_has("person", "P01", "lb-2", gone);
	assert_has("person", "P02", "lb-2", gone);
	assert_has("team", "exact", "lb-2", gone);
	static const char *const fresh[] = { "\nSEQUENCE:0\n", NULL };
	assert_has("person", "P02", "lb-2-anders", fresh);
	assert_has("person", "P06", "bs-exact-2026-09-21", gone);
	static const char *const kept[] = { "\nSEQUENCE:1\n",
					    "STATUS:CONFIRMED", NULL };
	assert_has("person", "P05", "bs-exact-2026-09-21", kept);
	static const char *const same[] = { "\nSEQUENCE:0\n",
					    "\nDTSTAMP:20260803T120000Z\n",
					    NULL };
	assert_has("person", "P01", "lb-1", same);
	char *p01 = feed_of("person", "P01");
	ck_assert_ptr_null(strstr(p01, "BEGIN:VALARM\nACTION:DISPLAY\n"
				       "DESCRIPTION:Vervallen"));
	free(p01);
}
END_TEST

/* The VEVENT of @uid in the feed of @kind @id, parsed back by libical;
 * the calendar it belongs to into @cal (caller frees). */
static icalcomponent *parsed_event(const char *kind, const char *id,
				   const char *uid, icalcomponent **cal)
{
	char *file = feed_file(kind, id);
	char *text = read_in_dir(file);
	*cal = icalparser_parse_string(text);
	free(text);
	free(file);
	ck_assert_ptr_nonnull(*cal);
	char want[256];
	snprintf(want, sizeof(want), "%s@ritmiek", uid);
	for (icalcomponent *e = icalcomponent_get_first_component(
		     *cal, ICAL_VEVENT_COMPONENT);
	     e;
	     e = icalcomponent_get_next_component(*cal, ICAL_VEVENT_COMPONENT))
		if (!strcmp(icalcomponent_get_uid(e), want))
			return e;
	ck_abort_msg("%s %s: no %s", kind, id, uid);
	return NULL;
}

static icalproperty_transp transp_of(icalcomponent *e)
{
	icalproperty *p =
		icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY);
	ck_assert_ptr_nonnull(p);
	return icalproperty_get_transp(p);
}

/* A cancelled event blocks no time beside its replacement; a confirmed
 * one does. */
START_TEST(test_cancelled_transparent)
{
	publish_changes();
	icalcomponent *cal;
	icalcomponent *e = parsed_event("person", "P02", "lb-2", &cal);
	ck_assert_int_eq(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
	ck_assert_int_eq(transp_of(e), ICAL_TRANSP_TRANSPARENT);
	icalcomponent_free(cal);
	e = parsed_event("person", "P02", "lb-2-anders", &cal);
	ck_assert_int_eq(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
	ck_assert_int_eq(transp_of(e), ICAL_TRANSP_OPAQUE);
	icalcomponent_free(cal);
	/* Who left an event has it cancelled, the others still busy. */
	e = parsed_event("person", "P06", "bs-exact-2026-09-21", &cal);
	ck_assert_int_eq(transp_of(e), ICAL_TRANSP_TRANSPARENT);
	icalcomponent_free(cal);
	e = parsed_event("person", "P05", "bs-exact-2026-09-21", &cal);
	ck_assert_int_eq(transp_of(e), ICAL_TRANSP_OPAQUE);
	icalcomponent_free(cal);
}
END_TEST

/* The ORGANIZER is the school leader whose address it is, under their own
 * name; without such an address, an address that is none, under the name
 * of the school's leerKRACHT-team. */
static void assert_organizer(const char *address, const char *name)
{
	icalcomponent *cal;
	icalcomponent *e = parsed_event("person", "P01", "fb-1", &cal);
	icalproperty *org =
		icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY);
	ck_assert_ptr_nonnull(org);
	ck_assert_str_eq(icalproperty_get_organizer(org), address);
	icalparameter *cn =
		icalproperty_get_first_parameter(org, ICAL_CN_PARAMETER);
	ck_assert_ptr_nonnull(cn);
	ck_assert_str_eq(icalparameter_get_cn(cn), name);
	icalcomponent_free(cal);
}

START_TEST(test_organizer)
{
	write_at(T0);
	assert_organizer("mailto:sanne@test.nl", "Sanne Leider");
	rk_school_person_at(f.school, (size_t)who("SL"))->email = NULL;
	write_at(T1);
	assert_organizer("mailto:leerkracht@test.invalid",
			 "leerKRACHT-team Testschool");
}
END_TEST

static char *summary_in(const char *kind, const char *id, const char *uid)
{
	icalcomponent *cal;
	icalcomponent *e = parsed_event(kind, id, uid, &cal);
	char *summary = strdup(icalcomponent_get_summary(e));
	icalcomponent_free(cal);
	return summary;
}

/* Titles say who does what to whom, from the reader's side; feeds of
 * nobody in particular name both sides. Parsed back by libical. */
START_TEST(test_titles_reader_side)
{
	write_at(T0);
	static const struct {
		const char *kind, *id, *uid, *want;
	} cases[] = {
		/* lb-1: P02 visits P01's lesson. */
		{ "person", "P01", "lb-1",
		  "Bram de Boer bezoekt je les (1A, lokaal 1.01)" },
		{ "person", "P02", "lb-1",
		  "Lesbezoek bij Anna Bakker (1A, lokaal 1.01)" },
		{ "team", "exact", "lb-1",
		  "Lesbezoek: Bram de Boer bij Anna Bakker (1A, lokaal 1.01)" },
		{ "person", "P01", "fb-1", "Feedbackgesprek met Bram de Boer" },
		{ "person", "P02", "fb-1", "Feedbackgesprek met Anna Bakker" },
		{ "team", "exact", "fb-1",
		  "Feedbackgesprek: Anna Bakker en Bram de Boer" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got =
			summary_in(cases[i].kind, cases[i].id, cases[i].uid);
		ck_assert_msg(!strcmp(got, cases[i].want), "%s %s %s: %s",
			      cases[i].kind, cases[i].id, cases[i].uid, got);
		free(got);
	}
}
END_TEST

/* Each calendar has a NAME and an X-WR-CALDESC of its own; each event a
 * COLOR by its kind. Parsed back by libical. */
START_TEST(test_calendar_names_and_colors)
{
	write_at(T0);
	static const struct {
		const char *kind, *id, *name, *desc;
	} feeds[] = {
		{ "school", "test", "leerKRACHT: Testschool",
		  "De leerKRACHT-bijeenkomsten voor heel Testschool en de "
		  "metingen." },
		{ "team", "exact", "leerKRACHT: Team Exact",
		  "Alle leerKRACHT-sessies van Team Exact (Testschool): "
		  "bordsessies, lesontwerp, lesbezoeken en feedbackgesprekken." },
		{ "person", "P01", "leerKRACHT: Anna Bakker",
		  "De leerKRACHT-sessies van Anna Bakker (Testschool). "
		  "Persoonlijk: deel deze link niet." },
	};
	for (size_t i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		char *file = feed_file(feeds[i].kind, feeds[i].id);
		char *text = read_in_dir(file);
		icalcomponent *cal = icalparser_parse_string(text);
		ck_assert_ptr_nonnull(cal);
		icalproperty *p = icalcomponent_get_first_property(
			cal, ICAL_NAME_PROPERTY);
		ck_assert_ptr_nonnull(p);
		ck_assert_str_eq(icalproperty_get_name(p), feeds[i].name);
		const char *desc = NULL;
		for (p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
		     p;
		     p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
			if (!strcmp(icalproperty_get_x_name(p), "X-WR-CALDESC"))
				desc = icalproperty_get_x(p);
		ck_assert_ptr_nonnull(desc);
		ck_assert_str_eq(desc, feeds[i].desc);
		icalcomponent_free(cal);
		free(text);
		free(file);
	}
	static const struct {
		const char *uid, *color;
	} events[] = { { "lb-1", "indianred" },
		       { "fb-1", "orange" },
		       { "bs-exact-2026-09-21", "lightskyblue" } };
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		icalcomponent *cal;
		icalcomponent *e =
			parsed_event("team", "exact", events[i].uid, &cal);
		icalproperty *p = icalcomponent_get_first_property(
			e, ICAL_COLOR_PROPERTY);
		ck_assert_ptr_nonnull(p);
		ck_assert_str_eq(icalproperty_get_color(p), events[i].color);
		icalcomponent_free(cal);
	}
}
END_TEST

static char *description_in(const char *kind, const char *id, const char *uid)
{
	icalcomponent *cal;
	icalcomponent *e = parsed_event(kind, id, uid, &cal);
	const char *d = icalcomponent_get_description(e);
	char *text = strdup(d ? d : "");
	icalcomponent_free(cal);
	return text;
}

/* Each session's DESCRIPTION says what it is for, from the method: not
 * the same week blurb on every event. Parsed back by libical. */
START_TEST(test_description_from_method)
{
	/* Sessions the plan holds as other kinds, to see their texts. */
	event_by_id("bs-talen-2026-09-29")->kind = RK_EV_RETROSPECTIVE;
	event_by_id("bs-talen-2026-09-22")->kind = RK_EV_VERDIEPING;
	event_by_id("bs-talen-2026-09-15")->kind = RK_EV_GL;
	event_by_id("bs-exact-2026-09-28")->carries = 1u << RK_EV_RETROSPECTIVE;
	write_at(T0);
	static const struct {
		const char *uid, *want;
	} cases[] = {
		{ "bs-exact-2026-09-21", "in de vaste volgorde: een check-in" },
		{ "fb-1", "Het feedbackmodel: vertel wat je zag" },
		{ "lb-1", "Kijk met de kijkvraag" },
		{ "bs-talen-2026-09-29", "Terugkijken op de periode" },
		{ "bs-talen-2026-09-22", "Om samen dieper in ons thema" },
		{ "bs-talen-2026-09-15", "Neem het lesontwerpformulier mee" },
		{ "bs-exact-2026-09-28",
		  "\n\nRetrospectief: Terugkijken op de periode" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *team =
			strstr(cases[i].uid, "talen") ? "talen" : "exact";
		char *d = description_in("team", team, cases[i].uid);
		ck_assert_msg(strstr(d, cases[i].want) != NULL, "%s: %s",
			      cases[i].uid, d);
		free(d);
	}
	/* The plan's own agenda comes first, the method after it. */
	char *d = description_in("person", "P01", "fb-1");
	ck_assert_msg(!strncmp(d, "Feedback op het lesbezoek:", 26), "%s", d);
	ck_assert_ptr_null(strstr(d, "Terugkijken"));
	free(d);
	/* A bordsessie that carries nothing has no retrospective text. */
	d = description_in("team", "exact", "bs-exact-2026-09-21");
	ck_assert_ptr_null(strstr(d, "Retrospectief:"));
	free(d);
}
END_TEST

/* LOCATION on every session held at school: the team's room for its
 * sessions, the school's for school-wide ones (both from the school
 * file's room keys), the lesson's room for a lesbezoek; none for a
 * meting. Parsed back by libical. */
START_TEST(test_rooms)
{
	ck_assert_str_eq(rk_school_get_info(f.school)->room, "aula");
	ck_assert_str_eq(rk_school_get_team(f.school, 0)->room, "B.12");
	write_at(T0);
	size_t team = 0, lb = 0, school = 0;
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
		const struct rk_event *ev = rk_plan_event(f.plan, i);
		const char *want = ev->kind == RK_EV_LB ? ev->location
				   : ev->team == 0	? "B.12"
				   : ev->kind == RK_EV_VERBINDING ||
						   ev->kind == RK_EV_STARTDAG ||
						   ev->kind == RK_EV_LKTEAM
					   ? "aula"
					   : NULL;
		const char *kind = ev->team == 0 ? "team" : "role";
		const char *id = ev->team == 0 ? "alpha" : "schoolleiding";
		if (ev->team != 0 && !want)
			continue;
		icalcomponent *cal;
		icalcomponent *e = parsed_event(kind, id, ev->id, &cal);
		const char *got = icalcomponent_get_location(e);
		ck_assert_msg(want && got && !strcmp(got, want),
			      "%s: LOCATION %s, want %s", ev->id,
			      got ? got : "none", want ? want : "none");
		icalcomponent_free(cal);
		lb += ev->kind == RK_EV_LB;
		team += ev->kind != RK_EV_LB && ev->team == 0;
		school += ev->team != 0;
	}
	ck_assert_uint_gt(team, 0);
	ck_assert_uint_gt(lb, 0);
	ck_assert_uint_gt(school, 0);
	/* A meting is a deadline, nowhere. */
	char *feed = feed_of("school", "accenten");
	ck_assert_uint_gt(count(feed, "CATEGORIES:Meting"), 0);
	for (const char *m = strstr(feed, "CATEGORIES:Meting"); m;
	     m = strstr(m + 1, "CATEGORIES:Meting")) {
		const char *begin = m;
		while (begin > feed && strncmp(begin, "BEGIN:VEVENT", 12))
			begin--;
		const char *end = strstr(m, "END:VEVENT");
		char *e = strndup(begin, (size_t)(end - begin));
		ck_assert_ptr_null(strstr(e, "\nLOCATION:"));
		free(e);
	}
	free(feed);
}
END_TEST

/* Published again, a cancellation stays as it was; after its day it is
 * dropped, from the feeds and from the state. */
START_TEST(test_cancelled_until_past)
{
	publish_changes();
	char *before = snapshot();
	struct rk_feeds_report r = write_at(T2);
	ck_assert_uint_eq(r.cancelled, 1);
	ck_assert_uint_eq(r.changed, 0);
	char *after = snapshot();
	ck_assert(!strcmp(before, after));
	free(before);
	free(after);
	r = write_at(T0 + 60LL * 86400);
	ck_assert_uint_eq(r.cancelled, 0);
	ck_assert_uint_eq(r.dropped, 1);
	char *state = read_in_dir("feeds.state");
	ck_assert_ptr_null(strstr(state, "\tlb-2@ritmiek\t"));
	ck_assert_ptr_nonnull(strstr(state, "\tlb-2-anders@ritmiek\t"));
	free(state);
	char *team = feed_of("team", "exact");
	ck_assert_ptr_null(strstr(team, "UID:lb-2@ritmiek"));
	/* P06 no longer gets the past bordsessie at all. */
	char *p06 = feed_of("person", "P06");
	ck_assert_ptr_null(strstr(p06, "UID:bs-exact-2026-09-21@ritmiek"));
	free(p06);
	free(team);
}
END_TEST

/* An event that comes back after it was cancelled is confirmed again, with
 * a higher SEQUENCE. */
START_TEST(test_event_comes_back)
{
	write_at(T0);
	struct rk_event *ev = event_by_id("lb-2");
	ev->id = "weg";
	write_at(T1);
	ev->id = "lb-2";
	struct rk_feeds_report r = write_at(T2);
	ck_assert_uint_eq(r.changed, 1);
	static const char *const back[] = { "\nSEQUENCE:2\n",
					    "STATUS:CONFIRMED", NULL };
	assert_has("person", "P02", "lb-2", back);
}
END_TEST

/* --previous: the state and tokens of another plan directory. */
START_TEST(test_previous_dir)
{
	write_at(T0);
	char *tokens = read_in_dir("tokens.tsv");
	char old[sizeof(f.dir)];
	memcpy(old, f.dir, sizeof(old));
	make_dir();
	event_by_id("fb-2")->start += 30;
	char *text;
	struct rk_feeds_report r;
	ck_assert_int_eq(try_write(T1, old, &text, &r), RK_OK);
	free(text);
	ck_assert_uint_eq(r.changed, 1);
	ck_assert_uint_eq(r.unchanged, rk_plan_n_events(f.plan) - 1);
	char *copied = read_in_dir("tokens.tsv");
	ck_assert_str_eq(copied, tokens);
	remove_files(old);
	free(copied);
	free(tokens);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Tokens, index and state files */

START_TEST(test_index)
{
	char *seed = rk_test_path("tests/data/feeds/tokens.tsv");
	char *text = rk_test_slurp(seed);
	char *path = in_dir("tokens.tsv");
	ck_assert_int_eq(rk_textfile_write_atomic(path, text, strlen(text)),
			 RK_OK);
	write_at(T0);
	char *index = read_in_dir("index.tsv");
	char *want_path = rk_test_path("tests/data/feeds/good-index.tsv");
	char *want = rk_test_slurp(want_path);
	ck_assert_str_eq(index, want);
	struct stat st;
	char *index_path = in_dir("index.tsv");
	ck_assert_int_eq(stat(index_path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	free(index_path);
	free(want);
	free(want_path);
	free(index);
	free(path);
	free(text);
	free(seed);
}
END_TEST

START_TEST(test_tokens_stable_and_rotated)
{
	write_at(T0);
	char *first = read_in_dir("tokens.tsv");
	char *file = feed_file("person", "P03");
	write_at(T1);
	char *second = read_in_dir("tokens.tsv");
	ck_assert_str_eq(first, second);
	char *path = in_dir("tokens.tsv");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);

	struct rk_tokens *tokens = rk_tokens_new();
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_tokens_read(tokens, path, diags), RK_OK);
	const char *token;
	ck_assert_int_eq(rk_tokens_rotate(tokens, "P03", &token), RK_OK);
	ck_assert_uint_eq(strlen(token), RK_TOKEN_LEN);
	ck_assert_ptr_null(strstr(file, token));
	ck_assert_int_eq(rk_tokens_write(tokens, path), RK_OK);
	struct rk_feeds_report r = write_at(T1);
	ck_assert_uint_eq(r.removed, 1);
	char *moved = feed_file("person", "P03");
	ck_assert_str_ne(moved, file);
	char *old_path = in_dir(file), *new_path = in_dir(moved);
	ck_assert_int_ne(access(old_path, F_OK), 0);
	ck_assert_int_eq(access(new_path, F_OK), 0);
	rk_tokens_free(tokens);
	rk_diags_free(diags);
	free(old_path);
	free(new_path);
	free(moved);
	free(path);
	free(file);
	free(first);
	free(second);
}
END_TEST

static void expect_bad(const char *name, const char *fixture, const char *want)
{
	char *src = rk_test_path(fixture);
	char *text = rk_test_slurp(src);
	char *path = in_dir(name);
	ck_assert_int_eq(rk_textfile_write_atomic(path, text, strlen(text)),
			 RK_OK);
	char *got;
	ck_assert_int_eq(try_write(T0, NULL, &got, NULL), RK_ERR_INPUT);
	/* The diagnostics name the file in the temporary folder. */
	size_t size = strlen(want) * 4 + 256, len = 0;
	char *expected = malloc(size);
	ck_assert_ptr_nonnull(expected);
	for (const char *w = want; *w;) {
		const char *at = strstr(w, "DIR/");
		int n = at ? (int)(at - w) : (int)strlen(w);
		len += (size_t)snprintf(expected + len, size - len, "%.*s%s%s",
					n, w, at ? f.dir : "", at ? "/" : "");
		w += n + (at ? 4 : 0);
	}
	ck_assert_str_eq(got, expected);
	ck_assert_int_ne(access(f.dir, F_OK), -1);
	char *feeds = in_dir("feeds");
	ck_assert_int_ne(access(feeds, F_OK), 0); /* nothing written */
	free(feeds);
	free(expected);
	free(got);
	free(path);
	free(text);
	free(src);
}

START_TEST(test_bad_state)
{
	expect_bad("feeds.state", "tests/data/feeds/bad.state",
		   "DIR/feeds.state:2:3: error: bad status 'maybe'\n"
		   "DIR/feeds.state:2:4: error: bad hash 'xyz'\n"
		   "DIR/feeds.state:2:6: error: bad time stamp '2026-08-03'\n"
		   "DIR/feeds.state:3:7: error: unknown event kind 'feest'\n"
		   "DIR/feeds.state:3:9: error: bad time '25:00'\n"
		   "DIR/feeds.state:4:1: error: expected an 'event' line of "
		   "18 fields, got 3\n");
}
END_TEST

START_TEST(test_state_of_other_school)
{
	expect_bad("feeds.state", "tests/data/feeds/other-school.state",
		   "DIR/feeds.state:1:3: error: the feeds were published for "
		   "school 'elders', not 'test'; remove the file to start "
		   "afresh\n");
}
END_TEST

START_TEST(test_bad_tokens)
{
	expect_bad("tokens.tsv", "tests/data/feeds/bad-tokens.tsv",
		   "DIR/tokens.tsv:3:2: error: not a token of 32 hex digits: "
		   "'ABC'\n"
		   "DIR/tokens.tsv:4:1: error: a second token for 'P01'\n");
}
END_TEST

/* Team ids become safe file names, numbered when two become the same. */
START_TEST(test_team_file_names)
{
	rk_school_team_at(f.school, 0)->id = "a/b";
	rk_school_team_at(f.school, 1)->id = "a b";
	write_at(T0);
	char *a = feed_file("team", "a b"), *b = feed_file("team", "a/b");
	ck_assert_str_eq(a, "feeds/team-a-b.ics");
	ck_assert_str_eq(b, "feeds/team-a-b-2.ics");
	char *feed = feed_of("team", "a/b");
	ck_assert_ptr_nonnull(strstr(feed, "UID:bs-exact-2026-09-14@ritmiek"));
	free(feed);
	free(a);
	free(b);
}
END_TEST

/* The state keeps what it read, field for field. */
START_TEST(test_state_round_trip)
{
	struct rk_feed_state *state = rk_feed_state_new("test");
	struct rk_feed_entry e = {
		"x@ritmiek",
		true,
		0x0123456789abcdefu,
		7,
		T0,
		RK_EV_LB,
		20700,
		510,
		560,
		20700,
		"exact",
		"P01:host,P02:visitor",
		"P03",
		" 1.01",
		"1A",
		"Les\tbezoek",
		"Regel 1\nRegel \"2\"",
	};
	ck_assert_int_eq(rk_feed_state_add(state, &e), RK_OK);
	char *path = in_dir("feeds.state");
	ck_assert_int_eq(rk_feed_state_write(state, path), RK_OK);
	struct rk_feed_state *back = NULL;
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_feed_state_read(path, &back, diags), RK_OK);
	ck_assert_str_eq(rk_feed_state_school(back), "test");
	const struct rk_feed_entry *g = rk_feed_state_find(back, "x@ritmiek");
	ck_assert_ptr_nonnull(g);
	ck_assert(g->cancelled);
	ck_assert(g->hash == e.hash);
	ck_assert_int_eq(g->sequence, 7);
	ck_assert(g->dtstamp == T0);
	ck_assert_int_eq(g->kind, RK_EV_LB);
	ck_assert_int_eq(g->start, 510);
	ck_assert_int_eq(g->end, 560);
	ck_assert_str_eq(g->location, " 1.01");
	ck_assert_str_eq(g->title, "Les\tbezoek");
	ck_assert_str_eq(g->description, "Regel 1\nRegel \"2\"");
	ck_assert_str_eq(g->participants, "P01:host,P02:visitor");
	ck_assert_str_eq(g->former, "P03");
	ck_assert_ptr_null(rk_feed_state_find(back, "y@ritmiek"));
	rk_feed_state_free(back);
	rk_feed_state_free(state);
	rk_diags_free(diags);
	free(path);
}
END_TEST

/* A UID given twice in feeds.state is named at its second line. */
START_TEST(test_state_uid_twice)
{
	struct rk_feed_state *state = rk_feed_state_new("test");
	struct rk_feed_entry e = { .uid = "b@ritmiek",
				   .kind = RK_EV_GL,
				   .date = 20700,
				   .start = -1,
				   .end = -1,
				   .opens = 20700,
				   .team = "",
				   .participants = "",
				   .former = "",
				   .title = "t",
				   .description = "" };
	ck_assert_int_eq(rk_feed_state_add(state, &e), RK_OK);
	e.uid = "a@ritmiek";
	ck_assert_int_eq(rk_feed_state_add(state, &e), RK_OK);
	e.uid = "b@ritmiek";
	ck_assert_int_eq(rk_feed_state_add(state, &e), RK_OK);
	char *path = in_dir("feeds.state");
	ck_assert_int_eq(rk_feed_state_write(state, path), RK_OK);
	struct rk_feed_state *back = NULL;
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_feed_state_read(path, &back, diags), RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_errors(diags), 1);
	const struct rk_diag *d = rk_diags_get(diags, 0);
	ck_assert_int_eq(d->line, 4); /* the state line, then three events */
	ck_assert_str_eq(d->message, "UID 'b@ritmiek' twice");
	rk_feed_state_free(back);
	rk_feed_state_free(state);
	rk_diags_free(diags);
	free(path);
}
END_TEST

/* tests/data/cover/po.yaml, planned: every lesbezoek has a cover person,
 * the onderwijsassistent OA. */
static void setup_cover(void)
{
	memset(&f, 0, sizeof(f));
	load_school("tests/data/cover/po.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan_options options = { 0 };
	ck_assert_int_eq(
		rk_planner_run(f.school, f.year, &options, &f.plan, diags),
		RK_OK);
	rk_diags_free(diags);
	make_dir();
}

static const char *name_in_role(const struct rk_event *ev,
				enum rk_part_role role)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].role == role)
			return rk_school_get_person(f.school,
						    (size_t)ev->parts[i].person)
				->name;
	return NULL;
}

static const char *group_of(const struct rk_event *ev)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].role == RK_PART_VISITOR)
			return rk_school_get_person(f.school,
						    (size_t)ev->parts[i].person)
				->grades.items[0];
	return NULL;
}

/* The cover person's feed holds every lesbezoek they cover, titled from
 * their view: the group they take over and whose lesbezoek it is. */
START_TEST(test_cover_feed)
{
	write_at(T0);
	char *oa = feed_of("person", "OA");
	size_t n = 0;
	char want[512];
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
		const struct rk_event *ev = rk_plan_event(f.plan, i);
		if (ev->kind != RK_EV_LB)
			continue;
		const char *v = name_in_role(ev, RK_PART_VISITOR);
		const char *h = name_in_role(ev, RK_PART_HOST);
		ck_assert_str_eq(name_in_role(ev, RK_PART_COVER),
				 "Olga Assistent");
		char *e = event_in(oa, ev->id);
		ck_assert_msg(e != NULL, "%s not in the feed of OA", ev->id);
		snprintf(want, sizeof(want),
			 "\nSUMMARY:Invallen in %s (lesbezoek %s bij %s)\n",
			 group_of(ev), v, h);
		ck_assert_msg(strstr(e, want) != NULL, "%s", e);
		snprintf(want, sizeof(want),
			 "Olga Assistent neemt intussen %s over.",
			 group_of(ev));
		ck_assert_msg(strstr(e, want) != NULL, "%s", e);
		free(e);
		n++;
	}
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(count(oa, "SUMMARY:Invallen in groep "), n);
	free(oa);
	/* The visitor still sees their own lesbezoek. */
	char *t1 = feed_of("person", "T1");
	ck_assert_uint_eq(count(t1, "SUMMARY:Invallen"), 0);
	ck_assert_uint_gt(count(t1, "SUMMARY:Lesbezoek bij "), 0);
	free(t1);
}
END_TEST

Suite *suite_feeds(void)
{
	Suite *s = suite_create("feeds");
	TCase *tc = tcase_create("planned");
	tcase_add_checked_fixture(tc, setup_planned, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_libical_valid);
	tcase_add_test(tc, test_python_icalendar_parses);
	tcase_add_test(tc, test_calendar_properties);
	tcase_add_test(tc, test_vtimezone_converts);
	tcase_add_test(tc, test_person_feed_is_own);
	tcase_add_test(tc, test_trio_summary);
	tcase_add_test(tc, test_rooms);
	tcase_add_test(tc, test_rerun_identical);
	suite_add_tcase(s, tc);

	tc = tcase_create("good");
	tcase_add_checked_fixture(tc, setup_good, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_summaries_per_person);
	tcase_add_test(tc, test_meting);
	tcase_add_test(tc, test_no_session_reminder);
	tcase_add_test(tc, test_other_timezone);
	tcase_add_test(tc, test_source_date_epoch);
	tcase_add_test(tc, test_changes_reach_subscribers);
	tcase_add_test(tc, test_cancelled_until_past);
	tcase_add_test(tc, test_cancelled_transparent);
	tcase_add_test(tc, test_organizer);
	tcase_add_test(tc, test_titles_reader_side);
	tcase_add_test(tc, test_calendar_names_and_colors);
	tcase_add_test(tc, test_description_from_method);
	tcase_add_test(tc, test_event_comes_back);
	tcase_add_test(tc, test_previous_dir);
	tcase_add_test(tc, test_index);
	tcase_add_test(tc, test_tokens_stable_and_rotated);
	tcase_add_test(tc, test_bad_state);
	tcase_add_test(tc, test_state_of_other_school);
	tcase_add_test(tc, test_bad_tokens);
	tcase_add_test(tc, test_team_file_names);
	tcase_add_test(tc, test_state_round_trip);
	tcase_add_test(tc, test_state_uid_twice);
	suite_add_tcase(s, tc);

	tc = tcase_create("cover");
	tcase_add_checked_fixture(tc, setup_cover, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cover_feed);
	suite_add_tcase(s, tc);
	return s;
}
