#include "config.h"

#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "suggest.h"
#include "i18n.h"

#define RK_TEAM_MIN 5
#define RK_TEAM_MAX 10

/* What the checks share: the school, where to report, and scratch space. */
struct check {
	struct rk_school *school;
	struct rk_diags *diags;
	const char **person_ids; /* for suggestions */
	size_t n_people;
	int *team_of; /* first team of each person, -1 */
	/* The people by id (then index), for find_person: a scan per lesson
	 * made checking a school quadratic in its size. */
	struct id_index *by_id;
	size_t n_by_id;
};

struct id_index {
	const char *id;
	int index;
};

static int cmp_id_index(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int cmp_id_key(const void *key, const void *item)
{
	const struct id_index *it = item;
	return strcmp(key, it->id);
}

/* As rk_school_find_person: the first person with @id, or -1. */
static int find_person(const struct check *c, const char *id)
{
	if (!id || !c->n_by_id)
		return -1;
	const struct id_index *hit = bsearch(id, c->by_id, c->n_by_id,
					     sizeof(*c->by_id), cmp_id_key);
	if (!hit)
		return -1;
	while (hit > c->by_id && !strcmp(hit[-1].id, id))
		hit--;
	return hit->index;
}

static enum rk_status index_people(struct check *c)
{
	c->by_id = malloc((c->n_people + 1) * sizeof(*c->by_id));
	if (!c->by_id)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < c->n_people; i++) {
		const char *id = rk_school_get_person(c->school, i)->id;
		if (id)
			c->by_id[c->n_by_id++] =
				(struct id_index){ id, (int)i };
	}
	qsort(c->by_id, c->n_by_id, sizeof(*c->by_id), cmp_id_index);
	return RK_OK;
}

static void report(struct check *c, enum rk_severity sev,
		   const struct rk_loc *loc, const char *text)
{
	rk_diags_add(c->diags, sev, loc->file, loc->line, loc->column, "%s",
		     text);
}

/* "unknown person 'JDW' in team 'exact'; did you mean 'JDV'?" */
static void unknown_person(struct check *c, const struct rk_ref *ref,
			   const char *where)
{
	const char *near = rk_suggest(ref->id, c->person_ids, c->n_people);
	char text[512];
	if (near)
		snprintf(text, sizeof(text),
			 _("unknown person '%s' %s; did you mean '%s'?"),
			 ref->id, where, near);
	else
		snprintf(text, sizeof(text), _("unknown person '%s' %s"),
			 ref->id, where);
	report(c, RK_SEV_ERROR, &ref->loc, text);
}

static void resolve(struct check *c, struct rk_ref *ref, const char *where)
{
	ref->index = find_person(c, ref->id);
	if (ref->index < 0)
		unknown_person(c, ref, where);
}

/* "first defined at line 3" in the same file, else at file:line. */
static void describe_place(const struct rk_loc *here,
			   const struct rk_loc *first, char *buf, size_t size)
{
	if (here->file && first->file && !strcmp(here->file, first->file))
		snprintf(buf, size, _("line %d"), first->line);
	else
		snprintf(buf, size, "%s:%d", first->file ? first->file : "?",
			 first->line);
}

static void check_people(struct check *c)
{
	size_t n = rk_school_n_person(c->school);
	for (size_t i = 0; i < n; i++) {
		const struct rk_person *p = rk_school_get_person(c->school, i);
		int first = find_person(c, p->id);
		if (first >= 0 && (size_t)first != i) {
			const struct rk_person *f =
				rk_school_get_person(c->school, (size_t)first);
			char place[300], text[512];
			describe_place(&p->loc, &f->loc, place, sizeof(place));
			snprintf(
				text, sizeof(text),
				_("duplicate person id '%s' (first defined at %s)"),
				p->id, place);
			report(c, RK_SEV_ERROR, &p->loc, text);
		}
	}
}

static void check_team_ids(struct check *c)
{
	size_t n = rk_school_n_team(c->school);
	for (size_t i = 0; i < n; i++) {
		const struct rk_team *t = rk_school_get_team(c->school, i);
		int first = rk_school_find_team(c->school, t->id);
		if (first >= 0 && (size_t)first != i) {
			const struct rk_team *f =
				rk_school_get_team(c->school, (size_t)first);
			char place[300], text[512];
			describe_place(&t->loc, &f->loc, place, sizeof(place));
			snprintf(
				text, sizeof(text),
				_("duplicate team id '%s' (first defined at %s)"),
				t->id, place);
			report(c, RK_SEV_ERROR, &t->loc, text);
		}
	}
}

