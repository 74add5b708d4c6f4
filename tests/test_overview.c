/* Tests of adapters/overview (the HTML year, team and person pages) and
 * of the feeds' subscribe links (feed_links, index.tsv, links.csv). The
 * pages are checked as text (their DOM as written) and, when Chromium is
 * installed, rendered by it. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "event_words.h"
#include "feeds.h"
#include "html.h"
#include "loader.h"
#include "overview.h"
#include "plan_file.h"
#include "planner.h"
#include "school_yaml.h"
#include "schoolyear.h"
#include "suites.h"
#include "testutil.h"
#include "textfile.h"
#include "tokens.h"

/* 2026-08-03 12:00 UTC, before every event of the test plans. */
#define T0 1785758400LL

struct fixture {
	struct rk_school *school;
	struct rk_schoolyear *year;
	struct rk_plan *plan;
	char dir[64];
};

static struct fixture f;

static void load_school(const char *rel)
{
	char *path = rk_test_path(rel);
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_load_school(path, NULL, &f.school, diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(f.school, &f.year, diags), RK_OK);
	rk_diags_free(diags);
	free(path);
}

static void make_dir(void)
{
	/* In the build folder, where the tests may write. */
	snprintf(f.dir, sizeof(f.dir), "test-overview-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f.dir));
}

static void plan_school(const char *rel)
{
	memset(&f, 0, sizeof(f));
	load_school(rel);
	struct rk_diags *diags = rk_diags_new();
	struct rk_plan_options options = { 0 };
	ck_assert_int_eq(
		rk_planner_run(f.school, f.year, &options, &f.plan, diags),
		RK_OK);
	rk_diags_free(diags);
	make_dir();
}

static void write_feeds(void)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_feeds_options options = { NULL, T0 };
	enum rk_status status =
		rk_feeds_write(f.school, f.plan, f.dir, &options, NULL, diags);
	ck_assert_msg(status == RK_OK, "%s",
		      rk_diags_count(diags) ? rk_diags_get(diags, 0)->message
					    : rk_strerror(status));
	rk_diags_free(diags);
}

static struct rk_overview_report write_overview(bool no_people)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_overview_options options = { no_people };
	struct rk_overview_report r;
	ck_assert_int_eq(rk_overview_write(f.school, f.year, f.plan, f.dir,
					   &options, &r, diags),
			 RK_OK);
	ck_assert_int_eq(rk_diags_count(diags), 0);
	rk_diags_free(diags);
	return r;
}

/* The school of tests/data/overview/school.yaml, planned, with its feeds
 * and overview written. */
static void setup_written(void)
{
	plan_school("tests/data/overview/school.yaml");
	write_feeds();
	write_overview(false);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The test's folder with everything in it (Chromium's profile too). */
static void remove_files(const char *dir)
{
	if (*dir)
		nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void teardown(void)
{
	remove_files(f.dir);
	rk_plan_free(f.plan);
	rk_schoolyear_free(f.year);
	rk_school_free(f.school);
	memset(&f, 0, sizeof(f)); /* CK_FORK=no runs the next test here */
}

static char *in_dir(const char *name)
{
	size_t len = strlen(f.dir) + strlen(name) + 2;
	char *path = malloc(len);
	ck_assert_ptr_nonnull(path);
	snprintf(path, len, "%s/%s", f.dir, name);
	return path;
}

static char *read_in_dir(const char *name)
{
	char *path = in_dir(name);
	char *text = rk_test_slurp(path);
	free(path);
	return text;
}

static bool exists_in_dir(const char *name)
{
	char *path = in_dir(name);
	bool there = access(path, F_OK) == 0;
	free(path);
	return there;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p;
	     p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

/* The part of @text from @from to @to (both must be there), a new string. */
static char *between(const char *text, const char *from, const char *to)
{
	const char *a = strstr(text, from);
	ck_assert_ptr_nonnull(a);
	const char *b = strstr(a, to);
	ck_assert_ptr_nonnull(b);
	char *part = strndup(a, (size_t)(b - a));
	ck_assert_ptr_nonnull(part);
	return part;
}

/* How many elements of @html have @cls among their classes. */
static size_t count_class(const char *html, const char *cls)
{
	size_t n = 0, len = strlen(cls);
	for (const char *p = strstr(html, " class=\""); p;
	     p = strstr(p + 1, " class=\"")) {
		const char *v = p + 8, *end = strchr(v, '"');
		ck_assert_ptr_nonnull(end);
		for (const char *w = v; w < end;) {
			size_t k = strcspn(w, " \"");
			n += k == len && !strncmp(w, cls, len);
			w += k + (w[k] == ' ');
		}
	}
	return n;
}

static size_t events_of_kind(enum rk_event_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++)
		n += rk_plan_event(f.plan, i)->kind == kind;
	return n;
}

static const char *token_of(const char *person)
{
	static char token[RK_TOKEN_LEN + 1];
	struct rk_tokens *tokens = rk_tokens_new();
	struct rk_diags *diags = rk_diags_new();
	char *path = in_dir("tokens.tsv");
	ck_assert_int_eq(rk_tokens_read(tokens, path, diags), RK_OK);
	const char *t = rk_tokens_get(tokens, person);
	ck_assert_ptr_nonnull(t);
	snprintf(token, sizeof(token), "%s", t);
	free(path);
	rk_diags_free(diags);
	rk_tokens_free(tokens);
	return token;
}

static char *person_page(const char *person)
{
	char name[64];
	snprintf(name, sizeof(name), "feeds/%s.html", token_of(person));
	return read_in_dir(name);
}

/* ------------------------------------------------------------------ */
/* The jaarplanning */

START_TEST(test_year_page_is_html5)
{
	char *html = read_in_dir("overview/index.html");
	ck_assert(!strncmp(html, "<!DOCTYPE html>\n<html lang=\"nl\">\n", 32));
	ck_assert_ptr_nonnull(strstr(html, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(html, "name=\"viewport\""));
	ck_assert_ptr_nonnull(
		strstr(html, "@media print{@page{size:landscape"));
	ck_assert_ptr_nonnull(strstr(html, "position:sticky"));
	/* Self-contained: no scripts, nothing fetched. */
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "src="));
	ck_assert_ptr_null(strstr(html, "http"));
	ck_assert_int_eq(count(html, "<table"), count(html, "</table>"));
	ck_assert_int_eq(count(html, "<tr"), count(html, "</tr>"));
	ck_assert_int_eq(count(html, "<td"), count(html, "</td>"));
	ck_assert(!strcmp(html + strlen(html) - 16, "</body>\n</html>\n"));
	free(html);
}
END_TEST

