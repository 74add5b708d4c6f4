/* parallel.c - the planner's work on several threads: the session models
 * of every period, and (rk_parallel_each, at the end) any work that only
 * reads what it shares, such as the duo step's measuring (duos.c).
 *
 * The teams of a period plan their sessions independently, but for people
 * in two teams: the team planned later works around what the earlier one
 * booked. So the teams are cut into clusters (teams linked by a shared
 * member); a cluster is one job, its teams planned in school order on one
 * thread, clusters side by side. Nothing else is shared: cover people
 * (every team's) keep the whole step on one thread (sessions.c), and
 * each person's busy time of a day is written by the one job whose teams
 * they are in that period. The periods' jobs run side by side too: a
 * period's sessions fall on its own days (they end by its
 * verbindingssessie and start in its first week), so what one period
 * books and reads, no other period's job touches; one slow team model
 * then no longer keeps the other thread waiting at each period's end.
 *
 * A job writes into a plan and diagnostics of its own and reads the plan
 * of the steps before (ctx->base), which nobody changes while the jobs
 * run. Afterwards every team's events, solver reports and diagnostics are
 * put into the real plan in school order, so the plan is byte for byte
 * the one a single thread makes, whatever ran when. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "planctx.h"
#include "planner.h"
#include "sets.h"

/* What one team left behind in its job's plan. */
struct team_out {
	size_t group;		   /* index into ctx->groups */
	const struct rk_period *p; /* the period it is planned for */
	size_t job;		   /* the cluster it was planned in */
	struct rk_diags *diags;	   /* its own */
	size_t events, events_end; /* its events in the job's plan */
	size_t reports, reports_end;
	int infeasible;
	enum rk_status status;
};

struct job {
	struct rk_plan *plan;
	size_t first; /* its first team (index into the team_out list) */
};

struct pool {
	struct rk_planctx *ctx;
	struct team_out *teams; /* period by period, in school order */
	size_t n_teams;
	struct job *jobs;
	size_t n_jobs;
	size_t *next_in_job; /* [team]: the next team of its job, or n_teams */
};

/* Links teams of one period that share a member: the later one goes
 * where the earlier one went. @root gets each team's cluster (the index of
 * its first team). */
static enum rk_status clusters(const struct pool *pl, size_t *root)
{
	size_t n_people = rk_school_n_person(pl->ctx->school);
	size_t *owner = malloc((n_people + 1) * sizeof(*owner));
	if (!owner)
		return RK_ERR_NOMEM;
	rk_sets_init(root, pl->n_teams);
	for (size_t t = 0; t < pl->n_teams; t++) {
		if (t == 0 || pl->teams[t].p != pl->teams[t - 1].p)
			for (size_t i = 0; i < n_people; i++)
				owner[i] = pl->n_teams; /* a new period */
		const struct rk_group *g = &pl->ctx->groups[pl->teams[t].group];
		for (size_t m = 0; m < g->n; m++) {
			size_t who = (size_t)g->members[m];
			if (who >= n_people)
				continue;
			if (owner[who] == pl->n_teams) {
				owner[who] = t;
				continue;
			}
			/* A cluster is known by its first team. */
			rk_sets_join(root, owner[who], t);
		}
	}
	for (size_t t = 0; t < pl->n_teams; t++)
		root[t] = rk_sets_find(root, t);
	free(owner);
	return RK_OK;
}

/* One job per cluster, in the order of their first teams; the teams of a
 * job chained in school order. */
static enum rk_status make_jobs(struct pool *pl)
{
	size_t *root = malloc((pl->n_teams + 1) * sizeof(*root));
	size_t *last = malloc((pl->n_teams + 1) * sizeof(*last));
	enum rk_status status = RK_ERR_NOMEM;
	if (!root || !last || clusters(pl, root) != RK_OK)
		goto out;
	for (size_t t = 0; t < pl->n_teams; t++) {
		pl->next_in_job[t] = pl->n_teams;
		if (root[t] == t) {
			struct job *j = &pl->jobs[pl->n_jobs];
			j->first = t;
			j->plan = rk_plan_new();
			if (!j->plan)
				goto out;
			pl->teams[t].job = pl->n_jobs++;
		} else {
			pl->teams[t].job = pl->teams[root[t]].job;
			pl->next_in_job[last[root[t]]] = t;
		}
		last[root[t]] = t;
	}
	status = RK_OK;
out:
	free(root);
	free(last);
	return status;
}

static void run_job(struct pool *pl, struct job *j)
{
	struct rk_planctx w = *pl->ctx;
	w.plan = j->plan;
	w.base = pl->ctx->plan;
	for (size_t t = j->first; t < pl->n_teams; t = pl->next_in_job[t]) {
		struct team_out *o = &pl->teams[t];
		w.diags = o->diags;
		w.infeasible = 0;
		o->events = rk_plan_n_events(j->plan);
		o->reports = rk_plan_n_reports(j->plan);
		o->status = rk_step_sessions_team(
			&w, &pl->ctx->groups[o->group], o->p);
		o->events_end = rk_plan_n_events(j->plan);
		o->reports_end = rk_plan_n_reports(j->plan);
		o->infeasible = w.infeasible;
		if (o->status != RK_OK)
			return; /* one thread would have stopped here too */
	}
}

