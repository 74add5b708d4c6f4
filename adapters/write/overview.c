#include "config.h"

#include "overview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "event_groups.h"
#include "feed_links.h"
#include "html.h"
#include "overview_pages.h"
#include "overview_year.h"
#include "plandir.h"
#include "textfile.h"
#include "tokens.h"
#include "i18n.h"

static const char *const month_abbr[12] = { "jan", "feb", "mrt", "apr",
					    "mei", "jun", "jul", "aug",
					    "sep", "okt", "nov", "dec" };

/* One style sheet for every page; colours are kept when printing, since
 * the shading is the message. */
static const char css[] =
	":root{--ink:#1d2733;--muted:#5d6878;--line:#d9dee5;"
	"--paper:#fff;--hol:#e3e7ec;--tw:#fff0c2;--bs:#dfeefc;"
	"--lk:#ece4f7;--vs:#c2185b}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0;padding:18px 22px;color:var(--ink);background:"
	"var(--paper);font:14px/1.45 system-ui,-apple-system,\"Segoe UI\","
	"Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
	"h1{font-size:24px;margin:0 0 2px;letter-spacing:-.01em}\n"
	"h2{font-size:17px;margin:22px 0 8px}\n"
	"h3{font-size:15px;margin:16px 0 6px}\n"
	".sub{color:var(--muted);margin:0 0 14px}\n"
	"a{color:#1f5fa8}\n"
	".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;"
	"border:1px solid var(--line);border-radius:8px}\n"
	/* The jaarplanning */
	"table.year{border-collapse:separate;border-spacing:0;"
	"table-layout:fixed;width:100%;font-size:11px}\n"
	".year col.name{width:190px}\n"
	".year col.wk{width:30px}\n"
	".year th,.year td{border-left:1px solid var(--line);"
	"border-top:1px solid var(--line);padding:1px;text-align:center;"
	"vertical-align:middle;overflow:hidden}\n"
	".year thead tr:first-child th{border-top:0}\n"
	".year tr>:first-child{border-left:0}\n"
	".year th.name{position:sticky;left:0;z-index:2;background:#f7f8fa;"
	"text-align:left;padding:3px 8px;font-weight:600;white-space:nowrap;"
	"overflow:hidden;text-overflow:ellipsis;box-shadow:1px 0 0 "
	"var(--line)}\n"
	".year tr.row th.name{white-space:normal;line-height:1.2}\n"
	".year th.name small{display:block;font-weight:400;color:var(--muted);"
	"white-space:nowrap}"
	"\n"
	".year thead th{background:#f7f8fa;font-weight:600}\n"
	".year tr.months th{font-size:11px;text-transform:capitalize;"
	"text-align:left;padding-left:4px}\n"
	".year tr.weeks th{font-size:12px}\n"
	".year tr.mondays td{color:var(--muted);font-size:10px;"
	"background:#f7f8fa}\n"
	".year tr.cal td{height:70px;vertical-align:bottom;padding:3px 0}\n"
	".year tr.cal td span{display:inline-block;writing-mode:vertical-rl;"
	"transform:rotate(180deg);inline-size:max-content;"
	"max-inline-size:150px;font-size:10.5px;"
	"line-height:1.1;text-align:left}\n"
	".year tr.cal td.hol span,.year tr.cal td.tw span{font-weight:600}\n"
	".year tr.ab td{font-size:10px;color:var(--muted);font-weight:600}\n"
	".year td.hol{background:repeating-linear-gradient(135deg,"
	"var(--hol) 0 5px,#eef1f4 5px 10px);color:#46505c}\n"
	".year td.tw{background:var(--tw)}\n"
	".year td.off{background:#f1f3f6}\n"
	".year td.vs{box-shadow:inset -3px 0 0 var(--vs)}\n"
	".year td.bad{outline:2px solid #c62828;outline-offset:-2px}\n"
	".year tr.phase td,.year tr.period td{height:22px;color:#fff;"
	"font-weight:600;white-space:nowrap;text-overflow:ellipsis;"
	"font-size:11px;padding:0 4px}\n"
	".year tr.period td{color:var(--ink);background:#eef6f1}\n"
	".year tr.period td.p{background:#cfe9da;border-left:2px solid #fff}\n"
	".year tr.period td.p.even{background:#b9dfc9}\n"
	".ph-voorbereiding{background:#8792a2}\n"
	".ph-startfase{background:#7b5ea7}\n"
	".ph-startdag{background:#e07a2f}\n"
	".ph-aan-de-slag{background:#2f9e6b}\n"
	".ph-uitbouwen{background:#1f7a8c}\n"
	".year tr.phase td.none{background:transparent}\n"
	".year tr.row td{height:46px}\n"
	".year tr.row th.name{height:46px}\n"
	".year tr.team td.on{background:var(--bs)}\n"
	".year tr.lkteam td.on{background:var(--lk)}\n"
	".year tr.team td.on.tw{background:linear-gradient(var(--tw),"
	"var(--bs))}\n"
	".k{display:flex;flex-direction:column;align-items:center;gap:1px}\n"
	".c{display:inline-block;width:24px;border-radius:2px;"
	"font-size:8.5px;line-height:10px;font-weight:700;color:#fff;"
	"text-align:center}\n"
	".c-gl{background:#3b7dd8}.c-lb{background:#d64541}"
	".c-fb{background:#f0a202;color:#3a2a00}.c-v{background:#6f42c1}"
	".c-r{background:#20a39e}.c-la{background:#e83e8c}"
	".c-bs{background:#9cc3ee;color:#123}\n"
	"svg.mk{width:15px;height:15px;display:block;margin:1px auto;"
	"fill:currentColor}\n"
	".k-verbinding{color:var(--vs)}.k-forum{color:#7b5ea7}"
	".k-webinar{color:#1f7a8c}.k-bedrijfsbezoek{color:#8d5a3b}"
	".k-meting{color:#e07a2f}.k-startdag{color:#e07a2f}"
	".k-draagvlak{color:#5d6878}.k-bootcamp{color:#37474f}"
	".k-startfase{color:#7b5ea7}.k-extern{color:#5d6878}\n"
	/* The legend */
	".legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:12px 2px 0;"
	"font-size:12px;color:var(--ink)}\n"
	".legend h2{flex-basis:100%;font-size:13px;margin:4px 0 0}\n"
	".legend span.item{display:inline-flex;align-items:center;gap:5px}\n"
	".legend .c{width:20px}\n"
	".legend svg.mk{display:inline-block;margin:0}\n"
	".sw{display:inline-block;width:22px;height:14px;border:1px solid "
	"var(--line);border-radius:2px}\n"
	".sw.hol{background:repeating-linear-gradient(135deg,var(--hol) 0 "
	"5px,#eef1f4 5px 10px)}.sw.tw{background:var(--tw)}"
	".sw.bs{background:var(--bs)}.sw.lk{background:var(--lk)}"
	".sw.vs{box-shadow:inset -3px 0 0 var(--vs)}"
	".sw.off{background:#f1f3f6}"
	".sw.bad{outline:2px solid #c62828;outline-offset:-2px}\n"
	"footer{margin-top:14px;color:var(--muted);font-size:11px}\n"
	/* Team and person pages */
	".page{max-width:60em}\n"
	"table.duos{border-collapse:collapse}\n"
	".duos th,.duos td{text-align:left;vertical-align:top;padding:4px 12px "
	"4px 0;border-top:1px solid var(--line)}\n"
	".wk{border-top:1px solid var(--line);padding:6px 0}\n"
	".wk h3,.wk h4{margin:2px 0;font-size:14px}\n"
	".wk h4 span,.wk h3 span{color:var(--muted);font-weight:400}\n"
	".wk .agenda{color:var(--muted);margin:2px 0 4px}\n"
	".wk ul{margin:2px 0;padding-left:0;list-style:none}\n"
	".wk li{margin:2px 0;display:flex;gap:.8em}\n"
	".wk time{flex:0 0 13em;white-space:nowrap;color:var(--muted);"
	"font-variant-numeric:tabular-nums}\n"
	".wk .quiet{color:var(--muted);font-style:italic}\n"
	".links li{margin:4px 0}\n"
	".links code{word-break:break-all}\n"
	"@media (max-width:640px){body{padding:12px}"
	".year col.name{width:120px}.wk li{display:block}"
	".wk time{display:block}}\n"
	"@media print{@page{size:landscape;margin:7mm}"
	"body{padding:0;font-size:9px}h1{font-size:15px}"
	".sub{margin:0 0 3px;font-size:9px}"
	".scroll{overflow:visible;border:0}"
	"table.year{font-size:7px;min-width:0!important}"
	".year col.name{width:25mm}.year col.wk{width:auto}"
	".year th.name{position:static;padding:1px 3px}"
	".year tr.months th,.year tr.weeks th{font-size:7px}"
	".year tr.mondays td,.year tr.ab td{font-size:5.5px}"
	".year tr.phase td,.year tr.period td{font-size:7px;height:14px}"
	".year tr.cal td{height:74px}.year tr.cal td span{font-size:6.5px;max-inline-size:72px}"
	".year tr.row td,.year tr.row th.name{height:36px}"
	".year th.name small{font-size:6px}"
	".c{width:16px;font-size:5.5px;line-height:7px}"
	"svg.mk{width:10px;height:10px}"
	".legend{font-size:7.5px;gap:2px 10px;margin-top:4px}"
	".legend .c{width:16px}"
	".legend h2{display:none}footer{display:none}"
	".wk{break-inside:avoid}}\n";

