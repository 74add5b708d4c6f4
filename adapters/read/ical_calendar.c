#include "config.h"

#include "ical_calendar.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "date.h"
#include "textfile.h"
#include "i18n.h"

#define X_KEY	   "X-RITMIEK-KEY"
#define X_REGION   "X-RITMIEK-REGION"
#define X_ADVISORY "X-RITMIEK-ADVISORY"
#define X_STATUS   "X-RITMIEK-STATUS"

/* One call of rk_ical_load_holidays: what every helper reports to. */
struct load {
	struct rk_school *school;
	struct rk_diags *diags;
	const char *path;     /* as the caller gave it, for diagnostics */
	const char *loc_file; /* the same, owned by the school */
	const char *text;     /* the whole file, for line numbers */
	enum rk_calendar_status year_status;
	size_t errors;
};

/* What one VEVENT says, checked; strings are borrowed from libical. */
struct event {
	const char *key;
	const char *name;
	int from;
	int to; /* inclusive */
	enum rk_dayoff_kind kind;
	unsigned regions;
	bool advisory;
	char who[96]; /* "event 'herfstvakantie'", for messages */
};

static void error_at(struct load *ld, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_at(struct load *ld, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rk_diags_add(ld->diags, RK_SEV_ERROR, ld->path, line, 0, "%s", msg);
	ld->errors++;
}

/* libical gives components without line numbers, so the lines of the
 * BEGIN:VEVENT lines are found in the text; libical keeps the events in
 * file order, so the n-th event is on the n-th of these lines. A folded line
 * starts with a space, so it is never taken for a BEGIN. */
static int *vevent_lines(const char *text, size_t *count)
{
	static const char begin[] = "BEGIN:VEVENT";
	size_t n = 0, cap = 0;
	int *lines = NULL;
	int line = 1;

	for (const char *p = text; *p; line++) {
		size_t len = strcspn(p, "\r\n");
		size_t blen = sizeof(begin) - 1;
		if (len >= blen && !strncasecmp(p, begin, blen) &&
		    strspn(p + blen, " \t") == len - blen) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				int *grown =
					realloc(lines, cap * sizeof(*lines));
				if (!grown) {
					free(lines);
					return NULL;
				}
				lines = grown;
			}
			lines[n++] = line;
		}
		p += len;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	*count = n;
	/* An empty list is not an error: hand back a valid pointer anyway. */
	return lines ? lines : calloc(1, sizeof(*lines));
}

/* libical marks what it could not parse with X-LIC-ERROR properties in the
 * component where it happened; reports those of @comp itself. */
static void report_own_lic_errors(struct load *ld, icalcomponent *comp,
				  int line)
{
	for (icalproperty *p = icalcomponent_get_first_property(
		     comp, ICAL_XLICERROR_PROPERTY);
	     p;
	     p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY))
		error_at(ld, line, _("iCalendar syntax error: %s"),
			 icalproperty_get_xlicerror(p));
}

/* The same for @comp and everything in it (a VEVENT's VALARMs); returns how
 * many there were. */
