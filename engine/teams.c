/* teams.c - lerarenteams proposed by GLPK.
 *
 * One model per block of teachers: x[i,t] puts teacher i in team t,
 * used[t] opens team t (teams in order: t only if t - 1; teacher i only in
 * teams t <= i), y[t,s] takes moment s for team t only when every member
 * is free then, and each open team takes at least min_moments moments
 * that do not overlap. The objective rewards every pair in one team that
 * shares its section or its grade (through level variables per team and
 * class, see add_class) and charges every member a team lies away from
 * the preferred size, more for each further one. Every member should
 * have a teammate whose lesson they can visit and one who can visit
 * theirs, and two who cannot visit each other two of each (add_visits):
 * at a cost above any homogeneity, so that the duo step can pair them.
 *
 * One model over a whole school grows with teachers times teams, and its
 * symmetry with the number of teams: too slow for 2,000 teachers. So the
 * teachers are sorted by bouw (primary schools), section and grade and
 * cut into blocks of two teams, at section (bouw) boundaries where those
 * leave whole teams. A block that cannot be divided is merged with its
 * neighbour and solved again; the whole school in one model is the last
 * resort. Teachers that no team can hold are named before any model. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mip.h"
#include "sort.h"
#include "teams.h"
#include "teams_facts.h"

#define DEFAULT_MIN	   5
#define DEFAULT_MAX	   10
#define DEFAULT_TARGET	   8
#define DEFAULT_W_SECTION  10
#define DEFAULT_W_GRADE	   4
#define DEFAULT_MOMENTS	   2
#define DEFAULT_TIME_LIMIT 60000
/* Subproblems per block: the vo example's hardest block is proven optimal
 * after 1,673 (about 3 s here); the limit ends a harder one at the same
 * point on every machine (mip.h). */
#define DEFAULT_NODE_LIMIT 5000
/* Teams per model before the school is cut into blocks: two teams of
 * eight solve to optimality in a fraction of a second, three often not
 * within ten (measured on examples/vo-school and the Untis export). */
#define BLOCK_TEAMS 2
/* A member with no teammate whose lesson they can visit, or none who can
 * visit theirs, leaves the duo step a duo that cannot be one (issue 19:
 * two teachers who can visit only the same third). It costs more than
 * any homogeneity can earn, so that the model only allows it when no
 * division of the block avoids it (a primary school whose teachers teach
 * all day and has no cover capacity: nobody can visit anyone). */
#define COST_NO_VISIT 10000

struct opts {
	int min, max, target, w_section, w_grade, w_size, moments;
	struct rk_mip_limits limits;
	bool keep;
	const struct rk_subject_section *table;
	size_t n_table;
};

struct team {
	int *members;
	size_t n;
	struct rk_free_moment *moments;
	size_t n_moments;
	int section;
	double homogeneity;
	int source;
};

struct rk_teams_proposal {
	struct rk_teams_facts *facts;
	struct team *teams;
	size_t n, cap;
	int *team_of;
	int *group; /* per person: the first person of their together group */
	bool optimal;
	bool timed_out; /* a block met the time limit, not the node limit */
	double gap;
	size_t models;
};

static int or_default(int value, int fallback)
{
	return value > 0 ? value : fallback;
}

static struct opts resolve(const struct rk_teams_options *o)
{
	struct rk_teams_options none = { 0 };
	if (!o)
		o = &none;
	struct opts r = {
		or_default(o->min_size, DEFAULT_MIN),
		or_default(o->max_size, DEFAULT_MAX),
		or_default(o->target_size, DEFAULT_TARGET),
		or_default(o->weight_section, DEFAULT_W_SECTION),
		or_default(o->weight_grade, DEFAULT_W_GRADE),
		0,
		or_default(o->min_moments, DEFAULT_MOMENTS),
		{ or_default(o->time_limit_ms, DEFAULT_TIME_LIMIT),
		  or_default(o->node_limit, DEFAULT_NODE_LIMIT) },
		o->keep_teams,
		o->sections,
		o->n_sections,
	};
	/* Without a preferred size, 8 within min..max. */
	if (o->target_size <= 0)
		r.target = r.target < r.min   ? r.min
			   : r.target > r.max ? r.max
					      : r.target;
	/* One member away from the preferred size costs more than the one
	 * more pair a bigger team holds, so teams grow only for homogeneity
	 * they would not have otherwise. */
	r.w_size = r.w_section + r.w_grade;
	return r;
}

static bool opts_valid(const struct opts *o)
{
	return o->min >= 2 && o->min <= o->max && o->target >= o->min &&
	       o->target <= o->max;
}

/* ---- the proposal ---- */

static enum rk_status proposal_new(const struct rk_school *school,
				   const struct opts *o,
				   struct rk_teams_proposal **out)
{
	struct rk_teams_proposal *p = calloc(1, sizeof(*p));
	if (!p)
		return RK_ERR_NOMEM;
	p->optimal = true;
	enum rk_status status = rk_teams_facts_new(
		school, rk_school_get_settings(school)->bordsessie_minutes,
		o->table, o->n_table, &p->facts);
	if (status == RK_OK) {
		size_t n = p->facts->n_people ? p->facts->n_people : 1;
		p->team_of = malloc(n * sizeof(*p->team_of));
		p->group = malloc(n * sizeof(*p->group));
		if (!p->team_of || !p->group)
			status = RK_ERR_NOMEM;
	}
	if (status != RK_OK) {
		rk_teams_proposal_free(p);
		return status;
	}
	for (size_t i = 0; i < p->facts->n_people; i++) {
		p->team_of[i] = -1;
		p->group[i] = (int)i;
	}
	*out = p;
	return RK_OK;
}

void rk_teams_proposal_free(struct rk_teams_proposal *p)
{
	if (!p)
		return;
	for (size_t t = 0; t < p->n; t++) {
		free(p->teams[t].members);
		free(p->teams[t].moments);
	}
	free(p->teams);
	free(p->team_of);
	free(p->group);
	rk_teams_facts_free(p->facts);
	free(p);
}

/* The most common section of the members; ties go to the first label. */
static int team_section(const struct rk_teams_facts *f, const int *m, size_t n)
{
	int best = -1;
	size_t best_count = 0;
	for (size_t k = 0; k < f->sections.n; k++) {
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			count += f->section[m[i]] == (int)k;
		if (count > best_count) {
			best = (int)k;
			best_count = count;
		}
	}
	return best;
}

static double team_homogeneity(const struct rk_teams_facts *f, const int *m,
			       size_t n)
{
	size_t pairs = 0, sharing = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			pairs++;
			sharing += rk_teams_facts_share_section(f, m[i], m[j]);
		}
	return pairs ? (double)sharing / (double)pairs : 0.0;
}

