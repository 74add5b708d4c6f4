/* The people CSV file (rk_people_csv_load). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "people_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = rk_school_new();
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("people.csv", data, size);
	(void)rk_people_csv_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
