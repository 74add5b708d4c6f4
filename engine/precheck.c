#include "config.h"

#include "precheck.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "busy.h"
#include "date.h"
#include "plan.h"
#include "i18n.h"

/* ------------------------------------------------------------------ */
/* External dates on days the school is closed                          */
/* ------------------------------------------------------------------ */

/* The day off of the year that makes @date no school day, for its
 * regions. */
static const struct rk_dayoff *dayoff_on(const struct rk_schoolyear *year,
					 int date, enum rk_dayoff_kind kind)
{
	for (size_t i = 0; i < rk_schoolyear_n_holidays(year); i++) {
		const struct rk_dayoff *d = rk_schoolyear_holiday(year, i);
		if (d->kind == kind && d->from <= date && date <= d->to)
			return d;
	}
	return NULL;
}

/* "in the voorjaarsvakantie (noord)", "on Koningsdag, a public holiday",
 * "on a Saturday", or "" when the school is open (or only closed for a
 * studiedag or a free day, which an external date may use). */
static void closed_reason(const struct rk_school *school,
			  const struct rk_schoolyear *year,
			  const struct rk_day *day, char *buf, size_t size)
{
	buf[0] = '\0';
	if (day->weekday >= 5) {
		snprintf(buf, size, "on a %s", rk_weekday_name(day->weekday));
		return;
	}
	if (day->school_day || !day->off)
		return;
	const struct rk_dayoff *off = dayoff_on(year, day->date, day->off_kind);
	char region[32] = "";
	if (off && off->regions != RK_REGIONS_ALL)
		snprintf(region, sizeof(region), " (%s)",
			 rk_region_name(rk_school_get_info(school)->region));
	if (day->off_kind == RK_OFF_VAKANTIE) {
		/* "the Voorjaarsvakantie" reads oddly in a sentence. */
		snprintf(buf, size, _("in the %c%s%s"),
			 (char)tolower((unsigned char)day->off[0]),
			 day->off + 1, region);
	} else if (day->off_kind == RK_OFF_FEESTDAG) {
		snprintf(buf, size, _("on %s, a public holiday%s"), day->off,
			 region);
	}
}

/* Appends person @p to @who (at most @cap, each once); false when full. */
static bool propose(int *who, size_t *n, size_t cap, int p)
{
	for (size_t i = 0; i < *n; i++)
		if (who[i] == p)
			return true;
	if (*n == cap)
		return false;
	who[(*n)++] = p;
	return true;
}

/* Members for an empty leerKRACHT-team (DOMAIN.md: the schoolleiding and
 * 1 to 3 schoolcoaches): the first two schoolleiders, then the teams'
 * schoolcoaches and those with the role, three at most: "SL, T3". */
static void lk_candidates(const struct rk_school *school, char *buf,
			  size_t size)
{
	int who[5];
	size_t n = 0, len = 0;
	for (size_t i = 0; i < rk_school_n_person(school) && n < 2; i++)
		if (rk_school_get_person(school, i)->roles &
		    RK_ROLE_SCHOOLLEIDER)
			propose(who, &n, 2, (int)i);
	size_t leaders = n;
	for (size_t t = 0; t < rk_school_n_team(school); t++) {
		int coach = rk_school_get_team(school, t)->coach.index;
		if (coach >= 0 && !propose(who, &n, leaders + 3, coach))
			break;
	}
	for (size_t i = 0; i < rk_school_n_person(school); i++)
		if ((rk_school_get_person(school, i)->roles &
		     RK_ROLE_SCHOOLCOACH) &&
		    !propose(who, &n, leaders + 3, (int)i))
			break;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(
			buf + len, size - len, "%s%s", i ? ", " : "",
			rk_school_get_person(school, (size_t)who[i])->id);
}

/* A leerKRACHT-team without members: the plan would have no startfase
 * worth the name and no weekly meeting of the team, so it is an error
 * before planning, at the key the roosteraar must fill in. */
