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
 * line, unless one is there (that of feeds written before). */
static enum rk_status write_plan(struct rk_plandir *pd,
				 const struct rk_output *o,
				 struct rk_output_result *res)
{
	static const char header[] = "kind\tid\tname\tfeed\n";
	const char *parts[2] = { "plan.tsv", "summary.txt" };
	enum rk_status status = RK_OK;
	for (int i = 0; i < 2 && status == RK_OK; i++) {
		if (!rk_plandir_file(pd, parts[i], res->failed,
				     sizeof(res->failed)))
			return RK_ERR_NOMEM;
		status = i == 0 ? rk_plan_file_write(o->school, o->plan,
						     res->failed)
				: rk_plan_summary_write(o->school, o->year,
							o->plan, res->failed);
	}
	if (status != RK_OK || o->feeds)
		return status;
	rk_plandir_file(pd, "index.tsv", res->failed, sizeof(res->failed));
	if (access(res->failed, F_OK) == 0)
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

static enum rk_status write_parts(struct rk_plandir *pd,
				  const struct rk_output *o,
				  struct rk_output_result *res,
				  struct rk_diags *diags)
{
	enum rk_status status = RK_OK;
	if (o->plan_file)
		status = write_plan(pd, o, res);
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

/* rk_verify of o->plan on a thread of its own while the parts are
 * written: it only reads the plan, the school and the year, as the
 * writers do, and writes only its own diagnostics. The core that would
 * wait during plan.tsv and the summary checks the plan meanwhile. */
struct referee {
	const struct rk_output *o;
	struct rk_diags *diags;
	enum rk_status status;
	pthread_t thread;
	bool running;
};

static void *referee_run(void *arg)
{
	struct referee *r = arg;
	r->status =
		rk_verify(r->o->school, r->o->year, r->o->plan, NULL, r->diags);
	return NULL;
}

static enum rk_status referee_start(struct referee *r,
				    const struct rk_output *o)
{
	*r = (struct referee){ .o = o, .status = RK_OK };
	if (!o->verify)
		return RK_OK;
	r->diags = rk_diags_new();
	if (!r->diags)
		return RK_ERR_NOMEM;
	r->running = pthread_create(&r->thread, NULL, referee_run, r) == 0;
	return RK_OK;
}

/* Its verdict (on this thread when none could be started, unless not
 * @wanted: the writing failed); what it found goes to @diags. */
static enum rk_status referee_verdict(struct referee *r, bool wanted,
				      struct rk_diags *diags)
{
	if (!r->o->verify)
		return RK_OK;
	if (!r->diags)
		return RK_ERR_NOMEM; /* referee_start had no room */
	if (r->running)
		pthread_join(r->thread, NULL);
	else if (wanted)
		referee_run(r);
	r->running = false;
	rk_diags_append(diags, r->diags);
	rk_diags_free(r->diags);
	r->diags = NULL;
	/* rk_verify says RK_ERR_INPUT for a plan that breaks rules: here the
	 * plan is no input but what the run made. */
	return r->status == RK_ERR_INPUT ? RK_ERR_INFEASIBLE : r->status;
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
	struct referee referee;
	status = referee_start(&referee, o);
	if (status == RK_OK)
		status = write_parts(pd, o, res, diags);
	/* Joined whatever happened: the thread reads what o points to. */
	enum rk_status verdict =
		referee_verdict(&referee, status == RK_OK, diags);
	if (status == RK_OK)
		status = verdict;
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
