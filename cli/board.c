/* board.c - `ritmiek plan` of a board: every school in a worker process of
 * its own, so that a school that fails or crashes takes no other down;
 * then the people at several schools (doc/board.md). */
#include "config.h"

#include "board.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "board_file.h"
#include "board_people.h"
#include "cmd.h"
#include "i18n.h"
#include "output.h"
#include "plan_file.h"

/* One school of the board. */
struct job {
	const char *path;
	struct rk_school *school; /* read before planning; NULL: failed */
	char *dir;		  /* BOARDDIR/<id> */
	char *log;		  /* BOARDDIR/logs/<id>.log */
	pid_t pid;		  /* 0: not started */
	int result_fd;
	bool done;
	struct rk_board_result res;
};

struct board {
	const struct rk_board_run *run;
	struct job *jobs;
	size_t n;
	size_t printed; /* the lines said so far, in the list's order */
	int worst;	/* the largest exit status */
};

static char *join(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return RK_EXIT_OK;
	fprintf(stderr, "ritmiek: %s: %s\n", dir, strerror(errno));
	return RK_EXIT_FAILURE;
}

/* Reads each school file for its id; a school whose file has errors, or
 * whose id an earlier school has, is not planned (exit 1). */
static void read_schools(struct board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct job *j = &b->jobs[i];
		struct rk_diags *diags = rk_diags_new();
		j->done = true;
		j->res.exit = RK_EXIT_INPUT;
		if (!diags) {
			j->res.exit = RK_EXIT_FAILURE;
			continue;
		}
		if (rk_board_school_read(j->path, &j->school, diags) != RK_OK) {
			rk_cli_print_diags(stderr, diags);
			rk_diags_free(diags);
			continue;
		}
		rk_diags_free(diags);
		const char *id = rk_school_get_info(j->school)->id;
		/* The board's own folders. */
		if (!strcmp(id, "logs") || !strcmp(id, "people")) {
			fprintf(stderr,
				_("ritmiek: %s: error: school id '%s' names a "
				  "folder of the board itself; choose another\n"),
				j->path, id);
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (b->jobs[k].school &&
			    !strcmp(rk_school_get_info(b->jobs[k].school)->id,
				    id)) {
				fprintf(stderr,
					_("ritmiek: %s: error: school id '%s' is "
					  "that of %s too; each school of a "
					  "board needs its own\n"),
					j->path, id, b->jobs[k].path);
				id = NULL;
				break;
			}
		if (!id)
			continue;
		j->dir = join(b->run->out, "/", id);
		char *logs = join(b->run->out, "/logs/", id);
		j->log = logs ? join(logs, ".log", "") : NULL;
		free(logs);
		if (!j->dir || !j->log) {
			j->res.exit = RK_EXIT_FAILURE;
			continue;
		}
		j->done = false;
	}
}

/* The worker: plans the school with its output in its log, sends the
 * result and ends. It never returns. */
static void work(const struct board *b, const struct job *j, int log,
		 int result)
{
	struct rk_board_result res = { 0 };
	if (dup2(log, STDOUT_FILENO) < 0 || dup2(log, STDERR_FILENO) < 0)
		_exit(RK_EXIT_FAILURE);
	res.exit = b->run->plan_one(j->path, j->dir, &res, b->run->data);
	fflush(NULL);
	/* Smaller than PIPE_BUF: written whole, and never waits. */
	if (write(result, &res, sizeof(res)) != (ssize_t)sizeof(res))
		_exit(RK_EXIT_FAILURE);
	_exit(res.exit);
}

static bool start(struct board *b, struct job *j)
{
	int fds[2];
	int log = open(j->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log < 0 || pipe(fds) != 0) {
		fprintf(stderr, "ritmiek: %s: %s\n", j->log, strerror(errno));
		if (log >= 0)
			close(log);
		return false;
	}
	fflush(NULL); /* else the worker prints what we buffered too */
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		work(b, j, log, fds[1]);
	}
	close(fds[1]);
	close(log);
	if (pid < 0) {
		fprintf(stderr, _("ritmiek: cannot start a worker: %s\n"),
			strerror(errno));
		close(fds[0]);
		return false;
	}
	j->pid = pid;
	j->result_fd = fds[0];
	return true;
}