static void check_lkteam(const struct rk_school *school, struct rk_diags *diags)
{
	const struct rk_team *lk = rk_school_get_lkteam(school);
	const struct rk_school_info *info = rk_school_get_info(school);
	const struct rk_loc *loc = lk->loc.file ? &lk->loc : &info->loc;
	char who[160];
	if (lk->n_members > 0)
		return;
	lk_candidates(school, who, sizeof(who));
	if (who[0])
		rk_diags_add(
			diags, RK_SEV_ERROR, loc->file, loc->line, loc->column,
			_("the leerKRACHT-team has no members: list the schoolleiding and 1 to 3 schoolcoaches under leerkracht_team, e.g. 'members: [%s]' (the schoolleider and the teams' schoolcoaches); without them the startfase and the leerKRACHT-team's weekly meeting cannot be planned"),
			who);
	else
		rk_diags_add(
			diags, RK_SEV_ERROR, loc->file, loc->line, loc->column,
			_("the leerKRACHT-team has no members: list the schoolleiding and 1 to 3 schoolcoaches under leerkracht_team, e.g. 'members: [ID, ID]'; without them the startfase and the leerKRACHT-team's weekly meeting cannot be planned"));
}

enum rk_status rk_precheck_dates(const struct rk_school *school,
				 const struct rk_schoolyear *year,
				 struct rk_diags *diags)
{
	size_t errors_before = rk_diags_errors(diags);
	check_lkteam(school, diags);
	for (size_t i = 0; i < rk_school_n_external(school); i++) {
		const struct rk_external *e = rk_school_get_external(school, i);
		const struct rk_day *day = rk_schoolyear_day(year, e->date);
		char why[160], date[RK_DATE_BUFSIZE];
		/* Outside the school year: validation warns already. */
		if (!day)
			continue;
		closed_reason(school, year, day, why, sizeof(why));
		if (!why[0])
			continue;
		const struct rk_loc *loc =
			e->date_loc.file ? &e->date_loc : &e->loc;
		rk_date_format(e->date, date);
		rk_diags_add(
			diags, RK_SEV_ERROR, loc->file, loc->line, loc->column,
			_("%s '%s' on %s falls %s, when the school is closed"),
			rk_external_kind_name(e->kind), e->name, date, why);
	}
	return rk_diags_errors(diags) > errors_before ? RK_ERR_INPUT : RK_OK;
}

/* ------------------------------------------------------------------ */
/* Predictions: what the planner will not find                          */
/* ------------------------------------------------------------------ */

#define MAX_STARTS 64
#define MAX_SPLIT  16 /* teams up to this size are tried for a split */

struct pre {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	struct rk_diags *diags;
	struct rk_busy *busy;
	int *dates[5]; /* per weekday: the school days sessions may use */
	size_t n_dates[5];
	bool *session; /* [date - first day of the year]: one of those */
	size_t n_session_weeks;
	bool *week_ok; /* scratch: [year week] something fits that week */
	/* The team's weekly moment when only one is possible (weekday -1
	 * otherwise): its duos cannot meet then. */
	int only_d, only_s, only_e;
	/* Kinds (bit k) whose windows are set aside for earliest..latest:
	 * would the team split into duos without them? */
	unsigned no_windows;
};

/* The weeks the planner may use: teaching weeks, not toetsweken when the
 * school avoids them. */
static enum rk_status collect_dates(struct pre *x)
{
	size_t n_weeks = rk_schoolyear_n_weeks(x->year);
	bool avoid = rk_school_get_settings(x->school)->avoid_toetsweken;
	int first = rk_schoolyear_first(x->year);
	for (int d = 0; d < 5; d++) {
		x->dates[d] = calloc(n_weeks + 1, sizeof(int));
		if (!x->dates[d])
			return RK_ERR_NOMEM;
	}
	x->session = calloc((size_t)(rk_schoolyear_last(x->year) - first + 1),
			    sizeof(bool));
	x->week_ok = calloc(n_weeks + 1, sizeof(bool));
	if (!x->session || !x->week_ok)
		return RK_ERR_NOMEM;
	for (size_t w = 0; w < n_weeks; w++) {
		const struct rk_week *wk = rk_schoolyear_week(x->year, w);
		if (!wk->teaching || (avoid && wk->toetsweek))
			continue;
		x->n_session_weeks++;
		for (int d = 0; d < 5; d++) {
			const struct rk_day *day =
				rk_schoolyear_day(x->year, wk->monday + d);
			if (!day || !day->school_day)
				continue;
			x->dates[d][x->n_dates[d]++] = wk->monday + d;
			x->session[wk->monday + d - first] = true;
		}
	}
	return RK_OK;
}

