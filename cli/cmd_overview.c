/* ritmiek overview: the year of a plan on one page, in HTML. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "i18n.h"

static void overview_usage(FILE *out)
{
	fprintf(out,
		_("Usage: ritmiek overview [OPTION]... SCHOOL PLANDIR\n"
		  "Writes the overview of the plan PLANDIR/plan.tsv made for "
		  "SCHOOL, as HTML\npages to print or put online: "
		  "PLANDIR/overview/index.html (the jaarplanning:\nevery week of "
		  "the year, every team), a page per team, and beside each\n"
		  "person's feed PLANDIR/feeds/<token>.html, their year by week. "
		  "'ritmiek plan'\nand 'ritmiek rebalance' write it too.\n\n"));
	rk_cli_write_again_usage(out);
}

int rk_cmd_overview(int argc, char **argv)
{
	return rk_cli_write_again(argc, argv, overview_usage, false);
}
