/* Tests of the Untis importer (GPU001, GPU002, GPU004) and the charset
 * conversion under it, on the real export in tests/data/untis/. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "csvread.h"
#include "date.h"
#include "diag.h"
#include "importer.h"
#include "school.h"
#include "suites.h"
#include "testutil.h"
#include "timetable_untis.h"

/* A school whose grid has @n lesuren of 50 minutes from 08:00, Monday to
 * Friday, with the people @ids. */
static struct rk_school *grid_school(int n, const char *const *ids,
				     size_t n_ids)
{
	struct rk_school *s = rk_school_new();
	ck_assert_ptr_nonnull(s);
	struct rk_lesuur *hours = rk_school_alloc(s, (size_t)n, sizeof(*hours));
	ck_assert_ptr_nonnull(hours);
	for (int i = 0; i < n; i++)
		hours[i] = (struct rk_lesuur){
			i + 1, 480 + 50 * i, 530 + 50 * i, { NULL, 0, 0 }
		};
	for (int d = 0; d < 5; d++)
		*rk_school_grid(s, d) = (struct rk_grid){ hours, (size_t)n };
	for (size_t i = 0; i < n_ids; i++) {
		struct rk_person *p = rk_school_add_person(s);
		ck_assert_ptr_nonnull(p);
		p->id = rk_school_strdup(s, ids[i]);
		p->name = p->id;
	}
	return s;
}

/* A source with the files @names of tests/data/untis/; returns the path
 * to load it by. */
static const char *add_source(struct rk_school *s, const char *const *names,
			      size_t n)
{
	struct rk_timetable_file *files = rk_school_alloc(s, n, sizeof(*files));
	struct rk_timetable_source *src = rk_school_add_timetable_source(s);
	ck_assert_ptr_nonnull(src);
	for (size_t i = 0; i < n; i++) {
		char rel[256];
		snprintf(rel, sizeof(rel), "tests/data/untis/%s", names[i]);
		char *path = rk_test_path(rel);
		files[i].path = rk_school_strdup(s, path);
		free(path);
	}
	src->format = "untis";
	src->files = files;
	src->n_files = n;
	src->path = files[0].path;
	return src->path;
}

struct loaded {
	struct rk_school *school;
	struct rk_diags *diags;
	enum rk_status status;
};

static struct loaded load_names(struct rk_school *s, const char *const *names,
				size_t n)
{
	struct loaded t = { s, rk_diags_new(), RK_OK };
	ck_assert_ptr_nonnull(t.diags);
	t.status = rk_timetable_untis_load(s, add_source(s, names, n), t.diags);
	return t;
}

static void unload(struct loaded *t)
{
	rk_school_free(t->school);
	rk_diags_free(t->diags);
}

static size_t count_teachers(const struct rk_school *s)
{
	size_t n = 0;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const char *id = rk_school_get_lesson(s, i)->person.id;
		size_t k = 0;
		while (k < i &&
		       strcmp(rk_school_get_lesson(s, k)->person.id, id))
			k++;
		n += k == i;
	}
	return n;
}

static int lessons_of(const struct rk_school *s, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++)
		n += !strcmp(rk_school_get_lesson(s, i)->person.id, id);
	return n;
}

static const struct rk_lesson *find_lesson(const struct rk_school *s,
					   const char *id, int weekday,
					   int lesuur)
{
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (!strcmp(l->person.id, id) && l->weekday == weekday &&
		    l->lesuur == lesuur)
			return l;
	}
	return NULL;
}

static int count_record(const struct rk_csv_record *rec, void *data)
{
	(*(size_t *)data)++;
	return 0;
}

/* The counts were made apart from ritmiek, with awk on the export:
 * teachers: distinct field 3; lessons: distinct (teacher, day, period). */
