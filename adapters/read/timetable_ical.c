#include "config.h"

#include "timetable_ical.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libical/ical.h>

#include "date.h"
#include "textfile.h"
#include "i18n.h"

/* A teacher teaches a few dozen lessons a week; no rule in a school feed
 * needs more instances than that in a year. */
#define MAX_INSTANCES 2000

/* One concrete lesson, in the school's time zone. Texts are lent by the
 * feed's components. */
struct occ {
	int date;
	int start;
	int end;
	const char *summary;
	const char *location;
	int line;
};

/* An instance replaced by a RECURRENCE-ID event. */
struct override {
	const char *uid;
	time_t when;
};

struct feed {
	struct rk_school *school;
	struct rk_diags *diags;
	const char *file;   /* the school's copy of the feed's path */
	const char *person; /* whose feed it is */
	icalcomponent *root;
	icaltimezone *zone; /* the school's */
	int first;	    /* the school year, inclusive dates */
	int last;
	struct occ *occ;
	size_t n_occ;
	size_t cap_occ;
	struct override *over;
	size_t n_over;
	bool nomem;
};

static void report(struct feed *fd, enum rk_severity sev, int line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct feed *fd, enum rk_severity sev, int line,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rk_diags_vadd(fd->diags, sev, fd->file, line, 0, fmt, ap);
	va_end(ap);
}

/* libical gives components without line numbers; it keeps the events in
 * file order, so the n-th VEVENT is on the n-th BEGIN:VEVENT line. */
static int *vevent_lines(const char *text, size_t *count)
{
	static const char begin[] = "BEGIN:VEVENT";
	size_t n = 0, cap = 16, blen = sizeof(begin) - 1;
	int *lines = malloc(cap * sizeof(*lines));
	int line = 1;

	for (const char *p = text; lines && *p; line++) {
		size_t len = strcspn(p, "\r\n");
		if (len >= blen && !strncasecmp(p, begin, blen) &&
		    strspn(p + blen, " \t") == len - blen) {
			if (n == cap) {
				cap *= 2;
				int *more =
					realloc(lines, cap * sizeof(*lines));
				if (!more) {
					free(lines);
					return NULL;
				}
				lines = more;
			}
			lines[n++] = line;
		}
		p += len;
		p += *p == '\r';
		p += *p == '\n';
	}
	*count = n;
	return lines;
}

/* --- Times ---------------------------------------------------------------- */

/* The zone of a DTSTART, DTEND, EXDATE ... with a TZID: the feed's own
 * VTIMEZONE, else one libical knows by name. NULL (reported) when unknown;
 * @utc_or_floating says there was no TZID at all. */
static icaltimezone *zone_of(struct feed *fd, icalproperty *prop, int line,
			     bool *no_tzid)
{
	icalparameter *param =
		icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
	const char *tzid = param ? icalparameter_get_tzid(param) : NULL;
	*no_tzid = !tzid;
	if (!tzid)
		return NULL;
	icaltimezone *zone = icalcomponent_get_timezone(fd->root, tzid);
	if (!zone)
		zone = icaltimezone_get_builtin_timezone(tzid);
	if (!zone)
		zone = icaltimezone_get_builtin_timezone_from_tzid(tzid);
	if (!zone)
		report(fd, RK_SEV_ERROR, line, _("unknown time zone '%s'"),
		       tzid);
	return zone;
}

/* @t with its zone: UTC, the TZID's, or the school's for a floating time
 * (a calendar without zones means local time). False when the TZID is
 * unknown. */
static bool zoned(struct feed *fd, icalproperty *prop, int line,
		  struct icaltimetype *t)
{
	bool no_tzid;
	icaltimezone *zone = zone_of(fd, prop, line, &no_tzid);
	if (icaltime_is_utc(*t))
		return true;
	if (!no_tzid && !zone)
		return false;
	*t = icaltime_set_timezone(t, zone ? zone : fd->zone);
	return true;
}

static time_t instant(struct icaltimetype t)
{
	return icaltime_as_timet_with_zone(t, t.zone);
}

