/* The school file (rk_school_yaml_load): the YAML reader and the mapping to
 * the model. */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "school_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = NULL;
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("school.yaml", data, size);
	(void)rk_school_yaml_load(path, &school, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
