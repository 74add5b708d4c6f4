/* An iCalendar timetable feed (rk_timetable_ical_load). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "timetable_ical.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_school *school = rk_fuzz_school_yaml("ical/school.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path = rk_fuzz_file("timetable.ics", data, size);
	(void)rk_timetable_ical_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
