/* ritmiek teams: lerarenteams proposed by GLPK (engine/teams.c) and the
 * subject-to-section table (adapters/sections.c). Every division is checked
 * here from the school itself, not from the model: each teacher in exactly
 * one team, sizes within bounds, and each team's common free moments free
 * for every member in the lessons of the timetable. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "plan.h"
#include "school.h"
#include "sections.h"
#include "suites.h"
#include "teams.h"
#include "testutil.h"

struct loaded {
	struct rk_school *school;
	struct rk_sections *table;
	struct rk_diags *diags;
	struct rk_teams_options options;
};

static struct loaded load(const char *rel)
{
	char *path = rk_test_path(rel);
	char *table = rk_test_path("data/sections.tsv");
	struct loaded l = { .diags = rk_diags_new() };
	ck_assert_int_eq(rk_load_school(path, NULL, &l.school, l.diags), RK_OK);
	ck_assert_int_eq(rk_sections_load(table, l.school, &l.table, l.diags),
			 RK_OK);
	l.options.sections = rk_sections_items(l.table, &l.options.n_sections);
	/* Room under valgrind: every model here is solved to optimality in
	 * well under a second, so the limit never decides the answer. */
	l.options.time_limit_ms = 600000;
	free(path);
	free(table);
	return l;
}

static void unload(struct loaded *l)
{
	rk_sections_free(l->table);
	rk_school_free(l->school);
	rk_diags_free(l->diags);
}

/* Whether @person works on @weekday and has no lesson in [start, end). */
static bool free_then(const struct rk_school *s, int person, int weekday,
		      int start, int end)
{
	unsigned days = rk_school_get_person(s, (size_t)person)->workdays;
	/* No workdays (a school made in memory): every weekday. */
	if (days && !(days & (1u << weekday)))
		return false;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (l->person.index == person && l->weekday == weekday &&
		    l->start < end && start < l->end)
			return false;
	}
	return true;
}

static bool is_teacher(const struct rk_school *s, int person)
{
	if (rk_school_get_person(s, (size_t)person)->roles & RK_ROLE_LERAAR)
		return true;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++)
		if (rk_school_get_lesson(s, i)->person.index == person)
			return true;
	return false;
}

static void check_moments(const struct rk_school *s,
			  const struct rk_teams_proposal *p, size_t t)
{
	const int *m;
	const struct rk_free_moment *mo;
	size_t n = rk_teams_members(p, t, &m);
	size_t nm = rk_teams_moments(p, t, &mo);
	ck_assert_uint_ge(nm, 2);
	for (size_t k = 0; k < nm; k++) {
		ck_assert_int_eq(mo[k].end - mo[k].start,
				 rk_school_get_settings(s)->bordsessie_minutes);
		ck_assert(rk_settings_window_ok(rk_school_get_settings(s),
						RK_EV_BORDSESSIE, mo[k].weekday,
						mo[k].start, mo[k].end));
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(free_then(s, m[i], mo[k].weekday,
						mo[k].start, mo[k].end),
				      "team %zu: %s not free on day %d at %d",
				      t,
				      rk_school_get_person(s, (size_t)m[i])->id,
				      mo[k].weekday, mo[k].start);
		for (size_t j = 0; j < k; j++)
			ck_assert(mo[j].weekday != mo[k].weekday ||
				  mo[j].end <= mo[k].start ||
				  mo[k].end <= mo[j].start);
	}
}