/* Adds a team of @n @members (copied, sorted) with its facts. */
static enum rk_status add_team(struct rk_teams_proposal *p, const int *members,
			       size_t n, int source)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct team *teams = realloc(p->teams, cap * sizeof(*teams));
		if (!teams)
			return RK_ERR_NOMEM;
		p->teams = teams;
		p->cap = cap;
	}
	struct team *t = &p->teams[p->n];
	memset(t, 0, sizeof(*t));
	t->members = malloc((n ? n : 1) * sizeof(*t->members));
	t->moments = malloc((p->facts->n_slots + 1) * sizeof(*t->moments));
	if (!t->members || !t->moments) {
		free(t->members);
		free(t->moments);
		return RK_ERR_NOMEM;
	}
	memcpy(t->members, members, n * sizeof(*members));
	rk_sort_ints(t->members, n);
	t->n = n;
	t->source = source;
	t->n_moments =
		rk_teams_facts_common(p->facts, t->members, n, t->moments);
	t->section = team_section(p->facts, t->members, n);
	t->homogeneity = team_homogeneity(p->facts, t->members, n);
	for (size_t i = 0; i < n; i++)
		p->team_of[members[i]] = (int)p->n;
	p->n++;
	return RK_OK;
}

/* Drops the teams from @from on (a block that is solved again). */
static void drop_teams(struct rk_teams_proposal *p, size_t from)
{
	while (p->n > from) {
		struct team *t = &p->teams[--p->n];
		for (size_t i = 0; i < t->n; i++)
			p->team_of[t->members[i]] = -1;
		free(t->members);
		free(t->moments);
	}
}

/* The school's own teams (all, or only those marked fixed), members
 * resolved, as teams of @p. */
static enum rk_status add_school_teams(struct rk_teams_proposal *p,
				       const struct rk_school *school, bool all)
{
	for (size_t t = 0; t < rk_school_n_team(school); t++) {
		const struct rk_team *st = rk_school_get_team(school, t);
		if (!all && !st->fixed)
			continue;
		int *m = malloc((st->n_members + 1) * sizeof(*m));
		if (!m)
			return RK_ERR_NOMEM;
		size_t n = 0;
		for (size_t i = 0; i < st->n_members; i++) {
			int idx = st->members[i].index >= 0
					  ? st->members[i].index
					  : rk_school_find_person(
						    school, st->members[i].id);
			if (idx >= 0 && p->team_of[idx] < 0)
				m[n++] = idx;
		}
		enum rk_status status = add_team(p, m, n, (int)t);
		free(m);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

enum rk_status rk_teams_current(const struct rk_school *school,
				const struct rk_teams_options *options,
				struct rk_teams_proposal **out)
{
	*out = NULL;
	struct opts o = resolve(options);
	struct rk_teams_proposal *p;
	enum rk_status status = proposal_new(school, &o, &p);
	if (status != RK_OK)
		return status;
	status = add_school_teams(p, school, true);
	if (status != RK_OK) {
		rk_teams_proposal_free(p);
		return status;
	}
	p->models = 0;
	*out = p;
	return RK_OK;
}

/* ---- one block's model ---- */

struct model {
	const struct rk_teams_facts *f;
	const struct opts *o;
	const int *people;
	size_t n;
	size_t teams;	  /* the most teams the block can hold */
	size_t min_teams; /* the fewest */
	struct rk_mip *mip;
	int *x;	    /* [i * teams + t], -1 where i cannot be in t */
	int *used;  /* [t] */
	int *over;  /* [t]: the first of its members-over-target columns */
	int *y;	    /* [t * n_slots + s], -1 where s cannot be t's moment */
	bool *keep; /* [s]: moment s is offered (choose_slots) */
};

#define X(m, i, t) ((m)->x[(size_t)(i) * (m)->teams + (size_t)(t)])
#define Y(m, t, s) ((m)->y[(size_t)(t) * (m)->f->n_slots + (size_t)(s)])

static bool mip_ok(enum rk_status *status, int index)
{
	if (index < 0)
		*status = RK_ERR_NOMEM;
	return index >= 0;
}

/* x, used and the team size, with a member i only in teams t <= i: the
 * first member of every team opens it, which takes away the symmetry of
 * renumbering teams. */
static enum rk_status add_assignment(struct model *m)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t i = 0; i < m->n; i++)
		for (size_t t = 0; t < m->teams; t++) {
			snprintf(name, sizeof(name), "x_%d_%zu", m->people[i],
				 t);
			X(m, i, t) = t <= i ? rk_mip_add_binary(m->mip, name, 0)
					    : -1;
			if (t <= i && !mip_ok(&st, X(m, i, t)))
				return st;
		}
	for (size_t i = 0; i < m->n; i++) {
		snprintf(name, sizeof(name), "one_team_%d", m->people[i]);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_EQ, 1)))
			return st;
		for (size_t t = 0; t < m->teams && st == RK_OK; t++)
			if (X(m, i, t) >= 0)
				st = rk_mip_term(m->mip, X(m, i, t), 1);
	}
	return st;
}

/* Adds sum_i x[i,t] + @c_used * used[t] + @c_dev * (the @n_dev columns
 * from @dev) to a new row. */
static enum rk_status size_row(struct model *m, size_t t, const char *what,
			       enum rk_mip_sense sense, double c_used, int dev,
			       int n_dev, double c_dev)
{
	char name[64];
	snprintf(name, sizeof(name), "%s_%zu", what, t);
	enum rk_status st = RK_OK;
	if (!mip_ok(&st, rk_mip_add_row(m->mip, name, sense, 0)))
		return st;
	for (size_t i = 0; i < m->n && st == RK_OK; i++)
		if (X(m, i, t) >= 0)
			st = rk_mip_term(m->mip, X(m, i, t), 1);
	if (st == RK_OK)
		st = rk_mip_term(m->mip, m->used[t], c_used);
	for (int k = 0; k < n_dev && st == RK_OK; k++)
		st = rk_mip_term(m->mip, dev + k, c_dev);
	return st;
}

/* @n unit columns, the k-th (from 1) costing k * w_size: a team of ten
 * pays 1 + 2 for its two members over eight, growing with every member
 * as the pairs a bigger team holds do. Returns the first, or -1. */