/* A row per team, the leerKRACHT-team and the whole school, each team's
 * with its weekly moment and a link to its page. */
START_TEST(test_year_rows)
{
	char *html = read_in_dir("overview/index.html");
	ck_assert_int_eq(count(html, "<tr class=\"row "),
			 rk_school_n_team(f.school) + 2);
	ck_assert_int_eq(count(html, "<tr class=\"row team\""),
			 rk_school_n_team(f.school));
	ck_assert_ptr_nonnull(strstr(
		html, "<a href=\"team-alpha.html\">Team &lt;Alpha&gt; &amp; "
		      "&quot;Omega&quot;</a><small>elke di 13:00–13:30"));
	ck_assert_ptr_nonnull(strstr(html, ">leerKRACHT-team<small>elke "));
	ck_assert_ptr_nonnull(strstr(html, ">Hele school</th>"));
	free(html);
}
END_TEST

/* One column per school week, first to last teaching week. */
START_TEST(test_year_columns)
{
	char *html = read_in_dir("overview/index.html");
	char *weeks = between(html, "<tr class=\"weeks\">", "</tr>");
	ck_assert_ptr_nonnull(strstr(weeks, "<th>36</th><th>37</th>"));
	ck_assert_ptr_nonnull(strstr(weeks, "<th>53</th><th>1</th>"));
	ck_assert_ptr_nonnull(strstr(weeks, "<th>28</th>"));
	ck_assert_ptr_null(strstr(weeks, "<th>29</th>"));
	/* Week 36 of 2026 to week 28 of 2027, the holidays between too. */
	ck_assert_int_eq(count(weeks, "<th>"), 1 + 45);
	char *mondays = between(html, "<tr class=\"mondays\">", "</tr>");
	ck_assert_ptr_nonnull(strstr(mondays, "<td>31-8</td><td>7-9</td>"));
	free(mondays);
	free(weeks);
	free(html);
}
END_TEST

/* Holidays, studiedagen and toetsweken shaded and labelled; A/B weeks. */
START_TEST(test_year_calendar)
{
	char *html = read_in_dir("overview/index.html");
	char *cal = between(html, "<tr class=\"cal\">", "</tr>");
	ck_assert_ptr_nonnull(strstr(cal,
				     "<td class=\"hol\" colspan=\"1\"><span>"
				     "Herfstvakantie</span></td>"));
	ck_assert_ptr_nonnull(strstr(cal,
				     "<td class=\"hol\" colspan=\"2\"><span>"
				     "Kerstvakantie</span></td>"));
	ck_assert_ptr_nonnull(strstr(cal, "<td class=\"tw\" colspan=\"1\">"
					  "<span>Toetsweek 1</span></td>"));
	ck_assert_ptr_nonnull(strstr(cal, "<td class=\"off\" colspan=\"1\">"
					  "<span>Studiedag teams (do)</span>"));
	char *ab = between(html, "<tr class=\"ab\">", "</tr>");
	ck_assert_ptr_nonnull(strstr(ab, "</th><td>A</td><td>B</td>"));
	free(ab);
	free(cal);
	free(html);
}
END_TEST

