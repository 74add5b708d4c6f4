/* The school writer's quoting, proved by the school reader: every string
 * written reads back as itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draft.h"
#include "school_writer.h"
#include "school_yaml.h"
#include "suites.h"
#include "testutil.h"

/* Strings YAML would read as something else when written plain. */
static const char *const hard[] = {
	"Jan de Vries", "no",	      "Yes",	   "on",
	"null",		"~",	      "123",	   "08:30",
	"2026-2027",	"a: b",	      "a #b",	   "#x",
	"[a]",		"{b}",	      "a, b",	   "-x",
	"@x",		"x ",	      " x",	   "Müller",
	"Çağrı Şahin",	"tab\there",  "new\nline", "back\\slash",
	"say \"hi\"",	"'single'",   "%x",	   "&anchor",
	"*alias",	"!tag",	      "|",	   ">",
	"a  b",		"?",	      "x:y",	   "ctrl\x01",
	"bad\xff",	"ok-1_2.3/4",
};

#define N_HARD (sizeof(hard) / sizeof(hard[0]))

static struct rk_draft *hard_draft(void)
{
	struct rk_school *s = rk_school_new();
	ck_assert_ptr_nonnull(s);
	struct rk_draft *d = rk_draft_new(s);
	ck_assert_ptr_nonnull(d);
	struct rk_school_info *info = rk_school_info(s);
	info->id = "x";
	info->name = "School \"De Brug\": #1";
	info->year = 2026;
	ck_assert_int_eq(rk_draft_usual_grid(s, 2), RK_OK);
	for (size_t i = 0; i < N_HARD; i++) {
		struct rk_person *p = rk_school_add_person(s);
		char id[16];
		snprintf(id, sizeof(id), "P%zu", i);
		p->id = rk_school_strdup(s, id);
		p->name = hard[i];
		p->roles = RK_ROLE_LERAAR;
		p->workdays = RK_WORKDAYS_DEFAULT;
		p->subjects.items = (const char **)&hard[i];
		p->subjects.n = 1;
	}
	return d;
}

/* The reader's view of a string the writer was given: invalid UTF-8
 * becomes U+FFFD. */
static const char *expected(const char *s)
{
	return !strcmp(s, "bad\xff") ? "bad\xef\xbf\xbd" : s;
}

START_TEST(test_round_trip)
{
	struct rk_draft *d = hard_draft();
	char path[] = "/tmp/ritmiek-writer-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_int_eq(rk_school_writer_write(f, d), RK_OK);
	ck_assert_int_eq(fclose(f), 0);

	struct rk_school *back = NULL;
	struct rk_diags *diags = rk_diags_new();
	rk_school_yaml_load(path, &back, diags);
	char *text = rk_test_diags_text(diags);
	ck_assert_msg(rk_diags_errors(diags) == 0, "%s", text);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(rk_school_get_info(back)->name,
			 "School \"De Brug\": #1");
	ck_assert_uint_eq(rk_school_n_person(back), N_HARD);
	for (size_t i = 0; i < N_HARD; i++) {
		const struct rk_person *p = rk_school_get_person(back, i);
		ck_assert_str_eq(p->name, expected(hard[i]));
		ck_assert_uint_eq(p->subjects.n, 1);
		ck_assert_str_eq(p->subjects.items[0], expected(hard[i]));
	}
	const struct rk_grid *g = rk_school_get_grid(back, 2);
	ck_assert_uint_eq(g->n, 2);
	ck_assert_int_eq(g->hours[1].start, 9 * 60 + 20);
	free(text);
	unlink(path);
	rk_school_free(back);
	rk_diags_free(diags);
	rk_draft_free(d);
}
END_TEST

/* Plain only when it is safe: the words a roosteraar reads stay readable. */
START_TEST(test_plain_when_safe)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "wiskunde", "wiskunde" },
		{ "Jan de Vries", "Jan de Vries" },
		{ "groep 5", "groep 5" },
		{ "no", "\"no\"" },
		{ "9", "\"9\"" },
		{ "MüSt", "\"MüSt\"" },
		{ "a\"b", "\"a\\\"b\"" },
		{ "ctrl\x01", "\"ctrl\\x01\"" },
		{ "", "\"\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		rk_yaml_put_scalar(f, cases[i].in);
		fclose(f);
		ck_assert_str_eq(buf, cases[i].out);
		free(buf);
	}
}
END_TEST

Suite *suite_school_writer(void)
{
	Suite *s = suite_create("school_writer");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_plain_when_safe);
	suite_add_tcase(s, tc);
	return s;
}
