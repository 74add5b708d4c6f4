#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "loader.h"
#include "plan.h"
#include "plan_file.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

/* A plan for tests/data/school/base.yaml that keeps every hard rule; each
 * test breaks one rule and expects exactly its messages. */
static struct rk_school *school;
static struct rk_schoolyear *year;
static struct rk_plan *plan;

#define F "plan.tsv: error: "

static int day(const char *text)
{
	int date = 0;
	ck_assert_msg(rk_date_parse(text, &date), "bad date %s", text);
	return date;
}

static int mins(const char *text)
{
	int minutes = -1;
	if (text)
		ck_assert_msg(rk_time_parse(text, &minutes), "bad time %s",
			      text);
	return minutes;
}

static int who(const char *id)
{
	int p = rk_school_find_person(school, id);
	ck_assert_msg(p >= 0, "no person %s", id);
	return p;
}

static int week_of(const char *monday)
{
	int first = rk_date_monday(rk_schoolyear_first(year));
	return (day(monday) - first) / 7;
}

/* Adds an event; the pointer is valid until the next add. */
static struct rk_event *add(const char *id, enum rk_event_kind kind,
			    const char *date, const char *start,
			    const char *end)
{
	struct rk_event *ev = rk_plan_add_event(plan);
	ck_assert_ptr_nonnull(ev);
	ev->id = rk_plan_strdup(plan, id);
	ev->kind = kind;
	ev->date = day(date);
	ev->opens = ev->date;
	ev->start = mins(start);
	ev->end = mins(end);
	ev->title = rk_plan_strdup(plan, rk_event_kind_name(kind));
	ev->agenda = "";
	return ev;
}

static void part(struct rk_event *ev, const char *id, enum rk_part_role role)
{
	ck_assert_int_eq(rk_event_add_part(plan, ev, who(id), role), 0);
}

static struct rk_event *find(const char *id)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		struct rk_event *ev = rk_plan_event_at(plan, i);
		if (!strcmp(ev->id, id))
			return ev;
	}
	ck_abort_msg("no event %s", id);
	return NULL;
}

static void bordsessie(const char *team, const char *date, int week)
{
	static const char *const exact[] = { "P01", "P02", "P03",
					     "P04", "P05", "P06" };
	static const char *const talen[] = { "P07", "P08", "P09",
					     "P10", "P11", "P12" };
	char id[64];
	snprintf(id, sizeof(id), "bs-%s-%s", team, date);
	struct rk_event *ev = add(id, RK_EV_BORDSESSIE, date, "15:30", "16:00");
	ev->team = rk_school_find_team(school, team);
	ev->period = 1;
	ev->week_in_period = week;
	for (int i = 0; i < 6; i++)
		part(ev, !strcmp(team, "exact") ? exact[i] : talen[i],
		     RK_PART_ATTENDEE);
}

static void lkteam(const char *date)
{
	char id[64];
	snprintf(id, sizeof(id), "lk-%s", date);
	struct rk_event *ev = add(id, RK_EV_LKTEAM, date, "14:00", "15:00");
	part(ev, "SL", RK_PART_ATTENDEE);
	part(ev, "P01", RK_PART_ATTENDEE);
	part(ev, "P07", RK_PART_ATTENDEE);
}

/* The first year's opening before period 1: the draagvlaksessie for the
 * whole staff and the three startfase sessions of the leerKRACHT-team
 * (12 teachers), in the afternoons the rooster leaves free. */
static void opening(void)
{
	static const char *const staff[] = { "P01", "P02", "P03", "P04", "P05",
					     "P06", "P07", "P08", "P09", "P10",
					     "P11", "P12", "SL" };
	static const char *const days[] = { "2026-09-07", "2026-09-08",
					    "2026-09-10" };
	struct rk_event *ev = add("draagvlak", RK_EV_DRAAGVLAKSESSIE,
				  "2026-09-03", "14:00", "15:30");
	for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++)
		part(ev, staff[i], RK_PART_ATTENDEE);
	for (size_t k = 0; k < 3; k++) {
		char id[32];
		snprintf(id, sizeof(id), "startfase-%zu", k + 1);
		ev = add(id, RK_EV_STARTFASE, days[k], "14:00", "16:00");
		part(ev, "SL", RK_PART_ATTENDEE);
		part(ev, "P01", RK_PART_ATTENDEE);
		part(ev, "P07", RK_PART_ATTENDEE);
	}
}

