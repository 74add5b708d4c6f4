/* cover.h - cover capacity for lesbezoek (internal to the engine).
 *
 * In a primary school a teacher stands before the group all day: a
 * lesbezoek is possible only when someone takes the visitor's group
 * meanwhile. The school file names who may (cover:); this module says
 * when such a visit is possible, and puts the choice of the cover person
 * into the GLPK model of the lesbezoeken. */
#ifndef RK_COVER_H
#define RK_COVER_H

#include <stdbool.h>
#include <stddef.h>

#include "mip.h"

struct rk_planctx;

/* Whether @visitor can sit in a lesson of @host on @date from @start to
 * @end: free then, or teaching but otherwise free (no session) with a
 * cover person free to take the group. *@needs_cover tells which; it may
 * be NULL. max_per_week is not looked at: the model keeps it. */
bool rk_cover_visit_ok(const struct rk_planctx *ctx, int visitor, int host,
		       int date, int start, int end, bool *needs_cover);

/* What would make a visit of @visitor possible, for an explanation, into
 * @buf: "add cover capacity (cover:) or free a lesuur for NAME" when the
 * school has none, else that nobody under cover: can take their group
 * then, and the same fix. */
void rk_cover_fix(const struct rk_planctx *ctx, int visitor, char *buf,
		  size_t size);

/* The cover part of one lesbezoek model. */
struct rk_cover_model;

/* NULL when out of memory. */
struct rk_cover_model *rk_cover_model_new(const struct rk_planctx *ctx);
void rk_cover_model_free(struct rk_cover_model *cm);

/* A lesbezoek candidate (column @col of @mip) at which the visitor
 * teaches: a binary per cover person who can take the group then, and a
 * row that the candidate, when chosen, takes exactly one of them. */
enum rk_status rk_cover_model_add(struct rk_cover_model *cm, struct rk_mip *mip,
				  int col, int visitor, int host, int date,
				  int start, int end);

/* Whether @person may be chosen as cover in this model. */
bool rk_cover_model_has(const struct rk_cover_model *cm, int person);

/* Another candidate (column @col) of this model that involves @person
 * (a team member who also covers): it excludes their covering at an
 * overlapping time. */
enum rk_status rk_cover_model_exclude(struct rk_cover_model *cm,
				      struct rk_mip *mip, int person, int col,
				      int date, int start, int end);

/* After every candidate was added: a cover person covers one lesbezoek at
 * a time, and at most max_per_week a week (counting what earlier models
 * gave them). */
enum rk_status rk_cover_model_rows(struct rk_cover_model *cm,
				   struct rk_mip *mip);

/* After solving: the cover person chosen for the candidate in column
 * @col, or -1 when it needs none. */
int rk_cover_model_chosen(const struct rk_cover_model *cm,
			  const struct rk_mip *mip, int col);

#endif
