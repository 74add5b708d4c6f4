/* Tests of the importers' option tables: a timetable entry of the school
 * file takes the keys its format declares (adapters/importer.h), and
 * school_yaml.c knows no format by name. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "importer.h"
#include "school.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"

/* The source whose first file ends in @name. */
static const struct rk_timetable_source *source_of(const struct rk_school *s,
						   const char *name)
{
	for (size_t i = 0; i < rk_school_n_timetable_source(s); i++) {
		const struct rk_timetable_source *src =
			rk_school_get_timetable_source(s, i);
		const char *slash = strrchr(src->path, '/');
		if (!strcmp(slash ? slash + 1 : src->path, name))
			return src;
	}
	return NULL;
}

/* The number a map option gives @name. */
static int mapped(const struct rk_timetable_source *src, const char *key,
		  const char *name)
{
	const struct rk_option *map = rk_importer_file_option(src, 0, key);
	ck_assert_ptr_nonnull(map);
	const struct rk_option *item =
		rk_option_find(map->items, map->n_items, name);
	ck_assert_ptr_nonnull(item);
	return item->number;
}

/* Reads the school file @rel with the formats @table into *@s (freed by
 * the caller), which must have errors, and checks them against @want. */
static void load_refused(const char *rel,
			 const struct rk_importer *const *table,
			 struct rk_school **s, const char *want)
{
	struct rk_diags *diags = rk_diags_new();
	char *path = rk_test_path(rel);
	ck_assert_int_eq(rk_school_yaml_load_formats(path, table, s, diags),
			 RK_ERR_INPUT);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(text, want);
	free(text);
	free(path);
	rk_diags_free(diags);
}

/* One format's key on another, a typo and a per-file key of no format are
 * refused with their place; the maps and persons that are right reach the
 * FET and iCalendar importers as options. */
START_TEST(test_keys_by_format)
{
	struct rk_school *s = NULL;
	load_refused(
		"tests/data/importer/keys.yaml", rk_importers(), &s,
		"tests/data/importer/keys.yaml:25:11: error: 'days' is only for format fet; format csv takes format, file, files\n"
		"tests/data/importer/keys.yaml:28:5: error: unknown key 'dayz' for timetable format fet; did you mean 'days'?\n"
		"tests/data/importer/keys.yaml:39:27: error: unknown key 'colour' for timetable format ical, which takes file, person\n");
	/* The csv and the misspelt fet source are left out. */
	ck_assert_ptr_null(source_of(s, "rooster.csv"));
	ck_assert_ptr_null(source_of(s, "x.csv"));
	ck_assert_ptr_null(source_of(s, "c.ics"));
	const struct rk_timetable_source *fet = source_of(s, "y.csv");
	ck_assert_ptr_nonnull(fet);
	ck_assert_str_eq(fet->format, "fet");
	ck_assert_uint_eq(fet->n_options, 2);
	ck_assert_int_eq(mapped(fet, "days", "Montag"), 0);
	ck_assert_int_eq(mapped(fet, "days", "Dienstag"), 1);
	ck_assert_int_eq(mapped(fet, "hours", "08:25"), 2);
	ck_assert_int_eq(mapped(fet, "hours", "Mittag"), 0);
	ck_assert_int_eq(rk_importer_file_option(fet, 0, "days")->loc.line, 31);
	/* A file's own person, else the source's; the entry with a refused
	 * file key is left out. */
	const struct rk_timetable_source *ical = source_of(s, "a.ics");
	ck_assert_ptr_nonnull(ical);
	ck_assert_uint_eq(ical->n_files, 2);
	ck_assert_str_eq(rk_importer_file_option(ical, 0, "person")->text,
			 "JDV");
	ck_assert_str_eq(rk_importer_file_option(ical, 1, "person")->text,
			 "PBK");
	rk_school_free(s);
}
END_TEST

static bool fake_probe(const char *path, const char *head, size_t len)
{
	(void)path;
	(void)head;
	(void)len;
	return false;
}

static enum rk_status fake_load(struct rk_school *school, const char *path,
				struct rk_diags *diags)
{
	(void)school;
	(void)path;
	(void)diags;
	return RK_OK;
}