/* Phases and periods as bands. */
START_TEST(test_year_bands)
{
	char *html = read_in_dir("overview/index.html");
	char *phase = between(html, "<tr class=\"phase\">", "</tr>");
	static const char *const phases[] = { "ph-voorbereiding",
					      "ph-startfase", "ph-startdag",
					      "ph-aan-de-slag",
					      "ph-uitbouwen" };
	for (size_t i = 0; i < 5; i++)
		ck_assert_msg(strstr(phase, phases[i]), "%s", phases[i]);
	ck_assert_ptr_nonnull(strstr(phase, ">startfase</td>"));
	char *period = between(html, "<tr class=\"period\">", "</tr>");
	for (size_t i = 0; i < rk_plan_n_periods(f.plan); i++) {
		char want[64];
		snprintf(want, sizeof(want), ">Periode %d</td>",
			 rk_plan_period(f.plan, i)->number);
		ck_assert_msg(strstr(period, want), "%s", want);
	}
	ck_assert_int_eq(count(period, ">Periode "), rk_plan_n_periods(f.plan));
	free(period);
	free(phase);
	free(html);
}
END_TEST

/* Every verbindingssessie (one per period), forum, webinar,
 * bedrijfsbezoek and meting deadline is marked, once. */
START_TEST(test_year_marks)
{
	char *html = read_in_dir("overview/index.html");
	char *body = between(html, "<tbody>", "</tbody>");
	ck_assert_int_eq(rk_plan_n_periods(f.plan), 5);
	ck_assert_int_eq(count(body, "class=\"mk k-verbinding\""),
			 rk_plan_n_periods(f.plan));
	ck_assert_int_eq(count(body, "class=\"mk k-forum\""), 1);
	ck_assert_int_eq(count(body, "class=\"mk k-webinar\""), 1);
	ck_assert_int_eq(count(body, "class=\"mk k-bedrijfsbezoek\""), 1);
	ck_assert_int_eq(count(body, "class=\"mk k-meting\""),
			 events_of_kind(RK_EV_METING));
	ck_assert_int_gt(events_of_kind(RK_EV_METING), 0);
	ck_assert_ptr_nonnull(
		strstr(body, "<title>Webinar &lt;LB&gt;, do 19 nov</title>"));
	/* The week of a verbindingssessie is marked in every row: the
	 * calendar, A/B weeks, the school, leerKRACHT-team and team. */
	ck_assert_uint_eq(count_class(body, "vs"), 5 * 5);
	free(body);
	free(html);
}
END_TEST

START_TEST(test_year_legend)
{
	char *html = read_in_dir("overview/index.html");
	char *legend = between(html, "id=\"legend\"", "</section>");
	static const char *const words[] = {
		"Bordsessie van het team",
		"Gezamenlijk lesontwerp",
		"Lesbezoek",
		"Feedbackgesprek",
		"Retrospectief",
		"Verbindingssessie",
		"leerKRACHT-teamforum",
		"Webinar",
		"Bedrijfsbezoek",
		"Deadline meting",
		"Vakantie",
		"Toetsweek",
		"Fase: startfase",
		"Fase: uitbouwen",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		ck_assert_msg(strstr(legend, words[i]), "%s", words[i]);
	free(legend);
	free(html);
}
END_TEST

/* Every text of the school file is escaped, on every page. */
START_TEST(test_escaped)
{
	char *pages[3] = { read_in_dir("overview/index.html"),
			   read_in_dir("overview/team-alpha.html"),
			   person_page("T1") };
	for (size_t i = 0; i < 3; i++) {
		ck_assert_ptr_null(strstr(pages[i], "<De Brug>"));
		ck_assert_ptr_null(strstr(pages[i], "<Alpha>"));
		ck_assert_ptr_null(strstr(pages[i], "<b>"));
		ck_assert_ptr_null(strstr(pages[i], "\"Zon\""));
		ck_assert_ptr_nonnull(
			strstr(pages[i],
			       "School &lt;De Brug&gt; &amp; &quot;Zon&quot;"));
	}
	static const char anna[] = "Anna &lt;b&gt;Bakker&lt;/b&gt; &amp; "
				   "&#39;Co&#39;";
	ck_assert_ptr_nonnull(strstr(pages[1], anna));
	ck_assert_ptr_nonnull(strstr(pages[2], anna));
	ck_assert_ptr_nonnull(strstr(pages[1], "Bram &quot;de&quot; Boer"));
	for (size_t i = 0; i < 3; i++)
		free(pages[i]);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Team and person pages */

START_TEST(test_team_page)
{
	char *html = read_in_dir("overview/team-alpha.html");
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"nl\">"));
	ck_assert_ptr_nonnull(
		strstr(html, "<p>Bordsessie elke dinsdag 13:00–13:30</p>"));
	ck_assert_ptr_nonnull(strstr(html, "(schoolcoach)"));
	ck_assert_int_eq(count(html, "<tr><th>Periode "),
			 rk_plan_n_periods(f.plan));
	/* Every event of the team, once, in its week. */
	size_t n = 0;
	for (size_t i = 0; i < rk_plan_n_events(f.plan); i++)
		n += rk_plan_event(f.plan, i)->team == 0;
	ck_assert_int_eq(count(html, "<li class=\"ev "), n);
	ck_assert_ptr_nonnull(strstr(html, "· week 1 van "));
	ck_assert_ptr_nonnull(strstr(html, "Het verbeterbord introduceren"));
	ck_assert_ptr_nonnull(strstr(html, "<p class=\"quiet\">Meivakantie"));
	ck_assert_ptr_nonnull(strstr(html, "<p class=\"quiet\">Toetsweek 1"));
	free(html);
}
END_TEST

