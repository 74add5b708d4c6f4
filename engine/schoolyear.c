#include "config.h"

#include "schoolyear.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

struct rk_schoolyear {
	const struct rk_school *school;
	int first;
	int last;
	struct rk_day *days;
	size_t n_days;
	struct rk_week *weeks;
	size_t n_weeks;
	struct rk_dayoff *holidays; /* copies, overrides applied, sorted */
	size_t n_holidays;
};

static const struct rk_holiday_override *find_override(
	const struct rk_school *s, const char *key)
{
	for (size_t i = 0; key && i < rk_school_n_holiday_override(s); i++) {
		const struct rk_holiday_override *o =
			rk_school_get_holiday_override(s, i);
		if (!strcmp(o->key, key))
			return o;
	}
	return NULL;
}

static int cmp_dayoff(const void *a, const void *b)
{
	const struct rk_dayoff *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

/* The days off of the school's region that touch the year, with the
 * school's own dates where it gave them. */
static enum rk_status collect_holidays(struct rk_schoolyear *y)
{
	const struct rk_school *s = y->school;
	unsigned region = 1u << rk_school_get_info(s)->region;
	size_t n = rk_school_n_dayoff(s);
	y->holidays = calloc(n ? n : 1, sizeof(*y->holidays));
	if (!y->holidays)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		struct rk_dayoff d = *rk_school_get_dayoff(s, i);
		if (!(d.regions & region))
			continue;
		const struct rk_holiday_override *o = find_override(s, d.key);
		if (o) {
			d.from = o->from;
			d.to = o->to;
			d.loc = o->loc;
			d.overridden = true;
		}
		if (d.to < y->first || d.from > y->last)
			continue;
		y->holidays[y->n_holidays++] = d;
	}
	qsort(y->holidays, y->n_holidays, sizeof(*y->holidays), cmp_dayoff);
	return RK_OK;
}

static const struct rk_grid *grid_of(const struct rk_school *s, int date,
				     bool *shortened)
{
	for (size_t i = 0; i < rk_school_n_short_day(s); i++) {
		const struct rk_short_day *sd = rk_school_get_short_day(s, i);
		if (sd->date == date) {
			*shortened = true;
			return &sd->grid;
		}
	}
	*shortened = false;
	return rk_school_get_grid(s, rk_date_weekday(date));
}

static void fill_days(struct rk_schoolyear *y)
{
	int first_monday = rk_date_monday(y->first);
	for (size_t i = 0; i < y->n_days; i++) {
		struct rk_day *d = &y->days[i];
		d->date = y->first + (int)i;
		d->weekday = rk_date_weekday(d->date);
		d->week = (rk_date_monday(d->date) - first_monday) / 7;
		d->grid = grid_of(y->school, d->date, &d->shortened);
		d->school_day = d->weekday < 5;
		if (!d->school_day)
			d->off = "weekend";
		for (size_t h = 0; d->school_day && h < y->n_holidays; h++) {
			const struct rk_dayoff *o = &y->holidays[h];
			if (d->date >= o->from && d->date <= o->to) {
				d->school_day = false;
				d->off = o->name;
				d->off_kind = o->kind;
			}
		}
	}
}

static const char *toetsweek_in(const struct rk_school *s, int monday)
{
	for (size_t i = 0; i < rk_school_n_toetsweek(s); i++) {
		const struct rk_toetsweek *t = rk_school_get_toetsweek(s, i);
		if (t->from <= monday + 4 && t->to >= monday)
			return t->name;
	}
	return NULL;
}

static void fill_weeks(struct rk_schoolyear *y)
{
	int first_monday = rk_date_monday(y->first);
	for (size_t w = 0; w < y->n_weeks; w++) {
		struct rk_week *wk = &y->weeks[w];
		wk->monday = first_monday + 7 * (int)w;
		wk->iso_week = rk_date_iso_week(wk->monday, &wk->iso_year);
		wk->toetsweek = toetsweek_in(y->school, wk->monday);
		const char *holiday = NULL;
		for (int d = 0; d < 5; d++) {
			const struct rk_day *day =
				rk_schoolyear_day(y, wk->monday + d);
			if (!day)
				continue;
			if (day->school_day)
				wk->school_days++;
			else if (day->off_kind == RK_OFF_VAKANTIE && day->off)
				holiday = day->off;
		}
		wk->teaching = wk->school_days > 0;
		if (!wk->teaching)
			wk->holiday = holiday;
	}
}

/* A/B labels. Counting teaching weeks, a holiday does not break the
 * alternation: the week after the Christmas break continues where the week
 * before it stopped. The anchor week may lie outside the year; weeks outside
 * it are then taken as teaching weeks. */
static void fill_ab(struct rk_schoolyear *y, struct rk_diags *diags)
{
	const struct rk_ab_scheme *ab = rk_school_get_ab(y->school);
	if (!ab->enabled)
		return;
	int first_monday = rk_date_monday(y->first);
	int anchor = (rk_date_monday(ab->first_a) - first_monday) / 7;
	if (ab->first_a < first_monday || anchor >= (int)y->n_weeks) {
		rk_diags_add(
			diags, RK_SEV_WARNING, ab->loc.file, ab->loc.line,
			ab->loc.column,
			_("first_a_week lies outside the school year; A/B weeks are counted from it as if every week in between had lessons"));
	}
	for (size_t w = 0; w < y->n_weeks; w++) {
		struct rk_week *wk = &y->weeks[w];
		if (!wk->teaching)
			continue;
		long steps;
		if (!ab->count_teaching || anchor < 0 ||
		    anchor >= (int)y->n_weeks) {
			steps = (long)w - anchor;
		} else {
			long k = 0;
			int lo = (int)w < anchor ? (int)w : anchor;
			int hi = (int)w < anchor ? anchor : (int)w;
			for (int i = lo; i < hi; i++)
				k += y->weeks[i].teaching;
			steps = k;
		}
		wk->ab = steps % 2 == 0 ? RK_AB_A : RK_AB_B;
	}
}

