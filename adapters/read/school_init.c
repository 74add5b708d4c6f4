#include "config.h"

#include "school_init.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "importer.h"
#include "loader.h"
#include "people_csv.h"
#include "date.h"
#include "i18n.h"
#include "school_writer.h"
#include "sections.h"
#include "teams.h"
#include "textfile.h"

/* "Gymnasium De Brug" -> "gymnasium-de-brug": the school's id. */
static const char *slug(struct rk_school *s, const char *name)
{
	char id[64];
	size_t n = 0;
	for (const char *p = name; *p && n + 1 < sizeof(id); p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80)
			id[n++] = (char)tolower(c);
		else if (n && id[n - 1] != '-')
			id[n++] = '-';
	}
	while (n && id[n - 1] == '-')
		n--;
	id[n] = '\0';
	return rk_school_strdup(s, n ? id : "school");
}

static enum rk_status set_info(struct rk_draft *d,
			       const struct rk_init_options *o)
{
	struct rk_school_info *info = rk_school_info(d->school);
	d->name_guessed = !o->name;
	d->kind_guessed = o->kind < 0;
	info->name = rk_school_strdup(d->school, o->name ? o->name : "School");
	info->id = info->name ? slug(d->school, info->name) : NULL;
	info->type = o->kind < 0 ? RK_SCHOOL_VO : (enum rk_school_type)o->kind;
	info->region = o->region;
	info->year = o->year;
	info->source_file = rk_school_strdup(d->school, o->output);
	return info->id && info->source_file ? RK_OK : RK_ERR_NOMEM;
}

/* The folder of @file, resolved; NULL when it cannot be. */
static char *folder_of(const char *file)
{
	char *copy = strdup(file), *abs = NULL;
	if (!copy)
		return NULL;
	char *slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	abs = realpath(slash ? copy : ".", NULL);
	free(copy);
	return abs;
}

/* @path as the school file @output names it: relative to its folder, so
 * that school file and timetable can move together. */
static char *relative_path(const char *output, const char *path)
{
	char *dir = folder_of(output), *file = realpath(path, NULL);
	char *rel = NULL;
	if (!dir || !file) {
		rel = strdup(path);
		goto out;
	}
	/* Files with only / in common stay absolute: "../../srv/x" says
	 * less than "/srv/x". */
	size_t top = strcspn(dir + 1, "/") + 1;
	if (strncmp(dir, file, top) || (file[top] != '/' && file[top])) {
		rel = strdup(file);
		goto out;
	}
	/* The last '/' up to which both agree; all of @dir when it is a
	 * folder above @file. */
	size_t i = 0, common = 0, up = 0;
	while (dir[i] && dir[i] == file[i]) {
		if (dir[i] == '/')
			common = i;
		i++;
	}
	if (!dir[i] && file[i] == '/')
		common = i;
	for (size_t k = common; strcmp(dir, "/") && dir[k]; k++)
		up += dir[k] == '/';
	const char *tail = file + common + 1;
	size_t len = strlen(tail);
	rel = malloc(up * 3 + len + 1);
	if (!rel)
		goto out;
	for (size_t k = 0; k < up; k++)
		memcpy(rel + 3 * k, "../", 3);
	memcpy(rel + 3 * up, tail, len + 1);
out:
	free(dir);
	free(file);
	return rel;
}

static enum rk_status add_source(struct rk_draft *d,
				 const struct rk_init_options *o,
				 const char *format)
{
	struct rk_school *s = d->school;
	struct rk_timetable_file *files =
		rk_school_alloc(s, o->n_timetables, sizeof(*files));
	struct rk_timetable_source *src =
		files ? rk_school_add_timetable_source(s) : NULL;
	if (!src)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < o->n_timetables; i++) {
		files[i].path = rk_school_strdup(s, o->timetables[i]);
		if (!files[i].path)
			return RK_ERR_NOMEM;
	}
	src->format = format;
	src->files = files;
	src->n_files = o->n_timetables;
	src->path = files[0].path;
	return RK_OK;
}

/* The importer for the timetable, told by --format or from the file. */
static const struct rk_importer *choose_importer(
	const struct rk_init_options *o, struct rk_diags *diags)
{
	const char *first = o->timetables[0];
	const struct rk_importer *imp = o->format ? rk_importer_find(o->format)
						  : rk_importer_probe(first);
	const char *format = o->format;
	char head[1];
	size_t len;
	if (imp)
		return imp;
	if (format)
		rk_diags_add(diags, RK_SEV_ERROR, first, 0, 0,
			     _("unknown timetable format '%s'"), format);
	else if (rk_textfile_head(first, head, sizeof(head), &len) != RK_OK)
		rk_diags_add(diags, RK_SEV_ERROR, first, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(errno));
	else
		rk_diags_add(
			diags, RK_SEV_ERROR, first, 0, 0,
			_("cannot tell the timetable format; give --format"));
	return NULL;
}