static size_t report_lic_errors(struct load *ld, icalcomponent *comp, int line)
{
	size_t before = ld->errors;

	report_own_lic_errors(ld, comp, line);
	for (icalcomponent *c = icalcomponent_get_first_component(
		     comp, ICAL_ANY_COMPONENT);
	     c; c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		report_lic_errors(ld, c, line);
	return ld->errors - before;
}

/* The value of the X- property @name; NULL when it is absent or empty. */
static const char *x_value(icalcomponent *comp, const char *name)
{
	for (icalproperty *p =
		     icalcomponent_get_first_property(comp, ICAL_X_PROPERTY);
	     p; p = icalcomponent_get_next_property(comp, ICAL_X_PROPERTY)) {
		const char *pname = icalproperty_get_x_name(p);
		const char *value = icalproperty_get_x(p);
		if (pname && !strcasecmp(pname, name))
			return value && *value ? value : NULL;
	}
	return NULL;
}

/* "noord", "all" or a list "midden,zuid" into region bits; on an unknown
 * name, copies it to @bad and returns false. */
static bool parse_regions(const char *text, unsigned *regions, char *bad,
			  size_t badsize)
{
	*regions = 0;
	do {
		size_t len = strcspn(text, ",");
		char word[32];
		while (len && (*text == ' ' || *text == '\t')) {
			text++;
			len--;
		}
		while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
			len--;
		snprintf(word, sizeof(word), "%.*s", (int)len, text);
		int r = rk_region_parse(word);
		if (!strcasecmp(word, "all")) {
			*regions |= RK_REGIONS_ALL;
		} else if (r >= 0) {
			*regions |= 1u << r;
		} else {
			snprintf(bad, badsize, "%.*s", (int)len, text);
			return false;
		}
		text += strcspn(text, ",");
	} while (*text++ == ',');
	return true;
}

/* The kind from the CATEGORIES (libical splits a list into properties):
 * the first VAKANTIE or FEESTDAG wins. */
static void check_kind(struct load *ld, icalcomponent *ev, int line,
		       struct event *e)
{
	const char *first = NULL;

	for (icalproperty *p = icalcomponent_get_first_property(
		     ev, ICAL_CATEGORIES_PROPERTY);
	     p; p = icalcomponent_get_next_property(ev,
						    ICAL_CATEGORIES_PROPERTY)) {
		const char *cat = icalproperty_get_categories(p);
		if (!cat)
			continue;
		if (!strcasecmp(cat, "VAKANTIE")) {
			e->kind = RK_OFF_VAKANTIE;
			return;
		}
		if (!strcasecmp(cat, "FEESTDAG")) {
			e->kind = RK_OFF_FEESTDAG;
			return;
		}
		if (!first)
			first = cat;
	}
	if (first)
		error_at(
			ld, line,
			_("%s: unknown category '%s' (expected VAKANTIE or FEESTDAG)"),
			e->who, first);
	else
		error_at(
			ld, line,
			_("%s has no CATEGORIES (expected VAKANTIE or FEESTDAG)"),
			e->who);
}

/* A DTSTART or DTEND that must be an all-day date; 1 when found and valid,
 * 0 when absent, -1 (reported) when it is not a date. */
static int get_date(struct load *ld, icalcomponent *ev, int line,
		    const struct event *e, icalproperty_kind kind, int *date)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	const char *name = icalproperty_kind_to_string(kind);

	if (!p)
		return 0;
	struct icaltimetype t = kind == ICAL_DTSTART_PROPERTY
					? icalproperty_get_dtstart(p)
					: icalproperty_get_dtend(p);
	/* libical accepts 20261399; holidays are whole days. */
	if (!t.is_date || !rk_date_valid_ymd(t.year, t.month, t.day)) {
		error_at(ld, line,
			 _("%s: %s is not a valid date (use %s;VALUE=DATE)"),
			 e->who, name, name);
		return -1;
	}
	*date = rk_date_from_ymd(t.year, t.month, t.day);
	return 1;
}

/* Without DTEND, RFC 5545 (3.6.1) takes DURATION, or else one day. */
static bool end_from_duration(struct load *ld, icalcomponent *ev, int line,
			      struct event *e)
{
	icalproperty *p =
		icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
	struct icaldurationtype d;

	e->to = e->from + 1;
	if (!p)
		return true;
	d = icalproperty_get_duration(p);
	if (d.is_neg || d.hours || d.minutes || d.seconds) {
		error_at(ld, line, _("%s: DURATION must be whole days"),
			 e->who);
		return false;
	}
	e->to = e->from + (int)(d.weeks * 7 + d.days);
	return true;
}

/* DTEND is exclusive (RFC 5545); @e->to becomes the last day. */
static void check_dates(struct load *ld, icalcomponent *ev, int line,
			struct event *e)
{
	int start = get_date(ld, ev, line, e, ICAL_DTSTART_PROPERTY, &e->from);
	int end = get_date(ld, ev, line, e, ICAL_DTEND_PROPERTY, &e->to);

	if (start == 0)
		error_at(ld, line, _("%s has no DTSTART"), e->who);
	if (start <= 0 || end < 0)
		return;
	if (end == 0 && !end_from_duration(ld, ev, line, e))
		return;
	if (e->to <= e->from) {
		error_at(
			ld, line,
			_("%s: DTEND is not after DTSTART (DTEND is the day after the last day)"),
			e->who);
		return;
	}
	e->to--;
}

static void check_region_and_advisory(struct load *ld, icalcomponent *ev,
				      int line, struct event *e)
{
	const char *region = x_value(ev, X_REGION);
	const char *advisory = x_value(ev, X_ADVISORY);
	char bad[64];

	if (!region)
		error_at(ld, line, "%s has no " X_REGION, e->who);
	else if (!parse_regions(region, &e->regions, bad, sizeof(bad)))
		error_at(
			ld, line,
			_("%s: unknown region '%s' (expected noord, midden, zuid or all)"),
			e->who, bad);

	if (!advisory || !strcasecmp(advisory, "FALSE"))
		e->advisory = false;
	else if (!strcasecmp(advisory, "TRUE"))
		e->advisory = true;
	else
		error_at(ld, line,
			 "%s: " X_ADVISORY " must be TRUE or FALSE, not '%s'",
			 e->who, advisory);
}

