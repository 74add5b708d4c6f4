/* importer.h - one interface for every timetable format.
 *
 * A format is one adapter file that defines a const struct rk_importer,
 * with the keys it reads from its school file entry in its own option
 * table; importer.c keeps the table of formats. The school file reader
 * checks an entry against its format's options and hands them over as
 * rk_option lists in the timetable source, which the importer reads back
 * (rk_importer_file_option). Adding a format touches neither the engine,
 * the school file reader nor the other importers: its file and one line of
 * the table. */
#ifndef RK_IMPORTER_H
#define RK_IMPORTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "school.h"

/* What a value of a format's own key must be; the school file reader
 * checks it, so that the importer reads only well-formed values. */
enum rk_option_shape {
	RK_OPTION_TEXT,	       /* key: text */
	RK_OPTION_MAP_INT,     /* key: {name: number >= 0, ...} */
	RK_OPTION_MAP_WEEKDAY, /* key: {name: weekday, ...}; number 0 = Monday */
};

/* Where a key may stand in a timetable entry of the school file. */
enum {
	RK_OPTION_SOURCE = 1, /* beside format and file(s) */
	RK_OPTION_FILE = 2,   /* in an entry of files: {file: ..., KEY: ...} */
};

/* One key a format reads from its `timetable:` entry, besides `format`,
 * `file` and `files`, which every format has. */
struct rk_importer_option {
	const char *key;
	enum rk_option_shape shape;
	unsigned where;		 /* RK_OPTION_SOURCE and/or RK_OPTION_FILE */
	const char *noun;	 /* a value of a map in messages: "lesuur" */
	const char *description; /* one line for --help, N_() */
};

struct rk_importer {
	const char *id;		 /* "csv", "untis", "fet", "ical" */
	const char *description; /* one line for --help, N_() */
	/* Whether the first @len bytes of @path (in @head) look like this
	 * format. Must not read the file itself. */
	bool (*probe)(const char *path, const char *head, size_t len);
	/* Adds the lessons of @path to @school (whose people and time grid
	 * are loaded), reporting every problem to @diags. */
	enum rk_status (*load)(struct rk_school *school, const char *path,
			       struct rk_diags *diags);
	/* The keys of its own, ended by an entry whose key is NULL; NULL
	 * when it has none. Any other key is an error in the school file. */
	const struct rk_importer_option *options;
	/* Its lessons are lesuur numbers, not clock times: the school's time
	 * grid gives them their times, so reading it needs the school. */
	bool needs_grid;
	/* The format of a school file's timetable entry without `format:`
	 * (csv). The table's order is the order of probing, which a new,
	 * stricter format may change without changing this default. */
	bool is_default;
};

/* The known importers, NULL-terminated. */
const struct rk_importer *const *rk_importers(void);
/* The most importers a table lists for rk_importer_ids. */
#define RK_IMPORTERS_MAX 32

/* The ids of the importers of @table (NULL-terminated), only those that
 * need the time grid when @grid_only, joined for a message into @buf:
 * "csv, untis, fet or ical", with " or " in the user's language. */
void rk_importer_ids(const struct rk_importer *const *table, bool grid_only,
		     char *buf, size_t size);
/* The default format of @table (its entry with is_default), or NULL: then
 * every timetable entry must say its format. */
const struct rk_importer *rk_importer_default(
	const struct rk_importer *const *table);
/* The importer called @id, or NULL. */
const struct rk_importer *rk_importer_find(const char *id);

/* The first importer whose probe takes the start of the file @path, or
 * NULL (also when the file cannot be read: errno says why). */
const struct rk_importer *rk_importer_probe(const char *path);

/* The timetable source of @school whose first file is @path, or NULL (a
 * file read without a school file entry). Borrowed from @school. */
const struct rk_timetable_source *rk_importer_source(
	const struct rk_school *school, const char *path);

/* The option @key of @options, or NULL. */
const struct rk_option *rk_option_find(const struct rk_option *options,
				       size_t n, const char *key);

/* The option @key of file @i of @src, else of @src itself (a source's
 * key is the default of its files); NULL when neither has it or @src is
 * NULL. */
const struct rk_option *rk_importer_file_option(
	const struct rk_timetable_source *src, size_t i, const char *key);

#endif