/* The rules of a division, from the school's own data. */
static void check_division(const struct rk_school *s,
			   const struct rk_teams_proposal *p, int min, int max)
{
	size_t np = rk_school_n_person(s);
	int *seen = calloc(np, sizeof(*seen));
	ck_assert_ptr_nonnull(seen);
	for (size_t t = 0; t < rk_teams_count(p); t++) {
		const int *m;
		size_t n = rk_teams_members(p, t, &m);
		if (rk_teams_source(p, t) < 0) {
			ck_assert_uint_ge(n, (size_t)min);
			ck_assert_uint_le(n, (size_t)max);
		}
		for (size_t i = 0; i < n; i++) {
			seen[m[i]]++;
			ck_assert_int_eq(rk_teams_team_of(p, m[i]), (int)t);
		}
		check_moments(s, p, t);
		ck_assert(rk_teams_homogeneity(p, t) >= 0.0 &&
			  rk_teams_homogeneity(p, t) <= 1.0);
	}
	for (size_t i = 0; i < np; i++)
		ck_assert_msg(seen[i] == (is_teacher(s, (int)i) ? 1 : 0),
			      "%s is in %d teams",
			      rk_school_get_person(s, i)->id, seen[i]);
	free(seen);
}

static double mean_homogeneity(const struct rk_teams_proposal *p)
{
	double sum = 0.0;
	for (size_t t = 0; t < rk_teams_count(p); t++)
		sum += rk_teams_homogeneity(p, t);
	return rk_teams_count(p) ? sum / (double)rk_teams_count(p) : 0.0;
}

/* Proposes for the school at @rel, checks the division and that it is at
 * least as homogeneous as today's teams. */
static void propose_checked(const char *rel)
{
	struct loaded l = load(rel);
	struct rk_teams_proposal *p = NULL, *now = NULL;
	enum rk_status st = rk_teams_propose(l.school, &l.options, &p, l.diags);
	char *text = rk_test_diags_text(l.diags);
	ck_assert_msg(st == RK_OK, "%s: %s", rk_strerror(st), text);
	free(text);
	check_division(l.school, p, 5, 10);
	ck_assert_str_eq(rk_teams_solver_status(p), "optimal");
	ck_assert(rk_teams_gap(p) == 0.0);
	ck_assert_int_eq(rk_teams_current(l.school, &l.options, &now), RK_OK);
	ck_assert_uint_eq(rk_teams_count(now), rk_school_n_team(l.school));
	ck_assert(mean_homogeneity(p) >= mean_homogeneity(now));
	rk_teams_proposal_free(p);
	rk_teams_proposal_free(now);
	unload(&l);
}

START_TEST(test_vo_example)
{
	propose_checked("examples/vo-school/school.yaml");
}
END_TEST

START_TEST(test_po_example)
{
	propose_checked("examples/po-school/school.yaml");
}
END_TEST

/* Whether @v is free during some lesson of @h, on a day @v works: from
 * the lessons alone, not the model's or the planner's test. */
static bool visits(const struct rk_school *s, int v, int h)
{
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (l->person.index == h &&
		    free_then(s, v, l->weekday, l->start, l->end))
			return true;
	}
	return false;
}

/* Whether the members of @m not in @used split into duos who visit each
 * other and, when @trio, one trio visiting round a cycle: what the duo
 * step must find. A team has at most ten members. */
static bool splits(const struct rk_school *s, const int *m, size_t n,
		   unsigned used, bool trio)
{
	size_t a = 0;
	while (a < n && (used & (1u << a)))
		a++;
	if (a == n)
		return !trio;
	for (size_t b = a + 1; b < n; b++) {
		if (used & (1u << b))
			continue;
		unsigned two = used | (1u << a) | (1u << b);
		if (visits(s, m[a], m[b]) && visits(s, m[b], m[a]) &&
		    splits(s, m, n, two, trio))
			return true;
		for (size_t c = b + 1; trio && c < n; c++) {
			bool cycle = (visits(s, m[a], m[b]) &&
				      visits(s, m[b], m[c]) &&
				      visits(s, m[c], m[a])) ||
				     (visits(s, m[a], m[c]) &&
				      visits(s, m[c], m[b]) &&
				      visits(s, m[b], m[a]));
			if (!(used & (1u << c)) && cycle &&
			    splits(s, m, n, two | (1u << c), false))
				return true;
		}
	}
	return false;
}

/* Every member of every team can visit a teammate's lesson and be
 * visited by a teammate, and the team splits into duos (and a trio)
 * who visit each other: what the duo step needs (issue 19). */
