#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "textfile.h"
#include "date.h"
#include "loader.h"
#include "precheck.h"
#include "schoolyear.h"
#include "i18n.h"

/* Lessons of one person in an A week and a B week (the same without A/B). */
struct load {
	int lessons[2];
	int minutes[2];
};

static void check_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek check [OPTION]... SCHOOL\n"
		  "Reads the school file SCHOOL, the people file and timetable it "
		  "names and the\nholiday calendar of its school year; reports "
		  "every problem as\nfile:line:column: error|warning: message, "
		  "and summarises the school.\n\n"
		  "  -c, --calendars DIR  holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                       installed ones)\n"
		  "  -q, --quiet          only the problems, no summary\n"
		  "  -h, --help           show this help and exit\n\n"
		  "Exit status: 0 no errors (warnings allowed), 1 errors, "
		  "2 bad usage, 4 failure.\n"));
}

static void print_people(const struct rk_school *s)
{
	size_t n = rk_school_n_person(s);
	size_t part_time = 0, per_role[RK_N_ROLES] = { 0 };
	for (size_t i = 0; i < n; i++) {
		const struct rk_person *p = rk_school_get_person(s, i);
		for (int r = 0; r < RK_N_ROLES; r++)
			per_role[r] += (p->roles >> r) & 1u;
		part_time += (p->workdays & RK_WORKDAYS_DEFAULT) !=
			     RK_WORKDAYS_DEFAULT;
	}
	printf("Mensen       %zu:", n);
	const char *sep = " ";
	for (int r = 0; r < RK_N_ROLES; r++) {
		if (!per_role[r])
			continue;
		printf("%s%zu %s", sep, per_role[r],
		       rk_role_name((enum rk_role)(1u << r)));
		sep = ", ";
	}
	printf("; %zu in deeltijd\n", part_time);
}

static const char *person_name(const struct rk_school *s, int index)
{
	const struct rk_person *p =
		index >= 0 ? rk_school_get_person(s, (size_t)index) : NULL;
	return p && p->name ? p->name : "?";
}

static void print_teams(const struct rk_school *s)
{
	size_t n = rk_school_n_team(s);
	printf("Teams        %zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct rk_team *t = rk_school_get_team(s, i);
		printf("  ");
		rk_text_put_padded(stdout, t->id, 12);
		printf(" ");
		rk_text_put_padded(stdout, t->name ? t->name : "", 28);
		printf(" %2zu leden, cohort %d", t->n_members, t->cohort);
		if (t->coach.id)
			printf(", schoolcoach %s (%s)", t->coach.id,
			       person_name(s, t->coach.index));
		printf("\n");
	}
	const struct rk_team *lk = rk_school_get_lkteam(s);
	printf("leerKRACHT-team %zu:", lk->n_members);
	for (size_t m = 0; m < lk->n_members; m++)
		printf("%s %s (%s)", m ? "," : "", lk->members[m].id,
		       person_name(s, lk->members[m].index));
	printf("\n");
}

static void print_range(int from, int to)
{
	char a[RK_DATE_BUFSIZE], b[RK_DATE_BUFSIZE];
	rk_date_format(from, a);
	rk_date_format(to, b);
	if (from == to)
		printf("%-24s", a);
	else
		printf("%s .. %s", a, b);
}

static void print_days_off(const struct rk_schoolyear *y)
{
	printf("  Vrije dagen:\n");
	for (size_t i = 0; i < rk_schoolyear_n_holidays(y); i++) {
		const struct rk_dayoff *d = rk_schoolyear_holiday(y, i);
		printf("    ");
		print_range(d->from, d->to);
		printf("  ");
		rk_text_put_padded(stdout, d->name, 26);
		printf(" %s%s\n", rk_dayoff_kind_name(d->kind),
		       d->overridden ? ", eigen data van de school"
		       : d->advisory ? ", adviesdata"
				     : "");
	}
}

/* One line per school year half: "36A 37B ... 43- 44A", '-' for a week
 * without school days, a trailing 'T' for a toetsweek. */
