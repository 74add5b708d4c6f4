/* Tests of the CSV timetable, and of the CSV reader and text files under
 * it. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "date.h"
#include "diag.h"
#include "school.h"
#include "testutil.h"
#include "textfile.h"
#include "timetable_csv.h"

Suite *suite_timetable_csv(void);

/* "<srcdir>/tests/data/csv/<name>" into @buf. */
static const char *data_path(char *buf, size_t size, const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/csv/%s", name);
	return rk_test_path_in(buf, size, rel);
}

static void load(struct rk_test_loaded *t, const char *name)
{
	rk_test_load_csv(t, rk_timetable_csv_load, name);
}

static void check_bad(const char *name, const char *expected, size_t n_lessons)
{
	struct rk_test_loaded t;
	load(&t, name);
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, &expected, 1);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), n_lessons);
	rk_test_unload(&t);
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, want);
}

static void assert_lesson(const struct rk_lesson *l, const char *person,
			  int weekday, const char *start, const char *end,
			  enum rk_ab week, const char *group, const char *room,
			  const char *subject)
{
	int s, e;
	ck_assert(rk_time_parse(start, &s));
	ck_assert(rk_time_parse(end, &e));
	ck_assert_str_eq(l->person.id, person);
	ck_assert_int_eq(l->person.index, -1);
	ck_assert_int_eq(l->weekday, weekday);
	ck_assert_int_eq(l->start, s);
	ck_assert_int_eq(l->end, e);
	ck_assert_int_eq(l->week, week);
	assert_str_or_null(l->group, group);
	assert_str_or_null(l->room, room);
	assert_str_or_null(l->subject, subject);
}

static void assert_loc(const struct rk_loc *loc, const char *path, int line)
{
	ck_assert_str_eq(loc->file, path);
	ck_assert_int_eq(loc->line, line);
	ck_assert_int_eq(loc->column, 1);
}

START_TEST(test_comma_header_comments)
{
	struct rk_test_loaded t;
	load(&t, "rooster-comma.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 3);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	assert_lesson(l, "JDV", 0, "08:30", "09:20", RK_AB_BOTH, "2a",
		      "B1.04, lab", "wiskunde");
	assert_loc(&l->loc, t.path, 3);
	assert_loc(&l->person.loc, t.path, 3);
	ck_assert_int_eq(l->valid_from, INT_MIN);
	ck_assert_int_eq(l->valid_to, INT_MAX);
	ck_assert_int_eq(l->lesuur, 0);
	l = rk_school_get_lesson(t.school, 1);
	assert_lesson(l, "JDV", 1, "09:20", "10:10", RK_AB_A, "3b", "B1.04",
		      "natuurkunde");
	assert_loc(&l->loc, t.path, 4);
	l = rk_school_get_lesson(t.school, 2);
	assert_lesson(l, "ZMC", 2, "10:30", "11:20", RK_AB_B, "4h", "Ünit Ç",
		      "Duits");
	assert_loc(&l->loc, t.path, 7);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_semicolon_crlf_bom)
{
	struct rk_test_loaded t;
	load(&t, "rooster-semicolon.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 2);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	assert_lesson(l, "JDV", 0, "08:30", "09:20", RK_AB_BOTH, NULL, NULL,
		      NULL);
	assert_loc(&l->loc, t.path, 1);
	l = rk_school_get_lesson(t.school, 1);
	assert_lesson(l, "ZMC", 4, "13:00", "13:50", RK_AB_A, "5v", NULL,
		      "Duits");
	assert_loc(&l->loc, t.path, 3);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_tab)
{
	struct rk_test_loaded t;
	load(&t, "rooster-tab.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 2);
	assert_lesson(rk_school_get_lesson(t.school, 0), "JDV", 3, "08:30",
		      "09:20", RK_AB_BOTH, "1a", "B2", "wiskunde, extra");
	assert_lesson(rk_school_get_lesson(t.school, 1), "AKS", 4, "14:00",
		      "14:45", RK_AB_BOTH, NULL, NULL, NULL);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_bad_files)
{
	check_bad("bad-fields.csv",
		  "3:1: error: expected at least 4 fields (person, weekday, "
		  "start, end), found 2",
		  1);
	check_bad("bad-weekday.csv", "2:5: error: unknown weekday 'xx'", 0);
	check_bad("bad-order.csv",
		  "1:14: error: end 09:00 is not after start 09:20", 0);
	check_bad("bad-week.csv",
		  "1:20: error: bad week 'C': expected A, B or empty", 0);
}
END_TEST

/* The good lines around a bad one still count. */
START_TEST(test_bad_time)
{
	static const char *const want[] = {
		"3:8: error: bad time '8.3': expected HH:MM",
	};
	struct rk_test_loaded t;
	load(&t, "bad-time.csv");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, want, 1);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 1);
	rk_test_unload(&t);
}
END_TEST