static int add_steps(struct model *m, const char *what, size_t t, int n)
{
	char name[64];
	int first = -1;
	for (int k = 1; k <= n; k++) {
		snprintf(name, sizeof(name), "%s_%zu_%d", what, t, k);
		int col = rk_mip_add_binary(m->mip, name,
					    (double)k * m->o->w_size);
		if (col < 0)
			return -1;
		if (k == 1)
			first = col;
	}
	return n > 0 ? first : (int)rk_mip_n_cols(m->mip);
}

static enum rk_status add_team_size(struct model *m, size_t t)
{
	enum rk_status st = RK_OK;
	char name[64];
	int n_over = m->o->max - m->o->target;
	int n_under = m->o->target - m->o->min;
	snprintf(name, sizeof(name), "used_%zu", t);
	double lo = t < m->min_teams ? 1 : 0;
	m->used[t] = rk_mip_add_integer(m->mip, name, 0, lo, 1);
	m->over[t] = add_steps(m, "over", t, n_over);
	int under = add_steps(m, "under", t, n_under);
	if (!mip_ok(&st, m->used[t]) || !mip_ok(&st, m->over[t]) ||
	    !mip_ok(&st, under))
		return st;
	st = size_row(m, t, "min_size", RK_MIP_GE, -m->o->min, 0, 0, 0);
	if (st == RK_OK)
		st = size_row(m, t, "max_size", RK_MIP_LE, -m->o->max, 0, 0, 0);
	if (st == RK_OK)
		st = size_row(m, t, "size_over", RK_MIP_LE, -m->o->target,
			      m->over[t], n_over, -1);
	if (st == RK_OK)
		st = size_row(m, t, "size_under", RK_MIP_GE, -m->o->target,
			      under, n_under, 1);
	return st;
}

static enum rk_status add_sizes(struct model *m)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t t = 0; t < m->teams; t++) {
		st = add_team_size(m, t);
		if (st != RK_OK)
			return st;
		if (t == 0)
			continue;
		snprintf(name, sizeof(name), "in_order_%zu", t);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_GE, 0)))
			return st;
		st = rk_mip_term(m->mip, m->used[t - 1], 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, m->used[t], -1);
		if (st != RK_OK)
			return st;
	}
	return RK_OK;
}

/* A moment can be a team's only when enough of the block are free then. */
static bool slot_possible(const struct model *m, size_t s)
{
	int free = 0;
	for (size_t i = 0; i < m->n; i++)
		free += rk_teams_facts_free_at(m->f, m->people[i], s);
	return free >= m->o->min;
}

static bool same_free(const struct model *m, size_t a, size_t b)
{
	for (size_t i = 0; i < m->n; i++)
		if (rk_teams_facts_free_at(m->f, m->people[i], a) !=
		    rk_teams_facts_free_at(m->f, m->people[i], b))
			return false;
	return true;
}

static bool overlaps(const struct rk_free_moment *a,
		     const struct rk_free_moment *b)
{
	return a->weekday == b->weekday && a->start < b->end &&
	       b->start < a->end;
}

/* Marks in @keep the moments the model offers: possible ones, and of
 * moments at which exactly the same members of the block are free only
 * the first min_moments that lie apart (the late afternoons on which
 * everyone is free would otherwise offer dozens of equal choices, and
 * the solver would try them all). */
static void choose_slots(const struct model *m, bool *keep)
{
	size_t ns = m->f->n_slots;
	for (size_t s = 0; s < ns; s++) {
		keep[s] = slot_possible(m, s);
		size_t equal = 0;
		for (size_t k = 0; k < s && keep[s]; k++) {
			if (!keep[k] || !same_free(m, k, s))
				continue;
			equal++;
			if (overlaps(&m->f->slots[k], &m->f->slots[s]) ||
			    equal >= (size_t)m->o->moments)
				keep[s] = false;
		}
	}
}

/* y[t,s] + x[i,t] <= 1 for every member i busy at s. */
static enum rk_status add_moment_links(struct model *m, size_t t, size_t s)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t i = 0; i < m->n && st == RK_OK; i++) {
		if (X(m, i, t) < 0 ||
		    rk_teams_facts_free_at(m->f, m->people[i], s))
			continue;
		snprintf(name, sizeof(name), "busy_%zu_%zu_%d", t, s,
			 m->people[i]);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 1)))
			return st;
		st = rk_mip_term(m->mip, Y(m, t, s), 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, X(m, i, t), 1);
	}
	return st;
}

/* At most one moment of team t covers the start of moment s: taken
 * moments do not overlap. */
static enum rk_status add_overlap_row(struct model *m, size_t t, size_t s)
{
	const struct rk_free_moment *a = &m->f->slots[s];
	size_t covering = 0;
	for (size_t k = 0; k < m->f->n_slots; k++) {
		const struct rk_free_moment *b = &m->f->slots[k];
		covering += Y(m, t, k) >= 0 && b->weekday == a->weekday &&
			    b->start <= a->start && a->start < b->end;
	}
	if (covering < 2)
		return RK_OK;
	char name[64];
	snprintf(name, sizeof(name), "apart_%zu_%zu", t, s);
	enum rk_status st = RK_OK;
	if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 1)))
		return st;
	for (size_t k = 0; k < m->f->n_slots && st == RK_OK; k++) {
		const struct rk_free_moment *b = &m->f->slots[k];
		if (Y(m, t, k) >= 0 && b->weekday == a->weekday &&
		    b->start <= a->start && a->start < b->end)
			st = rk_mip_term(m->mip, Y(m, t, k), 1);
	}
	return st;
}

/* min_moments * x[i,t] <= sum of y[t,s] over the moments s at which i
 * is free: implied by the links for whole numbers, but the relaxation
 * with x fractional loses it, and with it the bound (measured: tiny
 * primary-school blocks of 16 that did not close in 10 s). */
static enum rk_status add_member_moments(struct model *m, size_t t)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t i = 0; i < m->n && st == RK_OK; i++) {
		if (X(m, i, t) < 0)
			continue;
		snprintf(name, sizeof(name), "own_moments_%d_%zu", m->people[i],
			 t);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_GE, 0)))
			return st;
		for (size_t s = 0; s < m->f->n_slots && st == RK_OK; s++)
			if (Y(m, t, s) >= 0 &&
			    rk_teams_facts_free_at(m->f, m->people[i], s))
				st = rk_mip_term(m->mip, Y(m, t, s), 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, X(m, i, t), -m->o->moments);
	}
	return st;
}

