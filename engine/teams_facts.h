/* teams_facts.h - what the lerarenteams model needs to know about a school,
 * gathered once: who is a teacher, their sections and grades, and the
 * candidate moments of a week at which each is free in every teaching week.
 *
 * Shared by engine/teams.c (the proposal and its GLPK model) and nothing
 * else; the public contract is teams.h. */
#ifndef RK_TEAMS_FACTS_H
#define RK_TEAMS_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "school.h"
#include "status.h"
#include "teams.h"

/* A list of distinct labels (section names, grades), in order of first
 * appearance; compared without case. */
struct rk_labels {
	char **items;
	size_t n;
	size_t cap;
};

struct rk_planctx;
struct rk_schoolyear;

struct rk_teams_facts {
	const struct rk_school *school;
	/* Who can visit whose lessons is judged as the planner judges it:
	 * on the school year, in a planning context of its own (NULL when
	 * the school has no school year to judge by). */
	struct rk_schoolyear *year;
	struct rk_planctx *ctx;
	struct rk_diags *ctx_diags;
	size_t n_people;
	bool *teacher; /* per person */
	/* Candidate moments of one week, by weekday then start. */
	struct rk_free_moment *slots;
	size_t n_slots;
	/* free[p * words + w]: bit s of word w set when person p is free at
	 * slot 64 * w + s in every teaching week, on a day they work. */
	uint64_t *free;
	size_t words;
	struct rk_labels sections;
	struct rk_labels grades;
	/* Per person: section and grade counts (n_people * labels.n), and the
	 * most frequent of each (-1: none). */
	int *section_count;
	int *grade_count;
	int *section;
	int *grade;
};

/* Gathers the facts; on RK_OK *out is to be freed with
 * rk_teams_facts_free. @table maps subject codes to sections. */
enum rk_status rk_teams_facts_new(const struct rk_school *school,
				  int bordsessie_minutes,
				  const struct rk_subject_section *table,
				  size_t n_table, struct rk_teams_facts **out);
void rk_teams_facts_free(struct rk_teams_facts *f);

bool rk_teams_facts_free_at(const struct rk_teams_facts *f, int person,
			    size_t slot);
/* Whether persons @a and @b share their section (the one each teaches
 * most). */
bool rk_teams_facts_share_section(const struct rk_teams_facts *f, int a, int b);
/* Whether @visitor can sit in a lesson of @host in some teaching week of
 * the school year (free then, or with cover), by the planner's own test
 * (rk_planctx_visit_chances); true when there is no school year to judge
 * by, so that nothing is ruled out on a guess. */
bool rk_teams_facts_can_visit(const struct rk_teams_facts *f, int visitor,
			      int host);
/* The most moments of the week, none overlapping another, at which all
 * @n @people are free, into @out (room for f->n_slots); their number. */
size_t rk_teams_facts_common(const struct rk_teams_facts *f, const int *people,
			     size_t n, struct rk_free_moment *out);

/* Why a teacher cannot be in any team of at least @min_size from @pool
 * (bit per person, f->n_people / 64 + 1 words) with @moments common free
 * moments: RK_PLACE_OK when a team might hold them. A necessary test
 * only: passing it does not mean a division exists. */
enum rk_teams_place {
	RK_PLACE_OK,
	RK_PLACE_NO_MOMENT,   /* no moment that enough colleagues share */
	RK_PLACE_TOO_FEW,     /* fewer such moments than a team needs */
	RK_PLACE_NOT_TOGETHER /* the same colleagues not at two of them */
};
/* @pool_count[s]: how many of @pool are free at slot s (room for
 * f->n_slots), filled by rk_teams_facts_pool_count. *found: the moments
 * apart that enough colleagues share. */
void rk_teams_facts_pool_count(const struct rk_teams_facts *f,
			       const uint64_t *pool, size_t *pool_count);
enum rk_teams_place rk_teams_facts_placeable(const struct rk_teams_facts *f,
					     const uint64_t *pool,
					     const size_t *pool_count,
					     int person, int min_size,
					     int moments, size_t *found);

#endif
