#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "date.h"
#include "importer.h"
#include "people_csv.h"
#include "school_yaml.h"
#include "suggest.h"
#include "textfile.h"
#include "i18n.h"

/* What one teacher of the timetable does in a week: [0] A weeks (or every
 * week), [1] B weeks. */
struct tstat {
	const char *id;
	const struct rk_lesson *first; /* where they first appear */
	int lessons[2];
	int minutes[2];
	int free[2];
	int one_off; /* lessons on a single date (iCalendar exceptions) */
};

struct import {
	struct rk_school *school;
	struct rk_diags *diags;
	bool have_school;
	const char *format; /* --format, or NULL to probe */
	size_t *sources;    /* indices of the timetable sources to read */
	size_t n_sources;
	struct tstat *stats;
	size_t n_stats;
	bool quiet; /* -q: only the problems, not the summary */
};

static void import_usage(FILE *out)
{
	char all[128], grid[128];
	rk_importer_ids(rk_importers(), false, all, sizeof(all));
	rk_importer_ids(rk_importers(), true, grid, sizeof(grid));
	fprintf(out,
		_("Usage: ritmiek import [OPTION]... [FILE]...\n"
		  "Reads timetable files and says what it understood: the "
		  "teachers, their lessons\nper week, lesson hours and free "
		  "periods, A/B differences, and every problem\nas "
		  "file:line: message. Without FILE, the timetables named in "
		  "the school file.\n\n"
		  "  -f, --format FORMAT  %s (default: "
		  "told from each file)\n"
		  "  -s, --school SCHOOL  the school file: time grid, people, "
		  "day and hour maps\n"
		  "                       (needed for %s)\n"
		  "  -q, --quiet          only the problems, not the summary\n"
		  "  -h, --help           show this help and exit\n"),
		all, grid);
	fputs(_("\nFormats, told from a file in this order, with the keys of their own in the\n"
		"school file's timetable entry:\n"),
	      out);
	for (const struct rk_importer *const *imp = rk_importers(); *imp;
	     imp++) {
		fprintf(out, "  %-6s %s\n", (*imp)->id, _((*imp)->description));
		for (const struct rk_importer_option *o = (*imp)->options;
		     o && o->key; o++)
			fprintf(out, "         %s: %s\n", o->key,
				_(o->description));
	}
	/* Last, as in every command's help. */
	fputs(_("\nExit status: 0 no errors (warnings allowed), 1 errors, 2 bad "
		"usage, 4 failure.\n"),
	      out);
}

/* --- Which sources to read ------------------------------------------------ */

static const char *probe_format(const char *path)
{
	const struct rk_importer *imp = rk_importer_probe(path);
	return imp ? imp->id : NULL;
}

/* The school's own source that names @path (by its real path), or -1. */
static long source_naming(const struct rk_school *s, const char *path)
{
	char want[PATH_MAX], have[PATH_MAX];
	if (!realpath(path, want))
		return -1;
	for (size_t i = 0; i < rk_school_n_timetable_source(s); i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(s, i);
		for (size_t k = 0; k < src->n_files; k++)
			if (realpath(src->files[k].path, have) &&
			    !strcmp(have, want))
				return (long)i;
	}
	return -1;
}

static bool listed(const struct import *im, size_t index)
{
	for (size_t i = 0; i < im->n_sources; i++)
		if (im->sources[i] == index)
			return true;
	return false;
}

static void add_index(struct import *im, size_t index)
{
	if (!listed(im, index))
		im->sources[im->n_sources++] = index;
}

/* A new source of @format with the files of @paths that have it. */
static int new_source(struct import *im, const char *format, char *const *paths,
		      const char **formats, size_t n)
{
	size_t count = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		count += formats[i] == format;
	if (!count)
		return 0;
	struct rk_timetable_file *files =
		rk_school_alloc(im->school, count, sizeof(*files));
	struct rk_timetable_source *src =
		files ? rk_school_add_timetable_source(im->school) : NULL;
	if (!src)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (formats[i] == format)
			files[k++].path = paths[i];
	src->format = format;
	src->files = files;
	src->n_files = count;
	src->path = files[0].path;
	add_index(im, rk_school_n_timetable_source(im->school) - 1);
	return 0;
}