static void print_week_strip(const struct rk_schoolyear *y)
{
	printf("  Weken (ISO-nummer, A/B, '-' geen schooldagen, T toetsweek):\n   ");
	int col = 0;
	for (size_t w = 0; w < rk_schoolyear_n_weeks(y); w++) {
		const struct rk_week *wk = rk_schoolyear_week(y, w);
		char tag[8];
		snprintf(tag, sizeof(tag), "%d%s%s", wk->iso_week,
			 !wk->teaching	     ? "-"
			 : wk->ab == RK_AB_A ? "A"
			 : wk->ab == RK_AB_B ? "B"
					     : "",
			 wk->toetsweek ? "T" : "");
		if (col == 13) {
			printf("\n   ");
			col = 0;
		}
		printf(" %-5s", tag);
		col++;
	}
	printf("\n");
}

static void print_calendar(const struct rk_school *s,
			   const struct rk_schoolyear *y)
{
	const struct rk_ab_scheme *ab = rk_school_get_ab(s);
	size_t a = 0, b = 0;
	for (size_t w = 0; w < rk_schoolyear_n_weeks(y); w++) {
		const struct rk_week *wk = rk_schoolyear_week(y, w);
		a += wk->teaching && wk->ab == RK_AB_A;
		b += wk->teaching && wk->ab == RK_AB_B;
	}
	printf("Kalender     %zu lesweken, %zu schooldagen",
	       rk_schoolyear_teaching_weeks(y), rk_schoolyear_school_days(y));
	if (ab->enabled)
		printf("; %zu A-weken en %zu B-weken, geteld per %s", a, b,
		       ab->count_teaching ? "lesweek" : "kalenderweek");
	printf("\n");
	print_days_off(y);
	for (size_t i = 0; i < rk_school_n_toetsweek(s); i++) {
		const struct rk_toetsweek *t = rk_school_get_toetsweek(s, i);
		printf("  Toetsweek   ");
		print_range(t->from, t->to);
		printf("  %s\n", t->name);
	}
	print_week_strip(y);
}

static void count_load(const struct rk_school *s, struct load *loads)
{
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		if (l->person.index < 0)
			continue;
		struct load *ld = &loads[l->person.index];
		for (int k = 0; k < 2; k++) {
			if (l->week != RK_AB_BOTH && (int)l->week != k + 1)
				continue;
			ld->lessons[k]++;
			ld->minutes[k] += l->end - l->start;
		}
	}
}

static void print_workdays(unsigned workdays)
{
	for (int d = 0; d < 7; d++)
		if (workdays & (1u << d))
			printf(" %s", rk_weekday_abbr(d));
}

static void print_lessons(const struct rk_school *s, const struct load *loads)
{
	printf("Lessen per week (A / B waar ze verschillen), werkdagen:\n");
	for (size_t i = 0; i < rk_school_n_person(s); i++) {
		const struct rk_person *p = rk_school_get_person(s, i);
		const struct load *ld = &loads[i];
		char a[32], b[32];
		snprintf(a, sizeof(a), "%2d (%du%02d)", ld->lessons[0],
			 ld->minutes[0] / 60, ld->minutes[0] % 60);
		snprintf(b, sizeof(b), "%2d (%du%02d)", ld->lessons[1],
			 ld->minutes[1] / 60, ld->minutes[1] % 60);
		char both[72];
		if (strcmp(a, b))
			snprintf(both, sizeof(both), "%s / %s", a, b);
		else
			snprintf(both, sizeof(both), "%s", a);
		printf("  ");
		rk_text_put_padded(stdout, p->id, 8);
		printf(" ");
		rk_text_put_padded(stdout, p->name ? p->name : "", 28);
		printf(" ");
		rk_text_put_padded(stdout, both, 26);
		print_workdays(p->workdays);
		printf("\n");
	}
}