/* A member listed twice in one team, or a teacher in two teams. */
static void check_membership(struct check *c, int ti, struct rk_team *t,
			     size_t m)
{
	const struct rk_ref *ref = &t->members[m];
	char text[512];
	for (size_t k = 0; k < m; k++) {
		if (t->members[k].index == ref->index) {
			snprintf(text, sizeof(text),
				 _("person '%s' is listed twice in team '%s'"),
				 ref->id, t->id);
			report(c, RK_SEV_ERROR, &ref->loc, text);
			return;
		}
	}
	int other = c->team_of[ref->index];
	if (other < 0) {
		c->team_of[ref->index] = ti;
		return;
	}
	if (rk_school_get_settings(c->school)->allow_multi_team)
		return;
	snprintf(text, sizeof(text),
		 _("person '%s' is in two teams: '%s' and '%s'"), ref->id,
		 rk_school_get_team(c->school, (size_t)other)->id, t->id);
	report(c, RK_SEV_ERROR, &ref->loc, text);
}

static void check_coach(struct check *c, struct rk_team *t)
{
	char text[512], where[300];
	if (!t->coach.id) {
		snprintf(text, sizeof(text), _("team '%s' has no schoolcoach"),
			 t->id);
		report(c, RK_SEV_WARNING, &t->loc, text);
		return;
	}
	snprintf(where, sizeof(where), _("as schoolcoach of team '%s'"), t->id);
	resolve(c, &t->coach, where);
	if (t->coach.index < 0)
		return;
	for (size_t m = 0; m < t->n_members; m++)
		if (t->members[m].index == t->coach.index)
			return;
	snprintf(text, sizeof(text),
		 _("schoolcoach '%s' is not a member of team '%s'"),
		 t->coach.id, t->id);
	report(c, RK_SEV_ERROR, &t->coach.loc, text);
}

static void check_teams(struct check *c)
{
	size_t n = rk_school_n_team(c->school);
	for (size_t i = 0; i < n; i++) {
		struct rk_team *t = rk_school_team_at(c->school, i);
		char where[300], text[512];
		snprintf(where, sizeof(where), _("in team '%s'"), t->id);
		for (size_t m = 0; m < t->n_members; m++) {
			resolve(c, &t->members[m], where);
			if (t->members[m].index >= 0)
				check_membership(c, (int)i, t, m);
		}
		check_coach(c, t);
		if (t->n_members < 2) {
			/* Duos are what the sessions of a team are built on. */
			snprintf(
				text, sizeof(text),
				P_("team '%s' has %zu member, so it forms no duo: no gezamenlijk lesontwerp, lesbezoek or feedbackgesprek for it; %d to %d work best",
				   "team '%s' has %zu members, so it forms no duo: no gezamenlijk lesontwerp, lesbezoek or feedbackgesprek for it; %d to %d work best",
				   t->n_members),
				t->id, t->n_members, RK_TEAM_MIN, RK_TEAM_MAX);
			report(c, RK_SEV_WARNING, &t->loc, text);
		} else if (t->n_members < RK_TEAM_MIN ||
			   t->n_members > RK_TEAM_MAX) {
			snprintf(
				text, sizeof(text),
				_("team '%s' has %zu members; %d to %d work best"),
				t->id, t->n_members, RK_TEAM_MIN, RK_TEAM_MAX);
			report(c, RK_SEV_WARNING, &t->loc, text);
		}
	}
}

static void check_teamless(struct check *c)
{
	for (size_t i = 0; i < c->n_people; i++) {
		const struct rk_person *p = rk_school_get_person(c->school, i);
		if (!(p->roles & RK_ROLE_LERAAR) || c->team_of[i] >= 0)
			continue;
		/* A duplicate id is already an error; say it once. */
		if (find_person(c, p->id) != (int)i)
			continue;
		char text[512];
		snprintf(text, sizeof(text),
			 _("teacher '%s' (%s) is in no team"), p->id,
			 p->name ? p->name : "?");
		report(c, RK_SEV_WARNING, &p->loc, text);
	}
}

