#include "config.h"

#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ical_calendar.h"
#include "importer.h"
#include "people_csv.h"
#include "school_yaml.h"
#include "validate.h"
#include "i18n.h"

/* The holiday calendars: the folder asked for, else the installed one, else
 * the one in the source tree (so that an uninstalled build just works). */
static const char *calendar_dir(const struct rk_load_options *options)
{
	if (options && options->calendar_dir)
		return options->calendar_dir;
	if (access(RK_CALENDAR_DIR, R_OK) == 0)
		return RK_CALENDAR_DIR;
	return RK_SOURCE_CALENDAR_DIR;
}

/* "; there are calendars for 2025-2026 and 2026-2027" (or that there are
 * none) as a new string, so that the roosteraar sees which years exist. */
static char *years_there(const char *dir)
{
	int *years = NULL;
	size_t n = 0;
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	if (rk_ical_calendar_years(dir, &years, &n) == RK_ERR_NOMEM)
		return NULL;
	out = open_memstream(&text, &size);
	if (!out) {
		free(years);
		return NULL;
	}
	if (!n)
		fprintf(out, "%s",
			_("; that folder has no calendars (YYYY-YYYY.ics)"));
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%d-%d",
			!i	     ? _("; there are calendars for ")
			: i == n - 1 ? _(" and ")
				     : ", ",
			years[i], years[i] + 1);
	free(years);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* A year whose dates may still change is said plainly: a session planned in
 * what turns out to be the school's herfstvakantie is a session missed. */
static void warn_year_status(const struct rk_school_info *info,
			     enum rk_calendar_status year_status,
			     const char *path, struct rk_diags *diags)
{
	const struct rk_loc *at = &info->year_loc;
	bool advisory = year_status == RK_CALENDAR_ADVISORY;

	if (!advisory && year_status != RK_CALENDAR_UNPUBLISHED)
		return;
	rk_diags_add(
		diags, RK_SEV_WARNING, at->file, at->line, at->column,
		advisory
			? _("the holiday dates of %d-%d are advice of the "
			    "Rijksoverheid (adviesdata), not fixed dates: check "
			    "them against the school's own and put those that "
			    "differ under 'holidays:' (calendar %s)")
			: _("the Rijksoverheid has not yet published the "
			    "holidays of %d-%d: the dates in %s are derived from "
			    "the summer rota and may change; check them once "
			    "they are published and put those that differ under "
			    "'holidays:'"),
		info->year, info->year + 1, path);
}

static enum rk_status load_calendar(struct rk_school *school,
				    const struct rk_load_options *options,
				    struct rk_diags *diags)
{
	const struct rk_school_info *info = rk_school_get_info(school);
	if (info->year <= 0)
		return RK_OK; /* already reported by the school file's reader */
	const char *dir = calendar_dir(options);
	char *path = rk_ical_calendar_path(dir, info->year);
	char *there = NULL;
	enum rk_calendar_status year_status = RK_CALENDAR_UNSTATED;
	enum rk_status status = RK_OK;
	if (!path)
		return RK_ERR_NOMEM;
	if (access(path, R_OK) == 0) {
		status = rk_ical_load_calendar(school, path, &year_status,
					       diags);
		warn_year_status(info, year_status, path, diags);
		goto out;
	}
	there = years_there(dir);
	if (!there) {
		status = RK_ERR_NOMEM;
		goto out;
	}
	rk_diags_add(diags, RK_SEV_ERROR, info->year_loc.file,
		     info->year_loc.line, info->year_loc.column,
		     _("no holiday calendar for school year %d-%d (looked for "
		       "%s)%s"),
		     info->year, info->year + 1, path, there);
	status = RK_ERR_INPUT;
out:
	free(there);
	free(path);
	return status;
}

static enum rk_status load_timetables(struct rk_school *school,
				      struct rk_diags *diags)
{
	enum rk_status worst = RK_OK;
	for (size_t i = 0; i < rk_school_n_timetable_source(school); i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(school, i);
		const struct rk_importer *imp = rk_importer_find(src->format);
		if (!imp) {
			rk_diags_add(
				diags, RK_SEV_ERROR, src->loc.file,
				src->loc.line, src->loc.column,
				_("timetable format '%s' is not supported yet"),
				src->format);
			worst = RK_ERR_INPUT;
			continue;
		}
		enum rk_status status = imp->load(school, src->path, diags);
		if (status == RK_ERR_NOMEM)
			return status;
		if (status != RK_OK)
			worst = RK_ERR_INPUT;
	}
	return worst;
}

static void check_timezone(struct rk_school *school, struct rk_diags *diags)
{
	const struct rk_school_info *info = rk_school_get_info(school);
	if (!info->timezone || rk_ical_timezone_known(info->timezone))
		return;
	rk_diags_add(diags, RK_SEV_ERROR, info->timezone_loc.file,
		     info->timezone_loc.line, info->timezone_loc.column,
		     _("unknown time zone '%s'"), info->timezone);
}

enum rk_status rk_load_school(const char *path,
			      const struct rk_load_options *options,
			      struct rk_school **out, struct rk_diags *diags)
{
	struct rk_school *school = NULL;
	*out = NULL;
	enum rk_status status = rk_school_yaml_load(path, &school, diags);
	if (status == RK_ERR_IO || status == RK_ERR_NOMEM || !school)
		goto out;
	/* Go on after errors: the roosteraar wants every problem at once. */
	const struct rk_school_info *info = rk_school_get_info(school);
	if (info->people_file && rk_people_csv_load(school, info->people_file,
						    diags) == RK_ERR_NOMEM)
		goto nomem;
	if (load_calendar(school, options, diags) == RK_ERR_NOMEM ||
	    load_timetables(school, diags) == RK_ERR_NOMEM)
		goto nomem;
	check_timezone(school, diags);
	if (rk_school_validate(school, diags) == RK_ERR_NOMEM)
		goto nomem;
	status = rk_diags_errors(diags) ? RK_ERR_INPUT : RK_OK;
	if (rk_diags_oom(diags))
		status = RK_ERR_NOMEM;
	goto out;
nomem:
	status = RK_ERR_NOMEM;
out:
	rk_diags_sort(diags);
	if (status == RK_OK)
		*out = school;
	else
		rk_school_free(school);
	return status;
}