const char *rk_overview_css(void)
{
	return css;
}

int rk_overview_week(const struct rk_overview_data *d, int date)
{
	const struct rk_day *day = rk_schoolyear_day(d->year, date);
	return day ? day->week : -1;
}

void rk_overview_date(struct rk_tsv *t, int date, bool weekday)
{
	int y, m, dd;
	rk_date_to_ymd(date, &y, &m, &dd);
	if (weekday)
		rk_html_printf(t, "%s ",
			       rk_weekday_abbr(rk_date_weekday(date)));
	rk_html_printf(t, "%d %s", dd, month_abbr[m - 1]);
}

void rk_overview_time(struct rk_tsv *t, const struct rk_event *ev)
{
	char a[RK_TIME_BUFSIZE], b[RK_TIME_BUFSIZE];
	if (ev->kind == RK_EV_METING) {
		rk_html_raw(t, "uiterlijk");
		return;
	}
	if (ev->start < 0) {
		rk_html_raw(t, "hele dag");
		return;
	}
	rk_time_format(ev->start, a);
	rk_time_format(ev->end, b);
	rk_html_printf(t, "%s–%s", a, b);
}

const struct rk_moment *rk_overview_moment(const struct rk_overview_data *d,
					   int team)
{
	size_t n = rk_school_n_team(d->school);
	return team >= -1 && team < (int)n ? d->moments[team + 1] : NULL;
}