static enum rk_status read_lessons(struct rk_draft *d,
				   const struct rk_init_options *o,
				   struct rk_diags *diags)
{
	const struct rk_importer *imp = choose_importer(o, diags);
	if (!imp)
		return RK_ERR_INPUT;
	enum rk_status st = add_source(d, o, imp->id);
	/* Lesuur numbers (Untis periods, FET hours) get the usual grid while
	 * they are read, and keep the lesuren they use. */
	d->grid = imp->needs_grid ? RK_GRID_USUAL : RK_GRID_FROM_TIMES;
	if (st == RK_OK && d->grid == RK_GRID_USUAL)
		st = rk_draft_usual_grid(d->school, RK_DRAFT_MAX_LESUREN);
	if (st == RK_OK && o->people)
		st = rk_people_csv_load(d->school, o->people, diags);
	if (st == RK_ERR_NOMEM)
		return st;
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(d->school, 0);
	enum rk_status loaded = imp->load(d->school, src->path, diags);
	if (loaded == RK_ERR_NOMEM)
		return loaded;
	if (rk_diags_errors(diags))
		return RK_ERR_INPUT;
	if (rk_school_n_lesson(d->school) == 0) {
		rk_diags_add(diags, RK_SEV_ERROR, src->path, 0, 0,
			     _("the timetable has no lessons with a teacher"));
		return RK_ERR_INPUT;
	}
	if (d->grid == RK_GRID_USUAL)
		return rk_draft_fit_grid(d->school, &d->lesson_minutes);
	return rk_draft_grid_from_times(d->school);
}

/* The timetable's files as the school file at @o->output names them. */
static enum rk_status name_files(struct rk_draft *d,
				 const struct rk_init_options *o)
{
	struct rk_timetable_source *src =
		rk_school_timetable_source_at(d->school, 0);
	char label[256];
	size_t at = 0;
	for (size_t i = 0; i < src->n_files; i++) {
		char *rel = relative_path(o->output, o->timetables[i]);
		src->files[i].path =
			rel ? rk_school_strdup(d->school, rel) : NULL;
		free(rel);
		if (!src->files[i].path)
			return RK_ERR_NOMEM;
		int n = snprintf(label + at, sizeof(label) - at, "%s%s",
				 i ? ", " : "", src->files[i].path);
		if (n > 0 && (size_t)n < sizeof(label) - at)
			at += (size_t)n;
	}
	src->path = src->files[0].path;
	snprintf(label + at, sizeof(label) - at, " (%s)", src->format);
	d->timetable_label = rk_school_strdup(d->school, label);
	return d->timetable_label ? RK_OK : RK_ERR_NOMEM;
}

static enum rk_status draft_text(const struct rk_draft *d, char **text,
				 size_t *len)
{
	*text = NULL;
	FILE *f = open_memstream(text, len);
	if (!f)
		return RK_ERR_NOMEM;
	enum rk_status st = rk_school_writer_write(f, d);
	if (fclose(f) != 0 || st != RK_OK) {
		free(*text);
		*text = NULL;
		return RK_ERR_NOMEM;
	}
	return RK_OK;
}

static enum rk_status write_temp(const char *output, const char *text,
				 size_t len, char **path)
{
	static const char suffix[] = ".init-XXXXXX";
	size_t n = strlen(output);
	*path = malloc(n + sizeof(suffix));
	if (!*path)
		return RK_ERR_NOMEM;
	memcpy(*path, output, n);
	memcpy(*path + n, suffix, sizeof(suffix));
	int fd = mkstemp(*path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0) {
			close(fd);
			unlink(*path);
		}
		free(*path);
		*path = NULL;
		return RK_ERR_IO;
	}
	bool ok = fwrite(text, 1, len, f) == len;
	if (fclose(f) != 0 || !ok) {
		unlink(*path);
		free(*path);
		*path = NULL;
		return RK_ERR_IO;
	}
	return RK_OK;
}

/* The line of @text (the draft) that holds @key ("  school_year: "), or
 * 0. */
static int draft_line(const char *text, size_t len, const char *key)
{
	int line = 1;
	size_t n = strlen(key);
	for (size_t i = 0; i + n <= len; i++) {
		if ((i == 0 || text[i - 1] == '\n') &&
		    !strncmp(text + i, key, n))
			return line;
		line += text[i] == '\n';
	}
	return 0;
}

/* Passes on an error of reading the draft back. The school file was
 * never written, so an error in it is said of the file it becomes, and
 * one at the school year (no holiday calendar) of the option that gave
 * it. */