static void visit(const char *id, const char *date, const char *start,
		  const char *end, const char *host, const char *visitor)
{
	struct rk_event *ev = add(id, RK_EV_LB, date, start, end);
	ev->team = rk_school_find_team(school, "exact");
	ev->period = 1;
	ev->week_in_period = 1;
	part(ev, host, RK_PART_HOST);
	part(ev, visitor, RK_PART_VISITOR);
}

static struct rk_event *feedback(const char *id, const char *date,
				 const char *start, const char *end,
				 const char *a, const char *b)
{
	struct rk_event *ev = add(id, RK_EV_FB, date, start, end);
	ev->team = rk_school_find_team(school, "exact");
	ev->period = 1;
	ev->week_in_period = 1;
	part(ev, a, RK_PART_ATTENDEE);
	part(ev, b, RK_PART_ATTENDEE);
	return ev;
}

/* Everyone of the school takes part in @ev. */
static void everyone(struct rk_event *ev)
{
	for (size_t p = 0; p < rk_school_n_person(school); p++)
		ck_assert_int_eq(
			rk_event_add_part(plan, ev, (int)p, RK_PART_ATTENDEE),
			0);
}

/* A team session of @team in period 1 with all its members. */
static void team_session(const char *id, enum rk_event_kind kind,
			 const char *team, const char *date, const char *start,
			 const char *end)
{
	int t = rk_school_find_team(school, team);
	const struct rk_team *tm = rk_school_get_team(school, (size_t)t);
	struct rk_event *ev = add(id, kind, date, start, end);
	ev->team = t;
	ev->period = 1;
	ev->week_in_period = 1;
	for (size_t m = 0; m < tm->n_members; m++)
		part(ev, tm->members[m].id, RK_PART_ATTENDEE);
}

/* Period 1 is weeks 38-40 of 2026, "aan de slag" of three weeks: the
 * table of engine/ritmiek.c gives it two rounds of gezamenlijk lesontwerp
 * and lesbezoek, a verdieping and a retrospectief per team, and the
 * verbindingssessie. Duo P01 + P02 of team exact visits each other (P01
 * teaches ma 08:30, P02 ma 09:20). */
static void build_plan(void)
{
	int exact = rk_school_find_team(school, "exact");
	int talen = rk_school_find_team(school, "talen");
	struct rk_period period = { 1,
				    "aan de slag",
				    week_of("2026-09-14"),
				    week_of("2026-09-28"),
				    3,
				    day("2026-10-01") };
	ck_assert_int_eq(rk_plan_add_period(plan, period), RK_OK);
	ck_assert_int_eq(
		rk_plan_add_moment(plan,
				   (struct rk_moment){ exact, 0, 930, 960, 0 }),
		RK_OK);
	ck_assert_int_eq(
		rk_plan_add_moment(plan,
				   (struct rk_moment){ talen, 1, 930, 960, 0 }),
		RK_OK);
	ck_assert_int_eq(
		rk_plan_add_moment(plan,
				   (struct rk_moment){ -1, 2, 840, 900, 0 }),
		RK_OK);
	ck_assert_int_eq(
		rk_plan_add_duo(plan, (struct rk_duo){ exact, 1, who("P01"),
						       who("P02"), -1, 0 }),
		RK_OK);
	bordsessie("exact", "2026-09-14", 1);
	bordsessie("exact", "2026-09-21", 2);
	bordsessie("exact", "2026-09-28", 3);
	bordsessie("talen", "2026-09-15", 1);
	bordsessie("talen", "2026-09-22", 2);
	bordsessie("talen", "2026-09-29", 3);
	lkteam("2026-09-16");
	lkteam("2026-09-23");
	lkteam("2026-09-30");
	opening();
	visit("lb-1", "2026-09-14", "08:30", "09:20", "P01", "P02");
	feedback("fb-1", "2026-09-14", "13:00", "13:30", "P01", "P02");
	visit("lb-2", "2026-09-21", "09:20", "10:10", "P02", "P01");
	feedback("fb-2", "2026-09-22", "13:00", "13:30", "P02", "P01");
	feedback("gl-r1", "2026-09-15", "13:00", "13:45", "P01", "P02")->kind =
		RK_EV_GL;
	feedback("gl-r2", "2026-09-22", "14:00", "14:45", "P01", "P02")->kind =
		RK_EV_GL;
	team_session("vd-exact", RK_EV_VERDIEPING, "exact", "2026-09-24",
		     "13:00", "14:00");
	team_session("vd-talen", RK_EV_VERDIEPING, "talen", "2026-09-24",
		     "13:00", "14:00");
	team_session("retro-exact", RK_EV_RETROSPECTIVE, "exact", "2026-10-01",
		     "12:00", "13:00");
	team_session("retro-talen", RK_EV_RETROSPECTIVE, "talen", "2026-10-01",
		     "12:00", "13:00");
	struct rk_event *vb = add("verbinding", RK_EV_VERBINDING, "2026-10-01",
				  "14:30", "16:00");
	vb->period = 1;
	everyone(vb);
	/* A meting is a deadline: it overlaps everything and blocks nothing. */
	struct rk_event *ev =
		add("meting", RK_EV_METING, "2026-09-25", NULL, NULL);
	ev->opens = day("2026-09-14");
	part(ev, "P01", RK_PART_ATTENDEE);
	part(ev, "P03", RK_PART_ATTENDEE);
}