static void check_visits(const struct rk_school *s,
			 const struct rk_teams_proposal *p)
{
	for (size_t t = 0; t < rk_teams_count(p); t++) {
		const int *m;
		size_t n = rk_teams_members(p, t, &m);
		for (size_t i = 0; i < n; i++) {
			bool host = false, visitor = false;
			for (size_t j = 0; j < n; j++) {
				host |= j != i && visits(s, m[i], m[j]);
				visitor |= j != i && visits(s, m[j], m[i]);
			}
			const char *id =
				rk_school_get_person(s, (size_t)m[i])->id;
			ck_assert_msg(host, "team %zu: %s can visit no one", t,
				      id);
			ck_assert_msg(visitor, "team %zu: no one can visit %s",
				      t, id);
		}
		ck_assert_msg(splits(s, m, n, 0, n % 2 == 1),
			      "team %zu cannot be split into duos", t);
	}
}

START_TEST(test_untis_export)
{
	propose_checked("tests/data/untis/school.yaml");
	/* The school ritmiek init writes for the export: the teachers work
	 * the days they teach, so that some can visit few colleagues (Wms
	 * and Murr, on Thursday only). */
	struct loaded l = load("tests/data/untis/init-school.yaml");
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_OK);
	check_visits(l.school, p);
	rk_teams_proposal_free(p);
	unload(&l);
}
END_TEST

START_TEST(test_generated_vo)
{
	propose_checked("tests/data/teams/gen-vo/school.yaml");
}
END_TEST

START_TEST(test_generated_po)
{
	propose_checked("tests/data/teams/gen-po/school.yaml");
}
END_TEST

/* A primary school's bouw with enough teachers for a team is one team:
 * in examples/po-school the eight of the onderbouw (groep 1 to 4, with
 * the gym teacher); middenbouw and bovenbouw, three each, share one. */
START_TEST(test_po_team_per_bouw)
{
	struct loaded l = load("examples/po-school/school.yaml");
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_OK);
	ck_assert_uint_eq(rk_teams_count(p), 2);
	int team = -1;
	size_t onderbouw = 0;
	for (size_t i = 0; i < rk_school_n_person(l.school); i++) {
		const char *bouw = rk_teams_person_grade(p, (int)i);
		if (!bouw || strcmp(bouw, "onderbouw") ||
		    rk_teams_team_of(p, (int)i) < 0)
			continue;
		if (team < 0)
			team = rk_teams_team_of(p, (int)i);
		ck_assert_int_eq(rk_teams_team_of(p, (int)i), team);
		onderbouw++;
	}
	const int *m;
	ck_assert_uint_eq(onderbouw, 8);
	ck_assert_uint_eq(rk_teams_members(p, (size_t)team, &m), onderbouw);
	rk_teams_proposal_free(p);
	unload(&l);
}
END_TEST

static char *division_text(const struct rk_teams_proposal *p)
{
	size_t size = 16;
	for (size_t t = 0; t < rk_teams_count(p); t++) {
		const int *m;
		size += 16 * (rk_teams_members(p, t, &m) + 1);
	}
	char *text = malloc(size);
	ck_assert_ptr_nonnull(text);
	size_t used = 0;
	for (size_t t = 0; t < rk_teams_count(p); t++) {
		const int *m;
		size_t n = rk_teams_members(p, t, &m);
		for (size_t i = 0; i < n; i++)
			used += (size_t)snprintf(text + used, size - used,
						 "%d ", m[i]);
		used += (size_t)snprintf(text + used, size - used, "| ");
	}
	return text;
}

START_TEST(test_deterministic)
{
	struct loaded l = load("tests/data/teams/gen-vo/school.yaml");
	struct rk_teams_proposal *a = NULL, *b = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &a, l.diags),
			 RK_OK);
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &b, l.diags),
			 RK_OK);
	char *ta = division_text(a), *tb = division_text(b);
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	rk_teams_proposal_free(a);
	rk_teams_proposal_free(b);
	unload(&l);
}
END_TEST