/* Adds the instance starting at @start (zoned) lasting @seconds, as the
 * school's local date and times. */
static void add_occ(struct feed *fd, struct icaltimetype start, int seconds,
		    icalcomponent *ev, int line)
{
	struct icaltimetype local = icaltime_convert_to_zone(start, fd->zone);
	int date = rk_date_from_ymd(local.year, local.month, local.day);
	int from = local.hour * 60 + local.minute;
	int to = from + (seconds + 59) / 60;
	if (date < fd->first || date > fd->last || seconds <= 0)
		return;
	if (fd->n_occ == fd->cap_occ) {
		size_t cap = fd->cap_occ ? fd->cap_occ * 2 : 64;
		struct occ *more = realloc(fd->occ, cap * sizeof(*more));
		if (!more) {
			fd->nomem = true;
			return;
		}
		fd->occ = more;
		fd->cap_occ = cap;
	}
	/* A lesson ends the day it starts; the model has no later times. */
	fd->occ[fd->n_occ++] = (struct occ){
		.date = date,
		.start = from,
		.end = to > 24 * 60 ? 24 * 60 : to,
		.summary = icalcomponent_get_summary(ev),
		.location = icalcomponent_get_location(ev),
		.line = line,
	};
}

/* --- Events --------------------------------------------------------------- */

/* Cancelled and transparent events leave their time free. */
static bool blocks_time(icalcomponent *ev)
{
	icalproperty *transp =
		icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
	if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		return false;
	return !transp ||
	       icalproperty_get_transp(transp) != ICAL_TRANSP_TRANSPARENT;
}

/* DTSTART and the length of @ev. False when it is no lesson: all day,
 * without length, or with a problem (reported). */
static bool event_times(struct feed *fd, icalcomponent *ev, int line,
			struct icaltimetype *start, int *seconds)
{
	icalproperty *p =
		icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalproperty *end =
		icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	icalproperty *dur =
		icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
	if (!p) {
		report(fd, RK_SEV_ERROR, line, _("event without DTSTART"));
		return false;
	}
	*start = icalproperty_get_dtstart(p);
	if (start->is_date || !zoned(fd, p, line, start))
		return false;
	*seconds = 0;
	if (end) {
		struct icaltimetype t = icalproperty_get_dtend(end);
		if (!zoned(fd, end, line, &t))
			return false;
		*seconds = (int)(instant(t) - instant(*start));
	} else if (dur) {
		*seconds =
			icaldurationtype_as_int(icalproperty_get_duration(dur));
	}
	if (*seconds > 0)
		return true;
	report(fd, RK_SEV_WARNING, line,
	       _("event '%s' has no length (DTEND not after DTSTART); left out"),
	       icalcomponent_get_summary(ev) ? icalcomponent_get_summary(ev)
					     : "");
	return false;
}

static bool exdate_matches(struct feed *fd, icalproperty *p, int line,
			   struct icaltimetype t)
{
	struct icaltimetype x = icalproperty_get_exdate(p);
	if (x.is_date)
		return x.year == t.year && x.month == t.month && x.day == t.day;
	return zoned(fd, p, line, &x) && instant(x) == instant(t);
}

/* Whether the instance at @t is taken out: by an EXDATE, or because a
 * RECURRENCE-ID event replaces it. */
static bool excluded(struct feed *fd, icalcomponent *ev, int line,
		     struct icaltimetype t)
{
	const char *uid = icalcomponent_get_uid(ev);
	time_t when = instant(t);
	for (size_t i = 0; uid && i < fd->n_over; i++)
		if (fd->over[i].when == when && !strcmp(fd->over[i].uid, uid))
			return true;
	for (icalproperty *p =
		     icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY);
	     p; p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
		if (exdate_matches(fd, p, line, t))
			return true;
	return false;
}

/* Midnight after the school year's last day; without a school year, a
 * year after the event starts. */