static const char *format_of(struct import *im, const char *path)
{
	const char *format = im->format ? rk_importer_find(im->format)->id
					: probe_format(path);
	char head[1];
	size_t len;
	if (format)
		return format;
	if (rk_textfile_head(path, head, sizeof(head), &len) != RK_OK)
		rk_diags_add(im->diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(errno));
	else
		rk_diags_add(
			im->diags, RK_SEV_ERROR, path, 0, 0,
			_("cannot tell the timetable format; give --format"));
	return NULL;
}

/* The files on the command line: those the school file names are read
 * with its source (and its maps); the others grouped by format into new
 * sources, so that GPU001 and GPU002 are read together. */
static int choose_sources(struct import *im, char **paths, size_t n)
{
	const char **formats = calloc(n + 1, sizeof(*formats));
	const struct rk_importer *const *imp = rk_importers();
	int status = -1;
	if (!formats)
		return -1;
	for (size_t i = 0; i < n; i++) {
		long s = im->have_school ? source_naming(im->school, paths[i])
					 : -1;
		if (s >= 0)
			add_index(im, (size_t)s);
		else
			formats[i] = format_of(im, paths[i]);
	}
	for (size_t i = 0; imp[i]; i++)
		if (new_source(im, imp[i]->id, paths, formats, n) < 0)
			goto out;
	status = 0;
out:
	free(formats);
	return status;
}

/* Untis periods and FET hours get their clock times from the time grid. */
static bool need_school(const struct import *im)
{
	for (size_t i = 0; !im->have_school && i < im->n_sources; i++) {
		const char *format = rk_school_get_timetable_source(
					     im->school, im->sources[i])
					     ->format;
		const struct rk_importer *imp = rk_importer_find(format);
		if (imp && imp->needs_grid) {
			fprintf(stderr,
				_("ritmiek import: %s timetables need --school SCHOOL: its time grid gives the lessons their clock times\n"),
				format);
			return true;
		}
	}
	return false;
}

static enum rk_status read_sources(struct import *im)
{
	for (size_t i = 0; i < im->n_sources; i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(im->school,
						       im->sources[i]);
		const struct rk_importer *imp = rk_importer_find(src->format);
		if (!imp)
			continue;
		if (imp->load(im->school, src->path, im->diags) == RK_ERR_NOMEM)
			return RK_ERR_NOMEM;
	}
	return RK_OK;
}

/* --- What the timetable says ---------------------------------------------- */

/* Lessons valid on one date only are iCalendar exceptions, not weekly. */
static bool one_off(const struct rk_lesson *l)
{
	return l->valid_from != INT_MIN && l->valid_from == l->valid_to;
}

static bool in_week(const struct rk_lesson *l, int k)
{
	return l->week == RK_AB_BOTH || (int)l->week == k + 1;
}

static struct tstat *stat_of(struct import *im, const struct rk_lesson *l)
{
	for (size_t i = 0; i < im->n_stats; i++)
		if (!strcmp(im->stats[i].id, l->person.id))
			return &im->stats[i];
	struct tstat *t = &im->stats[im->n_stats++];
	*t = (struct tstat){ .id = l->person.id, .first = l };
	return t;
}

static bool overlaps_lesson(const struct rk_school *s, const char *id, int k,
			    int day, const struct rk_lesuur *h)
{
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (l->weekday == day && in_week(l, k) && !one_off(l) &&
		    l->start < h->end && h->start < l->end &&
		    !strcmp(l->person.id, id))
			return true;
	}
	return false;
}

/* Free periods (tussenuren): lesuren between a teacher's first and last
 * lesson of a day in which they teach nothing. */
static int free_periods(const struct rk_school *s, const char *id, int k,
			int day)
{
	int first = INT_MAX, last = INT_MIN, n = 0;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (l->weekday != day || !in_week(l, k) || one_off(l) ||
		    strcmp(l->person.id, id))
			continue;
		first = l->start < first ? l->start : first;
		last = l->end > last ? l->end : last;
	}
	const struct rk_grid *g = rk_school_get_grid(s, day);
	for (size_t i = 0; g && first < last && i < g->n; i++)
		if (g->hours[i].start >= first && g->hours[i].end <= last &&
		    !overlaps_lesson(s, id, k, day, &g->hours[i]))
			n++;
	return n;
}

