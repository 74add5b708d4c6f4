#include "config.h"

#include "mip.h"

/* glp_gmi_gen, GLPK's Gomory cut generator, is exported by libglpk but
 * declared only under GLP_UNDOC (configure checks that it is there). */
#define GLP_UNDOC
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sets.h"

struct col {
	char *name;
	double cost;
	double lo;
	double hi;
	bool integer;
};

struct row {
	char *name;
	enum rk_mip_sense sense;
	double rhs;
};

struct term {
	int row;
	int col;
	double coef;
};

struct rk_mip {
	char *name;
	struct col *cols;
	size_t n_cols, cap_cols;
	struct row *rows;
	size_t n_rows, cap_rows;
	struct term *terms;
	size_t n_terms, cap_terms;
	double *values; /* the solution, once solved */
	bool search;	/* rk_mip_prefer_search */
};

/* Grows @*items (of @size bytes each) to hold one more than @n. */
static int reserve(void **items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t grown = *cap ? *cap * 2 : 64;
	void *p = realloc(*items, grown * size);
	if (!p)
		return -1;
	*items = p;
	*cap = grown;
	return 0;
}

void rk_mip_global_init(void)
{
	glp_term_out(GLP_OFF);
}

void rk_mip_global_cleanup(void)
{
	glp_free_env();
}

void rk_mip_thread_init(void)
{
	glp_term_out(GLP_OFF);
}

void rk_mip_thread_cleanup(void)
{
	glp_free_env();
}

/* Processor time of the calling thread: with workers solving side by side,
 * clock() would count the others' time too. */