/* The person's page lists exactly their events, in the words of their
 * feed. */
START_TEST(test_person_page_own_events)
{
	size_t people = rk_school_n_person(f.school);
	for (size_t p = 0; p < people; p++) {
		const char *id = rk_school_get_person(f.school, p)->id;
		char *html = person_page(id);
		size_t n = 0;
		for (size_t i = 0; i < rk_plan_n_events(f.plan); i++) {
			const struct rk_event *ev = rk_plan_event(f.plan, i);
			if (rk_event_words_role(ev, (int)p) < 0)
				continue;
			n++;
			struct rk_tsv words = { 0 }, escaped = { 0 };
			rk_event_words_summary(f.school, &words, ev, (int)p);
			rk_html_text(&escaped, words.data);
			ck_assert_msg(strstr(html, escaped.data), "%s: %s", id,
				      escaped.data);
			rk_tsv_release(&words);
			rk_tsv_release(&escaped);
		}
		ck_assert_int_gt(n, 0);
		ck_assert_uint_eq(count(html, "<li class=\"ev "), n);
		free(html);
	}
}
END_TEST

/* Their own duo partner, from their side; not another duo's visit. */
START_TEST(test_person_page_words)
{
	char *html = person_page("T1");
	ck_assert_ptr_nonnull(strstr(html, "Lesbezoek bij "));
	ck_assert_ptr_nonnull(strstr(html, "Gezamenlijk lesontwerp met "));
	ck_assert_ptr_null(strstr(html, "Gezamenlijk lesontwerp: "));
	ck_assert_ptr_nonnull(strstr(
		html, "Team &lt;Alpha&gt; &amp; &quot;Omega&quot;: bordsessie "
		      "elke dinsdag 13:00–13:30"));
	free(html);
}
END_TEST

START_TEST(test_person_page_links)
{
	const char *token = token_of("T1");
	char *html = person_page("T1");
	char want[512];
	snprintf(want, sizeof(want),
		 "<a href=\"webcal://www.school.example/ritmiek/%s.ics\">",
		 token);
	ck_assert_ptr_nonnull(strstr(html, want));
	snprintf(want, sizeof(want),
		 "<a href=\"https://calendar.google.com/calendar/r?cid="
		 "webcal%%3A%%2F%%2Fwww.school.example%%2Fritmiek%%2F%s.ics\">",
		 token);
	ck_assert_ptr_nonnull(strstr(html, want));
	snprintf(want, sizeof(want),
		 "<a href=\"https://outlook.live.com/calendar/0/addfromweb?url="
		 "https%%3A%%2F%%2Fwww.school.example%%2Fritmiek%%2F%s.ics"
		 "&amp;name=leerKRACHT%%3A%%20Anna%%20%%3Cb%%3EBakker%%3C%%2Fb"
		 "%%3E%%20%%26%%20%%27Co%%27\">",
		 token);
	ck_assert_ptr_nonnull(strstr(html, want));
	snprintf(want, sizeof(want),
		 "<code>https://www.school.example/ritmiek/%s.ics</code>",
		 token);
	ck_assert_ptr_nonnull(strstr(html, want));
	free(html);
}
END_TEST

/* ------------------------------------------------------------------ */
/* index.tsv and links.csv with a base_url */

START_TEST(test_index_urls)
{
	char *index = read_in_dir("index.tsv");
	ck_assert(!strncmp(index, "kind\tid\tname\tfeed\thttps\twebcal\n", 30));
	ck_assert_ptr_nonnull(strstr(
		index, "\nteam\talpha\t\"Team <Alpha> & \"\"Omega\"\"\"\t"
		       "feeds/team-alpha.ics\thttps://www.school.example/"
		       "ritmiek/team-alpha.ics\twebcal://www.school.example/"
		       "ritmiek/team-alpha.ics\n"));
	char want[512];
	const char *token = token_of("SL");
	snprintf(want, sizeof(want),
		 "\nperson\tSL\tSanne Leider\tfeeds/%s.ics\thttps://"
		 "www.school.example/ritmiek/%s.ics\twebcal://"
		 "www.school.example/ritmiek/%s.ics\n",
		 token, token, token);
	ck_assert_ptr_nonnull(strstr(index, want));
	ck_assert_int_eq(count(index, "\n"), 3 + 1 + 7 + 1);
	free(index);
}
END_TEST