/* Each team's moment, the first the plan gives it, by team index + 1;
 * NULL when out of memory. */
static const struct rk_moment **index_moments(const struct rk_school *school,
					      const struct rk_plan *plan)
{
	size_t n = rk_school_n_team(school);
	const struct rk_moment **m = calloc(n + 2, sizeof(*m));
	for (size_t i = rk_plan_n_moments(plan); m && i > 0; i--) {
		const struct rk_moment *mo = rk_plan_moment(plan, i - 1);
		if (mo->team >= -1 && mo->team < (int)n)
			m[mo->team + 1] = mo;
	}
	return m;
}

void rk_overview_moment_words(struct rk_tsv *t, const struct rk_moment *m,
			      bool long_day)
{
	char a[RK_TIME_BUFSIZE], b[RK_TIME_BUFSIZE];
	rk_time_format(m->start, a);
	rk_time_format(m->end, b);
	rk_html_printf(t, "%s %s–%s",
		       long_day ? rk_weekday_name(m->weekday)
				: rk_weekday_abbr(m->weekday),
		       a, b);
}

const struct rk_period *rk_overview_period(const struct rk_plan *plan,
					   int number)
{
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++)
		if (rk_plan_period(plan, i)->number == number)
			return rk_plan_period(plan, i);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Writing */

struct ctx {
	struct rk_overview_data d;
	const char *dir;
	struct rk_diags *diags;
	struct rk_tokens *tokens;
	const char **live; /* live_tokens */
	size_t n_live;
	struct rk_overview_report report;
};