START_TEST(test_real_export)
{
	static const char *const files[] = { "GPU001.TXT" };
	struct loaded t = load_names(grid_school(12, NULL, 0), files, 1);
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 1466);
	ck_assert_uint_eq(count_teachers(t.school), 80);
	ck_assert_int_eq(lessons_of(t.school, "Wiss"), 23);
	ck_assert_int_eq(lessons_of(t.school, "Peif"), 20);
	ck_assert_int_eq(lessons_of(t.school, "MüSt"), 26);
	ck_assert_int_eq(lessons_of(t.school, "Klah"), 24);
	ck_assert_int_eq(lessons_of(t.school, "Arn"), 9);
	ck_assert_int_eq(lessons_of(t.school, "Sport"), 6);

	/* Lesson 711: 38 rows, 19 classes in periods 11 and 12 on Tuesday. */
	const struct rk_lesson *l = find_lesson(t.school, "Arn", 1, 11);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->group, "05a, 05b, 05c, 05d, 06a, 06b, 06c, 06d, "
				   "07a, 07b, 07c, 07d, 08a, 08b, 08c, 09a, "
				   "09b, 09c, 09d");
	ck_assert_str_eq(l->subject, "Alb.rockt-F");
	ck_assert_int_eq(l->start, 480 + 50 * 10);
	ck_assert_int_eq(l->end, 530 + 50 * 10);
	ck_assert_int_eq(l->loc.line, 2668);
	ck_assert_int_eq(l->week, RK_AB_BOTH);
	ck_assert_int_eq(l->valid_from, INT_MIN);

	/* Rows: every record of the file, 2,860. */
	char *path = rk_test_path("tests/data/untis/GPU001.TXT");
	char *text = NULL;
	size_t len = 0, rows = 0;
	ck_assert_int_eq(rk_charset_read_file(path, &text, &len, NULL), RK_OK);
	ck_assert_int_eq(
		rk_csv_read(path, text, len, ';', count_record, &rows, NULL),
		RK_OK);
	ck_assert_uint_eq(rows, 2860);
	free(text);
	free(path);
	unload(&t);
}
END_TEST

/* With a 9-lesuur grid the export's 45 rows in periods 10-12 are errors,
 * each reported; the other lessons still come in. */
START_TEST(test_nine_lesuren)
{
	static const char *const files[] = { "GPU001.TXT" };
	struct loaded t = load_names(grid_school(9, NULL, 0), files, 1);
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_count(t.diags), 45);
	ck_assert_uint_eq(rk_diags_errors(t.diags), 45);
	char *text = rk_test_diags_text(t.diags);
	*strchr(text, '\n') = '\0';
	ck_assert_str_eq(
		text,
		"tests/data/untis/GPU001.TXT:1083:7: error: unknown period 10 on vrijdag: the time grid has lesuren 1-9 that day");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 1466 - 9);
	unload(&t);
}
END_TEST

/* The first 60 rows of the export in Windows-1252: the umlauts survive. */
START_TEST(test_cp1252)
{
	static const char *const files[] = { "cp1252/GPU001.TXT" };
	struct loaded t = load_names(grid_school(12, NULL, 0), files, 1);
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 26);
	ck_assert_uint_eq(count_teachers(t.school), 10);
	ck_assert_int_eq(lessons_of(t.school, "MüSt"), 2);
	ck_assert_int_eq(lessons_of(t.school, "Mühl"), 3);
	ck_assert_int_eq(lessons_of(t.school, "Lä"), 3);
	unload(&t);
}
END_TEST