static void pass_on(const struct rk_init_options *o, const char *tmp,
		    int year_line, const struct rk_diag *g,
		    struct rk_diags *diags)
{
	char option[40];
	bool ours = g->file && !strcmp(g->file, tmp);
	if (ours && year_line && g->line == year_line) {
		snprintf(option, sizeof(option), "--year %d-%d", o->year,
			 o->year + 1);
		rk_diags_add(diags, g->severity, option, 0, 0, "%s",
			     g->message);
		return;
	}
	rk_diags_add(diags, g->severity, ours ? o->output : g->file, g->line,
		     g->column, "%s", g->message);
}

/* Writes @d beside the output and reads it back with the loader, as
 * ritmiek check and plan will: the school to propose teams on, and the
 * proof that the file reads. Problems of that reading are ritmiek's own
 * (or a missing holiday calendar), so they are passed on as they are. */
static enum rk_status reload(const struct rk_draft *d,
			     const struct rk_init_options *o,
			     struct rk_school **out, struct rk_diags *diags)
{
	char *text = NULL, *tmp = NULL;
	size_t len = 0;
	struct rk_diags *mine = rk_diags_new();
	struct rk_load_options lo = { .calendar_dir = o->calendar_dir };
	enum rk_status st = mine ? draft_text(d, &text, &len) : RK_ERR_NOMEM;
	if (st == RK_OK)
		st = write_temp(o->output, text, len, &tmp);
	if (st == RK_ERR_IO)
		rk_diags_add(diags, RK_SEV_ERROR, o->output, 0, 0,
			     _("cannot write beside the school file: %s"),
			     strerror(errno));
	if (st == RK_OK)
		st = rk_load_school(tmp, &lo, out, mine);
	int year_line = text ? draft_line(text, len, "  school_year: ") : 0;
	for (size_t i = 0; st == RK_ERR_INPUT && i < rk_diags_count(mine);
	     i++) {
		const struct rk_diag *g = rk_diags_get(mine, i);
		if (g->severity == RK_SEV_ERROR)
			pass_on(o, tmp, year_line, g, diags);
	}
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(text);
	rk_diags_free(mine);
	return st;
}

/* A line on team @t for the school file: its section, how homogeneous it
 * is and its common free moments. */
static const char *team_note(struct rk_school *s,
			     const struct rk_teams_proposal *p, size_t t)
{
	char note[512];
	const struct rk_free_moment *m;
	size_t n = rk_teams_moments(p, t, &m);
	const char *section = rk_teams_section(p, t);
	int at = snprintf(note, sizeof(note),
			  "voorgesteld: sectie %s, %.0f%% van de paren deelt "
			  "een sectie; vrij samen:",
			  section ? section : "gemengd",
			  100.0 * rk_teams_homogeneity(p, t));
	for (size_t i = 0;
	     i < n && i < 4 && at > 0 && (size_t)at < sizeof(note); i++) {
		char a[RK_TIME_BUFSIZE], b[RK_TIME_BUFSIZE];
		rk_time_format(m[i].start, a);
		rk_time_format(m[i].end, b);
		at += snprintf(note + at, sizeof(note) - (size_t)at,
			       "%s %s %s-%s", i ? "," : "",
			       rk_weekday_abbr(m[i].weekday), a, b);
	}
	return rk_school_strdup(s, note);
}

static enum rk_status add_team(struct rk_draft *d, const struct rk_school *from,
			       const struct rk_teams_proposal *p, size_t t)
{
	struct rk_school *s = d->school;
	const int *members;
	size_t n = rk_teams_members(p, t, &members);
	char id[32], name[160];
	const char *section = rk_teams_section(p, t);
	struct rk_team *team = rk_school_add_team(s);
	struct rk_ref *refs =
		team ? rk_school_alloc(s, n ? n : 1, sizeof(*refs)) : NULL;
	if (!refs)
		return RK_ERR_NOMEM;
	snprintf(id, sizeof(id), "team-%02zu", t + 1);
	if (section)
		snprintf(name, sizeof(name), "Team %zu (%s)", t + 1, section);
	else
		snprintf(name, sizeof(name), "Team %zu", t + 1);
	team->id = rk_school_strdup(s, id);
	team->name = rk_school_strdup(s, name);
	team->cohort = 1;
	team->coach.index = -1;
	for (size_t i = 0; i < n; i++) {
		const char *pid =
			rk_school_get_person(from, (size_t)members[i])->id;
		refs[i] = (struct rk_ref){ .id = rk_school_strdup(s, pid),
					   .index = -1 };
		if (!refs[i].id)
			return RK_ERR_NOMEM;
	}
	team->members = refs;
	team->n_members = n;
	d->team_notes[t] = team_note(s, p, t);
	return team->id && team->name && d->team_notes[t] ? RK_OK
							  : RK_ERR_NOMEM;
}

