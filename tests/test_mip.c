/* The model and its solve (engine/mip.c): a model whose parts share no
 * row is solved part by part, and the whole must still be one answer: the
 * sum of the parts' optima, every column's value, and the worst part's
 * result for the whole. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mip.h"
#include "suites.h"

static int binary(struct rk_mip *mip, const char *name, double cost)
{
	int col = rk_mip_add_binary(mip, name, cost);
	ck_assert_int_ge(col, 0);
	return col;
}

static void row(struct rk_mip *mip, const char *name, enum rk_mip_sense sense,
		double rhs, const int *cols, const double *coefs, size_t n)
{
	ck_assert_int_ge(rk_mip_add_row(mip, name, sense, rhs), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(rk_mip_term(mip, cols[i], coefs[i]), RK_OK);
}

/* Three parts and two loose columns: a choice of one of three, a chain of
 * rows that only holds together through its middle column, and a knapsack
 * that needs branching; the loose columns take their cheaper bound. */
START_TEST(test_parts_one_answer)
{
	struct rk_mip *mip = rk_mip_new("parts");
	int a[3], c[3], k[4];
	a[0] = binary(mip, "a0", 3.0);
	c[0] = binary(mip, "c0", -1.0);
	int loose_gain = binary(mip, "loose_gain", -1.0);
	a[1] = binary(mip, "a1", 1.0);
	c[1] = binary(mip, "c1", -1.5);
	k[0] = binary(mip, "k0", -5.0);
	a[2] = binary(mip, "a2", 2.0);
	c[2] = binary(mip, "c2", -1.0);
	k[1] = binary(mip, "k1", -4.0);
	k[2] = binary(mip, "k2", -3.0);
	k[3] = binary(mip, "k3", -3.5);
	int loose_cost = binary(mip, "loose_cost", 2.0);
	static const double ones[] = { 1, 1, 1 };
	row(mip, "one_of_a", RK_MIP_EQ, 1.0, a, ones, 3);
	/* c0 + c1 <= 1 and c1 + c2 <= 1: c0 and c2 (-2) beat c1 (-1.5)
	 * only together, so the two rows must be one part. */
	row(mip, "c01", RK_MIP_LE, 1.0, c, ones, 2);
	row(mip, "c12", RK_MIP_LE, 1.0, c + 1, ones, 2);
	static const double weights[] = { 6, 5, 4, 4 };
	row(mip, "knapsack", RK_MIP_LE, 9.0, k, weights, 4);
	struct rk_mip_stats stats;
	ck_assert_int_eq(rk_mip_solve(mip, NULL, &stats), RK_OK);
	ck_assert_int_eq(stats.result, RK_MIP_OPTIMAL);
	/* a1 (1), c0 and c2 (-2), the knapsack's k1 and k3 (weight 9, -7.5;
	 * k0 fits with nothing else, -5) and loose_gain (-1). */
	ck_assert(fabs(stats.objective - (1.0 - 2.0 - 7.5 - 1.0)) < 1e-9);
	ck_assert_double_eq(stats.gap, 0.0);
	ck_assert_uint_eq(stats.rows, 4);
	ck_assert_uint_eq(stats.cols, 12);
	ck_assert(!rk_mip_chosen(mip, a[0]) && rk_mip_chosen(mip, a[1]) &&
		  !rk_mip_chosen(mip, a[2]));
	ck_assert(rk_mip_chosen(mip, c[0]) && !rk_mip_chosen(mip, c[1]) &&
		  rk_mip_chosen(mip, c[2]));
	ck_assert(!rk_mip_chosen(mip, k[0]) && rk_mip_chosen(mip, k[1]) &&
		  !rk_mip_chosen(mip, k[2]) && rk_mip_chosen(mip, k[3]));
	ck_assert(rk_mip_chosen(mip, loose_gain));
	ck_assert(!rk_mip_chosen(mip, loose_cost));
	rk_mip_free(mip);
}
END_TEST

/* One part without a solution makes the whole model infeasible, even
 * when the other parts have one; and so does a row without a term that
 * cannot hold (0 >= 1). */
START_TEST(test_one_part_infeasible)
{
	for (int variant = 0; variant < 2; variant++) {
		struct rk_mip *mip = rk_mip_new("infeasible");
		int x[2], y[2];
		x[0] = binary(mip, "x0", 1.0);
		x[1] = binary(mip, "x1", 1.0);
		y[0] = binary(mip, "y0", 1.0);
		y[1] = binary(mip, "y1", 1.0);
		static const double ones[] = { 1, 1 };
		row(mip, "x", RK_MIP_GE, 1.0, x, ones, 2);
		if (variant == 0)
			row(mip, "y", RK_MIP_GE, 3.0, y, ones, 2);
		else {
			row(mip, "y", RK_MIP_LE, 1.0, y, ones, 2);
			row(mip, "empty", RK_MIP_GE, 1.0, NULL, NULL, 0);
		}
		struct rk_mip_stats stats;
		ck_assert_int_eq(rk_mip_solve(mip, NULL, &stats), RK_OK);
		ck_assert_msg(stats.result == RK_MIP_INFEASIBLE,
			      "variant %d: result %d", variant, stats.result);
		rk_mip_free(mip);
	}
}
END_TEST

/* Solving twice gives the same values: the parts are found the same way
 * every time. */
