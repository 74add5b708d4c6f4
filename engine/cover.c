/* cover.c - cover capacity for lesbezoek: who can take the visitor's
 * group, and the binaries, one per lesbezoek candidate and cover person,
 * by which the lesbezoek model chooses them. */
#include "config.h"

#include "cover.h"

#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "planctx.h"
#include "i18n.h"

/* Every cover binary costs a little, so that a lesbezoek in the visitor's
 * free time stays the better choice; people listed earlier under cover:
 * are asked first. */
#define COST_COVER	 1.0
#define COST_COVER_ORDER 0.01

struct var {
	size_t k;   /* index into the school's cover capacity */
	int person; /* that cover person */
	int lb_col; /* the lesbezoek candidate's column */
	int col;    /* this binary */
	int date;
	int start;
	int end;
	int week; /* year week of @date */
};

struct rk_cover_model {
	const struct rk_planctx *ctx;
	struct var *vars;
	size_t n, cap;
};

/* Whether cover capacity @k can take the group of @visitor while they
 * visit @host on @date from @start to @end. */
static bool can_cover(const struct rk_planctx *ctx, size_t k, int visitor,
		      int host, int date, int start, int end)
{
	const struct rk_cover *cv = rk_school_get_cover(ctx->school, k);
	int p = cv->person.index;
	if (p < 0 || p == visitor || p == host)
		return false;
	unsigned days = cv->days;
	if (!days)
		days = rk_school_get_person(ctx->school, (size_t)p)->workdays;
	if (!(days & (1u << rk_date_weekday(date))))
		return false;
	return rk_busy_is_free(ctx->busy, p, date, start, end);
}

bool rk_cover_visit_ok(const struct rk_planctx *ctx, int visitor, int host,
		       int date, int start, int end, bool *needs_cover)
{
	bool dummy;
	bool *needs = needs_cover ? needs_cover : &dummy;
	*needs = false;
	if (rk_busy_is_free(ctx->busy, visitor, date, start, end))
		return true;
	size_t n = rk_school_n_cover(ctx->school);
	/* Cover frees the visitor from a lesson, never from a session. */
	if (!n || !rk_busy_works(ctx->busy, visitor, date) ||
	    rk_busy_booked(ctx->busy, visitor, date, start, end))
		return false;
	for (size_t k = 0; k < n; k++)
		if (can_cover(ctx, k, visitor, host, date, start, end)) {
			*needs = true;
			return true;
		}
	return false;
}

void rk_cover_fix(const struct rk_planctx *ctx, int visitor, char *buf,
		  size_t size)
{
	const char *name = rk_planctx_name(ctx, visitor);
	if (!rk_school_n_cover(ctx->school))
		snprintf(
			buf, size,
			_("add cover capacity (cover:) or free a lesuur for %s"),
			name);
	else
		snprintf(
			buf, size,
			_("nobody under cover: can take the group of %s then; add cover capacity (cover:) or free a lesuur for %s"),
			name, name);
}

struct rk_cover_model *rk_cover_model_new(const struct rk_planctx *ctx)
{
	struct rk_cover_model *cm = calloc(1, sizeof(*cm));
	if (cm)
		cm->ctx = ctx;
	return cm;
}

void rk_cover_model_free(struct rk_cover_model *cm)
{
	if (!cm)
		return;
	free(cm->vars);
	free(cm);
}

static struct var *new_var(struct rk_cover_model *cm)
{
	if (cm->n == cm->cap) {
		size_t cap = cm->cap ? cm->cap * 2 : 64;
		struct var *v = realloc(cm->vars, cap * sizeof(*v));
		if (!v)
			return NULL;
		cm->vars = v;
		cm->cap = cap;
	}
	return &cm->vars[cm->n++];
}

