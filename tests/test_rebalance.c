/* Rebalancing on the small planner schools (tests/data/planner), cases with
 * a known minimal perturbation. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "date.h"
#include "loader.h"
#include "rebalance.h"
#include "suites.h"
#include "testutil.h"
#include "verify.h"

/* The school of tests/data/planner/@name and the year as first planned. */
static struct rk_test_planned plan_school(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/planner/%s", name);
	struct rk_test_planned w = rk_test_plan(rel, NULL);
	ck_assert_int_eq(w.status, RK_OK);
	return w;
}

static int who(const struct rk_test_planned *w, const char *id)
{
	int p = rk_school_find_person(w->school, id);
	ck_assert_int_ge(p, 0);
	return p;
}

static const struct rk_event *find(const struct rk_plan *plan, const char *id)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++)
		if (!strcmp(rk_plan_event(plan, i)->id, id))
			return rk_plan_event(plan, i);
	return NULL;
}

/* @w's plan rebalanced for @id away from @from until @until (INT_MAX:
 * for good); the new plan, with its perturbation in @pt. */
static struct rk_plan *rebalance_away(struct rk_test_planned *w, const char *id,
				      int from, int until,
				      struct rk_perturbation *pt)
{
	struct rk_absence away = { who(w, id), until };
	struct rk_rebalance_request req = { .from = from,
					    .absences = &away,
					    .n_absences = 1 };
	struct rk_plan *next = NULL;
	ck_assert_int_eq(rk_rebalance(w->school, w->year, w->plan, &req, NULL,
				      &next, pt, w->diags),
			 RK_OK);
	return next;
}

/* What @changes tell @person, or NULL when nothing. */
static const char *text_of(const struct rk_changes *changes, int person)
{
	for (size_t i = 0; i < rk_changes_count(changes); i++)
		if (rk_changes_person(changes, i) == person)
			return rk_changes_text(changes, i);
	return NULL;
}

/* Every event before @from is in @next exactly as in @old, and nothing
 * new appeared before it. */
static void assert_past_frozen(const struct rk_plan *old,
			       const struct rk_plan *next, int from)
{
	size_t before = 0;
	for (size_t i = 0; i < rk_plan_n_events(old); i++) {
		const struct rk_event *a = rk_plan_event(old, i);
		if (a->date >= from)
			continue;
		before++;
		const struct rk_event *b = find(next, a->id);
		ck_assert_msg(b != NULL, "%s is gone", a->id);
		ck_assert_int_eq(a->date, b->date);
		ck_assert_int_eq(a->start, b->start);
		ck_assert_int_eq(a->end, b->end);
		ck_assert_uint_eq(a->n_parts, b->n_parts);
		ck_assert(!memcmp(a->parts, b->parts,
				  a->n_parts * sizeof(*a->parts)));
		ck_assert_str_eq(a->title, b->title);
	}
	size_t after = 0;
	for (size_t i = 0; i < rk_plan_n_events(next); i++)
		after += rk_plan_event(next, i)->date < from;
	ck_assert_uint_eq(before, after);
	ck_assert_uint_gt(before, 5);
}

static void assert_verified(const struct rk_test_planned *w,
			    const struct rk_plan *plan)
{
	struct rk_diags *d = rk_diags_new();
	enum rk_status status =
		rk_verify(w->school, w->year, plan, "plan.tsv", d);
	char *text = rk_test_diags_text(d);
	ck_assert_msg(status == RK_OK, "verify: %.2000s", text);
	free(text);
	rk_diags_free(d);
}

/* A teacher of a team of three duos leaves for good: their partner joins
 * another duo as a trio, and nobody else loses a partner; so in each later
 * period does the one who would have been their partner then (T3, T4,
 * T6): four people in all get another duo partner. */
START_TEST(test_leave_for_good)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 1, 11);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T2", from, INT_MAX, &pt);
	int gone = who(&w, "T2");
	ck_assert_int_eq(pt.partners_changed, 4);
	ck_assert_int_eq(pt.moments_changed, 0);
	assert_past_frozen(w.plan, next, from);
	/* T2 has nothing from the date on; the team's period 2 is a duo and a
	 * trio. */
	for (size_t i = 0; i < rk_plan_n_events(next); i++) {
		const struct rk_event *ev = rk_plan_event(next, i);
		for (size_t k = 0; ev->date >= from && k < ev->n_parts; k++)
			ck_assert_int_ne(ev->parts[k].person, gone);
	}
	int units = 0, trios = 0;
	for (size_t i = 0; i < rk_plan_n_duos(next); i++) {
		const struct rk_duo *d = rk_plan_duo(next, i);
		if (d->period != 2)
			continue;
		units++;
		trios += d->c >= 0;
	}
	ck_assert_int_eq(units, 2);
	ck_assert_int_eq(trios, 1);
	assert_verified(&w, next);
	/* The one who lost Bram de Boer (T2) is told, in Dutch. */
	struct rk_changes *changes = NULL;
	ck_assert_int_eq(
		rk_changes_describe(w.school, w.plan, next, from, &changes),
		RK_OK);
	int told = 0;
	for (size_t i = 0; i < rk_changes_count(changes); i++) {
		const char *text = rk_changes_text(changes, i);
		if (strstr(text, "in plaats van Bram de Boer")) {
			told++;
			ck_assert_msg(
				strstr(text,
				       "Vanaf maandag 11 januari zijn ") ==
					text,
				"%s", text);
			ck_assert_ptr_nonnull(strstr(
				text,
				" je duo-partners in plaats van Bram de Boer"));
		}
	}
	ck_assert_int_eq(told, 1);
	rk_changes_free(changes);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* A teacher ill for two weeks: only events in those weeks change; every
 * later event stays where it was, and nobody changes partner. */