/* Things that are allowed but often a mistake, in plain words. */
static void print_notes(const struct rk_school *s,
			const struct rk_schoolyear *y, const struct load *loads)
{
	int notes = 0;
	printf("Het bekijken waard:\n");
	if (rk_school_n_lesson(s) == 0) {
		printf("  - geen rooster: de planner zou iedereen de hele dag vrij nemen\n");
		notes++;
	}
	for (size_t i = 0; rk_school_n_lesson(s) && i < rk_school_n_person(s);
	     i++) {
		const struct rk_person *p = rk_school_get_person(s, i);
		const struct load *ld = &loads[i];
		if ((p->roles & RK_ROLE_LERAAR) && !ld->lessons[0] &&
		    !ld->lessons[1]) {
			printf("  - %s (%s) is een leraar zonder lessen in het rooster\n",
			       p->id, p->name ? p->name : "?");
			notes++;
		}
		if (ld->minutes[0] > 30 * 60 || ld->minutes[1] > 30 * 60) {
			printf("  - %s (%s) geeft meer dan 30 uur per week les\n",
			       p->id, p->name ? p->name : "?");
			notes++;
		}
	}
	size_t weeks = rk_schoolyear_teaching_weeks(y);
	if (weeks < 36 || weeks > 42) {
		printf("  - %zu lesweken is ongebruikelijk (de meeste scholen hebben er 38 tot 40)\n",
		       weeks);
		notes++;
	}
	for (size_t w = 0; w < rk_schoolyear_n_weeks(y); w++) {
		const struct rk_week *wk = rk_schoolyear_week(y, w);
		if (wk->toetsweek && !wk->teaching) {
			printf("  - toetsweek '%s' ligt in week %d, die geen schooldagen heeft\n",
			       wk->toetsweek, wk->iso_week);
			notes++;
		}
	}
	if (!notes)
		printf("  niets\n");
}

static void print_summary(const struct rk_school *s,
			  const struct rk_schoolyear *y)
{
	const struct rk_school_info *info = rk_school_get_info(s);
	printf("School       %s (%s), %s, regio %s\n", info->name, info->id,
	       rk_school_type_name(info->type), rk_region_name(info->region));
	printf("Schooljaar   %d-%d, leerKRACHT-jaar %d, tijdzone %s\n",
	       info->year, info->year + 1, info->programme_year,
	       info->timezone);
	print_people(s);
	print_teams(s);
	print_calendar(s, y);
	struct load *loads = calloc(rk_school_n_person(s) + 1, sizeof(*loads));
	if (!loads)
		return;
	count_load(s, loads);
	print_lessons(s, loads);
	print_notes(s, y, loads);
	free(loads);
}

static int run_check(const char *path, const struct rk_load_options *load,
		     bool quiet)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	struct rk_schoolyear *year = NULL;
	int exit_status = RK_EXIT_FAILURE;
	if (!diags)
		goto out;
	enum rk_status status = rk_load_school(path, load, &school, diags);
	if (status == RK_OK)
		status = rk_schoolyear_new(school, &year, diags);
	if (status == RK_OK)
		status = rk_precheck_dates(school, year, diags);
	/* What would make plan fail, said before anyone runs it. */
	if (status == RK_OK)
		status = rk_precheck_predict(school, year, diags);
	rk_cli_print_diags(stderr, diags);
	if (status == RK_ERR_INPUT || status == RK_ERR_IO) {
		fprintf(stderr,
			_("ritmiek: %s: %zu error(s), %zu warning(s)\n"), path,
			rk_diags_errors(diags), rk_diags_warnings(diags));
		exit_status = RK_EXIT_INPUT;
		goto out;
	}
	if (status != RK_OK) {
		fprintf(stderr, "ritmiek: %s: %s\n", path, rk_strerror(status));
		goto out;
	}
	if (!quiet)
		print_summary(school, year);
	if (rk_diags_warnings(diags))
		fprintf(stderr, _("ritmiek: %s: no errors, %zu warning(s)\n"),
			path, rk_diags_warnings(diags));
	exit_status = RK_EXIT_OK;
out:
	rk_schoolyear_free(year);
	rk_school_free(school);
	rk_diags_free(diags);
	return exit_status;
}

int rk_cmd_check(int argc, char **argv)
{
	struct rk_load_options load = { .calendar_dir =
						getenv("RITMIEK_CALENDARS") };
	bool quiet = false;
	const struct rk_cli_common c = {
		"check", check_usage,
		1,	 _("ritmiek check: expected one school file\n"),
		&load,	 &quiet,
		NULL
	};
	int rc = rk_cli_parse_common(argc, argv, &c);
	if (rc != RK_EXIT_OK)
		return rc < 0 ? RK_EXIT_OK : rc;
	return run_check(argv[optind], &load, quiet);
}
