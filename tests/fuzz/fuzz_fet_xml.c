/* FET's XML pair (rk_timetable_fet_load): NAME_activities.xml read with the
 * NAME_data_and_timetable.fet beside it. An input that looks like a .fet
 * file takes that place beside the small activities of tests/data/fet/small;
 * any other input is the activities, beside the small .fet file. */
#include "config.h"

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "timetable_fet.h"

struct fixed {
	uint8_t *data;
	size_t size;
};

static struct fixed read_fixed(const char *name)
{
	char path[1024];
	struct fixed f = { NULL, 0 };
	snprintf(path, sizeof(path), "%s/tests/data/fet/small/%s",
		 RK_FUZZ_SRCDIR, name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		abort();
	f.data = malloc(65536);
	if (!f.data)
		abort();
	f.size = fread(f.data, 1, 65536, fp);
	fclose(fp);
	return f;
}

static bool looks_like_fet(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i++)
		if (!memcmp(data + i, "<fet", 4))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fixed fet, activities;
	if (!fet.data) {
		fet = read_fixed("small_data_and_timetable.fet");
		activities = read_fixed("small_activities.xml");
	}
	struct rk_school *school =
		rk_fuzz_school_yaml("fet/dgspro200809/school-xml.yaml");
	struct rk_diags *diags = rk_diags_new();
	const char *path;
	if (looks_like_fet(data, size)) {
		rk_fuzz_file("x_data_and_timetable.fet", data, size);
		path = rk_fuzz_file("x_activities.xml", activities.data,
				    activities.size);
	} else {
		rk_fuzz_file("x_data_and_timetable.fet", fet.data, fet.size);
		path = rk_fuzz_file("x_activities.xml", data, size);
	}
	(void)rk_timetable_fet_load(school, path, diags);
	rk_diags_free(diags);
	rk_school_free(school);
	return 0;
}