/* The year again, after a test changed the school's dates. */
static void rederive(void)
{
	rk_schoolyear_free(year);
	year = NULL;
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	rk_diags_free(diags);
}

static void setup(void)
{
	char *path = rk_test_path("tests/data/school/base.yaml");
	struct rk_diags *diags = rk_diags_new();
	school = NULL;
	year = NULL;
	enum rk_status status = rk_load_school(path, NULL, &school, diags);
	ck_assert_msg(status == RK_OK, "base.yaml does not load");
	rk_diags_free(diags);
	free(path);
	rederive();
	plan = rk_plan_new();
	ck_assert_ptr_nonnull(plan);
	build_plan();
}

static void teardown(void)
{
	rk_plan_free(plan);
	rk_schoolyear_free(year);
	rk_school_free(school);
}

static void expect(enum rk_status want, const char *text)
{
	struct rk_diags *diags = rk_diags_new();
	rk_plan_sort(plan);
	enum rk_status status =
		rk_verify(school, year, plan, "plan.tsv", diags);
	char *got = rk_test_diags_text(diags);
	ck_assert_str_eq(got, text);
	ck_assert_int_eq(status, want);
	free(got);
	rk_diags_free(diags);
}

START_TEST(test_good_plan)
{
	expect(RK_OK, "");
}
END_TEST

START_TEST(test_unknown_person_and_team)
{
	struct rk_event *ev =
		add("gl", RK_EV_GL, "2026-09-17", "13:00", "13:45");
	ev->team = 7;
	part(ev, "P04", RK_PART_ATTENDEE);
	ck_assert_int_eq(rk_event_add_part(plan, ev, 99, RK_PART_ATTENDEE), 0);
	expect(RK_ERR_INPUT, F
	       "event 'gl' on 2026-09-17 13:00-13:45: team 7 does not exist\n" F
	       "event 'gl' on 2026-09-17 13:00-13:45: participant 2 is person 99, who is not a person of the school\n");
}
END_TEST

START_TEST(test_duplicate_id)
{
	struct rk_event *ev =
		add("lb-1", RK_EV_GL, "2026-09-17", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "event 'lb-1' on 2026-09-17 13:00-13:45: another event has the id 'lb-1'\n");
}
END_TEST

