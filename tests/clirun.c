/* clirun.c - running the real ritmiek program from the CLI tests. */
#include "config.h"

#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clirun.h"
#include "testutil.h"

static int temp_file(char *name)
{
	int fd = mkstemp(name);
	ck_assert_int_ge(fd, 0);
	return fd;
}

#define MAX_ARGS 32

/* The command line to exec: $RITMIEK_RUNNER's words (e.g. valgrind and its
 * options), then $RITMIEK, then @argv[1..]. */
static void build_argv(const char *prog, const char *const *argv, char *words,
		       char **out)
{
	size_t n = 0;
	for (char *w = words; w && *w && n < MAX_ARGS - 1;) {
		while (*w == ' ')
			*w++ = '\0';
		if (!*w)
			break;
		out[n++] = w;
		while (*w && *w != ' ')
			w++;
	}
	out[n++] = (char *)prog;
	for (size_t i = 1; argv[i] && n < MAX_ARGS - 1; i++)
		out[n++] = (char *)argv[i];
	out[n] = NULL;
}

/* Runs $RITMIEK with @argv (NULL-terminated, argv[0] included) in $srcdir,
 * so that the paths in its messages are relative and stable, with @env
 * ("NAME=value" strings, NULL-terminated; may be NULL) added to its
 * environment; after @kill_us microseconds (0: never) it gets SIGTERM. A
 * run ended by a signal has status 128 + the signal, as a shell says. */
struct run run_ritmiek_with(const char *const *argv, const char *const *env,
			    long kill_us)
{
	const char *prog = getenv("RITMIEK");
	ck_assert_msg(prog != NULL,
		      "RITMIEK is not set (run through make check)");
	char out_name[] = "/tmp/ritmiek-out-XXXXXX";
	char err_name[] = "/tmp/ritmiek-err-XXXXXX";
	int out_fd = temp_file(out_name), err_fd = temp_file(err_name);
	char *dir = rk_test_path("");
	/* A SIGTERM must reach the child only with the default action: one
	 * that came before its exec would otherwise run the test runner's
	 * handler in the copy of the test. */
	sigset_t term, before;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &before);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &before, NULL);
		if (chdir(dir) != 0 || dup2(out_fd, 1) < 0 ||
		    dup2(err_fd, 2) < 0)
			_exit(127);
		/* rebalance refuses a --from before today: the suite's
		 * rebalances are made on a fixed day before the test schools'
		 * years, whatever day it runs (@env may name another). */
		if (argv[1] && !strcmp(argv[1], "rebalance"))
			putenv("SOURCE_DATE_EPOCH=1785542400"); /* 2026-08-01 */
		for (size_t i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		const char *runner = getenv("RITMIEK_RUNNER");
		char *words = runner ? strdup(runner) : NULL;
		char *args[MAX_ARGS];
		build_argv(prog, argv, words, args);
		execvp(args[0], args);
		_exit(127);
	}
	sigprocmask(SIG_SETMASK, &before, NULL);
	if (kill_us > 0) {
		usleep((useconds_t)kill_us);
		kill(pid, SIGTERM);
	}
	int wstatus;
	ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
	close(out_fd);
	close(err_fd);
	free(dir);
	int status = WIFEXITED(wstatus)	    ? WEXITSTATUS(wstatus)
		     : WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
					    : -1;
	struct run r = { status, rk_test_slurp(out_name),
			 rk_test_slurp(err_name) };
	unlink(out_name);
	unlink(err_name);
	return r;
}

struct run run_ritmiek(const char *const *argv)
{
	return run_ritmiek_with(argv, NULL, 0);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

char *temp_dir(void)
{
	char *dir = strdup("/tmp/ritmiek-cli-XXXXXX");
	ck_assert_ptr_nonnull(dir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a plan directory the test made (under /tmp) with all it holds. */
void remove_dir(char *dir)
{
	ck_assert(!strncmp(dir, "/tmp/ritmiek-cli-", 17));
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

char *dir_file(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return rk_test_slurp(path);
}

/* ritmiek plan, then ritmiek verify on what it wrote. */
void plan_and_verify(const char *school, char *dir)
{
	const char *plan[] = {
		"ritmiek", "plan", "-q", "-o", dir, school, NULL
	};
	struct run r = run_ritmiek(plan);
	ck_assert_msg(r.status == 0, "%s: %s", school, r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	verify_ok(school, dir);
}

void verify_ok(const char *school, const char *dir)
{
	const char *verify[] = { "ritmiek", "verify", school, dir, NULL };
	struct run r = run_ritmiek(verify);
	ck_assert_msg(r.status == 0, "%s: %.2000s", school, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "all hard rules kept"));
	run_free(&r);
}