/* After the worker of @j ended with @wstatus. */
static void finish(struct job *j, int wstatus)
{
	struct rk_board_result res = { 0 };
	ssize_t got = read(j->result_fd, &res, sizeof(res));
	close(j->result_fd);
	j->done = true;
	if (got == (ssize_t)sizeof(res))
		j->res = res;
	else if (WIFSIGNALED(wstatus))
		j->res.exit = 128 + WTERMSIG(wstatus);
	else
		j->res.exit = WIFEXITED(wstatus) && WEXITSTATUS(wstatus)
				      ? WEXITSTATUS(wstatus)
				      : RK_EXIT_FAILURE;
}

static const char *why(int exit)
{
	switch (exit) {
	case RK_EXIT_INPUT:
		return _("errors in the input");
	case RK_EXIT_INFEASIBLE:
		return _("a hard rule cannot be kept");
	case RK_EXIT_FAILURE:
		return _("failure");
	default:
		return exit > 128 ? _("the worker was killed") : _("failure");
	}
}

static void say(struct board *b, const struct job *j)
{
	const char *id = j->school ? rk_school_get_info(j->school)->id : NULL;
	if (j->res.exit > b->worst)
		b->worst = j->res.exit;
	if (j->res.exit == RK_EXIT_OK) {
		if (!b->run->quiet && !b->run->people_only)
			printf(_("ritmiek: %s: planned %zu events in %zu "
				 "periods (%zu duos) into %s\n"),
			       id, j->res.events, j->res.periods, j->res.duos,
			       j->dir);
		return;
	}
	if (j->pid)
		printf(_("ritmiek: %s: not planned (exit %d: %s); see %s\n"),
		       id, j->res.exit, why(j->res.exit), j->log);
	else
		printf(_("ritmiek: %s: not planned (exit %d: %s)\n"), j->path,
		       j->res.exit, why(j->res.exit));
}

/* The lines of the schools done, in the list's order, up to the first
 * that is not. */
static void say_done(struct board *b)
{
	while (b->printed < b->n && b->jobs[b->printed].done)
		say(b, &b->jobs[b->printed++]);
	fflush(stdout);
}

static void fail(struct job *j)
{
	j->done = true;
	j->res.exit = RK_EXIT_FAILURE;
}

static struct job *job_of(struct board *b, pid_t pid)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].pid == pid && !b->jobs[i].done)
			return &b->jobs[i];
	return NULL;
}

/* A school in the order of starting: its size (people) and place. */
struct turn {
	size_t size;
	size_t job;
};

static int larger_first(const void *pa, const void *pb)
{
	const struct turn *a = pa, *b = pb;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return a->job < b->job ? -1 : a->job > b->job;
}

static void plan_all(struct board *b)
{
	size_t next = 0;
	int running = 0;
	/* The largest schools first, so that the last to finish is a small
	 * one and the workers stay busy to the end; the lines still come in
	 * the list's order. */
	struct turn *order = malloc((b->n ? b->n : 1) * sizeof(*order));
	if (!order) {
		for (size_t i = 0; i < b->n; i++)
			if (!b->jobs[i].done)
				fail(&b->jobs[i]);
		say_done(b);
		return;
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct rk_school *s = b->jobs[i].school;
		order[i] = (struct turn){ s ? rk_school_n_person(s) : 0, i };
	}
	qsort(order, b->n, sizeof(*order), larger_first);
	for (;;) {
		while (running < b->run->jobs && next < b->n) {
			struct job *j = &b->jobs[order[next++].job];
			if (j->done)
				continue;
			if (start(b, j))
				running++;
			else
				fail(j);
		}
		say_done(b);
		if (running == 0)
			break;
		int wstatus;
		pid_t pid = waitpid(-1, &wstatus, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		struct job *j = pid > 0 ? job_of(b, pid) : NULL;
		if (!j)
			break; /* no child left: cannot be */
		finish(j, wstatus);
		running--;
	}
	free(order);
}

/* --people-only: each school counts as planned when its plan is there. */
static void take_plans(struct board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct job *j = &b->jobs[i];
		char *path = j->done ? NULL : join(j->dir, "/plan.tsv", "");
		if (!j->done) {
			j->done = true;
			j->res.exit = path && access(path, R_OK) == 0
					      ? RK_EXIT_OK
					      : RK_EXIT_INPUT;
			if (j->res.exit != RK_EXIT_OK)
				fprintf(stderr, _("ritmiek: %s: no plan\n"),
					path ? path : j->dir);
		}
		free(path);
	}
}

