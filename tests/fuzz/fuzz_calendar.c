/* A holiday calendar of calendars/ (rk_ical_load_holidays). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "ical_calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = rk_fuzz_school_yaml("school/base.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("calendar.ics", data, size);
	(void)rk_ical_load_holidays(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