START_TEST(test_ill_two_weeks)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 1, 11);
	int until = from + 13;
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T3", from, until, &pt);
	ck_assert_int_eq(pt.partners_changed, 0);
	assert_past_frozen(w.plan, next, from);
	size_t changed_in_window = 0;
	for (size_t i = 0; i < rk_plan_n_events(w.plan); i++) {
		const struct rk_event *a = rk_plan_event(w.plan, i);
		const struct rk_event *b = find(next, a->id);
		bool same = b && a->date == b->date && a->start == b->start &&
			    a->n_parts == b->n_parts;
		if (a->date > until)
			ck_assert_msg(same, "%s changed after the absence",
				      a->id);
		else if (a->date >= from && !same)
			changed_in_window++;
	}
	ck_assert_uint_gt(changed_in_window, 0);
	ck_assert_int_eq(pt.moments_changed, 0);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* A teacher leaves in the last week of a period whose duos have held every
 * gezamenlijk lesontwerp, lesbezoek and feedbackgesprek already: the
 * period's duos stay, nothing new is crammed into its last week (it used
 * to make a trio that could not meet: exit 3), and the later periods go
 * on without them. */
START_TEST(test_leave_after_cycle_held)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 2, 8); /* period 2's last week */
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T2", from, INT_MAX, &pt);
	int gone = who(&w, "T2");
	assert_past_frozen(w.plan, next, from);
	size_t old_duos = 0, new_duos = 0;
	for (size_t i = 0; i < rk_plan_n_duos(w.plan); i++) {
		const struct rk_duo *d = rk_plan_duo(w.plan, i);
		if (d->period != 2)
			continue;
		old_duos++;
		bool kept = false;
		for (size_t k = 0; k < rk_plan_n_duos(next); k++) {
			const struct rk_duo *n = rk_plan_duo(next, k);
			kept |= n->period == 2 && n->a == d->a &&
				n->b == d->b && n->c == d->c;
		}
		ck_assert_msg(kept, "a duo of period 2 was broken up");
	}
	for (size_t i = 0; i < rk_plan_n_duos(next); i++)
		new_duos += rk_plan_duo(next, i)->period == 2;
	ck_assert_uint_eq(old_duos, new_duos);
	for (size_t i = 0; i < rk_plan_n_events(next); i++) {
		const struct rk_event *ev = rk_plan_event(next, i);
		ck_assert_msg(!(ev->date >= from && ev->period == 2 &&
				(ev->kind == RK_EV_GL || ev->kind == RK_EV_LB ||
				 ev->kind == RK_EV_FB)),
			      "%s planned in the period's last week", ev->id);
		for (size_t k = 0; ev->date >= from && k < ev->n_parts; k++)
			ck_assert_int_ne(ev->parts[k].person, gone);
	}
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* A teacher who leaves in the first week of the first period, before
 * their team's first bordsessie, has no weekly session in the plan at all:
 * verify still sees that they left and does not ask that they be invited
 * to the verbindingssessies (it did: exit 3, "not invited"). */
START_TEST(test_leave_before_first_bordsessie)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2026, 10, 12); /* bordsessie on the 13th */
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T2", from, INT_MAX, &pt);
	int gone = who(&w, "T2");
	for (size_t i = 0; i < rk_plan_n_events(next); i++) {
		const struct rk_event *ev = rk_plan_event(next, i);
		for (size_t k = 0; k < ev->n_parts; k++)
			ck_assert_msg(ev->kind != RK_EV_BORDSESSIE ||
					      ev->parts[k].person != gone,
				      "T2 has a bordsessie");
	}
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* The people who get another duo partner in any period from the date
 * on, each once: the report's "N een andere duo-partner" and the
 * objective GLPK minimised, which weighs every period. */
static int partners_lost(const struct rk_test_planned *w,
			 const struct rk_plan *next, int left)
{
	size_t n = rk_school_n_person(w->school);
	bool *lost = calloc(n + 1, sizeof(*lost));
	ck_assert_ptr_nonnull(lost);
	for (size_t i = 0; i < rk_plan_n_duos(w->plan); i++) {
		const struct rk_duo *d = rk_plan_duo(w->plan, i);
		int m[3] = { d->a, d->b, d->c };
		for (int x = 0; x < 3; x++) {
			if (m[x] < 0 || m[x] == left)
				continue;
			const struct rk_duo *now = NULL;
			for (size_t k = 0; k < rk_plan_n_duos(next) && !now;
			     k++) {
				const struct rk_duo *e = rk_plan_duo(next, k);
				if (e->period == d->period &&
				    (e->a == m[x] || e->b == m[x] ||
				     e->c == m[x]))
					now = e;
			}
			for (int y = 0; now && y < 3; y++)
				if (m[y] >= 0 && y != x && now->a != m[y] &&
				    now->b != m[y] && now->c != m[y])
					lost[m[x]] = true;
		}
	}
	int count = 0;
	for (size_t p = 0; p < n; p++)
		count += lost[p];
	free(lost);
	return count;
}

