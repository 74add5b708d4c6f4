#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "importer.h"
#include "school_init.h"
#include "school_writer.h"

static void init_usage(FILE *out)
{
	char all[128];
	rk_importer_ids(rk_importers(), false, all, sizeof(all));
	fprintf(out,
		_("Usage: ritmiek init --timetable FILE --region REGION --year "
		  "YYYY-YYYY -o SCHOOL\n"
		  "Writes a first school file from a lesson timetable: its "
		  "teachers with the days,\nsubjects and grades they teach, the "
		  "time grid, the holiday region and school\nyear, and proposed "
		  "lerarenteams. What it guessed is marked in the file and\n"
		  "listed at the end.\n\n"
		  "  -t, --timetable FILE  the timetable (again for more files "
		  "of it: GPU002.TXT,\n"
		  "                        one iCalendar feed per teacher)\n"
		  "  -f, --format FORMAT   %s (default: "
		  "told from the file)\n"
		  "  -p, --people FILE     a people CSV file: names, e-mail, "
		  "roles\n"
		  "  -r, --region REGION   noord, midden or zuid\n"
		  "  -y, --year YYYY-YYYY  the school year, e.g. 2026-2027\n"
		  "  -k, --kind KIND       po, vo or mbo (default: vo)\n"
		  "  -n, --name NAME       the school's name\n"
		  "  -o, --output SCHOOL   the school file to write\n"
		  "      --force           overwrite SCHOOL if it exists\n"
		  "  -c, --calendars DIR   holiday calendars (default: "
		  "$RITMIEK_CALENDARS, or the\n"
		  "                        installed ones)\n"
		  "  -q, --quiet           only the problems, not what to check\n"
		  "  -h, --help            show this help and exit\n\n"
		  "Then: ritmiek check SCHOOL; ritmiek plan -o plan SCHOOL.\n"
		  "Exit status: 0 written (warnings allowed), 1 errors in the "
		  "input (nothing\nwritten), 2 bad usage, 4 failure.\n"),
		all);
}

/* "2026-2027": the first year, or -1. */
static int parse_year(const char *text)
{
	char *end;
	long a = strtol(text, &end, 10);
	if (end == text || *end != '-' || a < 1900 || a > 9998)
		return -1;
	const char *second = end + 1;
	long b = strtol(second, &end, 10);
	if (end == second || *end || b != a + 1)
		return -1;
	return (int)a;
}

static int run_init(const struct rk_init_options *o, bool quiet)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_draft *draft = NULL;
	char line[256];
	if (!diags) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		return RK_EXIT_FAILURE;
	}
	enum rk_status st = rk_school_init(o, &draft, diags);
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	int exit_status = st == RK_OK	       ? RK_EXIT_OK
			  : st == RK_ERR_INPUT ? RK_EXIT_INPUT
					       : RK_EXIT_FAILURE;
	if (st != RK_OK && st != RK_ERR_INPUT)
		fprintf(stderr, "ritmiek: %s: %s\n", o->output,
			rk_strerror(st));
	if (st == RK_OK && !quiet) {
		printf(P_("ritmiek: %s: written, %zu person; check:\n",
			  "ritmiek: %s: written, %zu people; check:\n",
			  rk_school_n_person(draft->school)),
		       o->output, rk_school_n_person(draft->school));
		for (size_t i = 0;
		     rk_school_writer_check(draft, i, line, sizeof(line)); i++)
			printf("  - %s\n", line);
	}
	rk_draft_free(draft);
	rk_diags_free(diags);
	return exit_status;
}

/* The options that need a word: their values, checked. */
static int check_args(struct rk_init_options *o, const char *region,
		      const char *year, const char *kind)
{
	const char *missing = !o->n_timetables ? "--timetable"
			      : !region	       ? "--region"
			      : !year	       ? "--year"
			      : !o->output     ? "-o"
					       : NULL;
	if (missing) {
		fprintf(stderr, _("ritmiek init: missing %s\n"), missing);
		return -1;
	}
	int r = rk_region_parse(region);
	o->year = parse_year(year);
	o->kind = kind ? rk_school_type_parse(kind) : -1;
	if (r < 0)
		fprintf(stderr,
			_("ritmiek init: unknown region '%s': noord, midden or zuid\n"),
			region);
	else if (o->year < 0)
		fprintf(stderr,
			_("ritmiek init: bad school year '%s': expected e.g. 2026-2027\n"),
			year);
	else if (kind && o->kind < 0)
		fprintf(stderr,
			_("ritmiek init: unknown kind '%s': po, vo or mbo\n"),
			kind);
	else if (o->format && !rk_importer_find(o->format)) {
		char all[128];
		rk_importer_ids(rk_importers(), false, all, sizeof(all));
		fprintf(stderr, _("ritmiek init: unknown format '%s': %s\n"),
			o->format, all);
	} else {
		o->region = (enum rk_region)r;
		return 0;
	}
	return -1;
}

int rk_cmd_init(int argc, char **argv)
{
	static const struct option options[] = {
		{ "timetable", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "people", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "year", required_argument, NULL, 'y' },
		{ "kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "calendars", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rk_init_options o = { .calendar_dir =
					     getenv("RITMIEK_CALENDARS"),
				     .time_limit_ms = rk_cli_env_time_limit() };
	const char *region = NULL, *year = NULL, *kind = NULL;
	const char **files = calloc((size_t)argc, sizeof(*files));
	bool quiet = false;
	int opt, status = RK_EXIT_USAGE;
	if (!files)
		return RK_EXIT_FAILURE;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "t:f:p:r:y:k:n:o:c:qh", options,
				  NULL)) != -1) {
		switch (opt) {
		case 't':
			files[o.n_timetables++] = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'p':
			o.people = optarg;
			break;
		case 'r':
			region = optarg;
			break;
		case 'y':
			year = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'n':
			o.name = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'F':
			o.force = true;
			break;
		case 'c':
			o.calendar_dir = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			init_usage(stdout);
			status = RK_EXIT_OK;
			goto out;
		default:
			status = rk_cli_try_help("init");
			goto out;
		}
	}
	o.timetables = files;
	if (optind != argc) {
		fprintf(stderr, _("ritmiek init: unexpected argument '%s'\n"),
			argv[optind]);
		status = rk_cli_try_help("init");
	} else if (check_args(&o, region, year, kind) < 0) {
		status = rk_cli_try_help("init");
	} else {
		status = run_init(&o, quiet);
	}
out:
	free(files);
	return status;
}
