/* plandir.h - a plan directory written as one generation.
 *
 * Everything a run writes (plan.tsv, summary, feeds, feeds.state, index,
 * tokens, overview, change report) goes into a fresh sibling folder,
 * ".NAME.new-XXXXXX", which starts with hard links to every file of the
 * current generation so that what the run does not write is carried over.
 * Writers replace files there (rk_plandir_put, or unlink-then-create),
 * never write into one: a link is shared with the current generation.
 * rk_plandir_commit syncs the file system once and swaps the two folders
 * with renameat2(RENAME_EXCHANGE), the one commit point: a reader (a web
 * server, the next run) sees the old generation or the new one, never a
 * mix; then the old one is removed. A lock (flock on ".NAME.lock" beside
 * the folder) keeps two runs on one plan directory apart, and a run that
 * died before its commit leaves nothing the next run does not clear. */
#ifndef RK_PLANDIR_H
#define RK_PLANDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

struct rk_plandir;

/* Locks the plan directory @dir (made when missing), clears what an
 * interrupted run left beside it, and starts a new generation. RK_ERR_BUSY
 * when another run holds the lock; RK_ERR_IO with errno set. *out is for
 * rk_plandir_commit or rk_plandir_abort. */
enum rk_status rk_plandir_begin(const char *dir, struct rk_plandir **out);

/* The folder to write the new generation into (lent). */
const char *rk_plandir_stage(const struct rk_plandir *pd);

/* @name ("summary.txt", "feeds/x.ics") inside the new generation, into
 * @buf; false when it does not fit. */
bool rk_plandir_file(const struct rk_plandir *pd, const char *name, char *buf,
		     size_t size);

/* Writes @data as file @name of the new generation (replacing a carried
 * link), with mode 0600 when @private, else 0644. No fsync: the commit
 * syncs once. RK_ERR_IO with errno set. */
enum rk_status rk_plandir_put(struct rk_plandir *pd, const char *name,
			      const char *data, size_t len, bool private);

/* Removes file @name from the new generation (a carried feed that is no
 * longer published); a missing file is fine. */
enum rk_status rk_plandir_drop(struct rk_plandir *pd, const char *name);

/* Removes each file of @folder for which @stale says true: what an earlier
 * generation published and this one does not (a rotated token's feed or
 * page, a team no longer in the school), so that its address stops
 * working. A missing @folder has nothing to remove. *@removed is counted
 * up per file removed. RK_ERR_IO (in @diags, with the path) when the
 * folder cannot be read or a file not removed. */
enum rk_status rk_plandir_remove_stale(
	const char *folder, bool (*stale)(const char *name, void *data),
	void *data, size_t *removed, struct rk_diags *diags);

/* Makes the new generation current, durably, then frees @pd (also on
 * failure, after which the old generation stands and nothing is left
 * behind). RK_ERR_IO with errno set. */
enum rk_status rk_plandir_commit(struct rk_plandir *pd);

/* Throws the new generation away and frees @pd; NULL is a no-op. */
void rk_plandir_abort(struct rk_plandir *pd);

#endif
