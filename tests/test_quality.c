/* The quality figures on a plan built by hand for the one-moment school
 * (team Alpha: T1..T6), so that every figure can be worked out on paper. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "loader.h"
#include "plan_summary.h"
#include "quality.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"

struct fixture {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	struct rk_diags *diags;
	int weeks[8]; /* the period's eight weeks with sessions */
};

static int person(const struct fixture *f, const char *id)
{
	for (size_t i = 0; i < rk_school_n_person(f->school); i++)
		if (!strcmp(rk_school_get_person(f->school, i)->id, id))
			return (int)i;
	ck_abort_msg("no person %s", id);
	return -1;
}

/* An event of @kind on the Tuesday of period week @nth (1-based), from
 * @start for @minutes (-1: all day), with up to three people. */
static struct rk_event *add(struct fixture *f, enum rk_event_kind kind, int nth,
			    int start, int minutes, const char *a,
			    const char *b, const char *c)
{
	static int serial;
	struct rk_event *ev = rk_plan_add_event(f->plan);
	ck_assert_ptr_nonnull(ev);
	ev->id = rk_plan_printf(f->plan, "ev-%d", ++serial);
	ev->kind = kind;
	ev->date =
		rk_schoolyear_week(f->year, (size_t)f->weeks[nth - 1])->monday +
		1;
	ev->opens = ev->date;
	ev->start = start;
	ev->end = start >= 0 ? start + minutes : -1;
	ev->team = 0;
	ev->period = 1;
	ev->week_in_period = nth;
	ev->title = "test";
	const char *who[3] = { a, b, c };
	for (int i = 0; i < 3 && who[i]; i++) {
		enum rk_part_role role = RK_PART_ATTENDEE;
		if (kind == RK_EV_LB || kind == RK_EV_FB)
			role = i == 0 ? RK_PART_VISITOR : RK_PART_HOST;
		ck_assert_int_eq(
			rk_event_add_part(f->plan, ev, person(f, who[i]), role),
			0);
	}
	return ev;
}

static void bordsessie(struct fixture *f, int nth, unsigned carries)
{
	static const char *const ids[6] = {
		"T1", "T2", "T3", "T4", "T5", "T6"
	};
	struct rk_event *ev =
		add(f, RK_EV_BORDSESSIE, nth, 13 * 60, 30, NULL, NULL, NULL);
	ev->carries = carries;
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(rk_event_add_part(f->plan, ev,
						   person(f, ids[i]),
						   RK_PART_ATTENDEE),
				 0);
}

static void duo(struct fixture *f, const char *a, const char *b)
{
	struct rk_duo d = { 0, 1, person(f, a), person(f, b), -1, 0 };
	ck_assert_int_eq(rk_plan_add_duo(f->plan, d), RK_OK);
}

/* Period 1 (uitbouwen, 8 weeks from the week of 2026-09-07): GL in weeks
 * 1 and 5, LB in weeks 2 and 6, so two rounds of each. Bordsessies in six
 * of its weeks (the third carries the retrospectief). T1 and T2 hold every
 * GL, LB and FB; T3 and T4 one GL and an LB that found no place; T5 and T6
 * nothing but the bordsessies. */
static void build_with(struct fixture *f, bool bordsessies)
{
	f->diags = rk_diags_new();
	char *path = rk_test_path("tests/data/planner/one-moment.yaml");
	ck_assert_int_eq(rk_load_school(path, NULL, &f->school, f->diags),
			 RK_OK);
	free(path);
	ck_assert_int_eq(rk_schoolyear_new(f->school, &f->year, f->diags),
			 RK_OK);
	f->plan = rk_plan_new();
	const struct rk_day *start =
		rk_schoolyear_day(f->year, rk_date_from_ymd(2026, 9, 7));
	int n = 0;
	for (size_t w = (size_t)start->week; n < 8; w++)
		if (rk_schoolyear_week(f->year, w)->teaching)
			f->weeks[n++] = (int)w;
	struct rk_period p = { 1, "uitbouwen", f->weeks[0], f->weeks[7], 8, 0 };
	ck_assert_int_eq(rk_plan_add_period(f->plan, p), RK_OK);
	duo(f, "T1", "T2");
	duo(f, "T3", "T4");
	duo(f, "T5", "T6");
	for (int nth = 1; bordsessies && nth <= 6; nth++)
		bordsessie(f, nth, nth == 3 ? 1u << RK_EV_RETROSPECTIVE : 0);
	add(f, RK_EV_GL, 1, 15 * 60, 60, "T1", "T2", NULL);
	add(f, RK_EV_GL, 5, 15 * 60, 60, "T1", "T2", NULL);
	add(f, RK_EV_LB, 2, 9 * 60, 60, "T1", "T2", NULL);
	add(f, RK_EV_FB, 2, 16 * 60, 30, "T1", "T2", NULL);
	add(f, RK_EV_LB, 6, 9 * 60, 60, "T2", "T1", NULL);
	add(f, RK_EV_FB, 6, 16 * 60, 30, "T2", "T1", NULL);
	add(f, RK_EV_GL, 1, 15 * 60, 60, "T3", "T4", NULL);
	struct rk_event *ev = add(f, RK_EV_LB, 2, -1, 0, "T3", "T4", NULL);
	ev->violation = true;
	ev->violation_text = "no moment for this session in its week";
}