/* Cover capacity names people of the school, once each. */
static void check_cover(struct check *c)
{
	for (size_t i = 0; i < rk_school_n_cover(c->school); i++) {
		struct rk_cover *cv = rk_school_cover_at(c->school, i);
		resolve(c, &cv->person, _("in cover"));
		for (size_t k = 0; k < i && cv->person.index >= 0; k++)
			if (rk_school_get_cover(c->school, k)->person.index ==
			    cv->person.index)
				report(c, RK_SEV_ERROR, &cv->person.loc,
				       _("cover: this person is listed twice"));
	}
}

/* team_forming: names people of the school; a rule of one says nothing. */
static void check_team_rules(struct check *c)
{
	for (size_t i = 0; i < rk_school_n_team_rule(c->school); i++) {
		struct rk_team_rule *r = rk_school_team_rule_at(c->school, i);
		for (size_t k = 0; k < r->n_people; k++)
			resolve(c, &r->people[k], "in team_forming");
		if (r->n_people < 2)
			report(c, RK_SEV_ERROR, &r->loc,
			       "team_forming: a rule names at least two people");
	}
}

static void check_lkteam(struct check *c)
{
	struct rk_team *lk = rk_school_lkteam(c->school);
	/* Without members it is an error for check and plan
	 * (rk_precheck_dates), not for ritmiek teams, which comes first. */
	for (size_t m = 0; m < lk->n_members; m++)
		resolve(c, &lk->members[m], _("in the leerKRACHT-team"));
}

/* Roles the ritmiek needs someone in: a school without teachers has
 * nothing to plan, one without a schoolleider has no one who joins the
 * teams' sessions and the leerKRACHT-team as school leader. */
static void check_roles(struct check *c)
{
	unsigned roles = 0;
	for (size_t i = 0; i < c->n_people; i++)
		roles |= rk_school_get_person(c->school, i)->roles;
	const struct rk_school_info *info = rk_school_get_info(c->school);
	const struct rk_loc *people =
		info->people_file ? &info->people_file_loc : &info->loc;
	if (!(roles & RK_ROLE_LERAAR))
		report(c, RK_SEV_WARNING, people,
		       _("the school has no teachers (role leraar): there is "
			 "nothing to plan"));
	else if (!(roles & RK_ROLE_SCHOOLLEIDER))
		report(c, RK_SEV_WARNING, people,
		       _("no one has the role schoolleider: the school leader "
			 "joins the leerKRACHT-team and the teams' sessions"));
}

static void check_externals(struct check *c)
{
	size_t n = rk_school_n_external(c->school);
	for (size_t i = 0; i < n; i++) {
		struct rk_external *e = rk_school_external_at(c->school, i);
		char where[300];
		snprintf(where, sizeof(where), _("in '%s'"),
			 e->name ? e->name : "?");
		for (size_t k = 0; k < e->n_people; k++)
			resolve(c, &e->people[k], where);
	}
}

/* The effective grid of a weekday spans its first start to its last end. */
static void check_lesson_grid(struct check *c, const struct rk_lesson *l)
{
	const struct rk_grid *g = rk_school_get_grid(c->school, l->weekday);
	char from[RK_TIME_BUFSIZE], to[RK_TIME_BUFSIZE], text[512];
	rk_time_format(l->start, from);
	rk_time_format(l->end, to);
	if (!g || g->n == 0) {
		snprintf(
			text, sizeof(text),
			_("lesson on %s %s-%s is outside the time grid (no lessons on %s)"),
			rk_weekday_name(l->weekday), from, to,
			rk_weekday_name(l->weekday));
		report(c, RK_SEV_ERROR, &l->loc, text);
		return;
	}
	int first = g->hours[0].start, last = g->hours[g->n - 1].end;
	if (l->start >= first && l->end <= last)
		return;
	char gf[RK_TIME_BUFSIZE], gt[RK_TIME_BUFSIZE];
	rk_time_format(first, gf);
	rk_time_format(last, gt);
	snprintf(text, sizeof(text),
		 _("lesson on %s %s-%s is outside the time grid (%s-%s)"),
		 rk_weekday_name(l->weekday), from, to, gf, gt);
	report(c, RK_SEV_ERROR, &l->loc, text);
}

/* A lesson from a timetable that gives clock times only gets the number
 * of the lesuur it starts on, so that on a shortened day it moves with its
 * lesuur. */