/* Start times worth trying, as the planner tries them: lesuur boundaries,
 * window starts and the earliest time, sorted and unique. */
static bool is_free(const struct pre *x, int person, int date, int s, int e)
{
	return rk_busy_works(x->busy, person, date) &&
	       !rk_busy_teaching(x->busy, person, date, s, e);
}

static bool works_on(const struct pre *x, int person, int weekday)
{
	return rk_school_get_person(x->school, (size_t)person)->workdays &
	       (1u << weekday);
}

/* (member, date) pairs that block a moment; a member who does not work
 * that weekday blocks every date. */
static size_t blockers(const struct pre *x, const int *members, size_t n, int d,
		       int s, int e)
{
	size_t count = 0;
	for (size_t m = 0; m < n; m++) {
		if (!works_on(x, members[m], d)) {
			count += x->n_dates[d] ? x->n_dates[d] : 1;
			continue;
		}
		for (size_t k = 0; k < x->n_dates[d]; k++)
			count += !is_free(x, members[m], x->dates[d][k], s, e);
	}
	return count;
}

/* The lesson of @person overlapping [s, e) on @date, or NULL. */
static const struct rk_lesson *lesson_at(const struct pre *x, int person,
					 int date, int s, int e)
{
	size_t n;
	const int *idx = rk_busy_lessons(x->busy, person, &n);
	for (size_t k = 0; k < n; k++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(x->school, (size_t)idx[k]);
		int ls, le;
		if (rk_schoolyear_lesson_times(x->year, l, date, &ls, &le) &&
		    ls < e && le > s)
			return l;
	}
	return NULL;
}

static const char *name_of(const struct pre *x, int person)
{
	const struct rk_person *p =
		rk_school_get_person(x->school, (size_t)person);
	return p->name ? p->name : p->id;
}

/* _("every week"), _("in A-weeks"), _("in B-weeks") or "in 3 of 38 weeks". */
static void blocked_weeks(const struct pre *x, int person, int d, int s, int e,
			  char *buf, size_t size,
			  const struct rk_lesson **first)
{
	size_t n = x->n_dates[d], count = 0, ab[3] = { 0 }, all[3] = { 0 };
	*first = NULL;
	for (size_t k = 0; k < n; k++) {
		int date = x->dates[d][k];
		enum rk_ab w =
			rk_schoolyear_week(
				x->year,
				(size_t)rk_schoolyear_day(x->year, date)->week)
				->ab;
		all[w]++;
		const struct rk_lesson *l = lesson_at(x, person, date, s, e);
		if (!l)
			continue;
		if (!*first)
			*first = l;
		count++;
		ab[w]++;
	}
	if (count == n)
		snprintf(buf, size, _("every week"));
	else if (count && ab[RK_AB_A] == count && count == all[RK_AB_A])
		snprintf(buf, size, _("in A-weeks"));
	else if (count && ab[RK_AB_B] == count && count == all[RK_AB_B])
		snprintf(buf, size, _("in B-weeks"));
	else
		snprintf(buf, size, _("in %zu of %zu weeks"), count, n);
}

/* Appends "Anna Bakker every week (lesson 13:00-14:00 5A, rooster.csv:7)"
 * or "Cas Visser does not work on Tuesday" to @text. */
static void describe_member(const struct pre *x, int person, int d, int s,
			    int e, char *text, size_t size)
{
	size_t len = strlen(text);
	const char *sep = len ? ", " : "";
	if (len + 1 >= size)
		return;
	if (!works_on(x, person, d)) {
		snprintf(text + len, size - len, _("%s%s does not work on %s"),
			 sep, name_of(x, person), rk_weekday_name(d));
		return;
	}
	char weeks[64], from[RK_TIME_BUFSIZE], to[RK_TIME_BUFSIZE];
	const struct rk_lesson *l;
	blocked_weeks(x, person, d, s, e, weeks, sizeof(weeks), &l);
	if (!l)
		return;
	rk_time_format(l->start, from);
	rk_time_format(l->end, to);
	snprintf(text + len, size - len, "%s%s %s (lesson %s-%s%s%s, %s:%d)",
		 sep, name_of(x, person), weeks, from, to, l->group ? " " : "",
		 l->group ? l->group : "",
		 l->loc.file ? l->loc.file : "timetable", l->loc.line);
}