static time_t window_end(const struct feed *fd, struct icaltimetype start)
{
	struct icaltimetype t = icaltime_null_time();
	int y, m, d;
	if (fd->last == INT_MAX)
		return instant(start) + 366 * 24 * 3600;
	rk_date_to_ymd(fd->last + 1, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	t.zone = fd->zone;
	return instant(t);
}

static void add_rdates(struct feed *fd, icalcomponent *ev, int line,
		       int seconds)
{
	for (icalproperty *p =
		     icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
	     p; p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
		struct icaltimetype t = icalproperty_get_rdate(p).time;
		if (icaltime_is_null_time(t) || t.is_date ||
		    !zoned(fd, p, line, &t) || excluded(fd, ev, line, t))
			continue;
		add_occ(fd, t, seconds, ev, line);
	}
}

static void expand_rule(struct feed *fd, icalcomponent *ev, int line,
			struct icaltimetype start, int seconds,
			icalproperty *rrule)
{
	icalrecur_iterator *it =
		icalrecur_iterator_new(icalproperty_get_rrule(rrule), start);
	time_t stop = window_end(fd, start);
	if (!it) {
		report(fd, RK_SEV_ERROR, line, _("bad RRULE '%s'"),
		       icalproperty_get_value_as_string(rrule));
		return;
	}
	for (int n = 0; n < MAX_INSTANCES && !fd->nomem; n++) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		t = icaltime_set_timezone(&t, start.zone);
		if (instant(t) >= stop)
			break;
		if (!excluded(fd, ev, line, t))
			add_occ(fd, t, seconds, ev, line);
	}
	icalrecur_iterator_free(it);
}

static void expand(struct feed *fd, icalcomponent *ev, int line)
{
	struct icaltimetype start;
	int seconds;

	if (!event_times(fd, ev, line, &start, &seconds))
		return;
	icalproperty *rrule =
		icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY))
		add_occ(fd, start, seconds, ev, line);
	else if (rrule)
		expand_rule(fd, ev, line, start, seconds, rrule);
	else if (!excluded(fd, ev, line, start))
		add_occ(fd, start, seconds, ev, line);
	add_rdates(fd, ev, line, seconds);
}

/* The instances that RECURRENCE-ID events replace, cancelled or not. */
static void collect_overrides(struct feed *fd, const int *lines, size_t n)
{
	size_t i = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(
		     fd->root, ICAL_VEVENT_COMPONENT);
	     ev && !fd->nomem; ev = icalcomponent_get_next_component(
				       fd->root, ICAL_VEVENT_COMPONENT),
			   i++) {
		icalproperty *p = icalcomponent_get_first_property(
			ev, ICAL_RECURRENCEID_PROPERTY);
		const char *uid = icalcomponent_get_uid(ev);
		if (!p || !uid)
			continue;
		struct icaltimetype rid = icalproperty_get_recurrenceid(p);
		if (!zoned(fd, p, i < n ? lines[i] : 0, &rid))
			continue;
		struct override *more =
			realloc(fd->over, (fd->n_over + 1) * sizeof(*fd->over));
		if (!more) {
			fd->nomem = true;
			return;
		}
		fd->over = more;
		fd->over[fd->n_over++] = (struct override){ uid, instant(rid) };
	}
}

static void report_lic_errors(struct feed *fd, icalcomponent *comp, int line)
{
	for (icalproperty *p = icalcomponent_get_first_property(
		     comp, ICAL_XLICERROR_PROPERTY);
	     p;
	     p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY))
		report(fd, RK_SEV_ERROR, line, _("iCalendar syntax error: %s"),
		       icalproperty_get_xlicerror(p));
}

static void read_events(struct feed *fd, const int *lines, size_t n)
{
	size_t i = 0;
	report_lic_errors(fd, fd->root, 0);
	collect_overrides(fd, lines, n);
	for (icalcomponent *ev = icalcomponent_get_first_component(
		     fd->root, ICAL_VEVENT_COMPONENT);
	     ev && !fd->nomem; ev = icalcomponent_get_next_component(
				       fd->root, ICAL_VEVENT_COMPONENT),
			   i++) {
		int line = i < n ? lines[i] : 0;
		report_lic_errors(fd, ev, line);
		if (blocks_time(ev))
			expand(fd, ev, line);
	}
}

