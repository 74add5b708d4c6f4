#include "config.h"

#include "importer.h"

#include <string.h>

#include "i18n.h"
#include "words.h"
#include "textfile.h"

#include "timetable_csv.h"
#include "timetable_fet.h"
#include "timetable_ical.h"
#include "timetable_untis.h"

/* The table of timetable formats; a new format adds one line here. The
 * order is the order of probing: the strictest probes first. */
static const struct rk_importer *const importers[] = {
	&rk_importer_csv,
	&rk_importer_untis,
	&rk_importer_fet,
	&rk_importer_ical,
	NULL,
};

const struct rk_importer *const *rk_importers(void)
{
	return importers;
}

void rk_importer_ids(const struct rk_importer *const *table, bool grid_only,
		     char *buf, size_t size)
{
	const char *ids[RK_IMPORTERS_MAX];
	size_t n = 0;
	for (; *table && n < RK_IMPORTERS_MAX; table++)
		if (!grid_only || (*table)->needs_grid)
			ids[n++] = (*table)->id;
	rk_words_join(buf, size, ids, n, _(" or "));
}

const struct rk_importer *rk_importer_default(
	const struct rk_importer *const *table)
{
	for (; *table; table++)
		if ((*table)->is_default)
			return *table;
	return NULL;
}

const struct rk_importer *rk_importer_find(const char *id)
{
	for (size_t i = 0; id && importers[i]; i++)
		if (!strcmp(importers[i]->id, id))
			return importers[i];
	return NULL;
}

/* Enough of a file to tell every format by. */
#define HEAD_SIZE 4096

const struct rk_importer *rk_importer_probe(const char *path)
{
	char head[HEAD_SIZE];
	size_t len;
	if (rk_textfile_head(path, head, sizeof(head), &len) != RK_OK)
		return NULL;
	for (size_t i = 0; importers[i]; i++)
		if (importers[i]->probe(path, head, len))
			return importers[i];
	return NULL;
}

const struct rk_timetable_source *rk_importer_source(
	const struct rk_school *school, const char *path)
{
	size_t n = rk_school_n_timetable_source(school);
	for (size_t i = 0; i < n; i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(school, i);
		if (src->path == path ||
		    (src->path && !strcmp(src->path, path)))
			return src;
	}
	return NULL;
}

const struct rk_option *rk_option_find(const struct rk_option *options,
				       size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(options[i].key, key))
			return &options[i];
	return NULL;
}

const struct rk_option *rk_importer_file_option(
	const struct rk_timetable_source *src, size_t i, const char *key)
{
	const struct rk_option *o = NULL;
	if (!src)
		return NULL;
	if (i < src->n_files)
		o = rk_option_find(src->files[i].options,
				   src->files[i].n_options, key);
	return o ? o : rk_option_find(src->options, src->n_options, key);
}
