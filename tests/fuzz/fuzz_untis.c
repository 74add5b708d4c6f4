/* An Untis GPU file (rk_timetable_untis_load). The file is not named GPU00N.TXT, so which kind it is comes from its fields: every kind is reached. */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "timetable_untis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = rk_fuzz_school_yaml("untis/school.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("untis.txt", data, size);
	(void)rk_timetable_untis_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