static void build(struct fixture *f)
{
	build_with(f, true);
}

static void release(struct fixture *f)
{
	rk_plan_free(f->plan);
	rk_schoolyear_free(f->year);
	rk_school_free(f->school);
	rk_diags_free(f->diags);
}

START_TEST(test_figures_by_hand)
{
	struct fixture f;
	build(&f);
	struct rk_quality *q;
	ck_assert_int_eq(rk_quality_new(f.school, f.year, f.plan, &q), RK_OK);
	ck_assert_uint_eq(q->n_teams, 1);
	const struct rk_quality_team *t = &q->teams[0];
	/* Per week with a bordsessie (6): T1 and T2 30 * 6 + 2 GL * 60 + one
	 * LB as visitor 60 (hosting is their own lesson) + 2 FB * 30 = 420
	 * minutes, 70 a week; T3 and T4 180 + 60 = 240, 40 a week; T5 and T6
	 * 180, 30 a week. The unplaced LB counts for nobody. */
	ck_assert_uint_eq(t->time.teachers, 6);
	ck_assert_double_eq_tol(t->time.average,
				(70 + 70 + 40 + 40 + 30 + 30) / 6.0, 1e-9);
	ck_assert_double_eq_tol(t->time.min, 30.0, 1e-9);
	ck_assert_double_eq_tol(t->time.max, 70.0, 1e-9);
	ck_assert_double_eq_tol(q->time.average, t->time.average, 1e-9);
	/* Everyone in a duo; only T1 and T2 met for both GL rounds and both
	 * LB and FB rounds. */
	ck_assert_uint_eq(t->member_periods, 6);
	ck_assert_uint_eq(t->in_duo, 6);
	ck_assert_uint_eq(t->duos_gl, 3);
	ck_assert_uint_eq(t->met_gl, 1);
	ck_assert_uint_eq(t->duos_lb, 3);
	ck_assert_uint_eq(t->met_lb, 1);
	ck_assert_uint_eq(t->bordsessie_weeks, 6);
	/* Expected: 3 duos * 2 rounds of GL, LB and FB; one leerlingarena,
	 * verdieping and retrospectief; one verbindingssessie a period. */
	ck_assert_uint_eq(q->expected[RK_EV_GL], 6);
	ck_assert_uint_eq(q->expected[RK_EV_LB], 6);
	ck_assert_uint_eq(q->expected[RK_EV_FB], 6);
	ck_assert_uint_eq(q->expected[RK_EV_LEERLINGARENA], 1);
	ck_assert_uint_eq(q->expected[RK_EV_VERDIEPING], 1);
	ck_assert_uint_eq(q->expected[RK_EV_RETROSPECTIVE], 1);
	ck_assert_uint_eq(q->expected[RK_EV_VERBINDING], 1);
	ck_assert_uint_eq(q->planned[RK_EV_GL], 3);
	ck_assert_uint_eq(q->planned[RK_EV_LB], 2);
	ck_assert_uint_eq(q->planned[RK_EV_FB], 2);
	ck_assert_uint_eq(q->planned[RK_EV_BORDSESSIE], 6);
	ck_assert_uint_eq(q->planned[RK_EV_RETROSPECTIVE], 0);
	ck_assert_uint_eq(q->in_bordsessie[RK_EV_RETROSPECTIVE], 1);
	ck_assert_uint_eq(q->violations, 1);
	/* No bound was computed for a plan made by hand. */
	ck_assert_double_eq(rk_quality_gap(f.plan), -1.0);
	struct rk_plan_bound b = { true, 110.0, 100.0, 4 };
	rk_plan_set_bound(f.plan, b);
	ck_assert_double_eq_tol(rk_quality_gap(f.plan), 10.0, 1e-9);
	rk_quality_free(q);
	release(&f);
}
END_TEST

/* A lesbezoek with a cover person (PO: someone takes the visitor's group)
 * is the duo's all the same: T5 and T6 with both rounds of LB and FB, each
 * LB with SL covering, met for LB and FB. */
START_TEST(test_cover_in_lesbezoek)
{
	struct fixture f;
	build(&f);
	for (int nth = 2; nth <= 6; nth += 4) {
		struct rk_event *ev = add(&f, RK_EV_LB, nth, 10 * 60, 60,
					  nth == 2 ? "T5" : "T6",
					  nth == 2 ? "T6" : "T5", NULL);
		ck_assert_int_eq(rk_event_add_part(f.plan, ev, person(&f, "SL"),
						   RK_PART_COVER),
				 0);
		add(&f, RK_EV_FB, nth, 16 * 60 + 30, 30, "T5", "T6", NULL);
	}
	struct rk_quality *q;
	ck_assert_int_eq(rk_quality_new(f.school, f.year, f.plan, &q), RK_OK);
	ck_assert_uint_eq(q->teams[0].duos_lb, 3);
	ck_assert_uint_eq(q->teams[0].met_lb, 2);
	ck_assert_uint_eq(q->planned[RK_EV_LB], 4);
	rk_quality_free(q);
	release(&f);
}
END_TEST