/* rk_parallel_each's call for job @j. */
static void run_one(void *data, size_t j)
{
	struct pool *pl = data;
	run_job(pl, &pl->jobs[j]);
}

static enum rk_status merge_team(struct rk_planctx *ctx,
				 const struct team_out *o,
				 const struct rk_plan *from)
{
	for (size_t e = o->events; e < o->events_end; e++)
		if (!rk_plan_add_copy(ctx->plan, rk_plan_event(from, e)))
			return RK_ERR_NOMEM;
	for (size_t r = o->reports; r < o->reports_end; r++) {
		struct rk_solve_report rep = *rk_plan_report(from, r);
		rep.model = rk_plan_strdup(ctx->plan, rep.model);
		if (!rep.model || rk_plan_add_report(ctx->plan, rep) != RK_OK)
			return RK_ERR_NOMEM;
	}
	rk_diags_append(ctx->diags, o->diags);
	ctx->infeasible += o->infeasible;
	return RK_OK;
}

/* Every team's results in school order; at the first team that failed
 * the rest is dropped, as one thread would not have planned it. */
static enum rk_status merge(struct pool *pl)
{
	for (size_t t = 0; t < pl->n_teams; t++) {
		const struct team_out *o = &pl->teams[t];
		enum rk_status status =
			merge_team(pl->ctx, o, pl->jobs[o->job].plan);
		if (status == RK_OK)
			status = o->status;
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

static void release(struct pool *pl)
{
	for (size_t t = 0; pl->teams && t < pl->n_teams; t++)
		rk_diags_free(pl->teams[t].diags);
	for (size_t j = 0; pl->jobs && j < pl->n_jobs; j++)
		rk_plan_free(pl->jobs[j].plan);
	free(pl->teams);
	free(pl->jobs);
	free(pl->next_in_job);
}

enum rk_status rk_step_sessions_parallel(struct rk_planctx *ctx,
					 const struct rk_period *const *periods,
					 const size_t *groups, size_t n)
{
	struct pool pl = { .ctx = ctx, .n_teams = n };
	pl.teams = calloc(n + 1, sizeof(*pl.teams));
	pl.jobs = calloc(n + 1, sizeof(*pl.jobs));
	pl.next_in_job = calloc(n + 1, sizeof(*pl.next_in_job));
	enum rk_status status = RK_ERR_NOMEM;
	if (!pl.teams || !pl.jobs || !pl.next_in_job)
		goto out;
	for (size_t t = 0; t < n; t++) {
		pl.teams[t].group = groups[t];
		pl.teams[t].p = periods[t];
		pl.teams[t].status = RK_OK;
		pl.teams[t].diags = rk_diags_new();
		if (!pl.teams[t].diags)
			goto out;
	}
	if (make_jobs(&pl) != RK_OK)
		goto out;
	rk_parallel_each(ctx, pl.n_jobs, run_one, &pl);
	status = merge(&pl);
out:
	release(&pl);
	return status;
}

/* rk_parallel_each: the calls, and the next one to take. */
struct each {
	void (*fn)(void *data, size_t i);
	void *data;
	size_t n;
	size_t next;
	pthread_mutex_t lock;
};

static void take_each(struct each *e)
{
	for (;;) {
		pthread_mutex_lock(&e->lock);
		size_t i = e->next++;
		pthread_mutex_unlock(&e->lock);
		if (i >= e->n)
			return;
		e->fn(e->data, i);
	}
}

static void *each_worker(void *data)
{
	rk_mip_thread_init();
	take_each(data);
	rk_mip_thread_cleanup();
	return NULL;
}

void rk_parallel_each(const struct rk_planctx *ctx, size_t n,
		      void (*fn)(void *data, size_t i), void *data)
{
	struct each e = { .fn = fn, .data = data, .n = n };
	size_t threads =
		ctx->options->jobs > 1 ? (size_t)ctx->options->jobs : 1;
	if (threads > n)
		threads = n;
	pthread_t *tid = threads > 1 ? calloc(threads, sizeof(*tid)) : NULL;
	size_t started = 0;
	/* Without a lock or threads: every call on this one, the same. */
	if (tid && pthread_mutex_init(&e.lock, NULL) != 0) {
		free(tid);
		tid = NULL;
	}
	if (!tid) {
		for (size_t i = 0; i < n; i++)
			fn(data, i);
		return;
	}
	for (size_t i = 1; i < threads; i++) {
		if (pthread_create(&tid[started], NULL, each_worker, &e) != 0)
			break; /* fewer threads: the same work, later */
		started++;
	}
	take_each(&e);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&e.lock);
	free(tid);
}