static enum rk_status add_moments(struct model *m)
{
	enum rk_status st = RK_OK;
	char name[64];
	size_t ns = m->f->n_slots;
	for (size_t t = 0; t < m->teams; t++) {
		for (size_t s = 0; s < ns; s++) {
			snprintf(name, sizeof(name), "y_%zu_%zu", t, s);
			Y(m, t, s) =
				m->keep[s] ? rk_mip_add_binary(m->mip, name, 0)
					   : -1;
			if (m->keep[s] && !mip_ok(&st, Y(m, t, s)))
				return st;
		}
		for (size_t s = 0; s < ns && st == RK_OK; s++)
			if (Y(m, t, s) >= 0)
				st = add_moment_links(m, t, s);
		for (size_t s = 0; s < ns && st == RK_OK; s++)
			if (Y(m, t, s) >= 0)
				st = add_overlap_row(m, t, s);
		if (st == RK_OK)
			st = add_member_moments(m, t);
		if (st != RK_OK)
			return st;
		snprintf(name, sizeof(name), "moments_%zu", t);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_GE, 0)))
			return st;
		for (size_t s = 0; s < ns && st == RK_OK; s++)
			if (Y(m, t, s) >= 0)
				st = rk_mip_term(m->mip, Y(m, t, s), 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, m->used[t], -m->o->moments);
		if (st != RK_OK)
			return st;
	}
	return RK_OK;
}

/* Levels v[t,k,l] for l = 1..L of a class k (a section, or a grade)
 * in team t: sum_l v[t,k,l] <= members of k in t, v[t,k,l] <= v[t,k,l-1],
 * level l worth (l - 1) * @w. A team with c members of the class then
 * earns c (c - 1) / 2 * @w, once per pair that shares it; in the
 * relaxation the count may be fractional and the reward is the line
 * between the integer points, so the bound stays close to what a
 * division can reach (a variable per pair would let the relaxation count
 * every pair in every team). */
static enum rk_status add_class(struct model *m, const int *class_of, int k,
				size_t t, int w, const char *what)
{
	size_t count = 0;
	for (size_t i = t; i < m->n; i++)
		count += class_of[m->people[i]] == k;
	size_t levels = count < (size_t)m->o->max ? count : (size_t)m->o->max;
	if (levels < 2)
		return RK_OK;
	enum rk_status st = RK_OK;
	char name[64];
	int first = (int)rk_mip_n_cols(m->mip);
	for (size_t l = 1; l <= levels; l++) {
		snprintf(name, sizeof(name), "%s_%zu_%d_%zu", what, t, k, l);
		if (!mip_ok(&st,
			    rk_mip_add_binary(m->mip, name,
					      -(double)w * (double)(l - 1))))
			return st;
		if (l == 1)
			continue;
		snprintf(name, sizeof(name), "%s_order_%zu_%d_%zu", what, t, k,
			 l);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 0)))
			return st;
		st = rk_mip_term(m->mip, first + (int)l - 1, 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, first + (int)l - 2, -1);
		if (st != RK_OK)
			return st;
	}
	snprintf(name, sizeof(name), "%s_count_%zu_%d", what, t, k);
	if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 0)))
		return st;
	for (size_t l = 0; l < levels && st == RK_OK; l++)
		st = rk_mip_term(m->mip, first + (int)l, 1);
	for (size_t i = t; i < m->n && st == RK_OK; i++)
		if (class_of[m->people[i]] == k)
			st = rk_mip_term(m->mip, X(m, i, t), -1);
	return st;
}

/* The homogeneity: pairs sharing their section, pairs sharing their
 * grade. */
static enum rk_status add_homogeneity(struct model *m)
{
	enum rk_status st = RK_OK;
	const struct rk_teams_facts *f = m->f;
	for (size_t t = 0; t < m->teams && st == RK_OK; t++) {
		for (size_t k = 0; k < f->sections.n && st == RK_OK; k++)
			st = add_class(m, f->section, (int)k, t,
				       m->o->w_section, "section");
		for (size_t k = 0; k < f->grades.n && st == RK_OK; k++)
			st = add_class(m, f->grade, (int)k, t, m->o->w_grade,
				       "grade");
	}
	return st;
}

/* x[a,t] == x[b,t] (together) or x[a,t] + x[b,t] <= 1 (apart) for every
 * team t; a column that does not exist (t > a) is 0. */
static enum rk_status add_rule_pair(struct model *m, bool together, int a,
				    int b)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t t = 0; t < m->teams && st == RK_OK; t++) {
		int xa = X(m, a, t), xb = X(m, b, t);
		if (xa < 0 && xb < 0)
			continue;
		if (!together && (xa < 0 || xb < 0))
			continue;
		snprintf(name, sizeof(name), "%s_%d_%d_%zu",
			 together ? "together" : "apart", m->people[a],
			 m->people[b], t);
		if (!mip_ok(&st,
			    rk_mip_add_row(m->mip, name,
					   together ? RK_MIP_EQ : RK_MIP_LE,
					   together ? 0 : 1)))
			return st;
		if (xa >= 0)
			st = rk_mip_term(m->mip, xa, 1);
		if (xb >= 0 && st == RK_OK)
			st = rk_mip_term(m->mip, xb, together ? -1 : 1);
	}
	return st;
}

/* The school file's team_forming rules between members of the block. */
static enum rk_status add_rules(struct model *m)
{
	const struct rk_school *s = m->f->school;
	if (rk_school_n_team_rule(s) == 0)
		return RK_OK;
	int *pos = malloc((m->f->n_people + 1) * sizeof(*pos));
	if (!pos)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < m->f->n_people; i++)
		pos[i] = -1;
	for (size_t i = 0; i < m->n; i++)
		pos[m->people[i]] = (int)i;
	enum rk_status st = RK_OK;
	for (size_t r = 0; r < rk_school_n_team_rule(s) && st == RK_OK; r++) {
		const struct rk_team_rule *rule = rk_school_get_team_rule(s, r);
		for (size_t j = 0; j < rule->n_people && st == RK_OK; j++)
			for (size_t k = j + 1;
			     k < rule->n_people && st == RK_OK; k++) {
				int a = rule->people[j].index;
				int b = rule->people[k].index;
				if (a < 0 || b < 0 || pos[a] < 0 ||
				    pos[b] < 0 || a == b)
					continue;
				st = add_rule_pair(m, rule->together, pos[a],
						   pos[b]);
			}
	}
	free(pos);
	return st;
}

/* For member @i and each team t: x[i,t] <= sum of x[j,t] over the
 * members j whose lesson i can visit (@visited: who can visit i) + a
 * column of COST_NO_VISIT. @can[i * n + j]: i can visit j. */