/* An unclosed quote is reported on its own line; the next line is read. */
START_TEST(test_bad_quote)
{
	static const char *const want[] = { "1: error: malformed quoting" };
	struct rk_test_loaded t;
	load(&t, "bad-quote.csv");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, want, 1);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 1);
	assert_loc(&rk_school_get_lesson(t.school, 0)->loc, t.path, 2);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_many_problems)
{
	static const char *const want[] = {
		"2:5: error: unknown weekday 'xx'",
		"2:8: error: bad time '8.3': expected HH:MM",
		"2:18: error: bad week 'C': expected A, B or empty",
		"3:1: error: expected at least 4 fields (person, weekday, "
		"start, end), found 2",
		"4:14: error: end 09:00 is not after start 10:00",
		"5:1: error: empty person",
		"6: error: malformed quoting",
		"7:24: warning: expected at most 8 fields, found 9 (the rest "
		"is ignored)",
	};
	struct rk_test_loaded t;
	load(&t, "many-problems.csv");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, want,
			     sizeof(want) / sizeof(want[0]));
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 2);
	ck_assert_str_eq(rk_school_get_lesson(t.school, 0)->person.id, "ZMC");
	ck_assert_str_eq(rk_school_get_lesson(t.school, 1)->person.id, "RVD");
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_missing_file)
{
	struct rk_test_loaded t;
	load(&t, "no-such-file.csv");
	ck_assert_int_eq(t.status, RK_ERR_IO);
	ck_assert_int_eq(errno, ENOENT);
	char want[256];
	const char *wantp = want;
	snprintf(want, sizeof(want), " error: cannot read timetable file: %s",
		 strerror(ENOENT));
	rk_test_assert_diags(t.diags, t.path, &wantp, 1);
	rk_test_unload(&t);
}
END_TEST

static bool probe_text(const char *path, const char *head)
{
	return rk_importer_csv.probe(path, head, strlen(head));
}

START_TEST(test_importer)
{
	ck_assert_str_eq(rk_importer_csv.id, "csv");
	ck_assert_ptr_eq(rk_importer_csv.load, rk_timetable_csv_load);
	ck_assert(probe_text("rooster.csv", "JDV,ma,08:30,09:20\n"));
	ck_assert(probe_text("ROOSTER.TXT", "JDV;Maandag;08:30;09:20;A\n"));
	ck_assert(probe_text("r.csv", "\xef\xbb\xbf# export\n\nPerson\tday\n"));
	ck_assert(probe_text("r.csv", "JDV\tmon\t08:30\t09:20"));
	ck_assert(!probe_text("rooster.xml", "JDV,ma,08:30,09:20\n"));
	ck_assert(!probe_text("rooster.csv", "JDV,2a,08:30,09:20\n"));
	ck_assert(!probe_text("rooster.csv", "JDV,ma,08:30\n"));
	ck_assert(!probe_text("rooster.csv", "# only a comment\n"));
	ck_assert(!probe_text("rooster.csv", ""));
}
END_TEST

/* The records of a CSV text as "line:field|field" lines. */
struct collected {
	char text[1024];
	size_t len;
	int stop_after; /* stop after this many records; 0: never */
	int n;
};

static int collect(const struct rk_csv_record *rec, void *data)
{
	struct collected *c = data;
	size_t room = sizeof(c->text) - c->len;
	int n = snprintf(c->text + c->len, room, "%d:", rec->line);
	ck_assert(n >= 0 && (size_t)n < room);
	c->len += (size_t)n;
	for (size_t i = 0; i < rec->n; i++) {
		room = sizeof(c->text) - c->len;
		n = snprintf(c->text + c->len, room, "%s%s", i ? "|" : "",
			     rec->fields[i]);
		ck_assert(n >= 0 && (size_t)n < room);
		c->len += (size_t)n;
	}
	ck_assert_uint_lt(c->len + 1, sizeof(c->text));
	c->text[c->len++] = '\n';
	c->text[c->len] = '\0';
	c->n++;
	return c->stop_after && c->n >= c->stop_after;
}

static enum rk_status read_csv(const char *text, char sep, struct collected *c,
			       struct rk_diags *diags)
{
	return rk_csv_read("t.csv", text, strlen(text), sep, collect, c, diags);
}