START_TEST(test_unplaceable_named)
{
	struct loaded l = load("tests/data/teams/unplaceable.yaml");
	rk_diags_free(l.diags);
	l.diags = rk_diags_new();
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_ERR_INFEASIBLE);
	ck_assert_ptr_null(p);
	char *text = rk_test_diags_text(l.diags);
	ck_assert_str_eq(
		text,
		"tests/data/teams/unplaceable.yaml:29:5: error: LIST (Lisa Stam) has no free moment of 30 minutes in the week that 4 colleagues also have free\n"
		"tests/data/teams/unplaceable.yaml:30:5: error: ONE (Olaf Nederveen) has only 1 free moment of 30 minutes in the week that 4 colleagues also have free; a team needs 2\n");
	free(text);
	unload(&l);
}
END_TEST

/* LATE teaches exact but is free only when no four exact colleagues are:
 * placed in a mixed team, and warned why. */
START_TEST(test_outside_section_warned)
{
	struct loaded l = load("tests/data/teams/mixed.yaml");
	rk_diags_free(l.diags);
	l.diags = rk_diags_new();
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_OK);
	check_division(l.school, p, 5, 10);
	ck_assert_uint_eq(rk_teams_count(p), 2);
	int late = rk_school_find_person(l.school, "LATE");
	int t1 = rk_school_find_person(l.school, "T1");
	ck_assert_int_eq(rk_teams_team_of(p, late), rk_teams_team_of(p, t1));
	char *text = rk_test_diags_text(l.diags);
	ck_assert_str_eq(
		text,
		"tests/data/teams/mixed.yaml:28:5: warning: LATE (Lars Teunissen) has no 2 free moments of 30 minutes in the week that 4 colleagues of exact also have free: no team of exact can hold them\n");
	free(text);
	rk_teams_proposal_free(p);
	unload(&l);
}
END_TEST

/* A school made in memory, as ritmiek init makes one from a timetable:
 * people without workdays or teams, subjects only in the lessons. */
START_TEST(test_school_in_memory)
{
	struct rk_school *s = rk_school_new();
	ck_assert_ptr_nonnull(s);
	static const char *const ids[] = { "A", "B", "C", "D", "E", "F" };
	for (size_t i = 0; i < 6; i++) {
		struct rk_person *p = rk_school_add_person(s);
		p->id = rk_school_strdup(s, ids[i]);
		p->name = p->id;
		p->roles = RK_ROLE_LERAAR;
		struct rk_lesson *l = rk_school_add_lesson(s);
		rk_lesson_init(l);
		l->person = (struct rk_ref){ p->id, { NULL, 0, 0 }, (int)i };
		l->weekday = (int)i % 5;
		l->start = 9 * 60;
		l->end = 16 * 60;
		l->subject = rk_school_strdup(s, i < 3 ? "D" : "M");
		l->group = rk_school_strdup(s, "7a");
	}
	struct rk_subject_section table[] = { { "D", "talen" },
					      { "M", "exact" } };
	struct rk_teams_options o = { .sections = table, .n_sections = 2 };
	struct rk_diags *d = rk_diags_new();
	struct rk_teams_proposal *p = NULL, *now = NULL;
	ck_assert_int_eq(rk_teams_propose(s, &o, &p, d), RK_OK);
	check_division(s, p, 5, 10);
	ck_assert_uint_eq(rk_teams_count(p), 1);
	ck_assert_str_eq(rk_teams_person_section(p, 0), "talen");
	ck_assert_str_eq(rk_teams_person_section(p, 5), "exact");
	ck_assert_str_eq(rk_teams_person_grade(p, 0), "7");
	ck_assert(rk_teams_homogeneity(p, 0) > 0.39 &&
		  rk_teams_homogeneity(p, 0) < 0.41);
	ck_assert_int_eq(rk_teams_current(s, &o, &now), RK_OK);
	ck_assert_uint_eq(rk_teams_count(now), 0);
	rk_teams_proposal_free(now);
	rk_teams_proposal_free(p);
	rk_diags_free(d);
	rk_school_free(s);
}
END_TEST