static enum rk_status add_visit_rows(struct model *m, const bool *can, size_t i,
				     bool visited)
{
	enum rk_status st = RK_OK;
	char name[64];
	snprintf(name, sizeof(name), "%s_%d",
		 visited ? "no_visitor" : "no_host", m->people[i]);
	int slack = rk_mip_add_binary(m->mip, name, COST_NO_VISIT);
	if (!mip_ok(&st, slack))
		return st;
	for (size_t t = 0; t < m->teams && st == RK_OK; t++) {
		if (X(m, i, t) < 0)
			continue;
		snprintf(name, sizeof(name), "%s_%d_%zu",
			 visited ? "visitor" : "host", m->people[i], t);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 0)))
			return st;
		st = rk_mip_term(m->mip, X(m, i, t), 1);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, slack, -1);
		for (size_t j = 0; j < m->n && st == RK_OK; j++) {
			bool ok =
				visited ? can[j * m->n + i] : can[i * m->n + j];
			if (j != i && ok && X(m, j, t) >= 0)
				st = rk_mip_term(m->mip, X(m, j, t), -1);
		}
	}
	return st;
}

/* Two members @a and @b of whom neither can visit the other are in no
 * duo or trio together (a trio visits round a cycle), and each member's
 * visitor and host are in their own duo or trio: so with both in team t,
 * at least two members who can visit one of them are in t, and two whose
 * lesson one of them can visit (Hall's condition for two; the rows of
 * add_visit_rows are the one for one). Wms and Murr of the Untis export
 * are the case: only Hack and Lenn can visit them.
 * 2 (x[a,t] + x[b,t] - 1) <= sum x[r,t] + 2 slack. */
static enum rk_status add_pair_rows(struct model *m, const bool *can, size_t a,
				    size_t b, bool visited, int *slack)
{
	enum rk_status st = RK_OK;
	char name[64];
	for (size_t t = 0; t < m->teams && st == RK_OK; t++) {
		if (X(m, a, t) < 0 || X(m, b, t) < 0)
			continue;
		if (*slack < 0) {
			snprintf(name, sizeof(name), "apart_%d_%d",
				 m->people[a], m->people[b]);
			*slack = rk_mip_add_binary(m->mip, name, COST_NO_VISIT);
			if (!mip_ok(&st, *slack))
				return st;
		}
		snprintf(name, sizeof(name), "%s_%d_%d_%zu",
			 visited ? "visitors" : "hosts", m->people[a],
			 m->people[b], t);
		if (!mip_ok(&st, rk_mip_add_row(m->mip, name, RK_MIP_LE, 2)))
			return st;
		st = rk_mip_term(m->mip, X(m, a, t), 2);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, X(m, b, t), 2);
		if (st == RK_OK)
			st = rk_mip_term(m->mip, *slack, -2);
		for (size_t r = 0; r < m->n && st == RK_OK; r++) {
			bool ok =
				visited ? can[r * m->n + a] || can[r * m->n + b]
					: can[a * m->n + r] ||
						  can[b * m->n + r];
			if (r != a && r != b && ok && X(m, r, t) >= 0)
				st = rk_mip_term(m->mip, X(m, r, t), -1);
		}
	}
	return st;
}

/* Every member can visit a teammate's lesson and be visited by one (the
 * least the duo step needs), judged as the planner judges it; and two
 * who cannot visit each other have two others to pair with. */
static enum rk_status add_visits(struct model *m)
{
	bool *can = malloc((m->n * m->n + 1) * sizeof(*can));
	if (!can)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < m->n; i++)
		for (size_t j = 0; j < m->n; j++)
			can[i * m->n + j] =
				i != j &&
				rk_teams_facts_can_visit(m->f, m->people[i],
							 m->people[j]);
	/* A member no one in the block can visit, or who can visit no one
	 * (a primary school's teachers, who teach all day, without cover),
	 * gets no rows: no division helps, and their forced slacks would
	 * only weigh down the model. */
	bool *any = calloc(m->n + 1, sizeof(*any));
	if (!any) {
		free(can);
		return RK_ERR_NOMEM;
	}
	for (size_t i = 0; i < m->n; i++) {
		bool host = false, visitor = false;
		for (size_t j = 0; j < m->n; j++) {
			host |= can[i * m->n + j];
			visitor |= can[j * m->n + i];
		}
		any[i] = host && visitor;
	}
	enum rk_status st = RK_OK;
	for (size_t i = 0; i < m->n && st == RK_OK; i++) {
		if (!any[i])
			continue;
		st = add_visit_rows(m, can, i, false);
		if (st == RK_OK)
			st = add_visit_rows(m, can, i, true);
	}
	for (size_t a = 0; a < m->n && st == RK_OK; a++)
		for (size_t b = a + 1; b < m->n && st == RK_OK; b++) {
			int slack = -1;
			if (!any[a] || !any[b] || can[a * m->n + b] ||
			    can[b * m->n + a])
				continue;
			st = add_pair_rows(m, can, a, b, false, &slack);
			if (st == RK_OK)
				st = add_pair_rows(m, can, a, b, true, &slack);
		}
	free(any);
	free(can);
	return st;
}

static void model_free(struct model *m)
{
	rk_mip_free(m->mip);
	free(m->x);
	free(m->used);
	free(m->over);
	free(m->y);
	free(m->keep);
}

static enum rk_status model_build(struct model *m)
{
	m->teams = m->n / (size_t)m->o->min;
	m->min_teams = (m->n + (size_t)m->o->max - 1) / (size_t)m->o->max;
	m->mip = rk_mip_new("lerarenteams");
	m->x = malloc((m->n * m->teams + 1) * sizeof(*m->x));
	m->used = malloc((m->teams + 1) * sizeof(*m->used));
	m->over = malloc((m->teams + 1) * sizeof(*m->over));
	m->keep = malloc((m->f->n_slots + 1) * sizeof(*m->keep));
	m->y = malloc((m->teams * m->f->n_slots + 1) * sizeof(*m->y));
	if (!m->mip || !m->x || !m->used || !m->over || !m->y || !m->keep)
		return RK_ERR_NOMEM;
	choose_slots(m, m->keep);
	enum rk_status st = add_assignment(m);
	if (st == RK_OK)
		st = add_sizes(m);
	if (st == RK_OK)
		st = add_moments(m);
	if (st == RK_OK)
		st = add_homogeneity(m);
	if (st == RK_OK)
		st = add_rules(m);
	if (st == RK_OK)
		st = add_visits(m);
	return st;
}