static double thread_seconds(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return (double)clock() / CLOCKS_PER_SEC;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct rk_mip *rk_mip_new(const char *name)
{
	struct rk_mip *mip = calloc(1, sizeof(*mip));
	if (!mip)
		return NULL;
	mip->name = strdup(name ? name : "ritmiek");
	if (!mip->name) {
		free(mip);
		return NULL;
	}
	return mip;
}

void rk_mip_free(struct rk_mip *mip)
{
	if (!mip)
		return;
	for (size_t i = 0; i < mip->n_cols; i++)
		free(mip->cols[i].name);
	for (size_t i = 0; i < mip->n_rows; i++)
		free(mip->rows[i].name);
	free(mip->cols);
	free(mip->rows);
	free(mip->terms);
	free(mip->values);
	free(mip->name);
	free(mip);
}

static int add_col(struct rk_mip *mip, const char *name, double cost, double lo,
		   double hi)
{
	if (reserve((void **)&mip->cols, &mip->cap_cols, mip->n_cols,
		    sizeof(*mip->cols)) < 0)
		return -1;
	char *copy = strdup(name);
	if (!copy)
		return -1;
	mip->cols[mip->n_cols] = (struct col){ copy, cost, lo, hi, true };
	return (int)mip->n_cols++;
}

int rk_mip_add_binary(struct rk_mip *mip, const char *name, double cost)
{
	return add_col(mip, name, cost, 0.0, 1.0);
}

int rk_mip_add_integer(struct rk_mip *mip, const char *name, double cost,
		       double lo, double hi)
{
	return add_col(mip, name, cost, lo, hi);
}

void rk_mip_add_cost(struct rk_mip *mip, int col, double cost)
{
	if (col >= 0 && (size_t)col < mip->n_cols)
		mip->cols[col].cost += cost;
}

int rk_mip_add_row(struct rk_mip *mip, const char *name,
		   enum rk_mip_sense sense, double rhs)
{
	if (reserve((void **)&mip->rows, &mip->cap_rows, mip->n_rows,
		    sizeof(*mip->rows)) < 0)
		return -1;
	char *copy = strdup(name);
	if (!copy)
		return -1;
	mip->rows[mip->n_rows] = (struct row){ copy, sense, rhs };
	return (int)mip->n_rows++;
}

enum rk_status rk_mip_term(struct rk_mip *mip, int col, double coef)
{
	/* GLPK aborts the process on a bad index: refuse it here instead. */
	if (mip->n_rows == 0 || col < 0 || (size_t)col >= mip->n_cols)
		return RK_ERR_BUG;
	if (reserve((void **)&mip->terms, &mip->cap_terms, mip->n_terms,
		    sizeof(*mip->terms)) < 0)
		return RK_ERR_NOMEM;
	mip->terms[mip->n_terms++] =
		(struct term){ (int)mip->n_rows - 1, col, coef };
	return RK_OK;
}

size_t rk_mip_n_cols(const struct rk_mip *mip)
{
	return mip->n_cols;
}

size_t rk_mip_n_rows(const struct rk_mip *mip)
{
	return mip->n_rows;
}

/* The parts of a model that share no row: a column is in the part of every
 * column it shares a row with; a row in the part of its columns. Rows
 * without a term and columns in no row make one more part of their own.
 * Parts are numbered in the order of their first column, so the split is
 * the same on every run. */
struct split {
	size_t n_parts;
	int *part_of_row; /* part of each row */
	int *part_of_col;
	int *local_row; /* the row's index within its part, 0-based */
	int *local_col;
	size_t *n_rows; /* per part */
	size_t *n_cols;
	int *rows;	   /* the rows grouped by part, in their order */
	size_t *first_row; /* per part, into rows; n_parts + 1 entries */
	int *cols;
	size_t *first_col;
	size_t *first_term; /* per part, into terms; n_parts + 1 entries */
	struct term *terms; /* the model's terms, grouped by part */
};

static void split_free(struct split *s)
{
	free(s->part_of_row);
	free(s->part_of_col);
	free(s->local_row);
	free(s->local_col);
	free(s->n_rows);
	free(s->n_cols);
	free(s->rows);
	free(s->first_row);
	free(s->cols);
	free(s->first_col);
	free(s->first_term);
	free(s->terms);
}

/* Fills @s; with @whole, the model is one part (to write it as it is). */
static enum rk_status split_model(const struct rk_mip *mip, bool whole,
				  struct split *s)
{
	size_t nr = mip->n_rows, nc = mip->n_cols, nt = mip->n_terms;
	memset(s, 0, sizeof(*s));
	size_t *up = malloc((nc + 1) * sizeof(*up));
	int *row_col = malloc((nr + 1) * sizeof(*row_col));
	bool *in_row = calloc(nc + 1, sizeof(*in_row));
	s->part_of_row = malloc((nr + 1) * sizeof(int));
	s->part_of_col = malloc((nc + 1) * sizeof(int));
	s->local_row = malloc((nr + 1) * sizeof(int));
	s->local_col = malloc((nc + 1) * sizeof(int));
	s->n_rows = calloc(nc + 2, sizeof(size_t));
	s->n_cols = calloc(nc + 2, sizeof(size_t));
	s->rows = malloc((nr + 1) * sizeof(int));
	s->first_row = calloc(nc + 3, sizeof(size_t));
	s->cols = malloc((nc + 1) * sizeof(int));
	s->first_col = calloc(nc + 3, sizeof(size_t));
	s->first_term = calloc(nc + 3, sizeof(size_t));
	s->terms = malloc((nt + 1) * sizeof(*s->terms));
	if (!up || !row_col || !in_row || !s->part_of_row || !s->part_of_col ||
	    !s->local_row || !s->local_col || !s->n_rows || !s->n_cols ||
	    !s->rows || !s->first_row || !s->cols || !s->first_col ||
	    !s->first_term || !s->terms) {
		free(up);
		free(row_col);
		free(in_row);
		split_free(s);
		return RK_ERR_NOMEM;
	}
	rk_sets_init(up, nc);
	for (size_t i = 0; i < nr; i++)
		row_col[i] = -1;
	for (size_t t = 0; t < nt; t++) {
		const struct term *tm = &mip->terms[t];
		in_row[tm->col] = true;
		if (row_col[tm->row] < 0)
			row_col[tm->row] = tm->col;
		else if (!whole)
			rk_sets_join(up, (size_t)row_col[tm->row],
				     (size_t)tm->col);
	}
	/* A column in no row, and a row with no term, go to the part "rest",
	 * numbered after the others; with @whole everything is part 0. */
	int rest = -1;
	for (size_t j = 0; j < nc; j++) {
		if (whole)
			s->part_of_col[j] = 0;
		else if (!in_row[j])
			s->part_of_col[j] = -1;
		else {
			size_t root = rk_sets_find(up, j);
			s->part_of_col[j] = root == j ? (int)s->n_parts++
						      : s->part_of_col[root];
		}
	}
	if (whole)
		s->n_parts = 1;
	for (size_t i = 0; i < nr; i++)
		s->part_of_row[i] = whole ? 0
				    : row_col[i] >= 0
					    ? s->part_of_col[row_col[i]]
					    : -1;
	for (size_t j = 0; j < nc; j++)
		if (s->part_of_col[j] < 0) {
			if (rest < 0)
				rest = (int)s->n_parts++;
			s->part_of_col[j] = rest;
		}
	for (size_t i = 0; i < nr; i++)
		if (s->part_of_row[i] < 0) {
			if (rest < 0)
				rest = (int)s->n_parts++;
			s->part_of_row[i] = rest;
		}
	for (size_t i = 0; i < nr; i++)
		s->local_row[i] = (int)s->n_rows[s->part_of_row[i]]++;
	for (size_t j = 0; j < nc; j++)
		s->local_col[j] = (int)s->n_cols[s->part_of_col[j]]++;
	for (size_t k = 0; k < s->n_parts; k++) {
		s->first_row[k + 1] = s->first_row[k] + s->n_rows[k];
		s->first_col[k + 1] = s->first_col[k] + s->n_cols[k];
	}
	for (size_t i = 0; i < nr; i++)
		s->rows[s->first_row[s->part_of_row[i]] + s->local_row[i]] =
			(int)i;
	for (size_t j = 0; j < nc; j++)
		s->cols[s->first_col[s->part_of_col[j]] + s->local_col[j]] =
			(int)j;
	/* The terms grouped by part, in their order within each. */
	for (size_t t = 0; t < nt; t++)
		s->first_term[s->part_of_col[mip->terms[t].col] + 1]++;
	for (size_t k = 0; k < s->n_parts; k++)
		s->first_term[k + 1] += s->first_term[k];
	for (size_t t = 0; t < nt; t++) {
		int k = s->part_of_col[mip->terms[t].col];
		s->terms[s->first_term[k]++] = mip->terms[t];
	}
	for (size_t k = s->n_parts; k > 0; k--)
		s->first_term[k] = s->first_term[k - 1];
	s->first_term[0] = 0;
	free(up);
	free(row_col);
	free(in_row);
	return RK_OK;
}

/* Builds part @k of the model as a GLPK problem; NULL when out of memory.
 * Empty rows are kept (GLPK accepts them). The rows' and columns' names
 * only with @names (a dump): GLPK does not need them to solve, and copying
 * 100,000 of them into its problems took 0.7% of vo:300:2's plan. */
static glp_prob *build(const struct rk_mip *mip, const struct split *s,
		       size_t k, bool names)
{
	glp_prob *lp = glp_create_prob();
	glp_set_prob_name(lp, mip->name);
	glp_set_obj_dir(lp, GLP_MIN);
	if (s->n_rows[k])
		glp_add_rows(lp, (int)s->n_rows[k]);
	for (size_t at = 1; at <= s->n_rows[k]; at++) {
		const struct row *r =
			&mip->rows[s->rows[s->first_row[k] + at - 1]];
		int type = r->sense == RK_MIP_LE   ? GLP_UP
			   : r->sense == RK_MIP_GE ? GLP_LO
						   : GLP_FX;
		if (names)
			glp_set_row_name(lp, (int)at, r->name);
		glp_set_row_bnds(lp, (int)at, type, r->rhs, r->rhs);
	}
	if (s->n_cols[k])
		glp_add_cols(lp, (int)s->n_cols[k]);
	for (size_t j = 1; j <= s->n_cols[k]; j++) {
		const struct col *c =
			&mip->cols[s->cols[s->first_col[k] + j - 1]];
		int at = (int)j;
		if (names)
			glp_set_col_name(lp, at, c->name);
		glp_set_col_kind(lp, at, GLP_IV);
		glp_set_col_bnds(lp, at, c->lo == c->hi ? GLP_FX : GLP_DB,
				 c->lo, c->hi);
		glp_set_obj_coef(lp, at, c->cost);
	}
	size_t first = s->first_term[k], n = s->first_term[k + 1] - first;
	int *ia = malloc((n + 1) * sizeof(int));
	int *ja = malloc((n + 1) * sizeof(int));
	double *ar = malloc((n + 1) * sizeof(double));
	if (!ia || !ja || !ar) {
		free(ia);
		free(ja);
		free(ar);
		glp_delete_prob(lp);
		return NULL;
	}
	for (size_t t = 0; t < n; t++) {
		const struct term *tm = &s->terms[first + t];
		ia[t + 1] = s->local_row[tm->row] + 1;
		ja[t + 1] = s->local_col[tm->col] + 1;
		ar[t + 1] = tm->coef;
	}
	/* glp_load_matrix rejects duplicate (row, col) pairs; the builders
	 * never add a column twice to a row. */
	glp_load_matrix(lp, (int)n, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return lp;
}

void rk_mip_prefer_search(struct rk_mip *mip)
{
	mip->search = true;
}

struct progress {
	double gap;
	int node_limit;
	int nodes;	   /* subproblems created so far */
	bool node_stopped; /* the node limit ended the search */
	int cut_rounds;	   /* rounds of Gomory cuts left at the root */
	int *ind;	   /* a cut's columns and coefficients */
	double *val;
};

/* Rounds of Gomory cuts at the root of a model that prefers the search
 * (rk_mip_prefer_search), instead of GLPK's own: up to seven rounds at the
 * root and more at every node after backtracking. On the session models
 * of vo:300:2 that cut loop was half of glp_intopt's instructions; three
 * rounds at the root alone took 23% of the whole plan's instructions off
 * with the same objective in each of its 996 parts, and the trees stay
 * small (at most 80 subproblems, vo:60 to vo:2000). bench/README, issue
 * 16, seventh session. */
#define ROOT_CUT_ROUNDS 3

/* A round of Gomory's mixed integer cuts for the current subproblem, made
 * by GLPK's own generator and added to it as GLPK adds them itself; at the
 * root only. */
static void cut_round(glp_tree *tree, struct progress *p)
{
	if (p->cut_rounds <= 0 ||
	    glp_ios_node_level(tree, glp_ios_curr_node(tree)) > 0)
		return;
	p->cut_rounds--;
	glp_prob *mip = glp_ios_get_prob(tree);
	int n = glp_get_num_cols(mip);
	if (!p->ind) {
		p->ind = malloc((size_t)(n + 1) * sizeof(*p->ind));
		p->val = malloc((size_t)(n + 1) * sizeof(*p->val));
	}
	if (!p->ind || !p->val)
		return; /* no cuts: the search is still exact */
	glp_prob *pool = glp_create_prob();
	glp_add_cols(pool, n);
	glp_gmi_gen(mip, pool, 50);
	for (int i = 1; i <= glp_get_num_rows(pool); i++) {
		int len = glp_get_mat_row(pool, i, p->ind, p->val);
		int type = glp_get_row_type(pool, i);
		double rhs = type == GLP_LO ? glp_get_row_lb(pool, i)
					    : glp_get_row_ub(pool, i);
		glp_ios_add_row(tree, NULL, GLP_RF_GMI, 0, len, p->ind, p->val,
				type, rhs);
	}
	glp_delete_prob(pool);
}

/* GLPK calls this during branch and bound: it keeps the last known gap and
 * ends the search once more subproblems than the limit exist. GLPK has no
 * node limit of its own (only tm_lim, which counts wall time). */
static void watch(glp_tree *tree, void *info)
{
	struct progress *p = info;
	int active, current, total;
	if (glp_ios_reason(tree) == GLP_ICUTGEN)
		cut_round(tree, p);
	if (glp_ios_reason(tree) == GLP_IBINGO ||
	    glp_ios_reason(tree) == GLP_ISELECT)
		p->gap = glp_ios_mip_gap(tree);
	glp_ios_tree_size(tree, &active, &current, &total);
	p->nodes = total;
	if (total > p->node_limit && !p->node_stopped) {
		p->node_stopped = true;
		glp_ios_terminate(tree);
	}
}

static enum rk_mip_result classify(int ret, int status)
{
	if (ret == 0 && status == GLP_OPT)
		return RK_MIP_OPTIMAL;
	if (status == GLP_FEAS)
		return RK_MIP_FEASIBLE;
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS || status == GLP_NOFEAS)
		return RK_MIP_INFEASIBLE;
	return RK_MIP_FAILED;
}

/* The worse of two parts' results: the whole is only as good as its worst
 * part (an infeasible part makes the model infeasible). */
static enum rk_mip_result worse(enum rk_mip_result a, enum rk_mip_result b)
{
	static const int rank[] = { [RK_MIP_OPTIMAL] = 0,
				    [RK_MIP_FEASIBLE] = 1,
				    [RK_MIP_FAILED] = 2,
				    [RK_MIP_INFEASIBLE] = 3 };
	return rank[b] > rank[a] ? b : a;
}

/* How one part's solve went. */
struct part_result {
	enum rk_mip_result result;
	enum rk_mip_stop stop;
	int nodes;
};

/* For a model that prefers the search: the root LP first, by the dual
 * simplex from GLPK's first basis (every slack basic; every cost is
 * non-negative, so that basis is dual feasible and needs no first phase),
 * and the search from its optimal basis without GLPK's presolver, which
 * would solve the LP again on a copy; Gomory's cuts at the root only
 * (cut_round). A root LP that is not optimal (no plan at all) goes to the
 * presolver as before, which tells why. Other models keep GLPK's start:
 * they are small (1 to 30 rows) and take microseconds either way, and
 * GLPK's presolver picks among their equally good answers as before. */
static void root_first(glp_prob *lp, int ms, glp_iocp *parm,
		       struct progress *progress)
{
	glp_smcp lp_parm;
	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	lp_parm.meth = GLP_DUALP;
	lp_parm.tm_lim = ms;
	double started = thread_seconds();
	if (glp_simplex(lp, &lp_parm) != 0 || glp_get_status(lp) != GLP_OPT)
		return;
	int spent = (int)((thread_seconds() - started) * 1000.0);
	parm->presolve = GLP_OFF;
	parm->tm_lim = ms - spent > 1 ? ms - spent : 1;
	parm->gmi_cuts = GLP_OFF;
	progress->cut_rounds = ROOT_CUT_ROUNDS;
}

/* Solves part @k within @ms milliseconds and @node_limit subproblems, its
 * values into mip->values; adds its objective and its lower bound to
 * @objective and @bound. */
static enum rk_status solve_part(struct rk_mip *mip, const struct split *s,
				 size_t k, int ms, int node_limit,
				 struct part_result *out, double *objective,
				 double *bound)
{
	glp_prob *lp = build(mip, s, k, false);
	if (!lp)
		return RK_ERR_NOMEM;
	struct progress progress = { 0.0, node_limit, 0, false, 0, NULL, NULL };
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = ms;
	/* Gomory cuts alone: measured on the bench schools (bench/run) they
	 * beat no cuts, all cuts, and clique plus MIR cuts on these set
	 * packing models with linking rows, by a factor of 2 to 4. */
	parm.gmi_cuts = GLP_ON;
	/* No MIP preprocessing of the rows: on the parts of the session
	 * models it found nothing to tighten and took 5-9% of GLPK's time
	 * (vo:300 and vo:2000; every objective equal). */
	parm.pp_tech = GLP_PP_NONE;
	parm.cb_func = watch;
	parm.cb_info = &progress;
	if (mip->search)
		root_first(lp, ms, &parm, &progress);
	int ret = glp_intopt(lp, &parm);
	free(progress.ind);
	free(progress.val);
	enum rk_mip_result result = classify(ret, glp_mip_status(lp));
	*out = (struct part_result){ result, RK_MIP_DONE, progress.nodes };
	if (progress.node_stopped && ret == GLP_ESTOP)
		out->stop = RK_MIP_NODE_LIMIT;
	else if (ret == GLP_ETMLIM)
		out->stop = RK_MIP_TIME_LIMIT;
	if (result == RK_MIP_OPTIMAL || result == RK_MIP_FEASIBLE) {
		double value = glp_mip_obj_val(lp);
		double gap = result == RK_MIP_OPTIMAL ? 0.0 : progress.gap;
		*objective += value;
		*bound += value - gap * fabs(value);
		for (size_t j = 1; j <= s->n_cols[k]; j++)
			mip->values[s->cols[s->first_col[k] + j - 1]] =
				glp_mip_col_val(lp, (int)j);
	}
	glp_delete_prob(lp);
	return RK_OK;
}

/* A model whose parts share no row is solved part by part: the same
 * optimum (the objective is a sum over the parts), but GLPK's cut rounds
 * and branching grow faster than the model, so many small problems are
 * solved much sooner than their union (bench/README: the session models of
 * a team's duos meet only where a person or a day is shared). */
enum rk_status rk_mip_solve(struct rk_mip *mip,
			    const struct rk_mip_limits *limits,
			    struct rk_mip_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	stats->rows = mip->n_rows;
	stats->cols = mip->n_cols;
	stats->nonzeros = mip->n_terms;
	free(mip->values);
	mip->values = calloc(mip->n_cols + 1, sizeof(double));
	if (!mip->values)
		return RK_ERR_NOMEM;
	if (mip->n_cols == 0) {
		stats->result = RK_MIP_OPTIMAL;
		return RK_OK;
	}
	struct split s;
	enum rk_status status = split_model(mip, false, &s);
	if (status != RK_OK)
		return status;
	int limit = limits && limits->time_ms > 0 ? limits->time_ms : 60000;
	int nodes = limits && limits->nodes > 0 ? limits->nodes : 1000;
	double objective = 0.0, bound = 0.0;
	enum rk_mip_result result = RK_MIP_OPTIMAL;
	double started = thread_seconds();
	for (size_t k = 0; status == RK_OK && k < s.n_parts; k++) {
		/* The time left, but never less than a tenth of the limit, so
		 * that a part late in the model still gets its chance (GLPK
		 * finds these models' first solution at the root); past twice
		 * the limit, a part gets a millisecond and says what it has. */
		int spent = (int)((thread_seconds() - started) * 1000.0);
		int ms = limit - spent > limit / 10 ? limit - spent
			 : spent < 2 * limit	    ? limit / 10
						    : 1;
		struct part_result part;
		status = solve_part(mip, &s, k, ms > 0 ? ms : 1, nodes, &part,
				    &objective, &bound);
		if (status != RK_OK)
			break;
		result = worse(result, part.result);
		stats->nodes += part.nodes;
		/* The time limit outranks the node limit: it is the one
		 * that makes the answer depend on the machine. */
		if (part.stop > stats->stop)
			stats->stop = part.stop;
	}
	stats->seconds = thread_seconds() - started;
	split_free(&s);
	if (status != RK_OK)
		return status;
	stats->result = result;
	if (result == RK_MIP_OPTIMAL || result == RK_MIP_FEASIBLE) {
		stats->objective = objective;
		stats->gap = result == RK_MIP_OPTIMAL
				     ? 0.0
				     : (objective - bound) /
					       (fabs(objective) + 1e-9);
	}
	return RK_OK;
}

double rk_mip_value(const struct rk_mip *mip, int col)
{
	if (!mip->values || col < 0 || (size_t)col >= mip->n_cols)
		return 0.0;
	return round(mip->values[col]);
}

bool rk_mip_chosen(const struct rk_mip *mip, int col)
{
	return rk_mip_value(mip, col) > 0.5;
}

enum rk_status rk_mip_write_lp(const struct rk_mip *mip, const char *path)
{
	struct split s;
	if (split_model(mip, true, &s) != RK_OK)
		return RK_ERR_NOMEM;
	glp_prob *lp = build(mip, &s, 0, true);
	split_free(&s);
	if (!lp)
		return RK_ERR_NOMEM;
	int ret = glp_write_lp(lp, NULL, path);
	glp_delete_prob(lp);
	return ret == 0 ? RK_OK : RK_ERR_IO;
}
