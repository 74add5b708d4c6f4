/* ritmiek init, end to end: the school file it writes from a timetable is
 * accepted by check and planned without edits. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"
#include "suites.h"
#include "testutil.h"

/* ritmiek init with @extra (NULL-terminated) into @dir/@name. */
static struct run init(const char *dir, const char *name,
		       const char *const *extra)
{
	char out[1024];
	const char *argv[24] = { "ritmiek", "init", "-o", out };
	size_t n = 4;
	snprintf(out, sizeof(out), "%s/%s", dir, name);
	for (size_t i = 0; extra[i] && n + 1 < 24; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	return run_ritmiek(argv);
}

/* The line of @text that @at lies on, 1-based. */
static int line_at(const char *text, const char *at)
{
	int line = 1;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	return line;
}

/* check on @dir/school.yaml; its status, with the messages into @err. */
static int check_school(const char *dir, char **err)
{
	char school[1024];
	snprintf(school, sizeof(school), "%s/school.yaml", dir);
	const char *check[] = { "ritmiek", "check", "-q", school, NULL };
	struct run r = run_ritmiek(check);
	int status = r.status;
	*err = r.err;
	r.err = NULL;
	run_free(&r);
	return status;
}

/* init leaves the leerKRACHT-team to the school: check refuses the file
 * at its 'members: []' until it has members; then the first person of
 * the file is its member, as a roosteraar would fill it in. */
static void fill_lkteam(const char *dir)
{
	char *text = dir_file(dir, "school.yaml"), *err, want[256];
	char *lk = strstr(text, "\nleerkracht_team:\n");
	ck_assert_ptr_nonnull(lk);
	char *empty = strstr(lk, "\n  members: []\n");
	ck_assert_ptr_nonnull(empty);
	ck_assert_int_eq(check_school(dir, &err), 1);
	snprintf(want, sizeof(want),
		 "/school.yaml:%d:3: error: the leerKRACHT-team has no "
		 "members: list the schoolleiding and 1 to 3 schoolcoaches "
		 "under leerkracht_team, e.g. 'members: [",
		 line_at(text, empty + 1));
	ck_assert_msg(strstr(err, want), "%s\nnot in:\n%s", want, err);
	free(err);
	/* plan refuses it the same way, before planning. */
	char school[1024], plan[1024];
	snprintf(school, sizeof(school), "%s/school.yaml", dir);
	snprintf(plan, sizeof(plan), "%s/plan", dir);
	const char *argv[] = { "ritmiek", "plan", "-o", plan, school, NULL };
	struct run r = run_ritmiek(argv);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, want), "%s\nnot in:\n%s", want, r.err);
	run_free(&r);
	const char *id = strstr(text, "\npeople:\n  - {id: ");
	ck_assert_ptr_nonnull(id);
	id += strlen("\npeople:\n  - {id: ");
	FILE *f = fopen(school, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%.*s\n  members: [%.*s]\n%s", (int)(empty - text), text,
		(int)strcspn(id, ","), id, empty + strlen("\n  members: []\n"));
	ck_assert_int_eq(fclose(f), 0);
	free(text);
}

/* init, then check (exit 0: no errors) once the leerKRACHT-team is filled
 * in; the file as written. */