static enum rk_status io_error(struct ctx *c, const char *path,
			       const char *what)
{
	rk_diags_add(c->diags, RK_SEV_ERROR, path, 0, 0, _("cannot %s: %s"),
		     what, strerror(errno));
	return RK_ERR_IO;
}

/* @folder/@name from @t, atomically; @t is released. */
static enum rk_status write_page(struct ctx *c, const char *folder,
				 const char *name, struct rk_tsv *t)
{
	enum rk_status status = t->nomem ? RK_ERR_NOMEM : RK_OK;
	size_t len = strlen(c->dir) + strlen(folder) + strlen(name) + 3;
	char *path = malloc(len);
	if (!path)
		status = RK_ERR_NOMEM;
	if (status == RK_OK) {
		snprintf(path, len, "%s/%s/%s", c->dir, folder, name);
		status = rk_textfile_write_staged(path, t->data, t->len);
		if (status == RK_ERR_IO)
			status = io_error(c, path, _("write"));
	}
	free(path);
	rk_tsv_release(t);
	return status;
}

static enum rk_status make_folder(struct ctx *c, const char *folder)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", c->dir, folder);
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return io_error(c, path, _("make the folder"));
	return RK_OK;
}

static enum rk_status write_team_pages(struct ctx *c)
{
	size_t n = rk_school_n_team(c->d.school);
	struct rk_event_groups by_team;
	enum rk_status status = rk_event_groups_by_team(c->d.plan, n, &by_team);
	for (size_t i = 0; i < n && status == RK_OK; i++) {
		char name[160];
		struct rk_tsv t = { 0 };
		size_t n_events;
		const size_t *events =
			rk_event_groups_of(&by_team, i, &n_events);
		snprintf(name, sizeof(name), "%s.html", c->d.team_names[i]);
		rk_overview_team_page(&c->d, (int)i, events, n_events, &t);
		status = write_page(c, "overview", name, &t);
		c->report.pages++;
	}
	rk_event_groups_release(&by_team);
	return status;
}

static bool is_team_page(const struct ctx *c, const char *name)
{
	size_t n = rk_school_n_team(c->d.school);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(c->d.team_names[i]);
		if (!strncmp(name, c->d.team_names[i], len) &&
		    !strcmp(name + len, ".html"))
			return true;
	}
	return false;
}

/* Whether @name is "<token>.html" of a token nobody has now. */
static int cmp_token(const void *a, const void *b)
{
	return strncmp(*(const char *const *)a, *(const char *const *)b,
		       RK_TOKEN_LEN);
}

/* The tokens of the school's people, sorted, for stale_person_page: one
 * look-up per page in the folder, not a pass over everyone. */
static enum rk_status live_tokens(struct ctx *c)
{
	size_t people = rk_school_n_person(c->d.school);
	c->live = malloc((people + 1) * sizeof(*c->live));
	if (!c->live)
		return RK_ERR_NOMEM;
	c->n_live = 0;
	for (size_t i = 0; i < people; i++) {
		const char *token = rk_tokens_get(
			c->tokens, rk_school_get_person(c->d.school, i)->id);
		if (token)
			c->live[c->n_live++] = token;
	}
	qsort(c->live, c->n_live, sizeof(*c->live), cmp_token);
	return RK_OK;
}

static bool stale_person_page(const char *name, void *data)
{
	const struct ctx *c = data;
	size_t n = strlen(name);
	if (n != RK_TOKEN_LEN + 5 || strcmp(name + RK_TOKEN_LEN, ".html"))
		return false;
	for (size_t i = 0; i < RK_TOKEN_LEN; i++)
		if (!strchr("0123456789abcdef", name[i]))
			return false;
	return !bsearch(&name, c->live, c->n_live, sizeof(*c->live), cmp_token);
}

static bool stale_team_page(const char *name, void *data)
{
	const struct ctx *c = data;
	return !strncmp(name, "team-", 5) && strstr(name, ".html") &&
	       !is_team_page(c, name);
}

/* Pages of teams no longer in the school, of rotated tokens: their
 * addresses must stop working, like the feeds'. */
static enum rk_status remove_stale(struct ctx *c, const char *folder,
				   bool people)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", c->dir, folder);
	return rk_plandir_remove_stale(
		path, people ? stale_person_page : stale_team_page, c,
		&c->report.removed, c->diags);
}