START_TEST(test_links_csv)
{
	char *csv = read_in_dir("links.csv");
	ck_assert(!strncmp(csv,
			   "\"id\",\"name\",\"email\",\"webcal\",\"https\","
			   "\"google\",\"outlook\"\r\n",
			   55));
	/* A line per person, in the order of their ids. */
	ck_assert_int_eq(count(csv, "\r\n"), 1 + 7);
	ck_assert_ptr_nonnull(strstr(csv, "\r\n\"SL\",\"Sanne Leider\","));
	char want[1024];
	const char *t = token_of("T1");
	snprintf(
		want, sizeof(want),
		"\r\n\"T1\",\"Anna <b>Bakker</b> & 'Co'\","
		"\"anna@school.example\","
		"\"webcal://www.school.example/ritmiek/%s.ics\","
		"\"https://www.school.example/ritmiek/%s.ics\","
		"\"https://calendar.google.com/calendar/r?cid=webcal%%3A%%2F"
		"%%2Fwww.school.example%%2Fritmiek%%2F%s.ics\","
		"\"https://outlook.live.com/calendar/0/addfromweb?url=https"
		"%%3A%%2F%%2Fwww.school.example%%2Fritmiek%%2F%s.ics&name="
		"leerKRACHT%%3A%%20Anna%%20%%3Cb%%3EBakker%%3C%%2Fb%%3E%%20%%26"
		"%%20%%27Co%%27\"\r\n",
		t, t, t, t);
	ck_assert_ptr_nonnull(strstr(csv, want));
	/* A quote doubled; no e-mail an empty field. */
	ck_assert_ptr_nonnull(
		strstr(csv, "\r\n\"T2\",\"Bram \"\"de\"\" Boer\",\"\","));
	/* Like index.tsv: whoever has it can read every feed. */
	struct stat st;
	char *path = in_dir("links.csv");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	free(path);
	free(csv);
}
END_TEST

/* The plan of tests/data/plan/good.tsv for tests/data/school/base.yaml
 * (two teams), in a new folder. */
static void setup_good(void)
{
	memset(&f, 0, sizeof(f));
	load_school("tests/data/school/base.yaml");
	char *plan = rk_test_path("tests/data/plan/good.tsv");
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(rk_plan_file_read(f.school, plan, &f.plan, diags),
			 RK_OK);
	rk_diags_free(diags);
	free(plan);
	make_dir();
}

/* Without a base_url nothing changes: index.tsv as before (the checked
 * file was written by ritmiek before base_url existed), no links.csv (an
 * old one goes), no links on the person pages. */
START_TEST(test_without_base_url)
{
	setup_good();
	char *seed = rk_test_slurp(rk_test_path_in(
		(char[1024]){ 0 }, 1024, "tests/data/feeds/tokens.tsv"));
	char *path = in_dir("tokens.tsv");
	ck_assert_int_eq(rk_textfile_write_atomic(path, seed, strlen(seed)),
			 RK_OK);
	free(path);
	path = in_dir("links.csv");
	ck_assert_int_eq(rk_textfile_write_atomic(path, "old", 3), RK_OK);
	free(path);
	write_feeds();
	write_overview(false);
	char *index = read_in_dir("index.tsv");
	char *want = rk_test_slurp(rk_test_path_in(
		(char[1024]){ 0 }, 1024, "tests/data/feeds/good-index.tsv"));
	ck_assert_str_eq(index, want);
	ck_assert(!exists_in_dir("links.csv"));
	char *page = read_in_dir("feeds/8f2bab53d9b00a2f027d55d9999f8637.html");
	ck_assert_ptr_null(strstr(page, "webcal"));
	ck_assert_ptr_null(strstr(page, "http"));
	ck_assert_ptr_null(strstr(page, "In je agenda"));
	free(page);
	free(want);
	free(index);
	free(seed);
}
END_TEST

/* Team pages are named as the teams' feeds, also when two ids reduce to
 * the same name. */