START_TEST(test_csv_records_and_lines)
{
	static const char text[] = "a, b ,c\n"
				   "\"multi\nline\",x\r\n"
				   "\n"
				   ";;\r\n"
				   ",,\n"
				   "  \n"
				   "\"d \"\"q\"\"\",Zoë\n"
				   "last";
	struct collected c = { .len = 0 };
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(read_csv(text, ',', &c, diags), RK_OK);
	ck_assert_str_eq(c.text, "1:a|b|c\n"
				 "2:multi\nline|x\n"
				 "5:;;\n"
				 "8:d \"q\"|Zoë\n"
				 "9:last\n");
	ck_assert_uint_eq(rk_diags_count(diags), 0);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_csv_malformed)
{
	static const char text[] = "ok,1\n"
				   "\"bad\"x,2\n"
				   "after,3\n"
				   "\"open,4\n"
				   "next,5\n"
				   "x\"y,6\n";
	static const char *const want[] = {
		"2: error: malformed quoting",
		"4: error: malformed quoting",
		"6: error: malformed quoting",
	};
	struct collected c = { .len = 0 };
	struct rk_diags *diags = rk_diags_new();
	ck_assert_int_eq(read_csv(text, ',', &c, diags), RK_ERR_INPUT);
	ck_assert_str_eq(c.text, "1:ok|1\n3:after|3\n5:next|5\n");
	rk_test_assert_diags(diags, "t.csv", want, 3);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_csv_stop)
{
	struct collected c = { .len = 0, .stop_after = 1 };
	ck_assert_int_eq(read_csv("a\nb\nc\n", ',', &c, NULL), RK_OK);
	ck_assert_str_eq(c.text, "1:a\n");
}
END_TEST

static char detect(const char *text)
{
	return rk_csv_detect_separator(text, strlen(text));
}

START_TEST(test_csv_detect_separator)
{
	ck_assert_int_eq(detect("a;b;c,d\n"), ';');
	ck_assert_int_eq(detect("a,\"x;y;z\"\n"), ',');
	ck_assert_int_eq(detect("a\tb\tc"), '\t');
	ck_assert_int_eq(detect("abc\nx;y;z\n"), ',');
	ck_assert_int_eq(detect(""), ',');
	ck_assert_int_eq(rk_csv_detect_separator("a;b\n", 1), ',');
}
END_TEST

START_TEST(test_textfile_read_bom)
{
	char path[1024];
	char *text = NULL;
	size_t len = 0;
	struct stat st;

	data_path(path, sizeof(path), "people-semicolon.csv");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(rk_textfile_read(path, &text, &len), RK_OK);
	ck_assert_uint_eq(len, (size_t)st.st_size - 3);
	ck_assert_uint_eq(strlen(text), len);
	ck_assert(!strncmp(text, "NAME;Id;", 8));
	free(text);
}
END_TEST

static void check_relative(const char *base, const char *rel, const char *want)
{
	char *got = rk_path_relative_to(base, rel);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_path_relative_to)
{
	check_relative("school/school.yaml", "rooster.csv",
		       "school/rooster.csv");
	check_relative("school.yaml", "rooster.csv", "rooster.csv");
	check_relative("/srv/school.yaml", "data/p.csv", "/srv/data/p.csv");
	check_relative("/school.yaml", "p.csv", "/p.csv");
	check_relative("a/b/school.yaml", "/etc/p.csv", "/etc/p.csv");
	check_relative("a/b/school.yaml", "../p.csv", "a/b/../p.csv");
}
END_TEST

/* The names in @dir, sorted out by the caller: here only their count and
 * whether @only is the one. */
static int count_entries(const char *dir, const char *only)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		ck_assert_str_eq(e->d_name, only);
		n++;
	}
	closedir(d);
	return n;
}

static void check_content(const char *path, const char *want)
{
	char *text = NULL;
	size_t len;
	ck_assert_int_eq(rk_textfile_read(path, &text, &len), RK_OK);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(text, want);
	free(text);
}