enum rk_status rk_cover_model_add(struct rk_cover_model *cm, struct rk_mip *mip,
				  int col, int visitor, int host, int date,
				  int start, int end)
{
	const struct rk_planctx *ctx = cm->ctx;
	char name[64];
	snprintf(name, sizeof(name), "cover_of_%d", col);
	int row = rk_mip_add_row(mip, name, RK_MIP_EQ, 0.0);
	if (row < 0 || rk_mip_term(mip, col, -1.0) != RK_OK)
		return RK_ERR_NOMEM;
	int week = rk_schoolyear_day(ctx->year, date)->week;
	for (size_t k = 0; k < rk_school_n_cover(ctx->school); k++) {
		if (!can_cover(ctx, k, visitor, host, date, start, end))
			continue;
		struct var *v = new_var(cm);
		if (!v)
			return RK_ERR_NOMEM;
		*v = (struct var){
			k,    rk_school_get_cover(ctx->school, k)->person.index,
			col,  -1,
			date, start,
			end,  week,
		};
		snprintf(name, sizeof(name), "cover_%d_%zu", col, k);
		/* The row was the last one started: a column's terms go to
		 * the current row, so add the binary, then its term. */
		v->col = rk_mip_add_binary(
			mip, name, COST_COVER + COST_COVER_ORDER * (double)k);
		if (v->col < 0 || rk_mip_term(mip, v->col, 1.0) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

bool rk_cover_model_has(const struct rk_cover_model *cm, int person)
{
	for (size_t k = 0; k < rk_school_n_cover(cm->ctx->school); k++)
		if (rk_school_get_cover(cm->ctx->school, k)->person.index ==
		    person)
			return true;
	return false;
}

enum rk_status rk_cover_model_exclude(struct rk_cover_model *cm,
				      struct rk_mip *mip, int person, int col,
				      int date, int start, int end)
{
	char name[64];
	for (size_t i = 0; i < cm->n; i++) {
		const struct var *v = &cm->vars[i];
		if (v->person != person || v->date != date || v->end <= start ||
		    end <= v->start)
			continue;
		snprintf(name, sizeof(name), "cover_or_own_%d_%d", v->col, col);
		if (rk_mip_add_row(mip, name, RK_MIP_LE, 1.0) < 0 ||
		    rk_mip_term(mip, v->col, 1.0) != RK_OK ||
		    rk_mip_term(mip, col, 1.0) != RK_OK)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

static bool at(const struct var *v, int person, int date, int t)
{
	return v->person == person && v->date == date && v->start <= t &&
	       t < v->end;
}

/* One lesbezoek at a time: a row per point in time where two of the
 * person's binaries could meet. */
static enum rk_status overlap_rows(struct rk_cover_model *cm,
				   struct rk_mip *mip)
{
	char name[64];
	for (size_t i = 0; i < cm->n; i++) {
		const struct var *p = &cm->vars[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = cm->vars[k].person == p->person &&
			       cm->vars[k].date == p->date &&
			       cm->vars[k].start == p->start;
		size_t meet = 0;
		for (size_t j = 0; j < cm->n && !seen && meet < 2; j++)
			meet += at(&cm->vars[j], p->person, p->date, p->start);
		if (seen || meet < 2)
			continue;
		snprintf(name, sizeof(name), "cover_p%d_%d_%d", p->person,
			 p->date, p->start);
		if (rk_mip_add_row(mip, name, RK_MIP_LE, 1.0) < 0)
			return RK_ERR_NOMEM;
		for (size_t j = 0; j < cm->n; j++)
			if (at(&cm->vars[j], p->person, p->date, p->start) &&
			    rk_mip_term(mip, cm->vars[j].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* Lesbezoeken @person covers in year week @week in the plan so far. */
static int covered_in_week(const struct rk_planctx *ctx, int person, int week)
{
	int n = 0;
	for (size_t i = 0; i < rk_plan_n_events(ctx->plan); i++) {
		const struct rk_event *ev = rk_plan_event(ctx->plan, i);
		if (ev->kind != RK_EV_LB ||
		    rk_schoolyear_day(ctx->year, ev->date)->week != week)
			continue;
		for (size_t k = 0; k < ev->n_parts; k++)
			n += ev->parts[k].person == person &&
			     ev->parts[k].role == RK_PART_COVER;
	}
	return n;
}

/* At most max_per_week a week: a row per cover person and week in which
 * the model could give them more. */
static enum rk_status week_rows(struct rk_cover_model *cm, struct rk_mip *mip)
{
	char name[64];
	for (size_t i = 0; i < cm->n; i++) {
		const struct var *p = &cm->vars[i];
		int max = rk_school_get_cover(cm->ctx->school, p->k)
				  ->max_per_week;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = cm->vars[k].k == p->k &&
			       cm->vars[k].week == p->week;
		if (seen || max <= 0)
			continue;
		int room = max - covered_in_week(cm->ctx, p->person, p->week);
		snprintf(name, sizeof(name), "cover_week_%zu_%d", p->k,
			 p->week);
		if (rk_mip_add_row(mip, name, RK_MIP_LE, room > 0 ? room : 0) <
		    0)
			return RK_ERR_NOMEM;
		for (size_t j = i; j < cm->n; j++)
			if (cm->vars[j].k == p->k &&
			    cm->vars[j].week == p->week &&
			    rk_mip_term(mip, cm->vars[j].col, 1.0) != RK_OK)
				return RK_ERR_NOMEM;
	}
	return RK_OK;
}

enum rk_status rk_cover_model_rows(struct rk_cover_model *cm,
				   struct rk_mip *mip)
{
	if (overlap_rows(cm, mip) != RK_OK || week_rows(cm, mip) != RK_OK)
		return RK_ERR_NOMEM;
	return RK_OK;
}

int rk_cover_model_chosen(const struct rk_cover_model *cm,
			  const struct rk_mip *mip, int col)
{
	for (size_t i = 0; i < cm->n; i++)
		if (cm->vars[i].lb_col == col &&
		    rk_mip_chosen(mip, cm->vars[i].col))
			return cm->vars[i].person;
	return -1;
}