START_TEST(test_charset)
{
	char *out = NULL;
	size_t len = 0;
	enum rk_charset was;
	ck_assert(rk_charset_is_utf8("M\xc3\xbcller", 7));
	ck_assert(!rk_charset_is_utf8("M\xfcller", 6));
	ck_assert(!rk_charset_is_utf8("\xc0\xaf", 2));	   /* overlong '/' */
	ck_assert(!rk_charset_is_utf8("\xed\xa0\x80", 3)); /* surrogate */
	ck_assert_int_eq(
		rk_charset_to_utf8("M\xfcller \x80", 8, &out, &len, &was),
		RK_OK);
	ck_assert_int_eq(was, RK_CHARSET_CP1252);
	ck_assert_str_eq(out, "Müller €");
	ck_assert_uint_eq(len, strlen("Müller €"));
	free(out);
	/* An unassigned byte becomes U+FFFD, the rest is kept. */
	ck_assert_int_eq(rk_charset_to_utf8("a\x81"
					    "b",
					    3, &out, NULL, &was),
			 RK_OK);
	ck_assert_str_eq(out, "a\xef\xbf\xbd"
			      "b");
	free(out);
	ck_assert_int_eq(rk_charset_to_utf8("\xef\xbb\xbfM\xc3\xbcller", 10,
					    &out, &len, &was),
			 RK_OK);
	ck_assert_int_eq(was, RK_CHARSET_UTF8);
	ck_assert_str_eq(out, "Müller");
	free(out);
}
END_TEST

/* ',' as separator, commas and quotes inside quoted fields, classes of one
 * lesson joined, a length in minutes, a row without teacher. */
START_TEST(test_comma)
{
	static const char *const files[] = { "comma/GPU001.TXT" };
	struct loaded t = load_names(grid_school(9, NULL, 0), files, 1);
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 3);
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	ck_assert_str_eq(l->person.id, "JDV");
	ck_assert_str_eq(l->group, "1a, 1b");
	ck_assert_str_eq(l->room, "B1.04, lab");
	ck_assert_int_eq(l->weekday, 0);
	ck_assert_int_eq(l->lesuur, 1);
	l = rk_school_get_lesson(t.school, 1);
	ck_assert_str_eq(l->person.id, "ZMC");
	ck_assert_str_eq(l->subject, "Duits, extra");
	ck_assert_str_eq(l->room, "\"Aula\"");
	ck_assert_int_eq(l->start, 530);
	ck_assert_int_eq(l->end, 560);
	l = rk_school_get_lesson(t.school, 2);
	ck_assert_str_eq(l->person.id, "AKS");
	ck_assert_ptr_null(l->group);
	ck_assert_ptr_null(l->room);
	ck_assert_int_eq(l->weekday, 4);
	ck_assert_int_eq(l->loc.line, 4);
	unload(&t);
}
END_TEST

/* GPU002 puts lessons in A or B weeks and limits them in time; GPU004
 * offers names for teachers the school lacks, and overrides nothing. */
START_TEST(test_gpu002_gpu004)
{
	static const char *const ids[] = { "JDV", "PBK" };
	static const char *const files[] = { "ab/GPU001.TXT", "ab/GPU002.TXT",
					     "ab/GPU004.TXT" };
	struct loaded t = load_names(grid_school(9, ids, 2), files, 3);
	ck_assert_int_eq(t.status, RK_OK);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/untis/ab/GPU002.TXT:4:12: warning: lesson group 'gerade' is no A or B week; lesson 5 is taken as every week\n"
		"tests/data/untis/ab/GPU004.TXT:2:1: warning: teacher 'NEW' is not in the school file; GPU004 suggests: {id: NEW, name: Greta Neumann, email: g.neumann@example.de}\n");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 5);
	const struct rk_lesson *l = find_lesson(t.school, "JDV", 0, 1);
	ck_assert_int_eq(l->week, RK_AB_A);
	ck_assert_int_eq(l->valid_from, rk_date_from_ymd(2026, 8, 31));
	ck_assert_int_eq(l->valid_to, rk_date_from_ymd(2027, 7, 9));
	l = find_lesson(t.school, "JDV", 0, 2);
	ck_assert_int_eq(l->week, RK_AB_B);
	ck_assert_str_eq(l->group, "5a, 5b");
	ck_assert_int_eq(l->valid_to, INT_MAX);
	l = find_lesson(t.school, "PBK", 1, 3);
	ck_assert_int_eq(l->week, RK_AB_BOTH);
	ck_assert_int_eq(l->valid_to, rk_date_from_ymd(2026, 12, 18));
	ck_assert_int_eq(find_lesson(t.school, "PBK", 3, 5)->week, RK_AB_BOTH);
	ck_assert_str_eq(rk_school_get_person(t.school, 0)->name, "JDV");
	unload(&t);
}
END_TEST

