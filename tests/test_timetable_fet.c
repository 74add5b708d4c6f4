/* Tests of the FET importer on outputs of Debian's fet-cl (see
 * tests/data/fet/README.md), read through school files that map FET's day
 * and hour names. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "importer.h"
#include "school.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"
#include "timetable_fet.h"

struct loaded {
	struct rk_school *school;
	struct rk_diags *diags;
	enum rk_status status;
};

/* Reads the school file @rel and the FET source it names. */
static struct loaded load_yaml(const char *rel)
{
	struct loaded t = { NULL, rk_diags_new(), RK_OK };
	char *path = rk_test_path(rel);
	ck_assert_ptr_nonnull(t.diags);
	ck_assert_int_eq(rk_school_yaml_load(path, &t.school, t.diags), RK_OK);
	ck_assert_uint_eq(rk_school_n_timetable_source(t.school), 1);
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(t.school, 0);
	ck_assert_str_eq(src->format, "fet");
	t.status = rk_timetable_fet_load(t.school, src->path, t.diags);
	free(path);
	return t;
}

static void unload(struct loaded *t)
{
	rk_school_free(t->school);
	rk_diags_free(t->diags);
}

static int lessons_of(const struct rk_school *s, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < rk_school_n_lesson(s); i++)
		n += !strcmp(rk_school_get_lesson(s, i)->person.id, id);
	return n;
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

/* Counts of README.md: 468 teacher-hours of 26 teachers. */
START_TEST(test_dgspro_csv)
{
	struct loaded t = load_yaml("tests/data/fet/dgspro200809/school.yaml");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 468);
	ck_assert_uint_eq(count_teachers(t.school), 26);
	ck_assert_int_eq(lessons_of(t.school, "Det"), 28);
	ck_assert_int_eq(lessons_of(t.school, "Chr"), 12);
	/* Line 2: "2","Donnerstag","08:25","4c","Mathe","Joh". */
	const struct rk_lesson *l = rk_school_get_lesson(t.school, 0);
	ck_assert_str_eq(l->person.id, "Joh");
	ck_assert_int_eq(l->weekday, 3);
	ck_assert_int_eq(l->lesuur, 2);
	ck_assert_int_eq(l->start, 8 * 60 + 25);
	ck_assert_int_eq(l->end, 9 * 60 + 10);
	ck_assert_str_eq(l->group, "4c");
	ck_assert_str_eq(l->subject, "Mathe");
	ck_assert_ptr_null(l->room);
	ck_assert_int_eq(l->loc.line, 2);
	unload(&t);
}
END_TEST

/* The same timetable from the XML, hours found by their start times: the
 * same lessons as the CSV export. */
START_TEST(test_dgspro_xml)
{
	struct loaded x =
		load_yaml("tests/data/fet/dgspro200809/school-xml.yaml");
	struct loaded c = load_yaml("tests/data/fet/dgspro200809/school.yaml");
	ck_assert_int_eq(x.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(x.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(x.school), 468);
	ck_assert_uint_eq(count_teachers(x.school), 26);
	for (size_t i = 0; i < rk_school_n_lesson(c.school); i++) {
		const struct rk_lesson *a = rk_school_get_lesson(c.school, i);
		bool found = false;
		for (size_t k = 0; k < rk_school_n_lesson(x.school) && !found;
		     k++) {
			const struct rk_lesson *b =
				rk_school_get_lesson(x.school, k);
			found = !strcmp(a->person.id, b->person.id) &&
				a->weekday == b->weekday &&
				a->lesuur == b->lesuur;
		}
		ck_assert_msg(found, "CSV lesson %zu is not in the XML", i);
	}
	const struct rk_lesson *l = rk_school_get_lesson(x.school, 0);
	ck_assert_str_eq(l->person.id, "Joh");
	ck_assert_int_eq(l->loc.line, 3);
	ck_assert_str_eq(strrchr(l->loc.file, '/'),
			 "/dgspro200809_activities.xml");
	unload(&x);
	unload(&c);
}
END_TEST

/* English day names and numbered hours need no map. */
START_TEST(test_german_subact)
{
	static const char rel[] =
		"tests/data/fet/German_subact_constr/German_subact_constr_timetable.csv";
	struct loaded t =
		load_yaml("tests/data/fet/dgspro200809/school-nomap.yaml");
	char *path = rk_test_path(rel);
	rk_diags_free(t.diags);
	t.diags = rk_diags_new();
	/* Only the six-lesuur grid of that school is needed. */
	size_t before = rk_school_n_lesson(t.school);
	ck_assert_int_eq(rk_timetable_fet_load(t.school, path, t.diags), RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_lesson(t.school) - before, 680);
	ck_assert_int_eq(lessons_of(t.school, "Jenny"), 28);
	ck_assert_int_eq(lessons_of(t.school, "Agnes"), 15);
	free(path);
	unload(&t);
}
END_TEST

/* German day names without a map: each reported once, at its first use. */
START_TEST(test_no_map)
{
	struct loaded t =
		load_yaml("tests/data/fet/dgspro200809/school-nomap.yaml");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	ck_assert_uint_eq(rk_diags_count(t.diags), 5);
	char *text = rk_test_diags_text(t.diags);
	*strchr(text, '\n') = '\0';
	ck_assert_str_eq(
		text,
		"tests/data/fet/dgspro200809/dgspro200809_timetable.csv:2:2: error: unknown day 'Donnerstag': map FET's days to weekdays in the school file (days: {Donnerstag: ma, ...})");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 0);
	unload(&t);
}
END_TEST

