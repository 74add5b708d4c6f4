#include "config.h"

#include "testutil.h"

#include "loader.h"
#include "mip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *srcdir(void)
{
	const char *dir = getenv("srcdir");
	return dir && *dir ? dir : ".";
}

char *rk_test_path(const char *rel)
{
	size_t len = strlen(srcdir()) + strlen(rel) + 2;
	char *path = malloc(len);
	ck_assert_ptr_nonnull(path);
	snprintf(path, len, "%s/%s", srcdir(), rel);
	return path;
}

const char *rk_test_path_in(char *buf, size_t size, const char *rel)
{
	int n = snprintf(buf, size, "%s/%s", srcdir(), rel);
	ck_assert(n > 0 && (size_t)n < size);
	return buf;
}

void rk_test_load_csv(struct rk_test_loaded *t,
		      enum rk_status (*load)(struct rk_school *school,
					     const char *path,
					     struct rk_diags *diags),
		      const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/data/csv/%s", name);
	rk_test_path_in(t->path, sizeof(t->path), rel);
	t->school = rk_school_new();
	t->diags = rk_diags_new();
	ck_assert_ptr_nonnull(t->school);
	ck_assert_ptr_nonnull(t->diags);
	t->status = load(t->school, t->path, t->diags);
}

void rk_test_unload(struct rk_test_loaded *t)
{
	rk_school_free(t->school);
	rk_diags_free(t->diags);
}

/* Appends @text and a newline to @buf of @size bytes. */
static void append_line(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);
	int n = snprintf(buf + len, size - len, "%s\n", text);
	ck_assert(n > 0 && (size_t)n < size - len);
}

void rk_test_assert_diags(const struct rk_diags *diags, const char *path,
			  const char *const *want, size_t n)
{
	/* Check refuses failure messages over a few kilobytes: the texts
	 * are compared whole, but kept to that size. */
	static char got_text[3000], want_text[3000];
	char line[1024];
	got_text[0] = want_text[0] = '\0';
	for (size_t i = 0; i < rk_diags_count(diags); i++) {
		rk_diag_format(rk_diags_get(diags, i), line, sizeof(line));
		append_line(got_text, sizeof(got_text), line);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "%s:%s", path, want[i]);
		append_line(want_text, sizeof(want_text), line);
	}
	ck_assert_str_eq(got_text, want_text);
}

int rk_test_run(Suite *(*const *suites)(void), size_t n)
{
	rk_mip_global_init();
	SRunner *runner = srunner_create(suites[0]());
	for (size_t i = 1; i < n; i++)
		srunner_add_suite(runner, suites[i]());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	rk_mip_global_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

char *rk_test_diags_text(const struct rk_diags *diags)
{
	size_t prefix_len = strlen(srcdir()) + 1;
	size_t cap = 1, len = 0;
	char *text = calloc(1, 1);
	char line[2048];
	for (size_t i = 0; text && i < rk_diags_count(diags); i++) {
		struct rk_diag d = *rk_diags_get(diags, i);
		if (d.file && !strncmp(d.file, srcdir(), prefix_len - 1) &&
		    d.file[prefix_len - 1] == '/')
			d.file += prefix_len;
		int n = rk_diag_format(&d, line, sizeof(line));
		if (n < 0)
			continue;
		size_t add = strlen(line) + 1;
		char *grown = realloc(text, cap + add);
		if (!grown) {
			free(text);
			return NULL;
		}
		text = grown;
		cap += add;
		memcpy(text + len, line, add - 1);
		len += add - 1;
		text[len++] = '\n';
		text[len] = '\0';
	}
	ck_assert_ptr_nonnull(text);
	return text;
}

char *rk_test_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		memcpy(buf + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	ck_assert_ptr_nonnull(buf);
	buf[len] = '\0';
	return buf;
}

void rk_test_move_bordsessie(const char *path)
{
	char *text = rk_test_slurp(path);
	char *line = strstr(text, "\tbordsessie\t");
	ck_assert_ptr_nonnull(line);
	char *time = strstr(line, "\t13:00\t13:30\t");
	ck_assert_ptr_nonnull(time);
	memcpy(time, "\t14:00\t14:30\t", 13);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	free(text);
}

struct rk_test_planned rk_test_plan(const char *rel,
				    const struct rk_plan_options *options)
{
	char *path = rk_test_path(rel);
	struct rk_test_planned t = { .diags = rk_diags_new() };
	ck_assert_ptr_nonnull(t.diags);
	ck_assert_int_eq(rk_load_school(path, NULL, &t.school, t.diags), RK_OK);
	ck_assert_int_eq(rk_schoolyear_new(t.school, &t.year, t.diags), RK_OK);
	t.status = rk_planner_run(t.school, t.year, options, &t.plan, t.diags);
	free(path);
	return t;
}

void rk_test_planned_free(struct rk_test_planned *t)
{
	rk_plan_free(t->plan);
	rk_schoolyear_free(t->year);
	rk_school_free(t->school);
	rk_diags_free(t->diags);
	t->plan = NULL;
	t->year = NULL;
	t->school = NULL;
	t->diags = NULL;
}