static bool has_violations(const struct rk_plan *plan)
{
	for (size_t i = 0; i < rk_plan_n_events(plan); i++)
		if (rk_plan_event(plan, i)->violation)
			return true;
	return false;
}

/* feeds/<token>.html of everyone with a token. */
static enum rk_status write_person_pages(struct ctx *c)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tokens.tsv", c->dir);
	enum rk_status status = rk_tokens_read(c->tokens, path, c->diags);
	if (status != RK_OK)
		return status;
	size_t n = rk_school_n_person(c->d.school);
	struct rk_event_groups bp;
	status = rk_event_groups_by_person(c->d.plan, n, &bp);
	bool folder = false;
	for (size_t i = 0; i < n && status == RK_OK; i++) {
		const char *token = rk_tokens_get(
			c->tokens, rk_school_get_person(c->d.school, i)->id);
		if (!token)
			continue;
		if (!folder && (status = make_folder(c, "feeds")) != RK_OK)
			break;
		folder = true;
		char name[RK_TOKEN_LEN + 16];
		struct rk_tsv t = { 0 };
		snprintf(name, sizeof(name), "%s.html", token);
		size_t n_events;
		const size_t *events = rk_event_groups_of(&bp, i, &n_events);
		rk_overview_person_page(&c->d, (int)i, token, events, n_events,
					&t);
		status = write_page(c, "feeds", name, &t);
		c->report.people++;
	}
	rk_event_groups_release(&bp);
	if (status == RK_OK)
		status = live_tokens(c);
	if (status == RK_OK)
		status = remove_stale(c, "feeds", true);
	free(c->live);
	c->live = NULL;
	return status;
}

/* The weeks with school days, and any week outside them that has an
 * event (a draagvlaksessie in the last week of the summer holiday). */
static void find_columns(struct rk_overview_data *d)
{
	size_t n = rk_schoolyear_n_weeks(d->year);
	d->first_week = (int)n;
	d->last_week = -1;
	for (size_t i = 0; i < n; i++) {
		if (!rk_schoolyear_week(d->year, i)->teaching)
			continue;
		if (d->first_week > (int)i)
			d->first_week = (int)i;
		d->last_week = (int)i;
	}
	for (size_t i = 0; i < rk_plan_n_events(d->plan); i++) {
		int w = rk_overview_week(d, rk_plan_event(d->plan, i)->date);
		if (w >= 0 && w < d->first_week)
			d->first_week = w;
		if (w > d->last_week)
			d->last_week = w;
	}
}

enum rk_status rk_overview_write(const struct rk_school *school,
				 const struct rk_schoolyear *year,
				 const struct rk_plan *plan, const char *dir,
				 const struct rk_overview_options *options,
				 struct rk_overview_report *report,
				 struct rk_diags *diags)
{
	if (!school || !year || !plan || !dir)
		return RK_ERR_ARG;
	struct ctx c = { .d = { school, year, plan, NULL, NULL, 0, -1, NULL },
			 .dir = dir };
	c.diags = diags;
	c.d.base_url = rk_school_get_settings(school)->feeds_base_url;
	char **names = rk_team_names_new(school);
	c.d.team_names = names;
	c.d.moments = index_moments(school, plan);
	c.tokens = rk_tokens_new();
	if (!c.tokens || !names || !c.d.moments) {
		rk_tokens_free(c.tokens);
		rk_team_names_free(names, rk_school_n_team(school));
		free(c.d.moments);
		return RK_ERR_NOMEM;
	}
	find_columns(&c.d);
	struct rk_tsv t = { 0 };
	enum rk_status status = make_folder(&c, "overview");
	if (status == RK_OK) {
		rk_overview_year_page(&c.d, &t);
		status = write_page(&c, "overview", "index.html", &t);
		c.report.pages++;
	}
	if (status == RK_OK)
		status = write_team_pages(&c);
	if (status == RK_OK)
		status = remove_stale(&c, "overview", false);
	bool people = !(options && options->no_people) && !has_violations(plan);
	if (status == RK_OK && people)
		status = write_person_pages(&c);
	if (status == RK_OK && report)
		*report = c.report;
	rk_tokens_free(c.tokens);
	rk_team_names_free(names, rk_school_n_team(school));
	free(c.d.moments);
	return status;
}
