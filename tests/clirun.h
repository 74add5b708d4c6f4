/* clirun.h - running the real ritmiek program from the CLI tests
 * (test_cli.c, test_init.c). */
#ifndef RK_TEST_CLIRUN_H
#define RK_TEST_CLIRUN_H

#include <check.h>

/* What one run of the real program gave. */
struct run {
	int status;
	char *out;
	char *err;
};

/* Runs $RITMIEK with @argv (NULL-terminated, argv[0] included) in $srcdir,
 * so that the paths in its messages are relative and stable, with @env
 * ("NAME=value" strings, NULL-terminated; may be NULL) added to its
 * environment; after @kill_us microseconds (0: never) it gets SIGTERM. A
 * run ended by a signal has status 128 + the signal, as a shell says. */
struct run run_ritmiek_with(const char *const *argv, const char *const *env,
			    long kill_us);
struct run run_ritmiek(const char *const *argv);
void run_free(struct run *r);

/* A new folder /tmp/ritmiek-cli-XXXXXX (caller removes with remove_dir). */
char *temp_dir(void);
/* Removes a folder temp_dir made, with all it holds, and frees @dir. */
void remove_dir(char *dir);
/* The contents of @dir/@name (caller frees). */
char *dir_file(const char *dir, const char *name);

/* ritmiek plan, then ritmiek verify on what it wrote: both must succeed. */
void plan_and_verify(const char *school, char *dir);
/* ritmiek verify on the plan directory @dir accepts it. */
void verify_ok(const char *school, const char *dir);

#endif
