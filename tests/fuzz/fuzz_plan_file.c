/* The plan file plan.tsv (rk_plan_file_read), checked against the school of
 * tests/data/school/base.yaml, whose people and teams the seeds name. */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "plan.h"
#include "plan_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rk_school *school;
	if (!school)
		school = rk_fuzz_school_loaded("school/base.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan *plan = NULL;
	const char *path = rk_fuzz_file("plan.tsv", data, size);
	(void)rk_plan_file_read(school, path, &plan, diags);
	rk_plan_free(plan);
	rk_diags_free(diags);
	return 0;
}