START_TEST(test_weekend_and_holidays)
{
	struct rk_event *ev =
		add("gl-za", RK_EV_GL, "2026-09-19", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	ev = add("gl-herfst", RK_EV_GL, "2026-10-20", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	ev = add("gl-koningsdag", RK_EV_GL, "2027-04-27", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	ev = add("gl-zomer", RK_EV_GL, "2027-08-02", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "event 'gl-za' on 2026-09-19 13:00-13:45: it falls on a zaterdag\n" F
	       "event 'gl-herfst' on 2026-10-20 13:00-13:45: it falls in the Herfstvakantie\n" F
	       "event 'gl-koningsdag' on 2027-04-27 13:00-13:45: it falls on Koningsdag, a public holiday\n" F
	       "event 'gl-zomer' on 2027-08-02 13:00-13:45: it falls outside the school year 2026-2027\n");
}
END_TEST

/* A studiedag is for the startdag, not for a gezamenlijk lesontwerp; an
 * all-day event blocks the whole day. */
START_TEST(test_studiedag)
{
	struct rk_dayoff *off = rk_school_add_dayoff(school);
	off->name = rk_school_strdup(school, "Studiedag ICT");
	off->from = off->to = day("2026-09-17");
	off->kind = RK_OFF_STUDIEDAG;
	off->regions = RK_REGIONS_ALL;
	rederive();
	struct rk_event *ev =
		add("startdag", RK_EV_STARTDAG, "2026-09-17", NULL, NULL);
	everyone(ev);
	ev = add("gl", RK_EV_GL, "2026-09-17", "13:00", "13:45");
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "event 'gl' on 2026-09-17 13:00-13:45: it falls on Studiedag ICT, a studiedag of the school\n" F
	       "'P04' (Dewi Smit) is in two events at once: 'startdag' and 'gl' on 2026-09-17 13:00-13:45\n");
}
END_TEST

START_TEST(test_two_at_once)
{
	struct rk_event *ev =
		add("gl", RK_EV_GL, "2026-09-14", "15:45", "16:30");
	part(ev, "P03", RK_PART_ATTENDEE);
	part(ev, "P01", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "'P01' (Anna Bakker) is in two events at once: 'bs-exact-2026-09-14' and 'gl' on 2026-09-14 15:45-16:00\n" F
	       "'P03' (Cas Visser) is in two events at once: 'bs-exact-2026-09-14' and 'gl' on 2026-09-14 15:45-16:00\n");
}
END_TEST

START_TEST(test_day_off_and_lesson)
{
	struct rk_event *ev =
		add("gl-wo", RK_EV_GL, "2026-09-16", "13:00", "13:45");
	part(ev, "P03", RK_PART_ATTENDEE);
	part(ev, "P04", RK_PART_ATTENDEE);
	ev = add("gl-ma", RK_EV_GL, "2026-09-28", "09:30", "10:00");
	part(ev, "P02", RK_PART_ATTENDEE);
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "event 'gl-wo' on 2026-09-16 13:00-13:45: 'P03' (Cas Visser) does not work on woensdag\n" F
	       "event 'gl-ma' on 2026-09-28 09:30-10:00: 'P02' (Bram de Boer) has a lesson then (rooster.csv:3)\n");
}
END_TEST

/* Lessons of the day only: a lesson valid until the week before is not. */
START_TEST(test_lesson_validity)
{
	struct rk_lesson *l = rk_school_add_lesson(school);
	rk_lesson_init(l);
	l->person = (struct rk_ref){ "P04", { NULL, 0, 0 }, who("P04") };
	l->weekday = 0;
	l->start = mins("13:00");
	l->end = mins("13:50");
	l->valid_to = day("2026-09-20");
	l->loc = (struct rk_loc){ rk_school_strdup(school, "/x/extra.csv"), 5,
				  1 };
	struct rk_event *ev =
		add("gl-1", RK_EV_GL, "2026-09-14", "13:30", "14:00");
	part(ev, "P04", RK_PART_ATTENDEE);
	ev = add("gl-2", RK_EV_GL, "2026-09-21", "13:30", "14:00");
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT, F
	       "event 'gl-1' on 2026-09-14 13:30-14:00: 'P04' (Dewi Smit) has a lesson then (extra.csv:5)\n");
}
END_TEST

START_TEST(test_host_without_lesson)
{
	struct rk_event *ev = find("lb-1");
	ev->start = mins("10:30");
	ev->end = mins("11:20");
	expect(RK_ERR_INPUT, F
	       "event 'lb-1' on 2026-09-14 10:30-11:20: host 'P01' (Anna Bakker) has no lesson then\n");
}
END_TEST

START_TEST(test_visitor_in_lesson)
{
	struct rk_lesson *l = rk_school_add_lesson(school);
	rk_lesson_init(l);
	l->person = (struct rk_ref){ "P04", { NULL, 0, 0 }, who("P04") };
	l->weekday = 0;
	l->start = mins("08:30");
	l->end = mins("09:20");
	l->loc = (struct rk_loc){ rk_school_strdup(school, "extra.csv"), 5, 1 };
	visit("lb-x", "2026-09-28", "08:30", "09:20", "P01", "P04");
	expect(RK_ERR_INPUT, F
	       "event 'lb-x' on 2026-09-28 08:30-09:20: visitor 'P04' (Dewi Smit) has a lesson then (extra.csv:5)\n" F
	       "event 'lb-x' on 2026-09-28 08:30-09:20: no feedbackgesprek of its visitor and host ('P01' (Anna Bakker), 'P04' (Dewi Smit)) follows this lesbezoek, after it ends and within the next two school days on which both work\n");
}
END_TEST