static void number_lesson(struct check *c, struct rk_lesson *l)
{
	const struct rk_grid *g = rk_school_get_grid(c->school, l->weekday);
	for (size_t i = 0; l->lesuur <= 0 && g && i < g->n; i++)
		if (g->hours[i].start == l->start)
			l->lesuur = g->hours[i].number;
}

static void check_lessons(struct check *c)
{
	bool ab = rk_school_get_ab(c->school)->enabled;
	size_t n = rk_school_n_lesson(c->school);
	bool warned_ab = false;
	for (size_t i = 0; i < n; i++) {
		struct rk_lesson *l = rk_school_lesson_at(c->school, i);
		resolve(c, &l->person, _("in the timetable"));
		check_lesson_grid(c, l);
		number_lesson(c, l);
		if (l->week != RK_AB_BOTH && !ab && !warned_ab) {
			report(c, RK_SEV_WARNING, &l->loc,
			       _("lesson in A or B weeks only, but the school file has no ab_weeks"));
			warned_ab = true;
		}
		if (l->person.index < 0)
			continue;
		const struct rk_person *p = rk_school_get_person(
			c->school, (size_t)l->person.index);
		if (!(p->workdays & (1u << l->weekday))) {
			char text[512];
			snprintf(
				text, sizeof(text),
				_("lesson of '%s' on %s, which is not one of their working days"),
				p->id, rk_weekday_name(l->weekday));
			report(c, RK_SEV_WARNING, &l->loc, text);
		}
	}
}

/* Own dates wholly in another school year would drop the holiday from the
 * year without a word (the calendar's dates are replaced, the new ones
 * fall outside): an error that gives the calendar's dates to compare. */
static void override_in_year(struct check *c,
			     const struct rk_holiday_override *o)
{
	const struct rk_school_info *info = rk_school_get_info(c->school);
	int year = info->year;
	if (year <= 0 || (o->to >= rk_date_from_ymd(year, 8, 1) &&
			  o->from <= rk_date_from_ymd(year + 1, 7, 31)))
		return;
	const struct rk_dayoff *cal = NULL;
	for (size_t k = 0; k < rk_school_n_dayoff(c->school) && !cal; k++) {
		const struct rk_dayoff *d = rk_school_get_dayoff(c->school, k);
		if (d->key && !strcmp(d->key, o->key) &&
		    (d->regions & (1u << info->region)))
			cal = d;
	}
	char from[RK_DATE_BUFSIZE], to[RK_DATE_BUFSIZE];
	char cfrom[RK_DATE_BUFSIZE] = "", cto[RK_DATE_BUFSIZE] = "";
	char text[512];
	rk_date_format(o->from, from);
	rk_date_format(o->to, to);
	if (cal) {
		rk_date_format(cal->from, cfrom);
		rk_date_format(cal->to, cto);
		snprintf(
			text, sizeof(text),
			_("holiday '%s' from %s to %s lies outside the school year %d-%d, so the school would have no %s (the calendar of regio %s has %s to %s)"),
			o->key, from, to, year, year + 1, o->key,
			rk_region_name(info->region), cfrom, cto);
	} else {
		snprintf(
			text, sizeof(text),
			_("holiday '%s' from %s to %s lies outside the school year %d-%d, so the school would have no %s"),
			o->key, from, to, year, year + 1, o->key);
	}
	report(c, RK_SEV_ERROR, &o->loc, text);
}

static void check_overrides(struct check *c)
{
	size_t nd = rk_school_n_dayoff(c->school);
	const char **keys = calloc(nd ? nd : 1, sizeof(*keys));
	if (!keys)
		return;
	for (size_t i = 0; i < nd; i++)
		keys[i] = rk_school_get_dayoff(c->school, i)->key;
	size_t n = rk_school_n_holiday_override(c->school);
	for (size_t i = 0; i < n; i++) {
		const struct rk_holiday_override *o =
			rk_school_get_holiday_override(c->school, i);
		bool known = false;
		for (size_t k = 0; k < nd && !known; k++)
			known = keys[k] && !strcmp(keys[k], o->key);
		if (known) {
			override_in_year(c, o);
			continue;
		}
		const char *near = rk_suggest(o->key, keys, nd);
		char text[512];
		if (near)
			snprintf(text, sizeof(text),
				 _("unknown holiday '%s'; did you mean '%s'?"),
				 o->key, near);
		else
			snprintf(
				text, sizeof(text),
				_("unknown holiday '%s' in the calendar of this school year"),
				o->key);
		report(c, RK_SEV_ERROR, &o->loc, text);
	}
	free(keys);
}