/* T2 leaves in period 2 of a team of six: in every later period one of the
 * others had T2 as partner and now has two others. The report counted
 * period 2 alone (1). */
START_TEST(test_partners_counted_in_every_period)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 1, 11);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T2", from, INT_MAX, &pt);
	int gone = who(&w, "T2");
	int lost = partners_lost(&w, next, gone);
	ck_assert_int_ge(lost, 2);
	ck_assert_int_eq(pt.partners_changed, lost);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* The report's counts say what happened: an event at its old time that
 * only lost the person who left was not moved ("verplaatst" is another
 * time); it is counted apart. */
START_TEST(test_counts_moves_apart_from_people)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 1, 11);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "T2", from, INT_MAX, &pt);
	int moved = 0, people = 0, kept = 0;
	for (size_t i = 0; i < rk_plan_n_events(w.plan); i++) {
		const struct rk_event *a = rk_plan_event(w.plan, i);
		const struct rk_event *b = find(next, a->id);
		if (!b || (a->date < from && b->date < from))
			continue;
		bool same_time = a->date == b->date && a->start == b->start &&
				 a->end == b->end;
		bool same_people = a->n_parts == b->n_parts &&
				   !memcmp(a->parts, b->parts,
					   a->n_parts * sizeof(*a->parts));
		moved += !same_time;
		people += same_time && !same_people;
		kept += same_time && same_people;
	}
	ck_assert_int_gt(people, 0); /* T2's bordsessies, without T2 */
	ck_assert_int_eq(pt.events_moved, moved);
	ck_assert_int_eq(pt.events_regrouped, people);
	ck_assert_int_eq(pt.events_kept, kept);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

static bool together(const struct rk_duo *d, int a, int b)
{
	bool has_a = d->a == a || d->b == a || d->c == a;
	bool has_b = d->a == b || d->b == b || d->c == b;
	return has_a && has_b;
}

/* An odd team (a duo and a trio) is told to split its duo: the two go to
 * different units and the team still has exactly one trio. */
START_TEST(test_split_forces_new_trio)
{
	struct rk_test_planned w = plan_school("odd-team.yaml");
	const struct rk_duo *duo = NULL;
	for (size_t i = 0; i < rk_plan_n_duos(w.plan) && !duo; i++)
		if (rk_plan_duo(w.plan, i)->period == 1 &&
		    rk_plan_duo(w.plan, i)->c < 0)
			duo = rk_plan_duo(w.plan, i);
	ck_assert_ptr_nonnull(duo);
	struct rk_pair split = { duo->a, duo->b };
	int from = rk_date_from_ymd(2026, 10, 26);
	struct rk_rebalance_request req = { .from = from,
					    .splits = &split,
					    .n_splits = 1 };
	struct rk_plan *next = NULL;
	struct rk_perturbation pt;
	ck_assert_int_eq(rk_rebalance(w.school, w.year, w.plan, &req, NULL,
				      &next, &pt, w.diags),
			 RK_OK);
	int units = 0, trios = 0;
	for (size_t i = 0; i < rk_plan_n_duos(next); i++) {
		const struct rk_duo *d = rk_plan_duo(next, i);
		if (d->period != 1)
			continue;
		units++;
		trios += d->c >= 0;
		ck_assert(!together(d, split.a, split.b));
	}
	ck_assert_int_eq(units, 2);
	ck_assert_int_eq(trios, 1);
	/* Both of the split duo lose their partner; in the old trio one
	 * person leaves the other two, who keep each other. */
	ck_assert_int_ge(pt.partners_changed, 2);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

START_TEST(test_keep_and_split_conflict)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	struct rk_pair pair = { who(&w, "T1"), who(&w, "T2") };
	struct rk_rebalance_request req = {
		.from = rk_date_from_ymd(2026, 10, 26),
		.splits = &pair,
		.n_splits = 1,
		.keeps = &pair,
		.n_keeps = 1,
	};
	struct rk_plan *next = NULL;
	struct rk_perturbation pt;
	struct rk_diags *d = rk_diags_new();
	ck_assert_int_eq(rk_rebalance(w.school, w.year, w.plan, &req, NULL,
				      &next, &pt, d),
			 RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(next);
	char *text = rk_test_diags_text(d);
	ck_assert_str_eq(
		text,
		"error: Team Alpha, period 1: the duos to keep and to split cannot all be honoured\n");
	free(text);
	rk_diags_free(d);
	rk_test_planned_free(&w);
}
END_TEST

/* Nothing asked, nothing changes. */
START_TEST(test_no_change_is_no_change)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	struct rk_rebalance_request req = { .from = rk_date_from_ymd(2027, 1,
								     11) };
	struct rk_plan *next = NULL;
	struct rk_perturbation pt;
	ck_assert_int_eq(rk_rebalance(w.school, w.year, w.plan, &req, NULL,
				      &next, &pt, w.diags),
			 RK_OK);
	ck_assert_int_eq(pt.partners_changed, 0);
	ck_assert_int_eq(pt.events_moved, 0);
	ck_assert_int_eq(pt.events_cancelled, 0);
	ck_assert_int_eq(pt.events_new, 0);
	ck_assert_int_gt(pt.events_kept, 50);
	ck_assert_uint_eq(rk_plan_n_events(next), rk_plan_n_events(w.plan));
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* A --split of a duo whose period has had every lesbezoek already would
 * change nothing (the duos of a held cycle stay): refused, saying why,
 * like a --split of people who are no duo. */
START_TEST(test_split_after_cycle_held_refused)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	struct rk_pair pair = { who(&w, "T1"), who(&w, "T3") };
	struct rk_rebalance_request req = {
		.from = rk_date_from_ymd(2027, 2, 8), /* period 2's last week */
		.splits = &pair,
		.n_splits = 1
	};
	size_t before = rk_diags_errors(w.diags);
	ck_assert_int_eq(
		rk_rebalance_check(w.school, w.year, w.plan, &req, w.diags),
		RK_ERR_ARG);
	ck_assert_uint_eq(rk_diags_errors(w.diags), before + 1);
	const struct rk_diag *d =
		rk_diags_get(w.diags, rk_diags_count(w.diags) - 1);
	ck_assert_str_eq(
		d->message,
		"--split: Anna Bakker and Cas Visser have had every lesbezoek of period 2 before 2027-02-08: nothing to split");
	/* The same pair in period 2's first weeks is split as asked. */
	req.from = rk_date_from_ymd(2026, 12, 14);
	ck_assert_int_eq(
		rk_rebalance_check(w.school, w.year, w.plan, &req, w.diags),
		RK_OK);
	rk_test_planned_free(&w);
}
END_TEST