START_TEST(test_lesbezoek_roles)
{
	struct rk_event *ev =
		add("lb-x", RK_EV_LB, "2026-09-28", "08:30", "09:20");
	part(ev, "P01", RK_PART_HOST);
	part(ev, "P04", RK_PART_HOST);
	ev = add("lb-y", RK_EV_LB, "2026-09-17", NULL, NULL);
	part(ev, "P05", RK_PART_VISITOR);
	expect(RK_ERR_INPUT, F
	       "event 'lb-y' on 2026-09-17: a lesbezoek has exactly one host, not 0\n" F
	       "event 'lb-y' on 2026-09-17: a lesbezoek takes place in a lesson, not all day\n" F
	       "event 'lb-x' on 2026-09-28 08:30-09:20: a lesbezoek has exactly one host, not 2\n" F
	       "event 'lb-x' on 2026-09-28 08:30-09:20: a lesbezoek has at least one visitor, not none\n" F
	       "event 'lb-y' on 2026-09-17: no feedbackgesprek of its visitor and host ('P05' (Eva Meijer)) follows this lesbezoek, after it ends and within the next two school days on which both work\n" F
	       "event 'lb-x' on 2026-09-28 08:30-09:20: no feedbackgesprek of its visitor and host ('P01' (Anna Bakker), 'P04' (Dewi Smit)) follows this lesbezoek, after it ends and within the next two school days on which both work\n");
}
END_TEST

START_TEST(test_missing_bordsessie)
{
	/* A meting is a deadline and holds nothing. */
	find("bs-exact-2026-09-21")->kind = RK_EV_METING;
	expect(RK_ERR_INPUT,
	       F "team 'exact' has no bordsessie in week 39 (2026-09-21)\n");
}
END_TEST

/* The first year opens with a draagvlaksessie and, for 12 teachers, three
 * startfase sessions: one that found no place (a plan written with
 * --allow-violations has no event for it) is missing, and so is a week
 * without the leerKRACHT-team's meeting. */
START_TEST(test_missing_opening)
{
	find("draagvlak")->kind = RK_EV_METING;
	find("startfase-2")->kind = RK_EV_METING;
	find("lk-2026-09-23")->kind = RK_EV_METING;
	expect(RK_ERR_INPUT, F
	       "the leerKRACHT-team has no meeting in week 39 (2026-09-21)\n" F
	       "no draagvlaksessie: the first programme year opens with one "
	       "for all teachers\n" F
	       "2 startfase session(s): in the first programme year the "
	       "leerKRACHT-team holds 3 (3 to 5 by the number of teachers)\n");
}
END_TEST

/* A team member the plan left out of every event: not someone who left
 * (verify reads that from a plan that stops having them), but someone
 * forgotten, whom every bordsessie and staff-wide session still expects. */
START_TEST(test_forgotten_member)
{
	int p06 = who("P06");
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		struct rk_event *ev = rk_plan_event_at(plan, i);
		size_t k = 0;
		for (size_t j = 0; j < ev->n_parts; j++)
			if (ev->parts[j].person != p06)
				ev->parts[k++] = ev->parts[j];
		ev->n_parts = k;
	}
	struct rk_diags *diags = rk_diags_new();
	rk_plan_sort(plan);
	ck_assert_int_eq(rk_verify(school, year, plan, "plan.tsv", diags),
			 RK_ERR_INPUT);
	char *got = rk_test_diags_text(diags);
	ck_assert_msg(strstr(got, "P06") && strstr(got, "not invited"), "%s",
		      got);
	free(got);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_wrong_moment)
{
	struct rk_event *ev = find("bs-exact-2026-09-28");
	ev->date = day("2026-09-29");
	ev = find("bs-talen-2026-09-22");
	ev->end = mins("16:15");
	ev = find("lk-2026-09-23");
	ev->start = mins("14:30");
	ev->end = mins("15:30");
	expect(RK_ERR_INPUT, F
	       "team 'talen' meets on dinsdag 15:30-16:15 in week 39 but its moment is dinsdag 15:30-16:00\n" F
	       "the leerKRACHT-team meets on woensdag 14:30 in week 39 but its moment is woensdag 14:00\n" F
	       "team 'exact' meets on dinsdag 15:30 in week 40 but its moment is maandag 15:30\n");
}
END_TEST