/* No division keeps the rules (a school of three teachers, teachers never
 * free together): the file is still written, with the teachers listed for
 * the school to divide and the reasons as warnings. */
static void teams_left_todo(struct rk_draft *d, const struct rk_diags *why,
			    struct rk_diags *diags)
{
	d->teams_todo = true;
	for (size_t i = 0; i < rk_diags_count(why); i++) {
		const struct rk_diag *g = rk_diags_get(why, i);
		rk_diags_add(diags, RK_SEV_WARNING, g->file, g->line, g->column,
			     _("no lerarenteams proposed: %s"), g->message);
	}
}

/* The lerarenteams, proposed by rk_teams_propose on the school as the
 * loader read it from the draft, so that what it sees is what check and
 * plan will see. */
static enum rk_status propose_teams(struct rk_draft *d,
				    const struct rk_init_options *o,
				    const struct rk_school *loaded,
				    struct rk_diags *diags)
{
	struct rk_sections *table = NULL;
	struct rk_teams_proposal *p = NULL;
	struct rk_diags *why = rk_diags_new();
	struct rk_teams_options opt = { .time_limit_ms = o->time_limit_ms };
	enum rk_status st =
		why ? rk_sections_load(o->sections, loaded, &table, diags)
		    : RK_ERR_NOMEM;
	if (st == RK_OK) {
		opt.sections = rk_sections_items(table, &opt.n_sections);
		st = rk_teams_propose(loaded, &opt, &p, why);
	}
	if (st == RK_ERR_INFEASIBLE) {
		teams_left_todo(d, why, diags);
		st = RK_OK;
	} else if (st == RK_OK) {
		size_t n = rk_teams_count(p);
		d->team_notes =
			rk_school_alloc(d->school, n ? n : 1, sizeof(char *));
		d->n_team_notes = d->team_notes ? n : 0;
		st = d->team_notes ? RK_OK : RK_ERR_NOMEM;
		for (size_t t = 0; st == RK_OK && t < n; t++)
			st = add_team(d, loaded, p, t);
		d->teams_solver =
			rk_school_strdup(d->school, rk_teams_solver_status(p));
	} else {
		for (size_t i = 0; why && i < rk_diags_count(why); i++) {
			const struct rk_diag *g = rk_diags_get(why, i);
			rk_diags_add(diags, g->severity, g->file, g->line,
				     g->column, "%s", g->message);
		}
	}
	rk_teams_proposal_free(p);
	rk_sections_free(table);
	rk_diags_free(why);
	return st;
}

static enum rk_status build(struct rk_draft *d, const struct rk_init_options *o,
			    struct rk_diags *diags)
{
	struct rk_school *loaded = NULL;
	enum rk_status st = set_info(d, o);
	if (st == RK_OK)
		st = read_lessons(d, o, diags);
	if (st == RK_OK)
		st = rk_draft_people(d);
	if (st == RK_OK)
		st = name_files(d, o);
	rk_draft_late_lessons(d);
	rk_draft_ab_weeks(d);
	if (st == RK_OK)
		st = reload(d, o, &loaded, diags);
	if (st == RK_OK)
		st = propose_teams(d, o, loaded, diags);
	rk_school_free(loaded);
	loaded = NULL;
	/* The file with its teams must read back as well. */
	if (st == RK_OK)
		st = reload(d, o, &loaded, diags);
	rk_school_free(loaded);
	return st;
}

enum rk_status rk_school_init(const struct rk_init_options *o,
			      struct rk_draft **out, struct rk_diags *diags)
{
	char *text = NULL;
	size_t len = 0;
	*out = NULL;
	if (!o || !o->output || !o->n_timetables)
		return RK_ERR_ARG;
	if (!o->force && access(o->output, F_OK) == 0) {
		rk_diags_add(
			diags, RK_SEV_ERROR, o->output, 0, 0,
			_("the file exists; give --force to overwrite it"));
		return RK_ERR_INPUT;
	}
	struct rk_school *school = rk_school_new();
	struct rk_draft *d = school ? rk_draft_new(school) : NULL;
	if (!d)
		return RK_ERR_NOMEM;
	enum rk_status st = build(d, o, diags);
	if (st == RK_OK)
		st = draft_text(d, &text, &len);
	if (st == RK_OK) {
		st = rk_textfile_write_atomic(o->output, text, len);
		if (st == RK_ERR_IO)
			rk_diags_add(diags, RK_SEV_ERROR, o->output, 0, 0,
				     _("cannot write the school file: %s"),
				     strerror(errno));
	}
	free(text);
	if (st == RK_OK)
		*out = d;
	else
		rk_draft_free(d);
	return st;
}
