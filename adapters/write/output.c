#include "config.h"

#include "output.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "letters.h"
#include "plan_file.h"
#include "plan_summary.h"
#include "plandir.h"
#include "textfile.h"
#include "verify.h"

/* plan.tsv and summary.txt; without feeds an index.tsv of only its header
 * line, unless one is there (that of feeds written before). The path
 * that could not be written goes to @failed. */
static enum rk_status write_plan(struct rk_plandir *pd,
				 const struct rk_output *o, char *failed,
				 size_t size)
{
	static const char header[] = "kind\tid\tname\tfeed\n";
	const char *parts[2] = { "plan.tsv", "summary.txt" };
	enum rk_status status = RK_OK;
	for (int i = 0; i < 2 && status == RK_OK; i++) {
		if (!rk_plandir_file(pd, parts[i], failed, size))
			return RK_ERR_NOMEM;
		status = i == 0 ? rk_plan_file_write(o->school, o->plan, failed)
				: rk_plan_summary_write(o->school, o->year,
							o->plan, failed);
	}
	if (status != RK_OK || o->feeds)
		return status;
	rk_plandir_file(pd, "index.tsv", failed, size);
	if (access(failed, F_OK) == 0)
		return RK_OK;
	return rk_plandir_put(pd, "index.tsv", header, sizeof(header) - 1,
			      true);
}

/* A new token for o->rotate in the new generation's tokens.tsv. */
static enum rk_status rotate(struct rk_plandir *pd, const struct rk_output *o,
			     struct rk_output_result *res,
			     struct rk_diags *diags)
{
	struct rk_tokens *tokens = rk_tokens_new();
	const char *token = NULL;
	enum rk_status status = tokens ? RK_OK : RK_ERR_NOMEM;
	if (!rk_plandir_file(pd, "tokens.tsv", res->failed,
			     sizeof(res->failed)))
		status = RK_ERR_NOMEM;
	if (status == RK_OK)
		status = rk_tokens_read(tokens, res->failed, diags);
	if (status == RK_OK) {
		token = rk_tokens_get(tokens, o->rotate);
		snprintf(res->old_token, sizeof(res->old_token), "%s",
			 token ? token : "");
		status = rk_tokens_rotate(tokens, o->rotate, &token);
	}
	if (status == RK_OK) {
		snprintf(res->new_token, sizeof(res->new_token), "%s", token);
		status = rk_tokens_write(tokens, res->failed);
	}
	rk_tokens_free(tokens);
	return status;
}

/* Whether plan.tsv and the summary go on the side thread (struct side):
 * when this thread has feeds or an overview to make meanwhile. Without
 * them this thread writes them while the referee verifies, as verify and
 * plan.tsv one after the other would take longer. */
static bool plan_beside(const struct rk_output *o)
{
	return o->plan_file && (o->feeds || o->overview);
}

static enum rk_status write_parts(struct rk_plandir *pd,
				  const struct rk_output *o,
				  struct rk_output_result *res,
				  struct rk_diags *diags)
{
	enum rk_status status = RK_OK;
	if (o->plan_file && !plan_beside(o))
		status = write_plan(pd, o, res->failed, sizeof(res->failed));
	if (status == RK_OK && o->changes)
		status = rk_plandir_put(pd, "changes.txt", o->changes,
					o->changes_len, false);
	if (status == RK_OK && o->letters) {
		snprintf(res->failed, sizeof(res->failed), "%s/changes",
			 rk_plandir_stage(pd));
		status = rk_letters_write(o->school, o->letters,
					  rk_plandir_stage(pd));
	}
	if (status == RK_OK && o->rotate)
		status = rotate(pd, o, res, diags);
	if (status == RK_OK && o->feeds) {
		/* rk_feeds_write names the file it could not write. */
		res->failed[0] = '\0';
		status = rk_feeds_write_jobs(
			o->school, o->plan, rk_plandir_stage(pd),
			o->feed_options, o->jobs, &res->feeds, diags);
	}
	if (status == RK_OK && o->overview) {
		/* After the feeds: the person pages go beside them. */
		struct rk_overview_options options = { !o->person_pages };
		res->failed[0] = '\0';
		status = rk_overview_write(o->school, o->year, o->plan,
					   rk_plandir_stage(pd), &options,
					   &res->overview, diags);
	}
	return status;
}

