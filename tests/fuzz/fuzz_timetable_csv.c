/* The simple timetable CSV (rk_timetable_csv_load), against the time grid of tests/data/school/base.yaml. */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "timetable_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = rk_fuzz_school_yaml("school/base.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("rooster.csv", data, size);
	(void)rk_timetable_csv_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
