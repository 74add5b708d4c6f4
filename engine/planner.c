/* planner.c - plans a school year: the steps of planctx.c run on a fresh
 * context, the plan handed to the caller. */
#include "config.h"

#include "planner.h"

#include "planctx.h"

enum rk_status rk_planner_run(const struct rk_school *school,
			      const struct rk_schoolyear *year,
			      const struct rk_plan_options *options,
			      struct rk_plan **out, struct rk_diags *diags)
{
	struct rk_planctx ctx;
	*out = NULL;
	enum rk_status status =
		rk_planctx_init(&ctx, school, year, options, diags);
	if (status == RK_OK)
		status = rk_planctx_run(&ctx);
	if (status == RK_OK)
		rk_plan_sort(ctx.plan);
	return rk_planctx_finish(&ctx, status, out);
}