/* The second thread's share of the writing: the referee (rk_verify of
 * o->plan, when o->verify), then plan.tsv and the summary (plan_beside).
 * This thread prepares and writes the feeds meanwhile, which it does
 * alone until their files are written on every thread: verify and
 * plan.tsv used to come first, on this thread, 5.5 ms at vo:300:2 before
 * the first feed. Both sides only read the plan, the school and the
 * year; each writes files of its own and its own diagnostics. */
struct side {
	const struct rk_output *o;
	struct rk_plandir *pd;
	struct rk_diags *diags; /* the referee's */
	enum rk_status verdict;
	enum rk_status written; /* plan.tsv and the summary */
	int err;		/* errno after a failed write */
	char failed[512];
	pthread_t thread;
	bool running;
};

static void *side_run(void *arg)
{
	struct side *sd = arg;
	const struct rk_output *o = sd->o;
	if (o->verify)
		sd->verdict =
			rk_verify(o->school, o->year, o->plan, NULL, sd->diags);
	if (plan_beside(o)) {
		sd->written =
			write_plan(sd->pd, o, sd->failed, sizeof(sd->failed));
		sd->err = errno;
	}
	return NULL;
}

/* Starts the side's work; on this thread, at once, when no other can be
 * started. */
static enum rk_status side_start(struct side *sd, struct rk_plandir *pd,
				 const struct rk_output *o)
{
	*sd = (struct side){ .o = o, .pd = pd };
	if (!o->verify && !plan_beside(o))
		return RK_OK; /* nothing to do: no thread */
	if (o->verify && !(sd->diags = rk_diags_new()))
		return RK_ERR_NOMEM;
	sd->running = pthread_create(&sd->thread, NULL, side_run, sd) == 0;
	if (!sd->running)
		side_run(sd);
	return RK_OK;
}

/* Joins the side (whatever happened on this thread: it reads what o
 * points to) and says how it went: a write that failed, with its path in
 * res->failed and its errno, else the referee's verdict. What the referee
 * found goes to @diags. */
static enum rk_status side_end(struct side *sd, struct rk_output_result *res,
			       struct rk_diags *diags)
{
	if (sd->running)
		pthread_join(sd->thread, NULL);
	sd->running = false;
	if (sd->diags) {
		rk_diags_append(diags, sd->diags);
		rk_diags_free(sd->diags);
		sd->diags = NULL;
	}
	if (sd->written != RK_OK) {
		snprintf(res->failed, sizeof(res->failed), "%s", sd->failed);
		errno = sd->err;
		return sd->written;
	}
	/* rk_verify says RK_ERR_INPUT for a plan that breaks rules: here the
	 * plan is no input but what the run made. */
	return sd->verdict == RK_ERR_INPUT ? RK_ERR_INFEASIBLE : sd->verdict;
}

/* A path in the new generation as the user knows it: in @dir. */
static void unstage(const struct rk_plandir *pd, const char *dir, char *path,
		    size_t size)
{
	const char *stage = rk_plandir_stage(pd);
	size_t n = strlen(stage);
	char copy[512];
	if (strncmp(path, stage, n) != 0)
		return;
	snprintf(copy, sizeof(copy), "%s%s", dir, path + n);
	snprintf(path, size, "%s", copy);
}

enum rk_status rk_output_write(const char *dir, const struct rk_output *o,
			       struct rk_output_result *res,
			       struct rk_diags *diags)
{
	struct rk_plandir *pd = NULL;
	memset(res, 0, sizeof(*res));
	enum rk_status status = rk_plandir_begin(dir, &pd);
	if (status != RK_OK) {
		snprintf(res->failed, sizeof(res->failed), "%s", dir);
		return status;
	}
	struct side side;
	status = side_start(&side, pd, o);
	if (status == RK_OK) {
		int saved = 0;
		status = write_parts(pd, o, res, diags);
		if (status != RK_OK)
			saved = errno;
		/* The plan file's failure first, as when it was written
		 * before the rest; then this thread's; then the verdict. */
		enum rk_status ended = side_end(&side, res, diags);
		if (side.written == RK_OK && status != RK_OK)
			errno = saved;
		else
			status = ended;
	}
	if (status == RK_OK && o->may_commit && !o->may_commit(o->data))
		status = RK_ERR_STOPPED;
	if (status != RK_OK) {
		int saved = errno;
		unstage(pd, dir, res->failed, sizeof(res->failed));
		rk_plandir_abort(pd);
		errno = saved;
		return status;
	}
	status = rk_plandir_commit(pd);
	if (status != RK_OK)
		snprintf(res->failed, sizeof(res->failed), "%s", dir);
	else
		res->failed[0] = '\0';
	return status;
}