/* Reads and checks one VEVENT into @e; false (reported) when it is broken. */
static bool read_event(struct load *ld, icalcomponent *ev, int line,
		       struct event *e)
{
	size_t before = ld->errors;

	memset(e, 0, sizeof(*e));
	/* What libical could not parse would only show up again below as a
	 * missing property; its own message says more. */
	if (report_lic_errors(ld, ev, line))
		return false;
	e->key = x_value(ev, X_KEY);
	e->name = icalcomponent_get_summary(ev);
	if (e->key) {
		snprintf(e->who, sizeof(e->who), "event '%s'", e->key);
	} else {
		snprintf(e->who, sizeof(e->who), "event");
		error_at(ld, line, "event has no " X_KEY);
	}
	check_dates(ld, ev, line, e);
	check_kind(ld, ev, line, e);
	check_region_and_advisory(ld, ev, line, e);
	return ld->errors == before;
}

static enum rk_status add_dayoff(struct load *ld, const struct event *e,
				 int line)
{
	struct rk_dayoff *d = rk_school_add_dayoff(ld->school);

	if (!d)
		return RK_ERR_NOMEM;
	d->key = rk_school_strdup(ld->school, e->key);
	d->name = rk_school_strdup(ld->school, e->name ? e->name : e->key);
	if (!d->key || !d->name)
		return RK_ERR_NOMEM;
	d->from = e->from;
	d->to = e->to;
	d->kind = e->kind;
	d->regions = e->regions;
	d->advisory = e->advisory;
	d->loc = (struct rk_loc){ .file = ld->loc_file, .line = line };
	return RK_OK;
}

/* The line of the first property @name at the start of a line of the text
 * (libical keeps no line numbers); 0 when there is none. */
static int property_line(const char *text, const char *name)
{
	size_t n = strlen(name);
	int line = 1;

	for (const char *p = text; *p; line++) {
		if (!strncasecmp(p, name, n) && (p[n] == ':' || p[n] == ';'))
			return line;
		p += strcspn(p, "\n");
		if (*p == '\n')
			p++;
	}
	return 0;
}

static void read_year_status(struct load *ld, icalcomponent *cal)
{
	static const char *const names[] = {
		[RK_CALENDAR_PUBLISHED] = "PUBLISHED",
		[RK_CALENDAR_ADVISORY] = "ADVISORY",
		[RK_CALENDAR_UNPUBLISHED] = "UNPUBLISHED",
	};
	const char *value = x_value(cal, X_STATUS);

	if (!value)
		return;
	for (size_t i = 1; i < sizeof(names) / sizeof(*names); i++)
		if (!strcasecmp(value, names[i])) {
			ld->year_status = (enum rk_calendar_status)i;
			return;
		}
	error_at(ld, property_line(ld->text, X_STATUS),
		 X_STATUS
		 " must be PUBLISHED, ADVISORY or UNPUBLISHED, not '%s'",
		 value);
}

/* The events of one VCALENDAR, numbered on from *@index. */
static enum rk_status load_calendar(struct load *ld, icalcomponent *cal,
				    const int *lines, size_t n_lines,
				    size_t *index)
{
	report_own_lic_errors(ld, cal, 0);
	read_year_status(ld, cal);
	for (icalcomponent *c =
		     icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT);
	     c; c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		if (icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT) {
			report_lic_errors(ld, c, 0);
			continue;
		}
		int line = *index < n_lines ? lines[*index] : 0;
		struct event e;
		(*index)++;
		if (!read_event(ld, c, line, &e))
			continue;
		enum rk_status status = add_dayoff(ld, &e, line);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

/* A file may hold one VCALENDAR or (libical's XROOT) several. */
static enum rk_status load_root(struct load *ld, icalcomponent *root,
				const int *lines, size_t n_lines)
{
	size_t index = 0, calendars = 0;
	enum rk_status status = RK_OK;

	if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT)
		return load_calendar(ld, root, lines, n_lines, &index);
	for (icalcomponent *c = icalcomponent_get_first_component(
		     root, ICAL_VCALENDAR_COMPONENT);
	     c && status == RK_OK; c = icalcomponent_get_next_component(
					   root, ICAL_VCALENDAR_COMPONENT)) {
		calendars++;
		status = load_calendar(ld, c, lines, n_lines, &index);
	}
	if (!calendars)
		error_at(ld, 0, _("not an iCalendar file (no VCALENDAR)"));
	return status;
}