START_TEST(test_textfile_write_atomic)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600], missing[600];
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/rk-test-XXXXXX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/feed.ics", dir);
	ck_assert_int_eq(rk_textfile_write_atomic(path, "old\n", 4), RK_OK);
	check_content(path, "old\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);

	/* A replaced file keeps its mode; no temporary file stays behind. */
	ck_assert_int_eq(chmod(path, 0640), 0);
	static const char body[] = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
	ck_assert_int_eq(rk_textfile_write_atomic(path, body, strlen(body)),
			 RK_OK);
	check_content(path, body);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	ck_assert_int_eq(count_entries(dir, "feed.ics"), 1);

	snprintf(missing, sizeof(missing), "%s/no/feed.ics", dir);
	errno = 0;
	ck_assert_int_eq(rk_textfile_write_atomic(missing, "x", 1), RK_ERR_IO);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(count_entries(dir, "feed.ics"), 1);

	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A staged write (into a plan directory's new generation) replaces the
 * file: one carried over as a hard link to the current generation keeps
 * its old bytes there; the mode carries over, no temporary file stays. A
 * new name is created and written directly; a link that holds the bytes
 * already is kept. */
START_TEST(test_textfile_write_staged)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], current[600], staged[600], missing[600];
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/rk-test-XXXXXX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(current, sizeof(current), "%s/current.ics", dir);
	snprintf(staged, sizeof(staged), "%s/staged.ics", dir);
	ck_assert_int_eq(rk_textfile_write_atomic(current, "old\n", 4), RK_OK);
	ck_assert_int_eq(chmod(current, 0600), 0);
	ck_assert_int_eq(link(current, staged), 0);
	ck_assert_int_eq(rk_textfile_write_staged(staged, "new\n", 4), RK_OK);
	check_content(staged, "new\n");
	check_content(current, "old\n");
	ck_assert_int_eq(stat(staged, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(st.st_nlink, 1);

	snprintf(missing, sizeof(missing), "%s/no/feed.ics", dir);
	errno = 0;
	ck_assert_int_eq(rk_textfile_write_staged(missing, "x", 1), RK_ERR_IO);
	ck_assert_int_eq(errno, ENOENT);

	/* A new name is written as it is (no temporary file), mode 0644
	 * whatever the umask; written again, it is replaced. */
	char fresh[600];
	snprintf(fresh, sizeof(fresh), "%s/fresh.ics", dir);
	mode_t mask = umask(077);
	enum rk_status first = rk_textfile_write_staged(fresh, "one\n", 4);
	umask(mask);
	ck_assert_int_eq(first, RK_OK);
	check_content(fresh, "one\n");
	ck_assert_int_eq(stat(fresh, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(rk_textfile_write_staged(fresh, "two\n", 4), RK_OK);
	check_content(fresh, "two\n");

	/* A carried link that holds the bytes already stays the link (no new
	 * file); one byte more, and it is replaced. */
	struct stat before;
	ck_assert_int_eq(unlink(staged), 0);
	ck_assert_int_eq(link(current, staged), 0);
	ck_assert_int_eq(stat(current, &before), 0);
	ck_assert_int_eq(rk_textfile_write_staged(staged, "old\n", 4), RK_OK);
	ck_assert_int_eq(stat(staged, &st), 0);
	ck_assert(st.st_ino == before.st_ino && st.st_nlink == 2);
	ck_assert_int_eq(rk_textfile_write_staged(staged, "old\n\n", 5), RK_OK);
	ck_assert_int_eq(stat(staged, &st), 0);
	ck_assert(st.st_ino != before.st_ino && st.st_nlink == 1);
	check_content(staged, "old\n\n");
	check_content(current, "old\n");

	/* Empty now: no temporary file was left behind. */
	ck_assert_int_eq(unlink(fresh), 0);
	ck_assert_int_eq(unlink(staged), 0);
	ck_assert_int_eq(unlink(current), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

Suite *suite_timetable_csv(void)
{
	Suite *s = suite_create("timetable_csv");
	TCase *tc = tcase_create("timetable");
	tcase_add_test(tc, test_comma_header_comments);
	tcase_add_test(tc, test_semicolon_crlf_bom);
	tcase_add_test(tc, test_tab);
	tcase_add_test(tc, test_bad_files);
	tcase_add_test(tc, test_bad_time);
	tcase_add_test(tc, test_bad_quote);
	tcase_add_test(tc, test_many_problems);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_importer);
	suite_add_tcase(s, tc);

	tc = tcase_create("csvread");
	tcase_add_test(tc, test_csv_records_and_lines);
	tcase_add_test(tc, test_csv_malformed);
	tcase_add_test(tc, test_csv_stop);
	tcase_add_test(tc, test_csv_detect_separator);
	suite_add_tcase(s, tc);

	tc = tcase_create("textfile");
	tcase_add_test(tc, test_textfile_read_bom);
	tcase_add_test(tc, test_path_relative_to);
	tcase_add_test(tc, test_textfile_write_atomic);
	tcase_add_test(tc, test_textfile_write_staged);
	suite_add_tcase(s, tc);
	return s;
}