/* A group that meets weekly needs one moment, the same every week, when
 * every member works and is free, inside the windows of its kind. */
static void check_moment(struct pre *x, const char *what, const int *members,
			 size_t n, int kind, const struct rk_loc *loc)
{
	const struct rk_settings *st = rk_school_get_settings(x->school);
	int len = st->bordsessie_minutes, starts[MAX_STARTS];
	size_t best = (size_t)-1, free_moments = 0;
	int best_d = 0, best_s = 0;
	for (int d = 0; d < 5 && free_moments < 2; d++) {
		if (!x->n_dates[d])
			continue;
		size_t ns =
			rk_school_start_times(x->school, d, starts, MAX_STARTS);
		for (size_t i = 0; i < ns && free_moments < 2; i++) {
			int s = starts[i];
			if (!rk_settings_window_ok(st, kind, d, s, s + len))
				continue;
			size_t b = blockers(x, members, n, d, s, s + len);
			free_moments += b == 0;
			if (b < best) {
				best = b;
				best_d = d;
				best_s = s;
			}
		}
	}
	x->only_d = free_moments == 1 ? best_d : -1;
	x->only_s = best_s;
	x->only_e = best_s + len;
	if (best == 0)
		return;
	if (best == (size_t)-1) {
		rk_diags_add(
			x->diags, RK_SEV_WARNING, loc->file, loc->line,
			loc->column,
			_("%s has no %d-minute moment for its weekly session: no window (ritmiek.windows) on a school day is %d minutes long"),
			what, len, len);
		return;
	}
	char who[1024] = "", at[RK_TIME_BUFSIZE];
	for (size_t m = 0; m < n; m++)
		describe_member(x, members[m], best_d, best_s, best_s + len,
				who, sizeof(who));
	rk_time_format(best_s, at);
	rk_diags_add(
		x->diags, RK_SEV_WARNING, loc->file, loc->line, loc->column,
		_("%s has no common free %d-minute moment in the week (all %zu members at work and free, every week, inside the windows), so plan will fail; closest is %s %s, blocked by %s"),
		what, len, n, rk_weekday_name(best_d), at, who);
}

/* Someone of the school's cover capacity who can take @v's group on
 * @date from @s to @e. */
static bool cover_free(const struct pre *x, int v, int h, int date, int s,
		       int e)
{
	int weekday = rk_date_weekday(date);
	for (size_t i = 0; i < rk_school_n_cover(x->school); i++) {
		const struct rk_cover *cv = rk_school_get_cover(x->school, i);
		int c = cv->person.index;
		if (c < 0 || c == v || c == h)
			continue;
		unsigned days =
			cv->days ? cv->days
				 : rk_school_get_person(x->school, (size_t)c)
					   ->workdays;
		if ((days & (1u << weekday)) && is_free(x, c, date, s, e))
			return true;
	}
	return false;
}

/* Whether all @n of @people (a duo or a trio) are free on @date from @s
 * to @e. */
static bool all_free(const struct pre *x, const int *people, int n, int date,
		     int s, int e)
{
	for (int k = 0; k < n; k++)
		if (!is_free(x, people[k], date, s, e))
			return false;
	return true;
}

/* Whether @people (2 or 3) have @len minutes free together on @date,
 * inside the windows of @kind, apart from their team's one possible
 * weekly moment (in a primary school often the only common free time on
 * the duo day). */
