#include "config.h"

#include "importer.h"

#include <string.h>

#include "timetable_csv.h"

/* The table of timetable formats; a new format adds one line here. */
static const struct rk_importer *const importers[] = {
	&rk_importer_csv,
	NULL,
};

const struct rk_importer *const *rk_importers(void)
{
	return importers;
}

const struct rk_importer *rk_importer_find(const char *id)
{
	for (size_t i = 0; id && importers[i]; i++)
		if (!strcmp(importers[i]->id, id))
			return importers[i];
	return NULL;
}
