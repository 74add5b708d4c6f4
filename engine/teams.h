/* teams.h - lerarenteams proposed by one GLPK model.
 *
 * The voorbereiding step of the leerKRACHT method divides a school's
 * teachers into lerarenteams of five to ten that are homogeneous (same
 * subject section, same grades) and share a free moment every week for
 * their bordsessie. rk_teams_propose partitions the teachers of a school
 * (people with lessons in its timetable, or with the role teacher) so that
 * every team has at least @min_moments common free moments of the
 * bordsessie's length in every kind of teaching week (A and B), on days all
 * members work, and maximises homogeneity. Where the school year can be
 * derived, every member is, where any division allows it, in a team with
 * colleagues whose lessons they can visit and who can visit theirs, as the
 * planner's duo step judges it.
 *
 * This header is the contract between the engine's model (engine/teams.c)
 * and its callers (`ritmiek teams`, `ritmiek init`). */
#ifndef RK_TEAMS_H
#define RK_TEAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "school.h"
#include "status.h"

/* One row of the subject-to-section table ("ne" -> "talen"). The table is
 * data read by an adapter; the school file may override rows. */
struct rk_subject_section {
	const char *subject; /* subject code as in the timetable, any case */
	const char *section; /* talen, exact, mens en maatschappij, ... */
};

struct rk_teams_options {
	int min_size;	    /* 0: 5 */
	int max_size;	    /* 0: 10 */
	int target_size;    /* preferred size; 0: 8 */
	int weight_section; /* per pair sharing a section; 0: default */
	int weight_grade;   /* per pair sharing a grade; 0: default */
	int min_moments;    /* common free moments per week; 0: 2 */
	const struct rk_subject_section *sections;
	size_t n_sections;
	bool keep_teams;   /* the school's existing teams are kept as fixed */
	int time_limit_ms; /* per block; 0: 60000, a safety net (mip.h) */
	int node_limit;	   /* per block; 0: 5000 */
};

/* A common free moment of a team: weekday 0 = Monday, minutes since
 * midnight. */
struct rk_free_moment {
	int weekday;
	int start;
	int end;
};

struct rk_teams_proposal;

/* Proposes a division. On RK_OK *out holds it (free with
 * rk_teams_proposal_free; it does not refer to @school, which may go
 * first), and @diags may hold warnings (a teacher no team of their own
 * section can hold). Teams marked fixed in the school file (all with
 * keep_teams) are kept and come first; its team_forming rules are kept.
 * RK_ERR_INFEASIBLE when no division keeps the rules: @diags then says
 * who cannot be placed and why, like the planner.
 * RK_ERR_INPUT, RK_ERR_NOMEM, RK_ERR_SOLVER as usual. */
enum rk_status rk_teams_propose(const struct rk_school *school,
				const struct rk_teams_options *options,
				struct rk_teams_proposal **out,
				struct rk_diags *diags);
void rk_teams_proposal_free(struct rk_teams_proposal *p);

size_t rk_teams_count(const struct rk_teams_proposal *p);
/* Members of team @t as person indices of the school, ascending. */
size_t rk_teams_members(const struct rk_teams_proposal *p, size_t t,
			const int **members);
/* The team's common free moments of one week (holding in A and B weeks). */
size_t rk_teams_moments(const struct rk_teams_proposal *p, size_t t,
			const struct rk_free_moment **moments);
/* Most common section among the members, or NULL. */
const char *rk_teams_section(const struct rk_teams_proposal *p, size_t t);
/* Share of member pairs with a section in common, 0..1. */
double rk_teams_homogeneity(const struct rk_teams_proposal *p, size_t t);
/* The solver's verdict: "optimal", "feasible, stopped by the node
 * limit" (the same on every machine), "feasible, stopped by the time limit"
 * (another machine may propose otherwise) or "none" (English,
 * marked with N_(): the caller translates it with _()). */
const char *rk_teams_solver_status(const struct rk_teams_proposal *p);
double rk_teams_gap(const struct rk_teams_proposal *p);

/* Today's teams of @school (its teams:) described like a proposal, with
 * their common free moments and homogeneity, so that a proposal can be
 * compared with them. Solves nothing. On RK_OK *out is to be freed with
 * rk_teams_proposal_free. */
enum rk_status rk_teams_current(const struct rk_school *school,
				const struct rk_teams_options *options,
				struct rk_teams_proposal **out);
/* The school team that team @t is (kept with keep_teams, or today's team in
 * rk_teams_current), as an index of the school's teams; -1 when new. */
int rk_teams_source(const struct rk_teams_proposal *p, size_t t);
/* The team of @person, or -1 (not a teacher, or in no team). */
int rk_teams_team_of(const struct rk_teams_proposal *p, int person);
/* The section and grade @person teaches most (lower case), or NULL. */
const char *rk_teams_person_section(const struct rk_teams_proposal *p,
				    int person);
const char *rk_teams_person_grade(const struct rk_teams_proposal *p,
				  int person);
/* How many members of team @t other than @person share a section with
 * @person (who need not be in @t): why a move helps. */
size_t rk_teams_section_peers(const struct rk_teams_proposal *p, size_t t,
			      int person);
/* Number of models solved (the school is decomposed by section, or by bouw
 * in a primary school, into models of a few teams each). */
size_t rk_teams_models(const struct rk_teams_proposal *p);

#endif