/* --- Lessons -------------------------------------------------------------- */

static int cmp_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Everything but the date: what makes two instances the same lesson. */
static int cmp_lesson(const struct occ *a, const struct occ *b)
{
	int wa = rk_date_weekday(a->date), wb = rk_date_weekday(b->date);
	if (wa != wb)
		return wa < wb ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	int c = cmp_text(a->summary, b->summary);
	return c ? c : cmp_text(a->location, b->location);
}

static int cmp_occ(const void *pa, const void *pb)
{
	const struct occ *a = pa, *b = pb;
	int c = cmp_lesson(a, b);
	if (c)
		return c;
	return a->date < b->date ? -1 : a->date > b->date;
}

/* The lesuur with exactly these times, so that a shortened day moves the
 * lesson with its lesuur; 0 when none. */
static int lesuur_of(const struct feed *fd, int weekday, int start, int end)
{
	const struct rk_grid *g = rk_school_get_grid(fd->school, weekday);
	for (size_t i = 0; g && i < g->n; i++)
		if (g->hours[i].start == start && g->hours[i].end == end)
			return g->hours[i].number;
	return 0;
}

static const char *keep(struct feed *fd, const char *text)
{
	const char *copy =
		text && *text ? rk_school_strdup(fd->school, text) : NULL;
	if (text && *text && !copy)
		fd->nomem = true;
	return copy;
}

static void add_lesson(struct feed *fd, const struct occ *o, int last)
{
	struct rk_lesson l;
	rk_lesson_init(&l);
	l.weekday = rk_date_weekday(o->date);
	l.start = o->start;
	l.end = o->end;
	l.lesuur = lesuur_of(fd, l.weekday, o->start, o->end);
	l.valid_from = o->date;
	l.valid_to = last;
	l.loc = (struct rk_loc){ fd->file, o->line, 0 };
	l.person =
		(struct rk_ref){ .id = fd->person, .loc = l.loc, .index = -1 };
	l.subject = keep(fd, o->summary);
	l.room = keep(fd, o->location);
	struct rk_lesson *slot = rk_school_add_lesson(fd->school);
	if (!slot) {
		fd->nomem = true;
		return;
	}
	*slot = l;
}

/* Instances a week apart (or doubled on one date) make one lesson. */
static void make_lessons(struct feed *fd)
{
	struct occ *o = fd->occ;
	size_t n = fd->n_occ;
	if (n == 0)
		return;
	qsort(o, n, sizeof(*o), cmp_occ);
	for (size_t i = 0, j; i < n && !fd->nomem; i = j + 1) {
		j = i;
		while (j + 1 < n && !cmp_lesson(&o[j], &o[j + 1]) &&
		       (o[j + 1].date - o[j].date == 7 ||
			o[j + 1].date == o[j].date))
			j++;
		add_lesson(fd, &o[i], o[j].date);
	}
}

/* --- Feeds ---------------------------------------------------------------- */

/* "feeds/JDV.ics" is JDV's feed. */
static const char *person_from_path(struct feed *fd, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	const char *id = rk_school_strndup(fd->school, base, len);
	if (!id)
		fd->nomem = true;
	return id;
}

static void set_window(struct feed *fd)
{
	const struct rk_school_info *info = rk_school_get_info(fd->school);
	const char *tz = info->timezone ? info->timezone : "Europe/Amsterdam";
	fd->zone = icaltimezone_get_builtin_timezone(tz);
	if (!fd->zone)
		fd->zone = icaltimezone_get_utc_timezone();
	fd->first = INT_MIN;
	fd->last = INT_MAX;
	if (info->year > 0) {
		fd->first = rk_date_from_ymd(info->year, 8, 1);
		fd->last = rk_date_from_ymd(info->year + 1, 7, 31);
	}
}

