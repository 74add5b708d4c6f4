/* Tests of the people file (CSV). */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "people_csv.h"
#include "school.h"
#include "testutil.h"

Suite *suite_people_csv(void);

static void load(struct rk_test_loaded *t, const char *name)
{
	rk_test_load_csv(t, rk_people_csv_load, name);
}

static void check_bad(const char *name, const char *expected, size_t n_people)
{
	struct rk_test_loaded t;
	load(&t, name);
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, &expected, 1);
	ck_assert_uint_eq(rk_school_n_person(t.school), n_people);
	rk_test_unload(&t);
}

/* @want is the list joined by "|", "" for an empty list. */
static void assert_list(const struct rk_strlist *list, const char *want)
{
	char got[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < list->n; i++) {
		int n = snprintf(got + len, sizeof(got) - len, "%s%s",
				 i ? "|" : "", list->items[i]);
		ck_assert(n >= 0 && (size_t)n < sizeof(got) - len);
		len += (size_t)n;
	}
	ck_assert_str_eq(got, want);
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, want);
}

static const struct rk_person *person(const struct rk_test_loaded *t, size_t i,
				      const char *id, const char *name,
				      int line)
{
	const struct rk_person *p = rk_school_get_person(t->school, i);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->id, id);
	ck_assert_str_eq(p->name, name);
	ck_assert_str_eq(p->loc.file, t->path);
	ck_assert_int_eq(p->loc.line, line);
	ck_assert_int_eq(p->loc.column, 1);
	return p;
}

#define DAY(d) (1u << (d))

START_TEST(test_comma)
{
	struct rk_test_loaded t;
	load(&t, "people-comma.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_person(t.school), 3);

	const struct rk_person *p = person(&t, 0, "JDV", "Vries, Jan de", 2);
	assert_str_or_null(p->email, "jan.devries@example.nl");
	assert_list(&p->subjects, "wiskunde|natuurkunde");
	assert_list(&p->grades, "onderbouw");
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR | RK_ROLE_SCHOOLCOACH);
	ck_assert_uint_eq(p->workdays, DAY(0) | DAY(1) | DAY(3) | DAY(4));

	p = person(&t, 1, "ZMC", "Zoë Müller-Çelik", 3);
	assert_str_or_null(p->email, "zoe@example.nl");
	assert_list(&p->subjects, "Duits");
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR);
	ck_assert_uint_eq(p->workdays, RK_WORKDAYS_DEFAULT);

	p = person(&t, 2, "RVD", "Ria van Dam", 4);
	assert_str_or_null(p->email, NULL);
	assert_list(&p->subjects, "");
	assert_list(&p->grades, "");
	ck_assert_uint_eq(p->roles, RK_ROLE_SCHOOLLEIDER);
	rk_test_unload(&t);
}
END_TEST

/* Columns in another order and case, ';', CRLF and a byte-order mark. */
START_TEST(test_semicolon_crlf_bom)
{
	struct rk_test_loaded t;
	load(&t, "people-semicolon.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_person(t.school), 2);
	const struct rk_person *p = person(&t, 0, "PBK", "Peter Bakker", 2);
	ck_assert_uint_eq(p->workdays, DAY(0) | DAY(2));
	ck_assert_uint_eq(p->roles, RK_ROLE_LERAAR);
	assert_str_or_null(p->email, NULL);
	p = person(&t, 1, "ZMC", "Zoë Müller-Çelik", 3);
	ck_assert_uint_eq(p->workdays, RK_WORKDAYS_DEFAULT);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_tab)
{
	struct rk_test_loaded t;
	load(&t, "people-tab.csv");
	ck_assert_int_eq(t.status, RK_OK);
	ck_assert_uint_eq(rk_diags_count(t.diags), 0);
	ck_assert_uint_eq(rk_school_n_person(t.school), 2);
	assert_list(&person(&t, 0, "AKS", "Anna Kos", 2)->grades,
		    "groep 3|groep 4");
	assert_list(&person(&t, 1, "MUE", "Müller; Eva", 3)->grades, "");
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_unknown_column)
{
	static const char *const want[] = {
		"1:9: warning: unknown column 'telefoon' (ignored)",
	};
	struct rk_test_loaded t;
	load(&t, "people-unknown-column.csv");
	ck_assert_int_eq(t.status, RK_OK);
	rk_test_assert_diags(t.diags, t.path, want, 1);
	ck_assert_uint_eq(rk_school_n_person(t.school), 1);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_bad_files)
{
	check_bad("people-missing-name.csv",
		  "1: error: missing column 'name' in the header", 0);
	check_bad("people-bad-role.csv", "2:18: error: unknown role 'x'", 1);
	check_bad("people-bad-weekday.csv", "2:18: error: unknown weekday 'xx'",
		  1);
	check_bad("people-field-count.csv",
		  "2:1: error: expected 7 fields, found 5", 0);
	check_bad("people-bad-quote.csv", "2: error: malformed quoting", 1);
}
END_TEST

START_TEST(test_empty_id_and_name)
{
	static const char *const want[] = {
		"2:1: error: empty id",
		"3:5: error: empty name",
	};
	struct rk_test_loaded t;
	load(&t, "people-empty.csv");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, want, 2);
	/* Kept, so that teams naming PBK are not reported a second time. */
	ck_assert_uint_eq(rk_school_n_person(t.school), 1);
	person(&t, 0, "PBK", "", 3);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_many_problems)
{
	static const char *const want[] = {
		"1:4: warning: unknown column 'naam' (ignored)",
		"2:20: error: unknown role 'rector'",
		"3:1: error: empty id",
		"4:21: error: unknown weekday 'feestdag'",
		"5:1: error: expected 5 fields, found 2",
		"6: error: malformed quoting",
	};
	struct rk_test_loaded t;
	load(&t, "people-many-problems.csv");
	ck_assert_int_eq(t.status, RK_ERR_INPUT);
	rk_test_assert_diags(t.diags, t.path, want,
			     sizeof(want) / sizeof(want[0]));
	ck_assert_uint_eq(rk_school_n_person(t.school), 3);
	ck_assert_uint_eq(person(&t, 0, "JDV", "Jan de Vries", 2)->roles,
			  RK_ROLE_LERAAR);
	ck_assert_uint_eq(person(&t, 1, "PBK", "Peter Bakker", 4)->workdays,
			  DAY(5));
	ck_assert_uint_eq(person(&t, 2, "RVD", "Ria van Dam", 7)->roles,
			  RK_ROLE_MT);
	rk_test_unload(&t);
}
END_TEST

START_TEST(test_missing_file)
{
	struct rk_test_loaded t;
	load(&t, "no-such-people.csv");
	ck_assert_int_eq(t.status, RK_ERR_IO);
	ck_assert_int_eq(errno, ENOENT);
	char want[256];
	const char *wantp = want;
	snprintf(want, sizeof(want), " error: cannot read people file: %s",
		 strerror(ENOENT));
	rk_test_assert_diags(t.diags, t.path, &wantp, 1);
	rk_test_unload(&t);
}
END_TEST

Suite *suite_people_csv(void)
{
	Suite *s = suite_create("people_csv");
	TCase *tc = tcase_create("people_csv");
	tcase_add_test(tc, test_comma);
	tcase_add_test(tc, test_semicolon_crlf_bom);
	tcase_add_test(tc, test_tab);
	tcase_add_test(tc, test_unknown_column);
	tcase_add_test(tc, test_bad_files);
	tcase_add_test(tc, test_empty_id_and_name);
	tcase_add_test(tc, test_many_problems);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);
	return s;
}
