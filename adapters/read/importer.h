/* importer.h - one interface for every timetable format.
 *
 * A format is one adapter file that defines a const struct rk_importer; the
 * loader keeps the table. Adding a format touches neither the engine nor the
 * other importers. */
#ifndef RK_IMPORTER_H
#define RK_IMPORTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "school.h"

struct rk_importer {
	const char *id;		 /* "csv", "untis", "fet", "ical" */
	const char *description; /* one line for --help */
	/* Whether the first @len bytes of @path (in @head) look like this
	 * format. Must not read the file itself. */
	bool (*probe)(const char *path, const char *head, size_t len);
	/* Adds the lessons of @path to @school (whose people and time grid
	 * are loaded), reporting every problem to @diags. */
	enum rk_status (*load)(struct rk_school *school, const char *path,
			       struct rk_diags *diags);
};

/* The known importers, NULL-terminated. */
const struct rk_importer *const *rk_importers(void);
/* The importer called @id, or NULL. */
const struct rk_importer *rk_importer_find(const char *id);

/* The first importer whose probe takes the start of the file @path, or
 * NULL (also when the file cannot be read: errno says why). */
const struct rk_importer *rk_importer_probe(const char *path);

#endif