/* Reads the teams of a solved block into @p. */
static enum rk_status model_read(const struct model *m,
				 struct rk_teams_proposal *p)
{
	int *members = malloc((m->n + 1) * sizeof(*members));
	if (!members)
		return RK_ERR_NOMEM;
	enum rk_status st = RK_OK;
	for (size_t t = 0; t < m->teams && st == RK_OK; t++) {
		size_t n = 0;
		for (size_t i = 0; i < m->n; i++)
			if (X(m, i, t) >= 0 &&
			    rk_mip_chosen(m->mip, X(m, i, t)))
				members[n++] = m->people[i];
		if (n == 0)
			continue;
		st = add_team(p, members, n, -1);
		/* The model promised the moments; the facts must agree. */
		if (st == RK_OK &&
		    p->teams[p->n - 1].n_moments < (size_t)m->o->moments)
			st = RK_ERR_BUG;
	}
	free(members);
	return st;
}

/* Solves one block; *feasible says whether it could be divided. */
static enum rk_status solve_block(struct rk_teams_proposal *p,
				  const struct opts *o, const int *people,
				  size_t n, bool *feasible)
{
	*feasible = false;
	if (n < (size_t)o->min)
		return RK_OK;
	struct model m = { p->facts, o,	   people, n,	 0,    0,
			   NULL,     NULL, NULL,   NULL, NULL, NULL };
	enum rk_status st = model_build(&m);
	struct rk_mip_stats stats;
	if (st == RK_OK)
		st = rk_mip_solve(m.mip, &o->limits, &stats);
	if (st == RK_OK && stats.result == RK_MIP_FAILED)
		st = RK_ERR_SOLVER;
	if (st == RK_OK && stats.result != RK_MIP_INFEASIBLE) {
		*feasible = true;
		p->models++;
		p->optimal = p->optimal && stats.result == RK_MIP_OPTIMAL;
		p->timed_out = p->timed_out || stats.stop == RK_MIP_TIME_LIMIT;
		if (stats.gap > p->gap)
			p->gap = stats.gap;
		st = model_read(&m, p);
	}
	model_free(&m);
	return st;
}

/* ---- blocks ---- */

struct order_key {
	int bouw;
	int section;
	int grade;
	int group;
	int person;
};

static int key_part(int v)
{
	return v < 0 ? 1 << 30 : v;
}

static int cmp_key(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->bouw != y->bouw)
		return x->bouw < y->bouw ? -1 : 1;
	if (key_part(x->section) != key_part(y->section))
		return key_part(x->section) < key_part(y->section) ? -1 : 1;
	if (key_part(x->grade) != key_part(y->grade))
		return key_part(x->grade) < key_part(y->grade) ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return (x->person > y->person) - (x->person < y->person);
}

struct block {
	size_t from;
	size_t to;
	size_t first_team; /* the proposal's team count before it */
};

struct blocks {
	int *people; /* the teachers to divide, in block order */
	int *bouw;   /* per position: its bouw (primary schools) or section */
	size_t n;
	struct block *items;
	size_t n_blocks;
};

static void blocks_free(struct blocks *b)
{
	free(b->people);
	free(b->bouw);
	free(b->items);
}

/* The teachers not yet in a team, sorted by bouw (primary schools),
 * section and grade. */
static enum rk_status order_people(const struct rk_teams_proposal *p,
				   struct blocks *b)
{
	const struct rk_teams_facts *f = p->facts;
	bool po = rk_school_get_info(f->school)->type == RK_SCHOOL_PO;
	size_t np = f->n_people ? f->n_people : 1;
	struct order_key *keys = malloc(np * sizeof(*keys));
	b->people = malloc(np * sizeof(*b->people));
	b->bouw = malloc(np * sizeof(*b->bouw));
	b->items = malloc(np * sizeof(*b->items));
	if (!keys || !b->people || !b->bouw || !b->items) {
		free(keys);
		return RK_ERR_NOMEM;
	}
	/* People who must be together sort as the first of them. */
	for (size_t i = 0; i < f->n_people; i++) {
		int g = p->group[i];
		if (f->teacher[i] && p->team_of[i] < 0)
			keys[b->n++] = (struct order_key){
				key_part(po ? f->grade[g] : f->section[g]),
				f->section[g], f->grade[g], g, (int)i
			};
	}
	qsort(keys, b->n, sizeof(*keys), cmp_key);
	for (size_t i = 0; i < b->n; i++) {
		b->people[i] = keys[i].person;
		b->bouw[i] = keys[i].bouw;
	}
	free(keys);
	return RK_OK;
}

/* Cuts [from, to) into blocks of at most BLOCK_TEAMS teams of about the
 * preferred size each: 60 teachers are 8 teams, in blocks of 3, 3 and 2
 * teams (22, 23 and 15 teachers), not three blocks of 20 that only split
 * into teams of 10 or of 6 and 7. */
static void cut_segment(struct blocks *b, const struct opts *o, size_t from,
			size_t to)
{
	size_t n = to - from, target = (size_t)o->target;
	size_t teams = (n + target / 2) / target;
	if (teams == 0)
		teams = 1;
	size_t k = (teams + BLOCK_TEAMS - 1) / BLOCK_TEAMS;
	size_t done = 0;
	for (size_t j = 0; j < k; j++) {
		/* Blocks of BLOCK_TEAMS teams first, the rest in the last. */
		size_t here = j + 1 < k ? BLOCK_TEAMS : teams - done;
		size_t a = from + n * done / teams;
		done += here;
		size_t e = from + n * done / teams;
		b->items[b->n_blocks++] = (struct block){ a, e, 0 };
	}
}

/* A segment (a primary school's bouw, a team per bouw; else a section)
 * is cut into blocks of its own unless too small for a team, so that a
 * block boundary does not split a section that fits in whole teams. */
static void make_blocks(struct blocks *b, const struct opts *o)
{
	size_t from = 0;
	for (size_t i = 1; i <= b->n; i++) {
		bool end = i == b->n || b->bouw[i] != b->bouw[i - 1];
		if (!end || i - from < (size_t)o->min)
			continue;
		/* The rest after this bouw too small for a team stays in. */
		size_t rest = 0;
		while (i + rest < b->n && b->bouw[i + rest] == b->bouw[i])
			rest++;
		if (i + rest == b->n && rest < (size_t)o->min)
			continue;
		cut_segment(b, o, from, i);
		from = i;
	}
	if (from < b->n)
		cut_segment(b, o, from, b->n);
}

/* Moves block boundaries past people who must be together, and drops
 * blocks left empty. */
static void keep_groups_whole(struct blocks *b, const int *group)
{
	size_t kept = 0;
	for (size_t k = 0; k < b->n_blocks; k++) {
		struct block bl = b->items[k];
		if (kept > 0) {
			bl.from = b->items[kept - 1].to;
			while (bl.from < bl.to &&
			       group[b->people[bl.from]] ==
				       group[b->people[bl.from - 1]])
				bl.from++;
			b->items[kept - 1].to = bl.from;
		}
		if (bl.from < bl.to)
			b->items[kept++] = bl;
		else if (kept > 0)
			b->items[kept - 1].to = bl.to;
	}
	b->n_blocks = kept;
}