static bool meets_on(const struct pre *x, const int *people, int n, int date,
		     int len, int kind)
{
	const struct rk_settings *st = rk_school_get_settings(x->school);
	int d = rk_date_weekday(date), starts[MAX_STARTS];
	size_t ns = rk_school_start_times(x->school, d, starts, MAX_STARTS);
	for (size_t i = 0; i < ns; i++) {
		int s = starts[i];
		bool inside =
			x->no_windows & (1u << kind)
				? st->earliest <= s && s + len <= st->latest
				: rk_settings_window_ok(st, kind, d, s,
							s + len);
		if (!inside ||
		    (d == x->only_d && s < x->only_e && s + len > x->only_s))
			continue;
		if (all_free(x, people, n, date, s, s + len))
			return true;
	}
	return false;
}

/* The scratch mark of the week of @date. */
static bool *week_of(const struct pre *x, int date)
{
	return &x->week_ok[rk_schoolyear_day(x->year, date)->week];
}

/* Whether the marked weeks are at least half of the weeks with sessions:
 * the planner needs a duo's sessions in given weeks of every period, so
 * what fits in a few weeks only (a shortened day) does not count. Clears
 * the marks. */
static bool most_weeks(const struct pre *x)
{
	size_t count = 0, n = rk_schoolyear_n_weeks(x->year);
	for (size_t w = 0; w < n; w++) {
		count += x->week_ok[w];
		x->week_ok[w] = false;
	}
	return count * 2 >= x->n_session_weeks && count > 0;
}

/* Whether @people have gl_minutes free together, for gezamenlijk
 * lesontwerp, in most weeks with sessions. */
static bool can_meet(const struct pre *x, const int *people, int n)
{
	int len = rk_school_get_settings(x->school)->gl_minutes;
	for (int d = 0; d < 5; d++) {
		bool all_work = true;
		for (int k = 0; k < n; k++)
			all_work &= works_on(x, people[k], d);
		for (size_t k = 0; all_work && k < x->n_dates[d]; k++) {
			int date = x->dates[d][k];
			bool *ok = week_of(x, date);
			if (!*ok && meets_on(x, people, n, date, len, RK_EV_GL))
				*ok = true;
		}
	}
	return most_weeks(x);
}

/* Whether the feedbackgesprek after a lesbezoek of @v at @h on @date fits
 * on one of their next two common working days, as the planner wants it
 * (a day in a week without sessions counts, but holds none). */
static bool fb_after(const struct pre *x, int v, int h, int date)
{
	int pair[2] = { v, h }, found = 0;
	int first = rk_schoolyear_first(x->year);
	int minutes = rk_school_get_settings(x->school)->fb_minutes;
	for (int d = date + 1; d <= rk_schoolyear_last(x->year) && found < 2;
	     d++) {
		const struct rk_day *day = rk_schoolyear_day(x->year, d);
		if (!day || !day->school_day || !rk_busy_works(x->busy, v, d) ||
		    !rk_busy_works(x->busy, h, d))
			continue;
		found++;
		if (x->session[d - first] &&
		    meets_on(x, pair, 2, d, minutes, RK_EV_FB))
			return true;
	}
	return false;
}

/* Whether @v can sit in a lesson of @h on some date sessions may use: at
 * work and free then, or with cover for their own group. With @fb, as the
 * planner will need it: with their feedbackgesprek after it, in most
 * weeks. @h teaching on a day @v works at all goes to @teaches. */
static bool can_visit(const struct pre *x, int v, int h, bool fb, bool *teaches)
{
	size_t n;
	const int *idx = rk_busy_lessons(x->busy, h, &n);
	for (size_t k = 0; k < n; k++) {
		const struct rk_lesson *l =
			rk_school_get_lesson(x->school, (size_t)idx[k]);
		if (l->weekday < 0 || l->weekday >= 5)
			continue;
		for (size_t i = 0; i < x->n_dates[l->weekday]; i++) {
			int date = x->dates[l->weekday][i], s, e;
			if (!rk_schoolyear_lesson_times(x->year, l, date, &s,
							&e) ||
			    !rk_busy_works(x->busy, v, date))
				continue;
			*teaches = true;
			bool *ok = week_of(x, date);
			if (*ok || (rk_busy_teaching(x->busy, v, date, s, e) &&
				    !cover_free(x, v, h, date, s, e)))
				continue;
			if (!fb)
				return true;
			*ok = fb_after(x, v, h, date);
		}
	}
	return fb && most_weeks(x);
}