START_TEST(test_broken)
{
	struct loaded t = load_yaml("tests/data/fet/broken.yaml");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	char *text = rk_test_diags_text(t.diags);
	ck_assert_str_eq(
		text,
		"tests/data/fet/broken-timetable.csv:3:2: error: unknown day 'Sonnabend': map FET's days to weekdays in the school file (days: {Sonnabend: ma, ...})\n"
		"tests/data/fet/broken-timetable.csv:4:3: error: hour '13:05' starts no lesuur of the time grid on dinsdag\n"
		"tests/data/fet/broken-timetable.csv:5:3: error: unknown hour 'AG-3': map FET's hours to lesuren in the school file (hours: {\"AG-3\": 1, ...})\n"
		"tests/data/fet/broken-timetable.csv:6:1: error: expected 6 fields as in the header, found 2\n");
	free(text);
	ck_assert_uint_eq(rk_school_n_lesson(t.school), 2);
	ck_assert_str_eq(rk_school_get_lesson(t.school, 1)->person.id, "Chr");
	ck_assert_str_eq(rk_school_get_lesson(t.school, 1)->room, "R1");
	unload(&t);
}
END_TEST

/* The school file's timetable keys: what belongs to which format. */
START_TEST(test_keys)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *s = NULL;
	char *path = rk_test_path("tests/data/fet/school-keys.yaml");
	ck_assert_int_eq(rk_school_yaml_load(path, &s, diags), RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(
		text,
		"tests/data/fet/school-keys.yaml:25:11: error: 'days' is only for format fet; format untis takes format, file, files\n"
		"tests/data/fet/school-keys.yaml:28:13: error: 'person' is only for format ical; format fet takes format, file, files, days, hours\n"
		"tests/data/fet/school-keys.yaml:29:20: error: unknown weekday 'maan'\n"
		"tests/data/fet/school-keys.yaml:30:22: error: lesuur -1 is below 0\n"
		"tests/data/fet/school-keys.yaml:33:12: error: give either 'file' or 'files', not both\n");
	free(text);
	ck_assert_uint_eq(rk_school_n_timetable_source(s), 1);
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(s, 0);
	ck_assert_str_eq(src->format, "ical");
	ck_assert_uint_eq(src->n_files, 2);
	ck_assert_str_eq(src->path, src->files[0].path);
	ck_assert_str_eq(strrchr(src->files[0].path, '/'), "/a.ics");
	/* person is iCalendar's own key: the file's, else the source's. */
	ck_assert_str_eq(rk_importer_file_option(src, 0, "person")->text,
			 "JDV");
	ck_assert_str_eq(rk_importer_file_option(src, 1, "person")->text,
			 "PBK");
	ck_assert_ptr_null(src->files[1].options);
	ck_assert_int_eq(src->files[1].loc.line, 37);
	free(path);
	rk_school_free(s);
	rk_diags_free(diags);
}
END_TEST

START_TEST(test_probe)
{
	const struct rk_importer *imp = rk_importer_find("fet");
	static const char csv[] =
		"\xef\xbb\xbf\"Activity Id\",\"Day\",\"Hour\","
		"\"Students Sets\"\n";
	static const char xml[] =
		"\xef\xbb\xbf<?xml version=\"1.0\" "
		"encoding=\"UTF-8\"?>\n<Activities_Timetable>";
	ck_assert_ptr_eq(imp, &rk_importer_fet);
	ck_assert(imp->probe("x_timetable.csv", csv, sizeof(csv) - 1));
	ck_assert(imp->probe("x_activities.xml", xml, sizeof(xml) - 1));
	ck_assert(!imp->probe("rooster.csv", "JDV,ma,08:30,09:20\n", 19));
	ck_assert(!rk_importer_find("csv")->probe("x_timetable.csv", csv,
						  sizeof(csv) - 1));
}
END_TEST

Suite *suite_fet(void)
{
	Suite *s = suite_create("fet");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_dgspro_csv);
	tcase_add_test(tc, test_dgspro_xml);
	tcase_add_test(tc, test_german_subact);
	tcase_add_test(tc, test_no_map);
	tcase_add_test(tc, test_broken);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_probe);
	suite_add_tcase(s, tc);
	return s;
}