static int find_group(int *group, int i)
{
	while (group[i] != i) {
		group[i] = group[group[i]];
		i = group[i];
	}
	return i;
}

/* The together rules of the school file as groups: each person's group
 * is the first (lowest index) person of it. */
static void make_groups(struct rk_teams_proposal *p)
{
	const struct rk_school *s = p->facts->school;
	for (size_t r = 0; r < rk_school_n_team_rule(s); r++) {
		const struct rk_team_rule *rule = rk_school_get_team_rule(s, r);
		for (size_t k = 1; rule->together && k < rule->n_people; k++) {
			int a = rule->people[0].index,
			    b = rule->people[k].index;
			if (a < 0 || b < 0)
				continue;
			a = find_group(p->group, a);
			b = find_group(p->group, b);
			if (a < b)
				p->group[b] = a;
			else
				p->group[a] = b;
		}
	}
	for (size_t i = 0; i < p->facts->n_people; i++)
		p->group[i] = find_group(p->group, (int)i);
}

/* ---- who cannot be placed ---- */

static void say_unplaceable(const struct rk_teams_facts *f,
			    const struct opts *o, int person,
			    enum rk_teams_place why, size_t found,
			    struct rk_diags *diags)
{
	const struct rk_person *p =
		rk_school_get_person(f->school, (size_t)person);
	int minutes = rk_school_get_settings(f->school)->bordsessie_minutes;
	int others = o->min - 1;
	if (why == RK_PLACE_NO_MOMENT)
		rk_diags_add(
			diags, RK_SEV_ERROR, p->loc.file, p->loc.line,
			p->loc.column,
			_("%s (%s) has no free moment of %d minutes in the week that %d colleagues also have free"),
			p->id, p->name ? p->name : "?", minutes, others);
	else if (why == RK_PLACE_TOO_FEW)
		rk_diags_add(
			diags, RK_SEV_ERROR, p->loc.file, p->loc.line,
			p->loc.column,
			P_("%s (%s) has only %zu free moment of %d minutes in the week that %d colleagues also have free; a team needs %d",
			   "%s (%s) has only %zu free moments of %d minutes in the week that %d colleagues also have free; a team needs %d",
			   found),
			p->id, p->name ? p->name : "?", found, minutes, others,
			o->moments);
	else
		rk_diags_add(
			diags, RK_SEV_ERROR, p->loc.file, p->loc.line,
			p->loc.column,
			_("%s (%s) has no %d free moments of %d minutes in the week that the same %d colleagues also have free"),
			p->id, p->name ? p->name : "?", o->moments, minutes,
			others);
}

/* Names every teacher of @b that no team can hold; their number. */
static size_t explain(const struct rk_teams_proposal *p, const struct opts *o,
		      const struct blocks *b, struct rk_diags *diags)
{
	const struct rk_teams_facts *f = p->facts;
	size_t pw = f->n_people / 64 + 1, bad = 0;
	uint64_t *pool = calloc(pw, sizeof(*pool));
	size_t *count = malloc((f->n_slots + 1) * sizeof(*count));
	int *sorted = malloc((b->n + 1) * sizeof(*sorted));
	if (!pool || !count || !sorted)
		goto out;
	for (size_t i = 0; i < b->n; i++)
		pool[b->people[i] / 64] |= (uint64_t)1 << (b->people[i] % 64);
	rk_teams_facts_pool_count(f, pool, count);
	/* In the order of the school file, as the reader knows them. */
	memcpy(sorted, b->people, b->n * sizeof(*sorted));
	rk_sort_ints(sorted, b->n);
	for (size_t i = 0; i < b->n; i++) {
		size_t found;
		enum rk_teams_place why = rk_teams_facts_placeable(
			f, pool, count, sorted[i], o->min, o->moments, &found);
		if (why == RK_PLACE_OK)
			continue;
		say_unplaceable(f, o, sorted[i], why, found, diags);
		bad++;
	}
out:
	free(pool);
	free(count);
	free(sorted);
	return bad;
}

/* Warns about each teacher of a section large enough for a team of its
 * own whom no team of that section could hold ("a team of exact cannot
 * hold LIST"): why they are in a mixed team. Not for primary schools,
 * whose teachers teach every subject. */
static void warn_outside_section(const struct rk_teams_proposal *p,
				 const struct opts *o, const struct blocks *b,
				 struct rk_diags *diags)
{
	const struct rk_teams_facts *f = p->facts;
	if (rk_school_get_info(f->school)->type == RK_SCHOOL_PO)
		return;
	size_t pw = f->n_people / 64 + 1;
	int minutes = rk_school_get_settings(f->school)->bordsessie_minutes;
	uint64_t *pool = malloc(pw * sizeof(*pool));
	size_t *count = malloc((f->n_slots + 1) * sizeof(*count));
	for (size_t k = 0; pool && count && k < f->sections.n; k++) {
		size_t members = 0;
		memset(pool, 0, pw * sizeof(*pool));
		for (size_t i = 0; i < b->n; i++)
			if (f->section[b->people[i]] == (int)k) {
				int q = b->people[i];
				pool[q / 64] |= (uint64_t)1 << (q % 64);
				members++;
			}
		if (members < (size_t)o->min)
			continue;
		rk_teams_facts_pool_count(f, pool, count);
		for (size_t q = 0; q < f->n_people; q++) {
			size_t found;
			if (!(pool[q / 64] >> (q % 64) & 1u) ||
			    rk_teams_facts_placeable(f, pool, count, (int)q,
						     o->min, o->moments,
						     &found) == RK_PLACE_OK)
				continue;
			const struct rk_person *pe =
				rk_school_get_person(f->school, q);
			rk_diags_add(
				diags, RK_SEV_WARNING, pe->loc.file,
				pe->loc.line, pe->loc.column,
				_("%s (%s) has no %d free moments of %d minutes in the week that %d colleagues of %s also have free: no team of %s can hold them"),
				pe->id, pe->name ? pe->name : "?", o->moments,
				minutes, o->min - 1, f->sections.items[k],
				f->sections.items[k]);
		}
	}
	free(pool);
	free(count);
}

