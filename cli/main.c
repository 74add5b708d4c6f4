/* SPDX-License-Identifier: GPL-3.0-or-later
 * ritmiek - plans the leerKRACHT ritmiek of a school around its timetable.
 * Copyright (C) 2026 the ritmiek authors; see COPYING for the licence. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "caldav.h"
#include "cmd.h"
#include "http.h"
#include "ical_runtime.h"
#include "loader.h"
#include "mip.h"
#include "suggest.h"
#include "i18n.h"
#include "language.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	/* It talks HTTP: libcurl's global state (with its TLS library's) is
	 * set up for it alone. That set-up cost every other command 2.6 ms
	 * of processor time before its first step (perf stat, plan at
	 * vo:300:2), and none of them opens a connection. */
	bool http;
};

static const struct command commands[] = {
	{ "check", rk_cmd_check,
	  N_("validate a school file and its timetable, and summarise them"),
	  false },
	{ "feeds", rk_cmd_feeds,
	  N_("write the iCalendar feeds of a plan (per person, team and role)"),
	  false },
	{ "import", rk_cmd_import,
	  N_("read Untis, FET, iCalendar or CSV timetables and report on them"),
	  false },
	{ "init", rk_cmd_init,
	  N_("write a first school file from a timetable: people, grid, teams"),
	  false },
	{ "overview", rk_cmd_overview,
	  N_("write the year of a plan as HTML pages: school, teams, people"),
	  false },
	{ "plan", rk_cmd_plan,
	  N_("plan the school year's ritmiek with GLPK and write the plan"),
	  false },
	{ "push", rk_cmd_push,
	  N_("publish the plan's events to CalDAV calendars and keep them in step"),
	  true },
	{ "rebalance", rk_cmd_rebalance,
	  N_("re-plan from a date after a change, changing as little as possible"),
	  false },
	{ "teams", rk_cmd_teams,
	  N_("propose lerarenteams with GLPK and show them against today's"),
	  false },
	{ "tokens", rk_cmd_tokens,
	  N_("give a person a new, unguessable feed address (tokens rotate)"),
	  false },
	{ "verify", rk_cmd_verify,
	  N_("check a plan against every hard rule, independently of the planner"),
	  false },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out, _("Usage: ritmiek COMMAND [OPTION]... [ARG]...\n"
		       "Plans the leerKRACHT ritmiek of a school around its "
		       "lesson timetable.\n\nCommands:\n"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			_(commands[i].summary));
	fprintf(out,
		_("\nOptions:\n"
		  "  -h, --help     show this help and exit\n"
		  "  -V, --version  show the version and exit\n\n"
		  "'ritmiek COMMAND --help' tells more about a command.\n"
		  "Exit status: 0 done, 1 errors in the input, 2 bad usage,\n"
		  "3 no plan keeps every rule, 4 other failure.\n\n"));
	fprintf(out, _("ritmiek home page: <%s>\n"), PACKAGE_URL);
	fprintf(out, _("Report bugs to: <%s>\n"), PACKAGE_BUGREPORT);
}

/* GNU style, so that a packager sees the licence without the sources. */
static void version(FILE *out)
{
	fprintf(out,
		"ritmiek " PACKAGE_VERSION "\n"
		"Copyright (C) 2026 the ritmiek authors.\n"
		"License GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and "
		"redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n");
}

void rk_cli_print_diags(FILE *out, const struct rk_diags *diags)
{
	char line[2048];
	for (size_t i = 0; i < rk_diags_count(diags); i++) {
		rk_diag_format(rk_diags_get(diags, i), line, sizeof(line));
		fprintf(out, "ritmiek: %s\n", line);
	}
	if (rk_diags_oom(diags))
		fprintf(out,
			_("ritmiek: out of memory: not every problem could be reported\n"));
}

int rk_cli_parse_common(int argc, char **argv, const struct rk_cli_common *c)
{
	static const struct option options[] = {
		{ "previous", required_argument, NULL, 'P' },
		{ "calendars", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:qh", options, NULL)) != -1) {
		if (opt == 'P' && c->previous) {
			*c->previous = optarg;
		} else if (opt == 'c') {
			c->load->calendar_dir = optarg;
		} else if (opt == 'q') {
			*c->quiet = true;
		} else if (opt == 'h') {
			c->usage(stdout);
			return -1;
		} else {
			return rk_cli_try_help(c->cmd);
		}
	}
	if (optind != argc - c->n_args) {
		fputs(c->expected, stderr);
		return rk_cli_try_help(c->cmd);
	}
	return RK_EXIT_OK;
}

int rk_cli_try_help(const char *cmd)
{
	fprintf(stderr, _("Try 'ritmiek %s%s--help'.\n"), cmd ? cmd : "",
		cmd ? " " : "");
	return RK_EXIT_USAGE;
}

/* Runs @c with argv[0] "ritmiek NAME", so that getopt's own messages
 * ("ritmiek plan: unrecognized option '--x'") start like ours. */
static int run_command(const struct command *c, int argc, char **argv)
{
	char name[64];
	snprintf(name, sizeof(name), "ritmiek %s", c->name);
	argv[0] = name;
	/* Before the command starts any thread, as libcurl asks. */
	if (c->http)
		rk_http_global_init();
	int status = c->run(argc, argv);
	if (c->http)
		rk_http_global_cleanup();
	return status;
}

static int dispatch(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, _("ritmiek: missing command\n"));
		return rk_cli_try_help(NULL);
	}
	const char *name = argv[1];
	if (!strcmp(name, "-h") || !strcmp(name, "--help") ||
	    (!strcmp(name, "help") && argc == 2)) {
		usage(stdout);
		return RK_EXIT_OK;
	}
	/* "ritmiek help plan" is "ritmiek plan --help". */
	char help[] = "--help";
	if (!strcmp(name, "help")) {
		name = argv[2];
		for (size_t i = 0; i < N_COMMANDS; i++)
			if (!strcmp(name, commands[i].name)) {
				char *args[] = { argv[2], help, NULL };
				return run_command(&commands[i], 2, args);
			}
	}
	if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
		version(stdout);
		return RK_EXIT_OK;
	}
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (!strcmp(name, commands[i].name))
			return run_command(&commands[i], argc - 1, argv + 1);
		names[i] = commands[i].name;
	}
	const char *near = rk_suggest(name, names, N_COMMANDS);
	if (near)
		fprintf(stderr,
			_("ritmiek: unknown command '%s'; did you mean '%s'?\n"),
			name, near);
	else
		fprintf(stderr, _("ritmiek: unknown command '%s'\n"), name);
	return rk_cli_try_help(NULL);
}

int main(int argc, char **argv)
{
	/* Process-wide library state is set up and torn down in this file
	 * only (libcurl's in run_command, for the commands that need it). */
	rk_cli_language_init();
	rk_ical_global_init();
	rk_mip_global_init();
	rk_caldav_global_init();
	int status = dispatch(argc, argv);
	rk_caldav_global_cleanup();
	rk_mip_global_cleanup();
	rk_ical_global_cleanup();
	return status;
}