/* What the duo split of one team knows: who can visit whom, who can be
 * paired, and memo tables for the split. */
struct team_pairs {
	const struct pre *x;
	size_t n;
	int members[MAX_SPLIT];
	bool visit[MAX_SPLIT][MAX_SPLIT];
	bool visit_fb[MAX_SPLIT][MAX_SPLIT]; /* and the FB fits after it */
	bool meet[MAX_SPLIT][MAX_SPLIT];
	bool pair[MAX_SPLIT][MAX_SPLIT];
	signed char *memo; /* [mask * 2 + trio left]: -1 unknown */
};

static bool trio_ok(const struct team_pairs *tp, int i, int j, int k)
{
	const bool(*v)[MAX_SPLIT] = tp->visit_fb;
	bool cycle = (v[i][j] && v[j][k] && v[k][i]) ||
		     (v[i][k] && v[k][j] && v[j][i]);
	/* The three meet for gezamenlijk lesontwerp together. */
	int three[3] = { tp->members[i], tp->members[j], tp->members[k] };
	return cycle && tp->meet[i][j] && tp->meet[j][k] && tp->meet[i][k] &&
	       can_meet(tp->x, three, 3);
}

/* Whether the members in @mask split into duos, and one trio when @trio. */
static bool splits(struct team_pairs *tp, unsigned mask, int trio)
{
	if (!mask)
		return !trio;
	signed char *m = &tp->memo[mask * 2 + (unsigned)trio];
	if (*m >= 0)
		return *m;
	int i = __builtin_ctz(mask);
	unsigned rest = mask & ~(1u << i);
	bool ok = false;
	for (int j = i + 1; j < (int)tp->n && !ok; j++) {
		if (!(rest & (1u << j)))
			continue;
		if (tp->pair[i][j])
			ok = splits(tp, rest & ~(1u << j), trio);
		for (int k = j + 1; trio && k < (int)tp->n && !ok; k++)
			if ((rest & (1u << k)) && trio_ok(tp, i, j, k))
				ok = splits(tp, rest & ~(1u << j) & ~(1u << k),
					    0);
	}
	*m = (signed char)ok;
	return ok;
}

/* "outside the bordsessie (woensdag 12:15)" when the team has one
 * possible weekly moment, else "". */
static void outside_moment(const struct pre *x, char *buf, size_t size)
{
	char at[RK_TIME_BUFSIZE];
	buf[0] = '\0';
	if (x->only_d < 0)
		return;
	rk_time_format(x->only_s, at);
	snprintf(buf, size, _(" outside the bordsessie (%s %s)"),
		 rk_weekday_name(x->only_d), at);
}

/* Why member @i cannot be paired, appended to @text: "no teammate can
 * visit a lesson of Dewi Smit", "Bram de Boer can pair only with Cas
 * Visser", "Anna Bakker has no free time with a teammate who visits and is
 * visited by them". Nothing for a member with several partners. */
static size_t describe_member_pairs(const struct pre *x,
				    const struct team_pairs *tp, size_t i,
				    char *text, size_t size)
{
	int count = 0, only = -1;
	bool visited = false, mutual = false, meets = false;
	for (size_t j = 0; j < tp->n; j++) {
		bool both = tp->visit[j][i] && tp->visit[i][j];
		count += tp->pair[i][j];
		only = tp->pair[i][j] ? (int)j : only;
		visited |= tp->visit[j][i];
		mutual |= both;
		meets |= both && tp->meet[i][j];
	}
	const char *who = name_of(x, tp->members[i]);
	char outside[64];
	if (count > 1)
		return 0;
	if (!visited)
		return (size_t)snprintf(
			text, size, _("no teammate can visit a lesson of %s"),
			who);
	if (count)
		return (size_t)snprintf(text, size,
					_("%s can pair only with %s"), who,
					name_of(x, tp->members[only]));
	if (!mutual)
		return (size_t)snprintf(
			text, size,
			_("%s can pair with no one: no teammate both visits them and is visited by them"),
			who);
	outside_moment(x, outside, sizeof(outside));
	if (!meets)
		return (size_t)snprintf(
			text, size,
			_("%s has no free time inside the windows together with a teammate who can visit them both ways%s"),
			who, outside);
	return (size_t)snprintf(
		text, size,
		_("%s can pair with no one: with no teammate do a lesbezoek both ways, each with a feedbackgesprek on one of their next two common working days%s, fit in most weeks"),
		who, outside);
}