START_TEST(test_team_page_names)
{
	setup_good();
	rk_school_team_at(f.school, 0)->id = "a/b";
	rk_school_team_at(f.school, 1)->id = "a b";
	write_feeds();
	write_overview(false);
	char *index = read_in_dir("index.tsv");
	ck_assert_ptr_nonnull(
		strstr(index, "\tTeam Talen\tfeeds/team-a-b.ics"));
	ck_assert_ptr_nonnull(
		strstr(index, "\tTeam Exact\tfeeds/team-a-b-2.ics"));
	char *html = read_in_dir("overview/index.html");
	ck_assert_ptr_nonnull(strstr(html, "<tr class=\"row team\" "
					   "id=\"row-a-b-2\">"));
	ck_assert_ptr_nonnull(
		strstr(html, "<a href=\"team-a-b-2.html\">Team Exact</a>"));
	ck_assert_ptr_nonnull(
		strstr(html, "<a href=\"team-a-b.html\">Team Talen</a>"));
	char *talen = read_in_dir("overview/team-a-b.html");
	ck_assert_ptr_nonnull(strstr(talen, "<h1>Team Talen</h1>"));
	char *exact = read_in_dir("overview/team-a-b-2.html");
	ck_assert_ptr_nonnull(strstr(exact, "<h1>Team Exact</h1>"));
	free(exact);
	free(talen);
	free(html);
	free(index);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Files */

START_TEST(test_deterministic)
{
	static const char *const files[] = { "overview/index.html",
					     "overview/team-alpha.html" };
	char *before[2];
	for (size_t i = 0; i < 2; i++)
		before[i] = read_in_dir(files[i]);
	char *person = person_page("T3");
	write_overview(false);
	for (size_t i = 0; i < 2; i++) {
		char *after = read_in_dir(files[i]);
		ck_assert_msg(!strcmp(before[i], after), "%s", files[i]);
		free(after);
		free(before[i]);
	}
	char *again = person_page("T3");
	ck_assert_str_eq(person, again);
	free(again);
	free(person);
}
END_TEST

/* Pages of rotated tokens and teams that left go; other files stay. */
START_TEST(test_stale_pages_removed)
{
	static const char *const stale[] = {
		"feeds/0123456789abcdef0123456789abcdef.html",
		"overview/team-gone.html",
	};
	static const char *const kept[] = { "feeds/notes.html",
					    "overview/extra.html" };
	for (size_t i = 0; i < 2; i++) {
		char *a = in_dir(stale[i]), *b = in_dir(kept[i]);
		ck_assert_int_eq(rk_textfile_write_atomic(a, "x", 1), RK_OK);
		ck_assert_int_eq(rk_textfile_write_atomic(b, "x", 1), RK_OK);
		free(a);
		free(b);
	}
	struct rk_overview_report r = write_overview(false);
	ck_assert_uint_eq(r.removed, 2);
	ck_assert_uint_eq(r.people, 7);
	ck_assert_uint_eq(r.pages, 2);
	for (size_t i = 0; i < 2; i++) {
		ck_assert_msg(!exists_in_dir(stale[i]), "%s", stale[i]);
		ck_assert_msg(exists_in_dir(kept[i]), "%s", kept[i]);
		char *path = in_dir(kept[i]);
		unlink(path);
		free(path);
	}
}
END_TEST

static size_t person_pages(void)
{
	char *path = in_dir("feeds");
	DIR *d = opendir(path);
	size_t n = 0;
	ck_assert_ptr_nonnull(d);
	for (struct dirent *de = readdir(d); de; de = readdir(d))
		n += strstr(de->d_name, ".html") != NULL;
	closedir(d);
	free(path);
	return n;
}

/* A plan that breaks rules is not published to the teachers: no person
 * pages, like no feeds; nor with no_people. */
START_TEST(test_no_person_pages)
{
	plan_school("tests/data/overview/school.yaml");
	write_feeds();
	struct rk_overview_report r = write_overview(true);
	ck_assert_uint_eq(r.people, 0);
	ck_assert_uint_eq(person_pages(), 0);
	size_t bs = 0;
	while (rk_plan_event(f.plan, bs)->kind != RK_EV_BORDSESSIE)
		bs++;
	rk_plan_event_at(f.plan, bs)->violation = true;
	r = write_overview(false);
	ck_assert_uint_eq(r.people, 0);
	ck_assert_uint_eq(person_pages(), 0);
	/* The overview shows where the plan breaks. */
	char *html = read_in_dir("overview/index.html");
	char *body = between(html, "<tbody>", "</tbody>");
	ck_assert_uint_eq(count_class(body, "bad"), 1);
	ck_assert_ptr_nonnull(strstr(html, "Breekt een harde regel"));
	free(body);
	free(html);
	rk_plan_event_at(f.plan, bs)->violation = false;
	r = write_overview(false);
	ck_assert_uint_eq(person_pages(), 7);
	html = read_in_dir("overview/index.html");
	ck_assert_ptr_null(strstr(html, "Breekt een harde regel"));
	free(html);
}
END_TEST

/* ------------------------------------------------------------------ */
/* feeds.base_url in the school file */

/* tests/data/overview/school.yaml with its base_url line replaced by
 * @line, loaded; the problems formatted. */
static char *load_with(const char *line)
{
	char *text = rk_test_slurp(rk_test_path_in(
		(char[1024]){ 0 }, 1024, "tests/data/overview/school.yaml"));
	char *at = strstr(text, "  base_url:");
	ck_assert_ptr_nonnull(at);
	*at = '\0';
	char name[] = "test-overview-XXXXXX.yaml";
	int fd = mkstemps(name, 5);
	ck_assert_int_ge(fd, 0);
	ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	ck_assert(write(fd, line, strlen(line)) == (ssize_t)strlen(line));
	close(fd);
	struct rk_school *school = NULL;
	struct rk_diags *diags = rk_diags_new();
	rk_school_yaml_load(name, &school, diags);
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	ck_assert_ptr_nonnull(out);
	for (size_t i = 0; i < rk_diags_count(diags); i++) {
		const struct rk_diag *d = rk_diags_get(diags, i);
		fprintf(out, "%d:%d: %s\n", d->line, d->column, d->message);
	}
	if (!rk_diags_count(diags)) {
		const char *url =
			rk_school_get_settings(school)->feeds_base_url;
		fputs(url ? url : "(none)", out);
	}
	fclose(out);
	unlink(name);
	rk_school_free(school);
	rk_diags_free(diags);
	free(text);
	return got;
}

START_TEST(test_base_url)
{
	static const struct {
		const char *line;
		const char *want;
	} cases[] = {
		{ "  base_url: https://www.school.example/ritmiek\n",
		  "https://www.school.example/ritmiek/" },
		{ "  base_url: HTTPS://cal.example//\n",
		  "https://cal.example/" },
		{ "  base_url: http://www.school.example/ritmiek/\n",
		  "51:13: bad base_url 'http://www.school.example/"
		  "ritmiek/': calendar apps and browsers want https, not "
		  "http\n" },
		{ "  base_url: www.school.example\n",
		  "51:13: bad base_url 'www.school.example': expected "
		  "an https:// address\n" },
		{ "  base_url: https:///ritmiek\n",
		  "51:13: bad base_url 'https:///ritmiek': the address "
		  "has no host\n" },
		{ "  base_url: \"https://x.example/a b\"\n",
		  "51:13: bad base_url 'https://x.example/a b': the "
		  "address has a character that does not belong in a URL\n" },
		{ "  base_url: https://x.example/?a=1\n",
		  "51:13: bad base_url 'https://x.example/?a=1': the "
		  "address of a folder has no query or fragment ('?', '#')\n" },
		{ "  base_url: [https://x.example/]\n",
		  "51:13: 'base_url' must be a text\n" },
		{ "  colour: red\n",
		  "51:3: unknown key 'colour' in feeds\n"
		  "51:3: missing required key 'base_url' in feeds\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = load_with(cases[i].line);
		ck_assert_msg(!strcmp(got, cases[i].want), "%s: got %s",
			      cases[i].line, got);
		free(got);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rendered by Chromium */

/* The Chromium on $PATH, or NULL. */
static char *find_chromium(void)
{
	static const char *const names[] = { "chromium", "chromium-browser" };
	const char *env = getenv("PATH");
	char *path = strdup(env ? env : "/usr/bin:/bin");
	char *found = NULL;
	for (size_t i = 0; i < 2 && !found; i++) {
		char *copy = strdup(path), *save = NULL;
		for (char *dir = strtok_r(copy, ":", &save); dir && !found;
		     dir = strtok_r(NULL, ":", &save)) {
			char file[1024];
			snprintf(file, sizeof(file), "%s/%s", dir, names[i]);
			if (access(file, X_OK) == 0)
				found = strdup(file);
		}
		free(copy);
	}
	free(path);
	return found;
}

/* Runs Chromium headless on @page with @what ("--screenshot=FILE" or
 * "--dump-dom"), standard output into the file @out. */
static void run_chromium(const char *chromium, const char *page,
			 const char *what, const char *out)
{
	char url[2048], profile[1024];
	char *cwd = getcwd(NULL, 0);
	ck_assert_ptr_nonnull(cwd);
	snprintf(url, sizeof(url), "file://%s/%s", cwd, page);
	/* Its own profile, not the user's ~/.config. */
	snprintf(profile, sizeof(profile), "--user-data-dir=%s/%s/chromium",
		 cwd, f.dir);
	free(cwd);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int null = open("/dev/null", O_WRONLY);
		if (fd < 0 || null < 0 || dup2(fd, 1) < 0 || dup2(null, 2) < 0)
			_exit(127);
		/* As root Chromium needs --no-sandbox. */
		execl(chromium, chromium, "--headless", "--no-sandbox",
		      "--disable-gpu", "--hide-scrollbars", profile,
		      "--window-size=1700,1250", what, url, (char *)NULL);
		_exit(127);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "%s %s failed", chromium, what);
}

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 |
	       (unsigned)p[2] << 8 | p[3];
}

/* The first @n bytes of the file @path into @buf; its size. */
static long read_head(const char *path, unsigned char *buf, size_t n)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_uint_eq(fread(buf, 1, n, fp), n);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	long size = ftell(fp);
	fclose(fp);
	return size;
}

/* A team page numbers the weeks of each period 1, 2, 3, ... A
 * feedbackgesprek keeps the week of its lesbezoek also when it falls on
 * a day of the next week (32 of the vo example's 270 do): the next week
 * is still numbered by its other events, not twice the same. */
START_TEST(test_week_numbers)
{
	plan_school("examples/vo-school/school.yaml");
	write_overview(true);
	size_t pages = 0;
	for (size_t t = 0; t < rk_school_n_team(f.school); t++) {
		char name[160];
		snprintf(name, sizeof(name), "overview/team-%s.html",
			 rk_school_get_team(f.school, t)->id);
		if (!exists_in_dir(name))
			continue;
		pages++;
		char *html = read_in_dir(name);
		int prev = 0;
		for (const char *at = html;
		     (at = strstr(at, "· week ")) != NULL; at++) {
			int nth = 0, of = 0;
			ck_assert_int_eq(
				sscanf(at, "· week %d van %d", &nth, &of), 2);
			/* A new period starts again at 1. */
			if (nth != 1)
				ck_assert_msg(nth == prev + 1,
					      "%s: week %d after week %d", name,
					      nth, prev);
			ck_assert_int_le(nth, of);
			prev = nth;
		}
		free(html);
	}
	ck_assert_uint_gt(pages, 0);
}
END_TEST

/* The vo example's jaarplanning, rendered: a PNG of the window's size
 * with content (the page blank compresses to a few KB), and in the DOM as
 * Chromium built it a row per team plus the leerKRACHT-team and the whole
 * school. */
START_TEST(test_chromium_renders)
{
	char *chromium = find_chromium();
	if (!chromium) {
		fprintf(stderr, "test_chromium_renders: SKIPPED: no chromium "
				"on PATH (Debian package chromium)\n");
		return;
	}
	plan_school("examples/vo-school/school.yaml");
	write_overview(true);
	char *png = in_dir("index.png"), *out = in_dir("chromium.out");
	char *dom = in_dir("dom.html"), *page = in_dir("overview/index.html");
	char shot[256];
	snprintf(shot, sizeof(shot), "--screenshot=%s", png);
	run_chromium(chromium, page, shot, out);
	unsigned char head[24];
	long size = read_head(png, head, sizeof(head));
	ck_assert(!memcmp(head, "\x89PNG\r\n\x1a\n", 8));
	ck_assert(!memcmp(head + 12, "IHDR", 4));
	ck_assert_uint_eq(be32(head + 16), 1700);
	ck_assert_uint_eq(be32(head + 20), 1250);
	ck_assert_int_gt(size, 60000);
	run_chromium(chromium, page, "--dump-dom", dom);
	char *text = rk_test_slurp(dom);
	ck_assert_uint_eq(count(text, "<tr class=\"row "),
			  rk_school_n_team(f.school) + 2);
	ck_assert_uint_eq(count(text, "<tr class=\"row team\""), 8);
	ck_assert_uint_eq(count(text, "class=\"mk k-verbinding\""),
			  rk_plan_n_periods(f.plan) + 1 /* legend */);
	free(text);
	free(page);
	free(dom);
	free(out);
	free(png);
	free(chromium);
}
END_TEST

Suite *suite_overview(void)
{
	Suite *s = suite_create("overview");
	TCase *tc = tcase_create("pages");
	tcase_add_checked_fixture(tc, setup_written, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_year_page_is_html5);
	tcase_add_test(tc, test_year_rows);
	tcase_add_test(tc, test_year_columns);
	tcase_add_test(tc, test_year_calendar);
	tcase_add_test(tc, test_year_bands);
	tcase_add_test(tc, test_year_marks);
	tcase_add_test(tc, test_year_legend);
	tcase_add_test(tc, test_escaped);
	tcase_add_test(tc, test_team_page);
	tcase_add_test(tc, test_person_page_own_events);
	tcase_add_test(tc, test_person_page_words);
	tcase_add_test(tc, test_person_page_links);
	tcase_add_test(tc, test_index_urls);
	tcase_add_test(tc, test_links_csv);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_stale_pages_removed);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_without_base_url);
	tcase_add_test(tc, test_team_page_names);
	tcase_add_test(tc, test_no_person_pages);
	tcase_add_test(tc, test_base_url);
	tcase_add_test(tc, test_chromium_renders);
	tcase_add_test(tc, test_week_numbers);
	suite_add_tcase(s, tc);
	return s;
}