START_TEST(test_parts_again)
{
	struct rk_mip *mip = rk_mip_new("again");
	int x[6];
	char name[8];
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		x[i] = binary(mip, name, -1.0);
	}
	static const double ones[] = { 1, 1, 1 };
	row(mip, "first", RK_MIP_LE, 1.0, x, ones, 3);
	row(mip, "second", RK_MIP_LE, 1.0, x + 3, ones, 3);
	struct rk_mip_stats stats;
	ck_assert_int_eq(rk_mip_solve(mip, NULL, &stats), RK_OK);
	bool first[6];
	for (int i = 0; i < 6; i++)
		first[i] = rk_mip_chosen(mip, x[i]);
	ck_assert(fabs(stats.objective + 2.0) < 1e-9);
	ck_assert_int_eq(rk_mip_solve(mip, NULL, &stats), RK_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(first[i], rk_mip_chosen(mip, x[i]));
	rk_mip_free(mip);
}
END_TEST

/* A 40-item knapsack that GLPK proves optimal after about 150
 * subproblems. */
static struct rk_mip *knapsack(void)
{
	struct rk_mip *mip = rk_mip_new("knapsack");
	int x[40];
	char name[8];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		x[i] = binary(mip, name, -(double)(1000 + (i * 7919) % 997));
	}
	ck_assert_int_ge(rk_mip_add_row(mip, "cap", RK_MIP_LE, 20000.5), 0);
	for (int i = 0; i < 40; i++)
		ck_assert_int_eq(
			rk_mip_term(mip, x[i], 1000 + (i * 104729) % 991),
			RK_OK);
	return mip;
}

/* The node limit stops the search at the same point whatever the time
 * limit (and so whatever the machine's speed): the same answer, said to
 * be unproven and stopped by the node limit; without it, the optimum. */
START_TEST(test_node_limit_same_everywhere)
{
	struct rk_mip *mip = knapsack();
	struct rk_mip_stats first, again, whole;
	const struct rk_mip_limits tight = { 60000, 10 }, slow = { 600000, 10 };
	ck_assert_int_eq(rk_mip_solve(mip, &tight, &first), RK_OK);
	ck_assert_int_eq(first.result, RK_MIP_FEASIBLE);
	ck_assert_int_eq(first.stop, RK_MIP_NODE_LIMIT);
	/* Checked at every subproblem GLPK creates, two at a time. */
	ck_assert_int_gt(first.nodes, 10);
	ck_assert_int_le(first.nodes, 12);
	ck_assert(first.gap > 0.0);
	bool chosen[40];
	for (int i = 0; i < 40; i++)
		chosen[i] = rk_mip_chosen(mip, i);
	ck_assert_int_eq(rk_mip_solve(mip, &slow, &again), RK_OK);
	ck_assert_int_eq(again.nodes, first.nodes);
	ck_assert(fabs(again.objective - first.objective) < 1e-9);
	for (int i = 0; i < 40; i++)
		ck_assert_int_eq(chosen[i], rk_mip_chosen(mip, i));
	ck_assert_int_eq(rk_mip_solve(mip, NULL, &whole), RK_OK);
	ck_assert_int_eq(whole.result, RK_MIP_OPTIMAL);
	ck_assert_int_eq(whole.stop, RK_MIP_DONE);
	ck_assert_int_gt(whole.nodes, 12);
	ck_assert_int_le(whole.nodes, 1000);
	ck_assert(whole.objective < first.objective - 1.0);
	rk_mip_free(mip);
}
END_TEST

/* A model that prefers the search (the session models: the dual simplex's
 * root, Gomory's cuts at the root only) has the optimum GLPK's defaults
 * give: the knapsack needs cuts and branching, and its costs are
 * negative, so the dual simplex cannot start from the slack basis and
 * GLPK's fallback to the primal one is taken too. A model without a
 * solution is still said to have none, by GLPK's presolver. */
START_TEST(test_prefer_search_same_optimum)
{
	struct rk_mip *plain = knapsack(), *search = knapsack();
	rk_mip_prefer_search(search);
	struct rk_mip_stats a, b;
	ck_assert_int_eq(rk_mip_solve(plain, NULL, &a), RK_OK);
	ck_assert_int_eq(rk_mip_solve(search, NULL, &b), RK_OK);
	ck_assert_int_eq(a.result, RK_MIP_OPTIMAL);
	ck_assert_int_eq(b.result, RK_MIP_OPTIMAL);
	ck_assert_msg(fabs(a.objective - b.objective) < 1e-6, "%f against %f",
		      a.objective, b.objective);
	double used = 0.0;
	for (int i = 0; i < 40; i++)
		used += rk_mip_chosen(search, i) ? 1000 + (i * 104729) % 991
						 : 0;
	ck_assert(used <= 20000.5);
	rk_mip_free(plain);
	rk_mip_free(search);
	struct rk_mip *none = rk_mip_new("none");
	rk_mip_prefer_search(none);
	int y[2] = { binary(none, "y0", 1.0), binary(none, "y1", 1.0) };
	static const double ones[] = { 1, 1 };
	row(none, "y", RK_MIP_GE, 3.0, y, ones, 2);
	ck_assert_int_eq(rk_mip_solve(none, NULL, &b), RK_OK);
	ck_assert_int_eq(b.result, RK_MIP_INFEASIBLE);
	rk_mip_free(none);
}
END_TEST

Suite *suite_mip(void)
{
	Suite *s = suite_create("mip");
	TCase *tc = tcase_create("parts");
	tcase_add_test(tc, test_parts_one_answer);
	tcase_add_test(tc, test_one_part_infeasible);
	tcase_add_test(tc, test_parts_again);
	tcase_add_test(tc, test_node_limit_same_everywhere);
	tcase_add_test(tc, test_prefer_search_same_optimum);
	suite_add_tcase(s, tc);
	return s;
}