START_TEST(test_no_moment)
{
	rk_plan_free(plan);
	plan = rk_plan_new();
	bordsessie("exact", "2026-09-14", 0);
	bordsessie("exact", "2026-10-05", 0);
	bordsessie("talen", "2026-09-15", 0);
	expect(RK_ERR_INPUT,
	       F "team 'exact' has no weekly moment\n" F
		 "team 'exact' has no bordsessie in week 39 (2026-09-21)\n" F
		 "team 'exact' has no bordsessie in week 40 (2026-09-28)\n" F
		 "team 'talen' has no weekly moment\n");
}
END_TEST

/* In year 1 a team of cohort 2 starts with period 2. */
START_TEST(test_cohort)
{
	struct rk_period period = {
		2, "uitbouwen", week_of("2026-10-05"), week_of("2026-10-12"), 2,
		0
	};
	ck_assert_int_eq(rk_plan_add_period(plan, period), RK_OK);
	rk_school_team_at(school, (size_t)rk_school_find_team(school, "talen"))
		->cohort = 2;
	/* Team talen takes no part in period 1. */
	find("bs-talen-2026-09-15")->kind = RK_EV_METING;
	find("bs-talen-2026-09-22")->kind = RK_EV_METING;
	find("vd-talen")->kind = RK_EV_METING;
	find("retro-talen")->kind = RK_EV_METING;
	bordsessie("exact", "2026-10-05", 1);
	bordsessie("exact", "2026-10-12", 2);
	bordsessie("talen", "2026-10-06", 1);
	lkteam("2026-10-07");
	lkteam("2026-10-14");
	expect(RK_ERR_INPUT, F
	       "team 'talen' has no bordsessie in week 42 (2026-10-12)\n" F
	       "period 2 (2026-10-05 to 2026-10-18) has no verbindingssessie; it closes every period\n" F
	       "team 'exact' has no leerlingarena in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'exact' has no retrospectief in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no leerlingarena in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no retrospectief in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n");
	rk_school_info(school)->programme_year = 2;
	expect(RK_ERR_INPUT, F
	       "team 'talen' has no bordsessie in week 38 (2026-09-14)\n" F
	       "team 'talen' has no bordsessie in week 39 (2026-09-21)\n" F
	       "team 'talen' has no bordsessie in week 42 (2026-10-12)\n" F
	       "team 'exact' has no leerlingarena in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no leerlingarena in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no verdieping in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no retrospectief in period 1 (2026-09-14 to 2026-10-04): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "period 2 (2026-10-05 to 2026-10-18) has no verbindingssessie; it closes every period\n" F
	       "team 'exact' has no leerlingarena in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'exact' has no retrospectief in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no leerlingarena in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n" F
	       "team 'talen' has no retrospectief in period 2 (2026-10-05 to 2026-10-18): the ritmiek of the period has one (its own session, or in a bordsessie when the school says so)\n");
}
END_TEST

/* In a toetsweek nothing is planned and no bordsessie is missed. */
START_TEST(test_toetsweek)
{
	struct rk_toetsweek *t = rk_school_add_toetsweek(school);
	t->name = rk_school_strdup(school, "Toetsweek 1");
	t->from = day("2026-09-28");
	t->to = day("2026-10-02");
	rederive();
	expect(RK_ERR_INPUT, F
	       "event 'bs-exact-2026-09-28' on 2026-09-28 15:30-16:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "event 'bs-talen-2026-09-29' on 2026-09-29 15:30-16:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "event 'lk-2026-09-30' on 2026-09-30 14:00-15:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "event 'retro-exact' on 2026-10-01 12:00-13:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "event 'retro-talen' on 2026-10-01 12:00-13:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "event 'verbinding' on 2026-10-01 14:30-16:00: it falls in toetsweek 'Toetsweek 1'\n" F
	       "period 1 says it has 3 weeks with sessions, but the calendar gives it 2\n" F
	       "event 'vd-exact' on 2026-09-24 13:00-14:00: the ritmiek of team 'exact' in period 1 (2026-09-14 to 2026-10-04) has no verdieping\n" F
	       "event 'vd-talen' on 2026-09-24 13:00-14:00: the ritmiek of team 'talen' in period 1 (2026-09-14 to 2026-10-04) has no verdieping\n");
}
END_TEST

/* A free day on the moment's day: the bordsessie still takes place that
 * week, on another school day at another time; not on the free day, and
 * not left out. */