/* A team the planner gave no bordsessie at all (--allow-violations, its
 * windows leave no room) is still expected to meet every week from its
 * start, and its duos to meet: "Bordsessies 0 van 0 teamweken (100.0%)"
 * and no bordsessie row among the sessions hid that nothing was planned. */
START_TEST(test_team_without_bordsessie)
{
	struct fixture f;
	build(&f);
	struct rk_quality *q;
	ck_assert_int_eq(rk_quality_new(f.school, f.year, f.plan, &q), RK_OK);
	size_t weeks = q->teams[0].session_weeks;
	ck_assert_uint_gt(weeks, 8);
	rk_quality_free(q);
	release(&f);
	build_with(&f, false);
	ck_assert_int_eq(rk_quality_new(f.school, f.year, f.plan, &q), RK_OK);
	const struct rk_quality_team *t = &q->teams[0];
	ck_assert_uint_eq(t->bordsessie_weeks, 0);
	ck_assert_uint_eq(t->session_weeks, weeks);
	ck_assert_uint_eq(q->expected[RK_EV_BORDSESSIE], weeks);
	ck_assert_uint_eq(q->planned[RK_EV_BORDSESSIE], 0);
	ck_assert_uint_eq(t->member_periods, 6);
	ck_assert_uint_eq(t->duos_gl, 3);
	ck_assert_uint_eq(t->met_gl, 1);
	ck_assert_uint_eq(q->expected[RK_EV_GL], 6);
	rk_quality_free(q);
	release(&f);
}
END_TEST

/* What rk_plan_quality_write writes for @f (the caller frees it). */
static char *quality_text(const struct fixture *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(
		rk_plan_quality_write(out, f->school, f->year, f->plan), RK_OK);
	fclose(out);
	return text;
}

/* The same figures in words, as summary.txt and --stats print them. */
START_TEST(test_figures_written)
{
	struct fixture f;
	build(&f);
	struct rk_plan_bound b = { true, 110.0, 100.0, 4 };
	rk_plan_set_bound(f.plan, b);
	char *text = quality_text(&f);
	ck_assert_ptr_nonnull(strstr(
		text,
		"  Optimaliteit  optimaal per model; het geheel binnen 10.00% van de grens\n"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"gemiddeld 47 min,\n"
		"                laagste 30 min, hoogste 1 u 10 min (6 leraren;"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"voor GL: 33.3% (1 van 3), voor LB en FB: 33.3% (1 van 3)\n"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"                lesbezoek                       6        2\n"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"                retrospectief                   1        0              1\n"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"  Overtredingen 1 afspraak gemarkeerd als in strijd met een harde regel\n"));
	/* Never a sentence that reads as if the whole plan were optimal. */
	ck_assert_ptr_null(strstr(text, "het geheel optimaal"));
	free(text);
	release(&f);
}
END_TEST

/* The character column (not byte) at which @at stands in its line. */
static int column_of(const char *line, const char *at)
{
	int col = 0;
	for (const char *c = line; c < at; c++)
		col += ((unsigned char)*c & 0xc0) != 0x80;
	return col;
}

/* A team id with letters of two bytes in UTF-8, longer than the column's
 * least width: its row's figures stand under their heading, counted in
 * characters as a reader sees them (bytes would pad it two short). */
START_TEST(test_team_column_utf8)
{
	struct fixture f;
	build(&f);
	struct rk_team *team =
		(struct rk_team *)rk_school_get_team(f.school, 0);
	team->id = rk_school_strdup(f.school, "Onderbouw Één Zes");
	ck_assert_ptr_nonnull(team->id);
	char *text = quality_text(&f);
	const char *head = strstr(text, "  Per team      team");
	ck_assert_ptr_nonnull(head);
	const char *heading = strstr(head, "min/wk (bereik)");
	const char *row = strstr(head, "\n                Onderbouw Één Zes ");
	ck_assert_ptr_nonnull(heading);
	ck_assert_ptr_nonnull(row);
	row++;
	const char *figure = row + strlen("                Onderbouw Één Zes ");
	ck_assert_int_eq(column_of(row, figure), column_of(head, heading));
	ck_assert_int_eq(column_of(row, figure), 16 + 17 + 1);
	free(text);
	release(&f);
}
END_TEST

Suite *suite_quality(void)
{
	Suite *s = suite_create("quality");
	TCase *tc = tcase_create("by hand");
	tcase_add_test(tc, test_figures_by_hand);
	tcase_add_test(tc, test_cover_in_lesbezoek);
	tcase_add_test(tc, test_team_without_bordsessie);
	tcase_add_test(tc, test_figures_written);
	tcase_add_test(tc, test_team_column_utf8);
	suite_add_tcase(s, tc);
	return s;
}