static int count_stats(struct import *im)
{
	size_t n = rk_school_n_lesson(im->school);
	im->stats = calloc(n + 1, sizeof(*im->stats));
	if (!im->stats)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct rk_lesson *l = rk_school_get_lesson(im->school, i);
		struct tstat *t = stat_of(im, l);
		t->one_off += one_off(l);
		for (int k = 0; k < 2 && !one_off(l); k++) {
			if (!in_week(l, k))
				continue;
			t->lessons[k]++;
			t->minutes[k] += l->end - l->start;
		}
	}
	for (size_t i = 0; i < im->n_stats; i++)
		for (int k = 0; k < 2; k++)
			for (int d = 0; d < 7; d++)
				im->stats[i].free[k] += free_periods(
					im->school, im->stats[i].id, k, d);
	return 0;
}

/* Teachers the school file lacks, each once with a suggestion; people who
 * teach nothing, as a warning. */
static void check_people(struct import *im)
{
	const struct rk_school *s = im->school;
	size_t np = rk_school_n_person(s);
	const char **ids = calloc(np + 1, sizeof(*ids));
	if (!ids || !im->have_school) {
		free(ids);
		return;
	}
	for (size_t i = 0; i < np; i++)
		ids[i] = rk_school_get_person(s, i)->id;
	for (size_t i = 0; i < im->n_stats; i++) {
		const struct tstat *t = &im->stats[i];
		const struct rk_loc *loc = &t->first->loc;
		if (rk_school_find_person(s, t->id) >= 0)
			continue;
		const char *near = rk_suggest(t->id, ids, np);
		rk_diags_add(
			im->diags, RK_SEV_ERROR, loc->file, loc->line,
			loc->column,
			_("teacher '%s' is not in the school file; %s%s%s"),
			t->id, near ? _("did you mean '") : _("add them to "),
			near ? near : "'people'", near ? "'?" : "");
	}
	for (size_t i = 0; i < np && im->n_stats; i++) {
		const struct rk_person *p = rk_school_get_person(s, i);
		bool teaches = false;
		for (size_t k = 0; k < im->n_stats && !teaches; k++)
			teaches = !strcmp(im->stats[k].id, p->id);
		if (!teaches && (p->roles & RK_ROLE_LERAAR))
			rk_diags_add(
				im->diags, RK_SEV_WARNING, p->loc.file,
				p->loc.line, p->loc.column,
				_("teacher '%s' (%s) has no lessons in the timetable"),
				p->id, p->name ? p->name : p->id);
	}
	free(ids);
}

/* "24 (18h00, 3 free)" */
static void format_week(const struct tstat *t, int k, char *buf, size_t size)
{
	snprintf(buf, size, _("%2d (%dh%02d, %d free)"), t->lessons[k],
		 t->minutes[k] / 60, t->minutes[k] % 60, t->free[k]);
}

static void print_teacher(const struct import *im, const struct tstat *t)
{
	int index = rk_school_find_person(im->school, t->id);
	const struct rk_person *p =
		index >= 0 ? rk_school_get_person(im->school, (size_t)index)
			   : NULL;
	char a[64], b[64];
	format_week(t, 0, a, sizeof(a));
	format_week(t, 1, b, sizeof(b));
	printf("  ");
	rk_text_put_padded(stdout, t->id, 8);
	printf(" ");
	rk_text_put_padded(stdout,
			   p		     ? p->name
			   : im->have_school ? _("(not in the school file)")
					     : "",
			   26);
	if (strcmp(a, b))
		printf(" A %s / B %s", a, b);
	else
		printf(" %s", a);
	if (t->one_off)
		printf(_("; %d on single dates"), t->one_off);
	printf("\n");
}

static void print_sources(const struct import *im)
{
	for (size_t i = 0; i < im->n_sources; i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(im->school,
						       im->sources[i]);
		printf(_("Timetable    %s:"), src->format);
		for (size_t k = 0; k < src->n_files; k++)
			printf(" %s", src->files[k].path);
		if (!src->n_files)
			printf(" %s", src->path);
		printf("\n");
	}
}

static void print_summary(const struct import *im)
{
	int week[2] = { 0, 0 }, unknown = 0, differ = 0;
	for (size_t i = 0; i < im->n_stats; i++) {
		const struct tstat *t = &im->stats[i];
		week[0] += t->lessons[0];
		week[1] += t->lessons[1];
		differ += t->lessons[0] != t->lessons[1] ||
			  t->minutes[0] != t->minutes[1];
		unknown += im->have_school &&
			   rk_school_find_person(im->school, t->id) < 0;
	}
	print_sources(im);
	printf(_("Teachers     %zu"), im->n_stats);
	if (im->have_school)
		printf(_(", %d not in the school file"), unknown);
	printf(_("\nLessons      %zu in the model; a week: "),
	       rk_school_n_lesson(im->school));
	if (week[0] == week[1] && !differ)
		printf("%d\n", week[0]);
	else
		printf(_("%d in A weeks, %d in B weeks (%d teachers differ)\n"),
		       week[0], week[1], differ);
	printf(_("Per teacher: lessons a week (hours, free periods)%s:\n"),
	       differ ? _(", A / B where they differ") : "");
	for (size_t i = 0; i < im->n_stats; i++)
		print_teacher(im, &im->stats[i]);
}