/* A person of a school who may be at other schools too. */
struct entry {
	char *key;
	size_t job;
	int person;
	bool shared; /* at another school of the board as well */
};

static int by_key(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	if (a->job != b->job)
		return a->job < b->job ? -1 : 1;
	return a->person - b->person;
}

static void entries_free(struct entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++)
		free(e[i].key);
	free(e);
}

/* Every person with a key, sorted by key; each marked when another
 * school has the same key. NULL when out of memory. */
static struct entry *entries_of(const struct board *b, size_t *n)
{
	size_t cap = 0, k = 0;
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].school)
			cap += rk_school_n_person(b->jobs[i].school);
	struct entry *e = calloc(cap ? cap : 1, sizeof(*e));
	for (size_t i = 0; e && i < b->n; i++) {
		const struct rk_school *s = b->jobs[i].school;
		size_t np = s ? rk_school_n_person(s) : 0;
		for (size_t p = 0; p < np; p++) {
			char key[1024];
			if (!rk_board_person_key(s, (int)p, key, sizeof(key)))
				continue;
			e[k] = (struct entry){ strdup(key), i, (int)p, false };
			if (!e[k++].key) {
				entries_free(e, k);
				*n = 0;
				return NULL;
			}
		}
	}
	*n = k;
	if (e && k)
		qsort(e, k, sizeof(*e), by_key);
	for (size_t i = 0; e && i < k;) {
		size_t end = i + 1;
		bool other = false;
		while (end < k && !strcmp(e[end].key, e[i].key)) {
			other = other || e[end].job != e[i].job;
			end++;
		}
		for (; i < end; i++)
			e[i].shared = other;
	}
	return e;
}

/* Adds the shared people of school @job from its plan.tsv. */
static enum rk_status gather_school(struct board *b, size_t job,
				    const struct entry *e, size_t n,
				    struct rk_board_people *bp,
				    struct rk_diags *diags)
{
	const struct job *j = &b->jobs[job];
	char *path = join(j->dir, "/plan.tsv", "");
	struct rk_plan *plan = NULL;
	enum rk_status status =
		path ? rk_plan_file_read(j->school, path, &plan, diags)
		     : RK_ERR_NOMEM;
	for (size_t i = 0; i < n && status == RK_OK; i++)
		if (e[i].shared && e[i].job == job)
			status = rk_board_people_add(bp, j->school, plan,
						     e[i].person, e[i].key);
	rk_plan_free(plan);
	free(path);
	return status;
}

/* Gathers the shared people's events of every school that has one;
 * *missing: how many such schools were not planned. */