static void outside_year(struct check *c, const struct rk_loc *loc,
			 const char *what, int from, int to,
			 enum rk_severity severity)
{
	int year = rk_school_get_info(c->school)->year;
	if (year <= 0)
		return;
	int first = rk_date_from_ymd(year, 8, 1);
	int last = rk_date_from_ymd(year + 1, 7, 31);
	if (from >= first && to <= last)
		return;
	char text[512];
	snprintf(text, sizeof(text), _("%s lies outside the school year %d-%d"),
		 what, year, year + 1);
	report(c, severity, loc, text);
}

static void check_dates(struct check *c)
{
	char what[300];
	for (size_t i = 0; i < rk_school_n_toetsweek(c->school); i++) {
		const struct rk_toetsweek *t =
			rk_school_get_toetsweek(c->school, i);
		snprintf(what, sizeof(what), _("toetsweek '%s'"), t->name);
		outside_year(c, &t->loc, what, t->from, t->to, RK_SEV_WARNING);
	}
	for (size_t i = 0; i < rk_school_n_dayoff(c->school); i++) {
		const struct rk_dayoff *d = rk_school_get_dayoff(c->school, i);
		if (d->kind != RK_OFF_STUDIEDAG && d->kind != RK_OFF_VRIJ)
			continue;
		snprintf(what, sizeof(what), "%s '%s'",
			 rk_dayoff_kind_name(d->kind), d->name);
		outside_year(c, &d->loc, what, d->from, d->to, RK_SEV_WARNING);
	}
	for (size_t i = 0; i < rk_school_n_external(c->school); i++) {
		const struct rk_external *e =
			rk_school_get_external(c->school, i);
		char on[RK_DATE_BUFSIZE];
		rk_date_format(e->date, on);
		snprintf(what, sizeof(what), _("%s '%s' on %s"),
			 rk_external_kind_name(e->kind), e->name, on);
		/* A plan holds no date outside its year (verify refuses it),
		 * so plan would fail on it: an error here already. */
		outside_year(c, e->date_loc.line ? &e->date_loc : &e->loc, what,
			     e->date, e->date, RK_SEV_ERROR);
	}
	for (size_t i = 0; i < rk_school_n_meting_override(c->school); i++) {
		const struct rk_meting_override *m =
			rk_school_get_meting_override(c->school, i);
		char on[RK_DATE_BUFSIZE];
		rk_date_format(m->deadline, on);
		snprintf(what, sizeof(what), _("meting '%s' with deadline %s"),
			 rk_meting_name(m->kind), on);
		/* Its event is on the deadline, held to the year as above. */
		outside_year(c, &m->loc, what, m->deadline, m->deadline,
			     RK_SEV_ERROR);
	}
}

enum rk_status rk_school_validate(struct rk_school *school,
				  struct rk_diags *diags)
{
	size_t errors_before = rk_diags_errors(diags);
	struct check c = { .school = school, .diags = diags };
	enum rk_status status = RK_ERR_NOMEM;
	c.n_people = rk_school_n_person(school);
	c.person_ids = calloc(c.n_people ? c.n_people : 1, sizeof(char *));
	c.team_of = malloc((c.n_people ? c.n_people : 1) * sizeof(int));
	if (!c.person_ids || !c.team_of || index_people(&c) != RK_OK)
		goto out;
	for (size_t i = 0; i < c.n_people; i++) {
		c.person_ids[i] = rk_school_get_person(school, i)->id;
		c.team_of[i] = -1;
	}
	/* Problems are reported file by file in order of first appearance,
	 * so the checks of what the school file itself says come first. */
	check_team_ids(&c);
	check_teams(&c);
	check_lkteam(&c);
	check_roles(&c);
	check_cover(&c);
	check_team_rules(&c);
	check_externals(&c);
	check_overrides(&c);
	check_dates(&c);
	check_people(&c);
	check_teamless(&c);
	check_lessons(&c);
	status = rk_diags_errors(diags) > errors_before ? RK_ERR_INPUT : RK_OK;
out:
	free(c.person_ids);
	free(c.team_of);
	free(c.by_id);
	return status;
}