START_TEST(test_moment_day_off)
{
	struct rk_dayoff *off = rk_school_add_dayoff(school);
	off->name = rk_school_strdup(school, "Extra vrij");
	off->from = off->to = day("2026-09-28");
	off->kind = RK_OFF_VRIJ;
	off->regions = RK_REGIONS_ALL;
	rederive();
	struct rk_event *ev = find("bs-exact-2026-09-28");
	ev->date = day("2026-10-01");
	ev->start = mins("16:00");
	ev->end = mins("16:30");
	expect(RK_OK, "");
	find("bs-exact-2026-09-28")->date = day("2026-09-28");
	expect(RK_ERR_INPUT, F
	       "event 'bs-exact-2026-09-28' on 2026-09-28 16:00-16:30: it falls on Extra vrij, a free day of the school\n");
	find("bs-exact-2026-09-28")->kind = RK_EV_METING;
	find("bs-exact-2026-09-28")->date = day("2026-10-01");
	expect(RK_ERR_INPUT,
	       F "team 'exact' has no bordsessie in week 40 (2026-09-28)\n");
}
END_TEST

START_TEST(test_feedback_late)
{
	find("fb-2")->date = day("2026-09-25");
	expect(RK_ERR_INPUT, F
	       "event 'fb-2' on 2026-09-25 13:00-13:30: it comes more than two school days after lesbezoek 'lb-2' on 2026-09-21 09:20-10:10\n" F
	       "event 'lb-2' on 2026-09-21 09:20-10:10: no feedbackgesprek of its visitor and host ('P01' (Anna Bakker), 'P02' (Bram de Boer)) follows this lesbezoek, after it ends and within the next two school days on which both work\n");
}
END_TEST

/* Two school days after a Friday: the Tuesday, across the weekend. */
START_TEST(test_feedback_after_weekend)
{
	find("lb-2")->date = day("2026-09-18");
	find("lb-2")->start = mins("10:30");
	find("lb-2")->end = mins("11:20");
	struct rk_lesson *l = rk_school_add_lesson(school);
	rk_lesson_init(l);
	l->person = (struct rk_ref){ "P02", { NULL, 0, 0 }, who("P02") };
	l->weekday = 4;
	l->start = mins("10:30");
	l->end = mins("11:20");
	expect(RK_OK, "");
}
END_TEST

START_TEST(test_feedback_before)
{
	struct rk_event *ev = find("fb-1");
	ev->start = mins("08:00");
	ev->end = mins("08:30");
	expect(RK_ERR_INPUT, F
	       "event 'fb-1' on 2026-09-14 08:00-08:30: it comes before lesbezoek 'lb-1' of the same duo, not after it\n" F
	       "event 'lb-1' on 2026-09-14 08:30-09:20: no feedbackgesprek of its visitor and host ('P01' (Anna Bakker), 'P02' (Bram de Boer)) follows this lesbezoek, after it ends and within the next two school days on which both work\n");
}
END_TEST

START_TEST(test_feedback_other_duo)
{
	feedback("fb-x", "2026-09-17", "13:00", "13:30", "P03", "P04");
	expect(RK_ERR_INPUT, F
	       "event 'fb-x' on 2026-09-17 13:00-13:30: no lesbezoek of period 1 has the same duo ('P03' (Cas Visser), 'P04' (Dewi Smit))\n");
}
END_TEST

START_TEST(test_duo_without_visits)
{
	int exact = rk_school_find_team(school, "exact");
	struct rk_duo trio = {
		exact, 1, who("P04"), who("P05"), who("P06"), 0
	};
	ck_assert_int_eq(rk_plan_add_duo(plan, trio), RK_OK);
	visit("lb-x", "2026-09-28", "09:20", "10:10", "P02", "P04");
	/* A visit with a teammate outside the trio counts (after a
	 * rebalance that is the partner one had before), but it needs its
	 * feedbackgesprek. */
	expect(RK_ERR_INPUT, F
	       "event 'lb-x' on 2026-09-28 09:20-10:10: no feedbackgesprek of its visitor and host ('P02' (Bram de Boer), 'P04' (Dewi Smit)) follows this lesbezoek, after it ends and within the next two school days on which both work\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P04' (Dewi Smit) has no lesbezoek as host\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P05' (Eva Meijer) has no lesbezoek as visitor\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P05' (Eva Meijer) has no lesbezoek as host\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P06' (Fenna de Graaf) has no lesbezoek as visitor\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P06' (Fenna de Graaf) has no lesbezoek as host\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P04' (Dewi Smit) has 0 gezamenlijk lesontwerp, but the period has 2 round(s) of it\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P05' (Eva Meijer) has 0 gezamenlijk lesontwerp, but the period has 2 round(s) of it\n" F
	       "duo 'P04', 'P05' and 'P06' of team 'exact' in period 1: 'P06' (Fenna de Graaf) has 0 gezamenlijk lesontwerp, but the period has 2 round(s) of it\n");
}
END_TEST

