/* FET's CSV export (rk_timetable_fet_load). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "timetable_fet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school =
		rk_fuzz_school_yaml("fet/dgspro200809/school.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("timetable.csv", data, size);
	(void)rk_timetable_fet_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