/* The leerKRACHT-team runs rebalance on Wednesday for a teacher who left
 * on Monday: Monday and Tuesday have been. A new lesbezoek planned there
 * would sit in the past of everyone's calendar, never seen, and count as
 * held; so a --from before the day the request is made is refused. */
START_TEST(test_from_before_today_refused)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	struct rk_absence away = { who(&w, "T2"), INT_MAX };
	struct rk_rebalance_request req = {
		.from = rk_date_from_ymd(2027, 1, 11),
		.today = rk_date_from_ymd(2027, 1, 13),
		.absences = &away,
		.n_absences = 1
	};
	size_t before = rk_diags_errors(w.diags);
	ck_assert_int_eq(
		rk_rebalance_check(w.school, w.year, w.plan, &req, w.diags),
		RK_ERR_ARG);
	ck_assert_uint_eq(rk_diags_errors(w.diags), before + 1);
	const struct rk_diag *d =
		rk_diags_get(w.diags, rk_diags_count(w.diags) - 1);
	ck_assert_str_eq(
		d->message,
		"--from 2027-01-11 is before today (2027-01-13): what was planned then has been or not; give today or a later date");
	/* From today on it is fine; so is a request that knows no today. */
	req.from = req.today;
	ck_assert_int_eq(
		rk_rebalance_check(w.school, w.year, w.plan, &req, w.diags),
		RK_OK);
	req.from = rk_date_from_ymd(2027, 1, 11);
	req.today = 0;
	ck_assert_int_eq(
		rk_rebalance_check(w.school, w.year, w.plan, &req, w.diags),
		RK_OK);
	rk_test_planned_free(&w);
}
END_TEST

/* A --join into a team that already has more than ten members is
 * refused, naming the team, whatever the plan holds. */