static void say_no_division(const struct rk_teams_facts *f,
			    const struct opts *o, size_t n,
			    struct rk_diags *diags)
{
	const struct rk_school_info *info = rk_school_get_info(f->school);
	rk_diags_add(
		diags, RK_SEV_ERROR, info->loc.file, info->loc.line,
		info->loc.column,
		_("no division of the %zu teachers into teams of %d to %d gives every team %d common free moments of %d minutes a week"),
		n, o->min, o->max, o->moments,
		rk_school_get_settings(f->school)->bordsessie_minutes);
}

/* ---- the proposal ---- */

/* Solves block by block; a block without a division is merged with the
 * next (the last with the one before) and solved again. */
static enum rk_status solve_blocks(struct rk_teams_proposal *p,
				   const struct opts *o, struct blocks *b,
				   bool *feasible)
{
	size_t k = 0;
	*feasible = true;
	while (k < b->n_blocks) {
		struct block *bl = &b->items[k];
		bl->first_team = p->n;
		bool ok;
		enum rk_status st = solve_block(p, o, b->people + bl->from,
						bl->to - bl->from, &ok);
		if (st != RK_OK)
			return st;
		if (ok) {
			k++;
			continue;
		}
		if (k + 1 < b->n_blocks) {
			b->items[k + 1].from = bl->from;
			memmove(bl, bl + 1,
				(b->n_blocks - k - 1) * sizeof(*bl));
		} else if (k > 0) {
			drop_teams(p, b->items[k - 1].first_team);
			b->items[k - 1].to = bl->to;
			k--;
		} else {
			*feasible = false;
			return RK_OK;
		}
		b->n_blocks--;
	}
	return RK_OK;
}

static enum rk_status propose(struct rk_teams_proposal *p, const struct opts *o,
			      struct rk_diags *diags)
{
	struct blocks b = { 0 };
	enum rk_status st = RK_OK;
	make_groups(p);
	st = add_school_teams(p, p->facts->school, o->keep);
	if (st == RK_OK)
		st = order_people(p, &b);
	if (st != RK_OK)
		goto out;
	if (b.n == 0 && p->n == 0) {
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			_("the school has no teachers to divide into teams"));
		st = RK_ERR_INPUT;
		goto out;
	}
	if (b.n > 0 && b.n < (size_t)o->min) {
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			P_("only %zu teacher to divide: a team has at least %d",
			   "only %zu teachers to divide: a team has at least %d",
			   b.n),
			b.n, o->min);
		st = RK_ERR_INFEASIBLE;
		goto out;
	}
	if (explain(p, o, &b, diags) > 0) {
		st = RK_ERR_INFEASIBLE;
		goto out;
	}
	make_blocks(&b, o);
	keep_groups_whole(&b, p->group);
	bool feasible;
	st = solve_blocks(p, o, &b, &feasible);
	if (st == RK_OK && !feasible) {
		say_no_division(p->facts, o, b.n, diags);
		st = RK_ERR_INFEASIBLE;
	}
	if (st == RK_OK)
		warn_outside_section(p, o, &b, diags);
out:
	blocks_free(&b);
	return st;
}

enum rk_status rk_teams_propose(const struct rk_school *school,
				const struct rk_teams_options *options,
				struct rk_teams_proposal **out,
				struct rk_diags *diags)
{
	*out = NULL;
	struct opts o = resolve(options);
	if (!school || !opts_valid(&o))
		return RK_ERR_ARG;
	struct rk_teams_proposal *p;
	enum rk_status st = proposal_new(school, &o, &p);
	if (st == RK_OK)
		st = propose(p, &o, diags);
	if (st == RK_OK && rk_diags_oom(diags))
		st = RK_ERR_NOMEM;
	if (st != RK_OK) {
		rk_teams_proposal_free(p);
		return st;
	}
	*out = p;
	return RK_OK;
}

/* ---- accessors ---- */

size_t rk_teams_count(const struct rk_teams_proposal *p)
{
	return p ? p->n : 0;
}

size_t rk_teams_members(const struct rk_teams_proposal *p, size_t t,
			const int **members)
{
	if (!p || t >= p->n) {
		*members = NULL;
		return 0;
	}
	*members = p->teams[t].members;
	return p->teams[t].n;
}

size_t rk_teams_moments(const struct rk_teams_proposal *p, size_t t,
			const struct rk_free_moment **moments)
{
	if (!p || t >= p->n) {
		*moments = NULL;
		return 0;
	}
	*moments = p->teams[t].moments;
	return p->teams[t].n_moments;
}

const char *rk_teams_section(const struct rk_teams_proposal *p, size_t t)
{
	if (!p || t >= p->n || p->teams[t].section < 0)
		return NULL;
	return p->facts->sections.items[p->teams[t].section];
}

double rk_teams_homogeneity(const struct rk_teams_proposal *p, size_t t)
{
	return p && t < p->n ? p->teams[t].homogeneity : 0.0;
}

const char *rk_teams_solver_status(const struct rk_teams_proposal *p)
{
	if (!p || p->models == 0)
		return N_("none");
	if (p->optimal)
		return N_("optimal");
	return p->timed_out ? N_("feasible, stopped by the time limit")
			    : N_("feasible, stopped by the node limit");
}

double rk_teams_gap(const struct rk_teams_proposal *p)
{
	return p ? p->gap : 0.0;
}

int rk_teams_source(const struct rk_teams_proposal *p, size_t t)
{
	return p && t < p->n ? p->teams[t].source : -1;
}

int rk_teams_team_of(const struct rk_teams_proposal *p, int person)
{
	if (!p || person < 0 || (size_t)person >= p->facts->n_people)
		return -1;
	return p->team_of[person];
}

const char *rk_teams_person_section(const struct rk_teams_proposal *p,
				    int person)
{
	if (!p || person < 0 || (size_t)person >= p->facts->n_people ||
	    p->facts->section[person] < 0)
		return NULL;
	return p->facts->sections.items[p->facts->section[person]];
}

const char *rk_teams_person_grade(const struct rk_teams_proposal *p, int person)
{
	if (!p || person < 0 || (size_t)person >= p->facts->n_people ||
	    p->facts->grade[person] < 0)
		return NULL;
	return p->facts->grades.items[p->facts->grade[person]];
}

size_t rk_teams_models(const struct rk_teams_proposal *p)
{
	return p ? p->models : 0;
}

size_t rk_teams_section_peers(const struct rk_teams_proposal *p, size_t t,
			      int person)
{
	if (!p || t >= p->n || person < 0 ||
	    (size_t)person >= p->facts->n_people)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < p->teams[t].n; i++) {
		int q = p->teams[t].members[i];
		n += q != person &&
		     rk_teams_facts_share_section(p->facts, person, q);
	}
	return n;
}