static const struct rk_importer_option fake_options[] = {
	{ .key = "colour",
	  .shape = RK_OPTION_TEXT,
	  .where = RK_OPTION_SOURCE,
	  .description = "a key no real format has" },
	{ .key = NULL },
};

static const struct rk_importer fake = {
	.id = "fake",
	.description = "a format of this test alone",
	.probe = fake_probe,
	.load = fake_load,
	.options = fake_options,
	.is_default = true,
};

/* A format the registry does not have, with a key of its own: given its
 * table, the school file reader takes the format and the key, makes it
 * its default (is_default), and knows no other format. */
START_TEST(test_fake_format)
{
	static const struct rk_importer *const table[] = { &fake, NULL };
	struct rk_school *s = NULL;
	load_refused(
		"tests/data/importer/fake.yaml", table, &s,
		"tests/data/importer/fake.yaml:28:13: error: unknown timetable format 'fet': expected fake\n");
	ck_assert_uint_eq(rk_school_n_timetable_source(s), 2);
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(s, 0);
	ck_assert_str_eq(src->format, "fake");
	ck_assert_str_eq(rk_importer_file_option(src, 0, "colour")->text,
			 "blue");
	src = rk_school_get_timetable_source(s, 1);
	ck_assert_str_eq(src->format, "fake");
	ck_assert_str_eq(rk_importer_file_option(src, 0, "colour")->text,
			 "green");
	rk_school_free(s);
	/* The default is the format that says so, not the table's first: a
	 * table without one wants format: in every entry. */
	static const struct rk_importer no_default = {
		.id = "fake",
		.description = "a format of this test alone",
		.probe = fake_probe,
		.load = fake_load,
		.options = fake_options,
	};
	static const struct rk_importer *const plain[] = { &no_default, NULL };
	load_refused(
		"tests/data/importer/fake.yaml", plain, &s,
		"tests/data/importer/fake.yaml:26:5: error: this timetable entry needs format:\n"
		"tests/data/importer/fake.yaml:28:13: error: unknown timetable format 'fet': expected fake\n");
	ck_assert_uint_eq(rk_school_n_timetable_source(s), 1);
	rk_school_free(s);
	/* The registry's default is csv, whatever its probing order. */
	ck_assert_str_eq(rk_importer_default(rk_importers())->id, "csv");
	/* The registry's formats do not take it. */
	load_refused(
		"tests/data/importer/fake.yaml", rk_importers(), &s,
		"tests/data/importer/fake.yaml:23:13: error: unknown timetable format 'fake': expected csv, untis, fet or ical\n"
		"tests/data/importer/fake.yaml:27:5: error: unknown key 'colour' for timetable format csv, which takes format, file, files\n");
	ck_assert_uint_eq(rk_school_n_timetable_source(s), 1);
	ck_assert_str_eq(rk_school_get_timetable_source(s, 0)->format, "fet");
	rk_school_free(s);
}
END_TEST

/* school_yaml.c reads at most 20 keys of a timetable entry: format, file,
 * files and the format's own; a format with more would find some refused.
 * Every option says where it stands and what it is. */
START_TEST(test_option_tables)
{
	const struct rk_importer *const *imp = rk_importers();
	for (size_t i = 0; imp[i]; i++) {
		size_t n = 0;
		for (const struct rk_importer_option *o = imp[i]->options;
		     o && o->key; o++, n++) {
			ck_assert(o->where &
				  (RK_OPTION_SOURCE | RK_OPTION_FILE));
			ck_assert(o->description && *o->description);
			ck_assert(o->shape != RK_OPTION_MAP_INT || o->noun);
		}
		ck_assert_uint_le(n, 20 - 3);
	}
	ck_assert_ptr_nonnull(rk_importer_find("fet")->options);
	ck_assert_ptr_null(rk_importer_find("untis")->options);
}
END_TEST

Suite *suite_importer(void)
{
	Suite *s = suite_create("importer");
	TCase *tc = tcase_create("options");
	tcase_add_test(tc, test_keys_by_format);
	tcase_add_test(tc, test_fake_format);
	tcase_add_test(tc, test_option_tables);
	suite_add_tcase(s, tc);
	return s;
}