/* Every problem of both files, with its line and field. */
START_TEST(test_broken)
{
	static const char *const files[] = { "broken/GPU001.TXT",
					     "broken/GPU002.TXT" };
	struct loaded t = load_names(grid_school(9, NULL, 0), files, 2);
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/untis/broken/GPU002.TXT:1:15: error: bad date '20261331': expected YYYYMMDD\n"
		"tests/data/untis/broken/GPU002.TXT:1:16: error: bad date '2026': expected YYYYMMDD\n"
		"tests/data/untis/broken/GPU002.TXT:2:16: error: date to 2026-09-01 is before date from 2027-01-01\n"
		"tests/data/untis/broken/GPU001.TXT:2:6: error: day '8' is out of range: expected 1 (Monday) to 7 (Sunday)\n"
		"tests/data/untis/broken/GPU001.TXT:3:7: error: unknown period 13 on dinsdag: the time grid has lesuren 1-9 that day\n"
		"tests/data/untis/broken/GPU001.TXT:4:1: error: expected at least 7 fields (lesson, class, teacher, subject, room, day, period), found 4\n"
		"tests/data/untis/broken/GPU001.TXT:5: error: malformed quoting\n"
		"tests/data/untis/broken/GPU001.TXT:6:6: error: day 'x' is out of range: expected 1 (Monday) to 7 (Sunday)\n"
		"tests/data/untis/broken/GPU001.TXT:6:7: error: bad period 'y': expected a lesuur number\n"
		"tests/data/untis/broken/GPU001.TXT:7:8: error: bad length '1h': expected hh:mm\n"
		"tests/data/untis/broken/GPU001.TXT:8:7: error: unknown period 1 on zaterdag: the time grid has no lesuren that day\n");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 2);
	unload(&t);
}
END_TEST

START_TEST(test_missing_file)
{
	static const char *const files[] = { "nothing/GPU001.TXT" };
	struct loaded t = load_names(grid_school(9, NULL, 0), files, 1);
	ck_assert_int_eq(t.status, RK_ERR_IO);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/untis/nothing/GPU001.TXT: error: cannot read timetable file: No such file or directory\n");
	free(text);
	unload(&t);
}
END_TEST

START_TEST(test_probe)
{
	const struct rk_importer *imp = rk_importer_find("untis");
	static const char row[] = "1;\"09a\";\"Wiss\";\"GE\";\"229\";2;6;;\r\n";
	ck_assert_ptr_eq(imp, &rk_importer_untis);
	ck_assert(imp->probe("export/GPU002.TXT", "", 0));
	ck_assert(imp->probe("stundenplan.txt", row, sizeof(row) - 1));
	ck_assert(!imp->probe("rooster.csv", "JDV,ma,08:30,09:20\n", 19));
	ck_assert(!rk_importer_find("csv")->probe("stundenplan.txt", row,
						  sizeof(row) - 1));
}
END_TEST

Suite *suite_untis(void)
{
	Suite *s = suite_create("untis");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_real_export);
	tcase_add_test(tc, test_nine_lesuren);
	tcase_add_test(tc, test_cp1252);
	tcase_add_test(tc, test_charset);
	tcase_add_test(tc, test_comma);
	tcase_add_test(tc, test_gpu002_gpu004);
	tcase_add_test(tc, test_broken);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_probe);
	suite_add_tcase(s, tc);
	return s;
}