START_TEST(test_join_full_team_refused)
{
	char *path = rk_test_path("tests/data/cover/team40.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(school, &year, diags), RK_OK);
	struct rk_plan *prev = rk_plan_new();
	struct rk_join join = { rk_school_find_person(school, "T40"),
				rk_school_find_team(school, "groot") };
	struct rk_rebalance_request req = { .from = rk_date_from_ymd(2027, 2,
								     10),
					    .joins = &join,
					    .n_joins = 1 };
	size_t before = rk_diags_errors(diags);
	ck_assert_int_eq(rk_rebalance_check(school, year, prev, &req, diags),
			 RK_ERR_ARG);
	ck_assert_uint_eq(rk_diags_errors(diags), before + 1);
	const struct rk_diag *d =
		rk_diags_get(diags, rk_diags_count(diags) - 1);
	ck_assert_str_eq(
		d->message,
		"--team groot is full: with Leraar 40 it would have 40 members (a lerarenteam has 5 to 10)");
	rk_plan_free(prev);
	rk_schoolyear_free(year);
	rk_school_free(school);
	rk_diags_free(diags);
	free(path);
}
END_TEST

struct week_of {
	int person;
	int monday;	  /* the week the person is away; -1: none */
	const char *drop; /* this event goes in any case */
};

/* Keeps what verify should see: @drop gone, and in the week away every
 * session of the person's gone (their place in the bordsessie too). */
static bool keep_present(const struct rk_event *ev, void *data)
{
	const struct week_of *w = data;
	if (!strcmp(ev->id, w->drop))
		return false;
	if (w->monday < 0 || ev->date < w->monday || ev->date >= w->monday + 7)
		return true;
	struct rk_event *e = (struct rk_event *)ev;
	size_t k = 0;
	for (size_t i = 0; i < e->n_parts; i++)
		if (e->parts[i].person != w->person)
			e->parts[k++] = e->parts[i];
	bool had = k < e->n_parts;
	e->n_parts = k;
	return !had || ev->kind == RK_EV_BORDSESSIE || ev->kind == RK_EV_LKTEAM;
}

/* The referee on a lesontwerp that lapsed in an illness: a duo member
 * absent in a week their team met (no event of theirs, and the bordsessie
 * on a day they work held without them) may lack a round of it; one who
 * was there may not, nor may their team's other duos. */
START_TEST(test_verify_gl_lapsed_in_illness)
{
	for (int ill = 0; ill < 2; ill++) {
		struct rk_test_planned w = plan_school("one-moment.yaml");
		int t1 = who(&w, "T1");
		const struct rk_event *gl = NULL;
		for (size_t i = 0; !gl && i < rk_plan_n_events(w.plan); i++) {
			const struct rk_event *ev = rk_plan_event(w.plan, i);
			for (size_t j = 0; ev->kind == RK_EV_GL &&
					   ev->period == 2 && j < ev->n_parts;
			     j++)
				if (ev->parts[j].person == t1)
					gl = ev;
		}
		ck_assert_ptr_nonnull(gl);
		char id[256];
		snprintf(id, sizeof(id), "%s", gl->id);
		struct week_of week = { t1, ill ? rk_date_monday(gl->date) : -1,
					id };
		rk_plan_filter(w.plan, keep_present, &week);
		struct rk_diags *d = rk_diags_new();
		enum rk_status status =
			rk_verify(w.school, w.year, w.plan, "plan.tsv", d);
		char *text = rk_test_diags_text(d);
		if (ill)
			ck_assert_msg(status == RK_OK, "%s", text);
		else
			ck_assert_msg(
				status == RK_ERR_INPUT &&
					strstr(text,
					       "'T1' (Anna Bakker) has 1 gezamenlijk lesontwerp, but the period has 2 round(s) of it"),
				"%s", text);
		free(text);
		rk_diags_free(d);
		rk_test_planned_free(&w);
	}
}
END_TEST

/* T1 ill from 10 to 19 May in the studiedag school: the second lesontwerp
 * of period 4 belongs to the week of Koningsdag (the 27th, before the
 * date), and every duo's had slipped to Tuesday 11 May. The duos nobody
 * is ill in keep theirs where it was; T1's lapses. The re-planned year
 * passes verify (it broke rule 13 for the two other duos before). */
START_TEST(test_slipped_lesontwerp_carries_over)
{
	struct rk_test_planned w = plan_school("studiedag.yaml");
	int from = rk_date_from_ymd(2027, 5, 10);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(
		&w, "T1", from, rk_date_from_ymd(2027, 5, 19), &pt);
	static const char *const kept[] = {
		"studiedag-gezamenlijk-lesontwerp-alpha-p4-r2-T2-T4",
		"studiedag-gezamenlijk-lesontwerp-alpha-p4-r2-T3-T6",
	};
	for (size_t i = 0; i < 2; i++) {
		const struct rk_event *a = find(w.plan, kept[i]);
		const struct rk_event *b = find(next, kept[i]);
		ck_assert_msg(a && b, "%s", kept[i]);
		ck_assert_int_eq(a->date, rk_date_from_ymd(2027, 5, 11));
		ck_assert_int_eq(b->date, a->date);
		ck_assert_int_eq(b->start, a->start);
	}
	ck_assert_ptr_null(find(
		next, "studiedag-gezamenlijk-lesontwerp-alpha-p4-r2-T1-T5"));
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* T1 ill from 28 June to 7 July: period 5's second round of lesbezoeken
 * falls in the illness. The duo step took that for a duo that cannot
 * visit and, finding no other split, refused the rebalance (exit 3); the
 * round lapses instead, the duos stay, and the plan verifies. */
START_TEST(test_ill_in_last_round)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	int from = rk_date_from_ymd(2027, 6, 28);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(
		&w, "T1", from, rk_date_from_ymd(2027, 7, 7), &pt);
	ck_assert_int_eq(pt.partners_changed, 0);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* T1, ill from 1 to 10 February, leaves for good on the 3rd: the
 * earlier illness (an absence of the plan) and the leave are both kept.
 * The illness used to replace the leave in the planner's table of
 * absences, so T1 was planned again from the 11th and verify refused
 * the plan (rule 17). */
START_TEST(test_leave_during_recorded_illness)
{
	struct rk_test_planned w = plan_school("one-moment.yaml");
	struct rk_perturbation pt;
	struct rk_plan *ill =
		rebalance_away(&w, "T1", rk_date_from_ymd(2027, 2, 1),
			       rk_date_from_ymd(2027, 2, 10), &pt);
	int from = rk_date_from_ymd(2027, 2, 3);
	struct rk_absence away = { who(&w, "T1"), INT_MAX };
	struct rk_rebalance_request req = { .from = from,
					    .absences = &away,
					    .n_absences = 1 };
	struct rk_plan *next = NULL;
	ck_assert_int_eq(rk_rebalance(w.school, w.year, ill, &req, NULL, &next,
				      &pt, w.diags),
			 RK_OK);
	ck_assert_uint_eq(rk_plan_n_absences(next), 2);
	for (size_t i = 0; i < rk_plan_n_events(next); i++) {
		const struct rk_event *ev = rk_plan_event(next, i);
		for (size_t j = 0; ev->date >= from &&
				   ev->kind != RK_EV_METING && j < ev->n_parts;
		     j++)
			ck_assert_msg(ev->parts[j].person != away.person, "%s",
				      ev->id);
	}
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_plan_free(ill);
	rk_test_planned_free(&w);
}
END_TEST

/* T1 ill for the week after Pinksteren: the leerKRACHT-team's session of
 * that week (moved to Tuesday by Whit Monday) moves an hour for SL alone.
 * One session moved is told as moved, not as a new moment "voortaan":
 * the team's moment stays Monday. */
START_TEST(test_changes_single_weekly_move)
{
	struct rk_test_planned w = plan_school("studiedag.yaml");
	int from = rk_date_from_ymd(2027, 5, 10);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(
		&w, "T1", from, rk_date_from_ymd(2027, 5, 19), &pt);
	ck_assert_int_eq(pt.moments_changed, 0);
	struct rk_changes *ch = NULL;
	ck_assert_int_eq(rk_changes_describe(w.school, w.plan, next, from, &ch),
			 RK_OK);
	const char *sl = text_of(ch, who(&w, "SL"));
	ck_assert_ptr_nonnull(sl);
	ck_assert_msg(
		strstr(sl,
		       "Je bordsessie is verplaatst van di 18 mei 2e uur naar di 18 mei 1e uur") &&
			!strstr(sl, "voortaan"),
		"%s", sl);
	rk_changes_free(ch);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* Eva joins Team Alpha on Tuesday 9 February. She teaches all Monday,
 * so the team's moment moves from Monday to later in the week; that
 * week's bordsessie was held on Monday 8 February, before the date: the
 * week gets no second one at the new moment (verify: one a week), and
 * the new moment starts the week after. */
START_TEST(test_join_moves_moment_later_in_week)
{
	struct rk_test_planned w = plan_school("join-moment.yaml");
	int from = rk_date_from_ymd(2027, 2, 9);
	/* As cmd_rebalance.c does: the school file as it will be. */
	struct rk_join join = { who(&w, "T5"),
				rk_school_find_team(w.school, "alpha") };
	ck_assert_int_eq(
		rk_school_move_person(w.school, join.person, join.team), RK_OK);
	struct rk_rebalance_request req = { .from = from,
					    .joins = &join,
					    .n_joins = 1 };
	struct rk_plan *next = NULL;
	struct rk_perturbation pt;
	ck_assert_int_eq(rk_rebalance(w.school, w.year, w.plan, &req, NULL,
				      &next, &pt, w.diags),
			 RK_OK);
	ck_assert_int_eq(pt.moments_changed, 1);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	int monday = rk_date_from_ymd(2027, 2, 8), in_week = 0, first = -1;
	for (size_t i = 0; i < rk_plan_n_events(next); i++) {
		const struct rk_event *ev = rk_plan_event(next, i);
		if (ev->kind != RK_EV_BORDSESSIE)
			continue;
		if (ev->date >= monday && ev->date < monday + 7)
			in_week++;
		if (ev->date >= from && (first < 0 || ev->date < first))
			first = ev->date;
	}
	ck_assert_int_eq(in_week, 1);
	ck_assert_int_ge(first, monday + 7);
	/* A new moment is a new series: "voortaan". */
	struct rk_changes *ch = NULL;
	ck_assert_int_eq(rk_changes_describe(w.school, w.plan, next, from, &ch),
			 RK_OK);
	const char *t1 = text_of(ch, who(&w, "T1"));
	ck_assert_msg(
		t1 && strstr(t1,
			     "je bordsessie is voortaan op woensdag om 16:00 (voor het eerst wo 17 feb)"),
		"%s", t1 ? t1 : "(none)");
	rk_changes_free(ch);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* The PO example (examples/po-school) as first planned. */
static struct rk_test_planned plan_po(void)
{
	struct rk_test_planned w =
		rk_test_plan("examples/po-school/school.yaml", NULL);
	ck_assert_int_eq(w.status, RK_OK);
	return w;
}

/* Every lesbezoek of @plan on or after @from has its feedbackgesprek
 * (the same duo, period and round) on or after it. */
static void assert_lb_followed(const struct rk_plan *plan, int from)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *lb = rk_plan_event(plan, i);
		const char *kind = rk_event_kind_name(RK_EV_LB);
		const char *at = strstr(lb->id, kind);
		if (lb->kind != RK_EV_LB || lb->date < from || !at)
			continue;
		char id[512];
		snprintf(id, sizeof(id), "%.*s%s%s", (int)(at - lb->id), lb->id,
			 rk_event_kind_name(RK_EV_FB), at + strlen(kind));
		const struct rk_event *fb = find(plan, id);
		ck_assert_msg(fb && fb->date >= lb->date,
			      "%s has no %s after it", lb->id, id);
	}
}

/* AVI ill from 11 to 20 January 2027 in the PO example: the lesbezoek of
 * round 2 of duo AVI-PRA (Wednesday 13 January) could only slip to
 * Wednesday 27 January, the day of the verbindingssessie, with no
 * moment left for its feedbackgesprek before it. The session model
 * placed it there anyway and let the feedbackgesprek lapse as if the
 * illness excused it; verify refused the plan (rule 8) and the rebalance
 * exited 3. Now the two lapse together, as a session in an illness
 * does. */
START_TEST(test_lesbezoek_lapses_with_feedback)
{
	struct rk_test_planned w = plan_po();
	int from = rk_date_from_ymd(2027, 1, 11);
	ck_assert_ptr_nonnull(
		find(w.plan, "de-wadloper-lesbezoek-onderbouw-p2-r2-PRA-AVI"));
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(
		&w, "AVI", from, rk_date_from_ymd(2027, 1, 20), &pt);
	ck_assert_int_eq(pt.partners_changed, 0);
	ck_assert_ptr_null(
		find(next, "de-wadloper-lesbezoek-onderbouw-p2-r2-PRA-AVI"));
	ck_assert_ptr_null(find(
		next, "de-wadloper-feedbackgesprek-onderbouw-p2-r2-PRA-AVI"));
	assert_lb_followed(next, from);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* BDI ill from 7 to 16 June 2027 in the PO example: the lesbezoek of
 * round 1 of duo BDI-RJA belongs to the week before the date but had
 * slipped to Monday 7 June, into the illness. It was not kept (BDI is
 * away that day) and, its week lying before the date, not planned again
 * either: it vanished while round 2 went on, so verify took round 2's
 * lesbezoek for round 1's and refused the plan (rule 12, exit 3). Now it
 * is planned again after the illness, before round 2's lesbezoek, with
 * its feedbackgesprek. */
START_TEST(test_slipped_lesbezoek_replanned)
{
	struct rk_test_planned w = plan_po();
	int from = rk_date_from_ymd(2027, 6, 7);
	int until = rk_date_from_ymd(2027, 6, 16);
	static const char *const r1 =
		"de-wadloper-lesbezoek-bovenbouw-p5-r1-BDI-RJA";
	static const char *const r2 =
		"de-wadloper-lesbezoek-bovenbouw-p5-r2-RJA-BDI";
	const struct rk_event *old = find(w.plan, r1);
	ck_assert_ptr_nonnull(old);
	ck_assert_int_eq(old->date, from);
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "BDI", from, until, &pt);
	ck_assert_int_eq(pt.partners_changed, 0);
	const struct rk_event *lb1 = find(next, r1), *lb2 = find(next, r2);
	ck_assert_ptr_nonnull(lb1);
	ck_assert_ptr_nonnull(lb2);
	ck_assert_int_gt(lb1->date, until);
	ck_assert_int_lt(lb1->date, lb2->date);
	assert_lb_followed(next, from);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* BDI ill on Monday 7 June 2027 alone: the slipped lesbezoek of round 1
 * (that day) is planned again, and its feedbackgesprek (Tuesday 8 June,
 * with BDI back) goes with it. It used to carry over on its own: it
 * followed no lesbezoek (verify, rule 8) or, with the lesbezoek planned
 * again, came before it. */
START_TEST(test_feedback_follows_replanned_lesbezoek)
{
	struct rk_test_planned w = plan_po();
	int from = rk_date_from_ymd(2027, 6, 7);
	static const char *const lb_id =
		"de-wadloper-lesbezoek-bovenbouw-p5-r1-BDI-RJA";
	static const char *const fb_id =
		"de-wadloper-feedbackgesprek-bovenbouw-p5-r1-BDI-RJA";
	const struct rk_event *old = find(w.plan, fb_id);
	ck_assert_ptr_nonnull(old);
	ck_assert_int_eq(old->date, rk_date_from_ymd(2027, 6, 8));
	struct rk_perturbation pt;
	struct rk_plan *next = rebalance_away(&w, "BDI", from, from, &pt);
	const struct rk_event *lb = find(next, lb_id), *fb = find(next, fb_id);
	ck_assert_ptr_nonnull(lb);
	ck_assert_ptr_nonnull(fb);
	ck_assert_int_gt(lb->date, from);
	ck_assert(fb->date > lb->date ||
		  (fb->date == lb->date && fb->start >= lb->end));
	assert_lb_followed(next, from);
	assert_past_frozen(w.plan, next, from);
	assert_verified(&w, next);
	rk_plan_free(next);
	rk_test_planned_free(&w);
}
END_TEST

/* Whether @ev has @person among its people. */
static bool has_part(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return true;
	return false;
}

/* BDI ill from Monday 31 May 2027, for two days and for ten: the
 * leerlingarena of period 5 belongs to its first week (24 May) but had
 * slipped to Thursday 3 June. It was neither kept (it lies in a week
 * from the date on, or BDI is away that day) nor planned again (its week
 * lies before the date), so the team had none that period (verify,
 * rule 11; exit 3). Now it stays on 3 June, without BDI while ill. */
START_TEST(test_slipped_team_session_stays)
{
	static const char *const id = "de-wadloper-leerlingarena-bovenbouw-p5";
	int from = rk_date_from_ymd(2027, 5, 31);
	int until[2] = { rk_date_from_ymd(2027, 6, 1),
			 rk_date_from_ymd(2027, 6, 9) };
	for (int i = 0; i < 2; i++) {
		struct rk_test_planned w = plan_po();
		const struct rk_event *old = find(w.plan, id);
		ck_assert_ptr_nonnull(old);
		ck_assert_int_eq(old->date, rk_date_from_ymd(2027, 6, 3));
		struct rk_perturbation pt;
		struct rk_plan *next =
			rebalance_away(&w, "BDI", from, until[i], &pt);
		const struct rk_event *arena = find(next, id);
		ck_assert_ptr_nonnull(arena);
		ck_assert_int_eq(arena->date, old->date);
		ck_assert_int_eq(arena->start, old->start);
		ck_assert(has_part(arena, who(&w, "BDI")) ==
			  (until[i] < arena->date));
		assert_past_frozen(w.plan, next, from);
		assert_verified(&w, next);
		rk_plan_free(next);
		rk_test_planned_free(&w);
	}
}
END_TEST

/* The unit of team @team in period @period of @plan that has @person,
 * or NULL. */
static const struct rk_duo *unit_of(const struct rk_test_planned *w,
				    const struct rk_plan *plan,
				    const char *team, int period,
				    const char *person)
{
	int t = rk_school_find_team(w->school, team), p = who(w, person);
	for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		if (d->team == t && d->period == period &&
		    (d->a == p || d->b == p || d->c == p))
			return d;
	}
	return NULL;
}

/* EPO, MID, NSM or FWI away from Monday 10 to 19 May 2027, the last two
 * weeks of period 4, in the PO example. The trio BDI-GVE-RJA had made
 * round 1's visits and GVE's of round 2 (29 April) before the date; the
 * duo step judged every visit of both rounds on the two weeks left, where
 * GVE cannot visit BDI again, found the trio impossible and the rebalance
 * exited 3 ("Bart Dijkstra cannot visit a lesson of Gerrit Veenstra in
 * the weeks for lesbezoek"), for an absence of someone outside it. A
 * unit that stays counts the visits it has made; the session model
 * never plans them again either. */
START_TEST(test_trio_keeps_visits_made)
{
	static const char *const away[] = { "EPO", "MID", "NSM", "FWI" };
	static const char *const made =
		"de-wadloper-lesbezoek-bovenbouw-p4-r2-GVE-BDI";
	int from = rk_date_from_ymd(2027, 5, 10);
	int until = rk_date_from_ymd(2027, 5, 19);
	struct rk_test_planned w = plan_po();
	const struct rk_duo *old = unit_of(&w, w.plan, "bovenbouw", 4, "BDI");
	ck_assert_ptr_nonnull(old);
	ck_assert_int_ge(old->c, 0);
	const struct rk_event *lb = find(w.plan, made);
	ck_assert_ptr_nonnull(lb);
	ck_assert_int_lt(lb->date, from);
	for (size_t i = 0; i < sizeof(away) / sizeof(*away); i++) {
		struct rk_perturbation pt;
		struct rk_plan *next =
			rebalance_away(&w, away[i], from, until, &pt);
		ck_assert_int_eq(pt.partners_changed, 0);
		const struct rk_duo *d =
			unit_of(&w, next, "bovenbouw", 4, "BDI");
		ck_assert_ptr_nonnull(d);
		ck_assert_int_eq(d->a, old->a);
		ck_assert_int_eq(d->b, old->b);
		ck_assert_int_eq(d->c, old->c);
		ck_assert_ptr_nonnull(find(next, made));
		ck_assert_ptr_nonnull(find(
			next, "de-wadloper-lesbezoek-bovenbouw-p4-r2-RJA-GVE"));
		ck_assert_ptr_nonnull(find(
			next, "de-wadloper-lesbezoek-bovenbouw-p4-r2-BDI-RJA"));
		assert_lb_followed(next, from);
		assert_past_frozen(w.plan, next, from);
		assert_verified(&w, next);
		rk_plan_free(next);
	}
	rk_test_planned_free(&w);
}
END_TEST

Suite *suite_rebalance(void)
{
	Suite *s = suite_create("rebalance");
	TCase *tc = tcase_create("small schools");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_leave_for_good);
	tcase_add_test(tc, test_ill_two_weeks);
	tcase_add_test(tc, test_leave_after_cycle_held);
	tcase_add_test(tc, test_leave_before_first_bordsessie);
	tcase_add_test(tc, test_counts_moves_apart_from_people);
	tcase_add_test(tc, test_partners_counted_in_every_period);
	tcase_add_test(tc, test_split_after_cycle_held_refused);
	tcase_add_test(tc, test_from_before_today_refused);
	tcase_add_test(tc, test_join_moves_moment_later_in_week);
	tcase_add_test(tc, test_verify_gl_lapsed_in_illness);
	tcase_add_test(tc, test_changes_single_weekly_move);
	tcase_add_test(tc, test_slipped_lesontwerp_carries_over);
	tcase_add_test(tc, test_ill_in_last_round);
	tcase_add_test(tc, test_leave_during_recorded_illness);
	tcase_add_test(tc, test_split_forces_new_trio);
	tcase_add_test(tc, test_keep_and_split_conflict);
	tcase_add_test(tc, test_no_change_is_no_change);
	tcase_add_test(tc, test_join_full_team_refused);
	tcase_add_test(tc, test_lesbezoek_lapses_with_feedback);
	tcase_add_test(tc, test_slipped_lesbezoek_replanned);
	tcase_add_test(tc, test_feedback_follows_replanned_lesbezoek);
	tcase_add_test(tc, test_slipped_team_session_stays);
	tcase_add_test(tc, test_trio_keeps_visits_made);
	suite_add_tcase(s, tc);
	return s;
}