enum rk_status rk_ical_load_holidays(struct rk_school *school, const char *path,
				     struct rk_diags *diags)
{
	enum rk_calendar_status ignored;

	return rk_ical_load_calendar(school, path, &ignored, diags);
}

enum rk_status rk_ical_load_calendar(struct rk_school *school, const char *path,
				     enum rk_calendar_status *year_status,
				     struct rk_diags *diags)
{
	struct load ld = { .school = school, .diags = diags, .path = path };
	icalcomponent *root = NULL;
	char *text = NULL;
	int *lines = NULL;
	size_t n_lines = 0;
	enum rk_status status;

	if (!school || !path || !year_status)
		return RK_ERR_ARG;
	*year_status = RK_CALENDAR_UNSTATED;
	status = rk_textfile_read_max(path, RK_TEXTFILE_MAX_TIMETABLE, &text,
				      NULL);
	if (status == RK_ERR_IO)
		rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read calendar file: %s"),
			     rk_textfile_strerror(errno));
	if (status != RK_OK)
		goto out;
	ld.text = text;
	ld.loc_file = rk_school_strdup(school, path);
	lines = vevent_lines(text, &n_lines);
	if (!ld.loc_file || !lines) {
		status = RK_ERR_NOMEM;
		goto out;
	}
	root = icalparser_parse_string(text);
	if (!root)
		error_at(&ld, 0,
			 _("not an iCalendar file (no complete VCALENDAR)"));
	else
		status = load_root(&ld, root, lines, n_lines);
	if (status == RK_OK && ld.errors)
		status = RK_ERR_INPUT;
	*year_status = ld.year_status;
out:
	if (root)
		icalcomponent_free(root);
	free(lines);
	free(text);
	return status;
}

bool rk_ical_timezone_known(const char *tzid)
{
	if (!tzid || !*tzid)
		return false;
	return icaltimezone_get_builtin_timezone(tzid) != NULL;
}

char *rk_ical_calendar_path(const char *dir, int year)
{
	const char *sep;
	char *path;
	int n;

	if (!dir)
		return NULL;
	/* No doubled slash for "calendars/", and "" means the current folder.
	 */
	sep = !*dir || dir[strlen(dir) - 1] == '/' ? "" : "/";
	n = snprintf(NULL, 0, "%s%s%d-%d.ics", dir, sep, year, year + 1);
	if (n < 0)
		return NULL;
	path = malloc((size_t)n + 1);
	if (path)
		snprintf(path, (size_t)n + 1, "%s%s%d-%d.ics", dir, sep, year,
			 year + 1);
	return path;
}

/* The first year of @name when it is "YYYY-YYYY.ics" of two following
 * years; 0 otherwise. */
static int calendar_year_of(const char *name)
{
	int year[2] = { 0, 0 };

	if (strlen(name) != 13 || name[4] != '-' || strcmp(name + 9, ".ics"))
		return 0;
	for (int half = 0; half < 2; half++)
		for (int i = 0; i < 4; i++) {
			char c = name[half * 5 + i];
			if (c < '0' || c > '9')
				return 0;
			year[half] = year[half] * 10 + (c - '0');
		}
	return year[1] == year[0] + 1 ? year[0] : 0;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

enum rk_status rk_ical_calendar_years(const char *dir, int **years, size_t *n)
{
	enum rk_status status = RK_OK;
	size_t count = 0, cap = 0;
	int *list = NULL;
	DIR *d;

	if (!dir || !years || !n)
		return RK_ERR_ARG;
	*years = NULL;
	*n = 0;
	d = opendir(*dir ? dir : ".");
	if (!d)
		return RK_ERR_IO;
	for (struct dirent *e = readdir(d); e; e = readdir(d)) {
		int year = calendar_year_of(e->d_name);
		if (!year)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 8;
			int *grown = realloc(list, cap * sizeof(*list));
			if (!grown) {
				status = RK_ERR_NOMEM;
				goto out;
			}
			list = grown;
		}
		list[count++] = year;
	}
	if (count)
		qsort(list, count, sizeof(*list), compare_ints);
	*years = list;
	*n = count;
	list = NULL;
out:
	closedir(d);
	free(list);
	return status;
}