/* Messages carry the line of the event in the plan file. */
START_TEST(test_source_line)
{
	struct rk_event *ev =
		add("gl", RK_EV_GL, "2026-09-19", "13:00", "13:45");
	ev->source_line = 42;
	part(ev, "P04", RK_PART_ATTENDEE);
	expect(RK_ERR_INPUT,
	       "plan.tsv:42: error: event 'gl' on 2026-09-19 13:00-13:45: it falls on a zaterdag\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* The planted-violation corpus of tests/data/verify                    */
/* ------------------------------------------------------------------ */

#define CORPUS "tests/data/verify/"

/* Verifies the plan file @name of the corpus; its diagnostics as text
 * (the caller frees) and the status into *status. */
static char *verify_corpus(const char *name, enum rk_status *status)
{
	char *path = rk_test_path(CORPUS "school.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *s = NULL;
	struct rk_schoolyear *y = NULL;
	struct rk_plan *p = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &s, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(s, &y, diags), RK_OK);
	free(path);
	char rel[256];
	snprintf(rel, sizeof(rel), CORPUS "%s", name);
	path = rk_test_path(rel);
	ck_assert_msg(rk_plan_file_read(s, path, &p, diags) == RK_OK,
		      "%s does not read", name);
	struct rk_diags *found = rk_diags_new();
	*status = rk_verify(s, y, p, name, found);
	char *text = rk_test_diags_text(found);
	rk_diags_free(found);
	rk_diags_free(diags);
	rk_plan_free(p);
	rk_schoolyear_free(y);
	rk_school_free(s);
	free(path);
	return text;
}

/* The base keeps every rule: not one diagnostic. */
START_TEST(test_corpus_base)
{
	enum rk_status status;
	char *text = verify_corpus("base.tsv", &status);
	ck_assert_str_eq(text, "");
	ck_assert_int_eq(status, RK_OK);
	free(text);
}
END_TEST

/* Each planted plan of expected.tsv breaks one rule, differing from the
 * base in one place: verify rejects it and says what and where. */
START_TEST(test_corpus_planted)
{
	char *path = rk_test_path(CORPUS "expected.tsv");
	char *list = rk_test_slurp(path);
	size_t planted = 0;
	for (char *line = list, *next; *line; line = next) {
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		enum rk_status status;
		char *text = verify_corpus(line, &status);
		ck_assert_msg(status == RK_ERR_INPUT, "%s: accepted", line);
		ck_assert_msg(strstr(text, tab + 1) != NULL,
			      "%s: expected \"%s\" in:\n%s", line, tab + 1,
			      text);
		free(text);
		planted++;
	}
	ck_assert_uint_ge(planted, 40);
	free(list);
	free(path);
}
END_TEST

Suite *suite_verify(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good_plan);
	tcase_add_test(tc, test_unknown_person_and_team);
	tcase_add_test(tc, test_duplicate_id);
	tcase_add_test(tc, test_weekend_and_holidays);
	tcase_add_test(tc, test_studiedag);
	tcase_add_test(tc, test_two_at_once);
	tcase_add_test(tc, test_day_off_and_lesson);
	tcase_add_test(tc, test_lesson_validity);
	tcase_add_test(tc, test_host_without_lesson);
	tcase_add_test(tc, test_visitor_in_lesson);
	tcase_add_test(tc, test_lesbezoek_roles);
	tcase_add_test(tc, test_missing_bordsessie);
	tcase_add_test(tc, test_missing_opening);
	tcase_add_test(tc, test_forgotten_member);
	tcase_add_test(tc, test_wrong_moment);
	tcase_add_test(tc, test_no_moment);
	tcase_add_test(tc, test_cohort);
	tcase_add_test(tc, test_toetsweek);
	tcase_add_test(tc, test_moment_day_off);
	tcase_add_test(tc, test_feedback_late);
	tcase_add_test(tc, test_feedback_after_weekend);
	tcase_add_test(tc, test_feedback_before);
	tcase_add_test(tc, test_feedback_other_duo);
	tcase_add_test(tc, test_duo_without_visits);
	tcase_add_test(tc, test_source_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("corpus");
	tcase_add_test(tc, test_corpus_base);
	tcase_add_test(tc, test_corpus_planted);
	suite_add_tcase(s, tc);
	return s;
}