static char *init_check(const char *dir, const char *const *extra)
{
	struct run r = init(dir, "school.yaml", extra);
	ck_assert_msg(r.status == 0, "init: %s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "school.yaml: written"));
	ck_assert_ptr_nonnull(
		strstr(r.out, "  - leerkracht_team: vul de schoolleiding en de "
			      "schoolcoaches in; zonder weigeren check en "
			      "plan het bestand\n"));
	run_free(&r);
	char *text = dir_file(dir, "school.yaml"), *err;
	ck_assert_ptr_nonnull(strstr(
		text,
		"leerkracht_team:\n"
		"  # TODO: de schoolleiding en 1 tot 3 schoolcoaches; vul "
		"aan.\n  # Zolang members leeg is, weigeren ritmiek check "
		"en plan dit bestand.\n"));
	fill_lkteam(dir);
	ck_assert_msg(check_school(dir, &err) == 0, "check: %s", err);
	ck_assert_ptr_null(strstr(err, ": error: "));
	free(err);
	return text;
}

/* init and check, then plan and verify: 0 violations without edits. */
static char *init_check_plan(const char *dir, const char *const *extra)
{
	char *text = init_check(dir, extra);
	char school[1024], plan[1024];
	snprintf(school, sizeof(school), "%s/school.yaml", dir);
	snprintf(plan, sizeof(plan), "%s/plan", dir);
	plan_and_verify(school, plan);
	return text;
}

START_TEST(test_init_untis)
{
	char *dir = temp_dir();
	const char *args[] = { "--timetable", "tests/data/untis/GPU001.TXT",
			       "--region",    "midden",
			       "--year",      "2026-2027",
			       NULL };
	/* Issue 19: check accepts it, plan keeps every rule on it (the
	 * proposed teams split into duos who can visit each other; a
	 * lesbezoek whose week loses its lesson to a holiday may come a week
	 * early) and verify agrees. */
	char *text = init_check_plan(dir, args);
	/* Untis gives period numbers only: the grid is guessed, and said. */
	ck_assert_ptr_nonnull(strstr(
		text, "# geraden uit het rooster: het rooster geeft alleen "
		      "lesuurnummers;"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"    - {lesuur: 12, start: \"17:30\", end: \"18:15\"}\n"));
	/* Every teacher of the export, the code as the name: Wiss teaches
	 * GE in 09a, 10a ... on two days. */
	ck_assert_ptr_nonnull(strstr(text, "\n  - {id: Wiss, name: Wiss, "));
	ck_assert_ptr_nonnull(strstr(text, "{id: \"MüSt\", name: \"MüSt\""));
	ck_assert_ptr_nonnull(
		strstr(text, "naam (de code), rol leraar, werkdagen"));
	ck_assert_ptr_nonnull(strstr(text, "# Nakijken:\n"));
	/* The teams proposed by GLPK, each with the why beside it. */
	ck_assert_ptr_nonnull(
		strstr(text, "  # voorgesteld door ritmiek (GLPK, "));
	ck_assert_ptr_nonnull(
		strstr(text, "  - id: team-01\n    name: \"Team 1 ("));
	ck_assert_ptr_null(strstr(text, "TODO: verdeel in lerarenteams"));
	free(text);
	remove_dir(dir);
}
END_TEST

START_TEST(test_init_fet)
{
	char *dir = temp_dir();
	const char *args[] = { "-t",
			       "tests/data/fet/German_subact_constr/"
			       "German_subact_constr_timetable.csv",
			       "-r",
			       "zuid",
			       "-y",
			       "2026-2027",
			       "--name",
			       "Gymnasium \"Am See\": FET",
			       NULL };
	char *text = init_check_plan(dir, args);
	ck_assert_ptr_nonnull(strstr(text, "  format: fet\n"));
	ck_assert_ptr_nonnull(
		strstr(text, "  name: \"Gymnasium \\\"Am See\\\": FET\"\n"));
	ck_assert_ptr_nonnull(strstr(text, "  id: gymnasium-am-see-fet\n"));
	ck_assert_ptr_nonnull(strstr(text, "{id: Jenny, name: Jenny"));
	free(text);
	remove_dir(dir);
}
END_TEST

/* A generated VO school's CSV timetable with its people file: names and
 * e-mail from the people file, the grid from the lessons' clock times. */
START_TEST(test_init_generated_vo)
{
	char *dir = temp_dir();
	const char *args[] = { "-t",	   "tests/data/init/vo/rooster.csv",
			       "--people", "tests/data/init/vo/personeel.csv",
			       "-r",	   "midden",
			       "-y",	   "2026-2027",
			       "--kind",   "vo",
			       "--name",   "Openbaar College De Esch",
			       NULL };
	char *text = init_check_plan(dir, args);
	ck_assert_ptr_nonnull(strstr(
		text, "# geraden uit het rooster: de begin- en eindtijden"));
	ck_assert_ptr_nonnull(strstr(
		text, "    - {lesuur: 3, start: \"10:30\", end: \"11:20\"}\n"));
	ck_assert_ptr_nonnull(strstr(text, "  name: Openbaar College De Esch\n"
					   "  type: vo\n"));
	ck_assert_ptr_nonnull(strstr(text, "first_a_week: \"2026-08-31\""));
	ck_assert_ptr_null(strstr(text, "naam (de code)"));
	ck_assert_ptr_nonnull(
		strstr(text, "  # voorgesteld door ritmiek (GLPK, "));
	ck_assert_ptr_nonnull(strstr(text, "  - id: team-01\n"));
	free(text);
	remove_dir(dir);
}
END_TEST

/* A generated PO school without its people file: the codes are the
 * names, the groups are groepen. */
START_TEST(test_init_generated_po)
{
	char *dir = temp_dir();
	const char *args[] = { "-t", "tests/data/init/po/rooster.csv",
			       "-r", "noord",
			       "-y", "2026-2027",
			       "-k", "po",
			       NULL };
	char *text = init_check_plan(dir, args);
	ck_assert_ptr_nonnull(strstr(text, "  type: po\n  region: noord\n"));
	ck_assert_ptr_null(strstr(text, "# geraden: po, vo of mbo"));
	ck_assert_ptr_nonnull(strstr(
		text,
		"{id: T001, name: T001, workdays: [wo, do], subjects: [kring en spel, spel en creatief, taal en rekenen], grades: [groep 1, groep 2]}"));
	free(text);
	remove_dir(dir);
}
END_TEST

/* One iCalendar feed of one teacher, named by its file. */
START_TEST(test_init_ical)
{
	char *dir = temp_dir();
	const char *args[] = { "-t", "tests/data/ical/JDV.ics",
			       "-f", "ical",
			       "-r", "midden",
			       "-y", "2026-2027",
			       NULL };
	struct run r = init(dir, "school.yaml", args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(
		r.out, "  - people: 1 naam is de code uit het rooster;"));
	/* One teacher makes no team: the file is still written, with the
	 * teachers listed for the school to divide. */
	ck_assert_ptr_nonnull(
		strstr(r.err, "warning: no lerarenteams proposed: only 1 "));
	run_free(&r);
	char *text = dir_file(dir, "school.yaml");
	ck_assert_ptr_nonnull(
		strstr(text, "  - {id: JDV, name: JDV, workdays: [ma, wo], "));
	ck_assert_ptr_nonnull(strstr(
		text, "    - {lesuur: 3, start: \"14:00\", end: \"15:00\"}\n"));
	ck_assert_ptr_nonnull(strstr(
		text, "  # TODO: verdeel in lerarenteams (ritmiek teams).\n"
		      "  # De leraren uit het rooster:\n  #   JDV\n  []\n"));
	free(text);
	remove_dir(dir);
}
END_TEST

/* Same input, same bytes; an existing file is kept unless --force. */
START_TEST(test_init_deterministic_and_force)
{
	char *dir = temp_dir();
	const char *args[] = { "-t", "tests/data/init/po/rooster.csv",
			       "-r", "noord",
			       "-y", "2026-2027",
			       "-q", NULL };
	struct run r = init(dir, "a.yaml", args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	r = init(dir, "b.yaml", args);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	char *a = dir_file(dir, "a.yaml"), *b = dir_file(dir, "b.yaml");
	ck_assert_str_eq(a, b);

	r = init(dir, "a.yaml", args);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(
		strstr(r.err, "a.yaml: error: the file exists; give --force to "
			      "overwrite it\n"));
	run_free(&r);
	const char *force[] = { "-t",	   "tests/data/init/po/rooster.csv",
				"-r",	   "noord",
				"-y",	   "2026-2027",
				"--name",  "De Regenboog",
				"--force", NULL };
	r = init(dir, "a.yaml", force);
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* What to check is listed at the end of the output. */
	ck_assert_ptr_nonnull(strstr(
		r.out, "  - time_grid: de lesuren komen uit de lestijden van "
		       "het rooster\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "  - people: 15 namen zijn de "
					    "code uit het rooster"));
	run_free(&r);
	char *c = dir_file(dir, "a.yaml");
	ck_assert_ptr_nonnull(strstr(c, "  name: De Regenboog\n"));
	free(a);
	free(b);
	free(c);
	remove_dir(dir);
}
END_TEST

START_TEST(test_init_usage)
{
	static const struct {
		const char *args[8];
		const char *err;
	} cases[] = {
		{ { "-t", "x", "-y", "2026-2027", NULL },
		  "ritmiek init: missing --region\n" },
		{ { "-t", "x", "-r", "west", "-y", "2026-2027", NULL },
		  "ritmiek init: unknown region 'west': noord, midden or zuid\n" },
		{ { "-t", "x", "-r", "noord", "-y", "2026-2028", NULL },
		  "ritmiek init: bad school year '2026-2028': expected e.g. "
		  "2026-2027\n" },
	};
	char *dir = temp_dir();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = init(dir, "s.yaml", cases[i].args);
		ck_assert_int_eq(r.status, 2);
		ck_assert_ptr_nonnull(strstr(r.err, cases[i].err));
		run_free(&r);
	}
	const char *missing[] = { "-t", "tests/data/init/none.csv",
				  "-r", "noord",
				  "-y", "2026-2027",
				  NULL };
	struct run r = init(dir, "s.yaml", missing);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "tests/data/init/none.csv"));
	run_free(&r);
	/* A year without a holiday calendar, said of the option that gave
	 * it: the school file was never written. */
	const char *future[] = { "-t", "tests/data/init/po/rooster.csv",
				 "-r", "noord",
				 "-y", "2031-2032",
				 NULL };
	r = init(dir, "s.yaml", future);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, "ritmiek: --year 2031-2032: error: no "
				    "holiday calendar for school year "
				    "2031-2032 (looked for "),
		      "%s", r.err);
	ck_assert_ptr_null(strstr(r.err, "s.yaml:"));
	run_free(&r);
	struct stat st;
	char path[1024];
	snprintf(path, sizeof(path), "%s/s.yaml", dir);
	ck_assert_int_ne(stat(path, &st), 0);
	remove_dir(dir);
}
END_TEST

Suite *suite_init(void)
{
	Suite *s = suite_create("init");
	TCase *tc = tcase_create("core");
	/* init, check, plan and verify of an 80-teacher school. */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_init_untis);
	tcase_add_test(tc, test_init_fet);
	tcase_add_test(tc, test_init_generated_vo);
	tcase_add_test(tc, test_init_generated_po);
	tcase_add_test(tc, test_init_ical);
	tcase_add_test(tc, test_init_deterministic_and_force);
	tcase_add_test(tc, test_init_usage);
	suite_add_tcase(s, tc);
	return s;
}