static icalcomponent *calendar_of(icalcomponent *root)
{
	if (!root || icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT)
		return root;
	return icalcomponent_get_first_component(root,
						 ICAL_VCALENDAR_COMPONENT);
}

static enum rk_status read_feed(struct feed *fd, const char *path)
{
	char *text = NULL;
	int *lines = NULL;
	size_t n_lines = 0;
	icalcomponent *root = NULL;

	enum rk_status status = rk_textfile_read_max(
		path, RK_TEXTFILE_MAX_TIMETABLE, &text, NULL);
	if (status == RK_ERR_IO)
		rk_diags_add(fd->diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(errno));
	if (status != RK_OK)
		return status;
	status = RK_ERR_NOMEM;
	fd->file = rk_school_strdup(fd->school, path);
	lines = vevent_lines(text, &n_lines);
	if (!fd->file || !lines)
		goto out;
	root = icalparser_parse_string(text);
	fd->root = calendar_of(root);
	if (!fd->root)
		report(fd, RK_SEV_ERROR, 0,
		       _("not an iCalendar file (no complete VCALENDAR)"));
	else
		read_events(fd, lines, n_lines);
	make_lessons(fd);
	status = fd->nomem ? RK_ERR_NOMEM : RK_OK;
out:
	if (root)
		icalcomponent_free(root);
	fd->root = NULL;
	free(lines);
	free(text);
	return status;
}

static enum rk_status load_feed(struct feed *fd, const char *path,
				const char *person)
{
	fd->n_occ = 0;
	fd->n_over = 0;
	fd->person = person ? rk_school_strdup(fd->school, person)
			    : person_from_path(fd, path);
	if (!fd->person)
		return RK_ERR_NOMEM;
	return read_feed(fd, path);
}

enum rk_status rk_timetable_ical_load(struct rk_school *school,
				      const char *path, struct rk_diags *diags)
{
	struct feed fd = { .school = school, .diags = diags };
	enum rk_status status = RK_OK;

	if (!school || !path)
		return RK_ERR_ARG;
	size_t errors = rk_diags_errors(diags);
	const struct rk_timetable_source *src =
		rk_importer_source(school, path);
	size_t n = src && src->n_files ? src->n_files : 1;
	set_window(&fd);
	for (size_t i = 0; i < n && status != RK_ERR_NOMEM; i++) {
		const struct rk_timetable_file *f =
			src && src->n_files ? &src->files[i] : NULL;
		const struct rk_option *person =
			rk_importer_file_option(src, i, "person");
		enum rk_status st = load_feed(&fd, f ? f->path : path,
					      person ? person->text : NULL);
		if (st != RK_OK)
			status = st;
	}
	free(fd.occ);
	free(fd.over);
	if (status == RK_OK && rk_diags_errors(diags) > errors)
		status = RK_ERR_INPUT;
	return status;
}

static bool probe(const char *path, const char *head, size_t len)
{
	static const char begin[] = "BEGIN:VCALENDAR";
	size_t k = sizeof(begin) - 1;
	if (!path || !head)
		return false;
	if (len >= 3 && !memcmp(head, "\xef\xbb\xbf", 3)) {
		head += 3;
		len -= 3;
	}
	while (len > 0 && (*head == ' ' || *head == '\r' || *head == '\n')) {
		head++;
		len--;
	}
	return len >= k && !strncasecmp(head, begin, k);
}

/* A feed is one teacher's; its file name says whose unless this does. */
static const struct rk_importer_option options[] = {
	{ .key = "person",
	  .shape = RK_OPTION_TEXT,
	  .where = RK_OPTION_SOURCE | RK_OPTION_FILE,
	  .description = N_("whose feed it is; default: the file's name") },
	{ .key = NULL },
};

const struct rk_importer rk_importer_ical = {
	.id = "ical",
	.description = N_(
		"iCalendar feeds, one per teacher (RRULE, EXDATE, RECURRENCE-ID)"),
	.probe = probe,
	.load = rk_timetable_ical_load,
	.options = options,
};
