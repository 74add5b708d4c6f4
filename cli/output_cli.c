/* output_cli.c - writing the plan directory from a command: signals held
 * while the new generation is written, then said what was written. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "output.h"
#include "i18n.h"

static const int held[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* A signal that came in while the generation was written: the commit does
 * not happen, the stage is cleared, and the command exits 128 + signal. */
static bool no_signal(void *data)
{
	int *signo = data;
	sigset_t pending;
	if (sigpending(&pending) != 0)
		return true;
	for (size_t i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		if (sigismember(&pending, held[i])) {
			*signo = held[i];
			return false;
		}
	return true;
}

/* Takes one pending held signal off, so that unblocking does not kill the
 * process before it has said why it stops. */
static void swallow(int signo)
{
	sigset_t one;
	int got;
	sigemptyset(&one);
	sigaddset(&one, signo);
	sigwait(&one, &got);
}

void rk_cli_output_say(const char *dir, const struct rk_output *o,
		       const struct rk_output_result *res)
{
	if (o->feeds) {
		const struct rk_feeds_report *r = &res->feeds;
		printf(_("ritmiek: wrote %zu feeds (%zu KB) to %s/feeds and "
			 "%s/index.tsv\n"
			 "ritmiek: events: %zu new, %zu changed, %zu unchanged, "
			 "%zu cancelled\n"),
		       r->feeds, (r->bytes + 1023) / 1024, dir, dir, r->added,
		       r->changed, r->unchanged, r->cancelled);
		if (r->removed)
			printf(_("ritmiek: removed %zu feed file(s) no longer "
				 "in use\n"),
			       r->removed);
	}
	if (o->overview && res->overview.people)
		printf(_("ritmiek: wrote the overview to %s/overview/index.html "
			 "(%zu pages) and %zu person pages to %s/feeds\n"),
		       dir, res->overview.pages, res->overview.people, dir);
	else if (o->overview)
		printf(_("ritmiek: wrote the overview to %s/overview/index.html "
			 "(%zu pages)\n"),
		       dir, res->overview.pages);
}

int rk_cli_output(const char *dir, struct rk_output *o,
		  struct rk_output_result *res, bool quiet)
{
	struct rk_diags *diags = rk_diags_new();
	sigset_t block, before;
	int signo = 0;
	if (!diags) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		return RK_EXIT_FAILURE;
	}
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		sigaddset(&block, held[i]);
	sigprocmask(SIG_BLOCK, &block, &before);
	o->may_commit = no_signal;
	o->data = &signo;
	enum rk_status status = rk_output_write(dir, o, res, diags);
	int saved = errno;
	/* A signal after the commit point: the new generation stands; the
	 * signal still ends the command. */
	bool committed = status == RK_OK;
	if (committed && !no_signal(&signo))
		status = RK_ERR_STOPPED;
	if (signo)
		swallow(signo);
	sigprocmask(SIG_SETMASK, &before, NULL);
	rk_diags_sort(diags);
	rk_cli_print_diags(stderr, diags);
	size_t errors = rk_diags_errors(diags);
	rk_diags_free(diags);
	switch (status) {
	case RK_OK:
		if (!quiet)
			rk_cli_output_say(dir, o, res);
		return RK_EXIT_OK;
	case RK_ERR_STOPPED:
		fprintf(stderr,
			_("ritmiek: %s: stopped by signal %d (%s); %s\n"), dir,
			signo, strsignal(signo),
			committed ? _("the plan directory is the new one")
				  : _("the plan directory is as it was"));
		return 128 + signo;
	case RK_ERR_BUSY:
		fprintf(stderr,
			_("ritmiek: %s: %s; try again when it is done\n"), dir,
			rk_strerror(status));
		return RK_EXIT_FAILURE;
	case RK_ERR_INPUT:
		return RK_EXIT_INPUT;
	case RK_ERR_INFEASIBLE:
		/* A planner bug: every broken rule should have been reported
		 * while planning. */
		fprintf(stderr,
			_("ritmiek: %s: the plan breaks %zu hard rule(s) that "
			  "the planner did not report (please report this); it "
			  "is not published\n"),
			dir, errors);
		return RK_EXIT_INFEASIBLE;
	case RK_ERR_IO:
		fprintf(stderr,
			_("ritmiek: %s: %s; the plan directory is as it was\n"),
			res->failed[0] ? res->failed : dir, strerror(saved));
		return RK_EXIT_FAILURE;
	default:
		fprintf(stderr, "ritmiek: %s: %s\n", dir, rk_strerror(status));
		return RK_EXIT_FAILURE;
	}
}