static void describe_pairs(const struct pre *x, const struct team_pairs *tp,
			   char *text, size_t size)
{
	size_t len = 0;
	text[0] = '\0';
	for (size_t i = 0; i < tp->n && len + 3 < size; i++) {
		size_t before = len;
		if (len)
			len += (size_t)snprintf(text + len, size - len, ", ");
		size_t added =
			describe_member_pairs(x, tp, i, text + len, size - len);
		len = added ? len + added : before;
		text[len < size ? len : size - 1] = '\0';
	}
	if (!text[0])
		snprintf(text, size,
			 _("the possible duos do not cover every member"));
}

static const char *cover_hint(const struct pre *x)
{
	if (rk_school_get_info(x->school)->type == RK_SCHOOL_PO)
		return _(
			"list cover capacity (cover: in the school file) for the days its teachers teach");
	return _("free a lesuur in the timetable while a teammate teaches");
}

/* Whether the team of @tp splits into duos (and one trio) with time
 * together and lesbezoeken both ways: 1 or 0, -1 when out of memory. */
static int team_splits(struct pre *x, struct team_pairs *tp)
{
	for (size_t i = 0; i < tp->n; i++)
		for (size_t j = 0; j < tp->n; j++) {
			bool unused;
			tp->visit_fb[i][j] =
				tp->visit[i][j] &&
				can_visit(x, tp->members[i], tp->members[j],
					  true, &unused);
		}
	for (size_t i = 0; i < tp->n; i++)
		for (size_t j = i + 1; j < tp->n; j++) {
			tp->meet[i][j] = tp->meet[j][i] = can_meet(
				x, (int[]){ tp->members[i], tp->members[j] },
				2);
			tp->pair[i][j] = tp->pair[j][i] = tp->meet[i][j] &&
							  tp->visit_fb[i][j] &&
							  tp->visit_fb[j][i];
		}
	size_t size = ((size_t)2 << tp->n) * sizeof(*tp->memo);
	tp->memo = malloc(size);
	if (!tp->memo)
		return -1;
	memset(tp->memo, -1, size);
	int ok = splits(tp, (1u << tp->n) - 1u, (int)(tp->n % 2));
	free(tp->memo);
	tp->memo = NULL;
	return ok;
}

/* A team that does not split into duos but would without the windows of
 * the lesontwerp (or, after it, the feedbackgesprek): one warning at that
 * window for every team it keeps apart, not one per team and member.
 * True when said so. @tp is left as it was. */
static bool windows_keep_apart(struct pre *x, const struct rk_team *t,
			       const struct team_pairs *tp)
{
	const struct rk_settings *st = rk_school_get_settings(x->school);
	static const int kinds[] = { RK_EV_GL, RK_EV_FB };
	struct team_pairs *wide = malloc(sizeof(*wide));
	bool said = false;
	x->no_windows = 0;
	for (size_t k = 0; wide && k < 2 && !said; k++) {
		const struct rk_loc *loc = rk_settings_window_loc(st, kinds[k]);
		x->no_windows |= 1u << kinds[k];
		*wide = *tp;
		if (!loc || team_splits(x, wide) != 1)
			continue;
		char team[96], what[96];
		snprintf(team, sizeof(team), "'%s'", t->id);
		/* Both set aside: both are named. */
		bool both = k && rk_settings_window_loc(st, RK_EV_GL);
		snprintf(what, sizeof(what), "%s%s%s",
			 both ? rk_event_kind_name(RK_EV_GL) : "",
			 both ? _(" and ") : "", rk_event_kind_name(kinds[k]));
		rk_diags_add_counted(
			x->diags, RK_SEV_WARNING, loc->file, loc->line,
			loc->column, N_("team"), N_("teams"), team,
			_("the windows for %s leave too little time in which teammates who can visit each other's lessons are free together: {} cannot be split into duos, though they could without these windows"),
			what);
		said = true;
	}
	x->no_windows = 0;
	free(wide);
	return said;
}