/* Twenty teachers cannot make teams of exactly seven: every one passes
 * the test per teacher, and the model itself says no. */
START_TEST(test_no_division)
{
	struct loaded l = load("tests/data/teams/gen-po/school.yaml");
	rk_diags_free(l.diags);
	l.diags = rk_diags_new();
	l.options.min_size = l.options.max_size = l.options.target_size = 7;
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_ERR_INFEASIBLE);
	char *text = rk_test_diags_text(l.diags);
	ck_assert_str_eq(
		text,
		"tests/data/teams/gen-po/school.yaml:6:3: error: no division of the 20 teachers into teams of 7 to 7 gives every team 2 common free moments of 30 minutes a week\n");
	free(text);
	unload(&l);
}
END_TEST

START_TEST(test_bad_options)
{
	struct loaded l = load("examples/vo-school/school.yaml");
	struct rk_teams_proposal *p = NULL;
	l.options.min_size = 9;
	l.options.max_size = 6;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_ERR_ARG);
	ck_assert_ptr_null(p);
	unload(&l);
}
END_TEST

/* With keep_teams today's teams stay as they are, and only teachers in
 * no team are divided (here: none). */
START_TEST(test_keep_teams)
{
	struct loaded l = load("examples/vo-school/school.yaml");
	l.options.keep_teams = true;
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_OK);
	ck_assert_uint_eq(rk_teams_count(p), rk_school_n_team(l.school));
	for (size_t t = 0; t < rk_teams_count(p); t++) {
		ck_assert_int_eq(rk_teams_source(p, t), (int)t);
		const int *m;
		ck_assert_uint_eq(rk_teams_members(p, t, &m),
				  rk_school_get_team(l.school, t)->n_members);
	}
	rk_teams_proposal_free(p);
	unload(&l);
}
END_TEST

START_TEST(test_sections_table)
{
	struct loaded l = load("tests/data/untis/school.yaml");
	size_t n;
	const struct rk_subject_section *rows = rk_sections_items(l.table, &n);
	ck_assert_uint_gt(n, 100);
	/* "SP" is Sport in an Untis timetable, "sp" Spaans in a Dutch one. */
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(rows[i].subject, "SP"))
			found += !strcmp(rows[i].section, "bewegingsonderwijs");
		if (!strcmp(rows[i].subject, "sp"))
			found += !strcmp(rows[i].section, "talen");
	}
	ck_assert_uint_eq(found, 2);
	/* Course codes of the export ("D-LK1", "SP-GK4") find their subject:
	 * no teacher's section is a course, and sport is a section. */
	struct rk_teams_proposal *now = NULL;
	ck_assert_int_eq(rk_teams_current(l.school, &l.options, &now), RK_OK);
	size_t sport = 0;
	for (size_t i = 0; i < rk_school_n_person(l.school); i++) {
		const char *section = rk_teams_person_section(now, (int)i);
		ck_assert_msg(!section || !strchr(section, '-'), "%s", section);
		sport += section && !strcmp(section, "bewegingsonderwijs");
	}
	ck_assert_uint_ge(sport, 2);
	rk_teams_proposal_free(now);
	unload(&l);
}
END_TEST

START_TEST(test_sections_broken)
{
	char *path = rk_test_path("tests/data/teams/broken-sections.tsv");
	struct rk_diags *d = rk_diags_new();
	struct rk_sections *t = NULL;
	ck_assert_int_eq(rk_sections_read(path, &t, d), RK_ERR_INPUT);
	ck_assert_ptr_null(t);
	static const char *const want[] = {
		"3:1: error: expected a subject, a TAB and its section",
		"5:1: error: subject 'wi' is in the table twice",
		"6:1: error: expected a subject, a TAB and its section",
	};
	rk_test_assert_diags(d, path, want, sizeof(want) / sizeof(want[0]));
	rk_diags_free(d);
	free(path);
}
END_TEST