static enum rk_status gather(struct board *b, const struct entry *e, size_t n,
			     struct rk_board_people *bp, size_t *missing,
			     struct rk_diags *diags)
{
	*missing = 0;
	for (size_t job = 0; job < b->n; job++) {
		bool has = false;
		for (size_t i = 0; i < n && !has; i++)
			has = e[i].shared && e[i].job == job;
		if (!has)
			continue;
		if (b->jobs[job].res.exit != RK_EXIT_OK) {
			++*missing;
			continue;
		}
		enum rk_status status = gather_school(b, job, e, n, bp, diags);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

/* One feed per shared person in BOARDDIR/people/feeds/, with index.tsv
 * saying whose is which: a plan directory of its own (output.h). */
static int write_people(struct board *b, struct rk_board_people *bp)
{
	char *dir = join(b->run->out, "/people", "");
	struct rk_feeds_options options = { 0 };
	struct rk_output o = { .school = rk_board_people_school(bp),
			       .plan = rk_board_people_plan(bp),
			       .feeds = true,
			       .feed_options = &options };
	struct rk_output_result res;
	int rc = dir ? rk_cli_output(dir, &o, &res, true) : RK_EXIT_FAILURE;
	if (rc == RK_EXIT_OK && !b->run->quiet)
		printf(P_("ritmiek: wrote the feeds of %zu person at several "
			  "schools to %s/feeds (see %s/index.tsv)\n",
			  "ritmiek: wrote the feeds of %zu people at several "
			  "schools to %s/feeds (see %s/index.tsv)\n",
			  rk_school_n_person(o.school)),
		       rk_school_n_person(o.school), dir, dir);
	free(dir);
	return rc;
}

/* The people at several schools: never at two at once, and one feed
 * each. Returns the exit status of this step. */
static int shared_people(struct board *b)
{
	size_t n = 0, missing = 0;
	struct entry *e = entries_of(b, &n);
	const char *name =
		b->run->name && *b->run->name ? b->run->name : "Bestuur";
	struct rk_board_people *bp = rk_board_people_new("board", name);
	struct rk_diags *diags = rk_diags_new();
	int rc = RK_EXIT_FAILURE;
	if (!e || !bp || !diags)
		goto out;
	if (gather(b, e, n, bp, &missing, diags) != RK_OK) {
		rk_cli_print_diags(stderr, diags);
		goto out;
	}
	rc = RK_EXIT_OK;
	if (rk_school_n_person(rk_board_people_school(bp)) == 0)
		goto out;
	size_t clashes = rk_board_people_check(bp, diags);
	rk_cli_print_diags(stderr, diags);
	if (clashes) {
		fprintf(stderr,
			P_("ritmiek: %zu time a person is at two schools at "
			   "once; their feeds are not written\n",
			   "ritmiek: %zu times a person is at two schools at "
			   "once; their feeds are not written\n",
			   clashes),
			clashes);
		rc = RK_EXIT_INFEASIBLE;
	} else if (missing) {
		fprintf(stderr,
			P_("ritmiek: %zu school with people at other schools "
			   "too was not planned; those people's feeds are not "
			   "written\n",
			   "ritmiek: %zu schools with people at other schools "
			   "too were not planned; those people's feeds are not "
			   "written\n",
			   missing),
			missing);
	} else if (!b->run->no_feeds) {
		rc = write_people(b, bp);
	}
out:
	rk_diags_free(diags);
	rk_board_people_free(bp);
	entries_free(e, n);
	return rc;
}

int rk_board_plan(const char *const *schools, size_t n,
		  const struct rk_board_run *run)
{
	struct board b = { .run = run, .n = n };
	int rc = make_dir(run->out);
	char *logs = join(run->out, "/logs", "");
	b.jobs = calloc(n ? n : 1, sizeof(*b.jobs));
	if (!logs || !b.jobs) {
		fprintf(stderr, "ritmiek: %s\n", rk_strerror(RK_ERR_NOMEM));
		rc = RK_EXIT_FAILURE;
	}
	if (rc == RK_EXIT_OK)
		rc = make_dir(logs);
	if (rc != RK_EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		b.jobs[i].path = schools[i];
	read_schools(&b);
	if (run->people_only)
		take_plans(&b);
	else
		plan_all(&b);
	size_t planned = 0;
	for (size_t i = 0; i < n; i++)
		planned += b.jobs[i].res.exit == RK_EXIT_OK;
	int people = shared_people(&b);
	if (people > b.worst)
		b.worst = people;
	if (run->people_only && !run->quiet)
		printf(P_("ritmiek: took the plans of %zu of %zu school in %s\n",
			  "ritmiek: took the plans of %zu of %zu schools in %s\n",
			  n),
		       planned, n, run->out);
	else if (!run->people_only && (!run->quiet || planned < n))
		printf(P_("ritmiek: planned %zu of %zu school into %s\n",
			  "ritmiek: planned %zu of %zu schools into %s\n", n),
		       planned, n, run->out);
	rc = b.worst;
out:
	for (size_t i = 0; b.jobs && i < n; i++) {
		rk_school_free(b.jobs[i].school);
		free(b.jobs[i].dir);
		free(b.jobs[i].log);
	}
	free(b.jobs);
	free(logs);
	return rc;
}