/* Every teacher can visit a teammate; then the team splits into duos. */
static enum rk_status check_visits(struct pre *x, const struct rk_team *t)
{
	struct team_pairs tp = { .x = x };
	bool warned = false;
	for (size_t m = 0; m < t->n_members && tp.n < MAX_SPLIT; m++)
		if (t->members[m].index >= 0)
			tp.members[tp.n++] = t->members[m].index;
	if (tp.n < 2 || tp.n < t->n_members)
		return RK_OK;
	for (size_t i = 0; i < tp.n; i++) {
		bool any = false, teaches = false;
		for (size_t j = 0; j < tp.n; j++) {
			tp.visit[i][j] = i != j && can_visit(x, tp.members[i],
							     tp.members[j],
							     false, &teaches);
			any |= tp.visit[i][j];
		}
		if (any)
			continue;
		const struct rk_loc *loc = &t->members[i].loc;
		if (teaches)
			rk_diags_add(
				x->diags, RK_SEV_WARNING, loc->file, loc->line,
				loc->column,
				_("%s (%s) of team '%s' has no free lesuur in which a teammate teaches, so no lesbezoek is possible without cover; %s"),
				t->members[i].id, name_of(x, tp.members[i]),
				t->id, cover_hint(x));
		else
			rk_diags_add(
				x->diags, RK_SEV_WARNING, loc->file, loc->line,
				loc->column,
				_("%s (%s) of team '%s' can make no lesbezoek: no teammate teaches on a day %s works"),
				t->members[i].id, name_of(x, tp.members[i]),
				t->id, t->members[i].id);
		warned = true;
	}
	if (warned)
		return RK_OK;
	int split = team_splits(x, &tp);
	if (split < 0)
		return RK_ERR_NOMEM;
	if (!split && !windows_keep_apart(x, t, &tp)) {
		char why[1024];
		describe_pairs(x, &tp, why, sizeof(why));
		rk_diags_add(
			x->diags, RK_SEV_WARNING, t->loc.file, t->loc.line,
			t->loc.column,
			_("team '%s' cannot be split into duos%s who can visit each other's lessons (with a feedbackgesprek after) and have %d minutes free together: %s"),
			t->id, tp.n % 2 ? _(" and a trio") : "",
			rk_school_get_settings(x->school)->gl_minutes, why);
	}
	return RK_OK;
}

static enum rk_status check_group(struct pre *x, const struct rk_team *t,
				  int kind, const char *what)
{
	int *members = calloc(t->n_members + 1, sizeof(int));
	size_t n = 0;
	if (!members)
		return RK_ERR_NOMEM;
	for (size_t m = 0; m < t->n_members; m++)
		if (t->members[m].index >= 0)
			members[n++] = t->members[m].index;
	if (n)
		check_moment(x, what, members, n, kind, &t->loc);
	free(members);
	return RK_OK;
}

enum rk_status rk_precheck_predict(const struct rk_school *school,
				   const struct rk_schoolyear *year,
				   struct rk_diags *diags)
{
	struct pre x = { .school = school, .year = year, .diags = diags };
	enum rk_status status = rk_busy_new(school, year, &x.busy);
	if (status == RK_OK)
		status = collect_dates(&x);
	char what[300];
	for (size_t i = 0; status == RK_OK && i < rk_school_n_team(school);
	     i++) {
		const struct rk_team *t = rk_school_get_team(school, i);
		snprintf(what, sizeof(what), "team '%s'", t->id);
		x.only_d = -1;
		status = check_group(&x, t, RK_EV_BORDSESSIE, what);
		if (status == RK_OK)
			status = check_visits(&x, t);
	}
	if (status == RK_OK)
		status = check_group(&x, rk_school_get_lkteam(school),
				     RK_EV_LKTEAM, _("the leerKRACHT-team"));
	for (int d = 0; d < 5; d++)
		free(x.dates[d]);
	free(x.session);
	free(x.week_ok);
	rk_busy_free(x.busy);
	return status;
}