static void warn_studiedagen(struct rk_schoolyear *y, struct rk_diags *diags)
{
	for (size_t i = 0; i < y->n_holidays; i++) {
		const struct rk_dayoff *s = &y->holidays[i];
		if (s->kind != RK_OFF_STUDIEDAG)
			continue;
		for (size_t h = 0; h < y->n_holidays; h++) {
			const struct rk_dayoff *o = &y->holidays[h];
			if (o->kind != RK_OFF_VAKANTIE &&
			    o->kind != RK_OFF_FEESTDAG)
				continue;
			if (s->from > o->to || s->to < o->from)
				continue;
			char date[RK_DATE_BUFSIZE];
			rk_date_format(s->from > o->from ? s->from : o->from,
				       date);
			rk_diags_add(diags, RK_SEV_WARNING, s->loc.file,
				     s->loc.line, s->loc.column,
				     _("studiedag '%s' on %s falls in %s"),
				     s->name, date, o->name);
			break;
		}
	}
}

enum rk_status rk_schoolyear_new(const struct rk_school *school,
				 struct rk_schoolyear **out,
				 struct rk_diags *diags)
{
	*out = NULL;
	int year = rk_school_get_info(school)->year;
	if (year < 1900)
		return RK_ERR_ARG;
	struct rk_schoolyear *y = calloc(1, sizeof(*y));
	if (!y)
		return RK_ERR_NOMEM;
	y->school = school;
	y->first = rk_date_from_ymd(year, 8, 1);
	y->last = rk_date_from_ymd(year + 1, 7, 31);
	y->n_days = (size_t)(y->last - y->first + 1);
	y->n_weeks =
		(size_t)((rk_date_monday(y->last) - rk_date_monday(y->first)) /
				 7 +
			 1);
	y->days = calloc(y->n_days, sizeof(*y->days));
	y->weeks = calloc(y->n_weeks, sizeof(*y->weeks));
	if (!y->days || !y->weeks || collect_holidays(y) != RK_OK) {
		rk_schoolyear_free(y);
		return RK_ERR_NOMEM;
	}
	fill_days(y);
	fill_weeks(y);
	fill_ab(y, diags);
	warn_studiedagen(y, diags);
	*out = y;
	return RK_OK;
}

void rk_schoolyear_free(struct rk_schoolyear *y)
{
	if (!y)
		return;
	free(y->days);
	free(y->weeks);
	free(y->holidays);
	free(y);
}

int rk_schoolyear_first(const struct rk_schoolyear *y)
{
	return y->first;
}

int rk_schoolyear_last(const struct rk_schoolyear *y)
{
	return y->last;
}

const struct rk_day *rk_schoolyear_day(const struct rk_schoolyear *y, int date)
{
	if (date < y->first || date > y->last)
		return NULL;
	return &y->days[date - y->first];
}

size_t rk_schoolyear_n_weeks(const struct rk_schoolyear *y)
{
	return y->n_weeks;
}

const struct rk_week *rk_schoolyear_week(const struct rk_schoolyear *y,
					 size_t i)
{
	return i < y->n_weeks ? &y->weeks[i] : NULL;
}

size_t rk_schoolyear_teaching_weeks(const struct rk_schoolyear *y)
{
	size_t n = 0;
	for (size_t w = 0; w < y->n_weeks; w++)
		n += y->weeks[w].teaching;
	return n;
}

size_t rk_schoolyear_school_days(const struct rk_schoolyear *y)
{
	size_t n = 0;
	for (size_t i = 0; i < y->n_days; i++)
		n += y->days[i].school_day;
	return n;
}

bool rk_schoolyear_works(const struct rk_schoolyear *y,
			 const struct rk_person *person, int date)
{
	const struct rk_day *d = rk_schoolyear_day(y, date);
	return d && d->school_day && (person->workdays & (1u << d->weekday));
}

bool rk_schoolyear_lesson_on(const struct rk_schoolyear *y,
			     const struct rk_lesson *lesson, int date)
{
	const struct rk_day *d = rk_schoolyear_day(y, date);
	if (!d || !d->school_day || d->weekday != lesson->weekday)
		return false;
	if (date < lesson->valid_from || date > lesson->valid_to)
		return false;
	enum rk_ab ab = y->weeks[d->week].ab;
	return lesson->week == RK_AB_BOTH || ab == RK_AB_BOTH ||
	       lesson->week == ab;
}

bool rk_schoolyear_lesson_times(const struct rk_schoolyear *y,
				const struct rk_lesson *lesson, int date,
				int *start, int *end)
{
	if (!rk_schoolyear_lesson_on(y, lesson, date))
		return false;
	const struct rk_day *d = rk_schoolyear_day(y, date);
	*start = lesson->start;
	*end = lesson->end;
	if (!d->shortened)
		return true;
	/* Validation numbered every lesson that starts on a lesuur. */
	if (lesson->lesuur <= 0)
		return true;
	for (size_t i = 0; i < d->grid->n; i++) {
		if (d->grid->hours[i].number == lesson->lesuur) {
			*start = d->grid->hours[i].start;
			*end = d->grid->hours[i].end;
			return true;
		}
	}
	return false;
}

size_t rk_schoolyear_n_holidays(const struct rk_schoolyear *y)
{
	return y->n_holidays;
}

const struct rk_dayoff *rk_schoolyear_holiday(const struct rk_schoolyear *y,
					      size_t i)
{
	return i < y->n_holidays ? &y->holidays[i] : NULL;
}