/* team_forming and fixed: kept in the proposal. */
START_TEST(test_team_forming)
{
	struct loaded l = load("tests/data/teams/forming.yaml");
	struct rk_teams_proposal *p = NULL;
	ck_assert_int_eq(rk_teams_propose(l.school, &l.options, &p, l.diags),
			 RK_OK);
	check_division(l.school, p, 5, 10);
	const struct rk_school *s = l.school;
	ck_assert_int_eq(rk_teams_team_of(p, rk_school_find_person(s, "MBO")),
			 rk_teams_team_of(p, rk_school_find_person(s, "NHO")));
	ck_assert_int_ne(rk_teams_team_of(p, rk_school_find_person(s, "GBO")),
			 rk_teams_team_of(p, rk_school_find_person(s, "HSC")));
	int exact = rk_school_find_team(s, "exact");
	const struct rk_team *today = rk_school_get_team(s, (size_t)exact);
	int t = rk_teams_team_of(p, today->members[0].index);
	ck_assert_int_eq(rk_teams_source(p, (size_t)t), exact);
	const int *m;
	ck_assert_uint_eq(rk_teams_members(p, (size_t)t, &m), today->n_members);
	rk_teams_proposal_free(p);
	unload(&l);
}
END_TEST

START_TEST(test_team_forming_broken)
{
	char *path = rk_test_path("tests/data/teams/forming-broken.yaml");
	struct rk_diags *d = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, d), RK_ERR_INPUT);
	static const char *const want[] = {
		"42:7: error: team_forming: a rule names at least two people",
		"43:12: error: unknown person 'T7' in team_forming; did you mean 'T1'?",
		"44:10: error: 'apart' must be a list",
	};
	rk_test_assert_diags(d, path, want, sizeof(want) / sizeof(want[0]));
	rk_diags_free(d);
	free(path);
}
END_TEST

/* The school file's sections: win over the table. */
START_TEST(test_sections_override)
{
	struct loaded l = load("tests/data/teams/override.yaml");
	struct rk_teams_proposal *now = NULL;
	ck_assert_int_eq(rk_teams_current(l.school, &l.options, &now), RK_OK);
	int t1 = rk_school_find_person(l.school, "T1");
	int t3 = rk_school_find_person(l.school, "T3");
	ck_assert_str_eq(rk_teams_person_section(now, t1), "rekenwerk");
	ck_assert_str_eq(rk_teams_person_section(now, t3), "exact");
	rk_teams_proposal_free(now);
	unload(&l);
}
END_TEST

START_TEST(test_sections_override_broken)
{
	char *path = rk_test_path("tests/data/teams/override-broken.yaml");
	struct rk_diags *d = rk_diags_new();
	struct rk_school *school = NULL;
	ck_assert_int_eq(rk_load_school(path, NULL, &school, d), RK_ERR_INPUT);
	static const char *const want[] = {
		"43:16: error: 'natuurkunde' must be a text",
	};
	rk_test_assert_diags(d, path, want, sizeof(want) / sizeof(want[0]));
	rk_diags_free(d);
	free(path);
}
END_TEST

Suite *suite_teams(void)
{
	Suite *s = suite_create("teams");
	TCase *tc = tcase_create("teams");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_vo_example);
	tcase_add_test(tc, test_po_example);
	tcase_add_test(tc, test_untis_export);
	tcase_add_test(tc, test_generated_vo);
	tcase_add_test(tc, test_generated_po);
	tcase_add_test(tc, test_po_team_per_bouw);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_unplaceable_named);
	tcase_add_test(tc, test_no_division);
	tcase_add_test(tc, test_school_in_memory);
	tcase_add_test(tc, test_outside_section_warned);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_keep_teams);
	tcase_add_test(tc, test_sections_table);
	tcase_add_test(tc, test_sections_broken);
	tcase_add_test(tc, test_sections_override);
	tcase_add_test(tc, test_team_forming);
	tcase_add_test(tc, test_team_forming_broken);
	tcase_add_test(tc, test_sections_override_broken);
	suite_add_tcase(s, tc);
	return s;
}