/* --- The command ---------------------------------------------------------- */

static int load_school(struct import *im, const char *path)
{
	if (!path) {
		im->school = rk_school_new();
		return im->school ? RK_EXIT_OK : RK_EXIT_FAILURE;
	}
	im->have_school = true;
	enum rk_status status =
		rk_school_yaml_load(path, &im->school, im->diags);
	const struct rk_school_info *info =
		im->school ? rk_school_get_info(im->school) : NULL;
	if (status == RK_OK && info->people_file)
		status = rk_people_csv_load(im->school, info->people_file,
					    im->diags);
	if (status == RK_OK)
		return RK_EXIT_OK;
	rk_diags_sort(im->diags);
	rk_cli_print_diags(stderr, im->diags);
	fprintf(stderr, "ritmiek import: %s: %s\n", path,
		status == RK_ERR_INPUT ? _("fix the school file first")
				       : rk_strerror(status));
	return status == RK_ERR_NOMEM ? RK_EXIT_FAILURE : RK_EXIT_INPUT;
}

static int run_import(struct import *im, const char *school, char **files,
		      size_t n)
{
	int exit_status = load_school(im, school);
	if (exit_status != RK_EXIT_OK)
		return exit_status;
	im->sources = calloc(n + rk_school_n_timetable_source(im->school) + 1,
			     sizeof(*im->sources));
	if (!im->sources || choose_sources(im, files, n) < 0)
		return RK_EXIT_FAILURE;
	for (size_t i = 0;
	     n == 0 && i < rk_school_n_timetable_source(im->school); i++)
		add_index(im, i);
	if (need_school(im))
		return RK_EXIT_USAGE;
	if (im->n_sources == 0 && rk_diags_count(im->diags) == 0) {
		fprintf(stderr, _("ritmiek import: no timetable to read\n"));
		return RK_EXIT_USAGE;
	}
	if (read_sources(im) != RK_OK || count_stats(im) < 0)
		return RK_EXIT_FAILURE;
	check_people(im);
	if (!im->quiet)
		print_summary(im);
	rk_diags_sort(im->diags);
	rk_cli_print_diags(stderr, im->diags);
	if (rk_diags_errors(im->diags)) {
		fprintf(stderr,
			_("ritmiek import: %zu error(s), %zu warning(s)\n"),
			rk_diags_errors(im->diags),
			rk_diags_warnings(im->diags));
		return RK_EXIT_INPUT;
	}
	return rk_diags_oom(im->diags) ? RK_EXIT_FAILURE : RK_EXIT_OK;
}

int rk_cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "school", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import im = { .diags = rk_diags_new() };
	const char *school = NULL;
	int opt, status = RK_EXIT_USAGE;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:s:qh", options, NULL)) != -1) {
		if (opt == 'f')
			im.format = optarg;
		else if (opt == 's')
			school = optarg;
		else if (opt == 'q')
			im.quiet = true;
		else if (opt == 'h')
			status = RK_EXIT_OK;
		else
			goto usage;
		if (opt == 'h')
			goto usage;
	}
	if (im.format && !rk_importer_find(im.format)) {
		char all[128];
		rk_importer_ids(rk_importers(), false, all, sizeof(all));
		fprintf(stderr,
			_("ritmiek import: unknown format '%s': expected %s\n"),
			im.format, all);
		goto out;
	}
	if (optind == argc && !school) {
		fprintf(stderr,
			_("ritmiek import: expected FILE... or --school\n"));
		goto usage;
	}
	status = im.diags ? run_import(&im, school, argv + optind,
				       (size_t)(argc - optind))
			  : RK_EXIT_FAILURE;
	goto out;
usage:
	if (status == RK_EXIT_OK)
		import_usage(stdout);
	else
		rk_cli_try_help("import");
out:
	free(im.sources);
	free(im.stats);
	rk_school_free(im.school);
	rk_diags_free(im.diags);
	return status;
}
