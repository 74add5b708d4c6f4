/* output.h - everything a run writes into a plan directory, as one unit
 * with one commit point.
 *
 * plan, rebalance, feeds and tokens rotate each say which parts they
 * write; rk_output_write writes them into a new generation of the plan
 * directory (plandir.h) and makes it current at once, or, on any failure
 * or when the caller says stop, leaves the directory exactly as it was.
 * What a run does not write (push.state, a previous overview) is carried
 * over unchanged. */
#ifndef RK_OUTPUT_H
#define RK_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "changes.h"
#include "diag.h"
#include "feeds.h"
#include "overview.h"
#include "plan.h"
#include "school.h"
#include "schoolyear.h"
#include "status.h"
#include "tokens.h"

struct rk_output {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	const struct rk_plan *plan;
	bool plan_file; /* plan.tsv and summary.txt */
	bool feeds;	/* feeds/, index.tsv, tokens.tsv, feeds.state */
	const struct rk_feeds_options *feed_options;
	const char *rotate;  /* a person whose feed gets a new token first */
	const char *changes; /* changes.txt (rebalance), or NULL */
	size_t changes_len;
	const struct rk_changes *letters; /* changes/<id>.txt, or NULL */
	bool overview;			  /* overview/ (needs @year) */
	bool person_pages;		  /* with it, feeds/<token>.html */
	unsigned jobs; /* threads for writing the feeds; 0 or 1: one */
	/* The referee at the commit point: rk_verify checks the plan (with
	 * @year) while the parts are written, and a plan it rejects is not
	 * committed (RK_ERR_INFEASIBLE, what it found in the diags). */
	bool verify;
	/* Asked once all is written, just before the commit; false throws
	 * the new generation away (RK_ERR_STOPPED): a signal came in. */
	bool (*may_commit)(void *data);
	void *data;
};

/* What was written. */
struct rk_output_result {
	struct rk_feeds_report feeds;
	struct rk_overview_report overview;
	char old_token[RK_TOKEN_LEN + 1]; /* rotate: "" when there was none */
	char new_token[RK_TOKEN_LEN + 1];
	char failed[512]; /* the path that could not be written, or "" */
};

/* Writes the parts of @o into plan directory @dir (made when missing) at
 * one commit point. Problems of the previous state and I/O errors (with
 * the path) go to @diags. RK_ERR_BUSY when another run holds @dir,
 * RK_ERR_STOPPED when o->may_commit said no, RK_ERR_INFEASIBLE when
 * o->verify and rk_verify rejects the plan, RK_ERR_INPUT, RK_ERR_IO
 * (errno set, res->failed names the path), RK_ERR_NOMEM; in every case
 * but RK_OK the directory is as it was. */
enum rk_status rk_output_write(const char *dir, const struct rk_output *o,
			       struct rk_output_result *res,
			       struct rk_diags *diags);

#endif
